//! Where a site's files come from: the disk (every command), or memory (tests and the
//! fuzzer). The loader lists and reads through a [`Store`] only, so a site held in
//! memory is loaded, checked and rendered by exactly the code that loads one from disk.
//! On disk nothing is read through a symbolic link.

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::TextFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of a site.
#[derive(Debug, Clone)]
pub(crate) enum Store {
    /// The site's root directory.
    Disk(PathBuf),
    /// Every file by its path relative to the root (`/`-separated), as bytes (a path
    /// ending in `/` is an empty directory), and whether they are all of the site's
    /// files (else the files beside the pages are not known, and links to them are not
    /// checked).
    Memory(BTreeMap<String, Vec<u8>>, bool),
}

/// Something found under a directory of the site, by its path relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    File(String),
    /// A symbolic link (never followed).
    Link(String),
    /// A directory (or the directory itself) that could not be read, and why.
    Unreadable(String, String),
}

impl Store {
    /// Everything below the directory `dir` (relative to the root), sorted; hidden
    /// names (and what is inside hidden directories) are skipped, and directories are
    /// not listed themselves.
    pub(crate) fn walk(&self, dir: &str) -> Vec<Found> {
        match self {
            Store::Disk(root) => {
                let base = root.join(dir);
                let mut out = Vec::new();
                for entry in crate::fsutil::walk(&base) {
                    let entry = match entry {
                        Ok(entry) => entry,
                        Err(e) => {
                            let rel = e
                                .path()
                                .map(|p| crate::fsutil::rel_path(root, p))
                                .unwrap_or_else(|| dir.to_string());
                            let message = match e.io_error() {
                                Some(io) => io.to_string(),
                                None => e.to_string(),
                            };
                            out.push(Found::Unreadable(rel, message));
                            continue;
                        }
                    };
                    let rel = crate::fsutil::rel_path(root, entry.path());
                    let file_type = entry.file_type();
                    if file_type.is_symlink() {
                        out.push(Found::Link(rel));
                    } else if !file_type.is_dir() {
                        out.push(Found::File(rel));
                    }
                }
                out
            }
            Store::Memory(files, _) => {
                let prefix = format!("{dir}/");
                files
                    .keys()
                    .filter_map(|path| {
                        let rest = path.strip_prefix(&prefix)?;
                        (!rest.is_empty()
                            && !rest.ends_with('/')
                            && !rest.split('/').any(|part| part.starts_with('.')))
                        .then(|| Found::File(path.clone()))
                    })
                    .collect()
            }
        }
    }

    /// The directories and links right inside `dir`, by name, sorted (hidden names
    /// skipped); `Err` with why when `dir` cannot be read.
    pub(crate) fn subdirectories(
        &self,
        dir: &str,
    ) -> std::result::Result<(Vec<String>, Vec<String>), String> {
        match self {
            Store::Disk(root) => {
                let entries = std::fs::read_dir(root.join(dir)).map_err(|e| e.to_string())?;
                // The entry's own type: a symbolic link to a directory is not one.
                let (mut dirs, mut links) = (Vec::new(), Vec::new());
                for e in entries.filter_map(|e| e.ok()) {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    match e.file_type() {
                        Ok(t) if t.is_symlink() => links.push(name),
                        Ok(t) if t.is_dir() => dirs.push(name),
                        _ => {}
                    }
                }
                dirs.sort();
                links.sort();
                Ok((dirs, links))
            }
            Store::Memory(files, _) => {
                let prefix = format!("{dir}/");
                let mut dirs: Vec<String> = files
                    .keys()
                    .filter_map(|path| {
                        let (name, _) = path.strip_prefix(&prefix)?.split_once('/')?;
                        (!name.starts_with('.')).then(|| name.to_string())
                    })
                    .collect();
                dirs.sort();
                dirs.dedup();
                Ok((dirs, Vec::new()))
            }
        }
    }

    /// The text file at `rel` (relative to the root); what goes wrong (it cannot be
    /// read, it is not UTF-8, it starts with a byte-order mark) becomes a diagnostic in
    /// `problems`, at `rel`. On disk, a path through a symbolic link is not read.
    pub(crate) fn read_text(&self, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<TextFile> {
        let decoded = match self {
            Store::Disk(root) => {
                let path = root.join(rel);
                if crate::fsutil::has_link_below(root, &path) {
                    Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "a symbolic link is on the way, which fluentpress never follows",
                    ))
                } else {
                    TextFile::read(&path)
                }
            }
            Store::Memory(files, _) => match files.get(rel) {
                Some(bytes) => Ok(TextFile::decode(bytes.clone())),
                None => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
            },
        };
        match decoded {
            Err(e) => {
                problems.push(Diagnostic::new(
                    Rule::IoError,
                    rel,
                    (1, 1),
                    format!("cannot read the file: {e}"),
                ));
                None
            }
            Ok(Err(bad)) => {
                problems.push(
                    Diagnostic::new(
                        Rule::InvalidUtf8,
                        rel,
                        (bad.line, bad.column),
                        "the file is not valid UTF-8",
                    )
                    .help("save the file with UTF-8 encoding"),
                );
                None
            }
            Ok(Ok(file)) => {
                if file.had_bom {
                    problems.push(Diagnostic::new(
                        Rule::ByteOrderMark,
                        rel,
                        (1, 1),
                        "the file starts with a byte-order mark (ignored)",
                    ));
                }
                Some(file)
            }
        }
    }

    /// The site's root directory (`.` for a site in memory).
    pub(crate) fn root(&self) -> &Path {
        match self {
            Store::Disk(root) => root,
            Store::Memory(..) => Path::new("."),
        }
    }

    /// Whether the files beside the pages are known (on disk), so that links to a
    /// missing one can be reported.
    pub(crate) fn knows_every_file(&self) -> bool {
        match self {
            Store::Disk(_) => true,
            Store::Memory(_, complete) => *complete,
        }
    }
}
