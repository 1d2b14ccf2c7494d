//! EvidenceProblem in words.

use rust_decimal::Decimal;

use super::file::hint;
use crate::base::diag::EvidenceProblem;
use crate::base::diag::Named;
use crate::base::lang::Lang;
use crate::words::format;

/// A count of the evidence, as the reader writes numbers.
fn count(n: u64, lang: Lang) -> String {
    format::number(Decimal::from(n), lang)
}

/// A list of ids, or "none" when it is empty.
fn ids(list: &[String], lang: Lang) -> String {
    if list.is_empty() {
        lang.pick("(không có)", "(none)").to_string()
    } else {
        list.join(", ")
    }
}

/// A class or kind as a reader knows it and as the file writes it: `Phường ("phuong")`.
fn named(n: &Named, lang: Lang) -> String {
    format!("{} ({:?})", n.label(lang), n.id)
}

/// Classes or kinds by label and id, or "(none)".
fn all_named(list: &[Named], lang: Lang) -> String {
    let words: Vec<String> = list.iter().map(|n| named(n, lang)).collect();
    ids(&words, lang)
}

/// What an `at_most` or `at_least` bound is: an input, or a count of the incident register.
fn bound(name: &str, derived: bool, lang: Lang) -> String {
    if derived {
        lang.pick(
            format!("{name} (số sự việc trong kỳ)"),
            format!("{name} (incidents in the period)"),
        )
    } else {
        name.to_string()
    }
}

