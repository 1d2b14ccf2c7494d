//! The command line: argument parsing and exit codes; the work is done by the library.

mod check;
mod diff;
mod dossier;
mod evaluate;
mod explain;
mod import;
mod new_round;
mod serve;
mod template;
mod verify;
mod whatif;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use cfc::Lang;
use cfc::words::cli as words;

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
        cfc::render::Escapes::Json
    } else {
        cfc::render::Escapes::Text
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
    escapes: cfc::render::Escapes,
}

impl std::io::Write for TerminalSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = std::str::from_utf8(buf)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.out
            .write_all(cfc::render::terminal_safe(text, self.escapes).as_bytes())?;
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
    let line = cfc::render::terminal_safe(line, cfc::render::Escapes::Text);
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

#[derive(Parser)]
#[command(
    name = "cfc",
    version,
    about = "Đánh giá, công nhận đơn vị cấp xã theo bộ tiêu chí — child-friendly commune evaluation",
    long_about = "Đánh giá, công nhận đơn vị cấp xã theo bộ tiêu chí — child-friendly commune evaluation.\n\n\
A round is a folder holding round.toml (the round's settings: year, criteria set, local policy, \
authority) and one evidence file per commune-level unit. cfc checks every file, scores every \
unit against the criteria set, applies the set's conditions of recognition and the local \
disqualifiers and decides, with the reason for every point.\n\n\
Typical use by the council's clerk:\n  \
cfc check fixtures/son-ha-2024            # are all the files right?\n  \
cfc evaluate fixtures/son-ha-2024         # the results table\n  \
cfc evaluate fixtures/son-ha-2024 --out reports/son-ha-2024\n  \
cfc template --criteria criteria/qd-06-2019.toml > new-unit.toml\n  \
cfc explain fixtures/son-ha-2024 21238    # why was Sơn Thượng refused?\n  \
cfc whatif fixtures/son-ha-2024 21211     # what would Sơn Nham need?\n  \
cfc verify reports/son-ha-2024            # do these results still stand?\n\n\
Exit codes: 0 every unit evaluated; 1 some evidence file has errors (the others are still \
evaluated); 2 wrong command, or an error in round.toml, the criteria set or the policy, or the \
output folder could not be written; 3 standard output was closed or full."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of everything cfc writes for people: tables, CSV and workbook words,
    /// explanations, dossiers, messages (vi: Tiếng Việt, en: English). results.json is the
    /// same in both.
    #[arg(long, value_enum, global = true, default_value_t = LangArg::Vi)]
    lang: LangArg,
}

/// Output formats of `evaluate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// An aligned table for the terminal.
    Table,
    /// The results document (exact decimals as strings).
    Json,
    /// One row per unit, for spreadsheets.
    Csv,
}

/// Language of everything cfc writes for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl From<LangArg> for cfc::Lang {
    fn from(l: LangArg) -> cfc::Lang {
        match l {
            LangArg::Vi => cfc::Lang::Vi,
            LangArg::En => cfc::Lang::En,
        }
    }
}

/// How a command opens a round folder.
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub(crate) struct Open {
    /// Evaluate the round even though its year lies outside the criteria set's period in
    /// force (`effective` to `until`); every output then carries the notice. Without it such a
    /// round is refused.
    #[arg(long)]
    outside_effect: bool,
}

impl Open {
    /// The library's options for these flags.
    pub(crate) fn options(self) -> cfc::round::RoundOptions {
        cfc::round::RoundOptions::default().outside_effect(self.outside_effect)
    }
}

/// Opens a round with the command's flags, reporting why it cannot be opened; a round
/// evaluated outside its set's period in force is said on standard error too.
pub(crate) fn open_round(
    dir: &std::path::Path,
    open: Open,
    lang: Lang,
) -> Result<cfc::Round, Status> {
    let round = cfc::Round::load_with(dir, &open.options()).map_err(|e| {
        report_round_error(&e, lang);
        Status::RuleErrors
    })?;
    if let Some(outside) = round.outside_effect() {
        warn(&format!(
            "{}: {}",
            dir.display(),
            cfc::words::results::outside_effect(&outside, lang)
        ));
    }
    Ok(round)
}

