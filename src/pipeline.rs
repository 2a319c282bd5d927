//! The one page renderer. Every command that needs to know what a page shows — `build`,
//! `serve`, `lint`, `status`, the status page, the fuzz target — goes through
//! [`Renderer::render_page`]: it reads each locale's file for the page once, resolves
//! the editions (which text each segment shows, and why), renders the HTML and text
//! outputs when asked, and returns every fact the drivers need: outputs, diagnostics,
//! coverage (the one definition of "translated") and the title as the page lists show it.
//! Nothing of the page is kept after it returns.

use crate::diagnostic::Diagnostic;
use crate::project::{Page, Project};
use crate::render::{self, Site, html::ListedPage};
use crate::resolve::{Coverage, Edition, Layout};

/// What a run shares across its pages: each locale's layout strings and the text width.
pub struct Renderer<'p> {
    pub project: &'p Project,
    /// Indexed by locale.
    pub layouts: Vec<Layout<'p>>,
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
    pub locale_index: usize,
    /// The page's title in this edition, as page lists show it.
    pub title: ListedPage,
    pub coverage: Coverage,
    /// The segments (indices into the page's `segments`) shown in the source language,
    /// and why: what `status --list` names.
    pub fallbacks: Vec<(usize, crate::resolve::Fallback)>,
    /// Everything found about this locale's file for the page: reading it, its Fluent
    /// structure against the reference, and each segment's translation.
    pub diagnostics: Vec<Diagnostic>,
    /// `<tag>/<slug>.html` and `.txt`, with [`Output::Files`].
    pub html: Option<String>,
    pub text: Option<String>,
}

/// One page in the selected locales.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// Coverage of every resolved locale, indexed by locale (`None`: not resolved).
    pub coverage: Vec<Option<Coverage>>,
    /// The selected editions, in locale order.
    pub editions: Vec<RenderedEdition>,
}

impl<'p> Renderer<'p> {
    /// The site's editions, each marked complete when no page of it shows a passage in
    /// the source language. `coverage[page][locale]`, as [`RenderedPage::coverage`] gives.
    pub fn site_from(&self, coverage: &[Vec<Coverage>]) -> Site {
        let mut site = Site::unmeasured(self.project);
        for e in &mut site.editions {
            e.complete = coverage
                .iter()
                .all(|c| !c.get(e.locale_index).is_some_and(Coverage::is_partial));
        }
        site
    }

    /// The site with completeness measured by resolving every page (for drivers that
    /// need it before rendering: the tests and the fuzz target).
    pub fn site(&self) -> Site {
        use rayon::prelude::*;
        let every: Vec<usize> = (0..self.project.locales.len()).collect();
        let coverage: Vec<Vec<Coverage>> = self
            .project
            .pages
            .par_iter()
            .map(|page| {
                self.render_page(page, &every, Output::Facts)
                    .coverage
                    .into_iter()
                    .map(Option::unwrap_or_default)
                    .collect()
            })
            .collect();
        self.site_from(&coverage)
    }

    /// `text_width` overrides the configuration's.
    pub fn new(project: &'p Project, text_width: Option<usize>) -> Renderer<'p> {
        Renderer {
            project,
            layouts: (0..project.locales.len())
                .map(|l| Layout::new(project, l))
                .collect(),
            text_width: text_width.unwrap_or(project.config.text_width),
        }
    }

    /// Resolves `page` in the `selected` locales (sorted), renders them with
    /// [`Output::Files`], and checks each locale's file for it.
    pub fn render_page(&self, page: &Page, selected: &[usize], output: Output<'_>) -> RenderedPage {
        let project = self.project;
        let resolved: Vec<usize> = match output {
            Output::Facts => selected.to_vec(),
            Output::Files(_) => (0..project.locales.len()).collect(),
        };
        let mut coverage = vec![None; project.locales.len()];
        let mut editions = Vec::with_capacity(resolved.len());
        for &l in &resolved {
            let (file, read_problems) = project.page_file(l, &page.slug);
            let edition = Edition::new(&self.layouts[l], page, file.as_deref());
            coverage[l] = Some(edition.coverage());
            if !selected.contains(&l) {
                continue;
            }
            let mut diagnostics = read_problems;
            diagnostics.extend(crate::lint::page_checks(project, l, page, file.as_deref()));
            editions.push((edition, diagnostics));
        }
        let partial: Vec<bool> = coverage
            .iter()
            .map(|c| c.is_some_and(|c| c.is_partial()))
            .collect();
        let editions = editions
            .into_iter()
            .map(|(edition, mut diagnostics)| {
                let (html, text) = match output {
                    Output::Facts => (None, None),
                    Output::Files(site) => (
                        Some(render::html::page(&edition, site, &partial)),
                        Some(render::text::page(&edition, site, self.text_width)),
                    ),
                };
                let title = &edition.shown[page.title_segment];
                let title = ListedPage {
                    slug: page.slug.clone(),
                    title: crate::markdown::plain_text(&title.inlines),
                    fallback: title.fallback.is_some(),
                };
                let coverage = edition.coverage();
                let fallbacks = edition
                    .shown
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| s.fallback.map(|f| (i, f)))
                    .collect();
                diagnostics.extend(edition.diagnostics);
                RenderedEdition {
                    locale_index: edition.locale_index,
                    title,
                    coverage,
                    fallbacks,
                    diagnostics,
                    html,
                    text,
                }
            })
            .collect();
        RenderedPage { coverage, editions }
    }
}
