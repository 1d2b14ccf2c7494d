//! The words of the form a council fills in (`cfc template --xlsx`): sheet titles, column
//! headers, the label and hint of every field, the validation messages and the guide, in
//! Vietnamese and English. Sheet names and field ids are not words: they stay the same in
//! both languages, so that the importer reads a form of either.

use rust_decimal::Decimal;

use crate::base::lang::Lang;
use crate::form::{Field, Role, Setting};
use crate::rules::criteria::{CriteriaSet, Input, InputType};
use crate::words::format;
use crate::words::glossary::Term;

/// The label and hint of a field of the form: a unit's and a period's as rows of the unit
/// sheet (the hint of the kind is the set's list, see [`either`]); an incident's as the
/// register's column header, with no hint.
pub fn field_label(field: Field, lang: Lang) -> (&'static str, &'static str) {
    let (vi, en) = match field {
        Field::UnitCode => (
            ("Mã đơn vị hành chính", "chữ số, ví dụ 21205"),
            ("Administrative code", "digits, e.g. 21205"),
        ),
        Field::UnitName => (("Tên đơn vị", "ví dụ Sơn Bao"), ("Name", "e.g. Sơn Bao")),
        Field::UnitKind => (("Loại đơn vị", ""), ("Kind of unit", "")),
        Field::UnitClass => (
            ("Phân loại (ngưỡng công nhận)", "chọn trong danh sách"),
            ("Class (recognition threshold)", "choose from the list"),
        ),
        Field::UnitSynthetic => (
            ("Dữ liệu minh họa", "Có nếu số liệu chỉ để minh họa"),
            (
                "Illustrative data",
                "Yes if the figures are only illustrative",
            ),
        ),
        Field::PeriodFrom => (("Từ ngày", "ngày/tháng/năm"), ("From", "day/month/year")),
        Field::PeriodTo => (("Đến ngày", "ngày/tháng/năm"), ("To", "day/month/year")),
        Field::IncidentId => (("Mã sự việc", ""), ("Incident id", "")),
        Field::IncidentDate => (("Ngày xảy ra", ""), ("Date", "")),
        Field::IncidentKind => (("Loại sự việc", ""), ("Kind of incident", "")),
        Field::IncidentFatal => (("Trẻ tử vong", ""), ("Child died", "")),
        Field::IncidentSupportPlanApproved => {
            (("Đã có kế hoạch hỗ trợ", ""), ("Support plan approved", ""))
        }
        Field::IncidentNote => (("Ghi chú (KHÔNG ghi tên)", ""), ("Note (NO names)", "")),
        Field::IncidentSupportPlanApprovedBy => (
            ("Người phê duyệt kế hoạch (chức vụ)", ""),
            ("Plan approved by (office)", ""),
        ),
        Field::IncidentSupportPlanApprovedOn => {
            (("Ngày phê duyệt kế hoạch", ""), ("Plan approved on", ""))
        }
    };
    lang.pick(vi, en)
}

/// The name of an office that approves a support plan, as the form's drop-down offers it.
pub fn role(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::CommuneChair => lang.pick(
            "Chủ tịch UBND cấp xã",
            "Chair of the commune People's Committee",
        ),
        Role::CommuneViceChair => lang.pick(
            "Phó Chủ tịch UBND cấp xã",
            "Vice-chair of the commune People's Committee",
        ),
        Role::Other => lang.pick("Người khác", "Someone else"),
    }
}

/// The short header of a field as a column: a unit's and a period's on the round sheet, an
/// incident's on the register.
pub fn field_column(field: Field, lang: Lang) -> &'static str {
    let (vi, en) = match field {
        Field::UnitCode => ("Mã đơn vị", "Code"),
        Field::UnitName => ("Tên đơn vị", "Name"),
        Field::UnitKind => ("Loại", "Kind"),
        Field::UnitClass => ("Phân loại", "Class"),
        Field::UnitSynthetic => ("Minh họa", "Illustrative"),
        Field::PeriodFrom => ("Từ ngày", "From"),
        Field::PeriodTo => ("Đến ngày", "To"),
        other => return field_label(other, lang).0,
    };
    lang.pick(vi, en)
}

