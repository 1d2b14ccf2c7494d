//! WorkbookProblem in words.

use crate::base::diag::{CellKind, CellValue, Label, WorkbookProblem};
use crate::base::lang::Lang;
use crate::words::glossary::Term;

/// Names joined for a list in a sentence: labels may hold commas ("bỏ mặc, sao nhãng").
fn labels(list: &[Label], lang: Lang) -> String {
    list.iter()
        .map(|l| lang.pick(l.vi.as_str(), l.en.as_str()))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// What a cell should hold.
fn expected(k: &CellKind, lang: Lang) -> String {
    match k {
        CellKind::Text => lang.pick("một nội dung", "some text").to_string(),
        CellKind::UnitCode => lang
            .pick(
                "mã đơn vị hành chính gồm các chữ số, ví dụ 21238",
                "the administrative code in digits, e.g. 21238",
            )
            .to_string(),
        CellKind::Class => lang
            .pick("một phân loại trong danh sách", "a class from the list")
            .to_string(),
        CellKind::WholeNumber => lang
            .pick("một số nguyên ≥ 0", "a whole number ≥ 0")
            .to_string(),
        CellKind::Money => lang
            .pick(
                "số tiền bằng đồng, một số nguyên ≥ 0",
                "an amount in đồng, a whole number ≥ 0",
            )
            .to_string(),
        CellKind::Decimal => lang
            .pick("một số thập phân", "a decimal number")
            .to_string(),
        CellKind::Percent => lang.pick("một tỷ lệ phần trăm", "a percentage").to_string(),
        CellKind::YesNo => Term::YesOrNo.get(lang).to_string(),
        CellKind::Date => lang
            .pick(
                "một ngày dạng ngày/tháng/năm, ví dụ 02/07/2024",
                "a date day/month/year, e.g. 02/07/2024",
            )
            .to_string(),
        CellKind::Year => lang
            .pick("một năm, ví dụ 2024", "a year such as 2024")
            .to_string(),
        CellKind::UnitKind { allowed } => format!(
            "{} ({})",
            lang.pick(
                "một loại đơn vị trong danh sách",
                "a unit kind from the list"
            ),
            labels(allowed, lang)
        ),
        CellKind::Role { allowed } => format!(
            "{} ({})",
            lang.pick(
                "một chức vụ trong danh sách, không ghi tên người",
                "an office from the list, never a person's name"
            ),
            labels(allowed, lang)
        ),
        CellKind::IncidentKind { allowed } => format!(
            "{} ({})",
            lang.pick(
                "một loại sự việc trong danh sách",
                "an incident kind from the list"
            ),
            labels(allowed, lang)
        ),
        CellKind::IncidentId => lang
            .pick(
                "một mã sự việc như \"SB-2024-01\"",
                "an id such as \"SB-2024-01\"",
            )
            .to_string(),
    }
}

/// What a cell holds.
fn found(v: &CellValue, lang: Lang) -> String {
    match v {
        CellValue::Text(t) | CellValue::Number(t) => t.clone(),
        CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        CellValue::Date => lang.pick("một ngày", "a date").to_string(),
        CellValue::Duration => lang.pick("một khoảng thời gian", "a duration").to_string(),
        CellValue::Error(e) => lang.pick(
            format!("lỗi bảng tính {e}"),
            format!("the spreadsheet error {e}"),
        ),
        CellValue::Empty => lang.pick("ô trống", "an empty cell").to_string(),
    }
}

const FROM_TEMPLATE: (&str, &str) = (
    "đây không phải phiếu do `cfc template` tạo",
    "it is not a form made by `cfc template`",
);

pub(super) fn render(p: &WorkbookProblem, lang: Lang) -> String {
    let not_a_form = lang.pick(FROM_TEMPLATE.0, FROM_TEMPLATE.1);
    match p {
        // The reader's own detail is English: a Vietnamese reader is told what to do without it.
        WorkbookProblem::NotXlsx { detail } => lang.pick(
            "không đọc được bảng tính: tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng. Hãy mở tệp bằng Excel hay LibreOffice và lưu lại theo định dạng .xlsx".to_string(),
            format!("cannot read the workbook ({detail}): is it an Excel workbook (.xlsx)? Save it in that format"),
        ),
        WorkbookProblem::TooManyParts { parts, max } => lang.pick(
            format!("tệp có {parts} phần, chỉ đọc tối đa {max}: {not_a_form}"),
            format!("the workbook has {parts} parts, at most {max} are read: {not_a_form}"),
        ),
        WorkbookProblem::TooExpanded { part, max } => lang.pick(
            format!(
                "tệp giải nén ra hơn {} MB (phần {part:?}): bị từ chối vì có thể là bom zip",
                max >> 20
            ),
            format!(
                "the workbook expands to more than {} MB (part {part:?}): refused as a possible zip bomb",
                max >> 20
            ),
        ),
        WorkbookProblem::TooManySheets { sheets, max } => lang.pick(
            format!("tệp có {sheets} trang, tối đa {max}: {not_a_form}"),
            format!("the workbook has {sheets} sheets, at most {max} are allowed: {not_a_form}"),
        ),
        WorkbookProblem::NoSheet { sheet } => lang.pick(
            format!("tệp không có trang {sheet:?}: tệp có phải do `cfc template` tạo không?"),
            format!("the workbook has no sheet {sheet:?}: was it made by `cfc template`?"),
        ),
        WorkbookProblem::SheetUnreadable { detail } => lang.pick(
            format!("không đọc được trang này: {detail}"),
            format!("cannot read the sheet: {detail}"),
        ),
        WorkbookProblem::TooManyCells { max } => lang.pick(
            format!("hơn {max} ô có dữ liệu: {not_a_form}"),
            format!("more than {max} filled cells: {not_a_form}"),
        ),
        WorkbookProblem::OutsideForm {
            cell,
            more,
            rows,
            columns,
        } => {
            let more = match more {
                0 => String::new(),
                n => lang.pick(format!(" và {n} ô khác"), format!(" and {n} more")),
            };
            lang.pick(
                format!("có giá trị ở ô {cell}{more}, ngoài {rows} dòng và {columns} cột của phiếu: hãy xóa"),
                format!("a value in cell {cell}{more}, outside the {rows} rows and {columns} columns a form may use: delete it"),
            )
        }
        WorkbookProblem::UnknownLayout { found } => {
            let found = found.as_deref().map_or_else(String::new, |f| format!(" {f:?}"));
            lang.pick(
                format!("không rõ kiểu phiếu{found}: tệp có phải do `cfc template` tạo không?"),
                format!("unknown workbook layout{found}: was it made by `cfc template`?"),
            )
        }
        WorkbookProblem::OtherCriteria { found, expected } => lang.pick(
            format!("phiếu được tạo cho bộ tiêu chí {found:?}, không phải {expected:?}: hãy tạo phiếu mới bằng `cfc template --criteria`"),
            format!("the workbook was made for criteria set {found:?}, not {expected:?}: make a new one with `cfc template --criteria`"),
        ),
        WorkbookProblem::NoRow { field } => lang.pick(
            format!("không có dòng nào mang mã trường {field} ở cột B: hãy lấy lại từ một phiếu mới"),
            format!("no row with the field id {field} in column B: restore it from a new template"),
        ),
        WorkbookProblem::NoColumn { field } => lang.pick(
            format!("không có cột nào mang mã trường {field} ở dòng 2: hãy lấy lại từ một phiếu mới"),
            format!("no column with the field id {field} in row 2: restore it from a new template"),
        ),
        WorkbookProblem::NoUnit => lang
            .pick(
                "chưa có đơn vị nào: mỗi dòng điền một đơn vị",
                "no unit: fill in one row per unit",
            )
            .to_string(),
        WorkbookProblem::NotAUnitOfTheSheet { found: f, sheet } => lang.pick(
            format!("cần mã của một đơn vị ở trang {sheet}, nhưng gặp {}", found(f, lang)),
            format!("expected the code of a unit of sheet {sheet}, found {}", found(f, lang)),
        ),
        WorkbookProblem::Blank { expected: e } => lang.pick(
            format!("ô trống: cần {}", expected(e, lang)),
            format!("missing value: expected {}", expected(e, lang)),
        ),
        WorkbookProblem::Wrong {
            expected: e,
            found: f,
        } => lang.pick(
            format!("cần {}, nhưng gặp {}", expected(e, lang), found(f, lang)),
            format!("expected {}, found {}", expected(e, lang), found(f, lang)),
        ),
        WorkbookProblem::TooLarge { found: f, max } => lang.pick(
            format!("{} quá lớn: tối đa {max}", found(f, lang)),
            format!("{} is too large: at most {max}", found(f, lang)),
        ),
        WorkbookProblem::Duplicate {
            value,
            first_sheet,
            first_cell,
        } => lang.pick(
            format!("{value:?} bị lặp lại (lần đầu ở {first_sheet} › {first_cell}): cần một giá trị không trùng"),
            format!("{value:?} is repeated (first at {first_sheet} › {first_cell}): expected a unique value"),
        ),
    }
}
