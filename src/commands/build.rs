//! `fluentpress build`: every (locale × page) rendered in parallel into HTML and plain
//! text, written as it is rendered, into a staging directory that replaces the output
//! only when everything succeeded.

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::lint::Settings;
use crate::locale::LocaleId;
use crate::output::Staging;
use crate::pipeline::report::Report;
use crate::pipeline::{Output, PageFacts, Renderer};
use crate::project::Project;
use crate::render::Site;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out: PathBuf,
    /// Only these locales (canonical tags); all when empty.
    pub locales: Vec<String>,
    /// Worker threads; rayon's default (one per core) when `None`.
    pub jobs: Option<usize>,
    pub strict: bool,
    pub text_width: Option<usize>,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
}

/// What a build did, per locale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocaleSummary {
    pub tag: String,
    pub pages: usize,
    pub files: usize,
    /// Passages shown in the source language.
    pub fallbacks: usize,
    /// Passages shown in the edition's language, and all passages ([`Coverage`]).
    pub translated: usize,
    pub total: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub locales: Vec<LocaleSummary>,
    /// Every finding, severities applied, sorted (what `lint` would report).
    pub diagnostics: Vec<Diagnostic>,
    /// Per page (in project order, [`PageId::index`]): what the build showed, the
    /// outputs written.
    pub pages: Vec<PageFacts>,
    /// False when `--strict` found errors: nothing was published, the previous output
    /// is as it was ([`Error::Strict`] is the caller's to raise after reporting).
    pub published: bool,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub seconds: f64,
}

/// Builds the site into `opts.out`.
pub fn build(project: &Project, opts: &BuildOptions, settings: &Settings) -> Result<BuildReport> {
    let started = Instant::now();
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let selected: Vec<LocaleId> = if opts.locales.is_empty() {
        project.locale_ids().collect()
    } else {
        project.locale_indices(&opts.locales)?
    };
    // Which editions are complete is learnt while building, page by page.
    let site = Site::unmeasured(project);
    let partial = !opts.locales.is_empty();
    let rebuilt: Vec<String> = selected
        .iter()
        .map(|&l| project.locale(l).locale.tag.clone())
        .collect();
    // A build of some locales keeps the other editions of the previous output.
    let carry = |rel: &str| {
        partial && {
            let top = rel.split('/').next().unwrap_or(rel);
            project.locale_index(top).is_some() && !rebuilt.iter().any(|t| t == top)
        }
    };
    crate::output::check_outside(&opts.out, &source_dirs(&project.root))?;
    let staging = Staging::begin(&opts.out, &carry)?;

    crate::pipeline::site::write_assets(project, &staging)?;

    let renderer = Renderer::new(project, opts.text_width);
    let progress = opts.progress.then(|| {
        let bar = indicatif::ProgressBar::new((project.pages.len() * selected.len()) as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} building {pos}/{len} pages {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let written = AtomicUsize::new(0);
    // One task a page: every locale's file for it is read once, each edition resolved
    // (the language menu says which are partial), the selected ones rendered and
    // written, and everything but a few facts dropped before the next page.
    let render = || -> Result<Vec<PageFacts>> {
        project
            .par_page_ids()
            .map(|p| {
                let page = project.entry(p);
                let rendered = renderer.render_page(p, &selected, Output::Files(&site));
                if !rendered.readable {
                    return Err(Error::PageUnreadable(
                        rendered.findings.iter().map(Diagnostic::one_line).collect(),
                    ));
                }
                for e in &rendered.editions {
                    let tag = &project.locale(e.locale_index).locale.tag;
                    let html = e.html.as_deref().unwrap_or_default();
                    let text = e.text.as_deref().unwrap_or_default();
                    staging.write(&format!("{tag}/{}.html", page.slug), html.as_bytes())?;
                    staging.write(&format!("{tag}/{}.txt", page.slug), text.as_bytes())?;
                    written.fetch_add(2, Ordering::Relaxed);
                    if let Some(bar) = &progress {
                        bar.inc(1);
                    }
                }
                // Only the small facts outlive the task.
                Ok(rendered.into_facts())
            })
            .collect()
    };
    let pages = match opts.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| Error::Usage(format!("--jobs {n}: {e}")))?
            .install(render)?,
        None => render()?,
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    // The lists of pages, the chooser, the status page and the sitemap come from the
    // same facts as the menus; the report from the same findings as lint's.
    crate::pipeline::site::write_after_pages(&renderer, &pages, &selected, &staging)?;
    let report = Report::of(project, settings, &pages, &selected);
    let summaries: Vec<LocaleSummary> = report
        .locales
        .iter()
        .map(|stats| {
            let pages = project.pages.len();
            LocaleSummary {
                tag: stats.locale.clone(),
                pages,
                files: pages * 2 + 1,
                fallbacks: stats.total - stats.translated,
                translated: stats.translated,
                total: stats.total,
                errors: stats.errors,
                warnings: stats.warnings,
            }
        })
        .collect();
    let diagnostics = report.diagnostics;

    let errors = crate::diagnostic::count(&diagnostics, Severity::Error);
    let warnings = crate::diagnostic::count(&diagnostics, Severity::Warning);
    if opts.strict && errors > 0 {
        // The staging directory is dropped, so the previous output stays; the caller
        // reports the errors, then fails.
        return Ok(BuildReport {
            locales: summaries,
            diagnostics,
            pages,
            files: 0,
            errors,
            warnings,
            seconds: started.elapsed().as_secs_f64(),
            published: false,
        });
    }
    let files = written.load(Ordering::Relaxed) + summaries.len() + 4;
    staging.commit()?;
    Ok(BuildReport {
        published: true,
        locales: summaries,
        diagnostics,
        pages,
        files,
        errors,
        warnings,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The site's source directories, which no output may be inside (or hold).
pub fn source_dirs(root: &std::path::Path) -> [(&'static str, PathBuf); 2] {
    [crate::project::CONTENT_DIR, crate::project::LOCALES_DIR].map(|dir| (dir, root.join(dir)))
}
