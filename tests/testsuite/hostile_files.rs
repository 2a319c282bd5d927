//! Hostile files in a pull request or a third-party folder, on a copy of the shipped
//! site: symbolic links that lead outside the site (never read, published or written
//! through), a lock file aimed at another file, a front matter typo (no translator's
//! work lost), an output directory inside the site, page names too long or reserved,
//! and temporary files left by a killed run.

use super::support::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const PAGE: &str = "north-korea-human-rights";

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Runs `fluentpress ARGS` in the site with one more environment variable.
fn run_with_env(site: &Site, args: &[&str], key: &str, value: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
        .args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .env(key, value)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file below `dir` as (relative path, bytes), sorted; links not followed.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            out.push((
                entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    out
}

fn path_problems(report: &serde_json::Value) -> BTreeSet<String> {
    with_code(report, "path-problem")
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect()
}

// ---- 1. Symbolic links: nothing read from outside the site, nothing written there ----

#[test]
#[cfg(unix)]
fn a_translation_linked_to_the_environment_is_never_read() {
    let site = Site::shipped();
    symlink(
        Path::new("/proc/self/environ"),
        &site.path().join("locales/fr/env.ftl"),
    );
    let canary = "FP_CANARY_SECRET=hunter2-9f3e7c";
    let (key, value) = canary.split_once('=').unwrap();
    for format in ["human", "json", "github"] {
        let run = run_with_env(&site, &["lint", "--format", format], key, value).no_panic();
        assert!(
            !run.stdout.contains(value) && !run.stderr.contains(value),
            "lint --format {format} printed the environment:\n{}\n{}",
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.contains("locales/fr/env.ftl"),
            "lint --format {format} does not name the link:\n{}",
            run.stdout
        );
        assert_eq!(run.code, 1, "a link is an error\n{}", run.stdout);
    }
    let (_, report) = site.lint_json(&[]);
    assert_eq!(
        path_problems(&report),
        ["locales/fr/env.ftl".to_string()].into()
    );
    let run = run_with_env(&site, &["build"], key, value).ok();
    assert!(!run.stderr.contains(value), "{}", run.stderr);
    for (path, bytes) in site.tree("dist") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(value),
            "dist/{path} holds the environment"
        );
    }
}

#[test]
#[cfg(unix)]
fn a_translation_linked_outside_the_site_is_not_published() {
    let site = Site::shipped();
    let outside = tempfile::tempdir().unwrap();
    let marker = "OUTSIDE-MARKER-51c2";
    // A file outside the site that reads as a good French translation, and one as
    // a French site.ftl.
    let page_ftl = site.read(&format!("locales/fr/{PAGE}.ftl")).replacen(
        "page-title = ",
        &format!("page-title = {marker} "),
        1,
    );
    assert!(page_ftl.contains(marker));
    std::fs::write(outside.path().join("page.ftl"), &page_ftl).unwrap();
    let site_ftl = site.read("locales/fr/site.ftl").replacen(
        "site-name = ",
        &format!("site-name = {marker} "),
        1,
    );
    assert!(site_ftl.contains(marker));
    std::fs::write(outside.path().join("site.ftl"), &site_ftl).unwrap();
    // A content file (an image) linked outside too.
    std::fs::write(outside.path().join("photo.png"), marker).unwrap();
    site.remove(&format!("locales/fr/{PAGE}.ftl"));
    site.remove("locales/fr/site.ftl");
    symlink(
        &outside.path().join("page.ftl"),
        &site.path().join(format!("locales/fr/{PAGE}.ftl")),
    );
    symlink(
        &outside.path().join("site.ftl"),
        &site.path().join("locales/fr/site.ftl"),
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        path_problems(&report),
        [
            format!("locales/fr/{PAGE}.ftl"),
            "locales/fr/site.ftl".to_string()
        ]
        .into(),
        "{report:#}"
    );
    assert!(!report.to_string().contains(marker), "{report:#}");
    let run = site.run(&["lint"]).code(1).no_panic();
    assert!(!run.stdout.contains(marker), "{}", run.stdout);
    site.run(&["build"]).ok();
    for (path, bytes) in site.tree("dist") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "dist/{path} publishes the linked file"
        );
    }
    // The French edition is still built, from the source text.
    assert!(site.exists(&format!("dist/fr/{PAGE}.html")));

    // A linked file in content/ stops the build: a page (or a file a page links to)
    // may be missing.
    symlink(
        &outside.path().join("photo.png"),
        &site.path().join("content/photo.png"),
    );
    let (_, report) = site.lint_json(&[]);
    assert!(
        path_problems(&report).contains("content/photo.png"),
        "{report:#}"
    );
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(run.stderr.contains("content/photo.png"), "{}", run.stderr);
    assert!(!site.exists("dist/files/photo.png"));
}

