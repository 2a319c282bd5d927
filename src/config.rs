//! `fluentpress.toml`: the site's settings. Every key is optional; an unknown key or a
//! bad value is an error that names the key, its line and column, and the key that was
//! probably meant.
//!
//! serde reads the file into the `*File` structs below, one per table, each with
//! `deny_unknown_fields`; values whose checks go beyond their type (a locale tag, a
//! range, a rule code, a URL) are `toml::Spanned`, so those checks can name where the
//! value is. serde's own errors (an unknown key, a value of the wrong type) come with
//! the span of the key or value; `locate` finds which key that span belongs to in
//! toml's spanned parse of the same text (`DeTable`), so every error names the key as
//! the user wrote it (`locales.ko.min_coverage`), says in our words what it must be, and
//! points at the key.
//!
//! Why not `serde_ignored` for unknown keys: it reports an ignored key's path but not its
//! span, and it would make unknown keys something to collect after a successful read;
//! `deny_unknown_fields` stops at the first one with its span, which is what the message
//! needs, and the list of keys serde puts in that error is the one the hint is chosen from.

use crate::error::{Error, Result};
use crate::locale::Locale;
use crate::source::LineIndex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub const FILE_NAME: &str = "fluentpress.toml";

/// What the build shows for a passage whose translation was made from older source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutdatedPolicy {
    /// Show the current source text, marked as fallback (the default).
    #[default]
    Fallback,
    /// Show the older translation.
    Show,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocaleSettings {
    /// `work_in_progress = true`: a translation being started; no `min_coverage` gate
    /// of `fluentpress.toml` applies to it (`--min-coverage` on the command line still
    /// does). Nothing else changes: missing translations are coverage in every locale.
    pub work_in_progress: bool,
    pub outdated: Option<OutdatedPolicy>,
    /// The lowest percentage of translated passages lint accepts for this locale.
    pub min_coverage: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub source_locale: Locale,
    /// Absolute URL the site is published under, ending in `/` (for canonical links and the sitemap).
    pub base_url: Option<String>,
    /// Width of the plain-text editions in display columns.
    pub text_width: usize,
    pub outdated: OutdatedPolicy,
    /// Keyed by canonical locale tag.
    pub locales: BTreeMap<String, LocaleSettings>,
    /// Lint rule codes (or `warnings`) raised to errors, and codes turned off.
    pub deny: Vec<crate::diagnostic::Selector>,
    pub allow: Vec<crate::diagnostic::Selector>,
    pub warn: Vec<crate::diagnostic::Selector>,
    /// `[lint] min_coverage`: the lowest percentage of translated passages lint accepts
    /// in every locale (`[locales.TAG] min_coverage` overrides it).
    pub min_coverage: Option<u8>,
    /// `[links] localizable`: URL patterns a translation may point elsewhere within
    /// (`https://*.wikipedia.org/`: a Korean page may link to Korean Wikipedia).
    pub localizable_links: Vec<crate::url::LinkPattern>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source_locale: Locale::parse("en").expect("en is a valid tag"),
            base_url: None,
            text_width: 72,
            outdated: OutdatedPolicy::Fallback,
            locales: BTreeMap::new(),
            deny: Vec::new(),
            allow: Vec::new(),
            warn: Vec::new(),
            min_coverage: None,
            localizable_links: Vec::new(),
        }
    }
}

/// `fluentpress.toml` as written. The fields are in the order the keys are listed when
/// an unknown key resembles none of them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    source_locale: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    text_width: Option<Spanned<i64>>,
    outdated: Option<OutdatedPolicy>,
    #[serde(default)]
    locales: BTreeMap<Spanned<String>, LocaleFile>,
    #[serde(default)]
    lint: LintFile,
    #[serde(default)]
    links: LinksFile,
}

/// `[locales.TAG]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LocaleFile {
    #[serde(default)]
    work_in_progress: bool,
    outdated: Option<OutdatedPolicy>,
    min_coverage: Option<Spanned<i64>>,
}

/// `[lint]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LintFile {
    #[serde(default)]
    deny: Vec<Spanned<String>>,
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    warn: Vec<Spanned<String>>,
    min_coverage: Option<Spanned<i64>>,
}

/// `[links]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    #[serde(default)]
    localizable: Vec<Spanned<String>>,
}

const TEXT_WIDTH: &str = "`text_width` must be a whole number from 20 to 1000";
const OUTDATED: &str = "`outdated` must be \"fallback\" or \"show\"";
const PERCENT: &str = "must be a whole percentage from 0 to 100";

