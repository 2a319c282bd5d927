//! Line breaking for the plain-text editions (braille displays, terminals, e-mail).
//!
//! [`wrap`] fills one paragraph greedily into lines of at most
//! [`WrapOptions::width`] display columns, prefixes included. Where a line may
//! break is decided in three steps:
//!
//! 1. ICU4X's [`LineSegmenter`] proposes the break opportunities of Unicode
//!    line breaking (UAX #14) with *strict* rules, so that no line starts with
//!    closing CJK punctuation such as `。、，」）` or small kana (kinsoku). The
//!    segmenter is built with the *dictionary* model, so Thai, Lao, Khmer and
//!    Burmese, which are written without spaces, break between dictionary
//!    words. (`LineSegmenter::new_auto` is the LSTM model in ICU4X 2.x; it
//!    breaks inside words such as "เกาหลี" and "สหประชาชาติ", the dictionary
//!    does not.) With [`WrapOptions::keep_all`], ICU's
//!    `LineBreakWordOption::KeepAll` also forbids breaks between two Hangul
//!    syllables or two Han characters.
//! 2. An opportunity is kept only if it does not fall inside a word of a
//!    language written with spaces: the character before it is whitespace
//!    (or U+200B ZERO WIDTH SPACE), or the grapheme before it or the character
//!    after it belongs to a script written without spaces (Han, kana,
//!    Bopomofo, Yi, Thai, Lao, Khmer, Myanmar, CJK punctuation, fullwidth
//!    forms...). So "well-being" and "U.S.-North" are never split at the
//!    hyphen, while "北朝鮮は" may break between any two characters.
//! 3. It is dropped if it falls on no grapheme cluster boundary, or strictly
//!    inside a protected byte range: the caller's, the URL-like tokens the
//!    module finds itself (`http://`, `https://`, `mailto:`, `www.`), and the
//!    Thai compounds the dictionary splits although they read as one word
//!    (`THAI_COMPOUNDS`: "สิทธิมนุษยชน", human rights, is never broken
//!    after "สิทธิ" or "มนุษย").
//!
//! The whitespace at a break (including U+200B ZERO WIDTH SPACE) is
//! dropped; no line ends in whitespace. A token
//! that cannot be broken and is wider than the room left beside the prefix
//! stands alone on its line. Forced line breaks (`\n`, `\r\n`, `\r` and the
//! other mandatory breaks of UAX #14: VT, FF, NEL, U+2028, U+2029) always
//! start a new line, even inside a protected range, and never appear in the
//! output. Whitespace at the start of the paragraph or right after a forced
//! break is kept as indentation when it fits; the whitespace after a soft
//! break never is. Tabs are not expanded (unicode-width counts them as one
//! column).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness, LineBreakWordOption};
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use unicode_width::UnicodeWidthStr;

/// Options for wrapping one paragraph.
#[derive(Debug, Clone)]
pub(crate) struct WrapOptions<'a> {
    /// Maximum display columns of a line, prefixes included.
    pub width: usize,
    /// Prefix of the first line (e.g. "  1. " or "> "), counted in the width.
    pub first_prefix: &'a str,
    /// Prefix of every following line (e.g. "     " or "> ").
    pub rest_prefix: &'a str,
    /// Korean and similar: break only at spaces, never between two Hangul syllables (ICU LineBreakWordOption::KeepAll).
    pub keep_all: bool,
}

/// Display columns of `s`: East Asian Wide/Fullwidth count 2, combining marks and zero-width characters 0 (unicode-width).
#[must_use]
pub(crate) fn display_width(s: &str) -> usize {
    // Printable ASCII is one column a byte: the common case, without table lookups.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// Wraps `text` (one paragraph; a '\n' in it is a forced line break) into lines, each starting with its prefix.
/// `protected` lists byte ranges of `text` that must never be broken inside (URLs); in addition the function
/// itself protects URL-like tokens it finds (http://, https://, mailto:, www.).
///
/// Ranges that are empty, reversed or out of bounds are harmless; a range
/// end past the text only protects up to the end. A width below 1 is treated
/// as 1. The first returned line carries `first_prefix`, every other line
/// (also those after a forced break) `rest_prefix`; a line whose content is
/// empty is its prefix with trailing whitespace removed. Line-break
/// characters in a prefix are replaced by spaces so that no returned line
/// contains one. Empty input gives one line: the trimmed first prefix.
#[must_use]
pub(crate) fn wrap(text: &str, protected: &[Range<usize>], opts: &WrapOptions) -> Vec<String> {
    let guards = Guards::new(text, protected);
    let segmenter = line_segmenter(opts.keep_all);
    let mut sink = LineSink::new(opts);
    for forced in forced_lines(text) {
        wrap_forced_line(text, forced, &guards, segmenter, &mut sink);
    }
    sink.lines
}

/// The two line segmenters (word option `Normal`, `KeepAll`), built once per
/// process: with compiled data they only borrow `'static` tables, so they
/// are `Copy`, `Send` and `Sync`.
fn line_segmenter(keep_all: bool) -> LineSegmenterBorrowed<'static> {
    static SEGMENTERS: OnceLock<[LineSegmenterBorrowed<'static>; 2]> = OnceLock::new();
    let [normal, keep] = *SEGMENTERS.get_or_init(|| {
        let build = |word_option| {
            let mut options = LineBreakOptions::default();
            options.strictness = Some(LineBreakStrictness::Strict);
            options.word_option = Some(word_option);
            LineSegmenter::new_dictionary(options)
        };
        [
            build(LineBreakWordOption::Normal),
            build(LineBreakWordOption::KeepAll),
        ]
    });
    if keep_all { keep } else { normal }
}

/// Characters that end a line unconditionally (UAX #14 classes BK, CR, LF, NL).
fn is_forced_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Byte ranges of `text` between forced line breaks (`\r\n` counts as one).
/// Always yields at least one (possibly empty) range.
fn forced_lines(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_forced_break(c) {
            continue;
        }
        ranges.push(start..i);
        start = i + c.len_utf8();
        if c == '\r' && chars.next_if(|&(_, next)| next == '\n').is_some() {
            start += 1;
        }
    }
    ranges.push(start..text.len());
    ranges
}