#[test]
#[cfg(unix)]
fn a_locale_directory_linked_outside_is_never_written() {
    let site = Site::shipped();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("notes.txt"), "keep me").unwrap();
    let before = tree(outside.path());
    symlink(outside.path(), &site.path().join("locales/de"));

    let (_, report) = site.lint_json(&[]);
    assert_eq!(path_problems(&report), ["locales/de".to_string()].into());
    let run = site.run(&["sync", "--locale", "de"]).code(2).no_panic();
    assert!(
        run.stderr.contains("locales/de") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    site.run(&["sync"]).ok();
    let run = site.run(&["new-locale", "de"]).code(2).no_panic();
    assert!(run.stderr.contains("locales/de"), "{}", run.stderr);
    site.run(&["build"]).ok();
    assert!(!site.exists("dist/de"));
    assert_eq!(
        tree(outside.path()),
        before,
        "a command wrote outside the site"
    );

    // A directory inside a locale, linked outside: a page's file there is not written.
    site.write(
        "content/guide/start.md",
        "+++\ntitle = \"Start\"\ndescription = \"Where to start.\"\n+++\n\n# Start\n\nRead this first.\n",
    );
    site.run(&["extract"]).ok();
    symlink(outside.path(), &site.path().join("locales/fr/guide"));
    let run = site.run(&["sync", "--locale", "fr"]).code(2).no_panic();
    assert!(
        run.stderr.contains("locales/fr/guide") && run.stderr.contains("refusing to write"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(outside.path()), before, "sync wrote outside the site");

    // The source locale linked outside: extract writes nothing there.
    let source = tempfile::tempdir().unwrap();
    std::fs::rename(site.path().join("locales/en"), source.path().join("en")).unwrap();
    symlink(outside.path(), &site.path().join("locales/en"));
    site.run(&["extract"]).code(2).no_panic();
    assert_eq!(
        tree(outside.path()),
        before,
        "extract wrote outside the site"
    );
}

#[test]
#[cfg(unix)]
fn the_site_directories_and_settings_are_never_links() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("fluentpress.toml"),
        "source_locale = \"OUTSIDE-TOML-33a\"\n",
    )
    .unwrap();
    let site = Site::shipped();
    symlink(
        &outside.path().join("fluentpress.toml"),
        &site.path().join("fluentpress.toml"),
    );
    let run = site.run(&["lint"]).code(2).no_panic();
    assert!(
        run.stderr.contains("fluentpress.toml") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("OUTSIDE-TOML"), "{}", run.stderr);
    site.remove("fluentpress.toml");
    for dir in ["locales", "content"] {
        let moved = outside.path().join(dir);
        std::fs::rename(site.path().join(dir), &moved).unwrap();
        symlink(&moved, &site.path().join(dir));
        let before = tree(&moved);
        for args in [&["lint"][..], &["sync"], &["extract"], &["build"]] {
            let run = site.run(args).code(2).no_panic();
            assert!(
                run.stderr.contains(&format!("`{dir}/` is a symbolic link")),
                "{args:?}: {}",
                run.stderr
            );
        }
        assert_eq!(tree(&moved), before, "a command wrote through {dir}/");
        std::fs::remove_file(site.path().join(dir)).unwrap();
        std::fs::rename(&moved, site.path().join(dir)).unwrap();
    }
    site.run(&["lint"]).ok();
}

#[test]
#[cfg(unix)]
fn init_never_writes_through_a_linked_directory() {
    let site = Site::empty();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), &site.path().join("content"));
    let run = site.run(&["init", "--force"]).code(2).no_panic();
    assert!(
        run.stderr.contains("content") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert!(
        tree(outside.path()).is_empty(),
        "init wrote outside the site"
    );
}

