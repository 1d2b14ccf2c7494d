//! The decision dossier of a unit and the round's summary, as PDF documents in Vietnamese
//! administrative form (Nghị định 30/2020/NĐ-CP).
//!
//! A dossier is a *rendering of the result*: every number, row, reason and incident comes from
//! the [`UnitResult`] and its trace, and every title, label and reference from the criteria set,
//! the policy and the round's settings. Nothing is computed again here.

use rust_decimal::Decimal;

use super::pdf::layout::{
    Align, Cell, Column, Notice, PageContext, Paragraph, Run, Table, TableColumn, TableRow,
};
use super::pdf::{
    Block, Decorations, DocDate, DocumentInfo, PageSetup, PdfError, Rendered, render,
};
use crate::criteria::{CriteriaSet, OutsideEffect};
use crate::date::Date;
use crate::decide::UnitResult;
use crate::evidence::Value;
use crate::lang::Lang;
use crate::points::Points;
use crate::policy::Policy;
use crate::report::{ENGINE, RoundReport};
use crate::round::RoundSettings;
use crate::script::Measure;
use crate::words::format::fixed;

/// What a dossier needs besides the result: the rules it was decided by and the round.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The round's settings (authority, council, place, date, signatories).
    pub settings: &'a RoundSettings,
    /// The criteria set the result was scored by.
    pub criteria: &'a CriteriaSet,
    /// The local policy, if the round has one.
    pub policy: Option<&'a Policy>,
}

const MARK: &str = "DỮ LIỆU MINH HỌA";
const TEXT: f32 = 13.0;
const SMALL: f32 = 11.0;

/// The file name of a unit's dossier: `<code>-<slug>.pdf` ("21238-son-thuong.pdf"), named
/// like the unit's evidence file and as short whatever the name.
pub fn file_name(result: &UnitResult) -> String {
    crate::evidence::unit_file_name(&result.code, &result.name, "pdf")
        // Evidence validation allows only such codes; a result built by other means still gets
        // a bounded ASCII name.
        .unwrap_or_else(|| format!("{}.pdf", super::slug(&result.code)))
}

/// "1.000", "912,50": Vietnamese digits for an exact number.
fn vi(value: Decimal) -> String {
    let value = value.normalize();
    fixed(value, if value.scale() == 0 { 0 } else { 2 }, Lang::Vi)
}

fn pts(p: Points) -> String {
    vi(p.value())
}

/// "ngày 05 tháng 12 năm 2024".
fn long_date(d: Date) -> String {
    format!(
        "ngày {:02} tháng {:02} năm {}",
        d.day(),
        d.month(),
        d.year()
    )
}

/// A rule row from a script ("≤ 0.5 → 50") with Vietnamese decimal commas ("≤ 0,5 → 50").
fn vi_row(row: &str) -> String {
    let chars: Vec<char> = row.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_ascii_digit())
            };
            if c == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                ','
            } else {
                c
            }
        })
        .collect()
}

fn yes_no(b: bool) -> &'static str {
    if b { "có" } else { "không" }
}

/// The unit's kind in the set's words, e.g. "thị trấn".
fn kind_word<'a>(result: &'a UnitResult, set: &'a CriteriaSet) -> &'a str {
    set.unit_kind_word(&result.kind, Lang::Vi)
}

/// "Xã Sơn Thượng".
fn unit_title(result: &UnitResult, set: &CriteriaSet) -> String {
    let word = kind_word(result, set);
    let mut chars = word.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    format!("{capital} {}", result.name)
}

fn doc_date(d: Date) -> Result<DocDate, PdfError> {
    DocDate::new(i32::from(d.year()), d.month(), d.day())
}

