//! `cfc new-round`: a province's round scaffolded from the official list of units.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::copy_tree;

fn new_round(out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["new-round", "--province", "51", "--year", "2025"])
        .args(["--criteria", "criteria/qd-06-2019.toml", "--out"])
        .arg(out)
        .args(extra)
        .args(["--lang", "en"])
        .output()
        .unwrap()
}

/// A scratch folder for a new round.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

/// Runs cfc from `/`, as a clerk elsewhere on the machine would, in English.
fn cfc_from_root(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .args(["--lang", "en"])
        .current_dir("/")
        .output()
        .unwrap()
}

/// Moves a folder to a new temporary place, as a clerk copying it to a USB stick would.
fn moved(from: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let to = tempfile::tempdir().unwrap();
    let target = to.path().join("moved-round");
    copy_tree(from, &target);
    std::fs::remove_dir_all(from).unwrap();
    (to, target)
}

#[test]
fn the_scaffolded_round_is_a_reviewed_snapshot_and_passes_check() {
    let tmp = scratch();
    let out = tmp.path().join("quang-ngai");
    let run = new_round(&out, &[]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 97);
    insta::assert_snapshot!("files", files.join("\n"));
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    // The file given is the shipped set, byte for byte: round.toml names it by its id, so the
    // folder opens anywhere.
    let round_toml = read("round.toml");
    assert!(
        round_toml.contains("\ncriteria = \"qd-06-2019\"\n"),
        "{round_toml}"
    );
    insta::assert_snapshot!("round-toml", round_toml);
    insta::assert_snapshot!("skeleton-21548", read("21548-ly-son.toml"));
    // The engine accepts what it wrote, and the round is complete against the list.
    let round = cfc::Round::load(&out).unwrap();
    assert!(round.errors.is_empty(), "{:?}", round.errors);
    assert_eq!(round.units.len(), 96);
    assert_eq!(round.settings.province.as_deref(), Some("51"));

    // Moved elsewhere and checked from another folder, it still opens, with nothing to warn.
    let (_keep, there) = moved(&out);
    let check = cfc_from_root(&["check", there.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn a_set_that_is_not_shipped_is_copied_into_the_round_and_travels_with_it() {
    // A council's own edit of the national set: one word of a title changed.
    let tmp = scratch();
    let rules = tmp.path().join("council-rules");
    copy_tree(Path::new("criteria"), &rules.join("criteria"));
    copy_tree(Path::new("scripts"), &rules.join("scripts"));
    let set = rules.join("criteria/qd-06-2019.toml");
    let text = std::fs::read_to_string(&set).unwrap();
    std::fs::write(
        &set,
        text.replacen(
            "Resources for children's rights",
            "Resources for the rights of children",
            1,
        ),
    )
    .unwrap();
    let out = tmp.path().join("r");
    let run = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args([
            "new-round",
            "--province",
            "51",
            "--year",
            "2025",
            "--criteria",
        ])
        .arg(&set)
        .args(["--policy", "son-ha-2024", "--out"])
        .arg(&out)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("the criteria set is not shipped with cfc: copied into the round folder, round.toml names \"rules/criteria/qd-06-2019.toml\""),
        "{stderr}"
    );
    let round_toml = std::fs::read_to_string(out.join("round.toml")).unwrap();
    assert!(
        round_toml.contains("\ncriteria = \"rules/criteria/qd-06-2019.toml\"\n"),
        "{round_toml}"
    );
    assert!(
        round_toml.contains("\npolicy = \"son-ha-2024\"\n"),
        "{round_toml}"
    );
    assert!(
        !round_toml.contains(&tmp.path().display().to_string()),
        "{round_toml}"
    );
    assert_eq!(
        std::fs::read(out.join("rules/criteria/qd-06-2019.toml")).unwrap(),
        std::fs::read(&set).unwrap()
    );
    assert!(out.join("rules/scripts/qd-06-2019/7.1.rhai").is_file());

    // The council's rules are deleted, the round moved: it checks from anywhere, its own set.
    std::fs::remove_dir_all(&rules).unwrap();
    let (_keep, there) = moved(&out);
    let check = cfc_from_root(&["check", there.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stdout.contains("criteria set qd-06-2019"), "{stdout}");
    let round = cfc::Round::load(&there).unwrap();
    assert!(
        round.evaluator.criteria().files()[0]
            .path
            .ends_with("moved-round/rules/criteria/qd-06-2019.toml"),
        "{:?}",
        round.evaluator.criteria().files()[0]
    );
}

#[test]
fn existing_files_are_kept_and_only_missing_ones_written() {
    let tmp = scratch();
    let out = tmp.path().join("r");
    assert_eq!(new_round(&out, &[]).status.code(), Some(0));
    let edited = out.join("21289-son-ha.toml");
    let mine = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("synthetic = false", "synthetic = true ");
    std::fs::write(&edited, &mine).unwrap();
    std::fs::remove_file(out.join("21548-ly-son.toml")).unwrap();
    let again = new_round(&out, &[]);
    assert_eq!(again.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("21289-son-ha.toml already exists: kept, not replaced"),
        "{stderr}"
    );
    assert!(stderr.contains("wrote 1 file(s)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), mine);
    assert!(out.join("21548-ly-son.toml").is_file());
}

#[test]
fn xlsx_writes_the_round_workbook_with_every_unit() {
    let tmp = scratch();
    let out = tmp.path().join("x");
    let run = new_round(&out, &["--xlsx"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(files.len(), 1);
    let book = out.join("51-quang-ngai.xlsx");
    // Importing the workbook back gives the 96 skeletons and round.toml.
    let back = tmp.path().join("back");
    let import = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .arg("import")
        .arg(&book)
        .arg("--out")
        .arg(&back)
        .args(["--criteria", "criteria/qd-06-2019.toml", "--round-toml"])
        .output()
        .unwrap();
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert_eq!(std::fs::read_dir(&back).unwrap().count(), 97);
}

#[test]
fn an_unknown_province_or_an_earlier_year_is_refused() {
    let tmp = scratch();
    let out = tmp.path().join("no");
    let run = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["new-round", "--province", "99", "--year", "2025"])
        .args(["--criteria", "criteria/qd-06-2019.toml", "--out"])
        .arg(&out)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("--province \"99\": not a province code")
    );
    let run = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["new-round", "--province", "51", "--year", "2024"])
        .args(["--criteria", "criteria/qd-06-2019.toml", "--out"])
        .arg(&out)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("the official list applies from 2025"));
    assert!(!out.exists());
}
