//! Local policies: disqualifiers a district or province adds on top of the national standard.
//!
//! A disqualifier looks at the incidents of its [`Window`] — the evaluation period by default,
//! the previous calendar year, or the months before the round's decision date — selects them
//! declaratively (their kinds, fatal or not) and holds when at least `at_least` of them are
//! found; where that is not enough, a rhai condition over the selected incidents (and the
//! unit's inputs) decides: it returns the incidents that make it hold (at least `at_least`; an
//! empty array: it does not) or a bool. Every incident kind a policy names, in `kinds` or as a
//! string literal of a script, is checked against the kinds the set and the policy declare when
//! it loads. A disqualifier never changes points; it changes the decision.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rhai::{Array, Dynamic};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::base::date::{Date, Period};
use crate::base::diag::{
    Diagnostic, Diagnostics, FieldPath, KindFamily, RulesProblem, ScriptOutcome, Source,
    ValueProblem,
};
use crate::form::{Field, INCIDENT_FIELDS, Section};
use crate::rules::criteria::{CriteriaSet, FileHash, Text};
use crate::rules::criteria::{IncidentKind, KindDef};
use crate::rules::load::{
    LoadError, RawKind, compile_script, declare_kinds, kind_shaped, parse, read_in, rule_kind,
    sample_scope, undeclared,
};
use crate::rules::register::Incident;
use crate::rules::shipped::RuleRef;
use crate::rules::source::Tree;
use crate::script;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    id: String,
    title: Text,
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    legal_basis: String,
    #[serde(default)]
    criteria: Option<Spanned<String>>,
    #[serde(default)]
    incident_kinds: Vec<RawKind>,
    disqualifiers: Vec<RawDisqualifier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisqualifier {
    id: Spanned<String>,
    title: Text,
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    reference: String,
    #[serde(default)]
    kinds: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    fatal: Option<bool>,
    #[serde(default)]
    at_least: Option<Spanned<u32>>,
    #[serde(default)]
    window: Option<Spanned<Window>>,
    #[serde(default)]
    script: Option<Spanned<PathBuf>>,
}

pub use crate::base::fault::{EvalError, MAX_WINDOW_MONTHS, Window, WindowError};

/// One local condition that refuses recognition.
#[derive(Clone, Debug)]
pub struct Disqualifier {
    /// Its id, e.g. `drowning`.
    pub id: String,
    /// What it refuses, in words.
    pub title: Text,
    /// The provision it comes from.
    pub reference: String,
    /// The incident kinds it looks at (`None`: every kind).
    pub kinds: Option<Vec<IncidentKind>>,
    /// Only fatal (`true`) or only non-fatal (`false`) incidents; `None`: both.
    pub fatal: Option<bool>,
    /// How many selected incidents make it hold (at least 1).
    pub at_least: usize,
    /// The incidents it looks at, by date.
    pub window: Window,
    pub(crate) condition: Option<Condition>,
}

/// A disqualifier's script, compiled.
#[derive(Clone, Debug)]
pub(crate) struct Condition {
    pub(crate) path: PathBuf,
    pub(crate) ast: rhai::AST,
}

impl Disqualifier {
    /// Its script, when the declarative filter alone does not decide.
    pub fn script(&self) -> Option<&Path> {
        self.condition.as_ref().map(|c| c.path.as_path())
    }

    /// Whether an incident passes its declarative filter (`kinds`, `fatal`).
    pub fn selects(&self, i: &Incident) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(&i.kind))
            && self.fatal.is_none_or(|f| f == i.fatal)
    }
}

/// A loaded local policy, compiled against a criteria set.
///
/// ```
/// let set = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
/// let policy = cfc::Policy::load("criteria/son-ha-2024.toml", &set).unwrap();
/// let ids: Vec<_> = policy.disqualifiers().iter().map(|d| d.id.as_str()).collect();
/// assert_eq!(ids, ["drowning", "violence", "abuse"]);
/// ```
#[derive(Clone, Debug)]
pub struct Policy {
    id: String,
    title: Text,
    legal_basis: String,
    criteria_id: String,
    incident_kinds: Vec<KindDef<IncidentKind>>,
    disqualifiers: Vec<Disqualifier>,
    files: Vec<FileHash>,
    pub(crate) engine: Arc<rhai::Engine>,
}

/// The result of one disqualifier for one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct DisqualifierHit {
    /// The disqualifier.
    pub id: String,
    /// The incidents that made it hold (may be empty for a condition on inputs).
    pub incidents: Vec<String>,
}

