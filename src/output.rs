//! The output directory, never lost: a build writes everything into a staging directory
//! beside the output and swaps it in only when complete. A failed or killed build
//! leaves the previous output as it was; the next build removes what a killed one left.
//! fluentpress only ever replaces a directory that carries its marker file.
//!
//! Builds into the same output take turns: each holds an OS file lock on
//! `.<name>.fluentpress.lock` beside the output from its first look at the output until
//! its new output is in place (and `serve` holds it while it updates files in place),
//! so two builds never clean up or swap each other's directories. The lock file (a name
//! a pull request can commit) is never opened through a symbolic link, and never
//! written unless it is a regular file holding what fluentpress writes there.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file that marks a directory as fluentpress's output.
pub(crate) const MARKER: &str = ".fluentpress-output";
const MARKER_TEXT: &str = "This directory is written by fluentpress. `fluentpress build` replaces it whole; do not keep other files here.\n";

/// A build's staging directory.
pub(crate) struct Staging {
    pub dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Files of the previous output were linked in (a build of some locales).
    carried: bool,
    /// Held until the staging directory is swapped in or dropped.
    _lock: OutputLock,
}

/// The exclusive right to change an output directory, released when dropped.
pub(crate) struct OutputLock {
    _file: std::fs::File,
}

/// Waits for (and takes) the lock of `out`. While another process holds it, says once on
/// standard error who does.
///
/// The lock file sits beside the output, where a pull request can commit a file of
/// that name: it is opened without following a symbolic link (`O_NOFOLLOW`, or the
/// link itself on Windows), accepted only as a regular file with no other name (a
/// hard link), and rewritten only when it holds what fluentpress writes there (nothing,
/// or `process N`); anything else is refused, never truncated.
pub(crate) fn lock(out: &Path) -> Result<OutputLock> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let path = out.with_file_name(format!(".{name}.fluentpress.lock"));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let refuse = |reason: &str| Error::UnsafeOutput {
        path: path.clone(),
        reason: format!(
            "{reason}; fluentpress keeps its lock there and never writes to a file it did not make (a committed lock file could aim the build at any file): remove it"
        ),
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    crate::source::no_follow(&mut options);
    let mut file = match options.open(&path) {
        Ok(file) => file,
        Err(e) => {
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(refuse("the lock file is a symbolic link"));
            }
            return Err(Error::io(&path, e));
        }
    };
    // What was opened, not what the name shows now.
    let meta = file.metadata().map_err(|e| Error::io(&path, e))?;
    if meta.file_type().is_symlink() {
        return Err(refuse("the lock file is a symbolic link"));
    }
    if !meta.file_type().is_file() {
        return Err(refuse("the lock file is not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(refuse(
                "the lock file has other names (hard links), so it is not fluentpress's own",
            ));
        }
    }
    // What the lock file holds: at most a line (a larger file is not ours).
    let holder = |file: &mut std::fs::File| -> Option<String> {
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(0)).ok()?;
        Read::by_ref(file)
            .take(HOLDER_MAX + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        holder_of(&bytes)
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = holder(&mut file);
            eprintln!(
                "waiting for another fluentpress ({}) to finish writing {}",
                match holder.as_deref() {
                    None | Some("") => "process unknown",
                    Some(holder) => holder,
                },
                out.display()
            );
            file.lock().map_err(|e| Error::io(&path, e))?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
    }
    if holder(&mut file).is_none() {
        return Err(refuse(
            "the lock file holds something fluentpress did not write",
        ));
    }
    // Who holds it, for the next one that waits (advisory: the lock is what counts).
    // Written from the start, then cut to its length: never a gap of NUL bytes where
    // the read above left the file position.
    let line = format!("process {}\n", std::process::id());
    let _ = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.write_all(line.as_bytes()))
        .and_then(|()| file.set_len(line.len() as u64));
    Ok(OutputLock { _file: file })
}

/// The longest lock file fluentpress writes, with room to spare.
const HOLDER_MAX: u64 = 64;

/// Who holds the lock, from the lock file's bytes, if fluentpress wrote them: nothing
/// (`Some("")`), or `process N` (NUL bytes around it are what older versions left).
fn holder_of(bytes: &[u8]) -> Option<String> {
    if bytes.len() as u64 > HOLDER_MAX {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_matches(|c: char| c == '\0' || c.is_ascii_whitespace());
    if text.is_empty() {
        return Some(String::new());
    }
    let pid = text.strip_prefix("process ")?;
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

/// A name no other staging or old directory of this process or another has.
fn unique_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}-{}-{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn sibling(out: &Path, kind: &str, id: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.fluentpress-{kind}-{id}"))
}

fn leftovers(out: &Path) -> Vec<PathBuf> {
    let Some(parent) = out.parent() else {
        return Vec::new();
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.fluentpress-");
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    }) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| out.with_file_name(e.file_name()))
        // A committed link named like a leftover is not one: never renamed into place
        // or read through.
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()))
        .filter(|p| p.join(MARKER).is_file())
        .collect();
    found.sort();
    found
}

