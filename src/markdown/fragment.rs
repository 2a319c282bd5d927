//! A translated segment, parsed as inline content only: whatever would start a block
//! is escaped first, and the spans mapped back to the translator's text.

use super::*;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// What a translated fragment may refer to: the page's link definitions and footnotes.
#[derive(Debug, Clone, Copy)]
pub struct FragmentContext<'a> {
    pub refs: &'a LinkRefs,
    pub footnote_labels: &'a [String],
}

/// A translated segment, parsed as inline content only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragment {
    pub inlines: Vec<Inline>,
    /// Spans of raw HTML tags, and of character references to a character that is not
    /// text (a control, a noncharacter): what the translation checks judge as markup.
    pub raw_html: Vec<Range<usize>>,
    /// The character references that stand for text (`&eacute;`, `&#233;`, `&nbsp;`),
    /// in order: the inline tree holds their characters already.
    pub references: Vec<CharacterReference>,
}

/// A character reference in a translation and the text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharacterReference {
    pub span: Range<usize>,
    pub text: String,
}

/// Parses translated text as inline Markdown only: whatever would start a block (a list
/// marker, `#`, `>`, four spaces, an HTML block) is read as text, and blank lines do not
/// end the paragraph. Spans refer to `text`.
pub fn parse_fragment(text: &str, context: FragmentContext<'_>) -> Fragment {
    let escaped = EscapedFragment::new(text);
    let mut input = escaped.text.clone();
    // Footnote references only resolve when the definition is in the same document.
    for label in context.footnote_labels {
        input.push_str("\n\n[^");
        input.push_str(label);
        input.push_str("]: -");
    }
    let mut builder = InlineBuilder::default();
    let mut raw_html = Vec::new();
    let mut references = Vec::new();
    let mut depth = 0usize;
    let mut started = false;
    for (event, range) in parser(&input, Mode::Fragment, Some(context.refs)) {
        match event {
            Event::Start(Tag::Paragraph) if !started => {
                started = true;
                depth = 1;
                continue;
            }
            Event::End(TagEnd::Paragraph) if depth == 1 => break,
            _ if !started => continue,
            _ if range.end <= escaped.skip => continue,
            _ => {}
        }
        let span = escaped.original(range.start)..escaped.original(range.end);
        if let Event::InlineHtml(_) | Event::Html(_) = &event {
            raw_html.push(span.clone());
        }
        if let Event::Text(t) = &event {
            let raw = &input[range.clone()];
            // pulldown-cmark gives each reference its own text event, decoded.
            if raw.starts_with('&') && raw.ends_with(';') && raw != t.as_ref() {
                note_reference(span.clone(), t, &mut raw_html, &mut references);
            }
        }
        builder.push(event, span);
    }
    raw_html.sort_by_key(|r| (r.start, r.end));
    Fragment {
        inlines: builder.finish(),
        raw_html,
        references,
    }
}

/// Files a decoded character reference: as text, or as markup when it stands for a
/// character that is not text (`&#27;`), which the checks then refuse.
fn note_reference(
    span: Range<usize>,
    text: &str,
    raw_html: &mut Vec<Range<usize>>,
    references: &mut Vec<CharacterReference>,
) {
    if crate::chars::find_forbidden(text).is_some() {
        raw_html.push(span);
    } else {
        references.push(CharacterReference {
            span,
            text: text.to_string(),
        });
    }
}

