//! Reading a criteria set: parse, validate every reference and sum, compile every script once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rhai::{Dynamic, EvalAltResult, Scope};
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::criteria::{
    Class, CriteriaSet, Criterion, Derived, FileHash, Indicator, Input, InputDefault, InputType,
    Lever, MAX_DECIMALS, MetRule, Status, Text,
};
use super::criteria::{IncidentKind, KindDef, UnitKind};
use super::shipped::RuleRef;
use super::source::{Tree, Unread};
use crate::base::date::Date;
use crate::base::diag::{
    Diagnostic, Diagnostics, FieldPath, FileProblem, KindFamily, LeverWay, Problem, RulesProblem,
    ScriptFileProblem, ScriptOutcome, Source, SumOf, ValueKind, ValueProblem, closest, whole_file,
};
use crate::base::label::Label;
use crate::base::points::Points;
use crate::base::points::significant_decimals;
use crate::script::{self, Outcome, RESERVED};

/// Why a criteria set (or policy) could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {source}", path = path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file was read but is not a valid set; every problem is listed.
    #[error(transparent)]
    Invalid(Diagnostics),
}

impl LoadError {
    /// The located problems (one for an unreadable file).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Io { path, source } => {
                vec![whole_file(path, FileProblem::unreadable(source))]
            }
            LoadError::Invalid(d) => d.0.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: Spanned<String>,
    title: Text,
    subject: Text,
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    legal_basis: String,
    effective: Date,
    #[serde(default)]
    until: Option<Spanned<Date>>,
    max_points: Spanned<Points>,
    classes: Vec<Spanned<Class>>,
    #[serde(default)]
    unit_kinds: Vec<RawKind>,
    #[serde(default)]
    incident_kinds: Vec<RawKind>,
    inputs: Vec<Spanned<Input>>,
    #[serde(default)]
    derived: Vec<Spanned<Derived>>,
    criteria: Vec<RawCriterion>,
    #[serde(default)]
    conditions: Vec<super::conditions::RawCondition>,
}

/// A `[[unit_kinds]]` or `[[incident_kinds]]` entry of a set or policy.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKind {
    pub(crate) id: Spanned<String>,
    pub(crate) label: Text,
}

/// The longest kind id: ids are written in every evidence file and result.
const MAX_KIND_ID_CHARS: usize = 32;

pub(crate) use super::kinds::kind_shaped;

/// Checks the ids of declared kinds (shape, length, unique also among `taken`) and returns
/// them as typed kinds with their labels; `key` is the array they are declared in
/// (`unit_kinds`, `incident_kinds`).
pub(crate) fn declare_kinds<K>(
    src: &Source,
    raw: Vec<RawKind>,
    (key, family, taken): (&str, KindFamily, &[&str]),
    make: fn(&str) -> K,
    problems: &mut Vec<Diagnostic>,
) -> Vec<KindDef<K>> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, k) in raw.into_iter().enumerate() {
        let id = k.id.get_ref();
        let at = |problem: Problem| {
            src.problem(
                &k.id.span(),
                FieldPath::from(key).index(i).key("id"),
                problem,
            )
        };
        if !kind_shaped(id) || id.chars().count() > MAX_KIND_ID_CHARS {
            problems.push(at(RulesProblem::KindIdShape {
                family,
                id: id.clone(),
                max_chars: MAX_KIND_ID_CHARS,
            }
            .into()));
            continue;
        }
        if taken.contains(&id.as_str()) {
            problems.push(at(RulesProblem::KindOfTheSet { id: id.clone() }.into()));
            continue;
        }
        if let Some(first_line) = seen.insert(id.clone(), src.line_of(&k.id.span())) {
            problems.push(at(ValueProblem::Duplicate {
                value: id.clone(),
                first_line,
            }
            .into()));
            continue;
        }
        out.push(KindDef {
            id: make(id),
            label: k.label,
        });
    }
    out
}

/// The problem with a kind a rule names that is not declared, or `None` when it is.
pub(crate) fn undeclared(family: KindFamily, id: &str, declared: &[&str]) -> Option<RulesProblem> {
    (!declared.contains(&id)).then(|| RulesProblem::UndeclaredKind {
        family,
        id: id.to_string(),
        declared: declared.iter().map(|d| d.to_string()).collect(),
        closest: closest(id, declared.iter().copied()).map(str::to_string),
    })
}

