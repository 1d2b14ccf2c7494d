//! The seeded mutation fuzz test: a few hundred damaged copies of the shipped round — evidence,
//! folder, round settings, criteria set, policy, scripts, workbooks, closed outputs — each run as
//! the council would run it. See `tests/support/fuzz.rs` for the promises checked, and
//! `examples/fuzz.rs` for longer runs with other seeds.

#[path = "support/fuzz.rs"]
mod fuzz;

use std::time::Duration;

use fuzz::{Config, Outcome, Target};

#[test]
fn damaged_rounds_never_panic_hang_lose_a_unit_or_go_unlocated() {
    let config = Config {
        seed: 0x00C0_FFEE,
        cases: 240,
        binary: Some(env!("CARGO_BIN_EXE_cfc").into()),
        // Generous: the known hangs were endless; a case takes milliseconds.
        time_limit: Duration::from_secs(30),
        dangerous: true,
    };
    let report = fuzz::run(&config);
    println!("{report}");
    assert!(report.findings.is_empty(), "{report}");
    // The run reached every kind of file, and its damage was neither always refused nor
    // always harmless — otherwise it would prove little.
    for target in Target::ALL {
        assert!(
            report.cases_of(target) >= 5,
            "too few {target:?} cases:\n{report}"
        );
    }
    assert!(report.with_outcome(Outcome::Accepted) >= 30, "{report}");
    assert!(report.with_outcome(Outcome::Refused) >= 30, "{report}");
}

#[test]
fn the_generator_is_the_same_everywhere() {
    // A seed must name the same cases on every machine: pin the first draws.
    let mut rng = fuzz::Rng::new(0);
    let draws: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
    assert_eq!(
        draws,
        [
            0xE220_A839_7B1D_CDAF,
            0x6E78_9E6A_A1B9_65F4,
            0x06C4_5D18_8009_454F
        ]
    );
}