#[test]
#[cfg(unix)]
fn import_does_not_follow_links_in_the_folder_it_reads() {
    let site = Site::shipped();
    let folder = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let marker = "Titre OUTSIDE-IMPORT-7d1a";
    // (Its body reworded, so that it is no copy of the English, which import skips.)
    let page = site
        .read(&format!("content/{PAGE}.md"))
        .replacen("Human Rights in North Korea", marker, 1)
        .replace(" the ", " die ");
    assert!(page.contains(marker));
    std::fs::write(outside.path().join("secret.md"), &page).unwrap();
    symlink(
        &outside.path().join("secret.md"),
        &folder.path().join(format!("{PAGE}.md")),
    );
    let dir = folder.path().to_str().unwrap();
    let run = site
        .run(&["import", "--locale", "de", dir, "--format", "json"])
        .ok()
        .no_panic();
    assert!(!run.stdout.contains(marker), "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problem = report["pages"][0]["problem"].as_str().unwrap_or_default();
    assert!(problem.contains("symbolic link"), "{report:#}");
    for (path, bytes) in tree(&site.path().join("locales")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "locales/{path} holds the linked file's text"
        );
    }
    // A linked directory is not entered either.
    site.remove("locales/de");
    let sub = tempfile::tempdir().unwrap();
    std::fs::write(sub.path().join(format!("{PAGE}.md")), &page).unwrap();
    let folder2 = tempfile::tempdir().unwrap();
    symlink(sub.path(), &folder2.path().join("sub"));
    let run = site
        .run(&[
            "import",
            "--locale",
            "de",
            folder2.path().to_str().unwrap(),
            "--dry-run",
            "--format",
            "json",
        ])
        .ok();
    assert!(!run.stdout.contains("sub/"), "{}", run.stdout);
    // With --follow-symlinks the link is read, as asked.
    let run = site
        .run(&[
            "import",
            "--locale",
            "de",
            dir,
            "--dry-run",
            "--follow-symlinks",
            "--format",
            "json",
        ])
        .ok();
    assert!(run.stdout.contains(marker), "{}", run.stdout);
}

// ---- 3. The output's lock file cannot be aimed at another file ----

#[test]
#[cfg(unix)]
fn a_committed_lock_file_never_wipes_another_file() {
    let site = Site::shipped();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    let precious = b"the only copy of something precious\n".to_vec();
    let lock = site.path().join(".dist.fluentpress.lock");

    // A symbolic link (git stores them), a hard link (a local user's), and a file
    // that holds something else: each refused, nothing written.
    std::fs::write(&victim, &precious).unwrap();
    symlink(&victim, &lock);
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(
        run.stderr.contains(".dist.fluentpress.lock") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&victim).unwrap(), precious);
    assert!(!site.exists("dist"));
    // serve says so and keeps serving (the last good output, here none).
    {
        use std::io::BufRead;
        let mut serve = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(serve.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let _ = serve.kill();
        let _ = serve.wait();
        assert!(
            line.contains(".dist.fluentpress.lock") && line.contains("symbolic link"),
            "{line}"
        );
        assert_eq!(std::fs::read(&victim).unwrap(), precious);
    }
    std::fs::remove_file(&lock).unwrap();

    let inside = site.path().join("notes.txt");
    std::fs::write(&inside, &precious).unwrap();
    std::fs::hard_link(&inside, &lock).unwrap();
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(run.stderr.contains("hard links"), "{}", run.stderr);
    assert_eq!(std::fs::read(&inside).unwrap(), precious);
    std::fs::remove_file(&lock).unwrap();

    std::fs::write(&lock, &precious).unwrap();
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert_eq!(std::fs::read(&lock).unwrap(), precious);

    // Once it is gone, builds take the lock as before.
    std::fs::remove_file(&lock).unwrap();
    site.run(&["build"]).ok();
    site.run(&["build"]).ok();
}

#[test]
fn a_waiting_build_writes_the_lock_file_without_padding() {
    use std::io::{BufRead, Write};
    let site = Site::shipped();
    let path = site.path().join(".dist.fluentpress.lock");
    // Another build holds the lock (as fluentpress writes it).
    let mut held = std::fs::File::create(&path).unwrap();
    held.write_all(b"process 4242424\n").unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
        .arg("build")
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(
        line.contains("waiting for another fluentpress (process 4242424)"),
        "{line}"
    );
    drop(held);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.contains(&0), "NUL bytes in the lock file: {bytes:?}");
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        format!("process {}\n", child.id())
    );
}

// ---- 7. A front matter typo never costs a translator's work ----

