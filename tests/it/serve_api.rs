//! The HTTP API of `cfc serve` as other systems call it: every route, every refusal, every
//! safety rule; through the router in process, and once over a real socket with the binary.

#![cfg(feature = "serve")]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use tower::ServiceExt;

use cfc::serve::{AppState, Config, Limits, Reload, router};

use crate::server::Server;
use cfc::{Round, RoundReport, UnitResult};

const ROUND: &str = "fixtures/son-ha-2024";
const HOST: &str = "127.0.0.1:8080";

fn app_with(config: Config) -> (Arc<AppState>, Router) {
    let state = Arc::new(AppState::open(config).expect("the fixture round opens"));
    (state.clone(), router(state))
}

fn app() -> Router {
    app_with(Config::new(ROUND)).1
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON answer")
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    // A browser's request accepts gzip (the captured Chromium headers do): read it as it would.
    let bytes = if headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|e| e == "gzip")
    {
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
            .unwrap();
        plain
    } else {
        bytes.to_vec()
    };
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes).unwrap(),
    }
}

fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap()
}

fn post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROUND).join(name)).unwrap()
}

fn report() -> RoundReport {
    let round = Round::load(ROUND).unwrap();
    RoundReport::new(&round, round.evaluate())
}

/// A unit result as the report holds it, but for the file it was read from.
fn as_from(mut result: UnitResult, file: &str) -> UnitResult {
    result.evidence_file = file.to_string();
    result
}

/// An evidence file as the JSON document with the same fields (dates as strings).
fn toml_to_json(text: &str) -> String {
    fn convert(v: &toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => s.clone().into(),
            toml::Value::Integer(i) => (*i).into(),
            toml::Value::Float(f) => (*f).into(),
            toml::Value::Boolean(b) => (*b).into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.iter().map(convert).collect(),
            toml::Value::Table(t) => t.iter().map(|(k, v)| (k.clone(), convert(v))).collect(),
        }
    }
    let table: toml::Table = toml::from_str(text).unwrap();
    convert(&toml::Value::Table(table)).to_string()
}

/// A copy of the fixture round in a temporary folder, its rules named by absolute paths.
fn round_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(ROUND).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let criteria = std::fs::canonicalize("criteria").unwrap();
    let settings = fixture("round.toml").replace("../../criteria", &criteria.display().to_string());
    std::fs::write(dir.path().join("round.toml"), settings).unwrap();
    dir
}

const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", "default-src 'self'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
];

fn assert_secure(answer: &Answer) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(answer.header(name), value, "{name} on a {}", answer.status);
    }
}

#[tokio::test]
async fn the_round_is_the_evaluate_document() {
    let answer = send(&app(), get("/api/round")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("content-type"), "application/json");
    assert_eq!(answer.header("x-cfc-generation"), "1");
    assert_secure(&answer);
    assert_eq!(answer.body, cfc::render::json(&report()));
}

#[tokio::test]
async fn a_unit_is_its_explanation() {
    let app = app();
    let round = Round::load(ROUND).unwrap();
    let report = report();
    let result = report.units.iter().find(|u| u.code == "21238").unwrap();
    let (set, policy) = (round.evaluator.criteria(), round.evaluator.policy());
    for (query, lang) in [("", cfc::Lang::Vi), ("?lang=en", cfc::Lang::En)] {
        let answer = send(&app, get(&format!("/api/units/21238{query}"))).await;
        assert_eq!(answer.status, StatusCode::OK);
        let explanation = cfc::explain::explain(result, set, policy, lang);
        assert_eq!(
            answer.body,
            cfc::words::explain::json(&explanation, set, policy)
        );
    }
}

