//! The council's screen as a browser asks for it: every page in both languages, the what-if
//! panel's answers, the PDFs, the comparison, and importing workbooks by upload, through
//! `cfc::serve::router` (no socket).
#![cfg(feature = "serve")]

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cfc::serve::{AppState, Config, router};
use cfc::xlsx::{Layout, Prefill, TemplateOptions, template};
use cfc::{Evidence, Round};
use tower::ServiceExt;

const FIXTURE: &str = "fixtures/son-ha-2024";

fn app(config: Config) -> axum::Router {
    router(Arc::new(AppState::open(config).expect("the round opens")))
}

fn fixture_app() -> axum::Router {
    app(Config::new(FIXTURE))
}

struct Answer {
    status: StatusCode,
    kind: String,
    disposition: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }
}

async fn send(app: &axum::Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("an answer");
    let header_text = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let kind = header_text(header::CONTENT_TYPE);
    let disposition = header_text(header::CONTENT_DISPOSITION);
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 64 << 20)
        .await
        .expect("the body")
        .to_vec();
    Answer {
        status,
        kind,
        disposition,
        body,
    }
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .unwrap()
}

fn post_json(uri: &str, json: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json.to_string()))
        .unwrap()
}

/// The words a person reads on a page: the text between tags, entities decoded for the
/// few the templates make.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// English words of the pages' chrome that a Vietnamese page must not show.
const ENGLISH: &[&str] = &[
    "Recognised",
    "recognised",
    "Threshold",
    "Total",
    "Disqualifier",
    "Import",
    "Compare",
    "Reload",
    "Result",
    "Summary",
    "Criteria",
    "Indicator",
    "Incident",
    "points",
    "What if",
    "Download",
    "dossier",
];

fn assert_no_english(page: &str) {
    let text = words(page);
    for w in ENGLISH {
        assert!(
            !text.contains(w),
            "English {w:?} in a Vietnamese page:\n{text}"
        );
    }
}

#[tokio::test]
async fn the_round_page_lists_every_unit_in_vietnamese_and_in_english() {
    let app = fixture_app();
    let vi = send(&app, get("/")).await;
    assert_eq!(vi.status, StatusCode::OK);
    assert!(vi.kind.starts_with("text/html"), "{}", vi.kind);
    let page = vi.text();
    assert!(page.contains("<html lang=\"vi\">"));
    let text = words(&page);
    for name in ["Di Lăng", "Sơn Thượng", "Sơn Nham", "Sơn Trung"] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    assert!(
        text.contains("14 đơn vị được đánh giá: 9 công nhận, 5 không công nhận; 0 tệp có lỗi."),
        "{text}"
    );
    assert!(
        text.contains("Có trẻ em bị tai nạn đuối nước trong năm"),
        "{text}"
    );
    assert!(text.contains("DỮ LIỆU MINH HỌA"), "{text}");
    assert!(page.contains("href=\"/units/21238?lang=vi\""), "{page}");
    assert!(page.contains("href=\"/summary.pdf?lang=vi\""));
    assert_no_english(&page);

    let en = send(&app, get("/?lang=en")).await;
    assert_eq!(en.status, StatusCode::OK);
    let page = en.text();
    assert!(page.contains("<html lang=\"en\">"));
    let text = words(&page);
    assert!(
        text.contains("14 units evaluated: 9 recognised, 5 not recognised; 0 files with errors."),
        "{text}"
    );
    assert!(text.contains("ILLUSTRATIVE DATA"), "{text}");
    assert!(page.contains("href=\"/units/21238?lang=en\""));
    // The switch back to Vietnamese keeps the page.
    assert!(
        page.contains("href=\"/?lang=vi&#38;show=all&#38;sort=code\""),
        "{page}"
    );
}

#[tokio::test]
async fn the_round_page_filters_and_sorts_without_javascript() {
    let app = fixture_app();
    let page = send(&app, get("/?show=disqualified")).await.text();
    let text = words(&page);
    for shown in ["Sơn Thượng", "Sơn Thủy", "Sơn Ba"] {
        assert!(text.contains(shown), "{shown}:\n{text}");
    }
    assert!(!text.contains("Di Lăng"), "{text}");
    assert!(page.contains("Bị loại trừ (3)"), "{page}");

    let page = send(&app, get("/?show=recognised&sort=total")).await.text();
    let cao = page.find("Sơn Cao").expect("975 points, recognised");
    let ha = page.find("Sơn Hạ").expect("800 points, recognised");
    assert!(cao < ha, "highest total first");
    assert!(!page.contains("Sơn Nham"));

    // Every unit of the fixture uses provisional rules; no file has errors.
    let page = send(&app, get("/?show=provisional")).await.text();
    assert!(page.contains("Dùng quy tắc tạm thời (14)"), "{page}");
    let page = send(&app, get("/?show=errors")).await.text();
    assert!(page.contains("Tệp có lỗi (0)"), "{page}");
}

