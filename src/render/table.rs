//! The terminal table a council reads.

use crate::criteria::Lang;
use crate::report::RoundReport;

fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.chars().count()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The results as an aligned table with a summary line, in Vietnamese or English.
pub fn table(report: &RoundReport, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let head: [&str; 7] = if vi {
        [
            "Mã",
            "Đơn vị",
            "Nhóm",
            "Điểm",
            "Ngưỡng",
            "Loại trừ",
            "Kết quả",
        ]
    } else {
        [
            "Code",
            "Unit",
            "Class",
            "Total",
            "Threshold",
            "Disqualifiers",
            "Result",
        ]
    };
    let rows: Vec<[String; 7]> = report
        .units
        .iter()
        .map(|u| {
            let dq: Vec<&str> = u.disqualifiers.iter().map(|d| d.id.as_str()).collect();
            let result = match (u.recognised, vi) {
                (true, true) => "công nhận",
                (false, true) => "không công nhận",
                (true, false) => "recognised",
                (false, false) => "not recognised",
            };
            [
                u.code.clone(),
                u.name.clone(),
                u.class.clone(),
                u.total.to_string(),
                u.threshold.to_string(),
                if dq.is_empty() {
                    "—".to_string()
                } else {
                    dq.join(", ")
                },
                result.to_string(),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let right = [false, false, false, true, true, false, false];
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(right)
            .map(|((c, w), r)| pad(c, w, r))
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let r = &report.round;
    let mut out = format!("{} — {}", r.name, r.criteria);
    if let Some(p) = &r.policy {
        out += &format!(" + {p}");
    }
    out.push('\n');
    if let Some(notice) = &r.notice {
        out += &format!("{notice}\n");
    }
    out.push('\n');
    out += &line(&head.map(String::from));
    out += &line(&widths.map(|w| "─".repeat(w)));
    for row in &rows {
        out += &line(row);
    }
    let (yes, no) = report.counts();
    let files_with_errors = {
        let mut files: Vec<_> = report.errors.iter().map(|e| &e.file).collect();
        files.dedup();
        files.len()
    };
    out.push('\n');
    out += &if vi {
        format!(
            "{} đơn vị được đánh giá: {yes} công nhận, {no} không công nhận; {files_with_errors} tệp có lỗi.\n",
            report.units.len()
        )
    } else {
        format!(
            "{} units evaluated: {yes} recognised, {no} not recognised; {files_with_errors} file(s) with errors.\n",
            report.units.len()
        )
    };
    for class in r
        .classes
        .iter()
        .filter(|c| report.units.iter().any(|u| u.class == c.id))
    {
        out += &if vi {
            format!(
                "Nhóm {}: {} — ngưỡng {} điểm\n",
                class.id, class.label.vi, class.threshold
            )
        } else {
            format!(
                "Class {}: {} — threshold {} points\n",
                class.id,
                class.label.get(lang),
                class.threshold
            )
        };
    }
    if !r.provisional_rules.is_empty() {
        out += &if vi {
            format!(
                "Quy tắc tạm thời (chưa xác nhận với văn bản chính thức): {}\n",
                r.provisional_rules.join(", ")
            )
        } else {
            format!(
                "Provisional rules (not confirmed against the official text): {}\n",
                r.provisional_rules.join(", ")
            )
        };
    }
    out
}
