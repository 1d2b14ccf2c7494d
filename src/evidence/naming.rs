//! Files named after units: `<code>-<slug of the name>.<ext>`, the same for evidence files,
//! workbooks and dossiers.

use unicode_normalization::UnicodeNormalization;

use super::MAX_CODE_LEN;

/// A file name from a unit's name: "Sơn Bao" → `son-bao`, the way the fixtures are named.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if ('\u{300}'..='\u{36f}').contains(&c) => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The longest name part of a file name, in bytes: with the code and the extension the whole
/// name stays far below the 255 bytes file systems allow.
const MAX_SLUG_LEN: usize = 120;

/// The file name of a unit's evidence file or workbook: `<code>-<slug of the name>.<ext>`,
/// e.g. `21202-di-lang.toml`.
///
/// The code makes the name unique in a round whatever the units are called, and a name that
/// begins with a digit is never `round.toml`. A long name is cut at a word boundary. `None`
/// when the code is not 1 to [`MAX_CODE_LEN`] ASCII digits, which no evidence file may have.
pub fn unit_file_name(code: &str, name: &str, ext: &str) -> Option<String> {
    let digits = !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit());
    if !digits || code.len() > MAX_CODE_LEN {
        return None;
    }
    let mut slug = slug(name);
    if slug.len() > MAX_SLUG_LEN {
        // A slug is ASCII: any byte index is a char boundary.
        let mid_word = slug.as_bytes()[MAX_SLUG_LEN] != b'-';
        slug.truncate(MAX_SLUG_LEN);
        if mid_word && let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
    }
    Some(if slug.is_empty() {
        format!("{code}.{ext}")
    } else {
        format!("{code}-{slug}.{ext}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_the_fixture_names() {
        assert_eq!(slug("Sơn Bao"), "son-bao");
        assert_eq!(slug("Di Lăng"), "di-lang");
        assert_eq!(slug("Sơn Thượng"), "son-thuong");
        assert_eq!(slug("  Đặc khu  Côn Đảo "), "dac-khu-con-dao");
    }

    #[test]
    fn unit_file_names_carry_the_code_and_stay_short() {
        let name = |code, unit| unit_file_name(code, unit, "toml");
        assert_eq!(
            name("21202", "Di Lăng").as_deref(),
            Some("21202-di-lang.toml")
        );
        assert_eq!(name("21202", "Round").as_deref(), Some("21202-round.toml"));
        assert_eq!(name("00001", "!!!").as_deref(), Some("00001.toml"));
        assert_eq!(name("", "Round"), None);
        assert_eq!(name("2120a", "Round"), None);
        assert_eq!(name("../1", "x"), None);
        let too_long = "9".repeat(MAX_CODE_LEN + 1);
        assert_eq!(name(&too_long, "x"), None);
        let (code, unit) = ("9".repeat(MAX_CODE_LEN), "Sơn Thượng ".repeat(100));
        let long = name(&code, &unit).unwrap();
        assert!(
            long.len() <= 255 - ".cfc-XXXXXX.tmp".len(),
            "{}",
            long.len()
        );
        assert!(long.ends_with("-son-thuong.toml"), "{long}");
        // Cut inside a word: the whole word goes.
        let cut = name("21202", &format!("{} abcdef", "x".repeat(MAX_SLUG_LEN - 3))).unwrap();
        assert_eq!(cut, format!("21202-{}.toml", "x".repeat(MAX_SLUG_LEN - 3)));
    }
}
