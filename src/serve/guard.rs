//! The rules every request passes before a route sees it: token, host, same origin, body
//! size and time limits; and the headers every answer carries.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::refusal;
use super::state::{AppState, Snapshot};
use crate::base::lang::Lang;
use crate::words::serve as words;

/// The name of the cookie a browser keeps the token in.
pub const TOKEN_COOKIE: &str = "cfc_token";

/// The header that names the generation of the round an answer was made from.
pub const GENERATION_HEADER: &str = "x-cfc-generation";

/// The round this request works on: the one snapshot the guard took for it, so that an answer
/// and its `X-Cfc-Generation` header never come from two loads. Handlers take it rather than
/// calling [`AppState::snapshot`] again.
pub struct Current(pub Arc<Snapshot>);

impl FromRequestParts<Arc<AppState>> for Current {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Current, Self::Rejection> {
        Ok(Current(
            parts
                .extensions
                .get::<Arc<Snapshot>>()
                .cloned()
                .unwrap_or_else(|| state.snapshot()),
        ))
    }
}

/// The language a request asks for with `?lang=vi|en`, else the server's.
pub(crate) fn lang_of(query: Option<&str>, default: Lang) -> Lang {
    match query_value(query, "lang").as_deref() {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => default,
    }
}

fn query_param<'q>(query: Option<&'q str>, name: &str) -> Option<&'q str> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A parameter of the query, percent-decoded (a token holding `&`, `#` or a space arrives
/// encoded); `None` when absent or not UTF-8 once decoded.
pub(crate) fn query_value<'q>(
    query: Option<&'q str>,
    name: &str,
) -> Option<std::borrow::Cow<'q, str>> {
    percent_encoding::percent_decode_str(query_param(query, name)?)
        .decode_utf8()
        .ok()
}

/// Whether a request is for the JSON API (its refusals are JSON, the pages' are HTML).
pub(crate) fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// A refusal, as JSON for the API and as a short page for people (styled by the server's own
/// stylesheet, which every request may fetch, so that no inline style meets the CSP).
fn refuse(status: StatusCode, api: bool, message: String, lang: Lang) -> Response {
    if api {
        return refusal::error(status, message, &[], lang);
    }
    refusal::page(status, &message, lang)
}

/// Equality whose time does not depend on where two strings first differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// How a request proved it holds the token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Proof {
    /// `Authorization: Bearer …` or `?token=…`: a program that was given the token.
    Given,
    /// The cookie: a browser, which a foreign page can drive, so state changes also need the
    /// same origin.
    Cookie,
}

/// The credentials of `Authorization: Bearer …`; the scheme's name is case-insensitive in
/// HTTP (`bearer`, `BEARER`).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, credentials) = value.trim_start().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| credentials.trim())
}

fn proof(token: &str, headers: &HeaderMap, query: Option<&str>) -> Option<Proof> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer);
    if bearer.is_some_and(|b| same_secret(b, token))
        || query_value(query, "token").is_some_and(|q| same_secret(&q, token))
    {
        return Some(Proof::Given);
    }
    // The cookie holds the token percent-encoded, as the redirect set it.
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(k, v)| {
            k == TOKEN_COOKIE
                && percent_encoding::percent_decode_str(v)
                    .decode_utf8()
                    .is_ok_and(|v| same_secret(&v, token))
        });
    cookie.then_some(Proof::Cookie)
}

/// The address a browser opens: the server's root, with the token (when there is one) as
/// `?token=`, percent-encoded so that `&`, `#` or a space in it survive the trip.
///
/// ```
/// let addr = "0.0.0.0:8080".parse().unwrap();
/// assert_eq!(
///     cfc::serve::browser_address(addr, Some("a&b #c")),
///     "http://0.0.0.0:8080/?token=a%26b%20%23c"
/// );
/// assert_eq!(cfc::serve::browser_address(addr, None), "http://0.0.0.0:8080/");
/// ```
pub fn browser_address(addr: std::net::SocketAddr, token: Option<&str>) -> String {
    match token {
        Some(token) => format!("http://{addr}/?token={}", encoded_token(token)),
        None => format!("http://{addr}/"),
    }
}

/// The token as it may stand in an address or a cookie: every byte but letters, digits and
/// `-._~` percent-encoded.
fn encoded_token(token: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(token, KEEP).to_string()
}

