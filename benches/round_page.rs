//! `cargo bench --bench round_page`: the council's round page for 10,000 units.
//!
//! A generated round of 10,000 units (the generator of `benches/throughput.rs`) is opened by
//! the server's state, then `GET /` is answered through the router (no socket: the page's
//! own cost), best and median of 9 runs, by code and sorted by total; and a unit page.
//! Figures are printed as a Markdown table for the README.

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use cfc::serve::{AppState, Config, router};
use tower::ServiceExt;

const RUNS: usize = 9;

fn units() -> usize {
    std::env::var("CFC_BENCH_UNITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

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
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::env::current_dir().expect("cwd");
    let round = format!(
        "name = \"Benchmark round\"\nyear = 2024\ncriteria = {:?}\npolicy = {:?}\nauthority = \"UBND\"\ncouncil = \"Hội đồng\"\nplace = \"Sơn Hà\"\ndecision_date = 2024-12-05\n",
        root.join("criteria/qd-06-2019.toml"),
        root.join("criteria/son-ha-2024.toml"),
    );
    std::fs::write(dir.path().join("round.toml"), round).expect("write round.toml");
    let n = units();
    for i in 0..n {
        let text = support::random_unit(10_000 + i as u64, i as u64);
        std::fs::write(dir.path().join(format!("unit-{i:05}.toml")), text).expect("write unit");
    }
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
