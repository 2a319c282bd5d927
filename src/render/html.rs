//! The HTML edition of a page (maud): landmarks, a skip link, the language menu,
//! heading ids from the source, fallback passages marked with their real language, and
//! links to the plain-text edition. maud escapes every string; `PreEscaped` is used only
//! for markup this module generated and for authored HTML after the sanitiser.

use super::{EditionInfo, Paths, Site, lang_attrs, output_url};
use crate::locale::{Locale, PerLocale};
use crate::markdown::{self, Align, Block, Inline, InlineKind};
use crate::resolve::{Edition, Layout, Localized, Shown};
use crate::slug::{self, footnote_id};
use crate::url::is_unsafe_url;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The shell every page shares: the doctype, `<html lang dir>`, the `<head>` (charset,
/// viewport, the title, what comes before and after the stylesheet link) and the body.
pub fn document(
    lang: &str,
    dir: &str,
    title: Markup,
    before_style: Markup,
    style: Markup,
    after_style: Markup,
    body: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang) dir=(dir) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                (title)
                (before_style)
                (style)
                (after_style)
            }
            body { (body) }
        }
    }
}

/// Renders one edition of a page as a complete HTML document. `partial[l]` says whether
/// the page shows passages in the source language in locale `l` (the language menu
/// says so).
pub fn page(edition: &Edition<'_, '_>, site: &Site, partial: &PerLocale<bool>) -> String {
    let page = edition.page;
    let paths = Paths::for_page(page);
    let r = Renderer::new(edition, &paths);
    let locale = edition.locale;
    let title = &edition.shown[page.title_segment];
    let description = &edition.shown[page.description_segment];
    let (title_lang, title_dir) = r.lang_of(title);
    let (desc_lang, _) = r.lang_of(description);
    let site_name = edition.text("site-name");
    let has_h1 = page
        .doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    let fallbacks = edition.fallback_count();
    let text_href = format!("{}.txt", paths.stem);

    let markup = document(
        &locale.tag,
        locale.direction().as_str(),
        html! { title lang=[title_lang] dir=[title_dir] { (markdown::plain_text(&title.inlines)) " – " (site_name.text) } },
        html! { @if !page.segments[page.description_segment].text.is_empty() {
            meta name="description" lang=[desc_lang] content=(markdown::plain_text(&description.inlines));
        } },
        html! { link rel="stylesheet" href={ (paths.root) "style.css" }; },
        html! { @if let Some(base) = &site.base_url {
            link rel="canonical" href={ (base) (locale.tag) "/" (page.slug) ".html" };
        }
        @for e in &site.editions {
            link rel="alternate" hreflang=(e.tag) href=(edition_href(site, &paths, e, &page.slug));
        }
        @if let Some(source) = site.edition(edition.project.source) {
            link rel="alternate" hreflang="x-default" href=(edition_href(site, &paths, source, &page.slug));
        }
        link rel="alternate" type="text/plain" href=(text_href) title=(edition.text("text-edition-link").text); },
        html! { a.skip-link href={ "#" (slug::MAIN_ID) } { (r.layout("skip-link")) }
        (header(edition.layout, &paths))
        (language_menu(edition.layout, site, &paths, &page.slug, "html", partial))
        main id=(slug::MAIN_ID) tabindex="-1" {
            @if fallbacks > 0 {
                p.fallback-notice role="note" { (r.layout("fallback-notice")) }
            }
            article {
                @if !has_h1 {
                    h1 lang=[title_lang] dir=[title_dir] { (r.inlines(&title.inlines)) }
                }
                (r.blocks(&page.doc.blocks))
                (r.footnotes())
            }
            p.edition-links {
                a href=(text_href) type="text/plain" { (r.layout("text-edition-link")) }
            }
        }
        footer.site-footer {
            p { (r.layout("footer-text")) }
        } },
    );
    // An author's control characters, and anything else that is not text, never reach
    // a page raw.
    crate::chars::replace_owned(markup.into_string())
}

