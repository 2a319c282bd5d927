//! `fluentpress serve`: builds the site, serves the output directory on 127.0.0.1 and,
//! after each saved edit in `content/`, `locales/` or `fluentpress.toml`, re-renders
//! only the (locale × page) editions the edit affects, writing each changed file
//! atomically into the served directory.
//!
//! - Watching: the system reports changes under `content/`, `locales/` and the site root
//!   (notify, debounced by 50 ms); each report makes the watcher compare the files'
//!   modification times, sizes and inodes with the last look, so only what really
//!   changed is re-rendered. `--poll` (or a system that cannot watch) looks every 200 ms
//!   instead: network and container mounts often deliver no change reports.
//! - The HTTP server is the standard library's `TcpListener`, one thread per
//!   connection, `GET` and `HEAD` of files only, `Connection: close`. It listens on
//!   127.0.0.1 only and answers only requests addressed to `127.0.0.1` or `localhost`.
//! - Problems are shown where the translator looks: lint's errors of the edition being
//!   viewed (and a site that no longer loads) are put at the top of each HTML page in
//!   the response — never in the files — and the page reloads itself after a rebuild.
//! - An edit that changes the shape of the site (pages added or removed, an edition's
//!   name or completeness, the configuration, files beside the pages) rebuilds
//!   everything with the normal build, which swaps the output directory whole.

use crate::commands::build::{self, BuildOptions};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::lint::{self, Settings};
use crate::locale::{LocaleId, PerLocale};
use crate::pipeline::{EditionFacts, Output, RenderedPage, Renderer};
use crate::project::{CONTENT_DIR, LOCALES_DIR, PageId, Project, SITE_FILE};
use crate::render::{self, Site, html::ListedPage};
use crate::resolve::{Coverage, Layout};
use maud::html;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// 0: the system chooses a free port.
    pub port: u16,
    /// Look at the files every [`POLL_INTERVAL`] instead of waiting for change reports.
    pub poll: bool,
}

/// How often the watched files are looked at.
pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// The address the injected script asks for the build generation, to reload after a rebuild.
pub const VERSION_PATH: &str = "/__fluentpress/version";

/// How long a version request with `?after=` waits for a rebuild before it answers.
const LONG_POLL: Duration = Duration::from_secs(8);

/// The most errors listed at the top of a page.
const MAX_LISTED: usize = 50;

/// What the server shows besides the files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Notes {
    /// Why the site could not be loaded or built; the last good output is served.
    fatal: Option<String>,
    /// Lint errors by locale tag (`""`: errors that concern no locale), but for
    /// `missing-message`: an edition in progress is not broken, and its pages already say
    /// how many passages are untranslated.
    errors: BTreeMap<String, Vec<String>>,
    /// `missing-message` errors by locale tag, mentioned with the other errors.
    missing: BTreeMap<String, usize>,
    /// The source locale, whose errors the top-level pages show.
    source: String,
    /// Every locale's tag (the output's top-level directories of editions).
    locales: BTreeSet<String>,
}

struct Shared {
    out: PathBuf,
    /// Bumped after every rebuild that changed an output file or the notes.
    generation: AtomicU64,
    /// Signalled after every bump, for the version requests waiting for one.
    bumped: (Mutex<()>, Condvar),
    notes: RwLock<Notes>,
    /// Held for writing while a full build swaps the output directory in.
    swap: RwLock<()>,
}

/// Builds, serves and watches until the process is stopped (Ctrl-C).
pub fn serve(opts: &ServeOptions) -> Result<()> {
    // Problems that no edit can fix stop the command before it starts; otherwise the
    // site loaded here is the one the first build renders.
    let first = match Project::load(&opts.root) {
        Err(e @ Error::Usage(_)) => return Err(e),
        other => other,
    };
    crate::output::check_outside(&opts.out, &build::source_dirs(&opts.root))?;
    crate::output::check(&opts.out)?;
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port)).map_err(|e| Error::Listen {
            port: opts.port,
            source: e,
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("127.0.0.1", e))?
        .port();
    let shared = Arc::new(Shared {
        out: opts.out.clone(),
        generation: AtomicU64::new(1),
        bumped: (Mutex::new(()), Condvar::new()),
        notes: RwLock::new(Notes::default()),
        swap: RwLock::new(()),
    });
    let mut watcher = Watcher {
        root: opts.root.clone(),
        out: opts.out.clone(),
        shared: Arc::clone(&shared),
        stamps: snapshot(&opts.root),
        shape: None,
        editions: HashMap::new(),
        page_findings: HashMap::new(),
    };
    watcher.rebuild_with(first, None);

    println!("http://127.0.0.1:{port}/");
    let _ = std::io::stdout().flush();
    eprintln!(
        "serving {} at http://127.0.0.1:{port}/ ; watching {CONTENT_DIR}/, {LOCALES_DIR}/ and fluentpress.toml; Ctrl-C stops",
        opts.out.display()
    );
    let server = Arc::clone(&shared);
    std::thread::spawn(move || accept(listener, server));
    let reports = if opts.poll {
        None
    } else {
        match watch(&opts.root) {
            Ok(reports) => Some(reports),
            Err(e) => {
                eprintln!(
                    "serve: the system cannot report file changes here ({e}); looking every {} ms instead",
                    POLL_INTERVAL.as_millis()
                );
                None
            }
        }
    };
    match reports {
        Some((reports, _debouncer)) => {
            // Each batch of reports (editor saves write several files) is one look.
            while reports.recv().is_ok() {
                while reports.try_recv().is_ok() {}
                watcher.poll();
            }
            Ok(())
        }
        None => loop {
            std::thread::sleep(POLL_INTERVAL);
            watcher.poll();
        },
    }
}

