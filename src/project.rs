//! The project model: a site loaded once — configuration, locales and their `.ftl`
//! files, and every page read and parsed by the one Markdown function — plus every
//! problem met on the way. Loaded eagerly (the translator's tools, serve) it keeps every
//! page's model; loaded lazily (build, lint, status) it keeps a small [`PageEntry`] and
//! the heading anchors of each page, and [`Project::page`] builds a page's model again
//! inside the task that renders it, so memory holds the pages in flight, not the site.

use crate::checks::links::SiteIndex;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::error::{Error, Result};
use crate::frontmatter::{self, PageMeta};
use crate::ftl::{self, FtlFile};
use crate::ids::{self, NewSegment, OldEntry};
use crate::locale::{Locale, LocaleId};
use crate::markdown::{self, Document, Inline, SegmentKind};
pub use crate::page::{Page, PageEntry, PageId, ReferenceEntry, Segment};
use crate::source::{LineIndex, TextFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub const CONTENT_DIR: &str = "content";
pub const LOCALES_DIR: &str = "locales";
pub const SITE_FILE: &str = "site.ftl";

/// The layout's messages, which every locale's `site.ftl` translates.
pub const LAYOUT_MESSAGES: &[&str] = &[
    "language-name",
    "site-name",
    "site-tagline",
    "seal-alt",
    "skip-link",
    "language-menu-label",
    "language-partial",
    "language-chooser-heading",
    "language-chooser-intro",
    "page-list-heading",
    "text-edition-link",
    "html-edition-link",
    "fallback-notice",
    "untranslated-marker",
    "links-heading",
    "notes-heading",
    "image-label",
    "image-text",
    "other-editions-heading",
    "footnote-backlink",
    "footer-text",
];

/// The variables the layout passes to one of its messages (`resolve::Layout`): `$count`
/// to `fallback-notice`, `$label` and `$description` to `image-text`, none to the rest.
pub fn layout_variables(id: &str) -> &'static [&'static str] {
    match id {
        "fallback-notice" => &["count"],
        "image-text" => &["label", "description"],
        _ => &[],
    }
}

/// Layout strings used when the source locale has no `site.ftl` (or lacks a message).
pub const DEFAULT_SITE_FTL: &str = include_str!("assets/default-site.ftl");

/// One locale's files.
#[derive(Debug)]
pub struct LocaleFiles {
    pub locale: Locale,
    /// `locales/<dir name>` as found on disk.
    pub dir: String,
    pub site: Option<FtlFile>,
    /// Page files by slug (read when the project was loaded).
    pub pages: BTreeMap<String, FtlFile>,
    /// `.ftl` files that belong to no page.
    pub orphans: Vec<FtlFile>,
    /// Page files found but not read yet (a project loaded lazily): read by
    /// [`Project::page_file`] when a consumer needs them, and dropped after.
    /// (Slugs only: the file is `<root>/<dir>/<slug>.ftl`, and a large site has many.)
    deferred: BTreeSet<String>,
    deferred_orphans: Vec<(String, PathBuf)>,
}

impl LocaleFiles {
    fn empty(locale: Locale) -> Self {
        LocaleFiles {
            dir: format!("{LOCALES_DIR}/{}", locale.tag),
            locale,
            site: None,
            pages: BTreeMap::new(),
            orphans: Vec::new(),
            deferred: BTreeSet::new(),
            deferred_orphans: Vec::new(),
        }
    }

    /// Where the page's file for this locale is, or would be.
    pub fn page_path(&self, slug: &str) -> String {
        format!("{}/{slug}.ftl", self.dir)
    }

    pub fn site_path(&self) -> String {
        format!("{}/{SITE_FILE}", self.dir)
    }

    /// The files read so far (every file, unless the project was loaded lazily).
    pub fn files(&self) -> impl Iterator<Item = &FtlFile> {
        self.site
            .iter()
            .chain(self.pages.values())
            .chain(self.orphans.iter())
    }
}

/// Something of the model: borrowed from the project, or read or built just now for
/// one consumer (a lazily loaded project's translation files and page models).
pub enum Held<'a, T> {
    Loaded(&'a T),
    Built(Box<T>),
}

impl<T> std::ops::Deref for Held<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self {
            Held::Loaded(x) => x,
            Held::Built(x) => x,
        }
    }
}

/// A locale's file.
pub type FileRef<'a> = Held<'a, FtlFile>;

/// A page's model.
pub type PageRef<'a> = Held<'a, Page>;

/// Whether `load` reads every locale's page files, or leaves them for the consumers
/// that walk the site locale by locale (the build and lint), so memory holds the
/// content and the source locale but not every translation at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    Eager,
    Lazy,
}