/// Where an id is written inside a table the parser gave only one span for (an array-of-tables
/// entry is spanned by its header): its quoted text between the header and the next table, so
/// that an error points at the misspelt word rather than at the table.
fn quoted_in(text: &str, span: &std::ops::Range<usize>, id: &str) -> std::ops::Range<usize> {
    let rest = text.get(span.start..).unwrap_or_default();
    let header = rest.find('\n').unwrap_or(rest.len());
    let inside = rest[header..]
        .find("\n[")
        .map_or(rest, |end| &rest[..header + end]);
    ['"', '\'']
        .iter()
        .find_map(|q| inside.find(&format!("{q}{id}{q}")))
        .map_or(span.clone(), |at| {
            let start = span.start + at;
            start..start + id.len() + 2
        })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    title: Text,
    max_points: Spanned<Points>,
    #[serde(default)]
    met: MetRule,
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    title: Text,
    max_points: Spanned<Points>,
    status: Status,
    #[serde(default)]
    status_note: Option<Text>,
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    reference: String,
    script: Spanned<PathBuf>,
}

pub(crate) fn read(path: &Path) -> Result<(String, String), LoadError> {
    read_in(&Tree::Disk, path)
}

/// A rule file's text and SHA-256 from its tree, its problems named as the tree shows it.
pub(crate) fn read_in(tree: &Tree, key: &Path) -> Result<(String, String), LoadError> {
    tree.read(key).map_err(|e| match e {
        Unread::Io(source) => LoadError::Io {
            path: tree.shown(key),
            source,
        },
        Unread::Refused(problem) => {
            LoadError::Invalid(Diagnostics(vec![whole_file(&tree.shown(key), problem)]))
        }
    })
}

/// Parses with serde, turning the (first) error into a located, typed diagnostic; `kind_of`
/// says what a key of this kind of file holds, for a missing field.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    src: &Source,
    text: &str,
    kind_of: fn(&str) -> Option<ValueKind>,
) -> Result<T, LoadError> {
    toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let (field, problem) = super::serde_error::typed(text, &e, kind_of);
        // A rule text refused by `printable::rule_text` carries its typed problem.
        let problem =
            crate::base::printable::problem_in_message(e.message()).map_or(problem, Problem::Value);
        LoadError::Invalid(Diagnostics(vec![src.problem(&span, field, problem)]))
    })
}

/// What a key of a criteria set or policy holds, for a missing field.
pub(crate) fn rule_kind(key: &str) -> Option<ValueKind> {
    Some(match key {
        "id" | "legal_basis" | "reference" | "name" | "rule" | "status" | "script" | "type"
        | "criterion" => ValueKind::Text,
        "effective" | "until" => ValueKind::Date,
        "max_points" | "threshold" | "min_points" | "share" => ValueKind::Decimal,
        "count" | "decimals" | "at_least" => ValueKind::WholeNumber,
        "title" | "subject" | "label" => ValueKind::Table,
        "classes" | "inputs" | "criteria" | "indicators" | "disqualifiers" | "conditions"
        | "unit_kinds" | "incident_kinds" | "derived" => ValueKind::ArrayOfTables,
        "kinds" => ValueKind::Array,
        _ => return None,
    })
}

pub(crate) fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name)
}

/// Values of every variable a script may read; the compile scope and the dry run use them.
///
/// They are pushed as *variables*, not constants: rhai's optimiser folds scope constants into
/// the compiled script, which would freeze these sample values into every evaluation. At run
/// time the real values are pushed as constants, so a script still cannot change them.
pub(crate) fn sample_scope(inputs: &[Input], derived: &[Derived]) -> Scope<'static> {
    let mut scope = Scope::new();
    for input in inputs {
        let v = match input.ty {
            InputType::Bool => Dynamic::from(true),
            InputType::Count | InputType::Money => Dynamic::from(1 as rhai::INT),
            InputType::Decimal | InputType::Percent => {
                Dynamic::from_decimal(input.example_decimal())
            }
        };
        scope.push_dynamic(input.name.clone(), v);
    }
    for d in derived {
        scope.push(d.name.as_str(), 1 as rhai::INT);
    }
    scope
}

/// The position of a declared name among the inputs, else among the derived counts.
fn var_ref(inputs: &[Input], derived: &[Derived], name: &str) -> Option<super::criteria::VarRef> {
    inputs
        .iter()
        .position(|i| i.name == name)
        .map(super::criteria::VarRef::Input)
        .or_else(|| {
            derived
                .iter()
                .position(|d| d.name == name)
                .map(super::criteria::VarRef::Derived)
        })
}

