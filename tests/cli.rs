//! The `cfc` binary end to end: exit codes, what goes to stdout and stderr, written files.

use std::path::Path;
use std::process::{Command, Output};

use cfc::{CriteriaSet, Evidence, Round, RoundReport, render};

fn cfc(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_cfc")).args(args).output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run cfc {args:?}: {e}"),
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn round(dir: &str) -> Round {
    Round::load(dir).unwrap_or_else(|e| panic!("{dir}: {e}"))
}

#[test]
fn evaluate_on_a_round_with_bad_files_exits_1_and_still_evaluates_the_others() {
    let out = cfc(&["evaluate", "fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let table = stdout(&out);
    for unit in ["99001", "Hợp Lệ", "99002", "Ngoài Kỳ"] {
        assert!(table.contains(unit), "{unit} missing from:\n{table}");
    }
    // No invalid unit appears in the results.
    for unit in ["99015", "Trùng Mã", "Nhiều Lỗi"] {
        assert!(
            !table.contains(unit),
            "{unit} must not be evaluated:\n{table}"
        );
    }
    // stderr holds exactly the located problems the library finds, one per line.
    let expected: Vec<String> = round("fixtures/invalid")
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    let printed = stderr(&out);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines, expected);
    assert!(lines.len() >= 30, "{printed}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("fixtures/invalid/") && l.split(':').count() >= 4),
        "{printed}"
    );
}

#[test]
fn the_json_of_a_round_with_bad_files_lists_the_errors_with_positions() {
    let out = cfc(&["evaluate", "fixtures/invalid", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON: {e}\n{}", stdout(&out));
    });
    let codes: Vec<&str> = doc["units"]
        .as_array()
        .map(|u| u.iter().filter_map(|u| u["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes, ["99001", "99002"]);
    let first = &doc["errors"][0];
    assert_eq!(first["file"], "fixtures/invalid/below-minimum.toml");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(16), Some(18))
    );
    assert_eq!(
        first["message"],
        "inputs.children_total = 0: expected at least 1"
    );
}

#[test]
fn evaluate_on_a_missing_folder_exits_2_and_says_so() {
    let out = cfc(&["evaluate", "fixtures/no-such-round"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.starts_with("fixtures/no-such-round: cannot list the round folder:"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn check_on_the_son_ha_round_exits_0_and_lists_the_provisional_rules() {
    let out = cfc(&["check", "fixtures/son-ha-2024"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let text = stdout(&out);
    let provisional = round("fixtures/son-ha-2024")
        .evaluator
        .criteria()
        .provisional_rules();
    assert_eq!(provisional.len(), 24);
    let line = format!(
        "provisional rules (24 of 25, not confirmed against the official text): {}",
        provisional.join(", ")
    );
    assert!(text.lines().any(|l| l == line), "{line}\nnot in:\n{text}");
    assert!(
        text.contains("14 unit file(s) valid, 0 file(s) with 0 problem(s)"),
        "{text}"
    );
}

#[test]
fn check_on_the_invalid_round_exits_1() {
    let out = cfc(&["check", "fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(1));
    let count = round("fixtures/invalid").errors.len();
    assert!(
        stdout(&out).contains(&format!(
            "2 unit file(s) valid, 24 file(s) with {count} problem(s)"
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn evaluate_with_out_writes_the_results_whole_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let target = dir.path().join("reports");
    let target_arg = target.to_string_lossy().into_owned();
    let out = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let mut names: Vec<String> = std::fs::read_dir(&target)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let round = round("fixtures/son-ha-2024");
    let mut report = RoundReport::new(&round, round.evaluate());
    let mut expected: Vec<String> = report
        .units
        .iter()
        .map(cfc::render::dossier::file_name)
        .collect();
    expected
        .extend(["results.csv", "results.json", "results.xlsx", "summary.pdf"].map(String::from));
    expected.sort();
    assert_eq!(names, expected);

    // results.json records every PDF with its true SHA-256.
    let read = |name: &str| std::fs::read_to_string(target.join(name)).unwrap_or_default();
    let written: RoundReport =
        serde_json::from_str(&read("results.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.dossiers.len(), 15);
    for d in &written.dossiers {
        let bytes = std::fs::read(target.join(&d.file)).unwrap_or_default();
        assert_eq!(d.sha256, cfc::hash::sha256_hex(&bytes), "{}", d.file);
    }
    // Otherwise the files hold what the library computes, byte for byte.
    report.dossiers = written.dossiers.clone();
    assert_eq!(read("results.json"), render::json(&report));
    assert_eq!(read("results.csv"), render::csv(&report));
    assert_eq!(
        read("results.csv").lines().count(),
        15,
        "a header and 14 units"
    );

    // Writing again replaces the files in place.
    let again = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_dir(&target).map(|d| d.count()).unwrap_or(0),
        names.len(),
        "the same files, no temporary file left"
    );
}

#[test]
fn an_unknown_flag_exits_2_with_usage() {
    let out = cfc(&["evaluate", "fixtures/son-ha-2024", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    assert!(err.contains("Usage: cfc evaluate"), "{err}");
}

#[test]
fn a_filled_in_template_is_valid_evidence() {
    let out = cfc(&[
        "template",
        "--criteria",
        "criteria/qd-06-2019.toml",
        "--year",
        "2024",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let template = stdout(&out);
    let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap_or_else(|e| panic!("{e}"));

    // As printed, only the blanks are wrong.
    let blank = Evidence::parse("template.toml", &template, &set, Some(2024))
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert_eq!(
        blank,
        "template.toml:7:8: unit.code: expected the official administrative code in digits, e.g. \"21238\", found \"\"\n\
         template.toml:8:8: unit.name: expected the unit's name, found empty text"
    );

    let filled = template
        .replacen("code = \"\"", "code = \"21238\"", 1)
        .replacen("name = \"\"", "name = \"Sơn Thượng\"", 1);
    let ev = Evidence::parse("filled.toml", &filled, &set, Some(2024))
        .unwrap_or_else(|e| panic!("the filled template must be valid:\n{e}"));
    assert_eq!(ev.values().len(), set.inputs().len());
    assert_eq!(ev.unit().code, "21238");
    let period = ev.period();
    assert_eq!(
        (period.from.to_string(), period.to.to_string()),
        ("2024-01-01".to_string(), "2024-12-31".to_string())
    );
    assert!(ev.incidents().is_empty());
    // Every declared input is written once, in declaration order.
    let written: Vec<&str> = filled
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
        .filter(|k| set.input_index(k).is_some())
        .collect();
    let declared: Vec<&str> = set.inputs().iter().map(|i| i.name.as_str()).collect();
    assert_eq!(written, declared);
}

#[test]
fn template_on_a_missing_criteria_file_exits_2() {
    let out = cfc(&["template", "--criteria", "criteria/nope.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("criteria/nope.toml:1:1: cannot read the file"));
}

#[test]
fn every_evidence_path_printed_is_relative_to_where_cfc_runs() {
    // Paths on stderr are the ones the clerk typed, so they can be opened as printed.
    let out = cfc(&["evaluate", "fixtures/invalid"]);
    for line in stderr(&out).lines() {
        let file = line.split(':').next().unwrap_or_default();
        assert!(Path::new(file).is_file(), "{file} from {line}");
    }
}
