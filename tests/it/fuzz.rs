//! The seeded mutation fuzz test: a few hundred damaged copies of the shipped round — evidence,
//! folder, round settings, criteria set, policy, scripts, workbooks, closed outputs — each run as
//! the council would run it. See `support/fuzz.rs` for the promises checked, and
//! `examples/fuzz.rs` for longer runs with other seeds.
//!
//! Then the regressions: what the long fuzz run found after the hardening, each a broken
//! promise on a damaged copy of the shipped round, kept as a test of its own.

use std::time::Duration;

use cfc::diag::{Problem, RoundProblem, RuleFile, RulesProblem};
use cfc::{Round, RoundReport};

use crate::fuzzer::{Config, Outcome, Target, World};

#[test]
fn damaged_rounds_never_panic_hang_lose_a_unit_or_go_unlocated() {
    // Every core is busy while it runs: the tests that race the clock wait.
    let _clock = crate::support::clock_lock();
    let config = Config {
        seed: 0x00C0_FFEE,
        cases: 240,
        binary: Some(env!("CARGO_BIN_EXE_cfc").into()),
        // Generous: the known hangs were endless; a case takes milliseconds.
        time_limit: Duration::from_secs(30),
        dangerous: true,
    };
    let report = crate::fuzzer::run(&config);
    println!("{report}");
    assert!(report.findings.is_empty(), "{report}");
    // The run reached every kind of file, and its damage was neither always refused nor
    // always harmless — otherwise it would prove little.
    for target in Target::ALL {
        assert!(
            report.cases_of(target) >= 5,
            "too few {target:?} cases:\n{report}"
        );
    }
    assert!(report.with_outcome(Outcome::Accepted) >= 30, "{report}");
    assert!(report.with_outcome(Outcome::Refused) >= 30, "{report}");
}

#[test]
fn the_generator_is_the_same_everywhere() {
    // A seed must name the same cases on every machine: pin the first draws.
    let mut rng = crate::fuzzer::Rng::new(0);
    let draws: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
    assert_eq!(
        draws,
        [
            0xE220_A839_7B1D_CDAF,
            0x6E78_9E6A_A1B9_65F4,
            0x06C4_5D18_8009_454F
        ]
    );
}

// ── Regressions ──────────────────────────────────────────────────────────────────────────

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Appends `n` incidents of one kind, dated through the year, to an evidence file.
fn append_incidents(file: &std::path::Path, n: usize, prefix: &str, kind: &str) {
    let mut text = std::fs::read_to_string(file).unwrap();
    for k in 0..n {
        text += &format!(
            "\n[[incidents]]\nid = \"{prefix}-{k:05}\"\ndate = 2024-{:02}-{:02}\nkind = \"{kind}\"\n",
            1 + k % 12,
            1 + k % 28
        );
    }
    std::fs::write(file, text).unwrap();
}

#[test]
fn a_missing_criteria_set_is_located_at_its_field_in_round_toml() {
    let world = World::new();
    let settings = world.round_dir().join("round.toml");
    edit(
        &settings,
        "criteria = \"../../criteria/qd-06-2019.toml\"",
        "criteria = \"Sơn Hà\"",
    );
    let err = Round::load(world.round_dir()).expect_err("must not load");
    let cfc::RoundError::Load(err) = err else {
        panic!("{err}")
    };
    let d = &err.diagnostics()[0];
    assert_eq!(
        (d.file.as_path(), d.line, d.column, d.field.as_str()),
        (settings.as_path(), 5, 12, "criteria")
    );
    assert!(
        matches!(
            &d.problem,
            Problem::Round(RoundProblem::RuleFileUnreadable { rule: RuleFile::Criteria, path, .. })
                if path.ends_with("Sơn Hà")
        ),
        "{d:?}"
    );
}

