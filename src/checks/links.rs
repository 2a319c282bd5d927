//! Links between pages and to files in `content/`: whether each target exists, so that
//! lint reports a broken link (`broken-link`) or a missing file (`missing-file`) in the
//! source and in every translation that carries it.

use crate::diagnostic::Rule;
use crate::markdown::{self, Block, InlineKind};
pub(crate) use crate::page::{BrokenTarget, SiteIndex};
use std::collections::BTreeSet;

/// Every link and image target of the page that does not exist.
pub(crate) fn broken_targets(page: &crate::page::Page, index: &SiteIndex) -> Vec<BrokenTarget> {
    let mut out = Vec::new();
    for seg in &page.segments {
        markdown::visit(&seg.inlines, &mut |inline| {
            let (dest, image) = match &inline.kind {
                InlineKind::Link { dest, .. } => (dest, false),
                InlineKind::Image { dest, .. } => (dest, true),
                _ => return,
            };
            if let Some(t) = check(&page.slug, dest, image, index) {
                out.push(BrokenTarget {
                    segment: Some(seg.id.clone()),
                    offset: inline.span.start,
                    ..t
                });
            }
        });
    }
    let mut images = Vec::new();
    image_blocks(&page.doc.blocks, &mut images);
    for note in &page.doc.footnotes {
        image_blocks(&note.blocks, &mut images);
    }
    for (dest, offset) in images {
        if let Some(t) = check(&page.slug, dest, true, index) {
            out.push(BrokenTarget { offset, ..t });
        }
    }
    out
}

fn image_blocks<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, usize)>) {
    crate::markdown::visit_blocks(blocks, &mut |block| {
        if let Block::Image { dest, span, .. } = block {
            out.push((dest, span.start));
        }
    });
}

const LINK_HELP: &str =
    "link to an existing page relative to this one (`page.md`, `../folder/page.md#heading-id`)";
const FILE_HELP: &str = "put the file in `content/` (beside the page, or in a folder) or correct the path, which is relative to the page's folder";

/// Whether `dest` (a link or image target of the page `slug`) leads somewhere.
pub(crate) fn check(
    slug: &str,
    dest: &str,
    image: bool,
    index: &SiteIndex,
) -> Option<BrokenTarget> {
    let broken = |rule: Rule, message: String| {
        Some(BrokenTarget {
            segment: None,
            offset: 0,
            dest: dest.to_string(),
            rule,
            message,
            help: if rule == Rule::BrokenLink {
                LINK_HELP
            } else {
                FILE_HELP
            },
        })
    };
    let (resolved, fragment) = match target(slug, dest) {
        Target::Elsewhere => return None,
        Target::RootRelative { page: false } => return None,
        Target::RootRelative { page: true } => {
            // A root-relative URL may name something else on the server; a page never.
            return broken(
                Rule::BrokenLink,
                format!(
                    "the root-relative link `{dest}` is published as it is and leads nowhere in the editions"
                ),
            );
        }
        Target::OutOfContent => {
            return broken(
                Rule::BrokenLink,
                format!("the link `{dest}` leads out of `content/`"),
            );
        }
        Target::Path { resolved, fragment } => (resolved, fragment),
    };
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    if let Some(target) = resolved.strip_suffix(".md") {
        let Some(anchors) = index.anchors.get(target) else {
            return broken(
                Rule::BrokenLink,
                format!(
                    "the link `{dest}` points to a page that does not exist (`content/{resolved}`)"
                ),
            );
        };
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            let fragment = percent_decode(fragment);
            if !anchors.contains(fragment.as_str()) {
                return broken(
                    Rule::BrokenLink,
                    format!(
                        "the link `{dest}` points to `#{fragment}`, which `content/{resolved}` has no heading for"
                    ),
                );
            }
        }
        return None;
    }
    // A folder (`./`, `../`, `guide/`): the server decides what it shows.
    let folder = format!("{resolved}/");
    if path.ends_with('/')
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last == "." || last == "..")
        || resolved.is_empty()
        || index.anchors.keys().any(|slug| slug.starts_with(&folder))
    {
        return None;
    }
    let files = index.files.as_ref()?;
    if !files.contains(&resolved) && !files.iter().any(|f| f.starts_with(&folder)) {
        let what = if image { "image" } else { "file" };
        return broken(
            Rule::MissingFile,
            format!("the {what} `{dest}` is not in `content/` (`content/{resolved}`)"),
        );
    }
    None
}

/// What a link or image target of a page names.
enum Target<'d> {
    /// Another site, a scheme (`mailto:`), or nothing.
    Elsewhere,
    /// `/…`: published as it is; `page` when it names a Markdown file.
    RootRelative { page: bool },
    /// A relative path that climbs out of `content/`.
    OutOfContent,
    /// A path under `content/` (`<slug>.md` for a page), and the fragment.
    Path {
        resolved: String,
        fragment: Option<&'d str>,
    },
}

