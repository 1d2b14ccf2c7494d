//! RoundProblem in words.

use crate::diag::RoundProblem;
use crate::lang::Lang;

pub(super) fn render(p: &RoundProblem, _lang: Lang) -> String {
    match *p {}
}
