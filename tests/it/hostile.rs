//! Hostile and broken rule files through the public API: every criteria set under
//! `tests/data/hostile/` differs from `benign.toml` by the script of indicator 1.1, and each
//! must end in a clear error that names the script — at load, where the analysis of the rules
//! runs every indicator on its grid of inputs (0, the largest values, the numbers the script
//! writes…) before any unit is evaluated; at evaluation only when it depends on a value the
//! grid does not try (`loop-on-a-unit`). Nothing is clamped, nothing hangs, nothing changes an
//! input for the next indicator.
//!
//! The engine-level sandbox test (`script::tests::the_sandbox_stops_hostile_scripts`) runs
//! bare scripts; these go end to end: `CriteriaSet::load` → `Evidence::load` → `Evaluator`.
//!
//! And the other side of the sandbox: a large ward's incident register is evidence, not an
//! attack. A unit with 12,000 incidents in the year is scored and every disqualifier of the Sơn
//! Hà policy is checked over all of them: the sandbox's map, array and string limits bound what
//! a script builds, never the register it is given (issue 8).

use cfc::diag::{
    FileProblem, Problem, RulesProblem, ScriptFileProblem, ScriptOutcome, ScriptValue, SumOf,
    ValueProblem,
};
use cfc::{CriteriaSet, EvalError, Evaluator, Evidence, Lang, Policy};

const DIR: &str = "tests/data/hostile";

fn path(name: &str) -> String {
    format!("{DIR}/{name}")
}

fn load(case: &str) -> CriteriaSet {
    CriteriaSet::load(path(&format!("{case}.toml")))
        .unwrap_or_else(|e| panic!("{case} must load (it fails only when evaluated):\n{e}"))
}

/// The one unit, validated against a set (every hostile set declares the same inputs).
fn unit(set: &CriteriaSet) -> Evidence {
    Evidence::load(path("unit.toml"), set, Some(2024)).unwrap_or_else(|e| panic!("{e}"))
}

/// Evaluates the unit under a set that must load (and a policy file, if given).
fn evaluate(case: &str, policy: Option<&str>) -> Result<cfc::UnitResult, EvalError> {
    let set = load(case);
    let ev = unit(&set);
    let policy = policy.map(|p| Policy::load(path(p), &set).unwrap_or_else(|e| panic!("{e}")));
    let evaluator = Evaluator::new(set, policy).unwrap_or_else(|e| panic!("{e}"));
    evaluator.evaluate(&ev)
}

/// Loads a set that the analysis of the rules refuses, and returns its one problem in words:
/// the sandbox's own words, with the values of the grid that fail.
fn probe_error(case: &str) -> String {
    let problems = match CriteriaSet::load(path(&format!("{case}.toml"))) {
        Ok(_) => panic!("{case} must be refused by the analysis"),
        Err(e) => e.diagnostics(),
    };
    let errors: Vec<String> = problems
        .iter()
        .filter(|d| d.problem.severity() == cfc::diag::Severity::Error)
        .map(|d| cfc::words::problems::diagnostic(d, Lang::En))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors[0].clone()
}

/// Loads a policy against the benign set that the analysis refuses: its one error in words.
fn policy_error(file: &str) -> String {
    let set = load("benign");
    let problems = match Policy::load(path(file), &set) {
        Ok(_) => panic!("{file} must be refused by the analysis"),
        Err(e) => e.diagnostics(),
    };
    assert_eq!(problems.len(), 1, "{problems:#?}");
    cfc::words::problems::diagnostic(&problems[0], Lang::En)
}

/// Loads a set that must load, evaluates the unit, and returns the error in words.
fn evaluation_error(case: &str) -> String {
    match evaluate(case, None) {
        Ok(r) => panic!("{case} must fail, but scored {} points", r.total),
        Err(e) => cfc::words::errors::eval(&e, cfc::Lang::En),
    }
}

/// Loads a set that must not load, and returns its problems as (file:line:column, field
/// path, problem).
fn load_error(case: &str) -> Vec<(String, String, Problem)> {
    match CriteriaSet::load(path(&format!("{case}.toml"))) {
        Ok(_) => panic!("{case} must not load"),
        Err(e) => e
            .diagnostics()
            .into_iter()
            .map(|d| {
                (
                    format!("{}:{}:{}", d.file.display(), d.line, d.column),
                    d.field.to_string(),
                    d.problem,
                )
            })
            .collect(),
    }
}

