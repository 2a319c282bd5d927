//! The translator's workflow: `status`, `sync` (templates, obsolete messages, marking a
//! translation current), `new-locale`, the build's `status.html`, and `serve` over real
//! HTTP on a loopback port the system chooses.

use super::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SHIPPED_PAGE: &str = "north-korea-human-rights";
const TRANSLATED: &[&str] = &["ar", "es", "fr", "ja", "ko", "ru", "th", "zh-Hans"];
const EDITED_ID: &str = "human-rights-the-people-of-north";

const OWLS: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night. There are 250 species.\n\n## Eyes\n\nTheir eyes are fixed in place; see [the owl trust](https://owls.example/).\n";

fn owl_site() -> Site {
    let site = Site::empty();
    site.write("content/owls.md", OWLS);
    site.write(
        "locales/en/site.ftl",
        "## Names\n\n# The language's own name.\nlanguage-name = English\nsite-name = Birds\n",
    );
    site.write(
        "locales/fr/site.ftl",
        "language-name = Français\nsite-name = Oiseaux\n",
    );
    site.run(&["extract"]).ok();
    site
}

/// The hash the reference records for a message.
fn reference_hash(site: &Site, rel: &str, id: &str) -> String {
    let reference = site.read(rel);
    let lines: Vec<&str> = reference.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{id} =")))
        .unwrap_or_else(|| panic!("{id} in {rel}"));
    // The comment lines above it: `# fluentpress: KIND; source HASH`, then any
    // `# fluentpress: was OLD: text` lines.
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with('#'))
        .find(|l| l.contains("source ") && !l.contains(": was "))
        .and_then(|l| l.rsplit("source ").next())
        .unwrap_or_else(|| panic!("no source hash above {id} in {rel}"))
        .trim()
        .to_string()
}

