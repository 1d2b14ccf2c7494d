//! Every criteria set's own cases: a cases file beside the set (`qd-06-2019.cases.toml` beside
//! `qd-06-2019.toml`) says, case by case, what a unit scores — written from the rules by hand,
//! never produced by the engine — and this harness compares the engine with it.
//!
//! It runs every cases file of the shipped sets (`criteria/`, where a set without one is an
//! error) and of the test sets under `tests/data/` (where a cases file is optional). A case is
//! either a change to the file's base unit (some inputs, the incident register) or a unit of a
//! round folder named by its code; either way it lists the points of the indicators and
//! criteria it checks, and may state the total, the threshold, the decision, the conditions
//! that fail and the disqualifiers that hold. The format is described at the top of each cases
//! file and in `criteria/README.md` ("Cases: the set's own tests").

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use cfc::{CriteriaSet, Evaluator, Evidence, Failure, Policy, Round, UnitResult};
use serde::Deserialize;
use toml::Spanned;

/// The folders of shipped criteria sets: each set must have its cases.
const SHIPPED: &str = "criteria";
/// The folders of test sets: a set there may have cases.
const TEST_SETS: &str = "tests/data";
/// How a cases file is named beside its set `<id>.toml`.
const SUFFIX: &str = ".cases.toml";

/// A cases file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CasesFile {
    /// A policy beside the set whose disqualifiers take part in the cases built from the base.
    policy: Option<String>,
    /// A round folder (of this set) whose units cases may name by code.
    round: Option<String>,
    /// The unit that cases without a `unit` change.
    base: Option<Base>,
    #[serde(default)]
    case: Vec<Spanned<Case>>,
}

/// The base unit: an evidence file (`unit`, `period`, `inputs`, `incidents`) and the year of
/// the round it is read in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Base {
    year: u16,
    unit: toml::Table,
    period: toml::Table,
    inputs: toml::Table,
    #[serde(default)]
    incidents: Vec<toml::Table>,
}

/// One case: what it evaluates, then what it expects (only what is given is checked).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// A unit of the file's round, by code.
    unit: Option<String>,
    /// Inputs of the base unit changed.
    inputs: Option<toml::Table>,
    /// The incident register, in place of the base's.
    incidents: Option<Vec<toml::Table>>,
    /// Points of indicators, by id.
    indicators: Option<BTreeMap<String, String>>,
    /// Points of criteria, by id.
    criteria: Option<BTreeMap<String, String>>,
    total: Option<String>,
    threshold: Option<String>,
    recognised: Option<bool>,
    /// The conditions of recognition that fail, by `rule`, in the order the engine reports
    /// them; disqualifiers are in `held`.
    failing: Option<Vec<String>>,
    /// Every disqualifier that holds, with the incidents that made it hold.
    held: Option<BTreeMap<String, Vec<String>>>,
    /// The exact value a rounding function rounded, by indicator id. An indicator listed in
    /// `indicators` without it must not have been rounded from a different value.
    exact: Option<BTreeMap<String, String>>,
}

impl Case {
    fn expects_something(&self) -> bool {
        self.indicators.is_some()
            || self.criteria.is_some()
            || self.total.is_some()
            || self.threshold.is_some()
            || self.recognised.is_some()
            || self.failing.is_some()
            || self.held.is_some()
            || self.exact.is_some()
    }
}

/// What a run of the harness found.
#[derive(Default)]
struct Report {
    /// Every case that does not hold and every file that cannot be run, each a located line.
    problems: Vec<String>,
    /// The cases run, by cases file.
    cases: BTreeMap<PathBuf, usize>,
}

/// Runs the cases of every set under `shipped` (where each set must have cases) and under
/// `tests` (where it may).
fn run(shipped: &Path, tests: &Path) -> Report {
    let mut report = Report::default();
    for set in files(shipped, false)
        .into_iter()
        .filter(|f| !is_cases(f) && is_set(f))
    {
        if !cases_of(&set).is_file() {
            report.problems.push(format!(
                "{}: a shipped criteria set without its cases (expected {})",
                set.display(),
                cases_of(&set).display()
            ));
        }
    }
    let cases = files(shipped, false)
        .into_iter()
        .chain(files(tests, true))
        .filter(|f| is_cases(f));
    for file in cases {
        let n = run_file(&file, &mut report.problems);
        report.cases.insert(file, n);
    }
    report
}

