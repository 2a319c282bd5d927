//! The project: a site loaded once into a small index — the configuration, each
//! locale (its `site.ftl`, which every page of it shares, and the names of its page
//! files), every page's [`PageEntry`] and heading anchors ([`SiteIndex`], for link
//! checks) — and the problems met on the way. A page's model is built on demand by
//! [`Project::page`] (a pure builder: [`model`]), and every file is read through the
//! site's [`store`] (the disk, or memory for tests and the fuzzer) when a command needs
//! it, so memory holds the pages in flight, not the site, and loading checks nothing:
//! the pipeline does.

mod model;
mod snippets;
mod store;

pub use crate::page::{Page, PageEntry, PageId, ReferenceEntry, Segment, SiteIndex};
pub use snippets::SourceFiles;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};
use crate::error::{Error, Result};
use crate::ftl::FtlFile;
use crate::locale::{Locale, LocaleId};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use store::{Found, Store};

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

/// Whether a translation's `site.ftl` may hold the message `id`: the layout's own
/// messages always (the source falls back to the built-in default for one it lacks,
/// and the translation is still shown), and every message of the source's `site.ftl`.
/// What `lint` calls obsolete there and what `sync` comments out are decided here.
pub fn belongs_in_site_ftl(source_site: Option<&FtlFile>, id: &str) -> bool {
    LAYOUT_MESSAGES.contains(&id) || source_site.is_some_and(|s| s.get(id).is_some())
}

/// Layout strings used when the source locale has no `site.ftl` (or lacks a message).
pub const DEFAULT_SITE_FTL: &str = include_str!("../assets/default-site.ftl");

/// One locale: its `site.ftl` (read at load: every page of the locale shares it) and
/// the names of its other files (read when a command needs them).
#[derive(Debug)]
pub struct LocaleFiles {
    pub locale: Locale,
    /// `locales/<dir name>` as found.
    pub dir: String,
    pub site: Option<FtlFile>,
    /// Whether `site.ftl` exists (`site` is `None` also when it could not be read).
    has_site_file: bool,
    /// Slugs of the pages this locale has a file for.
    page_files: BTreeSet<String>,
    /// Paths (under `dir`) of `.ftl` files that belong to no page.
    orphans: Vec<String>,
}

impl LocaleFiles {
    /// A locale not on disk (yet), with this `site.ftl`: what `import` judges the files
    /// it would write for a locale it creates against.
    pub fn planned(locale: Locale, site: Option<FtlFile>) -> Self {
        LocaleFiles {
            site,
            ..LocaleFiles::empty(locale)
        }
    }

    fn empty(locale: Locale) -> Self {
        LocaleFiles {
            dir: format!("{LOCALES_DIR}/{}", locale.tag),
            locale,
            site: None,
            has_site_file: false,
            page_files: BTreeSet::new(),
            orphans: Vec::new(),
        }
    }

    /// Where the page's file for this locale is, or would be.
    pub fn page_path(&self, slug: &str) -> String {
        format!("{}/{slug}.ftl", self.dir)
    }

    pub fn site_path(&self) -> String {
        format!("{}/{SITE_FILE}", self.dir)
    }

    /// Whether the locale has a `site.ftl` (even one that could not be read).
    pub fn has_site_file(&self) -> bool {
        self.has_site_file
    }

    /// Whether the locale has a file for the page (even one that could not be read).
    pub fn has_page_file(&self, slug: &str) -> bool {
        self.page_files.contains(slug)
    }
}

