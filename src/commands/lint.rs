//! `fluentpress lint`: every check, for the selected locales — the static checks of the
//! loaded files ([`crate::lint`]) and what resolving each edition through the one page
//! renderer found — with the severities of the configuration and the command line.

use crate::diagnostic::{Diagnostic, LocaleStats, Severity};
use crate::lint::{Settings, project_checks};
use crate::locale::LocaleId;
use crate::pipeline::{Output, PageFacts, Renderer};
use crate::project::Project;
use crate::resolve::Coverage;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub locales: Vec<LocaleStats>,
}

impl Report {
    pub fn errors(&self) -> usize {
        crate::diagnostic::count(&self.diagnostics, Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        crate::diagnostic::count(&self.diagnostics, Severity::Warning)
    }
}

/// Lints the project (only `locales` when given; every locale otherwise).
pub fn run(project: &Project, settings: &Settings, locales: &[LocaleId]) -> Report {
    let selected: Vec<LocaleId> = if locales.is_empty() {
        project.locale_ids().collect()
    } else {
        locales.to_vec()
    };
    let renderer = Renderer::new(project, None);
    // Page by page: each locale's file is read, checked, resolved and dropped, so a
    // large site's translations are never all in memory at once.
    // Only the facts lint reports are kept of each page.
    let pages: Vec<PageFacts> = project
        .par_page_ids()
        .map(|p| {
            renderer
                .render_page(p, &selected, Output::Facts)
                .into_facts()
        })
        .collect();
    let mut diagnostics = project_checks(project);
    let mut counts: BTreeMap<LocaleId, Coverage> =
        selected.iter().map(|&l| (l, Coverage::default())).collect();
    for page in pages {
        diagnostics.extend(page.findings);
        for e in page.editions {
            counts.entry(e.locale_index).or_default().add(e.coverage);
            diagnostics.extend(e.diagnostics);
        }
    }
    diagnostics.extend(settings.coverage_gate(project, &counts));
    if !locales.is_empty() {
        let tags: BTreeSet<&str> = selected
            .iter()
            .map(|&l| project.locale(l).locale.tag.as_str())
            .collect();
        diagnostics.retain(|d| d.locale.as_deref().is_none_or(|t| tags.contains(t)));
    }
    settings.apply(project, &mut diagnostics);
    let locales = counts
        .into_iter()
        .map(|(l, coverage)| {
            let tag = project.locale(l).locale.tag.clone();
            let count = |s| {
                diagnostics
                    .iter()
                    .filter(|d| d.severity == s && d.locale.as_deref() == Some(tag.as_str()))
                    .count()
            };
            LocaleStats {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                locale: tag,
                translated: coverage.translated,
                total: coverage.total,
                outdated: coverage.outdated,
                missing: coverage.missing,
                rejected: coverage.rejected,
            }
        })
        .collect();
    Report {
        diagnostics,
        locales,
    }
}
