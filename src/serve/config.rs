//! How a server is started, its limits, and why it could not start or reload.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::base::lang::Lang;
use crate::evaluate::round::RoundError;

/// How a server is started: the round, where to listen, what else to show.
#[derive(Clone, Debug)]
pub struct Config {
    /// The round folder (round.toml and one evidence file per unit).
    pub round_dir: PathBuf,
    /// Where to listen; `127.0.0.1:0` picks a free port.
    pub listen: SocketAddr,
    /// When given, every (re)load also writes the output folder, as `evaluate --out` does.
    pub out: Option<PathBuf>,
    /// Another round folder or a `results.json` (last year's) to compare against.
    pub compare: Option<PathBuf>,
    /// The access token. Required off loopback: [`AppState::open`](crate::serve::AppState::open) generates one when none
    /// is given there.
    pub token: Option<String>,
    /// The default language of the pages and the API's sentences.
    pub lang: Lang,
    /// Body sizes and time limits.
    pub limits: Limits,
    /// Open the round even though its year lies outside its criteria set's period in force
    /// (as `--outside-effect` does for the other commands).
    pub outside_effect: bool,
}

impl Config {
    /// A configuration for a round folder with every default: loopback port 8080, no output
    /// folder, no comparison, no token, Vietnamese, the default limits.
    pub fn new(round_dir: impl Into<PathBuf>) -> Config {
        Config {
            round_dir: round_dir.into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            out: None,
            compare: None,
            token: None,
            lang: Lang::default(),
            limits: Limits::default(),
            outside_effect: false,
        }
    }
}

/// Bounds on what one request may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body (evidence for the API), in bytes; 413 past it.
    pub body: usize,
    /// The largest upload (workbooks sent as `multipart/form-data`), in bytes; 413 past it.
    pub upload: usize,
    /// The longest a request may take once its headers are read; 503 past it.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body: 1 << 20,
            upload: 8 << 20,
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// How long a client may take to send its request headers: a connection that dribbles them
/// (slowloris) is closed rather than held open.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How often the round folder is checked for changes.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Why the server could not start, or why a reload failed (the previous round then stays).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The round folder could not be opened.
    #[error(transparent)]
    Round(#[from] RoundError),
    /// The output folder could not be written.
    #[error(transparent)]
    Output(#[from] crate::render::output::OutputError),
    /// The results to compare against could not be read.
    #[error("{}: {source}", path.display())]
    Compare {
        /// The `--compare` path.
        path: PathBuf,
        /// Why.
        source: crate::audit::diff::ResultsError,
    },
    /// The address could not be listened on.
    #[error("{addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The system's error.
        source: std::io::Error,
    },
    /// The system gave no randomness for a token.
    #[error("no randomness for a token: {0}")]
    Random(String),
    /// The server's runtime failed.
    #[error("{0}")]
    Runtime(String),
}

impl ServeError {
    /// Why, in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        use crate::words::serve as w;
        match self {
            ServeError::Round(e) => crate::words::errors::round(e, lang),
            ServeError::Output(e) => e.words(lang),
            ServeError::Compare { path, source } => w::compare_unreadable(
                &path.display().to_string(),
                &crate::words::errors::results(source, lang),
                lang,
            ),
            ServeError::Bind { addr, source } => w::cannot_listen(&addr.to_string(), source, lang),
            ServeError::Random(detail) => w::no_randomness(detail, lang),
            ServeError::Runtime(detail) => w::runtime_failed(detail, lang),
        }
    }

    /// The located problems behind it, when it is about files (`round.toml`, the rules).
    pub fn problems(&self) -> Vec<crate::base::diag::Diagnostic> {
        match self {
            ServeError::Round(RoundError::Load(load)) => load.diagnostics(),
            _ => Vec::new(),
        }
    }
}
