//! The API's answers as JSON, and a refusal in the one shape every refusal has.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::base::diag::Diagnostic;
use crate::base::lang::Lang;
use crate::render::ErrorView;

/// A JSON answer.
pub(super) fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.into(),
    )
        .into_response()
}

/// Pretty JSON with a final newline, as the command line prints its documents.
pub(super) fn pretty<T: serde::Serialize>(value: &T) -> String {
    // The documents serialise infallibly (string keys only); an error could only be a bug,
    // and is shown rather than hidden.
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")) + "\n"
}

/// Every refusal of the API, whatever refuses (a route, the guard, an unknown path or
/// method): a sentence and the located problems behind it, both in the request's language.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub(crate) struct Refusal<'a> {
    /// Why the request is refused, in the request's language (`?lang=`), else the server's.
    error: String,
    /// The located problems (of the evidence sent, or of the round's files), as the results
    /// document writes its `errors`, their `message` in the request's language; empty when
    /// the refusal is not about a file.
    problems: Vec<ErrorView<'a>>,
}

/// A refusal as JSON: `{"error": "…", "problems": [ … ]}`, the problems located as in the
/// results document's `errors` and worded in `lang`.
pub(super) fn error(
    status: StatusCode,
    message: String,
    problems: &[Diagnostic],
    lang: Lang,
) -> Response {
    json(status, pretty(&refusal(message, problems, lang)))
}

/// The refusal's document, for an answer or an example of one.
pub(super) fn refusal(message: String, problems: &[Diagnostic], lang: Lang) -> Refusal<'_> {
    Refusal {
        error: message,
        problems: problems.iter().map(|d| ErrorView::new(d, lang)).collect(),
    }
}
