//! The loaded round and its reloads: one immutable [`Snapshot`] at a time, swapped whole.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::SystemTime;

use axum::body::Bytes;

use super::config::{Config, ServeError};
use crate::audit::diff::Diff;
use crate::base::diag::RuleFile;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::report::RoundReport;
use crate::evaluate::round::{Round, RoundOptions};
use crate::evidence::Evidence;
use crate::rules::shipped::RuleRef;

/// Everything one load of the round gives. Immutable: a reload builds a new one.
#[derive(Debug)]
pub struct Snapshot {
    /// Settings, the compiled rules and every valid unit's evidence.
    pub round: Arc<Round>,
    /// Exactly what `cfc evaluate --format json` prints for the round.
    pub report: Arc<RoundReport>,
    /// The diff against [`Config::compare`], when one is given.
    pub diff: Option<Arc<Diff>>,
    /// Increases with every successful load; the first load is 1.
    pub generation: u64,
    /// When this round was loaded.
    pub loaded_at: SystemTime,
    /// Why the last reload failed, when it did; the round shown is then the one before it.
    pub reload_error: Option<Arc<ServeError>>,
    /// The report as JSON, made on first demand and shared by every request of this load.
    json: Arc<OnceLock<Bytes>>,
    /// The API's OpenAPI document for this round, made on first demand.
    contract: Arc<OnceLock<Bytes>>,
    /// Unit code → (index in `report.units`, index in `round.units`).
    index: Arc<HashMap<String, (usize, usize)>>,
}

impl Snapshot {
    /// The result of a unit by its code.
    pub fn unit(&self, code: &str) -> Option<&UnitResult> {
        self.index.get(code).map(|&(r, _)| &self.report.units[r])
    }

    /// The evidence of an evaluated unit by its code.
    pub fn evidence(&self, code: &str) -> Option<&Evidence> {
        self.index.get(code).map(|&(_, e)| &self.round.units[e])
    }

    /// The report as `cfc evaluate --format json` prints it, byte for byte.
    pub fn report_json(&self) -> Bytes {
        self.json
            .get_or_init(|| Bytes::from(crate::render::json(&self.report)))
            .clone()
    }

    /// The report as JSON if a request already made it: serving it then costs no CPU.
    pub fn report_json_made(&self) -> Option<Bytes> {
        self.json.get().cloned()
    }

    /// The API's OpenAPI document for this round, made by `make` on first demand.
    pub(crate) fn contract(&self, make: impl FnOnce() -> Bytes) -> Bytes {
        self.contract.get_or_init(make).clone()
    }

    /// The OpenAPI document if a request already made it.
    pub(crate) fn contract_made(&self) -> Option<Bytes> {
        self.contract.get().cloned()
    }

    /// Loads and evaluates the round the configuration names.
    fn load(config: &Config, generation: u64) -> Result<Snapshot, ServeError> {
        let options = RoundOptions::default().outside_effect(config.outside_effect);
        let round = Round::load_with(&config.round_dir, &options)?;
        let mut report = RoundReport::new(&round, round.evaluate());
        if let Some(out) = &config.out {
            crate::render::output::write_round(&round, &mut report, out, config.lang, &|| {})?;
        }
        let diff = match &config.compare {
            Some(path) => Some(Arc::new(crate::audit::diff::diff(
                &crate::audit::diff::results(path, &options).map_err(|source| {
                    ServeError::Compare {
                        path: path.clone(),
                        source,
                    }
                })?,
                &report,
            ))),
            None => None,
        };
        let evidence: HashMap<&str, usize> = round
            .units
            .iter()
            .enumerate()
            .map(|(i, e)| (e.unit().code.as_str(), i))
            .collect();
        let index = report
            .units
            .iter()
            .enumerate()
            .filter_map(|(r, u)| {
                evidence
                    .get(u.code.as_str())
                    .map(|&e| (u.code.clone(), (r, e)))
            })
            .collect();
        Ok(Snapshot {
            round: Arc::new(round),
            report: Arc::new(report),
            diff,
            generation,
            loaded_at: SystemTime::now(),
            reload_error: None,
            json: Arc::default(),
            contract: Arc::default(),
            index: Arc::new(index),
        })
    }

    /// The same round, with the error of a reload that failed.
    fn failed(&self, error: Arc<ServeError>) -> Snapshot {
        Snapshot {
            round: self.round.clone(),
            report: self.report.clone(),
            diff: self.diff.clone(),
            generation: self.generation,
            loaded_at: self.loaded_at,
            reload_error: Some(error),
            json: self.json.clone(),
            contract: self.contract.clone(),
            index: self.index.clone(),
        }
    }
}

/// What a reload did.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Reload {
    /// Nothing changed on disk since the last load (only from [`AppState::reload_if_changed`]).
    Unchanged {
        /// The generation still shown.
        generation: u64,
    },
    /// A new round was loaded and is now shown.
    Loaded {
        /// Its generation.
        generation: u64,
    },
    /// The folder could not be loaded; the previous round is still shown.
    Failed {
        /// The generation still shown.
        generation: u64,
        /// Why.
        error: Arc<ServeError>,
    },
}

