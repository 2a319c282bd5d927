//! Markdown: the one place it is parsed ([`parser`]), and the two shapes the program
//! reads it in — a page as a tree of blocks whose translatable text sits in
//! [`RawSegment`]s, and a translated segment as inline content only. Both come out as
//! the same [`Inline`] tree with byte spans, so lint spans and rendered output describe
//! the same text.

use crate::slug;
use pulldown_cmark::{
    Alignment, BrokenLink, BrokenLinkCallback, CodeBlockKind, CowStr, Event, HeadingLevel,
    MetadataBlockKind, OffsetIter, Options, Parser, Tag, TagEnd,
};
use std::collections::HashMap;
use std::ops::Range;

/// Block containers nested deeper than this are flattened into their parent, so hostile
/// input (10,000 nested quotes) cannot overflow the stack of any consumer.
pub const MAX_BLOCK_DEPTH: usize = 24;
/// The same for inline containers (emphasis in emphasis …).
pub const MAX_INLINE_DEPTH: usize = 24;

/// An inline element with its byte span in the text it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    pub kind: InlineKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum InlineKind {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link {
        dest: String,
        title: String,
        children: Vec<Inline>,
    },
    Image {
        dest: String,
        title: String,
        alt: Vec<Inline>,
    },
    FootnoteRef(String),
    SoftBreak,
    HardBreak,
    /// Raw inline HTML. Authored HTML goes through the sanitiser; in a translation it is
    /// refused (lint `raw-html`) and never reaches a page as markup.
    Html(String),
}

/// What a translatable segment is, which tells translators (in the reference file's
/// comments) and the renderers how it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SegmentKind {
    Title,
    Description,
    Heading(u8),
    Paragraph,
    ListItem,
    Quote,
    TableHeader,
    TableCell,
    /// A table's caption, written as a paragraph `Table: …` right before the table.
    Caption,
    ImageAlt,
    Footnote,
}

impl SegmentKind {
    /// Plain text: the front matter's strings are not Markdown.
    pub fn is_plain_text(self) -> bool {
        matches!(self, SegmentKind::Title | SegmentKind::Description)
    }

    /// The words the reference file's comment uses; [`SegmentKind::from_label`] reads them back.
    pub fn label(self) -> String {
        match self {
            SegmentKind::Title => "page title".into(),
            SegmentKind::Description => "page description (search results, link previews)".into(),
            SegmentKind::Heading(level) => format!("heading, level {level}"),
            SegmentKind::Paragraph => "paragraph".into(),
            SegmentKind::ListItem => "list item".into(),
            SegmentKind::Quote => "quotation".into(),
            SegmentKind::TableHeader => "table header cell".into(),
            SegmentKind::TableCell => "table cell".into(),
            SegmentKind::Caption => "table caption".into(),
            SegmentKind::ImageAlt => "image description (alt text)".into(),
            SegmentKind::Footnote => "footnote".into(),
        }
    }

    pub fn from_label(label: &str) -> Option<SegmentKind> {
        if let Some(level) = label.strip_prefix("heading, level ") {
            return level.parse().ok().map(SegmentKind::Heading);
        }
        [
            SegmentKind::Title,
            SegmentKind::Description,
            SegmentKind::Paragraph,
            SegmentKind::ListItem,
            SegmentKind::Quote,
            SegmentKind::TableHeader,
            SegmentKind::TableCell,
            SegmentKind::Caption,
            SegmentKind::ImageAlt,
            SegmentKind::Footnote,
        ]
        .into_iter()
        .find(|kind| kind.label() == label)
    }
}

