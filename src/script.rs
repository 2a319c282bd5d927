//! Writing systems, from the Unicode data ICU4X compiles in: how a script spaces its
//! words and sentences, and where a text's sentences end. One owner for what line
//! breaking ([`crate::wrap`]), the plain-text edition's soft breaks, `import`'s joining
//! of split paragraphs and its alignment agree on.

use icu_properties::props::{
    DefaultIgnorableCodePoint, EastAsianWidth, ExtendedPictographic, GraphemeClusterBreak, Script,
    SentenceTerminal, WhiteSpace,
};
use icu_properties::script::ScriptWithExtensions;
use icu_properties::{CodePointMapData, CodePointSetData};
use icu_segmenter::SentenceSegmenter;
use icu_segmenter::options::SentenceBreakInvariantOptions;

/// How a character's writing system uses spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spacing {
    /// Spaces between words (Latin, Cyrillic, Arabic, Hangul …), and anything that is
    /// no letter of a script that does otherwise.
    Words,
    /// No spaces between words, but a space between phrases and sentences: Thai, Lao,
    /// Khmer, Myanmar and the Tai scripts. A line may break between dictionary words.
    Phrases,
    /// No spaces at all: Han, kana, Bopomofo, Yi, Tangut, Nüshu, and the punctuation and
    /// full-width forms written with them. A line may break between characters.
    None,
}

/// Scripts that space phrases but not words.
const PHRASES: &[Script] = &[
    Script::Thai,
    Script::Lao,
    Script::Khmer,
    Script::Myanmar,
    Script::TaiLe,
    Script::NewTaiLue,
    Script::TaiTham,
    Script::TaiViet,
];

/// Scripts that space nothing.
const NONE: &[Script] = &[
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Bopomofo,
    Script::Yi,
    Script::Tangut,
    Script::KhitanSmallScript,
    Script::Nushu,
];

/// Scripts that mark no sentence end with punctuation (a space ends a Thai sentence):
/// a count of their sentences says nothing.
const NO_SENTENCE_MARKS: &[Script] = &[Script::Thai, Script::Lao];

/// How `c`'s writing system uses spaces. Punctuation and symbols shared by scripts
/// (Script=Common) take the spacing of the scripts that use them (Script_Extensions:
/// `。` is Han and kana punctuation), and full-width or wide ones (`，`, `！`, U+3000)
/// count as unspaced; emoji do not.
pub(crate) fn spacing(c: char) -> Spacing {
    if c.is_ascii() {
        return Spacing::Words;
    }
    let scripts = ScriptWithExtensions::new();
    let script = scripts.get_script_val(c);
    if NONE.contains(&script) {
        return Spacing::None;
    }
    if PHRASES.contains(&script) {
        return Spacing::Phrases;
    }
    if script != Script::Common && script != Script::Inherited {
        return Spacing::Words;
    }
    if NONE.iter().any(|&s| scripts.has_script(c, s)) {
        return Spacing::None;
    }
    if PHRASES.iter().any(|&s| scripts.has_script(c, s)) {
        return Spacing::Phrases;
    }
    let width = CodePointMapData::<EastAsianWidth>::new().get(c);
    if matches!(width, EastAsianWidth::Fullwidth | EastAsianWidth::Wide)
        && !CodePointSetData::new::<ExtendedPictographic>().contains(c)
    {
        return Spacing::None;
    }
    Spacing::Words
}

/// Whether `c` belongs to a script written without spaces between words, where a line
/// may break between characters or dictionary words.
pub(crate) fn is_spaceless(c: char) -> bool {
    spacing(c) != Spacing::Words
}

/// Whether a line break between `before` and `after` inside a paragraph reads as
/// nothing (both in scripts without spaces between words: `北朝鮮\n人権` is one word
/// run) rather than as a space.
pub(crate) fn line_break_is_silent(before: char, after: char) -> bool {
    is_spaceless(before) && is_spaceless(after)
}

/// Whether two sentences, `… before` and `after …`, are written together without a
/// space: only where the script spaces nothing (`北朝鮮。人権`); Thai, Lao, Khmer and
/// Myanmar separate sentences with a space, as spaced scripts do.
pub(crate) fn sentences_join_without_space(before: char, after: char) -> bool {
    spacing(before) == Spacing::None && spacing(after) == Spacing::None
}

