//! A round folder is wrong: its `round.toml`, its list of units, its files.

use serde::{Deserialize, Serialize};

/// A round folder is wrong: its `round.toml`, its list of units, its files.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundProblem {}
