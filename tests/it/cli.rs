//! The `cfc` binary end to end: exit codes, what goes to stdout and stderr, written files.

use std::path::Path;
use std::process::{Command, Output};

use cfc::{CriteriaSet, Evidence, Round, RoundReport, render};

/// Runs cfc in English, the language these tests read its messages in (both languages'
/// words are snapshots in `tests/audit.rs`).
fn cfc(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .args(["--lang", "en"])
        .output()
    {
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
        .map(|d| cfc::words::problems::diagnostic(d, cfc::Lang::En))
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
    assert_eq!(first["field"], "inputs.children_total");
    assert_eq!(first["problem"]["family"], "value");
    assert_eq!(first["problem"]["problem"]["kind"], "out_of_range");
    assert_eq!(first["message"], "0 is out of range: expected a value ≥ 1");
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
    let errors = round("fixtures/invalid").errors;
    let files: std::collections::BTreeSet<_> = errors.iter().map(|d| &d.file).collect();
    // One fixture per check (tests/invalid.rs counts them), each refused.
    assert_eq!(files.len(), 41);
    assert!(
        stdout(&out).contains(&format!(
            "2 unit file(s) valid, {} file(s) with {} problem(s)",
            files.len(),
            errors.len()
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
    expected.extend(
        [
            "inputs",
            "manifest.json",
            "results.csv",
            "results.json",
            "results.xlsx",
            "summary.pdf",
        ]
        .map(String::from),
    );
    expected.sort();
    assert_eq!(names, expected);

    // results.json records every PDF with its true SHA-256.
    let read = |name: &str| std::fs::read_to_string(target.join(name)).unwrap_or_default();
    let written: RoundReport =
        serde_json::from_str(&read("results.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.dossiers.len(), 15);
    for d in &written.dossiers {
        let bytes = std::fs::read(target.join(&d.file)).unwrap_or_default();
        assert_eq!(d.sha256, sha256_hex(&bytes), "{}", d.file);
    }
    // Otherwise the files hold what the library computes, byte for byte.
    report.dossiers = written.dossiers.clone();
    report.outputs = written.outputs.clone();
    report.settings = written.settings.clone();
    assert_eq!(read("results.json"), render::json(&report));
    assert_eq!(
        read("results.csv"),
        render::csv_file(
            &report,
            &cfc::words::results::Vocabulary::of(&round),
            cfc::Lang::En
        )
    );
    assert!(
        read("results.csv").starts_with('\u{feff}'),
        "a BOM for spreadsheets"
    );
    for o in &written.outputs {
        let bytes = std::fs::read(target.join(&o.file)).unwrap_or_default();
        assert_eq!(o.sha256, sha256_hex(&bytes), "{}", o.file);
    }
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
        .map(|d| cfc::words::problems::diagnostics(&d, cfc::Lang::En))
        .unwrap_or_default();
    assert_eq!(
        blank,
        "template.toml:8:8: unit.code: expected the official administrative code in digits, e.g. \"21238\", found \"\"\n\
         template.toml:9:8: unit.name: empty text: expected a value"
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
    // Every declared input is written once, in declaration order; an optional one commented
    // out with its default, which a file that keeps it so holds.
    let written: Vec<&str> = filled
        .lines()
        .filter_map(|l| l.trim_start_matches("# ").split_once(" = ").map(|(k, _)| k))
        .filter(|k| set.input_index(k).is_some())
        .collect();
    let declared: Vec<&str> = set.inputs().iter().map(|i| i.name.as_str()).collect();
    assert_eq!(written, declared);
    for input in set.inputs() {
        if let Some(default) = input.default {
            assert!(
                filled.contains(&format!("\n# {} = {default}\n", input.name)),
                "{}",
                input.name
            );
            let i = set.input_index(&input.name).unwrap();
            assert_eq!(ev.values()[i].to_string(), default.to_string());
        }
    }
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

/// Every PDF, the CSV and the workbook in `dir` are the ones its results.json records.
fn assert_consistent(dir: &Path) {
    let json = std::fs::read_to_string(dir.join("results.json")).unwrap_or_default();
    let written: RoundReport =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut listed = vec!["results.json".to_string()];
    for (file, sha256) in written
        .dossiers
        .iter()
        .map(|d| (&d.file, &d.sha256))
        .chain(written.outputs.iter().map(|o| (&o.file, &o.sha256)))
    {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_default();
        assert_eq!(&sha256_hex(&bytes), sha256, "{file}");
        listed.push(file.clone());
    }
    assert_eq!(written.outputs.len(), 2);
    // manifest.json lists every file of the folder, each with its true SHA-256, the copies of
    // the inputs under inputs/ among them.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let entries = manifest["files"].as_array().cloned().unwrap_or_default();
    for entry in &entries {
        let file = entry["file"].as_str().unwrap_or_default();
        let bytes = std::fs::read(dir.join(file)).unwrap_or_default();
        assert_eq!(
            sha256_hex(&bytes),
            entry["sha256"].as_str().unwrap_or_default(),
            "{file}"
        );
        let copy = entry["copy_of"].as_str().is_some();
        assert_eq!(file.starts_with("inputs/"), copy, "{file}");
        assert!(copy || listed.contains(&file.to_string()), "{file}");
    }
    let copies = entries.iter().filter(|e| e["copy_of"].is_string()).count();
    // round.toml, 14 evidence files, the criteria set with its 25 scripts, the policy.
    assert_eq!(copies, 1 + 14 + 1 + 25 + 1);
    assert_eq!(entries.len(), listed.len() + copies);
    listed.extend(["manifest.json", "inputs"].map(String::from));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    listed.sort();
    assert_eq!(names, listed, "exactly the files of one run");
}

/// The entries of a folder whose name contains `part`.
fn entries_with(dir: &Path, part: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(part))
        .collect()
}

#[test]
fn two_runs_writing_one_folder_at_once_leave_one_whole_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let target = dir.path().join("reports");
    let target_arg = target.to_string_lossy().into_owned();
    // Two rounds whose PDFs differ (a different decision date), so a mix would show.
    let other = dir.path().join("round-b");
    copy_dir(Path::new("fixtures/son-ha-2024"), &other);
    let settings = other.join("round.toml");
    let text = std::fs::read_to_string(&settings).unwrap_or_default();
    std::fs::write(&settings, text.replace("2024-12-05", "2024-12-06"))
        .unwrap_or_else(|e| panic!("{e}"));
    let other_arg = other.to_string_lossy().into_owned();
    for _ in 0..3 {
        let runs: Vec<_> = ["fixtures/son-ha-2024", other_arg.as_str()]
            .map(|round| {
                Command::new(env!("CARGO_BIN_EXE_cfc"))
                    .args(["evaluate", round, "--out", &target_arg, "--format", "json"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .into_iter()
            .collect();
        for run in runs {
            let out = run.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        }
        assert_consistent(&target);
        assert!(
            entries_with(dir.path(), ".tmp").is_empty(),
            "no temporary folder left"
        );
    }
}

#[test]
fn what_a_killed_run_left_is_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let target = dir.path().join("reports");
    let target_arg = target.to_string_lossy().into_owned();
    let first = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // A run killed while building its folder, one killed while swapping, and a temporary
    // file of the older per-file writer inside the folder.
    let half = dir.path().join(".reports.cfc-new-a1b2c3.tmp");
    std::fs::create_dir_all(&half).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(half.join("21202-di-lang.pdf"), b"%PDF-half").unwrap_or_else(|e| panic!("{e}"));
    let aside = dir.path().join(".reports.cfc-old-d4e5f6.tmp");
    std::fs::create_dir_all(&aside).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(target.join(".cfc-x1y2z3.tmp"), b"{\"round\"").unwrap_or_else(|e| panic!("{e}"));
    // Someone else's file beside the folder is not cfc's to remove.
    std::fs::write(dir.path().join("notes.tmp"), b"mine").unwrap_or_else(|e| panic!("{e}"));

    let again = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(!half.exists() && !aside.exists());
    assert_eq!(entries_with(dir.path(), ".tmp"), ["notes.tmp"]);
    assert_consistent(&target);
}

#[test]
fn a_folder_holding_other_files_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let target = dir.path().join("reports");
    let target_arg = target.to_string_lossy().into_owned();
    std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(target.join("biên bản.docx"), b"the council's minutes")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds files cfc did not write (biên bản.docx)"),
        "{}",
        stderr(&out)
    );
    assert!(
        out.stdout.is_empty(),
        "nothing printed when nothing was written"
    );
    assert_eq!(entries_with(&target, ""), ["biên bản.docx"]);
    assert_eq!(
        std::fs::read(target.join("biên bản.docx")).unwrap_or_default(),
        b"the council's minutes"
    );
    // A folder of an earlier run, with a PDF of its own, is cfc's: it is replaced.
    std::fs::remove_file(target.join("biên bản.docx")).unwrap_or_else(|e| panic!("{e}"));
    let first = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = cfc(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_consistent(&target);
}

/// A copy of a round folder elsewhere, its round.toml pointing at this repository's criteria.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    let settings = to.join("round.toml");
    let criteria = std::env::current_dir()
        .unwrap_or_else(|e| panic!("{e}"))
        .join("criteria");
    let text = std::fs::read_to_string(&settings).unwrap_or_default();
    std::fs::write(
        &settings,
        text.replace("../../criteria", &criteria.to_string_lossy()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Runs cfc with standard output going to `/dev/full`.
fn to_dev_full(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap_or_else(|e| panic!("/dev/full: {e}"));
    Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .args(["--lang", "en"])
        .stdout(full)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_full_standard_output_ends_every_command_with_a_message_not_a_panic() {
    let commands: [&[&str]; 9] = [
        &["evaluate", "fixtures/son-ha-2024"],
        &["evaluate", "fixtures/son-ha-2024", "--format", "json"],
        &["evaluate", "fixtures/son-ha-2024", "--format", "csv"],
        &["explain", "fixtures/son-ha-2024", "21238"],
        &["whatif", "fixtures/son-ha-2024", "21211"],
        &["diff", "fixtures/son-ha-2024", "fixtures/son-ha-2024"],
        &["check", "fixtures/son-ha-2024"],
        &["check", "--criteria", "criteria/qd-06-2019.toml"],
        &["template", "--criteria", "criteria/qd-06-2019.toml"],
    ];
    for args in commands {
        let out = to_dev_full(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_full_standard_output_leaves_the_out_folder_whole() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let target = dir.path().join("reports");
    let target_arg = target.to_string_lossy().into_owned();
    let out = to_dev_full(&["evaluate", "fixtures/son-ha-2024", "--out", &target_arg]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    assert_consistent(&target);
}

#[test]
fn a_pipe_closed_early_ends_with_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let target = dir.path().join("reports");
    let target_arg = target.to_string_lossy().into_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args([
            "evaluate",
            "fixtures/son-ha-2024",
            "--format",
            "json",
            "--out",
            &target_arg,
            "--lang",
            "en",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Like `| head -c 0`: the reader is gone before cfc prints.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("cannot write to standard output: Broken pipe"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_consistent(&target);
}

#[test]
fn a_pipe_closed_in_the_middle_of_a_long_round_ends_with_a_message_not_a_panic() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let round = crate::support::round_of_many_batches(dir.path());
    let round_arg = round.to_string_lossy().into_owned();
    for format in ["json", "csv"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cfc"))
            .args(["evaluate", &round_arg, "--format", format, "--lang", "en"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Like `| head -c 4096`: the reader takes the start of the first batch and goes away
        // while the batches after it are being evaluated.
        let mut start = [0u8; 4096];
        let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
        stdout
            .read_exact(&mut start)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        drop(stdout);
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{format}: {err}");
        assert!(
            err.contains("cannot write to standard output: Broken pipe"),
            "{format}: {err}"
        );
        assert!(!err.contains("panicked"), "{format}: {err}");
    }
}

#[test]
fn names_of_files_in_problems_are_never_printed_raw() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    copy_dir(Path::new("fixtures/son-ha-2024"), dir.path());
    std::fs::write(dir.path().join("x\u{1b}[2J\u{202e}.toml"), "not = [valid")
        .unwrap_or_else(|e| panic!("{e}"));
    let arg = dir.path().to_string_lossy().into_owned();
    for args in [["check", &arg], ["evaluate", &arg]] {
        let out = cfc(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("x\\u{1b}[2J\\u{202e}.toml"), "{err}");
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{202e}'),
            "{err}"
        );
    }
}

/// Lower-case hex SHA-256, computed here with the `sha2` crate itself rather than through the
/// engine, so that the recorded digests are checked by an independent computation.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