/// The label and hint of a setting of `round.toml`, as a row of a round workbook.
pub fn setting_label(setting: Setting, lang: Lang) -> (&'static str, &'static str) {
    let (vi, en) = match setting {
        Setting::Name => (("Tên đợt đánh giá", ""), ("Name of the round", "")),
        Setting::Year => (("Năm đánh giá", "ví dụ 2024"), ("Year", "e.g. 2024")),
        Setting::Province => (
            ("Mã tỉnh", "theo danh mục đơn vị hành chính"),
            ("Province code", "as in the official list of units"),
        ),
        Setting::Criteria => (
            (
                "Bộ tiêu chí (tệp)",
                "đường dẫn tính từ thư mục đợt đánh giá",
            ),
            ("Criteria set (file)", "path from the round folder"),
        ),
        Setting::Policy => (
            ("Quy định địa phương (tệp)", "có thể để trống"),
            ("Local policy (file)", "may be left blank"),
        ),
        Setting::Authority => (("Cơ quan công nhận", ""), ("Recognising authority", "")),
        Setting::Council => (("Hội đồng đánh giá", ""), ("Evaluation council", "")),
        Setting::Place => (("Địa danh", "ví dụ Sơn Hà"), ("Place", "e.g. Sơn Hà")),
        Setting::DecisionDate => (
            ("Ngày quyết định", "ngày/tháng/năm"),
            ("Date of the decision", "day/month/year"),
        ),
        Setting::ChairTitle => (
            ("Chức danh người ký", "mặc định CHỦ TỊCH HỘI ĐỒNG"),
            ("Title of the signatory", "CHỦ TỊCH HỘI ĐỒNG by default"),
        ),
        Setting::PreparerTitle => (
            ("Chức danh người lập", "mặc định NGƯỜI LẬP"),
            ("Title of the preparer", "NGƯỜI LẬP by default"),
        ),
    };
    lang.pick(vi, en)
}

/// The words of a yes/no cell: what the form offers; the importer accepts both languages.
pub fn yes_no(lang: Lang) -> (&'static str, &'static str) {
    lang.pick(("Có", "Không"), ("Yes", "No"))
}

/// Titles of the sheets.
pub fn unit_info_title(lang: Lang) -> &'static str {
    lang.pick(
        "THÔNG TIN ĐƠN VỊ VÀ KỲ ĐÁNH GIÁ",
        "THE UNIT AND THE PERIOD EVALUATED",
    )
}

/// See [`unit_info_title`].
pub fn round_info_title(lang: Lang) -> &'static str {
    lang.pick("THÔNG TIN ĐỢT ĐÁNH GIÁ", "THE ROUND OF EVALUATION")
}

/// The title of the inputs sheet, with the set's title.
pub fn inputs_title(set_title: &str, lang: Lang) -> String {
    lang.pick(
        format!("SỐ LIỆU CÁC CHỈ TIÊU — {}", set_title.to_uppercase()),
        format!("FIGURES OF THE INDICATORS — {}", set_title.to_uppercase()),
    )
}

/// See [`unit_info_title`].
pub fn incidents_title(lang: Lang) -> &'static str {
    lang.pick(
        "SỔ THEO DÕI SỰ VIỆC TRẺ EM BỊ TAI NẠN, THƯƠNG TÍCH, BẠO LỰC, XÂM HẠI",
        "REGISTER OF CHILDREN'S ACCIDENTS, INJURIES, VIOLENCE AND ABUSE",
    )
}

/// The document title of the workbook.
pub fn document_title(set_title: &str, lang: Lang) -> String {
    lang.pick(
        format!("{set_title} — phiếu số liệu"),
        format!("{set_title} — data form"),
    )
}

/// Column headers of "Thông tin": item, field id, value, guidance.
pub fn info_headers(lang: Lang) -> [&'static str; 4] {
    lang.pick(
        ["Mục", "Mã trường", "Giá trị", "Hướng dẫn"],
        ["Item", "Field id", "Value", "Guidance"],
    )
}

/// Column headers of a unit's "Chỉ tiêu": indicator, field id, unit, value, requirement.
pub fn inputs_headers(lang: Lang) -> [&'static str; 5] {
    lang.pick(
        [
            Term::Indicator.vi(),
            "Mã trường",
            "Đơn vị tính",
            "Giá trị",
            "Yêu cầu",
        ],
        ["Indicator", "Field id", "Unit", "Value", "Requirement"],
    )
}

/// The page footer: the sheet name and "page n/m".
pub fn footer(lang: Lang) -> &'static str {
    lang.pick("&L&8cfc — &A&R&8Trang &P/&N", "&L&8cfc — &A&R&8Page &P/&N")
}

/// The title of every validation message.
pub fn invalid_title(lang: Lang) -> &'static str {
    lang.pick("Giá trị không hợp lệ", "Invalid value")
}

