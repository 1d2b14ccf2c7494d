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
use super::views::{SmallestView, field_value};
use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evidence::Value;
use crate::rules::criteria::InputType;
use crate::words::{audit, errors, explain, form, format, reasons, results, web as w};

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

/// The panel's answer, in the reader's words (numbers already formatted). When the figures
/// cannot be evaluated, `problems` says why and `decision` says there is no result: the
/// panel never keeps an older verdict as if it were current.
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

/// A figure as typed for an input of type `ty`, read as the page's language writes numbers
/// (`1.720` and `84,5` in Vietnamese, `1,720` and `84.5` in English: what the page shows);
/// counts and money whole, yes/no as a boolean.
fn value(ty: InputType, typed: &serde_json::Value, lang: Lang) -> Option<Value> {
    use serde_json::Value as J;
    let number = |text: &str| format::read_number(text, lang).filter(|d| !d.is_sign_negative());
    match (ty, typed) {
        (InputType::Bool, J::Bool(b)) => Some(Value::Bool(*b)),
        (InputType::Bool, J::String(s)) => match s.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        (InputType::Count | InputType::Money, J::Number(n)) => n.as_u64().map(Value::Number),
        (InputType::Count | InputType::Money, J::String(s)) => number(s)
            .filter(|d| d.fract().is_zero())
            .and_then(|d| u64::try_from(d.normalize().mantissa()).ok())
            .map(Value::Number),
        (InputType::Decimal | InputType::Percent, J::String(s)) => number(s).map(Value::Decimal),
        (InputType::Decimal | InputType::Percent, J::Number(n)) => {
            crate::base::points::exact_decimal(&n.to_string()).map(Value::Decimal)
        }
        _ => None,
    }
}

/// Why the figures tried give no result: every problem of the figures in words, the unit
/// gone from the round, or the rules' failure.
type NoResult = (StatusCode, Vec<String>);

/// The unit evaluated with the figures tried, and how many of them differ from the file.
fn evaluate(
    snap: &Snapshot,
    code: &str,
    tried: &Tried,
    lang: Lang,
) -> Result<(UnitResult, usize), NoResult> {
    let set = snap.round.evaluator.criteria();
    let ev = snap
        .evidence(code)
        .ok_or((StatusCode::NOT_FOUND, vec![w::unit_gone(code, lang)]))?;
    let mut changes = Vec::new();
    let mut wrong = Vec::new();
    for (name, typed) in &tried.inputs {
        let Some(i) = set.input_index(name) else {
            wrong.push(w::unknown_input(name, lang));
            continue;
        };
        let input = &set.inputs()[i];
        match value(input.ty, typed, lang) {
            Some(v) => {
                if ev.values().get(i) != Some(&v) {
                    changes.push((i, v));
                }
            }
            None => {
                let shown = match typed {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let requirement = form::requirements(set, input, lang)
                    .first()
                    .map(|r| form::requirement(r, lang))
                    .unwrap_or_default();
                let example = ev
                    .values()
                    .get(i)
                    .map_or(String::new(), |v| field_value(*v, lang));
                wrong.push(w::not_a_figure(
                    input.label.get(lang),
                    &shown,
                    &requirement,
                    &example,
                    lang,
                ));
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
                format!("{label}: {}", w::by_labels(p, set, lang))
            })
            .collect();
        (StatusCode::BAD_REQUEST, words)
    })?;
    let result = snap.round.evaluator.evaluate(&changed).map_err(|e| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![errors::eval(&e, lang)],
        )
    })?;
    Ok((result, changes.len()))
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
            Ok((u, changed)) => {
                let note = snap.unit(&code).map_or(String::new(), |file| {
                    w::tried_note(
                        &format::points(file.total, lang),
                        results::decision(file.recognised, lang),
                        changed,
                        lang,
                    )
                });
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
                                id: c.id.to_string(),
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
                    total: "—".to_string(),
                    decision: w::no_result(lang).to_string(),
                    problems,
                    note: w::invalid_figures(lang).to_string(),
                    ..Answer::default()
                },
            ),
        }
    };
    match state.compute(work).await {
        Ok((status, answer)) => (status, Json(answer)).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.words(lang)).into_response(),
    }
}

/// The smallest change of evidence that would make the unit recognised (the search `cfc
/// whatif` runs), in words, with the figures to put into the panel to try it.
pub(crate) fn smallest(snap: &Snapshot, u: &UnitResult, lang: Lang) -> SmallestView {
    let evaluator = &snap.round.evaluator;
    let set = evaluator.criteria();
    let mut view = SmallestView::default();
    let Some(ev) = snap.evidence(&u.code) else {
        view.blocking.push(w::unit_gone(&u.code, lang));
        return view;
    };
    let answer = match crate::audit::whatif::whatif(evaluator, ev) {
        Ok(answer) => answer,
        Err(e) => {
            view.blocking.push(errors::eval(&e, lang));
            return view;
        }
    };
    if let Some(o) = &answer.outside_effect {
        view.notes.push(results::outside_effect(o, lang));
    }
    if answer.changes.is_empty() && answer.blocking.is_empty() {
        view.notes.push(w::nothing_to_change(lang).to_string());
        return view;
    }
    if !answer.blocking.is_empty() {
        view.notes.push(w::cannot_be_recognised(lang).to_string());
        view.blocking = answer
            .blocking
            .iter()
            .map(|b| audit::blocking(b, lang, set, evaluator.policy(), &u.class))
            .collect();
        if !answer.changes.is_empty() {
            view.needs = w::score_would_need(lang).to_string();
        }
    }
    for c in &answer.changes {
        let label = set
            .label_of(&c.input)
            .map_or(c.input.clone(), |t| t.get(lang).to_string());
        view.changes.push(w::smallest_change(
            &label,
            &explain::value(set, &c.input, c.from, lang),
            &explain::value(set, &c.input, c.to, lang),
            lang,
        ));
        view.fields
            .push((format!("in-{}", c.input), field_value(c.to, lang)));
    }
    if !answer.changes.is_empty() {
        let recognised = answer.blocking.is_empty();
        view.after = w::smallest_after(
            &format::points(answer.total_after, lang),
            results::decision(recognised, lang),
            lang,
        );
        // Trying is offered only when the change gives recognition: with a disqualifier
        // holding, the panel would show the same refusal.
        view.tryable = recognised;
    }
    view
}
