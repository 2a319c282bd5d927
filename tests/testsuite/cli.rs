//! The first hour: `init`, the site root found upward, the hints, `-q`, plurals,
//! `status --list`, and the `--help` of every command.

use super::support::{Run, Site};
use std::path::Path;
use std::process::Command;

/// Runs `fluentpress ARGS` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn init_then_build_lint_new_locale_build() {
    let site = Site::empty();
    let run = site.run(&["init"]).ok().no_panic();
    for file in [
        "content/welcome.md",
        "locales/en/site.ftl",
        "locales/en/welcome.ftl",
        "fluentpress.toml",
        ".gitignore",
        ".github/workflows/fluentpress.yml",
    ] {
        assert!(site.exists(file), "{file} missing; {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("created {file}")),
            "{}",
            run.stderr
        );
    }
    // Every layout message, each with a comment on what it is for.
    let ftl = site.read("locales/en/site.ftl");
    for id in fluentpress::internals::project::LAYOUT_MESSAGES {
        let at = ftl
            .find(&format!("\n{id} ="))
            .unwrap_or_else(|| panic!("{id} not in site.ftl:\n{ftl}"));
        let before = &ftl[..at];
        let comment = before.lines().last().unwrap();
        assert!(
            comment.starts_with("# ") && comment.len() > 10,
            "{id}: {comment:?}"
        );
    }
    assert!(site.read(".gitignore").contains("dist/"));
    let ci = site.read(".github/workflows/fluentpress.yml");
    assert!(ci.contains("fluentpress lint") && ci.contains("fluentpress build"));
    assert!(
        ci.contains("strategy:") && ci.contains("locale: [\"en\"]"),
        "{ci}"
    );
    assert!(site.read("fluentpress.toml").contains("# base_url ="));

    let build = site.run(&["build"]).ok().no_panic();
    assert!(!build.stderr.contains("error["), "{}", build.stderr);
    assert!(site.exists("dist/en/welcome.html"));
    let lint = site.run(&["lint"]).ok();
    assert!(
        lint.stdout.contains("0 errors, 0 warnings"),
        "{}",
        lint.stdout
    );
    assert!(
        site.run(&["extract", "--check"])
            .ok()
            .stderr
            .contains("up to date")
    );

    site.run(&["new-locale", "fr"]).ok();
    site.run(&["build"]).ok();
    assert!(site.exists("dist/fr/welcome.html"));
}

#[test]
fn init_with_locales_lints_clean() {
    let site = Site::empty();
    site.run(&[
        "init",
        "--source-locale",
        "ko",
        "--locale",
        "en",
        "--locale",
        "ar",
    ])
    .ok();
    assert!(
        site.read("locales/ko/site.ftl")
            .contains("language-name = 한국어")
    );
    assert!(site.exists("locales/en/welcome.ftl") && site.exists("locales/ar/site.ftl"));
    assert!(
        site.read("fluentpress.toml")
            .contains("source_locale = \"ko\"")
    );
    site.run(&["build"]).ok();
    site.run(&["lint"]).ok();
    assert!(site.exists("dist/ar/welcome.html"));
}

