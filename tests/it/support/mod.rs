//! Shared by the integration tests and the benchmark (`#[path]`-included): building evidence,
//! generating valid units, and the hand-written native scorer used as oracle and speed floor.
#![allow(dead_code)] // the tests and each benchmark use different parts

pub mod native;

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use cfc::{CriteriaSet, Evaluator, Evidence, Policy};

/// Copies a folder and everything under it, as a clerk copies a round to a USB stick.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `cfc ARGS --lang en` from `cwd`: its exit code, and its standard output followed by
/// its standard error (the English words the tests read).
pub fn cfc_en(cwd: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(args)
        .args(["--lang", "en"])
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned()
            + String::from_utf8_lossy(&out.stderr).as_ref(),
    )
}

/// Held by the tests whose verdict races the wall clock, and by the one test that keeps every
/// core busy, so that they never run side by side in the test binary.
///
/// A script that loops forever must be stopped by its operations limit (200,000 operations,
/// some 50 ms) before its unit's 250 ms run out, and a script that calls expensive built-ins
/// by the clock on a line of its loop; beside the fuzz run (a lane per core, each starting
/// `cfc` processes), the loop was once stopped by the clock instead. A test that panics while
/// holding the lock fails alone: the next one still takes it.
pub fn clock_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A copy of the test set `tests/data/draft-100` (the set, its scripts, policy, cases and round)
/// as `<temp>/draft-100`, for a test that changes one of its files.
pub fn draft_100_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("draft-100");
    for sub in ["", "scripts", "round"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        for entry in std::fs::read_dir(format!("tests/data/draft-100/{sub}")).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, root.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// The disqualifiers that hold for a unit, each with the ids of its incidents, as tests compare
/// them.
pub fn hits(result: &cfc::UnitResult) -> Vec<(&str, Vec<&str>)> {
    result
        .disqualifiers
        .iter()
        .map(|h| {
            (
                h.id.as_str(),
                h.incidents.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

/// The incident kinds of the shipped set, in its order.
pub fn incident_kinds() -> Vec<&'static str> {
    evaluator()
        .criteria()
        .incident_kinds()
        .iter()
        .map(|k| k.id.id())
        .collect()
}

/// The shipped set and policy, loaded once per test binary.
pub fn evaluator() -> &'static Evaluator {
    static E: OnceLock<Evaluator> = OnceLock::new();
    E.get_or_init(|| {
        let set =
            CriteriaSet::load("criteria/qd-06-2019.toml").expect("shipped criteria set loads");
        let policy = Policy::load("criteria/son-ha-2024.toml", &set).expect("shipped policy loads");
        Evaluator::new(set, Some(policy)).expect("policy matches set")
    })
}

/// The inputs of a unit that earns every point of qd-06-2019 (1000), as `(field, TOML
/// literal)`: the base unit of the set's own cases (`criteria/qd-06-2019.cases.toml`), read
/// from there so that the perfect unit is written once.
pub fn perfect() -> &'static [(String, String)] {
    static P: OnceLock<Vec<(String, String)>> = OnceLock::new();
    P.get_or_init(|| {
        const CASES: &str = "criteria/qd-06-2019.cases.toml";
        let text = std::fs::read_to_string(CASES).unwrap_or_else(|e| panic!("{CASES}: {e}"));
        let cases: toml::Table = text.parse().unwrap_or_else(|e| panic!("{CASES}: {e}"));
        let inputs = cases
            .get("base")
            .and_then(|b| b.get("inputs"))
            .and_then(toml::Value::as_table)
            .unwrap_or_else(|| panic!("{CASES}: no [base.inputs]"));
        inputs
            .iter()
            .map(|(name, value)| (name.clone(), value.to_string()))
            .collect()
    })
}

/// An incident for [`evidence_text`]: (id, date, kind, fatal, support plan approved).
pub type IncidentSpec<'a> = (&'a str, &'a str, &'a str, bool, bool);

/// Evidence TOML for one unit: the perfect unit with some inputs overridden.
pub fn evidence_text(code: &str, overrides: &[(&str, &str)], incidents: &[IncidentSpec]) -> String {
    let mut s = format!(
        "[unit]\ncode = \"{code}\"\nname = \"Xã {code}\"\nkind = \"xa\"\nclass = \"mountain_island_difficult\"\nsynthetic = true\n\n\
         [period]\nfrom = 2024-01-01\nto = 2024-12-31\n\n[inputs]\n"
    );
    for (name, value) in perfect() {
        let value = overrides
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(value.as_str(), |(_, v)| *v);
        s += &format!("{name} = {value}\n");
    }
    for (id, date, kind, fatal, plan) in incidents {
        s += &format!(
            "\n[[incidents]]\nid = \"{id}\"\ndate = {date}\nkind = \"{kind}\"\nfatal = {fatal}\nsupport_plan_approved = {plan}\n"
        );
    }
    s
}

/// Parses evidence text against the shipped set; panics with every problem (tests only).
pub fn evidence(text: &str) -> Evidence {
    Evidence::parse("test.toml", text, evaluator().criteria(), Some(2024))
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// A small deterministic generator (xorshift64*), so the benchmark and property tests make the
/// same units from the same seed without another dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    /// A part of `whole` that is usually high (mostly near the steps that matter).
    pub fn share(&mut self, whole: u64, min_pct: u64) -> u64 {
        whole * self.range(min_pct, 100) / 100
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.range(1, 100) <= pct
    }
}

/// A generated unit: input values and incidents, editable before it is written as TOML.
#[derive(Clone, Debug)]
pub struct UnitSpec {
    pub values: Vec<(&'static str, String)>,
    pub incidents: Vec<(String, String, &'static str, bool, bool)>,
}

impl UnitSpec {
    /// The evidence TOML of this unit.
    pub fn text(&self, code: u64) -> String {
        let overrides: Vec<(&str, &str)> =
            self.values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let incidents: Vec<IncidentSpec> = self
            .incidents
            .iter()
            .map(|(id, d, k, f, p)| (id.as_str(), d.as_str(), *k, *f, *p))
            .collect();
        evidence_text(&format!("{code:05}"), &overrides, &incidents)
    }

    /// The value of an input.
    pub fn get(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Sets the value of an input.
    pub fn set(&mut self, name: &str, value: String) {
        if let Some(slot) = self.values.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        }
    }
}

/// The evidence text of a random valid unit (see [`random_spec`]).
pub fn random_unit(code: u64, seed: u64) -> String {
    random_spec(seed).text(code)
}

/// A random valid unit: every constraint of qd-06-2019 holds, with values spread over every
/// step of every indicator (and some n/a cases).
pub fn random_spec(seed: u64) -> UnitSpec {
    let mut r = Rng::new(seed);
    let children = r.range(300, 6000);
    let part = |r: &mut Rng, whole: u64, min: u64| r.share(whole, min).to_string();
    let villages = r.range(1, 12);
    let births = if r.chance(5) {
        0
    } else {
        r.range(5, children / 20 + 5)
    };
    let under1 = if r.chance(5) {
        0
    } else {
        r.range(5, children / 20 + 5)
    };
    let measured = if r.chance(5) {
        0
    } else {
        r.range(50, children / 3 + 50)
    };
    let target = if r.chance(5) {
        0
    } else {
        r.range(100, children)
    };
    let special = if r.chance(10) {
        0
    } else {
        r.range(1, children / 40 + 1)
    };
    let age5 = r.range(0, children / 25 + 1);
    let primary = r.range(0, children / 3 + 1);
    let lower = r.range(0, children / 4 + 1);
    let surveyed_c = if r.chance(5) { 0 } else { r.range(20, 300) };
    let surveyed_a = if r.chance(5) { 0 } else { r.range(20, 300) };
    let mut incidents = Vec::new();
    let kinds = incident_kinds();
    let n_incidents = if r.chance(60) { 0 } else { r.range(1, 4) };
    let mut injuries = 0;
    for i in 0..n_incidents {
        let kind = kinds[r.range(0, 9) as usize];
        let year = if r.chance(85) { 2024 } else { 2023 };
        if year == 2024 && ["drowning", "traffic", "other_injury"].contains(&kind) {
            injuries += 1;
        }
        let date = format!("{year}-{:02}-{:02}", r.range(1, 12), r.range(1, 28));
        incidents.push((format!("X-{i}"), date, kind, r.chance(20), r.chance(50)));
    }
    let values: Vec<(&'static str, String)> = vec![
        ("children_total", children.to_string()),
        ("protection_officer_assigned", r.chance(90).to_string()),
        ("villages_total", villages.to_string()),
        ("villages_with_collaborator", part(&mut r, villages, 30)),
        ("protection_board_established", r.chance(90).to_string()),
        ("protection_board_reviews", r.range(0, 15).to_string()),
        (
            "child_budget_vnd",
            if r.chance(90) {
                r.range(1, 200_000_000)
            } else {
                0
            }
            .to_string(),
        ),
        ("births_in_period", births.to_string()),
        ("births_registered_on_time", part(&mut r, births, 85)),
        (
            "children_in_conflict_with_law",
            if r.chance(70) { 0 } else { r.range(1, 8) }.to_string(),
        ),
        (
            "children_using_drugs",
            if r.chance(85) { 0 } else { r.range(1, 4) }.to_string(),
        ),
        (
            "children_injured",
            (injuries + r.range(0, children / 80 + 1)).to_string(),
        ),
        ("special_circumstances_children", special.to_string()),
        ("special_circumstances_supported", part(&mut r, special, 80)),
        ("under1_children", under1.to_string()),
        ("under1_fully_vaccinated", part(&mut r, under1, 85)),
        ("under5_measured", measured.to_string()),
        ("under5_underweight", part(&mut r, measured / 5, 0)),
        ("under5_stunted", part(&mut r, measured / 3, 0)),
        ("children_checkup_target", target.to_string()),
        ("children_checked", part(&mut r, target, 60)),
        ("age5_children", age5.to_string()),
        ("age5_in_preschool", part(&mut r, age5, 90)),
        ("primary_age_children", primary.to_string()),
        ("primary_age_enrolled", part(&mut r, primary, 90)),
        ("lower_secondary_age_children", lower.to_string()),
        ("lower_secondary_age_enrolled", part(&mut r, lower, 80)),
        ("children_forums_held", r.range(0, 3).to_string()),
        ("children_consulted", r.chance(85).to_string()),
        ("children_clubs", r.range(0, 5).to_string()),
        ("play_space_available", r.chance(85).to_string()),
        ("children_events_held", r.range(0, 6).to_string()),
        ("children_surveyed", surveyed_c.to_string()),
        ("children_satisfied", part(&mut r, surveyed_c, 50)),
        ("adults_surveyed", surveyed_a.to_string()),
        ("adults_satisfied", part(&mut r, surveyed_a, 50)),
    ];
    UnitSpec { values, incidents }
}

/// A round of 1,036 units in `dir/round`: more than two of the batches `evaluate --format
/// json|csv` evaluates and writes at a time, the last one short. Each Sơn Hà unit's evidence is
/// copied 73 times under new codes, so the batches hold different units, in the round's order.
pub fn round_of_many_batches(dir: &std::path::Path) -> std::path::PathBuf {
    let round_dir = dir.join("round");
    copy_tree(std::path::Path::new("fixtures/son-ha-2024"), &round_dir);
    let shipped: Vec<_> = std::fs::read_dir("fixtures/son-ha-2024")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "round.toml"))
        .collect();
    for copy in 0..73 {
        for (i, file) in shipped.iter().enumerate() {
            let text = std::fs::read_to_string(file).unwrap();
            let code = text.lines().find(|l| l.starts_with("code = ")).unwrap();
            let new = format!("code = \"{}\"", 40_000 + copy * 100 + i);
            let to = round_dir.join(format!("copy-{copy}-{i}.toml"));
            std::fs::write(to, text.replacen(code, &new, 1)).unwrap();
        }
    }
    round_dir
}
