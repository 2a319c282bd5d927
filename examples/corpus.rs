//! Benchmark corpus generator: writes a site in fluentpress's own format, deterministic
//! from a seed, built from the shipped page's aligned translations.
//!
//! ```text
//! cargo run --release --example corpus -- --pages 2000 --locales 20 --seed 1 --out DIR
//! ```
//!
//! Writes
//! - `DIR/content/<folder>/[<sub>/]p<N>.md`: pages of about 1,200 English words with a
//!   level-1 heading, 3–6 numbered section headings (`##`/`###`), paragraphs (with the
//!   shipped links), one bulleted list of 3–6 items, one 3-column table (header and two
//!   rows) and emphasis;
//! - `DIR/locales/<tag>/site.ftl` and `DIR/locales/<tag>/<slug>.ftl` for every locale,
//!   with the message ids and source hashes of the library itself (`Project::load`), and
//!   the reference files `DIR/locales/en/<slug>.ftl` written by `fluentpress::internals::extract`;
//! - `DIR/floor/<tag>/<slug>.md`: the same page wholly in that locale, as Markdown (for
//!   `examples/floor.rs`, the pulldown-cmark floor of the benchmark);
//! - `DIR/corpus.txt`: the parameters and sizes.
//!
//! Text comes only from the shipped page (`content/north-korea-human-rights.md`) and its
//! nine translations: each generated page picks whole aligned paragraphs (with repeats),
//! headings and link texts from that pool, so every locale gets a real, complete
//! translation. Locales beyond the shipped nine reuse a shipped translation under a
//! regional tag of the same language, script and direction (`ar-EG`, `th-TH`, `ko-KR` …),
//! so right-to-left, Thai and CJK code paths all run.
//!
//! Emphasis: every paragraph starts with its number in emphasis (`*17.3*`), identical in
//! every language, so the translations keep the source's emphasis and numbers and the
//! corpus lints clean (no `markup-mismatch` or `number-mismatch`). Numbers in titles,
//! headings and table cells make every page's text unique.

use clap::Parser;
use fluentpress::internals::ftl::{self, FtlFile};
use fluentpress::internals::markdown::{self, InlineKind, LinkRefs, SegmentKind};
use fluentpress::internals::project::Project;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Parser, Debug)]
#[command(about = "Writes a deterministic benchmark site for fluentpress")]
struct Args {
    /// Number of pages.
    #[arg(long, default_value_t = 200)]
    pages: usize,
    /// Number of locales, the source (en) included; at most 9 + the derived ones.
    #[arg(long, default_value_t = 9)]
    locales: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (created; replaced only if it holds a corpus written by this program).
    #[arg(long)]
    out: PathBuf,
    /// The site whose page and translations are the pool (the repository by default).
    #[arg(long, default_value = env!("CARGO_MANIFEST_DIR"))]
    from: PathBuf,
    /// English words per page to reach (body text).
    #[arg(long, default_value_t = 1200)]
    words: usize,
    /// Skip the final check that a reload assigns the same ids.
    #[arg(long)]
    no_verify: bool,
}

/// Written last: the corpus is complete (also its description).
const MARKER: &str = "corpus.txt";
/// Marks a directory this program writes (so it may replace it).
const OWNED: &str = ".fluentpress-corpus";
/// Bump when the output changes for the same parameters.
const GENERATOR_VERSION: u32 = 1;

/// The shipped languages, in the order a smaller `--locales` takes them: the source, then
/// right-to-left and Thai first so even `--locales 3` exercises them.
const SHIPPED: &[&str] = &["en", "ar", "th", "ko", "zh-Hans", "ja", "ru", "es", "fr"];
const SHIPPED_PAGE: &str = "north-korea-human-rights";