#[test]
fn a_policy_text_the_dossier_cannot_print_is_refused_where_it_is() {
    let world = World::new();
    let policy = world.root().join("criteria/son-ha-2024.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("reference = "))
        .expect("a reference")
        + 1;
    edit(&policy, "reference = \"", "reference = \"😀 ");
    let err = Round::load(world.round_dir()).expect_err("must not load");
    let message = cfc::words::errors::round(&err, cfc::Lang::Vi);
    assert!(
        message.starts_with(&format!("{}:{line}:", policy.display())),
        "{message}"
    );
    assert!(message.contains("U+1F600"), "{message}");
    assert!(
        !message.contains('😀'),
        "the character is named, never printed"
    );

    // A reference too long for one row of a dossier page is refused the same way.
    let world = World::new();
    let policy = world.root().join("criteria/son-ha-2024.toml");
    edit(
        &policy,
        "reference = \"",
        &format!("reference = \"{}", "Sơn Hà ".repeat(200)),
    );
    let message = cfc::words::errors::round(
        &Round::load(world.round_dir()).expect_err("must not load"),
        cfc::Lang::En,
    );
    assert!(message.contains("disqualifiers[0].reference"), "{message}");
    assert!(message.contains("at most 1000"), "{message}");
}

#[test]
fn a_unit_with_ten_thousand_incidents_fits_the_results_workbook() {
    let world = World::new();
    append_incidents(
        &world.round_dir().join("son-ha.toml"),
        10_000,
        "FZ",
        "violence",
    );
    let round = Round::load(world.round_dir()).unwrap();
    assert!(round.errors.is_empty(), "{:?}", round.errors);
    let report = RoundReport::new(&round, round.evaluate());
    let unit = report.units.iter().find(|u| u.code == "21214").unwrap();
    assert_eq!(unit.disqualifiers[0].incidents.len(), 10_000);
    let xlsx = cfc::xlsx::results(
        &report,
        &cfc::words::results::Vocabulary::of(&round),
        cfc::Lang::Vi,
    )
    .expect("the workbook is made");
    assert!(xlsx.starts_with(b"PK"));
}

#[test]
fn a_unit_with_three_hundred_incidents_of_one_kind_gets_its_dossier() {
    let world = World::new();
    append_incidents(
        &world.round_dir().join("son-thuong.toml"),
        300,
        "VL",
        "violence",
    );
    let round = Round::load(world.round_dir()).unwrap();
    let report = RoundReport::new(&round, round.evaluate());
    let unit = report.units.iter().find(|u| u.code == "21238").unwrap();
    let ctx = cfc::render::dossier::Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: cfc::Lang::Vi,
    };
    let pdf = cfc::render::dossier::dossier(unit, &ctx).expect("the dossier renders");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
}

#[test]
fn an_indicator_id_the_dossier_cannot_print_is_refused_where_it_is() {
    let world = World::new();
    let set = world.root().join("criteria/qd-06-2019.toml");
    edit(&set, "id = \"1.1\"", "id = \"中文名字\"");
    let err = Round::load(world.round_dir()).expect_err("must not load");
    let cfc::RoundError::Load(err) = err else {
        panic!("{err}")
    };
    let d = &err.diagnostics()[0];
    assert_eq!(d.problem, RulesProblem::NotShortCode { chars: 4 }.into());
    assert!(
        d.field.as_str().starts_with("criteria[0].indicators[")
            && d.field.as_str().ends_with("].id"),
        "{d:?}"
    );
    for lang in [cfc::Lang::Vi, cfc::Lang::En] {
        let message = cfc::words::problems::diagnostic(d, lang);
        assert!(!message.contains('中'), "{message}");
    }
}

#[test]
fn a_script_path_with_a_newline_is_one_located_line() {
    let world = World::new();
    let set = world.root().join("criteria/qd-06-2019.toml");
    edit(
        &set,
        "script = \"../scripts/qd-06-2019/1.1.rhai\"",
        "script = \"Sơn\\nHà\"",
    );
    let message = Round::load(world.round_dir())
        .expect_err("must not load")
        .to_string();
    // One line for the problem in the set, one at round.toml's `criteria` naming the set: the
    // newline written in the path adds none.
    assert_eq!(message.lines().count(), 2, "{message}");
    assert!(message.starts_with(&set.display().to_string()), "{message}");
}
