//! RoundProblem in words: what is wrong with a round folder, and what was expected.

use crate::base::diag::{RoundProblem, RuleFile};
use crate::base::lang::Lang;
use crate::words::format;

pub(super) fn render(p: &RoundProblem, lang: Lang) -> String {
    use RoundProblem as R;
    match p {
        R::DecisionBeforeYear { date, year } => lang.pick(
            format!(
                "ngày quyết định {} trước năm {year} của đợt đánh giá: một quyết định không thể có trước năm mà nó đánh giá, và khoảng thời gian tính ngược từ ngày quyết định sẽ xét nhầm năm; hãy sửa năm của ngày quyết định",
                format::date(*date, lang)
            ),
            format!(
                "the decision date {} is before the round's year {year}: a decision cannot precede the year it decides about, and windows counted back from it would look at the wrong year; correct its year",
                format::date(*date, lang)
            ),
        ),
        R::DecisionAfterYear { date, year } => lang.pick(
            format!(
                "ngày quyết định {} thuộc năm sau năm {year} của đợt đánh giá: nếu năm bị viết nhầm, hãy sửa lại",
                format::date(*date, lang)
            ),
            format!(
                "the decision date {} is after the round's year {year}: if the year is mistyped, correct it",
                format::date(*date, lang)
            ),
        ),
        R::DecisionBeforePeriodEnd {
            date,
            period_end,
            units,
            disqualifier,
            months,
        } => lang.pick(
            format!(
                "ngày quyết định {} trước ngày kết thúc kỳ đánh giá ({}) của {units} đơn vị, và điều kiện loại trừ {disqualifier} xét {months} tháng trước ngày quyết định: các sự việc từ {} đến {} không thuộc khoảng thời gian nào của điều kiện này",
                format::date(*date, lang),
                format::date(*period_end, lang),
                format::date(*date, lang),
                format::date(*period_end, lang)
            ),
            format!(
                "the decision date {} is before the end of the evaluation period ({}) of {units} unit(s), and disqualifier {disqualifier} looks at the {months} months before the decision: incidents from {} to {} are in none of its windows",
                format::date(*date, lang),
                format::date(*period_end, lang),
                format::date(*date, lang),
                format::date(*period_end, lang)
            ),
        ),
        R::RuleFileUnreadable {
            rule,
            path,
            written,
            shipped,
            cause,
            reason,
        } => {
            let reason = super::file::io_cause(*cause, reason, lang);
            let file = super::rules::written_and_resolved(written, path, lang);
            let what = rule_file(*rule, lang);
            let ids = shipped.join(", ");
            match (shipped.is_empty(), lang) {
                (true, Lang::Vi) => format!(
                    "không đọc được {file}: {reason}: cần đường dẫn của {what}, tính từ thư mục chứa round.toml"
                ),
                (true, Lang::En) => format!(
                    "cannot read {file}: {reason}: expected the path of {what}, relative to round.toml"
                ),
                (false, Lang::Vi) => format!(
                    "không đọc được {file}: {reason}: cần mã của {what} có sẵn trong cfc ({ids}) hoặc đường dẫn của {what} trong thư mục của đợt, tính từ thư mục chứa round.toml"
                ),
                (false, Lang::En) => format!(
                    "cannot read {file}: {reason}: expected the id of {what} shipped with cfc ({ids}) or the path of {what} inside the round folder, relative to round.toml"
                ),
            }
        }
        R::RuleFileInvalid {
            rule,
            written,
            path,
            problems,
        } => {
            let file = super::rules::written_and_resolved(written, path, lang);
            match (rule, lang) {
                (RuleFile::Criteria, Lang::Vi) => format!(
                    "đợt đánh giá dùng bộ tiêu chí {file}, bộ này có {problems} lỗi, mỗi lỗi được nêu tại chỗ của nó"
                ),
                (RuleFile::Policy, Lang::Vi) => format!(
                    "đợt đánh giá dùng chính sách {file}, chính sách này có {problems} lỗi, mỗi lỗi được nêu tại chỗ của nó"
                ),
                (RuleFile::Criteria, Lang::En) => format!(
                    "this round names the criteria set {file}, which has {problems} problem(s), each said at its place"
                ),
                (RuleFile::Policy, Lang::En) => format!(
                    "this round names the policy {file}, which has {problems} problem(s), each said at its place"
                ),
            }
        }
        R::OutsideEffect {
            criteria,
            effective,
            until,
            year,
        } => {
            let effective = format::date(*effective, lang);
            match lang {
                Lang::Vi => format!(
                    "bộ tiêu chí {criteria} có hiệu lực từ {effective} {}, không vào ngày nào của năm {year} của đợt đánh giá: cần một bộ tiêu chí có hiệu lực trong năm {year}; để vẫn đánh giá đợt này, với ghi chú trên mọi kết quả, dùng tùy chọn ngoài hiệu lực (`--outside-effect`)",
                    until.map_or_else(
                        || "không thời hạn".to_string(),
                        |u| format!("đến {}", format::date(u, lang))
                    ),
                ),
                Lang::En => format!(
                    "the criteria set {criteria} is in force from {effective} {}, on no day of the round's year {year}: expected a criteria set in force during {year}; to evaluate the round anyway, with a notice on every output, use the outside-effect option (`--outside-effect`)",
                    until.map_or_else(
                        || "without end".to_string(),
                        |u| format!("until {}", format::date(u, lang))
                    ),
                ),
            }
        }
        R::UpperCaseExtension => lang
            .pick(
                "tên tệp có phần mở rộng viết hoa: cần `.toml` viết thường; tệp này không được đọc",
                "the name ends in an upper-case extension: expected `.toml` in lower case; the file is not read",
            )
            .into(),
        R::FolderNamedLikeEvidence => lang
            .pick(
                "một thư mục có tên như tệp minh chứng: cần một tệp",
                "a folder named like an evidence file: expected a file",
            )
            .into(),
        R::NotRegularFile => lang
            .pick(
                "không phải một tệp thông thường: cần một tệp minh chứng",
                "not a regular file: expected an evidence file",
            )
            .into(),
        R::BrokenLink { cause, reason } => {
            let reason = super::file::io_cause(*cause, reason, lang);
            lang.pick(
                format!("một liên kết tới tệp không đọc được: {reason}"),
                format!("a link to a file that cannot be read: {reason}"),
            )
        }
        R::DuplicateCode { code, others } => lang.pick(
            format!(
                "mã {code:?} bị trùng, cũng được dùng trong {}: cần mã duy nhất trong đợt đánh giá, nên không tệp nào được đánh giá",
                others.join(", ")
            ),
            format!(
                "duplicate code {code:?}, also used by {}: expected a code unique in the round, so neither file is evaluated",
                others.join(", ")
            ),
        ),
        R::UnknownProvince { code, in_force } => lang.pick(
            format!(
                "{code:?} không phải mã tỉnh trong danh mục chính thức có hiệu lực từ {in_force}: cần hai chữ số, ví dụ \"51\" cho Tỉnh Quảng Ngãi"
            ),
            format!(
                "{code:?} is not a province code of the official list in force since {in_force}: expected two digits, e.g. \"51\" for Tỉnh Quảng Ngãi"
            ),
        ),
        R::NoEvidenceFile {
            code,
            name,
            unit_kind,
            province,
        } => lang.pick(
            format!(
                "không có tệp minh chứng cho đơn vị {code} {name} ({unit_kind}) của {province}: cần một tệp có unit.code là {code:?}"
            ),
            format!(
                "no evidence file for unit {code} {name} ({unit_kind}) of {province}: expected a file whose unit.code is {code:?}"
            ),
        ),
        R::NotInOfficialList {
            code,
            in_force,
            province,
        } => lang.pick(
            format!(
                "{code:?} không có trong danh mục đơn vị hành chính chính thức có hiệu lực từ {in_force}: cần mã thống kê của một đơn vị thuộc {province}"
            ),
            format!(
                "{code:?} is not in the official list of units in force since {in_force}: expected the statistical code of a unit of {province}"
            ),
        ),
        R::OtherProvince {
            code,
            name,
            belongs_to,
            province,
        } => lang.pick(
            format!(
                "{code} là {name} thuộc {belongs_to}, không phải đơn vị của {province} (tỉnh của đợt đánh giá)"
            ),
            format!(
                "{code} is {name} of {belongs_to}, not a unit of {province} (the round's province)"
            ),
        ),
        R::NotOfficialName {
            found,
            code,
            official,
            short,
        } => lang.pick(
            format!(
                "{found:?} không phải tên chính thức của {code}, {official:?}: cần {short:?} hoặc {official:?}"
            ),
            format!(
                "{found:?} is not the official name of {code}, {official:?}: expected {short:?} or {official:?}"
            ),
        ),
        R::NotOfficialKind {
            found,
            code,
            name,
            kind_word,
            expected,
        } => lang.pick(
            format!(
                "{found:?}, nhưng trong danh mục chính thức {code} {name} là {kind_word}: cần {expected:?}"
            ),
            format!(
                "{found:?}, but {code} {name} is a {kind_word} in the official list: expected {expected:?}"
            ),
        ),
        R::NotEvaluated { unit, cause } => {
            let cause = crate::words::faults::eval(cause, lang);
            lang.pick(
                format!("không đánh giá được đơn vị {unit}: {cause}"),
                format!("unit {unit} could not be evaluated: {cause}"),
            )
        }
    }
}

/// "a criteria set" or "a policy".
fn rule_file(rule: RuleFile, lang: Lang) -> &'static str {
    match rule {
        RuleFile::Criteria => lang.pick("một bộ tiêu chí", "a criteria set"),
        RuleFile::Policy => lang.pick("một chính sách", "a policy"),
    }
}