/// The system's change reports for the site, debounced: a message per batch.
type Reports = (
    std::sync::mpsc::Receiver<()>,
    notify_debouncer_mini::Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
);

fn watch(root: &Path) -> std::result::Result<Reports, notify_debouncer_mini::notify::Error> {
    use notify_debouncer_mini::notify::RecursiveMode;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(
        Duration::from_millis(50),
        move |result: notify_debouncer_mini::DebounceEventResult| {
            if result.is_ok_and(|events| !events.is_empty()) {
                let _ = tx.send(());
            }
        },
    )?;
    let watcher = debouncer.watcher();
    // The root itself, not recursively: fluentpress.toml, and content/ or locales/ being
    // created or replaced.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in [CONTENT_DIR, LOCALES_DIR] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok((rx, debouncer))
}

// ---------------------------------------------------------------------------------------
// Watching and re-rendering

/// What identifies a file's version without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    }
}

/// Every watched file (paths relative to the root, `/`-separated). Hidden files (editor
/// swap files, fluentpress's own temporary files) are skipped, as the loader skips them.
fn snapshot(root: &Path) -> BTreeMap<String, Stamp> {
    let mut out = BTreeMap::new();
    for dir in [CONTENT_DIR, LOCALES_DIR] {
        for entry in crate::fsutil::walk(&root.join(dir)).filter_map(|e| e.ok()) {
            if entry.file_type().is_dir() {
                continue;
            }
            if let Ok(meta) = std::fs::symlink_metadata(entry.path()) {
                let rel = crate::fsutil::rel_path(root, entry.path());
                out.insert(rel, stamp(&meta));
            }
        }
    }
    if let Ok(meta) = std::fs::metadata(root.join(crate::config::FILE_NAME)) {
        out.insert(crate::config::FILE_NAME.to_string(), stamp(&meta));
    }
    out
}

/// The paths added, removed or changed between two snapshots.
fn changes(old: &BTreeMap<String, Stamp>, new: &BTreeMap<String, Stamp>) -> Vec<String> {
    let mut paths: BTreeSet<&String> = BTreeSet::new();
    for (path, s) in new {
        if old.get(path) != Some(s) {
            paths.insert(path);
        }
    }
    for path in old.keys() {
        if !new.contains_key(path) {
            paths.insert(path);
        }
    }
    paths.into_iter().cloned().collect()
}

/// What must be the same for an edit to be applied in place: the pages, and every
/// edition as menus and the chooser show it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    pages: Vec<(String, i64)>,
    editions: Vec<(String, String, &'static str, bool)>,
    base_url: Option<String>,
}

impl Shape {
    fn of(project: &Project, site: &Site) -> Shape {
        Shape {
            pages: project
                .pages
                .iter()
                .map(|p| (p.slug.clone(), p.weight))
                .collect(),
            editions: site
                .editions
                .iter()
                .map(|e| {
                    (
                        e.tag.clone(),
                        e.name.clone(),
                        e.direction.as_str(),
                        e.complete,
                    )
                })
                .collect(),
            base_url: site.base_url.clone(),
        }
    }
}

