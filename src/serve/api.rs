//! The JSON API: the round, one unit, and evidence evaluated or searched without writing.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use axum::routing::{any, get, post};

use super::guard::{Current, GENERATION_HEADER, lang_of};
use super::refusal::{error, json, pretty};
use super::{AppState, Reload, Snapshot};
use crate::base::diag::{Diagnostic, FieldPath, FileProblem};
use crate::base::lang::Lang;
use crate::evaluate::evaluator::{EvalError, Evaluator};
use crate::evidence::Evidence;
use crate::form::{Field, Section, Shape};
use crate::words::serve as words;

/// The API's routes, under `/api`.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/round", get(round))
        .route("/api/units/{code}", get(unit))
        .route("/api/evaluate", post(evaluate))
        .route("/api/whatif", post(whatif))
        .route("/api/reload", post(reload))
        .route("/api", any(unknown))
        .route("/api/{*rest}", any(unknown))
}

/// Runs CPU work through [`AppState::compute`]; a failure of the runtime is a 500.
async fn blocking(state: &AppState, work: impl FnOnce() -> Response + Send + 'static) -> Response {
    state.compute(work).await.unwrap_or_else(|e| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.words(state.config().lang),
            &[],
        )
    })
}

/// `GET /api/round`: the results document, rendered once per load (as CPU work) and kept.
async fn round(Current(snapshot): Current, State(state): State<Arc<AppState>>) -> Response {
    match snapshot.report_json_made() {
        Some(made) => json(StatusCode::OK, made),
        None => blocking(&state, move || json(StatusCode::OK, snapshot.report_json())).await,
    }
}

/// `GET /api/units/{code}`: one unit's explanation, as `cfc explain --format json`.
async fn unit(
    Current(snapshot): Current,
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    uri: Uri,
) -> Response {
    let lang = lang_of(uri.query(), state.config().lang);
    blocking(&state, move || {
        let Some(result) = snapshot.unit(&code) else {
            return error(StatusCode::NOT_FOUND, words::no_such_unit(&code, lang), &[]);
        };
        let (set, policy) = (
            snapshot.round.evaluator.criteria(),
            snapshot.round.evaluator.policy(),
        );
        let explanation = crate::audit::explain::explain(result, set, policy, lang);
        json(
            StatusCode::OK,
            crate::words::explain::json(&explanation, set, policy),
        )
    })
    .await
}

/// What an evidence call answers: the evidence in the body, read and checked, given to `answer`
/// off the async workers; refusals (size, type, invalid evidence, rules failing) as JSON.
async fn on_evidence(
    snapshot: Arc<Snapshot>,
    state: Arc<AppState>,
    (headers, uri, body): (HeaderMap, Uri, Body),
    answer: fn(&Evaluator, &Evidence) -> Result<String, EvalError>,
) -> Response {
    let lang = lang_of(uri.query(), state.config().lang);
    let (name, text) = match read_evidence(&state, &headers, body, lang).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    blocking(&state, move || {
        let ev = match parse(&snapshot, name, &text, lang) {
            Ok(ev) => ev,
            Err(refusal) => return refusal,
        };
        match answer(&snapshot.round.evaluator, &ev) {
            Ok(text) => json(StatusCode::OK, text),
            Err(e) => not_evaluated(&ev, &e, lang),
        }
    })
    .await
}

