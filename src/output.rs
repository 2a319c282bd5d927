//! The output directory, never lost: a build writes everything into a staging directory
//! beside the output and swaps it in only when complete. A failed or killed build
//! leaves the previous output as it was; the next build removes what a killed one left.
//! fluentpress only ever replaces a directory that carries its marker file.
//!
//! Builds into the same output take turns: each holds an OS file lock on
//! `.<name>.fluentpress.lock` beside the output from its first look at the output until
//! its new output is in place (and `serve` holds it while it updates files in place),
//! so two builds never clean up or swap each other's directories.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file that marks a directory as fluentpress's output.
pub const MARKER: &str = ".fluentpress-output";
const MARKER_TEXT: &str = "This directory is written by fluentpress. `fluentpress build` replaces it whole; do not keep other files here.\n";

/// A build's staging directory.
pub struct Staging {
    pub dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Files of the previous output were linked in (a build of some locales).
    carried: bool,
    /// Held until the staging directory is swapped in or dropped.
    _lock: OutputLock,
}

/// The exclusive right to change an output directory, released when dropped.
pub struct OutputLock {
    _file: std::fs::File,
}

/// Waits for (and takes) the lock of `out`. While another process holds it, says once on
/// standard error who does.
pub fn lock(out: &Path) -> Result<OutputLock> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let path = out.with_file_name(format!(".{name}.fluentpress.lock"));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = std::io::Read::read_to_string(&mut file, &mut holder);
            let holder = holder.trim();
            eprintln!(
                "waiting for another fluentpress ({}) to finish writing {}",
                if holder.is_empty() {
                    "process unknown"
                } else {
                    holder
                },
                out.display()
            );
            file.lock().map_err(|e| Error::io(&path, e))?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
    }
    // Who holds it, for the next one that waits (advisory: the lock is what counts).
    let _ = file.set_len(0);
    let _ = std::io::Write::write_all(
        &mut file,
        format!("process {}\n", std::process::id()).as_bytes(),
    );
    Ok(OutputLock { _file: file })
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
        .filter(|p| p.join(MARKER).is_file())
        .collect();
    found.sort();
    found
}

/// Refuses an output directory that fluentpress did not create.
pub fn check(out: &Path) -> Result<()> {
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
    pub fn begin(out: &Path, carry: &dyn Fn(&str) -> bool) -> Result<Staging> {
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
    pub fn write(&self, rel: &str, contents: &[u8]) -> Result<()> {
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
    pub fn write_with(
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
    pub fn commit(mut self) -> Result<()> {
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
