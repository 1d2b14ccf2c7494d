//! The library's modules import only downward: base types → scripts → rules → evidence →
//! evaluation → audit → words → renderers → the output folder and its verification. A module
//! that reaches up, or two that reach each other, is a design error this test names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first. A module may import modules of its own layer or below, never
/// above; within a layer the imports must still form no circle.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base",
        &[
            "lang",
            "date",
            "points",
            "hash",
            "diag",
            "glyphs",
            "printable",
            "fsio",
            "fault",
        ],
    ),
    ("scripts", &["script"]),
    ("rules", &["criteria"]),
    ("evidence", &["evidence", "units"]),
    (
        "evaluate",
        &[
            "policy", "score", "decide", "evaluate", "probe", "roster", "round", "report",
        ],
    ),
    ("audit", &["explain", "whatif", "diff", "findings"]),
    ("words", &["words"]),
    ("renderers", &["render", "xlsx", "output"]),
    ("verification", &["verify", "error"]),
    ("serve", &["serve"]),
];

/// The top-level module of every file under `src/` (the binary's `main.rs` and `cli/` apart)
/// and the top-level modules it names through `crate::`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix("src").expect("under src/");
            let first = rel.components().next().expect("a file name");
            let top = first.as_os_str().to_string_lossy();
            let top = top.strip_suffix(".rs").unwrap_or(&top).to_string();
            if matches!(top.as_str(), "lib" | "main" | "cli") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            // Unit tests may use anything: they are not part of the layering.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let deps = graph.entry(top.clone()).or_default();
            for line in code.lines() {
                let line = line.split("//").next().unwrap_or("");
                for (i, _) in line.match_indices("crate::") {
                    let name: String = line[i + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    if !name.is_empty() && name != top {
                        deps.insert(name);
                    }
                }
            }
        }
    }
    graph
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

#[test]
fn every_module_has_a_layer() {
    let unplaced: Vec<String> = imports()
        .into_keys()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules with no layer in tests/layers.rs: {unplaced:?}"
    );
}

#[test]
fn no_module_imports_a_higher_layer() {
    let mut upward = Vec::new();
    for (module, deps) in imports() {
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for dep in deps {
            if let Some(theirs) = layer_of(&dep).filter(|&l| l > own) {
                upward.push(format!(
                    "{module} ({}) imports {dep} ({})",
                    LAYERS[own].0, LAYERS[theirs].0
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let graph = imports();
    // A module is in a circle when it reaches itself: a depth-first walk from each module.
    let mut circles = BTreeSet::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = todo.pop() {
            if m == start {
                circles.insert(start.clone());
                break;
            }
            if seen.insert(m) {
                todo.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules that reach themselves through their imports: {circles:?}"
    );
}
