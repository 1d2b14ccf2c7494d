//! The words of the council's screen (`cfc serve`'s pages), and of taking filled workbooks
//! into a round folder, which `cfc import` and the import page share
//! (`crate::xlsx::intake`'s refusals say themselves with these).

use crate::base::lang::Lang;
use crate::words::glossary::Term;

// ── Taking workbooks into a round folder ─────────────────────────────────────────────────

/// Where an import comes from: how a person asks to replace existing files differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// `cfc import`: the `--force` option.
    Cli,
    /// The import page: its "replace" box.
    Web,
}

/// A unit is also in other workbooks of the same import.
pub fn unit_also_in(code: &str, others: &str, lang: Lang) -> String {
    lang.pick(
        format!("đơn vị {code} cũng có trong {others}: không nhập bảng tính nào trong số đó"),
        format!("unit {code} is also in {others}: neither workbook is imported"),
    )
}

/// The unit already has an evidence file under another name.
pub fn older_file(code: &str, file: &str, lang: Lang) -> String {
    lang.pick(
        format!("đơn vị {code} đã có tệp số liệu {file}: hãy xóa tệp đó trước, để mỗi đơn vị chỉ có một tệp trong đợt đánh giá"),
        format!("unit {code} already has the evidence file {file}: remove it first, so that the round holds one file per unit"),
    )
}

/// The file exists and replacing it was not asked for.
pub fn exists(file: &str, door: Door, lang: Lang) -> String {
    match door {
        Door::Cli => lang.pick(
            format!("{file} đã có: không ghi đè (dùng --force để ghi đè)"),
            format!("{file} already exists: not replaced (use --force to replace it)"),
        ),
        Door::Web => lang.pick(
            format!(
                "{file} đã có: không ghi đè (chọn “{}” để ghi đè)",
                replace_box(Lang::Vi)
            ),
            format!(
                "{file} already exists: not replaced (tick “{}” to replace it)",
                replace_box(Lang::En)
            ),
        ),
    }
}

/// A folder stands where the file would be written.
pub fn folder_in_the_way(file: &str, lang: Lang) -> String {
    lang.pick(
        format!("{file} là một thư mục: không thể ghi tệp vào chỗ đó"),
        format!("{file} is a folder: no file can be written in its place"),
    )
}

/// `round.toml` asked for, but the round workbook's settings are not complete.
pub fn settings_incomplete(lang: Lang) -> &'static str {
    lang.pick(
        "cần ghi round.toml nhưng trang \"Thông tin\" chưa điền đủ",
        "round.toml asked for, but the \"Thông tin\" sheet is not complete",
    )
}

/// `round.toml` would also be written from other workbooks.
pub fn settings_also_in(others: &str, lang: Lang) -> String {
    lang.pick(
        format!("round.toml cũng sẽ được ghi từ {others}: không nhập bảng tính nào trong số đó"),
        format!("round.toml would also be written from {others}: neither workbook is imported"),
    )
}

/// The label of the import page's box that allows replacing existing files.
pub fn replace_box(lang: Lang) -> &'static str {
    lang.pick(
        "Ghi đè tệp số liệu đã có của cùng đơn vị",
        "Replace the existing evidence files of the same units",
    )
}

/// A workbook not imported: with the number of its problems, or for the refusals listed above.
pub fn not_imported(problems: Option<usize>, lang: Lang) -> String {
    match problems {
        None => lang.pick("không nhập", "not imported").to_string(),
        Some(1) => lang
            .pick("không nhập (1 lỗi)", "not imported (1 problem)")
            .to_string(),
        Some(n) => lang.pick(
            format!("không nhập ({n} lỗi)"),
            format!("not imported ({n} problems)"),
        ),
    }
}

/// `round.toml` asked for but no round workbook was imported.
pub fn no_round_workbook(lang: Lang) -> &'static str {
    lang.pick(
        "cần ghi round.toml nhưng không có bảng tính cả đợt (`template --round`) nào được nhập",
        "round.toml asked for, but no round workbook (`template --round`) was imported",
    )
}

