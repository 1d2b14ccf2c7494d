//! A round's results as a workbook: the summary the council reads, and every criterion's
//! points as numbers a district office can sum and sort.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet,
};

use super::XlsxError;
use crate::base::lang::Lang;
use crate::evaluate::report::RoundReport;
use crate::words::glossary::Term;
use crate::words::results::{self, Vocabulary};

/// Summary sheet of the Vietnamese workbook: one row per unit ([`results::sheets`] names the
/// sheets in either language).
pub const SHEET_SUMMARY: &str = Term::Result.vi();
/// Every criterion's points per unit, in the Vietnamese workbook.
pub const SHEET_POINTS: &str = Term::Points.vi();

fn header(
    ws: &mut Worksheet,
    row: u32,
    cols: &[(String, f64)],
    f: &Format,
) -> Result<(), XlsxError> {
    for (c, (text, width)) in cols.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, text, f)?;
        ws.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// The results workbook, in the reader's language: labels next to their ids, reasons in
/// sentences. Points are numeric cells written from the exact decimals; the bytes depend only
/// on the report, the labels and the language (the document date is the decision date).
pub fn results(report: &RoundReport, words: &Vocabulary, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let base = Format::new().set_font_name("Arial").set_font_size(10);
    let cell = base.clone().set_border(FormatBorder::Thin);
    let head = cell
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xD9E1F2));
    let title = base.clone().set_bold().set_font_size(13);
    let notice = base.clone().set_bold().set_font_color(Color::RGB(0xC00000));
    let yes = Color::RGB(0xC6EFCE);
    let number = cell.clone().set_num_format("0.##");
    let wrap = cell.clone().set_text_wrap();
    let (summary, points) = results::sheets(lang);

    let mut wb = Workbook::new();
    let d = report.round.decision_date;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&report.round.name)
            .set_author(crate::evaluate::report::ENGINE)
            .set_creation_datetime(&ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?),
    );

    let ws = wb.add_worksheet().set_name(summary)?;
    ws.write_string_with_format(0, 0, &report.round.name, &title)?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{} — {}",
            words.criteria.title().get(lang),
            report.round.legal_basis
        ),
        &base,
    )?;
    let mut row = 2;
    let notices = [
        report
            .round
            .notice
            .as_ref()
            .map(|_| results::synthetic_notice(lang).to_string()),
        report
            .round
            .outside_effect
            .as_ref()
            .map(|o| results::outside_effect(o, lang)),
    ];
    for n in notices.into_iter().flatten() {
        ws.write_string_with_format(row, 0, n, &notice)?;
        row += 1;
    }
    let widths = [
        8.0, 16.0, 10.0, 8.0, 24.0, 12.0, 9.0, 8.0, 16.0, 24.0, 12.0, 60.0,
    ];
    let cols: Vec<(String, f64)> = results::summary_header(lang)
        .iter()
        .zip(widths)
        .map(|(t, w)| (t.to_string(), w))
        .collect();
    row += 1;
    header(ws, row, &cols, &head)?;
    ws.set_freeze_panes(row + 1, 2)?;
    for u in &report.units {
        row += 1;
        let paint = |f: &Format| {
            if u.recognised {
                f.clone().set_background_color(yes)
            } else {
                f.clone()
            }
        };
        let (c, n, w) = (paint(&cell), paint(&number), paint(&wrap));
        let dq: Vec<&str> = u.disqualifiers.iter().map(|d| d.id.as_str()).collect();
        ws.write_string_with_format(row, 0, &u.code, &c)?;
        ws.write_string_with_format(row, 1, &u.name, &c)?;
        ws.write_string_with_format(row, 2, words.kind(u, lang), &c)?;
        ws.write_string_with_format(row, 3, u.kind.id(), &c)?;
        ws.write_string_with_format(row, 4, words.class(&u.class, lang), &c)?;
        ws.write_string_with_format(row, 5, &u.class, &c)?;
        ws.write_with_format(row, 6, u.total.value(), &n)?;
        ws.write_with_format(row, 7, u.threshold.value(), &n)?;
        ws.write_string_with_format(row, 8, results::decision(u.recognised, lang), &c)?;
        ws.write_string_with_format(row, 9, words.disqualifiers(u, lang).join("; "), &w)?;
        ws.write_string_with_format(row, 10, dq.join(", "), &c)?;
        ws.write_string_with_format(
            row,
            11,
            fit_cell(words.reasons(u, lang).join(" "), lang),
            &w,
        )?;
    }
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);

    let ws = wb.add_worksheet().set_name(points)?;
    let criteria: Vec<(String, f64)> = report
        .units
        .first()
        .map(|u| u.criteria.iter().map(|c| (c.id.to_string(), 7.0)).collect())
        .unwrap_or_default();
    let [code, unit, total] = results::points_header(lang);
    let mut cols = vec![(code.to_string(), 8.0), (unit.to_string(), 16.0)];
    cols.extend(criteria);
    cols.push((total.to_string(), 8.0));
    header(ws, 0, &cols, &head)?;
    ws.set_freeze_panes(1, 2)?;
    for (i, u) in report.units.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string_with_format(row, 0, &u.code, &cell)?;
        ws.write_string_with_format(row, 1, &u.name, &cell)?;
        for (j, c) in u.criteria.iter().enumerate() {
            ws.write_with_format(row, 2 + j as u16, c.points.value(), &number)?;
        }
        ws.write_with_format(row, 2 + u.criteria.len() as u16, u.total.value(), &number)?;
    }
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    Ok(wb.save_to_buffer()?)
}

/// The most characters a spreadsheet cell holds (Excel's limit; LibreOffice's is the same).
const CELL_MAX_CHARS: usize = 32_767;

/// A text cut to fit one cell: a unit with thousands of incidents has reasons longer than a
/// cell holds. The cut is said in the cell; the whole text stays in `results.json`.
fn fit_cell(text: String, lang: Lang) -> String {
    let note = results::cut_note(lang);
    if text.chars().count() <= CELL_MAX_CHARS {
        return text;
    }
    let keep = CELL_MAX_CHARS - note.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(note);
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_and_says_so() {
        let long = "FZ-00001, ".repeat(5_000);
        let fitted = fit_cell(long.clone(), Lang::Vi);
        assert_eq!(fitted.chars().count(), CELL_MAX_CHARS);
        assert!(fitted.ends_with("(cắt bớt; đầy đủ trong results.json)"));
        let kept = fitted.split(" … (").next().unwrap_or_default();
        assert!(long.starts_with(kept) && kept.len() > 30_000);
        assert_eq!(fit_cell("ngắn".into(), Lang::Vi), "ngắn");
        assert!(fit_cell(long, Lang::En).ends_with("(cut; in full in results.json)"));
    }
}