/// Whitespace that a soft break may follow, and that is dropped at a break:
/// Unicode `White_Space` plus U+200B ZERO WIDTH SPACE, which exists to mark
/// such breaks.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

/// `s` without its trailing [break spaces](is_break_space).
fn trim_end_spaces(s: &str) -> &str {
    s.trim_end_matches(is_break_space)
}

/// `s` without its leading [break spaces](is_break_space).
fn trim_start_spaces(s: &str) -> &str {
    s.trim_start_matches(is_break_space)
}

/// Byte ranges inside which no line may break: the caller's plus the
/// URL-like tokens of the text, sorted, overlapping ones merged.
struct Guards {
    ranges: Vec<Range<usize>>,
}

impl Guards {
    fn new(text: &str, protected: &[Range<usize>]) -> Self {
        let mut all: Vec<Range<usize>> = protected
            .iter()
            .filter(|r| r.start < r.end)
            .cloned()
            .chain(find_urls(text))
            .chain(find_compounds(text))
            .collect();
        all.sort_by_key(|r| r.start);
        let mut ranges: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match ranges.last_mut() {
                // Only overlapping ranges merge: between two touching ones
                // lies an allowed break.
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => ranges.push(r),
            }
        }
        Guards { ranges }
    }

    /// Whether byte position `pos` lies strictly inside a protected range.
    fn forbids(&self, pos: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= pos);
        self.ranges.get(i).is_some_and(|r| r.start < pos)
    }
}

/// Thai compounds that the ICU dictionary splits into words of their own, so that a
/// line could end inside them ("สิทธิมนุษย|ชน", "เรือน|จำ"): each one reads as one
/// word, and breaking it changes or loses its meaning. Those of the shipped pages and
/// common ones like them; a line breaks before or after them, never inside.
const THAI_COMPOUNDS: &str = include_str!("data/thai-compounds.txt");

/// The compounds of [`THAI_COMPOUNDS`] (data: `src/data/thai-compounds.txt`).
fn thai_compounds() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        THAI_COMPOUNDS
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Byte ranges of the [`THAI_COMPOUNDS`] in `text`.
fn find_compounds(text: &str) -> Vec<Range<usize>> {
    // Thai is U+0E00..U+0E7F: E0 B8 xx or E0 B9 xx in UTF-8. Most paragraphs have none.
    let has_thai = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xE0 && (w[1] == 0xB8 || w[1] == 0xB9));
    if !has_thai {
        return Vec::new();
    }
    let mut out = Vec::new();
    for compound in thai_compounds() {
        out.extend(text.match_indices(compound).map(|(i, m)| i..i + m.len()));
    }
    out
}

/// Byte ranges of URL-like tokens: from `http://`, `https://`, `mailto:` or
/// `www.` (ASCII case-insensitive, not preceded by an ASCII letter or digit)
/// up to the next whitespace or character of a script written without
/// spaces (a URL embedded in Chinese or Japanese text usually ends there).
fn find_urls(text: &str) -> Vec<Range<usize>> {
    const STARTS: [&[u8]; 4] = [b"https://", b"http://", b"mailto:", b"www."];
    let bytes = text.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so a
        // match on ASCII patterns is always at a char boundary.
        // Every pattern starts with h, m or w: skip other bytes quickly.
        if !matches!(bytes[i] | 0x20, b'h' | b'm' | b'w') {
            i += 1;
            continue;
        }
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let pattern = STARTS.iter().find(|p| {
            bytes
                .get(i..i + p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p))
        });
        let (true, Some(pattern)) = (at_word_start, pattern) else {
            i += 1;
            continue;
        };
        let body_start = i + pattern.len();
        let body_len = text
            .get(body_start..)
            .unwrap_or("")
            .char_indices()
            .find(|&(_, c)| is_break_space(c) || crate::script::is_spaceless(c))
            .map_or(text.len() - body_start, |(j, _)| j);
        if body_len > 0 {
            urls.push(i..body_start + body_len);
        }
        i = body_start + body_len;
    }
    urls
}

/// Collects the output lines and knows which prefix the next line gets.
struct LineSink<'a> {
    lines: Vec<String>,
    first_prefix: Cow<'a, str>,
    rest_prefix: Cow<'a, str>,
    /// Columns left beside the first and the other prefixes.
    first_available: usize,
    rest_available: usize,
}

