//! The council's screen: the HTML pages of `cfc serve` (the round, a unit with its what-if
//! panel, the comparison, the import), their PDFs, and the assets they use, all served by the
//! binary. Every page is made from the one snapshot its request took ([`Current`]), so a page
//! never mixes two loads of the round; a unit is found through that snapshot, never through
//! the file system.

mod query;
mod views;
mod whatif;

use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::SystemTime;

use axum::Router;
use axum::extract::{Multipart, Path as UrlPath, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::{AppState, Current, Snapshot};
use crate::base::lang::Lang;
use crate::render::dossier::{self, Context};
use crate::render::pdf::PdfError;
use crate::words::web::{self as w, Door};
use crate::xlsx::intake::{self, IntakeOptions, Outcome};
use query::PageQuery;

/// The routes of the pages, merged into [`super::router`], which guards them.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(round))
        .route("/units/{code}", get(unit))
        .route("/units/{code}/try", post(whatif::try_figures))
        .route("/units/{code}/dossier.pdf", get(unit_pdf))
        .route("/summary.pdf", get(summary_pdf))
        .route("/compare", get(compare))
        .route("/import", get(import_form).post(import))
        .route("/reload", post(reload))
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
}

fn html(status: StatusCode, page: String) -> Response {
    (status, Html(page)).into_response()
}

/// When the round shown was loaded, by the clock of Vietnam (UTC+7, no summer time), whatever
/// time zone the server is set to: the council reads it in its own hours.
fn loaded_at(t: SystemTime) -> String {
    const VIETNAM: u64 = 7 * 3600;
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        + VIETNAM;
    let day = secs % 86_400;
    format!(
        "{:02}:{:02}:{:02} (UTC+7)",
        day / 3600,
        day % 3600 / 60,
        day % 60
    )
}

/// `GET /`: the round.
async fn round(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    let show = views::Show::parse(q.show.as_deref());
    let sort = views::Sort::parse(q.sort.as_deref());
    let form = state.form_token().to_string();
    blocking(&state, &snap.clone(), lang, move || {
        let loaded = loaded_at(snap.loaded_at);
        views::round_page(&snap, lang, (show, sort), &loaded, &form)
    })
    .await
}

/// A page made by CPU work (a page of ten thousand rows, a what-if search) off the async
/// workers, one piece per core ([`AppState::compute`]), so that a burst of it queues instead
/// of starving the rest; the failure page if the work could not run.
async fn blocking(
    state: &AppState,
    snap: &Snapshot,
    lang: Lang,
    work: impl FnOnce() -> String + Send + 'static,
) -> Response {
    match state.compute(work).await {
        Ok(page) => html(StatusCode::OK, page),
        Err(e) => failed(snap, lang, &e.words(lang)),
    }
}

/// Any address that is neither a page nor the API: the 404 page, in the reader's language.
pub(crate) async fn not_found(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    let t = w::ui(lang);
    html(
        StatusCode::NOT_FOUND,
        views::message_page(&snap, lang, t.not_found, w::no_page(lang).to_string()),
    )
}

/// An address asked with a method it does not take: 405, as JSON under `/api` and as a page
/// elsewhere.
pub(crate) async fn not_allowed(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> Response {
    if super::guard::is_api(uri.path()) {
        return super::api::not_allowed(State(state), method, uri).await;
    }
    let lang = q.lang(&state);
    html(
        StatusCode::METHOD_NOT_ALLOWED,
        views::message_page(
            &snap,
            lang,
            w::status_heading(405, lang),
            w::wrong_method(lang).to_string(),
        ),
    )
}

/// The 404 page of a code the round does not hold.
fn no_unit(snap: &Snapshot, code: &str, lang: Lang) -> Response {
    let t = w::ui(lang);
    html(
        StatusCode::NOT_FOUND,
        views::message_page(snap, lang, t.not_found, w::no_unit(code, lang)),
    )
}

/// `GET /units/{code}`: everything `explain` knows, and the what-if panel with the smallest
/// change that would make the unit recognised at its top (the search takes milliseconds).
async fn unit(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    if snap.unit(&code).is_none() {
        return no_unit(&snap, &code, lang);
    }
    let form = state.form_token().to_string();
    blocking(&state, &snap.clone(), lang, move || {
        let Some(u) = snap.unit(&code) else {
            return String::new();
        };
        let smallest = whatif::smallest(&snap, u, lang);
        views::unit_page(&snap, u, lang, smallest, &form)
    })
    .await
}

/// A PDF, shown in the browser or downloaded under its file name.
fn pdf(bytes: Vec<u8>, file: &str, download: bool) -> Response {
    let disposition = format!(
        "{}; filename=\"{}\"",
        if download { "attachment" } else { "inline" },
        file.replace(['"', '\\'], "_")
    );
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

fn context(snap: &Snapshot, lang: Lang) -> Context<'_> {
    Context {
        settings: &snap.round.settings,
        criteria: snap.round.evaluator.criteria(),
        policy: snap.round.evaluator.policy(),
        lang,
    }
}

/// The failure page of a document that could not be drawn.
fn failed(snap: &Snapshot, lang: Lang, detail: &str) -> Response {
    let t = w::ui(lang);
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        views::message_page(snap, lang, t.failed, w::cause(detail, lang)),
    )
}

