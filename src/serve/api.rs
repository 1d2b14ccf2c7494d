//! The JSON API: the round, one unit, and evidence evaluated or searched without writing.
//! Every handler declares its contract (`#[utoipa::path]`): the OpenAPI document is made from
//! these declarations and the types the handlers answer with.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::Response;
use axum::routing::any;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Current, GENERATION_HEADER, lang_of, query_value};
use super::refusal::{error, json, pretty};
use super::{AppState, Reload, Snapshot};
use crate::audit::whatif::WhatIf;
use crate::base::diag::{Diagnostic, FieldPath, FileProblem};
use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::evaluator::{EvalError, Evaluator};
use crate::evidence::Evidence;
use crate::form::{Field, Section, Shape};
use crate::words::serve as words;

/// The API's routes under `/api`, each with its contract; a path under `/api` that is none of
/// them is a JSON 404.
pub(crate) fn routes() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(round))
        .routes(routes!(unit))
        .routes(routes!(evaluate))
        .routes(routes!(whatif))
        .routes(routes!(reload))
        .route("/api", any(unknown))
        .route("/api/{*rest}", any(unknown))
}

/// The language a request of the API asks for: `?lang=vi` or `?lang=en`, else the server's. Any
/// other value is refused (400) rather than silently read as the default.
#[allow(clippy::result_large_err)]
pub(crate) fn asked_lang(uri: &Uri, default: Lang) -> Result<Lang, Response> {
    match query_value(uri.query(), "lang").as_deref() {
        None | Some("vi") | Some("en") => Ok(lang_of(uri.query(), default)),
        Some(other) => Err(error(
            StatusCode::BAD_REQUEST,
            words::unknown_lang(other, default),
            &[],
            default,
        )),
    }
}

/// Runs CPU work through [`AppState::compute`]; a failure of the runtime is a 500.
async fn blocking(state: &AppState, work: impl FnOnce() -> Response + Send + 'static) -> Response {
    state.compute(work).await.unwrap_or_else(|e| {
        let lang = state.config().lang;
        error(StatusCode::INTERNAL_SERVER_ERROR, e.words(lang), &[], lang)
    })
}

/// The round's results document: exactly what `cfc evaluate --format json` prints.
#[utoipa::path(
    get,
    path = "/api/round",
    operation_id = "round",
    tag = "round",
    params(Asked),
    responses(
        (status = 200, description = "The results document of the loaded round.",
         body = ResultsJson, content_type = "application/json"),
    )
)]
async fn round(
    Current(snapshot): Current,
    State(state): State<Arc<AppState>>,
    uri: Uri,
) -> Response {
    if let Err(refusal) = asked_lang(&uri, state.config().lang) {
        return refusal;
    }
    match snapshot.report_json_made() {
        Some(made) => json(StatusCode::OK, made),
        None => blocking(&state, move || json(StatusCode::OK, snapshot.report_json())).await,
    }
}

/// One unit explained, rule by rule: the document of `cfc explain CODE --format json`.
#[utoipa::path(
    get,
    path = "/api/units/{code}",
    operation_id = "unit",
    tag = "round",
    params(
        ("code" = String, Path, description = "The unit's administrative code: one of the round's evaluated units."),
        Asked,
    ),
    responses(
        (status = 200, description = "The unit's explanation, its words in the request's language.",
         body = crate::words::explain::Json<'static>, content_type = "application/json"),
        (status = 404, description = "The round has no result for this code (no file, or its file has errors).",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
    )
)]
async fn unit(
    Current(snapshot): Current,
    State(state): State<Arc<AppState>>,
    code: Result<UrlPath<String>, PathRejection>,
    uri: Uri,
) -> Response {
    let lang = match asked_lang(&uri, state.config().lang) {
        Ok(lang) => lang,
        Err(refusal) => return refusal,
    };
    // A path that is not UTF-8 once decoded names no unit.
    let code = code.map(|UrlPath(code)| code).unwrap_or_default();
    blocking(&state, move || {
        let Some(result) = snapshot.unit(&code) else {
            return error(
                StatusCode::NOT_FOUND,
                words::no_such_unit(&code, lang),
                &[],
                lang,
            );
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

/// The `?lang=` every route takes: the language of its words and of its refusals.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(crate) struct Asked {
    /// The language of the answer's words and of a refusal (its sentence and its problems):
    /// `vi` (Tiếng Việt) or `en`; without it, the server's (`cfc serve --lang`).
    #[param(inline)]
    lang: Option<Lang>,
}

/// The results document (`cfc evaluate --format json`): its schema is
/// `docs/results.schema.json`, the one a test checks every fixture round's document against,
/// written into the document when it is served.
pub(crate) struct ResultsJson;

impl utoipa::PartialSchema for ResultsJson {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new().into()
    }
}

impl utoipa::ToSchema for ResultsJson {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("RoundDocument")
    }
}

/// Evidence as the JSON API reads it: an object with the sections of an evidence file. Its
/// schema is the loaded round's (the inputs of its criteria set, its kinds and classes, its
/// year), written into the document when it is served.
pub(crate) struct EvidenceJson;

impl utoipa::PartialSchema for EvidenceJson {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new().into()
    }
}