/// Derived locales: (tag, shipped language whose translation it reuses, language-name).
const DERIVED: &[(&str, &str, &str)] = &[
    ("ar-EG", "ar", "العربية (مصر)"),
    ("th-TH", "th", "ไทย (ประเทศไทย)"),
    ("ko-KR", "ko", "한국어 (대한민국)"),
    ("ja-JP", "ja", "日本語 (日本)"),
    ("zh-Hans-SG", "zh-Hans", "简体中文（新加坡）"),
    ("es-MX", "es", "Español (México)"),
    ("fr-CA", "fr", "Français (Canada)"),
    ("ru-KZ", "ru", "Русский (Казахстан)"),
    ("ar-MA", "ar", "العربية (المغرب)"),
    ("es-419", "es", "Español (Latinoamérica)"),
    ("fr-BE", "fr", "Français (Belgique)"),
    ("ar-SA", "ar", "العربية (السعودية)"),
    ("es-AR", "es", "Español (Argentina)"),
    ("fr-CH", "fr", "Français (Suisse)"),
    ("ru-BY", "ru", "Русский (Беларусь)"),
    ("zh-Hans-MY", "zh-Hans", "简体中文（马来西亚）"),
    ("ar-AE", "ar", "العربية (الإمارات)"),
    ("es-CO", "es", "Español (Colombia)"),
    ("fr-SN", "fr", "Français (Sénégal)"),
    ("ar-JO", "ar", "العربية (الأردن)"),
    ("es-US", "es", "Español (Estados Unidos)"),
];