/// The (locale, page) editions that changed files affect, or `None` for everything.
fn affected(project: &Project, changed: &[String]) -> Option<Vec<(LocaleId, PageId)>> {
    let mut pairs = BTreeSet::new();
    let every_locale = project.locale_ids();
    let page_index = |slug: &str| project.page_ids().find(|&p| project.entry(p).slug == slug);
    for path in changed {
        if let Some(rest) = path.strip_prefix(&format!("{CONTENT_DIR}/")) {
            // A page: all its editions. Any other file of content/ is published: everything.
            let p = page_index(rest.strip_suffix(".md")?)?;
            pairs.extend(every_locale.clone().map(|l| (l, p)));
        } else if let Some(rest) = path.strip_prefix(&format!("{LOCALES_DIR}/")) {
            let (dir, file) = rest.split_once('/')?;
            let Some(l) = project
                .locale_ids()
                .find(|&l| project.locale(l).dir == format!("{LOCALES_DIR}/{dir}"))
            else {
                // Not a locale the site uses (an invalid or duplicate name): lint only.
                continue;
            };
            let Some(stem) = file.strip_suffix(".ftl") else {
                continue;
            };
            // The source locale's files are every locale's fallback (and the reference).
            let locales: Vec<LocaleId> = if l == project.source {
                every_locale.clone().collect()
            } else {
                vec![l]
            };
            if file == SITE_FILE {
                for &l in &locales {
                    pairs.extend(project.page_ids().map(|p| (l, p)));
                }
            } else if let Some(p) = page_index(stem) {
                pairs.extend(locales.iter().map(|&l| (l, p)));
            }
            // Otherwise a file of no page: nothing is rendered from it.
        } else {
            return None;
        }
    }
    Some(pairs.into_iter().collect())
}

/// Writes `bytes` to `out/rel` atomically, unless the file already holds them.
fn put(out: &Path, rel: &str, bytes: &[u8]) -> Result<bool> {
    let path = out.join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    crate::fsutil::write_atomic(&path, bytes)?;
    // Readable like the files the build writes (a temporary file is private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
    }
    Ok(true)
}

struct Watcher {
    root: PathBuf,
    out: PathBuf,
    shared: Arc<Shared>,
    stamps: BTreeMap<String, Stamp>,
    /// The shape of the output on disk; `None` when it is not known to be current.
    shape: Option<Shape>,
    /// What the pipeline found of each edition, by (tag, slug), kept between partial
    /// updates: its title, coverage and findings.
    editions: HashMap<(String, String), EditionFacts>,
    /// What the page renderer found of each page itself (its source content, its
    /// reference file), by slug: kept like the editions' facts.
    page_findings: HashMap<String, Vec<Diagnostic>>,
}

impl Watcher {
    fn poll(&mut self) {
        let now = snapshot(&self.root);
        if now == self.stamps {
            return;
        }
        let changed = changes(&self.stamps, &now);
        self.stamps = now;
        self.rebuild(Some(&changed));
    }

    fn bump(&self) {
        let (lock, changed) = &self.shared.bumped;
        let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        changed.notify_all();
    }

    fn set_notes(&self, notes: Notes) {
        let mut current = self.shared.notes.write().unwrap_or_else(|e| e.into_inner());
        if *current != notes {
            *current = notes;
            drop(current);
            self.bump();
        }
    }

    /// The site cannot be loaded or built: keep serving what is there, and say why.
    fn fail(&mut self, why: String) {
        eprintln!("error: {why}");
        eprintln!("the last good output is still served; fix the file and save it again");
        self.shape = None;
        let mut notes = self
            .shared
            .notes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        notes.fatal = Some(why);
        self.set_notes(notes);
    }

    /// Rebuilds after `changed` files changed (everything when `None`).
    fn rebuild(&mut self, changed: Option<&[String]>) {
        let loaded = Project::load(&self.root);
        self.rebuild_with(loaded, changed);
    }

