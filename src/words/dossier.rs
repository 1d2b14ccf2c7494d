//! The words of the PDF decision dossier and of the round's summary.
//!
//! The Vietnamese dossier is the document of record: its phrases follow the administrative
//! form of Nghị định 30/2020/NĐ-CP (`spec/dossier.md`). The English dossier translates it
//! faithfully, for donors and auditors, and says on its first page that the Vietnamese one is
//! of record. Fixed phrases are the fields of [`Words`]; phrases that carry a value are the
//! functions of this module. Every figure goes through [`mod@format`].

use rust_decimal::Decimal;

use super::format;
use crate::base::date::Date;
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evidence::Value;
use crate::rules::criteria::{InputType, OutsideEffect};
use crate::rules::policy::Window;
use crate::script::Ratio;
use crate::words::glossary::Term;

/// The fixed phrases of the dossier and the summary in one language.
#[derive(Debug)]
pub struct Words {
    /// The first line of the national motto block (Quốc hiệu).
    pub national_name: &'static str,
    /// Its second line (tiêu ngữ).
    pub motto: &'static str,
    /// The first page's note that a translation is not the document of record (none in
    /// Vietnamese, the language of record).
    pub of_record: Option<&'static str>,
    /// The page mark of illustrative (synthetic) data.
    pub illustrative: &'static str,
    /// The page mark of a round outside its criteria set's period in force.
    pub outside_effect: &'static str,
    /// Section 1's heading.
    pub score_heading: &'static str,
    /// Section 2's heading.
    pub register_heading: &'static str,
    /// Section 3's heading.
    pub disqualifiers_heading: &'static str,
    /// Section 4's heading.
    pub conclusion_heading: &'static str,
    /// Section 5's heading.
    pub criteria_heading: &'static str,
    /// Section 6's heading.
    pub provenance_heading: &'static str,
    /// Score table header: the indicator.
    pub indicator: &'static str,
    /// Score table header: the evidence it used.
    pub evidence: &'static str,
    /// Score table header: the rule row that applied.
    pub rule: &'static str,
    /// Score table header: points.
    pub points: &'static str,
    /// A criterion that is met.
    pub met: &'static str,
    /// A criterion that is not met.
    pub not_met: &'static str,
    /// The key under the score table to the star of provisional rules.
    pub provisional_key: &'static str,
    /// A rate whose whole is zero.
    pub not_applicable: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// An empty list.
    pub none: &'static str,
    /// An empty incident register.
    pub no_incidents: &'static str,
    /// Incident table header: the incident's id.
    pub incident_id: &'static str,
    /// Incident table header: its date.
    pub date: &'static str,
    /// Incident table header: its kind.
    pub kind: &'static str,
    /// Incident table header: whether it was fatal.
    pub fatal: &'static str,
    /// Incident table header: whether a support plan was approved.
    pub support_plan: &'static str,
    /// Incident table header: whether it falls in the evaluation period.
    pub counted: &'static str,
    /// Incident table header: how each disqualifier's window judged it.
    pub judged: &'static str,
    /// An incident outside the evaluation period.
    pub outside_period: &'static str,
    /// Inside a disqualifier's window and counted by it.
    pub inside_counted: &'static str,
    /// Inside a disqualifier's window but not counted by it.
    pub inside_not_counted: &'static str,
    /// Outside a disqualifier's window.
    pub outside_window: &'static str,
    /// A round without a local policy.
    pub no_policy: &'static str,
    /// Disqualifier table header: the disqualifier.
    pub disqualifier: &'static str,
    /// Disqualifier and summary table header: the result.
    pub result: &'static str,
    /// Disqualifier table header: the incidents that made it hold.
    pub incidents: &'static str,
    /// A disqualifier that holds.
    pub held: &'static str,
    /// The conclusion's label.
    pub conclusion: &'static str,
    /// The verdict of a recognised unit.
    pub eligible: &'static str,
    /// The verdict of a refused unit.
    pub not_eligible: &'static str,
    /// The last line of a recognised unit's conditions.
    pub no_disqualifier_holds: &'static str,
    /// The line before a refused unit's reasons.
    pub reasons: &'static str,
    /// The title of the boxed notice of provisional rules.
    pub provisional_title: &'static str,
    /// Provenance table header: the file.
    pub file: &'static str,
    /// The line under a unit's dossier's provenance when its data is illustrative.
    pub illustrative_dossier: &'static str,
    /// The line at the end of a summary drawn from illustrative data.
    pub illustrative_summary: &'static str,
    /// The default title of the person who prepared the document.
    pub preparer: &'static str,
    /// Under the preparer's title.
    pub sign: &'static str,
    /// Over the chair's title ("TM.": on behalf of).
    pub on_behalf: &'static str,
    /// The default title of the council's chair.
    pub chair: &'static str,
    /// Under the chair's title.
    pub sign_and_seal: &'static str,
    /// Summary table header: the row number.
    pub row_number: &'static str,
    /// Summary table header: the unit's code.
    pub code: &'static str,
    /// Summary table header: the unit.
    pub unit: &'static str,
    /// Summary table header: its class (by number, see the legend).
    pub class: &'static str,
    /// Summary table header: its total.
    pub total: &'static str,
    /// Summary table header: its threshold.
    pub threshold: &'static str,
    /// Summary table header: the disqualifiers that hold.
    pub disqualifiers: &'static str,
    /// A recognised unit in the summary.
    pub recognised: &'static str,
    /// A refused unit in the summary.
    pub not_recognised: &'static str,
    /// The summary's first section heading.
    pub units_heading: &'static str,
    /// The summary's second section heading.
    pub proposed_heading: &'static str,
    /// No unit proposed for recognition.
    pub none_proposed: &'static str,
}

