//! `import --git-history`: a translated file is a translation of the page as it was
//! when the file was last changed. Where both are in git, that version of the page is
//! found (`git log` of the translated file for its date, then the last commit of the
//! page before it) so the file is aligned against the text it translates, and
//! passages changed since are recorded with their old source hash: `status` and lint
//! call them outdated, and translators see exactly which to update.
//!
//! git is run as a reader of data, never as a runner of programs: the folder being
//! imported is third-party, and its `.git/config` (or `.gitattributes`) may name
//! programs — `gpg.program` with `log.showSignature`, `core.fsmonitor`, pagers,
//! external diff and textconv drivers, hooks, a promisor remote fetched on a missing
//! object. Every `git` here gets command-line settings that override all of those
//! (command-line `-c` wins over every configuration file), reads no system or global
//! configuration, takes no optional locks, fetches nothing, and asks nothing; blobs are
//! read with `cat-file` (plumbing, no textconv). The system `git` was kept rather than a
//! library such as `gix` (which would execute nothing by construction) because `gix`,
//! even with only the features these queries need, adds 83 crates and about 108
//! CPU-seconds to a cold release build for three read-only queries (README, "How
//! `import` aligns").

use std::path::Path;
use std::process::Command;

/// The page's text at the commit it had when the translation was last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldSource {
    pub commit: String,
    pub text: String,
}

/// Settings that neutralise every program a repository's configuration can name for
/// the commands below (and a few more, so a later query cannot reopen the hole).
/// Command-line settings take precedence over `.git/config` and anything it includes.
const NEUTRAL: &[&str] = &[
    // `log` verifies a signed commit with gpg.program when asked to show signatures.
    "log.showSignature=false",
    "gpg.program=false",
    "gpg.openpgp.program=false",
    "gpg.ssh.program=false",
    "gpg.x509.program=false",
    // Run whenever the index is refreshed.
    "core.fsmonitor=false",
    "core.pager=cat",
    "diff.external=",
    "core.hooksPath=/dev/null",
    // No transport at all: a partial clone fetches a missing object from its promisor
    // remote, whose URL may be `ext::<command>` (and ssh runs `core.sshCommand`).
    "protocol.allow=never",
    "credential.helper=",
    "log.mailmap=false",
    "maintenance.auto=false",
    "gc.auto=0",
];

/// Environment a caller's shell may carry that would point git at another repository
/// or name a program; removed so that only `dir` and the settings above count.
const UNSET: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_EXTERNAL_DIFF",
    "GIT_PAGER",
    "PAGER",
];

/// The `git` command for `dir`, with every setting that could run a program neutralised.
fn command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("--no-pager");
    for setting in NEUTRAL {
        cmd.arg("-c").arg(setting);
    }
    cmd.arg("-C").arg(dir);
    for name in UNSET {
        cmd.env_remove(name);
    }
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_NO_LAZY_FETCH", "1")
        .stdin(std::process::Stdio::null());
    cmd
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = command(dir).args(args).output().ok()?;
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
    // Besides the settings, `log` is told never to show signatures or diff through a
    // configured program.
    let when = git(
        dir,
        &[
            "log",
            "--no-show-signature",
            "--no-textconv",
            "--no-ext-diff",
            "-1",
            "--format=%ct",
            "--",
            name,
        ],
    )?;
    let when = when.trim();
    if when.is_empty() {
        return None;
    }
    let before = format!("--before=@{when}");
    let commit = git(
        root,
        &[
            "log",
            "--no-show-signature",
            "--no-textconv",
            "--no-ext-diff",
            "-1",
            "--format=%H",
            &before,
            "--",
            content_rel,
        ],
    )?;
    let commit = commit.trim();
    if commit.is_empty() {
        return None;
    }
    // `cat-file blob` prints the stored bytes: no textconv, no filter.
    let blob = format!("{commit}:./{content_rel}");
    let text = git(root, &["cat-file", "blob", &blob])?;
    Some(OldSource {
        commit: commit.to_string(),
        text,
    })
}
