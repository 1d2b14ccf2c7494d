//! The API's contract: an OpenAPI 3.1 document, served at `/api/openapi.json`.
//!
//! Its routes, parameters, bodies and answers are what the handlers declare
//! (`#[utoipa::path]`) over the types they answer with (`utoipa::ToSchema`, derived from the
//! types' own definitions). Then the loaded round completes it: the schema of its evidence
//! (its criteria set's inputs, kinds and classes, its year), the codes of its units, the
//! refusals every route can give, and an example of every body and answer made by the same
//! functions the handlers call, on one of its units.

mod evidence;

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::api::{self, Asked};
use super::guard::{Current, GENERATION_HEADER};
use super::refusal::{json as answer, refusal};
use super::state::{AppState, Snapshot};
use crate::base::lang::Lang;
use crate::words::serve as words;

/// The API's routes, this document's among them; a method a route does not take is a JSON 405.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    documented()
        .split_for_parts()
        .0
        .method_not_allowed_fallback(api::not_allowed)
}

fn documented() -> OpenApiRouter<Arc<AppState>> {
    api::routes().routes(routes!(contract))
}

/// What the handlers declare, as JSON: made once, completed for each round.
fn declared() -> &'static Value {
    static DECLARED: OnceLock<Value> = OnceLock::new();
    DECLARED.get_or_init(|| {
        serde_json::to_value(documented().split_for_parts().1).unwrap_or(Value::Null)
    })
}

/// This document: the API's contract as this server answers it, for the round it has loaded.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    operation_id = "openapi",
    tag = "contract",
    params(Asked),
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API for the loaded round.",
         body = serde_json::Value, content_type = "application/json"),
    )
)]
async fn contract(
    Current(snapshot): Current,
    State(state): State<Arc<AppState>>,
    uri: Uri,
) -> Response {
    if let Err(refusal) = api::asked_lang(&uri, state.config().lang) {
        return refusal;
    }
    if let Some(made) = snapshot.contract_made() {
        return answer(StatusCode::OK, made);
    }
    let worker = state.clone();
    state
        .compute(move || {
            let made = snapshot.contract(|| Bytes::from(document(&worker, &snapshot)));
            answer(StatusCode::OK, made)
        })
        .await
        .unwrap_or_else(|e| {
            let lang = state.config().lang;
            super::refusal::error(StatusCode::INTERNAL_SERVER_ERROR, e.words(lang), &[], lang)
        })
}

/// The API's OpenAPI 3.1 document for the round the server has loaded now, as
/// `GET /api/openapi.json` answers it (and `cfc serve --openapi` prints it): pretty JSON with a
/// final newline, the same bytes for the same round.
pub fn openapi(state: &AppState) -> String {
    let snapshot = state.snapshot();
    String::from_utf8(
        snapshot
            .contract(|| Bytes::from(document(state, &snapshot)))
            .to_vec(),
    )
    .unwrap_or_default()
}