/// The loaded site.
#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    /// Every page, sorted by slug: what the run keeps of each ([`Project::page`] builds
    /// its model).
    pub pages: Vec<PageEntry>,
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
    /// Where the site's files are read from.
    store: Store,
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

    /// The page with this slug.
    pub fn page_id(&self, slug: &str) -> Option<PageId> {
        self.pages
            .binary_search_by(|p| p.slug.as_str().cmp(slug))
            .ok()
            .map(PageId::from_index)
    }

    /// Where links may lead: every page's heading anchors, and the files beside the pages.
    pub fn site_index(&self) -> &SiteIndex {
        &self.link_index
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
                    let dir = self.root.join(LOCALES_DIR).join(tag);
                    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
                        return Err(Error::Usage(format!(
                            "--locale {tag}: {LOCALES_DIR}/{tag} is a symbolic link, which fluentpress never follows (it could lead outside the site); replace it with the directory itself"
                        )));
                    }
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

    /// The reference file of a page, read now (what reading it found is lint's to
    /// report: the page renderer reads it with [`Project::page_file`]).
    pub fn reference(&self, page: &Page) -> Option<FtlFile> {
        self.page_file(self.source, &page.slug).0
    }

    /// A locale's file for a page, read now, and what reading it found (I/O errors,
    /// invalid UTF-8, a byte-order mark), which the caller reports.
    pub fn page_file(&self, locale: LocaleId, slug: &str) -> (Option<FtlFile>, Vec<Diagnostic>) {
        let lf = self.locale(locale);
        if !lf.page_files.contains(slug) {
            return (None, Vec::new());
        }
        let mut problems = Vec::new();
        let file = self.read_ftl(&lf.page_path(slug), &mut problems);
        for d in &mut problems {
            d.locale.get_or_insert_with(|| lf.locale.tag.clone());
        }
        (file, problems)
    }

    /// The model of page `p`, its ids assigned against `reference` (its reference
    /// file, which the caller has read for its own use); what cannot be read comes back
    /// as diagnostics. The page is read and parsed again (the load kept only its entry
    /// and anchors); its front matter's problems were reported at load.
    pub fn page(
        &self,
        p: PageId,
        reference: Option<&FtlFile>,
    ) -> std::result::Result<Page, Vec<Diagnostic>> {
        let entry = self.entry(p);
        let mut problems = Vec::new();
        let Some(file) = self.store.read_text(&entry.rel_path, &mut problems) else {
            for d in &mut problems {
                d.locale = Some(self.config.source_locale.tag.clone());
            }
            return Err(problems);
        };
        let (raw, _) = model::parse_page(entry.slug.clone(), entry.rel_path.clone(), file);
        Ok(raw.into_page(reference, &self.reserved))
    }

    /// The model of page `p` with its reference file, both read now (for the commands
    /// that write reference or translation files, page by page).
    pub fn page_with_reference(
        &self,
        p: PageId,
    ) -> std::result::Result<(Page, Option<FtlFile>), Vec<Diagnostic>> {
        let reference = self.page_file(self.source, &self.entry(p).slug).0;
        let page = self.page(p, reference.as_ref())?;
        Ok((page, reference))
    }

    /// Every page's model, in the order of [`Project::pages`], each built now with its
    /// reference file; a page that cannot be read again (it changed since the load) is
    /// an error naming it.
    pub fn models(&self) -> Result<Vec<Page>> {
        self.page_ids()
            .map(|p| {
                self.page_with_reference(p)
                    .map(|(page, _)| page)
                    .map_err(|problems| {
                        Error::PageUnreadable(problems.iter().map(Diagnostic::one_line).collect())
                    })
            })
            .collect()
    }

    /// The files of `locales` that exist but cannot be used as they are — unreadable
    /// (an I/O error, not UTF-8) or refused by the parser (nested too deep) — by path
    /// relative to the root, with what reading them found: a command that rewrites
    /// files leaves these alone, since their messages are not missing but unread.
    pub fn unusable_files(&self, locales: &[LocaleId]) -> (Vec<String>, Vec<Diagnostic>) {
        let mut paths = Vec::new();
        let mut found = Vec::new();
        for &l in locales {
            let lf = self.locale(l);
            let mut problems = Vec::new();
            let site_ok = lf.site.as_ref().is_some_and(|f| !f.is_refused());
            if lf.has_site_file && !site_ok {
                read_ftl(&self.store, &lf.site_path(), &mut problems);
                paths.push(lf.site_path());
            }
            for slug in &lf.page_files {
                let path = lf.page_path(slug);
                let before = problems.len();
                let file = read_ftl(&self.store, &path, &mut problems);
                if file.is_none_or(|f| f.is_refused()) {
                    paths.push(path);
                } else {
                    // Only the problems that make a file unusable are this list's.
                    problems.truncate(before);
                }
            }
            for d in &mut problems {
                d.locale.get_or_insert_with(|| lf.locale.tag.clone());
            }
            found.append(&mut problems);
        }
        (paths, found)
    }

    /// Paths (relative to the root) of a locale's files that belong to no page.
    pub fn orphan_paths(&self, locale: LocaleId) -> Vec<String> {
        let lf = self.locale(locale);
        lf.orphans
            .iter()
            .map(|rel| format!("{}/{rel}", lf.dir))
            .collect()
    }

    /// A locale's files that belong to no page, read now, with what reading found.
    pub fn orphan_files(&self, locale: LocaleId) -> (Vec<FtlFile>, Vec<Diagnostic>) {
        let lf = self.locale(locale);
        let mut problems = Vec::new();
        let files = lf
            .orphans
            .iter()
            .filter_map(|rel| self.read_ftl(&format!("{}/{rel}", lf.dir), &mut problems))
            .collect();
        for d in &mut problems {
            d.locale.get_or_insert_with(|| lf.locale.tag.clone());
        }
        (files, problems)
    }

    /// Reads and parses a Fluent file of the site; what goes wrong becomes a
    /// diagnostic in `problems`.
    fn read_ftl(&self, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<FtlFile> {
        read_ftl(&self.store, rel, problems)
    }

    /// Loads the site at `root` from disk.
    pub fn load(root: &Path) -> Result<Project> {
        let config = Config::load(root)?;
        let content_dir = root.join(CONTENT_DIR);
        let locales_dir = root.join(LOCALES_DIR);
        for (name, dir) in [(CONTENT_DIR, &content_dir), (LOCALES_DIR, &locales_dir)] {
            if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::Usage(format!(
                    "{}: `{name}/` is a symbolic link; fluentpress reads and writes only the site's own files (a link could lead anywhere), so replace it with the directory itself",
                    dir.display()
                )));
            }
        }
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
        let project = Project::load_from(Store::Disk(root.to_path_buf()), config);
        if project.pages.is_empty() && project.failed_content == 0 {
            return Err(Error::Usage(format!(
                "{}: `content/` has no Markdown pages (*.md): nothing to publish",
                root.display()
            )));
        }
        Ok(project)
    }

    /// A project from text held in memory (property tests, the fuzzer), loaded as a
    /// site on disk is: pages as (slug, Markdown), locales as (tag, [(file name, Fluent
    /// text)]). A locale whose tag is not valid is left out.
    pub fn in_memory(
        config: Config,
        pages: &[(&str, &str)],
        locales: &[(&str, &[(&str, &str)])],
    ) -> Project {
        let mut files = BTreeMap::new();
        for (slug, text) in pages {
            files.insert(format!("{CONTENT_DIR}/{slug}.md"), text.as_bytes().to_vec());
        }
        for (tag, locale_files) in locales {
            let Ok(locale) = Locale::parse(tag) else {
                continue;
            };
            let dir = format!("{LOCALES_DIR}/{}", locale.tag);
            files.insert(format!("{dir}/"), Vec::new());
            for (rel, text) in locale_files.iter() {
                files.insert(format!("{dir}/{rel}"), text.as_bytes().to_vec());
            }
        }
        Project::load_from(Store::Memory(files, false), config)
    }

    /// A site given as all of its files (paths relative to the root, `/`-separated; a
    /// path ending in `/` is an empty directory), loaded from memory exactly as from
    /// disk: the tests compare the two.
    pub fn from_files(config: Config, files: BTreeMap<String, Vec<u8>>) -> Project {
        Project::load_from(Store::Memory(files, true), config)
    }

    /// Loads the site in `store`: finds its pages and locales, reads each page once for
    /// its entry and anchors, and each locale's `site.ftl`.
    fn load_from(store: Store, config: Config) -> Project {
        let mut problems = Vec::new();
        let mut failed_content = 0;

        // Content: the pages, and the files beside them.
        let mut accepted = Vec::new();
        let mut content_files = HashSet::new();
        let mut seen_folded: HashMap<String, String> = HashMap::new();
        for found in store.walk(CONTENT_DIR) {
            let rel_path = match found {
                Found::File(rel) => rel,
                Found::Link(rel) => {
                    problems.push(link_problem(&rel, CONTENT_DIR));
                    // It may stand for a page or a directory of pages (what it leads to
                    // is not looked at: that would follow it).
                    failed_content += 1;
                    continue;
                }
                Found::Unreadable(rel, why) => {
                    problems.push(Diagnostic::new(
                        Rule::IoError,
                        &rel,
                        (1, 1),
                        format!("cannot read the directory: {why}"),
                    ));
                    failed_content += 1;
                    continue;
                }
            };
            let under = rel_path
                .strip_prefix(&format!("{CONTENT_DIR}/"))
                .unwrap_or(&rel_path)
                .to_string();
            let Some(slug) = under.strip_suffix(".md").map(str::to_string) else {
                content_files.insert(under);
                continue;
            };
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
            accepted.push((slug, rel_path));
        }
        // Each page is read and parsed in its own task; only what crosses pages (the
        // entry and the heading anchors) is kept.
        let loaded: Vec<(Option<LoadedPage>, Vec<Diagnostic>)> = accepted
            .into_par_iter()
            .map(|(slug, rel_path)| {
                let mut problems = Vec::new();
                let Some(file) = store.read_text(&rel_path, &mut problems) else {
                    return (None, problems);
                };
                let (raw, mut found) = model::parse_page(slug, rel_path, file);
                problems.append(&mut found);
                (Some(LoadedPage::new(&raw)), problems)
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
        let locales = load_locales(&store, &slugs, &mut problems);
        let files = store.knows_every_file().then_some(content_files);
        Project::finish(
            store,
            config,
            pages,
            locales,
            problems,
            failed_content,
            files,
        )
    }

    /// The project from what was read: ensures the source locale, the reserved ids and
    /// the link index.
    fn finish(
        store: Store,
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
            crate::source::TextStyle::NEW,
        );
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
        let pages = loaded.into_iter().map(|p| p.entry).collect();
        // Problems of content files concern the source locale.
        for d in problems
            .iter_mut()
            .filter(|d| d.file.starts_with(CONTENT_DIR) && d.locale.is_none())
        {
            d.locale = Some(config.source_locale.tag.clone());
        }
        Project {
            root: store.root().to_path_buf(),
            config,
            pages,
            link_index,
            reserved,
            locales,
            source: LocaleId::from_index(source),
            problems,
            failed_content,
            default_site,
            store,
        }
    }
}