/// The Vietnamese phrases: the document of record.
pub const VI: Words = Words {
    national_name: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto: "Độc lập - Tự do - Hạnh phúc",
    of_record: None,
    illustrative: Term::Illustrative.vi(),
    outside_effect: "NGOÀI HIỆU LỰC CỦA BỘ TIÊU CHÍ",
    score_heading: "1. Bảng điểm",
    register_heading: "2. Sổ ghi nhận sự việc",
    disqualifiers_heading: "3. Điều kiện loại trừ của địa phương",
    conclusion_heading: "4. Kết luận",
    criteria_heading: "5. Các tiêu chí",
    provenance_heading: "6. Nguồn gốc và tính toàn vẹn của dữ liệu",
    indicator: Term::Indicator.vi(),
    evidence: "Số liệu",
    rule: "Quy tắc áp dụng",
    points: Term::Points.vi(),
    met: Term::Met.vi(),
    not_met: Term::NotMet.vi(),
    provisional_key: "* Quy tắc tạm thời (xem lưu ý ở mục 6).",
    not_applicable: "không áp dụng (n/a)",
    yes: Term::Yes.vi(),
    no: "không",
    none: "không có",
    no_incidents: "Không có sự việc nào được ghi nhận trong sổ.",
    incident_id: "Mã sự việc",
    date: "Ngày",
    kind: "Loại",
    fatal: Term::Fatal.vi(),
    support_plan: Term::SupportPlan.vi(),
    counted: "Tính trong kỳ",
    judged: "Điều kiện loại trừ: thời gian xét",
    outside_period: "không (ngoài kỳ)",
    inside_counted: "trong, tính",
    inside_not_counted: "trong, không tính",
    outside_window: "ngoài",
    no_policy: "Vòng đánh giá này không áp dụng điều kiện loại trừ của địa phương.",
    disqualifier: Term::DisqualifierConditions.vi(),
    result: Term::Result.vi(),
    incidents: "Sự việc",
    held: "CÓ — loại trừ",
    conclusion: "KẾT LUẬN",
    eligible: "ĐỦ ĐIỀU KIỆN CÔNG NHẬN",
    not_eligible: "KHÔNG ĐỦ ĐIỀU KIỆN CÔNG NHẬN",
    no_disqualifier_holds: "– Không thuộc điều kiện loại trừ nào.",
    reasons: "Lý do (tất cả các điều kiện không đạt):",
    provisional_title: "Lưu ý: kết quả có sử dụng quy tắc chấm điểm tạm thời",
    file: "Tệp",
    illustrative_dossier: "DỮ LIỆU MINH HỌA: số liệu của hồ sơ này là số liệu minh họa, không phải số liệu thực tế của đơn vị.",
    illustrative_summary: "DỮ LIỆU MINH HỌA: bảng tổng hợp được lập từ số liệu minh họa, không phải số liệu thực tế.",
    preparer: "NGƯỜI LẬP",
    sign: "(Ký, ghi rõ họ tên)",
    on_behalf: "TM. HỘI ĐỒNG ĐÁNH GIÁ",
    chair: "CHỦ TỊCH HỘI ĐỒNG",
    sign_and_seal: "(Ký, ghi rõ họ tên, đóng dấu)",
    row_number: "TT",
    code: Term::Code.vi(),
    unit: Term::Unit.vi(),
    class: Term::Class.vi(),
    total: Term::TotalPoints.vi(),
    threshold: Term::Threshold.vi(),
    disqualifiers: Term::DisqualifierConditions.vi(),
    recognised: Term::Recognised.vi(),
    not_recognised: Term::NotRecognised.vi(),
    units_heading: "1. Kết quả của từng đơn vị",
    proposed_heading: "2. Danh sách đề nghị công nhận (dự thảo phụ lục quyết định)",
    none_proposed: "Không có đơn vị nào đủ điều kiện công nhận.",
};