/// The declared document completed for a round.
fn document(state: &AppState, snapshot: &Snapshot) -> String {
    let config = state.config();
    let lang = config.lang;
    let round = &snapshot.round;
    let set = round.evaluator.criteria();
    let mut doc = declared().clone();
    doc["info"] = json!({
        "title": "cfc serve — child-friendly commune evaluation API",
        "version": env!("CARGO_PKG_VERSION"),
        "description": format!(
            "The JSON API of `cfc serve`, as served for the round \"{}\" ({}, criteria set {}{}). \
             Its evidence schema, unit codes and examples are this round's. Every refusal is \
             JSON with one shape (`Refusal`), in the language `?lang=` asks for. Every answer \
             made from the round carries `X-Cfc-Generation`, the load it was made from. \
             Answers are compressed (gzip) when the client accepts it.",
            round.settings.name,
            round.settings.year,
            set.id(),
            round
                .evaluator
                .policy()
                .map(|p| format!(", policy {}", p.id()))
                .unwrap_or_default(),
        ),
        "license": { "name": "MIT OR Apache-2.0" },
    });
    doc["components"]["schemas"]["Evidence"] = evidence::schema(set, round.settings.year);
    results_schema(&mut doc["components"]["schemas"]);
    let codes: Vec<&str> = snapshot
        .report
        .units
        .iter()
        .map(|u| u.code.as_str())
        .collect();
    if let Some(code) = doc
        .pointer_mut("/paths/~1api~1units~1{code}/get/parameters")
        .and_then(Value::as_array_mut)
        .and_then(|ps| ps.iter_mut().find(|p| p["name"] == "code"))
    {
        code["schema"] = json!({ "type": "string", "enum": codes });
        if let Some(first) = codes.first() {
            code["example"] = json!(first);
        }
    }
    let token = config.token.is_some();
    if token {
        doc["components"]["securitySchemes"] = json!({
            "token": {
                "type": "http",
                "scheme": "bearer",
                "description": "The token cfc serve was given (--token, CFC_TOKEN) or made and printed at start.",
            }
        });
        doc["security"] = json!([{ "token": [] }]);
    }
    for operation in operations(&mut doc) {
        refusals(operation, token, lang, config);
    }
    if let Some(examples) = Examples::of(snapshot, lang) {
        examples.write(&mut doc);
    }
    readable(&mut doc);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The descriptions, which come from the types' doc comments, without what only rustdoc reads:
/// code examples, and links to other items (their names stay).
fn readable(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => *text = prose(text),
                    other => readable(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(readable),
        _ => {}
    }
}

/// A doc comment as prose: fenced code blocks dropped, `[`x`](…)` and `[`x`]` as `x`.
fn prose(text: &str) -> String {
    let mut kept = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            kept.push(line);
        }
    }
    let mut out = kept.join("\n").trim_end().to_string();
    while let Some(start) = out.find("[`") {
        let Some(close) = out[start..].find("`]").map(|i| start + i) else {
            break;
        };
        let name = out[start + 1..close + 1].to_string();
        let mut end = close + 2;
        if out[end..].starts_with('(')
            && let Some(paren) = out[end..].find(')')
        {
            end += paren + 1;
        }
        out.replace_range(start..end, &name);
    }
    out
}

/// Every operation of the document (`paths.*.{get,post,…}`).
fn operations(doc: &mut Value) -> Vec<&mut Value> {
    doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter(|op| op.get("responses").is_some())
        .collect()
}

/// The refusals any route can give before it answers (the guard's, a wrong `?lang=`), added to
/// an operation where it declares none of that status; and the `X-Cfc-Generation` header on
/// every answer (always on a success; a refusal made before a round was taken has none).
fn refusals(operation: &mut Value, token: bool, lang: Lang, config: &super::Config) {
    let changes = operation["operationId"] != "round"
        && operation["operationId"] != "unit"
        && operation["operationId"] != "openapi";
    let reloads = operation["operationId"] == "reload";
    let mut common = vec![
        (
            "400",
            "A `?lang=` other than vi or en.",
            words::unknown_lang("xx", lang),
        ),
        (
            "503",
            "The answer was not ready within the time limit (30 s by default).",
            words::timed_out(lang),
        ),
    ];
    if token {
        common.push((
            "401",
            "No token, or a wrong one: send `Authorization: Bearer <token>`.",
            words::unauthorized(lang),
        ));
    } else {
        common.push((
            "421",
            "A `Host` that is not this machine (the server listens on loopback without a token).",
            words::foreign_host("example.org", lang),
        ));
    }
    if changes {
        common.push((
            "403",
            "A browser's request from another site (`Origin`, `Sec-Fetch-Site`).",
            words::cross_origin(lang),
        ));
        common.push((
            "413",
            "The body is larger than the limit.",
            words::too_large(config.limits.body, lang),
        ));
    }
    let responses = &mut operation["responses"];
    for (status, description, sentence) in common {
        if responses.get(status).is_none() {
            responses[status] = json!({
                "description": description,
                "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/Refusal" },
                } },
            });
        }
        let media = &mut responses[status]["content"]["application/json"];
        if media.get("example").is_none() {
            media["example"] = example_refusal(sentence, lang);
        }
    }
    let Some(responses) = responses.as_object_mut() else {
        return;
    };
    for (status, response) in responses.iter_mut() {
        let media = &mut response["content"]["application/json"];
        if media.get("example").is_none()
            && let Some(example) = declared_refusal(status, reloads, lang)
        {
            media["example"] = example;
        }
        response["headers"] = json!({
            GENERATION_HEADER: {
                "description": "The load of the round this answer was made from (the first is 1).",
                "required": status.starts_with('2'),
                "schema": { "type": "integer", "minimum": 1 },
            }
        });
    }
}

