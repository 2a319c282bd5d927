//! Diagnostics as data: rule, severity, file, 1-based line and column, message, help.
//! Each output format is its own module under `render`.

pub mod render;
pub mod rule;

pub use rule::{Rule, Selector, Severity};

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
        // For a terminal: what is not text is spelled out, never sent raw.
        crate::chars::escape(&format!(
            "{}[{}]: {}:{}:{}: {}{locale}",
            self.severity, self.rule, self.file, self.line, self.column, self.message
        ))
        .into_owned()
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

/// For a terminal: `text` with what is not text spelled out (`\u{1b}`, see
/// [`crate::chars::escape`]). Every human-readable format writes messages, notes, help
/// and quoted source lines through it, so a translation cannot send ESC or BEL to a
/// reviewer's terminal or a CI log.
pub fn for_terminal(text: &str) -> String {
    crate::chars::escape(text).into_owned()
}

/// A source line for a terminal ([`for_terminal`]), and where the byte range `span` of
/// `line` is in it.
pub fn line_for_terminal(line: &str, span: Range<usize>) -> (String, Range<usize>) {
    let cut = |i: usize| i.min(line.len());
    let (start, end) = (cut(span.start), cut(span.end.max(span.start)));
    let (Some(before), Some(inside)) = (line.get(..start), line.get(start..end)) else {
        return (for_terminal(line), span);
    };
    let before = for_terminal(before);
    let inside = for_terminal(inside);
    let range = before.len()..before.len() + inside.len();
    (
        format!("{before}{inside}{}", for_terminal(&line[end..])),
        range,
    )
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

/// How many of `diagnostics` have `severity`.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

/// Sorts diagnostics into their output order and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// A word-level diff of `old` → `new` on one line: removed words in `[-…-]`, added ones
/// in `{+…+}`, and long unchanged stretches shortened to their ends around `…` (what
/// lint's `outdated` finding shows, so a translator sees what changed at a glance).
pub fn word_diff(old: &str, new: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let old = old.split_whitespace().collect::<Vec<_>>().join(" ");
    let new = new.split_whitespace().collect::<Vec<_>>().join(" ");
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    // Group consecutive changes of the same kind.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match runs.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(value),
            _ => runs.push((change.tag(), value.to_string())),
        }
    }
    let mut out = String::new();
    let last = runs.len().saturating_sub(1);
    for (i, (tag, text)) in runs.iter().enumerate() {
        match tag {
            ChangeTag::Equal => {
                let words: Vec<&str> = text.split_whitespace().collect();
                const KEEP: usize = 5;
                if words.len() > 2 * KEEP + 1 {
                    let lead = text.starts_with(char::is_whitespace);
                    let trail = text.ends_with(char::is_whitespace);
                    let (head, tail) = (&words[..KEEP], &words[words.len() - KEEP..]);
                    if lead {
                        out.push(' ');
                    }
                    if i > 0 {
                        out.push_str(&head.join(" "));
                        out.push(' ');
                    }
                    out.push('…');
                    if i < last {
                        out.push(' ');
                        out.push_str(&tail.join(" "));
                    }
                    if trail {
                        out.push(' ');
                    }
                } else {
                    out.push_str(text);
                }
            }
            ChangeTag::Delete => {
                let t = text.trim();
                if !t.is_empty() {
                    out.push_str(&format!("[-{t}-]"));
                }
                if text.ends_with(char::is_whitespace) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            ChangeTag::Insert => {
                let t = text.trim();
                if !t.is_empty() {
                    out.push_str(&format!("{{+{t}+}}"));
                }
                if text.ends_with(char::is_whitespace) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod word_diff_tests {
    use super::word_diff;

    #[test]
    fn marks_the_changed_words() {
        let d = word_diff(
            "The people suffer greatly.",
            "The people continue to suffer.",
        );
        assert!(
            d.starts_with("The people ") && d.contains("{+continue to+}"),
            "{d}"
        );
        assert!(d.contains("[-greatly.-]"), "{d}");
        let d = word_diff("a b c", "a x c");
        assert_eq!(d, "a [-b-]{+x+} c");
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen";
        let d = word_diff(&format!("{long} old"), &format!("{long} new"));
        assert!(d.starts_with('…') && d.ends_with("[-old-]{+new+}"), "{d}");
        assert!(d.contains("nine ten eleven twelve thirteen"), "{d}");
    }
}
