//! Every conversion of text into an identifier is made here and nowhere else, so that
//! the rules for each stay in one place and the flavours cannot drift into one another
//! by accident.
//!
//! - **Anchors** ([`anchor`]) are read by people: they show in the address bar and in
//!   shared links (`…/page.html#북한-인권`). They keep the letters and digits of any
//!   script, lowercased, so a Korean heading gets a Korean anchor. They come from the
//!   source text only, so every edition of a page has the same anchors.
//!
//! [`unique`] gives an identifier the first free `-2`, `-3` … suffix; anchors and
//! message ids both use it.
//!
//! This module knows nothing of Markdown or Fluent: callers pass plain text.

/// A heading anchor from its text: lowercase letters and digits of any script, words
/// joined by `-` (so a Korean heading keeps a Korean anchor). Apostrophes and full
/// stops vanish (`U.S.` → `us`, `It's` → `its`); every other run of characters that are
/// not letters or digits becomes one `-`. Text with no letter or digit is `section`.
pub fn anchor(text: &str) -> String {
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
pub fn unique(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unused suffix exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #[test]
        fn anchors_are_nonempty_lowercase_words(text in "[a-zA-Z0-9 .'’!?\\-_é한ب人\u{301}]{0,40}") {
            let a = anchor(&text);
            prop_assert!(!a.is_empty());
            prop_assert!(!a.starts_with('-') && !a.ends_with('-') && !a.contains("--"), "{}", a);
            prop_assert!(a.chars().all(|c| c == '-' || (c.is_alphanumeric() && !c.is_uppercase())), "{}", a);
        }

    }
}
