//! Seeded mutation fuzzing of everything a council's files can hold: evidence, round settings,
//! criteria sets, policies, scripts, workbooks and output conditions.
//!
//! Shared by `tests/it/fuzz.rs` (a fixed seed, a few hundred cases, part of `cargo test`) and
//! `examples/fuzz.rs` (any seed, as many cases as asked). Each case copies the shipped Sơn Hà
//! 2024 round into a temporary tree, damages one file of it the way a careless or hostile
//! person would, and runs what the council would run. It asserts what the project promises:
//!
//! - no panic and no hang, whatever the input;
//! - every problem is located: a diagnostic names a file of the round and a line and column
//!   inside it; a workbook problem names its sheet;
//! - every valid unit is still evaluated, with the same result as in the pristine round;
//! - whatever validation accepts renders: JSON, CSV, the table, the workbook and every PDF;
//! - the terminal table holds no control character, and no CSV cell starts a formula;
//! - through the binary, `--out` holds a whole, consistent folder or nothing new.
//!
//! The random generator is a fixed SplitMix64, so a seed names the same cases on every machine
//! and every version of the dependencies.
#![allow(dead_code)] // the test and the example use different parts

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cfc::render::dossier::{self, Context};
use cfc::{Lang, Round, RoundReport, render};

/// SplitMix64: small, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator for one seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` %.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// What one case damages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// One unit's evidence file.
    Evidence,
    /// The round folder itself: stray, unreadable or duplicate files.
    Folder,
    /// `round.toml`.
    RoundSettings,
    /// The criteria set's TOML.
    Criteria,
    /// The local policy's TOML.
    Policy,
    /// One rhai script of the set or the policy.
    Script,
    /// A filled-in round workbook, imported.
    Workbook,
    /// The binary with a damaged evidence file, writing `--out` or a closed standard output.
    Cli,
}

impl Target {
    /// Every target, for coverage counts.
    pub const ALL: [Target; 8] = [
        Target::Evidence,
        Target::Folder,
        Target::RoundSettings,
        Target::Criteria,
        Target::Policy,
        Target::Script,
        Target::Workbook,
        Target::Cli,
    ];

    fn draw(rng: &mut Rng, with_cli: bool) -> Target {
        // Weights: evidence is what communes type, so it gets the most cases.
        let weights: [(Target, usize); 8] = [
            (Target::Evidence, 31),
            (Target::Folder, 9),
            (Target::RoundSettings, 10),
            (Target::Criteria, 12),
            (Target::Policy, 6),
            (Target::Script, 12),
            (Target::Workbook, 12),
            (Target::Cli, if with_cli { 8 } else { 0 }),
        ];
        let total: usize = weights.iter().map(|w| w.1).sum();
        let mut roll = rng.below(total);
        for (t, w) in weights {
            if roll < w {
                return t;
            }
            roll -= w;
        }
        Target::Evidence
    }
}

/// How a run is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The first case's seed; case `i` uses `seed + i`.
    pub seed: u64,
    /// How many cases.
    pub cases: usize,
    /// The `cfc` binary, for the command-line cases (none: those cases are not drawn).
    pub binary: Option<PathBuf>,
    /// A case still running after this is a hang.
    pub time_limit: Duration,
    /// Whether to draw the damage that exhausts memory or the stack of an engine without the
    /// hardening (a link to `/dev/zero`, 100,000-deep nesting, a cell at XFD1048576). Off only
    /// to survey an old version without taking the machine down.
    pub dangerous: bool,
}

/// How a case ended when it broke no promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The damaged input was accepted and everything rendered.
    Accepted,
    /// The damaged input was refused with located problems.
    Refused,
}

/// A broken promise.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The case's seed (rerun it alone with `cargo run --example fuzz -- --seed N --cases 1`).
    pub seed: u64,
    /// What the case damaged.
    pub target: Target,
    /// The damage, in words.
    pub damage: String,
    /// What went wrong.
    pub problem: String,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Cases per target and outcome.
    pub counts: BTreeMap<(Target, Outcome), usize>,
    /// Every broken promise.
    pub findings: Vec<Finding>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Report {
    /// Cases of one target, whatever their outcome.
    pub fn cases_of(&self, target: Target) -> usize {
        self.counts
            .iter()
            .filter(|((t, _), _)| *t == target)
            .map(|(_, n)| n)
            .sum()
    }

    /// Cases with one outcome, whatever their target.
    pub fn with_outcome(&self, outcome: Outcome) -> usize {
        self.counts
            .iter()
            .filter(|((_, o), _)| *o == outcome)
            .map(|(_, n)| n)
            .sum()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<14} {:>9} {:>9}", "target", "accepted", "refused")?;
        for t in Target::ALL {
            let n = |o| self.counts.get(&(t, o)).copied().unwrap_or(0);
            writeln!(
                f,
                "{:<14} {:>9} {:>9}",
                format!("{t:?}"),
                n(Outcome::Accepted),
                n(Outcome::Refused)
            )?;
        }
        writeln!(
            f,
            "{} finding(s) in {:.1} s",
            self.findings.len(),
            self.elapsed.as_secs_f64()
        )?;
        for x in &self.findings {
            writeln!(
                f,
                "- seed {} ({:?}: {}): {}",
                x.seed, x.target, x.damage, x.problem
            )?;
        }
        Ok(())
    }
}

