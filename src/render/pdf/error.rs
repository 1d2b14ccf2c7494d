//! Why a PDF could not be drawn: a fault of the build (a font) or of the layout, never of the
//! evidence; said in the reader's words by `words::errors::pdf`.

use super::face::FontStyle;
use crate::words::errors::pdf as w;

/// A block of the layout that must stay whole on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Placed {
    /// A paragraph kept together.
    Paragraph,
    /// One line of a paragraph.
    Line,
    /// A horizontal rule.
    Rule,
    /// A group of blocks kept together.
    Group,
    /// Blocks side by side.
    Columns,
    /// A framed notice.
    Notice,
    /// A table's header with its first row.
    TableHead,
    /// A table's row (1 = the first under the header), with the header repeated above it.
    TableRow(usize),
}

impl Placed {
    /// What it is, in `lang`.
    pub fn words(self, lang: crate::Lang) -> String {
        let b = w::blocks(lang);
        match self {
            Placed::Paragraph => b.paragraph.into(),
            Placed::Line => b.line.into(),
            Placed::Rule => b.rule.into(),
            Placed::Group => b.group.into(),
            Placed::Columns => b.columns.into(),
            Placed::Notice => b.notice.into(),
            Placed::TableHead => b.table_head.into(),
            Placed::TableRow(n) => w::table_row(n, lang),
        }
    }
}

/// In English, as [`PdfError`]'s `Display` says it.
impl std::fmt::Display for Placed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(crate::Lang::En))
    }
}

/// Everything that can stop a PDF from being produced.
///
/// Each variant names what to fix: the text with the unknown character, the row that is too
/// tall, the date that does not exist.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// An embedded font could not be parsed (a broken build, never user data).
    FontParse {
        /// The face that failed.
        style: FontStyle,
    },
    /// The text contains a character the embedded font cannot draw.
    MissingGlyph {
        /// The character without a glyph.
        character: char,
        /// Its code point, for people reading the message.
        code: u32,
        /// The face that was asked for it.
        style: FontStyle,
        /// The whole text it appeared in, so the source can be found.
        text: String,
    },
    /// A block that must stay whole (a table row, a box, a column group) is taller than the
    /// body of an empty page, so no page break can help.
    TooTall {
        /// What was being placed.
        what: Placed,
        /// Its measured height in points.
        height: f32,
        /// The free height on an empty page in points.
        available: f32,
    },
    /// Table cells do not add up to the table's columns.
    TableShape {
        /// The row (0 = header).
        row: usize,
        /// The sum of its cells' spans.
        span: usize,
        /// The number of columns declared.
        columns: usize,
    },
    /// The page setup leaves no room for content.
    PageSetup(String),
    /// A date that does not exist on the calendar.
    InvalidDate {
        /// Year.
        year: i32,
        /// Month (1–12).
        month: u8,
        /// Day of the month.
        day: u8,
    },
    /// printpdf or lopdf failed while serialising.
    Write(String),
}

impl PdfError {
    /// What went wrong, in `lang`.
    pub fn words(&self, lang: crate::Lang) -> String {
        match self {
            PdfError::FontParse { style } => w::font(&style.to_string(), lang),
            PdfError::MissingGlyph {
                character,
                style,
                text,
                ..
            } => w::glyph(*character, &style.to_string(), text, lang),
            PdfError::TooTall {
                what,
                height,
                available,
            } => w::too_tall(&what.words(lang), *height, *available, lang),
            PdfError::TableShape { row, span, columns } => {
                w::table_shape(*row, *span, *columns, lang)
            }
            PdfError::PageSetup(detail) => w::page_setup(detail, lang),
            PdfError::InvalidDate { year, month, day } => w::date(*year, *month, *day, lang),
            PdfError::Write(detail) => w::write(detail, lang),
        }
    }
}

/// In English, for the log of an embedder; [`PdfError::words`] says it in either language.
impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(crate::Lang::En))
    }
}

impl std::error::Error for PdfError {}