    fn rebuild_with(&mut self, loaded: Result<Project>, changed: Option<&[String]>) {
        let started = Instant::now();
        if let Some(changed) = changed {
            eprintln!("changed: {}", changed.join(", "));
        }
        let project = match loaded {
            Ok(p) => p,
            Err(e) => return self.fail(e.to_string()),
        };
        if project.failed_content > 0 {
            let mut lines: Vec<String> = project
                .problems
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(Diagnostic::one_line)
                .collect();
            lines.push(
                Error::LoadFailed {
                    count: project.failed_content,
                }
                .to_string(),
            );
            return self.fail(lines.join("\n"));
        }
        let settings = match Settings::new(&project.config, &[], &[], &[]) {
            Ok(s) => s,
            Err(e) => return self.fail(e.to_string()),
        };
        let renderer = Renderer::new(&project, None);
        let pairs = match changed {
            Some(changed) if self.shape.is_some() => affected(&project, changed),
            _ => None,
        };
        // An edit applied in place, unless it changed the shape of the site: then (and
        // at the start) the normal build.
        let result = match &pairs {
            Some(pairs) => match self.update(&renderer, pairs) {
                Ok(Some(written)) => Ok(written),
                Ok(None) => self.full(&renderer, &settings),
                Err(e) => Err(e),
            },
            None => self.full(&renderer, &settings),
        };
        let written = match result {
            Ok(written) => written,
            Err(e) => return self.fail(e.to_string()),
        };
        let partial_update =
            pairs.is_some() && written.first().map(String::as_str) != Some("everything");

        // Lint: the project's static checks and every edition's findings.
        let tags: BTreeSet<&str> = project
            .locales
            .iter()
            .map(|l| l.locale.tag.as_str())
            .collect();
        let mut diagnostics = lint::project_checks(&project);
        for findings in self.page_findings.values() {
            diagnostics.extend(findings.iter().cloned());
        }
        for edition in self.editions.values() {
            diagnostics.extend(edition.diagnostics.iter().cloned());
        }
        settings.apply(&project, &mut diagnostics);
        let shown: BTreeSet<&str> = match (&pairs, partial_update) {
            (Some(pairs), true) => pairs
                .iter()
                .map(|&(l, _)| project.locale(l).locale.tag.as_str())
                .collect(),
            _ => tags.clone(),
        };
        // Untranslated messages are counted, not listed: `fluentpress status` has them.
        let mut untranslated: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &diagnostics {
            if d.locale.as_deref().is_none_or(|t| shown.contains(t)) {
                if d.rule == crate::diagnostic::Rule::MissingMessage {
                    *untranslated
                        .entry(d.locale.as_deref().unwrap_or(""))
                        .or_default() += 1;
                } else {
                    eprintln!("{}", d.one_line());
                }
            }
        }
        for (tag, count) in untranslated {
            eprintln!(
                "{tag}: {} no translation yet (`fluentpress status --locale {tag}`)",
                if count == 1 {
                    "1 message has".to_string()
                } else {
                    format!("{count} messages have")
                }
            );
        }
        let mut notes = Notes {
            fatal: None,
            errors: BTreeMap::new(),
            missing: BTreeMap::new(),
            source: project.source_locale().locale.tag.clone(),
            locales: tags.iter().map(|t| t.to_string()).collect(),
        };
        for d in diagnostics.iter().filter(|d| {
            d.severity == Severity::Error || d.rule == crate::diagnostic::Rule::MissingMessage
        }) {
            if d.rule == crate::diagnostic::Rule::MissingMessage {
                *notes
                    .missing
                    .entry(d.locale.clone().unwrap_or_default())
                    .or_default() += 1;
                continue;
            }
            notes
                .errors
                .entry(d.locale.clone().unwrap_or_default())
                .or_default()
                .push(format!(
                    "{}:{}:{}: {} [{}]",
                    d.file, d.line, d.column, d.message, d.rule
                ));
        }
        if !written.is_empty() {
            self.bump();
        }
        self.set_notes(notes);
        let errors = crate::diagnostic::count(&diagnostics, Severity::Error);
        let warnings = crate::diagnostic::count(&diagnostics, Severity::Warning);
        match (&pairs, partial_update) {
            (Some(pairs), true) => eprintln!(
                "re-rendered {} in {:.2} s: {}; wrote {}; lint: {}, {}",
                count(pairs.len(), "page edition", "page editions"),
                started.elapsed().as_secs_f64(),
                pairs
                    .iter()
                    .map(|&(l, p)| format!(
                        "{}/{}",
                        project.locale(l).locale.tag,
                        project.entry(p).slug
                    ))
                    .collect::<Vec<_>>()
                    .join(", "),
                if written.is_empty() {
                    "nothing new".to_string()
                } else {
                    written.join(", ")
                },
                count(errors, "error", "errors"),
                count(warnings, "warning", "warnings"),
            ),
            _ => eprintln!(
                "built everything in {:.2} s; lint: {}, {}",
                started.elapsed().as_secs_f64(),
                count(errors, "error", "errors"),
                count(warnings, "warning", "warnings"),
            ),
        }
    }