/// Runs `config.cases` cases, on every core, and reports every broken promise.
pub fn run(config: &Config) -> Report {
    silence_panics();
    DANGEROUS.store(config.dangerous, std::sync::atomic::Ordering::Relaxed);
    let start = Instant::now();
    let baseline = Baseline::new();
    let lanes = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut outcomes: Vec<(u64, Target, String, CaseResult)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..lanes)
            .map(|lane| {
                let baseline = &baseline;
                s.spawn(move || {
                    (lane..config.cases)
                        .step_by(lanes)
                        .map(|i| {
                            let seed = config.seed.wrapping_add(i as u64);
                            let (target, damage, result) = run_case(seed, config, baseline);
                            (seed, target, damage, result)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    outcomes.sort_by_key(|o| o.0);
    let mut report = Report::default();
    for (seed, target, damage, result) in outcomes {
        match result {
            Ok(outcome) => *report.counts.entry((target, outcome)).or_default() += 1,
            Err(problem) => report.findings.push(Finding {
                seed,
                target,
                damage,
                problem,
            }),
        }
    }
    report.elapsed = start.elapsed();
    report
}

/// The pristine round's results, by unit code, with the temporary path taken out.
struct Baseline {
    results: BTreeMap<String, String>,
}

impl Baseline {
    fn new() -> Baseline {
        let world = World::new();
        let round = Round::load(world.round_dir()).expect("the shipped round loads");
        let evaluated = round.evaluate();
        assert!(evaluated.errors.is_empty() && evaluated.failures.is_empty());
        Baseline {
            results: evaluated
                .results
                .iter()
                .map(|r| (r.code.clone(), comparable(r)))
                .collect(),
        }
    }
}

/// A result as JSON without its file path (which names the temporary tree).
fn comparable(r: &cfc::UnitResult) -> String {
    let mut r = r.clone();
    r.evidence_file = Path::new(&r.evidence_file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    serde_json::to_string(&r).expect("a result serialises")
}

/// A private copy of the shipped round, its criteria set, policy and scripts.
pub struct World {
    root: tempfile::TempDir,
}

impl World {
    /// Copies `criteria/`, `scripts/` and `fixtures/son-ha-2024/` into a temporary folder,
    /// keeping their relative paths, and makes the copy of `round.toml` name the copies of its
    /// rules by path instead of the shipped sets by id: they are what is damaged.
    pub fn new() -> World {
        let root = tempfile::tempdir().expect("a temporary folder");
        for dir in ["criteria", "scripts", "fixtures/son-ha-2024"] {
            copy_tree(Path::new(dir), &root.path().join(dir));
        }
        name_rules_by_path(&root.path().join("fixtures/son-ha-2024/round.toml"));
        World { root }
    }

    /// The tree's root.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// The round folder.
    pub fn round_dir(&self) -> PathBuf {
        self.root.path().join("fixtures/son-ha-2024")
    }

    /// The evidence files of the round, sorted.
    pub fn evidence_files(&self) -> Vec<PathBuf> {
        files_with(&self.round_dir(), "toml")
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n != "round.toml"))
            .collect()
    }

    /// The scripts of the set, sorted (the shipped policy is declarative: it has none).
    pub fn scripts(&self) -> Vec<PathBuf> {
        files_with(&self.root.path().join("scripts/qd-06-2019"), "rhai")
    }
}

/// Makes a copy of a fixture's `round.toml` name the repository's rule files (copied beside it
/// as in the repository) by their relative paths rather than the shipped sets by id.
pub fn name_rules_by_path(settings: &Path) {
    let text = std::fs::read_to_string(settings).expect("round.toml");
    let text = text
        .replace(
            "criteria = \"qd-06-2019\"",
            "criteria = \"../../criteria/qd-06-2019.toml\"",
        )
        .replace(
            "policy = \"son-ha-2024\"",
            "policy = \"../../criteria/son-ha-2024.toml\"",
        );
    std::fs::write(settings, text).expect("write round.toml");
}

/// A copy of `support::copy_tree`, which this file cannot reach: `examples/fuzz.rs` includes
/// it alone.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder in the temporary tree");
    for entry in std::fs::read_dir(from).expect("list a shipped folder") {
        let path = entry.expect("a folder entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy a shipped file");
        }
    }
}

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// [`Config::dangerous`] of the run, read where damage is drawn.
static DANGEROUS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

fn dangerous() -> bool {
    DANGEROUS.load(std::sync::atomic::Ordering::Relaxed)
}

// ── Damage ───────────────────────────────────────────────────────────────────────────────

/// Values a careless or hostile person types where a TOML value belongs.
const HOSTILE_VALUES: &[&str] = &[
    "-1",
    "0",
    "1.5",
    "1e308",
    "nan",
    "inf",
    "-0",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "0x7fffffffffffffff",
    "1_000_000_000_000_000",
    "true",
    "\"12\"",
    "\"\"",
    "\"😀 Sơn Hà\"",
    "\"\\uFEFFSơn Hà\"",
    "\"Sơn\\u0000Hà\"",
    "\"\\u001b[31mSơn Hà\\u001b[0m\"",
    "\"\\u202eaH nơS\"",
    "\"中文名字\"",
    "\"=HYPERLINK(\\\"http://x\\\")\"",
    "\"+1+1\"",
    "\"-2+3\"",
    "\"@SUM(A1)\"",
    "\"\\tSơn\"",
    "\"\\rSơn\"",
    "\"Sơn\\nHà\"",
    "\"../../etc/passwd\"",
    "\"round\"",
    "\"Round\"",
    "\"CON\"",
    "\"Sơn Hà\"",
    "\"So\u{0302}\u{0301}n\"",
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "9999-12-31",
    "2023-12-31",
    "2025-01-01",
    "2024-06-15",
    "2024-06-15T10:00:00",
    "[]",
    "{}",
    "[1, 2]",
    "{ vi = \"x\" }",
];

/// Lines inserted whole.
const HOSTILE_LINES: &[&str] = &[
    "[unit]",
    "[inputs]",
    "[[incidents]]",
    "[period]",
    "x = 1",
    "note = \"Nguyễn Văn A, 7 tuổi\"",
    "children_total = 5",
    "code = \"21202\"",
    "kind = \"drowning\"",
    "= 1",
    "\"",
    "[[[",
    "\u{FEFF}",
    "a.b.c.d = 1",
];

fn long_string(rng: &mut Rng) -> String {
    let n = *rng.pick(&[64usize, 255, 256, 400, 5_000, 70_000]);
    let unit = *rng.pick(&["x", "ơ", "Sơn Hà ", "ệ"]);
    format!("\"{}\"", unit.repeat(n / unit.chars().count().max(1)))
}

fn deep_value(rng: &mut Rng) -> String {
    let depth = if dangerous() {
        *rng.pick(&[100usize, 1_000, 100_000])
    } else {
        *rng.pick(&[100usize, 1_000])
    };
    let (open, close) = *rng.pick(&[("[", "]"), ("{ a = ", " }")]);
    format!("{}1{}", open.repeat(depth), close.repeat(depth))
}

/// Values that fit the field's type but are unusual: they should be accepted and rendered.
const PLAUSIBLE_TEXT: &[&str] = &[
    "\"Xã Sơn Hà\"",
    "\"Phường Trần Hưng Đạo\"",
    "\"Đặc khu Lý Sơn\"",
    "\"Thị trấn Di Lăng (cũ)\"",
    "\"Ấp Ẩn Ỗ Ữ Ỹ ỵ ự ợ ở\"",
    "\"So\\u0302\\u0301n Ha\\u0300\"",
    "\"=1+1\"",
    "\"-2\"",
    "\"+84 Sơn\"",
    "\"@Sơn\"",
    "\"Sơn, \\\"Hà\\\"\"",
    "\"Sơn; Hà\"",
];

/// A value of the same type as `old` that a careful person could still type.
fn plausible_value(rng: &mut Rng, old: &str) -> String {
    let old = old.trim();
    if let Ok(n) = old.replace('_', "").parse::<u64>() {
        let choices = [0, 1, n.saturating_sub(1), n + 1, n * 10, 9_000_000_000_000];
        return rng.pick(&choices).to_string();
    }
    if old.starts_with('"') {
        return rng.pick(PLAUSIBLE_TEXT).to_string();
    }
    if old == "true" || old == "false" {
        return rng.pick(&["true", "false"]).to_string();
    }
    old.to_string()
}

fn hostile_value(rng: &mut Rng, old: &str) -> String {
    match rng.below(20) {
        0..=7 => plausible_value(rng, old),
        8 => long_string(rng),
        9 => deep_value(rng),
        _ => rng.pick(HOSTILE_VALUES).to_string(),
    }
}

/// Damages a TOML text 1–3 times; returns the new bytes and the damage in words.
fn damage_toml(rng: &mut Rng, text: &str) -> (Vec<u8>, String) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut words = Vec::new();
    let mut raw: Option<Vec<u8>> = None;
    for _ in 0..1 + rng.below(2) {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let at = rng.below(lines.len());
        match rng.below(100) {
            0..=49 => {
                // Replace a value.
                let assigns: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        lines[i].contains(" = ") && !lines[i].trim_start().starts_with('#')
                    })
                    .collect();
                if let Some(&i) = assigns.get(rng.below(assigns.len().max(1))) {
                    let (key, old) = lines[i].split_once(" = ").unwrap_or_default();
                    let (key, old) = (key.to_string(), old.to_string());
                    let value = hostile_value(rng, &old);
                    words.push(format!(
                        "line {}: {} = {}",
                        i + 1,
                        key.trim(),
                        preview(&value)
                    ));
                    lines[i] = format!("{key} = {value}");
                }
            }
            50..=57 => {
                words.push(format!("line {} deleted", at + 1));
                lines.remove(at);
            }
            58..=65 => {
                words.push(format!("line {} duplicated", at + 1));
                let l = lines[at].clone();
                lines.insert(at, l);
            }
            66..=71 => {
                let other = rng.below(lines.len());
                words.push(format!("lines {} and {} swapped", at + 1, other + 1));
                lines.swap(at, other);
            }
            72..=81 => {
                let l = rng.pick(HOSTILE_LINES).to_string();
                words.push(format!("line {:?} inserted at {}", l, at + 1));
                lines.insert(at, l);
            }
            82..=87 => {
                let n = *rng.pick(&[1usize, 51, 52, 300, 10_000]);
                let kind = *rng.pick(&[
                    "drowning", "violence", "abuse", "injury", "drowing", "Drowning",
                ]);
                words.push(format!("{n} incident(s) of kind {kind} appended"));
                for k in 0..n {
                    lines.push(format!(
                        "\n[[incidents]]\nid = \"FZ-{k:05}\"\ndate = 2024-{:02}-{:02}\nkind = \"{kind}\"\nfatal = {}",
                        1 + k % 12,
                        1 + k % 28,
                        k % 7 == 0
                    ));
                }
            }
            88..=93 => {
                let cut = rng.below(text.len().max(1));
                let joined = lines.join("\n");
                let cut = (0..=cut.min(joined.len()))
                    .rev()
                    .find(|&c| joined.is_char_boundary(c))
                    .unwrap_or(0);
                words.push(format!("truncated at byte {cut}"));
                lines = joined[..cut].lines().map(str::to_string).collect();
            }
            _ => {
                let mut bytes = lines.join("\n").into_bytes();
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    let b = *rng.pick(&[0u8, 0x1b, 0x7f, 0x80, 0xc3, 0xff, b'"', b'[', b'=']);
                    words.push(format!("byte {i} set to {b:#04x}"));
                    bytes[i] = b;
                }
                raw = Some(bytes);
                break;
            }
        }
    }
    let bytes = raw.unwrap_or_else(|| (lines.join("\n") + "\n").into_bytes());
    (bytes, words.join("; "))
}

