//! The long fuzz run: `cargo build --release && cargo run --release --example fuzz -- [--seed N]
//! [--cases N] [--time-limit SECONDS] [--safe]`.
//!
//! `--safe` leaves out the damage that takes an unhardened engine's memory or stack (to survey
//! an old version without taking the machine down).
//!
//! The same harness as `tests/it/fuzz.rs` (see `tests/it/support/fuzz.rs`) with any seed and as
//! many cases as asked. Command-line cases run the release `cfc` binary next to this example
//! (`target/release/cfc`); without it they are left out, and the run says so. Exits 1 when a
//! promise was broken, after printing every finding with the seed that reproduces it.

#[path = "../tests/it/support/fuzz.rs"]
mod fuzz;

use std::time::Duration;

fn main() {
    let mut config = fuzz::Config {
        seed: 1,
        cases: 2_000,
        binary: None,
        time_limit: Duration::from_secs(10),
        dangerous: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--safe" {
            config.dangerous = false;
            continue;
        }
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (flag.as_str(), value) {
            ("--seed", Some(v)) => config.seed = v,
            ("--cases", Some(v)) => config.cases = v as usize,
            ("--time-limit", Some(v)) => config.time_limit = Duration::from_secs(v),
            _ => {
                eprintln!("usage: fuzz [--seed N] [--cases N] [--time-limit SECONDS] [--safe]");
                std::process::exit(2);
            }
        }
    }
    // The harness reads the shipped round relative to the repository.
    if let Err(e) = std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")) {
        eprintln!("cannot enter the repository: {e}");
        std::process::exit(2);
    }
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("cfc")))
        .filter(|b| b.is_file());
    match &binary {
        Some(b) => eprintln!("command-line cases run {}", b.display()),
        None => eprintln!(
            "no cfc binary beside this example (cargo build --release): command-line cases left out"
        ),
    }
    config.binary = binary;
    eprintln!("seed {}, {} cases", config.seed, config.cases);
    let report = fuzz::run(&config);
    println!("{report}");
    if !report.findings.is_empty() {
        std::process::exit(1);
    }
}