/// The loaded site.
#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    /// Every page, sorted by slug: what the run keeps of each ([`Project::page`] gives
    /// its model).
    pub pages: Vec<PageEntry>,
    /// Every page's model, in the order of `pages`, when loaded eagerly; empty when
    /// loaded lazily, where each page task builds the model it needs and drops it.
    models: Vec<Page>,
    /// Where links may lead: every page's heading anchors, and the files beside the pages.
    link_index: SiteIndex,
    /// Message ids a page may not take (the layout's, and every id of the source's `site.ftl`).
    reserved: HashSet<String>,
    /// Sorted by tag; includes the source locale.
    pub locales: Vec<LocaleFiles>,
    /// The source locale.
    pub source: LocaleId,
    /// Problems met while loading (unreadable files, bad names, front matter …).
    pub problems: Vec<Diagnostic>,
    /// Content files that could not be loaded: a build must not publish without them.
    pub failed_content: usize,
    /// The layout's default strings (used where the source locale lacks one).
    pub default_site: FtlFile,
}

impl Project {
    pub fn source_locale(&self) -> &LocaleFiles {
        self.locale(self.source)
    }

    /// A locale's files.
    pub fn locale(&self, id: LocaleId) -> &LocaleFiles {
        &self.locales[id.index()]
    }

    /// Every locale, in the order of `locales`.
    pub fn locale_ids(&self) -> impl DoubleEndedIterator<Item = LocaleId> + Clone + use<> {
        (0..self.locales.len()).map(LocaleId::from_index)
    }

    /// What the run keeps of a page.
    pub fn entry(&self, id: PageId) -> &PageEntry {
        &self.pages[id.index()]
    }

    /// Every page, in the order of `pages`.
    pub fn page_ids(&self) -> impl DoubleEndedIterator<Item = PageId> + Clone + use<> {
        (0..self.pages.len()).map(PageId::from_index)
    }

    /// Every page, in the order of `pages`, for a parallel task per page.
    pub fn par_page_ids(&self) -> impl IndexedParallelIterator<Item = PageId> + use<> {
        (0..self.pages.len())
            .into_par_iter()
            .map(PageId::from_index)
    }

