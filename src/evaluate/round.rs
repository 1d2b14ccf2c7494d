//! An evaluation round: a folder with `round.toml` and one evidence file per unit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

use crate::base::date::Date;
use crate::base::diag::{
    Diagnostic, Diagnostics, FieldPath, FileProblem, IoCause, RoundProblem, RuleFile, Source,
    ValueKind, whole_file,
};
use crate::base::hash::sha256_hex;
use crate::base::printable::{MAX_SETTING_CHARS, printable};
use crate::evaluate::decide::UnitResult;
use crate::evaluate::evaluator::{EvalError, Evaluator, MismatchError};
use crate::evidence::Evidence;
use crate::form::Setting;
use crate::rules::criteria::CriteriaSet;
use crate::rules::criteria::FileHash;
use crate::rules::load::{LoadError, parse, read, rule_kind};
use crate::rules::policy::Policy;
use crate::rules::shipped::RuleRef;

/// The settings of a round, from `round.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundSettings {
    /// Its title, as the council names the round; the summary prints it and every PDF carries it.
    pub name: String,
    /// The calendar year evaluated; every evidence period must lie in it.
    pub year: u16,
    /// The province's code in the official list (e.g. "51"); from 2025 on, the units are
    /// checked against that list (shipped in `assets/units/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// The criteria set, relative to `round.toml`.
    pub criteria: PathBuf,
    /// The local policy, relative to `round.toml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PathBuf>,
    /// The recognising authority, printed on dossiers.
    pub authority: String,
    /// The assessment council.
    pub council: String,
    /// The place of signature ("Sơn Hà, ngày … tháng … năm …").
    pub place: String,
    /// The date printed on the decision and its documents.
    pub decision_date: Date,
    /// Title of the signatory who chairs the council (default "CHỦ TỊCH HỘI ĐỒNG").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair_title: Option<String>,
    /// Title of the person who prepared the dossier (default "NGƯỜI LẬP").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preparer_title: Option<String>,
}

/// Why a round could not be opened at all (as opposed to one bad unit).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RoundError {
    /// `round.toml`, the criteria set or the policy is unreadable or invalid.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The policy was written for another criteria set.
    #[error(transparent)]
    Mismatch(#[from] MismatchError),
    /// The round's year lies outside the criteria set's period in force, and the round was not
    /// opened with [`RoundOptions::outside_effect`]; located at `round.toml`'s `criteria`.
    #[error("{0}")]
    OutsideEffect(Box<Diagnostic>),
    /// The folder could not be listed.
    #[error("{dir}: cannot list the round folder: {source}", dir = dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// How to open a round. Build it from [`RoundOptions::default`] and its methods: fields may be
/// added in later versions.
///
/// ```
/// use cfc::round::{Round, RoundOptions};
/// let options = RoundOptions::default().outside_effect(true);
/// let round = Round::load_with("fixtures/son-ha-2024", &options)?;
/// // In force in 2024: the option changes nothing for this round.
/// assert!(round.outside_effect().is_none());
/// # Ok::<(), cfc::RoundError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RoundOptions {
    /// Evaluate a round whose year lies outside the criteria set's period in force
    /// (`effective` to `until`) instead of refusing it; every output then says so
    /// ([`crate::rules::criteria::OutsideEffect`]). Off by default.
    pub outside_effect: bool,
}

impl RoundOptions {
    /// Sets [`RoundOptions::outside_effect`].
    pub fn outside_effect(mut self, yes: bool) -> RoundOptions {
        self.outside_effect = yes;
        self
    }
}

/// A round opened from its folder: settings, the compiled rules, and every unit's evidence
/// that passed validation; the files that did not are in `errors`.
#[derive(Debug)]
pub struct Round {
    /// The folder.
    pub dir: PathBuf,
    /// `round.toml`.
    pub settings: RoundSettings,
    /// The criteria set and policy, compiled.
    pub evaluator: Evaluator,
    /// Valid evidence, ordered by unit code.
    pub units: Vec<Evidence>,
    /// Every problem of every evidence file, sorted by file and line.
    pub errors: Vec<Diagnostic>,
    /// What the analysis of the rules and of `round.toml` found that may be meant (what
    /// cannot be right refuses the round): `cfc check` prints them.
    pub warnings: Vec<Diagnostic>,
    /// The files read: see [`Round::inputs`].
    inputs: Vec<FileHash>,
}

