//! Time is data: a criteria set's period in force (`effective`, `until`) and the windows of
//! disqualifiers (the period, the previous year, the months before the decision date).

use std::path::Path;
use std::process::{Command, Output};

use crate::fuzzer::World;
use calamine::{Data, Reader};
use cfc::criteria::OutsideEffect;
use cfc::decide::IncidentWindow;
use cfc::policy::{Window, WindowError};
use cfc::render::dossier::{self, Context};
use cfc::render::pdf::LayoutModel;
use cfc::render::pdf::layout::TextRole;
use cfc::round::RoundOptions;
use cfc::{
    CriteriaSet, Date, EvalError, Evaluator, Evidence, Lang, Policy, Round, RoundError,
    RoundReport, UnitResult, render,
};

const WINDOWS_POLICY: &str = "tests/data/windows/policy.toml";

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn set() -> CriteriaSet {
    CriteriaSet::load("criteria/qd-06-2019.toml").unwrap_or_else(|e| panic!("{e}"))
}

fn windows_evaluator(decision: Option<&str>) -> Evaluator {
    let set = set();
    let policy = Policy::load(WINDOWS_POLICY, &set).unwrap_or_else(|e| panic!("{e}"));
    let evaluator = Evaluator::new(set, Some(policy)).unwrap();
    match decision {
        Some(d) => evaluator.with_decision_date(date(d)),
        None => evaluator,
    }
}

