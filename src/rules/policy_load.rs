//! Reading a policy: parse, check every kind it names, compile every condition once, and
//! analyse the disqualifiers (`analysis`) before any unit is evaluated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rhai::{Array, Dynamic};
use serde::Deserialize;
use toml::Spanned;

use crate::base::diag::{
    Diagnostic, Diagnostics, FieldPath, KindFamily, RulesProblem, ScriptOutcome, Source,
    ValueProblem,
};
use crate::rules::analysis;
use crate::rules::criteria::IncidentKind;
use crate::rules::criteria::{CriteriaSet, FileHash, Text};
use crate::rules::load::{
    LoadError, RawKind, compile_script, declare_kinds, kind_shaped, parse, read_in, rule_kind,
    sample_scope, undeclared,
};
use crate::rules::policy::{
    Condition, Disqualifier, MAX_WINDOW_MONTHS, Policy, Window, incident_value, register_incident,
    script_fields,
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
            support_plan_approved_by: None,
            support_plan_approved_on: None,
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
        let mut places = crate::rules::places::PolicyPlaces::default();
        for (i, d) in raw.disqualifiers.into_iter().enumerate() {
            let at = FieldPath::from("disqualifiers").index(i);
            let position = |span: std::ops::Range<usize>| src.position(span.start);
            places.ids.push(position(d.id.span()));
            places.kinds.push(
                d.kinds
                    .as_ref()
                    .and_then(|k| k.first())
                    .map(|k| position(k.span())),
            );
            places
                .scripts
                .push(d.script.as_ref().map(|s| position(s.span())));
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
                            text: c.text,
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
        let mut policy = Policy {
            id: raw.id,
            title: raw.title,
            legal_basis: raw.legal_basis,
            criteria_id: set.id().to_string(),
            incident_kinds,
            disqualifiers,
            files,
            engine: Arc::new(engine),
            places,
            path: path.to_path_buf(),
            warnings: Vec::new(),
        };
        // What the disqualifiers do is looked at before any unit is evaluated: what cannot be
        // right refuses the policy, what may be meant is kept as a warning.
        // A refusal says the warnings too: they are part of the same reading.
        let findings = analysis::of_policy(&policy, set);
        let (errors, warnings) = analysis::split(findings.clone());
        if !errors.is_empty() {
            return Err(LoadError::Invalid(Diagnostics(findings).sorted()));
        }
        policy.warnings = warnings;
        Ok(policy)
    }
}

/// Every string literal of a policy script that has the shape of a kind id in any case (other
/// than an incident's field names, as in `i["kind"]`) must be a declared incident kind:
/// otherwise `i.kind == "drowing"` — or `"Drowning"` — would load and never match, and a
/// commune where a child drowned would be recognised.
fn kinds_in_script(path: &Path, text: &str, declared: &[&str]) -> Vec<Diagnostic> {
    let src = Source::new(path, text);
    script::string_literals(text)
        .into_iter()
        // An incident's field names and the offices that approve plans are not kinds.
        .filter(|(_, s)| {
            kind_shaped(&s.to_ascii_lowercase())
                && !script_fields().any(|f| f == *s)
                && crate::form::Role::of(s).is_none()
        })
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

#[cfg(test)]
mod tests {
    use super::*;

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
