//! `fluentpress status`: per locale and per page, how many passages are translated,
//! outdated, missing or rejected — counted by resolving each edition through the one
//! page renderer, so the figures are exactly what the build shows.

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::locale::{LocaleId, PerLocale};
use crate::pipeline::{Output, Renderer};
use crate::project::Project;
pub use crate::render::status::{LocaleStatus, PageStatus, collect_with};
use crate::resolve::Coverage;
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// The figures of `locales` (every locale but the source when empty), pages by slug,
/// and why a file's messages could not be read (they count as missing): its syntax
/// errors, invalid UTF-8, a read error.
pub fn collect(project: &Project, locales: &[LocaleId]) -> (Vec<LocaleStatus>, Vec<Diagnostic>) {
    let selected = project.translated_locales(locales);
    let renderer = Renderer::new(project, None);
    // Page by page, each locale's file read, resolved and dropped.
    let rendered: Vec<(PerLocale<Coverage>, Vec<Diagnostic>)> = project
        .par_page_ids()
        .map(|p| {
            let rendered = renderer.render_page(p, &selected, Output::Facts);
            let unread = rendered
                .editions
                .into_iter()
                .flat_map(|e| e.diagnostics)
                .filter(|d| {
                    d.severity == Severity::Error
                        && matches!(
                            d.rule,
                            Rule::SyntaxError | Rule::InvalidUtf8 | Rule::IoError
                        )
                })
                .collect();
            (rendered.coverage.map(|c| c.unwrap_or_default()), unread)
        })
        .collect();
    let statuses = collect_with(project, &selected, |l, p| rendered[p.index()].0[l]);
    let mut unread: Vec<Diagnostic> = rendered.into_iter().flat_map(|(_, d)| d).collect();
    crate::diagnostic::sort(&mut unread);
    (statuses, unread)
}

/// `status --list`: per locale (every locale but the source when empty) and page, the
/// message ids shown in the source language, grouped by why (missing, outdated,
/// rejected), so a translator knows what to translate without running `sync`.
pub fn list(project: &Project, locales: &[LocaleId]) -> String {
    use crate::resolve::Fallback;
    let selected = project.translated_locales(locales);
    let renderer = Renderer::new(project, None);
    let rendered: Vec<_> = project
        .par_page_ids()
        .map(|p| renderer.render_page(p, &selected, Output::Facts))
        .collect();
    let mut out = String::new();
    for &l in &selected {
        let lf = project.locale(l);
        let _ = writeln!(
            out,
            "\n{}: messages shown in {} instead",
            lf.locale.tag,
            project.source_locale().locale.tag
        );
        let mut any = false;
        for (page, r) in project.pages.iter().zip(&rendered) {
            let Some(edition) = r.editions.iter().find(|e| e.locale_index == l) else {
                continue;
            };
            if edition.fallbacks.is_empty() {
                continue;
            }
            any = true;
            let _ = writeln!(out, "  {} ({}/{}.ftl)", page.slug, lf.dir, page.slug);
            for (name, kinds) in [
                ("missing", &[Fallback::Missing][..]),
                ("outdated", &[Fallback::Outdated][..]),
                (
                    "rejected",
                    &[Fallback::Rejected, Fallback::Untranslated][..],
                ),
            ] {
                let ids: Vec<&str> = edition
                    .fallbacks
                    .iter()
                    .filter(|(_, f)| kinds.contains(f))
                    .map(|(id, _)| id.as_str())
                    .collect();
                if !ids.is_empty() {
                    let _ = writeln!(out, "    {name:<9} {}", ids.join(", "));
                }
            }
        }
        if !any {
            out.push_str("  nothing: every passage is translated\n");
        }
    }
    out
}

