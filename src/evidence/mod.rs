//! A unit's evidence for the year: parsed and validated against a criteria set.
//!
//! An [`Evidence`] can only be made by [`Evidence::parse`] (or [`Evidence::load`]), so holding
//! one means every check of `evidence-format.md` passed: known fields only, right types, every
//! declared input present, parts within wholes, a period inside the round's year.

mod naming;
mod parse;
mod record;
pub(crate) mod roster;

pub use crate::base::points::{exact_decimal, significant_decimals};
pub use crate::form::{INCIDENT_KEYS, PERIOD_KEYS, SECTIONS, UNIT_KEYS};
pub use crate::rules::criteria::{IncidentKind, KindDef, UnitKind};
pub use crate::rules::register::Incident;
pub use naming::{slug, unit_file_name};
pub(crate) use parse::read_bytes;
pub use record::{DerivedCount, Evidence, MAX_CODE_LEN, MAX_FILE_BYTES, Unit, Value};