/// The `href` of a page in another edition: relative, or absolute with a base URL.
fn edition_href(site: &Site, paths: &Paths, e: &EditionInfo, slug: &str) -> String {
    match &site.base_url {
        Some(base) => format!("{base}{}/{slug}.html", e.tag),
        None => paths.page_in(&e.tag, slug, "html"),
    }
}

pub(crate) fn header(layout: &Layout<'_>, paths: &Paths) -> Markup {
    let seal_lang = layout
        .text("seal-alt")
        .fallback_lang
        .map(|l| l.tag.as_str());
    html! {
        header.site-header {
            a.site-brand href={ (paths.edition) "index.html" } {
                img.seal src={ (paths.root) "seal.svg" } alt=(layout.text("seal-alt").text) lang=[seal_lang] width="56" height="56";
                span.site-name { (localized(layout, "site-name")) }
            }
            @if !layout.text("site-tagline").text.trim().is_empty() {
                p.site-tagline { (localized(layout, "site-tagline")) }
            }
        }
    }
}

/// A layout string, in a span carrying its language when it is the source's fallback.
pub(crate) fn localized(layout: &Layout<'_>, id: &str) -> Markup {
    let Localized {
        text,
        fallback_lang,
    } = layout.text(id);
    in_lang(layout.locale, *fallback_lang, html! { (text) })
}

/// The language menu: each edition named in its own language, with `lang` and
/// `hreflang`, the current one marked, and the ones whose page (or, on an edition's
/// list of pages, which edition) is partly untranslated said to be partial in words.
///
/// The list is written twice and the stylesheet shows one: on wide screens as a row
/// of links, on small screens inside one native disclosure (`<details>`, no script)
/// whose summary names the menu and the current language in the page's language, and
/// where the partial mark is visually hidden (screen readers still read it).
pub(crate) fn language_menu(
    layout: &Layout<'_>,
    site: &Site,
    paths: &Paths,
    slug: &str,
    ext: &str,
    partial: &PerLocale<bool>,
) -> Markup {
    let current = site
        .editions
        .iter()
        .find(|e| e.locale_index == layout.locale_index);
    html! {
        nav.language-menu aria-label=(layout.text("language-menu-label").text) {
            (language_list(layout, site, paths, slug, ext, partial, "language-row", false))
            details.language-disclosure {
                summary {
                    (localized(layout, "language-menu-label"))
                    @if let Some(current) = current {
                        ": " span.current-language lang=(current.tag) dir=(current.direction.as_str()) { (current.name) }
                    }
                }
                (language_list(layout, site, paths, slug, ext, partial, "language-column", true))
            }
        }
    }
}

/// One copy of the language menu's list (see [`language_menu`]).
#[allow(clippy::too_many_arguments)]
fn language_list(
    layout: &Layout<'_>,
    site: &Site,
    paths: &Paths,
    slug: &str,
    ext: &str,
    partial: &PerLocale<bool>,
    class: &str,
    hide_partial: bool,
) -> Markup {
    let current = layout.locale_index;
    let here = layout.locale;
    html! {
            ul class=(class) {
                @for e in &site.editions {
                    li {
                        a href=(if e.locale_index == current { format!("{}.{ext}", paths.stem) } else { paths.page_in(&e.tag, slug, ext) })
                            lang=(e.tag) hreflang=(e.tag) dir=(e.direction.as_str())
                            aria-current=[(e.locale_index == current).then_some("page")] {
                            (e.name)
                            @if partial.get(e.locale_index).copied().unwrap_or(!e.complete) {
                                " "
                                // In the language the label is really in (the source's
                                // while the edition lacks it).
                                @let label = layout.text("language-partial");
                                @let shown_in = label.fallback_lang.unwrap_or(here);
                                span.partial.visually-hidden[hide_partial] lang=(shown_in.tag) dir=(shown_in.direction().as_str()) {
                                    "(" (label.text) ")"
                                }
                            }
                        }
                    }
                }
            }
    }
}

