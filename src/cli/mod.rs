//! The command line (feature `cli`): argument parsing, exit codes and printing; the work is
//! done by the library. The `cfc` binary is [`main`].

mod check;
mod common;
mod diff;
mod dossier;
mod evaluate;
mod explain;
mod help;
mod import;
mod manual;
mod new_round;
mod serve;
mod sets;
mod template;
mod verify;
mod whatif;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::words::cli_help::{Arg, Cmd, Value};
use common::{Format, LangArg, Open, Shell};

// The words of every command and argument are in `words::cli_help`, in the reader's language
// (see `help.rs`); the attributes only name them.
#[derive(Parser)]
#[command(
    name = "cfc",
    version,
    about = help::about(Cmd::Cfc),
    long_about = help::long_about(Cmd::Cfc)
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(
        long,
        value_enum,
        global = true,
        env = "CFC_LANG",
        default_value_t = LangArg::Vi,
        value_name = help::value(Value::Lang),
        help = help::arg(Arg::Lang)
    )]
    lang: LangArg,
}

#[derive(Subcommand)]
enum Command {
    #[command(about = help::about(Cmd::Evaluate), long_about = help::long_about(Cmd::Evaluate))]
    Evaluate {
        #[arg(value_name = help::value(Value::Round), help = help::arg(Arg::EvaluateRound))]
        round: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table,
              value_name = help::value(Value::Format), help = help::arg(Arg::EvaluateFormat))]
        format: Format,
        #[arg(long, value_name = help::value(Value::Dir), help = help::arg(Arg::EvaluateOut))]
        out: Option<PathBuf>,
        #[command(flatten)]
        open: Open,
    },
    #[command(about = help::about(Cmd::Explain), long_about = help::long_about(Cmd::Explain))]
    Explain {
        #[arg(value_name = help::value(Value::Round), help = help::arg(Arg::ExplainRound))]
        round: PathBuf,
        #[arg(value_name = help::value(Value::Code), help = help::arg(Arg::ExplainCode))]
        code: String,
        #[arg(long, value_enum, default_value_t = Format::Table,
              value_name = help::value(Value::Format), help = help::arg(Arg::ExplainFormat))]
        format: Format,
        #[command(flatten)]
        open: Open,
    },
    #[command(about = help::about(Cmd::Diff), long_about = help::long_about(Cmd::Diff))]
    Diff {
        #[arg(value_name = help::value(Value::Old), help = help::arg(Arg::DiffOld))]
        old: PathBuf,
        #[arg(value_name = help::value(Value::New), help = help::arg(Arg::DiffNew))]
        new: PathBuf,
        #[command(flatten)]
        open: Open,
        #[arg(long, value_enum, default_value_t = Format::Table,
              value_name = help::value(Value::Format), help = help::arg(Arg::DiffFormat))]
        format: Format,
    },
    #[command(about = help::about(Cmd::Sets), long_about = help::long_about(Cmd::Sets))]
    Sets,
    #[command(about = help::about(Cmd::Verify), long_about = help::long_about(Cmd::Verify))]
    Verify {
        #[arg(value_name = help::value(Value::Dir), help = help::arg(Arg::VerifyDir))]
        dir: PathBuf,
    },
    #[command(about = help::about(Cmd::Whatif), long_about = help::long_about(Cmd::Whatif))]
    Whatif {
        #[arg(value_name = help::value(Value::Round), help = help::arg(Arg::WhatifRound))]
        round: PathBuf,
        #[arg(value_name = help::value(Value::Code), help = help::arg(Arg::WhatifCode))]
        code: String,
        #[command(flatten)]
        open: Open,
        #[arg(long, value_enum, default_value_t = Format::Table,
              value_name = help::value(Value::Format), help = help::arg(Arg::WhatifFormat))]
        format: Format,
    },
    #[command(about = help::about(Cmd::Dossier), long_about = help::long_about(Cmd::Dossier))]
    Dossier {
        #[arg(value_name = help::value(Value::Round), help = help::arg(Arg::DossierRound))]
        round: PathBuf,
        #[arg(value_name = help::value(Value::Code), help = help::arg(Arg::DossierCode))]
        code: String,
        #[command(flatten)]
        open: Open,
        #[arg(long, value_name = help::value(Value::File), help = help::arg(Arg::DossierOut))]
        out: Option<PathBuf>,
    },
    #[command(about = help::about(Cmd::Check), long_about = help::long_about(Cmd::Check))]
    Check {
        #[arg(required_unless_present = "criteria", conflicts_with = "criteria",
              value_name = help::value(Value::Round), help = help::arg(Arg::CheckRound))]
        round: Option<PathBuf>,
        #[command(flatten)]
        open: Open,
        #[arg(long, value_name = help::value(Value::Set), help = help::arg(Arg::CheckCriteria))]
        criteria: Option<PathBuf>,
        #[arg(long, requires = "criteria",
              value_name = help::value(Value::Set), help = help::arg(Arg::CheckPolicy))]
        policy: Option<PathBuf>,
        #[arg(long, help = help::arg(Arg::CheckDenyWarnings))]
        deny_warnings: bool,
    },
    #[command(about = help::about(Cmd::Template), long_about = help::long_about(Cmd::Template))]
    Template {
        #[arg(long, value_name = help::value(Value::Set), help = help::arg(Arg::TemplateCriteria))]
        criteria: PathBuf,
        #[arg(long, value_name = help::value(Value::Year), help = help::arg(Arg::TemplateYear))]
        year: Option<u16>,
        #[arg(long, value_name = help::value(Value::Workbook), help = help::arg(Arg::TemplateXlsx))]
        xlsx: Option<PathBuf>,
        #[arg(long, requires = "xlsx", help = help::arg(Arg::TemplateRound))]
        round: bool,
        #[arg(long, requires = "xlsx",
              value_name = help::value(Value::RoundDir), help = help::arg(Arg::TemplateFrom))]
        from: Option<PathBuf>,
        #[arg(long, requires = "from", conflicts_with = "round",
              value_name = help::value(Value::Code), help = help::arg(Arg::TemplateUnit))]
        unit: Option<String>,
        #[arg(long, requires = "from", help = help::arg(Arg::TemplateOutsideEffect))]
        outside_effect: bool,
        #[arg(long, requires = "xlsx", help = help::arg(Arg::TemplateForce))]
        force: bool,
    },
    #[command(about = help::about(Cmd::NewRound), long_about = help::long_about(Cmd::NewRound))]
    NewRound {
        #[arg(long, value_name = help::value(Value::Code), help = help::arg(Arg::NewRoundProvince))]
        province: String,
        #[arg(long, value_name = help::value(Value::Year), help = help::arg(Arg::NewRoundYear))]
        year: u16,
        #[arg(long, value_name = help::value(Value::Set), help = help::arg(Arg::NewRoundCriteria))]
        criteria: PathBuf,
        #[arg(long, value_name = help::value(Value::Set), help = help::arg(Arg::NewRoundPolicy))]
        policy: Option<PathBuf>,
        #[arg(long, value_name = help::value(Value::Dir), help = help::arg(Arg::NewRoundOut))]
        out: PathBuf,
        #[arg(long, help = help::arg(Arg::NewRoundXlsx))]
        xlsx: bool,
    },
    #[command(about = help::about(Cmd::Serve), long_about = help::long_about(Cmd::Serve))]
    Serve {
        #[arg(value_name = help::value(Value::Round), help = help::arg(Arg::ServeRound))]
        round: PathBuf,
        #[arg(long, default_value = "127.0.0.1:8080",
              value_name = help::value(Value::Addr), help = help::arg(Arg::ServeListen))]
        listen: std::net::SocketAddr,
        #[arg(long, value_name = help::value(Value::Dir), help = help::arg(Arg::ServeOut))]
        out: Option<PathBuf>,
        #[arg(long, value_name = help::value(Value::Path), help = help::arg(Arg::ServeCompare))]
        compare: Option<PathBuf>,
        #[arg(long, value_name = help::value(Value::Token), help = help::arg(Arg::ServeToken))]
        token: Option<String>,
        #[arg(long, help = help::arg(Arg::ServeOpenapi))]
        openapi: bool,
        #[command(flatten)]
        open: Open,
    },
    #[command(about = help::about(Cmd::Import), long_about = help::long_about(Cmd::Import))]
    Import {
        #[arg(required = true,
              value_name = help::value(Value::Workbooks), help = help::arg(Arg::ImportFiles))]
        files: Vec<PathBuf>,
        #[arg(long, value_name = help::value(Value::RoundDir), help = help::arg(Arg::ImportOut))]
        out: PathBuf,
        #[arg(long, value_name = help::value(Value::Set), help = help::arg(Arg::ImportCriteria))]
        criteria: Option<PathBuf>,
        #[arg(long, value_name = help::value(Value::Year), help = help::arg(Arg::ImportYear))]
        year: Option<u16>,
        #[arg(long, help = help::arg(Arg::ImportRoundToml))]
        round_toml: bool,
        #[arg(long, help = help::arg(Arg::ImportForce))]
        force: bool,
    },
    #[command(about = help::about(Cmd::Completions), long_about = help::long_about(Cmd::Completions))]
    Completions {
        #[arg(value_enum, value_name = help::value(Value::Shell), help = help::arg(Arg::CompletionsShell))]
        shell: Shell,
    },
    #[command(about = help::about(Cmd::Man), long_about = help::long_about(Cmd::Man))]
    Man {
        #[arg(value_name = help::value(Value::Command), help = help::arg(Arg::ManCommand))]
        command: Option<String>,
    },
    #[command(about = help::about(Cmd::Help), long_about = help::long_about(Cmd::Help))]
    Help {
        #[arg(value_name = help::value(Value::Command), help = help::arg(Arg::HelpCommand))]
        command: Option<String>,
    },
}

