//! What a council asks about a result: `explain` and `diff` on the fixtures as reviewed
//! snapshots, the trace they read, and `whatif`, whose proposed changes applied to the evidence
//! file give recognition.

use std::process::Command;

use cfc::evidence::Value;
use cfc::whatif::{WhatIf, whatif};
use cfc::{Evidence, Round};

use crate::support::{evaluator, evidence, evidence_text};

fn cfc(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explanations_are_reviewed_snapshots() {
    insta::assert_snapshot!(
        "explain-21238-vi",
        cfc(&["explain", "fixtures/son-ha-2024", "21238"])
    );
    insta::assert_snapshot!(
        "explain-21229-en",
        cfc(&["explain", "fixtures/son-ha-2024", "21229", "--lang", "en"])
    );
    insta::assert_snapshot!(
        "explain-21235-json",
        cfc(&[
            "explain",
            "fixtures/son-ha-2024",
            "21235",
            "--format",
            "json"
        ])
    );
}

#[test]
fn an_explanation_says_everything_the_issue_asks_for() {
    let text = cfc(&["explain", "fixtures/son-ha-2024", "21235", "--lang", "en"]);
    // Sơn Hải's immunisation: evidence, exact and displayed rate, step, status, basis.
    for expected in [
        "7.1 Fully vaccinated — 30/50 [provisional]",
        "basis: Quyết định số 06/QĐ-TTg ngày 03/01/2019, tiêu chí 7",
        "note: ≥ 98 % → 50 is confirmed; the lower steps are provisional",
        "under1_children = 49",
        "under1_fully_vaccinated = 48",
        "rate: 48/49 × 100 = 97.95918367346938775510204082 (shown as 97.96%)",
        "step reached: ≥ 95 → 30",
        "1.1 Commune child-protection officer — 50/50 [confirmed]",
    ] {
        assert!(text.contains(expected), "missing {expected:?}\n{text}");
    }
}

#[test]
fn the_year_over_year_diff_is_a_reviewed_snapshot() {
    let table = cfc(&[
        "diff",
        "fixtures/son-ha-2023",
        "fixtures/son-ha-2024",
        "--lang",
        "en",
    ]);
    assert!(
        table.contains(
            "14 units compared: 5 totals changed, 1 newly recognised, 3 no longer recognised"
        ),
        "{table}"
    );
    insta::assert_snapshot!(
        "diff-2023-2024-json",
        cfc(&[
            "diff",
            "fixtures/son-ha-2023",
            "fixtures/son-ha-2024",
            "--format",
            "json"
        ])
    );
}

/// The units of the Sơn Hà round that tell its stories: refused for a drowning, for a total
/// 5 points short, for one criterion at 0, for everything at once; and recognised.
const STORIES: [&str; 5] = ["21238", "21211", "21217", "21229", "21235"];

#[test]
fn every_story_is_explained_in_both_languages() {
    for code in STORIES {
        for lang in ["vi", "en"] {
            insta::assert_snapshot!(
                format!("explain-{code}-{lang}"),
                cfc(&["explain", "fixtures/son-ha-2024", code, "--lang", lang])
            );
        }
    }
}

#[test]
fn whatif_diff_and_check_speak_both_languages() {
    for lang in ["vi", "en"] {
        let answers: String = ["21211", "21238", "21229", "21235"]
            .iter()
            .map(|code| cfc(&["whatif", "fixtures/son-ha-2024", code, "--lang", lang]))
            .collect();
        insta::assert_snapshot!(format!("whatif-{lang}"), answers);
        insta::assert_snapshot!(
            format!("diff-2023-2024-{lang}"),
            cfc(&[
                "diff",
                "fixtures/son-ha-2023",
                "fixtures/son-ha-2024",
                "--lang",
                lang
            ])
        );
        insta::assert_snapshot!(
            format!("check-{lang}"),
            cfc(&["check", "fixtures/son-ha-2024", "--lang", lang])
        );
    }
}

#[test]
fn the_json_of_whatif_and_diff_is_the_same_in_both_languages() {
    for args in [
        vec!["whatif", "fixtures/son-ha-2024", "21238"],
        vec!["diff", "fixtures/son-ha-2023", "fixtures/son-ha-2024"],
        vec!["evaluate", "fixtures/son-ha-2024"],
    ] {
        let json = |lang: &str| {
            let mut a = args.clone();
            a.extend(["--format", "json", "--lang", lang]);
            cfc(&a)
        };
        assert_eq!(json("vi"), json("en"), "{args:?}");
    }
}

/// Words of the reader's language that an English text must not hold, and the other way
/// round: the software's own phrases, not the labels the set declares (its references, unit
/// names and any label it gives in Vietnamese only are the set's words).
const VIETNAMESE: [&str; 12] = [
    "công nhận",
    "Tổng điểm",
    "ngưỡng",
    "Lý do",
    "số liệu:",
    "căn cứ:",
    "bậc đạt được",
    "hiển thị",
    "sự việc",
    "đạt 0 điểm",
    "Điều kiện loại trừ",
    "MINH HỌA",
];
const ENGLISH: [&str; 12] = [
    "total",
    " at 0 points",
    "disqualifier",
    "provisional",
    "confirmed",
    "recognised",
    "threshold",
    "incident",
    "evidence",
    "illustrative",
    "not met",
    "drowning",
];

/// Checks that `text` holds none of the `foreign` words. The ids of inputs
/// (`children_total`) are the set's names, written in the evidence files: words joined by `_`
/// are left out of the check, after the class id (which has one) is checked on its own.
fn assert_clean(what: &str, text: &str, foreign: &[&str]) {
    assert!(
        !text.contains("mountain_island_difficult"),
        "{what}: a class id where its label belongs\n{text}"
    );
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "(),;:=[]".contains(c))
        .filter(|w| !w.contains('_'))
        .collect();
    let lower = words.join(" ").to_lowercase();
    for word in foreign {
        assert!(
            !lower.contains(&word.to_lowercase()),
            "{what}: {word:?} leaks into\n{text}"
        );
    }
}