/// The native evaluator of an indicator's script, when it has one of the recognised shapes
/// ([`script::Program`]); its variables are numbered by their place in the script's reads.
fn native_program(
    c: &Compiled,
    read_refs: &[super::criteria::VarRef],
    inputs: &[Input],
) -> Option<std::sync::Arc<script::Program>> {
    use super::criteria::VarRef;
    if read_refs.len() != c.reads.len() {
        return None;
    }
    let resolve = |name: &str| {
        let at = c.reads.iter().position(|r| r == name)?;
        let ty = match read_refs[at] {
            VarRef::Input(i) => match inputs[i].ty {
                InputType::Bool => script::VarType::Bool,
                InputType::Count | InputType::Money => script::VarType::Whole,
                InputType::Decimal | InputType::Percent => script::VarType::Other,
            },
            VarRef::Derived(_) => script::VarType::Whole,
        };
        Some((at, ty))
    };
    script::Program::recognise(&c.text, &resolve).map(std::sync::Arc::new)
}

/// A script read and compiled against the declared variables, with the names it reads.
pub(crate) struct Compiled {
    pub(crate) ast: rhai::AST,
    /// The script file, resolved from the file that names it.
    pub(crate) path: PathBuf,
    pub(crate) reads: Vec<String>,
    pub(crate) file: FileHash,
    /// Its text, for checks beyond compiling (a policy's kind names).
    pub(crate) text: String,
}

/// Reads and compiles one script (path relative to the file that names it); a misspelt
/// variable is a compile error thanks to strict variables, and a dry run on sample values
/// catches misspelt functions and a missing outcome.
pub(crate) fn compile_script(
    engine: &rhai::Engine,
    scope: &Scope,
    names: &[&str],
    (src, tree, key): (&Source, &Tree, &Path),
    (field, script): (FieldPath, &Spanned<PathBuf>),
    expect: (ScriptOutcome, fn(&Dynamic) -> bool),
) -> Result<Compiled, Diagnostic> {
    let (expect, accepts) = expect;
    let base = key.parent().unwrap_or(Path::new(""));
    let script_key = crate::base::fsio::tidy_path(&base.join(script.get_ref()));
    let path = tree.shown(&script_key);
    // Problems of the file named are located at the `script =` field that named it.
    let at_field = |problem: Problem| src.problem(&script.span(), field.clone(), problem);
    tree.contain(key, script.get_ref(), &script_key)
        .map_err(at_field)?;
    let (text, sha) = tree.read(&script_key).map_err(|e| {
        let problem = match e {
            Unread::Io(source) => ScriptFileProblem::File(FileProblem::unreadable(&source)),
            Unread::Refused(problem) => problem,
        };
        at_field(
            RulesProblem::ScriptFile {
                path: path.display().to_string(),
                written: script.get_ref().display().to_string(),
                problem,
            }
            .into(),
        )
    })?;
    let in_script = |pos: rhai::Position, problem: RulesProblem| {
        Diagnostic::new(
            &path,
            script::line_column(pos),
            FieldPath::whole_file(),
            problem,
        )
    };
    // rhai reads a decimal literal with more digits than a decimal holds by rounding it: a
    // threshold would silently become another one.
    let src_script = Source::new(&path, &text);
    if let Some((span, written)) = script::tokens(&text).into_iter().find_map(|t| match t {
        script::Token::Number(span, written)
            if written.contains('.')
                && crate::base::points::exact_decimal(&written.replace('_', "")).is_none() =>
        {
            Some((span, written))
        }
        _ => None,
    }) {
        return Err(src_script.problem(
            &span,
            FieldPath::whole_file(),
            RulesProblem::InexactNumber {
                written: written.to_string(),
            },
        ));
    }
    let ast = engine
        .compile_with_scope(scope, &text)
        .map_err(|e| in_script(e.position(), compile_problem(&e, names)))?;
    let mut dry = scope.clone();
    // Each dry run gets a unit's time budget of its own, so a slow script cannot stall loading.
    match script::within_deadline(1, || engine.eval_ast_with_scope::<Dynamic>(&mut dry, &ast)) {
        Ok(v) if accepts(&v) => {}
        Ok(v) => {
            return Err(whole_file(
                &path,
                RulesProblem::ScriptGives {
                    expected: expect,
                    found: script::value_kind(&v),
                },
            ));
        }
        Err(e) => {
            if let EvalAltResult::ErrorFunctionNotFound(signature, pos) = &*e {
                let (name, arguments) = script::called(signature);
                return Err(in_script(
                    *pos,
                    RulesProblem::UnknownFunction { name, arguments },
                ));
            }
            // Other failures may depend on the values; they are reported when they happen.
        }
    }
    let used = script::identifiers(&text);
    let reads = names
        .iter()
        .filter(|n| used.contains(**n))
        .map(|n| n.to_string())
        .collect();
    Ok(Compiled {
        ast,
        reads,
        file: FileHash {
            path: path.display().to_string(),
            sha256: sha,
        },
        path,
        text,
    })
}

