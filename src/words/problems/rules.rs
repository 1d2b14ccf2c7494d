//! RulesProblem in words.

use crate::diag::RulesProblem;
use crate::lang::Lang;

pub(super) fn render(p: &RulesProblem, _lang: Lang) -> String {
    match *p {}
}
