//! What every command shares: the arguments that open a round, how a command prints, warns
//! and reports problems, and how it ends (its exit status).

use std::process::ExitCode;

use clap::ValueEnum;

use crate::Lang;
use crate::words::cli as words;
use crate::words::cli_help::{Arg, Choice};

/// Exit codes: 0 all good, 1 some input file had errors, 2 usage or rule-set errors, 3 the
/// results could not be printed (standard output closed or full).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    Ok = 0,
    InputErrors = 1,
    RuleErrors = 2,
    Unprinted = 3,
}

/// The one way the commands print their results on standard output: the whole text at once,
/// with every character a terminal could act on escaped, and every error checked. A closed
/// pipe (`cfc … | head`) or a full disk (`> /dev/full`) ends the command with a sentence on
/// standard error and [`Status::Unprinted`], never a panic as `print!` gives. `json` keeps the
/// escapes valid JSON.
pub(crate) fn print(text: &str, json: bool, lang: Lang) -> Result<(), Status> {
    print_with(json, lang, &mut |w| w.write_all(text.as_bytes()))
}

/// Prints what `write` writes, as [`print`] does, as it is written: a document of any size is
/// never held whole. `write` must write whole UTF-8 pieces (each is escaped on its own).
pub(crate) fn print_with(
    json: bool,
    lang: Lang,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Status> {
    use std::io::Write;
    let escapes = if json {
        crate::render::Escapes::Json
    } else {
        crate::render::Escapes::Text
    };
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut safe = TerminalSafe {
        out: &mut stdout,
        escapes,
    };
    match write(&mut safe).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) => {
            warn(&words::unprinted(&e.to_string(), lang));
            Err(Status::Unprinted)
        }
    }
}

/// A writer that escapes, in each piece written, every character a terminal could act on.
struct TerminalSafe<'w> {
    out: &'w mut dyn std::io::Write,
    escapes: crate::render::Escapes,
}

impl std::io::Write for TerminalSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = std::str::from_utf8(buf)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.out
            .write_all(crate::render::terminal_safe(text, self.escapes).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A line on standard error, escaped for the terminal. Standard error closed too leaves
/// nobody to tell, so a failure to write it is ignored rather than a panic.
pub(crate) fn warn(line: &str) {
    use std::io::Write;
    let line = crate::render::terminal_safe(line, crate::render::Escapes::Text);
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

/// Output formats of `evaluate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    #[value(help = super::help::choice(Choice::Table))]
    Table,
    #[value(help = super::help::choice(Choice::Json))]
    Json,
    #[value(help = super::help::choice(Choice::Csv))]
    Csv,
}

/// Language of everything cfc writes for people (each named in its own language).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    #[value(help = "Tiếng Việt")]
    Vi,
    #[value(help = "English")]
    En,
}

/// The shells `cfc completions` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl LangArg {
    /// The language it asks for.
    pub(crate) fn lang(self) -> Lang {
        match self {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// How a command opens a round folder.
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub(crate) struct Open {
    #[arg(long, help = super::help::arg(Arg::OutsideEffect))]
    pub(crate) outside_effect: bool,
}

impl Open {
    /// The library's options for these flags.
    pub(crate) fn options(self) -> crate::round::RoundOptions {
        crate::round::RoundOptions::default().outside_effect(self.outside_effect)
    }
}

/// Opens a round with the command's flags, reporting why it cannot be opened; a round
/// evaluated outside its set's period in force is said on standard error too.
pub(crate) fn open_round(
    dir: &std::path::Path,
    open: Open,
    lang: Lang,
) -> Result<crate::Round, Status> {
    let round = crate::Round::load_with(dir, &open.options()).map_err(|e| {
        report_round_error(&e, lang);
        Status::RuleErrors
    })?;
    if let Some(outside) = round.outside_effect() {
        warn(&format!(
            "{}: {}",
            dir.display(),
            crate::words::results::outside_effect(&outside, lang)
        ));
    }
    // What the analysis of the rules found that may be meant is said by every command.
    report_problems(&round.warnings, lang);
    Ok(round)
}

/// Prints located problems, one per line, on standard error.
pub(crate) fn report_problems(problems: &[crate::Diagnostic], lang: Lang) {
    for p in problems {
        warn(&crate::words::problems::diagnostic(p, lang));
    }
}

/// The first step of the commands about one unit: open the round, find the unit's valid
/// evidence and evaluate it, reporting any problem (as the exit status to return).
pub(crate) fn one_unit(
    dir: &std::path::Path,
    code: &str,
    open: Open,
    lang: Lang,
) -> Result<(crate::Round, usize, crate::UnitResult), Status> {
    let round = open_round(dir, open, lang)?;
    let Some(index) = round.units.iter().position(|u| u.unit().code == code) else {
        report_problems(&round.errors, lang);
        warn(&words::no_such_unit(&dir.display().to_string(), code, lang));
        return Err(Status::InputErrors);
    };
    match round.evaluator.evaluate(&round.units[index]) {
        Ok(result) => Ok((round, index, result)),
        Err(e) => {
            warn(&words::not_evaluated(
                code,
                &crate::words::errors::eval(&e, lang),
                lang,
            ));
            Err(Status::RuleErrors)
        }
    }
}

/// Prints why a round could not be opened: located problems for a bad file, the library's
/// sentence otherwise (a missing folder has no line to point at).
pub(crate) fn report_round_error(e: &crate::RoundError, lang: Lang) {
    match e {
        crate::RoundError::Load(load) => report_problems(&load.diagnostics(), lang),
        other => warn(&crate::words::errors::round(other, lang)),
    }
}

/// The criteria set an option names (`--criteria qd-06-2019`, or a file), loaded; its problems
/// reported, with the shipped sets when the option has the shape of an id but names none.
pub(crate) fn load_criteria(
    written: &std::path::Path,
    lang: Lang,
) -> Result<crate::CriteriaSet, Status> {
    use crate::diag::RuleFile;
    let named = crate::rules::shipped::RuleRef::named(
        written,
        std::path::Path::new(""),
        RuleFile::Criteria,
    );
    crate::CriteriaSet::open(&named).map_err(|e| {
        rule_problems(written, RuleFile::Criteria, &e, lang);
        Status::RuleErrors
    })
}

/// The policy an option names, loaded against `set`, as [`load_criteria`].
pub(crate) fn load_policy(
    written: &std::path::Path,
    set: &crate::CriteriaSet,
    lang: Lang,
) -> Result<crate::Policy, Status> {
    use crate::diag::RuleFile;
    let named =
        crate::rules::shipped::RuleRef::named(written, std::path::Path::new(""), RuleFile::Policy);
    crate::Policy::open(&named, set).map_err(|e| {
        rule_problems(written, RuleFile::Policy, &e, lang);
        Status::RuleErrors
    })
}

fn rule_problems(
    written: &std::path::Path,
    rule: crate::diag::RuleFile,
    e: &crate::criteria::LoadError,
    lang: Lang,
) {
    if matches!(e, crate::criteria::LoadError::Io { .. })
        && crate::rules::shipped::id_shaped(written)
    {
        warn(&words::not_shipped(
            &written.display().to_string(),
            rule,
            &crate::rules::shipped::ids(rule),
            lang,
        ));
    } else {
        report_problems(&e.diagnostics(), lang);
    }
}
