//! The words of the council's screen (`cfc serve`'s pages), and of taking filled workbooks
//! into a round folder, which `cfc import` and the import page share.

use std::path::Path;

use crate::lang::Lang;
use crate::xlsx::intake::{Refusal, Unreadable};

// ── Taking workbooks into a round folder ─────────────────────────────────────────────────

/// Where an import comes from: how a person asks to replace existing files differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// `cfc import`: the `--force` option.
    Cli,
    /// The import page: its "replace" box.
    Web,
}

/// Why a workbook's files may not be written. `dir` is the folder as the reader should see it
/// before the file name (the CLI's `--out`; empty on the web, which shows no server path).
pub fn refusal(r: &Refusal, dir: &Path, door: Door, lang: Lang) -> String {
    let at = |file: &str| dir.join(file).display().to_string();
    match r {
        Refusal::UnitAlsoIn { code, others } => {
            let others = others.join(", ");
            lang.pick(
                format!(
                    "đơn vị {code} cũng có trong {others}: không nhập bảng tính nào trong số đó"
                ),
                format!("unit {code} is also in {others}: neither workbook is imported"),
            )
        }
        Refusal::OlderFile { code, file } => {
            let file = at(file);
            lang.pick(
                format!("đơn vị {code} đã có tệp số liệu {file}: hãy xóa tệp đó trước, để mỗi đơn vị chỉ có một tệp trong đợt đánh giá"),
                format!("unit {code} already has the evidence file {file}: remove it first, so that the round holds one file per unit"),
            )
        }
        Refusal::Exists { file } => {
            let file = at(file);
            match door {
                Door::Cli => lang.pick(
                    format!("{file} đã có: không ghi đè (dùng --force để ghi đè)"),
                    format!("{file} already exists: not replaced (use --force to replace it)"),
                ),
                Door::Web => lang.pick(
                    format!(
                        "{file} đã có: không ghi đè (chọn “{}” để ghi đè)",
                        replace_box(Lang::Vi)
                    ),
                    format!(
                        "{file} already exists: not replaced (tick “{}” to replace it)",
                        replace_box(Lang::En)
                    ),
                ),
            }
        }
        Refusal::Folder { file } => {
            let file = at(file);
            lang.pick(
                format!("{file} là một thư mục: không thể ghi tệp vào chỗ đó"),
                format!("{file} is a folder: no file can be written in its place"),
            )
        }
        Refusal::SettingsIncomplete => lang.pick(
            "cần ghi round.toml nhưng trang \"Thông tin\" chưa điền đủ".to_string(),
            "round.toml asked for, but the \"Thông tin\" sheet is not complete".to_string(),
        ),
        Refusal::SettingsAlsoIn { others } => {
            let others = others.join(", ");
            lang.pick(
                format!(
                    "round.toml cũng sẽ được ghi từ {others}: không nhập bảng tính nào trong số đó"
                ),
                format!(
                    "round.toml would also be written from {others}: neither workbook is imported"
                ),
            )
        }
    }
}

/// The label of the import page's box that allows replacing existing files.
pub fn replace_box(lang: Lang) -> &'static str {
    lang.pick(
        "Ghi đè tệp số liệu đã có của cùng đơn vị",
        "Replace the existing evidence files of the same units",
    )
}

/// A workbook not imported: with the number of its problems, or for the refusals listed above.
pub fn not_imported(problems: Option<usize>, lang: Lang) -> String {
    match problems {
        None => lang.pick("không nhập", "not imported").to_string(),
        Some(1) => lang
            .pick("không nhập (1 lỗi)", "not imported (1 problem)")
            .to_string(),
        Some(n) => lang.pick(
            format!("không nhập ({n} lỗi)"),
            format!("not imported ({n} problems)"),
        ),
    }
}

/// `round.toml` asked for but no round workbook was imported.
pub fn no_round_workbook(lang: Lang) -> &'static str {
    lang.pick(
        "cần ghi round.toml nhưng không có bảng tính cả đợt (`template --round`) nào được nhập",
        "round.toml asked for, but no round workbook (`template --round`) was imported",
    )
}

/// How many evidence files an import wrote, and where.
pub fn wrote_evidence(written: usize, dir: &str, lang: Lang) -> String {
    lang.pick(
        format!("đã ghi {written} tệp số liệu vào {dir}"),
        format!("wrote {written} evidence files into {dir}"),
    )
}

/// An accepted workbook the folder could not take.
pub fn not_written(dir: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("không ghi được vào {dir}: {detail}"),
        format!("cannot write into {dir}: {detail}"),
    )
}

/// A workbook file that could not be read from the disk.
pub fn unreadable(u: &Unreadable, lang: Lang) -> String {
    match u {
        Unreadable::NotAFile => lang
            .pick(
                "không phải một tệp: cần một bảng tính (.xlsx)",
                "not a file: expected a workbook (.xlsx)",
            )
            .to_string(),
        Unreadable::Io(e) => lang.pick(
            format!("không đọc được tệp: {e}"),
            format!("cannot read the file: {e}"),
        ),
    }
}

/// `cfc import` into a folder without `round.toml` and without `--criteria`.
pub fn no_criteria(dir: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: không có round.toml để biết bộ tiêu chí: hãy dùng --criteria FILE"),
        format!("{dir}: no round.toml there to name the criteria set: give --criteria FILE"),
    )
}
