//! Diagnostics as data: rule, severity, file, 1-based line and column, message, help.
//! Each output format is its own module under `render`.

pub mod render;
pub mod rule;

pub use rule::{Rule, Severity};

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    /// The locale concerned (for `missing-message`: the locale that lacks the message).
    pub locale: Option<String>,
    /// Path relative to the site root, `/`-separated.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Byte range in `file` that the snippet underlines.
    pub span: Option<Range<usize>>,
    pub message_id: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// Further lines, such as the old and new source text of an outdated translation.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(
        rule: Rule,
        file: impl Into<String>,
        (line, column): (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            locale: None,
            file: file.into(),
            line,
            column,
            span: None,
            message_id: None,
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The diagnostic on one line, as build and serve print load problems.
    pub fn one_line(&self) -> String {
        let locale = self
            .locale
            .as_ref()
            .map(|l| format!(" [{l}]"))
            .unwrap_or_default();
        format!(
            "{}[{}]: {}:{}:{}: {}{locale}",
            self.severity, self.rule, self.file, self.line, self.column, self.message
        )
    }

    /// The order of every output format: file, line, column, code (then the rest, so
    /// output is the same whatever order checks ran in).
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            self.line,
            self.column,
            self.rule.code(),
            &self.locale,
            &self.message_id,
            &self.message,
        )
    }
}

/// Per-locale figures of a lint run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleStats {
    pub locale: String,
    /// Segments shown translated (not falling back).
    pub translated: usize,
    pub total: usize,
    /// Shown in the source language because the translation is outdated, missing, or
    /// was refused (the rest of `total`).
    pub outdated: usize,
    pub missing: usize,
    pub rejected: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Sorts diagnostics into their output order and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
