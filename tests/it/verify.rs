//! `cfc verify` proves an output folder alone: moved, with its round deleted, run from `/`, or
//! zipped; and it names every kind of file a one-byte change was made in — a copied evidence
//! file, script, criteria set, policy or `round.toml`, a result, the CSV, the workbook, a PDF,
//! the manifest. Each case works on its own copy of the round, so the fixtures are never
//! touched. A folder of the previous format (without copies) still verifies.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{cfc_en as cfc, copy_tree};

/// The Sơn Hà round copied alone (it names the shipped set and policy by id), evaluated with
/// `--out out`; then the round is deleted. The folder returned holds `out` only.
fn evaluated_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        Path::new("fixtures/son-ha-2024"),
        &dir.path().join("son-ha-2024"),
    );
    let out = cfc(dir.path(), &["evaluate", "son-ha-2024", "--out", "out"]);
    assert_eq!(out.0, Some(0), "{}", out.1);
    std::fs::remove_dir_all(dir.path().join("son-ha-2024")).unwrap();
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// `cfc verify` of the folder `out` under `root`, run from `/`.
fn verify(root: &Path) -> (Option<i32>, String) {
    cfc(
        Path::new("/"),
        &["verify", root.join("out").to_str().unwrap()],
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
fn a_moved_folder_whose_round_is_deleted_stands_from_any_folder() {
    let (_keep, root) = evaluated_copy();
    // Moved to another place, as a province archives it.
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("archive");
    copy_tree(&root.join("out"), &moved.join("out"));
    std::fs::remove_dir_all(root.join("out")).unwrap();
    let (code, text) = verify(&moved);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("the results stand"), "{text}");
    assert!(!text.contains("note"), "{text}");
    // The copy of the round evaluates again by itself: it names the shipped set by id.
    let (code, table) = cfc(
        Path::new("/"),
        &["evaluate", moved.join("out/inputs/round").to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{table}");
    assert!(table.contains("9 recognised, 5 not recognised"), "{table}");
}

#[test]
fn the_output_folder_holds_the_councils_files_and_nothing_private_beyond_them() {
    let (_keep, root) = evaluated_copy();
    let out = root.join("out");
    // The copies are the files evaluated, byte for byte, the note of an incident with them:
    // the council's own file, travelling with its results.
    for name in ["round.toml", "son-thuong.toml", "di-lang.toml"] {
        assert_eq!(
            std::fs::read(out.join("inputs/round").join(name)).unwrap(),
            std::fs::read(Path::new("fixtures/son-ha-2024").join(name)).unwrap(),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read(out.join("inputs/cfc/scripts/qd-06-2019/7.1.rhai")).unwrap(),
        std::fs::read("scripts/qd-06-2019/7.1.rhai").unwrap()
    );
    // The notes stay out of the results as before.
    let evidence = std::fs::read_to_string("fixtures/son-ha-2024/son-thuong.toml").unwrap();
    let note = evidence
        .lines()
        .find_map(|l| l.strip_prefix("note = "))
        .expect("the fixture has a note")
        .trim_matches('"');
    for file in ["results.json", "results.csv"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains(note), "{file} holds the note");
    }
}

#[test]
fn a_zip_of_the_folder_verifies_the_same_way() {
    let (_keep, root) = evaluated_copy();
    let zip_path = root.join("son-ha-2024.zip");
    let zip_of = |changed: Option<(&str, &str, &str)>| {
        let file = std::fs::File::create(&zip_path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        let mut files = Vec::new();
        walk(&root.join("out"), "", &mut files);
        for name in files {
            let mut bytes = std::fs::read(root.join("out").join(&name)).unwrap();
            if let Some((file, from, to)) = changed
                && name == file
            {
                let text = String::from_utf8(bytes).unwrap();
                bytes = text.replacen(from, to, 1).into_bytes();
            }
            // As a clerk zips the folder itself: its files under its name.
            zip.start_file(format!("son-ha-2024/{name}"), options)
                .unwrap();
            std::io::Write::write_all(&mut zip, &bytes).unwrap();
        }
        zip.finish().unwrap();
    };
    zip_of(None);
    let (code, text) = cfc(Path::new("/"), &["verify", zip_path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("the results stand"), "{text}");

    zip_of(Some((
        "inputs/round/son-thuong.toml",
        "children_checked = 1155",
        "children_checked = 1156",
    )));
    let (code, text) = cfc(Path::new("/"), &["verify", zip_path.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("evidence of 21238 changed since evaluation (inputs/round/son-thuong.toml)"),
        "{text}"
    );

    // A zip whose entry would land outside its folder is refused whole.
    let file = std::fs::File::create(&zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file("../escape.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.finish().unwrap();
    let (code, text) = cfc(Path::new("/"), &["verify", zip_path.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("\"../escape.txt\", which leaves its folder"),
        "{text}"
    );
}

/// Every file under `dir`, as `/`-separated paths from it.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir.join(prefix)).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let file = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if entry.path().is_dir() {
            walk(dir, &file, out);
        } else {
            out.push(file);
        }
    }
    out.sort();
}

#[test]
fn a_one_byte_change_in_a_copied_evidence_file_is_caught() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/inputs/round/son-thuong.toml"),
        "children_checked = 1155",
        "children_checked = 1156",
    );
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("evidence of 21238 changed since evaluation (inputs/round/son-thuong.toml)"),
        "{text}"
    );
    assert!(!text.contains("manifest.json"), "{text}");
}

#[test]
fn a_one_byte_change_in_a_copied_script_is_caught_with_its_impact() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/inputs/cfc/scripts/qd-06-2019/7.1.rhai"),
        "\"≥ 98 → 50",
        "\"≥ 99 → 50",
    );
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    // Every unit between 98 % and 99 % loses points; Sơn Hải (97,96 %) was already below.
    assert!(
        text.contains(
            "criteria script inputs/cfc/scripts/qd-06-2019/7.1.rhai changed: C07 of 13 unit(s) would change"
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
        &root.join("out/inputs/cfc/scripts/qd-06-2019/7.1.rhai"),
        "// 7.1",
        "// 7.2",
    );
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("rule file inputs/cfc/scripts/qd-06-2019/7.1.rhai changed since evaluation (no result would change)"), "{text}");
}

#[test]
fn a_one_byte_change_in_the_copied_criteria_set_or_policy_names_it() {
    // A threshold moved: Sơn Hạ (800) is no longer recognised, and the set is the cause.
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/inputs/cfc/criteria/qd-06-2019.toml"),
        "threshold = 800",
        "threshold = 801",
    );
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("rule file inputs/cfc/criteria/qd-06-2019.toml changed since evaluation\n"),
        "{text}"
    );
    assert!(!text.contains("results file was changed"), "{text}");

    // A word of the policy's legal basis: no decision moves.
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/inputs/cfc/criteria/son-ha-2024.toml"),
        "mục IV.1.d\"\ncriteria",
        "mục IV.1.e\"\ncriteria",
    );
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("rule file inputs/cfc/criteria/son-ha-2024.toml changed since evaluation (no result would change)"),
        "{text}"
    );
}

