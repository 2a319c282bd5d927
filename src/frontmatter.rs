//! Front matter of a Markdown file, TOML (`+++`) or YAML (`---`): split from the body
//! and read into the strings fluentpress translates (`title`, `description`) and the
//! names of the other keys. Used by `import` for other tools' translated files (Hugo,
//! Jekyll and Docusaurus write YAML); small and self-contained so the content loader
//! can use it too.

/// Which syntax the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// What the front matter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub format: Format,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The other top-level keys, in the order written (TOML: sorted).
    pub other_keys: Vec<String>,
    /// 1-based line of the opening delimiter's following line (where the keys start).
    pub first_line: usize,
}

/// A file split into its front matter and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: Option<FrontMatter>,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
    /// Number of lines before the body (add to a body line to get a file line).
    pub body_line_offset: usize,
}

/// Front matter that cannot be read, with the 1-based line of the file where it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Splits `text` (without a byte-order mark) into front matter and body. A file that
/// does not start with a `+++` or `---` line has no front matter; an opening line
/// without its closing line, or keys that do not parse, is an error.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end_matches('\r').trim_end();
    let format = match first {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Ok(Split {
                front_matter: None,
                body: text,
                body_offset: 0,
                body_line_offset: 0,
            });
        }
    };
    // The closing line.
    let mut pos = (first_end + 1).min(text.len());
    let keys_start = pos;
    let mut line_no = 2;
    loop {
        if pos >= text.len() {
            return Err(FrontMatterError {
                line: 1,
                message: format!("the front matter opened by `{first}` is never closed"),
            });
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end_matches('\r').trim_end();
        let closes = match format {
            Format::Toml => line == "+++",
            Format::Yaml => line == "---" || line == "...",
        };
        if closes {
            let keys = &text[keys_start..pos];
            let body_offset = (end + 1).min(text.len());
            let front_matter = parse_keys(format, keys)?;
            return Ok(Split {
                front_matter: Some(front_matter),
                body: &text[body_offset..],
                body_offset,
                body_line_offset: line_no,
            });
        }
        pos = end + 1;
        line_no += 1;
    }
}

fn parse_keys(format: Format, keys: &str) -> Result<FrontMatter, FrontMatterError> {
    // Lines of the file = lines of the keys + 1 (the opening delimiter).
    let mut out = FrontMatter {
        format,
        title: None,
        description: None,
        other_keys: Vec::new(),
        first_line: 2,
    };
    match format {
        Format::Toml => {
            let table: toml::Table = keys.parse().map_err(|e: toml::de::Error| {
                let offset = e.span().map_or(0, |s| s.start);
                FrontMatterError {
                    line: 2 + keys[..offset.min(keys.len())].matches('\n').count(),
                    message: format!("the front matter is not valid TOML: {}", e.message()),
                }
            })?;
            for (key, value) in &table {
                let text = match value {
                    toml::Value::String(s) => Some(s.trim().to_string()),
                    toml::Value::Integer(i) => Some(i.to_string()),
                    toml::Value::Float(f) => Some(f.to_string()),
                    _ => None,
                };
                out.set(key, text);
            }
        }
        Format::Yaml => {
            if keys.trim().is_empty() {
                return Ok(out);
            }
            let value: yaml_serde::Value =
                yaml_serde::from_str(keys).map_err(|e| FrontMatterError {
                    line: 1 + e.location().map_or(1, |l| l.line()),
                    message: format!("the front matter is not valid YAML: {e}"),
                })?;
            let yaml_serde::Value::Mapping(map) = value else {
                return Err(FrontMatterError {
                    line: 2,
                    message: "the YAML front matter is not a mapping of keys to values".into(),
                });
            };
            for (key, value) in &map {
                let key = match key {
                    yaml_serde::Value::String(s) => s.clone(),
                    yaml_serde::Value::Number(n) => n.to_string(),
                    yaml_serde::Value::Bool(b) => b.to_string(),
                    _ => continue,
                };
                let text = match value {
                    yaml_serde::Value::String(s) => Some(s.trim().to_string()),
                    yaml_serde::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                };
                out.set(&key, text);
            }
        }
    }
    Ok(out)
}

impl FrontMatter {
    fn set(&mut self, key: &str, text: Option<String>) {
        let text = text.filter(|t| !t.is_empty());
        match key {
            "title" => self.title = text,
            "description" => self.description = text,
            _ => self.other_keys.push(key.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_yaml_give_the_same_strings() {
        let toml = split("+++\ntitle = \"Hiboux\"\ndescription = \"Tout sur eux.\"\nweight = 3\n+++\n\n# Corps\n").unwrap();
        let yaml = split(
            "---\ntitle: Hiboux\ndescription: \"Tout sur eux.\"\ndraft: false\n---\n\n# Corps\n",
        )
        .unwrap();
        for s in [&toml, &yaml] {
            let fm = s.front_matter.as_ref().unwrap();
            assert_eq!(fm.title.as_deref(), Some("Hiboux"));
            assert_eq!(fm.description.as_deref(), Some("Tout sur eux."));
            assert_eq!(s.body, "\n# Corps\n");
        }
        assert_eq!(toml.front_matter.unwrap().other_keys, vec!["weight"]);
        assert_eq!(yaml.front_matter.unwrap().other_keys, vec!["draft"]);
        assert_eq!(yaml.body_line_offset, 5);
    }

    #[test]
    fn no_front_matter_and_errors_with_lines() {
        let s = split("# Titre\n\nTexte.\n").unwrap();
        assert!(s.front_matter.is_none());
        assert_eq!(s.body_offset, 0);
        let e = split("---\ntitle: a\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = split("---\ntitle: a\nx: [1\n---\nbody\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        let e = split("+++\ntitle = \"a\"\nx = = 1\n+++\n").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let e = split("---\n- a\n- b\n---\n").unwrap_err();
        assert!(e.message.contains("mapping"));
        // CRLF files.
        let s = split("---\r\ntitle: T\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(s.front_matter.unwrap().title.as_deref(), Some("T"));
        assert_eq!(s.body, "Body\r\n");
    }
}
