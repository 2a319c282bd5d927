//! Checks of one translated segment against its source segment: what the build refuses
//! (raw HTML, other link targets) and what it only warns about (markup, numbers,
//! untranslated text, link text that says nothing).

use super::inline_html::{self, Verdict};
use crate::diagnostic::Rule;
use crate::locale::Locale;
use crate::markdown::{self, Fragment, FragmentContext, Inline, InlineKind};
use crate::page::Segment;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A finding about a translation; the caller knows where the translation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Check {
    pub rule: Rule,
    pub message: String,
    pub help: Option<String>,
}

fn finding(rule: Rule, message: String, help: &str) -> Check {
    Check {
        rule,
        message,
        help: (!help.is_empty()).then(|| help.to_string()),
    }
}

/// All findings about `translated` (the formatted text, parsed as `fragment`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_translation(
    seg: &Segment,
    translated: &str,
    fragment: &Fragment,
    context: FragmentContext<'_>,
    locale: &Locale,
    source_locale: &Locale,
    allow_untranslated: bool,
    localizable: &[crate::url::LinkPattern],
) -> Vec<Check> {
    let mut out = Vec::new();
    if let Some((at, c)) = crate::chars::find_forbidden(translated) {
        let (line, column) = crate::source::LineIndex::new(translated).line_col(translated, at);
        out.push(finding(
            Rule::InvalidCharacter,
            format!(
                "the translation of `{}` holds the control or noncharacter {} (its line {line}, column {column}); it is shown as the source text",
                seg.id,
                crate::chars::describe(c)
            ),
            "delete the character: a translation is text, with tabs and line breaks at most",
        ));
    }
    if let Some((span, why)) = markup_problem(seg, translated, fragment, context) {
        let sample: String = translated
            .get(span.start..)
            .unwrap_or("")
            .chars()
            .take(30)
            .collect();
        let why = why.map(|w| format!(": {w}")).unwrap_or_default();
        out.push(finding(
            Rule::RawHtml,
            format!("the translation of `{}` contains HTML (`{}`…){why}; it is shown as the source text", seg.id, sample.trim_end()),
            if seg.kind.is_plain_text() {
                "a title or description is plain text: no HTML tags; write < and & as they are"
            } else {
                "use Markdown (*emphasis*, **strong**, `code`, [text](the source's URL)); the HTML a translation may add is <span>, <bdi> and <bdo> with lang and dir, <abbr title>, <br> and <wbr>"
            },
        ));
    }
    if !seg.kind.is_plain_text() {
        let mut want = targets(&seg.inlines);
        let mut got = targets(&fragment.inlines);
        // Targets the site lets translators localize (`[links] localizable`) may differ,
        // as long as as many of them remain, of each kind: a link is replaced by a link
        // and an image by an image, none added or dropped.
        if !localizable.is_empty() {
            let is_local = |t: &(Target, &str)| crate::url::is_localizable(localizable, t.1);
            for kind in [Target::Link, Target::Image] {
                let of_kind = |t: &(Target, &str)| t.0 == kind && is_local(t);
                if want.iter().filter(|t| of_kind(t)).count()
                    == got.iter().filter(|t| of_kind(t)).count()
                {
                    want.retain(|t| !of_kind(t));
                    got.retain(|t| !of_kind(t));
                }
            }
        }
        want.sort_unstable();
        got.sort_unstable();
        if want != got {
            let missing = difference(&want, &got);
            let extra = difference(&got, &want);
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!("missing {}", described(&missing)));
            }
            if !extra.is_empty() {
                parts.push(format!("not in the source {}", described(&extra)));
            }
            out.push(finding(
                Rule::LinkMismatch,
                format!("the links of `{}` differ from the source ({}); the source text is shown instead", seg.id, parts.join("; ")),
                "keep each [link text](URL) and ![image](URL) of the source with exactly its URL (a link stays a link, an image an image); translate only the text in brackets",
            ));
        }
        let (s, t) = (
            markup_counts(&seg.inlines),
            markup_counts(&fragment.inlines),
        );
        if s != t {
            out.push(finding(
                Rule::MarkupMismatch,
                format!("the markup of `{}` differs from the source: {}", seg.id, s.describe_difference(&t)),
                "keep code spans exactly, and as many *emphasis*, **strong** and links as the source has",
            ));
        }
    }
    let source_numbers = seg.numbers.iter().cloned();
    // Without a number in the source there is nothing to miss.
    let mut translated_numbers = if seg.numbers.is_empty() {
        Vec::new()
    } else {
        crate::numbers::numbers(&markdown::plain_text(&fragment.inlines))
    };
    let mut missing = Vec::new();
    for n in source_numbers {
        match translated_numbers.iter().position(|t| *t == n) {
            Some(i) => {
                translated_numbers.swap_remove(i);
            }
            None => missing.push(n),
        }
    }
    if !missing.is_empty() {
        out.push(finding(
            Rule::NumberMismatch,
            format!("the translation of `{}` lacks the number{} {} of the source", seg.id, if missing.len() == 1 { "" } else { "s" }, missing.join(", ")),
            "write every number of the source with digits (grouping separators may follow the language's convention)",
        ));
    }
    let same_language = locale.langid.language == source_locale.langid.language;
    if !same_language
        && !allow_untranslated
        && translated.trim() == seg.text.trim()
        && seg.needs_translation
    {
        out.push(finding(
            Rule::Untranslated,
            format!("the translation of `{}` is identical to the source text", seg.id),
            "translate it; if it is right as it is (a name), add the comment line `# fluentpress: allow untranslated` above the message",
        ));
    }
    for text in link_texts(&fragment.inlines) {
        if is_generic_link_text(&text) {
            out.push(finding(
                Rule::GenericLinkText,
                format!(
                    "the link text \"{text}\" in `{}` says nothing out of context",
                    seg.id
                ),
                "name the destination in the link text, as the source does",
            ));
        }
    }
    markdown::visit(&fragment.inlines, &mut |inline| {
        if let InlineKind::Image { alt, .. } = &inline.kind
            && markdown::plain_text(alt).trim().is_empty()
        {
            out.push(finding(
                Rule::MissingAlt,
                format!(
                    "an image in the translation of `{}` has no alt text",
                    seg.id
                ),
                "translate the image's description between ![ and ]",
            ));
        }
    });
    out
}

