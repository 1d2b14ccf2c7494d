//! EvidenceProblem in words.

use crate::diag::EvidenceProblem;
use crate::lang::Lang;

pub(super) fn render(p: &EvidenceProblem, _lang: Lang) -> String {
    match *p {}
}
