//! The council's meeting in a real browser: headless Chromium, driven through chromedriver
//! over the W3C WebDriver protocol (a few HTTP requests, written here by hand), on a
//! projector's 1024×768 screen. It goes through the meeting as a clerk does — the round,
//! filters and sorting, a unit, an edit of the panel's last figure with the verdict in view,
//! an invalid figure, the smallest change tried with one click, the dossier, the comparison,
//! a reload, the import of a valid workbook and of one with a typing mistake, the language
//! switch — in Vietnamese and then in English, and runs axe-core (WCAG 2.1 A and AA and the
//! best practices) on every state of every page: no violation is allowed. Then a phone's
//! 390 px: no page scrolls sideways.
//!
//! Skipped, saying so, where `chromium` or `chromedriver` is not installed (`.ci/run` installs
//! Debian's `chromium` and `chromium-driver`); the accessibility checks alone are skipped,
//! saying so, where axe-core is not installed (`npm ci` in `tests/browser/`, which `.ci/run`
//! does).
//!
//! `CFC_SCREENSHOTS=docs cargo test --test browser` also saves the screenshots of
//! `docs/serve.md`: `serve-round.png`, `serve-unit.png` (the smallest change tried),
//! `serve-last-figure.png` (the verdict in view while the last figure is edited),
//! `serve-import.png` (a typing mistake located) and `serve-phone.png`.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A child process ended when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// One HTTP/1.1 request to chromedriver; the JSON answer's `value`.
fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver answers");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // chromedriver keeps the connection open: the answer ends where its length says.
    let mut reader = BufReader::new(stream);
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end().to_lowercase();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("content-length:") {
            length = n.trim().parse::<usize>().ok();
        }
        chunked |= line.starts_with("transfer-encoding:") && line.contains("chunked");
    }
    let content = if let Some(n) = length {
        let mut body = vec![0; n];
        reader.read_exact(&mut body).unwrap();
        body
    } else if chunked {
        let mut body = Vec::new();
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            body.extend_from_slice(&chunk[..size]);
        }
        body
    } else {
        let mut body = Vec::new();
        reader.read_to_end(&mut body).unwrap();
        body
    };
    let json: Value = serde_json::from_slice(&content).unwrap_or_else(|e| {
        panic!(
            "{method} {path}: {e}: {}",
            String::from_utf8_lossy(&content)
        )
    });
    if json["value"]["error"].is_string() {
        panic!("{method} {path}: {}", json["value"]);
    }
    json["value"].clone()
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | u32::from(*d) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

struct Browser {
    port: u16,
    session: String,
    /// axe-core's source, when it is installed.
    axe: Option<String>,
    /// Where to save screenshots, when asked.
    screenshots: Option<PathBuf>,
    /// The page states checked by axe-core, for the summary.
    checked: usize,
}

impl Browser {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn go(&self, url: &str) {
        call(
            self.port,
            "POST",
            &self.path("/url"),
            Some(&json!({ "url": url })),
        );
    }