impl<'a> LineSink<'a> {
    fn new(opts: &WrapOptions<'a>) -> Self {
        let width = opts.width.max(1);
        let first_prefix = sanitize_prefix(opts.first_prefix);
        let rest_prefix = sanitize_prefix(opts.rest_prefix);
        LineSink {
            lines: Vec::new(),
            first_available: width.saturating_sub(display_width(&first_prefix)),
            rest_available: width.saturating_sub(display_width(&rest_prefix)),
            first_prefix,
            rest_prefix,
        }
    }

    fn prefix(&self) -> &str {
        if self.lines.is_empty() {
            &self.first_prefix
        } else {
            &self.rest_prefix
        }
    }

    /// Columns left for content beside the next line's prefix (may be 0).
    fn available(&self) -> usize {
        if self.lines.is_empty() {
            self.first_available
        } else {
            self.rest_available
        }
    }

    /// Adds a line; `content` must already be free of trailing break spaces.
    fn push(&mut self, content: &str) {
        let prefix = self.prefix();
        let line = if content.is_empty() {
            prefix.trim_end().to_owned()
        } else {
            format!("{prefix}{content}")
        };
        self.lines.push(line);
    }
}

/// Replaces forced line breaks in a prefix by spaces.
fn sanitize_prefix(prefix: &str) -> Cow<'_, str> {
    if prefix.contains(is_forced_break) {
        Cow::Owned(prefix.replace(is_forced_break, " "))
    } else {
        Cow::Borrowed(prefix)
    }
}

/// The line being filled, as a byte range of the forced line, with its
/// display width including any trailing whitespace.
struct OpenLine {
    start: usize,
    end: usize,
    width: usize,
}

impl OpenLine {
    /// Opens a line with the piece `seg[start..end]`, without the piece's
    /// leading whitespace if `drop_leading_space`.
    fn open(seg: &str, start: usize, end: usize, drop_leading_space: bool) -> Self {
        let start = if drop_leading_space {
            end - trim_start_spaces(&seg[start..end]).len()
        } else {
            start
        };
        OpenLine {
            start,
            end,
            width: display_width(&seg[start..end]),
        }
    }
}

/// Greedily fills the forced line `text[range]` into `sink`.
fn wrap_forced_line(
    text: &str,
    range: Range<usize>,
    guards: &Guards,
    segmenter: LineSegmenterBorrowed<'static>,
    sink: &mut LineSink,
) {
    let offset = range.start;
    let seg = &text[range];
    let mut ends = break_opportunities(seg, offset, guards, segmenter);
    ends.push(seg.len());

    let mut line: Option<OpenLine> = None;
    let mut piece_start = 0;
    for piece_end in ends {
        let (a, b) = (piece_start, piece_end);
        piece_start = piece_end;
        let Some(open) = line.as_mut() else {
            // First piece of the forced line: keep its indentation if the
            // piece fits with it.
            let fits = display_width(trim_end_spaces(&seg[a..b])) <= sink.available();
            line = Some(OpenLine::open(seg, a, b, !fits));
            continue;
        };
        let piece = &seg[a..b];
        // Widths add up because pieces meet at grapheme boundaries where a
        // break is allowed, so no ligature or emoji sequence spans them.
        let trimmed = trim_end_spaces(piece);
        let trimmed_width = display_width(trimmed);
        if open.width + trimmed_width <= sink.available() {
            open.end = b;
            open.width += trimmed_width + display_width(&piece[trimmed.len()..]);
            continue;
        }
        let content = trim_end_spaces(&seg[open.start..open.end]);
        if !trim_start_spaces(content).is_empty() {
            sink.push(content);
        }
        // Otherwise the line held only indentation, which gives way.
        // After a soft break, the next line starts without whitespace.
        line = Some(OpenLine::open(seg, a, b, true));
    }
    let content = line.map_or("", |open| trim_end_spaces(&seg[open.start..open.end]));
    sink.push(content);
}

/// Byte offsets (relative to `seg`, strictly between 0 and `seg.len()`)
/// where `seg`, which starts at byte `offset` of the paragraph, may break.
fn break_opportunities(
    seg: &str,
    offset: usize,
    guards: &Guards,
    segmenter: LineSegmenterBorrowed<'static>,
) -> Vec<usize> {
    if seg.is_empty() {
        return Vec::new();
    }
    // In ASCII text without line breaks every character is a grapheme cluster.
    if seg.is_ascii() {
        return segmenter
            .segment_str(seg)
            .filter(|&pos| pos > 0 && pos < seg.len() && !guards.forbids(offset + pos))
            .filter(|&pos| breaks_between_words(seg, pos - 1, pos))
            .collect();
    }
    // A break only at a grapheme boundary, measured from the base of the cluster
    // before it (`script::cluster_start_before`).
    segmenter
        .segment_str(seg)
        .filter(|&pos| pos > 0 && pos < seg.len() && !guards.forbids(offset + pos))
        .filter_map(|pos| {
            let base = crate::script::cluster_start_before(seg, pos)?;
            breaks_between_words(seg, base, pos).then_some(pos)
        })
        .collect()
}