#[test]
fn init_into_a_new_folder() {
    let site = Site::empty();
    let run = site.run(&["init", "my-site"]).ok();
    assert!(run.stderr.contains("cd my-site"), "{}", run.stderr);
    assert!(site.exists("my-site/content/welcome.md"));
    run_in(&site.path().join("my-site"), &["build"]).ok();
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_never_overwrites() {
    let site = Site::empty();
    site.write("content/welcome.md", "# Mine\n");
    let run = site.run(&["init"]).code(2);
    assert!(
        run.stderr.contains("not empty") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("fluentpress.toml"));
    let run = site.run(&["init", "--force"]).ok();
    assert!(
        run.stderr.contains("kept content/welcome.md"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("content/welcome.md"), "# Mine\n");
    assert!(site.exists("locales/en/site.ftl"));
    // A second run creates nothing and changes nothing.
    let before = site.tree(".");
    site.run(&["init", "--force"]).ok();
    assert_eq!(before, site.tree("."));
}

#[test]
fn init_rejects_a_bad_tag() {
    let site = Site::empty();
    let run = site.run(&["init", "--locale", "pt_BR"]).code(2);
    assert!(
        run.stderr.contains("did you mean `pt-BR`?"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("content"));
}

#[test]
fn the_site_root_is_found_upward() {
    let site = Site::shipped();
    std::fs::create_dir_all(site.path().join("content/ko/deeper")).unwrap();
    let deep = site.path().join("content/ko/deeper");
    let run = run_in(&deep, &["status", "--locale", "ko"]).ok();
    assert!(run.stdout.contains("ko (한국어)"), "{}", run.stdout);
    run_in(&site.path().join("locales/ko"), &["lint", "--locale", "ko"]).no_panic();
    let run = run_in(
        &site.path().join("locales/ko"),
        &["build", "--locale", "ko"],
    )
    .ok();
    assert!(site.exists("dist/ko/index.html"), "{}", run.stderr);
    assert!(!site.exists("locales/ko/dist"));
}

#[test]
fn an_empty_folder_suggests_init() {
    let site = Site::empty();
    for cmd in ["build", "lint", "status", "sync", "extract"] {
        let run = site.run(&[cmd]).code(2).no_panic();
        assert!(
            run.stderr.contains("`fluentpress init`"),
            "{cmd}: {}",
            run.stderr
        );
    }
}

#[test]
fn hints_name_what_was_meant() {
    let site = Site::shipped();
    let run = site.run(&["lint", "--deny", "warning"]).code(2);
    assert!(
        run.stderr.contains("did you mean `warnings`?"),
        "{}",
        run.stderr
    );

    let ids = site.read("locales/en/north-korea-human-rights.ftl");
    let id = ids
        .lines()
        .find_map(|l| l.split_once(" = ").map(|(id, _)| id.to_string()))
        .filter(|id| id.len() > 6)
        .unwrap();
    let typo = &id[..id.len() - 1];
    let run = site
        .run(&["sync", "--locale", "ko", "--mark-current", typo])
        .code(2);
    assert!(
        run.stderr.contains(&format!("did you mean `{id}`?")),
        "{}",
        run.stderr
    );

    std::fs::create_dir_all(site.path().join("locales/zh_CN")).unwrap();
    let run = site.run(&["lint"]).no_panic();
    assert!(
        run.stdout.contains("did you mean `zh-CN`?"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("rename it to `locales/zh-CN`"),
        "{}",
        run.stdout
    );
    site.remove("locales/zh_CN");

    site.write("content/index.md", "+++\ntitle = \"Home\"\n+++\n\nHello.\n");
    let run = site.run(&["extract"]).code(2);
    assert!(
        run.stderr.contains("`index` is a reserved page name"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("previous output"), "{}", run.stderr);
    site.remove("content/index.md");

    site.remove("locales/en/site.ftl");
    let run = site.run(&["lint"]).no_panic();
    assert!(
        run.stdout.contains("language-menu-label") && run.stdout.contains("Layout messages"),
        "{}",
        run.stdout
    );
}

#[test]
fn serve_on_a_busy_port_suggests_port_0() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let site = Site::shipped();
    let run = site.run(&["serve", "--port", &port]).code(2);
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);
}

#[test]
fn quiet_prints_errors_only() {
    let site = Site::shipped();
    // A warning: a French file with an obsolete message.
    site.write(
        "locales/fr/site.ftl",
        &format!(
            "{}\nnot-a-layout-message = x\n",
            site.read("locales/fr/site.ftl")
        ),
    );
    let loud = site.run(&["build"]).ok();
    assert!(loud.stderr.contains("built"), "{}", loud.stderr);
    let quiet = site.run(&["build", "-q"]).ok();
    assert_eq!(quiet.stderr, "", "build -q printed");
    let quiet = site.run(&["-q", "extract"]).ok();
    assert_eq!(quiet.stderr, "");
    // -v names the root.
    let verbose = site.run(&["status", "-v"]).ok();
    assert!(verbose.stderr.contains("site root"), "{}", verbose.stderr);
}

#[test]
fn counts_are_in_the_singular_for_one() {
    let site = Site::shipped();
    let run = site.run(&["build"]).ok();
    assert!(!run.stderr.contains("(s)"), "{}", run.stderr);
    let run = site.run(&["build", "--locale", "ko"]).ok();
    for line in run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("built") && !l.starts_with("lint found"))
    {
        assert!(
            line.starts_with("ko ") || line.contains("[ko]") || !line.contains('['),
            "{line}"
        );
    }
    assert!(run.stderr.contains("built 1 edition of"), "{}", run.stderr);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("en ")),
        "{}",
        run.stderr
    );
}

