//! Spreadsheets in and out: template → import reproduces a round; what people type is read;
//! typing mistakes are located to the cell; LibreOffice's re-saved file still imports.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use cfc::diag::{CellKind, CellValue, FileProblem, Problem, ValueProblem, WorkbookProblem};
use cfc::xlsx::{
    ImportError, Layout, Prefill, TemplateOptions, import, results, template, template_in,
};
use cfc::{CriteriaSet, Evidence, Lang, Round, RoundReport, render};
use rust_xlsxwriter::{ExcelDateTime, Workbook, Worksheet};

const FIXTURE: &str = "fixtures/son-ha-2024";

fn fixture() -> Round {
    Round::load(FIXTURE).expect("the fixture round loads")
}

fn options(round: &Round, layout: Layout, units: Vec<Evidence>) -> TemplateOptions {
    TemplateOptions {
        layout,
        year: round.settings.year,
        criteria_path: String::new(),
        prefill: Prefill {
            settings: Some(round.settings.clone()),
            units,
        },
    }
}

/// Everything the engine holds of a unit's evidence, without its file name and hash.
fn essence(ev: &Evidence) -> String {
    format!(
        "{:?} {:?} {:?} {:?}",
        ev.unit(),
        ev.period(),
        ev.values(),
        ev.incidents()
    )
}

/// Writes imported evidence into a fresh round folder whose round.toml is the fixture's,
/// with the rule paths made absolute, and evaluates it as the CLI does.
fn evaluate_imported(units: &[cfc::xlsx::ImportedUnit], dir: &Path) -> String {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let round_toml = std::fs::read_to_string(Path::new(FIXTURE).join("round.toml"))
        .unwrap()
        .replace("../../criteria/", &format!("{crate_dir}/criteria/"));
    std::fs::write(dir.join("round.toml"), round_toml).unwrap();
    for u in units {
        std::fs::write(dir.join(&u.file_name), &u.toml).unwrap();
    }
    let round = Round::load(dir).unwrap();
    assert!(round.errors.is_empty(), "{:?}", round.errors);
    let words = cfc::words::results::Vocabulary::of(&round);
    render::csv(
        &RoundReport::new(&round, round.evaluate()),
        &words,
        cfc::Lang::Vi,
    )
}

fn fixture_csv() -> String {
    let round = fixture();
    let words = cfc::words::results::Vocabulary::of(&round);
    render::csv(
        &RoundReport::new(&round, round.evaluate()),
        &words,
        cfc::Lang::Vi,
    )
}

#[test]
fn round_template_from_fixture_imports_back_to_the_same_round() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let bytes = template(set, &options(&round, Layout::Round, round.units.clone())).unwrap();
    let imported = import("son-ha-2024.xlsx", &bytes, set, Some(2024)).unwrap();
    assert_eq!(imported.layout, Layout::Round);
    assert_eq!(imported.units.len(), round.units.len());
    for original in &round.units {
        let back = imported
            .units
            .iter()
            .find(|u| u.evidence.unit().code == original.unit().code)
            .expect("every unit comes back");
        assert_eq!(essence(&back.evidence), essence(original));
        // The file names are the fixture's, after the unit code that makes them unique.
        let fixture_name = original.source().file_name().unwrap().to_str().unwrap();
        assert_eq!(
            back.file_name,
            format!("{}-{fixture_name}", original.unit().code)
        );
    }
    // round.toml comes back with the same settings.
    let settings: cfc::RoundSettings =
        toml::from_str(imported.round_toml.as_deref().unwrap()).unwrap();
    assert_eq!(settings, round.settings);

    let dir = tempfile::tempdir().unwrap();
    let csv = evaluate_imported(&imported.units, dir.path());
    assert_eq!(csv, fixture_csv());
    insta::assert_snapshot!("imported_round_results", csv);
}

#[test]
fn unit_templates_from_fixture_import_back_to_the_same_evidence() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let mut all = Vec::new();
    for original in &round.units {
        let bytes = template(set, &options(&round, Layout::Unit, vec![original.clone()])).unwrap();
        let imported = import("unit.xlsx", &bytes, set, Some(2024)).unwrap();
        assert_eq!(imported.layout, Layout::Unit);
        assert_eq!(imported.units.len(), 1);
        assert!(imported.round_toml.is_none());
        assert_eq!(essence(&imported.units[0].evidence), essence(original));
        all.extend(imported.units);
    }
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(evaluate_imported(&all, dir.path()), fixture_csv());
}

