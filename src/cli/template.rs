//! `cfc template`.

use std::path::Path;

use cfc::CriteriaSet;
use cfc::criteria::InputType;
use cfc::evidence::UnitKind;

use super::{Status, report_problems};

/// The constraints of an input, in words, for the comment above it.
fn constraints(set: &CriteriaSet, input: &cfc::criteria::Input) -> String {
    let mut words = vec![input.ty.expected().to_string()];
    if input.ty.is_decimal() {
        let range = if input.unbounded_above() {
            format!("≥ {}", input.lowest())
        } else {
            format!("from {} to {}", input.lowest(), input.highest())
        };
        let digits = input.decimals.unwrap_or(0);
        let plural = if digits == 1 { "" } else { "s" };
        words.push(format!(
            "{range}, at most {digits} digit{plural} after the point"
        ));
    } else {
        if let Some(min) = input.min {
            words.push(format!("at least {min}"));
        }
        if let Some(max) = input.max {
            words.push(format!("at most {max}"));
        }
    }
    let name_of = |n: &str| match set.derived().iter().find(|d| d.name == n) {
        Some(d) => format!("the {} incidents of the period ({})", d.name, d.label.vi),
        None => n.to_string(),
    };
    if let Some(w) = &input.at_most {
        words.push(format!("at most {}", name_of(w)));
    }
    if let Some(w) = &input.at_least {
        words.push(format!("at least {}", name_of(w)));
    }
    words.join("; ")
}

/// The number a blank count starts at: its `min` (and that of an input it may not be below),
/// so that a template whose code and name are filled in already passes validation.
fn placeholder(set: &CriteriaSet, input: &cfc::criteria::Input) -> rust_decimal::Decimal {
    let floor = input
        .at_least
        .as_deref()
        .and_then(|n| set.input_index(n))
        .map(|i| set.inputs()[i].lowest());
    let mut at = input.lowest().max(floor.unwrap_or_default());
    // A decimal starts with its declared digits (`0.0`), so the file shows what to write.
    at.rescale(input.decimals.unwrap_or(0));
    at
}

/// The `class = …` line of a template: the first class a unit of `kind` may take, and every
/// class with its threshold (and the kinds it is restricted to) in the comment.
pub(crate) fn class_line(set: &CriteriaSet, kind: Option<&UnitKind>) -> String {
    let classes: Vec<String> = set
        .classes()
        .iter()
        .map(|c| match &c.kinds {
            None => format!("{} ({})", c.id, c.threshold),
            Some(kinds) => {
                let kinds: Vec<&str> = kinds.iter().map(UnitKind::id).collect();
                format!("{} ({}; {} only)", c.id, c.threshold, kinds.join(", "))
            }
        })
        .collect();
    let first = set
        .classes()
        .iter()
        .find(|c| kind.is_none_or(|k| c.allows(k)))
        .map_or("", |c| c.id.as_str());
    let line = format!("class = \"{first}\"");
    format!("{line:<30} # {}\n", classes.join(" | "))
}

pub(crate) fn text(set: &CriteriaSet, year: u16) -> String {
    let mut out = format!(
        "# Evidence for one unit — criteria set {} ({})\n# {}\n# Fill in every value; keep the field names. No personal data: incidents carry an id,\n# a date, a kind and flags only — never a name, address or identity number.\n\n",
        set.id(),
        set.title().vi,
        set.legal_basis()
    );
    let kinds: Vec<&str> = set.unit_kinds().iter().map(|k| k.id.id()).collect();
    out += "[unit]\n";
    out += "code = \"\"                      # official administrative code, digits\n";
    out += "name = \"\"                      # e.g. \"Sơn Thượng\"\n";
    let kind_line = format!("kind = \"{}\"", kinds.first().copied().unwrap_or_default());
    out += &format!("{kind_line:<30} # {}\n", kinds.join(" | "));
    out += &class_line(set, set.unit_kinds().first().map(|k| &k.id));
    out += "synthetic = false               # true if the figures are illustrative\n\n";
    out += &format!(
        "[period]                        # both days inclusive, inside the round's year\nfrom = {year}-01-01\nto = {year}-12-31\n\n"
    );
    out += "[inputs]\n";
    for input in set.inputs() {
        let unit = input
            .unit
            .as_ref()
            .map(|u| format!(" ({})", u.vi))
            .unwrap_or_default();
        out += &format!("# {}{unit} — {}\n", input.label.vi, constraints(set, input));
        let placeholder = match input.ty {
            InputType::Bool => "false".to_string(),
            _ => placeholder(set, input).to_string(),
        };
        out += &format!("{} = {placeholder}\n", input.name);
    }
    let incident_kinds: Vec<&str> = set.incident_kinds().iter().map(|k| k.id.id()).collect();
    let kind_line = format!(
        "# kind = \"{}\"",
        incident_kinds.first().copied().unwrap_or_default()
    );
    out += &format!(
        "\n# The incident register: one [[incidents]] table per incident of the year, or none.\n\
         # [[incidents]]\n\
         # id = \"XX-{year}-01\"             # unique in this file\n\
         # date = {year}-07-02\n\
         {kind_line:<33} # {}\n\
         # fatal = false\n\
         # support_plan_approved = false\n\
         # note = \"\"                      # optional; never a person's name\n",
        incident_kinds.join(" | ")
    );
    out
}

