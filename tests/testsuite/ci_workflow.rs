//! The CI workflow `init` writes: its matrix is the site's own locales, and building the
//! site in shards exactly as the workflow does (its own `run:` scripts, with bash, one
//! fresh checkout per shard, artifacts as `upload-artifact` keeps them) and merging them
//! as its merge job does gives, byte for byte, what one full build gives.

use super::support::Site;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workflow as YAML.
fn workflow(site: &Site) -> yaml_serde::Value {
    yaml_serde::from_str(&site.read(".github/workflows/fluentpress.yml")).expect("valid YAML")
}

/// The `run:` script of the step named `name` of `job`.
fn script(workflow: &yaml_serde::Value, job: &str, name: &str) -> String {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step {name:?} in job {job}"))["run"]
        .as_str()
        .unwrap()
        .to_string()
}

fn matrix(workflow: &yaml_serde::Value) -> Vec<String> {
    workflow["jobs"]["build"]["strategy"]["matrix"]["locale"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// Copies the site's files (as a checkout has them: no `dist/`) into `to`.
fn checkout(site: &Site, to: &Path) {
    copy(site.path(), to, &|rel| rel != Path::new("dist"));
}

fn copy(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    fn walk(base: &Path, dir: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(base).unwrap().to_path_buf();
            if !keep(&rel) {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(to.join(&rel)).unwrap();
                walk(base, &entry.path(), to, keep);
            } else {
                std::fs::create_dir_all(to.join(&rel).parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), to.join(&rel)).unwrap();
            }
        }
    }
    std::fs::create_dir_all(to).unwrap();
    walk(from, from, to, keep);
}

/// `actions/upload-artifact@v4` then `download-artifact` into `editions/NAME/`: the files
/// of `dist/` without hidden ones (upload-artifact leaves them out by default).
fn upload(dist: &Path, editions: &Path, name: &str) {
    copy(dist, &editions.join(name), &|rel| {
        !rel.components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    });
}

