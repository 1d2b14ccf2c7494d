//! Hostile and broken rule files through the public API: every criteria set under
//! `tests/data/hostile/` differs from `benign.toml` by the script of indicator 1.1, and each
//! must end in a clear error that names the script — at load when the script is wrong whatever
//! the unit, at evaluation when it depends on the unit's values. Nothing is clamped, nothing
//! hangs, nothing changes an input for the next indicator.
//!
//! The engine-level sandbox test (`script::tests::the_sandbox_stops_hostile_scripts`) runs
//! bare scripts; these go end to end: `CriteriaSet::load` → `Evidence::load` → `Evaluator`.

use cfc::{CriteriaSet, EvalError, Evaluator, Evidence, Policy};

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

/// Loads a set that must load, evaluates the unit, and returns the error in words.
fn evaluation_error(case: &str) -> String {
    match evaluate(case, None) {
        Ok(r) => panic!("{case} must fail, but scored {} points", r.total),
        Err(e) => e.to_string(),
    }
}

/// Loads a set that must not load, and returns its problems one per line.
fn load_error(case: &str) -> String {
    match CriteriaSet::load(path(&format!("{case}.toml"))) {
        Ok(_) => panic!("{case} must not load"),
        Err(e) => e.to_string(),
    }
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
    assert_eq!(
        evaluation_error("loop-forever"),
        "indicator 1.1: tests/data/hostile/loop-forever.rhai:4:5: the script ran more than 200000 operations and was stopped (an endless loop?)"
    );
}

/// The wall-clock budget of a unit, as the error words it.
const OUT_OF_TIME: &str = "the scripts of this unit ran out of their time (250 ms, and 100 µs more per incident) and this one was stopped (an expensive loop?)";

/// A generous sanity bound: the budget is a quarter of a second; this only catches a hang.
const SANITY: std::time::Duration = std::time::Duration::from_secs(10);

#[test]
fn a_script_calling_expensive_built_ins_in_a_loop_is_stopped_by_the_clock() {
    let set = load("slow-builtins");
    let ev = unit(&set);
    let evaluator = Evaluator::new(set, None).unwrap();
    let started = std::time::Instant::now();
    let err = evaluator.evaluate(&ev).err().map(|e| e.to_string());
    assert!(started.elapsed() < SANITY, "{:?}", started.elapsed());
    let err = err.expect("the script must be stopped");
    let (place, words) = err.split_once(": the ").unwrap();
    assert!(
        place.starts_with("indicator 1.1: tests/data/hostile/slow-builtins.rhai:"),
        "{err}"
    );
    // Stopped on a line of the loop, whichever built-in was running when time ran out.
    let line: usize = place.split(':').nth(2).unwrap().parse().unwrap();
    assert!((7..=9).contains(&line), "{err}");
    assert_eq!(format!("the {words}"), OUT_OF_TIME);
}

#[test]
fn a_policy_condition_calling_expensive_built_ins_is_stopped_by_the_clock() {
    let started = std::time::Instant::now();
    let err = evaluate("benign", Some("policy-slow.toml"))
        .err()
        .map(|e| e.to_string())
        .expect("the condition must be stopped");
    assert!(started.elapsed() < SANITY, "{:?}", started.elapsed());
    let (place, words) = err.split_once(": the ").unwrap();
    assert!(
        place.starts_with("disqualifier endless: tests/data/hostile/policy-slow.rhai:"),
        "{err}"
    );
    assert_eq!(format!("the {words}"), OUT_OF_TIME);
}

#[test]
fn a_script_that_recurses_without_end_is_stopped() {
    assert_eq!(
        evaluation_error("endless-recursion"),
        "indicator 1.1: tests/data/hostile/endless-recursion.rhai:5:1: the script nested calls deeper than 24 levels and was stopped (endless recursion?)"
    );
}

#[test]
fn a_script_that_builds_a_huge_string_is_stopped() {
    assert_eq!(
        evaluation_error("huge-string"),
        "indicator 1.1: tests/data/hostile/huge-string.rhai:4:7: the script built a string longer than 4096 bytes and was stopped"
    );
}

#[test]
fn a_script_that_builds_a_huge_array_is_stopped() {
    assert_eq!(
        evaluation_error("huge-array"),
        "indicator 1.1: tests/data/hostile/huge-array.rhai:4:7: the script built an array of more than 10000 items and was stopped"
    );
}

#[test]
fn points_above_the_maximum_are_an_error_never_clamped() {
    assert_eq!(
        evaluation_error("points-above-max"),
        "tests/data/hostile/points-above-max.rhai: indicator 1.1 gave 75 points, outside [0, 50]"
    );
}

#[test]
fn negative_points_are_an_error_never_clamped() {
    assert_eq!(
        evaluation_error("negative-points"),
        "tests/data/hostile/negative-points.rhai: indicator 1.1 gave -5 points, outside [0, 50]"
    );
}

#[test]
fn a_script_cannot_change_an_input_for_later_indicators() {
    let err = evaluate("assign-input", None).err();
    let Some(EvalError::Score(cfc::score::ScoreError::Script { indicator, error })) = &err else {
        panic!("an assignment to an input must be a script error, got {err:?}");
    };
    assert_eq!(indicator, "1.1");
    assert_eq!(
        error.to_string(),
        "tests/data/hostile/assign-input.rhai:2:1: the script tried to change `children_total`: inputs, derived counts and incidents are read-only"
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
        "tests/data/hostile/misspelt-variable.rhai:2:4: `childrn_total` is not an input or derived count declared by the criteria set"
    );
}

