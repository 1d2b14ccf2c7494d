//! Reading a criteria set: parse, validate every reference and sum, compile every script once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rhai::{Dynamic, EvalAltResult, Scope};
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::{
    Class, CriteriaSet, Criterion, Derived, FileHash, Indicator, Input, InputType, Lever,
    MAX_DECIMALS, MetRule, Status, Text,
};
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics, Source, whole_file};
use crate::evidence::{IncidentKind, KindDef, UnitKind, significant_decimals};
use crate::hash::sha256_hex;
use crate::points::Points;
use crate::script::{self, Outcome, RESERVED};

/// Why a criteria set (or policy) could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file was read but is not a valid set; every problem is listed.
    #[error("{0}")]
    Invalid(Diagnostics),
}

impl LoadError {
    /// The located problems (one for an unreadable file).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Io { path, source } => {
                vec![whole_file(path, format!("cannot read the file: {source}"))]
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
    #[serde(deserialize_with = "crate::printable::rule_text")]
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

/// Whether a text has the shape of a kind id: a lower-case letter, then lower-case letters,
/// digits and `_`. Policy scripts are checked by this shape: a string literal that has it
/// must be a declared incident kind.
pub(crate) fn kind_shaped(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Checks the ids of declared kinds (shape, length, unique also among `taken`) and returns
/// them as typed kinds with their labels.
pub(crate) fn declare_kinds<K>(
    src: &Source,
    raw: Vec<RawKind>,
    (what, taken): (&str, &[&str]),
    make: fn(&str) -> K,
    problems: &mut Vec<Diagnostic>,
) -> Vec<crate::evidence::KindDef<K>> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for k in raw {
        let id = k.id.get_ref();
        if !kind_shaped(id) || id.chars().count() > MAX_KIND_ID_CHARS {
            problems.push(src.at(
                &k.id.span(),
                format!(
                    "{what} id {id:?}: expected a lower-case letter, then lower-case letters, digits or `_` (at most {MAX_KIND_ID_CHARS} characters), e.g. \"thi_tran\""
                ),
            ));
            continue;
        }
        if taken.contains(&id.as_str()) {
            problems.push(src.at(
                &k.id.span(),
                format!("{what} {id:?} is already declared by the criteria set"),
            ));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), src.line_of(&k.id.span())) {
            problems.push(src.at(
                &k.id.span(),
                format!("duplicate {what} {id:?} (first on line {first})"),
            ));
            continue;
        }
        out.push(crate::evidence::KindDef {
            id: make(id),
            label: k.label,
        });
    }
    out
}