/// The results of a round: every unit that could be evaluated, and every problem.
#[derive(Debug)]
#[non_exhaustive]
pub struct Evaluated {
    /// Results ordered by unit code.
    pub results: Vec<UnitResult>,
    /// Evidence problems (the unit was skipped).
    pub errors: Vec<Diagnostic>,
    /// Units whose evaluation failed in a script of the criteria set or policy.
    pub failures: Vec<(String, EvalError)>,
}

impl Evaluated {
    /// The result of a unit by its administrative code.
    pub fn unit(&self, code: &str) -> Option<&UnitResult> {
        self.results.iter().find(|r| r.code == code)
    }
}

pub use crate::base::fsio::tidy_path;

impl Round {
    /// The settings of a round folder, without loading anything else.
    pub fn settings(dir: &Path) -> Result<RoundSettings, LoadError> {
        Round::settings_read(dir, dir).map(|(settings, _)| settings)
    }

    /// Opens a round with the default [`RoundOptions`]: settings, criteria set, policy, and
    /// every evidence file in parallel. A round whose year lies outside the criteria set's
    /// period in force is refused ([`RoundError::OutsideEffect`]).
    pub fn load(dir: impl AsRef<Path>) -> Result<Round, RoundError> {
        Round::load_with(dir, &RoundOptions::default())
    }

    /// Opens a round as [`Round::load`] does, with options.
    pub fn load_with(dir: impl AsRef<Path>, options: &RoundOptions) -> Result<Round, RoundError> {
        let dir = dir.as_ref();
        // A missing folder is said as such, not as an unreadable round.toml inside it.
        std::fs::read_dir(dir).map_err(|source| RoundError::Folder {
            dir: dir.to_path_buf(),
            source,
        })?;
        let (settings, settings_sha) = Round::settings_read(dir, dir)?;
        let named = RuleRef::named(&settings.criteria, dir, RuleFile::Criteria);
        let criteria = CriteriaSet::open(&named).map_err(|e| {
            at_settings_field(dir, (RuleFile::Criteria, &settings.criteria, &named), e)
        })?;
        let policy = match &settings.policy {
            Some(p) => {
                let named = RuleRef::named(p, dir, RuleFile::Policy);
                Some(
                    Policy::open(&named, &criteria)
                        .map_err(|e| at_settings_field(dir, (RuleFile::Policy, p, &named), e))?,
                )
            }
            None => None,
        };
        Round::assemble(
            (dir, dir),
            (settings, settings_sha),
            (criteria, policy),
            options,
        )
    }

    /// Opens the copy of a round an output folder keeps (`copy`: round.toml and the evidence
    /// files) with the rules loaded from their copies, every file named as the original it
    /// stands for (`shown`: the round folder as it was given when evaluating), so that the
    /// results are those of the original, path for path. (Only `verify` reads copies: it needs
    /// the `pdf` and `xlsx` features.)
    #[cfg_attr(not(all(feature = "pdf", feature = "xlsx")), allow(dead_code))]
    pub(crate) fn from_copy(
        copy: &Path,
        shown: &Path,
        (criteria, policy): (CriteriaSet, Option<Policy>),
        options: &RoundOptions,
    ) -> Result<Round, RoundError> {
        let settings = Round::settings_read(copy, shown)?;
        Round::assemble((copy, shown), settings, (criteria, policy), options)
    }

    /// `round.toml` of the folder `real`, its problems located at `shown`, and its SHA-256.
    fn settings_read(real: &Path, shown: &Path) -> Result<(RoundSettings, String), LoadError> {
        let (text, sha) = read(&real.join("round.toml")).map_err(|e| match e {
            // The copy's problems are named as the original's.
            LoadError::Io { source, .. } => LoadError::Io {
                path: shown.join("round.toml"),
                source,
            },
            other => other,
        })?;
        let path = shown.join("round.toml");
        let src = Source::new(&path, &text);
        let settings: RoundSettings = parse(&src, &text, settings_kind)?;
        let mut problems = unprintable_settings(&src, &text);
        // A decision cannot come before the year it decides about; windows counted back from
        // it would look at the wrong year.
        if settings.decision_date.year() < settings.year {
            problems.push(decision_problem(
                &src,
                &text,
                RoundProblem::DecisionBeforeYear {
                    date: settings.decision_date,
                    year: settings.year,
                },
            ));
        }
        if problems.is_empty() {
            Ok((settings, sha))
        } else {
            Err(LoadError::Invalid(Diagnostics(problems)))
        }
    }