#[test]
fn a_misspelt_function_fails_at_load_through_the_dry_run() {
    assert_eq!(
        load_error("misspelt-function"),
        "tests/data/hostile/misspelt-function.rhai:2:1: no function `awrd` takes these arguments (i64, text); scripts may call award, steps, at_least, at_most, pct, per, is_na, round_half_up, round_half_even, round_down, round_up, linear and rhai's built-in functions"
    );
}

#[test]
fn a_script_that_returns_no_outcome_fails_at_load_or_when_it_happens() {
    assert_eq!(
        load_error("non-outcome"),
        "tests/data/hostile/non-outcome.rhai:1:1: the script must end with award(…), at_least(…) or at_most(…); it gave a whole number"
    );
    // Only some values reach the bad branch: the dry run cannot see it, the unit's run does.
    assert_eq!(
        evaluation_error("non-outcome-sometimes"),
        "indicator 1.1: tests/data/hostile/non-outcome-sometimes.rhai:1:1: the script must end with award(…), at_least(…) or at_most(…); it gave text"
    );
}

#[test]
fn eval_is_refused_at_load() {
    assert_eq!(
        load_error("eval"),
        "tests/data/hostile/eval.rhai:2:1: reserved keyword 'eval' is disabled"
    );
}

#[test]
fn import_is_refused_at_load() {
    assert_eq!(
        load_error("import"),
        "tests/data/hostile/import.rhai:2:1: 'import' is a reserved keyword"
    );
}

#[test]
fn a_policy_condition_that_loops_forever_is_stopped_and_named() {
    let err = evaluate("benign", Some("policy-loop.toml"))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some(
            "disqualifier endless: tests/data/hostile/policy-loop.rhai:3:15: the script ran more than 200000 operations and was stopped (an endless loop?)"
        )
    );
}

#[test]
fn every_problem_of_a_criteria_set_is_reported_together_and_located() {
    let problems = match CriteriaSet::load(path("bad-set.toml")) {
        Ok(_) => panic!("bad-set must not load"),
        Err(e) => e.diagnostics(),
    };
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "tests/data/hostile/bad-set.toml:10:14: max_points is 100 but the criteria maxima add up to 110",
            "tests/data/hostile/bad-set.toml:23:1: input children_clubs: at_most = \"clubs_registered\" must name another count (input or derived) and apply to a count",
            "tests/data/hostile/bad-set.toml:32:14: criterion C01: max_points is 100 but its indicators' maxima add up to 90",
            "tests/data/hostile/bad-set.toml:40:10: cannot read the script \"tests/data/hostile/no-such-script.rhai\": No such file or directory (os error 2)",
            "tests/data/hostile/bad-set.toml:56:6: duplicate indicator id \"1.2\" (first on line 43)",
        ]
    );
}

#[test]
fn an_unknown_field_in_a_criteria_set_is_located() {
    assert_eq!(
        load_error("unknown-field"),
        "tests/data/hostile/unknown-field.toml:12:1: unknown field `treshold`, expected one of `id`, `label`, `threshold`, `kinds`"
    );
}

#[test]
fn points_beyond_the_maximum_are_refused_at_load_never_summed_into_an_overflow() {
    assert_eq!(
        load_error("huge-points"),
        "tests/data/hostile/huge-points.toml:47:14: points must be between 0 and 1000000000000, got 79228162514264337593543950335"
    );
}

#[test]
fn a_rate_too_large_to_compute_is_a_located_error() {
    let err = evaluation_error("huge-rate");
    assert_eq!(
        err,
        "indicator 1.1: tests/data/hostile/huge-rate.rhai:3:10: the rate 9223372036854775807 × 9223372036854775807 / 1 is too large to compute exactly (part × scale must stay below 7.9 × 10^28)"
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
        let err = CriteriaSet::load(&toml)
            .expect_err("must not load")
            .to_string();
        let script = dir.path().join(name);
        assert!(
            err.starts_with(&format!("{}:1:", script.display())),
            "{name}: {err}"
        );
        assert!(
            err.ends_with("the script nests values or expressions deeper than 64 levels"),
            "{name}: {err}"
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
    for (named, words) in [
        ("/etc/passwd", "must be relative"),
        ("../../../../../../etc/passwd", "must name a .rhai file"),
        ("../../secret.rhai", "resolves outside"),
        ("passwd.rhai", "resolves outside"),
        ("binary.rhai", "not UTF-8 text"),
        ("big.rhai", "larger than 64 KiB"),
        ("folder.rhai", "not a regular file"),
    ] {
        let toml = dir.join("set.toml");
        std::fs::write(&toml, benign.replace("play-space.rhai", named)).unwrap();
        let err = CriteriaSet::load(&toml).expect_err(named).to_string();
        assert!(
            err.starts_with(&format!("{}:{field}:10: ", toml.display())),
            "{named}: {err}"
        );
        assert!(err.contains(words), "{named}: {err}");
        assert!(
            !err.contains("root:") && !err.contains("award"),
            "{named}: {err}"
        );
    }
}

#[test]
fn a_rule_file_larger_than_the_bound_is_refused_unread() {
    let benign = std::fs::read_to_string(path("benign.toml")).unwrap();
    let padded = format!("{benign}\n{}", "# padding\n".repeat(7_000));
    let (_dir, file) = scratch("padded.toml", &padded);
    let err = CriteriaSet::load(&file)
        .expect_err("must not load")
        .to_string();
    assert!(err.contains("larger than 64 KiB"), "{err}");
}
