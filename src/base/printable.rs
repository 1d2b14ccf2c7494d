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

use crate::base::diag::ValueProblem;

/// The longest text of a rule file (a title, a label, a legal reference), in characters: a
/// dossier table row of this many characters still fits on one page.
pub const MAX_RULE_TEXT_CHARS: usize = 1_000;

/// Deserialises a rule file's text, refusing what a dossier cannot print (the TOML reader
/// locates the error at the field).
///
/// serde carries only a message, so the refusal travels as its typed problem in JSON; the
/// loader turns it back into a [`ValueProblem`] with [`problem_in_message`] instead of
/// showing it.
pub(crate) fn rule_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = <String as serde::Deserialize>::deserialize(d)?;
    printable(&raw, MAX_RULE_TEXT_CHARS)
        .map_err(|p| serde::de::Error::custom(serde_json::to_string(&p).unwrap_or_default()))
}

/// [`rule_text`] for an optional field.
pub(crate) fn optional_rule_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    rule_text(d).map(Some)
}

/// The typed problem a refusal of [`rule_text`] carries through serde's message, if the
/// message is one.
pub(crate) fn problem_in_message(message: &str) -> Option<ValueProblem> {
    serde_json::from_str(message.trim()).ok()
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

/// Whether a character may appear in printed text.
fn printable_char(c: char) -> bool {
    let u = u32::from(c);
    let refused = c.is_control()
        // bidirectional controls
        || matches!(u, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        // byte order mark, invisible formatting characters
        || matches!(u, 0xFEFF | 0x200B..=0x200D | 0x2060..=0x2064 | 0x180E | 0x2028 | 0x2029)
        // private use, non-characters
        || matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF)
        || u & 0xFFFE == 0xFFFE;
    // The dossier draws every text in Liberation Serif: a character without a glyph in all
    // three faces (emoji, unassigned code points, other scripts) would print as a box.
    !refused && crate::base::glyphs::covered(c)
}

/// Every character printed text may hold, as ranges of code points (inclusive): what a schema
/// of the evidence states for its texts.
#[cfg(feature = "serve")]
pub(crate) fn printable_ranges() -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let candidates = crate::base::glyphs::COVERED
        .iter()
        .flat_map(|&(start, end)| start..=end)
        .filter_map(char::from_u32);
    for c in candidates.filter(|c| printable_char(*c)) {
        let u = u32::from(c);
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == u => last.1 = u,
            _ => ranges.push((u, u)),
        }
    }
    ranges
}

/// `text` in Unicode NFC. Almost every text cfc is given or writes is NFC already, which a
/// quick check tells without composing it again (composing was a twentieth of a dossier's
/// layout).
pub(crate) fn nfc(text: &str) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// `text` composed to NFC, or the problem: the first refused character (by its code point,
/// never the character itself) or the length limit exceeded.
pub(crate) fn printable(text: &str, max_chars: usize) -> Result<String, ValueProblem> {
    let nfc = nfc(text);
    if let Some(c) = nfc.chars().find(|c| !printable_char(*c)) {
        return Err(ValueProblem::NotPrintable {
            code_point: u32::from(c),
        });
    }
    let chars = nfc.chars().count();
    if chars > max_chars {
        return Err(ValueProblem::TooLong {
            chars,
            max: max_chars,
        });
    }
    Ok(nfc)
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
    fn nfc_composes_only_what_needs_it() {
        for text in [
            "Sơn Thượng",
            "Thị trấn Di Lăng",
            "a\u{301}",
            "\u{1ee7}",
            "",
            "A\u{30a}\u{301}",
        ] {
            let full: String = text.nfc().collect();
            assert_eq!(super::nfc(text), full, "{text:?}");
        }
    }

    #[test]
    fn vietnamese_in_both_normal_forms_is_accepted_as_nfc() {
        let nfc = "Xã Sơn Thượng – “Đắk Lắk” ỹ ẫ ặ ờ ự";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfd, nfc);
        assert_eq!(printable(&nfd, 120).as_deref(), Ok(nfc));
        // What Word pastes: no-break space, curly quotes, dashes, ellipsis.
        assert!(printable("A\u{a0}B — ‘x’ …", 120).is_ok());
    }

    #[test]
    fn unprintable_characters_are_named_by_code_point() {
        for (text, code_point) in [
            ("Sơn\u{1F600}", 0x1F600),
            ("\u{feff}Sơn", 0xFEFF),
            ("Sơn 山", 0x5C71),
            ("a\u{1b}[31m", 0x1B),
            ("a\tb", 0x9),
            ("a\u{202e}b", 0x202E),
            ("a\u{200b}b", 0x200B),
            ("a\u{e000}", 0xE000),
            ("a\u{ffff}", 0xFFFF),
            ("a\u{378}", 0x378),
        ] {
            assert_eq!(
                printable(text, 120),
                Err(ValueProblem::NotPrintable { code_point }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn length_is_counted_in_characters() {
        let name = "ữ".repeat(120);
        assert!(printable(&name, 120).is_ok());
        assert_eq!(
            printable(&format!("{name}a"), 120),
            Err(ValueProblem::TooLong {
                chars: 121,
                max: 120
            })
        );
    }

    #[test]
    fn a_refused_rule_text_carries_its_typed_problem_through_serde() {
        #[derive(serde::Deserialize, Debug)]
        struct Rule {
            #[serde(deserialize_with = "rule_text")]
            #[allow(dead_code)]
            title: String,
        }
        let e = toml::from_str::<Rule>("title = \"a\\u001bb\"").unwrap_err();
        assert_eq!(
            problem_in_message(e.message()),
            Some(ValueProblem::NotPrintable { code_point: 0x1B })
        );
        assert_eq!(problem_in_message("invalid type: integer"), None);
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
