//! The decision dossier of a unit and the round's summary, as PDF documents in Vietnamese
//! administrative form (Nghị định 30/2020/NĐ-CP).
//!
//! A dossier is a *rendering of the result*: every number, row, reason and incident comes from
//! the [`UnitResult`] and its trace, and every title, label and reference from the criteria set,
//! the policy and the round's settings. Nothing is computed again here.

use super::pdf::layout::{
    Align, Cell, Column, Notice, PageContext, Paragraph, Run, Table, TableColumn, TableRow,
};
use super::pdf::{
    Block, Decorations, DocDate, DocumentInfo, PageSetup, PdfError, Rendered, render,
};
use crate::base::date::Date;
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::report::{ENGINE, RoundReport};
use crate::evaluate::round::RoundSettings;
use crate::rules::criteria::{CriteriaSet, OutsideEffect};
use crate::rules::policy::Policy;
use crate::script::Measure;
use crate::words::dossier::{self as words, Words};
use crate::words::format;

/// What a dossier needs besides the result: the rules it was decided by, the round, and the
/// language it is written in.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The round's settings (authority, council, place, date, signatories).
    pub settings: &'a RoundSettings,
    /// The criteria set the result was scored by.
    pub criteria: &'a CriteriaSet,
    /// The local policy, if the round has one.
    pub policy: Option<&'a Policy>,
    /// The language of the documents: Vietnamese, the language of record, by default; an
    /// English dossier says on its first page that it is a translation.
    pub lang: Lang,
}

impl Context<'_> {
    /// The fixed phrases of the context's language.
    fn words(&self) -> &'static Words {
        words::words(self.lang)
    }
}

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

/// The unit's kind in the set's words, e.g. "thị trấn" / "township".
fn kind_word<'a>(result: &'a UnitResult, ctx: &Context<'a>) -> &'a str {
    ctx.criteria.unit_kind_word(&result.kind, ctx.lang)
}

/// "Xã Sơn Thượng" / "Sơn Thượng Commune".
fn unit_title(result: &UnitResult, ctx: &Context) -> String {
    words::unit_title(kind_word(result, ctx), &result.name, ctx.lang)
}

/// The class threshold when the set decides by it; `None` when it declares no
/// `class_threshold` condition, so that no dossier presents a threshold that decided nothing.
fn applied_threshold(threshold: Points, ctx: &Context) -> Option<Points> {
    ctx.criteria.applies_class_threshold().then_some(threshold)
}

fn doc_date(d: Date) -> Result<DocDate, PdfError> {
    DocDate::new(i32::from(d.year()), d.month(), d.day())
}

/// The two-column header of Nghị định 30/2020: issuing body and council on the left, the
/// national motto and the place and date on the right.
fn header(ctx: &Context) -> Block {
    let (settings, w) = (ctx.settings, ctx.words());
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
                    Paragraph::bold(w.national_name)
                        .size(12.0)
                        .leading(1.15)
                        .centred(),
                    Paragraph::bold(w.motto)
                        .size(13.0)
                        .leading(1.15)
                        .centred()
                        .rule_below(1.0)
                        .space_after(6.0),
                    Paragraph::italic(words::place_and_date(
                        &settings.place,
                        settings.decision_date,
                        ctx.lang,
                    ))
                    .size(13.0)
                    .centred(),
                ],
            },
        ],
    }
}