pub(crate) struct Renderer<'e, 'p> {
    pub edition: &'e Edition<'e, 'p>,
    paths: &'e Paths,
    /// Footnote label → its number, in the order of first reference.
    footnote_numbers: HashMap<String, usize>,
    footnote_refs: RefCell<FootnoteRefs>,
}

/// The ids given to footnote references so far: a footnote referenced twice has two
/// references, each with its own id and its own link back.
struct FootnoteRefs {
    /// By case-folded label, in the order rendered.
    by_label: HashMap<String, Vec<String>>,
    /// All of them, and every footnote's first reference's, to keep them distinct.
    taken: HashSet<String>,
}

impl<'e, 'p> Renderer<'e, 'p> {
    pub(crate) fn new(edition: &'e Edition<'e, 'p>, paths: &'e Paths) -> Self {
        let firsts = edition
            .page
            .doc
            .footnotes
            .iter()
            .map(|f| slug::footnote_ref_id(&footnote_id(&f.label), 1, |_| false))
            .collect();
        Renderer {
            edition,
            paths,
            footnote_numbers: super::footnote_numbers(edition),
            footnote_refs: RefCell::new(FootnoteRefs {
                by_label: HashMap::new(),
                taken: firsts,
            }),
        }
    }

    /// The id of the next reference to the footnote `label`.
    fn footnote_ref_id(&self, label: &str) -> String {
        let mut refs = self.footnote_refs.borrow_mut();
        let FootnoteRefs { by_label, taken } = &mut *refs;
        let given = by_label.entry(label.to_lowercase()).or_default();
        let id = slug::footnote_ref_id(&footnote_id(label), given.len() + 1, |c| taken.contains(c));
        taken.insert(id.clone());
        given.push(id.clone());
        id
    }

    fn lang_of(&self, shown: &Shown<'_>) -> (Option<&'p str>, Option<&'static str>) {
        let source = self.edition.source_locale();
        lang_attrs(self.edition.locale, shown.fallback.map(|_| source))
    }

    /// A layout string, wrapped in a span with its language when it is a fallback.
    pub(crate) fn layout(&self, id: &str) -> Markup {
        let Localized {
            text,
            fallback_lang,
        } = self.edition.text(id);
        let (lang, dir) = lang_attrs(self.edition.locale, *fallback_lang);
        match lang {
            Some(lang) => html! { span lang=(lang) dir=[dir] { (text) } },
            None => html! { (text) },
        }
    }

