//! Every problem of a criteria set, a policy, a script and a round folder in words, in
//! Vietnamese and in English: one snapshot per language of the diagnostics of broken files
//! (`tests/data/rules-words`, and what the test writes beside them) that together produce
//! every variant of `RulesProblem` and `RoundProblem` at least once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cfc::diag::Diagnostic;
use cfc::words::problems::diagnostic;
use cfc::{CriteriaSet, Lang, Policy, Round, RoundError, RoundReport};

const DATA: &str = "tests/data/rules-words";

/// Every variant of the two families, by its serialised name: the snapshot must show each.
const RULES: &[&str] = &[
    "not_regular_file",
    "script_path_absolute",
    "script_not_rhai",
    "script_outside",
    "script_file",
    "script_syntax",
    "undeclared_variable",
    "script_too_deep",
    "unknown_function",
    "script_gives",
    "kind_id_shape",
    "kind_of_the_set",
    "undeclared_kind",
    "undeclared_kind_in_script",
    "empty_kinds",
    "no_unit_kinds",
    "no_classes",
    "no_conditions",
    "no_indicators",
    "not_short_code",
    "zero_max_points",
    "sum_mismatch",
    "threshold_above_max",
    "until_before_effective",
    "invalid_name",
    "bound_target",
    "bool_bound",
    "decimals_needed",
    "decimals_not_applicable",
    "too_many_decimals",
    "bound_not_whole",
    "bound_too_precise",
    "bound_too_large",
    "bound_negative",
    "bound_above_largest",
    "min_above_max",
    "max_below_lowest",
    "min_above_highest",
    "lever_bound_way",
    "lever_bound_outside",
    "default_type",
    "default_out_of_range",
    "condition_field",
    "condition_field_missing",
    "empty_criteria_list",
    "never_met",
    "count_out_of_range",
    "share_out_of_range",
    "share_too_precise",
    "second_minimum",
    "minimum_above_max",
    "policy_for_other_set",
    "window_months",
    "disqualifier_looks_at_nothing",
    "at_least_zero",
];

const ROUND: &[&str] = &[
    "rule_file_unreadable",
    "rule_file_invalid",
    "outside_effect",
    "upper_case_extension",
    "folder_named_like_evidence",
    "not_regular_file",
    "broken_link",
    "duplicate_code",
    "unknown_province",
    "no_evidence_file",
    "not_in_official_list",
    "other_province",
    "not_official_name",
    "not_official_kind",
    "not_evaluated",
];

