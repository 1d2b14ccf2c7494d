//! `cfc check` analyses the rules, not only their syntax (issue 23): every kind of finding of
//! the analysis, each shown by the smallest rule file that has it (`tests/data/check/`, whose
//! first line says what it shows), said in Vietnamese and in English (one snapshot per
//! language); whether each is an error (the file is refused) or a warning (kept, printed,
//! refused by `--deny-warnings`); the shipped sets and every shipped round with no finding at
//! all; a script that is a FIFO refused before it is opened; a script's run-time error as one
//! located line.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cfc::diag::{Diagnostic, Severity};
use cfc::words::problems::diagnostic;
use cfc::{CriteriaSet, Lang, Policy, Round, RoundError};

const DATA: &str = "tests/data/check";

/// What the analysis can find, by the serialised name of the problem: each case below shows one.
const FINDINGS: &[&str] = &[
    "inexact_number",
    "step_table_invalid",
    "step_row_unreachable",
    "step_threshold_outside",
    "step_rows_overlap",
    "step_gap",
    "step_no_na_row",
    "step_fraction_of_percent",
    "step_points_out_of_range",
    "probe_failed",
    "probe_no_outcome",
    "probe_points_out_of_range",
    "lever_lowers",
    "input_unread",
    "no_class_threshold",
    "never_met",
    "disqualifier_holds_without_incidents",
    "disqualifier_never_holds",
    "script_kind_excluded",
    "derived_kinds_disagree",
    "decision_before_year",
    "decision_after_year",
    "decision_before_period_end",
];

/// Each case: its file (a set, a policy against `policy-set.toml`, or a round folder), the kind
/// it shows and whether that is an error or a warning.
const CASES: &[(&str, &str, Severity)] = &[
    ("inexact-number.toml", "inexact_number", Severity::Error),
    (
        "step-table-invalid.toml",
        "step_table_invalid",
        Severity::Error,
    ),
    (
        "step-threshold-inexact.toml",
        "step_table_invalid",
        Severity::Error,
    ),
    (
        "step-row-unreachable.toml",
        "step_row_unreachable",
        Severity::Error,
    ),
    (
        "step-else-unreachable.toml",
        "step_row_unreachable",
        Severity::Error,
    ),
    (
        "step-threshold-outside.toml",
        "step_threshold_outside",
        Severity::Error,
    ),
    (
        "step-rows-overlap.toml",
        "step_rows_overlap",
        Severity::Warning,
    ),
    ("step-gap.toml", "step_gap", Severity::Error),
    ("step-no-na-row.toml", "step_no_na_row", Severity::Error),
    (
        "step-fraction-of-percent.toml",
        "step_fraction_of_percent",
        Severity::Warning,
    ),
    (
        "step-points-out-of-range.toml",
        "step_points_out_of_range",
        Severity::Error,
    ),
    ("probe-failed.toml", "probe_failed", Severity::Error),
    ("probe-no-outcome.toml", "probe_no_outcome", Severity::Error),
    (
        "probe-points-out-of-range.toml",
        "probe_points_out_of_range",
        Severity::Error,
    ),
    ("lever-lowers.toml", "lever_lowers", Severity::Error),
    ("input-unread.toml", "input_unread", Severity::Warning),
    (
        "no-class-threshold.toml",
        "no_class_threshold",
        Severity::Warning,
    ),
    ("met-never-holds.toml", "never_met", Severity::Error),
    (
        "disqualifier-holds-without-incidents.toml",
        "disqualifier_holds_without_incidents",
        Severity::Error,
    ),
    (
        "disqualifier-holds-on-inputs.toml",
        "disqualifier_holds_without_incidents",
        Severity::Warning,
    ),
    (
        "disqualifier-never-holds.toml",
        "disqualifier_never_holds",
        Severity::Error,
    ),
    (
        "script-kind-excluded.toml",
        "script_kind_excluded",
        Severity::Error,
    ),
    (
        "disqualifier-probe-failed.toml",
        "probe_failed",
        Severity::Error,
    ),
    (
        "derived-kinds-disagree.toml",
        "derived_kinds_disagree",
        Severity::Warning,
    ),
    (
        "rounds/decision-before-year",
        "decision_before_year",
        Severity::Error,
    ),
    (
        "rounds/decision-after-year",
        "decision_after_year",
        Severity::Warning,
    ),
    (
        "rounds/decision-before-period-end",
        "decision_before_period_end",
        Severity::Warning,
    ),
];

