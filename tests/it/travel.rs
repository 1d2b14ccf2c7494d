//! A round travels whole: a round folder names its rules by the id of a set shipped inside cfc
//! or by a path inside it, so that it opens anywhere once copied alone; `cfc sets` lists the
//! shipped sets; `check` warns when a round's rules lie outside its folder; an error about a
//! rule file names the path as written and as resolved; `import --round-toml` writes a round
//! that travels. Each test works on copies in a temporary folder, run from `/` as a clerk
//! elsewhere on the machine would.

use std::path::Path;
use std::process::Command;

use cfc::diag::RuleFile;
use cfc::rules::shipped::{self, RuleRef};

use crate::support::copy_tree;

/// Runs cfc from `cwd` in `lang`: (exit code, standard output, standard error).
fn cfc_in(cwd: &Path, args: &[&str], lang: &str) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .args(["--lang", lang])
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// In English, from `/`.
fn cfc(args: &[&str]) -> (Option<i32>, String, String) {
    cfc_in(Path::new("/"), args, "en")
}

/// `cfc import BOOK --criteria CRITERIA --out OUT --round-toml`, from `/`.
fn import_round(book: &Path, criteria: &str, out: &Path) -> (Option<i32>, String, String) {
    cfc(&[
        "import",
        text(book),
        "--criteria",
        criteria,
        "--out",
        text(out),
        "--round-toml",
    ])
}

fn text(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_round_copied_alone_evaluates_as_where_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("son-ha-2024");
    copy_tree(Path::new("fixtures/son-ha-2024"), &copy);
    let (code, there, stderr) = cfc(&["evaluate", text(&copy)]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, here, _) = cfc_in(Path::new("."), &["evaluate", "fixtures/son-ha-2024"], "en");
    assert_eq!(code, Some(0));
    assert_eq!(there, here);
    // And it is the same set: the shipped one, by the same bytes as the file in the sources.
    let round = cfc::Round::load(&copy).unwrap();
    let from_file = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    let shipped = round.evaluator.criteria().files();
    assert_eq!(shipped[0].path, "cfc:criteria/qd-06-2019.toml");
    assert_eq!(shipped.len(), from_file.files().len());
    for (s, f) in shipped.iter().zip(from_file.files()) {
        assert_eq!(s.path, format!("cfc:{}", f.path));
        assert_eq!(s.sha256, f.sha256, "{}", s.path);
    }
}

#[test]
fn every_shipped_set_and_policy_loads_and_is_named_by_its_id() {
    let sets: Vec<_> = shipped::all().to_vec();
    assert!(
        sets.iter()
            .any(|s| s.id == "qd-06-2019" && s.kind == RuleFile::Criteria)
    );
    assert!(
        sets.iter()
            .any(|s| s.id == "son-ha-2024" && s.kind == RuleFile::Policy)
    );
    let criteria: Vec<_> = sets
        .iter()
        .filter(|s| s.kind == RuleFile::Criteria)
        .map(|s| {
            let set = cfc::CriteriaSet::open(&RuleRef::Shipped(*s)).unwrap();
            assert_eq!(set.id(), s.id, "{}", s.file);
            set
        })
        .collect();
    for p in sets.iter().filter(|s| s.kind == RuleFile::Policy) {
        let loaded = criteria
            .iter()
            .find_map(|set| cfc::Policy::open(&RuleRef::Shipped(*p), set).ok())
            .unwrap_or_else(|| panic!("{} loads under no shipped set", p.file));
        assert_eq!(loaded.id(), p.id);
    }
}

#[test]
fn cfc_sets_lists_the_shipped_sets_in_both_languages() {
    for lang in ["vi", "en"] {
        let (code, stdout, stderr) = cfc_in(Path::new("/"), &["sets"], lang);
        assert_eq!(code, Some(0), "{stderr}");
        insta::assert_snapshot!(format!("sets-{lang}"), stdout);
    }
}