/// Script lines that attack the sandbox.
const HOSTILE_SCRIPT_LINES: &[&str] = &[
    "loop {}",
    "while true { }",
    "fn f(x) { f(x + 1) } f(1);",
    "let a = []; for i in 0..9000 { a.push(i); } let n = 0; for i in 0..9000 { if a.contains(i) { n += 1; } }",
    "let s = \"x\"; for i in 0..64 { s += s; }",
    "let m = #{}; for i in 0..100000 { m[`k${i}`] = i; }",
    "let x = 9223372036854775807; x += 1;",
    "let y = 9223372036854775807 * 9223372036854775807;",
    "let z = 79228162514264337593543950335.0 * 10.0;",
    "let q = 1 / 0;",
    "let w = pct(9223372036854775807, 1);",
    "eval(\"1\");",
    "import \"x\" as y;",
    "print(\"hello\");",
    "throw \"bye\";",
    "let a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]];",
];

fn damage_script(rng: &mut Rng, text: &str) -> (Vec<u8>, String) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = rng.below(lines.len() + 1);
    let words = match rng.below(10) {
        0..=5 => {
            let l = rng.pick(HOSTILE_SCRIPT_LINES).to_string();
            lines.insert(at, l.clone());
            format!("line {l:?} inserted at {}", at + 1)
        }
        6 => {
            let depth = if dangerous() {
                *rng.pick(&[200usize, 100_000])
            } else {
                200
            };
            let l = format!("let deep = {}1{};", "[".repeat(depth), "]".repeat(depth));
            lines.insert(at, l);
            format!("an array {depth} deep inserted at {}", at + 1)
        }
        7 => {
            let depth = if dangerous() {
                *rng.pick(&[200usize, 100_000])
            } else {
                200
            };
            let l = format!("let deep = {}1{};", "(".repeat(depth), ")".repeat(depth));
            lines.insert(at, l);
            format!("parentheses {depth} deep inserted at {}", at + 1)
        }
        8 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            lines.remove(i);
            format!("line {} deleted", i + 1)
        }
        _ => {
            let number = *rng.pick(&[
                "9223372036854775807",
                "-9223372036854775808",
                "79228162514264337593543950335.0",
                "0",
                "0.0000000000000000000000000001",
            ]);
            let mut changed = None;
            for (i, l) in lines.iter_mut().enumerate() {
                if let Some(pos) = l.find(|c: char| c.is_ascii_digit()) {
                    let end = l[pos..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                        .map_or(l.len(), |e| pos + e);
                    l.replace_range(pos..end, number);
                    changed = Some(i);
                    break;
                }
            }
            match changed {
                Some(i) => format!("line {}: first number set to {number}", i + 1),
                None => "no number to change".to_string(),
            }
        }
    };
    ((lines.join("\n") + "\n").into_bytes(), words)
}

