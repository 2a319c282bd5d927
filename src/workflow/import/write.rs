//! The translation file `import` writes: each imported message (with the source hash
//! it translates) replacing its template or put in reference order, the rest brought in
//! line with the reference as `sync` would.

use super::*;
use crate::ftl::META_PREFIX;
use crate::workflow::{Edit, apply_edits, find_templates, insertion};

/// A message as `import` writes it: the source hash it translates, then the message.
pub(super) fn message_text(seg: &Segment, text: &str, hash: &str) -> String {
    format!(
        "# {META_PREFIX} source {}\n{} ={}\n",
        hash,
        seg.id,
        ftl::escape_pattern(text)
    )
}

/// A placed translation of `seg` as the file will hold it, from one parse of it: each
/// link that leads where a source link does written as the source's
/// ([`links::source_targets`]), and each character reference that stands for a visible
/// character other than ASCII written as that character (`seg&uacute;n` → `según`), as a
/// translator reads it best. The other references stay as written, which lint reads as
/// the same text: ASCII (`&amp;`, `&lt;`, `&#42;`), which as a character could start
/// markup or another reference, and spaces and invisible characters (`&nbsp;`,
/// `&rlm;`), which written out could not be seen.
pub(super) fn as_written(
    page: &Page,
    seg: &Segment,
    text: &str,
    places: &super::links::Places<'_>,
) -> String {
    let fragment = if seg.kind.is_plain_text() {
        crate::markdown::parse_plain_text(text)
    } else {
        crate::markdown::parse_fragment(text, page.context())
    };
    let shown_as_itself = |c: char| !c.is_ascii() && !crate::script::is_invisible(c);
    let mut edits = super::links::source_targets(seg, text, &fragment, places);
    edits.extend(
        fragment
            .references
            .iter()
            .filter(|r| r.text.chars().all(shown_as_itself))
            .map(|r| (r.span.clone(), r.text.as_str())),
    );
    // Destinations and references never overlap (a reference in a destination is no
    // text of the parse); any that did would be left as written.
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (range, replacement) in edits {
        if range.start < copied {
            continue;
        }
        out.push_str(&text[copied..range.start]);
        out.push_str(replacement);
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The page file with `messages` written into `base` (a template replaced, an existing
/// message replaced, or the message inserted after the one before it in reference
/// order), then brought in line with the reference as `sync` would.
pub(super) fn write_page_file(
    page: &Page,
    base: &str,
    messages: &[(usize, String, String)],
) -> String {
    if messages.is_empty() {
        return finish_like_sync(page, base);
    }
    let file = FtlFile::parse(
        PathBuf::from("import.ftl"),
        base.to_string(),
        crate::source::TextStyle::NEW,
    );
    let templates = find_templates(base);
    let mut edits = Vec::new();
    let order: Vec<usize> = page.reference_order().collect();
    for (i, text, hash) in messages {
        let seg = &page.segments[*i];
        let block = message_text(seg, text, hash);
        if let Some(entry) = file.get(&seg.id) {
            edits.push(Edit {
                range: entry.range.clone(),
                rank: 1,
                text: block,
            });
        } else if let Some(t) = templates.iter().find(|t| t.id == seg.id) {
            edits.push(Edit {
                range: t.range.clone(),
                rank: 1,
                text: block,
            });
        } else {
            // After the nearest message or template before it in reference order.
            let at = order.iter().position(|o| o == i).unwrap_or(0);
            let pos = order[..at]
                .iter()
                .rev()
                .find_map(|o| {
                    let id = &page.segments[*o].id;
                    file.get(id)
                        .map(|e| e.range.end)
                        .or_else(|| templates.iter().find(|t| t.id == *id).map(|t| t.range.end))
                })
                .unwrap_or(base.len());
            edits.push(Edit {
                range: pos..pos,
                rank: 0,
                text: insertion(base, pos, &[block]),
            });
        }
    }
    let text = apply_edits(base, edits);
    finish_like_sync(page, &text)
}

pub(super) fn finish_like_sync(page: &Page, text: &str) -> String {
    let file = FtlFile::parse(
        PathBuf::from("import.ftl"),
        text.to_string(),
        crate::source::TextStyle::NEW,
    );
    match crate::workflow::sync::sync_page_file(page, &file) {
        Some(update) => update.text,
        None => text.to_string(),
    }
}
