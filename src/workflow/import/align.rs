//! Aligning a translated file's blocks with the source page's segments: a monotone
//! sequence alignment by dynamic programming, as Gale & Church (1993) align sentences,
//! with costs from the length ratio and from anchors — what a translation keeps of its
//! source (segment kind and heading level, link and image targets, code spans,
//! numbers, footnote labels, explicit heading ids).
//!
//! Moves: 1-1 (a translation), 1-0 (a source segment the file does not translate),
//! 0-1 (a block the translator added, or cannot be placed), 2-1 (two source paragraphs
//! translated as one block) and 1-2 (one source paragraph translated as two blocks).
//! After the alignment, a 1-1 pair is kept only when it is confident: its cost is under
//! a threshold and the block does not fit a neighbouring source segment clearly better.
//! Then unplaced blocks and untranslated segments that share strong anchors (a link, an
//! image, a code span, a footnote) and nothing contradicting are paired up: a paragraph
//! the translator moved.
//!
//! Bounded for any input size: the dynamic program fills the whole matrix up to
//! `FULL_CELLS` cells and beyond only a band along the pairs that share a unique anchor
//! (at most m + (2·`BAND` + 1)·(n + 1) cells), and the search for moved blocks compares
//! each with at most `MOVE_CANDIDATES` others, so time and memory are O(n + m) beyond
//! the full matrix's size.

use crate::markdown::{self, Block, Inline, InlineKind, SegmentKind};
use std::collections::{HashMap, HashSet};

/// What the alignment knows of a segment or block.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: SegmentKind,
    /// Characters of visible text, spaces not counted.
    pub len: f64,
    /// Sorted anchors, each `X:value` with X one of L (link), I (image), C (code),
    /// N (number), F (footnote), H (explicit heading id).
    pub anchors: Vec<String>,
    /// Sentences, where the script marks their ends (not Thai): translators keep a
    /// paragraph's sentences far more often than not, so a different count tells two
    /// paragraphs of like length apart when nothing else does.
    pub sentences: Option<(usize, usize)>,
}

impl Unit {
    /// A unit from a segment's inlines, with the anchors its block adds (image path,
    /// footnote label, heading id), each link known by where it leads (`place`: a
    /// translated heading's fragment or a dropped slash is the same anchor).
    pub fn new(
        kind: SegmentKind,
        inlines: &[Inline],
        extra: &[String],
        place: &dyn Fn(&str) -> String,
    ) -> Unit {
        let plain = markdown::plain_text(inlines);
        let len = plain.chars().filter(|c| !c.is_whitespace()).count() as f64;
        let mut anchors: Vec<String> = extra.to_vec();
        markdown::visit(inlines, &mut |inline| match &inline.kind {
            InlineKind::Link { dest, .. } => {
                anchors.push(format!("L:{}", place(dest)));
                if let Some(host) = dest.split("://").nth(1).and_then(|r| r.split('/').next()) {
                    anchors.push(format!("D:{host}"));
                }
            }
            InlineKind::Image { dest, .. } => anchors.push(format!("I:{dest}")),
            InlineKind::Code(code) => anchors.push(format!("C:{code}")),
            InlineKind::FootnoteRef(label) => anchors.push(format!("F:{label}")),
            _ => {}
        });
        for n in crate::numbers::numbers(&plain) {
            anchors.push(format!("N:{n}"));
        }
        anchors.sort();
        let sentences = sentence_count(&plain);
        Unit {
            kind,
            len,
            anchors,
            sentences,
        }
    }
}

/// Sentences in `text`, where its script marks their ends: a range, since an end after
/// an abbreviation may or may not be one ([`crate::script::sentence_count`]).
fn sentence_count(text: &str) -> Option<(usize, usize)> {
    crate::script::sentence_count(text)
}