/// A plain-text translation (a title, a description) as a fragment: one text node, its
/// character references decoded as Markdown decodes them (pulldown-cmark's table, so
/// a title and a paragraph agree on `&eacute;`), trimmed and bidi-balanced. Its HTML tags
/// are `raw_html`: plain text has no markup.
pub fn parse_plain_text(text: &str) -> Fragment {
    let mut raw_html = Vec::new();
    let mut references = Vec::new();
    let mut decoded = String::with_capacity(text.len());
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        if c == '<' && rest.starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') {
            raw_html.push(i..i + 1);
        }
        if c != '&' || i < copied {
            continue;
        }
        let Some(end) = reference_end(rest) else {
            continue;
        };
        let span = i..i + 1 + end + 1;
        let Some(chars) = decode_reference(&text[span.clone()]) else {
            continue;
        };
        decoded.push_str(&text[copied..span.start]);
        decoded.push_str(&chars);
        copied = span.end;
        note_reference(span, &chars, &mut raw_html, &mut references);
    }
    decoded.push_str(&text[copied..]);
    let shown = crate::bidi::balance(decoded.trim()).into_owned();
    Fragment {
        inlines: vec![Inline {
            kind: InlineKind::Text(shown),
            span: 0..text.len(),
        }],
        raw_html,
        references,
    }
}

/// The offset of the `;` that may end a character reference whose `&` is just before
/// `rest` (a name or a `#` number, as CommonMark allows: at most 32 characters).
fn reference_end(rest: &str) -> Option<usize> {
    let end = rest.get(..rest.len().min(34))?.find(';')?;
    (end > 0
        && rest[..end]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '#'))
    .then_some(end)
}

/// The text a lone character reference stands for, as pulldown-cmark decodes it, or
/// `None` when it is no reference (`&nosuch;`).
fn decode_reference(reference: &str) -> Option<String> {
    let mut events = pulldown_cmark::Parser::new(reference);
    match (events.next(), events.next(), events.next(), events.next()) {
        (
            Some(Event::Start(Tag::Paragraph)),
            Some(Event::Text(t)),
            Some(Event::End(TagEnd::Paragraph)),
            None,
        ) if t.as_ref() != reference => Some(t.into_string()),
        _ => None,
    }
}

/// Translated text with block starts escaped, and the map back to the original offsets.
pub(super) struct EscapedFragment {
    pub(super) text: String,
    /// (offset in `text`, offset in the original) at every place the two shift apart.
    pub(super) checkpoints: Vec<(usize, usize)>,
    /// Length of the placeholder line before the text (see [`PLACEHOLDER_LINE`]), whose
    /// events are not part of the fragment.
    pub(super) skip: usize,
}

/// A line put before a fragment whose first line is an HTML tag, so that the tag is read
/// as inline HTML in a paragraph (as on the page) instead of starting an HTML block.
pub(super) const PLACEHOLDER_LINE: &str = "x\n";

/// Whether a line starting with `<` starts an HTML block even in the middle of a
/// paragraph (CommonMark's HTML blocks of kinds 1 to 6). Such a line is indented in a
/// fragment, which keeps it inline HTML, as in a page's paragraph.
pub(super) fn html_block_interrupts(line: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
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
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ];
    let lower = line.to_ascii_lowercase();
    if lower.starts_with("<!--") || lower.starts_with("<?") || lower.starts_with("<![cdata[") {
        return true;
    }
    if lower
        .as_bytes()
        .get(1..3)
        .is_some_and(|b| b[0] == b'!' && b[1].is_ascii_alphabetic())
    {
        return true;
    }
    fn name_end(rest: &str) -> (usize, &str) {
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        (len, &rest[len..])
    }
    if let Some(rest) = lower.strip_prefix('<') {
        let (len, after) = name_end(rest);
        if ["script", "pre", "style", "textarea"].contains(&&rest[..len])
            && (after.is_empty() || after.starts_with([' ', '\t', '>']))
        {
            return true;
        }
    }
    let rest = lower
        .strip_prefix("</")
        .or_else(|| lower.strip_prefix('<'))
        .unwrap_or("");
    let (len, after) = name_end(rest);
    BLOCK_TAGS.contains(&&rest[..len])
        && (after.trim().is_empty()
            || after.starts_with([' ', '\t', '>'])
            || after.starts_with("/>"))
}

