//! The commands that edit the site's files for translators: `sync` (each locale's files
//! brought in line with the reference: templates for missing messages, obsolete ones
//! commented out, source hashes recorded or marked current), `new-locale`, `import`
//! (existing translations turned into Fluent messages) and `init` (a new site), with the
//! text edits they share.
//!
//! What they write into translation files are Fluent comments, so a file stays valid
//! Fluent and a message commented out stays missing (lint keeps reporting it, the build
//! keeps showing the source):
//!
//! ```fluent
//! # fluentpress: missing; source 1a2b3c4d
//! # human-rights-the-people-of-north = The people of North Korea …
//! ```
//!
//! is a template: the translator removes `# ` at the start of the message's lines and
//! translates; the comment line above stays and records the source text's hash.
//!
//! ```fluent
//! # fluentpress: obsolete (no longer in the reference); kept for reference
//! # fluentpress: source 1a2b3c4d
//! # old-id = 옛 번역
//! ```
//!
//! is a message the reference no longer has, commented out rather than deleted.

pub mod import;
pub mod init;
pub mod new_locale;
pub mod sync;

use crate::ftl::{self, FtlEntry, FtlFile, META_PREFIX};
use crate::project::Segment;
use std::ops::Range;

/// The word that marks a template (`# fluentpress: missing; source HASH`).
pub const MISSING: &str = "missing";

/// The comment line put above a message that `sync` commented out.
pub const OBSOLETE_NOTE: &str = "obsolete (no longer in the reference); kept for reference";

/// Comments out every line of `text` with `# ` (a blank line becomes `#`), keeping its
/// line endings. The result always ends with a line break.
pub fn comment_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches('\n');
        let ending = &piece[line.len()..];
        if line.trim().is_empty() {
            out.push('#');
        } else {
            out.push_str("# ");
            out.push_str(line);
        }
        out.push_str(if ending.is_empty() { "\n" } else { ending });
    }
    out
}

/// The template of a page's segment: the marker line with the source hash, then the
/// message as the reference writes it, commented out.
pub fn page_template(seg: &Segment) -> String {
    format!(
        "# {META_PREFIX} {MISSING}; source {}\n{}",
        seg.hash,
        comment_out(&format!("{} ={}\n", seg.id, ftl::escape_pattern(&seg.text)))
    )
}

/// Byte offset of the start of the line holding `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The template of a `site.ftl` message: the marker line, the reference's own comment
/// lines above the message (what the string is for), then the message commented out.
pub fn site_template(reference: &FtlFile, entry: &FtlEntry) -> String {
    let source = reference.source();
    let id_line = line_start(source, entry.offset);
    let notes: String = source[entry.range.start..id_line]
        .split_inclusive('\n')
        .filter(|line| !line.contains(META_PREFIX))
        .collect();
    let body = format!("{}\n", source[id_line..entry.range.end].trim_end());
    format!("# {META_PREFIX} {MISSING}\n{notes}{}", comment_out(&body))
}

/// A template found in a file: the message id it stands for and the lines it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: String,
    pub range: Range<usize>,
}

/// The id defined by a line `id = …` (or `-term = …`), if the line is one.
pub(crate) fn defined_id(line: &str) -> Option<&str> {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len());
    let id = &line[..end];
    let name = id.strip_prefix('-').unwrap_or(id);
    if !ftl::is_identifier(name) {
        return None;
    }
    line[end..]
        .trim_start_matches([' ', '\t'])
        .starts_with('=')
        .then_some(id)
}

/// Is this line fluentpress's template marker (`# fluentpress: missing…`)?
fn is_marker(line: &str) -> bool {
    line.strip_prefix('#')
        .map(str::trim_start)
        .and_then(|l| l.strip_prefix(META_PREFIX))
        .and_then(|rest| rest.split(';').next())
        .is_some_and(|first| first.trim() == MISSING)
}

/// Every template in a file's text: a marker line followed by comment lines, one of
/// which is a commented-out `id = …`.
pub fn find_templates(text: &str) -> Vec<Template> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for piece in text.split_inclusive('\n') {
        lines.push((pos, piece.trim_end_matches('\n')));
        pos += piece.len();
    }
    let end_of = |i: usize| lines.get(i + 1).map_or(text.len(), |(start, _)| *start);
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_marker(lines[i].1) {
            i += 1;
            continue;
        }
        let start = lines[i].0;
        let mut id = None;
        let mut j = i + 1;
        while j < lines.len() {
            let line = lines[j].1;
            if !(line == "#" || line.starts_with("# ")) || is_marker(line) {
                break;
            }
            if id.is_none() {
                id = line.strip_prefix("# ").and_then(defined_id);
            }
            j += 1;
        }
        if let Some(id) = id {
            found.push(Template {
                id: id.to_string(),
                range: start..end_of(j - 1),
            });
        }
        i = j;
    }
    found
}

/// Ids that a file's junk (text Fluent could not parse) starts to define: a message
/// being written that does not parse yet is not missing.
pub(crate) fn junk_ids(file: &FtlFile) -> Vec<String> {
    let source = file.source();
    file.syntax_errors
        .iter()
        .filter_map(|e| source.get(e.junk.clone()))
        .flat_map(|junk| junk.lines())
        .filter_map(defined_id)
        .map(String::from)
        .collect()
}