/// How many evidence files an import wrote, and where.
pub fn wrote_evidence(written: usize, dir: &str, lang: Lang) -> String {
    lang.pick(
        format!("đã ghi {written} tệp số liệu vào {dir}"),
        format!("wrote {written} evidence files into {dir}"),
    )
}

/// An accepted workbook the folder could not take.
pub fn not_written(dir: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("không ghi được vào {dir}: {detail}"),
        format!("cannot write into {dir}: {detail}"),
    )
}

/// A workbook path that is a folder, a device or a pipe.
pub fn not_a_file(lang: Lang) -> &'static str {
    lang.pick(
        "không phải một tệp: cần một bảng tính (.xlsx)",
        "not a file: expected a workbook (.xlsx)",
    )
}

/// A workbook file the system could not read.
pub fn cannot_read(detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("không đọc được tệp: {detail}"),
        format!("cannot read the file: {detail}"),
    )
}

/// `cfc import` into a folder without `round.toml` and without `--criteria`.
pub fn no_criteria(dir: &str, lang: Lang) -> String {
    lang.pick(
        format!("{dir}: không có round.toml để biết bộ tiêu chí: hãy dùng --criteria FILE"),
        format!("{dir}: no round.toml there to name the criteria set: give --criteria FILE"),
    )
}

// ── The pages ────────────────────────────────────────────────────────────────────────────