impl EscapedFragment {
    pub(super) fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len() + 8);
        let mut checkpoints = vec![(0, 0)];
        let mut line_start = 0;
        let mut protect_first_line = false;
        for line in original.split_inclusive('\n') {
            let body = line.trim_start_matches([' ', '\t']);
            let skipped = line.len() - body.len();
            let orig_body_start = line_start + skipped;
            line_start += line.len();
            if body.trim().is_empty() {
                // Blank lines would end the paragraph: drop them.
                checkpoints.push((text.len(), line_start));
                continue;
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            checkpoints.push((text.len(), orig_body_start));
            let first = text.is_empty();
            if body.starts_with('<') {
                // A tag at a line's start is inline HTML, as on the page, never an HTML
                // block: a placeholder line before the first line makes every line a
                // paragraph's continuation, which a tag alone on its line cannot
                // interrupt; the other HTML block starts (`<div`, `<!--` …) can, unless
                // indented by four spaces, which a continuation line ignores.
                protect_first_line |= first && !is_autolink_start(body);
                if html_block_interrupts(body) {
                    protect_first_line |= first;
                    text.push_str("    ");
                    checkpoints.push((text.len(), orig_body_start));
                }
                text.push_str(body);
            } else if let Some(at) = block_start_escape(body) {
                text.push_str(&body[..at]);
                text.push('\\');
                checkpoints.push((text.len(), orig_body_start + at));
                text.push_str(&body[at..]);
            } else {
                text.push_str(body);
            }
        }
        while text.ends_with('\n') {
            text.pop();
        }
        let mut skip = 0;
        if protect_first_line {
            skip = PLACEHOLDER_LINE.len();
            text.insert_str(0, PLACEHOLDER_LINE);
            for (esc, _) in &mut checkpoints {
                *esc += skip;
            }
        }
        EscapedFragment {
            text,
            checkpoints,
            skip,
        }
    }

    pub(super) fn original(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|(esc, _)| *esc <= offset);
        let (esc, orig) = self.checkpoints[i.saturating_sub(1)];
        orig + (offset - esc)
    }
}

/// Where a backslash makes this line (leading whitespace removed) plain paragraph text
/// instead of the start of a block, or `None` when it already is.
pub(super) fn block_start_escape(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let rest = line.trim_end();
    let only = |c: u8| rest.bytes().all(|b| b == c || b == b' ' || b == b'\t');
    let followed_by_space = |i: usize| bytes.get(i).is_none_or(|b| b.is_ascii_whitespace());
    match first {
        b'>' => Some(0),
        b'#' => {
            let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
            (hashes <= 6 && followed_by_space(hashes)).then_some(0)
        }
        b'-' | b'+' | b'*' => {
            let thematic =
                first != b'+' && only(first) && rest.bytes().filter(|&b| b == first).count() >= 3;
            let setext = first == b'-' && only(b'-');
            (followed_by_space(1) || thematic || setext).then_some(0)
        }
        b'_' => (only(b'_') && rest.len() >= 3).then_some(0),
        b'=' => only(b'=').then_some(0),
        // A backtick fence's info string has no backtick (``` ``` ``` is a code span).
        b'`' => {
            (line.starts_with("```") && !line.trim_start_matches('`').contains('`')).then_some(0)
        }
        b'~' => line.starts_with("~~~").then_some(0),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits <= 9
                && matches!(bytes.get(digits), Some(b'.' | b')'))
                && followed_by_space(digits + 1))
            .then_some(digits)
        }
        b'<' => {
            let next = bytes.get(1).copied().unwrap_or(b' ');
            let tag_like = next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?');
            (tag_like && !is_autolink_start(line)).then_some(0)
        }
        b'[' => {
            // `[label]: url` and `[^note]: text` define links and footnotes.
            let close = line.find(']')?;
            line[close + 1..].starts_with(':').then_some(0)
        }
        _ => None,
    }
}

pub(super) fn is_autolink_start(line: &str) -> bool {
    let Some(end) = line.find('>') else {
        return false;
    };
    let inner = &line[1..end];
    if inner.contains(char::is_whitespace) || inner.contains('<') {
        return false;
    }
    if let Some((scheme, _)) = inner.split_once(':') {
        return (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    }
    inner.contains('@')
}
