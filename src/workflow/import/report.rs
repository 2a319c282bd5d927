//! `import`'s report: per page what was imported, kept, left untranslated, not placed
//! and what lint says, with totals, as text or JSON.

use super::*;
use std::fmt::Write as _;

/// Totals over the pages.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Totals {
    pub imported: usize,
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
            let _ = writeln!(
                out,
                "{} ({}): {} imported, {} left untranslated, {} not placed, {} lint finding{}{}",
                p.page,
                p.file,
                p.imported.len(),
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
        let _ = writeln!(
            out,
            "total: {} imported, {} left untranslated, {} not placed, {} lint findings{}{}",
            t.imported,
            t.untranslated,
            t.not_placed,
            t.findings,
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