/// Refuses an output directory inside one of the site's source directories (`sources`:
/// name and path), or holding one: each build would publish its previous output as
/// content files (and `serve` would rebuild itself on every write), or replace the
/// site. Exit 2: a usage error, or [`Error::UnsafeOutput`] for an output holding them.
pub(crate) fn check_outside(out: &Path, sources: &[(&str, PathBuf)]) -> Result<()> {
    let real_out = real_path(out);
    for (name, dir) in sources {
        let real_dir = real_path(dir);
        if real_out.starts_with(&real_dir) {
            return Err(Error::Usage(format!(
                "--out {}: the output may not be inside `{name}/`: each build would publish the previous one as part of the site; choose a directory outside `content/` and `locales/` (the default is dist/ in the site root)",
                out.display()
            )));
        }
        if real_dir.starts_with(&real_out) {
            return Err(Error::UnsafeOutput {
                path: out.to_path_buf(),
                reason: format!(
                    "it holds the site's `{name}/`, and a build replaces its output whole; choose a directory outside the site's sources (the default is dist/ in the site root)"
                ),
            });
        }
    }
    Ok(())
}

/// `path` made absolute, `.` and `..` taken away, and its longest existing part
/// replaced by its real path (symbolic links resolved): so that two spellings of a
/// directory, or a directory that does not exist yet, compare as the same place.
fn real_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let mut rest = Vec::new();
    let mut at = clean.as_path();
    loop {
        if let Ok(mut real) = std::fs::canonicalize(at) {
            real.extend(rest.iter().rev());
            return real;
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return clean,
        }
    }
}

/// Refuses an output directory that fluentpress did not create.
pub(crate) fn check(out: &Path) -> Result<()> {
    let refuse = |reason: String| {
        Err(Error::UnsafeOutput {
            path: out.to_path_buf(),
            reason,
        })
    };
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(out, e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            refuse("it is a symbolic link; give the real directory".into())
        }
        Ok(meta) if !meta.is_dir() => refuse("it exists and is not a directory".into()),
        Ok(_) => {
            if out.join(MARKER).is_file() {
                return Ok(());
            }
            let empty = std::fs::read_dir(out)
                .map_err(|e| Error::io(out, e))?
                .next()
                .is_none();
            if empty {
                Ok(())
            } else {
                refuse(format!(
                    "it is not empty and was not written by fluentpress (it has no {MARKER} file), so a build would replace files it did not create; choose a new or empty directory"
                ))
            }
        }
    }
}

/// Where the site stage writes an output file: a build's staging directory, or (for
/// `serve`) the served directory in place.
pub trait Sink: Sync {
    /// Writes `rel` (`/`-separated, relative to the output).
    fn put(&self, rel: &str, contents: &[u8]) -> Result<()>;

    /// Writes `rel` piece by piece (a file too large to make in memory first).
    fn put_with(
        &self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()>;
}

impl Sink for Staging {
    fn put(&self, rel: &str, contents: &[u8]) -> Result<()> {
        self.write(rel, contents)
    }

