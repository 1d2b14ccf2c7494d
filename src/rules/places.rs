//! Where the parts of a loaded rule file are written: what the analysis of the rules needs to
//! locate a finding about a part that loaded well (its line and column, 1-based).

/// A line and a column of the rule file, 1-based.
pub(crate) type At = (usize, usize);

/// The places of a criteria set's parts, in the order the set declares them.
#[derive(Clone, Debug, Default)]
pub(crate) struct SetPlaces {
    /// The set's `id`.
    pub(crate) id: At,
    /// Each `[[inputs]]` entry.
    pub(crate) inputs: Vec<At>,
    /// Each `[[derived]]` entry.
    pub(crate) derived: Vec<At>,
    /// Each criterion's `id`.
    pub(crate) criteria: Vec<At>,
    /// Each indicator's `max_points`, criterion by criterion.
    pub(crate) indicator_max: Vec<At>,
    /// The first `[[conditions]]` entry.
    pub(crate) conditions: Option<At>,
}

/// The places of a policy's disqualifiers, in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct PolicyPlaces {
    /// Each disqualifier's `id`.
    pub(crate) ids: Vec<At>,
    /// Each disqualifier's `kinds`, when written.
    pub(crate) kinds: Vec<Option<At>>,
    /// Each disqualifier's `script`, when written.
    pub(crate) scripts: Vec<Option<At>>,
}
