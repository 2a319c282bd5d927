//! `import --git-history`: a translated file is a translation of the page as it was
//! when the file was last changed. Where both are in git, that version of the page is
//! found (`git log` of the translated file for its date, then the last commit of the
//! page before it) so the file is aligned against the text it translates, and
//! passages changed since are recorded with their old source hash: `status` and lint
//! call them outdated, and translators see exactly which to update.

use std::path::Path;
use std::process::Command;

/// The page's text at the commit it had when the translation was last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldSource {
    pub commit: String,
    pub text: String,
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(text)
}

/// The page `content_rel` (relative to `root`) as it was when `translated` was last
/// committed; `None` when either is not in git history or git is not there.
pub fn source_when_translated(
    root: &Path,
    translated: &Path,
    content_rel: &str,
) -> Option<OldSource> {
    let dir = translated
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = translated.file_name()?.to_str()?;
    let when = git(dir, &["log", "-1", "--format=%ct", "--", name])?;
    let when = when.trim();
    if when.is_empty() {
        return None;
    }
    let before = format!("--before=@{when}");
    let commit = git(
        root,
        &["log", "-1", "--format=%H", &before, "--", content_rel],
    )?;
    let commit = commit.trim();
    if commit.is_empty() {
        return None;
    }
    let text = git(root, &["show", &format!("{commit}:./{content_rel}")])?;
    Some(OldSource {
        commit: commit.to_string(),
        text,
    })
}