/// The `.toml` files of a folder (and of its subfolders, if `deep`), sorted.
fn files(dir: &Path, deep: bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if deep {
                found.extend(files(&path, true));
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn is_cases(path: &Path) -> bool {
    path.to_string_lossy().ends_with(SUFFIX)
}

/// A criteria set declares its `max_points`; a policy, a round or a unit does not.
fn is_set(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("max_points"))
}

fn cases_of(set: &Path) -> PathBuf {
    let name = set.file_name().unwrap().to_string_lossy();
    set.with_file_name(format!("{}{SUFFIX}", name.trim_end_matches(".toml")))
}

fn set_of(cases: &Path) -> PathBuf {
    let name = cases.file_name().unwrap().to_string_lossy();
    cases.with_file_name(format!("{}.toml", name.trim_end_matches(SUFFIX)))
}

/// Runs one cases file; returns how many cases it ran, and adds every problem.
fn run_file(file: &Path, problems: &mut Vec<String>) -> usize {
    let shown = file.display();
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            problems.push(format!("{shown}: {e}"));
            return 0;
        }
    };
    let cases: CasesFile = match toml::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            problems.push(format!("{shown}: {e}"));
            return 0;
        }
    };
    let at = |case: &Spanned<Case>| {
        let line = text[..case.span().start].matches('\n').count() + 1;
        format!("{shown}:{line}: case {:?}", case.get_ref().name)
    };
    let set_path = set_of(file);
    let set = match CriteriaSet::load(&set_path) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!("{shown}: its set does not load: {e}"));
            return 0;
        }
    };
    if cases.case.is_empty() {
        problems.push(format!("{shown}: no case"));
    }
    let dir = file.parent().unwrap();
    let from_base = match base_evaluator(dir, &cases, set) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("{shown}: {e}"));
            return 0;
        }
    };
    let round = match cases
        .round
        .as_deref()
        .map(|r| round_results(dir, r, &set_path))
    {
        Some(Ok(results)) => Some(results),
        Some(Err(e)) => {
            problems.push(format!("{shown}: {e}"));
            return 0;
        }
        None => None,
    };
    let mut named = BTreeSet::new();
    for spanned in &cases.case {
        let case = spanned.get_ref();
        let result = if let Some(code) = &case.unit {
            named.insert(code.as_str());
            unit_result(code, case, round.as_deref())
        } else {
            base_result(case, cases.base.as_ref(), from_base.as_ref())
        };
        let found = match result {
            Ok(r) => check(case, &r),
            Err(e) => vec![e],
        };
        problems.extend(found.into_iter().map(|p| format!("{}: {p}", at(spanned))));
    }
    for unit in round.iter().flatten() {
        if !named.contains(unit.code.as_str()) {
            problems.push(format!(
                "{shown}: unit {} of the round has no case",
                unit.code
            ));
        }
    }
    cases.case.len()
}

/// The evaluator of the cases built from the base: the set and the file's policy, if any.
fn base_evaluator(
    dir: &Path,
    cases: &CasesFile,
    set: CriteriaSet,
) -> Result<Option<Evaluator>, String> {
    if cases.base.is_none() {
        return match &cases.policy {
            Some(_) => {
                Err("`policy` takes part in the cases built from the base: no `[base]`".into())
            }
            None => Ok(None),
        };
    }
    let policy = match &cases.policy {
        Some(p) => Some(Policy::load(dir.join(p), &set).map_err(|e| e.to_string())?),
        None => None,
    };
    Evaluator::new(set, policy)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// The results of the file's round, which must be a round of this very set and load whole.
fn round_results(dir: &Path, round: &str, set: &Path) -> Result<Vec<UnitResult>, String> {
    let folder = dir.join(round);
    let loaded = Round::load(&folder).map_err(|e| format!("round {round}: {e}"))?;
    let same_set = |a: &Path, b: &Path| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| b.canonicalize().ok() == Some(a))
    };
    if !same_set(&folder.join(&loaded.settings.criteria), set) {
        return Err(format!(
            "round {round} is a round of {}, not of this set",
            loaded.settings.criteria.display()
        ));
    }
    if !loaded.errors.is_empty() {
        return Err(format!("round {round} has errors: {:#?}", loaded.errors));
    }
    let evaluated = loaded.evaluate();
    if !evaluated.failures.is_empty() {
        return Err(format!("round {round}: {:?}", evaluated.failures));
    }
    Ok(evaluated.results)
}

/// The result of the round's unit a case names.
fn unit_result(
    code: &str,
    case: &Case,
    round: Option<&[UnitResult]>,
) -> Result<UnitResult, String> {
    if case.inputs.is_some() || case.incidents.is_some() {
        return Err("a case names a unit of the round or changes the base, not both".into());
    }
    let round = round.ok_or("names a unit, but the file names no `round`")?;
    round
        .iter()
        .find(|r| r.code == code)
        .cloned()
        .ok_or_else(|| format!("no unit {code} in the round"))
}