/// A compile error as a problem: rhai's own words only for what we cannot say better.
fn compile_problem(e: &rhai::ParseError, names: &[&str]) -> RulesProblem {
    match e.err_type() {
        rhai::ParseErrorType::VariableUndefined(name) => RulesProblem::UndeclaredVariable {
            name: name.clone(),
            declared: names.iter().map(|n| n.to_string()).collect(),
            closest: closest(name, names.iter().copied()).map(str::to_string),
        },
        rhai::ParseErrorType::ExprTooDeep => RulesProblem::ScriptTooDeep {
            max: script::MAX_EXPR_DEPTH,
        },
        other => RulesProblem::ScriptSyntax {
            detail: other.to_string(),
        },
    }
}

impl CriteriaSet {
    /// Reads, validates and compiles a criteria set; every problem of the file and its
    /// scripts is reported together.
    pub fn load(path: impl AsRef<Path>) -> Result<CriteriaSet, LoadError> {
        load_set(&Tree::Disk, path.as_ref())
    }

    /// Loads a shipped set or a file, as [`RuleRef`] names it; a shipped set goes through the
    /// same validation as a file.
    ///
    /// ```
    /// use cfc::rules::shipped::{RuleRef, find};
    /// use cfc::diag::RuleFile;
    /// let shipped = find("qd-06-2019", RuleFile::Criteria).unwrap();
    /// let set = cfc::CriteriaSet::open(&RuleRef::Shipped(shipped)).unwrap();
    /// assert_eq!(set.files()[0].path, "cfc:criteria/qd-06-2019.toml");
    /// // The same bytes as the file in cfc's sources.
    /// let file = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    /// assert_eq!(set.files()[0].sha256, file.files()[0].sha256);
    /// ```
    pub fn open(rules: &RuleRef) -> Result<CriteriaSet, LoadError> {
        match rules {
            RuleRef::Shipped(s) => load_set(&Tree::Shipped, Path::new(s.file)),
            RuleRef::File(path) => load_set(&Tree::Disk, path),
        }
    }
}

