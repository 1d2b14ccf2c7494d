//! `cfc completions`, `cfc man` and `cfc help`: the command line's own definition, in the
//! reader's language, as a shell, `man` and a person read it.

use clap::Command;

use crate::Lang;
use crate::words::cli as words;

use super::common::{Shell, Status, print, warn};
use super::help;

/// Prints the completion script of `shell`, its descriptions in `lang`.
pub(crate) fn completions(shell: Shell, lang: Lang, declare: fn() -> Command) -> Status {
    let mut cmd = help::command(lang, declare);
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cfc", &mut script);
    printed(&String::from_utf8_lossy(&script), lang)
}

/// Prints the manual page (roff) of cfc, or of one of its commands (`cfc-evaluate`), in `lang`.
pub(crate) fn man(command: Option<&str>, lang: Lang, declare: fn() -> Command) -> Status {
    let Some(cmd) = found(command, lang, declare) else {
        return Status::RuleErrors;
    };
    let mut page = Vec::new();
    let rendered = clap_mangen::Man::new(cmd)
        .source(concat!("cfc ", env!("CARGO_PKG_VERSION")))
        .manual(words::manual_title(lang))
        .render(&mut page);
    if let Err(e) = rendered {
        warn(&words::unprinted(&e.to_string(), lang));
        return Status::Unprinted;
    }
    printed(
        &help::man_titles(&String::from_utf8_lossy(&page), lang),
        lang,
    )
}

/// Prints the full help of cfc, or of one of its commands, in `lang`.
pub(crate) fn help(command: Option<&str>, lang: Lang, declare: fn() -> Command) -> Status {
    let Some(mut cmd) = found(command, lang, declare) else {
        return Status::RuleErrors;
    };
    printed(&cmd.render_long_help().to_string(), lang)
}

/// The definition of cfc, or of the command named (as `cfc-evaluate`, the name a manual page
/// and its usage line give it); `None`, said on standard error, for a command cfc lacks.
fn found(command: Option<&str>, lang: Lang, declare: fn() -> Command) -> Option<Command> {
    let mut cfc = help::command(lang, declare);
    cfc.build();
    let Some(name) = command else {
        return Some(cfc);
    };
    match cfc.find_subcommand(name) {
        Some(cmd) => Some(cmd.clone().name(format!("cfc-{name}"))),
        None => {
            warn(&words::no_such_command(name, lang));
            None
        }
    }
}

fn printed(text: &str, lang: Lang) -> Status {
    match print(text, false, lang) {
        Ok(()) => Status::Ok,
        Err(status) => status,
    }
}
