//! The plain-text edition of a page, for braille displays, terminal screen readers,
//! e-mail and SMS gateways, slow links and printing: wrapped by [`crate::wrap`] at a
//! fixed display width, headings underlined, links and notes numbered and listed at
//! the end, untranslated passages flagged in words (plain text has no `lang`).

use super::{Paths, Site};
use crate::markdown::{self, Align, Block, Inline, InlineKind};
use crate::resolve::{Edition, Shown};
use crate::url::is_unsafe_url;
use crate::wrap::{WrapOptions, display_width, wrap};
use std::collections::HashMap;
use std::ops::Range;

/// Renders one edition of a page as plain text: UTF-8, LF, no trailing spaces, one final newline.
pub fn page(edition: &Edition<'_, '_>, site: &Site, width: usize) -> String {
    let page = edition.page;
    let paths = Paths::for_page(page);
    let mut w = Writer::new(edition, &paths, width);

    w.paragraph(&edition.text("site-name").text, "", "");
    let tagline = &edition.text("site-tagline").text;
    if !tagline.trim().is_empty() {
        w.paragraph(tagline, "", "");
    }
    w.blank();
    let title = &edition.shown[page.title_segment];
    let (title_text, _) = w.flatten(&title.inlines);
    w.paragraph(&w.marked(title, &title_text), "", "");
    if edition.fallback_count() > 0 {
        w.blank();
        w.paragraph(&edition.text("fallback-notice").text, "", "");
    }
    w.blocks(&page.doc.blocks, "", "");
    w.footnotes();
    w.links();

    // Where else to read it.
    w.blank();
    let html = format!(
        "{}: {}.html",
        edition.text("html-edition-link").text,
        paths.stem
    );
    w.paragraph(&html, "", "");
    let others: Vec<(&str, String)> = site
        .editions
        .iter()
        .filter(|e| e.locale_index != edition.locale_index)
        .map(|e| (e.name.as_str(), paths.page_in(&e.tag, &page.slug, "txt")))
        .collect();
    if !others.is_empty() {
        w.heading(&edition.text("other-editions-heading").text, 2);
        for (name, path) in others {
            // A relative path cannot be broken (UAX #14 forbids a break before `.` and `/`):
            // when "name: path" does not fit, the path goes on its own line.
            let line = format!("{name}: {path}");
            if display_width(&line) <= width {
                w.out.push(line);
            } else {
                w.paragraph(&format!("{name}:"), "", "");
                w.out.push(format!("  {path}"));
            }
        }
    }
    // An author's control characters, and anything else that is not text, never reach
    // the text edition raw (ESC and BEL would run in the reader's terminal).
    crate::chars::replace_owned(w.finish())
}

struct Writer<'e, 'p> {
    edition: &'e Edition<'e, 'p>,
    paths: &'e Paths,
    width: usize,
    keep_all: bool,
    out: Vec<String>,
    /// URL → its number in the list of links.
    links: Vec<String>,
    link_numbers: HashMap<String, usize>,
    notes: HashMap<String, usize>,
}

impl<'e, 'p> Writer<'e, 'p> {
    fn new(edition: &'e Edition<'e, 'p>, paths: &'e Paths, width: usize) -> Self {
        let notes = super::footnote_numbers(edition);
        Writer {
            edition,
            paths,
            width,
            keep_all: edition.locale.keeps_words_whole(),
            out: Vec::new(),
            links: Vec::new(),
            link_numbers: HashMap::new(),
            notes,
        }
    }

    fn blank(&mut self) {
        if self.out.last().is_some_and(|l| !l.is_empty()) {
            self.out.push(String::new());
        }
    }

    /// Wraps `text` with the given prefixes.
    fn paragraph(&mut self, text: &str, first: &str, rest: &str) {
        self.paragraph_protected(text, &[], first, rest);
    }

    fn paragraph_protected(
        &mut self,
        text: &str,
        protected: &[Range<usize>],
        first: &str,
        rest: &str,
    ) {
        let opts = WrapOptions {
            width: self.width,
            first_prefix: first,
            rest_prefix: rest,
            keep_all: self.keep_all,
        };
        self.out.extend(wrap(text, protected, &opts));
    }

