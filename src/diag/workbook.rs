//! A filled-in Excel form cannot become evidence.

use serde::{Deserialize, Serialize};

/// A filled-in Excel form cannot become evidence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WorkbookProblem {}
