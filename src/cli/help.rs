//! The command line in the reader's language: which language, known before clap parses (from
//! `--lang` or `CFC_LANG`), the arguments' words taken from `words::cli_help` while the
//! commands are declared, and clap's own words (headings, usage, help and version flags,
//! notes, errors) put in that language.

use std::cell::Cell;
use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg as ClapArg, ArgAction, Command};

use crate::Lang;
use crate::words::cli_help::{self as words, Arg, Chrome, Cmd, Value};

thread_local! {
    /// The language the commands are being declared in: clap's derive reads the words while
    /// it builds them, and has no other way to be told.
    static DECLARING: Cell<Lang> = const { Cell::new(Lang::Vi) };
}

/// The language asked for, read before clap parses so that its help and errors are in it:
/// `--lang vi|en` (the last one given, before a `--`), else `CFC_LANG`, else Vietnamese.
pub(crate) fn lang_before_parsing(args: &[OsString], env: Option<&str>) -> Lang {
    let code = |s: &str| match s {
        "vi" => Some(Lang::Vi),
        "en" => Some(Lang::En),
        _ => None,
    };
    let mut asked = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            asked = args.next().and_then(code).or(asked);
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            asked = code(value).or(asked);
        }
    }
    asked.or_else(|| env.and_then(code)).unwrap_or_default()
}

/// Builds the command line's definition in `lang`: `declare` is clap's (`Cli::command`), whose
/// words are read from the table in `lang`; then clap's own words are put in it too.
pub(crate) fn command(lang: Lang, declare: impl FnOnce() -> Command) -> Command {
    let previous = DECLARING.with(|l| l.replace(lang));
    let declared = declare();
    DECLARING.with(|l| l.set(previous));
    let cmd = localize(declared, lang, true);
    let name = cmd.get_name().to_string();
    usages(cmd, lang, &name)
}

/// An argument's words, for `#[arg(help = …)]`.
pub(crate) fn arg(arg: Arg) -> &'static str {
    words::arg(arg, DECLARING.with(Cell::get))
}

/// A command's first line, for `#[command(about = …)]`.
pub(crate) fn about(cmd: Cmd) -> &'static str {
    words::about(cmd, DECLARING.with(Cell::get))
}

/// A command's full help, for `#[command(long_about = …)]`.
pub(crate) fn long_about(cmd: Cmd) -> String {
    let lang = DECLARING.with(Cell::get);
    match words::details(cmd, lang) {
        "" => words::about(cmd, lang).to_string(),
        details => format!("{}\n\n{details}", words::about(cmd, lang)),
    }
}

/// A value's name, for `#[arg(value_name = …)]`.
pub(crate) fn value(value: Value) -> &'static str {
    words::value(value, DECLARING.with(Cell::get))
}

/// What a value of a list means, for `#[value(help = …)]`.
pub(crate) fn choice(choice: words::Choice) -> &'static str {
    words::choice(choice, DECLARING.with(Cell::get))
}

/// clap's own words in `lang`, on a command and every command under it: the help layout and
/// its headings, the help and version flags, and the notes after an argument's help (default,
/// values, environment) written from the table instead of clap's English.
fn localize(cmd: Command, lang: Lang, top: bool) -> Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        words::chrome(Chrome::Usage, lang)
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(words::chrome(Chrome::Commands, lang))
        .subcommand_value_name(words::value(Value::Command, lang))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            ClapArg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(words::arg(Arg::Help, lang)),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            ClapArg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(words::arg(Arg::Version, lang)),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| note(a, lang));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| localize(c, lang, false));
    }
    cmd
}

/// An argument under its heading, with its default, its values and its environment variable
/// said after its help in `lang` (clap's own notes hidden).
fn note(arg: ClapArg, lang: Lang) -> ClapArg {
    let heading = if arg.is_positional() {
        Chrome::Arguments
    } else {
        Chrome::Options
    };
    // A flag takes no value: it has no values, and its default is only "not given".
    if !arg.get_action().takes_values() {
        return arg.help_heading(words::chrome(heading, lang));
    }
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(words::default_value(&defaults.join(", "), lang));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(PossibleValue::get_name)
        .map(str::to_string)
        .collect();
    if !values.is_empty() {
        notes.push(words::possible_values(&values.join(", "), lang));
    }
    let env = arg.get_env().map(|e| e.to_string_lossy().into_owned());
    if let Some(env) = &env {
        notes.push(words::environment(env, lang));
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let help = std::iter::once(help)
        .chain(notes)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    arg.help_heading(words::chrome(heading, lang))
        .help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(env.is_some())
}

/// Every command's usage line with clap's placeholders (`[OPTIONS]`, `<COMMAND>`) in `lang`.
fn usages(mut cmd: Command, lang: Lang, path: &str) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(&name, |c| usages(c, lang, &path));
    }
    let rendered = cmd.clone().bin_name(path).render_usage().to_string();
    let usage = rendered
        .split_once(": ")
        .map_or(rendered.as_str(), |(_, usage)| usage)
        .replace("[OPTIONS]", words::chrome(Chrome::OptionsPlaceholder, lang))
        .replace("<COMMAND>", words::chrome(Chrome::CommandPlaceholder, lang));
    cmd.override_usage(usage)
}