/// Whether the text's script marks the ends of sentences (so counting them means
/// something): not Thai or Lao text.
pub(crate) fn marks_sentence_ends(text: &str) -> bool {
    let scripts = ScriptWithExtensions::new();
    !text
        .chars()
        .any(|c| !c.is_ascii() && NO_SENTENCE_MARKS.contains(&scripts.get_script_val(c)))
}

/// A sentence of a text: where it ends (before the spaces after it), and whether that
/// end is only possibly one — it follows a dotted abbreviation ("U.S.", "D.P.R.K."),
/// which ends a sentence before "Under the terms" and none before "Congress".
struct Sentence {
    start: usize,
    end: usize,
    doubtful: bool,
}

/// The sentences of `text` by the Unicode sentence boundaries (UAX #29).
fn sentences(text: &str) -> Vec<Sentence> {
    let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
    let mut out = Vec::new();
    let mut start = 0;
    for at in segmenter.segment_str(text).skip(1) {
        let sentence = text[start..at].trim_end();
        out.push(Sentence {
            start,
            end: start + sentence.len(),
            doubtful: ends_with_abbreviation(sentence),
        });
        start = at;
    }
    out
}

/// Whether the text's last word is a dotted abbreviation: letters each followed by a
/// dot, at least two of them ("U.S.", "e.g.", "i.e.").
fn ends_with_abbreviation(text: &str) -> bool {
    let word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    let chars: Vec<char> = word.chars().collect();
    chars.len() >= 4
        && chars.len().is_multiple_of(2)
        && chars
            .chunks(2)
            .all(|pair| pair[0].is_alphabetic() && pair[1] == '.')
}

/// Whether `c` cannot be seen where it is written: a space (`U+00A0`, `U+2009` …) or a
/// default-ignorable character (a right-to-left mark, a zero-width joiner, a soft
/// hyphen, a variation selector).
pub(crate) fn is_invisible(c: char) -> bool {
    CodePointSetData::new::<WhiteSpace>().contains(c)
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// Whether `c` belongs to the grapheme cluster before it (UAX #29 GB9, GB9a: Extend,
/// ZWJ, SpacingMark): a combining mark, a Thai vowel sign, a variation selector.
fn extends_cluster(c: char) -> bool {
    !c.is_ascii()
        && matches!(
            CodePointMapData::<GraphemeClusterBreak>::new().get(c),
            GraphemeClusterBreak::Extend
                | GraphemeClusterBreak::ZWJ
                | GraphemeClusterBreak::SpacingMark
        )
}

/// Where the grapheme cluster that ends at `pos` starts, or `None` when `pos` is inside
/// one — for a place where Unicode line breaking allows a break (UAX #14), which keeps
/// every cluster together but one that starts with a space followed by a combining mark
/// (LB10) and one that starts with a Prepend character (GB9b): those are the grapheme
/// rules (UAX #29) a line-break opportunity can break, and the ones checked here.
pub(crate) fn cluster_start_before(text: &str, pos: usize) -> Option<usize> {
    let (before, after) = text.split_at(pos);
    if after.chars().next().is_some_and(extends_cluster) {
        return None;
    }
    let mut start = pos;
    for (i, c) in before.char_indices().rev() {
        start = i;
        if !extends_cluster(c) {
            if i + c.len_utf8() == pos
                && !c.is_ascii()
                && CodePointMapData::<GraphemeClusterBreak>::new().get(c)
                    == GraphemeClusterBreak::Prepend
            {
                return None;
            }
            break;
        }
    }
    Some(start)
}

/// Byte offsets where a sentence of `text` ends or may end (after an abbreviation),
/// after its terminator and before the spaces that follow; neither the start nor the
/// end of the text.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    let end = text.trim_end().len();
    sentences(text)
        .into_iter()
        .map(|s| s.end)
        .filter(|&at| at > 0 && at < end)
        .collect()
}