#[derive(Subcommand)]
enum Command {
    /// Score and decide every unit of a round folder.
    ///
    /// Prints the results on standard output (a table by default) and every problem of every
    /// file on standard error as file:line:column: message. A unit whose file has errors is
    /// skipped; every other unit is still evaluated.
    Evaluate {
        /// The round folder (holding round.toml and one .toml evidence file per unit).
        round: PathBuf,
        /// What to print on standard output.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Also write results.json, results.csv and results.xlsx into this folder (created if needed).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        open: Open,
    },
    /// Why did a unit get its result? An account rule by rule.
    ///
    /// Every criterion and indicator with the legal reference of its rule, the evidence, the
    /// exact and displayed rate, the step reached, whether the rule is provisional, every
    /// failing condition and every disqualifier with its incidents.
    Explain {
        /// The round folder.
        round: PathBuf,
        /// The unit's administrative code.
        code: String,
        /// text (table), or json: the same as data.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        open: Open,
    },
    /// What changed between two results (two years, or two criteria sets).
    ///
    /// Per unit the total and decision before and after, the criteria that moved, the units
    /// that flipped, and a summary.
    ///
    /// Each side is a results.json, a folder holding one (written by evaluate --out), or a round
    /// folder (evaluated now): two years of the same units, or one round under two criteria sets.
    Diff {
        /// The older results.
        old: PathBuf,
        /// The newer results.
        new: PathBuf,
        #[command(flatten)]
        open: Open,
        /// table or json.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Do these results still stand? Re-derives an output folder of evaluate --out.
    ///
    /// Checks the SHA-256 of every rule file, evidence file and PDF recorded in results.json,
    /// re-evaluates, and compares every result. Exit 0 only when everything matches. Run it
    /// from the folder evaluate was run from.
    Verify {
        /// The output folder (holding results.json).
        dir: PathBuf,
    },
    /// What would it take? The smallest change of evidence that makes a unit recognised.
    ///
    /// Searches the criteria set's levers (inputs a council can act on, in the direction that
    /// helps), re-evaluating candidates. Disqualifiers and incidents are facts of the year: when
    /// one holds, says that recognition is impossible this round, and still what the score needs.
    Whatif {
        /// The round folder.
        round: PathBuf,
        /// The unit's administrative code.
        code: String,
        #[command(flatten)]
        open: Open,
        /// text, or json: {"code", "achievable", "changes": [{"input", "from", "to"}], "blocking", "total_after"}.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write the PDF decision dossier of one unit of a round.
    ///
    /// The same document `evaluate --out` writes for every unit: the score table with the
    /// evidence of every indicator, the incident register, the local disqualifiers, the
    /// conclusion with every reason, provenance hashes and the signature block.
    Dossier {
        /// The round folder.
        round: PathBuf,
        /// The unit's administrative code, e.g. 21238.
        code: String,
        #[command(flatten)]
        open: Open,
        /// Where to write the PDF (default: <code>-<name>.pdf in the current folder).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a round folder (or a criteria set and policy alone) without scoring.
    ///
    /// Lists every problem of every file and the provisional rules the criteria set uses.
    Check {
        /// The round folder to check.
        #[arg(required_unless_present = "criteria", conflicts_with = "criteria")]
        round: Option<PathBuf>,
        #[command(flatten)]
        open: Open,
        /// Check this criteria set file instead of a round.
        #[arg(long, value_name = "FILE")]
        criteria: Option<PathBuf>,
        /// With --criteria: also check this policy file against it.
        #[arg(long, value_name = "FILE", requires = "criteria")]
        policy: Option<PathBuf>,
    },
    /// Print an evidence file to fill in: every input of the criteria set, with its label and
    /// its constraints as comments.
    Template {
        /// The criteria set.
        #[arg(long, value_name = "FILE")]
        criteria: PathBuf,
        /// The year of the period (default: the current year).
        #[arg(long)]
        year: Option<u16>,
        /// Write a workbook to fill in (Excel, LibreOffice) instead of printing TOML.
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        /// With --xlsx: one sheet with a row per unit, as a district office compiles them.
        #[arg(long, requires = "xlsx")]
        round: bool,
        /// With --xlsx: pre-fill from this round folder (last year's values as the start).
        /// Without --round, one workbook per unit is written into the folder OUT.xlsx names,
        /// unless --unit picks one.
        #[arg(long, value_name = "ROUND_DIR", requires = "xlsx")]
        from: Option<PathBuf>,
        /// With --from: the code of the one unit to pre-fill.
        #[arg(long, value_name = "CODE", requires = "from", conflicts_with = "round")]
        unit: Option<String>,
        /// With --from: open that round even though its year lies outside its criteria set's
        /// period in force.
        #[arg(long, requires = "from")]
        outside_effect: bool,
        /// With --xlsx: replace workbooks that already exist.
        #[arg(long, requires = "xlsx")]
        force: bool,
    },
    /// Start a round of 2025 or later for one province from the official list of units:
    /// round.toml and one evidence skeleton per unit (<code>-<name>.toml), or with --xlsx the
    /// round workbook. Existing files are kept, never replaced.
    NewRound {
        /// The province's code in the official list, e.g. 51 (Tỉnh Quảng Ngãi).
        #[arg(long, value_name = "CODE")]
        province: String,
        /// The year evaluated (2025 or later).
        #[arg(long)]
        year: u16,
        /// The criteria set.
        #[arg(long, value_name = "FILE")]
        criteria: PathBuf,
        /// The local policy, if any.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// The round folder to write (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write the round workbook (one row per unit) instead of TOML files.
        #[arg(long)]
        xlsx: bool,
    },
    /// The council's screen and the HTTP API: a local web app over a round folder.
    ///
    /// Prints the address to open. Listens on 127.0.0.1:8080 unless --listen says otherwise;
    /// anywhere but loopback every request needs a token (--token, CFC_TOKEN, or one made and
    /// printed). The round is reloaded when its files change. Ctrl-C stops it.
    Serve {
        /// The round folder.
        round: PathBuf,
        /// The address to listen on (127.0.0.1:0 picks a free port).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Also write the output folder (as evaluate --out) at every load, and serve its PDFs.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Another round folder or a results.json (last year's) to compare against.
        #[arg(long, value_name = "PATH")]
        compare: Option<PathBuf>,
        /// The access token every request must carry (default: CFC_TOKEN; off loopback, one
        /// is made when neither is given).
        #[arg(long)]
        token: Option<String>,
        #[command(flatten)]
        open: Open,
    },
    /// Read filled workbooks (from `cfc template --xlsx`) into evidence files.
    ///
    /// Problems are reported as file.xlsx › sheet › cell: message, all at once. Nothing is
    /// written for a workbook with errors; the other workbooks are still imported. Each unit is
    /// written as <code>-<name>.toml (21202-di-lang.toml); no file is replaced without --force.
    Import {
        /// The workbooks.
        #[arg(required = true, value_name = "FILE.xlsx")]
        files: Vec<PathBuf>,
        /// The round folder to write the evidence files into (created if needed).
        #[arg(long, value_name = "ROUND_DIR")]
        out: PathBuf,
        /// The criteria set (default: the one named by ROUND_DIR/round.toml).
        #[arg(long, value_name = "FILE")]
        criteria: Option<PathBuf>,
        /// The round's year every period must lie in (default: from round.toml or the workbook).
        #[arg(long)]
        year: Option<u16>,
        /// Also write round.toml from a round workbook's "Thông tin" sheet.
        #[arg(long)]
        round_toml: bool,
        /// Replace the files of the same units (and round.toml) that already exist in
        /// ROUND_DIR; without it, an existing file is never replaced.
        #[arg(long)]
        force: bool,
    },
}

/// Prints located problems, one per line, on standard error.
pub(crate) fn report_problems(problems: &[cfc::Diagnostic], lang: Lang) {
    for p in problems {
        warn(&cfc::words::problems::diagnostic(p, lang));
    }
}

/// The first step of the commands about one unit: open the round, find the unit's valid
/// evidence and evaluate it, reporting any problem (as the exit status to return).
pub(crate) fn one_unit(
    dir: &std::path::Path,
    code: &str,
    open: Open,
    lang: Lang,
) -> Result<(cfc::Round, usize, cfc::UnitResult), Status> {
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
                &cfc::words::errors::eval(&e, lang),
                lang,
            ));
            Err(Status::RuleErrors)
        }
    }
}

