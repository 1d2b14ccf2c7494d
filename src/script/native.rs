//! Native evaluators for the script shapes most indicators use, recognised when a set loads.
//!
//! Most indicator scripts are one of a few shapes: a step table over a rate, a count or an
//! amount (`steps(pct(a, b), "≥ 98 → 50; …")`), a yes/no rule (`if a { award(50, "…") } else
//! { award(0, "…") }`), or a short chain of early answers before a step table (`if n == 0 {
//! return award(100, "…"); } steps(per(n, c, 1000), "…")`). Such a script is read here into a
//! [`Program`], a small tree that [`Program::run`] evaluates in Rust with the same exact
//! arithmetic and the same words as the rhai vocabulary, so that it gives the identical
//! [`Outcome`] (points, row, measure) without starting the rhai interpreter.
//!
//! Recognition is strict: anything outside the shapes below — another function, a loop, a
//! string with an escape, a trailing `;` after the final answer, a variable that is not a
//! declared input of the right type — leaves the script to rhai, whole. And whenever a run would
//! be anything but a plain answer (an n/a rate with no `n/a` row, a sum that overflows, a rate
//! too large to compute, no row holding and no `else`), [`Program::run`] gives `None` and the
//! caller runs the script in rhai, which reports the error with its line exactly as before. So
//! a native run never decides anything rhai would not, and never words an error itself.
//!
//! The grammar recognised, over the script's tokens (comments skipped):
//!
//! ```text
//! script   := node
//! node     := "let" NAME "=" operand ("+" operand)* ";" node      (top level only)
//!           | "if" cond "{" "return" answer ";"? "}" node           an early answer
//!           | "if" cond "{" branch "}" "else" ( "{" branch "}" | if-else )   the last statement
//!           | "return" answer ";"? | answer
//! branch   := "return" answer ";"? | answer
//! answer   := "award" "(" WHOLE "," TEXT ")" | "steps" "(" measured "," TEXT ")"
//! measured := "pct" "(" operand "," operand ")" | "per" "(" operand "," operand "," WHOLE ")"
//!           | operand
//! cond     := term ("&&" term)*
//! term     := "!" atom | atom
//! atom     := "(" cond ")" | NAME (a yes/no input) | operand CMP operand
//! operand  := NAME (a whole-number input, derived count or `let`) | WHOLE
//! ```

use std::sync::Arc;

use rhai::Dynamic;
use rust_decimal::Decimal;

use super::Outcome;
use super::arith::exact_decimal;
use super::measure::{Measure, Ratio};
use super::table::StepTable;
use crate::base::label::Label;

/// What a variable a script reads holds, as the resolver given to [`Program::recognise`]
/// declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VarType {
    /// A yes/no input.
    Bool,
    /// A whole number ≥ 0 (a count, an amount of VND, a derived count).
    Whole,
    /// Anything else (a decimal, a percentage): such a script is left to rhai.
    Other,
}

/// The value of a variable for one unit, as [`Program::run`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A yes/no value.
    Bool(bool),
    /// A whole number ≥ 0.
    Whole(u64),
    /// Any other value; a program never reads one (it was not recognised), but a caller may
    /// give one, and the run then defers to rhai.
    Other,
}

/// A whole number a program computes with: a variable the script reads (by its position in
/// the resolver's numbering), a `let` of the script, or a literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    /// A variable the script reads, by the number the resolver gave it.
    Var(usize),
    /// A `let` of the script, by its order of declaration.
    Local(usize),
    /// A whole-number literal.
    Whole(i64),
}

/// The comparisons of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A condition of an `if`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Cond {
    /// A yes/no input, by the number the resolver gave it.
    Bool(usize),
    /// `!cond`
    Not(Box<Cond>),
    /// Two whole numbers compared.
    Compare(Operand, Cmp, Operand),
    /// `a && b && …`: every one holds (the later ones not looked at once one does not, as
    /// rhai's `&&`).
    All(Vec<Cond>),
}

/// What a step table is applied to: the measure kinds of the rhai vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Measured {
    /// `pct(part, whole)` (scale 100) or `per(part, whole, scale)`: n/a when the whole is 0.
    Rate {
        /// The counted part.
        part: Operand,
        /// The whole.
        whole: Operand,
        /// 100 for a percentage; 1,000 or 100,000 for a ratio per so many.
        scale: u64,
    },
    /// A whole number compared as it is: a count, or an amount of VND when the input read is
    /// money (the resolver's caller knows which).
    Count(Operand),
}