#[test]
fn a_one_byte_change_in_the_results_is_caught() {
    let (_keep, root) = evaluated_copy();
    change_one_byte(
        &root.join("out/results.json"),
        "\"total\":\"835\"",
        "\"total\":\"836\"",
    );
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("the recorded result of 21238 differs from a re-evaluation of the same files (total 836 recorded, 835 now"), "{text}");
}

#[test]
fn a_changed_dossier_is_caught() {
    let (_keep, root) = evaluated_copy();
    flip_one_byte(&root.join("out/21238-son-thuong.pdf"), 2);
    let (code, text) = verify(&root);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("dossier 21238-son-thuong.pdf changed since evaluation"),
        "{text}"
    );
    assert!(!text.contains("manifest.json"), "{text}");
}

#[test]
fn a_one_byte_change_in_the_manifest_names_the_manifest() {
    // The hash it records for a dossier: the dossier is as results.json records it.
    let (_keep, root) = evaluated_copy();
    let manifest = root.join("out/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry = record["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == "21238-son-thuong.pdf")
        .unwrap();
    let hash = entry["sha256"].as_str().unwrap();
    let mut changed = hash.to_string().into_bytes();
    changed[0] = if changed[0] == b'0' { b'1' } else { b'0' };
    change_one_byte(&manifest, hash, std::str::from_utf8(&changed).unwrap());
    let found = findings(&root);
    assert!(
        found.contains("manifest.json changed since evaluation: the hash it records for 21238-son-thuong.pdf was changed"),
        "{found}"
    );
    assert!(!found.contains("dossier 21238"), "{found}");

    // The hash it records for a copy of the evidence.
    let (_keep, root) = evaluated_copy();
    let manifest = root.join("out/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let at = text.find("\"file\": \"inputs/round/son-ba.toml\"").unwrap();
    let hash_at = at + text[at..].find("\"sha256\": \"").unwrap() + "\"sha256\": \"".len();
    let hash = &text[hash_at..hash_at + 64];
    let mut changed = hash.to_string().into_bytes();
    changed[5] = if changed[5] == b'a' { b'b' } else { b'a' };
    change_one_byte(&manifest, hash, std::str::from_utf8(&changed).unwrap());
    let found = findings(&root);
    assert!(
        found.contains("manifest.json changed since evaluation: the hash it records for inputs/round/son-ba.toml was changed"),
        "{found}"
    );

    // Its syntax: it cannot be read, and says so.
    let (_keep, root) = evaluated_copy();
    change_one_byte(&root.join("out/manifest.json"), "{", "[");
    let found = findings(&root);
    assert!(found.contains("manifest.json: cannot be read"), "{found}");

    // A file cfc did not write.
    let (_keep, root) = evaluated_copy();
    std::fs::write(root.join("out/inputs/round/extra.toml"), "x = 1\n").unwrap();
    let found = findings(&root);
    assert!(
        found.contains("inputs/round/extra.toml is not in manifest.json: cfc did not write it"),
        "{found}"
    );
}