/// An example of a refusal a route declares itself (a 200's example is the round's). The
/// unit code, the content type, the script and the line in them are illustrations.
fn declared_refusal(status: &str, reloads: bool, lang: Lang) -> Option<Value> {
    use crate::base::diag::{Diagnostic, FieldPath, ValueKind, ValueProblem};
    use crate::base::fault::{EvalError, ScoreError, ScriptError};
    let sentence = match status {
        "404" => words::no_such_unit("99999", lang),
        "415" => words::unsupported_type("application/xml", lang),
        "422" if reloads => {
            let problem = Diagnostic::new(
                "round.toml",
                (3, 8),
                FieldPath::from("year"),
                ValueProblem::WrongType {
                    expected: ValueKind::WholeNumber,
                    found: "\"2024\"".to_string(),
                },
            );
            let detail = crate::words::problems::diagnostic(&problem, lang);
            let problems = [problem];
            let refused = refusal(words::reload_failed(&detail, lang), &problems, lang);
            return serde_json::to_value(refused).ok();
        }
        "422" => {
            let failure = EvalError::Score(ScoreError::Script {
                indicator: "1.2".to_string(),
                error: ScriptError {
                    path: "scripts/qd-06-2019/1.2.rhai".to_string(),
                    line: 3,
                    column: 5,
                    message: "the script ran more than 200000 operations".to_string(),
                },
            });
            let detail = crate::words::errors::eval(&failure, lang);
            crate::words::cli::not_evaluated("21211", &detail, lang)
        }
        _ => return None,
    };
    Some(example_refusal(sentence, lang))
}

fn example_refusal(sentence: String, lang: Lang) -> Value {
    serde_json::to_value(refusal(sentence, &[], lang)).unwrap_or(Value::Null)
}

/// Examples of every body and answer, made on one unit of the round by the functions the
/// handlers call: its evidence file and the same as JSON, the result of the JSON, its
/// explanation, what it would take, and a refusal of the same evidence with a mistake.
struct Examples {
    json: Value,
    toml: String,
    result: Value,
    explanation: Value,
    whatif: Value,
    invalid: Value,
    round: Value,
}