/// The title of a document, over as many lines as it takes, `space_after` it; in a
/// translation, the note that the Vietnamese document is the one of record comes under it.
fn title(text: String, space_after: f32, ctx: &Context) -> Vec<Block> {
    let title = Paragraph::bold(text).size(14.0).centred().keep_together();
    match ctx.words().of_record {
        None => vec![Block::Paragraph(title.space_after(space_after))],
        Some(note) => vec![
            Block::Paragraph(title),
            Block::Paragraph(
                Paragraph::italic(note)
                    .size(SMALL)
                    .centred()
                    .space_before(2.0)
                    .space_after(space_after.max(4.0)),
            ),
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

/// The evidence an indicator used, as the dossier prints it: "118/120 = 98,33 %", or every
/// value it read by its label.
fn evidence_cell(ind: &crate::evaluate::score::IndicatorScore, ctx: &Context) -> String {
    if let Some(Measure::Rate(r)) = &ind.measure {
        return words::rate(r, ctx.lang);
    }
    ind.reads
        .iter()
        .map(|r| {
            let label = ctx
                .criteria
                .label_of(&r.name)
                .map_or(r.name.as_str(), |t| t.get(ctx.lang));
            let ty = ctx
                .criteria
                .inputs()
                .iter()
                .find(|i| i.name == r.name)
                .map(|i| i.ty);
            format!("{label}: {}", words::value(&r.value, ty, ctx.lang))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The score table: every criterion (shaded, with its subtotal and met / not met) and every
/// indicator with the evidence it used, the rule row that applied and its points.
fn score_table(result: &UnitResult, ctx: &Context) -> Table {
    let (w, lang) = (ctx.words(), ctx.lang);
    let mut table = small_table(&[
        (w.indicator, 34.0, Align::Left),
        (w.evidence, 29.0, Align::Left),
        (w.rule, 19.0, Align::Left),
        (w.points, 18.0, Align::Right),
    ]);
    for (c, def) in result.criteria.iter().zip(ctx.criteria.criteria()) {
        table.rows.push(TableRow::shaded(vec![
            Cell::bold(format!("{} — {}", c.id, def.title.get(lang))).span(3),
            Cell::bold(words::criterion_score(c.points, c.max, c.met, lang)),
        ]));
        for (ind, idef) in c.indicators.iter().zip(&def.indicators) {
            let mark = if ind.provisional { " *" } else { "" };
            table.rows.push(TableRow::new(vec![
                Cell::new(vec![
                    Run::bold(format!("{}{mark} ", ind.id)),
                    Run::regular(idef.title.get(lang)),
                ]),
                Cell::text(evidence_cell(ind, ctx)),
                Cell::text(words::rule_row(&ind.row, lang)),
                Cell::text(words::out_of(ind.points, ind.max, lang)),
            ]));
        }
    }
    table.rows.push(TableRow::shaded(vec![
        Cell::bold(words::total_row(
            applied_threshold(result.threshold, ctx),
            lang,
        ))
        .span(3),
        Cell::bold(words::out_of(result.total, ctx.criteria.max_points(), lang)),
    ]));
    table
}

/// A disqualifier of the policy by its title (its id when the policy has none such).
fn disqualifier_title(id: &str, ctx: &Context) -> String {
    ctx.policy
        .and_then(|p| p.disqualifiers().iter().find(|d| d.id == id))
        .map_or_else(|| id.to_string(), |d| d.title.get(ctx.lang).to_string())
}

fn incident_table(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let (w, lang) = (ctx.words(), ctx.lang);
    if result.incidents.is_empty() {
        return vec![line(w.no_incidents)];
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
        (w.incident_id, 17.0, Align::Left),
        (w.date, 14.0, Align::Left),
        (w.kind, 26.0, Align::Left),
        (w.fatal, 11.0, Align::Left),
        (w.support_plan, 15.0, Align::Left),
        (w.counted, 17.0, Align::Left),
    ];
    if !windows.is_empty() {
        // Disqualifiers by number in the column, by title in the line over the table: a row
        // stays short, and no id is printed.
        let spans: Vec<String> = windows
            .iter()
            .enumerate()
            .map(|(n, iw)| {
                words::window_span(
                    n + 1,
                    &disqualifier_title(&iw.disqualifier, ctx),
                    iw.window,
                    (iw.from, iw.to),
                    lang,
                )
            })
            .collect();
        blocks.push(small(words::windows_line(&spans, lang)));
        columns = vec![
            (w.incident_id, 14.0, Align::Left),
            (w.date, 12.0, Align::Left),
            (w.kind, 17.0, Align::Left),
            (w.fatal, 8.0, Align::Left),
            (w.support_plan, 11.0, Align::Left),
            (w.counted, 11.0, Align::Left),
            (w.judged, 27.0, Align::Left),
        ];
    }
    let mut table = small_table(&columns);
    let yes_no = |b: bool| if b { w.yes } else { w.no };
    for i in &result.incidents {
        let mut row = vec![
            Cell::text(i.id.clone()),
            Cell::text(format::date(i.date, lang)),
            Cell::text(ctx.criteria.incident_kind_word(&i.kind, lang)),
            Cell::text(yes_no(i.fatal)),
            Cell::text(yes_no(i.support_plan_approved)),
            Cell::text(words::in_period(i.in_period, lang)),
        ];
        if !windows.is_empty() {
            let judged: Vec<String> = i
                .windows
                .iter()
                .map(|iw| {
                    let number = windows
                        .iter()
                        .position(|d| d.disqualifier == iw.disqualifier)
                        .map_or_else(String::new, |n| words::disqualifier_number(n + 1, lang));
                    format!("{number} {}", words::judged(iw.inside, iw.counted, lang))
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
    let (w, lang) = (ctx.words(), ctx.lang);
    let Some(policy) = ctx.policy else {
        return vec![line(w.no_policy)];
    };
    let mut blocks = vec![small(words::basis(policy.legal_basis(), lang))];
    let mut table = small_table(&[
        (w.disqualifier, 52.0, Align::Left),
        (w.result, 18.0, Align::Left),
        (w.incidents, 30.0, Align::Left),
    ]);
    for d in policy.disqualifiers() {
        let hit = result.disqualifiers.iter().find(|h| h.id == d.id);
        let incidents = hit.map(|h| listed(&h.incidents, lang)).unwrap_or_default();
        // The window is named only when the policy looks beyond the period, so that a
        // period-only policy prints as it always has.
        let window = if policy.has_other_windows() {
            words::window_clause(d.window, lang)
        } else {
            String::new()
        };
        table.rows.push(TableRow::new(vec![
            Cell::new(vec![Run::regular(format!(
                "{} ({}){window}",
                d.title.get(lang),
                d.reference
            ))]),
            if hit.is_some() {
                Cell::bold(w.held)
            } else {
                Cell::text(w.no)
            },
            Cell::text(incidents),
        ]));
    }
    blocks.push(Block::Table(table));
    blocks
}

fn conclusion(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let (w, lang) = (ctx.words(), ctx.lang);
    let mut blocks = vec![Block::Paragraph(
        Paragraph::bold(words::conclusion(result.recognised, lang))
            .size(15.0)
            .centred()
            .space_before(12.0)
            .space_after(6.0)
            .keep_together(),
    )];
    if result.recognised {
        // Every condition the set declares, in its own words, with the unit's figures.
        blocks.push(line(words::meets_every_condition(
            &unit_title(result, ctx),
            lang,
        )));
        let mut references: Vec<&str> = Vec::new();
        for condition in ctx.criteria.conditions() {
            blocks.push(line(format!(
                "– {}: {}.",
                condition.label.get(lang),
                crate::words::reasons::figures(condition, result, lang)
            )));
            if !references.contains(&condition.reference.as_str()) {
                references.push(&condition.reference);
            }
        }
        blocks.push(line(w.no_disqualifier_holds));
        blocks.push(small(words::conditions_basis(&references, lang)));
    } else {
        blocks.push(line(w.reasons));
        for f in &result.failures {
            blocks.push(line(format!(
                "– {}",
                crate::words::reasons::reason(f, lang, ctx.criteria, ctx.policy, &result.class)
            )));
        }
    }
    blocks
}

fn provisional_notice<S: std::borrow::Borrow<str>>(rules: &[S], ctx: &Context) -> Option<Block> {
    (!rules.is_empty()).then(|| {
        Block::Notice(Notice {
            padding: 6.0,
            thickness: 1.0,
            paragraphs: vec![
                Paragraph::bold(ctx.words().provisional_title).size(SMALL),
                Paragraph::text(words::provisional_body(rules, ctx.lang))
                    .size(SMALL)
                    .space_before(2.0),
            ],
        })
    })
}

fn provenance(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let (w, lang) = (ctx.words(), ctx.lang);
    let set = ctx.criteria;
    let mut blocks = vec![
        heading(w.provenance_heading),
        small(words::set_provenance(
            set.id(),
            set.title().get(lang),
            set.legal_basis(),
            lang,
        )),
    ];
    if let Some(p) = ctx.policy {
        blocks.push(small(words::policy_provenance(
            p.id(),
            p.title().get(lang),
            p.legal_basis(),
            lang,
        )));
    }
    let mut table = small_table(&[(w.file, 38.0, Align::Left), ("SHA-256", 62.0, Align::Left)]);
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
        Cell::bold(words::evidence_file(&result.evidence_file, lang)),
        Cell::bold(result.evidence_sha256.clone()),
    ]));
    blocks.push(Block::Table(table));
    blocks.push(small(words::engine(ENGINE, lang)));
    if result.synthetic {
        blocks.push(small(w.illustrative_dossier));
    }
    blocks.extend(provisional_notice(&result.provisional_rules, ctx));
    blocks
}

/// Ends a document with the signature block, kept on one page with the block before it: a
/// page holding only signatures would be signing nothing.
fn sign(blocks: &mut Vec<Block>, ctx: &Context) {
    let mut last: Vec<Block> = blocks.pop().into_iter().collect();
    last.push(signatures(ctx));
    blocks.push(Block::Group(last));
}

fn signatures(ctx: &Context) -> Block {
    let (settings, w) = (ctx.settings, ctx.words());
    // Titles the round declares are its own words, printed as written in either language.
    let chair = settings.chair_title.as_deref().unwrap_or(w.chair);
    let preparer = settings.preparer_title.as_deref().unwrap_or(w.preparer);
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
                Paragraph::italic(w.sign).size(SMALL).centred(),
            ],
            vec![
                Paragraph::bold(w.on_behalf).size(TEXT).centred(),
                Paragraph::bold(chair).size(TEXT).centred(),
                Paragraph::italic(w.sign_and_seal).size(SMALL).centred(),
            ],
        ),
        Block::Spacer(70.0),
    ])
}

/// The mark printed on every page: illustrative data, a round outside its criteria set's
/// period in force, or both.
type Mark = dyn Fn(PageContext) -> Option<String> + Sync;

/// Renders `blocks` on A4 pages numbered from page 2 on, with `mark` (if any) on every page.
fn render_a4(
    blocks: &[Block],
    mark: Option<String>,
    info: &DocumentInfo,
) -> Result<Rendered, PdfError> {
    let print = move |_: PageContext| mark.clone();
    let decorations = Decorations {
        page_numbers: true,
        mark: Some(&print as &Mark),
    };
    render(blocks, &PageSetup::a4_decree_30(), &decorations, info)
}

/// The boxed notice of a round evaluated outside its criteria set's period in force.
fn outside_effect_notice(outside: &OutsideEffect, lang: Lang) -> Block {
    Block::Notice(Notice {
        padding: 6.0,
        thickness: 1.0,
        paragraphs: vec![
            Paragraph::bold(words::outside_effect_title(outside.year, lang)).size(SMALL),
            Paragraph::text(words::outside_effect_body(outside, lang))
                .size(SMALL)
                .space_before(2.0),
        ],
    })
}

/// The blocks of one unit's dossier, in the order of `dossier.md`.
pub fn dossier_blocks(result: &UnitResult, ctx: &Context) -> Vec<Block> {
    let (s, w, lang) = (ctx.settings, ctx.words(), ctx.lang);
    let class = ctx.criteria.class(&result.class);
    let mut blocks = vec![header(ctx), Block::Spacer(16.0)];
    blocks.extend(title(
        words::dossier_title(ctx.criteria.subject().get(lang), s.year, lang),
        0.0,
        ctx,
    ));
    blocks.extend([
        Block::Paragraph(
            Paragraph::bold(unit_title(result, ctx))
                .size(14.0)
                .centred()
                .space_after(8.0),
        ),
        line(words::code_and_kind(
            &result.code,
            kind_word(result, ctx),
            lang,
        )),
        line(words::class_line(
            class.map_or(result.class.as_str(), |c| c.label.get(lang)),
            applied_threshold(result.threshold, ctx),
            lang,
        )),
        line(words::period_line(
            result.period.from,
            result.period.to,
            ctx.criteria.legal_basis(),
            lang,
        )),
    ]);
    let outside = ctx.criteria.outside_effect(s.year);
    blocks.extend(outside.as_ref().map(|o| outside_effect_notice(o, lang)));
    blocks.extend([
        heading(w.score_heading),
        Block::Table(score_table(result, ctx)),
        small(w.provisional_key),
        heading(w.register_heading),
    ]);
    blocks.extend(incident_table(result, ctx));
    blocks.push(heading(w.disqualifiers_heading));
    blocks.extend(disqualifier_blocks(result, ctx));
    blocks.push(heading(w.conclusion_heading));
    blocks.extend(conclusion(result, ctx));
    blocks.push(heading(w.criteria_heading));
    for met in [true, false] {
        let ids: Vec<&str> = result
            .criteria
            .iter()
            .filter(|c| c.met == met)
            .map(|c| c.id.as_str())
            .collect();
        blocks.push(line(words::criteria_list(met, &ids, lang)));
    }
    blocks.extend(provenance(result, ctx));
    sign(&mut blocks, ctx);
    blocks
}

/// Renders one unit's dossier.
pub fn dossier(result: &UnitResult, ctx: &Context) -> Result<Rendered, PdfError> {
    let info = DocumentInfo {
        title: words::dossier_document(&unit_title(result, ctx), ctx.settings.year, ctx.lang),
        author: ctx.settings.authority.clone(),
        subject: ctx.settings.name.clone(),
        date: doc_date(ctx.settings.decision_date)?,
    };
    let outside = ctx.criteria.outside_effect(ctx.settings.year).is_some();
    render_a4(
        &dossier_blocks(result, ctx),
        words::page_mark(result.synthetic, outside, ctx.lang),
        &info,
    )
}

/// The blocks of the round's summary: every unit, the counts, and the units proposed for
/// recognition (the draft annex of the authority's decision).
pub fn summary_blocks(report: &RoundReport, ctx: &Context) -> Vec<Block> {
    let (s, w, lang) = (ctx.settings, ctx.words(), ctx.lang);
    let (yes, no) = report.counts();
    let mut blocks = vec![header(ctx), Block::Spacer(16.0)];
    blocks.extend(title(
        words::summary_title(ctx.criteria.subject().get(lang), s.year, lang),
        6.0,
        ctx,
    ));
    blocks.push(line(words::round_line(
        &s.name,
        ctx.criteria.legal_basis(),
        lang,
    )));
    if let Some(p) = ctx.policy {
        blocks.push(line(words::policy_line(p.legal_basis(), lang)));
    }
    blocks.extend(
        ctx.criteria
            .outside_effect(s.year)
            .as_ref()
            .map(|o| outside_effect_notice(o, lang)),
    );
    // Classes are numbered in the set's order (stable across rounds); the legend under the
    // table gives each number its label and threshold.
    let class_number = |id: &str| {
        ctx.criteria
            .classes()
            .iter()
            .position(|c| c.id == id)
            .map_or_else(|| id.to_string(), |i| words::row_number(i + 1, lang))
    };
    let mut table = small_table(&[
        (w.row_number, 5.0, Align::Right),
        (w.code, 9.0, Align::Left),
        (w.unit, 18.0, Align::Left),
        (w.class, 9.0, Align::Right),
        (w.total, 9.0, Align::Right),
        (w.threshold, 10.0, Align::Right),
        (w.disqualifiers, 22.0, Align::Left),
        (w.result, 18.0, Align::Left),
    ]);
    for (n, u) in report.units.iter().enumerate() {
        let dq: Vec<String> = u
            .disqualifiers
            .iter()
            .map(|d| disqualifier_title(&d.id, ctx))
            .collect();
        let result = if u.recognised {
            Cell::bold(w.recognised)
        } else {
            Cell::text(w.not_recognised)
        };
        table.rows.push(TableRow::new(vec![
            Cell::text(words::row_number(n + 1, lang)),
            Cell::text(u.code.clone()),
            Cell::text(unit_title(u, ctx)),
            Cell::text(class_number(&u.class)),
            Cell::text(format::points(u.total, lang)),
            Cell::text(format::points(u.threshold, lang)),
            Cell::text(if dq.is_empty() {
                "—".to_string()
            } else {
                dq.join("; ")
            }),
            result,
        ]));
    }
    blocks.push(heading(w.units_heading));
    blocks.push(Block::Table(table));
    for (i, class) in ctx.criteria.classes().iter().enumerate() {
        if report.units.iter().any(|u| u.class == class.id) {
            blocks.push(small(words::class_legend(
                i + 1,
                class.label.get(lang),
                applied_threshold(class.threshold, ctx),
                lang,
            )));
        }
    }
    blocks.push(line(words::counts(report.units.len(), yes, no, lang)));
    if !report.errors.is_empty() {
        blocks.push(line(words::evidence_errors(report.errors.len(), lang)));
    }
    blocks.push(heading(w.proposed_heading));
    let proposed: Vec<&UnitResult> = report.units.iter().filter(|u| u.recognised).collect();
    if proposed.is_empty() {
        blocks.push(line(w.none_proposed));
    }
    for (n, u) in proposed.iter().enumerate() {
        blocks.push(line(words::proposed(
            n + 1,
            &unit_title(u, ctx),
            &u.code,
            u.total,
            lang,
        )));
    }
    if report.units.iter().any(|u| u.synthetic) {
        blocks.push(small(w.illustrative_summary));
    }
    blocks.push(small(words::engine(ENGINE, lang)));
    blocks.extend(provisional_notice(&report.round.provisional_rules, ctx));
    sign(&mut blocks, ctx);
    blocks
}

/// Renders the round's summary.
pub fn summary(report: &RoundReport, ctx: &Context) -> Result<Rendered, PdfError> {
    let info = DocumentInfo {
        title: words::summary_document(
            ctx.criteria.subject().get(ctx.lang),
            ctx.settings.year,
            ctx.lang,
        ),
        author: ctx.settings.authority.clone(),
        subject: ctx.settings.name.clone(),
        date: doc_date(ctx.settings.decision_date)?,
    };
    let synthetic = report.units.iter().any(|u| u.synthetic);
    let outside = ctx.criteria.outside_effect(ctx.settings.year).is_some();
    render_a4(
        &summary_blocks(report, ctx),
        words::page_mark(synthetic, outside, ctx.lang),
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
    each_round_document(report, ctx, tick, &Ok)
}

/// Renders every document of [`round_documents`] in parallel and hands each to `keep` as soon
/// as it is made, so that no more PDFs are held at once than there are threads rendering
/// (`cfc evaluate --out` writes each to its file and keeps its hash). What `keep` returns is
/// collected in [`round_documents`]' order; the first error of either stops the rest.
pub fn each_round_document<T: Send, E: From<PdfError> + Send>(
    report: &RoundReport,
    ctx: &Context,
    tick: &(dyn Fn() + Sync),
    keep: &(dyn Fn(RoundDocument) -> Result<T, E> + Sync),
) -> Result<Vec<T>, E> {
    use rayon::prelude::*;
    // The summary renders beside the dossiers, not after them: alone at the end it kept one
    // core busy and the other idle for a third of a second of the national round. It is kept
    // last all the same, and a dossier's failure is the one reported.
    let (dossiers, summary) = rayon::join(
        || {
            report
                .units
                .par_iter()
                // Split to the end: rayon splits a slice only when a thread steals from it, and
                // a thread left without work found nothing to steal while the other rendered a
                // last run of about 160 dossiers alone (0.8 s of the national round).
                .with_max_len(4)
                .map(|u| {
                    let rendered = dossier(u, ctx)?;
                    let kept = keep(RoundDocument {
                        code: Some(u.code.clone()),
                        file: file_name(u),
                        bytes: rendered.bytes,
                    })?;
                    tick();
                    Ok(kept)
                })
                .collect::<Result<Vec<_>, E>>()
        },
        || -> Result<T, E> {
            let kept = keep(RoundDocument {
                code: None,
                file: "summary.pdf".to_string(),
                bytes: summary(report, ctx)?.bytes,
            })?;
            tick();
            Ok(kept)
        },
    );
    let mut kept = dossiers?;
    kept.push(summary?);
    Ok(kept)
}

/// How many incident ids a disqualifier's cell names: a row must fit on a page, and a unit
/// can hold thousands of incidents (every one of them is in the incident table).
const LISTED_INCIDENTS: usize = 20;

/// The ids of the incidents that made a disqualifier hold, the first [`LISTED_INCIDENTS`] of
/// them and the count of the others.
fn listed(ids: &[String], lang: Lang) -> String {
    let shown = ids[..ids.len().min(LISTED_INCIDENTS)].join(", ");
    match ids.len().saturating_sub(LISTED_INCIDENTS) {
        0 => shown,
        more => words::more_incidents(&shown, more, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disqualifier_cell_names_at_most_twenty_incidents() {
        let ids: Vec<String> = (1..=300).map(|k| format!("VL-{k:03}")).collect();
        let cell = listed(&ids, Lang::Vi);
        assert!(cell.starts_with("VL-001, VL-002,"));
        assert!(cell.ends_with("VL-020 và 280 sự việc khác (xem bảng sự việc)"));
        assert_eq!(listed(&ids[..2], Lang::Vi), "VL-001, VL-002");
        assert!(
            listed(&ids, Lang::En)
                .ends_with("VL-020 and 280 other incidents (see the incident register)")
        );
    }
}
