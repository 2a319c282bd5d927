//! A page's model, built from its Markdown and its reference file: the document (the
//! one Markdown parse), the front matter read into title, description, weight and
//! draft, and every translatable segment with its message id (stable against the
//! reference file), source hash and numbers. A pure function of its inputs: it reads
//! nothing and checks nothing (the pipeline checks the model it is given).

use crate::diagnostic::{Diagnostic, Rule};
use crate::frontmatter::{self, PageMeta};
use crate::ftl::{self, FtlFile};
use crate::ids::{self, NewSegment, OldEntry};
use crate::markdown::{self, Document, Inline, SegmentKind};
use crate::page::{Page, ReferenceEntry, Segment};
use crate::source::{LineIndex, TextFile};
use std::collections::HashSet;
use std::ops::Range;

/// A string of the front matter and where its value is in the page source.
type TextSpan = (String, Range<usize>);

/// A page read and parsed, before ids are assigned.
pub(crate) struct RawPage {
    pub(crate) slug: String,
    pub(crate) rel_path: String,
    source: String,
    lines: LineIndex,
    pub(crate) doc: Document,
    pub(crate) title: (String, Range<usize>),
    description: (String, Range<usize>),
    pub(crate) weight: i64,
    pub(crate) draft: bool,
    front_matter_failed: bool,
}

/// Parses a page's text (front matter problems become diagnostics).
pub(crate) fn parse_page(
    slug: String,
    rel_path: String,
    file: TextFile,
) -> (RawPage, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let source = file.text;
    let lines = LineIndex::new(&source);
    let doc = markdown::parse_page(&source);
    let meta = front_matter(&doc, &source, &lines, &rel_path, &mut problems);
    let front_matter_failed = problems
        .iter()
        .any(|d| d.rule == Rule::FrontMatter && d.severity == crate::diagnostic::Severity::Error);
    (
        RawPage {
            front_matter_failed,
            slug,
            rel_path,
            source,
            lines,
            doc,
            title: meta.title,
            description: meta.description,
            weight: meta.weight,
            draft: meta.draft,
        },
        problems,
    )
}

/// Reads the front matter (`frontmatter::read_page_meta`); problems become diagnostics
/// and the page still loads, called by its first heading (or its file name) when the
/// front matter gives no title.
fn front_matter(
    doc: &Document,
    source: &str,
    lines: &LineIndex,
    rel_path: &str,
    problems: &mut Vec<Diagnostic>,
) -> PageMeta {
    let first_heading = doc.blocks.iter().find_map(|b| match b {
        markdown::Block::Heading { segment, .. } => Some(&doc.segments[*segment]),
        _ => None,
    });
    let fallback_title: TextSpan = first_heading
        .map(|s| (markdown::plain_text(&s.inlines), s.span.clone()))
        .unwrap_or_else(|| {
            (
                rel_path
                    .rsplit('/')
                    .next()
                    .unwrap_or(rel_path)
                    .trim_end_matches(".md")
                    .to_string(),
                0..0,
            )
        });
    let block = doc.front_matter_block();
    let (meta, mut found) =
        frontmatter::read_page_meta(block, source, lines, rel_path, fallback_title);
    problems.append(&mut found);
    meta
}

impl RawPage {
    /// The page with its message ids, assigned against its reference file (`None`
    /// without one) so that every id stays what it was; `reserved` are the ids a page
    /// may not take. Nothing is checked here: the pipeline checks the model.
    pub(crate) fn into_page(self, reference: Option<&FtlFile>, reserved: &HashSet<String>) -> Page {
        let RawPage {
            slug,
            rel_path,
            source,
            lines,
            mut doc,
            title,
            description,
            weight,
            draft: _,
            front_matter_failed,
        } = self;
        let plain =
            |kind: SegmentKind, (text, span): (String, Range<usize>)| markdown::RawSegment {
                kind,
                inlines: vec![Inline {
                    kind: markdown::InlineKind::Text(text.clone()),
                    span: span.clone(),
                }],
                text,
                span,
                section: String::new(),
            };
        // The segments move from the document into the page (not copied: a site's
        // text is held once).
        let mut raw: Vec<markdown::RawSegment> = std::mem::take(&mut doc.segments);
        let body_segments = raw.len();
        raw.push(plain(SegmentKind::Title, title));
        raw.push(plain(SegmentKind::Description, description));
        let title_segment = raw.len() - 2;
        let description_segment = raw.len() - 1;
        let order: Vec<usize> = [title_segment, description_segment]
            .into_iter()
            .chain(0..body_segments)
            .collect();
        let new: Vec<NewSegment> = order
            .iter()
            .map(|&i| NewSegment {
                kind: raw[i].kind,
                text: &raw[i].text,
                section: &raw[i].section,
            })
            .collect();
        let old: Vec<(String, String, Option<SegmentKind>)> = reference
            .map(|file| {
                file.entries
                    .iter()
                    .filter(|e| !e.is_term)
                    .filter_map(|e| {
                        file.simple_value(&e.id)
                            .map(|text| (e.id.clone(), text, e.meta.kind))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let old_entries: Vec<OldEntry> = old
            .iter()
            .map(|(id, text, kind)| OldEntry {
                id,
                text,
                kind: *kind,
            })
            .collect();
        let assigned = ids::assign(&new, &old_entries, reserved);
        let mut id_of = vec![String::new(); raw.len()];
        for (&i, id) in order.iter().zip(assigned) {
            id_of[i] = id;
        }
        let segments: Vec<Segment> = raw
            .into_iter()
            .zip(id_of)
            .map(|(r, id)| (markdown::plain_text(&r.inlines), r, id))
            .map(|(plain, r, id)| Segment {
                hash: ftl::source_hash(&r.text),
                needs_translation: markdown::has_words(&plain),
                numbers: crate::numbers::numbers(&plain),
                reference: reference.and_then(|f| {
                    f.get(&id).map(|e| ReferenceEntry {
                        offset: e.offset,
                        at: f.line_col(e.offset),
                        history: e.meta.history.clone(),
                    })
                }),
                id,
                kind: r.kind,
                text: r.text,
                inlines: r.inlines,
                at: lines.line_col(&source, r.span.start),
                span: r.span,
            })
            .collect();
        let by_id = segments
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Page {
            slug,
            rel_path,
            weight,
            doc,
            segments,
            title_segment,
            description_segment,
            by_id,
            reference_digest: reference.map(|f| crate::ftl::reference_digest(f.source())),
            source,
            lines,
            front_matter_failed,
        }
    }
}
