//! Names the commit in `fluentpress --version` (`0.1.0 (1a2b3c4)`) when the crate is
//! built from a git checkout; a build from a crate tarball (no `.git`, or no `git`)
//! says the version alone. No dependency: `git` is asked if it is there.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn main() {
    // Only a repository whose top is this crate counts: a tarball unpacked inside some
    // other repository must not name that repository's commit.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let ours = git(&["rev-parse", "--show-toplevel"]).is_some_and(|top| {
        std::fs::canonicalize(&top).ok() == std::fs::canonicalize(&manifest_dir).ok()
    });
    let commit = if ours {
        git(&["rev-parse", "--short=10", "HEAD"])
    } else {
        None
    };
    let suffix = commit.map(|c| format!(" ({c})")).unwrap_or_default();
    println!("cargo:rustc-env=FLUENTPRESS_VERSION_SUFFIX={suffix}");
    // Run again when HEAD moves (a commit, a checkout); the paths are the worktree's own.
    if ours {
        for path in ["HEAD", "packed-refs"] {
            if let Some(p) = git(&["rev-parse", "--git-path", path]) {
                println!("cargo:rerun-if-changed={p}");
            }
        }
        if let Some(branch) = git(&["rev-parse", "--symbolic-full-name", "HEAD"])
            && let Some(p) = git(&["rev-parse", "--git-path", &branch])
        {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
