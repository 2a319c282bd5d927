//! `dist/status.html`, and the figures it shares with `fluentpress status`: per locale
//! and per page, how many passages are translated, outdated, missing or rejected, as
//! the build showed them ([`Coverage`]).

use crate::locale::{Locale, LocaleId};
use crate::project::{PageId, Project};
use crate::render::html::{header, localized};
use crate::render::{Paths, Site};
use crate::resolve::{Coverage, Layout};
use maud::{Markup, html};
use serde::Serialize;

/// One page's figures in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageStatus {
    /// The page's slug.
    pub page: String,
    /// total, translated, outdated, missing, rejected (flattened into the JSON object).
    #[serde(flatten)]
    pub coverage: Coverage,
    /// Whole percent translated, rounded down.
    pub percent: usize,
    #[serde(skip)]
    pub title: String,
}

/// One locale's figures: the sums over its pages, then each page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    #[serde(flatten)]
    pub coverage: Coverage,
    pub percent: usize,
    pub pages: Vec<PageStatus>,
    /// The language's name in itself.
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub locale_index: LocaleId,
}

/// The figures from coverage already counted (`coverage(locale, page)`), as the build has it.
pub fn collect_with(
    project: &Project,
    locales: &[LocaleId],
    coverage: impl Fn(LocaleId, PageId) -> Coverage,
) -> Vec<LocaleStatus> {
    let selected = project.translated_locales(locales);
    selected
        .into_iter()
        .map(|l| {
            let mut sum = Coverage::default();
            let pages = project
                .page_ids()
                .map(|p| {
                    let page = project.entry(p);
                    let c = coverage(l, p);
                    sum.add(c);
                    PageStatus {
                        page: page.slug.clone(),
                        coverage: c,
                        percent: c.percent(),
                        title: page.title.clone(),
                    }
                })
                .collect();
            LocaleStatus {
                locale: project.locale(l).locale.tag.clone(),
                coverage: sum,
                percent: sum.percent(),
                pages,
                name: crate::render::language_name(project, l),
                locale_index: l,
            }
        })
        .collect()
}

/// `lang` (and `dir`) for a locale's name inside a page in `page_locale`.
fn name_attrs<'a>(
    page_locale: &Locale,
    locale: &'a Locale,
) -> (Option<&'a str>, Option<&'static str>) {
    crate::render::lang_attrs(page_locale, Some(locale))
}

/// One row of figures: translated, outdated, missing, rejected, total, percent.
fn figures(c: &Coverage) -> Markup {
    html! {
        td.align-end { (c.translated) }
        td.align-end { (c.outdated) }
        td.align-end { (c.missing) }
        td.align-end { (c.rejected) }
        td.align-end { (c.total) }
        td.align-end { (c.percent()) "%" }
    }
}

fn figure_headings() -> Markup {
    html! {
        th.align-end scope="col" { "Translated" }
        th.align-end scope="col" { "Outdated" }
        th.align-end scope="col" { "Missing" }
        th.align-end scope="col" { "Rejected" }
        th.align-end scope="col" { "Total" }
        th.align-end scope="col" { "Complete" }
    }
}

/// `dist/status.html`: for coordinators, the same figures as `fluentpress status` in
/// accessible tables: one for every edition, then one per edition with its pages. The
/// fixed text is English; it carries `lang="en"` where the source locale is another.
pub fn html_page(
    project: &Project,
    site: &Site,
    layout: &Layout<'_>,
    statuses: Vec<LocaleStatus>,
) -> String {
    let by_locale: std::collections::HashMap<LocaleId, &LocaleStatus> =
        statuses.iter().map(|s| (s.locale_index, s)).collect();
    let locales: Vec<LocaleId> = statuses.iter().map(|s| s.locale_index).collect();
    let mut out = Vec::new();
    write_html_page(
        project,
        site,
        layout,
        &locales,
        &|l, p| by_locale[&l].pages[p.index()].coverage,
        &mut out,
    )
    .expect("writing to memory does not fail");
    String::from_utf8(out).expect("maud writes UTF-8")
}

/// Where the per-edition sections go in the page's shell (never in escaped text: it
/// starts with a NUL).
const SECTIONS: &str = "\u{0}fluentpress-status-sections\u{0}";