/// An incident as a condition sees it: an opaque value with read-only fields.
///
/// The register is evidence, not something a script built, so it must not count against the
/// sandbox's limits. rhai sizes maps and strings recursively, so a register of 52 incidents as
/// maps of strings already passed the map and string limits (issue 8). As a registered type an
/// incident weighs nothing in that count: only the array holding the register counts, and
/// `check_in` (in `evaluate::disqualify`) sizes that limit from the register itself. Scripts still write
/// `i.kind`, `i.id`, `i.date`, `i.fatal`, `i.support_plan_approved` or `i["kind"]`.
#[derive(Clone)]
pub(crate) struct ScriptIncident(pub(crate) Arc<Incident>);

impl ScriptIncident {
    fn field(&self, name: &str) -> Option<Dynamic> {
        let i = &self.0;
        let field = Field::of(Section::Incidents, name).filter(|f| f.seen_by_scripts())?;
        Some(match field {
            Field::IncidentId => i.id.clone().into(),
            Field::IncidentDate => i.date.to_string().into(),
            Field::IncidentKind => i.kind.id().into(),
            Field::IncidentFatal => i.fatal.into(),
            Field::IncidentSupportPlanApproved => i.support_plan_approved.into(),
            _ => return None,
        })
    }
}

/// Registers up to this length run in the shared engine: its array and operations limits
/// leave room for them (`OPERATIONS_PER_INCIDENT` × 1,000 is a quarter of the operations).
pub(crate) const SHARED_REGISTER: usize = 1_000;

/// Operations a condition may spend per incident of a longer register, on top of
/// [`script::MAX_OPERATIONS`]: a `filter` with a test like `i.kind in [six kinds]` takes about
/// fifteen per incident; the wall-clock deadline still bounds the whole unit.
pub(crate) const OPERATIONS_PER_INCIDENT: u64 = 50;

/// The names an incident answers to, for the error on any other.
fn script_fields() -> impl Iterator<Item = &'static str> {
    INCIDENT_FIELDS
        .iter()
        .copied()
        .filter(|f| f.seen_by_scripts())
        .map(Field::key)
}

pub(crate) fn register_incident(engine: &mut rhai::Engine) {
    engine.register_type_with_name::<ScriptIncident>("Incident");
    for name in script_fields() {
        engine.register_get(name, move |i: &mut ScriptIncident| {
            i.field(name).unwrap_or(Dynamic::UNIT)
        });
    }
    engine
        .register_indexer_get(
            |i: &mut ScriptIncident, name: &str| -> Result<Dynamic, Box<rhai::EvalAltResult>> {
                i.field(name).ok_or_else(|| {
                    format!(
                        "an incident has no field {name:?}; it has {}",
                        script_fields().collect::<Vec<_>>().join(", ")
                    )
                    .into()
                })
            },
        )
        .register_fn("to_string", |i: &mut ScriptIncident| i.0.id.clone())
        .register_fn("==", |a: ScriptIncident, b: ScriptIncident| {
            a.0.id == b.0.id
        })
        .register_fn("!=", |a: ScriptIncident, b: ScriptIncident| {
            a.0.id != b.0.id
        });
}

pub(crate) fn incident_value(i: &Incident) -> Dynamic {
    Dynamic::from(ScriptIncident(Arc::new(i.clone())))
}

fn accepts(v: &Dynamic) -> bool {
    v.is::<bool>() || v.is::<Array>()
}

impl Policy {
    /// Reads a policy and compiles its conditions against the inputs of `set`.
    pub fn load(path: impl AsRef<Path>, set: &CriteriaSet) -> Result<Policy, LoadError> {
        Policy::load_in(&Tree::Disk, path.as_ref(), set)
    }

    /// Loads a shipped policy or a file, as [`RuleRef`] names it, against `set`.
    pub fn open(rules: &RuleRef, set: &CriteriaSet) -> Result<Policy, LoadError> {
        match rules {
            RuleRef::Shipped(s) => Policy::load_in(&Tree::Shipped, Path::new(s.file), set),
            RuleRef::File(path) => Policy::load_in(&Tree::Disk, path, set),
        }
    }

