//! Errors that stop a load, an evaluation or a write, in words. Their types (in the modules
//! that raise them) hold data only; `Display` here gives the default language, Vietnamese, and
//! each function gives either language, nested errors included.

use std::fmt;

use crate::criteria::LoadError;
use crate::date::DateError;
use crate::diff::ResultsError;
use crate::evaluate::MismatchError;
use crate::lang::Lang;
use crate::policy::{EvalError, WindowError};
use crate::round::RoundError;
use crate::score::ScoreError;
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
            "{}: {}: {source}",
            file.display(),
            lang.pick("không đọc được tệp", "cannot read the file")
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
