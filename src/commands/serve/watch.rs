//! What `serve` watches: the system's change reports for `content/`, `locales/` and the
//! site root (notify, debounced by 50 ms), and the stamps (modification time, size,
//! inode) that tell which files really changed since the last look.

use crate::project::{CONTENT_DIR, LOCALES_DIR};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// What identifies a file's version without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    }
}

/// The stamps of every watched file, by path relative to the root (`/`-separated).
pub(super) type Stamps = BTreeMap<String, Stamp>;

/// Every watched file. Hidden files (editor swap files, fluentpress's own temporary
/// files) are skipped, as the loader skips them.
pub(super) fn snapshot(root: &Path) -> Stamps {
    let mut out = BTreeMap::new();
    for dir in [CONTENT_DIR, LOCALES_DIR] {
        for entry in crate::fsutil::walk(&root.join(dir)).filter_map(|e| e.ok()) {
            if entry.file_type().is_dir() {
                continue;
            }
            if let Ok(meta) = std::fs::symlink_metadata(entry.path()) {
                let rel = crate::fsutil::rel_path(root, entry.path());
                out.insert(rel, stamp(&meta));
            }
        }
    }
    if let Ok(meta) = std::fs::metadata(root.join(crate::config::FILE_NAME)) {
        out.insert(crate::config::FILE_NAME.to_string(), stamp(&meta));
    }
    out
}

/// The paths added, removed or changed between two snapshots.
pub(super) fn changes(old: &Stamps, new: &Stamps) -> Vec<String> {
    let mut paths: BTreeSet<&String> = BTreeSet::new();
    for (path, s) in new {
        if old.get(path) != Some(s) {
            paths.insert(path);
        }
    }
    for path in old.keys() {
        if !new.contains_key(path) {
            paths.insert(path);
        }
    }
    paths.into_iter().cloned().collect()
}

/// The system's change reports for the site, debounced: a message per batch.
pub(super) type Reports = (
    std::sync::mpsc::Receiver<()>,
    notify_debouncer_mini::Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
);

pub(super) fn watch(
    root: &Path,
) -> std::result::Result<Reports, notify_debouncer_mini::notify::Error> {
    use notify_debouncer_mini::notify::RecursiveMode;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(
        Duration::from_millis(50),
        move |result: notify_debouncer_mini::DebounceEventResult| {
            if result.is_ok_and(|events| !events.is_empty()) {
                let _ = tx.send(());
            }
        },
    )?;
    let watcher = debouncer.watcher();
    // The root itself, not recursively: fluentpress.toml, and content/ or locales/ being
    // created or replaced.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in [CONTENT_DIR, LOCALES_DIR] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok((rx, debouncer))
}
