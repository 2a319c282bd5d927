//! `fluentpress build`: every (locale × page) rendered in parallel into HTML and plain
//! text, written as it is rendered, into a staging directory that replaces the output
//! only when everything succeeded.

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::lint::{self, Settings};
use crate::locale::LocaleId;
use crate::output::Staging;
use crate::pipeline::{EditionFacts, Output, PageFacts, Renderer};
use crate::project::{PageId, Project};
use crate::render::{self, Site, html::ListedPage};
use crate::resolve::{Coverage, Layout};
use rayon::prelude::*;
use std::collections::BTreeMap;
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

const STYLE: &str = include_str!("../assets/style.css");
const SEAL: &str = include_str!("../assets/seal.svg");

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

    staging.write("style.css", STYLE.as_bytes())?;
    staging.write("seal.svg", SEAL.as_bytes())?;
    copy_content_files(project, &staging)?;

    let renderer = Renderer::new(project, opts.text_width);
    let layouts = &renderer.layouts;
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
    // Every locale was resolved for every page: the editions' completeness and the
    // status page come from the same coverage as the menus and the summaries.
    let site = renderer.site_from(pages.iter().map(|p| &p.coverage));

    // Lint: the project's static checks and what each page's files and editions showed.
    let mut diagnostics = lint::project_checks(project);
    for page in &pages {
        diagnostics.extend(page.findings.iter().cloned());
        for e in &page.editions {
            diagnostics.extend(e.diagnostics.iter().cloned());
        }
    }
    let mut per_locale_coverage: BTreeMap<LocaleId, Coverage> = BTreeMap::new();
    for page in &pages {
        for e in &page.editions {
            per_locale_coverage
                .entry(e.locale_index)
                .or_default()
                .add(e.coverage);
        }
    }
    diagnostics.extend(settings.coverage_gate(project, &per_locale_coverage));
    settings.apply(project, &mut diagnostics);

    // Each edition's list of pages.
    let mut per_locale: BTreeMap<LocaleId, Vec<(PageId, &EditionFacts)>> = BTreeMap::new();
    for (p, page) in project.page_ids().zip(&pages) {
        for e in &page.editions {
            per_locale.entry(e.locale_index).or_default().push((p, e));
        }
    }
    let mut summaries = Vec::new();
    for &l in &selected {
        let results = per_locale.remove(&l).unwrap_or_default();
        let mut listed: Vec<(i64, &str, ListedPage)> = results
            .iter()
            .map(|(p, r)| {
                let page = project.entry(*p);
                (page.weight, page.slug.as_str(), r.listed(&page.slug))
            })
            .collect();
        listed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let listed: Vec<ListedPage> = listed.into_iter().map(|(_, _, p)| p).collect();
        let tag = &project.locale(l).locale.tag;
        staging.write(
            &format!("{tag}/index.html"),
            render::html::edition_index(&layouts[l], &site, &listed).as_bytes(),
        )?;
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity == severity && d.locale.as_deref() == Some(tag.as_str()))
                .count()
        };
        summaries.push(LocaleSummary {
            tag: tag.clone(),
            pages: results.len(),
            files: results.len() * 2 + 1,
            fallbacks: results
                .iter()
                .map(|(_, r)| r.coverage.total - r.coverage.translated)
                .sum(),
            translated: results.iter().map(|(_, r)| r.coverage.translated).sum(),
            total: results.iter().map(|(_, r)| r.coverage.total).sum(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        });
    }

    // The language chooser, the sitemap, the status page.
    let pairs: Vec<(&render::EditionInfo, &Layout)> = site
        .editions
        .iter()
        .map(|e| (e, &layouts[e.locale_index]))
        .collect();
    staging.write(
        "index.html",
        render::html::chooser(&pairs, &site, &layouts[project.source], true).as_bytes(),
    )?;
    staging.write_with("status.html", |out| {
        render::status::write_html_page(
            project,
            &site,
            &layouts[project.source],
            &project.translated_locales(&[]),
            &|l, p| pages[p.index()].coverage[l],
            out,
        )
    })?;
    if let Some(base) = &site.base_url {
        staging.write("sitemap.xml", sitemap(project, &site, base).as_bytes())?;
    }

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

/// Files in `content/` that are not pages (images, PDFs) go to `files/`; symbolic
/// links are not followed.
fn copy_content_files(project: &Project, staging: &Staging) -> Result<()> {
    let dir = project.root.join(crate::project::CONTENT_DIR);
    for entry in crate::fsutil::walk(&dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            match e.into_io_error() {
                Some(io) => Error::io(path, io),
                None => Error::io(path, std::io::Error::other("a file system loop")),
            }
        })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        let rel = crate::fsutil::rel_path(&dir, entry.path());
        staging.write(&format!("files/{rel}"), &bytes)?;
    }
    Ok(())
}

/// `sitemap.xml` with every edition of every page as alternates.
fn sitemap(project: &Project, site: &Site, base: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in &project.pages {
        for e in &site.editions {
            out.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                esc(&format!("{base}{}/{}.html", e.tag, page.slug))
            ));
            for alt in &site.editions {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    esc(&alt.tag),
                    esc(&format!("{base}{}/{}.html", alt.tag, page.slug))
                ));
            }
            if let Some(source) = site.edition(project.source) {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                    esc(&format!("{base}{}/{}.html", source.tag, page.slug))
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}
