//! Markdown: the one place it is parsed ([`parser`]), and the two shapes the program
//! reads it in — a page as a tree of blocks whose translatable text sits in
//! [`RawSegment`]s, and a translated segment as inline content only. Both come out as
//! the same [`Inline`] tree with byte spans, so lint spans and rendered output describe
//! the same text.

mod ast;
mod fragment;
mod html_tag;
mod inline;
mod page;

pub use ast::*;
pub use fragment::{
    CharacterReference, Fragment, FragmentContext, parse_fragment, parse_plain_text,
};
pub use html_tag::{Tag, parse_tag};

use crate::slug;
use inline::*;
use page::*;
use pulldown_cmark::{BrokenLink, BrokenLinkCallback, CowStr, OffsetIter, Options, Parser};

/// Block containers nested deeper than this are flattened into their parent, so hostile
/// input (10,000 nested quotes) cannot overflow the stack of any consumer.
pub const MAX_BLOCK_DEPTH: usize = 24;
/// The same for inline containers (emphasis in emphasis …).
pub const MAX_INLINE_DEPTH: usize = 24;

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

/// Calls `f` on every block, depth first, those inside list items and block quotes
/// included (footnotes' blocks are the caller's to visit).
pub fn visit_blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => {
                for item in items {
                    visit_blocks(item, f);
                }
            }
            Block::Quote(inner) => visit_blocks(inner, f),
            _ => {}
        }
    }
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
    fn tags_and_character_references_in_fragments_are_told_apart() {
        let refs = LinkRefs::default();
        let ctx = FragmentContext {
            refs: &refs,
            footnote_labels: &[],
        };
        let text = "a <img src=x onerror=alert(1)> b &amp; c&eacute;&#233; `&lt;` &#27; &nosuch;";
        let f = parse_fragment(text, ctx);
        // The tag and the reference to ESC are markup; the rest is text, in order (the
        // one in a code span is no reference at all).
        let raw: Vec<&str> = f.raw_html.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(raw, ["<img src=x onerror=alert(1)>", "&#27;"]);
        let refs: Vec<(&str, &str)> = f
            .references
            .iter()
            .map(|r| (&text[r.span.clone()], r.text.as_str()))
            .collect();
        assert_eq!(refs, [("&amp;", "&"), ("&eacute;", "é"), ("&#233;", "é")]);
        assert!(parse_fragment("a < b and c > d", ctx).raw_html.is_empty());
    }

    #[test]
    fn plain_text_references_are_decoded_and_tags_found() {
        let text = " Derechos humanos en Corea&nbsp;del Norte &mdash; informe&#58; &nosuch; & co ";
        let f = parse_plain_text(text);
        assert!(f.raw_html.is_empty(), "{:?}", f.raw_html);
        assert_eq!(
            f.inlines[0].kind,
            InlineKind::Text(
                "Derechos humanos en Corea\u{a0}del Norte — informe: &nosuch; & co".into()
            )
        );
        assert_eq!(f.references.len(), 3);
        let tagged = parse_plain_text("Droits <b>humains</b> &#x1b;");
        assert_eq!(
            tagged.raw_html.len(),
            3,
            "two tags and the reference to ESC"
        );
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
