//! `cargo bench --bench whatif`: the what-if search alone, on one thread, for every unit of a
//! generated round of 1,000 units (`CFC_BENCH_UNITS` to change it): the time of one answer
//! (p50, p95, p99, the slowest), the answers per second on one core, and what the answers were.
//! No HTTP: `serve_api` measures the server around it.
//!
//! Figures are printed as a Markdown table for the README.

mod support;

use std::time::{Duration, Instant};

use cfc::Round;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() {
    let units = support::units_or(1_000);
    let dir = support::generated_round(units);
    let round = Round::load(dir.path()).expect("round loads");
    let (mut recognised, mut found, mut blocked) = (0, 0, 0);
    let started = Instant::now();
    let mut times: Vec<Duration> = round
        .units
        .iter()
        .map(|ev| {
            let t = Instant::now();
            let answer = cfc::whatif::whatif(&round.evaluator, ev).expect("the rules run");
            let took = t.elapsed();
            match (answer.achievable, answer.changes.is_empty()) {
                (true, true) => recognised += 1,
                (true, false) => found += 1,
                (false, _) => blocked += 1,
            }
            took
        })
        .collect();
    let wall = started.elapsed();
    times.sort();
    let mean = wall / units as u32;
    println!("| what-if search ({units} generated units, one thread) | result |");
    println!("|---|---:|");
    println!(
        "| answers: already recognised / a change found / none possible | {recognised} / {found} / {blocked} |"
    );
    println!(
        "| one answer: mean / p50 / p95 / p99 / slowest | {:.2} / {:.2} / {:.2} / {:.2} / {:.1} ms |",
        ms(mean),
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
        ms(times[times.len() - 1]),
    );
    println!(
        "| answers per second on one core | {:.0} |",
        units as f64 / wall.as_secs_f64()
    );
}
