//! The benchmark's floor: what rendering the same site costs with pulldown-cmark alone.
//!
//! ```text
//! cargo run --release --example floor -- CORPUS/floor OUTDIR [--jobs N]
//! ```
//!
//! For every `<tag>/<slug>.md` under the input directory (written by
//! `examples/corpus.rs`: each page wholly in each locale), parses the Markdown with
//! pulldown-cmark with the options fluentpress uses for pages (tables, footnotes,
//! strikethrough, heading attributes, `+++` front matter) and writes
//! `pulldown_cmark::html::push_html`'s output to `OUTDIR/<tag>/<slug>.html`: one file per
//! (page × locale), in parallel over (locale, page) with rayon, like `fluentpress build`.
//! No layout, no translation lookup, no plain-text edition: a lower bound, not a rival.

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            walk(base, &path, out);
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path.strip_prefix(base).expect("under base").to_path_buf());
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut jobs: Option<usize> = None;
    while let Some(a) = args.next() {
        if a == "--jobs" {
            jobs = Some(
                args.next()
                    .and_then(|n| n.parse().ok())
                    .expect("--jobs needs a number"),
            );
        } else if let Some(n) = a.strip_prefix("--jobs=") {
            jobs = Some(n.parse().expect("--jobs needs a number"));
        } else {
            positional.push(PathBuf::from(a));
        }
    }
    let [input, output] = positional.as_slice() else {
        eprintln!("usage: floor INPUT_DIR OUTPUT_DIR [--jobs N]");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    // (locale, page) tasks, locale-major like fluentpress's build.
    let mut files = Vec::new();
    walk(input, input, &mut files);
    if output.exists() {
        std::fs::remove_dir_all(output).expect("remove the previous output");
    }
    // Directories first (as fluentpress's staging creates them on the way).
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(|p| output.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let render = || {
        files.par_iter().for_each(|rel| {
            let source = std::fs::read_to_string(input.join(rel))
                .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            let mut html_out = String::with_capacity(source.len() * 3 / 2);
            html::push_html(&mut html_out, Parser::new_ext(&source, options));
            let target = output.join(rel).with_extension("html");
            std::fs::write(&target, html_out)
                .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        })
    };
    match jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .expect("thread pool")
            .install(render),
        None => render(),
    }
    eprintln!(
        "floor: {} files in {:.2} s into {}",
        files.len(),
        started.elapsed().as_secs_f64(),
        output.display()
    );
}