    /// Reads the policy whose TOML file is `key` in `tree` and compiles it against `set`.
    pub(crate) fn load_in(tree: &Tree, key: &Path, set: &CriteriaSet) -> Result<Policy, LoadError> {
        let (text, sha) = read_in(tree, key)?;
        let path = tree.shown(key);
        let path = path.as_path();
        let src = Source::new(path, &text);
        let raw: RawPolicy = parse(&src, &text, rule_kind)?;
        let mut problems = Vec::new();
        if let Some(c) = &raw.criteria
            && c.get_ref() != set.id()
        {
            problems.push(src.problem(
                &c.span(),
                FieldPath::from("criteria"),
                RulesProblem::PolicyForOtherSet {
                    written_for: c.get_ref().clone(),
                    used: set.id().to_string(),
                },
            ));
        }
        let taken: Vec<&str> = set.incident_kinds().iter().map(|k| k.id.id()).collect();
        let incident_kinds = declare_kinds(
            &src,
            raw.incident_kinds,
            ("incident_kinds", KindFamily::Incident, &taken),
            IncidentKind::new,
            &mut problems,
        );
        let declared: Vec<&str> = taken
            .iter()
            .copied()
            .chain(incident_kinds.iter().map(|k| k.id.id()))
            .collect();
        let mut engine = script::sandbox();
        register_incident(&mut engine);
        let mut scope = sample_scope(set.inputs(), set.derived());
        let sample = Incident {
            id: "X-1".into(),
            date: set.effective(),
            kind: IncidentKind::new(declared.first().copied().unwrap_or("none")),
            fatal: false,
            support_plan_approved: false,
        };
        scope.push("incidents", vec![incident_value(&sample)]);
        let names: Vec<&str> = set
            .inputs()
            .iter()
            .map(|i| i.name.as_str())
            .chain(set.derived().iter().map(|d| d.name.as_str()))
            .collect();
        let mut files = vec![FileHash {
            path: path.display().to_string(),
            sha256: sha,
        }];
        let mut disqualifiers: Vec<Disqualifier> = Vec::new();
        let mut first_lines: BTreeMap<String, usize> = BTreeMap::new();
        for (i, d) in raw.disqualifiers.into_iter().enumerate() {
            let at = FieldPath::from("disqualifiers").index(i);
            let window = d.window.as_ref().map_or(Window::Period, |w| *w.get_ref());
            if let (Some(w), Window::MonthsBeforeDecision(n)) = (&d.window, window)
                && !(1..=MAX_WINDOW_MONTHS).contains(&n)
            {
                problems.push(src.problem(
                    &w.span(),
                    at.key("window"),
                    RulesProblem::WindowMonths {
                        found: n,
                        max: MAX_WINDOW_MONTHS,
                    },
                ));
            }
            match first_lines.get(d.id.get_ref()) {
                Some(&first_line) => problems.push(src.problem(
                    &d.id.span(),
                    at.key("id"),
                    ValueProblem::Duplicate {
                        value: d.id.get_ref().clone(),
                        first_line,
                    },
                )),
                None => {
                    first_lines.insert(d.id.get_ref().clone(), src.line_of(&d.id.span()));
                }
            }
            if d.kinds.is_none() && d.script.is_none() {
                problems.push(src.problem(
                    &d.id.span(),
                    at.clone(),
                    RulesProblem::DisqualifierLooksAtNothing,
                ));
            }
            let mut kinds = Vec::new();
            for (k, kind) in d.kinds.iter().flatten().enumerate() {
                match undeclared(KindFamily::Incident, kind.get_ref(), &declared) {
                    Some(problem) => {
                        problems.push(src.problem(&kind.span(), at.key("kinds").index(k), problem))
                    }
                    None => kinds.push(IncidentKind::new(kind.get_ref())),
                }
            }
            if d.kinds.as_ref().is_some_and(Vec::is_empty) {
                problems.push(src.problem(
                    &d.id.span(),
                    at.key("kinds"),
                    RulesProblem::EmptyKinds {
                        family: KindFamily::Incident,
                        may_omit: true,
                    },
                ));
            }
            if let Some(n) = d.at_least.as_ref().filter(|n| *n.get_ref() == 0) {
                problems.push(src.problem(
                    &n.span(),
                    at.key("at_least"),
                    RulesProblem::AtLeastZero,
                ));
            }
            let condition = match &d.script {
                None => None,
                Some(script) => match compile_script(
                    &engine,
                    &scope,
                    &names,
                    (&src, tree, key),
                    (at.key("script"), script),
                    (ScriptOutcome::IncidentsOrBool, accepts),
                ) {
                    Ok(c) => {
                        problems.extend(kinds_in_script(&c.path, &c.text, &declared));
                        files.push(c.file);
                        Some(Condition {
                            path: c.path,
                            ast: c.ast,
                        })
                    }
                    Err(e) => {
                        problems.push(e);
                        None
                    }
                },
            };
            disqualifiers.push(Disqualifier {
                id: d.id.into_inner(),
                title: d.title,
                reference: d.reference,
                kinds: d.kinds.is_some().then_some(kinds),
                fatal: d.fatal,
                at_least: d.at_least.map_or(1, |n| n.into_inner() as usize),
                window,
                condition,
            });
        }
        if !problems.is_empty() {
            return Err(LoadError::Invalid(Diagnostics(problems).sorted()));
        }
        Ok(Policy {
            id: raw.id,
            title: raw.title,
            legal_basis: raw.legal_basis,
            criteria_id: set.id().to_string(),
            incident_kinds,
            disqualifiers,
            files,
            engine: Arc::new(engine),
        })
    }

