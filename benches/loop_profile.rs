//! `cargo bench --bench loop_profile`: the scoring loop, or the native floor, alone in two
//! functions a profiler can pick out, for counting instructions instead of timing them.
//!
//! Instructions do not drift with the machine's speed as times do, so `docs/performance.md`
//! judges a change of the scoring loop by them first: run the bench's executable (its path is
//! printed by `cargo bench --bench loop_profile --no-run`) under callgrind, collecting only
//! inside one unit's evaluation and the dropping of its result:
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='loop_profile::eval_one' BENCH [ROUND] [PASSES]
//! CFC_FLOOR=1 valgrind --tool=callgrind --toggle-collect='loop_profile::floor_one' BENCH [ROUND] [PASSES]
//! ```
//!
//! `ROUND` is a round folder (`CFC_BENCH_KEEP=1 cargo bench --bench throughput` keeps its
//! 10,000 units); without it a round of `CFC_BENCH_UNITS` (10,000) units is generated.
//! `PASSES` (2) is how many times every unit is evaluated. `CFC_FLOOR` runs the hand-written
//! floor (`tests/it/support/native.rs`) instead of the engine. Without valgrind the bench
//! prints the time of the passes, which says little: `throughput` times the loop.

mod support;

use std::hint::black_box;
use std::time::Instant;

use cfc::{Evaluator, Evidence, Round};
use support::tests::native::Native;

/// One unit evaluated with its whole trace, and its result dropped: what the loop does a unit.
#[inline(never)]
fn eval_one(evaluator: &Evaluator, unit: &Evidence) -> bool {
    let result = evaluator
        .evaluate(unit)
        .expect("a generated unit evaluates");
    black_box(result.recognised)
}

/// One unit scored by hand-written Rust: the floor.
#[inline(never)]
fn floor_one(native: &Native, unit: &Evidence) -> u32 {
    black_box(native.total(unit))
}

fn main() {
    // `cargo bench` passes `--bench`; the round and the passes are the other arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let generated;
    let folder = match args.first() {
        Some(folder) => std::path::PathBuf::from(folder),
        None => {
            generated = support::generated_round(support::units());
            generated.path().to_path_buf()
        }
    };
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(2);
    let round = Round::load(&folder).expect("round loads");
    let floor = std::env::var_os("CFC_FLOOR").is_some();
    let native = Native::new(round.evaluator.criteria());

    let start = Instant::now();
    let mut recognised = 0usize;
    let mut points = 0u64;
    for _ in 0..passes {
        for unit in round.units.iter() {
            if floor {
                points += u64::from(floor_one(&native, unit));
            } else {
                recognised += usize::from(eval_one(&round.evaluator, unit));
            }
        }
    }
    let what = if floor {
        "native floor"
    } else {
        "scoring loop"
    };
    println!(
        "{what}: {passes} passes over {} units in {:.1} ms ({recognised} recognised, {points} floor points)",
        round.units.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