/// The two-column header of Nghị định 30/2020: issuing body and council on the left, the
/// national motto and the place and date on the right.
fn header(settings: &RoundSettings) -> Block {
    Block::Columns {
        gap: 4.0,
        columns: vec![
            Column {
                weight: 46.0,
                paragraphs: vec![
                    Paragraph::text(settings.authority.to_uppercase())
                        .size(12.0)
                        .leading(1.15)
                        .centred(),
                    Paragraph::bold(settings.council.to_uppercase())
                        .size(12.0)
                        .leading(1.15)
                        .centred()
                        .rule_below(0.4),
                ],
            },
            Column {
                weight: 54.0,
                paragraphs: vec![
                    Paragraph::bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                        .size(12.0)
                        .leading(1.15)
                        .centred(),
                    Paragraph::bold("Độc lập - Tự do - Hạnh phúc")
                        .size(13.0)
                        .leading(1.15)
                        .centred()
                        .rule_below(1.0)
                        .space_after(6.0),
                    Paragraph::italic(format!(
                        "{}, {}",
                        settings.place,
                        long_date(settings.decision_date)
                    ))
                    .size(13.0)
                    .centred(),
                ],
            },
        ],
    }
}

fn heading(text: impl Into<String>) -> Block {
    Block::Paragraph(
        Paragraph::bold(text)
            .size(TEXT)
            .space_before(10.0)
            .space_after(4.0)
            .keep_together(),
    )
}

fn line(text: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph::text(text).size(TEXT).space_after(2.0))
}

fn small(text: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph::text(text).size(SMALL).space_after(1.0))
}

/// A table in the dossier's small type, with a shaded bold header; columns as
/// (header, weight, align).
fn small_table(columns: &[(&str, f32, Align)]) -> Table {
    let mut table = Table::new(
        columns
            .iter()
            .map(|&(_, weight, align)| TableColumn { weight, align })
            .collect(),
        TableRow::shaded(columns.iter().map(|(h, _, _)| Cell::bold(*h)).collect()),
    );
    table.size = SMALL;
    table
}

