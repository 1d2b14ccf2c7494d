//! Compiles the shipped rules into the binary: every criteria set and policy of `criteria/`
//! (their cases files apart) and every script of `scripts/`, as `src/rules/shipped.rs` reads
//! them. A set added there ships with the next build; no Rust change is needed.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=criteria");
    println!("cargo::rerun-if-changed=scripts");
    let mut files = Vec::new();
    collect(Path::new("criteria"), &mut files, &|name| {
        name.ends_with(".toml") && !name.ends_with(".cases.toml")
    });
    collect(Path::new("scripts"), &mut files, &|name| {
        name.ends_with(".rhai")
    });
    files.sort();
    let mut out = String::from(
        "// Written by build.rs: the shipped rule files, by their path in the repository.\n\
         pub(super) static FILES: &[(&str, &[u8])] = &[\n",
    );
    for key in files {
        out += &format!(
            "    ({key:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),\n",
            format!("/{key}")
        );
    }
    out += "];\n";
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped.rs");
    std::fs::write(dest, out).expect("the build folder is writable");
}

/// The files under `dir` whose names `keep` accepts, as `/`-separated paths from the
/// repository's root, whatever the system's separator.
fn collect(dir: &Path, out: &mut Vec<String>, keep: &dyn Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out, keep);
        } else if path.to_str().is_some_and(keep) {
            let key: Vec<String> = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(key.join("/"));
        }
    }
}
