//! The words of the audit commands — `whatif`, `diff` and `verify` — in the reader's
//! language, from the data their modules return.

use std::fmt::Write;

use crate::audit::diff::{Diff, Standing};
use crate::audit::findings::{Finding, Part, Setting};
use crate::audit::whatif::{Blocking, DeclaredBound, WhatIf};
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::report::ENGINE;
use crate::evidence::Value;
use crate::rules::criteria::{CriteriaSet, Lever};
use crate::rules::policy::Policy;
use crate::words::glossary::Term;
use crate::words::{explain, format, reasons, results};

/// The results document of an output folder, named in findings.
const RESULTS_JSON: &str = "results.json";
/// The manifest of an output folder, as `render::manifest` names it.
const MANIFEST: &str = "manifest.json";

// ── whatif ────────────────────────────────────────────────────────────────────────────────

/// The bounds of the levers in the reader's language.
fn bounds(bounds: &[DeclaredBound], set: &CriteriaSet, lang: Lang) -> String {
    if bounds.is_empty() {
        return String::new();
    }
    let named: Vec<String> = bounds
        .iter()
        .map(|b| {
            // As an evidence value, so that a budget reads as money.
            let v = explain::value(set, &b.input, Value::Decimal(b.value), lang);
            let label = input_label(set, &b.input, lang);
            match b.lever {
                Lever::Up => format!("{label} ≤ {v}"),
                Lever::Down => format!("{label} ≥ {v}"),
            }
        })
        .collect();
    let named = named.join(", ");
    lang.pick(
        format!(" (giới hạn bộ tiêu chí đặt ra: {named})"),
        format!(" (bounds declared by the set: {named})"),
    )
}

/// An input's label in a language (its name when the set does not declare it).
fn input_label(set: &CriteriaSet, name: &str, lang: Lang) -> String {
    set.label_of(name)
        .map_or(name.to_string(), |t| t.get(lang).to_string())
}

/// A blocking condition as a sentence in the reader's language.
pub fn blocking(
    b: &Blocking,
    lang: Lang,
    set: &CriteriaSet,
    policy: Option<&Policy>,
    class: &str,
) -> String {
    let criterion_named = |id: &str| {
        let title = set
            .criteria()
            .iter()
            .find(|c| c.id == id)
            .map_or("", |c| c.title.get(lang));
        format!("{id} ({title})")
    };
    match b {
        Blocking::Disqualified(f) => reasons::reason(f, lang, set, policy, class),
        Blocking::NoLever {
            criterion,
            points: p,
            bounds: declared,
        } => {
            let (c, p, b) = (
                criterion_named(criterion),
                format::points(*p, lang),
                bounds(declared, set, lang),
            );
            lang.pick(
                format!("Tiêu chí {c} đạt {p} điểm: không thay đổi nào trong giới hạn nâng được tiêu chí này{b}."),
                format!("Criterion {c} scores {p} points: no lever within its bounds raises it{b}."),
            )
        }
        Blocking::NoData {
            criterion,
            points: p,
            inputs,
        } => {
            let (c, p) = (criterion_named(criterion), format::points(*p, lang));
            let empty: Vec<String> = inputs
                .iter()
                .map(|i| format!("{} = 0", input_label(set, i, lang)))
                .collect();
            let empty = empty.join(", ");
            lang.pick(
                format!("Tiêu chí {c} đạt {p} điểm: {empty}, nên không có số liệu để tính; thu thập số liệu là việc đã xảy ra trong năm, không phải điều có thể thay đổi."),
                format!("Criterion {c} scores {p} points: {empty}, so there is no data to rate; collecting it is a fact of the year, not a lever."),
            )
        }
        Blocking::OutOfReach {
            levers,
            failing,
            bounds: declared,
        } => {
            let why = if failing.is_empty() {
                String::new()
            } else {
                let failing: Vec<String> = failing
                    .iter()
                    .map(|f| reasons::reason(f, lang, set, policy, class))
                    .collect();
                format!(" ({})", failing.join(" "))
            };
            let b = bounds(declared, set, lang);
            lang.pick(
                format!("Không có thay đổi nào của tối đa {levers} số liệu, trong giới hạn, đưa điểm đến mức công nhận{why}{b}."),
                format!("No change of at most {levers} levers within their bounds makes the score reach recognition{why}{b}."),
            )
        }
    }
}