/// One expected problem, as [`load_error`] gives it.
fn at(place: &str, field: &str, problem: impl Into<Problem>) -> (String, String, Problem) {
    (place.to_string(), field.to_string(), problem.into())
}

/// The names the hostile sets declare, in their order, as a problem lists them.
fn declared(case: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path(&format!("{case}.toml"))).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"').to_string())
        .collect()
}

#[test]
fn the_benign_set_scores_the_unit_so_each_failure_below_is_its_script() {
    let r = evaluate("benign", None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.total.to_string(), "100");
    assert!(r.recognised);
    let rows: Vec<&str> = r.criteria[0]
        .indicators
        .iter()
        .map(|i| i.row.as_str())
        .collect();
    assert_eq!(rows, ["play space → 50", "≥ 2 → 50"]);
}

#[test]
fn a_script_that_loops_forever_is_stopped() {
    let _clock = crate::support::clock_lock();
    assert_eq!(
        probe_error("loop-forever"),
        "tests/data/hostile/loop-forever.rhai:4:5: indicator 1.1 fails on whatever the inputs: the script ran more than 200000 operations and was stopped (an endless loop?) (a unit with these values could not be evaluated)"
    );
    // For one unit only, on a value no grid tries: stopped when that unit is evaluated.
    assert_eq!(
        evaluation_error("loop-on-a-unit"),
        "indicator 1.1: tests/data/hostile/loop-on-a-unit.rhai:7:14: the script ran more than 200000 operations and was stopped (an endless loop?)"
    );
}

/// The wall-clock budget of a unit, as the error words it.
const OUT_OF_TIME: &str = "the scripts of this unit ran out of their time (250 ms, and 100 µs more per incident) and this one was stopped (an expensive loop?)";

/// A generous sanity bound: the budget is a quarter of a second; this only catches a hang.
const SANITY: std::time::Duration = std::time::Duration::from_secs(10);

#[test]
fn a_script_calling_expensive_built_ins_in_a_loop_is_stopped_by_the_clock() {
    let _clock = crate::support::clock_lock();
    // The analysis runs it before any unit: stopped by the clock, at load.
    let started = std::time::Instant::now();
    let err = probe_error("slow-builtins");
    assert!(started.elapsed() < SANITY, "{:?}", started.elapsed());
    let (place, words) = err
        .split_once(": indicator 1.1 fails on whatever the inputs: the ")
        .unwrap();
    assert!(
        place.starts_with("tests/data/hostile/slow-builtins.rhai:"),
        "{err}"
    );
    // Stopped on a line of the loop, whichever built-in was running when time ran out.
    let line: usize = place.split(':').nth(1).unwrap().parse().unwrap();
    assert!((7..=9).contains(&line), "{err}");
    assert_eq!(
        format!("the {words}"),
        format!("{OUT_OF_TIME} (a unit with these values could not be evaluated)")
    );
}

#[test]
fn a_policy_condition_calling_expensive_built_ins_is_stopped_by_the_clock() {
    let _clock = crate::support::clock_lock();
    let started = std::time::Instant::now();
    let err = policy_error("policy-slow.toml");
    assert!(started.elapsed() < SANITY, "{:?}", started.elapsed());
    let (place, words) = err
        .split_once(": disqualifier endless fails on incidents = []: the ")
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        place.starts_with("tests/data/hostile/policy-slow.rhai:"),
        "{err}"
    );
    assert_eq!(
        format!("the {words}"),
        format!("{OUT_OF_TIME} (a unit with these values could not be evaluated)")
    );
}

#[test]
fn a_script_that_recurses_without_end_is_stopped() {
    assert_eq!(
        probe_error("endless-recursion"),
        "tests/data/hostile/endless-recursion.rhai:5:1: indicator 1.1 fails on children_total = 1: the script nested calls deeper than 24 levels and was stopped (endless recursion?) (a unit with these values could not be evaluated)"
    );
}

#[test]
fn a_script_that_builds_a_huge_string_is_stopped() {
    assert_eq!(
        probe_error("huge-string"),
        "tests/data/hostile/huge-string.rhai:4:7: indicator 1.1 fails on whatever the inputs: the script built a string longer than 4096 bytes and was stopped (a unit with these values could not be evaluated)"
    );
}

#[test]
fn a_script_that_builds_a_huge_array_is_stopped() {
    assert_eq!(
        probe_error("huge-array"),
        "tests/data/hostile/huge-array.rhai:4:7: indicator 1.1 fails on children_total = 1: the script built an array of more than 10000 items and was stopped (a unit with these values could not be evaluated)"
    );
}

