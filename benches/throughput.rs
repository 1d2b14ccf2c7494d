//! `cargo bench`: how fast a round goes from files to decisions.
//!
//! 1. A generated round of 10,000 units, from files on disk to the JSON document
//!    (read + validate + score + decide + render), median of 5 runs, and the median of each
//!    stage.
//! 2. The scoring loop alone (evaluate already-validated evidence): in parallel on every core,
//!    and on one thread.
//! 3. The same loop with every script run by rhai (`Evaluator::rhai_only`), as before the
//!    native step tables.
//! 4. The same units scored by hand-written Rust (`tests/it/support/native.rs`): the native floor.
//! 5. The loop on one thread and the floor again over the first 1,000 units only, their
//!    evidence in the cache: over 10,000 units the floor waits on memory, and its ratio to the
//!    loop says more about the machine's memory than about the engine.
//!
//! Figures are printed as a Markdown table for the README.

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use cfc::{Round, RoundReport, render};
use rayon::prelude::*;
use support::tests::native::Native;
use support::units;

/// The units timed with their evidence in the cache.
const HOT: usize = 1_000;

/// A row of the table: what was timed, its time in milliseconds to `decimals` places, and the
/// units a second it makes of `units` units.
fn row(what: &str, took: Duration, units: usize, decimals: usize) {
    println!(
        "| {what} | {:.decimals$} ms | {:.0} |",
        took.as_secs_f64() * 1e3,
        units as f64 / took.as_secs_f64()
    );
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let dir = support::generated_round(units());

    let mut json_len = 0;
    // Every run's stages, so that each stage is reported as its own median, like the whole.
    let mut stages: Vec<[Duration; 4]> = Vec::new();
    let pipeline = time(5, || {
        let t = Instant::now();
        let round = Round::load(dir.path()).expect("round loads");
        let loaded = t.elapsed();
        let evaluated = round.evaluate();
        let scored = t.elapsed();
        let report = RoundReport::new(&round, evaluated);
        assert!(report.errors.is_empty(), "{:?}", &report.errors[..1]);
        let json = render::json(&report);
        let rendered = t.elapsed();
        json_len = json.len();
        drop((round, report, json));
        let dropped = t.elapsed();
        stages.push([
            loaded,
            scored - loaded,
            rendered - scored,
            dropped - rendered,
        ]);
    });

    let round = Round::load(dir.path()).expect("round loads");
    let evaluator = &round.evaluator;
    let evidence = &round.units;
    // Both loops keep only the totals, so neither times the dropping of 10,000 full traces.
    let parallel = time(5, || {
        evidence
            .par_iter()
            .map(|u| evaluator.evaluate(u).map(|r| r.total))
            .collect::<Vec<_>>()
    });
    let serial = time(3, || {
        evidence
            .iter()
            .map(|u| evaluator.evaluate(u).map(|r| r.total))
            .collect::<Vec<_>>()
    });
    // The same loop with every script in rhai, as before the native evaluators.
    let in_rhai = evaluator.rhai_only();
    let rhai_serial = time(3, || {
        evidence
            .iter()
            .map(|u| in_rhai.evaluate(u).map(|r| r.total))
            .collect::<Vec<_>>()
    });
    let native = Native::new(evaluator.criteria());
    let floor = time(21, || evidence.iter().map(|u| native.total(u)).sum::<u32>());
    // The floor's few instructions a unit wait on memory when the round's evidence is not in
    // the cache, as 10,000 units' is not: 6× slower a unit than over 1,000 units on the
    // machine of 2026-12-08, where the engine's time a unit did not change. So both are also
    // timed over the first units only, again and again (their evidence in the cache), and
    // that ratio compares work with work.
    let hot = evidence.get(..HOT).unwrap_or(evidence);
    let hot_floor = time(51, || hot.iter().map(|u| native.total(u)).sum::<u32>());
    let hot_serial = time(5, || {
        hot.iter()
            .map(|u| evaluator.evaluate(u).map(|r| r.total))
            .collect::<Vec<_>>()
    });

    // Same answers, or the comparison means nothing.
    for u in evidence.iter().take(500) {
        let r = evaluator.evaluate(u).expect("evaluates");
        assert_eq!(
            r.total.to_string(),
            native.total(u).to_string(),
            "unit {}",
            u.unit().code
        );
    }

    let n = units();
    let threads = rayon::current_num_threads();
    println!("| measure ({n} generated units, {threads} threads) | time | units/s |");
    println!("|---|---:|---:|");
    let files = format!(
        "files on disk → JSON ({:.1} MB): load, validate, score, decide, render",
        json_len as f64 / 1e6
    );
    row(&files, pipeline, n, 0);
    let [load, score, render_json, free] =
        [0, 1, 2, 3].map(|k| median(stages.iter().map(|s| s[k]).collect()).as_secs_f64() * 1e3);
    println!(
        "| … of which read + validate {load:.0} ms, score + decide {score:.0} ms, JSON {render_json:.0} ms, freeing {free:.0} ms | | |"
    );
    let parallel_what = format!(
        "scoring loop, {threads} threads (25 indicators + 3 disqualifiers a unit, full trace)"
    );
    row(&parallel_what, parallel, n, 0);
    row("scoring loop, 1 thread", serial, n, 0);
    row(
        "scoring loop, 1 thread, every script in rhai (`Evaluator::rhai_only`)",
        rhai_serial,
        n,
        0,
    );
    row(
        "native floor: the same rules hand-written in Rust, 1 thread",
        floor,
        n,
        2,
    );
    let hot_units = hot.len();
    let hot_loop_what = format!(
        "scoring loop, 1 thread, the first {hot_units} units (their evidence in the cache)"
    );
    row(&hot_loop_what, hot_serial, hot_units, 2);
    let hot_floor_what = format!("native floor, 1 thread, the same {hot_units} units");
    row(&hot_floor_what, hot_floor, hot_units, 3);
    println!(
        "\nscripted engine (1 thread) / native floor: {:.0}× slower over {} units, {:.0}× over {hot_units} units in the cache; the engine also builds the full trace",
        serial.as_secs_f64() / floor.as_secs_f64(),
        n,
        hot_serial.as_secs_f64() / hot_floor.as_secs_f64()
    );
}
