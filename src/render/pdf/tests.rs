//! Tests over a demo dossier: the administrative header, a title, a long wrapping table that
//! spans pages, a boxed notice and a signature block.

use std::time::Instant;

use super::face::FontStyle;
use super::fonts::Fonts;
use super::layout::{
    Align, Block, Cell, Column, Decorations, Item, LayoutModel, NO_BREAK_SPACE, Notice,
    PageContext, PageSetup, Paragraph, Run, Table, TableColumn, TableRow, TextRole, layout, places,
    quoted,
};
use super::{PdfError, Placed};
use crate::base::lang::Lang;
use crate::words::format::fixed;
fn format_decimal_vi(v: Decimal, dp: u32) -> String {
    fixed(v, dp, Lang::Vi)
}
use super::write::{DocDate, DocumentInfo, write_pdf};
use rust_decimal::Decimal;

const VIETNAMESE_SAMPLE: &str = "Ủy ban nhân dân huyện Sơn Hà — Độc lập - Tự do - Hạnh phúc, \
     ĐỦ ĐIỀU KIỆN CÔNG NHẬN, Sơn Thượng";

fn synthetic_mark(_: PageContext) -> Option<String> {
    Some("DỮ LIỆU MINH HỌA".to_owned())
}

fn header() -> Block {
    Block::Columns {
        gap: 4.0,
        columns: vec![
            Column {
                weight: 45.5,
                paragraphs: vec![
                    Paragraph::text("ỦY BAN NHÂN DÂN HUYỆN SƠN HÀ")
                        .size(12.0)
                        .leading(1.15)
                        .centred(),
                    Paragraph::bold("HỘI ĐỒNG ĐÁNH GIÁ XÃ, PHƯỜNG VỀ CÔNG TÁC TRẺ EM")
                        .size(12.0)
                        .leading(1.15)
                        .centred()
                        .rule_below(0.4),
                ],
            },
            Column {
                weight: 54.5,
                paragraphs: vec![
                    Paragraph::bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                        .size(12.0)
                        .leading(1.15)
                        .centred(),
                    Paragraph::bold("Độc lập - Tự do - Hạnh phúc")
                        .size(13.5)
                        .leading(1.15)
                        .centred()
                        .rule_below(1.0)
                        .space_after(6.0),
                    Paragraph::italic("Sơn Hà, ngày 05 tháng 12 năm 2024")
                        .size(13.5)
                        .centred(),
                ],
            },
        ],
    }
}

fn signature_row(left: Vec<Paragraph>, right: Vec<Paragraph>) -> Block {
    Block::Columns {
        gap: 6.0,
        columns: vec![
            Column {
                weight: 45.0,
                paragraphs: left,
            },
            Column {
                weight: 55.0,
                paragraphs: right,
            },
        ],
    }
}

fn indicator_text(i: usize) -> String {
    match i % 5 {
        0 => format!(
            "Chỉ tiêu {i}: Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế, được tiêm \
             chủng đầy đủ các loại vắc xin theo quy định của Bộ Y tế và được theo dõi tăng \
             trưởng định kỳ tại trạm y tế xã"
        ),
        1 => format!("Chỉ tiêu {i}: Có điểm vui chơi cho trẻ em"),
        2 => format!(
            "Chỉ tiêu {i}: Trẻ em có hoàn cảnh đặc biệt được hưởng chính sách trợ giúp xã hội"
        ),
        3 => format!("Chỉ tiêu {i}: Không có trẻ em bị xâm hại, bạo lực, tai nạn đuối nước"),
        _ => format!("Chỉ tiêu {i}: Tỷ lệ trẻ em 5 tuổi đi học mẫu giáo"),
    }
}

