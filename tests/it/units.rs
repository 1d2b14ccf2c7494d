//! The official list of units since 2025: the converter reproduces the committed data file,
//! every check of a round against the list gives a located message, and the Quảng Ngãi 2025
//! fixture evaluates end to end.

use std::path::{Path, PathBuf};
use std::process::Command;

use cfc::diag::{Problem, RoundProblem};
use cfc::{Round, RoundReport};

const FIXTURE: &str = "fixtures/quang-ngai-2025";

/// A copy of a fixture round alone in a temporary folder: it names the shipped criteria set
/// (and policy) by id, so it opens there as it is.
fn copy_round(from: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn edit(path: &Path, f: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let new = f(&text);
    assert_ne!(text, new, "{} unchanged", path.display());
    std::fs::write(path, new).unwrap();
}

/// The problems of a round as (place, field path, problem), the temporary folder written as
/// ROUND in the place.
fn problems(dir: &Path) -> Vec<(String, String, Problem)> {
    let round = Round::load(dir).unwrap();
    round
        .errors
        .iter()
        .map(|d| {
            let place = format!("{}:{}:{}", d.file.display(), d.line, d.column);
            (
                place.replace(&dir.display().to_string(), "ROUND"),
                d.field.to_string(),
                d.problem.clone(),
            )
        })
        .collect()
}

/// Loads a copy of the 2025 fixture after one change to one of its files.
fn problems_after(file: &str, f: impl FnOnce(&str) -> String) -> Vec<(String, String, Problem)> {
    let dir = copy_round(FIXTURE);
    edit(&dir.path().join(file), f);
    problems(dir.path())
}

fn at(place: &str, field: &str, problem: RoundProblem) -> (String, String, Problem) {
    (place.to_string(), field.to_string(), problem.into())
}

/// No evidence file for a unit of Quảng Ngãi, located at `province`.
fn no_file(code: &str, name: &str, kind: &str) -> (String, String, Problem) {
    at(
        "ROUND/round.toml:7:12",
        "province",
        RoundProblem::NoEvidenceFile {
            code: code.into(),
            name: name.into(),
            unit_kind: kind.into(),
            province: "Tỉnh Quảng Ngãi".into(),
        },
    )
}

#[test]
fn the_fixture_is_clean_against_the_list() {
    assert_eq!(problems(Path::new(FIXTURE)), []);
}

#[test]
fn a_code_not_in_the_list_is_refused_at_its_field() {
    let p = problems_after("21289-son-ha.toml", |t| {
        t.replace("code = \"21289\"", "code = \"21999\"")
    });
    assert_eq!(
        p,
        [
            at(
                "ROUND/21289-son-ha.toml:6:8",
                "unit.code",
                RoundProblem::NotInOfficialList {
                    code: "21999".into(),
                    in_force: "2025-07-01".into(),
                    province: "Tỉnh Quảng Ngãi".into(),
                }
            ),
            no_file("21289", "Xã Sơn Hà", "xa"),
        ]
    );
}

#[test]
fn a_name_that_disagrees_with_the_list_names_the_official_one() {
    let p = problems_after("21289-son-ha.toml", |t| {
        t.replace("name = \"Sơn Hà\"", "name = \"Sơn Hạ\"")
    });
    assert_eq!(
        p,
        [at(
            "ROUND/21289-son-ha.toml:7:8",
            "unit.name",
            RoundProblem::NotOfficialName {
                found: "Sơn Hạ".into(),
                code: "21289".into(),
                official: "Xã Sơn Hà".into(),
                short: "Sơn Hà".into(),
            }
        )]
    );
    // The official name with its kind word is accepted as well.
    let p = problems_after("21289-son-ha.toml", |t| {
        t.replace("name = \"Sơn Hà\"", "name = \"Xã Sơn Hà\"")
    });
    assert_eq!(p, []);
}

#[test]
fn a_kind_that_disagrees_with_the_list_is_refused() {
    let p = problems_after("21548-ly-son.toml", |t| {
        t.replace("kind = \"dac_khu\"", "kind = \"xa\"")
    });
    assert_eq!(
        p,
        [at(
            "ROUND/21548-ly-son.toml:8:8",
            "unit.kind",
            RoundProblem::NotOfficialKind {
                found: "xa".into(),
                code: "21548".into(),
                name: "Đặc khu Lý Sơn".into(),
                kind_word: "đặc khu".into(),
                expected: "dac_khu".into(),
            }
        )]
    );
}

#[test]
fn a_unit_of_another_province_is_refused() {
    let p = problems_after("21289-son-ha.toml", |t| {
        t.replace("code = \"21289\"", "code = \"00004\"")
    });
    assert_eq!(
        p,
        [
            at(
                "ROUND/21289-son-ha.toml:6:8",
                "unit.code",
                RoundProblem::OtherProvince {
                    code: "00004".into(),
                    name: "Phường Ba Đình".into(),
                    belongs_to: "Thành phố Hà Nội".into(),
                    province: "Tỉnh Quảng Ngãi".into(),
                }
            ),
            no_file("21289", "Xã Sơn Hà", "xa"),
        ]
    );
}

#[test]
fn every_unit_without_a_file_is_named_at_the_province() {
    let dir = copy_round(FIXTURE);
    std::fs::remove_file(dir.path().join("21548-ly-son.toml")).unwrap();
    std::fs::remove_file(dir.path().join("21025-cam-thanh.toml")).unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            no_file("21025", "Phường Cẩm Thành", "phuong"),
            no_file("21548", "Đặc khu Lý Sơn", "dac_khu"),
        ]
    );
}