/// A locale's layout strings (`site.ftl`), which no page counts: (translated, total).
/// Each message of the source locale's `site.ftl` is one; it is translated when the
/// locale's `site.ftl` has it (with a value, where the source's has one), as lint's
/// `missing-message` judges it.
pub fn layout_strings(project: &Project, locale: LocaleId) -> (usize, usize) {
    let Some(reference) = &project.source_locale().site else {
        return (0, 0);
    };
    let site = project.locale(locale).site.as_ref();
    let mut translated = 0;
    let mut total = 0;
    for e in reference.entries.iter().filter(|e| !e.is_term) {
        total += 1;
        if site
            .and_then(|s| s.get(&e.id))
            .is_some_and(|t| t.has_value || !e.has_value)
        {
            translated += 1;
        }
    }
    (translated, total)
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

/// A table per locale: its sums, its layout strings (`layout`, from [`layout_strings`],
/// one per status) on their own line, then a row per page.
pub fn human(statuses: &[LocaleStatus], layout: &[(usize, usize)]) -> String {
    let mut out = String::new();
    if statuses.is_empty() {
        out.push_str("no translations yet: `fluentpress new-locale TAG` starts one\n");
        return out;
    }
    let columns = [
        "translated",
        "outdated",
        "missing",
        "rejected",
        "total",
        "complete",
    ];
    for (n, s) in statuses.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} ({}): {}% complete: {} of {} passage{} translated, {} outdated, {} missing, {} rejected",
            s.locale,
            s.name,
            s.percent,
            s.coverage.translated,
            s.coverage.total,
            if s.coverage.total == 1 { "" } else { "s" },
            s.coverage.outdated,
            s.coverage.missing,
            s.coverage.rejected
        );
        if let Some(&(translated, total)) = layout.get(n)
            && total > 0
        {
            let _ = writeln!(
                out,
                "  layout strings (site.ftl, not in the table): {translated} of {total} translated, {} missing",
                total - translated
            );
        }
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
                p.coverage.translated.to_string(),
                p.coverage.outdated.to_string(),
                p.coverage.missing.to_string(),
                p.coverage.rejected.to_string(),
                p.coverage.total.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::locale::Locale;
    use crate::render::status::html_page;
    use crate::resolve::Layout;

    const PAGE: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night.\n\n250\n";

    fn project(fr: &str) -> Project {
        let probe = Project::in_memory(Config::default(), &[("owls", PAGE)], &[("en", &[])]);
        let reference = crate::extract::reference_text(
            &probe,
            &probe.models().unwrap()[0],
            crate::extract::History::With(None),
        );
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
        let (s, unread) = collect(&p, &[]);
        assert!(unread.is_empty(), "{unread:?}");
        assert_eq!(s.len(), 1, "the source locale is left out");
        let s = &s[0];
        assert_eq!(s.locale, "fr");
        // title, description, heading, paragraph, and "250" (no words: never missing).
        let c = s.coverage;
        assert_eq!((c.total, c.translated, c.outdated, c.missing), (5, 2, 1, 2));
        assert_eq!(s.percent, 40);
        assert_eq!(s.pages[0].page, "owls");
        let json: serde_json::Value = serde_json::from_str(&json(&collect(&p, &[fr]).0)).unwrap();
        assert_eq!(json["locales"][0]["pages"][0]["outdated"], 1);
        assert_eq!(json["locales"][0]["missing"], 2);
        assert!(json["locales"][0].get("name").is_none());
        let text = human(&collect(&p, &[]).0, &[]);
        assert!(
            text.starts_with(
                "fr (Français): 40% complete: 2 of 5 passages translated, 1 outdated, 2 missing, 0 rejected\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\n  owls           2         1        2         0      5       40%\n"),
            "{text}"
        );
    }

    #[test]
    fn status_page_is_an_accessible_table() {
        let p = project("page-title = Hiboux\n");
        let site = Renderer::new(&p, None).site();
        let layout = Layout::new(&p, p.source);
        let html = html_page(&p, &site, &layout, collect(&p, &[]).0);
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"),
            "{html}"
        );
        assert_eq!(html.matches("<h1").count(), 1);
        // Written in pieces around a marker that never reaches the page.
        assert!(!html.contains('\0') && !html.contains("fluentpress-status-sections"));
        assert_eq!(html.matches("<section>").count(), 1);
        assert!(html.ends_with("</html>"), "{html}");
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
            &Renderer::new(&p, None).site(),
            &Layout::new(&p, p.source),
            collect(&p, &[]).0,
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
