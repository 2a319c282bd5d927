//! `import`'s report: per page what was imported, kept, left untranslated, not placed
//! and what lint says, with totals, as text or JSON.

use super::*;
use std::fmt::Write as _;

/// Totals over the pages: what a coordinator acts on.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Totals {
    /// Translated files read.
    pub files: usize,
    /// Translated passages the files hold.
    pub found: usize,
    pub imported: usize,
    /// Imported, translating an older source text (git history).
    pub outdated: usize,
    /// Passages left out, by reason ([`LeftOut`] codes).
    pub left_out: std::collections::BTreeMap<&'static str, usize>,
    pub kept: usize,
    pub untranslated: usize,
    pub not_placed: usize,
    pub findings: usize,
    /// Files that are no translation (stubs, drafts, empty, the source's text).
    pub not_translations: usize,
}

impl Plan {
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for p in &self.pages {
            t.files += usize::from(p.problem.is_none());
            t.found += p.found;
            t.outdated += p.imported.iter().filter(|m| m.outdated).count();
            for n in &p.not_placed {
                *t.left_out.entry(n.why.code()).or_default() += 1;
            }
            t.imported += p.imported.len();
            t.kept += p.kept.len();
            t.untranslated += p.untranslated.len();
            t.not_placed += p.not_placed.len();
            t.findings += p.findings.len();
            t.not_translations += usize::from(p.not_a_translation.is_some());
        }
        t
    }

    pub fn json(&self, dry_run: bool) -> String {
        let value = serde_json::json!({
            "locale": self.locale,
            "dry_run": dry_run,
            "created_locale": self.created_locale,
            "totals": self.totals(),
            "pages": self.pages,
            "pages_without_file": self.pages_without_file,
            "files_without_page": self.files_without_page,
            "files": self.files,
        });
        let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn human(&self, dry_run: bool) -> String {
        let mut out = String::new();
        let would = if dry_run { "would " } else { "" };
        if self.created_locale {
            let _ = writeln!(
                out,
                "{would}create the locale {} (as new-locale does)",
                self.locale
            );
        }
        for p in &self.pages {
            if let Some(problem) = &p.problem {
                let _ = writeln!(out, "{}: {problem}", p.page);
                continue;
            }
            if let Some(why) = &p.not_a_translation {
                let _ = writeln!(
                    out,
                    "{} ({}): not a translation, {why}: nothing imported",
                    p.page, p.file
                );
                continue;
            }
            let outdated = p.imported.iter().filter(|m| m.outdated).count();
            let _ = writeln!(
                out,
                "{} ({}): {} imported{}, {} left untranslated, {} not placed, {} lint finding{}{}",
                p.page,
                p.file,
                p.imported.len(),
                if outdated > 0 {
                    format!(" ({outdated} outdated)")
                } else {
                    String::new()
                },
                p.untranslated.len(),
                p.not_placed.len(),
                p.findings.len(),
                if p.findings.len() == 1 { "" } else { "s" },
                if p.kept.is_empty() {
                    String::new()
                } else {
                    format!(", {} existing kept (--force replaces them)", p.kept.len())
                }
            );
            if let Some(commit) = &p.aligned_with {
                let short: String = commit.chars().take(10).collect();
                let _ = writeln!(
                    out,
                    "  aligned with the page as of commit {short} (when the translation was last changed); passages changed since are marked outdated"
                );
            }
            for n in &p.not_placed {
                let _ = writeln!(
                    out,
                    "  not placed: line {}: “{}” — {}",
                    n.line, n.first_words, n.reason
                );
            }
            if !p.untranslated.is_empty() {
                let _ = writeln!(out, "  untranslated: {}", p.untranslated.join(", "));
            }
            for f in &p.findings {
                let at = match f.line {
                    Some(line) => format!("line {line}"),
                    None => format!("{}:{}", p.written.as_deref().unwrap_or(&p.file), f.ftl_line),
                };
                let _ = writeln!(
                    out,
                    "  lint: {at}: {} [{}]{}",
                    f.message,
                    f.rule,
                    if f.imported && f.refused {
                        " — imported; the build shows the source text until it is fixed"
                    } else {
                        ""
                    }
                );
            }
        }
        for slug in &self.pages_without_file {
            let _ = writeln!(out, "{slug}: no translated file");
        }
        for f in &self.files_without_page {
            let _ = writeln!(out, "{f}: no page content/… has this path; not imported");
        }
        for f in &self.files {
            let _ = writeln!(
                out,
                "{would}{} {}",
                if f.created { "create" } else { "update" },
                f.path
            );
        }
        let t = self.totals();
        let left_out: usize = t.left_out.values().sum();
        let reasons: Vec<String> = t
            .left_out
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        let _ = writeln!(
            out,
            "total: {} file{}, {} translated passages found: {} imported{}, {} left out{}; {} left untranslated, {} lint finding{}{}{}",
            t.files,
            if t.files == 1 { "" } else { "s" },
            t.found,
            t.imported,
            if t.outdated > 0 {
                format!(" ({} outdated)", t.outdated)
            } else {
                String::new()
            },
            left_out,
            if reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", reasons.join(", "))
            },
            t.untranslated,
            t.findings,
            if t.findings == 1 { "" } else { "s" },
            match t.not_translations {
                0 => String::new(),
                1 => ", 1 file not a translation".to_string(),
                n => format!(", {n} files not translations"),
            },
            if dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        );
        out
    }
}