/// The first HTML tag (or reference to a character that is not text) a translation may
/// not hold, and why when there is more to say than "HTML". A translation may repeat
/// the inline tags of its source segment (with their attributes, as written), counted
/// as a multiset, and a segment that is not plain text may add the elements
/// [`inline_html`] allows, nested. All are rendered through the authors' sanitiser.
fn markup_problem(
    seg: &Segment,
    translated: &str,
    fragment: &Fragment,
    context: FragmentContext<'_>,
) -> Option<(std::ops::Range<usize>, Option<String>)> {
    if fragment.raw_html.is_empty() {
        return None;
    }
    let mut allowed: Vec<&str> = Vec::new();
    let source;
    if !seg.kind.is_plain_text() {
        source = markdown::parse_fragment(&seg.text, context);
        allowed = source
            .raw_html
            .iter()
            .filter_map(|r| seg.text.get(r.clone()))
            .collect();
    }
    let mut added = Vec::new();
    for (index, span) in fragment.raw_html.iter().enumerate() {
        let token = translated.get(span.clone()).unwrap_or("");
        if let Some(i) = allowed.iter().position(|a| *a == token) {
            allowed.swap_remove(i);
            continue;
        }
        if token.starts_with('&') {
            let why = "it stands for a control character or a noncharacter".to_string();
            return Some((span.clone(), Some(why)));
        }
        let tag = markdown::parse_tag(token).filter(|_| !seg.kind.is_plain_text());
        match tag.as_ref().map(inline_html::judge) {
            None => return Some((span.clone(), None)),
            Some(Verdict::Refused(why)) => return Some((span.clone(), Some(why))),
            Some(Verdict::Allowed { container }) => {
                if let (true, Some(tag)) = (container, tag) {
                    added.push((index, tag));
                }
            }
        }
    }
    inline_html::first_unnested(&added)
        .map(|(index, why)| (fragment.raw_html[index].clone(), Some(why)))
}

/// What a target is the target of: a link is followed only when a reader chooses it,
/// an image is fetched by every reader's browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Link,
    Image,
}

/// Every link and image target of an inline tree, with its kind, in order.
fn targets(inlines: &[Inline]) -> Vec<(Target, &str)> {
    let mut out = Vec::new();
    markdown::visit(inlines, &mut |inline| match &inline.kind {
        InlineKind::Link { dest, .. } => out.push((Target::Link, dest.as_str())),
        InlineKind::Image { dest, .. } => out.push((Target::Image, dest.as_str())),
        _ => {}
    });
    out
}

