//! What `serve` keeps between saves and how it applies one: the facts of every page
//! (per locale: title, coverage, findings; per page: its findings and the pages it links
//! to) from the last render, the heading anchors other pages' links were checked
//! against, and the site's shape. A save re-renders the editions [`super::plan`] names,
//! widens the set by what the new facts say changed, writes the changed files in place,
//! then the site stage and the report run over the kept facts exactly as the build runs
//! them over a full render's — so the served output is what a fresh build writes, and
//! the page alerts are what `lint` reports.

use super::plan::{self, EditionKey, Shape};
use super::watch::{self, Stamps};
use crate::commands::build::{self, BuildOptions};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::error::{Error, Result};
use crate::lint::Settings;
use crate::locale::LocaleId;
use crate::output::Sink;
use crate::pipeline::report::Report;
use crate::pipeline::{Output, PageFacts, RenderedPage, Renderer};
use crate::project::{PageId, Project};
use crate::render::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Instant;

/// What the server shows besides the files.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    /// Why the site could not be loaded or built; the last good output is served.
    pub fatal: Option<String>,
    /// Lint errors by locale tag (`""`: errors that concern no locale), but for
    /// `missing-message`: an edition in progress is not broken, and its pages already say
    /// how many passages are untranslated.
    pub errors: BTreeMap<String, Vec<String>>,
    /// `missing-message` errors by locale tag, mentioned with the other errors.
    pub missing: BTreeMap<String, usize>,
    /// The source locale, whose errors the top-level pages show.
    pub source: String,
    /// Every locale's tag (the output's top-level directories of editions).
    pub locales: BTreeSet<String>,
}

impl Notes {
    /// How an error is listed at the top of a page.
    pub fn line(d: &Diagnostic) -> String {
        format!(
            "{}:{}:{}: {} [{}]",
            d.file, d.line, d.column, d.message, d.rule
        )
    }
}

/// What the watcher shares with the HTTP server.
pub(super) struct Shared {
    pub(super) out: PathBuf,
    /// Bumped after every rebuild that changed an output file or the notes.
    pub(super) generation: AtomicU64,
    /// Signalled after every bump, for the version requests waiting for one.
    pub(super) bumped: (Mutex<()>, Condvar),
    pub(super) notes: RwLock<Notes>,
    /// Held for writing while a full build swaps the output directory in.
    pub(super) swap: RwLock<()>,
}

impl Shared {
    pub(super) fn new(out: &Path) -> Shared {
        Shared {
            out: out.to_path_buf(),
            generation: AtomicU64::new(1),
            bumped: (Mutex::new(()), Condvar::new()),
            notes: RwLock::new(Notes::default()),
            swap: RwLock::new(()),
        }
    }
}

/// What is known of the output on disk, from the last render.
struct Kept {
    shape: Shape,
    /// Every page's facts, in project order, with every locale's edition.
    pages: Vec<PageFacts>,
    /// [`plan::anchor_digests`] of the site rendered.
    anchors: Vec<u64>,
}

/// A served site: its output directory and what is kept of it between saves.
pub struct Session {
    root: PathBuf,
    out: PathBuf,
    shared: Arc<Shared>,
    stamps: Stamps,
    /// `None` when the output is not known to be current (at the start, after a failure).
    kept: Option<Kept>,
    /// `-q`: say nothing on standard error but errors.
    quiet: bool,
}

/// The served directory written in place: a file is replaced (atomically) only when its
/// bytes change, and the paths replaced are collected.
struct InPlace<'o> {
    out: &'o Path,
    written: Mutex<Vec<String>>,
}

impl Sink for InPlace<'_> {
    fn put(&self, rel: &str, contents: &[u8]) -> Result<()> {
        let path = self.out.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == contents) {
            return Ok(());
        }
        crate::fsutil::write_atomic(&path, contents)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(rel.to_string());
        Ok(())
    }

    fn put_with(
        &self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes).map_err(|e| Error::io(self.out.join(rel), e))?;
        self.put(rel, &bytes)
    }
}

/// What applying a save did.
enum Applied {
    /// The normal build ran.
    Everything,
    /// These editions were rendered, and these files changed.
    InPlace {
        rendered: BTreeSet<EditionKey>,
        written: Vec<String>,
    },
}

impl Session {
    /// A session serving `out` for the site at `root` (nothing is built yet: see
    /// [`Session::apply`]).
    pub fn new(root: &Path, out: &Path) -> Session {
        Session::with_shared(root, Arc::new(Shared::new(out)), false)
    }

