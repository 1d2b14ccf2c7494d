//! WorkbookProblem in words.

use crate::diag::WorkbookProblem;
use crate::lang::Lang;

pub(super) fn render(p: &WorkbookProblem, _lang: Lang) -> String {
    match *p {}
}