/// A unit of 2024 whose register holds drownings on these days.
fn unit_with_drownings(evaluator: &Evaluator, days: &[&str]) -> Evidence {
    let ids: Vec<String> = (1..=days.len()).map(|k| format!("DN-{k:02}")).collect();
    let incidents: Vec<crate::support::IncidentSpec> = ids
        .iter()
        .zip(days)
        .map(|(id, day)| (id.as_str(), *day, "drowning", false, false))
        .collect();
    let text = crate::support::evidence_text("90001", &[], &incidents);
    Evidence::parse("test.toml", &text, evaluator.criteria(), Some(2024))
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn held(result: &UnitResult) -> Vec<&str> {
    result.disqualifiers.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn each_window_holds_on_its_first_and_last_day_and_not_a_day_beyond() {
    // The period is 2024; the decision date 2024-12-05, so the 12 months before it run from
    // 2023-12-05 to 2024-12-04.
    let evaluator = windows_evaluator(Some("2024-12-05"));
    let cases: [(&str, &[&str]); 10] = [
        ("2022-12-31", &[]),
        ("2023-01-01", &["drowning_last_year"]),
        ("2023-12-04", &["drowning_last_year"]),
        ("2023-12-05", &["drowning_last_year", "drowning_12_months"]),
        ("2023-12-31", &["drowning_last_year", "drowning_12_months"]),
        ("2024-01-01", &["drowning", "drowning_12_months"]),
        ("2024-12-04", &["drowning", "drowning_12_months"]),
        ("2024-12-05", &["drowning"]),
        ("2024-12-31", &["drowning"]),
        ("2025-01-01", &[]),
    ];
    for (day, expected) in cases {
        let ev = unit_with_drownings(&evaluator, &[day]);
        let result = evaluator
            .evaluate(&ev)
            .unwrap_or_else(|e| panic!("{day}: {e}"));
        assert_eq!(held(&result), expected, "a drowning on {day}");
        for hit in &result.disqualifiers {
            assert_eq!(hit.incidents, ["DN-01"], "{day}: {}", hit.id);
        }
    }
}

/// An evaluator keeps the windows of its first unit's period for the units that share it; a
/// unit of another period, or another decision date, gets its own. A drowning of 2023 in a
/// unit of 2023 counts for the period's disqualifier: with the windows of 2024 it would count
/// for last year's.
#[test]
fn a_unit_of_another_period_gets_the_windows_of_its_own() {
    let evaluator = windows_evaluator(Some("2024-12-05"));
    let first = unit_with_drownings(&evaluator, &["2024-03-01"]);
    let result = evaluator.evaluate(&first).unwrap();
    assert_eq!(held(&result), ["drowning", "drowning_12_months"]);
    let text = crate::support::evidence_text(
        "90002",
        &[],
        &[("DN-01", "2023-03-01", "drowning", false, false)],
    )
    .replace("from = 2024-01-01", "from = 2023-01-01")
    .replace("to = 2024-12-31", "to = 2023-12-31");
    let of_2023 = Evidence::parse("test.toml", &text, evaluator.criteria(), Some(2023))
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let result = evaluator.evaluate(&of_2023).unwrap();
    assert_eq!(held(&result), ["drowning"]);
    let fresh = windows_evaluator(Some("2024-12-05"));
    assert_eq!(result, fresh.evaluate(&of_2023).unwrap());
    // And the first period's units still get theirs.
    assert_eq!(
        held(&evaluator.evaluate(&first).unwrap()),
        ["drowning", "drowning_12_months"]
    );
    // Another decision date, other windows: the 12 months before 2025-06-30 start after
    // 2024-03-01.
    let later = evaluator.with_decision_date(date("2025-06-30"));
    assert_eq!(held(&later.evaluate(&first).unwrap()), ["drowning"]);
}

#[test]
fn a_condition_receives_only_the_incidents_inside_its_window() {
    let evaluator = windows_evaluator(Some("2024-12-05"));
    let ev = unit_with_drownings(
        &evaluator,
        &[
            "2022-12-31",
            "2023-06-01",
            "2023-12-05",
            "2024-03-01",
            "2024-12-05",
        ],
    );
    let result = evaluator.evaluate(&ev).unwrap();
    let hits = crate::support::hits(&result);
    assert_eq!(
        hits,
        [
            ("drowning", vec!["DN-04", "DN-05"]),
            ("drowning_last_year", vec!["DN-02", "DN-03"]),
            ("drowning_12_months", vec!["DN-03", "DN-04"]),
        ]
    );
}

#[test]
fn the_trace_says_which_window_judged_every_incident_and_whether_it_counted() {
    let evaluator = windows_evaluator(Some("2024-12-05"));
    let ev = unit_with_drownings(&evaluator, &["2023-06-01", "2024-12-05"]);
    let result = evaluator.evaluate(&ev).unwrap();
    let window = |d: &str, w: Window, from: &str, to: &str, inside: bool| IncidentWindow {
        disqualifier: d.to_string(),
        window: w,
        from: date(from),
        to: date(to),
        inside,
        counted: inside,
    };
    let last_year = Window::PreviousYear;
    let rolling = Window::MonthsBeforeDecision(12);
    assert_eq!(
        result.incidents[0].windows,
        [
            window(
                "drowning",
                Window::Period,
                "2024-01-01",
                "2024-12-31",
                false
            ),
            window(
                "drowning_last_year",
                last_year,
                "2023-01-01",
                "2023-12-31",
                true
            ),
            window(
                "drowning_12_months",
                rolling,
                "2023-12-05",
                "2024-12-04",
                false
            ),
        ]
    );
    assert!(!result.incidents[0].in_period);
    assert_eq!(
        result.incidents[1].windows,
        [
            window("drowning", Window::Period, "2024-01-01", "2024-12-31", true),
            window(
                "drowning_last_year",
                last_year,
                "2023-01-01",
                "2023-12-31",
                false
            ),
            window(
                "drowning_12_months",
                rolling,
                "2023-12-05",
                "2024-12-04",
                false
            ),
        ]
    );
    // In JSON, the windows as the policy writes them.
    let json = serde_json::to_string(&result.incidents[0]).unwrap();
    assert!(
        json.contains(r#""window":{"months_before_decision":12},"from":"2023-12-05","to":"2024-12-04","inside":false,"counted":false"#),
        "{json}"
    );
    assert!(json.contains(r#""window":"previous_year""#), "{json}");
}

#[test]
fn an_incident_inside_a_window_that_the_condition_does_not_return_is_not_counted() {
    // A violence incident is inside every window of 2023-12-05 … 2024-12-04 but a drowning
    // condition does not return it.
    let evaluator = windows_evaluator(Some("2024-12-05"));
    let text = crate::support::evidence_text(
        "90002",
        &[],
        &[("VL-01", "2024-02-01", "violence", false, false)],
    );
    let ev = Evidence::parse("test.toml", &text, evaluator.criteria(), Some(2024)).unwrap();
    let result = evaluator.evaluate(&ev).unwrap();
    assert!(result.disqualifiers.is_empty());
    let judged: Vec<(bool, bool)> = result.incidents[0]
        .windows
        .iter()
        .map(|w| (w.inside, w.counted))
        .collect();
    assert_eq!(judged, [(true, false), (false, false), (true, false)]);
}

#[test]
fn a_window_counted_from_the_decision_date_needs_one_and_never_falls_back_to_the_period() {
    let evaluator = windows_evaluator(None);
    let ev = unit_with_drownings(&evaluator, &["2024-03-01"]);
    let err = evaluator.evaluate(&ev).expect_err("no decision date");
    assert_eq!(
        err,
        EvalError::Window {
            disqualifier: "drowning_12_months".to_string(),
            error: WindowError::NoDecisionDate { months: 12 },
        }
    );
    let message = cfc::words::errors::eval(&err, cfc::Lang::En);
    assert!(
        message.starts_with("disqualifier drowning_12_months: its window is the 12 months before the round's decision date, but no decision date was given"),
        "{message}"
    );
    // Through `Policy::check` too.
    let set = evaluator.criteria();
    let policy = evaluator.policy().unwrap();
    assert!(policy.check(set, &ev, None).is_err());
    let hits = policy.check(set, &ev, Some(date("2024-12-05"))).unwrap();
    assert_eq!(hits.len(), 2);
    // A policy of period and previous-year windows needs no decision date.
    let only_period = Policy::load("criteria/son-ha-2024.toml", set).unwrap();
    assert!(only_period.check(set, &ev, None).is_ok());
}

#[test]
fn a_round_gives_its_evaluator_the_decision_date_of_round_toml() {
    let round = Round::load("fixtures/son-ha-2024").unwrap();
    assert_eq!(round.evaluator.decision_date(), Some(date("2024-12-05")));
}

/// A policy file with one disqualifier of this window, in a temporary folder with its script.
fn policy_with_window(window: &str) -> (tempfile::TempDir, std::path::PathBuf, usize) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("scripts")).unwrap();
    std::fs::write(
        dir.path().join("scripts/drowning.rhai"),
        "incidents.filter(|i| i.kind == \"drowning\")\n",
    )
    .unwrap();
    let text = format!(
        "id = \"p\"\ntitle = {{ vi = \"Chính sách\" }}\nlegal_basis = \"Kiểm thử\"\n\n\
         [[disqualifiers]]\nid = \"drowning\"\ntitle = {{ vi = \"Đuối nước\" }}\nreference = \"Điều 1\"\n\
         window = {window}\nscript = \"scripts/drowning.rhai\"\n"
    );
    let path = dir.path().join("policy.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path, 9)
}

#[test]
fn a_window_of_0_or_more_than_120_months_or_an_unknown_name_is_refused_at_its_line() {
    let set = set();
    use cfc::diag::{FileProblem, Problem, RulesProblem, ValueProblem};
    let months = |found| -> Problem { RulesProblem::WindowMonths { found, max: 120 }.into() };
    let (zero, above) = (months(0), months(121));
    type Check<'a> = &'a dyn Fn(&Problem) -> bool;
    let expected: [(&str, Check); 4] = [
        ("{ months_before_decision = 0 }", &|p| *p == zero),
        ("{ months_before_decision = 121 }", &|p| *p == above),
        (
            "\"last_year\"",
            &|p| matches!(p, Problem::Value(ValueProblem::NotOneOf { found, .. }) if found == "last_year"),
        ),
        (
            "{ months_before_decision = -3 }",
            &|p| matches!(p, Problem::File(FileProblem::Syntax { detail }) if detail.contains("-3")),
        ),
    ];
    for (window, expected) in expected {
        let (_dir, path, line) = policy_with_window(window);
        let err = Policy::load(&path, &set).expect_err(window);
        let d = &err.diagnostics()[0];
        assert_eq!((d.file.as_path(), d.line), (path.as_path(), line), "{d}");
        assert!(
            d.field.as_str().starts_with("disqualifiers[0].window"),
            "{d:?}"
        );
        assert!(expected(&d.problem), "{window}: {d:?}");
    }
    for window in [
        "\"period\"",
        "\"previous_year\"",
        "{ months_before_decision = 1 }",
        "{ months_before_decision = 120 }",
    ] {
        let (_dir, path, _) = policy_with_window(window);
        Policy::load(&path, &set).unwrap_or_else(|e| panic!("{window}: {e}"));
    }
}

/// The shipped round in a temporary tree, with `until` added to its criteria set.
fn world_until(until: &str) -> World {
    let world = World::new();
    let criteria = world.root().join("criteria/qd-06-2019.toml");
    let text = std::fs::read_to_string(&criteria).unwrap();
    let text = text.replacen(
        "effective = 2019-01-03\n",
        &format!("effective = 2019-01-03\nuntil = {until}\n"),
        1,
    );
    std::fs::write(&criteria, text).unwrap();
    world
}

#[test]
fn until_is_read_and_must_not_come_before_effective() {
    let world = world_until("2027-12-31");
    let set = CriteriaSet::load(world.root().join("criteria/qd-06-2019.toml")).unwrap();
    assert_eq!(set.until(), Some(date("2027-12-31")));
    assert_eq!(set.effective(), date("2019-01-03"));
    assert!(set.outside_effect(2027).is_none());
    assert!(set.outside_effect(2028).is_some());
    assert!(set.outside_effect(2018).is_some());
    assert_eq!(
        CriteriaSet::load("criteria/qd-06-2019.toml")
            .unwrap()
            .until(),
        None
    );

    let world = world_until("2019-01-02");
    let path = world.root().join("criteria/qd-06-2019.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("until = "))
        .unwrap()
        + 1;
    let err = CriteriaSet::load(&path).expect_err("until before effective");
    let problems = err.diagnostics();
    assert_eq!(problems.len(), 1, "{err}");
    assert_eq!((problems[0].line, problems[0].column), (line, 9), "{err}");
    assert_eq!(
        cfc::words::problems::problem(&problems[0].problem, cfc::Lang::En),
        "until = 2019-01-02 is before effective = 2019-01-03: expected the last day the set is in force, on or after the day it takes effect"
    );
}

#[test]
fn a_set_in_force_on_one_day_of_the_year_covers_the_round() {
    let world = world_until("2024-01-01");
    Round::load(world.round_dir()).unwrap_or_else(|e| panic!("{e}"));
}

/// All text of a rendered document, lines joined by spaces (a wrapped cell reads whole).
fn text_of(model: &LayoutModel) -> String {
    model
        .texts()
        .map(|(_, t)| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every page carries `mark` in the bottom margin.
fn marked_on_every_page(model: &LayoutModel, mark: &str) {
    let pages = model.pages.len();
    let marks: Vec<&str> = model
        .texts()
        .filter(|(_, t)| t.role == TextRole::Mark)
        .map(|(_, t)| t.text.as_str())
        .collect();
    assert_eq!(marks.len(), pages, "{marks:?}");
    assert!(marks.iter().all(|m| *m == mark), "{marks:?}");
}

#[test]
fn a_round_outside_the_sets_period_is_refused_and_then_evaluated_on_request_with_the_notice_everywhere()
 {
    let world = world_until("2023-12-31");
    let settings = world.round_dir().join("round.toml");
    let err = Round::load(world.round_dir()).expect_err("2024 is outside 2019-01-03 … 2023-12-31");
    let RoundError::OutsideEffect(d) = &err else {
        panic!("{err}")
    };
    assert_eq!(
        (d.file.as_path(), d.line, d.column),
        (settings.as_path(), 5, 12)
    );
    assert_eq!(d.field.as_str(), "criteria");
    assert_eq!(
        d.problem,
        cfc::diag::RoundProblem::OutsideEffect {
            criteria: "qd-06-2019".into(),
            effective: date("2019-01-03"),
            until: Some(date("2023-12-31")),
            year: 2024,
        }
        .into()
    );

    let options = RoundOptions::default().outside_effect(true);
    let round = Round::load_with(world.round_dir(), &options).unwrap_or_else(|e| panic!("{e}"));
    let outside = round.outside_effect().expect("outside the set's period");
    assert_eq!(
        (outside.effective, outside.until, outside.year),
        (date("2019-01-03"), Some(date("2023-12-31")), 2024)
    );
    assert_eq!(
        outside.notice,
        "NGOÀI HIỆU LỰC — bộ tiêu chí qd-06-2019 có hiệu lực từ 03/01/2019 đến 31/12/2023, không áp dụng cho năm 2024: \
         kết quả chỉ để tham khảo — outside the set's period: qd-06-2019 is in force from 2019-01-03 to 2023-12-31, \
         not in 2024; evaluated on request, the results decide nothing"
    );
    let report = RoundReport::new(&round, round.evaluate());
    assert_eq!(report.units.len(), 14);
    assert_eq!(report.round.outside_effect.as_ref(), Some(&outside));

    let json = render::json(&report);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["round"]["outside_effect"]["notice"], outside.notice);
    assert_eq!(value["round"]["outside_effect"]["until"], "2023-12-31");

    let words = cfc::words::results::Vocabulary::of(&round);
    let notice = |lang| cfc::words::results::outside_effect(&outside, lang);
    let csv = render::csv(&report, &words, Lang::Vi);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",synthetic,outside_effect"));
    for row in lines {
        assert!(
            row.ends_with(&format!(",\"{}\"", notice(Lang::Vi))),
            "{row}"
        );
    }

    for lang in [Lang::Vi, Lang::En] {
        let table = render::table(&report, &words, lang);
        assert_eq!(table.lines().nth(2), Some(notice(lang).as_str()), "{table}");
    }

    let workbook = cfc::xlsx::results(&report, &words, Lang::Vi).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(workbook)).unwrap();
    let sheet = book
        .worksheet_range(cfc::xlsx::results::SHEET_SUMMARY)
        .unwrap();
    assert_eq!(
        sheet.get_value((3, 0)),
        Some(&Data::String(notice(Lang::Vi)))
    );

    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: Lang::Vi,
    };
    let both = format!("DỮ LIỆU MINH HỌA — {}", OutsideEffect::MARK);
    for u in &report.units {
        let rendered = dossier::dossier(u, &ctx).unwrap();
        marked_on_every_page(&rendered.model, &both);
        let text = text_of(&rendered.model);
        assert!(
            text.contains("năm 2024 nằm ngoài thời gian hiệu lực"),
            "{text}"
        );
    }
    let summary = dossier::summary(&report, &ctx).unwrap();
    marked_on_every_page(&summary.model, &both);
    assert!(text_of(&summary.model).contains("năm 2024 nằm ngoài thời gian hiệu lực"));

    let explained = cfc::explain::explain(
        &report.units[0],
        round.evaluator.criteria(),
        round.evaluator.policy(),
        Lang::En,
    );
    assert_eq!(explained.outside_effect.as_ref(), Some(&outside));
    let account = cfc::words::explain::text(
        &explained,
        round.evaluator.criteria(),
        round.evaluator.policy(),
    );
    assert!(account.contains(&cfc::words::results::outside_effect(&outside, Lang::En)));

    // The results are what they are in force: only the notice tells them apart.
    let pristine = Round::load("fixtures/son-ha-2024").unwrap();
    let pristine = RoundReport::new(&pristine, pristine.evaluate());
    for (a, b) in pristine.units.iter().zip(&report.units) {
        assert_eq!(
            (a.total, a.recognised),
            (b.total, b.recognised),
            "{}",
            a.code
        );
    }
}

#[test]
fn a_round_in_force_says_nothing_of_it() {
    let round = Round::load("fixtures/son-ha-2024").unwrap();
    assert!(round.outside_effect().is_none());
    let report = RoundReport::new(&round, round.evaluate());
    assert!(!render::json(&report).contains("outside_effect"));
    let words = cfc::words::results::Vocabulary::of(&round);
    assert!(!render::csv(&report, &words, Lang::Vi).contains("outside_effect"));
}

fn cfc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cfc {args:?}: {e}"))
}

#[test]
fn every_command_that_opens_a_round_refuses_it_outside_the_period_unless_asked() {
    let world = world_until("2023-12-31");
    let dir = world.round_dir();
    let dir = dir.to_str().unwrap();
    let out_dir = world.root().join("out");
    let out = out_dir.to_str().unwrap();
    let pdf = world.root().join("one.pdf");
    let pdf = pdf.to_str().unwrap();
    let commands: [Vec<&str>; 6] = [
        vec!["evaluate", dir, "--format", "csv"],
        vec!["explain", dir, "21238"],
        vec!["whatif", dir, "21238"],
        vec!["dossier", dir, "21238", "--out", pdf],
        vec!["check", dir],
        vec!["diff", dir, dir],
    ];
    for args in &commands {
        let refused = cfc(args);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("round.toml:5:12: criteria: bộ tiêu chí qd-06-2019 có hiệu lực"),
            "{args:?}: {stderr}"
        );
        let mut asked = args.clone();
        asked.push("--outside-effect");
        let done = cfc(&asked);
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(0), "{asked:?}: {stderr}");
        if args[0] != "diff" {
            assert!(stderr.contains("NGOÀI HIỆU LỰC"), "{asked:?}: {stderr}");
        }
    }
    let explained = cfc(&["explain", dir, "21238", "--outside-effect"]);
    assert!(String::from_utf8_lossy(&explained.stdout).contains("NGOÀI HIỆU LỰC"));

    // An output folder made on request still verifies: `verify` re-opens it the same way.
    let written = cfc(&[
        "evaluate",
        dir,
        "--outside-effect",
        "--out",
        out,
        "--format",
        "json",
    ]);
    assert_eq!(written.status.code(), Some(0));
    let json = std::fs::read_to_string(Path::new(out).join("results.json")).unwrap();
    assert!(json.contains("\"outside_effect\""));
    let verified = cfc(&["verify", out]);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
}

