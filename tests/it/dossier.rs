//! The PDF dossiers and the round's summary: content, layout, size and byte-identical output.
//! The layout model (every positioned string with its page and coordinates) is snapshotted, so
//! an auditor sees any change in a dossier as a snapshot diff.

use std::collections::BTreeMap;
use std::path::Path;

use cfc::evidence::Evidence;
use cfc::render::dossier::{self, Context, file_name};
use cfc::render::pdf::layout::{Item, PageSetup, TextRole};
use cfc::render::pdf::{LayoutModel, Rendered};
use cfc::{CriteriaSet, Evaluator, Lang, Policy, Round, RoundReport, RoundSettings, UnitResult};
use rayon::prelude::*;

fn round() -> (Round, RoundReport) {
    let round = Round::load("fixtures/son-ha-2024").expect("fixture round loads");
    let report = RoundReport::new(&round, round.evaluate());
    (round, report)
}

fn ctx(round: &Round) -> Context<'_> {
    Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang: Lang::Vi,
    }
}

fn unit<'a>(report: &'a RoundReport, code: &str) -> &'a UnitResult {
    report
        .units
        .iter()
        .find(|u| u.code == code)
        .expect("unit in the round")
}

/// All body text of a document, page by page, for content checks.
fn pages(model: &LayoutModel) -> Vec<String> {
    let mut pages: BTreeMap<usize, String> = BTreeMap::new();
    for (page, t) in model.texts() {
        let text = pages.entry(page).or_default();
        text.push_str(&t.text);
        text.push('\n');
    }
    pages.into_values().collect()
}

/// Every string of the body inside the margins, every page number and mark on the paper.
fn assert_inside_the_page(model: &LayoutModel) {
    let setup = PageSetup::a4_decree_30();
    let (body, page) = (setup.body(), setup.page());
    for (n, t) in model.texts() {
        let area = if t.role == TextRole::Body {
            &body
        } else {
            &page
        };
        assert!(
            area.contains_text(t, 0.5),
            "page {n}: {:?} at x={} y={} w={} is outside",
            t.text,
            t.x,
            t.y,
            t.width
        );
    }
}

#[test]
fn dossiers_are_reviewed_snapshots_of_their_layout() {
    let (round, report) = round();
    let ctx = ctx(&round);
    for code in ["21214", "21238"] {
        let rendered = dossier::dossier(unit(&report, code), &ctx).unwrap();
        insta::assert_snapshot!(format!("dossier-{code}"), rendered.model.dump());
    }
    let summary = dossier::summary(&report, &ctx).unwrap();
    insta::assert_snapshot!("summary", summary.model.dump());
}

#[test]
fn a_dossier_holds_everything_dossier_md_asks_for() {
    let (round, report) = round();
    let ctx = ctx(&round);
    let thuong = unit(&report, "21238");
    let rendered = dossier::dossier(thuong, &ctx).unwrap();
    let pages = pages(&rendered.model);
    let all = pages.concat();
    for expected in [
        "ỦY BAN NHÂN DÂN HUYỆN SƠN HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Sơn Hà, ngày 05 tháng 12 năm 2024",
        // The title names what the set recognises (its `subject`), over two lines.
        "HỒ SƠ ĐÁNH GIÁ XÃ, PHƯỜNG, THỊ TRẤN PHÙ HỢP VỚI TRẺ EM\nNĂM 2024",
        "Xã Sơn Thượng",
        "64/64 = 100,00 %",
        "79/120 = 65,83 %",
        "835/1.000",
        "ST-2024-01",
        "02/07/2024",
        "đuối nước",
        "CÓ — loại trừ",
        "KẾT LUẬN: KHÔNG ĐỦ ĐIỀU KIỆN CÔNG NHẬN",
        "sự việc ST-2024-01 ngày 02/07/2024",
        &thuong.evidence_sha256,
        "Lưu ý: kết quả có sử dụng quy tắc chấm điểm tạm thời",
        "NGƯỜI LẬP",
        "CHỦ TỊCH HỘI ĐỒNG",
    ] {
        assert!(all.contains(expected), "missing {expected:?}");
    }
    for f in round.evaluator.criteria().files() {
        assert!(all.contains(&f.sha256), "missing the hash of {}", f.path);
    }
    // The mark is on every page of illustrative data; page numbers from page 2 on.
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("DỮ LIỆU MINH HỌA"),
            "page {} has no mark",
            n + 1
        );
    }
    let numbers: Vec<(usize, String)> = rendered
        .model
        .texts()
        .filter(|(_, t)| t.role == TextRole::PageNumber)
        .map(|(p, t)| (p, t.text.clone()))
        .collect();
    assert_eq!(numbers.first().map(|(_, t)| t.as_str()), Some("2"));
    assert_eq!(numbers.len(), pages.len() - 1);
    let ha = dossier::dossier(unit(&report, "21214"), &ctx).unwrap();
    assert!(pages_text(&ha).contains("KẾT LUẬN: ĐỦ ĐIỀU KIỆN CÔNG NHẬN"));
    assert_inside_the_page(&rendered.model);
}

