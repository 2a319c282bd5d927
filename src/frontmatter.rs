//! Front matter of a Markdown file, TOML (`+++`) or YAML (`---`): split from the body
//! and read into what fluentpress uses of it — `title` and `description` (the strings
//! it translates), `weight` and `draft` — plus the names of the other keys. One reading
//! per syntax (`read_keys`) serves both users: the content loader
//! ([`read_page_meta`]: a page's metadata, where its strings are in the file, and a
//! diagnostic for each problem) and `import` ([`split`]: the strings of other tools'
//! translated files; Hugo, Jekyll and Docusaurus write YAML).
//!
//! The keys are read by serde into one derived struct (`Fields`). It cannot deny
//! unknown fields as `fluentpress.toml` does: pages moved from another generator carry
//! its keys (`layout`, `tags`, `date`, `[menu.main]` …), which are legal here and
//! ignored. They are kept by name only, so that one which looks like a misspelling of
//! ours (`titel`) can be named.

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::source::LineIndex;
use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use std::collections::HashMap;
use std::ops::Range;

/// Which syntax the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// What the front matter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub format: Format,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The other top-level keys, in the order written.
    pub other_keys: Vec<String>,
    /// `draft: true`: the file's author did not mean it to be published.
    pub draft: bool,
    /// `untranslated: 1` (or `true`): a placeholder a site keeps for a page nobody has
    /// translated yet, holding the source's text or none.
    pub stub: bool,
    /// 1-based line of the opening delimiter's following line (where the keys start).
    pub first_line: usize,
}

/// Front matter that cannot be read, with the 1-based line of the file where it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// `import`'s reading of a translated file's front matter (`block`, as the one
/// Markdown parse found it in `text`): the strings, leniently — a number is its text,
/// any other value is none.
pub(crate) fn read_strings(block: Block<'_>, text: &str) -> Result<FrontMatter, FrontMatterError> {
    let first_line = text[..block.offset.min(text.len())].matches('\n').count() + 1;
    let format = block.format;
    let read = read_keys(format, block.text).map_err(|e| FrontMatterError {
        line: first_line - 1 + e.line,
        message: e.message,
    })?;
    let text = |entry: &Option<Entry>| {
        entry
            .as_ref()
            .and_then(|e| match &e.value {
                Value::Text(s) => Some(s.trim().to_string()),
                Value::Integer(i) => Some(i.to_string()),
                Value::Float(s) => Some(s.clone()),
                Value::Bool(_) | Value::Other => None,
            })
            .filter(|t| !t.is_empty())
    };
    let flag = |entry: &Option<Entry>| {
        entry.as_ref().is_some_and(|e| match &e.value {
            Value::Bool(b) => *b,
            Value::Integer(i) => *i != 0,
            Value::Text(t) => {
                matches!(t.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes")
            }
            Value::Float(_) | Value::Other => false,
        })
    };
    let mut other: Vec<(usize, &str)> = [
        ("weight", &read.weight),
        ("draft", &read.draft),
        ("untranslated", &read.untranslated),
    ]
    .into_iter()
    .filter_map(|(name, entry)| entry.as_ref().map(|e| (e.key, name)))
    .chain(read.other.iter().map(|(name, at)| (*at, name.as_str())))
    .collect();
    other.sort_by_key(|(at, _)| *at);
    Ok(FrontMatter {
        format,
        title: text(&read.title),
        description: text(&read.description),
        other_keys: other
            .into_iter()
            .map(|(_, name)| name.to_string())
            .collect(),
        draft: flag(&read.draft),
        stub: flag(&read.untranslated),
        first_line,
    })
}

/// A page's front matter as the Markdown parse found it.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub format: Format,
    /// The keys, between the delimiter lines.
    pub text: &'a str,
    /// Byte offset of `text` in the page's file.
    pub offset: usize,
}

/// What the front matter of a page says, as the content loader uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageMeta {
    /// The title, and where its text is in the file.
    pub title: (String, Range<usize>),
    /// The description (empty when there is none), and where its text is in the file.
    pub description: (String, Range<usize>),
    /// Pages are listed by weight, then title.
    pub weight: i64,
    /// `draft = true`: the page is not published (as Hugo and Jekyll do).
    pub draft: bool,
}

