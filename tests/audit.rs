//! `explain` and `diff` on the fixtures, as reviewed snapshots.

use std::process::Command;

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
        "basis: QĐ 06/QĐ-TTg (2019), tiêu chí 7",
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