/// Who approved a support plan and when, and a forum cycle of two years, written into a unit's
/// form and read back: the same evidence, in either language of the form.
#[test]
fn approvals_and_optional_inputs_go_through_the_form_and_back() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("son-ba.toml"))
        .unwrap()
        .replace(
            "children_forums_held = ",
            "children_forum_cycle_years = 2\nchildren_forums_held = ",
        )
        + "\n[[incidents]]\nid = \"SB-2024-09\"\ndate = 2024-06-03\nkind = \"sexual_abuse\"\nsupport_plan_approved = true\nsupport_plan_approved_by = \"commune_vice_chair\"\nsupport_plan_approved_on = 2024-06-12\n";
    let original = Evidence::parse("son-ba.toml", &text, set, Some(2024)).unwrap();
    let approved = original.incidents().last().unwrap();
    assert_eq!(
        approved.support_plan_approved_by,
        Some(cfc::form::Role::CommuneViceChair)
    );
    for lang in [Lang::Vi, Lang::En] {
        let opts = options(&round, Layout::Unit, vec![original.clone()]);
        let bytes = template_in(set, &opts, lang).unwrap();
        let imported = import("unit.xlsx", &bytes, set, Some(2024)).unwrap();
        assert_eq!(
            essence(&imported.units[0].evidence),
            essence(&original),
            "{lang:?}"
        );
    }
}

#[test]
fn workbooks_are_byte_identical_across_runs() {
    let round = fixture();
    let set = round.evaluator.criteria();
    for layout in [Layout::Unit, Layout::Round] {
        let opts = options(&round, layout, round.units.clone());
        assert_eq!(template(set, &opts).unwrap(), template(set, &opts).unwrap());
    }
    let report = RoundReport::new(&round, round.evaluate());
    let words = cfc::words::results::Vocabulary::of(&round);
    let results = |lang| results(&report, &words, lang).unwrap();
    assert_eq!(results(cfc::Lang::Vi), results(cfc::Lang::Vi));
}

/// A cell as a person typed it.
enum Typed<'a> {
    Text(&'a str),
    Number(f64),
    Date(u16, u8, u8),
}

fn put(ws: &mut Worksheet, row: u32, col: u16, v: &Typed) {
    match v {
        Typed::Text(t) => ws.write_string(row, col, *t).map(|_| ()),
        Typed::Number(n) => ws.write_number(row, col, *n).map(|_| ()),
        Typed::Date(y, m, d) => {
            let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            let f = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
            ws.write_datetime_with_format(row, col, dt, &f).map(|_| ())
        }
    }
    .unwrap();
}

/// A unit workbook filled in by hand, cell by cell, in the template's layout: the header on
/// "Thông tin" (ids in column B, values in C from row 3), the inputs on "Chỉ tiêu" (values in
/// D), the incidents on "Sự việc" (from row 3).
fn hand_filled(
    set: &CriteriaSet,
    header: &[(&str, Typed)],
    inputs: &[(&str, Typed)],
    incidents: &[[Typed; 5]],
) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    for (i, (id, v)) in header.iter().enumerate() {
        ws.write_string(2 + i as u32, 1, *id).unwrap();
        put(ws, 2 + i as u32, 2, v);
    }
    let ws = wb.add_worksheet().set_name("Chỉ tiêu").unwrap();
    for (i, input) in set.inputs().iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string(row, 1, &input.name).unwrap();
        if let Some((_, v)) = inputs.iter().find(|(n, _)| *n == input.name) {
            put(ws, row, 3, v);
        }
    }
    let ws = wb.add_worksheet().set_name("Sự việc").unwrap();
    for (r, incident) in incidents.iter().enumerate() {
        for (c, v) in incident.iter().enumerate() {
            put(ws, 2 + r as u32, c as u16, v);
        }
    }
    let ws = wb.add_worksheet().set_name("cfc").unwrap();
    ws.write_string(0, 1, "unit").unwrap();
    ws.write_string(1, 1, set.id()).unwrap();
    wb.save_to_buffer().unwrap()
}

/// The unit and period cells of "Thông tin", in the template's order.
fn header(values: [Typed; 7]) -> Vec<(&'static str, Typed)> {
    [
        "unit.code",
        "unit.name",
        "unit.kind",
        "unit.class",
        "unit.synthetic",
        "period.from",
        "period.to",
    ]
    .into_iter()
    .zip(values)
    .collect()
}