#[test]
fn a_round_whose_rules_lie_outside_its_folder_is_verified_from_their_copies() {
    // The 400-point set and its policy (with a script) beside the round, named by `../` paths.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new("tests/data/other-shape"), &dir.path().join("os"));
    let (code, text) = cfc(dir.path(), &["evaluate", "os/round", "--out", "out"]);
    assert_eq!(code, Some(0), "{text}");
    std::fs::remove_dir_all(dir.path().join("os")).unwrap();
    let (code, text) = verify(dir.path());
    assert_eq!(code, Some(0), "{text}");
    change_one_byte(
        &dir.path()
            .join("out/inputs/outside/policy/os/scripts/child-labour.rhai"),
        "child_labour_cases > 0",
        "child_labour_cases > 1",
    );
    let (code, text) = verify(dir.path());
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(
            "rule file inputs/outside/policy/os/scripts/child-labour.rhai changed since evaluation\n"
        ),
        "{text}"
    );
}

#[test]
fn a_copy_no_result_records_is_still_checked() {
    // A round with one evidence file in error: its copy is checked through the manifest.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new("fixtures/son-ha-2024"), &dir.path().join("r"));
    std::fs::copy(
        "fixtures/invalid/typo-field.toml",
        dir.path().join("r/typo-field.toml"),
    )
    .unwrap();
    let (code, text) = cfc(dir.path(), &["evaluate", "r", "--out", "out"]);
    assert_eq!(code, Some(1), "{text}");
    std::fs::remove_dir_all(dir.path().join("r")).unwrap();
    let (code, text) = verify(dir.path());
    assert_eq!(
        code,
        Some(0),
        "the recorded problems are given again: {text}"
    );
    change_one_byte(
        &dir.path().join("out/inputs/round/typo-field.toml"),
        "childen_total",
        "childen_totaL",
    );
    let (code, text) = verify(dir.path());
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("the copy inputs/round/typo-field.toml (of r/typo-field.toml) is missing or changed since evaluation"),
        "{text}"
    );
}

