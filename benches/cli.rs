//! `cargo bench --bench cli`: the `cfc` command line as a council runs it, on generated rounds
//! (`benches/support`), each run a new process whose wall time and peak memory (the largest
//! resident set, from the system's accounting of the finished process) are measured:
//!
//! The processor time (user + system, all threads) is reported beside the wall time: on this
//! shared 2-core machine the wall time of a run depends on what else runs, its processor time
//! much less.
//!
//! 1. 10,000 units, files → `results.json`: `cfc evaluate ROUND --format json > results.json`;
//!    the document's size.
//! 2. The same units, files → `results.csv`: `cfc evaluate ROUND --format csv > results.csv`.
//! 3. The national round, 3,321 units: `cfc evaluate ROUND --out DIR` (every dossier, the
//!    summary, the CSV, the JSON and the workbook), each run into a new folder, as a council
//!    evaluates a round: a run that replaced the last one's folder would pay, seconds after
//!    that folder's deletion, for the filesystem's search among recently deleted inodes (up to
//!    4 s of system time on this machine's ext4, see `docs/performance.md`).
//!
//! `CFC_BIN=path` measures another build of `cfc` on the same rounds (a commit before a
//! change, built and kept aside: the way `docs/performance.md` compares before and after).
//! `CFC_BENCH_UNITS` changes the size of the first round, `CFC_BENCH_NATIONAL` of the second,
//! `CFC_BENCH_RUNS` the number of runs (5; the median is reported, with the range).
//!
//! Figures are printed as a Markdown table for `docs/performance.md`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One finished run of `cfc`: its wall time, its processor time (user + system, every thread)
/// and its peak resident memory in bytes.
struct Run {
    time: Duration,
    cpu: Duration,
    peak: u64,
}

/// The peak resident set (bytes) and the processor time of the children this process has
/// waited for.
fn children_usage() -> (u64, Duration) {
    // SAFETY: getrusage only writes the struct it is given, which is zeroed and ours.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0, "getrusage");
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    // Linux gives kilobytes.
    (
        u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
        time(usage.ru_utime) + time(usage.ru_stime),
    )
}

/// Runs `cfc ARGS` (standard output to `stdout`), in a new copy of this program, so that the
/// system's peak for the children is that one run's alone.
fn measure(cfc: &Path, args: &[&str], stdout: Option<&Path>) -> Run {
    let mut cmd = Command::new(std::env::current_exe().expect("bench exe"));
    cmd.env("CFC_BENCH_CHILD", cfc).args(args);
    if let Some(out) = stdout {
        cmd.env("CFC_BENCH_STDOUT", out);
    }
    let output = cmd.stderr(Stdio::inherit()).output().expect("bench child");
    assert!(output.status.success(), "{cfc:?} {args:?} failed");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let mut words = text
        .split_whitespace()
        .map(|w| w.parse::<u64>().expect("number"));
    Run {
        time: Duration::from_nanos(words.next().expect("time")),
        peak: words.next().expect("peak"),
        cpu: Duration::from_nanos(words.next().expect("cpu")),
    }
}

/// In the copy started by [`measure`]: runs `cfc` once, waits, prints its wall time
/// (nanoseconds), its peak memory (bytes) and its processor time (nanoseconds).
fn child(cfc: &str) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = match std::env::var_os("CFC_BENCH_STDOUT") {
        Some(p) => Stdio::from(std::fs::File::create(p).expect("stdout file")),
        None => Stdio::null(),
    };
    let start = Instant::now();
    let status = Command::new(cfc)
        .args(&args)
        .stdout(stdout)
        .stderr(Stdio::null())
        .status()
        .expect("cfc runs");
    let time = start.elapsed();
    // Exit 1 (some evidence file had errors) would mean the generator made a bad unit.
    assert!(status.success(), "cfc {args:?}: {status}");
    let (peak, cpu) = children_usage();
    println!("{} {peak} {}", time.as_nanos(), cpu.as_nanos());
}

fn median(runs: &[Run], f: impl Fn(&Run) -> f64) -> (f64, f64, f64) {
    let mut v: Vec<f64> = runs.iter().map(f).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn row(label: &str, runs: &[Run]) {
    let (t, t_lo, t_hi) = median(runs, |r| r.time.as_secs_f64());
    let (c, c_lo, c_hi) = median(runs, |r| r.cpu.as_secs_f64());
    let (m, m_lo, m_hi) = median(runs, |r| r.peak as f64 / 1e6);
    println!(
        "| {label} | {t:.2} s ({t_lo:.2}–{t_hi:.2}) | {c:.2} s ({c_lo:.2}–{c_hi:.2}) | {m:.0} MB ({m_lo:.0}–{m_hi:.0}) |"
    );
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    if let Ok(cfc) = std::env::var("CFC_BENCH_CHILD") {
        child(&cfc);
        return;
    }
    let cfc = std::env::var_os("CFC_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_cfc")));
    let runs = env_or("CFC_BENCH_RUNS", 5);
    let units = support::units();
    let national = env_or("CFC_BENCH_NATIONAL", 3_321);
    let big = support::generated_round(units);
    let whole = support::generated_round(national);
    let scratch = tempfile::tempdir().expect("temp dir");
    let json = scratch.path().join("results.json");
    let csv = scratch.path().join("results.csv");
    let outs: Vec<PathBuf> = (0..runs)
        .map(|run| scratch.path().join(format!("out-{run}")))
        .collect();
    let (big_dir, whole_dir) = (big.path().to_str().unwrap(), whole.path().to_str().unwrap());

    let to_json: Vec<Run> = (0..runs)
        .map(|_| {
            measure(
                &cfc,
                &["evaluate", big_dir, "--format", "json"],
                Some(&json),
            )
        })
        .collect();
    let size = std::fs::metadata(&json).expect("results.json").len();
    let to_csv: Vec<Run> = (0..runs)
        .map(|_| measure(&cfc, &["evaluate", big_dir, "--format", "csv"], Some(&csv)))
        .collect();
    let folder: Vec<Run> = outs
        .iter()
        .map(|out| {
            let out = out.to_str().unwrap();
            measure(&cfc, &["evaluate", whole_dir, "--out", out], None)
        })
        .collect();
    let pdfs = std::fs::read_dir(&outs[0])
        .expect("output folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        })
        .count();

    println!("`{}`, {runs} runs each, median (range)\n", cfc.display());
    println!(
        "| work (a new `cfc` process each run) | wall time | processor time | peak memory (RSS) |"
    );
    println!("|---|---:|---:|---:|");
    row(
        &format!("{units} units, files → `results.json` (`evaluate --format json`)"),
        &to_json,
    );
    row(
        &format!("{units} units, files → `results.csv` (`evaluate --format csv`)"),
        &to_csv,
    );
    row(
        &format!("{national} units, `evaluate --out`: {pdfs} PDFs, CSV, JSON, workbook"),
        &folder,
    );
    println!(
        "\n`results.json` for {units} units: {:.1} MB ({:.1} KB a unit)",
        size as f64 / 1e6,
        size as f64 / 1e3 / units as f64
    );
}