fn pages_text(r: &Rendered) -> String {
    pages(&r.model).concat()
}

#[test]
fn the_summary_lists_every_unit_and_the_proposed_ones() {
    let (round, report) = round();
    let text = pages_text(&dossier::summary(&report, &ctx(&round)).unwrap());
    for u in &report.units {
        assert!(text.contains(&u.code), "{}", u.code);
    }
    assert!(text.contains("Tổng số: 14 đơn vị; đủ điều kiện công nhận: 9; không đủ điều kiện: 5."));
    assert!(text.contains("Danh sách đề nghị công nhận"));
    assert!(text.contains("9. Xã Sơn Trung (mã 21241) — 860 điểm."));
    // Classes and disqualifiers by their Vietnamese labels from the set and the policy.
    assert!(text.contains(
        "Nhóm 2: Xã, thị trấn miền núi, hải đảo và xã đặc biệt khó khăn — ngưỡng công nhận 800 điểm."
    ));
    let flat = text.replace('\n', " ");
    assert!(flat.contains("Có trẻ em bị tai nạn đuối nước trong năm"));
    assert!(!flat.contains("drowning") && !flat.contains("mountain_island_difficult"));
}

#[test]
fn rendering_the_round_twice_in_parallel_gives_the_same_bytes() {
    let (round, report) = round();
    let ctx = ctx(&round);
    let render_all = || -> Vec<Vec<u8>> {
        dossier::round_documents(&report, &ctx, &|| {})
            .unwrap()
            .into_iter()
            .map(|d| d.bytes)
            .collect()
    };
    let (a, b) = rayon::join(render_all, render_all);
    assert_eq!(a.len(), 15);
    assert!(a == b, "two parallel renders differ");
    let sequential: Vec<Vec<u8>> = report
        .units
        .iter()
        .map(|u| dossier::dossier(u, &ctx).unwrap().bytes)
        .collect();
    assert!(
        sequential[..] == a[..14],
        "a dossier rendered alone differs from the round's"
    );
    for (bytes, u) in a.iter().zip(&report.units) {
        assert!(
            bytes.len() < 100_000,
            "{} is {} bytes",
            file_name(u),
            bytes.len()
        );
        assert!(bytes.starts_with(b"%PDF-"));
    }
}

/// The shipped criteria set with every Vietnamese title made long (the set's, every
/// criterion's and every indicator's), written to a temporary folder beside a copy of its
/// scripts (script paths must stay inside the set's tree); with the shipped policy.
fn long_titled_evaluator(dir: &Path) -> Evaluator {
    const LONG: &str = ", theo hướng dẫn của Bộ Lao động - Thương binh và Xã hội về việc thu thập, tổng hợp, kiểm tra và đối chiếu số liệu của từng thôn, tổ dân phố trong kỳ đánh giá";
    let scripts = dir.join("scripts/qd-06-2019");
    std::fs::create_dir_all(&scripts).unwrap();
    for entry in std::fs::read_dir("scripts/qd-06-2019").unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, scripts.join(from.file_name().unwrap())).unwrap();
    }
    let text = std::fs::read_to_string("criteria/qd-06-2019.toml").unwrap();
    // `title = { vi = "…", en = … }`: lengthen the Vietnamese text.
    let long = text
        .split("title = { vi = \"")
        .enumerate()
        .map(|(i, part)| match (i, part.find('"')) {
            (0, _) | (_, None) => part.to_string(),
            (_, Some(end)) => format!("{}{LONG}{}", &part[..end], &part[end..]),
        })
        .collect::<Vec<_>>()
        .join("title = { vi = \"");
    assert_eq!(
        long.matches(LONG).count(),
        text.matches("title = { vi").count()
    );
    std::fs::create_dir_all(dir.join("criteria")).unwrap();
    let path = dir.join("criteria/long-titles.toml");
    std::fs::write(&path, long).unwrap();
    let set = CriteriaSet::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let policy = Policy::load("criteria/son-ha-2024.toml", &set).unwrap();
    Evaluator::new(set, Some(policy)).unwrap()
}