fn described(items: &[(Target, &str)]) -> String {
    items
        .iter()
        .map(|(kind, url)| match kind {
            Target::Link => format!("the link `{url}`"),
            Target::Image => format!("the image `{url}`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn difference<T: PartialEq + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut rest: Vec<T> = b.to_vec();
    let mut out = Vec::new();
    for x in a {
        match rest.iter().position(|y| y == x) {
            Some(i) => {
                rest.swap_remove(i);
            }
            None => out.push(*x),
        }
    }
    out
}

#[derive(Debug, Default, PartialEq, Eq)]
struct MarkupCounts {
    emphasis: usize,
    strong: usize,
    strike: usize,
    links: usize,
    code: Vec<String>,
}

impl MarkupCounts {
    fn describe_difference(&self, t: &MarkupCounts) -> String {
        let mut parts = Vec::new();
        for (name, a, b) in [
            ("emphasis", self.emphasis, t.emphasis),
            ("strong", self.strong, t.strong),
            ("strikethrough", self.strike, t.strike),
            ("links", self.links, t.links),
        ] {
            if a != b {
                parts.push(format!("{name}: source {a}, translation {b}"));
            }
        }
        if self.code != t.code {
            parts.push(format!(
                "code spans: source {:?}, translation {:?}",
                self.code, t.code
            ));
        }
        parts.join("; ")
    }
}

fn markup_counts(inlines: &[Inline]) -> MarkupCounts {
    let mut c = MarkupCounts::default();
    markdown::visit(inlines, &mut |i| match &i.kind {
        InlineKind::Emphasis(_) => c.emphasis += 1,
        InlineKind::Strong(_) => c.strong += 1,
        InlineKind::Strikethrough(_) => c.strike += 1,
        InlineKind::Link { .. } => c.links += 1,
        InlineKind::Code(code) => c.code.push(code.clone()),
        _ => {}
    });
    c.code.sort();
    c
}

fn link_texts(inlines: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    markdown::visit(inlines, &mut |i| {
        if let InlineKind::Link { children, .. } = &i.kind {
            out.push(markdown::plain_text(children));
        }
    });
    out
}

/// Link texts that say nothing out of context, in the shipped languages and a few more:
/// data, in `src/data/generic-link-texts.txt`.
const GENERIC_LINK_TEXTS: &str = include_str!("../data/generic-link-texts.txt");

/// The phrases of [`GENERIC_LINK_TEXTS`], and the most non-space characters of one.
fn generic_link_texts() -> &'static (HashSet<&'static str>, usize) {
    static TEXTS: OnceLock<(HashSet<&'static str>, usize)> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let phrases: HashSet<&str> = GENERIC_LINK_TEXTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let longest = phrases
            .iter()
            .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
            .max()
            .unwrap_or(0);
        (phrases, longest)
    })
}

pub(crate) fn is_generic_link_text(text: &str) -> bool {
    let trimmed = |c: char| {
        c.is_ascii_punctuation() || matches!(c, '。' | '、' | '！' | '»' | '«' | '→' | '›')
    };
    // Most link texts are names, longer than any generic phrase: every character that is
    // neither space nor trimmable punctuation survives normalisation (lowercasing never
    // removes one), so a text with more of them than the longest phrase has cannot be
    // one. This spares lowercasing and joining every link text of a site.
    let (phrases, longest) = generic_link_texts();
    if text
        .chars()
        .filter(|&c| !c.is_whitespace() && !trimmed(c))
        .nth(*longest)
        .is_some()
    {
        return false;
    }
    let normal: String = text.trim().trim_matches(trimmed).to_lowercase();
    let normal = normal.split_whitespace().collect::<Vec<_>>().join(" ");
    phrases.contains(normal.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_link_texts_are_read() {
        let (phrases, longest) = super::generic_link_texts();
        assert!(phrases.len() > 80, "{}", phrases.len());
        assert!(phrases.contains("여기를 클릭하세요") && phrases.contains("点击这里"));
        assert!(!phrases.iter().any(|p| p.starts_with('#') || p.is_empty()));
        let expected = phrases
            .iter()
            .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
            .max();
        assert_eq!(Some(*longest), expected);
    }

    #[test]
    fn generic_link_texts() {
        for t in [
            "Click here",
            "here.",
            "여기",
            "点击这里",
            "ici",
            "aquí",
            "здесь",
            "هنا",
            "ที่นี่",
            "  More  ",
        ] {
            assert!(is_generic_link_text(t), "{t}");
        }
        assert!(!is_generic_link_text("UN High Commissioner for Refugees"));
    }
}