/// Whether a case is a policy (loaded against `policy-set.toml`).
fn is_policy(file: &str) -> bool {
    std::fs::read_to_string(Path::new(DATA).join(file))
        .is_ok_and(|t| t.contains("\n[[disqualifiers]]"))
}

/// Everything the analysis says of a case: the problems of a refusal (errors and warnings
/// together), or the warnings of what loaded.
fn findings(file: &str) -> Vec<Diagnostic> {
    let path = Path::new(DATA).join(file);
    if path.is_dir() {
        return match Round::load(&path) {
            Ok(round) => round.warnings,
            Err(RoundError::Load(e)) => e.diagnostics(),
            Err(e) => panic!("{file}: {e}"),
        };
    }
    if is_policy(file) {
        let set = CriteriaSet::load(Path::new(DATA).join("policy-set.toml")).unwrap();
        return match Policy::load(&path, &set) {
            Ok(p) => cfc::rules::analysis::warnings(&set, Some(&p)),
            Err(e) => e.diagnostics(),
        };
    }
    match CriteriaSet::load(&path) {
        Ok(set) => cfc::rules::analysis::warnings(&set, None),
        Err(e) => e.diagnostics(),
    }
}

fn kind(d: &Diagnostic) -> String {
    serde_json::to_value(&d.problem).unwrap()["problem"]["kind"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_finding_of_the_analysis_in_both_languages() {
    let mut shown = BTreeSet::new();
    let (mut vi, mut en) = (String::new(), String::new());
    for (file, expected, severity) in CASES {
        let found = findings(file);
        let path = Path::new(DATA).join(file);
        let described = if path.is_dir() {
            path.join("round.toml")
        } else {
            path
        };
        let text = std::fs::read_to_string(described).unwrap();
        let what = text.lines().next().unwrap().trim_start_matches("# check: ");
        let hit = found
            .iter()
            .find(|d| kind(d) == *expected)
            .unwrap_or_else(|| panic!("{file}: no {expected} in {found:#?}"));
        assert_eq!(hit.problem.severity(), *severity, "{file}");
        shown.extend(found.iter().map(kind));
        for (out, lang) in [(&mut vi, Lang::Vi), (&mut en, Lang::En)] {
            out.push_str(&format!("## {file}: {what}\n"));
            for d in &found {
                out.push_str(&diagnostic(d, lang));
                out.push('\n');
            }
            out.push('\n');
        }
    }
    let expected: BTreeSet<String> = FINDINGS.iter().map(|k| k.to_string()).collect();
    assert!(
        expected.is_subset(&shown),
        "not shown: {:?}",
        expected.difference(&shown).collect::<Vec<_>>()
    );
    insta::assert_snapshot!("check_findings_vi", vi);
    insta::assert_snapshot!("check_findings_en", en);
}

#[test]
fn the_shipped_rules_and_every_shipped_round_have_no_finding() {
    let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    let policy = Policy::load("criteria/son-ha-2024.toml", &set).unwrap();
    assert_eq!(cfc::rules::analysis::warnings(&set, Some(&policy)), []);
    for dir in std::fs::read_dir("fixtures").unwrap() {
        let dir = dir.unwrap().path();
        if dir.join("round.toml").is_file() {
            let round = Round::load(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            assert_eq!(round.warnings, [], "{}", dir.display());
        }
    }
}

/// The test sets the engine's own tests evaluate load with no error either (a warning is said
/// where the set means it: an input read only by the policy, a derived count kept for a table).
#[test]
fn the_test_sets_load_and_what_they_are_warned_of_is_meant() {
    let warned = |path: &str| -> Vec<String> {
        let set = CriteriaSet::load(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        cfc::rules::analysis::warnings(&set, None)
            .iter()
            .map(|d| diagnostic(d, Lang::En))
            .collect()
    };
    assert_eq!(
        warned("tests/data/draft-100/draft-100.toml"),
        Vec::<String>::new()
    );
    assert_eq!(warned("tests/data/inputs/set.toml"), Vec::<String>::new());
    let example = warned("tests/data/other-shape/example-400.toml");
    assert_eq!(example.len(), 1, "{example:?}");
    assert!(example[0].contains("input child_labour_cases is declared but no script reads it"));
    // Read by the policy of its round: then no warning.
    let round = Round::load("tests/data/other-shape/round").unwrap();
    assert!(
        round
            .warnings
            .iter()
            .all(|d| !diagnostic(d, Lang::En).contains("child_labour_cases is declared")),
        "{:?}",
        round.warnings
    );
}

fn cfc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn check_says_warnings_and_deny_warnings_makes_them_errors() {
    let set = format!("{DATA}/input-unread.toml");
    let out = cfc(&["--lang", "en", "check", "--criteria", &set]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.starts_with(&format!("{set}:30:1: warning: inputs[2].name: input clubs")),
        "{stderr}"
    );
    assert!(stdout.ends_with("1 warning(s): the rules may not be what their author meant (--deny-warnings makes them errors)\nok\n"), "{stdout}");
    let out = cfc(&["check", "--criteria", &set, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .ends_with("1 cảnh báo, coi là lỗi (--deny-warnings)\n")
    );
    // A round's warning too; the shipped round has none.
    let round = format!("{DATA}/rounds/decision-after-year");
    assert_eq!(cfc(&["check", &round]).status.code(), Some(0));
    assert_eq!(
        cfc(&["check", &round, "--deny-warnings"]).status.code(),
        Some(2)
    );
    assert_eq!(
        cfc(&["check", "fixtures/son-ha-2024", "--deny-warnings"])
            .status
            .code(),
        Some(0)
    );
    // An error of the analysis refuses the set: rule errors.
    let out = cfc(&["check", "--criteria", &format!("{DATA}/step-gap.toml")]);
    assert_eq!(out.status.code(), Some(2));
}

/// Waits for a child at most `limit`; kills it and fails past that.
fn within(mut child: std::process::Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}: a FIFO was opened");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_script_that_is_a_fifo_is_refused_before_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let sets = dir.path().join("sets");
    std::fs::create_dir_all(sets.join("scripts")).unwrap();
    let text = std::fs::read_to_string(format!("{DATA}/policy-set.toml")).unwrap();
    std::fs::write(sets.join("set.toml"), text).unwrap();
    let fifo = sets.join("scripts/policy-set.rhai");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("SKIPPED: mkfifo is not available");
        return;
    }
    let child = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["--lang", "en", "check", "--criteria"])
        .arg(sets.join("set.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = within(child, Duration::from_secs(30));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("criteria[0].indicators[0].script: the script")
            && stderr.contains("this is not a regular file"),
        "{stderr}"
    );
    // An evidence file that is a FIFO, given to the library directly: refused, not waited on.
    let evidence = dir.path().join("unit.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&evidence)
            .status()
            .unwrap()
            .success()
    );
    let set = CriteriaSet::load(format!("{DATA}/policy-set.toml")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(cfc::Evidence::load(&evidence, &set, Some(2024)).map(|_| ()));
    });
    let refused = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a FIFO was opened");
    let words = cfc::words::problems::diagnostics(&refused.unwrap_err(), Lang::En);
    assert!(
        words.ends_with("unit.toml:1:1: not a regular file: expected an evidence file"),
        "{words}"
    );
}

#[test]
fn a_script_error_inside_a_closure_is_one_located_line() {
    // At load: the analysis runs the condition, and its error is the innermost one.
    let found = findings("disqualifier-probe-failed.toml");
    let words = diagnostic(&found[0], Lang::En);
    assert!(
        words.starts_with("tests/data/check/scripts/disqualifier-probe-failed.rhai:1:29: disqualifier violence fails on incidents = [violence]: no function `/` takes these arguments (text, i64)"),
        "{words}"
    );
    assert!(
        !words.contains('\n') && !words.contains("closure"),
        "{words}"
    );
}