/// The page and the band (bottom, top) of the table row of every line of a table cell that
/// `matches`.
fn rows_where(model: &LayoutModel, matches: impl Fn(&str) -> bool) -> Vec<(usize, f32, f32)> {
    let mut found = Vec::new();
    for page in &model.pages {
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            if !matches(&t.text) {
                continue;
            }
            // A row's vertical rules run from its top to its bottom: the one left of the
            // text whose span holds the baseline gives the row's band.
            let cell = page.items.iter().find_map(|i| match i {
                Item::Line(l)
                    if l.x1 == l.x2
                        && l.x1 <= t.x
                        && l.y1.min(l.y2) < t.y
                        && t.y < l.y1.max(l.y2) =>
                {
                    Some((l.y1.min(l.y2), l.y1.max(l.y2)))
                }
                _ => None,
            });
            if let Some((bottom, top)) = cell {
                found.push((page.number, bottom, top));
            }
        }
    }
    found
}

/// Long content: 40 incidents in the register (30 in the period, 10 outside); 30 of them make
/// the three local disqualifiers hold, so the disqualifier table and the conclusion carry long
/// lists of incidents; a criteria set whose every title is a long Vietnamese sentence; long
/// names for the unit, the authority and the council. Incident notes are never in the result
/// model (they may name children), so the long Vietnamese text comes through what a dossier
/// legitimately prints: titles, names and reasons.
#[test]
fn long_content_flows_over_pages_without_leaving_the_margins_or_cutting_rows() {
    let (round, _) = round();
    let tmp = tempfile::tempdir().unwrap();
    let evaluator = long_titled_evaluator(tmp.path());
    let kinds = ["drowning", "violence", "sexual_abuse", "other_injury"];
    let incidents: Vec<(String, String, &str)> = (0..40)
        .map(|i| {
            let year = if i < 30 { 2024 } else { 2023 };
            (
                format!("SV-{year}-{i:02}"),
                format!("{year}-{:02}-{:02}", i % 12 + 1, i % 27 + 1),
                kinds[i % kinds.len()],
            )
        })
        .collect();
    let specs: Vec<crate::support::IncidentSpec> = incidents
        .iter()
        .map(|(id, d, kind)| (id.as_str(), d.as_str(), *kind, false, false))
        .collect();
    let text = crate::support::evidence_text("88888", &[("children_injured", "35")], &specs)
        .replace("name = \"Xã 88888\"", "name = \"Sơn Thượng Mở Rộng Thuộc Vùng Đồng Bào Dân Tộc Thiểu Số Và Miền Núi Đặc Biệt Khó Khăn\"");
    let ev = Evidence::parse("long.toml", &text, evaluator.criteria(), Some(2024))
        .unwrap_or_else(|e| panic!("{e}"));
    let result = evaluator.evaluate(&ev).unwrap();
    assert_eq!(
        result.disqualifiers.len(),
        3,
        "all three disqualifiers hold"
    );
    let settings = RoundSettings {
        authority: "Ủy ban nhân dân tỉnh Quảng Ngãi (sau sắp xếp đơn vị hành chính cấp tỉnh năm 2025)".into(),
        council: "Hội đồng đánh giá, công nhận xã, phường, đặc khu phù hợp với trẻ em của tỉnh Quảng Ngãi năm 2024".into(),
        ..round.settings.clone()
    };
    let ctx = Context {
        settings: &settings,
        criteria: evaluator.criteria(),
        policy: evaluator.policy(),
        lang: Lang::Vi,
    };
    let rendered = dossier::dossier(&result, &ctx).unwrap();
    let model = &rendered.model;
    assert!(model.pages.len() >= 8, "{} pages", model.pages.len());
    assert_inside_the_page(model);

    // Every incident row is whole: its id, date, kind and "counted" cells are on one page, in
    // one row's band, and the register prints it once.
    for (id, date, kind) in &incidents {
        let day: Vec<&str> = date.split('-').collect();
        let vi_date = format!("{}/{}/{}", day[2], day[1], day[0]);
        // A wrapped cell's first line starts its text.
        let counted = |t: &str| {
            if id.contains("2024") {
                t == "có"
            } else {
                t.starts_with("không (ngoài")
            }
        };
        let kind_vi = &evaluator.criteria().incident_kind(kind).unwrap().label.vi;
        let in_band = |cell: &dyn Fn(&str) -> bool, (page, bottom, top): (usize, f32, f32)| {
            rows_where(model, cell)
                .iter()
                .any(|&(p, b, t)| p == page && b == bottom && t == top)
        };
        // The id alone on a line is also in the disqualifier table's incident lists; the
        // register's row is the one with the date.
        let rows: Vec<_> = rows_where(model, |t| t == id)
            .into_iter()
            .filter(|&row| in_band(&|t| t == vi_date, row))
            .collect();
        assert_eq!(rows.len(), 1, "{id} is in {} register rows", rows.len());
        assert!(
            in_band(&|t| !t.is_empty() && kind_vi.starts_with(t), rows[0]),
            "{id}: {kind_vi:?} is not in its row"
        );
        assert!(in_band(&counted, rows[0]), "{id}: not counted in its row");
    }
    // Every indicator row is whole: its points are in the band of its id's cell.
    for c in &result.criteria {
        for ind in &c.indicators {
            let mark = if ind.provisional { " *" } else { "" };
            let label = format!("{}{mark} ", ind.id);
            let id_cells = rows_where(model, |t| t == label);
            assert_eq!(id_cells.len(), 1, "indicator {}", ind.id);
            let (page, bottom, top) = id_cells[0];
            let vi = |p: cfc::Points| p.value().normalize().to_string().replace('.', ",");
            let points = format!("{}/{}", vi(ind.points), vi(ind.max));
            assert!(
                rows_where(model, |t| t == points)
                    .iter()
                    .any(|&(p, b, t)| p == page && b == bottom && t == top),
                "indicator {}: {points} is not in its row",
                ind.id
            );
        }
    }
    // A table continued on another page repeats its header there.
    for (n, page) in pages(model).iter().enumerate() {
        if page.contains("SV-20") && page.contains("ngoài kỳ") {
            assert!(page.contains("Mã sự việc"), "page {}: no header", n + 1);
        }
    }
    // The long lists are all there: the disqualifier table's cell and the conclusion's reason
    // (lines joined back where they wrapped).
    let flat = all_text(model).replace('\n', " ");
    assert!(flat.contains("SV-2024-00, SV-2024-04, SV-2024-08, SV-2024-12, SV-2024-16, SV-2024-20, SV-2024-24, SV-2024-28"));
    assert_eq!(flat.matches("– Điều kiện loại trừ:").count(), 3, "{flat}");
    assert!(flat.contains("sự việc SV-2024-00 ngày 01/01/2024"));
    assert!(
        rendered.bytes.len() < 150_000,
        "{} bytes",
        rendered.bytes.len()
    );
}