/// A validation message of a kind of cell.
pub fn invalid(what: Invalid, lang: Lang) -> &'static str {
    match what {
        Invalid::Count => lang.pick(
            "Nhập một số nguyên ≥ 0 (không có phần thập phân).",
            "Enter a whole number ≥ 0 (no decimals).",
        ),
        Invalid::Money => lang.pick(
            "Nhập số tiền bằng đồng: một số nguyên ≥ 0.",
            "Enter the amount in đồng: a whole number ≥ 0.",
        ),
        Invalid::YesNo => lang.pick("Chọn Có hoặc Không.", "Choose Yes or No."),
        Invalid::Date => lang.pick(
            "Nhập một ngày, ví dụ 02/07/2024.",
            "Enter a date, e.g. 02/07/2024.",
        ),
        Invalid::IncidentKind => lang.pick(
            "Chọn loại sự việc trong danh sách.",
            "Choose a kind of incident from the list.",
        ),
        Invalid::Role => lang.pick(
            "Chọn chức vụ người phê duyệt trong danh sách; không ghi tên người.",
            "Choose the approving office from the list; never a person's name.",
        ),
        Invalid::Class => lang.pick(
            "Chọn một phân loại trong danh sách.",
            "Choose a class from the list.",
        ),
    }
}

/// The cells whose validation message is fixed (see [`invalid`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// A count.
    Count,
    /// An amount in đồng.
    Money,
    /// Yes or no.
    YesNo,
    /// A day.
    Date,
    /// An incident kind.
    IncidentKind,
    /// A class.
    Class,
    /// The office that approved a support plan.
    Role,
}

/// Names joined in a sentence, the last two by "hoặc" / "or": "xã, phường hoặc đặc khu".
pub fn either(words: &[&str], lang: Lang) -> String {
    match words.split_last() {
        None => String::new(),
        Some((only, [])) => only.to_string(),
        Some((last, head)) => format!("{} {} {last}", head.join(", "), lang.pick("hoặc", "or")),
    }
}

/// The validation message of a unit kind cell: "Chọn xã, phường hoặc đặc khu."
pub fn choose(kinds: &[&str], lang: Lang) -> String {
    format!("{} {}.", lang.pick("Chọn", "Choose"), either(kinds, lang))
}

/// A number as the form writes it: every significant digit, the reader's separators.
fn number(value: Decimal, lang: Lang) -> String {
    format::number(value.normalize(), lang)
}

/// The valid range of a number: "từ 0 đến 100", or "≥ 0" when only its type bounds it.
pub fn range(low: Decimal, high: Option<Decimal>, lang: Lang) -> String {
    match high {
        None => format!("≥ {}", number(low, lang)),
        Some(high) => lang.pick(
            format!("từ {} đến {}", number(low, lang), number(high, lang)),
            format!("from {} to {}", number(low, lang), number(high, lang)),
        ),
    }
}

/// What an input's cell takes, for the form's "Yêu cầu" column, its validation message and
/// the TOML template's comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// A count, a whole number ≥ 0.
    Count,
    /// An amount in đồng.
    Money,
    /// Yes or no.
    YesNo,
    /// A decimal or a percentage in a range, with at most `digits` after the point.
    Decimal {
        /// Whether it is a percentage.
        percent: bool,
        /// The range, in words (see [`range`]).
        range: String,
        /// Digits after the point.
        digits: u32,
    },
    /// At least this.
    AtLeast(Decimal),
    /// At most this.
    AtMost(Decimal),
    /// Not above another input or count, named by its label.
    NotAbove(String),
    /// Not below another input or count, named by its label.
    NotBelow(String),
    /// May be left out: it then holds this value (as a file writes it).
    Optional(String),
}

