//! `cfc verify`.

use std::path::Path;

use cfc::Lang;

use super::{Status, print};

pub(crate) fn run(out: &Path, lang: Lang) -> Status {
    let findings = cfc::verify::verify(out);
    let text = cfc::words::audit::verdict(&out.display().to_string(), &findings, lang);
    let status = if findings.iter().all(cfc::verify::Finding::is_note) {
        Status::Ok
    } else {
        Status::InputErrors
    };
    print(&text, false, lang).err().unwrap_or(status)
}
