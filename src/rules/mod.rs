//! The rules as data: criteria sets (inputs, derived counts, classes, kinds, criteria,
//! indicators and their scripts, conditions of recognition), local policies of disqualifiers,
//! the loading helpers both share, and the official list of units. Everything here is read
//! and compiled once, before any evidence.

pub mod analysis;
pub mod calendar;
pub mod criteria;
pub mod policy;
pub(crate) mod register;
pub mod shipped;
pub mod travel;
pub mod units;

mod conditions;
mod kinds;
pub(crate) mod load;
mod parts;
pub(crate) mod places;
mod policy_load;
mod serde_error;
pub(crate) mod source;
mod text;