pub(crate) fn run(criteria: &Path, year: Option<u16>, lang: cfc::Lang) -> Status {
    match CriteriaSet::load(criteria) {
        Ok(set) => {
            let year = year.unwrap_or_else(current_year);
            match super::print(&text(&set, year), false, lang) {
                Ok(()) => Status::Ok,
                Err(status) => status,
            }
        }
        Err(e) => {
            report_problems(&e.diagnostics(), lang);
            Status::RuleErrors
        }
    }
}

/// The current year, only to pre-fill a template's period.
fn current_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // 365.2425 days a year on average; exact enough to name the year.
    (1970 + secs / 31_556_952) as u16
}

/// `cfc template --xlsx`: the workbook, optionally pre-filled from a round.
#[expect(
    clippy::too_many_arguments,
    reason = "one per flag of `cfc template --xlsx`, each passed through from clap"
)]
pub(crate) fn run_xlsx(
    criteria: &Path,
    year: Option<u16>,
    out: &Path,
    round: bool,
    from: Option<(&Path, super::Open)>,
    unit: Option<&str>,
    force: bool,
    lang: cfc::Lang,
) -> Status {
    use cfc::xlsx::{Layout, Prefill, TemplateOptions};

    let set = match CriteriaSet::load(criteria) {
        Ok(set) => set,
        Err(e) => {
            report_problems(&e.diagnostics(), lang);
            return Status::RuleErrors;
        }
    };
    let mut status = Status::Ok;
    // A round's evaluator holds the set extended by its policy: its workbooks offer the
    // policy's incident kinds too.
    let mut vocabulary = None;
    let prefill = match from {
        None => Prefill::default(),
        Some((dir, open)) => match super::open_round(dir, open, lang) {
            Ok(r) if r.evaluator.criteria().id() != set.id() => {
                eprintln!(
                    "{}: the round uses criteria set {}, not {}",
                    dir.display(),
                    r.evaluator.criteria().id(),
                    set.id()
                );
                return Status::RuleErrors;
            }
            Ok(r) => {
                if !r.errors.is_empty() {
                    report_problems(&r.errors, lang);
                    eprintln!("those units are left out of the workbook");
                    status = Status::InputErrors;
                }
                vocabulary = Some(r.evaluator.criteria().clone());
                Prefill {
                    settings: Some(r.settings),
                    units: r.units,
                }
            }
            Err(status) => return status,
        },
    };
    let year = year
        .or(prefill.settings.as_ref().map(|s| s.year))
        .unwrap_or_else(current_year);
    let opts = |layout, units: Vec<cfc::Evidence>| TemplateOptions {
        layout,
        year,
        criteria_path: criteria.display().to_string(),
        prefill: Prefill {
            settings: prefill.settings.clone(),
            units,
        },
    };
    // (file, options) for every workbook to write.
    let jobs: Vec<(std::path::PathBuf, TemplateOptions)> = if round {
        vec![(
            out.to_path_buf(),
            opts(Layout::Round, prefill.units.clone()),
        )]
    } else if let Some(code) = unit {
        match prefill.units.iter().find(|e| e.unit().code == code) {
            Some(ev) => vec![(out.to_path_buf(), opts(Layout::Unit, vec![ev.clone()]))],
            None => {
                eprintln!("no unit with code {code} in the round");
                return Status::RuleErrors;
            }
        }
    } else if from.is_some() {
        let mut jobs = Vec::new();
        for ev in &prefill.units {
            let unit = ev.unit();
            match cfc::xlsx::unit_file_name(&unit.code, &unit.name, "xlsx") {
                Some(name) => jobs.push((out.join(name), opts(Layout::Unit, vec![ev.clone()]))),
                None => {
                    eprintln!(
                        "unit {}: a code of more than {} digits cannot name a workbook",
                        unit.code,
                        cfc::xlsx::MAX_CODE_LEN
                    );
                    return Status::RuleErrors;
                }
            }
        }
        jobs
    } else {
        vec![(out.to_path_buf(), opts(Layout::Unit, Vec::new()))]
    };
    // Every target checked and every workbook made before any is written.
    let mut refused: Vec<String> = jobs
        .iter()
        .filter_map(|(path, _)| super::import::overwrite_refused(path, force))
        .collect();
    let mut targets = std::collections::BTreeSet::new();
    for (path, _) in &jobs {
        if !targets.insert(path) {
            refused.push(format!("{} would be written twice", path.display()));
        }
    }
    if !refused.is_empty() {
        for r in refused {
            eprintln!("{r}");
        }
        eprintln!("no workbook written");
        return Status::RuleErrors;
    }
    let set = vocabulary.unwrap_or(set);
    let mut books = Vec::new();
    for (path, opts) in &jobs {
        match cfc::xlsx::template_in(&set, opts, lang) {
            Ok(bytes) => books.push((path.as_path(), bytes)),
            Err(e) => {
                eprintln!("{}: cannot make the workbook: {e}", path.display());
                return Status::RuleErrors;
            }
        }
    }
    if from.is_some()
        && unit.is_none()
        && !round
        && let Err(e) = std::fs::create_dir_all(out)
    {
        eprintln!("{}: cannot create the folder: {e}", out.display());
        return Status::RuleErrors;
    }
    let files: Vec<(&Path, &[u8])> = books.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    if let Err(e) = cfc::output::write_all_atomic(&files) {
        eprintln!("{}: cannot write the workbooks: {e}", out.display());
        return Status::RuleErrors;
    }
    for (path, _) in &books {
        eprintln!("wrote {}", path.display());
    }
    status
}
