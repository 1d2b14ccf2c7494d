//! What the benchmarks share: a generated round folder of N valid units on disk, made with the
//! tests' unit generator (`tests/it/support`).
#![allow(dead_code)] // each benchmark uses a different part

#[path = "../../tests/it/support/mod.rs"]
pub mod tests;

/// The number of units of a generated round: 10,000, or `CFC_BENCH_UNITS` (e.g. a small round
/// under a profiler).
pub fn units() -> usize {
    units_or(10_000)
}

/// The number of units of a generated round: `CFC_BENCH_UNITS`, else `default`.
pub fn units_or(default: usize) -> usize {
    std::env::var("CFC_BENCH_UNITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A round folder of `units` generated units under the shipped criteria set and Sơn Hà's
/// policy (named by absolute paths, so the folder can live anywhere); the files are named
/// `unit-00000.toml` on. With `CFC_BENCH_KEEP` set the folder is kept after the bench and its
/// path printed, to run `cfc` on it again under a profiler.
pub fn generated_round(units: usize) -> tempfile::TempDir {
    let mut dir = tempfile::tempdir().expect("temp dir");
    if std::env::var_os("CFC_BENCH_KEEP").is_some() {
        dir.disable_cleanup(true);
        eprintln!("{units} units kept in {}", dir.path().display());
    }
    let root = std::env::current_dir().expect("cwd");
    let round = format!(
        "name = \"Benchmark round\"\nyear = 2024\ncriteria = {:?}\npolicy = {:?}\nauthority = \"UBND\"\ncouncil = \"Hội đồng\"\nplace = \"Sơn Hà\"\ndecision_date = 2024-12-05\n",
        root.join("criteria/qd-06-2019.toml"),
        root.join("criteria/son-ha-2024.toml"),
    );
    std::fs::write(dir.path().join("round.toml"), round).expect("write round.toml");
    for i in 0..units {
        let text = tests::random_unit(10_000 + i as u64, i as u64);
        std::fs::write(dir.path().join(format!("unit-{i:05}.toml")), text).expect("write unit");
    }
    dir
}