/// Our front matter keys; any other key is another generator's (`layout`, `tags`,
/// `date`, `aliases` …) and ignored, unless it looks like a misspelling of one of these.
const FRONT_MATTER_KEYS: &[&str] = &["title", "description", "weight", "draft"];

/// Keys other generators (Hugo, Jekyll, Docusaurus, Zola) write: ignored without a word,
/// even where one looks like a misspelling of ours (`date` and `draft`).
const OTHER_GENERATORS_KEYS: &[&str] = &[
    "layout",
    "lang",
    "language",
    "class",
    "order",
    "image",
    "images",
    "related",
    "tags",
    "categories",
    "date",
    "lastmod",
    "publishDate",
    "expiryDate",
    "aliases",
    "slug",
    "url",
    "permalink",
    "author",
    "authors",
    "summary",
    "keywords",
    "toc",
    "menu",
    "type",
    "series",
    "sitemap",
    "translationKey",
    "sidebar_position",
    "sidebar_label",
    "id",
    "hide_title",
    "published",
    "template",
    "extra",
    "taxonomies",
    "updated",
    "excerpt",
];

/// Reads a page's front matter (`block`, `None` when the page has none) for the content
/// loader. Every problem becomes a diagnostic of `rel_path` and the page still loads:
/// without a usable `title` it is called `fallback_title` (its first heading, or its
/// file name), without a `description` it has an empty one.
pub(crate) fn read_page_meta(
    block: Option<Block<'_>>,
    source: &str,
    lines: &LineIndex,
    rel_path: &str,
    fallback_title: (String, Range<usize>),
) -> (PageMeta, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut meta = PageMeta {
        title: fallback_title,
        description: (String::new(), 0..0),
        weight: 0,
        draft: false,
    };
    let Some(Block {
        format,
        text,
        offset,
    }) = block
    else {
        problems.push(
            Diagnostic::new(Rule::FrontMatter, rel_path, (1, 1), "the page has no front matter")
                .help("start the page with +++, a line `title = \"…\"`, a line `description = \"…\"`, and +++ (or the same as YAML between --- lines)"),
        );
        return (meta, problems);
    };
    let at = |local: usize| lines.line_col(source, offset + local);
    let keys = match read_keys(format, text) {
        Ok(keys) => keys,
        Err(e) => {
            // The block starts a line of the file.
            problems.push(Diagnostic::new(
                Rule::FrontMatter,
                rel_path,
                (at(0).0 + e.line - 1, e.column.max(1)),
                e.message,
            ));
            return (meta, problems);
        }
    };
    let problem = |entry: &Entry, message: &str| {
        Diagnostic::new(Rule::FrontMatter, rel_path, at(entry.key), message)
    };
    let span = |entry: &Entry| offset + entry.span.start..offset + entry.span.end;
    for (key, entry, slot) in [
        ("title", &keys.title, &mut meta.title),
        ("description", &keys.description, &mut meta.description),
    ] {
        let Some(entry) = entry else {
            let example = match format {
                Format::Yaml => format!("`{key}: …`"),
                Format::Toml => format!("`{key} = \"…\"`"),
            };
            let syntax = match format {
                Format::Yaml => "YAML",
                Format::Toml => "TOML",
            };
            problems.push(
                Diagnostic::new(
                    Rule::FrontMatter,
                    rel_path,
                    lines.line_col(source, offset.saturating_sub(4)),
                    format!("the front matter has no `{key}`"),
                )
                .help(format!("add a line {example} to the {syntax} front matter")),
            );
            continue;
        };
        match &entry.value {
            Value::Text(s) if !s.trim().is_empty() => *slot = (s.trim().to_string(), span(entry)),
            Value::Integer(i) => *slot = (i.to_string(), span(entry)),
            // A YAML title written `1.5` is a number to YAML but text to its author
            // (YAML strings need no quotes); in TOML only a whole number is taken.
            Value::Float(s) if format == Format::Yaml => *slot = (s.clone(), span(entry)),
            _ => problems.push(problem(
                entry,
                &format!("`{key}` must be a non-empty string"),
            )),
        }
    }
    if let Some(entry) = &keys.weight {
        match entry.value {
            Value::Integer(w) => meta.weight = w,
            _ => problems.push(problem(
                entry,
                "`weight` must be a whole number (pages are listed by weight, then title)",
            )),
        }
    }
    if let Some(entry) = &keys.draft {
        match entry.value {
            Value::Bool(d) => meta.draft = d,
            _ => problems.push(problem(
                entry,
                "`draft` must be true or false (a draft page is not published)",
            )),
        }
    }
    for (key, key_at) in &keys.other {
        // Another generator's key: accepted and ignored, unless it is probably one of
        // ours misspelt.
        if OTHER_GENERATORS_KEYS.contains(&key.as_str()) {
            continue;
        }
        if let Some(best) = crate::suggest::closest(key, FRONT_MATTER_KEYS) {
            problems.push(
                Diagnostic::new(
                    Rule::FrontMatter,
                    rel_path,
                    at(*key_at),
                    format!("unknown front matter key `{key}`; it is ignored"),
                )
                .severity(Severity::Warning)
                .help(format!("did you mean `{best}`?")),
            );
        }
    }
    (meta, problems)
}

