//! A small layout engine of our own: content [`Block`]s in, a [`LayoutModel`] out.
//!
//! printpdf 0.12 without its HTML feature only draws what it is told where it is told, so
//! measuring, wrapping, aligning and paginating happen here, on the glyph advances of the
//! embedded fonts. The output is plain data — every string with its page, position, face and
//! size; every rule and box — so tests can check it without parsing a PDF.
//!
//! Coordinates are PDF points (1/72 inch) with the origin at the bottom-left of the page, as in
//! the PDF itself; a text's `y` is its baseline.

use serde::Serialize;

use super::error::{PdfError, Placed};
use super::face::FontStyle;
use super::fonts::Fonts;
use crate::base::points::push_whole;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub const fn mm(value: f32) -> f32 {
    value * PT_PER_MM
}

/// Returns `text` in Unicode NFC.
///
/// printpdf does no shaping: a decomposed "ủ" (u + horn + hook) would be drawn as three glyphs
/// with misplaced marks, and the composed form is what the font has glyphs for.
pub fn nfc(text: &str) -> String {
    crate::base::printable::nfc(text)
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Margins {
    /// Top margin.
    pub top: f32,
    /// Right margin.
    pub right: f32,
    /// Bottom margin.
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PageSetup {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Margins around the body.
    pub margins: Margins,
}

impl PageSetup {
    /// A4 portrait with margins inside the ranges of Nghị định 30/2020/NĐ-CP: top 20 mm,
    /// bottom 20 mm, left 30 mm (binding side), right 15 mm.
    pub fn a4_decree_30() -> Self {
        PageSetup {
            width: mm(210.0),
            height: mm(297.0),
            margins: Margins {
                top: mm(20.0),
                right: mm(15.0),
                bottom: mm(20.0),
                left: mm(30.0),
            },
        }
    }

    /// The body: the page minus its margins, where all content goes.
    pub fn body(&self) -> Area {
        Area {
            x: self.margins.left,
            y: self.margins.bottom,
            width: self.width - self.margins.left - self.margins.right,
            height: self.height - self.margins.top - self.margins.bottom,
        }
    }

    /// The whole page.
    pub fn page(&self) -> Area {
        Area {
            x: 0.0,
            y: 0.0,
            width: self.width,
            height: self.height,
        }
    }
}

/// A rectangle on the page; `x`, `y` is its lower-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Area {
    /// Left edge.
    pub x: f32,
    /// Bottom edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Area {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Top edge.
    pub fn top(&self) -> f32 {
        self.y + self.height
    }

    /// Whether the text's box (advance width × ascent + descent) lies inside, allowing
    /// `tolerance` points for rounding.
    pub fn contains_text(&self, text: &PlacedText, tolerance: f32) -> bool {
        text.x >= self.x - tolerance
            && text.x + text.width <= self.right() + tolerance
            && text.y - text.descent >= self.y - tolerance
            && text.y + text.ascent <= self.top() + tolerance
    }
}

/// Horizontal alignment of a line within its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Centre,
    /// Flush right.
    Right,
}

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text; spaces are break opportunities, `\n` forces a line break.
    pub text: String,
    /// Its face.
    pub style: FontStyle,
}

impl Run {
    /// Regular text.
    pub fn regular(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            style: FontStyle::Regular,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            style: FontStyle::Bold,
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            style: FontStyle::Italic,
        }
    }
}

/// A rule drawn under a paragraph's last line, centred on that line's measured text — the
/// short line under the issuing body and under "Độc lập - Tự do - Hạnh phúc".
///
/// Its length is measured on the paragraph's widest line, so a name that wraps onto a short
/// last line still gets a rule of the proportion the decree describes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleBelow {
    /// Length as a fraction of the widest line's width (1.0 = exactly the text's width).
    pub fraction: f32,
    /// Gap between the line's descent and the rule, in points.
    pub gap: f32,
    /// Stroke thickness in points.
    pub thickness: f32,
}

/// A paragraph: runs wrapped at spaces to the available width.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text, in one or more faces.
    pub runs: Vec<Run>,
    /// Font size in points.
    pub size: f32,
    /// Line height as a multiple of `size`.
    pub leading: f32,
    /// Alignment of every line.
    pub align: Align,
    /// Space above, in points (dropped at the top of a page).
    pub space_before: f32,
    /// Space below, in points.
    pub space_after: f32,
    /// Optional rule under the last line.
    pub rule_below: Option<RuleBelow>,
    /// Move the whole paragraph to the next page rather than split it.
    pub keep_together: bool,
}

impl Paragraph {
    /// A left-aligned 13 pt paragraph of `runs`.
    pub fn new(runs: Vec<Run>) -> Self {
        Paragraph {
            runs,
            size: 13.0,
            // Room for Vietnamese stacked marks (Ể, Ỗ) without lines touching.
            leading: 1.25,
            align: Align::Left,
            space_before: 0.0,
            space_after: 0.0,
            rule_below: None,
            keep_together: false,
        }
    }

    /// A paragraph of one regular run.
    pub fn text(text: impl Into<String>) -> Self {
        Paragraph::new(vec![Run::regular(text)])
    }