#[test]
fn the_dossier_and_explain_show_how_each_window_judged_every_incident() {
    let world = World::new();
    let policy = world.root().join("criteria/son-ha-2024.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    let text = text.replacen(
        "kinds = [\"drowning\"]",
        "kinds = [\"drowning\"]\nwindow = { months_before_decision = 12 }",
        1,
    );
    std::fs::write(&policy, text).unwrap();
    let round = Round::load(world.round_dir()).unwrap_or_else(|e| panic!("{e}"));
    let report = RoundReport::new(&round, round.evaluate());
    let son_thuong = report.units.iter().find(|u| u.code == "21238").unwrap();
    assert_eq!(son_thuong.disqualifiers[0].id, "drowning");
    let judged: Vec<(&str, bool, bool)> = son_thuong.incidents[0]
        .windows
        .iter()
        .map(|w| (w.disqualifier.as_str(), w.inside, w.counted))
        .collect();
    assert_eq!(
        judged,
        [
            ("drowning", true, true),
            ("violence", true, false),
            ("abuse", true, false)
        ]
    );

    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: Lang::Vi,
    };
    let rendered = dossier::dossier(son_thuong, &ctx).unwrap();
    let text = text_of(&rendered.model);
    for expected in [
        "Thời gian xét của từng điều kiện loại trừ: (1) Có trẻ em bị tai nạn đuối nước trong năm — 12 tháng trước ngày quyết định (từ 05/12/2023 đến 04/12/2024); (2) Có trẻ em bị bạo lực trong năm — kỳ đánh giá (từ 01/01/2024 đến 31/12/2024)",
        "Điều kiện loại trừ: thời gian xét",
        "(1) trong, tính; (2) trong, không tính; (3) trong, không tính",
        "thời gian xét: 12 tháng trước ngày quyết định",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }

    let explained = cfc::explain::explain(son_thuong, ctx.criteria, ctx.policy, Lang::En);
    let drowning = &explained.disqualifiers[0];
    assert_eq!(drowning.window, Some(Window::MonthsBeforeDecision(12)));
    let account = cfc::words::explain::text(&explained, ctx.criteria, ctx.policy);
    for expected in [
        "      window: the 12 months before the decision date: 2023-12-05 to 2024-12-04\n        ST-2024-01 (2024-07-02): inside, counted\n",
        "      window: the evaluation period: 2024-01-01 to 2024-12-31\n        ST-2024-01 (2024-07-02): inside, not counted\n",
    ] {
        assert!(
            account.contains(expected),
            "{expected:?} not in:\n{account}"
        );
    }
    let vi = explained_vi(son_thuong, &ctx);
    assert!(
        vi.contains("thời gian xét: 12 tháng trước ngày quyết định: 05/12/2023 – 04/12/2024\n        ST-2024-01 (02/07/2024): trong thời gian xét, tính\n"),
        "{vi}"
    );
}

fn explained_vi(result: &UnitResult, ctx: &Context) -> String {
    let explained = cfc::explain::explain(result, ctx.criteria, ctx.policy, Lang::Vi);
    cfc::words::explain::text(&explained, ctx.criteria, ctx.policy)
}