    fn heading(&mut self, text: &str, level: u8) {
        self.blank();
        if level <= 2 {
            let start = self.out.len();
            self.paragraph(text, "", "");
            let widest = self.out[start..]
                .iter()
                .map(|l| display_width(l))
                .max()
                .unwrap_or(0);
            let mark = if level == 1 { "=" } else { "-" };
            self.out.push(mark.repeat(widest.max(1)));
        } else {
            // Deeper levels are marked as in Markdown, which plain-text readers know.
            let first = format!("{} ", "#".repeat(level as usize));
            let rest = " ".repeat(first.len());
            self.paragraph(text, &first, &rest);
        }
        self.out.push(String::new());
    }

    /// `text` with the "not yet translated" marker when the passage falls back.
    fn marked(&self, shown: &Shown<'_>, text: &str) -> String {
        if shown.fallback.is_some() {
            format!("{} {text}", self.edition.text("untranslated-marker").text)
        } else {
            text.to_string()
        }
    }

    fn blocks(&mut self, blocks: &[Block], first: &str, rest: &str) {
        let mut first = first.to_string();
        for block in blocks {
            self.block(block, &first, rest);
            first = rest.to_string();
        }
    }

    fn block(&mut self, block: &Block, first: &str, rest: &str) {
        match block {
            Block::Heading { level, segment, .. } => {
                let shown = &self.edition.shown[*segment];
                let (text, _) = self.flatten(&shown.inlines);
                let text = self.marked(shown, &text);
                self.heading(&text, *level);
            }
            Block::Paragraph { segment } | Block::Plain { segment } => {
                let shown = &self.edition.shown[*segment];
                let (text, protected) = self.flatten(&shown.inlines);
                let marked = self.marked(shown, &text);
                let shift = marked.len() - text.len();
                let protected: Vec<Range<usize>> = protected
                    .into_iter()
                    .map(|r| r.start + shift..r.end + shift)
                    .collect();
                self.blank_if_top(first, rest);
                self.paragraph_protected(&marked, &protected, first, rest);
                self.end_if_top(first, rest);
            }
            Block::Image { segment, .. } => {
                let Some(segment) = segment else { return };
                let shown = &self.edition.shown[*segment];
                let alt = markdown::plain_text(&shown.inlines);
                let text = self.edition.layout.image_text(&self.marked(shown, &alt));
                self.blank_if_top(first, rest);
                self.paragraph(&text, first, rest);
                self.end_if_top(first, rest);
            }
            Block::List { start, items } => {
                self.blank_if_top(first, rest);
                let widest = start.map_or(0, |s| {
                    (s + items.len().saturating_sub(1) as u64).to_string().len()
                });
                for (i, item) in items.iter().enumerate() {
                    let marker = match start {
                        Some(s) => format!("{:>widest$}. ", s + i as u64),
                        None => "- ".to_string(),
                    };
                    let item_first = format!("{rest}{marker}");
                    let item_rest = format!("{rest}{}", " ".repeat(display_width(&marker)));
                    let item_first = if i == 0 {
                        format!("{first}{marker}")
                    } else {
                        item_first
                    };
                    self.blocks(item, &item_first, &item_rest);
                }
                self.end_if_top(first, rest);
            }
            Block::Quote(blocks) => {
                self.blank_if_top(first, rest);
                let (qf, qr) = (format!("{first}> "), format!("{rest}> "));
                for (i, b) in blocks.iter().enumerate() {
                    if i > 0 {
                        self.out.push(format!("{rest}>"));
                    }
                    self.block(b, if i == 0 { &qf } else { &qr }, &qr);
                }
                self.end_if_top(first, rest);
            }
            Block::Code { text, .. } => {
                self.blank_if_top(first, rest);
                for line in text.trim_end_matches('\n').split('\n') {
                    self.out
                        .push(format!("{rest}    {line}").trim_end().to_string());
                }
                self.end_if_top(first, rest);
            }
            Block::Table {
                head,
                rows,
                caption,
                align,
            } => {
                self.blank_if_top(first, rest);
                if let Some(c) = caption {
                    let shown = &self.edition.shown[*c];
                    let (text, _) = self.flatten(&shown.inlines);
                    let text = self.marked(shown, &text);
                    self.paragraph(&text, rest, rest);
                    self.out.push(String::new());
                }
                self.table(head, rows, align, rest);
                self.end_if_top(first, rest);
            }
            Block::Rule => {
                self.blank();
                self.out
                    .push(format!("{rest}{}", "* ".repeat(3).trim_end()));
                self.out.push(String::new());
            }
            Block::Html { html, .. } => {
                let text = strip_tags(html);
                if !text.trim().is_empty() {
                    self.blank_if_top(first, rest);
                    self.paragraph(text.trim(), first, rest);
                    self.end_if_top(first, rest);
                }
            }
        }
    }