    /// A paragraph of one bold run.
    pub fn bold(text: impl Into<String>) -> Self {
        Paragraph::new(vec![Run::bold(text)])
    }

    /// A paragraph of one italic run.
    pub fn italic(text: impl Into<String>) -> Self {
        Paragraph::new(vec![Run::italic(text)])
    }

    /// Sets the font size.
    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    /// Sets the line height multiple.
    pub fn leading(mut self, leading: f32) -> Self {
        self.leading = leading;
        self
    }

    /// Sets the alignment.
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// Centres every line.
    pub fn centred(self) -> Self {
        self.align(Align::Centre)
    }

    /// Sets the space above.
    pub fn space_before(mut self, pt: f32) -> Self {
        self.space_before = pt;
        self
    }

    /// Sets the space below.
    pub fn space_after(mut self, pt: f32) -> Self {
        self.space_after = pt;
        self
    }

    /// Draws a rule under the last line, `fraction` of the widest line's width, centred on the
    /// last line.
    pub fn rule_below(mut self, fraction: f32) -> Self {
        self.rule_below = Some(RuleBelow {
            fraction,
            gap: 1.5,
            thickness: 0.6,
        });
        self
    }

    /// Keeps the paragraph on one page.
    pub fn keep_together(mut self) -> Self {
        self.keep_together = true;
        self
    }
}

/// One column of a [`Block::Columns`] group.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Share of the body width (weights are normalised over the group).
    pub weight: f32,
    /// The column's paragraphs, stacked from the top.
    pub paragraphs: Vec<Paragraph>,
}

/// A table column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableColumn {
    /// Share of the table width (weights are normalised).
    pub weight: f32,
    /// Default alignment of the column's cells.
    pub align: Align,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's text.
    pub runs: Vec<Run>,
    /// Overrides the column's alignment.
    pub align: Option<Align>,
    /// How many columns the cell covers (at least 1).
    pub span: usize,
}

impl Cell {
    /// A cell of regular text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell::new(vec![Run::regular(text)])
    }

    /// A cell of bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Cell::new(vec![Run::bold(text)])
    }

    /// A cell of `runs`.
    pub fn new(runs: Vec<Run>) -> Self {
        Cell {
            runs,
            align: None,
            span: 1,
        }
    }

    /// Overrides the alignment.
    pub fn align(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }

    /// Makes the cell cover `span` columns.
    pub fn span(mut self, span: usize) -> Self {
        self.span = span.max(1);
        self
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Cells, left to right; their spans must add up to the table's column count.
    pub cells: Vec<Cell>,
    /// Light grey background (subtotals, the header).
    pub shaded: bool,
}

impl TableRow {
    /// A plain row.
    pub fn new(cells: Vec<Cell>) -> Self {
        TableRow {
            cells,
            shaded: false,
        }
    }

    /// A shaded row.
    pub fn shaded(cells: Vec<Cell>) -> Self {
        TableRow {
            cells,
            shaded: true,
        }
    }
}

/// A ruled table whose rows never split across pages and whose header repeats on every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths and alignments.
    pub columns: Vec<TableColumn>,
    /// The header row, drawn at the top of the table and of every continuation page.
    pub header: TableRow,
    /// The body rows.
    pub rows: Vec<TableRow>,
    /// Font size of cells in points.
    pub size: f32,
    /// Line height as a multiple of `size`.
    pub leading: f32,
    /// Padding inside each cell, in points.
    pub padding: f32,
}

impl Table {
    /// A 11.5 pt table with the given columns and header.
    pub fn new(columns: Vec<TableColumn>, header: TableRow) -> Self {
        Table {
            columns,
            header,
            rows: Vec::new(),
            size: 11.5,
            leading: 1.2,
            padding: 3.0,
        }
    }
}

/// A framed block of paragraphs that stays on one page (e.g. the notice listing provisional
/// rules).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Content, stacked from the top.
    pub paragraphs: Vec<Paragraph>,
    /// Space between the frame and the text, in points.
    pub padding: f32,
    /// Frame thickness in points.
    pub thickness: f32,
}

/// One unit of content, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Wrapped text; may split between lines across pages unless kept together.
    Paragraph(Paragraph),
    /// Vertical space in points (dropped at the top of a page).
    Spacer(f32),
    /// A horizontal rule across the body.
    Rule {
        /// Stroke thickness in points.
        thickness: f32,
    },
    /// Side-by-side columns kept on one page (the administrative header, signatures).
    Columns {
        /// The columns.
        columns: Vec<Column>,
        /// Gap between columns in points.
        gap: f32,
    },
    /// A table.
    Table(Table),
    /// A framed notice.
    Notice(Notice),
    /// Blocks kept together on one page, e.g. the conclusion with its signature block, or a
    /// row of titles, a gap and a row of names. Page breaks inside a group are ignored.
    Group(Vec<Block>),
    /// Continue on a new page.
    PageBreak,
}

/// What a text item is for, so checks can treat body text and page furniture differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextRole {
    /// Content, inside the margins.
    Body,
    /// The page number, in the top margin as the decree asks.
    PageNumber,
    /// A per-page mark such as "DỮ LIỆU MINH HỌA", in the bottom margin.
    Mark,
}