fn status_json(site: &Site, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["status", "--format", "json"];
    args.extend_from_slice(extra);
    let run = site.run(&args).ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn outdated_of(status: &serde_json::Value) -> Vec<(String, u64)> {
    status["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["locale"].as_str().unwrap().to_string(),
                l["outdated"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Every message of a Fluent file with the comment lines directly above it, in order.
fn entries(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut comments = String::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("# ") || line == "#\n" {
            comments.push_str(line);
        } else if line.starts_with(' ') {
            if let Some(last) = out.last_mut() {
                last.push_str(line);
            }
        } else if line.trim().is_empty() || line.starts_with("##") {
            comments.clear();
        } else {
            out.push(std::mem::take(&mut comments) + line);
        }
    }
    out
}

#[test]
fn an_edited_source_paragraph_is_outdated_everywhere_until_marked_current() {
    let site = Site::shipped();
    let page = format!("content/{SHIPPED_PAGE}.md");
    let reference = format!("locales/en/{SHIPPED_PAGE}.ftl");
    let before: Vec<String> = TRANSLATED
        .iter()
        .map(|t| site.read(&format!("locales/{t}/{SHIPPED_PAGE}.ftl")))
        .collect();
    assert!(
        outdated_of(&status_json(&site, &[]))
            .iter()
            .all(|(_, n)| *n == 0)
    );

    // The author rewords a paragraph and extracts.
    let text = site.read(&page);
    assert!(text.contains("The people of North Korea continue to suffer"));
    site.write(
        &page,
        &text.replace(
            "The people of North Korea continue to suffer",
            "The people of North Korea still suffer",
        ),
    );
    site.run(&["extract"]).ok();
    let new_hash = reference_hash(&site, &reference, EDITED_ID);

    // Outdated in all eight translated locales: status, lint, build.
    let status = status_json(&site, &[]);
    assert_eq!(
        outdated_of(&status),
        TRANSLATED
            .iter()
            .map(|t| (t.to_string(), 1))
            .collect::<Vec<_>>()
    );
    let (_, lint) = site.lint_json(&[]);
    let mut outdated: Vec<&str> = with_code(&lint, "outdated")
        .iter()
        .map(|d| d["locale"].as_str().unwrap())
        .collect();
    outdated.sort();
    assert_eq!(outdated, TRANSLATED);
    site.run(&["build"]).ok();
    for tag in TRANSLATED {
        let html = site.read(&format!("dist/{tag}/{SHIPPED_PAGE}.html"));
        assert!(
            html.contains("The people of North Korea still suffer"),
            "{tag}: the outdated translation falls back to the current source"
        );
    }
    let ko = site.read(&format!("dist/ko/{SHIPPED_PAGE}.html"));
    assert!(
        ko.contains(r#"<p lang="en">The people of North Korea still suffer"#),
        "{ko}"
    );
    assert!(
        !ko.contains("북한 주민들은 광범위한 인권 침해로"),
        "the old Korean text is not shown"
    );

    // The translators mark their (reviewed) translations current: French by the
    // documented hand edit of the hash, the others with `sync --mark-current`.
    for (tag, old) in TRANSLATED.iter().zip(&before) {
        let rel = format!("locales/{tag}/{SHIPPED_PAGE}.ftl");
        let old_hash = {
            let lines: Vec<&str> = old.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.starts_with(&format!("{EDITED_ID} =")))
                .unwrap();
            lines[at - 1]
                .rsplit("source ")
                .next()
                .unwrap()
                .trim()
                .to_string()
        };
        assert_ne!(old_hash, new_hash);
        if *tag == "fr" {
            site.write(
                &rel,
                &old.replacen(
                    &format!("source {old_hash}"),
                    &format!("source {new_hash}"),
                    1,
                ),
            );
        } else {
            site.run(&["sync", "--locale", tag, "--mark-current", EDITED_ID])
                .ok();
        }
        // Only the hash changed, byte for byte.
        assert_eq!(
            site.read(&rel),
            old.replacen(
                &format!("source {old_hash}"),
                &format!("source {new_hash}"),
                1
            ),
            "{tag}"
        );
    }
    assert!(
        outdated_of(&status_json(&site, &[]))
            .iter()
            .all(|(_, n)| *n == 0)
    );
    let (_, lint) = site.lint_json(&[]);
    assert!(with_code(&lint, "outdated").is_empty(), "{lint:#}");
    site.run(&["build"]).ok();
    let ko = site.read(&format!("dist/ko/{SHIPPED_PAGE}.html"));
    assert!(
        ko.contains("북한 주민들은 광범위한 인권 침해로"),
        "the translation is shown again"
    );

    // Marking again changes nothing; a message that does not exist is a usage error.
    site.run(&["sync", "--locale", "ko", "--mark-current", EDITED_ID])
        .ok();
    let run = site
        .run(&[
            "sync",
            "--locale",
            "ko",
            "--mark-current",
            "no-such-message",
        ])
        .code(2);
    assert!(run.stderr.contains("no-such-message"), "{}", run.stderr);
    let run = site.run(&["sync", "--mark-current", EDITED_ID]).code(2);
    assert!(
        run.stderr.contains("exactly one --locale"),
        "{}",
        run.stderr
    );
}

#[test]
fn sync_adds_templates_comments_out_obsolete_messages_and_keeps_the_rest() {
    let site = owl_site();
    let reference = "locales/en/owls.ftl";
    let h = |id: &str| reference_hash(&site, reference, id);
    let fr = format!(
        "### Traduction française.\n\n# Note du traducteur : garder « hiboux ».\n# fluentpress: source {}\npage-title = Hiboux\n\n# fluentpress: source {}\nowls = Les hiboux\n# fluentpress: source 0badc0de\nremoved-paragraph = Un paragraphe\n    sur deux lignes.\n\n# fluentpress: source {}\neyes = Yeux\n",
        h("page-title"),
        h("owls"),
        h("eyes")
    );
    site.write("locales/fr/owls.ftl", &fr);
    let (_, lint_before) = site.lint_json(&["--locale", "fr"]);
    let mut missing_before: Vec<String> = with_code(&lint_before, "missing-message")
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect();
    missing_before.sort();
    assert_eq!(with_code(&lint_before, "obsolete-message").len(), 1);
    site.run(&["build"]).ok();
    let dist_before = site.tree("dist");

    let run = site.run(&["sync"]).ok();
    assert!(
        run.stderr.contains("updated locales/fr/owls.ftl"),
        "{}",
        run.stderr
    );
    let after = site.read("locales/fr/owls.ftl");

    // Every message the reference still has is there byte for byte, comments included.
    for entry in entries(&fr) {
        if !entry.contains("removed-paragraph") {
            assert!(after.contains(&entry), "{entry:?} changed:\n{after}");
        }
    }
    assert!(
        after.starts_with("### Traduction française.\n\n"),
        "{after}"
    );
    // The obsolete message is commented out under a note, not deleted.
    assert!(
        after.contains("# fluentpress: obsolete (no longer in the reference); kept for reference\n# # fluentpress: source 0badc0de\n# removed-paragraph = Un paragraphe\n#     sur deux lignes.\n"),
        "{after}"
    );
    // A template for each missing message, with the source text and its hash.
    assert!(
        after.contains(&format!(
            "# fluentpress: missing; source {}\n# page-description = All about owls.\n",
            h("page-description")
        )),
        "{after}"
    );
    assert!(after.contains(&format!(
        "# fluentpress: missing; source {}\n# eyes-their-eyes-are-fixed = Their eyes are fixed in place; see [the owl trust](https://owls.example/).\n",
        h("eyes-their-eyes-are-fixed")
    )));
    // Placed in reference order.
    let order: Vec<usize> = [
        "page-title =",
        "# page-description =",
        "owls =",
        "# owls-owls-hunt-at-night =",
        "eyes =",
        "# eyes-their-eyes-are-fixed =",
    ]
    .iter()
    .map(|s| after.find(s).unwrap_or_else(|| panic!("{s}:\n{after}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{after}");

    // Templates are comments: the same messages are missing, nothing is obsolete, and
    // the build shows exactly what it showed.
    let (_, lint_after) = site.lint_json(&["--locale", "fr"]);
    let mut missing_after: Vec<String> = with_code(&lint_after, "missing-message")
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect();
    missing_after.sort();
    assert_eq!(missing_before, missing_after);
    assert!(with_code(&lint_after, "obsolete-message").is_empty());
    assert!(with_code(&lint_after, "syntax-error").is_empty());
    site.run(&["build"]).ok();
    assert!(dist_before == site.tree("dist"), "the build output changed");

    // Running it twice changes nothing.
    let locales = site.tree("locales");
    let run = site.run(&["sync"]).ok();
    assert!(run.stderr.contains("already in line"), "{}", run.stderr);
    assert!(
        locales == site.tree("locales"),
        "a second sync changed files"
    );
    site.run(&["sync", "--check"]).ok();

    // The translator fills in a template as documented: removes `# ` and translates.
    let filled = after.replace(
        "# page-description = All about owls.",
        "page-description = Tout sur les hiboux.",
    );
    site.write("locales/fr/owls.ftl", &filled);
    let (_, lint) = site.lint_json(&["--locale", "fr"]);
    assert!(
        !with_code(&lint, "missing-message")
            .iter()
            .any(|d| d["id"] == "page-description"),
        "{lint:#}"
    );
    assert!(
        with_code(&lint, "outdated").is_empty(),
        "the template's hash is current"
    );
    site.run(&["sync"]).ok();
    assert_eq!(site.read("locales/fr/owls.ftl"), filled);
    site.run(&["build"]).ok();
    assert!(
        site.read("dist/fr/owls.html")
            .contains(r#"content="Tout sur les hiboux.""#)
    );
}

#[test]
fn sync_creates_missing_files_adopts_untracked_translations_and_checks() {
    let site = owl_site();
    site.write("locales/ko/site.ftl", "language-name = 한국어\n");
    site.write("locales/ko/owls.ftl", "owls = 올빼미\n");
    let run = site.run(&["sync", "--check"]).code(1);
    assert!(run.stdout.contains("locales/fr/owls.ftl"), "{}", run.stdout);
    assert!(
        !site.exists("locales/fr/owls.ftl"),
        "--check writes nothing"
    );
    site.run(&["sync", "--locale", "fr"]).ok();
    assert!(site.exists("locales/fr/owls.ftl"));
    assert_eq!(
        site.read("locales/ko/owls.ftl"),
        "owls = 올빼미\n",
        "only --locale fr"
    );
    site.run(&["sync"]).ok();
    let ko = site.read("locales/ko/owls.ftl");
    // The untracked translation now records the hash of the current source text.
    let hash = reference_hash(&site, "locales/en/owls.ftl", "owls");
    assert!(
        ko.contains(&format!("# fluentpress: source {hash}\nowls = 올빼미\n")),
        "{ko}"
    );
    let ko_site = site.read("locales/ko/site.ftl");
    assert!(
        ko_site
            .starts_with("language-name = 한국어\n\n# fluentpress: missing\n# site-name = Birds\n"),
        "{ko_site}"
    );
    let run = site.run(&["sync", "--locale", "en"]).code(2);
    assert!(run.stderr.contains("source locale"), "{}", run.stderr);
}

#[test]
fn new_locale_for_a_right_to_left_and_a_cjk_tag() {
    let site = owl_site();
    site.run(&["new-locale", "he"]).ok();
    site.run(&["new-locale", "zh-hant"]).ok();
    assert!(
        site.exists("locales/zh-Hant/site.ftl"),
        "the tag is canonicalised"
    );
    for tag in ["he", "zh-Hant"] {
        assert!(site.exists(&format!("locales/{tag}/owls.ftl")));
    }
    let he_site = site.read("locales/he/site.ftl");
    assert!(he_site.contains("\nlanguage-name = עברית\n"), "{he_site}");
    assert!(
        he_site.contains("# fluentpress: missing\n# site-name = Birds\n"),
        "{he_site}"
    );
    let he_page = site.read("locales/he/owls.ftl");
    assert!(he_page.contains("# page-title = Owls\n"), "{he_page}");
    assert_eq!(
        he_page.matches("# fluentpress: missing; source ").count(),
        6
    );

    // Refused: duplicates (in any spelling), the source, invalid tags.
    for tag in [
        "he", "HE", "zh-Hant", "ZH-HANT", "en", "english", "pt_BR", "",
    ] {
        let run = site.run(&["new-locale", tag]).code(2).no_panic();
        assert!(run.stderr.starts_with("error:"), "{tag}: {}", run.stderr);
    }
    std::fs::create_dir_all(site.path().join("locales/pt-br")).unwrap();
    let run = site.run(&["new-locale", "pt-BR"]).code(2);
    assert!(run.stderr.contains("locales/pt-br"), "{}", run.stderr);
    std::fs::remove_dir(site.path().join("locales/pt-br")).unwrap();

    // sync has nothing to add; the status shows the new editions as untranslated.
    let run = site
        .run(&["sync", "--locale", "he", "--locale", "zh-hant"])
        .ok();
    assert!(run.stderr.contains("already in line"), "{}", run.stderr);
    let status = status_json(&site, &["--locale", "he", "--locale", "zh-Hant"]);
    for l in status["locales"].as_array().unwrap() {
        // "250 species" has words; only a bare number would count as translated.
        assert_eq!(
            (l["translated"].as_u64(), l["missing"].as_u64()),
            (Some(0), Some(6)),
            "{l}"
        );
    }

    // The next build lists both editions, named in their own language, marked partial
    // (in English, marked as English inside the Hebrew list item).
    site.run(&["build"]).ok();
    let chooser = site.read("dist/index.html");
    assert!(
        chooser.contains(r#"<li lang="he" dir="rtl"><a href="he/index.html" hreflang="he">עברית</a> <span class="partial" lang="en" dir="ltr">(partial translation)</span>"#),
        "{chooser}"
    );
    assert!(
        chooser.contains(r#"<li lang="zh-Hant" dir="ltr"><a href="zh-Hant/index.html" hreflang="zh-Hant">繁體中文</a> <span class="partial" lang="en" dir="ltr">"#),
        "{chooser}"
    );
    let he = site.read("dist/he/owls.html");
    assert!(
        he.starts_with(r#"<!DOCTYPE html><html lang="he" dir="rtl">"#),
        "{he}"
    );
    assert!(
        he.contains(r#"<p lang="en" dir="ltr">Owls hunt at night."#),
        "{he}"
    );
    let zh = site.read("dist/zh-Hant/owls.html");
    assert!(zh.contains(r#"<html lang="zh-Hant" dir="ltr">"#));
    assert!(zh.contains(r#"<p lang="en">Owls hunt at night."#), "{zh}");
}

#[test]
fn status_json_matches_the_fixture() {
    let site = Site::fixture("workflow/status");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("workflow/status.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(status_json(&site, &[]), expected);
    let ko = status_json(&site, &["--locale", "KO"]);
    assert_eq!(ko["locales"].as_array().unwrap().len(), 1);
    assert_eq!(ko["locales"][0], expected["locales"][1]);
    let human = site.run(&["status"]).ok().stdout;
    assert!(
        human.contains(
            "fr (Français): 31% complete: 5 of 16 passages translated, 2 outdated, 9 missing, 0 rejected\n"
        ),
        "{human}"
    );
    assert!(
        human.contains(
            "\n  owls                         2         2        2         0      6       33%\n"
        ),
        "{human}"
    );
    site.run(&["status", "--locale", "xx"]).code(2);
}

#[test]
fn the_build_writes_a_status_page_linked_from_the_chooser() {
    let site = Site::fixture("workflow/status");
    site.run(&["build"]).ok();
    let chooser = site.read("dist/index.html");
    assert!(chooser.contains(r#"<a href="status.html">"#), "{chooser}");
    let status = site.read("dist/status.html");
    assert!(status.starts_with(r#"<!DOCTYPE html><html lang="en" dir="ltr">"#));
    assert_eq!(status.matches("<h1>").count(), 1);
    assert!(status.contains("<caption>Every language edition</caption>"));
    assert!(
        status.contains(r#"<th scope="row"><a href="fr/index.html" hreflang="fr" lang="fr">Français</a> (fr)</th><td class="align-end">5</td><td class="align-end">2</td><td class="align-end">9</td><td class="align-end">0</td><td class="align-end">16</td><td class="align-end">31%</td>"#),
        "{status}"
    );
    assert!(
        status.contains(r#"<a href="ko/guides/night-birds.html">Night birds</a></th><td class="align-end">7</td>"#),
        "{status}"
    );
    assert!(status.contains(r#"<a href="index.html">"#));
}

// ---------------------------------------------------------------------------------------
// serve

/// A running `fluentpress serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    fn start_with(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(out).lines();
            let _ = tx.send(lines.next().and_then(Result::ok));
            for _ in lines {}
        });
        let first = rx.recv_timeout(Duration::from_secs(120)).ok().flatten();
        let mut server = Server {
            child,
            port: 0,
            stderr,
        };
        let Some(url) = first else {
            panic!("serve printed no URL; stderr:\n{}", server.stderr());
        };
        server.port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("not a loopback URL: {url:?}"));
        assert_ne!(server.port, 0);
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// How many rebuilds the server has finished (it reports each on stderr).
    fn rebuilds(&self) -> usize {
        self.stderr()
            .lines()
            .filter(|l| l.starts_with("built everything") || l.starts_with("re-rendered "))
            .count()
    }

    /// Waits until more than `done` rebuilds have finished.
    #[track_caller]
    fn wait_rebuilds(&self, done: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.rebuilds() <= done {
            assert!(
                Instant::now() < deadline,
                "no rebuild within 20 s:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn request(&self, raw: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line: {head:?}"));
        Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ))
    }

    /// GETs `path` until `done` holds for the body, or fails after a deadline.
    #[track_caller]
    fn wait_for(&self, path: &str, what: &str, done: impl Fn(&str) -> bool) -> (String, Duration) {
        let started = Instant::now();
        let deadline = started + Duration::from_secs(20);
        loop {
            let reply = self.get(path);
            if reply.status == 200 && done(&reply.body) {
                return (reply.body, started.elapsed());
            }
            if Instant::now() > deadline {
                panic!(
                    "{path}: {what} did not happen within 20 s\nlast body:\n{}\nstderr:\n{}",
                    reply.body,
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

fn mtime(site: &Site, rel: &str) -> std::time::SystemTime {
    std::fs::metadata(site.path().join(rel))
        .unwrap()
        .modified()
        .unwrap()
}

#[test]
fn serve_re_renders_only_what_an_edit_affects() {
    let site = Site::shipped();
    let server = Server::start(&site);
    let reply = server.get("/");
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .head
            .contains("Content-Type: text/html; charset=utf-8"),
        "{}",
        reply.head
    );
    assert!(reply.body.contains(r#"<a href="status.html">"#));
    let ko_path = format!("/ko/{SHIPPED_PAGE}.html");
    let reply = server.get(&ko_path);
    assert!(reply.body.contains("북한 인권"));
    assert!(
        !reply.body.contains("fluentpress-diagnostics"),
        "the shipped site is clean"
    );
    let head = server.request(&format!(
        "HEAD {ko_path} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    ));
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert!(head.head.contains("Content-Length: "), "{}", head.head);
    assert!(
        server
            .get("/style.css")
            .head
            .contains("Content-Type: text/css")
    );
    assert!(
        server
            .get(&format!("/ko/{SHIPPED_PAGE}.txt"))
            .head
            .contains("Content-Type: text/plain; charset=utf-8")
    );
    let version = server.get("/__fluentpress/version").body;

    // Nothing outside the output, nothing hidden, GET and HEAD only, loopback names only.
    assert_eq!(
        server.request("GET /../Cargo.toml HTTP/1.1\r\n\r\n").status,
        400
    );
    assert_eq!(server.get("/ko/%2e%2e/%2e%2e/content/x.md").status, 400);
    assert_eq!(server.get("/.fluentpress-output").status, 404);
    assert_eq!(server.get("/no-such-page.html").status, 404);
    assert_eq!(
        server
            .request("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .status,
        405
    );
    assert_eq!(
        server
            .request("GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n")
            .status,
        403
    );
    let redirect = server.get("/ko");
    assert_eq!(redirect.status, 301);
    assert!(
        redirect.head.contains("Location: /ko/"),
        "{}",
        redirect.head
    );

    // Long polling: a request naming the page's version waits for the next one (so a
    // page reloads as soon as a rebuild is done); one naming another answers at once.
    assert_eq!(server.get("/__fluentpress/version?after=0").body, version);
    let port = server.port;
    let waiting = std::thread::spawn({
        let version = version.clone();
        move || {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            write!(
                stream,
                "GET /__fluentpress/version?after={version} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut text = String::new();
            stream.read_to_string(&mut text).unwrap();
            text.split_once("\r\n\r\n")
                .map(|(_, body)| body.to_string())
                .unwrap_or_default()
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !waiting.is_finished(),
        "the version request answered before any rebuild"
    );

    // A translator saves an edit to the Korean page: only that edition is re-rendered.
    let en_before = mtime(&site, &format!("dist/en/{SHIPPED_PAGE}.html"));
    let ja_before = mtime(&site, &format!("dist/ja/{SHIPPED_PAGE}.html"));
    let done = server.rebuilds();
    let rel = format!("locales/ko/{SHIPPED_PAGE}.ftl");
    let ko = site.read(&rel);
    site.write(
        &rel,
        &ko.replace("human-rights = 인권\n", "human-rights = 북한의 인권\n"),
    );
    let (body, took) = server.wait_for(&ko_path, "the edit", |b| {
        b.contains(r#"<h1 id="human-rights">북한의 인권</h1>"#)
    });
    eprintln!("the edit was served after {took:?}");
    assert!(
        body.contains("/__fluentpress/version"),
        "the page reloads itself"
    );
    server.wait_rebuilds(done);
    assert_ne!(server.get("/__fluentpress/version").body, version);
    assert_ne!(
        waiting.join().unwrap(),
        version,
        "the waiting request saw the rebuild"
    );
    assert!(
        server.stderr().contains("re-rendered 1 page edition in"),
        "{}",
        server.stderr()
    );
    assert!(
        server.stderr().contains(&format!(
            ": ko/{SHIPPED_PAGE}; wrote ko/{SHIPPED_PAGE}.html"
        )),
        "{}",
        server.stderr()
    );
    assert_eq!(
        mtime(&site, &format!("dist/en/{SHIPPED_PAGE}.html")),
        en_before
    );
    assert_eq!(
        mtime(&site, &format!("dist/ja/{SHIPPED_PAGE}.html")),
        ja_before
    );
    assert!(
        site.read(&format!("dist/ko/{SHIPPED_PAGE}.txt"))
            .contains("북한의 인권")
    );

    // The source's layout strings are every edition's fallback: all editions of every
    // page are re-rendered in place, and the output is what a fresh build writes.
    let done = server.rebuilds();
    let en_site = site.read("locales/en/site.ftl");
    site.write(
        "locales/en/site.ftl",
        &en_site.replace(
            "site-tagline = Diplomacy in Action",
            "site-tagline = Diplomacy at Work",
        ),
    );
    server.wait_for(
        &format!("/en/{SHIPPED_PAGE}.html"),
        "the layout edit",
        |b| b.contains("Diplomacy at Work"),
    );
    server.wait_rebuilds(done);
    assert!(
        server.stderr().contains("re-rendered 9 page editions"),
        "{}",
        server.stderr()
    );
    assert_same_as_a_fresh_build(&site, "fresh-1");

    // A source edit makes translations outdated, so editions are no longer complete
    // (every language menu of the page changes): every edition of the page is
    // re-rendered in place, and the output is still what a fresh build writes.
    let done = server.rebuilds();
    let page = format!("content/{SHIPPED_PAGE}.md");
    site.write(
        &page,
        &site
            .read(&page)
            .replace("# Human Rights", "# Human Rights Today"),
    );
    server.wait_for(
        &format!("/ja/{SHIPPED_PAGE}.html"),
        "the source edit",
        |b| b.contains("Human Rights Today"),
    );
    server.wait_rebuilds(done);
    let last = server
        .stderr()
        .lines()
        .rfind(|l| l.starts_with("built everything") || l.starts_with("re-rendered "))
        .unwrap_or_default()
        .to_string();
    assert!(last.starts_with("re-rendered 9 page editions"), "{last}");
    assert_same_as_a_fresh_build(&site, "fresh-2");
}

fn assert_same_as_a_fresh_build(site: &Site, out: &str) {
    site.run(&["build", "--out", out]).ok();
    let served = site.tree("dist");
    let fresh = site.tree(out);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&fresh));
    for ((name, a), (_, b)) in served.iter().zip(&fresh) {
        assert!(a == b, "{name} differs from a fresh build's");
    }
}

#[test]
fn serve_shows_diagnostics_instead_of_stopping() {
    let site = owl_site();
    site.write("locales/fr/owls.ftl", "owls = Hiboux\n");
    let mut server = Server::start(&site);
    assert!(
        server
            .get("/fr/owls.html")
            .body
            .contains(r#"<h1 id="owls">Hiboux</h1>"#)
    );

    // A broken translation: its edition shows lint's errors at the top, in the response only.
    site.write("locales/fr/owls.ftl", "owls = Hiboux {\n");
    let (body, _) = server.wait_for("/fr/owls.html", "the syntax error", |b| {
        b.contains("fluentpress-diagnostics")
    });
    let alert_at = body
        .find(r#"<div role="alert" class="fluentpress-diagnostics""#)
        .unwrap();
    assert_eq!(&body[alert_at - "<body>".len()..alert_at], "<body>");
    assert!(body.contains("locales/fr/owls.ftl:1:"), "{body}");
    assert!(body.contains("[syntax-error]"), "{body}");
    assert!(
        !site
            .read("dist/fr/owls.html")
            .contains("fluentpress-diagnostics"),
        "not in the file"
    );
    assert!(
        !server
            .get("/en/owls.html")
            .body
            .contains("fluentpress-diagnostics"),
        "other editions are fine"
    );
    assert!(
        server
            .stderr()
            .contains("error[syntax-error]: locales/fr/owls.ftl:1:"),
        "{}",
        server.stderr()
    );

    // Diagnostics are escaped.
    site.write("locales/fr/owls.ftl", "owls = <script>alert(1)</script>\n");
    let (body, _) = server.wait_for("/fr/owls.html", "the raw-html error", |b| {
        b.contains("[raw-html]")
    });
    assert!(!body.contains("<script>alert"), "{body}");

    // A page that cannot even be read: the last good output is served, with the error.
    site.write_bytes(
        "content/owls.md",
        b"+++\ntitle = \"Owls\"\ndescription = \"x\"\n+++\n\n\xff broken\n",
    );
    let (body, _) = server.wait_for("/en/owls.html", "the load error", |b| {
        b.contains("could not be built")
    });
    assert!(body.contains("content/owls.md:6:1"), "{body}");
    assert!(body.contains("Owls hunt at night."), "the last good output");
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server is still running"
    );

    // Fixed: everything is built again, and the errors are gone.
    site.write("content/owls.md", OWLS);
    site.write("locales/fr/owls.ftl", "owls = Les hiboux\n");
    let (body, _) = server.wait_for("/fr/owls.html", "the recovery", |b| {
        b.contains("Les hiboux") && !b.contains("fluentpress-diagnostics")
    });
    assert!(body.contains("Owls hunt at night."), "{body}");
    server.wait_for("/en/owls.html", "the recovery", |b| {
        !b.contains("fluentpress-diagnostics")
    });

    // A source edit without `extract`: the reference is stale, which the source
    // edition's pages say (and only those).
    site.write(
        "content/owls.md",
        &OWLS.replace("Owls hunt", "Most owls hunt"),
    );
    // (The watcher may first see the file half written, truncated by the write: wait
    // for the page with the new text.)
    let (body, _) = server.wait_for("/en/owls.html", "the stale reference", |b| {
        b.contains("[stale-reference]") && b.contains("Most owls hunt")
    });
    assert!(body.contains("Most owls hunt"), "{body}");
    let fr = server.get("/fr/owls.html").body;
    assert!(
        fr.contains("Most owls hunt") && !fr.contains("fluentpress-diagnostics"),
        "{fr}"
    );
    assert!(server.child.try_wait().unwrap().is_none());
}

#[test]
fn serve_refuses_a_directory_it_did_not_create() {
    let site = owl_site();
    site.write("dist/precious.txt", "keep me");
    let run = site.run(&["serve", "--port", "0"]).code(2).no_panic();
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert_eq!(site.read("dist/precious.txt"), "keep me");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn builds_while_serve_runs_lose_nothing() {
    let site = Site::shipped();
    let server = Server::start(&site);
    let page = format!("/fr/{SHIPPED_PAGE}.html");
    assert!(server.get(&page).body.contains("Corée du Nord"));
    let done = server.rebuilds();
    // Builds started together with an edit that serve applies in place.
    let builds: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_fluentpress"))
                .args(["build", "-q"])
                .current_dir(site.path())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    append_to_french_title(&site, " (révisé)");
    for build in builds {
        let out = build.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    server.wait_rebuilds(done);
    server.wait_for(&page, "the edit", |body| body.contains("(révisé)"));
    assert!(site.exists("dist/.fluentpress-output"));
    let stray: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dist.fluentpress-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // The output is whole: a later build, and serve's next edit, still work.
    site.run(&["build", "-q"]).ok();
    assert!(
        site.read(&format!("dist/fr/{SHIPPED_PAGE}.html"))
            .contains("(révisé)")
    );
}

#[test]
fn serve_watches_by_polling_when_asked() {
    let site = Site::shipped();
    let server = Server::start_with(&site, &["--poll"]);
    let page = format!("/fr/{SHIPPED_PAGE}.html");
    let done = server.rebuilds();
    append_to_french_title(&site, " (sondé)");
    server.wait_rebuilds(done);
    server.wait_for(&page, "the edit", |body| body.contains("(sondé)"));
}

/// A translator's edit: `suffix` appended to the French page's title.
fn append_to_french_title(site: &Site, suffix: &str) {
    let ftl = format!("locales/fr/{SHIPPED_PAGE}.ftl");
    let text = site.read(&ftl);
    let line = text
        .lines()
        .find(|l| l.starts_with("page-title = "))
        .unwrap()
        .to_string();
    site.write(&ftl, &text.replace(&line, &format!("{line}{suffix}")));
}

/// import and sync write Fluent escapes only where Fluent needs them: a line of
/// Markdown that starts with `**` or `*` (bold, emphasis) is never cut by `{"*"}`, and
/// what they write reads back as the text it was.
#[test]
fn import_and_sync_never_cut_markup_with_escapes() {
    let site = Site::empty();
    site.run(&["init", "-q"]).ok();
    site.write(
        "content/team.md",
        "+++\ntitle = \"Team\"\ndescription = \"About.\"\n+++\n\n# Team\n\n**120 volunteers** in\n*many* places\n[wrote](https://example.org/) it.\n\n**120 volunteers** work here.\n",
    );
    site.run(&["extract", "-q"]).ok();
    site.write(
        "ko/team.md",
        "+++\ntitle = \"팀\"\ndescription = \"소개.\"\n+++\n\n# 팀\n\n**120명의 자원봉사자**가\n*여러* 곳에서\n[썼습니다](https://example.org/).\n\n**120명의 자원봉사자**가 일합니다.\n",
    );
    site.run(&["import", "--locale", "ko", "ko"]).ok();
    site.run(&["new-locale", "fr"]).ok();
    site.run(&["sync"]).ok();
    for file in [
        "locales/en/team.ftl",
        "locales/ko/team.ftl",
        "locales/fr/team.ftl",
    ] {
        let text = site.read(file);
        for escape in ["{\"*\"}", "{\"[\"}", "{\".\"}"] {
            assert!(!text.contains(escape), "{file} has {escape}:\n{text}");
        }
        assert!(text.contains("**120"), "{file}:\n{text}");
    }
    // What was written reads back: every Korean passage of the page is translated.
    let run = site
        .run(&["status", "--format", "json", "--locale", "ko"])
        .ok();
    let status: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let team = status["locales"][0]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["page"] == "team")
        .unwrap()
        .clone();
    assert_eq!(team["translated"], team["total"], "{team}");
    assert_eq!(team["rejected"], 0, "{team}");
    site.run(&["lint", "--locale", "ko"]).ok();
}
