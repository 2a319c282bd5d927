//! `fluentpress.toml`: the site's settings. Every key is optional; an unknown key or a
//! bad value is an error that names the key, its line, and the key that was probably meant.

use crate::error::{Error, Result};
use crate::locale::Locale;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "fluentpress.toml";

/// What the build shows for a passage whose translation was made from older source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutdatedPolicy {
    /// Show the current source text, marked as fallback (the default).
    #[default]
    Fallback,
    /// Show the older translation.
    Show,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocaleSettings {
    /// A translation in progress: no `min_coverage` gate applies to it.
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
    pub localizable_links: Vec<String>,
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

const TOP_KEYS: &[&str] = &[
    "source_locale",
    "base_url",
    "text_width",
    "outdated",
    "locales",
    "lint",
    "links",
];
const LOCALE_KEYS: &[&str] = &["work_in_progress", "outdated", "min_coverage"];
const LINT_KEYS: &[&str] = &["deny", "allow", "warn", "min_coverage"];
const LINKS_KEYS: &[&str] = &["localizable"];

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
        let text = match std::fs::read(&path) {
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
        let err = |key: &str, message: String| {
            let (line, column) = find_key(text, key);
            Error::Config {
                path: PathBuf::from(FILE_NAME),
                line,
                column,
                message,
            }
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, column) = e
                .span()
                .map(|s| crate::source::LineIndex::new(text).line_col(text, s.start))
                .unwrap_or((1, 1));
            Error::Config {
                path: PathBuf::from(FILE_NAME),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let mut config = Config::default();
        for (key, value) in &table {
            match key.as_str() {
                "source_locale" => {
                    let tag = value.as_str().ok_or_else(|| {
                        err(key, format!("`{key}` must be a string such as \"en\""))
                    })?;
                    config.source_locale =
                        Locale::parse(tag).map_err(|e| err(key, e.to_string()))?;
                }
                "base_url" => {
                    let url = value
                        .as_str()
                        .ok_or_else(|| err(key, "`base_url` must be a string".into()))?;
                    if !(url.starts_with("https://") || url.starts_with("http://")) {
                        return Err(err(
                            key,
                            format!("`base_url` must be an absolute http(s) URL, not \"{url}\""),
                        ));
                    }
                    let mut url = url.to_string();
                    if !url.ends_with('/') {
                        url.push('/');
                    }
                    config.base_url = Some(url);
                }
                "text_width" => {
                    let width = value
                        .as_integer()
                        .filter(|w| (20..=1000).contains(w))
                        .ok_or_else(|| {
                            err(
                                key,
                                "`text_width` must be a whole number from 20 to 1000".into(),
                            )
                        })?;
                    config.text_width = width as usize;
                }
                "outdated" => config.outdated = parse_outdated(value).map_err(|m| err(key, m))?,
                "locales" => {
                    let locales = value.as_table().ok_or_else(|| {
                        err(key, "`locales` must be a table: [locales.TAG]".into())
                    })?;
                    for (tag, settings) in locales {
                        let locale = Locale::parse(tag).map_err(|e| err(tag, e.to_string()))?;
                        let settings_table = settings
                            .as_table()
                            .ok_or_else(|| err(tag, format!("`locales.{tag}` must be a table")))?;
                        let mut s = LocaleSettings::default();
                        for (k, v) in settings_table {
                            match k.as_str() {
                                "work_in_progress" => {
                                    s.work_in_progress = v.as_bool().ok_or_else(|| {
                                        err(k, format!("`locales.{tag}.{k}` must be true or false"))
                                    })?
                                }
                                "outdated" => {
                                    s.outdated = Some(parse_outdated(v).map_err(|m| err(k, m))?)
                                }
                                "min_coverage" => {
                                    s.min_coverage = Some(parse_percent(v).map_err(|m| {
                                        err(k, format!("`locales.{tag}.min_coverage` {m}"))
                                    })?)
                                }
                                other => {
                                    return Err(err(
                                        other,
                                        unknown(&format!("locales.{tag}."), other, LOCALE_KEYS),
                                    ));
                                }
                            }
                        }
                        config.locales.insert(locale.tag, s);
                    }
                }
                "lint" => {
                    let lint = value
                        .as_table()
                        .ok_or_else(|| err(key, "`lint` must be a table: [lint]".into()))?;
                    for (k, v) in lint {
                        if k == "min_coverage" {
                            config.min_coverage = Some(
                                parse_percent(v)
                                    .map_err(|m| err(k, format!("`lint.min_coverage` {m}")))?,
                            );
                            continue;
                        }
                        let list = string_list(v).ok_or_else(|| {
                            err(k, format!("`lint.{k}` must be a list of rule codes"))
                        })?;
                        let mut selectors = Vec::with_capacity(list.len());
                        for code in &list {
                            match crate::diagnostic::Selector::parse(code) {
                                Some(selector) => selectors.push(selector),
                                None => return Err(err(code, unknown_code(code))),
                            }
                        }
                        let list = selectors;
                        match k.as_str() {
                            "deny" => config.deny = list,
                            "allow" => config.allow = list,
                            "warn" => config.warn = list,
                            other => return Err(err(other, unknown("lint.", other, LINT_KEYS))),
                        }
                    }
                }
                "links" => {
                    let links = value
                        .as_table()
                        .ok_or_else(|| err(key, "`links` must be a table: [links]".into()))?;
                    for (k, v) in links {
                        match k.as_str() {
                            "localizable" => {
                                let list = string_list(v).ok_or_else(|| {
                                        err(k, "`links.localizable` must be a list of URL patterns such as \"https://*.wikipedia.org/\"".into())
                                    })?;
                                for pattern in &list {
                                    if let Err(m) = crate::url::check_localizable_pattern(pattern) {
                                        return Err(err(k, format!("`links.localizable`: {m}")));
                                    }
                                }
                                config.localizable_links = list;
                            }
                            other => {
                                return Err(err(other, unknown("links.", other, LINKS_KEYS)));
                            }
                        }
                    }
                }
                other => return Err(err(other, unknown("", other, TOP_KEYS))),
            }
        }
        Ok(config)
    }
}

/// A list of strings, or `None` for any other value.
fn string_list(value: &toml::Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|x| x.as_str().map(String::from))
        .collect()
}

fn parse_percent(value: &toml::Value) -> std::result::Result<u8, String> {
    value
        .as_integer()
        .filter(|p| (0..=100).contains(p))
        .map(|p| p as u8)
        .ok_or_else(|| "must be a whole percentage from 0 to 100".into())
}

fn parse_outdated(value: &toml::Value) -> std::result::Result<OutdatedPolicy, String> {
    match value.as_str() {
        Some("fallback") => Ok(OutdatedPolicy::Fallback),
        Some("show") => Ok(OutdatedPolicy::Show),
        _ => Err("`outdated` must be \"fallback\" or \"show\"".into()),
    }
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

/// 1-based line and column of the first place `key` is written as a key or table name.
fn find_key(text: &str, key: &str) -> (usize, usize) {
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        let in_header = trimmed.starts_with('[') && trimmed.contains(key);
        let in_list = trimmed.contains(&format!("\"{key}\""));
        if is_key || in_header {
            return (n + 1, indent + 1);
        }
        if in_list {
            let col = line.find(&format!("\"{key}\"")).unwrap_or(0);
            return (n + 1, line[..col].chars().count() + 1);
        }
    }
    (1, 1)
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
}