/// A mild cost for a different number of sentences: by how far the two ranges are
/// apart (none when either is unknown).
fn sentence_cost(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> f64 {
    match (a, b) {
        (Some((a_lo, a_hi)), Some((b_lo, b_hi))) => {
            let gap = b_lo.saturating_sub(a_hi).max(a_lo.saturating_sub(b_hi));
            (0.8 * gap as f64).min(2.4)
        }
        _ => 0.0,
    }
}

fn sum_sentences(units: &[&Unit]) -> Option<(usize, usize)> {
    units
        .iter()
        .map(|u| u.sentences)
        .try_fold((0, 0), |(lo, hi), s| s.map(|(l, h)| (lo + l, hi + h)))
}

/// Anchors that come from a segment's block rather than its text, by segment index:
/// an image's path, the label of the footnote a segment is in, a heading's explicit id.
pub fn block_anchors(
    blocks: &[Block],
    footnotes: &[markdown::Footnote],
) -> HashMap<usize, Vec<String>> {
    fn walk(blocks: &[Block], tag: Option<&str>, out: &mut HashMap<usize, Vec<String>>) {
        for block in blocks {
            let mut add = |segment: usize, anchor: Option<String>| {
                let entry = out.entry(segment).or_default();
                entry.extend(anchor);
                if let Some(tag) = tag {
                    entry.push(format!("F:{tag}"));
                }
            };
            match block {
                Block::Heading {
                    segment, anchor, ..
                } => {
                    // Shared when the translation keeps an explicit `{#id}` (never a
                    // penalty: a translated heading's own anchor differs).
                    add(*segment, Some(format!("H:{anchor}")));
                }
                Block::Paragraph { segment } | Block::Plain { segment } => add(*segment, None),
                Block::Image {
                    segment: Some(segment),
                    dest,
                    ..
                } => add(*segment, Some(format!("I:{dest}"))),
                Block::List { items, .. } => {
                    for item in items {
                        walk(item, tag, out);
                    }
                }
                Block::Quote(inner) => walk(inner, tag, out),
                Block::Table {
                    head,
                    rows,
                    caption,
                    ..
                } => {
                    for s in head.iter().chain(rows.iter().flatten()).flatten() {
                        add(*s, None);
                    }
                    if let Some(c) = caption {
                        add(*c, None);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    walk(blocks, None, &mut out);
    for f in footnotes {
        walk(&f.blocks, Some(&f.label), &mut out);
    }
    out
}

/// The shape of a step of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Move {
    /// One segment, one block.
    Match,
    /// A segment the file does not translate.
    Untranslated,
    /// A block with no source segment.
    Unplaced,
    /// Two segments translated as one block.
    Merge,
    /// One segment translated as two blocks.
    Split,
    /// A 1-1 pair rejected: too costly, or the block fits a neighbour better.
    Doubtful,
    /// A 1-1 pair found outside the order (a moved paragraph), by its anchors.
    Moved,
}

/// One step: source segments `s` (indices into the source units) with target blocks `t`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub kind: Move,
    pub s: Vec<usize>,
    pub t: Vec<usize>,
    pub cost: f64,
}

// Costs are −ln of probabilities, as in Gale & Church.
const MATCH_PRIOR: f64 = 0.12; // −ln 0.89
const SKIP_PRIOR: f64 = 4.6; // −ln 0.01
const MERGE_PRIOR: f64 = 5.0;
/// Variance of the length of a translation per character of source (Gale & Church use
/// 6.8 for European languages; volunteers' translations across scripts vary more).
const VARIANCE: f64 = 9.0;
const MAX_LENGTH_COST: f64 = 12.0;
/// Length ratios tried (translated / source characters): CJK about 0.3–0.5, most
/// alphabetic languages 0.9–1.3.
const RATIOS: &[f64] = &[
    0.25, 0.32, 0.4, 0.5, 0.62, 0.75, 0.87, 1.0, 1.12, 1.25, 1.4, 1.6, 1.9, 2.3, 2.8,
];
/// A 1-1 pair costing more than this is not imported.
pub const MATCH_THRESHOLD: f64 = 2.5;
/// A moved block without strong anchors is placed only when it and a free segment are
/// each other's best fit, this good, by this margin over the next best.
const MOVE_THRESHOLD: f64 = 1.5;
const MOVE_MARGIN: f64 = 1.0;
/// A merged block is cut in two only when the best cut beats the next by this much.
const CUT_MARGIN: f64 = 1.0;
/// Two neighbouring pairs that fit better crossed, by this much, are doubtful.
const SWAP_MARGIN: f64 = 0.5;
/// … unless both pairs cost at most this.
const SWAP_FLOOR: f64 = 1.0;
/// … and by this much (each crossed pair good), they are taken crossed.
const SWAP_ACCEPT: f64 = 2.0;
/// A block whose pair costs more than this, and that fits a neighbouring source
/// segment better by [`NEIGHBOUR_MARGIN`], is doubtful (two swapped paragraphs).
const NEIGHBOUR_FLOOR: f64 = 1.5;
const NEIGHBOUR_MARGIN: f64 = 1.0;
/// A pair whose strong anchors (links, images, code, footnotes) differ with none shared
/// is doubtful above this cost.
const UNANCHORED_FLOOR: f64 = 1.0;

fn anchor_weight(anchor: &str) -> (f64, f64) {
    // (bonus when shared, penalty when on one side only)
    match anchor.as_bytes().first() {
        Some(b'L') => (2.5, 1.5),
        // A link's host: a translator may localise the path (`/fr/`), rarely the site.
        Some(b'D') => (1.5, 0.5),
        Some(b'I') => (3.0, 3.0),
        Some(b'C') => (1.5, 1.5),
        Some(b'F') => (1.5, 1.5),
        Some(b'H') => (3.0, 0.0),
        Some(b'N') if anchor.len() > 3 => (1.0, 0.8),
        Some(b'N') => (0.3, 0.3),
        _ => (0.0, 0.0),
    }
}

/// Shared anchors lower the cost, anchors on one side only raise it.
fn anchor_cost<A: AsRef<str> + Ord>(a: &[A], b: &[A]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let mut cost = 0.0;
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i] < b[j]) {
            cost += anchor_weight(a[i].as_ref()).1;
            i += 1;
        } else if i >= a.len() || b[j] < a[i] {
            cost += anchor_weight(b[j].as_ref()).1;
            j += 1;
        } else {
            cost -= anchor_weight(a[i].as_ref()).0;
            i += 1;
            j += 1;
        }
    }
    cost
}

fn merged<'a>(units: &[&'a Unit]) -> Vec<&'a String> {
    let mut all: Vec<&String> = units.iter().flat_map(|u| u.anchors.iter()).collect();
    all.sort();
    all
}

