//! One CSV row per unit, for spreadsheets.

use crate::report::RoundReport;

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The results as CSV: identity, decision, then each criterion's points.
pub fn csv(report: &RoundReport) -> String {
    let criteria: Vec<&str> = report
        .units
        .first()
        .map(|u| u.criteria.iter().map(|c| c.id.as_str()).collect())
        .unwrap_or_default();
    let mut header = vec![
        "code",
        "name",
        "kind",
        "class",
        "total",
        "threshold",
        "recognised",
        "disqualifiers",
        "reasons",
    ];
    header.extend(&criteria);
    header.extend(["provisional_rules", "synthetic"]);
    let mut out = header.join(",");
    out.push('\n');
    for u in &report.units {
        let mut row = vec![
            u.code.clone(),
            u.name.clone(),
            u.kind.id().to_string(),
            u.class.clone(),
            u.total.to_string(),
            u.threshold.to_string(),
            u.recognised.to_string(),
            u.disqualifiers
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            u.reasons.join("; "),
        ];
        row.extend(u.criteria.iter().map(|c| c.points.to_string()));
        row.push(u.provisional_rules.join(" "));
        row.push(u.synthetic.to_string());
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}