#[test]
fn a_front_matter_typo_rewrites_no_reference_and_no_translation() {
    let site = Site::shipped();
    let page = format!("content/{PAGE}.md");
    let reference = format!("locales/en/{PAGE}.ftl");
    let good = site.read(&page);
    let locales_before = site.tree("locales");
    // The closing quote of the title is lost.
    let broken = good.replacen(
        "title = \"Human Rights in North Korea\"",
        "title = \"Human Rights in North Korea",
        1,
    );
    assert_ne!(broken, good);
    site.write(&page, &broken);

    let run = site.run(&["extract"]).code(1).no_panic();
    assert!(
        run.stderr.contains(&format!("{page}:2:"))
            && run.stderr.contains(&format!("not written: {reference}")),
        "{}",
        run.stderr
    );
    let run = site.run(&["extract", "--check"]).code(1).no_panic();
    assert!(run.stdout.contains(&reference), "{}", run.stdout);
    assert_eq!(
        site.tree("locales"),
        locales_before,
        "extract rewrote a file"
    );

    let run = site.run(&["sync"]).ok().no_panic();
    assert!(
        run.stderr
            .contains(&format!("{page}: its translations were left alone")),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("obsolete"), "{}", run.stderr);
    site.run(&["sync", "--check"]).code(1).no_panic();
    assert_eq!(site.tree("locales"), locales_before, "sync rewrote a file");

    // Fixed: everything is as it was, and nothing is left to do.
    site.write(&page, &good);
    let run = site.run(&["extract"]).ok();
    assert!(run.stderr.contains("already up to date"), "{}", run.stderr);
    site.run(&["sync", "--check"]).ok();
    site.run(&["lint"]).ok();
    assert_eq!(site.tree("locales"), locales_before);
}

#[test]
fn sync_leaves_alone_the_translations_of_a_page_changed_since_extract() {
    let site = Site::shipped();
    let page = format!("content/{PAGE}.md");
    let good = site.read(&page);
    let locales_before = site.tree("locales");
    // The first heading renamed, a paragraph added, and no `extract`: the reference
    // still has the old message, which sync must not take for obsolete.
    let edited = good.replacen("# Human Rights\n", "# Human Rights Today\n", 1)
        + "\nA new closing paragraph.\n";
    site.write(&page, &edited);
    let run = site.run(&["sync"]).ok().no_panic();
    assert!(
        run.stderr.contains("not current with the page")
            && run.stderr.contains("run `fluentpress extract`"),
        "{}",
        run.stderr
    );
    assert_eq!(site.tree("locales"), locales_before, "sync changed a file");
    // After extract, sync does its work: a template for the new paragraph.
    site.run(&["extract"]).ok();
    let run = site.run(&["sync"]).ok();
    assert!(run.stderr.contains("template"), "{}", run.stderr);
    assert!(
        site.read(&format!("locales/fr/{PAGE}.ftl"))
            .contains("A new closing paragraph.")
    );
}

// ---- 8. Smaller items ----

#[test]
fn the_output_is_never_inside_the_sources() {
    let site = Site::shipped();
    let before = site.tree("content");
    for out in [
        "content/sub",
        "content",
        "locales/fr/out",
        "./content/../locales/x",
        "dist/../content/sub",
    ] {
        for command in ["build", "serve"] {
            let mut args = vec![command, "--out", out];
            if command == "serve" {
                args.extend(["--port", "0"]);
            }
            let run = site.run(&args).code(2).no_panic();
            assert!(
                run.stderr.contains("may not be inside"),
                "{command} --out {out}: {}",
                run.stderr
            );
        }
    }
    assert!(!site.exists("content/sub") && !site.exists("locales/fr/out"));
    assert!(!site.exists("locales/x"));
    assert_eq!(site.tree("content"), before);
    // Nor may it hold them (refused before what it holds is looked at).
    let root = site.path().to_str().unwrap().to_string();
    let run = site.run(&["build", "--out", &root]).code(2).no_panic();
    assert!(
        run.stderr
            .contains("refusing to write there: it holds the site's `content/`"),
        "{}",
        run.stderr
    );
    site.run(&["build", "--out", "public"]).ok();
}

const SMALL_PAGE: &str =
    "+++\ntitle = \"Small\"\ndescription = \"A small page.\"\n+++\n\n# Small\n\nSome text.\n";

#[test]
fn page_names_too_long_for_the_output_are_refused_by_lint() {
    let site = Site::shipped();
    for (name, ok) in [
        ("a".repeat(250), true),
        ("b".repeat(251), false),
        // 84 Hangul syllables are 252 bytes.
        ("한".repeat(84), false),
    ] {
        let rel = format!("content/{name}.md");
        site.write(&rel, SMALL_PAGE);
        let (code, report) = site.lint_json(&[]);
        if ok {
            assert!(path_problems(&report).is_empty(), "{report:#}");
            site.run(&["extract"]).ok();
            site.run(&["build"]).ok();
            assert!(site.exists(&format!("dist/en/{name}.html")));
            assert!(site.exists(&format!("dist/fr/{name}.txt")));
        } else {
            assert_eq!(code, 1);
            assert_eq!(path_problems(&report), [rel.clone()].into(), "{report:#}");
            let run = site.run(&["build"]).code(2).no_panic();
            assert!(
                run.stderr.contains(&rel) && !run.stderr.contains("too long"),
                "{}",
                run.stderr
            );
        }
        site.remove(&rel);
    }
}