#[tokio::test]
async fn an_unknown_unit_is_404_json() {
    let app = app();
    let answer = send(&app, get("/api/units/99999?lang=en")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_secure(&answer);
    insta::assert_snapshot!("unknown-unit", answer.body);
    // A code is looked up in the loaded round, never joined to a path.
    let answer = send(&app, get("/api/units/..%2Fround")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.json()["error"].is_string());
    let answer = send(&app, get("/api/nothing/here?lang=en")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.json()["error"], "The API has no /api/nothing/here.");
}

#[tokio::test]
async fn evaluate_answers_toml_and_json_alike() {
    let app = app();
    let report = report();
    let expected = report.units.iter().find(|u| u.code == "21238").unwrap();
    let text = fixture("son-thuong.toml");
    for content_type in ["application/toml", "text/plain; charset=utf-8"] {
        let answer = send(&app, post("/api/evaluate", content_type, text.clone())).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let result: UnitResult = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(result, as_from(expected.clone(), "request.toml"));
        assert!(answer.body.ends_with("}\n"));
    }
    let answer = send(
        &app,
        post("/api/evaluate", "application/json", toml_to_json(&text)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let result: UnitResult = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(result.evidence_file, "request.json");
    let mut result = result;
    result.evidence_sha256 = expected.evidence_sha256.clone();
    assert_eq!(result, as_from(expected.clone(), "request.json"));

    // The README's JSON example is Sơn Nham's file.
    let json = std::fs::read_to_string("docs/api-son-nham.json").unwrap();
    let answer = send(&app, post("/api/evaluate", "application/json", json)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let mut result: UnitResult = serde_json::from_str(&answer.body).unwrap();
    let nham = report.units.iter().find(|u| u.code == "21211").unwrap();
    result.evidence_sha256 = nham.evidence_sha256.clone();
    assert_eq!(result, as_from(nham.clone(), "request.json"));
}

#[tokio::test]
async fn malformed_evidence_is_400_with_located_problems() {
    let app = app();
    let text = fixture("son-thuong.toml")
        .replace("children_total = 2140", "children_total = \"2140\"")
        .replace("villages_total = 6", "villages_totl = 6");
    let answer = send(
        &app,
        post("/api/evaluate?lang=en", "application/toml", text),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let problems = answer.json()["problems"].as_array().unwrap().clone();
    assert!(problems.len() >= 2, "{problems:?}");
    assert!(problems.iter().all(|p| p["file"] == "request.toml"
        && p["line"].as_u64().unwrap() > 1
        && p["message"].is_string()));
    insta::assert_snapshot!("evaluate-invalid-toml", answer.body);

    let json = toml_to_json(&fixture("son-thuong.toml")).replace("2140", "-3");
    let answer = send(&app, post("/api/whatif?lang=en", "application/json", json)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let problems = answer.json()["problems"].clone();
    assert_eq!(problems[0]["file"], "request.json");
    assert_eq!(problems[0]["field"], "inputs.children_total");

    let answer = send(
        &app,
        post(
            "/api/evaluate?lang=en",
            "application/json",
            "{\n  \"unit\": [1,\n}",
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    insta::assert_snapshot!("evaluate-invalid-json", answer.body);

    let answer = send(
        &app,
        post("/api/evaluate", "application/toml", vec![0xff, 0xfe, b'a']),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.json()["problems"][0]["problem"]["problem"]["kind"],
        "not_utf8"
    );
}

#[tokio::test]
async fn another_content_type_is_415() {
    let answer = send(
        &app(),
        post(
            "/api/evaluate?lang=en",
            "application/x-www-form-urlencoded",
            "a=b",
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    insta::assert_snapshot!("unsupported-type", answer.body);
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let mut config = Config::new(ROUND);
    config.limits = Limits {
        body: 4096,
        ..Limits::default()
    };
    let (_, app) = app_with(config);
    let big = format!(
        "{}{}",
        "# padding\n".repeat(500),
        fixture("son-thuong.toml")
    );
    // Said in advance by Content-Length…
    let mut request = post("/api/evaluate?lang=en", "application/toml", big.clone());
    request
        .headers_mut()
        .insert(header::CONTENT_LENGTH, big.len().into());
    let answer = send(&app, request).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_secure(&answer);
    insta::assert_snapshot!("too-large", answer.body);
    // …or found while reading it (no length said: the body is cut as it arrives).
    let answer = send(&app, post("/api/whatif", "application/toml", big)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // The default limits let the fixtures through.
    let answer = send(
        &app_with(Config::new(ROUND)).1,
        post("/api/evaluate", "application/toml", fixture("son-ha.toml")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn whatif_answers_as_the_command_does() {
    let app = app();
    let round = Round::load(ROUND).unwrap();
    for (code, file) in [("21211", "son-nham.toml"), ("21238", "son-thuong.toml")] {
        let answer = send(&app, post("/api/whatif", "application/toml", fixture(file))).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let ev = round.units.iter().find(|u| u.unit().code == code).unwrap();
        let expected = cfc::whatif::whatif(&round.evaluator, ev).unwrap();
        assert_eq!(
            answer.body,
            serde_json::to_string_pretty(&expected).unwrap() + "\n"
        );
    }
}

#[tokio::test]
async fn reload_swaps_the_round_and_keeps_it_when_the_folder_breaks() {
    let dir = round_copy();
    let (state, app) = app_with(Config::new(dir.path()));
    let answer = send(&app, post("/api/reload", "application/json", "")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["generation"], 2);
    assert_eq!(answer.header("x-cfc-generation"), "2");

    let before = send(&app, get("/api/round")).await.body;
    let settings = dir.path().join("round.toml");
    let good = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, good.replace("year = 2024", "year = \"2024\"")).unwrap();
    let answer = send(&app, post("/api/reload?lang=en", "application/json", "")).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refusal = answer.json();
    assert!(
        refusal["error"]
            .as_str()
            .unwrap()
            .starts_with("the round could not be reloaded; the previous one is still shown")
    );
    assert_eq!(refusal["problems"][0]["field"], "year");
    assert_eq!(answer.header("x-cfc-generation"), "2");
    let after = send(&app, get("/api/round")).await;
    assert_eq!(after.body, before, "the previous round is still served");
    assert!(state.snapshot().reload_error.is_some());

    std::fs::write(&settings, good).unwrap();
    let answer = send(&app, post("/api/reload", "application/json", "")).await;
    assert_eq!(answer.json()["generation"], 3);
    assert!(state.snapshot().reload_error.is_none());
}

#[test]
fn a_changed_file_is_reloaded_and_an_unchanged_folder_is_not() {
    let dir = round_copy();
    let state = AppState::open(Config::new(dir.path())).unwrap();
    assert!(matches!(
        state.reload_if_changed(),
        Reload::Unchanged { generation: 1 }
    ));
    let file = dir.path().join("son-nham.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("children_events_held = 0", "children_events_held = 1"),
    )
    .unwrap();
    assert!(matches!(
        state.reload_if_changed(),
        Reload::Loaded { generation: 2 }
    ));
    let snapshot = state.snapshot();
    assert!(snapshot.unit("21211").unwrap().recognised);
    assert_eq!(snapshot.evidence("21211").unwrap().unit().name, "Sơn Nham");
    assert!(matches!(
        state.reload_if_changed(),
        Reload::Unchanged { generation: 2 }
    ));
    // A new file is a change too.
    std::fs::write(dir.path().join("extra.toml"), "[unit]\n").unwrap();
    assert!(matches!(
        state.reload_if_changed(),
        Reload::Loaded { generation: 3 }
    ));
    let errors = &state.snapshot().report.errors;
    assert!(errors.len() > snapshot.report.errors.len());
    assert!(errors.iter().any(|e| e.file.ends_with("extra.toml")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_never_mixes_two_rounds() {
    let dir = round_copy();
    let (state, app) = app_with(Config::new(dir.path()));
    let file = dir.path().join("son-nham.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let changed = original.replace("children_events_held = 0", "children_events_held = 1");
    // Generation → whether Sơn Nham is recognised in the round it loaded.
    let mut expected = std::collections::BTreeMap::from([(1u64, false)]);
    let reloader = {
        let state = state.clone();
        let dir = file.clone();
        tokio::task::spawn_blocking(move || {
            let mut loaded = Vec::new();
            for i in 0..12 {
                let recognised = i % 2 == 0;
                std::fs::write(&dir, if recognised { &changed } else { &original }).unwrap();
                match state.reload() {
                    Reload::Loaded { generation } => loaded.push((generation, recognised)),
                    other => panic!("{other:?}"),
                }
            }
            loaded
        })
    };
    let mut seen = Vec::new();
    while !reloader.is_finished() {
        let answer = send(&app, get("/api/round")).await;
        let generation: u64 = answer.header("x-cfc-generation").parse().unwrap();
        let report: RoundReport = serde_json::from_str(&answer.body).unwrap();
        let nham = report.units.iter().find(|u| u.code == "21211").unwrap();
        seen.push((generation, nham.recognised));
    }
    expected.extend(reloader.await.unwrap());
    assert!(seen.len() > 1);
    for (generation, recognised) in seen {
        assert_eq!(expected[&generation], recognised, "generation {generation}");
    }
}

fn token_config() -> Config {
    let mut config = Config::new(ROUND);
    config.listen = "0.0.0.0:0".parse().unwrap();
    config
}

#[tokio::test]
async fn off_loopback_every_request_needs_the_token() {
    let (state, app) = app_with(token_config());
    let token = state.config().token.clone().expect("a token is made");
    assert_eq!(token.len(), 32);
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    let other = AppState::open(token_config()).unwrap();
    assert_ne!(other.config().token.as_deref(), Some(token.as_str()));

    let answer = send(&app, get("/api/round?lang=en")).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.header("www-authenticate"), "Bearer");
    assert_secure(&answer);
    insta::assert_snapshot!("missing-token", answer.body);
    // A page gets a short page, not JSON.
    let answer = send(&app, get("/")).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.header("content-type").starts_with("text/html"));

    let mut wrong = get("/api/round");
    wrong
        .headers_mut()
        .insert(header::AUTHORIZATION, "Bearer 0123".parse().unwrap());
    assert_eq!(send(&app, wrong).await.status, StatusCode::UNAUTHORIZED);

    let mut bearer = get("/api/round");
    bearer.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    // Off loopback the host is whatever name the network gives the machine.
    bearer
        .headers_mut()
        .insert(header::HOST, "council.example:8080".parse().unwrap());
    assert_eq!(send(&app, bearer).await.status, StatusCode::OK);

    // A program that was given the token may change state from anywhere.
    let mut reload = post("/api/reload", "application/json", "");
    reload.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    reload
        .headers_mut()
        .insert(header::ORIGIN, "http://elsewhere.example".parse().unwrap());
    assert_eq!(send(&app, reload).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_printed_address_becomes_a_cookie() {
    let (state, app) = app_with(token_config());
    let token = state.config().token.clone().unwrap();
    let answer = send(&app, get(&format!("/units/21238?lang=en&token={token}"))).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.header("location"), "/units/21238?lang=en");
    assert_eq!(
        answer.header("set-cookie"),
        format!("cfc_token={token}; HttpOnly; SameSite=Strict; Path=/")
    );

    let with_cookie = |request: Request<Body>| {
        let mut request = request;
        request.headers_mut().insert(
            header::COOKIE,
            format!("lang=en; cfc_token={token}").parse().unwrap(),
        );
        request
    };
    assert_eq!(
        send(&app, with_cookie(get("/api/round"))).await.status,
        StatusCode::OK
    );
    // A browser's change of state must also come from the server's own page.
    let mut foreign = with_cookie(post("/api/reload", "application/json", ""));
    foreign
        .headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    assert_eq!(send(&app, foreign).await.status, StatusCode::FORBIDDEN);
    let mut own = with_cookie(post("/api/reload", "application/json", ""));
    own.headers_mut()
        .insert(header::ORIGIN, format!("http://{HOST}").parse().unwrap());
    own.headers_mut()
        .insert("sec-fetch-site", "same-origin".parse().unwrap());
    assert_eq!(send(&app, own).await.status, StatusCode::OK);
}

#[tokio::test]
async fn on_loopback_a_foreign_host_is_refused() {
    let app = app();
    let mut rebound = get("/api/round?lang=en");
    rebound
        .headers_mut()
        .insert(header::HOST, "evil.example:8080".parse().unwrap());
    let answer = send(&app, rebound).await;
    assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST);
    assert_secure(&answer);
    insta::assert_snapshot!("foreign-host", answer.body);
    for host in ["localhost:8080", "127.0.0.1", "[::1]:8080"] {
        let mut request = get("/api/round");
        request
            .headers_mut()
            .insert(header::HOST, host.parse().unwrap());
        assert_eq!(send(&app, request).await.status, StatusCode::OK, "{host}");
    }
}

/// The headers Chromium 156 sends with a form's POST, captured from it (every one but
/// `Host`, `Content-Type` and `Content-Length`, which the test sets): `origin` and `site`
/// are what differs between the cases.
fn as_chromium_sends(mut request: Request<Body>, origin: &str, site: &str) -> Request<Body> {
    let captured = [
        ("cache-control", "max-age=0"),
        ("sec-ch-ua", r#""Not:A-Brand";v="8", "Chromium";v="156""#),
        ("sec-ch-ua-mobile", "?0"),
        ("sec-ch-ua-platform", r#""Linux""#),
        ("upgrade-insecure-requests", "1"),
        (
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
        ),
        ("origin", origin),
        (
            "accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
        ),
        ("sec-fetch-site", site),
        ("sec-fetch-mode", "navigate"),
        ("sec-fetch-dest", "document"),
        ("accept-encoding", "gzip, deflate, br, zstd"),
        ("accept-language", "en-US,en;q=0.9"),
    ];
    for (name, value) in captured {
        request.headers_mut().insert(name, value.parse().unwrap());
    }
    request
}

/// The reload button's form, as a browser posts it to `action`.
fn reload_form(action: &str) -> Request<Body> {
    post(action, "application/x-www-form-urlencoded", "")
}

#[tokio::test]
async fn the_pages_forms_work_as_browsers_send_them_and_other_sites_are_refused() {
    let app = app();
    // The reload button's address, as the round page gives it (with the pages' form token).
    let page = send(&app, get("/")).await.body;
    let action = page
        .split("<form method=\"post\" action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the reload form")
        .replace("&#38;", "&");
    assert!(action.starts_with("/reload?lang=vi&form="), "{action}");
    let own = format!("http://{HOST}");
    let cases = [
        // Chromium, the page under a no-referrer policy (cfc serve before): Origin null.
        ("null", Some("same-origin"), &action, StatusCode::SEE_OTHER),
        // Chromium, the page under the same-origin policy (now): its own origin.
        (
            own.as_str(),
            Some("same-origin"),
            &action,
            StatusCode::SEE_OTHER,
        ),
        // A page of another site posting a copy of the form, as Chromium sends it: its
        // origin hidden (null) or shown, and the site said; the token cannot help it.
        ("null", Some("cross-site"), &action, StatusCode::FORBIDDEN),
        (
            "http://localhost:18932",
            Some("cross-site"),
            &action,
            StatusCode::FORBIDDEN,
        ),
        (
            "http://evil.example",
            Some("cross-site"),
            &action,
            StatusCode::FORBIDDEN,
        ),
        (
            "http://council.local",
            Some("same-site"),
            &action,
            StatusCode::FORBIDDEN,
        ),
        // A browser that says no site and hides its origin: only the form of the server's
        // own page carries the token; a forged form has none, or a wrong one.
        ("null", None, &action, StatusCode::SEE_OTHER),
        (
            "null",
            None,
            &"/reload?lang=vi".to_string(),
            StatusCode::FORBIDDEN,
        ),
        (
            "null",
            None,
            &"/reload?lang=vi&form=00112233445566778899aabbccddeeff".to_string(),
            StatusCode::FORBIDDEN,
        ),
        // An origin of another site is another site, whatever else is said.
        ("http://evil.example", None, &action, StatusCode::FORBIDDEN),
        (
            "http://evil.example",
            Some("same-origin"),
            &action,
            StatusCode::FORBIDDEN,
        ),
    ];
    for (origin, site, action, status) in cases {
        let mut request = reload_form(action);
        match site {
            Some(site) => request = as_chromium_sends(request, origin, site),
            None => {
                request
                    .headers_mut()
                    .insert(header::ORIGIN, origin.parse().unwrap());
            }
        }
        let answer = send(&app, request).await;
        assert_eq!(answer.status, status, "{origin} {site:?} {action}");
        if status == StatusCode::FORBIDDEN {
            // A person reads a page, in words that say what to do.
            assert!(answer.header("content-type").starts_with("text/html"));
            assert!(
                answer.body.contains("hãy tải lại trang (F5) rồi thử lại"),
                "{}",
                answer.body
            );
        }
    }

    // The API: programs send neither header and pass; a browser's POST from another site is
    // refused, in JSON.
    let evidence = fixture("son-nham.toml");
    let cases = [
        (Some("http://evil.example"), None, StatusCode::FORBIDDEN),
        (Some("null"), None, StatusCode::FORBIDDEN),
        (Some("null"), Some("cross-site"), StatusCode::FORBIDDEN),
        (None, Some("cross-site"), StatusCode::FORBIDDEN),
        (None, Some("same-site"), StatusCode::FORBIDDEN),
        (Some(own.as_str()), Some("same-origin"), StatusCode::OK),
        (Some("null"), Some("same-origin"), StatusCode::OK),
        (None, Some("none"), StatusCode::OK),
        (None, None, StatusCode::OK),
    ];
    for (origin, site, status) in cases {
        let mut request = post("/api/whatif?lang=en", "application/toml", evidence.clone());
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert(header::ORIGIN, origin.parse().unwrap());
        }
        if let Some(site) = site {
            request
                .headers_mut()
                .insert("sec-fetch-site", site.parse().unwrap());
        }
        let answer = send(&app, request).await;
        assert_eq!(answer.status, status, "{origin:?} {site:?}");
        if status == StatusCode::FORBIDDEN {
            assert_eq!(
                answer.json()["error"],
                "A request that changes data must come from cfc serve's own pages."
            );
        }
    }
    // Reading is not a change: a foreign page's GET passes the origin rule (and gets nothing
    // it could read, for want of CORS).
    let mut read = get("/api/round");
    read.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    assert_eq!(send(&app, read).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_import_form_works_as_chromium_sends_it() {
    // The import form's POST, with the headers Chromium sends, reaches the import (a form
    // without a workbook is answered by the import page, not refused).
    let app = app();
    let boundary = "----WebKitFormBoundaryBnhZr4ai3IWVy2z8";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"workbooks\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n"
    );
    let form = |site| {
        as_chromium_sends(
            post(
                "/import?lang=vi",
                &format!("multipart/form-data; boundary={boundary}"),
                body.clone(),
            ),
            "null",
            site,
        )
    };
    let answer = send(&app, form("same-origin")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body.contains("Chưa chọn bảng tính nào."),
        "{}",
        answer.body
    );
    let answer = send(&app, form("cross-site")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

/// A body that never arrives: the handler waits for it until the request's time is up. (A
/// real body would race the clock: a fast answer could beat even a zero time limit.)
struct Stalled;

impl hyper::body::Body for Stalled {
    type Data = hyper::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn a_request_past_its_time_is_503() {
    let mut config = Config::new(ROUND);
    config.limits.request_timeout = Duration::from_millis(50);
    let (_, app) = app_with(config);
    let answer = send(
        &app,
        post(
            "/api/whatif?lang=en",
            "application/toml",
            Body::new(Stalled),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        answer.json()["error"],
        "The request took longer than allowed."
    );
    assert_secure(&answer);
}

/// One HTTP/1.1 exchange over a fresh connection; the status and the body.
fn http(addr: &str, request: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

#[test]
fn the_binary_serves_the_round_over_a_socket() {
    let server = Server::start(ROUND, &[]);
    assert_eq!(server.target(), "/");
    let addr = server.addr().to_string();

    let evaluated = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["evaluate", ROUND, "--format", "json"])
        .output()
        .unwrap();
    let (status, body) = http(
        &addr,
        &format!("GET /api/round HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 200);
    assert_eq!(body.as_bytes(), evaluated.stdout.as_slice());

    // A client that sends its headers a byte at a time holds its own connection only.
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET /api/round HTTP/1.1\r\nHo").unwrap();
    let started = Instant::now();
    let (status, body) = http(
        &addr,
        &format!("GET /api/units/21238 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 200);
    assert!(body.contains("\"code\": \"21238\""));
    assert!(started.elapsed() < Duration::from_secs(5));
    slow.write_all(b"s").unwrap();
    drop(slow);

    let body = fixture("son-thuong.toml");
    let (status, answer) = http(
        &addr,
        &format!(
            "POST /api/evaluate HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/toml\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert_eq!(status, 200, "{answer}");

    // A chunked body past the limit (1 MiB by default) is cut as it arrives.
    let chunk = "x".repeat(64 * 1024);
    let mut request = format!(
        "POST /api/evaluate HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/toml\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    for _ in 0..20 {
        request.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    request.push_str("0\r\n\r\n");
    let (status, _) = http(&addr, &request);
    assert_eq!(status, 413);
    drop(server);
}

#[tokio::test]
async fn every_refusal_is_json_a_wrong_method_and_language_included() {
    let app = app();
    for (method, path, allow) in [
        ("DELETE", "/api/round?lang=en", "GET,HEAD"),
        ("POST", "/api/round?lang=en", "GET,HEAD"),
        ("GET", "/api/evaluate?lang=en", "POST"),
        ("PUT", "/api/units/21238?lang=en", "GET,HEAD"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap();
        let answer = send(&app, request).await;
        assert_eq!(
            answer.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(answer.header("allow"), allow, "{method} {path}");
        assert_eq!(answer.header("content-type"), "application/json");
        assert_secure(&answer);
        let refusal = answer.json();
        let route = path.split('?').next().unwrap();
        assert_eq!(
            refusal["error"],
            format!("{route} does not take the method {method}: see the Allow header.")
        );
        assert_eq!(refusal["problems"], serde_json::json!([]));
    }
    // A language the server does not speak is refused, not read as the default.
    for path in ["/api/round?lang=fr", "/api/units/21238?lang=EN"] {
        let answer = send(&app, get(path)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(answer.json()["error"].as_str().unwrap().contains("lang="));
    }
}

#[tokio::test]
async fn located_problems_are_in_the_requests_language() {
    let app = app();
    let text = fixture("son-thuong.toml").replace("children_total = 2140", "children_total = -1");
    for (query, lang) in [("", cfc::Lang::Vi), ("?lang=en", cfc::Lang::En)] {
        let answer = send(
            &app,
            post(
                &format!("/api/evaluate{query}"),
                "application/toml",
                text.clone(),
            ),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let refusal = answer.json();
        let problems = cfc::Evidence::parse(
            "request.toml",
            &text,
            Round::load(ROUND).unwrap().evaluator.criteria(),
            Some(2024),
        )
        .unwrap_err()
        .sorted()
        .0;
        assert_eq!(
            refusal["problems"].as_array().unwrap().len(),
            problems.len()
        );
        for (sent, problem) in refusal["problems"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&problems)
        {
            assert_eq!(
                sent["message"],
                cfc::words::problems::problem(&problem.problem, lang)
            );
        }
        let sentence = refusal["error"].as_str().unwrap();
        let vietnamese = sentence.starts_with("Số liệu không hợp lệ");
        assert_eq!(vietnamese, lang == cfc::Lang::Vi, "{sentence}");
    }
}

#[tokio::test]
async fn answers_are_compressed_when_the_client_accepts_it() {
    let app = app();
    let mut gzip = get("/api/round");
    gzip.headers_mut()
        .insert(header::ACCEPT_ENCODING, "gzip".parse().unwrap());
    let answer = app.clone().oneshot(gzip).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let headers = answer.headers().clone();
    assert_eq!(headers["content-encoding"], "gzip");
    assert_eq!(headers["x-cfc-generation"], "1");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["vary"], "accept-encoding");
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(headers[name], value);
    }
    let packed = axum::body::to_bytes(answer.into_body(), usize::MAX)
        .await
        .unwrap();
    let mut unpacked = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&packed[..]),
        &mut unpacked,
    )
    .unwrap();
    let document = cfc::render::json(&report());
    assert_eq!(unpacked, document);
    assert!(
        packed.len() * 8 < document.len(),
        "{} of {}",
        packed.len(),
        document.len()
    );
    // Without Accept-Encoding: as it is.
    let plain = send(&app, get("/api/round")).await;
    assert_eq!(plain.header("content-encoding"), "");
    assert_eq!(plain.body, document);
    // A PDF is compressed already: never again.
    let mut pdf = get("/units/21238/dossier.pdf");
    pdf.headers_mut()
        .insert(header::ACCEPT_ENCODING, "gzip".parse().unwrap());
    let answer = app.oneshot(pdf).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["content-type"], "application/pdf");
    assert!(!answer.headers().contains_key("content-encoding"));
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let (state, app) = app_with(token_config());
    let token = state.config().token.clone().unwrap();
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let mut request = get("/api/round");
        request.headers_mut().insert(
            header::AUTHORIZATION,
            format!("{scheme} {token}").parse().unwrap(),
        );
        assert_eq!(send(&app, request).await.status, StatusCode::OK, "{scheme}");
    }
    let mut basic = get("/api/round");
    basic.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Basic {token}").parse().unwrap(),
    );
    assert_eq!(send(&app, basic).await.status, StatusCode::UNAUTHORIZED);
}

#[test]
fn a_token_with_reserved_characters_survives_the_printed_address() {
    let token = "a&b #c;d=e%f";
    let server = Server::start(ROUND, &["--token", token]);
    let (addr, target) = (server.addr(), server.target());
    assert_eq!(target, "/?token=a%26b%20%23c%3Bd%3De%25f");
    // The browser opens it: a redirect, and the token as a cookie…
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .write_all(
            format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 303"), "{raw}");
    let cookie = raw
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    // …that opens the pages.
    let (status, _) = http(
        addr,
        &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status, 200);
    let (status, _) = http(
        addr,
        &format!(
            "GET /api/round HTTP/1.1\r\nHost: {addr}\r\nAuthorization: bearer {token}\r\n\
             Connection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 200);
    drop(server);
}

#[test]
fn a_broken_round_is_an_error_at_start() {
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args([
            "--lang",
            "en",
            "serve",
            "no/such/round",
            "--listen",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no/such/round"), "{stderr}");
}

#[test]
fn a_port_in_use_is_said_in_the_councils_words() {
    // The port is taken by another program (as by a second `cfc serve` left running).
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["serve", "fixtures/son-ha-2024", "--listen", &addr])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "không mở được cổng {addr}: một chương trình khác (có thể là một cfc serve khác) \
             đang dùng cổng này"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    drop(taken);
}

#[tokio::test]
async fn rules_that_fail_at_run_time_are_422() {
    // A round under a criteria set whose first script never ends for the unit's value (stopped
    // by the sandbox), a value the analysis of the rules does not try.
    let dir = tempfile::tempdir().unwrap();
    let criteria = std::fs::canonicalize("tests/data/hostile/loop-on-a-unit.toml").unwrap();
    let settings = fixture("round.toml")
        .lines()
        .filter(|l| !l.starts_with("policy"))
        .map(|l| {
            if l.starts_with("criteria") {
                format!("criteria = {:?}", criteria.display().to_string())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("round.toml"), settings).unwrap();
    let unit = std::fs::read_to_string("tests/data/hostile/unit.toml").unwrap();
    std::fs::write(dir.path().join("unit.toml"), &unit).unwrap();
    let (state, app) = app_with(Config::new(dir.path()));
    // The round still opens: the unit's failure is among its errors.
    assert!(state.snapshot().report.units.is_empty());
    assert_eq!(state.snapshot().report.errors.len(), 1);

    for route in ["/api/evaluate?lang=en", "/api/whatif?lang=en"] {
        let answer = send(&app, post(route, "application/toml", unit.clone())).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{route}");
        let error = answer.json()["error"].as_str().unwrap().to_string();
        assert!(
            error.contains("could not be evaluated") && error.contains("200000 operations"),
            "{error}"
        );
    }
}
