//! The fields the engine itself fixes in the files a council fills in, declared once: the
//! `[unit]`, `[period]` and `[[incidents]]` of an evidence file ([`Field`]) and the settings of
//! `round.toml` ([`Setting`]). A criteria set declares the `[inputs]`; everything else a file
//! may hold is here.
//!
//! The evidence parser, the policies' scripts (which fields of an incident they see), the TOML
//! template, the Excel form and its import, and the JSON evidence of the HTTP API all read
//! this table. Their words — a field's label and hint in Vietnamese and English — are in
//! `words`, matched on the same enums, so the compiler checks that every field has them.

mod evidence;
mod round;

pub use evidence::{
    Field, INCIDENT_FIELDS, INCIDENT_KEYS, PERIOD_FIELDS, PERIOD_KEYS, Role, SECTIONS, Section,
    Shape, UNIT_FIELDS, UNIT_KEYS,
};
pub use round::Setting;
