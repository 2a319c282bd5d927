//! Fluent files: each `.ftl` file parsed once into a [`FtlFile`] — the resource the
//! bundles use, where every entry starts, the syntax errors, and fluentpress's own
//! comments (segment kind, source hash, history) — and the writer that turns segment
//! text into Fluent so translators never meet Fluent escaping.

use crate::markdown::SegmentKind;
use crate::source::LineIndex;
use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use std::ops::Range;
use std::path::PathBuf;

/// The prefix of the comment lines fluentpress reads and writes above a message.
pub const META_PREFIX: &str = "fluentpress:";

/// How deep placeables (`{ … }`) and call arguments (`F( … )`) may nest in a Fluent file.
/// The Fluent parser recurses once for each level (about 11,000 levels overflow the main
/// thread's stack, fewer a worker's), so a deeper file is refused before the parser sees
/// it: one `syntax-error` at the brace that goes too deep, and nothing of the file read.
/// Real files nest two or three deep (`{"{"}`, the escape of a brace, is one).
pub const MAX_NESTING: usize = 100;

/// One parsed `.ftl` file.
pub struct FtlFile {
    /// Path relative to the site root, with `/` separators (as diagnostics show it).
    pub rel_path: PathBuf,
    pub resource: FluentResource,
    /// The file's text when it was too deeply nested to parse (`resource` is then empty).
    refused: Option<String>,
    /// Built when a position is first asked for (most files never need one).
    lines: std::sync::OnceLock<LineIndex>,
    pub entries: Vec<FtlEntry>,
    /// Indices of `entries` sorted by id (stably: the first definition of an id first).
    by_id: Vec<u32>,
    pub syntax_errors: Vec<SyntaxError>,
    /// How the file on disk was written (a rewrite keeps it).
    pub style: crate::source::TextStyle,
}

impl std::fmt::Debug for FtlFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FtlFile")
            .field("rel_path", &self.rel_path)
            .field("entries", &self.entries.len())
            .finish()
    }
}

/// A message or term of a file.
#[derive(Debug, Clone)]
pub struct FtlEntry {
    /// The identifier; terms keep their leading `-`.
    pub id: String,
    pub is_term: bool,
    /// Index in `resource.entries()`.
    pub index: usize,
    /// Byte offset of the identifier.
    pub offset: usize,
    /// The whole entry: its attached comment, the message, its attributes.
    pub range: Range<usize>,
    pub attributes: Vec<String>,
    pub has_value: bool,
    pub meta: Meta,
    /// A later definition of an id the file defined before (lint's `duplicate-id`; the
    /// first definition is the one used).
    pub duplicate: bool,
}

/// What fluentpress's comment lines above a message say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The segment kind (reference files only).
    pub kind: Option<SegmentKind>,
    /// Reference: hash of the current source text. Translation: hash of the source text
    /// the translation was made from.
    pub source_hash: Option<String>,
    /// Reference files: earlier source texts by hash, kept while a translation refers to them.
    pub history: Vec<(String, String)>,
    /// The translator says the text is right as it is, identical to the source.
    pub allow_untranslated: bool,
}

impl Meta {
    fn read(lines: &[&str]) -> Meta {
        let mut meta = Meta::default();
        for line in lines {
            let Some(rest) = line.trim().strip_prefix(META_PREFIX) else {
                continue;
            };
            let rest = rest.trim();
            if let Some(was) = rest.strip_prefix("was ") {
                if let Some((hash, text)) = was.split_once(": ") {
                    meta.history
                        .push((hash.trim().to_string(), text.to_string()));
                }
                continue;
            }
            for part in rest.split(';').map(str::trim) {
                if let Some(hash) = part.strip_prefix("source ") {
                    meta.source_hash = Some(hash.trim().to_string());
                } else if part == "allow untranslated" {
                    meta.allow_untranslated = true;
                } else if let Some(kind) = SegmentKind::from_label(part) {
                    meta.kind = Some(kind);
                }
            }
        }
        meta
    }
}

/// Fluent junk, with the parser's message.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub offset: usize,
    pub message: String,
    /// The junk entry (the text that was skipped).
    pub junk: Range<usize>,
}