#[test]
fn reserved_page_names_are_refused_whatever_their_case() {
    let site = Site::shipped();
    let site_ftl = site.read("locales/en/site.ftl");
    for name in ["index", "INDEX", "Index", "site", "Site", "SITE"] {
        let rel = format!("content/{name}.md");
        site.write(&rel, SMALL_PAGE);
        let (code, report) = site.lint_json(&[]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(path_problems(&report), [rel.clone()].into(), "{report:#}");
        site.run(&["extract"]).code(2).no_panic();
        site.run(&["build"]).code(2).no_panic();
        assert_eq!(site.read("locales/en/site.ftl"), site_ftl, "{name}");
        site.remove(&rel);
    }
    // Below the top, the names are free: `guide/index.html` is no edition's index.
    site.write("content/guide/index.md", SMALL_PAGE);
    site.write("content/guide/Site.md", SMALL_PAGE);
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    assert!(site.exists("dist/en/guide/index.html") && site.exists("dist/en/guide/Site.html"));
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next_and_never_read() {
    let site = Site::shipped();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let marker = "TEMP-MARKER-0e4b";
    // What a sync and an extract killed mid-write leave, an hour ago; and one being
    // written right now by another run, which must stay.
    let left = |rel: &str, modified: std::time::SystemTime| {
        site.write(rel, &format!("page-title = {marker}\n"));
        std::fs::File::options()
            .write(true)
            .open(site.path().join(rel))
            .unwrap()
            .set_modified(modified)
            .unwrap();
    };
    left("locales/fr/.fluentpress-Ab3dE9.tmp", old);
    left("locales/en/.fluentpress-x7Yz01.tmp", old);
    left("content/.fluentpress-Qq1234.tmp", old);
    left(
        "locales/fr/.fluentpress-N0wN0w.tmp",
        std::time::SystemTime::now(),
    );
    // Not ours: stays whatever its age.
    left("locales/fr/.fluentpress-notes.tmp", old);

    // The loaders skip them.
    let (_, report) = site.lint_json(&[]);
    assert!(!report.to_string().contains("fluentpress-"), "{report:#}");
    site.run(&["build"]).ok();
    for (path, bytes) in site.tree("dist") {
        assert!(!path.contains(".tmp"), "dist/{path}");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "dist/{path}"
        );
    }

    // The next runs that write there remove the stale ones.
    site.write("content/new.md", SMALL_PAGE);
    site.run(&["extract"]).ok();
    assert!(!site.exists("locales/en/.fluentpress-x7Yz01.tmp"));
    site.run(&["sync", "--locale", "fr"]).ok();
    assert!(!site.exists("locales/fr/.fluentpress-Ab3dE9.tmp"));
    assert!(
        site.exists("locales/fr/.fluentpress-N0wN0w.tmp"),
        "a live one"
    );
    assert!(site.exists("locales/fr/.fluentpress-notes.tmp"), "not ours");
    let leftovers: Vec<String> = walkdir::WalkDir::new(site.path().join("locales"))
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(
        leftovers.into_iter().collect::<BTreeSet<_>>(),
        [".fluentpress-N0wN0w.tmp", ".fluentpress-notes.tmp"]
            .map(String::from)
            .into()
    );
}

/// A translation file with one byte that is not UTF-8 was taken for a missing file:
/// `sync` overwrote it with templates, and every translation in it was gone.
#[test]
fn a_translation_file_that_cannot_be_read_is_never_overwritten() {
    let site = Site::shipped();
    let rel = format!("locales/fr/{PAGE}.ftl");
    let mut bytes = site.read(&rel).into_bytes();
    bytes.extend_from_slice(b"\n# \xff\n");
    site.write_bytes(&rel, &bytes);
    let run = site.run(&["sync"]).no_panic();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{rel}:")) && run.stderr.contains("not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(site.path().join(&rel)).unwrap(), bytes);
    let run = site.run(&["sync", "--check"]).no_panic();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read(site.path().join(&rel)).unwrap(), bytes);
}
