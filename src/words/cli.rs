//! The sentences the command line says on standard error and in its short reports, in the
//! reader's language. (Problems in files are [`crate::words::problems`]'s.)

use crate::base::date::Date;
use crate::base::diag::RuleFile;
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::rules::travel::PlaceError;
use crate::words::format;

/// Standard output could not take the results.
pub fn unprinted(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("cfc: không ghi được ra đầu ra chuẩn: {detail}"),
        format!("cfc: cannot write to standard output: {detail}"),
    )
}

/// A unit asked for by code has no valid evidence in the round.
pub fn no_such_unit(dir: &str, code: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: đợt đánh giá không có số liệu hợp lệ của đơn vị {code} (tệp không có hoặc có lỗi)"),
        format!("{dir}: no valid evidence for unit {code} in this round (its file is missing or has errors)"),
    )
}

/// A unit's rules failed to run.
pub fn not_evaluated(code: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("đơn vị {code} không đánh giá được: {detail}"),
        format!("unit {code} could not be evaluated: {detail}"),
    )
}

/// What `evaluate --out` wrote.
pub fn wrote_round(dir: &str, dossiers: usize, lang: Lang) -> String {
    lang.pick(
        format!("đã ghi {dir}: results.json, results.csv, results.xlsx, {dossiers} hồ sơ, summary.pdf, bản sao các tệp đầu vào (inputs/) và manifest.json"),
        format!("wrote {dir}: results.json, results.csv, results.xlsx, {dossiers} dossiers, summary.pdf, the copies of the inputs (inputs/) and manifest.json"),
    )
}

/// The progress bar's name while the dossiers are drawn.
pub fn progress(lang: Lang) -> &'static str {
    lang.pick("hồ sơ PDF", "PDF dossiers")
}

/// What `cfc check` says of a criteria set.
pub fn set_summary(
    id: &str,
    title: &str,
    (criteria, indicators, inputs): (usize, usize, usize),
    max: Points,
    lang: Lang,
) -> String {
    let max = format::points(max, lang);
    lang.pick(
        format!("bộ tiêu chí {id} — {title}: {criteria} tiêu chí, {indicators} chỉ tiêu, {inputs} số liệu đầu vào, {max} điểm"),
        format!("criteria set {id} — {title}: {criteria} criteria, {indicators} indicators, {inputs} inputs, {max} points"),
    )
}

/// The thresholds of a set's classes, for `cfc check`.
pub fn thresholds(classes: &[(String, Points)], lang: Lang) -> String {
    let list: Vec<String> = classes
        .iter()
        .map(|(label, t)| format!("{label}: {}", format::points(*t, lang)))
        .collect();
    let list = list.join("; ");
    lang.pick(
        format!("ngưỡng công nhận — {list}"),
        format!("thresholds — {list}"),
    )
}

/// A policy's disqualifiers, for `cfc check`.
pub fn policy_summary(title: &str, disqualifiers: &[String], lang: Lang) -> String {
    let list = disqualifiers.join("; ");
    lang.pick(
        format!("chính sách {title}: điều kiện loại trừ — {list}"),
        format!("policy {title}: disqualifiers — {list}"),
    )
}

/// The provisional rules of a set, for `cfc check`.
pub fn provisional<S: std::borrow::Borrow<str>>(ids: &[S], of: usize, lang: Lang) -> String {
    let (n, ids) = (ids.len(), ids.join(", "));
    lang.pick(
        format!("quy tắc tạm thời ({n}/{of}, chưa xác nhận với văn bản chính thức): {ids}"),
        format!("provisional rules ({n} of {of}, not confirmed against the official text): {ids}"),
    )
}

/// The end of `cfc check` for a set alone.
pub fn check_ok(lang: Lang) -> &'static str {
    lang.pick("hợp lệ", "ok")
}

/// How many warnings the analysis of the rules gave, at the end of `cfc check`; `denied`
/// when `--deny-warnings` makes them errors.
pub fn check_warnings(warnings: usize, denied: bool, lang: Lang) -> String {
    match (denied, lang) {
        (false, Lang::Vi) => format!(
            "{warnings} cảnh báo: quy tắc có thể không như ý người soạn (--deny-warnings coi cảnh báo là lỗi)"
        ),
        (false, Lang::En) => format!(
            "{warnings} warning(s): the rules may not be what their author meant (--deny-warnings makes them errors)"
        ),
        (true, Lang::Vi) => format!("{warnings} cảnh báo, coi là lỗi (--deny-warnings)"),
        (true, Lang::En) => format!("{warnings} warning(s), denied (--deny-warnings)"),
    }
}

/// The end of `cfc check` for a round.
pub fn check_round(valid: usize, bad_files: usize, problems: usize, lang: Lang) -> String {
    lang.pick(
        format!("{valid} tệp đơn vị hợp lệ, {bad_files} tệp có {problems} lỗi"),
        format!("{valid} unit file(s) valid, {bad_files} file(s) with {problems} problem(s)"),
    )
}