/// Byte offset of `slice` inside `source`, if it is a slice of it.
fn offset_in(source: &str, slice: &str) -> Option<usize> {
    let start = source.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    (at >= start && at + slice.len() <= start + source.len()).then(|| at - start)
}

impl FtlFile {
    /// Parses a file's text (already decoded). Never fails: junk becomes syntax errors,
    /// and a file nested deeper than [`MAX_NESTING`] is one syntax error, unread.
    pub fn parse(rel_path: PathBuf, text: String, style: crate::source::TextStyle) -> FtlFile {
        if let Err(at) = nesting_depth(&text, MAX_NESTING) {
            let junk = 0..text.len();
            return FtlFile {
                rel_path,
                resource: FluentResource::try_new(String::new()).unwrap_or_else(|(r, _)| r),
                refused: Some(text),
                lines: std::sync::OnceLock::new(),
                entries: Vec::new(),
                by_id: Vec::new(),
                syntax_errors: vec![SyntaxError {
                    offset: at,
                    message: format!(
                        "placeables or call arguments nested more than {MAX_NESTING} deep; nothing in this file is read"
                    ),
                    junk,
                }],
                style,
            };
        }
        let (resource, errors) = match FluentResource::try_new(text) {
            Ok(resource) => (resource, Vec::new()),
            Err((resource, errors)) => (resource, errors),
        };
        let source = resource.source();
        let mut entries = Vec::new();
        for (index, entry) in resource.entries().enumerate() {
            let (id, is_term, attributes, has_value) = match entry {
                ast::Entry::Message(m) => (m.id.name, false, &m.attributes, m.value.is_some()),
                ast::Entry::Term(t) => (t.id.name, true, &t.attributes, true),
                _ => continue,
            };
            let Some(offset) = offset_in(source, id) else {
                continue;
            };
            let range = entry_range(source, offset);
            let comment_lines: Vec<&str> = source[range.start..offset]
                .lines()
                .map(|l| l.trim_start_matches('#').trim_start())
                .collect();
            let id = if is_term {
                format!("-{id}")
            } else {
                id.to_string()
            };
            entries.push(FtlEntry {
                id,
                is_term,
                index,
                offset,
                range,
                attributes: attributes.iter().map(|a| a.id.name.to_string()).collect(),
                has_value,
                meta: Meta::read(&comment_lines),
                duplicate: false,
            });
        }
        let syntax_errors = errors
            .into_iter()
            .map(|e| {
                let junk = e.slice.clone().unwrap_or(e.pos.clone());
                let junk = junk.start.min(source.len())..junk.end.min(source.len());
                // The parser may stop at the end of the file or at the next line; point
                // at the last character of the junk instead, where the reader looks.
                let trimmed = source[junk.clone()].trim_end();
                let last_char = trimmed.chars().next_back().map_or(0, char::len_utf8);
                let junk_end = junk.start + trimmed.len() - last_char;
                SyntaxError {
                    offset: e.pos.start.min(junk_end.max(junk.start)),
                    message: e.kind.to_string(),
                    junk,
                }
            })
            .collect();
        // Sorted lookups: no hashing of ids a translator chose, no copies of them.
        let mut by_id: Vec<u32> = (0..entries.len() as u32).collect();
        by_id.sort_by(|&a, &b| entries[a as usize].id.cmp(&entries[b as usize].id));
        // The sort is stable: of equal ids, all but the first in the file are duplicates.
        for pair in by_id.windows(2) {
            if entries[pair[0] as usize].id == entries[pair[1] as usize].id {
                entries[pair[1] as usize].duplicate = true;
            }
        }
        FtlFile {
            rel_path,
            resource,
            refused: None,
            lines: std::sync::OnceLock::new(),
            entries,
            by_id,
            syntax_errors,
            style,
        }
    }

    /// The file was nested too deep to parse: it has no entries, one syntax error, and
    /// its text is kept as it was (so nothing that edits files mistakes it for empty).
    pub fn is_refused(&self) -> bool {
        self.refused.is_some()
    }

    pub fn source(&self) -> &str {
        self.refused
            .as_deref()
            .unwrap_or_else(|| self.resource.source())
    }