/// The evidence an indicator used, as the dossier prints it: "118/120 = 98,33 %".
fn evidence_cell(ind: &crate::score::IndicatorScore, ctx: &Context) -> String {
    if let Some(Measure::Rate(r)) = &ind.measure {
        let value = r.value().map_or_else(
            || "không áp dụng (n/a)".to_string(),
            |v| fixed(v, 2, Lang::Vi),
        );
        let fraction = format!(
            "{}/{}",
            vi(Decimal::from(r.part)),
            vi(Decimal::from(r.whole))
        );
        return match r.scale {
            100 => format!("{fraction} = {value} %"),
            n => format!("{fraction} × {} = {value}", vi(Decimal::from(n))),
        };
    }
    ind.reads
        .iter()
        .map(|r| {
            let label = ctx
                .criteria
                .label_of(&r.name)
                .map_or(r.name.clone(), |t| t.vi.clone());
            let value = match r.value {
                Value::Bool(b) => yes_no(b).to_string(),
                Value::Number(n) => vi(Decimal::from(n)),
                // Every declared digit, as the council wrote it: "7,5".
                Value::Decimal(d) => fixed(d, d.scale(), Lang::Vi),
            };
            format!("{label}: {value}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The score table: every criterion (shaded, with its subtotal and met / not met) and every
/// indicator with the evidence it used, the rule row that applied and its points.
fn score_table(result: &UnitResult, ctx: &Context) -> Table {
    let mut table = small_table(&[
        ("Chỉ tiêu", 34.0, Align::Left),
        ("Số liệu", 29.0, Align::Left),
        ("Quy tắc áp dụng", 19.0, Align::Left),
        ("Điểm", 18.0, Align::Right),
    ]);
    for (c, def) in result.criteria.iter().zip(ctx.criteria.criteria()) {
        let met = if c.met { "đạt" } else { "không đạt" };
        table.rows.push(TableRow::shaded(vec![
            Cell::bold(format!("{} — {}", c.id, def.title.vi)).span(3),
            Cell::bold(format!("{}/{} ({met})", pts(c.points), pts(c.max))),
        ]));
        for (ind, idef) in c.indicators.iter().zip(&def.indicators) {
            let mark = if ind.provisional { " *" } else { "" };
            table.rows.push(TableRow::new(vec![
                Cell::new(vec![
                    Run::bold(format!("{}{mark} ", ind.id)),
                    Run::regular(idef.title.vi.clone()),
                ]),
                Cell::text(evidence_cell(ind, ctx)),
                Cell::text(vi_row(&ind.row)),
                Cell::text(format!("{}/{}", pts(ind.points), pts(ind.max))),
            ]));
        }
    }
    table.rows.push(TableRow::shaded(vec![
        Cell::bold(match threshold_words(result.threshold, ctx, "") {
            t if t.is_empty() => "TỔNG ĐIỂM".to_string(),
            t => format!("TỔNG ĐIỂM (ngưỡng công nhận của nhóm: {t})"),
        })
        .span(3),
        Cell::bold(format!(
            "{}/{}",
            pts(result.total),
            pts(ctx.criteria.max_points())
        )),
    ]));
    table
}

/// "`before`800 điểm" when the set applies its class thresholds; nothing when it declares no
/// `class_threshold` condition, so that no dossier presents a threshold that decided nothing.
fn threshold_words(threshold: Points, ctx: &Context, before: &str) -> String {
    if ctx.criteria.applies_class_threshold() {
        format!("{before}{} điểm", pts(threshold))
    } else {
        String::new()
    }
}

fn incident_table(result: &UnitResult, set: &CriteriaSet) -> Vec<Block> {
    if result.incidents.is_empty() {
        return vec![line("Không có sự việc nào được ghi nhận trong sổ.")];
    }
    // Windows other than the period: the trace says how each disqualifier's window judged
    // every incident, and the table gets a column for it.
    let windows = result
        .incidents
        .first()
        .map(|i| i.windows.as_slice())
        .unwrap_or_default();
    let mut blocks = Vec::new();
    let mut columns = vec![
        ("Mã sự việc", 17.0, Align::Left),
        ("Ngày", 14.0, Align::Left),
        ("Loại", 26.0, Align::Left),
        ("Tử vong", 11.0, Align::Left),
        ("Có kế hoạch hỗ trợ", 15.0, Align::Left),
        ("Tính trong kỳ", 17.0, Align::Left),
    ];
    if !windows.is_empty() {
        let spans: Vec<String> = windows
            .iter()
            .map(|w| {
                format!(
                    "{} — {} (từ {} đến {})",
                    w.disqualifier,
                    w.window.vietnamese(),
                    w.from.vietnamese(),
                    w.to.vietnamese()
                )
            })
            .collect();
        blocks.push(small(format!(
            "Thời gian xét của từng điều kiện loại trừ: {}.",
            spans.join("; ")
        )));
        columns = vec![
            ("Mã sự việc", 14.0, Align::Left),
            ("Ngày", 12.0, Align::Left),
            ("Loại", 17.0, Align::Left),
            ("Tử vong", 8.0, Align::Left),
            ("Có kế hoạch hỗ trợ", 11.0, Align::Left),
            ("Tính trong kỳ", 11.0, Align::Left),
            ("Điều kiện loại trừ: thời gian xét", 27.0, Align::Left),
        ];
    }
    let mut table = small_table(&columns);
    for i in &result.incidents {
        let counted = if i.in_period {
            "có"
        } else {
            "không (ngoài kỳ)"
        };
        let mut row = vec![
            Cell::text(i.id.clone()),
            Cell::text(i.date.vietnamese()),
            Cell::text(set.incident_kind_word(&i.kind, Lang::Vi)),
            Cell::text(yes_no(i.fatal)),
            Cell::text(yes_no(i.support_plan_approved)),
            Cell::text(counted),
        ];
        if !windows.is_empty() {
            let judged: Vec<String> = i
                .windows
                .iter()
                .map(|w| {
                    let verdict = match (w.inside, w.counted) {
                        (true, true) => "trong, tính",
                        (true, false) => "trong, không tính",
                        (false, _) => "ngoài",
                    };
                    format!("{}: {verdict}", w.disqualifier)
                })
                .collect();
            row.push(Cell::text(judged.join("; ")));
        }
        table.rows.push(TableRow::new(row));
    }
    blocks.push(Block::Table(table));
    blocks
}

fn disqualifier_blocks(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let Some(policy) = ctx.policy else {
        return vec![line(
            "Vòng đánh giá này không áp dụng điều kiện loại trừ của địa phương.",
        )];
    };
    let mut blocks = vec![small(format!("Căn cứ: {}.", policy.legal_basis()))];
    let mut table = small_table(&[
        ("Điều kiện loại trừ", 52.0, Align::Left),
        ("Kết quả", 18.0, Align::Left),
        ("Sự việc", 30.0, Align::Left),
    ]);
    for d in policy.disqualifiers() {
        let hit = result.disqualifiers.iter().find(|h| h.id == d.id);
        let incidents = hit.map(|h| listed(&h.incidents)).unwrap_or_default();
        // The window is named only when the policy looks beyond the period, so that a
        // period-only policy prints as it always has.
        let window = if policy.has_other_windows() {
            format!(" — thời gian xét: {}", d.window.vietnamese())
        } else {
            String::new()
        };
        table.rows.push(TableRow::new(vec![
            Cell::new(vec![Run::regular(format!(
                "{} ({}){window}",
                d.title.vi, d.reference
            ))]),
            if hit.is_some() {
                Cell::bold("CÓ — loại trừ")
            } else {
                Cell::text("không")
            },
            Cell::text(incidents),
        ]));
    }
    blocks.push(Block::Table(table));
    blocks
}

fn conclusion(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let verdict = if result.recognised {
        "ĐỦ ĐIỀU KIỆN CÔNG NHẬN"
    } else {
        "KHÔNG ĐỦ ĐIỀU KIỆN CÔNG NHẬN"
    };
    let mut blocks = vec![Block::Paragraph(
        Paragraph::bold(format!("KẾT LUẬN: {verdict}"))
            .size(15.0)
            .centred()
            .space_before(12.0)
            .space_after(6.0)
            .keep_together(),
    )];
    if result.recognised {
        // Every condition the set declares, in its own words, with the unit's figures.
        blocks.push(line(format!(
            "{} đáp ứng tất cả các điều kiện công nhận:",
            unit_title(result, ctx.criteria)
        )));
        let mut references: Vec<&str> = Vec::new();
        for condition in ctx.criteria.conditions() {
            blocks.push(line(format!(
                "– {}: {}.",
                condition.label.vi,
                crate::words::reasons::figures(condition, result, Lang::Vi)
            )));
            if !references.contains(&condition.reference.as_str()) {
                references.push(&condition.reference);
            }
        }
        blocks.push(line("– Không thuộc điều kiện loại trừ nào."));
        blocks.push(small(format!(
            "Căn cứ các điều kiện công nhận: {}.",
            references.join("; ")
        )));
    } else {
        blocks.push(line("Lý do (tất cả các điều kiện không đạt):"));
        for f in &result.failures {
            blocks.push(line(format!(
                "– {}",
                crate::words::reasons::reason(f, Lang::Vi, ctx.criteria, ctx.policy, &result.class)
            )));
        }
    }
    blocks
}

fn provisional_notice(rules: &[String]) -> Option<Block> {
    (!rules.is_empty()).then(|| {
        Block::Notice(Notice {
            padding: 6.0,
            thickness: 1.0,
            paragraphs: vec![
                Paragraph::bold("Lưu ý: kết quả có sử dụng quy tắc chấm điểm tạm thời").size(SMALL),
                Paragraph::text(format!(
                    "Các chỉ tiêu sau (đánh dấu * trong bảng điểm) được chấm theo bảng điểm tạm thời, chưa được đối chiếu với văn bản chính thức, không phải là quy định của pháp luật: {}.",
                    rules.join(", ")
                ))
                .size(SMALL)
                .space_before(2.0),
            ],
        })
    })
}

fn provenance(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let set = ctx.criteria;
    let mut blocks = vec![
        heading("6. Nguồn gốc và tính toàn vẹn của dữ liệu"),
        small(format!(
            "Bộ tiêu chí: {} — {}. Căn cứ: {}.",
            set.id(),
            set.title().vi,
            set.legal_basis()
        )),
    ];
    if let Some(p) = ctx.policy {
        blocks.push(small(format!(
            "Điều kiện loại trừ: {} — {}. Căn cứ: {}.",
            p.id(),
            p.title().vi,
            p.legal_basis()
        )));
    }
    let mut table = small_table(&[("Tệp", 38.0, Align::Left), ("SHA-256", 62.0, Align::Left)]);
    table.size = 8.5;
    table.padding = 2.0;
    let files = set
        .files()
        .iter()
        .chain(ctx.policy.map(|p| p.files()).unwrap_or_default());
    for f in files {
        table.rows.push(TableRow::new(vec![
            Cell::text(f.path.clone()),
            Cell::text(f.sha256.clone()),
        ]));
    }
    table.rows.push(TableRow::new(vec![
        Cell::bold(format!("Hồ sơ số liệu: {}", result.evidence_file)),
        Cell::bold(result.evidence_sha256.clone()),
    ]));
    blocks.push(Block::Table(table));
    blocks.push(small(format!("Phần mềm đánh giá: {ENGINE}.")));
    if result.synthetic {
        blocks.push(small(format!("{MARK}: số liệu của hồ sơ này là số liệu minh họa, không phải số liệu thực tế của đơn vị.")));
    }
    blocks.extend(provisional_notice(&result.provisional_rules));
    blocks
}

/// Ends a document with the signature block, kept on one page with the block before it: a
/// page holding only signatures would be signing nothing.
fn sign(blocks: &mut Vec<Block>, settings: &RoundSettings) {
    let mut last: Vec<Block> = blocks.pop().into_iter().collect();
    last.push(signatures(settings));
    blocks.push(Block::Group(last));
}

fn signatures(settings: &RoundSettings) -> Block {
    let chair = settings
        .chair_title
        .clone()
        .unwrap_or_else(|| "CHỦ TỊCH HỘI ĐỒNG".to_string());
    let preparer = settings
        .preparer_title
        .clone()
        .unwrap_or_else(|| "NGƯỜI LẬP".to_string());
    let row = |left: Vec<Paragraph>, right: Vec<Paragraph>| Block::Columns {
        gap: 6.0,
        columns: vec![
            Column {
                weight: 45.0,
                paragraphs: left,
            },
            Column {
                weight: 55.0,
                paragraphs: right,
            },
        ],
    };
    Block::Group(vec![
        Block::Spacer(14.0),
        row(
            vec![
                Paragraph::bold(preparer).size(TEXT).centred(),
                Paragraph::italic("(Ký, ghi rõ họ tên)")
                    .size(SMALL)
                    .centred(),
            ],
            vec![
                Paragraph::bold("TM. HỘI ĐỒNG ĐÁNH GIÁ")
                    .size(TEXT)
                    .centred(),
                Paragraph::bold(chair).size(TEXT).centred(),
                Paragraph::italic("(Ký, ghi rõ họ tên, đóng dấu)")
                    .size(SMALL)
                    .centred(),
            ],
        ),
        Block::Spacer(70.0),
    ])
}

/// The page decorations: page numbers, and the mark of illustrative data and of a round
/// outside its criteria set's period in force, on every page.
fn decorations(synthetic: bool, outside_effect: bool) -> Decorations<'static> {
    fn synthetic_mark(_: PageContext) -> Option<String> {
        Some(MARK.to_string())
    }
    fn outside_mark(_: PageContext) -> Option<String> {
        Some(OutsideEffect::MARK.to_string())
    }
    fn both_marks(_: PageContext) -> Option<String> {
        Some(format!("{MARK} — {}", OutsideEffect::MARK))
    }
    type Mark = dyn Fn(PageContext) -> Option<String> + Sync;
    let mark: Option<&'static Mark> = match (synthetic, outside_effect) {
        (false, false) => None,
        (true, false) => Some(&synthetic_mark),
        (false, true) => Some(&outside_mark),
        (true, true) => Some(&both_marks),
    };
    Decorations {
        page_numbers: true,
        mark,
    }
}

/// The boxed notice of a round evaluated outside its criteria set's period in force.
fn outside_effect_notice(outside: &OutsideEffect) -> Block {
    Block::Notice(Notice {
        padding: 6.0,
        thickness: 1.0,
        paragraphs: vec![
            Paragraph::bold(format!(
                "Lưu ý: {} — năm {} nằm ngoài thời gian hiệu lực của bộ tiêu chí",
                OutsideEffect::MARK,
                outside.year
            ))
            .size(SMALL),
            Paragraph::text(outside.notice.clone())
                .size(SMALL)
                .space_before(2.0),
        ],
    })
}

/// The blocks of one unit's dossier, in the order of `dossier.md`.
pub fn dossier_blocks(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let s = ctx.settings;
    let class = ctx.criteria.class(&result.class);
    let mut blocks = vec![
        header(s),
        Block::Spacer(16.0),
        Block::Paragraph(
            Paragraph::bold(format!(
                "HỒ SƠ ĐÁNH GIÁ {} NĂM {}",
                ctx.criteria.subject().vi.to_uppercase(),
                s.year
            ))
            .size(14.0)
            .centred()
            .keep_together(),
        ),
        Block::Paragraph(
            Paragraph::bold(unit_title(result, ctx.criteria))
                .size(14.0)
                .centred()
                .space_after(8.0),
        ),
        line(format!(
            "Mã đơn vị hành chính: {}. Loại đơn vị: {}.",
            result.code,
            kind_word(result, ctx.criteria)
        )),
        line(format!(
            "Nhóm: {}{}.",
            class.map_or(result.class.clone(), |c| c.label.vi.clone()),
            threshold_words(result.threshold, ctx, " — ngưỡng công nhận ")
        )),
        line(format!(
            "Kỳ đánh giá: từ {} đến {}. Bộ tiêu chí: {}.",
            result.period.from.vietnamese(),
            result.period.to.vietnamese(),
            ctx.criteria.legal_basis()
        )),
    ];
    let outside = ctx.criteria.outside_effect(s.year);
    blocks.extend(outside.as_ref().map(outside_effect_notice));
    blocks.extend([
        heading("1. Bảng điểm"),
        Block::Table(score_table(result, ctx)),
        small("* Quy tắc tạm thời (xem lưu ý ở mục 6)."),
        heading("2. Sổ ghi nhận sự việc"),
    ]);
    blocks.extend(incident_table(result, ctx.criteria));
    blocks.push(heading("3. Điều kiện loại trừ của địa phương"));
    blocks.extend(disqualifier_blocks(result, ctx));
    blocks.push(heading("4. Kết luận"));
    blocks.extend(conclusion(result, ctx));
    blocks.push(heading("5. Các tiêu chí"));
    let met: Vec<&str> = result
        .criteria
        .iter()
        .filter(|c| c.met)
        .map(|c| c.id.as_str())
        .collect();
    let not_met: Vec<&str> = result
        .criteria
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.id.as_str())
        .collect();
    blocks.push(line(format!(
        "Đạt: {}.",
        if met.is_empty() {
            "không có".to_string()
        } else {
            met.join(", ")
        }
    )));
    blocks.push(line(format!(
        "Không đạt: {}.",
        if not_met.is_empty() {
            "không có".to_string()
        } else {
            not_met.join(", ")
        }
    )));
    blocks.extend(provenance(result, ctx));
    sign(&mut blocks, s);
    blocks
}

/// Renders one unit's dossier.
pub fn dossier(result: &UnitResult, ctx: &Context) -> Result<Rendered, PdfError> {
    let info = DocumentInfo {
        title: format!(
            "Hồ sơ đánh giá {} năm {}",
            unit_title(result, ctx.criteria),
            ctx.settings.year
        ),
        author: ctx.settings.authority.clone(),
        subject: ctx.settings.name.clone(),
        date: doc_date(ctx.settings.decision_date)?,
    };
    let outside = ctx.criteria.outside_effect(ctx.settings.year).is_some();
    render(
        &dossier_blocks(result, ctx),
        &PageSetup::a4_decree_30(),
        &decorations(result.synthetic, outside),
        &info,
    )
}

/// The blocks of the round's summary: every unit, the counts, and the units proposed for
/// recognition (the draft annex of the authority's decision).
pub fn summary_blocks(report: &RoundReport, ctx: &Context) -> Vec<Block> {
    let s = ctx.settings;
    let (yes, no) = report.counts();
    let mut blocks = vec![
        header(s),
        Block::Spacer(16.0),
        Block::Paragraph(
            Paragraph::bold(format!(
                "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ {} NĂM {}",
                ctx.criteria.subject().vi.to_uppercase(),
                s.year
            ))
            .size(14.0)
            .centred()
            .space_after(6.0),
        ),
        line(format!(
            "{}. Bộ tiêu chí: {}.",
            s.name,
            ctx.criteria.legal_basis()
        )),
    ];
    if let Some(p) = ctx.policy {
        blocks.push(line(format!("Điều kiện loại trừ: {}.", p.legal_basis())));
    }
    blocks.extend(
        ctx.criteria
            .outside_effect(s.year)
            .as_ref()
            .map(outside_effect_notice),
    );
    // Classes are numbered in the set's order (stable across rounds); the legend under the
    // table gives each number its label and threshold.
    let class_number = |id: &str| {
        ctx.criteria
            .classes()
            .iter()
            .position(|c| c.id == id)
            .map_or_else(|| id.to_string(), |i| (i + 1).to_string())
    };
    // A held disqualifier by its title in the policy (the id is not Vietnamese).
    let disqualifier_title = |id: &str| {
        ctx.policy
            .and_then(|p| p.disqualifiers().iter().find(|d| d.id == id))
            .map_or_else(|| id.to_string(), |d| d.title.vi.clone())
    };
    let mut table = small_table(&[
        ("TT", 5.0, Align::Right),
        ("Mã", 9.0, Align::Left),
        ("Đơn vị", 18.0, Align::Left),
        ("Nhóm", 9.0, Align::Right),
        ("Tổng điểm", 9.0, Align::Right),
        ("Ngưỡng", 10.0, Align::Right),
        ("Điều kiện loại trừ", 22.0, Align::Left),
        ("Kết quả", 18.0, Align::Left),
    ]);
    for (n, u) in report.units.iter().enumerate() {
        let dq: Vec<String> = u
            .disqualifiers
            .iter()
            .map(|d| disqualifier_title(&d.id))
            .collect();
        let result = if u.recognised {
            Cell::bold("công nhận")
        } else {
            Cell::text("không công nhận")
        };
        table.rows.push(TableRow::new(vec![
            Cell::text((n + 1).to_string()),
            Cell::text(u.code.clone()),
            Cell::text(unit_title(u, ctx.criteria)),
            Cell::text(class_number(&u.class)),
            Cell::text(pts(u.total)),
            Cell::text(pts(u.threshold)),
            Cell::text(if dq.is_empty() {
                "—".to_string()
            } else {
                dq.join("; ")
            }),
            result,
        ]));
    }
    blocks.push(heading("1. Kết quả của từng đơn vị"));
    blocks.push(Block::Table(table));
    for (i, class) in ctx.criteria.classes().iter().enumerate() {
        if report.units.iter().any(|u| u.class == class.id) {
            blocks.push(small(format!(
                "Nhóm {}: {}{}.",
                i + 1,
                class.label.vi,
                threshold_words(class.threshold, ctx, " — ngưỡng công nhận ")
            )));
        }
    }
    blocks.push(line(format!(
        "Tổng số: {} đơn vị; đủ điều kiện công nhận: {yes}; không đủ điều kiện: {no}.",
        report.units.len()
    )));
    if !report.errors.is_empty() {
        blocks.push(line(format!(
            "{} lỗi số liệu: các đơn vị có hồ sơ lỗi chưa được đánh giá (xem results.json).",
            report.errors.len()
        )));
    }
    blocks.push(heading(
        "2. Danh sách đề nghị công nhận (dự thảo phụ lục quyết định)",
    ));
    let proposed: Vec<&UnitResult> = report.units.iter().filter(|u| u.recognised).collect();
    if proposed.is_empty() {
        blocks.push(line("Không có đơn vị nào đủ điều kiện công nhận."));
    }
    for (n, u) in proposed.iter().enumerate() {
        blocks.push(line(format!(
            "{}. {} (mã {}) — {} điểm.",
            n + 1,
            unit_title(u, ctx.criteria),
            u.code,
            pts(u.total)
        )));
    }
    if report.units.iter().any(|u| u.synthetic) {
        blocks.push(small(format!(
            "{MARK}: bảng tổng hợp được lập từ số liệu minh họa, không phải số liệu thực tế."
        )));
    }
    blocks.push(small(format!("Phần mềm đánh giá: {ENGINE}.")));
    blocks.extend(provisional_notice(&report.round.provisional_rules));
    sign(&mut blocks, s);
    blocks
}

/// Renders the round's summary.
pub fn summary(report: &RoundReport, ctx: &Context) -> Result<Rendered, PdfError> {
    let info = DocumentInfo {
        title: format!(
            "Bảng tổng hợp kết quả đánh giá {} năm {}",
            ctx.criteria.subject().vi,
            ctx.settings.year
        ),
        author: ctx.settings.authority.clone(),
        subject: ctx.settings.name.clone(),
        date: doc_date(ctx.settings.decision_date)?,
    };
    let synthetic = report.units.iter().any(|u| u.synthetic);
    let outside = ctx.criteria.outside_effect(ctx.settings.year).is_some();
    render(
        &summary_blocks(report, ctx),
        &PageSetup::a4_decree_30(),
        &decorations(synthetic, outside),
        &info,
    )
}

/// One PDF of a round's output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundDocument {
    /// The unit it is about; `None` for the round's summary.
    pub code: Option<String>,
    /// Its file name in the output folder.
    pub file: String,
    /// The PDF.
    pub bytes: Vec<u8>,
}