#[test]
fn results_of_another_engine_are_said_so_and_compared_all_the_same() {
    let (_keep, root) = evaluated_copy();
    let json = root.join("out/results.json");
    let text = std::fs::read_to_string(&json).unwrap();
    let engine = format!("\"engine\": \"cfc {}\"", env!("CARGO_PKG_VERSION"));
    let older = "\"engine\": \"cfc 0.0.9\"";
    assert!(text.contains(&engine), "{text}");
    let old_text = text.replacen(&engine, older, 1);
    std::fs::write(&json, &old_text).unwrap();
    // The manifest records what that engine wrote.
    let manifest = root.join("out/manifest.json");
    let m = std::fs::read_to_string(&manifest).unwrap();
    let sha = |b: &[u8]| {
        use sha2::Digest;
        sha2::Sha256::digest(b)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    std::fs::write(
        &manifest,
        m.replacen(&sha(text.as_bytes()), &sha(old_text.as_bytes()), 1),
    )
    .unwrap();
    let (code, found) = verify(&root);
    assert_eq!(code, Some(0), "{found}");
    assert!(
        found.contains(&format!(
            "note: the results were made by cfc 0.0.9, this is cfc {}; compared all the same",
            env!("CARGO_PKG_VERSION")
        )),
        "{found}"
    );
    assert!(found.contains("the results stand"), "{found}");

    // And a difference is still found.
    change_one_byte(&root.join("out/results.csv"), "21238,", "21239,");
    let (code, found) = verify(&root);
    assert_eq!(code, Some(1), "{found}");
    assert!(
        found.contains("results.csv changed since evaluation"),
        "{found}"
    );
}

#[test]
fn a_folder_of_the_previous_format_still_verifies_or_says_it_predates_the_copies() {
    // Made by the previous engine (tests/data/old-output/README.md), from the repository's root.
    let (code, text) = cfc(Path::new("."), &["verify", "tests/data/old-output/out"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("note: this folder predates the copies of its inputs in output folders (it has no manifest.json)"),
        "{text}"
    );
    assert!(text.contains("the results stand"), "{text}");
    // From elsewhere its inputs are not where it says: it says why.
    let here = std::path::absolute("tests/data/old-output/out").unwrap();
    let (code, text) = cfc(Path::new("/"), &["verify", here.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("predates the copies"), "{text}");
    assert!(
        text.contains("rule file tests/data/old-output/example-400.toml is missing"),
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
    let (code, text) = verify(root);
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
        let (code, found) = verify(&root);
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
        let settings = root.join("out/inputs/round/round.toml");
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
                "round settings changed in inputs/round/round.toml: {field} was"
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
    let (code, text) = verify(&root);
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
        copy_tree(
            Path::new("fixtures/son-ha-2024"),
            &dir.path().join("fixtures/son-ha-2024"),
        );
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
        Finding::PredatesCopies,
        Finding::ManifestUnreadable {
            detail: "EOF while parsing".into(),
        },
        Finding::ManifestChanged {
            file: "inputs/round/son-ba.toml".into(),
        },
        Finding::ManifestNamesOutside {
            file: "../x.toml".into(),
        },
        Finding::NotListed {
            file: "inputs/round/extra.toml".into(),
        },
        Finding::CopyChanged {
            file: "inputs/round/typo-field.toml".into(),
            of: "fixtures/invalid/typo-field.toml".into(),
        },
        Finding::ZipUnreadable {
            detail: "invalid Zip archive".into(),
        },
        Finding::ZipEntryRefused {
            entry: "../escape.txt".into(),
        },
        Finding::ZipTooLarge { max: 4 << 30 },
        Finding::ZipNoResults,
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
    // The folder the previous engine wrote (tests/data/old-output: results.json of format 1,
    // before documents had a format_version) verifies from where it was made, by what its
    // results say; copied there to change a byte of it.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("tests/data/old-output");
    copy_tree(Path::new("tests/data/old-output"), &old);
    let (code, text) = cfc(dir.path(), &["verify", "tests/data/old-output/out"]);
    assert_eq!(code, Some(0), "{text}");
    // A changed result in it is still caught, by what it says.
    change_one_byte(
        &old.join("out/results.json"),
        "\"total\": \"305\"",
        "\"total\": \"306\"",
    );
    let (code, text) = cfc(dir.path(), &["verify", "tests/data/old-output/out"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("total 306 recorded, 305 now"), "{text}");
}
