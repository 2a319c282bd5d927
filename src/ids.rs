//! Message ids for segments: readable, valid Fluent identifiers, and stable once
//! assigned. Like gettext's msgmerge, the current segments are matched to the reference
//! file's entries — identical text first, then similar text of the same kind, nearest
//! position first — so rewording, inserting, deleting or moving a paragraph never
//! changes the id of another, and a reworded paragraph keeps its own. Only a new segment
//! gets a new id, and an id once used is never given to a different segment.

use crate::markdown::SegmentKind;
use crate::slug::{self, ascii_words, join_limited};
use std::collections::{HashMap, HashSet};

/// A segment of the current content, in reference-file order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewSegment<'a> {
    pub kind: SegmentKind,
    pub text: &'a str,
    /// Anchor of the heading the segment stands under.
    pub section: &'a str,
}

/// A message of the existing reference file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OldEntry<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub kind: Option<SegmentKind>,
}

/// Similar text must share at least this share of character trigrams (Sørensen–Dice).
const SIMILARITY: f64 = 0.5;
/// Past this many comparisons, only segments within a window of positions are compared.
const MAX_PAIRS: usize = 250_000;
const WINDOW: usize = 100;

/// Assigns an id to each new segment. `reserved` ids (the layout's) are never given out.
pub(crate) fn assign(
    new: &[NewSegment<'_>],
    old: &[OldEntry<'_>],
    reserved: &HashSet<String>,
) -> Vec<String> {
    let mut ids: Vec<Option<String>> = vec![None; new.len()];
    let mut old_used = vec![false; old.len()];

    // 1. Identical text keeps its id, whatever moved around it.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, entry) in old.iter().enumerate() {
        by_text.entry(entry.text).or_default().push(j);
    }
    for (i, seg) in new.iter().enumerate() {
        if let Some(candidates) = by_text.get_mut(seg.text)
            && let Some(pos) = candidates.iter().position(|&j| !old_used[j])
        {
            let j = candidates.remove(pos);
            old_used[j] = true;
            ids[i] = Some(old[j].id.to_string());
        }
    }

    // 2. Reworded text keeps its id: best similarity first, then nearest position.
    let new_left: Vec<usize> = (0..new.len()).filter(|&i| ids[i].is_none()).collect();
    let old_left: Vec<usize> = (0..old.len()).filter(|&j| !old_used[j]).collect();
    if !new_left.is_empty() && !old_left.is_empty() {
        let windowed = new_left.len() * old_left.len() > MAX_PAIRS;
        let old_grams: Vec<HashSet<[char; 3]>> =
            old_left.iter().map(|&j| trigrams(old[j].text)).collect();
        let mut pairs = Vec::new();
        for (a, &i) in new_left.iter().enumerate() {
            let grams = trigrams(new[i].text);
            for (b, &j) in old_left.iter().enumerate() {
                if windowed && a.abs_diff(b) > WINDOW {
                    continue;
                }
                if old[j].kind.is_some_and(|k| k != new[i].kind) {
                    continue;
                }
                let score = dice(&grams, &old_grams[b]);
                if score >= SIMILARITY {
                    // Scores compare in hundredths so position decides between near-equals.
                    pairs.push((
                        std::cmp::Reverse((score * 100.0) as u32),
                        i.abs_diff(j),
                        i,
                        j,
                    ));
                }
            }
        }
        pairs.sort();
        for (_, _, i, j) in pairs {
            if ids[i].is_none() && !old_used[j] {
                old_used[j] = true;
                ids[i] = Some(old[j].id.to_string());
            }
        }
    }

    // 3. New segments get new ids, never one the reference file used before.
    let mut taken: HashSet<String> = reserved.clone();
    taken.extend(old.iter().map(|e| e.id.to_string()));
    taken.extend(ids.iter().flatten().cloned());
    new.iter()
        .zip(ids)
        .map(|(seg, id)| {
            id.unwrap_or_else(|| {
                let id = slug::unique(&derive_id(seg), |c| taken.contains(c));
                taken.insert(id.clone());
                id
            })
        })
        .collect()
}

fn trigrams(text: &str) -> HashSet<[char; 3]> {
    let chars: Vec<char> = text
        .split_whitespace()
        .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']))
        .collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

fn dice(a: &HashSet<[char; 3]>, b: &HashSet<[char; 3]>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.iter().filter(|g| b.contains(*g)).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The readable id a new segment would get: `page-title`, the heading's words, or the
/// section's words followed by the kind and the segment's first words.
pub(crate) fn derive_id(seg: &NewSegment<'_>) -> String {
    let kind_word = match seg.kind {
        SegmentKind::Title => return "page-title".into(),
        SegmentKind::Description => return "page-description".into(),
        SegmentKind::Heading(_) => "heading",
        SegmentKind::Paragraph => "",
        SegmentKind::ListItem => "item",
        SegmentKind::Quote => "quote",
        SegmentKind::TableHeader | SegmentKind::TableCell => "cell",
        SegmentKind::Caption => "caption",
        SegmentKind::ImageAlt => "image",
        SegmentKind::Footnote => "note",
    };
    let text_words = ascii_words(&strip_markdown_targets(seg.text));
    let mut id = if let SegmentKind::Heading(_) = seg.kind {
        // A heading's section is its own anchor (`{#us-efforts}` or its slug).
        let anchor = join_limited(&ascii_words(seg.section), 5, 40);
        if anchor.is_empty() {
            join_limited(&text_words, 5, 40)
        } else {
            anchor
        }
    } else {
        let section = join_limited(&ascii_words(seg.section), 3, 20);
        let mut parts = Vec::new();
        if !section.is_empty() {
            parts.push(section);
        }
        if !kind_word.is_empty() {
            parts.push(kind_word.to_string());
        }
        let words = join_limited(&text_words, 4, 28);
        if !words.is_empty() {
            parts.push(words);
        }
        parts.join("-")
    };
    if id.is_empty() {
        id = if kind_word.is_empty() {
            "paragraph".into()
        } else {
            kind_word.into()
        };
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "s-");
    }
    id
}

/// Drops `(url)` parts of links so ids are made of the words a reader sees.
fn strip_markdown_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("](") {
        out.push_str(&rest[..pos]);
        match rest[pos..].find(')') {
            Some(end) => rest = &rest[pos + end + 1..],
            None => {
                rest = &rest[pos..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ftl::is_identifier;
    use proptest::prelude::*;

    fn seg(kind: SegmentKind, text: &str) -> NewSegment<'_> {
        NewSegment {
            kind,
            text,
            section: "human-rights",
        }
    }

    fn para(text: &str) -> NewSegment<'_> {
        seg(SegmentKind::Paragraph, text)
    }

    const P1: &str =
        "The people of North Korea continue to suffer from widespread human rights violations.";
    const P2: &str =
        "Recent NGO studies suggest between 130,000-200,000 North Koreans are incarcerated.";
    const P3: &str = "For those who attempt to leave North Korea, the situation is also bleak.";

    fn first_assignment(texts: &[&str]) -> Vec<String> {
        let new: Vec<_> = texts.iter().map(|t| para(t)).collect();
        assign(&new, &[], &HashSet::new())
    }

    fn reassign(old_texts: &[&str], old_ids: &[String], texts: &[&str]) -> Vec<String> {
        let old: Vec<_> = old_texts
            .iter()
            .zip(old_ids)
            .map(|(t, id)| OldEntry {
                id,
                text: t,
                kind: Some(SegmentKind::Paragraph),
            })
            .collect();
        let new: Vec<_> = texts.iter().map(|t| para(t)).collect();
        assign(&new, &old, &HashSet::new())
    }

    #[test]
    fn readable_ids() {
        let ids = first_assignment(&[P1, P2]);
        assert_eq!(
            ids,
            vec![
                "human-rights-the-people-of-north",
                "human-rights-recent-ngo-studies-suggest"
            ]
        );
        assert_eq!(
            derive_id(&NewSegment {
                kind: SegmentKind::Heading(2),
                text: "U.S. Efforts on North Korean Human Rights Issues",
                section: "us-efforts"
            }),
            "us-efforts"
        );
        assert_eq!(
            derive_id(&NewSegment {
                kind: SegmentKind::Heading(2),
                text: "Über uns",
                section: "über-uns"
            }),
            "uber-uns"
        );
        assert_eq!(
            derive_id(&NewSegment {
                kind: SegmentKind::Heading(2),
                text: "Права человека",
                section: "права-человека"
            }),
            "prava-cheloveka"
        );
        assert_eq!(derive_id(&seg(SegmentKind::Title, "x")), "page-title");
        assert_eq!(
            derive_id(&NewSegment {
                kind: SegmentKind::Paragraph,
                text: "북한 인권",
                section: ""
            }),
            "bughan-ingweon"
        );
        assert_eq!(
            derive_id(&NewSegment {
                kind: SegmentKind::Paragraph,
                text: "美国在朝鲜人权问题上的努力",
                section: "人权"
            }),
            "ren-quan-mei-guo-zai-zhao"
        );
        assert_eq!(
            derive_id(&seg(
                SegmentKind::Paragraph,
                "See [the act](https://congress.gov/x) now"
            )),
            "human-rights-see-the-act-now"
        );
    }

    #[test]
    fn rewording_keeps_the_id() {
        let ids = first_assignment(&[P1, P2, P3]);
        let reworded = "Recent NGO studies suggest that between 130,000 and 200,000 North Koreans are imprisoned.";
        assert_eq!(reassign(&[P1, P2, P3], &ids, &[P1, reworded, P3]), ids);
    }

    #[test]
    fn insert_delete_and_move_leave_other_ids_alone() {
        let ids = first_assignment(&[P1, P2, P3]);
        let inserted = reassign(
            &[P1, P2, P3],
            &ids,
            &[P1, "A brand new paragraph about something else.", P2, P3],
        );
        assert_eq!(
            (&inserted[0], &inserted[2], &inserted[3]),
            (&ids[0], &ids[1], &ids[2])
        );
        assert!(!ids.contains(&inserted[1]));
        let deleted = reassign(&[P1, P2, P3], &ids, &[P1, P3]);
        assert_eq!(deleted, vec![ids[0].clone(), ids[2].clone()]);
        let moved = reassign(&[P1, P2, P3], &ids, &[P3, P1, P2]);
        assert_eq!(moved, vec![ids[2].clone(), ids[0].clone(), ids[1].clone()]);
    }

    #[test]
    fn a_deleted_paragraphs_id_is_never_reused() {
        let ids = first_assignment(&[P1, P2]);
        // P2 deleted and an unrelated paragraph that would derive the same id added.
        let other = "Recent NGO studies suggest nothing about this at all, honestly.";
        let next = reassign(&[P1, P2], &ids, &[P1, other]);
        // It is similar enough to count as a rewording? If not, it must get a fresh id.
        if next[1] != ids[1] {
            assert_eq!(next[1], "human-rights-recent-ngo-studies-suggest-2");
        }
    }

    #[test]
    fn duplicates_get_deterministic_suffixes() {
        let ids = first_assignment(&["Yes", "Yes", "Yes"]);
        assert_eq!(
            ids,
            vec![
                "human-rights-yes",
                "human-rights-yes-2",
                "human-rights-yes-3"
            ]
        );
        let reserved: HashSet<String> = ["site-name".to_string()].into();
        let ids = assign(
            &[NewSegment {
                kind: SegmentKind::Heading(1),
                text: "Site name",
                section: "",
            }],
            &[],
            &reserved,
        );
        assert_eq!(ids, vec!["site-name-2"]);
    }

    proptest! {
        #[test]
        fn ids_are_valid_and_unique(texts in proptest::collection::vec("[a-zA-Z0-9 é한.,!-]{0,30}", 1..20)) {
            let new: Vec<_> = texts.iter().map(|t| para(t)).collect();
            let ids = assign(&new, &[], &HashSet::new());
            let unique: HashSet<_> = ids.iter().collect();
            prop_assert_eq!(unique.len(), ids.len());
            for id in &ids {
                prop_assert!(is_identifier(id), "{}", id);
            }
        }

        #[test]
        fn editing_one_paragraph_never_changes_another(edit in 0usize..3, word in "[a-z]{3,8}") {
            let texts = [P1, P2, P3];
            let ids = first_assignment(&texts);
            let mut edited: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
            edited[edit] = format!("{} {word}", edited[edit]);
            let refs: Vec<&str> = edited.iter().map(String::as_str).collect();
            let next = reassign(&texts, &ids, &refs);
            prop_assert_eq!(next, ids);
        }
    }
}