#[test]
fn an_unknown_province_is_located_in_round_toml() {
    let dir = copy_round(FIXTURE);
    edit(&dir.path().join("round.toml"), |t| {
        t.replace("province = \"51\"", "province = \"99\"")
    });
    assert_eq!(
        problems(dir.path()),
        [at(
            "ROUND/round.toml:7:12",
            "province",
            RoundProblem::UnknownProvince {
                code: "99".into(),
                in_force: "2025-07-01".into(),
            }
        )]
    );
}

#[test]
fn a_2024_round_is_not_checked_against_the_new_list() {
    // Sơn Hà's 2024 units (old codes, thị trấn Di Lăng) would all disagree with the 2025 list.
    let dir = copy_round("fixtures/son-ha-2024");
    edit(&dir.path().join("round.toml"), |t| {
        t.replace("year = 2024\n", "year = 2024\nprovince = \"51\"\n")
    });
    let round = Round::load(dir.path()).unwrap();
    assert!(round.errors.is_empty(), "{:?}", round.errors);
    assert_eq!(round.units.len(), 14);
}

#[test]
fn the_2025_fixture_evaluates_end_to_end() {
    let round = Round::load(FIXTURE).unwrap();
    let report = RoundReport::new(&round, round.evaluate());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.round.notice.is_some(), "synthetic data must say so");
    let recognised = report.units.iter().filter(|u| u.recognised).count();
    insta::assert_snapshot!(
        "quang-ngai-2025-counts",
        format!(
            "units {}, recognised {recognised}, refused {}",
            report.units.len(),
            report.units.len() - recognised
        )
    );
    let out = Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["evaluate", FIXTURE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(
        "quang-ngai-2025-table",
        String::from_utf8(out.stdout).unwrap()
    );
}

/// `assets/units/convert.py` on the pinned package writes exactly the committed data file.
#[test]
fn the_converter_reproduces_the_data_file() {
    let probe = Command::new("python3")
        .args([
            "-c",
            "import importlib.metadata as m; print(m.version('vietnam-provinces'))",
        ])
        .output();
    let version = match probe {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        _ => {
            eprintln!(
                "SKIPPED the_converter_reproduces_the_data_file: python3 or the package vietnam-provinces is not installed (pip install vietnam-provinces==2025.10.1)"
            );
            return;
        }
    };
    assert_eq!(version, "2025.10.1", "the converter is pinned to 2025.10.1");
    let out = Command::new("python3")
        .arg("assets/units/convert.py")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read(PathBuf::from("assets/units/units-2025.json")).unwrap();
    assert!(
        out.stdout == committed,
        "assets/units/units-2025.json differs from the converter's output: run `python3 assets/units/convert.py > assets/units/units-2025.json`"
    );
}
