//! The sections of an evidence file and the fields the engine fixes in them.

use crate::base::diag::ValueKind;

/// A section of an evidence file, in the order `evidence-format.md` gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `[unit]`: who the evidence is about.
    Unit,
    /// `[period]`: the evaluation period, both days inclusive.
    Period,
    /// `[inputs]`: the figures the criteria set declares.
    Inputs,
    /// `[[incidents]]`: the incident register.
    Incidents,
}

/// A field of `[unit]`, `[period]` or an `[[incidents]]` entry.
///
/// There is no field for a name, an address or an identity number: the register cannot carry
/// personal data, and an unknown field is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `unit.code`: the official administrative code, digits, unique in a round.
    UnitCode,
    /// `unit.name`: e.g. "Sơn Thượng".
    UnitName,
    /// `unit.kind`: a unit kind the criteria set declares (`xa`, `phuong`, …).
    UnitKind,
    /// `unit.class`: a class of the criteria set (its threshold).
    UnitClass,
    /// `unit.synthetic`: the data is illustrative (default false).
    UnitSynthetic,
    /// `period.from`: the first day evaluated.
    PeriodFrom,
    /// `period.to`: the last day evaluated.
    PeriodTo,
    /// An incident's `id`: a short code unique in the file, never a name.
    IncidentId,
    /// An incident's `date`.
    IncidentDate,
    /// An incident's `kind`: declared by the criteria set or the policy.
    IncidentKind,
    /// An incident's `fatal`: a child died (default false).
    IncidentFatal,
    /// An incident's `support_plan_approved`: a support plan was approved for the child
    /// (default false).
    IncidentSupportPlanApproved,
    /// An incident's `note`: free text for the council, never copied into results.
    IncidentNote,
    /// An incident's `support_plan_approved_by`: who approved its support plan, as a [`Role`]
    /// (never a person's name); optional.
    IncidentSupportPlanApprovedBy,
    /// An incident's `support_plan_approved_on`: the day its support plan was approved;
    /// optional.
    IncidentSupportPlanApprovedOn,
}

/// Who approved a support plan, by office: never a person's name. Decree 56/2017/NĐ-CP Art. 28
/// cl. 4 has the commune chair approve it.
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The chair of the commune People's Committee (Chủ tịch Ủy ban nhân dân cấp xã).
    CommuneChair,
    /// A vice-chair of the commune People's Committee.
    CommuneViceChair,
    /// Anyone else.
    Other,
}

impl Role {
    /// Every role, in the order forms offer them.
    pub const ALL: [Role; 3] = [Role::CommuneChair, Role::CommuneViceChair, Role::Other];

    /// Its id in a file: `commune_chair`, `commune_vice_chair`, `other`.
    pub const fn id(self) -> &'static str {
        match self {
            Role::CommuneChair => "commune_chair",
            Role::CommuneViceChair => "commune_vice_chair",
            Role::Other => "other",
        }
    }

    /// The role of an id.
    pub fn of(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// What a field holds, as the parser checks it and the forms offer it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Digits: an administrative code.
    Code,
    /// Printable text of a name's length.
    Name,
    /// A unit kind's id.
    UnitKind,
    /// A class id.
    Class,
    /// Yes or no; absent means no.
    Flag,
    /// A day.
    Date,
    /// A short code (`^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$`).
    ShortCode,
    /// An incident kind's id.
    IncidentKind,
    /// Printable free text of a note's length.
    Note,
    /// A [`Role`]'s id.
    Role,
}

impl Shape {
    /// The kind of TOML value it is written as.
    pub const fn value_kind(self) -> ValueKind {
        match self {
            Shape::Flag => ValueKind::Boolean,
            Shape::Date => ValueKind::Date,
            _ => ValueKind::Text,
        }
    }
}

/// The fields of `[unit]`, in file order.
pub const UNIT_FIELDS: &[Field] = Field::ALL.split_at(5).0;
/// The fields of `[period]`.
pub const PERIOD_FIELDS: &[Field] = Field::ALL.split_at(5).1.split_at(2).0;
/// The fields of an `[[incidents]]` entry. Those added later come last, so that a form made
/// before them keeps its columns.
pub const INCIDENT_FIELDS: &[Field] = Field::ALL.split_at(7).1;

/// The sections of an evidence file, as written.
pub const SECTIONS: [&str; 4] = [
    Section::Unit.key(),
    Section::Period.key(),
    Section::Inputs.key(),
    Section::Incidents.key(),
];
/// The keys of `[unit]`.
pub const UNIT_KEYS: [&str; 5] = keys(UNIT_FIELDS);
/// The keys of `[period]`: both days inclusive.
pub const PERIOD_KEYS: [&str; 2] = keys(PERIOD_FIELDS);
/// The keys of an `[[incidents]]` entry.
pub const INCIDENT_KEYS: [&str; 8] = keys(INCIDENT_FIELDS);

const fn keys<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].key();
        i += 1;
    }
    out
}

impl Section {
    /// Every section, in file order.
    pub const ALL: [Section; 4] = [
        Section::Unit,
        Section::Period,
        Section::Inputs,
        Section::Incidents,
    ];