fn score_table(rows: usize) -> Table {
    let mut table = Table::new(
        vec![
            TableColumn {
                weight: 7.0,
                align: Align::Centre,
            },
            TableColumn {
                weight: 45.0,
                align: Align::Left,
            },
            TableColumn {
                weight: 24.0,
                align: Align::Right,
            },
            TableColumn {
                weight: 10.0,
                align: Align::Right,
            },
            TableColumn {
                weight: 10.0,
                align: Align::Right,
            },
        ],
        TableRow::new(vec![
            Cell::bold("TT"),
            Cell::bold("Tiêu chí, chỉ tiêu"),
            Cell::bold("Số liệu"),
            Cell::bold("Điểm"),
            Cell::bold("Tối đa"),
        ]),
    );
    for i in 1..=rows {
        let numerator = Decimal::from(100 + (i as i64 * 7) % 20);
        let denominator = Decimal::from(120);
        let rate = numerator * Decimal::from(100) / denominator;
        table.rows.push(TableRow::new(vec![
            Cell::text(i.to_string()),
            Cell::text(indicator_text(i)),
            Cell::text(format!(
                "{}/{} = {} %",
                format_decimal_vi(numerator, 0),
                format_decimal_vi(denominator, 0),
                format_decimal_vi(rate, 2)
            )),
            Cell::text(format_decimal_vi(Decimal::new(i as i64 % 3 * 5, 1), 1)),
            Cell::text("1,0"),
        ]));
        if i % 20 == 0 {
            table.rows.push(TableRow::shaded(vec![
                Cell::bold(format!("Cộng tiêu chí {}", i / 20)).span(3),
                Cell::bold("17,5"),
                Cell::bold("20,0"),
            ]));
        }
    }
    table
}

/// The demo dossier's content.
fn demo_blocks(rows: usize) -> Vec<Block> {
    vec![
        header(),
        Block::Spacer(18.0),
        Block::Paragraph(
            Paragraph::bold("HỒ SƠ ĐÁNH GIÁ ĐƠN VỊ CẤP XÃ VỀ CÔNG TÁC TRẺ EM NĂM 2024")
                .size(14.0)
                .centred()
                .keep_together(),
        ),
        Block::Paragraph(
            Paragraph::new(vec![
                Run::regular("Đơn vị: "),
                Run::bold("xã Sơn Thượng"),
                Run::regular(" (mã 21250, loại II) — ngưỡng công nhận: "),
                Run::bold(format_decimal_vi(Decimal::from(75), 0)),
                Run::regular(" điểm."),
            ])
            .centred()
            .space_before(4.0)
            .space_after(10.0),
        ),
        Block::Table(score_table(rows)),
        Block::Spacer(10.0),
        Block::Notice(Notice {
            padding: 6.0,
            thickness: 1.0,
            paragraphs: vec![
                Paragraph::bold("Lưu ý: có quy tắc tạm thời đã được áp dụng").size(12.0),
                Paragraph::text(
                    "Chỉ tiêu 7 và chỉ tiêu 12 được chấm theo quy tắc tạm thời của Hội đồng \
                     (chưa có hướng dẫn chính thức). Kết quả cần được rà soát lại khi có văn \
                     bản hướng dẫn.",
                )
                .size(12.0)
                .space_before(2.0),
            ],
        }),
        Block::Spacer(8.0),
        Block::Group(vec![
            Block::Paragraph(
                Paragraph::bold("KẾT LUẬN: ĐỦ ĐIỀU KIỆN CÔNG NHẬN")
                    .size(15.0)
                    .centred()
                    .space_after(14.0),
            ),
            signature_row(
                vec![Paragraph::bold("NGƯỜI LẬP BIỂU").centred()],
                vec![
                    Paragraph::bold("TM. HỘI ĐỒNG ĐÁNH GIÁ").centred(),
                    Paragraph::bold("CHỦ TỊCH").centred(),
                ],
            ),
            Block::Spacer(64.0),
            signature_row(
                vec![Paragraph::bold("Nguyễn Thị Hồng Nhung").centred()],
                vec![Paragraph::bold("Phạm Văn Thượng").centred()],
            ),
        ]),
    ]
}

