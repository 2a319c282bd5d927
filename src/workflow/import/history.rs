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
//! record passages the English reworded long before as current. A date the file states
//! itself (`lastmod`, Jekyll's `last_modified_at`, `date`) is taken instead when it is
//! later than that commit and believable: not after the file's last commit.
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
fn prose(doc: &crate::markdown::Document) -> Vec<String> {
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

/// When the translation in `name` (in `dir`) was made, as seconds since 1970: the
/// commit time of the newest commit that changed its words (each version compared with
/// the one before it, across renames), or the later date the file states if that is
/// believable ([`stated_time`], no later than the file's newest commit).
fn translated_at(dir: &Path, name: &str) -> Option<i64> {
    let commits = commits_of(dir, name, None)?;
    let objects: Vec<String> = commits
        .iter()
        .map(|(c, _, path)| format!("{c}:{path}"))
        .collect();
    let docs: Vec<Option<crate::markdown::Document>> = blobs(dir, &objects)?
        .iter()
        .map(|t| t.as_deref().map(crate::markdown::parse_page))
        .collect();
    let versions: Vec<Option<Vec<String>>> = docs.iter().map(|d| d.as_ref().map(prose)).collect();
    let time = |i: usize| commits.get(i).and_then(|(_, t, _)| t.parse::<i64>().ok());
    let changed = (0..commits.len())
        .find(|&i| versions[i].as_ref() != versions.get(i + 1).and_then(Option::as_ref))
        .unwrap_or(commits.len().saturating_sub(1));
    let prose_time = time(changed)?;
    let newest = time(0)?;
    let stated = docs
        .first()
        .and_then(Option::as_ref)
        .and_then(stated_time)
        .filter(|&t| t > prose_time && t <= newest);
    Some(stated.unwrap_or(prose_time))
}

/// The latest date a file's front matter states for its last change (`lastmod`,
/// `last_modified_at`, `date`), as seconds since 1970. Read leniently from the
/// top-level lines (`key: value` or `key = value`); a date without a time is its
/// midnight, a time without an offset UTC.
fn stated_time(doc: &crate::markdown::Document) -> Option<i64> {
    let block = doc.front_matter_block()?;
    block
        .text
        .lines()
        .filter(|line| !line.starts_with([' ', '\t']))
        .filter_map(|line| {
            let (key, value) = line.split_once([':', '='])?;
            matches!(key.trim(), "lastmod" | "last_modified_at" | "date")
                .then(|| seconds_since_1970(value))
                .flatten()
        })
        .max()
}

/// A date or date-time as TOML, YAML and Jekyll write them (`2024-05-01`,
/// `2024-05-01T10:00:00+02:00`, `"2024-05-01 10:00:00 +0200"`), as seconds since 1970.
fn seconds_since_1970(value: &str) -> Option<i64> {
    let value = value.trim().trim_matches(['"', '\'']).trim();
    // Jekyll's `2024-05-01 10:00:00 +0200` as RFC 3339.
    let mut rfc = value.replacen(' ', "T", 1);
    if let Some(at) = rfc.rfind([' ', '+', '-']).filter(|&at| at > 10) {
        let (time, zone) = rfc.split_at(at);
        let zone = zone.trim();
        if zone.len() == 5 && zone[1..].bytes().all(|b| b.is_ascii_digit()) {
            rfc = format!("{}{}:{}", time.trim_end(), &zone[..3], &zone[3..]);
        }
    }
    let datetime: toml::value::Datetime = rfc.parse().ok()?;
    let date = datetime.date?;
    let (y, m, d) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    // Days from 1970-01-01 to the date (proleptic Gregorian; Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds = datetime.time.map_or(0, |t| {
        i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
    });
    let offset = match datetime.offset {
        Some(toml::value::Offset::Custom { minutes }) => i64::from(minutes) * 60,
        _ => 0,
    };
    Some(days * 86_400 + seconds - offset)
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
    let when = translated_at(dir, name)?.to_string();
    let when = when.as_str();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_dates_as_sites_write_them() {
        assert_eq!(seconds_since_1970("1970-01-02"), Some(86_400));
        assert_eq!(seconds_since_1970("2024-05-01"), Some(1_714_521_600));
        assert_eq!(
            seconds_since_1970(" \"2024-05-01T10:00:00Z\""),
            Some(1_714_557_600)
        );
        assert_eq!(
            seconds_since_1970("2024-05-01T12:00:00+02:00"),
            Some(1_714_557_600)
        );
        assert_eq!(
            seconds_since_1970("2024-05-01 12:00:00 +0200"),
            Some(1_714_557_600)
        );
        assert_eq!(seconds_since_1970("2000-02-29"), Some(951_782_400));
        assert_eq!(seconds_since_1970("yesterday"), None);
        let text = "---\ntitle: x\ndate: 2020-01-01\nlastmod: '2024-05-01'\nmenu:\n  date: 2030-01-01\n---\n\nBody.\n";
        let stated = |text: &str| stated_time(&crate::markdown::parse_page(text));
        assert_eq!(
            stated(text),
            Some(1_714_521_600),
            "the latest top-level date"
        );
        assert_eq!(stated("+++\ntitle = \"x\"\n+++\n\nBody.\n"), None);
    }
}
