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
async fn names_sort_as_a_vietnamese_dictionary_does() {
    // Byte order puts Đ after Y and "Sơn Thượng" before "Sơn Thủy"; Vietnamese order does not.
    let dir = round_folder();
    for (file, from, to) in [
        ("di-lang.toml", "Di Lăng", "Đắk Hà"),
        ("son-bao.toml", "Sơn Bao", "Sơn Tây"),
        ("son-cao.toml", "Sơn Cao", "Ya Ly"),
        ("son-thanh.toml", "Sơn Thành", "Diên Sanh"),
        ("son-thuy.toml", "Sơn Thủy", "Sơn Thủy"),
        ("son-thuong.toml", "Sơn Thượng", "Sơn Thượng"),
    ] {
        let text = std::fs::read_to_string(Path::new(FIXTURE).join(file))
            .unwrap()
            .replace(&format!("name = \"{from}\""), &format!("name = \"{to}\""));
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let page = send(&app(Config::new(dir.path())), get("/?sort=name"))
        .await
        .text();
    let at = |name: &str| {
        page.find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let order = [
        "Diên Sanh",
        "Đắk Hà",
        "Sơn Tây",
        "Sơn Thủy",
        "Sơn Thượng",
        "Ya Ly",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
}

/// A page that the server's Content-Security-Policy lets a browser style: the server's own
/// stylesheet, and no inline style or script (which `default-src 'self'` blocks).
fn assert_styled(page: &str) {
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/assets/app.css\">"),
        "{page}"
    );
    assert!(!page.contains("style="), "{page}");
    assert!(!page.contains("<style"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
}

#[tokio::test]
async fn every_refusal_is_a_styled_page_in_the_readers_language() {
    let screen = fixture_app();
    let cases = [
        (
            get("/no/such/page"),
            StatusCode::NOT_FOUND,
            "Màn hình hội đồng không có trang ở địa chỉ này.",
        ),
        (
            get("/reload"),
            StatusCode::METHOD_NOT_ALLOWED,
            "Địa chỉ này không nhận yêu cầu kiểu này.",
        ),
        (
            {
                // A form of another site, as Chromium sends it.
                let mut r = Request::post("/reload")
                    .header(header::HOST, "127.0.0.1:8080")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::empty())
                    .unwrap();
                r.headers_mut()
                    .insert(header::ORIGIN, "null".parse().unwrap());
                r.headers_mut()
                    .insert("sec-fetch-site", "cross-site".parse().unwrap());
                r
            },
            StatusCode::FORBIDDEN,
            "Yêu cầu này không được thực hiện vì trình duyệt không cho thấy nó được gửi từ màn hình của cfc serve.",
        ),
        (
            {
                let mut r = get("/");
                r.headers_mut()
                    .insert(header::HOST, "evil.example".parse().unwrap());
                r
            },
            StatusCode::MISDIRECTED_REQUEST,
            "Máy chủ chỉ phục vụ địa chỉ của máy này",
        ),
    ];
    for (request, status, sentence) in cases {
        let answer = send(&screen, request).await;
        assert_eq!(answer.status, status, "{}", answer.text());
        assert!(answer.kind.starts_with("text/html"), "{}", answer.kind);
        let page = answer.text();
        assert!(page.contains("<html lang=\"vi\">"), "{page}");
        assert!(words(&page).contains(sentence), "{page}");
        assert_styled(&page);
        assert_no_english(&page);
    }
    let en = send(&screen, get("/no/such/page?lang=en")).await;
    assert_eq!(en.status, StatusCode::NOT_FOUND);
    assert!(words(&en.text()).contains("The council's screen has no page at this address."));
    // The API answers in JSON, as ever.
    let api = send(&screen, get("/api/reload?lang=en")).await;
    assert_eq!(api.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(api.kind.starts_with("application/json"), "{}", api.kind);

    // Off loopback, without the token: a page that says how to get in, styled by the
    // stylesheet, which is the binary's own and needs no token; nothing of the round.
    let mut config = Config::new(FIXTURE);
    config.listen = "0.0.0.0:0".parse().unwrap();
    let guarded = app(config);
    let answer = send(&guarded, get("/")).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let page = answer.text();
    assert!(
        words(&page).contains("Màn hình này cần mã truy cập."),
        "{page}"
    );
    assert!(!page.contains("Đánh giá xã"), "{page}");
    // No link back to the round, which would be refused the same way.
    assert!(!page.contains("href=\"/?lang="), "{page}");
    assert_styled(&page);
    assert_no_english(&page);
    let css = send(&guarded, get("/assets/app.css")).await;
    assert_eq!(css.status, StatusCode::OK);
    let other = send(&guarded, get("/assets/../api/round")).await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        send(&guarded, get("/api/round")).await.status,
        StatusCode::UNAUTHORIZED
    );
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

/// The round's warnings — what every command says on opening it, here a decision dated in the
/// year after the round's — are on the council's screen too, located, in the reader's
/// language; a round without any shows no such section.
#[tokio::test]
async fn the_round_s_warnings_are_on_its_page() {
    let dir = "tests/data/check/rounds/decision-after-year";
    let round = Round::load(dir).expect("the round opens despite its warning");
    assert_eq!(round.warnings.len(), 1, "{:?}", round.warnings);
    let screen = app(Config::new(dir));
    for (uri, heading, said) in [
        (
            "/",
            "Cảnh báo: quy tắc hoặc thiết lập của đợt có thể không như ý người soạn",
            "round.toml:8:17: cảnh báo: decision_date: ngày quyết định 10/01/2025 thuộc năm sau năm 2024 của đợt đánh giá",
        ),
        (
            "/?lang=en",
            "Warnings: the round's rules or settings may not be what their author meant",
            "round.toml:8:17: warning: decision_date: the decision date 2025-01-10 is after the round's year 2024",
        ),
    ] {
        let page = send(&screen, get(uri)).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("aria-labelledby=\"warnings-h\""), "{html}");
        let text = words(&html);
        assert!(text.contains(heading), "{text}");
        assert!(text.contains(said), "{text}");
        // Said beside the units, not instead of them.
        assert!(text.contains("10001"), "{text}");
    }
    let plain = words(&send(&fixture_app(), get("/")).await.text());
    assert!(!plain.contains("Cảnh báo:"), "{plain}");
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
        // The register as the dossier has it: whether each incident was fatal, whether its
        // support plan was approved (and by whom and when, when recorded).
        "Tử vong",
        "Có kế hoạch hỗ trợ",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    let row = html
        .split("<tr>")
        .find(|r| r.contains("<td>ST-2024-01</td>"))
        .expect("the drowning's row");
    assert!(
        row.contains("<td>đuối nước</td><td>không</td><td>không</td><td>có</td>"),
        "a drowning, not fatal, no plan, in the period: {row}"
    );
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
    assert!(
        text.contains("Fatal") && text.contains("Support plan approved"),
        "{text}"
    );
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

/// The answer of the what-if panel to `inputs`, in `lang`.
async fn tried(
    app: &axum::Router,
    code: &str,
    lang: &str,
    inputs: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({ "inputs": inputs }).to_string();
    let answer = send(
        app,
        post_json(&format!("/units/{code}/try?lang={lang}"), &body),
    )
    .await;
    let json = serde_json::from_slice(&answer.body).expect("a JSON answer");
    (answer.status, json)
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
    let (status, json) = tried(&app, "21211", "vi", inputs.into()).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["recognised"], true, "{json}");
    assert_eq!(json["decision"], "công nhận");
    assert_eq!(json["criteria"].as_array().unwrap().len(), 13);
    // What changed, beside the verdict: the file's own result and the figures edited.
    assert_eq!(
        json["note"], "Theo tệp: 795 — không công nhận. Đã sửa 1 số liệu.",
        "{json}"
    );

    // The file's own figures give the file's result; nothing was written.
    let (_, json) = tried(&app, "21211", "en", serde_json::json!({})).await;
    assert_eq!(json["total"], "795");
    assert_eq!(json["decision"], "not recognised");
    assert!(!json["reasons"].as_array().unwrap().is_empty());

    // The smallest change is at the top of the panel, in words, with its button.
    let page = send(&app, get("/units/21211")).await.text();
    let smallest = &page[page.find("id=\"smallest\"").expect("the smallest change")..];
    assert!(page.find("id=\"smallest\"") < page.find("id=\"try\""));
    let text = words(smallest);
    assert!(
        text.contains("Số hoạt động, sự kiện cho trẻ em trong kỳ (Tết Thiếu nhi, Tháng hành động, Trung thu …): từ 0 thành 1"),
        "{text}"
    );
    assert!(
        text.contains("Khi đó tổng điểm là 805: công nhận."),
        "{text}"
    );
    assert!(
        smallest.contains("data-changes=\"{&#34;in-children_events_held&#34;:&#34;1&#34;}\""),
        "{smallest}"
    );
    assert!(!text.contains("children_events_held"), "{text}");

    // A drowning is never edited away: the best figures leave Sơn Thượng refused, and no
    // button offers to try them.
    let page = send(&app, get("/units/21238")).await.text();
    let text = words(&page);
    assert!(
        text.contains("Không thể được công nhận trong đợt này:"),
        "{text}"
    );
    assert!(
        text.contains("Có trẻ em bị tai nạn đuối nước trong năm"),
        "{text}"
    );
    assert!(!page.contains("id=\"try-smallest\""));
    // A recognised unit needs nothing.
    let text = words(&send(&app, get("/units/21214?lang=en")).await.text());
    assert!(text.contains("nothing needs to change"), "{text}");
}

#[tokio::test]
async fn the_panel_reads_numbers_as_the_page_writes_them() {
    let app = fixture_app();
    // Sơn Nham has 1,720 children; the panel shows "1.720" in Vietnamese and reads it back.
    let page = send(&app, get("/units/21211")).await.text();
    assert!(
        page.contains("name=\"children_total\" value=\"1.720\""),
        "{page}"
    );
    let en = send(&app, get("/units/21211?lang=en")).await.text();
    assert!(
        en.contains("name=\"children_total\" value=\"1,720\""),
        "{en}"
    );
    for (lang, typed) in [
        ("vi", "1.720"),
        ("vi", "1720"),
        ("vi", "1 720"),
        ("en", "1,720"),
    ] {
        let (status, json) = tried(
            &app,
            "21211",
            lang,
            serde_json::json!({ "children_total": typed }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{typed} ({lang}): {json}");
        assert_eq!(json["total"], "795", "{typed} ({lang})");
    }
    // The money and the shares as shown: 45.000.000 đ, and a decimal comma.
    let (status, json) = tried(
        &app,
        "21211",
        "vi",
        serde_json::json!({ "child_budget_vnd": "45.000.000 đ" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");

    // The other language's habit is refused, never guessed: in Vietnamese "1,720" is one and
    // 72 hundredths, not a count; the panel says what it expects, by the input's label.
    let (status, json) = tried(
        &app,
        "21211",
        "vi",
        serde_json::json!({ "children_total": "1,720" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        json["problems"][0],
        "Số trẻ em dưới 16 tuổi đang sinh sống trên địa bàn: “1,720” không phải giá trị hợp lệ (cần số nguyên ≥ 0, viết như 1.720)",
        "{json}"
    );
    // No verdict of older figures stays as if current: no total, no decision, no points.
    assert_eq!(json["total"], "—");
    assert_eq!(json["decision"], "chưa có kết quả");
    assert_eq!(json["recognised"], false);
    assert!(json["criteria"].as_array().unwrap().is_empty());
    let (status, json) = tried(
        &app,
        "21211",
        "en",
        serde_json::json!({ "children_total": "1.720" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");

    // A part above its whole names both inputs by their labels, never by their ids.
    let (status, json) = tried(
        &app,
        "21211",
        "vi",
        serde_json::json!({ "under1_fully_vaccinated": "70" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let problem = json["problems"][0].as_str().unwrap();
    assert!(
        problem.starts_with("Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ")
            && problem.contains("70 lớn hơn Số trẻ em dưới 1 tuổi")
            && !problem.contains("under1"),
        "{problem}"
    );
    let (status, _) = tried(&app, "21211", "vi", serde_json::json!({ "incidents": "0" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_unit_whose_file_disappeared_says_so() {
    let dir = round_folder();
    std::fs::copy(
        Path::new(FIXTURE).join("son-nham.toml"),
        dir.path().join("son-nham.toml"),
    )
    .unwrap();
    let state = Arc::new(AppState::open(Config::new(dir.path())).unwrap());
    let app = router(state.clone());
    // The page was open; then the file was deleted and the round reloaded.
    assert_eq!(send(&app, get("/units/21211")).await.status, StatusCode::OK);
    std::fs::remove_file(dir.path().join("son-nham.toml")).unwrap();
    state.reload();
    let (status, json) = tried(
        &app,
        "21211",
        "vi",
        serde_json::json!({ "children_total": "1.720" }),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        json["problems"][0],
        "Tệp số liệu của đơn vị 21211 không còn trong đợt đánh giá (đã bị xóa, đổi tên, hoặc nay có lỗi): không thử được số liệu nào. Hãy về trang đợt đánh giá.",
        "{json}"
    );
    assert_eq!(json["decision"], "chưa có kết quả");
    let (status, _) = tried(&app, "99999", "vi", serde_json::json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
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

    // The unit's file under the shipped round's name: replaced where it is, by the unit's
    // code, never doubled by a file of the import's own name.
    std::fs::rename(
        dir.path().join("21238-son-thuong.toml"),
        dir.path().join("son-thuong.toml"),
    )
    .unwrap();
    let again = send(&app, upload(&[("son-thuong.xlsx", &book)], false)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = words(&again.text());
    assert!(
        text.contains("son-thuong.toml đã có: không ghi đè"),
        "{text}"
    );
    let forced = send(&app, upload(&[("son-thuong.xlsx", &book)], true)).await;
    assert_eq!(forced.status, StatusCode::OK, "{}", forced.text());
    assert!(words(&forced.text()).contains("Đã ghi: son-thuong.toml"));
    assert_eq!(files(dir.path()), ["round.toml", "son-thuong.toml"]);
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
    // The zip reader's English stays out of the Vietnamese page, which says what to do.
    assert!(
        text.contains("tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng"),
        "{text}"
    );
    assert!(!text.contains("Zip") && !text.contains("archive"), "{text}");
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