    /// The round from its settings and rules: every evidence file of the folder `real` read in
    /// parallel and named as in `shown`.
    fn assemble(
        (real, shown): (&Path, &Path),
        (settings, settings_sha): (RoundSettings, String),
        (criteria, policy): (CriteriaSet, Option<Policy>),
        options: &RoundOptions,
    ) -> Result<Round, RoundError> {
        if let Some(outside) = criteria.outside_effect(settings.year)
            && !options.outside_effect
        {
            return Err(outside_effect_error(shown, real, &outside));
        }
        let mut warnings = crate::rules::analysis::warnings(&criteria, policy.as_ref());
        let decision_windows: Vec<(String, u16)> = policy
            .iter()
            .flat_map(|p| p.disqualifiers())
            .filter_map(|d| match d.window {
                crate::rules::policy::Window::MonthsBeforeDecision(n) => Some((d.id.clone(), n)),
                _ => None,
            })
            .collect();
        let evaluator =
            Evaluator::new(criteria, policy)?.with_decision_date(settings.decision_date);
        let (files, mut errors) = evidence_files(real, shown)?;
        let parsed: Vec<_> = files
            .par_iter()
            .map(|(real, shown)| -> Result<_, Diagnostics> {
                let bytes = crate::evidence::read_bytes(real, shown)?;
                let ev =
                    Evidence::from_bytes(shown, &bytes, evaluator.criteria(), Some(settings.year));
                // Valid evidence has hashed its bytes already.
                let sha256 = match &ev {
                    Ok(ev) => ev.sha256().to_string(),
                    Err(_) => sha256_hex(&bytes),
                };
                let read = FileHash {
                    path: real.display().to_string(),
                    sha256,
                };
                Ok((read, ev))
            })
            .collect();
        let mut units = Vec::new();
        let mut inputs = vec![FileHash {
            path: real.join("round.toml").display().to_string(),
            sha256: settings_sha,
        }];
        for p in parsed {
            match p {
                Ok((read, ev)) => {
                    inputs.push(read);
                    match ev {
                        Ok(ev) => units.push(ev),
                        Err(d) => errors.extend(d.0),
                    }
                }
                Err(Diagnostics(d)) => errors.extend(d),
            }
        }
        reject_duplicate_codes(&mut units, &mut errors);
        crate::evidence::roster::check(
            &shown.join("round.toml"),
            (settings.province.as_deref(), settings.year),
            &mut units,
            &mut errors,
        );
        units.sort_by(|a, b| a.unit().code.cmp(&b.unit().code));
        errors.sort();
        warnings.extend(decision_warnings(
            (real, shown),
            &settings,
            &units,
            &decision_windows,
        ));
        Ok(Round {
            dir: shown.to_path_buf(),
            settings,
            evaluator,
            units,
            errors,
            warnings,
            inputs,
        })
    }

    /// The files this round was read from, with the SHA-256 of the bytes read: `round.toml`
    /// first, then every evidence file that could be read (valid or not), by name. An output
    /// folder keeps a copy of each.
    pub fn inputs(&self) -> &[FileHash] {
        &self.inputs
    }

    /// Set when the round's year lies outside the criteria set's period in force (it was
    /// opened with [`RoundOptions::outside_effect`]): every output says so.
    pub fn outside_effect(&self) -> Option<crate::rules::criteria::OutsideEffect> {
        self.evaluator.criteria().outside_effect(self.settings.year)
    }

    /// Evaluates every valid unit in parallel.
    pub fn evaluate(&self) -> Evaluated {
        let mut results = Vec::with_capacity(self.units.len());
        let mut failures = Vec::new();
        for (ev, r) in self
            .units
            .iter()
            .zip(self.evaluator.evaluate_all(&self.units))
        {
            match r {
                Ok(r) => results.push(r),
                Err(e) => failures.push((ev.unit().code.clone(), e)),
            }
        }
        Evaluated {
            results,
            errors: self.errors.clone(),
            failures,
        }
    }
}

/// What a key of `round.toml` holds, for a missing field.
fn settings_kind(key: &str) -> Option<ValueKind> {
    Setting::of(key).map_or_else(|| rule_kind(key), |s| Some(s.value_kind()))
}