    /// The normal build into the output directory (swapped in whole); what it found of
    /// each edition is kept for later partial updates.
    fn full(&mut self, renderer: &Renderer<'_>, settings: &Settings) -> Result<Vec<String>> {
        let project = renderer.project;
        let opts = BuildOptions {
            out: self.out.clone(),
            locales: Vec::new(),
            jobs: None,
            strict: false,
            text_width: None,
            progress: false,
        };
        let report = {
            let _swap = self.shared.swap.write().unwrap_or_else(|e| e.into_inner());
            build::build(project, &opts, settings)?
        };
        self.editions.clear();
        self.page_findings.clear();
        for (page, rendered) in project.pages.iter().zip(report.pages) {
            self.page_findings
                .insert(page.slug.clone(), rendered.findings);
            for e in rendered.editions {
                let tag = project.locale(e.locale_index).locale.tag.clone();
                self.editions.insert((tag, page.slug.clone()), e);
            }
        }
        self.shape = Some(Shape::of(project, &self.site(renderer)));
        Ok(vec!["everything".into()])
    }

    /// The site as the kept editions describe it (completeness from their coverage).
    fn site(&self, renderer: &Renderer<'_>) -> Site {
        let project = renderer.project;
        let coverage: Vec<PerLocale<Coverage>> = project
            .pages
            .iter()
            .map(|page| {
                PerLocale::from_fn(project.locales.len(), |l| {
                    self.editions
                        .get(&(project.locale(l).locale.tag.clone(), page.slug.clone()))
                        .map(|e| e.coverage)
                        .unwrap_or_default()
                })
            })
            .collect();
        renderer.site_from(coverage.iter())
    }

    /// Re-renders `pairs` in place through the page renderer, then the affected
    /// editions' page lists, the chooser and the status page. Returns the files that
    /// changed, or `None` when the edit changed the shape of the site (the caller then
    /// runs the normal build).
    fn update(
        &mut self,
        renderer: &Renderer<'_>,
        pairs: &[(LocaleId, PageId)],
    ) -> Result<Option<Vec<String>>> {
        let project = renderer.project;
        let out = &self.out;
        let mut by_page: BTreeMap<PageId, Vec<LocaleId>> = BTreeMap::new();
        for &(l, p) in pairs {
            by_page.entry(p).or_default().push(l);
        }
        // The menus of the pages rendered now say which of their editions are partial;
        // the site's completeness is checked after, from what they found.
        let before = self.site(renderer);
        let rendered: Vec<(PageId, RenderedPage)> = by_page
            .par_iter()
            .map(|(&p, locales)| (p, renderer.render_page(p, locales, Output::Files(&before))))
            .collect();
        let mut kept = self.editions.clone();
        for (p, page) in &rendered {
            let slug = &project.entry(*p).slug;
            self.page_findings
                .insert(slug.clone(), page.findings.clone());
            for (l, coverage) in page.coverage.iter() {
                let key = (project.locale(l).locale.tag.clone(), slug.clone());
                if let (Some(c), Some(e)) = (coverage, kept.get_mut(&key)) {
                    e.coverage = *c;
                }
            }
            for e in &page.editions {
                let key = (
                    project.locale(e.locale_index).locale.tag.clone(),
                    slug.clone(),
                );
                kept.insert(key, e.clone().into_facts());
            }
        }
        let previous = std::mem::replace(&mut self.editions, kept);
        let site = self.site(renderer);
        if self.shape.as_ref() != Some(&Shape::of(project, &site)) {
            self.editions = previous;
            return Ok(None);
        }
        // A build started meanwhile (by hand, or CI) must not swap the directory away
        // while files are written into it.
        let _lock = crate::output::lock(out)?;
        let mut written = Vec::new();
        for (p, page) in rendered {
            let slug = &project.entry(p).slug;
            for e in page.editions {
                let tag = &project.locale(e.locale_index).locale.tag;
                for (ext, bytes) in [("html", e.html), ("txt", e.text)] {
                    let rel = format!("{tag}/{slug}.{ext}");
                    if put(out, &rel, bytes.unwrap_or_default().as_bytes())? {
                        written.push(rel);
                    }
                }
            }
        }
        // The affected editions' lists of pages (a title may have changed).
        let locales: BTreeSet<LocaleId> = pairs.iter().map(|&(l, _)| l).collect();
        for l in locales {
            let tag = &project.locale(l).locale.tag;
            let mut listed: Vec<(i64, &str, ListedPage)> = project
                .pages
                .iter()
                .filter_map(|page| {
                    let e = self.editions.get(&(tag.clone(), page.slug.clone()))?;
                    Some((page.weight, page.slug.as_str(), e.listed(&page.slug)))
                })
                .collect();
            listed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            let listed: Vec<ListedPage> = listed.into_iter().map(|(_, _, p)| p).collect();
            let rel = format!("{tag}/index.html");
            if put(
                out,
                &rel,
                render::html::edition_index(&renderer.layouts[l], &site, &listed).as_bytes(),
            )? {
                written.push(rel);
            }
        }
        let pairs_info: Vec<(&render::EditionInfo, &Layout)> = site
            .editions
            .iter()
            .map(|e| (e, &renderer.layouts[e.locale_index]))
            .collect();
        let source = &renderer.layouts[project.source];
        if put(
            out,
            "index.html",
            render::html::chooser(&pairs_info, &site, source, true).as_bytes(),
        )? {
            written.push("index.html".into());
        }
        let statuses = render::status::collect_with(project, &[], |l, p| {
            self.editions
                .get(&(
                    project.locale(l).locale.tag.clone(),
                    project.entry(p).slug.clone(),
                ))
                .map(|e| e.coverage)
                .unwrap_or_default()
        });
        if put(
            out,
            "status.html",
            render::status::html_page(project, &site, source, statuses).as_bytes(),
        )? {
            written.push("status.html".into());
        }
        Ok(Some(written))
    }
}

