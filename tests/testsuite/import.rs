//! `fluentpress import`: whole-file translations turned into Fluent messages.
//!
//! The fixtures are made from the shipped page and its translations: each locale's
//! messages are written back into the page's Markdown (an "undrifted" translation, as a
//! site that kept one translated copy per page would have it), then drifted the ways
//! real translations drift — paragraphs added, deleted, merged, split, reordered, a
//! section missing, the English rewritten since. Every translated block knows which
//! source segment it translates, so precision (placed correctly / placed) and recall
//! (placed correctly / translatable) are measured, per drift kind, over several
//! languages including scripts written without spaces (ja, zh-Hans, th).

use super::support::*;
use fluentpress::internals::config::Config;
use fluentpress::internals::locale::Locale;
use fluentpress::internals::project::Project;
use fluentpress::internals::workflow::import;
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

const PAGE: &str = "north-korea-human-rights";
const LANGS: &[&str] = &["ko", "fr", "ja", "th", "zh-Hans", "ar", "ru", "es"];

/// A block of a translated file and the English texts (source segments) it translates.
#[derive(Debug, Clone)]
struct Chunk {
    text: String,
    truth: Vec<String>,
    /// The translation of each source segment in `truth`.
    parts: Vec<String>,
}

/// A translated page: front matter strings and blocks.
#[derive(Debug, Clone)]
struct Translated {
    title: String,
    description: String,
    chunks: Vec<Chunk>,
}

fn shipped() -> Project {
    Project::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn english_page() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/{PAGE}.md")),
    )
    .unwrap()
}

/// The body of the English page as blocks, each with the spans of its segments.
fn english_chunks(source: &str) -> (usize, Vec<(usize, String)>) {
    let body_start = source[3..].find("+++\n").unwrap() + 3 + 4;
    let mut chunks = Vec::new();
    let mut at = body_start;
    for piece in source[body_start..].split("\n\n") {
        let trimmed = piece.trim_matches('\n');
        if !trimmed.is_empty() {
            let offset = at + piece.find(trimmed).unwrap();
            chunks.push((offset, trimmed.to_string()));
        }
        at += piece.len() + 2;
    }
    (body_start, chunks)
}

/// The shipped translation into `tag` written back into the page's Markdown.
fn translated(project: &Project, tag: &str) -> Translated {
    let models = project.models().unwrap();
    let page = &models[0];
    let l = project.locale_index(tag).unwrap();
    let file = project.page_file(l, PAGE).0.unwrap();
    let value = |id: &str| {
        file.simple_value(id)
            .unwrap_or_else(|| panic!("{tag}: {id}"))
    };
    let source = english_page();
    let (_, chunks) = english_chunks(&source);
    let chunks = chunks
        .into_iter()
        .map(|(offset, text)| {
            let end = offset + text.len();
            let mut segs: Vec<_> = page.segments[..page.title_segment]
                .iter()
                .filter(|s| s.span.start >= offset && s.span.end <= end)
                .collect();
            segs.sort_by_key(|s| std::cmp::Reverse(s.span.start));
            let mut out = text.clone();
            for s in &segs {
                out.replace_range(s.span.start - offset..s.span.end - offset, &value(&s.id));
            }
            Chunk {
                text: out,
                truth: segs.iter().rev().map(|s| s.text.clone()).collect(),
                parts: segs.iter().rev().map(|s| value(&s.id)).collect(),
            }
        })
        .collect();
    Translated {
        title: value("page-title"),
        description: value("page-description"),
        chunks,
    }
}

fn no_space(tag: &str) -> bool {
    matches!(tag, "ja" | "zh-Hans" | "th")
}

/// The translated file (YAML front matter, as Hugo writes it), and the line each chunk starts on.
fn render(t: &Translated) -> (String, Vec<usize>) {
    let mut out = format!(
        "---\ntitle: \"{}\"\ndescription: \"{}\"\ndraft: false\n---\n",
        t.title.replace('"', "\\\""),
        t.description.replace('"', "\\\"")
    );
    let mut lines = Vec::new();
    for c in &t.chunks {
        out.push('\n');
        lines.push(out.matches('\n').count() + 1);
        out.push_str(&c.text);
        out.push('\n');
    }
    (out, lines)
}

// Drifts of a translation.

fn merge(t: &mut Translated, i: usize, tag: &str) {
    let b = t.chunks.remove(i + 1);
    let a = &mut t.chunks[i];
    a.text = if no_space(tag) && tag != "th" {
        format!("{}{}", a.text, b.text)
    } else {
        format!("{} {}", a.text, b.text)
    };
    a.truth.extend(b.truth);
    a.parts.extend(b.parts);
}

/// Splits a paragraph at the sentence end nearest its middle.
fn split(t: &mut Translated, i: usize) {
    let text = t.chunks[i].text.clone();
    let mid = text.len() / 2;
    let mut best: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let after = at + c.len_utf8();
        let end = match c {
            '。' | '।' => true,
            '.' | '!' | '?' | '؟' => text[after..].starts_with(' '),
            ' ' => true, // Thai separates sentences by a space
            _ => false,
        };
        let sentence_end = end && (c != ' ' || !text.contains(". "));
        if sentence_end
            && after < text.len()
            && best.is_none_or(|b| after.abs_diff(mid) < b.abs_diff(mid))
        {
            best = Some(after);
        }
    }
    let at = best.expect("a sentence end");
    let (a, b) = text.split_at(at);
    let truth = t.chunks[i].truth.clone();
    let parts = t.chunks[i].parts.clone();
    t.chunks[i].text = a.trim().to_string();
    t.chunks.insert(
        i + 1,
        Chunk {
            text: b.trim().to_string(),
            truth,
            parts,
        },
    );
}

fn added(t: &mut Translated) {
    let note = Chunk {
        text: t.description.clone(),
        truth: vec![],
        parts: vec![],
    };
    t.chunks.insert(3, note);
    t.chunks.insert(
        10,
        Chunk {
            text: "Translated by the volunteers of our local chapter; corrections are welcome."
                .into(),
            truth: vec![],
            parts: vec![],
        },
    );
}

/// Kinds of drift, applied to a translation (and, for `older-source`, to the English).
const DRIFTS: &[&str] = &[
    "undrifted",
    "added",
    "deleted",
    "merged",
    "split",
    "reordered",
    "missing-section",
    "older-source",
    "all-at-once",
];

