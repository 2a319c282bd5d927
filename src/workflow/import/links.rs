//! A translator's link targets brought back to the source's, where they mean the same
//! place: in fluentpress every edition keeps the source's heading ids and maps a page
//! link to its own language, so the source's target is the right one. A translated
//! target becomes the source's when the two differ only
//! - by a trailing slash, `http` for `https`, or a `www.` prefix (`/donate/` for
//!   `/donate`);
//! - by the language prefix of the imported locale on a path of the site itself
//!   (`/ko/about/` for `/about/`, and under `base_url`), never on another site's (its
//!   `/fr/` page is another page);
//! - in a fragment naming a translated heading (`#تطبيق-مدونة-السلوك`) that the
//!   alignment placed on the source heading the source's fragment names, on this page
//!   or another ([`SiteHeadings`]).
//!
//! Each is taken only when exactly one of the source segment's targets not already
//! matched fits; every other changed target stays as the translator wrote it, and lint
//! reports it (`link-mismatch`).

use crate::locale::Locale;
use crate::markdown::{self, Block, Document, Fragment, Inline, InlineKind};
use crate::project::{Page, Segment};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

/// A heading of a translated file, keyed by [`anchor_key`] of its text and of its id,
/// with the id of the source heading the alignment placed it on.
pub(super) type HeadingPairs = Vec<(String, String)>;

/// Every translated heading of the import, keyed by [`anchor_key`], with the source
/// heading ids it was placed on (more than one when two pages' translations share a
/// heading).
#[derive(Debug, Default)]
pub(super) struct SiteHeadings(BTreeMap<String, BTreeSet<String>>);

impl SiteHeadings {
    pub(super) fn add(&mut self, pairs: &HeadingPairs) {
        for (key, anchor) in pairs {
            self.0
                .entry(key.clone())
                .or_default()
                .insert(anchor.clone());
        }
    }

    /// Whether the translated fragment `fragment` names a heading placed on `anchor`.
    fn places(&self, fragment: &str, anchor: &str) -> bool {
        self.0
            .get(&anchor_key(fragment))
            .is_some_and(|anchors| anchors.contains(anchor))
    }
}

