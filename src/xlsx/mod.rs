//! Spreadsheets in and out: the workbooks councils fill in, and the results they read.
//!
//! Every workbook is generated from a criteria set ([`template()`]), never kept by hand, and
//! read back ([`import()`]) into evidence TOML text that [`crate::Evidence::parse`] validates:
//! the spreadsheet is only another door into the same checks. [`results()`] writes a round's
//! results as a workbook with exact numeric cells.
//!
//! Layout: a workbook holds the sheets named by [`SHEET_INFO`], [`SHEET_INPUTS`],
//! [`SHEET_INCIDENTS`] and [`SHEET_GUIDE`], plus a hidden sheet [`SHEET_META`] that records
//! which criteria set and layout it was made for and holds the lists behind the drop-downs.

pub mod import;
pub mod intake;
pub mod results;
pub mod template;

use crate::evidence::{IncidentKind, KindDef, UnitKind};
use crate::form::{Field, Setting};
use crate::rules::criteria::CriteriaSet;
use crate::words::glossary::Term;

pub use import::{CellProblem, ImportError, Imported, ImportedUnit, import, limits};
pub use results::results;
pub use template::{Layout, Prefill, TemplateOptions, template, template_in};

/// The unit header and period (per unit), or the round's settings (per round).
pub const SHEET_INFO: &str = "Thông tin";
/// The declared inputs: one row each (per unit), or one column each (per round).
pub const SHEET_INPUTS: &str = Term::Indicator.vi();
/// The incident register.
pub const SHEET_INCIDENTS: &str = "Sự việc";
/// How to fill the workbook in.
pub const SHEET_GUIDE: &str = "Hướng dẫn";
/// Hidden: the layout, the criteria set id, and the drop-down lists.
pub const SHEET_META: &str = "cfc";

/// The header fields of a form, in order: the unit, then its period. Per unit one row each
/// on [`SHEET_INFO`], per round one column each on [`SHEET_INPUTS`]; each is written with its
/// id (`unit.code`, …).
pub(crate) const HEADER_FIELDS: &[Field] = Field::ALL.split_at(7).0;

/// The round settings of a round workbook's [`SHEET_INFO`], one row each, by their ids
/// (`round.name`, …): those a council fills in for every round.
pub(crate) fn round_fields() -> impl Iterator<Item = Setting> {
    Setting::ALL.into_iter().filter(|s| {
        !matches!(
            s,
            Setting::Province | Setting::ChairTitle | Setting::PreparerTitle
        )
    })
}

/// Errors of writing a workbook.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// The spreadsheet library refused a value or a layout.
    #[error("cannot write the workbook: {0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}

/// NFC and trimmed: what people paste from Word or type with a trailing space becomes the
/// text the engine compares against.
pub(crate) fn clean(text: &str) -> String {
    crate::base::printable::nfc(text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}'))
}

/// A declared kind from its id or its label in either language, in any case: a form of
/// either language reads back.
fn declared_kind<'s, K>(
    declared: &'s [KindDef<K>],
    id: fn(&K) -> &str,
    text: &str,
) -> Option<&'s K> {
    let t = clean(text).to_lowercase();
    declared
        .iter()
        .find(|k| {
            id(&k.id) == t
                || clean(&k.label.vi).to_lowercase() == t
                || k.label
                    .en
                    .as_deref()
                    .is_some_and(|en| clean(en).to_lowercase() == t)
        })
        .map(|k| &k.id)
}

/// A unit kind of the set from its id or its Vietnamese word, in any case.
pub(crate) fn unit_kind<'s>(set: &'s CriteriaSet, text: &str) -> Option<&'s UnitKind> {
    declared_kind(set.unit_kinds(), UnitKind::id, text)
}

/// An incident kind of the set (and its policy) from its id or its Vietnamese term.
pub(crate) fn incident_kind<'s>(set: &'s CriteriaSet, text: &str) -> Option<&'s IncidentKind> {
    declared_kind(set.incident_kinds(), IncidentKind::id, text)
}

pub use crate::evidence::{MAX_CODE_LEN, slug, unit_file_name};

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn kinds_are_read_from_ids_or_vietnamese_in_nfd() {
        let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
        let nfd: String = "Thị trấn ".nfd().collect();
        let id = |k: Option<&UnitKind>| k.map(|k| k.id().to_string());
        assert_eq!(id(unit_kind(&set, &nfd)).as_deref(), Some("thi_tran"));
        assert_eq!(id(unit_kind(&set, "xa")).as_deref(), Some("xa"));
        let id = |k: Option<&IncidentKind>| k.map(|k| k.id().to_string());
        assert_eq!(
            id(incident_kind(&set, "Đuối nước")).as_deref(),
            Some("drowning")
        );
        assert_eq!(
            id(incident_kind(&set, "sexual_abuse")).as_deref(),
            Some("sexual_abuse")
        );
        assert_eq!(incident_kind(&set, "drown"), None);
        // The set's own words, in its order, the last two joined by "hoặc" / "or".
        let words: Vec<&str> = set
            .unit_kinds()
            .iter()
            .map(|k| k.label.vi.as_str())
            .collect();
        assert_eq!(words.len(), 4);
        assert_eq!(
            crate::words::form::either(&words, crate::Lang::Vi),
            format!("{}, {}, {} hoặc {}", words[0], words[1], words[2], words[3])
        );
        // A form in English reads back: its kinds are the set's English labels.
        let en = |k: Option<&UnitKind>| k.map(|k| k.id().to_string());
        assert_eq!(en(unit_kind(&set, "Township")).as_deref(), Some("thi_tran"));
    }
}
