//! The files diagnostics point at, for their snippets: each read once through the
//! site's store, with its line index built once and shared by every diagnostic shown
//! from it (the human renderer's [`Sources`]).

use super::Project;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::render::human::{SourceLine, Sources};
use crate::source::SourceFile;
use std::collections::HashMap;

/// The files of the project that diagnostics point at.
pub struct SourceFiles<'a> {
    files: HashMap<String, Option<SourceFile<'a>>>,
}

impl Sources for SourceFiles<'_> {
    fn line(&self, file: &str, line: usize, column: usize) -> Option<SourceLine<'_>> {
        let at = self.files.get(file)?.as_ref()?.locate(line, column)?;
        Some(SourceLine {
            text: at.line,
            start: at.start,
            chars_before: at.chars_before,
        })
    }
}

impl Project {
    /// The files that `diagnostics` point at (paths relative to the root): a
    /// `site.ftl` the project holds is borrowed, any other file read once (never
    /// through a link: a diagnostic about a link must not show where it leads).
    pub fn source_files(&self, diagnostics: &[Diagnostic]) -> SourceFiles<'_> {
        let mut files = HashMap::new();
        for d in diagnostics {
            if files.contains_key(&d.file) {
                continue;
            }
            let held = self
                .locales
                .iter()
                .filter_map(|l| l.site.as_ref())
                .find(|f| f.rel_path.to_string_lossy().replace('\\', "/") == d.file);
            let file = match held {
                Some(f) => Some(SourceFile::new(f.source())),
                None => self
                    .store
                    .read_text(&d.file, &mut Vec::new())
                    .map(|f| SourceFile::new(f.text)),
            };
            files.insert(d.file.clone(), file);
        }
        SourceFiles { files }
    }
}