/// A translatable piece of a page, before it has a message id.
#[derive(Debug, Clone)]
pub struct RawSegment {
    pub kind: SegmentKind,
    /// The segment's inline Markdown, as the reference file holds it.
    pub text: String,
    pub inlines: Vec<Inline>,
    /// Byte span in the page source.
    pub span: Range<usize>,
    /// Anchor of the heading the segment stands under ("" before the first heading).
    pub section: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Blocks refer to their text by index into the page's segments.
#[derive(Debug, Clone)]
pub enum Block {
    Heading {
        level: u8,
        anchor: String,
        segment: usize,
    },
    Paragraph {
        segment: usize,
    },
    /// The text of a tight list item (no paragraph around it).
    Plain {
        segment: usize,
    },
    /// A paragraph that is one image. `segment` is its alt text; `None` when the alt text
    /// is empty (decorative if the title says so, a lint error otherwise).
    Image {
        segment: Option<usize>,
        dest: String,
        title: String,
        span: Range<usize>,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code {
        info: String,
        text: String,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Option<usize>>,
        rows: Vec<Vec<Option<usize>>>,
        caption: Option<usize>,
    },
    Rule,
    /// An authored HTML block; sanitised when rendered.
    Html {
        html: String,
        span: Range<usize>,
    },
}

#[derive(Debug, Clone)]
pub struct Footnote {
    pub label: String,
    pub blocks: Vec<Block>,
}

/// Link reference definitions of a page (`[label]: url "title"`), so translations can use
/// reference links too. Keys are case-folded labels.
#[derive(Debug, Clone, Default)]
pub struct LinkRefs(HashMap<String, (String, String)>);

impl LinkRefs {
    fn get(&self, label: &str) -> Option<&(String, String)> {
        self.0.get(&fold_label(label))
    }
}

fn fold_label(label: &str) -> String {
    // Upper then lower case approximates Unicode case folding as CommonMark matches
    // labels (`ẞ`, `ß` and `SS` are one label, as are `ﬁ` and `FI`).
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
        .to_lowercase()
        .replace('ß', "ss")
}

/// A page's Markdown, parsed.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The front matter's text (TOML between `+++` lines, or YAML between `---` lines
    /// at the very start), with its byte offset in the source.
    pub front_matter: Option<(String, usize)>,
    /// The front matter is YAML (`---`), not TOML (`+++`).
    pub front_matter_yaml: bool,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    /// The translatable text; a loaded page moves these into `Page::segments`.
    pub segments: Vec<RawSegment>,
    pub refs: LinkRefs,
    /// Footnote labels in the order of their definitions.
    pub footnote_labels: Vec<String>,
}

impl Document {
    /// The page's front matter block, where the parse found it: the one place a file's
    /// front matter is told from its body (pages, and the files `import` reads).
    pub fn front_matter_block(&self) -> Option<crate::frontmatter::Block<'_>> {
        self.front_matter
            .as_ref()
            .map(|(text, offset)| crate::frontmatter::Block {
                format: if self.front_matter_yaml {
                    crate::frontmatter::Format::Yaml
                } else {
                    crate::frontmatter::Format::Toml
                },
                text,
                offset: *offset,
            })
    }
}

/// Which of the two shapes is parsed.
#[derive(Clone, Copy)]
enum Mode {
    Page,
    Fragment,
}

struct RefResolver<'r> {
    refs: Option<&'r LinkRefs>,
}

impl<'input> BrokenLinkCallback<'input> for RefResolver<'_> {
    fn handle_broken_link(
        &mut self,
        link: BrokenLink<'input>,
    ) -> Option<(CowStr<'input>, CowStr<'input>)> {
        let (dest, title) = self.refs?.get(&link.reference)?;
        Some((dest.clone().into(), title.clone().into()))
    }
}

/// The one function that runs the Markdown parser.
fn parser<'a, 'r>(
    text: &'a str,
    mode: Mode,
    refs: Option<&'r LinkRefs>,
) -> OffsetIter<'a, RefResolver<'r>> {
    let mut options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    if let Mode::Page = mode {
        options |= Options::ENABLE_TABLES
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
        // YAML front matter only where the page starts with it: with the option on,
        // pulldown-cmark would also read a `---` … `---` later in a TOML page (a thematic
        // break and a setext heading) as metadata.
        if text.starts_with("---") {
            options |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        }
    }
    Parser::new_with_broken_link_callback(text, options, Some(RefResolver { refs }))
        .into_offset_iter()
}

/// Parses a page's Markdown into blocks and segments.
pub fn parse_page(source: &str) -> Document {
    let iter = parser(source, Mode::Page, None);
    let mut refs = LinkRefs::default();
    for (label, def) in iter.reference_definitions().iter() {
        refs.0.insert(
            fold_label(label),
            (
                def.dest.to_string(),
                def.title
                    .as_ref()
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ),
        );
    }
    let mut builder = PageBuilder::new(source);
    for (event, range) in iter {
        builder.event(event, range);
    }
    let mut doc = builder.finish();
    doc.refs = refs;
    doc
}

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
    /// Spans of raw HTML tags and character entities, which a translation may not contain.
    pub raw_html: Vec<Range<usize>>,
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
            if raw.starts_with('&') && raw.ends_with(';') && raw != t.as_ref() {
                raw_html.push(span.clone());
            }
        }
        builder.push(event, span);
    }
    raw_html.sort_by_key(|r| (r.start, r.end));
    Fragment {
        inlines: builder.finish(),
        raw_html,
    }
}