/// Reads, validates and compiles the criteria set whose TOML file is `key` in `tree`.
pub(crate) fn load_set(tree: &Tree, key: &Path) -> Result<CriteriaSet, LoadError> {
    let (text, sha) = read_in(tree, key)?;
    let path = tree.shown(key);
    let path = path.as_path();
    let src = Source::new(path, &text);
    let mut raw: RawSet = parse(&src, &text, rule_kind)?;
    let mut problems = Vec::new();

    check_variables(&src, &raw, &mut problems);
    let classes = unique(&src, &raw.classes, |c| &c.id, "classes", &mut problems);
    for (i, class) in raw.classes.iter().enumerate() {
        if class.get_ref().threshold > *raw.max_points.get_ref() {
            problems.push(src.problem(
                &class.span(),
                FieldPath::from("classes").index(i).key("threshold"),
                RulesProblem::ThresholdAboveMax {
                    threshold: class.get_ref().threshold.value(),
                    max_points: raw.max_points.get_ref().value(),
                },
            ));
        }
    }
    if classes.is_empty() {
        problems.push(src.problem(
            &raw.id.span(),
            FieldPath::from("classes"),
            RulesProblem::NoClasses,
        ));
    }
    let (unit_kinds, incident_kinds) = vocabulary(&src, &text, &mut raw, &mut problems);

    let inputs: Vec<Input> = raw.inputs.iter().map(|i| i.get_ref().clone()).collect();
    // Names are interned: every unit's trace copies them (`Label`).
    let derived: Vec<Derived> = raw
        .derived
        .iter()
        .map(|d| Derived {
            name: Label::interned(&d.get_ref().name),
            ..d.get_ref().clone()
        })
        .collect();
    let names: Vec<&str> = inputs
        .iter()
        .map(|i| i.name.as_str())
        .chain(derived.iter().map(|d| d.name.as_str()))
        .collect();
    let engine = script::sandbox();
    let scope = sample_scope(&inputs, &derived);

    let mut files = vec![FileHash {
        path: path.display().to_string(),
        sha256: sha,
    }];
    let at = |span: &std::ops::Range<usize>| src.position(span.start);
    let mut places = super::places::SetPlaces {
        id: at(&raw.id.span()),
        inputs: raw.inputs.iter().map(|i| at(&i.span())).collect(),
        derived: raw.derived.iter().map(|d| at(&d.span())).collect(),
        criteria: Vec::new(),
        indicator_max: Vec::new(),
        // Conditions are spanned by their fields only: the first table header locates them.
        conditions: text.find("[[conditions]]").map(|o| src.position(o)),
    };
    let mut criteria = Vec::new();
    let mut seen_criteria = BTreeMap::new();
    let mut seen_indicators = BTreeMap::new();
    for (ci, rc) in raw.criteria.into_iter().enumerate() {
        let at_criterion = FieldPath::from("criteria").index(ci);
        note_duplicate(
            &src,
            &rc.id,
            at_criterion.key("id"),
            &mut seen_criteria,
            &mut problems,
        );
        // The declared maxima, not only those of the scripts that compiled, so that a sum
        // that does not add up is reported with every other problem of the file.
        let declared: Points = rc.indicators.iter().map(|i| *i.max_points.get_ref()).sum();
        let declared_count = rc.indicators.len();
        places.criteria.push(at(&rc.id.span()));
        let mut indicators = Vec::new();
        for (ii, ri) in rc.indicators.into_iter().enumerate() {
            let at_indicator = at_criterion.key("indicators").index(ii);
            note_duplicate(
                &src,
                &ri.id,
                at_indicator.key("id"),
                &mut seen_indicators,
                &mut problems,
            );
            places.indicator_max.push(at(&ri.max_points.span()));
            if ri.max_points.get_ref().is_zero() {
                problems.push(src.problem(
                    &ri.max_points.span(),
                    at_indicator.key("max_points"),
                    RulesProblem::ZeroMaxPoints,
                ));
            }
            match compile_script(
                &engine,
                &scope,
                &names,
                (&src, tree, key),
                (at_indicator.key("script"), &ri.script),
                (ScriptOutcome::Award, |v| v.is::<Outcome>()),
            ) {
                Ok(c) => {
                    let read_refs: Vec<_> = c
                        .reads
                        .iter()
                        .filter_map(|n| var_ref(&inputs, &derived, n))
                        .collect();
                    let native = native_program(&c, &read_refs, &inputs);
                    if !files.iter().any(|f| f.path == c.file.path) {
                        files.push(c.file);
                    }
                    indicators.push(Indicator {
                        id: Label::interned(ri.id.get_ref()),
                        title: ri.title,
                        max_points: *ri.max_points.get_ref(),
                        status: ri.status,
                        status_note: ri.status_note,
                        reference: Label::interned(&ri.reference),
                        script: c.path,
                        read_refs,
                        reads: c.reads.iter().map(|r| Label::interned(r)).collect(),
                        ast: c.ast,
                        text: c.text,
                        native,
                    });
                }
                Err(d) => problems.push(d),
            }
        }
        if declared != *rc.max_points.get_ref() {
            problems.push(src.problem(
                &rc.max_points.span(),
                at_criterion.key("max_points"),
                RulesProblem::SumMismatch {
                    of: SumOf::Indicators,
                    declared: rc.max_points.get_ref().value(),
                    sum: declared.value(),
                },
            ));
        }
        if declared_count == 0 {
            problems.push(src.problem(
                &rc.id.span(),
                at_criterion.key("indicators"),
                RulesProblem::NoIndicators,
            ));
        }
        criteria.push(Criterion {
            id: Label::interned(rc.id.get_ref()),
            title: rc.title,
            max_points: *rc.max_points.get_ref(),
            met: rc.met,
            indicators,
        });
    }
    let conditions = super::conditions::resolve(
        &src,
        raw.conditions,
        &criteria,
        &raw.id.span(),
        &mut problems,
    );
    if let Some(until) = &raw.until
        && *until.get_ref() < raw.effective
    {
        problems.push(src.problem(
            &until.span(),
            FieldPath::from("until"),
            RulesProblem::UntilBeforeEffective {
                until: *until.get_ref(),
                effective: raw.effective,
            },
        ));
    }
    let total: Points = criteria.iter().map(|c| c.max_points).sum();
    if total != *raw.max_points.get_ref() {
        problems.push(src.problem(
            &raw.max_points.span(),
            FieldPath::from("max_points"),
            RulesProblem::SumMismatch {
                of: SumOf::Criteria,
                declared: raw.max_points.get_ref().value(),
                sum: total.value(),
            },
        ));
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(Diagnostics(problems).sorted()));
    }
    let mut set = CriteriaSet {
        id: raw.id.into_inner(),
        title: raw.title,
        subject: raw.subject,
        legal_basis: raw.legal_basis,
        effective: raw.effective,
        until: raw.until.map(Spanned::into_inner),
        max_points: raw.max_points.into_inner(),
        checks: super::conditions::criterion_checks(&conditions, &criteria),
        conditions,
        classes,
        unit_kinds,
        incident_kinds,
        inputs,
        derived,
        criteria,
        files,
        path: path.to_path_buf(),
        engine: Arc::new(engine),
        places,
        warnings: Vec::new(),
    };
    // The rules load; now what they do is looked at, before any unit is evaluated: what cannot
    // be right refuses the set, what may be meant is kept as a warning.
    // A refusal says the warnings too: they are part of the same reading.
    let findings = super::analysis::of_set(&set);
    let (errors, warnings) = super::analysis::split(findings.clone());
    if !errors.is_empty() {
        return Err(LoadError::Invalid(Diagnostics(findings).sorted()));
    }
    set.warnings = warnings;
    Ok(set)
}