/// A header typed as text throughout.
fn texts(values: [&str; 7]) -> Vec<(&'static str, Typed<'_>)> {
    header(values.map(Typed::Text))
}

/// Sơn Thượng's inputs as the fixture holds them, as typed numbers.
fn son_thuong_inputs(round: &Round) -> Vec<(String, Typed<'static>)> {
    let set = round.evaluator.criteria();
    let ev = round
        .units
        .iter()
        .find(|e| e.unit().code == "21238")
        .unwrap();
    set.inputs()
        .iter()
        .zip(ev.values())
        .map(|(i, v)| {
            let typed = match v {
                cfc::evidence::Value::Number(n) => Typed::Number(*n as f64),
                cfc::evidence::Value::Bool(true) => Typed::Text("Có"),
                cfc::evidence::Value::Bool(false) => Typed::Text("Không"),
                cfc::evidence::Value::Decimal(d) => panic!("qd-06-2019 has no decimal input: {d}"),
            };
            (i.name.clone(), typed)
        })
        .collect()
}

#[test]
fn what_people_type_is_read_as_the_fixture_says() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let nfd_name: String = "  Sơn Thượng ".chars().collect::<String>();
    let nfd_name =
        unicode_normalization::UnicodeNormalization::nfd(nfd_name.as_str()).collect::<String>();
    let mut inputs = son_thuong_inputs(&round);
    for (name, v) in &mut inputs {
        *v = match name.as_str() {
            "children_total" => Typed::Text("2.140"), // number stored as text, grouped
            "child_budget_vnd" => Typed::Text("45.000.000 đ"), // money with the currency
            "protection_officer_assigned" => Typed::Text("x"),
            "children_consulted" => Typed::Text("✓"),
            "play_space_available" => Typed::Text("có "),
            "villages_total" => Typed::Text(" 6 "),
            _ => continue,
        };
    }
    let inputs: Vec<(&str, Typed)> = inputs.iter().map(|(n, v)| (n.as_str(), clone(v))).collect();
    let bytes = hand_filled(
        set,
        &header([
            Typed::Number(21238.0),
            Typed::Text(&nfd_name),
            Typed::Text("Xã"),
            Typed::Text("mountain_island_difficult "),
            Typed::Text("Có"),
            Typed::Text("01/01/2024"),
            Typed::Number(45657.0),
        ]), // 31/12/2024 as a bare Excel serial
        &inputs,
        &[[
            Typed::Text("ST-2024-01"),
            Typed::Date(2024, 7, 2),
            Typed::Text("Đuối nước"),
            Typed::Text("Không"),
            Typed::Text(""),
        ]],
    );
    let imported = import("son-thuong.xlsx", &bytes, set, Some(2024)).unwrap();
    let original = round
        .units
        .iter()
        .find(|e| e.unit().code == "21238")
        .unwrap();
    assert_eq!(essence(&imported.units[0].evidence), essence(original));
    assert_eq!(imported.units[0].file_name, "21238-son-thuong.toml");
}

fn clone<'a>(t: &Typed<'a>) -> Typed<'a> {
    match t {
        Typed::Text(s) => Typed::Text(s),
        Typed::Number(n) => Typed::Number(*n),
        Typed::Date(y, m, d) => Typed::Date(*y, *m, *d),
    }
}