/// The English phrases: a faithful translation of [`VI`], for information.
pub const EN: Words = Words {
    national_name: "SOCIALIST REPUBLIC OF VIET NAM",
    motto: "Independence – Freedom – Happiness",
    of_record: Some(
        "English translation, for information only: the Vietnamese dossier is the document of record.",
    ),
    illustrative: Term::Illustrative.en(),
    outside_effect: "OUTSIDE THE CRITERIA SET'S PERIOD IN FORCE",
    score_heading: "1. Score table",
    register_heading: "2. Incident register",
    disqualifiers_heading: "3. Local disqualifiers",
    conclusion_heading: "4. Conclusion",
    criteria_heading: "5. Criteria",
    provenance_heading: "6. Provenance and integrity of the data",
    indicator: Term::Indicator.en(),
    evidence: "Evidence",
    rule: "Rule applied",
    points: Term::Points.en(),
    met: Term::Met.en(),
    not_met: Term::NotMet.en(),
    provisional_key: "* Provisional rule (see the notice in section 6).",
    not_applicable: "not applicable (n/a)",
    yes: Term::Yes.en(),
    no: "no",
    none: "none",
    no_incidents: "The register records no incident.",
    incident_id: "Incident",
    date: "Date",
    kind: "Kind",
    fatal: Term::Fatal.en(),
    support_plan: Term::SupportPlan.en(),
    counted: "Counted in the period",
    judged: "Disqualifiers: window",
    outside_period: "no (outside the period)",
    inside_counted: "inside, counted",
    inside_not_counted: "inside, not counted",
    outside_window: "outside",
    no_policy: "This round applies no local disqualifiers.",
    disqualifier: "Disqualifier",
    result: Term::Result.en(),
    incidents: "Incidents",
    held: "YES — disqualifies",
    conclusion: "CONCLUSION",
    eligible: "ELIGIBLE FOR RECOGNITION",
    not_eligible: "NOT ELIGIBLE FOR RECOGNITION",
    no_disqualifier_holds: "– No disqualifier holds.",
    reasons: "Reasons (every condition not met):",
    provisional_title: "Notice: the result uses provisional scoring rules",
    file: "File",
    illustrative_dossier: "ILLUSTRATIVE DATA: the figures of this dossier are illustrative, not the unit's actual data.",
    illustrative_summary: "ILLUSTRATIVE DATA: this summary is drawn from illustrative data, not from actual data.",
    preparer: "PREPARED BY",
    sign: "(Signature and full name)",
    on_behalf: "ON BEHALF OF THE ASSESSMENT COUNCIL",
    chair: "CHAIR OF THE COUNCIL",
    sign_and_seal: "(Signature, full name and seal)",
    row_number: "No.",
    code: Term::Code.en(),
    unit: Term::Unit.en(),
    class: Term::Class.en(),
    total: Term::TotalPoints.en(),
    threshold: Term::Threshold.en(),
    disqualifiers: "Disqualifiers",
    recognised: Term::Recognised.en(),
    not_recognised: Term::NotRecognised.en(),
    units_heading: "1. Result of each unit",
    proposed_heading: "2. Units proposed for recognition (draft annex to the decision)",
    none_proposed: "No unit is eligible for recognition.",
};

/// The fixed phrases of a language.
pub fn words(lang: Lang) -> &'static Words {
    lang.pick(&VI, &EN)
}

impl Words {
    /// Every fixed phrase, for checks that a document holds no phrase of the other language.
    pub fn phrases(&self) -> Vec<&'static str> {
        let Words {
            national_name,
            motto,
            of_record,
            illustrative,
            outside_effect,
            score_heading,
            register_heading,
            disqualifiers_heading,
            conclusion_heading,
            criteria_heading,
            provenance_heading,
            indicator,
            evidence,
            rule,
            points,
            met,
            not_met,
            provisional_key,
            not_applicable,
            yes,
            no,
            none,
            no_incidents,
            incident_id,
            date,
            kind,
            fatal,
            support_plan,
            counted,
            judged,
            outside_period,
            inside_counted,
            inside_not_counted,
            outside_window,
            no_policy,
            disqualifier,
            result,
            incidents,
            held,
            conclusion,
            eligible,
            not_eligible,
            no_disqualifier_holds,
            reasons,
            provisional_title,
            file,
            illustrative_dossier,
            illustrative_summary,
            preparer,
            sign,
            on_behalf,
            chair,
            sign_and_seal,
            row_number,
            code,
            unit,
            class,
            total,
            threshold,
            disqualifiers,
            recognised,
            not_recognised,
            units_heading,
            proposed_heading,
            none_proposed,
        } = *self;
        // Destructured, so that a phrase added to the struct cannot be forgotten here.
        let mut all = vec![
            national_name,
            motto,
            illustrative,
            outside_effect,
            score_heading,
            register_heading,
            disqualifiers_heading,
            conclusion_heading,
            criteria_heading,
            provenance_heading,
            indicator,
            evidence,
            rule,
            points,
            met,
            not_met,
            provisional_key,
            not_applicable,
            yes,
            no,
            none,
            no_incidents,
            incident_id,
            date,
            kind,
            fatal,
            support_plan,
            counted,
            judged,
            outside_period,
            inside_counted,
            inside_not_counted,
            outside_window,
            no_policy,
            disqualifier,
            result,
            incidents,
            held,
            conclusion,
            eligible,
            not_eligible,
            no_disqualifier_holds,
            reasons,
            provisional_title,
            file,
            illustrative_dossier,
            illustrative_summary,
            preparer,
            sign,
            on_behalf,
            chair,
            sign_and_seal,
            row_number,
            code,
            unit,
            class,
            total,
            threshold,
            disqualifiers,
            recognised,
            not_recognised,
            units_heading,
            proposed_heading,
            none_proposed,
        ];
        all.extend(of_record);
        all
    }
}