    /// The entry with this id; the first definition wins, as in a Fluent bundle (lint
    /// reports the duplicate).
    pub fn get(&self, id: &str) -> Option<&FtlEntry> {
        self.position(id).map(|i| &self.entries[i])
    }

    /// The index in `entries` of the first definition of `id`.
    fn position(&self, id: &str) -> Option<usize> {
        let first = self
            .by_id
            .partition_point(|&i| self.entries[i as usize].id.as_str() < id);
        let i = *self.by_id.get(first)? as usize;
        (self.entries[i].id == id).then_some(i)
    }

    /// [`get`](Self::get) for ids asked for in about the order the file defines them (a
    /// translation follows its reference file): the entry at `*next` is tried first,
    /// and `*next` is left after the entry found. Gives the entry's index too.
    pub fn get_in_order(&self, id: &str, next: &mut usize) -> Option<(usize, &FtlEntry)> {
        let i = match self.entries.get(*next) {
            Some(entry) if entry.id == id && !entry.duplicate => *next,
            _ => self.position(id)?,
        };
        *next = i + 1;
        Some((i, &self.entries[i]))
    }

    /// The message's AST, for formatting or inspection.
    pub fn message(&self, entry: &FtlEntry) -> Option<&ast::Message<&str>> {
        match self.resource.get_entry(entry.index)? {
            ast::Entry::Message(m) => Some(m),
            _ => None,
        }
    }

    /// The message's value as plain text, when it is only text and string literals.
    pub fn simple_value(&self, id: &str) -> Option<String> {
        let entry = self.get(id)?;
        pattern_text(self.message(entry)?.value.as_ref()?)
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines
            .get_or_init(|| LineIndex::new(self.source()))
            .line_col(self.source(), offset)
    }
}

/// What the nesting scan is inside of (see [`nesting_depth`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `{`, before any `->`.
    Placeable,
    /// `(` of a function or term call.
    Call,
    /// A select's variants, after `->` (the placeable it replaced).
    Variants,
    /// A variant's pattern (text, in which `{` opens a placeable).
    Variant,
}

/// Whether `line` starts a message or term (`id =`, `-id =`) at its first byte. Inside
/// an open placeable the parser fails at such a line at the latest, and starts afresh.
fn starts_entry(line: &[u8]) -> bool {
    let name = line.strip_prefix(b"-").unwrap_or(line);
    let Some((first, rest)) = name.split_first() else {
        return false;
    };
    if !first.is_ascii_alphabetic() {
        return false;
    }
    let after = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .map_or(&[][..], |i| &rest[i..]);
    let after = &after[after.iter().take_while(|b| **b == b' ').count()..];
    after.first() == Some(&b'=')
}

