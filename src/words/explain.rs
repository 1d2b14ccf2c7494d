//! The words of `cfc explain`: a unit's account as text for the terminal and as JSON, in the
//! reader's language, from the data [`crate::audit::explain`] gathers.

use std::fmt::Write;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::audit::explain::{CriterionLine, DisqualifierLine, Explanation, IndicatorLine};
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evidence::Value;
use crate::rules::criteria::CriteriaSet;
use crate::rules::policy::{Policy, Window};
use crate::script::{Fraction, Measure, RoundingRule};
use crate::words::format::{self, date};
use crate::words::glossary::Term;
use crate::words::{reasons, results};

/// An exact value as the reader's language writes it: `2,25` or `2.25`; a fraction whose
/// decimals never end as `1/3`.
pub fn exact(x: Fraction, lang: Lang) -> String {
    let text = x.to_string();
    // A fraction that ends prints as a decimal, which is exact as a `Decimal` too.
    match Decimal::from_str(&text) {
        Ok(d) => format::number(d, lang),
        Err(_) => text,
    }
}

/// Whether an input counts money: the set declares its unit as the đồng.
fn is_money(set: &CriteriaSet, name: &str) -> bool {
    set.input_index(name)
        .and_then(|i| set.inputs()[i].unit.as_ref())
        .is_some_and(|u| u.vi == "đồng")
}

/// A value read from the evidence: money in đồng, other numbers with the language's
/// separators (a decimal with the digits it was given: 4,0 stays 4,0), yes or no.
pub fn value(set: &CriteriaSet, name: &str, v: Value, lang: Lang) -> String {
    let n = match v {
        Value::Bool(true) => return Term::Yes.get(lang).to_string(),
        Value::Bool(false) => return lang.pick("không", "no").to_string(),
        Value::Number(n) => Decimal::from(n),
        Value::Decimal(d) => d,
    };
    if is_money(set, name) {
        format::money(n, lang)
    } else {
        format::fixed(n, n.scale(), lang)
    }
}

/// A disqualifier's window in words ("12 tháng trước ngày quyết định").
pub fn window(w: Window, lang: Lang) -> String {
    match w {
        Window::Period => Term::EvaluationPeriod.get(lang).to_string(),
        Window::PreviousYear => lang
            .pick("năm trước năm đánh giá", "the previous calendar year")
            .to_string(),
        Window::MonthsBeforeDecision(n) => lang.pick(
            format!("{n} tháng trước ngày quyết định"),
            format!("the {n} months before the decision date"),
        ),
    }
}

/// A rounding function in words.
fn rounding_rule(r: RoundingRule, lang: Lang) -> &'static str {
    match r {
        RoundingRule::HalfUp => lang.pick("làm tròn nửa lên", "rounded half up"),
        RoundingRule::HalfEven => lang.pick("làm tròn nửa về số chẵn", "rounded half to even"),
        RoundingRule::Down => lang.pick("làm tròn xuống", "rounded down"),
        RoundingRule::Up => lang.pick("làm tròn lên", "rounded up"),
    }
}

/// The explanation as `--format json` prints it: the data, with every failing condition as
/// a sentence in the explanation's language.
#[derive(Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "serve", schema(as = Explanation))]
pub(crate) struct Json<'a> {
    code: &'a str,
    name: &'a str,
    class: &'a str,
    class_label: &'a str,
    total: Points,
    threshold: Points,
    recognised: bool,
    criteria: &'a [CriterionLine],
    reasons: Vec<String>,
    disqualifiers: &'a [DisqualifierLine],
    provisional_rules: &'a [String],
    synthetic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    outside_effect: Option<&'a str>,
}

/// The explanation as pretty JSON (decimals as strings), ending with a newline.
pub fn json(e: &Explanation, set: &CriteriaSet, policy: Option<&Policy>) -> String {
    let doc = Json {
        code: &e.code,
        name: &e.name,
        class: &e.class,
        class_label: &e.class_label,
        total: e.total,
        threshold: e.threshold,
        recognised: e.recognised,
        criteria: &e.criteria,
        reasons: failing(e, set, policy),
        disqualifiers: &e.disqualifiers,
        provisional_rules: &e.provisional_rules,
        synthetic: e.synthetic,
        outside_effect: e.outside_effect.as_ref().map(|o| o.notice.as_str()),
    };
    // The types serialise infallibly (string keys only); an error could only be a bug, and
    // is shown rather than hidden.
    serde_json::to_string_pretty(&doc).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
        + "\n"
}

fn failing(e: &Explanation, set: &CriteriaSet, policy: Option<&Policy>) -> Vec<String> {
    e.failures
        .iter()
        .map(|f| reasons::reason(f, e.lang, set, policy, &e.class))
        .collect()
}