/// A figure with its unit ("98,33 %", "45.000.000 đ") joined by no-break spaces: a
/// document never ends a line between a number and its unit.
fn unbroken(figure: String) -> String {
    figure.replace(' ', "\u{a0}")
}

/// A count of things ("14", "1.000").
fn count(n: usize, lang: Lang) -> String {
    format::number(Decimal::from(n), lang)
}

/// The month names of an English date: the Vietnamese form numbers its months.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The place and date under the national motto: "Sơn Hà, ngày 05 tháng 12 năm 2024" /
/// "Sơn Hà, 5 December 2024".
///
/// ```
/// use cfc::{Date, Lang, words::dossier::place_and_date};
/// let d = Date::new(2024, 12, 5).unwrap();
/// assert_eq!(place_and_date("Sơn Hà", d, Lang::Vi), "Sơn Hà, ngày 05 tháng 12 năm 2024");
/// assert_eq!(place_and_date("Sơn Hà", d, Lang::En), "Sơn Hà, 5 December 2024");
/// ```
pub fn place_and_date(place: &str, date: Date, lang: Lang) -> String {
    // A year is a name, not a quantity: never "2.024".
    let (day, month, year) = (date.day(), date.month(), date.year());
    let month_name = MONTHS
        .get(usize::from(month).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    lang.pick(
        format!("{place}, ngày {day:02} tháng {month:02} năm {year}"),
        format!("{place}, {day} {month_name} {year}"),
    )
}

/// The dossier's title: `"HỒ SƠ ĐÁNH GIÁ <SUBJECT> NĂM 2024"`, the subject as the criteria set declares it.
pub fn dossier_title(subject: &str, year: u16, lang: Lang) -> String {
    let subject = subject.to_uppercase();
    lang.pick(
        format!("HỒ SƠ ĐÁNH GIÁ {subject} NĂM {year}"),
        format!("ASSESSMENT DOSSIER: {subject}, {year}"),
    )
}

/// The PDF's document title (its metadata): "Hồ sơ đánh giá Xã Sơn Thượng năm 2024".
pub fn dossier_document(unit: &str, year: u16, lang: Lang) -> String {
    lang.pick(
        format!("Hồ sơ đánh giá {unit} năm {year}"),
        format!("Assessment dossier of {unit}, {year}"),
    )
}

/// A unit by its kind and name, as a title: "Xã Sơn Thượng" / "Sơn Thượng Commune".
///
/// ```
/// use cfc::{Lang, words::dossier::unit_title};
/// assert_eq!(unit_title("thị trấn", "Di Lăng", Lang::Vi), "Thị trấn Di Lăng");
/// assert_eq!(unit_title("township", "Di Lăng", Lang::En), "Di Lăng Township");
/// ```
pub fn unit_title(kind: &str, name: &str, lang: Lang) -> String {
    let mut chars = kind.chars();
    let kind: String = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default();
    lang.pick(format!("{kind} {name}"), format!("{name} {kind}"))
}

/// "Mã đơn vị hành chính: 21238. Loại đơn vị: xã."
pub fn code_and_kind(code: &str, kind: &str, lang: Lang) -> String {
    lang.pick(
        format!("Mã đơn vị hành chính: {code}. Loại đơn vị: {kind}."),
        format!("Administrative unit code: {code}. Kind of unit: {kind}."),
    )
}

/// " — ngưỡng công nhận 800 điểm", or nothing when the set decides by no class threshold (so
/// that no dossier presents a threshold that decided nothing).
fn threshold_clause(threshold: Option<Points>, lang: Lang) -> String {
    threshold.map_or_else(String::new, |t| {
        let t = format::points(t, lang);
        lang.pick(
            format!(" — ngưỡng công nhận {t} điểm"),
            format!(" — recognition threshold {t} points"),
        )
    })
}

/// "Nhóm: Xã, thị trấn miền núi… — ngưỡng công nhận 800 điểm."
pub fn class_line(label: &str, threshold: Option<Points>, lang: Lang) -> String {
    let clause = threshold_clause(threshold, lang);
    lang.pick(
        format!("Nhóm: {label}{clause}."),
        format!("Class: {label}{clause}."),
    )
}

/// The summary's legend of a class number: "Nhóm 2: … — ngưỡng công nhận 800 điểm."
pub fn class_legend(number: usize, label: &str, threshold: Option<Points>, lang: Lang) -> String {
    let clause = threshold_clause(threshold, lang);
    let n = count(number, lang);
    lang.pick(
        format!("Nhóm {n}: {label}{clause}."),
        format!("Class {n}: {label}{clause}."),
    )
}

/// `"Kỳ đánh giá: từ 01/01/2024 đến 31/12/2024. Bộ tiêu chí: <legal basis>."`
pub fn period_line(from: Date, to: Date, basis: &str, lang: Lang) -> String {
    let (from, to) = (format::date(from, lang), format::date(to, lang));
    lang.pick(
        format!("Kỳ đánh giá: từ {from} đến {to}. Bộ tiêu chí: {basis}."),
        format!("Evaluation period: {from} to {to}. Criteria set: {basis}."),
    )
}

/// Points out of a maximum: "50/50", "2,5/5".
pub fn out_of(points: Points, max: Points, lang: Lang) -> String {
    format!(
        "{}/{}",
        format::points(points, lang),
        format::points(max, lang)
    )
}

/// A criterion's subtotal: "100/100 (đạt)".
pub fn criterion_score(points: Points, max: Points, met: bool, lang: Lang) -> String {
    let w = words(lang);
    let met = if met { w.met } else { w.not_met };
    format!("{} ({met})", out_of(points, max, lang))
}

/// The score table's last row: "TỔNG ĐIỂM (ngưỡng công nhận của nhóm: 800 điểm)".
pub fn total_row(threshold: Option<Points>, lang: Lang) -> String {
    match threshold {
        None => lang.pick("TỔNG ĐIỂM", "TOTAL").to_string(),
        Some(t) => {
            let t = format::points(t, lang);
            lang.pick(
                format!("TỔNG ĐIỂM (ngưỡng công nhận của nhóm: {t} điểm)"),
                format!("TOTAL (the class's recognition threshold: {t} points)"),
            )
        }
    }
}

/// A rate an indicator compared: "118/120 = 98,33 %" (a no-break space before the sign) on a
/// scale of 100, "3/4 × 1.000 =
/// 750,00" on another; the value shown to two decimals, as the rule compared it.
pub fn rate(r: &Ratio, lang: Lang) -> String {
    let fraction = format!(
        "{}/{}",
        format::number(Decimal::from(r.part), lang),
        format::number(Decimal::from(r.whole), lang)
    );
    match (r.value(), r.scale) {
        (None, _) => format!("{fraction}: {}", words(lang).not_applicable),
        (Some(v), 100) => format!("{fraction} = {}", unbroken(format::percent_2dp(v, lang))),
        (Some(v), n) => format!(
            "{fraction} × {} = {}",
            format::number(Decimal::from(n), lang),
            format::fixed(v, 2, lang)
        ),
    }
}

/// A value read from the evidence, as its input's type reads: "có", "1.000", "45.000.000 đ",
/// "97,5 %" (no-break spaces before the units), "7,50" (a decimal with every digit the
/// council wrote). `ty` is `None` for a
/// count derived from the register.
pub fn value(v: &Value, ty: Option<InputType>, lang: Lang) -> String {
    let w = words(lang);
    match (*v, ty) {
        (Value::Bool(b), _) => (if b { w.yes } else { w.no }).to_string(),
        (Value::Number(n), Some(InputType::Money)) => {
            unbroken(format::money(Decimal::from(n), lang))
        }
        (Value::Number(n), _) => format::number(Decimal::from(n), lang),
        (Value::Decimal(d), Some(InputType::Percent)) => unbroken(format::percent(d, lang)),
        (Value::Decimal(d), _) => format::fixed(d, d.scale(), lang),
    }
}

/// A rule row as a script wrote it ("≤ 0.5 → 50"), with a Vietnamese decimal comma between
/// digits ("≤ 0,5 → 50"); English keeps the script's point.
///
/// ```
/// use cfc::{Lang, words::dossier::rule_row};
/// assert_eq!(rule_row("≤ 0.5 → 50", Lang::Vi), "≤ 0,5 → 50");
/// assert_eq!(rule_row("≤ 0.5 → 50", Lang::En), "≤ 0.5 → 50");
/// assert_eq!(rule_row("n/a → 50", Lang::Vi), "n/a → 50");
/// ```
pub fn rule_row(row: &str, lang: Lang) -> String {
    let (_, point) = lang.pick(('.', ','), (',', '.'));
    let chars: Vec<char> = row.chars().collect();
    let digit = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(|c| c.is_ascii_digit())
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                point
            } else {
                c
            }
        })
        .collect()
}

