//! `fluentpress sync`: brings each locale's files in line with the reference, editing
//! only what must change and keeping every other byte:
//!
//! - a message the reference has and the locale lacks gets a commented-out template
//!   carrying the source text, placed after the message that precedes it in the
//!   reference (or before the first message when none does);
//! - a message the reference no longer has is commented out under a note, not deleted;
//! - a page translation without a `# fluentpress: source HASH` line gets one with the
//!   current hash: until now it was taken as current (nothing could say otherwise), and
//!   from now on a change to its source text makes it `outdated`;
//! - a missing file is created with a template for every message.
//!
//! Running it again changes nothing: templates already in a file are recognised.
//! `--mark-current ID` instead rewrites only the recorded hash of the given messages.

use super::{
    Edit, MISSING, OBSOLETE_NOTE, Template, apply_edits, comment_out, find_templates, insertion,
    junk_ids, line_start, page_template, site_template,
};
use crate::error::{Error, Result};
use crate::ftl::{self, FtlEntry, FtlFile, META_PREFIX};
use crate::locale::{Locale, LocaleId};
use crate::project::{Page, Project};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

/// A file `sync` writes, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileUpdate {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    pub created: bool,
    /// Templates added for missing messages.
    pub templates: usize,
    /// Messages commented out as obsolete.
    pub obsolete: usize,
    /// Source hashes recorded (adopted, or marked current).
    pub hashes: usize,
    /// Templates rewritten because their source text changed.
    pub refreshed: usize,
    /// Templates removed: the reference no longer has the message, or it is translated.
    pub removed: usize,
    pub text: String,
    /// How the file was written (byte-order mark, CRLF line ends), which is kept.
    pub style: crate::source::TextStyle,
}

impl FileUpdate {
    /// What changed, in words.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        if self.templates > 0 {
            parts.push(n(self.templates, "template added", "templates added"));
        }
        if self.obsolete > 0 {
            parts.push(n(
                self.obsolete,
                "obsolete message commented out",
                "obsolete messages commented out",
            ));
        }
        if self.hashes > 0 {
            parts.push(n(
                self.hashes,
                "source hash recorded",
                "source hashes recorded",
            ));
        }
        if self.refreshed > 0 {
            parts.push(n(
                self.refreshed,
                "template updated to the new source text",
                "templates updated to the new source text",
            ));
        }
        if self.removed > 0 {
            parts.push(n(self.removed, "template removed", "templates removed"));
        }
        format!(
            "{} {}: {}",
            if self.created { "created" } else { "updated" },
            self.path,
            parts.join(", ")
        )
    }
}

/// A message the reference has, and its template.
struct Wanted {
    id: String,
    template: String,
}

#[derive(Default)]
struct Counts {
    templates: usize,
    obsolete: usize,
    hashes: usize,
    refreshed: usize,
    removed: usize,
}