/// The fixed words of the pages, one field each, so that a template names what it shows.
#[derive(Debug)]
pub struct Ui {
    /// The language's name in itself, for the switch to it.
    pub language: &'static str,
    /// The name of the application, in the title bar.
    pub app: &'static str,
    /// Link to the round page.
    pub round: &'static str,
    /// Link to the comparison.
    pub compare: &'static str,
    /// Link to the import page.
    pub import: &'static str,
    /// The skip link for keyboard users.
    pub skip: &'static str,
    /// Column: code.
    pub code: &'static str,
    /// Column: unit.
    pub unit: &'static str,
    /// Column: class.
    pub class: &'static str,
    /// Column: total points.
    pub total: &'static str,
    /// Column: threshold.
    pub threshold: &'static str,
    /// Column: disqualifiers.
    pub disqualifiers: &'static str,
    /// Column: result.
    pub result: &'static str,
    /// Filter: every unit.
    pub all: &'static str,
    /// Filter: recognised.
    pub recognised: &'static str,
    /// Filter: not recognised.
    pub refused: &'static str,
    /// Filter: disqualified.
    pub disqualified: &'static str,
    /// Filter: provisional rules in use.
    pub provisional: &'static str,
    /// Filter: files with errors.
    pub errors: &'static str,
    /// The filter links' group name.
    pub show: &'static str,
    /// The sort links' group name.
    pub sort_by: &'static str,
    /// Sort by name.
    pub name: &'static str,
    /// Heading of the files with errors.
    pub files_with_errors: &'static str,
    /// Heading of the warnings of the round's rules and settings.
    pub round_warnings: &'static str,
    /// No unit matches the filter.
    pub none_shown: &'static str,
    /// The summary PDF link.
    pub summary_pdf: &'static str,
    /// The reload button.
    pub reload: &'static str,
    /// Heading: why not recognised.
    pub reasons: &'static str,
    /// Heading: criteria and indicators.
    pub criteria: &'static str,
    /// Column: indicator.
    pub indicator: &'static str,
    /// Column: evidence read.
    pub evidence: &'static str,
    /// Column: the rule row applied.
    pub row: &'static str,
    /// Column: points.
    pub points: &'static str,
    /// Column: legal reference.
    pub reference: &'static str,
    /// Mark of a provisional rule.
    pub provisional_mark: &'static str,
    /// Mark of a confirmed rule.
    pub confirmed_mark: &'static str,
    /// A criterion met.
    pub met: &'static str,
    /// A criterion not met.
    pub not_met: &'static str,
    /// Heading: incidents.
    pub incidents: &'static str,
    /// Column: incident id.
    pub incident: &'static str,
    /// Column: date.
    pub date: &'static str,
    /// Column: kind.
    pub kind: &'static str,
    /// Column: whether the incident was fatal.
    pub fatal: &'static str,
    /// Column: whether its support plan was approved, by whom and when.
    pub support_plan: &'static str,
    /// Column: in the period.
    pub in_period: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// No incident recorded.
    pub no_incidents: &'static str,
    /// Heading: local disqualifiers.
    pub local_disqualifiers: &'static str,
    /// A disqualifier holds.
    pub holds: &'static str,
    /// A disqualifier does not hold.
    pub does_not_hold: &'static str,
    /// The dossier, shown in the browser.
    pub dossier_view: &'static str,
    /// The dossier, downloaded.
    pub dossier_download: &'static str,
    /// Heading of the what-if panel.
    pub whatif: &'static str,
    /// What the panel does.
    pub whatif_help: &'static str,
    /// The answer of the panel: heading.
    pub whatif_result: &'static str,
    /// Undo every change in the panel.
    pub whatif_reset: &'static str,
    /// Heading of that answer.
    pub whatif_smallest_title: &'static str,
    /// The panel without JavaScript.
    pub needs_js: &'static str,
    /// Incidents cannot be edited away.
    pub incidents_fixed: &'static str,
    /// Column: input.
    pub input: &'static str,
    /// Column: value in the file.
    pub in_file: &'static str,
    /// Column: value tried.
    pub tried: &'static str,
    /// Heading of the comparison.
    pub compare_title: &'static str,
    /// Column: before.
    pub before: &'static str,
    /// Column: after.
    pub after: &'static str,
    /// Column: criteria whose points moved.
    pub moved: &'static str,
    /// The decision changed.
    pub flipped: &'static str,
    /// Not in that result.
    pub absent: &'static str,
    /// Heading of the import page.
    pub import_title: &'static str,
    /// What the import page does.
    pub import_help: &'static str,
    /// The file field's label.
    pub workbooks: &'static str,
    /// The submit button.
    pub import_button: &'static str,
    /// Heading of the import's outcome.
    pub import_outcome: &'static str,
    /// Written files.
    pub written: &'static str,
    /// Back to the round.
    pub back_to_round: &'static str,
    /// Heading of the 404 page.
    pub not_found: &'static str,
    /// Heading of the page of a document or evaluation that failed.
    pub failed: &'static str,
    /// The last reload failed.
    pub reload_failed: &'static str,
    /// The criteria set.
    pub criteria_set: &'static str,
    /// The local policy.
    pub policy: &'static str,
    /// Units shown.
    pub shown: &'static str,
}

