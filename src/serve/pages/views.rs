//! The pages as HTML, from one snapshot of the round: askama templates (auto-escaped) fed
//! with what the reader sees, already in words. Nothing here touches the disk or the network.

use askama::Template;

use super::super::Snapshot;
use crate::audit::diff::Diff;
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evaluate::decide::UnitResult;
use crate::words::web::{self as w, Ui};
use crate::words::{explain as ew, format, problems, reasons, results};

/// A link of the pages, keeping the language: `path?lang=vi&…`.
pub(crate) fn href(path: &str, lang: Lang, extra: &[(&str, &str)]) -> String {
    let mut s = format!("{path}?lang={}", lang.code());
    for (k, v) in extra {
        s.push('&');
        s.push_str(k);
        s.push('=');
        s.push_str(&percent(v));
    }
    s
}

/// Percent-encoding of a query value or a path segment (codes are digits; this keeps any
/// other text from breaking the link).
pub(crate) fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What every page has: the language, its switch, the navigation and the round's notices.
pub(crate) struct Chrome {
    pub(crate) lang: &'static str,
    pub(crate) t: &'static Ui,
    pub(crate) title: String,
    pub(crate) round_name: String,
    /// Whether the top bar names the round: not on the round page, whose heading does.
    pub(crate) name_on_top: bool,
    /// (href, words) of the switch to the other language.
    pub(crate) switch_href: String,
    pub(crate) switch_words: &'static str,
    pub(crate) nav: Vec<NavLink>,
    pub(crate) notices: Vec<String>,
    pub(crate) reload_error: Option<String>,
}

pub(crate) struct NavLink {
    pub(crate) href: String,
    pub(crate) words: &'static str,
    pub(crate) current: bool,
}

/// Which page is shown, for the navigation's `aria-current`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Here {
    Round,
    Compare,
    Import,
    Other,
}

impl Chrome {
    /// `path_and_query` is this page's link in the other language (without `lang`).
    pub(crate) fn new(
        snap: &Snapshot,
        lang: Lang,
        title: String,
        here: Here,
        this: (&str, &[(&str, &str)]),
    ) -> Chrome {
        let t = w::ui(lang);
        let other = lang.pick(Lang::En, Lang::Vi);
        let nav = [
            (Here::Round, "/", t.round),
            (Here::Compare, "/compare", t.compare),
            (Here::Import, "/import", t.import),
        ]
        .into_iter()
        .map(|(h, path, words)| NavLink {
            href: href(path, lang, &[]),
            words,
            current: h == here,
        })
        .collect();
        let report = &snap.report;
        let mut notices = Vec::new();
        if report.units.iter().any(|u| u.synthetic) {
            notices.push(results::synthetic_notice(lang).to_string());
        }
        if let Some(o) = &report.round.outside_effect {
            notices.push(results::outside_effect(o, lang));
        }
        Chrome {
            lang: lang.code(),
            t,
            title,
            round_name: report.round.name.clone(),
            name_on_top: here != Here::Round,
            switch_href: href(this.0, other, this.1),
            switch_words: w::ui(other).language,
            nav,
            notices,
            reload_error: snap
                .reload_error
                .as_ref()
                .map(|e| format!("{}: {}", t.reload_failed, e.words(lang))),
        }
    }
}

/// The filters of the round page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Show {
    All,
    Recognised,
    Refused,
    Disqualified,
    Provisional,
    Errors,
}

impl Show {
    pub(crate) const ALL: [Show; 6] = [
        Show::All,
        Show::Recognised,
        Show::Refused,
        Show::Disqualified,
        Show::Provisional,
        Show::Errors,
    ];

    pub(crate) fn parse(s: Option<&str>) -> Show {
        Show::ALL
            .into_iter()
            .find(|f| Some(f.key()) == s)
            .unwrap_or(Show::All)
    }