/// Translated text with block starts escaped, and the map back to the original offsets.
struct EscapedFragment {
    text: String,
    /// (offset in `text`, offset in the original) at every place the two shift apart.
    checkpoints: Vec<(usize, usize)>,
    /// Length of the placeholder line before the text (see [`PLACEHOLDER_LINE`]), whose
    /// events are not part of the fragment.
    skip: usize,
}

/// A line put before a fragment whose first line is an HTML tag, so that the tag is read
/// as inline HTML in a paragraph (as on the page) instead of starting an HTML block.
const PLACEHOLDER_LINE: &str = "x\n";

/// Whether a line starting with `<` starts an HTML block even in the middle of a
/// paragraph (CommonMark's HTML blocks of kinds 1 to 6). Such a line is indented in a
/// fragment, which keeps it inline HTML, as in a page's paragraph.
fn html_block_interrupts(line: &str) -> bool {
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
    fn new(original: &str) -> Self {
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

    fn original(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|(esc, _)| *esc <= offset);
        let (esc, orig) = self.checkpoints[i.saturating_sub(1)];
        orig + (offset - esc)
    }
}

/// Where a backslash makes this line (leading whitespace removed) plain paragraph text
/// instead of the start of a block, or `None` when it already is.
fn block_start_escape(line: &str) -> Option<usize> {
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

fn is_autolink_start(line: &str) -> bool {
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

/// Builds the inline tree from inline events, capping nesting depth.
#[derive(Default)]
struct InlineBuilder {
    /// Open containers: the Start event's kind (None when too deep to keep) and children.
    stack: Vec<(Option<OpenInline>, Range<usize>, Vec<Inline>)>,
    done: Vec<Inline>,
}

enum OpenInline {
    Emphasis,
    Strong,
    Strikethrough,
    Link { dest: String, title: String },
    Image { dest: String, title: String },
}

impl InlineBuilder {
    fn children(&mut self) -> &mut Vec<Inline> {
        match self.stack.last_mut() {
            Some((_, _, children)) => children,
            None => &mut self.done,
        }
    }

    fn leaf(&mut self, kind: InlineKind, span: Range<usize>) {
        // Bidi controls are balanced within each text node, where the renderers write them.
        let kind = match kind {
            InlineKind::Text(t) => InlineKind::Text(balanced(t)),
            InlineKind::Code(t) => InlineKind::Code(balanced(t)),
            other => other,
        };
        let children = self.children();
        if let (
            InlineKind::Text(new),
            Some(Inline {
                kind: InlineKind::Text(old),
                span: old_span,
            }),
        ) = (&kind, children.last_mut())
            && old_span.end == span.start
        {
            old.push_str(new);
            old_span.end = span.end;
            return;
        }
        children.push(Inline { kind, span });
    }

    fn push(&mut self, event: Event<'_>, span: Range<usize>) {
        match event {
            Event::Start(tag) => {
                let open = match tag {
                    Tag::Emphasis => OpenInline::Emphasis,
                    Tag::Strong => OpenInline::Strong,
                    Tag::Strikethrough => OpenInline::Strikethrough,
                    Tag::Link {
                        dest_url, title, ..
                    } => OpenInline::Link {
                        dest: dest_url.into_string(),
                        title: title.into_string(),
                    },
                    Tag::Image {
                        dest_url, title, ..
                    } => OpenInline::Image {
                        dest: dest_url.into_string(),
                        title: title.into_string(),
                    },
                    // Block tags do not occur inside inline content; ignore defensively.
                    _ => return,
                };
                let keep =
                    self.stack.iter().filter(|(o, _, _)| o.is_some()).count() < MAX_INLINE_DEPTH;
                self.stack.push((keep.then_some(open), span, Vec::new()));
            }
            Event::End(end) => {
                if !matches!(
                    end,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                ) {
                    return;
                }
                let Some((open, start_span, children)) = self.stack.pop() else {
                    return;
                };
                let span = start_span.start..span.end.max(start_span.end);
                let mut children = children;
                children.shrink_to_fit();
                match open {
                    None => self.children().extend(children),
                    Some(open) => {
                        let kind = match open {
                            OpenInline::Emphasis => InlineKind::Emphasis(children),
                            OpenInline::Strong => InlineKind::Strong(children),
                            OpenInline::Strikethrough => InlineKind::Strikethrough(children),
                            OpenInline::Link { dest, title } => InlineKind::Link {
                                dest,
                                title,
                                children,
                            },
                            OpenInline::Image { dest, title } => InlineKind::Image {
                                dest,
                                title,
                                alt: children,
                            },
                        };
                        self.children().push(Inline { kind, span });
                    }
                }
            }
            Event::Text(t) => self.leaf(InlineKind::Text(t.into_string()), span),
            Event::Code(t) => self.leaf(InlineKind::Code(t.into_string()), span),
            Event::InlineHtml(t) | Event::Html(t) => {
                self.leaf(InlineKind::Html(t.into_string()), span)
            }
            Event::FootnoteReference(label) => {
                self.leaf(InlineKind::FootnoteRef(label.into_string()), span)
            }
            Event::SoftBreak => self.leaf(InlineKind::SoftBreak, span),
            Event::HardBreak => self.leaf(InlineKind::HardBreak, span),
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.leaf(InlineKind::Text(t.into_string()), span)
            }
            Event::TaskListMarker(done) => self.leaf(
                InlineKind::Text(if done { "[x] " } else { "[ ] " }.into()),
                span,
            ),
            Event::Rule => {}
        }
    }

    fn finish(mut self) -> Vec<Inline> {
        // Unclosed containers (not produced by pulldown-cmark, but be safe): keep their text.
        while let Some((_, _, children)) = self.stack.pop() {
            self.children().extend(children);
        }
        // A site's text is held in these trees for the whole build: no spare capacity.
        self.done.shrink_to_fit();
        self.done
    }
}

fn balanced(text: String) -> String {
    match crate::bidi::balance(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(fixed) => fixed,
    }
}

/// Collects one block's inline content: its tree and its source text.
struct Collector {
    kind: Option<SegmentKind>,
    heading: Option<(u8, Option<String>)>,
    builder: InlineBuilder,
    text: String,
    run_start: Option<usize>,
    start: usize,
    end: usize,
}

impl Collector {
    fn new(kind: Option<SegmentKind>, start: usize) -> Self {
        Collector {
            kind,
            heading: None,
            builder: InlineBuilder::default(),
            text: String::new(),
            run_start: None,
            start,
            end: start,
        }
    }

    fn push(&mut self, source: &str, event: Event<'_>, range: Range<usize>) {
        // The range of an escaped character (`\*`) leaves out its backslash: a run of
        // source text that starts with one must keep it, or the text changes.
        let start = match source[..range.start].strip_suffix('\\') {
            Some(_) if source[range.start..].starts_with(|c: char| c.is_ascii_punctuation()) => {
                range.start - 1
            }
            _ => range.start,
        };
        let run_start = *self.run_start.get_or_insert(start);
        match event {
            Event::SoftBreak => {
                self.text
                    .push_str(source[run_start..range.start].trim_end());
                self.text.push('\n');
                self.run_start = None;
            }
            Event::HardBreak => {
                self.text.push_str(&source[run_start..range.start]);
                self.text.push_str("\\\n");
                self.run_start = None;
            }
            _ => {}
        }
        self.end = self.end.max(range.end);
        self.builder.push(event, range);
    }

    fn finish(mut self, source: &str) -> (String, Vec<Inline>, Range<usize>) {
        if let Some(run_start) = self.run_start
            && run_start < self.end
        {
            self.text.push_str(&source[run_start..self.end]);
        }
        let inlines = self.builder.finish();
        let span =
            inlines.first().map(|i| i.span.start).unwrap_or(self.start)..self.end.max(self.start);
        (self.text.trim().to_string(), inlines, span)
    }
}

enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
    Table(TableFrame),
    /// A container nested too deep: its content goes to the nearest kept one.
    Flattened,
}

