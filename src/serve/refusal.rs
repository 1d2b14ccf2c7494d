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

/// A refusal page for people: the server's stylesheet, a heading for the status and the
/// sentence why, and nothing of the round (a request without the token sees no name of it).
#[derive(askama::Template)]
#[template(path = "serve/refusal.html")]
struct RefusalPage<'a> {
    lang: &'static str,
    t: &'static crate::words::web::Ui,
    heading: &'static str,
    message: &'a str,
    /// The round page, except for a request without the token, which it would refuse too.
    home: Option<String>,
}

/// A refusal as a short page in the reader's language.
pub(super) fn page(status: StatusCode, message: &str, lang: Lang) -> Response {
    use askama::Template;
    let page = RefusalPage {
        lang: lang.code(),
        t: crate::words::web::ui(lang),
        heading: crate::words::web::status_heading(status.as_u16(), lang),
        message,
        home: (status != StatusCode::UNAUTHORIZED).then(|| format!("/?lang={}", lang.code())),
    };
    let body = page.render().unwrap_or_else(|e| e.to_string());
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}
