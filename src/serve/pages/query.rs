//! What the pages read from the query string.

use serde::Deserialize;

use crate::base::lang::Lang;
use crate::serve::state::AppState;

/// What the pages read from the query: all optional, anything else ignored.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    pub(super) lang: Option<String>,
    pub(super) show: Option<String>,
    pub(super) sort: Option<String>,
    pub(super) download: Option<String>,
}

impl PageQuery {
    /// The language asked for with `?lang=vi|en`, else the server's.
    pub(super) fn lang(&self, state: &AppState) -> Lang {
        match self.lang.as_deref() {
            Some("en") => Lang::En,
            Some("vi") => Lang::Vi,
            _ => state.config().lang,
        }
    }
}