/// What a parse error prints, in `lang`, and the exit code: help and version as clap prints
/// them (0), every other error in the reader's words (2); an error clap gives no detail of is
/// clap's own sentence.
pub(crate) fn refusal(err: &clap::Error, lang: Lang) -> (String, u8) {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            return (err.render().to_string(), 0);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return (err.render().to_string(), 2);
        }
        _ => {}
    }
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Strings(s)) => Some(s.join(", ")),
        Some(ContextValue::StyledStrs(s)) => Some(
            s.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    // Names and values offered to the reader, each quoted as the sentences quote the one
    // given: 'table', 'json', 'csv'.
    let quoted = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(format!("'{s}'")),
        Some(ContextValue::Strings(s)) => Some(
            s.iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => text(kind),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = Vec::new();
    let said =
        match err.kind() {
            ErrorKind::UnknownArgument => Some(words::unknown_argument(&arg, lang)),
            ErrorKind::InvalidSubcommand => text(ContextKind::InvalidSubcommand)
                .map(|found| words::unknown_command(&found, lang)),
            ErrorKind::InvalidValue => {
                if let Some(valid) = quoted(ContextKind::ValidValue) {
                    lines.push(words::accepted(&valid, lang));
                }
                Some(words::invalid_value(&value, &arg, lang))
            }
            ErrorKind::ValueValidation => {
                let detail = std::error::Error::source(err)
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default();
                Some(words::invalid_value(&value, &arg, lang) + detail.as_str())
            }
            ErrorKind::MissingRequiredArgument => Some(words::missing(&arg, lang)),
            ErrorKind::MissingSubcommand => quoted(ContextKind::ValidSubcommand)
                .map(|valid| words::missing_command(&valid, lang)),
            ErrorKind::ArgumentConflict => {
                text(ContextKind::PriorArg).map(|prior| words::conflict(&arg, &prior, lang))
            }
            ErrorKind::TooManyValues => Some(words::unexpected_value(&value, &arg, lang)),
            _ => None,
        };
    let Some(said) = said else {
        return (err.render().to_string(), 2);
    };
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(near) = quoted(kind) {
            lines.push(format!(
                "{}: {}",
                words::chrome(Chrome::Tip, lang),
                words::did_you_mean(&near, lang)
            ));
        }
    }
    // clap's usage line ("Usage: cfc evaluate [TÙY_CHỌN] …") names the command to ask help of.
    let usage = text(ContextKind::Usage).map(|u| match u.split_once(": ") {
        Some((_, usage)) => usage.to_string(),
        None => u,
    });
    let command = usage
        .as_deref()
        .unwrap_or("cfc")
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = format!("{}: {said}\n", words::chrome(Chrome::Error, lang));
    for line in lines {
        out.push_str(&format!("\n  {line}\n"));
    }
    if let Some(usage) = usage {
        out.push_str(&format!(
            "\n{}: {usage}\n",
            words::chrome(Chrome::Usage, lang)
        ));
    }
    out.push_str(&format!("\n{}\n", words::more_help(&command, lang)));
    (out, 2)
}

/// A manual page's section titles in `lang` and in capitals, as manual pages write them
/// (clap_mangen writes its own in English, and the headings of arguments as they are).
pub(crate) fn man_titles(roff: &str, lang: Lang) -> String {
    roff.lines()
        .map(|line| match line.strip_prefix(".SH ") {
            Some(title) => {
                let title = title.trim_matches('"');
                let local = words::man_section(title, lang)
                    .map_or_else(|| title.to_uppercase(), str::to_string);
                format!(".SH \"{local}\"")
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_known_before_parsing() {
        let cases = [
            (&["cfc", "--help"][..], None, Lang::Vi),
            (&["cfc", "--lang", "en", "--help"], None, Lang::En),
            (&["cfc", "evaluate", "--lang=en", "x"], Some("vi"), Lang::En),
            (&["cfc", "--help"], Some("en"), Lang::En),
            (&["cfc", "--lang", "vi"], Some("en"), Lang::Vi),
            (&["cfc", "--lang", "fr"], Some("en"), Lang::En),
            (&["cfc", "--", "--lang", "en"], None, Lang::Vi),
        ];
        for (argv, env, lang) in cases {
            assert_eq!(
                lang_before_parsing(&args(argv), env),
                lang,
                "{argv:?} {env:?}"
            );
        }
    }
}
