//! rustc-style diagnostics: `error[code]: message`, the file:line:col, the offending line
//! with a caret, help and notes — and a per-locale summary table.
//!
//! Rendering is linear in what it is given: the renderer asks [`Sources`] for each
//! diagnostic's line, and the holder reads each file once and builds its line index once;
//! a line longer than `LONG_LINE` is handed to the snippet renderer as a window of about
//! `WINDOW_COLUMNS` columns each side of the span, which it renders exactly as the whole
//! line (what it shows is at most its terminal width, centred on the span). So n
//! diagnostics cost their files' size once plus a bounded amount each, not n files.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::LocaleStats;
use crate::diagnostic::Severity;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::ops::Range;

/// The line a diagnostic points at, as the file's holder finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLine<'a> {
    /// The line, without its newline.
    pub text: &'a str,
    /// Byte offset in `text` of the diagnostic's column (`text.len()` past its end).
    pub start: usize,
    /// How many characters of `text` come before `start`.
    pub chars_before: usize,
}

/// Where the renderer finds the lines diagnostics point at: each file read once, its
/// line index built once, shared by every diagnostic of the file.
pub trait Sources {
    /// Line `line` (1-based) of `file` and where its 1-based character `column` starts;
    /// `None` when the file cannot be read or has no such line.
    fn line(&self, file: &str, line: usize, column: usize) -> Option<SourceLine<'_>>;
}

/// Lines longer than this (bytes) are handed to the snippet renderer as a window around
/// the span, so each diagnostic costs the window, not the line.
const LONG_LINE: usize = 4096;
/// Columns kept on each side of the span: the renderer shows at most its terminal width
/// (140), centred on the span, so what it shows is exactly what the whole line shows.
const WINDOW_COLUMNS: usize = 512;
/// Bytes searched on each side for those columns (zero-width characters and long runs
/// of whitespace could otherwise make the search as long as the line). Only a line with
/// fewer than `WINDOW_COLUMNS` columns of text in 64 KiB beside the span can be shown
/// differently from the whole line (a shorter excerpt).
const WINDOW_SEARCH: usize = 64 * 1024;

/// Renders diagnostics; `sources` gives the line each points at (for the snippet).
pub fn render(diagnostics: &[Diagnostic], sources: &dyn Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(
            &renderer,
            d,
            sources.line(&d.file, d.line, d.column),
            LONG_LINE,
        ));
        out.push_str("\n\n");
    }
    out
}

/// One diagnostic; lines longer than `long_line` bytes are rendered from a window.
fn render_one(
    renderer: &Renderer,
    d: &Diagnostic,
    at: Option<SourceLine<'_>>,
    long_line: usize,
) -> String {
    // Nothing read from a file reaches the terminal raw (ESC and BEL would run escape
    // sequences): message, notes, help and path are spelled out, and so is the line.
    let escaped = Diagnostic {
        message: crate::diagnostic::for_terminal(&d.message),
        notes: d
            .notes
            .iter()
            .map(|n| crate::diagnostic::for_terminal(n))
            .collect(),
        help: d.help.as_deref().map(crate::diagnostic::for_terminal),
        file: crate::diagnostic::for_terminal(&d.file),
        ..d.clone()
    };
    let d = &escaped;
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let title = match &d.locale {
        Some(locale) => format!("{} [{locale}]", d.message),
        None => d.message.clone(),
    };
    let report = |title: &str, element: annotate_snippets::Element<'_>| {
        let mut report: Vec<Group> = vec![
            level
                .clone()
                .primary_title(title)
                .id(d.rule.code())
                .element(element),
        ];
        for note in &d.notes {
            report.push(Group::with_title(
                Level::NOTE.secondary_title(note.as_str()),
            ));
        }
        if let Some(help) = &d.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        renderer.render(&report)
    };
    let Some(SourceLine {
        text: line,
        start,
        chars_before,
    }) = at
    else {
        return report(
            &title,
            annotate_snippets::Origin::path(d.file.as_str())
                .line(d.line)
                .char_column(d.column)
                .into(),
        );
    };
    let line_len_before_escape = line.len();
    // The span within the shown line: from the column to the span's length, cut at
    // the first space after its first character.
    let wanted = d.span.as_ref().map_or(1, |s| s.len()).max(1);
    let mut end = start;
    for (taken, (i, c)) in line[start..].char_indices().enumerate() {
        if taken > 0 && (i >= wanted || c == ' ') {
            break;
        }
        end = start + i + c.len_utf8();
    }
    let (escaped_line, span) = crate::diagnostic::line_for_terminal(line, start..end);
    let (line, start, end) = (escaped_line.as_str(), span.start, span.end);
    // The column as the line is shown (an escape before the span widens it), as the
    // renderer counts it when it gets the whole line.
    let chars_before = if escaped_line.len() == line_len_before_escape {
        chars_before
    } else {
        line[..start].chars().count()
    };
    let (shown, chars_in_window) = window(line, start..end, long_line);
    if shown == (0..line.len()) {
        return report(
            &title,
            Snippet::source(line)
                .line_start(d.line)
                .path(d.file.as_str())
                .annotation(AnnotationKind::Primary.span(start..end))
                .into(),
        );
    }
    // The renderer names the column within the text it was given: render the window
    // under a path found nowhere else in the report, then put back the file's path and
    // the column within the whole line.
    let text = &line[shown.clone()];
    let mut longest = 0;
    for t in [title.as_str(), text]
        .into_iter()
        .chain(d.notes.iter().map(String::as_str))
        .chain(d.help.as_deref())
    {
        let mut run = 0;
        for c in t.chars() {
            run = if c == PLACEHOLDER { run + 1 } else { 0 };
            longest = longest.max(run);
        }
    }
    let placeholder = PLACEHOLDER.to_string().repeat(longest + 1);
    let rendered = report(
        &title,
        Snippet::source(text)
            .line_start(d.line)
            .path(placeholder.as_str())
            .annotation(AnnotationKind::Primary.span(start - shown.start..end - shown.start))
            .into(),
    );
    let line_no = d.line;
    rendered.replacen(
        &format!("{placeholder}:{line_no}:{}", chars_in_window + 1),
        &format!("{}:{line_no}:{}", d.file, chars_before + 1),
        1,
    )
}