/// A front matter value, whichever syntax wrote it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Integer(i64),
    /// Any other number, as its syntax's reader writes it.
    Float(String),
    Bool(bool),
    /// A table, a list, a date, nothing.
    Other,
}

/// One of our keys as written.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    value: Value,
    /// Byte offset of the key in the front matter's text (its start when the key
    /// cannot be found).
    key: usize,
    /// The value's bytes in the text, quotes excluded.
    span: Range<usize>,
}

/// The front matter's keys, read.
#[derive(Debug, Default)]
struct Keys {
    title: Option<Entry>,
    description: Option<Entry>,
    weight: Option<Entry>,
    draft: Option<Entry>,
    /// Another generator's mark of a placeholder page (read by `import` only).
    untranslated: Option<Entry>,
    /// The other keys and the byte offsets where they are written.
    other: Vec<(String, usize)>,
}

/// Front matter that is not keys and values: the message, and where in the block
/// (1-based line and column).
#[derive(Debug)]
struct Unreadable {
    line: usize,
    column: usize,
    message: String,
}

/// The keys fluentpress reads, whichever syntax wrote them; `V` is that syntax's value
/// (TOML: `toml::Spanned<toml::Value>`, which keeps where the value is; YAML:
/// `yaml_serde::Value`). Each is read as any value of its syntax, not as the type it
/// must have: a wrong type is a diagnostic at that key, and the rest of the page's
/// front matter is still read. See the module's comment for why unknown fields are
/// collected (`other`) instead of denied.
#[derive(Deserialize)]
#[serde(bound = "V: Deserialize<'de>")]
struct Fields<V> {
    #[serde(default, deserialize_with = "present")]
    title: Option<V>,
    #[serde(default, deserialize_with = "present")]
    description: Option<V>,
    #[serde(default, deserialize_with = "present")]
    weight: Option<V>,
    #[serde(default, deserialize_with = "present")]
    draft: Option<V>,
    #[serde(default, deserialize_with = "present")]
    untranslated: Option<V>,
    #[serde(flatten)]
    other: OtherKeys,
}

impl<V> Fields<V> {
    /// The keys as fluentpress reads them, whichever syntax: `entry` turns a key's
    /// value into an [`Entry`], `key_at` says where a key is written.
    fn into_keys(
        self,
        entry: impl Fn(&str, Option<V>) -> Option<Entry>,
        key_at: impl Fn(&str) -> usize,
    ) -> Keys {
        Keys {
            title: entry("title", self.title),
            description: entry("description", self.description),
            weight: entry("weight", self.weight),
            draft: entry("draft", self.draft),
            untranslated: entry("untranslated", self.untranslated),
            other: (self.other.0.into_iter())
                .map(|name| {
                    let at = key_at(&name);
                    (name, at)
                })
                .collect(),
        }
    }
}

/// A key that is there is `Some`, even with YAML's null as its value (`title:` is a
/// title that is not a string, not a missing title).
fn present<'de, D: serde::Deserializer<'de>, V: Deserialize<'de>>(
    value: D,
) -> Result<Option<V>, D::Error> {
    V::deserialize(value).map(Some)
}

/// The names of a mapping's keys, in the order given; the values are skipped.
struct OtherKeys(Vec<String>);

impl<'de> Deserialize<'de> for OtherKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = OtherKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("keys and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OtherKeys, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    names.push(name);
                }
                Ok(OtherKeys(names))
            }
        }
        d.deserialize_map(Names)
    }
}