struct TableFrame {
    align: Vec<Align>,
    head: Vec<Option<usize>>,
    rows: Vec<Vec<Option<usize>>>,
    row: Vec<Option<usize>>,
    in_head: bool,
}

struct PageBuilder<'s> {
    source: &'s str,
    stack: Vec<Frame>,
    collector: Option<Collector>,
    code: Option<(String, String)>,
    html: Option<(String, Range<usize>)>,
    front_matter: Option<(String, usize)>,
    front_matter_yaml: bool,
    in_front_matter: bool,
    segments: Vec<RawSegment>,
    footnotes: Vec<Footnote>,
    anchors: Vec<String>,
    section: String,
}

impl<'s> PageBuilder<'s> {
    fn new(source: &'s str) -> Self {
        PageBuilder {
            source,
            stack: vec![Frame::Root(Vec::new())],
            collector: None,
            code: None,
            html: None,
            front_matter: None,
            front_matter_yaml: false,
            in_front_matter: false,
            segments: Vec::new(),
            footnotes: Vec::new(),
            anchors: Vec::new(),
            section: String::new(),
        }
    }

    fn depth(&self) -> usize {
        self.stack
            .iter()
            .filter(|f| matches!(f, Frame::Quote(_) | Frame::List { .. }))
            .count()
    }