/// A noncharacter: the path of a window while it is rendered.
const PLACEHOLDER: char = '\u{FDD0}';

/// Display width as the snippet renderer counts it.
fn width(c: char) -> usize {
    match c {
        '\t' => 4,
        c if c.is_control() => 1,
        c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(1),
    }
}

/// The byte range of `line` to render for the span `span`, and how many of its
/// characters come before the span. A short line is rendered whole; a long one from a
/// non-whitespace character at least `WINDOW_COLUMNS` columns before the span to one as
/// far after it (or the line's end), so the renderer's centring, its `...` marks and
/// its whitespace trimming see what they see in the whole line.
fn window(line: &str, span: Range<usize>, long_line: usize) -> (Range<usize>, usize) {
    if line.len() <= long_line {
        return (0..line.len(), 0);
    }
    let mut from = 0;
    let mut columns = 0;
    let mut before = 0;
    for (i, c) in line[..span.start].char_indices().rev() {
        columns += width(c);
        before += 1;
        if (columns >= WINDOW_COLUMNS && !c.is_whitespace()) || span.start - i > WINDOW_SEARCH {
            from = i;
            break;
        }
    }
    let mut to = line.len();
    let mut columns = 0;
    for (i, c) in line[span.end..].char_indices() {
        columns += width(c);
        if (columns >= WINDOW_COLUMNS && !c.is_whitespace()) || i > WINDOW_SEARCH {
            to = span.end + i + c.len_utf8();
            break;
        }
    }
    (from..to, before)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Rule;
    use crate::source::SourceFile;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z]{1,12}",
            3 => Just(" ".to_string()),
            1 => " {20,700}",
            1 => Just("\t".to_string()),
            1 => "[한국어넓은글자漢字]{1,30}",
            1 => "(e\u{301}\u{301}){1,40}",
            1 => "[\u{200d}\u{202e}\u{2068}\u{1b}\u{7}\u{0}\u{7f}\u{85}]{1,5}",
            1 => "[a-z]{200,900}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        /// A window of a long line renders exactly as the whole line does: the same
        /// excerpt, `...` marks, underline and column, in colour and without.
        #[test]
        fn a_window_renders_as_the_whole_line(
            indent in prop_oneof![Just(String::new()), " {1,40}", " {500,1500}"],
            pieces in prop::collection::vec(piece(), 1..120),
            at in 0.0f64..1.0,
            span_len in 1usize..300,
            line_no in prop_oneof![1usize..10, 100usize..100_000],
            color in any::<bool>(),
        ) {
            let line = format!("{indent}{}", pieces.concat());
            let count = line.chars().count();
            let column = (at * count as f64) as usize + 1;
            let text = format!("{}{line}\nnext line", "\n".repeat(line_no - 1));
            let file = SourceFile::new(text.as_str());
            let found = file.locate(line_no, column).unwrap();
            let at = SourceLine { text: found.line, start: found.start, chars_before: found.chars_before };
            let d = Diagnostic::new(Rule::BrokenLink, "content/page.md", (line_no, column), "the link is broken")
                .span(0..span_len)
                .help("fix it");
            let renderer = if color { Renderer::styled() } else { Renderer::plain() };
            // Small enough that most generated lines are windowed.
            let windowed = render_one(&renderer, &d, Some(at), 64);
            let whole = render_one(&renderer, &d, Some(at), usize::MAX);
            prop_assert_eq!(windowed, whole);
        }
    }
}
