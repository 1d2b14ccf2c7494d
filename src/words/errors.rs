//! Errors that stop a load, an evaluation or a write, in words. Their types (in the modules
//! that raise them) hold data only; `Display` here gives the default language, Vietnamese, and
//! each function gives either language, nested errors included.

use std::fmt;

use crate::audit::diff::ResultsError;
use crate::base::date::DateError;
use crate::base::lang::Lang;
use crate::evaluate::evaluator::MismatchError;
use crate::evaluate::round::RoundError;
use crate::evaluate::score::ScoreError;
use crate::rules::criteria::LoadError;
use crate::rules::policy::{EvalError, WindowError};
use crate::script::ParseFractionError;
use crate::script::{ExactError, ScriptError};
use crate::words::problems::{diagnostic, diagnostics};

/// `Display` in the default language for a type whose words a function here gives.
macro_rules! display_in_default_language {
    ($($ty:ty => $words:path),* $(,)?) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&$words(self, Lang::default()))
            }
        }
    )*};
}

display_in_default_language!(
    DateError => date,
    ExactError => exact,
    ParseFractionError => fraction,
    ScriptError => script,
    ScoreError => score,
    WindowError => window,
    EvalError => eval,
    MismatchError => mismatch,
    LoadError => load,
    RoundError => round,
    ResultsError => results,
);

/// A text that is not a date.
pub fn date(e: &DateError, lang: Lang) -> String {
    lang.pick(
        format!("cần một ngày dạng YYYY-MM-DD, nhưng gặp {:?}", e.0),
        format!("expected a date YYYY-MM-DD, found {:?}", e.0),
    )
}

/// Exact arithmetic that could not be done.
pub fn exact(e: &ExactError, lang: Lang) -> String {
    match e {
        ExactError::TooLarge => {
            lang.pick("quá lớn để tính chính xác", "too large to compute exactly")
        }
        ExactError::DivisionByZero => lang.pick("chia cho 0", "division by zero"),
    }
    .to_string()
}

/// A text that is not a fraction.
pub fn fraction(e: &ParseFractionError, lang: Lang) -> String {
    lang.pick(
        format!(
            "cần một số thập phân (2.25) hoặc một phân số (9/4), nhưng gặp {:?}",
            e.0
        ),
        format!(
            "expected a decimal (2.25) or a fraction (9/4), found {:?}",
            e.0
        ),
    )
}

/// A script that failed, at its line and column; the reason is rhai's own (in English) or the
/// sandbox's limit.
pub fn script(e: &ScriptError, _lang: Lang) -> String {
    format!("{}:{}:{}: {}", e.path, e.line, e.column, e.message)
}

/// An indicator that could not be scored.
pub fn score(e: &ScoreError, lang: Lang) -> String {
    match e {
        ScoreError::Script { indicator, error } => format!(
            "{} {indicator}: {}",
            lang.pick("chỉ tiêu", "indicator"),
            script(error, lang)
        ),
        ScoreError::OutOfRange {
            indicator,
            script,
            points,
            max,
        } => lang.pick(
            format!("{script}: chỉ tiêu {indicator} cho {points} điểm, ngoài khoảng [0, {max}]"),
            format!("{script}: indicator {indicator} gave {points} points, outside [0, {max}]"),
        ),
        ScoreError::WrongCriteriaSet { expected, found } => lang.pick(
            format!("bằng chứng đã được kiểm tra theo bộ tiêu chí {found}, không phải {expected}"),
            format!("the evidence was validated against criteria set {found}, not {expected}"),
        ),
    }
}

/// A disqualifier's window with no days to give.
pub fn window(e: &WindowError, lang: Lang) -> String {
    match e {
        WindowError::NoDecisionDate { months } => lang.pick(
            format!(
                "khoảng thời gian xét là {months} tháng trước ngày quyết định của đợt đánh giá, \
                 nhưng không có ngày quyết định (một đợt lấy ngày này từ decision_date của \
                 round.toml; một Evaluator từ with_decision_date)"
            ),
            format!(
                "its window is the {months} months before the round's decision date, but no \
                 decision date was given (a round takes it from round.toml's decision_date; an \
                 Evaluator from with_decision_date)"
            ),
        ),
        WindowError::BeforeCalendar { window } => {
            let window = crate::words::dossier::window(*window, lang);
            lang.pick(
                format!("khoảng thời gian xét ({window}) bắt đầu trước ngày 0000-01-01"),
                format!("its window ({window}) would begin before 0000-01-01"),
            )
        }
    }
}

/// A unit that could not be evaluated: a fault of the rules, not of its evidence.
pub fn eval(e: &EvalError, lang: Lang) -> String {
    let disqualifier = lang.pick("điều kiện loại trừ", "disqualifier");
    match e {
        EvalError::Score(e) => score(e, lang),
        EvalError::Disqualifier {
            disqualifier: id,
            error,
        } => format!("{disqualifier} {id}: {}", script(error, lang)),
        EvalError::Window {
            disqualifier: id,
            error,
        } => format!("{disqualifier} {id}: {}", window(error, lang)),
    }
}

