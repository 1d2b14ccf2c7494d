//! The command line (feature `cli`): argument parsing, exit codes and printing; the work is
//! done by the library. The `cfc` binary is [`main`].

mod check;
mod common;
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

use clap::{Parser, Subcommand};

use common::{Format, LangArg, Open};

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
        /// Treat the warnings of the analysis of the rules (rules that may not be what their
        /// author meant) as errors: exit code 2 when there is any.
        #[arg(long)]
        deny_warnings: bool,
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

/// Runs the `cfc` command line on the process's arguments: what the binary does. Exit codes:
/// 0 every unit evaluated; 1 some evidence file had errors; 2 a usage error or an error of the
/// rules or `round.toml`; 3 standard output could not be written.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.lang();
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
            deny_warnings,
        } => check::run(
            round.as_deref(),
            (criteria.as_deref(), policy.as_deref()),
            open,
            deny_warnings,
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