/// The English page as rewritten since the translation was made: a paragraph added at
/// the start and one before the second section, one rewritten, one deleted.
fn newer_english(source: &str) -> String {
    let (_, chunks) = english_chunks(source);
    let mut s = source.to_string();
    let rewritten = &chunks[6].1;
    let new = rewritten.replacen("Tier 3 country", "Tier 3 country, again in 2024,", 1);
    assert_ne!(&new, rewritten);
    s = s.replacen(rewritten, &new, 1);
    s = s.replacen(&format!("{}\n\n", chunks[11].1), "", 1);
    s = s.replacen(
        &format!("{}\n\n", chunks[1].1),
        &format!(
            "{}\n\nThis page was updated in 2024 with the latest reports of the Department.\n\n",
            chunks[1].1
        ),
        1,
    );
    s = s.replacen(
        &chunks[8].1,
        &format!("Families separated by the division remain a central concern; many have had no news of their relatives for decades.\n\n{}", chunks[8].1),
        1,
    );
    s
}

fn drift(kind: &str, t: &mut Translated, tag: &str) {
    match kind {
        "undrifted" | "older-source" => {}
        "added" => added(t),
        "deleted" => {
            t.chunks.remove(10);
            t.chunks.remove(3);
        }
        "merged" => {
            merge(t, 11, tag);
            merge(t, 3, tag);
        }
        "split" => {
            split(t, 9);
            split(t, 5);
        }
        "reordered" => {
            t.chunks.swap(9, 10);
            t.chunks.swap(2, 3);
        }
        "missing-section" => t.chunks.truncate(8),
        "all-at-once" => {
            split(t, 9);
            t.chunks.swap(11, 12);
            merge(t, 5, tag);
            t.chunks.remove(3);
            added(t);
        }
        _ => unreachable!(),
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    placed: usize,
    correct: usize,
    translatable: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.placed == 0 {
            1.0
        } else {
            self.correct as f64 / self.placed as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.translatable == 0 {
            1.0
        } else {
            self.correct as f64 / self.translatable as f64
        }
    }
    fn add(&mut self, o: Score) {
        self.placed += o.placed;
        self.correct += o.correct;
        self.translatable += o.translatable;
    }
}

/// A site with the (possibly newer) English page and its reference, nothing else.
fn english_site(english: &str) -> Site {
    let site = Site::empty();
    site.write(&format!("content/{PAGE}.md"), english);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    site.write(
        "locales/en/site.ftl",
        &std::fs::read_to_string(root.join("locales/en/site.ftl")).unwrap(),
    );
    site.run(&["extract"]).ok();
    site
}

/// Imports one drifted translation and scores it against the chunks' truth.
fn measure(project: &Project, kind: &str, tag: &str) -> (Score, Site, Value) {
    let mut t = translated(project, tag);
    drift(kind, &mut t, tag);
    let english = if matches!(kind, "older-source") {
        newer_english(&english_page())
    } else {
        english_page()
    };
    let site = english_site(&english);
    let (text, lines) = render(&t);
    site.write(&format!("translations/{PAGE}.md"), &text);
    let run = site
        .run(&[
            "import",
            "--locale",
            tag,
            "translations",
            "--format",
            "json",
        ])
        .no_panic()
        .ok();
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    // The current English segments: their texts and ids.
    let current = Project::load(site.path()).unwrap();
    let models = current.models().unwrap();
    let page = &models[0];
    let id_of = |english: &str| -> Option<String> {
        let wanted = if kind == "older-source" {
            english.replacen("Tier 3 country", "Tier 3 country, again in 2024,", 1)
        } else {
            english.to_string()
        };
        page.segments
            .iter()
            .find(|s| s.text == wanted)
            .map(|s| s.id.clone())
    };
    // Per chunk: the current id of each source segment it translates (None: deleted).
    let truth: Vec<Vec<Option<String>>> = t
        .chunks
        .iter()
        .map(|c| c.truth.iter().map(|e| id_of(e)).collect())
        .collect();
    let mut translatable: Vec<&String> = truth.iter().flatten().flatten().collect();
    translatable.sort();
    translatable.dedup();
    let mut score = Score {
        translatable: translatable.len(),
        ..Score::default()
    };
    let imported = json["pages"][0]["imported"].as_array().unwrap();
    for m in imported {
        let id = m["id"].as_str().unwrap();
        if id == "page-title" || id == "page-description" {
            continue;
        }
        score.placed += 1;
        let line = m["line"].as_u64().unwrap() as usize;
        let chunk = lines.iter().position(|&l| l == line);
        let right = chunk.is_some_and(|c| match &truth[c][..] {
            [one] => one.as_deref() == Some(id),
            // A merged block cut in two: the part must be exactly that paragraph's.
            many => many.iter().zip(&t.chunks[c].parts).any(|(want, part)| {
                want.as_deref() == Some(id) && m["text"].as_str() == Some(part.trim())
            }),
        });
        if right {
            score.correct += 1;
        } else {
            eprintln!(
                "{kind}/{tag}: `{id}` placed from line {line} (chunk {chunk:?}) is wrong: {}",
                m["text"]
            );
        }
    }
    (score, site, json)
}

#[test]
fn precision_and_recall_per_drift_kind() {
    let project = shipped();
    let mut table = String::new();
    for kind in DRIFTS {
        let mut total = Score::default();
        for tag in LANGS {
            let (score, _, _) = measure(&project, kind, tag);
            assert!(
                score.precision() >= 0.9,
                "{kind}/{tag}: precision {:.2} ({score:?})",
                score.precision()
            );
            total.add(score);
        }
        table.push_str(&format!(
            "{kind:16} precision {:.3} recall {:.3} ({} placed, {} correct, {} translatable)\n",
            total.precision(),
            total.recall(),
            total.placed,
            total.correct,
            total.translatable
        ));
        let min_recall = match *kind {
            "undrifted" => 1.0,
            _ => 0.8,
        };
        assert!(total.precision() >= 0.95, "{kind}: {table}");
        assert!(total.recall() >= min_recall, "{kind}: {table}");
    }
    eprintln!("{table}");
}

#[test]
fn an_undrifted_translation_imports_completely_and_exactly_and_syncs_clean() {
    let project = shipped();
    for tag in LANGS {
        let (score, site, json) = measure(&project, "undrifted", tag);
        assert_eq!(
            (score.correct, score.placed),
            (score.translatable, score.translatable),
            "{tag}"
        );
        assert_eq!(json["totals"]["not_placed"], 0, "{tag}: {json:#}");
        assert_eq!(json["totals"]["untranslated"], 0, "{tag}: {json:#}");
        // The messages are the shipped ones, byte for byte.
        let ours = site.read(&format!("locales/{tag}/{PAGE}.ftl"));
        let shipped_file = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{tag}/{PAGE}.ftl")),
        )
        .unwrap();
        let messages = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(String::from)
                .collect()
        };
        assert_eq!(messages(&ours), messages(&shipped_file), "{tag}");
        // Status counts it, and sync has nothing to change.
        site.run(&["sync", "--check"]).ok();
        let status = site
            .run(&["status", "--format", "json", "--locale", tag])
            .ok();
        assert!(
            status.stdout.contains("\"missing\": 0") || status.stdout.contains("\"missing\":0"),
            "{}",
            status.stdout
        );
    }
}