/// `GET /units/{code}/dossier.pdf`: the unit's dossier, drawn from the snapshot (the same
/// bytes `cfc dossier` writes).
async fn unit_pdf(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    let Some(u) = snap.unit(&code) else {
        return no_unit(&snap, &code, lang);
    };
    let file = dossier::file_name(u);
    drawn(
        &state,
        snap,
        lang,
        (&file, q.download.is_some()),
        move |snap, cx| {
            let u = snap
                .unit(&code)
                .expect("looked up above in the same snapshot");
            dossier::dossier(u, cx).map(|r| r.bytes)
        },
    )
    .await
}

/// `GET /summary.pdf`: the round's summary.
async fn summary_pdf(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    let answer = ("summary.pdf", q.download.is_some());
    drawn(&state, snap, lang, answer, |snap, cx| {
        dossier::summary(&snap.report, cx).map(|r| r.bytes)
    })
    .await
}

/// A document drawn from the snapshot off the async workers ([`AppState::compute`]), answered
/// as `file`, inline or as a download; the failure page when it cannot be drawn.
async fn drawn(
    state: &AppState,
    snap: Arc<Snapshot>,
    lang: Lang,
    (file, download): (&str, bool),
    draw: impl FnOnce(&Snapshot, &Context) -> Result<Vec<u8>, PdfError> + Send + 'static,
) -> Response {
    let work = {
        let snap = snap.clone();
        move || draw(&snap, &context(&snap, lang))
    };
    match state.compute(work).await {
        Ok(Ok(bytes)) => pdf(bytes, file, download),
        Ok(Err(e)) => failed(&snap, lang, &e.words(lang)),
        Err(e) => failed(&snap, lang, &e.words(lang)),
    }
}

/// `GET /compare`: the diff against the results given with `--compare`.
async fn compare(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    let page = views::compare_page(&snap, snap.diff.as_deref(), lang);
    html(StatusCode::OK, page)
}

/// `GET /import`: the upload form.
async fn import_form(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
) -> Response {
    let lang = q.lang(&state);
    html(
        StatusCode::OK,
        views::import_page(&snap, lang, state.form_token(), Vec::new(), None),
    )
}

/// One import into the round folder at a time: each reads the folder before writing it.
static IMPORTING: Mutex<()> = Mutex::new(());

