//! `fluentpress import --locale TAG DIR`: turns a site's existing whole-file
//! translations (one translated Markdown file per page, as Hugo, Jekyll and Docusaurus
//! keep them) into Fluent translations, segment by segment.
//!
//! Each translated file is parsed with the same Markdown parser as the pages; its blocks
//! are aligned with the page's segments ([`align`]); the confident pairs become messages
//! with the source hash of the segment they were aligned to, written into
//! `locales/TAG/<page>.ftl` in reference order, every other message as `sync`'s
//! template — the file is exactly what `sync` would leave. An existing translation is
//! kept unless `force`. The locale is created (as `new-locale` does) when missing.
//!
//! What is not imported: a block no segment fits, or fits only doubtfully; a block that
//! translates two source paragraphs at once (a merge) unless one sentence end clearly
//! cuts it into the two translations (otherwise showing all of it in place of the first
//! paragraph would put text where it does not belong); a block identical to its source
//! (left in the source language: the build would mark it untranslated anyway). A source
//! paragraph translated as two blocks (a split) is imported as the two blocks joined.
//! Translations that lint rejects (a changed link, raw HTML) are imported and reported:
//! the build shows the source text in their place, as it does for any such message,
//! until the translator fixes them.

pub mod align;
pub mod history;

use self::align::{Link, Move, Unit};
use super::new_locale::{self, NewLocale};
use super::sync::page_file_text;
use super::{Edit, apply_edits, find_templates, insertion};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::frontmatter;
use crate::ftl::{self, FtlFile, META_PREFIX};
use crate::lint::Settings;
use crate::locale::Locale;
use crate::markdown;
use crate::project::{LocaleFiles, Page, Project, SITE_FILE, Segment};
use crate::resolve::Fallback;
use crate::source::{LineIndex, TextFile};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the translated files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `DIR/<page>.md` for `content/<page>.md`.
    Mirror,
    /// `DIR/<page>.TAG.md` (Hugo's translation by file name).
    HugoSuffix,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub locale: String,
    pub dir: PathBuf,
    pub layout: Layout,
    pub force: bool,
    /// Align each file against the page as it was when the file was last committed.
    pub git_history: bool,
    /// Read files (and directories) of DIR that are symbolic links; by default they are
    /// reported and skipped, as a third-party folder's links could lead anywhere.
    pub follow_symlinks: bool,
}

/// A message imported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Imported {
    pub id: String,
    /// 1-based line of the block(s) in the translated file.
    pub line: usize,
    #[serde(rename = "move")]
    pub how: Move,
    pub text: String,
}

/// A translated block not imported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NotPlaced {
    pub line: usize,
    pub first_words: String,
    pub reason: String,
}

/// What lint says of the file import writes: each error and warning of the one
/// judgement ([`crate::pipeline::judge`]), with lint's severities.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// The message it concerns, if one.
    pub id: Option<String>,
    /// 1-based line of the message's block in the translated file (`None`: a message
    /// this import did not write, or none).
    pub line: Option<usize>,
    /// Where lint points in the written `.ftl` file.
    pub ftl_line: usize,
    pub rule: String,
    pub severity: String,
    pub message: String,
    /// This import wrote the message.
    pub imported: bool,
    /// The build shows the source text in its place ([`Rule::refuses_translation`]).
    pub refused: bool,
}

/// The report for one page.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PageReport {
    pub page: String,
    /// The translated file read (relative to the current directory as given).
    pub file: String,
    pub imported: Vec<Imported>,
    /// Ids with an existing translation that was kept (no `--force`).
    pub kept: Vec<String>,
    /// Ids of source segments left without a translation.
    pub untranslated: Vec<String>,
    pub not_placed: Vec<NotPlaced>,
    pub findings: Vec<Finding>,
    /// The translation file written (or that would be), relative to the site's root.
    pub written: Option<String>,
    /// Why the file could not be imported at all (front matter, encoding).
    pub problem: Option<String>,
    /// With `--git-history`: the commit of the page the file was aligned against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aligned_with: Option<String>,
}

/// A file to write.
#[derive(Debug, Clone, Serialize)]
pub struct FileChange {
    pub path: String,
    pub created: bool,
    #[serde(skip)]
    pub text: String,
    /// How the existing file is written (kept on rewrite).
    #[serde(skip)]
    pub style: crate::source::TextStyle,
}