/// Reads the keys of a front matter block (its text between the delimiter lines).
fn read_keys(format: Format, text: &str) -> Result<Keys, Unreadable> {
    match format {
        Format::Toml => read_toml(text),
        Format::Yaml => read_yaml(text),
    }
}

fn read_toml(text: &str) -> Result<Keys, Unreadable> {
    use toml::Spanned;
    let lines = LineIndex::new(text);
    let unreadable = |span: Option<Range<usize>>, message: &str| {
        let (line, column) = lines.line_col(text, span.map_or(0, |s| s.start));
        Unreadable {
            line,
            column,
            message: format!("the front matter is not valid TOML: {message}"),
        }
    };
    let table = toml::de::DeTable::parse(text).map_err(|e| unreadable(e.span(), e.message()))?;
    // toml's parse keeps where each key is written, the values' spans come with them.
    let key_at: HashMap<&str, usize> = table
        .get_ref()
        .iter()
        .map(|(k, _)| (k.get_ref().as_ref(), k.span().start))
        .collect();
    let fields: Fields<Spanned<toml::Value>> =
        Fields::deserialize(toml::de::Deserializer::from(table.clone()))
            .map_err(|e| unreadable(e.span(), e.message()))?;
    let entry = |name: &str, value: Option<Spanned<toml::Value>>| {
        value.map(|v| Entry {
            key: key_at.get(name).copied().unwrap_or(0),
            span: unquoted(text, v.span()),
            value: match v.into_inner() {
                toml::Value::String(s) => Value::Text(s),
                toml::Value::Integer(i) => Value::Integer(i),
                toml::Value::Float(f) => Value::Float(f.to_string()),
                toml::Value::Boolean(b) => Value::Bool(b),
                _ => Value::Other,
            },
        })
    };
    Ok(fields.into_keys(entry, |name| key_at.get(name).copied().unwrap_or(0)))
}

/// A TOML string's span without its quotes (`"…"`, `'…'`, `"""…"""`, `'''…'''`);
/// any other value's span as it is.
fn unquoted(text: &str, span: Range<usize>) -> Range<usize> {
    let raw = text.get(span.clone()).unwrap_or("");
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            return span.start + quote.len()..span.end - quote.len();
        }
    }
    span
}

/// The most `[` and `{` a YAML front matter may hold. YAML's scanner spends, on every
/// token, time proportional to how deep flow collections are open (50,000 nested `[`
/// took 8 s, and its recursion limit only applies after the whole text is scanned), so a
/// block with more is refused before the parser sees it. Counting every bracket, in
/// quoted strings and comments too, bounds the depth whatever the text pretends; a page's
/// front matter holds a handful.
pub(crate) const MAX_YAML_BRACKETS: usize = 256;

