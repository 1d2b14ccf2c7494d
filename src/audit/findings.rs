//! What `cfc verify` finds in an output folder, as data: [`crate::words`] says it, in the
//! reader's language.

use crate::base::points::Points;

/// A round setting printed in the dossiers and the results, by the name `round.toml` gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// `name`.
    Name,
    /// `year`.
    Year,
    /// `authority`.
    Authority,
    /// `council`.
    Council,
    /// `place`.
    Place,
    /// `decision_date`.
    DecisionDate,
}

/// Which part of `results.json` differs from what evaluating the same files gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The round's details.
    Round,
    /// The units' results.
    Units,
    /// The list of problems.
    Errors,
    /// Nothing but the layout of the document.
    Layout,
}

/// One difference between an output folder and what its files give now, or a note about how it
/// was verified ([`Finding::is_note`]). Its words are [`crate::words::audit::finding`]'s.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// `results.json` cannot be read or is not a results document.
    ResultsUnreadable {
        /// The file.
        file: String,
        /// The reader's or the system's error.
        detail: String,
    },
    /// The results were made by another version of cfc; they are compared all the same (a
    /// note: results this engine gives again, byte for byte, still stand).
    OtherEngine {
        /// The engine `results.json` records.
        recorded: String,
    },
    /// A rule file recorded is missing.
    RuleFileMissing {
        /// Its path.
        path: String,
    },
    /// The round's settings file cannot be read.
    SettingsUnreadable {
        /// Its path.
        path: String,
        /// The system's error.
        detail: String,
    },
    /// A rule file changed, when the round cannot be evaluated again to say what it changes.
    RuleFileChanged {
        /// Its path.
        path: String,
    },
    /// The round cannot be evaluated again.
    RoundNotEvaluable {
        /// The round folder.
        dir: String,
        /// Why.
        detail: String,
    },
    /// A setting changed in the round's settings file.
    SettingChanged {
        /// The settings file.
        file: String,
        /// The setting.
        setting: Setting,
        /// Its recorded value.
        was: String,
        /// Its value now.
        is: String,
    },
    /// A setting recorded in `results.json` differs from the unchanged settings file.
    SettingChangedInResults {
        /// The settings file.
        file: String,
        /// The setting.
        setting: Setting,
        /// Its recorded value.
        was: String,
        /// Its value in the file.
        is: String,
    },
    /// The settings file changed, but no setting shown in the results.
    SettingsFileChanged {
        /// The settings file.
        file: String,
    },
    /// A unit of the results is no longer evaluated.
    UnitGone {
        /// Its code.
        code: String,
        /// Its name.
        name: String,
    },
    /// A unit's evidence file changed.
    EvidenceChanged {
        /// The unit's code.
        code: String,
        /// The evidence file.
        file: String,
    },
    /// A recorded result differs from a re-evaluation of unchanged files.
    ResultAltered {
        /// The unit's code.
        code: String,
        /// The recorded total.
        total_was: Points,
        /// The total now.
        total_now: Points,
        /// The recorded decision.
        recognised_was: bool,
        /// The decision now.
        recognised_now: bool,
    },
    /// A criteria script changed, and which results it changes.
    ScriptChanged {
        /// The script.
        path: String,
        /// Each criterion it moves, with the number of units whose points move.
        impact: Vec<(String, usize)>,
    },
    /// A rule file changed, and no result would change.
    RuleFileChangedNoEffect {
        /// Its path.
        path: String,
    },
    /// A unit evaluated now was not in the results.
    UnitNew {
        /// Its code.
        code: String,
        /// Its name.
        name: String,
    },
    /// `results.json` is not what evaluating the same files gives.
    ResultsChanged {
        /// Where it differs.
        part: Part,
    },
    /// A results file is as written, but `results.json`'s content no longer gives it.
    NoLongerGives {
        /// The results file.
        file: String,
    },
    /// The hash `results.json` records for a file was changed.
    RecordedHashChanged {
        /// The file.
        file: String,
    },
    /// `results.json` names a file outside the output folder.
    NotInFolder {
        /// The name it gives.
        file: String,
    },
    /// A dossier or results file is missing.
    OutputMissing {
        /// The file.
        file: String,
        /// Whether it is a dossier (else a results file).
        dossier: bool,
    },
    /// A dossier or results file cannot be read.
    OutputUnreadable {
        /// The file.
        file: String,
        /// Whether it is a dossier.
        dossier: bool,
        /// The system's error.
        detail: String,
    },
    /// A dossier or results file changed since evaluation.
    OutputChanged {
        /// The file.
        file: String,
        /// Whether it is a dossier.
        dossier: bool,
    },
    /// The folder was written before output folders carried copies of their inputs: the
    /// inputs are read where they were, from the current folder (a note).
    PredatesCopies,
    /// `manifest.json` cannot be read or is not a manifest: the copies cannot be found.
    ManifestUnreadable {
        /// The reader's or the system's error.
        detail: String,
    },
    /// A file is as `results.json` records it, but not as `manifest.json` does: the manifest
    /// was changed.
    ManifestChanged {
        /// The file, in the folder.
        file: String,
    },
    /// `manifest.json` names a file outside the output folder.
    ManifestNamesOutside {
        /// The name it gives.
        file: String,
    },
    /// A file of the folder that `manifest.json` does not list: cfc did not write it.
    NotListed {
        /// The file, in the folder.
        file: String,
    },
    /// The copy of an input that no result records (an evidence file with errors) is missing
    /// or changed.
    CopyChanged {
        /// The copy, in the folder.
        file: String,
        /// The file it is a copy of, as results name it.
        of: String,
    },
    /// The zip cannot be read.
    ZipUnreadable {
        /// The reader's or the system's error.
        detail: String,
    },
    /// An entry of the zip would be written outside the folder, or is a link: nothing of the
    /// zip is read.
    ZipEntryRefused {
        /// The entry's name.
        entry: String,
    },
    /// The zip expands to more than an output folder can hold.
    ZipTooLarge {
        /// The bound, in bytes.
        max: u64,
    },
    /// The zip holds no `results.json`, at its root or in its one folder.
    ZipNoResults,
}

impl Finding {
    /// Whether this says how the folder was verified rather than a difference: the results
    /// stand when every finding is a note.
    pub fn is_note(&self) -> bool {
        matches!(self, Finding::OtherEngine { .. } | Finding::PredatesCopies)
    }
}