    fn key(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Recognised => "recognised",
            Show::Refused => "refused",
            Show::Disqualified => "disqualified",
            Show::Provisional => "provisional",
            Show::Errors => "errors",
        }
    }

    fn words(self, t: &Ui) -> &'static str {
        match self {
            Show::All => t.all,
            Show::Recognised => t.recognised,
            Show::Refused => t.refused,
            Show::Disqualified => t.disqualified,
            Show::Provisional => t.provisional,
            Show::Errors => t.errors,
        }
    }

    fn keeps(self, u: &UnitResult) -> bool {
        match self {
            Show::All => true,
            Show::Recognised => u.recognised,
            Show::Refused => !u.recognised,
            Show::Disqualified => !u.disqualifiers.is_empty(),
            Show::Provisional => !u.provisional_rules.is_empty(),
            Show::Errors => false,
        }
    }
}

/// The orders of the round page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sort {
    Code,
    Name,
    Total,
    Result,
}

impl Sort {
    const ALL: [Sort; 4] = [Sort::Code, Sort::Name, Sort::Total, Sort::Result];

    pub(crate) fn parse(s: Option<&str>) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|f| Some(f.key()) == s)
            .unwrap_or(Sort::Code)
    }

    fn key(self) -> &'static str {
        match self {
            Sort::Code => "code",
            Sort::Name => "name",
            Sort::Total => "total",
            Sort::Result => "result",
        }
    }

    fn words(self, t: &Ui) -> &'static str {
        match self {
            Sort::Code => t.code,
            Sort::Name => t.name,
            Sort::Total => t.total,
            Sort::Result => t.result,
        }
    }
}

pub(crate) struct Choice {
    pub(crate) href: String,
    pub(crate) words: String,
    pub(crate) current: bool,
}

pub(crate) struct Row<'a> {
    pub(crate) code: &'a str,
    pub(crate) href: String,
    pub(crate) name: &'a str,
    pub(crate) class: &'a str,
    pub(crate) total: String,
    pub(crate) threshold: String,
    pub(crate) disqualifiers: String,
    pub(crate) decision: &'static str,
    pub(crate) recognised: bool,
    pub(crate) provisional: bool,
}

pub(crate) struct FileErrors {
    pub(crate) file: String,
    pub(crate) problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "serve/round.html")]
pub(crate) struct RoundPage<'a> {
    pub(crate) c: Chrome,
    pub(crate) counts: String,
    pub(crate) generation: String,
    pub(crate) set_line: String,
    pub(crate) filters: Vec<Choice>,
    pub(crate) sorts: Vec<Choice>,
    pub(crate) rows: Vec<Row<'a>>,
    /// Whether the units are of several classes: with one, the class is said once, in the
    /// legend with its threshold, and the table keeps its width for the results.
    pub(crate) class_column: bool,
    pub(crate) show_table: bool,
    pub(crate) files: Vec<FileErrors>,
    /// What the analysis of the rules and of `round.toml` found that may be meant, by file:
    /// what every command of the CLI says on opening the round.
    pub(crate) warnings: Vec<FileErrors>,
    pub(crate) summary_href: String,
    pub(crate) reload_action: String,
    pub(crate) classes: Vec<String>,
    pub(crate) provisional_rules: String,
}

/// The order of Vietnamese dictionaries (ICU4X's collation data for `vi`, compiled in): Đ
/// after D, the vowels with their marks after the plain one (a ă â), tones after the letters,
/// whatever the page's language (the names are Vietnamese).
static VIETNAMESE: std::sync::LazyLock<icu_collator::CollatorBorrowed<'static>> =
    std::sync::LazyLock::new(|| {
        icu_collator::Collator::try_new(
            icu_locale_core::locale!("vi").into(),
            icu_collator::options::CollatorOptions::default(),
        )
        .expect("the Vietnamese collation is compiled in")
    });

fn points(p: Points, lang: Lang) -> String {
    format::points(p, lang)
}

