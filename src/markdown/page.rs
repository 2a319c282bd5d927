//! A page's blocks and segments, built from the parser's events: headings with their
//! anchors, lists, quotes, tables, images, code, HTML blocks, footnotes, front matter.

use super::*;
use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Tag, TagEnd,
};
use std::ops::Range;

pub(super) enum Frame {
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

pub(super) struct TableFrame {
    pub(super) align: Vec<Align>,
    pub(super) head: Vec<Option<usize>>,
    pub(super) rows: Vec<Vec<Option<usize>>>,
    pub(super) row: Vec<Option<usize>>,
    pub(super) in_head: bool,
}

pub(super) struct PageBuilder<'s> {
    pub(super) source: &'s str,
    pub(super) stack: Vec<Frame>,
    pub(super) collector: Option<Collector>,
    pub(super) code: Option<(String, String)>,
    pub(super) html: Option<(String, Range<usize>)>,
    pub(super) front_matter: Option<(String, usize)>,
    pub(super) front_matter_yaml: bool,
    pub(super) in_front_matter: bool,
    pub(super) segments: Vec<RawSegment>,
    pub(super) footnotes: Vec<Footnote>,
    pub(super) anchors: Vec<String>,
    pub(super) section: String,
}

impl<'s> PageBuilder<'s> {
    pub(super) fn new(source: &'s str) -> Self {
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

    pub(super) fn depth(&self) -> usize {
        self.stack
            .iter()
            .filter(|f| matches!(f, Frame::Quote(_) | Frame::List { .. }))
            .count()
    }

    /// The innermost container that holds blocks.
    pub(super) fn blocks_mut(&mut self) -> &mut Vec<Block> {
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Root(b) | Frame::Quote(b) | Frame::Item(b) => return b,
                Frame::Footnote { blocks, .. } => return blocks,
                _ => {}
            }
        }
        unreachable!("the root frame is never popped")
    }

    pub(super) fn context_kind(&self) -> SegmentKind {
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

    pub(super) fn add_segment(
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
    pub(super) fn flush_plain(&mut self) {
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

    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>) {
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
                self.end(end);
            }
            Event::Rule => {
                self.flush_plain();
                self.blocks_mut().push(Block::Rule);
            }
            _ => {}
        }
    }

    pub(super) fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
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

    pub(super) fn end(&mut self, end: TagEnd) {
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
            _ => {}
        }
    }

    /// A paragraph `Table: …` right before a table becomes its caption (as in pandoc).
    pub(super) fn take_caption(&mut self) -> Option<usize> {
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
    pub(super) fn image_block(&mut self, inlines: &[Inline], span: Range<usize>) -> Option<Block> {
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

    pub(super) fn finish(mut self) -> Document {
        self.flush_plain();
        // Close anything left open (pulldown-cmark closes everything, but stay total).
        while self.stack.len() > 1 {
            self.end(TagEnd::BlockQuote(None));
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

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