/// An answer of a script: an `award` or a step table applied to a measure.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Answer {
    /// `award(points, "row")`: fixed points and the rule's own words.
    Award {
        /// The points.
        points: Decimal,
        /// The words of the rule that applied, interned: every unit awarded them copies them.
        row: Label,
    },
    /// `steps(measured, "table")`.
    Steps {
        /// What the table is applied to.
        measured: Measured,
        /// The table, parsed once.
        table: Arc<StepTable>,
    },
}

/// A recognised script: a tree of conditions and `let`s ending in answers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Program {
    /// The answer.
    Answer(Answer),
    /// `if cond { then } else { otherwise }`, or `if cond { return then; } otherwise…`.
    If {
        /// The condition.
        cond: Cond,
        /// The answer when it holds.
        then: Box<Program>,
        /// The rest of the script when it does not.
        otherwise: Box<Program>,
    },
    /// `let name = a + b + …;` then the rest of the script.
    Let {
        /// Its number among the script's `let`s ([`Operand::Local`]).
        local: usize,
        /// The whole numbers added.
        sum: Vec<Operand>,
        /// The rest of the script.
        rest: Box<Program>,
    },
}

impl Program {
    /// Reads a script as a native program, or `None` when it is not one of the recognised
    /// shapes (it then runs in rhai). `resolve` numbers and types each variable the script
    /// names (`None` for a name that is not an input or a derived count).
    pub(crate) fn recognise(
        script: &str,
        resolve: &dyn Fn(&str) -> Option<(usize, VarType)>,
    ) -> Option<Program> {
        let tokens = lex(script)?;
        let mut parser = Parser {
            tokens: &tokens,
            at: 0,
            resolve,
            locals: Vec::new(),
        };
        let program = parser.node(true)?;
        (parser.at == tokens.len()).then_some(program)
    }

    /// The outcome for one unit whose variables `read` gives, or `None` when the script must
    /// run in rhai for this unit (it would fail there, and rhai words the failure).
    // Inlined into the scoring loop for the same reason as `Indicator::within`.
    #[inline(always)]
    pub(crate) fn run<R: Fn(usize) -> Slot + ?Sized>(&self, read: &R) -> Option<Outcome> {
        let mut locals = Vec::new();
        self.run_with(read, &mut locals)
    }

    fn run_with<R: Fn(usize) -> Slot + ?Sized>(
        &self,
        read: &R,
        locals: &mut Vec<i64>,
    ) -> Option<Outcome> {
        match self {
            Program::Answer(answer) => answer.give(read, locals),
            Program::If {
                cond,
                then,
                otherwise,
            } => {
                if cond.holds(read, locals)? {
                    then.run_with(read, locals)
                } else {
                    otherwise.run_with(read, locals)
                }
            }
            Program::Let { local, sum, rest } => {
                let mut total: i64 = 0;
                for o in sum {
                    total = total.checked_add(o.value(read, locals)?)?;
                }
                debug_assert_eq!(*local, locals.len());
                locals.push(total);
                rest.run_with(read, locals)
            }
        }
    }

    /// Every answer of the program, in the script's order: the rows its rule can apply, and
    /// what a reading of the rules (gaps, unreachable rows, points above the maximum) walks.
    pub(crate) fn answers(&self) -> Vec<&Answer> {
        let mut out = Vec::new();
        self.visit(&mut |answer| out.push(answer));
        out
    }

    fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Answer)) {
        match self {
            Program::Answer(a) => f(a),
            Program::If {
                then, otherwise, ..
            } => {
                then.visit(f);
                otherwise.visit(f);
            }
            Program::Let { rest, .. } => rest.visit(f),
        }
    }
}

impl Operand {
    fn value<R: Fn(usize) -> Slot + ?Sized>(self, read: &R, locals: &[i64]) -> Option<i64> {
        match self {
            Operand::Var(v) => match read(v) {
                Slot::Whole(n) => i64::try_from(n).ok(),
                Slot::Bool(_) | Slot::Other => None,
            },
            Operand::Local(l) => locals.get(l).copied(),
            Operand::Whole(n) => Some(n),
        }
    }

