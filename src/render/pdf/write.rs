//! The layout model → printpdf operations → byte-reproducible PDF bytes.
//!
//! printpdf draws ids from a process-global counter (font resource names, the trailer `/ID`),
//! so two renders of the same content differ by default. Here the font ids are fixed names and
//! the `/ID` is replaced by a hash of the content; the info dictionary's dates come from the
//! caller (the round's decision date), never the clock.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};

use super::error::PdfError;
use super::face::FontStyle;
use super::fonts::Fonts;
use super::layout::{Item, LayoutModel, nfc};

/// A calendar date (the round's decision date), used for the PDF's creation and modification
/// dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocDate {
    year: i32,
    month: u8,
    day: u8,
}

impl DocDate {
    /// Checks that the date exists on the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, PdfError> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if !(1..=9999).contains(&year) || day == 0 || day > days {
            return Err(PdfError::InvalidDate { year, month, day });
        }
        Ok(DocDate { year, month, day })
    }

    /// Year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Month (1–12).
    pub fn month(&self) -> u8 {
        self.month
    }

    /// Day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    fn to_pdf(self) -> printpdf::OffsetDateTime {
        printpdf::OffsetDateTime {
            date: printpdf::date::Date {
                year: self.year,
                month: self.month,
                day: self.day,
            },
            ..printpdf::OffsetDateTime::epoch()
        }
    }
}

/// The PDF's document information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    /// Title shown by viewers.
    pub title: String,
    /// Author (the issuing body).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Creation and modification date.
    pub date: DocDate,
}

/// Writes the laid-out model as PDF bytes: fonts embedded and subset, text as real text,
/// identical bytes for identical input.
pub fn write_pdf(
    model: &LayoutModel,
    fonts: &Fonts,
    info: &DocumentInfo,
) -> Result<Vec<u8>, PdfError> {
    write_with(model, fonts, info, Subsetting::Kept)
}

/// Who subsets the faces a document embeds. Both write the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subsetting {
    /// [`subset`]: once per process for each distinct set of glyphs.
    Kept,
    /// printpdf, once per document: what `Kept` is tested against.
    #[cfg(test)]
    ByPrintpdf,
}

fn write_with(
    model: &LayoutModel,
    fonts: &Fonts,
    info: &DocumentInfo,
    subsetting: Subsetting,
) -> Result<Vec<u8>, PdfError> {
    let mut lo = uncompressed(model, fonts, info, subsetting)?;
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// The document as lopdf holds it before its streams are compressed.
fn uncompressed(
    model: &LayoutModel,
    fonts: &Fonts,
    info: &DocumentInfo,
    subsetting: Subsetting,
) -> Result<lopdf::Document, PdfError> {
    let mut doc = PdfDocument::new(&nfc(&info.title));
    {
        let meta = &mut doc.metadata.info;
        meta.author = nfc(&info.author);
        meta.subject = nfc(&info.subject);
        meta.creator = concat!("cfc ", env!("CARGO_PKG_VERSION")).to_owned();
        meta.producer = "cfc / printpdf 0.12".to_owned();
        meta.creation_date = info.date.to_pdf();
        meta.modification_date = info.date.to_pdf();
        meta.metadata_date = info.date.to_pdf();
    }

    let (w, h) = (model.setup.width, model.setup.height);
    doc.pages = model
        .pages
        .iter()
        .map(|page| PdfPage {
            media_box: Rect::from_wh(Pt(w), Pt(h)),
            trim_box: Rect::from_wh(Pt(w), Pt(h)),
            crop_box: Rect::from_wh(Pt(w), Pt(h)),
            ops: page_ops(&page.items),
        })
        .collect();

    // Only faces that are used: an unused face would have no glyphs to subset to.
    for (style, used) in used_glyphs(fonts, &doc.pages) {
        let face = match subsetting {
            Subsetting::Kept => subset(fonts, style, used)?,
            #[cfg(test)]
            Subsetting::ByPrintpdf => fonts.parsed(style).clone(),
        };
        doc.resources
            .fonts
            .map
            .insert(FontId(style.resource_name().to_owned()), PdfFont::new(face));
    }

    let options = PdfSaveOptions {
        optimize: true,
        // A face `subset` made is embedded whole, as the subset it is.
        subset_fonts: subsetting != Subsetting::Kept,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Write(error.msg.clone()));
    }

    // The trailer /ID identifies the file: derive it from what is drawn, not from a counter.
    let id = content_id(model, info);
    let id_string = || lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id_string(), id_string()]));
    Ok(lo)
}

