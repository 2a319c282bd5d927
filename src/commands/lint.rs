//! `fluentpress lint`: every check, for the selected locales — the static checks of the
//! loaded files ([`crate::lint`]) and what resolving each edition through the one page
//! renderer found — with the severities of the configuration and the command line,
//! assembled by the same [`Report`] as the build's.

use crate::lint::Settings;
use crate::locale::LocaleId;
use crate::pipeline::report::Report;
use crate::pipeline::{Output, PageFacts, Renderer};
use crate::project::Project;
use rayon::prelude::*;

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
    Report::of(project, settings, &pages, &selected)
}