/// The answer of `cfc whatif` as text for the terminal.
pub fn whatif(
    answer: &WhatIf,
    unit: &UnitResult,
    set: &CriteriaSet,
    policy: Option<&Policy>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}):", unit.name, answer.code);
    if let Some(o) = &answer.outside_effect {
        let _ = writeln!(out, "  {}", results::outside_effect(o, lang));
    }
    if answer.changes.is_empty() && answer.blocking.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick(
                "Đã đủ điều kiện công nhận; không cần thay đổi gì.",
                "Already recognised; nothing to change."
            )
        );
    }
    if !answer.changes.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick(
                "Thay đổi nhỏ nhất để đạt điểm công nhận:",
                "The smallest change for the score:"
            )
        );
        for c in &answer.changes {
            let _ = writeln!(
                out,
                "    {}: {} → {}   ({})",
                c.input,
                explain::value(set, &c.input, c.from, lang),
                explain::value(set, &c.input, c.to, lang),
                input_label(set, &c.input, lang)
            );
        }
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.pick("Tổng điểm sau thay đổi", "Total after"),
            format::points(answer.total_after, lang)
        );
    }
    if answer.blocking.is_empty() {
        if !answer.changes.is_empty() {
            let _ = writeln!(
                out,
                "  {}",
                lang.pick(
                    "→ đủ điều kiện công nhận sau các thay đổi này.",
                    "→ recognised with these changes."
                )
            );
        }
    } else {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick(
                "Không thể công nhận trong đợt này:",
                "Recognition is impossible this round:"
            )
        );
        for b in &answer.blocking {
            let _ = writeln!(out, "    {}", blocking(b, lang, set, policy, &unit.class));
        }
    }
    out
}

// ── diff ──────────────────────────────────────────────────────────────────────────────────

/// The comparison of two results as a table for the terminal.
pub fn diff(d: &Diff, lang: Lang) -> String {
    let mut out = format!("{} → {}\n", d.before, d.after);
    for o in &d.outside_effect {
        let _ = writeln!(out, "{}", results::outside_effect(o, lang));
    }
    out.push('\n');
    let standing = |s: &Option<Standing>| match s {
        Some(s) => format!(
            "{:>5} {}",
            format::points(s.total, lang),
            if s.recognised {
                Term::Recognised.get(lang)
            } else {
                lang.pick("không", "not")
            }
        ),
        None => format!("{:>5} {}", "—", "—"),
    };
    let [code, unit, before, after, flipped, moved] = lang.pick(
        [
            Term::Code.vi(),
            Term::Unit.vi(),
            "Trước",
            "Sau",
            "Đổi",
            "Tiêu chí thay đổi điểm",
        ],
        [
            "code",
            "unit",
            "before",
            "after",
            "flipped",
            "criteria moved",
        ],
    );
    let _ = writeln!(
        out,
        "{code:<6} {unit:<12} {before:<16} {after:<16} {flipped:<8} {moved}"
    );
    for u in &d.units {
        let moved: Vec<String> = u
            .moved
            .iter()
            .map(|m| {
                let p =
                    |p: Option<Points>| p.map_or("—".to_string(), |p| format::points(p, lang));
                format!("{} {}→{}", m.criterion, p(m.before), p(m.after))
            })
            .collect();
        let name: String = u.name.chars().take(12).collect();
        let _ = writeln!(
            out,
            "{:<6} {:<12} {:<16} {:<16} {:<8} {}",
            u.code,
            name,
            standing(&u.before),
            standing(&u.after),
            if u.flipped { Term::Yes.get(lang) } else { "" },
            moved.join(", ")
        );
    }
    let s = &d.summary;
    let (compared, changed, newly, no_longer, only_before, only_after) = (
        s.compared,
        s.total_changed,
        s.newly_recognised,
        s.no_longer_recognised,
        s.only_before,
        s.only_after,
    );
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick(
            format!("{compared} đơn vị được so sánh: {changed} thay đổi tổng điểm, {newly} mới được công nhận, {no_longer} không còn được công nhận; {only_before} chỉ có ở kết quả trước, {only_after} chỉ có ở kết quả sau."),
            format!("{compared} units compared: {changed} totals changed, {newly} newly recognised, {no_longer} no longer recognised; {only_before} only before, {only_after} only after."),
        )
    );
    out
}

