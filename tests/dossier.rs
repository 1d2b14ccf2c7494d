//! The PDF dossiers and the round's summary: content, layout, size and byte-identical output.
//! The layout model (every positioned string with its page and coordinates) is snapshotted, so
//! an auditor sees any change in a dossier as a snapshot diff.

mod support;

use std::collections::BTreeMap;

use cfc::render::dossier::{self, Context, file_name};
use cfc::render::pdf::layout::{PageSetup, TextRole};
use cfc::render::pdf::{LayoutModel, Rendered};
use cfc::{Round, RoundReport, RoundSettings, UnitResult};
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
        "HỒ SƠ ĐÁNH GIÁ XÃ PHÙ HỢP VỚI TRẺ EM NĂM 2024",
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

/// Long content: 40 incidents in the register (30 in the period, 10 outside), and long
/// Vietnamese names for the authority, the council and the unit. Incident notes are never in
/// the result model, so the long text comes through what a dossier legitimately prints.
#[test]
fn long_content_flows_over_pages_without_leaving_the_margins_or_cutting_rows() {
    let (round, _) = round();
    let mut incidents = Vec::new();
    for i in 0..40 {
        let year = if i < 30 { 2024 } else { 2023 };
        incidents.push((
            format!("SV-{year}-{i:02}"),
            format!("{year}-{:02}-{:02}", i % 12 + 1, i % 27 + 1),
        ));
    }
    let specs: Vec<support::IncidentSpec> = incidents
        .iter()
        .map(|(id, d)| (id.as_str(), d.as_str(), "other_injury", false, false))
        .collect();
    let text = support::evidence_text("88888", &[("children_injured", "35")], &specs)
        .replace("name = \"Xã 88888\"", "name = \"Xã Sơn Thượng Mở Rộng Thuộc Vùng Đồng Bào Dân Tộc Thiểu Số Và Miền Núi Đặc Biệt Khó Khăn\"");
    let ev = support::evidence(&text);
    let result = support::evaluator().evaluate(&ev).unwrap();
    let settings = RoundSettings {
        authority: "Ủy ban nhân dân tỉnh Quảng Ngãi (sau sắp xếp đơn vị hành chính cấp tỉnh năm 2025)".into(),
        council: "Hội đồng đánh giá, công nhận xã, phường, đặc khu phù hợp với trẻ em của tỉnh Quảng Ngãi năm 2024".into(),
        ..round.settings.clone()
    };
    let ctx = Context {
        settings: &settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
    };
    let rendered = dossier::dossier(&result, &ctx).unwrap();
    let model = &rendered.model;
    assert!(model.pages.len() >= 5, "{} pages", model.pages.len());
    assert_inside_the_page(model);
    // Each incident row is whole on one page: its id and its date are on the same page.
    for (id, date) in &incidents {
        let page_of = |needle: &str| {
            model
                .texts()
                .filter(|(_, t)| t.text.contains(needle))
                .map(|(p, _)| p)
                .collect::<Vec<_>>()
        };
        let ids = page_of(id);
        assert_eq!(ids.len(), 1, "{id} printed {} times", ids.len());
        let day: Vec<&str> = date.split('-').collect();
        let vi_date = format!("{}/{}/{}", day[2], day[1], day[0]);
        let rows: Vec<usize> = model
            .texts()
            .filter(|(p, t)| *p == ids[0] && t.text == vi_date)
            .map(|(p, _)| p)
            .collect();
        assert!(
            !rows.is_empty(),
            "the date of {id} is not on its row's page"
        );
    }
    assert!(
        rendered.bytes.len() < 150_000,
        "{} bytes",
        rendered.bytes.len()
    );
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
