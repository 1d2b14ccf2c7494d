//! `cfc verify` catches a one-byte change in an evidence file, in a script, and in the results.
//! Each case works on its own copy of the rules and the round, so the fixtures are never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the rules and the Sơn Hà round, evaluated with `--out out`.
fn evaluated_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["criteria", "scripts", "fixtures/son-ha-2024"] {
        copy_dir(Path::new(sub), &dir.path().join(sub));
    }
    let out = cfc(
        dir.path(),
        &["evaluate", "fixtures/son-ha-2024", "--out", "out"],
    );
    assert_eq!(out.0, Some(0), "{}", out.1);
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// Runs cfc in English, the language these tests read the findings in (the words of both
/// languages are one snapshot each).
fn cfc(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .args(["--lang", "en"])
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned()
            + String::from_utf8_lossy(&out.stderr).as_ref(),
    )
}

/// Changes exactly one byte of a file: the first occurrence of `from` becomes `to`.
fn change_one_byte(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in {}", path.display()));
    let changed = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    let differing = text
        .bytes()
        .zip(changed.bytes())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 1, "not a one-byte change");
    std::fs::write(path, changed).unwrap();
}

#[test]
fn untouched_results_stand() {
    let (_keep, root) = evaluated_copy();
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("the results stand"), "{text}");
}

#[test]
fn a_one_byte_change_in_an_evidence_file_is_caught() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("fixtures/son-ha-2024/son-thuong.toml"),
        "children_checked = 1155",
        "children_checked = 1156",
    );
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(
            "evidence of 21238 changed since evaluation (fixtures/son-ha-2024/son-thuong.toml)"
        ),
        "{text}"
    );
}

#[test]
fn a_one_byte_change_in_a_script_is_caught_with_its_impact() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("scripts/qd-06-2019/7.1.rhai"),
        "\"≥ 98 → 50",
        "\"≥ 99 → 50",
    );
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    // Every unit between 98 % and 99 % loses points; Sơn Hải (97,96 %) was already below.
    assert!(
        text.contains(
            "criteria script scripts/qd-06-2019/7.1.rhai changed: C07 of 13 unit(s) would change"
        ),
        "{text}"
    );
    assert!(
        !text.contains("the results file was changed"),
        "a rule change is not a tampered file: {text}"
    );
}

#[test]
fn a_change_in_a_script_comment_is_caught_but_changes_no_result() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("scripts/qd-06-2019/7.1.rhai"),
        "// 7.1",
        "// 7.2",
    );
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("rule file scripts/qd-06-2019/7.1.rhai changed since evaluation (no result would change)"), "{text}");
}

#[test]
fn a_one_byte_change_in_the_results_is_caught() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/results.json"),
        "\"total\":\"835\"",
        "\"total\":\"836\"",
    );
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("the recorded result of 21238 differs from a re-evaluation of the same files (total 836 recorded, 835 now"), "{text}");
}

#[test]
fn a_changed_dossier_is_caught() {
    let (_keep, root) = evaluated_copy();
    let pdf = root.join("out/21238-son-thuong.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&pdf, bytes).unwrap();
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("dossier 21238-son-thuong.pdf changed since evaluation"),
        "{text}"
    );
}

/// Flips one bit of a binary file at `at` bytes from its end.
fn flip_one_byte(path: &Path, at: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let i = bytes.len() - at;
    bytes[i] ^= 1;
    std::fs::write(path, bytes).unwrap();
}