    /// Top-level blocks are separated by blank lines; blocks inside a list are not.
    fn blank_if_top(&mut self, first: &str, rest: &str) {
        if first.is_empty() && rest.is_empty() {
            self.blank();
        }
    }

    fn end_if_top(&mut self, first: &str, rest: &str) {
        if first.is_empty() && rest.is_empty() {
            self.out.push(String::new());
        }
    }

    fn cell_text(&mut self, cell: Option<usize>) -> String {
        match cell {
            Some(s) => {
                let shown = &self.edition.shown[s];
                let (text, _) = self.flatten(&shown.inlines);
                self.marked(shown, &text).replace('\n', " ")
            }
            None => String::new(),
        }
    }

    /// Columns aligned by display width when they fit, `header: value` records otherwise.
    fn table(
        &mut self,
        head: &[Option<usize>],
        rows: &[Vec<Option<usize>>],
        align: &[Align],
        indent: &str,
    ) {
        let head: Vec<String> = head.iter().map(|c| self.cell_text(*c)).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| self.cell_text(*c)).collect())
            .collect();
        let columns = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        let mut widths = vec![0; columns];
        for row in std::iter::once(&head).chain(rows.iter()) {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(display_width(cell));
            }
        }
        let total =
            display_width(indent) + widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
        if total <= self.width {
            let line = |cells: &[String]| {
                let mut s = indent.to_string();
                for (i, w) in widths.iter().enumerate() {
                    let cell = cells.get(i).map(String::as_str).unwrap_or("");
                    let pad = w - display_width(cell);
                    let (before, after) = match align.get(i) {
                        Some(Align::Right) => (pad, 0),
                        Some(Align::Center) => (pad / 2, pad - pad / 2),
                        _ => (0, pad),
                    };
                    s.push_str(&" ".repeat(before));
                    s.push_str(cell);
                    if i + 1 < columns {
                        s.push_str(&" ".repeat(after + 2));
                    }
                }
                s.trim_end().to_string()
            };
            if head.iter().any(|h| !h.is_empty()) {
                self.out.push(line(&head));
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat((*w).max(1))).collect();
                self.out.push(format!("{indent}{}", rule.join("  ")));
            }
            for row in &rows {
                self.out.push(line(row));
            }
        } else {
            for (r, row) in rows.iter().enumerate() {
                if r > 0 {
                    self.out.push(String::new());
                }
                for (i, cell) in row.iter().enumerate() {
                    let label = head.get(i).filter(|h| !h.is_empty());
                    let text = match label {
                        Some(h) => format!("{h}: {cell}"),
                        None => cell.clone(),
                    };
                    self.paragraph(&text, indent, &format!("{indent}  "));
                }
            }
        }
    }

    fn footnotes(&mut self) {
        let page = self.edition.page;
        if page.doc.footnotes.is_empty() {
            return;
        }
        self.heading(&self.edition.text("notes-heading").text.clone(), 2);
        let notes = super::numbered_footnotes(page, &self.notes);
        for (n, note) in notes {
            let marker = format!("({n}) ");
            let indent = " ".repeat(display_width(&marker));
            self.blocks(&note.blocks, &marker, &indent);
        }
    }

    fn links(&mut self) {
        if self.links.is_empty() {
            return;
        }
        self.heading(&self.edition.text("links-heading").text.clone(), 2);
        let links = std::mem::take(&mut self.links);
        for (i, url) in links.iter().enumerate() {
            // A URL is one unbreakable token: it stands on its line whole.
            let marker = format!("[{}] ", i + 1);
            let text = format!("{marker}{url}");
            self.paragraph_protected(
                &text,
                std::slice::from_ref(&(marker.len()..text.len())),
                "",
                "",
            );
        }
    }

    fn link_number(&mut self, url: String) -> usize {
        if let Some(&n) = self.link_numbers.get(&url) {
            return n;
        }
        self.links.push(url.clone());
        let n = self.links.len();
        self.link_numbers.insert(url, n);
        n
    }

    /// Inline content as text, with the byte ranges that must not be broken (URLs).
    fn flatten(&mut self, inlines: &[Inline]) -> (String, Vec<Range<usize>>) {
        let mut out = String::new();
        let mut protected = Vec::new();
        self.flatten_into(inlines, &mut out, &mut protected);
        (out.trim().to_string(), protected)
    }

    fn flatten_into(
        &mut self,
        inlines: &[Inline],
        out: &mut String,
        protected: &mut Vec<Range<usize>>,
    ) {
        for (i, inline) in inlines.iter().enumerate() {
            match &inline.kind {
                InlineKind::Text(t) => out.push_str(t),
                InlineKind::Code(c) => out.push_str(c),
                InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                    self.flatten_into(c, out, protected)
                }
                InlineKind::Link { dest, children, .. } => {
                    let before = out.len();
                    self.flatten_into(children, out, protected);
                    let text = out[before..].to_string();
                    if is_unsafe_url(dest, false) || dest.starts_with('#') {
                        continue;
                    }
                    let url = self.url(dest);
                    if text.trim() == dest.trim() || text.trim() == url {
                        protected.push(before..out.len());
                    } else {
                        let n = self.link_number(url);
                        out.push_str(&format!("\u{a0}[{n}]"));
                    }
                }
                InlineKind::Image { alt, .. } => {
                    let alt = markdown::plain_text(alt);
                    if !alt.trim().is_empty() {
                        out.push_str(&self.edition.layout.image_text(alt.trim()));
                    }
                }
                InlineKind::FootnoteRef(label) => {
                    let n = self.notes.get(&label.to_lowercase()).copied().unwrap_or(0);
                    out.push_str(&format!("({n})"));
                }
                InlineKind::SoftBreak => {
                    // No space between two characters of a script written without spaces.
                    let prev = out.chars().next_back();
                    let next = inlines.get(i + 1).and_then(|n| match &n.kind {
                        InlineKind::Text(t) => t.chars().next(),
                        _ => None,
                    });
                    let silent = prev
                        .zip(next)
                        .is_some_and(|(a, b)| crate::script::line_break_is_silent(a, b));
                    if !silent {
                        out.push(' ');
                    }
                }
                InlineKind::HardBreak => out.push('\n'),
                // Inline HTML is its text (the tags' content comes as the nodes between
                // them), but a `<br>` is the line break it means.
                InlineKind::Html(tag) => {
                    if markdown::parse_tag(tag).is_some_and(|t| t.name == "br" && !t.closing) {
                        out.push('\n');
                    }
                }
            }
        }
    }

    /// A link target as the plain-text edition shows it: pages' `.md` become `.txt`.
    fn url(&self, dest: &str) -> String {
        let url = super::output_url(self.edition.page, self.paths, dest);
        match dest.split(['#', '?']).next() {
            Some(path) if path.ends_with(".md") && !dest.contains(':') => {
                url.replacen(".html", ".txt", 1)
            }
            _ => url,
        }
    }

    fn finish(self) -> String {
        let mut lines = self.out;
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let mut text = String::new();
        let mut previous_blank = true;
        for line in lines {
            // Each line is its own paragraph to a terminal or braille display: bidi
            // controls in untrusted text are closed on the line that opened them.
            let line = crate::bidi::balance(line.trim_end());
            let line = line.as_ref();
            // One blank line between blocks, never two.
            if line.is_empty() && previous_blank {
                continue;
            }
            previous_blank = line.is_empty();
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

/// The text of authored HTML, without its tags (sanitised first, so no script survives).
fn strip_tags(html: &str) -> String {
    let clean = super::html::sanitize(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in clean.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_serialized(&out)
}

/// Decodes the character references the sanitiser's serialiser writes: authored
/// references (`&copy;`, `&#42;`) are already characters after its parse, and it writes
/// back `&amp;`, `&nbsp;`, `&lt;`, `&gt;` and `&quot;` (numeric ones are decoded too).
/// `&amp;` is decoded last of all, in one pass, so `&amp;lt;` stays `&lt;`.
fn decode_serialized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "nbsp" => '\u{a0}',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let value = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(value).filter(|c| *c != '\0')?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
