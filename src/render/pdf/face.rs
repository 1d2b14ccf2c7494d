//! The faces of the document font (Liberation Serif regular, bold, italic), compiled in.
//!
//! The TTFs are compiled in (see `assets/fonts/README.md` for their source and licence), so no
//! machine needs them installed and every machine measures text identically.

use std::fmt;

use serde::Serialize;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf");

/// A face of the document font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FontStyle {
    /// Upright, normal weight: body text.
    Regular,
    /// Bold: headings, the issuing body, table headers.
    Bold,
    /// Italic: the place-and-date line, notes.
    Italic,
}

impl FontStyle {
    /// Every face, in the order fonts are registered in the PDF.
    pub const ALL: [FontStyle; 3] = [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic];

    /// The face as `{:?}` writes it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            FontStyle::Regular => "Regular",
            FontStyle::Bold => "Bold",
            FontStyle::Italic => "Italic",
        }
    }

    /// The PDF resource name, which printpdf also uses as the subset tag: six capital letters
    /// as ISO 32000-1 §9.6.4 asks, and fixed so that output bytes do not depend on a counter.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "CFCSRR",
            FontStyle::Bold => "CFCSRB",
            FontStyle::Italic => "CFCSRI",
        }
    }

    pub(super) fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => REGULAR,
            FontStyle::Bold => BOLD,
            FontStyle::Italic => ITALIC,
        }
    }

    pub(super) fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
        }
    }
}

impl fmt::Display for FontStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FontStyle::Regular => "Regular",
            FontStyle::Bold => "Bold",
            FontStyle::Italic => "Italic",
        })
    }
}
