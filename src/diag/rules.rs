//! A criteria set, a policy or a script is wrong.

use serde::{Deserialize, Serialize};

/// A criteria set, a policy or a script is wrong.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RulesProblem {}
