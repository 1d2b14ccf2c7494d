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

mod error;
mod face;
pub mod fonts;
pub mod layout;
pub mod write;

#[cfg(test)]
mod tests;

pub use error::{PdfError, Placed};
pub use face::FontStyle;
pub use fonts::Fonts;
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
