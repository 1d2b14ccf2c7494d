//! An entry of the incident register, as the rules read it: what a criteria set's derived
//! counts and a policy's disqualifiers look at. Evidence holds a list of them.

use serde::{Deserialize, Serialize};

use super::kinds::IncidentKind;
use crate::base::date::Date;
use crate::form::Role;

/// One entry of the incident register. It holds no personal data by construction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Unique within the file.
    pub id: String,
    /// When it happened.
    pub date: Date,
    /// What happened: a kind the criteria set or the policy declares.
    pub kind: IncidentKind,
    /// Whether a child died.
    pub fatal: bool,
    /// Whether a support plan was approved for the child.
    pub support_plan_approved: bool,
    /// Who approved it, by office, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_approved_by: Option<Role>,
    /// When it was approved, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_approved_on: Option<Date>,
}
