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