/// The deepest nesting of placeables and call arguments in a Fluent file, or the byte
/// offset of the `{` or `(` that first goes deeper than `limit`.
///
/// A byte scan that follows the grammar as far as nesting needs: string literals inside
/// placeables (`{"{"}` is one level; a literal ends at its quote or the line's end, as
/// in the parser), a select's variants and their patterns, and comment lines. It never
/// counts fewer levels than the parser recurses into: where it is unsure it keeps a
/// level open, and it forgets open levels only where the parser fails and starts
/// afresh (a `#` or `id =` line at the first column). Linear in the text's length.
pub fn nesting_depth(text: &str, limit: usize) -> Result<usize, usize> {
    let b = text.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    // Open levels that count: all but `Variant`, which belongs to its `Variants`.
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        if line_start {
            line_start = false;
            let c = b[i];
            if c == b'#' || starts_entry(&b[i..]) {
                open.clear();
                depth = 0;
                if c == b'#' {
                    // A comment line.
                    i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                    continue;
                }
            } else if open.last() == Some(&Open::Variant) {
                // A variant's pattern continues on indented lines, up to a line that
                // starts another variant (`[`, `*[`) or is not indented.
                match b[i..].iter().find(|&&x| x != b' ') {
                    Some(b'[' | b'*') => {
                        open.pop();
                    }
                    Some(b'}' | b'\n') | None => {}
                    Some(_) if c != b' ' => {
                        open.pop();
                    }
                    Some(_) => {}
                }
            }
        }
        // In text (outside placeables, or in a variant's pattern) only braces and line
        // ends matter: most of a file is passed over here, as fast as the parser does.
        if matches!(open.last(), None | Some(Open::Variant)) {
            match memchr::memchr3(b'{', b'}', b'\n', &b[i..]) {
                Some(skip) => i += skip,
                None => break,
            }
        }
        let c = b[i];
        let top = open.last().copied();
        match (top, c) {
            (None | Some(Open::Variant), b'{') | (Some(Open::Placeable | Open::Call), b'{') => {
                open.push(Open::Placeable);
                depth += 1;
            }
            (Some(Open::Placeable | Open::Call), b'(') => {
                open.push(Open::Call);
                depth += 1;
            }
            (Some(Open::Call), b')') => {
                open.pop();
                depth -= 1;
            }
            (Some(Open::Placeable | Open::Call), b'}') => {
                // Closes the innermost placeable (and any call left open in it).
                while let Some(o) = open.pop() {
                    depth -= 1;
                    if o == Open::Placeable {
                        break;
                    }
                }
            }
            (Some(Open::Variant), b'}') => {
                // Ends the variant and closes the select's placeable.
                open.pop();
                if open.pop().is_some() {
                    depth -= 1;
                }
            }
            (Some(Open::Variants), b'}') => {
                open.pop();
                depth -= 1;
            }
            (Some(Open::Placeable), b'-') if b.get(i + 1) == Some(&b'>') => {
                open.pop();
                open.push(Open::Variants);
                i += 1;
            }
            (Some(Open::Placeable | Open::Call), b'"') => {
                // A string literal: to its closing quote, or to the line's end.
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    if b[i] == b'\\' && b.get(i + 1).is_some_and(|&n| n != b'\n') {
                        i += 1;
                    }
                    i += 1;
                }
                if b.get(i) == Some(&b'\n') {
                    line_start = true;
                }
            }
            (Some(Open::Variants), b'[') => {
                // A variant's key, then its pattern.
                while i < b.len() && b[i] != b']' && b[i] != b'\n' {
                    i += 1;
                }
                if b.get(i) == Some(&b'\n') {
                    line_start = true;
                } else {
                    open.push(Open::Variant);
                }
            }
            _ => {}
        }
        if depth > limit {
            return Err(i);
        }
        deepest = deepest.max(depth);
        if c == b'\n' {
            line_start = true;
        }
        i += 1;
    }
    Ok(deepest)
}

/// The byte range of the entry whose identifier is at `id_offset`: attached `#` comment
/// lines above it, and the indented lines below it that continue it.
fn entry_range(source: &str, id_offset: usize) -> Range<usize> {
    let line_start = source[..id_offset].rfind('\n').map_or(0, |i| i + 1);
    let mut start = line_start;
    while start > 0 {
        let prev_start = source[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        let prev = &source[prev_start..start - 1];
        if prev == "#" || prev.starts_with("# ") {
            start = prev_start;
        } else {
            break;
        }
    }
    let mut end = source[id_offset..]
        .find('\n')
        .map_or(source.len(), |i| id_offset + i + 1);
    let mut cursor = end;
    while cursor < source.len() {
        let next_end = source[cursor..]
            .find('\n')
            .map_or(source.len(), |i| cursor + i + 1);
        let line = &source[cursor..next_end];
        if line.trim().is_empty() {
            cursor = next_end;
            continue;
        }
        if line.starts_with(' ') {
            cursor = next_end;
            end = next_end;
        } else {
            break;
        }
    }
    start..end
}

/// The text of a pattern made only of text and string literals (what the writer makes).
pub fn pattern_text(pattern: &ast::Pattern<&str>) -> Option<String> {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
            } => out.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(value)),
            _ => return None,
        }
    }
    Some(out)
}

