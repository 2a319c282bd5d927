//! The shapes a Markdown parse produces: blocks, inline trees with byte spans,
//! translatable segments, footnotes, link definitions, the document.

use std::collections::HashMap;
use std::ops::Range;

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
pub struct LinkRefs(pub(super) HashMap<String, (String, String)>);

impl LinkRefs {
    pub(super) fn get(&self, label: &str) -> Option<&(String, String)> {
        self.0.get(&fold_label(label))
    }
}

pub(super) fn fold_label(label: &str) -> String {
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