/// `--province` names no province of the official list.
pub fn unknown_province(given: &str, in_force: &str, lang: Lang) -> String {
    lang.pick(
        format!("--province {given:?}: không phải mã tỉnh trong danh mục chính thức có hiệu lực từ {in_force}: cần hai chữ số, ví dụ \"51\" cho Tỉnh Quảng Ngãi"),
        format!("--province {given:?}: not a province code of the official list in force since {in_force}: expected two digits, e.g. \"51\" for Tỉnh Quảng Ngãi"),
    )
}

/// `--year` before the official list applies.
pub fn year_before_list(year: u16, first: u16, in_force: &str, lang: Lang) -> String {
    lang.pick(
        format!("--year {year}: danh mục chính thức áp dụng từ năm {first} (đơn vị có hiệu lực từ {in_force}); các đợt của những năm trước giữ đơn vị cũ"),
        format!("--year {year}: the official list applies from {first} (units in force since {in_force}); rounds of earlier years keep their old units"),
    )
}

/// A unit or province whose code cannot name a file.
pub fn code_not_a_file_name(province: bool, code: &str, lang: Lang) -> String {
    let what = if province {
        lang.pick("tỉnh", "province")
    } else {
        lang.pick("đơn vị", "unit")
    };
    lang.pick(
        format!("{what} {code}: mã này không dùng làm tên tệp được"),
        format!("{what} {code}: its code cannot name a file"),
    )
}

/// A skeleton cfc generated is refused by cfc itself: a bug, said as such.
pub fn skeleton_invalid(code: &str, lang: Lang) -> String {
    lang.pick(
        format!("lỗi nội bộ: tệp số liệu mẫu của đơn vị {code} không hợp lệ"),
        format!("internal error: the skeleton of unit {code} is invalid"),
    )
}

/// The `round.toml` cfc generated is refused by cfc itself: a bug, said as such.
pub fn round_toml_invalid(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("lỗi nội bộ: round.toml do cfc tạo ra không hợp lệ: {detail}"),
        format!("internal error: the generated round.toml is invalid: {detail}"),
    )
}

/// A workbook could not be made.
pub fn workbook_failed(dir: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: không tạo được sổ tính: {detail}"),
        format!("{dir}: cannot make the workbook: {detail}"),
    )
}

/// A file kept because it exists.
pub fn kept(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path} đã có: giữ nguyên, không thay thế"),
        format!("{path} already exists: kept, not replaced"),
    )
}

/// A folder could not be created.
pub fn cannot_create(dir: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: không tạo được thư mục: {detail}"),
        format!("{dir}: cannot create the folder: {detail}"),
    )
}

/// A new round could not be written.
pub fn cannot_write_round(dir: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: không ghi được đợt đánh giá: {detail}"),
        format!("{dir}: cannot write the round: {detail}"),
    )
}

/// What `cfc new-round` wrote.
pub fn wrote_files(n: usize, dir: &str, kept: usize, lang: Lang) -> String {
    let kept = match kept {
        0 => String::new(),
        k => lang.pick(
            format!("; giữ {k} tệp đã có"),
            format!("; kept {k} existing"),
        ),
    };
    lang.pick(
        format!("đã ghi {n} tệp vào {dir}{kept}"),
        format!("wrote {n} file(s) in {dir}{kept}"),
    )
}

/// `cfc template --from`: the round is under another criteria set than the one given.
pub fn other_criteria(dir: &str, used: &str, given: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: đợt đánh giá dùng bộ tiêu chí {used}, không phải {given}"),
        format!("{dir}: the round uses criteria set {used}, not {given}"),
    )
}

/// `cfc template --from`: the units whose files have errors are not in the workbooks.
pub fn left_out_of_workbooks(lang: Lang) -> &'static str {
    lang.pick(
        "các đơn vị đó không có trong sổ tính",
        "those units are left out of the workbook",
    )
}

/// Two workbooks would go to one file.
pub fn written_twice(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path} sẽ bị ghi hai lần"),
        format!("{path} would be written twice"),
    )
}

/// Nothing was written, after the refusals listed.
pub fn no_workbook_written(lang: Lang) -> &'static str {
    lang.pick("không ghi sổ tính nào", "no workbook written")
}

/// The workbooks could not be written; none was.
pub fn cannot_write_workbooks(dir: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: không ghi được các sổ tính (không sổ nào được ghi): {detail}"),
        format!("{dir}: cannot write the workbooks (none was written): {detail}"),
    )
}

/// A file written.
pub fn wrote_file(path: &str, lang: Lang) -> String {
    lang.pick(format!("đã ghi {path}"), format!("wrote {path}"))
}

// ── rules that travel with the round (issue 22) ───────────────────────────────────────────

/// "criteria set" or "policy", as a noun in a sentence.
fn rule_kind(rule: RuleFile, lang: Lang) -> &'static str {
    match rule {
        RuleFile::Criteria => lang.pick("bộ tiêu chí", "criteria set"),
        RuleFile::Policy => lang.pick("chính sách", "policy"),
    }
}

