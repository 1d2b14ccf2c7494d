//! Every phrase the software says, in Vietnamese and English: the one place words live.
//!
//! Everything below this layer (rules, evidence, evaluation, audit) produces data: typed
//! problems, failures, traces. Everything above it (the JSON, CSV, table, workbook and PDF
//! renderers, the command line) asks this module for words, choosing the language with
//! [`Lang`](crate::Lang) and nothing else. Numbers, money, shares and dates are written by
//! [`mod@format`], one function each.

pub mod audit;
pub mod cli;
pub mod dossier;
pub mod errors;
pub mod explain;
mod faults;
pub mod form;
pub mod format;
pub(crate) mod glossary;
pub mod problems;
pub mod reasons;
pub mod results;
#[cfg(feature = "serve")]
pub mod serve;
mod system;
pub mod template;
pub mod web;
