//! `cfc verify`.

use std::path::Path;

use crate::Lang;

use super::common::{Status, print};

pub(crate) fn run(out: &Path, lang: Lang) -> Status {
    let findings = crate::verify::verify(out);
    let text = crate::words::audit::verdict(&out.display().to_string(), &findings, lang);
    let status = if findings.iter().all(crate::verify::Finding::is_note) {
        Status::Ok
    } else {
        Status::InputErrors
    };
    print(&text, false, lang).err().unwrap_or(status)
}
