//! Every integration test of cfc, in one binary: the dependency tree is linked once, not once a
//! file. One module per area, named for what a council (or an embedder) does with cfc; the
//! helpers they share are in `support/`. The browser test (`tests/browser.rs`) keeps its own
//! binary: it starts Chromium and must run alone.
//!
//! `cargo test --test it cases::` runs the criteria sets' own cases (`criteria/*.cases.toml` and
//! the test sets' under `tests/data/`); `cargo test --test it <area>::` runs one area.

// The rules as data: the sets' own cases, then what a set, a policy and a script may say.
mod cases;
mod check;
mod conditions;
mod hostile;
mod inputs;
mod other_shape;
mod rules_words;
mod time;
mod vocab;

// Scoring as such: exact arithmetic, and properties on generated units.
mod arithmetic;
mod properties;

// Evidence in: bad files, tricky text, spreadsheets, the official list of units.
mod cli_import;
mod invalid;
mod text;
mod units;
mod xlsx;

// A round out: the fixture round, the command line, dossiers, the audit commands, new rounds,
// a round and its output folder travelling alone.
mod audit;
mod cli;
mod cli_help;
mod dossier;
mod fixtures;
mod new_round;
mod results;
mod travel;
mod verify;

// `cfc serve`: the API and the council's pages.
mod serve_api;
mod serve_contract;
mod serve_pages;

// Damage: the seeded fuzzer and what it found.
mod fuzz;

// The library's modules import only downward.
mod layers;

mod support;

/// The seeded fuzzer that `fuzz` runs (and `examples/fuzz.rs` runs longer); other areas borrow
/// its copy of the shipped round. A module of its own so the benchmarks, which include
/// `support/mod.rs`, do not compile it.
#[path = "support/fuzz.rs"]
mod fuzzer;

/// The `cfc serve` binary on a free port, for the API's areas. Its own module: the benchmarks,
/// which include `support/mod.rs`, have no binary to start.
#[path = "support/server.rs"]
mod server;

/// A file of this folder that no `mod` line names would never be compiled, and its tests
/// would silently not run.
#[test]
fn every_file_of_the_folder_is_a_module() {
    let main = std::fs::read_to_string("tests/it/main.rs").unwrap();
    let declared: Vec<&str> = main
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .collect();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir("tests/it").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = path.extension().is_some_and(|e| e == "rs") || path.join("mod.rs").is_file();
        if module && name != "main" && !declared.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "not declared in tests/it/main.rs: {missing:?}"
    );
}