/// `POST /api/evaluate`: the unit result of the evidence in the body.
async fn evaluate(
    Current(snapshot): Current,
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Response {
    on_evidence(snapshot, state, (headers, uri, body), |evaluator, ev| {
        evaluator.evaluate(ev).map(|result| pretty(&result))
    })
    .await
}

/// `POST /api/whatif`: the smallest change that makes the evidence in the body recognised,
/// as `cfc whatif --format json`.
async fn whatif(
    Current(snapshot): Current,
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Response {
    on_evidence(snapshot, state, (headers, uri, body), |evaluator, ev| {
        crate::audit::whatif::whatif(evaluator, ev).map(|answer| pretty(&answer))
    })
    .await
}

/// `POST /api/reload`: reads the round folder again now.
async fn reload(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let lang = lang_of(uri.query(), state.config().lang);
    let worker = state.clone();
    blocking(&state, move || {
        let (mut response, generation) = match worker.reload() {
            Reload::Loaded { generation } | Reload::Unchanged { generation } => (
                json(
                    StatusCode::OK,
                    pretty(&serde_json::json!({ "generation": generation })),
                ),
                generation,
            ),
            Reload::Failed { generation, error } => (
                self::error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    words::reload_failed(&error.words(lang), lang),
                    &error.problems(),
                ),
                generation,
            ),
        };
        // The answer is about the round now shown, not the one the request started with.
        response
            .headers_mut()
            .insert(GENERATION_HEADER, generation.into());
        response
    })
    .await
}

/// Any other path under `/api`.
async fn unknown(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let lang = lang_of(uri.query(), state.config().lang);
    error(
        StatusCode::NOT_FOUND,
        words::no_such_route(uri.path(), lang),
        &[],
    )
}

/// A unit whose rules failed at run time: 422, with the rules' error.
fn not_evaluated(ev: &Evidence, e: &crate::evaluate::evaluator::EvalError, lang: Lang) -> Response {
    let code = &ev.unit().code;
    let detail = crate::words::errors::eval(e, lang);
    error(
        StatusCode::UNPROCESSABLE_ENTITY,
        crate::words::cli::not_evaluated(code, &detail, lang),
        &[],
    )
}

/// The body's evidence as TOML text, with the name its problems are located in: TOML as
/// sent, or JSON turned into the same TOML document.
async fn read_evidence(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    lang: Lang,
) -> Result<(&'static str, String), Response> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = kind
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let json = match essence.as_str() {
        "application/toml" | "text/plain" | "text/x-toml" => false,
        "application/json" => true,
        _ => {
            return Err(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                words::unsupported_type(kind, lang),
                &[],
            ));
        }
    };
    let limit = state.config().limits.body;
    // The guard has already bounded the body; this only reads it.
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| {
        if too_large(&e) {
            error(
                StatusCode::PAYLOAD_TOO_LARGE,
                words::too_large(limit, lang),
                &[],
            )
        } else {
            error(StatusCode::BAD_REQUEST, words::body_unreadable(lang), &[])
        }
    })?;
    let name = if json { "request.json" } else { "request.toml" };
    let invalid = |problem: Diagnostic| {
        error(
            StatusCode::BAD_REQUEST,
            words::invalid_evidence(1, lang),
            &[problem],
        )
    };
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
        invalid(Diagnostic::new(
            name,
            (1, 1),
            FieldPath::whole_file(),
            FileProblem::NotUtf8,
        ))
    })?;
    if json {
        Ok((name, json_to_toml(Path::new(name), &text).map_err(invalid)?))
    } else {
        Ok((name, text))
    }
}

/// Whether reading a body failed because it passed its limit.
fn too_large(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

/// Evidence validated against the round's criteria set (with its policy's incident kinds)
/// and year; 400 with every located problem otherwise.
#[allow(clippy::result_large_err)]
fn parse(snapshot: &Snapshot, name: &str, text: &str, lang: Lang) -> Result<Evidence, Response> {
    let round = &snapshot.round;
    Evidence::parse(
        name,
        text,
        round.evaluator.criteria(),
        Some(round.settings.year),
    )
    .map_err(|problems| {
        let problems = problems.sorted().0;
        error(
            StatusCode::BAD_REQUEST,
            words::invalid_evidence(problems.len(), lang),
            &problems,
        )
    })
}

/// A JSON evidence document as the TOML document with the same fields, so that both go
/// through one validation. Sections are JSON objects (`[[incidents]]` an array of objects);
/// the dates of the period and of incidents are `"YYYY-MM-DD"` strings; `null` is left out
/// (a missing field). Problems then name the same fields; their line and column count in this
/// TOML: one field per line, sections and fields in alphabetical order.
fn json_to_toml(name: &Path, text: &str) -> Result<String, Diagnostic> {
    let refuse = |(line, column): (usize, usize), problem: FileProblem| {
        Diagnostic::new(
            name,
            (line.max(1), column.max(1)),
            FieldPath::whole_file(),
            problem,
        )
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        refuse(
            (e.line(), e.column()),
            FileProblem::JsonSyntax {
                detail: e.to_string(),
            },
        )
    })?;
    let serde_json::Value::Object(doc) = value else {
        return Err(refuse((1, 1), FileProblem::JsonNotObject));
    };
    let mut top = String::new();
    let mut tables = String::new();
    let fields = |out: &mut String, section: &str, table: &serde_json::Map<_, _>| {
        for (key, value) in table {
            // A date is written as a TOML date, as the form declares the field.
            let date = Section::ALL
                .into_iter()
                .find(|s| s.key() == section)
                .and_then(|s| Field::of(s, key))
                .is_some_and(|f| f.shape() == Shape::Date);
            if let Some(v) = inline(value, date) {
                out.push_str(&format!("{} = {v}\n", quoted(key)));
            }
        }
    };
    for (key, value) in &doc {
        match value {
            serde_json::Value::Object(table) => {
                tables.push_str(&format!("[{}]\n", quoted(key)));
                fields(&mut tables, key, table);
            }
            serde_json::Value::Array(items)
                if !items.is_empty() && items.iter().all(serde_json::Value::is_object) =>
            {
                for item in items.iter().filter_map(serde_json::Value::as_object) {
                    tables.push_str(&format!("[[{}]]\n", quoted(key)));
                    fields(&mut tables, key, item);
                }
            }
            other => {
                if let Some(v) = inline(other, false) {
                    top.push_str(&format!("{} = {v}\n", quoted(key)));
                }
            }
        }
    }
    top.push_str(&tables);
    Ok(top)
}