    /// The locales named by `tags` (any spelling of a tag), sorted and without
    /// repeats; an unknown or invalid tag is a usage error naming the locales.
    pub fn locale_indices(&self, tags: &[String]) -> Result<Vec<LocaleId>> {
        let mut out = Vec::new();
        for tag in tags {
            let locale = Locale::parse(tag).map_err(|e| Error::Usage(format!("--locale: {e}")))?;
            match self.locale_index(&locale.tag) {
                Some(i) => out.push(i),
                None => {
                    let known: Vec<&str> =
                        self.locales.iter().map(|l| l.locale.tag.as_str()).collect();
                    return Err(Error::Usage(format!(
                        "--locale {tag}: there is no {LOCALES_DIR}/{} directory; the locales are {}",
                        locale.tag,
                        known.join(", ")
                    )));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// `locales` when some are named, else every locale but the source (the editions a
    /// translator works on).
    pub fn translated_locales(&self, locales: &[LocaleId]) -> Vec<LocaleId> {
        if locales.is_empty() {
            self.locale_ids().filter(|&l| l != self.source).collect()
        } else {
            locales.to_vec()
        }
    }

    pub fn locale_index(&self, tag: &str) -> Option<LocaleId> {
        self.locales
            .iter()
            .position(|l| l.locale.tag == tag)
            .map(LocaleId::from_index)
    }

    /// The reference file of a page (in the source locale).
    /// The reference file of a page (read now if the project was loaded lazily).
    pub fn reference(&self, page: &Page) -> Option<FileRef<'_>> {
        self.page_file(self.source, &page.slug).0
    }

    /// A locale's file for a page, and what reading it found (I/O errors, invalid
    /// UTF-8, a byte-order mark), which the caller reports: read now when the project
    /// was loaded lazily, borrowed otherwise.
    pub fn page_file(
        &self,
        locale: LocaleId,
        slug: &str,
    ) -> (Option<FileRef<'_>>, Vec<Diagnostic>) {
        let lf = self.locale(locale);
        if let Some(file) = lf.pages.get(slug) {
            return (Some(Held::Loaded(file)), Vec::new());
        }
        if !lf.deferred.contains(slug) {
            return (None, Vec::new());
        }
        let path = self.root.join(lf.page_path(slug));
        let mut problems = Vec::new();
        let file =
            read_ftl(&path, &lf.page_path(slug), &mut problems).map(|f| Held::Built(Box::new(f)));
        for d in &mut problems {
            d.locale.get_or_insert_with(|| lf.locale.tag.clone());
        }
        (file, problems)
    }

    /// Every page's model, in the order of [`Project::pages`]. Only a project loaded
    /// eagerly has them all (the translator's tools, serve, the tests); the build, lint
    /// and status ask [`Project::page`] for one page at a time.
    pub fn models(&self) -> &[Page] {
        assert!(
            self.models.len() == self.pages.len(),
            "Project::models on a project loaded lazily: use Project::page"
        );
        &self.models
    }

    /// The load's problems and, for a project loaded eagerly, what the checks of each
    /// page's content found (a lazily loaded project's pages are checked in their tasks
    /// and the page renderer reports it).
    pub fn problems_and_findings(&self) -> Vec<Diagnostic> {
        let mut out = self.problems.clone();
        out.extend(self.models.iter().flat_map(|m| m.findings.iter().cloned()));
        out
    }

    /// The model of page `p`. Loaded lazily, the page is read and parsed again and its
    /// ids assigned against `reference` (its reference file, which the caller has read
    /// for its own use); what cannot be read comes back as diagnostics.
    pub fn page(
        &self,
        p: PageId,
        reference: Option<&FtlFile>,
    ) -> std::result::Result<PageRef<'_>, Vec<Diagnostic>> {
        if let Some(model) = self.models.get(p.index()) {
            return Ok(Held::Loaded(model));
        }
        let entry = self.entry(p);
        let mut problems = Vec::new();
        let Some(file) = read_text(
            &self.root.join(&entry.rel_path),
            &entry.rel_path,
            &mut problems,
        ) else {
            for d in &mut problems {
                d.locale = Some(self.config.source_locale.tag.clone());
            }
            return Err(problems);
        };
        // The front matter's problems were reported when the site was loaded.
        let (raw, _) = parse_page(entry.slug.clone(), entry.rel_path.clone(), file);
        Ok(Held::Built(Box::new(raw.into_page(
            reference,
            &self.reserved,
            &self.link_index,
            &self.config.source_locale.tag,
        ))))
    }

    /// Paths (relative to the root) of a locale's files that belong to no page.
    pub fn orphan_paths(&self, locale: LocaleId) -> Vec<String> {
        let lf = self.locale(locale);
        let mut out: Vec<String> = lf
            .orphans
            .iter()
            .map(|o| o.rel_path.to_string_lossy().replace('\\', "/"))
            .chain(
                lf.deferred_orphans
                    .iter()
                    .map(|(rel, _)| format!("{}/{rel}", lf.dir)),
            )
            .collect();
        out.sort();
        out
    }

    /// A locale's files that belong to no page (read now if deferred), with what reading found.
    pub fn orphan_files(&self, locale: LocaleId) -> (Vec<FileRef<'_>>, Vec<Diagnostic>) {
        let lf = self.locale(locale);
        let mut files: Vec<FileRef> = lf.orphans.iter().map(Held::Loaded).collect();
        let mut problems = Vec::new();
        for (rel, path) in &lf.deferred_orphans {
            if let Some(f) = read_ftl(path, &format!("{}/{rel}", lf.dir), &mut problems) {
                files.push(Held::Built(Box::new(f)));
            }
        }
        for d in &mut problems {
            d.locale.get_or_insert_with(|| lf.locale.tag.clone());
        }
        (files, problems)
    }

    /// Loads the site at `root`, every file read.
    pub fn load(root: &Path) -> Result<Project> {
        Project::load_with(root, Loading::Eager)
    }

    /// Loads the site at `root` but leaves the translations' page files to be read by
    /// [`Project::page_file`] when needed (the build and lint).
    pub fn load_lazily(root: &Path) -> Result<Project> {
        Project::load_with(root, Loading::Lazy)
    }

    pub fn load_with(root: &Path, loading: Loading) -> Result<Project> {
        let config = Config::load(root)?;
        let content_dir = root.join(CONTENT_DIR);
        let locales_dir = root.join(LOCALES_DIR);
        let missing: Vec<&str> = [(CONTENT_DIR, &content_dir), (LOCALES_DIR, &locales_dir)]
            .into_iter()
            .filter(|(_, p)| !p.is_dir())
            .map(|(name, _)| name)
            .collect();
        if !missing.is_empty() {
            return Err(Error::Usage(format!(
                "{}: no {} director{} here; run fluentpress in a site's root directory or pass --root",
                root.display(),
                missing
                    .iter()
                    .map(|m| format!("`{m}/`"))
                    .collect::<Vec<_>>()
                    .join(" or "),
                if missing.len() == 1 { "y" } else { "ies" }
            )));
        }
        let mut problems = Vec::new();

        // Content.
        let mut files = Vec::new();
        walk(&content_dir, "md", &mut files, &mut problems, CONTENT_DIR);
        let mut failed_content = problems.len();
        let mut seen_folded: HashMap<String, String> = HashMap::new();
        let mut accepted = Vec::new();
        for (rel, path) in files {
            let slug = rel.trim_end_matches(".md").to_string();
            let rel_path = format!("{CONTENT_DIR}/{rel}");
            if let Some(reason) = slug_problem(&slug) {
                problems.push(Diagnostic::new(
                    Rule::PathProblem,
                    &rel_path,
                    (1, 1),
                    reason,
                ));
                failed_content += 1;
                continue;
            }
            let folded = slug.to_lowercase();
            if let Some(other) = seen_folded.get(&folded) {
                problems.push(
                    Diagnostic::new(
                        Rule::PathProblem,
                        &rel_path,
                        (1, 1),
                        format!("`{rel_path}` and `{other}` differ only in letter case; on many systems they would be the same file"),
                    )
                    .help("rename one of them"),
                );
                failed_content += 1;
                continue;
            }
            seen_folded.insert(folded, rel_path.clone());
            accepted.push((slug, rel_path, path));
        }
        if accepted.is_empty() && failed_content == 0 {
            return Err(Error::Usage(format!(
                "{}: `content/` has no Markdown pages (*.md): nothing to publish",
                root.display()
            )));
        }
        // Each page is read and parsed in its own task. A lazy load keeps only what
        // crosses pages (the entry and the heading anchors); the page tasks of the
        // command build the model again, one page at a time.
        let loaded: Vec<(Option<LoadedPage>, Vec<Diagnostic>)> = accepted
            .into_par_iter()
            .map(|(slug, rel_path, path)| {
                let (raw, problems) = load_page(slug, rel_path, &path);
                (raw.map(|raw| LoadedPage::new(raw, loading)), problems)
            })
            .collect();
        let mut pages = Vec::new();
        for (page, mut found) in loaded {
            match page {
                // A draft is not published: not extracted, built or checked.
                Some(page) if page.draft => continue,
                Some(page) => pages.push(page),
                None => failed_content += 1,
            }
            problems.append(&mut found);
        }

        // Locales.
        let slugs: HashSet<&str> = pages.iter().map(|p| p.entry.slug.as_str()).collect();
        let locales = load_locales(&locales_dir, &slugs, &mut problems, loading);
        Ok(Project::finish(
            root,
            config,
            pages,
            locales,
            problems,
            failed_content,
            content_files(&content_dir),
        ))
    }

    /// The model from what was read: ensures the source locale, assigns message ids.
    fn finish(
        root: &Path,
        config: Config,
        mut loaded: Vec<LoadedPage>,
        mut locales: Vec<LocaleFiles>,
        mut problems: Vec<Diagnostic>,
        failed_content: usize,
        content_files: Option<HashSet<String>>,
    ) -> Project {
        let source = match locales
            .iter()
            .position(|l| l.locale == config.source_locale)
        {
            Some(i) => i,
            None => {
                locales.push(LocaleFiles::empty(config.source_locale.clone()));
                locales.sort_by(|a, b| a.locale.tag.cmp(&b.locale.tag));
                locales
                    .iter()
                    .position(|l| l.locale == config.source_locale)
                    .expect("just added")
            }
        };
        let default_site = FtlFile::parse(
            PathBuf::from("(built-in default site.ftl)"),
            DEFAULT_SITE_FTL.to_string(),
            false,
        );

        // Message ids, matched against the reference files.
        let mut reserved: HashSet<String> = LAYOUT_MESSAGES.iter().map(|s| s.to_string()).collect();
        if let Some(site) = &locales[source].site {
            reserved.extend(site.entries.iter().map(|e| e.id.clone()));
        }
        loaded.sort_by(|a, b| a.entry.slug.cmp(&b.entry.slug));
        let link_index = SiteIndex {
            anchors: loaded
                .iter_mut()
                .map(|p| (p.entry.slug.clone(), std::mem::take(&mut p.anchors)))
                .collect(),
            files: content_files,
        };
        let (pages, raw): (Vec<PageEntry>, Vec<Option<RawPage>>) =
            loaded.into_iter().map(|p| (p.entry, p.raw)).unzip();
        // Loaded eagerly, every page's model is built now against its reference file
        // (every file was read); lazily, `Project::page` builds each when it is needed.
        let source_files = &locales[source];
        let models: Vec<Page> = raw
            .into_par_iter()
            .flatten()
            .map(|raw| {
                let reference = source_files.pages.get(&raw.slug);
                raw.into_page(reference, &reserved, &link_index, &config.source_locale.tag)
            })
            .collect();
        // Problems of content files concern the source locale.
        for d in problems
            .iter_mut()
            .filter(|d| d.file.starts_with(CONTENT_DIR) && d.locale.is_none())
        {
            d.locale = Some(config.source_locale.tag.clone());
        }
        Project {
            root: root.to_path_buf(),
            config,
            pages,
            models,
            link_index,
            reserved,
            locales,
            source: LocaleId::from_index(source),
            problems,
            failed_content,
            default_site,
        }
    }

    /// A project from text held in memory (property tests, the fuzzer): pages as
    /// (slug, Markdown), locales as (tag, [(file name, Fluent text)]).
    pub fn in_memory(
        config: Config,
        pages: &[(&str, &str)],
        locales: &[(&str, &[(&str, &str)])],
    ) -> Project {
        let mut problems = Vec::new();
        let raw_pages: Vec<LoadedPage> = pages
            .iter()
            .map(|(slug, text)| {
                let rel_path = format!("{CONTENT_DIR}/{slug}.md");
                let file = TextFile::decode(text.as_bytes().to_vec()).expect("a &str is UTF-8");
                let (page, mut found) = parse_page(slug.to_string(), rel_path, file);
                if !page.draft {
                    problems.append(&mut found);
                }
                LoadedPage::new(page, Loading::Eager)
            })
            .filter(|page| !page.draft)
            .collect();
        let slugs: HashSet<&str> = raw_pages.iter().map(|p| p.entry.slug.as_str()).collect();
        let locale_files = locales
            .iter()
            .filter_map(|(tag, files)| {
                let locale = Locale::parse(tag).ok()?;
                let shown = format!("{LOCALES_DIR}/{}", locale.tag);
                let parsed = files
                    .iter()
                    .map(|(rel, text)| {
                        let file =
                            TextFile::decode(text.as_bytes().to_vec()).expect("a &str is UTF-8");
                        (
                            rel.to_string(),
                            FtlFile::parse(
                                PathBuf::from(format!("{shown}/{rel}")),
                                file.text,
                                file.had_bom,
                            ),
                        )
                    })
                    .collect();
                Some(assemble_locale(locale, shown, parsed, &slugs))
            })
            .collect();
        Project::finish(
            Path::new("."),
            config,
            raw_pages,
            locale_files,
            problems,
            0,
            None,
        )
    }
}

/// Why a slug cannot be published, if it cannot.
fn slug_problem(slug: &str) -> Option<String> {
    if slug == "index" {
        return Some("`index` is a reserved page name: each edition's `index.html` is its list of pages; rename the file (e.g. `content/home.md`)".into());
    }
    for part in slug.split('/') {
        if part.is_empty() || part.starts_with('.') {
            return Some(format!(
                "the page path `{slug}` has an empty or hidden part"
            ));
        }
        if let Some(c) = part
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            return Some(format!(
                "the page path `{slug}` contains {c:?}; page names may use letters, digits, `-`, `_` and `.` so their URLs work everywhere"
            ));
        }
    }
    None
}

/// The files with extension `ext` below `base` (relative path, full path), sorted;
/// unreadable directories and symbolic links to pages or directories become problems.
fn walk(
    base: &Path,
    ext: &str,
    out: &mut Vec<(String, PathBuf)>,
    problems: &mut Vec<Diagnostic>,
    shown: &str,
) {
    let shown_at = |rel: &str| {
        if rel.is_empty() {
            shown.to_string()
        } else {
            format!("{shown}/{rel}")
        }
    };
    for entry in crate::fsutil::walk(base) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| crate::fsutil::rel_path(base, p))
                    .unwrap_or_default();
                let message = match e.io_error() {
                    Some(io) => format!("cannot read the directory: {io}"),
                    None => format!("cannot read the directory: {e}"),
                };
                problems.push(Diagnostic::new(
                    Rule::IoError,
                    shown_at(&rel),
                    (1, 1),
                    message,
                ));
                continue;
            }
        };
        let path = entry.path();
        let rel = crate::fsutil::rel_path(base, path);
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            if ext == "md" || path.is_dir() {
                problems.push(
                    Diagnostic::new(
                        Rule::PathProblem,
                        shown_at(&rel),
                        (1, 1),
                        "symbolic links are not followed: the page could be outside `content/`",
                    )
                    .help("copy the file into `content/` instead"),
                );
                continue;
            }
        } else if file_type.is_dir() {
            continue;
        }
        if path.extension().is_some_and(|e| e == ext) {
            out.push((rel, path.to_path_buf()));
        }
    }
}