/// Writes `text` as a Fluent pattern, to follow `id =`, escaping only what Fluent would
/// misread, so that reading the file back yields exactly `text`: braces (`{"{"}`), spaces
/// Fluent would trim at a line's start or end (`{"  "}`), an empty line (`{""}`), and a
/// continuation line that starts with `[`, `*` or `.` (which Fluent reads as a variant or
/// an attribute): an empty `{""}` before it, so `**bold**` stays whole for the
/// translator. The first line goes on the `id =` line, where those characters are
/// plain text, whenever that spares an escape.
pub fn escape_pattern(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() == 1 {
        return format!(" {}", escape_line(lines[0], false));
    }
    let mut out = String::new();
    let mut rest = &lines[..];
    if lines[0].starts_with(['[', '*', '.']) {
        out.push(' ');
        out.push_str(&escape_line(lines[0], false));
        rest = &lines[1..];
    }
    for line in rest {
        out.push_str("\n    ");
        out.push_str(&escape_line(line, true));
    }
    out
}

fn literal(s: &str) -> String {
    format!("{{\"{s}\"}}")
}

fn escape_line(line: &str, continuation: bool) -> String {
    if line.is_empty() {
        return literal("");
    }
    let body = line.trim_start_matches(' ');
    let leading = &line[..line.len() - body.len()];
    let trimmed = body.trim_end_matches(' ');
    let trailing = &body[trimmed.len()..];
    let mut out = String::with_capacity(line.len() + 8);
    if !leading.is_empty() {
        out.push_str(&literal(leading));
    } else if continuation && trimmed.starts_with(['[', '*', '.']) {
        out.push_str(&literal(""));
    }
    for c in trimmed.chars() {
        match c {
            '{' => out.push_str(&literal("{")),
            '}' => out.push_str(&literal("}")),
            _ => out.push(c),
        }
    }
    if !trailing.is_empty() {
        out.push_str(&literal(trailing));
    }
    out
}

/// Short hash of a source text, recorded in reference and translated files to notice
/// translations of older text. Runs of whitespace count as one space and typographic
/// quotes as straight ones, so re-wrapping a paragraph or retyping its quotes does not
/// make its translations outdated.
pub fn source_hash(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !normal.is_empty() {
            normal.push(' ');
        }
        normal.extend(word.chars().map(|c| match c {
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '‟' | '″' => '"',
            c => c,
        }));
    }
    format!(
        "{:08x}",
        xxhash_rust::xxh3::xxh3_64(normal.as_bytes()) >> 32
    )
}

/// True when `id` is a valid Fluent message identifier.
pub fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The lines of a reference file but its history lines (`# fluentpress: was …`).
pub fn lines_without_history(text: &str) -> impl Iterator<Item = &str> {
    let was = format!("# {META_PREFIX} was ");
    text.lines().filter(move |l| !l.starts_with(&was))
}

/// A reference file without its history lines.
pub fn without_history(text: &str) -> String {
    lines_without_history(text).collect::<Vec<_>>().join("\n")
}