    /// As `count(…)` of the vocabulary: a whole number ≥ 0.
    fn count<R: Fn(usize) -> Slot + ?Sized>(self, read: &R, locals: &[i64]) -> Option<u64> {
        u64::try_from(self.value(read, locals)?).ok()
    }
}

impl Cond {
    fn holds<R: Fn(usize) -> Slot + ?Sized>(&self, read: &R, locals: &[i64]) -> Option<bool> {
        match self {
            Cond::Bool(v) => match read(*v) {
                Slot::Bool(b) => Some(b),
                Slot::Whole(_) | Slot::Other => None,
            },
            Cond::Not(c) => c.holds(read, locals).map(|b| !b),
            Cond::All(all) => {
                for c in all {
                    if !c.holds(read, locals)? {
                        return Some(false);
                    }
                }
                Some(true)
            }
            Cond::Compare(a, cmp, b) => {
                let (a, b) = (a.value(read, locals)?, b.value(read, locals)?);
                Some(match cmp {
                    Cmp::Eq => a == b,
                    Cmp::Ne => a != b,
                    Cmp::Lt => a < b,
                    Cmp::Le => a <= b,
                    Cmp::Gt => a > b,
                    Cmp::Ge => a >= b,
                })
            }
        }
    }
}

impl Answer {
    fn give<R: Fn(usize) -> Slot + ?Sized>(&self, read: &R, locals: &[i64]) -> Option<Outcome> {
        match self {
            Answer::Award { points, row } => Some(Outcome {
                points: *points,
                row: row.clone(),
                measure: None,
                rounding: None,
            }),
            Answer::Steps { measured, table } => {
                let measure = match *measured {
                    Measured::Rate { part, whole, scale } => {
                        let rate = Ratio {
                            part: part.count(read, locals)?,
                            whole: whole.count(read, locals)?,
                            scale,
                        };
                        // `per` refuses a rate whose part × scale does not fit: rhai says so.
                        product_fits(rate.part, rate.scale).then_some(())?;
                        Measure::Rate(rate)
                    }
                    Measured::Count(n) => Measure::Count {
                        value: n.count(read, locals)?,
                    },
                };
                let (points, row) = table.apply(&measure).ok()?;
                Some(Outcome {
                    points,
                    row: row.clone(),
                    measure: Some(measure),
                    rounding: None,
                })
            }
        }
    }
}

/// Whether `part × scale` fits a decimal, as `Decimal::checked_mul` of the two finds: whole
/// operands give a whole product, which cannot be rescaled, so it fits when below 2^96.
/// Checked in integers, once per rate of every unit.
fn product_fits(part: u64, scale: u64) -> bool {
    u128::from(part) * u128::from(scale) < 1 << 96
}

/// A token of the recognised shapes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Name(String),
    Whole(i64),
    Text(String),
    Punct(&'static str),
}

/// The punctuation the grammar uses, longest first.
const PUNCT: [&str; 16] = [
    "==", "!=", "<=", ">=", "&&", "(", ")", "{", "}", ",", ";", "!", "+", "<", ">", "=",
];

/// The script's tokens, or `None` at anything outside the recognised shapes.
fn lex(script: &str) -> Option<Vec<Tok>> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &script[i..];
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if rest.starts_with("//") {
            i = rest.find('\n').map_or(bytes.len(), |n| i + n);
        } else if let Some(inside) = rest.strip_prefix("/*") {
            let end = inside.find("*/")?;
            // rhai nests block comments: a nested one is left to rhai.
            if inside[..end].contains("/*") {
                return None;
            }
            i += end + 4;
        } else if b == b'"' {
            let end = rest[1..].find('"')? + 1;
            let text = &rest[1..end];
            // Escapes and line continuations are rhai's to read.
            if text.contains('\\') || text.contains('\n') {
                return None;
            }
            out.push(Tok::Text(text.to_string()));
            i += end + 1;
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let len = rest
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                .count();
            out.push(Tok::Name(rest[..len].to_string()));
            i += len;
        } else if b.is_ascii_digit() {
            let len = rest
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.')
                .count();
            // Only plain digits: `1_000`, `0x10`, `2.5` are rhai's.
            let word = &rest[..len];
            if !word.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            out.push(Tok::Whole(word.parse().ok()?));
            i += len;
        } else {
            let p = PUNCT.into_iter().find(|p| rest.starts_with(p))?;
            out.push(Tok::Punct(p));
            i += p.len();
        }
    }
    Some(out)
}