/// The result of the base unit with the case's changes.
fn base_result(
    case: &Case,
    base: Option<&Base>,
    evaluator: Option<&Evaluator>,
) -> Result<UnitResult, String> {
    let (Some(base), Some(evaluator)) = (base, evaluator) else {
        return Err("changes the base, but the file has no `[base]`".into());
    };
    let mut inputs = base.inputs.clone();
    for (name, value) in case.inputs.iter().flatten() {
        match inputs.get_mut(name) {
            Some(slot) => *slot = value.clone(),
            // An optional input the base leaves to its default.
            None if evaluator
                .criteria()
                .inputs()
                .iter()
                .any(|i| i.name == *name && i.default.is_some()) =>
            {
                inputs.insert(name.clone(), value.clone());
            }
            None => return Err(format!("inputs.{name} is not an input of the base")),
        }
    }
    let incidents = case.incidents.as_ref().unwrap_or(&base.incidents);
    let mut evidence = toml::Table::new();
    evidence.insert("unit".into(), base.unit.clone().into());
    evidence.insert("period".into(), base.period.clone().into());
    evidence.insert("inputs".into(), inputs.into());
    let register = incidents.iter().cloned().map(toml::Value::from).collect();
    evidence.insert("incidents".into(), toml::Value::Array(register));
    let text = toml::to_string(&evidence).map_err(|e| e.to_string())?;
    let ev = Evidence::parse("case.toml", &text, evaluator.criteria(), Some(base.year))
        .map_err(|e| format!("the unit it describes is refused: {e}\n{text}"))?;
    evaluator.evaluate(&ev).map_err(|e| e.to_string())
}

/// Every way the result differs from what the case expects.
fn check(case: &Case, r: &UnitResult) -> Vec<String> {
    if !case.expects_something() {
        return vec!["expects nothing".into()];
    }
    let mut wrong = Vec::new();
    let mut compare = |what: String, expected: &str, got: Option<String>| match got {
        Some(got) if got == expected => {}
        Some(got) => wrong.push(format!("{what}: expected {expected}, got {got}")),
        None => wrong.push(format!("{what}: the set has none")),
    };
    for (id, expected) in case.indicators.iter().flatten() {
        let got = r.indicator(id).map(|i| i.points.to_string());
        compare(format!("indicator {id}"), expected, got);
    }
    for (id, expected) in case.criteria.iter().flatten() {
        let got = r.criterion(id).map(|c| c.points.to_string());
        compare(format!("criterion {id}"), expected, got);
    }
    if let Some(total) = &case.total {
        compare("total".into(), total, Some(r.total.to_string()));
    }
    if let Some(threshold) = &case.threshold {
        compare("threshold".into(), threshold, Some(r.threshold.to_string()));
    }
    let exact = case.exact.clone().unwrap_or_default();
    for (id, expected) in &exact {
        let got = r.indicator(id).map(|i| {
            i.rounding
                .as_ref()
                .map_or("no rounding".into(), |x| x.exact.to_string())
        });
        compare(format!("exact value of indicator {id}"), expected, got);
    }
    // Points a case states are the points the rule gave: if a rounding function made them
    // from another value, the case says which (`exact`).
    for id in case.indicators.iter().flatten().map(|(id, _)| id) {
        let Some(i) = r.indicator(id) else { continue };
        let rounded_from = i.rounding.as_ref().map(|x| x.exact.to_string());
        if let Some(from) = rounded_from
            && from != i.points.to_string()
            && !exact.contains_key(id)
        {
            wrong.push(format!(
                "indicator {id} was rounded from {from}: say so in `exact`"
            ));
        }
    }
    if let Some(recognised) = case.recognised
        && recognised != r.recognised
    {
        wrong.push(format!(
            "recognised: expected {recognised}, got {} ({:?})",
            r.recognised, r.reasons
        ));
    }
    if let Some(failing) = &case.failing {
        let got: Vec<String> = r.failures.iter().filter_map(rule).collect();
        if &got != failing {
            wrong.push(format!("failing: expected {failing:?}, got {got:?}"));
        }
    }
    if let Some(held) = &case.held {
        let got: BTreeMap<String, Vec<String>> = r
            .disqualifiers
            .iter()
            .map(|h| (h.id.clone(), h.incidents.clone()))
            .collect();
        if &got != held {
            wrong.push(format!("held: expected {held:?}, got {got:?}"));
        }
        // Each disqualifier that holds is a reason of the decision, and no other is.
        let reasons: BTreeMap<String, Vec<String>> = r
            .failures
            .iter()
            .filter_map(|f| match f {
                Failure::Disqualified {
                    disqualifier,
                    incidents,
                } => Some((
                    disqualifier.clone(),
                    incidents.iter().map(|i| i.id.clone()).collect(),
                )),
                _ => None,
            })
            .collect();
        if reasons != got {
            wrong.push(format!("held: the reasons name {reasons:?}"));
        }
    }
    if !r.synthetic {
        wrong.push("the unit is not marked `synthetic = true`: cases are invented units".into());
    }
    wrong
}