#[tokio::test]
async fn files_with_errors_are_listed_with_their_located_problems() {
    let page = send(&app(Config::new("fixtures/invalid")), get("/?show=errors")).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = words(&page.text());
    assert!(text.contains("Tệp số liệu có lỗi"), "{text}");
    assert!(
        text.contains("part-greater-than-whole.toml:25:29: inputs.births_registered_on_time: 85 lớn hơn births_in_period = 80"),
        "{text}"
    );
}

#[tokio::test]
async fn a_unit_page_shows_everything_explain_knows() {
    let app = fixture_app();
    let page = send(&app, get("/units/21238")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    let text = words(&html);
    for expected in [
        "Sơn Thượng",
        "835",
        "800",
        "không công nhận",
        "ST-2024-01",
        "Điều kiện loại trừ của địa phương",
        "tạm thời",
        "đã xác nhận",
        "Xem hồ sơ (PDF)",
        "Thay đổi nhỏ nhất để được công nhận",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    // Every declared input is in the what-if panel, labelled; no incident is.
    let round = Round::load(FIXTURE).unwrap();
    for input in round.evaluator.criteria().inputs() {
        assert!(
            html.contains(&format!("<label for=\"in-{}\">", input.name)),
            "{}",
            input.name
        );
    }
    assert!(!html.contains("name=\"incidents"));
    assert_no_english(&html);

    let en = send(&app, get("/units/21238?lang=en")).await.text();
    let text = words(&en);
    assert!(text.contains("not recognised"), "{text}");
    assert!(text.contains("Local disqualifiers"), "{text}");
    assert!(text.contains("View the dossier (PDF)"), "{text}");
}

#[tokio::test]
async fn an_unknown_unit_is_404_in_the_readers_language() {
    let app = fixture_app();
    let page = send(&app, get("/units/99999")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(words(&page.text()).contains("Không tìm thấy"));
    let page = send(&app, get("/units/..%2F..%2Fetc%2Fpasswd?lang=en")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(words(&page.text()).contains("no evaluated unit of code ../../etc/passwd"));
    let pdf = send(&app, get("/units/99999/dossier.pdf")).await;
    assert_eq!(pdf.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_what_if_panel_recomputes_and_the_smallest_change_is_offered() {
    let app = fixture_app();
    // Sơn Nham misses the threshold by 5 points: the engine's own smallest change, typed
    // into the panel, makes it recognised.
    let round = Round::load(FIXTURE).unwrap();
    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21211")
        .unwrap();
    let answer = cfc::whatif::whatif(&round.evaluator, ev).unwrap();
    assert!(answer.achievable);
    let inputs: serde_json::Map<String, serde_json::Value> = answer
        .changes
        .iter()
        .map(|c| (c.input.clone(), serde_json::Value::String(c.to.to_string())))
        .collect();
    let body = serde_json::json!({ "inputs": inputs }).to_string();
    let tried = send(&app, post_json("/units/21211/try", &body)).await;
    assert_eq!(tried.status, StatusCode::OK, "{}", tried.text());
    let json: serde_json::Value = serde_json::from_slice(&tried.body).unwrap();
    assert_eq!(json["recognised"], true, "{json}");
    assert_eq!(json["decision"], "công nhận");
    assert_eq!(json["criteria"].as_array().unwrap().len(), 13);

    // The file's own figures give the file's result; nothing was written.
    let same = send(
        &app,
        post_json("/units/21211/try?lang=en", r#"{"inputs":{}}"#),
    )
    .await;
    let json: serde_json::Value = serde_json::from_slice(&same.body).unwrap();
    assert_eq!(json["total"], "795");
    assert_eq!(json["decision"], "not recognised");
    assert!(!json["reasons"].as_array().unwrap().is_empty());

    // A figure that is not a value, a part above its whole, an unknown input: 400 in words.
    let bad = send(
        &app,
        post_json(
            "/units/21211/try",
            r#"{"inputs":{"children_total":"12,5"}}"#,
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let json: serde_json::Value = serde_json::from_slice(&bad.body).unwrap();
    assert!(
        json["problems"][0]
            .as_str()
            .unwrap()
            .contains("“12,5” không phải giá trị hợp lệ"),
        "{json}"
    );
    let bad = send(
        &app,
        post_json("/units/21211/try", r#"{"inputs":{"births_in_period":"0"}}"#),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
    let bad = send(
        &app,
        post_json("/units/21211/try", r#"{"inputs":{"incidents":"0"}}"#),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let missing = send(&app, post_json("/units/99999/try", r#"{"inputs":{}}"#)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // A drowning is never edited away: the best figures leave Sơn Thượng refused.
    let page = send(&app, get("/units/21238?whatif=1")).await.text();
    let text = words(&page);
    assert!(text.contains("Sơn Thượng (21238):"), "{text}");

    let page = send(&app, get("/units/21211?whatif=1")).await.text();
    assert!(page.contains("id=\"smallest\""));
}

#[tokio::test]
async fn the_pdfs_are_served_inline_and_for_download() {
    let app = fixture_app();
    let pdf = send(&app, get("/units/21238/dossier.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.kind, "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF"));
    assert_eq!(pdf.disposition, "inline; filename=\"21238-son-thuong.pdf\"");
    // The same bytes as `cfc dossier` draws.
    let round = Round::load(FIXTURE).unwrap();
    let result = round.evaluate();
    let unit = result.unit("21238").unwrap();
    let ctx = cfc::render::dossier::Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: cfc::Lang::Vi,
    };
    assert_eq!(
        pdf.body,
        cfc::render::dossier::dossier(unit, &ctx).unwrap().bytes
    );

    let down = send(&app, get("/units/21238/dossier.pdf?download=1&lang=en")).await;
    assert_eq!(
        down.disposition,
        "attachment; filename=\"21238-son-thuong.pdf\""
    );
    let summary = send(&app, get("/summary.pdf")).await;
    assert_eq!(summary.status, StatusCode::OK);
    assert!(summary.body.starts_with(b"%PDF"));
}

#[tokio::test]
async fn the_comparison_says_how_to_ask_for_one_or_shows_it() {
    let page = send(&fixture_app(), get("/compare")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(words(&page.text()).contains("--compare"));

    let mut config = Config::new(FIXTURE);
    config.compare = Some("fixtures/son-ha-2024".into());
    let page = send(&app(config), get("/compare?lang=en")).await;
    let text = words(&page.text());
    assert!(
        text.contains("14 units in both; 0 with another total"),
        "{text}"
    );
}

#[tokio::test]
async fn names_are_escaped() {
    let dir = round_folder();
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("di-lang.toml"))
        .unwrap()
        .replace(
            "name = \"Di Lăng\"",
            "name = \"Di <b>Lăng</b> & \\\"co\\\"\"",
        );
    std::fs::write(dir.path().join("di-lang.toml"), text).unwrap();
    let app = app(Config::new(dir.path()));
    let page = send(&app, get("/")).await.text();
    assert!(
        page.contains("Di &#60;b&#62;Lăng&#60;/b&#62; &#38; &#34;co&#34;")
            || page.contains("Di &lt;b&gt;Lăng&lt;/b&gt; &amp; &quot;co&quot;"),
        "{page}"
    );
    assert!(!page.contains("<b>Lăng"));
    let unit = send(&app, get("/units/21202")).await.text();
    assert!(!unit.contains("<b>Lăng"));
}

/// A round folder with the fixture's round.toml, the rule paths absolute, and no unit.
fn round_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("round.toml"))
        .unwrap()
        .replace("../../criteria/", &format!("{crate_dir}/criteria/"));
    std::fs::write(dir.path().join("round.toml"), text).unwrap();
    dir
}

/// A unit workbook holding `ev`, as `cfc template --xlsx --from` makes it.
fn workbook(round: &Round, ev: Evidence) -> Vec<u8> {
    let opts = TemplateOptions {
        layout: Layout::Unit,
        year: 2024,
        criteria_path: String::new(),
        prefill: Prefill {
            settings: Some(round.settings.clone()),
            units: vec![ev],
        },
    };
    template(round.evaluator.criteria(), &opts).unwrap()
}

fn upload(files: &[(&str, &[u8])], force: bool) -> Request<Body> {
    let boundary = "cfc-test-boundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"workbooks\"; filename=\"{name}\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    if force {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"force\"\r\n\r\n1\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post("/import")
        .header(header::HOST, "127.0.0.1:8080")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn an_uploaded_workbook_becomes_evidence_and_the_round_shows_it() {
    let round = Round::load(FIXTURE).unwrap();
    let dir = round_folder();
    let app = app(Config::new(dir.path()));
    let form = send(&app, get("/import")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("enctype=\"multipart/form-data\""));
    assert!(!words(&send(&app, get("/")).await.text()).contains("Sơn Thượng"));

    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21238")
        .unwrap();
    let book = workbook(&round, ev.clone());
    let done = send(&app, upload(&[("son-thuong.xlsx", &book)], false)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let text = words(&done.text());
    assert!(text.contains("Đã ghi: 21238-son-thuong.toml"), "{text}");
    assert!(text.contains("đã ghi 1 tệp số liệu vào"), "{text}");
    assert_eq!(files(dir.path()), ["21238-son-thuong.toml", "round.toml"]);
    // The round reloaded: the unit is on the round page.
    let page = words(&send(&app, get("/")).await.text());
    assert!(page.contains("Sơn Thượng"), "{page}");
    assert!(page.contains("Lần tải thứ 2"), "{page}");

    // Again: the file exists and is kept unless replacing is asked for.
    let again = send(&app, upload(&[("son-thuong.xlsx", &book)], false)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = words(&again.text());
    assert!(
        text.contains("21238-son-thuong.toml đã có: không ghi đè"),
        "{text}"
    );
    // The web names files in the round folder, never a path of the server's disk.
    let full = dir.path().join("21238-son-thuong.toml");
    assert!(!text.contains(&full.display().to_string()), "{text}");
    let forced = send(&app, upload(&[("son-thuong.xlsx", &book)], true)).await;
    assert_eq!(forced.status, StatusCode::OK, "{}", forced.text());
}

#[tokio::test]
async fn an_invalid_workbook_shows_every_problem_by_cell_and_writes_nothing() {
    let round = Round::load(FIXTURE).unwrap();
    let dir = round_folder();
    let app = app(Config::new(dir.path()));
    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21211")
        .unwrap();
    let good = workbook(&round, ev.clone());
    // A workbook cut short, and one with a value far outside the form.
    let book = good[..good.len() / 2].to_vec();
    let mut far = rust_xlsxwriter::Workbook::new();
    let ws = far.add_worksheet().set_name("Chỉ tiêu").unwrap();
    ws.write_string(0, 0, "x").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let far = far.save_to_buffer().unwrap();
    let done = send(
        &app,
        upload(
            &[
                ("hong.xlsx", &book),
                ("far.xlsx", &far),
                ("not-a-workbook.xlsx", b"hello"),
            ],
            false,
        ),
    )
    .await;
    assert_eq!(done.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = words(&done.text());
    assert!(text.contains("hong.xlsx"), "{text}");
    assert!(text.contains("not-a-workbook.xlsx"), "{text}");
    assert!(
        text.contains("far.xlsx › Chỉ tiêu: có giá trị ở ô XFD1048576"),
        "{text}"
    );
    assert!(text.contains("không nhập (1 lỗi)"), "{text}");
    assert_eq!(files(dir.path()), ["round.toml"]);

    // The English page says the same in English.
    let en = send(&app, {
        let mut r = upload(&[("not-a-workbook.xlsx", b"hello")], false);
        *r.uri_mut() = "/import?lang=en".parse().unwrap();
        r
    })
    .await;
    assert!(words(&en.text()).contains("not imported (1 problem)"));
    let none = send(&app, upload(&[], false)).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn reload_redirects_to_the_round_and_assets_are_served() {
    let app = fixture_app();
    let reload = send(
        &app,
        Request::post("/reload?lang=en")
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reload.status, StatusCode::SEE_OTHER);
    let page = words(&send(&app, get("/?lang=en")).await.text());
    assert!(page.contains("Load 2"), "{page}");
    let css = send(&app, get("/assets/app.css")).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.kind.starts_with("text/css"));
    assert!(css.text().contains(":focus-visible"));
    let js = send(&app, get("/assets/app.js")).await;
    assert!(js.kind.starts_with("text/javascript"));
    assert!(js.text().contains("/try") || js.text().contains("getAttribute(\"action\")"));
}