/// A temporary copy of the broken rule files, with what cannot be committed: a script that
/// is not UTF-8, a folder named like a script, and a link to a script outside the folder.
struct World {
    dir: tempfile::TempDir,
    _outside: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        for sub in ["rules", "scripts"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            for entry in std::fs::read_dir(Path::new(DATA).join(sub)).unwrap() {
                let path = entry.unwrap().path();
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
        let scripts = dir.path().join("scripts");
        std::fs::write(scripts.join("latin1.rhai"), b"award(a, \"s\xe1ch\")\n").unwrap();
        std::fs::create_dir(scripts.join("folder.rhai")).unwrap();
        std::fs::write(outside.path().join("x.rhai"), "award(a, \"a\")\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.rhai"), scripts.join("outside.rhai"))
            .unwrap();
        World {
            dir,
            _outside: outside,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A text with the temporary folders and the repository written as TMP, OUT and REPO.
    fn tidy(&self, text: &str) -> String {
        let repo = std::env::current_dir().unwrap();
        text.replace(&self.dir.path().display().to_string(), "TMP")
            .replace(&self._outside.path().display().to_string(), "OUT")
            .replace(&repo.display().to_string(), "REPO")
    }
}

fn load_errors(result: Result<CriteriaSet, cfc::criteria::LoadError>) -> Vec<Diagnostic> {
    match result {
        Ok(_) => panic!("the set loaded"),
        Err(e) => e.diagnostics(),
    }
}

/// The diagnostics of a round that does not load, or of the units it refuses.
fn round_errors(dir: &Path) -> Vec<Diagnostic> {
    match Round::load(dir) {
        Ok(round) => {
            let evaluated = round.evaluate();
            RoundReport::new(&round, evaluated).errors
        }
        Err(RoundError::Load(e)) => e.diagnostics(),
        Err(RoundError::OutsideEffect(d)) => vec![*d],
        Err(e) => panic!("{e}"),
    }
}

/// A round folder of `round.toml` with `settings` (and the absolute paths of the shipped set
/// and policy as CRITERIA and POLICY).
fn round_dir(world: &World, name: &str, settings: &str) -> PathBuf {
    let dir = world.path(name);
    std::fs::create_dir_all(&dir).unwrap();
    let abs = |p: &str| {
        format!(
            "{:?}",
            std::path::absolute(p).unwrap().display().to_string()
        )
    };
    let text = settings
        .replace("CRITERIA", &abs("criteria/qd-06-2019.toml"))
        .replace("POLICY", &abs("criteria/son-ha-2024.toml"));
    std::fs::write(dir.join("round.toml"), text).unwrap();
    dir
}

const SETTINGS: &str = "name = \"Đợt kiểm thử\"\nauthority = \"UBND\"\ncouncil = \"Hội đồng\"\nplace = \"Sơn Hà\"\ndecision_date = 2024-12-05\n";

/// Copies the evidence files of a fixture round into `dir`.
fn copy_evidence(from: &str, dir: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") && !path.ends_with("round.toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every broken file of the test, by name, with its diagnostics.
fn scenarios(world: &World) -> Vec<(&'static str, Vec<Diagnostic>)> {
    let mut out = Vec::new();
    out.push((
        "criteria set",
        load_errors(CriteriaSet::load(world.path("rules/set.toml"))),
    ));
    out.push((
        "empty criteria set",
        load_errors(CriteriaSet::load(world.path("rules/empty.toml"))),
    ));
    std::fs::create_dir(world.path("rules/folder.toml")).unwrap();
    out.push((
        "a folder named like a criteria set",
        load_errors(CriteriaSet::load(world.path("rules/folder.toml"))),
    ));
    let head = "id = \"x\"\ntitle = { vi = \"X\", en = \"X\" }\nsubject = { vi = \"X\", en = \"X\" }\nlegal_basis = \"test\"\neffective = 2024-01-01\nmax_points = 0\ninputs = []\ncriteria = []\n";
    for (name, text) in [
        (
            "serde: unknown field",
            format!("{head}classes = []\ncolour = \"red\"\n"),
        ),
        ("serde: missing field", head.to_string()),
        (
            "serde: wrong type",
            head.replace("max_points = 0", "max_points = true") + "classes = []\n",
        ),
        (
            "serde: unknown variant",
            format!(
                "{head}classes = []\n[[conditions]]\nrule = \"class_treshold\"\nlabel = {{ vi = \"X\", en = \"X\" }}\nreference = \"test\"\n"
            ),
        ),
        ("serde: syntax", format!("{head}classes = [\n")),
    ] {
        let path = world.path(&format!("rules/{}.toml", name.replace([':', ' '], "-")));
        std::fs::write(&path, text).unwrap();
        out.push((name, load_errors(CriteriaSet::load(&path))));
    }
    let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    out.push((
        "policy",
        match Policy::load(world.path("rules/policy.toml"), &set) {
            Ok(_) => panic!("the policy loaded"),
            Err(e) => e.diagnostics(),
        },
    ));

    let missing_criteria = round_dir(
        world,
        "round-missing-criteria",
        &format!("year = 2024\ncriteria = \"missing.toml\"\n{SETTINGS}"),
    );
    out.push(("round: no criteria set", round_errors(&missing_criteria)));
    let missing_policy = round_dir(
        world,
        "round-missing-policy",
        &format!("year = 2024\ncriteria = CRITERIA\npolicy = \"missing.toml\"\n{SETTINGS}"),
    );
    out.push(("round: no policy", round_errors(&missing_policy)));
    let bad_criteria = round_dir(
        world,
        "round-bad-criteria",
        &format!("year = 2024\ncriteria = \"../rules/serde--missing-field.toml\"\n{SETTINGS}"),
    );
    out.push((
        "round: a criteria set with a problem",
        round_errors(&bad_criteria),
    ));
    let outside = round_dir(
        world,
        "round-outside",
        &format!("year = 2010\ncriteria = CRITERIA\n{SETTINGS}"),
    );
    out.push(("round: outside effect", round_errors(&outside)));
    let unprintable = round_dir(
        world,
        "round-unprintable",
        &format!("year = 2024\ncriteria = CRITERIA\n{SETTINGS}")
            .replace("Đợt kiểm thử", "Đợt \u{202E}kiểm thử")
            .replace(
                "place = \"Sơn Hà\"",
                &format!("place = \"{}\"", "Sơn Hà ".repeat(50)),
            ),
    );
    out.push(("round: unprintable settings", round_errors(&unprintable)));

    let folder = round_dir(
        world,
        "round-folder",
        &format!("year = 2024\ncriteria = CRITERIA\npolicy = POLICY\n{SETTINGS}"),
    );
    copy_evidence("fixtures/son-ha-2024", &folder);
    std::fs::copy(folder.join("son-ha.toml"), folder.join("son-ha-again.toml")).unwrap();
    std::fs::copy(folder.join("son-ky.toml"), folder.join("SON-KY.TOML")).unwrap();
    std::fs::create_dir(folder.join("folder.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/null", folder.join("device.toml")).unwrap();
    std::os::unix::fs::symlink(folder.join("gone"), folder.join("gone.toml")).unwrap();
    out.push(("round: its folder", round_errors(&folder)));

    let roster = round_dir(
        world,
        "round-roster",
        &format!("year = 2025\nprovince = \"51\"\ncriteria = CRITERIA\n{SETTINGS}")
            .replace("2024-12-05", "2025-12-15"),
    );
    copy_evidence("fixtures/quang-ngai-2025", &roster);
    edit(
        &roster.join("21289-son-ha.toml"),
        "code = \"21289\"",
        "code = \"21999\"",
    );
    edit(
        &roster.join("21025-cam-thanh.toml"),
        "code = \"21025\"",
        "code = \"00004\"",
    );
    edit(
        &roster.join("21028-nghia-lo.toml"),
        "name = \"Nghĩa Lộ\"",
        "name = \"Nghĩa Lô\"",
    );
    edit(
        &roster.join("21034-an-phu.toml"),
        "kind = \"xa\"",
        "kind = \"phuong\"",
    );
    out.push(("round: the official list", round_errors(&roster)));
    let province = round_dir(
        world,
        "round-province",
        &format!("year = 2025\nprovince = \"99\"\ncriteria = CRITERIA\n{SETTINGS}")
            .replace("2024-12-05", "2025-12-15"),
    );
    copy_evidence("fixtures/quang-ngai-2025", &province);
    out.push(("round: an unknown province", round_errors(&province)));

    // A unit whose script fails at run time: the others are evaluated, it is reported.
    let failing = world.path("failing");
    std::fs::create_dir_all(failing.join("rules/scripts")).unwrap();
    std::fs::create_dir_all(failing.join("round")).unwrap();
    let set_text = std::fs::read_to_string("tests/data/conditions/set.toml").unwrap()
        + "\n[[conditions]]\nrule = \"class_threshold\"\nlabel = { vi = \"Đạt ngưỡng\", en = \"Threshold\" }\nreference = \"test\"\n";
    std::fs::write(failing.join("rules/set.toml"), set_text).unwrap();
    for s in ["b", "c", "d"] {
        std::fs::copy(
            format!("tests/data/conditions/scripts/{s}.rhai"),
            failing.join(format!("rules/scripts/{s}.rhai")),
        )
        .unwrap();
    }
    std::fs::write(
        failing.join("rules/scripts/a.rhai"),
        // 7 is a value the analysis of the rules does not try (it tries the numbers a script
        // writes, 3, 4 and 10, with their neighbours): the unit that has it fails at run time.
        "if a == 3 + 4 { throw \"seven is refused\" }\nif a > 10 { award(10, \"a > 10\") } else { award(a, \"a\") }\n",
    )
    .unwrap();
    std::fs::write(
        failing.join("round/round.toml"),
        format!("year = 2024\ncriteria = \"../rules/set.toml\"\n{SETTINGS}"),
    )
    .unwrap();
    for (code, a) in [("10001", 7), ("10002", 5)] {
        std::fs::write(
            failing.join(format!("round/{code}.toml")),
            format!(
                "[unit]\ncode = \"{code}\"\nname = \"Thử\"\nkind = \"xa\"\nclass = \"any\"\nsynthetic = true\n\n\
                 [period]\nfrom = 2024-01-01\nto = 2024-12-31\n\n[inputs]\na = {a}\nb = 1\nc = 5\nd = 1\n"
            ),
        )
        .unwrap();
    }
    out.push((
        "round: a unit that cannot be evaluated",
        round_errors(&failing.join("round")),
    ));
    out
}

/// The kinds of problems of a family shown by the scenarios.
fn kinds(scenarios: &[(&str, Vec<Diagnostic>)], family: &str) -> BTreeSet<String> {
    scenarios
        .iter()
        .flat_map(|(_, ds)| ds)
        .filter_map(|d| {
            let v = serde_json::to_value(&d.problem).unwrap();
            (v["family"] == family).then(|| v["problem"]["kind"].as_str().unwrap().to_string())
        })
        .collect()
}

fn rendered(world: &World, scenarios: &[(&str, Vec<Diagnostic>)], lang: Lang) -> String {
    let mut out = String::new();
    for (name, diagnostics) in scenarios {
        out.push_str(&format!("## {name}\n"));
        for d in diagnostics {
            out.push_str(&world.tidy(&diagnostic(d, lang)));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_problem_of_rules_and_rounds_in_both_languages() {
    let world = World::new();
    let scenarios = scenarios(&world);
    for (name, diagnostics) in &scenarios {
        assert!(!diagnostics.is_empty(), "{name}: no problem found");
        for d in diagnostics {
            let family = serde_json::to_value(&d.problem).unwrap()["family"].clone();
            assert_ne!(family, "legacy", "{name}: an untyped problem: {d:?}");
        }
    }
    let expected = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
    assert_eq!(kinds(&scenarios, "rules"), expected(RULES));
    assert_eq!(kinds(&scenarios, "round"), expected(ROUND));
    insta::assert_snapshot!("rules_words_vi", rendered(&world, &scenarios, Lang::Vi));
    insta::assert_snapshot!("rules_words_en", rendered(&world, &scenarios, Lang::En));
}
