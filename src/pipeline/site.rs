//! The site stage: what a run writes besides the pages — the built-in assets and the
//! files beside the pages before them, and after them, from the pages' facts, each
//! edition's list of pages, the language chooser, `status.html` and `sitemap.xml`.
//! `build` writes it into its staging directory and `serve` into the served directory
//! in place ([`Sink`]), through the same functions, so a save in `serve` leaves the
//! output as a fresh build of the same files would.

use crate::error::{Error, Result};
use crate::locale::LocaleId;
use crate::output::Sink;
use crate::pipeline::{PageFacts, Renderer};
use crate::project::Project;
use crate::render::{self, EditionInfo, Site, html::ListedPage};
use crate::resolve::Layout;

const STYLE: &str = include_str!("../assets/style.css");
const SEAL: &str = include_str!("../assets/seal.svg");

/// The built-in stylesheet and logo, and the files in `content/` that are not pages
/// (images, PDFs) under `files/`; symbolic links are not followed.
pub fn write_assets(project: &Project, sink: &dyn Sink) -> Result<()> {
    sink.put("style.css", STYLE.as_bytes())?;
    sink.put("seal.svg", SEAL.as_bytes())?;
    let dir = project.root.join(crate::project::CONTENT_DIR);
    for entry in crate::fsutil::walk(&dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            match e.into_io_error() {
                Some(io) => Error::io(path, io),
                None => Error::io(path, std::io::Error::other("a file system loop")),
            }
        })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        let rel = crate::fsutil::rel_path(&dir, entry.path());
        sink.put(&format!("files/{rel}"), &bytes)?;
    }
    Ok(())
}

/// The site as the pages' facts describe it: each edition complete when no page of it
/// shows a passage in the source language (`pages` in project order, every locale's
/// coverage resolved).
pub fn measured(renderer: &Renderer<'_>, pages: &[PageFacts]) -> Site {
    renderer.site_from(pages.iter().map(|p| &p.coverage))
}

/// Writes, from the facts of every page (in project order, with the editions of
/// `selected`): the list of pages of each selected edition, the chooser, the status
/// page and, with a `base_url`, the sitemap. Returns the site as measured.
pub fn write_after_pages(
    renderer: &Renderer<'_>,
    pages: &[PageFacts],
    selected: &[LocaleId],
    sink: &dyn Sink,
) -> Result<Site> {
    let project = renderer.project;
    let layouts = &renderer.layouts;
    let site = measured(renderer, pages);
    for &l in selected {
        let listed = listed_pages(project, pages, l);
        let tag = &project.locale(l).locale.tag;
        sink.put(
            &format!("{tag}/index.html"),
            render::html::edition_index(&layouts[l], &site, &listed).as_bytes(),
        )?;
    }
    let chooser: Vec<(&EditionInfo, &Layout)> = site
        .editions
        .iter()
        .map(|e| (e, &layouts[e.locale_index]))
        .collect();
    sink.put(
        "index.html",
        render::html::chooser(&chooser, &site, &layouts[project.source], true).as_bytes(),
    )?;
    let translated = project.translated_locales(&[]);
    sink.put_with("status.html", &mut |out| {
        render::status::write_html_page(
            project,
            &site,
            &layouts[project.source],
            &translated,
            &|l, p| pages[p.index()].coverage[l],
            out,
        )
    })?;
    if let Some(base) = &site.base_url {
        sink.put("sitemap.xml", sitemap(project, &site, base).as_bytes())?;
    }
    Ok(site)
}

/// The pages of edition `l` as its list shows them: by weight, then slug.
fn listed_pages(project: &Project, pages: &[PageFacts], l: LocaleId) -> Vec<ListedPage> {
    let mut listed: Vec<(i64, &str, ListedPage)> = project
        .page_ids()
        .zip(pages)
        .filter_map(|(p, facts)| {
            let e = facts.editions.iter().find(|e| e.locale_index == l)?;
            let page = project.entry(p);
            Some((page.weight, page.slug.as_str(), e.listed(&page.slug)))
        })
        .collect();
    listed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    listed.into_iter().map(|(_, _, p)| p).collect()
}

/// `sitemap.xml` with every edition of every page as alternates.
fn sitemap(project: &Project, site: &Site, base: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in &project.pages {
        for e in &site.editions {
            out.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                esc(&format!("{base}{}/{}.html", e.tag, page.slug))
            ));
            for alt in &site.editions {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    esc(&alt.tag),
                    esc(&format!("{base}{}/{}.html", alt.tag, page.slug))
                ));
            }
            if let Some(source) = site.edition(project.source) {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                    esc(&format!("{base}{}/{}.html", source.tag, page.slug))
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}