/// The set's unit and incident kinds, and every kind its classes and derived counts name
/// checked against them.
fn vocabulary(
    src: &Source,
    text: &str,
    raw: &mut RawSet,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<KindDef<UnitKind>>, Vec<KindDef<IncidentKind>>) {
    if raw.unit_kinds.is_empty() {
        problems.push(src.problem(
            &raw.id.span(),
            FieldPath::from("unit_kinds"),
            RulesProblem::NoUnitKinds,
        ));
    }
    let units = declare_kinds(
        src,
        std::mem::take(&mut raw.unit_kinds),
        ("unit_kinds", KindFamily::Unit, &[]),
        UnitKind::new,
        problems,
    );
    let incidents = declare_kinds(
        src,
        std::mem::take(&mut raw.incident_kinds),
        ("incident_kinds", KindFamily::Incident, &[]),
        IncidentKind::new,
        problems,
    );
    let unit_ids: Vec<&str> = units.iter().map(|k| k.id.id()).collect();
    let incident_ids: Vec<&str> = incidents.iter().map(|k| k.id.id()).collect();
    for (i, class) in raw.classes.iter().enumerate() {
        let c = class.get_ref();
        let at = FieldPath::from("classes").index(i).key("kinds");
        for (k, kind) in c.kinds.iter().flatten().enumerate() {
            if let Some(problem) = undeclared(KindFamily::Unit, kind.id(), &unit_ids) {
                problems.push(src.problem(
                    &quoted_in(text, &class.span(), kind.id()),
                    at.index(k),
                    problem,
                ));
            }
        }
        if c.kinds.as_ref().is_some_and(Vec::is_empty) {
            problems.push(src.problem(
                &class.span(),
                at,
                RulesProblem::EmptyKinds {
                    family: KindFamily::Unit,
                    may_omit: true,
                },
            ));
        }
    }
    for (i, d) in raw.derived.iter().enumerate() {
        for (k, kind) in d.get_ref().kinds.iter().enumerate() {
            if let Some(problem) = undeclared(KindFamily::Incident, kind.id(), &incident_ids) {
                problems.push(src.problem(
                    &quoted_in(text, &d.span(), kind.id()),
                    FieldPath::from("derived").index(i).key("kinds").index(k),
                    problem,
                ));
            }
        }
    }
    (units, incidents)
}

