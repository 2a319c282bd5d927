//! `import --git-history`: a translated file is a translation of the page as it was
//! when the translator last changed its words. Where both are in git, that version of
//! the page is found (the newest commit of the translated file that changed its prose,
//! then the last commit of the page before it) so the file is aligned against the text
//! it translates, and passages changed since are recorded with their old source hash:
//! `status` and lint call them outdated, and translators see exactly which to update.
//!
//! A commit that changed only the file's front matter, whitespace, markup or link
//! targets is no translation work: on a real site most last commits are such sweeps (a
//! front matter key renamed in every language), and dating the translation by one would
//! record passages the English reworded long before as current.
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

/// The stored text of each of `objects` (`<commit>:<path>`), read by one `cat-file
/// --batch` (plumbing: no textconv, no filter); `None` for one that is missing or not
/// UTF-8.
fn blobs(dir: &Path, objects: &[String]) -> Option<Vec<Option<String>>> {
    use std::io::Write;
    let mut child = command(dir)
        .args(["cat-file", "--batch"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut input = child.stdin.take()?;
    let requests: String = objects.iter().map(|o| format!("{o}\n")).collect();
    // Written from a thread: git answers while it reads, and a full pipe would block both.
    let writer = std::thread::spawn(move || input.write_all(requests.as_bytes()));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    let mut rest = out.stdout.as_slice();
    let mut texts = Vec::with_capacity(objects.len());
    for _ in objects {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&rest[..end]).ok()?;
        rest = &rest[end + 1..];
        let mut fields = header.split(' ');
        match (fields.next(), fields.next(), fields.next()) {
            (Some(_), Some("blob"), Some(size)) => {
                let size: usize = size.parse().ok()?;
                let body = rest.get(..size)?;
                texts.push(String::from_utf8(body.to_vec()).ok());
                rest = rest.get(size + 1..)?;
            }
            _ => texts.push(None),
        }
    }
    Some(texts)
}

/// The words of a page's text, as a reader reads them: every segment's plain text,
/// without front matter, markup, link targets or line breaks.
fn prose(text: &str) -> Vec<String> {
    let doc = crate::markdown::parse_page(text);
    doc.segments
        .iter()
        .flat_map(|s| {
            crate::markdown::plain_text(&s.inlines)
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The commits of `name` (in `dir`), newest first, following renames: (commit, commit
/// time `%ct`, the file's path from the repository's top at that commit). `before`
/// keeps only commits before that time.
fn commits_of(
    dir: &Path,
    name: &str,
    before: Option<&str>,
) -> Option<Vec<(String, String, String)>> {
    let before = before.map(|t| format!("--before=@{t}"));
    let mut args = vec![
        "log",
        "--no-show-signature",
        "--no-textconv",
        "--no-ext-diff",
        "--follow",
        "--name-only",
        "--format=@%H %ct",
    ];
    args.extend(before.as_deref());
    args.extend(["--", name]);
    let log = git(dir, &args)?;
    let mut commits: Vec<(String, String, String)> = Vec::new();
    for line in log.lines() {
        if let Some(head) = line.strip_prefix('@') {
            let (commit, time) = head.split_once(' ')?;
            commits.push((commit.to_string(), time.to_string(), String::new()));
        } else if !line.is_empty()
            && let Some(last) = commits.last_mut()
        {
            last.2 = line.to_string();
        }
    }
    Some(commits)
}

/// The commit time (`%ct`) of the newest commit that changed the words of `name` (in
/// `dir`): each version is compared with the one before it, across renames.
fn prose_changed_at(dir: &Path, name: &str) -> Option<String> {
    let commits = commits_of(dir, name, None)?;
    let objects: Vec<String> = commits
        .iter()
        .map(|(c, _, path)| format!("{c}:{path}"))
        .collect();
    let versions: Vec<Option<Vec<String>>> = blobs(dir, &objects)?
        .into_iter()
        .map(|t| t.map(|t| prose(&t)))
        .collect();
    for (i, (_, time, _)) in commits.iter().enumerate() {
        let older = versions.get(i + 1).cloned().flatten();
        if versions[i] != older {
            return Some(time.clone());
        }
    }
    commits.last().map(|(_, time, _)| time.clone())
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
    let when = prose_changed_at(dir, name)?;
    let when = when.trim();
    if when.is_empty() {
        return None;
    }
    // The page as it was then, under the name it had (renames followed).
    let (commit, _, path) = commits_of(root, content_rel, Some(when))?
        .into_iter()
        .next()?;
    let text = blobs(root, &[format!("{commit}:{path}")])?.pop()??;
    Some(OldSource { commit, text })
}
