//! The what-if panel's answers: the unit evaluated again with the figures tried (nothing is
//! written), and the smallest change of evidence that would make it recognised.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::super::{AppState, Current, Snapshot};
use super::query::PageQuery;
use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evidence::Value;
use crate::rules::criteria::InputType;
use crate::words::{audit, errors, format, problems, reasons, results, web as w};

/// What the panel sends: every figure it shows, by input name, as typed (text), or a
/// yes/no as a boolean.
#[derive(Debug, Deserialize)]
pub(crate) struct Tried {
    inputs: BTreeMap<String, serde_json::Value>,
}

/// One criterion's points with the figures tried.
#[derive(Debug, Serialize)]
struct CriterionPoints {
    id: String,
    points: String,
    met: bool,
}

/// The panel's answer, in the reader's words (numbers already formatted).
#[derive(Debug, Default, Serialize)]
struct Answer {
    total: String,
    recognised: bool,
    decision: String,
    criteria: Vec<CriterionPoints>,
    reasons: Vec<String>,
    problems: Vec<String>,
    note: String,
}

/// A figure as typed for an input of type `ty`: counts and money as digits only (a
/// separator is refused rather than guessed), decimals with a point or a comma, yes/no as a
/// boolean.
fn value(ty: InputType, typed: &serde_json::Value) -> Option<Value> {
    use serde_json::Value as J;
    match (ty, typed) {
        (InputType::Bool, J::Bool(b)) => Some(Value::Bool(*b)),
        (InputType::Bool, J::String(s)) => match s.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        (InputType::Count | InputType::Money, J::Number(n)) => n.as_u64().map(Value::Number),
        (InputType::Count | InputType::Money, J::String(s)) => {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok().map(Value::Number))
                .flatten()
        }
        (InputType::Decimal | InputType::Percent, J::String(s)) => {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '%')
                .map(|c| if c == ',' { '.' } else { c })
                .collect();
            crate::base::points::exact_decimal(&s)
                .filter(|d| !d.is_sign_negative())
                .map(Value::Decimal)
        }
        (InputType::Decimal | InputType::Percent, J::Number(n)) => {
            crate::base::points::exact_decimal(&n.to_string()).map(Value::Decimal)
        }
        _ => None,
    }
}

/// The unit evaluated with the figures tried; `Err` holds every problem of the figures, in
/// words, or why the rules could not run.
fn evaluate(
    snap: &Snapshot,
    code: &str,
    tried: &Tried,
    lang: Lang,
) -> Result<UnitResult, (StatusCode, Vec<String>)> {
    let set = snap.round.evaluator.criteria();
    let ev = snap
        .evidence(code)
        .ok_or((StatusCode::NOT_FOUND, vec![w::no_unit(code, lang)]))?;
    let mut changes = Vec::new();
    let mut wrong = Vec::new();
    for (name, typed) in &tried.inputs {
        let Some(i) = set.input_index(name) else {
            wrong.push(w::unknown_input(name, lang));
            continue;
        };
        let input = &set.inputs()[i];
        match value(input.ty, typed) {
            Some(v) => changes.push((i, v)),
            None => {
                let shown = match typed {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                wrong.push(w::not_a_value(input.label.get(lang), &shown, lang));
            }
        }
    }
    if !wrong.is_empty() {
        return Err((StatusCode::BAD_REQUEST, wrong));
    }
    let changed = ev.with_values(set, &changes).map_err(|list| {
        let words = list
            .iter()
            .map(|(field, p)| {
                let label = field
                    .as_str()
                    .strip_prefix("inputs.")
                    .and_then(|n| set.label_of(n))
                    .map_or(field.to_string(), |t| t.get(lang).to_string());
                format!("{label}: {}", problems::problem(p, lang))
            })
            .collect();
        (StatusCode::BAD_REQUEST, words)
    })?;
    snap.round.evaluator.evaluate(&changed).map_err(|e| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![errors::eval(&e, lang)],
        )
    })
}

/// `POST /units/{code}/try`: the points, total and decision with the figures tried, as JSON
/// in the reader's words. Nothing is written; incidents are never among the figures.
pub(crate) async fn try_figures(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Query<PageQuery>,
    Json(tried): Json<Tried>,
) -> Response {
    let lang = q.lang(&state);
    let work = move || {
        let set = snap.round.evaluator.criteria();
        let policy = snap.round.evaluator.policy();
        match evaluate(&snap, &code, &tried, lang) {
            Ok(u) => {
                let original = snap.unit(&code).map(|o| o.total);
                let note = match original {
                    Some(t) if t != u.total => w::changed_total(
                        &format::points(t, lang),
                        &format::points(u.total, lang),
                        lang,
                    ),
                    _ => String::new(),
                };
                (
                    StatusCode::OK,
                    Answer {
                        total: format::points(u.total, lang),
                        recognised: u.recognised,
                        decision: results::decision(u.recognised, lang).to_string(),
                        criteria: u
                            .criteria
                            .iter()
                            .map(|c| CriterionPoints {
                                id: c.id.clone(),
                                points: format!(
                                    "{}/{}",
                                    format::points(c.points, lang),
                                    format::points(c.max, lang)
                                ),
                                met: c.met,
                            })
                            .collect(),
                        reasons: reasons::reasons(&u, lang, set, policy),
                        problems: Vec::new(),
                        note,
                    },
                )
            }
            Err((status, problems)) => (
                status,
                Answer {
                    problems,
                    note: w::invalid_figures(lang).to_string(),
                    ..Answer::default()
                },
            ),
        }
    };
    match state.compute(work).await {
        Ok((status, answer)) => (status, Json(answer)).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The smallest change of evidence that would make the unit recognised, in words (what
/// `cfc whatif` prints): what the unit page shows when asked.
pub(crate) fn smallest(snap: &Snapshot, u: &UnitResult, lang: Lang) -> String {
    let evaluator = &snap.round.evaluator;
    let Some(ev) = snap.evidence(&u.code) else {
        return w::no_unit(&u.code, lang);
    };
    match crate::audit::whatif::whatif(evaluator, ev) {
        Ok(answer) => audit::whatif(&answer, u, evaluator.criteria(), evaluator.policy(), lang),
        Err(e) => errors::eval(&e, lang),
    }
}