/// The host name of a `Host` header, without its port.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    }
}

/// Whether a `Host` names this machine: a page of another site that a DNS trick points at
/// 127.0.0.1 still sends its own name, and is refused.
fn loopback_host(host: &str) -> bool {
    let name = host_name(host);
    name.eq_ignore_ascii_case("localhost")
        || name == "[::1]"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Where a browser says a request comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Site {
    /// One of the server's own pages, or a program (which sends neither header).
    Same,
    /// Another site.
    Cross,
    /// The browser does not say: `Origin: null` without `Sec-Fetch-Site`.
    Unsaid,
}

/// Where a request comes from, by the headers a browser adds and a page cannot forge.
/// `Sec-Fetch-Site` decides when it is sent (every current browser does): Chromium sends
/// `Origin: null` with `Sec-Fetch-Site: same-origin` for a form of the server's own page when
/// the page's referrer policy hides its address. An `Origin` that names another site is
/// another site whatever else is said.
fn site(headers: &HeaderMap, host: Option<&str>) -> Site {
    let text = |name| headers.get(name).map(|v| v.to_str().unwrap_or(""));
    let origin = text(header::ORIGIN);
    let ours = |origin: &str| {
        host.is_some_and(|h| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                .is_some_and(|o| o.eq_ignore_ascii_case(h))
        })
    };
    if origin.is_some_and(|o| o != "null" && !ours(o)) {
        return Site::Cross;
    }
    match text(header::HeaderName::from_static("sec-fetch-site")) {
        Some("same-origin" | "none") => Site::Same,
        Some(_) => Site::Cross,
        None if origin == Some("null") => Site::Unsaid,
        None => Site::Same,
    }
}

/// Whether a request that changes something comes from the server's own pages: the browser
/// says so, or, when it does not say, the form's address carries the token of this server's
/// pages.
fn from_own_pages(
    state: &AppState,
    headers: &HeaderMap,
    host: Option<&str>,
    query: Option<&str>,
) -> bool {
    match site(headers, host) {
        Site::Same => true,
        Site::Cross => false,
        Site::Unsaid => {
            query_param(query, "form").is_some_and(|f| same_secret(f, state.form_token()))
        }
    }
}

/// The address without `token=`, for the redirect that takes it out of the address bar.
fn without_token(path: &str, query: Option<&str>) -> String {
    let rest: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("token="))
        .collect();
    if rest.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