/// What `dest`, a target written in the page `slug`, names.
fn target<'d>(slug: &str, dest: &'d str) -> Target<'d> {
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return Target::Elsewhere;
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => {
            let (path, rest) = dest.split_at(i);
            (path, rest.split_once('#').map(|(_, f)| f))
        }
        None => (dest, None),
    };
    if dest.starts_with('/') {
        return Target::RootRelative {
            page: path.ends_with(".md"),
        };
    }
    let resolved = if path.is_empty() {
        Some(slug.to_string() + ".md")
    } else {
        resolve(slug, &percent_decode(path))
    };
    match resolved {
        Some(resolved) => Target::Path { resolved, fragment },
        None => Target::OutOfContent,
    }
}

/// The slugs of the pages that the page's links and images name (whether they exist
/// or not; the page's own when it links to its own headings): the pages whose
/// headings its link checks depend on.
pub(crate) fn linked_pages(page: &crate::page::Page) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for seg in &page.segments {
        markdown::visit(&seg.inlines, &mut |inline| {
            if let InlineKind::Link { dest, .. } | InlineKind::Image { dest, .. } = &inline.kind
                && let Target::Path { resolved, .. } = target(&page.slug, dest)
                && let Some(slug) = resolved.strip_suffix(".md")
            {
                out.insert(slug.to_string());
            }
        });
    }
    out
}

fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && !scheme.contains(['/', '?', '#'])
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => false,
    }
}

/// `path` relative to the folder of the page `slug`, as a path under `content/`
/// (`None` when it climbs out).
fn resolve(slug: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = slug.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `%XX` escapes decoded (the text as it is when they do not make UTF-8).
fn percent_decode(text: &str) -> String {
    match percent_encoding::percent_decode_str(text).decode_utf8() {
        Ok(decoded) => decoded.into_owned(),
        Err(_) => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SiteIndex {
        let guide =
            markdown::parse_page("# Guide\n\n## Next steps\n\nA note.[^n]\n\n[^n]: The note.\n");
        let owls = markdown::parse_page("# Owls\n");
        SiteIndex::new(
            [("guide/intro", &guide), ("owls", &owls)].into_iter(),
            Some(["owl.png".to_string(), "guide/map.svg".to_string()].into()),
        )
    }

    #[test]
    fn targets() {
        let ix = index();
        let rule = |slug: &str, dest: &str| check(slug, dest, false, &ix).map(|t| t.rule);
        assert_eq!(rule("owls", "guide/intro.md#next-steps"), None);
        assert_eq!(rule("guide/intro", "../owls.md"), None);
        assert_eq!(rule("guide/intro", "./map.svg"), None);
        assert_eq!(rule("owls", "owl.png"), None);
        assert_eq!(rule("owls", "https://example.org/x.md"), None);
        assert_eq!(rule("owls", "mailto:a@b.c"), None);
        assert_eq!(rule("owls", "#owls"), None);
        // The renderer's own ids: the main content always, a footnote's when it has one.
        assert_eq!(rule("owls", "#main"), None);
        assert_eq!(rule("owls", "#fn-1"), Some(Rule::BrokenLink));
        assert_eq!(rule("guide/intro", "#fn-n"), None);
        assert_eq!(rule("guide/intro", "#fnref-n"), None);
        assert_eq!(rule("guide/intro", "#footnotes-heading"), None);
        assert_eq!(rule("owls", "nothere.md"), Some(Rule::BrokenLink));
        assert_eq!(rule("owls", "/owls.md"), Some(Rule::BrokenLink));
        assert_eq!(rule("owls", "guide/intro.md#nope"), Some(Rule::BrokenLink));
        assert_eq!(rule("owls", "#nope"), Some(Rule::BrokenLink));
        assert_eq!(rule("owls", "../../x.md"), Some(Rule::BrokenLink));
        assert_eq!(rule("owls", "missing.png"), Some(Rule::MissingFile));
        assert_eq!(rule("owls", "./"), None);
        assert_eq!(rule("guide/intro", "../"), None);
        assert_eq!(rule("guide/intro", ".."), None);
        assert_eq!(rule("owls", "guide"), None);
        assert_eq!(rule("owls", "guide/"), None);
        assert_eq!(rule("guide/intro", "owl.png"), Some(Rule::MissingFile));
        let unknown = SiteIndex {
            files: None,
            ..index()
        };
        assert_eq!(check("owls", "missing.png", true, &unknown), None);
    }
}