/// Whether an incident is counted in the evaluation period: "có" / "không (ngoài kỳ)".
pub fn in_period(inside: bool, lang: Lang) -> &'static str {
    let w = words(lang);
    if inside { w.yes } else { w.outside_period }
}

/// How a disqualifier's window judged an incident: "trong, tính", "trong, không tính",
/// "ngoài".
pub fn judged(inside: bool, counted: bool, lang: Lang) -> &'static str {
    let w = words(lang);
    match (inside, counted) {
        (true, true) => w.inside_counted,
        (true, false) => w.inside_not_counted,
        (false, _) => w.outside_window,
    }
}

/// A disqualifier's window: "12 tháng trước ngày quyết định" / "the 12 months before the
/// decision date".
pub fn window(w: Window, lang: Lang) -> String {
    match w {
        Window::Period => lang
            .pick("kỳ đánh giá", "the evaluation period")
            .to_string(),
        Window::PreviousYear => lang
            .pick(
                "năm trước năm đánh giá",
                "the year before the evaluated year",
            )
            .to_string(),
        Window::MonthsBeforeDecision(n) => {
            let n = count(usize::from(n), lang);
            lang.pick(
                format!("{n} tháng trước ngày quyết định"),
                format!("the {n} months before the decision date"),
            )
        }
    }
}