fn all_text(model: &LayoutModel) -> String {
    pages(model).concat()
}

#[test]
fn every_fixture_dossier_stays_inside_its_margins() {
    let (round, report) = round();
    let ctx = ctx(&round);
    report
        .units
        .par_iter()
        .for_each(|u| assert_inside_the_page(&dossier::dossier(u, &ctx).unwrap().model));
}

fn ctx_in(round: &Round, lang: Lang) -> Context<'_> {
    Context { lang, ..ctx(round) }
}

#[test]
fn english_dossiers_and_summary_are_reviewed_snapshots_of_their_layout() {
    let (round, report) = round();
    let ctx = ctx_in(&round, Lang::En);
    // Sơn Hạ is recognised; Sơn Thượng is refused, a local disqualifier among its reasons.
    assert!(unit(&report, "21214").recognised);
    let thuong = unit(&report, "21238");
    assert!(!thuong.recognised && !thuong.disqualifiers.is_empty());
    for code in ["21214", "21238"] {
        let rendered = dossier::dossier(unit(&report, code), &ctx).unwrap();
        insta::assert_snapshot!(format!("dossier-en-{code}"), rendered.model.dump());
    }
    let summary = dossier::summary(&report, &ctx).unwrap();
    insta::assert_snapshot!("summary-en", summary.model.dump());
}

