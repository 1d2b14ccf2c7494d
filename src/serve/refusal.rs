//! The API's answers as JSON, and a refusal in the one shape every refusal has.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::base::diag::Diagnostic;
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

/// A refusal as JSON: `{"error": "…", "problems": [ … ]}`, the problems located as in the
/// results document's `errors`.
pub(super) fn error(status: StatusCode, message: String, problems: &[Diagnostic]) -> Response {
    #[derive(serde::Serialize)]
    struct Refusal<'a> {
        error: String,
        problems: Vec<ErrorView<'a>>,
    }
    let body = Refusal {
        error: message,
        problems: problems.iter().map(ErrorView::new).collect(),
    };
    json(status, pretty(&body))
}