/// The window of a disqualifier and how it judged every incident, as lines under it.
fn window_text(out: &mut String, d: &DisqualifierLine, w: Window, lang: Lang) {
    let days = d.window_days.map_or_else(String::new, |p| {
        let (from, to) = (date(p.from, lang), date(p.to, lang));
        lang.pick(format!(": {from} – {to}"), format!(": {from} to {to}"))
    });
    let _ = writeln!(
        out,
        "      {}: {}{days}",
        lang.pick("thời gian xét", "window"),
        window(w, lang)
    );
    for j in &d.judged {
        let verdict = match (j.inside, j.counted) {
            (true, true) => lang.pick("trong thời gian xét, tính", "inside, counted"),
            (true, false) => lang.pick("trong thời gian xét, không tính", "inside, not counted"),
            (false, _) => lang.pick("ngoài thời gian xét", "outside"),
        };
        let _ = writeln!(out, "        {} ({}): {verdict}", j.id, date(j.date, lang));
    }
}

/// One indicator's lines.
fn indicator_text(out: &mut String, i: &IndicatorLine, set: &CriteriaSet, lang: Lang) {
    let t = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    let n = |p: Points| format::points(p, lang);
    let status = if i.provisional {
        t("tạm thời", "provisional")
    } else {
        t("đã xác nhận", "confirmed")
    };
    let _ = writeln!(
        out,
        "  {} {} — {}/{} [{status}]",
        i.id,
        i.title,
        n(i.points),
        n(i.max)
    );
    let _ = writeln!(out, "      {}: {}", t("căn cứ", "basis"), i.reference);
    if let Some(note) = &i.status_note {
        let _ = writeln!(out, "      {}: {note}", t("ghi chú", "note"));
    }
    let values: Vec<String> = i
        .evidence
        .iter()
        .map(|e| {
            format!(
                "{} = {} ({})",
                e.name,
                value(set, &e.name, e.value, lang),
                e.label
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "      {}: {}",
        t("số liệu", "evidence"),
        values.join("; ")
    );
    match &i.measure {
        Some(Measure::Rate(r)) => {
            let what = match r.value() {
                Some(v) => {
                    let shown = if r.scale == 100 {
                        format::percent_2dp(v, lang)
                    } else {
                        format::fixed(v, 2, lang)
                    };
                    format!(
                        "{}/{} × {} = {} ({} {shown})",
                        format::number(r.part.into(), lang),
                        format::number(r.whole.into(), lang),
                        format::number(r.scale.into(), lang),
                        format::number(v, lang),
                        t("hiển thị", "shown as")
                    )
                }
                None => format!(
                    "{}/{}: {}",
                    format::number(r.part.into(), lang),
                    format::number(r.whole.into(), lang),
                    t("không xác định", "n/a")
                ),
            };
            let _ = writeln!(out, "      {}: {what}", t("tỷ lệ", "rate"));
        }
        Some(Measure::Count { value }) => {
            let _ = writeln!(
                out,
                "      {}: {}",
                t("so sánh", "compared"),
                format::number((*value).into(), lang)
            );
        }
        Some(Measure::Value(x)) => {
            let _ = writeln!(
                out,
                "      {}: {}",
                t("so sánh", "compared"),
                exact(*x, lang)
            );
        }
        None => {}
    }
    if let Some(r) = &i.rounding {
        let step = match r.step {
            Some(s) => format!(" {} {}", t("theo bước", "to a multiple of"), exact(s, lang)),
            None => format!(" {}", t("đến số nguyên", "to a whole number")),
        };
        let _ = writeln!(
            out,
            "      {}: {} ({}: {}{step}, {}())",
            t(
                "giá trị chính xác trước khi làm tròn",
                "exact value before rounding"
            ),
            exact(r.exact, lang),
            t("quy tắc", "rule"),
            rounding_rule(r.function, lang),
            r.function.function()
        );
    }
    let _ = writeln!(
        out,
        "      {}: {}",
        t("bậc đạt được", "step reached"),
        i.row
    );
}

/// The account as text for the terminal, in the explanation's language.
pub fn text(e: &Explanation, set: &CriteriaSet, policy: Option<&Policy>) -> String {
    let lang = e.lang;
    let t = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    let n = |p: Points| format::points(p, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}) — {}: {}",
        e.name,
        e.code,
        t("nhóm", "class"),
        e.class_label
    );
    let verdict = if e.recognised {
        t("ĐỦ ĐIỀU KIỆN CÔNG NHẬN", "RECOGNISED")
    } else {
        t("KHÔNG ĐỦ ĐIỀU KIỆN CÔNG NHẬN", "NOT RECOGNISED")
    };
    let _ = writeln!(
        out,
        "{} {} / {} {} — {verdict}",
        Term::TotalPoints.get(lang),
        n(e.total),
        t("ngưỡng", "threshold"),
        n(e.threshold)
    );
    if e.synthetic {
        let _ = writeln!(out, "{}", results::synthetic_notice(lang));
    }
    if let Some(o) = &e.outside_effect {
        let _ = writeln!(out, "{}", results::outside_effect(o, lang));
    }
    for c in &e.criteria {
        let met = if c.met {
            Term::Met.get(lang)
        } else {
            Term::NotMet.get(lang)
        };
        let _ = writeln!(
            out,
            "\n{} {}: {}/{} — {met}",
            c.id,
            c.title,
            n(c.points),
            n(c.max)
        );
        for i in &c.indicators {
            indicator_text(&mut out, i, set, lang);
        }
    }
    if !e.disqualifiers.is_empty() {
        let _ = writeln!(
            out,
            "\n{}:",
            t("Điều kiện loại trừ của địa phương", "Local disqualifiers")
        );
        for d in &e.disqualifiers {
            let held = if d.held {
                format!("{} — {}", t("CÓ", "HOLDS"), d.incidents.join(", "))
            } else {
                t("không", "no").to_string()
            };
            let _ = writeln!(out, "  {} ({}): {held}", d.title, d.reference);
            if let Some(w) = d.window {
                window_text(&mut out, d, w, lang);
            }
        }
    }
    let reasons = failing(e, set, policy);
    if !reasons.is_empty() {
        let _ = writeln!(
            out,
            "\n{}:",
            t(
                "Lý do không công nhận (tất cả)",
                "Why not recognised (every failing condition)"
            )
        );
        for r in &reasons {
            let _ = writeln!(out, "  – {r}");
        }
    }
    if !e.provisional_rules.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            results::provisional_rules(&e.provisional_rules, lang)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Rounding;

    fn explanation(
        lang: Lang,
        rounding: Option<Rounding>,
        measure: Option<Measure>,
    ) -> Explanation {
        let points = |n: i64, scale: u32| Points::new(Decimal::new(n, scale)).unwrap();
        Explanation {
            lang,
            code: "00001".into(),
            name: "Xã A".into(),
            class: "rural".into(),
            outside_effect: None,
            class_label: "nông thôn".into(),
            total: points(25, 1),
            threshold: points(2, 0),
            recognised: true,
            criteria: vec![CriterionLine {
                id: "C01".into(),
                title: "T".into(),
                points: points(25, 1),
                max: points(35, 1),
                met: true,
                indicators: vec![IndicatorLine {
                    id: "1.1".into(),
                    title: "Cha mẹ được tập huấn".into(),
                    reference: "Điều 1".into(),
                    provisional: false,
                    status_note: None,
                    evidence: Vec::new(),
                    measure,
                    row: "nội suy tuyến tính, làm tròn nửa điểm".into(),
                    rounding,
                    points: points(25, 1),
                    max: points(35, 1),
                }],
            }],
            failures: Vec::new(),
            disqualifiers: Vec::new(),
            provisional_rules: Vec::new(),
            synthetic: false,
        }
    }

    #[test]
    fn the_exact_value_before_rounding_is_shown_in_both_languages() {
        let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
        let rounding = Rounding {
            function: RoundingRule::HalfUp,
            step: Some(Fraction::new(1, 2).unwrap()),
            exact: Fraction::new(9, 4).unwrap(),
        };
        let third = Some(Measure::Value(Fraction::new(1, 3).unwrap()));
        let vi = text(
            &explanation(Lang::Vi, Some(rounding.clone()), third.clone()),
            &set,
            None,
        );
        assert!(
            vi.contains(
                "giá trị chính xác trước khi làm tròn: 2,25 (quy tắc: làm tròn nửa lên theo bước 0,5, round_half_up())"
            ),
            "{vi}"
        );
        assert!(vi.contains("so sánh: 1/3"), "{vi}");
        assert!(vi.contains("— 2,5/3,5 [đã xác nhận]"), "{vi}");
        let en = text(&explanation(Lang::En, Some(rounding), third), &set, None);
        assert!(
            en.contains(
                "exact value before rounding: 2.25 (rule: rounded half up to a multiple of 0.5, round_half_up())"
            ),
            "{en}"
        );
        let whole = Rounding {
            function: RoundingRule::Down,
            step: None,
            exact: Fraction::new(7, 3).unwrap(),
        };
        let en = text(&explanation(Lang::En, Some(whole), None), &set, None);
        assert!(
            en.contains("exact value before rounding: 7/3 (rule: rounded down to a whole number, round_down())"),
            "{en}"
        );
        // Without a rounding, nothing is added.
        let plain = explanation(Lang::En, None, None);
        assert!(!text(&plain, &set, None).contains("before rounding"));
        assert!(!json(&plain, &set, None).contains("rounding"));
    }

    #[test]
    fn money_is_found_by_the_unit_the_set_declares() {
        let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
        let budget = set
            .inputs()
            .iter()
            .find(|i| i.unit.as_ref().is_some_and(|u| u.vi == "đồng"))
            .expect("the set declares an input in đồng");
        let v = Value::Number(45_000_000);
        assert_eq!(value(&set, &budget.name, v, Lang::Vi), "45.000.000 đ");
        assert_eq!(value(&set, &budget.name, v, Lang::En), "45,000,000 VND");
        let count = set
            .inputs()
            .iter()
            .find(|i| i.unit.is_none() || i.unit.as_ref().is_some_and(|u| u.vi != "đồng"))
            .unwrap();
        assert_eq!(
            value(&set, &count.name, Value::Number(2140), Lang::Vi),
            "2.140"
        );
    }
}