// ---------------------------------------------------------------------------------------
// HTTP

fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = handle(stream, &shared);
                });
            }
            Err(e) => {
                eprintln!("serve: a connection failed: {e}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    let response = loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end);
            break respond(&String::from_utf8_lossy(&head), shared);
        }
        if head.len() > 16 * 1024 {
            break Response::text(
                431,
                "Request Header Fields Too Large",
                "the request is too large\n",
            );
        }
    };
    stream.write_all(&response.bytes())?;
    stream.flush()
}

/// A response to write.
#[derive(Debug)]
struct Response {
    status: u16,
    reason: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    head_only: bool,
}

impl Response {
    fn new(status: u16, reason: &'static str, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            reason,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
            head_only: false,
        }
    }

    fn text(status: u16, reason: &'static str, body: &str) -> Response {
        Response::new(
            status,
            reason,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut bytes = out.into_bytes();
        if !self.head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

/// The answer to a request whose head (request line and headers) is `head`.
fn respond(head: &str, shared: &Shared) -> Response {
    let mut lines = head.split("\r\n");
    let request = lines.next().unwrap_or("");
    let mut parts = request.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Response::text(400, "Bad Request", "malformed request line\n");
    };
    if !version.starts_with("HTTP/1.") {
        return Response::text(505, "HTTP Version Not Supported", "HTTP/1.x only\n");
    }
    // Only requests addressed to this machine by name: a web page elsewhere cannot read
    // the drafts through a host name it points at 127.0.0.1 (DNS rebinding).
    for line in lines {
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            let value = value.trim();
            let host = value.rsplit_once(':').map_or(value, |(h, port)| {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    h
                } else {
                    value
                }
            });
            if !matches!(host, "127.0.0.1" | "localhost") {
                return Response::text(
                    403,
                    "Forbidden",
                    "this server answers only http://127.0.0.1 and http://localhost\n",
                );
            }
        }
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let mut r = Response::text(405, "Method Not Allowed", "GET and HEAD only\n");
            r.headers.push(("Allow", "GET, HEAD".into()));
            return r;
        }
    };
    let mut response = respond_get(target, shared);
    response.head_only = head_only;
    response
}

fn respond_get(target: &str, shared: &Shared) -> Response {
    let raw_path = target.split(['?', '#']).next().unwrap_or("");
    if raw_path == VERSION_PATH {
        // `?after=N`: the open page already has generation N, so the answer waits
        // (long polling) until a rebuild changes it, or a few seconds pass; the page
        // reloads as soon as the rebuild is done instead of at its next poll.
        let after = target
            .split_once("?after=")
            .and_then(|(_, n)| n.parse::<u64>().ok());
        let (lock, changed) = &shared.bumped;
        let deadline = Instant::now() + LONG_POLL;
        let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        while after == Some(shared.generation.load(Ordering::SeqCst)) {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            guard = changed
                .wait_timeout(guard, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(guard);
        return Response::text(
            200,
            "OK",
            &shared.generation.load(Ordering::SeqCst).to_string(),
        );
    }
    let rel = match url_path(raw_path) {
        Ok(rel) => rel,
        Err(UrlProblem::Bad) => {
            return Response::text(
                400,
                "Bad Request",
                "a path with `..`, `.` or an undecodable part is refused\n",
            );
        }
        Err(UrlProblem::Hidden) => return not_found(shared, raw_path),
    };
    let _swap = shared.swap.read().unwrap_or_else(|e| e.into_inner());
    let mut path = shared.out.clone();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
    }
    if path.is_dir() {
        if !raw_path.ends_with('/') {
            let mut r = Response::text(301, "Moved Permanently", "moved\n");
            r.headers.push(("Location", format!("{raw_path}/")));
            return r;
        }
        path.push("index.html");
    }
    // Never outside the output directory (the build writes no symbolic links).
    let inside = match (
        std::fs::canonicalize(&path),
        std::fs::canonicalize(&shared.out),
    ) {
        (Ok(file), Ok(out)) => file.starts_with(out),
        _ => false,
    };
    if !inside || !path.is_file() {
        return not_found(shared, raw_path);
    }
    let Ok(body) = std::fs::read(&path) else {
        return not_found(shared, raw_path);
    };
    let content_type = content_type(&path);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&body);
        let notes = shared
            .notes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let body = inject(&html, alert(&notes, locale_of(&rel, &notes)).as_deref());
        return Response::new(200, "OK", content_type, body.into_bytes());
    }
    Response::new(200, "OK", content_type, body)
}