/// An option names neither a shipped set nor a file.
pub fn not_shipped(written: &str, rule: RuleFile, shipped: &[String], lang: Lang) -> String {
    let what = rule_kind(rule, lang);
    let ids = shipped.join(", ");
    lang.pick(
        format!("{written}: không phải mã của {what} có sẵn trong cfc ({ids}), cũng không phải một tệp (`cfc sets` liệt kê các bộ có sẵn)"),
        format!("{written}: neither the id of a {what} shipped with cfc ({ids}) nor a file (`cfc sets` lists the shipped ones)"),
    )
}

/// The head of `cfc sets`.
pub fn sets_head(lang: Lang) -> &'static str {
    lang.pick(
        "Các bộ tiêu chí và chính sách có sẵn trong cfc. round.toml ghi mã của chúng (criteria = \"…\", policy = \"…\"), và thư mục đợt đánh giá mang đi nơi khác được mà không cần tệp nào khác:",
        "The criteria sets and policies shipped inside cfc. round.toml names them by id (criteria = \"…\", policy = \"…\"), and the round folder then travels without any other file:",
    )
}

/// A shipped criteria set in `cfc sets`.
pub fn shipped_set(
    id: &str,
    title: &str,
    (effective, until): (Date, Option<Date>),
    source: &str,
    lang: Lang,
) -> String {
    let from = format::date(effective, lang);
    let until = until.map_or(String::new(), |u| {
        lang.pick(
            format!(" đến {}", format::date(u, lang)),
            format!(" until {}", format::date(u, lang)),
        )
    });
    lang.pick(
        format!("  {id}: bộ tiêu chí — {title}; hiệu lực từ {from}{until}; tệp nguồn {source}"),
        format!("  {id}: criteria set — {title}; in force from {from}{until}; source {source}"),
    )
}

/// A shipped policy in `cfc sets`.
pub fn shipped_policy(id: &str, title: &str, criteria: &str, source: &str, lang: Lang) -> String {
    lang.pick(
        format!("  {id}: chính sách — {title}; cho bộ tiêu chí {criteria}; tệp nguồn {source}"),
        format!("  {id}: policy — {title}; for the criteria set {criteria}; source {source}"),
    )
}

/// `cfc check`: a rule file of the round lies outside its folder.
pub fn leaves_folder(
    settings: &str,
    rule: RuleFile,
    written: &str,
    file: &str,
    lang: Lang,
) -> String {
    let what = rule_kind(rule, lang);
    lang.pick(
        format!("{settings}: cảnh báo: {what} {written:?} dùng tệp {file} nằm ngoài thư mục của đợt: thư mục này mang đi nơi khác sẽ không mở được; hãy ghi mã của một bộ có sẵn trong cfc (`cfc sets`) hoặc chép bộ đó vào thư mục của đợt (ví dụ rules/)"),
        format!("{settings}: warning: the {what} {written:?} uses {file}, outside the round folder: the folder will not open once moved or copied alone; name a set shipped with cfc by its id (`cfc sets`), or copy the set into the round folder (e.g. rules/)"),
    )
}

/// `new-round` or `import --round-toml`: a set could not be made part of the round folder.
pub fn not_placed(rule: RuleFile, problem: &PlaceError, lang: Lang) -> String {
    let what = rule_kind(rule, lang);
    let why = match problem {
        PlaceError::Unreadable {
            file,
            cause,
            reason,
        } => format!(
            "{file}: {}",
            crate::words::problems::io_cause(*cause, reason, lang)
        ),
        PlaceError::NotRules { file, detail } => lang.pick(
            format!("{file}: không phải tệp quy tắc TOML: {detail}"),
            format!("{file}: not a TOML rule file: {detail}"),
        ),
        PlaceError::Outside { file, root } => lang.pick(
            format!("kịch bản {file} nằm ngoài {root}"),
            format!("the script {file} lies outside {root}"),
        ),
        PlaceError::Conflict { file } => lang.pick(
            format!("{file} đã có và khác tệp của bộ: không thay thế"),
            format!("{file} already exists and differs from the set's file: not replaced"),
        ),
    };
    lang.pick(
        format!("không chép được {what} vào thư mục của đợt: {why}"),
        format!("cannot copy the {what} into the round folder: {why}"),
    )
}

/// `new-round`: a set that is not shipped was copied into the folder.
pub fn copied_rules(rule: RuleFile, written: &str, lang: Lang) -> String {
    let what = rule_kind(rule, lang);
    lang.pick(
        format!("{what} không có sẵn trong cfc: đã chép vào thư mục của đợt, round.toml ghi {written:?}"),
        format!("the {what} is not shipped with cfc: copied into the round folder, round.toml names {written:?}"),
    )
}

/// `cfc man` or `cfc help` asked for a command cfc does not have.
pub fn no_such_command(name: &str, lang: Lang) -> String {
    lang.pick(
        format!("cfc không có lệnh \"{name}\": xem cfc --help"),
        format!("cfc has no command \"{name}\": see cfc --help"),
    )
}

/// The title of cfc's manual pages.
pub fn manual_title(lang: Lang) -> &'static str {
    lang.pick(
        "Hướng dẫn cfc: đánh giá, công nhận đơn vị cấp xã theo bộ tiêu chí",
        "cfc manual: child-friendly commune evaluation",
    )
}