/// SplitMix64: small, fast, good enough, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0; the tiny modulo bias does not matter here).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// `k` distinct indices of `0..n`, in random order.
    fn pick(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

/// A text in each shipped language, indexed like [`SHIPPED`].
type Aligned = Vec<String>;

/// The aligned segments of the shipped page.
struct Pool {
    title: Aligned,
    description: Aligned,
    /// Paragraphs (inline Markdown, links included) with their English word counts.
    paragraphs: Vec<(Aligned, usize)>,
    /// Short plain strings: the headings, the title, the link texts.
    short: Vec<Aligned>,
    /// Links as inline Markdown `[text](url)`, for list items.
    links: Vec<Aligned>,
}

fn load_pool(from: &Path) -> Pool {
    let files: Vec<FtlFile> = SHIPPED
        .iter()
        .map(|tag| {
            let rel = format!("locales/{tag}/{SHIPPED_PAGE}.ftl");
            let text = std::fs::read_to_string(from.join(&rel))
                .unwrap_or_else(|e| panic!("{}: {e}", from.join(&rel).display()));
            let file = FtlFile::parse(
                PathBuf::from(&rel),
                text,
                fluentpress::internals::source::TextStyle::NEW,
            );
            assert!(file.syntax_errors.is_empty(), "{rel}: syntax errors");
            file
        })
        .collect();
    let reference = &files[0];
    let aligned = |id: &str| -> Aligned {
        files
            .iter()
            .zip(SHIPPED)
            .map(|(f, tag)| {
                f.simple_value(id)
                    .unwrap_or_else(|| panic!("{tag}: no simple value for `{id}`"))
            })
            .collect()
    };
    let mut title = None;
    let mut description = None;
    let mut paragraphs = Vec::new();
    let mut short = Vec::new();
    let mut links = Vec::new();
    let refs = LinkRefs::default();
    let ctx = markdown::FragmentContext {
        refs: &refs,
        footnote_labels: &[],
    };
    let link_texts = |text: &str| -> Vec<(String, String)> {
        let fragment = markdown::parse_fragment(text, ctx);
        let mut out = Vec::new();
        markdown::visit(&fragment.inlines, &mut |i| {
            if let InlineKind::Link { dest, children, .. } = &i.kind {
                out.push((dest.clone(), markdown::plain_text(children)));
            }
        });
        out
    };
    for entry in reference.entries.iter().filter(|e| !e.is_term) {
        let texts = aligned(&entry.id);
        match entry.meta.kind {
            Some(SegmentKind::Title) => title = Some(texts),
            Some(SegmentKind::Description) => description = Some(texts),
            Some(SegmentKind::Heading(_)) => short.push(texts),
            Some(SegmentKind::Paragraph) => {
                // Links, aligned by their target.
                for (dest, _) in link_texts(&texts[0]) {
                    let per_lang: Aligned = texts
                        .iter()
                        .zip(SHIPPED)
                        .map(|(t, tag)| {
                            link_texts(t)
                                .into_iter()
                                .find(|(d, _)| *d == dest)
                                .map(|(_, text)| text)
                                .unwrap_or_else(|| panic!("{tag}: no link to {dest}"))
                        })
                        .collect();
                    assert!(
                        per_lang
                            .iter()
                            .all(|t| !t.contains(['[', ']', '|', '*', '`'])),
                        "link text with Markdown syntax: {per_lang:?}"
                    );
                    links.push(per_lang.iter().map(|t| format!("[{t}]({dest})")).collect());
                    short.push(per_lang);
                }
                let words = texts[0].split_whitespace().count();
                paragraphs.push((texts, words));
            }
            other => panic!("unexpected segment kind {other:?} in the shipped page"),
        }
    }
    let title = title.expect("the shipped page has a title");
    short.push(title.clone());
    Pool {
        title,
        description: description.expect("the shipped page has a description"),
        paragraphs,
        short,
        links,
    }
}

/// A block of a generated page; text by reference into the pool.
enum Block {
    /// Level-1 heading: the page title.
    Title,
    /// A section heading: level, section number, index into `pool.short`.
    Heading(u8, usize, usize),
    /// A paragraph: index into `pool.paragraphs`, its number on the page.
    Paragraph(usize, usize),
    /// List items: indices into `pool.links` (< links.len()) or `pool.short` (offset by links.len()).
    List(Vec<usize>),
    /// Header (3 short strings), then rows of (short string, number, number).
    Table([usize; 3], Vec<(usize, String, String)>),
}

struct PageSpec {
    /// Page number (1-based), shown in the title and the paragraph numbers.
    n: usize,
    slug: String,
    blocks: Vec<Block>,
}

fn slug_of(i: usize) -> String {
    // Nested folders: 16 topics; every third page one level deeper.
    let topic = format!("topic-{:02}", i % 16);
    if i.is_multiple_of(3) {
        format!("{topic}/archive-{}/p{:05}", (i / 3) % 4, i + 1)
    } else {
        format!("{topic}/p{:05}", i + 1)
    }
}

fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plan_page(pool: &Pool, seed: u64, i: usize, target_words: usize) -> PageSpec {
    let mut rng = Rng::new(seed, i as u64);
    let n = i + 1;
    let sections = rng.range(3, 6);
    let list_in = rng.below(sections);
    let table_in = (list_in + 1 + rng.below(sections - 1)) % sections;
    // Paragraphs until the English body text reaches the target (headings, list and
    // table count too, roughly: ~60 words).
    let mut picks = Vec::new();
    let mut words = 60usize;
    let mut last = usize::MAX;
    while words < target_words || picks.len() < sections + 1 {
        let mut p = rng.below(pool.paragraphs.len());
        if p == last {
            p = (p + 1) % pool.paragraphs.len();
        }
        last = p;
        words += pool.paragraphs[p].1 + 1;
        picks.push(p);
    }
    // Split: an introduction of 1–2 paragraphs, then the sections, each at least one.
    let intro = 1 + usize::from(picks.len() > sections + 2 && rng.below(2) == 0);
    let rest = picks.len() - intro;
    let mut per_section = vec![1usize; sections];
    for _ in 0..rest - sections {
        per_section[rng.below(sections)] += 1;
    }
    let mut blocks = vec![Block::Title];
    let mut k = 0usize;
    let mut next_paragraph = |blocks: &mut Vec<Block>| {
        k += 1;
        blocks.push(Block::Paragraph(picks[k - 1], k));
    };
    for _ in 0..intro {
        next_paragraph(&mut blocks);
    }
    let mut level = 2u8;
    let short_n = pool.short.len();
    for (s, &count) in per_section.iter().enumerate() {
        if s > 0 {
            level = if rng.below(3) == 0 { 3 } else { 2 };
        }
        blocks.push(Block::Heading(level, s + 1, rng.below(short_n)));
        for j in 0..count {
            next_paragraph(&mut blocks);
            if j == 0 && s == list_in {
                let items = rng.range(3, 6);
                blocks.push(Block::List(rng.pick(pool.links.len() + short_n, items)));
            }
            if j == 0 && s == table_in {
                let head = rng.pick(short_n, 3);
                let rows = (0..2)
                    .map(|_| {
                        (
                            rng.below(short_n),
                            (1990 + rng.below(36)).to_string(),
                            grouped(rng.range(10, 250_000) as u64),
                        )
                    })
                    .collect();
                blocks.push(Block::Table([head[0], head[1], head[2]], rows));
            }
        }
    }
    PageSpec {
        n,
        slug: slug_of(i),
        blocks,
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The page as Markdown in shipped language `lang`.
fn render_page(pool: &Pool, page: &PageSpec, lang: usize) -> String {
    let n = page.n;
    let title = format!("{} ({n})", pool.title[lang]);
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "+++\ntitle = {}\ndescription = {}\nweight = {n}\n+++\n",
        toml_string(&title),
        toml_string(&format!("{} ({n})", pool.description[lang]))
    );
    for block in &page.blocks {
        out.push('\n');
        match block {
            Block::Title => {
                let _ = writeln!(out, "# {title}");
            }
            Block::Heading(level, s, short) => {
                let _ = writeln!(
                    out,
                    "{} {s}. {}",
                    "#".repeat(*level as usize),
                    pool.short[*short][lang]
                );
            }
            Block::Paragraph(p, k) => {
                let _ = writeln!(out, "*{n}.{k}* {}", pool.paragraphs[*p].0[lang]);
            }
            Block::List(items) => {
                for &item in items {
                    let text = if item < pool.links.len() {
                        &pool.links[item][lang]
                    } else {
                        &pool.short[item - pool.links.len()][lang]
                    };
                    let _ = writeln!(out, "- {text}");
                }
            }
            Block::Table(head, rows) => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |\n| --- | ---: | ---: |",
                    pool.short[head[0]][lang], pool.short[head[1]][lang], pool.short[head[2]][lang]
                );
                for (short, a, b) in rows {
                    let _ = writeln!(out, "| {} | {a} | {b} |", pool.short[*short][lang]);
                }
            }
        }
    }
    out
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn dir_size(dir: &Path) -> (u64, u64) {
    let mut bytes = 0;
    let mut files = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                let (b, f) = dir_size(&e.path());
                bytes += b;
                files += f;
            } else {
                bytes += meta.len();
                files += 1;
            }
        }
    }
    (bytes, files)
}

