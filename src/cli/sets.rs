//! `cfc sets`: the criteria sets and policies shipped inside cfc.

use crate::Lang;
use crate::diag::RuleFile;
use crate::rules::shipped::{self, RuleRef};
use crate::words::cli as words;

use super::common::{Status, print, report_problems};

pub(crate) fn run(lang: Lang) -> Status {
    let mut text = format!("{}\n", words::sets_head(lang));
    for s in shipped::all() {
        let named = RuleRef::Shipped(*s);
        let line = match s.kind {
            RuleFile::Criteria => match crate::CriteriaSet::open(&named) {
                Ok(set) => words::shipped_set(
                    s.id,
                    set.title().get(lang),
                    (set.effective(), set.until()),
                    s.file,
                    lang,
                ),
                Err(e) => {
                    report_problems(&e.diagnostics(), lang);
                    return Status::RuleErrors;
                }
            },
            // A policy is compiled against the set it names, which ships beside it.
            _ => match policy_of(s) {
                Ok((policy, criteria)) => {
                    words::shipped_policy(s.id, policy.title().get(lang), &criteria, s.file, lang)
                }
                Err(problems) => {
                    report_problems(&problems, lang);
                    return Status::RuleErrors;
                }
            },
        };
        text += &line;
        text.push('\n');
    }
    print(&text, false, lang).err().unwrap_or(Status::Ok)
}

/// A shipped policy, loaded against the shipped set it is written for (the first that takes
/// it), with that set's id; else the problems it has against the first set.
fn policy_of(s: &shipped::Shipped) -> Result<(crate::Policy, String), Vec<crate::Diagnostic>> {
    let mut problems = Vec::new();
    for c in shipped::all()
        .iter()
        .filter(|c| c.kind == RuleFile::Criteria)
    {
        let set = crate::CriteriaSet::open(&RuleRef::Shipped(*c)).map_err(|e| e.diagnostics())?;
        match crate::Policy::open(&RuleRef::Shipped(*s), &set) {
            Ok(policy) => return Ok((policy, set.id().to_string())),
            Err(e) if problems.is_empty() => problems = e.diagnostics(),
            Err(_) => {}
        }
    }
    Err(problems)
}