/// An edit of a file's text: replace `range` (empty for an insertion) with `text`.
#[derive(Debug, Clone)]
pub(crate) struct Edit {
    pub range: Range<usize>,
    /// Among edits at the same place: lower first.
    pub rank: u8,
    pub text: String,
}

/// Applies non-overlapping edits.
pub(crate) fn apply_edits(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.rank, e.range.end));
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            // Overlapping edits are never made; skip rather than corrupt the file.
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The text to insert at `pos` so that `blocks` (each ending with a line break) stand
/// apart from what is around them by blank lines: a comment directly above a message
/// would belong to that message.
pub(crate) fn insertion(text: &str, pos: usize, blocks: &[String]) -> String {
    let mut out = String::new();
    if pos > 0 && !text[..pos].ends_with('\n') {
        out.push('\n');
    }
    let before = &text[..pos];
    let before_is_blank = pos == 0 || before == "\n" || before.ends_with("\n\n");
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 || !before_is_blank {
            out.push('\n');
        }
        out.push_str(block);
    }
    let after = &text[pos..];
    if !after.is_empty() && !after.starts_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_out_marks_every_line_and_blank_lines() {
        // Texts are held with LF line ends (`source::TextFile`); a file's CRLF ends are
        // restored when it is written (`source::TextStyle::encode`).
        assert_eq!(comment_out("a = b\n    c\n"), "# a = b\n#     c\n");
        assert_eq!(comment_out("a = b\n\n    c"), "# a = b\n#\n#     c\n");
    }

    #[test]
    fn defined_ids() {
        assert_eq!(defined_id("page-title = x"), Some("page-title"));
        assert_eq!(defined_id("a_b=x"), Some("a_b"));
        assert_eq!(defined_id("-brand = x"), Some("-brand"));
        assert_eq!(defined_id("The first link = x"), None);
        assert_eq!(defined_id("fluentpress: missing"), None);
        assert_eq!(defined_id("9x = y"), None);
    }

    #[test]
    fn finds_templates_and_their_lines() {
        let text = "a = A\n\n# fluentpress: missing; source 0123abcd\n# b =\n#     two\n#     lines\n\n# fluentpress: missing\n# What c is for.\n# c = C\nd = D\n# fluentpress: missing\n\n";
        let found = find_templates(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].id, "b");
        assert_eq!(
            &text[found[0].range.clone()],
            "# fluentpress: missing; source 0123abcd\n# b =\n#     two\n#     lines\n"
        );
        assert_eq!(found[1].id, "c");
        assert_eq!(
            &text[found[1].range.clone()],
            "# fluentpress: missing\n# What c is for.\n# c = C\n"
        );
    }

    #[test]
    fn a_template_is_a_comment_and_reads_back_as_the_message() {
        let file = FtlFile::parse(
            "r.ftl".into(),
            "# fluentpress: paragraph; source 0123abcd\nm =\n    {\"[\"}x]\n    y {\"{\"}\n".into(),
            crate::source::TextStyle::NEW,
        );
        let project = crate::project::Project::in_memory(
            crate::config::Config::default(),
            &[(
                "p",
                "+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\nOne {brace}\n[two] lines.\n",
            )],
            &[("en", &[("p.ftl", file.source())])],
        );
        let page = &project.models().unwrap()[0];
        let seg = page
            .segments
            .iter()
            .find(|s| s.text.contains("brace"))
            .unwrap();
        let template = page_template(seg);
        let parsed = FtlFile::parse(
            "t.ftl".into(),
            template.clone(),
            crate::source::TextStyle::NEW,
        );
        assert!(
            parsed.entries.is_empty() && parsed.syntax_errors.is_empty(),
            "{template}"
        );
        let uncommented: String = template
            .lines()
            .map(|l| {
                if l.starts_with("# fluentpress:") {
                    l.to_string()
                } else {
                    l.strip_prefix("# ")
                        .unwrap_or(l.trim_start_matches('#'))
                        .to_string()
                }
            })
            .map(|l| l + "\n")
            .collect();
        let back = FtlFile::parse(
            "u.ftl".into(),
            uncommented.clone(),
            crate::source::TextStyle::NEW,
        );
        assert_eq!(
            back.simple_value(&seg.id).as_deref(),
            Some(seg.text.as_str()),
            "{uncommented}"
        );
        assert_eq!(
            back.get(&seg.id).unwrap().meta.source_hash.as_deref(),
            Some(seg.hash.as_str())
        );
    }

    #[test]
    fn insertions_stand_apart() {
        let text = "a = A\nb = B\n";
        let ins = insertion(text, 6, &["# T\n".into()]);
        assert_eq!(
            apply_edits(
                text,
                vec![Edit {
                    range: 6..6,
                    rank: 0,
                    text: ins
                }]
            ),
            "a = A\n\n# T\n\nb = B\n"
        );
        let ins = insertion(text, text.len(), &["# T\n".into(), "# U\n".into()]);
        assert_eq!(format!("{text}{ins}"), "a = A\nb = B\n\n# T\n\n# U\n");
        let text = "### head\n\na = A";
        let ins = insertion(text, 10, &["# T\n".into()]);
        assert_eq!(
            format!("{}{ins}{}", &text[..10], &text[10..]),
            "### head\n\n# T\n\na = A"
        );
        let ins = insertion(text, text.len(), &["# T\n".into()]);
        assert_eq!(format!("{text}{ins}"), "### head\n\na = A\n\n# T\n");
    }
}