impl utoipa::ToSchema for EvidenceJson {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Evidence")
    }
}

/// What an evidence call answers: the evidence in the body, read and checked, given to `answer`
/// off the async workers; refusals (size, type, invalid evidence, rules failing) as JSON.
async fn on_evidence(
    snapshot: Arc<Snapshot>,
    state: Arc<AppState>,
    (headers, uri, body): (HeaderMap, Uri, Body),
    answer: fn(&Evaluator, &Evidence) -> Result<String, EvalError>,
) -> Response {
    let lang = match asked_lang(&uri, state.config().lang) {
        Ok(lang) => lang,
        Err(refusal) => return refusal,
    };
    let set = snapshot.round.evaluator.criteria();
    let (name, text) = match read_evidence(&state, set, &headers, body, lang).await {
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

/// Evaluates the evidence in the body under the round's criteria set and policy; nothing is
/// written. The answer is the unit's entry of the results document.
#[utoipa::path(
    post,
    path = "/api/evaluate",
    operation_id = "evaluate",
    tag = "evidence",
    params(Asked),
    request_body(
        description = "A unit's evidence: an evidence file as is (TOML), or the same sections and fields as a JSON object (dates as \"YYYY-MM-DD\").",
        content(
            (String = "application/toml"),
            (EvidenceJson = "application/json"),
        ),
    ),
    responses(
        (status = 200, description = "The unit's result with its trace.",
         body = UnitResult, content_type = "application/json"),
        (status = 400, description = "The evidence is invalid: every located problem (also what no schema states: a part above its whole, a period that ends before it starts, an incident id used twice).",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
        (status = 413, description = "The body is larger than the limit (1 MiB by default).",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
        (status = 415, description = "The body is neither TOML nor JSON.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
        (status = 422, description = "The round's rules failed at run time on this evidence.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
    )
)]
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

/// The smallest change of the evidence in the body that makes the unit recognised: the
/// answer of `cfc whatif --format json`. Nothing is written.
#[utoipa::path(
    post,
    path = "/api/whatif",
    operation_id = "whatif",
    tag = "evidence",
    params(Asked),
    request_body(
        description = "A unit's evidence, as for /api/evaluate.",
        content(
            (String = "application/toml"),
            (EvidenceJson = "application/json"),
        ),
    ),
    responses(
        (status = 200, description = "What it would take.",
         body = WhatIf, content_type = "application/json"),
        (status = 400, description = "The evidence is invalid, as for /api/evaluate.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
        (status = 413, description = "The body is larger than the limit.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
        (status = 415, description = "The body is neither TOML nor JSON.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
        (status = 422, description = "The round's rules failed at run time on this evidence.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
    )
)]
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

/// The answer of a reload: the load of the round now shown.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(crate) struct Reloaded {
    /// The generation of the round now shown (the first load is 1), as `X-Cfc-Generation`
    /// says.
    #[schema(minimum = 1)]
    generation: u64,
}

/// Reads the round folder again now (it is also reloaded within 2 s when a file changes).
#[utoipa::path(
    post,
    path = "/api/reload",
    operation_id = "reload",
    tag = "round",
    params(Asked),
    responses(
        (status = 200, description = "The round now shown.", body = Reloaded, content_type = "application/json"),
        (status = 422, description = "The folder cannot be loaded: the previous round is still shown. The problems of its files are listed.",
         body = super::refusal::Refusal<'static>, content_type = "application/json"),
    )
)]
async fn reload(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let lang = match asked_lang(&uri, state.config().lang) {
        Ok(lang) => lang,
        Err(refusal) => return refusal,
    };
    let worker = state.clone();
    blocking(&state, move || {
        let (mut response, generation) = match worker.reload() {
            Reload::Loaded { generation } | Reload::Unchanged { generation } => (
                json(StatusCode::OK, pretty(&Reloaded { generation })),
                generation,
            ),
            Reload::Failed { generation, error } => (
                self::error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    words::reload_failed(&error.words(lang), lang),
                    &error.problems(),
                    lang,
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
        lang,
    )
}

/// A route of the API asked with a method it does not take: 405, as JSON like every refusal
/// (the router adds the `Allow` header).
pub(crate) async fn not_allowed(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
) -> Response {
    let lang = lang_of(uri.query(), state.config().lang);
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        words::method_not_allowed(method.as_str(), uri.path(), lang),
        &[],
        lang,
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
        lang,
    )
}

/// The body's evidence as TOML text, with the name its problems are located in: TOML as
/// sent, or JSON turned into the same TOML document.
async fn read_evidence(
    state: &AppState,
    set: &crate::rules::criteria::CriteriaSet,
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
                lang,
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
                lang,
            )
        } else {
            error(
                StatusCode::BAD_REQUEST,
                words::body_unreadable(lang),
                &[],
                lang,
            )
        }
    })?;
    let name = if json { "request.json" } else { "request.toml" };
    let invalid = |problem: Diagnostic| {
        error(
            StatusCode::BAD_REQUEST,
            words::invalid_evidence(1, lang),
            &[problem],
            lang,
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
        Ok((
            name,
            json_to_toml(Path::new(name), &text, set).map_err(invalid)?,
        ))
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
    checked(snapshot, name, text).map_err(|problems| {
        error(
            StatusCode::BAD_REQUEST,
            words::invalid_evidence(problems.len(), lang),
            &problems,
            lang,
        )
    })
}

/// Evidence validated as [`parse`] does, or its problems in order.
pub(crate) fn checked(
    snapshot: &Snapshot,
    name: &str,
    text: &str,
) -> Result<Evidence, Vec<Diagnostic>> {
    let round = &snapshot.round;
    Evidence::parse(
        name,
        text,
        round.evaluator.criteria(),
        Some(round.settings.year),
    )
    .map_err(|problems| problems.sorted().0)
}

/// A JSON evidence document as the TOML document with the same fields, so that both go
/// through one validation. Sections are JSON objects (`[[incidents]]` an array of objects);
/// the dates of the period and of incidents are `"YYYY-MM-DD"` strings; `null` is a field
/// left out. Problems then name the same fields; their line and column count in this TOML:
/// one field per line, sections and fields in alphabetical order.
pub(crate) fn json_to_toml(
    name: &Path,
    text: &str,
    set: &crate::rules::criteria::CriteriaSet,
) -> Result<String, Diagnostic> {
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
    // Where a key stands: at the top, in a section, or in a table that is no section.
    #[derive(Clone, Copy)]
    enum Place {
        Top,
        In(Section),
        Elsewhere,
    }
    // Only a field the evidence may hold can be left out with `null`: an unknown one is still
    // written (as a value in its place), so that the parser names it as unknown.
    let known = |place: Place, key: &str| match place {
        Place::Top => Section::ALL.iter().any(|s| s.key() == key),
        Place::In(Section::Inputs) => set.inputs().iter().any(|i| i.name == key),
        Place::In(s) => Field::of(s, key).is_some(),
        Place::Elsewhere => false,
    };
    let line = |out: &mut String, place: Place, key: &str, value: &serde_json::Value| {
        if value.is_null() && known(place, key) {
            return;
        }
        // A date is written as a TOML date, as the form declares the field.
        let date = match place {
            Place::In(s) => Field::of(s, key).is_some_and(|f| f.shape() == Shape::Date),
            _ => false,
        };
        out.push_str(&format!("{} = {}\n", quoted(key), inline(value, date)));
    };
    let mut top = String::new();
    let mut tables = String::new();
    for (key, value) in &doc {
        let place = Section::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .map_or(Place::Elsewhere, Place::In);
        let fields = |out: &mut String, table: &serde_json::Map<String, serde_json::Value>| {
            for (field, value) in table {
                line(out, place, field, value);
            }
        };
        match value {
            // A table that is no section is refused by the parser as a whole.
            serde_json::Value::Object(table) => {
                tables.push_str(&format!("[{}]\n", quoted(key)));
                fields(&mut tables, table);
            }
            serde_json::Value::Array(items)
                if !items.is_empty() && items.iter().all(serde_json::Value::is_object) =>
            {
                for item in items.iter().filter_map(serde_json::Value::as_object) {
                    tables.push_str(&format!("[[{}]]\n", quoted(key)));
                    fields(&mut tables, item);
                }
            }
            other => line(&mut top, Place::Top, key, other),
        }
    }
    top.push_str(&tables);
    Ok(top)
}

/// A key or string in TOML's basic-string quotes: JSON's escapes are TOML's, and DEL, which
/// JSON leaves as it is, is escaped too.
fn quoted(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{7f}', "\\u007F")
}

/// A JSON value as an inline TOML value. A `null` that is not a field left out (an item of a
/// list, a field of no section) is written `false`, a value the parser refuses in its place.
fn inline(value: &serde_json::Value, date: bool) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "false".to_string(),
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
            let items: Vec<String> = items.iter().map(|v| inline(v, false)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(table) => {
            let fields: Vec<String> = table
                .iter()
                .map(|(k, v)| format!("{} = {}", quoted(k), inline(v, false)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
    }
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

    fn set() -> crate::rules::criteria::CriteriaSet {
        crate::rules::criteria::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap()
    }

    #[test]
    fn json_becomes_the_same_toml() {
        let toml = json_to_toml(
            Path::new("request.json"),
            r#"{"unit": {"code": "1", "name": "A \"B\""}, "period": {"from": "2024-01-01", "to": null},
                "inputs": {"n": 3, "x": 7.5, "y": 3.0, "ok": true},
                "incidents": [{"id": "a", "date": "2024-02-03"}, {"id": "b", "note": "2024-02-03"}]}"#,
            &set(),
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

    /// `null` leaves out a field the evidence may hold; any other `null` stays, to be refused
    /// where it stands.
    #[test]
    fn only_a_known_field_is_left_out_by_null() {
        let toml = json_to_toml(
            Path::new("request.json"),
            r#"{"incidents": null, "extra": null, "unit": {"synthetic": null, "phone": null},
                "inputs": {"children_total": null, "childen_total": null},
                "list": [null], "text": "a\u007fb"}"#,
            &set(),
        )
        .unwrap();
        let expected = "\"extra\" = false\n\"list\" = [false]\n\"text\" = \"a\\u007Fb\"\n\
            [\"inputs\"]\n\"childen_total\" = false\n\
            [\"unit\"]\n\"phone\" = false\n";
        assert_eq!(toml, expected);
        assert!(toml::from_str::<toml::Table>(&toml).is_ok());
    }

    #[test]
    fn json_syntax_is_located() {
        let problem =
            json_to_toml(Path::new("request.json"), "{\n  \"unit\": ,\n}", &set()).unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 11));
        assert!(matches!(
            problem.problem,
            crate::base::diag::Problem::File(FileProblem::JsonSyntax { .. })
        ));
        let words = crate::words::problems::diagnostic(&problem, crate::Lang::En);
        assert!(words.contains("invalid JSON"), "{words}");
        let not_object = json_to_toml(Path::new("request.json"), "[1, 2]", &set()).unwrap_err();
        assert_eq!(not_object.problem, FileProblem::JsonNotObject.into());
    }
}