const VI: Ui = Ui {
    language: "Tiếng Việt",
    app: "Màn hình hội đồng",
    round: "Đợt đánh giá",
    compare: "So sánh",
    import: "Nhập bảng tính",
    skip: "Bỏ qua, tới nội dung chính",
    code: Term::Code.vi(),
    unit: Term::Unit.vi(),
    class: Term::Class.vi(),
    total: Term::TotalPoints.vi(),
    threshold: Term::Threshold.vi(),
    disqualifiers: Term::Disqualifiers.vi(),
    result: Term::Result.vi(),
    all: "Tất cả",
    recognised: "Công nhận",
    refused: "Không công nhận",
    disqualified: "Bị loại trừ",
    provisional: "Dùng quy tắc tạm thời",
    errors: "Tệp có lỗi",
    show: "Hiển thị",
    sort_by: "Sắp xếp theo",
    name: "Tên",
    files_with_errors: "Tệp số liệu có lỗi",
    round_warnings: "Cảnh báo: quy tắc hoặc thiết lập của đợt có thể không như ý người soạn",
    none_shown: "Không có đơn vị nào phù hợp.",
    summary_pdf: "Bảng tổng hợp (PDF)",
    reload: "Tải lại đợt đánh giá",
    reasons: "Lý do không công nhận (tất cả)",
    criteria: "Tiêu chí và chỉ tiêu",
    indicator: Term::Indicator.vi(),
    evidence: "Số liệu đã đọc",
    row: "Bậc áp dụng",
    points: Term::Points.vi(),
    reference: "Căn cứ",
    provisional_mark: "tạm thời",
    confirmed_mark: "đã xác nhận",
    met: Term::Met.vi(),
    not_met: Term::NotMet.vi(),
    incidents: "Sự việc",
    incident: "Mã sự việc",
    date: "Ngày",
    kind: "Loại",
    fatal: Term::Fatal.vi(),
    support_plan: Term::SupportPlan.vi(),
    in_period: "Trong kỳ",
    yes: Term::Yes.vi(),
    no: "không",
    no_incidents: "Không có sự việc nào được ghi nhận.",
    local_disqualifiers: "Điều kiện loại trừ của địa phương",
    holds: "CÓ",
    does_not_hold: "không",
    dossier_view: "Xem hồ sơ (PDF)",
    dossier_download: "Tải hồ sơ về",
    whatif: "Nếu số liệu khác thì sao?",
    whatif_help: "Sửa bất kỳ số liệu nào: điểm, tổng điểm và kết quả được tính lại ngay. Không tệp nào bị thay đổi.",
    whatif_result: "Kết quả khi thử",
    whatif_reset: "Trở về số liệu của tệp",
    whatif_smallest_title: "Thay đổi nhỏ nhất để được công nhận",
    needs_js: "Tính lại ngay cần JavaScript; các phần khác của trang vẫn dùng được.",
    incidents_fixed: "Sự việc và điều kiện loại trừ không sửa được ở đây.",
    input: "Số liệu",
    in_file: "Trong tệp",
    tried: "Thử",
    compare_title: "So sánh với kết quả khác",
    before: "Trước",
    after: "Nay",
    moved: "Tiêu chí thay đổi điểm",
    flipped: "đổi kết quả",
    absent: "không có",
    import_title: "Nhập bảng tính đã điền",
    import_help: "Chọn các bảng tính tạo bởi cfc template --xlsx. Bảng tính hợp lệ được ghi thành tệp số liệu trong thư mục đợt đánh giá; bảng tính có lỗi không ghi gì, mọi lỗi được chỉ theo trang và ô.",
    workbooks: "Bảng tính (.xlsx)",
    import_button: "Nhập",
    import_outcome: "Kết quả nhập",
    written: "Đã ghi",
    back_to_round: "Về đợt đánh giá",
    not_found: "Không tìm thấy",
    failed: "Không thực hiện được",
    reload_failed: "Lần tải lại gần nhất không thành công; vẫn hiển thị đợt đánh giá trước đó",
    criteria_set: "Bộ tiêu chí",
    policy: Term::DisqualifierConditions.vi(),
    shown: "Đang hiển thị",
};

