//! The council's screen in a real browser: headless Chromium, driven through chromedriver
//! over the W3C WebDriver protocol (a few HTTP requests, written here by hand), opens the
//! round, opens a unit, changes figures in the what-if panel and sees the decision change.
//! Skipped, saying so, where `chromium` or `chromedriver` is not installed (`.ci/run`
//! installs Debian's `chromium` and `chromium-driver`).
//!
//! `CFC_SCREENSHOTS=docs cargo test --test browser` also saves `docs/serve-round.png` and
//! `docs/serve-unit.png`.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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
}

impl Browser {
    fn go(&self, url: &str) {
        call(
            self.port,
            "POST",
            &self.path("/url"),
            Some(&json!({ "url": url })),
        );
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
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

    fn screenshot(&self, file: &str) {
        let png = call(self.port, "GET", &self.path("/screenshot"), None);
        std::fs::write(file, base64(png.as_str().expect("a PNG"))).unwrap();
    }

    /// Waits for the element's text to be `expected`, as the panel answers asynchronously.
    fn wait_text(&self, css: &str, expected: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text(css);
            if text == expected || start.elapsed() > Duration::from_secs(15) {
                return text;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| call(self.port, "DELETE", &self.path(""), None));
    }
}

#[test]
fn a_council_opens_a_unit_and_tries_other_figures() {
    if !installed("chromium") || !installed("chromedriver") {
        eprintln!(
            "SKIPPED a_council_opens_a_unit_and_tries_other_figures: `chromium` or `chromedriver` is not installed (apt-get install -y chromium chromium-driver)"
        );
        return;
    }
    // The server, on a port of its choosing; its first line of output is the address.
    let mut server = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["serve", "fixtures/son-ha-2024", "--listen", "127.0.0.1:0"])
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
        "--window-size=1600,1000",
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
    let browser = Browser {
        port,
        session: session["sessionId"]
            .as_str()
            .expect("a session")
            .to_string(),
    };
    let screenshots = std::env::var("CFC_SCREENSHOTS").ok();

    // The round: every unit, in Vietnamese.
    browser.go(&format!("{base}/"));
    assert!(
        browser
            .title()
            .contains("Đánh giá xã, thị trấn phù hợp với trẻ em năm 2024")
    );
    assert!(
        browser
            .text("#counts")
            .starts_with("14 đơn vị được đánh giá")
    );
    if let Some(dir) = &screenshots {
        browser.screenshot(&format!("{dir}/serve-round.png"));
    }

    // A unit, opened by its link: Sơn Nham misses the threshold by 5 points.
    let link = browser.find("link text", "Sơn Nham");
    call(
        port,
        "POST",
        &browser.path(&format!("/element/{link}/click")),
        Some(&json!({})),
    );
    assert_eq!(
        browser.wait_text("#try-decision", "không công nhận"),
        "không công nhận"
    );
    assert!(
        browser.title().starts_with("Sơn Nham (21211)"),
        "{}",
        browser.title()
    );

    // The engine's smallest change, typed into the panel: the decision changes at once.
    let round = cfc::Round::load("fixtures/son-ha-2024").unwrap();
    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21211")
        .unwrap();
    let answer = cfc::whatif::whatif(&round.evaluator, ev).unwrap();
    assert!(!answer.changes.is_empty());
    for change in &answer.changes {
        let field = browser.find("css selector", &format!("#in-{}", change.input));
        call(
            port,
            "POST",
            &browser.path(&format!("/element/{field}/clear")),
            Some(&json!({})),
        );
        call(
            port,
            "POST",
            &browser.path(&format!("/element/{field}/value")),
            Some(&json!({ "text": change.to.to_string() })),
        );
    }
    assert_eq!(browser.wait_text("#try-decision", "công nhận"), "công nhận");
    assert_eq!(
        browser.text("#try-total"),
        cfc::words::format::points(answer.total_after, cfc::Lang::Vi)
    );
    // The file's result above the panel is unchanged: nothing was written.
    assert!(browser.text("#verdict").contains("không công nhận"));
    if let Some(dir) = &screenshots {
        // The panel in view: the figure changed and the answer beside it.
        call(
            port,
            "POST",
            &browser.path("/execute/sync"),
            Some(
                &json!({ "script": "document.getElementById('whatif').scrollIntoView(); document.activeElement.blur();", "args": [] }),
            ),
        );
        browser.screenshot(&format!("{dir}/serve-unit.png"));
    }
}
