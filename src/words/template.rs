//! The comments of the TOML files the engine writes for a council to fill in: the evidence
//! template (`cfc template`) and the files of a new round (`cfc new-round`), in Vietnamese and
//! English. Keys, ids and values are not words: they are the file format, the same in both.

use crate::base::lang::Lang;

/// The first lines of an evidence template: the set, its legal basis, how to fill it in.
pub fn header(set_id: &str, set_title: &str, legal_basis: &str, lang: Lang) -> String {
    lang.pick(
        format!(
            "# Bằng chứng của một đơn vị — bộ tiêu chí {set_id} ({set_title})\n\
             # {legal_basis}\n\
             # Điền mọi giá trị; giữ nguyên tên trường. Số thập phân viết bằng dấu chấm (7.5).\n\
             # Không có dữ liệu cá nhân: mỗi sự việc chỉ có mã, ngày, loại và các dấu hiệu —\n\
             # không bao giờ có tên, địa chỉ hay số định danh.\n\n"
        ),
        format!(
            "# Evidence for one unit — criteria set {set_id} ({set_title})\n\
             # {legal_basis}\n\
             # Fill in every value; keep the field names. Decimals take a point (7.5).\n\
             # No personal data: incidents carry an id, a date, a kind and flags only —\n\
             # never a name, address or identity number.\n\n"
        ),
    )
}

/// The comment after `code = ""`.
pub fn code(lang: Lang) -> &'static str {
    lang.pick(
        "mã đơn vị hành chính chính thức, chữ số",
        "official administrative code, digits",
    )
}

/// The comment after `name = ""`.
pub fn name(lang: Lang) -> &'static str {
    lang.pick("ví dụ \"Sơn Thượng\"", "e.g. \"Sơn Thượng\"")
}

/// The comment after `synthetic = false`.
pub fn synthetic(lang: Lang) -> &'static str {
    lang.pick(
        "true nếu số liệu chỉ để minh họa",
        "true if the figures are illustrative",
    )
}

/// The comment after `[period]`.
pub fn period(lang: Lang) -> &'static str {
    lang.pick(
        "cả hai ngày đều tính, trong năm của đợt đánh giá",
        "both days inclusive, inside the round's year",
    )
}

/// A class in the comment of the `class = …` line: "id (threshold)", or restricted to kinds.
pub fn class_choice(id: &str, threshold: &str, only: Option<&str>, lang: Lang) -> String {
    match only {
        None => format!("{id} ({threshold})"),
        Some(kinds) => lang.pick(
            format!("{id} ({threshold}; chỉ cho {kinds})"),
            format!("{id} ({threshold}; {kinds} only)"),
        ),
    }
}

/// What a yes-or-no input takes in a TOML file.
pub fn true_or_false(lang: Lang) -> &'static str {
    lang.pick("true (có) hoặc false (không)", "true or false")
}

/// A percentage input in a TOML file: "phần trăm, số thập phân từ 0 đến 100, …".
pub fn percent(number: &str, lang: Lang) -> String {
    lang.pick(
        format!("tỷ lệ phần trăm (7.5 là 7,5 %), {number}"),
        format!("a percentage (7.5 for 7.5%), {number}"),
    )
}

/// The line before the commented-out incident table.
pub fn incidents(lang: Lang) -> &'static str {
    lang.pick(
        "Sổ sự việc: mỗi sự việc trong năm là một bảng [[incidents]], hoặc không có bảng nào.",
        "The incident register: one [[incidents]] table per incident of the year, or none.",
    )
}

/// The comment after an incident's `id`.
pub fn incident_id(lang: Lang) -> &'static str {
    lang.pick("không trùng trong tệp này", "unique in this file")
}

/// The comment after an incident's `note`.
pub fn incident_note(lang: Lang) -> &'static str {
    lang.pick(
        "không bắt buộc; không bao giờ ghi tên người",
        "optional; never a person's name",
    )
}

/// The comment of `support_plan_approved_by` in a template.
pub fn approved_by(lang: Lang) -> &'static str {
    lang.pick(
        "không bắt buộc: chức vụ người phê duyệt kế hoạch hỗ trợ, không bao giờ ghi tên người",
        "optional: the office of who approved the support plan, never a person's name",
    )
}

/// The comment of `support_plan_approved_on` in a template.
pub fn approved_on(lang: Lang) -> &'static str {
    lang.pick(
        "không bắt buộc: ngày kế hoạch hỗ trợ được phê duyệt",
        "optional: the day the support plan was approved",
    )
}

/// The first lines of a unit's evidence file written by `cfc new-round`.
pub fn skeleton(
    unit: &str,
    code: &str,
    province: &str,
    year: u16,
    since: &str,
    lang: Lang,
) -> String {
    lang.pick(
        format!(
            "# {unit} ({code}), {province} — năm đánh giá {year}.\n\
             # Mã, tên và loại đơn vị lấy từ danh mục chính thức có hiệu lực từ {since}.\n"
        ),
        format!(
            "# {unit} ({code}), {province} — evaluation year {year}.\n\
             # Code, name and kind are from the official list in force since {since}.\n"
        ),
    )
}

/// The comment over the class of a unit written by `cfc new-round`.
pub fn class_for_council(lang: Lang) -> &'static str {
    lang.pick(
        "# PHÂN LOẠI: DO HỘI ĐỒNG XÁC ĐỊNH. Danh mục chính thức không nói đơn vị nào thuộc\n\
         # vùng miền núi, hải đảo hay đặc biệt khó khăn; chọn một mã dưới đây.\n",
        "# CLASS: FOR THE COUNCIL TO SET. The official list does not say which units are\n\
         # mountainous, island or especially difficult; choose one of the ids below.\n",
    )
}

/// The first lines of `round.toml` written by `cfc new-round`.
pub fn round(year: u16, province: &str, units: usize, since: &str, lang: Lang) -> String {
    lang.pick(
        format!(
            "# Đợt đánh giá năm {year} của {province}: {units} đơn vị theo danh mục chính thức \
             có hiệu lực từ {since}.\n\
             # Do `cfc new-round` viết: sửa cơ quan, hội đồng, địa danh và ngày quyết định.\n"
        ),
        format!(
            "# The {year} round of {province}: {units} units of the official list in force \
             since {since}.\n\
             # Written by `cfc new-round`: edit the authority, council, place and decision date.\n"
        ),
    )
}