/// What the value of the key at `path` must be: the message for a value serde could
/// not read as its type.
fn must(path: &[&str]) -> Option<String> {
    Some(match path {
        ["source_locale"] => "`source_locale` must be a string such as \"en\"".into(),
        ["base_url"] => "`base_url` must be a string".into(),
        ["text_width"] => TEXT_WIDTH.into(),
        ["outdated"] | ["locales", _, "outdated"] => OUTDATED.into(),
        ["locales"] => "`locales` must be a table: [locales.TAG]".into(),
        ["locales", tag] => format!("`locales.{tag}` must be a table"),
        ["locales", tag, "work_in_progress"] => {
            format!("`locales.{tag}.work_in_progress` must be true or false")
        }
        ["locales", tag, "min_coverage"] => format!("`locales.{tag}.min_coverage` {PERCENT}"),
        ["lint"] => "`lint` must be a table: [lint]".into(),
        ["lint", "min_coverage"] => format!("`lint.min_coverage` {PERCENT}"),
        ["lint", list @ ("deny" | "allow" | "warn")] => {
            format!("`lint.{list}` must be a list of rule codes")
        }
        ["links"] => "`links` must be a table: [links]".into(),
        ["links", "localizable"] => "`links.localizable` must be a list of URL patterns such as \"https://*.wikipedia.org/\"".into(),
        _ => return None,
    })
}

impl Config {
    pub fn locale_settings(&self, locale: &Locale) -> LocaleSettings {
        self.locales.get(&locale.tag).cloned().unwrap_or_default()
    }

    /// The coverage gate of a locale, if any (none for one in progress).
    pub fn min_coverage(&self, locale: &Locale) -> Option<u8> {
        let settings = self.locale_settings(locale);
        if settings.work_in_progress {
            return None;
        }
        settings.min_coverage.or(self.min_coverage)
    }

    pub fn outdated_policy(&self, locale: &Locale) -> OutdatedPolicy {
        self.locale_settings(locale)
            .outdated
            .unwrap_or(self.outdated)
    }

