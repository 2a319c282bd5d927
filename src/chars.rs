//! Characters that are not text: the controls other than tab and line feed (C0, DEL,
//! C1: ESC, BEL, NUL, CR …) and Unicode's noncharacters (U+FDD0–U+FDEF and the last two
//! code points of every plane, U+FFFE, U+FFFF, U+1FFFE …). A translation holding one is
//! refused (`invalid-character`); whatever still carries one (an author's text, a
//! diagnostic quoting a file) is made harmless where it is written: the HTML and text
//! editions put U+FFFD in its place ([`replace`]), the terminal and GitHub formats spell
//! it out as `\u{1b}` ([`escape`]), so no page shows an invisible character and no
//! terminal runs an escape sequence.

use std::borrow::Cow;

/// A control other than tab and line feed, or a noncharacter.
pub fn is_forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => true,
        c => (c as u32) & 0xfffe == 0xfffe,
    }
}

/// Whether `b` may begin a forbidden character in UTF-8: an ASCII control, or the lead
/// byte of C1 (`C2`), of U+FDD0…U+FFFF (`EF`) or of the other planes (`F0`…`F4`). These
/// are never continuation bytes, so where one is found a character starts.
fn may_start(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') | (b == 0x7f) | (b == 0xc2) | (b == 0xef) | (b >= 0xf0)
}

/// The first byte of `bytes` that [`may_start`] a forbidden character. Blocks of 32 bytes
/// are tested whole, without an early exit (which lets the compiler use vector
/// instructions), and only a block with a candidate is searched byte by byte: pages are
/// scanned whole, and most of their bytes are no candidate.
fn next_candidate(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(32);
    let mut base = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |hit, &b| hit | may_start(b)) {
            return block.iter().position(|&b| may_start(b)).map(|i| base + i);
        }
        base += 32;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| may_start(b))
        .map(|i| base + i)
}

/// Whether the character at the start of `bytes` (which [`may_start`] one) is forbidden,
/// judged from its bytes: C1 is `C2 80`…`C2 9F`, U+FDD0…U+FDEF `EF B7 90`…`EF B7 AF`,
/// U+FFFE and U+FFFF `EF BF BE`/`BF`, and the last two of the other planes `F? ?F BF BE`/
/// `BF` (the second byte's low bits are the code point's bits 12–15). So the common
/// candidates (a no-break space `C2 A0`, fullwidth punctuation `EF BC 8C`, emoji) are
/// passed over without decoding them.
fn forbidden_at(bytes: &[u8]) -> bool {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    match byte(0) {
        0xc2 => (0x80..=0x9f).contains(&byte(1)),
        0xef => match byte(1) {
            0xb7 => (0x90..=0xaf).contains(&byte(2)),
            0xbf => matches!(byte(2), 0xbe | 0xbf),
            _ => false,
        },
        0xf0..=0xf4 => byte(1) & 0x0f == 0x0f && byte(2) == 0xbf && matches!(byte(3), 0xbe | 0xbf),
        _ => true,
    }
}

/// The first forbidden character of `text` and its byte offset. Linear, and text
/// without a candidate lead byte (most of it) is not decoded at all.
pub fn find_forbidden(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(skip) = next_candidate(&bytes[i..]) {
        let at = i + skip;
        if forbidden_at(&bytes[at..]) {
            return text[at..].chars().next().map(|c| (at, c));
        }
        // Past the lead byte: its continuation bytes are never candidates.
        i = at + 1;
    }
    None
}

/// A forbidden character as a message names it: `U+001B`.
pub fn describe(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn map(text: &str, each: impl Fn(char, &mut String)) -> Cow<'_, str> {
    let Some((first, _)) = find_forbidden(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some((at, c)) = find_forbidden(rest) {
        out.push_str(&rest[..at]);
        each(c, &mut out);
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `text` with each forbidden character replaced by U+FFFD (what a browser shows for a
/// character it cannot use): for the HTML and text editions.
pub fn replace(text: &str) -> Cow<'_, str> {
    map(text, |_, out| out.push('\u{fffd}'))
}

/// [`replace`] for a string that is given away: no copy when nothing is replaced.
pub fn replace_owned(text: String) -> String {
    match replace(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(replaced) => replaced,
    }
}

/// `text` with each forbidden character written out as Rust writes it (`\u{1b}`): for a
/// terminal, a CI log, anything a person reads in a console.
pub fn escape(text: &str) -> Cow<'_, str> {
    map(text, |c, out| {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_text() {
        for c in [
            '\0',
            '\u{7}',
            '\u{8}',
            '\u{b}',
            '\u{c}',
            '\r',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            '\t',
            '\n',
            ' ',
            'a',
            '\u{a0}',
            'é',
            '\u{200b}',
            '\u{202e}',
            '\u{fdcf}',
            '\u{fdf0}',
            '\u{fffd}',
            '\u{feff}',
            '한',
            '\u{1f600}',
            '\u{1fffd}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_test() {
        // Every BMP character, the last sixteen of every other plane, and some others.
        let plane_ends = (1..=16u32).flat_map(|p| (p << 16) + 0xfff0..=(p << 16) + 0xffff);
        let others = plane_ends.chain(0x1f000..0x20000).chain(0xe0000..0xe0100);
        for c in ('\0'..='\u{ffff}').chain(others.filter_map(char::from_u32)) {
            let text = format!("ab{c}cd");
            let want = is_forbidden(c).then_some((2, c));
            assert_eq!(find_forbidden(&text), want, "{c:?}");
        }
    }

    #[test]
    fn replaced_and_escaped() {
        assert_eq!(replace("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            replace("a\u{1b}[31mb\u{7}c\r\n"),
            "a\u{fffd}[31mb\u{fffd}c\u{fffd}\n"
        );
        assert_eq!(
            escape("a\u{1b}]0;x\u{7}\tb\u{fffe}"),
            "a\\u{1b}]0;x\\u{7}\tb\\u{fffe}"
        );
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(describe('\u{1b}'), "U+001B");
    }
}
