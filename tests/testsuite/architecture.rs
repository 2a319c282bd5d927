//! The shape of the code: every module imports only modules of the layers above it in
//! ARCHITECTURE.md's layer table, and no modules import each other in a loop (checked
//! file by file, submodules included). Imports are read from the source text: every
//! `crate::…` path and `super::…` path outside comments and `#[cfg(test)]` modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Module path (`render::html`) of every file under `src/`, with its text.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                let mut p = prefix.to_vec();
                p.push(name);
                walk(&path, &p, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut p = prefix.to_vec();
                if name != "mod" {
                    p.push(name);
                }
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(p.join("::"), text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root().join("src"), &[], &mut out);
    out.remove("lib");
    out.remove("main");
    out
}

/// The code of a file without comments and without its `#[cfg(test)]` module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: `crate::a::b::{c, d}` gives `a::b::c`, `a::b::d`; `super::x`
/// is made absolute from `module`.
fn referenced_paths(module: &str, text: &str) -> Vec<String> {
    let code = code(text);
    let mut out = Vec::new();
    let parent: Vec<&str> = {
        let mut p: Vec<&str> = module.split("::").collect();
        p.pop();
        p
    };
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            // Not part of a longer identifier (`my_crate::`).
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            let mut full: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            full.extend(path.split("::").filter(|s| !s.is_empty()).map(String::from));
            let after = &rest[path.len()..];
            let group = after
                .strip_prefix("::{")
                .or_else(|| path.is_empty().then(|| after.strip_prefix('{')).flatten());
            if let Some(group) = group {
                // Items of one group; a nested group counts as its prefix.
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let item = item.trim();
                    let item = item.split("::{").next().unwrap_or(item);
                    let item = item.split_whitespace().next().unwrap_or("");
                    if !item.is_empty() && item != "self" {
                        let mut p = full.clone();
                        p.extend(item.split("::").map(String::from));
                        out.push(p.join("::"));
                    }
                }
            }
            if !full.is_empty() {
                out.push(full.join("::"));
            }
        }
    }
    out
}

/// The module a path lands in: its longest prefix that is a module.
fn module_of(path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    modules
        .iter()
        .map(|(m, text)| {
            let deps = referenced_paths(m, text)
                .iter()
                .filter_map(|p| module_of(p, &modules))
                .filter(|d| d != m)
                .collect();
            (m.clone(), deps)
        })
        .collect()
}

/// `module name → layer` from ARCHITECTURE.md's table.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let section = &doc[doc.find("## Layers").expect("a Layers section")..];
    let mut out = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Ok(layer) = cells[1].parse::<usize>() else {
            continue;
        };
        for name in cells[2].split('`').skip(1).step_by(2) {
            assert!(
                out.insert(name.to_string(), layer).is_none(),
                "{name} twice in the table"
            );
        }
    }
    out
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap()
}

#[test]
fn every_module_imports_only_layers_above_it() {
    let layers = layers();
    let imports = imports();
    let mut wrong = Vec::new();
    for (module, deps) in &imports {
        let Some(&own) = layers.get(top(module)) else {
            wrong.push(format!("{module} is in no layer of ARCHITECTURE.md"));
            continue;
        };
        for dep in deps.iter().filter(|d| top(d) != top(module)) {
            match layers.get(top(dep)) {
                Some(&layer) if layer < own => {}
                Some(&layer) => wrong.push(format!(
                    "{module} (layer {own}) imports {dep} (layer {layer})"
                )),
                None => wrong.push(format!("{dep} is in no layer of ARCHITECTURE.md")),
            }
        }
    }
    let listed: BTreeSet<&str> = imports.keys().map(|m| top(m)).collect();
    for name in layers.keys() {
        if !listed.contains(name.as_str()) {
            wrong.push(format!(
                "ARCHITECTURE.md lists `{name}`, which is no module"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every import cycle, as `a → b → a`.
fn find_cycles(imports: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    // Depth-first search; an edge back into the current path closes a cycle.
    fn visit<'a>(
        m: &'a str,
        imports: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, bool>,
        stack: &mut Vec<&'a str>,
        cycles: &mut Vec<String>,
    ) {
        match state.get(m) {
            Some(true) => return,
            Some(false) => {
                let from = stack.iter().position(|s| *s == m).unwrap();
                let mut cycle: Vec<&str> = stack[from..].to_vec();
                cycle.push(m);
                cycles.push(cycle.join(" → "));
                return;
            }
            None => {}
        }
        state.insert(m, false);
        stack.push(m);
        for dep in imports.get(m).into_iter().flatten() {
            // A module's own submodules are part of it (`render` declares `render::html`).
            if dep.starts_with(&format!("{m}::")) {
                continue;
            }
            visit(dep, imports, state, stack, cycles);
        }
        stack.pop();
        state.insert(m, true);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for m in imports.keys() {
        visit(m, imports, &mut state, &mut Vec::new(), &mut cycles);
    }
    cycles
}

#[test]
fn no_modules_import_each_other_in_a_loop() {
    let cycles = find_cycles(&imports());
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_loop() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("project", vec!["lint"]),
        ("lint", vec!["extract"]),
        ("extract", vec!["project"]),
        ("render", vec!["render::html", "project"]),
        ("render::html", vec!["render"]),
    ]
    .into_iter()
    .map(|(m, deps)| (m.to_string(), deps.into_iter().map(String::from).collect()))
    .collect();
    let cycles = find_cycles(&graph);
    assert_eq!(
        cycles,
        vec!["extract → project → lint → extract"],
        "{cycles:?}"
    );
}

#[test]
fn the_import_reader_sees_grouped_super_and_nested_paths() {
    let paths = referenced_paths(
        "render::html",
        "use crate::{markdown, resolve::Layout};\nuse super::Paths;\n// crate::commented\nlet x = crate::url::is_unsafe_url(y);\n",
    );
    for want in [
        "markdown",
        "resolve::Layout",
        "render::Paths",
        "url::is_unsafe_url",
    ] {
        assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
    }
    assert!(!paths.iter().any(|p| p.contains("commented")), "{paths:?}");
}