    /// Reads `fluentpress.toml` in `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        // Never read through a link: a pull request could aim one at any file.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Config {
                path: PathBuf::from(FILE_NAME),
                line: 1,
                column: 1,
                message: "the file is a symbolic link, which fluentpress never follows (it could lead outside the site); replace it with the file itself".into(),
            });
        }
        let text = match crate::source::read_no_follow(&path) {
            Ok(bytes) => match crate::source::TextFile::decode(bytes) {
                Ok(file) => file.text,
                Err(e) => {
                    return Err(Error::Config {
                        path: PathBuf::from(FILE_NAME),
                        line: e.line,
                        column: e.column,
                        message: "the file is not valid UTF-8".into(),
                    });
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        Config::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config> {
        let lines = LineIndex::new(text);
        let error_at = |offset: usize, message: String| {
            let (line, column) = lines.line_col(text, offset);
            Error::Config {
                path: PathBuf::from(FILE_NAME),
                line,
                column,
                message,
            }
        };
        let root = DeTable::parse(text)
            .map_err(|e| error_at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
        let file =
            ConfigFile::deserialize(toml::de::Deserializer::from(root.clone())).map_err(|e| {
                let span = e.span().unwrap_or(0..0);
                let mut path = Vec::new();
                let Some(key) = locate(root.get_ref(), &span, &mut path) else {
                    return error_at(span.start, e.message().to_string());
                };
                let message = match unknown_field(e.message()) {
                    Some(known) => {
                        let (name, table) = path.split_last().expect("a key has a name");
                        let prefix: String = table.iter().map(|t| format!("{t}.")).collect();
                        unknown(&prefix, name, &known)
                    }
                    None => must(&path).unwrap_or_else(|| e.message().to_string()),
                };
                error_at(key.start, message)
            })?;
        // A value's own checks report at its key, as a wrong type does.
        let at_key = |value: Range<usize>, message: String| {
            let key = locate(root.get_ref(), &value, &mut Vec::new());
            error_at(key.map_or(value.start, |k| k.start), message)
        };
        let mut config = Config::default();
        // Checked in the order the keys sort in, so the first problem reported is the
        // one the file was always reported with.
        if let Some(url) = file.base_url {
            if !(url.get_ref().starts_with("https://") || url.get_ref().starts_with("http://")) {
                return Err(at_key(
                    url.span(),
                    format!(
                        "`base_url` must be an absolute http(s) URL, not \"{}\"",
                        url.get_ref()
                    ),
                ));
            }
            let mut url = url.into_inner();
            if !url.ends_with('/') {
                url.push('/');
            }
            config.base_url = Some(url);
        }
        for pattern in &file.links.localizable {
            match crate::url::LinkPattern::parse(pattern.get_ref()) {
                Ok(p) => config.localizable_links.push(p),
                Err(m) => {
                    return Err(error_at(
                        pattern.span().start,
                        format!("`links.localizable`: {m}"),
                    ));
                }
            }
        }
        let selectors = |codes: Vec<Spanned<String>>| -> Result<Vec<crate::diagnostic::Selector>> {
            codes
                .iter()
                .map(|code| {
                    crate::diagnostic::Selector::parse(code.get_ref())
                        .ok_or_else(|| error_at(code.span().start, unknown_code(code.get_ref())))
                })
                .collect()
        };
        let lint = file.lint;
        config.allow = selectors(lint.allow)?;
        config.deny = selectors(lint.deny)?;
        if let Some(p) = lint.min_coverage {
            let percent = percent(&p)
                .ok_or_else(|| at_key(p.span(), format!("`lint.min_coverage` {PERCENT}")))?;
            config.min_coverage = Some(percent);
        }
        config.warn = selectors(lint.warn)?;
        for (tag, settings) in file.locales {
            let locale = Locale::parse(tag.get_ref())
                .map_err(|e| error_at(tag.span().start, e.to_string()))?;
            let min_coverage = match settings.min_coverage {
                Some(p) => Some(percent(&p).ok_or_else(|| {
                    at_key(
                        p.span(),
                        format!("`locales.{}.min_coverage` {PERCENT}", tag.get_ref()),
                    )
                })?),
                None => None,
            };
            config.locales.insert(
                locale.tag,
                LocaleSettings {
                    work_in_progress: settings.work_in_progress,
                    outdated: settings.outdated,
                    min_coverage,
                },
            );
        }
        if let Some(outdated) = file.outdated {
            config.outdated = outdated;
        }
        if let Some(tag) = file.source_locale {
            config.source_locale =
                Locale::parse(tag.get_ref()).map_err(|e| at_key(tag.span(), e.to_string()))?;
        }
        if let Some(width) = file.text_width {
            if !(20..=1000).contains(width.get_ref()) {
                return Err(at_key(width.span(), TEXT_WIDTH.into()));
            }
            config.text_width = *width.get_ref() as usize;
        }
        Ok(config)
    }
}

/// The key of the file a span belongs to: the path of key names to it (pushed onto
/// `path`) and the span of the key as written. A span that is a key's own (serde's
/// unknown field) gives that key; a span inside a value (a wrong type, one item of a
/// list) gives the innermost key whose value holds it. A table opened by a `[header]`
/// has the header's span, not its keys', so every table is searched.
fn locate<'a>(
    table: &'a DeTable<'_>,
    span: &Range<usize>,
    path: &mut Vec<&'a str>,
) -> Option<Range<usize>> {
    for (key, value) in table {
        path.push(key.get_ref());
        if let Some(found) = locate_in(value, span, path) {
            return Some(found);
        }
        let held = value.span();
        if key.span() == *span || (held.start <= span.start && span.end <= held.end) {
            return Some(key.span());
        }
        path.pop();
    }
    None
}

fn locate_in<'a>(
    value: &'a Spanned<DeValue<'_>>,
    span: &Range<usize>,
    path: &mut Vec<&'a str>,
) -> Option<Range<usize>> {
    match value.get_ref() {
        DeValue::Table(table) => locate(table, span, path),
        DeValue::Array(items) => items.iter().find_map(|item| locate_in(item, span, path)),
        _ => None,
    }
}

/// The keys serde lists in its error for an unknown key ("unknown field `x`, expected
/// one of `a`, `b`"), or `None` for any other error.
fn unknown_field(message: &str) -> Option<Vec<&str>> {
    let rest = message.strip_prefix("unknown field `")?;
    let expected = &rest[rest.find('`')? + 1..];
    Some(expected.split('`').skip(1).step_by(2).collect())
}

/// A whole percentage, or `None` for a number out of range.
fn percent(value: &Spanned<i64>) -> Option<u8> {
    u8::try_from(*value.get_ref()).ok().filter(|p| *p <= 100)
}

fn unknown(prefix: &str, key: &str, known: &[&str]) -> String {
    let mut message = format!("unknown key `{prefix}{key}`");
    if let Some(best) = crate::suggest::closest(key, known) {
        message.push_str(&format!("; did you mean `{prefix}{best}`?"));
    } else {
        message.push_str(&format!("; the keys here are {}", known.join(", ")));
    }
    message
}

pub fn unknown_code(code: &str) -> String {
    let codes: Vec<&str> = crate::diagnostic::Rule::ALL
        .iter()
        .map(|r| r.code())
        .chain(["warnings"])
        .collect();
    match crate::suggest::closest(code, &codes) {
        Some(best) => format!("unknown lint rule `{code}`; did you mean `{best}`?"),
        None => format!("unknown lint rule `{code}`; `fluentpress lint --explain` lists them"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.source_locale.tag, "en");
        assert_eq!(c.text_width, 72);
    }

    #[test]
    fn reads_every_key() {
        let c = Config::parse(
            "source_locale = \"fr\"\nbase_url = \"https://example.org/site\"\ntext_width = 60\noutdated = \"show\"\n[locales.zh-hans]\nwork_in_progress = true\noutdated = \"fallback\"\n[lint]\ndeny = [\"warnings\"]\nallow = [\"untranslated\"]\n",
        )
        .unwrap();
        assert_eq!(c.source_locale.tag, "fr");
        assert_eq!(c.base_url.as_deref(), Some("https://example.org/site/"));
        assert_eq!(c.text_width, 60);
        assert_eq!(c.outdated, OutdatedPolicy::Show);
        let zh = Locale::parse("zh-Hans").unwrap();
        assert!(c.locale_settings(&zh).work_in_progress);
        assert_eq!(c.outdated_policy(&zh), OutdatedPolicy::Fallback);
        assert_eq!(
            c.allow,
            vec![crate::diagnostic::Selector::Rule(
                crate::diagnostic::Rule::Untranslated
            )]
        );
    }

    #[test]
    fn unknown_key_names_line_and_suggestion() {
        let e = Config::parse("text_width = 72\nbse_url = \"https://x.org\"\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("fluentpress.toml:2:1"), "{msg}");
        assert!(msg.contains("did you mean `base_url`"), "{msg}");
        let e = Config::parse("[locales.ko]\nwork_in_progres = true\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":2:1") && e.contains("locales.ko.work_in_progress"),
            "{e}"
        );
    }

    #[test]
    fn bad_values_are_named() {
        assert!(
            Config::parse("text_width = 5")
                .unwrap_err()
                .to_string()
                .contains("text_width")
        );
        assert!(
            Config::parse("source_locale = \"english\"")
                .unwrap_err()
                .to_string()
                .contains("english")
        );
        assert!(
            Config::parse("outdated = \"maybe\"")
                .unwrap_err()
                .to_string()
                .contains("fallback")
        );
        assert!(
            Config::parse("[lint]\ndeny = [\"missing-mesage\"]")
                .unwrap_err()
                .to_string()
                .contains("missing-message")
        );
        assert!(Config::parse("base_url = \"example.org\"").is_err());
        let syntax = Config::parse("a = = b").unwrap_err().to_string();
        assert!(syntax.contains("fluentpress.toml:1:"), "{syntax}");
    }

    fn error(text: &str) -> (usize, usize, String) {
        match Config::parse(text).unwrap_err() {
            Error::Config {
                line,
                column,
                message,
                ..
            } => (line, column, message),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn an_unknown_key_is_named_where_it_is_written_with_the_key_meant() {
        assert_eq!(
            error("text_width = 72\n  bse_url = \"https://x.org\"\n"),
            (
                2,
                3,
                "unknown key `bse_url`; did you mean `base_url`?".to_string()
            )
        );
        // In a table, named with the table's path; the same name in another table is
        // not confused with it.
        assert_eq!(
            error("[lint]\nmin_coverage = 10\n[locales.ko]\nmin_coverag = 10\n"),
            (
                4,
                1,
                "unknown key `locales.ko.min_coverag`; did you mean `locales.ko.min_coverage`?"
                    .to_string()
            )
        );
        // An unknown table, an inline table, a dotted key.
        assert_eq!(
            error("[lnt]\n").2,
            "unknown key `lnt`; did you mean `lint`?"
        );
        assert_eq!(error("[lnt]\n").0, 1);
        assert_eq!(
            error("locales = { ko = { outdate = \"show\" } }\n"),
            (
                1,
                20,
                "unknown key `locales.ko.outdate`; did you mean `locales.ko.outdated`?".to_string()
            )
        );
        assert_eq!(
            error("lint.denny = []\n"),
            (
                1,
                6,
                "unknown key `lint.denny`; did you mean `lint.deny`?".to_string()
            )
        );
        // Nothing close: the keys of that table are listed, in the order of the README.
        assert_eq!(
            error("[links]\nzzz = 1\n").2,
            "unknown key `links.zzz`; the keys here are localizable"
        );
        assert_eq!(
            error("colour = 1\n").2,
            "unknown key `colour`; the keys here are source_locale, base_url, text_width, outdated, locales, lint, links"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_it_must_be_at_its_key() {
        let cases = [
            (
                "text_width = \"wide\"",
                1,
                "`text_width` must be a whole number from 20 to 1000",
            ),
            (
                "text_width = 72.5",
                1,
                "`text_width` must be a whole number from 20 to 1000",
            ),
            (
                "source_locale = 1",
                1,
                "`source_locale` must be a string such as \"en\"",
            ),
            ("base_url = true", 1, "`base_url` must be a string"),
            (
                "outdated = \"maybe\"",
                1,
                "`outdated` must be \"fallback\" or \"show\"",
            ),
            ("locales = 3", 1, "`locales` must be a table: [locales.TAG]"),
            ("[locales]\nko = \"x\"", 2, "`locales.ko` must be a table"),
            (
                "[locales.ko]\nwork_in_progress = \"yes\"",
                2,
                "`locales.ko.work_in_progress` must be true or false",
            ),
            (
                "[locales.ko]\noutdated = 1",
                2,
                "`outdated` must be \"fallback\" or \"show\"",
            ),
            (
                "[locales.ko]\nmin_coverage = \"80\"",
                2,
                "`locales.ko.min_coverage` must be a whole percentage from 0 to 100",
            ),
            ("lint = []", 1, "`lint` must be a table: [lint]"),
            (
                "[lint]\ndeny = \"warnings\"",
                2,
                "`lint.deny` must be a list of rule codes",
            ),
            (
                "[lint]\nallow = [\"untranslated\",\n  3]",
                2,
                "`lint.allow` must be a list of rule codes",
            ),
            (
                "[lint]\nmin_coverage = true",
                2,
                "`lint.min_coverage` must be a whole percentage from 0 to 100",
            ),
            ("links = 1", 1, "`links` must be a table: [links]"),
            (
                "[links]\nlocalizable = \"https://*.wikipedia.org/\"",
                2,
                "`links.localizable` must be a list of URL patterns such as \"https://*.wikipedia.org/\"",
            ),
        ];
        for (text, line, message) in cases {
            assert_eq!(error(text), (line, 1, message.to_string()), "{text}");
        }
    }

    #[test]
    fn a_value_out_of_range_is_reported_at_its_key_and_a_list_item_at_itself() {
        assert_eq!(
            error("# width\ntext_width = 5\n"),
            (
                2,
                1,
                "`text_width` must be a whole number from 20 to 1000".to_string()
            )
        );
        assert_eq!(
            error("[lint]\nmin_coverage = 50\n[locales.ko]\nmin_coverage = 101\n"),
            (
                4,
                1,
                "`locales.ko.min_coverage` must be a whole percentage from 0 to 100".to_string()
            )
        );
        assert_eq!(
            error("[lint]\ndeny = [\n  \"warnings\",\n  \"untranslatd\",\n]\n"),
            (
                4,
                3,
                "unknown lint rule `untranslatd`; did you mean `untranslated`?".to_string()
            )
        );
        let (line, column, message) = error("[links]\nlocalizable = [\"https://*/\"]\n");
        assert_eq!((line, column), (2, 16));
        assert!(message.starts_with("`links.localizable`: "), "{message}");
        // A bad locale tag: at the tag, in its header.
        let (line, column, message) = error("[locales.ko]\n[locales.english]\n");
        assert_eq!((line, column), (2, 10));
        assert!(message.contains("english"), "{message}");
        let (line, column, message) = error("base_url = \"example.org\"");
        assert_eq!((line, column), (1, 1));
        assert!(message.contains("absolute http(s) URL"), "{message}");
    }

    #[test]
    fn serde_names_the_keys_it_expected() {
        assert_eq!(
            unknown_field("unknown field `bse`, expected one of `a`, `b`, `c`"),
            Some(vec!["a", "b", "c"])
        );
        assert_eq!(
            unknown_field("unknown field `x`, expected `a` or `b`"),
            Some(vec!["a", "b"])
        );
        assert_eq!(
            unknown_field("invalid type: string \"x\", expected i64"),
            None
        );
    }
}
