//! `--format github`: one GitHub Actions workflow command per diagnostic, so findings
//! appear as annotations on the pull request's files.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;

/// Escapes the message part of a workflow command: `%`, CR and LF as GitHub's runner
/// reads them back, and every other control or noncharacter spelled out (`\u{1b}`),
/// since the log is shown in a terminal-like viewer that interprets ESC sequences.
fn data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::diagnostic::for_terminal(&s)
}

/// Escapes a property value of a workflow command.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = d.message.clone();
        if let Some(locale) = &d.locale {
            message = format!("[{locale}] {message}");
        }
        for note in &d.notes {
            message.push('\n');
            message.push_str(note);
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&d.file),
            d.line,
            d.column,
            property(&format!("fluentpress ({})", d.rule.code())),
            data(&message)
        ));
    }
    out
}