/// `POST /import`: the uploaded workbooks into the round folder, through the same steps as
/// `cfc import` ([`intake::intake`]); then the round is reloaded and the outcome shown.
async fn import(
    Current(snap): Current,
    State(state): State<Arc<AppState>>,
    Query(q): Query<PageQuery>,
    mut form: Multipart,
) -> Response {
    let lang = q.lang(&state);
    let mut books: Vec<(String, Vec<u8>)> = Vec::new();
    let mut force = false;
    loop {
        match form.next_field().await {
            Ok(None) => break,
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                // Only the last part of what the browser calls the file: no path of the
                // clerk's disk is kept or shown.
                let file = field
                    .file_name()
                    .map(|f| f.rsplit(['/', '\\']).next().unwrap_or_default().to_string());
                match field.bytes().await {
                    Ok(bytes) if name == "workbooks" => {
                        if let Some(file) = file.filter(|_| !bytes.is_empty()) {
                            books.push((file, bytes.to_vec()));
                        }
                    }
                    Ok(_) if name == "force" => force = true,
                    Ok(_) => {}
                    Err(e) => return bad_upload(&snap, &state, lang, e.status(), &e.body_text()),
                }
            }
            Err(e) => return bad_upload(&snap, &state, lang, e.status(), &e.body_text()),
        }
    }
    if books.is_empty() {
        return html(
            StatusCode::BAD_REQUEST,
            views::import_page(
                &snap,
                lang,
                state.form_token(),
                Vec::new(),
                Some(w::no_workbook(lang).to_string()),
            ),
        );
    }
    let work = {
        let state = state.clone();
        move || {
            let _one = IMPORTING.lock().unwrap_or_else(|e| e.into_inner());
            let dir = state.config().round_dir.clone();
            let round = &snap.round;
            let options = IntakeOptions {
                round_toml: false,
                force,
            };
            let done = intake::intake(
                &dir,
                &books,
                round.evaluator.criteria(),
                Some(round.settings.year),
                options,
            );
            if done.evidence_written() > 0 {
                state.reload();
            }
            done
        }
    };
    let done = match state.compute(work).await {
        Ok(done) => done,
        Err(e) => {
            let snap = state.snapshot();
            return failed(&snap, lang, &e.words(lang));
        }
    };
    let status = if done.all_written() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let snap = state.snapshot();
    let dir = state.config().round_dir.display().to_string();
    let t = w::ui(lang);
    let books = done
        .books
        .iter()
        .map(|b| {
            let (ok, lines) = match &b.outcome {
                Outcome::Written(files) => (
                    true,
                    files
                        .iter()
                        .map(|f| format!("{}: {f}", t.written))
                        .collect(),
                ),
                Outcome::Invalid(e) => (
                    false,
                    e.0.iter()
                        .map(|p| w::cell_by_labels(p, snap.round.evaluator.criteria(), lang))
                        .chain(std::iter::once(w::not_imported(Some(e.0.len()), lang)))
                        .collect(),
                ),
                Outcome::Refused(refused) => (
                    false,
                    refused
                        .iter()
                        .map(|r| r.words(Path::new(""), Door::Web, lang))
                        .chain(std::iter::once(w::not_imported(None, lang)))
                        .collect(),
                ),
                Outcome::Failed(e) => (
                    false,
                    vec![w::not_written(
                        &dir,
                        &crate::words::errors::io(e, lang),
                        lang,
                    )],
                ),
            };
            views::BookView {
                name: b.name.clone(),
                ok,
                lines,
            }
        })
        .collect();
    let summary = w::wrote_evidence(done.evidence_written(), &dir, lang);
    html(
        status,
        views::import_page(&snap, lang, state.form_token(), books, Some(summary)),
    )
}

fn bad_upload(
    snap: &Snapshot,
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    detail: &str,
) -> Response {
    html(
        status,
        views::import_page(
            snap,
            lang,
            state.form_token(),
            Vec::new(),
            Some(w::bad_upload(detail, lang)),
        ),
    )
}

/// `POST /reload`: the round read again now; back to the round page, which shows the new
/// load or why it failed.
async fn reload(State(state): State<Arc<AppState>>, Query(q): Query<PageQuery>) -> Response {
    let lang = q.lang(&state);
    let again = state.clone();
    let _ = state.compute(move || again.reload()).await;
    Redirect::to(&views::href("/", lang, &[])).into_response()
}

const CSS: &str = include_str!("../../../assets/serve/app.css");
const JS: &str = include_str!("../../../assets/serve/app.js");

/// The assets change only with the binary: a day's cache, revalidated by their hash.
static ASSET_TAGS: LazyLock<(String, String)> = LazyLock::new(|| {
    let tag = |s: &str| format!("\"{}\"", &crate::base::hash::sha256_hex(s.as_bytes())[..16]);
    (tag(CSS), tag(JS))
});

fn asset(body: &'static str, kind: &'static str, tag: &str) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    if let Ok(v) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, v);
    }
    response
}

/// `GET /assets/app.css`.
async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8", &ASSET_TAGS.0)
}

/// `GET /assets/app.js`.
async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8", &ASSET_TAGS.1)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    #[test]
    fn the_load_time_is_read_by_the_clock_of_vietnam() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(17 * 3600 + 5 * 60 + 9);
        assert_eq!(super::loaded_at(t), "00:05:09 (UTC+7)");
    }
}