/// How many sentences of `text` end with a sentence terminator (`.`, `。`, `؟`, `।`
/// …), as a range: the ends that are certain, and those plus the ends after an
/// abbreviation. `None` where the script marks no sentence end or none is marked (a
/// heading).
pub(crate) fn sentence_count(text: &str) -> Option<(usize, usize)> {
    if !marks_sentence_ends(text) {
        return None;
    }
    let terminal = CodePointSetData::new::<SentenceTerminal>();
    let (mut certain, mut possible) = (0, 0);
    let all = sentences(text);
    let last = all.len().saturating_sub(1);
    for (i, s) in all.iter().enumerate() {
        // A closing quote or bracket may follow the terminator.
        let end = text[s.start..s.end].chars().rev().find(|c| {
            !matches!(
                c,
                '"' | '\'' | ')' | ']' | '»' | '”' | '’' | '」' | '』' | '）'
            )
        });
        if !end.is_some_and(|c| terminal.contains(c)) {
            continue;
        }
        possible += 1;
        // The text's last sentence ends there whatever its last word is.
        if !s.doubtful || i == last {
            certain += 1;
        }
    }
    (possible > 0).then_some((certain, possible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_of_scripts() {
        for c in ['a', 'é', 'д', 'ع', '한', '1', ' ', '-', '😀'] {
            assert_eq!(spacing(c), Spacing::Words, "{c:?}");
        }
        for c in ['ก', 'ລ', 'ក', 'က'] {
            assert_eq!(spacing(c), Spacing::Phrases, "{c:?}");
        }
        for c in [
            '北', 'の', 'カ', 'ㄅ', '。', '、', '，', '！', '「', '\u{3000}', 'ｶ',
        ] {
            assert_eq!(spacing(c), Spacing::None, "{c:?}");
        }
    }

    #[test]
    fn invisible_characters() {
        for c in [
            ' ', '\u{a0}', '\u{2009}', '\u{200f}', '\u{200d}', '\u{ad}', '\u{fe0f}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['é', '—', '가', '\u{301}'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn clusters_around_break_opportunities() {
        let text = "ab e\u{301}x";
        // Inside `e` + combining acute: no boundary before the mark.
        assert_eq!(cluster_start_before(text, 4), None);
        // After the cluster, it starts at the `e`.
        assert_eq!(cluster_start_before(text, 6), Some(3));
        assert_eq!(cluster_start_before(text, 1), Some(0));
        // A space followed by a combining mark is one cluster (the break LB10 allows).
        assert_eq!(cluster_start_before(" \u{301}", 1), None);
        // A Thai vowel sign belongs to its consonant.
        assert_eq!(cluster_start_before("กิ", "ก".len()), None);
    }

    #[test]
    fn joining() {
        assert!(line_break_is_silent('北', '人'));
        assert!(line_break_is_silent('ก', 'ข'));
        assert!(!line_break_is_silent('한', '국'));
        assert!(sentences_join_without_space('。', '人'));
        assert!(!sentences_join_without_space('ก', 'ข'));
        assert!(!sentences_join_without_space('.', 'D'));
    }

    #[test]
    fn sentences() {
        assert_eq!(sentence_ends("Un. Deux ? Trois"), vec![3, 10]);
        assert_eq!(sentence_ends("北朝鮮。人権。"), vec!["北朝鮮。".len()]);
        // An abbreviation before a lower-case word ends no sentence; before a capital,
        // it may.
        assert_eq!(sentence_ends("The U.S. policy is old. It stays."), vec![23]);
        assert_eq!(
            sentence_ends("The U.S. Congress acted. It did."),
            vec![8, 24]
        );
        assert_eq!(sentence_ends("Один. Два."), vec!["Один.".len()]);
        assert!(sentence_ends("No end at all").is_empty());
        assert!(marks_sentence_ends("Some text. More."));
        assert_eq!(
            sentence_count("The U.S. policy is old. It stays."),
            Some((2, 2))
        );
        assert_eq!(
            sentence_count("The U.S. Congress acted. It did."),
            Some((2, 3))
        );
        assert_eq!(
            sentence_count("It is not in the D.P.R.K. Under the act, it is “of Concern.”"),
            Some((1, 2))
        );
        assert_eq!(sentence_count("一。二！三"), Some((2, 2)));
        assert_eq!(sentence_count("هل هذا صحيح؟ نعم."), Some((2, 2)));
        assert_eq!(sentence_count("A heading"), None);
        assert_eq!(sentence_count("ประโยค หนึ่ง ประโยค สอง"), None);
        assert!(!marks_sentence_ends("สิทธิมนุษยชน ในเกาหลีเหนือ"));
    }
}
