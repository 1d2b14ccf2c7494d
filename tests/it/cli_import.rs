//! `cfc import` and `cfc template --xlsx --from` through the binary: file names that cannot
//! collide, nothing replaced without `--force`, nothing half-written, hostile workbooks refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cfc::xlsx::{Layout, Prefill, TemplateOptions, template};
use cfc::{Evidence, Round};

const FIXTURE: &str = "fixtures/son-ha-2024";

fn cfc(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_cfc")).args(args).output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run cfc {args:?}: {e}"),
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture() -> Round {
    Round::load(FIXTURE).expect("the fixture round loads")
}

/// An empty round folder whose round.toml is the fixture's, with the rule paths absolute.
fn round_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("round.toml"))
        .unwrap()
        .replace("../../criteria/", &format!("{crate_dir}/criteria/"));
    std::fs::write(dir.path().join("round.toml"), text).unwrap();
    dir
}

/// Every file of a folder with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// A fixture unit's evidence with another code and name.
fn unit(round: &Round, code: &str, new_code: &str, new_name: &str) -> Evidence {
    let ev = round.units.iter().find(|e| e.unit().code == code).unwrap();
    let text = std::fs::read_to_string(ev.source())
        .unwrap()
        .replace(
            &format!("code = \"{code}\""),
            &format!("code = \"{new_code}\""),
        )
        .replace(
            &format!("name = \"{}\"", ev.unit().name),
            &format!("name = \"{new_name}\""),
        );
    Evidence::parse("unit.toml", &text, round.evaluator.criteria(), Some(2024)).unwrap()
}