fn read_yaml(text: &str) -> Result<Keys, Unreadable> {
    if text.trim().is_empty() {
        return Ok(Keys::default());
    }
    if let Some((at, _)) = text.match_indices(['[', '{']).nth(MAX_YAML_BRACKETS) {
        let (line, column) = LineIndex::new(text).line_col(text, at);
        return Err(Unreadable {
            line,
            column,
            message: format!(
                "the YAML front matter has more than {MAX_YAML_BRACKETS} `[` and `{{` (flow collections nested or many); it is not read"
            ),
        });
    }
    // yaml_serde reads the text into a `Value` first: its errors for bad syntax, a
    // duplicate key and a document that is no mapping stay what they were, and a key
    // written as a number or a boolean (`2024: …`) is named as written; the derived
    // struct is then read from that mapping.
    let value: yaml_serde::Value = yaml_serde::from_str(text).map_err(|e| {
        // The YAML parser counts lines from the start of the block.
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        Unreadable {
            line,
            column,
            message: format!("the front matter is not valid YAML: {e}"),
        }
    })?;
    let yaml_serde::Value::Mapping(map) = value else {
        return Err(Unreadable {
            line: 1,
            column: 1,
            message: "the YAML front matter is not a mapping of keys to values".into(),
        });
    };
    let map: yaml_serde::Mapping = map
        .into_iter()
        .map(|(k, v)| {
            let name = match k {
                yaml_serde::Value::String(s) => s,
                other => yaml_serde::to_string(&other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            (yaml_serde::Value::String(name), v)
        })
        .collect();
    let fields: Fields<yaml_serde::Value> = yaml_serde::from_value(yaml_serde::Value::Mapping(map))
        .map_err(|e| Unreadable {
            line: 1,
            column: 1,
            message: format!("the front matter is not valid YAML: {e}"),
        })?;
    let written = yaml_keys(text);
    let entry = |name: &str, value: Option<yaml_serde::Value>| {
        value.map(|v| {
            let (key, span) = written.get(name).cloned().unwrap_or((0, 0..0));
            Entry {
                key,
                span,
                value: match v {
                    yaml_serde::Value::String(s) => Value::Text(s),
                    yaml_serde::Value::Bool(b) => Value::Bool(b),
                    yaml_serde::Value::Number(n) => match n.as_i64() {
                        Some(i) => Value::Integer(i),
                        None => Value::Float(n.to_string()),
                    },
                    _ => Value::Other,
                },
            }
        })
    };
    Ok(fields.into_keys(entry, |name| written.get(name).map_or(0, |(k, _)| *k)))
}

/// Where each top-level key of a YAML block mapping is written: the byte offset of the
/// key, and the span of its value on that line (quotes excluded). yaml_serde keeps no
/// positions — its values carry none, only its errors have a `Location` — so the lines
/// are read for `key:` at the mapping's indentation (a key nested deeper, such as a
/// menu entry's `title`, is not the page's). A key written in any other way (a flow
/// mapping, a complex key) is not found, and its diagnostics point at the block's start.
fn yaml_keys(text: &str) -> HashMap<String, (usize, Range<usize>)> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let top = text
        .split('\n')
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(indent)
        .min()
        .unwrap_or(0);
    let mut out = HashMap::new();
    let mut start = 0;
    for line in text.split('\n') {
        let line_start = start;
        start += line.len() + 1;
        if line.trim().is_empty() || indent(line) != top {
            continue;
        }
        let written = &line[top..];
        // The key: quoted, or up to the first `:` that ends it (followed by a space or
        // the end of the line).
        let (name, after_key) = match written.chars().next() {
            Some(q @ ('"' | '\'')) => match written[1..].find(q) {
                Some(end) => (&written[1..1 + end], 2 + end),
                None => continue,
            },
            _ => match written.match_indices(':').map(|(i, _)| i).find(|&i| {
                written[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
            }) {
                Some(colon) => (written[..colon].trim_end(), colon),
                None => continue,
            },
        };
        let Some(rest) = written[after_key..].trim_start().strip_prefix(':') else {
            continue;
        };
        // The value, after the `:`: without its quotes when quoted.
        let value_start = line.len() - rest.trim_start().len();
        let value = rest.trim();
        let (value_start, value_end) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = line
                    .rfind(q)
                    .filter(|&e| e > value_start)
                    .unwrap_or(line.len());
                (value_start + 1, end)
            }
            _ => (value_start, value_start + value.len()),
        };
        out.entry(name.to_string()).or_insert((
            line_start + top,
            line_start + value_start..line_start + value_end,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `import`'s reading of a file whose front matter block is between its first two
    /// delimiter lines (as the Markdown parse finds it).
    fn strings_of(source: &str) -> Result<FrontMatter, FrontMatterError> {
        let (format, close) = match &source[..4] {
            "+++\n" => (Format::Toml, "\n+++\n"),
            _ => (Format::Yaml, "\n---\n"),
        };
        let end = 4 + source[3..].find(close).unwrap();
        read_strings(
            Block {
                format,
                text: &source[4..end],
                offset: 4,
            },
            source,
        )
    }

    #[test]
    fn toml_and_yaml_give_the_same_strings() {
        let toml = strings_of("+++\ntitle = \"Hiboux\"\ndescription = \"Tout sur eux.\"\nweight = 3\n+++\n\n# Corps\n").unwrap();
        let yaml = strings_of(
            "---\ntitle: Hiboux\ndescription: \"Tout sur eux.\"\ndraft: false\n---\n\n# Corps\n",
        )
        .unwrap();
        for fm in [&toml, &yaml] {
            assert_eq!(fm.title.as_deref(), Some("Hiboux"));
            assert_eq!(fm.description.as_deref(), Some("Tout sur eux."));
            assert_eq!(fm.first_line, 2);
        }
        assert_eq!(toml.other_keys, vec!["weight"]);
        assert_eq!(yaml.other_keys, vec!["draft"]);
    }

    #[test]
    fn errors_name_the_line_of_the_file() {
        let e = strings_of("---\ntitle: a\nx: [1\n---\nbody\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        let e = strings_of("+++\ntitle = \"a\"\nx = = 1\n+++\n").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let e = strings_of("---\n- a\n- b\n---\n").unwrap_err();
        assert!(e.message.contains("mapping"));
    }

    /// Reads a page's front matter as the loader does (the block as the Markdown parse
    /// finds it: the lines between the delimiters, from byte 4).
    fn page(source: &str) -> (PageMeta, Vec<Diagnostic>) {
        let (format, close) = match &source[..4] {
            "+++\n" => (Format::Toml, "+++\n"),
            _ => (Format::Yaml, "---\n"),
        };
        let end = 4 + source[4..].find(close).unwrap();
        let block = Block {
            format,
            text: &source[4..end],
            offset: 4,
        };
        let lines = LineIndex::new(source);
        read_page_meta(
            Some(block),
            source,
            &lines,
            "content/p.md",
            ("p".into(), 0..0),
        )
    }

    fn described(problems: &[Diagnostic]) -> Vec<(usize, usize, String, Severity)> {
        problems
            .iter()
            .map(|d| (d.line, d.column, d.message.clone(), d.severity))
            .collect()
    }

    #[test]
    fn title_and_description_with_where_their_text_is() {
        for source in [
            "+++\ntitle = \"Owls\"\ndescription = 'All about owls.'\nweight = 3\ndraft = true\n+++\n",
            "---\ntitle: \"Owls\"\ndescription: All about owls.\nweight: 3\ndraft: true\n---\n",
        ] {
            let (meta, problems) = page(source);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(&source[meta.title.1.clone()], "Owls");
            assert_eq!(meta.title.0, "Owls");
            assert_eq!(&source[meta.description.1.clone()], "All about owls.");
            assert_eq!((meta.weight, meta.draft), (3, true));
        }
        // A multi-line TOML string: its text, without the quotes.
        let source = "+++\ntitle = \"\"\"\nOwls\n\"\"\"\ndescription = \"d\" # the \"best\"\n+++\n";
        let (meta, _) = page(source);
        assert_eq!(meta.title.0, "Owls");
        assert_eq!(&source[meta.title.1.clone()], "\nOwls\n");
        assert_eq!(&source[meta.description.1.clone()], "d");
    }

    #[test]
    fn a_misspelt_key_of_ours_is_a_warning_at_its_line() {
        let toml = "+++\ntitle = \"T\"\ndescription = \"D\"\ndescripton = \"D\"\n+++\n";
        let yaml = "---\ntitle: T\ndescription: D\n\nwieght: 2\n---\n";
        for (source, line, key, meant) in [
            (toml, 4, "descripton", "description"),
            (yaml, 5, "wieght", "weight"),
        ] {
            let (_, problems) = page(source);
            assert_eq!(
                described(&problems),
                vec![(
                    line,
                    1,
                    format!("unknown front matter key `{key}`; it is ignored"),
                    Severity::Warning
                )]
            );
            assert_eq!(
                problems[0].help.as_deref(),
                Some(format!("did you mean `{meant}`?").as_str())
            );
        }
    }

    #[test]
    fn other_generators_keys_are_accepted_without_a_word() {
        let toml = "+++\ntitle = \"T\"\ndescription = \"D\"\ndate = 2024-01-02T10:00:00Z\ntags = [\"birds\"]\nlayout = \"post\"\n[menu.main]\nweight = \"x\"\ntitle = 3\n[params]\ntitel = 1\n+++\n";
        let yaml = "---\ntitle: T\ndescription: D\ndate: 2024-01-02\ntags: [birds, night]\nlayout: post\nmenu:\n  main:\n    weight: x\n    title: 3\n---\n";
        for source in [toml, yaml] {
            let (meta, problems) = page(source);
            assert!(problems.is_empty(), "{source}: {problems:?}");
            assert_eq!((meta.title.0.as_str(), meta.weight), ("T", 0));
            // The title is the page's, not the menu entry's.
            assert_eq!(&source[meta.title.1.clone()], "T");
            assert_eq!(source[..meta.title.1.start].matches('\n').count(), 1);
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_at_its_key() {
        let toml =
            "+++\ndescription = \"D\"\n  title = [\"Owls\"]\nweight = \"3\"\ndraft = \"no\"\n+++\n";
        let yaml = "---\ndescription: D\ntitle:\nweight: 2.5\ndraft: no\n---\n";
        let (meta, problems) = page(toml);
        assert_eq!(meta.title.0, "p", "the fallback title");
        assert_eq!(
            described(&problems),
            vec![
                (
                    3,
                    3,
                    "`title` must be a non-empty string".into(),
                    Severity::Error
                ),
                (
                    4,
                    1,
                    "`weight` must be a whole number (pages are listed by weight, then title)"
                        .into(),
                    Severity::Error
                ),
                (
                    5,
                    1,
                    "`draft` must be true or false (a draft page is not published)".into(),
                    Severity::Error
                ),
            ]
        );
        let (_, problems) = page(yaml);
        let at: Vec<(usize, usize)> = problems.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, vec![(3, 1), (4, 1), (5, 1)], "{problems:?}");
        // A number is a title's text (TOML: a whole one; YAML, any).
        let (meta, problems) = page("---\ntitle: 1.5\ndescription: 2\n---\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            (meta.title.0.as_str(), meta.description.0.as_str()),
            ("1.5", "2")
        );
        let (_, problems) = page("+++\ntitle = 1.5\ndescription = 2\n+++\n");
        assert_eq!(described(&problems)[0].0, 2);
    }

    #[test]
    fn missing_keys_and_unreadable_blocks() {
        let (meta, problems) = page("+++\nweight = 1\n+++\n");
        assert_eq!(meta.weight, 1);
        let messages: Vec<_> = problems
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            vec![
                (1, "the front matter has no `title`"),
                (1, "the front matter has no `description`")
            ]
        );
        let (_, problems) = page("+++\ntitle = \"T\"\nx = = 1\n+++\n");
        assert_eq!((problems[0].line, problems[0].column), (3, 5));
        assert!(
            problems[0]
                .message
                .starts_with("the front matter is not valid TOML: ")
        );
        let (_, problems) = page("---\ntitle: T\ntitle: U\n---\n");
        assert!(problems[0].message.contains("duplicate"), "{problems:?}");
        let (_, problems) = page("---\n- a\n---\n");
        assert_eq!(
            described(&problems),
            vec![(
                2,
                1,
                "the YAML front matter is not a mapping of keys to values".into(),
                Severity::Error
            )]
        );
        let lines = LineIndex::new("# T\n");
        let (meta, problems) =
            read_page_meta(None, "# T\n", &lines, "content/t.md", ("T".into(), 2..3));
        assert_eq!(meta.title, ("T".into(), 2..3));
        assert_eq!(problems[0].message, "the page has no front matter");
    }

    #[test]
    fn yaml_with_too_many_brackets_is_refused_before_it_is_parsed() {
        let few = "title: T\ntags: [a, b]\nmenu: {main: {weight: 2}}\n";
        assert!(read_keys(Format::Yaml, few).is_ok());
        let list = format!(
            "title: T\nitems: [{}]\n",
            "{a: 1}, ".repeat(MAX_YAML_BRACKETS - 1)
        );
        assert!(read_keys(Format::Yaml, &list).is_ok());
        let deep = format!(
            "title: T\ntags: {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        let Err(e) = read_keys(Format::Yaml, &deep) else {
            panic!("accepted")
        };
        assert_eq!((e.line, e.column), (2, 7 + MAX_YAML_BRACKETS));
        // Brackets a string pretends to close still count.
        let hidden = format!("tags: {}\n", "[[ \"]]\", ".repeat(200));
        assert!(read_keys(Format::Yaml, &hidden).is_err());
    }

    #[test]
    fn import_reads_the_same_keys_leniently() {
        let fm = strings_of(
            "---\nlayout: post\ntitle: \" Hiboux \"\ndraft: true\nweight: x\n2024: y\n---\nBody\n",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Hiboux"));
        assert_eq!(fm.description, None);
        assert_eq!(fm.other_keys, vec!["layout", "draft", "weight", "2024"]);
        let fm =
            strings_of("+++\ntitle = 3.5\ndescription = true\n[menu.main]\nx = 1\n+++\n").unwrap();
        assert_eq!((fm.title.as_deref(), fm.description), (Some("3.5"), None));
        assert_eq!(fm.other_keys, vec!["menu"]);
    }
}