/// The dossier of every unit (in parallel) and the round's summary, in unit order, summary
/// last. `tick` is called once per finished document (for a progress bar).
pub fn round_documents(
    report: &RoundReport,
    ctx: &Context,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<RoundDocument>, PdfError> {
    use rayon::prelude::*;
    let mut docs = report
        .units
        .par_iter()
        .map(|u| {
            let rendered = dossier(u, ctx)?;
            tick();
            Ok(RoundDocument {
                code: Some(u.code.clone()),
                file: file_name(u),
                bytes: rendered.bytes,
            })
        })
        .collect::<Result<Vec<_>, PdfError>>()?;
    docs.push(RoundDocument {
        code: None,
        file: "summary.pdf".to_string(),
        bytes: summary(report, ctx)?.bytes,
    });
    tick();
    Ok(docs)
}

/// How many incident ids a disqualifier's cell names: a row must fit on a page, and a unit
/// can hold thousands of incidents (every one of them is in the incident table).
const LISTED_INCIDENTS: usize = 20;

/// The ids of the incidents that made a disqualifier hold, the first [`LISTED_INCIDENTS`] of
/// them and the count of the others.
fn listed(ids: &[String]) -> String {
    let shown = ids[..ids.len().min(LISTED_INCIDENTS)].join(", ");
    match ids.len().saturating_sub(LISTED_INCIDENTS) {
        0 => shown,
        more => format!("{shown} và {more} sự việc khác (xem bảng sự việc)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disqualifier_cell_names_at_most_twenty_incidents() {
        let ids: Vec<String> = (1..=300).map(|k| format!("VL-{k:03}")).collect();
        let cell = listed(&ids);
        assert!(cell.starts_with("VL-001, VL-002,"));
        assert!(cell.ends_with("VL-020 và 280 sự việc khác (xem bảng sự việc)"));
        assert_eq!(listed(&ids[..2]), "VL-001, VL-002");
    }

    #[test]
    fn rows_and_numbers_read_the_vietnamese_way() {
        assert_eq!(vi_row("≤ 0.5 → 50"), "≤ 0,5 → 50");
        assert_eq!(vi_row("n/a → 50"), "n/a → 50");
        assert_eq!(vi(Decimal::from(1000)), "1.000");
        assert_eq!(vi(Decimal::new(9125, 1)), "912,50");
        assert_eq!(
            long_date(Date::new(2024, 12, 5).unwrap()),
            "ngày 05 tháng 12 năm 2024"
        );
    }
}