/// Prints why a round could not be opened: located problems for a bad file, the library's
/// sentence otherwise (a missing folder has no line to point at).
pub(crate) fn report_round_error(e: &cfc::RoundError, lang: Lang) {
    match e {
        cfc::RoundError::Load(load) => report_problems(&load.diagnostics(), lang),
        other => warn(&cfc::words::errors::round(other, lang)),
    }
}

pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang: Lang = cli.lang.into();
    let status = match cli.command {
        Command::Evaluate {
            round,
            format,
            out,
            open,
        } => evaluate::run(&round, format, out.as_deref(), lang, open),
        Command::Verify { dir } => verify::run(&dir, lang),
        Command::Diff {
            old,
            new,
            open,
            format,
        } => diff::run(&old, &new, format, open, lang),
        Command::Explain {
            round,
            code,
            format,
            open,
        } => explain::run(&round, &code, format, lang, open),
        Command::Whatif {
            round,
            code,
            open,
            format,
        } => whatif::run(&round, &code, format, open, lang),
        Command::Dossier {
            round,
            code,
            open,
            out,
        } => dossier::run(&round, &code, out.as_deref(), open, lang),
        Command::Check {
            round,
            open,
            criteria,
            policy,
        } => check::run(
            round.as_deref(),
            criteria.as_deref(),
            policy.as_deref(),
            open,
            lang,
        ),
        Command::Template {
            criteria,
            year,
            xlsx: None,
            ..
        } => template::run(&criteria, year, lang),
        Command::Template {
            criteria,
            year,
            xlsx: Some(xlsx),
            round,
            from,
            unit,
            outside_effect,
            force,
        } => template::run_xlsx(
            &criteria,
            year,
            &xlsx,
            round,
            from.as_deref().map(|dir| (dir, Open { outside_effect })),
            unit.as_deref(),
            force,
            lang,
        ),
        Command::Import {
            files,
            out,
            criteria,
            year,
            round_toml,
            force,
        } => import::run(
            &files,
            &out,
            criteria.as_deref(),
            year,
            round_toml,
            force,
            lang,
        ),
        Command::Serve {
            round,
            listen,
            out,
            compare,
            token,
            open,
        } => serve::run(
            serve::Request {
                round,
                listen,
                out,
                compare,
                token,
                open,
            },
            lang,
        ),
        Command::NewRound {
            province,
            year,
            criteria,
            policy,
            out,
            xlsx,
        } => new_round::run(
            &new_round::Request {
                province: &province,
                year,
                criteria: &criteria,
                policy: policy.as_deref(),
                out: &out,
                xlsx,
            },
            lang,
        ),
    };
    status.into()
}
