//! RulesProblem in words: what is wrong with a criteria set, a policy or a script, and what
//! was expected.

use rust_decimal::Decimal;

use super::file::hint;
use crate::base::diag::{
    ConditionField, KindFamily, LeverWay, RulesProblem, ScriptFileProblem, ScriptOutcome,
    ScriptValue, SumOf,
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
        R::ScriptFile { path, problem } => format!(
            "{} {path}: {}",
            lang.pick("kịch bản", "the script"),
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
        R::InexactNumber { written } => lang.pick(
            format!(
                "số {written} có nhiều chữ số hơn một số thập phân chính xác giữ được (tối đa 28 chữ số sau dấu thập phân, khoảng 7,9 × 10^28): nó sẽ bị làm tròn; hãy viết ít chữ số hơn"
            ),
            format!(
                "the number {written} has more digits than an exact decimal holds (at most 28 after the point, about 7.9 × 10^28): it would be rounded; write fewer digits"
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
