//! The one page renderer. Every command that needs to know what a page shows — `build`,
//! `serve`, `lint`, `status`, the status page, the fuzz target — goes through
//! [`Renderer::render_page`]: it builds the page's model, runs the checks of its source
//! content, reads each locale's file for the page once and judges it ([`judge`], which
//! `import` also calls on the files it writes), renders the HTML and text outputs when
//! asked, and returns every fact the drivers need: outputs, diagnostics, coverage (the
//! one definition of "translated"), the title as the page lists show it, and the pages
//! it links to. Nothing of the page is kept after it returns but those facts; the site
//! stage ([`site`]) and the report ([`report`]) are made from them.

pub mod report;

use crate::checks::SourceChecks;
pub mod site;

use crate::diagnostic::{Diagnostic, Rule};
use crate::locale::{LocaleId, PerLocale};
use crate::project::Page;
use crate::project::{PageId, Project};
use crate::render::{self, Site, html::ListedPage};
use crate::resolve::{Coverage, Edition, Layout, Shown};

/// What a run shares across its pages: each locale's layout strings and the text width.
pub struct Renderer<'p> {
    pub project: &'p Project,
    pub layouts: PerLocale<Layout<'p>>,
    pub text_width: usize,
}

/// What to make of a page.
#[derive(Clone, Copy)]
pub enum Output<'s> {
    /// Resolve and check only (lint, status).
    Facts,
    /// Also render the HTML and text files (build, serve). Every locale is resolved then,
    /// since the page's language menu says which of its editions are partial.
    Files(&'s Site),
}

/// One edition of a page.
#[derive(Debug, Clone)]
pub struct RenderedEdition {
    pub locale_index: LocaleId,
    /// The page's title in this edition, as page lists show it.
    pub title: String,
    /// Whether the title is shown in the source language.
    pub title_fallback: bool,
    pub coverage: Coverage,
    /// The message ids of the segments shown in the source language, and why: what
    /// `status --list` names.
    pub fallbacks: Vec<(String, crate::resolve::Fallback)>,
    /// Everything found about this locale's file for the page: reading it, its Fluent
    /// structure against the reference, and each segment's translation.
    pub diagnostics: Vec<Diagnostic>,
    /// `<tag>/<slug>.html` and `.txt`, with [`Output::Files`].
    pub html: Option<String>,
    pub text: Option<String>,
}

/// What a driver keeps of an edition once its files are written (the build keeps one
/// per page and locale until the indexes are made, so it is small).
#[derive(Debug, Clone)]
pub struct EditionFacts {
    pub locale_index: LocaleId,
    pub title: Box<str>,
    pub title_fallback: bool,
    pub coverage: Coverage,
    pub diagnostics: Vec<Diagnostic>,
}

impl EditionFacts {
    /// The edition's entry in its list of pages.
    pub fn listed(&self, slug: &str) -> ListedPage {
        ListedPage {
            slug: slug.to_string(),
            title: self.title.to_string(),
            fallback: self.title_fallback,
        }
    }
}

impl RenderedEdition {
    /// The facts, without the outputs.
    pub fn into_facts(self) -> EditionFacts {
        EditionFacts {
            locale_index: self.locale_index,
            title: self.title.into_boxed_str(),
            title_fallback: self.title_fallback,
            coverage: self.coverage,
            diagnostics: self.diagnostics,
        }
    }
}

/// What a driver keeps of a page once its files are written.
#[derive(Debug, Clone)]
pub struct PageFacts {
    /// Coverage of every locale (the build resolves them all for the menus).
    pub coverage: PerLocale<Coverage>,
    /// The selected editions, in locale order.
    pub editions: Vec<EditionFacts>,
    pub findings: Vec<Diagnostic>,
    /// The pages this page links to (its link checks depend on their headings).
    pub links: Vec<PageId>,
}

impl RenderedPage {
    /// The facts, without the outputs.
    pub fn into_facts(self) -> PageFacts {
        PageFacts {
            coverage: self.coverage.map(Option::unwrap_or_default),
            editions: self
                .editions
                .into_iter()
                .map(RenderedEdition::into_facts)
                .collect(),
            findings: self.findings,
            links: self.links,
        }
    }
}

/// One page in the selected locales.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// Coverage of every resolved locale (`None`: not resolved).
    pub coverage: PerLocale<Option<Coverage>>,
    /// The selected editions, in locale order.
    pub editions: Vec<RenderedEdition>,
    /// What was found of the page itself, whatever the locales: the checks of its source
    /// content, a reference file out of date with it, or why it could not be read.
    pub findings: Vec<Diagnostic>,
    /// False when the page could not be read again (it changed or
    /// vanished since the load): nothing was rendered, and `findings` says why.
    pub readable: bool,
    /// The pages this page links to.
    pub links: Vec<PageId>,
}

/// The one judgement of a locale's file for a page (`files`: the locale's, whose
/// `site.ftl` shares the page's bundle): which text each segment shows, and why it falls
/// back, and everything lint says of the file — its Fluent structure against the
/// reference, and each translation against its source. Every page the pipeline renders
/// is judged here, and `import` judges each file it writes here, so its report is what
/// `lint` says of the written file.
pub fn judge<'p>(
    project: &'p Project,
    files: &crate::project::LocaleFiles,
    page: &'p Page,
    checks: &SourceChecks,
    file: Option<&crate::ftl::FtlFile>,
) -> (Vec<Shown<'p>>, Vec<Diagnostic>) {
    let mut diagnostics = crate::lint::page_checks(project, files, page, file);
    let (shown, found) =
        crate::resolve::resolve_segments(project, files, page, &checks.broken, file);
    diagnostics.extend(found);
    (shown, diagnostics)
}