#[test]
fn every_typing_mistake_is_reported_at_its_cell() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let mut inputs = son_thuong_inputs(&round);
    for (name, v) in &mut inputs {
        *v = match name.as_str() {
            "children_injured" => Typed::Text("12,5"), // a decimal comma
            "villages_total" => Typed::Number(6.5),    // a fraction
            "protection_board_reviews" => Typed::Number(-3.0), // negative
            "protection_officer_assigned" => Typed::Text("có lẽ"), // not yes or no
            "child_budget_vnd" => Typed::Text("khoảng 45 triệu"), // words
            "births_registered_on_time" => Typed::Number(65.0), // part above its whole
            "children_clubs" => Typed::Text(""),       // left empty
            _ => continue,
        };
    }
    let inputs: Vec<(&str, Typed)> = inputs.iter().map(|(n, v)| (n.as_str(), clone(v))).collect();
    let bytes = hand_filled(
        set,
        &texts([
            "21238a",
            "Sơn Thượng",
            "huyện",
            "mountain",
            "Có",
            "31/02/2024",
            "31/12/2023",
        ]),
        &inputs,
        &[
            [
                Typed::Text("ST-2024-01"),
                Typed::Text("2/7/24"),
                Typed::Text("chết đuối"),
                Typed::Text("Không"),
                Typed::Text("Không"),
            ],
            [
                Typed::Text("ST-2024-01"),
                Typed::Date(2024, 8, 1),
                Typed::Text("bạo lực"),
                Typed::Text("maybe"),
                Typed::Text(""),
            ],
            [
                Typed::Text(""),
                Typed::Date(2024, 9, 1),
                Typed::Text("traffic"),
                Typed::Text(""),
                Typed::Text(""),
            ],
        ],
    );
    let err = import("son-thuong.xlsx", &bytes, set, Some(2024)).unwrap_err();
    let wrong = "workbook/wrong";
    assert_eq!(
        places(&err),
        [
            ("Thông tin › C3", "unit.code", "evidence/not_a_code"),
            ("Thông tin › C5", "unit.kind", wrong),
            ("Thông tin › C6", "unit.class", "evidence/unknown_class"),
            ("Thông tin › C8", "period.from", wrong),
            ("Chỉ tiêu › D4", "inputs.protection_officer_assigned", wrong),
            ("Chỉ tiêu › D5", "inputs.villages_total", wrong),
            ("Chỉ tiêu › D8", "inputs.protection_board_reviews", wrong),
            ("Chỉ tiêu › D9", "inputs.child_budget_vnd", wrong),
            ("Chỉ tiêu › D14", "inputs.children_injured", wrong),
            ("Chỉ tiêu › D32", "inputs.children_clubs", "workbook/blank"),
            ("Sự việc › B3", "incidents[0].date", wrong),
            ("Sự việc › C3", "incidents[0].kind", wrong),
            ("Sự việc › D4", "incidents[1].fatal", wrong),
            ("Sự việc › A5", "incidents[2].id", "workbook/blank"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    insta::assert_snapshot!("typing_mistakes", err.words(Lang::Vi));
    insta::assert_snapshot!("typing_mistakes-en", err.words(Lang::En));
    // The lead's example, word for word.
    assert!(
        err.words(Lang::En).contains(
            "son-thuong.xlsx › Chỉ tiêu › D14: inputs.children_injured: expected a whole number ≥ 0, found \"12,5\""
        )
    );
}

/// Each problem as (sheet › cell, field, family/kind): where it is and what it is, never
/// its words.
fn places(err: &ImportError) -> Vec<(String, String, String)> {
    err.0
        .iter()
        .map(|p| {
            let place = [&p.sheet, &p.cell]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" › ");
            (place, p.field.to_string(), kind(&p.problem))
        })
        .collect()
}

/// `family/kind` of a problem, from its serialised tags.
fn kind(p: &Problem) -> String {
    let v = serde_json::to_value(p).unwrap();
    format!(
        "{}/{}",
        v["family"].as_str().unwrap_or_default(),
        v["problem"]["kind"].as_str().unwrap_or_default()
    )
}

/// Well-typed cells that break the evidence rules: the engine's checks, located to cells.
#[test]
fn rule_mistakes_are_reported_at_their_cells() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let mut inputs = son_thuong_inputs(&round);
    for (name, v) in &mut inputs {
        if name == "births_registered_on_time" {
            *v = Typed::Number(65.0); // more than births_in_period = 64
        }
    }
    let inputs: Vec<(&str, Typed)> = inputs.iter().map(|(n, v)| (n.as_str(), clone(v))).collect();
    let incident = |date| {
        [
            Typed::Text("ST-2024-01"),
            date,
            Typed::Text("Đuối nước"),
            Typed::Text("Không"),
            Typed::Text("Không"),
        ]
    };
    let bytes = hand_filled(
        set,
        &texts([
            "21238",
            "Sơn Thượng",
            "xã",
            "mountain_island_difficult",
            "Có",
            "01/01/2024",
            "31/12/2025",
        ]),
        &inputs,
        &[
            incident(Typed::Date(2024, 7, 2)),
            incident(Typed::Date(2024, 8, 2)),
        ],
    );
    let err = import("son-thuong.xlsx", &bytes, set, Some(2024)).unwrap_err();
    // Once the incident ids are unique, the engine checks parts against wholes too.
    let fixed = hand_filled(
        set,
        &texts([
            "21238",
            "Sơn Thượng",
            "xã",
            "mountain_island_difficult",
            "Có",
            "01/01/2024",
            "31/12/2024",
        ]),
        &inputs,
        &[incident(Typed::Date(2024, 7, 2))],
    );
    let err2 = import("son-thuong.xlsx", &fixed, set, Some(2024)).unwrap_err();
    let s = |(a, b, c): (&str, &str, &str)| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        places(&err),
        [
            ("Thông tin › C9", "period.to", "evidence/outside_year"),
            ("Sự việc › A4", "incidents[1].id", "workbook/duplicate"),
        ]
        .map(s)
    );
    // The duplicate names the cell of the first occurrence, from the typed problem.
    assert!(matches!(
        &err.0[1].problem,
        Problem::Workbook(WorkbookProblem::Duplicate { first_sheet, first_cell, .. })
            if first_sheet == "Sự việc" && first_cell == "A3"
    ));
    assert_eq!(
        places(&err2),
        [(
            "Chỉ tiêu › D11",
            "inputs.births_registered_on_time",
            "evidence/part_exceeds_whole"
        )]
        .map(s)
    );
    insta::assert_snapshot!(
        "rule_mistakes",
        format!("{}\n{}", err.words(Lang::Vi), err2.words(Lang::Vi))
    );
    let en = format!("{}\n{}", err.words(Lang::En), err2.words(Lang::En));
    insta::assert_snapshot!("rule_mistakes-en", en);
}

