//! Renderings of a round's results: JSON (the interchange format), CSV, a terminal table, and
//! the PDF layer the dossiers are drawn with.

mod csv;
pub mod pdf;
mod table;

pub use csv::csv;
pub use table::table;

use rayon::prelude::*;

use crate::report::RoundReport;

/// The results document as pretty JSON; decimals are strings, the same bytes every run.
///
/// The units are nearly all of the document, so they are serialised in parallel, each already
/// indented for its place, and assembled once: the bytes are those of `to_string_pretty`.
pub fn json(report: &RoundReport) -> String {
    let frame = RoundReport {
        round: report.round.clone(),
        units: Vec::new(),
        errors: report.errors.clone(),
    };
    let frame = pretty(&frame, 0);
    const EMPTY: &str = "\n  \"units\": [],";
    let at = match frame.find(EMPTY) {
        Some(at) if !report.units.is_empty() => at,
        _ => return frame + "\n",
    };
    let units: Vec<String> = report.units.par_iter().map(|u| pretty(u, 4)).collect();
    let (head, tail) = (&frame[..at], &frame[at + EMPTY.len()..]);
    let body: usize = units.iter().map(|u| u.len() + 2).sum();
    let mut out = String::with_capacity(head.len() + body + tail.len() + 32);
    out.push_str(head);
    out.push_str("\n  \"units\": [\n");
    for (i, u) in units.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(u);
    }
    out.push_str("\n  ],");
    out.push_str(tail);
    out.push('\n');
    out
}

/// Pretty JSON of one part of the document, every line indented by `indent` spaces.
///
/// The types serialise infallibly (string keys only, no failing `Serialize`), so an error can
/// only be a bug: it is shown in the output rather than hidden.
fn pretty<T: serde::Serialize>(value: &T, indent: usize) -> String {
    let mut out = Indent {
        buf: " ".repeat(indent).into_bytes(),
        indent,
    };
    let mut ser = serde_json::Serializer::pretty(&mut out);
    match value.serialize(&mut ser) {
        // serde_json writes only UTF-8, and the indent is ASCII.
        Ok(()) => String::from_utf8(out.buf).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// A writer that indents every line after the first, so that a nested value comes out of the
/// serialiser already in place.
struct Indent {
    buf: Vec<u8>,
    indent: usize,
}

impl std::io::Write for Indent {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut rest = bytes;
        while let Some(n) = rest.iter().position(|&b| b == b'\n') {
            self.buf.extend_from_slice(&rest[..=n]);
            self.buf.resize(self.buf.len() + self.indent, b' ');
            rest = &rest[n + 1..];
        }
        self.buf.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::Round;

    #[test]
    fn parallel_json_is_byte_identical_to_serde_pretty() {
        for dir in ["fixtures/son-ha-2024", "fixtures/invalid"] {
            let round = Round::load(dir).unwrap();
            let report = RoundReport::new(&round, round.evaluate());
            let mut expected = serde_json::to_string_pretty(&report).unwrap();
            expected.push('\n');
            assert_eq!(json(&report), expected, "{dir}");
        }
        let round = Round::load("fixtures/son-ha-2024").unwrap();
        let mut empty = RoundReport::new(&round, round.evaluate());
        empty.units.clear();
        assert_eq!(
            json(&empty),
            serde_json::to_string_pretty(&empty).unwrap() + "\n"
        );
    }
}