/// What to write to bring `locales` (every locale but the source when empty) in line
/// with the reference, and a note for each page whose files were left alone because
/// its reference file is not current (`content/` changed since `extract`, or the
/// page's front matter has an error): comparing with it would comment out as obsolete
/// messages that are only waiting for `extract`, and record hashes of the wrong text.
pub fn plan(project: &Project, locales: &[LocaleId]) -> Result<(Vec<FileUpdate>, Vec<String>)> {
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let selected: Vec<LocaleId> = if locales.is_empty() {
        project
            .locale_ids()
            .filter(|&l| l != project.source)
            .collect()
    } else {
        for &l in locales {
            if l == project.source {
                return Err(Error::Usage(format!(
                    "--locale {}: that is the source locale; its page files are the reference, written by `fluentpress extract`",
                    project.locale(l).locale.tag
                )));
            }
        }
        locales.to_vec()
    };
    let mut skipped = Vec::new();
    let models = project.models()?;
    let current: Vec<bool> = models
        .iter()
        .map(|page| {
            let reference = project.source_locale().page_path(&page.slug);
            if page.front_matter_failed {
                skipped.push(format!(
                    "{}: its translations were left alone: the page's front matter has an error (see above), so {reference} cannot be brought up to date; fix it, run `fluentpress extract`, then `fluentpress sync`",
                    page.rel_path
                ));
                false
            } else if !crate::extract::reference_is_current(project, page) {
                skipped.push(format!(
                    "{}: its translations were left alone: {reference} is not current with the page; run `fluentpress extract`, then `fluentpress sync`",
                    page.rel_path
                ));
                false
            } else {
                true
            }
        })
        .collect();
    let mut out = Vec::new();
    for l in selected {
        let lf = project.locale(l);
        if let Some(reference) = &project.source_locale().site {
            match &lf.site {
                Some(file) if file.is_refused() => {}
                None if lf.has_site_file() => {}
                Some(file) => {
                    let wanted: Vec<Wanted> = reference
                        .entries
                        .iter()
                        .filter(|e| {
                            reference
                                .get(&e.id)
                                .is_some_and(|first| first.offset == e.offset)
                        })
                        .map(|e| Wanted {
                            id: e.id.clone(),
                            template: site_template(reference, e),
                        })
                        .collect();
                    let keep = |id: &str| crate::project::belongs_in_site_ftl(Some(reference), id);
                    if let Some(update) = sync_file(file, &wanted, &keep, &|_| None) {
                        out.push(update);
                    }
                }
                None => out.push(FileUpdate {
                    path: lf.site_path(),
                    created: true,
                    templates: reference.entries.len(),
                    text: site_file_text(reference, &lf.locale, false),
                    ..FileUpdate::default()
                }),
            }
        }
        for (page, _) in models.iter().zip(&current).filter(|(_, current)| **current) {
            match project.page_file(l, &page.slug).0 {
                // A file that cannot be read or parsed is left as it is: its messages are
                // not missing but unread (`Project::unusable_files` names it).
                Some(file) if file.is_refused() => {}
                None if lf.has_page_file(&page.slug) => {}
                Some(file) => out.extend(sync_page_file(page, &file)),
                None => {
                    let (text, templates) = page_file_text(page, &lf.locale);
                    out.push(FileUpdate {
                        path: lf.page_path(&page.slug),
                        created: true,
                        templates,
                        text,
                        ..FileUpdate::default()
                    });
                }
            }
        }
    }
    Ok((out, skipped))
}

/// One page's file brought in line with the reference, as [`plan`] does it (`None`
/// when it already is): `import` uses it so the files it writes need no `sync`.
pub fn sync_page_file(page: &Page, file: &FtlFile) -> Option<FileUpdate> {
    let wanted: Vec<Wanted> = page
        .reference_order()
        .map(|i| &page.segments[i])
        .filter(|s| s.needs_translation)
        .map(|s| Wanted {
            id: s.id.clone(),
            template: page_template(s),
        })
        .collect();
    let keep = |id: &str| page.segment_by_id(id).is_some();
    let hash_of = |id: &str| page.segment_by_id(id).map(|s| s.hash.clone());
    sync_file(file, &wanted, &keep, &hash_of)
}

/// Writes the updates (each file atomically).
pub fn apply(project: &Project, updates: &[FileUpdate]) -> Result<()> {
    for u in updates {
        crate::fsutil::write_text(&project.root, &project.root.join(&u.path), &u.text, u.style)?;
    }
    Ok(())
}

