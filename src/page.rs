//! A page, in two sizes: [`PageEntry`], the few facts a run keeps of every page while
//! others are rendered (slug, path, weight, source title), and [`Page`], the model one
//! page task works on — its parsed document and text, its translatable segments with
//! their message ids and source hashes, and what the reference file says of each —
//! plus the [`SiteIndex`], what links between pages may point to. Built by
//! [`crate::project`], read by every later stage.

use crate::markdown::{self, Block, Document, Inline, SegmentKind};
use crate::source::LineIndex;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A page of a loaded site: its place in `Project::pages` (sorted by slug). Only the
/// project makes them, so a locale's position cannot be passed for a page's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(usize);

impl PageId {
    pub(crate) fn from_index(index: usize) -> PageId {
        PageId(index)
    }

    /// The position in `Project::pages`.
    pub fn index(self) -> usize {
        self.0
    }
}

/// A translatable segment of a page, with its message id.
#[derive(Debug, Clone)]
pub struct Segment {
    pub id: String,
    pub kind: SegmentKind,
    /// Inline Markdown (plain text for the title and description).
    pub text: String,
    pub inlines: Vec<Inline>,
    /// Byte span in the page source.
    pub span: Range<usize>,
    /// 1-based line and column of the span's start (the page's text is not kept).
    pub at: (usize, usize),
    /// [`ftl::source_hash`] of `text`.
    pub hash: String,
    /// False for text without words (numbers, symbols), which reads the same in every
    /// language: shown as it is where no translation exists, never counted missing.
    pub needs_translation: bool,
    /// The numbers of the text (digits only), which a translation must keep.
    pub numbers: Vec<String>,
    /// The segment's message in the reference file as it was loaded, if it has one.
    pub reference: Option<ReferenceEntry>,
}

/// What the consumers need of a segment's message in the reference file, kept so the
/// file need not be read again: where it is, and the older source texts it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceEntry {
    /// Byte offset of the message id in the reference file.
    pub offset: usize,
    /// 1-based line and column of the id.
    pub at: (usize, usize),
    /// Earlier source texts by hash (`# fluentpress: was …`).
    pub history: Vec<(String, String)>,
}

/// A link or image target of a page that leads nowhere (see [`crate::checks::links`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenTarget {
    /// The message id of the segment that has it (`None`: an image block's target).
    pub segment: Option<String>,
    /// Byte offset of the link or image in the page source.
    pub offset: usize,
    pub dest: String,
    pub rule: crate::diagnostic::Rule,
    pub message: String,
    pub help: &'static str,
}

/// What a run keeps of every page: enough to list it, find its files and link to it.
/// The page's [`Page`] model is built when its task needs it ([`crate::project::Project::page`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEntry {
    /// Path under `content/` without `.md`, `/`-separated.
    pub slug: String,
    /// `content/<slug>.md`.
    pub rel_path: String,
    pub weight: i64,
    /// The title in the source language, as the front matter (or the first heading) gives it.
    pub title: String,
}

impl PageEntry {
    /// How deep the page sits under the edition's directory (for relative links).
    pub fn depth(&self) -> usize {
        self.slug.matches('/').count()
    }
}

/// A Markdown page.
#[derive(Debug)]
pub struct Page {
    /// Path under `content/` without `.md`, `/`-separated.
    pub slug: String,
    /// `content/<slug>.md`.
    pub rel_path: String,
    pub weight: i64,
    pub doc: Document,
    /// The body's segments in document order, then the title and the description.
    pub segments: Vec<Segment>,
    pub title_segment: usize,
    pub description_segment: usize,
    pub(crate) by_id: HashMap<String, usize>,
    /// [`crate::ftl::reference_digest`] of the reference file the ids were assigned
    /// against (`None` without a readable one): the staleness check compares with it
    /// rather than reading the reference file a second time.
    pub reference_digest: Option<u128>,
    /// The page's Markdown as read (front matter included), and its line index: what
    /// the checks of the source content point into.
    pub source: String,
    pub lines: LineIndex,
    /// The front matter has an error (it does not parse, or its title or description
    /// is missing or unusable): the title and description are stand-ins, so the page's
    /// reference file is not rewritten from them (`extract`, `sync`).
    pub front_matter_failed: bool,
}

impl Page {
    /// Segment indices in reference-file order: title, description, then the body.
    /// A segment without text (an empty heading, `#` alone) has nothing to translate and
    /// no message.
    pub fn reference_order(&self) -> impl Iterator<Item = usize> + '_ {
        [self.title_segment, self.description_segment]
            .into_iter()
            // The body's segments come first in `segments`, the title right after them.
            .chain((0..self.title_segment).filter(|&i| !self.segments[i].text.is_empty()))
    }

    /// The position in `segments` of the segment with this message id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn segment_by_id(&self, id: &str) -> Option<&Segment> {
        self.by_id.get(id).map(|&i| &self.segments[i])
    }

    pub fn title(&self) -> &str {
        &self.segments[self.title_segment].text
    }

    /// How deep the page sits under the edition's directory (for relative links).
    pub fn depth(&self) -> usize {
        self.slug.matches('/').count()
    }

    pub fn context(&self) -> markdown::FragmentContext<'_> {
        markdown::FragmentContext {
            refs: &self.doc.refs,
            footnote_labels: &self.doc.footnote_labels,
        }
    }
}

/// What links may point to: every page's heading anchors, by slug, and the files in
/// `content/` that are not pages (`None` when not known, as for a site held in memory).
#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    pub anchors: HashMap<String, HashSet<String>>,
    pub files: Option<HashSet<String>>,
}

impl SiteIndex {
    pub fn new<'a>(
        pages: impl Iterator<Item = (&'a str, &'a Document)>,
        files: Option<HashSet<String>>,
    ) -> SiteIndex {
        let anchors = pages
            .map(|(slug, doc)| (slug.to_string(), anchors(doc)))
            .collect();
        SiteIndex { anchors, files }
    }
}

/// The heading anchors of a page: what links from other pages may point to (kept for
/// every page while the site is rendered, so the document itself need not be).
pub(crate) fn anchors(doc: &Document) -> HashSet<String> {
    let mut anchors = HashSet::new();
    collect_anchors(&doc.blocks, &mut anchors);
    // The ids the renderer gives every page, and each footnote and its first reference.
    anchors.insert(crate::slug::MAIN_ID.to_string());
    if !doc.footnotes.is_empty() {
        anchors.insert(crate::slug::FOOTNOTES_HEADING_ID.to_string());
    }
    for note in &doc.footnotes {
        collect_anchors(&note.blocks, &mut anchors);
        anchors.insert(crate::slug::footnote_note_id(&note.label));
        anchors.insert(crate::slug::footnote_ref_id(
            &crate::slug::footnote_id(&note.label),
            1,
            |_| false,
        ));
    }
    anchors
}

fn collect_anchors(blocks: &[Block], out: &mut HashSet<String>) {
    crate::markdown::visit_blocks(blocks, &mut |block| {
        if let Block::Heading { anchor, .. } = block {
            out.insert(anchor.clone());
        }
    });
}
