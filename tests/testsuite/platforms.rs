//! Translation platforms rewrite `.ftl` files: every translation file of the shipped site
//! and of a fixture with outdated translations is written back as Pontoon (moz.l10n),
//! Weblate (translate-toolkit) and fluent.syntax write it (`tests/platforms/rewrite.py`),
//! then `status` and `lint` show whether outdated detection survived. It must survive, or
//! refuse loudly: a translation whose source hash is lost never counts as current.
//!
//! Needs the Python packages of `.ci/requirements.txt` (`.ci/run` installs them into
//! `target/ci-venv`; `FLUENTPRESS_PYTHON` names another interpreter). Without them the
//! tests say they are skipped, and why; with `CI=true` they fail instead.

use super::support::{Site, fixtures};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The interpreter with the platforms' packages, or why there is none.
fn python() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-venv/bin/python");
    let python = match std::env::var_os("FLUENTPRESS_PYTHON") {
        Some(p) => PathBuf::from(p),
        None if venv.exists() => venv,
        None => {
            return Err(
                "no target/ci-venv (bash .ci/run makes it) and FLUENTPRESS_PYTHON is not set"
                    .into(),
            );
        }
    };
    let probe = Command::new(&python)
        .args([
            "-c",
            "import fluent.syntax, moz.l10n, translate.storage.fluent",
        ])
        .output()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if !probe.status.success() {
        return Err(format!(
            "{} lacks the packages of .ci/requirements.txt: {}",
            python.display(),
            String::from_utf8_lossy(&probe.stderr).trim()
        ));
    }
    Ok(python)
}

/// The interpreter; `None` (the test is skipped, saying why) only outside CI.
fn python_or_skip(test: &str) -> Option<PathBuf> {
    match python() {
        Ok(p) => Some(p),
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{test}: CI=true and {why}; .ci/run installs them")
        }
        Err(why) => {
            eprintln!("skipped {test}: {why}");
            None
        }
    }
}

/// Rewrites every translation file of `site` as `mode` does.
fn rewrite(python: &Path, site: &Site, mode: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/platforms/rewrite.py");
    let out = Command::new(python)
        .arg(&script)
        .args([mode, &site.path().to_string_lossy(), "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{mode}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).lines().count() > 1,
        "{mode} rewrote no file"
    );
}

fn status(site: &Site) -> Value {
    serde_json::from_str(&site.run(&["status", "--format", "json"]).ok().stdout).unwrap()
}

fn locales(status: &Value) -> Vec<(String, Value)> {
    status["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["locale"].as_str().unwrap().to_string(), l.clone()))
        .collect()
}

fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap()
}

/// The `# fluentpress: source` lines of every translation file.
fn hash_lines(site: &Site) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for tag in std::fs::read_dir(site.path().join("locales")).unwrap() {
        let tag = tag.unwrap().file_name().to_string_lossy().into_owned();
        if tag == "en" {
            continue;
        }
        for entry in walk(&site.path().join("locales").join(&tag)) {
            let text = std::fs::read_to_string(&entry).unwrap();
            let count = text
                .lines()
                .filter(|l| l.starts_with("# fluentpress: source "))
                .count();
            out.push((entry.to_string_lossy().into_owned(), count));
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn sites() -> Vec<(&'static str, Site)> {
    assert!(fixtures().join("workflow/status").is_dir());
    vec![
        ("shipped", Site::shipped()),
        ("outdated fixture", Site::fixture("workflow/status")),
    ]
}

/// fluent.syntax and translate-toolkit keep each message's comment: the hashes survive
/// and every count is what it was.
#[test]
fn weblate_and_fluent_syntax_keep_the_source_hashes() {
    let Some(python) = python_or_skip("weblate_and_fluent_syntax_keep_the_source_hashes") else {
        return;
    };
    for mode in ["weblate", "fluent-syntax"] {
        for (name, site) in sites() {
            let before = status(&site);
            let hashes = hash_lines(&site);
            rewrite(&python, &site, mode);
            assert_eq!(hash_lines(&site), hashes, "{mode} on {name}: hash lines");
            assert_eq!(status(&site), before, "{mode} on {name}: status changed");
            if name == "outdated fixture" {
                let fr = &locales(&before)[0].1;
                assert!(
                    n(fr, "outdated") > 0,
                    "the fixture has outdated translations"
                );
            }
            site.run(&["lint"]).ok();
        }
    }
}

/// Pontoon writes each translated message under the reference's comment (its current
/// hash): read as a source hash, every outdated translation would count as current.
/// fluentpress recognises the copy, counts each such translation as outdated and lint
/// says why; `sync --mark-current` writes the translation's own line back.
#[test]
fn pontoons_copied_comments_never_count_as_current() {
    let Some(python) = python_or_skip("pontoons_copied_comments_never_count_as_current") else {
        return;
    };
    for (name, site) in sites() {
        let before = status(&site);
        // What counts as translated with no translation at all (text without words).
        let bare = Site::empty();
        for dir in ["content", "locales"] {
            super::support::copy_dir(&site.path().join(dir), &bare.path().join(dir));
        }
        for (tag, _) in locales(&before) {
            for file in walk(&bare.path().join("locales").join(&tag)) {
                if !file.ends_with("site.ftl") {
                    std::fs::remove_file(file).unwrap();
                }
            }
        }
        let bare = status(&bare);
        rewrite(&python, &site, "pontoon");
        let after = status(&site);
        for (((tag, b), (_, a)), (_, none)) in locales(&before)
            .iter()
            .zip(locales(&after))
            .zip(locales(&bare))
        {
            // Nothing the platform wrote counts as translated: what was outdated stays
            // so, and so does what was current, since nothing says it still is.
            assert_eq!(
                n(&a, "translated"),
                n(&none, "translated"),
                "{name} {tag}: before {b}, after {a}"
            );
            assert!(n(&a, "outdated") >= n(b, "outdated"), "{name} {tag}: {a}");
            assert_eq!(
                n(&a, "outdated") + n(&a, "missing") + n(&a, "rejected"),
                n(&none, "missing"),
                "{name} {tag}: every passage is shown in the source language"
            );
            let (_, lint) = site.lint_json(&["--locale", tag]);
            let unknown = super::support::with_code(&lint, "outdated")
                .into_iter()
                .filter(|d| {
                    d["message"]
                        .as_str()
                        .unwrap()
                        .contains("is not recorded: the comment above it is the reference file's")
                })
                .count() as u64;
            assert_eq!(unknown, n(&a, "outdated"), "{name} {tag}: {lint:#}");
            assert!(unknown > 0, "{name} {tag}");
        }
    }

    // Marking one current writes the translation's own line in place of the copy.
    let site = Site::fixture("workflow/status");
    rewrite(&python, &site, "pontoon");
    let copied = site.read("locales/fr/owls.ftl");
    assert!(
        copied.contains("# fluentpress: heading, level 1; source"),
        "{copied}"
    );
    let translated = n(&locales(&status(&site))[0].1, "translated");
    site.run(&["sync", "--locale", "fr", "--mark-current", "owls"])
        .ok();
    let marked = site.read("locales/fr/owls.ftl");
    let line = marked
        .lines()
        .take_while(|l| !l.starts_with("owls ="))
        .last()
        .unwrap();
    assert!(
        line.starts_with("# fluentpress: source ") && !line.contains(';'),
        "{line}"
    );
    let fr = &locales(&status(&site))[0].1;
    assert_eq!(n(fr, "translated"), translated + 1, "{fr}");
}