const EN: Ui = Ui {
    language: "English",
    app: "Council screen",
    round: "Round",
    compare: "Compare",
    import: "Import workbooks",
    skip: "Skip to the main content",
    code: Term::Code.en(),
    unit: Term::Unit.en(),
    class: Term::Class.en(),
    total: Term::TotalPoints.en(),
    threshold: Term::Threshold.en(),
    disqualifiers: "Disqualifiers",
    result: Term::Result.en(),
    all: "All",
    recognised: "Recognised",
    refused: "Not recognised",
    disqualified: "Disqualified",
    provisional: "Provisional rules in use",
    errors: "Files with errors",
    show: "Show",
    sort_by: "Sort by",
    name: "Name",
    files_with_errors: "Evidence files with errors",
    round_warnings: "Warnings: the round's rules or settings may not be what their author meant",
    none_shown: "No unit matches.",
    summary_pdf: "Summary (PDF)",
    reload: "Reload the round",
    reasons: "Why not recognised (every failing condition)",
    criteria: "Criteria and indicators",
    indicator: Term::Indicator.en(),
    evidence: "Evidence read",
    row: "Step applied",
    points: Term::Points.en(),
    reference: "Reference",
    provisional_mark: "provisional",
    confirmed_mark: "confirmed",
    met: Term::Met.en(),
    not_met: Term::NotMet.en(),
    incidents: "Incidents",
    incident: "Incident",
    date: "Date",
    kind: "Kind",
    fatal: Term::Fatal.en(),
    support_plan: Term::SupportPlan.en(),
    in_period: "In the period",
    yes: Term::Yes.en(),
    no: "no",
    no_incidents: "No incident recorded.",
    local_disqualifiers: "Local disqualifiers",
    holds: "HOLDS",
    does_not_hold: "no",
    dossier_view: "View the dossier (PDF)",
    dossier_download: "Download the dossier",
    whatif: "What if the figures were different?",
    whatif_help: "Change any figure: the points, the total and the decision are recomputed at once. No file is changed.",
    whatif_result: "Result with the figures tried",
    whatif_reset: "Back to the file's figures",
    whatif_smallest_title: "Smallest change to be recognised",
    needs_js: "Live recomputing needs JavaScript; the rest of the page works without it.",
    incidents_fixed: "Incidents and disqualifiers cannot be edited here.",
    input: "Figure",
    in_file: "In the file",
    tried: "Tried",
    compare_title: "Comparison with other results",
    before: "Before",
    after: "Now",
    moved: "Criteria whose points moved",
    flipped: "decision changed",
    absent: "absent",
    import_title: "Import filled workbooks",
    import_help: "Choose workbooks made by cfc template --xlsx. Valid ones are written as evidence files into the round folder; a workbook with errors writes nothing, and every error is shown by sheet and cell.",
    workbooks: "Workbooks (.xlsx)",
    import_button: "Import",
    import_outcome: "Import outcome",
    written: "Written",
    back_to_round: "Back to the round",
    not_found: "Not found",
    failed: "Could not be done",
    reload_failed: "The last reload failed; the round loaded before it is still shown",
    criteria_set: "Criteria set",
    policy: "Disqualifiers",
    shown: "Shown",
};

/// The fixed words of the pages in a language.
pub fn ui(lang: Lang) -> &'static Ui {
    lang.pick(&VI, &EN)
}

/// The counts line of the round page.
pub fn counts(units: usize, recognised: usize, files_with_errors: usize, lang: Lang) -> String {
    let refused = units - recognised.min(units);
    lang.pick(
        format!("{units} đơn vị được đánh giá: {recognised} công nhận, {refused} không công nhận; {files_with_errors} tệp có lỗi."),
        format!("{units} units evaluated: {recognised} recognised, {refused} not recognised; {files_with_errors} files with errors."),
    )
}

/// Which load of the round is shown, and when it was loaded.
pub fn generation(generation: u64, loaded: &str, lang: Lang) -> String {
    lang.pick(
        format!("Lần tải thứ {generation}, lúc {loaded}"),
        format!("Load {generation}, at {loaded}"),
    )
}

/// No unit of that code in the round.
pub fn no_unit(code: &str, lang: Lang) -> String {
    lang.pick(
        format!("Đợt đánh giá không có đơn vị mã {code} được đánh giá (tệp không có hoặc có lỗi)."),
        format!(
            "The round has no evaluated unit of code {code} (its file is missing or has errors)."
        ),
    )
}

/// No comparison was asked for when the server started.
pub fn no_compare(lang: Lang) -> &'static str {
    lang.pick(
        "Chưa có kết quả để so sánh: hãy khởi động lại với cfc serve THƯ_MỤC --compare KẾT_QUẢ (một thư mục đợt đánh giá khác hoặc tệp results.json, ví dụ của năm trước).",
        "No results to compare with: start again with cfc serve ROUND_DIR --compare OTHER (another round folder or a results.json, e.g. last year's).",
    )
}

/// The comparison's heading line: which two results.
pub fn compared(before: &str, after: &str, lang: Lang) -> String {
    lang.pick(
        format!("Trước: {before} — Nay: {after}"),
        format!("Before: {before} — Now: {after}"),
    )
}