/// Verifies and returns the findings; asserts that there is at least one.
fn findings(root: &Path) -> String {
    let (code, text) = cfc(root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    text
}

#[test]
fn a_one_byte_change_in_each_field_of_the_results_names_results_json() {
    // (what is changed, into what, what verify must say)
    let cases = [
        (
            "\"decision_date\": \"2024-12-05\"",
            "\"decision_date\": \"2024-12-06\"",
            "results.json: round setting decision_date changed (\"2024-12-06\" recorded, \"2024-12-05\"",
        ),
        (
            "\"place\": \"Sơn Hà\"",
            "\"place\": \"Sơn Hạ\"",
            "results.json: round setting place changed",
        ),
        ("\"recognised\":false", "\"recognised\":falsE", ""),
        ("\"legal_basis\": \"", "\"legal_basis\": \"X", ""),
        ("\"code\":\"21205\"", "\"code\":\"21206\"", ""),
    ];
    for (from, to, expected) in cases {
        let (_keep, root) = evaluated_copy();
        let json = root.join("out/results.json");
        let text = std::fs::read_to_string(&json).unwrap();
        let at = text.find(from).unwrap_or_else(|| panic!("{from:?}"));
        // Same length or one byte more: still a one-field change.
        std::fs::write(
            &json,
            format!("{}{to}{}", &text[..at], &text[at + from.len()..]),
        )
        .unwrap();
        let (code, found) = cfc(&root, &["verify", "out"]);
        assert_ne!(code, Some(0), "{from}: {found}");
        assert!(found.contains("results.json"), "{from}: {found}");
        assert!(found.contains(expected), "{from}: {found}");
    }
}

#[test]
fn a_changed_hash_or_layout_in_the_results_names_results_json() {
    let (_keep, root) = evaluated_copy();
    let json = root.join("out/results.json");
    let text = std::fs::read_to_string(&json).unwrap();
    let record: cfc::RoundReport = serde_json::from_str(&text).unwrap();
    let csv_hash = &record.outputs[0].sha256;
    let mut changed = csv_hash.clone().into_bytes();
    changed[0] = if changed[0] == b'0' { b'1' } else { b'0' };
    change_one_byte(&json, csv_hash, std::str::from_utf8(&changed).unwrap());
    let text = findings(&root);
    assert!(
        text.contains(
            "results.json changed since evaluation: the hash it records for results.csv was changed"
        ),
        "{text}"
    );
    assert!(!text.contains("results.csv changed"), "{text}");

    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/results.json"),
        "\n  \"units\"",
        "\n \t\"units\"",
    );
    let text = findings(&root);
    assert!(
        text.contains("results.json changed since evaluation"),
        "{text}"
    );
}

#[test]
fn a_one_byte_change_in_the_csv_names_the_csv() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(&root.join("out/results.csv"), "21238,", "21239,");
    let text = findings(&root);
    assert!(
        text.contains("results.csv changed since evaluation"),
        "{text}"
    );
    assert!(!text.contains("results.json"), "{text}");
}

#[test]
fn a_one_byte_change_in_the_workbook_names_the_workbook() {
    let (_keep, root) = evaluated_copy();
    flip_one_byte(&root.join("out/results.xlsx"), 100);
    let text = findings(&root);
    assert!(
        text.contains("results.xlsx changed since evaluation"),
        "{text}"
    );
    assert!(!text.contains("results.json"), "{text}");
}

#[test]
fn a_one_byte_change_in_the_summary_names_the_summary() {
    let (_keep, root) = evaluated_copy();
    flip_one_byte(&root.join("out/summary.pdf"), 2);
    let text = findings(&root);
    assert!(
        text.contains("dossier summary.pdf changed since evaluation"),
        "{text}"
    );
}

#[test]
fn a_one_byte_change_in_each_round_setting_names_round_toml() {
    let cases = [
        (
            "decision_date = 2024-12-05",
            "decision_date = 2024-12-06",
            "decision_date",
        ),
        ("authority = \"Ủy ban", "authority = \"Ủy bam", "authority"),
        ("place = \"Sơn Hà\"", "place = \"Sơn Hạ\"", "place"),
        ("council = \"Hội", "council = \"Hộj", "council"),
    ];
    for (from, to, field) in cases {
        let (_keep, root) = evaluated_copy();
        let settings = root.join("fixtures/son-ha-2024/round.toml");
        let text = std::fs::read_to_string(&settings).unwrap();
        let at = text.find(from).unwrap_or_else(|| panic!("{from:?}"));
        std::fs::write(
            &settings,
            format!("{}{to}{}", &text[..at], &text[at + from.len()..]),
        )
        .unwrap();
        let text = findings(&root);
        assert!(
            text.contains(&format!(
                "round settings changed in fixtures/son-ha-2024/round.toml: {field} was"
            )),
            "{field}: {text}"
        );
        assert!(!text.contains("results.json"), "{field}: {text}");
    }
}

#[test]
fn an_oversized_results_file_is_refused_without_reading_it_whole() {
    let (_keep, root) = evaluated_copy();
    let json = root.join("out/results.json");
    let file = std::fs::OpenOptions::new().write(true).open(&json).unwrap();
    file.set_len(cfc::verify::MAX_RESULTS + 1).unwrap();
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("larger than 1024 MiB"), "{text}");
}