    /// Its id, e.g. `son-ha-2024`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its title.
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// The plan or decision it comes from.
    pub fn legal_basis(&self) -> &str {
        &self.legal_basis
    }
    /// The id of the criteria set it was compiled against.
    pub fn criteria_id(&self) -> &str {
        &self.criteria_id
    }
    /// The incident kinds it adds to those of its criteria set.
    pub fn incident_kinds(&self) -> &[KindDef<IncidentKind>] {
        &self.incident_kinds
    }
    /// Its disqualifiers, in order.
    pub fn disqualifiers(&self) -> &[Disqualifier] {
        &self.disqualifiers
    }
    /// The TOML file and its scripts, with their SHA-256.
    pub fn files(&self) -> &[FileHash] {
        &self.files
    }
    /// Where it was loaded from: a shipped policy, or a file.
    pub fn origin(&self) -> RuleRef {
        RuleRef::of_shown(Path::new(&self.files[0].path))
    }

    /// Whether any disqualifier looks at another window than the evaluation period (then the
    /// trace says, for every incident, how each window judged it).
    pub fn has_other_windows(&self) -> bool {
        self.disqualifiers
            .iter()
            .any(|d| d.window != Window::Period)
    }

    /// The days each disqualifier's window covers for a unit's period, in policy order. A
    /// decision-relative window without a decision date is an error naming the disqualifier,
    /// never the period instead.
    pub fn windows(
        &self,
        period: Period,
        decision_date: Option<Date>,
    ) -> Result<Vec<Period>, EvalError> {
        self.disqualifiers
            .iter()
            .map(|d| {
                d.window
                    .span(period, decision_date)
                    .map_err(|error| EvalError::Window {
                        disqualifier: d.id.clone(),
                        error,
                    })
            })
            .collect()
    }
}

/// Every string literal of a policy script that has the shape of a kind id in any case (other
/// than an incident's field names, as in `i["kind"]`) must be a declared incident kind:
/// otherwise `i.kind == "drowing"` — or `"Drowning"` — would load and never match, and a
/// commune where a child drowned would be recognised.
fn kinds_in_script(path: &Path, text: &str, declared: &[&str]) -> Vec<Diagnostic> {
    let src = Source::new(path, text);
    string_literals(text)
        .into_iter()
        .filter(|(_, s)| kind_shaped(&s.to_ascii_lowercase()) && !script_fields().any(|f| f == *s))
        .filter_map(
            |(span, s)| match undeclared(KindFamily::Incident, s, declared)? {
                RulesProblem::UndeclaredKind {
                    id,
                    declared,
                    closest,
                    ..
                } => Some(src.problem(
                    &span,
                    FieldPath::whole_file(),
                    RulesProblem::UndeclaredKindInScript {
                        id,
                        declared,
                        closest,
                    },
                )),
                other => Some(src.problem(&span, FieldPath::whole_file(), other)),
            },
        )
        .collect()
}

/// The string literals of a script (`"…"` and `` `…` ``) with their spans, quotes included;
/// comments and character literals are skipped.
fn string_literals(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    script::tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            script::Token::Text(span, inner) => Some((span, inner)),
            script::Token::Identifier(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_skip_comments_and_chars_and_keep_escapes() {
        let script = "// \"drowing\" in a comment\n/* \"x\" */ incidents.filter(|i| i.kind == \"drowning\" || i['k'] == `traffic`)\n\"a \\\" b\"";
        let found: Vec<&str> = string_literals(script)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(found, ["drowning", "traffic", "a \\\" b"]);
        let (span, _) = string_literals(script)[0].clone();
        assert_eq!(&script[span], "\"drowning\"");
    }

    #[test]
    fn only_kind_shaped_literals_other_than_field_names_are_checked() {
        let script = "incidents.filter(|i| i[\"kind\"] == \"violense\" && i.date >= \"2024-06-01\" && i.kind != \"Drowning\")";
        let found = kinds_in_script(Path::new("x.rhai"), script, &["violence"]);
        let at = |column, id: &str, closest: Option<&str>| {
            Diagnostic::new(
                "x.rhai",
                (1, column),
                FieldPath::whole_file(),
                RulesProblem::UndeclaredKindInScript {
                    id: id.into(),
                    declared: vec!["violence".into()],
                    closest: closest.map(String::from),
                },
            )
        };
        assert_eq!(
            found,
            [
                at(35, "violense", Some("violence")),
                at(85, "Drowning", None)
            ]
        );
    }
}
