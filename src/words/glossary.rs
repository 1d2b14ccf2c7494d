//! The council's nouns and the phrases `words` says in more than one place, each written one
//! way in each language. A table header, a dossier, the council's screen and a workbook name
//! the same thing with the same word because they take it from here; changing a word is one
//! change, and a misspelt term is a compile error, not a second spelling.

use crate::base::lang::Lang;

/// A term of the glossary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Term {
    /// Mã: a unit's administrative code, as a header.
    Code,
    /// Đơn vị: a commune-level unit, as a header.
    Unit,
    /// Nhóm: a class of unit (its threshold), as a header.
    Class,
    /// Điểm: points, as a header.
    Points,
    /// Tổng điểm: the total, as a header.
    TotalPoints,
    /// Ngưỡng: the threshold of a class.
    Threshold,
    /// Loại trừ: the disqualifiers that held, as a short header.
    Disqualifiers,
    /// Điều kiện loại trừ: the local disqualifiers, as a heading.
    DisqualifierConditions,
    /// Kết quả: the decision, as a header.
    Result,
    /// Chỉ tiêu: an indicator of a criterion, as a header.
    Indicator,
    /// đạt: a criterion met.
    Met,
    /// không đạt: a criterion not met.
    NotMet,
    /// công nhận: recognised.
    Recognised,
    /// không công nhận: not recognised.
    NotRecognised,
    /// DỮ LIỆU MINH HỌA: the mark of illustrative data.
    Illustrative,
    /// kỳ đánh giá: the evaluation period.
    EvaluationPeriod,
    /// có: yes, in a sentence.
    Yes,
    /// Tử vong: whether an incident was fatal, as a header.
    Fatal,
    /// Có kế hoạch hỗ trợ: whether an incident's support plan was approved, as a header.
    SupportPlan,
    /// Có hoặc Không: what a yes/no cell takes.
    YesOrNo,
    /// true hoặc false: what a yes/no value of a TOML file takes.
    TrueOrFalse,
    /// một số nguyên ≥ 0: a whole number.
    WholeNumber,
    /// một số thập phân: a decimal number.
    DecimalNumber,
    /// cần: what was expected.
    Expected,
    /// cần một trong: one of a list was expected.
    ExpectedOneOf,
    /// không đọc được tệp: a file that cannot be read.
    CannotReadFile,
}

impl Term {
    /// In Vietnamese.
    pub(crate) const fn vi(self) -> &'static str {
        self.both().0
    }

    /// In English.
    pub(crate) const fn en(self) -> &'static str {
        self.both().1
    }

    /// In a language.
    pub(crate) fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.vi(), self.en())
    }

    const fn both(self) -> (&'static str, &'static str) {
        match self {
            Term::Code => ("Mã", "Code"),
            Term::Unit => ("Đơn vị", "Unit"),
            Term::Class => ("Nhóm", "Class"),
            Term::Points => ("Điểm", "Points"),
            Term::TotalPoints => ("Tổng điểm", "Total"),
            Term::Threshold => ("Ngưỡng", "Threshold"),
            Term::Disqualifiers => ("Loại trừ", "Disqualifiers"),
            Term::DisqualifierConditions => ("Điều kiện loại trừ", "Disqualifiers"),
            Term::Result => ("Kết quả", "Result"),
            Term::Indicator => ("Chỉ tiêu", "Indicator"),
            Term::Met => ("đạt", "met"),
            Term::NotMet => ("không đạt", "not met"),
            Term::Recognised => ("công nhận", "recognised"),
            Term::NotRecognised => ("không công nhận", "not recognised"),
            Term::Illustrative => ("DỮ LIỆU MINH HỌA", "ILLUSTRATIVE DATA"),
            Term::EvaluationPeriod => ("kỳ đánh giá", "the evaluation period"),
            Term::Yes => ("có", "yes"),
            Term::Fatal => ("Tử vong", "Fatal"),
            Term::SupportPlan => ("Có kế hoạch hỗ trợ", "Support plan approved"),
            Term::YesOrNo => ("Có hoặc Không", "Yes or No"),
            Term::TrueOrFalse => ("true hoặc false", "true or false"),
            Term::WholeNumber => ("một số nguyên ≥ 0", "a whole number ≥ 0"),
            Term::DecimalNumber => ("một số thập phân", "a decimal number"),
            Term::Expected => ("cần", "expected"),
            Term::ExpectedOneOf => ("cần một trong", "expected one of"),
            Term::CannotReadFile => ("không đọc được tệp", "cannot read the file"),
        }
    }
}