// ── verify ────────────────────────────────────────────────────────────────────────────────

/// A round setting's name in words.
fn setting(s: Setting, lang: Lang) -> &'static str {
    match s {
        Setting::Name => lang.pick("tên đợt đánh giá (name)", "name"),
        Setting::Year => lang.pick("năm đánh giá (year)", "year"),
        Setting::Authority => lang.pick("cơ quan công nhận (authority)", "authority"),
        Setting::Council => lang.pick("hội đồng đánh giá (council)", "council"),
        Setting::Place => lang.pick("địa danh (place)", "place"),
        Setting::DecisionDate => lang.pick("ngày quyết định (decision_date)", "decision_date"),
    }
}

/// One difference `cfc verify` found, as a sentence.
pub fn finding(f: &Finding, lang: Lang) -> String {
    let json = RESULTS_JSON;
    match f {
        Finding::ResultsUnreadable { file, detail } => lang.pick(
            format!("{file}: không đọc được kết quả: {detail}"),
            format!("{file}: cannot read the results: {detail}"),
        ),
        Finding::OtherEngine { recorded } => lang.pick(
            format!("ghi chú: kết quả do {recorded} lập, phiên bản này là {ENGINE}; vẫn đối chiếu đầy đủ"),
            format!("note: the results were made by {recorded}, this is {ENGINE}; compared all the same"),
        ),
        Finding::PredatesCopies => lang.pick(
            format!("ghi chú: thư mục này được lập trước khi thư mục kết quả mang theo bản sao các tệp đầu vào (không có {MANIFEST}): các tệp quy tắc và số liệu được đọc ở chỗ cũ, tính từ thư mục hiện tại — hãy chạy verify từ thư mục đã chạy evaluate"),
            format!("note: this folder predates the copies of its inputs in output folders (it has no {MANIFEST}): its rule and evidence files are read where they were, from the current folder — run verify from the folder evaluate was run from"),
        ),
        Finding::ManifestUnreadable { detail } => lang.pick(
            format!("{MANIFEST}: không đọc được, nên không tìm được các bản sao tệp đầu vào: {detail}"),
            format!("{MANIFEST}: cannot be read, so the copies of the inputs cannot be found: {detail}"),
        ),
        Finding::ManifestChanged { file } => lang.pick(
            format!("{MANIFEST} đã thay đổi sau khi đánh giá: mã băm ghi cho {file} đã bị sửa"),
            format!("{MANIFEST} changed since evaluation: the hash it records for {file} was changed"),
        ),
        Finding::ManifestNamesOutside { file } => lang.pick(
            format!("{MANIFEST}: ghi {file:?} là một tệp của thư mục kết quả, điều không thể"),
            format!("{MANIFEST}: names {file:?} as a file of the output folder, which it cannot be"),
        ),
        Finding::NotListed { file } => lang.pick(
            format!("{file} không có trong {MANIFEST}: tệp này không do cfc ghi"),
            format!("{file} is not in {MANIFEST}: cfc did not write it"),
        ),
        Finding::CopyChanged { file, of } => lang.pick(
            format!("bản sao {file} (của {of}) không còn hoặc đã thay đổi sau khi đánh giá"),
            format!("the copy {file} (of {of}) is missing or changed since evaluation"),
        ),
        Finding::ZipUnreadable { detail } => lang.pick(
            format!("không đọc được tệp zip: {detail}"),
            format!("cannot read the zip: {detail}"),
        ),
        Finding::ZipEntryRefused { entry } => lang.pick(
            format!("tệp zip có mục {entry:?} nằm ngoài thư mục hoặc là một liên kết: không đọc gì trong tệp zip"),
            format!("the zip holds {entry:?}, which leaves its folder or is a link: nothing of the zip is read"),
        ),
        Finding::ZipTooLarge { max } => lang.pick(
            format!("tệp zip giải nén ra hơn {} MiB, nhiều hơn mọi thư mục kết quả", max >> 20),
            format!("the zip expands to more than {} MiB, more than any output folder", max >> 20),
        ),
        Finding::ZipNoResults => lang.pick(
            format!("tệp zip không có {json}, ở gốc hay trong thư mục duy nhất của nó"),
            format!("the zip holds no {json}, at its root or in its one folder"),
        ),
        Finding::RuleFileMissing { path } => lang.pick(
            format!("tệp quy tắc {path} không còn"),
            format!("rule file {path} is missing"),
        ),
        Finding::SettingsUnreadable { path, detail } => lang.pick(
            format!("thiết lập đợt đánh giá {path}: không đọc được: {detail}"),
            format!("round settings {path}: cannot be read: {detail}"),
        ),
        Finding::RuleFileChanged { path } => lang.pick(
            format!("tệp quy tắc {path} đã thay đổi sau khi đánh giá"),
            format!("rule file {path} changed since evaluation"),
        ),
        Finding::RoundNotEvaluable { dir, detail } => lang.pick(
            format!("không đánh giá lại được đợt {dir}: {detail}"),
            format!("the round {dir} cannot be evaluated again: {detail}"),
        ),
        Finding::SettingChanged {
            file,
            setting: s,
            was,
            is,
        } => {
            let s = setting(*s, lang);
            lang.pick(
                format!("thiết lập đợt đánh giá trong {file} đã thay đổi: {s} trước là {was:?}, nay là {is:?}"),
                format!("round settings changed in {file}: {s} was {was:?}, is now {is:?}"),
            )
        }
        Finding::SettingChangedInResults {
            file,
            setting: s,
            was,
            is,
        } => {
            let s = setting(*s, lang);
            lang.pick(
                format!("{json}: thiết lập {s} đã bị sửa ({was:?} được ghi, {is:?} trong {file} không đổi)"),
                format!("{json}: round setting {s} changed ({was:?} recorded, {is:?} in the unchanged {file})"),
            )
        }
        Finding::SettingsFileChanged { file } => lang.pick(
            format!("thiết lập đợt đánh giá {file} đã thay đổi sau khi đánh giá (không thiết lập nào in trong kết quả thay đổi)"),
            format!("round settings {file} changed since evaluation (no setting shown in the results changed)"),
        ),
        Finding::UnitGone { code, name } => lang.pick(
            format!("đơn vị {code} ({name}) không còn được đánh giá: số liệu của đơn vị không còn hoặc có lỗi"),
            format!("unit {code} ({name}) is no longer evaluated: its evidence is missing or invalid"),
        ),
        Finding::EvidenceChanged { code, file } => lang.pick(
            format!("số liệu của {code} đã thay đổi sau khi đánh giá ({file})"),
            format!("evidence of {code} changed since evaluation ({file})"),
        ),
        Finding::ResultAltered {
            code,
            total_was,
            total_now,
            recognised_was,
            recognised_now,
        } => {
            let (tw, tn) = (format::points(*total_was, lang), format::points(*total_now, lang));
            let (dw, dn) = (
                results::decision(*recognised_was, lang),
                results::decision(*recognised_now, lang),
            );
            lang.pick(
                format!("{json}: kết quả được ghi của {code} khác với kết quả đánh giá lại cùng các tệp (tổng điểm ghi {tw}, nay {tn}; kết quả ghi {dw}, nay {dn}): tệp kết quả đã bị sửa"),
                format!("{json}: the recorded result of {code} differs from a re-evaluation of the same files (total {tw} recorded, {tn} now; decision {dw} recorded, {dn} now): the results file was changed"),
            )
        }
        Finding::ScriptChanged { path, impact } => {
            let what: Vec<String> = impact
                .iter()
                .map(|(c, n)| {
                    lang.pick(
                        format!("{c} của {n} đơn vị sẽ thay đổi"),
                        format!("{c} of {n} unit(s) would change"),
                    )
                })
                .collect();
            let what = what.join(", ");
            lang.pick(
                format!("kịch bản tiêu chí {path} đã thay đổi: {what}"),
                format!("criteria script {path} changed: {what}"),
            )
        }
        Finding::RuleFileChangedNoEffect { path } => lang.pick(
            format!("tệp quy tắc {path} đã thay đổi sau khi đánh giá (không kết quả nào thay đổi)"),
            format!("rule file {path} changed since evaluation (no result would change)"),
        ),
        Finding::UnitNew { code, name } => lang.pick(
            format!("đơn vị {code} ({name}) không có trong kết quả"),
            format!("unit {code} ({name}) was not in the results"),
        ),
        Finding::ResultsChanged { part } => {
            let part = match part {
                Part::Round => lang.pick("thông tin của đợt", "the round's details"),
                Part::Units => lang.pick("kết quả của các đơn vị", "the units' results"),
                Part::Errors => lang.pick("danh sách lỗi", "the list of problems"),
                Part::Layout => lang.pick("cách trình bày", "its layout"),
            };
            lang.pick(
                format!("{json} đã thay đổi sau khi đánh giá: không còn là kết quả đánh giá cùng các tệp (ở {part})"),
                format!("{json} changed since evaluation: it is not what evaluating the same files gives (in {part})"),
            )
        }
        Finding::NoLongerGives { file } => lang.pick(
            format!("{json} đã thay đổi sau khi đánh giá: kết quả trong đó không còn cho ra {file}"),
            format!("{json} changed since evaluation: its results no longer give {file}"),
        ),
        Finding::RecordedHashChanged { file } => lang.pick(
            format!("{json} đã thay đổi sau khi đánh giá: mã băm ghi cho {file} đã bị sửa"),
            format!("{json} changed since evaluation: the hash it records for {file} was changed"),
        ),
        Finding::NotInFolder { file } => lang.pick(
            format!("{json}: ghi {file:?} là một tệp của thư mục kết quả, điều không thể"),
            format!("{json}: names {file:?} as a file of the output folder, which it cannot be"),
        ),
        Finding::OutputMissing { file, dossier } => {
            let what = output_kind(*dossier, lang);
            lang.pick(
                format!("{what} {file} không còn"),
                format!("{what} {file} is missing"),
            )
        }
        Finding::OutputUnreadable {
            file,
            dossier,
            detail,
        } => {
            let what = output_kind(*dossier, lang);
            lang.pick(
                format!("{what} {file}: không đọc được: {detail}"),
                format!("{what} {file}: cannot be read: {detail}"),
            )
        }
        Finding::OutputChanged { file, dossier } => {
            let changed = lang.pick("đã thay đổi sau khi đánh giá", "changed since evaluation");
            if *dossier {
                format!("{} {file} {changed}", output_kind(true, lang))
            } else {
                format!("{file} {changed}")
            }
        }
    }
}

/// What a file of the output folder is: a dossier, or a results file.
fn output_kind(dossier: bool, lang: Lang) -> &'static str {
    if dossier {
        lang.pick("hồ sơ", "dossier")
    } else {
        lang.pick("tệp kết quả", "results file")
    }
}

/// The verdict of `cfc verify` on an output folder: every finding, then what they mean.
pub fn verdict(dir: &str, findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    let (notes, findings): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.is_note());
    for n in notes {
        let _ = writeln!(out, "{dir}: {}", finding(n, lang));
    }
    if findings.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                format!("{dir}: mọi tệp quy tắc, tệp số liệu, thiết lập đợt đánh giá, kết quả, tệp kết quả và hồ sơ đều khớp — kết quả vẫn giữ nguyên giá trị"),
                format!("{dir}: every rule file, evidence file, round setting, result, results file and dossier matches — the results stand"),
            )
        );
        return out;
    }
    for f in &findings {
        let _ = writeln!(out, "{}", finding(f, lang));
    }
    let n = findings.len();
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            format!("{n} điểm khác biệt: kết quả này không còn đúng như đã ghi"),
            format!("{n} difference(s): these results no longer stand as recorded"),
        )
    );
    out
}