/// The counts of the comparison.
pub fn compare_counts(s: &crate::audit::diff::Summary, lang: Lang) -> String {
    lang.pick(
        format!(
            "{} đơn vị có ở cả hai; {} thay đổi tổng điểm; {} nay được công nhận; {} không còn được công nhận; {} chỉ có trước; {} chỉ có nay.",
            s.compared, s.total_changed, s.newly_recognised, s.no_longer_recognised, s.only_before, s.only_after
        ),
        format!(
            "{} units in both; {} with another total; {} newly recognised; {} no longer recognised; {} only before; {} only now.",
            s.compared, s.total_changed, s.newly_recognised, s.no_longer_recognised, s.only_before, s.only_after
        ),
    )
}

/// A what-if answer that cannot be evaluated: the figures are not valid evidence.
pub fn invalid_figures(lang: Lang) -> &'static str {
    lang.pick(
        "Số liệu thử không hợp lệ:",
        "The figures tried are not valid:",
    )
}

/// The what-if panel names an input the criteria set does not declare.
pub fn unknown_input(name: &str, lang: Lang) -> String {
    lang.pick(
        format!("{name}: không phải số liệu của bộ tiêu chí"),
        format!("{name}: not an input of the criteria set"),
    )
}

/// An upload that holds no workbook.
pub fn no_workbook(lang: Lang) -> &'static str {
    lang.pick("Chưa chọn bảng tính nào.", "No workbook was chosen.")
}

/// The upload could not be read as a form. The detail is the web library's English: a
/// Vietnamese reader is told what to do without it.
pub fn bad_upload(detail: &str, lang: Lang) -> String {
    lang.pick(
        "Không đọc được nội dung tải lên (kết nối bị ngắt, hoặc các tệp quá lớn): hãy chọn lại các bảng tính và nhập lại.".to_string(),
        format!("The upload could not be read: {detail}"),
    )
}

/// Why a document could not be drawn or an import not run (under the heading
/// [`Ui::failed`]).
pub fn cause(detail: &str, lang: Lang) -> String {
    lang.pick(format!("Nguyên nhân: {detail}"), format!("Cause: {detail}"))
}

/// The heading of a page that answers with an HTTP status other than success.
pub fn status_heading(status: u16, lang: Lang) -> &'static str {
    match status {
        401 => lang.pick("Cần mã truy cập", "An access token is needed"),
        403 => lang.pick("Yêu cầu bị từ chối", "Request refused"),
        404 => ui(lang).not_found,
        405 => lang.pick(
            "Địa chỉ này không nhận cách gửi đó",
            "This address does not take that kind of request",
        ),
        413 => lang.pick("Nội dung gửi quá lớn", "Too large"),
        421 => lang.pick("Địa chỉ máy chủ không đúng", "Wrong server address"),
        503 => lang.pick("Quá thời gian", "Took too long"),
        _ => ui(lang).failed,
    }
}

/// A page asked for without the access token.
pub fn unauthorized_page(lang: Lang) -> &'static str {
    lang.pick(
        "Màn hình này cần mã truy cập. Hãy mở đúng địa chỉ có ?token=… mà cfc serve đã in khi khởi động; trình duyệt sẽ nhớ mã cho các trang sau.",
        "This screen needs the access token. Open the address with ?token=… that cfc serve printed when it started; the browser then keeps the token for the other pages.",
    )
}

/// A form or button whose request the browser says comes from another site, or whose page
/// is older than the server (its form token is no longer valid).
pub fn not_from_own_page(lang: Lang) -> &'static str {
    lang.pick(
        "Yêu cầu này không được thực hiện vì trình duyệt không cho thấy nó được gửi từ màn hình của cfc serve. Nếu bạn vừa bấm nút trên màn hình hội đồng, hãy tải lại trang (F5) rồi thử lại.",
        "This request was not carried out because the browser does not show that it was sent from cfc serve's screen. If you just pressed a button of the council's screen, reload the page (F5) and try again.",
    )
}