/// The document information of the tests' documents (also `write`'s tests).
pub(super) fn info() -> DocumentInfo {
    DocumentInfo {
        title: "Hồ sơ đánh giá xã Sơn Thượng".to_owned(),
        author: "Ủy ban nhân dân huyện Sơn Hà".to_owned(),
        subject: "Đánh giá công tác trẻ em cấp xã năm 2024".to_owned(),
        date: DocDate::new(2024, 12, 5).expect("valid date"),
    }
}

fn demo_model(rows: usize) -> Result<LayoutModel, PdfError> {
    let fonts = Fonts::get()?;
    layout(
        &demo_blocks(rows),
        &PageSetup::a4_decree_30(),
        fonts,
        &Decorations {
            page_numbers: true,
            mark: Some(&synthetic_mark),
        },
    )
}

fn render_demo(rows: usize) -> Result<(LayoutModel, Vec<u8>), PdfError> {
    let rendered = super::render(
        &demo_blocks(rows),
        &PageSetup::a4_decree_30(),
        &Decorations {
            page_numbers: true,
            mark: Some(&synthetic_mark),
        },
        &info(),
    )?;
    // The one-call path and the two-step path must agree.
    let model = demo_model(rows)?;
    assert_eq!(model, rendered.model);
    assert_eq!(write_pdf(&model, Fonts::get()?, &info())?, rendered.bytes);
    Ok((rendered.model, rendered.bytes))
}

