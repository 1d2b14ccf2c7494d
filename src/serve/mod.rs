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
mod config;
mod guard;
mod openapi;
mod pages;
mod refusal;
pub mod state;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use config::{Config, HEADER_TIMEOUT, Limits, POLL_INTERVAL, ServeError};
pub use guard::{Current, GENERATION_HEADER, TOKEN_COOKIE, browser_address};
pub use openapi::openapi;
pub use state::{AppState, Reload, Snapshot};

/// The whole application over a loaded round: the JSON API, the pages, and the guards every
/// route passes (token, same origin, host, body limits, time limit, security headers); answers
/// are compressed (gzip) when the client accepts it.
pub fn router(state: Arc<AppState>) -> Router {
    let limits = state.config().limits;
    Router::new()
        .merge(openapi::routes())
        .merge(pages::routes())
        // The API answers every path under /api itself; these are the pages'.
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::not_allowed)
        // Every body is bounded by the guard (by its kind); this only lifts axum's own
        // default below the largest of them.
        .layer(DefaultBodyLimit::max(limits.body.max(limits.upload)))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .layer(compression())
        .with_state(state)
}

/// gzip for the text the server answers (JSON, pages, CSS, JS): `/api/round` shrinks to about
/// a twentieth. Not for what is compressed already (PDFs, workbooks), nor for a few bytes; the
/// headers (`X-Cfc-Generation`, the security headers) are kept as they are.
fn compression()
-> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
        .and(NotForContentType::const_new("application/zip"));
    tower_http::compression::CompressionLayer::new().compress_when(predicate)
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