    /// Its name in a file: `unit`, `period`, `inputs`, `incidents`.
    pub const fn key(self) -> &'static str {
        match self {
            Section::Unit => "unit",
            Section::Period => "period",
            Section::Inputs => "inputs",
            Section::Incidents => "incidents",
        }
    }

    /// The fields the engine fixes in it (none in `[inputs]`: the criteria set declares them).
    pub const fn fields(self) -> &'static [Field] {
        match self {
            Section::Unit => UNIT_FIELDS,
            Section::Period => PERIOD_FIELDS,
            Section::Inputs => &[],
            Section::Incidents => INCIDENT_FIELDS,
        }
    }
}

impl Field {
    /// Every field, in file order: the unit's, the period's, an incident's.
    pub const ALL: [Field; 15] = [
        Field::UnitCode,
        Field::UnitName,
        Field::UnitKind,
        Field::UnitClass,
        Field::UnitSynthetic,
        Field::PeriodFrom,
        Field::PeriodTo,
        Field::IncidentId,
        Field::IncidentDate,
        Field::IncidentKind,
        Field::IncidentFatal,
        Field::IncidentSupportPlanApproved,
        Field::IncidentNote,
        Field::IncidentSupportPlanApprovedBy,
        Field::IncidentSupportPlanApprovedOn,
    ];

    /// The section it belongs to.
    pub const fn section(self) -> Section {
        match self {
            Field::UnitCode
            | Field::UnitName
            | Field::UnitKind
            | Field::UnitClass
            | Field::UnitSynthetic => Section::Unit,
            Field::PeriodFrom | Field::PeriodTo => Section::Period,
            Field::IncidentId
            | Field::IncidentDate
            | Field::IncidentKind
            | Field::IncidentFatal
            | Field::IncidentSupportPlanApproved
            | Field::IncidentNote
            | Field::IncidentSupportPlanApprovedBy
            | Field::IncidentSupportPlanApprovedOn => Section::Incidents,
        }
    }

    /// Its key inside its section: `code`, `from`, `support_plan_approved`, …
    pub const fn key(self) -> &'static str {
        match self {
            Field::UnitCode => "code",
            Field::UnitName => "name",
            Field::UnitKind | Field::IncidentKind => "kind",
            Field::UnitClass => "class",
            Field::UnitSynthetic => "synthetic",
            Field::PeriodFrom => "from",
            Field::PeriodTo => "to",
            Field::IncidentId => "id",
            Field::IncidentDate => "date",
            Field::IncidentFatal => "fatal",
            Field::IncidentSupportPlanApproved => "support_plan_approved",
            Field::IncidentNote => "note",
            Field::IncidentSupportPlanApprovedBy => "support_plan_approved_by",
            Field::IncidentSupportPlanApprovedOn => "support_plan_approved_on",
        }
    }

    /// Its path as a unit's header field (`unit.code`, `period.from`); an incident's key for
    /// the fields of the register.
    pub const fn id(self) -> &'static str {
        match self {
            Field::UnitCode => "unit.code",
            Field::UnitName => "unit.name",
            Field::UnitKind => "unit.kind",
            Field::UnitClass => "unit.class",
            Field::UnitSynthetic => "unit.synthetic",
            Field::PeriodFrom => "period.from",
            Field::PeriodTo => "period.to",
            other => other.key(),
        }
    }

    /// The field of a section by its key.
    pub fn of(section: Section, key: &str) -> Option<Field> {
        section.fields().iter().copied().find(|f| f.key() == key)
    }

    /// What it holds.
    pub const fn shape(self) -> Shape {
        match self {
            Field::UnitCode => Shape::Code,
            Field::UnitName => Shape::Name,
            Field::UnitKind => Shape::UnitKind,
            Field::UnitClass => Shape::Class,
            Field::UnitSynthetic | Field::IncidentFatal | Field::IncidentSupportPlanApproved => {
                Shape::Flag
            }
            Field::PeriodFrom
            | Field::PeriodTo
            | Field::IncidentDate
            | Field::IncidentSupportPlanApprovedOn => Shape::Date,
            Field::IncidentId => Shape::ShortCode,
            Field::IncidentKind => Shape::IncidentKind,
            Field::IncidentNote => Shape::Note,
            Field::IncidentSupportPlanApprovedBy => Shape::Role,
        }
    }

    /// Whether a file must write it; an optional flag is false when absent, and who approved
    /// a plan and when are unknown.
    pub const fn required(self) -> bool {
        !matches!(
            self,
            Field::UnitSynthetic
                | Field::IncidentFatal
                | Field::IncidentSupportPlanApproved
                | Field::IncidentNote
                | Field::IncidentSupportPlanApprovedBy
                | Field::IncidentSupportPlanApprovedOn
        )
    }

    /// Whether a policy's script sees it on an incident (`i.kind`). The note is free text for
    /// people: no rule may depend on it.
    pub const fn seen_by_scripts(self) -> bool {
        matches!(self.section(), Section::Incidents) && !matches!(self, Field::IncidentNote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_in_its_sections_list_once_and_found_by_its_key() {
        for f in Field::ALL {
            let listed = f.section().fields().iter().filter(|g| **g == f).count();
            assert_eq!(listed, 1, "{f:?}");
            assert_eq!(Field::of(f.section(), f.key()), Some(f));
        }
        let listed: Vec<Field> = Section::ALL
            .iter()
            .flat_map(|s| s.fields())
            .copied()
            .collect();
        assert_eq!(listed, Field::ALL);
    }
}