/// Paths a criteria set or policy may point a script at.
const HOSTILE_SCRIPT_PATHS: &[&str] = &[
    "/etc/passwd",
    "/dev/zero",
    "/dev/urandom",
    "/proc/self/environ",
    "../../../../../../etc/hostname",
    "../scripts",
    "../scripts/qd-06-2019/none.rhai",
    "../fixtures/son-ha-2024/son-ba.toml",
    "",
];

/// Points one `script = …` line of a rules file at a hostile path, or damages the TOML.
fn damage_rules(rng: &mut Rng, text: &str) -> (Vec<u8>, String) {
    if rng.percent(25) {
        let scripts: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("script = "))
            .map(|(i, _)| i)
            .collect();
        if !scripts.is_empty() {
            let i = *rng.pick(&scripts);
            let mut target = *rng.pick(HOSTILE_SCRIPT_PATHS);
            if !dangerous() && target.starts_with("/dev/") {
                target = "/etc/passwd";
            }
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[i] = format!("script = {target:?}");
            return (
                (lines.join("\n") + "\n").into_bytes(),
                format!("line {}: script = {target:?}", i + 1),
            );
        }
    }
    damage_toml(rng, text)
}

fn preview(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    if short.len() < s.len() {
        format!("{short}… ({} bytes)", s.len())
    } else {
        short
    }
}

// ── Cases ────────────────────────────────────────────────────────────────────────────────

type CaseResult = Result<Outcome, String>;

fn run_case(seed: u64, config: &Config, baseline: &Baseline) -> (Target, String, CaseResult) {
    let mut rng = Rng::new(seed);
    let target = Target::draw(&mut rng, config.binary.is_some());
    let world = World::new();
    let damage = match prepare(&mut rng, target, &world) {
        Ok(d) => d,
        Err(e) => return (target, String::new(), Err(format!("harness: {e}"))),
    };
    let (tx, rx) = mpsc::channel();
    let root = world.root().to_path_buf();
    let binary = config.binary.clone();
    let baseline_results = baseline.results.clone();
    let worker = std::thread::Builder::new()
        .name(CASE_THREAD.into())
        .stack_size(8 << 20)
        .spawn(move || {
            let result = std::panic::catch_unwind(|| {
                check(target, &root, binary.as_deref(), &baseline_results, seed)
            })
            .map_err(|payload| panic_message(&payload));
            let _ = tx.send(result);
        });
    if let Err(e) = worker {
        return (
            target,
            damage,
            Err(format!("harness: cannot start a thread: {e}")),
        );
    }
    let result = match rx.recv_timeout(config.time_limit) {
        Ok(Ok(r)) => r,
        Ok(Err(panic)) => Err(format!("panicked: {panic}")),
        // The worker is left running; the run reports it and goes on.
        Err(_) => Err(format!(
            "hung: still running after {} s",
            config.time_limit.as_secs()
        )),
    };
    // A hung worker still uses the tree: leak it rather than delete it under the worker.
    if matches!(&result, Err(e) if e.starts_with("hung")) {
        std::mem::forget(world);
    }
    (target, damage, result)
}

