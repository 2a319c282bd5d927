//! Every conversion of text into an identifier: heading anchors, message ids and
//! footnote ids are made here and nowhere else, so that the rules for each stay in one
//! place and the flavours cannot drift into one another by accident.
//!
//! There are three flavours, because each identifier has a different reader:
//!
//! - **Anchors** ([`anchor`]) are read by people: they show in the address bar and in
//!   shared links (`…/page.html#북한-인권`). They keep the letters and digits of any
//!   script, lowercased, so a Korean heading gets a Korean anchor. They come from the
//!   source text only, so every edition of a page has the same anchors.
//! - **Message ids** ([`ascii_words`], [`join_limited`]) are typed by translators in
//!   `.ftl` files and must be Fluent identifiers (`[a-zA-Z][a-zA-Z0-9_-]*`). So they are
//!   ASCII: other scripts are transliterated with `deunicode` (`über` → `uber`,
//!   `인권` → `ingweon`), and they are cut to a few words so they stay typeable.
//!   (`ids::derive_id` chooses the words and makes the id start with a letter.)
//! - **Footnote ids** ([`footnote_id`]) are never typed or shown: they only have to be
//!   distinct for distinct labels. Letters, digits and `-` stay as they are; any other
//!   character is spelled as its code point (`_20_`), so `[^a b]` and `[^a-b]` never
//!   share an id. Each reference to a footnote has its own id ([`footnote_ref_id`]:
//!   `fnref-1`, then `fnref-1-2` …), so a note referred to twice has two links back.
//!
//! [`unique`] gives an identifier the first free `-2`, `-3` … suffix; anchors, message
//! ids and footnote references use it.
//!
//! Nothing here parses Markdown or Fluent: callers pass plain text.

/// A heading anchor from its text: lowercase letters and digits of any script, words
/// joined by `-` (so a Korean heading keeps a Korean anchor). Apostrophes and full
/// stops vanish (`U.S.` → `us`, `It's` → `its`); every other run of characters that are
/// not letters or digits becomes one `-`. Text with no letter or digit is `section`.
pub(crate) fn anchor(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') && !matches!(c, '\'' | '’' | '.') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// `wanted`, or `wanted-2`, `wanted-3` … whichever is not `taken` yet.
pub(crate) fn unique(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unused suffix exists")
}

/// Lowercase ASCII words of `text`, transliterated (`über` → `uber`, `인권` → `ingweon`,
/// `Права` → `prava`, `人权` → `ren quan`); whitespace, `-`, `/` and `_` separate words,
/// other characters are dropped.
pub(crate) fn ascii_words(text: &str) -> Vec<String> {
    let text = deunicode::deunicode(text);
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == '_')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The first `max_words` of `words` joined by `-`, stopping before the word that would
/// make the result longer than `max_len` bytes; a first word longer than that is cut.
/// `words` are ASCII (from [`ascii_words`]).
pub(crate) fn join_limited(words: &[String], max_words: usize, max_len: usize) -> String {
    let mut out = String::new();
    for word in words.iter().take(max_words) {
        if !out.is_empty() && out.len() + 1 + word.len() > max_len {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        let mut end = word.len().min(max_len);
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&word[..end]);
    }
    out
}

/// The id of every page's main content: the skip link's target.
pub(crate) const MAIN_ID: &str = "main";

/// The id of the heading of a page's footnotes.
pub(crate) const FOOTNOTES_HEADING_ID: &str = "footnotes-heading";

/// The id of a footnote with this label, in the list of notes: `fn-<id>`.
pub(crate) fn footnote_note_id(label: &str) -> String {
    format!("fn-{}", footnote_id(label))
}

/// A footnote label as an id: letters, digits and `-` as they are (lowercase), any other
/// character as `_<hex>_`, so that different labels never share an id (`[^a b]` is
/// `a_20_b`, `[^a-b]` is `a-b`). Labels match as CommonMark matches them: case-folded,
/// inner whitespace as one space.
pub(crate) fn footnote_id(label: &str) -> String {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut id = String::with_capacity(label.len());
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            id.push_str(&format!("_{:x}_", c as u32));
        }
    }
    id
}