/// The problem with a kind a rule names that is not declared, or `None` when it is.
pub(crate) fn undeclared(what: &str, id: &str, declared: &[&str]) -> Option<String> {
    if declared.contains(&id) {
        return None;
    }
    let hint = crate::evidence::closest(id, declared.iter().copied())
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default();
    Some(if declared.is_empty() {
        format!("{what} {id:?} is not declared: no {what} is declared")
    } else {
        format!(
            "{what} {id:?}{hint} is not declared: expected one of {}",
            declared.join(", ")
        )
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
    #[serde(default, deserialize_with = "crate::printable::optional_rule_text")]
    status_note: Option<String>,
    #[serde(deserialize_with = "crate::printable::rule_text")]
    reference: String,
    script: Spanned<PathBuf>,
}

pub(crate) fn read(path: &Path) -> Result<(String, String), LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let refuse = |message: String| LoadError::Invalid(Diagnostics(vec![whole_file(path, message)]));
    let file = std::fs::File::open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(refuse("this is not a regular file".into()));
    }
    // Read at most one byte past the bound, so a huge or endless file (a device, a file that
    // grows) is refused without being read whole.
    let mut bytes = Vec::new();
    file.take(MAX_RULE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_RULE_FILE_BYTES {
        return Err(refuse(format!(
            "the file is larger than {} KiB; rule files and scripts must be smaller",
            MAX_RULE_FILE_BYTES / 1024
        )));
    }
    let sha = sha256_hex(&bytes);
    // The bytes are never quoted: the file may be anything a hostile set points at.
    let text = String::from_utf8(bytes).map_err(|_| refuse("the file is not UTF-8 text".into()))?;
    Ok((text, sha))
}

/// The largest criteria set, policy, round settings file or script that is read: 64 KiB. The
/// national set is 21 KiB and a script a few hundred bytes; the bound keeps a set that names a
/// huge or endless file (`/dev/zero`) from exhausting memory.
pub const MAX_RULE_FILE_BYTES: u64 = 64 * 1024;

/// Where a script named by a rule file may live, resolved through symbolic links: under the
/// folder that holds the rule file's folder. The shipped sets keep their scripts beside the
/// folder of their TOML files (`criteria/x.toml` names `../scripts/x/…`), so the bound is that
/// parent folder, one level up and never further; absolute paths are refused outright.
fn script_root(rule_file: &Path) -> std::io::Result<PathBuf> {
    let folder = std::fs::canonicalize(rule_file)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(folder.parent().map_or(folder.clone(), Path::to_path_buf))
}

/// Checks that a script path is relative, a `.rhai` file, and resolves inside
/// [`script_root`]; the message never quotes the file's content.
fn contained_script(rule_file: &Path, named: &Path, path: &Path) -> Result<(), String> {
    if named.is_absolute() || named.has_root() {
        return Err(format!(
            "the script path {:?} must be relative to this file's folder",
            named.display().to_string()
        ));
    }
    if named.extension().is_none_or(|e| e != "rhai") {
        return Err(format!(
            "the script path {:?} must name a .rhai file",
            named.display().to_string()
        ));
    }
    let root =
        script_root(rule_file).map_err(|e| format!("cannot resolve this file's folder: {e}"))?;
    let real = std::fs::canonicalize(path).map_err(|e| {
        format!(
            "cannot read the script {:?}: {e}",
            path.display().to_string()
        )
    })?;
    if !real.starts_with(&root) {
        return Err(format!(
            "the script {:?} resolves outside {} (scripts must stay beside the rule files)",
            named.display().to_string(),
            root.display()
        ));
    }
    Ok(())
}

/// Parses with serde, turning the (first) error into a located diagnostic.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    src: &Source,
    text: &str,
) -> Result<T, LoadError> {
    toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().replace('\n', " ");
        // A rule text refused by `printable::rule_text` carries its typed problem.
        let d = match crate::printable::problem_in_message(&message) {
            Some(problem) => src.problem(&span, crate::diag::FieldPath::whole_file(), problem),
            None => src.at(&span, message),
        };
        LoadError::Invalid(Diagnostics(vec![d]))
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
                Dynamic::from_decimal(crate::evidence::example_decimal(input))
            }
        };
        scope.push_dynamic(input.name.clone(), v);
    }
    for d in derived {
        scope.push(d.name.clone(), 1 as rhai::INT);
    }
    scope
}

