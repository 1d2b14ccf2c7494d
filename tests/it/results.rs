//! The results document (`results.json`, `--format json`): what cfc writes is what its JSON
//! Schema (`docs/results.schema.json`) says, it reads back to the same results, and a document
//! of format 1 (before `format_version`) is still read.

use std::path::Path;

use cfc::{Round, RoundReport};

use crate::support::cfc_en as cfc;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/results.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// The schema's complaints about a document, one a line (empty: it holds).
fn complaints(validator: &jsonschema::Validator, json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    validator
        .iter_errors(&value)
        .map(|e| format!("{e}\n"))
        .take(20)
        .collect()
}

#[test]
fn what_cfc_writes_is_what_the_schema_says() {
    let validator = schema();
    let here = std::env::current_dir().unwrap();
    // Rounds of every shape the fixtures have: illustrative data, errors, a province after the
    // reform, other criteria sets (fractional points, conditions, windows).
    let mut rounds = vec![
        "fixtures/son-ha-2023",
        "fixtures/son-ha-2024",
        "fixtures/quang-ngai-2025",
        "fixtures/invalid",
    ];
    for set in std::fs::read_dir("tests/data").unwrap().flatten() {
        if set.path().join("round/round.toml").is_file() {
            rounds.push(Box::leak(
                format!("tests/data/{}/round", set.file_name().to_string_lossy()).into_boxed_str(),
            ));
        }
    }
    assert!(rounds.len() >= 6, "{rounds:?}");
    // And a unit whose register says who approved a support plan and when.
    let approved = tempfile::tempdir().unwrap();
    crate::support::copy_tree(Path::new("fixtures/son-ha-2024"), approved.path());
    let son_ba = approved.path().join("son-ba.toml");
    let text = std::fs::read_to_string(&son_ba).unwrap()
        + "\n[[incidents]]\nid = \"SB-2024-99\"\ndate = 2024-05-06\nkind = \"sexual_abuse\"\n\
           support_plan_approved = true\nsupport_plan_approved_by = \"commune_chair\"\n\
           support_plan_approved_on = 2024-05-08\n";
    std::fs::write(&son_ba, text).unwrap();
    let approved_round = approved.path().to_str().unwrap().to_string();
    rounds.push(Box::leak(approved_round.into_boxed_str()));
    for round in rounds {
        let (code, out) = cfc(&here, &["evaluate", round, "--format", "json"]);
        assert!(matches!(code, Some(0 | 1)), "{round}: {out}");
        let json = &out[..out.rfind("\n}\n").map_or(out.len(), |at| at + 3)];
        assert_eq!(complaints(&validator, json), "", "{round}");
        if round.starts_with(approved.path().to_str().unwrap()) {
            assert!(
                json.contains("\"support_plan_approved_by\":\"commune_chair\""),
                "{json}"
            );
        }
    }
    // The output folder's document also records its files.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (code, text) = cfc(
        &here,
        &[
            "evaluate",
            "fixtures/son-ha-2024",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{text}");
    let json = std::fs::read_to_string(out.join("results.json")).unwrap();
    assert!(json.contains("\"dossiers\"") && json.contains("\"settings\""));
    assert_eq!(complaints(&validator, &json), "");
}

#[test]
fn the_schema_refuses_what_cfc_does_not_write() {
    let validator = schema();
    // A document of format 1 is not this format.
    let old = std::fs::read_to_string("tests/data/old-output/out/results.json").unwrap();
    assert!(complaints(&validator, &old).contains("format_version"));
    let round = Round::load("fixtures/son-ha-2024").unwrap();
    let json = cfc::render::json(&RoundReport::new(&round, round.evaluate()));
    for (from, to) in [
        // A decimal as a number, not a string.
        ("\"total\":\"835\"", "\"total\":835"),
        // A field no format writes.
        (
            "\"recognised\":false",
            "\"recognised\":false,\"note\":\"x\"",
        ),
        // A measure of no known kind.
        ("\"kind\":\"rate\"", "\"kind\":\"ratio\""),
    ] {
        assert!(json.contains(from), "{from}");
        let changed = json.replacen(from, to, 1);
        assert_ne!(complaints(&validator, &changed), "", "{to}");
    }
}

/// A round's warnings — here a decision dated in the year after the round's — are in its
/// document, located and worded as its errors are, as the schema says; they read back; and an
/// output folder carrying them is verified alone, its round's original files gone (the
/// warnings are found again from the copies, under the same names).
#[test]
fn the_round_s_warnings_are_in_its_document_and_verified_with_it() {
    let validator = schema();
    let here = std::env::current_dir().unwrap();
    let place = tempfile::tempdir().unwrap();
    crate::support::copy_tree(Path::new("tests/data/check"), &place.path().join("check"));
    let round = "check/rounds/decision-after-year";
    let (code, json) = cfc(place.path(), &["evaluate", round, "--format", "json"]);
    assert_eq!(code, Some(0), "{json}");
    let json = &json[..json.rfind("\n}\n").map_or(json.len(), |at| at + 3)];
    assert_eq!(complaints(&validator, json), "");
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    let warnings = doc["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!(w["file"], "check/rounds/decision-after-year/round.toml");
    assert_eq!(
        (w["line"].as_u64(), w["column"].as_u64()),
        (Some(8), Some(17))
    );
    assert_eq!(w["field"], "decision_date");
    assert_eq!(w["problem"]["problem"]["kind"], "decision_after_year");
    assert!(
        w["message"].as_str().is_some_and(
            |m| m.contains("the decision date 2025-01-10 is after the round's year 2024")
        ),
        "{w}"
    );
    let back: RoundReport = serde_json::from_str(json).unwrap();
    let loaded = Round::load(place.path().join(round)).unwrap();
    assert_eq!(back.warnings.len(), loaded.warnings.len());
    // A round without any writes no `warnings` at all: its document is as it was.
    let (_, plain) = cfc(
        &here,
        &["evaluate", "fixtures/son-ha-2024", "--format", "json"],
    );
    assert!(!plain.contains("\"warnings\""));

    let out = place.path().join("out");
    let (code, text) = cfc(
        place.path(),
        &["evaluate", round, "--out", out.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{text}");
    std::fs::remove_dir_all(place.path().join("check")).unwrap();
    let (code, text) = cfc(&here, &["verify", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn a_document_is_lean_and_reads_back_to_the_same_results() {
    let round = Round::load("fixtures/son-ha-2024").unwrap();
    let report = RoundReport::new(&round, round.evaluate());
    let json = cfc::render::json(&report);
    let back: RoundReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back.units, report.units);
    assert_eq!(back.errors, report.errors);
    // What is the same for every unit is written once: a legal reference appears in the rules
    // alone, and each unit is one line.
    let reference = "Quyết định số 06/QĐ-TTg ngày 03/01/2019, tiêu chí 7";
    assert_eq!(json.matches(reference).count(), 1, "{reference}");
    let lines = json
        .lines()
        .filter(|l| l.starts_with("    {\"code\":"))
        .count();
    assert_eq!(lines, report.units.len());
    // Each unit keeps its own: the values read, the exact and displayed rate, the row, the
    // points (Sơn Hải's 48/49 just below the 98 % step).
    let son_hai = json
        .lines()
        .find(|l| l.contains("\"code\":\"21235\""))
        .unwrap();
    assert!(
        son_hai.contains("\"exact\":\"97.95918367346938775510204082\",\"display\":\"97.96\""),
        "{son_hai}"
    );
    // Format 1 wrote about 21 KB a unit here; format 2 about a quarter of it.
    let units: usize = json
        .lines()
        .filter(|l| l.starts_with("    {\"code\":"))
        .map(str::len)
        .sum();
    let per_unit = units / report.units.len();
    assert!(per_unit < 6_000, "{per_unit} bytes a unit");
}

#[test]
fn a_round_of_many_batches_streams_the_bytes_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let round_dir = crate::support::round_of_many_batches(dir.path());
    let round = Round::load(&round_dir).unwrap();
    assert_eq!(round.units.len(), 14 * 74, "{:?}", round.errors);

    let whole = RoundReport::new(&round, round.evaluate());
    let mut json = Vec::new();
    let (head, evaluated) = cfc::render::evaluate_to_json(&round, &mut json).unwrap();
    assert_eq!(evaluated, whole.units.len());
    assert_eq!(
        (head.errors, head.round),
        (whole.errors.clone(), whole.round.clone())
    );
    assert!(
        json == cfc::render::json(&whole).into_bytes(),
        "the JSON differs"
    );

    let words = cfc::words::results::Vocabulary::of(&round);
    for lang in [cfc::Lang::Vi, cfc::Lang::En] {
        let mut csv = Vec::new();
        let (_, evaluated) = cfc::render::evaluate_to_csv(&round, &words, lang, &mut csv).unwrap();
        assert_eq!(evaluated, whole.units.len());
        let expected = cfc::render::csv(&whole, &words, lang);
        assert_eq!(expected.lines().count(), whole.units.len() + 1);
        assert!(csv == expected.into_bytes(), "the CSV ({lang:?}) differs");
    }

    // A reader that goes away in the middle of the second batch (a closed pipe, a full disk)
    // stops the evaluation with its error, and nothing after it is written.
    struct Closes(usize);
    impl std::io::Write for Closes {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 < buf.len() {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let at = json.len() / 2;
    let mut closes = Closes(at);
    let stopped = cfc::render::evaluate_to_json(&round, &mut closes).unwrap_err();
    assert_eq!(stopped.kind(), std::io::ErrorKind::BrokenPipe);
    assert!(closes.0 < 6 * 1024, "it stopped where the reader went away");
    let mut closes = Closes(10);
    let stopped = cfc::render::evaluate_to_csv(&round, &words, cfc::Lang::Vi, &mut closes);
    assert_eq!(stopped.unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
}

#[test]
fn a_document_of_format_1_is_still_read_and_compared() {
    // The results the previous engine wrote for a frozen round (tests/data/old-output, format
    // 1: every unit's trace whole), read back: the same results, trace included, as
    // evaluating that round gives today.
    let text = std::fs::read_to_string("tests/data/old-output/out/results.json").unwrap();
    assert!(!text.contains("format_version"));
    let old: RoundReport = serde_json::from_str(&text).unwrap();
    let round = Round::load("tests/data/old-output/round").unwrap();
    let now = RoundReport::new(&round, round.evaluate());
    assert_eq!(old.units, now.units);
    // Written again, it is today's format, and reads back whole.
    let again = cfc::render::json(&old);
    assert!(again.starts_with("{\n  \"format_version\": 2,"));
    let back: RoundReport = serde_json::from_str(&again).unwrap();
    assert_eq!(back.units, old.units);
    // `cfc diff` compares it with a round, or with a document of today's format.
    let here = std::env::current_dir().unwrap();
    let (code, out) = cfc(
        &here,
        &[
            "diff",
            "tests/data/old-output/out/results.json",
            "tests/data/old-output/round",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("4 units compared: 0 totals changed"), "{out}");
    // A format this engine does not know is refused with its number.
    let newer = text.replacen("{", "{\n  \"format_version\": 3,", 1);
    let err = serde_json::from_str::<RoundReport>(&newer).unwrap_err();
    assert!(err.to_string().contains("format_version 3"), "{err}");
}