fn main() {
    let args = Args::parse();
    let started = std::time::Instant::now();
    assert!(args.pages > 0, "--pages must be at least 1");
    let max_locales = SHIPPED.len() + DERIVED.len();
    assert!(
        (1..=max_locales).contains(&args.locales),
        "--locales must be between 1 and {max_locales}"
    );
    // Locales: (tag, index of the shipped language, language-name override).
    let locales: Vec<(String, usize, Option<&str>)> = SHIPPED
        .iter()
        .enumerate()
        .map(|(i, tag)| (tag.to_string(), i, None))
        .chain(DERIVED.iter().map(|(tag, base, name)| {
            let i = SHIPPED
                .iter()
                .position(|s| s == base)
                .expect("base is shipped");
            (tag.to_string(), i, Some(*name))
        }))
        .take(args.locales)
        .collect();
    for (tag, _, _) in &locales {
        let parsed = fluentpress::internals::locale::Locale::parse(tag).expect("valid tag");
        assert_eq!(&parsed.tag, tag, "tags are written in canonical form");
    }

    // A fresh directory, or one this program wrote before.
    let out = &args.out;
    if out.exists() {
        let is_corpus = out.join(MARKER).is_file() || out.join(OWNED).is_file();
        let empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        assert!(
            is_corpus || empty,
            "{}: exists and is not a generated corpus; refusing to touch it",
            out.display()
        );
        for sub in ["content", "locales", "floor", MARKER] {
            let p = out.join(sub);
            if p.is_dir() {
                std::fs::remove_dir_all(&p).expect("remove old corpus");
            } else if p.is_file() {
                std::fs::remove_file(&p).expect("remove old marker");
            }
        }
    }
    std::fs::create_dir_all(out).expect("create the output directory");
    // Marks the directory as this program's before anything else is written (a run that
    // fails half-way can be repeated); `corpus.txt` is written last, when it is complete.
    write(
        &out.join(OWNED),
        "written by fluentpress's examples/corpus.rs; replaced whole when generated again\n",
    );

    let pool = load_pool(&args.from);
    let pages: Vec<PageSpec> = (0..args.pages)
        .into_par_iter()
        .map(|i| plan_page(&pool, args.seed, i, args.words))
        .collect();
    // Which shipped languages are used, and by which locales.
    let mut by_lang: Vec<Vec<&str>> = vec![Vec::new(); SHIPPED.len()];
    for (tag, lang, _) in &locales {
        by_lang[*lang].push(tag);
    }

    // Content and the floor's Markdown.
    let english_words = AtomicU64::new(0);
    pages.par_iter().for_each(|page| {
        for (lang, tags) in by_lang.iter().enumerate() {
            if tags.is_empty() {
                continue;
            }
            let md = render_page(&pool, page, lang);
            if lang == 0 {
                let body = md.splitn(3, "+++").nth(2).unwrap_or("");
                english_words.fetch_add(body.split_whitespace().count() as u64, Ordering::Relaxed);
                write(&out.join(format!("content/{}.md", page.slug)), &md);
            }
            for tag in tags {
                write(&out.join(format!("floor/{tag}/{}.md", page.slug)), &md);
            }
        }
    });

    // Layout strings: the shipped site.ftl of the language, named for the region.
    for (tag, lang, name) in &locales {
        let shipped = SHIPPED[*lang];
        let path = args.from.join(format!("locales/{shipped}/site.ftl"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = match name {
            None => text,
            Some(name) => {
                let mut replaced = false;
                let lines: Vec<String> = text
                    .lines()
                    .map(|l| {
                        if l.starts_with("language-name =") {
                            replaced = true;
                            format!("language-name = {name}")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect();
                assert!(replaced, "{}: no language-name line", path.display());
                lines.join("\n") + "\n"
            }
        };
        write(&out.join(format!("locales/{tag}/site.ftl")), &text);
    }

    // Message ids and hashes come from the library, exactly as `fluentpress extract` assigns them.
    let project = Project::load(out).expect("load the generated site");
    assert_eq!(project.failed_content, 0, "generated pages failed to load");
    assert!(
        project.problems.is_empty(),
        "load problems: {:?}",
        project.problems
    );
    assert_eq!(project.pages.len(), pages.len());
    let spec_of: std::collections::HashMap<&str, &PageSpec> =
        pages.iter().map(|p| (p.slug.as_str(), p)).collect();
    let segments = AtomicU64::new(0);
    project.par_page_ids().for_each(|p| {
        let (page, _) = project.page_with_reference(p).expect("read the generated page");
        let page = &page;
        let spec = spec_of[page.slug.as_str()];
        segments.fetch_add(page.segments.len() as u64, Ordering::Relaxed);
        for (lang, tags) in by_lang.iter().enumerate().skip(1) {
            if tags.is_empty() {
                continue;
            }
            let md = render_page(&pool, spec, lang);
            let doc = markdown::parse_page(&md);
            // The body's segments come first in `page.segments`, then title and description.
            assert_eq!(
                doc.segments.len(),
                page.title_segment,
                "{} ({}): segment count",
                page.slug,
                SHIPPED[lang]
            );
            let n = spec.n;
            let title = format!("{} ({n})", pool.title[lang]);
            let description = format!("{} ({n})", pool.description[lang]);
            for tag in tags {
                let mut text = format!(
                    "### Translation of {} ({tag}).\n### Each message's `fluentpress: source` comment records which version of the source text it translates.\n",
                    page.rel_path
                );
                for i in page.reference_order() {
                    let seg = &page.segments[i];
                    let translated = if i == page.title_segment {
                        title.as_str()
                    } else if i == page.description_segment {
                        description.as_str()
                    } else {
                        let t = &doc.segments[i];
                        assert_eq!(t.kind, seg.kind, "{} ({tag}): kind of {}", page.slug, seg.id);
                        t.text.as_str()
                    };
                    let _ = write!(
                        text,
                        "\n# fluentpress: source {}\n{} ={}\n",
                        seg.hash,
                        seg.id,
                        ftl::escape_pattern(translated)
                    );
                }
                write(&out.join(format!("locales/{tag}/{}.ftl", page.slug)), &text);
            }
        }
    });
    // The reference files, by `fluentpress extract`'s own code.
    let plan = fluentpress::internals::extract::plan(&project).expect("plan the reference files");
    fluentpress::internals::extract::apply(&project, &plan).expect("write the reference files");
    let ids: Vec<Vec<String>> = project
        .page_ids()
        .map(|p| {
            let (page, _) = project
                .page_with_reference(p)
                .expect("read the generated page");
            page.segments.iter().map(|s| s.id.clone()).collect()
        })
        .collect();
    drop(project);

    if !args.no_verify {
        // With the reference files in place, the ids must not change.
        let project = Project::load(out).expect("reload the generated site");
        for (p, ids) in project.page_ids().zip(&ids) {
            let (page, _) = project
                .page_with_reference(p)
                .expect("read the generated page");
            let now: Vec<&String> = page.segments.iter().map(|s| &s.id).collect();
            assert!(
                now.iter().zip(ids).all(|(a, b)| *a == b),
                "{}: ids changed on reload",
                page.slug
            );
        }
        assert!(
            fluentpress::internals::extract::plan(&project)
                .expect("plan the reference files")
                .is_empty(),
            "reference files are stale after extract"
        );
    }

    let (content_bytes, content_files) = dir_size(&out.join("content"));
    let (locale_bytes, locale_files) = dir_size(&out.join("locales"));
    let (floor_bytes, floor_files) = dir_size(&out.join("floor"));
    let tags: Vec<&str> = locales.iter().map(|(t, _, _)| t.as_str()).collect();
    let words = english_words.load(Ordering::Relaxed);
    let summary = format!(
        "fluentpress benchmark corpus (examples/corpus.rs, generator version {GENERATOR_VERSION})\n\
         pages = {}\nlocales = {}\nseed = {}\nwords = {}\ntags = {}\n\
         segments = {}\nenglish_words_per_page = {}\n\
         content_bytes = {content_bytes}\ncontent_files = {content_files}\n\
         locales_bytes = {locale_bytes}\nlocales_files = {locale_files}\n\
         source_bytes = {}\nfloor_bytes = {floor_bytes}\nfloor_files = {floor_files}\n",
        args.pages,
        args.locales,
        args.seed,
        args.words,
        tags.join(" "),
        segments.load(Ordering::Relaxed),
        words / args.pages as u64,
        content_bytes + locale_bytes,
    );
    write(&out.join(MARKER), &summary);
    eprint!("{summary}");
    eprintln!(
        "wrote {} in {:.1} s",
        out.display(),
        started.elapsed().as_secs_f64()
    );
}
