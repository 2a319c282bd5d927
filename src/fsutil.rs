//! The file system, the way every command sees it: writing files so that a crash or a
//! full disk never leaves half a file (a temporary file beside the target, flushed,
//! renamed over it), and the one walk of a site's directories.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Every entry below `dir` (not `dir` itself), sorted by name at each level, with
/// hidden names (`.git`, editors' swap files, fluentpress's own temporary files) and
/// everything below them left out. Symbolic links are reported, never followed.
pub fn walk(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
}

/// `path` relative to `base`, `/`-separated (as paths are shown and compared).
pub fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes a text file atomically ([`write_atomic`]) in `style`: the byte-order mark and
/// line ends the file had when it was read, so a rewrite changes only what it edits.
pub fn write_text(path: &Path, text: &str, style: crate::source::TextStyle) -> Result<()> {
    write_atomic(path, &style.encode(text))
}

/// Writes `contents` to `path` so that a crash or a full disk never leaves half a file:
/// a temporary file beside it, flushed, renamed over it. The one writer of the site's
/// files (reference files, translations, served output) and of their permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".fluentpress-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    // Keep the mode of the file replaced; a new file gets the usual 0644 (tempfile
    // creates 0600, which would make reference files private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