#[test]
fn fonts_cover_vietnamese() {
    let fonts = Fonts::get().expect("fonts parse");
    for style in FontStyle::ALL {
        fonts
            .width(style, 13.0, VIETNAMESE_SAMPLE)
            .unwrap_or_else(|e| panic!("{e}"));
        // Every precomposed Vietnamese letter, upper and lower case.
        let letters = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
        fonts
            .width(style, 13.0, letters)
            .unwrap_or_else(|e| panic!("{e}"));
        fonts
            .width(style, 13.0, &letters.to_lowercase())
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn missing_glyph_is_a_located_error() {
    let fonts = Fonts::get().expect("fonts parse");
    let err = fonts
        .width(FontStyle::Regular, 13.0, "xã 🙂")
        .expect_err("emoji is not in Liberation Serif");
    assert!(
        matches!(
            err,
            PdfError::MissingGlyph {
                character: '🙂',
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("xã 🙂"), "{err}");
}

#[test]
fn every_body_text_is_inside_the_margins_and_furniture_on_the_page() {
    let model = demo_model(64).expect("layout");
    let setup = model.setup;
    let body = setup.body();
    let page = setup.page();
    let mut count = 0;
    for (number, text) in model.texts() {
        count += 1;
        match text.role {
            TextRole::Body => assert!(
                body.contains_text(text, 0.01),
                "page {number}: {text:?} outside {body:?}"
            ),
            TextRole::PageNumber | TextRole::Mark => {
                assert!(!body.contains_text(text, 0.0), "{text:?} overlaps the body");
                // Printers cannot reach the paper's edge: keep 5 mm clear.
                let safe = super::layout::Area {
                    x: page.x + 14.17,
                    y: page.y + 14.17,
                    width: page.width - 28.35,
                    height: page.height - 28.35,
                };
                assert!(safe.contains_text(text, 0.0), "{text:?}");
            }
        }
    }
    assert!(count > 300, "demo should have many strings, got {count}");
    // Lines and boxes stay inside the body too.
    for p in &model.pages {
        for item in &p.items {
            match item {
                Item::Line(l) => {
                    for (x, y) in [(l.x1, l.y1), (l.x2, l.y2)] {
                        assert!(x >= body.x - 0.01 && x <= body.right() + 0.01, "{l:?}");
                        assert!(y >= body.y - 0.01 && y <= body.top() + 0.01, "{l:?}");
                    }
                }
                Item::Rect(r) => {
                    assert!(
                        r.area.x >= body.x - 0.01 && r.area.x + r.area.width <= body.right() + 0.01
                    );
                    assert!(
                        r.area.y >= body.y - 0.01 && r.area.y + r.area.height <= body.top() + 0.01
                    );
                }
                Item::Text(_) => {}
            }
        }
    }
}

#[test]
fn table_rows_never_split_and_header_repeats() {
    let model = demo_model(64).expect("layout");
    assert!(
        model.pages.len() >= 3,
        "64 rows should span pages, got {}",
        model.pages.len()
    );
    // Row numbers sit alone in the first column: on every page, each row number's row has all
    // its strings on that page (a row's strings share the page of its number).
    let mut seen_rows = Vec::new();
    for page in &model.pages {
        let texts: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.role == TextRole::Body => Some(t),
                _ => None,
            })
            .collect();
        let has_table = texts.iter().any(|t| t.text.starts_with("Chỉ"));
        if has_table {
            let headers = texts
                .iter()
                .filter(|t| t.text == "Tiêu chí, chỉ tiêu")
                .count();
            assert_eq!(headers, 1, "page {}: header must appear once", page.number);
        }
        for t in &texts {
            if let Some(rest) = t.text.strip_prefix("Chỉ tiêu ") {
                let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
                // Only row starts ("Chỉ tiêu 7: …"), not the notice's "Chỉ tiêu 7 và …".
                if rest[number.len()..].starts_with(':') {
                    seen_rows.push((page.number, number));
                }
            }
        }
    }
    let mut numbers: Vec<_> = seen_rows.iter().map(|(_, n)| n.clone()).collect();
    let total = numbers.len();
    numbers.dedup();
    assert_eq!(
        total,
        numbers.len(),
        "a row's first line appears on two pages"
    );
    assert_eq!(numbers.len(), 64);

    // Direct check on the model: every row's cell text lies between its grid lines, so use
    // the long rows: all wrapped lines of "Chỉ tiêu N: Tỷ lệ trẻ em dưới 6 tuổi …" must be on
    // the page of its first line. The last line of that text ends in "xã".
    for (page_number, number) in seen_rows
        .iter()
        .filter(|(_, n)| n.parse::<usize>().is_ok_and(|n| n % 5 == 0))
    {
        let page = &model.pages[page_number - 1];
        let first = page
            .items
            .iter()
            .position(|i| matches!(i, Item::Text(t) if t.text.starts_with(&format!("Chỉ tiêu {number}:"))))
            .expect("row start");
        let rest = &page.items[first..];
        assert!(
            rest.iter().any(|i| matches!(i, Item::Text(t) if t.text.ends_with("tế xã") || t.text == "xã" || t.text.ends_with(" xã"))),
            "row {number} was cut on page {page_number}"
        );
    }
}

#[test]
fn a_row_taller_than_a_page_is_an_error_not_a_cut() {
    let fonts = Fonts::get().expect("fonts");
    let mut table = score_table(1);
    table.rows.push(TableRow::new(vec![
        Cell::text("x"),
        Cell::text("dài ".repeat(3000)),
        Cell::text(""),
        Cell::text(""),
        Cell::text(""),
    ]));
    let err = layout(
        &[Block::Table(table)],
        &PageSetup::a4_decree_30(),
        fonts,
        &Decorations::default(),
    )
    .expect_err("too tall");
    assert!(
        matches!(
            err,
            PdfError::TooTall {
                what: Placed::TableRow(2),
                ..
            }
        ),
        "{err}"
    );
    // The council reads it in Vietnamese, an embedder's log in English.
    let vi = err.words(Lang::Vi);
    assert!(vi.starts_with("dòng 2 của bảng cao "), "{vi}");
    assert!(vi.ends_with(" pt"), "{vi}");
    assert!(err.to_string().starts_with("table row 2 is "), "{err}");
}

#[test]
fn text_is_normalised_to_nfc() {
    let fonts = Fonts::get().expect("fonts");
    // "Ủy ban" with U+0055 U+0309: decomposed, as pasted from some editors.
    let decomposed = "U\u{0309}y ban nha\u{0302}n da\u{0302}n";
    let model = layout(
        &[Block::Paragraph(Paragraph::text(decomposed))],
        &PageSetup::a4_decree_30(),
        fonts,
        &Decorations::default(),
    )
    .expect("layout");
    let texts: Vec<_> = model.texts().map(|(_, t)| t.text.clone()).collect();
    assert_eq!(texts, vec!["Ủy ban nhân dân".to_owned()]);
    assert!(
        texts[0]
            .chars()
            .all(|c| !('\u{0300}'..='\u{036F}').contains(&c))
    );
}

#[test]
fn wrapping_respects_width_and_alignment() {
    let fonts = Fonts::get().expect("fonts");
    let setup = PageSetup::a4_decree_30();
    let body = setup.body();
    let long = "Trẻ em có hoàn cảnh đặc biệt được hưởng chính sách trợ giúp xã hội ".repeat(8);
    for align in [Align::Left, Align::Centre, Align::Right] {
        let model = layout(
            &[Block::Paragraph(Paragraph::text(long.clone()).align(align))],
            &setup,
            fonts,
            &Decorations::default(),
        )
        .expect("layout");
        let texts: Vec<_> = model.texts().map(|(_, t)| t).collect();
        assert!(texts.len() > 3);
        for t in &texts {
            assert!(t.width <= body.width + 0.01);
            assert!(!t.text.starts_with(' ') && !t.text.ends_with(' '));
            let expected_x = match align {
                Align::Left => body.x,
                Align::Centre => body.x + (body.width - t.width) / 2.0,
                Align::Right => body.right() - t.width,
            };
            assert!((t.x - expected_x).abs() < 0.01, "{align:?} {t:?}");
        }
        // Lines are greedy: each line plus the next word would overflow.
        for pair in texts.windows(2) {
            let next_word = pair[1].text.split(' ').next().unwrap_or_default();
            let extra = fonts
                .width(FontStyle::Regular, 13.0, &format!(" {next_word}"))
                .expect("measure");
            assert!(
                pair[0].width + extra > body.width,
                "line could hold one more word"
            );
        }
    }
    // An unbreakable word (a SHA-256) wider than a narrow column breaks between characters.
    let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let mut table = Table::new(
        vec![
            TableColumn {
                weight: 1.0,
                align: Align::Left,
            },
            TableColumn {
                weight: 3.0,
                align: Align::Left,
            },
        ],
        TableRow::new(vec![Cell::bold("Tệp"), Cell::bold("SHA-256")]),
    );
    table
        .rows
        .push(TableRow::new(vec![Cell::text(hash), Cell::text(hash)]));
    let model = layout(
        &[Block::Table(table)],
        &setup,
        fonts,
        &Decorations::default(),
    )
    .expect("layout");
    let joined: String = model
        .texts()
        .filter(|(_, t)| t.text != "Tệp" && t.text != "SHA-256")
        .map(|(_, t)| t.text.as_str())
        .collect();
    assert_eq!(joined, format!("{hash}{hash}"));
    for (_, t) in model.texts() {
        assert!(body.contains_text(t, 0.01), "{t:?}");
    }
}

#[test]
fn a_no_break_space_keeps_a_figure_with_its_unit_and_reads_as_a_space() {
    let fonts = Fonts::get().expect("fonts");
    let setup = PageSetup::a4_decree_30();
    let body = setup.body();
    // Words that fill a line up to "98,33", so that an ordinary space would leave "%" alone
    // on the next line ("%" is wider than "a").
    let fits = |text: &str| {
        fonts
            .width(FontStyle::Regular, 13.0, text)
            .expect("measure")
            <= body.width
    };
    let mut filler = String::from("a");
    while fits(&format!("{filler} a 98,33")) {
        filler.push_str(" a");
    }
    assert!(fits(&format!("{filler} 98,33")) && !fits(&format!("{filler} 98,33 %")));
    let text = |space: char| format!("{filler} 98,33{space}%");
    let lines = |space: char| -> Vec<String> {
        let model = layout(
            &[Block::Paragraph(Paragraph::text(text(space)))],
            &setup,
            fonts,
            &Decorations::default(),
        )
        .expect("layout");
        model.texts().map(|(_, t)| t.text.clone()).collect()
    };
    assert_eq!(lines(' ').last().map(String::as_str), Some("%"));
    let joined = lines(NO_BREAK_SPACE);
    assert_eq!(joined.last().map(String::as_str), Some("98,33 %"));
    assert!(joined.iter().all(|l| !l.contains(NO_BREAK_SPACE)));
}

#[test]
fn rendering_is_byte_identical_across_runs_and_threads() {
    let (_, first) = render_demo(64).expect("render");
    let (_, second) = render_demo(64).expect("render");
    assert!(first == second, "two renders in one process differ");
    let third = std::thread::spawn(|| render_demo(64).map(|(_, b)| b))
        .join()
        .expect("thread")
        .expect("render");
    assert!(first == third, "a render on another thread differs");
    // The date we pass in is the only date in the file.
    let text = String::from_utf8_lossy(&first);
    assert!(
        text.contains("D:20241205000000"),
        "creation date from the round"
    );
}

#[test]
fn pdf_is_small_and_subset() {
    let (model, bytes) = render_demo(64).expect("render");
    println!(
        "demo: {} pages, {} bytes ({:.1} KB)",
        model.pages.len(),
        bytes.len(),
        bytes.len() as f64 / 1024.0
    );
    // The three whole faces weigh ~1.1 MB; a subset document is a few tens of KB.
    let (model3, bytes3) = render_demo(30).expect("render");
    assert!(model3.pages.len() <= 3, "{} pages", model3.pages.len());
    assert!(
        bytes3.len() < 100 * 1024,
        "{} bytes for {} pages",
        bytes3.len(),
        model3.pages.len()
    );
    println!(
        "30-row document: {} pages, {} bytes ({:.1} KB)",
        model3.pages.len(),
        bytes3.len(),
        bytes3.len() as f64 / 1024.0
    );
    assert!(bytes.len() < 100 * 1024, "{} bytes", bytes.len());
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("CFCSRR+"), "subset tag on the regular face");
}

#[test]
fn render_speed() {
    let (model, _) = render_demo(64).expect("warm up");
    let pages = model.pages.len();
    let rounds = 10;
    let start = Instant::now();
    let blocks = demo_blocks(64);
    let setup = PageSetup::a4_decree_30();
    let decorations = Decorations {
        page_numbers: true,
        mark: Some(&synthetic_mark),
    };
    for _ in 0..rounds {
        super::render(&blocks, &setup, &decorations, &info()).expect("render");
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "render: {rounds} × {pages} pages in {elapsed:.3} s = {:.0} pages/s ({:.1} ms per document)",
        (rounds * pages) as f64 / elapsed,
        elapsed * 1000.0 / rounds as f64
    );
}

/// Writes the demo to `$CFC_PDF_DEMO` (if set) for `pdftotext` and `pdftoppm` checks.
#[test]
fn write_demo_file() {
    let Ok(path) = std::env::var("CFC_PDF_DEMO") else {
        return;
    };
    let (model, bytes) = render_demo(64).expect("render");
    std::fs::write(&path, bytes).expect("write demo");
    std::fs::write(format!("{path}.layout.txt"), model.dump()).expect("write dump");
}

#[test]
fn text_is_real_extractable_text() {
    let (_, bytes) = render_demo(20).expect("render");
    let mut warnings = Vec::new();
    let parsed = printpdf::PdfDocument::parse(
        &bytes,
        &printpdf::PdfParseOptions {
            fail_on_error: false,
        },
        &mut warnings,
    )
    .expect("our own PDF parses");
    let pages = parsed.extract_text();
    let first = pages.first().map(|p| p.concat()).unwrap_or_default();
    for expected in [
        "ỦY BAN NHÂN DÂN HUYỆN SƠN HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Sơn Hà, ngày 05 tháng 12 năm 2024",
        "xã Sơn Thượng",
        "DỮ LIỆU MINH HỌA",
    ] {
        assert!(
            first.contains(expected),
            "{expected:?} not extracted from page 1"
        );
    }
}

#[test]
fn layout_model_snapshot() {
    let fonts = Fonts::get().expect("fonts");
    let mut table = score_table(2);
    table.rows.truncate(2);
    let model = layout(
        &[header(), Block::Spacer(12.0), Block::Table(table)],
        &PageSetup::a4_decree_30(),
        fonts,
        &Decorations {
            page_numbers: true,
            mark: Some(&synthetic_mark),
        },
    )
    .expect("layout");
    let json = serde_json::to_string(&model).expect("model serialises");
    assert!(json.contains("\"kind\":\"text\""));
    insta::assert_snapshot!("header_and_small_table", model.dump());
}

#[test]
fn the_glyph_table_is_the_fonts_coverage() {
    let fonts = Fonts::get().unwrap();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if FontStyle::ALL.iter().all(|s| fonts.has_glyph(*s, c)) {
            let u = u32::from(c);
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == u => *end = u,
                _ => ranges.push((u, u)),
            }
        }
    }
    assert_eq!(ranges, crate::base::glyphs::COVERED);
}