impl TextRole {
    /// The role as `{:?}` writes it.
    pub(super) fn name(self) -> &'static str {
        match self {
            TextRole::Body => "Body",
            TextRole::PageNumber => "PageNumber",
            TextRole::Mark => "Mark",
        }
    }
}

/// A string at a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedText {
    /// What it is for.
    pub role: TextRole,
    /// Face.
    pub style: FontStyle,
    /// Size in points.
    pub size: f32,
    /// Left end of the baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Measured advance width.
    pub width: f32,
    /// Face ascent at this size (for bounds checks).
    pub ascent: f32,
    /// Face descent at this size, positive (for bounds checks).
    pub descent: f32,
    /// Fill grey level, 0 = black.
    pub grey: f32,
    /// The text, in NFC.
    pub text: String,
}

/// A straight stroked line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedLine {
    /// Start x.
    pub x1: f32,
    /// Start y.
    pub y1: f32,
    /// End x.
    pub x2: f32,
    /// End y.
    pub y2: f32,
    /// Stroke thickness.
    pub thickness: f32,
}

/// A rectangle, filled and/or stroked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedRect {
    /// Its area.
    pub area: Area,
    /// Fill grey level, if filled (0 = black, 1 = white).
    pub fill_grey: Option<f32>,
    /// Stroke thickness, if stroked.
    pub stroke: Option<f32>,
}

/// Anything drawn on a page, in drawing order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// A string.
    Text(PlacedText),
    /// A line.
    Line(PlacedLine),
    /// A rectangle.
    Rect(PlacedRect),
}

impl Item {
    fn shifted(mut self, dx: f32, dy: f32) -> Item {
        match &mut self {
            Item::Text(t) => {
                t.x += dx;
                t.y += dy;
            }
            Item::Line(l) => {
                l.x1 += dx;
                l.x2 += dx;
                l.y1 += dy;
                l.y2 += dy;
            }
            Item::Rect(r) => {
                r.area.x += dx;
                r.area.y += dy;
            }
        }
        self
    }
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutPage {
    /// 1-based page number.
    pub number: usize,
    /// Items in drawing order.
    pub items: Vec<Item>,
}

/// The laid-out document: what will be drawn, where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutModel {
    /// Page size and margins of every page.
    pub setup: PageSetup,
    /// The pages.
    pub pages: Vec<LayoutPage>,
}

impl LayoutModel {
    /// Every string with its page number, in drawing order.
    pub fn texts(&self) -> impl Iterator<Item = (usize, &PlacedText)> {
        self.pages.iter().flat_map(|page| {
            page.items.iter().filter_map(move |item| match item {
                Item::Text(t) => Some((page.number, t)),
                _ => None,
            })
        })
    }

    /// A line-per-item listing for snapshots and reviews: page, kind, position (pt, two
    /// decimals), face, size and text.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        self.dump_to(&mut out);
        out
    }

    /// Writes [`LayoutModel::dump`]'s text to `out` (a hasher, say) without holding it whole:
    /// a page at a time.
    pub fn dump_to(&self, out: &mut dyn std::fmt::Write) {
        // Every dossier's trailer /ID hashes this listing, so it is made for every PDF, and the
        // formatter's machinery was most of its cost (7 % of a round's processor time): its
        // words and numbers are appended as the formatter writes them, numbers by `places`
        // and `whole`, the text by `quoted`.
        use std::fmt::Write as _;
        let mut buf = String::new();
        for page in &self.pages {
            buf.clear();
            buf.push_str("page ");
            push_whole(&mut buf, page.number as u64);
            buf.push('\n');
            for item in &page.items {
                match item {
                    Item::Text(t) => {
                        buf.push_str("  text ");
                        buf.push_str(t.role.name());
                        buf.push(' ');
                        buf.push_str(t.style.name());
                        buf.push(' ');
                        numbered(
                            &mut buf,
                            &[
                                ("", t.size, 1),
                                (" x=", t.x, 2),
                                (" y=", t.y, 2),
                                (" w=", t.width, 2),
                            ],
                        );
                        buf.push(' ');
                        quoted(&mut buf, &t.text);
                        buf.push('\n');
                    }
                    Item::Line(l) => {
                        numbered(
                            &mut buf,
                            &[
                                ("  line (", l.x1, 2),
                                (",", l.y1, 2),
                                (")-(", l.x2, 2),
                                (",", l.y2, 2),
                                (") t=", l.thickness, 2),
                            ],
                        );
                        buf.push('\n');
                    }
                    Item::Rect(r) => {
                        numbered(
                            &mut buf,
                            &[
                                ("  rect x=", r.area.x, 2),
                                (" y=", r.area.y, 2),
                                (" w=", r.area.width, 2),
                                (" h=", r.area.height, 2),
                            ],
                        );
                        let _ = writeln!(buf, " fill={:?} stroke={:?}", r.fill_grey, r.stroke);
                    }
                }
            }
            let _ = out.write_str(&buf);
        }
    }
}

/// Appends `text` as `{:?}` writes it. Without the formatter for the letters a dossier is
/// written in (printable ASCII but the quote and the backslash, and the precomposed Latin
/// letters of Vietnamese, none of which `{:?}` escapes); any other text goes to the formatter.
pub(super) fn quoted(out: &mut String, text: &str) {
    use std::fmt::Write as _;
    let plain = |c: char| {
        matches!(c, ' '..='~' if c != '"' && c != '\\')
            || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
    };
    if text.chars().all(plain) {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        let _ = write!(out, "{text:?}");
    }
}