/// A requirement in words.
pub fn requirement(r: &Requirement, lang: Lang) -> String {
    match r {
        Requirement::Count => lang.pick("số nguyên ≥ 0", "a whole number ≥ 0").to_string(),
        Requirement::Money => lang
            .pick(
                "số tiền (đồng), số nguyên ≥ 0",
                "an amount (đồng), a whole number ≥ 0",
            )
            .to_string(),
        Requirement::YesNo => Term::YesOrNo.get(lang).to_string(),
        Requirement::Decimal {
            percent,
            range,
            digits,
        } => {
            let what = match percent {
                true => lang.pick(
                    "tỷ lệ phần trăm (%, nhập 7,5 cho 7,5 %)",
                    "a percentage (%, enter 7.5 for 7.5%)",
                ),
                false => lang.pick("số thập phân", "a decimal number"),
            };
            lang.pick(
                format!("{what} {range}, tối đa {digits} chữ số sau dấu phẩy"),
                format!("{what} {range}, at most {digits} digits after the point"),
            )
        }
        Requirement::AtLeast(v) => {
            format!("{} {}", lang.pick("ít nhất", "at least"), number(*v, lang))
        }
        Requirement::AtMost(v) => format!(
            "{} {}",
            lang.pick("nhiều nhất", "at most"),
            number(*v, lang)
        ),
        Requirement::NotAbove(name) => {
            format!("{}: {name}", lang.pick("không vượt quá", "not above"))
        }
        Requirement::NotBelow(name) => {
            format!("{}: {name}", lang.pick("không nhỏ hơn", "not below"))
        }
        Requirement::Optional(default) => lang.pick(
            format!("có thể bỏ trống: khi đó là {default}"),
            format!("may be left out: it is then {default}"),
        ),
    }
}

/// What an input's cell takes, as data for the form's words.
pub fn requirements(set: &CriteriaSet, input: &Input, lang: Lang) -> Vec<Requirement> {
    let digits = input.decimals.unwrap_or(0);
    let mut out = vec![match input.ty {
        InputType::Count => Requirement::Count,
        InputType::Money => Requirement::Money,
        InputType::Bool => Requirement::YesNo,
        InputType::Decimal | InputType::Percent => Requirement::Decimal {
            percent: input.ty == InputType::Percent,
            range: input_range(input, lang),
            digits,
        },
    }];
    let label_of = |name: &str| {
        set.inputs()
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.label.get(lang).to_string())
            .or_else(|| {
                set.derived()
                    .iter()
                    .find(|d| d.name == name)
                    .map(|d| from_register(d.label.get(lang), lang))
            })
            .unwrap_or_else(|| name.to_string())
    };
    if !input.ty.is_decimal() {
        out.extend(input.min.map(Requirement::AtLeast));
        out.extend(input.max.map(Requirement::AtMost));
    }
    if let Some(w) = &input.at_most {
        out.push(Requirement::NotAbove(label_of(w)));
    }
    if let Some(w) = &input.at_least {
        out.push(Requirement::NotBelow(label_of(w)));
    }
    if let Some(default) = input.default {
        out.push(Requirement::Optional(default.to_string()));
    }
    out
}

