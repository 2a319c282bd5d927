//! Placement: a translated file's blocks aligned with the page's segments (or with the
//! page as it was, by git history), each placed one turned into the text of the message
//! it translates — split paragraphs joined, merged ones cut at a sentence end — and
//! every block that fits nowhere reported with its line.

use super::align::{self, Link, Move, Unit};
use super::*;
use crate::frontmatter;
use crate::ftl;
use crate::markdown;
use crate::source::LineIndex;

pub(super) fn first_words(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(40).collect();
    if one_line.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The most sentence ends a merged block is tried cut at.
pub(super) const MAX_CUTS: usize = 64;

/// Byte offsets where a sentence ends inside `text` (not at its end): where a merged
/// block may be cut ([`crate::script::sentence_ends`]).
pub(super) fn sentence_cuts(text: &str) -> Vec<usize> {
    crate::script::sentence_ends(text)
}

/// Joins the two blocks of a split paragraph: with a space, but between two sentences
/// of a script that spaces nothing ([`crate::script::sentences_join_without_space`]).
pub(super) fn join_split(a: &str, b: &str) -> String {
    let (a, b) = (a.trim_end(), b.trim_start());
    if let (Some(last), Some(first)) = (a.chars().last(), b.chars().next())
        && crate::script::sentences_join_without_space(last, first)
    {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

/// What the translated file is aligned against: the page's segments as they are, or
/// the page's text as it was when the translation was last changed (git history).
pub(super) struct SourceView {
    units: Vec<Unit>,
    /// For each unit: the current segment it became, and the hash of the text the
    /// translation translates (the current one when it did not change since).
    current: Vec<Option<(usize, String)>>,
    title_hash: String,
    description_hash: String,
}

impl SourceView {
    fn current(page: &Page) -> SourceView {
        let units = current_units(page);
        SourceView {
            current: (0..units.len())
                .map(|i| Some((i, page.segments[i].hash.clone())))
                .collect(),
            units,
            title_hash: page.segments[page.title_segment].hash.clone(),
            description_hash: page.segments[page.description_segment].hash.clone(),
        }
    }

    /// The page as it was (`old`, the whole Markdown file): its segments, each mapped
    /// to the current segment it became by aligning the two English texts.
    fn old(page: &Page, old: &str) -> SourceView {
        let doc = markdown::parse_page(old);
        let extra = align::block_anchors(&doc.blocks, &doc.footnotes);
        let units: Vec<Unit> = doc
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Unit::new(
                    s.kind,
                    &s.inlines,
                    extra.get(&i).map_or(&[][..], |v| v),
                    &super::links::place_key,
                )
            })
            .collect();
        let now = current_units(page);
        let mut current = vec![None; units.len()];
        let old_hash = |o: usize| ftl::source_hash(&doc.segments[o].text);
        // extract's rule for keeping an id: identical text first, then similar text of
        // the same kind, nearest first; a reworded passage is the same passage.
        let body = &page.segments[..page.title_segment];
        let mut taken = vec![false; body.len()];
        for (o, c) in same_passages(&doc.segments, body) {
            current[o] = Some((c, old_hash(o)));
            taken[c] = true;
        }
        // The alignment pairs what is left (a passage reworded past recognition, kept
        // in its place between pairs).
        for link in align::align(&units, &now) {
            if matches!(link.kind, Move::Match | Move::Moved) {
                let (o, c) = (link.s[0], link.t[0]);
                if current[o].is_none() && !taken[c] {
                    current[o] = Some((c, old_hash(o)));
                    taken[c] = true;
                }
            }
        }
        let fm = doc
            .front_matter_block()
            .and_then(|block| frontmatter::read_strings(block, old).ok());
        let hash = |old: Option<&String>, seg: usize| {
            old.map_or_else(|| page.segments[seg].hash.clone(), |t| ftl::source_hash(t))
        };
        SourceView {
            units,
            current,
            title_hash: hash(
                fm.as_ref().and_then(|f| f.title.as_ref()),
                page.title_segment,
            ),
            description_hash: hash(
                fm.as_ref().and_then(|f| f.description.as_ref()),
                page.description_segment,
            ),
        }
    }
}

/// Pairs of (old segment, current segment) that are the same passage by the rule
/// `extract` keeps message ids by ([`crate::ids::assign`]).
fn same_passages(old: &[markdown::RawSegment], now: &[Segment]) -> Vec<(usize, usize)> {
    let names: Vec<String> = (0..old.len()).map(|o| o.to_string()).collect();
    let entries: Vec<crate::ids::OldEntry<'_>> = old
        .iter()
        .zip(&names)
        .map(|(s, id)| crate::ids::OldEntry {
            id,
            text: &s.text,
            kind: Some(s.kind),
        })
        .collect();
    let segments: Vec<crate::ids::NewSegment<'_>> = now
        .iter()
        .map(|s| crate::ids::NewSegment {
            kind: s.kind,
            text: &s.text,
            section: "",
        })
        .collect();
    // Every id `assign` gives out is a Fluent identifier, which starts with a letter:
    // one that is a number is an old segment's.
    crate::ids::assign(&segments, &entries, &std::collections::HashSet::new())
        .iter()
        .enumerate()
        .filter_map(|(c, id)| id.parse::<usize>().ok().map(|o| (o, c)))
        .collect()
}

/// The alignment's view of a page's body segments.
pub(super) fn current_units(page: &Page) -> Vec<Unit> {
    let extra = align::block_anchors(&page.doc.blocks, &page.doc.footnotes);
    (0..page.title_segment)
        .map(|i| {
            let s = &page.segments[i];
            Unit::new(
                s.kind,
                &s.inlines,
                extra.get(&i).map_or(&[][..], |v| v),
                &super::links::place_key,
            )
        })
        .collect()
}

/// Aligns one translated file with its page.
pub(super) fn import_page(
    page: &Page,
    text: &str,
    shown: &str,
    old_source: Option<&str>,
    language: &super::links::Language<'_>,
) -> PageImport {
    // The translated file's links are known with its language's prefix taken off.
    let link_place = |url: &str| language.place_key(url);
    let mut report = PageReport {
        page: page.slug.clone(),
        file: shown.to_string(),
        ..PageReport::default()
    };
    // The front matter is told from the body by the one Markdown parse, as for pages.
    let doc = markdown::parse_page(text);
    let front_matter = match doc
        .front_matter_block()
        .map(|b| frontmatter::read_strings(b, text))
    {
        Some(Err(e)) => {
            report.problem = Some(format!(
                "{shown}:{}: {}; nothing imported",
                e.line, e.message
            ));
            return PageImport {
                report,
                messages: Vec::new(),
                headings: Vec::new(),
            };
        }
        Some(Ok(fm)) => Some(fm),
        None => None,
    };
    let lines = LineIndex::new(text);
    let line = |offset: usize| lines.line(offset);
    let nothing = |mut report: PageReport, why: &str| {
        report.not_a_translation = Some(why.to_string());
        PageImport {
            report,
            messages: Vec::new(),
            headings: Vec::new(),
        }
    };
    let fm = front_matter.as_ref();
    report.found = doc.segments.len()
        + fm.map_or(0, |f| {
            usize::from(f.title.is_some()) + usize::from(f.description.is_some())
        });
    if fm.is_some_and(|f| f.stub) {
        return nothing(report, "a stub (`untranslated` in its front matter)");
    }
    if fm.is_some_and(|f| f.draft) {
        return nothing(report, "a draft (`draft: true`)");
    }
    // (A page of the source with no body of its own, a search page, has its title.)
    if doc.segments.is_empty() && page.title_segment > 0 {
        return nothing(report, "its body is empty");
    }
    // A body that is the source's text, every block word for word, is a copy kept as
    // a placeholder.
    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }
    let source: std::collections::HashSet<Vec<&str>> = page.segments[..page.title_segment]
        .iter()
        .map(|s| words(&s.text))
        .collect();
    if !doc.segments.is_empty()
        && doc
            .segments
            .iter()
            .all(|s| source.contains(&words(&s.text)))
    {
        return nothing(report, "its body is the source's text");
    }

    let view = match old_source {
        Some(old) => SourceView::old(page, old),
        None => SourceView::current(page),
    };
    let extra_t = align::block_anchors(&doc.blocks, &doc.footnotes);
    let target: Vec<Unit> = doc
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Unit::new(
                s.kind,
                &s.inlines,
                extra_t.get(&i).map_or(&[][..], |v| v),
                &link_place,
            )
        })
        .collect();
    let links: Vec<Link> = align::align(&view.units, &target);
    let placed_one_to_one = links
        .iter()
        .filter(|l| matches!(l.kind, Move::Match | Move::Moved))
        .filter_map(|l| {
            let current = view.current[*l.s.first()?].as_ref()?.0;
            Some((*l.t.first()?, current))
        });
    let headings = super::links::heading_pairs(page, &doc, placed_one_to_one);

    // (segment index, text, line, move, source hash it translates)
    let mut candidates: Vec<(usize, String, usize, Move, String)> = Vec::new();
    let fm_line = fm.map_or(1, |f| f.first_line);
    if let Some(t) = fm.and_then(|f| f.title.clone()) {
        candidates.push((
            page.title_segment,
            t,
            fm_line,
            Move::Match,
            view.title_hash.clone(),
        ));
    }
    if let Some(d) = fm.and_then(|f| f.description.clone()) {
        candidates.push((
            page.description_segment,
            d,
            fm_line,
            Move::Match,
            view.description_hash.clone(),
        ));
    }
    let id_of = |s: usize| -> String {
        match &view.current[s] {
            Some((i, _)) => format!("`{}`", page.segments[*i].id),
            None => "a passage the English no longer has".to_string(),
        }
    };
    for link in &links {
        let block = |t: usize| &doc.segments[t];
        let mut place = |s: usize, text: String, at: usize, how: Move| match &view.current[s] {
            Some((i, hash)) => candidates.push((*i, text, at, how, hash.clone())),
            None => report.not_placed.push(NotPlaced {
                line: at,
                first_words: first_words(&text),
                why: LeftOut::DeletedSince,
                reason: "translates a passage the English no longer has (git history)".into(),
            }),
        };
        match link.kind {
            Move::Match | Move::Moved => {
                let b = block(link.t[0]);
                place(link.s[0], b.text.clone(), line(b.span.start), link.kind);
            }
            Move::Split => {
                let (b1, b2) = (block(link.t[0]), block(link.t[1]));
                place(
                    link.s[0],
                    join_split(&b1.text, &b2.text),
                    line(b1.span.start),
                    Move::Split,
                );
            }
            Move::Merge => {
                let b = block(link.t[0]);
                // Cut at the sentence end whose parts fit the two segments clearly best.
                let whole = Unit::new(
                    b.kind,
                    &markdown::parse_fragment(&b.text, page.context()).inlines,
                    &[],
                    &link_place,
                );
                // Each cut costs a parse of the block: a block of more sentences than
                // this is not cut (and not imported), so a merge costs O(block).
                let mut cuts = sentence_cuts(&b.text);
                if cuts.len() > MAX_CUTS {
                    cuts.clear();
                }
                let parts: Vec<(String, String)> = cuts
                    .into_iter()
                    .map(|at| {
                        (
                            b.text[..at].trim().to_string(),
                            b.text[at..].trim().to_string(),
                        )
                    })
                    .collect();
                let units: Vec<(Unit, Unit)> = parts
                    .iter()
                    .map(|(p1, p2)| {
                        let unit = |p: &str| {
                            Unit::new(
                                b.kind,
                                &markdown::parse_fragment(p, page.context()).inlines,
                                &[],
                                &link_place,
                            )
                        };
                        (unit(p1), unit(p2))
                    })
                    .collect();
                // A cut inside a link or code span changes the anchors: never taken.
                let (parts, units): (Vec<_>, Vec<_>) = parts
                    .into_iter()
                    .zip(units)
                    .filter(|(_, (u1, u2))| {
                        let mut both: Vec<&String> = u1.anchors.iter().chain(&u2.anchors).collect();
                        both.sort();
                        both == whole.anchors.iter().collect::<Vec<_>>()
                    })
                    .unzip();
                let cut =
                    align::best_cut(&view.units, &target, &links, (link.s[0], link.s[1]), &units);
                if let Some(i) = cut {
                    let (p1, p2) = parts[i].clone();
                    let at = line(b.span.start);
                    place(link.s[0], p1, at, Move::Merge);
                    place(link.s[1], p2, at, Move::Merge);
                    continue;
                }
                let ids: Vec<String> = link.s.iter().map(|&s| id_of(s)).collect();
                report.not_placed.push(NotPlaced {
                    line: line(b.span.start),
                    first_words: first_words(&b.text),
                    why: LeftOut::TwoInOne,
                    reason: format!(
                        "translates {} in one block: not imported (which part translates which cannot be told)",
                        ids.join(" and ")
                    ),
                });
            }
            Move::Doubtful | Move::Unplaced => {
                for &t in &link.t {
                    let b = block(t);
                    let (why, reason) = match (link.kind, link.s.first()) {
                        (Move::Doubtful, Some(&s)) => (
                            LeftOut::Doubtful,
                            format!(
                                "fits {} only doubtfully (cost {:.1}): not imported",
                                id_of(s),
                                link.cost
                            ),
                        ),
                        _ => (LeftOut::NoFit, "no source segment fits it".to_string()),
                    };
                    report.not_placed.push(NotPlaced {
                        line: line(b.span.start),
                        first_words: first_words(&b.text),
                        why,
                        reason,
                    });
                }
            }
            Move::Untranslated => {}
        }
    }
    report.not_placed.sort_by_key(|n| n.line);

    // Each text as the file will hold it; what lint says of it is judged on the
    // written file (`judge_written`).
    let mut messages = Vec::new();
    candidates.sort_by_key(|c| c.0);
    for (i, text, at, how, hash) in candidates {
        let seg = &page.segments[i];
        if !seg.needs_translation {
            continue;
        }
        let text = if seg.kind.is_plain_text() {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            text.trim().to_string()
        };
        report.imported.push(Imported {
            id: seg.id.clone(),
            line: at,
            how,
            text: text.clone(),
            outdated: hash != seg.hash,
        });
        messages.push((i, text, hash));
    }
    PageImport {
        report,
        messages,
        headings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_blocks_join_by_script() {
        assert_eq!(join_split("北朝鮮。", "人権"), "北朝鮮。人権");
        assert_eq!(join_split("Un.", "Deux."), "Un. Deux.");
    }

    #[test]
    fn sentence_ends() {
        let t = "Un. Deux ? Trois";
        assert_eq!(sentence_cuts(t), vec![3, 10]);
        assert_eq!(sentence_cuts("北朝鮮。人権。"), vec!["北朝鮮。".len()]);
        // A dotted abbreviation ends no sentence (`script::sentence_ends`).
        assert!(sentence_cuts("U.S. policy. ").is_empty());
    }

    #[test]
    fn first_words_are_short() {
        assert_eq!(first_words("a  b\nc"), "a b c");
        assert!(first_words(&"x".repeat(100)).ends_with('…'));
    }
}
