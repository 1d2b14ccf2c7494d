//! `cargo bench --bench round_page`: the council's round page for 10,000 units.
//!
//! A generated round of 10,000 units (`benches/support`, as `benches/throughput.rs` makes it) is opened by
//! the server's state, then `GET /` is answered through the router (no socket: the page's
//! own cost), best and median of 9 runs, by code and sorted by total; and a unit page.
//! Figures are printed as a Markdown table for the README.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cfc::serve::{AppState, Config, router};
use tower::ServiceExt;

const RUNS: usize = 9;

/// (best, median, bytes) of `RUNS` answers to `GET uri`.
async fn measure(app: &axum::Router, uri: &str) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut bytes = 0;
    for _ in 0..RUNS {
        let request = Request::get(uri)
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .expect("a request");
        let start = Instant::now();
        let response = app.clone().oneshot(request).await.expect("an answer");
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the page");
        times.push(start.elapsed());
        bytes = body.len();
    }
    times.sort();
    (times[0], times[RUNS / 2], bytes)
}

fn main() {
    let n = support::units();
    let dir = support::generated_round(n);
    let started = Instant::now();
    let state = AppState::open(Config::new(dir.path())).expect("the round opens");
    let opened = started.elapsed();
    let first = state
        .snapshot()
        .report
        .units
        .first()
        .map(|u| u.code.clone())
        .expect("a unit");
    let app = router(Arc::new(state));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let by_code = runtime.block_on(measure(&app, "/"));
    let by_total = runtime.block_on(measure(&app, "/?sort=total&lang=en"));
    let unit = runtime.block_on(measure(&app, &format!("/units/{first}")));
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "Round of {n} units opened (read, validate, score, decide) in {}.\n",
        ms(opened)
    );
    println!("| page | best of {RUNS} | median | size |");
    println!("|---|---:|---:|---:|");
    for (name, (best, median, bytes)) in [
        (format!("`GET /` ({n} units, by code)"), by_code),
        (format!("`GET /?sort=total&lang=en` ({n} units)"), by_total),
        (
            "`GET /units/{code}` (one unit, with its what-if panel)".to_string(),
            unit,
        ),
    ] {
        println!(
            "| {name} | {} | {} | {} KB |",
            ms(best),
            ms(median),
            bytes / 1024
        );
    }
}
