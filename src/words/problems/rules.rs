//! RulesProblem in words: what is wrong with a criteria set, a policy or a script, and what
//! was expected.

use rust_decimal::Decimal;

use super::file::hint;
use crate::base::diag::{
    ConditionField, KindFamily, LeverWay, ProbeValue, RuleRef, RulesProblem, ScriptFileProblem,
    ScriptOutcome, ScriptValue, SumOf, ValueRange,
};
use crate::base::lang::Lang;
use crate::words::format;
use crate::words::glossary::Term;

/// "unit kind" / "loại đơn vị".
fn family(f: KindFamily, lang: Lang) -> &'static str {
    match f {
        KindFamily::Unit => lang.pick("loại đơn vị", "unit kind"),
        KindFamily::Incident => lang.pick("loại sự việc", "incident kind"),
    }
}

fn outcome(o: ScriptOutcome, lang: Lang) -> &'static str {
    match o {
        ScriptOutcome::Award => lang.pick(
            "award(…), at_least(…) hoặc at_most(…)",
            "award(…), at_least(…) or at_most(…)",
        ),
        ScriptOutcome::IncidentsOrBool => lang.pick(
            "một mảng các sự việc hoặc một giá trị true/false",
            "an array of incidents or a bool",
        ),
    }
}

fn value(v: &ScriptValue, lang: Lang) -> String {
    match v {
        ScriptValue::WholeNumber => lang.pick("một số nguyên", "a whole number").into(),
        ScriptValue::Decimal => Term::DecimalNumber.get(lang).into(),
        ScriptValue::Text => lang.pick("một chuỗi văn bản", "text").into(),
        ScriptValue::Bool => Term::TrueOrFalse.get(lang).into(),
        ScriptValue::Nothing => lang.pick("không có giá trị nào", "nothing").into(),
        ScriptValue::Fraction => lang
            .pick("một phân số chính xác", "an exact fraction")
            .into(),
        ScriptValue::Other { type_name } => format!(
            "{} {type_name}",
            lang.pick("một giá trị kiểu", "a value of type")
        ),
    }
}

/// "this input is an up lever" / "đầu vào này là đòn bẩy tăng".
fn lever(l: Option<LeverWay>, lang: Lang) -> &'static str {
    match l {
        Some(LeverWay::Up) => lang.pick(
            "đầu vào này là đòn bẩy tăng (lever = \"up\")",
            "this input is an up lever",
        ),
        Some(LeverWay::Down) => lang.pick(
            "đầu vào này là đòn bẩy giảm (lever = \"down\")",
            "this input is a down lever",
        ),
        None => lang.pick("đầu vào này không có đòn bẩy", "this input is no lever"),
    }
}

fn n(v: Decimal, lang: Lang) -> String {
    format::number(v, lang)
}

/// ": expected one of a, b" / ": no … is declared".
fn declared_list(what: &str, declared: &[String], lang: Lang) -> String {
    if declared.is_empty() {
        lang.pick(
            format!(": chưa khai báo {what} nào"),
            format!(": no {what} is declared"),
        )
    } else {
        format!(
            ": {} {}",
            Term::ExpectedOneOf.get(lang),
            declared.join(", ")
        )
    }
}