impl<'p> Renderer<'p> {
    /// The site's editions, each marked complete when no page of it shows a passage in
    /// the source language: `coverage` gives each page's coverage by locale.
    pub fn site_from<'c>(
        &self,
        coverage: impl Iterator<Item = &'c PerLocale<Coverage>> + Clone,
    ) -> Site {
        let mut site = Site::unmeasured(self.project);
        for e in &mut site.editions {
            e.complete = coverage
                .clone()
                .all(|c| !c.get(e.locale_index).is_some_and(Coverage::is_partial));
        }
        site
    }

    /// The site with completeness measured by resolving every page (for drivers that
    /// need it before rendering: the tests and the fuzz target).
    pub fn site(&self) -> Site {
        use rayon::prelude::*;
        let every: Vec<LocaleId> = self.project.locale_ids().collect();
        let coverage: Vec<PerLocale<Coverage>> = self
            .project
            .par_page_ids()
            .map(|p| {
                self.render_page(p, &every, Output::Facts)
                    .coverage
                    .map(Option::unwrap_or_default)
            })
            .collect();
        self.site_from(coverage.iter())
    }

    /// `text_width` overrides the configuration's.
    pub fn new(project: &'p Project, text_width: Option<usize>) -> Renderer<'p> {
        Renderer {
            project,
            layouts: PerLocale::from_fn(project.locales.len(), |l| Layout::new(project, l)),
            text_width: text_width.unwrap_or(project.config.text_width),
        }
    }

    /// Resolves page `p` in the `selected` locales (sorted), renders them with
    /// [`Output::Files`], and checks each locale's file for it.
    pub fn render_page(
        &self,
        p: PageId,
        selected: &[LocaleId],
        output: Output<'_>,
    ) -> RenderedPage {
        let project = self.project;
        let slug = &project.entry(p).slug;
        // The reference file gives the page its ids and is the source edition's file.
        let (reference, mut reference_problems) = project.page_file(project.source, slug);
        let page = match project.page(p, reference.as_ref()) {
            Ok(page) => page,
            Err(findings) => {
                return RenderedPage {
                    coverage: PerLocale::from_fn(project.locales.len(), |_| None),
                    editions: Vec::new(),
                    findings,
                    readable: false,
                    links: Vec::new(),
                };
            }
        };
        let page = &page;
        // The source content's own checks, once: each translation carries its links.
        let checks = SourceChecks::of(
            page,
            project.site_index(),
            &project.config.source_locale.tag,
        );
        let resolved: Vec<LocaleId> = match output {
            Output::Facts => selected.to_vec(),
            Output::Files(_) => project.locale_ids().collect(),
        };
        let mut coverage = PerLocale::from_fn(project.locales.len(), |_| None);
        let mut editions = Vec::with_capacity(resolved.len());
        for &l in &resolved {
            let read;
            let (file, read_problems) = if l == project.source {
                (reference.as_ref(), std::mem::take(&mut reference_problems))
            } else {
                read = project.page_file(l, slug);
                (read.0.as_ref(), read.1)
            };
            let files = project.locale(l);
            if !selected.contains(&l) {
                // Only its coverage: the language menu's partial mark.
                let (shown, _) =
                    crate::resolve::resolve_segments(project, files, page, &checks.broken, file);
                coverage[l] = Some(Coverage::of(&shown));
                continue;
            }
            let (shown, found) = judge(project, files, page, &checks, file);
            let edition = Edition::new(&self.layouts[l], page, shown);
            coverage[l] = Some(edition.coverage());
            let mut diagnostics = read_problems;
            diagnostics.extend(found);
            editions.push((edition, diagnostics));
        }
        let partial = PerLocale::from_fn(coverage.len(), |l| {
            coverage[l].is_some_and(|c: Coverage| c.is_partial())
        });
        let editions = editions
            .into_iter()
            .map(|(edition, diagnostics)| {
                let (html, text) = match output {
                    Output::Facts => (None, None),
                    Output::Files(site) => (
                        Some(render::html::page(&edition, site, &partial)),
                        Some(render::text::page(&edition, site, self.text_width)),
                    ),
                };
                let title = &edition.shown[page.title_segment];
                let title_fallback = title.fallback.is_some();
                let title = crate::markdown::plain_text(&title.inlines);
                let coverage = edition.coverage();
                let fallbacks = edition
                    .shown
                    .iter()
                    .zip(&page.segments)
                    .filter_map(|(s, seg)| s.fallback.map(|f| (seg.id.clone(), f)))
                    .collect();
                RenderedEdition {
                    locale_index: edition.locale_index,
                    title,
                    title_fallback,
                    coverage,
                    fallbacks,
                    diagnostics,
                    html,
                    text,
                }
            })
            .collect();
        let mut findings = checks.findings;
        // The reference file is current when it reads as `extract` would write it now.
        if !crate::extract::reference_is_current(project, page) {
            let path = project.source_locale().page_path(slug);
            findings.push(
                Diagnostic::new(
                    Rule::StaleReference,
                    &path,
                    (1, 1),
                    format!("`{path}` is out of date with content/"),
                )
                .locale(&project.source_locale().locale.tag)
                .help("run `fluentpress extract` and commit the result"),
            );
        }
        let links = crate::checks::links::linked_pages(page)
            .iter()
            .filter_map(|slug| project.page_id(slug))
            .collect();
        RenderedPage {
            coverage,
            editions,
            findings,
            readable: true,
            links,
        }
    }
}