/// Whether a break at `pos` (an ICU opportunity at a grapheme boundary, the
/// grapheme before it starting at `grapheme_start`) separates words rather
/// than splitting one word of a language written with spaces.
fn breaks_between_words(seg: &str, grapheme_start: usize, pos: usize) -> bool {
    let (before, after) = seg.split_at(pos);
    if before.chars().next_back().is_some_and(is_break_space) {
        return true;
    }
    // The base character of the grapheme before, so that a combining mark
    // or variation selector after a Han character still counts as Han.
    let base_before = seg[grapheme_start..pos].chars().next();
    base_before.is_some_and(crate::script::is_spaceless)
        || after
            .chars()
            .next()
            .is_some_and(crate::script::is_spaceless)
}

#[cfg(test)]
// `&[start..end]` is how one protected range is passed.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn opts(width: usize) -> WrapOptions<'static> {
        WrapOptions {
            width,
            first_prefix: "",
            rest_prefix: "",
            keep_all: false,
        }
    }

    /// Reference greedy fill for ASCII text whose words are separated by
    /// single spaces and contain no break opportunity of their own.
    fn naive_greedy(text: &str, width: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split(' ') {
            if line.is_empty() {
                line.push_str(word);
            } else if line.len() + 1 + word.len() <= width {
                line.push(' ');
                line.push_str(word);
            } else {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
            }
        }
        lines.push(line);
        lines
    }

    /// Whether `s` is a concatenation of words from `words`.
    fn is_concatenation_of(s: &str, words: &[&str]) -> bool {
        // reachable[i]: s[..i] is a concatenation of words.
        let mut reachable = vec![false; s.len() + 1];
        reachable[0] = true;
        for i in 0..s.len() {
            if !reachable[i] {
                continue;
            }
            for w in words {
                if s[i..].starts_with(w) {
                    reachable[i + w.len()] = true;
                }
            }
        }
        reachable[s.len()]
    }

    const ENGLISH: &str = "All human beings are born free and equal in dignity and rights. \
        They are endowed with reason and conscience and should act towards one another \
        in a spirit of brotherhood. Everyone is entitled to all the rights and freedoms \
        set forth in this Declaration, without distinction of any kind.";

    #[test]
    fn english_at_72_columns() {
        let lines = wrap(ENGLISH, &[], &opts(72));
        assert_eq!(lines, naive_greedy(ENGLISH, 72));
        assert_eq!(
            lines[0],
            "All human beings are born free and equal in dignity and rights. They are"
        );
        assert!(lines.iter().all(|l| display_width(l) <= 72));
    }

    #[test]
    fn english_at_20_columns() {
        let text = "All human beings are born free and equal in dignity and rights.";
        let lines = wrap(text, &[], &opts(20));
        assert_eq!(
            lines,
            [
                "All human beings are",
                "born free and equal",
                "in dignity and",
                "rights.",
            ]
        );
        assert_eq!(wrap(ENGLISH, &[], &opts(20)), naive_greedy(ENGLISH, 20));
    }

    #[test]
    fn hyphenated_words_are_not_split() {
        let text = "the well-being of U.S.-North talks";
        for width in 1..=12 {
            let lines = wrap(text, &[], &opts(width));
            assert!(lines.iter().any(|l| l.contains("well-being")), "{lines:?}");
            assert!(lines.iter().any(|l| l.contains("U.S.-North")), "{lines:?}");
            assert!(lines.iter().all(|l| !l.ends_with('-')), "{lines:?}");
        }
        assert_eq!(
            wrap(text, &[], &opts(1)),
            ["the", "well-being", "of", "U.S.-North", "talks"]
        );
    }

    #[test]
    fn long_url_stands_alone() {
        let url = "https://example.org/reports/2014/commission-of-inquiry?lang=en&page=2";
        let text = format!("See {url} for the full report.");
        let lines = wrap(&text, &[], &opts(20));
        assert_eq!(lines, ["See", url, "for the full report."]);

        // Without spaces around it, in Japanese text.
        let text = format!("詳しくは{url}を参照。");
        let lines = wrap(&text, &[], &opts(20));
        assert!(lines.iter().any(|l| l == url), "{lines:?}");

        // www. and mailto: are found too, case-insensitively.
        for url in ["WWW.example.org/a-b/c-d", "mailto:someone@example.org"] {
            let text = format!("write to {url} now");
            assert_eq!(wrap(&text, &[], &opts(8)), ["write to", url, "now"]);
        }
    }

    #[test]
    fn urls_are_found() {
        let text = "see https://a.example/x-y?q=1, WWW.b.example and mailto:c@d.example\
                    で、http://e.example/を参照 or awww.no nor www. alone";
        let found: Vec<&str> = find_urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "https://a.example/x-y?q=1,",
                "WWW.b.example",
                "mailto:c@d.example",
                "http://e.example/",
            ]
        );
        // An IRI whose path leaves ASCII needs an explicit range.
        let text = "参见https://zh.wikipedia.org/wiki/北京大学。";
        let start = text.find("https").unwrap();
        let end = text.find('。').unwrap();
        assert_eq!(
            wrap(text, &[start..end], &opts(10)),
            ["参见", &text[start..]]
        );
        let unprotected = wrap(text, &[], &opts(10));
        assert!(
            unprotected.iter().all(|l| !l.contains(&text[start..end])),
            "{unprotected:?}"
        );
    }

    #[test]
    fn explicit_protected_range_is_kept_together() {
        let text = "read the North Korea report now";
        let start = text.find("North").unwrap();
        let end = text.find(" report").unwrap();
        let lines = wrap(text, &[start..end], &opts(8));
        assert_eq!(lines, ["read the", "North Korea", "report", "now"]);
        // Ranges that are reversed, empty, out of bounds or not on char
        // boundaries do no harm.
        let reversed = Range { start: 7, end: 3 };
        let odd = [reversed.clone(), 5..5, 1000..2000, 1..usize::MAX];
        assert_eq!(
            wrap("日本語のテキスト", &odd, &opts(4)),
            ["日本語のテキスト"]
        );
        assert_eq!(
            wrap("日本語", &[reversed, 1000..2000], &opts(4)),
            ["日本", "語"]
        );
    }

    #[test]
    fn korean_keep_all_breaks_only_at_spaces() {
        let text = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. \
                    인간은 천부적으로 이성과 양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다.";
        let words: Vec<&str> = text.split(' ').collect();
        for keep_all in [true, false] {
            for width in [6, 10, 16, 24, 40] {
                let o = WrapOptions {
                    keep_all,
                    ..opts(width)
                };
                let lines = wrap(text, &[], &o);
                let rejoined: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
                assert_eq!(rejoined, words, "width {width}: {lines:?}");
                for line in &lines {
                    assert!(
                        display_width(line) <= width || !line.contains(' '),
                        "{line:?}"
                    );
                }
            }
        }
        // KeepAll also keeps Hanja together, which the default rules break.
        let hanja = "大韓民國憲法";
        let keep = WrapOptions {
            keep_all: true,
            ..opts(4)
        };
        assert_eq!(wrap(hanja, &[], &keep), [hanja]);
        assert_eq!(wrap(hanja, &[], &opts(4)), ["大韓", "民國", "憲法"]);
    }

    const KINSOKU: &[char] = &[
        '。', '、', '，', '．', '」', '』', '）', '】', '〕', '〉', '》', '！', '？', '：', '；',
        'ー', 'っ', 'ゃ', 'ゅ', 'ょ', 'ッ', 'ャ', 'ュ', 'ョ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', '・',
        '々',
    ];

    fn assert_cjk_wrapping(text: &str) {
        for width in 2..=30 {
            let lines = wrap(text, &[], &opts(width));
            assert_eq!(lines.concat(), text, "width {width}");
            for (i, line) in lines.iter().enumerate() {
                // Wider only if it cannot break at all ("る。" at width 2).
                assert!(
                    display_width(line) <= width || wrap(line, &[], &opts(1)) == [line.as_str()],
                    "width {width}: {lines:?}"
                );
                if i > 0 {
                    let first = line.chars().next().unwrap_or(' ');
                    assert!(!KINSOKU.contains(&first), "width {width}: {lines:?}");
                }
                let last = line.chars().next_back().unwrap_or(' ');
                assert!(!"「『（【〔〈《".contains(last), "width {width}: {lines:?}");
            }
        }
    }

    #[test]
    fn chinese_breaks_between_characters_with_kinsoku() {
        let text = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，\
                    并应以兄弟关系的精神相对待。「世界人权宣言」（一九四八年）。";
        assert_cjk_wrapping(text);
        assert_eq!(
            wrap("人人生而自由，在尊严和权利上一律平等。", &[], &opts(12)),
            ["人人生而自", "由，在尊严和", "权利上一律平", "等。"]
        );
    }

    #[test]
    fn japanese_breaks_between_characters_with_kinsoku() {
        let text = "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて\
                    平等である。「北朝鮮における人権に関する調査委員会」の報告書（二〇一四年）によると、\
                    ジャーナリストはっきりとチェックした。";
        assert_cjk_wrapping(text);
        // Latin words inside Japanese text stay whole.
        let lines = wrap("日本語のテキストにEnglishとwell-beingが入る", &[], &opts(6));
        assert!(lines.contains(&"English".to_owned()), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("well-being")), "{lines:?}");
    }

    /// Thai words as the ICU dictionary knows them. Note that the dictionary
    /// splits some compounds ("สิทธิมนุษยชน" after "มนุษย"; the wrapper keeps
    /// those of `THAI_COMPOUNDS` whole), so those appear here as their parts.
    const THAI_WORDS: &[&str] = &[
        "ประเทศ",
        "เกาหลีเหนือ",
        "ละเมิด",
        "สิทธิ",
        "อย่าง",
        "ร้าย",
        "แรง",
        "และ",
        "เป็น",
        "ระบบ",
        "รัฐบาล",
        "ไทย",
        "ประกาศ",
        "นโยบาย",
        "ใหม่",
        "เกี่ยว",
        "กับ",
        "การ",
        "ศึกษา",
        "ของ",
        "เด็ก",
        "ใน",
        "ชนบท",
        "คณะ",
        "กรรมการ",
        "สหประชาชาติ",
        "รายงาน",
        "ว่า",
        "ประชาชน",
        "ถูก",
        "จับกุม",
        "โดย",
        "ไม่",
        "มี",
        "เหตุผล",
        "กรุงเทพมหานคร",
        "มหาวิทยาลัย",
        "คอมพิวเตอร์",
        "โทรศัพท์",
    ];

    #[test]
    fn thai_breaks_only_between_words() {
        let sentences: [&[&str]; 3] = [
            &[
                "คณะ",
                "กรรมการ",
                "สหประชาชาติ",
                "รายงาน",
                "ว่า",
                "ประเทศ",
                "เกาหลีเหนือ",
                "ละเมิด",
                "สิทธิ",
                "ประชาชน",
                "อย่าง",
                "ร้าย",
                "แรง",
                "และ",
                "เป็น",
                "ระบบ",
            ],
            &[
                "รัฐบาล",
                "ไทย",
                "ประกาศ",
                "นโยบาย",
                "ใหม่",
                "เกี่ยว",
                "กับ",
                "การ",
                "ศึกษา",
                "ของ",
                "เด็ก",
                "ใน",
                "ชนบท",
            ],
            &[
                "ประชาชน",
                "ถูก",
                "จับกุม",
                "โดย",
                "ไม่",
                "มี",
                "เหตุผล",
                "ใน",
                "กรุงเทพมหานคร",
            ],
        ];
        for words in sentences {
            let text = words.concat();
            // Width 1 takes every break opportunity; larger widths fill.
            for width in [1, 5, 8, 10, 12, 15, 20, 25, 30, 40] {
                let lines = wrap(&text, &[], &opts(width));
                assert_eq!(lines.concat(), text);
                assert!(lines.len() > 1 || display_width(&text) <= width);
                for line in &lines {
                    assert!(
                        is_concatenation_of(line, THAI_WORDS),
                        "width {width}: {lines:?}"
                    );
                }
            }
        }
        // Spaces between Thai phrases are break opportunities too.
        let lines = wrap("ภาษาไทย เป็นภาษา", &[], &opts(1));
        assert_eq!(lines, ["ภาษา", "ไทย", "เป็น", "ภาษา"]);
    }

    #[test]
    fn thai_compounds_are_kept_whole() {
        let text = "รายงานบันทึกการละเมิดสิทธิมนุษยชนอย่างร้ายแรง ผู้หญิงถูกส่งเข้าเรือนจำในต่างประเทศ";
        // The dictionary alone splits them.
        let pieces: Vec<usize> = line_segmenter(false).segment_str("สิทธิมนุษยชน").collect();
        assert!(pieces.len() > 2, "{pieces:?}");
        for width in 1..=45 {
            let lines = wrap(text, &[], &opts(width));
            assert_eq!(lines.join("").replace(' ', ""), text.replace(' ', ""));
            for pair in lines.windows(2) {
                let joined = format!("{}{}", pair[0], pair[1]);
                for compound in thai_compounds() {
                    for (i, _) in joined.match_indices(compound) {
                        let end = i + compound.len();
                        assert!(
                            !(i < pair[0].len() && pair[0].len() < end),
                            "width {width}: {compound} broken in {lines:?}"
                        );
                    }
                }
            }
            // Wider than the longest compound, every line keeps to the width.
            if width >= 12 {
                assert!(
                    lines.iter().all(|l| display_width(l) <= width),
                    "{width}: {lines:?}"
                );
            }
        }
        // Text without Thai is not searched.
        assert!(find_compounds("human rights").is_empty());
    }

    #[test]
    fn arabic_breaks_at_spaces() {
        let text = "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وهم قد وُهبوا عقلًا وضميرًا";
        let words: Vec<&str> = text.split(' ').collect();
        for width in [8, 12, 20, 30] {
            let lines = wrap(text, &[], &opts(width));
            let rejoined: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            assert_eq!(rejoined, words);
            assert!(lines.iter().all(|l| display_width(l) <= width), "{lines:?}");
            assert!(lines.len() > 1);
        }
    }

    #[test]
    fn hanging_indent_and_blockquote_prefixes() {
        let item = WrapOptions {
            width: 24,
            first_prefix: "  1. ",
            rest_prefix: "     ",
            keep_all: false,
        };
        let text = "All human beings are born free and equal in dignity and rights.";
        assert_eq!(
            wrap(text, &[], &item),
            [
                "  1. All human beings",
                "     are born free and",
                "     equal in dignity",
                "     and rights.",
            ]
        );
        let quote = WrapOptions {
            width: 20,
            first_prefix: "> ",
            rest_prefix: "> ",
            keep_all: false,
        };
        assert_eq!(
            wrap(
                "They are endowed with reason.\n\nAnd conscience.",
                &[],
                &quote
            ),
            [
                "> They are endowed",
                "> with reason.",
                ">",
                "> And conscience."
            ]
        );
        assert_eq!(wrap("", &[], &quote), [">"]);
        assert_eq!(wrap("", &[], &opts(10)), [""]);
        assert_eq!(wrap("   ", &[], &item), ["  1."]);
        // A prefix wider than the width leaves one piece per line.
        let wide = WrapOptions {
            width: 3,
            ..quote.clone()
        };
        assert_eq!(wrap("a b", &[], &wide), ["> a", "> b"]);
        // A prefix holding a line break cannot smuggle it into a line.
        let odd = WrapOptions {
            first_prefix: ">\n",
            ..quote
        };
        assert_eq!(wrap("a", &[], &odd), ["> a"]);
    }

    #[test]
    fn graphemes_and_emoji_are_never_split() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        let text = format!("日本{family}家族🇯🇵👍🏽か\u{3099}き\u{3099}e\u{301}\u{302}漢\u{E0100}字");
        for width in 1..=6 {
            let lines = wrap(&text, &[], &opts(width));
            assert_eq!(lines.concat(), text);
            assert!(lines.iter().any(|l| l.contains(family)), "{lines:?}");
            assert!(lines.iter().any(|l| l.contains("🇯🇵")), "{lines:?}");
            for line in &lines {
                let first = line.chars().next().unwrap_or('x');
                assert!(
                    !matches!(
                        first,
                        '\u{200D}' | '\u{3099}' | '\u{301}' | '\u{302}' | '\u{E0100}' | '🏽'
                    ),
                    "width {width}: {lines:?}"
                );
            }
        }
        let lines = wrap("cafe\u{301} na\u{308}ive", &[], &opts(1));
        assert_eq!(lines, ["cafe\u{301}", "na\u{308}ive"]);
    }

    #[test]
    fn forced_breaks() {
        assert_eq!(wrap("one two\nthree", &[], &opts(80)), ["one two", "three"]);
        assert_eq!(
            wrap("one\r\ntwo\rthree", &[], &opts(80)),
            ["one", "two", "three"]
        );
        assert_eq!(wrap("a\n\nb\n", &[], &opts(80)), ["a", "", "b", ""]);
        assert_eq!(
            wrap("one two  \n  three", &[], &opts(7)),
            ["one two", "  three"]
        );
        // Indentation that does not fit gives way.
        assert_eq!(
            wrap("one two  \n  three", &[], &opts(5)),
            ["one", "two", "three"]
        );
        assert_eq!(wrap("\n", &[], &opts(1)), ["", ""]);
        // A forced break wins over a protected range.
        assert_eq!(wrap("ab\ncd", &[0..5], &opts(80)), ["ab", "cd"]);
    }

    #[test]
    fn whitespace_at_breaks_is_dropped() {
        assert_eq!(
            wrap("  lead  word   next  ", &[], &opts(12)),
            ["  lead  word", "next"]
        );
        assert_eq!(
            wrap("  lead  word   next  ", &[], &opts(11)),
            ["  lead", "word   next"]
        );
        assert_eq!(
            wrap("a \u{200B}b\u{200B} c", &[], &opts(1)),
            ["a", "b", "c"]
        );
        assert_eq!(wrap("  indented-word", &[], &opts(8)), ["indented-word"]);
        // UAX #14 allows no break between the spaces and ")" (LB13).
        assert_eq!(wrap("  )word", &[], &opts(6)), [")word"]);
        assert_eq!(wrap("  )word", &[], &opts(7)), ["  )word"]);
        assert_eq!(wrap("日本\u{3000}語", &[], &opts(4)), ["日本", "語"]);
        assert_eq!(wrap("tiny words", &[], &opts(0)), ["tiny", "words"]);
    }

    // ---- property tests -------------------------------------------------

    #[derive(Debug, Clone, Copy)]
    enum Script {
        Latin,
        Hangul,
        Han,
        Kana,
        Arabic,
        Thai,
    }

    fn word(script: Script) -> BoxedStrategy<String> {
        match script {
            Script::Latin => "[a-zA-Z]{1,9}(-[a-z]{1,6})?[.,;:!?)]?".boxed(),
            Script::Hangul => "[가-힣]{1,7}[.,]?".boxed(),
            Script::Han => "[\u{4E00}-\u{9FA5}]{1,6}[。、，」）]?".boxed(),
            // Small kana and ー may not start a line (strict rules), so a
            // word starts with a kana that may.
            Script::Kana => "「?[あいうえおかきくけこさしすせそなにぬねのアイウエオカキクケコタチツテト][ぁ-ゖァ-ヺー]{0,7}[。、」]?"
                .boxed(),
            Script::Arabic => "[\u{0621}-\u{063A}\u{0641}-\u{064A}][\u{0621}-\u{064A}\u{064B}-\u{0652}]{0,9}".boxed(),
            Script::Thai => proptest::sample::select(THAI_WORDS)
                .prop_map(str::to_owned)
                .boxed(),
        }
    }

    /// What goes between two words: a space in scripts written with spaces,
    /// mostly nothing in the others; now and then a forced break.
    fn separator(script: Script) -> BoxedStrategy<&'static str> {
        let joiners: &'static [&'static str] = match script {
            Script::Latin | Script::Hangul | Script::Arabic => &[" ", " ", " ", "  ", " ", "\n"],
            Script::Han | Script::Kana => &["", "", "", "", " ", "\n"],
            Script::Thai => &["", "", "", " ", "\n"],
        };
        proptest::sample::select(joiners).boxed()
    }

    const ALL_SCRIPTS: &[Script] = &[
        Script::Latin,
        Script::Hangul,
        Script::Han,
        Script::Kana,
        Script::Arabic,
        Script::Thai,
    ];

    /// Scripts written with spaces between words.
    const SPACED_SCRIPTS: &[Script] = &[Script::Latin, Script::Hangul, Script::Arabic];

    /// Text of one of `scripts`, or (one case in four) of several mixed.
    fn paragraph(scripts: &'static [Script]) -> impl Strategy<Value = String> {
        let chunk = |s: Script| (word(s), separator(s));
        let script = || proptest::sample::select(scripts);
        let mixed = prop::collection::vec(script().prop_flat_map(chunk), 0..40);
        let single = script().prop_flat_map(move |s| prop::collection::vec(chunk(s), 0..40));
        prop_oneof![3 => single, 1 => mixed].prop_map(|chunks| {
            chunks
                .into_iter()
                .flat_map(|(w, sep)| [w, sep.to_owned()])
                .collect()
        })
    }

    fn prefixes() -> impl Strategy<Value = (&'static str, &'static str)> {
        proptest::sample::select(&[("", ""), ("  1. ", "     "), ("> ", "> "), ("- ", "  ")][..])
    }

    /// Splits a line produced by `wrap` into its prefix and its content.
    fn split_prefix<'l>(line: &'l str, prefix: &str) -> (&'l str, &'l str) {
        if let Some(content) = line.strip_prefix(prefix) {
            (&line[..prefix.len()], content)
        } else {
            assert_eq!(line, prefix.trim_end(), "line lacks its prefix");
            (line, "")
        }
    }

    /// The unbreakable pieces of `text`, without the whitespace around them.
    fn pieces(text: &str, keep_all: bool) -> Vec<&str> {
        let guards = Guards::new(text, &[]);
        let mut pieces = Vec::new();
        for range in forced_lines(text) {
            let seg = &text[range.clone()];
            let mut start = 0;
            let mut ends = break_opportunities(seg, range.start, &guards, line_segmenter(keep_all));
            ends.push(seg.len());
            for end in ends {
                pieces.push(trim_start_spaces(trim_end_spaces(&seg[start..end])));
                start = end;
            }
        }
        pieces
    }

    fn is_han(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    /// Checks the three properties, plus the prefixes and the absence of
    /// line breaks inside lines. `words_start_with_letters`: no word of
    /// `text` starts with punctuation, so a space before a letter is always
    /// a break opportunity.
    fn check_properties(
        text: &str,
        opts: &WrapOptions,
        words_start_with_letters: bool,
    ) -> Result<(), TestCaseError> {
        let lines = wrap(text, &[], opts);
        let width = opts.width.max(1);
        let pieces = pieces(text, opts.keep_all);
        let mut contents = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            prop_assert!(!line.contains(is_forced_break), "line break in {line:?}");
            let prefix = if i == 0 {
                opts.first_prefix
            } else {
                opts.rest_prefix
            };
            let (_, content) = split_prefix(line, prefix);
            contents.push(content);

            // (3) No line ends with whitespace.
            prop_assert!(!line.ends_with(is_break_space), "trailing space: {line:?}");

            // (1) Too wide only if prefix plus one unbreakable token.
            if display_width(line) > width {
                prop_assert!(
                    pieces.contains(&content),
                    "overlong line {:?} is not one unbreakable piece of {:?}",
                    line,
                    pieces
                );
                if words_start_with_letters {
                    // Independently of the code under test: UAX #14 allows
                    // a break between a space and a letter (LB18), and between
                    // two Han ideographs (LB31) unless KeepAll.
                    let chars: Vec<char> = content.chars().collect();
                    prop_assert!(
                        !chars
                            .windows(2)
                            .any(|p| is_break_space(p[0]) && p[1].is_alphanumeric()),
                        "overlong line {:?} in {:?}",
                        line,
                        lines
                    );
                    prop_assert!(
                        opts.keep_all || !chars.windows(2).any(|p| is_han(p[0]) && is_han(p[1])),
                        "overlong line {:?} could break between Han characters",
                        line
                    );
                }
            }
        }
        // (2) The non-whitespace characters survive, in order.
        let kept: String = contents
            .concat()
            .chars()
            .filter(|&c| !is_break_space(c))
            .collect();
        let given: String = text.chars().filter(|&c| !is_break_space(c)).collect();
        prop_assert_eq!(kept, given);
        Ok(())
    }

    proptest! {
        // Failures print the minimal input; no regression file is written
        // next to the sources.
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn wrapping_properties_hold(
            text in paragraph(ALL_SCRIPTS),
            width in 10usize..80,
            (first_prefix, rest_prefix) in prefixes(),
            keep_all in any::<bool>(),
        ) {
            let o = WrapOptions { width, first_prefix, rest_prefix, keep_all };
            check_properties(&text, &o, true)?;
        }

        /// In scripts written with spaces, lines break between words only.
        #[test]
        fn words_of_spaced_scripts_stay_whole(
            text in paragraph(SPACED_SCRIPTS),
            width in 10usize..80,
            (first_prefix, rest_prefix) in prefixes(),
            keep_all in any::<bool>(),
        ) {
            let o = WrapOptions { width, first_prefix, rest_prefix, keep_all };
            let lines = wrap(&text, &[], &o);
            let words: Vec<&str> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| split_prefix(l, if i == 0 { first_prefix } else { rest_prefix }).1)
                .flat_map(str::split_whitespace)
                .collect();
            prop_assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }

        #[test]
        fn any_text_and_ranges_are_safe(
            text in "\\PC{0,60}|[ a-z\n\u{200B}\u{3000}\u{A0}、。「」日本]{0,40}",
            width in 0usize..12,
            ranges in prop::collection::vec((0usize..80, 0usize..80), 0..4),
            keep_all in any::<bool>(),
        ) {
            let protected: Vec<Range<usize>> = ranges.into_iter().map(|(a, b)| a..b).collect();
            let o = WrapOptions { width, first_prefix: "> ", rest_prefix: "  ", keep_all };
            let lines = wrap(&text, &protected, &o);
            prop_assert!(!lines.is_empty());
            check_properties(&text, &o, false)?;
        }
    }
}