/// The number that stands for a disqualifier in the incident register's window column: "(2)".
pub fn disqualifier_number(number: usize, lang: Lang) -> String {
    format!("({})", count(number, lang))
}

/// One disqualifier's window over the register, by its number and title: "(1) Có trẻ em bị
/// đuối nước — 12 tháng trước ngày quyết định (từ 05/12/2023 đến 04/12/2024)".
pub fn window_span(
    number: usize,
    disqualifier: &str,
    w: Window,
    (from, to): (Date, Date),
    lang: Lang,
) -> String {
    let (n, w, from, to) = (
        disqualifier_number(number, lang),
        window(w, lang),
        format::date(from, lang),
        format::date(to, lang),
    );
    lang.pick(
        format!("{n} {disqualifier} — {w} (từ {from} đến {to})"),
        format!("{n} {disqualifier} — {w} ({from} to {to})"),
    )
}

/// The line over an incident register judged by windows other than the period.
pub fn windows_line(spans: &[String], lang: Lang) -> String {
    let spans = spans.join("; ");
    lang.pick(
        format!("Thời gian xét của từng điều kiện loại trừ: {spans}."),
        format!("Window of each disqualifier: {spans}."),
    )
}

/// " — thời gian xét: 12 tháng trước ngày quyết định", after a disqualifier's title.
pub fn window_clause(w: Window, lang: Lang) -> String {
    let w = window(w, lang);
    lang.pick(format!(" — thời gian xét: {w}"), format!(" — window: {w}"))
}

/// `"Căn cứ: <legal basis>."`
pub fn basis(basis: &str, lang: Lang) -> String {
    lang.pick(format!("Căn cứ: {basis}."), format!("Basis: {basis}."))
}

/// The incidents that made a disqualifier hold when there are more than a cell shows:
/// "VL-001, …, VL-020 và 280 sự việc khác (xem bảng sự việc)".
pub fn more_incidents(shown: &str, more: usize, lang: Lang) -> String {
    let more = count(more, lang);
    lang.pick(
        format!("{shown} và {more} sự việc khác (xem bảng sự việc)"),
        format!("{shown} and {more} other incidents (see the incident register)"),
    )
}

/// "KẾT LUẬN: ĐỦ ĐIỀU KIỆN CÔNG NHẬN".
pub fn conclusion(recognised: bool, lang: Lang) -> String {
    let w = words(lang);
    let verdict = if recognised {
        w.eligible
    } else {
        w.not_eligible
    };
    format!("{}: {verdict}", w.conclusion)
}

/// "Xã Sơn Hạ đáp ứng tất cả các điều kiện công nhận:".
pub fn meets_every_condition(unit: &str, lang: Lang) -> String {
    lang.pick(
        format!("{unit} đáp ứng tất cả các điều kiện công nhận:"),
        format!("{unit} meets every condition of recognition:"),
    )
}

/// `"Căn cứ các điều kiện công nhận: <references>."`
pub fn conditions_basis(references: &[&str], lang: Lang) -> String {
    let references = references.join("; ");
    lang.pick(
        format!("Căn cứ các điều kiện công nhận: {references}."),
        format!("Basis of the conditions of recognition: {references}."),
    )
}

/// "Đạt: C01, C02." / "Không đạt: không có."
pub fn criteria_list(met: bool, ids: &[&str], lang: Lang) -> String {
    let w = words(lang);
    let ids = if ids.is_empty() {
        w.none.to_string()
    } else {
        ids.join(", ")
    };
    let label = if met {
        lang.pick("Đạt", "Met")
    } else {
        lang.pick("Không đạt", "Not met")
    };
    format!("{label}: {ids}.")
}

/// The body of the boxed notice of provisional rules, naming them.
pub fn provisional_body<S: std::borrow::Borrow<str>>(rules: &[S], lang: Lang) -> String {
    let rules = rules.join(", ");
    lang.pick(
        format!(
            "Các chỉ tiêu sau (đánh dấu * trong bảng điểm) được chấm theo bảng điểm tạm thời, chưa được đối chiếu với văn bản chính thức, không phải là quy định của pháp luật: {rules}."
        ),
        format!(
            "The following indicators (marked * in the score table) were scored by a provisional table, not yet checked against the official text; it is not a provision of law: {rules}."
        ),
    )
}

