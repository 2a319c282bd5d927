//! The inline HTML a translator may write in any translation, whether or not its source
//! has it: the elements that mark a part's language or direction (`<span>`, `<bdi>` and
//! `<bdo>` with `lang` and `dir`: WCAG 3.1.2, parts in another language), an
//! abbreviation's expansion (`<abbr title>`) and line-break hints (`<br>`, `<wbr>`).
//! Each `lang` must be a BCP 47 tag and each `dir` `ltr`, `rtl` or `auto`; the elements
//! a translator adds must nest. Any other tag a translation adds is `raw-html`. Allowed
//! tags still reach the page only through the authors' sanitiser.

use crate::locale::Locale;
use crate::markdown::Tag;

/// What a translation may do with one tag it adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// An element the translator may add, and whether it is a container (must be closed).
    Allowed { container: bool },
    /// Not one of the translator's elements, or not with these attributes: why.
    Refused(String),
}

/// The attributes each element a translator may add can carry.
fn allowed_attributes(element: &str) -> Option<&'static [&'static str]> {
    match element {
        "span" | "bdi" | "bdo" => Some(&["lang", "dir"]),
        "abbr" => Some(&["title", "lang", "dir"]),
        "br" | "wbr" => Some(&[]),
        _ => None,
    }
}

/// Judges a tag a translation adds (one its source segment does not have).
pub(crate) fn judge(tag: &Tag<'_>) -> Verdict {
    let refused = |why: String| Verdict::Refused(why);
    let Some(allowed) = allowed_attributes(&tag.name) else {
        return refused(format!(
            "`<{}>` is not an element a translation may add",
            tag.name
        ));
    };
    let void = matches!(tag.name.as_str(), "br" | "wbr");
    if void && tag.closing {
        return refused(format!(
            "`</{}>` closes nothing: `<{}>` has no end tag",
            tag.name, tag.name
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (attribute, value) in &tag.attributes {
        if !allowed.contains(&attribute.as_str()) {
            return refused(format!(
                "`{attribute}` is not an attribute a translation may give `<{}>`",
                tag.name
            ));
        }
        if seen.contains(&attribute.as_str()) {
            return refused(format!("`<{}>` has `{attribute}` twice", tag.name));
        }
        seen.push(attribute);
        if let Some(why) = value_problem(&tag.name, attribute, value.unwrap_or("")) {
            return refused(why);
        }
    }
    if tag.name == "bdo" && !tag.closing && !seen.contains(&"dir") {
        return refused("`<bdo>` needs its `dir` (`ltr` or `rtl`)".into());
    }
    Verdict::Allowed { container: !void }
}

/// What is wrong with an attribute's value, if anything: a `lang` must be a BCP 47 tag,
/// a `dir` a direction (`<bdo>` overrides to one: `ltr` or `rtl`, not `auto`).
fn value_problem(element: &str, attribute: &str, value: &str) -> Option<String> {
    match attribute {
        "lang" => Locale::parse(value)
            .err()
            .map(|bad| format!("its `lang`: {bad}")),
        "dir" => {
            let directions: &[&str] = if element == "bdo" {
                &["ltr", "rtl"]
            } else {
                &["ltr", "rtl", "auto"]
            };
            (!directions.contains(&value.to_ascii_lowercase().as_str())).then(|| {
                format!(
                    "its `dir` is `{value}`; the direction of a `<{element}>` is `{}`",
                    directions.join("`, `")
                )
            })
        }
        _ => None,
    }
}

/// Checks that the container tags a translation adds nest: each end tag closes the
/// innermost open one of its name, and every one opened is closed. `tags` are (index,
/// tag) in text order; the answer is the index of the first that does not nest, and why.
pub(crate) fn first_unnested(tags: &[(usize, Tag<'_>)]) -> Option<(usize, String)> {
    let mut open: Vec<(usize, &str)> = Vec::new();
    for (index, tag) in tags {
        if !tag.closing {
            open.push((*index, &tag.name));
            continue;
        }
        match open.pop() {
            Some((_, name)) if name == tag.name => {}
            Some((_, name)) => {
                return Some((*index, format!("`</{}>` closes `<{name}>`", tag.name)));
            }
            None => return Some((*index, format!("`</{}>` closes nothing", tag.name))),
        }
    }
    open.first()
        .map(|(index, name)| (*index, format!("`<{name}>` is never closed")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse_tag;

    fn verdict(token: &str) -> Verdict {
        judge(&parse_tag(token).unwrap_or_else(|| panic!("{token} is a tag")))
    }

    #[test]
    fn the_elements_translators_need_and_nothing_else() {
        for ok in [
            "<span lang=\"en\">",
            "<span dir=\"rtl\">",
            "<bdi>",
            "<bdo dir=\"ltr\">",
            "<abbr title=\"World Health Organization\">",
            "<abbr lang=\"en\" title=\"x\">",
            "<br>",
            "<br />",
            "<wbr>",
            "</span>",
            "<span lang=\"zh-Hant\" dir=\"AUTO\">",
        ] {
            assert!(matches!(verdict(ok), Verdict::Allowed { .. }), "{ok}");
        }
        for refused in [
            "<b>",
            "<a href=\"https://example.org\">",
            "<span onclick=\"x()\">",
            "<span style=\"color:red\">",
            "<span class=\"x\">",
            "<span lang=\"en_US\">",
            "<span lang=\"\">",
            "<span lang=\"english\">",
            "<span dir=\"up\">",
            "<span lang=\"en\" lang=\"fr\">",
            "<bdo>",
            "<bdo dir=\"auto\">",
            "<br title=\"x\">",
            "</br>",
            "<img src=x>",
        ] {
            assert!(matches!(verdict(refused), Verdict::Refused(_)), "{refused}");
        }
        let Verdict::Refused(why) = verdict("<span lang=\"pt_BR\">") else {
            unreachable!()
        };
        assert!(why.contains("did you mean `pt-BR`"), "{why}");
    }

    #[test]
    fn added_containers_must_nest() {
        let tags = |tokens: &[&'static str]| -> Vec<(usize, Tag<'static>)> {
            tokens
                .iter()
                .enumerate()
                .map(|(i, t)| (i, parse_tag(t).unwrap()))
                .collect()
        };
        assert_eq!(
            first_unnested(&tags(&["<span lang=\"en\">", "<bdi>", "</bdi>", "</span>"])),
            None
        );
        assert_eq!(first_unnested(&tags(&["<span>", "</bdi>"])).unwrap().0, 1);
        assert_eq!(first_unnested(&tags(&["</span>"])).unwrap().0, 0);
        assert_eq!(
            first_unnested(&tags(&["<bdi>", "<span>", "</span>"]))
                .unwrap()
                .0,
            0
        );
    }
}