#[test]
fn results_workbook_has_numeric_points_and_the_decisions() {
    let round = fixture();
    let report = RoundReport::new(&round, round.evaluate());
    let words = cfc::words::results::Vocabulary::of(&round);
    let bytes = results(&report, &words, cfc::Lang::Vi).unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let summary = wb.worksheet_range("Kết quả").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    let head = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("Mã".into())))
        .unwrap();
    for (u, row) in report.units.iter().zip(&rows[head + 1..]) {
        assert_eq!(row[0], Data::String(u.code.clone()));
        assert_eq!(row[6], Data::Float(u.total.to_string().parse().unwrap()));
        assert_eq!(
            row[7],
            Data::Float(u.threshold.to_string().parse().unwrap())
        );
        let decision = cfc::words::results::decision(u.recognised, cfc::Lang::Vi);
        assert_eq!(row[8], Data::String(decision.into()));
    }
    let points = wb.worksheet_range("Điểm").unwrap();
    for (i, u) in report.units.iter().enumerate() {
        for (j, c) in u.criteria.iter().enumerate() {
            let cell = points.get((1 + i, 2 + j)).unwrap();
            assert_eq!(
                *cell,
                Data::Float(c.points.to_string().parse().unwrap()),
                "{} {}",
                u.code,
                c.id
            );
        }
    }
}

/// LibreOffice (Debian `libreoffice-calc-nogui`) opens the generated workbooks and saves them
/// back as xlsx; the re-saved files import to the same evidence.
#[test]
fn libreoffice_resave_imports_cleanly() {
    let found = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if !found.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "SKIPPED libreoffice_resave_imports_cleanly: `soffice` is not installed (apt-get install -y libreoffice-calc-nogui)"
        );
        return;
    }
    let round = fixture();
    let set = round.evaluator.criteria();
    let dir = tempfile::tempdir().unwrap();
    let son_bao = round
        .units
        .iter()
        .find(|e| e.unit().name == "Sơn Bao")
        .unwrap();
    let files: Vec<(PathBuf, Layout, Vec<Evidence>)> = vec![
        (
            dir.path().join("round.xlsx"),
            Layout::Round,
            round.units.clone(),
        ),
        (
            dir.path().join("son-bao.xlsx"),
            Layout::Unit,
            vec![son_bao.clone()],
        ),
    ];
    for (path, layout, units) in &files {
        std::fs::write(
            path,
            template(set, &options(&round, *layout, units.clone())).unwrap(),
        )
        .unwrap();
    }
    let out = dir.path().join("resaved");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let status = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(&out)
        .args(files.iter().map(|f| &f.0))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for (path, _, units) in &files {
        let resaved = out.join(path.file_name().unwrap());
        let bytes = std::fs::read(&resaved).unwrap();
        assert_ne!(
            bytes,
            std::fs::read(path).unwrap(),
            "LibreOffice wrote its own file"
        );
        let imported = import("resaved.xlsx", &bytes, set, Some(2024)).unwrap();
        assert_eq!(imported.units.len(), units.len());
        for (back, original) in imported.units.iter().zip(units) {
            assert_eq!(essence(&back.evidence), essence(original));
        }
    }
}