#[derive(Debug, PartialEq, Eq)]
enum UrlProblem {
    /// `..`, `.`, a backslash, NUL or bad percent-encoding.
    Bad,
    /// A hidden file (the output marker, temporary files).
    Hidden,
}

/// The decoded path of a request target, checked part by part.
fn url_path(raw: &str) -> std::result::Result<String, UrlProblem> {
    if !raw.starts_with('/') {
        return Err(UrlProblem::Bad);
    }
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3).ok_or(UrlProblem::Bad)?;
            decoded.push(u8::from_str_radix(hex, 16).map_err(|_| UrlProblem::Bad)?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(decoded).map_err(|_| UrlProblem::Bad)?;
    for part in decoded.split('/') {
        if part == "." || part == ".." || part.contains(['\\', '\0']) {
            return Err(UrlProblem::Bad);
        }
    }
    if decoded.split('/').any(|p| p.starts_with('.')) {
        return Err(UrlProblem::Hidden);
    }
    Ok(decoded)
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The locale whose errors a page at `rel` shows: its edition's, or the source's at the top.
fn locale_of<'n>(rel: &str, notes: &'n Notes) -> &'n str {
    let rel = rel.trim_start_matches('/');
    match rel.split_once('/') {
        Some((first, _)) => notes.locales.get(first).unwrap_or(&notes.source),
        None => &notes.source,
    }
}

/// The block of problems put at the top of a page, if there are any.
fn alert(notes: &Notes, locale: &str) -> Option<String> {
    let mut errors: Vec<&String> = notes.errors.get("").into_iter().flatten().collect();
    if !locale.is_empty() {
        errors.extend(notes.errors.get(locale).into_iter().flatten());
    }
    if notes.fatal.is_none() && errors.is_empty() {
        return None;
    }
    let more = errors.len().saturating_sub(MAX_LISTED);
    let missing = notes.missing.get(locale).copied().unwrap_or(0);
    Some(
        html! {
            div role="alert" class="fluentpress-diagnostics" lang="en" dir="ltr"
                style="margin:0;padding:1em 1.5em;border:4px solid #b00020;background:#fff;color:#1a1a1a;font:1rem/1.5 system-ui,sans-serif" {
                @if let Some(fatal) = &notes.fatal {
                    p { strong { "fluentpress serve: the site could not be built; this is the last good output." } }
                    pre style="white-space:pre-wrap;margin:0" { (fatal) }
                }
                @if !errors.is_empty() {
                    p { strong { "fluentpress serve: lint found " (errors.len()) " error" @if errors.len() != 1 { "s" } " in this edition:" } }
                    ul {
                        @for e in errors.iter().take(MAX_LISTED) { li { (e) } }
                        @if more > 0 { li { "… and " (more) " more (`fluentpress lint` lists them all)" } }
                        @if missing > 0 {
                            li { "Besides, " (missing) " message" @if missing != 1 { "s have" } @else { " has" } " no translation yet (`fluentpress status` counts them)." }
                        }
                    }
                }
            }
        }
        .into_string(),
    )
}

