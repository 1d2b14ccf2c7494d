//! `cfc verify`.

use std::path::Path;

use super::Status;

pub(crate) fn run(out: &Path) -> Status {
    let findings = cfc::verify::verify(out);
    if findings.is_empty() {
        println!(
            "{}: every rule file, evidence file, result and dossier matches — the results stand",
            out.display()
        );
        return Status::Ok;
    }
    for f in &findings {
        println!("{f}");
    }
    println!(
        "{} difference(s): these results no longer stand as recorded",
        findings.len()
    );
    Status::InputErrors
}