/// The round page.
pub(crate) fn round_page(
    snap: &Snapshot,
    lang: Lang,
    (show, sort): (Show, Sort),
    loaded: &str,
    form: &str,
) -> String {
    let t = w::ui(lang);
    let report = &snap.report;
    let set = snap.round.evaluator.criteria();
    let policy = snap.round.evaluator.policy();
    let query = |s: Show, o: Sort| [("show", s.key()), ("sort", o.key())];
    let this = query(show, sort);
    let c = Chrome::new(
        snap,
        lang,
        report.round.name.clone(),
        Here::Round,
        ("/", &this),
    );
    let filters = Show::ALL
        .into_iter()
        .map(|s| {
            let n = match s {
                Show::Errors => report
                    .errors
                    .iter()
                    .map(|d| &d.file)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
                _ => report.units.iter().filter(|u| s.keeps(u)).count(),
            };
            Choice {
                href: href("/", lang, &query(s, sort)),
                words: format!("{} ({n})", s.words(t)),
                current: s == show,
            }
        })
        .collect();
    let sorts = Sort::ALL
        .into_iter()
        .map(|o| Choice {
            href: href("/", lang, &query(show, o)),
            words: o.words(t).to_string(),
            current: o == sort,
        })
        .collect();
    let mut units: Vec<&UnitResult> = report.units.iter().filter(|u| show.keeps(u)).collect();
    match sort {
        Sort::Code => {}
        Sort::Name => units.sort_by(|a, b| {
            VIETNAMESE
                .compare(&a.name, &b.name)
                .then(a.code.cmp(&b.code))
        }),
        Sort::Total => units.sort_by(|a, b| b.total.cmp(&a.total).then(a.code.cmp(&b.code))),
        Sort::Result => {
            units.sort_by(|a, b| b.recognised.cmp(&a.recognised).then(a.code.cmp(&b.code)))
        }
    }
    let rows = units
        .into_iter()
        .map(|u| Row {
            code: &u.code,
            href: href(&format!("/units/{}", percent(&u.code)), lang, &[]),
            name: &u.name,
            class: reasons::class_label(set, &u.class, lang),
            total: points(u.total, lang),
            threshold: points(u.threshold, lang),
            disqualifiers: u
                .disqualifiers
                .iter()
                .map(|d| {
                    policy
                        .and_then(|p| p.disqualifiers().iter().find(|x| x.id == d.id))
                        .map_or(d.id.clone(), |x| x.title.get(lang).to_string())
                })
                .collect::<Vec<_>>()
                .join("; "),
            decision: results::decision(u.recognised, lang),
            recognised: u.recognised,
            provisional: !u.provisional_rules.is_empty(),
        })
        .collect();
    let files = by_file(&report.errors, lang);
    let (yes, _) = report.counts();
    let bad_files = files.len();
    let class_column = report
        .units
        .iter()
        .any(|u| report.units.first().is_some_and(|f| f.class != u.class));
    let set_line = match &report.round.policy {
        Some(_) => format!(
            "{}: {} — {}: {}",
            t.criteria_set,
            set.title().get(lang),
            t.policy,
            policy.map_or(String::new(), |p| p.title().get(lang).to_string())
        ),
        None => format!("{}: {}", t.criteria_set, set.title().get(lang)),
    };
    let classes = report
        .round
        .classes
        .iter()
        .map(|cl| results::class_line(cl.label.get(lang), cl.threshold, lang))
        .collect();
    let page = RoundPage {
        c,
        counts: w::counts(report.units.len(), yes, bad_files, lang),
        generation: w::generation(snap.generation, loaded, lang),
        set_line,
        filters,
        sorts,
        rows,
        class_column,
        show_table: show != Show::Errors,
        files: if matches!(show, Show::All | Show::Errors) {
            files
        } else {
            Vec::new()
        },
        warnings: by_file(&snap.round.warnings, lang),
        summary_href: href("/summary.pdf", lang, &[]),
        reload_action: href("/reload", lang, &[("form", form)]),
        classes,
        provisional_rules: if report.round.provisional_rules.is_empty() {
            String::new()
        } else {
            results::provisional_rules(&report.round.provisional_rules, lang)
        },
    };
    page.render().unwrap_or_else(|e| e.to_string())
}

/// Located problems in words, grouped by file in the order given (sorted by file and line).
fn by_file(found: &[crate::Diagnostic], lang: Lang) -> Vec<FileErrors> {
    let mut files: Vec<FileErrors> = Vec::new();
    for d in found {
        let file = d.file.display().to_string();
        let line = problems::diagnostic(d, lang);
        match files.last_mut() {
            Some(f) if f.file == file => f.problems.push(line),
            _ => files.push(FileErrors {
                file,
                problems: vec![line],
            }),
        }
    }
    files
}