/// −ln(2·(1 − Φ(|δ|))), the Gale–Church length cost, with δ the deviation of the
/// translation's length from the expected one.
fn length_cost(source_len: f64, target_len: f64, ratio: f64) -> f64 {
    let expected = (source_len * ratio).max(1.0);
    let delta = (target_len - expected) / (expected * VARIANCE).sqrt();
    let p = erfc(delta.abs() / std::f64::consts::SQRT_2);
    if p <= 1e-300 {
        MAX_LENGTH_COST
    } else {
        (-p.ln()).min(MAX_LENGTH_COST)
    }
}

/// Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// How different two kinds are: a heading is never a paragraph.
fn kind_cost(a: SegmentKind, b: SegmentKind) -> f64 {
    use SegmentKind::*;
    match (a, b) {
        _ if a == b => 0.0,
        (Heading(_), Heading(_)) => 2.0,
        (Heading(_), _) | (_, Heading(_)) => 20.0,
        (TableHeader | TableCell, TableHeader | TableCell) => 1.0,
        (Paragraph | ListItem | Quote | Footnote, Paragraph | ListItem | Quote | Footnote) => 3.0,
        _ => 6.0,
    }
}

/// Can these be merged or split (running text, same kind)?
fn joinable(a: SegmentKind, b: SegmentKind) -> bool {
    a == b
        && matches!(
            a,
            SegmentKind::Paragraph
                | SegmentKind::Quote
                | SegmentKind::ListItem
                | SegmentKind::Footnote
        )
}

/// The cost of one segment translated by one block.
fn pair_cost(a: &Unit, b: &Unit, ratio: f64) -> f64 {
    MATCH_PRIOR
        + kind_cost(a.kind, b.kind)
        + length_cost(a.len, b.len, ratio)
        + anchor_cost(&a.anchors, &b.anchors)
        + sentence_cost(a.sentences, b.sentences)
}

/// Where to cut a block that translates two source segments `a` and `b` at once (a
/// merge): `cuts` holds the block's two parts at each sentence end. The cut whose parts
/// fit the two segments best is taken when each part fits well and no other cut comes
/// within [`CUT_MARGIN`]; otherwise `None` (the block is not imported).
pub fn best_cut(
    source: &[Unit],
    target: &[Unit],
    links: &[Link],
    (a, b): (usize, usize),
    cuts: &[(Unit, Unit)],
) -> Option<usize> {
    let ratio = estimate_ratio(source, target, Some(links));
    let mut costs: Vec<(f64, f64, usize)> = cuts
        .iter()
        .enumerate()
        .map(|(i, (p1, p2))| {
            let (c1, c2) = (
                pair_cost(&source[a], p1, ratio),
                pair_cost(&source[b], p2, ratio),
            );
            (c1 + c2, c1.max(c2), i)
        })
        .collect();
    costs.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.2.cmp(&y.2)));
    let best = costs.first()?;
    let second = costs.get(1).map_or(f64::INFINITY, |c| c.0);
    (best.1 < MATCH_THRESHOLD && second - best.0 >= CUT_MARGIN).then_some(best.2)
}

struct Scorer<'a> {
    source: &'a [Unit],
    target: &'a [Unit],
    ratio: f64,
}

impl Scorer<'_> {
    fn one_one(&self, s: usize, t: usize) -> f64 {
        pair_cost(&self.source[s], &self.target[t], self.ratio)
    }

    fn merge(&self, s: usize, t: usize) -> Option<f64> {
        let (a1, a2, b) = (&self.source[s], &self.source[s + 1], &self.target[t]);
        if !joinable(a1.kind, a2.kind) {
            return None;
        }
        Some(
            MERGE_PRIOR
                + kind_cost(a1.kind, b.kind)
                + length_cost(a1.len + a2.len, b.len, self.ratio)
                + anchor_cost(&merged(&[a1, a2]), &merged(&[b]))
                + sentence_cost(sum_sentences(&[a1, a2]), b.sentences),
        )
    }

    fn split(&self, s: usize, t: usize) -> Option<f64> {
        let (a, b1, b2) = (&self.source[s], &self.target[t], &self.target[t + 1]);
        if !joinable(b1.kind, b2.kind) {
            return None;
        }
        Some(
            MERGE_PRIOR
                + kind_cost(a.kind, b1.kind)
                + length_cost(a.len, b1.len + b2.len, self.ratio)
                + anchor_cost(&merged(&[a]), &merged(&[b1, b2]))
                + sentence_cost(a.sentences, sum_sentences(&[b1, b2])),
        )
    }
}

/// The ratio of translated to source length, from the pairs a first alignment matched
/// (their median), or from the totals.
fn estimate_ratio(source: &[Unit], target: &[Unit], links: Option<&[Link]>) -> f64 {
    if let Some(links) = links {
        let mut ratios: Vec<f64> = links
            .iter()
            .filter(|l| l.kind == Move::Match && l.cost < MATCH_THRESHOLD)
            .filter_map(|l| {
                let (s, t) = (&source[l.s[0]], &target[l.t[0]]);
                (s.len >= 20.0 && t.len > 0.0).then(|| t.len / s.len)
            })
            .collect();
        if ratios.len() >= 3 {
            ratios.sort_by(|a, b| a.total_cmp(b));
            return ratios[ratios.len() / 2];
        }
    }
    let s: f64 = source.iter().map(|u| u.len).sum();
    let t: f64 = target.iter().map(|u| u.len).sum();
    if s > 0.0 && t > 0.0 { t / s } else { 1.0 }
}