#[test]
fn no_english_in_the_vietnamese_outputs_and_no_vietnamese_in_the_english() {
    let mut outputs: Vec<(String, String, String)> = Vec::new();
    for (lang, _) in [("vi", 0), ("en", 1)] {
        outputs.push((
            format!("table {lang}"),
            lang.to_string(),
            cfc(&["evaluate", "fixtures/son-ha-2024", "--lang", lang]),
        ));
        for code in STORIES {
            outputs.push((
                format!("explain {code} {lang}"),
                lang.to_string(),
                cfc(&["explain", "fixtures/son-ha-2024", code, "--lang", lang]),
            ));
        }
        outputs.push((
            format!("workbook {lang}"),
            lang.to_string(),
            workbook_text(lang),
        ));
    }
    for (what, lang, text) in &outputs {
        if lang == "vi" {
            assert_clean(what, text, &ENGLISH);
        } else {
            assert_clean(what, text, &VIETNAMESE);
        }
    }
}

/// Every cell of the results workbook of the Sơn Hà round in a language, one per line.
fn workbook_text(lang: &str) -> String {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    cfc(&[
        "evaluate",
        "fixtures/son-ha-2024",
        "--lang",
        lang,
        "--out",
        out.to_str().unwrap(),
    ]);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out.join("results.xlsx")).unwrap();
    let mut cells = Vec::new();
    for (i, sheet) in wb.sheet_names().into_iter().enumerate() {
        cells.push(sheet.clone());
        let range = wb.worksheet_range(&sheet).unwrap();
        // The summary's first two rows are the round's title and the law it applies, by
        // their own (Vietnamese) names.
        let skip = if i == 0 { 2 } else { 0 };
        cells.extend(
            range
                .used_cells()
                .filter(|(row, _, _)| *row >= skip)
                .map(|(_, _, c)| c.to_string()),
        );
    }
    // The id columns hold ids on purpose (kind, class and disqualifier ids beside their
    // labels): only the words a person reads are checked.
    cells
        .into_iter()
        .filter(|c| {
            !c.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == ',' || ch == ' ')
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ── The trace they read ──────────────────────────────────────────────────────────────────

#[test]
fn the_trace_shows_inputs_exact_and_displayed_rate_row_and_status() {
    let ev = evidence(&evidence_text(
        "10000",
        &[
            ("births_registered_on_time", "118"),
            ("births_in_period", "120"),
        ],
        &[],
    ));
    let r = evaluator().evaluate(&ev).unwrap();
    let i = r.criteria[1].indicators[0].clone();
    assert_eq!(i.id, "2.1");
    assert_eq!(i.row, "≥ 98 → 50");
    assert!(i.provisional);
    let reads: Vec<String> = i
        .reads
        .iter()
        .map(|r| format!("{}={}", r.name, r.value))
        .collect();
    assert_eq!(
        reads,
        ["births_in_period=120", "births_registered_on_time=118"]
    );
    match i.measure {
        Some(cfc::script::Measure::Rate(rate)) => {
            assert_eq!((rate.part, rate.whole, rate.scale), (118, 120, 100));
            assert_eq!(
                rate.value().unwrap().to_string(),
                "98.33333333333333333333333333"
            );
            assert_eq!(rate.display().as_deref(), Some("98.33"));
        }
        other => panic!("expected a rate, got {other:?}"),
    }
    let first = &r.criteria[0].indicators[0];
    assert!(!first.provisional, "1.1 is confirmed");
}

// ── whatif ───────────────────────────────────────────────────────────────────────────────

/// The evidence text with each change written into its `input = value` line, as a clerk would.
fn apply(text: &str, answer: &WhatIf) -> String {
    text.lines()
        .map(|line| {
            let name = line.split('=').next().unwrap_or("").trim();
            match answer.changes.iter().find(|c| c.input == name) {
                Some(c) => format!(
                    "{name} = {}",
                    match c.to {
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Decimal(d) => d.to_string(),
                    }
                ),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks one unit: an achievable answer, applied, is recognised; changes listed despite a
/// disqualifier lift every condition but the disqualifiers.
fn check(path: &str, text: &str, year: u16) -> WhatIf {
    let evaluator = crate::support::evaluator();
    let ev = Evidence::parse(path, text, evaluator.criteria(), Some(year)).unwrap();
    let answer = whatif(evaluator, &ev).unwrap();
    let changed = Evidence::parse(
        path,
        &apply(text, &answer),
        evaluator.criteria(),
        Some(year),
    )
    .unwrap_or_else(|e| panic!("{path}: the changes break the evidence: {e}"));
    let after = evaluator.evaluate(&changed).unwrap();
    if answer.achievable {
        assert!(
            after.recognised,
            "{path}: achievable, but {:?}",
            after.reasons
        );
        assert_eq!(after.total, answer.total_after, "{path}");
    }
    if !answer.changes.is_empty() {
        assert!(
            after.reasons.iter().all(|r| r.starts_with("disqualifier")),
            "{path}: {:?}",
            after.reasons
        );
    }
    answer
}

#[test]
fn fixture_answers_are_reviewed_snapshots_and_hold_when_applied() {
    let round = Round::load("fixtures/son-ha-2024").unwrap();
    let mut answers = Vec::new();
    for ev in &round.units {
        let text = std::fs::read_to_string(ev.source()).unwrap();
        let answer = check(&ev.source().display().to_string(), &text, 2024);
        if !round.evaluator.evaluate(ev).unwrap().recognised {
            answers.push(answer);
        } else {
            assert!(
                answer.achievable && answer.changes.is_empty(),
                "{}",
                ev.unit().code
            );
        }
    }
    assert_eq!(answers.len(), 5);
    insta::assert_snapshot!(
        "fixture-answers",
        serde_json::to_string_pretty(&answers).unwrap()
    );
}

#[test]
fn generated_answers_hold_when_applied() {
    let (mut achievable, mut refused) = (0, 0);
    for seed in 0..300u64 {
        let text = crate::support::random_unit(50_000 + seed, seed);
        let answer = check(&format!("generated-{seed}.toml"), &text, 2024);
        if answer.achievable && !answer.changes.is_empty() {
            achievable += 1;
        } else if !answer.achievable {
            refused += 1;
        }
    }
    // The generator spreads units widely: both outcomes must be well represented.
    assert!(
        achievable >= 30 && refused >= 30,
        "achievable {achievable}, refused {refused}"
    );
}