/// The script that reloads the page once the output changed.
fn reload_script() -> String {
    format!(
        "<script>/* fluentpress serve: reload after a rebuild */(function(){{var seen=null;function poll(){{fetch(\"{VERSION_PATH}\"+(seen===null?\"\":\"?after=\"+seen),{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(v){{if(seen!==null&&v!==seen){{location.reload();return}}seen=v;setTimeout(poll,0)}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// A served HTML page: the problems right after `<body>`, the reload script before `</body>`.
fn inject(html: &str, alert: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let body_at = html.find("<body>").map(|i| i + "<body>".len());
    match (body_at, alert) {
        (Some(at), Some(alert)) => {
            out.push_str(&html[..at]);
            out.push_str(alert);
            out.push_str(&html[at..]);
        }
        (None, Some(alert)) => {
            out.push_str(alert);
            out.push_str(html);
        }
        (_, None) => out.push_str(html),
    }
    let script = reload_script();
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

fn not_found(shared: &Shared, raw_path: &str) -> Response {
    let notes = shared
        .notes
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let page = html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Not found" } }
            body {
                main {
                    h1 { "Not found" }
                    p { "Nothing is published at " code { (raw_path) } ". " a href="/" { "The language editions" } }
                }
            }
        }
    }
    .into_string();
    let body = inject(&page, alert(&notes, &notes.source).as_deref());
    Response::new(
        404,
        "Not Found",
        "text/html; charset=utf-8",
        body.into_bytes(),
    )
}

/// `1 error`, `2 errors` (as `cli::count`, which this layer may not import).
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_are_decoded_and_checked() {
        assert_eq!(
            url_path("/ko/north%20korea.html").unwrap(),
            "/ko/north korea.html"
        );
        assert_eq!(url_path("/zh-Hans/").unwrap(), "/zh-Hans/");
        for bad in [
            "/../etc/passwd",
            "/ko/%2e%2e/x",
            "/a/./b",
            "/%zz",
            "/a%5cb",
            "relative",
            "/%ff",
        ] {
            assert_eq!(url_path(bad), Err(UrlProblem::Bad), "{bad}");
        }
        assert_eq!(url_path("/.fluentpress-output"), Err(UrlProblem::Hidden));
    }

    #[test]
    fn injects_escaped_problems_after_body_and_the_script_before_its_end() {
        let notes = Notes {
            fatal: None,
            errors: [(
                "ko".to_string(),
                vec!["locales/ko/a.ftl:1:1: <b>bad</b> [syntax-error]".to_string()],
            )]
            .into(),
            missing: [("ko".to_string(), 3), ("fr".to_string(), 2)].into(),
            source: "en".into(),
            locales: ["en".to_string(), "fr".to_string(), "ko".to_string()].into(),
        };
        let html = "<html><body><p>x</p></body></html>";
        assert_eq!(locale_of("/ko/a.html", &notes), "ko");
        assert_eq!(locale_of("/index.html", &notes), "en");
        assert_eq!(locale_of("/fr/a.html", &notes), "fr");
        assert_eq!(locale_of("/files/a.html", &notes), "en");
        let out = inject(html, alert(&notes, "ko").as_deref());
        assert!(
            out.starts_with("<html><body><div role=\"alert\" class=\"fluentpress-diagnostics\""),
            "{out}"
        );
        assert!(out.contains("&lt;b&gt;bad&lt;/b&gt;"), "{out}");
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(out.contains("3 messages have no translation yet"), "{out}");
        assert_eq!(alert(&notes, "en"), None);
        // Untranslated messages alone are progress, not a problem to announce.
        assert_eq!(alert(&notes, "fr"), None);
    }

    #[test]
    fn edits_map_to_the_editions_they_affect() {
        use crate::config::Config;
        let page = "+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\nText.\n";
        let p = Project::in_memory(
            Config::default(),
            &[("a", page), ("b", page)],
            &[("en", &[]), ("fr", &[]), ("ko", &[])],
        );
        let (en, fr, ko) = (
            p.locale_index("en").unwrap(),
            p.locale_index("fr").unwrap(),
            p.locale_index("ko").unwrap(),
        );
        let [a, b] = [0, 1].map(PageId::from_index);
        let set =
            |paths: &[&str]| affected(&p, &paths.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(set(&["locales/fr/a.ftl"]), Some(vec![(fr, a)]));
        assert_eq!(set(&["locales/ko/site.ftl"]), Some(vec![(ko, a), (ko, b)]));
        assert_eq!(
            set(&["content/b.md"]),
            Some(vec![(en, b), (fr, b), (ko, b)])
        );
        assert_eq!(
            set(&["locales/en/a.ftl"]),
            Some(vec![(en, a), (fr, a), (ko, a)])
        );
        assert_eq!(set(&["locales/en/site.ftl"]).unwrap().len(), 6);
        assert_eq!(
            set(&["locales/fr/gone.ftl", "locales/fr/notes.txt"]),
            Some(vec![])
        );
        assert_eq!(set(&["fluentpress.toml"]), None);
        assert_eq!(set(&["content/seal.png"]), None);
    }
}