fn note_duplicate(
    src: &Source,
    id: &Spanned<String>,
    field: FieldPath,
    seen: &mut BTreeMap<String, usize>,
    problems: &mut Vec<Diagnostic>,
) {
    let line = src.line_of(&id.span());
    // An id is printed in every dossier and trace: a short code, like an incident id.
    if !crate::base::printable::is_short_code(id.get_ref()) {
        problems.push(src.problem(
            &id.span(),
            field.clone(),
            RulesProblem::NotShortCode {
                chars: id.get_ref().chars().count(),
            },
        ));
    }
    if let Some(first_line) = seen.insert(id.get_ref().clone(), line) {
        problems.push(src.problem(
            &id.span(),
            field,
            ValueProblem::Duplicate {
                value: id.get_ref().clone(),
                first_line,
            },
        ));
    }
}

/// The items of an array of tables, each id (its `id` key) declared once.
fn unique<T: Clone>(
    src: &Source,
    items: &[Spanned<T>],
    id: impl Fn(&T) -> &String,
    key: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut seen = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let value = id(item.get_ref());
        if let Some(&first_line) = seen.get(value) {
            problems.push(src.problem(
                &item.span(),
                FieldPath::from(key).index(i).key("id"),
                ValueProblem::Duplicate {
                    value: value.clone(),
                    first_line,
                },
            ));
        } else {
            seen.insert(value, src.line_of(&item.span()));
        }
    }
    items.iter().map(|i| i.get_ref().clone()).collect()
}

/// Names are valid and unique; constraints point at declared counts.
fn check_variables(src: &Source, raw: &RawSet, problems: &mut Vec<Diagnostic>) {
    let mut kinds: BTreeMap<&str, (Option<InputType>, usize)> = BTreeMap::new();
    let entries = raw
        .inputs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            (
                x.get_ref().name.as_str(),
                x.span(),
                Some(x.get_ref().ty),
                ("inputs", i),
            )
        })
        .chain(
            raw.derived
                .iter()
                .enumerate()
                .map(|(i, d)| (d.get_ref().name.as_str(), d.span(), None, ("derived", i))),
        );
    for (name, span, ty, (key, i)) in entries {
        let field = FieldPath::from(key).index(i).key("name");
        if !valid_name(name) {
            problems.push(src.problem(
                &span,
                field.clone(),
                RulesProblem::InvalidName {
                    name: name.to_string(),
                },
            ));
        }
        if let Some((_, first_line)) = kinds.get(name) {
            problems.push(src.problem(
                &span,
                field,
                ValueProblem::Duplicate {
                    value: name.to_string(),
                    first_line: *first_line,
                },
            ));
        } else {
            kinds.insert(name, (ty, src.line_of(&span)));
        }
    }
    for (i, d) in raw.derived.iter().enumerate() {
        if d.get_ref().kinds.is_empty() {
            problems.push(src.problem(
                &d.span(),
                FieldPath::from("derived").index(i).key("kinds"),
                RulesProblem::EmptyKinds {
                    family: KindFamily::Incident,
                    may_omit: false,
                },
            ));
        }
    }
    for (n, input) in raw.inputs.iter().enumerate() {
        let i = input.get_ref();
        let at = FieldPath::from("inputs").index(n);
        for (field, target) in [("at_most", &i.at_most), ("at_least", &i.at_least)] {
            let Some(target) = target else { continue };
            let ok = target != &i.name
                && matches!(
                    kinds.get(target.as_str()),
                    Some((None | Some(InputType::Count | InputType::Money), _))
                );
            if !matches!(i.ty, InputType::Count | InputType::Money) || !ok {
                problems.push(src.problem(
                    &input.span(),
                    at.key(field),
                    RulesProblem::BoundTarget {
                        target: target.clone(),
                    },
                ));
            }
        }
        for (field, problem) in input_problems(i) {
            problems.push(src.problem(&input.span(), at.key(field), problem));
        }
    }
}

