//! One CSV row per unit, for spreadsheets.
//!
//! A spreadsheet opening a CSV reads a cell beginning with `=`, `+`, `-`, `@`, a tab or a
//! carriage return as a formula, so a unit name typed by a commune could run one. Such text
//! cells get a leading `'` (the OWASP advice, which spreadsheets show as plain text); numbers
//! (a negative total) are left as they are. `results.csv` starts with a UTF-8 byte order mark
//! so that Excel and LibreOffice read Vietnamese as UTF-8; the CSV printed on standard output
//! has none, since it goes to terminals and pipes, where a BOM is noise that corrupts the first
//! column's name.

use std::borrow::Cow;

use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::report::{RoundInfo, RoundReport};
use crate::words::results::{self, Vocabulary};

/// The UTF-8 byte order mark `results.csv` begins with.
pub const CSV_BOM: &str = "\u{feff}";

/// `s` as a spreadsheet must not mistake for a formula.
fn neutralised(s: &str) -> Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<rust_decimal::Decimal>().is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn field(s: &str) -> String {
    let s = neutralised(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// The bytes of `results.csv`: [`CSV_BOM`] and [`csv`].
pub fn csv_file(report: &RoundReport, words: &Vocabulary, lang: Lang) -> String {
    format!("{CSV_BOM}{}", csv(report, words, lang))
}

/// The results as CSV (without byte order mark): identity, decision, then each criterion's
/// points; every cell neutralised against formula injection.
///
/// The header names are fixed keys in both languages, so that programs read a column by its
/// name; an id column (`kind`, `class`, `disqualifiers`) keeps its place and is followed by
/// its label column in the reader's language (`kind_label`, `class_label`,
/// `disqualifier_labels`), `recognised` by `result`. Numbers (total, threshold, criterion
/// points) stay machine-readable, with a decimal point: a decimal comma would be read as a
/// field separator. `reasons` are sentences in the reader's language. A round evaluated
/// outside its criteria set's period in force gets a last column, `outside_effect`, holding
/// the notice on every row, so that no row read alone can pass for a decision.
pub fn csv(report: &RoundReport, words: &Vocabulary, lang: Lang) -> String {
    let mut out = String::new();
    let mut rows = CsvRows::begin(&report.round, words, lang);
    rows.write(&report.units, &mut out);
    rows.finish(&mut out);
    out
}

/// [`csv`]'s text written a batch of units at a time, so that a round's rows need not be held
/// together: [`CsvRows::write`] appends the rows of each batch in order, [`CsvRows::finish`]
/// ends the text. The header is written with the first unit, whose criteria name its columns
/// (a round without units has none).
pub struct CsvRows<'a> {
    words: &'a Vocabulary<'a>,
    lang: Lang,
    outside: Option<String>,
    headed: bool,
}

impl<'a> CsvRows<'a> {
    /// Rows of the round described by `round`, worded with `words` in `lang`.
    pub fn begin(round: &RoundInfo, words: &'a Vocabulary<'a>, lang: Lang) -> Self {
        CsvRows {
            words,
            lang,
            outside: round
                .outside_effect
                .as_ref()
                .map(|o| results::outside_effect(o, lang)),
            headed: false,
        }
    }

    /// Appends to `out` the rows of `units` (after the header, if these are the first).
    pub fn write(&mut self, units: &[UnitResult], out: &mut String) {
        let Some(first) = units.first() else {
            return;
        };
        if !self.headed {
            self.header(first.criteria.iter().map(|c| c.id.as_str()), out);
            self.headed = true;
        }
        for u in units {
            self.row(u, out);
        }
    }

    /// Ends the text: the header alone if no unit was written.
    pub fn finish(self, out: &mut String) {
        if !self.headed {
            self.header(std::iter::empty(), out);
        }
    }

    /// The header line, with a column for each criterion of `criteria` (their ids, in order).
    pub(crate) fn header<'i>(&self, criteria: impl Iterator<Item = &'i str>, out: &mut String) {
        let mut header = vec![
            "code",
            "name",
            "kind",
            "kind_label",
            "class",
            "class_label",
            "total",
            "threshold",
            "recognised",
            "result",
            "disqualifiers",
            "disqualifier_labels",
            "reasons",
        ];
        header.extend(criteria);
        header.extend(["provisional_rules", "synthetic"]);
        if self.outside.is_some() {
            header.push("outside_effect");
        }
        line(header.iter().map(|f| field(f)), out);
    }

    /// One unit's line.
    pub(crate) fn row(&self, u: &UnitResult, out: &mut String) {
        let (words, lang) = (self.words, self.lang);
        let mut row = vec![
            u.code.clone(),
            u.name.clone(),
            u.kind.id().to_string(),
            words.kind(u, lang).to_string(),
            u.class.clone(),
            words.class(&u.class, lang).to_string(),
            u.total.to_string(),
            u.threshold.to_string(),
            u.recognised.to_string(),
            results::decision(u.recognised, lang).to_string(),
            u.disqualifiers
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words.disqualifiers(u, lang).join("; "),
            words.reasons(u, lang).join(" "),
        ];
        row.extend(u.criteria.iter().map(|c| c.points.to_string()));
        row.push(u.provisional_rules.join(" "));
        row.push(u.synthetic.to_string());
        row.extend(self.outside.clone());
        line(row.iter().map(|f| field(f)), out);
    }
}

/// Appends the fields as one line.
fn line(fields: impl Iterator<Item = String>, out: &mut String) {
    out.push_str(&fields.collect::<Vec<_>>().join(","));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_quoting_stays_right() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+84 123"), "'+84 123");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(
            field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(field("-5"), "-5");
        assert_eq!(field("-12.50"), "-12.50");
        assert_eq!(field("Sơn Hà"), "Sơn Hà");
        assert_eq!(field("a=b"), "a=b");
    }
}