/// What a fragment and a heading are compared by, whatever generator made the id:
/// percent-decoded, lowercase, letters and digits only (`Root certificates`,
/// `root-certificates` and `#Root_Certificates` are one key).
fn anchor_key(text: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    decoded
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The ids of a document's headings by segment index.
fn heading_anchors(blocks: &[Block]) -> HashMap<usize, &str> {
    let mut out = HashMap::new();
    markdown::visit_blocks(blocks, &mut |block| {
        if let Block::Heading {
            anchor, segment, ..
        } = block
        {
            out.insert(*segment, anchor.as_str());
        }
    });
    out
}

/// The translated file's headings that the alignment placed one to one on a source
/// heading: their keys (of the text and of the id the file's own generator would
/// give), with the source heading's id. `pairs` are (translated segment, page segment)
/// placed one to one.
pub(super) fn heading_pairs(
    page: &Page,
    translated: &Document,
    pairs: impl Iterator<Item = (usize, usize)>,
) -> HeadingPairs {
    let source = heading_anchors(&page.doc.blocks);
    let target = heading_anchors(&translated.blocks);
    let mut out = Vec::new();
    for (t, s) in pairs {
        let (Some(theirs), Some(ours)) = (target.get(&t), source.get(&s)) else {
            continue;
        };
        let text = markdown::plain_text(&translated.segments[t].inlines);
        for key in [anchor_key(&text), anchor_key(theirs)] {
            if !key.is_empty() {
                out.push((key, ours.to_string()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The link and image targets of an inline tree: (is an image, destination, the
/// inline's span).
fn targets(inlines: &[Inline]) -> Vec<(bool, &str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    markdown::visit(inlines, &mut |inline| match &inline.kind {
        InlineKind::Link { dest, .. } => out.push((false, dest.as_str(), inline.span.clone())),
        InlineKind::Image { dest, .. } => out.push((true, dest.as_str(), inline.span.clone())),
        _ => {}
    });
    out
}

/// The imported language, and the site it is imported into: what a language prefix on
/// a link is.
pub(super) struct Language<'a> {
    pub(super) locale: &'a Locale,
    /// The site's own host (`//example.org`, from `base_url`), where a path's language
    /// prefix is the imported language's edition too.
    pub(super) own_host: Option<String>,
}

impl<'a> Language<'a> {
    pub(super) fn new(locale: &'a Locale, base_url: Option<&str>) -> Language<'a> {
        let own_host = base_url.map(|url| {
            let (host, _) = loose_with(url, None, None);
            host.split('/').take(3).collect::<Vec<_>>().join("/")
        });
        Language { locale, own_host }
    }

    /// What the alignment knows a translated link by: [`place_key`], and without the
    /// language prefix.
    pub(super) fn place_key(&self, url: &str) -> String {
        loose(url, self).0
    }
}

/// What a translated target is compared with the source's by.
pub(super) struct Places<'a> {
    pub(super) language: &'a Language<'a>,
    pub(super) headings: &'a SiteHeadings,
}

/// `url` without what does not change where it leads: the scheme of a web address, a
/// `www.` prefix, a trailing slash, and the imported language's prefix of a path of the
/// site itself; its fragment apart.
fn loose<'u>(url: &'u str, language: &Language<'_>) -> (String, &'u str) {
    loose_with(url, Some(language.locale), language.own_host.as_deref())
}

fn loose_with<'u>(
    url: &'u str,
    locale: Option<&Locale>,
    own_host: Option<&str>,
) -> (String, &'u str) {
    let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
    let (rest, query) = match rest.find('?') {
        Some(q) => (&rest[..q], &rest[q..]),
        None => (rest, ""),
    };
    let (host, mut path) = match rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
    {
        Some(web) => {
            let web = web.strip_prefix("www.").unwrap_or(web);
            match web.find('/') {
                Some(slash) => (
                    format!("//{}", web[..slash].to_ascii_lowercase()),
                    &web[slash..],
                ),
                None => (format!("//{}", web.to_ascii_lowercase()), ""),
            }
        }
        None => (String::new(), rest),
    };
    let own = host.is_empty() || own_host == Some(host.as_str());
    if let Some(locale) = locale.filter(|_| own && path.starts_with('/')) {
        // The first part of the path names the language as the old site spelled it
        // (`/ko/`, `/zh-cn/` for zh-Hans, `/pt-br/`): a tag of the same language.
        let first = path[1..].split('/').next().unwrap_or("");
        let same_language =
            Locale::parse(first).is_ok_and(|l| l.langid.language == locale.langid.language);
        if same_language {
            path = &path[1 + first.len()..];
        }
    }
    let path = path.trim_end_matches('/');
    (format!("{host}{path}{query}"), fragment)
}

/// What the alignment knows a source link by: where it leads, without its fragment, the
/// scheme of a web address, `www.` and a trailing slash.
pub(super) fn place_key(url: &str) -> String {
    loose_with(url, None, None).0
}

/// Whether the translated target `theirs` leads where the source's `ours` does.
fn same_place(theirs: &str, ours: &str, places: &Places<'_>) -> bool {
    let ((their_path, their_fragment), (our_path, our_fragment)) =
        (loose(theirs, places.language), loose(ours, places.language));
    their_path == our_path
        && (their_fragment == our_fragment
            || (!our_fragment.is_empty() && places.headings.places(their_fragment, our_fragment)))
}

/// Where in `text` the destination of the link or image spanning `span` is written
/// (`[…](here "title")`), if it is written there (not in a reference definition).
fn written_destination(
    text: &str,
    span: &std::ops::Range<usize>,
    dest: &str,
) -> Option<std::ops::Range<usize>> {
    let inline = text.get(span.clone())?;
    let mut from = 0;
    while let Some(at) = inline[from..].find("](") {
        let open = from + at + 2;
        let after = &inline[open..];
        let skipped = after.len() - after.trim_start().len();
        let after = &after[skipped..];
        let bracketed = usize::from(after.starts_with('<'));
        // The whole destination: what follows it ends it (`)`, `>`, a title's space).
        let ends = |rest: &str| rest.is_empty() || rest.starts_with([')', '>', ' ', '\t', '\n']);
        if after[bracketed..].strip_prefix(dest).is_some_and(ends) {
            let start = span.start + open + skipped + bracketed;
            return Some(start..start + dest.len());
        }
        from = open;
    }
    None
}

/// The edits that write each link and image target of `text` (a translation of `seg`,
/// parsed as `fragment`) that leads where a source target does as the source's: the
/// range of the destination as written, and the source's. The source's targets it
/// already has are matched first, as lint compares them (kind and destination, as a
/// multiset).
pub(super) fn source_targets<'s>(
    seg: &'s Segment,
    text: &str,
    fragment: &Fragment,
    places: &Places<'_>,
) -> Vec<(Range<usize>, &'s str)> {
    if seg.kind.is_plain_text() {
        return Vec::new();
    }
    let theirs = targets(&fragment.inlines);
    let mut ours: Vec<(bool, &str)> = targets(&seg.inlines)
        .into_iter()
        .map(|(image, dest, _)| (image, dest))
        .collect();
    let mut unmatched = Vec::new();
    for target in &theirs {
        match ours.iter().position(|o| *o == (target.0, target.1)) {
            Some(i) => {
                ours.swap_remove(i);
            }
            None => unmatched.push(target),
        }
    }
    let mut edits = Vec::new();
    for (image, dest, span) in unmatched {
        let fits: BTreeSet<&str> = ours
            .iter()
            .filter(|(kind, our)| kind == image && same_place(dest, our, places))
            .map(|(_, our)| *our)
            .collect();
        let [only] = fits.into_iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let Some(range) = written_destination(text, span, dest) else {
            continue;
        };
        if let Some(i) = ours.iter().position(|o| *o == (*image, only)) {
            ours.swap_remove(i);
        }
        edits.push((range, only));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ko() -> Locale {
        Locale::parse("ko").unwrap()
    }

    fn places<'a>(language: &'a Language<'a>, headings: &'a SiteHeadings) -> Places<'a> {
        Places { language, headings }
    }

    #[test]
    fn what_does_not_change_the_place() {
        let (none, ko) = (SiteHeadings::default(), ko());
        let language = Language::new(&ko, Some("https://www.example.org/"));
        let places = places(&language, &none);
        let same = |a: &str, b: &str| same_place(a, b, &places);
        assert!(same("/donate/", "/donate"));
        assert!(same("http://www.example.org/a/", "https://example.org/a"));
        assert!(same("https://Example.org", "https://example.org/"));
        assert!(same("/ko/about/", "/about/"));
        assert!(same("/ko", "/"));
        assert!(same("/KO-kr/about", "/about/"));
        assert!(same(
            "https://example.org/ko/about/",
            "https://example.org/about/"
        ));
        assert!(same("../contact/#form", "../contact#form"));
        for (a, b) in [
            ("/donate/now", "/donate"),
            ("/korea/", "/"),
            ("/ja/about/", "/about/"),
            ("/kor/about/", "/about/"),
            ("https://evil.example/a", "https://example.org/a"),
            ("/about/?a=1", "/about/?a=2"),
            ("#other", "#form"),
            ("ftp://example.org/a", "https://example.org/a"),
            ("../ko/about/", "../about/"),
            // Another site's language edition is another page.
            ("https://www.unhcr.org/ko/", "https://www.unhcr.org/"),
        ] {
            assert!(!same(a, b), "{a} vs {b}");
        }
    }

    #[test]
    fn translated_fragments_through_the_headings() {
        let mut headings = SiteHeadings::default();
        headings.add(&vec![(
            anchor_key("تطبيق مدونة السلوك"),
            "enforcement".to_string(),
        )]);
        let ko = ko();
        let language = Language::new(&ko, None);
        let places = places(&language, &headings);
        let encoded = "%D8%AA%D8%B7%D8%A8%D9%8A%D9%82-%D9%85%D8%AF%D9%88%D9%86%D8%A9-%D8%A7%D9%84%D8%B3%D9%84%D9%88%D9%83";
        for fragment in ["تطبيق-مدونة-السلوك", encoded] {
            let theirs = format!("../code-of-conduct/#{fragment}");
            assert!(same_place(
                &theirs,
                "../code-of-conduct/#enforcement",
                &places
            ));
            assert!(!same_place(&theirs, "../code-of-conduct/#scope", &places));
            assert!(!same_place(&theirs, "../privacy/#enforcement", &places));
        }
        assert_eq!(
            anchor_key("Root_Certificates"),
            anchor_key("root-certificates")
        );
    }

    #[test]
    fn destinations_are_found_where_written() {
        let text = "see [a](/x/ \"t\") and ![b](</y>)";
        let a = text.find('[').unwrap()..text.find(')').unwrap() + 1;
        assert_eq!(written_destination(text, &a, "/x/"), Some(8..11));
        let b = text.find('!').unwrap()..text.len();
        let at = written_destination(text, &b, "/y").unwrap();
        assert_eq!(&text[at.start - 1..at.end + 1], "</y>");
        assert_eq!(written_destination("[a][ref]", &(0..8), "/x"), None);
        // Not the start of another destination (an image's inside the link).
        let nested = "[![i](/ab)](/a)";
        assert_eq!(
            written_destination(nested, &(0..nested.len()), "/a"),
            Some(12..14)
        );
    }
}