    /// The innermost container that holds blocks.
    fn blocks_mut(&mut self) -> &mut Vec<Block> {
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Root(b) | Frame::Quote(b) | Frame::Item(b) => return b,
                Frame::Footnote { blocks, .. } => return blocks,
                _ => {}
            }
        }
        unreachable!("the root frame is never popped")
    }

    fn context_kind(&self) -> SegmentKind {
        for frame in self.stack.iter().rev() {
            match frame {
                Frame::Quote(_) => return SegmentKind::Quote,
                Frame::Item(_) => return SegmentKind::ListItem,
                Frame::Footnote { .. } => return SegmentKind::Footnote,
                Frame::Root(_) => return SegmentKind::Paragraph,
                _ => {}
            }
        }
        SegmentKind::Paragraph
    }

    fn add_segment(
        &mut self,
        kind: SegmentKind,
        text: String,
        inlines: Vec<Inline>,
        span: Range<usize>,
    ) -> usize {
        self.segments.push(RawSegment {
            kind,
            text,
            inlines,
            span,
            section: self.section.clone(),
        });
        self.segments.len() - 1
    }

    /// Ends the text of a tight list item (inline content outside any paragraph).
    fn flush_plain(&mut self) {
        if let Some(c) = self
            .collector
            .take_if(|c| c.kind.is_none() && c.heading.is_none())
        {
            let (text, inlines, span) = c.finish(self.source);
            if text.is_empty() {
                return;
            }
            let kind = self.context_kind();
            let segment = self.add_segment(kind, text, inlines, span);
            self.blocks_mut().push(Block::Plain { segment });
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.in_front_matter {
            match event {
                Event::Text(t) => {
                    let fm = self
                        .front_matter
                        .get_or_insert_with(|| (String::new(), range.start));
                    fm.0.push_str(&t);
                }
                Event::End(TagEnd::MetadataBlock(_)) => self.in_front_matter = false,
                _ => {}
            }
            return;
        }
        if let Some((info, text)) = &mut self.code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (info, text) = (std::mem::take(info), std::mem::take(text));
                    self.code = None;
                    self.blocks_mut().push(Block::Code { info, text });
                }
                _ => {}
            }
            return;
        }
        if let Some((html, span)) = &mut self.html {
            match event {
                Event::Html(t) | Event::Text(t) => {
                    html.push_str(&t);
                    span.end = span.end.max(range.end);
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let (html, span) = (std::mem::take(html), span.clone());
                    self.html = None;
                    self.blocks_mut().push(Block::Html { html, span });
                }
                _ => {}
            }
            return;
        }
        let is_inline = match &event {
            Event::Start(tag) => matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Superscript
                    | Tag::Subscript
            ),
            Event::End(end) => matches!(
                end,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            ),
            Event::Rule => false,
            _ => true,
        };
        if is_inline {
            let collector = self
                .collector
                .get_or_insert_with(|| Collector::new(None, range.start));
            collector.push(self.source, event, range);
            return;
        }
        match event {
            Event::Start(tag) => {
                self.flush_plain();
                self.start(tag, range);
            }
            Event::End(end) => {
                if !matches!(
                    end,
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell
                ) {
                    self.flush_plain();
                }
                self.end(end, range);
            }
            Event::Rule => {
                self.flush_plain();
                self.blocks_mut().push(Block::Rule);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let deep = self.depth() >= MAX_BLOCK_DEPTH;
        match tag {
            Tag::Paragraph => {
                self.collector = Some(Collector::new(Some(self.context_kind()), range.start))
            }
            Tag::Heading { level, id, .. } => {
                let mut c = Collector::new(
                    Some(SegmentKind::Heading(heading_level(level))),
                    range.start,
                );
                c.heading = Some((heading_level(level), id.map(|i| i.into_string())));
                self.collector = Some(c);
            }
            Tag::TableCell => {
                let kind = match self.stack.last() {
                    Some(Frame::Table(t)) if t.in_head => SegmentKind::TableHeader,
                    _ => SegmentKind::TableCell,
                };
                self.collector = Some(Collector::new(Some(kind), range.start));
            }
            Tag::BlockQuote(_) => self.stack.push(if deep {
                Frame::Flattened
            } else {
                Frame::Quote(Vec::new())
            }),
            Tag::List(start) => self.stack.push(if deep {
                Frame::Flattened
            } else {
                Frame::List {
                    start,
                    items: Vec::new(),
                }
            }),
            Tag::Item => {
                let under_list = matches!(self.stack.last(), Some(Frame::List { .. }));
                self.stack.push(if under_list {
                    Frame::Item(Vec::new())
                } else {
                    Frame::Flattened
                });
            }
            Tag::FootnoteDefinition(label) => self.stack.push(Frame::Footnote {
                label: label.into_string(),
                blocks: Vec::new(),
            }),
            Tag::Table(align) => self.stack.push(Frame::Table(TableFrame {
                align: align
                    .iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect(),
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                in_head: false,
            })),
            Tag::TableHead => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    t.row.clear();
                }
            }
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, String::new()));
            }
            Tag::HtmlBlock => self.html = Some((String::new(), range)),
            Tag::MetadataBlock(kind) => {
                self.in_front_matter = true;
                self.front_matter_yaml = kind == MetadataBlockKind::YamlStyle;
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) {
        match end {
            TagEnd::Paragraph => {
                let Some(c) = self.collector.take() else {
                    return;
                };
                let kind = c.kind.unwrap_or(SegmentKind::Paragraph);
                let (text, inlines, span) = c.finish(self.source);
                if let Some(block) = self.image_block(&inlines, span.clone()) {
                    self.blocks_mut().push(block);
                } else if !text.is_empty() {
                    let segment = self.add_segment(kind, text, inlines, span);
                    self.blocks_mut().push(Block::Paragraph { segment });
                }
            }
            TagEnd::Heading(_) => {
                let Some(c) = self.collector.take() else {
                    return;
                };
                let (level, explicit) = c.heading.clone().unwrap_or((1, None));
                let (text, inlines, span) = c.finish(self.source);
                let wanted = explicit
                    .filter(|id| !id.trim().is_empty())
                    .unwrap_or_else(|| slug::anchor(&plain_text(&inlines)));
                let anchor = slug::unique(&wanted, |c| self.anchors.iter().any(|t| t == c));
                self.anchors.push(anchor.clone());
                self.section = anchor.clone();
                let segment = self.add_segment(SegmentKind::Heading(level), text, inlines, span);
                self.blocks_mut().push(Block::Heading {
                    level,
                    anchor,
                    segment,
                });
            }
            TagEnd::TableCell => {
                let cell = match self.collector.take() {
                    Some(c) => {
                        let kind = c.kind.unwrap_or(SegmentKind::TableCell);
                        let (text, inlines, span) = c.finish(self.source);
                        (!text.is_empty()).then(|| self.add_segment(kind, text, inlines, span))
                    }
                    None => None,
                };
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    if t.in_head {
                        t.head.push(cell);
                    } else {
                        t.row.push(cell);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table(t)) = self.stack.pop() {
                    let caption = self.take_caption();
                    self.blocks_mut().push(Block::Table {
                        align: t.align,
                        head: t.head,
                        rows: t.rows,
                        caption,
                    });
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                if self.stack.len() <= 1 {
                    return;
                }
                match self.stack.pop() {
                    Some(Frame::Quote(blocks)) => self.blocks_mut().push(Block::Quote(blocks)),
                    Some(Frame::List { start, items }) => {
                        self.blocks_mut().push(Block::List { start, items })
                    }
                    Some(Frame::Item(blocks)) => {
                        if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                            items.push(blocks);
                        } else {
                            self.blocks_mut().extend(blocks);
                        }
                    }
                    Some(Frame::Footnote { label, blocks }) => {
                        self.footnotes.push(Footnote { label, blocks })
                    }
                    Some(Frame::Flattened) | None => {}
                    Some(other) => self.stack.push(other),
                }
            }
            _ => {
                let _ = range;
            }
        }
    }

    /// A paragraph `Table: …` right before a table becomes its caption (as in pandoc).
    fn take_caption(&mut self) -> Option<usize> {
        const PREFIX: &str = "Table: ";
        let segment = match self.blocks_mut().last() {
            Some(Block::Paragraph { segment }) => *segment,
            _ => return None,
        };
        let seg = &mut self.segments[segment];
        let first = seg.inlines.first_mut()?;
        let InlineKind::Text(text) = &mut first.kind else {
            return None;
        };
        if !text.starts_with(PREFIX) || !seg.text.starts_with(PREFIX) || text.len() == PREFIX.len()
        {
            return None;
        }
        text.drain(..PREFIX.len());
        first.span.start += PREFIX.len();
        seg.text.drain(..PREFIX.len());
        seg.span.start += PREFIX.len();
        seg.kind = SegmentKind::Caption;
        self.blocks_mut().pop();
        Some(segment)
    }

    /// A paragraph that holds one image (and nothing else but spaces) is an image block,
    /// whose alt text is a segment of its own.
    fn image_block(&mut self, inlines: &[Inline], span: Range<usize>) -> Option<Block> {
        let mut images = inlines
            .iter()
            .filter(|i| !matches!(&i.kind, InlineKind::Text(t) if t.trim().is_empty()));
        let image = images.next()?;
        if images.next().is_some() {
            return None;
        }
        let InlineKind::Image { dest, title, alt } = &image.kind else {
            return None;
        };
        let alt_span = match (alt.first(), alt.last()) {
            (Some(first), Some(last)) => first.span.start..last.span.end,
            _ => span.start..span.start,
        };
        let text = self.source[alt_span.clone()]
            .lines()
            .map(|l| l.trim_start_matches([' ', '\t', '>']).trim())
            .collect::<Vec<_>>()
            .join(" ");
        let segment = (!text.trim().is_empty()).then(|| {
            self.add_segment(
                SegmentKind::ImageAlt,
                text.trim().to_string(),
                alt.clone(),
                alt_span,
            )
        });
        // An image with empty alt text is still an image block (decorative, or a lint error).
        Some(Block::Image {
            segment,
            dest: dest.clone(),
            title: title.clone(),
            span,
        })
    }

    fn finish(mut self) -> Document {
        self.flush_plain();
        // Close anything left open (pulldown-cmark closes everything, but stay total).
        while self.stack.len() > 1 {
            self.end(TagEnd::BlockQuote(None), 0..0);
        }
        let blocks = match self.stack.pop() {
            Some(Frame::Root(blocks)) => blocks,
            _ => Vec::new(),
        };
        let footnote_labels = self.footnotes.iter().map(|f| f.label.clone()).collect();
        Document {
            front_matter: self.front_matter,
            front_matter_yaml: self.front_matter_yaml,
            blocks,
            footnotes: self.footnotes,
            segments: self.segments,
            refs: LinkRefs::default(),
            footnote_labels,
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text a reader sees, without markup (for alt attributes, titles and slugs).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain_text(inlines, &mut out);
    out
}

fn push_plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(t) | InlineKind::Code(t) => out.push_str(t),
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                push_plain_text(c, out)
            }
            InlineKind::Link { children, .. } => push_plain_text(children, out),
            InlineKind::Image { alt, .. } => push_plain_text(alt, out),
            InlineKind::SoftBreak | InlineKind::HardBreak => out.push(' '),
            InlineKind::FootnoteRef(_) | InlineKind::Html(_) => {}
        }
    }
}

