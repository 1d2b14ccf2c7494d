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

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rhai::{Array, Dynamic, Map};
use serde::{Deserialize, Serialize};

use crate::base::date::{Date, Period};
use crate::form::{Field, INCIDENT_FIELDS, Section};
use crate::rules::criteria::{FileHash, Text};
use crate::rules::criteria::{IncidentKind, KindDef};
use crate::rules::register::Incident;
use crate::rules::shipped::RuleRef;
use crate::script::ScriptError;

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
    /// The script's text, for the analysis of the kinds it names.
    pub(crate) text: String,
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
    pub(super) id: String,
    pub(super) title: Text,
    pub(super) legal_basis: String,
    pub(super) criteria_id: String,
    pub(super) incident_kinds: Vec<KindDef<IncidentKind>>,
    pub(super) disqualifiers: Vec<Disqualifier>,
    pub(super) files: Vec<FileHash>,
    pub(crate) engine: Arc<rhai::Engine>,
    pub(crate) places: super::places::PolicyPlaces,
    pub(crate) path: PathBuf,
    pub(super) warnings: Vec<crate::base::diag::Diagnostic>,
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
            // Not recorded: `()`, which equals no text.
            Field::IncidentSupportPlanApprovedBy => i
                .support_plan_approved_by
                .map_or(Dynamic::UNIT, |r| r.id().into()),
            Field::IncidentSupportPlanApprovedOn => i
                .support_plan_approved_on
                .map_or(Dynamic::UNIT, |d| d.to_string().into()),
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
pub(crate) fn script_fields() -> impl Iterator<Item = &'static str> {
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

impl Policy {
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
    /// What the analysis of the rules found that may be meant (its errors refuse the policy).
    pub fn warnings(&self) -> &[crate::base::diag::Diagnostic] {
        &self.warnings
    }
    /// The file it was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
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

impl Disqualifier {
    /// Runs its script `c` over its selected incidents: the incidents that make it hold (at
    /// least `at_least` of them; none for a bool, which decides alone), or `None` when it does
    /// not. The one place a condition runs, for a unit and for the analysis of the rules alike.
    pub(crate) fn run_condition(
        &self,
        engine: &rhai::Engine,
        c: &Condition,
        selected: &[&Incident],
        scope: &mut rhai::Scope,
    ) -> Result<Option<Vec<String>>, EvalError> {
        let d = self;
        let fail = |error: ScriptError| EvalError::Disqualifier {
            disqualifier: d.id.clone(),
            error,
        };
        let mark = scope.len();
        let incidents: Array = selected.iter().map(|i| incident_value(i)).collect();
        scope.push_constant("incidents", incidents);
        let result = engine.eval_ast_with_scope::<Dynamic>(scope, &c.ast);
        scope.rewind(mark);
        let value = result.map_err(|e| fail(ScriptError::from_eval(&c.path, &e)))?;
        if let Ok(b) = value.as_bool() {
            return Ok(b.then(Vec::new));
        }
        let Some(list) = value.try_cast::<Array>() else {
            return Err(fail(ScriptError::new(
                &c.path,
                rhai::Position::NONE,
                "the condition must give an array of incidents or a bool",
            )));
        };
        let known: std::collections::HashSet<&str> =
            selected.iter().map(|i| i.id.as_str()).collect();
        let ids = list
            .into_iter()
            .map(|item| incident_id(item, &known))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| fail(ScriptError::new(&c.path, rhai::Position::NONE, m)))?;
        Ok((!ids.is_empty() && ids.len() >= d.at_least).then_some(ids))
    }
}

/// The id of an incident a condition returned (the incident map itself, or its id).
fn incident_id(item: Dynamic, known: &std::collections::HashSet<&str>) -> Result<String, String> {
    let id = if let Some(i) = item.clone().try_cast::<ScriptIncident>() {
        Some(i.0.id.clone())
    } else if let Some(map) = item.clone().try_cast::<Map>() {
        map.get("id").map(|v| v.to_string())
    } else {
        item.into_immutable_string().ok().map(|s| s.to_string())
    };
    id.filter(|id| known.contains(id.as_str())).ok_or_else(|| {
        "the condition returned something that is not an incident of its window".to_string()
    })
}
