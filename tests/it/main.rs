//! Every integration test of cfc, in one binary: the dependency tree is linked once, not once a
//! file. One module per area, named for what a council (or an embedder) does with cfc; the
//! helpers they share are in `support/`. The browser test (`tests/browser.rs`) keeps its own
//! binary: it starts Chromium and must run alone.
//!
//! `cargo test --test it cases` runs the criteria sets' own cases (`criteria/*.cases.toml` and
//! the test sets' under `tests/data/`); `cargo test --test it <area>::` runs one area.

// The rules as data: the sets' own cases, then what a set, a policy and a script may say.
mod cases;
mod conditions;
mod hostile;
mod inputs;
mod other_shape;
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

// A round out: the fixture round, the command line, dossiers, the audit commands, new rounds.
mod audit;
mod cli;
mod dossier;
mod fixtures;
mod new_round;
mod verify;

// `cfc serve`: the API and the council's pages.
mod serve_api;
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
