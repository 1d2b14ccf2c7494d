//! Every phrase the software says, in Vietnamese and English: the one place words live.
//!
//! Everything below this layer (rules, evidence, evaluation, audit) produces data: typed
//! problems, failures, traces. Everything above it (the JSON, CSV, table, workbook and PDF
//! renderers, the command line, the server) asks this module for words, choosing the language
//! with [`Lang`](crate::Lang) and nothing else. Numbers, money, shares and dates are written by
//! [`mod@format`], one function each; the council's nouns are one glossary.
//!
//! Public are the words an embedder needs for what the library hands it: a located problem
//! ([`problems`]), an error ([`errors`]), why a unit is not recognised ([`reasons`]), a unit
//! explained ([`explain`]), what `verify`, `diff` and `whatif` found ([`audit`]), the results'
//! decisions, notices and labels ([`results`]), a dossier's fixed words ([`dossier`]), and the
//! formats ([`mod@format`]). The words of the command line, the server, the Excel form and the
//! templates are the library's own.

pub mod audit;
#[cfg(feature = "cli")]
pub(crate) mod cli;
#[cfg(feature = "cli")]
pub(crate) mod cli_help;
pub mod dossier;
pub mod errors;
pub mod explain;
mod faults;
// Without the Excel form (`xlsx`), only the requirements the TOML template states are used.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) mod form;
pub mod format;
pub(crate) mod glossary;
pub mod problems;
pub mod reasons;
pub mod results;
#[cfg(feature = "serve")]
pub(crate) mod serve;
mod system;
// The round's skeletons are the command line's (`cfc new-round`).
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod template;
// The import's words, for the command line and the server alike.
#[cfg(feature = "xlsx")]
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod web;
