//! The library's stages import only downward, and no files import each other in a circle.
//!
//! Every file under `src/` (the binary's `main.rs` apart) is read with `syn`. Every
//! path it names — in `use` declarations, types, expressions, patterns and the tokens of macro
//! calls — is resolved to the file that defines the item: through `crate::`, `super::`,
//! `self::`, child modules and imports, following re-exports (`pub use`) wherever they are,
//! the crate root's included, so that `crate::Policy` counts as a use of `rules/policy.rs`.
//! A folder's `pub use` of its own children is its face, not a use; anything its own code
//! names is. Then:
//!
//! - each top folder of `src/` is a stage with a place in [`STAGES`]; a file may name items of
//!   its own stage or of an earlier one, never of a later one;
//! - the files form no circle, across folders or inside one;
//! - no file implements a trait it does not own for a type of an earlier stage: a `Display`
//!   written in `words` for a rule's type is a call upward that no import shows.
//!
//! Unit tests (`#[cfg(test)]`) may use anything and are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// The stages, in the order data flows: a stage may use those before it.
const STAGES: &[&str] = &[
    "base", "script", "form", "rules", "evidence", "evaluate", "audit", "words", "xlsx", "render",
    "serve", "cli",
];

type ModPath = Vec<String>;

/// One `use` binding: the name it brings into scope (`*` for a glob) and the path it names.
#[derive(Debug, Clone)]
struct Import {
    name: String,
    path: ModPath,
    public: bool,
}

/// A module: a file, or a module written inline in a file.
#[derive(Debug, Default)]
struct Module {
    file: PathBuf,
    children: BTreeSet<String>,
    imports: Vec<Import>,
    /// Paths named by the module's own code (its private imports included).
    refs: Vec<ModPath>,
    /// `impl Trait for Type`: the two paths.
    impls: Vec<(ModPath, ModPath)>,
}

/// Whether an item is compiled only for unit tests.
fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta.require_list().is_ok_and(|l| {
                l.tokens.clone().into_iter().any(|t| match t {
                    TokenTree::Ident(i) => i == "test",
                    _ => false,
                })
            })
    })
}

fn flatten_use(tree: &syn::UseTree, prefix: &mut ModPath, public: bool, out: &mut Vec<Import>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, public, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) if n.ident == "self" => out.push(Import {
            name: prefix.last().cloned().unwrap_or_default(),
            path: prefix.clone(),
            public,
        }),
        syn::UseTree::Name(n) => {
            let mut path = prefix.clone();
            path.push(n.ident.to_string());
            out.push(Import {
                name: n.ident.to_string(),
                path,
                public,
            });
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            path.push(r.ident.to_string());
            out.push(Import {
                name: r.rename.to_string(),
                path,
                public,
            });
        }
        syn::UseTree::Glob(_) => out.push(Import {
            name: "*".into(),
            path: prefix.clone(),
            public,
        }),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, public, out);
            }
        }
    }
}