/// The `rule` of the condition of recognition a failure breaks, as the set declares it;
/// `None` for a disqualifier.
fn rule(f: &Failure) -> Option<String> {
    let rule = match f {
        Failure::CriterionAtZero { .. } => "no_criterion_at_zero",
        Failure::CriterionNotMet { .. } => "criteria_met",
        Failure::BelowThreshold { .. } => "class_threshold",
        Failure::CriterionBelowMinimum { .. } => "criterion_minimum",
        Failure::TooFewCriteriaReaching { .. } => "criteria_reaching",
        Failure::Disqualified { .. } => return None,
        other => panic!("a failure the cases harness does not know: {other:?}"),
    };
    Some(rule.into())
}

#[test]
fn every_set_passes_its_cases() {
    let report = run(Path::new(SHIPPED), Path::new(TEST_SETS));
    let mut summary = String::new();
    for (file, n) in &report.cases {
        let _ = writeln!(summary, "{n:4} cases  {}", file.display());
    }
    println!("{summary}");
    assert!(
        report.problems.is_empty(),
        "{} problems:\n{}\n\n{summary}",
        report.problems.len(),
        report.problems.join("\n")
    );
    // The shipped set and the two test sets of other shapes have cases; none has lost them.
    let shipped = report.cases[Path::new("criteria/qd-06-2019.cases.toml")];
    assert!(shipped >= 140, "{summary}");
    for file in [
        "tests/data/draft-100/draft-100.cases.toml",
        "tests/data/other-shape/example-400.cases.toml",
    ] {
        assert!(
            report.cases.get(Path::new(file)).is_some_and(|&n| n > 0),
            "{summary}"
        );
    }
}

// ── The harness itself ───────────────────────────────────────────────────────────────────

/// Test sets (a copy of draft-100, its cases file edited) and an empty folder of shipped sets.
fn draft_100_with(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, tempfile::TempDir) {
    let tests = crate::support::draft_100_copy();
    let cases = tests.path().join("draft-100/draft-100.cases.toml");
    let text = std::fs::read_to_string(&cases).unwrap();
    std::fs::write(&cases, edit(&text)).unwrap();
    (tests, tempfile::tempdir().unwrap())
}

/// The line of a file's text where `needle` first stands.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn a_case_that_does_not_hold_is_named_with_its_file_and_line() {
    let (tests, shipped) = draft_100_with(|t| t.replacen("total = \"93.5\"", "total = \"94\"", 1));
    let report = run(shipped.path(), tests.path());
    let file = tests.path().join("draft-100/draft-100.cases.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = line_of(&text, "name = \"Bình Minh") - 1;
    assert_eq!(
        report.problems,
        [format!(
            "{}:{line}: case \"Bình Minh: a drowning in the 12 months before the decision\": total: expected 94, got 93.5",
            file.display()
        )]
    );
}

#[test]
fn a_misspelt_field_of_a_cases_file_is_an_error_not_a_case_that_checks_less() {
    let (tests, shipped) =
        draft_100_with(|t| t.replacen("threshold = \"75\"", "treshold = \"75\"", 1));
    let report = run(shipped.path(), tests.path());
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    let problem = &report.problems[0];
    assert!(
        problem.contains("draft-100.cases.toml: TOML parse error at line")
            && problem.contains("unknown field `treshold`"),
        "{problem}"
    );
}

#[test]
fn only_a_shipped_set_must_have_cases() {
    let (tests, shipped) = draft_100_with(str::to_string);
    let set = shipped.path().join("example-400.toml");
    std::fs::copy("tests/data/other-shape/example-400.toml", &set).unwrap();
    // A policy beside it is not a set and needs no cases.
    let policy = shipped.path().join("son-ha-2024.toml");
    std::fs::copy("criteria/son-ha-2024.toml", policy).unwrap();
    let report = run(shipped.path(), tests.path());
    assert_eq!(
        report.problems,
        [format!(
            "{}: a shipped criteria set without its cases (expected {})",
            set.display(),
            shipped.path().join("example-400.cases.toml").display()
        )]
    );
    // The same set among the test sets, without cases, is simply not run.
    std::fs::copy(&set, tests.path().join("example-400.toml")).unwrap();
    std::fs::remove_file(&set).unwrap();
    let report = run(shipped.path(), tests.path());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.cases.len(), 1);
}