#[test]
fn every_option_naming_rules_takes_a_shipped_id() {
    let (code, stdout, stderr) = cfc(&[
        "check",
        "--criteria",
        "qd-06-2019",
        "--policy",
        "son-ha-2024",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("criteria set qd-06-2019"), "{stdout}");
    let (code, stdout, stderr) = cfc(&["template", "--criteria", "qd-06-2019", "--year", "2025"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("children_total"), "{stdout}");
    // A misspelt id is neither a shipped set nor a file, and is told so.
    let (code, _, stderr) = cfc(&["template", "--criteria", "qd-06-2018"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "qd-06-2018: neither the id of a criteria set shipped with cfc (qd-06-2019) nor a file (`cfc sets` lists the shipped ones)"
    );
}

#[test]
fn rules_outside_the_folder_are_a_warning_at_check_and_an_error_alone_naming_both_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let shape = tmp.path().join("other-shape");
    copy_tree(Path::new("tests/data/other-shape"), &shape);
    let round = shape.join("round");
    let (code, _, stderr) = cfc(&["check", text(&round)]);
    assert_eq!(code, Some(0), "a warning, not an error: {stderr}");
    let set = shape.join("example-400.toml");
    assert!(
        stderr.contains(&format!(
            "{}: warning: the criteria set \"../example-400.toml\" uses {}, outside the round folder: the folder will not open once moved or copied alone",
            round.join("round.toml").display(),
            set.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: the policy \"../policy.toml\""),
        "{stderr}"
    );

    // Copied alone, the round does not open, and the error says what was written and where
    // it was looked for.
    let alone = tmp.path().join("usb/round");
    copy_tree(&round, &alone);
    let (code, _, stderr) = cfc(&["evaluate", text(&alone)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}:5:12: criteria: cannot read \"../example-400.toml\" (resolved to {}): there is no such file: expected the id of a criteria set shipped with cfc (qd-06-2019) or the path of a criteria set inside the round folder, relative to round.toml",
            alone.join("round.toml").display(),
            tmp.path().join("usb/example-400.toml").display()
        )),
        "{stderr}"
    );
}

#[test]
fn import_round_toml_names_shipped_sets_by_id() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("son-ha.xlsx");
    let (code, _, stderr) = cfc_in(
        Path::new("."),
        &[
            "template",
            "--criteria",
            "qd-06-2019",
            "--xlsx",
            text(&book),
            "--round",
            "--from",
            "fixtures/son-ha-2024",
        ],
        "en",
    );
    assert_eq!(code, Some(0), "{stderr}");
    let out = tmp.path().join("round");
    let (code, _, stderr) = import_round(&book, "qd-06-2019", &out);
    assert_eq!(code, Some(0), "{stderr}");
    let settings = std::fs::read_to_string(out.join("round.toml")).unwrap();
    assert!(
        settings.contains("\ncriteria = \"qd-06-2019\"\n"),
        "{settings}"
    );
    assert!(
        settings.contains("\npolicy = \"son-ha-2024\"\n"),
        "{settings}"
    );
    assert!(!out.join("rules").exists());
    let (code, _, stderr) = cfc(&["check", text(&out)]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn import_round_toml_copies_a_set_that_is_not_shipped_into_the_round() {
    // The council keeps its own set and policy in a folder; the round workbook names them by
    // paths from a round folder beside them (`../example-400.toml`, `../policy.toml`).
    let tmp = tempfile::tempdir().unwrap();
    let shape = tmp.path().join("council");
    copy_tree(Path::new("tests/data/other-shape"), &shape);
    let set = shape.join("example-400.toml");
    let book = tmp.path().join("round.xlsx");
    let (code, _, stderr) = cfc(&[
        "template",
        "--criteria",
        text(&set),
        "--xlsx",
        text(&book),
        "--round",
        "--from",
        text(&shape.join("round")),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    // A new round folder beside the old one: the policy the workbook names is found from it.
    let out = shape.join("round-2");
    let (code, _, stderr) = import_round(&book, text(&set), &out);
    assert_eq!(code, Some(0), "{stderr}");
    let settings = std::fs::read_to_string(out.join("round.toml")).unwrap();
    assert!(
        settings.contains("\ncriteria = \"rules/council/example-400.toml\"\n"),
        "{settings}"
    );
    assert!(
        settings.contains("\npolicy = \"rules/council/policy.toml\"\n"),
        "{settings}"
    );
    for file in [
        "example-400.toml",
        "policy.toml",
        "scripts/P1.rhai",
        "scripts/child-labour.rhai",
    ] {
        assert_eq!(
            std::fs::read(out.join("rules/council").join(file)).unwrap(),
            std::fs::read(shape.join(file)).unwrap(),
            "{file}"
        );
    }
    // Moved alone, with the council's folder gone, it checks and evaluates.
    let usb = tmp.path().join("usb");
    copy_tree(&out, &usb);
    std::fs::remove_dir_all(&shape).unwrap();
    let (code, _, stderr) = cfc(&["check", text(&usb)]);
    assert_eq!(code, Some(0), "{stderr}");
    // The rules travel with it: no warning that the folder will not (the analysis may still
    // warn about the invented policy's rules themselves).
    assert!(!stderr.contains("outside the round folder"), "{stderr}");
    let (code, stdout, stderr) = cfc(&["evaluate", text(&usb)]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("4 units evaluated"), "{stdout}");

    // A policy the workbook names that cannot be found from the folder: nothing is written.
    let (code, _, stderr) = import_round(
        &book,
        text(&usb.join("rules/council/example-400.toml")),
        &tmp.path().join("elsewhere/r"),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot copy the policy into the round folder: ")
            && stderr.contains("policy.toml: there is no such file"),
        "{stderr}"
    );
    assert!(!tmp.path().join("elsewhere/r/round.toml").exists());
}