/// A fingerprint of the files a round is made of: (path, size, modified time) of every
/// `.toml` file of the folder and of the rule files it names. Folders inside the round folder
/// (an output folder, say) are not part of it.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// The state every request shares: the configuration and the current snapshot.
#[derive(Debug)]
pub struct AppState {
    config: Config,
    /// The token the pages put in the address of their forms, made at start: it proves that
    /// a form was sent from a page of this server when the browser does not say where it
    /// was sent from (`Origin: null` without `Sec-Fetch-Site`).
    form_token: String,
    current: RwLock<Arc<Snapshot>>,
    /// Reloads one at a time, with the fingerprint of the last load.
    reloading: Mutex<Fingerprint>,
    /// One permit per core for CPU work: requests past that wait their turn in order instead
    /// of all slowing down together, and answers that need no evaluation never wait.
    cpu: tokio::sync::Semaphore,
}

impl AppState {
    /// Loads the round for the first time: a round folder that cannot be opened is an error
    /// here. Off loopback without a token, one is generated (128 bits from the system).
    pub fn open(mut config: Config) -> Result<AppState, ServeError> {
        if !config.listen.ip().is_loopback() && config.token.is_none() {
            config.token = Some(new_token()?);
        }
        let snapshot = Snapshot::load(&config, 1)?;
        let fingerprint = fingerprint(&config.round_dir, &snapshot.round);
        Ok(AppState {
            config,
            form_token: new_token()?,
            current: RwLock::new(Arc::new(snapshot)),
            reloading: Mutex::new(fingerprint),
            cpu: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
        })
    }

    /// The round as it is now. Take it once per request and use only it, so that an answer
    /// never mixes two loads.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A panic while holding the lock cannot leave a half-written Arc: the value is
        // replaced in one step, so a poisoned lock still holds a whole snapshot.
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Reads the folder again now. On failure the previous round stays, with the error.
    pub fn reload(&self) -> Reload {
        let mut last = self.reloading.lock().unwrap_or_else(|p| p.into_inner());
        self.reload_locked(&mut last)
    }

    /// Reloads only when a file of the round changed since the last load (or the last try).
    pub fn reload_if_changed(&self) -> Reload {
        let mut last = self.reloading.lock().unwrap_or_else(|p| p.into_inner());
        let now = self.snapshot();
        if fingerprint(&self.config.round_dir, &now.round) == *last {
            return Reload::Unchanged {
                generation: now.generation,
            };
        }
        self.reload_locked(&mut last)
    }

    fn reload_locked(&self, last: &mut Fingerprint) -> Reload {
        let old = self.snapshot();
        // Taken before reading: a change made during the load differs from it, and is loaded
        // at the next poll.
        *last = fingerprint(&self.config.round_dir, &old.round);
        let (next, reload) = match Snapshot::load(&self.config, old.generation + 1) {
            Ok(new) => {
                let generation = new.generation;
                (new, Reload::Loaded { generation })
            }
            Err(error) => {
                let error = Arc::new(error);
                let generation = old.generation;
                (
                    old.failed(error.clone()),
                    Reload::Failed { generation, error },
                )
            }
        };
        // The one step a request can see: before it the old round, after it the new one.
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        reload
    }

    /// Runs CPU work (evaluation, search, rendering a PDF, loading) off the async workers, at
    /// most one piece per core at a time, so that a burst of heavy requests queues rather
    /// than holding up the runtime and every other answer.
    pub async fn compute<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ServeError> {
        let _permit = self
            .cpu
            .acquire()
            .await
            .map_err(|e| ServeError::Runtime(e.to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| ServeError::Runtime(e.to_string()))
    }

    /// The configuration it was started with (with the generated token, if any).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The token of the pages' forms (made at start, never the access token): the pages put
    /// it in the address their forms post to, as `form=…`.
    pub fn form_token(&self) -> &str {
        &self.form_token
    }
}

/// 128 bits of the system's randomness, in hex.
fn new_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServeError::Random(e.to_string()))?;
    Ok(crate::base::hash::hex(&bytes))
}

fn fingerprint(dir: &Path, round: &Round) -> Fingerprint {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                })
                .collect()
        })
        .unwrap_or_default();
    // The rule files as the round last loaded named them (a shipped set is part of cfc and
    // never changes under it); a change of round.toml that names others is itself a change.
    let settings = &round.settings;
    let named = std::iter::once(RuleRef::named(&settings.criteria, dir, RuleFile::Criteria)).chain(
        settings
            .policy
            .iter()
            .map(|p| RuleRef::named(p, dir, RuleFile::Policy)),
    );
    files.extend(named.filter_map(|r| match r {
        RuleRef::File(path) => Some(path),
        _ => None,
    }));
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let size = meta.as_ref().map_or(u64::MAX, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (path, size, modified)
        })
        .collect()
}