/// A unit workbook of Sơn Thượng, well typed but for the cells `change` sets.
fn son_thuong_with(round: &Round, change: &[(&str, Typed<'static>)]) -> Vec<u8> {
    let mut inputs = son_thuong_inputs(round);
    for (name, v) in &mut inputs {
        if let Some((_, new)) = change.iter().find(|(n, _)| n == name) {
            *v = clone(new);
        }
    }
    let inputs: Vec<(&str, Typed)> = inputs.iter().map(|(n, v)| (n.as_str(), clone(v))).collect();
    hand_filled(
        round.evaluator.criteria(),
        &texts([
            "21238",
            "Sơn Thượng",
            "xã",
            "mountain_island_difficult",
            "Có",
            "01/01/2024",
            "31/12/2024",
        ]),
        &inputs,
        &[],
    )
}

#[test]
fn huge_numbers_are_located_errors_never_wrapped() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let bytes = son_thuong_with(
        &round,
        &[
            ("children_total", Typed::Text("9223372036854775808")), // 2^63
            (
                "children_injured",
                Typed::Text("18.446.744.073.709.551.616"),
            ), // 2^64, grouped
            ("villages_total", Typed::Number(1e20)),
            (
                "child_budget_vnd",
                Typed::Text("99999999999999999999999999999999 đ"),
            ),
            ("children_clubs", Typed::Text("9223372036854775807")), // i64::MAX is a number
        ],
    );
    let err = import("big.xlsx", &bytes, set, Some(2024)).unwrap_err();
    let text = err.words(Lang::Vi);
    let large = |t: &str| CellValue::Text(t.to_string());
    let want = vec![
        ("D3", large("\"9223372036854775808\""), 9223372036854775807),
        (
            "D5",
            CellValue::Number("100000000000000000000".into()),
            9007199254740992,
        ),
        (
            "D9",
            large("\"99999999999999999999999999999999 đ\""),
            9223372036854775807,
        ),
        (
            "D14",
            large("\"18.446.744.073.709.551.616\""),
            9223372036854775807,
        ),
    ];
    let got: Vec<(&str, CellValue, u64)> = err
        .0
        .iter()
        .filter_map(|p| match &p.problem {
            Problem::Workbook(WorkbookProblem::TooLarge { found, max }) => {
                assert_eq!(p.sheet.as_deref(), Some("Chỉ tiêu"));
                Some((p.cell.as_deref()?, found.clone(), *max))
            }
            _ => None,
        })
        .collect();
    assert_eq!(got.len(), want.len(), "{text}");
    for w in &want {
        assert!(got.contains(w), "{w:?}: {text}");
    }
    // i64::MAX is read as a number.
    assert!(
        err.0.iter().all(|p| p.cell.as_deref() != Some("D32")),
        "{text}"
    );
    // Every problem is at a cell.
    assert!(err.0.iter().all(|p| p.cell.is_some()), "{text}");
}

#[test]
fn date_serials_outside_the_calendar_are_located_errors() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let mut wb = Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    let values: [(&str, f64); 7] = [
        ("unit.code", 21238.0),
        ("unit.name", 0.0),
        ("unit.kind", 0.0),
        ("unit.class", 0.0),
        ("unit.synthetic", 0.0),
        ("period.from", -45292.0),  // a negative serial in a date cell
        ("period.to", 2_958_466.0), // the day after 31/12/9999
    ];
    for (i, (id, v)) in values.iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string(row, 1, *id).unwrap();
        match *id {
            "unit.name" => ws.write_string(row, 2, "Sơn Thượng").map(|_| ()),
            "unit.kind" => ws.write_string(row, 2, "xã").map(|_| ()),
            "unit.class" => ws
                .write_string(row, 2, "mountain_island_difficult")
                .map(|_| ()),
            "unit.synthetic" => ws.write_string(row, 2, "Có").map(|_| ()),
            "unit.code" => ws.write_number(row, 2, *v).map(|_| ()),
            _ => ws.write_number_with_format(row, 2, *v, &date).map(|_| ()),
        }
        .unwrap();
    }
    let ws = wb.add_worksheet().set_name("Chỉ tiêu").unwrap();
    for (i, input) in set.inputs().iter().enumerate() {
        ws.write_string(2 + i as u32, 1, &input.name).unwrap();
    }
    let ws = wb.add_worksheet().set_name("Sự việc").unwrap();
    let serials = [45475.5, 0.0, 1e300, -1.0];
    for (r, serial) in serials.iter().enumerate() {
        let row = 2 + r as u32;
        ws.write_string(row, 0, format!("ST-2024-0{r}")).unwrap();
        // The first is a bare number with a fraction, the others date cells.
        if r == 0 {
            ws.write_number(row, 1, *serial).unwrap();
        } else {
            ws.write_number_with_format(row, 1, *serial, &date).unwrap();
        }
        ws.write_string(row, 2, "Đuối nước").unwrap();
    }
    let ws = wb.add_worksheet().set_name("cfc").unwrap();
    ws.write_string(0, 1, "unit").unwrap();
    ws.write_string(1, 1, set.id()).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = import("dates.xlsx", &bytes, set, Some(2024)).unwrap_err();
    let date = |place: &str, field: &str| {
        (
            place.to_string(),
            field.to_string(),
            "workbook/wrong".to_string(),
        )
    };
    // Each row of the register is an entry of the unit's incidents, counted from 0.
    let mut want = vec![
        date("Thông tin › C8", "period.from"),
        date("Thông tin › C9", "period.to"),
    ];
    want.extend((3..=6).map(|row| {
        date(
            &format!("Sự việc › B{row}"),
            &format!("incidents[{}].date", row - 3),
        )
    }));
    let dates: Vec<_> = places(&err)
        .into_iter()
        .filter(|(_, field, _)| field.starts_with("period") || field.starts_with("incidents"))
        .collect();
    assert_eq!(dates, want, "{err}");
    for p in err.0.iter().filter(|p| p.field.as_str().ends_with("date")) {
        assert!(matches!(
            &p.problem,
            Problem::Workbook(WorkbookProblem::Wrong {
                expected: CellKind::Date,
                ..
            })
        ));
    }
}

