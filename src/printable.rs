//! What text an evidence file, a round's settings or a rule file may hold, so that whatever
//! `check` accepts is also drawn in a dossier, named in a file and shown on a terminal.
//!
//! The rules (documented in `docs/evidence-format.md`):
//! - text is read as NFC: decomposed input (as some editors paste it) is composed, which is what
//!   the PDF layer draws anyway;
//! - no control characters (tab and newline included), no bidi controls, no zero-width or other
//!   invisible format characters, no byte order mark, no private-use or non-characters;
//! - every character has a glyph in all three faces of the vendored Liberation Serif, which
//!   also refuses unassigned code points, emoji and scripts the font does not cover;
//! - a length limit per field, in characters.
//!
//! Offending characters are named as `U+XXXX`, never printed, so that a hostile name cannot
//! drive the terminal that shows the diagnostic.

use unicode_normalization::UnicodeNormalization;

/// The longest text of a rule file (a title, a label, a legal reference), in characters: a
/// dossier table row of this many characters still fits on one page.
pub const MAX_RULE_TEXT_CHARS: usize = 1_000;

/// Deserialises a rule file's text, refusing what a dossier cannot print (the TOML reader
/// locates the error at the field).
pub(crate) fn rule_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = <String as serde::Deserialize>::deserialize(d)?;
    printable(&raw, "text", MAX_RULE_TEXT_CHARS).map_err(serde::de::Error::custom)
}

/// [`rule_text`] for an optional field.
pub(crate) fn optional_rule_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    rule_text(d).map(Some)
}

/// The longest unit name, in characters. Far above any Vietnamese commune name (the longest
/// are under 40), low enough that a dossier file name stays short (see `render::slug`).
pub const MAX_NAME_CHARS: usize = 120;

/// The longest round setting (title, authority, council, place, signatory titles).
pub const MAX_SETTING_CHARS: usize = 300;

/// The longest incident note, in characters: a short description, never a report.
pub const MAX_NOTE_CHARS: usize = 500;

/// The longest incident id, in characters.
pub const MAX_ID_CHARS: usize = 32;

/// Why a character is refused, or `None` if it may appear in printed text.
fn refusal(c: char) -> Option<&'static str> {
    let u = u32::from(c);
    if c.is_control() {
        return Some("a control character");
    }
    if matches!(u, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069) {
        return Some("a bidirectional control");
    }
    if u == 0xFEFF {
        return Some("a byte order mark");
    }
    if matches!(u, 0x200B..=0x200D | 0x2060..=0x2064 | 0x180E | 0x2028 | 0x2029) {
        return Some("an invisible formatting character");
    }
    if matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF) {
        return Some("a private-use character");
    }
    if matches!(u, 0xFDD0..=0xFDEF) || u & 0xFFFE == 0xFFFE {
        return Some("a non-character");
    }
    (!crate::glyphs::covered(c))
        .then_some("a character the dossier font (Liberation Serif) cannot draw")
}

/// `text` composed to NFC, or a message naming the first refused character of it and its
/// position (counted in characters from 1) or the length limit exceeded.
pub(crate) fn printable(text: &str, field: &str, max_chars: usize) -> Result<String, String> {
    let nfc: String = text.nfc().collect();
    if let Some((i, c, why)) = nfc
        .chars()
        .enumerate()
        .find_map(|(i, c)| refusal(c).map(|why| (i, c, why)))
    {
        return Err(format!(
            "{field}: character {} at position {} is {why}: expected printable text \
             (see docs/evidence-format.md)",
            code_point(c),
            i + 1
        ));
    }
    let count = nfc.chars().count();
    if count > max_chars {
        return Err(format!(
            "{field}: text of {count} characters: expected at most {max_chars}"
        ));
    }
    Ok(nfc)
}

/// A character as `U+XXXX`, the form every message uses instead of printing it.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether `id` is a short code: an ASCII letter or digit, then up to 31 letters, digits,
/// `.`, `_`, `/` or `-`. A code cannot carry a child's name into a dossier.
pub(crate) fn is_short_code(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_CHARS
        && b[0].is_ascii_alphanumeric()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"._/-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_in_both_normal_forms_is_accepted_as_nfc() {
        let nfc = "Xã Sơn Thượng – “Đắk Lắk” ỹ ẫ ặ ờ ự";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfd, nfc);
        assert_eq!(printable(&nfd, "unit.name", 120).as_deref(), Ok(nfc));
        // What Word pastes: no-break space, curly quotes, dashes, ellipsis.
        assert!(printable("A\u{a0}B — ‘x’ …", "f", 120).is_ok());
    }

    #[test]
    fn unprintable_characters_are_named_by_code_point_never_raw() {
        for (text, code, why) in [
            ("Sơn\u{1F600}", "U+1F600", "cannot draw"),
            ("\u{feff}Sơn", "U+FEFF", "byte order mark"),
            ("Sơn 山", "U+5C71", "cannot draw"),
            ("a\u{1b}[31m", "U+001B", "control"),
            ("a\tb", "U+0009", "control"),
            ("a\u{202e}b", "U+202E", "bidirectional"),
            ("a\u{200b}b", "U+200B", "invisible"),
            ("a\u{e000}", "U+E000", "private-use"),
            ("a\u{ffff}", "U+FFFF", "non-character"),
            ("a\u{378}", "U+0378", "cannot draw"),
        ] {
            let e = printable(text, "unit.name", 120).unwrap_err();
            assert!(e.contains(code) && e.contains(why), "{text:?}: {e}");
            assert!(!e.contains(text), "{e}");
        }
    }

    #[test]
    fn length_is_counted_in_characters() {
        let name = "ữ".repeat(120);
        assert!(printable(&name, "unit.name", 120).is_ok());
        let e = printable(&format!("{name}a"), "unit.name", 120).unwrap_err();
        assert!(
            e.ends_with("text of 121 characters: expected at most 120"),
            "{e}"
        );
    }

    #[test]
    fn incident_ids_are_short_codes() {
        for ok in ["ST-2024-01", "1.1", "E1", "a/b_c.d-e", &"X".repeat(32)] {
            assert!(is_short_code(ok), "{ok}");
        }
        for bad in ["", "-x", "Nguyễn Văn A", "a b", &"X".repeat(33), "a\u{1b}"] {
            assert!(!is_short_code(bad), "{bad}");
        }
    }
}
