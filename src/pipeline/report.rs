//! The per-locale report of a run: every finding (the project's static checks, what
//! each page's renderer found of the page and of each selected edition, and the
//! coverage gate), with the severities of the configuration and the command line, and
//! per locale the coverage and the counts of errors and warnings. `build`, `lint` and
//! `serve` all assemble it here, so what `serve` shows at the top of a page is what
//! `lint` prints and what makes `build --strict` fail.

use crate::diagnostic::{self, Diagnostic, LocaleStats, Severity};
use crate::lint::{Settings, project_checks};
use crate::locale::LocaleId;
use crate::pipeline::PageFacts;
use crate::project::Project;
use crate::resolve::Coverage;
use std::collections::{BTreeMap, BTreeSet};

/// What a run found, severities applied.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted; only those of the selected locales (and those of no locale).
    pub diagnostics: Vec<Diagnostic>,
    /// One per selected locale, in locale order.
    pub locales: Vec<LocaleStats>,
}

impl Report {
    /// The report of pages rendered for `selected` (each page's `editions` are those
    /// locales'): the project's checks, the pages' findings, the coverage gate.
    pub fn of<'f>(
        project: &Project,
        settings: &Settings,
        pages: impl IntoIterator<Item = &'f PageFacts>,
        selected: &[LocaleId],
    ) -> Report {
        let mut diagnostics = project_checks(project);
        let mut coverage: BTreeMap<LocaleId, Coverage> =
            selected.iter().map(|&l| (l, Coverage::default())).collect();
        for page in pages {
            diagnostics.extend(page.findings.iter().cloned());
            for e in &page.editions {
                coverage.entry(e.locale_index).or_default().add(e.coverage);
                diagnostics.extend(e.diagnostics.iter().cloned());
            }
        }
        diagnostics.extend(settings.coverage_gate(project, &coverage));
        if selected.len() < project.locales.len() {
            // A run of some locales speaks only of them.
            let tags: BTreeSet<&str> = selected
                .iter()
                .map(|&l| project.locale(l).locale.tag.as_str())
                .collect();
            diagnostics.retain(|d| d.locale.as_deref().is_none_or(|t| tags.contains(t)));
        }
        settings.apply(&mut diagnostics);
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for d in &diagnostics {
            if let Some(tag) = d.locale.as_deref() {
                let c = counts.entry(tag).or_default();
                match d.severity {
                    Severity::Error => c.0 += 1,
                    Severity::Warning => c.1 += 1,
                    Severity::Note => {}
                }
            }
        }
        let locales = coverage
            .into_iter()
            .map(|(l, c)| {
                let tag = project.locale(l).locale.tag.clone();
                let (errors, warnings) = counts.get(tag.as_str()).copied().unwrap_or_default();
                LocaleStats {
                    locale: tag,
                    translated: c.translated,
                    total: c.total,
                    outdated: c.outdated,
                    missing: c.missing,
                    rejected: c.rejected,
                    errors,
                    warnings,
                }
            })
            .collect();
        Report {
            diagnostics,
            locales,
        }
    }

    pub fn errors(&self) -> usize {
        diagnostic::count(&self.diagnostics, Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        diagnostic::count(&self.diagnostics, Severity::Warning)
    }
}