#[test]
fn points_above_the_maximum_are_an_error_never_clamped() {
    assert_eq!(
        probe_error("points-above-max"),
        "tests/data/hostile/points-above-max.toml:45:14: criteria[0].indicators[0].max_points: indicator 1.1: on whatever the inputs the script gives 75 points, outside 0 to 50 (max_points)"
    );
}

#[test]
fn negative_points_are_an_error_never_clamped() {
    assert_eq!(
        probe_error("negative-points"),
        "tests/data/hostile/negative-points.toml:45:14: criteria[0].indicators[0].max_points: indicator 1.1: on whatever the inputs the script gives -5 points, outside 0 to 50 (max_points)"
    );
}

#[test]
fn a_script_cannot_change_an_input_for_later_indicators() {
    assert_eq!(
        probe_error("assign-input"),
        "tests/data/hostile/assign-input.rhai:2:1: indicator 1.1 fails on children_total = 1: the script tried to change `children_total`: inputs, derived counts and incidents are read-only (a unit with these values could not be evaluated)"
    );
}

#[test]
fn a_let_that_shadows_an_input_stays_inside_its_script() {
    let r = evaluate("shadow-input", None).unwrap_or_else(|e| panic!("{e}"));
    // The next indicator still reads children_total = 1000: 4 clubs per 1,000 children → 50.
    let clubs = &r.criteria[0].indicators[1];
    let reads: Vec<String> = clubs
        .reads
        .iter()
        .map(|x| format!("{} = {}", x.name, x.value))
        .collect();
    assert_eq!(reads, ["children_total = 1000", "children_clubs = 4"]);
    assert_eq!(clubs.row, "≥ 2 → 50");
    assert_eq!(r.total.to_string(), "100");
}

#[test]
fn a_misspelt_variable_fails_at_load_with_the_script_path_and_line() {
    assert_eq!(
        load_error("misspelt-variable"),
        [at(
            "tests/data/hostile/misspelt-variable.rhai:2:4",
            "",
            RulesProblem::UndeclaredVariable {
                name: "childrn_total".into(),
                declared: declared("misspelt-variable"),
                closest: Some("children_total".into()),
            }
        )]
    );
}

#[test]
fn a_misspelt_function_fails_at_load_through_the_dry_run() {
    assert_eq!(
        load_error("misspelt-function"),
        [at(
            "tests/data/hostile/misspelt-function.rhai:2:1",
            "",
            RulesProblem::UnknownFunction {
                name: "awrd".into(),
                arguments: "i64, text".into(),
            }
        )]
    );
}

#[test]
fn a_script_that_returns_no_outcome_fails_at_load_or_when_it_happens() {
    assert_eq!(
        load_error("non-outcome"),
        [at(
            "tests/data/hostile/non-outcome.rhai:1:1",
            "",
            RulesProblem::ScriptGives {
                expected: ScriptOutcome::Award,
                found: ScriptValue::WholeNumber,
            }
        )]
    );
    // Only some values reach the bad branch: the dry run cannot see it, the grid of the
    // analysis can (the script's own 3 and its neighbours, the largest values).
    assert_eq!(
        probe_error("non-outcome-sometimes"),
        "tests/data/hostile/non-outcome-sometimes.rhai:1:1: indicator 1.1: on children_clubs = 1000000 the script gives text, not award(…), steps(…), at_least(…) or at_most(…): a branch of the script has no outcome"
    );
}

#[test]
fn eval_is_refused_at_load() {
    assert_eq!(
        load_error("eval"),
        [at(
            "tests/data/hostile/eval.rhai:2:1",
            "",
            RulesProblem::ScriptSyntax {
                detail: "reserved keyword 'eval' is disabled".into(),
            }
        )]
    );
}

#[test]
fn import_is_refused_at_load() {
    assert_eq!(
        load_error("import"),
        [at(
            "tests/data/hostile/import.rhai:2:1",
            "",
            RulesProblem::ScriptSyntax {
                detail: "'import' is a reserved keyword".into(),
            }
        )]
    );
}

#[test]
fn a_policy_condition_that_loops_forever_is_stopped_and_named() {
    let _clock = crate::support::clock_lock();
    assert_eq!(
        policy_error("policy-loop.toml"),
        "tests/data/hostile/policy-loop.rhai:3:15: disqualifier endless fails on incidents = []: the script ran more than 200000 operations and was stopped (an endless loop?) (a unit with these values could not be evaluated)"
    );
}

