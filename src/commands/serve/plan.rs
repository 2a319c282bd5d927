//! What a save makes `serve` render: the editions whose inputs changed (a page's
//! Markdown, a locale's file for it, a `site.ftl`), widened by what the new facts say
//! differs from the kept ones — a page whose partial marks changed is rendered in every
//! locale (its language menu names them all), and a page whose headings changed makes
//! every page that links to it check its links again. What no fact covers (pages added
//! or removed, an edition's name, the configuration, files beside the pages) is the
//! shape of the site: when it changes, the normal build runs instead.

use crate::locale::{LocaleId, PerLocale};
use crate::pipeline::PageFacts;
use crate::project::{CONTENT_DIR, LOCALES_DIR, PageId, Project, SITE_FILE};
use crate::render::Site;
use crate::resolve::Coverage;
use std::collections::BTreeSet;

/// (page, locale): one edition of a page.
pub(super) type EditionKey = (PageId, LocaleId);

/// What must be the same for an edit to be applied in place: the pages, and every
/// edition's name and direction as menus show them, and the site's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shape {
    pages: Vec<String>,
    editions: Vec<(String, String, &'static str)>,
    base_url: Option<String>,
}

impl Shape {
    pub(super) fn of(project: &Project, site: &Site) -> Shape {
        Shape {
            pages: project.pages.iter().map(|p| p.slug.clone()).collect(),
            editions: site
                .editions
                .iter()
                .map(|e| (e.tag.clone(), e.name.clone(), e.direction.as_str()))
                .collect(),
            base_url: site.base_url.clone(),
        }
    }
}

/// The editions whose inputs are among the `changed` files, or `None` when a changed
/// file is one no edition's facts cover (the configuration, a file beside the pages).
pub(super) fn affected(project: &Project, changed: &[String]) -> Option<BTreeSet<EditionKey>> {
    let mut keys = BTreeSet::new();
    let every_locale = project.locale_ids();
    for path in changed {
        if let Some(rest) = path.strip_prefix(&format!("{CONTENT_DIR}/")) {
            // A page: all its editions. Any other file of content/ is published, and
            // link checks look for it: everything.
            let p = project.page_id(rest.strip_suffix(".md")?)?;
            keys.extend(every_locale.clone().map(|l| (p, l)));
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
                    keys.extend(project.page_ids().map(|p| (p, l)));
                }
            } else if let Some(p) = project.page_id(stem) {
                keys.extend(locales.iter().map(|&l| (p, l)));
            }
            // Otherwise a file of no page: lint's project checks see it, nothing renders it.
        } else {
            return None;
        }
    }
    Some(keys)
}

/// A digest of each page's heading anchors, in project order: what other pages' link
/// checks read of it.
pub(super) fn anchor_digests(project: &Project) -> Vec<u64> {
    let index = project.site_index();
    project
        .pages
        .iter()
        .map(|page| {
            let mut anchors: Vec<&String> = index
                .anchors
                .get(&page.slug)
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            anchors.sort();
            let mut joined = String::new();
            for a in anchors {
                joined.push_str(a);
                joined.push('\n');
            }
            xxhash_rust::xxh3::xxh3_64(joined.as_bytes())
        })
        .collect()
}

/// Every edition of the pages that link to a page whose anchors differ between `kept`
/// and `now` (both from [`anchor_digests`], in the same page order).
pub(super) fn relinked(
    project: &Project,
    pages: &[PageFacts],
    kept: &[u64],
    now: &[u64],
) -> BTreeSet<EditionKey> {
    let changed: BTreeSet<PageId> = project
        .page_ids()
        .filter(|p| kept.get(p.index()) != now.get(p.index()))
        .collect();
    let mut out = BTreeSet::new();
    if changed.is_empty() {
        return out;
    }
    for (q, facts) in project.page_ids().zip(pages) {
        if facts.links.iter().any(|p| changed.contains(p)) {
            out.extend(project.locale_ids().map(|l| (q, l)));
        }
    }
    out
}

/// Whether a page's language menu reads differently now: an edition's partial mark
/// (`kept`: the coverage it was rendered with; `now`: the coverage just resolved).
pub(super) fn partial_marks_differ(
    kept: &PerLocale<Coverage>,
    now: &PerLocale<Option<Coverage>>,
) -> bool {
    kept.len() != now.len()
        || kept
            .iter()
            .zip(now.iter())
            .any(|((_, old), (_, new))| new.is_none_or(|new| old.is_partial() != new.is_partial()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(set(&["locales/fr/a.ftl"]), Some([(a, fr)].into()));
        assert_eq!(
            set(&["locales/ko/site.ftl"]),
            Some([(a, ko), (b, ko)].into())
        );
        assert_eq!(
            set(&["content/b.md"]),
            Some([(b, en), (b, fr), (b, ko)].into())
        );
        assert_eq!(
            set(&["locales/en/a.ftl"]),
            Some([(a, en), (a, fr), (a, ko)].into())
        );
        assert_eq!(set(&["locales/en/site.ftl"]).unwrap().len(), 6);
        assert_eq!(
            set(&["locales/fr/gone.ftl", "locales/fr/notes.txt"]),
            Some(BTreeSet::new())
        );
        assert_eq!(set(&["fluentpress.toml"]), None);
        assert_eq!(set(&["content/seal.png"]), None);
    }
}
