//! A unit's evidence contradicts itself or its criteria set.

use serde::{Deserialize, Serialize};

/// A unit's evidence contradicts itself or its criteria set.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvidenceProblem {}