/// A page as the load keeps it until the site is assembled: what crosses pages.
struct LoadedPage {
    entry: PageEntry,
    anchors: HashSet<String>,
    draft: bool,
}

impl LoadedPage {
    fn new(raw: &model::RawPage) -> LoadedPage {
        LoadedPage {
            entry: PageEntry {
                slug: raw.slug.clone(),
                rel_path: raw.rel_path.clone(),
                weight: raw.weight,
                title: raw.title.0.clone(),
            },
            anchors: crate::page::anchors(&raw.doc),
            draft: raw.draft,
        }
    }
}

/// A symbolic link found in `top/` (`content/` or `locales/`): never followed.
fn link_problem(rel: &str, top: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::PathProblem,
        rel,
        (1, 1),
        format!(
            "`{rel}` is a symbolic link; fluentpress never follows links in `{top}/` (it could lead outside the site), so it is skipped"
        ),
    )
    .help(format!(
        "replace the link with the file or directory itself, inside `{top}/`"
    ))
}

/// Reads and parses a Fluent file of the site; what goes wrong becomes a diagnostic in
/// `problems`.
fn read_ftl(store: &Store, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<FtlFile> {
    let file = store.read_text(rel, problems).map(|text| {
        let style = text.style();
        FtlFile::parse(PathBuf::from(rel), text.text, style)
    })?;
    // A file nested too deep to parse is not read at all: a problem of reading it, like
    // invalid UTF-8, which every command that reads the file reports.
    if file.is_refused() {
        for e in &file.syntax_errors {
            problems.push(
                Diagnostic::new(
                    Rule::SyntaxError,
                    rel,
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

/// Every locale directory of `locales/`: checked names, no duplicates, no links; each
/// one's `site.ftl` read, its page files and orphans named.
fn load_locales(
    store: &Store,
    slugs: &HashSet<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<LocaleFiles> {
    let (dirs, links) = match store.subdirectories(LOCALES_DIR) {
        Ok(found) => found,
        Err(why) => {
            problems.push(Diagnostic::new(
                Rule::IoError,
                LOCALES_DIR,
                (1, 1),
                format!("cannot read the directory: {why}"),
            ));
            return Vec::new();
        }
    };
    for name in links {
        let shown = format!("{LOCALES_DIR}/{name}");
        problems.push(
            Diagnostic::new(
                Rule::PathProblem,
                &shown,
                (1, 1),
                format!("`{shown}` is a symbolic link; fluentpress never follows links in `{LOCALES_DIR}/` (it could lead outside the site), so it is not a locale"),
            )
            .help(format!("replace the link with the directory itself, inside `{LOCALES_DIR}/`")),
        );
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut chosen = Vec::new();
    for name in dirs {
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
                chosen.push((locale, shown));
            }
        }
    }
    let loaded: Vec<(LocaleFiles, Vec<Diagnostic>)> = chosen
        .into_par_iter()
        .map(|(locale, shown)| {
            let mut found = Vec::new();
            let mut lf = LocaleFiles {
                locale: locale.clone(),
                dir: shown.clone(),
                site: None,
                has_site_file: false,
                page_files: BTreeSet::new(),
                orphans: Vec::new(),
            };
            for item in store.walk(&shown) {
                match item {
                    Found::File(rel) => {
                        let Some(under) = rel.strip_prefix(&format!("{shown}/")) else {
                            continue;
                        };
                        let Some(stem) = under.strip_suffix(".ftl") else {
                            continue;
                        };
                        if under == SITE_FILE {
                            // Every page of the locale shares its site.ftl: read now.
                            lf.has_site_file = true;
                            lf.site = read_ftl(store, &rel, &mut found);
                        } else if slugs.contains(stem) {
                            lf.page_files.insert(stem.to_string());
                        } else {
                            lf.orphans.push(under.to_string());
                        }
                    }
                    Found::Link(rel) => found.push(link_problem(&rel, LOCALES_DIR)),
                    Found::Unreadable(rel, why) => found.push(Diagnostic::new(
                        Rule::IoError,
                        &rel,
                        (1, 1),
                        format!("cannot read the directory: {why}"),
                    )),
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

/// The longest file name a page may have (bytes, without `.md`): file systems allow
/// 255 bytes in a name, and the longest name made from a page's is `<name>.html`.
pub const MAX_PAGE_NAME: usize = 255 - ".html".len();

/// Why a slug cannot be published, if it cannot.
fn slug_problem(slug: &str) -> Option<String> {
    // Compared ignoring case: on macOS and Windows `INDEX.html` is `index.html`.
    match slug.to_lowercase().as_str() {
        "index" => {
            return Some(format!(
                "`{slug}` is a reserved page name: each edition's `index.html` is its list of pages (letter case aside, they are one file on macOS and Windows); rename the file (e.g. `content/home.md`)"
            ));
        }
        "site" => {
            return Some(format!(
                "`{slug}` is a reserved page name: each locale's `{SITE_FILE}` holds its layout strings, and `extract` would overwrite the source locale's with this page's reference file; rename the file (e.g. `content/about-the-site.md`)"
            ));
        }
        _ => {}
    }
    let name = slug.rsplit('/').next().unwrap_or(slug);
    if name.len() > MAX_PAGE_NAME {
        return Some(format!(
            "the page name is {} bytes long: its output file (the name and `.html`) would pass the 255 bytes file systems allow in a name; shorten it to at most {MAX_PAGE_NAME} bytes",
            name.len()
        ));
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