/// The edits that bring one existing file in line with its reference, if any.
fn sync_file(
    file: &FtlFile,
    wanted: &[Wanted],
    keep: &dyn Fn(&str) -> bool,
    hash_of: &dyn Fn(&str) -> Option<String>,
) -> Option<FileUpdate> {
    let text = file.source();
    let templates: Vec<Template> = find_templates(text);
    let template_end = |id: &str| templates.iter().find(|t| t.id == id).map(|t| t.range.end);
    let junk = junk_ids(file);
    let mut edits = Vec::new();
    let mut counts = Counts::default();

    // Obsolete messages: commented out under a note.
    let mut obsolete: Vec<Range<usize>> = Vec::new();
    for entry in &file.entries {
        if entry.is_term || keep(&entry.id) {
            continue;
        }
        edits.push(Edit {
            range: entry.range.clone(),
            rank: 2,
            text: obsolete_block(text, entry),
        });
        obsolete.push(entry.range.clone());
        counts.obsolete += 1;
    }

    // Templates (fluentpress's own comments): rewritten when their source text changed,
    // removed when the message is gone from the reference or has been translated.
    let mut kept = HashSet::new();
    for t in &templates {
        match wanted.iter().find(|w| w.id == t.id) {
            Some(w) if file.get(&t.id).is_none() && kept.insert(t.id.as_str()) => {
                if text[t.range.clone()] != *w.template {
                    edits.push(Edit {
                        range: t.range.clone(),
                        rank: 2,
                        text: w.template.clone(),
                    });
                    counts.refreshed += 1;
                }
            }
            _ => {
                // With the blank line that set it apart.
                let mut end = t.range.end;
                let before = &text[..t.range.start];
                if text[end..].starts_with('\n') && (before.is_empty() || before.ends_with("\n\n"))
                {
                    end += 1;
                }
                edits.push(Edit {
                    range: t.range.start..end,
                    rank: 2,
                    text: String::new(),
                });
                counts.removed += 1;
            }
        }
    }

    // Missing messages: templates after the message that comes before them in the
    // reference, or before the file's first message or template.
    let first = file
        .entries
        .iter()
        .map(|e| e.range.start)
        .chain(templates.iter().map(|t| t.range.start))
        .min()
        .unwrap_or(text.len());
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut anchor: Option<usize> = None;
    for w in wanted {
        if let Some(end) = file
            .get(&w.id)
            .map(|e| e.range.end)
            .or_else(|| template_end(&w.id))
        {
            anchor = Some(end);
            continue;
        }
        if junk.contains(&w.id) {
            continue;
        }
        let mut pos = anchor.unwrap_or(first);
        // Never inside a message being commented out.
        if let Some(r) = obsolete.iter().find(|r| r.start < pos && pos < r.end) {
            pos = r.end;
        }
        groups.entry(pos).or_default().push(w.template.clone());
        counts.templates += 1;
    }
    for (pos, blocks) in groups {
        edits.push(Edit {
            range: pos..pos,
            rank: 0,
            text: insertion(text, pos, &blocks),
        });
    }

    // Translations that record no source hash: adopted as current.
    for (i, entry) in file.entries.iter().enumerate() {
        if entry.is_term
            || !entry.has_value
            || entry.meta.source_hash.is_some()
            // Only the first definition of an id counts (a duplicate is lint's business).
            || !file.get(&entry.id).is_some_and(|first| std::ptr::eq(first, &file.entries[i]))
        {
            continue;
        }
        if let Some(hash) = hash_of(&entry.id) {
            let at = line_start(text, entry.offset);
            edits.push(Edit {
                range: at..at,
                rank: 1,
                text: format!("# {META_PREFIX} source {hash}\n"),
            });
            counts.hashes += 1;
        }
    }

    if edits.is_empty() {
        return None;
    }
    Some(FileUpdate {
        path: path_of(file),
        created: false,
        templates: counts.templates,
        obsolete: counts.obsolete,
        hashes: counts.hashes,
        refreshed: counts.refreshed,
        removed: counts.removed,
        text: apply_edits(text, edits),
        style: file.style,
    })
}

fn path_of(file: &FtlFile) -> String {
    file.rel_path.to_string_lossy().replace('\\', "/")
}

/// An obsolete message commented out, every line, under a note; apart from what follows.
fn obsolete_block(text: &str, entry: &FtlEntry) -> String {
    let mut out = format!("# {META_PREFIX} {OBSOLETE_NOTE}\n");
    out.push_str(&comment_out(&text[entry.range.clone()]));
    let after = &text[entry.range.end..];
    if !after.is_empty() && !after.starts_with('\n') {
        out.push('\n');
    }
    out
}