/// The printed settings of a parsed `round.toml` that a dossier could not draw, located.
fn unprintable_settings(src: &Source, text: &str) -> Vec<Diagnostic> {
    let Ok(doc) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in doc.get_ref().iter() {
        let name: &str = key.get_ref();
        let printed = Setting::of(name).is_some_and(Setting::printed);
        if let (true, DeValue::String(s)) = (printed, value.get_ref())
            && let Err(problem) = printable(s, MAX_SETTING_CHARS)
        {
            out.push(src.problem(&value.span(), FieldPath::from(name), problem));
        }
    }
    out
}

/// A problem of `round.toml`'s `decision_date`, at that field.
fn decision_problem(src: &Source, text: &str, problem: RoundProblem) -> Diagnostic {
    #[derive(Deserialize)]
    struct Decision {
        decision_date: toml::Spanned<Date>,
    }
    let field = FieldPath::from(Setting::DecisionDate.key());
    match toml::from_str::<Decision>(text) {
        Ok(d) => src.problem(&d.decision_date.span(), field, problem),
        Err(_) => src.problem(&(0..0), field, problem),
    }
}

/// What may be meant about the decision date: a later year than the round's, or a date
/// before units' periods end when a disqualifier counts its window back from it.
fn decision_warnings(
    (real, shown): (&Path, &Path),
    settings: &RoundSettings,
    units: &[Evidence],
    decision_windows: &[(String, u16)],
) -> Vec<Diagnostic> {
    // Read where the round is (a copy of it, for `cfc verify` of a folder alone), located as
    // it is shown: reading the shown path found nothing once the original was gone.
    let Ok((text, _)) = read(&real.join("round.toml")) else {
        return Vec::new();
    };
    let path = shown.join("round.toml");
    let src = Source::new(&path, &text);
    let date = settings.decision_date;
    let mut out = Vec::new();
    if date.year() > settings.year {
        out.push(decision_problem(
            &src,
            &text,
            RoundProblem::DecisionAfterYear {
                date,
                year: settings.year,
            },
        ));
    }
    let ending_later: Vec<Date> = units
        .iter()
        .map(|u| u.period().to)
        .filter(|to| *to >= date)
        .collect();
    if let (Some((disqualifier, months)), Some(period_end)) =
        (decision_windows.first(), ending_later.iter().max())
    {
        out.push(decision_problem(
            &src,
            &text,
            RoundProblem::DecisionBeforePeriodEnd {
                date,
                period_end: *period_end,
                units: ending_later.len(),
                disqualifier: disqualifier.clone(),
                months: *months,
            },
        ));
    }
    out
}

/// Where `round.toml` names its rule files (the other fields are read by [`RoundSettings`]).
#[derive(Deserialize)]
struct RulePaths {
    criteria: toml::Spanned<PathBuf>,
    #[serde(default)]
    policy: Option<toml::Spanned<PathBuf>>,
}

/// A rule file that cannot be opened at all (missing, a folder, no permission) is a mistake in
/// `round.toml`: the problem is located at its `criteria` or `policy` field, not at a file that
/// may not exist, and names the value as written, the file it was resolved to and the sets
/// shipped inside cfc. Other problems of the rule file are its own and stay located in it; one
/// more, at the field, says which file the round named and how it was found.
fn at_settings_field(
    dir: &Path,
    (rule, written, named): (RuleFile, &Path, &RuleRef),
    error: LoadError,
) -> LoadError {
    let settings = dir.join("round.toml");
    let Ok((text, _)) = read(&settings) else {
        return error;
    };
    let src = Source::new(&settings, &text);
    let Ok(paths) = toml::from_str::<RulePaths>(&text) else {
        return error;
    };
    let (field, span) = match rule {
        RuleFile::Criteria => ("criteria", Some(paths.criteria.span())),
        RuleFile::Policy => ("policy", paths.policy.map(|p| p.span())),
    };
    let Some(span) = span else {
        return error;
    };
    // The file as this machine found it: the whole path, whatever the current folder.
    let path = match named {
        RuleRef::File(p) => tidy_path(&std::path::absolute(p).unwrap_or_else(|_| p.clone()))
            .display()
            .to_string(),
        shipped => shipped.shown(),
    };
    let written = written.display().to_string();
    let at_field = |problem: RoundProblem| src.problem(&span, FieldPath::from(field), problem);
    match error {
        LoadError::Io { source, .. } => LoadError::Invalid(Diagnostics(vec![at_field(
            RoundProblem::RuleFileUnreadable {
                rule,
                path,
                written,
                shipped: crate::rules::shipped::ids(rule),
                cause: IoCause::of(&source),
                reason: source.to_string(),
            },
        )])),
        LoadError::Invalid(Diagnostics(mut problems)) => {
            problems.push(at_field(RoundProblem::RuleFileInvalid {
                rule,
                written,
                path,
                problems: problems.len(),
            }));
            LoadError::Invalid(Diagnostics(problems).sorted())
        }
    }
}