/// Provenance: `"Bộ tiêu chí: qd-06-2019 — <title>. Căn cứ: <legal basis>."`
pub fn set_provenance(id: &str, title: &str, basis: &str, lang: Lang) -> String {
    lang.pick(
        format!("Bộ tiêu chí: {id} — {title}. Căn cứ: {basis}."),
        format!("Criteria set: {id} — {title}. Basis: {basis}."),
    )
}

/// Provenance: `"Điều kiện loại trừ: son-ha-2024 — <title>. Căn cứ: <legal basis>."`
pub fn policy_provenance(id: &str, title: &str, basis: &str, lang: Lang) -> String {
    lang.pick(
        format!("Điều kiện loại trừ: {id} — {title}. Căn cứ: {basis}."),
        format!("Local disqualifiers: {id} — {title}. Basis: {basis}."),
    )
}

/// The provenance table's row of the evidence file: "Hồ sơ số liệu: son-thuong.toml".
pub fn evidence_file(file: &str, lang: Lang) -> String {
    lang.pick(
        format!("Hồ sơ số liệu: {file}"),
        format!("Evidence file: {file}"),
    )
}

/// "Phần mềm đánh giá: cfc 0.1.0."
pub fn engine(engine: &str, lang: Lang) -> String {
    lang.pick(
        format!("Phần mềm đánh giá: {engine}."),
        format!("Evaluation software: {engine}."),
    )
}

/// The mark on every page: illustrative data, a round outside its set's period in force, or
/// both; none for real data in force.
pub fn page_mark(illustrative: bool, outside_effect: bool, lang: Lang) -> Option<String> {
    let w = words(lang);
    match (illustrative, outside_effect) {
        (false, false) => None,
        (true, false) => Some(w.illustrative.to_string()),
        (false, true) => Some(w.outside_effect.to_string()),
        (true, true) => Some(format!("{} — {}", w.illustrative, w.outside_effect)),
    }
}

/// The title of the boxed notice of a round outside its criteria set's period in force.
pub fn outside_effect_title(year: u16, lang: Lang) -> String {
    let mark = words(lang).outside_effect;
    lang.pick(
        format!("Lưu ý: {mark} — năm {year} nằm ngoài thời gian hiệu lực của bộ tiêu chí"),
        format!("Notice: {mark} — {year} lies outside the criteria set's period in force"),
    )
}

/// The body of that notice: when the set is in force, and that the results decide nothing.
pub fn outside_effect_body(outside: &OutsideEffect, lang: Lang) -> String {
    let from = format::date(outside.effective, lang);
    let span = match outside.until {
        Some(until) => {
            let until = format::date(until, lang);
            lang.pick(
                format!("từ {from} đến {until}"),
                format!("from {from} to {until}"),
            )
        }
        None => lang.pick(format!("từ {from}"), format!("from {from}")),
    };
    let (set, year) = (&outside.criteria, outside.year);
    lang.pick(
        format!(
            "NGOÀI HIỆU LỰC — bộ tiêu chí {set} có hiệu lực {span}, không áp dụng cho năm {year}: kết quả chỉ để tham khảo."
        ),
        format!(
            "OUTSIDE ITS PERIOD IN FORCE — the criteria set {set} is in force {span}, not in {year}: evaluated on request, the results are for reference only and decide nothing."
        ),
    )
}

/// The summary's title: "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ … NĂM 2024".
pub fn summary_title(subject: &str, year: u16, lang: Lang) -> String {
    let subject = subject.to_uppercase();
    lang.pick(
        format!("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ {subject} NĂM {year}"),
        format!("SUMMARY OF THE ASSESSMENT RESULTS: {subject}, {year}"),
    )
}

/// The summary PDF's document title (its metadata).
pub fn summary_document(subject: &str, year: u16, lang: Lang) -> String {
    lang.pick(
        format!("Bảng tổng hợp kết quả đánh giá {subject} năm {year}"),
        format!("Summary of the assessment results: {subject}, {year}"),
    )
}

/// The summary's line naming the round and its criteria set.
pub fn round_line(round: &str, basis: &str, lang: Lang) -> String {
    lang.pick(
        format!("{round}. Bộ tiêu chí: {basis}."),
        format!("{round}. Criteria set: {basis}."),
    )
}

/// The summary's line naming the policy's legal basis.
pub fn policy_line(basis: &str, lang: Lang) -> String {
    lang.pick(
        format!("Điều kiện loại trừ: {basis}."),
        format!("Local disqualifiers: {basis}."),
    )
}