/// Aligns `target` blocks to `source` segments. Deterministic.
pub fn align(source: &[Unit], target: &[Unit]) -> Vec<Link> {
    // The length ratio: the totals are wrong when a section is missing, so (unless the
    // page is huge) try a range of ratios and keep the one that aligns at least cost.
    let small = source.len() * target.len() <= 250_000;
    // A huge page is aligned within a band along the pairs that share a unique anchor,
    // and its first ratio is theirs (the totals are wrong when much was added).
    let ways = if (source.len() + 1).saturating_mul(target.len() + 1) > FULL_CELLS {
        waypoints(source, target)
    } else {
        Vec::new()
    };
    let anchored: Vec<Link> = ways
        .iter()
        .map(|&(s, t)| Link {
            kind: Move::Match,
            s: vec![s],
            t: vec![t],
            cost: 0.0,
        })
        .collect();
    let totals = estimate_ratio(source, target, Some(&anchored));
    let dp = |ratio: f64| dp_within(source, target, ratio, FULL_CELLS, &ways);
    let mut first = dp(totals);
    if small {
        let mut best = first.iter().map(|l| l.cost).sum::<f64>();
        for ratio in RATIOS {
            let links = dp(*ratio);
            let total = links.iter().map(|l| l.cost).sum::<f64>();
            if total < best {
                best = total;
                first = links;
            }
        }
    }
    let ratio = estimate_ratio(source, target, Some(&first));
    let scorer = Scorer {
        source,
        target,
        ratio,
    };
    let mut links = dp(ratio);
    confidence(&scorer, &mut links);
    recover_moved(&scorer, &mut links);
    links
}

/// The dynamic program fills the whole (n+1)×(m+1) matrix up to this many cells (nine
/// bytes each: 36 MB) — every page of ordinary size, exactly.
const FULL_CELLS: usize = 4_000_000;
/// Beyond, only a band: in each row, the columns its centre line crosses in that row,
/// widened by this many on each side. The centre line runs through the pairs that share
/// an anchor found once on each side (a link, an image, code, a footnote, a long number),
/// kept in order, and proportionally between them; a translation that drifts further
/// than this from that line is aligned only within the band.
const BAND: usize = 250;

/// The cells the dynamic program computes: row `i` holds columns `lo[i]..=hi[i]`, both
/// non-decreasing, row 0 starting at column 0 and row n ending at column m, so every
/// row reaches the next and the last cell is reachable.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Where each row starts in the flat arrays.
    start: Vec<usize>,
    cells: usize,
}

impl Band {
    /// The whole matrix when it has at most `full_cells` cells, else the band around the
    /// line through `waypoints` ((source, target) pairs increasing in both).
    fn new(n: usize, m: usize, full_cells: usize, waypoints: &[(usize, usize)]) -> Band {
        let full = (n + 1).saturating_mul(m + 1) <= full_cells || n == 0;
        let centre = if full {
            Vec::new()
        } else {
            centre_line(n, m, waypoints)
        };
        let (mut lo, mut hi, mut start) = (
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
        );
        let mut cells = 0;
        for i in 0..=n {
            let (l, h) = if full {
                (0, m)
            } else {
                (
                    centre[i].saturating_sub(BAND),
                    (centre[(i + 1).min(n)] + BAND).min(m),
                )
            };
            let l = if i == 0 { 0 } else { l };
            let h = if i == n { m } else { h };
            lo.push(l);
            hi.push(h);
            start.push(cells);
            cells += h - l + 1;
        }
        Band {
            lo,
            hi,
            start,
            cells,
        }
    }

    /// The flat index of cell (i, j), if the band holds it.
    fn at(&self, i: usize, j: usize) -> Option<usize> {
        (self.lo[i] <= j && j <= self.hi[i]).then(|| self.start[i] + j - self.lo[i])
    }
}

/// The column of each row 0..=n on the line from (0, 0) through `waypoints` to (n, m),
/// straight between them: non-decreasing.
fn centre_line(n: usize, m: usize, waypoints: &[(usize, usize)]) -> Vec<usize> {
    let mut points = vec![(0, 0)];
    points.extend(waypoints.iter().copied().filter(|&(s, t)| s < n && t < m));
    points.push((n, m));
    let mut centre = Vec::with_capacity(n + 1);
    for pair in points.windows(2) {
        let ((s0, t0), (s1, t1)) = (pair[0], pair[1]);
        for i in s0..s1 {
            let along = (i - s0) as u128 * (t1 - t0) as u128 / (s1 - s0) as u128;
            centre.push(t0 + along as usize);
        }
    }
    centre.push(m);
    centre
}