#[test]
fn an_english_dossier_translates_the_form_and_names_the_vietnamese_one_of_record() {
    let (round, report) = round();
    let ctx = ctx_in(&round, Lang::En);
    let rendered = dossier::dossier(unit(&report, "21238"), &ctx).unwrap();
    let pages = pages(&rendered.model);
    let first = pages[0].replace('\n', " ");
    for expected in [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence – Freedom – Happiness",
        "Sơn Hà, 5 December 2024",
        "ASSESSMENT DOSSIER: CHILD-FRIENDLY COMMUNES, WARDS AND TOWNSHIPS, 2024",
        "the Vietnamese dossier is the document of record",
        "Sơn Thượng Commune",
        "Administrative unit code: 21238. Kind of unit: commune.",
        "Evaluation period: 2024-01-01 to 2024-12-31.",
    ] {
        assert!(
            first.contains(expected),
            "page 1 lacks {expected:?}: {first}"
        );
    }
    let all = pages.concat().replace('\n', " ");
    for expected in [
        "64/64 = 100.00%",
        "79/120 = 65.83%",
        "835/1,000",
        "45,000,000 VND",
        "2024-07-02",
        "YES — disqualifies",
        "CONCLUSION: NOT ELIGIBLE FOR RECOGNITION",
        "Reasons (every condition not met):",
        "Notice: the result uses provisional scoring rules",
        "ON BEHALF OF THE ASSESSMENT COUNCIL",
        "CHAIR OF THE COUNCIL",
        "PREPARED BY",
    ] {
        assert!(all.contains(expected), "missing {expected:?}");
    }
    // Labels as the set and the policy declare them in English, never ids.
    let set = round.evaluator.criteria();
    let drowning = &set.incident_kind("drowning").unwrap().label;
    assert!(all.contains(drowning.get(Lang::En)) && !all.contains(&drowning.vi));
    let class = set.class(&unit(&report, "21238").class).unwrap();
    assert!(all.contains(&format!("Class: {}", class.label.get(Lang::En))));
    assert!(!all.contains("mountain_island_difficult"));
    for page in &pages {
        assert!(page.contains("ILLUSTRATIVE DATA"), "a page has no mark");
    }
    assert_inside_the_page(&rendered.model);
    let ha = pages_text(&dossier::dossier(unit(&report, "21214"), &ctx).unwrap());
    assert!(ha.contains("CONCLUSION: ELIGIBLE FOR RECOGNITION"));

    let summary = pages_text(&dossier::summary(&report, &ctx).unwrap()).replace('\n', " ");
    assert!(summary.contains("In all: 14 units; eligible for recognition: 9; not eligible: 5."));
    assert!(summary.contains("9. Sơn Trung Commune (code 21241) — 860 points."));
    assert!(summary.contains("the Vietnamese dossier is the document of record"));
}

