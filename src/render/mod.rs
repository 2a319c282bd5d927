//! Renderers of an [`Edition`](crate::resolve::Edition): the accessible HTML page and the
//! plain-text edition, plus what both need — the list of editions and relative paths.

pub mod html;
pub mod status;
pub mod text;

use crate::locale::{Direction, Locale, LocaleId, PerLocale};
use crate::project::{Page, Project};

/// A language edition of the site, as menus and the language chooser show it.
#[derive(Debug, Clone)]
pub struct EditionInfo {
    pub locale_index: LocaleId,
    pub tag: String,
    /// The language's name in itself (its `language-name`, else the built-in table).
    pub name: String,
    pub direction: Direction,
    /// Every page of the edition shown without a passage in the source language.
    pub complete: bool,
}

/// Facts about the whole site that every page needs.
#[derive(Debug, Clone)]
pub struct Site {
    /// Every edition, sorted by tag (also when only some are built).
    pub editions: Vec<EditionInfo>,
    pub base_url: Option<String>,
}

impl Site {
    /// Every edition, not yet known to be complete: the drivers fill `complete` in from
    /// the coverage of the pages they rendered ([`crate::pipeline::Renderer::site`]).
    pub fn unmeasured(project: &Project) -> Site {
        let editions = project
            .locale_ids()
            .map(|l| {
                let lf = project.locale(l);
                EditionInfo {
                    locale_index: l,
                    tag: lf.locale.tag.clone(),
                    name: language_name(project, l),
                    direction: lf.locale.direction(),
                    complete: false,
                }
            })
            .collect();
        Site {
            editions,
            base_url: project.config.base_url.clone(),
        }
    }

    /// For each locale, whether its edition is partial.
    pub fn partial_editions(&self) -> PerLocale<bool> {
        let mut partial = PerLocale::from_fn(self.editions.len(), |_| false);
        for e in &self.editions {
            if let Some(p) = partial.get_mut(e.locale_index) {
                *p = !e.complete;
            }
        }
        partial
    }

    pub fn edition(&self, locale_index: LocaleId) -> Option<&EditionInfo> {
        self.editions
            .iter()
            .find(|e| e.locale_index == locale_index)
    }
}

/// Footnote numbers of an edition by case-folded label: in the order of their first
/// reference in the text as shown, then footnotes never referenced.
pub fn footnote_numbers(
    edition: &crate::resolve::Edition<'_, '_>,
) -> std::collections::HashMap<String, usize> {
    let mut numbers = std::collections::HashMap::new();
    for shown in &edition.shown {
        crate::markdown::visit(&shown.inlines, &mut |i| {
            if let crate::markdown::InlineKind::FootnoteRef(label) = &i.kind {
                let next = numbers.len() + 1;
                numbers.entry(label.to_lowercase()).or_insert(next);
            }
        });
    }
    for f in &edition.page.doc.footnotes {
        let next = numbers.len() + 1;
        numbers.entry(f.label.to_lowercase()).or_insert(next);
    }
    numbers
}

/// A page's footnotes in the order of their numbers.
pub fn numbered_footnotes<'a>(
    page: &'a Page,
    numbers: &std::collections::HashMap<String, usize>,
) -> Vec<(usize, &'a crate::markdown::Footnote)> {
    let mut notes: Vec<(usize, &crate::markdown::Footnote)> = page
        .doc
        .footnotes
        .iter()
        .map(|f| {
            (
                numbers.get(&f.label.to_lowercase()).copied().unwrap_or(0),
                f,
            )
        })
        .collect();
    notes.sort_by_key(|(n, _)| *n);
    notes
}

/// The name of a locale's language in itself.
pub fn language_name(project: &Project, locale_index: LocaleId) -> String {
    let lf = project.locale(locale_index);
    lf.site
        .as_ref()
        .and_then(|s| s.simple_value("language-name"))
        .map(|n| crate::bidi::balance(n.trim()).into_owned())
        // A name that is not text (lint's `invalid-character`) is not shown.
        .filter(|n| !n.is_empty() && crate::chars::find_forbidden(n).is_none())
        .or_else(|| lf.locale.autonym().map(String::from))
        .unwrap_or_else(|| lf.locale.tag.clone())
}

/// Relative paths from a page of an edition (`dist/<tag>/<slug>.html`).
#[derive(Debug, Clone)]
pub struct Paths {
    /// `../` repeated up to the output root.
    pub root: String,
    /// `../` repeated up to the edition's directory.
    pub edition: String,
    /// The page's file name without extension.
    pub stem: String,
}

impl Paths {
    pub fn for_page(page: &Page) -> Paths {
        let depth = page.depth();
        Paths {
            root: "../".repeat(depth + 1),
            edition: "../".repeat(depth),
            stem: page
                .slug
                .rsplit('/')
                .next()
                .unwrap_or(&page.slug)
                .to_string(),
        }
    }

    pub fn page_in(&self, tag: &str, slug: &str, ext: &str) -> String {
        format!("{}{tag}/{slug}.{ext}", self.root)
    }
}

/// Where a link or image target of a page points in the output: other pages' `.md`
/// become `.html`, other relative files are served from `files/`.
pub fn output_url(page: &Page, paths: &Paths, dest: &str) -> String {
    let is_relative = !dest.is_empty()
        && !dest.starts_with('#')
        && !dest.starts_with('/')
        && !dest.starts_with("//")
        && !dest.contains(':');
    if !is_relative {
        return dest.to_string();
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    if let Some(stem) = path.strip_suffix(".md") {
        return format!("{stem}.html{fragment}");
    }
    // A file beside the page in content/: resolved against the page's folder.
    let mut parts: Vec<&str> = page.slug.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return dest.to_string();
                }
            }
            p => parts.push(p),
        }
    }
    format!("{}files/{}{fragment}", paths.root, parts.join("/"))
}

/// The `lang` (and `dir`) a passage in `shown_in` needs inside an edition in `edition`.
pub fn lang_attrs<'a>(
    edition: &Locale,
    shown_in: Option<&'a Locale>,
) -> (Option<&'a str>, Option<&'static str>) {
    match shown_in {
        Some(lang) if lang != edition => {
            let dir = (lang.direction() != edition.direction()).then(|| lang.direction().as_str());
            (Some(lang.tag.as_str()), dir)
        }
        _ => (None, None),
    }
}