/// An address the screen does not have.
pub fn no_page(lang: Lang) -> &'static str {
    lang.pick(
        "Màn hình hội đồng không có trang ở địa chỉ này.",
        "The council's screen has no page at this address.",
    )
}

/// A method the address does not take (a form sent to a page that is only read, say).
pub fn wrong_method(lang: Lang) -> &'static str {
    lang.pick(
        "Địa chỉ này không nhận yêu cầu kiểu này. Hãy dùng các nút và liên kết trên màn hình.",
        "This address does not take this kind of request. Use the buttons and links of the screen.",
    )
}

// ── The what-if panel ────────────────────────────────────────────────────────────────────

/// A figure typed in the panel that is not a value of its input: what it takes (the form's
/// own requirement) and how the page writes one (`example`: the file's value as shown).
pub fn not_a_figure(
    label: &str,
    found: &str,
    requirement: &str,
    example: &str,
    lang: Lang,
) -> String {
    lang.pick(
        format!("{label}: “{found}” không phải giá trị hợp lệ (cần {requirement}, viết như {example})"),
        format!("{label}: “{found}” is not a valid value (expected {requirement}, written like {example})"),
    )
}

/// One change of the smallest change, as the council reads it.
pub fn smallest_change(label: &str, from: &str, to: &str, lang: Lang) -> String {
    lang.pick(
        format!("{label}: từ {from} thành {to}"),
        format!("{label}: from {from} to {to}"),
    )
}

/// What the smallest change gives.
pub fn smallest_after(total: &str, decision: &str, lang: Lang) -> String {
    lang.pick(
        format!("Khi đó tổng điểm là {total}: {decision}."),
        format!("The total is then {total}: {decision}."),
    )
}

/// The button that puts the smallest change into the panel.
pub fn try_smallest(lang: Lang) -> &'static str {
    lang.pick("Thử thay đổi này", "Try this change")
}

/// The unit is recognised with its file's figures: no change is needed.
pub fn nothing_to_change(lang: Lang) -> &'static str {
    lang.pick(
        "Theo số liệu của tệp, đơn vị đã được công nhận: không cần thay đổi gì.",
        "With its file's figures the unit is recognised: nothing needs to change.",
    )
}

/// The unit cannot be recognised this round, for the reasons listed after it.
pub fn cannot_be_recognised(lang: Lang) -> &'static str {
    lang.pick(
        "Không thể được công nhận trong đợt này:",
        "Recognition is impossible this round:",
    )
}

/// The score still needs changes even though recognition is impossible.
pub fn score_would_need(lang: Lang) -> &'static str {
    lang.pick(
        "Dù vậy, để đủ điểm thì cần:",
        "Even so, for the score it would take:",
    )
}

/// The what-if panel's line under its verdict: the file's own result, and how many figures
/// differ from the file.
pub fn tried_note(file_total: &str, file_decision: &str, changed: usize, lang: Lang) -> String {
    let file = lang.pick(
        format!("Theo tệp: {file_total} — {file_decision}"),
        format!("With the file's figures: {file_total} — {file_decision}"),
    );
    match changed {
        0 => file,
        1 => lang.pick(
            format!("{file}. Đã sửa 1 số liệu."),
            format!("{file}. 1 figure changed."),
        ),
        n => lang.pick(
            format!("{file}. Đã sửa {n} số liệu."),
            format!("{file}. {n} figures changed."),
        ),
    }
}

/// In place of a decision when the figures tried cannot be evaluated.
pub fn no_result(lang: Lang) -> &'static str {
    lang.pick("chưa có kết quả", "no result")
}

/// The panel of a unit whose evidence file is no longer in the round.
pub fn unit_gone(code: &str, lang: Lang) -> String {
    lang.pick(
        format!("Tệp số liệu của đơn vị {code} không còn trong đợt đánh giá (đã bị xóa, đổi tên, hoặc nay có lỗi): không thử được số liệu nào. Hãy về trang đợt đánh giá."),
        format!("The evidence file of unit {code} is no longer in the round (deleted, renamed, or now with errors): no figure can be tried. Go back to the round page."),
    )
}

