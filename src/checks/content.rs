//! Checks of the source content itself — alt text, heading levels, link text, URLs,
//! links that lead nowhere — made by the pipeline on each page's model.

use crate::checks::translation;
use crate::diagnostic::{Diagnostic, Rule};
use crate::markdown::{self, Block, InlineKind};
use crate::page::{BrokenTarget, Page};

/// Checks of the source content itself: alt text, heading levels, link text, URLs, and
/// the targets that lead nowhere (`broken`, [`super::links::broken_targets`]).
pub(crate) fn content_checks(page: &Page, broken: &[BrokenTarget]) -> Vec<Diagnostic> {
    let (source, lines) = (page.source.as_str(), &page.lines);
    let mut out = Vec::new();
    let at = |offset: usize| lines.line_col(source, offset);
    // Headings are reported at their line's start, where the `#` is.
    let line_of = |offset: usize| (lines.line_col(source, offset).0, 1);
    // Headings.
    let mut previous: Option<u8> = None;
    let mut h1s = 0;
    markdown::visit_blocks(&page.doc.blocks, &mut |block| {
        if let Block::Heading { level, segment, .. } = block {
            let seg = &page.segments[*segment];
            if *level == 1 {
                h1s += 1;
                if h1s == 2 {
                    out.push(
                        Diagnostic::new(
                            Rule::HeadingSkip,
                            &page.rel_path,
                            line_of(seg.span.start),
                            "the page has more than one level-1 heading",
                        )
                        .help("a page has one h1, its title; use ## for sections"),
                    );
                }
            }
            if let Some(p) = previous
                && *level > p + 1
            {
                out.push(
                    Diagnostic::new(
                        Rule::HeadingSkip,
                        &page.rel_path,
                        line_of(seg.span.start),
                        format!("the heading level jumps from h{p} to h{level}"),
                    )
                    .help(format!("use h{} here, or add the missing level", p + 1)),
                );
            }
            if previous.is_none() && *level > 2 {
                out.push(Diagnostic::new(Rule::HeadingSkip, &page.rel_path, line_of(seg.span.start), format!("the first heading is h{level}; the page's headings should start at h1 or h2")));
            }
            previous = Some(*level);
        }
        image_block_checks(page, block, &at, &mut out);
    });
    // Images in footnotes are checked like the rest (headings are not in footnotes).
    for note in &page.doc.footnotes {
        markdown::visit_blocks(&note.blocks, &mut |block| {
            image_block_checks(page, block, &at, &mut out)
        });
    }
    for broken in broken {
        out.push(
            Diagnostic::new(
                broken.rule,
                &page.rel_path,
                at(broken.offset),
                broken.message.clone(),
            )
            .help(broken.help),
        );
    }
    for seg in &page.segments {
        markdown::visit(&seg.inlines, &mut |inline| match &inline.kind {
            InlineKind::Link { dest, children, .. } => {
                if crate::url::is_unsafe_url(dest, false) {
                    out.push(Diagnostic::new(Rule::UnsafeUrl, &page.rel_path, at(inline.span.start), format!("the link URL `{}` is not allowed; the link is published as plain text", short(dest))).span(inline.span.clone()).help("javascript:, vbscript: and data: links are never published"));
                }
                let text = markdown::plain_text(children);
                if translation::is_generic_link_text(&text) {
                    out.push(
                        Diagnostic::new(
                            Rule::GenericLinkText,
                            &page.rel_path,
                            at(inline.span.start),
                            format!(
                                "the link text \"{}\" says nothing out of context",
                                text.trim()
                            ),
                        )
                        .span(inline.span.clone())
                        .help("name the destination in the link text"),
                    );
                }
            }
            InlineKind::Image { dest, alt, .. } => {
                if markdown::plain_text(alt).trim().is_empty() {
                    out.push(
                        Diagnostic::new(
                            Rule::MissingAlt,
                            &page.rel_path,
                            at(inline.span.start),
                            format!("the image `{dest}` has no alt text"),
                        )
                        .span(inline.span.clone())
                        .help("describe the image between ![ and ]"),
                    );
                }
                if crate::url::is_unsafe_url(dest, true) {
                    out.push(
                        Diagnostic::new(
                            Rule::UnsafeUrl,
                            &page.rel_path,
                            at(inline.span.start),
                            format!("the image URL `{}` is not allowed", short(dest)),
                        )
                        .span(inline.span.clone()),
                    );
                }
            }
            _ => {}
        });
    }
    out
}

/// An image block's alt text and URL.
fn image_block_checks(
    page: &Page,
    block: &Block,
    at: &impl Fn(usize) -> (usize, usize),
    out: &mut Vec<Diagnostic>,
) {
    if let Block::Image {
        segment: None,
        title,
        span,
        dest,
    } = block
        && title != "decorative"
    {
        out.push(
            Diagnostic::new(Rule::MissingAlt, &page.rel_path, at(span.start), format!("the image `{dest}` has no alt text"))

                .help("describe the image between ![ and ]; for a purely decorative image write ![](file \"decorative\")"),
        );
    }
    if let Block::Image { dest, span, .. } = block
        && crate::url::is_unsafe_url(dest, true)
    {
        out.push(
            Diagnostic::new(
                Rule::UnsafeUrl,
                &page.rel_path,
                at(span.start),
                format!("the image URL `{}` is not allowed", short(dest)),
            )
            .help("only http(s), relative and data:image/ (not SVG) image URLs are published"),
        );
    }
}

fn short(url: &str) -> String {
    let s: String = url.chars().take(60).collect();
    if s.len() < url.len() {
        format!("{s}…")
    } else {
        s
    }
}