/// The constraint of an input in words, for the form's "Yêu cầu" column and the TOML
/// template's comment.
pub fn constraint_words(set: &CriteriaSet, input: &Input, lang: Lang) -> String {
    requirements(set, input, lang)
        .iter()
        .map(|r| requirement(r, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The valid range of a number input in words: "từ 0 đến 100", or "≥ 0" when only the
/// type's limit bounds it.
pub fn input_range(input: &Input, lang: Lang) -> String {
    let high = (!input.unbounded_above()).then(|| input.highest());
    range(input.lowest(), high, lang)
}

/// A count of the incident register, named in a requirement: "(theo sổ sự việc)".
pub fn from_register(label: &str, lang: Lang) -> String {
    lang.pick(
        format!("{label} (theo sổ sự việc)"),
        format!("{label} (from the incident register)"),
    )
}

/// The validation message of a number input with a range of its own.
pub fn enter(r: &Requirement, lang: Lang) -> String {
    match r {
        Requirement::Count => String::new(),
        Requirement::Decimal { range, digits, .. } => lang.pick(
            format!("Nhập một số {range}, tối đa {digits} chữ số sau dấu phẩy."),
            format!("Enter a number {range}, with at most {digits} digits after the point."),
        ),
        other => format!("{}.", requirement(other, lang)),
    }
}

/// The validation message of a bounded count or amount: "Nhập một số nguyên từ 0 đến 100."
pub fn enter_whole(range: &str, money: bool, lang: Lang) -> String {
    match money {
        false => lang.pick(
            format!("Nhập một số nguyên {range}."),
            format!("Enter a whole number {range}."),
        ),
        true => lang.pick(
            format!("Nhập số tiền bằng đồng: một số nguyên {range}."),
            format!("Enter the amount in đồng: a whole number {range}."),
        ),
    }
}

/// Which form the guide describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuideLayout {
    /// One unit.
    Unit,
    /// One row per unit.
    Round,
}

/// The lines of the guide sheet, before the list of classes.
pub fn guide(
    set_title: &str,
    set_id: &str,
    basis: &str,
    layout: GuideLayout,
    lang: Lang,
) -> Vec<String> {
    let where_inputs = match layout {
        GuideLayout::Unit => lang.pick(
            "Trang \"Thông tin\": mã, tên, loại, phân loại của đơn vị và kỳ đánh giá. Trang \"Chỉ tiêu\": nhập số liệu vào cột \"Giá trị\" (ô màu vàng), mỗi dòng một chỉ tiêu.",
            "Sheet \"Thông tin\": the unit's code, name, kind and class, and the period evaluated. Sheet \"Chỉ tiêu\": enter the figures in the \"Value\" column (yellow cells), one indicator per row.",
        ),
        GuideLayout::Round => lang.pick(
            "Trang \"Thông tin\": thông tin đợt đánh giá. Trang \"Chỉ tiêu\": mỗi dòng một đơn vị, mỗi cột một chỉ tiêu; dòng 2 ghi mã trường của cột — không sửa.",
            "Sheet \"Thông tin\": the round. Sheet \"Chỉ tiêu\": one row per unit, one column per indicator; row 2 holds each column's field id — do not edit it.",
        ),
    };
    vec![
        lang.pick("HƯỚNG DẪN ĐIỀN PHIẾU", "HOW TO FILL IN THIS FORM").to_string(),
        format!("{}: {set_title} ({set_id}) — {basis}", lang.pick("Bộ tiêu chí", "Criteria set")),
        format!("1. {where_inputs}"),
        lang.pick(
            "2. Chỉ nhập vào các ô màu vàng; các ô khác được khóa. Số đếm là số nguyên ≥ 0, không có phần thập phân. Kinh phí ghi bằng đồng. Câu hỏi Có/Không: chọn Có hoặc Không (cũng chấp nhận X hoặc ✓ cho Có). Ngày ghi theo dạng ngày/tháng/năm, ví dụ 02/07/2024.",
            "2. Enter values in the yellow cells only; the others are locked. Counts are whole numbers ≥ 0, without decimals. Amounts are in đồng. Yes/No questions: choose Yes or No (X or ✓ are also read as Yes). Dates are day/month/year, e.g. 02/07/2024.",
        ).to_string(),
        lang.pick(
            "3. Trang \"Sự việc\": mỗi dòng một sự việc trẻ em bị tai nạn, thương tích, bạo lực, xâm hại trong năm: mã sự việc (duy nhất), ngày, loại (chọn trong danh sách), trẻ tử vong, đã có kế hoạch hỗ trợ và, nếu biết, chức vụ người phê duyệt kế hoạch (không ghi tên) và ngày phê duyệt. Không có sự việc thì để trống.",
            "3. Sheet \"Sự việc\": one row per incident of the year in which a child suffered an accident, injury, violence or abuse: an incident id (unique), the date, the kind (from the list), whether the child died, whether a support plan was approved and, when known, the office that approved it (never a name) and the day. Leave it empty if there was none.",
        ).to_string(),
        lang.pick(
            "4. Cột \"Ghi chú\" không bắt buộc và TUYỆT ĐỐI KHÔNG ghi tên, địa chỉ, số định danh hay bất kỳ thông tin nào nhận diện trẻ em hoặc gia đình. Phần mềm không đọc cột này.",
            "4. The \"Note\" column is optional and must NEVER hold a name, an address, an identity number or anything else that identifies a child or a family. The software does not read it.",
        ).to_string(),
        lang.pick(
            "5. Lưu tệp dạng .xlsx và gửi cho cơ quan tổng hợp. Phần mềm cfc kiểm tra mọi ô và báo lỗi theo dạng \"tệp › trang › ô: nội dung lỗi\"; tệp có lỗi sẽ không được nhập cho đến khi sửa xong.",
            "5. Save the file as .xlsx and send it to the office compiling the round. cfc checks every cell and reports problems as \"file › sheet › cell: problem\"; a file with problems is not imported until they are fixed.",
        ).to_string(),
        lang.pick("Phân loại và ngưỡng công nhận:", "Classes and recognition thresholds:").to_string(),
    ]
}

/// A class in the guide: "• other — Khác: 800 điểm".
pub fn class_line(id: &str, label: &str, threshold: &str, lang: Lang) -> String {
    format!(
        "  • {id} — {label}: {threshold} {}",
        lang.pick("điểm", "points")
    )
}

/// The header of the round sheet's unit code column on the register.
pub fn unit_code_column(lang: Lang) -> &'static str {
    lang.pick("Mã đơn vị", "Unit code")
}