/// "Tổng số: 14 đơn vị; đủ điều kiện công nhận: 9; không đủ điều kiện: 5."
pub fn counts(units: usize, recognised: usize, refused: usize, lang: Lang) -> String {
    let (units, yes, no) = (
        count(units, lang),
        count(recognised, lang),
        count(refused, lang),
    );
    lang.pick(
        format!(
            "Tổng số: {units} đơn vị; đủ điều kiện công nhận: {yes}; không đủ điều kiện: {no}."
        ),
        format!("In all: {units} units; eligible for recognition: {yes}; not eligible: {no}."),
    )
}

/// The summary's line about units whose evidence could not be read.
pub fn evidence_errors(errors: usize, lang: Lang) -> String {
    let n = count(errors, lang);
    lang.pick(
        format!("{n} lỗi số liệu: các đơn vị có hồ sơ lỗi chưa được đánh giá (xem results.json)."),
        format!("{n} evidence errors: the units with faulty evidence were not evaluated (see results.json)."),
    )
}

/// A line of the list proposed for recognition: "9. Xã Sơn Trung (mã 21241) — 860 điểm."
pub fn proposed(number: usize, unit: &str, code: &str, total: Points, lang: Lang) -> String {
    let (n, total) = (count(number, lang), format::points(total, lang));
    lang.pick(
        format!("{n}. {unit} (mã {code}) — {total} điểm."),
        format!("{n}. {unit} (code {code}) — {total} points."),
    )
}

/// A row number of the summary's table.
pub fn row_number(number: usize, lang: Lang) -> String {
    count(number, lang)
}

/// `cfc dossier`: the dossier could not be rendered (`detail` says why).
pub fn cannot_render(code: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("đơn vị {code}: không dựng được hồ sơ: {detail}"),
        format!("unit {code}: cannot render the dossier: {detail}"),
    )
}

/// `cfc dossier`: the file could not be written (`detail`: the system's reason).
pub fn cannot_write(file: &str, detail: &str, lang: Lang) -> String {
    lang.pick(
        format!("{file}: không ghi được hồ sơ: {detail}"),
        format!("{file}: cannot write the dossier: {detail}"),
    )
}

/// `cfc dossier`: the file written and its number of pages.
pub fn wrote(file: &str, pages: usize, lang: Lang) -> String {
    let pages = count(pages, lang);
    lang.pick(
        format!("đã ghi {file} ({pages} trang)"),
        format!("wrote {file} ({pages} pages)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_phrase_differs_between_the_languages() {
        let (vi, en) = (VI.phrases(), EN.phrases());
        // `of_record` is English only.
        assert_eq!(vi.len() + 1, en.len());
        for (v, e) in vi.iter().zip(&en) {
            assert_ne!(v, e);
            assert!(!v.is_empty() && !e.is_empty());
        }
    }

    #[test]
    fn figures_follow_the_language() {
        let ratio = |part, whole, scale| Ratio { part, whole, scale };
        assert_eq!(
            rate(&ratio(118, 120, 100), Lang::Vi),
            "118/120 = 98,33\u{a0}%"
        );
        assert_eq!(rate(&ratio(118, 120, 100), Lang::En), "118/120 = 98.33%");
        assert_eq!(rate(&ratio(3, 4, 1000), Lang::Vi), "3/4 × 1.000 = 750,00");
        assert_eq!(
            rate(&ratio(0, 0, 100), Lang::En),
            "0/0: not applicable (n/a)"
        );
        let points = |v: Decimal| Points::new(v).expect("valid points");
        assert_eq!(
            out_of(
                points(Decimal::new(25, 1)),
                points(Decimal::from(1000)),
                Lang::Vi
            ),
            "2,5/1.000"
        );
        let decimal = Value::Decimal(Decimal::new(750, 2));
        assert_eq!(value(&decimal, Some(InputType::Decimal), Lang::Vi), "7,50");
        assert_eq!(value(&decimal, Some(InputType::Percent), Lang::En), "7.5%");
        let budget = Value::Number(45_000_000);
        assert_eq!(
            value(&budget, Some(InputType::Money), Lang::Vi),
            "45.000.000\u{a0}đ"
        );
        assert_eq!(value(&budget, None, Lang::En), "45,000,000");
        assert_eq!(value(&Value::Bool(true), None, Lang::En), "yes");
        assert_eq!(
            total_row(Some(points(Decimal::from(800))), Lang::En),
            "TOTAL (the class's recognition threshold: 800 points)"
        );
    }

    #[test]
    fn a_disqualifier_cell_counts_the_incidents_it_does_not_name() {
        assert_eq!(
            more_incidents("VL-001", 1280, Lang::Vi),
            "VL-001 và 1.280 sự việc khác (xem bảng sự việc)"
        );
        assert_eq!(
            more_incidents("VL-001", 1280, Lang::En),
            "VL-001 and 1,280 other incidents (see the incident register)"
        );
    }

    #[test]
    fn windows_in_both_languages() {
        assert_eq!(
            window(Window::MonthsBeforeDecision(12), Lang::Vi),
            "12 tháng trước ngày quyết định"
        );
        assert_eq!(
            window(Window::PreviousYear, Lang::En),
            "the year before the evaluated year"
        );
    }
}