    fn find(&self, using: &str, value: &str) -> String {
        let found = call(
            self.port,
            "POST",
            &self.path("/element"),
            Some(&json!({ "using": using, "value": value })),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element reference")
            .to_string()
    }

    fn click(&self, element: &str) {
        call(
            self.port,
            "POST",
            &self.path(&format!("/element/{element}/click")),
            Some(&json!({})),
        );
    }

    fn click_css(&self, css: &str) {
        self.click(&self.find("css selector", css));
    }

    fn click_link(&self, words: &str) {
        self.click(&self.find("link text", words));
    }

    /// Replaces a field's text by `text`, as typed on the keyboard.
    fn type_into(&self, css: &str, text: &str) {
        let field = self.find("css selector", css);
        call(
            self.port,
            "POST",
            &self.path(&format!("/element/{field}/clear")),
            Some(&json!({})),
        );
        call(
            self.port,
            "POST",
            &self.path(&format!("/element/{field}/value")),
            Some(&json!({ "text": text })),
        );
    }

    fn text(&self, css: &str) -> String {
        let el = self.find("css selector", css);
        call(
            self.port,
            "GET",
            &self.path(&format!("/element/{el}/text")),
            None,
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    fn title(&self) -> String {
        call(self.port, "GET", &self.path("/title"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn script(&self, script: &str) -> Value {
        call(
            self.port,
            "POST",
            &self.path("/execute/sync"),
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    /// Waits until `script` returns true; false if it never does within 15 s.
    fn until(&self, script: &str) -> bool {
        let start = Instant::now();
        loop {
            if self.script(script) == json!(true) {
                return true;
            }
            if start.elapsed() > Duration::from_secs(15) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the element's text to be `expected`, as the panel answers asynchronously.
    fn wait_text(&self, css: &str, expected: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text(css);
            if text == expected || start.elapsed() > Duration::from_secs(15) {
                return text;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The viewport, as Chromium's DevTools set it: exactly the screen's pixels.
    fn viewport(&self, width: u32, height: u32) {
        call(
            self.port,
            "POST",
            &self.path("/goog/cdp/execute"),
            Some(&json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": { "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }
            })),
        );
        assert_eq!(
            self.script("return [innerWidth, innerHeight];"),
            json!([width, height])
        );
    }

    fn screenshot(&self, file: &str) {
        let Some(dir) = &self.screenshots else {
            return;
        };
        let png = call(self.port, "GET", &self.path("/screenshot"), None);
        std::fs::write(dir.join(file), base64(png.as_str().expect("a PNG"))).unwrap();
    }

    /// Whether the element's box lies inside the viewport.
    fn in_view(&self, css: &str) -> bool {
        self.script(&format!(
            "var r = document.querySelector({css:?}).getBoundingClientRect(); \
             return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;"
        )) == json!(true)
    }

    /// Runs axe-core on the page as it is now: every rule of WCAG 2.1 A and AA and every best
    /// practice; fails on any violation, naming it and where.
    fn axe(&mut self, state: &str) {
        let Some(source) = &self.axe else {
            return;
        };
        if self.script("return typeof window.axe;") != json!("object") {
            self.script(&format!("{source}\nreturn true;"));
        }
        let found = call(
            self.port,
            "POST",
            &self.path("/execute/async"),
            Some(&json!({
                "script": "var done = arguments[arguments.length - 1]; \
                    axe.run(document, { runOnly: { type: 'tag', values: \
                    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }) \
                    .then(function (r) { done(r.violations.map(function (v) { \
                    return v.id + ': ' + v.help + ' — ' + v.nodes.map(function (n) \
                    { return n.target.join(' ') + ' ' + n.failureSummary; }).join(' | '); })); }) \
                    .catch(function (e) { done(['axe failed: ' + e]); });",
                "args": []
            })),
        );
        let violations = found.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe-core on {state}:\n{}",
            violations
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        self.checked += 1;
    }

    /// The words on the screen.
    fn body(&self) -> String {
        self.script("return document.body.innerText;")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A Vietnamese screen shows no input id (`under1_children`) and none of the words the
    /// libraries underneath write in English.
    fn no_ids_or_english(&self, state: &str) {
        let text = self.body();
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            assert!(
                !(word.contains('_') && word.chars().any(|c| c.is_ascii_lowercase())),
                "an id ({word}) on the Vietnamese screen of {state}:\n{text}"
            );
        }
        for english in [
            "error",
            "invalid",
            "Zip",
            "archive",
            "os error",
            "not found",
            "recognised",
        ] {
            assert!(
                !text.contains(english),
                "English ({english}) on the Vietnamese screen of {state}:\n{text}"
            );
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| call(self.port, "DELETE", &self.path(""), None));
    }
}

/// A copy of the shipped round in a folder of its own (the meeting imports into it and
/// reloads it), its rule files named by absolute paths.
fn round_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("fixtures/son-ha-2024").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let criteria = std::fs::canonicalize("criteria").unwrap();
    let settings = std::fs::read_to_string(dir.path().join("round.toml"))
        .unwrap()
        .replace("../../criteria", &criteria.display().to_string());
    std::fs::write(dir.path().join("round.toml"), settings).unwrap();
    dir
}

/// Sơn Nham's workbook as `cfc template --xlsx --from` makes it, its events of the year
/// raised from 0 to 1: valid, and enough for recognition.
fn good_workbook(round: &cfc::Round, path: &Path) {
    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21211")
        .unwrap();
    let text = std::fs::read_to_string(ev.source())
        .unwrap()
        .replace("children_events_held = 0", "children_events_held = 1");
    let ev = cfc::Evidence::parse(
        "son-nham.toml",
        &text,
        round.evaluator.criteria(),
        Some(2024),
    )
    .unwrap();
    let opts = cfc::xlsx::TemplateOptions {
        layout: cfc::xlsx::Layout::Unit,
        year: 2024,
        criteria_path: String::new(),
        prefill: cfc::xlsx::Prefill {
            settings: Some(round.settings.clone()),
            units: vec![ev],
        },
    };
    std::fs::write(
        path,
        cfc::xlsx::template(round.evaluator.criteria(), &opts).unwrap(),
    )
    .unwrap();
}

/// Sơn Nham's workbook filled in by hand in the form's layout (ids in column B, values in C
/// on "Thông tin" and in D on "Chỉ tiêu", from the third row), with a typing mistake: the
/// children counted as "1.72O", a letter O for a zero.
fn workbook_with_a_typo(round: &cfc::Round, path: &Path) {
    let set = round.evaluator.criteria();
    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21211")
        .unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    let header = [
        ("unit.code", "21211"),
        ("unit.name", "Sơn Nham"),
        ("unit.kind", "xã"),
        ("unit.class", "mountain_island_difficult"),
        ("unit.synthetic", "Có"),
        ("period.from", "01/01/2024"),
        ("period.to", "31/12/2024"),
    ];
    for (row, (id, value)) in (2u32..).zip(header) {
        ws.write_string(row, 1, id).unwrap();
        ws.write_string(row, 2, value).unwrap();
    }
    let ws = wb.add_worksheet().set_name("Chỉ tiêu").unwrap();
    for ((row, input), value) in (2u32..).zip(set.inputs()).zip(ev.values()) {
        ws.write_string(row, 1, &input.name).unwrap();
        match value {
            _ if input.name == "children_total" => ws.write_string(row, 3, "1.72O"),
            cfc::evidence::Value::Number(n) => ws.write_number(row, 3, *n as f64),
            cfc::evidence::Value::Bool(b) => {
                ws.write_string(row, 3, if *b { "Có" } else { "Không" })
            }
            cfc::evidence::Value::Decimal(d) => ws.write_string(row, 3, d.to_string()),
        }
        .unwrap();
    }
    wb.add_worksheet().set_name("Sự việc").unwrap();
    let ws = wb.add_worksheet().set_name("cfc").unwrap();
    ws.write_string(0, 1, "unit").unwrap();
    ws.write_string(1, 1, set.id()).unwrap();
    std::fs::write(path, wb.save_to_buffer().unwrap()).unwrap();
}

/// What a language's screens say, for the steps of the meeting.
struct Said {
    lang: &'static str,
    counts: &'static str,
    refused_filter: &'static str,
    by_name: &'static str,
    refused: &'static str,
    recognised: &'static str,
    no_result: &'static str,
    try_it: &'static str,
    compare: &'static str,
    compared: &'static str,
    reload: &'static str,
    load_2: &'static str,
    import: &'static str,
    written: &'static str,
    typo_at: &'static str,
    switch_to_other: &'static str,
    /// The first unit's count as the page writes it, and as the other language does.
    count_shown: &'static str,
    count_foreign: &'static str,
}

const VI: Said = Said {
    lang: "vi",
    counts: "14 đơn vị được đánh giá",
    refused_filter: "Không công nhận (5)",
    by_name: "Tên",
    refused: "không công nhận",
    recognised: "công nhận",
    no_result: "chưa có kết quả",
    try_it: "Thử thay đổi này",
    compare: "So sánh",
    compared: "14 đơn vị có ở cả hai",
    reload: "Tải lại đợt đánh giá",
    load_2: "Lần tải thứ",
    import: "Nhập bảng tính",
    written: "Đã ghi: son-nham.toml",
    typo_at: "son-nham-loi.xlsx › Chỉ tiêu › D3",
    switch_to_other: "English",
    count_shown: "1.720",
    count_foreign: "1,720",
};

const EN: Said = Said {
    lang: "en",
    counts: "14 units evaluated",
    refused_filter: "Not recognised (5)",
    by_name: "Name",
    refused: "not recognised",
    recognised: "recognised",
    no_result: "no result",
    try_it: "Try this change",
    compare: "Compare",
    compared: "14 units in both",
    reload: "Reload the round",
    load_2: "Load ",
    import: "Import workbooks",
    written: "Written: son-nham.toml",
    typo_at: "son-nham-loi.xlsx › Chỉ tiêu › D3",
    switch_to_other: "Tiếng Việt",
    count_shown: "1,720",
    count_foreign: "1.720",
};

/// The meeting, in one language, from the round page to the import; `b` is on the round
/// page when it starts, and on the other language's round page, the round as shipped
/// again, when it ends.
fn meeting(b: &mut Browser, base: &str, said: &Said, books: &Path, round_dir: &Path) {
    let state = |what: &str| format!("{what} ({})", said.lang);
    let vi = said.lang == "vi";
    let check = |b: &mut Browser, what: &str| {
        b.axe(&state(what));
        if vi {
            b.no_ids_or_english(&state(what));
        }
    };

    // The round: its counts, and result rows on the first screen of the projector.
    assert!(
        b.text("#counts").starts_with(said.counts),
        "{}",
        b.text("#counts")
    );
    assert!(
        b.in_view("table.units tbody tr"),
        "no result row on the first screen: {}",
        b.script("return JSON.stringify(document.querySelector('table.units tbody tr').getBoundingClientRect());")
    );
    check(b, "the round");
    if vi {
        b.screenshot("serve-round.png");
    }

    // Filters and sorting, as links.
    b.click_link(said.refused_filter);
    assert!(b.until("return document.querySelectorAll('table.units tbody tr').length === 5;"));
    check(b, "the round, not recognised");
    b.click_link(said.by_name);
    assert!(b.until("return location.search.indexOf('sort=name') >= 0;"));
    let names = b.script(
        "return Array.from(document.querySelectorAll('table.units tbody th')).map(function (t) { return t.innerText; });",
    );
    let names: Vec<String> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["Sơn Ba", "Sơn Giang", "Sơn Nham", "Sơn Thủy", "Sơn Thượng"],
        "Vietnamese order: Thủy before Thượng"
    );
    check(b, "the round, not recognised, by name");

    // A unit, opened by its link: Sơn Nham misses the threshold by 5 points.
    b.click_link("Sơn Nham");
    assert!(b.title().starts_with("Sơn Nham (21211)"), "{}", b.title());
    assert_eq!(b.text("#try-decision"), said.refused);
    check(b, "a unit");

    // The last figure of the panel, edited at the bottom of the panel: the verdict above is
    // still on the screen, and says what changed.
    let last = "#try tbody tr:last-child input, #try tbody tr:last-child select";
    b.script(&format!(
        "document.querySelector({last:?}).scrollIntoView({{block: 'center'}});"
    ));
    let before = b.text("#try-note");
    b.type_into(last, "125");
    assert!(b.until(&format!(
        "return document.getElementById('try-note').innerText !== {before:?} && \
         !document.getElementById('try-bar').classList.contains('pending');"
    )));
    assert!(b.in_view(last), "the edited figure is on the screen");
    assert!(
        b.in_view("#try-verdict"),
        "the verdict is on the screen while the last figure is edited"
    );
    assert!(b.in_view("#try-note"), "what changed is on the screen");
    check(b, "a unit, its last figure edited");
    if vi {
        b.screenshot("serve-last-figure.png");
    }

    // An invalid figure: no verdict stays on the screen as if it were current.
    b.type_into(last, "12x");
    assert_eq!(b.wait_text("#try-decision", said.no_result), said.no_result);
    assert_eq!(b.text("#try-total"), "—");
    assert!(b.in_view("#try-verdict"));
    assert!(
        b.script("return document.getElementById('try-verdict').className;")
            == json!("verdict invalid")
    );
    assert!(!b.text("#try-problems").is_empty());
    assert!(
        b.script("return Array.from(document.querySelectorAll('.try-criteria td')).every(function (td) { return td.innerText === '—'; });")
            == json!(true)
    );
    check(b, "a unit, an invalid figure");

    // A count typed as the page writes it is taken; the other language's way is refused.
    b.click_css("#try-reset");
    assert_eq!(b.wait_text("#try-decision", said.refused), said.refused);
    b.type_into("#in-children_total", said.count_foreign);
    assert_eq!(b.wait_text("#try-decision", said.no_result), said.no_result);
    b.type_into("#in-children_total", said.count_shown);
    assert_eq!(b.wait_text("#try-decision", said.refused), said.refused);

    // The smallest change, at the top of the panel, tried with one click: the decision
    // flips, and the file's own verdict above the panel stays as it was.
    b.click_css("#try-reset");
    assert!(b.until("return !document.querySelector('#try .changed');"));
    b.script("document.getElementById('whatif').scrollIntoView();");
    assert_eq!(b.text("#try-smallest"), said.try_it);
    b.click_css("#try-smallest");
    assert_eq!(
        b.wait_text("#try-decision", said.recognised),
        said.recognised
    );
    assert_eq!(b.text("#try-total"), "805");
    assert!(b.in_view("#try-verdict"));
    assert_eq!(
        b.script("return document.getElementById('in-children_events_held').value;"),
        json!("1")
    );
    assert!(b.text("#verdict").contains(said.refused));
    check(b, "a unit, the smallest change tried");
    if vi {
        b.script("document.activeElement.blur();");
        b.screenshot("serve-unit.png");
    }

    // The dossier: a PDF, the one `cfc dossier` draws.
    let pdf = b.script(
        "var a = document.querySelector('.bar a'); var x = new XMLHttpRequest(); \
         x.open('GET', a.href, false); x.overrideMimeType('text/plain; charset=x-user-defined'); \
         x.send(); return [x.status, x.getResponseHeader('content-type'), x.responseText.slice(0, 5)];",
    );
    assert_eq!(pdf, json!([200, "application/pdf", "%PDF-"]));

    // Last year's results beside this year's.
    b.click_link(said.compare);
    assert!(b.body().contains(said.compared), "{}", b.body());
    check(b, "the comparison");

    // A reload, with the button of the round page.
    b.go(&format!("{base}/?lang={}", said.lang));
    let generation = b.text(".generation");
    b.click(&b.find("xpath", &format!("//button[text()='{}']", said.reload)));
    assert!(b.until(&format!(
        "return document.querySelector('.generation').innerText !== {generation:?};"
    )));
    assert!(b.text(".generation").starts_with(said.load_2));
    check(b, "the round, reloaded");

    // The import: a workbook with a typing mistake, located by sheet and cell, writes
    // nothing; a valid one replaces Sơn Nham's file, which the round then shows recognised.
    b.click_link(said.import);
    check(b, "the import form");
    let upload = |b: &Browser, file: &Path, replace: bool| {
        let input = b.find("css selector", "#workbooks");
        call(
            b.port,
            "POST",
            &b.path(&format!("/element/{input}/value")),
            Some(&json!({ "text": file.display().to_string() })),
        );
        if replace {
            b.click_css("#force");
        }
        // The page before the answer also shows an outcome: wait for the new page's.
        b.script("window.beforeTheAnswer = true;");
        b.click_css("form.import button[type=submit]");
        assert!(
            b.until("return !window.beforeTheAnswer && !!document.getElementById('outcome-h');")
        );
    };
    upload(b, &books.join("son-nham-loi.xlsx"), false);
    assert!(b.body().contains(said.typo_at), "{}", b.body());
    check(b, "the import, a workbook with a mistake");
    if vi {
        b.screenshot("serve-import.png");
    }
    upload(b, &books.join("son-nham.xlsx"), true);
    assert!(b.body().contains(said.written), "{}", b.body());
    check(b, "the import, a valid workbook");
    b.go(&format!("{base}/units/21211?lang={}", said.lang));
    assert_eq!(b.text("#verdict .big"), "805");
    check(b, "a unit, after the import");

    // An address the screen does not have.
    b.go(&format!("{base}/no/such/page?lang={}", said.lang));
    check(b, "the 404 page");

    // Sơn Nham's file as shipped again, the round reloaded, and the other language by its
    // switch.
    std::fs::copy(
        "fixtures/son-ha-2024/son-nham.toml",
        round_dir.join("son-nham.toml"),
    )
    .unwrap();
    b.go(&format!("{base}/?lang={}", said.lang));
    b.click(&b.find("xpath", &format!("//button[text()='{}']", said.reload)));
    assert!(b.until("return document.querySelector('tr.no a[href*=\"21211\"]') !== null;"));
    b.click_link(said.switch_to_other);
}

#[test]
fn a_council_holds_its_meeting_on_the_screen() {
    if !installed("chromium") || !installed("chromedriver") {
        eprintln!(
            "SKIPPED a_council_holds_its_meeting_on_the_screen: `chromium` or `chromedriver` is not installed (apt-get install -y chromium chromium-driver)"
        );
        return;
    }
    let started = Instant::now();
    let axe = std::fs::read_to_string("tests/browser/node_modules/axe-core/axe.min.js").ok();
    if axe.is_none() {
        eprintln!(
            "SKIPPED the accessibility checks of a_council_holds_its_meeting_on_the_screen: axe-core is not installed (cd tests/browser && npm ci)"
        );
    }
    let round_dir = round_copy();
    let books = tempfile::tempdir().unwrap();
    let round = cfc::Round::load(round_dir.path()).unwrap();
    good_workbook(&round, &books.path().join("son-nham.xlsx"));
    workbook_with_a_typo(&round, &books.path().join("son-nham-loi.xlsx"));

    // The server, on a port of its choosing; its first line of output is the address.
    let mut server = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .arg("serve")
        .arg(round_dir.path())
        .args([
            "--listen",
            "127.0.0.1:0",
            "--compare",
            "fixtures/son-ha-2023",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cfc serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Killed(server);
    let base = line.trim().trim_end_matches('/').to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");

    let port = free_port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let _driver = Killed(driver);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = tempfile::tempdir().unwrap();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        // A Vietnamese clerk's browser: its own controls (the file chooser's button) in Vietnamese.
        "--lang=vi",
        "--window-size=1024,768",
        &format!("--user-data-dir={}", profile.path().display()),
    ];
    let session = call(
        port,
        "POST",
        "/session",
        Some(&json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args }
        }}})),
    );
    let mut b = Browser {
        port,
        session: session["sessionId"]
            .as_str()
            .expect("a session")
            .to_string(),
        axe,
        screenshots: std::env::var_os("CFC_SCREENSHOTS").map(PathBuf::from),
        checked: 0,
    };

    // The projector.
    b.viewport(1024, 768);
    b.go(&format!("{base}/"));
    assert!(
        b.title()
            .contains("Đánh giá xã, thị trấn phù hợp với trẻ em năm 2024")
    );
    meeting(&mut b, &base, &VI, books.path(), round_dir.path());
    assert!(b.until("return document.documentElement.lang === 'en';"));
    meeting(&mut b, &base, &EN, books.path(), round_dir.path());
    assert!(b.until("return document.documentElement.lang === 'vi';"));

    // The incident register as the dossier has it, read as the projector shows it: every
    // column within the screen, the drowning of Sơn Thượng not fatal and without a plan.
    b.go(&format!("{base}/units/21238"));
    let register = "section[aria-labelledby=inc-h]";
    assert_eq!(
        b.script(&format!(
            "return [...document.querySelectorAll('{register} th')].map(th => th.innerText);"
        )),
        json!([
            "Mã sự việc",
            "Ngày",
            "Loại",
            "Tử vong",
            "Có kế hoạch hỗ trợ",
            "Trong kỳ"
        ])
    );
    assert_eq!(
        b.script(&format!(
            "return [...document.querySelector('{register} tbody tr').cells].map(td => td.innerText);"
        )),
        json!(["ST-2024-01", "02/07/2024", "đuối nước", "không", "không", "có"])
    );
    let fits = b.script(&format!(
        "const t = document.querySelector('{register} table'); return t.getBoundingClientRect().right <= innerWidth;"
    ));
    assert_eq!(
        fits,
        json!(true),
        "the register runs off the projector's screen"
    );

    // Another site's page posting a copy of the reload form: Chromium says so, and the server
    // refuses it with a page of its own, in the council's words.
    let forged = format!(
        "<!doctype html><html lang=en><title>elsewhere</title><main><form method=post action='{base}/reload?lang=vi'><button>go</button></form></main>"
    );
    let encoded: String = forged
        .bytes()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                (c as char).to_string()
            } else {
                format!("%{c:02X}")
            }
        })
        .collect();
    b.go(&format!("data:text/html;charset=utf-8,{encoded}"));
    b.click_css("button");
    assert!(b.until("return document.documentElement.lang === 'vi';"));
    assert!(
        b.body().contains("hãy tải lại trang (F5) rồi thử lại"),
        "{}",
        b.body()
    );
    // Styled by the server's stylesheet, which its Content-Security-Policy allows.
    assert_eq!(
        b.script("return getComputedStyle(document.querySelector('.top')).backgroundColor;"),
        json!("rgb(17, 17, 17)")
    );
    b.axe("the refusal of another site's form (vi)");
    b.no_ids_or_english("the refusal of another site's form");

    // A phone: nothing scrolls sideways but a table, inside its own area.
    b.viewport(390, 844);
    for page in [
        "/",
        "/units/21211",
        "/compare",
        "/import",
        "/?lang=en",
        "/units/21238?lang=en",
    ] {
        b.go(&format!("{base}{page}"));
        let widths = b.script("return [document.scrollingElement.scrollWidth, innerWidth];");
        assert!(
            widths[0].as_u64() <= widths[1].as_u64(),
            "{page} scrolls sideways at 390 px: {widths}"
        );
    }
    // The same pages as on the projector; the most complex once more, in its phone layout.
    b.go(&format!("{base}/units/21211"));
    b.axe("a unit at 390 px");
    b.go(&format!("{base}/"));
    b.screenshot("serve-phone.png");

    eprintln!(
        "the meeting, in both languages: {} page states checked by axe-core, {:.1} s",
        b.checked,
        started.elapsed().as_secs_f64()
    );
}