/// [`html_page`] written piece by piece, each edition's table of pages made and
/// written before the next: a site of 20,000 pages in 20 editions has a status page
/// of tens of megabytes, which is never held whole. `coverage(locale, page)` gives the
/// figures of page `page` in `locales`.
pub fn write_html_page(
    project: &Project,
    site: &Site,
    layout: &Layout<'_>,
    locales: &[LocaleId],
    coverage: &dyn Fn(LocaleId, PageId) -> Coverage,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // The sums, and the names the rest of the site shows (the same function makes both).
    let editions: Vec<(LocaleId, String, Coverage)> = locales
        .iter()
        .map(|&l| {
            let mut sum = Coverage::default();
            for p in project.page_ids() {
                sum.add(coverage(l, p));
            }
            let name = match site.edition(l) {
                Some(e) => e.name.clone(),
                None => crate::render::language_name(project, l),
            };
            (l, name, sum)
        })
        .collect();
    let source = &project.source_locale().locale;
    let english = (source.langid.language.as_str() != "en").then_some("en");
    // Text in the source language inside what is marked English.
    let source_lang = english.map(|_| source.tag.as_str());
    let paths = Paths {
        root: String::new(),
        edition: String::new(),
        stem: "status".into(),
    };
    let source_name = crate::render::language_name(project, project.source);
    let shell = super::html::document(
        &source.tag,
        source.direction().as_str(),
        html! { title lang=[english] { "Translation status – " (layout.text("site-name").text) } },
        html! {  },
        html! { link rel="stylesheet" href="style.css"; },
        html! {  },
        html! { a.skip-link href={ "#" (crate::slug::MAIN_ID) } { (localized(layout, "skip-link")) }
                (header(layout, &paths))
                main id=(crate::slug::MAIN_ID) tabindex="-1" lang=[english] {
                    h1 { "Translation status" }
                    p {
                        "How many passages of each page are translated in each language edition. "
                        "Outdated passages were translated from older source text; they are shown in the source language ("
                        span lang=[source_lang] { (source_name) }
                        ") until their translation is updated and marked current. Missing passages have no translation yet. Rejected passages have a translation that lint refused (HTML, changed links, empty) or that is the source text itself; they are shown in the source language too."
                    }
                    @if editions.is_empty() {
                        p { "There are no translations yet." }
                    } @else {
                        nav aria-label="Language editions" {
                            div.table-scroll role="region" aria-label="Every language edition" tabindex="0" {
                                table {
                                    caption { "Every language edition" }
                                    thead { tr { th scope="col" { "Edition" } (figure_headings()) } }
                                    tbody {
                                        @for (l, name, sum) in &editions {
                                            @let locale = &project.locale(*l).locale;
                                            @let (lang, dir) = name_attrs(source, locale);
                                            tr {
                                                th scope="row" {
                                                    a href={ (locale.tag) "/index.html" } hreflang=(locale.tag) lang=[lang] dir=[dir] { (name) }
                                                    " (" (locale.tag) ")"
                                                }
                                                (figures(sum))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        (maud::PreEscaped(SECTIONS))
                    }
                    p.edition-links { a href="index.html" { "All language editions" } }
                }
                footer.site-footer { p { (localized(layout, "footer-text")) } } },
    )
    .into_string();
    let (before, after) = shell.split_once(SECTIONS).unwrap_or((&shell, ""));
    // (After the split: the placeholder is made of what never reaches a page.)
    out.write_all(crate::chars::replace(before).as_bytes())?;
    for (l, name, _) in &editions {
        let locale = &project.locale(*l).locale;
        let (lang, dir) = name_attrs(source, locale);
        let id = format!("status-{}", locale.tag);
        let section = html! {
            section {
                h2 #(id) {
                    span lang=[lang] dir=[dir] { (name) } " (" (locale.tag) ")"
                }
                div.table-scroll role="region" aria-labelledby=(id) tabindex="0" {
                    table {
                        caption { "Pages of the " span lang=[lang] dir=[dir] { (name) } " edition (" (locale.tag) ")" }
                        thead { tr { th scope="col" { "Page" } (figure_headings()) } }
                        tbody {
                            @for (p, page) in project.page_ids().zip(&project.pages) {
                                tr {
                                    th scope="row" {
                                        a href={ (locale.tag) "/" (page.slug) ".html" } lang=[source_lang] { (page.title) }
                                    }
                                    (figures(&coverage(*l, p)))
                                }
                            }
                        }
                    }
                }
            }
        };
        out.write_all(crate::chars::replace_owned(section.into_string()).as_bytes())?;
    }
    out.write_all(crate::chars::replace(after).as_bytes())
}