/// Damages the world for one target; returns the damage in words.
fn prepare(rng: &mut Rng, target: Target, world: &World) -> Result<String, String> {
    let edit = |path: &Path, f: &mut dyn FnMut(&str) -> (Vec<u8>, String)| {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let (bytes, words) = f(&text);
        std::fs::write(path, bytes).map_err(|e| e.to_string())?;
        let name = path.strip_prefix(world.root()).unwrap_or(path);
        Ok::<String, String>(format!("{}: {words}", name.display()))
    };
    match target {
        Target::Evidence | Target::Cli => {
            let files = world.evidence_files();
            let file = rng.pick(&files).clone();
            edit(&file, &mut |t| damage_toml(rng, t))
        }
        Target::RoundSettings => edit(&world.round_dir().join("round.toml"), &mut |t| {
            damage_toml(rng, t)
        }),
        Target::Criteria => edit(&world.root().join("criteria/qd-06-2019.toml"), &mut |t| {
            damage_rules(rng, t)
        }),
        Target::Policy => edit(&world.root().join("criteria/son-ha-2024.toml"), &mut |t| {
            damage_rules(rng, t)
        }),
        Target::Script => {
            let scripts = world.scripts();
            let file = rng.pick(&scripts).clone();
            edit(&file, &mut |t| damage_script(rng, t))
        }
        Target::Folder => damage_folder(rng, world),
        Target::Workbook => Ok("a round workbook made from the round, damaged when checked".into()),
    }
}

fn damage_folder(rng: &mut Rng, world: &World) -> Result<String, String> {
    let dir = world.round_dir();
    let io = |e: std::io::Error| e.to_string();
    let files = world.evidence_files();
    let some = rng.pick(&files).clone();
    Ok(match rng.below(8) {
        0 => {
            std::fs::rename(&some, some.with_extension("TOML")).map_err(io)?;
            format!("{} renamed to .TOML", some.display())
        }
        1 => {
            #[cfg(unix)]
            std::os::unix::fs::symlink(dir.join("nowhere.toml"), dir.join("dangling.toml"))
                .map_err(io)?;
            "a dangling link dangling.toml".into()
        }
        2 => {
            std::fs::create_dir(dir.join("x.toml")).map_err(io)?;
            "a folder named x.toml".into()
        }
        3 => {
            std::fs::copy(&some, dir.join("copy.toml")).map_err(io)?;
            format!("{} copied to copy.toml (a duplicate code)", some.display())
        }
        4 => {
            std::fs::write(dir.join("empty.toml"), b"").map_err(io)?;
            "an empty file empty.toml".into()
        }
        5 => {
            let garbage: Vec<u8> = (0..4096).map(|_| rng.next_u64() as u8).collect();
            std::fs::write(dir.join("garbage.toml"), garbage).map_err(io)?;
            "4 KiB of random bytes in garbage.toml".into()
        }
        6 if dangerous() => {
            #[cfg(unix)]
            std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).map_err(io)?;
            "a link zero.toml to /dev/zero".into()
        }
        _ => {
            let big = format!("# {}\n", "x".repeat(20 << 20));
            std::fs::write(dir.join("big.toml"), big).map_err(io)?;
            "a 20 MiB file big.toml".into()
        }
    })
}

/// Runs what a council runs on the damaged world and checks every promise.
fn check(
    target: Target,
    root: &Path,
    binary: Option<&Path>,
    baseline: &BTreeMap<String, String>,
    seed: u64,
) -> CaseResult {
    let dir = root.join("fixtures/son-ha-2024");
    match target {
        Target::Workbook => check_workbook(root, seed),
        Target::Cli => check_cli(root, binary.ok_or("no binary")?, seed),
        _ => check_round(target, root, &dir, baseline),
    }
}

fn check_round(
    target: Target,
    root: &Path,
    dir: &Path,
    baseline: &BTreeMap<String, String>,
) -> CaseResult {
    let round = match Round::load(dir) {
        Ok(r) => r,
        Err(e) => {
            if matches!(target, Target::Evidence | Target::Folder) {
                return Err(format!(
                    "an evidence problem stopped the whole round: {}",
                    preview(&e.to_string())
                ));
            }
            located_lines(&e.to_string(), root)?;
            return Ok(Outcome::Refused);
        }
    };
    let mut tables = LineTables::default();
    for d in &round.errors {
        located(d, root, &mut tables)?;
    }
    let evaluated = round.evaluate();
    let failed: Vec<String> = evaluated.failures.iter().map(|(c, _)| c.clone()).collect();
    for (code, e) in &evaluated.failures {
        let msg = e.to_string();
        if !msg.contains(".rhai") && !msg.contains(".toml") {
            return Err(format!(
                "unit {code}: a failure that names no file: {}",
                preview(&msg)
            ));
        }
    }
    // Every unit whose file was not damaged is evaluated exactly as before.
    if matches!(target, Target::Evidence | Target::Folder) {
        let got: BTreeMap<&str, String> = evaluated
            .results
            .iter()
            .map(|r| (r.code.as_str(), comparable(r)))
            .collect();
        let damaged: Vec<&Path> = round.errors.iter().map(|d| d.file.as_path()).collect();
        for (code, expected) in baseline {
            match got.get(code.as_str()) {
                Some(g) if g == expected => {}
                Some(_) if damaged_unit(&round, code, root) => {}
                Some(_) => return Err(format!("unit {code} changed though its file did not")),
                None if failed.contains(code) => {}
                None if damaged_unit(&round, code, root) || unit_file_refused(code, &damaged) => {}
                None => return Err(format!("valid unit {code} was lost")),
            }
        }
    }
    let refused = !round.errors.is_empty() || !evaluated.failures.is_empty();
    let report = RoundReport::new(&round, evaluated);
    // The pristine units' dossiers rendered before; render the damaged ones, one pristine one
    // (for damaged settings or rules), and the summary.
    let mut first_pristine = true;
    let keep = |r: &cfc::UnitResult| {
        let damaged = baseline.get(&r.code) != Some(&comparable(r));
        damaged || std::mem::take(&mut first_pristine)
    };
    render_everything(&round, &report, keep)?;
    Ok(if refused {
        Outcome::Refused
    } else {
        Outcome::Accepted
    })
}

