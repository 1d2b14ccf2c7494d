//! The round's results as one document: what `--format json` prints and `results.json` holds.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;
use crate::base::diag::{Diagnostic, FieldPath, RoundProblem};
use crate::evaluate::decide::UnitResult;
use crate::evaluate::round::{Evaluated, Round};
use crate::evaluate::rules_section::RulesSection;
use crate::rules::criteria::{FileHash, OutsideEffect};

/// The notice every output made from illustrative data carries.
pub const SYNTHETIC_NOTICE: &str =
    "DỮ LIỆU MINH HỌA — illustrative data: the figures are not real and decide nothing";

/// The engine that produced a result, for provenance.
pub const ENGINE: &str = concat!("cfc ", env!("CARGO_PKG_VERSION"));

/// The round part of the results document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct RoundInfo {
    /// The round's title.
    pub name: String,
    /// The round folder, as it was given when evaluating (what `cfc verify` re-reads).
    #[serde(default)]
    pub dir: String,
    /// The year evaluated.
    pub year: u16,
    /// Criteria set id.
    pub criteria: String,
    /// Policy id, if any.
    pub policy: Option<String>,
    /// Criteria set title (Vietnamese).
    pub criteria_title: String,
    /// Legal basis of the criteria set.
    pub legal_basis: String,
    /// Legal basis of the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_basis: Option<String>,
    /// The authority that recognises.
    pub authority: String,
    /// The assessment council.
    pub council: String,
    /// Place of the decision.
    pub place: String,
    /// Date of the decision.
    pub decision_date: Date,
    /// The rule files (criteria TOML, scripts, policy) with their SHA-256.
    pub files: Vec<FileHash>,
    /// Provisional rules of the criteria set: never law until confirmed.
    pub provisional_rules: Vec<String>,
    /// The classes of unit with their labels and thresholds.
    #[serde(default)]
    pub classes: Vec<crate::rules::criteria::Class>,
    /// Set when any unit's evidence is illustrative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// Set when the round's year lies outside the criteria set's period in force and it was
    /// evaluated anyway, on request ([`crate::evaluate::round::RoundOptions::outside_effect`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_effect: Option<OutsideEffect>,
    /// Engine name and version.
    pub engine: String,
}

/// Results of a whole round.
///
/// Serialised, it is the results document in format 2 (`crate::evaluate::document`): what is
/// the same for every unit once in `rules`, each unit's own trace lean; deserialising reads
/// format 2 and format 1 (every unit's trace whole) alike.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RoundReport {
    /// The round.
    pub round: RoundInfo,
    /// What is the same for every unit: criteria and indicators with their maxima, statuses,
    /// references and reads, the rows their rules can apply, the derived counts, labels.
    pub rules: RulesSection,
    /// One result per evaluated unit, ordered by code.
    pub units: Vec<UnitResult>,
    /// Every problem found, sorted by file and line.
    pub errors: Vec<Diagnostic>,
    /// What the analysis of the rules and of `round.toml` found that may not be meant (the
    /// round's [`crate::Round::warnings`]): said, not refused. Empty for most rounds.
    pub warnings: Vec<Diagnostic>,
    /// The PDF documents written with these results, with their SHA-256 (empty when none were
    /// written), so that a later check can tell a dossier from another version of it.
    pub dossiers: Vec<DossierRecord>,
    /// The other files of the output folder (`results.csv`, `results.xlsx`) with their
    /// SHA-256, recorded by `output::write_round` (features `pdf` and `xlsx`) so that
    /// `cfc verify` can tell a changed file; empty when the results were only printed.
    pub outputs: Vec<OutputRecord>,
    /// The round's settings file (`round.toml`: decision date, authority, place, council and
    /// titles printed in the dossiers) with its SHA-256, recorded with an output folder.
    pub settings: Option<FileHash>,
}

/// A file of the output folder other than a PDF.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct OutputRecord {
    /// The file name, in the same folder as `results.json`.
    pub file: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
}

/// A PDF written with the results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct DossierRecord {
    /// The unit; absent for the round's summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The file name, in the same folder as `results.json`.
    pub file: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
}

impl RoundReport {
    /// Gathers a round's results into the document.
    pub fn new(round: &Round, evaluated: Evaluated) -> RoundReport {
        let mut report = RoundReport::without_units(round, evaluated.errors, &evaluated.failures);
        report.units = evaluated.results;
        report
    }

    /// The document of a round without its units: the round, the rules, and the errors —
    /// `errors` (the evidence's problems) and the units whose evaluation failed, sorted. What a
    /// writer that streams the units as they are evaluated needs before and after them
    /// ([`crate::render::evaluate_to_json`]).
    pub fn without_units(
        round: &Round,
        mut errors: Vec<Diagnostic>,
        failures: &[(String, crate::evaluate::evaluator::EvalError)],
    ) -> RoundReport {
        let set = round.evaluator.criteria();
        let policy = round.evaluator.policy();
        let mut files = set.files().to_vec();
        files.extend(policy.map(|p| p.files().to_vec()).unwrap_or_default());
        errors.extend(failures.iter().map(|(code, e)| {
            Diagnostic::new(
                round.dir.join("round.toml"),
                (1, 1),
                FieldPath::whole_file(),
                RoundProblem::NotEvaluated {
                    unit: code.clone(),
                    cause: e.clone(),
                },
            )
        }));
        errors.sort();
        let s = &round.settings;
        RoundReport {
            round: RoundInfo {
                name: s.name.clone(),
                dir: crate::evaluate::round::tidy_path(&round.dir)
                    .display()
                    .to_string(),
                year: s.year,
                criteria: set.id().to_string(),
                policy: policy.map(|p| p.id().to_string()),
                criteria_title: set.title().vi.clone(),
                legal_basis: set.legal_basis().to_string(),
                policy_basis: policy.map(|p| p.legal_basis().to_string()),
                authority: s.authority.clone(),
                council: s.council.clone(),
                place: s.place.clone(),
                decision_date: s.decision_date,
                files,
                provisional_rules: set
                    .provisional_rules()
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                classes: set.classes().to_vec(),
                // From the evidence, known before any unit is evaluated.
                notice: round
                    .units
                    .iter()
                    .any(|ev| ev.unit().synthetic)
                    .then(|| SYNTHETIC_NOTICE.to_string()),
                outside_effect: round.outside_effect(),
                engine: ENGINE.to_string(),
            },
            rules: RulesSection::of(set, policy),
            units: Vec::new(),
            errors,
            warnings: round.warnings.clone(),
            dossiers: Vec::new(),
            outputs: Vec::new(),
            settings: None,
        }
    }

    /// Recognised and not recognised counts.
    pub fn counts(&self) -> (usize, usize) {
        let yes = self.units.iter().filter(|u| u.recognised).count();
        (yes, self.units.len() - yes)
    }
}
