//! `dist/status.html`, and the figures it shares with `fluentpress status`: per locale
//! and per page, how many passages are translated, outdated, missing or rejected, as
//! the build showed them ([`Coverage`]).

use crate::locale::Locale;
use crate::project::Project;
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
    pub locale_index: usize,
}

/// The figures from coverage already counted (`coverage(locale, page index)`), as the build has it.
pub fn collect_with(
    project: &Project,
    locales: &[usize],
    coverage: impl Fn(usize, usize) -> Coverage,
) -> Vec<LocaleStatus> {
    let selected = project.translated_locales(locales);
    selected
        .into_iter()
        .map(|l| {
            let mut sum = Coverage::default();
            let pages = project
                .pages
                .iter()
                .enumerate()
                .map(|(p, page)| {
                    let c = coverage(l, p);
                    sum.add(c);
                    PageStatus {
                        page: page.slug.clone(),
                        coverage: c,
                        percent: c.percent(),
                        title: page.title().to_string(),
                    }
                })
                .collect();
            LocaleStatus {
                locale: project.locales[l].locale.tag.clone(),
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
    mut statuses: Vec<LocaleStatus>,
) -> String {
    // The names the rest of the site shows (the same function makes both).
    for s in &mut statuses {
        if let Some(e) = site.edition(s.locale_index) {
            s.name = e.name.clone();
        }
    }
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
    super::html::document(
        &source.tag,
        source.direction().as_str(),
        html! { title lang=[english] { "Translation status – " (layout.text("site-name").text) } },
        html! {  },
        html! { link rel="stylesheet" href="style.css"; },
        html! {  },
        html! { a.skip-link href="#main" { (localized(layout, "skip-link")) }
                (header(layout, &paths))
                main #main tabindex="-1" lang=[english] {
                    h1 { "Translation status" }
                    p {
                        "How many passages of each page are translated in each language edition. "
                        "Outdated passages were translated from older source text; they are shown in the source language ("
                        span lang=[source_lang] { (source_name) }
                        ") until their translation is updated and marked current. Missing passages have no translation yet. Rejected passages have a translation that lint refused (HTML, changed links, empty) or that is the source text itself; they are shown in the source language too."
                    }
                    @if statuses.is_empty() {
                        p { "There are no translations yet." }
                    } @else {
                        nav aria-label="Language editions" {
                            div.table-scroll role="region" aria-label="Every language edition" tabindex="0" {
                                table {
                                    caption { "Every language edition" }
                                    thead { tr { th scope="col" { "Edition" } (figure_headings()) } }
                                    tbody {
                                        @for s in &statuses {
                                            @let locale = &project.locales[s.locale_index].locale;
                                            @let (lang, dir) = name_attrs(source, locale);
                                            tr {
                                                th scope="row" {
                                                    a href={ (s.locale) "/index.html" } hreflang=(s.locale) lang=[lang] dir=[dir] { (s.name) }
                                                    " (" (s.locale) ")"
                                                }
                                                (figures(&s.coverage))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        @for s in &statuses {
                            @let locale = &project.locales[s.locale_index].locale;
                            @let (lang, dir) = name_attrs(source, locale);
                            @let id = format!("status-{}", s.locale);
                            section {
                                h2 #(id) {
                                    span lang=[lang] dir=[dir] { (s.name) } " (" (s.locale) ")"
                                }
                                div.table-scroll role="region" aria-labelledby=(id) tabindex="0" {
                                    table {
                                        caption { "Pages of the " span lang=[lang] dir=[dir] { (s.name) } " edition (" (s.locale) ")" }
                                        thead { tr { th scope="col" { "Page" } (figure_headings()) } }
                                        tbody {
                                            @for p in &s.pages {
                                                tr {
                                                    th scope="row" {
                                                        a href={ (s.locale) "/" (p.page) ".html" } lang=[source_lang] { (p.title) }
                                                    }
                                                    (figures(&p.coverage))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    p.edition-links { a href="index.html" { "All language editions" } }
                }
                footer.site-footer { p { (localized(layout, "footer-text")) } } },
    )
    .into_string()
}
