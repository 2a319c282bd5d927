//! The registry of lint rules: one stable kebab-case code each, its default severity and
//! the explanation `fluentpress lint --explain CODE` prints (the README lists them all).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Coverage, not a fault: a passage still to translate or to update. Counted and
    /// listed, shown to readers with accessible fallback; never fails a run by itself
    /// (`--min-coverage` is the gate), and `--deny warnings` leaves it alone.
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

macro_rules! rules {
    ($($variant:ident $code:literal $severity:ident $explain:literal;)*) => {
        /// A lint rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            pub fn explanation(self) -> &'static str {
                match self { $(Rule::$variant => $explain,)* }
            }
        }
    };
}

rules! {
    SyntaxError "syntax-error" Error
        "A `.ftl` file has text the Fluent parser cannot read (\"junk\"). The parser skips it, so every message in it is missing from that locale, and anything after it on the same entry is lost. The diagnostic shows the parser's own message at the line and column where it stopped. Common causes: a continuation line that starts with `[`, `*` or `.`, an unclosed `{`, a select expression without a `*[default]` variant. A file whose placeables (`{ … }`) or call arguments nest more than 100 deep is not parsed at all (the parser would overflow its stack): the diagnostic points at the brace that goes too deep, and every message of the file shows the source text.";
    MissingMessage "missing-message" Note
        "A message (or one of its attributes) of the source locale's reference file or `site.ftl` has no translation in a locale. This is coverage, not a fault: the build shows the source text there, marked with the source language, and the edition says how many passages are untranslated. It never fails `lint` by itself (nor with `--deny warnings`), so an author who adds a paragraph does not turn CI red in every locale; a team that wants a gate sets `--min-coverage` or `min_coverage` (see `min-coverage`). The diagnostic points at the message in the reference file and names the locale that lacks it. (A layout message missing from the source locale's own `site.ftl` is a warning.)";
    ObsoleteMessage "obsolete-message" Warning
        "A locale has a message that the reference no longer has: the paragraph was deleted or its id changed. It is never shown. `fluentpress sync` comments such messages out with a note instead of deleting the translator's work.";
    DuplicateId "duplicate-id" Error
        "The same message id is defined twice in one locale's files that share a bundle (a page's file and `site.ftl`, or within one file). Only the first definition is used; the other is silently ignored by Fluent.";
    UnknownVariable "unknown-variable" Error
        "A message uses a `$variable` that nothing passes to it: a translation one its source message does not have, or a layout message in any locale's `site.ftl` (the source's own included) one the layout does not pass (`$count` is passed to `fallback-notice`, `$label` and `$description` to `image-text`, nothing to the others). Such a message cannot be formatted, so the build shows the source text instead (a layout string: the next locale's).";
    UnknownFunction "unknown-function" Error
        "A message calls a Fluent function that fluentpress does not provide (`{ EVIL() }`, `{ DATETIME($d) }`): only `NUMBER` exists. Such a message cannot be formatted, so the build shows the source text instead (for a layout message in `site.ftl`, the source locale's or the built-in one). Reported in every locale's files, terms included.";
    MissingVariable "missing-variable" Warning
        "A translation drops a `$variable` that the source message uses, such as the number of untranslated passages. The translated sentence then lacks information the source gives. (A plural variant may spell the number out in words; only the message as a whole is checked.)";
    UnknownReference "unknown-reference" Error
        "A translation refers to a message or term (`{ other-message }`, `{ -brand }`) that is not defined in that locale. Fluent shows the reference's id instead of text.";
    PluralCategories "plural-categories" Warning
        "A select on a number lacks a variant for a CLDR plural category that the locale needs, e.g. `few` and `many` in Russian or `zero`, `two`, `few`, `many` in Arabic. The default variant is then used for those numbers, usually with the wrong grammatical form. The categories are those of the plural rules the build itself uses.";
    LinkMismatch "link-mismatch" Error
        "The link or image targets of a translated segment differ from those of the source segment: a link was added, dropped or points elsewhere, or a link became an image (which every reader's browser fetches: a tracking pixel) or an image a link. Targets come from the source content only (or, for `[links] localizable` patterns, from within the pattern), so the build shows the source text instead of such a translation.";
    MarkupMismatch "markup-mismatch" Warning
        "A translated segment's code spans differ from the source's (code is not translated), or its number of emphasized, strong or linked passages differs. Usually a lost `*` or backtick.";
    RawHtml "raw-html" Error
        "A translation contains an HTML tag it may not hold. A translation is inline Markdown; it may repeat exactly the inline HTML tags (with their attributes) its source segment has, as often as the source has them, and it may add the elements translators need whatever the source has: `<span>`, `<bdi>` and `<bdo>` with `lang` (a BCP 47 tag) and `dir` (`ltr`, `rtl` or `auto`), `<abbr>` with `title`, `<br>` and `<wbr>`, each container closed where it was opened. All go through the same sanitiser as the author's. Any other tag or attribute, an invalid `lang` or `dir`, or a character reference to a control or noncharacter (`&#27;`) is refused: the build shows the source text instead. A character reference to text (`&eacute;`, `&#233;`, `&nbsp;`, `&rlm;`) is that text. Titles and descriptions are plain text and take no HTML tags at all.";
    InvalidCharacter "invalid-character" Error
        "A translation holds a character that is not text: a control other than tab and line feed (NUL, BEL, ESC, CR, DEL, the C1 controls U+0080 to U+009F) or a Unicode noncharacter (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF at the end of every plane), typed or written as a Fluent escape (`{\"\\u001B\"}`). Such characters are invisible or meaningless on a page, and in the plain-text edition or a terminal ESC and BEL start escape sequences. The build shows the source text instead (for a layout message in `site.ftl`, the source locale's). Whatever still holds one (an author's text) reaches the pages with U+FFFD in its place.";
    NumberMismatch "number-mismatch" Warning
        "A number in the source segment does not appear in the translation. Numbers are compared by value as each language writes them: grouping separators are removed and digits of every script read (130,000 = 130.000 = 130 000 = ١٣٠٬٠٠٠ = ๑๓๐,๐๐๐ = １３０，０００), and a CJK unit right after the digits is multiplied out (13万 = 13만 = 130,000; 1.5万 = 15,000; 5천만 = 50,000,000; 1億3000万 = 130,000,000), so 12万 for 130,000 is still a finding; dates, counts and percentages must survive translation.";
    Untranslated "untranslated" Warning
        "A translation is identical to the source text although the source has words. If that is right (a name, an acronym), say so with a comment line `# fluentpress: allow untranslated` above the message.";
    EmptyMessage "empty-message" Error
        "A translation renders to nothing (or only whitespace). The build shows the source text instead.";
    StaleReference "stale-reference" Error
        "A reference file in the source locale is out of date with `content/`: a page was edited, added or removed and `fluentpress extract` was not run. Translators would work from old text. Run `fluentpress extract` and commit the result.";
    MissingAlt "missing-alt" Error
        "An image in the source content has no alt text, or a translation of an image's alt text is empty. Screen reader users get nothing, or the file name. Describe the image; if it is purely decorative, give it empty alt text and the title \"decorative\": `![](border.png \"decorative\")`.";
    HeadingSkip "heading-skip" Warning
        "A heading level jumps (an h2 followed by an h4) or a page has more than one h1. Screen reader users navigate by headings; a skipped level suggests a missing section.";
    GenericLinkText "generic-link-text" Warning
        "Link text that says nothing out of context (\"click here\", \"here\", \"more\", \"여기\", \"点击这里\", \"ici\", \"aquí\", \"здесь\", \"هنا\", \"ที่นี่\" …). Screen reader users often list a page's links; make the text name the destination.";
    Outdated "outdated" Note
        "A translation was made from older source text: the source paragraph changed after it was translated. Like `missing-message` this is coverage, not a fault: it never fails `lint` by itself. The diagnostic shows the old and the new source text. By default the build shows the current source text instead (`outdated = \"show\"` in `fluentpress.toml` keeps the old translation). After updating the translation, mark it current by changing the hash in its `# fluentpress: source …` comment to the one the diagnostic gives, or run `fluentpress sync --mark-current`. A translation whose comment is a copy of the reference file's (`# fluentpress: paragraph; source …`, naming the segment's kind, as the Pontoon translation platform writes every message) is outdated too, with its source *not recorded*: the copied hash says nothing of the text it was made from, so it never counts as current; check it against the current source shown and mark it current the same way.";
    UnsafeUrl "unsafe-url" Error
        "A link or image points to a URL whose scheme is not on the allow-list (`http`, `https`, `mailto`, `tel`, `sms`, `ftp`, `ftps`, `geo`, `irc`, `ircs`, `xmpp`, `webcal`, `news`, `nntp`, `magnet`, `sip`): `javascript:`, `vbscript:`, `file:`, or `data:` (a raster `data:image/` is allowed in images; SVG can hold script). Such links run code, read the reader's own files or hide content; they are never written to a page, and the sanitiser drops them from authored HTML by the same list.";
    BrokenLink "broken-link" Error
        "A link to another page or a place on a page that does not exist: `other.md` with no `content/other.md`, `other.md#section` or `#section` where that page has no heading with the id, or a root-relative `/page.md`, which is published as it is and leads nowhere in any edition (write links between pages relative to the page: `page.md`, `../guide/page.md`). Reported in the source and in every translation that carries the link.";
    MissingFile "missing-file" Error
        "A link or image points to a file beside the pages (`owl.png`, `files/report.pdf`) that is not in `content/`: the published edition would show a broken image or a dead link. The path is relative to the page's folder. Reported in the source and in every translation that carries the link.";
    InvalidLocale "invalid-locale" Error
        "A directory in `locales/` is not named with a BCP 47 language tag (`ko`, `zh-Hans`, `pt-BR`). It is skipped.";
    DuplicateLocale "duplicate-locale" Error
        "Two directories in `locales/` name the same locale once canonicalised (`zh-hans` and `zh-Hans`). Only the first is used; merge them.";
    InvalidUtf8 "invalid-utf8" Error
        "A Markdown or Fluent file is not valid UTF-8. The diagnostic gives the line and column of the first bad byte. Re-save the file as UTF-8.";
    IoError "io-error" Error
        "A file or directory could not be read (permissions, a broken link). The diagnostic gives the operating system's message.";
    FrontMatter "front-matter" Error
        "A page's front matter (TOML between `+++` lines, or YAML between `---` lines, at the top) is missing, cannot be parsed, or lacks `title` or `description`; or a value has the wrong type (`weight` a whole number, `draft` true or false). Keys other generators write (`layout`, `tags`, `date`, `aliases` …) are ignored; a key that looks like a misspelling of ours (`titel`) is a warning naming the key meant. A page with `draft = true` is not published.";
    PathProblem "path-problem" Error
        "A file cannot be used safely. A symbolic link anywhere in `content/` or `locales/` (a file, or a locale's directory) is never followed, for reading or writing: it could lead outside the site (to `/proc/self/environ`, another repository, a directory `sync` would then write into); replace it with the file itself. A link in `content/` stops the build; a linked translation is skipped (the source is shown). A page's path is also refused when it would collide with another page once letter case is ignored (on macOS and Windows they are the same file), when it uses a name the site needs in any letter case (`index`: each edition's `index.html`; `site`: each locale's `site.ftl`), or when its name is longer than 250 bytes (its output file, the name and `.html`, would pass the 255 bytes file systems allow in a name).";
    ByteOrderMark "byte-order-mark" Warning
        "A file starts with a UTF-8 byte-order mark. It is ignored, but some tools show it as a stray character; save the file without it.";
    MinCoverage "min-coverage" Error
        "A locale has fewer translated passages than the site requires: `fluentpress lint --min-coverage N`, or `min_coverage = N` under `[lint]` or `[locales.TAG]` in `fluentpress.toml`, sets the lowest percentage accepted (a `work_in_progress = true` locale is exempt from the gates of `fluentpress.toml`, not from `--min-coverage`; nothing else about it changes). Translated means what the build shows translated: missing, outdated and refused translations do not count. `fluentpress status --locale TAG` lists what is left.";
    FormatError "format-error" Error
        "Formatting a translated message failed at build time (for example a cyclic reference between messages). The build shows the source text instead.";
}