/// Whether the unit `code` lives in the file the case damaged (its evidence may differ).
fn damaged_unit(round: &Round, code: &str, root: &Path) -> bool {
    let shipped = |file: &Path| {
        let name = file.file_name().unwrap_or_default();
        let pristine = Path::new("fixtures/son-ha-2024").join(name);
        match (read_small(file), read_small(&pristine)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    };
    let _ = root;
    round
        .units
        .iter()
        .filter(|ev| ev.unit().code == code)
        .any(|ev| !shipped(ev.source()))
}

/// Whether a refused file is the unit's own (its code is in the file's shipped name).
fn unit_file_refused(code: &str, refused: &[&Path]) -> bool {
    refused.iter().any(|f| {
        let name = f.file_name().unwrap_or_default();
        std::fs::read_to_string(Path::new("fixtures/son-ha-2024").join(name))
            .is_ok_and(|t| t.contains(&format!("code = \"{code}\"")))
            || read_small(f).is_some_and(|t| String::from_utf8_lossy(&t).contains(code))
    })
}

/// A regular file's bytes, if it is one of at most 64 MiB (never a device or a folder: the
/// harness must not hang where the engine is asked not to).
fn read_small(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() <= 64 << 20)
        .then(|| std::fs::read(path).ok())
        .flatten()
}

/// Renders what `evaluate --out` writes; any failure is a broken promise.
fn render_everything(
    round: &Round,
    report: &RoundReport,
    mut dossier_of: impl FnMut(&cfc::UnitResult) -> bool,
) -> Result<(), String> {
    let _ = render::json(report);
    let words = cfc::words::results::Vocabulary::of(round);
    let csv = render::csv(report, &words, Lang::Vi);
    check_csv(&csv)?;
    for lang in [Lang::Vi, Lang::En] {
        let table = render::table(report, &words, lang);
        if let Some(c) = table.chars().find(|c| c.is_control() && *c != '\n') {
            return Err(format!(
                "the terminal table holds a control character U+{:04X}",
                c as u32
            ));
        }
    }
    cfc::xlsx::results(report, &words, Lang::Vi)
        .map_err(|e| format!("results.xlsx failed: {e}"))?;
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: cfc::Lang::Vi,
    };
    let fail = |e: cfc::render::pdf::PdfError| format!("a dossier failed to render: {e}");
    for unit in report.units.iter().filter(|u| dossier_of(u)) {
        dossier::dossier(unit, &ctx).map_err(fail)?;
        let file = dossier::file_name(unit);
        if file.len() > 255 || file.contains('/') || file.starts_with('.') {
            return Err(format!(
                "a dossier file name is unusable: {:?}",
                preview(&file)
            ));
        }
    }
    dossier::summary(report, &ctx).map_err(fail)?;
    Ok(())
}

/// No cell of the CSV may start a formula in a spreadsheet.
fn check_csv(csv: &str) -> Result<(), String> {
    for line in csv.lines().skip(1) {
        for cell in split_csv_line(line) {
            if cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err())
            {
                return Err(format!("a CSV cell starts a formula: {:?}", preview(&cell)));
            }
        }
    }
    Ok(())
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// The length in characters of every line of each file named by diagnostics, read once per
/// file (a file can carry thousands of diagnostics); `None` for an unreadable entry.
#[derive(Default)]
struct LineTables(BTreeMap<PathBuf, Option<Vec<usize>>>);

impl LineTables {
    fn of(&mut self, file: &Path) -> Option<&Vec<usize>> {
        self.0
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                read_small(file).map(|bytes| {
                    String::from_utf8_lossy(&bytes)
                        .split('\n')
                        .map(|l| l.chars().count())
                        .collect()
                })
            })
            .as_ref()
    }
}

/// A diagnostic must name a file of the tree and a position inside it.
fn located(d: &cfc::Diagnostic, root: &Path, tables: &mut LineTables) -> Result<(), String> {
    if !d.file.starts_with(root) {
        return Err(format!("a problem names a file outside the round: {d}"));
    }
    let Some(lines) = tables.of(&d.file) else {
        // An unreadable entry (a dangling link, a folder) is located at 1:1.
        return if d.line == 1 && d.column == 1 {
            Ok(())
        } else {
            Err(format!(
                "a problem in an unreadable file has a position: {d}"
            ))
        };
    };
    let line_ok = d.line >= 1 && d.line <= lines.len().max(1);
    let col_ok =
        line_ok && d.column >= 1 && d.column <= lines.get(d.line - 1).copied().unwrap_or(0) + 1;
    if col_ok {
        Ok(())
    } else {
        Err(format!(
            "a problem points outside its file: {}",
            preview(&d.to_string())
        ))
    }
}