/// The header of a translation file that fluentpress creates.
fn header(what: &str, tag: &str) -> String {
    format!(
        "### Translation of {what} into {tag}.\n\
         ### Each message's `{META_PREFIX} source` comment records which version of the source text it translates.\n\
         ### A message still to translate is commented out under `# {META_PREFIX} {MISSING}`: remove the `# `\n\
         ### at the start of each of its lines, translate the text, and keep the comment line above it.\n"
    )
}

/// A new page file: a template for every message of the page, in reference order.
pub fn page_file_text(page: &Page, locale: &Locale) -> (String, usize) {
    let mut out = header(&page.rel_path, &locale.tag);
    let mut count = 0;
    for i in page.reference_order() {
        let seg = &page.segments[i];
        if seg.needs_translation {
            out.push('\n');
            out.push_str(&page_template(seg));
            count += 1;
        }
    }
    (out, count)
}

/// A new `site.ftl`: the reference's text with every message commented out as a
/// template; with `name_language`, `language-name` is filled in with the language's
/// name in itself, so the edition is named in its own language from the start.
pub fn site_file_text(reference: &FtlFile, locale: &Locale, name_language: bool) -> String {
    let source = reference.source();
    let mut out = header("the layout strings, site.ftl,", &locale.tag);
    out.push('\n');
    let mut entries: Vec<&FtlEntry> = reference.entries.iter().collect();
    entries.sort_by_key(|e| e.range.start);
    let mut at = 0;
    for entry in entries {
        if entry.range.start < at {
            continue;
        }
        out.push_str(&source[at..entry.range.start]);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        if name_language && entry.id == "language-name" {
            let id_line = line_start(source, entry.offset);
            let notes: String = source[entry.range.start..id_line]
                .split_inclusive('\n')
                .filter(|l| !l.contains(META_PREFIX))
                .collect();
            let name = locale.autonym().unwrap_or(&locale.tag);
            let _ = writeln!(out, "{notes}language-name ={}", ftl::escape_pattern(name));
        } else {
            out.push_str(&site_template(reference, entry));
        }
        at = entry.range.end;
    }
    out.push_str(&source[at..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Where a `# fluentpress: … source HASH` line records its hash (the hash's bytes).
fn source_hash_span(line: &str) -> Option<Range<usize>> {
    let rest_start = line.len() - line.trim_start_matches('#').trim_start().len();
    let body = line[rest_start..].strip_prefix(META_PREFIX)?;
    if body.trim_start().starts_with("was ") {
        return None;
    }
    let mut offset = rest_start + META_PREFIX.len();
    let mut last = None;
    for part in body.split(';') {
        let trimmed = part.trim_start();
        if let Some(after) = trimmed.strip_prefix("source ") {
            let hash = after.trim();
            if !hash.is_empty() {
                let start = offset
                    + (part.len() - trimmed.len())
                    + "source ".len()
                    + (after.len() - after.trim_start().len());
                last = Some(start..start + hash.len());
            }
        }
        offset += part.len() + 1;
    }
    last
}

/// The edit that makes an entry record `hash`, or `None` if it already does.
fn mark_edit(text: &str, entry: &FtlEntry, hash: &str) -> Option<Edit> {
    let id_line = line_start(text, entry.offset);
    let mut found = None;
    let mut pos = entry.range.start;
    for piece in text[entry.range.start..id_line].split_inclusive('\n') {
        let line = piece.trim_end_matches('\n');
        if let Some(r) = source_hash_span(line) {
            // A copy of the reference's comment (it names the segment's kind, as a
            // platform writes it): replaced whole by the translation's own line.
            found = Some(if entry.meta.kind.is_some() {
                pos..pos + line.len()
            } else {
                pos + r.start..pos + r.end
            });
        }
        pos += piece.len();
    }
    if entry.meta.kind.is_some()
        && let Some(r) = found
    {
        return Some(Edit {
            range: r,
            rank: 1,
            text: format!("# {META_PREFIX} source {hash}"),
        });
    }
    match found {
        Some(r) if &text[r.clone()] == hash => None,
        Some(r) => Some(Edit {
            range: r,
            rank: 1,
            text: hash.to_string(),
        }),
        None => Some(Edit {
            range: id_line..id_line,
            rank: 1,
            text: format!("# {META_PREFIX} source {hash}\n"),
        }),
    }
}

/// `sync --mark-current`: each message (`ID`, or `PAGE:ID` where several pages have
/// the id) of `locale` is marked as translated from the current source text. Returns
/// the files to write and, for each message, what happened.
pub fn mark_current(
    project: &Project,
    locale: LocaleId,
    specs: &[String],
) -> Result<(Vec<FileUpdate>, Vec<String>)> {
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let lf = project.locale(locale);
    let tag = &lf.locale.tag;
    if locale == project.source {
        return Err(Error::Usage(format!(
            "--locale {tag}: that is the source locale; only translations are marked current"
        )));
    }
    let mut per_file: BTreeMap<String, Vec<(Edit, String)>> = BTreeMap::new();
    let mut notes = Vec::new();
    let mut seen = HashSet::new();
    let models = project.models()?;
    // The locale's files, each read once.
    let mut read: BTreeMap<String, FtlFile> = BTreeMap::new();
    for spec in specs {
        let (slug, id) = match spec.rsplit_once(':') {
            Some((slug, id)) => (Some(slug), id),
            None => (None, spec.as_str()),
        };
        let pages: Vec<&Page> = models
            .iter()
            .filter(|p| slug.is_none_or(|s| s == p.slug))
            .filter(|p| p.segment_by_id(id).is_some())
            .collect();
        let page = match pages.as_slice() {
            [page] => *page,
            [] => {
                if let Some(s) = slug
                    && !project.pages.iter().any(|p| p.slug == s)
                {
                    return Err(Error::Usage(format!(
                        "--mark-current {spec}: there is no page `{s}` in content/"
                    )));
                }
                if slug.is_none()
                    && project
                        .source_locale()
                        .site
                        .as_ref()
                        .is_some_and(|s| s.get(id).is_some())
                {
                    return Err(Error::Usage(format!(
                        "--mark-current {spec}: `{id}` is a site.ftl message; site.ftl translations are not tracked by source hash, so there is nothing to mark"
                    )));
                }
                return Err(Error::Usage(format!(
                    "--mark-current {spec}: no page{} has a message `{id}` (the ids are in the reference files {}/<page>.ftl){}",
                    slug.map(|s| format!(" `{s}`")).unwrap_or_default(),
                    project.source_locale().dir,
                    {
                        let ids: Vec<&str> = models
                            .iter()
                            .filter(|p| slug.is_none_or(|s| s == p.slug))
                            .flat_map(|p| p.segments.iter().map(|s| s.id.as_str()))
                            .collect();
                        crate::suggest::closest(id, &ids)
                            .map(|best| format!("; did you mean `{best}`?"))
                            .unwrap_or_default()
                    }
                )));
            }
            many => {
                return Err(Error::Usage(format!(
                    "--mark-current {spec}: several pages have a message `{id}`; say which: {}",
                    many.iter()
                        .map(|p| format!("--mark-current {}:{id}", p.slug))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        };
        if !seen.insert((page.slug.clone(), id.to_string())) {
            continue;
        }
        let path = lf.page_path(&page.slug);
        if !read.contains_key(&page.slug)
            && let Some(file) = project.page_file(locale, &page.slug).0
        {
            read.insert(page.slug.clone(), file);
        }
        let Some(file) = read.get(&page.slug) else {
            return Err(Error::Usage(format!(
                "--mark-current {spec}: {path} does not exist, so `{id}` has no {tag} translation to mark current"
            )));
        };
        let Some(entry) = file.get(id).filter(|e| e.has_value) else {
            return Err(Error::Usage(format!(
                "--mark-current {spec}: `{id}` has no {tag} translation in {path} to mark current (translate it first)"
            )));
        };
        let hash = &page.segment_by_id(id).expect("found above").hash;
        match mark_edit(file.source(), entry, hash) {
            None => notes.push(format!(
                "{path}: `{id}` was already marked current (source {hash})"
            )),
            Some(edit) => {
                let was = entry
                    .meta
                    .source_hash
                    .as_deref()
                    .map(|h| format!("source {h} → {hash}"))
                    .unwrap_or_else(|| format!("source {hash} recorded"));
                per_file
                    .entry(page.slug.clone())
                    .or_default()
                    .push((edit, format!("{path}: `{id}` marked current ({was})")));
            }
        }
    }
    let mut updates = Vec::new();
    for (slug, edits) in per_file {
        let file = &read[&slug];
        let count = edits.len();
        let (edits, messages): (Vec<Edit>, Vec<String>) = edits.into_iter().unzip();
        notes.extend(messages);
        updates.push(FileUpdate {
            path: path_of(file),
            created: false,
            hashes: count,
            text: apply_edits(file.source(), edits),
            style: file.style,
            ..FileUpdate::default()
        });
    }
    Ok((updates, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const PAGE: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night.\n\n## Eyes\n\nTheir eyes are fixed.\n\n250\n";

    fn reference() -> String {
        let probe = Project::in_memory(Config::default(), &[("owls", PAGE)], &[("en", &[])]);
        crate::extract::reference_text(
            &probe,
            &probe.models().unwrap()[0],
            crate::extract::History::With(None),
        )
    }

    fn project(site_en: &str, fr: &[(&str, &str)]) -> Project {
        let reference = reference();
        let mut en: Vec<(&str, &str)> = vec![("owls.ftl", reference.as_str())];
        if !site_en.is_empty() {
            en.push(("site.ftl", site_en));
        }
        Project::in_memory(
            Config::default(),
            &[("owls", PAGE)],
            &[("en", &en), ("fr", fr)],
        )
    }

    /// Sync, then reload with the written files, as a second run would see them.
    fn sync_twice(site_en: &str, fr: &[(&str, &str)]) -> (Vec<FileUpdate>, Project) {
        let p = project(site_en, fr);
        let (updates, _) = plan(&p, &[]).unwrap();
        let mut files: Vec<(String, String)> = fr
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for u in &updates {
            let name = u.path.trim_start_matches("locales/fr/").to_string();
            match files.iter_mut().find(|(n, _)| *n == name) {
                Some(f) => f.1 = u.text.clone(),
                None => files.push((name, u.text.clone())),
            }
        }
        let fr2: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let p2 = project(site_en, &fr2);
        let (again, _) = plan(&p2, &[]).unwrap();
        assert!(
            again.is_empty(),
            "a second sync changes nothing: {again:#?}"
        );
        (updates, p2)
    }

    fn hash(p: &Project, id: &str) -> String {
        p.models().unwrap()[0]
            .segment_by_id(id)
            .unwrap()
            .hash
            .clone()
    }

    #[test]
    fn adds_templates_in_reference_order_and_keeps_the_rest() {
        let p = project("", &[]);
        let title = hash(&p, "page-title");
        let fr = format!(
            "### Mine.\n\n# fluentpress: source {title}\npage-title = Hiboux\n# a note\n# fluentpress: source {}\neyes = Yeux\n",
            hash(&p, "eyes")
        );
        let (updates, p2) = sync_twice("", &[("owls.ftl", &fr)]);
        assert_eq!(updates.len(), 1);
        let u = &updates[0];
        assert_eq!((u.templates, u.obsolete, u.hashes), (4, 0, 0), "{}", u.text);
        let text = &u.text;
        // The untouched messages are there byte for byte.
        assert!(text.starts_with(&format!("### Mine.\n\n# fluentpress: source {title}\npage-title = Hiboux\n\n# fluentpress: missing; source ")), "{text}");
        assert!(text.contains("# a note\n# fluentpress: source"), "{text}");
        // In reference order: description, heading, paragraph after the title; the last paragraph after `eyes`.
        let order: Vec<usize> = [
            "# page-description =",
            "# owls =",
            "# owls-owls-hunt-at-night =",
            "eyes = Yeux",
            "# eyes-their-eyes-are-fixed =",
        ]
        .iter()
        .map(|s| text.find(s).unwrap_or_else(|| panic!("{s} in {text}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        // The numbers-only segment needs no translation: no template.
        assert!(!text.contains("= 250"), "{text}");
        // The templates are comments: the messages are still missing, the others intact.
        let file = p2
            .page_file(p2.locale_index("fr").unwrap(), "owls")
            .0
            .unwrap();
        assert!(file.syntax_errors.is_empty());
        let ids: Vec<&str> = file.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["page-title", "eyes"]);
        assert_eq!(
            file.get("eyes").unwrap().meta.source_hash.as_deref(),
            Some(hash(&p, "eyes").as_str())
        );
    }

    #[test]
    fn comments_out_obsolete_messages_and_adopts_hashless_translations() {
        let fr = "page-title = Hiboux\ngone = Parti\n    sur deux lignes\nowls = Hiboux\n-term = Terme\n";
        let (updates, p2) = sync_twice("", &[("owls.ftl", fr)]);
        let u = &updates[0];
        assert_eq!((u.obsolete, u.hashes), (1, 2), "{}", u.text);
        let p = project("", &[]);
        let start = format!(
            "# fluentpress: source {}\npage-title = Hiboux\n\n# fluentpress: missing; source ",
            hash(&p, "page-title")
        );
        assert!(u.text.starts_with(&start), "{}", u.text);
        assert!(u.text.contains("\n\n# fluentpress: obsolete (no longer in the reference); kept for reference\n# gone = Parti\n#     sur deux lignes\n\n# fluentpress: source "), "{}", u.text);
        assert!(
            u.text.contains(&format!(
                "# fluentpress: source {}\nowls = Hiboux\n",
                hash(&p, "owls")
            )),
            "{}",
            u.text
        );
        assert!(
            u.text.contains("\n-term = Terme\n"),
            "terms are kept: {}",
            u.text
        );
        let file = p2
            .page_file(p2.locale_index("fr").unwrap(), "owls")
            .0
            .unwrap();
        assert!(file.get("gone").is_none());
        assert_eq!(
            file.get("page-title").unwrap().meta.source_hash.as_deref(),
            Some(hash(&p, "page-title").as_str())
        );
    }

    #[test]
    fn creates_missing_files_and_site_templates() {
        let site_en = "## Names\n\n# The language's own name.\nlanguage-name = English\nsite-name = Birds\nfallback-notice =\n    { $count ->\n        [one] One passage\n       *[other] { $count } passages\n    }\n";
        let (updates, p2) = sync_twice(
            site_en,
            &[("site.ftl", "site-name = Oiseaux\nold-thing = Vieux\n")],
        );
        let site = updates
            .iter()
            .find(|u| u.path == "locales/fr/site.ftl")
            .unwrap();
        assert_eq!(
            (site.templates, site.obsolete, site.hashes),
            (2, 1, 0),
            "{}",
            site.text
        );
        assert!(site.text.starts_with("# fluentpress: missing\n# The language's own name.\n# language-name = English\n\nsite-name = Oiseaux\n"), "{}", site.text);
        assert!(site.text.contains("\n# fluentpress: missing\n# fallback-notice =\n#     { $count ->\n#         [one] One passage\n"), "{}", site.text);
        let page = updates
            .iter()
            .find(|u| u.path == "locales/fr/owls.ftl")
            .unwrap();
        assert!(page.created);
        assert_eq!(page.templates, 6);
        let fr = p2.page_file(p2.locale_index("fr").unwrap(), "owls").0;
        assert!(fr.unwrap().entries.is_empty());
        let lf = p2.locale(p2.locale_index("fr").unwrap());
        assert!(lf.site.as_ref().unwrap().syntax_errors.is_empty());
    }

    #[test]
    fn a_new_site_file_names_the_language() {
        let site_en = "### Layout.\n\n## Names\n\n# The language's own name.\nlanguage-name = English\nsite-name = Birds\n";
        let reference = FtlFile::parse(
            "locales/en/site.ftl".into(),
            site_en.into(),
            crate::source::TextStyle::NEW,
        );
        let text = site_file_text(&reference, &Locale::parse("he").unwrap(), true);
        let file = FtlFile::parse("x.ftl".into(), text.clone(), crate::source::TextStyle::NEW);
        assert!(file.syntax_errors.is_empty(), "{text}");
        assert_eq!(file.simple_value("language-name").as_deref(), Some("עברית"));
        assert!(file.get("site-name").is_none());
        assert!(text.contains("## Names\n\n# The language's own name.\nlanguage-name = עברית\n\n# fluentpress: missing\n# site-name = Birds\n"), "{text}");
        assert_eq!(find_templates(&text).len(), 1);
    }

    #[test]
    fn templates_follow_the_source_text_and_go_when_the_message_does() {
        let p = project("", &[]);
        let models = p.models().unwrap();
        let desc = models[0].segment_by_id("page-description").unwrap();
        let fresh = page_template(desc);
        let stale = fresh
            .replace("All about owls.", "About owls.")
            .replace(&desc.hash, "00000000");
        let fr = format!(
            "page-title = Hiboux\n\n{stale}\n# fluentpress: missing; source 11111111\n# gone-message = Gone\n\n# fluentpress: missing; source 22222222\n# owls = Owls\n\nowls = Hiboux\n"
        );
        let (updates, _) = sync_twice("", &[("owls.ftl", &fr)]);
        let u = &updates[0];
        assert_eq!((u.refreshed, u.removed), (1, 2), "{}", u.text);
        let start = format!(
            "# fluentpress: source {}\npage-title = Hiboux\n\n{fresh}\n",
            hash(&p, "page-title")
        );
        assert!(u.text.starts_with(&start), "{}", u.text);
        assert!(
            !u.text.contains("gone-message") && !u.text.contains("# owls ="),
            "{}",
            u.text
        );
        assert!(!u.text.contains("\n\n\n"), "{:?}", u.text);
    }

    #[test]
    fn mark_current_rewrites_only_the_hash() {
        let fr = "# Translator's note; keep.\n# fluentpress: source 00000000\nowls = Hiboux\npage-title = Hiboux\n";
        let p = project("", &[("owls.ftl", fr)]);
        let fr_index = p.locale_index("fr").unwrap();
        let (updates, notes) =
            mark_current(&p, fr_index, &["owls".into(), "owls:page-title".into()]).unwrap();
        assert_eq!(updates.len(), 1);
        assert_eq!(
            updates[0].text,
            format!(
                "# Translator's note; keep.\n# fluentpress: source {}\nowls = Hiboux\n# fluentpress: source {}\npage-title = Hiboux\n",
                hash(&p, "owls"),
                hash(&p, "page-title")
            )
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        for bad in ["nope", "other:owls", "eyes"] {
            assert!(
                matches!(
                    mark_current(&p, fr_index, &[bad.into()]),
                    Err(Error::Usage(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn hash_spans() {
        assert_eq!(
            source_hash_span("# fluentpress: source 0123abcd"),
            Some(22..30)
        );
        let line = "# fluentpress: missing; source  0123abcd ";
        assert_eq!(&line[source_hash_span(line).unwrap()], "0123abcd");
        assert_eq!(source_hash_span("# fluentpress: was 0123abcd: old"), None);
        assert_eq!(source_hash_span("# a note about source 1"), None);
    }
}