/// Runs the `cfc` command line on the process's arguments: what the binary does. Exit codes:
/// 0 every unit evaluated; 1 some evidence file had errors; 2 a usage error or an error of the
/// rules or `round.toml`; 3 standard output could not be written.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let env = std::env::var("CFC_LANG").ok();
    let asked = help::lang_before_parsing(&args, env.as_deref());
    let definition = help::command(asked, Cli::command);
    let cli = match definition
        .clone()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(e) => {
            let (text, code) = help::refusal(&e, asked);
            if code == 0 {
                // Help and version as clap prints them (in colour on a terminal).
                let _ = e.print();
            } else {
                common::warn(text.trim_end());
            }
            return ExitCode::from(code);
        }
    };
    let lang = cli.lang.lang();
    let status = match cli.command {
        Command::Completions { shell } => manual::completions(shell, lang, Cli::command),
        Command::Man { command } => manual::man(command.as_deref(), lang, Cli::command),
        Command::Help { command } => manual::help(command.as_deref(), lang, Cli::command),
        Command::Evaluate {
            round,
            format,
            out,
            open,
        } => evaluate::run(&round, format, out.as_deref(), lang, open),
        Command::Verify { dir } => verify::run(&dir, lang),
        Command::Sets => sets::run(lang),
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
            openapi,
            open,
        } => serve::run(
            serve::Request {
                round,
                listen,
                out,
                compare,
                token,
                openapi,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    /// Every command and argument is declared with its words from the table (not clap's nor
    /// none), in both languages.
    #[test]
    fn every_command_and_argument_has_its_words_in_both_languages() {
        fn walk(vi: &clap::Command, en: &clap::Command) {
            let about = |c: &clap::Command| c.get_about().map(ToString::to_string);
            assert!(
                about(vi).is_some_and(|a| !a.is_empty()),
                "{}",
                vi.get_name()
            );
            assert_ne!(about(vi), about(en), "{}", vi.get_name());
            for (a, b) in vi.get_arguments().zip(en.get_arguments()) {
                let help = |a: &clap::Arg| a.get_help().map(ToString::to_string);
                let name = format!("{} {}", vi.get_name(), a.get_id());
                assert!(help(a).is_some_and(|h| !h.is_empty()), "{name}");
                assert_ne!(help(a), help(b), "{name}");
                assert!(a.get_help_heading().is_some(), "{name}");
            }
            for (a, b) in vi.get_subcommands().zip(en.get_subcommands()) {
                walk(a, b);
            }
        }
        let (vi, en) = (
            help::command(Lang::Vi, Cli::command),
            help::command(Lang::En, Cli::command),
        );
        vi.clone().debug_assert();
        en.clone().debug_assert();
        walk(&vi, &en);
    }
}
