//! `cfc serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::Lang;
use crate::serve::{Config, ServeError};
use crate::words::serve as words;

use super::common::{Open, Status, print, report_round_error, warn};

/// What `cfc serve` was asked.
pub(crate) struct Request {
    pub(crate) round: PathBuf,
    pub(crate) listen: SocketAddr,
    pub(crate) out: Option<PathBuf>,
    pub(crate) compare: Option<PathBuf>,
    pub(crate) token: Option<String>,
    pub(crate) openapi: bool,
    pub(crate) open: Open,
}

pub(crate) fn run(request: Request, lang: Lang) -> Status {
    let mut config = Config::new(request.round);
    config.listen = request.listen;
    config.out = request.out;
    config.compare = request.compare;
    // The environment keeps the token out of the process list (`ps`) and shell history.
    config.token = request
        .token
        .or_else(|| std::env::var("CFC_TOKEN").ok())
        .filter(|t| !t.is_empty());
    config.lang = lang;
    config.outside_effect = request.open.options().outside_effect;
    if request.openapi {
        return match crate::serve::AppState::open(config) {
            Ok(state) => match print(&crate::serve::openapi(&state), true, lang) {
                Ok(()) => Status::Ok,
                Err(status) => status,
            },
            Err(e) => refused(e, lang),
        };
    }
    let dir = config.round_dir.display().to_string();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            warn(&words::runtime_failed(&e.to_string(), lang));
            return Status::RuleErrors;
        }
    };
    let served = runtime.block_on(crate::serve::run(config, |addr, token| {
        let url = crate::serve::browser_address(addr, token);
        // The address is the one line a script reads, on standard output; a closed standard
        // output is already said on standard error, and the server still runs.
        let _ = print(&format!("{url}\n"), false, lang);
        warn(&words::listening(&url, &dir, lang));
        if let Some(t) = token {
            warn(&words::token_notice(t, lang));
        }
    }));
    match served {
        Ok(()) => Status::Ok,
        Err(e) => refused(e, lang),
    }
}

/// Why the server could not start, said: a round's problems located, anything else a sentence.
fn refused(e: ServeError, lang: Lang) -> Status {
    match e {
        ServeError::Round(e) => report_round_error(&e, lang),
        e => warn(&e.words(lang)),
    }
    Status::RuleErrors
}