/// A folder written in either language is verified, and the verdict is said in the reader's
/// language: the untouched folder, then one change of each kind the words know.
#[test]
fn the_verdict_speaks_both_languages() {
    use cfc::verify::{Finding, Part, Setting};
    for lang in ["vi", "en"] {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["criteria", "scripts", "fixtures/son-ha-2024"] {
            copy_dir(Path::new(sub), &dir.path().join(sub));
        }
        let run = |args: &[&str]| {
            let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
                .args(args)
                .args(["--lang", lang])
                .current_dir(dir.path())
                .output()
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            )
        };
        let (code, _) = run(&["evaluate", "fixtures/son-ha-2024", "--out", "out"]);
        assert_eq!(code, Some(0));
        let (code, stands) = run(&["verify", "out"]);
        assert_eq!(code, Some(0), "{stands}");
        insta::assert_snapshot!(format!("verdict-stands-{lang}"), stands);
    }
    let p = |n: i64| cfc::Points::new(rust_decimal::Decimal::from(n)).unwrap();
    let findings = vec![
        Finding::ResultsUnreadable {
            file: "out/results.json".into(),
            detail: "EOF while parsing".into(),
        },
        Finding::OtherEngine {
            recorded: "cfc 0.1.0".into(),
        },
        Finding::RuleFileMissing {
            path: "scripts/qd-06-2019/7.1.rhai".into(),
        },
        Finding::SettingsUnreadable {
            path: "round.toml".into(),
            detail: "permission denied".into(),
        },
        Finding::RuleFileChanged {
            path: "criteria/qd-06-2019.toml".into(),
        },
        Finding::RoundNotEvaluable {
            dir: "fixtures/son-ha-2024".into(),
            detail: "round.toml: cannot be read".into(),
        },
        Finding::SettingChanged {
            file: "round.toml".into(),
            setting: Setting::Council,
            was: "A".into(),
            is: "B".into(),
        },
        Finding::SettingChangedInResults {
            file: "round.toml".into(),
            setting: Setting::DecisionDate,
            was: "2024-12-05".into(),
            is: "2024-12-06".into(),
        },
        Finding::SettingsFileChanged {
            file: "round.toml".into(),
        },
        Finding::UnitGone {
            code: "21238".into(),
            name: "Sơn Thượng".into(),
        },
        Finding::EvidenceChanged {
            code: "21238".into(),
            file: "21238-son-thuong.toml".into(),
        },
        Finding::ResultAltered {
            code: "21238".into(),
            total_was: p(836),
            total_now: p(835),
            recognised_was: true,
            recognised_now: false,
        },
        Finding::ScriptChanged {
            path: "scripts/qd-06-2019/7.1.rhai".into(),
            impact: vec![("C07".into(), 3)],
        },
        Finding::RuleFileChangedNoEffect {
            path: "scripts/qd-06-2019/7.1.rhai".into(),
        },
        Finding::UnitNew {
            code: "21244".into(),
            name: "Sơn Mới".into(),
        },
        Finding::ResultsChanged { part: Part::Units },
        Finding::NoLongerGives {
            file: "results.csv".into(),
        },
        Finding::RecordedHashChanged {
            file: "results.xlsx".into(),
        },
        Finding::NotInFolder {
            file: "../x.pdf".into(),
        },
        Finding::OutputMissing {
            file: "summary.pdf".into(),
            dossier: true,
        },
        Finding::OutputUnreadable {
            file: "results.csv".into(),
            dossier: false,
            detail: "permission denied".into(),
        },
        Finding::OutputChanged {
            file: "21238-son-thuong.pdf".into(),
            dossier: true,
        },
    ];
    for lang in [cfc::Lang::Vi, cfc::Lang::En] {
        insta::assert_snapshot!(
            format!("verdict-findings-{}", lang.code()),
            cfc::words::audit::verdict("out", &findings, lang)
        );
    }
}

#[test]
fn an_output_folder_of_format_1_still_verifies() {
    // The results.json that cfc wrote for this round before documents had a format_version
    // (tests/data/format-1): every PDF, the CSV and the workbook written today must still be
    // the bytes it recorded, and what it says must be what evaluating gives now.
    let (_keep, root) = evaluated_copy();
    // That folder was written in Vietnamese, the default.
    let status = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["evaluate", "fixtures/son-ha-2024", "--out", "out"])
        .current_dir(&root)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    std::fs::copy(
        "tests/data/format-1/son-ha-2024-results.json",
        root.join("out/results.json"),
    )
    .unwrap();
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(0), "{text}");
    // A changed result in it is still caught, by what it says.
    change_one_byte(
        &root.join("out/results.json"),
        "\"total\": \"835\"",
        "\"total\": \"836\"",
    );
    let (code, text) = cfc(&root, &["verify", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("total 836 recorded, 835 now"), "{text}");
}