/// A string of the front matter and where its value is in the page source.
type TextSpan = (String, Range<usize>);

/// A page read and parsed, before ids are assigned.
struct RawPage {
    slug: String,
    rel_path: String,
    source: String,
    lines: LineIndex,
    doc: Document,
    title: (String, Range<usize>),
    description: (String, Range<usize>),
    weight: i64,
    draft: bool,
}

/// A page as the load keeps it until the site is assembled: what crosses pages, plus
/// the parse itself when loading eagerly.
struct LoadedPage {
    entry: PageEntry,
    anchors: HashSet<String>,
    draft: bool,
    raw: Option<RawPage>,
}

impl LoadedPage {
    fn new(raw: RawPage, loading: Loading) -> LoadedPage {
        LoadedPage {
            entry: PageEntry {
                slug: raw.slug.clone(),
                rel_path: raw.rel_path.clone(),
                weight: raw.weight,
                title: raw.title.0.clone(),
            },
            anchors: crate::checks::links::anchors(&raw.doc),
            draft: raw.draft,
            raw: (loading == Loading::Eager).then_some(raw),
        }
    }
}

/// Reads a text file; what goes wrong becomes a diagnostic in `problems`.
fn read_text(path: &Path, rel_path: &str, problems: &mut Vec<Diagnostic>) -> Option<TextFile> {
    match TextFile::read(path) {
        Err(e) => {
            problems.push(Diagnostic::new(
                Rule::IoError,
                rel_path,
                (1, 1),
                format!("cannot read the file: {e}"),
            ));
            None
        }
        Ok(Err(bad)) => {
            problems.push(
                Diagnostic::new(
                    Rule::InvalidUtf8,
                    rel_path,
                    (bad.line, bad.column),
                    "the file is not valid UTF-8",
                )
                .help("save the file with UTF-8 encoding"),
            );
            None
        }
        Ok(Ok(file)) => {
            if file.had_bom {
                problems.push(Diagnostic::new(
                    Rule::ByteOrderMark,
                    rel_path,
                    (1, 1),
                    "the file starts with a byte-order mark (ignored)",
                ));
            }
            Some(file)
        }
    }
}

