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
        "rate: 48/49 × 100 = 97.95918367346938775510204082 (shown as 97.96 %)",
        "step reached: ≥ 95 → 30",
        "1.1 Commune child-protection officer — 50/50 [confirmed]",
    ] {
        assert!(text.contains(expected), "missing {expected:?}\n{text}");
    }
}

#[test]
fn the_year_over_year_diff_is_a_reviewed_snapshot() {
    let table = cfc(&["diff", "fixtures/son-ha-2023", "fixtures/son-ha-2024"]);
    assert!(
        table.contains(
            "14 units compared: 5 totals changed, 1 newly recognised, 3 no longer recognised"
        ),
        "{table}"
    );
    insta::assert_snapshot!("diff-2023-2024", table);
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