/// A unit form whose sheets are the template's, with `extra` written on "Chỉ tiêu" too.
fn with_extra_cells(round: &Round, extra: &[(u32, u16, &str)]) -> Vec<u8> {
    let set = round.evaluator.criteria();
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Thông tin").unwrap();
    let ws = wb.add_worksheet().set_name("Chỉ tiêu").unwrap();
    for (row, col, text) in extra {
        ws.write_string(*row, *col, *text).unwrap();
    }
    wb.add_worksheet().set_name("Sự việc").unwrap();
    let ws = wb.add_worksheet().set_name("cfc").unwrap();
    ws.write_string(0, 1, "unit").unwrap();
    ws.write_string(1, 1, set.id()).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_value_at_xfd1048576_is_refused_without_reading_the_range() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let bytes = with_extra_cells(
        &round,
        &[
            (0, 0, "x"),
            (1_048_575, 16_383, "far"),
            (5, 1_000, "right"),
            (100_000, 0, "below"),
        ],
    );
    let started = std::time::Instant::now();
    let err = import("far.xlsx", &bytes, set, Some(2024)).unwrap_err();
    assert!(started.elapsed().as_secs() < 5);
    let outside = WorkbookProblem::OutsideForm {
        cell: "ALM6".into(),
        more: 2,
        rows: 100_000,
        columns: 1_000,
    };
    assert!(
        err.0.iter().any(|p| p.sheet.as_deref() == Some("Chỉ tiêu")
            && p.cell.is_none()
            && p.problem == Problem::from(outside.clone())),
        "{err}"
    );
}

