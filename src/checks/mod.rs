//! What judges a text: the checks of a translated segment against its source (used by
//! [`crate::resolve`] to decide what the build shows, and so by lint) and the checks of
//! the source content itself ([`SourceChecks`], made by the pipeline on each page's
//! model). Below resolve and lint, so both share them without importing each other.

pub(crate) mod content;
pub(crate) mod inline_html;
pub(crate) mod links;
pub(crate) mod translation;

use crate::diagnostic::Diagnostic;
use crate::page::{BrokenTarget, Page, SiteIndex};

/// What the checks of a page's source content found: its findings (concerning the
/// source locale), and its link and image targets that lead nowhere, which every
/// translation that carries one is reported for too.
#[derive(Debug, Clone, Default)]
pub struct SourceChecks {
    pub broken: Vec<BrokenTarget>,
    pub findings: Vec<Diagnostic>,
}

impl SourceChecks {
    /// Checks `page` against `index` (where links may lead); `source_tag` is the source
    /// locale's.
    pub fn of(page: &Page, index: &SiteIndex, source_tag: &str) -> SourceChecks {
        let broken = links::broken_targets(page, index);
        let mut findings = content::content_checks(page, &broken);
        for d in &mut findings {
            d.locale.get_or_insert_with(|| source_tag.to_string());
        }
        SourceChecks { broken, findings }
    }
}