/// The id of a reference to a footnote whose id is `id` ([`footnote_id`]): the first is
/// `fnref-<id>`, the `n`-th after it `fnref-<id>-<n>`, or the first free suffix of that
/// ([`unique`]) when it is `taken` (by another footnote's reference: `[^1-2]`'s first is
/// `fnref-1-2` too). The caller passes every id already given on the page, the first
/// references of all footnotes included, so no two references share one.
pub(crate) fn footnote_ref_id(id: &str, n: usize, taken: impl Fn(&str) -> bool) -> String {
    if n <= 1 {
        format!("fnref-{id}")
    } else {
        unique(&format!("fnref-{id}-{n}"), taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<String> {
        ascii_words(text)
    }

    #[test]
    fn footnote_references_get_distinct_ids() {
        let mut taken: Vec<String> = ["1", "1-2"].iter().map(|l| format!("fnref-{l}")).collect();
        let mut next = |id: &str, n: usize| {
            let got = footnote_ref_id(id, n, |c| taken.iter().any(|t| t == c));
            if n > 1 {
                taken.push(got.clone());
            }
            got
        };
        assert_eq!(next("1", 1), "fnref-1");
        // The label `1-2` has the plain second id: the second reference to `1` takes the next.
        assert_eq!(next("1", 2), "fnref-1-2-2");
        assert_eq!(next("1-2", 2), "fnref-1-2-2-2");
        assert_eq!(next("1", 3), "fnref-1-3");
        assert_eq!(next("a", 2), "fnref-a-2");
    }

    #[test]
    fn anchors() {
        assert_eq!(
            anchor("U.S. Efforts on North Korean Human Rights Issues"),
            "us-efforts-on-north-korean-human-rights-issues"
        );
        assert_eq!(anchor("북한 인권"), "북한-인권");
        assert_eq!(anchor("!!!"), "section");
        assert_eq!(anchor("It's the author’s “quote”"), "its-the-authors-quote");
        assert_eq!(
            anchor("  -- Leading and trailing --  "),
            "leading-and-trailing"
        );
        assert_eq!(anchor("123 numbers first"), "123-numbers-first");
    }

    #[test]
    fn anchors_of_nothing_are_section() {
        assert_eq!(anchor(""), "section");
        assert_eq!(anchor("   "), "section");
        assert_eq!(anchor("!?… — ..."), "section");
        assert_eq!(anchor("'’."), "section");
    }

    #[test]
    fn anchors_keep_every_script() {
        assert_eq!(
            anchor("Права человека — 人权 mixed 123"),
            "права-человека-人权-mixed-123"
        );
        assert_eq!(anchor("العربية"), "العربية");
        assert_eq!(anchor("ภาษาไทย"), "ภาษาไทย");
        assert_eq!(anchor("Über Straße"), "über-straße");
        // Lowercasing may change the length: `İ` is `i` and a combining dot, which is
        // not a letter and so separates.
        assert_eq!(anchor("İstanbul"), "i-stanbul");
    }

    #[test]
    fn unique_suffixes() {
        let taken = |list: &[&str]| {
            let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            move |c: &str| list.iter().any(|t| t == c)
        };
        assert_eq!(unique("a", taken(&[])), "a");
        assert_eq!(unique("a", taken(&["b"])), "a");
        assert_eq!(unique("a", taken(&["a"])), "a-2");
        assert_eq!(unique("a", taken(&["a", "a-2"])), "a-3");
        // A gap is filled: the first free suffix, not one past the highest.
        assert_eq!(unique("a", taken(&["a", "a-3"])), "a-2");
        // `a-2` wanted for itself is no suffix of `a`.
        assert_eq!(unique("a-2", taken(&["a", "a-2"])), "a-2-2");
        assert_eq!(unique("", taken(&[""])), "-2");
    }

    #[test]
    fn unique_repeated_gives_a_run_of_suffixes() {
        let mut taken: Vec<String> = Vec::new();
        for _ in 0..5 {
            let id = unique("section", |c| taken.iter().any(|t| t == c));
            taken.push(id);
        }
        assert_eq!(
            taken,
            [
                "section",
                "section-2",
                "section-3",
                "section-4",
                "section-5"
            ]
        );
    }

    #[test]
    fn ascii_words_transliterate() {
        assert_eq!(words("Über uns"), ["uber", "uns"]);
        assert_eq!(words("북한 인권"), ["bughan", "ingweon"]);
        assert_eq!(words("Права человека"), ["prava", "cheloveka"]);
        assert_eq!(words("人权"), ["ren", "quan"]);
        assert_eq!(
            words("U.S. don't-stop/now_here"),
            ["us", "dont", "stop", "now", "here"]
        );
        assert_eq!(
            words("Mixed 북한 and Права 123"),
            ["mixed", "bughan", "and", "prava", "123"]
        );
    }

    #[test]
    fn ascii_words_of_nothing() {
        assert!(words("").is_empty());
        assert!(words("  \t\n ").is_empty());
        assert!(words("!!! ... ?? -- // __").is_empty());
    }

    #[test]
    fn join_limits_words_and_length() {
        let w = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_limited(&w(&[]), 3, 20), "");
        assert_eq!(join_limited(&w(&["a", "b", "c", "d"]), 3, 20), "a-b-c");
        // Stops before the word that would pass the length, even if a later one fits.
        assert_eq!(join_limited(&w(&["ab", "cdefgh", "i"]), 5, 6), "ab");
        // A first word longer than the limit is cut to it.
        assert_eq!(join_limited(&w(&["abcdefghij", "k"]), 5, 4), "abcd");
        assert_eq!(join_limited(&w(&["abc", "de"]), 5, 6), "abc-de");
        assert_eq!(join_limited(&w(&["abc"]), 0, 6), "");
    }

    #[test]
    fn footnote_ids_never_collide() {
        assert_eq!(footnote_id("a b"), "a_20_b");
        assert_eq!(footnote_id("a-b"), "a-b");
        assert_eq!(footnote_id("a_b"), "a_5f_b");
        assert_eq!(footnote_id("A  \t B"), "a_20_b");
        assert_eq!(footnote_id("Ünïcode label!"), "ünïcode_20_label_21_");
        assert_eq!(footnote_id("북한"), "북한");
        assert_eq!(footnote_id(""), "");
        assert_eq!(footnote_id("!"), "_21_");
    }

    proptest! {
        #[test]
        fn anchors_are_nonempty_lowercase_words(text in "[a-zA-Z0-9 .'’!?\\-_é한ب人\u{301}]{0,40}") {
            let a = anchor(&text);
            prop_assert!(!a.is_empty());
            prop_assert!(!a.starts_with('-') && !a.ends_with('-') && !a.contains("--"), "{}", a);
            prop_assert!(a.chars().all(|c| c == '-' || (c.is_alphanumeric() && !c.is_uppercase())), "{}", a);
        }

        #[test]
        fn message_words_are_ascii(text in "\\PC{0,40}") {
            for w in ascii_words(&text) {
                prop_assert!(!w.is_empty());
                prop_assert!(w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{}", w);
            }
            let joined = join_limited(&ascii_words(&text), 4, 28);
            prop_assert!(joined.len() <= 28);
        }

        #[test]
        fn distinct_labels_distinct_footnote_ids(a in "[a-c _\\-!]{0,6}", b in "[a-c _\\-!]{0,6}") {
            let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            prop_assert_eq!(footnote_id(&a) == footnote_id(&b), norm(&a) == norm(&b));
        }
    }
}
