//! `diff`: what changed between two results — two years of the same units, or the same round
//! under two criteria sets. Units are matched by code. Its words are
//! [`crate::words::audit::diff`]'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::base::points::Points;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::report::RoundReport;
use crate::evaluate::round::{Round, RoundError, RoundOptions};
use crate::rules::criteria::OutsideEffect;

/// Why results to compare could not be had. Its words are `words::errors::results`; its `Display` is
/// the English of a developer's log.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResultsError {
    /// The results file could not be read.
    #[error("{file}: cannot read the file: {source}", file = file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The file is not a results document (`cfc evaluate --format json`).
    #[error("{file}: not a results document: {detail}", file = file.display())]
    NotResults {
        /// The file.
        file: PathBuf,
        /// The JSON reader's words.
        detail: String,
    },
    /// The round folder could not be opened.
    #[error(transparent)]
    Round(#[from] RoundError),
}

/// The results one side of a comparison names: a `results.json`, a folder holding one, or a
/// round folder, evaluated now (opened with `options`).
///
/// ```
/// let last_year = cfc::diff::results("fixtures/son-ha-2024".as_ref(), &Default::default())?;
/// assert!(!last_year.units.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn results(path: &Path, options: &RoundOptions) -> Result<RoundReport, ResultsError> {
    let file = if path.is_dir() {
        path.join("results.json")
    } else {
        path.to_path_buf()
    };
    if file.is_file() {
        let text = std::fs::read_to_string(&file).map_err(|source| ResultsError::Read {
            file: file.clone(),
            source,
        })?;
        return serde_json::from_str(&text).map_err(|e| ResultsError::NotResults {
            file,
            detail: e.to_string(),
        });
    }
    let round = Round::load_with(path, options)?;
    Ok(RoundReport::new(&round, round.evaluate()))
}

/// A unit's standing in one of the two results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Its total.
    pub total: Points,
    /// Its threshold.
    pub threshold: Points,
    /// The decision.
    pub recognised: bool,
}

/// A criterion whose points moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    /// Criterion id.
    pub criterion: String,
    /// Points before (absent when the old set had no such criterion).
    pub before: Option<Points>,
    /// Points after (absent when the new set has no such criterion).
    pub after: Option<Points>,
}

/// One unit, before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDiff {
    /// Unit code.
    pub code: String,
    /// Unit name (from the newer result when both have it).
    pub name: String,
    /// Before (absent when the unit is only in the new result).
    pub before: Option<Standing>,
    /// After (absent when the unit is only in the old result).
    pub after: Option<Standing>,
    /// Criteria whose points moved.
    pub moved: Vec<Moved>,
    /// Whether the decision flipped.
    pub flipped: bool,
}

/// Counts over the compared units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Units in both results.
    pub compared: usize,
    /// Units whose total changed.
    pub total_changed: usize,
    /// Units recognised now but not before.
    pub newly_recognised: usize,
    /// Units recognised before but not now.
    pub no_longer_recognised: usize,
    /// Units only in the old result.
    pub only_before: usize,
    /// Units only in the new result.
    pub only_after: usize,
}

/// The comparison of two results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// The older round's name, year and criteria set.
    pub before: String,
    /// The newer round's.
    pub after: String,
    /// Every unit in either result, by code.
    pub units: Vec<UnitDiff>,
    /// The counts.
    pub summary: Summary,
    /// The notices of either result evaluated outside its criteria set's period in force:
    /// such a comparison decides nothing either.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outside_effect: Vec<OutsideEffect>,
}

fn standing(u: &UnitResult) -> Standing {
    Standing {
        total: u.total,
        threshold: u.threshold,
        recognised: u.recognised,
    }
}

fn label(r: &RoundReport) -> String {
    format!("{} ({}, {})", r.round.name, r.round.year, r.round.criteria)
}

/// Compares two results.
///
/// ```
/// let round = cfc::Round::load("fixtures/son-ha-2024")?;
/// let report = cfc::RoundReport::new(&round, round.evaluate());
/// let same = cfc::diff::diff(&report, &report);
/// assert_eq!(same.summary.compared, 14);
/// assert_eq!(same.summary.total_changed, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff(old: &RoundReport, new: &RoundReport) -> Diff {
    let mut codes: BTreeMap<&str, (Option<&UnitResult>, Option<&UnitResult>)> = BTreeMap::new();
    for u in &old.units {
        codes.entry(&u.code).or_default().0 = Some(u);
    }
    for u in &new.units {
        codes.entry(&u.code).or_default().1 = Some(u);
    }
    let mut summary = Summary::default();
    let units = codes
        .into_iter()
        .map(|(code, (a, b))| {
            let mut ids: Vec<&str> = Vec::new();
            for u in a.iter().chain(b.iter()) {
                for c in &u.criteria {
                    if !ids.contains(&c.id.as_str()) {
                        ids.push(&c.id);
                    }
                }
            }
            let points = |u: Option<&UnitResult>, id: &str| {
                u.and_then(|u| u.criteria.iter().find(|c| c.id == id))
                    .map(|c| c.points)
            };
            let moved = if a.is_some() && b.is_some() {
                ids.iter()
                    .filter_map(|id| {
                        let (before, after) = (points(a, id), points(b, id));
                        (before != after).then(|| Moved {
                            criterion: id.to_string(),
                            before,
                            after,
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let flipped = matches!((a, b), (Some(a), Some(b)) if a.recognised != b.recognised);
            match (a, b) {
                (Some(a), Some(b)) => {
                    summary.compared += 1;
                    summary.total_changed += usize::from(a.total != b.total);
                    summary.newly_recognised += usize::from(!a.recognised && b.recognised);
                    summary.no_longer_recognised += usize::from(a.recognised && !b.recognised);
                }
                (Some(_), None) => summary.only_before += 1,
                _ => summary.only_after += 1,
            }
            UnitDiff {
                code: code.to_string(),
                name: b.or(a).map(|u| u.name.clone()).unwrap_or_default(),
                before: a.map(standing),
                after: b.map(standing),
                moved,
                flipped,
            }
        })
        .collect();
    Diff {
        before: label(old),
        after: label(new),
        units,
        summary,
        outside_effect: [old, new]
            .iter()
            .filter_map(|r| r.round.outside_effect.clone())
            .collect(),
    }
}