    pub(super) fn with_shared(root: &Path, shared: Arc<Shared>, quiet: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            out: shared.out.clone(),
            stamps: watch::snapshot(root),
            shared,
            kept: None,
            quiet,
        }
    }

    /// What the server shows besides the files now.
    pub fn notes(&self) -> Notes {
        self.shared
            .notes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Looks at the files and applies what changed since the last look.
    pub(super) fn look(&mut self) {
        let now = watch::snapshot(&self.root);
        if now == self.stamps {
            return;
        }
        let changed = watch::changes(&self.stamps, &now);
        self.stamps = now;
        self.apply(Some(&changed));
    }

    /// Brings the output up to date after `changed` files changed (paths relative to
    /// the root, `/`-separated; `None`: anything may have changed).
    pub fn apply(&mut self, changed: Option<&[String]>) {
        let loaded = Project::load(&self.root);
        self.apply_loaded(loaded, changed);
    }

    pub(super) fn apply_loaded(&mut self, loaded: Result<Project>, changed: Option<&[String]>) {
        let started = Instant::now();
        if let Some(changed) = changed
            && !self.quiet
        {
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
        let site = Site::unmeasured(&project);
        let shape = Shape::of(&project, &site);
        let keys = match (changed, &self.kept) {
            (Some(changed), Some(kept)) if kept.shape == shape => plan::affected(&project, changed),
            _ => None,
        };
        let applied = match keys {
            Some(keys) => self.update(&renderer, &site, keys),
            None => self.full(&renderer, &settings, shape),
        };
        let applied = match applied {
            Ok(applied) => applied,
            Err(e) => return self.fail(e.to_string()),
        };
        let every: Vec<LocaleId> = project.locale_ids().collect();
        let kept = self.kept.as_ref().expect("kept after a render");
        let report = Report::of(&project, &settings, &kept.pages, &every);
        let shown: BTreeSet<LocaleId> = match &applied {
            Applied::InPlace { rendered, .. } => rendered.iter().map(|&(_, l)| l).collect(),
            Applied::Everything => every.iter().copied().collect(),
        };
        print_findings(&project, &report, &shown, self.quiet);
        let notes = notes_of(&project, &report);
        if matches!(&applied, Applied::Everything)
            || matches!(&applied, Applied::InPlace { written, .. } if !written.is_empty())
        {
            self.bump();
        }
        self.set_notes(notes);
        let lint = format!(
            "lint: {}, {}",
            count(report.errors(), "error", "errors"),
            count(report.warnings(), "warning", "warnings")
        );
        match applied {
            _ if self.quiet => {}
            Applied::InPlace { rendered, written } => eprintln!(
                "re-rendered {} in {:.2} s: {}; wrote {}; {lint}",
                count(rendered.len(), "page edition", "page editions"),
                started.elapsed().as_secs_f64(),
                rendered
                    .iter()
                    .map(|&(p, l)| format!(
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
            ),
            Applied::Everything => eprintln!(
                "built everything in {:.2} s; {lint}",
                started.elapsed().as_secs_f64(),
            ),
        }
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
        self.kept = None;
        let mut notes = self.notes();
        notes.fatal = Some(why);
        self.set_notes(notes);
    }

    /// The normal build into the output directory (swapped in whole); its facts are kept.
    fn full(
        &mut self,
        renderer: &Renderer<'_>,
        settings: &Settings,
        shape: Shape,
    ) -> Result<Applied> {
        let project = renderer.project;
        let opts = BuildOptions {
            out: self.out.clone(),
            locales: Vec::new(),
            jobs: None,
            strict: false,
            text_width: None,
            progress: false,
        };
        self.kept = None;
        let report = {
            let _swap = self.shared.swap.write().unwrap_or_else(|e| e.into_inner());
            build::build(project, &opts, settings)?
        };
        self.kept = Some(Kept {
            shape,
            pages: report.pages,
            anchors: plan::anchor_digests(project),
        });
        Ok(Applied::Everything)
    }

    /// Renders `keys` and whatever the new facts say they affect, and writes what changed
    /// in place: those editions' files, then the site stage over the kept facts.
    fn update(
        &mut self,
        renderer: &Renderer<'_>,
        site: &Site,
        keys: BTreeSet<EditionKey>,
    ) -> Result<Applied> {
        let project = renderer.project;
        let kept = self.kept.as_mut().expect("an update follows a render");
        let anchors = plan::anchor_digests(project);
        let mut todo = keys;
        todo.extend(plan::relinked(
            project,
            &kept.pages,
            &kept.anchors,
            &anchors,
        ));
        let mut rendered: BTreeSet<EditionKey> = BTreeSet::new();
        let mut outputs: BTreeMap<EditionKey, (String, String)> = BTreeMap::new();
        while !todo.is_empty() {
            let mut by_page: BTreeMap<PageId, Vec<LocaleId>> = BTreeMap::new();
            for &(p, l) in &todo {
                by_page.entry(p).or_default().push(l);
            }
            let pages: Vec<(PageId, RenderedPage)> = by_page
                .par_iter()
                .map(|(&p, locales)| (p, renderer.render_page(p, locales, Output::Files(site))))
                .collect();
            let mut next = BTreeSet::new();
            for (p, page) in pages {
                if !page.readable {
                    return Err(Error::PageUnreadable(
                        page.findings.iter().map(Diagnostic::one_line).collect(),
                    ));
                }
                let facts = &mut kept.pages[p.index()];
                let widen = plan::partial_marks_differ(&facts.coverage, &page.coverage);
                if widen {
                    // The page's language menu changed: every edition of it says so.
                    next.extend(
                        project
                            .locale_ids()
                            .map(|l| (p, l))
                            .filter(|k| !rendered.contains(k) && !todo.contains(k)),
                    );
                }
                facts.coverage = page.coverage.map(Option::unwrap_or_default);
                facts.findings = page.findings;
                facts.links = page.links;
                for mut e in page.editions {
                    let l = e.locale_index;
                    let files = (
                        e.html.take().unwrap_or_default(),
                        e.text.take().unwrap_or_default(),
                    );
                    outputs.insert((p, l), files);
                    rendered.insert((p, l));
                    let e = e.into_facts();
                    match facts.editions.iter_mut().find(|k| k.locale_index == l) {
                        Some(k) => *k = e,
                        None => {
                            facts.editions.push(e);
                            facts.editions.sort_by_key(|k| k.locale_index);
                        }
                    }
                }
            }
            todo = next;
        }
        // A build started meanwhile (by hand, or CI) must not swap the directory away
        // while files are written into it.
        let _lock = crate::output::lock(&self.out)?;
        let sink = InPlace {
            out: &self.out,
            written: Mutex::new(Vec::new()),
        };
        for (&(p, l), (html, text)) in &outputs {
            let tag = &project.locale(l).locale.tag;
            let slug = &project.entry(p).slug;
            sink.put(&format!("{tag}/{slug}.html"), html.as_bytes())?;
            sink.put(&format!("{tag}/{slug}.txt"), text.as_bytes())?;
        }
        let every: Vec<LocaleId> = project.locale_ids().collect();
        crate::pipeline::site::write_after_pages(renderer, &kept.pages, &every, &sink)?;
        kept.anchors = anchors;
        Ok(Applied::InPlace {
            rendered,
            written: sink.written.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }
}

/// Prints the report's findings of the `shown` locales (and of none) on standard error,
/// one line each (only errors when `quiet`); untranslated messages are counted, not
/// listed: `status` has them.
fn print_findings(project: &Project, report: &Report, shown: &BTreeSet<LocaleId>, quiet: bool) {
    let tags: BTreeSet<&str> = shown
        .iter()
        .map(|&l| project.locale(l).locale.tag.as_str())
        .collect();
    let mut untranslated: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        if d.locale.as_deref().is_none_or(|t| tags.contains(t)) {
            if d.rule == Rule::MissingMessage {
                *untranslated
                    .entry(d.locale.as_deref().unwrap_or(""))
                    .or_default() += 1;
            } else if !quiet || d.severity == Severity::Error {
                eprintln!("{}", d.one_line());
            }
        }
    }
    for (tag, count) in untranslated.into_iter().filter(|_| !quiet) {
        eprintln!(
            "{tag}: {} no translation yet (`fluentpress status --locale {tag}`)",
            if count == 1 {
                "1 message has".to_string()
            } else {
                format!("{count} messages have")
            }
        );
    }
}

/// The notes shown at the top of the pages: the report's errors by locale.
fn notes_of(project: &Project, report: &Report) -> Notes {
    let mut notes = Notes {
        fatal: None,
        errors: BTreeMap::new(),
        missing: BTreeMap::new(),
        source: project.source_locale().locale.tag.clone(),
        locales: project
            .locales
            .iter()
            .map(|l| l.locale.tag.clone())
            .collect(),
    };
    for d in &report.diagnostics {
        if d.rule == Rule::MissingMessage {
            *notes
                .missing
                .entry(d.locale.clone().unwrap_or_default())
                .or_default() += 1;
        } else if d.severity == Severity::Error {
            notes
                .errors
                .entry(d.locale.clone().unwrap_or_default())
                .or_default()
                .push(Notes::line(d));
        }
    }
    notes
}

/// `1 error`, `2 errors` (as `cli::count`, which this layer may not import).
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}
