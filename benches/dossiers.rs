//! `cargo bench --bench dossiers`: PDF dossiers per second, for the Sơn Hà round (14 units and
//! the summary) and for 1,000 generated units, rendered in parallel as `cfc evaluate --out` does.

#[path = "../tests/it/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use cfc::render::dossier::{self, Context};
use cfc::{Round, RoundReport};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn measure(label: &str, report: &RoundReport, ctx: &Context, runs: usize) {
    let mut bytes = 0;
    let mut count = 0;
    let time = median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                let docs = dossier::round_documents(report, ctx, &|| {}).expect("renders");
                let elapsed = start.elapsed();
                count = docs.len();
                bytes = docs.iter().map(|d| d.bytes.len()).sum::<usize>();
                elapsed
            })
            .collect(),
    );
    println!(
        "| {label}: {count} PDFs, {:.0} KB on average | {:.0} ms | {:.0} |",
        bytes as f64 / count as f64 / 1e3,
        time.as_secs_f64() * 1e3,
        count as f64 / time.as_secs_f64()
    );
}

fn main() {
    let round = Round::load("fixtures/son-ha-2024").expect("fixture round loads");
    let report = RoundReport::new(&round, round.evaluate());
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: cfc::Lang::Vi,
    };
    println!(
        "| dossiers ({} threads) | time | PDFs/s |",
        rayon::current_num_threads()
    );
    println!("|---|---:|---:|");
    measure("Sơn Hà 2024 round", &report, &ctx, 9);

    let mut generated = report.clone();
    generated.units = (0..1000u64)
        .map(|i| {
            let ev = support::evidence(&support::random_unit(30_000 + i, i));
            support::evaluator().evaluate(&ev).expect("evaluates")
        })
        .collect();
    measure("1,000 generated units", &generated, &ctx, 3);
}
