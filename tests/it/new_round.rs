//! `cfc new-round`: a province's round scaffolded from the official list of units.

use std::path::Path;
use std::process::{Command, Output};

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

/// A folder inside the target directory, so that round.toml's relative criteria path is the
/// same on every machine.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
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
    // The criteria path is written relative to the round, so it depends on where the build
    // puts its scratch folders (CARGO_TARGET_DIR): checked here, then masked in the snapshot.
    let round_toml = read("round.toml");
    let line = round_toml
        .lines()
        .find(|l| l.starts_with("criteria = "))
        .expect("a criteria line");
    let relative = line["criteria = ".len()..].trim_matches('"');
    assert_eq!(
        std::fs::canonicalize(out.join(relative)).unwrap(),
        std::fs::canonicalize(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/criteria/qd-06-2019.toml"
        ))
        .unwrap(),
    );
    insta::assert_snapshot!(
        "round-toml",
        round_toml.replace(line, "criteria = \"…/criteria/qd-06-2019.toml\"")
    );
    insta::assert_snapshot!("skeleton-21548", read("21548-ly-son.toml"));
    // The engine accepts what it wrote, and the round is complete against the list.
    let round = cfc::Round::load(&out).unwrap();
    assert!(round.errors.is_empty(), "{:?}", round.errors);
    assert_eq!(round.units.len(), 96);
    assert_eq!(round.settings.province.as_deref(), Some("51"));
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
