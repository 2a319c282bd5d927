//! Did-you-mean: the known name closest to a misspelt one. One measure for every place
//! that names what was probably meant — settings keys, front matter keys, lint rule
//! codes, message ids — so the hints agree on what counts as a likely typo.

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_word_and_a_stranger_finds_none() {
        let known = ["title", "description", "weight", "draft"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("descripton", &known), Some("description"));
        assert_eq!(closest("layout", &known), None);
    }
}
