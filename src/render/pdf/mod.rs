//! The PDF dossier's rendering foundation.
//!
//! Content flows in one direction, so every stage can be tested on its own:
//!
//! 1. the caller builds a list of [`layout::Block`]s (paragraphs, tables, boxes, columns);
//! 2. [`layout::layout`] measures them with the embedded fonts and places every string, rule
//!    and box on A4 pages — the [`layout::LayoutModel`], plain data that tests snapshot;
//! 3. [`write::write_pdf`] turns the model into printpdf operations and byte-reproducible PDF
//!    bytes.
//!
//! Nothing here knows about the engine's result types: the dossier builder that maps results to
//! blocks lives elsewhere and only depends on this module's public API.

#![warn(missing_docs)]

pub mod fonts;
pub mod layout;
pub mod write;

#[cfg(test)]
mod tests;

pub use fonts::{FontStyle, Fonts};
pub use layout::{Block, Decorations, LayoutModel, PageSetup, layout};
pub use write::{DocDate, DocumentInfo, write_pdf};

/// A rendered document: the bytes, and the model they were drawn from (for checks and
/// reviews).
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// What was drawn where.
    pub model: LayoutModel,
    /// The PDF file.
    pub bytes: Vec<u8>,
}

/// Lays out `blocks` and writes the PDF in one call, with the process-wide fonts.
pub fn render(
    blocks: &[Block],
    setup: &PageSetup,
    decorations: &Decorations<'_>,
    info: &DocumentInfo,
) -> Result<Rendered, PdfError> {
    let fonts = Fonts::get()?;
    let model = layout(blocks, setup, fonts, decorations)?;
    let bytes = write_pdf(&model, fonts, info)?;
    Ok(Rendered { model, bytes })
}

/// Everything that can stop a PDF from being produced.
///
/// Each variant names what to fix: the text with the unknown character, the row that is too
/// tall, the date that does not exist.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be parsed (a broken build, never user data).
    #[error("cannot parse the embedded font Liberation Serif {style}")]
    FontParse {
        /// The face that failed.
        style: FontStyle,
    },
    /// The text contains a character the embedded font cannot draw.
    #[error(
        "character {character:?} (U+{code:04X}) has no glyph in Liberation Serif {style}; \
         in the text {text:?}"
    )]
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
    #[error("{what} is {height:.1} pt tall but a page body holds only {available:.1} pt")]
    TooTall {
        /// What was being placed, e.g. "table row 12".
        what: String,
        /// Its measured height in points.
        height: f32,
        /// The free height on an empty page in points.
        available: f32,
    },
    /// Table cells do not add up to the table's columns.
    #[error("table row {row} spans {span} columns but the table has {columns}")]
    TableShape {
        /// The row (0 = header).
        row: usize,
        /// The sum of its cells' spans.
        span: usize,
        /// The number of columns declared.
        columns: usize,
    },
    /// The page setup leaves no room for content.
    #[error("page setup leaves no body: {0}")]
    PageSetup(String),
    /// A date that does not exist on the calendar.
    #[error("invalid document date {year:04}-{month:02}-{day:02}")]
    InvalidDate {
        /// Year.
        year: i32,
        /// Month (1–12).
        month: u8,
        /// Day of the month.
        day: u8,
    },
    /// printpdf or lopdf failed while serialising.
    #[error("cannot write the PDF: {0}")]
    Write(String),
}
