//! The settings of `round.toml` that a council writes.

use crate::base::diag::ValueKind;

/// A setting of `round.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Setting {
    /// `name`: the round's title.
    Name,
    /// `year`: the calendar year evaluated.
    Year,
    /// `province`: the province's code in the official list (optional).
    Province,
    /// `criteria`: the criteria set.
    Criteria,
    /// `policy`: the local policy (optional).
    Policy,
    /// `authority`: the recognising authority.
    Authority,
    /// `council`: the assessment council.
    Council,
    /// `place`: the place of signature.
    Place,
    /// `decision_date`: the date printed on the decision.
    DecisionDate,
    /// `chair_title`: the title of the council's chair (optional).
    ChairTitle,
    /// `preparer_title`: the title of who prepared the dossier (optional).
    PreparerTitle,
}

impl Setting {
    /// Every setting, in the order a `round.toml` writes them.
    pub const ALL: [Setting; 11] = [
        Setting::Name,
        Setting::Year,
        Setting::Province,
        Setting::Criteria,
        Setting::Policy,
        Setting::Authority,
        Setting::Council,
        Setting::Place,
        Setting::DecisionDate,
        Setting::ChairTitle,
        Setting::PreparerTitle,
    ];

    /// Its key in `round.toml`.
    pub const fn key(self) -> &'static str {
        match self {
            Setting::Name => "name",
            Setting::Year => "year",
            Setting::Province => "province",
            Setting::Criteria => "criteria",
            Setting::Policy => "policy",
            Setting::Authority => "authority",
            Setting::Council => "council",
            Setting::Place => "place",
            Setting::DecisionDate => "decision_date",
            Setting::ChairTitle => "chair_title",
            Setting::PreparerTitle => "preparer_title",
        }
    }

    /// Its id on a round workbook's sheet: `round.` and its key.
    pub const fn id(self) -> &'static str {
        match self {
            Setting::Name => "round.name",
            Setting::Year => "round.year",
            Setting::Province => "round.province",
            Setting::Criteria => "round.criteria",
            Setting::Policy => "round.policy",
            Setting::Authority => "round.authority",
            Setting::Council => "round.council",
            Setting::Place => "round.place",
            Setting::DecisionDate => "round.decision_date",
            Setting::ChairTitle => "round.chair_title",
            Setting::PreparerTitle => "round.preparer_title",
        }
    }

    /// The setting of a key.
    pub fn of(key: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The kind of TOML value it is written as.
    pub const fn value_kind(self) -> ValueKind {
        match self {
            Setting::Year => ValueKind::WholeNumber,
            Setting::DecisionDate => ValueKind::Date,
            _ => ValueKind::Text,
        }
    }

    /// Whether it is printed on the dossiers (so every character must be drawable).
    pub const fn printed(self) -> bool {
        matches!(
            self,
            Setting::Name
                | Setting::Authority
                | Setting::Council
                | Setting::Place
                | Setting::ChairTitle
                | Setting::PreparerTitle
        )
    }
}
