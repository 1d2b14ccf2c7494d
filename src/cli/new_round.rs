//! `cfc new-round`: a round folder for one province from the official list of units —
//! `round.toml` and one evidence skeleton per unit, or the round workbook with `--xlsx`.

use std::path::{Path, PathBuf};

use crate::diag::RuleFile;
use crate::rules::shipped::RuleRef;
use crate::rules::travel;
use crate::units::{FIRST_YEAR, OfficialList, OfficialUnit, Province};
use crate::words::cli as words;
use crate::xlsx::{Layout, Prefill, TemplateOptions};
use crate::{CriteriaSet, Evidence, Lang, RoundSettings};

use super::common::{Status, report_problems, warn};

/// What `cfc new-round` was asked for.
pub(crate) struct Request<'a> {
    pub province: &'a str,
    pub year: u16,
    pub criteria: &'a Path,
    pub policy: Option<&'a Path>,
    pub out: &'a Path,
    pub xlsx: bool,
}

pub(crate) fn run(req: &Request, lang: Lang) -> Status {
    let list = OfficialList::embedded();
    let Some(province) = list.province(req.province) else {
        warn(&words::unknown_province(
            req.province,
            &list.in_force.to_string(),
            lang,
        ));
        return Status::RuleErrors;
    };
    if req.year < FIRST_YEAR {
        warn(&words::year_before_list(
            req.year,
            FIRST_YEAR,
            &list.in_force.to_string(),
            lang,
        ));
        return Status::RuleErrors;
    }
    let set = match super::common::load_criteria(req.criteria, lang) {
        Ok(set) => set,
        Err(status) => return status,
    };
    let policy = match req
        .policy
        .map(|p| super::common::load_policy(p, &set, lang))
        .transpose()
    {
        Ok(policy) => policy,
        Err(status) => return status,
    };
    // The folder names its rules by a shipped set's id or a path inside it, never a path of
    // this machine: a set that is not shipped is copied into it.
    let mut copies = Vec::new();
    let mut place = |rule: RuleFile, origin: RuleRef| match travel::place(&origin, rule, req.out) {
        Ok(placed) => {
            if !matches!(origin, RuleRef::Shipped(_)) && !placed.copies.is_empty() {
                warn(&words::copied_rules(rule, &placed.written, lang));
            }
            copies.extend(
                placed
                    .copies
                    .into_iter()
                    .map(|(path, bytes)| (req.out.join(path), bytes)),
            );
            Ok(placed.written)
        }
        Err(e) => {
            warn(&words::not_placed(rule, &e, lang));
            Err(Status::RuleErrors)
        }
    };
    let written = match (
        place(RuleFile::Criteria, set.origin()),
        policy
            .as_ref()
            .map(|p| place(RuleFile::Policy, p.origin()))
            .transpose(),
    ) {
        (Ok(criteria), Ok(policy)) => (criteria, policy),
        (Err(status), _) | (_, Err(status)) => return status,
    };
    let round_toml = round_toml(
        req,
        &set,
        province,
        (&written.0, written.1.as_deref()),
        lang,
    );
    // Every skeleton is validated before anything is written: a template the engine itself
    // would refuse must not reach the communes.
    let mut skeletons = Vec::new();
    for unit in &province.units {
        let Some(name) = crate::xlsx::unit_file_name(&unit.code, unit.short_name(), "toml") else {
            warn(&words::code_not_a_file_name(false, &unit.code, lang));
            return Status::RuleErrors;
        };
        let path = req.out.join(name);
        let text = skeleton(&set, req.year, unit, province, lang);
        match Evidence::parse(&path, &text, &set, Some(req.year)) {
            Ok(ev) => skeletons.push((path, text, ev)),
            Err(d) => {
                warn(&words::skeleton_invalid(&unit.code, lang));
                report_problems(&d.0, lang);
                return Status::RuleErrors;
            }
        }
    }
    let settings: RoundSettings = match toml::from_str(&round_toml) {
        Ok(s) => s,
        Err(e) => {
            warn(&words::round_toml_invalid(&e.to_string(), lang));
            return Status::RuleErrors;
        }
    };
    let files: Vec<(PathBuf, Vec<u8>)> = if req.xlsx {
        let Some(name) = crate::xlsx::unit_file_name(&province.code, province.short_name(), "xlsx")
        else {
            warn(&words::code_not_a_file_name(true, &province.code, lang));
            return Status::RuleErrors;
        };
        let opts = TemplateOptions {
            layout: Layout::Round,
            year: req.year,
            criteria_path: settings.criteria.display().to_string(),
            prefill: Prefill {
                settings: Some(settings),
                units: skeletons.into_iter().map(|(_, _, ev)| ev).collect(),
            },
        };
        match crate::xlsx::template(&set, &opts) {
            Ok(bytes) => std::iter::once((req.out.join(name), bytes))
                .chain(copies)
                .collect(),
            Err(e) => {
                warn(&words::workbook_failed(
                    &req.out.display().to_string(),
                    &e.to_string(),
                    lang,
                ));
                return Status::RuleErrors;
            }
        }
    } else {
        std::iter::once((req.out.join("round.toml"), round_toml.into_bytes()))
            .chain(skeletons.into_iter().map(|(p, t, _)| (p, t.into_bytes())))
            .chain(copies)
            .collect()
    };
    write_new(req.out, files, lang)
}