    fn shown(&self, segment: usize) -> &Shown<'p> {
        &self.edition.shown[segment]
    }

    pub(crate) fn blocks(&self, blocks: &[Block]) -> Markup {
        html! { @for b in blocks { (self.block(b)) } }
    }

    fn block(&self, block: &Block) -> Markup {
        match block {
            Block::Heading {
                level,
                anchor,
                segment,
            } => {
                let shown = self.shown(*segment);
                let (lang, dir) = self.lang_of(shown);
                let content = self.inlines(&shown.inlines);
                match level {
                    1 => html! { h1 id=(anchor) lang=[lang] dir=[dir] { (content) } },
                    2 => html! { h2 id=(anchor) lang=[lang] dir=[dir] { (content) } },
                    3 => html! { h3 id=(anchor) lang=[lang] dir=[dir] { (content) } },
                    4 => html! { h4 id=(anchor) lang=[lang] dir=[dir] { (content) } },
                    5 => html! { h5 id=(anchor) lang=[lang] dir=[dir] { (content) } },
                    _ => html! { h6 id=(anchor) lang=[lang] dir=[dir] { (content) } },
                }
            }
            Block::Paragraph { segment } => {
                let shown = self.shown(*segment);
                let (lang, dir) = self.lang_of(shown);
                let content = self.inlines(&shown.inlines);
                // An author's block HTML in the paragraph (`<div>`) would end a `<p>`
                // where it starts, and its end tag make an empty one: such a paragraph
                // is a `div` (styled as a paragraph), which may hold it.
                if closes_paragraph(&content.0) {
                    html! { div.paragraph lang=[lang] dir=[dir] { (content) } }
                } else {
                    html! { p lang=[lang] dir=[dir] { (content) } }
                }
            }
            Block::Plain { segment } => {
                let shown = self.shown(*segment);
                let content = self.inlines(&shown.inlines);
                match self.lang_of(shown) {
                    // A `span` may not hold block HTML either.
                    (Some(lang), dir) if closes_paragraph(&content.0) => {
                        html! { div lang=(lang) dir=[dir] { (content) } }
                    }
                    (Some(lang), dir) => html! { span lang=(lang) dir=[dir] { (content) } },
                    _ => content,
                }
            }
            Block::Image {
                segment,
                dest,
                title,
                ..
            } => {
                let (alt, lang, dir) = match segment {
                    Some(s) => {
                        let shown = self.shown(*s);
                        let (lang, dir) = self.lang_of(shown);
                        (markdown::plain_text(&shown.inlines), lang, dir)
                    }
                    None => (String::new(), None, None),
                };
                let title = (!title.is_empty() && title != "decorative").then_some(title.as_str());
                if is_unsafe_url(dest, true) {
                    html! { p lang=[lang] dir=[dir] { (alt) } }
                } else {
                    html! { p.image { img src=(output_url(self.edition.page, self.paths, dest)) alt=(alt) title=[title] lang=[lang] dir=[dir]; } }
                }
            }
            Block::List { start, items } => {
                let content = html! { @for item in items { li { (self.blocks(item)) } } };
                match start {
                    Some(1) => html! { ol { (content) } },
                    Some(n) => html! { ol start=(n) { (content) } },
                    None => html! { ul { (content) } },
                }
            }
            Block::Quote(blocks) => html! { blockquote { (self.blocks(blocks)) } },
            Block::Code { info, text } => {
                let language = info
                    .split_whitespace()
                    .next()
                    .filter(|l| !l.is_empty())
                    .map(|l| format!("language-{l}"));
                html! { pre translate="no" { code class=[language] { (text) } } }
            }
            Block::Table {
                align,
                head,
                rows,
                caption,
            } => {
                let class = |i: usize| match align.get(i) {
                    Some(Align::Left) => Some("align-start"),
                    Some(Align::Center) => Some("align-center"),
                    Some(Align::Right) => Some("align-end"),
                    _ => None,
                };
                let caption = caption.map(|c| self.shown(c));
                let label = match caption {
                    Some(c) => markdown::plain_text(&c.inlines),
                    None => self.table_label(head),
                };
                html! {
                    div.table-scroll role="region" aria-label=(label) tabindex="0" {
                        table {
                            @if let Some(c) = caption {
                                @let (lang, dir) = self.lang_of(c);
                                caption lang=[lang] dir=[dir] { (self.inlines(&c.inlines)) }
                            }
                            @if head.iter().any(Option::is_some) {
                                thead { tr { @for (i, cell) in head.iter().enumerate() { (self.cell(*cell, true, class(i))) } } }
                            }
                            tbody {
                                @for row in rows {
                                    tr { @for (i, cell) in row.iter().enumerate() { (self.cell(*cell, false, class(i))) } }
                                }
                            }
                        }
                    }
                }
            }
            Block::Rule => html! { hr; },
            Block::Html { html, .. } => {
                let clean = sanitize(html);
                let source = self.edition.source_locale();
                match lang_attrs(self.edition.locale, Some(source)) {
                    (Some(lang), dir) => {
                        html! { div lang=(lang) dir=[dir] { (PreEscaped(clean)) } }
                    }
                    _ => PreEscaped(clean),
                }
            }
        }
    }

    fn table_label(&self, head: &[Option<usize>]) -> String {
        head.iter()
            .flatten()
            .map(|&s| markdown::plain_text(&self.shown(s).inlines))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn cell(&self, cell: Option<usize>, header: bool, class: Option<&str>) -> Markup {
        let (content, lang, dir) = match cell {
            Some(s) => {
                let shown = self.shown(s);
                let (lang, dir) = self.lang_of(shown);
                (self.inlines(&shown.inlines), lang, dir)
            }
            None => (html! {}, None, None),
        };
        if header {
            html! { th scope="col" class=[class] lang=[lang] dir=[dir] { (content) } }
        } else {
            html! { td class=[class] lang=[lang] dir=[dir] { (content) } }
        }
    }

    fn footnotes(&self) -> Markup {
        let page = self.edition.page;
        if page.doc.footnotes.is_empty() {
            return html! {};
        }
        let notes = super::numbered_footnotes(page, &self.footnote_numbers);
        // The notes first: a note may refer to another, and every reference must have its
        // id before the links back to them are written.
        let bodies: Vec<Markup> = notes
            .iter()
            .map(|(_, note)| self.blocks(&note.blocks))
            .collect();
        let refs = self.footnote_refs.borrow();
        let no_refs = Vec::new();
        html! {
            section.footnotes aria-labelledby=(slug::FOOTNOTES_HEADING_ID) {
                h2 id=(slug::FOOTNOTES_HEADING_ID) { (self.layout("notes-heading")) }
                ol {
                    @for ((n, note), body) in notes.iter().zip(bodies) {
                        li id=(slug::footnote_note_id(&note.label)) value=(n) {
                            (body)
                            // One link back to each reference, numbered after the first.
                            @for (k, id) in refs.by_label.get(&note.label.to_lowercase()).unwrap_or(&no_refs).iter().enumerate() {
                                " "
                                a.footnote-back href={ "#" (id) } {
                                    span aria-hidden="true" { "↩" @if k > 0 { sup { (k + 1) } } }
                                    span.visually-hidden { (self.layout("footnote-backlink")) @if k > 0 { " " (k + 1) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Inline content. Authored inline HTML (only ever from the source) goes through the
    /// sanitiser with the rest of its segment.
    pub(crate) fn inlines(&self, inlines: &[Inline]) -> Markup {
        let has_html = inlines_have_html(inlines);
        let markup = html! { @for i in inlines { (self.inline(i)) } };
        if has_html {
            PreEscaped(sanitize(&markup.into_string()))
        } else {
            markup
        }
    }

    fn inline(&self, inline: &Inline) -> Markup {
        match &inline.kind {
            InlineKind::Text(t) => html! { (t) },
            InlineKind::Code(c) => html! { code translate="no" { (c) } },
            InlineKind::Emphasis(c) => html! { em { (self.inline_list(c)) } },
            InlineKind::Strong(c) => html! { strong { (self.inline_list(c)) } },
            InlineKind::Strikethrough(c) => html! { s { (self.inline_list(c)) } },
            InlineKind::Link {
                dest,
                title,
                children,
            } => {
                if is_unsafe_url(dest, false) {
                    html! { (self.inline_list(children)) }
                } else {
                    let title = (!title.is_empty()).then_some(title.as_str());
                    html! { a href=(output_url(self.edition.page, self.paths, dest)) title=[title] { (self.inline_list(children)) } }
                }
            }
            InlineKind::Image { dest, title, alt } => {
                let alt = markdown::plain_text(alt);
                if is_unsafe_url(dest, true) {
                    html! { (alt) }
                } else {
                    let title =
                        (!title.is_empty() && title != "decorative").then_some(title.as_str());
                    html! { img src=(output_url(self.edition.page, self.paths, dest)) alt=(alt) title=[title]; }
                }
            }
            InlineKind::FootnoteRef(label) => {
                let n = self
                    .footnote_numbers
                    .get(&label.to_lowercase())
                    .copied()
                    .unwrap_or(0);
                let ref_id = self.footnote_ref_id(label);
                html! { sup.footnote-ref { a href={ "#" (slug::footnote_note_id(label)) } id=(ref_id) { (n) } } }
            }
            InlineKind::SoftBreak => html! { "\n" },
            InlineKind::HardBreak => html! { br; },
            InlineKind::Html(h) => PreEscaped(h.clone()),
        }
    }

    fn inline_list(&self, inlines: &[Inline]) -> Markup {
        html! { @for i in inlines { (self.inline(i)) } }
    }
}

/// Elements whose start tag closes an open `<p>` in HTML's tree construction (every
/// browser's parser), `p` itself included.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// Whether sanitised inline HTML holds an element that cannot be inside a `<p>` (nor
/// a `<span>`): the sanitiser writes well-formed lowercase tags and escapes `<` in text,
/// so a `<` followed by one of [`CLOSES_P`] starts such an element (or is inside an
/// attribute value, which only makes the container a `div` needlessly).
fn closes_paragraph(html: &str) -> bool {
    html.match_indices('<').any(|(i, _)| {
        let rest = &html[i + 1..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        CLOSES_P.contains(&&rest[..name_len])
    })
}

fn inlines_have_html(inlines: &[Inline]) -> bool {
    let mut found = false;
    markdown::visit(inlines, &mut |i| {
        found |= matches!(i.kind, InlineKind::Html(_))
    });
    found
}

/// The policy for HTML authored in `content/`: ammonia's allow-list (no scripts, styles,
/// event handlers, forms or frames; only http, https, mailto and similar URLs), plus the
/// `lang`, `dir` and `title` attributes that accessible writing needs.
pub fn sanitize(html: &str) -> String {
    use std::sync::OnceLock;
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["lang", "dir", "title"]);
            // The site's one URL policy (`url::is_unsafe_url`), not ammonia's own list:
            // the schemes it allows, and a raster `data:` image in `img src`.
            let mut schemes: std::collections::HashSet<&str> =
                crate::url::SCHEMES.iter().copied().collect();
            schemes.insert("data");
            b.url_schemes(schemes);
            b.attribute_filter(|element, attribute, value| {
                let is_url = matches!(attribute, "href" | "src" | "cite" | "longdesc");
                let image = element == "img" && attribute == "src";
                if is_url && crate::url::is_unsafe_url(value, image) {
                    None
                } else {
                    Some(value.into())
                }
            });
            b
        })
        .clean(html)
        .to_string()
}

/// Wraps text in a span carrying its language when it differs from the edition's.
pub fn in_lang(edition_locale: &Locale, text_locale: Option<&Locale>, content: Markup) -> Markup {
    match lang_attrs(edition_locale, text_locale) {
        (Some(lang), dir) => html! { span lang=(lang) dir=[dir] { (content) } },
        _ => content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizer_policy() {
        let dirty = r#"<p lang="ko" onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><abbr title="t">c</abbr><iframe src="x"></iframe><style>p{}</style></p>"#;
        let clean = sanitize(dirty);
        assert!(
            !clean.contains("script")
                && !clean.contains("onclick")
                && !clean.contains("javascript"),
            "{clean}"
        );
        assert!(
            !clean.contains("iframe") && !clean.contains("style"),
            "{clean}"
        );
        // The same URL policy as Markdown's: no `file:` link, no SVG `data:` image, a
        // raster `data:` image kept.
        let urls = sanitize(
            r#"<a href="file:///etc/passwd">f</a><img src="data:image/svg+xml,x" alt="s"><img src="data:image/png;base64,AA" alt="p"><a href="mailto:a@b.org">m</a>"#,
        );
        assert!(!urls.contains("file:") && !urls.contains("svg"), "{urls}");
        assert!(
            urls.contains("data:image/png") && urls.contains("mailto:"),
            "{urls}"
        );
        assert!(
            clean.contains(r#"lang="ko""#) && clean.contains("<abbr title=\"t\">c</abbr>"),
            "{clean}"
        );
    }
}

/// A page's title in an edition, for the edition's list of pages.
#[derive(Debug, Clone)]
pub struct ListedPage {
    pub slug: String,
    pub title: String,
    /// The title is the source's (untranslated).
    pub fallback: bool,
}

/// `<tag>/index.html`: the edition's list of pages.
pub fn edition_index(layout: &Layout<'_>, site: &Site, pages: &[ListedPage]) -> String {
    let locale = layout.locale;
    let paths = Paths {
        root: "../".into(),
        edition: String::new(),
        stem: "index".into(),
    };
    let source = &layout.project.source_locale().locale;
    let heading = layout.text("page-list-heading");
    let html = document(
        &locale.tag,
        locale.direction().as_str(),
        html! { title { (heading.text) " – " (layout.text("site-name").text) } },
        html! {},
        html! { link rel="stylesheet" href="../style.css"; },
        html! { @for e in &site.editions {
            link rel="alternate" hreflang=(e.tag) href={ "../" (e.tag) "/index.html" };
        } },
        html! { a.skip-link href={ "#" (slug::MAIN_ID) } { (localized(layout, "skip-link")) }
        (header(layout, &paths))
        (language_menu(layout, site, &paths, "index", "html", &site.partial_editions()))
        main id=(slug::MAIN_ID) tabindex="-1" {
            h1 { (localized(layout, "page-list-heading")) }
            ul.page-list {
                @for p in pages {
                    @let (lang, dir) = lang_attrs(locale, p.fallback.then_some(source));
                    li { a href={ (p.slug) ".html" } lang=[lang] dir=[dir] { (p.title) } }
                }
            }
        }
        footer.site-footer { p { (localized(layout, "footer-text")) } } },
    )
    .into_string();
    crate::chars::replace_owned(html)
}

/// `index.html` at the top: every edition, each named in its own language.
pub fn chooser(
    layouts: &[(&EditionInfo, &Layout<'_>)],
    site: &Site,
    source: &Layout<'_>,
    with_status: bool,
) -> String {
    let locale = source.locale;
    let html = document(
        &locale.tag,
        locale.direction().as_str(),
        html! { title { (source.text("site-name").text) } },
        html! {  },
        html! { link rel="stylesheet" href="style.css"; },
        html! { @for e in &site.editions {
                    link rel="alternate" hreflang=(e.tag) href={ (e.tag) "/index.html" };
                } },
        html! { a.skip-link href={ "#" (slug::MAIN_ID) } { (localized(source, "skip-link")) }
                header.site-header {
                    span.site-brand {
                        img.seal src="seal.svg" alt=(source.text("seal-alt").text) width="56" height="56";
                        span.site-name { (localized(source, "site-name")) }
                    }
                }
                main id=(slug::MAIN_ID) tabindex="-1" {
                    h1 { (localized(source, "language-chooser-heading")) }
                    // The heading in every other edition's language, each marked with its own.
                    p.chooser-headings {
                        @for (i, (e, layout)) in layouts.iter().filter(|(e, _)| e.locale_index != source.locale_index).enumerate() {
                            @if i > 0 { " " }
                            span lang=(e.tag) dir=(e.direction.as_str()) { (localized(layout, "language-chooser-heading")) }
                        }
                    }
                    nav aria-label=(source.text("language-menu-label").text) {
                        ul.language-list {
                            @for (e, layout) in layouts {
                                li lang=(e.tag) dir=(e.direction.as_str()) {
                                    a href={ (e.tag) "/index.html" } hreflang=(e.tag) { (e.name) }
                                    @if !e.complete {
                                        @let label = layout.text("language-partial");
                                        @let shown_in = label.fallback_lang.unwrap_or(layout.locale);
                                        " " span.partial lang=(shown_in.tag) dir=(shown_in.direction().as_str()) { "(" (label.text) ")" }
                                    }
                                    span.chooser-intro { (localized(layout, "language-chooser-intro")) }
                                }
                            }
                        }
                    }
                    @if with_status {
                        p.edition-links { a href="status.html" lang=[(locale.langid.language.as_str() != "en").then_some("en")] { "Translation status" } }
                    }
                }
                footer.site-footer { p { (localized(source, "footer-text")) } } },
    )
    .into_string();
    crate::chars::replace_owned(html)
}