/// Checks a request against every rule, runs it on one snapshot within the time limit, and
/// adds the security headers to whatever answers.
pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let config = state.config();
    let lang = lang_of(request.uri().query(), config.lang);
    let api = is_api(request.uri().path());
    let mut response = match admit(&state, &request, lang, api) {
        Err(refusal) => refusal,
        Ok(()) => {
            let limits = config.limits;
            let multipart = request
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("multipart/form-data"));
            let limit = if multipart {
                limits.upload
            } else {
                limits.body
            };
            let declared = request
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            if declared.is_some_and(|n| n > limit as u64) {
                refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    api,
                    words::too_large(limit, lang),
                    lang,
                )
            } else {
                // A body without a length (chunked) is cut at the limit as it arrives.
                let request = {
                    let snapshot = state.snapshot();
                    request.extensions_mut().insert(snapshot);
                    request.map(|b| Body::new(http_body_util::Limited::new(b, limit)))
                };
                let generation = request
                    .extensions()
                    .get::<Arc<Snapshot>>()
                    .map(|s| s.generation);
                match tokio::time::timeout(limits.request_timeout, next.run(request)).await {
                    Ok(mut response) => {
                        if let Some(g) = generation
                            && !response.headers().contains_key(GENERATION_HEADER)
                        {
                            response
                                .headers_mut()
                                .insert(GENERATION_HEADER, HeaderValue::from(g));
                        }
                        response
                    }
                    Err(_) => refuse(
                        StatusCode::SERVICE_UNAVAILABLE,
                        api,
                        words::timed_out(lang),
                        lang,
                    ),
                }
            }
        }
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", "default-src 'self'"),
        ("x-content-type-options", "nosniff"),
        // Not `no-referrer`: under it a browser sends `Origin: null` for the pages' own forms.
        // Nothing of the pages links to another site, so no address leaves the server.
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The token, host and origin rules. `Err` is the answer instead of the route's: a refusal,
/// or the redirect that turns `?token=` into a cookie.
#[allow(clippy::result_large_err)]
fn admit(state: &AppState, request: &Request, lang: Lang, api: bool) -> Result<(), Response> {
    let headers = request.headers();
    let uri = request.uri();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    let reads = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // The stylesheet and the script are the binary's own, hold nothing of the round, and
    // style the refusal pages themselves. Exactly these two: any other address under
    // /assets/ is answered by a page that names the round.
    if reads && matches!(uri.path(), "/assets/app.css" | "/assets/app.js") {
        return Ok(());
    }
    let changes_state = !reads;
    let own_pages = || from_own_pages(state, headers, host, uri.query());
    let cross_origin = || {
        let message = if api {
            words::cross_origin(lang)
        } else {
            crate::words::web::not_from_own_page(lang).to_string()
        };
        refuse(StatusCode::FORBIDDEN, api, message, lang)
    };
    match &state.config().token {
        Some(token) => match proof(token, headers, uri.query()) {
            None => {
                let message = if api {
                    words::unauthorized(lang)
                } else {
                    crate::words::web::unauthorized_page(lang).to_string()
                };
                let mut refusal = refuse(StatusCode::UNAUTHORIZED, api, message, lang);
                refusal
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                Err(refusal)
            }
            Some(Proof::Given)
                if !api
                    && request.method() == Method::GET
                    && query_param(uri.query(), "token").is_some() =>
            {
                let location = without_token(uri.path(), uri.query());
                let cookie = format!(
                    "{TOKEN_COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
                    encoded_token(token)
                );
                let mut redirect = StatusCode::SEE_OTHER.into_response();
                let h = redirect.headers_mut();
                h.insert(
                    header::LOCATION,
                    HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/")),
                );
                if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                    h.insert(header::SET_COOKIE, cookie);
                }
                Err(redirect)
            }
            Some(Proof::Cookie) if changes_state && !own_pages() => Err(cross_origin()),
            Some(_) => Ok(()),
        },
        None => {
            if !host.is_some_and(loopback_host) {
                return Err(refuse(
                    StatusCode::MISDIRECTED_REQUEST,
                    api,
                    words::foreign_host(host.unwrap_or(""), lang),
                    lang,
                ));
            }
            if changes_state && !own_pages() {
                return Err(cross_origin());
            }
            Ok(())
        }
    }
}

/// One line on standard error per request: method, path (never the query, which may hold
/// the token), status, time. Never a body.
pub(crate) async fn log(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let line = format!(
        "{method} {path} {} {} ms",
        response.status().as_u16(),
        start.elapsed().as_millis()
    );
    say(&line);
    response
}

/// A line on standard error, escaped for the terminal; standard error closed leaves nobody to
/// tell.
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let line = crate::render::terminal_safe(line, crate::render::Escapes::Text);
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_this_machine() {
        for host in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:1",
            "127.5.0.1",
            "[::1]:80",
        ] {
            assert!(loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "10.0.0.1",
            "localhost.evil.example",
            "",
        ] {
            assert!(!loopback_host(host), "{host}");
        }
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        for header in ["Bearer abc", "bearer abc", "BEARER  abc ", "BeArEr abc"] {
            assert_eq!(bearer(header), Some("abc"), "{header}");
        }
        for header in ["Basic abc", "Bearerabc", "abc", ""] {
            assert_eq!(bearer(header), None, "{header}");
        }
    }

    #[test]
    fn a_token_survives_the_address_and_the_cookie() {
        let token = "a&b#c d;e=f%g/h";
        let encoded = encoded_token(token);
        assert_eq!(encoded, "a%26b%23c%20d%3Be%3Df%25g%2Fh");
        let query = format!("lang=en&token={encoded}");
        assert_eq!(query_value(Some(&query), "token").as_deref(), Some(token));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("{TOKEN_COOKIE}={encoded}")).unwrap(),
        );
        assert!(proof(token, &headers, None) == Some(Proof::Cookie));
    }

    #[test]
    fn the_token_leaves_the_address() {
        assert_eq!(without_token("/", Some("token=x")), "/");
        assert_eq!(
            without_token("/units/1", Some("lang=en&token=x&sort=total")),
            "/units/1?lang=en&sort=total"
        );
    }
}