/// Pairs (source, target) that share an anchor each side has exactly once among all its
/// units, the longest run of them increasing on both sides (where the translation
/// surely is): what the band of a long page follows.
fn waypoints(source: &[Unit], target: &[Unit]) -> Vec<(usize, usize)> {
    fn once(units: &[Unit]) -> HashMap<&str, Option<usize>> {
        let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            for a in &u.anchors {
                let strong = matches!(a.as_bytes().first(), Some(b'L' | b'I' | b'C' | b'F'))
                    || (a.starts_with("N:") && a.len() > 5);
                if strong {
                    seen.entry(a)
                        .and_modify(|e| *e = e.filter(|&k| k == i))
                        .or_insert(Some(i));
                }
            }
        }
        seen
    }
    let in_target = once(target);
    let mut pairs: Vec<(usize, usize)> = once(source)
        .into_iter()
        .filter_map(|(a, s)| Some((s?, in_target.get(a).copied()??)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    // Longest strictly increasing run of targets (patience sorting), then read back.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; pairs.len()];
    for (k, &(_, t)) in pairs.iter().enumerate() {
        // Among pairs of one source, only the first extends a run.
        let at = tails.partition_point(|&p| pairs[p].1 < t);
        if at > 0 && pairs[tails[at - 1]].0 == pairs[k].0 {
            continue;
        }
        if at > 0 {
            previous[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        run.push(pairs[k]);
        k = previous[k];
    }
    run.reverse();
    run
}

/// The monotone alignment of least cost, by dynamic programming over the cells of a
/// [`Band`]: O(n·m) time and memory up to [`FULL_CELLS`], O(m + n·[`BAND`]) beyond.
fn dp_within(
    source: &[Unit],
    target: &[Unit],
    ratio: f64,
    full_cells: usize,
    waypoints: &[(usize, usize)],
) -> Vec<Link> {
    let scorer = Scorer {
        source,
        target,
        ratio,
    };
    let (n, m) = (source.len(), target.len());
    let band = Band::new(n, m, full_cells, waypoints);
    let mut cost = vec![f64::INFINITY; band.cells];
    let mut back = vec![0u8; band.cells];
    cost[0] = 0.0;
    let get = |cost: &[f64], i: usize, j: usize| band.at(i, j).map_or(f64::INFINITY, |k| cost[k]);
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut step = 0u8;
            let mut consider = |c: f64, s: u8| {
                if c < best {
                    best = c;
                    step = s;
                }
            };
            if i > 0 && j > 0 {
                let before = get(&cost, i - 1, j - 1);
                if before.is_finite() {
                    consider(before + scorer.one_one(i - 1, j - 1), 1);
                }
            }
            if i > 0 {
                consider(get(&cost, i - 1, j) + SKIP_PRIOR, 2);
            }
            if j > 0 {
                consider(get(&cost, i, j - 1) + SKIP_PRIOR, 3);
            }
            if i > 1 && j > 0 {
                let before = get(&cost, i - 2, j - 1);
                if before.is_finite()
                    && let Some(c) = scorer.merge(i - 2, j - 1)
                {
                    consider(before + c, 4);
                }
            }
            if i > 0 && j > 1 {
                let before = get(&cost, i - 1, j - 2);
                if before.is_finite()
                    && let Some(c) = scorer.split(i - 1, j - 2)
                {
                    consider(before + c, 5);
                }
            }
            let k = band.at(i, j).expect("a cell of the band");
            cost[k] = best;
            back[k] = step;
        }
    }
    let cell = |i: usize, j: usize| band.at(i, j).expect("the path stays in the band");
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = cost[cell(i, j)];
        let link = match back[cell(i, j)] {
            1 => {
                let c = here - cost[cell(i - 1, j - 1)];
                i -= 1;
                j -= 1;
                Link {
                    kind: Move::Match,
                    s: vec![i],
                    t: vec![j],
                    cost: c,
                }
            }
            2 => {
                i -= 1;
                Link {
                    kind: Move::Untranslated,
                    s: vec![i],
                    t: vec![],
                    cost: SKIP_PRIOR,
                }
            }
            3 => {
                j -= 1;
                Link {
                    kind: Move::Unplaced,
                    s: vec![],
                    t: vec![j],
                    cost: SKIP_PRIOR,
                }
            }
            4 => {
                let c = here - cost[cell(i - 2, j - 1)];
                i -= 2;
                j -= 1;
                Link {
                    kind: Move::Merge,
                    s: vec![i, i + 1],
                    t: vec![j],
                    cost: c,
                }
            }
            _ => {
                let c = here - cost[cell(i - 1, j - 2)];
                i -= 1;
                j -= 2;
                Link {
                    kind: Move::Split,
                    s: vec![i],
                    t: vec![j, j + 1],
                    cost: c,
                }
            }
        };
        links.push(link);
    }
    links.reverse();
    links
}