pub(crate) struct EvidenceRead {
    pub(crate) label: String,
    pub(crate) value: String,
}

pub(crate) struct IndicatorRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) reference: String,
    pub(crate) provisional: bool,
    pub(crate) note: String,
    pub(crate) evidence: Vec<EvidenceRead>,
    pub(crate) row: String,
    pub(crate) points: String,
}

pub(crate) struct CriterionBlock {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) points: String,
    pub(crate) met: bool,
    pub(crate) indicators: Vec<IndicatorRow>,
}

pub(crate) struct DisqualifierRow {
    pub(crate) title: String,
    pub(crate) reference: String,
    pub(crate) held: bool,
    pub(crate) incidents: String,
}

pub(crate) struct IncidentRow {
    pub(crate) id: String,
    pub(crate) date: String,
    pub(crate) kind: String,
    pub(crate) fatal: bool,
    /// Whether its support plan was approved, and by whom and when if recorded.
    pub(crate) support_plan: String,
    pub(crate) in_period: bool,
}

/// One input of the what-if panel.
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) value: String,
    pub(crate) shown: String,
    pub(crate) boolean: bool,
    pub(crate) truth: bool,
}

/// The smallest change of evidence that makes the unit recognised, as the what-if panel
/// shows it at its top: in words, with the figures its "try" button puts into the panel.
#[derive(Debug, Default)]
pub(crate) struct SmallestView {
    /// Sentences before the changes: already recognised, outside the period in force, or
    /// that recognition is impossible this round.
    pub(crate) notes: Vec<String>,
    /// What no change of evidence lifts (a disqualifier that holds, a criterion without data).
    pub(crate) blocking: Vec<String>,
    /// The words before the changes when recognition is impossible but the score is not.
    pub(crate) needs: String,
    /// Each change, in words.
    pub(crate) changes: Vec<String>,
    /// The total and decision the changes give.
    pub(crate) after: String,
    /// (field id, value as typed) of each change, for the "try" button.
    pub(crate) fields: Vec<(String, String)>,
    /// Whether the changes give recognition, so that trying them is worth a button.
    pub(crate) tryable: bool,
}

impl SmallestView {
    /// The figures to try, as the button's data: `{"in-name": "value", …}`.
    fn json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .fields
            .iter()
            .map(|(id, v)| (id.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(map).to_string()
    }
}

/// A value as the what-if panel's field holds it: the number as the reader writes it,
/// without its unit (`1.720`, `84,5`), which is what the panel reads back; a yes/no as the
/// select's value.
pub(crate) fn field_value(v: crate::evidence::Value, lang: Lang) -> String {
    use crate::evidence::Value;
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format::number(rust_decimal::Decimal::from(n), lang),
        Value::Decimal(d) => format::fixed(d, d.scale(), lang),
    }
}

#[derive(Template)]
#[template(path = "serve/unit.html")]
pub(crate) struct UnitPage {
    pub(crate) c: Chrome,
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) class: String,
    pub(crate) total: String,
    pub(crate) threshold: String,
    pub(crate) decision: &'static str,
    pub(crate) recognised: bool,
    pub(crate) reasons: Vec<String>,
    pub(crate) criteria: Vec<CriterionBlock>,
    pub(crate) disqualifiers: Vec<DisqualifierRow>,
    pub(crate) incidents: Vec<IncidentRow>,
    pub(crate) provisional_rules: String,
    pub(crate) dossier_href: String,
    pub(crate) download_href: String,
    pub(crate) try_action: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) smallest: SmallestView,
    pub(crate) smallest_json: String,
    pub(crate) try_words: &'static str,
    pub(crate) file_note: String,
    pub(crate) unreachable: &'static str,
    pub(crate) no_result: &'static str,
    pub(crate) criteria_tried: &'static str,
    pub(crate) reasons_tried: &'static str,
}

