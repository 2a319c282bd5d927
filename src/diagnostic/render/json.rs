//! `--format json`: exactly one JSON object — the diagnostics, sorted, and per-locale figures.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::LocaleStats;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    locales: Vec<JsonLocale<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    locale: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    message_id: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonLocale<'a> {
    locale: &'a str,
    translated: usize,
    total: usize,
    outdated: usize,
    missing: usize,
    rejected: usize,
    errors: usize,
    warnings: usize,
}

pub fn render(diagnostics: &[Diagnostic], locales: &[LocaleStats]) -> String {
    let output = Output {
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.rule.code(),
                severity: d.severity.as_str(),
                locale: d.locale.as_deref(),
                file: &d.file,
                line: d.line,
                column: d.column,
                message_id: d.message_id.as_deref(),
                message: &d.message,
                help: d.help.as_deref(),
                notes: &d.notes,
            })
            .collect(),
        locales: locales
            .iter()
            .map(|l| JsonLocale {
                locale: &l.locale,
                translated: l.translated,
                total: l.total,
                outdated: l.outdated,
                missing: l.missing,
                rejected: l.rejected,
                errors: l.errors,
                warnings: l.warnings,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&output).expect("plain data serialises");
    text.push('\n');
    text
}