fn load_page(slug: String, rel_path: String, path: &Path) -> (Option<RawPage>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some(file) = read_text(path, &rel_path, &mut problems) else {
        return (None, problems);
    };
    let (page, mut found) = parse_page(slug, rel_path, file);
    problems.append(&mut found);
    (Some(page), problems)
}

/// Parses a page's text (front matter problems become diagnostics).
fn parse_page(slug: String, rel_path: String, file: TextFile) -> (RawPage, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let source = file.text;
    let lines = LineIndex::new(&source);
    let doc = markdown::parse_page(&source);
    let meta = front_matter(&doc, &source, &lines, &rel_path, &mut problems);
    (
        RawPage {
            slug,
            rel_path,
            source,
            lines,
            doc,
            title: meta.title,
            description: meta.description,
            weight: meta.weight,
            draft: meta.draft,
        },
        problems,
    )
}

/// Reads the front matter (`frontmatter::read_page_meta`); problems become diagnostics
/// and the page still loads, called by its first heading (or its file name) when the
/// front matter gives no title.
fn front_matter(
    doc: &Document,
    source: &str,
    lines: &LineIndex,
    rel_path: &str,
    problems: &mut Vec<Diagnostic>,
) -> PageMeta {
    let first_heading = doc.blocks.iter().find_map(|b| match b {
        markdown::Block::Heading { segment, .. } => Some(&doc.segments[*segment]),
        _ => None,
    });
    let fallback_title: TextSpan = first_heading
        .map(|s| (markdown::plain_text(&s.inlines), s.span.clone()))
        .unwrap_or_else(|| {
            (
                rel_path
                    .rsplit('/')
                    .next()
                    .unwrap_or(rel_path)
                    .trim_end_matches(".md")
                    .to_string(),
                0..0,
            )
        });
    let block = doc
        .front_matter
        .as_ref()
        .map(|(text, offset)| frontmatter::Block {
            format: if doc.front_matter_yaml {
                frontmatter::Format::Yaml
            } else {
                frontmatter::Format::Toml
            },
            text,
            offset: *offset,
        });
    let (meta, mut found) =
        frontmatter::read_page_meta(block, source, lines, rel_path, fallback_title);
    problems.append(&mut found);
    meta
}