/// Writes the files that do not exist yet, all or none; an existing file is never replaced,
/// so that running the command again only adds what is missing.
fn write_new(out: &Path, files: Vec<(PathBuf, Vec<u8>)>, lang: Lang) -> Status {
    let (kept, new): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(p, _)| p.symlink_metadata().is_ok());
    for (path, _) in &kept {
        warn(&words::kept(&path.display().to_string(), lang));
    }
    // The folder, and the folders of the rules copied into it.
    let mut folders = std::iter::once(out).chain(new.iter().filter_map(|(p, _)| p.parent()));
    if let Err(e) = folders.try_for_each(std::fs::create_dir_all) {
        warn(&words::cannot_create(
            &out.display().to_string(),
            &crate::words::errors::io(&e, lang),
            lang,
        ));
        return Status::RuleErrors;
    }
    let refs: Vec<(&Path, &[u8])> = new
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    if let Err(e) = crate::output::write_all_atomic(&refs) {
        warn(&words::cannot_write_round(
            &out.display().to_string(),
            &crate::words::errors::io(&e, lang),
            lang,
        ));
        return Status::RuleErrors;
    }
    warn(&words::wrote_files(
        new.len(),
        &out.display().to_string(),
        kept.len(),
        lang,
    ));
    Status::Ok
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `round.toml`, with the province's authority and council as defaults to edit; the round and
/// its council are named after what the criteria set recognises; the rules as the folder names
/// them (`written`: the criteria set's, the policy's).
fn round_toml(
    req: &Request,
    set: &CriteriaSet,
    province: &Province,
    (criteria, policy): (&str, Option<&str>),
    lang: Lang,
) -> String {
    // "tỉnh Quảng Ngãi" / "thành phố Hà Nội" inside a sentence.
    let mut chars = province.name.chars();
    let lower: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    let mut out = crate::words::template::round(
        req.year,
        &province.name,
        province.units.len(),
        &OfficialList::embedded().in_force,
        lang,
    );
    out += &format!(
        "name = {title}\n\
         year = {year}\n\
         province = \"{code}\"\n\
         criteria = {criteria}\n",
        year = req.year,
        title = quoted(&format!("Đánh giá {} năm {}", set.subject().vi, req.year)),
        code = province.code,
        criteria = quoted(criteria),
    );
    if let Some(p) = policy {
        out += &format!("policy = {}\n", quoted(p));
    }
    out += &format!(
        "authority = {}\ncouncil = {}\nplace = {}\ndecision_date = {}-12-31\n",
        quoted(&format!("Ủy ban nhân dân {lower}")),
        quoted(&format!("Hội đồng đánh giá {} {lower}", set.subject().vi)),
        quoted(province.short_name()),
        req.year
    );
    out
}

/// The evidence template of `cfc template` with the unit's code, name and kind filled in
/// from the list, and the class marked as the council's to set.
fn skeleton(
    set: &CriteriaSet,
    year: u16,
    unit: &OfficialUnit,
    province: &Province,
    lang: Lang,
) -> String {
    let template = crate::render::evidence_template(set, year, lang);
    let mut out = crate::words::template::skeleton(
        &unit.name,
        &unit.code,
        &province.name,
        year,
        &OfficialList::embedded().in_force,
        lang,
    );
    let mut in_unit = false;
    for line in template.lines() {
        if line.starts_with('[') {
            in_unit = line.starts_with("[unit]");
        }
        let field = |key: &str| in_unit && line.starts_with(&format!("{key} ="));
        if field("code") {
            out += &format!("code = {}\n", quoted(&unit.code));
        } else if field("name") {
            out += &format!(
                "name = {}                # {}\n",
                quoted(unit.short_name()),
                unit.name
            );
        } else if field("kind") {
            out += &format!("kind = {}\n", quoted(unit.kind.id()));
        } else if field("class") {
            out += crate::words::template::class_for_council(lang);
            out += &crate::render::template::class_line(set, Some(&unit.kind), lang);
        } else {
            out += line;
            out.push('\n');
        }
    }
    out
}
