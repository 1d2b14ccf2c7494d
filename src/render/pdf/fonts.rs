//! The embedded Liberation Serif faces and the glyph metrics the layout measures with.
//!
//! The TTFs are compiled in (see `assets/fonts/README.md` for their source and licence), so no
//! machine needs them installed and every machine measures text identically.

use std::fmt;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::error::PdfError;
use super::face::FontStyle;

struct Face {
    parsed: ParsedFont,
    /// The face's glyph for each character of the Basic Multilingual Plane, as its cmap gives
    /// it: every dossier looks up each character it measures and draws, and the cmap's search
    /// was a few percent of a round.
    bmp: Box<[Option<u16>]>,
    /// Each glyph's advance width in font units, as the face's hmtx gives it:
    /// `get_horizontal_advance` reads the table anew for each character measured.
    advances: Box<[u16]>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

/// The parsed faces, shared by every render in the process.
pub struct Fonts {
    faces: [Face; 3],
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts").finish_non_exhaustive()
    }
}

static FONTS: OnceLock<Result<Fonts, PdfError>> = OnceLock::new();

impl Fonts {
    /// The process-wide fonts, parsed on first use (parsing three faces costs milliseconds;
    /// a round renders hundreds of dossiers).
    pub fn get() -> Result<&'static Fonts, PdfError> {
        FONTS
            .get_or_init(Fonts::parse)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn parse() -> Result<Fonts, PdfError> {
        let face = |style: FontStyle| -> Result<Face, PdfError> {
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(style.bytes(), 0, &mut warnings)
                .ok_or(PdfError::FontParse { style })?;
            let m = &parsed.pdf_font_metrics;
            let units_per_em = f32::from(m.units_per_em.max(1));
            let ascent = f32::from(m.ascender) / units_per_em;
            let descent = -f32::from(m.descender) / units_per_em;
            let bmp = (0..=u32::from(u16::MAX))
                .map(|c| parsed.lookup_glyph_index(c))
                .collect();
            let advances = (0..parsed.num_glyphs)
                .map(|gid| parsed.get_horizontal_advance(gid))
                .collect();
            Ok(Face {
                parsed,
                bmp,
                advances,
                units_per_em,
                ascent,
                descent,
            })
        };
        Ok(Fonts {
            faces: [
                face(FontStyle::Regular)?,
                face(FontStyle::Bold)?,
                face(FontStyle::Italic)?,
            ],
        })
    }

    fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }

    /// The parsed face, for embedding in the PDF.
    pub(crate) fn parsed(&self, style: FontStyle) -> &ParsedFont {
        &self.face(style).parsed
    }

    /// Advance width of `text` in font units, summed as integers so that measuring a line
    /// piece by piece or at once gives the same answer.
    ///
    /// `context` is the text reported if a character has no glyph.
    pub fn advance_units(
        &self,
        style: FontStyle,
        text: &str,
        context: &str,
    ) -> Result<u32, PdfError> {
        let face = self.face(style);
        let mut units = 0u32;
        for character in text.chars() {
            let gid = self
                .glyph(style, character)
                .ok_or_else(|| PdfError::MissingGlyph {
                    character,
                    code: u32::from(character),
                    style,
                    text: context.to_owned(),
                })?;
            let advance = match face.advances.get(usize::from(gid)) {
                Some(&advance) => advance,
                None => face.parsed.get_horizontal_advance(gid),
            };
            units += u32::from(advance);
        }
        Ok(units)
    }

    /// Whether `style` has a glyph for `character`: the query evidence validation asks so that
    /// text `check` accepts is text a dossier can draw.
    pub fn has_glyph(&self, style: FontStyle, character: char) -> bool {
        self.glyph(style, character).is_some()
    }

    /// The glyph of `character`; glyph 0 is `.notdef`, the box drawn for a missing glyph.
    fn glyph(&self, style: FontStyle, character: char) -> Option<u16> {
        self.mapped(style, character).filter(|&gid| gid != 0)
    }

    /// The glyph `style`'s cmap maps `character` to, `.notdef` included: what printpdf looks
    /// up to gather the glyphs a document uses.
    pub(crate) fn mapped(&self, style: FontStyle, character: char) -> Option<u16> {
        let face = self.face(style);
        match face.bmp.get(character as usize) {
            Some(&gid) => gid,
            None => face.parsed.lookup_glyph_index(u32::from(character)),
        }
    }

    /// Converts font units to points at `size`.
    pub fn units_to_pt(&self, style: FontStyle, units: u32, size: f32) -> f32 {
        // f32 is fine here: this is a coordinate, never a value shown to anyone.
        units as f32 * size / self.face(style).units_per_em
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, style: FontStyle, size: f32, text: &str) -> Result<f32, PdfError> {
        let units = self.advance_units(style, text, text)?;
        Ok(self.units_to_pt(style, units, size))
    }

    /// Height above the baseline the face reserves (hhea ascender), in points at `size`.
    pub fn ascent(&self, style: FontStyle, size: f32) -> f32 {
        self.face(style).ascent * size
    }

    /// Depth below the baseline the face reserves (hhea descender, positive), in points.
    pub fn descent(&self, style: FontStyle, size: f32) -> f32 {
        self.face(style).descent * size
    }
}
