//! `cfc verify`.

use std::fmt::Write;
use std::path::Path;

use super::{Status, print};

pub(crate) fn run(out: &Path) -> Status {
    let findings = cfc::verify::verify(out);
    let mut text = String::new();
    let status = if findings.is_empty() {
        let _ = writeln!(
            text,
            "{}: every rule file, evidence file, round setting, result, results file and dossier matches — the results stand",
            out.display()
        );
        Status::Ok
    } else {
        for f in &findings {
            let _ = writeln!(text, "{f}");
        }
        let _ = writeln!(
            text,
            "{} difference(s): these results no longer stand as recorded",
            findings.len()
        );
        Status::InputErrors
    };
    print(&text, false).err().unwrap_or(status)
}
