//! rustc-style diagnostics: `error[code]: message`, the file:line:col, the offending line
//! with a caret, help and notes — and a per-locale summary table.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::LocaleStats;
use crate::diagnostic::Severity;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Renders diagnostics; `source` gives a file's text by its path (for the snippet).
pub fn render(
    diagnostics: &[Diagnostic],
    source: &dyn Fn(&str) -> Option<String>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = crate::diagnostic::for_terminal(&match &d.locale {
            Some(locale) => format!("{} [{locale}]", d.message),
            None => d.message.clone(),
        });
        let text = source(&d.file);
        let line_text = text
            .as_deref()
            .and_then(|t| t.split('\n').nth(d.line.saturating_sub(1)));
        let title = level.primary_title(title).id(d.rule.code());
        let group = match line_text {
            Some(line) => {
                // The span within the shown line, from the column (in characters).
                let start = line
                    .char_indices()
                    .nth(d.column.saturating_sub(1))
                    .map_or(line.len(), |(i, _)| i);
                let wanted = d.span.as_ref().map_or(1, |s| s.len()).max(1);
                let mut end = start;
                for (taken, (i, c)) in line[start..].char_indices().enumerate() {
                    if taken > 0 && (i >= wanted || c == ' ') {
                        break;
                    }
                    end = start + i + c.len_utf8();
                }
                let (line, span) = crate::diagnostic::line_for_terminal(line, start..end);
                title.element(
                    Snippet::source(line)
                        .line_start(d.line)
                        .path(crate::diagnostic::for_terminal(&d.file))
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            None => title.element(
                annotate_snippets::Origin::path(crate::diagnostic::for_terminal(&d.file))
                    .line(d.line)
                    .char_column(d.column),
            ),
        };
        let mut report: Vec<Group> = vec![group];
        for note in &d.notes {
            let note = crate::diagnostic::for_terminal(note);
            report.push(Group::with_title(Level::NOTE.secondary_title(note)));
        }
        if let Some(help) = &d.help {
            let help = crate::diagnostic::for_terminal(help);
            report.push(Group::with_title(Level::HELP.secondary_title(help)));
        }
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// The summary table: per locale, translated / total, % complete, what is left
/// (outdated, missing, refused: coverage, not errors), errors, warnings.
pub fn summary(locales: &[LocaleStats], errors: usize, warnings: usize) -> String {
    let mut rows = vec![[
        "locale".to_string(),
        "translated".into(),
        "complete".into(),
        "outdated".into(),
        "missing".into(),
        "rejected".into(),
        "errors".into(),
        "warnings".into(),
    ]];
    for l in locales {
        let percent = (l.translated * 100).checked_div(l.total).unwrap_or(100);
        rows.push([
            l.locale.clone(),
            format!("{}/{}", l.translated, l.total),
            format!("{percent}%"),
            l.outdated.to_string(),
            l.missing.to_string(),
            l.rejected.to_string(),
            l.errors.to_string(),
            l.warnings.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c == 0 {
                    format!("{cell:<w$}", w = widths[c])
                } else {
                    format!("{cell:>w$}", w = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(
                &widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  "),
            );
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "{errors} error{}, {warnings} warning{}\n",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    out
}
