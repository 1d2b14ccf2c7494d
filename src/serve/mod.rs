//! `cfc serve`: the council's screen and the HTTP API, one server over one loaded round.
//!
//! The round is loaded once into a [`Snapshot`] (settings, compiled rules, evidence, the
//! report, the diff); every request works on one `Arc` of it, so an answer never mixes two
//! loads. [`router`] gives the whole application (API, pages and the safety guards) for an
//! embedder to mount in its own axum app; [`run`] binds, serves and polls the folder.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cfc::serve::ServeError> {
//! let config = cfc::serve::Config::new("fixtures/son-ha-2024");
//! cfc::serve::run(config, |addr, _token| println!("http://{addr}/")).await
//! # }
//! ```

mod api;
mod guard;
mod pages;
pub mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;

use crate::base::lang::Lang;
use crate::evaluate::round::RoundError;

pub use guard::{Current, GENERATION_HEADER, TOKEN_COOKIE};
pub use state::{AppState, Reload, Snapshot};

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
    /// The access token. Required off loopback: [`AppState::open`] generates one when none
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

/// The whole application over a loaded round: the JSON API, the pages, and the guards every
/// route passes (token, same origin, host, body limits, time limit, security headers).
pub fn router(state: Arc<AppState>) -> Router {
    let limits = state.config().limits;
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        // Every body is bounded by the guard (by its kind); this only lifts axum's own
        // default below the largest of them.
        .layer(DefaultBodyLimit::max(limits.body.max(limits.upload)))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

/// Opens the round, listens, calls `ready` with the bound address and the token (when there
/// is one), and serves until Ctrl-C, reloading the round when its files change.
pub async fn run(
    config: Config,
    ready: impl FnOnce(SocketAddr, Option<&str>),
) -> Result<(), ServeError> {
    run_until(config, ready, async {
        // Without a signal handler the server serves until the process ends.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
}

/// As [`run`], but serves until `stop` completes, for an embedder that ends the server
/// itself (its folder-watching ends with it).
///
/// ```no_run
/// # async fn demo() -> Result<(), cfc::serve::ServeError> {
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let config = cfc::serve::Config::new("fixtures/son-ha-2024");
/// # drop(stop);
/// cfc::serve::run_until(config, |_, _| {}, async {
///     let _ = stopped.await;
/// })
/// .await
/// # }
/// ```
pub async fn run_until(
    config: Config,
    ready: impl FnOnce(SocketAddr, Option<&str>),
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), ServeError> {
    let listen = config.listen;
    let state = tokio::task::spawn_blocking(move || AppState::open(config))
        .await
        .map_err(|e| ServeError::Runtime(e.to_string()))??;
    let state = Arc::new(state);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| ServeError::Bind {
            addr: listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| ServeError::Bind {
        addr: listen,
        source,
    })?;
    ready(addr, state.config().token.as_deref());
    let app = router(state.clone()).layer(axum::middleware::from_fn(guard::log));
    let watcher = tokio::spawn(poll(state));
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => {
                watcher.abort();
                return Ok(());
            }
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, app.clone()));
                }
                // Out of file descriptors or a connection reset before it was taken: the
                // listener itself is fine; pause rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
        }
    }
}

/// Serves one connection: HTTP/1.1 with keep-alive, its headers due within
/// [`HEADER_TIMEOUT`].
async fn connection(stream: tokio::net::TcpStream, app: Router) {
    let io = hyper_util::rt::TokioIo::new(stream);
    let service = hyper_util::service::TowerToHyperService::new(app);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    // A connection ends with an error when the client goes away or times out: nothing to do.
    let _ = http.serve_connection(io, service).await;
}

/// Checks the round folder every [`POLL_INTERVAL`] and reloads it when a file changed,
/// saying so on standard error.
async fn poll(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(POLL_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let lang = state.config().lang;
    loop {
        tick.tick().await;
        let worker = state.clone();
        // Reading the folder and evaluating are blocking work.
        let line = match tokio::task::spawn_blocking(move || worker.reload_if_changed()).await {
            Ok(Reload::Loaded { generation }) => crate::words::serve::reloaded(generation, lang),
            Ok(Reload::Failed { error, .. }) => {
                crate::words::serve::reload_failed(&error.words(lang), lang)
            }
            Ok(_) => continue,
            Err(e) => crate::words::serve::runtime_failed(&e.to_string(), lang),
        };
        guard::say(&line);
    }
}