#[test]
fn status_list_names_the_message_ids() {
    let site = Site::shipped();
    let reference = site.read("locales/en/north-korea-human-rights.ftl");
    let id = reference
        .lines()
        .find_map(|l| l.split_once(" = ").map(|(id, _)| id.to_string()))
        .unwrap();
    // Remove the Korean translation of the first message.
    let ko = site.read("locales/ko/north-korea-human-rights.ftl");
    let kept: String = {
        let mut out = String::new();
        let mut skipping = false;
        for line in ko.split_inclusive('\n') {
            if line.starts_with(&format!("{id} =")) {
                skipping = true;
                continue;
            }
            if skipping && line.starts_with(' ') {
                continue;
            }
            skipping = false;
            out.push_str(line);
        }
        out
    };
    site.write("locales/ko/north-korea-human-rights.ftl", &kept);
    let run = site.run(&["status", "--locale", "ko", "--list"]).ok();
    let missing = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("missing"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(missing.contains(&id), "{}", run.stdout);
    site.run(&["status", "--list", "--format", "json"]).code(2);
}

#[test]
fn explain_wraps_to_the_terminal() {
    let site = Site::empty();
    let run = site.run(&["lint", "--explain", "outdated"]).ok();
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().count() > 4);
}

#[test]
fn color_is_accepted_by_every_command() {
    let site = Site::shipped();
    site.run(&["status", "--color", "never"]).ok();
    site.run(&["--color", "always", "extract", "--check"]).ok();
}

#[test]
fn help_of_every_command() {
    let site = Site::empty();
    let top = run_in(site.path(), &["--help"]).ok();
    insta::assert_snapshot!("help", top.stdout);
    for cmd in [
        "init",
        "build",
        "lint",
        "extract",
        "status",
        "sync",
        "new-locale",
        "import",
        "serve",
    ] {
        let run = run_in(site.path(), &[cmd, "--help"]).ok();
        // Every option has a help line: text after its name, not only `[default: …]`.
        for line in run.stdout.lines() {
            let t = line.trim_start();
            if t.starts_with('-') {
                let help = t.split_once("  ").map_or("", |(_, h)| h.trim());
                assert!(
                    !help.is_empty() && !help.starts_with('['),
                    "{cmd}: an option without a help line: {line}"
                );
            }
        }
        insta::assert_snapshot!(format!("help_{cmd}"), run.stdout);
    }
}

#[test]
fn the_chooser_and_the_phone_menu_speak_each_language() {
    let site = Site::shipped();
    site.run(&["build", "-q"]).ok();
    let chooser = site.read("dist/index.html");
    for (tag, heading, intro) in [
        ("ko", "언어 선택", "이 사이트를 한국어로 읽기"),
        ("ar", "اختر لغتك", "اقرأ هذا الموقع بالعربية"),
        ("th", "เลือกภาษาของคุณ", "อ่านเว็บไซต์นี้เป็นภาษาไทย"),
    ] {
        let dir = if tag == "ar" { "rtl" } else { "ltr" };
        assert!(
            chooser.contains(&format!(
                "<span lang=\"{tag}\" dir=\"{dir}\">{heading}</span>"
            )),
            "{tag} heading"
        );
        assert!(chooser.contains(intro), "{tag} intro");
    }
    let ko = site.read("dist/ko/index.html");
    assert!(
        ko.contains("<summary>언어: <span class=\"current-language\" lang=\"ko\" dir=\"ltr\">한국어</span></summary>"),
        "{ko}"
    );
}

