//! The words of a round's results as the council reads them — the terminal table, the CSV's
//! words and the results workbook: headers, decisions, notices, and the labels (class, kind,
//! disqualifier) the criteria set and the policy declare in place of ids.

use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::round::Round;
use crate::rules::criteria::{CriteriaSet, OutsideEffect};
use crate::rules::policy::Policy;
use crate::words::format::{date, points};
use crate::words::glossary::Term;
use crate::words::reasons;

/// Where the labels of a round's results come from: its criteria set (classes, unit kinds,
/// criterion titles) and its policy (disqualifiers).
#[derive(Clone, Copy, Debug)]
pub struct Vocabulary<'a> {
    /// The criteria set the results were decided by.
    pub criteria: &'a CriteriaSet,
    /// The round's local policy, if any.
    pub policy: Option<&'a Policy>,
}

impl<'a> Vocabulary<'a> {
    /// The labels of a set and a policy.
    pub fn new(criteria: &'a CriteriaSet, policy: Option<&'a Policy>) -> Self {
        Vocabulary { criteria, policy }
    }

    /// The labels of a round's set and policy.
    pub fn of(round: &'a Round) -> Self {
        Vocabulary::new(round.evaluator.criteria(), round.evaluator.policy())
    }

    /// A class's label; its id when the set does not declare it.
    pub fn class(&self, id: &'a str, lang: Lang) -> &'a str {
        reasons::class_label(self.criteria, id, lang)
    }

    /// A unit's kind in words ("xã", "ward").
    pub fn kind(&self, unit: &'a UnitResult, lang: Lang) -> &'a str {
        self.criteria.unit_kind_word(&unit.kind, lang)
    }

    /// The titles of the disqualifiers that hold for a unit, without provisions (a table cell).
    pub fn disqualifiers(&self, unit: &UnitResult, lang: Lang) -> Vec<String> {
        unit.disqualifiers
            .iter()
            .map(|h| {
                self.policy
                    .and_then(|p| p.disqualifiers().iter().find(|d| d.id == h.id))
                    .map_or(h.id.clone(), |d| d.title.get(lang).to_string())
            })
            .collect()
    }

    /// Every failing condition of a unit, as sentences.
    pub fn reasons(&self, unit: &UnitResult, lang: Lang) -> Vec<String> {
        reasons::reasons(unit, lang, self.criteria, self.policy)
    }
}

/// The decision in words: "công nhận" / "không công nhận".
pub fn decision(recognised: bool, lang: Lang) -> &'static str {
    if recognised {
        Term::Recognised.get(lang)
    } else {
        Term::NotRecognised.get(lang)
    }
}

/// The notice of results made from illustrative data.
pub fn synthetic_notice(lang: Lang) -> &'static str {
    lang.pick(
        "DỮ LIỆU MINH HỌA: các số liệu không có thật và không quyết định điều gì",
        "ILLUSTRATIVE DATA: the figures are not real and decide nothing",
    )
}

/// The notice of a round evaluated outside its criteria set's period in force.
pub fn outside_effect(o: &OutsideEffect, lang: Lang) -> String {
    let (set, year) = (&o.criteria, o.year);
    let from = date(o.effective, lang);
    match o.until {
        Some(until) => {
            let until = date(until, lang);
            lang.pick(
                format!(
                    "NGOÀI HIỆU LỰC — bộ tiêu chí {set} có hiệu lực từ {from} đến {until}, không áp dụng cho năm {year}: kết quả chỉ để tham khảo"
                ),
                format!(
                    "OUTSIDE THE SET'S PERIOD — {set} is in force from {from} to {until}, not in {year}; evaluated on request, the results decide nothing"
                ),
            )
        }
        None => lang.pick(
            format!(
                "NGOÀI HIỆU LỰC — bộ tiêu chí {set} có hiệu lực từ {from}, không áp dụng cho năm {year}: kết quả chỉ để tham khảo"
            ),
            format!(
                "OUTSIDE THE SET'S PERIOD — {set} is in force from {from}, not in {year}; evaluated on request, the results decide nothing"
            ),
        ),
    }
}

/// The headers of the terminal table.
pub fn table_header(lang: Lang) -> [&'static str; 7] {
    // The total's column is narrow: "Điểm" in Vietnamese.
    let total = lang.pick(Term::Points.vi(), Term::TotalPoints.en());
    [
        Term::Code.get(lang),
        Term::Unit.get(lang),
        Term::Class.get(lang),
        total,
        Term::Threshold.get(lang),
        Term::Disqualifiers.get(lang),
        Term::Result.get(lang),
    ]
}

/// The count line under the table.
pub fn table_counts(units: usize, yes: usize, no: usize, bad_files: usize, lang: Lang) -> String {
    lang.pick(
        format!(
            "{units} đơn vị được đánh giá: {yes} công nhận, {no} không công nhận; {bad_files} tệp có lỗi."
        ),
        format!(
            "{units} units evaluated: {yes} recognised, {no} not recognised; {bad_files} file(s) with errors."
        ),
    )
}

/// A class and its threshold, under the table.
pub fn class_line(label: &str, threshold: crate::base::points::Points, lang: Lang) -> String {
    let t = points(threshold, lang);
    lang.pick(
        format!("Nhóm {label}: ngưỡng {t} điểm"),
        format!("Class {label}: threshold {t} points"),
    )
}

/// The provisional rules a result used.
pub fn provisional_rules<S: std::borrow::Borrow<str>>(ids: &[S], lang: Lang) -> String {
    let ids = ids.join(", ");
    lang.pick(
        format!("Quy tắc tạm thời (chưa xác nhận với văn bản chính thức): {ids}"),
        format!("Provisional rules (not confirmed against the official text): {ids}"),
    )
}

/// The sheets of the results workbook: the summary, and every criterion's points.
pub fn sheets(lang: Lang) -> (&'static str, &'static str) {
    (
        lang.pick(Term::Result.vi(), "Results"),
        Term::Points.get(lang),
    )
}

/// The headers of the workbook's summary sheet (label columns next to their id columns).
pub fn summary_header(lang: Lang) -> [&'static str; 12] {
    [
        Term::Code.get(lang),
        Term::Unit.get(lang),
        lang.pick("Loại đơn vị", "Kind"),
        lang.pick("Mã loại", "Kind id"),
        lang.pick("Phân loại", Term::Class.en()),
        lang.pick("Mã nhóm", "Class id"),
        Term::TotalPoints.get(lang),
        Term::Threshold.get(lang),
        Term::Result.get(lang),
        Term::DisqualifierConditions.get(lang),
        lang.pick("Mã loại trừ", "Disqualifier ids"),
        lang.pick("Lý do", "Reasons"),
    ]
}

/// The headers of the workbook's points sheet around the criteria's ids: code, unit, total.
pub fn points_header(lang: Lang) -> [&'static str; 3] {
    [
        Term::Code.get(lang),
        Term::Unit.get(lang),
        lang.pick("Tổng", Term::TotalPoints.en()),
    ]
}

/// What ends a text cut to fit one spreadsheet cell.
pub fn cut_note(lang: Lang) -> &'static str {
    lang.pick(
        " … (cắt bớt; đầy đủ trong results.json)",
        " … (cut; in full in results.json)",
    )
}