#[test]
fn every_problem_of_a_criteria_set_is_reported_together_and_located() {
    let d = |n: u32| rust_decimal::Decimal::from(n);
    let f = "tests/data/hostile/bad-set.toml";
    let missing = path("no-such-script.rhai");
    let problems = load_error("bad-set");
    let unreadable = |p: &Problem| match p {
        Problem::Rules(RulesProblem::ScriptFile { path, problem, .. }) => {
            *path == missing
                && matches!(
                    problem,
                    ScriptFileProblem::File(FileProblem::Unreadable { .. })
                )
        }
        _ => false,
    };
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(
        unreadable(&problems[3].2),
        "cannot read the script: {problems:#?}"
    );
    assert_eq!(
        (problems[3].0.as_str(), problems[3].1.as_str()),
        (
            format!("{f}:40:10").as_str(),
            "criteria[0].indicators[0].script"
        )
    );
    let mut others = problems;
    others.remove(3);
    assert_eq!(
        others,
        [
            at(
                &format!("{f}:10:14"),
                "max_points",
                RulesProblem::SumMismatch {
                    of: SumOf::Criteria,
                    declared: d(100),
                    sum: d(110),
                }
            ),
            at(
                &format!("{f}:23:1"),
                "inputs[1].at_most",
                RulesProblem::BoundTarget {
                    target: "clubs_registered".into(),
                }
            ),
            at(
                &format!("{f}:32:14"),
                "criteria[0].max_points",
                RulesProblem::SumMismatch {
                    of: SumOf::Indicators,
                    declared: d(100),
                    sum: d(90),
                }
            ),
            at(
                &format!("{f}:56:6"),
                "criteria[1].indicators[0].id",
                ValueProblem::Duplicate {
                    value: "1.2".into(),
                    first_line: 43,
                }
            ),
        ]
    );
}

#[test]
fn an_unknown_field_in_a_criteria_set_is_located() {
    assert_eq!(
        load_error("unknown-field"),
        [at(
            "tests/data/hostile/unknown-field.toml:12:1",
            "classes[0].treshold",
            ValueProblem::Unknown {
                allowed: ["id", "label", "threshold", "kinds"]
                    .map(String::from)
                    .to_vec(),
                closest: Some("threshold".into()),
            }
        )]
    );
}

#[test]
fn points_beyond_the_maximum_are_refused_at_load_never_summed_into_an_overflow() {
    assert_eq!(
        load_error("huge-points"),
        [at(
            "tests/data/hostile/huge-points.toml:47:14",
            "criteria[0].indicators[0].max_points",
            FileProblem::Syntax {
                detail:
                    "points must be between 0 and 1000000000000, got 79228162514264337593543950335"
                        .into(),
            }
        )]
    );
}

#[test]
fn a_rate_too_large_to_compute_is_a_located_error() {
    assert_eq!(
        probe_error("huge-rate"),
        "tests/data/hostile/huge-rate.rhai:3:10: indicator 1.1 fails on whatever the inputs: the rate 9223372036854775807 × 9223372036854775807 / 1 is too large to compute exactly (part × scale must stay below 7.9 × 10^28) (a unit with these values could not be evaluated)"
    );
}

/// Writes `text` as `name` in a fresh folder (beside a copy of the benign set's scripts).
fn scratch(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(DIR).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

/// Deep enough to overflow the stack of an unguarded recursive parser, small enough to pass the
/// 64 KiB bound on rule files (100,000 levels are refused by that bound before parsing).
const DEEP: usize = 12_000;

#[test]
fn deeply_nested_toml_in_a_criteria_set_or_policy_is_a_located_error() {
    let deep = format!("x = {}{}\n", "[".repeat(DEEP), "]".repeat(DEEP));
    let (_dir, file) = scratch("deep.toml", &deep);
    let err = CriteriaSet::load(&file)
        .expect_err("must not load")
        .to_string();
    assert!(err.starts_with(&format!("{}:1:", file.display())), "{err}");
    assert!(err.contains("max recursion depth"), "{err}");
    let set = load("benign");
    let err = Policy::load(&file, &set)
        .expect_err("must not load")
        .to_string();
    assert!(err.starts_with(&format!("{}:1:", file.display())), "{err}");
}

#[test]
fn deeply_nested_script_values_are_a_located_error() {
    let benign = std::fs::read_to_string(path("benign.toml")).unwrap();
    for (name, script) in [
        (
            "deep-array.rhai",
            format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP)),
        ),
        (
            "deep-map.rhai",
            format!("{}{}", "#{a:".repeat(DEEP), "}".repeat(DEEP)),
        ),
        (
            "deep-parens.rhai",
            format!("{}1{}", "(".repeat(DEEP), ")".repeat(DEEP)),
        ),
    ] {
        let (dir, _) = scratch(name, &script);
        let set = benign.replace("play-space.rhai", name);
        let toml = dir.path().join("set.toml");
        std::fs::write(&toml, set).unwrap();
        let err = CriteriaSet::load(&toml).expect_err("must not load");
        let d = &err.diagnostics()[0];
        let script = dir.path().join(name);
        assert_eq!(
            (d.file.as_path(), d.line),
            (script.as_path(), 1),
            "{name}: {d:?}"
        );
        assert_eq!(
            d.problem,
            RulesProblem::ScriptTooDeep { max: 64 }.into(),
            "{name}"
        );
    }
}