/// A unit's page, with the smallest change at the top of its what-if panel; `form` is the
/// token of the pages' forms.
pub(crate) fn unit_page(
    snap: &Snapshot,
    u: &UnitResult,
    lang: Lang,
    smallest: SmallestView,
    form: &str,
) -> String {
    let set = snap.round.evaluator.criteria();
    let policy = snap.round.evaluator.policy();
    let e = crate::audit::explain::explain(u, set, policy, lang);
    let unit_path = format!("/units/{}", percent(&u.code));
    let c = Chrome::new(
        snap,
        lang,
        format!("{} ({})", u.name, u.code),
        Here::Other,
        (&unit_path, &[]),
    );
    let criteria = e
        .criteria
        .iter()
        .map(|cl| CriterionBlock {
            id: cl.id.clone(),
            title: cl.title.clone(),
            points: format!("{}/{}", points(cl.points, lang), points(cl.max, lang)),
            met: cl.met,
            indicators: cl
                .indicators
                .iter()
                .map(|i| IndicatorRow {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    reference: i.reference.clone(),
                    provisional: i.provisional,
                    note: i.status_note.clone().unwrap_or_default(),
                    evidence: i
                        .evidence
                        .iter()
                        .map(|r| EvidenceRead {
                            label: r.label.clone(),
                            value: ew::value(set, &r.name, r.value, lang),
                        })
                        .collect(),
                    row: i.row.clone(),
                    points: format!("{}/{}", points(i.points, lang), points(i.max, lang)),
                })
                .collect(),
        })
        .collect();
    let disqualifiers = e
        .disqualifiers
        .iter()
        .map(|d| DisqualifierRow {
            title: d.title.clone(),
            reference: d.reference.clone(),
            held: d.held,
            incidents: d.incidents.join(", "),
        })
        .collect();
    let incidents = u
        .incidents
        .iter()
        .map(|i| IncidentRow {
            id: i.id.clone(),
            date: format::date(i.date, lang),
            kind: set.incident_kind_word(&i.kind, lang).to_string(),
            fatal: i.fatal,
            support_plan: w::support_plan(
                i.support_plan_approved,
                i.support_plan_approved_by,
                i.support_plan_approved_on,
                lang,
            ),
            in_period: i.in_period,
        })
        .collect();
    let fields = snap
        .evidence(&u.code)
        .map(|ev| {
            set.inputs()
                .iter()
                .zip(ev.values())
                .map(|(input, v)| {
                    let (boolean, truth) = match v {
                        crate::evidence::Value::Bool(b) => (true, *b),
                        _ => (false, false),
                    };
                    Field {
                        name: input.name.clone(),
                        id: format!("in-{}", input.name),
                        label: input.label.get(lang).to_string(),
                        value: field_value(*v, lang),
                        shown: ew::value(set, &input.name, *v, lang),
                        boolean,
                        truth,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let decision = results::decision(u.recognised, lang);
    let page = UnitPage {
        c,
        code: u.code.clone(),
        name: u.name.clone(),
        class: e.class_label.clone(),
        total: points(u.total, lang),
        threshold: points(u.threshold, lang),
        decision,
        recognised: u.recognised,
        reasons: reasons::reasons(u, lang, set, policy),
        criteria,
        disqualifiers,
        incidents,
        provisional_rules: if u.provisional_rules.is_empty() {
            String::new()
        } else {
            results::provisional_rules(&u.provisional_rules, lang)
        },
        dossier_href: href(&format!("{unit_path}/dossier.pdf"), lang, &[]),
        download_href: href(
            &format!("{unit_path}/dossier.pdf"),
            lang,
            &[("download", "1")],
        ),
        try_action: href(&format!("{unit_path}/try"), lang, &[("form", form)]),
        fields,
        smallest_json: smallest.json(),
        smallest,
        try_words: w::try_smallest(lang),
        file_note: w::tried_note(&points(u.total, lang), decision, 0, lang),
        unreachable: w::server_unreachable(lang),
        no_result: w::no_result(lang),
        criteria_tried: w::criteria_tried(lang),
        reasons_tried: w::reasons_tried(lang),
    };
    page.render().unwrap_or_else(|e| e.to_string())
}

pub(crate) struct CompareRow {
    pub(crate) code: String,
    pub(crate) href: Option<String>,
    pub(crate) name: String,
    pub(crate) before: String,
    pub(crate) after: String,
    pub(crate) flipped: bool,
    pub(crate) moved: String,
}

#[derive(Template)]
#[template(path = "serve/compare.html")]
pub(crate) struct ComparePage {
    pub(crate) c: Chrome,
    pub(crate) missing: Option<&'static str>,
    pub(crate) heading: String,
    pub(crate) counts: String,
    pub(crate) rows: Vec<CompareRow>,
}

/// The comparison page.
pub(crate) fn compare_page(snap: &Snapshot, diff: Option<&Diff>, lang: Lang) -> String {
    let t = w::ui(lang);
    let c = Chrome::new(
        snap,
        lang,
        t.compare_title.to_string(),
        Here::Compare,
        ("/compare", &[]),
    );
    let standing = |s: &Option<crate::audit::diff::Standing>| match s {
        Some(s) => format!(
            "{} — {}",
            points(s.total, lang),
            results::decision(s.recognised, lang)
        ),
        None => t.absent.to_string(),
    };
    let set = snap.round.evaluator.criteria();
    let page = match diff {
        None => ComparePage {
            c,
            missing: Some(w::no_compare(lang)),
            heading: String::new(),
            counts: String::new(),
            rows: Vec::new(),
        },
        Some(d) => ComparePage {
            c,
            missing: None,
            heading: w::compared(&d.before, &d.after, lang),
            counts: w::compare_counts(&d.summary, lang),
            rows: d
                .units
                .iter()
                .map(|u| CompareRow {
                    code: u.code.clone(),
                    href: snap
                        .unit(&u.code)
                        .map(|_| href(&format!("/units/{}", percent(&u.code)), lang, &[])),
                    name: u.name.clone(),
                    before: standing(&u.before),
                    after: standing(&u.after),
                    flipped: u.flipped,
                    moved: u
                        .moved
                        .iter()
                        .map(|m| {
                            let title = set
                                .criteria()
                                .iter()
                                .find(|c| c.id == m.criterion)
                                .map_or(m.criterion.clone(), |c| {
                                    format!("{} {}", c.id, c.title.get(lang))
                                });
                            let p = |x: Option<Points>| {
                                x.map_or("—".to_string(), |x| points(x, lang))
                            };
                            format!("{title}: {} → {}", p(m.before), p(m.after))
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect(),
        },
    };
    page.render().unwrap_or_else(|e| e.to_string())
}

pub(crate) struct BookView {
    pub(crate) name: String,
    pub(crate) ok: bool,
    pub(crate) lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "serve/import.html")]
pub(crate) struct ImportPage {
    pub(crate) c: Chrome,
    pub(crate) action: String,
    pub(crate) replace: &'static str,
    pub(crate) books: Vec<BookView>,
    pub(crate) summary: Option<String>,
    pub(crate) round_href: String,
}

/// The import page, with the outcome of an import when there was one.
pub(crate) fn import_page(
    snap: &Snapshot,
    lang: Lang,
    form: &str,
    books: Vec<BookView>,
    summary: Option<String>,
) -> String {
    let t = w::ui(lang);
    let c = Chrome::new(
        snap,
        lang,
        t.import_title.to_string(),
        Here::Import,
        ("/import", &[]),
    );
    ImportPage {
        c,
        action: href("/import", lang, &[("form", form)]),
        replace: w::replace_box(lang),
        books,
        summary,
        round_href: href("/", lang, &[]),
    }
    .render()
    .unwrap_or_else(|e| e.to_string())
}

#[derive(Template)]
#[template(path = "serve/message.html")]
pub(crate) struct MessagePage {
    pub(crate) c: Chrome,
    pub(crate) heading: &'static str,
    pub(crate) message: String,
    pub(crate) round_href: String,
}

/// A short page: not found, or a failure in words.
pub(crate) fn message_page(
    snap: &Snapshot,
    lang: Lang,
    heading: &'static str,
    message: String,
) -> String {
    let c = Chrome::new(snap, lang, heading.to_string(), Here::Other, ("/", &[]));
    MessagePage {
        c,
        heading,
        message,
        round_href: href("/", lang, &[]),
    }
    .render()
    .unwrap_or_else(|e| e.to_string())
}