/// The refusal of a round whose year the criteria set does not cover, located at the
/// `criteria` field of `round.toml` (the file that chose the set for that year).
fn outside_effect_error(
    shown: &Path,
    real: &Path,
    outside: &crate::rules::criteria::OutsideEffect,
) -> RoundError {
    let settings = shown.join("round.toml");
    let problem = RoundProblem::OutsideEffect {
        criteria: outside.criteria.clone(),
        effective: outside.effective,
        until: outside.until,
        year: outside.year,
    };
    let located = read(&real.join("round.toml")).ok().and_then(|(text, _)| {
        let paths = toml::from_str::<RulePaths>(&text).ok()?;
        Some(Source::new(&settings, &text).problem(
            &paths.criteria.span(),
            FieldPath::from("criteria"),
            problem.clone(),
        ))
    });
    RoundError::OutsideEffect(Box::new(located.unwrap_or_else(|| {
        Diagnostic::new(&settings, (1, 1), FieldPath::from("criteria"), problem)
    })))
}

/// Every `.toml` file of the folder `real` but `round.toml`, sorted by name, each with its name
/// in the folder `shown`, and a located problem for every entry that looks like evidence but
/// cannot be read as such: it is said, not skipped.
#[allow(clippy::type_complexity)]
fn evidence_files(
    real: &Path,
    shown: &Path,
) -> Result<(Vec<(PathBuf, PathBuf)>, Vec<Diagnostic>), RoundError> {
    let folder = |source| RoundError::Folder {
        dir: shown.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(real).map_err(folder)? {
        let entry = entry.map_err(folder)?;
        let path = entry.path();
        let Some(ext) = path.extension() else {
            continue;
        };
        if !ext.eq_ignore_ascii_case("toml") || path.file_name().is_some_and(|n| n == "round.toml")
        {
            continue;
        }
        let named = shown.join(entry.file_name());
        let problem: Option<crate::base::diag::Problem> = if ext != "toml" {
            Some(RoundProblem::UpperCaseExtension.into())
        } else if entry.file_type().is_ok_and(|t| t.is_file()) {
            // The folder's listing says so (no link to follow): no need to ask the file system
            // once more for each of a round's thousands of files.
            None
        } else {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => None,
                Ok(m) if m.is_dir() => Some(RoundProblem::FolderNamedLikeEvidence.into()),
                Ok(_) => Some(RoundProblem::NotRegularFile.into()),
                Err(e) if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink()) => Some(
                    RoundProblem::BrokenLink {
                        cause: IoCause::of(&e),
                        reason: e.to_string(),
                    }
                    .into(),
                ),
                Err(e) => Some(FileProblem::unreadable(&e).into()),
            }
        };
        match problem {
            Some(problem) => problems.push(whole_file(&named, problem)),
            None => files.push((path, named)),
        }
    }
    files.sort();
    Ok((files, problems))
}

/// Two files claiming one code: neither can be trusted, so both are refused.
fn reject_duplicate_codes(units: &mut Vec<Evidence>, errors: &mut Vec<Diagnostic>) {
    let mut by_code: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for ev in units.iter() {
        by_code
            .entry(ev.unit().code.clone())
            .or_default()
            .push(ev.source().to_path_buf());
    }
    units.retain(|ev| {
        let files = &by_code[&ev.unit().code];
        if files.len() == 1 {
            return true;
        }
        let others: Vec<String> = files
            .iter()
            .filter(|f| *f != ev.source())
            .map(|f| f.display().to_string())
            .collect();
        let (line, column) = ev.code_position();
        errors.push(Diagnostic::new(
            ev.source(),
            (line, column),
            FieldPath::from("unit.code"),
            RoundProblem::DuplicateCode {
                code: ev.unit().code.clone(),
                others,
            },
        ));
        false
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_path_removes_parent_steps_lexically() {
        assert_eq!(
            tidy_path(Path::new(
                "fixtures/son-ha-2024/../../criteria/qd-06-2019.toml"
            )),
            PathBuf::from("criteria/qd-06-2019.toml")
        );
        assert_eq!(tidy_path(Path::new("../x/./y")), PathBuf::from("../x/y"));
    }
}