/// A policy compiled against another criteria set.
pub fn mismatch(e: &MismatchError, lang: Lang) -> String {
    let MismatchError {
        policy,
        policy_criteria,
        criteria,
    } = e;
    lang.pick(
        format!(
            "quy định {policy} được biên dịch theo bộ tiêu chí {policy_criteria}, không phải {criteria}"
        ),
        format!("policy {policy} was compiled against criteria set {policy_criteria}, not {criteria}"),
    )
}

/// A criteria set or policy that could not be loaded: every located problem.
pub fn load(e: &LoadError, lang: Lang) -> String {
    match e {
        LoadError::Io { path, source } => format!(
            "{}: {}: {source}",
            path.display(),
            lang.pick("không đọc được tệp", "cannot read the file")
        ),
        LoadError::Invalid(d) => diagnostics(d, lang),
    }
}

/// A round folder that could not be opened.
pub fn round(e: &RoundError, lang: Lang) -> String {
    match e {
        RoundError::Load(e) => load(e, lang),
        RoundError::Mismatch(e) => mismatch(e, lang),
        RoundError::OutsideEffect(d) => diagnostic(d, lang),
        RoundError::Folder { dir, source } => format!(
            "{}: {}: {source}",
            dir.display(),
            lang.pick(
                "không liệt kê được thư mục của đợt đánh giá",
                "cannot list the round folder"
            )
        ),
    }
}

/// Results to compare that could not be had.
pub fn results(e: &ResultsError, lang: Lang) -> String {
    match e {
        ResultsError::Read { file, source } => format!(
            "{}: {}: {}",
            file.display(),
            lang.pick("không đọc được tệp", "cannot read the file"),
            io(source, lang)
        ),
        ResultsError::NotResults { file, detail } => format!(
            "{}: {}: {detail}",
            file.display(),
            lang.pick("không phải tệp kết quả", "not a results document")
        ),
        ResultsError::Round(e) => round(e, lang),
    }
}

/// An output folder holding files cfc did not write; nothing was written.
pub fn foreign_files(dir: &str, files: &str, lang: Lang) -> String {
    lang.pick(
        format!(
            "{dir}: chứa các tệp không do cfc tạo ra ({files}); không ghi gì. Hãy chọn một thư \
             mục trống hoặc mới, hoặc chuyển các tệp đó đi"
        ),
        format!(
            "{dir}: holds files cfc did not write ({files}); nothing was written. Choose an \
             empty or new folder, or move those files away"
        ),
    )
}

/// `--out` names something that is not a folder.
pub fn not_a_folder(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path}: đã tồn tại và không phải là thư mục; không ghi gì"),
        format!("{path}: exists and is not a folder; nothing was written"),
    )
}

/// The dossiers could not be drawn (the detail is the PDF layer's).
pub fn render_failed(detail: &str, lang: Lang) -> String {
    format!(
        "{}: {detail}",
        lang.pick("không tạo được hồ sơ PDF", "cannot render the dossiers")
    )
}

/// The results workbook could not be made (the detail is the workbook writer's).
pub fn xlsx_failed(detail: &str, lang: Lang) -> String {
    format!(
        "{}: {detail}",
        lang.pick("không tạo được results.xlsx", "cannot make results.xlsx")
    )
}

/// Why a PDF could not be drawn, one function per cause. These are faults of the build or of
/// the layout, never of the evidence (what `check` accepts renders), but the reader is told
/// what failed and where.
pub mod pdf {
    use crate::base::lang::Lang;

    /// An embedded font that cannot be parsed.
    pub fn font(style: &str, lang: Lang) -> String {
        lang.pick(
            format!("không đọc được phông chữ Liberation Serif {style} gắn trong chương trình"),
            format!("cannot parse the embedded font Liberation Serif {style}"),
        )
    }

    /// A character the embedded font cannot draw, in the text it appeared in.
    pub fn glyph(character: char, style: &str, text: &str, lang: Lang) -> String {
        let code = u32::from(character);
        lang.pick(
            format!(
                "ký tự {character:?} (U+{code:04X}) không có trong phông Liberation Serif \
                 {style}; trong đoạn {text:?}"
            ),
            format!(
                "character {character:?} (U+{code:04X}) has no glyph in Liberation Serif \
                 {style}; in the text {text:?}"
            ),
        )
    }

    /// A block that must stay whole and is taller than an empty page's body.
    pub fn too_tall(what: &str, height: f32, available: f32, lang: Lang) -> String {
        lang.pick(
            format!("{what} cao {height:.1} pt nhưng một trang chỉ chứa được {available:.1} pt"),
            format!("{what} is {height:.1} pt tall but a page body holds only {available:.1} pt"),
        )
    }

