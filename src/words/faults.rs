//! The faults of rules at run time, in words: a script that failed, an indicator that could not
//! be scored, a disqualifier's window with no days, a unit that could not be evaluated, and the
//! values a script or a file may hold that are not what was expected.

use crate::base::date::DateError;
use crate::base::lang::Lang;
use crate::evaluate::score::ScoreError;
use crate::rules::policy::{EvalError, WindowError};
use crate::script::{ExactError, ParseFractionError, ScriptError};

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