#[test]
fn build_after_import_shows_the_translations() {
    let project = shipped();
    let (_, site, _) = measure(&project, "split", "ko");
    site.run(&["build"]).ok();
    let html = site.read(&format!("dist/ko/{PAGE}.html"));
    assert!(
        html.contains("북한 주민들은 광범위한 인권 침해로"),
        "{html}"
    );
    assert!(html.contains("북한 인권"));
    // The split paragraph is shown whole, in its place.
    let t = translated(&project, "ko");
    let first_words: String = t.chunks[9].text.chars().take(12).collect();
    assert!(html.contains(&first_words), "{first_words}");
    // The imported translations record their source hash: status counts them.
    let status = site
        .run(&["status", "--locale", "ko", "--format", "json"])
        .ok();
    assert!(status.stdout.contains("\"outdated\": 0") || status.stdout.contains("\"outdated\":0"));
}

#[test]
fn reports_unplaced_blocks_with_lines_and_what_lint_would_reject() {
    let project = shipped();
    let mut t = translated(&project, "fr");
    added(&mut t);
    // A translator changed a link's target.
    let i = t
        .chunks
        .iter()
        .position(|c| c.text.contains("unhcr.org"))
        .unwrap();
    t.chunks[i].text = t.chunks[i]
        .text
        .replace("https://www.unhcr.org/", "https://www.unhcr.org/fr/");
    let site = english_site(&english_page());
    let (text, lines) = render(&t);
    site.write(&format!("tr/{PAGE}.md"), &text);
    let human = site
        .run(&["import", "--locale", "fr", "tr", "--dry-run"])
        .ok();
    assert!(!site.exists("locales/fr"), "a dry run writes nothing");
    assert!(
        human.stdout.contains("would create the locale fr"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(&format!(
            "not placed: line {}: “Translated by the volunteers",
            lines[10]
        )),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("[link-mismatch]"), "{}", human.stdout);
    // The coordinator's line: every block of the file counted, the two added ones left
    // out as fitting no English passage.
    let blocks = t.chunks.len() + 2;
    assert!(
        human.stdout.contains(&format!(
            "total: 1 file, {blocks} translated passages found: {} imported, 2 left out (2 no-fit);",
            blocks - 2
        )),
        "{}",
        human.stdout
    );
    let json: Value = serde_json::from_str(
        &site
            .run(&["import", "--locale", "fr", "tr", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["totals"]["left_out"]["no-fit"], 2, "{json:#}");
    assert_eq!(json["totals"]["found"].as_u64(), Some(blocks as u64));
    let page = &json["pages"][0];
    assert!(
        page["not_placed"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["why"] == "no-fit")
    );
    let lint: Vec<&Value> = page["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "link-mismatch")
        .collect();
    assert_eq!(lint.len(), 1, "{page:#}");
    assert_eq!(lint[0]["line"].as_u64().unwrap() as usize, lines[i]);
    assert_eq!(lint[0]["imported"], true);
    // Lint sees the same thing, and the build shows the source text there.
    let (_, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(with_code(&report, "link-mismatch").len(), 1);
}

#[test]
fn existing_translations_are_kept_unless_forced_and_output_is_deterministic() {
    let project = shipped();
    let t = translated(&project, "ko");
    let site = english_site(&english_page());
    let (text, _) = render(&t);
    site.write(&format!("tr/{PAGE}.md"), &text);
    site.run(&["new-locale", "ko"]).ok();
    let path = format!("locales/ko/{PAGE}.ftl");
    let before = site.read(&path);
    let own = before.replace(
        "# page-title = Human Rights in North Korea",
        "page-title = 나의 제목",
    );
    assert_ne!(own, before);
    site.write(&path, &own);
    site.run(&["sync"]).ok();
    let own = site.read(&path);
    site.run(&["import", "--locale", "ko", "tr"]).ok();
    let once = site.read(&path);
    assert!(once.contains("page-title = 나의 제목"), "{once}");
    assert!(once.contains("human-rights = 인권"));
    site.run(&["sync", "--check"]).ok();
    // Again: nothing changes.
    let again = site.run(&["import", "--locale", "ko", "tr"]).ok();
    assert_eq!(site.read(&path), once);
    assert!(!again.stdout.contains("update locales"), "{}", again.stdout);
    site.run(&["import", "--locale", "ko", "tr", "--force"])
        .ok();
    let forced = site.read(&path);
    assert!(forced.contains("page-title = 북한 인권"), "{forced}");
    assert_ne!(own, forced);
}

#[test]
fn hugo_suffix_layout_and_usage_errors() {
    let project = shipped();
    let t = translated(&project, "ja");
    let site = english_site(&english_page());
    let (text, _) = render(&t);
    site.write(&format!("hugo/content/{PAGE}.ja.md"), &text);
    site.write(&format!("hugo/content/{PAGE}.md"), &english_page());
    site.write(
        "hugo/content/orphan.ja.md",
        "---\ntitle: x\n---\n\nテキスト。\n",
    );
    let run = site
        .run(&[
            "import",
            "--locale",
            "ja",
            "--layout",
            "hugo-suffix",
            "hugo/content",
        ])
        .ok();
    assert!(run.stdout.contains("15 imported"), "{}", run.stdout);
    assert!(
        run.stdout.contains("orphan.ja.md: no page"),
        "{}",
        run.stdout
    );
    // Usage and I/O errors exit 2, naming what is wrong.
    let e = site
        .run(&["import", "--locale", "ja", "nowhere"])
        .code(2)
        .no_panic();
    assert!(e.stderr.contains("nowhere"), "{}", e.stderr);
    let e = site.run(&["import", "--locale", "en", "hugo"]).code(2);
    assert!(e.stderr.contains("source locale"), "{}", e.stderr);
    site.run(&["import", "--locale", "not a tag!", "hugo"])
        .code(2)
        .no_panic();
    // A file whose front matter does not parse is reported with its line; exit 0.
    site.write(
        &format!("bad/{PAGE}.md"),
        "---\ntitle: [unclosed\n---\n\n本文。\n",
    );
    let run = site
        .run(&["import", "--locale", "ja", "bad"])
        .ok()
        .no_panic();
    assert!(
        run.stdout.contains(&format!("bad/{PAGE}.md:")),
        "{}",
        run.stdout
    );
    site.write_bytes(&format!("bin/{PAGE}.md"), b"# ok\n\n\xff\xfe\n");
    let run = site
        .run(&["import", "--locale", "ja", "bin"])
        .ok()
        .no_panic();
    assert!(
        run.stdout.contains(":3:1: the file is not valid UTF-8"),
        "{}",
        run.stdout
    );
}

// The property: any page, translated block for block, imports completely and exactly.

const WORDS: &[&str] = &[
    "people",
    "report",
    "the",
    "government",
    "freedom",
    "of",
    "camps",
    "border",
    "many",
    "and",
    "rights",
    "in",
    "country",
    "labor",
    "family",
    "who",
    "law",
    "state",
];
/// A made-up target language: each word has its own, of another length, in Hangul.
const TRANSLATED: &[&str] = &[
    "주민",
    "보고서는",
    "그",
    "정부",
    "자유",
    "의",
    "수용소",
    "국경",
    "많은",
    "및",
    "인권",
    "에서",
    "국가",
    "노동",
    "가족",
    "누가",
    "법",
    "국가는",
];

#[derive(Debug, Clone)]
enum Gen {
    Heading(u8, Vec<usize>),
    Paragraph(Vec<usize>, Option<u32>, Option<u16>),
    List(Vec<Vec<usize>>),
    Image(Vec<usize>, u16),
}

fn gen_block() -> impl Strategy<Value = Gen> {
    prop_oneof![
        1 => (1u8..=3, prop::collection::vec(0..WORDS.len(), 1..5)).prop_map(|(l, w)| Gen::Heading(l, w)),
        4 => (
            prop::collection::vec(0..WORDS.len(), 3..60),
            prop::option::of(1u32..100_000),
            prop::option::of(0u16..50),
        )
            .prop_map(|(w, n, l)| Gen::Paragraph(w, n, l)),
        1 => prop::collection::vec(prop::collection::vec(0..WORDS.len(), 2..8), 1..5).prop_map(Gen::List),
        1 => (prop::collection::vec(0..WORDS.len(), 2..6), 0u16..20).prop_map(|(w, n)| Gen::Image(w, n)),
    ]
}

fn write_blocks(blocks: &[Gen], vocab: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Gen::Heading(level, w) => {
                let words: Vec<&str> = w.iter().map(|&i| vocab[i]).collect();
                out.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat(*level as usize),
                    words.join(sep)
                ));
            }
            Gen::Paragraph(w, n, link) => {
                let mut words: Vec<String> = w.iter().map(|&i| vocab[i].to_string()).collect();
                if let Some(n) = n {
                    words.insert(w.len() / 2, n.to_string());
                }
                if let Some(l) = link {
                    let last = words.pop().unwrap();
                    words.push(format!("[{last}](https://example.org/{l})"));
                }
                out.push_str(&format!("{}.\n\n", words.join(sep)));
            }
            Gen::List(items) => {
                for item in items {
                    let words: Vec<&str> = item.iter().map(|&i| vocab[i]).collect();
                    out.push_str(&format!("- {}\n", words.join(sep)));
                }
                out.push('\n');
            }
            Gen::Image(w, n) => {
                let words: Vec<&str> = w.iter().map(|&i| vocab[i]).collect();
                out.push_str(&format!("![{}](img/{n}.png)\n\n", words.join(sep)));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_undrifted_translation_of_any_page_imports_exactly(
        blocks in prop::collection::vec(gen_block(), 1..30),
        spaced in any::<bool>(),
    ) {
        let english = format!(
            "+++\ntitle = \"Page\"\ndescription = \"About it.\"\n+++\n\n{}",
            write_blocks(&blocks, WORDS, " ")
        );
        let sep = if spaced { " " } else { "" };
        let body = write_blocks(&blocks, TRANSLATED, sep);
        let translated = format!("---\ntitle: 페이지\ndescription: 그것에 대해.\n---\n\n{body}");
        let project = Project::in_memory(Config::default(), &[("p", &english)], &[]);
        let models = project.models().unwrap();
    let page = &models[0];
        let report = import::import_text(&project, page, &Locale::parse("ko").unwrap(), &translated);
        prop_assert!(report.not_placed.is_empty(), "{:?}", report.not_placed);
        prop_assert!(report.untranslated.is_empty(), "{:?}", report.untranslated);
        // Every segment gets exactly the translated block in its place.
        let doc = fluentpress::internals::markdown::parse_page(&body);
        let body_segments = &page.segments[..page.title_segment];
        let expected: Vec<(String, String)> = body_segments
            .iter()
            .zip(&doc.segments)
            .filter(|(s, _)| s.needs_translation)
            .map(|(s, t)| (s.id.clone(), t.text.clone()))
            .collect();
        let got: Vec<(String, String)> = report
            .imported
            .iter()
            .filter(|m| m.id != "page-title" && m.id != "page-description")
            .map(|m| (m.id.clone(), m.text.clone()))
            .collect();
        prop_assert_eq!(got, expected);
    }
}

/// A page of `n` paragraphs (a heading every 20), in `vocab`, with a year in every third
/// and a link in every fifth, so a translation keeps anchors as real ones do.
fn long_markdown(n: usize, vocab: &[&str], front: &str) -> String {
    let mut out = String::from(front);
    for i in 0..n {
        if i % 20 == 0 {
            out.push_str(&format!("## {} {i}\n\n", vocab[i % vocab.len()]));
        }
        let words: Vec<&str> = (0..20 + i % 30)
            .map(|k| vocab[(i * 7 + k * 3) % vocab.len()])
            .collect();
        out.push_str(&words.join(" "));
        out.push('.');
        if i % 3 == 0 {
            out.push_str(&format!(" {} {}.", vocab[i % 11], 1900 + i % 120));
        }
        if i % 5 == 0 {
            out.push_str(&format!(" [{}](https://example.org/{i}).", vocab[i % 13]));
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(unix)]
#[test]
fn aligning_thousands_of_paragraphs_needs_bounded_memory() {
    let site = Site::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    site.write(
        "locales/en/site.ftl",
        &std::fs::read_to_string(root.join("locales/en/site.ftl")).unwrap(),
    );
    let n = 8000;
    site.write(
        "content/p.md",
        &long_markdown(
            n,
            WORDS,
            "+++\ntitle = \"Page\"\ndescription = \"About it.\"\n+++\n\n",
        ),
    );
    site.write(
        "translations/p.md",
        &long_markdown(
            n,
            TRANSLATED,
            "---\ntitle: 페이지\ndescription: 그것에 대해.\n---\n\n",
        ),
    );
    site.run(&["extract"]).ok();
    // The whole alignment matrix of 8,000 × 8,000 would be 576 MB; the address space
    // allowed is less than that, with room for the program itself.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 600000 && exec \"$0\" import --locale ko translations --dry-run --format json")
        .arg(env!("CARGO_BIN_EXE_fluentpress"))
        .current_dir(site.path())
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .next()
            .unwrap_or("")
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let imported = json["pages"][0]["imported"].as_array().unwrap().len();
    // Paragraphs and headings of the same shape in the same order: nearly all placed.
    assert!(imported > n * 9 / 10, "{imported} of {n} imported");
}

/// Runs git in the site's directory (dates fixed so `--before` is exact).
fn git(site: &Site, args: &[&str], date: &str) -> bool {
    std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(site.path())
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Git output of `args` in the site (with the same fixed identity as [`git`]).
fn git_out(site: &Site, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Commits the staged tree as a commit carrying a (bogus) PGP signature, so that
/// `log.showSignature` makes git run `gpg.program` to verify it.
fn commit_signed(site: &Site, message: &str, time: u64) {
    let tree = git_out(site, &["write-tree"]);
    let parent = git_out(site, &["rev-parse", "HEAD"]);
    let body = format!(
        "tree {tree}\nparent {parent}\nauthor t <t@example.invalid> {time} +0000\n\
         committer t <t@example.invalid> {time} +0000\n\
         gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\
         \n{message}\n"
    );
    site.write("commit.txt", &body);
    let commit = git_out(site, &["hash-object", "-t", "commit", "-w", "commit.txt"]);
    site.remove("commit.txt");
    git_out(site, &["update-ref", "HEAD", &commit]);
}

#[cfg(unix)]
#[test]
fn git_history_runs_no_program_the_imported_repository_names() {
    use std::os::unix::fs::PermissionsExt;
    let project = shipped();
    let t = translated(&project, "ko");
    // A third-party site: its git settings are the folder's, not the user's.
    let site = english_site(&english_page());
    if !git(&site, &["init", "-q", "."], "2020-01-01T00:00:00Z") {
        eprintln!("git is not available: skipped");
        return;
    }
    let marker = site.path().join("ran");
    let script = site.path().join("evil.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$0 $*\" >> '{}'\nexit 1\n",
            marker.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let evil = script.display().to_string();
    for (key, value) in [
        ("log.showSignature", "true"),
        ("gpg.program", evil.as_str()),
        ("core.fsmonitor", evil.as_str()),
        ("core.pager", evil.as_str()),
        ("diff.external", evil.as_str()),
        ("diff.evil.textconv", evil.as_str()),
    ] {
        git_out(&site, &["config", key, value]);
    }
    site.write(".gitattributes", "*.md diff=evil\n");
    assert!(git(&site, &["add", "-A"], "2020-01-01T00:00:00Z"));
    assert!(git(
        &site,
        &["commit", "-qm", "English"],
        "2020-01-01T00:00:00Z"
    ));
    let (text, _) = render(&t);
    site.write(&format!("translations/{PAGE}.md"), &text);
    git_out(&site, &["add", "-A"]);
    commit_signed(&site, "translated", 1_600_000_000);
    std::fs::remove_file(&marker).ok();
    // The repository is armed: plain git runs the program to read the history.
    git_out(
        &site,
        &[
            "log",
            "-1",
            "--format=%ct",
            "--",
            &format!("translations/{PAGE}.md"),
        ],
    );
    assert!(
        marker.exists(),
        "the fixture does not make git run gpg.program"
    );
    std::fs::remove_file(&marker).unwrap();
    let run = site
        .run(&[
            "import",
            "--locale",
            "ko",
            "translations",
            "--git-history",
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    assert!(
        !marker.exists(),
        "import ran a program named in the folder's git settings: {}",
        std::fs::read_to_string(&marker).unwrap_or_default()
    );
    // The history is still read, as data.
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        json["pages"][0]["aligned_with"].is_string(),
        "{:#}",
        json["pages"][0]
    );
}

/// A site whose Korean translation (`translations/`) was committed in 2020 and whose
/// English was rewritten (`newer_english`) in 2022: the translated file's text, and the
/// two commits.
fn translated_then_rewritten() -> (Site, String, String, String) {
    let project = shipped();
    let site = english_site(&english_page());
    let (text, _) = render(&translated(&project, "ko"));
    site.write(&format!("translations/{PAGE}.md"), &text);
    assert!(
        git(&site, &["init", "-q", "."], "2020-01-01T00:00:00Z"),
        "git is needed"
    );
    assert!(git(&site, &["add", "-A"], "2020-01-01T00:00:00Z"));
    assert!(git(
        &site,
        &["commit", "-qm", "translated"],
        "2020-01-01T00:00:00Z"
    ));
    let translated_from = git_out(&site, &["rev-parse", "HEAD"]);
    site.write(
        &format!("content/{PAGE}.md"),
        &newer_english(&english_page()),
    );
    assert!(git(
        &site,
        &["commit", "-qam", "English rewritten"],
        "2022-01-01T00:00:00Z"
    ));
    let rewritten = git_out(&site, &["rev-parse", "HEAD"]);
    (site, text, translated_from, rewritten)
}

#[test]
fn git_history_aligns_against_the_english_the_translation_was_made_from() {
    let (site, _, _, _) = translated_then_rewritten();
    let (json, status) = import_with_history(&site);
    let page = &json["pages"][0];
    assert!(page["aligned_with"].is_string(), "{page:#}");
    // The report counts what status will say: one imported message outdated, the
    // deleted paragraph left out for that reason.
    assert_eq!(json["totals"]["outdated"], 1, "{json:#}");
    assert_eq!(json["totals"]["left_out"]["deleted-since"], 1, "{json:#}");
    // The paragraph the English deleted since is reported, not imported elsewhere.
    let not_placed = page["not_placed"].as_array().unwrap();
    assert!(
        not_placed
            .iter()
            .any(|n| n["reason"].as_str().unwrap().contains("no longer has")),
        "{page:#}"
    );
    // The rewritten paragraph is imported and outdated; the rest is current.
    assert_eq!(status["outdated"], 1, "{status:#}");
    assert_eq!(status["missing"], 2, "{status:#}");
    site.run(&["sync", "--check"]).ok();
    // Without the flag, the same file is taken as translating today's English.
    let plain = site
        .run(&[
            "import",
            "--locale",
            "ko",
            "translations",
            "--force",
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    let plain: Value = serde_json::from_str(&plain.stdout).unwrap();
    assert!(plain["pages"][0]["aligned_with"].is_null());
}

/// (message id, rule) of findings, sorted.
type Findings = Vec<(String, String)>;

/// The errors and warnings `import --format json` reports for the page file it wrote,
/// and the same from `lint --format json` of that file.
fn refused_by_both(site: &Site, tag: &str, dir: &str) -> (Findings, Findings) {
    let run = site
        .run(&["import", "--locale", tag, dir, "--format", "json"])
        .ok();
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut import: Findings = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap().iter())
        .map(|f| {
            (
                f["id"].as_str().unwrap_or("").to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let (_, lint) = site.lint_json(&["--locale", tag]);
    let file = format!("locales/{tag}/{PAGE}.ftl");
    let mut linted: Findings = lint["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file.as_str() && d["severity"] != "note")
        .map(|d| {
            (
                d["message_id"].as_str().unwrap_or("").to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    import.sort();
    linted.sort();
    (import, linted)
}

#[test]
fn import_reports_exactly_what_lint_says_of_the_files_it_wrote() {
    let project = shipped();
    // Each language's shipped translation with defects translators make: raw HTML in a
    // title (front matter is plain text), a changed link, a `javascript:` link, a number
    // dropped, a paragraph left in English.
    for (n, tag) in LANGS.iter().enumerate() {
        let mut t = translated(&project, tag);
        t.title = format!("{} <b>{}</b>", t.title, t.title);
        let with_link = t
            .chunks
            .iter()
            .position(|c| c.text.contains("](https://"))
            .unwrap();
        // The link's target changed at its end (so the block still aligns by its anchors).
        let text = &t.chunks[with_link].text;
        let end = text[text.find("](https://").unwrap()..].find(')').unwrap()
            + text.find("](https://").unwrap();
        let mut changed = text.clone();
        changed.insert_str(end, if n % 2 == 0 { "elsewhere/" } else { "?utm=1" });
        t.chunks[with_link].text = changed;
        let (text, _) = render(&t);
        let site = english_site(&english_page());
        site.write(&format!("tr/{PAGE}.md"), &text);
        let (import, lint) = refused_by_both(&site, tag, "tr");
        assert_eq!(import, lint, "{tag}: import's findings and lint's differ");
        assert!(
            import.contains(&("page-title".to_string(), "raw-html".to_string())),
            "{tag}: {import:?}"
        );
        assert!(
            import.iter().any(|(_, rule)| rule == "link-mismatch"),
            "{tag}: {import:?}"
        );
    }
}

#[test]
fn html_in_a_translated_title_is_refused_by_import_lint_and_status_alike() {
    let project = shipped();
    let mut t = translated(&project, "fr");
    t.title = "Droits humains <b>en Corée du Nord</b>".into();
    let (text, _) = render(&t);
    let site = english_site(&english_page());
    site.write(&format!("tr/{PAGE}.md"), &text);
    let run = site.run(&["import", "--locale", "fr", "tr"]).ok();
    assert!(run.stdout.contains("[raw-html]"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("imported; the build shows the source text until it is fixed"),
        "{}",
        run.stdout
    );
    let (_, lint) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(with_code(&lint, "raw-html").len(), 1, "{lint:#}");
    let status: Value =
        serde_json::from_str(&site.run(&["status", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(status["locales"][0]["rejected"], 1, "{status:#}");
}

/// The shipped Spanish translation as a Jekyll site's volunteers wrote theirs: accents
/// as named and numeric character references, a no-break space as `&nbsp;`.
fn with_references(mut t: Translated) -> Translated {
    let encode = |text: &str| {
        [
            ("á", "&aacute;"),
            ("é", "&eacute;"),
            ("í", "&iacute;"),
            ("ó", "&oacute;"),
            ("ú", "&#250;"),
            ("ñ", "&#xF1;"),
        ]
        .iter()
        .fold(text.to_string(), |text, (c, r)| text.replace(c, r))
    };
    t.title = encode(&t.title);
    t.description = encode(&t.description);
    for chunk in &mut t.chunks {
        chunk.text = encode(&chunk.text).replacen(" de ", "&nbsp;de ", 1);
    }
    t
}

/// A site with the English page, `text` imported into `tag` from `tr/`: what import
/// reports is what lint says of the written file, and neither finds `raw-html`.
fn imported_without_raw_html(text: &str, tag: &str) -> Site {
    let site = english_site(&english_page());
    site.write(&format!("tr/{PAGE}.md"), text);
    let (import, lint) = refused_by_both(&site, tag, "tr");
    assert_eq!(import, lint);
    assert!(
        !import.iter().any(|(_, rule)| rule == "raw-html"),
        "{tag}: {import:?}"
    );
    site
}

#[test]
fn character_references_come_over_as_the_characters_they_stand_for() {
    let project = shipped();
    let original = translated(&project, "es");
    let (text, _) = render(&with_references(original.clone()));
    assert!(
        text.contains("&oacute;") && text.contains("&#250;"),
        "the fixture has references"
    );
    let site = imported_without_raw_html(&text, "es");
    let file = site.read(&format!("locales/es/{PAGE}.ftl"));
    for reference in ["&aacute;", "&eacute;", "&oacute;", "&#250;", "&#xF1;"] {
        assert!(
            !file.contains(reference),
            "{reference} written as its character:\n{file}"
        );
    }
    // An invisible character stays visible as its reference; accents are themselves.
    assert!(file.contains("&nbsp;de "), "{file}");
    assert!(
        file.contains(&format!("page-title = {}", original.title)),
        "{file}"
    );
    // Every imported message reaches the edition: none is rejected.
    let status: Value = serde_json::from_str(
        &site
            .run(&["status", "--locale", "es", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(status["locales"][0]["rejected"], 0, "{status:#}");
    site.run(&["build"]).ok();
    let html = site.read(&format!("dist/es/{PAGE}.html"));
    let sample = &original.chunks[3].parts[0];
    let words: String = sample.chars().take(40).collect();
    assert!(html.contains(words.trim_end()), "{words}\n{html}");
}

#[test]
fn a_translators_span_dir_comes_over_and_is_shown() {
    let project = shipped();
    let mut ar = translated(&project, "ar");
    // As Arabic, Persian and Urdu volunteers mark an English term inside their text.
    let i = ar
        .chunks
        .iter()
        .position(|c| c.parts.len() == 1 && !c.text.starts_with('#'))
        .unwrap();
    ar.chunks[i].text = format!(
        "{} <span dir=\"rtl\">(Human Rights Watch)</span>",
        ar.chunks[i].text
    );
    let (text, _) = render(&ar);
    let site = imported_without_raw_html(&text, "ar");
    site.run(&["build"]).ok();
    let html = site.read(&format!("dist/ar/{PAGE}.html"));
    assert!(
        html.contains("<span dir=\"rtl\">(Human Rights Watch)</span>"),
        "{html}"
    );
    let txt = site.read(&format!("dist/ar/{PAGE}.txt"));
    let words = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("(Human Rights Watch)") && !txt.contains("<span"),
        "{txt}"
    );
}

/// The id a Hugo or Jekyll site gives a heading: lowercase, spaces as `-`, punctuation
/// dropped, letters of any script kept.
fn generator_anchor(heading: &str) -> String {
    heading
        .trim_start_matches('#')
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn translated_anchors_slashes_schemes_and_language_prefixes_become_the_sources_links() {
    let project = shipped();
    let mut fr = translated(&project, "fr");
    // The translated file's headings as a translator writes them: no explicit id.
    for chunk in &mut fr.chunks {
        if let (true, Some(at)) = (chunk.text.starts_with('#'), chunk.text.find(" {#")) {
            chunk.text.truncate(at);
        }
    }
    let headings: Vec<&str> = fr
        .chunks
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| t.starts_with('#'))
        .collect();
    let (first, efforts) = (generator_anchor(headings[0]), generator_anchor(headings[1]));
    assert!(efforts.contains("états-unis"), "{efforts}");
    let site = english_site(&english_page());
    site.write(
        "content/about.md",
        &format!(
            "+++\ntitle = \"About this page\"\ndescription = \"What the page on North Korea covers.\"\n+++\n\n\
             Read [the efforts of the United States]({PAGE}.md#us-efforts), [the first part]({PAGE}.md#human-rights), [our reports](/reports/2024/) and [how to give](https://www.example.org/donate/).\n\n\
             See [the efforts]({PAGE}.md#us-efforts) again.\n"
        ),
    );
    site.run(&["extract"]).ok();
    let (page, _) = render(&fr);
    site.write(&format!("tr/{PAGE}.md"), &page);
    // The translator linked the translated headings (one percent-encoded, as a browser
    // copies it), the French edition of a path, and dropped a slash and the `s`.
    let encoded: String = efforts
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                c.to_string().bytes().map(|b| format!("%{b:02X}")).collect()
            }
        })
        .collect();
    site.write(
        "tr/about.md",
        &format!(
            "---\ntitle: \"À propos de cette page\"\ndescription: \"Ce que couvre la page sur la Corée du Nord.\"\n---\n\n\
             Lisez [les efforts des États-Unis]({PAGE}.md#{encoded}), [la première partie]({PAGE}.md#{first}), [nos rapports](/fr/reports/2024) et [comment donner](http://example.org/donate).\n\n\
             Voir [les efforts]({PAGE}.md#nulle-part) encore.\n"
        ),
    );
    let run = site.run(&["import", "--locale", "fr", "tr"]).ok();
    let file = site.read("locales/fr/about.ftl");
    for link in [
        format!("]({PAGE}.md#us-efforts), [la première partie]({PAGE}.md#human-rights)"),
        "[nos rapports](/reports/2024/)".to_string(),
        "[comment donner](https://www.example.org/donate/)".to_string(),
    ] {
        assert!(file.contains(&link), "{link}:\n{file}\n{}", run.stdout);
    }
    // A fragment no heading was placed under stays as written, and is reported.
    assert!(file.contains("#nulle-part"), "{file}");
    let (_, lint) = site.lint_json(&["--locale", "fr"]);
    let mismatches = with_code(&lint, "link-mismatch");
    assert_eq!(mismatches.len(), 1, "{lint:#}");
    assert!(
        mismatches[0]["message"]
            .as_str()
            .unwrap()
            .contains("nulle-part")
    );
    assert!(run.stdout.contains("[link-mismatch]"), "{}", run.stdout);
}

#[test]
fn stubs_drafts_empty_files_and_copies_of_the_english_are_not_translations() {
    let project = shipped();
    let english = english_page();
    let body = &english[english[3..].find("+++\n").unwrap() + 7..];
    let site = english_site(&english);
    // As a real Hugo site keeps them: a stub marked `untranslated: 1` holding the
    // English, a draft, a file with only a translationKey, a copy of the English.
    let (ko, _) = render(&translated(&project, "ko"));
    let cases = [
        (
            "ko",
            ko.replacen("draft: false\n", "untranslated: 1\n", 1),
            "a stub (`untranslated` in its front matter)",
        ),
        (
            "ja",
            render(&translated(&project, "ja"))
                .0
                .replacen("draft: false", "draft: true", 1),
            "a draft (`draft: true`)",
        ),
        (
            "th",
            "---\ntitle: \"สิทธิมนุษยชน\"\ntranslationKey: nk\n---\n\n".to_string(),
            "its body is empty",
        ),
        (
            "ru",
            format!("---\ntitle: \"Human Rights\"\n---\n{body}"),
            "its body is the source's text",
        ),
    ];
    for (tag, text, why) in &cases {
        let dir = format!("tr-{tag}");
        site.write(&format!("{dir}/{PAGE}.md"), text);
        let run = site.run(&["import", "--locale", tag, &dir]).ok();
        assert!(
            run.stdout
                .contains(&format!("not a translation, {why}: nothing imported")),
            "{tag}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains("1 file not a translation"),
            "{}",
            run.stdout
        );
        let json: Value = serde_json::from_str(
            &site
                .run(&[
                    "import",
                    "--locale",
                    tag,
                    &dir,
                    "--format",
                    "json",
                    "--dry-run",
                ])
                .ok()
                .stdout,
        )
        .unwrap();
        assert_eq!(json["pages"][0]["not_a_translation"], *why, "{json:#}");
        assert_eq!(json["totals"]["imported"], 0, "{json:#}");
        assert_eq!(json["totals"]["not_translations"], 1, "{json:#}");
        let file = site.read(&format!("locales/{tag}/{PAGE}.ftl"));
        assert!(
            !file.contains("# fluentpress: source"),
            "{tag}: nothing imported:\n{file}"
        );
    }
    // The same ko file without the stub mark is a translation.
    site.write(&format!("tr-fr/{PAGE}.md"), &ko);
    let run = site
        .run(&["import", "--locale", "ko", "tr-fr", "--force"])
        .ok();
    assert!(!run.stdout.contains("not a translation"), "{}", run.stdout);
    assert!(
        site.read(&format!("locales/ko/{PAGE}.ftl"))
            .contains("# fluentpress: source")
    );
}

/// Imports `translations/` into ko with `--git-history` (after `extract`): import's JSON
/// report, and `status`'s JSON for ko afterwards.
fn import_with_history(site: &Site) -> (Value, Value) {
    site.run(&["extract"]).ok();
    let run = site
        .run(&[
            "import",
            "--locale",
            "ko",
            "translations",
            "--git-history",
            "--force",
            "--format",
            "json",
        ])
        .ok();
    let status = site
        .run(&["status", "--locale", "ko", "--format", "json"])
        .ok();
    let status: Value = serde_json::from_str(&status.stdout).unwrap();
    (
        serde_json::from_str(&run.stdout).unwrap(),
        status["locales"][0].clone(),
    )
}

/// [`import_with_history`]: the commit aligned with and the locale's outdated count.
fn import_by_history(site: &Site) -> (String, Value) {
    let (json, status) = import_with_history(site);
    (
        json["pages"][0]["aligned_with"]
            .as_str()
            .unwrap_or("")
            .to_string(),
        status["outdated"].clone(),
    )
}

#[test]
fn git_history_dates_a_translation_by_its_prose_not_by_a_sweep_commit() {
    let (site, text, translated_from, rewritten) = translated_then_rewritten();
    // A site-wide sweep: a front matter key renamed and the lines re-wrapped in every
    // language, no word changed.
    let swept = text
        .replacen("draft: false\n", "sitemap:\n  exclude: false\n", 1)
        .replace(". ", ".\n");
    assert_ne!(swept, text);
    site.write(&format!("translations/{PAGE}.md"), &swept);
    assert!(git(
        &site,
        &["commit", "-qam", "Rename draft to sitemap"],
        "2023-01-01T00:00:00Z"
    ));
    let (aligned_with, outdated) = import_by_history(&site);
    assert_eq!(
        aligned_with, translated_from,
        "the sweep is no translation work"
    );
    assert_eq!(outdated, 1, "the paragraph reworded in 2022 is outdated");

    // A translator who then changes words has translated the English of that day.
    site.write(&format!("translations/{PAGE}.md"), &{
        // A word of the body (the first 북한 is in the title, front matter).
        let at = swept.rfind("북한").unwrap();
        format!("{}조선{}", &swept[..at], &swept[at + "북한".len()..])
    });
    assert!(git(
        &site,
        &["commit", "-qam", "ko: wording"],
        "2024-01-01T00:00:00Z"
    ));
    let (aligned_with, outdated) = import_by_history(&site);
    assert_eq!(aligned_with, rewritten);
    assert_eq!(outdated, 0);
}

#[test]
fn git_history_takes_a_stated_lastmod_when_it_is_later_and_believable() {
    let (site, text, translated_from, rewritten) = translated_then_rewritten();
    let path = format!("translations/{PAGE}.md");
    // Committed in 2023, front matter only: the translator says the file was brought up
    // to date in June 2022, after the English was rewritten.
    for (lastmod, aligned, outdated) in [
        ("2022-06-01", &rewritten, 0),
        // After the commit that wrote it: not believable.
        ("2030-01-01T00:00:00Z", &translated_from, 1),
        // Before the prose was last changed: the prose's commit is later.
        ("2019-01-01", &translated_from, 1),
    ] {
        site.write(
            &path,
            &text.replacen(
                "draft: false\n",
                &format!("draft: false\nlastmod: {lastmod}\n"),
                1,
            ),
        );
        assert!(git(
            &site,
            &["commit", "-qam", "lastmod"],
            "2023-01-01T00:00:00Z"
        ));
        let (aligned_with, found) = import_by_history(&site);
        assert_eq!(&aligned_with, aligned, "lastmod {lastmod}");
        assert_eq!(found, outdated, "lastmod {lastmod}");
    }
}
