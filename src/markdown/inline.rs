//! The inline tree: built from the parser's inline events with nesting capped, and
//! collected per block with its source text.

use super::*;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Builds the inline tree from inline events, capping nesting depth.
#[derive(Default)]
pub(super) struct InlineBuilder {
    /// Open containers: the Start event's kind (None when too deep to keep) and children.
    pub(super) stack: Vec<(Option<OpenInline>, Range<usize>, Vec<Inline>)>,
    pub(super) done: Vec<Inline>,
}

pub(super) enum OpenInline {
    Emphasis,
    Strong,
    Strikethrough,
    Link { dest: String, title: String },
    Image { dest: String, title: String },
}

impl InlineBuilder {
    pub(super) fn children(&mut self) -> &mut Vec<Inline> {
        match self.stack.last_mut() {
            Some((_, _, children)) => children,
            None => &mut self.done,
        }
    }

    pub(super) fn leaf(&mut self, kind: InlineKind, span: Range<usize>) {
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

    pub(super) fn push(&mut self, event: Event<'_>, span: Range<usize>) {
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

    pub(super) fn finish(mut self) -> Vec<Inline> {
        // Unclosed containers (not produced by pulldown-cmark, but be safe): keep their text.
        while let Some((_, _, children)) = self.stack.pop() {
            self.children().extend(children);
        }
        // A site's text is held in these trees for the whole build: no spare capacity.
        self.done.shrink_to_fit();
        self.done
    }
}

pub(super) fn balanced(text: String) -> String {
    match crate::bidi::balance(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(fixed) => fixed,
    }
}

/// Collects one block's inline content: its tree and its source text.
pub(super) struct Collector {
    pub(super) kind: Option<SegmentKind>,
    pub(super) heading: Option<(u8, Option<String>)>,
    pub(super) builder: InlineBuilder,
    pub(super) text: String,
    pub(super) run_start: Option<usize>,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Collector {
    pub(super) fn new(kind: Option<SegmentKind>, start: usize) -> Self {
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

    pub(super) fn push(&mut self, source: &str, event: Event<'_>, range: Range<usize>) {
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

    pub(super) fn finish(mut self, source: &str) -> (String, Vec<Inline>, Range<usize>) {
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