/// The listing every PDF's /ID hashes writes its words without the formatter: the same text as
/// its `{:?}`, for every face and role, and for every character alone and among others.
#[test]
fn words_of_the_listing_are_the_formatter_s() {
    for style in FontStyle::ALL {
        assert_eq!(style.name(), format!("{style:?}"));
    }
    for role in [TextRole::Body, TextRole::PageNumber, TextRole::Mark] {
        assert_eq!(role.name(), format!("{role:?}"));
    }
    let check = |text: &str| {
        let mut ours = String::new();
        quoted(&mut ours, text);
        assert_eq!(
            ours,
            format!("{text:?}"),
            "{:x?}",
            text.chars().collect::<Vec<_>>()
        );
    };
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        check(&c.to_string());
        check(&format!("Xã {c}ệ"));
    }
    for text in [
        "",
        "Ủy ban nhân dân xã Sơn Thượng",
        "a \"b\" \\ c",
        "tab\there",
        "ĐƠN Vị 1.2 (tạm thời)",
    ] {
        check(text);
    }
}

/// The listing every PDF's /ID hashes writes its numbers in integers: the same text as the
/// formatter's `{:.N}` for every f32 tried — a stride through every bit pattern (every
/// exponent, both signs, subnormals, infinities, NaN), every exact tie of a binary fraction
/// (where rounding half to even shows), and the coordinates of a page.
#[test]
fn numbers_of_the_listing_are_the_formatter_s() {
    let check = |x: f32| {
        for decimals in 0..=5u32 {
            let mut ours = String::new();
            places(&mut ours, x, decimals);
            let theirs = format!("{x:.*}", decimals as usize);
            assert_eq!(
                ours,
                theirs,
                "{x:?} ({:#010x}) to {decimals} places",
                x.to_bits()
            );
        }
    };
    let mut bits = 0u32;
    loop {
        check(f32::from_bits(bits));
        match bits.checked_add(65_521) {
            Some(next) => bits = next,
            None => break,
        }
    }
    for k in 0..20_000u32 {
        for denominator in [2.0f32, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 1024.0] {
            let x = k as f32 / denominator;
            check(x);
            check(-x);
        }
    }
    for k in 0..200_000u32 {
        check(k as f32 * 0.01);
        check(k as f32 * 0.1 + 0.05);
    }
    for x in [
        0.0f32,
        -0.0,
        0.005,
        0.015,
        0.125,
        2.5,
        841.89,
        595.28,
        1e-40,
        16_777_215.0,
        16_777_216.0,
    ] {
        check(x);
    }
}