#[test]
fn script_paths_stay_inside_the_set_and_foreign_files_are_never_quoted() {
    let benign = std::fs::read_to_string(path("benign.toml")).unwrap();
    let field = benign
        .lines()
        .position(|l| l == "script = \"play-space.rhai\"")
        .unwrap()
        + 1;
    // Nested two levels down, so `..` once is allowed and further is not.
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("sets").join("criteria");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(DIR).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(outer.path().join("secret.rhai"), "award(1, \"x\")").unwrap();
    std::fs::write(dir.join("binary.rhai"), [0u8, 159, 146, 150, 255]).unwrap();
    std::fs::write(dir.join("big.rhai"), "// x\n".repeat(20_000)).unwrap();
    std::fs::create_dir(dir.join("folder.rhai")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.rhai")).unwrap();
    let script_file = |p: &Problem| match p {
        Problem::Rules(RulesProblem::ScriptFile { problem, .. }) => {
            Some(Problem::from(problem.clone()))
        }
        _ => None,
    };
    let kind = |p: &Problem| serde_json::to_value(p).unwrap()["problem"]["kind"].clone();
    for (named, expected) in [
        ("/etc/passwd", "script_path_absolute"),
        ("../../../../../../etc/passwd", "script_not_rhai"),
        ("../../secret.rhai", "script_outside"),
        ("passwd.rhai", "script_outside"),
        ("binary.rhai", "not_utf8"),
        ("big.rhai", "too_large"),
        ("folder.rhai", "not_regular_file"),
    ] {
        let toml = dir.join("set.toml");
        std::fs::write(&toml, benign.replace("play-space.rhai", named)).unwrap();
        let err = CriteriaSet::load(&toml).expect_err(named);
        let d = &err.diagnostics()[0];
        assert_eq!(
            (d.file.as_path(), d.line, d.column),
            (toml.as_path(), field, 10),
            "{named}: {d:?}"
        );
        assert!(d.field.as_str().ends_with(".script"), "{named}: {d:?}");
        // The file's own problem, inside the script's, or the path's.
        let problem = script_file(&d.problem).unwrap_or_else(|| d.problem.clone());
        assert_eq!(kind(&problem), expected, "{named}: {d:?}");
        for lang in [Lang::Vi, Lang::En] {
            let words = cfc::words::problems::diagnostic(d, lang);
            assert!(
                !words.contains("root:") && !words.contains("award"),
                "{named}: {words}"
            );
        }
    }
}

#[test]
fn a_rule_file_larger_than_the_bound_is_refused_unread() {
    let benign = std::fs::read_to_string(path("benign.toml")).unwrap();
    let padded = format!("{benign}\n{}", "# padding\n".repeat(7_000));
    let (_dir, file) = scratch("padded.toml", &padded);
    let err = CriteriaSet::load(&file).expect_err("must not load");
    assert!(
        matches!(
            err.diagnostics()[0].problem,
            Problem::File(FileProblem::TooLarge { max: 65_536, .. })
        ),
        "{err:?}"
    );
}

// ── A large register is not an attack ────────────────────────────────────────────────────

const KINDS: [&str; 10] = [
    "drowning",
    "traffic",
    "other_injury",
    "violence",
    "sexual_abuse",
    "exploitation",
    "trafficking",
    "abandonment",
    "neglect",
    "other_abuse",
];
const ABUSE: [&str; 6] = [
    "sexual_abuse",
    "exploitation",
    "trafficking",
    "abandonment",
    "neglect",
    "other_abuse",
];
/// Beyond 10,000 (the figure) and beyond the largest array a script may build, so the
/// register's own room in the sandbox is exercised too.
const N: usize = 12_000;

/// Son Ba's evidence with its register replaced by `N` incidents, kinds in turn, every tenth
/// fatal, dates spread over the year.
fn evidence_text() -> (String, Vec<(String, &'static str, bool)>) {
    let base = std::fs::read_to_string("fixtures/son-ha-2024/son-ba.toml").unwrap();
    let head = base.split("[[incidents]]").next().unwrap();
    let head = head.replace("children_injured = 6", &format!("children_injured = {N}"));
    let mut text = head.to_string();
    let mut register = Vec::with_capacity(N);
    for n in 0..N {
        let kind = KINDS[n % KINDS.len()];
        let id = format!("SB-{n:05}");
        let fatal = n % 10 == 0;
        let month = n % 12 + 1;
        let day = n % 28 + 1;
        text += &format!(
            "[[incidents]]\nid = \"{id}\"\ndate = 2024-{month:02}-{day:02}\nkind = \"{kind}\"\nfatal = {fatal}\n\n"
        );
        register.push((id, kind, fatal));
    }
    (text, register)
}

#[test]
fn a_unit_with_twelve_thousand_incidents_is_scored_and_every_disqualifier_checked() {
    let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    let policy = Policy::load("criteria/son-ha-2024.toml", &set).unwrap();
    let (text, register) = evidence_text();
    let ev =
        Evidence::parse("many.toml", &text, &set, Some(2024)).unwrap_or_else(|e| panic!("{e}"));
    let evaluator = Evaluator::new(set.clone(), Some(policy)).unwrap();
    let r = evaluator.evaluate(&ev).unwrap_or_else(|e| panic!("{e}"));

    let ids = |pred: &dyn Fn(&str, bool) -> bool| -> Vec<String> {
        register
            .iter()
            .filter(|(_, k, f)| pred(k, *f))
            .map(|(id, _, _)| id.clone())
            .collect()
    };
    let drowning = ids(&|k, _| k == "drowning");
    let violence = ids(&|k, _| k == "violence");
    let abuse = ids(&|k, _| ABUSE.contains(&k));
    assert_eq!(drowning.len(), N / 10);
    assert_eq!(abuse.len(), N * 6 / 10);
    let hits: Vec<(&str, &[String])> = r
        .disqualifiers
        .iter()
        .map(|h| (h.id.as_str(), h.incidents.as_slice()))
        .collect();
    assert_eq!(
        hits,
        [
            ("drowning", drowning.as_slice()),
            ("violence", violence.as_slice()),
            ("abuse", abuse.as_slice()),
        ]
    );
    assert!(!r.recognised);

    // The register reaches the trace whole, and the derived counts count all of it.
    assert_eq!(r.incidents.len(), N);
    assert!(r.incidents.iter().all(|i| i.in_period));
    let derived: Vec<(&str, u64, usize)> = r
        .derived
        .iter()
        .map(|d| (d.name.as_str(), d.value, d.incidents.len()))
        .collect();
    let abuse_victims = ids(&|k, _| KINDS[3..].contains(&k)).len() as u64;
    let injuries = ids(&|k, _| KINDS[..3].contains(&k));
    let injury_deaths = ids(&|k, f| KINDS[..3].contains(&k) && f).len() as u64;
    assert_eq!(derived[0], ("abuse_victims", abuse_victims, N * 7 / 10));
    assert_eq!(
        derived[1],
        ("injury_deaths", injury_deaths, injury_deaths as usize)
    );
    assert_eq!(
        derived[2],
        ("injury_incidents", injuries.len() as u64, N * 3 / 10)
    );

    // Scoring is the same as scoring the counts alone: the criteria see the register only
    // through the derived counts, so the score equals that of the per-indicator scripts run
    // without the policy.
    let alone = Evaluator::new(set, None).unwrap().evaluate(&ev).unwrap();
    assert_eq!(alone.criteria, r.criteria);
    assert_eq!(alone.total, r.total);
    assert!(alone.disqualifiers.is_empty());
    let sum: cfc::Points = r.criteria.iter().map(|c| c.points).sum();
    assert_eq!(r.total, sum);
    assert!(
        r.reasons.iter().any(|w| w.contains("drowning")),
        "{:?}",
        r.reasons
    );
}