impl Examples {
    /// On the first unit not recognised (whose what-if says the most), else the first unit.
    fn of(snapshot: &Snapshot, lang: Lang) -> Option<Examples> {
        let report = &snapshot.report;
        let result = report
            .units
            .iter()
            .find(|u| !u.recognised)
            .or(report.units.first())?;
        let ev = snapshot.evidence(&result.code)?;
        let round = &snapshot.round;
        let (set, policy) = (round.evaluator.criteria(), round.evaluator.policy());
        let inputs: serde_json::Map<String, Value> = set
            .inputs()
            .iter()
            .zip(ev.values())
            .map(|(input, value)| (input.name.clone(), json!(value)))
            .collect();
        let mut json = json!({
            "unit": ev.unit(),
            "period": ev.period(),
            "inputs": inputs,
        });
        if !ev.incidents().is_empty() {
            json["incidents"] = json!(ev.incidents());
        }
        let name = std::path::Path::new("request.json");
        let converted = api::json_to_toml(name, &json.to_string(), set).ok()?;
        let sent = api::checked(snapshot, "request.json", &converted).ok()?;
        // The TOML body is the unit's own file, as a council sends it.
        let toml = std::fs::read_to_string(ev.source()).unwrap_or(converted);
        let evaluated = round.evaluator.evaluate(&sent).ok()?;
        let whatif = crate::audit::whatif::whatif(&round.evaluator, &sent).ok()?;
        let explanation = crate::audit::explain::explain(result, set, policy, lang);
        let explanation = crate::words::explain::json(&explanation, set, policy);
        // The same evidence with its first input missing and an unknown one beside it.
        let mut wrong = json.clone();
        if let Some(first) = set.inputs().first()
            && let Some(inputs) = wrong["inputs"].as_object_mut()
        {
            let value = inputs.remove(&first.name).unwrap_or(Value::Null);
            inputs.insert(format!("{}_", first.name), value);
        }
        let wrong = api::json_to_toml(name, &wrong.to_string(), set).ok()?;
        let problems = api::checked(snapshot, "request.json", &wrong).err()?;
        let invalid = refusal(
            words::invalid_evidence(problems.len(), lang),
            &problems,
            lang,
        );
        let mut one = (*snapshot.report).clone();
        one.units.retain(|u| u.code == result.code);
        Some(Examples {
            toml,
            result: serde_json::to_value(&evaluated).ok()?,
            explanation: serde_json::from_str(&explanation).ok()?,
            whatif: serde_json::to_value(&whatif).ok()?,
            invalid: serde_json::to_value(&invalid).ok()?,
            round: serde_json::from_str(&crate::render::json(&one)).ok()?,
            json,
        })
    }

    fn write(self, doc: &mut Value) {
        let ok = |doc: &mut Value, path: &str, example: &Value| {
            if let Some(media) = doc.pointer_mut(&format!(
                "/paths/{path}/responses/200/content/application~1json"
            )) {
                media["example"] = example.clone();
            }
        };
        ok(doc, "~1api~1round/get", &self.round);
        ok(doc, "~1api~1units~1{code}/get", &self.explanation);
        ok(doc, "~1api~1evaluate/post", &self.result);
        ok(doc, "~1api~1whatif/post", &self.whatif);
        ok(doc, "~1api~1reload/post", &json!({ "generation": 2 }));
        for path in ["~1api~1evaluate/post", "~1api~1whatif/post"] {
            if let Some(content) = doc.pointer_mut(&format!("/paths/{path}/requestBody/content")) {
                content["application/json"]["example"] = self.json.clone();
                content["application/toml"]["example"] = json!(self.toml);
            }
            if let Some(media) = doc.pointer_mut(&format!(
                "/paths/{path}/responses/400/content/application~1json"
            )) {
                media["example"] = self.invalid.clone();
            }
        }
    }
}

/// The results document's JSON Schema (`docs/results.schema.json`, which a test checks every
/// fixture round's document against) as the schemas of this document: its `$defs` become
/// schemas of their own (`Results_…`), and `RoundDocument` the document.
fn results_schema(schemas: &mut Value) {
    const SCHEMA: &str = include_str!("../../../docs/results.schema.json");
    fn refs(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get_mut("$ref")
                    && let Some(name) = r.strip_prefix("#/$defs/")
                {
                    *r = format!("#/components/schemas/Results_{name}");
                }
                map.values_mut().for_each(refs);
            }
            Value::Array(items) => items.iter_mut().for_each(refs),
            _ => {}
        }
    }
    let Ok(mut schema) = serde_json::from_str::<Value>(SCHEMA) else {
        return;
    };
    refs(&mut schema);
    if let Value::Object(map) = &mut schema {
        map.remove("$schema");
        map.remove("$id");
        if let Some(Value::Object(defs)) = map.remove("$defs") {
            for (name, def) in defs {
                schemas[format!("Results_{name}")] = def;
            }
        }
    }
    schemas["RoundDocument"] = schema;
}

#[cfg(test)]
mod tests {
    #[test]
    fn descriptions_are_prose() {
        let doc = "A language.\n\n```\nuse cfc::Lang;\n```\nSee [`Lang::pick`] and [`words`](crate::words).";
        assert_eq!(
            super::prose(doc),
            "A language.\n\nSee `Lang::pick` and `words`."
        );
    }
}