/// The position of a declared name among the inputs, else among the derived counts.
fn var_ref(inputs: &[Input], derived: &[Derived], name: &str) -> Option<super::VarRef> {
    inputs
        .iter()
        .position(|i| i.name == name)
        .map(super::VarRef::Input)
        .or_else(|| {
            derived
                .iter()
                .position(|d| d.name == name)
                .map(super::VarRef::Derived)
        })
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
    src: &Source,
    script: &Spanned<PathBuf>,
    expect: (&str, fn(&Dynamic) -> bool),
) -> Result<Compiled, Diagnostic> {
    let (expect, accepts) = expect;
    let base = src.path().parent().unwrap_or(Path::new(""));
    let path = crate::round::tidy_path(&base.join(script.get_ref()));
    contained_script(src.path(), script.get_ref(), &path).map_err(|m| src.at(&script.span(), m))?;
    let (text, sha) = read(&path).map_err(|e| match e {
        LoadError::Io { source, .. } => src.at(
            &script.span(),
            format!("cannot read the script {}: {source}", path.display()),
        ),
        // Located at the `script =` field that named the file, in the words of the check.
        LoadError::Invalid(d) => {
            let why = d.0.into_iter().next().map_or_else(
                || "unreadable".to_string(),
                |d| crate::words::problems::problem(&d.problem, crate::lang::Lang::En),
            );
            src.at(
                &script.span(),
                format!("the script {}: {why}", path.display()),
            )
        }
    })?;
    let located = |e: script::ScriptError| Diagnostic::legacy(&path, e.line, e.column, e.message);
    let ast = engine.compile_with_scope(scope, &text).map_err(|e| {
        located(script::ScriptError::new(
            &path,
            e.position(),
            compile_message(&e),
        ))
    })?;
    let mut dry = scope.clone();
    // Each dry run gets a unit's time budget of its own, so a slow script cannot stall loading.
    match script::within_deadline(1, || engine.eval_ast_with_scope::<Dynamic>(&mut dry, &ast)) {
        Ok(v) if accepts(&v) => {}
        Ok(v) => {
            return Err(whole_file(
                &path,
                format!(
                    "the script must end with {expect}; it gave {}",
                    script::describe_value(&v)
                ),
            ));
        }
        Err(e) if matches!(*e, EvalAltResult::ErrorFunctionNotFound(..)) => {
            return Err(located(script::ScriptError::from_eval(&path, &e)));
        }
        // Other failures may depend on the values; they are reported when they happen.
        Err(_) => {}
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

fn compile_message(e: &rhai::ParseError) -> String {
    match e.err_type() {
        rhai::ParseErrorType::VariableUndefined(name) => {
            format!("`{name}` is not an input or derived count declared by the criteria set")
        }
        rhai::ParseErrorType::ExprTooDeep => format!(
            "the script nests values or expressions deeper than {} levels",
            script::MAX_EXPR_DEPTH
        ),
        other => other.to_string(),
    }
}

pub(super) fn load(path: &Path) -> Result<CriteriaSet, LoadError> {
    let (text, sha) = read(path)?;
    let src = Source::new(path, &text);
    let mut raw: RawSet = parse(&src, &text)?;
    let mut problems = Vec::new();

    check_variables(&src, &raw, &mut problems);
    let classes = unique(&src, &raw.classes, |c| &c.id, "class", &mut problems);
    for class in &raw.classes {
        if class.get_ref().threshold > *raw.max_points.get_ref() {
            problems.push(src.at(
                &class.span(),
                format!(
                    "class {}: threshold {} is above the set's max_points {}",
                    class.get_ref().id,
                    class.get_ref().threshold,
                    raw.max_points.get_ref()
                ),
            ));
        }
    }
    if classes.is_empty() {
        problems.push(src.at(&raw.id.span(), "the set declares no [[classes]]"));
    }
    let (unit_kinds, incident_kinds) = vocabulary(&src, &text, &mut raw, &mut problems);

    let inputs: Vec<Input> = raw.inputs.iter().map(|i| i.get_ref().clone()).collect();
    let derived: Vec<Derived> = raw.derived.iter().map(|d| d.get_ref().clone()).collect();
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
    let mut criteria = Vec::new();
    let mut seen_criteria = BTreeMap::new();
    let mut seen_indicators = BTreeMap::new();
    for rc in raw.criteria {
        note_duplicate(&src, &rc.id, "criterion", &mut seen_criteria, &mut problems);
        // The declared maxima, not only those of the scripts that compiled, so that a sum
        // that does not add up is reported with every other problem of the file.
        let declared: Points = rc.indicators.iter().map(|i| *i.max_points.get_ref()).sum();
        let declared_count = rc.indicators.len();
        let mut indicators = Vec::new();
        for ri in rc.indicators {
            note_duplicate(
                &src,
                &ri.id,
                "indicator",
                &mut seen_indicators,
                &mut problems,
            );
            if ri.max_points.get_ref().is_zero() {
                problems.push(src.at(
                    &ri.max_points.span(),
                    format!("indicator {}: max_points must be above 0", ri.id.get_ref()),
                ));
            }
            match compile_script(
                &engine,
                &scope,
                &names,
                &src,
                &ri.script,
                ("award(…), at_least(…) or at_most(…)", |v| {
                    v.is::<Outcome>()
                }),
            ) {
                Ok(c) => {
                    if !files.iter().any(|f| f.path == c.file.path) {
                        files.push(c.file);
                    }
                    indicators.push(Indicator {
                        id: ri.id.into_inner(),
                        title: ri.title,
                        max_points: *ri.max_points.get_ref(),
                        status: ri.status,
                        status_note: ri.status_note,
                        reference: ri.reference,
                        script: c.path,
                        read_refs: c
                            .reads
                            .iter()
                            .filter_map(|n| var_ref(&inputs, &derived, n))
                            .collect(),
                        reads: c.reads,
                        ast: c.ast,
                    });
                }
                Err(d) => problems.push(d),
            }
        }
        if declared != *rc.max_points.get_ref() {
            problems.push(src.at(
                &rc.max_points.span(),
                format!(
                    "criterion {}: max_points is {} but its indicators' maxima add up to {declared}",
                    rc.id.get_ref(),
                    rc.max_points.get_ref()
                ),
            ));
        }
        if declared_count == 0 {
            problems.push(src.at(
                &rc.id.span(),
                format!("criterion {} has no indicators", rc.id.get_ref()),
            ));
        }
        criteria.push(Criterion {
            id: rc.id.into_inner(),
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
        problems.push(src.at(
            &until.span(),
            format!(
                "until = {} is before effective = {}: expected the last day the set is in force, on or after the day it takes effect",
                until.get_ref(),
                raw.effective
            ),
        ));
    }
    let total: Points = criteria.iter().map(|c| c.max_points).sum();
    if total != *raw.max_points.get_ref() {
        problems.push(src.at(
            &raw.max_points.span(),
            format!(
                "max_points is {} but the criteria maxima add up to {total}",
                raw.max_points.get_ref()
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(Diagnostics(problems).sorted()));
    }
    Ok(CriteriaSet {
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
    })
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
        problems.push(src.at(
            &raw.id.span(),
            "the set declares no [[unit_kinds]]: expected at least one, e.g. [[unit_kinds]] id = \"xa\", label = { vi = \"xã\", en = \"commune\" }",
        ));
    }
    let units = declare_kinds(
        src,
        std::mem::take(&mut raw.unit_kinds),
        ("unit kind", &[]),
        UnitKind::new,
        problems,
    );
    let incidents = declare_kinds(
        src,
        std::mem::take(&mut raw.incident_kinds),
        ("incident kind", &[]),
        IncidentKind::new,
        problems,
    );
    let unit_ids: Vec<&str> = units.iter().map(|k| k.id.id()).collect();
    let incident_ids: Vec<&str> = incidents.iter().map(|k| k.id.id()).collect();
    for class in &raw.classes {
        let c = class.get_ref();
        for kind in c.kinds.iter().flatten() {
            if let Some(why) = undeclared("unit kind", kind.id(), &unit_ids) {
                problems.push(src.at(
                    &quoted_in(text, &class.span(), kind.id()),
                    format!("class {}: {why}", c.id),
                ));
            }
        }
        if c.kinds.as_ref().is_some_and(Vec::is_empty) {
            problems.push(src.at(
                &class.span(),
                format!(
                    "class {}: `kinds` is empty: list the unit kinds it may take, or leave it out for any",
                    c.id
                ),
            ));
        }
    }
    for d in &raw.derived {
        for kind in &d.get_ref().kinds {
            if let Some(why) = undeclared("incident kind", kind.id(), &incident_ids) {
                problems.push(src.at(
                    &quoted_in(text, &d.span(), kind.id()),
                    format!("derived count {}: {why}", d.get_ref().name),
                ));
            }
        }
    }
    (units, incidents)
}

fn note_duplicate(
    src: &Source,
    id: &Spanned<String>,
    what: &str,
    seen: &mut BTreeMap<String, usize>,
    problems: &mut Vec<Diagnostic>,
) {
    let line = src.line_of(&id.span());
    // An id is printed in every dossier and trace: a short code, like an incident id.
    if !crate::printable::is_short_code(id.get_ref()) {
        problems.push(src.at(
            &id.span(),
            format!(
                "{what} id: expected a short code (a letter or digit, then up to 31 letters, \
                 digits, `.`, `_`, `/` or `-`), found {} characters",
                id.get_ref().chars().count()
            ),
        ));
    }
    if let Some(first) = seen.insert(id.get_ref().clone(), line) {
        problems.push(src.at(
            &id.span(),
            format!(
                "duplicate {what} id {:?} (first on line {first})",
                id.get_ref()
            ),
        ));
    }
}

fn unique<T: Clone>(
    src: &Source,
    items: &[Spanned<T>],
    id: impl Fn(&T) -> &String,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut seen = BTreeSet::new();
    for item in items {
        if !seen.insert(id(item.get_ref())) {
            problems.push(src.at(
                &item.span(),
                format!("duplicate {what} {:?}", id(item.get_ref())),
            ));
        }
    }
    items.iter().map(|i| i.get_ref().clone()).collect()
}

/// Names are valid and unique; constraints point at declared counts.
fn check_variables(src: &Source, raw: &RawSet, problems: &mut Vec<Diagnostic>) {
    let mut kinds: BTreeMap<&str, Option<InputType>> = BTreeMap::new();
    let entries = raw
        .inputs
        .iter()
        .map(|i| (&i.get_ref().name, i.span(), Some(i.get_ref().ty)))
        .chain(
            raw.derived
                .iter()
                .map(|d| (&d.get_ref().name, d.span(), None)),
        );
    for (name, span, ty) in entries {
        if !valid_name(name) {
            problems.push(src.at(
                &span,
                format!("{name:?} is not a valid name: use lower-case letters, digits and _, not a reserved word"),
            ));
        }
        if kinds.insert(name, ty).is_some() {
            problems.push(src.at(&span, format!("{name:?} is declared twice")));
        }
    }
    for d in &raw.derived {
        if d.get_ref().kinds.is_empty() {
            problems.push(src.at(
                &d.span(),
                format!("derived count {}: `kinds` is empty", d.get_ref().name),
            ));
        }
    }
    for input in &raw.inputs {
        let i = input.get_ref();
        for (field, target) in [("at_most", &i.at_most), ("at_least", &i.at_least)] {
            let Some(target) = target else { continue };
            let ok = target != &i.name
                && matches!(
                    kinds.get(target.as_str()),
                    Some(None | Some(InputType::Count | InputType::Money))
                );
            if !matches!(i.ty, InputType::Count | InputType::Money) || !ok {
                problems.push(src.at(
                    &input.span(),
                    format!(
                        "input {}: {field} = {target:?} must name another count (input or derived) and apply to a count",
                        i.name
                    ),
                ));
            }
        }
        for message in input_problems(i) {
            problems.push(src.at(&input.span(), format!("input {}: {message}", i.name)));
        }
    }
}

/// What is wrong with an input's type, digits, range and lever bounds, in words.
fn input_problems(i: &Input) -> Vec<String> {
    let mut out = Vec::new();
    let bounds = [
        ("min", i.min),
        ("max", i.max),
        ("lever_max", i.lever_max),
        ("lever_min", i.lever_min),
    ];
    if i.ty == InputType::Bool {
        for (field, value) in bounds {
            if value.is_some() {
                out.push(format!("a bool takes no `{field}`"));
            }
        }
    }
    match (i.ty.is_decimal(), i.decimals) {
        (true, None) => out.push(format!(
            "a {} input needs `decimals`: the most digits after the point, 0 to {MAX_DECIMALS}",
            if i.ty == InputType::Percent {
                "percent"
            } else {
                "decimal"
            }
        )),
        (true, Some(d)) if d > MAX_DECIMALS => out.push(format!(
            "decimals = {d}: expected at most {MAX_DECIMALS} (what an exact decimal holds)"
        )),
        (false, Some(_)) => out.push(format!(
            "`decimals` applies to decimal and percent inputs only, not to a {}",
            type_id(i.ty)
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
            out.push(if digits == 0 {
                format!(
                    "{field} = {value}: expected a whole number for a {}",
                    type_id(i.ty)
                )
            } else {
                format!(
                    "{field} = {value} has more digits after the point than decimals = {digits}"
                )
            });
            continue;
        }
        // A bound must be a value the input can take, at its declared digits.
        let mut at_digits = value;
        at_digits.rescale(digits);
        if at_digits != value || at_digits.scale() != digits {
            out.push(format!(
                "{field} = {value} is too large for {digits} digits after the point"
            ));
        }
        if !i.ty.is_decimal() && value.is_sign_negative() && !value.is_zero() {
            out.push(format!(
                "{field} = {value}: a {} is never negative",
                type_id(i.ty)
            ));
        }
        // Evidence holds no whole number beyond what a script holds (see `Input::highest`).
        if !i.ty.is_decimal() && value > Decimal::from(i64::MAX) {
            out.push(format!(
                "{field} = {value} is above {}, the largest whole number evidence holds",
                i64::MAX
            ));
        }
    }
    if let (Some(min), Some(max)) = (i.min, i.max)
        && min > max
    {
        out.push(format!(
            "min = {min} is above max = {max}: no value could be valid"
        ));
    }
    let (lowest, highest) = (i.lowest(), i.highest());
    if i.min.is_none() && i.max.is_some() && highest < lowest {
        out.push(format!(
            "max = {highest} is below the smallest valid value {lowest}"
        ));
    }
    if i.max.is_none() && i.min.is_some() && lowest > highest {
        out.push(format!(
            "min = {lowest} is above the largest valid value {highest}"
        ));
    }
    for (field, value, wanted) in [
        ("lever_max", i.lever_max, Lever::Up),
        ("lever_min", i.lever_min, Lever::Down),
    ] {
        let Some(value) = value else { continue };
        if i.lever != Some(wanted) {
            out.push(format!(
                "`{field}` bounds a lever = \"{}\" input; this input is {}",
                if wanted == Lever::Up { "up" } else { "down" },
                match i.lever {
                    Some(Lever::Up) => "an up lever",
                    Some(Lever::Down) => "a down lever",
                    None => "no lever",
                }
            ));
        } else if value < lowest || value > highest {
            out.push(format!(
                "{field} = {value} lies outside the valid range {lowest} to {highest}"
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
