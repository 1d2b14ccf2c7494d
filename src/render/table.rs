//! The terminal table a council reads, and the sanitiser every text shown on a terminal goes
//! through.

use std::borrow::Cow;
use std::fmt::Write;

use crate::base::lang::Lang;
use crate::evaluate::report::RoundReport;
use crate::words::format;
use crate::words::results::{self, Vocabulary};

/// How [`terminal_safe`] writes a character a terminal must not receive raw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escapes {
    /// As Rust writes it, `\u{1b}`; line breaks and tabs too (for one cell or one name).
    Cell,
    /// As Rust writes it, `\u{1b}`, keeping line breaks and tabs (for a whole printed text).
    Text,
    /// As JSON writes it, `\u001b`, keeping line breaks and tabs: the JSON means the same.
    Json,
}

/// Whether a terminal could act on `c` instead of showing it: C0 controls, DEL, C1 controls
/// (ESC starts colour, cursor and title sequences; CSI is U+009B), and the bidirectional
/// overrides and isolates that reorder what is shown (the "Trojan Source" characters).
fn unsafe_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every character a terminal could act on written as an escape instead; the
/// same text when there is none. Used by the table and by everything the command line prints.
pub fn terminal_safe(text: &str, escapes: Escapes) -> Cow<'_, str> {
    let keep = |c: char| escapes != Escapes::Cell && (c == '\n' || c == '\t');
    if !text.chars().any(|c| unsafe_on_terminal(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !unsafe_on_terminal(c) || keep(c) {
            out.push(c);
        } else if escapes == Escapes::Json {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

fn cell(s: &str) -> String {
    terminal_safe(s, Escapes::Cell).into_owned()
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.chars().count()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The results as an aligned table with a summary line, in the reader's language: labels of
/// classes and disqualifiers, numbers as the language writes them.
pub fn table(report: &RoundReport, words: &Vocabulary, lang: Lang) -> String {
    let head = results::table_header(lang);
    let rows: Vec<[String; 7]> = report
        .units
        .iter()
        .map(|u| {
            let dq = words.disqualifiers(u, lang);
            [
                cell(&u.code),
                cell(&u.name),
                cell(words.class(&u.class, lang)),
                format::points(u.total, lang),
                format::points(u.threshold, lang),
                if dq.is_empty() {
                    "—".to_string()
                } else {
                    cell(&dq.join(", "))
                },
                results::decision(u.recognised, lang).to_string(),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let right = [false, false, false, true, true, false, false];
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(right)
            .map(|((c, w), r)| pad(c, w, r))
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let r = &report.round;
    let mut out = format!(
        "{} — {}",
        cell(&r.name),
        cell(words.criteria.title().get(lang))
    );
    if let Some(p) = words.policy {
        out += &format!(" + {}", cell(p.title().get(lang)));
    }
    out.push('\n');
    if r.notice.is_some() {
        out += &format!("{}\n", results::synthetic_notice(lang));
    }
    if let Some(outside) = &r.outside_effect {
        out += &format!("{}\n", results::outside_effect(outside, lang));
    }
    out.push('\n');
    out += &line(&head.map(String::from));
    out += &line(&widths.map(|w| "─".repeat(w)));
    for row in &rows {
        out += &line(row);
    }
    let (yes, no) = report.counts();
    let files_with_errors = {
        let mut files: Vec<_> = report.errors.iter().map(|e| &e.file).collect();
        files.dedup();
        files.len()
    };
    out.push('\n');
    out += &results::table_counts(report.units.len(), yes, no, files_with_errors, lang);
    out.push('\n');
    for class in r
        .classes
        .iter()
        .filter(|c| report.units.iter().any(|u| u.class == c.id))
    {
        out += &results::class_line(&cell(class.label.get(lang)), class.threshold, lang);
        out.push('\n');
    }
    if !r.provisional_rules.is_empty() {
        out += &results::provisional_rules(&r.provisional_rules, lang);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(terminal_safe("Sơn Hà", Escapes::Cell), "Sơn Hà");
        assert_eq!(
            terminal_safe("a\u{1b}[31mb", Escapes::Cell),
            "a\\u{1b}[31mb"
        );
        assert_eq!(terminal_safe("x\u{202e}y", Escapes::Cell), "x\\u{202e}y");
        assert_eq!(
            terminal_safe("\u{9b}\u{7f}", Escapes::Cell),
            "\\u{9b}\\u{7f}"
        );
        assert_eq!(
            terminal_safe("a\nb\tc\r", Escapes::Cell),
            "a\\u{a}b\\u{9}c\\u{d}"
        );
        assert_eq!(terminal_safe("a\nb\tc\r", Escapes::Text), "a\nb\tc\\u{d}");
        assert_eq!(
            terminal_safe("\"a\u{1b}\u{2066}\"\n", Escapes::Json),
            "\"a\\u001b\\u2066\"\n"
        );
    }

    #[test]
    fn the_table_never_carries_an_escape_sequence() {
        let round = crate::Round::load("fixtures/son-ha-2024").unwrap();
        let mut report = RoundReport::new(&round, round.evaluate());
        report.units[0].name = "X\u{1b}]0;pwned\u{7}\u{202e}Y".to_string();
        report.round.name = "R\u{1b}[2J".to_string();
        let text = table(&report, &Vocabulary::of(&round), Lang::En);
        assert!(!text.chars().any(unsafe_on_terminal_or_cr), "{text}");
        assert!(text.contains("X\\u{1b}]0;pwned\\u{7}\\u{202e}Y"), "{text}");
        assert!(text.starts_with("R\\u{1b}[2J"), "{text}");
    }

    fn unsafe_on_terminal_or_cr(c: char) -> bool {
        c != '\n' && unsafe_on_terminal(c)
    }
}
