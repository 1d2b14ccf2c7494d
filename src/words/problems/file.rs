//! Problems of files and of values' shapes, in words.

use crate::base::diag::{FileProblem, IoCause, ValueKind, ValueProblem};
use crate::base::lang::Lang;
use crate::words::format;
use crate::words::glossary::Term;

/// Why a file could not be read: the engine's words for the causes it names, the system's
/// own words (in the system's language) for the others.
/// Why a file could not be read, in the reader's words.
pub(crate) fn io_cause(cause: IoCause, reason: &str, lang: Lang) -> String {
    match cause {
        IoCause::NotFound => lang
            .pick("không có tệp này", "there is no such file")
            .into(),
        IoCause::PermissionDenied => lang
            .pick(
                "hệ thống không cho phép đọc tệp này",
                "the system does not permit reading it",
            )
            .into(),
        IoCause::IsAFolder => lang
            .pick(
                "đây là một thư mục, không phải tệp",
                "it is a folder, not a file",
            )
            .into(),
        IoCause::Other => crate::words::system::system(reason, lang),
    }
}

pub(super) fn file(p: &FileProblem, lang: Lang) -> String {
    match p {
        FileProblem::Unreadable { cause, reason } => format!(
            "{}: {}",
            Term::CannotReadFile.get(lang),
            io_cause(*cause, reason, lang)
        ),
        FileProblem::TooLarge { bytes, max } => lang.pick(
            format!("tệp quá lớn ({bytes} byte): tối đa {max} byte"),
            format!("the file is too large ({bytes} bytes): at most {max} bytes"),
        ),
        FileProblem::NotUtf8 => lang
            .pick(
                "tệp không phải văn bản UTF-8: hãy lưu lại với mã hóa UTF-8",
                "the file is not UTF-8 text: save it again as UTF-8",
            )
            .to_string(),
        FileProblem::Syntax { detail } => format!(
            "{}: {detail}",
            lang.pick("sai cú pháp TOML", "invalid TOML")
        ),
        FileProblem::JsonSyntax { detail } => format!(
            "{}: {detail}",
            lang.pick("sai cú pháp JSON", "invalid JSON")
        ),
        FileProblem::JsonNotObject => lang
            .pick(
                "cần một đối tượng JSON gồm các mục unit, period, inputs và incidents",
                "expected a JSON object with the sections unit, period, inputs and incidents",
            )
            .to_string(),
    }
}

/// What a kind of value is called: "a whole number ≥ 0".
pub(crate) fn kind(k: ValueKind, lang: Lang) -> &'static str {
    match k {
        ValueKind::Text => lang.pick("một chuỗi văn bản trong ngoặc kép", "text in quotes"),
        ValueKind::WholeNumber => Term::WholeNumber.get(lang),
        ValueKind::Decimal => Term::DecimalNumber.get(lang),
        ValueKind::Boolean => Term::TrueOrFalse.get(lang),
        ValueKind::Date => lang.pick("một ngày dạng YYYY-MM-DD", "a date YYYY-MM-DD"),
        ValueKind::Table => lang.pick("một bảng", "a table"),
        ValueKind::Array => lang.pick("một mảng [ … ]", "an array [ … ]"),
        ValueKind::ArrayOfTables => {
            lang.pick("một mảng bảng [[ … ]]", "an array of tables [[ … ]]")
        }
    }
}

/// " (did you mean `x`?)", or nothing.
pub(crate) fn hint(closest: Option<&String>, lang: Lang) -> String {
    closest
        .map(|c| format!(" ({} `{c}`?)", lang.pick("có phải là", "did you mean")))
        .unwrap_or_default()
}

pub(super) fn value(p: &ValueProblem, lang: Lang) -> String {
    match p {
        ValueProblem::Missing { expected } => format!(
            "{}: {} {}",
            lang.pick("thiếu trường này", "missing"),
            Term::Expected.get(lang),
            kind(*expected, lang)
        ),
        ValueProblem::Unknown { allowed, closest } => format!(
            "{}{}: {} {}",
            lang.pick("trường không có trong định dạng", "unknown field"),
            hint(closest.as_ref(), lang),
            lang.pick("các trường được phép là", "expected one of"),
            allowed.join(", ")
        ),
        ValueProblem::WrongType { expected, found } => format!(
            "{} {}, {} {found}",
            Term::Expected.get(lang),
            kind(*expected, lang),
            lang.pick("nhưng gặp", "found"),
        ),
        ValueProblem::OutOfRange { found, min, max } => {
            let n = |v: &rust_decimal::Decimal| format::number(*v, lang);
            let range = match (min, max) {
                (Some(a), Some(b)) => lang.pick(
                    format!("từ {} đến {}", n(a), n(b)),
                    format!("from {} to {}", n(a), n(b)),
                ),
                (Some(a), None) => format!("≥ {}", n(a)),
                (None, Some(b)) => format!("≤ {}", n(b)),
                (None, None) => String::new(),
            };
            lang.pick(
                format!("{found} nằm ngoài giới hạn: cần giá trị {range}"),
                format!("{found} is out of range: expected a value {range}"),
            )
        }
        ValueProblem::NotOneOf {
            found,
            allowed,
            closest,
        } => format!(
            "{found:?} {}{}: {} {}",
            lang.pick("không phải giá trị hợp lệ", "is not a valid value"),
            hint(closest.as_ref(), lang),
            Term::ExpectedOneOf.get(lang),
            allowed.join(", ")
        ),
        ValueProblem::TooLong { chars, max } => lang.pick(
            format!("văn bản dài {chars} ký tự: tối đa {max} ký tự"),
            format!("the text is {chars} characters long: at most {max}"),
        ),
        ValueProblem::NotPrintable { code_point } => lang.pick(
            format!(
                "văn bản chứa ký tự U+{code_point:04X}, không in được trong hồ sơ: hãy xóa ký tự này"
            ),
            format!(
                "the text holds the character U+{code_point:04X}, which a dossier cannot print: remove it"
            ),
        ),
        ValueProblem::Duplicate { value, first_line } => lang.pick(
            format!("{value:?} bị lặp lại (lần đầu ở dòng {first_line})"),
            format!("{value:?} is repeated (first on line {first_line})"),
        ),
    }
}