/// The panel could not reach the server.
pub fn server_unreachable(lang: Lang) -> &'static str {
    lang.pick(
        "Không liên lạc được với cfc serve: kết quả chưa được tính lại.",
        "cfc serve cannot be reached: the result was not recomputed.",
    )
}

/// Heading of the points of every criterion with the figures tried.
pub fn criteria_tried(lang: Lang) -> &'static str {
    lang.pick(
        "Điểm từng tiêu chí khi thử",
        "Points of each criterion as tried",
    )
}

/// Heading of the reasons with the figures tried.
pub fn reasons_tried(lang: Lang) -> &'static str {
    lang.pick("Lý do khi thử", "Reasons as tried")
}

// ── Problems for people who know the form by its labels ──────────────────────────────────

/// The inputs a problem names, as their labels.
fn relabel(
    p: &mut crate::base::diag::Problem,
    set: &crate::rules::criteria::CriteriaSet,
    lang: Lang,
) {
    use crate::base::diag::{EvidenceProblem, Problem};
    if let Problem::Evidence(
        EvidenceProblem::PartExceedsWhole { whole: name, .. }
        | EvidenceProblem::BelowFloor { floor: name, .. },
    ) = p
        && let Some(label) = set.label_of(name)
    {
        *name = label.get(lang).to_string();
    }
}

/// A problem, every input it names shown by its label: the council reads "Số trẻ em dưới 1
/// tuổi", never `under1_children` (which `cfc check` shows, for the file's author).
pub fn by_labels(
    p: &crate::base::diag::Problem,
    set: &crate::rules::criteria::CriteriaSet,
    lang: Lang,
) -> String {
    let mut p = p.clone();
    relabel(&mut p, set, lang);
    crate::words::problems::problem(&p, lang)
}

/// A workbook's problem for the import page: located by workbook, sheet and cell, with the
/// input's label rather than its field id (a header field needs none: its cell says where).
pub fn cell_by_labels(
    p: &crate::base::diag::CellProblem,
    set: &crate::rules::criteria::CriteriaSet,
    lang: Lang,
) -> String {
    let mut p = p.clone();
    p.field = p
        .field
        .as_str()
        .strip_prefix("inputs.")
        .and_then(|name| set.label_of(name))
        .map_or_else(crate::base::diag::FieldPath::whole_file, |label| {
            label.get(lang).into()
        });
    relabel(&mut p.problem, set, lang);
    crate::words::problems::cell(&p, lang)
}

/// What the screen says of an incident's support plan: no; yes; or yes with who approved it
/// and on which day, when the evidence records them (what indicator 6.2 may count).
pub fn support_plan(
    approved: bool,
    by: Option<crate::form::Role>,
    on: Option<crate::base::date::Date>,
    lang: Lang,
) -> String {
    let t = ui(lang);
    if !approved {
        return t.no.to_string();
    }
    let recorded: Vec<String> = by
        .map(|role| super::form::role(role, lang).to_string())
        .into_iter()
        .chain(on.map(|day| super::format::date(day, lang)))
        .collect();
    if recorded.is_empty() {
        t.yes.to_string()
    } else {
        format!("{} — {}", t.yes, recorded.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Role;

    #[test]
    fn a_support_plan_says_who_approved_it_and_when_as_recorded() {
        let day = crate::base::date::Date::new(2024, 5, 12).unwrap();
        assert_eq!(support_plan(false, None, None, Lang::Vi), "không");
        assert_eq!(support_plan(true, None, None, Lang::En), "yes");
        assert_eq!(
            support_plan(true, Some(Role::CommuneChair), Some(day), Lang::Vi),
            "có — Chủ tịch UBND cấp xã, 12/05/2024"
        );
        assert_eq!(
            support_plan(true, None, Some(day), Lang::En),
            "yes — 2024-05-12"
        );
    }
}