/// Every line of a round-opening error is `file:line:column: message` inside the tree.
fn located_lines(message: &str, root: &Path) -> Result<(), String> {
    if message.trim().is_empty() {
        return Err("an empty error".into());
    }
    for line in message.lines() {
        let mut parts = line.splitn(4, ':');
        let (file, l, c) = (parts.next(), parts.next(), parts.next());
        let located = match (
            file,
            l.and_then(|l| l.parse::<usize>().ok()),
            c.and_then(|c| c.trim().parse::<usize>().ok()),
        ) {
            (Some(f), Some(l), Some(c)) => Path::new(f).starts_with(root) && l >= 1 && c >= 1,
            _ => false,
        };
        if !located {
            return Err(format!("an unlocated problem: {}", preview(line)));
        }
    }
    Ok(())
}

fn check_workbook(root: &Path, seed: u64) -> CaseResult {
    let dir = root.join("fixtures/son-ha-2024");
    let round = Round::load(&dir).map_err(|e| format!("the pristine round failed: {e}"))?;
    let opts = cfc::xlsx::TemplateOptions {
        layout: cfc::xlsx::Layout::Round,
        year: round.settings.year,
        criteria_path: "../../criteria/qd-06-2019.toml".into(),
        prefill: cfc::xlsx::Prefill {
            settings: Some(round.settings.clone()),
            units: round.units.clone(),
        },
    };
    let set = round.evaluator.criteria();
    let made = cfc::xlsx::template(set, &opts).map_err(|e| format!("template failed: {e}"))?;
    let mut rng = Rng::new(seed ^ 0x5EED);
    let (bytes, damage) = workbook::damage(&mut rng, &made)?;
    match cfc::xlsx::import("round.xlsx", &bytes, set, Some(round.settings.year)) {
        Ok(imported) => {
            let mut names = std::collections::BTreeSet::new();
            for u in &imported.units {
                if u.file_name == "round.toml"
                    || !u.file_name.contains(&u.evidence.unit().code)
                    || !names.insert(u.file_name.clone())
                {
                    return Err(format!(
                        "{damage}: import names a unit's file {:?}: not unique by its code",
                        u.file_name
                    ));
                }
            }
            Ok(Outcome::Accepted)
        }
        Err(e) => {
            for p in &e.0 {
                // Only a file that is no workbook at all has no sheet to name.
                let whole_file = matches!(
                    p.problem,
                    cfc::diag::Problem::Workbook(cfc::diag::WorkbookProblem::NotXlsx { .. })
                );
                if p.sheet.is_none() && !whole_file {
                    return Err(format!("{damage}: a workbook problem names no sheet: {p}"));
                }
            }
            Ok(Outcome::Refused)
        }
    }
}

/// Rewrites a generated workbook with one cell damaged.
mod workbook {
    use super::{Rng, preview};
    use calamine::{Data, Reader};
    use rust_xlsxwriter::Workbook;
    use std::io::Cursor;

    const HOSTILE_CELLS: &[&str] = &[
        "-1",
        "1.5",
        "9223372036854775808",
        "18446744073709551616",
        "1e300",
        "12abc",
        "😀",
        "=1+1",
        "\u{1b}[31m",
        "Sơn\u{0}Hà",
        "\u{feff}21202",
        "",
        " ",
        "round",
        "Round",
        "2024-02-30",
        "31/12/2024",
    ];

    /// The damaged bytes and the damage in words.
    pub fn damage(rng: &mut Rng, bytes: &[u8]) -> Result<(Vec<u8>, String), String> {
        let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
            .map_err(|e| format!("cannot reread the template: {e}"))?;
        let names = wb.sheet_names().to_vec();
        let mut sheets = Vec::new();
        for name in &names {
            let range = wb
                .worksheet_range(name)
                .map_err(|e| format!("cannot reread {name}: {e}"))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells: Vec<(u32, u16, Data)> = range
                .cells()
                .map(|(r, c, d)| (r0 + r as u32, (c0 + c as u32) as u16, d.clone()))
                .collect();
            sheets.push((name.clone(), cells));
        }
        let victim = rng.below(sheets.len());
        let damage;
        {
            let (name, cells) = &mut sheets[victim];
            match rng.below(10) {
                0 => {
                    let far: &[(u32, u16)] = if super::dangerous() {
                        &[(1_048_575, 16_383), (200_000, 300), (70_000, 10)]
                    } else {
                        &[(70_000, 10)]
                    };
                    let (r, c) = *rng.pick(far);
                    cells.push((r, c, Data::String("x".into())));
                    damage = format!("{name}: a cell at row {} column {}", r + 1, c + 1);
                }
                1 => {
                    let serial = *rng.pick(&[-1.0f64, 0.0, 2_958_466.0, 1e12, 45_000.5]);
                    let i = rng.below(cells.len().max(1));
                    if let Some(cell) = cells.get_mut(i) {
                        cell.2 = Data::Float(serial);
                    }
                    damage = format!("{name}: cell {i} set to the number {serial}");
                }
                2 => {
                    let n = *rng.pick(&[9.3e18f64, 1.9e19, -5.0, 0.5]);
                    let i = rng.below(cells.len().max(1));
                    if let Some(cell) = cells.get_mut(i) {
                        cell.2 = Data::Float(n);
                    }
                    damage = format!("{name}: cell {i} set to the number {n}");
                }
                3 if !cells.is_empty() => {
                    let i = rng.below(cells.len());
                    cells.remove(i);
                    damage = format!("{name}: cell {i} emptied");
                }
                _ => {
                    let v = if rng.percent(15) {
                        "x".repeat(*rng.pick(&[300usize, 32_000]))
                    } else {
                        rng.pick(HOSTILE_CELLS).to_string()
                    };
                    let i = rng.below(cells.len().max(1));
                    if let Some(cell) = cells.get_mut(i) {
                        cell.2 = Data::String(v.clone());
                    }
                    damage = format!("{name}: cell {i} set to {:?}", preview(&v));
                }
            }
        }
        let mut out = Workbook::new();
        for (name, cells) in &sheets {
            let ws = out.add_worksheet();
            ws.set_name(name).map_err(|e| e.to_string())?;
            for (r, c, d) in cells {
                let written = match d {
                    Data::Int(i) => ws.write_number(*r, *c, *i as f64).map(|_| ()),
                    Data::Float(f) => ws.write_number(*r, *c, *f).map(|_| ()),
                    Data::String(s) => ws.write_string(*r, *c, s).map(|_| ()),
                    Data::Bool(b) => ws.write_boolean(*r, *c, *b).map(|_| ()),
                    Data::DateTime(d) => ws.write_number(*r, *c, d.as_f64()).map(|_| ()),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => {
                        ws.write_string(*r, *c, s).map(|_| ())
                    }
                    Data::Error(_) | Data::Empty => Ok(()),
                };
                written.map_err(|e| format!("cannot rewrite the workbook: {e}"))?;
            }
        }
        let bytes = out
            .save_to_buffer()
            .map_err(|e| format!("cannot save the workbook: {e}"))?;
        Ok((bytes, damage))
    }
}