#[test]
fn version_names_the_commit() {
    let run = Site::empty().run(&["--version"]).ok();
    let version = run.stdout.trim();
    assert!(
        version.starts_with(concat!("fluentpress ", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    // Built from this checkout (the test's own source): the commit is named. Without
    // git (a crate tarball) build.rs leaves it out, and so may this test.
    let head = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    if let Ok(head) = head
        && head.status.success()
    {
        let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
        assert_eq!(
            version,
            format!("fluentpress {} ({head})", env!("CARGO_PKG_VERSION")),
            "the commit the binary was built from"
        );
    }
}

/// `work_in_progress` has one meaning (no `min_coverage` gate of fluentpress.toml; the
/// command line's still applies; nothing else changes), said alike wherever it is said.
#[test]
fn work_in_progress_is_said_the_same_way_everywhere() {
    let site = Site::empty();
    site.run(&["init", "--locale", "ko"]).ok();
    let toml = site.read("fluentpress.toml");
    let explain = site.run(&["lint", "--explain", "min-coverage"]).ok().stdout;
    let new_locale = site.run(&["new-locale", "fr"]).ok().stderr;
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap()
        .replace('\n', " ");
    for (what, text) in [
        ("fluentpress.toml", toml.replace("\n# ", " ")),
        ("--explain min-coverage", explain.replace('\n', " ")),
        ("new-locale", new_locale),
        ("README", readme),
    ] {
        assert!(text.contains("work_in_progress"), "{what}: {text}");
        assert!(
            text.contains("min_coverage gate") || text.contains("gates of `fluentpress.toml`"),
            "{what} does not say which gates it lifts: {text}"
        );
        assert!(
            text.contains("--min-coverage"),
            "{what} does not say the command line's gate still applies: {text}"
        );
        for wrong in ["warnings instead of errors", "are warnings, not errors"] {
            assert!(!text.contains(wrong), "{what} says {wrong:?}");
        }
    }
}

/// `-q` is "errors only" for every command: on a site with warnings, no command prints
/// a warning, a report or a summary; an error is still printed.
#[test]
fn quiet_means_errors_only_for_every_command() {
    let site = Site::shipped();
    // Warnings: an obsolete layout message, a byte-order mark.
    site.write(
        "locales/fr/site.ftl",
        &format!(
            "{}\nnot-a-layout-message = x\n",
            site.read("locales/fr/site.ftl")
        ),
    );
    let ko = site.read("locales/ko/site.ftl");
    site.write_bytes(
        "locales/ko/site.ftl",
        &[b"\xEF\xBB\xBF", ko.as_bytes()].concat(),
    );
    let loud = site.run(&["lint"]).ok();
    assert!(loud.stdout.contains("warning["), "{}", loud.stdout);
    let translated = site.path().join("translated");
    std::fs::create_dir_all(&translated).unwrap();
    std::fs::write(
        translated.join("north-korea-human-rights.md"),
        "+++\ntitle = \"Nordkorea\"\ndescription = \"Menschenrechte.\"\n+++\n\n# Menschenrechte\n\nDas Volk leidet.\n",
    )
    .unwrap();
    let empty = Site::empty();
    let quiet = |site: &Site, args: &[&str]| {
        let mut all = vec!["-q"];
        all.extend_from_slice(args);
        let run = site.run(&all).no_panic();
        assert!(run.code == 0, "{args:?}: exit {}: {}", run.code, run.stderr);
        assert_eq!(
            (run.stdout.as_str(), run.stderr.as_str()),
            ("", ""),
            "{args:?} printed more than errors"
        );
    };
    quiet(&empty, &["init", "--locale", "ko"]);
    for args in [
        &["build"][..],
        &["lint"],
        &["lint", "--format", "github"],
        &["lint", "--locale", "fr"],
        &["extract"],
        &["extract", "--check"],
        &["status"],
        &["status", "--list"],
        &["sync"],
        &["sync", "--check"],
        &["sync", "--locale", "fr", "--mark-current", "page-title"],
        &["new-locale", "de"],
        &["import", "--locale", "de", "--force", "translated"],
        &["import", "--locale", "de", "--dry-run", "translated"],
    ] {
        quiet(&site, args);
    }
    // serve: the URL on stdout, nothing else.
    let mut serve = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
        .args(["-q", "serve", "--port", "0"])
        .current_dir(site.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(serve.stdout.take().unwrap());
    let mut url = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut url).unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    std::thread::sleep(std::time::Duration::from_millis(500));
    serve.kill().unwrap();
    let out = serve.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "serve -q");
    // An error is still printed, without the summary.
    site.write("locales/fr/site.ftl", "broken = {\n");
    let run = site.run(&["-q", "lint"]).code(1);
    assert!(run.stdout.contains("error[syntax-error]"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("warning[") && !run.stdout.contains("errors,"),
        "{}",
        run.stdout
    );
}

/// Run inside `locales/TAG/`, `sync`, `status` and `lint` take `--locale TAG` as given.
#[test]
fn sync_status_and_lint_infer_the_locale_from_the_current_directory() {
    let site = Site::fixture("workflow/status");
    let fr = site.path().join("locales/fr");
    let nested = site.path().join("locales/fr/guides");
    for dir in [&fr, &nested] {
        let run = run_in(dir, &["status", "--format", "json"]).ok();
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let tags: Vec<&str> = json["locales"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["locale"].as_str().unwrap())
            .collect();
        assert_eq!(tags, ["fr"], "{}", run.stderr);
        assert!(run.stderr.contains("status --locale fr"), "{}", run.stderr);
        let run = run_in(dir, &["lint", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let tags: Vec<&str> = json["locales"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["locale"].as_str().unwrap())
            .collect();
        assert_eq!(tags, ["fr"]);
    }
    // --mark-current needs one locale: the directory's.
    let before = site.read("locales/fr/owls.ftl");
    run_in(&fr, &["sync", "--mark-current", "owls"]).ok();
    assert_ne!(site.read("locales/fr/owls.ftl"), before);
    assert_eq!(
        site.read("locales/ko/owls.ftl"),
        site.read("locales/ko/owls.ftl")
    );
    // sync without --mark-current: only fr's files change.
    let ko = site.read("locales/ko/owls.ftl");
    run_in(&fr, &["sync"]).ok();
    assert_eq!(site.read("locales/ko/owls.ftl"), ko, "sync touched ko");
    // An explicit --locale wins; the source locale's folder infers nothing.
    let run = run_in(&fr, &["status", "--format", "json", "--locale", "ko"]).ok();
    assert!(run.stdout.contains("\"ko\"") && !run.stdout.contains("\"fr\""));
    let run = run_in(
        &site.path().join("locales/en"),
        &["status", "--format", "json"],
    )
    .ok();
    assert!(run.stdout.contains("\"ko\"") && run.stdout.contains("\"fr\""));
}

/// lint's and status's figures for the pages match their tables; the strings of
/// `site.ftl`, which no table shows, are counted on their own line.
#[test]
fn site_ftl_strings_are_counted_on_their_own_line() {
    let site = Site::empty();
    site.run(&["init", "--locale", "ko", "--locale", "es", "--locale", "ar"])
        .ok();
    let layout = fluentpress::internals::project::LAYOUT_MESSAGES.len();
    let lint = site.run(&["lint"]).ok().stdout;
    // The table: 6 passages missing in each of the three locales.
    let missing: usize = lint
        .lines()
        .filter(|l| ["ko ", "es ", "ar "].iter().any(|t| l.starts_with(t)))
        .map(|l| {
            l.split_whitespace()
                .nth(4)
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert!(missing > 0, "{lint}");
    assert!(
        lint.contains(&format!(
            "\n{missing} passages of the pages are still to translate or update (the table's"
        )),
        "{lint}"
    );
    // language-name is filled in by new-locale: the rest of site.ftl is to translate.
    let strings = 3 * (layout - 1);
    assert!(
        lint.contains(&format!(
            "\n{strings} layout strings of site.ftl are still to translate (ar {n}, es {n}, ko {n}; not in the table)",
            n = layout - 1
        )),
        "{lint}"
    );
    let status = site.run(&["status", "--locale", "ko"]).ok().stdout;
    assert!(
        status.contains(&format!(
            "\n  layout strings (site.ftl, not in the table): 1 of {layout} translated, {} missing\n",
            layout - 1
        )),
        "{status}"
    );
}
