//! One unit's text never stops the others: a round with one unit holding every kind of bad
//! text, file and number, and one unit holding every allowed tricky text. `check` locates
//! every bad one, and `evaluate --out` still renders the good unit's dossier for real.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use unicode_normalization::UnicodeNormalization;

fn cfc(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_cfc")).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run cfc: {e}"),
    }
}

/// A fresh folder under the target directory, removed first if a previous run left it.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `fixtures/invalid/valid.toml` with its code, name and first incident id replaced.
fn unit(code: &str, name: &str, id: &str) -> String {
    let base = std::fs::read_to_string("fixtures/invalid/valid.toml").unwrap();
    base.replace("code = \"99001\"", &format!("code = \"{code}\""))
        .replace("name = \"Hợp Lệ\"", &format!("name = {name}"))
        .replace("id = \"HL-2024-01\"", &format!("id = \"{id}\""))
}

fn round(dir: &Path) {
    let criteria = std::fs::canonicalize("criteria").unwrap();
    let settings = std::fs::read_to_string("fixtures/invalid/round.toml")
        .unwrap()
        .replace("../../criteria", criteria.to_str().unwrap());
    std::fs::write(dir.join("round.toml"), settings).unwrap();
}

/// Every tone mark on every vowel that carries one, in NFD as some editors write it.
fn all_tones_nfd() -> String {
    let vowels = "aăâeêioôơuưy";
    let marks = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut s = String::new();
    for v in vowels.chars() {
        for m in marks {
            s.push(v);
            s.push(m);
        }
    }
    s.push_str(" Đđ");
    s
}

#[test]
fn bad_text_is_located_and_good_text_renders() {
    let dir = scratch("text-round");
    round(&dir);
    // Allowed: NFD Vietnamese with every tone mark, padded to exactly the name limit;
    // an id at the length limit; what Word pastes (no-break space, curly quotes, dashes).
    let tones = all_tones_nfd();
    let nfc_len = tones.nfc().count();
    let name = format!(
        "{tones}{}",
        "\u{a0}“Sơn Hà” – …"
            .chars()
            .cycle()
            .take(120 - nfc_len)
            .collect::<String>()
    );
    assert_eq!(name.nfc().count(), 120);
    let good_id = format!("A{}", "b.c_d/e-".repeat(4))
        .chars()
        .take(32)
        .collect::<String>();
    std::fs::write(
        dir.join("good.toml"),
        unit("99001", &format!("\"{name}\""), &good_id),
    )
    .unwrap();
    // Refused, each located. The name line holds a BOM escape, the id a personal name.
    let mut bad = unit("99002", "\"\\uFEFFXã \\u001B[2J Hà 😀\"", "Nguyễn Thị B");
    bad = bad.replace(
        "children_total = 2400",
        "children_total = 18446744073709551615",
    );
    bad.push_str("\n[[incidents]]\nid = \"X1\"\ndate = 2024-05-01\nkind = \"drowning\"\nnote = [");
    bad.push_str(&"[".repeat(100_000));
    bad.push_str(&"]".repeat(100_001));
    bad.push('\n');
    std::fs::write(dir.join("bad.toml"), bad).unwrap();
    // Files the folder cannot use.
    std::fs::write(dir.join("upper.TOML"), unit("99003", "\"Ba\"", "B1")).unwrap();
    std::fs::create_dir(dir.join("folder.toml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing"), dir.join("dangling.toml")).unwrap();
    std::fs::write(dir.join("latin1.toml"), b"[unit]\nname = \"S\xf4n\"\n").unwrap();
    let big = vec![b'#'; 9 << 20];
    std::fs::write(dir.join("huge.toml"), big).unwrap();

    let d = dir.to_str().unwrap();
    let check = cfc(&["check", d]);
    // `as_ref`: rhai's string type adds itself to `String` too, so `+ &Cow` is ambiguous here.
    let err = String::from_utf8_lossy(&check.stderr).to_string()
        + String::from_utf8_lossy(&check.stdout).as_ref();
    assert_eq!(check.status.code(), Some(1), "{err}");
    // Each at its place and field, with the code point or value at fault, in Vietnamese (the
    // default language); the kinds of these problems are asserted in tests/invalid.rs.
    for want in [
        "bad.toml:6:8: unit.name: văn bản chứa ký tự U+FEFF",
        "bad.toml:16:18: inputs.children_total: 18446744073709551615 nằm ngoài giới hạn",
        "bad.toml:54:6: incidents[0].id: ký tự U+1EC5 ở vị trí 5",
        "max recursion depth met",
        "upper.TOML:1:1: tên tệp có phần mở rộng viết hoa",
        "folder.toml:1:1: một thư mục có tên như tệp minh chứng",
        "latin1.toml:1:1: tệp không phải văn bản UTF-8",
        "huge.toml:1:1: tệp quá lớn (9437184 byte): tối đa 8388608 byte",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    #[cfg(unix)]
    assert!(
        err.contains("dangling.toml:1:1: một liên kết tới tệp không đọc được"),
        "{err}"
    );
    assert!(!err.contains("good.toml"), "the good unit is valid:\n{err}");
    assert!(
        !err.contains(['\u{1b}', '\u{feff}']),
        "raw text printed: {err:?}"
    );

    let out = dir.join("out");
    let eval = cfc(&["evaluate", d, "--out", out.to_str().unwrap()]);
    assert_eq!(
        eval.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&eval.stderr)
    );
    let pdfs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf") && n.starts_with("99001"))
        .collect();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    assert!(pdfs[0].len() <= 255 && pdfs[0].is_ascii(), "{pdfs:?}");
    let pdf = std::fs::read(out.join(&pdfs[0])).unwrap();
    assert!(
        pdf.starts_with(b"%PDF-") && pdf.len() > 10_000,
        "{}",
        pdf.len()
    );
    let results = std::fs::read_to_string(out.join("results.json")).unwrap();
    // The name is kept composed (NFC), as the dossier draws it.
    assert!(
        results.contains(&name.nfc().collect::<String>()),
        "NFC name missing"
    );
}

#[test]
fn round_settings_that_a_dossier_cannot_draw_are_located() {
    let dir = scratch("text-settings");
    round(&dir);
    let path = dir.join("round.toml");
    let settings = std::fs::read_to_string(&path)
        .unwrap()
        .replace("place = \"Sơn Hà\"", "place = \"Sơn Hà \\u202E\"");
    std::fs::write(&path, settings).unwrap();
    let out = cfc(&["check", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "round.toml:10:9: place: văn bản chứa ký tự U+202E, không in được trong hồ sơ"
        ),
        "{err}"
    );
}