impl Rule {
    /// Whether a finding of this rule about a translated segment makes the build show
    /// the source text in its place (the translation is refused: counted `rejected`).
    /// The one list: `resolve` decides each segment's fate by it, `import` and the
    /// README's rule table say the same.
    pub fn refuses_translation(self) -> bool {
        matches!(
            self,
            Rule::RawHtml
                | Rule::LinkMismatch
                | Rule::UnsafeUrl
                | Rule::InvalidCharacter
                | Rule::UnknownFunction
                | Rule::EmptyMessage
                | Rule::MissingAlt
                | Rule::FormatError
                | Rule::UnknownReference
                | Rule::UnknownVariable
        )
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// The explanation's first sentence.
    pub fn summary(self) -> &'static str {
        let text = self.explanation();
        let mut search = 0;
        while let Some(i) = text[search..].find(". ") {
            let end = search + i;
            if text[end + 2..].starts_with(|c: char| c.is_uppercase()) {
                return &text[..=end];
            }
            search = end + 2;
        }
        text
    }
}

/// What `--deny`, `--allow`, `--warn` and `[lint]` name: one rule, or every warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Selector {
    /// `warnings`: every diagnostic that is a warning (after `--warn`).
    Warnings,
    Rule(Rule),
}

impl Selector {
    /// `warnings` or a rule code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Selector> {
        if code == "warnings" {
            Some(Selector::Warnings)
        } else {
            Rule::from_code(code).map(Selector::Rule)
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Warnings => f.pad("warnings"),
            Selector::Rule(rule) => f.pad(rule.code()),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let code = rule.code();
            assert!(seen.insert(code), "{code} twice");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{code}"
            );
            assert!(rule.explanation().len() > 60, "{code} needs an explanation");
            assert_eq!(Rule::from_code(code), Some(*rule));
        }
    }
}
