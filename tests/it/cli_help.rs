//! The command line's own words as the clerk meets them: `cfc --help` and every `cfc <command>
//! --help` in Vietnamese by default and in English with `--lang en` or `CFC_LANG=en`, clap's
//! headings and errors included; the shell completions and the manual page made from the same
//! definitions.

use std::process::{Command, Output, Stdio};

/// cfc with a fixed width and no language from the environment unless given.
fn cfc(args: &[&str], env_lang: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cfc"));
    command
        .args(args)
        .env("COLUMNS", "100")
        .env_remove("CFC_LANG");
    if let Some(lang) = env_lang {
        command.env("CFC_LANG", lang);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The commands, as `cfc --help` lists them.
fn commands() -> Vec<String> {
    let help = text(&cfc(&["--help", "--lang", "en"], None).stdout);
    help.split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

/// `cfc --help` and every `cfc <command> --help`, one after the other.
fn every_help(lang: &[&str]) -> String {
    let mut all = String::new();
    let commands = commands();
    assert!(commands.len() >= 14, "{commands:?}");
    for command in std::iter::once("").chain(commands.iter().map(String::as_str)) {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        args.extend(lang);
        let out = cfc(&args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
        all.push_str(&format!(
            "$ cfc {}\n{}\n",
            args.join(" "),
            text(&out.stdout)
        ));
    }
    all
}

#[test]
fn the_help_is_vietnamese_by_default() {
    let help = every_help(&[]);
    // Not a word of clap's English chrome.
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "Print version",
        "[default:",
        "[possible values:",
        "[env:",
        "[OPTIONS]",
        "<COMMAND>",
    ] {
        assert!(!help.contains(english), "{english:?} in:\n{help}");
    }
    for vietnamese in [
        "Cách dùng:",
        "Tùy chọn:",
        "Tham số:",
        "Lệnh:",
        "[mặc định: table]",
    ] {
        assert!(help.contains(vietnamese), "{vietnamese:?}");
    }
    insta::assert_snapshot!("help-vi", help);
}

#[test]
fn the_help_is_english_with_lang_en_or_cfc_lang() {
    let help = every_help(&["--lang", "en"]);
    assert!(help.contains("Usage: cfc evaluate [OPTIONS] <ROUND_DIR>"));
    insta::assert_snapshot!("help-en", help);
    let by_env = cfc(&["evaluate", "--help"], Some("en"));
    let by_flag = cfc(&["evaluate", "--help", "--lang", "en"], None);
    assert_eq!(text(&by_env.stdout), text(&by_flag.stdout));
    // The flag wins over the environment.
    let flag_vi = cfc(&["evaluate", "--help", "--lang", "vi"], Some("en"));
    assert!(text(&flag_vi.stdout).contains("Cách dùng: cfc evaluate"));
    // `cfc help <command>` is `cfc <command> --help`.
    let asked = cfc(&["help", "evaluate"], None);
    let flagged = cfc(&["evaluate", "--help"], None);
    assert_eq!(text(&asked.stdout), text(&flagged.stdout));
}

#[test]
fn a_wrong_command_is_said_in_the_councils_words() {
    let out = cfc(&["evalute", "fixtures/son-ha-2024"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    insta::assert_snapshot!("error-vi", text(&out.stderr));
    let out = cfc(&["evaluate", "--formt", "json", "x"], Some("en"));
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("error-en", text(&out.stderr));
    for (args, said) in [
        (
            &["evaluate", "x", "--format", "xml"][..],
            "lỗi: giá trị 'xml' không hợp lệ cho '--format <DẠNG>'",
        ),
        (&["evaluate"], "lỗi: thiếu tham số bắt buộc: <THƯ_MỤC_ĐỢT>"),
        (
            &["template", "--criteria", "c", "--year", "abc"],
            "lỗi: giá trị 'abc' không hợp lệ cho '--year <NĂM>'",
        ),
        (
            &["check", "x", "--criteria", "y"],
            "lỗi: không dùng '[THƯ_MỤC_ĐỢT]' cùng với '--criteria <BỘ>'",
        ),
    ] {
        let out = cfc(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with(said), "{args:?}: {err}");
        assert!(err.contains("Xem thêm: cfc"), "{err}");
    }
    // The values an argument accepts, each quoted as the one refused is.
    let out = cfc(&["evaluate", "x", "--format", "xml"], None);
    let err = text(&out.stderr);
    assert!(
        err.contains("\n  các giá trị được nhận: 'table', 'json', 'csv'\n"),
        "{err}"
    );
    let out = cfc(&["evaluate", "x", "--format", "xml"], Some("en"));
    let err = text(&out.stderr);
    assert!(
        err.contains("\n  possible values: 'table', 'json', 'csv'\n"),
        "{err}"
    );
    let version = cfc(&["--version"], None);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        text(&version.stdout),
        format!("cfc {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// Whether a shell is installed (it answers a command).
fn shell(program: &str) -> bool {
    Command::new(program)
        .args(["-c", "exit 0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn completions_are_made_for_each_shell_and_are_valid() {
    let script = |shell: &str, lang: &str| {
        let out = cfc(&["completions", shell, "--lang", lang], None);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for command in commands() {
            assert!(script.contains(&command), "{shell}: {command}");
        }
        script
    };
    let dir = tempfile::tempdir().unwrap();
    // (shell, how it checks a script without running it, where its descriptions show)
    let checks: [(&str, &str, &[&str], bool); 4] = [
        ("bash", "bash", &["-n"], false),
        ("zsh", "zsh", &["-n"], true),
        ("fish", "fish", &["--no-execute"], true),
        ("powershell", "pwsh", &["-NoProfile", "-File"], true),
    ];
    for (name, program, check, described) in checks {
        let (vi, en) = (script(name, "vi"), script(name, "en"));
        if described {
            assert!(vi.contains("Chấm điểm và kết luận"), "{name}");
            assert!(en.contains("Score and decide every unit"), "{name}");
        }
        if !shell(program) {
            println!("SKIPPED the {name} completions' syntax check: `{program}` is not installed");
            continue;
        }
        let file = dir.path().join(format!("cfc.{name}"));
        std::fs::write(&file, &vi).unwrap();
        let out = Command::new(program)
            .args(check)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_manual_page_is_made_and_renders() {
    let page = cfc(&["man"], None);
    assert_eq!(page.status.code(), Some(0));
    let roff = text(&page.stdout);
    assert!(roff.starts_with(".ie \\n(.g"), "{roff}");
    for section in [
        ".SH \"TÊN\"",
        ".SH \"CÁCH DÙNG\"",
        ".SH \"MÔ TẢ\"",
        ".SH \"LỆNH\"",
    ] {
        assert!(roff.contains(section), "{section} in:\n{roff}");
    }
    let evaluate = text(&cfc(&["man", "evaluate", "--lang", "en"], None).stdout);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        evaluate.contains(&format!(".TH cfc-evaluate 1  \"cfc {version}\"")),
        "{evaluate}"
    );
    assert!(evaluate.contains(".SH \"NAME\""), "{evaluate}");
    let missing = cfc(&["man", "nope"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cfc không có lệnh \"nope\""));
    // Rendered as `man` shows it, where groff is installed.
    if Command::new("groff").arg("-v").output().is_err() {
        println!("SKIPPED the manual page's rendering: `groff` is not installed");
        return;
    }
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-Kutf8", "-ww", "-P-cbou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut groff.stdin.take().unwrap(), roff.as_bytes()).unwrap();
    let shown = groff.wait_with_output().unwrap();
    assert!(shown.status.success());
    let warnings = text(&shown.stderr);
    assert!(warnings.is_empty(), "{warnings}");
    let shown = text(&shown.stdout);
    for words in ["TÊN", "CÁCH DÙNG", "Chấm điểm và kết luận", "CFC_LANG"] {
        assert!(shown.contains(words), "{words} in:\n{shown}");
    }
}