/// Everything an import would do.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub locale: String,
    pub created_locale: bool,
    pub pages: Vec<PageReport>,
    /// Pages with no translated file in DIR.
    pub pages_without_file: Vec<String>,
    /// Markdown files in DIR that belong to no page.
    pub files_without_page: Vec<String>,
    pub files: Vec<FileChange>,
    #[serde(skip)]
    new_locale: Option<NewLocale>,
}

/// What a translated file gives, once aligned.
struct PageImport {
    report: PageReport,
    /// (segment index, text) to write.
    /// (segment index, text, source hash it translates) to write.
    messages: Vec<(usize, String, String)>,
}

/// Works out the import without writing anything.
pub fn plan(project: &Project, options: &Options) -> Result<Plan> {
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let locale =
        Locale::parse(options.locale.trim()).map_err(|e| Error::Usage(format!("--locale: {e}")))?;
    if locale == project.config.source_locale {
        return Err(Error::Usage(format!(
            "--locale {}: that is the source locale; import translations into another locale",
            locale.tag
        )));
    }
    if !options.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a directory of translated Markdown files",
            options.dir.display()
        )));
    }
    let existing = project.locale_index(&locale.tag);
    let new_locale = match existing {
        Some(_) => None,
        None => Some(new_locale::plan(project, &locale.tag)?),
    };
    let suffixes: Vec<String> = {
        let mut s = vec![format!(".{}.md", locale.tag)];
        let given = format!(".{}.md", options.locale.trim());
        if !s.contains(&given) {
            s.push(given);
        }
        s
    };
    // A page's file, and whether it (or a directory on the way below DIR) is a link.
    let linked = |p: &Path| crate::fsutil::has_link_below(&options.dir, p);
    let file_for = |page: &Page| -> Option<(PathBuf, bool)> {
        let candidates: Vec<PathBuf> = match options.layout {
            Layout::Mirror => vec![options.dir.join(format!("{}.md", page.slug))],
            Layout::HugoSuffix => suffixes
                .iter()
                .map(|s| options.dir.join(format!("{}{s}", page.slug)))
                .collect(),
        };
        candidates
            .into_iter()
            .find(|p| {
                if options.follow_symlinks {
                    p.is_file()
                } else {
                    std::fs::symlink_metadata(p).is_ok() && (linked(p) || p.is_file())
                }
            })
            .map(|p| {
                let link = !options.follow_symlinks && linked(&p);
                (p, link)
            })
    };

    // The locale's files as the written page files will be judged with: the locale's
    // own, or those `new-locale` would create.
    let planned;
    let locale_files: &LocaleFiles = match existing {
        Some(l) => project.locale(l),
        None => {
            let new = new_locale
                .as_ref()
                .expect("planned when the locale is missing");
            let site_path = format!("{}/{SITE_FILE}", new.dir);
            let site = new
                .files
                .iter()
                .find(|(rel, _)| *rel == site_path)
                .map(|(rel, text)| {
                    FtlFile::parse(
                        PathBuf::from(rel),
                        text.clone(),
                        crate::source::TextStyle::NEW,
                    )
                });
            planned = LocaleFiles::planned(locale.clone(), site);
            &planned
        }
    };
    let settings = Settings::new(&project.config, &[], &[], &[])?;

    let mut pages = Vec::new();
    let mut pages_without_file = Vec::new();
    let mut files = Vec::new();
    let mut used: Vec<PathBuf> = Vec::new();
    let models = project.models()?;
    for page in &models {
        // Hugo keeps translations beside their page: never import a page into itself.
        if options.layout == Layout::HugoSuffix
            && suffixes
                .iter()
                .any(|s| format!("{}.md", page.slug).ends_with(s.as_str()))
        {
            continue;
        }
        let Some((path, link)) = file_for(page) else {
            pages_without_file.push(page.slug.clone());
            continue;
        };
        used.push(path.clone());
        let shown = path.display().to_string();
        if link {
            pages.push(PageReport {
                page: page.slug.clone(),
                file: shown.clone(),
                problem: Some(format!(
                    "{shown} is a symbolic link (or lies in a linked directory), which is not followed: it could lead outside {}; nothing imported (`--follow-symlinks` reads it)",
                    options.dir.display()
                )),
                ..PageReport::default()
            });
            continue;
        }
        let bytes = if options.follow_symlinks {
            std::fs::read(&path)
        } else {
            crate::source::read_no_follow(&path)
        }
        .map_err(|e| Error::io(&path, e))?;
        let existing_file: Option<FtlFile> =
            existing.and_then(|l| project.page_file(l, &page.slug).0);
        let (base_text, created) = match &existing_file {
            Some(f) => (f.source().to_string(), false),
            None => (page_file_text(page, &locale).0, true),
        };
        let mut import = match TextFile::decode(bytes) {
            Err(bad) => PageImport {
                report: PageReport {
                    page: page.slug.clone(),
                    file: shown.clone(),
                    problem: Some(format!(
                        "{shown}:{}:{}: the file is not valid UTF-8; nothing imported",
                        bad.line, bad.column
                    )),
                    ..PageReport::default()
                },
                messages: Vec::new(),
            },
            Ok(file) => {
                let old = if options.git_history {
                    history::source_when_translated(&project.root, &path, &page.rel_path)
                } else {
                    None
                };
                let mut done = import_page(
                    page,
                    &file.text,
                    &shown,
                    old.as_ref().map(|o| o.text.as_str()),
                );
                done.report.aligned_with = old.map(|o| o.commit);
                done
            }
        };
        // Existing translations stay unless --force.
        if let Some(f) = &existing_file {
            import.messages.retain(|(i, _, _)| {
                let id = &page.segments[*i].id;
                let has = f.get(id).is_some_and(|e| e.has_value);
                if has && !options.force {
                    import.report.kept.push(id.clone());
                    false
                } else {
                    true
                }
            });
            let kept = &import.report.kept;
            import.report.imported.retain(|m| !kept.contains(&m.id));
        }
        let path_rel = locale_files.page_path(&page.slug);
        import.report.written = Some(path_rel.clone());
        let text = judge_written(
            project,
            locale_files,
            &settings,
            page,
            &path_rel,
            &base_text,
            &mut import,
        );
        if created || text != base_text {
            files.push(FileChange {
                path: path_rel,
                created,
                text,
                style: existing_file
                    .as_ref()
                    .map_or(crate::source::TextStyle::NEW, |f| f.style),
            });
        }
        pages.push(import.report);
    }
    let mut files_without_page = Vec::new();
    let mut found = Vec::new();
    collect_md(
        &options.dir,
        options.follow_symlinks,
        &mut Vec::new(),
        &mut found,
    );
    for f in found {
        if used.contains(&f) {
            continue;
        }
        let name = f.to_string_lossy();
        let relevant = match options.layout {
            Layout::Mirror => true,
            Layout::HugoSuffix => suffixes.iter().any(|s| name.ends_with(s.as_str())),
        };
        if relevant {
            files_without_page.push(f.display().to_string());
        }
    }
    files_without_page.sort();
    Ok(Plan {
        locale: locale.tag.clone(),
        created_locale: new_locale.is_some(),
        pages,
        pages_without_file,
        files_without_page,
        files,
        new_locale,
    })
}

