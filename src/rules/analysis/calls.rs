//! The step tables a script writes as text, `steps(x, "≥ 98 → 50; …")`, found in the script's
//! own text with what they compare: a rate of two named counts, a named input, or a value the
//! script computes. The table's text is read by the one parser scoring uses
//! (`script::table`); this only finds where the calls are.

use std::ops::Range;

/// What a step table compares, as far as the text of the call says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Compared {
    /// `pct(part, whole)` (scale 100) or `per(part, whole, scale)` of two names.
    Rate {
        part: String,
        whole: String,
        scale: u64,
    },
    /// A name: an input, a derived count, or a variable of the script.
    Name(String),
    /// Anything else the script computes.
    Other,
}

/// One `steps(x, "…")` call with its table written as a literal.
#[derive(Clone, Debug)]
pub(super) struct StepCall<'t> {
    pub(super) compared: Compared,
    /// The table's text, between its quotes.
    pub(super) table: &'t str,
    /// Where the literal is, quotes included.
    pub(super) span: Range<usize>,
}

fn is_name(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The arguments of `name(…)` when `text` is exactly such a call with plain arguments.
fn call_args<'a>(text: &'a str, name: &str) -> Option<Vec<&'a str>> {
    let inside = text
        .strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')?;
    Some(inside.split(',').map(str::trim).collect())
}

fn compared(arg: &str) -> Compared {
    let rate = |part: &str, whole: &str, scale| {
        (is_name(part) && is_name(whole)).then(|| Compared::Rate {
            part: part.to_string(),
            whole: whole.to_string(),
            scale,
        })
    };
    if let Some(args) = call_args(arg, "pct")
        && let [part, whole] = args[..]
        && let Some(r) = rate(part, whole, 100)
    {
        return r;
    }
    if let Some(args) = call_args(arg, "per")
        && let [part, whole, scale] = args[..]
        && let Ok(scale) = scale.replace('_', "").parse::<u64>()
        && let Some(r) = rate(part, whole, scale)
    {
        return r;
    }
    if is_name(arg) {
        return Compared::Name(arg.to_string());
    }
    Compared::Other
}

/// Every `steps(x, "…")` of a script whose table is a string literal, in order.
pub(super) fn step_calls(text: &str) -> Vec<StepCall<'_>> {
    crate::script::string_literals(text)
        .into_iter()
        .filter_map(|(span, table)| {
            // The literal is the call's last argument: `, "…")`.
            let head = text[..span.start].trim_end().strip_suffix(',')?;
            if !text[span.end..].trim_start().starts_with(')') {
                return None;
            }
            // Back to the bracket that opens the call, over the first argument's own.
            let bytes = head.as_bytes();
            let mut depth = 0usize;
            let mut i = bytes.len();
            let open = loop {
                i = i.checked_sub(1)?;
                match bytes[i] {
                    b')' | b']' => depth += 1,
                    b'(' | b'[' if depth == 0 => break i,
                    b'(' | b'[' => depth -= 1,
                    b';' | b'{' | b'}' | b'"' | b'`' => return None,
                    _ => {}
                }
            };
            let callee = head[..open].trim_end();
            let name = callee.strip_suffix("steps")?;
            if name
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return None;
            }
            Some(StepCall {
                compared: compared(head[open + 1..].trim()),
                table,
                span,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_with_what_they_compare() {
        let text = "// steps(x, \"no\")\nlet n = a + b;\nif n == 0 { return award(5, \"x\"); }\nsteps(pct(a, b), \"≥ 98 → 50; else 0\") + 0;\nsteps( per(n, total, 1_000) , \"≤ 1 → 25; else 0\");\nsteps(clubs, \"≥ 1 → 10; else 0\");\nsteps(round_up(x / 2), \"≥ 1 → 1\")";
        let calls = step_calls(text);
        let found: Vec<(&Compared, &str)> = calls.iter().map(|c| (&c.compared, c.table)).collect();
        assert_eq!(
            found,
            [
                (
                    &Compared::Rate {
                        part: "a".into(),
                        whole: "b".into(),
                        scale: 100
                    },
                    "≥ 98 → 50; else 0"
                ),
                (
                    &Compared::Rate {
                        part: "n".into(),
                        whole: "total".into(),
                        scale: 1000
                    },
                    "≤ 1 → 25; else 0"
                ),
                (&Compared::Name("clubs".into()), "≥ 1 → 10; else 0"),
                (&Compared::Other, "≥ 1 → 1"),
            ]
        );
        assert_eq!(&text[calls[0].span.clone()], "\"≥ 98 → 50; else 0\"");
        // A rate of plain names, with a scale.
        assert_eq!(
            compared("per(v, total, 1_000)"),
            Compared::Rate {
                part: "v".into(),
                whole: "total".into(),
                scale: 1000
            }
        );
    }
}