    fn put_with(
        &self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.write_with(rel, fill)
    }
}

impl Staging {
    /// Prepares a staging directory for `out`, after cleaning up after killed builds.
    /// `carry` decides which files of the current output (paths relative to it) are
    /// kept in the new one — for a build of only some locales.
    pub(crate) fn begin(out: &Path, carry: &dyn Fn(&str) -> bool) -> Result<Staging> {
        let lock = lock(out)?;
        check(out)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        // A build killed between its two renames left the output under its old name.
        let previous = leftovers(out);
        if !out.exists()
            && let Some(old) = previous
                .iter()
                .rev()
                .find(|p| p.to_string_lossy().contains(".fluentpress-old-"))
        {
            std::fs::rename(old, out).map_err(|e| Error::io(old, e))?;
        }
        for stale in leftovers(out) {
            std::fs::remove_dir_all(&stale).map_err(|e| Error::io(&stale, e))?;
        }
        let dir = sibling(out, "staging", &unique_id());
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(&dir, e))?;
        let mut staging = Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
            carried: false,
            _lock: lock,
        };
        if out.is_dir() {
            staging.carried = staging.carry_over(out, "", carry)? > 0;
        }
        Ok(staging)
    }

    /// Links the files `carry` keeps into the staging directory; returns how many.
    fn carry_over(&self, from: &Path, rel: &str, carry: &dyn Fn(&str) -> bool) -> Result<usize> {
        let mut carried = 0;
        let entries = std::fs::read_dir(from).map_err(|e| Error::io(from, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(from, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child_rel = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if child_rel == MARKER || !carry(&child_rel) {
                continue;
            }
            let path = entry.path();
            let target = self.dir.join(&child_rel);
            let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if file_type.is_dir() {
                std::fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
                carried += self.carry_over(&path, &child_rel, carry)?;
            } else if file_type.is_file() {
                // A hard link costs nothing; new files are always written to new inodes.
                if std::fs::hard_link(&path, &target).is_err() {
                    std::fs::copy(&path, &target).map_err(|e| Error::io(&path, e))?;
                }
                carried += 1;
            }
        }
        Ok(carried)
    }

    /// Writes a file of the new output (`rel` is `/`-separated).
    pub(crate) fn write(&self, rel: &str, contents: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        if self.carried {
            // Never write through a hard link carried over from the previous output.
            let _ = std::fs::remove_file(&path);
        }
        match std::fs::write(&path, contents) {
            // The first file of a directory creates it (one system call less for the others).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                std::fs::write(&path, contents).map_err(|e| Error::io(&path, e))
            }
            result => result.map_err(|e| Error::io(&path, e)),
        }
    }

    /// Writes a file of the new output piece by piece, for a file too large to make in
    /// memory first (the status page of a large site).
    pub(crate) fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let path = self.dir.join(rel);
        if self.carried {
            let _ = std::fs::remove_file(&path);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut writer)
            .and_then(|()| std::io::Write::flush(&mut writer))
            .map_err(|e| Error::io(&path, e))
    }

    /// Swaps the new output in; the old one is removed afterwards.
    pub(crate) fn commit(mut self) -> Result<()> {
        let old = sibling(&self.out, "old", &unique_id());
        let had_old = self.out.exists();
        if had_old {
            std::fs::rename(&self.out, &old).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_holder_is_only_what_fluentpress_writes() {
        assert_eq!(holder_of(b""), Some(String::new()));
        assert_eq!(holder_of(b"process 12\n"), Some("process 12".into()));
        // What older versions left: NUL bytes before the line.
        assert_eq!(holder_of(b"\0\0\0process 12\n"), Some("process 12".into()));
        for foreign in [
            &b"process \x1b[2J\n"[..],
            b"process\n",
            b"my notes\n",
            b"\xff\xfe",
            &[b'1'; 100],
        ] {
            assert_eq!(holder_of(foreign), None, "{foreign:?}");
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_link_named_like_a_leftover_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join(MARKER), "").unwrap();
        std::fs::write(elsewhere.join("keep.txt"), "keep").unwrap();
        let link = sibling(&out, "old", "1");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        assert!(leftovers(&out).is_empty());
        let s = Staging::begin(&out, &|_| true).unwrap();
        s.write("a.html", b"a").unwrap();
        s.commit().unwrap();
        assert!(!out.join("keep.txt").exists());
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("keep.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn refuses_foreign_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "keep me").unwrap();
        assert!(matches!(
            Staging::begin(&out, &|_| true),
            Err(Error::UnsafeOutput { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep me"
        );
    }

    #[test]
    fn swaps_and_carries_over() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let s = Staging::begin(&out, &|_| true).unwrap();
        s.write("ko/a.html", b"one").unwrap();
        s.write("en/a.html", b"en").unwrap();
        s.commit().unwrap();
        let s = Staging::begin(&out, &|rel| !rel.starts_with("ko")).unwrap();
        s.write("ko/a.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("ko/a.html")).unwrap(),
            "two"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("en/a.html")).unwrap(),
            "en"
        );
        assert!(leftovers(&out).is_empty());
    }

    #[test]
    fn a_dropped_build_changes_nothing_and_leftovers_are_cleaned() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let s = Staging::begin(&out, &|_| true).unwrap();
        s.write("a.html", b"old").unwrap();
        s.commit().unwrap();
        {
            let s = Staging::begin(&out, &|_| true).unwrap();
            s.write("a.html", b"new").unwrap();
            // dropped without commit: a failed build
        }
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "old");
        // A killed build leaves its staging directory behind; the next build removes it.
        let killed = sibling(&out, "staging", "999999");
        std::fs::create_dir(&killed).unwrap();
        std::fs::write(killed.join(MARKER), "").unwrap();
        let s = Staging::begin(&out, &|_| true).unwrap();
        assert!(!killed.exists());
        drop(s);
        // Killed between the renames: the output is under its old name; it comes back.
        std::fs::rename(&out, sibling(&out, "old", "424242")).unwrap();
        let s = Staging::begin(&out, &|_| true).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "old");
        drop(s);
    }
}