/// A key or string in TOML's basic-string quotes (JSON's escapes are TOML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A JSON value as an inline TOML value; `None` for `null`.
fn inline(value: &serde_json::Value, date: bool) -> Option<String> {
    use serde_json::Value;
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let text = n.to_string();
            // A JSON 3.0 stays a float in TOML, so that a count given as 3.0 is refused
            // there as it is in a TOML file.
            if n.is_f64() && !text.contains(['.', 'e', 'E']) {
                text + ".0"
            } else {
                text
            }
        }
        Value::String(s) if date && is_date(s) => s.clone(),
        Value::String(s) => quoted(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().filter_map(|v| inline(v, false)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(table) => {
            let fields: Vec<String> = table
                .iter()
                .filter_map(|(k, v)| inline(v, false).map(|v| format!("{} = {v}", quoted(k))))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
    })
}

/// `YYYY-MM-DD`, the shape of a TOML date (its validity is the date parser's to judge).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_becomes_the_same_toml() {
        let toml = json_to_toml(
            Path::new("request.json"),
            r#"{"unit": {"code": "1", "name": "A \"B\""}, "period": {"from": "2024-01-01", "to": null},
                "inputs": {"n": 3, "x": 7.5, "y": 3.0, "ok": true},
                "incidents": [{"id": "a", "date": "2024-02-03"}, {"id": "b", "note": "2024-02-03"}]}"#,
        )
        .unwrap();
        // serde_json keeps keys in alphabetical order: so do sections and fields here.
        let expected = "[[\"incidents\"]]\n\"date\" = 2024-02-03\n\"id\" = \"a\"\n\
            [[\"incidents\"]]\n\"id\" = \"b\"\n\"note\" = \"2024-02-03\"\n\
            [\"inputs\"]\n\"n\" = 3\n\"ok\" = true\n\"x\" = 7.5\n\"y\" = 3.0\n\
            [\"period\"]\n\"from\" = 2024-01-01\n\
            [\"unit\"]\n\"code\" = \"1\"\n\"name\" = \"A \\\"B\\\"\"\n";
        assert_eq!(toml, expected);
        assert!(toml::from_str::<toml::Table>(&toml).is_ok());
    }

    #[test]
    fn json_syntax_is_located() {
        let problem = json_to_toml(Path::new("request.json"), "{\n  \"unit\": ,\n}").unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 11));
        assert!(matches!(
            problem.problem,
            crate::base::diag::Problem::File(FileProblem::JsonSyntax { .. })
        ));
        let words = crate::words::problems::diagnostic(&problem, crate::Lang::En);
        assert!(words.contains("invalid JSON"), "{words}");
        let not_object = json_to_toml(Path::new("request.json"), "[1, 2]").unwrap_err();
        assert_eq!(not_object.problem, FileProblem::JsonNotObject.into());
    }
}