/// What is wrong with an input's type, digits, range and lever bounds, each with its field.
fn input_problems(i: &Input) -> Vec<(&'static str, RulesProblem)> {
    let mut out = Vec::new();
    let input_type = || type_id(i.ty).to_string();
    let default_number = match i.default {
        Some(InputDefault::Number(n)) => Some(n),
        _ => None,
    };
    let bounds = [
        ("min", i.min),
        ("max", i.max),
        ("lever_max", i.lever_max),
        ("lever_min", i.lever_min),
        ("default", default_number),
    ];
    if i.ty == InputType::Bool {
        for (field, value) in bounds.into_iter().filter(|(f, _)| *f != "default") {
            if value.is_some() {
                out.push((field, RulesProblem::BoolBound));
            }
        }
    }
    match (i.ty.is_decimal(), i.decimals) {
        (true, None) => out.push((
            "decimals",
            RulesProblem::DecimalsNeeded {
                input_type: input_type(),
                max: MAX_DECIMALS,
            },
        )),
        (true, Some(d)) if d > MAX_DECIMALS => out.push((
            "decimals",
            RulesProblem::TooManyDecimals {
                found: d,
                max: MAX_DECIMALS,
            },
        )),
        (false, Some(_)) => out.push((
            "decimals",
            RulesProblem::DecimalsNotApplicable {
                input_type: input_type(),
            },
        )),
        _ => {}
    }
    let digits = if i.ty.is_decimal() {
        i.decimals.unwrap_or(0).min(MAX_DECIMALS)
    } else {
        0
    };
    for (field, value) in bounds {
        let Some(value) = value else { continue };
        if significant_decimals(value) > digits {
            out.push((
                field,
                if digits == 0 {
                    RulesProblem::BoundNotWhole {
                        value,
                        input_type: input_type(),
                    }
                } else {
                    RulesProblem::BoundTooPrecise {
                        value,
                        decimals: digits,
                    }
                },
            ));
            continue;
        }
        // A bound must be a value the input can take, at its declared digits.
        let mut at_digits = value;
        at_digits.rescale(digits);
        if at_digits != value || at_digits.scale() != digits {
            out.push((
                field,
                RulesProblem::BoundTooLarge {
                    value,
                    decimals: digits,
                },
            ));
        }
        if !i.ty.is_decimal() && value.is_sign_negative() && !value.is_zero() {
            out.push((
                field,
                RulesProblem::BoundNegative {
                    value,
                    input_type: input_type(),
                },
            ));
        }
        // Evidence holds no whole number beyond what a script holds (see `Input::highest`).
        if !i.ty.is_decimal() && value > Decimal::from(i64::MAX) {
            out.push((
                field,
                RulesProblem::BoundAboveLargest {
                    value,
                    largest: Decimal::from(i64::MAX),
                },
            ));
        }
    }
    if let (Some(min), Some(max)) = (i.min, i.max)
        && min > max
    {
        out.push(("min", RulesProblem::MinAboveMax { min, max }));
    }
    let (lowest, highest) = (i.lowest(), i.highest());
    match (i.default, i.ty == InputType::Bool) {
        (Some(InputDefault::Bool(_)), false) | (Some(InputDefault::Number(_)), true) => out.push((
            "default",
            RulesProblem::DefaultType {
                input_type: input_type(),
            },
        )),
        (Some(InputDefault::Number(value)), false) if value < lowest || value > highest => out
            .push((
                "default",
                RulesProblem::DefaultOutOfRange {
                    value,
                    lowest,
                    highest,
                },
            )),
        _ => {}
    }
    if i.min.is_none() && i.max.is_some() && highest < lowest {
        out.push((
            "max",
            RulesProblem::MaxBelowLowest {
                max: highest,
                lowest,
            },
        ));
    }
    if i.max.is_none() && i.min.is_some() && lowest > highest {
        out.push((
            "min",
            RulesProblem::MinAboveHighest {
                min: lowest,
                highest,
            },
        ));
    }
    let way = |l: Lever| match l {
        Lever::Up => LeverWay::Up,
        Lever::Down => LeverWay::Down,
    };
    for (field, value, wanted) in [
        ("lever_max", i.lever_max, Lever::Up),
        ("lever_min", i.lever_min, Lever::Down),
    ] {
        let Some(value) = value else { continue };
        if i.lever != Some(wanted) {
            out.push((
                field,
                RulesProblem::LeverBoundWay {
                    bounds: way(wanted),
                    lever: i.lever.map(way),
                },
            ));
        } else if value < lowest || value > highest {
            out.push((
                field,
                RulesProblem::LeverBoundOutside {
                    value,
                    lowest,
                    highest,
                },
            ));
        }
    }
    out
}

/// The id of an input type as the file writes it.
fn type_id(ty: InputType) -> &'static str {
    match ty {
        InputType::Count => "count",
        InputType::Money => "money",
        InputType::Bool => "bool",
        InputType::Decimal => "decimal",
        InputType::Percent => "percent",
    }
}