    /// A table row whose cells do not add up to the table's columns.
    pub fn table_shape(row: usize, span: usize, columns: usize, lang: Lang) -> String {
        lang.pick(
            format!("dòng {row} của bảng chiếm {span} cột nhưng bảng có {columns} cột"),
            format!("table row {row} spans {span} columns but the table has {columns}"),
        )
    }

    /// A page setup that leaves no room for content.
    pub fn page_setup(detail: &str, lang: Lang) -> String {
        lang.pick(
            format!("khổ trang không còn chỗ cho nội dung: {detail}"),
            format!("page setup leaves no body: {detail}"),
        )
    }

    /// A document date that does not exist.
    pub fn date(year: i32, month: u8, day: u8, lang: Lang) -> String {
        lang.pick(
            format!("ngày của văn bản không có thật: {day:02}/{month:02}/{year:04}"),
            format!("invalid document date {year:04}-{month:02}-{day:02}"),
        )
    }

    /// The PDF libraries failed while writing.
    pub fn write(detail: &str, lang: Lang) -> String {
        lang.pick(
            format!("không ghi được tệp PDF: {detail}"),
            format!("cannot write the PDF: {detail}"),
        )
    }

    /// The blocks of a layout that must stay whole on a page, named in an error.
    pub struct Blocks {
        /// A paragraph kept together.
        pub paragraph: &'static str,
        /// One line of a paragraph.
        pub line: &'static str,
        /// A horizontal rule.
        pub rule: &'static str,
        /// A group of blocks kept together.
        pub group: &'static str,
        /// Blocks side by side.
        pub columns: &'static str,
        /// A framed notice.
        pub notice: &'static str,
        /// A table's header with its first row.
        pub table_head: &'static str,
    }

    /// The blocks' names in `lang`.
    pub fn blocks(lang: Lang) -> &'static Blocks {
        lang.pick(
            &Blocks {
                paragraph: "một đoạn văn giữ liền",
                line: "một dòng chữ",
                rule: "một đường kẻ",
                group: "một nhóm giữ liền",
                columns: "một nhóm cột",
                notice: "một khung thông báo",
                table_head: "đầu bảng cùng dòng đầu tiên",
            },
            &Blocks {
                paragraph: "a kept-together paragraph",
                line: "a line of text",
                rule: "a rule",
                group: "a kept-together group",
                columns: "a group of columns",
                notice: "a framed notice",
                table_head: "a table header with its first row",
            },
        )
    }

    /// A table's row `n` (1 = the first under the header).
    pub fn table_row(n: usize, lang: Lang) -> String {
        lang.pick(format!("dòng {n} của bảng"), format!("table row {n}"))
    }
}

/// An error of the system while reading or writing, in the reader's language for the causes
/// a council meets (a missing folder, no permission, a full or read-only disk); the system's
/// own words, which are in its language, for the others.
pub fn io(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let named = match e.kind() {
        K::NotFound => (
            "không có tệp hoặc thư mục này",
            "there is no such file or folder",
        ),
        K::PermissionDenied => ("hệ thống không cho phép", "the system does not permit it"),
        K::AlreadyExists => ("đã có", "it already exists"),
        K::StorageFull => ("ổ đĩa đã đầy", "the disk is full"),
        K::ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        K::IsADirectory => ("đây là một thư mục", "it is a folder"),
        K::NotADirectory => (
            "một phần của đường dẫn không phải thư mục",
            "part of the path is not a folder",
        ),
        _ => return system(&e.to_string(), lang),
    };
    lang.pick(named.0, named.1).to_string()
}

/// An error the engine does not name, in the system's own words (in the system's language).
pub(crate) fn system(detail: &str, lang: Lang) -> String {
    format!(
        "{}: {detail}",
        lang.pick("lỗi của hệ thống", "an error of the system")
    )
}

#[cfg(test)]
mod tests {
    use super::io;
    use crate::base::lang::Lang;
    use std::io::{Error, ErrorKind};

    /// The causes a council meets are said in its language; the others keep the system's words.
    #[test]
    fn errors_of_the_system_in_the_readers_words() {
        let full = Error::from(ErrorKind::StorageFull);
        assert_eq!(io(&full, Lang::Vi), "ổ đĩa đã đầy");
        assert_eq!(io(&full, Lang::En), "the disk is full");
        let missing = std::fs::read("no/such/folder/file.toml").unwrap_err();
        assert_eq!(io(&missing, Lang::Vi), "không có tệp hoặc thư mục này");
        let odd = Error::other("the cable is unplugged");
        assert_eq!(
            io(&odd, Lang::Vi),
            "lỗi của hệ thống: the cable is unplugged"
        );
    }
}