struct Parser<'t, 'r> {
    tokens: &'t [Tok],
    at: usize,
    resolve: &'r dyn Fn(&str) -> Option<(usize, VarType)>,
    /// The names of the script's `let`s, in order.
    locals: Vec<String>,
}

/// Words a recognised script may not use as a `let` name: the vocabulary and rhai's keywords.
fn reserved(name: &str) -> bool {
    super::RESERVED.contains(&name)
}

impl Parser<'_, '_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, p: &str) -> Option<()> {
        match self.peek() {
            Some(Tok::Punct(q)) if *q == p => {
                self.at += 1;
                Some(())
            }
            _ => None,
        }
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    fn keyword(&mut self, word: &str) -> Option<()> {
        match self.peek() {
            Some(Tok::Name(n)) if n == word => {
                self.at += 1;
                Some(())
            }
            _ => None,
        }
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(n)) if n == word)
    }

    fn name(&mut self) -> Option<String> {
        match self.peek() {
            Some(Tok::Name(n)) => {
                let n = n.clone();
                self.at += 1;
                Some(n)
            }
            _ => None,
        }
    }

    fn whole(&mut self) -> Option<i64> {
        match self.peek() {
            Some(Tok::Whole(n)) => {
                let n = *n;
                self.at += 1;
                Some(n)
            }
            _ => None,
        }
    }

    fn text(&mut self) -> Option<String> {
        match self.peek() {
            Some(Tok::Text(t)) => {
                let t = t.clone();
                self.at += 1;
                Some(t)
            }
            _ => None,
        }
    }

    /// The rest of a script (`top`) or of a block, up to its end.
    fn node(&mut self, top: bool) -> Option<Program> {
        if top && self.is_keyword("let") {
            self.at += 1;
            let name = self.name()?;
            if reserved(&name) || self.locals.contains(&name) || (self.resolve)(&name).is_some() {
                return None;
            }
            self.eat("=")?;
            let mut sum = vec![self.operand()?];
            while self.eat("+").is_some() {
                sum.push(self.operand()?);
            }
            self.eat(";")?;
            let local = self.locals.len();
            self.locals.push(name);
            let rest = self.node(top)?;
            return Some(Program::Let {
                local,
                sum,
                rest: Box::new(rest),
            });
        }
        if self.is_keyword("if") {
            return self.if_else(top);
        }
        let (answer, _) = self.branch()?;
        Some(Program::Answer(answer))
    }

    /// An `if`: an early answer followed by the rest, or the final `if … else …`.
    fn if_else(&mut self, top: bool) -> Option<Program> {
        self.keyword("if")?;
        let cond = self.cond()?;
        self.eat("{")?;
        let (then, returned) = self.branch()?;
        self.eat("}")?;
        let otherwise = if self.keyword("else").is_some() {
            let otherwise = if self.is_keyword("if") {
                self.if_else(false)?
            } else {
                self.eat("{")?;
                let (answer, _) = self.branch()?;
                self.eat("}")?;
                Program::Answer(answer)
            };
            // The last statement: nothing may follow it.
            if !(self.at == self.tokens.len() || self.is("}")) {
                return None;
            }
            otherwise
        } else {
            // Without `else`, the block's value is dropped unless it returns; inside an
            // `else if` chain, what follows would belong to the statement after the chain.
            if !returned || !top {
                return None;
            }
            self.node(top)?
        };
        Some(Program::If {
            cond,
            then: Box::new(Program::Answer(then)),
            otherwise: Box::new(otherwise),
        })
    }

    /// `return answer;`, `return answer` or `answer`, and whether it returned. Nothing may
    /// follow it but the end of the block or the script.
    fn branch(&mut self) -> Option<(Answer, bool)> {
        let returned = self.keyword("return").is_some();
        let answer = self.answer()?;
        if returned {
            let _ = self.eat(";");
        }
        (self.at == self.tokens.len() || self.is("}")).then_some((answer, returned))
    }

    fn answer(&mut self) -> Option<Answer> {
        let function = self.name()?;
        self.eat("(")?;
        let answer = match function.as_str() {
            "award" => {
                let n = self.whole()?;
                self.eat(",")?;
                let row = self.text()?;
                // Exactly the points rhai's `award` makes of the literal.
                let points = exact_decimal(&Dynamic::from_int(n), "points").ok()?;
                Answer::Award {
                    points,
                    row: Label::interned(&row),
                }
            }
            "steps" => {
                let measured = self.measured()?;
                self.eat(",")?;
                let table = StepTable::parse(&self.text()?).ok()?;
                Answer::Steps {
                    measured,
                    table: Arc::new(table),
                }
            }
            _ => return None,
        };
        self.eat(")")?;
        Some(answer)
    }

    fn measured(&mut self) -> Option<Measured> {
        for (function, scaled) in [("pct", false), ("per", true)] {
            if self.is_keyword(function) && self.tokens.get(self.at + 1) == Some(&Tok::Punct("(")) {
                self.at += 2;
                let part = self.operand()?;
                self.eat(",")?;
                let whole = self.operand()?;
                let scale = if scaled {
                    self.eat(",")?;
                    u64::try_from(self.whole()?).ok()?
                } else {
                    100
                };
                self.eat(")")?;
                return Some(Measured::Rate { part, whole, scale });
            }
        }
        Some(Measured::Count(self.operand()?))
    }

    fn operand(&mut self) -> Option<Operand> {
        if let Some(n) = self.whole() {
            return Some(Operand::Whole(n));
        }
        let name = self.name()?;
        if let Some(l) = self.locals.iter().position(|n| *n == name) {
            return Some(Operand::Local(l));
        }
        match (self.resolve)(&name)? {
            (v, VarType::Whole) => Some(Operand::Var(v)),
            _ => None,
        }
    }

    fn cond(&mut self) -> Option<Cond> {
        let mut all = vec![self.cond_term()?];
        while self.eat("&&").is_some() {
            all.push(self.cond_term()?);
        }
        // `||` and other operators are rhai's.
        if !(self.is("{") || self.is(")")) {
            return None;
        }
        Some(match all.len() {
            1 => all.remove(0),
            _ => Cond::All(all),
        })
    }

    /// One side of `&&`: a comparison, a yes/no input, or either negated.
    fn cond_term(&mut self) -> Option<Cond> {
        // `!` binds tighter than a comparison: `!a == 0` is `(!a) == 0`, which is rhai's.
        if self.eat("!").is_some() {
            let negated = match self.peek() {
                Some(Tok::Punct("(")) => self.cond_atom()?,
                _ => self.yes_no()?,
            };
            return Some(Cond::Not(Box::new(negated)));
        }
        self.cond_atom()
    }

    /// A yes/no input alone.
    fn yes_no(&mut self) -> Option<Cond> {
        if let Some(Tok::Name(n)) = self.peek()
            && !self.locals.contains(n)
            && let Some((v, VarType::Bool)) = (self.resolve)(n)
        {
            self.at += 1;
            return Some(Cond::Bool(v));
        }
        None
    }

    fn cond_atom(&mut self) -> Option<Cond> {
        if self.eat("(").is_some() {
            let c = self.cond()?;
            self.eat(")")?;
            return Some(c);
        }
        if let Some(c) = self.yes_no() {
            return Some(c);
        }
        let a = self.operand()?;
        let cmp = match self.peek() {
            Some(Tok::Punct("==")) => Cmp::Eq,
            Some(Tok::Punct("!=")) => Cmp::Ne,
            Some(Tok::Punct("<")) => Cmp::Lt,
            Some(Tok::Punct("<=")) => Cmp::Le,
            Some(Tok::Punct(">")) => Cmp::Gt,
            Some(Tok::Punct(">=")) => Cmp::Ge,
            _ => return None,
        };
        self.at += 1;
        let b = self.operand()?;
        Some(Cond::Compare(a, cmp, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<(usize, VarType)> {
        match name {
            "a" => Some((0, VarType::Whole)),
            "b" => Some((1, VarType::Whole)),
            "yes" => Some((2, VarType::Bool)),
            "d" => Some((3, VarType::Other)),
            _ => None,
        }
    }

    /// The integer check of a rate's `part × scale` refuses exactly what the decimal product
    /// refuses, on both sides of 2^96.
    #[test]
    fn a_product_fits_as_the_decimal_product_does() {
        let edge = (1u128 << 96) / 100_000;
        let parts = [
            0,
            1,
            99,
            u64::MAX,
            edge as u64 - 1,
            edge as u64,
            edge as u64 + 1,
        ];
        for part in parts {
            for scale in [1, 100, 1_000, 100_000, 1 << 32, u64::MAX] {
                let by_decimal = Decimal::from(part)
                    .checked_mul(Decimal::from(scale))
                    .is_some();
                assert_eq!(product_fits(part, scale), by_decimal, "{part} × {scale}");
            }
        }
    }

    #[test]
    fn the_shipped_shapes_are_recognised_and_others_are_left_to_rhai() {
        for script in [
            "steps(pct(a, b), \"≥ 98 → 50; else 0; n/a → 50\")",
            "// c\nsteps(per(a, b, 1000), \"≤ 1 → 25; else 0\")",
            "if yes { award(50, \"x → 50\") } else { award(0, \"y → 0\") }",
            "if !yes {\n    return award(0, \"no\");\n}\nsteps(a, \"≥ 12 → 15; else 5\")",
            "let n = a + b;\nif n == 0 {\n    return award(50, \"none\");\n}\nsteps(per(n, a, 1000), \"≤ 1 → 25; else 0\")",
            "if a == 0 { return award(75, \"x\"); }\nif b == a { award(75, \"y\") } else { award(0, \"z\") }",
            "if a > 3 { award(1, \"x\") } else if a > 1 { award(2, \"y\") } else { award(3, \"z\") }",
            "if a == 0 && yes && b >= 1 {\n    return award(25, \"x\");\n}\nsteps(a, \"≥ 1 → 25; else 0\")",
        ] {
            assert!(Program::recognise(script, &vars).is_some(), "{script}");
        }
        for script in [
            "steps(pct(a, b), \"≥ 98 → 50\");",
            "if yes { award(50, \"x\") }\naward(0, \"y\")",
            "steps(d, \"≥ 1 → 5; else 0\")",
            "if a { award(1, \"x\") } else { award(0, \"y\") }",
            "at_least(pct(a, b), [[98.0, 50]], 0)",
            "award(2.5, \"x\")",
            "award(5, \"a\\\"b\")",
            "steps(pct(a, b), \"≥ x → 5\")",
            "let a = 1; award(a, \"x\")",
            "steps(c, \"≥ 1 → 5; else 0\")",
            "if a == 0 || yes { award(1, \"x\") } else { award(0, \"y\") }",
            "if a == 0 && { award(1, \"x\") } else { award(0, \"y\") }",
            "if !a == 0 { award(1, \"x\") } else { award(0, \"y\") }",
            "if yes { award(1, \"x\") } else if a > 1 { return award(2, \"y\"); } award(3, \"z\")",
            "if yes { return award(1, \"x\"); } else { award(0, \"y\") } award(2, \"z\")",
        ] {
            assert!(Program::recognise(script, &vars).is_none(), "{script}");
        }
    }

    #[test]
    fn every_side_of_and_must_hold() {
        let p = Program::recognise(
            "if a == 0 && yes { award(1, \"x\") } else { award(0, \"y\") }",
            &vars,
        )
        .unwrap();
        for (a, yes, points) in [(0, true, 1), (0, false, 0), (1, true, 0), (1, false, 0)] {
            let read = |v: usize| match v {
                0 => Slot::Whole(a),
                _ => Slot::Bool(yes),
            };
            assert_eq!(
                p.run(&read).unwrap().points,
                Decimal::from(points),
                "{a} {yes}"
            );
        }
    }

    #[test]
    fn a_run_defers_to_rhai_where_rhai_would_fail() {
        let p = Program::recognise("steps(pct(a, b), \"≥ 98 → 50; else 0\")", &vars).unwrap();
        let read = |v: usize| Slot::Whole([0, 0][v]);
        assert_eq!(p.run(&read), None, "n/a without an n/a row");
        let read = |v: usize| Slot::Whole([49, 50][v]);
        let o = p.run(&read).unwrap();
        assert_eq!((o.points, o.row.as_str()), (Decimal::from(50), "≥ 98 → 50"));
        let sum =
            Program::recognise("let n = a + b;\nsteps(n, \"≥ 1 → 5; else 0\")", &vars).unwrap();
        let huge = |_: usize| Slot::Whole(i64::MAX as u64);
        assert_eq!(sum.run(&huge), None, "the sum overflows");
    }
}
