//! Bidirectional control characters in untrusted text, balanced: an embedding,
//! override or isolate a translation opens is closed at the end of the string (or of
//! its line), and a stray closer is dropped, so a translated name in the language menu
//! cannot reverse the text that follows it.

use std::borrow::Cow;

const PDF: char = '\u{202C}';
const PDI: char = '\u{2069}';

fn is_embedding(c: char) -> bool {
    matches!(c, '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}')
}

fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}' | '\u{2067}' | '\u{2068}')
}

fn is_control(c: char) -> bool {
    is_embedding(c) || is_isolate(c) || c == PDF || c == PDI
}

fn closer(opener: char) -> char {
    if is_isolate(opener) { PDI } else { PDF }
}

/// `text` with every bidi embedding, override and isolate closed, and stray closers removed.
pub fn balance(text: &str) -> Cow<'_, str> {
    // Every bidi control is encoded E2 80 xx or E2 81 xx: most text has no such byte.
    if !text.as_bytes().contains(&0xE2) || !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut open: Vec<char> = Vec::new();
    let close_all = |open: &mut Vec<char>, out: &mut String| {
        while let Some(o) = open.pop() {
            out.push(closer(o));
        }
    };
    for c in text.chars() {
        if is_embedding(c) || is_isolate(c) {
            open.push(c);
            out.push(c);
        } else if c == PDF {
            // Closes the innermost embedding, but never across an isolate.
            if open.last().is_some_and(|o| is_embedding(*o)) {
                open.pop();
                out.push(c);
            }
        } else if c == PDI {
            // Closes the innermost isolate and the embeddings opened inside it.
            if let Some(pos) = open.iter().rposition(|o| is_isolate(*o)) {
                while open.len() > pos + 1 {
                    open.pop();
                    out.push(PDF);
                }
                open.pop();
                out.push(c);
            }
        } else if matches!(c, '\n' | '\r' | '\u{2029}' | '\u{85}' | '\u{1C}'..='\u{1E}') {
            // A paragraph separator ends every embedding anyway; make it explicit.
            close_all(&mut open, &mut out);
            out.push(c);
        } else {
            out.push(c);
        }
    }
    close_all(&mut open, &mut out);
    Cow::Owned(out)
}

/// True when every opener in `text` is closed in order (a test helper, and an invariant).
pub fn is_balanced(text: &str) -> bool {
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        if is_embedding(c) || is_isolate(c) {
            open.push(c);
        } else if c == PDF || c == PDI {
            match open.pop() {
                Some(o) if closer(o) == c => {}
                _ => return false,
            }
        } else if c == '\n' && !open.is_empty() {
            return false;
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn closes_what_is_opened_and_drops_strays() {
        assert_eq!(balance("plain"), "plain");
        assert_eq!(balance("\u{202E}evil"), "\u{202E}evil\u{202C}");
        assert_eq!(balance("a\u{202C}b\u{2069}c"), "abc");
        assert_eq!(
            balance("\u{2067}x\u{202B}y\u{2069}z"),
            "\u{2067}x\u{202B}y\u{202C}\u{2069}z"
        );
        assert_eq!(balance("\u{202E}a\nb"), "\u{202E}a\u{202C}\nb");
    }

    proptest! {
        #[test]
        fn any_text_comes_out_balanced(s in "[a\u{202A}-\u{202E}\u{2066}-\u{2069}b\n]{0,40}") {
            let out = balance(&s);
            prop_assert!(is_balanced(&out), "{:?} -> {:?}", s, out);
            let strip = |t: &str| t.chars().filter(|c| !is_control(*c)).collect::<String>();
            prop_assert_eq!(strip(&out), strip(&s));
        }
    }
}