/// Appends each number after its words, with its number of places ([`places`]).
fn numbered(out: &mut String, parts: &[(&str, f32, u32)]) {
    for &(words, x, decimals) in parts {
        out.push_str(words);
        places(out, x, decimals);
    }
}

/// Appends `x` with `decimals` places exactly as `format!("{x:.decimals$}")` writes it: the
/// exact binary value rounded half to even, a minus for any negative value, zero included.
/// Computed in integers for the values a page holds (whole part below 2^24, at most 4 places);
/// any other goes to the formatter.
pub(super) fn places(out: &mut String, x: f32, decimals: u32) {
    use std::fmt::Write as _;
    let bits = x.to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32;
    let fraction = u64::from(bits & 0x7f_ffff);
    // x = mantissa × 2^-shift, exactly.
    let (mantissa, shift) = match exponent {
        // Zero, of either sign, is common on a page.
        0 if fraction == 0 => (0, 0),
        0 => (fraction, 149),
        255 => (0, -1),
        e => (fraction | 1 << 23, 150 - e),
    };
    if decimals > 4 || !(0..=120).contains(&shift) {
        let _ = write!(out, "{x:.*}", decimals as usize);
        return;
    }
    // In u64, not u128, whose divisions are calls: below 2^24 × 10^4 < 2^38.
    let scale = 10u64.pow(decimals);
    let scaled = mantissa * scale;
    let q = match shift {
        0 => scaled,
        // Less than half of one: rounds to zero.
        64.. => 0,
        _ => {
            let (q, r) = (scaled >> shift, scaled & ((1u64 << shift) - 1));
            let half = 1u64 << (shift - 1);
            q + u64::from(r > half || (r == half && q % 2 == 1))
        }
    };
    if bits >> 31 == 1 {
        out.push('-');
    }
    push_whole(out, q / scale);
    if decimals > 0 {
        out.push('.');
        // Its leading zeros: `q % scale` has at most `decimals` digits.
        let fraction = q % scale;
        let mut digits = 1;
        while digits < decimals && fraction >= 10u64.pow(digits) {
            digits += 1;
        }
        (digits..decimals).for_each(|_| out.push('0'));
        push_whole(out, fraction);
    }
}

/// Facts about a page handed to the mark callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageContext {
    /// 1-based page number.
    pub number: usize,
    /// Total number of pages.
    pub total: usize,
}

/// Furniture added to every page once the page count is known.
#[derive(Default)]
pub struct Decorations<'a> {
    /// Number pages from page 2 on, centred in the top margin (Nghị định 30/2020).
    pub page_numbers: bool,
    /// Returns the mark to print in the bottom margin of a page, if any — e.g.
    /// "DỮ LIỆU MINH HỌA" on every page of a dossier built from synthetic evidence.
    pub mark: Option<&'a (dyn Fn(PageContext) -> Option<String> + Sync)>,
}

/// Lays out `blocks` on pages of `setup`, then adds `decorations`.
pub fn layout(
    blocks: &[Block],
    setup: &PageSetup,
    fonts: &Fonts,
    decorations: &Decorations<'_>,
) -> Result<LayoutModel, PdfError> {
    let body = setup.body();
    if !(body.width > 0.0 && body.height > 0.0) {
        return Err(PdfError::PageSetup(format!(
            "body is {:.1} × {:.1} pt",
            body.width, body.height
        )));
    }
    let mut flow = Flow::new(body);
    for block in blocks {
        flow.block(block, fonts)?;
    }
    let mut pages: Vec<LayoutPage> = flow
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, items)| LayoutPage {
            number: i + 1,
            items,
        })
        .collect();
    let total = pages.len();
    for page in &mut pages {
        decorate(page, total, setup, fonts, decorations)?;
    }
    Ok(LayoutModel {
        setup: *setup,
        pages,
    })
}

