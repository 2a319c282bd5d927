//! `fluentpress status` and `dist/status.html`: per locale and per page, how many
//! passages are translated, outdated (translated from older source text) and missing.
//! Counted from the files alone ([`Project::coverage`]), so it is cheap: no rendering.

use crate::locale::Locale;
use crate::project::{Coverage, Project};
use crate::render::html::{header, localized};
use crate::render::{Paths, Site};
use crate::resolve::Layout;
use maud::{DOCTYPE, Markup, html};
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// One page's figures in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageStatus {
    /// The page's slug.
    pub page: String,
    pub total: usize,
    pub translated: usize,
    pub outdated: usize,
    pub missing: usize,
    /// Whole percent translated, rounded down.
    pub percent: usize,
    #[serde(skip)]
    pub title: String,
}

/// One locale's figures: the sums over its pages, then each page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    pub total: usize,
    pub translated: usize,
    pub outdated: usize,
    pub missing: usize,
    pub percent: usize,
    pub pages: Vec<PageStatus>,
    /// The language's name in itself.
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub locale_index: usize,
}

/// The figures of `locales` (every locale but the source when empty), pages by slug.
pub fn collect(project: &Project, locales: &[usize]) -> Vec<LocaleStatus> {
    collect_with(project, locales, |l, p| {
        project.coverage(l, &project.pages[p])
    })
}

/// The same, from coverage already counted (`coverage(locale, page index)`), as the build has it.
pub fn collect_with(
    project: &Project,
    locales: &[usize],
    coverage: impl Fn(usize, usize) -> Coverage,
) -> Vec<LocaleStatus> {
    let selected: Vec<usize> = if locales.is_empty() {
        (0..project.locales.len())
            .filter(|&i| i != project.source)
            .collect()
    } else {
        locales.to_vec()
    };
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
                        total: c.total,
                        translated: c.translated,
                        outdated: c.outdated,
                        missing: c.missing,
                        percent: c.percent(),
                        title: page.title().to_string(),
                    }
                })
                .collect();
            LocaleStatus {
                locale: project.locales[l].locale.tag.clone(),
                total: sum.total,
                translated: sum.translated,
                outdated: sum.outdated,
                missing: sum.missing,
                percent: sum.percent(),
                pages,
                name: crate::render::language_name(project, l),
                locale_index: l,
            }
        })
        .collect()
}

/// `{"locales": [...]}`, one object per locale with its pages.
pub fn json(statuses: &[LocaleStatus]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        locales: &'a [LocaleStatus],
    }
    let mut text =
        serde_json::to_string_pretty(&Report { locales: statuses }).expect("plain data serialises");
    text.push('\n');
    text
}

