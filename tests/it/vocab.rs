//! The vocabulary is data: unit kinds and incident kinds are declared by the criteria set (a
//! policy may add incident kinds), classes may restrict the unit kinds they take, and every
//! kind a rule names is checked when it loads — so a misspelt kind is a load error, never a
//! disqualifier that silently matches nothing.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader};
use cfc::diag::{Diagnostic, EvidenceProblem, KindFamily, Problem, RulesProblem, ValueProblem};
use cfc::{CriteriaSet, Evaluator, Evidence, Policy};

/// A set written for two-level local government: xã, phường and đặc khu, no thị trấn.
const NO_THI_TRAN: &str = "tests/data/other-shape/example-400.toml";
const QD06: &str = "criteria/qd-06-2019.toml";
const DIR: &str = "tests/data/vocab";

fn load(path: &str) -> CriteriaSet {
    CriteriaSet::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The diagnostics of a rule file that does not load, as (line, column, field path, problem).
fn typed(err: &cfc::criteria::LoadError) -> Vec<(usize, usize, String, Problem)> {
    err.diagnostics()
        .into_iter()
        .map(|d| (d.line, d.column, d.field.to_string(), d.problem))
        .collect()
}

/// The shipped set's incident kinds, as a problem lists them.
fn shipped_incident_kinds() -> Vec<String> {
    load(QD06)
        .incident_kinds()
        .iter()
        .map(|k| k.id.id().to_string())
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not found"))
        + 1
}

/// A unit of the no-thị-trấn round that is recognised on its own (400 of 400, no incident).
fn dong_bang() -> String {
    read("tests/data/other-shape/round/dong-bang.toml")
}

fn with_incidents(text: &str, incidents: &[(&str, &str, bool)]) -> String {
    let mut out = text.to_string();
    for (id, kind, fatal) in incidents {
        out += &format!(
            "\n[[incidents]]\nid = \"{id}\"\ndate = 2026-05-01\nkind = \"{kind}\"\nfatal = {fatal}\n"
        );
    }
    out
}

#[test]
fn a_set_without_thi_tran_refuses_a_thi_tran_at_its_line() {
    let set = load(NO_THI_TRAN);
    let ids: Vec<&str> = set.unit_kinds().iter().map(|k| k.id.id()).collect();
    assert_eq!(ids, ["xa", "phuong", "dac_khu"]);
    let text = dong_bang().replace("kind = \"xa\"", "kind = \"thi_tran\"");
    let err = Evidence::parse("dong-bang.toml", &text, &set, Some(2026))
        .expect_err("a thị trấn under a set without thị trấn");
    let line = line_of(&text, "kind = \"thi_tran\"");
    let [d]: [Diagnostic; 1] = err.0.try_into().expect("one problem");
    assert_eq!((d.line, d.column, d.field.as_str()), (line, 8, "unit.kind"));
    assert_eq!(
        d.problem,
        Problem::Value(ValueProblem::NotOneOf {
            found: "thi_tran".into(),
            allowed: vec!["xa".into(), "phuong".into(), "dac_khu".into()],
            closest: None,
        })
    );
}

#[test]
fn cfc_template_offers_only_the_declared_unit_kinds() {
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["template", "--criteria", NO_THI_TRAN, "--year", "2026"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let kind_line = text.lines().find(|l| l.starts_with("kind =")).unwrap();
    assert_eq!(
        kind_line,
        "kind = \"xa\"                     # xa | phuong | dac_khu"
    );
    assert!(!text.contains("thi_tran"), "{text}");
    let incident_line = text.lines().find(|l| l.starts_with("# kind =")).unwrap();
    assert_eq!(
        incident_line,
        "# kind = \"violence\"             # violence | sexual_abuse | other_abuse | neglect | exploitation | trafficking"
    );
}

/// Every text cell of every sheet of a workbook.
fn cells(bytes: Vec<u8>) -> Vec<(String, String)> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                if let Data::String(s) = cell {
                    out.push((name.clone(), s.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn the_excel_form_offers_only_the_declared_kinds_with_their_labels() {
    use cfc::xlsx::{Layout, TemplateOptions, template};
    let set = load(NO_THI_TRAN);
    for layout in [Layout::Unit, Layout::Round] {
        let opts = TemplateOptions {
            layout,
            year: 2026,
            criteria_path: NO_THI_TRAN.into(),
            prefill: Default::default(),
        };
        let cells = cells(template(&set, &opts).unwrap());
        let all: Vec<&str> = cells.iter().map(|(_, c)| c.as_str()).collect();
        assert!(
            !all.iter().any(|c| c.contains("thị trấn")),
            "{layout:?}: a cell offers thị trấn"
        );
        // The hidden sheet holds the drop-down lists: the set's labels, in its order.
        for word in ["xã", "phường", "đặc khu", "bạo lực", "mua bán"] {
            assert!(all.contains(&word), "{layout:?}: {word} is not offered");
        }
        assert!(
            !all.contains(&"đuối nước"),
            "{layout:?}: an undeclared kind"
        );
        if layout == Layout::Unit {
            assert!(all.contains(&"xã, phường hoặc đặc khu"), "the kind's hint");
        }
    }
}

#[test]
fn a_class_restricted_to_wards_refuses_a_commune_at_the_class_line() {
    let set = load(QD06);
    let ward = set.class("urban_ward").unwrap();
    assert_eq!(
        ward.kinds
            .as_ref()
            .map(|k| k.iter().map(|k| k.id()).collect::<Vec<_>>()),
        Some(vec!["phuong"])
    );
    let text = read("fixtures/son-ha-2024/son-thuong.toml");
    let class = text.lines().find(|l| l.starts_with("class =")).unwrap();
    let text = text.replace(class, "class = \"urban_ward\"");
    let err = Evidence::parse("son-thuong.toml", &text, &set, Some(2024))
        .expect_err("a xã in a class of wards");
    let line = line_of(&text, "class = \"urban_ward\"");
    let [d]: [Diagnostic; 1] = err.0.try_into().expect("one problem");
    assert_eq!(
        (d.line, d.column, d.field.as_str()),
        (line, 9, "unit.class")
    );
    let Problem::Evidence(EvidenceProblem::ClassRefusesKind {
        class,
        takes,
        unit_kind,
        fitting,
    }) = &d.problem
    else {
        panic!("{:?}", d.problem)
    };
    let ids = |list: &[cfc::criteria::Named]| list.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        (
            class.id.as_str(),
            ids(takes),
            unit_kind.id.as_str(),
            ids(fitting)
        ),
        (
            "urban_ward",
            vec!["phuong".to_string()],
            "xa",
            vec!["mountain_island_difficult".to_string(), "other".to_string()]
        )
    );
    // The reader sees labels beside the ids the file takes.
    let words = cfc::words::problems::diagnostic(&d, cfc::Lang::Vi);
    assert!(
        words.contains(&format!("{} (\"urban_ward\")", class.vi)),
        "{words}"
    );
    assert!(
        words.contains(&format!("{} (\"xa\")", unit_kind.vi)),
        "{words}"
    );
    // A phường in the same class is valid.
    let ward = text.replace("kind = \"xa\"", "kind = \"phuong\"");
    Evidence::parse("son-thuong.toml", &ward, &set, Some(2024)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_kind_added_by_the_policy_is_accepted_and_matched_by_a_disqualifier() {
    let set = load(NO_THI_TRAN);
    let policy =
        Policy::load(format!("{DIR}/fall-policy.toml"), &set).unwrap_or_else(|e| panic!("{e}"));
    let text = with_incidents(&dong_bang(), &[("DB-2026-01", "fall_from_height", true)]);

    // The set alone does not know the kind: the evidence is refused at the incident's kind.
    let err = Evidence::parse("dong-bang.toml", &text, &set, Some(2026))
        .expect_err("a kind only the policy declares");
    assert!(
        err.0.iter().any(|d| d.field.as_str() == "incidents[0].kind"
            && matches!(&d.problem, Problem::Value(ValueProblem::NotOneOf { found, .. }) if found == "fall_from_height")),
        "{err}"
    );

    // The evaluator's set is extended by its policy: the same evidence is valid there.
    let evaluator = Evaluator::new(set, Some(policy)).unwrap();
    let vocabulary = evaluator.criteria();
    assert_eq!(
        vocabulary
            .incident_kind("fall_from_height")
            .map(|k| k.label.vi.as_str()),
        Some("ngã từ trên cao")
    );
    let ev = Evidence::parse("dong-bang.toml", &text, vocabulary, Some(2026))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = evaluator.evaluate(&ev).unwrap();
    assert_eq!(r.total.to_string(), "400");
    assert!(!r.recognised);
    let hits = crate::support::hits(&r);
    assert_eq!(hits, [("fatal_fall", vec!["DB-2026-01"])]);
    assert_eq!(r.incidents[0].kind.id(), "fall_from_height");

    // `fatal = true`: a fall no child died of does not refuse; `at_least = 2`: one violence
    // incident does not either, two do.
    let survived = with_incidents(
        &dong_bang(),
        &[
            ("DB-2026-01", "fall_from_height", false),
            ("DB-2026-02", "violence", false),
        ],
    );
    let ev = Evidence::parse("dong-bang.toml", &survived, vocabulary, Some(2026)).unwrap();
    let r = evaluator.evaluate(&ev).unwrap();
    assert!(r.disqualifiers.is_empty(), "{:?}", r.disqualifiers);
    let twice = with_incidents(&survived, &[("DB-2026-03", "violence", false)]);
    let ev = Evidence::parse("dong-bang.toml", &twice, vocabulary, Some(2026)).unwrap();
    let r = evaluator.evaluate(&ev).unwrap();
    let hits = crate::support::hits(&r);
    assert_eq!(
        hits,
        [("repeated_violence", vec!["DB-2026-02", "DB-2026-03"])]
    );
}

#[test]
fn a_misspelt_kind_in_a_policy_s_kinds_is_a_load_error_at_its_column() {
    let set = load(QD06);
    let path = format!("{DIR}/misspelt-kinds.toml");
    let err = Policy::load(&path, &set).expect_err("kinds = [\"drowing\"]");
    let text = read(&path);
    let line = line_of(&text, "\"drowing\"");
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"drowing\"")
        .unwrap()
        + 1;
    assert_eq!(err.diagnostics()[0].file, Path::new(&path));
    assert_eq!(
        typed(&err),
        [(
            line,
            column,
            "disqualifiers[0].kinds[1]".to_string(),
            RulesProblem::UndeclaredKind {
                family: KindFamily::Incident,
                id: "drowing".into(),
                declared: shipped_incident_kinds(),
                closest: Some("drowning".into()),
            }
            .into()
        )]
    );
}

/// The issue's example: `i.kind == "drowing"` used to load and never match, so a commune
/// where a child drowned was recognised. Now the policy does not load, so no round can be
/// evaluated under it; the same policy spelt right refuses that commune.
#[test]
fn the_drowning_example_is_impossible_a_misspelt_kind_in_a_script_does_not_load() {
    let set = load(QD06);
    let err = Policy::load(format!("{DIR}/drowing.toml"), &set)
        .expect_err("a script that names an undeclared kind");
    let script = format!("{DIR}/drowing.rhai");
    let line = line_of(&read(&script), "\"drowing\"");
    assert_eq!(err.diagnostics()[0].file, Path::new(&script));
    assert_eq!(
        typed(&err),
        [(
            line,
            32,
            String::new(),
            RulesProblem::UndeclaredKindInScript {
                id: "drowing".into(),
                declared: shipped_incident_kinds(),
                closest: Some("drowning".into()),
            }
            .into()
        )]
    );

    // A commune where a child drowned, recognised without a policy…
    let ev = Evidence::load("fixtures/son-ha-2024/son-thuong.toml", &set, Some(2024))
        .unwrap_or_else(|e| panic!("{e}"));
    let drowned: Vec<&str> = ev
        .incidents_in_period()
        .filter(|i| i.kind.id() == "drowning")
        .map(|i| i.id.as_str())
        .collect();
    assert!(!drowned.is_empty(), "the fixture records a drowning");
    let alone = Evaluator::new(set.clone(), None).unwrap();
    assert!(alone.evaluate(&ev).unwrap().recognised);
    // …is refused by the policy spelt right.
    let policy =
        Policy::load(format!("{DIR}/drowning.toml"), &set).unwrap_or_else(|e| panic!("{e}"));
    let r = Evaluator::new(set, Some(policy))
        .unwrap()
        .evaluate(&ev)
        .unwrap();
    assert!(!r.recognised);
    assert_eq!(r.disqualifiers[0].incidents, drowned);
}

#[test]
fn misspelt_kinds_in_a_class_and_a_derived_count_are_load_errors_together() {
    let path = format!("{DIR}/misspelt-set.toml");
    let err = CriteriaSet::load(&path).expect_err("undeclared kinds");
    let text = read(&path);
    let at = |needle: &str| {
        let line = line_of(&text, needle);
        let column = text.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;
        (line, column)
    };
    let ((l1, c1), (l2, c2)) = (at("\"thi_tran\""), at("\"drowing\""));
    assert_eq!(
        typed(&err),
        [
            (
                l1,
                c1,
                "classes[0].kinds[1]".to_string(),
                RulesProblem::UndeclaredKind {
                    family: KindFamily::Unit,
                    id: "thi_tran".into(),
                    declared: vec!["xa".into(), "phuong".into()],
                    closest: None,
                }
                .into()
            ),
            (
                l2,
                c2,
                "derived[0].kinds[1]".to_string(),
                RulesProblem::UndeclaredKind {
                    family: KindFamily::Incident,
                    id: "drowing".into(),
                    declared: vec!["drowning".into()],
                    closest: Some("drowning".into()),
                }
                .into()
            ),
        ]
    );
}

#[test]
fn a_set_must_declare_its_unit_kinds() {
    let text = read("tests/data/vocab/misspelt-set.toml");
    let start = text.find("[[unit_kinds]]").unwrap();
    let end = text.find("[[incident_kinds]]").unwrap();
    let dir = std::env::temp_dir().join(format!("cfc-vocab-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("no-kinds.toml");
    std::fs::write(&file, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let err = CriteriaSet::load(&file).expect_err("no unit kinds");
    std::fs::remove_dir_all(&dir).ok();
    let problems = typed(&err);
    assert!(
        problems.iter().any(|(_, _, field, p)| field == "unit_kinds"
            && *p == Problem::from(RulesProblem::NoUnitKinds)),
        "{problems:?}"
    );
}

#[test]
fn every_vocabulary_mistake_of_a_policy_is_reported_together() {
    let policy = r#"id = "broken"
title = { vi = "Chính sách kiểm thử" }
legal_basis = "test"

[[incident_kinds]]
id = "drowning"
label = { vi = "đuối nước" }

[[incident_kinds]]
id = "Fall"
label = { vi = "ngã" }

[[disqualifiers]]
id = "nothing"
title = { vi = "Không lọc gì" }
reference = "test"

[[disqualifiers]]
id = "never"
title = { vi = "Không bao giờ" }
reference = "test"
kinds = []
at_least = 0
"#;
    let dir = std::env::temp_dir().join(format!("cfc-vocab-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.toml");
    std::fs::write(&file, policy).unwrap();
    let err = Policy::load(&file, &load(QD06)).expect_err("a broken policy");
    std::fs::remove_dir_all(&dir).ok();
    let problems: Vec<(usize, usize, String, String)> = typed(&err)
        .into_iter()
        .map(|(line, column, field, p)| {
            let kind = serde_json::to_value(&p).unwrap()["problem"]["kind"].clone();
            (line, column, field, kind.as_str().unwrap().to_string())
        })
        .collect();
    let expected = [
        (6, 6, "incident_kinds[0].id", "kind_of_the_set"),
        (10, 6, "incident_kinds[1].id", "kind_id_shape"),
        (14, 6, "disqualifiers[0]", "disqualifier_looks_at_nothing"),
        (19, 6, "disqualifiers[1].kinds", "empty_kinds"),
        (23, 12, "disqualifiers[1].at_least", "at_least_zero"),
    ]
    .map(|(l, c, f, k)| (l, c, f.to_string(), k.to_string()));
    assert_eq!(problems, expected);
}