/// A workbook of the given layout pre-filled with `units`, written to `path`.
fn workbook(round: &Round, layout: Layout, units: Vec<Evidence>, path: &Path) -> PathBuf {
    let opts = TemplateOptions {
        layout,
        year: 2024,
        criteria_path: String::new(),
        prefill: Prefill {
            settings: Some(round.settings.clone()),
            units,
        },
    };
    std::fs::write(path, template(round.evaluator.criteria(), &opts).unwrap()).unwrap();
    path.to_path_buf()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn units_of_the_same_name_and_a_unit_named_round_get_files_of_their_own() {
    let round = fixture();
    let books = tempfile::tempdir().unwrap();
    let dir = round_folder();
    let settings = std::fs::read(dir.path().join("round.toml")).unwrap();
    // Two units named "Round" and one named "round": before, one file overwrote the other
    // and the names came out as round.toml.
    let a = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21202", "21202", "Round")],
        &books.path().join("a.xlsx"),
    );
    let b = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21238", "21238", "Round")],
        &books.path().join("b.xlsx"),
    );
    let c = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21211", "21211", "round")],
        &books.path().join("c.xlsx"),
    );
    let out = cfc(&[
        "import",
        "--lang",
        "en",
        s(&a),
        s(&b),
        s(&c),
        "--out",
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote 3 evidence files"),
        "{}",
        stderr(&out)
    );
    let files = contents(dir.path());
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "21202-round.toml",
            "21211-round.toml",
            "21238-round.toml",
            "round.toml"
        ]
    );
    assert_eq!(files["round.toml"], settings, "round.toml is never written");
    let check = cfc(&["check", s(dir.path())]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // The workbooks `template --from` writes are named the same way.
    let forms = books.path().join("forms");
    let out = cfc(&[
        "template",
        "--criteria",
        "criteria/qd-06-2019.toml",
        "--xlsx",
        s(&forms),
        "--from",
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: Vec<String> = contents(&forms).into_keys().collect();
    assert_eq!(
        names,
        ["21202-round.xlsx", "21211-round.xlsx", "21238-round.xlsx"]
    );
}

#[test]
fn one_unit_in_two_workbooks_writes_neither_and_names_both() {
    let round = fixture();
    let books = tempfile::tempdir().unwrap();
    let dir = round_folder();
    let before = contents(dir.path());
    let a = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21202", "21202", "Di Lăng")],
        &books.path().join("di-lang.xlsx"),
    );
    let b = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21238", "21202", "Sơn Thượng")],
        &books.path().join("son-thuong.xlsx"),
    );
    let c = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21211", "21211", "Sơn Bao")],
        &books.path().join("son-bao.xlsx"),
    );
    let out = cfc(&[
        "import",
        "--lang",
        "en",
        s(&a),
        s(&b),
        s(&c),
        "--out",
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: unit 21202 is also in {}: neither workbook is imported",
            s(&a),
            s(&b)
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: unit 21202 is also in {}", s(&b), s(&a))),
        "{err}"
    );
    // The third workbook is a unit of its own: it is imported.
    let mut expected = before;
    expected.insert(
        "21211-son-bao.toml".into(),
        std::fs::read(dir.path().join("21211-son-bao.toml")).unwrap(),
    );
    assert_eq!(contents(dir.path()), expected);
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let round = fixture();
    let books = tempfile::tempdir().unwrap();
    let dir = round_folder();
    let a = workbook(
        &round,
        Layout::Unit,
        vec![unit(&round, "21202", "21202", "Di Lăng")],
        &books.path().join("di-lang.xlsx"),
    );
    let out = cfc(&["import", s(&a), "--out", s(dir.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = dir.path().join("21202-di-lang.toml");
    let imported = std::fs::read(&file).unwrap();
    std::fs::write(&file, b"# edited by hand\n").unwrap();

    let out = cfc(&["import", "--lang", "en", s(&a), "--out", s(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{}: {} already exists: not replaced (use --force to replace it)",
            s(&a),
            s(&file)
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"# edited by hand\n");

    let out = cfc(&["import", s(&a), "--out", s(dir.path()), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).unwrap(), imported);

    // A unit is replaced in the file that holds its code, whatever that file is called: the
    // new file is never written beside it, which would leave the round two files of one unit.
    let older = dir.path().join("di-lang.toml");
    std::fs::rename(&file, &older).unwrap();
    std::fs::write(
        &older,
        b"# an older layout's name\n[unit]\ncode = \"21202\"\n",
    )
    .unwrap();
    let out = cfc(&["import", "--lang", "en", s(&a), "--out", s(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{} already exists: not replaced (use --force to replace it)",
            s(&older)
        )),
        "{}",
        stderr(&out)
    );
    let out = cfc(&["import", s(&a), "--out", s(dir.path()), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(&older).unwrap(), imported);
    assert!(!file.exists());

    // A folder that already holds two files of the unit is not guessed at: the council says
    // which to keep.
    std::fs::copy(&older, &file).unwrap();
    let out = cfc(&[
        "import",
        "--lang",
        "en",
        s(&a),
        "--out",
        s(dir.path()),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "unit 21202 already has the evidence file {}: remove it first",
            s(&older)
        )),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(&file).unwrap();

    // template --xlsx replaces no workbook without --force either.
    let form = books.path().join("form.xlsx");
    std::fs::write(&form, b"kept").unwrap();
    let args = [
        "template",
        "--criteria",
        "criteria/qd-06-2019.toml",
        "--xlsx",
        s(&form),
    ];
    let out = cfc(&args);
    assert_eq!(out.status.code(), Some(2));
    // In the council's language, like every other message.
    assert!(
        stderr(&out).contains("đã có: không ghi đè (dùng --force để ghi đè)")
            && stderr(&out).contains("không ghi sổ tính nào"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&form).unwrap(), b"kept");
    let out = cfc(&[&args[..], &["--force"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(std::fs::read(&form).unwrap(), b"kept");
}

#[test]
fn a_round_workbook_that_cannot_be_written_whole_writes_nothing() {
    let round = fixture();
    let books = tempfile::tempdir().unwrap();
    let dir = round_folder();
    let book = workbook(
        &round,
        Layout::Round,
        round.units.clone(),
        &books.path().join("round.xlsx"),
    );
    // The last unit's file is a folder: even with --force, no rename could replace it, and
    // the thirteen units before it must not be written alone.
    let last = round.units.last().unwrap().unit();
    let blocked = dir
        .path()
        .join(cfc::xlsx::unit_file_name(&last.code, &last.name, "toml").unwrap());
    std::fs::create_dir(&blocked).unwrap();
    let before = contents(dir.path());
    let out = cfc(&[
        "import",
        "--lang",
        "en",
        s(&book),
        "--out",
        s(dir.path()),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{} is a folder", s(&blocked))),
        "{}",
        stderr(&out)
    );
    assert_eq!(contents(dir.path()), before);

    std::fs::remove_dir(&blocked).unwrap();
    let out = cfc(&["import", s(&book), "--out", s(dir.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(contents(dir.path()).len(), round.units.len() + 1);
    let check = cfc(&["check", s(dir.path())]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn a_workbook_with_a_value_at_xfd1048576_is_refused_quickly() {
    let books = tempfile::tempdir().unwrap();
    let dir = round_folder();
    let before = contents(dir.path());
    // Two values, at A1 and at the last cell a sheet has: a range of 17 billion cells.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Chỉ tiêu").unwrap();
    ws.write_string(0, 0, "x").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let far = wb.save_to_buffer().unwrap();
    assert!(far.len() < 10_000);
    let path = books.path().join("far.xlsx");
    std::fs::write(&path, &far).unwrap();
    let started = std::time::Instant::now();
    let out = cfc(&["import", s(&path), "--out", s(dir.path())]);
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{} › Chỉ tiêu: có giá trị ở ô XFD1048576, ngoài",
            s(&path)
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn an_error_in_the_last_row_of_a_round_workbook_writes_none_of_its_units() {
    let round = fixture();
    let books = tempfile::tempdir().unwrap();
    let dir = round_folder();
    let before = contents(dir.path());
    // Fourteen good rows, then a fifteenth that repeats the first unit's code: found only
    // once every row is read.
    let mut units = round.units.clone();
    units.push(unit(&round, "21238", "21202", "Sơn Thượng"));
    let book = workbook(
        &round,
        Layout::Round,
        units,
        &books.path().join("round.xlsx"),
    );
    let out = cfc(&["import", s(&book), "--out", s(dir.path()), "--round-toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{} › Chỉ tiêu › A17: unit.code: \"21202\" bị lặp lại (lần đầu ở Chỉ tiêu › A3)",
            s(&book)
        )),
        "{err}"
    );
    assert!(err.contains("đã ghi 0 tệp số liệu"), "{err}");
    assert_eq!(contents(dir.path()), before);
}

/// The shipped round's own workbook imports back into it: its files are named `son-nham.toml`,
/// not `21211-son-nham.toml`, and each unit is replaced in its file, so the round keeps one
/// file per unit and the same results.
#[test]
fn the_shipped_round_imports_back_into_itself_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(FIXTURE).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let settings = std::fs::read_to_string(dir.path().join("round.toml"))
        .unwrap()
        .replace("../../criteria/", &format!("{crate_dir}/criteria/"));
    std::fs::write(dir.path().join("round.toml"), settings).unwrap();
    let before = contents(dir.path());
    let books = tempfile::tempdir().unwrap();
    let book = books.path().join("son-ha.xlsx");
    let out = cfc(&[
        "template",
        "--criteria",
        "criteria/qd-06-2019.toml",
        "--xlsx",
        s(&book),
        "--round",
        "--from",
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Without --force nothing is replaced, and every refusal names the unit's own file.
    let out = cfc(&["import", s(&book), "--out", s(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{} đã có: không ghi đè",
            s(&dir.path().join("son-nham.toml"))
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(contents(dir.path()), before);

    let out = cfc(&["import", s(&book), "--out", s(dir.path()), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = contents(dir.path());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "one file per unit, under the names it had"
    );
    let table = |dir: &Path| {
        let out = cfc(&["evaluate", s(dir), "--format", "csv"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        out.stdout
    };
    assert_eq!(table(dir.path()), table(Path::new(FIXTURE)));
}