fn pad_start(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

fn pad_end(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// A table per locale: its sums, then a row per page.
pub fn human(statuses: &[LocaleStatus]) -> String {
    let mut out = String::new();
    if statuses.is_empty() {
        out.push_str("no translations yet: `fluentpress new-locale TAG` starts one\n");
        return out;
    }
    let columns = ["translated", "outdated", "missing", "total", "complete"];
    for (n, s) in statuses.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} ({}): {}% complete: {} of {} passage{} translated, {} outdated, {} missing",
            s.locale,
            s.name,
            s.percent,
            s.translated,
            s.total,
            if s.total == 1 { "" } else { "s" },
            s.outdated,
            s.missing
        );
        let page_width = s
            .pages
            .iter()
            .map(|p| p.page.width())
            .chain(["page".len()])
            .max()
            .unwrap_or(4);
        let mut line = format!("  {}", pad_end("page", page_width));
        for c in columns {
            line.push_str("  ");
            line.push_str(c);
        }
        let _ = writeln!(out, "{}", line.trim_end());
        for p in &s.pages {
            let values = [
                p.translated.to_string(),
                p.outdated.to_string(),
                p.missing.to_string(),
                p.total.to_string(),
                format!("{}%", p.percent),
            ];
            let mut line = format!("  {}", pad_end(&p.page, page_width));
            for (c, v) in columns.iter().zip(&values) {
                line.push_str("  ");
                line.push_str(&pad_start(v, c.len()));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// `lang` (and `dir`) for a locale's name inside a page in `page_locale`.
fn name_attrs<'a>(
    page_locale: &Locale,
    locale: &'a Locale,
) -> (Option<&'a str>, Option<&'static str>) {
    crate::render::lang_attrs(page_locale, Some(locale))
}

/// One row of figures: translated, outdated, missing, total, percent.
fn figures(
    translated: usize,
    outdated: usize,
    missing: usize,
    total: usize,
    percent: usize,
) -> Markup {
    html! {
        td.align-end { (translated) }
        td.align-end { (outdated) }
        td.align-end { (missing) }
        td.align-end { (total) }
        td.align-end { (percent) "%" }
    }
}

fn figure_headings() -> Markup {
    html! {
        th.align-end scope="col" { "Translated" }
        th.align-end scope="col" { "Outdated" }
        th.align-end scope="col" { "Missing" }
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
    html! {
        (DOCTYPE)
        html lang=(source.tag) dir=(source.direction().as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title lang=[english] { "Translation status – " (layout.text("site-name").text) }
                link rel="stylesheet" href="style.css";
            }
            body {
                a.skip-link href="#main" { (localized(layout, "skip-link")) }
                (header(layout, &paths))
                main #main tabindex="-1" lang=[english] {
                    h1 { "Translation status" }
                    p {
                        "How many passages of each page are translated in each language edition. "
                        "Outdated passages were translated from older source text; they are shown in the source language ("
                        span lang=[source_lang] { (source_name) }
                        ") until their translation is updated and marked current. Missing passages have no translation yet."
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
                                                (figures(s.translated, s.outdated, s.missing, s.total, s.percent))
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
                                                    (figures(p.translated, p.outdated, p.missing, p.total, p.percent))
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
                footer.site-footer { p { (localized(layout, "footer-text")) } }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const PAGE: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night.\n\n250\n";

    fn project(fr: &str) -> Project {
        let probe = Project::in_memory(Config::default(), &[("owls", PAGE)], &[("en", &[])]);
        let reference = crate::extract::reference_text(&probe, &probe.pages[0], true);
        Project::in_memory(
            Config::default(),
            &[("owls", PAGE)],
            &[
                ("en", &[("owls.ftl", reference.as_str())]),
                ("fr", &[("owls.ftl", fr)]),
            ],
        )
    }

    #[test]
    fn counts_translated_outdated_and_missing() {
        let p = project("page-title = Hiboux\n# fluentpress: source 00000000\nowls = Hiboux\n");
        let fr = p.locale_index("fr").unwrap();
        let s = collect(&p, &[]);
        assert_eq!(s.len(), 1, "the source locale is left out");
        let s = &s[0];
        assert_eq!(s.locale, "fr");
        // title, description, heading, paragraph, and "250" (no words: never missing).
        assert_eq!((s.total, s.translated, s.outdated, s.missing), (5, 2, 1, 2));
        assert_eq!(s.percent, 40);
        assert_eq!(s.pages[0].page, "owls");
        let json: serde_json::Value = serde_json::from_str(&json(&collect(&p, &[fr]))).unwrap();
        assert_eq!(json["locales"][0]["pages"][0]["outdated"], 1);
        assert_eq!(json["locales"][0]["missing"], 2);
        assert!(json["locales"][0].get("name").is_none());
        let text = human(&collect(&p, &[]));
        assert!(
            text.starts_with(
                "fr (Français): 40% complete: 2 of 5 passages translated, 1 outdated, 2 missing\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\n  owls           2         1        2      5       40%\n"),
            "{text}"
        );
    }

    #[test]
    fn status_page_is_an_accessible_table() {
        let p = project("page-title = Hiboux\n");
        let site = Site::new(&p);
        let layout = Layout::new(&p, p.source);
        let html = html_page(&p, &site, &layout, collect(&p, &[]));
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"),
            "{html}"
        );
        assert_eq!(html.matches("<h1").count(), 1);
        assert!(html.contains("<caption>Every language edition</caption>"));
        assert!(
            html.contains(r#"<th class="align-end" scope="col">Missing</th>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="fr/index.html" hreflang="fr" lang="fr">Français</a> (fr)"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="fr/owls.html">Owls</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<td class="align-end">40%</td>"#), "{html}");
        assert!(html.contains(r#"<a href="index.html">All language editions</a>"#));
    }

    #[test]
    fn the_fixed_english_text_is_marked_when_the_source_is_another_language() {
        let config = Config {
            source_locale: Locale::parse("fr").unwrap(),
            ..Config::default()
        };
        let p = Project::in_memory(config, &[("hiboux", PAGE)], &[("fr", &[]), ("de", &[])]);
        let html = html_page(
            &p,
            &Site::new(&p),
            &Layout::new(&p, p.source),
            collect(&p, &[]),
        );
        assert!(html.contains(r#"<html lang="fr" dir="ltr">"#), "{html}");
        assert!(
            html.contains(r#"<main id="main" tabindex="-1" lang="en">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="de/hiboux.html" lang="fr">Owls</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"(<span lang="fr">Français</span>)"#),
            "{html}"
        );
    }
}