pub(super) fn render(p: &EvidenceProblem, lang: Lang) -> String {
    match p {
        EvidenceProblem::UnknownRole { allowed } => lang.pick(
            format!(
                "không phải một chức vụ trong danh sách: cần một trong {} — chức vụ của người phê duyệt, không bao giờ ghi tên người",
                allowed.join(", ")
            ),
            format!(
                "not an office of the list: expected one of {} — the office of who approved, never a person's name",
                allowed.join(", ")
            ),
        ),
        EvidenceProblem::ApprovalWithoutPlan => lang
            .pick(
                "người hoặc ngày phê duyệt chỉ ghi cho một sự việc có kế hoạch hỗ trợ đã được phê duyệt: cần support_plan_approved = true, hoặc bỏ trường này",
                "who approved a plan, or when, is written only for an incident whose support plan was approved: expected support_plan_approved = true, or leave this field out",
            )
            .to_string(),
        EvidenceProblem::ApprovedBeforeIncident { approved, incident } => lang.pick(
            format!(
                "kế hoạch được phê duyệt ngày {}, trước ngày xảy ra sự việc {}: cần một ngày bằng hoặc sau ngày của sự việc",
                format::date(*approved, lang),
                format::date(*incident, lang)
            ),
            format!(
                "the plan is approved on {}, before the incident's day {}: expected a day on or after it",
                format::date(*approved, lang),
                format::date(*incident, lang)
            ),
        ),
        EvidenceProblem::CalendarDoesNotCover {
            date,
            first,
            through,
            ..
        } => lang.pick(
            format!(
                "không đếm được số ngày làm việc đến ngày {}: lịch ngày nghỉ lễ, tết (assets/calendar) chỉ có từ năm {first} đến hết ngày {}; cần bổ sung các ngày sau đó theo lịch nghỉ được công bố",
                format::date(*date, lang),
                format::date(*through, lang)
            ),
            format!(
                "cannot count the working days up to {}: the calendar of days off (assets/calendar) holds the days from {first} through {} only; the days after must be added as their schedule was announced",
                format::date(*date, lang),
                format::date(*through, lang)
            ),
        ),
        EvidenceProblem::UnknownInput { set, closest } => lang.pick(
            format!(
                "chỉ tiêu không có trong bộ tiêu chí {set}{}: hãy dùng đúng mã trường của bộ tiêu chí",
                hint(closest.as_ref(), lang)
            ),
            format!(
                "unknown input{}: criteria set {set} declares no such input",
                hint(closest.as_ref(), lang)
            ),
        ),
        EvidenceProblem::NotACode { found } => lang.pick(
            format!("cần mã đơn vị hành chính chính thức gồm các chữ số, ví dụ \"21238\", nhưng gặp {found}"),
            format!("expected the official administrative code in digits, e.g. \"21238\", found {found}"),
        ),
        EvidenceProblem::Empty => lang
            .pick(
                "văn bản trống: cần điền nội dung",
                "empty text: expected a value",
            )
            .to_string(),
        EvidenceProblem::UnknownClass {
            found,
            set,
            allowed,
        } => lang.pick(
            format!(
                "{found:?} không phải phân loại của bộ tiêu chí {set}: cần một trong {}",
                ids(allowed, lang)
            ),
            format!(
                "{found:?} is not a class of criteria set {set}: expected one of {}",
                ids(allowed, lang)
            ),
        ),
        EvidenceProblem::ClassRefusesKind {
            class,
            takes,
            unit_kind,
            fitting,
        } => {
            let (class, unit_kind) = (named(class, lang), named(unit_kind, lang));
            let (takes, fitting) = (all_named(takes, lang), all_named(fitting, lang));
            lang.pick(
                format!(
                    "phân loại {class} chỉ dành cho đơn vị loại {takes}, còn đơn vị này thuộc loại {unit_kind}: cần một trong {fitting}"
                ),
                format!(
                    "class {class} takes only units of kind {takes}, and this unit's kind is {unit_kind}: expected one of {fitting}"
                ),
            )
        }
        EvidenceProblem::IdCharacter {
            code_point,
            position,
            max,
        } => lang.pick(
            format!(
                "ký tự U+{code_point:04X} ở vị trí {position} không được dùng: cần một mã ngắn như \"ST-2024-01\" (một chữ cái hoặc chữ số, rồi chữ cái, chữ số, '.', '_', '/' hoặc '-'; tối đa {max} ký tự)"
            ),
            format!(
                "character U+{code_point:04X} at position {position} is not allowed: expected a short code such as \"ST-2024-01\" (a letter or digit, then letters, digits, '.', '_', '/' or '-'; at most {max} characters)"
            ),
        ),
        EvidenceProblem::IdTooLong { chars, max } => lang.pick(
            format!(
                "mã dài {chars} ký tự: cần một mã ngắn như \"ST-2024-01\", tối đa {max} ký tự"
            ),
            format!(
                "{chars} characters is too long: expected a short code such as \"ST-2024-01\", at most {max} characters"
            ),
        ),
        EvidenceProblem::TooManyDecimals { found, digits, max } => lang.pick(
            format!("{found} có {digits} chữ số sau dấu phẩy: tối đa {max}"),
            format!("{found} has {digits} digits after the point: at most {max}"),
        ),
        EvidenceProblem::PeriodReversed { from, to } => lang.pick(
            format!(
                "ngày bắt đầu ({}) sau ngày kết thúc ({}): cần from ≤ to",
                format::date(*from, lang),
                format::date(*to, lang)
            ),
            format!(
                "the first day ({}) is after the last ({}): expected from ≤ to",
                format::date(*from, lang),
                format::date(*to, lang)
            ),
        ),
        EvidenceProblem::OutsideYear { day, year } => lang.pick(
            format!(
                "ngày {} không thuộc năm {year} của đợt đánh giá",
                format::date(*day, lang)
            ),
            format!(
                "{} is not in the round's year {year}",
                format::date(*day, lang)
            ),
        ),
        EvidenceProblem::PartExceedsWhole {
            value,
            whole,
            derived,
            whole_value,
        } => lang.pick(
            format!(
                "{} lớn hơn {} = {}: phần không thể vượt quá tổng",
                count(*value, lang),
                bound(whole, *derived, lang),
                count(*whole_value, lang)
            ),
            format!(
                "{} is greater than {} = {}: a part cannot exceed its whole",
                count(*value, lang),
                bound(whole, *derived, lang),
                count(*whole_value, lang)
            ),
        ),
        EvidenceProblem::BelowFloor {
            value,
            floor,
            derived,
            floor_value,
        } => lang.pick(
            format!(
                "{} nhỏ hơn {} = {}: cần ít nhất {}",
                count(*value, lang),
                bound(floor, *derived, lang),
                count(*floor_value, lang),
                count(*floor_value, lang)
            ),
            format!(
                "{} is less than {} = {}: expected at least {}",
                count(*value, lang),
                bound(floor, *derived, lang),
                count(*floor_value, lang),
                count(*floor_value, lang)
            ),
        ),
        EvidenceProblem::Incomplete => lang
            .pick(
                "dữ liệu chưa đầy đủ, dù không có lỗi nào khác được báo: hãy báo lỗi này cho người phát triển cfc",
                "the evidence is incomplete although no other problem was found: report this to cfc's developers",
            )
            .to_string(),
    }
}