fn segments(path: &syn::Path) -> ModPath {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Paths that start with `crate`, `super` or `self` in the tokens of a macro call.
fn paths_in_tokens(tokens: TokenStream, out: &mut Vec<ModPath>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        if let TokenTree::Group(g) = &tokens[i] {
            paths_in_tokens(g.stream(), out);
        }
        if let TokenTree::Ident(id) = &tokens[i]
            && (id == "crate" || id == "super" || id == "self")
        {
            let mut path = vec![id.to_string()];
            let mut j = i + 1;
            while j + 2 < tokens.len() + 1 {
                let colons = matches!((&tokens.get(j), &tokens.get(j + 1)),
                    (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':');
                match (colons, tokens.get(j + 2)) {
                    (true, Some(TokenTree::Ident(next))) => {
                        path.push(next.to_string());
                        j += 3;
                    }
                    _ => break,
                }
            }
            if path.len() > 1 {
                out.push(path);
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

/// Collects the paths and trait impls of one module's code.
#[derive(Default)]
struct Code {
    refs: Vec<ModPath>,
    impls: Vec<(ModPath, ModPath)>,
}

impl<'a> Visit<'a> for Code {
    fn visit_path(&mut self, p: &'a syn::Path) {
        self.refs.push(segments(p));
        syn::visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        self.refs.push(segments(&m.path));
        paths_in_tokens(m.tokens.clone(), &mut self.refs);
    }
    fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
        if test_only(&i.attrs) {
            return;
        }
        if let (Some((_, tr, _)), syn::Type::Path(ty)) = (&i.trait_, &*i.self_ty) {
            self.impls.push((segments(tr), segments(&ty.path)));
        }
        syn::visit::visit_item_impl(self, i);
    }
    fn visit_item_mod(&mut self, _: &'a syn::ItemMod) {
        // Inline modules are modules of their own (see `collect`).
    }
    fn visit_item_use(&mut self, _: &'a syn::ItemUse) {
        // Imports are read by `collect`.
    }
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        if !test_only(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
}

struct Crate {
    modules: BTreeMap<ModPath, Module>,
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let mut krate = Crate {
            modules: BTreeMap::new(),
        };
        krate.file(src, &src.join("lib.rs"), Vec::new());
        krate
    }

    fn file(&mut self, src: &Path, file: &Path, path: ModPath) {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        self.collect(src, file, path, &ast.items);
    }

    fn collect(&mut self, src: &Path, file: &Path, path: ModPath, items: &[syn::Item]) {
        let mut module = Module {
            file: file.to_path_buf(),
            ..Module::default()
        };
        let mut code = Code::default();
        let mut nested = Vec::new();
        for item in items {
            match item {
                syn::Item::Mod(m) if test_only(&m.attrs) => {}
                syn::Item::Mod(m) => {
                    let name = m.ident.to_string();
                    module.children.insert(name.clone());
                    let mut child = path.clone();
                    child.push(name.clone());
                    match &m.content {
                        Some((_, inner)) => nested.push((child, inner.clone())),
                        None => {
                            let dir = file.parent().expect("a folder");
                            let own = if file
                                .file_name()
                                .is_some_and(|n| n == "mod.rs" || n == "lib.rs")
                            {
                                dir.to_path_buf()
                            } else {
                                dir.join(file.file_stem().expect("a stem"))
                            };
                            let flat = own.join(format!("{name}.rs"));
                            let folder = own.join(&name).join("mod.rs");
                            let next = if flat.exists() { flat } else { folder };
                            self.file(src, &next, child);
                        }
                    }
                }
                syn::Item::Use(u) if test_only(&u.attrs) => {}
                syn::Item::Use(u) => {
                    let public = !matches!(u.vis, syn::Visibility::Inherited);
                    flatten_use(&u.tree, &mut Vec::new(), public, &mut module.imports);
                }
                syn::Item::Impl(i) => code.visit_item_impl(i),
                other => {
                    let attrs = match other {
                        syn::Item::Fn(f) => &f.attrs,
                        syn::Item::Struct(s) => &s.attrs,
                        syn::Item::Enum(e) => &e.attrs,
                        syn::Item::Const(c) => &c.attrs,
                        syn::Item::Static(s) => &s.attrs,
                        syn::Item::Type(t) => &t.attrs,
                        syn::Item::Trait(t) => &t.attrs,
                        syn::Item::Macro(m) => &m.attrs,
                        _ => &Vec::new(),
                    };
                    if !test_only(attrs) {
                        code.visit_item(other);
                    }
                }
            }
        }
        // Private imports are uses of what they name; public ones only pass names on.
        module.refs = code.refs;
        module.refs.extend(
            module
                .imports
                .iter()
                .filter(|i| !i.public && i.name != "*")
                .map(|i| i.path.clone()),
        );
        module.impls = code.impls;
        self.modules.insert(path.clone(), module);
        for (child, inner) in nested {
            self.collect(src, file, child, &inner);
        }
    }

    /// The absolute module path a path written in `from` starts with, or `None` for a path
    /// outside the crate (std, a dependency, a local name).
    fn absolute(&self, from: &ModPath, path: &[String], depth: usize) -> Option<ModPath> {
        let first = path.first()?;
        // `pub(crate)` and `pub(super)` name a module to see, not an item to use.
        if path.len() == 1 && matches!(first.as_str(), "crate" | "super" | "self") {
            return None;
        }
        let module = self.modules.get(from)?;
        match first.as_str() {
            "crate" => Some(path[1..].to_vec()),
            "super" | "self" => {
                let mut base = from.clone();
                let mut rest = path;
                while let Some(s) = rest.first() {
                    match s.as_str() {
                        "super" => {
                            base.pop();
                        }
                        "self" => {}
                        _ => break,
                    }
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                Some(base)
            }
            name if module.children.contains(name) => {
                let mut abs = from.clone();
                abs.extend(path.iter().cloned());
                Some(abs)
            }
            name => {
                if depth > 16 {
                    return None;
                }
                let import = module.imports.iter().find(|i| i.name == name)?;
                let mut abs = self.absolute(from, &import.path, depth + 1)?;
                abs.extend(path[1..].iter().cloned());
                Some(abs)
            }
        }
    }

    /// The module (file or inline) that defines what an absolute path names.
    fn definer(&self, abs: &[String], depth: usize) -> Option<ModPath> {
        let n = (0..=abs.len())
            .rev()
            .find(|&n| self.modules.contains_key(&abs[..n]))?;
        let at = abs[..n].to_vec();
        let Some(name) = abs.get(n) else {
            return Some(at);
        };
        if depth > 16 {
            return Some(at);
        }
        let module = &self.modules[&at];
        if let Some(i) = module.imports.iter().find(|i| i.public && &i.name == name) {
            let mut next = self.absolute(&at, &i.path, 0)?;
            next.extend(abs[n + 1..].iter().cloned());
            return self.definer(&next, depth + 1);
        }
        Some(at)
    }

    fn resolve(&self, from: &ModPath, path: &[String]) -> Option<ModPath> {
        let abs = self.absolute(from, path, 0)?;
        self.definer(&abs, 0)
    }

    fn file_of(&self, m: &ModPath) -> PathBuf {
        self.modules[m].file.clone()
    }

    /// Which file uses which, by the paths each module's code names.
    fn graph(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
        let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for (path, module) in &self.modules {
            let deps = graph.entry(module.file.clone()).or_default();
            for r in &module.refs {
                if let Some(target) = self.resolve(path, r) {
                    let file = self.file_of(&target);
                    if file != module.file {
                        deps.insert(file);
                    }
                }
            }
        }
        graph
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A file's stage: its top folder under `src/` (`None` for the crate root).
fn stage(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).expect("under src/");
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
    parts.next()?;
    Some(first)
}

fn rank(stage: &Option<String>) -> usize {
    match stage {
        // The root comes last: its `Error` names every stage.
        None => STAGES.len(),
        Some(s) => STAGES
            .iter()
            .position(|x| x == s)
            .unwrap_or_else(|| panic!("src/{s}/ is not a stage of tests/layers.rs")),
    }
}

fn short(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .map_or_else(|_| file.display().to_string(), |p| p.display().to_string())
}

#[test]
fn every_top_folder_is_a_stage_and_no_file_is_loose() {
    let krate = Crate::read(&src());
    let mut loose = Vec::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            rank(&Some(name));
        } else if !matches!(name.as_str(), "lib.rs" | "main.rs") {
            loose.push(name);
        }
    }
    assert!(loose.is_empty(), "files outside every stage: {loose:?}");
    // Every file of the library is reached from lib.rs (a file nobody declares is dead).
    let read: BTreeSet<PathBuf> = krate.modules.values().map(|m| m.file.clone()).collect();
    assert!(read.len() > 60, "only {} files read", read.len());
}

/// Every use of a file of a later stage.
fn upward(root: &Path) -> Vec<String> {
    let krate = Crate::read(root);
    let mut upward = Vec::new();
    for (file, deps) in krate.graph() {
        let own = stage(root, &file);
        for dep in deps {
            let theirs = stage(root, &dep);
            if rank(&theirs) > rank(&own) {
                upward.push(format!("{} uses {}", short(root, &file), short(root, &dep)));
            }
        }
    }
    upward
}

#[test]
fn no_file_uses_a_later_stage() {
    let upward = upward(&src());
    assert!(
        upward.is_empty(),
        "uses that point to a later stage:\n{}",
        upward.join("\n")
    );
}

/// Every circle of files, with the uses that make it.
fn circles(root: &Path) -> Vec<String> {
    let graph = Crate::read(root).graph();
    // Tarjan's strongly connected components: any with more than one file is a circle.
    struct Walk<'g> {
        root: &'g Path,
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        circles: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g PathBuf) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(short(self.root, w));
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.circles.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        root,
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        circles: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    let described: Vec<String> = walk
        .circles
        .iter()
        .map(|c| {
            let edges: Vec<String> = c
                .iter()
                .flat_map(|a| {
                    graph[&root.join(a)]
                        .iter()
                        .map(|b| short(root, b))
                        .filter(|b| c.contains(b))
                        .map(move |b| format!("  {a} → {b}"))
                })
                .collect();
            format!("{}\n{}", c.join(", "), edges.join("\n"))
        })
        .collect();
    described
}

#[test]
fn no_files_use_each_other_in_a_circle() {
    let described = circles(&src());
    assert!(
        described.is_empty(),
        "files that reach themselves through what they use:\n{}",
        described.join("\n")
    );
}

/// Every trait implemented, for a type of an earlier stage, by a file that does not own the
/// trait.
fn hidden_impls(root: &Path) -> Vec<String> {
    let krate = Crate::read(root);
    let mut hidden = Vec::new();
    for (path, module) in &krate.modules {
        let own = rank(&stage(root, &module.file));
        for (tr, ty) in &module.impls {
            let Some(ty_at) = krate.resolve(path, ty) else {
                continue;
            };
            let ty_rank = rank(&stage(root, &krate.file_of(&ty_at)));
            let trait_rank = krate
                .resolve(path, tr)
                .map(|t| rank(&stage(root, &krate.file_of(&t))));
            if ty_rank < own && trait_rank != Some(own) {
                hidden.push(format!(
                    "{} implements {} for {} ({})",
                    short(root, &module.file),
                    tr.join("::"),
                    ty.join("::"),
                    short(root, &krate.file_of(&ty_at))
                ));
            }
        }
    }
    hidden
}

#[test]
fn no_trait_of_another_stage_is_implemented_for_an_earlier_stages_type() {
    let hidden = hidden_impls(&src());
    assert!(
        hidden.is_empty(),
        "traits implemented above their type's stage (callers below reach up unseen):\n{}",
        hidden.join("\n")
    );
}

#[test]
fn the_resolver_sees_through_root_re_exports() {
    // The circle issue 20 found went through `crate::Policy`: the test must see it as a use
    // of rules/policy.rs, and a folder's path as its file.
    let krate = Crate::read(&src());
    let root = Vec::new();
    let policy = krate
        .resolve(&root, &["crate".into(), "Policy".into()])
        .unwrap();
    assert_eq!(short(&src(), &krate.file_of(&policy)), "rules/policy.rs");
    let date = krate
        .resolve(&root, &["crate".into(), "Date".into()])
        .unwrap();
    assert_eq!(short(&src(), &krate.file_of(&date)), "base/date.rs");
}

/// The checks find what they are for: a small crate written to break each rule once.
#[test]
fn each_check_catches_what_it_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "lib.rs",
        "mod base;\nmod rules;\npub use rules::policy::Policy;\n",
    );
    // base reaches up to rules through the root's re-export, as the real circle did.
    write("base/mod.rs", "pub mod date;\npub mod diag;\n");
    write(
        "base/date.rs",
        "pub struct Date;\npub fn f(_: &crate::Policy) {}\n",
    );
    // diag's two files use each other; diag implements Display for rules' Policy.
    write("base/diag.rs", "mod a;\nmod b;\npub use a::A;\n");
    write("base/diag/a.rs", "pub struct A(pub super::b::B);\n");
    write(
        "base/diag/b.rs",
        "pub struct B(pub Option<Box<super::a::A>>);\n",
    );
    write("rules/mod.rs", "pub mod policy;\n");
    write(
        "rules/policy.rs",
        "pub struct Policy;\nimpl std::fmt::Display for crate::base::date::Date {\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { Ok(()) }\n}\n",
    );
    assert_eq!(upward(root), ["base/date.rs uses rules/policy.rs"]);
    // The upward use closes a circle too (rules/policy.rs names base's Date).
    let circles: Vec<String> = circles(root)
        .iter()
        .map(|c| c.lines().next().unwrap().to_string())
        .collect();
    assert_eq!(
        circles,
        [
            "base/date.rs, rules/policy.rs",
            "base/diag/a.rs, base/diag/b.rs"
        ]
    );
    let hidden = hidden_impls(root);
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    assert!(
        hidden[0].starts_with("rules/policy.rs implements std::fmt::Display"),
        "{hidden:?}"
    );
}
