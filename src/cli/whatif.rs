//! `cfc whatif`.

use std::fmt::Write;
use std::path::Path;

use cfc::whatif::whatif;

use super::{Format, Open, Status, one_unit, print, warn};

pub(crate) fn run(dir: &Path, code: &str, format: Format, open: Open) -> Status {
    let (round, index, _) = match one_unit(dir, code, open) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let ev = &round.units[index];
    let answer = match whatif(&round.evaluator, ev) {
        Ok(a) => a,
        Err(e) => {
            warn(&format!("unit {code} could not be evaluated: {e}"));
            return Status::RuleErrors;
        }
    };
    if format == Format::Json {
        let text = serde_json::to_string_pretty(&answer).unwrap_or_default() + "\n";
        return print(&text, true).err().unwrap_or(Status::Ok);
    }
    let mut out = String::new();
    let set = round.evaluator.criteria();
    let label = |name: &str| {
        set.inputs()
            .iter()
            .find(|i| i.name == name)
            .map_or(name.to_string(), |i| i.label.vi.clone())
    };
    let _ = writeln!(out, "{} ({code}):", ev.unit().name);
    if answer.changes.is_empty() && answer.blocking.is_empty() {
        let _ = writeln!(
            out,
            "  đã đủ điều kiện công nhận — already recognised; nothing to change."
        );
    }
    if !answer.changes.is_empty() {
        let _ = writeln!(
            out,
            "  Thay đổi nhỏ nhất để đạt điểm công nhận — the smallest change for the score:"
        );
        for c in &answer.changes {
            let _ = writeln!(
                out,
                "    {}: {} → {}   ({})",
                c.input,
                c.from,
                c.to,
                label(&c.input)
            );
        }
        let _ = writeln!(
            out,
            "  Tổng điểm sau thay đổi — total after: {}",
            answer.total_after
        );
    }
    if answer.blocking.is_empty() {
        if !answer.changes.is_empty() {
            let _ = writeln!(
                out,
                "  → đủ điều kiện công nhận sau các thay đổi này (recognised with these changes)."
            );
        }
    } else {
        let _ = writeln!(
            out,
            "  Không thể công nhận trong đợt này — recognition is impossible this round:"
        );
        for b in &answer.blocking {
            let _ = writeln!(out, "    {b}");
        }
    }
    print(&out, false).err().unwrap_or(Status::Ok)
}
