//! The file system, the way every command sees it: writing files so that a crash or a
//! full disk never leaves half a file (a temporary file beside the target, flushed,
//! renamed over it; one a killed run left is removed by the next that writes there),
//! the one walk of a site's directories, and the site's files kept
//! the site's: writes that refuse to go through a symbolic link or anywhere outside the
//! site's root (reads that never follow one are [`crate::source::read_no_follow`]).

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Component, Path};

/// Whether some component of `path` below `root` is a symbolic link (or cannot be
/// looked at): what must not be read as the site's own file.
pub(crate) fn has_link_below(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return true;
    };
    let mut at = root.to_path_buf();
    for c in rel.components() {
        let Component::Normal(name) = c else {
            return true;
        };
        at.push(name);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if !meta.file_type().is_symlink() => {}
            _ => return true,
        }
    }
    false
}

/// Makes sure writing into `dir` (at or below `root`) stays inside `root`: each
/// component below the root must be a real directory — a symbolic link (a committed
/// `locales/de -> /elsewhere`) or `..` is refused — and missing ones are created one by
/// one; then the real path of `dir` must lie inside the real path of the root.
pub(crate) fn create_dir_inside(root: &Path, dir: &Path) -> Result<()> {
    let refuse = |at: &Path, reason: &str| {
        Err(Error::UnsafeOutput {
            path: at.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    let Ok(rel) = dir.strip_prefix(root) else {
        return refuse(dir, "it is outside the site");
    };
    let mut at = root.to_path_buf();
    for c in rel.components() {
        match c {
            Component::CurDir => continue,
            Component::Normal(name) => at.push(name),
            _ => return refuse(dir, "the path leaves the site"),
        }
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return refuse(
                    &at,
                    "it is a symbolic link, which fluentpress never writes through (it could lead outside the site); replace it with a directory",
                );
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return refuse(&at, "it is not a directory"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match std::fs::create_dir(&at) {
                    Ok(()) => {}
                    // Made meanwhile by another process: looked at again below.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        if std::fs::symlink_metadata(&at)
                            .map_or(true, |m| m.file_type().is_symlink() || !m.is_dir())
                        {
                            return refuse(&at, "it is not a directory");
                        }
                    }
                    Err(e) => return Err(Error::io(&at, e)),
                }
            }
            Err(e) => return Err(Error::io(&at, e)),
        }
    }
    let real_root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let real = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if !real.starts_with(&real_root) {
        return refuse(dir, "its real path is outside the site");
    }
    Ok(())
}

/// [`write_atomic`] for a file of the site at `root`: refused when the file or a
/// directory on the way is a symbolic link, or the real directory is outside the root.
pub(crate) fn write_inside(root: &Path, path: &Path, contents: &[u8]) -> Result<()> {
    check_file_inside(root, path)?;
    write_atomic(path, contents)
}

/// The checks of [`write_inside`] (the missing directories are created), for a file
/// about to be written or removed.
pub(crate) fn check_file_inside(root: &Path, path: &Path) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_dir_inside(root, dir)?;
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::UnsafeOutput {
            path: path.to_path_buf(),
            reason: "it is a symbolic link, which fluentpress never writes through (it could lead outside the site); replace it with the file itself".into(),
        });
    }
    Ok(())
}

/// Every entry below `dir` (not `dir` itself), sorted by name at each level, with
/// hidden names (`.git`, editors' swap files, fluentpress's own temporary files) and
/// everything below them left out. Symbolic links are reported, never followed.
pub(crate) fn walk(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
}

/// `path` relative to `base`, `/`-separated (as paths are shown and compared).
pub(crate) fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The temporary files [`write_atomic`] makes: `.fluentpress-XXXXXX.tmp` (hidden, so
/// every walk of the site skips them).
const TEMP_PREFIX: &str = ".fluentpress-";
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM: usize = 6;

/// A temporary file this old was left by a run that was killed (or lost its disk)
/// between writing it and renaming it over its target: a live writer creates, writes,
/// flushes and renames it within milliseconds, and its modification time moves while
/// it writes. Age is the test because nothing proves a file unheld portably (tempfile
/// takes no lock, and a process id may be reused or belong to another container).
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(60);

/// Whether `name` is one of [`write_atomic`]'s temporary files.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the stale temporary files of ours in `dir` (see [`STALE_TEMP`]), once per
/// directory and run: a killed `sync` or `extract` left them, and the next run that
/// writes there (it writes the same file again, since the rename never happened)
/// takes them away.
fn remove_stale_temps(dir: &Path) {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static CLEANED: Mutex<BTreeSet<std::path::PathBuf>> = Mutex::new(BTreeSet::new());
    let first = CLEANED
        .lock()
        .map(|mut seen| seen.insert(dir.to_path_buf()))
        .unwrap_or(false);
    if !first {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        if !is_temp_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        // The entry's own type: a link of that name is not ours and stays.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let stale = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMP);
        if meta.is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes a text file of the site at `root` atomically and only inside it
/// ([`write_inside`]), in `style`: the byte-order mark and line ends the file had when
/// it was read, so a rewrite changes only what it edits.
pub(crate) fn write_text(
    root: &Path,
    path: &Path,
    text: &str,
    style: crate::source::TextStyle,
) -> Result<()> {
    write_inside(root, path, &style.encode(text))
}

/// Writes `contents` to `path` so that a crash or a full disk never leaves half a file:
/// a temporary file beside it, flushed, renamed over it. The one writer of the site's
/// files (reference files, translations, served output) and of their permissions.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    remove_stale_temps(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM)
            .tempfile_in(dir.path())
            .unwrap();
        assert!(is_temp_name(
            &tmp.path().file_name().unwrap().to_string_lossy()
        ));
        for other in [
            ".fluentpress-output",
            ".fluentpress-notes.tmp",
            "fluentpress-abcdef.tmp",
            ".fluentpress-ab/def.tmp",
        ] {
            assert!(!is_temp_name(other), "{other}");
        }
    }

    #[test]
    #[cfg(unix)]
    fn writes_stay_inside_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(root.join("locales")).unwrap();
        std::fs::create_dir(&outside).unwrap();
        write_inside(&root, &root.join("locales/fr/a.ftl"), b"a = b\n").unwrap();
        assert_eq!(
            std::fs::read(root.join("locales/fr/a.ftl")).unwrap(),
            b"a = b\n"
        );
        std::os::unix::fs::symlink(&outside, root.join("locales/de")).unwrap();
        std::os::unix::fs::symlink(outside.join("f.ftl"), root.join("locales/fr/f.ftl")).unwrap();
        for path in [
            root.join("locales/de/a.ftl"),
            root.join("locales/de/sub/a.ftl"),
            root.join("locales/fr/f.ftl"),
            root.join("locales/../../outside/a.ftl"),
            outside.join("a.ftl"),
        ] {
            assert!(
                matches!(
                    write_inside(&root, &path, b"x"),
                    Err(Error::UnsafeOutput { .. })
                ),
                "{}",
                path.display()
            );
        }
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }
}