/// A digest of a reference file's text without its history lines, line by line (the
/// line ending aside): equal digests mean the same messages, ids, hashes and comments.
pub fn reference_digest(text: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for line in lines_without_history(text) {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    hasher.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_back(text: &str) -> String {
        let ftl = format!("m ={}\n", escape_pattern(text));
        let file = FtlFile::parse("t.ftl".into(), ftl.clone(), crate::source::TextStyle::NEW);
        assert!(
            file.syntax_errors.is_empty(),
            "{ftl:?}: {:?}",
            file.syntax_errors
        );
        file.simple_value("m")
            .unwrap_or_else(|| panic!("not simple: {ftl:?}"))
    }

    #[test]
    fn escapes_what_fluent_would_misread() {
        for text in [
            "plain",
            "{braces} and }{",
            "line one\n[not a variant]\n*not default\n.not attribute",
            "  leading and trailing  ",
            "a\n  indented\nb",
            "[first] on the id line",
            "tab\there",
        ] {
            assert_eq!(read_back(text), text);
        }
    }

    /// Every `{"…"}` of a written pattern, with whether it starts its line and ends it.
    fn escapes(written: &str) -> Vec<(String, bool, bool)> {
        let mut out = Vec::new();
        for line in written.split('\n') {
            let line = line.trim_start_matches(' ');
            let mut at = 0;
            while let Some(i) = line[at..].find("{\"") {
                let start = at + i;
                let end = start + line[start + 2..].find("\"}").expect("closed") + 4;
                out.push((
                    line[start + 2..end - 2].to_string(),
                    start == 0,
                    end == line.len(),
                ));
                at = end;
            }
        }
        out
    }

    #[test]
    fn bold_at_the_start_of_a_line_stays_whole() {
        let written = escape_pattern("**120 volunteers** wrote\n**it** together\n*x*");
        assert_eq!(
            written,
            " **120 volunteers** wrote\n    {\"\"}**it** together\n    {\"\"}*x*"
        );
        assert!(!written.contains("{\"*\"}"));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
        /// Escapes only where Fluent needs them: a brace anywhere; spaces at a line's
        /// start or end; an empty `{""}` alone (an empty line) or at the start of a
        /// continuation line; never `{"*"}`, `{"["}` or `{"."}`, never anything mid-line
        /// but braces. And the text reads back as it was.
        #[test]
        fn escapes_only_where_fluent_needs_them(text in "[a-z{}\\[\\]*. \"\\\\\\-=$é한\n]{1,60}") {
            let written = escape_pattern(&text);
            prop_assert_eq!(read_back(&text), text.clone(), "{:?}", written);
            for (inner, starts, ends) in escapes(&written) {
                let ok = match inner.as_str() {
                    "{" | "}" => true,
                    "" => starts,
                    spaces if spaces.chars().all(|c| c == ' ') => starts || ends,
                    _ => false,
                };
                prop_assert!(ok, "{:?} in {:?}", inner, written);
            }
        }

        #[test]
        fn any_segment_text_round_trips(text in "[a-z{}\\[\\]*.# \"\\\\\\-=$é한\n]{1,40}") {
            // Segments never start or end with whitespace and hold no blank lines.
            let text = text.trim().to_string();
            prop_assume!(!text.is_empty() && !text.contains("\n\n"));
            prop_assume!(!text.lines().any(|l| l.trim().is_empty()));
            prop_assert_eq!(read_back(&text), text);
        }
    }

    #[test]
    fn lookups_in_file_order_find_the_first_definition() {
        let src = "a = 1\nb = 2\na = 3\nc = 4\n";
        let file = FtlFile::parse(
            "x.ftl".into(),
            src.to_string(),
            crate::source::TextStyle::NEW,
        );
        let duplicates: Vec<bool> = file.entries.iter().map(|e| e.duplicate).collect();
        assert_eq!(duplicates, [false, false, true, false]);
        // In order: each lookup leaves the cursor after the entry found.
        let mut next = 0;
        assert_eq!(file.get_in_order("a", &mut next).map(|(i, _)| i), Some(0));
        assert_eq!(file.get_in_order("b", &mut next).map(|(i, _)| i), Some(1));
        // The cursor points at the second `a`, which is not the one a bundle uses.
        assert_eq!(file.get_in_order("a", &mut next).map(|(i, _)| i), Some(0));
        assert_eq!(next, 1);
        // Out of order, and absent.
        assert_eq!(file.get_in_order("c", &mut next).map(|(i, _)| i), Some(3));
        assert_eq!(file.get_in_order("b", &mut next).map(|(i, _)| i), Some(1));
        assert!(file.get_in_order("zz", &mut next).is_none());
        assert_eq!(next, 2);
    }

    #[test]
    fn reads_meta_comments_and_positions() {
        let src = "### file\n\n# Translator note.\n# fluentpress: paragraph; source 0123abcd\n# fluentpress: was 89abcdef: Old text.\nhello = Hello\n    world\n    .title = T\n\n-term = Term\nbroken = {\n";
        let file = FtlFile::parse(
            "x.ftl".into(),
            src.to_string(),
            crate::source::TextStyle::NEW,
        );
        let hello = file.get("hello").unwrap();
        assert_eq!(hello.meta.kind, Some(SegmentKind::Paragraph));
        assert_eq!(hello.meta.source_hash.as_deref(), Some("0123abcd"));
        assert_eq!(
            hello.meta.history,
            vec![("89abcdef".to_string(), "Old text.".to_string())]
        );
        assert_eq!(hello.attributes, vec!["title"]);
        assert_eq!(file.line_col(hello.offset), (6, 1));
        assert_eq!(
            &src[hello.range.clone()],
            "# Translator note.\n# fluentpress: paragraph; source 0123abcd\n# fluentpress: was 89abcdef: Old text.\nhello = Hello\n    world\n    .title = T\n"
        );
        assert!(file.get("-term").unwrap().is_term);
        assert_eq!(file.syntax_errors.len(), 1);
        assert_eq!(file.line_col(file.syntax_errors[0].offset).0, 11);
    }

    #[test]
    fn nesting_is_counted_as_the_parser_nests() {
        let depth = |t: &str| nesting_depth(t, MAX_NESTING);
        assert_eq!(depth("a = text\n"), Ok(0));
        // The writer's escape of a brace is one level; braces in string literals and
        // comments are not levels.
        assert_eq!(depth("a = {\"{\"} and {\"}\"}\n"), Ok(1));
        assert_eq!(depth(&format!("a = {{\"{}\"}}\n", "{".repeat(500))), Ok(1));
        assert_eq!(depth(&format!("# {}\na = b\n", "{".repeat(500))), Ok(0));
        assert_eq!(depth("a = {\"\\\"{\"}\n"), Ok(1));
        // Selects: the variants belong to their placeable; placeables in them nest.
        let select = "a = { $n ->\n    [one] one { $x }\n   *[other] { { $y } }\n}\nb = { $z }\n";
        assert_eq!(depth(select), Ok(3));
        // Calls nest like placeables.
        assert_eq!(
            depth("a = { NUMBER($n, minimumFractionDigits: 2) }\n"),
            Ok(2)
        );
        assert_eq!(depth("a = { F(G(H($x))) }\n"), Ok(4));
        // The limit, and the first brace beyond it.
        let at_limit = format!("a = {}$x{}\n", "{".repeat(100), "}".repeat(100));
        assert_eq!(depth(&at_limit), Ok(100));
        let beyond = format!("a = {}\n", "{".repeat(11_000));
        assert_eq!(depth(&beyond), Err(4 + 100));
        let calls = format!("a = {{ {}\n", "F(".repeat(11_000));
        assert_eq!(depth(&calls), Err(6 + 2 * 99 + 1));
        // An unclosed brace is forgotten where the parser starts afresh (a new entry or
        // a comment), so a file with a typo in each message is not refused.
        let typos = "a = { $x\n".repeat(500);
        assert_eq!(depth(&typos), Ok(1));
        // … but not inside a placeable, where the parser goes on.
        let lines = format!("a = {}\n", "{\n".repeat(200));
        assert!(depth(&lines).is_err());
        let calls_on_lines = format!("a = {{\n{}", "b(\n".repeat(200));
        assert!(depth(&calls_on_lines).is_err());
    }

    #[test]
    fn a_file_nested_too_deep_is_one_syntax_error_and_kept_as_it_is() {
        let text = format!("ok = Fine\n\ndeep = {}\n", "{".repeat(11_000));
        let file = FtlFile::parse("x.ftl".into(), text.clone(), crate::source::TextStyle::NEW);
        assert!(file.is_refused());
        assert!(file.entries.is_empty() && file.get("ok").is_none());
        assert_eq!(file.source(), text);
        assert_eq!(file.syntax_errors.len(), 1);
        assert_eq!(file.line_col(file.syntax_errors[0].offset), (3, 108));
        assert_eq!(file.syntax_errors[0].junk, 0..text.len());
    }

    #[test]
    fn the_shipped_files_nest_shallowly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for dir in std::fs::read_dir(root.join("locales")).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let depth = nesting_depth(&text, MAX_NESTING);
                assert!(matches!(depth, Ok(0..=3)), "{}: {depth:?}", path.display());
                files += 1;
            }
        }
        let builtin = nesting_depth(include_str!("assets/default-site.ftl"), MAX_NESTING);
        assert!(matches!(builtin, Ok(1..=3)), "{builtin:?}");
        assert!(files >= 18, "{files}");
    }

    #[test]
    fn hashes_ignore_spacing_and_quote_style() {
        assert_eq!(
            source_hash("It’s  a\n“test”"),
            source_hash("It's a \"test\"")
        );
        assert_ne!(source_hash("130,000"), source_hash("130,001"));
        assert_eq!(source_hash("x").len(), 8);
    }
}