impl RawPage {
    /// The page with its message ids and the findings of the checks of its content
    /// (made now: the page's text is not kept), which concern `source_tag`.
    fn into_page(
        self,
        reference: Option<&FtlFile>,
        reserved: &HashSet<String>,
        link_index: &SiteIndex,
        source_tag: &str,
    ) -> Page {
        let RawPage {
            slug,
            rel_path,
            source,
            lines,
            mut doc,
            title,
            description,
            weight,
            draft: _,
        } = self;
        let plain =
            |kind: SegmentKind, (text, span): (String, Range<usize>)| markdown::RawSegment {
                kind,
                inlines: vec![Inline {
                    kind: markdown::InlineKind::Text(text.clone()),
                    span: span.clone(),
                }],
                text,
                span,
                section: String::new(),
            };
        // The segments move from the document into the page (not copied: a site's
        // text is held once).
        let mut raw: Vec<markdown::RawSegment> = std::mem::take(&mut doc.segments);
        let body_segments = raw.len();
        raw.push(plain(SegmentKind::Title, title));
        raw.push(plain(SegmentKind::Description, description));
        let title_segment = raw.len() - 2;
        let description_segment = raw.len() - 1;
        let order: Vec<usize> = [title_segment, description_segment]
            .into_iter()
            .chain(0..body_segments)
            .collect();
        let new: Vec<NewSegment> = order
            .iter()
            .map(|&i| NewSegment {
                kind: raw[i].kind,
                text: &raw[i].text,
                section: &raw[i].section,
            })
            .collect();
        let old: Vec<(String, String, Option<SegmentKind>)> = reference
            .map(|file| {
                file.entries
                    .iter()
                    .filter(|e| !e.is_term)
                    .filter_map(|e| {
                        file.simple_value(&e.id)
                            .map(|text| (e.id.clone(), text, e.meta.kind))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let old_entries: Vec<OldEntry> = old
            .iter()
            .map(|(id, text, kind)| OldEntry {
                id,
                text,
                kind: *kind,
            })
            .collect();
        let assigned = ids::assign(&new, &old_entries, reserved);
        let mut id_of = vec![String::new(); raw.len()];
        for (&i, id) in order.iter().zip(assigned) {
            id_of[i] = id;
        }
        let segments: Vec<Segment> = raw
            .into_iter()
            .zip(id_of)
            .map(|(r, id)| (markdown::plain_text(&r.inlines), r, id))
            .map(|(plain, r, id)| Segment {
                hash: ftl::source_hash(&r.text),
                needs_translation: markdown::has_words(&plain),
                numbers: crate::checks::translation::numbers(&plain),
                reference: reference.and_then(|f| {
                    f.get(&id).map(|e| ReferenceEntry {
                        offset: e.offset,
                        at: f.line_col(e.offset),
                        history: e.meta.history.clone(),
                    })
                }),
                id,
                kind: r.kind,
                text: r.text,
                inlines: r.inlines,
                at: lines.line_col(&source, r.span.start),
                span: r.span,
            })
            .collect();
        let by_id = segments
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut page = Page {
            slug,
            rel_path,
            weight,
            doc,
            segments,
            title_segment,
            description_segment,
            by_id,
            reference_digest: reference.map(|f| crate::ftl::reference_digest(f.source())),
            broken_links: Vec::new(),
            findings: Vec::new(),
        };
        page.broken_links = crate::checks::links::broken_targets(&page, link_index);
        page.findings = crate::checks::content::content_checks(&page, &source, &lines);
        for d in &mut page.findings {
            d.locale.get_or_insert_with(|| source_tag.to_string());
        }
        page
    }
}

/// The files in `content/` that are not pages, as `/`-separated paths under it (what
/// the build publishes under `files/`); `None` when the folder cannot be read.
fn content_files(dir: &Path) -> Option<HashSet<String>> {
    std::fs::read_dir(dir).ok()?;
    Some(
        crate::fsutil::walk(dir)
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_type().is_file() && !e.file_name().to_string_lossy().ends_with(".md")
            })
            .map(|e| crate::fsutil::rel_path(dir, e.path()))
            .collect(),
    )
}

/// Reads and parses a Fluent file; what goes wrong becomes a diagnostic in `problems`.
fn read_ftl(path: &Path, rel_path: &str, problems: &mut Vec<Diagnostic>) -> Option<FtlFile> {
    let file = read_text(path, rel_path, problems)
        .map(|text| FtlFile::parse(PathBuf::from(rel_path), text.text, text.had_bom))?;
    // A file nested too deep to parse is not read at all: a problem of reading it, like
    // invalid UTF-8, which every command that reads the file reports.
    if file.is_refused() {
        for e in &file.syntax_errors {
            problems.push(
                Diagnostic::new(
                    Rule::SyntaxError,
                    rel_path,
                    file.line_col(e.offset),
                    format!("Fluent syntax error: {}", e.message),
                )
                .span(e.offset..e.offset + 1)
                .help(format!(
                    "no translation needs placeables (`{{ … }}`) or calls nested more than {} deep; remove the extra braces",
                    crate::ftl::MAX_NESTING
                )),
            );
        }
    }
    Some(file)
}

fn load_locales(
    dir: &Path,
    slugs: &HashSet<&str>,
    problems: &mut Vec<Diagnostic>,
    loading: Loading,
) -> Vec<LocaleFiles> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Diagnostic::new(
                Rule::IoError,
                LOCALES_DIR,
                (1, 1),
                format!("cannot read the directory: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    dirs.sort();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut chosen = Vec::new();
    for (name, path) in dirs {
        let shown = format!("{LOCALES_DIR}/{name}");
        match Locale::parse(&name) {
            Err(e) => problems.push(
                Diagnostic::new(
                    Rule::InvalidLocale,
                    &shown,
                    (1, 1),
                    format!("{e}; the directory is skipped"),
                )
                .help(match Locale::parse(&name.replace('_', "-")) {
                    Ok(l) if name.contains('_') => {
                        format!("rename it to `{LOCALES_DIR}/{}`", l.tag)
                    }
                    _ => {
                        "name locale directories with BCP 47 tags such as `ko`, `zh-Hans`, `pt-BR`"
                            .into()
                    }
                }),
            ),
            Ok(locale) => {
                if let Some(first) = seen.get(&locale.tag) {
                    problems.push(
                        Diagnostic::new(
                            Rule::DuplicateLocale,
                            &shown,
                            (1, 1),
                            format!("`{shown}` and `{first}` are the same locale ({}); only `{first}` is used", locale.tag),
                        )
                        .locale(&locale.tag)
                        .help("merge the two directories into one"),
                    );
                    continue;
                }
                seen.insert(locale.tag.clone(), shown.clone());
                chosen.push((locale, shown, path));
            }
        }
    }
    let loaded: Vec<(LocaleFiles, Vec<Diagnostic>)> = chosen
        .into_par_iter()
        .map(|(locale, shown, path)| {
            let mut found = Vec::new();
            let mut files = Vec::new();
            walk(&path, "ftl", &mut files, &mut found, &shown);
            // Every site.ftl is always read; page files only when loading eagerly (the
            // source locale's reference files are read page by page to assign ids).
            let (read_now, later): (Vec<_>, Vec<_>) = files
                .into_iter()
                .partition(|(rel, _)| loading == Loading::Eager || rel == SITE_FILE);
            let parsed: Vec<(String, Option<FtlFile>, Vec<Diagnostic>)> = read_now
                .into_par_iter()
                .map(|(rel, full)| {
                    let mut warnings = Vec::new();
                    let file = read_ftl(&full, &format!("{shown}/{rel}"), &mut warnings);
                    (rel, file, warnings)
                })
                .collect();
            let mut ok = Vec::new();
            for (rel, file, mut warnings) in parsed {
                found.append(&mut warnings);
                if let Some(f) = file {
                    ok.push((rel, f));
                }
            }
            let mut lf = assemble_locale(locale.clone(), shown, ok, slugs);
            for (rel, full) in later {
                let slug = rel.trim_end_matches(".ftl");
                if slugs.contains(slug) {
                    lf.deferred.insert(slug.to_string());
                } else {
                    lf.deferred_orphans.push((rel, full));
                }
            }
            for d in &mut found {
                d.locale.get_or_insert_with(|| locale.tag.clone());
            }
            (lf, found)
        })
        .collect();
    let mut out = Vec::new();
    for (lf, mut found) in loaded {
        problems.append(&mut found);
        out.push(lf);
    }
    out.sort_by(|a, b| a.locale.tag.cmp(&b.locale.tag));
    out
}

/// A locale's parsed files sorted into `site.ftl`, page files and orphans.
fn assemble_locale(
    locale: Locale,
    shown: String,
    files: Vec<(String, FtlFile)>,
    slugs: &HashSet<&str>,
) -> LocaleFiles {
    let mut lf = LocaleFiles {
        locale,
        dir: shown,
        site: None,
        pages: BTreeMap::new(),
        orphans: Vec::new(),
        deferred: BTreeSet::new(),
        deferred_orphans: Vec::new(),
    };
    for (rel, file) in files {
        let slug = rel.trim_end_matches(".ftl");
        if rel == SITE_FILE {
            lf.site = Some(file);
        } else if slugs.contains(slug) {
            lf.pages.insert(slug.to_string(), file);
        } else {
            lf.orphans.push(file);
        }
    }
    lf
}

impl Project {
    /// The text of a file of the project by its path relative to the root (for snippets).
    pub fn file_text(&self, rel_path: &str) -> Option<std::borrow::Cow<'_, str>> {
        let loaded = self
            .locales
            .iter()
            .flat_map(|l| l.files())
            .find(|f| f.rel_path.to_string_lossy().replace('\\', "/") == rel_path);
        match loaded {
            Some(f) => Some(f.source().into()),
            // A file of a lazily loaded locale: read it again for the snippet.
            None => TextFile::read(&self.root.join(rel_path))
                .ok()?
                .ok()
                .map(|f| f.text.into()),
        }
    }
}