/// Compresses the document's streams exactly as lopdf's `Document::compress` does, except that
/// the streams of an embedded face (its font file and its `/ToUnicode` map) are compressed once
/// per process for each distinct subset: the dossiers of a round mostly draw the same letters,
/// so most of them embed subsets already seen (97 dossiers of the Quảng Ngãi round embed 28
/// distinct ones among 291), and deflating them at the best level was a quarter of a round's
/// time. The bytes are those lopdf writes: a stream found in the cache was compressed by the
/// same function from an equal stream.
fn compress(lo: &mut lopdf::Document) {
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
        {
            if stream.dict.has(b"Length1") || stream.content.starts_with(TO_UNICODE) {
                compress_face_stream(stream);
            } else {
                // As lopdf's own loop: a stream that cannot be compressed is written as it is.
                let _ = stream.compress();
            }
        }
    }
}

/// The glyphs a document draws in each face, gathered as printpdf gathers them to subset a face
/// (`collect_used_glyphs_from_pages`): each glyph id the face's cmap gives a character drawn,
/// with the character (the last drawn, where two share a glyph), in the order of the ids.
fn used_glyphs(fonts: &Fonts, pages: &[PdfPage]) -> Vec<(FontStyle, Vec<(u16, char)>)> {
    // By glyph id: a face has a few thousand glyphs, and a map's search per character drawn
    // cost more than the whole table.
    let mut used: [Vec<Option<char>>; 3] = Default::default();
    for page in pages {
        let mut current = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => {
                    current = FontStyle::ALL
                        .into_iter()
                        .find(|s| s.resource_name() == id.0)
                }
                Op::ShowText { items } => {
                    let Some(style) = current else { continue };
                    let glyphs = &mut used[style.index()];
                    for c in items.iter().flat_map(|item| match item {
                        TextItem::Text(text) => text.chars(),
                        _ => "".chars(),
                    }) {
                        if let Some(gid) = fonts.mapped(style, c) {
                            let at = usize::from(gid);
                            if glyphs.len() <= at {
                                glyphs.resize(at + 1, None);
                            }
                            glyphs[at] = Some(c);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    FontStyle::ALL
        .into_iter()
        .map(|style| {
            let glyphs = &used[style.index()];
            let drawn = (0u16..)
                .zip(glyphs)
                .filter_map(|(gid, c)| c.map(|c| (gid, c)))
                .collect::<Vec<_>>();
            (style, drawn)
        })
        .filter(|(_, drawn)| !drawn.is_empty())
        .collect()
}

/// The most subset faces kept: a round of the whole country draws a few dozen distinct sets of
/// glyphs (18 in a generated one). A kept subset holds its font file and its parsed tables, a
/// few hundred KB at most, so a server that renders ever new documents keeps a few tens of MB;
/// past the bound a subset is made for its document alone, as printpdf did.
const SUBSETS_KEPT: usize = 128;

/// The subset of `style`'s face with the glyphs `used`, made once per process for each distinct
/// set, for printpdf to embed whole.
///
/// printpdf subsets every face of every document itself: the subsetting, and the parsing of
/// the subset it makes, were an eighth of a round's processor time, though the dossiers of a
/// round draw few distinct sets of glyphs. This makes the subset as printpdf does
/// (`printpdf::font::subset_font` on the glyphs `used_glyphs` gathers as it does, then
/// `ParsedFont::from_bytes`) and gives it what printpdf takes from the original face when it
/// subsets: the name with its `XXXXXX+` subset tag (the resource name's first six letters, as
/// printpdf writes it), and the metrics the font descriptor shows (`pdf_font_metrics`), since
/// the subset has no OS/2 table, which holds the weight the descriptor's `/StemV` is made from.
/// Embedded whole, it is written as printpdf writes its own subset: the property test
/// `subsets_kept_are_the_subsets_printpdf_makes` compares the bytes of both.
fn subset(
    fonts: &Fonts,
    style: FontStyle,
    used: Vec<(u16, char)>,
) -> Result<printpdf::ParsedFont, PdfError> {
    type Key = (FontStyle, Vec<(u16, char)>);
    static SEEN: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<Key, printpdf::ParsedFont>>,
    > = std::sync::OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    let key = (style, used);
    if let Some(done) = crate::base::lock(seen).get(&key) {
        return Ok(done.clone());
    }
    let original = fonts.parsed(style);
    let usage = key.1.iter().map(|&(gid, c)| (gid, c.to_string())).collect();
    let sub = printpdf::font::subset_font(original, &usage).map_err(PdfError::Write)?;
    let mut warnings = Vec::new();
    let mut font = printpdf::ParsedFont::from_bytes(&sub.bytes, 0, &mut warnings)
        .ok_or(PdfError::FontParse { style })?;
    let id = style.resource_name();
    font.font_name = Some(format!(
        "{}+{}",
        id.get(0..6).unwrap_or(id),
        original.font_name.clone().unwrap_or_else(|| id.to_owned())
    ));
    font.pdf_font_metrics = original.pdf_font_metrics;
    let mut seen = crate::base::lock(seen);
    if seen.len() < SUBSETS_KEPT {
        seen.insert(key, font.clone());
    }
    Ok(font)
}

/// How printpdf's `/ToUnicode` maps begin: one is written for each face, from its subset.
const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin";

/// The most compressed streams of faces kept: a round embeds a few dozen distinct subsets (18 in
/// a generated round of the whole country), each a font file of about 15 KB once compressed and
/// a map of one.
const FACE_STREAMS_KEPT: usize = 1024;

/// Compresses an embedded face's font file or `/ToUnicode` map, or takes the compressed stream
/// of an equal one.
fn compress_face_stream(stream: &mut lopdf::Stream) {
    static SEEN: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<[u8; 32], lopdf::Stream>>,
    > = std::sync::OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    // The stream's whole identity: its dictionary (a font file's holds its length) and bytes.
    let mut hasher = Sha256::new();
    hasher.update(format!("{:?}", stream.dict).as_bytes());
    hasher.update(&stream.content);
    let key: [u8; 32] = hasher.finalize().into();
    let lock = || crate::base::lock(seen);
    if let Some(done) = lock().get(&key) {
        *stream = done.clone();
        return;
    }
    let _ = stream.compress();
    let mut seen = lock();
    if seen.len() < FACE_STREAMS_KEPT {
        seen.insert(key, stream.clone());
    }
}

/// First 16 bytes of the SHA-256 of the model listing and the document info.
fn content_id(model: &LayoutModel, info: &DocumentInfo) -> Vec<u8> {
    /// Feeds what is written to the hash: the listing is as long as the document.
    struct Hashing(Sha256);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    model.dump_to(&mut hashing);
    let _ = std::fmt::Write::write_fmt(&mut hashing, format_args!("{info:?}"));
    hashing.0.finalize()[..16].to_vec()
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn page_ops(items: &[Item]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 5);
    ops.push(Op::SetOutlineColor { col: grey(0.0) });
    ops.push(Op::SetFillColor { col: grey(0.0) });
    let mut fill = 0.0f32;
    let mut set_fill = |ops: &mut Vec<Op>, level: f32| {
        if level != fill {
            ops.push(Op::SetFillColor { col: grey(level) });
            fill = level;
        }
    };
    for item in items {
        match item {
            Item::Text(t) => {
                if t.text.is_empty() {
                    continue;
                }
                set_fill(&mut ops, t.grey);
                // One text object per string with an absolute position: `Td` is relative to
                // the line start, and a fresh BT resets it to the origin.
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(t.style.resource_name().to_owned())),
                    size: Pt(t.size),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(t.x),
                        y: Pt(t.y),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(nfc(&t.text))],
                });
                ops.push(Op::EndTextSection);
            }
            Item::Line(l) => {
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(l.thickness),
                });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(l.x1, l.y1), point(l.x2, l.y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Rect(r) => {
                let rectangle = |mode| Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(r.area.x),
                        y: Pt(r.area.y),
                        width: Pt(r.area.width),
                        height: Pt(r.area.height),
                        mode: Some(mode),
                        winding_order: None,
                    },
                };
                if let Some(level) = r.fill_grey {
                    set_fill(&mut ops, level);
                    ops.push(rectangle(PaintMode::Fill));
                }
                if let Some(thickness) = r.stroke {
                    ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
                    ops.push(rectangle(PaintMode::Stroke));
                }
            }
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::layout::{Block, Decorations, PageSetup, Paragraph, Run, layout};
    use crate::render::pdf::tests::info;
    use proptest::prelude::*;

    /// Every character all three faces draw, but the combining marks: after another character,
    /// one may compose into a character no face draws ('<' and U+0338 into '≮').
    fn drawable() -> Vec<char> {
        crate::base::glyphs::COVERED
            .iter()
            .flat_map(|&(from, to)| (from..=to).filter_map(char::from_u32))
            .filter(|&c| unicode_normalization::char::canonical_combining_class(c) == 0)
            .collect()
    }

    /// `blocks` laid out on A4 pages, without decorations.
    fn model_of(blocks: &[Block]) -> LayoutModel {
        let fonts = Fonts::get().expect("fonts");
        layout(
            blocks,
            &PageSetup::a4_decree_30(),
            fonts,
            &Decorations::default(),
        )
        .expect("layout")
    }

    /// The document of `runs`, one paragraph each, written with both subsettings.
    fn both_ways(runs: Vec<Run>) -> (Vec<u8>, Vec<u8>) {
        let fonts = Fonts::get().expect("fonts");
        let blocks: Vec<Block> = runs
            .into_iter()
            .map(|run| Block::Paragraph(Paragraph::new(vec![run])))
            .collect();
        let model = model_of(&blocks);
        let write = |subsetting| write_with(&model, fonts, &info(), subsetting).expect("writes");
        (write(Subsetting::Kept), write(Subsetting::ByPrintpdf))
    }

    /// A document's streams compressed as lopdf's own `Document::compress` does, twice: the
    /// second time the faces' streams (font files and `/ToUnicode` maps) come from the cache,
    /// whatever other tests of the process left in it the first time.
    #[test]
    fn a_document_compressed_is_what_lopdf_writes_every_time() {
        let fonts = Fonts::get().expect("fonts");
        let blocks = [
            Block::Paragraph(Paragraph::text("Ủy ban nhân dân xã Sơn Thượng")),
            Block::Paragraph(Paragraph::bold("Quyết định công nhận")),
            Block::Paragraph(Paragraph::italic("Tiêu chí 1.2 (tạm thời)")),
        ];
        let model = model_of(&blocks);
        let document = || uncompressed(&model, fonts, &info(), Subsetting::Kept).expect("writes");
        let save = |mut lo: lopdf::Document| {
            let mut bytes = Vec::new();
            lo.save_to(&mut bytes).expect("saves");
            bytes
        };
        let mut by_lopdf = document();
        by_lopdf.compress();
        let faces = by_lopdf
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.has(b"Length1"))
            .count();
        assert_eq!(faces, 3, "a font file for each face");
        let by_lopdf = save(by_lopdf);
        for time in ["first", "second"] {
            let mut ours = document();
            let maps = ours
                .objects
                .values()
                .filter_map(|o| o.as_stream().ok())
                .filter(|s| s.content.starts_with(TO_UNICODE))
                .count();
            assert_eq!(maps, 3, "a /ToUnicode map for each face");
            compress(&mut ours);
            assert!(save(ours) == by_lopdf, "{time} time");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// A face subset once and kept is written as printpdf writes the subset it makes for
        /// each document: byte for byte, on paragraphs of any drawable characters in any face.
        #[test]
        fn subsets_kept_are_the_subsets_printpdf_makes(
            paragraphs in prop::collection::vec(
                (0..3usize, prop::collection::vec(any::<prop::sample::Index>(), 1..80)),
                1..10,
            )
        ) {
            let chars = drawable();
            let runs = paragraphs
                .into_iter()
                .map(|(face, picks)| Run {
                    text: picks.iter().map(|i| *i.get(&chars)).collect(),
                    style: FontStyle::ALL[face],
                })
                .collect();
            let (kept, by_printpdf) = both_ways(runs);
            prop_assert!(kept == by_printpdf);
        }
    }

    #[test]
    fn a_font_file_compressed_once_is_what_lopdf_writes_every_time() {
        let file = |style: FontStyle| {
            let mut dict = lopdf::Dictionary::new();
            dict.set("Length1", i64::try_from(style.bytes().len()).unwrap_or(0));
            lopdf::Stream::new(dict, style.bytes().to_vec())
        };
        for style in FontStyle::ALL {
            let mut by_lopdf = file(style);
            by_lopdf.compress().expect("lopdf compresses");
            assert!(by_lopdf.dict.has(b"Filter"), "{style:?}: compressed");
            // The first time compresses, the second takes the stream kept: both as lopdf.
            for time in ["first", "second"] {
                let mut ours = file(style);
                compress_face_stream(&mut ours);
                assert!(ours == by_lopdf, "{style:?}, {time} time");
            }
        }
    }
}