#[test]
fn long_texts_many_sheets_and_other_files_are_refused_with_a_reason() {
    let round = fixture();
    let set = round.evaluator.criteria();
    let long = "Sơn Thượng ".repeat(500);
    let bytes = with_extra_cells(&round, &[(3, 3, long.as_str())]);
    let err = import("long.xlsx", &bytes, set, Some(2024)).unwrap_err();
    let long = Problem::from(ValueProblem::TooLong {
        chars: 5500,
        max: 4096,
    });
    assert!(
        err.0.iter().any(|p| p.sheet.as_deref() == Some("Chỉ tiêu")
            && p.cell.as_deref() == Some("D4")
            && p.problem == long),
        "{err}"
    );

    let mut wb = Workbook::new();
    for _ in 0..=cfc::xlsx::limits::SHEETS {
        wb.add_worksheet();
    }
    let err = import("sheets.xlsx", &wb.save_to_buffer().unwrap(), set, None).unwrap_err();
    assert_eq!(
        err.words(Lang::En),
        "sheets.xlsx: the workbook has 33 sheets, at most 32 are allowed: it is not a form made by `cfc template`"
    );
    assert_eq!(
        err.0[0].problem,
        Problem::from(WorkbookProblem::TooManySheets {
            sheets: 33,
            max: 32
        })
    );

    for bytes in [
        &b""[..],
        b"PK\x03\x04 broken",
        b"name,code\nSon Bao,21205\n",
    ] {
        let err = import("x.xlsx", bytes, set, None).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert!(
            matches!(
                err.0[0].problem,
                Problem::Workbook(WorkbookProblem::NotXlsx { .. })
            ),
            "{err}"
        );
        assert!(
            (err.0[0].sheet.is_none() && err.0[0].cell.is_none()),
            "{err}"
        );
    }
    let big = vec![0u8; cfc::xlsx::limits::FILE_BYTES as usize + 1];
    let err = import("big.xlsx", &big, set, None).unwrap_err();
    let too_large = FileProblem::TooLarge {
        bytes: cfc::xlsx::limits::FILE_BYTES + 1,
        max: cfc::xlsx::limits::FILE_BYTES,
    };
    assert_eq!(err.0[0].problem, Problem::from(too_large), "{err}");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    use std::io::Write;
    let round = fixture();
    let set = round.evaluator.criteria();
    // A valid form, with one more part that expands to just over the bound: ~65 KB on disk.
    let mut form = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut form);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/bomb.xml", deflated).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..=(cfc::xlsx::limits::PART_BYTES >> 20) {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
    let bytes = form.into_inner();
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let err = import("bomb.xlsx", &bytes, set, None).unwrap_err();
    assert_eq!(
        err.words(Lang::En),
        "bomb.xlsx: the workbook expands to more than 64 MB (part \"xl/bomb.xml\"): refused as a possible zip bomb"
    );
    let bomb = WorkbookProblem::TooExpanded {
        part: "xl/bomb.xml".into(),
        max: cfc::xlsx::limits::PART_BYTES,
    };
    assert_eq!(err.0[0].problem, Problem::from(bomb));
}

/// The English form: its words change, its sheet names and field ids do not, so the same
/// importer reads it back to the same evidence; its problems are at the same cells.
#[test]
fn an_english_form_imports_back_like_the_vietnamese_one() {
    let round = fixture();
    let set = round.evaluator.criteria();
    for layout in [Layout::Unit, Layout::Round] {
        let units = match layout {
            Layout::Unit => round.units[..1].to_vec(),
            Layout::Round => round.units.clone(),
        };
        let opts = options(&round, layout, units.clone());
        let en = template_in(set, &opts, Lang::En).unwrap();
        let vi = template(set, &opts).unwrap();
        assert_ne!(en, vi, "the words differ");
        let strings = |bytes: &[u8]| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("form.xlsx");
            std::fs::write(&path, bytes).unwrap();
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
            (wb.sheet_names(), {
                let range = wb.worksheet_range("Thông tin").unwrap();
                range
                    .cells()
                    .map(|(.., d)| d.to_string())
                    .collect::<Vec<_>>()
            })
        };
        let (en_sheets, en_info) = strings(&en);
        assert_eq!(en_sheets, strings(&vi).0, "sheet names are stable");
        assert!(
            en_info
                .iter()
                .any(|c| c == "unit.code" || c == "round.name")
        );
        if layout == Layout::Unit {
            assert!(
                en_info.iter().any(|c| c == "Administrative code"),
                "{en_info:?}"
            );
            assert!(en_info.iter().any(|c| c == "Kind of unit"), "{en_info:?}");
        }
        let imported = import("form.xlsx", &en, set, Some(2024)).unwrap();
        assert_eq!(imported.units.len(), units.len());
        for (back, original) in imported.units.iter().zip(&units) {
            assert_eq!(essence(&back.evidence), essence(original));
        }
    }
}