/// Marks 1-1 pairs (and splits) that are not confident as doubtful.
fn confidence(scorer: &Scorer<'_>, links: &mut [Link]) {
    // Two paragraphs the translator swapped: each fits the other's place better.
    for i in 1..links.len() {
        let (a, b) = (&links[i - 1], &links[i]);
        if a.kind != Move::Match || b.kind != Move::Match {
            continue;
        }
        let (x, y) = (
            scorer.one_one(a.s[0], b.t[0]),
            scorer.one_one(b.s[0], a.t[0]),
        );
        let current = a.cost + b.cost;
        if a.cost.max(b.cost) <= SWAP_FLOOR {
            // Both fit well: a better crossed fit is noise (short list items).
            continue;
        }
        if x + y < current - SWAP_ACCEPT && x.max(y) < NEIGHBOUR_FLOOR {
            // Clearly crossed: take the crossed pairs.
            let (sa, sb, ta, tb) = (a.s[0], b.s[0], a.t[0], b.t[0]);
            links[i - 1] = Link {
                kind: Move::Moved,
                s: vec![sa],
                t: vec![tb],
                cost: x,
            };
            links[i] = Link {
                kind: Move::Moved,
                s: vec![sb],
                t: vec![ta],
                cost: y,
            };
        } else if x + y < current - SWAP_MARGIN {
            links[i - 1].kind = Move::Doubtful;
            links[i].kind = Move::Doubtful;
        }
    }
    for link in links.iter_mut() {
        match link.kind {
            Move::Match => {
                let (s, t) = (link.s[0], link.t[0]);
                let c = link.cost;
                let lo = s.saturating_sub(2);
                let hi = (s + 3).min(scorer.source.len());
                let better_neighbour = c > NEIGHBOUR_FLOOR
                    && (lo..hi)
                        .filter(|&o| o != s)
                        .any(|o| scorer.one_one(o, t) < c - NEIGHBOUR_MARGIN);
                // Links, images, code or footnotes on one side only, none shared.
                let (ks, kt) = (strong(&scorer.source[s]), strong(&scorer.target[t]));
                let unanchored =
                    ks != kt && !ks.iter().any(|a| kt.contains(a)) && c > UNANCHORED_FLOOR;
                if c > MATCH_THRESHOLD || better_neighbour || unanchored {
                    link.kind = Move::Doubtful;
                }
            }
            Move::Split if link.cost > MATCH_THRESHOLD + MERGE_PRIOR => link.kind = Move::Doubtful,
            _ => {}
        }
    }
}

/// The anchors a translation keeps for sure: links, images, code, footnotes.
fn strong(u: &Unit) -> Vec<String> {
    u.anchors
        .iter()
        .filter(|a| matches!(a.as_bytes().first(), Some(b'L' | b'D' | b'I' | b'C' | b'F')))
        .cloned()
        .collect()
}

/// A free block or segment is matched without strong anchors only against at most this
/// many candidates near its place; with more, nothing is a clear best anyway, and the
/// search stays linear in the page (at most twice this many costs per free block).
const MOVE_CANDIDATES: usize = 100;