/// What the set, the policy and the round provide in their own words (names, legal bases,
/// references, the scripts' rule rows, the labels a set may leave without English), which a
/// document in either language prints as written.
fn provided(round: &Round, report: &RoundReport) -> Vec<String> {
    let set = round.evaluator.criteria();
    let s = &round.settings;
    let mut texts = vec![
        s.authority.clone(),
        s.authority.to_uppercase(),
        s.council.clone(),
        s.council.to_uppercase(),
        s.place.clone(),
        s.name.clone(),
        set.legal_basis().to_string(),
    ];
    let mut labels = vec![set.title(), set.subject()];
    for c in set.criteria() {
        labels.push(&c.title);
        labels.extend(c.indicators.iter().map(|i| &i.title));
    }
    labels.extend(set.conditions().iter().map(|c| &c.label));
    labels.extend(set.classes().iter().map(|c| &c.label));
    labels.extend(set.unit_kinds().iter().map(|k| &k.label));
    labels.extend(set.incident_kinds().iter().map(|k| &k.label));
    labels.extend(set.inputs().iter().map(|i| &i.label));
    labels.extend(set.derived().iter().map(|d| &d.label));
    texts.extend(set.conditions().iter().map(|c| c.reference.clone()));
    texts.extend(set.files().iter().map(|f| f.path.clone()));
    if let Some(p) = round.evaluator.policy() {
        labels.push(p.title());
        labels.extend(p.disqualifiers().iter().map(|d| &d.title));
        texts.extend(p.disqualifiers().iter().map(|d| d.reference.clone()));
        texts.extend(p.files().iter().map(|f| f.path.clone()));
        texts.push(p.legal_basis().to_string());
    }
    for lang in [Lang::Vi, Lang::En] {
        texts.extend(labels.iter().map(|t| t.get(lang).to_string()));
    }
    for u in &report.units {
        texts.push(u.name.clone());
        texts.push(u.evidence_file.clone());
        for c in &u.criteria {
            for i in &c.indicators {
                texts.push(cfc::words::dossier::rule_row(&i.row, Lang::Vi));
                texts.push(i.row.to_string());
            }
        }
    }
    // The longest first, so that a text inside another is not cut out of it first.
    texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    texts
}

/// A document's words with what the data provided cut out: what its template says. The body
/// is read first, across pages, then the page numbers and marks: a text the data provided that
/// runs over a page break is still one text.
fn template_words(r: &Rendered, provided: &[String]) -> String {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (mut body, mut furniture) = (String::new(), String::new());
    for (_, t) in r.model.texts() {
        let to = if t.role == TextRole::Body {
            &mut body
        } else {
            &mut furniture
        };
        to.push_str(&t.text);
        to.push('\n');
    }
    body.push_str(&furniture);
    let mut text = squeeze(&body);
    for p in provided {
        text = text.replace(&squeeze(p), " ¶ ");
    }
    text
}

/// Whether `phrase` occurs in `text` as whole words.
fn holds_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn each_language_holds_no_phrase_of_the_others_template() {
    use cfc::words::dossier::{EN, VI};
    let (round, report) = round();
    let provided = provided(&round, &report);
    let documents = |lang: Lang| -> Vec<String> {
        let ctx = ctx_in(&round, lang);
        let mut docs: Vec<String> = ["21214", "21238", "21202"]
            .iter()
            .map(|code| {
                template_words(
                    &dossier::dossier(unit(&report, code), &ctx).unwrap(),
                    &provided,
                )
            })
            .collect();
        docs.push(template_words(
            &dossier::summary(&report, &ctx).unwrap(),
            &provided,
        ));
        docs
    };
    let (vi, en) = (documents(Lang::Vi), documents(Lang::En));
    for (vi, en) in vi.iter().zip(&en) {
        for phrase in VI.phrases() {
            assert!(!holds_phrase(en, phrase), "{phrase:?} in English: {en}");
        }
        for phrase in EN.phrases() {
            assert!(!holds_phrase(vi, phrase), "{phrase:?} in Vietnamese: {vi}");
        }
        // Beyond the fixed phrases, those that carry values: no Vietnamese letter is left in
        // the English template, and no English word of it (four letters or more) in the
        // Vietnamese one.
        let foreign: Vec<char> = en
            .chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii())
            .collect();
        assert!(foreign.is_empty(), "{foreign:?} in English: {en}");
        let english: std::collections::BTreeSet<&str> = en
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 4)
            .collect();
        let leaked: Vec<&&str> = english.iter().filter(|w| holds_phrase(vi, w)).collect();
        assert!(leaked.is_empty(), "{leaked:?} in Vietnamese: {vi}");
    }
}

#[test]
fn english_documents_are_byte_identical_run_after_run() {
    let (round, report) = round();
    let render = |lang: Lang| {
        dossier::round_documents(&report, &ctx_in(&round, lang), &|| {})
            .unwrap()
            .into_iter()
            .map(|d| d.bytes)
            .collect::<Vec<_>>()
    };
    let (a, b) = rayon::join(|| render(Lang::En), || render(Lang::En));
    assert!(a == b, "two English renders differ");
    let vi = render(Lang::Vi);
    assert!(a.iter().zip(&vi).all(|(en, vi)| en != vi));
    assert!(a.iter().all(|bytes| bytes.len() < 100_000));
}