pub(super) fn render(p: &RulesProblem, lang: Lang) -> String {
    use RulesProblem as R;
    match p {
        R::NotRegularFile => not_a_regular_file(lang),
        R::ScriptPathAbsolute { path } => lang.pick(
            format!("đường dẫn kịch bản {path:?} phải là đường dẫn tương đối tính từ thư mục của tệp này"),
            format!("the script path {path:?} must be relative to this file's folder"),
        ),
        R::ScriptNotRhai { path } => lang.pick(
            format!("đường dẫn kịch bản {path:?} phải trỏ tới một tệp .rhai"),
            format!("the script path {path:?} must name a .rhai file"),
        ),
        R::ScriptOutside { path, root } => lang.pick(
            format!("kịch bản {path:?} nằm ngoài {root} (kịch bản phải nằm cạnh các tệp quy tắc)"),
            format!("the script {path:?} resolves outside {root} (scripts must stay beside the rule files)"),
        ),
        R::ScriptFile {
            path,
            written,
            problem,
        } => format!(
            "{} {}: {}",
            lang.pick("kịch bản", "the script"),
            written_and_resolved(written, path, lang),
            match problem {
                ScriptFileProblem::File(p) => super::file::file(p, lang),
                ScriptFileProblem::NotRegularFile => not_a_regular_file(lang),
            }
        ),
        R::ScriptSyntax { detail } => format!(
            "{}: {detail}",
            lang.pick(
                "kịch bản không biên dịch được (thông báo của rhai)",
                "the script does not compile (rhai says)"
            )
        ),
        R::UndeclaredVariable {
            name,
            declared,
            closest,
        } => format!(
            "{}{}{}",
            lang.pick(
                format!("`{name}` không phải đầu vào hay số đếm suy ra mà bộ tiêu chí khai báo"),
                format!("`{name}` is not an input or derived count declared by the criteria set"),
            ),
            hint(closest.as_ref(), lang),
            declared_list(lang.pick("biến", "variable"), declared, lang)
        ),
        R::ScriptTooDeep { max } => lang.pick(
            format!("kịch bản lồng giá trị hoặc biểu thức sâu hơn {max} cấp: cần tối đa {max} cấp"),
            format!("the script nests values or expressions deeper than {max} levels"),
        ),
        R::UnknownFunction { name, arguments } => lang.pick(
            format!(
                "không có hàm `{name}` nhận các đối số này ({arguments}); kịch bản chỉ được gọi award, steps, at_least, at_most, pct, per, is_na, round_half_up, round_half_even, round_down, round_up, linear và các hàm có sẵn của rhai"
            ),
            format!(
                "no function `{name}` takes these arguments ({arguments}); scripts may call award, steps, at_least, at_most, pct, per, is_na, round_half_up, round_half_even, round_down, round_up, linear and rhai's built-in functions"
            ),
        ),
        R::ScriptGives { expected, found } => lang.pick(
            format!(
                "kịch bản phải kết thúc bằng {}, nhưng kịch bản cho ra {}",
                outcome(*expected, lang),
                value(found, lang)
            ),
            format!(
                "the script must end with {}; it gave {}",
                outcome(*expected, lang),
                value(found, lang)
            ),
        ),
        R::KindIdShape {
            family: f,
            id,
            max_chars,
        } => lang.pick(
            format!(
                "mã {} {id:?}: cần một chữ thường, tiếp theo là chữ thường, chữ số hoặc `_` (tối đa {max_chars} ký tự), ví dụ \"thi_tran\"",
                family(*f, lang)
            ),
            format!(
                "{} id {id:?}: expected a lower-case letter, then lower-case letters, digits or `_` (at most {max_chars} characters), e.g. \"thi_tran\"",
                family(*f, lang)
            ),
        ),
        R::KindOfTheSet { id } => lang.pick(
            format!("loại sự việc {id:?} đã được bộ tiêu chí khai báo: không khai báo lại"),
            format!("incident kind {id:?} is already declared by the criteria set"),
        ),
        R::UndeclaredKind {
            family: f,
            id,
            declared,
            closest,
        } => format!(
            "{}{}{}",
            lang.pick(
                format!("{} {id:?} chưa được khai báo", family(*f, lang)),
                format!("{} {id:?} is not declared", family(*f, lang)),
            ),
            hint(closest.as_ref(), lang),
            declared_list(family(*f, lang), declared, lang)
        ),
        R::UndeclaredKindInScript {
            id,
            declared,
            closest,
        } => format!(
            "{}{}{} {}",
            lang.pick(
                format!("loại sự việc {id:?} chưa được khai báo"),
                format!("incident kind {id:?} is not declared"),
            ),
            hint(closest.as_ref(), lang),
            declared_list(family(KindFamily::Incident, lang), declared, lang),
            lang.pick(
                "(trong kịch bản của chính sách, một chuỗi gồm chữ, số và _ là tên một loại sự việc)",
                "(a text of letters, digits and _ in a policy script names an incident kind)",
            )
        ),
        R::EmptyKinds {
            family: f,
            may_omit,
        } => {
            let f = family(*f, lang);
            match (may_omit, lang) {
                (true, Lang::Vi) => format!(
                    "`kinds` đang rỗng: liệt kê các {f} áp dụng, hoặc bỏ trường này để áp dụng cho mọi {f}"
                ),
                (true, Lang::En) => format!(
                    "`kinds` is empty: list the {f}s it applies to, or leave it out for every {f}"
                ),
                (false, Lang::Vi) => {
                    format!("`kinds` đang rỗng: cần ít nhất một {f}")
                }
                (false, Lang::En) => format!("`kinds` is empty: expected at least one {f}"),
            }
        }
        R::NoUnitKinds => lang
            .pick(
                "bộ tiêu chí chưa khai báo [[unit_kinds]] nào: cần ít nhất một, ví dụ [[unit_kinds]] id = \"xa\", label = { vi = \"xã\", en = \"commune\" }",
                "the set declares no [[unit_kinds]]: expected at least one, e.g. [[unit_kinds]] id = \"xa\", label = { vi = \"xã\", en = \"commune\" }",
            )
            .into(),
        R::NoClasses => lang
            .pick(
                "bộ tiêu chí chưa khai báo [[classes]] nào: cần ít nhất một nhóm đơn vị với ngưỡng điểm của nhóm",
                "the set declares no [[classes]]: expected at least one class of units with its threshold",
            )
            .into(),
        R::NoConditions => lang
            .pick(
                "bộ tiêu chí chưa khai báo [[conditions]] nào: cần ít nhất một điều kiện công nhận (ví dụ rule = \"class_threshold\"), kèm nhãn và căn cứ",
                "the set declares no [[conditions]]: declare at least one condition of recognition (e.g. rule = \"class_threshold\"), with its label and reference",
            )
            .into(),
        R::NoIndicators => lang
            .pick(
                "tiêu chí không có chỉ tiêu nào: cần ít nhất một [[criteria.indicators]]",
                "the criterion has no indicators: expected at least one [[criteria.indicators]]",
            )
            .into(),
        R::NotShortCode { chars } => lang.pick(
            format!(
                "cần một mã ngắn (một chữ cái hoặc chữ số, tiếp theo tối đa 31 chữ cái, chữ số, `.`, `_`, `/` hoặc `-`), nhưng mã dài {chars} ký tự"
            ),
            format!(
                "expected a short code (a letter or digit, then up to 31 letters, digits, `.`, `_`, `/` or `-`), found {chars} characters"
            ),
        ),
        R::ZeroMaxPoints => lang
            .pick(
                "max_points bằng 0: cần số điểm tối đa lớn hơn 0",
                "max_points is 0: expected a maximum above 0",
            )
            .into(),
        R::SumMismatch { of, declared, sum } => {
            let (declared, sum) = (n(*declared, lang), n(*sum, lang));
            match (of, lang) {
                (SumOf::Indicators, Lang::Vi) => format!(
                    "max_points là {declared} nhưng điểm tối đa của các chỉ tiêu cộng lại là {sum}: hai số phải bằng nhau"
                ),
                (SumOf::Indicators, Lang::En) => format!(
                    "max_points is {declared} but its indicators' maxima add up to {sum}: expected them equal"
                ),
                (SumOf::Criteria, Lang::Vi) => format!(
                    "max_points là {declared} nhưng điểm tối đa của các tiêu chí cộng lại là {sum}: hai số phải bằng nhau"
                ),
                (SumOf::Criteria, Lang::En) => format!(
                    "max_points is {declared} but the criteria maxima add up to {sum}: expected them equal"
                ),
            }
        }
        R::ThresholdAboveMax {
            threshold,
            max_points,
        } => lang.pick(
            format!(
                "ngưỡng {} cao hơn max_points {} của bộ tiêu chí: cần ngưỡng không vượt quá điểm tối đa",
                n(*threshold, lang),
                n(*max_points, lang)
            ),
            format!(
                "threshold {} is above the set's max_points {}: expected a threshold at most the maximum",
                n(*threshold, lang),
                n(*max_points, lang)
            ),
        ),
        R::UntilBeforeEffective { until, effective } => lang.pick(
            format!(
                "until = {} trước effective = {}: cần ngày cuối cùng bộ tiêu chí còn hiệu lực, bằng hoặc sau ngày bắt đầu hiệu lực",
                format::date(*until, lang),
                format::date(*effective, lang)
            ),
            format!(
                "until = {} is before effective = {}: expected the last day the set is in force, on or after the day it takes effect",
                format::date(*until, lang),
                format::date(*effective, lang)
            ),
        ),
        R::InvalidName { name } => lang.pick(
            format!(
                "{name:?} không phải tên hợp lệ: dùng chữ thường, chữ số và _, không dùng từ khóa dành riêng"
            ),
            format!(
                "{name:?} is not a valid name: use lower-case letters, digits and _, not a reserved word"
            ),
        ),
        R::BoundTarget { target } => lang.pick(
            format!(
                "{target:?} phải là tên một số đếm khác (đầu vào hoặc số đếm suy ra), và chỉ áp dụng cho một số đếm"
            ),
            format!(
                "{target:?} must name another count (input or derived) and apply to a count"
            ),
        ),
        R::BoolBound => lang
            .pick(
                "đầu vào kiểu bool không nhận giới hạn số: bỏ trường này",
                "a bool takes no numeric bound: remove this field",
            )
            .into(),
        R::DecimalsNeeded { input_type, max } => lang.pick(
            format!(
                "đầu vào kiểu {input_type} cần `decimals`: số chữ số tối đa sau dấu thập phân, từ 0 đến {max}"
            ),
            format!(
                "a {input_type} input needs `decimals`: the most digits after the point, 0 to {max}"
            ),
        ),
        R::DecimalsNotApplicable { input_type } => lang.pick(
            format!(
                "`decimals` chỉ áp dụng cho đầu vào kiểu decimal và percent, không cho kiểu {input_type}"
            ),
            format!(
                "`decimals` applies to decimal and percent inputs only, not to a {input_type}"
            ),
        ),
        R::TooManyDecimals { found, max } => lang.pick(
            format!(
                "decimals = {found}: cần tối đa {max} (số chữ số một số thập phân chính xác giữ được)"
            ),
            format!("decimals = {found}: expected at most {max} (what an exact decimal holds)"),
        ),
        R::BoundNotWhole { value, input_type } => lang.pick(
            format!(
                "{}: cần một số nguyên cho đầu vào kiểu {input_type}",
                n(*value, lang)
            ),
            format!(
                "{}: expected a whole number for a {input_type}",
                n(*value, lang)
            ),
        ),
        R::BoundTooPrecise { value, decimals } => lang.pick(
            format!(
                "{} có nhiều chữ số sau dấu thập phân hơn decimals = {decimals}",
                n(*value, lang)
            ),
            format!(
                "{} has more digits after the point than decimals = {decimals}",
                n(*value, lang)
            ),
        ),
        R::BoundTooLarge { value, decimals } => lang.pick(
            format!(
                "{} quá lớn để giữ {decimals} chữ số sau dấu thập phân",
                n(*value, lang)
            ),
            format!(
                "{} is too large for {decimals} digits after the point",
                n(*value, lang)
            ),
        ),
        R::BoundNegative { value, input_type } => lang.pick(
            format!(
                "{}: đầu vào kiểu {input_type} không bao giờ âm: cần một số ≥ 0",
                n(*value, lang)
            ),
            format!(
                "{}: a {input_type} is never negative: expected a number ≥ 0",
                n(*value, lang)
            ),
        ),
        R::BoundAboveLargest { value, largest } => lang.pick(
            format!(
                "{} lớn hơn {}, số nguyên lớn nhất mà hồ sơ minh chứng giữ được",
                n(*value, lang),
                n(*largest, lang)
            ),
            format!(
                "{} is above {}, the largest whole number evidence holds",
                n(*value, lang),
                n(*largest, lang)
            ),
        ),
        R::MinAboveMax { min, max } => lang.pick(
            format!(
                "min = {} lớn hơn max = {}: không có giá trị nào hợp lệ",
                n(*min, lang),
                n(*max, lang)
            ),
            format!(
                "min = {} is above max = {}: no value could be valid",
                n(*min, lang),
                n(*max, lang)
            ),
        ),
        R::MaxBelowLowest { max, lowest } => lang.pick(
            format!(
                "max = {} nhỏ hơn giá trị hợp lệ nhỏ nhất {}",
                n(*max, lang),
                n(*lowest, lang)
            ),
            format!(
                "max = {} is below the smallest valid value {}",
                n(*max, lang),
                n(*lowest, lang)
            ),
        ),
        R::MinAboveHighest { min, highest } => lang.pick(
            format!(
                "min = {} lớn hơn giá trị hợp lệ lớn nhất {}",
                n(*min, lang),
                n(*highest, lang)
            ),
            format!(
                "min = {} is above the largest valid value {}",
                n(*min, lang),
                n(*highest, lang)
            ),
        ),
        R::LeverBoundWay { bounds, lever: l } => {
            let is = lever(*l, lang);
            let wanted = match bounds {
                LeverWay::Up => "up",
                LeverWay::Down => "down",
            };
            lang.pick(
                format!("giới hạn này chỉ dành cho đầu vào lever = \"{wanted}\"; {is}"),
                format!("this bounds a lever = \"{wanted}\" input; {is}"),
            )
        }
        R::LeverBoundOutside {
            value,
            lowest,
            highest,
        } => lang.pick(
            format!(
                "{} nằm ngoài khoảng hợp lệ từ {} đến {}",
                n(*value, lang),
                n(*lowest, lang),
                n(*highest, lang)
            ),
            format!(
                "{} lies outside the valid range {} to {}",
                n(*value, lang),
                n(*lowest, lang),
                n(*highest, lang)
            ),
        ),
        R::ConditionField { rule, takes } => {
            let takes = if takes.is_empty() {
                lang.pick(
                    "không trường nào ngoài rule, label và reference".to_string(),
                    "no field besides rule, label and reference".to_string(),
                )
            } else {
                takes
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            lang.pick(
                format!(
                    "trường này không áp dụng cho điều kiện {rule} (điều kiện này nhận {takes})"
                ),
                format!("this field does not apply to condition {rule} (it takes {takes})"),
            )
        }
        R::ConditionFieldMissing { rule, field } => {
            let what = match field {
                ConditionField::Count => lang.pick(
                    "số tiêu chí phải đạt tỷ lệ",
                    "how many of the criteria must reach the share",
                ),
                ConditionField::Share => lang.pick(
                    "tỷ lệ phần trăm điểm tối đa của mỗi tiêu chí, ví dụ 60",
                    "the percentage of each criterion's maximum, e.g. 60",
                ),
                ConditionField::Criterion => lang.pick(
                    "mã của tiêu chí bắt buộc",
                    "the id of the mandatory criterion",
                ),
                ConditionField::MinPoints => lang.pick(
                    "số điểm tiêu chí phải đạt",
                    "the points the criterion must reach",
                ),
            };
            let field = field.key();
            lang.pick(
                format!("điều kiện {rule} thiếu `{field}`: cần {what}"),
                format!("condition {rule}: `{field}` is missing: expected {what}"),
            )
        }
        R::EmptyCriteriaList => lang
            .pick(
                "`criteria` đang rỗng: liệt kê mã các tiêu chí, hoặc bỏ trường này để chỉ mọi tiêu chí",
                "`criteria` is empty; list criterion ids, or leave it out to mean every criterion",
            )
            .into(),
        R::NeverMet {
            criterion,
            met,
            max_points,
        } => lang.pick(
            format!(
                "tiêu chí {criterion} không bao giờ đạt được: quy tắc `{met}` của nó không thể thỏa mãn trong mức tối đa {} điểm",
                n(*max_points, lang)
            ),
            format!(
                "criterion {criterion} can never be met: its rule `{met}` cannot hold within its maximum of {} points",
                n(*max_points, lang)
            ),
        ),
        R::CountOutOfRange { found, criteria } => lang.pick(
            format!(
                "count phải từ 1 đến {criteria} (số tiêu chí được đếm), nhưng gặp {found}"
            ),
            format!("count must be from 1 to the {criteria} criteria it counts, found {found}"),
        ),
        R::ShareOutOfRange { found } => lang.pick(
            format!(
                "share phải lớn hơn 0 và tối đa 100 (phần trăm điểm tối đa của mỗi tiêu chí), nhưng gặp {}",
                n(*found, lang)
            ),
            format!(
                "share must be above 0 and at most 100 (a percentage of each criterion's maximum), found {}",
                n(*found, lang)
            ),
        ),
        R::ShareTooPrecise { found, max } => lang.pick(
            format!(
                "share có nhiều hơn {max} chữ số sau dấu thập phân, nhưng gặp {}",
                n(*found, lang)
            ),
            format!(
                "share has more than {max} digits after the point, found {}",
                n(*found, lang)
            ),
        ),
        R::SecondMinimum {
            criterion,
            first_line,
        } => lang.pick(
            format!(
                "mức tối thiểu thứ hai cho tiêu chí {criterion} (lần đầu ở dòng {first_line}): chỉ khai báo một"
            ),
            format!(
                "a second minimum for criterion {criterion} (first on line {first_line}): declare one"
            ),
        ),
        R::MinimumAboveMax {
            min_points,
            criterion,
            max_points,
        } => lang.pick(
            format!(
                "min_points {} cao hơn mức tối đa {} điểm của tiêu chí {criterion}, nên không bao giờ thỏa mãn",
                n(*min_points, lang),
                n(*max_points, lang)
            ),
            format!(
                "min_points {} is above criterion {criterion}'s maximum of {} points, so it can never hold",
                n(*min_points, lang),
                n(*max_points, lang)
            ),
        ),
        R::PolicyForOtherSet { written_for, used } => lang.pick(
            format!(
                "chính sách này viết cho bộ tiêu chí {written_for:?}, nhưng đợt đánh giá dùng {used:?}"
            ),
            format!(
                "this policy is written for criteria set {written_for:?}, but the round uses {used:?}"
            ),
        ),
        R::WindowMonths { found, max } => lang.pick(
            format!(
                "window = {{ months_before_decision = {found} }}: cần số tháng từ 1 đến {max}"
            ),
            format!(
                "window = {{ months_before_decision = {found} }}: expected a number of months from 1 to {max}"
            ),
        ),
        R::DisqualifierLooksAtNothing => lang
            .pick(
                "cần `kinds` (các loại sự việc điều kiện loại trừ xem xét), một `script`, hoặc cả hai",
                "expected `kinds` (the incident kinds it looks at), a `script`, or both",
            )
            .into(),
        R::DefaultType { input_type } => lang.pick(
            format!(
                "giá trị mặc định không thuộc kiểu {input_type} của đầu vào: cần true hoặc false cho kiểu bool, một số cho các kiểu khác"
            ),
            format!(
                "the default is not a value of the input's type {input_type}: expected true or false for a bool, a number otherwise"
            ),
        ),
        R::DefaultOutOfRange {
            value,
            lowest,
            highest,
        } => lang.pick(
            format!(
                "giá trị mặc định {} nằm ngoài khoảng hợp lệ từ {} đến {} của đầu vào",
                n(*value, lang),
                n(*lowest, lang),
                n(*highest, lang)
            ),
            format!(
                "the default {} lies outside the input's valid range {} to {}",
                n(*value, lang),
                n(*lowest, lang),
                n(*highest, lang)
            ),
        ),
        R::InexactNumber { written } => lang.pick(
            format!(
                "số {written} có nhiều chữ số hơn một số thập phân chính xác giữ được (tối đa 28 chữ số sau dấu thập phân, khoảng 7,9 × 10^28): nó sẽ bị làm tròn; hãy viết ít chữ số hơn"
            ),
            format!(
                "the number {written} has more digits than an exact decimal holds (at most 28 after the point, about 7.9 × 10^28): it would be rounded; write fewer digits"
            ),
        ),
        R::StepTableInvalid { indicator: i, detail } => format!(
            "{}: {}: {detail}",
            indicator(i, lang),
            lang.pick(
                "bảng bậc điểm không đọc được (thông báo của bộ đọc bảng)",
                "the step table cannot be read (the table reader says)"
            )
        ),
        R::StepRowUnreachable {
            indicator: i,
            row,
            by: Some(by),
        } => lang.pick(
            format!(
                "{}: dòng `{row}` không bao giờ được áp dụng: mọi giá trị nó bắt đều đã bị dòng `{by}` phía trên bắt trước (các dòng được xét theo thứ tự, dòng đầu tiên đúng được áp dụng); có lẽ dòng này cần đặt trước dòng đó",
                indicator(i, lang)
            ),
            format!(
                "{}: row `{row}` can never apply: the earlier row `{by}` catches every value it would (rows apply in order, the first that holds); it probably belongs above it",
                indicator(i, lang)
            ),
        ),
        R::StepRowUnreachable {
            indicator: i,
            row,
            by: None,
        } => lang.pick(
            format!(
                "{}: dòng `{row}` không bao giờ được áp dụng: các dòng phía trên đã bắt mọi giá trị nó bắt, hoặc không giá trị nào của đại lượng thỏa mãn nó",
                indicator(i, lang)
            ),
            format!(
                "{}: row `{row}` can never apply: the rows above catch every value it would, or no value of the measure satisfies it",
                indicator(i, lang)
            ),
        ),
        R::StepThresholdOutside {
            indicator: i,
            row,
            lowest,
            highest,
        } => {
            let range = value_range(
                &ValueRange {
                    from: lowest.map(|v| (v, true)),
                    to: highest.map(|v| (v, true)),
                },
                lang,
            );
            lang.pick(
                format!(
                    "{}: ngưỡng của dòng `{row}` nằm ngoài các giá trị đại lượng có thể nhận ({range}); có phải ngưỡng bị viết sai?",
                    indicator(i, lang)
                ),
                format!(
                    "{}: the threshold of row `{row}` lies outside the values the measure can take ({range}); is it mistyped?",
                    indicator(i, lang)
                ),
            )
        }
        R::StepRowsOverlap {
            indicator: i,
            row,
            earlier,
            values,
        } => lang.pick(
            format!(
                "{}: dòng `{earlier}` và dòng `{row}` cùng đúng với các giá trị {}, và dòng trên được áp dụng: nếu đó không phải ý định, hãy viết các ngưỡng không chồng lên nhau",
                indicator(i, lang),
                value_range(values, lang)
            ),
            format!(
                "{}: rows `{earlier}` and `{row}` both hold for values {}, and the earlier one wins there: if that is not what is meant, write thresholds that do not overlap",
                indicator(i, lang),
                value_range(values, lang)
            ),
        ),
        R::StepGap { indicator: i, values } => lang.pick(
            format!(
                "{}: không dòng nào của bảng áp dụng cho các giá trị {} và bảng không có dòng `else`: một đơn vị có giá trị đó sẽ không chấm điểm được; hãy thêm dòng `else` hoặc một dòng cho các giá trị đó",
                indicator(i, lang),
                value_range(values, lang)
            ),
            format!(
                "{}: no row of the table applies to values {} and it has no `else` row: a unit with such a value could not be scored; add an `else` row or a row for them",
                indicator(i, lang),
                value_range(values, lang)
            ),
        ),
        R::StepNoNaRow { indicator: i, whole } => lang.pick(
            format!(
                "{}: mẫu số `{whole}` của tỷ lệ có thể bằng 0 (n/a) nhưng bảng không có dòng `n/a → điểm`: một đơn vị có {whole} = 0 sẽ không chấm điểm được",
                indicator(i, lang)
            ),
            format!(
                "{}: the rate's whole `{whole}` can be 0 (n/a) but the table has no `n/a → points` row: a unit with {whole} = 0 could not be scored",
                indicator(i, lang)
            ),
        ),
        R::StepFractionOfPercent {
            indicator: i,
            row,
            meant,
        } => lang.pick(
            format!(
                "{}: dòng `{row}` có ngưỡng nhỏ hơn 1 trong một bảng tính theo phần trăm: có phải là {} % (viết {}, không viết dạng phân số)?",
                indicator(i, lang),
                n(*meant, lang),
                meant.normalize()
            ),
            format!(
                "{}: row `{row}` has a threshold below 1 in a table of percentages: was {} % meant (written {}, not as a fraction)?",
                indicator(i, lang),
                n(*meant, lang),
                meant.normalize()
            ),
        ),
        R::StepPointsOutOfRange {
            indicator: i,
            row,
            points,
            max,
        } => lang.pick(
            format!(
                "{}: dòng `{row}` cho {} điểm, ngoài khoảng từ 0 đến {} (max_points của chỉ tiêu)",
                indicator(i, lang),
                n(*points, lang),
                n(*max, lang)
            ),
            format!(
                "{}: row `{row}` gives {} points, outside 0 to {} (the indicator's max_points)",
                indicator(i, lang),
                n(*points, lang),
                n(*max, lang)
            ),
        ),
        R::ProbeFailed {
            rule,
            inputs,
            detail,
        } => lang.pick(
            format!(
                "{} lỗi khi chạy với {}: {detail} (một đơn vị có các giá trị này sẽ không được đánh giá)",
                rule_ref(rule, lang),
                probe_values(inputs, lang)
            ),
            format!(
                "{} fails on {}: {detail} (a unit with these values could not be evaluated)",
                rule_ref(rule, lang),
                probe_values(inputs, lang)
            ),
        ),
        R::ProbeNoOutcome {
            indicator: i,
            inputs,
            found,
        } => lang.pick(
            format!(
                "{}: với {}, kịch bản cho ra {} thay vì award(…), steps(…), at_least(…) hay at_most(…): một nhánh của kịch bản không có kết quả",
                indicator(i, lang),
                probe_values(inputs, lang),
                value(found, lang)
            ),
            format!(
                "{}: on {} the script gives {}, not award(…), steps(…), at_least(…) or at_most(…): a branch of the script has no outcome",
                indicator(i, lang),
                probe_values(inputs, lang),
                value(found, lang)
            ),
        ),
        R::ProbePointsOutOfRange {
            indicator: i,
            inputs,
            points,
            max,
        } => lang.pick(
            format!(
                "{}: với {}, kịch bản cho {} điểm, ngoài khoảng từ 0 đến {} (max_points)",
                indicator(i, lang),
                probe_values(inputs, lang),
                n(*points, lang),
                n(*max, lang)
            ),
            format!(
                "{}: on {} the script gives {} points, outside 0 to {} (max_points)",
                indicator(i, lang),
                probe_values(inputs, lang),
                n(*points, lang),
                n(*max, lang)
            ),
        ),
        R::LeverLowers {
            input,
            lever: way,
            indicator: i,
            from,
            to,
            points_from,
            points_to,
            others,
        } => {
            let (other, with) = match way {
                LeverWay::Up => ("down", others),
                LeverWay::Down => ("up", others),
            };
            let with = if with.is_empty() {
                String::new()
            } else {
                format!(" ({})", probe_values(with, lang))
            };
            lang.pick(
                format!(
                    "{}; nhưng khi {input} đổi từ {from} thành {to}{with}, điểm {} giảm từ {} xuống {}: tìm kiếm “điều gì giúp được công nhận” chỉ thử theo chiều đòn bẩy; có phải cần lever = \"{other}\"?",
                    lever(Some(*way), lang),
                    indicator(i, lang),
                    n(*points_from, lang),
                    n(*points_to, lang)
                ),
                format!(
                    "{}, but moving {input} from {from} to {to}{with} lowers {} from {} to {} points: the what-if search only moves a lever its way; was lever = \"{other}\" meant?",
                    lever(Some(*way), lang),
                    indicator(i, lang),
                    n(*points_from, lang),
                    n(*points_to, lang)
                ),
            )
        }
        R::InputUnread { name, derived } => {
            let what = match (derived, lang) {
                (false, Lang::Vi) => "đầu vào",
                (true, Lang::Vi) => "số đếm suy ra",
                (false, Lang::En) => "input",
                (true, Lang::En) => "derived count",
            };
            lang.pick(
                format!(
                    "{what} {name} được khai báo nhưng không kịch bản nào đọc và không đầu vào nào lấy nó làm giới hạn: nó không ảnh hưởng đến kết quả nào; có phải một kịch bản đọc nhầm tên khác?"
                ),
                format!(
                    "{what} {name} is declared but no script reads it and no input is bounded by it: it changes no result; does a script read another name by mistake?"
                ),
            )
        }
        R::NoClassThreshold => lang
            .pick(
                "bộ tiêu chí không khai báo điều kiện class_threshold: ngưỡng của các nhóm chỉ được hiển thị, không được áp dụng, nên một đơn vị được công nhận mà không cần đạt ngưỡng nào; nếu văn bản có ngưỡng, hãy thêm [[conditions]] với rule = \"class_threshold\"",
                "the set declares no class_threshold condition: class thresholds are shown, never applied, so a unit is recognised without reaching any; if the act has thresholds, add [[conditions]] with rule = \"class_threshold\"",
            )
            .into(),
        R::DisqualifierHoldsWithoutIncidents {
            disqualifier: d,
            inputs,
        } if inputs.is_empty() => lang.pick(
            format!(
                "{}: kịch bản đúng khi không có sự việc nào, với mọi giá trị đầu vào: nó sẽ loại mọi đơn vị",
                disqualifier(d, lang)
            ),
            format!(
                "{}: its script holds with no incident at all, whatever the inputs: it would refuse every unit",
                disqualifier(d, lang)
            ),
        ),
        R::DisqualifierHoldsWithoutIncidents {
            disqualifier: d,
            inputs,
        } => lang.pick(
            format!(
                "{}: kịch bản đúng khi không có sự việc nào, với {}: nó loại đơn vị chỉ dựa vào đầu vào; nếu đó không phải ý định, hãy để kịch bản dựa vào các sự việc",
                disqualifier(d, lang),
                probe_values(inputs, lang)
            ),
            format!(
                "{}: its script holds with no incident, on {}: it refuses on the inputs alone; if that is not meant, make it depend on the incidents",
                disqualifier(d, lang),
                probe_values(inputs, lang)
            ),
        ),
        R::DisqualifierNeverHolds {
            disqualifier: d,
            kinds,
        } => lang.pick(
            format!(
                "{}: kịch bản không đúng với sổ sự việc nào gồm các loại {} (tử vong hay không, có kế hoạch hỗ trợ hay không) mà phân tích đã thử: nó không bao giờ loại đơn vị nào",
                disqualifier(d, lang),
                quoted(kinds)
            ),
            format!(
                "{}: its script holds on no register of its kinds ({}; fatal or not, with a support plan or not) that the analysis tried: it would never refuse a unit",
                disqualifier(d, lang),
                quoted(kinds)
            ),
        ),
        R::ScriptKindExcluded {
            disqualifier: d,
            named,
            kinds,
        } => lang.pick(
            format!(
                "{}: kịch bản nhắc đến loại sự việc {named:?} nhưng `kinds` chỉ cho qua {}: kịch bản không bao giờ thấy sự việc loại đó; hãy thêm {named:?} vào `kinds` hoặc sửa kịch bản",
                disqualifier(d, lang),
                quoted(kinds)
            ),
            format!(
                "{}: its script names incident kind {named:?}, but its `kinds` lets only {} through: the script never sees such an incident; add {named:?} to `kinds` or correct the script",
                disqualifier(d, lang),
                quoted(kinds)
            ),
        ),
        R::DerivedKindsDisagree {
            derived,
            disqualifier: d,
            missing,
            extra,
        } => lang.pick(
            format!(
                "số đếm suy ra {derived} bỏ qua {} mà {} xét cùng với các loại nó đếm, và đếm {} mà điều kiện đó bỏ qua: hai quy tắc hiểu khác nhau về những sự việc được tính; nếu đó không phải ý định, hãy thống nhất danh sách `kinds`",
                quoted(missing),
                disqualifier(d, lang),
                quoted(extra)
            ),
            format!(
                "derived count {derived} leaves out {}, which {} looks at beside the kinds it counts, and counts {}, which that disqualifier leaves out: the two rules disagree about what counts; if that is not meant, make their `kinds` agree",
                quoted(missing),
                disqualifier(d, lang),
                quoted(extra)
            ),
        ),
        R::AtLeastZero => lang
            .pick(
                "at_least = 0 sẽ loại mọi đơn vị: cần 1 trở lên",
                "at_least = 0 would refuse every unit: expected 1 or more",
            )
            .into(),
    }
}

fn not_a_regular_file(lang: Lang) -> String {
    lang.pick(
        "đây không phải một tệp thông thường: cần một tệp quy tắc (TOML hoặc .rhai)",
        "this is not a regular file: expected a rule file (TOML or .rhai)",
    )
    .into()
}

/// A path as a file writes it and as it was resolved, said once when they are the same.
pub(crate) fn written_and_resolved(written: &str, resolved: &str, lang: Lang) -> String {
    if written.is_empty() || written == resolved {
        resolved.to_string()
    } else {
        lang.pick(
            format!("{written:?} (tức là {resolved})"),
            format!("{written:?} (resolved to {resolved})"),
        )
    }
}

/// "indicator 2.1" / "chỉ tiêu 2.1".
fn indicator(id: &str, lang: Lang) -> String {
    format!("{} {id}", lang.pick("chỉ tiêu", "indicator"))
}

/// "disqualifier drowning" / "điều kiện loại trừ drowning".
fn disqualifier(id: &str, lang: Lang) -> String {
    format!("{} {id}", lang.pick("điều kiện loại trừ", "disqualifier"))
}

fn rule_ref(r: &RuleRef, lang: Lang) -> String {
    match r {
        RuleRef::Indicator(id) => indicator(id, lang),
        RuleRef::Disqualifier(id) => disqualifier(id, lang),
    }
}

/// The values the analysis tried, as an evidence file writes them: `a = 0, b = 1`.
fn probe_values(values: &[ProbeValue], lang: Lang) -> String {
    if values.is_empty() {
        return lang
            .pick("mọi giá trị đầu vào", "whatever the inputs")
            .to_string();
    }
    values
        .iter()
        .map(|v| format!("{} = {}", v.name, v.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A range of values: "from 90 to below 95", "above 1", "every value".
fn value_range(r: &ValueRange, lang: Lang) -> String {
    let from = r.from.map(|(v, inc)| (n(v, lang), inc));
    let to = r.to.map(|(v, inc)| (n(v, lang), inc));
    match (from, to, lang) {
        (Some((a, true)), Some((b, true)), _) if a == b => a,
        (Some((a, fi)), Some((b, ti)), Lang::Vi) => format!(
            "{} {a} {} {b}",
            if fi { "từ" } else { "trên" },
            if ti { "đến" } else { "đến dưới" }
        ),
        (Some((a, fi)), Some((b, ti)), Lang::En) => format!(
            "{} {a} {} {b}",
            if fi { "from" } else { "above" },
            if ti { "to" } else { "to below" }
        ),
        (Some((a, true)), None, Lang::Vi) => format!("từ {a} trở lên"),
        (Some((a, false)), None, Lang::Vi) => format!("trên {a}"),
        (Some((a, true)), None, Lang::En) => format!("{a} or more"),
        (Some((a, false)), None, Lang::En) => format!("above {a}"),
        (None, Some((b, true)), Lang::Vi) => format!("từ {b} trở xuống"),
        (None, Some((b, false)), Lang::Vi) => format!("dưới {b}"),
        (None, Some((b, true)), Lang::En) => format!("{b} or less"),
        (None, Some((b, false)), Lang::En) => format!("below {b}"),
        (None, None, _) => lang.pick("mọi giá trị", "every value").to_string(),
    }
}

/// A list of kinds or names, quoted as the file writes them.
fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|k| format!("{k:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
