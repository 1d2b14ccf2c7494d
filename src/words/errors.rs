//! Errors that stop a load, an evaluation or a write, in words: each function gives either
//! language, nested errors included. Their types (in the modules that raise them) hold data,
//! and their `Display` is the English of a developer's log.

use crate::audit::diff::ResultsError;
use crate::base::lang::Lang;
use crate::evaluate::evaluator::MismatchError;
use crate::evaluate::round::RoundError;
use crate::rules::criteria::LoadError;
use crate::words::glossary::Term;
use crate::words::problems::{diagnostic, diagnostics};

pub use crate::words::faults::{date, eval, exact, fraction, score, script, window};
pub use crate::words::system::io;

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
            "{}: {}: {}",
            path.display(),
            Term::CannotReadFile.get(lang),
            io(source, lang)
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
            "{}: {}: {}",
            dir.display(),
            lang.pick(
                "không liệt kê được thư mục của đợt đánh giá",
                "cannot list the round folder"
            ),
            io(source, lang)
        ),
    }
}

/// Results to compare that could not be had.
pub fn results(e: &ResultsError, lang: Lang) -> String {
    match e {
        ResultsError::Read { file, source } => format!(
            "{}: {}: {}",
            file.display(),
            Term::CannotReadFile.get(lang),
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

/// An input changed between reading it and copying it into the output folder.
pub fn input_changed(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path}: đã thay đổi trong lúc đánh giá; không ghi gì. Hãy đánh giá lại"),
        format!(
            "{path}: changed while the round was evaluated; nothing was written. Evaluate again"
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