/// The text on one line: runs of whitespace (line breaks included) become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the text has a word (two letters in a row): numbers and symbols alone
/// read the same in every language.
pub fn has_words(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            run += 1;
            if run >= 2 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Every link and image target in the inline tree, in order.
pub fn link_targets(inlines: &[Inline]) -> Vec<&str> {
    let mut out = Vec::new();
    visit(inlines, &mut |inline| {
        if let InlineKind::Link { dest, .. } | InlineKind::Image { dest, .. } = &inline.kind {
            out.push(dest.as_str());
        }
    });
    out
}

/// Calls `f` on every inline, depth first, in document order.
pub fn visit<'a>(inlines: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
    for inline in inlines {
        f(inline);
        match &inline.kind {
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                visit(c, f)
            }
            InlineKind::Link { children, .. } => visit(children, f),
            InlineKind::Image { alt, .. } => visit(alt, f),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<(SegmentKind, &str)> {
        doc.segments
            .iter()
            .map(|s| (s.kind, s.text.as_str()))
            .collect()
    }

    #[test]
    fn segments_in_document_order_with_inline_markdown_kept() {
        let doc = parse_page(
            "# Title {#top}\n\nSome *text* with [a link](http://x.org).\n\n- one\n- two `code`\n\n> quoted\n> line\n\n| a | b |\n|---|---|\n| c | |\n\n```\ncode\n```\n\n![An owl](owl.png)\n",
        );
        assert_eq!(
            texts(&doc),
            vec![
                (SegmentKind::Heading(1), "Title"),
                (
                    SegmentKind::Paragraph,
                    "Some *text* with [a link](http://x.org)."
                ),
                (SegmentKind::ListItem, "one"),
                (SegmentKind::ListItem, "two `code`"),
                (SegmentKind::Quote, "quoted\nline"),
                (SegmentKind::TableHeader, "a"),
                (SegmentKind::TableHeader, "b"),
                (SegmentKind::TableCell, "c"),
                (SegmentKind::ImageAlt, "An owl"),
            ]
        );
        assert!(matches!(&doc.blocks[0], Block::Heading { anchor, .. } if anchor == "top"));
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Code { text, .. } if text == "code\n"))
        );
    }

    #[test]
    fn a_table_paragraph_before_a_table_is_its_caption() {
        let doc = parse_page(
            "Table: Prisoners by year\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: not a caption\n",
        );
        let Block::Table {
            caption: Some(c), ..
        } = &doc.blocks[0]
        else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(doc.segments[*c].kind, SegmentKind::Caption);
        assert_eq!(doc.segments[*c].text, "Prisoners by year");
        assert_eq!(plain_text(&doc.segments[*c].inlines), "Prisoners by year");
        assert!(matches!(doc.blocks.last(), Some(Block::Paragraph { .. })));
    }

    #[test]
    fn spans_point_into_the_source() {
        let src = "Intro.\n\n> a *b\n> c* d\n";
        let doc = parse_page(src);
        let quote = &doc.segments[1];
        assert_eq!(quote.text, "a *b\nc* d");
        assert_eq!(&src[quote.span.clone()], "a *b\n> c* d");
    }

    #[test]
    fn front_matter_is_kept_apart() {
        let doc = parse_page("+++\ntitle = \"T\"\n+++\n\nBody.\n");
        let (fm, offset) = doc.front_matter.clone().unwrap();
        assert!(fm.contains("title = \"T\""));
        assert_eq!(offset, 4);
        assert_eq!(texts(&doc), vec![(SegmentKind::Paragraph, "Body.")]);
    }

    #[test]
    fn fragments_never_become_blocks() {
        let refs = LinkRefs::default();
        let ctx = FragmentContext {
            refs: &refs,
            footnote_labels: &[],
        };
        for text in [
            "1. Januar ist kalt",
            "- kein Punkt",
            "# keine Überschrift",
            "    kein Code",
            "> kein Zitat",
            "<div>kein Block</div>",
            "Zeile\n---",
            "Zeile\n\nnoch eine",
            "[x]: http://evil.example",
        ] {
            let f = parse_fragment(text, ctx);
            assert!(!f.inlines.is_empty(), "{text:?} lost its text");
            let plain = plain_text(&f.inlines);
            let visible: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
            let got: String = plain.chars().filter(|c| c.is_alphanumeric()).collect();
            if !text.starts_with('<') {
                assert_eq!(got, visible, "{text:?}");
            }
        }
    }

    #[test]
    fn raw_html_and_entities_in_fragments_are_found() {
        let refs = LinkRefs::default();
        let ctx = FragmentContext {
            refs: &refs,
            footnote_labels: &[],
        };
        let f = parse_fragment("a <img src=x onerror=alert(1)> b &amp; c", ctx);
        assert_eq!(f.raw_html.len(), 2);
        assert!(parse_fragment("a < b and c > d", ctx).raw_html.is_empty());
    }

    #[test]
    fn fragment_spans_map_back_to_the_original_text() {
        let refs = LinkRefs::default();
        let ctx = FragmentContext {
            refs: &refs,
            footnote_labels: &[],
        };
        let text = "  1. eins *zwei*";
        let f = parse_fragment(text, ctx);
        let emph = f
            .inlines
            .iter()
            .find(|i| matches!(i.kind, InlineKind::Emphasis(_)))
            .unwrap();
        assert_eq!(&text[emph.span.clone()], "*zwei*");
    }

    #[test]
    fn fragments_resolve_the_pages_references_and_footnotes() {
        let doc = parse_page(
            "See [UNHCR][u] and a note.[^n]\n\n[u]: https://www.unhcr.org/\n[^n]: The note.\n",
        );
        let ctx = FragmentContext {
            refs: &doc.refs,
            footnote_labels: &doc.footnote_labels,
        };
        let f = parse_fragment("Voir le [HCR][u] et une note.[^n]", ctx);
        assert_eq!(link_targets(&f.inlines), vec!["https://www.unhcr.org/"]);
        assert!(
            f.inlines
                .iter()
                .any(|i| matches!(&i.kind, InlineKind::FootnoteRef(l) if l == "n"))
        );
        assert_eq!(doc.segments.last().unwrap().kind, SegmentKind::Footnote);
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let src = format!("{}deep", "> ".repeat(10_000));
        let doc = parse_page(&src);
        assert_eq!(doc.segments.len(), 1);
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Quote(inner) => 1 + depth(inner),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&doc.blocks) <= MAX_BLOCK_DEPTH);
        let emph = format!("{}x{}", "*a ".repeat(5000), " b*".repeat(5000));
        let doc = parse_page(&emph);
        assert_eq!(doc.segments.len(), 1);
    }

    #[test]
    fn kind_labels_round_trip() {
        for kind in [
            SegmentKind::Title,
            SegmentKind::Heading(3),
            SegmentKind::ImageAlt,
            SegmentKind::TableHeader,
        ] {
            assert_eq!(SegmentKind::from_label(&kind.label()), Some(kind));
        }
    }
}