fn check_cli(root: &Path, binary: &Path, seed: u64) -> CaseResult {
    let dir = root.join("fixtures/son-ha-2024");
    let out = root.join("out");
    let mut rng = Rng::new(seed ^ 0xC11);
    match rng.below(3) {
        // A full or closed standard output ends the program cleanly.
        0 | 1 => {
            let stdout = if rng.percent(50) {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .map(Stdio::from)
                    .map_err(|e| format!("harness: /dev/full: {e}"))?
            } else {
                Stdio::piped()
            };
            let mut child = Command::new(binary)
                .args(["evaluate", "--format", "json", "--out"])
                .arg(&out)
                .arg(&dir)
                .stdout(stdout)
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| format!("harness: cannot run cfc: {e}"))?;
            // A closed pipe: drop our end before the child writes.
            drop(child.stdout.take());
            let output = child
                .wait_with_output()
                .map_err(|e| format!("harness: {e}"))?;
            let stderr = String::from_utf8_lossy(&output.stderr);
            if stderr.contains("panicked") {
                return Err(format!(
                    "cfc panicked on a closed output: {}",
                    preview(&stderr)
                ));
            }
            if output.status.success() {
                return Err("cfc reported success though its output could not be written".into());
            }
            out_folder_whole_or_absent(&out)?;
            Ok(Outcome::Refused)
        }
        _ => {
            let output = Command::new(binary)
                .arg("evaluate")
                .arg(&dir)
                .arg("--out")
                .arg(&out)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .output()
                .map_err(|e| format!("harness: cannot run cfc: {e}"))?;
            let stderr = String::from_utf8_lossy(&output.stderr);
            if stderr.contains("panicked") {
                return Err(format!("cfc panicked: {}", preview(&stderr)));
            }
            if let Some(c) = stderr.chars().find(|c| c.is_control() && *c != '\n') {
                return Err(format!(
                    "stderr holds a raw control character U+{:04X}",
                    c as u32
                ));
            }
            match output.status.code() {
                Some(0) | Some(1) => {
                    out_folder_whole_or_absent(&out)?;
                    if !out.join("results.json").exists() {
                        return Err("evaluate succeeded but wrote no results.json".into());
                    }
                    Ok(if output.status.code() == Some(0) {
                        Outcome::Accepted
                    } else {
                        Outcome::Refused
                    })
                }
                other => Err(format!(
                    "evaluate of a damaged unit exited with {other:?}: {}",
                    preview(&stderr)
                )),
            }
        }
    }
}

/// `--out` is absent, or holds results.json whose every dossier exists with its hash.
fn out_folder_whole_or_absent(out: &Path) -> Result<(), String> {
    let results = out.join("results.json");
    if !out.exists() {
        return Ok(());
    }
    let Ok(text) = std::fs::read_to_string(&results) else {
        let left: Vec<String> = std::fs::read_dir(out)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        return if left.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "--out holds files but no results.json: {}",
                left.join(", ")
            ))
        };
    };
    let report: RoundReport =
        serde_json::from_str(&text).map_err(|e| format!("results.json does not parse: {e}"))?;
    for d in &report.dossiers {
        let bytes = std::fs::read(out.join(&d.file))
            .map_err(|e| format!("{} listed but missing: {e}", d.file))?;
        if sha256_hex(&bytes) != d.sha256 {
            return Err(format!("{} does not match its recorded hash", d.file));
        }
    }
    Ok(())
}

// ── Panics ───────────────────────────────────────────────────────────────────────────────

/// The name of the threads the cases run on: the only ones whose panics are silenced.
const CASE_THREAD: &str = "fuzz case";

/// The default hook prints every caught panic of a case; the report already names them.
fn silence_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // The hook is the whole process's: other tests run beside the fuzz test (and a
            // case's own evaluation uses the shared thread pool), and their panics are real
            // failures that must be seen.
            if std::thread::current().name() != Some(CASE_THREAD) {
                default(info);
                return;
            }
            LAST_PANIC.with(|last| {
                *last.borrow_mut() = format!(
                    "{} at {}",
                    payload_text(info.payload()),
                    info.location().map_or("?".into(), |l| l.to_string())
                );
            });
        }));
    });
}

thread_local! {
    /// The message and place of the last panic on this thread (read by the case's worker).
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    let last = LAST_PANIC.with(|l| std::mem::take(&mut *l.borrow_mut()));
    if !last.is_empty() {
        return last;
    }
    payload_text(payload.as_ref()).to_string()
}

/// Lower-case hex SHA-256, computed here with the `sha2` crate itself rather than through the
/// engine, so that the recorded digests are checked by an independent computation.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