/// Pairs an unplaced block with an untranslated segment when both have strong anchors
/// (links, images, code, footnotes), share them all, and no other candidate shares them.
fn recover_moved(scorer: &Scorer<'_>, links: &mut Vec<Link>) {
    // Both in increasing order: the alignment is monotone.
    let free_s: Vec<usize> = links
        .iter()
        .filter(|l| matches!(l.kind, Move::Untranslated | Move::Doubtful))
        .flat_map(|l| l.s.iter().copied())
        .collect();
    let free_t: Vec<usize> = links
        .iter()
        .filter(|l| matches!(l.kind, Move::Unplaced | Move::Doubtful))
        .flat_map(|l| l.t.iter().copied())
        .collect();
    // Keys computed once: a page may leave hundreds of blocks free. By key: the free
    // segments that have it, and how many free blocks do.
    let mut keys: HashMap<Vec<String>, (Vec<usize>, usize)> = HashMap::new();
    for &s in &free_s {
        keys.entry(strong(&scorer.source[s])).or_default().0.push(s);
    }
    let key_t: Vec<(usize, Vec<String>)> = free_t
        .iter()
        .map(|&t| (t, strong(&scorer.target[t])))
        .collect();
    for (_, key) in &key_t {
        keys.entry(key.clone()).or_default().1 += 1;
    }
    let mut pairs = Vec::new();
    let mut taken_s = HashSet::new();
    let mut taken_t = HashSet::new();
    for (t, key) in &key_t {
        if key.is_empty() {
            continue;
        }
        if let Some((candidates, rivals)) = keys.get(key)
            && let [s] = candidates[..]
        {
            let c = scorer.one_one(s, *t);
            if *rivals == 1 && c < MATCH_THRESHOLD {
                pairs.push((s, *t, c));
                taken_s.insert(s);
                taken_t.insert(*t);
            }
        }
    }
    // Without strong anchors: a pair that is each other's clear best among what is left.
    let best = |costs: &mut Vec<(f64, usize)>| -> Option<(f64, usize)> {
        costs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let first = *costs.first()?;
        let second = costs.get(1).map_or(f64::INFINITY, |c| c.0);
        (first.0 <= MOVE_THRESHOLD && second - first.0 >= MOVE_MARGIN).then_some(first)
    };
    // … and only near where the segment's neighbours were placed: between the block of
    // the last placed segment before it and that of the first placed after it.
    let mut placed: Vec<(usize, usize)> = links
        .iter()
        .filter(|l| matches!(l.kind, Move::Match | Move::Split | Move::Moved))
        .map(|l| (l.s[0], l.t[0]))
        .collect();
    placed.sort_unstable();
    let mut max_before = Vec::with_capacity(placed.len());
    for p in &placed {
        max_before.push(max_before.last().map_or(p.1, |&m: &usize| m.max(p.1)));
    }
    let mut min_after = vec![scorer.target.len(); placed.len() + 1];
    for (k, p) in placed.iter().enumerate().rev() {
        min_after[k] = min_after[k + 1].min(p.1);
    }
    // Each free segment's window of blocks; both ends grow with the segment.
    let window: Vec<(usize, usize)> = free_s
        .iter()
        .map(|&s| {
            let below = placed.partition_point(|p| p.0 < s);
            let before = below.checked_sub(1).map_or(0, |k| max_before[k]);
            let above = placed.partition_point(|p| p.0 <= s);
            (before.saturating_sub(1), min_after[above] + 1)
        })
        .collect();
    for &t in &free_t {
        if taken_t.contains(&t) {
            continue;
        }
        // The free segments whose window holds t: a run of `free_s`.
        let from = window.partition_point(|w| w.1 < t);
        let to = window.partition_point(|w| w.0 <= t);
        if to.saturating_sub(from) > MOVE_CANDIDATES {
            continue;
        }
        let mut for_t: Vec<(f64, usize)> = (from..to.max(from))
            .map(|k| free_s[k])
            .filter(|s| !taken_s.contains(s))
            .map(|s| (scorer.one_one(s, t), s))
            .collect();
        let Some((c, s)) = best(&mut for_t) else {
            continue;
        };
        let (lo, hi) = window[free_s.binary_search(&s).expect("a free segment")];
        let (from, to) = (
            free_t.partition_point(|&o| o < lo),
            free_t.partition_point(|&o| o <= hi),
        );
        if to.saturating_sub(from) > MOVE_CANDIDATES {
            continue;
        }
        let mut for_s: Vec<(f64, usize)> = free_t[from..to.max(from)]
            .iter()
            .filter(|o| !taken_t.contains(*o))
            .map(|&o| (scorer.one_one(s, o), o))
            .collect();
        if best(&mut for_s).is_some_and(|(_, o)| o == t) {
            pairs.push((s, t, c));
            taken_s.insert(s);
            taken_t.insert(t);
        }
    }
    if pairs.is_empty() {
        return;
    }
    for link in links.iter_mut() {
        let taken = link.s.iter().any(|s| taken_s.contains(s))
            || link.t.iter().any(|t| taken_t.contains(t));
        if !taken {
            continue;
        }
        // Break the old link into its parts, leaving out what the moved pairs take.
        link.s.retain(|s| !taken_s.contains(s));
        link.t.retain(|t| !taken_t.contains(t));
        link.kind = match (link.s.is_empty(), link.t.is_empty()) {
            (false, true) => Move::Untranslated,
            (true, false) => Move::Unplaced,
            _ => Move::Doubtful,
        };
    }
    links.retain(|l| !(l.s.is_empty() && l.t.is_empty()));
    for (s, t, c) in pairs {
        links.push(Link {
            kind: Move::Moved,
            s: vec![s],
            t: vec![t],
            cost: c,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(kind: SegmentKind, len: f64, anchors: &[&str]) -> Unit {
        let mut anchors: Vec<String> = anchors.iter().map(|s| s.to_string()).collect();
        anchors.sort();
        Unit {
            kind,
            len,
            anchors,
            sentences: None,
        }
    }

    #[test]
    fn sentences_are_counted_where_the_script_marks_them() {
        assert_eq!(
            sentence_count("The U.S. Congress acted. It did! Why?"),
            Some((3, 4))
        );
        assert_eq!(
            sentence_count("朝鲜政府继续控制。不断有报告称。"),
            Some((2, 2))
        );
        assert_eq!(sentence_count("สิทธิมนุษยชนในเกาหลีเหนือ"), None);
        assert_eq!(sentence_count("A heading"), None);
    }

    #[test]
    fn erfc_is_right() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-6);
        assert!((erfc(1.0) - 0.157_299_2).abs() < 1e-6);
    }

    #[test]
    fn identical_structures_align_one_to_one() {
        use SegmentKind::*;
        let src = vec![
            unit(Heading(1), 10.0, &[]),
            unit(Paragraph, 300.0, &["N:1998"]),
            unit(Paragraph, 120.0, &["L:http://a"]),
            unit(Heading(2), 20.0, &[]),
            unit(Paragraph, 500.0, &[]),
        ];
        let tgt: Vec<Unit> = src
            .iter()
            .map(|u| Unit {
                len: u.len * 0.5,
                ..u.clone()
            })
            .collect();
        let links = align(&src, &tgt);
        assert!(
            links.iter().all(|l| l.kind == Move::Match && l.s == l.t),
            "{links:?}"
        );
    }

    #[test]
    fn a_deleted_paragraph_and_a_merge() {
        use SegmentKind::*;
        let src = vec![
            unit(Heading(1), 10.0, &[]),
            unit(Paragraph, 300.0, &[]),
            unit(Paragraph, 120.0, &["L:http://a"]),
            unit(Paragraph, 200.0, &["N:2004"]),
            unit(Paragraph, 260.0, &["N:2012"]),
        ];
        let tgt = vec![
            unit(Heading(1), 5.0, &[]),
            unit(Paragraph, 60.0, &["L:http://a"]),
            unit(Paragraph, 230.0, &["N:2004", "N:2012"]),
        ];
        let links = align(&src, &tgt);
        assert!(
            links.contains(&Link {
                kind: Move::Untranslated,
                s: vec![1],
                t: vec![],
                cost: SKIP_PRIOR
            }),
            "{links:?}"
        );
        assert!(
            links
                .iter()
                .any(|l| l.kind == Move::Merge && l.s == vec![3, 4]),
            "{links:?}"
        );
        assert!(
            links
                .iter()
                .any(|l| l.kind == Move::Match && l.s == vec![2] && l.t == vec![1]),
            "{links:?}"
        );
    }

    /// A long page: paragraphs of varied length, some with numbers and links.
    fn long_page(n: usize) -> Vec<Unit> {
        (0..n)
            .map(|i| {
                let number = format!("N:{}", 1900 + i % 97);
                let link = format!("L:https://example.org/{i}");
                let mut anchors: Vec<&str> = Vec::new();
                if i % 3 == 0 {
                    anchors.push(&number);
                }
                if i % 7 == 0 {
                    anchors.push(&link);
                }
                let kind = if i % 25 == 0 {
                    SegmentKind::Heading(2)
                } else {
                    SegmentKind::Paragraph
                };
                unit(kind, 40.0 + ((i * 37) % 400) as f64, &anchors)
            })
            .collect()
    }

    /// Its translation, drifted: paragraphs deleted, added, merged, a section missing.
    fn drifted(source: &[Unit]) -> Vec<Unit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < source.len() {
            let u = &source[i];
            match i % 101 {
                13 => {}
                29 => {
                    out.push(Unit {
                        len: u.len * 1.2,
                        ..u.clone()
                    });
                    out.push(unit(SegmentKind::Paragraph, 77.0, &[]));
                }
                47 if source[i + 1].kind == u.kind => {
                    let v = &source[i + 1];
                    let mut anchors = u.anchors.clone();
                    anchors.extend(v.anchors.iter().cloned());
                    anchors.sort();
                    out.push(Unit {
                        len: (u.len + v.len) * 1.2,
                        anchors,
                        ..u.clone()
                    });
                    i += 1;
                }
                _ => out.push(Unit {
                    len: u.len * 1.2,
                    ..u.clone()
                }),
            }
            // A section of 40 paragraphs missing once.
            if i == source.len() / 2 {
                i += 40;
            }
            i += 1;
        }
        out
    }

    #[test]
    fn the_band_is_bounded_reaches_every_row_and_ends_in_the_corner() {
        for (n, m) in [
            (8000, 8000),
            (300, 80_000),
            (80_000, 300),
            (0, 10),
            (10, 0),
            (2100, 1900),
        ] {
            let band = Band::new(n, m, FULL_CELLS, &[(n / 3, m / 2)]);
            let limit = FULL_CELLS.max(m + (n + 1) * (2 * BAND + 1));
            assert!(band.cells <= limit, "{n}×{m}: {} cells", band.cells);
            assert_eq!((band.lo[0], band.hi[n]), (0, m));
            for i in 1..=n {
                assert!(band.lo[i - 1] <= band.lo[i] && band.hi[i - 1] <= band.hi[i]);
                // Row i-1 reaches row i: the column where it ends is in row i.
                assert!(band.lo[i] <= band.hi[i - 1], "{n}×{m}: row {i}");
            }
        }
        // 8,000 paragraphs on each side: 4 million cells, not 64 million.
        assert!(Band::new(8000, 8000, FULL_CELLS, &[]).cells < 4_100_000);
    }

    #[test]
    fn a_banded_alignment_of_a_long_drifted_page_is_the_full_one() {
        let source = long_page(2100);
        let target = drifted(&source);
        assert!((source.len() + 1) * (target.len() + 1) > FULL_CELLS);
        let ratio = estimate_ratio(&source, &target, None);
        let ways = waypoints(&source, &target);
        assert!(ways.len() > 200, "{}", ways.len());
        let banded = dp_within(&source, &target, ratio, FULL_CELLS, &ways);
        let full = dp_within(&source, &target, ratio, usize::MAX, &[]);
        assert_eq!(banded, full);
    }

    #[test]
    fn a_page_against_a_huge_translation_aligns_every_unit_once() {
        let source = long_page(300);
        let mut target = drifted(&source);
        // Then 60,000 blocks that translate nothing.
        target.extend(
            (0..60_000).map(|i| unit(SegmentKind::Paragraph, 30.0 + (i % 500) as f64, &[])),
        );
        let links = align(&source, &target);
        let mut s: Vec<usize> = links.iter().flat_map(|l| l.s.iter().copied()).collect();
        let mut t: Vec<usize> = links.iter().flat_map(|l| l.t.iter().copied()).collect();
        s.sort_unstable();
        t.sort_unstable();
        assert_eq!(s, (0..source.len()).collect::<Vec<_>>());
        assert_eq!(t, (0..target.len()).collect::<Vec<_>>());
        let matched = links.iter().filter(|l| l.kind == Move::Match).count();
        assert!(matched > 200, "{matched} of 300 matched");
    }
}