/// The Markdown files below `dir`, sorted. Symbolic links are skipped unless `follow`
/// (then each real directory is entered once: `visited`, so a link loop ends).
fn collect_md(dir: &Path, follow: bool, visited: &mut Vec<PathBuf>, out: &mut Vec<PathBuf>) {
    if follow {
        match std::fs::canonicalize(dir) {
            Ok(real) if !visited.contains(&real) => visited.push(real),
            _ => return,
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let meta = if follow {
            std::fs::metadata(&path)
        } else {
            std::fs::symlink_metadata(&path)
        };
        let Ok(meta) = meta else {
            continue;
        };
        if meta.is_dir() {
            collect_md(&path, follow, visited, out);
        } else if meta.is_file() && path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

/// Writes the plan: creates the locale first when it is new (as `new-locale` does).
pub fn apply(project: &Project, plan: &Plan) -> Result<()> {
    if let Some(new) = &plan.new_locale {
        let mut new = new.clone();
        for (rel, text) in &mut new.files {
            if let Some(f) = plan.files.iter().find(|f| f.path == *rel) {
                *text = f.text.clone();
            }
        }
        new_locale::create(project, &new)?;
        return Ok(());
    }
    for f in &plan.files {
        crate::fsutil::write_text(&project.root, &project.root.join(&f.path), &f.text, f.style)?;
    }
    Ok(())
}

fn first_words(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(40).collect();
    if one_line.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The most sentence ends a merged block is tried cut at.
const MAX_CUTS: usize = 64;

/// Byte offsets where a sentence ends inside `text` (not at its end): where a merged
/// block may be cut ([`crate::script::sentence_ends`]).
fn sentence_cuts(text: &str) -> Vec<usize> {
    crate::script::sentence_ends(text)
}

/// Joins the two blocks of a split paragraph: with a space, but between two sentences
/// of a script that spaces nothing ([`crate::script::sentences_join_without_space`]).
fn join_split(a: &str, b: &str) -> String {
    let (a, b) = (a.trim_end(), b.trim_start());
    if let (Some(last), Some(first)) = (a.chars().last(), b.chars().next())
        && crate::script::sentences_join_without_space(last, first)
    {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

/// Aligns one translated file's text (front matter and Markdown) with a page and says
/// what it would import, without looking at existing translations.
pub fn import_text(project: &Project, page: &Page, locale: &Locale, text: &str) -> PageReport {
    let mut import = import_page(page, text, "(text)", None);
    let planned;
    let files = match project.locale_index(&locale.tag) {
        Some(l) => project.locale(l),
        None => {
            planned = LocaleFiles::planned(locale.clone(), None);
            &planned
        }
    };
    let settings = Settings::new(&project.config, &[], &[], &[]).unwrap_or_default();
    let base = page_file_text(page, locale).0;
    let path = files.page_path(&page.slug);
    judge_written(project, files, &settings, page, &path, &base, &mut import);
    import.report
}

/// What the translated file is aligned against: the page's segments as they are, or
/// the page's text as it was when the translation was last changed (git history).
struct SourceView {
    units: Vec<Unit>,
    /// For each unit: the current segment it became, and the hash of the text the
    /// translation translates (the current one when it did not change since).
    current: Vec<Option<(usize, String)>>,
    title_hash: String,
    description_hash: String,
}

impl SourceView {
    fn current(page: &Page) -> SourceView {
        let units = current_units(page);
        SourceView {
            current: (0..units.len())
                .map(|i| Some((i, page.segments[i].hash.clone())))
                .collect(),
            units,
            title_hash: page.segments[page.title_segment].hash.clone(),
            description_hash: page.segments[page.description_segment].hash.clone(),
        }
    }

    /// The page as it was (`old`, the whole Markdown file): its segments, each mapped
    /// to the current segment it became by aligning the two English texts.
    fn old(page: &Page, old: &str) -> SourceView {
        let doc = markdown::parse_page(old);
        let extra = align::block_anchors(&doc.blocks, &doc.footnotes);
        let units: Vec<Unit> = doc
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| Unit::new(s.kind, &s.inlines, extra.get(&i).map_or(&[][..], |v| v)))
            .collect();
        let now = current_units(page);
        let mut current = vec![None; units.len()];
        for link in align::align(&units, &now) {
            if matches!(link.kind, Move::Match | Move::Moved) {
                let (o, c) = (link.s[0], link.t[0]);
                current[o] = Some((c, ftl::source_hash(&doc.segments[o].text)));
            }
        }
        let fm = doc
            .front_matter_block()
            .and_then(|block| frontmatter::read_strings(block, old).ok());
        let hash = |old: Option<&String>, seg: usize| {
            old.map_or_else(|| page.segments[seg].hash.clone(), |t| ftl::source_hash(t))
        };
        SourceView {
            units,
            current,
            title_hash: hash(
                fm.as_ref().and_then(|f| f.title.as_ref()),
                page.title_segment,
            ),
            description_hash: hash(
                fm.as_ref().and_then(|f| f.description.as_ref()),
                page.description_segment,
            ),
        }
    }
}

/// The alignment's view of a page's body segments.
fn current_units(page: &Page) -> Vec<Unit> {
    let extra = align::block_anchors(&page.doc.blocks, &page.doc.footnotes);
    (0..page.title_segment)
        .map(|i| {
            let s = &page.segments[i];
            Unit::new(s.kind, &s.inlines, extra.get(&i).map_or(&[][..], |v| v))
        })
        .collect()
}

/// Aligns one translated file with its page.
fn import_page(page: &Page, text: &str, shown: &str, old_source: Option<&str>) -> PageImport {
    let mut report = PageReport {
        page: page.slug.clone(),
        file: shown.to_string(),
        ..PageReport::default()
    };
    // The front matter is told from the body by the one Markdown parse, as for pages.
    let doc = markdown::parse_page(text);
    let front_matter = match doc
        .front_matter_block()
        .map(|b| frontmatter::read_strings(b, text))
    {
        Some(Err(e)) => {
            report.problem = Some(format!(
                "{shown}:{}: {}; nothing imported",
                e.line, e.message
            ));
            return PageImport {
                report,
                messages: Vec::new(),
            };
        }
        Some(Ok(fm)) => Some(fm),
        None => None,
    };
    let lines = LineIndex::new(text);
    let line = |offset: usize| lines.line(offset);

    let view = match old_source {
        Some(old) => SourceView::old(page, old),
        None => SourceView::current(page),
    };
    let extra_t = align::block_anchors(&doc.blocks, &doc.footnotes);
    let target: Vec<Unit> = doc
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| Unit::new(s.kind, &s.inlines, extra_t.get(&i).map_or(&[][..], |v| v)))
        .collect();
    let links: Vec<Link> = align::align(&view.units, &target);

    // (segment index, text, line, move, source hash it translates)
    let mut candidates: Vec<(usize, String, usize, Move, String)> = Vec::new();
    let fm = front_matter.as_ref();
    let fm_line = fm.map_or(1, |f| f.first_line);
    if let Some(t) = fm.and_then(|f| f.title.clone()) {
        candidates.push((
            page.title_segment,
            t,
            fm_line,
            Move::Match,
            view.title_hash.clone(),
        ));
    }
    if let Some(d) = fm.and_then(|f| f.description.clone()) {
        candidates.push((
            page.description_segment,
            d,
            fm_line,
            Move::Match,
            view.description_hash.clone(),
        ));
    }
    let id_of = |s: usize| -> String {
        match &view.current[s] {
            Some((i, _)) => format!("`{}`", page.segments[*i].id),
            None => "a passage the English no longer has".to_string(),
        }
    };
    for link in &links {
        let block = |t: usize| &doc.segments[t];
        let mut place = |s: usize, text: String, at: usize, how: Move| match &view.current[s] {
            Some((i, hash)) => candidates.push((*i, text, at, how, hash.clone())),
            None => report.not_placed.push(NotPlaced {
                line: at,
                first_words: first_words(&text),
                reason: "translates a passage the English no longer has (git history)".into(),
            }),
        };
        match link.kind {
            Move::Match | Move::Moved => {
                let b = block(link.t[0]);
                place(link.s[0], b.text.clone(), line(b.span.start), link.kind);
            }
            Move::Split => {
                let (b1, b2) = (block(link.t[0]), block(link.t[1]));
                place(
                    link.s[0],
                    join_split(&b1.text, &b2.text),
                    line(b1.span.start),
                    Move::Split,
                );
            }
            Move::Merge => {
                let b = block(link.t[0]);
                // Cut at the sentence end whose parts fit the two segments clearly best.
                let whole = Unit::new(
                    b.kind,
                    &markdown::parse_fragment(&b.text, page.context()).inlines,
                    &[],
                );
                // Each cut costs a parse of the block: a block of more sentences than
                // this is not cut (and not imported), so a merge costs O(block).
                let mut cuts = sentence_cuts(&b.text);
                if cuts.len() > MAX_CUTS {
                    cuts.clear();
                }
                let parts: Vec<(String, String)> = cuts
                    .into_iter()
                    .map(|at| {
                        (
                            b.text[..at].trim().to_string(),
                            b.text[at..].trim().to_string(),
                        )
                    })
                    .collect();
                let units: Vec<(Unit, Unit)> = parts
                    .iter()
                    .map(|(p1, p2)| {
                        let unit = |p: &str| {
                            Unit::new(
                                b.kind,
                                &markdown::parse_fragment(p, page.context()).inlines,
                                &[],
                            )
                        };
                        (unit(p1), unit(p2))
                    })
                    .collect();
                // A cut inside a link or code span changes the anchors: never taken.
                let (parts, units): (Vec<_>, Vec<_>) = parts
                    .into_iter()
                    .zip(units)
                    .filter(|(_, (u1, u2))| {
                        let mut both: Vec<&String> = u1.anchors.iter().chain(&u2.anchors).collect();
                        both.sort();
                        both == whole.anchors.iter().collect::<Vec<_>>()
                    })
                    .unzip();
                let cut =
                    align::best_cut(&view.units, &target, &links, (link.s[0], link.s[1]), &units);
                if let Some(i) = cut {
                    let (p1, p2) = parts[i].clone();
                    let at = line(b.span.start);
                    place(link.s[0], p1, at, Move::Merge);
                    place(link.s[1], p2, at, Move::Merge);
                    continue;
                }
                let ids: Vec<String> = link.s.iter().map(|&s| id_of(s)).collect();
                report.not_placed.push(NotPlaced {
                    line: line(b.span.start),
                    first_words: first_words(&b.text),
                    reason: format!(
                        "translates {} in one block: not imported (which part translates which cannot be told)",
                        ids.join(" and ")
                    ),
                });
            }
            Move::Doubtful | Move::Unplaced => {
                for &t in &link.t {
                    let b = block(t);
                    let reason = match (link.kind, link.s.first()) {
                        (Move::Doubtful, Some(&s)) => format!(
                            "fits {} only doubtfully (cost {:.1}): not imported",
                            id_of(s),
                            link.cost
                        ),
                        _ => "no source segment fits it".to_string(),
                    };
                    report.not_placed.push(NotPlaced {
                        line: line(b.span.start),
                        first_words: first_words(&b.text),
                        reason,
                    });
                }
            }
            Move::Untranslated => {}
        }
    }
    report.not_placed.sort_by_key(|n| n.line);

    // Each text as the file will hold it; what lint says of it is judged on the
    // written file (`judge_written`).
    let mut messages = Vec::new();
    candidates.sort_by_key(|c| c.0);
    for (i, text, at, how, hash) in candidates {
        let seg = &page.segments[i];
        if !seg.needs_translation {
            continue;
        }
        let text = if seg.kind.is_plain_text() {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            text.trim().to_string()
        };
        report.imported.push(Imported {
            id: seg.id.clone(),
            line: at,
            how,
            text: text.clone(),
        });
        messages.push((i, text, hash));
    }
    PageImport { report, messages }
}

/// Writes the import's messages into `base` and judges the file as the pipeline judges
/// every page file: a message the judgement finds identical to the English text is left
/// out (reported as not placed), and the report's findings are what lint says of the
/// file written then. Returns the file's text.
fn judge_written(
    project: &Project,
    files: &LocaleFiles,
    settings: &Settings,
    page: &Page,
    path: &str,
    base: &str,
    import: &mut PageImport,
) -> String {
    // The source content's checks, once: the judgement reports the links of the page
    // that lead nowhere in each translation that carries them.
    let checks = crate::checks::SourceChecks::of(
        page,
        project.site_index(),
        &project.config.source_locale.tag,
    );
    let judged = |text: &str| {
        let file = FtlFile::parse(
            PathBuf::from(path),
            text.to_string(),
            crate::source::TextStyle::NEW,
        );
        let (shown, mut diagnostics) =
            crate::pipeline::judge(project, files, page, &checks, Some(&file));
        let fallbacks: Vec<Option<Fallback>> = shown.iter().map(|s| s.fallback).collect();
        settings.apply(project, &mut diagnostics);
        (fallbacks, diagnostics)
    };
    let mut text = write_page_file(page, base, &import.messages);
    let (fallbacks, _) = judged(&text);
    let same: Vec<usize> = import
        .messages
        .iter()
        .map(|m| m.0)
        .filter(|&i| fallbacks[i] == Some(Fallback::Untranslated))
        .collect();
    if !same.is_empty() {
        for &i in &same {
            let id = &page.segments[i].id;
            if let Some(m) = import.report.imported.iter().find(|m| m.id == *id) {
                import.report.not_placed.push(NotPlaced {
                    line: m.line,
                    first_words: first_words(&m.text),
                    reason: format!(
                        "is the English text of `{id}` itself: left in the source language, not imported"
                    ),
                });
            }
        }
        import.report.not_placed.sort_by_key(|n| n.line);
        let ids: Vec<&str> = same.iter().map(|&i| page.segments[i].id.as_str()).collect();
        import
            .report
            .imported
            .retain(|m| !ids.contains(&m.id.as_str()));
        import.messages.retain(|m| !same.contains(&m.0));
        text = write_page_file(page, base, &import.messages);
    }
    let (fallbacks, diagnostics) = judged(&text);
    let written: std::collections::HashSet<usize> = import.messages.iter().map(|m| m.0).collect();
    let kept: std::collections::HashSet<&String> = import.report.kept.iter().collect();
    import.report.untranslated = page
        .reference_order()
        .filter(|&i| page.segments[i].needs_translation && !written.contains(&i))
        .map(|i| page.segments[i].id.clone())
        .filter(|id| !kept.contains(id))
        .collect();
    import.report.findings = diagnostics
        .into_iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| {
            let segment = d.message_id.as_deref().and_then(|id| page.index_of(id));
            let imported = segment.is_some_and(|i| written.contains(&i));
            Finding {
                line: d
                    .message_id
                    .as_deref()
                    .and_then(|id| import.report.imported.iter().find(|m| m.id == id))
                    .map(|m| m.line),
                ftl_line: d.line,
                rule: d.rule.code().to_string(),
                severity: d.severity.as_str().to_string(),
                refused: segment.is_some_and(|i| fallbacks[i] == Some(Fallback::Rejected)),
                imported,
                message: d.message,
                id: d.message_id,
            }
        })
        .collect();
    text
}

/// A message as `import` writes it: the source hash it translates, then the message.
fn message_text(seg: &Segment, text: &str, hash: &str) -> String {
    format!(
        "# {META_PREFIX} source {}\n{} ={}\n",
        hash,
        seg.id,
        ftl::escape_pattern(text)
    )
}

/// The page file with `messages` written into `base` (a template replaced, an existing
/// message replaced, or the message inserted after the one before it in reference
/// order), then brought in line with the reference as `sync` would.
fn write_page_file(page: &Page, base: &str, messages: &[(usize, String, String)]) -> String {
    if messages.is_empty() {
        return finish_like_sync(page, base);
    }
    let file = FtlFile::parse(
        PathBuf::from("import.ftl"),
        base.to_string(),
        crate::source::TextStyle::NEW,
    );
    let templates = find_templates(base);
    let mut edits = Vec::new();
    let order: Vec<usize> = page.reference_order().collect();
    for (i, text, hash) in messages {
        let seg = &page.segments[*i];
        let block = message_text(seg, text, hash);
        if let Some(entry) = file.get(&seg.id) {
            edits.push(Edit {
                range: entry.range.clone(),
                rank: 1,
                text: block,
            });
        } else if let Some(t) = templates.iter().find(|t| t.id == seg.id) {
            edits.push(Edit {
                range: t.range.clone(),
                rank: 1,
                text: block,
            });
        } else {
            // After the nearest message or template before it in reference order.
            let at = order.iter().position(|o| o == i).unwrap_or(0);
            let pos = order[..at]
                .iter()
                .rev()
                .find_map(|o| {
                    let id = &page.segments[*o].id;
                    file.get(id)
                        .map(|e| e.range.end)
                        .or_else(|| templates.iter().find(|t| t.id == *id).map(|t| t.range.end))
                })
                .unwrap_or(base.len());
            edits.push(Edit {
                range: pos..pos,
                rank: 0,
                text: insertion(base, pos, &[block]),
            });
        }
    }
    let text = apply_edits(base, edits);
    finish_like_sync(page, &text)
}

fn finish_like_sync(page: &Page, text: &str) -> String {
    let file = FtlFile::parse(
        PathBuf::from("import.ftl"),
        text.to_string(),
        crate::source::TextStyle::NEW,
    );
    match super::sync::sync_page_file(page, &file) {
        Some(update) => update.text,
        None => text.to_string(),
    }
}

/// Totals over the pages.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Totals {
    pub imported: usize,
    pub kept: usize,
    pub untranslated: usize,
    pub not_placed: usize,
    pub findings: usize,
}

impl Plan {
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for p in &self.pages {
            t.imported += p.imported.len();
            t.kept += p.kept.len();
            t.untranslated += p.untranslated.len();
            t.not_placed += p.not_placed.len();
            t.findings += p.findings.len();
        }
        t
    }

    pub fn json(&self, dry_run: bool) -> String {
        let value = serde_json::json!({
            "locale": self.locale,
            "dry_run": dry_run,
            "created_locale": self.created_locale,
            "totals": self.totals(),
            "pages": self.pages,
            "pages_without_file": self.pages_without_file,
            "files_without_page": self.files_without_page,
            "files": self.files,
        });
        let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn human(&self, dry_run: bool) -> String {
        let mut out = String::new();
        let would = if dry_run { "would " } else { "" };
        if self.created_locale {
            let _ = writeln!(
                out,
                "{would}create the locale {} (as new-locale does)",
                self.locale
            );
        }
        for p in &self.pages {
            if let Some(problem) = &p.problem {
                let _ = writeln!(out, "{}: {problem}", p.page);
                continue;
            }
            let _ = writeln!(
                out,
                "{} ({}): {} imported, {} left untranslated, {} not placed, {} lint finding{}{}",
                p.page,
                p.file,
                p.imported.len(),
                p.untranslated.len(),
                p.not_placed.len(),
                p.findings.len(),
                if p.findings.len() == 1 { "" } else { "s" },
                if p.kept.is_empty() {
                    String::new()
                } else {
                    format!(", {} existing kept (--force replaces them)", p.kept.len())
                }
            );
            if let Some(commit) = &p.aligned_with {
                let short: String = commit.chars().take(10).collect();
                let _ = writeln!(
                    out,
                    "  aligned with the page as of commit {short} (when the translation was last changed); passages changed since are marked outdated"
                );
            }
            for n in &p.not_placed {
                let _ = writeln!(
                    out,
                    "  not placed: line {}: “{}” — {}",
                    n.line, n.first_words, n.reason
                );
            }
            if !p.untranslated.is_empty() {
                let _ = writeln!(out, "  untranslated: {}", p.untranslated.join(", "));
            }
            for f in &p.findings {
                let at = match f.line {
                    Some(line) => format!("line {line}"),
                    None => format!("{}:{}", p.written.as_deref().unwrap_or(&p.file), f.ftl_line),
                };
                let _ = writeln!(
                    out,
                    "  lint: {at}: {} [{}]{}",
                    f.message,
                    f.rule,
                    if f.imported && f.refused {
                        " — imported; the build shows the source text until it is fixed"
                    } else {
                        ""
                    }
                );
            }
        }
        for slug in &self.pages_without_file {
            let _ = writeln!(out, "{slug}: no translated file");
        }
        for f in &self.files_without_page {
            let _ = writeln!(out, "{f}: no page content/… has this path; not imported");
        }
        for f in &self.files {
            let _ = writeln!(
                out,
                "{would}{} {}",
                if f.created { "create" } else { "update" },
                f.path
            );
        }
        let t = self.totals();
        let _ = writeln!(
            out,
            "total: {} imported, {} left untranslated, {} not placed, {} lint findings{}",
            t.imported,
            t.untranslated,
            t.not_placed,
            t.findings,
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_blocks_join_by_script() {
        assert_eq!(join_split("北朝鮮。", "人権"), "北朝鮮。人権");
        assert_eq!(join_split("Un.", "Deux."), "Un. Deux.");
    }

    #[test]
    fn sentence_ends() {
        let t = "Un. Deux ? Trois";
        assert_eq!(sentence_cuts(t), vec![3, 10]);
        assert_eq!(sentence_cuts("北朝鮮。人権。"), vec!["北朝鮮。".len()]);
        // A dotted abbreviation ends no sentence (`script::sentence_ends`).
        assert!(sentence_cuts("U.S. policy. ").is_empty());
    }

    #[test]
    fn first_words_are_short() {
        assert_eq!(first_words("a  b\nc"), "a b c");
        assert!(first_words(&"x".repeat(100)).ends_with('…'));
    }
}
