//! What lint says of the file `import` writes: each written file judged by the
//! pipeline's one judgement, a message the judgement finds to be the English itself
//! left out, and the report's findings taken from the judgement of the file written.

use super::*;
use crate::diagnostic::Severity;
use crate::resolve::Fallback;

/// Writes the import's messages into `base` and judges the file as the pipeline judges
/// every page file: a message the judgement finds identical to the English text is left
/// out (reported as not placed), and the report's findings are what lint says of the
/// file written then. Returns the file's text.
pub(super) fn judge_written(
    project: &Project,
    files: &LocaleFiles,
    settings: &Settings,
    page: &Page,
    path: &str,
    base: &str,
    import: &mut PageImport,
) -> String {
    // The source content's checks, once: the judgement reports the links of the page
    // that lead nowhere in each translation that carries them.
    let checks = crate::checks::SourceChecks::of(
        page,
        project.site_index(),
        &project.config.source_locale.tag,
    );
    let judged = |text: &str| {
        let file = FtlFile::parse(
            PathBuf::from(path),
            text.to_string(),
            crate::source::TextStyle::NEW,
        );
        let (shown, mut diagnostics) =
            crate::pipeline::judge(project, files, page, &checks, Some(&file));
        let fallbacks: Vec<Option<Fallback>> = shown.iter().map(|s| s.fallback).collect();
        settings.apply(&mut diagnostics);
        (fallbacks, diagnostics)
    };
    let mut text = write_page_file(page, base, &import.messages);
    let (fallbacks, _) = judged(&text);
    let same: Vec<usize> = import
        .messages
        .iter()
        .map(|m| m.0)
        .filter(|&i| fallbacks[i] == Some(Fallback::Untranslated))
        .collect();
    if !same.is_empty() {
        for &i in &same {
            let id = &page.segments[i].id;
            if let Some(m) = import.report.imported.iter().find(|m| m.id == *id) {
                import.report.not_placed.push(NotPlaced {
                    line: m.line,
                    first_words: first_words(&m.text),
                    why: LeftOut::LeftInEnglish,
                    reason: format!(
                        "is the English text of `{id}` itself: left in the source language, not imported"
                    ),
                });
            }
        }
        import.report.not_placed.sort_by_key(|n| n.line);
        let ids: Vec<&str> = same.iter().map(|&i| page.segments[i].id.as_str()).collect();
        import
            .report
            .imported
            .retain(|m| !ids.contains(&m.id.as_str()));
        import.messages.retain(|m| !same.contains(&m.0));
        text = write_page_file(page, base, &import.messages);
    }
    let (fallbacks, diagnostics) = judged(&text);
    let written: std::collections::HashSet<usize> = import.messages.iter().map(|m| m.0).collect();
    let kept: std::collections::HashSet<&String> = import.report.kept.iter().collect();
    import.report.untranslated = page
        .reference_order()
        .filter(|&i| page.segments[i].needs_translation && !written.contains(&i))
        .map(|i| page.segments[i].id.clone())
        .filter(|id| !kept.contains(id))
        .collect();
    import.report.findings = diagnostics
        .into_iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| {
            let segment = d.message_id.as_deref().and_then(|id| page.index_of(id));
            let imported = segment.is_some_and(|i| written.contains(&i));
            Finding {
                line: d
                    .message_id
                    .as_deref()
                    .and_then(|id| import.report.imported.iter().find(|m| m.id == id))
                    .map(|m| m.line),
                ftl_line: d.line,
                rule: d.rule.code().to_string(),
                severity: d.severity.as_str().to_string(),
                refused: segment.is_some_and(|i| fallbacks[i] == Some(Fallback::Rejected)),
                imported,
                message: d.message,
                id: d.message_id,
            }
        })
        .collect();
    text
}
