//! One inline HTML tag as written (`<span lang="en">`, `</span>`, `<br/>`), read from
//! an inline HTML token of the parse: what the translation checks judge and what the
//! plain-text edition reads a `<br>` from.

/// One HTML tag as written: `<span lang="en">`, `</span>`, `<br/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// Lowercase.
    pub name: String,
    pub closing: bool,
    /// (lowercase name, value as written without its quotes).
    pub attributes: Vec<(String, Option<&'a str>)>,
}

/// Reads `token` (one inline HTML token, as pulldown-cmark gives it) as a start or end
/// tag; `None` for anything else (a comment, a declaration, a malformed tag).
pub fn parse_tag(token: &str) -> Option<Tag<'_>> {
    let mut rest = token.strip_prefix('<')?.strip_suffix('>')?;
    let closing = rest.starts_with('/');
    if closing {
        rest = &rest[1..];
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    rest = &rest[name_len..];
    let mut attributes = Vec::new();
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let spaced = trimmed.len() < rest.len();
        rest = trimmed;
        if rest.is_empty() || (rest == "/" && !closing) {
            break;
        }
        if !spaced || closing {
            return None;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '>' | '/' | '='))
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        let attribute = rest[..len].to_ascii_lowercase();
        rest = &rest[len..];
        let after_name = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let value = if let Some(after) = after_name.strip_prefix('=') {
            let after = after.trim_start_matches([' ', '\t', '\n', '\r']);
            let (value, remainder) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let end = after[1..].find(quote)? + 1;
                    (&after[1..end], &after[end + 1..])
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace() || "\"'=<>`".contains(c))
                        .unwrap_or(after.len());
                    if end == 0 {
                        return None;
                    }
                    (&after[..end], &after[end..])
                }
            };
            rest = remainder;
            Some(value)
        } else {
            None
        };
        attributes.push((attribute, value));
    }
    Some(Tag {
        name,
        closing,
        attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_written() {
        let tag = parse_tag("<SPAN lang=\"en\"  dir='rtl'>").unwrap();
        assert_eq!(tag.name, "span");
        assert_eq!(
            tag.attributes,
            [
                ("lang".to_string(), Some("en")),
                ("dir".to_string(), Some("rtl"))
            ]
        );
        assert!(parse_tag("</bdi >").unwrap().closing);
        assert!(parse_tag("<br/>").is_some());
        assert!(parse_tag("<abbr title=WHO>").is_some());
        for not_a_tag in [
            "<!-- x -->",
            "<?php ?>",
            "<span lang=\"en>",
            "<1>",
            "</span x>",
        ] {
            assert_eq!(parse_tag(not_a_tag), None, "{not_a_tag}");
        }
    }
}