fn decorate(
    page: &mut LayoutPage,
    total: usize,
    setup: &PageSetup,
    fonts: &Fonts,
    decorations: &Decorations<'_>,
) -> Result<(), PdfError> {
    let body = setup.body();
    let centre = body.x + body.width / 2.0;
    if decorations.page_numbers && page.number >= 2 {
        let size = 13.0;
        let text = page.number.to_string();
        let style = FontStyle::Regular;
        let width = fonts.width(style, size, &text)?;
        // Vertically centred in the top margin.
        let y = setup.height - setup.margins.top / 2.0 - size * 0.35;
        page.items.push(Item::Text(placed(
            fonts,
            TextRole::PageNumber,
            style,
            size,
            centre - width / 2.0,
            y,
            width,
            text,
        )));
    }
    if let Some(mark) = decorations.mark {
        let context = PageContext {
            number: page.number,
            total,
        };
        if let Some(text) = mark(context) {
            let size = 11.0;
            let style = FontStyle::Bold;
            let text = nfc(&text);
            let width = fonts.width(style, size, &text)?;
            let y = setup.margins.bottom / 2.0 - size * 0.35;
            let mut item = placed(
                fonts,
                TextRole::Mark,
                style,
                size,
                centre - width / 2.0,
                y,
                width,
                text,
            );
            item.grey = 0.35;
            page.items.push(Item::Text(item));
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn placed(
    fonts: &Fonts,
    role: TextRole,
    style: FontStyle,
    size: f32,
    x: f32,
    y: f32,
    width: f32,
    text: String,
) -> PlacedText {
    PlacedText {
        role,
        style,
        size,
        x,
        y,
        width,
        ascent: fonts.ascent(style, size),
        descent: fonts.descent(style, size),
        grey: 0.0,
        text,
    }
}

/// A measured piece of content that is placed as a unit. Items are relative: `x` from the
/// body's left edge, `y` from the fragment's top (so negative downwards).
#[derive(Debug, Clone)]
struct Fragment {
    height: f32,
    items: Vec<Item>,
}

/// The cursor that flows fragments down the pages.
struct Flow {
    body: Area,
    pages: Vec<Vec<Item>>,
    /// Top of the free space on the current page.
    y: f32,
    /// Whether anything has been placed on the current page (an empty page never breaks).
    page_has_content: bool,
}

impl Flow {
    fn new(body: Area) -> Self {
        Flow {
            body,
            pages: vec![Vec::new()],
            y: body.top(),
            page_has_content: false,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.body.top();
        self.page_has_content = false;
    }

    fn remaining(&self) -> f32 {
        self.y - self.body.y
    }

    /// Breaks the page first unless `height` fits; errors if it cannot fit even on an empty
    /// page.
    fn make_room(&mut self, height: f32, what: Placed) -> Result<(), PdfError> {
        // Rounding slack: a fragment that fits exactly must not break the page.
        const EPS: f32 = 0.01;
        if height > self.remaining() + EPS && self.page_has_content {
            self.new_page();
        }
        if height > self.remaining() + EPS {
            return Err(PdfError::TooTall {
                what,
                height,
                available: self.body.height,
            });
        }
        Ok(())
    }

    fn place(&mut self, fragment: &Fragment) {
        let (dx, dy) = (self.body.x, self.y);
        let page = self.pages.last_mut();
        if let Some(page) = page {
            page.extend(fragment.items.iter().cloned().map(|i| i.shifted(dx, dy)));
        }
        self.y -= fragment.height;
        self.page_has_content = true;
    }

    fn space(&mut self, pt: f32) {
        // Space at the top of a page would only push content down.
        if self.page_has_content {
            self.y = (self.y - pt).max(self.body.y);
        }
    }

    fn block(&mut self, block: &Block, fonts: &Fonts) -> Result<(), PdfError> {
        match block {
            Block::Paragraph(p) => {
                self.space(p.space_before);
                let lines = paragraph_lines(p, self.body.width, fonts)?;
                if p.keep_together {
                    let whole = stack(&lines);
                    self.make_room(whole.height, Placed::Paragraph)?;
                    self.place(&whole);
                } else {
                    for line in &lines {
                        self.make_room(line.height, Placed::Line)?;
                        self.place(line);
                    }
                }
                self.space(p.space_after);
            }
            Block::Spacer(pt) => self.space(*pt),
            Block::Rule { thickness } => {
                let fragment = rule_fragment(*thickness, self.body.width);
                self.make_room(fragment.height, Placed::Rule)?;
                self.place(&fragment);
            }
            Block::Group(blocks) => {
                let fragment = group_fragment(blocks, self.body.width, fonts)?;
                self.make_room(fragment.height, Placed::Group)?;
                self.place(&fragment);
            }
            Block::Columns { columns, gap } => {
                let fragment = columns_fragment(columns, *gap, self.body.width, fonts)?;
                self.make_room(fragment.height, Placed::Columns)?;
                self.place(&fragment);
            }
            Block::Table(table) => self.table(table, fonts)?,
            Block::Notice(notice) => {
                let fragment = notice_fragment(notice, self.body.width, fonts)?;
                self.make_room(fragment.height, Placed::Notice)?;
                self.place(&fragment);
            }
            Block::PageBreak => {
                if self.page_has_content {
                    self.new_page();
                }
            }
        }
        Ok(())
    }

    fn table(&mut self, table: &Table, fonts: &Fonts) -> Result<(), PdfError> {
        let edges = column_edges(&table.columns, self.body.width);
        let header = row_fragment(table, &table.header, 0, &edges, true, fonts)?;
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| row_fragment(table, row, i + 1, &edges, false, fonts))
            .collect::<Result<Vec<_>, _>>()?;
        // The header never stands alone at the foot of a page: it goes with the first row.
        let first = rows.first().map_or(0.0, |r| r.height);
        self.make_room(header.height + first, Placed::TableHead)?;
        self.place(&header);
        for (i, row) in rows.iter().enumerate() {
            if row.height > self.remaining() + 0.01 {
                self.new_page();
                self.make_room(header.height + row.height, Placed::TableRow(i + 1))?;
                self.place(&header);
            }
            self.place(row);
        }
        Ok(())
    }
}

fn rule_fragment(thickness: f32, width: f32) -> Fragment {
    let y = -2.0 - thickness / 2.0;
    Fragment {
        height: thickness + 4.0,
        items: vec![Item::Line(PlacedLine {
            x1: 0.0,
            y1: y,
            x2: width,
            y2: y,
            thickness,
        })],
    }
}

/// Measures a block as one unbreakable fragment (for [`Block::Group`]).
fn block_fragment(block: &Block, width: f32, fonts: &Fonts) -> Result<Fragment, PdfError> {
    let empty = |height: f32| Fragment {
        height,
        items: Vec::new(),
    };
    Ok(match block {
        Block::Paragraph(p) => {
            let mut parts = vec![empty(p.space_before)];
            parts.extend(paragraph_lines(p, width, fonts)?);
            parts.push(empty(p.space_after));
            stack(&parts)
        }
        Block::Spacer(pt) => empty(*pt),
        Block::Rule { thickness } => rule_fragment(*thickness, width),
        Block::Columns { columns, gap } => columns_fragment(columns, *gap, width, fonts)?,
        Block::Table(table) => {
            let edges = column_edges(&table.columns, width);
            let mut parts = vec![row_fragment(table, &table.header, 0, &edges, true, fonts)?];
            for (i, row) in table.rows.iter().enumerate() {
                parts.push(row_fragment(table, row, i + 1, &edges, false, fonts)?);
            }
            stack(&parts)
        }
        Block::Notice(notice) => notice_fragment(notice, width, fonts)?,
        Block::Group(blocks) => group_fragment(blocks, width, fonts)?,
        Block::PageBreak => empty(0.0),
    })
}

fn group_fragment(blocks: &[Block], width: f32, fonts: &Fonts) -> Result<Fragment, PdfError> {
    let parts = blocks
        .iter()
        .map(|b| block_fragment(b, width, fonts))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(stack(&parts))
}

/// Stacks fragments into one.
fn stack(fragments: &[Fragment]) -> Fragment {
    let mut items = Vec::new();
    let mut y = 0.0;
    for fragment in fragments {
        items.extend(fragment.items.iter().cloned().map(|i| i.shifted(0.0, -y)));
        y += fragment.height;
    }
    Fragment { height: y, items }
}

/// A styled piece of a line, measured in font units.
#[derive(Debug, Clone)]
struct Piece {
    style: FontStyle,
    text: String,
    units: u32,
}

#[derive(Debug, Default)]
struct LineBuf {
    pieces: Vec<Piece>,
}

impl LineBuf {
    fn push(&mut self, piece: Piece) {
        match self.pieces.last_mut() {
            Some(last) if last.style == piece.style => {
                last.text.push_str(&piece.text);
                last.units += piece.units;
            }
            _ => self.pieces.push(piece),
        }
    }

    fn width(&self, fonts: &Fonts, size: f32) -> f32 {
        self.pieces
            .iter()
            .map(|p| fonts.units_to_pt(p.style, p.units, size))
            .sum()
    }

    fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

enum Token {
    Word(Vec<Piece>),
    Space(FontStyle),
    Break,
}

/// U+00A0, the space that joins two words on one line.
pub const NO_BREAK_SPACE: char = '\u{a0}';

/// Splits runs into words, spaces and hard breaks, normalising to NFC and measuring each piece.
fn tokenize(runs: &[Run], fonts: &Fonts) -> Result<Vec<Token>, PdfError> {
    let mut tokens = Vec::new();
    let mut word: Vec<Piece> = Vec::new();
    fn flush(word: &mut Vec<Piece>, tokens: &mut Vec<Token>) {
        if !word.is_empty() {
            tokens.push(Token::Word(std::mem::take(word)));
        }
    }
    for run in runs {
        let text = nfc(&run.text);
        for ch in text.chars() {
            match ch {
                ' ' | '\t' => {
                    flush(&mut word, &mut tokens);
                    if !matches!(tokens.last(), Some(Token::Space(_)) | None) {
                        tokens.push(Token::Space(run.style));
                    }
                }
                '\n' => {
                    flush(&mut word, &mut tokens);
                    tokens.push(Token::Break);
                }
                '\r' => {}
                _ => {
                    // A no-break space (between a figure and its unit: "98,33 %") is drawn
                    // as a space inside a word, so the line never breaks there.
                    let ch = if ch == NO_BREAK_SPACE { ' ' } else { ch };
                    let mut buf = [0u8; 4];
                    let s = ch.encode_utf8(&mut buf);
                    let units = fonts.advance_units(run.style, s, &text)?;
                    match word.last_mut() {
                        Some(last) if last.style == run.style => {
                            last.text.push(ch);
                            last.units += units;
                        }
                        _ => word.push(Piece {
                            style: run.style,
                            text: s.to_owned(),
                            units,
                        }),
                    }
                }
            }
        }
    }
    flush(&mut word, &mut tokens);
    Ok(tokens)
}

/// Greedy line breaking at spaces; a word wider than the line is broken between characters
/// (long codes and hashes must not overflow the margin).
fn wrap(runs: &[Run], size: f32, max_width: f32, fonts: &Fonts) -> Result<Vec<LineBuf>, PdfError> {
    const EPS: f32 = 0.001;
    let tokens = tokenize(runs, fonts)?;
    let mut lines = Vec::new();
    let mut line = LineBuf::default();
    let mut pending_space: Option<FontStyle> = None;
    for token in tokens {
        match token {
            Token::Space(style) => {
                if !line.is_empty() {
                    pending_space = Some(style);
                }
            }
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                pending_space = None;
            }
            Token::Word(pieces) => {
                let word_width: f32 = pieces
                    .iter()
                    .map(|p| fonts.units_to_pt(p.style, p.units, size))
                    .sum();
                let space = match pending_space.take() {
                    Some(style) if !line.is_empty() => Some(Piece {
                        style,
                        text: " ".into(),
                        units: fonts.advance_units(style, " ", " ")?,
                    }),
                    _ => None,
                };
                let space_width = space
                    .as_ref()
                    .map_or(0.0, |s| fonts.units_to_pt(s.style, s.units, size));
                if !line.is_empty()
                    && line.width(fonts, size) + space_width + word_width <= max_width + EPS
                {
                    if let Some(space) = space {
                        line.push(space);
                    }
                    pieces.into_iter().for_each(|p| line.push(p));
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_width <= max_width + EPS {
                    pieces.into_iter().for_each(|p| line.push(p));
                    continue;
                }
                // Too long for any line: break between characters.
                for piece in pieces {
                    for ch in piece.text.chars() {
                        let mut buf = [0u8; 4];
                        let s = ch.encode_utf8(&mut buf);
                        let units = fonts.advance_units(piece.style, s, &piece.text)?;
                        let w = fonts.units_to_pt(piece.style, units, size);
                        if !line.is_empty() && line.width(fonts, size) + w > max_width + EPS {
                            lines.push(std::mem::take(&mut line));
                        }
                        line.push(Piece {
                            style: piece.style,
                            text: s.to_owned(),
                            units,
                        });
                    }
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// Places a wrapped line's pieces, aligned within `[x0, x0 + width]`, baseline at `y`.
/// Returns the items and the line's left edge and width.
fn line_items(
    line: &LineBuf,
    size: f32,
    align: Align,
    x0: f32,
    width: f32,
    y: f32,
    fonts: &Fonts,
) -> (Vec<Item>, f32, f32) {
    let line_width = line.width(fonts, size);
    let start = match align {
        Align::Left => x0,
        Align::Centre => x0 + (width - line_width) / 2.0,
        Align::Right => x0 + width - line_width,
    };
    let mut x = start;
    let mut items = Vec::with_capacity(line.pieces.len());
    for piece in &line.pieces {
        let w = fonts.units_to_pt(piece.style, piece.units, size);
        items.push(Item::Text(placed(
            fonts,
            TextRole::Body,
            piece.style,
            size,
            x,
            y,
            w,
            piece.text.clone(),
        )));
        x += w;
    }
    (items, start, line_width)
}

/// Baseline offset from the top of a line box: the face's ascent plus half the leading left
/// over after ascent + descent, so text sits in the middle of its line.
fn baseline_offset(size: f32, leading: f32, fonts: &Fonts) -> f32 {
    let asc = fonts.ascent(FontStyle::Regular, size);
    let desc = fonts.descent(FontStyle::Regular, size);
    ((size * leading - asc - desc) / 2.0).max(0.0) + asc
}

/// Lays out a paragraph within `width` as one fragment per line (the last one carrying the
/// rule below, if any), x relative to the paragraph's left edge.
fn paragraph_lines(p: &Paragraph, width: f32, fonts: &Fonts) -> Result<Vec<Fragment>, PdfError> {
    let lines = wrap(&p.runs, p.size, width, fonts)?;
    let line_height = p.size * p.leading;
    let baseline = baseline_offset(p.size, p.leading, fonts);
    let count = lines.len();
    let widest = lines
        .iter()
        .map(|l| l.width(fonts, p.size))
        .fold(0.0f32, f32::max);
    let mut fragments = Vec::with_capacity(count);
    for (i, line) in lines.iter().enumerate() {
        let (mut items, start, line_width) =
            line_items(line, p.size, p.align, 0.0, width, -baseline, fonts);
        let mut height = line_height;
        if let (Some(rule), true) = (p.rule_below, i + 1 == count) {
            let y = -baseline
                - fonts.descent(FontStyle::Regular, p.size)
                - rule.gap
                - rule.thickness / 2.0;
            let length = widest * rule.fraction;
            let mid = start + line_width / 2.0;
            items.push(Item::Line(PlacedLine {
                x1: mid - length / 2.0,
                y1: y,
                x2: mid + length / 2.0,
                y2: y,
                thickness: rule.thickness,
            }));
            height = height.max(-y + rule.thickness / 2.0 + 1.0);
        }
        fragments.push(Fragment { height, items });
    }
    Ok(fragments)
}

/// Paragraphs stacked in a box of `width`, with their spacing, as one fragment.
fn stacked_paragraphs(
    paragraphs: &[Paragraph],
    width: f32,
    fonts: &Fonts,
) -> Result<Fragment, PdfError> {
    let mut parts = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 && p.space_before > 0.0 {
            parts.push(Fragment {
                height: p.space_before,
                items: Vec::new(),
            });
        }
        parts.extend(paragraph_lines(p, width, fonts)?);
        if i + 1 < paragraphs.len() && p.space_after > 0.0 {
            parts.push(Fragment {
                height: p.space_after,
                items: Vec::new(),
            });
        }
    }
    Ok(stack(&parts))
}

fn columns_fragment(
    columns: &[Column],
    gap: f32,
    width: f32,
    fonts: &Fonts,
) -> Result<Fragment, PdfError> {
    let total_weight: f32 = columns.iter().map(|c| c.weight.max(0.0)).sum();
    let usable = width - gap * columns.len().saturating_sub(1) as f32;
    let mut x = 0.0;
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for column in columns {
        let w = if total_weight > 0.0 {
            usable * column.weight.max(0.0) / total_weight
        } else {
            0.0
        };
        let fragment = stacked_paragraphs(&column.paragraphs, w, fonts)?;
        height = height.max(fragment.height);
        items.extend(fragment.items.into_iter().map(|i| i.shifted(x, 0.0)));
        x += w + gap;
    }
    Ok(Fragment { height, items })
}

fn notice_fragment(notice: &Notice, width: f32, fonts: &Fonts) -> Result<Fragment, PdfError> {
    let inset = notice.padding + notice.thickness;
    let inner = stacked_paragraphs(&notice.paragraphs, width - 2.0 * inset, fonts)?;
    let height = inner.height + 2.0 * inset;
    let half = notice.thickness / 2.0;
    let mut items = vec![Item::Rect(PlacedRect {
        // The stroke is centred on the path: inset by half of it to stay inside the body.
        area: Area {
            x: half,
            y: -height + half,
            width: width - notice.thickness,
            height: height - notice.thickness,
        },
        fill_grey: None,
        stroke: Some(notice.thickness),
    })];
    items.extend(inner.items.into_iter().map(|i| i.shifted(inset, -inset)));
    Ok(Fragment { height, items })
}

/// Column boundaries from the weights: `n + 1` x positions from 0 to `width`.
fn column_edges(columns: &[TableColumn], width: f32) -> Vec<f32> {
    let total: f32 = columns.iter().map(|c| c.weight.max(0.0)).sum();
    let mut edges = Vec::with_capacity(columns.len() + 1);
    let mut acc = 0.0;
    edges.push(0.0);
    for column in columns {
        acc += column.weight.max(0.0);
        edges.push(if total > 0.0 {
            width * acc / total
        } else {
            0.0
        });
    }
    edges
}

const GRID: f32 = 0.5;

fn row_fragment(
    table: &Table,
    row: &TableRow,
    index: usize,
    edges: &[f32],
    is_header: bool,
    fonts: &Fonts,
) -> Result<Fragment, PdfError> {
    let columns = table.columns.len();
    let span: usize = row.cells.iter().map(|c| c.span.max(1)).sum();
    if span != columns {
        return Err(PdfError::TableShape {
            row: index,
            span,
            columns,
        });
    }
    let line_height = table.size * table.leading;
    let baseline = baseline_offset(table.size, table.leading, fonts);
    let mut col = 0;
    let mut cells = Vec::with_capacity(row.cells.len());
    let mut height: f32 = 0.0;
    for cell in &row.cells {
        let span = cell.span.max(1);
        let (x0, x1) = (edges[col], edges[col + span]);
        let align = cell.align.unwrap_or(if is_header {
            Align::Centre
        } else {
            table.columns[col].align
        });
        let lines = wrap(&cell.runs, table.size, x1 - x0 - 2.0 * table.padding, fonts)?;
        height = height.max(lines.len() as f32 * line_height + 2.0 * table.padding);
        cells.push((x0, x1, align, lines));
        col += span;
    }
    let width = edges[columns];
    let mut items = Vec::new();
    if row.shaded || is_header {
        items.push(Item::Rect(PlacedRect {
            area: Area {
                x: 0.0,
                y: -height,
                width,
                height,
            },
            fill_grey: Some(0.9),
            stroke: None,
        }));
    }
    for (x0, x1, align, lines) in &cells {
        for (i, line) in lines.iter().enumerate() {
            let y = -table.padding - i as f32 * line_height - baseline;
            let inner = x1 - x0 - 2.0 * table.padding;
            let (line, _, _) = line_items(
                line,
                table.size,
                *align,
                x0 + table.padding,
                inner,
                y,
                fonts,
            );
            items.extend(line);
        }
    }
    // Grid: each row draws its bottom and its cells' left edges; the header also draws the
    // top, and every row follows either the header or another row on its page.
    let hline = |y: f32| {
        Item::Line(PlacedLine {
            x1: 0.0,
            y1: y,
            x2: width,
            y2: y,
            thickness: GRID,
        })
    };
    // A shaded row's fill covers half of the rule above it: redraw that rule.
    if is_header || row.shaded {
        items.push(hline(0.0));
    }
    items.push(hline(-height));
    for (x0, _, _, _) in &cells {
        items.push(Item::Line(PlacedLine {
            x1: *x0,
            y1: 0.0,
            x2: *x0,
            y2: -height,
            thickness: GRID,
        }));
    }
    items.push(Item::Line(PlacedLine {
        x1: width,
        y1: 0.0,
        x2: width,
        y2: -height,
        thickness: GRID,
    }));
    Ok(Fragment { height, items })
}