/// Runs a workflow step's script with bash in `dir`, fluentpress on the PATH.
fn bash(dir: &Path, script: &str, env: &[(&str, &str)]) -> (bool, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_fluentpress"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Every file under `dir` as (path, bytes), sorted, hidden files left out.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                walk(base, &entry.path(), out);
            } else {
                out.push((
                    entry.path().strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(entry.path()).unwrap(),
                ));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The shipped site (nine locales) with the files `init --force` adds, a workflow among
/// them, whose matrix names every locale of the site.
fn shipped_with_workflow() -> (Site, Vec<String>) {
    let site = Site::shipped();
    let mut tags: Vec<String> = std::fs::read_dir(site.path().join("locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|t| t != "en")
        .collect();
    tags.sort();
    let mut args = vec!["init", "--force"];
    for t in &tags {
        args.extend(["--locale", t.as_str()]);
    }
    site.run(&args).ok();
    tags.insert(0, "en".into());
    (site, tags)
}

/// Builds in shards and merges as the workflow does; the merged site, or the merge
/// job's failure and its output.
fn shard_and_merge(site: &Site, shards: &[&str], work: &Path) -> Result<PathBuf, String> {
    let wf = workflow(site);
    let build = script(&wf, "build", "Build");
    let merge = script(&wf, "merge", "Merge the editions into one site");
    let editions = work.join("merge/editions");
    for &locale in shards {
        let runner = work.join(format!("runner-{locale}"));
        checkout(site, &runner);
        let (ok, out) = bash(&runner, &build, &[("LOCALE", locale)]);
        assert!(ok, "the build step for {locale:?} failed:\n{out}");
        let name = if locale.is_empty() { "all" } else { locale };
        upload(&runner.join("dist"), &editions, &format!("edition-{name}"));
    }
    let merger = work.join("merge");
    checkout(site, &merger);
    let (ok, out) = bash(&merger, &merge, &[]);
    if ok {
        Ok(merger.join("site"))
    } else {
        Err(out)
    }
}

#[test]
fn the_matrix_is_the_sites_own_locales() {
    let site = Site::empty();
    site.run(&["init", "--locale", "ko", "--locale", "es", "--locale", "ar"])
        .ok();
    assert_eq!(matrix(&workflow(&site)), ["en", "ko", "es", "ar"]);
    let text = site.read(".github/workflows/fluentpress.yml");
    for needed in [
        // Pinned to this version, from the repository Cargo.toml names.
        &format!("FLUENTPRESS_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
        &format!("FLUENTPRESS_REPOSITORY: {}", env!("CARGO_PKG_REPOSITORY")),
        "cargo install --locked --git \"$FLUENTPRESS_REPOSITORY\" --tag \"v$FLUENTPRESS_VERSION\" fluentpress",
        "sha256sum --check",
        "uses: actions/cache@v4",
        "fluentpress lint --format github",
        "uses: actions/upload-pages-artifact@v3",
        "uses: actions/deploy-pages@v4",
        "pages: write",
        "id-token: write",
        "name: github-pages",
    ] {
        assert!(
            text.contains(needed),
            "{needed} not in the workflow:\n{text}"
        );
    }
    assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://github.com/"));
}

#[test]
fn shards_merged_as_the_workflow_does_equal_a_full_build() {
    let (site, tags) = shipped_with_workflow();
    let wf = workflow(&site);
    assert_eq!(matrix(&wf), tags, "the matrix is the site's locales");
    let work = tempfile::tempdir().unwrap();

    let full = work.path().join("full");
    checkout(&site, &full);
    let run = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
        .args(["build", "-q"])
        .current_dir(&full)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let full = tree(&full.join("dist"));
    assert!(full.len() > 9 * 3, "a real build: {} files", full.len());

    let shards: Vec<&str> = tags.iter().map(String::as_str).collect();
    let merged = shard_and_merge(&site, &shards, &work.path().join("sharded")).unwrap();
    let merged = tree(&merged);
    let names = |t: &[(PathBuf, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&merged), names(&full), "the same files");
    for ((path, a), (_, b)) in merged.iter().zip(&full) {
        assert!(a == b, "{} differs from the full build's", path.display());
    }

    // Without the matrix (`strategy:` deleted): one runner builds everything.
    let merged = shard_and_merge(&site, &[""], &work.path().join("one")).unwrap();
    assert!(tree(&merged) == full, "one runner's site differs");
}

#[test]
fn the_merge_fails_on_a_missing_edition_or_shards_that_disagree() {
    let (site, tags) = shipped_with_workflow();
    let work = tempfile::tempdir().unwrap();
    // A locale added after init, not in the matrix: the merge names it.
    let shards: Vec<&str> = tags
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "th")
        .collect();
    let err = shard_and_merge(&site, &shards, &work.path().join("missing")).unwrap_err();
    assert!(
        err.contains("::error::no shard built the edition th")
            && err.contains("add \"th\" to the matrix"),
        "{err}"
    );

    // Two shards built from different sources: their shared files differ.
    let wf = workflow(&site);
    let build = script(&wf, "build", "Build");
    let merge = script(&wf, "merge", "Merge the editions into one site");
    let merger = work.path().join("disagree");
    checkout(&site, &merger);
    for (locale, edit) in [("en", false), ("ko", true)] {
        let runner = work.path().join(format!("disagree-{locale}"));
        checkout(&site, &runner);
        if edit {
            let site_ftl = runner.join("locales/en/site.ftl");
            let text = std::fs::read_to_string(&site_ftl).unwrap();
            let renamed: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("site-name =") {
                        "site-name = Another name\n".to_string()
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            assert_ne!(renamed, text);
            std::fs::write(&site_ftl, renamed).unwrap();
        }
        let (ok, out) = bash(&runner, &build, &[("LOCALE", locale)]);
        assert!(ok, "{out}");
        upload(
            &runner.join("dist"),
            &merger.join("editions"),
            &format!("edition-{locale}"),
        );
    }
    let (ok, out) = bash(&merger, &merge, &[]);
    assert!(
        !ok && out.contains("::error::the shards disagree on"),
        "{out}"
    );
}
