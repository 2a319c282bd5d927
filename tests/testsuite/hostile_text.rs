//! Hostile text in a copy of the shipped site: translations (and authors' files) that
//! try to point readers elsewhere, crash a command with deep nesting, or smuggle
//! control characters to a page or a terminal. Each test reproduces an attack of
//! issue 26 and checks what fluentpress does instead.

use super::support::*;
use serde_json::Value;

const PAGE_SOURCE: &str = "content/north-korea-human-rights.md";
const FR_PAGE: &str = "locales/fr/north-korea-human-rights.ftl";
const FR_HTML: &str = "dist/fr/north-korea-human-rights.html";

/// Replaces the first `from` in the site's file `rel` (which must hold it).
#[track_caller]
fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

/// The 1-based line of `rel` that holds `needle`.
#[track_caller]
fn line_with(site: &Site, rel: &str, needle: &str) -> u64 {
    let text = site.read(rel);
    let n = text.lines().position(|l| l.contains(needle));
    n.unwrap_or_else(|| panic!("no line with {needle:?} in {rel}")) as u64 + 1
}

/// The findings of `code` in a lint report, as (file, line, locale).
fn findings(report: &Value, code: &str) -> Vec<(String, u64, String)> {
    with_code(report, code)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["locale"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

// ---- Localizable link patterns mean what they say ----

/// The shipped site with the UN refugee agency's site localizable, and the French
/// translation pointing its link at `target`.
fn refugee_link_pointed_at(target: &str) -> Site {
    let site = Site::shipped();
    site.write(
        "fluentpress.toml",
        "[links]\nlocalizable = [\"https://*.unhcr.org/\"]\n",
    );
    edit(
        &site,
        FR_PAGE,
        "(https://www.unhcr.org/)",
        &format!("({target})"),
    );
    site
}

#[test]
fn a_localizable_pattern_lets_a_translation_point_within_it() {
    let site = refugee_link_pointed_at("https://fr.unhcr.org/asile");
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(with_code(&report, "link-mismatch").is_empty(), "{report:#}");
    site.run(&["build"]).ok();
    assert!(
        site.read(FR_HTML)
            .contains("href=\"https://fr.unhcr.org/asile\"")
    );
}

#[test]
fn a_star_in_a_host_never_matches_a_query_fragment_or_user_name() {
    // Each host is evil.example: a star matching `?`, `#` or `@` let them all through.
    for evil in [
        "https://evil.example?.unhcr.org/",
        "https://evil.example#.unhcr.org/",
        "https://www.unhcr.org@evil.example#.unhcr.org/",
        "https://evil.example\\.unhcr.org/",
        "https://evil.example:443@www.unhcr.org/",
        "https://www.unhcr.org:8443/",
    ] {
        let site = refugee_link_pointed_at(evil);
        let (code, report) = site.lint_json(&["--locale", "fr"]);
        assert_eq!(code, 1, "{evil}: {report:#}");
        let line = line_with(&site, FR_PAGE, evil);
        assert_eq!(
            findings(&report, "link-mismatch"),
            [(FR_PAGE.to_string(), line, "fr".to_string())],
            "{evil}"
        );
        site.run(&["build"]).ok();
        let html = site.read(FR_HTML);
        assert!(!html.contains("evil.example"), "{evil} reached the page");
        assert!(html.contains("href=\"https://www.unhcr.org/\""), "{evil}");
    }
}

#[test]
fn a_link_that_becomes_an_image_is_a_link_mismatch_and_the_source_is_shown() {
    // An image is fetched by every reader's browser: a tracking pixel on the page.
    let site = Site::shipped();
    edit(&site, FR_PAGE, "[Haut-Commissariat", "![Haut-Commissariat");
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1, "{report:#}");
    let line = line_with(&site, FR_PAGE, "![Haut-Commissariat");
    assert_eq!(
        findings(&report, "link-mismatch"),
        [(FR_PAGE.to_string(), line, "fr".to_string())],
        "{report:#}"
    );
    let message = with_code(&report, "link-mismatch")[0]["message"]
        .as_str()
        .unwrap();
    assert!(
        message.contains("the link `https://www.unhcr.org/`")
            && message.contains("the image `https://www.unhcr.org/`"),
        "{message}"
    );
    site.run(&["build"]).ok();
    let html = site.read(FR_HTML);
    assert!(!html.contains("src=\"https://www.unhcr.org/\""), "{html}");
    assert!(html.contains("<p lang=\"en\">The United States remains committed"));
}

#[test]
fn an_image_that_becomes_a_link_is_a_link_mismatch() {
    let site = Site::shipped();
    site.write(
        "content/owl.md",
        "+++\ntitle = \"Owl\"\ndescription = \"An owl.\"\n+++\n\nSee ![an owl](owl.png) here.\n",
    );
    site.write_bytes("content/owl.png", b"\x89PNG\r\n");
    site.run(&["extract"]).ok();
    let reference = as_translation(&site.read("locales/en/owl.ftl"));
    site.write(
        "locales/fr/owl.ftl",
        &reference
            .replace(
                "See ![an owl](owl.png) here.",
                "Voir [un hibou](owl.png) ici.",
            )
            .replace("= Owl", "= Hibou")
            .replace("= An owl.", "= Un hibou."),
    );
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(with_code(&report, "link-mismatch").len(), 1, "{report:#}");
}

/// A translator's copy of a reference file: each message's comment records the hash it
/// translates (`# fluentpress: source HASH`), not the reference's own line, which a
/// translation copies only by accident (and then counts as outdated).
fn as_translation(reference: &str) -> String {
    reference
        .lines()
        .filter(|l| !l.starts_with("###"))
        .map(|l| match l.strip_prefix("# fluentpress: ") {
            Some(rest) if rest.contains("; source ") => {
                format!(
                    "# fluentpress: source {}",
                    rest.rsplit("; source ").next().unwrap_or("")
                )
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

// ---- Bounded nesting everywhere ----

/// About 11,000 nested `{` (11 KB) overflowed the Fluent parser's stack in every command.
fn deep_braces() -> String {
    format!("deep = {}\n", "{".repeat(11_000))
}

/// What a command printed, both streams.
fn said(run: &Run) -> String {
    format!("{}{}", run.stdout, run.stderr)
}

/// Runs `args` and checks that it ended by itself with `code` (not killed by a stack
/// overflow, exit 134) and named `file:line:column`.
#[track_caller]
fn ends_naming(site: &Site, args: &[&str], code: i32, place: &str) {
    let run = site.run(args).no_panic();
    assert!(!said(&run).contains("overflow"), "{args:?}: {}", said(&run));
    assert_eq!(run.code, code, "{args:?}: {}", said(&run));
    assert!(
        said(&run).contains(place),
        "{args:?} does not name {place}:\n{}",
        said(&run)
    );
}

#[test]
fn deeply_nested_braces_in_a_translation_crash_no_command() {
    let site = Site::shipped();
    let text = site.read(FR_PAGE);
    site.write(FR_PAGE, &format!("{text}\n{}", deep_braces()));
    let line = line_with(&site, FR_PAGE, "deep = ");
    // The 101st brace, after `deep = ` and 100 braces.
    let place = format!("{FR_PAGE}:{line}:108");
    ends_naming(&site, &["lint"], 1, &place);
    // A build shows lint's errors and the source text; `--strict` fails on them.
    ends_naming(&site, &["build"], 0, &place);
    ends_naming(&site, &["build", "--strict"], 1, &place);
    // The whole file is unread: status counts it missing and says why.
    ends_naming(&site, &["status"], 1, &place);
    ends_naming(&site, &["status", "--format", "json"], 1, &place);
    // sync leaves it as it is: its messages are unread, not missing.
    ends_naming(&site, &["sync", "--check"], 1, &place);
    ends_naming(&site, &["sync"], 1, &place);
    assert_eq!(site.read(FR_PAGE), format!("{text}\n{}", deep_braces()));
    ends_naming(&site, &["extract"], 0, &place);

    let (_, report) = site.lint_json(&[]);
    let errors = with_code(&report, "syntax-error");
    assert_eq!(errors.len(), 1, "{report:#}");
    assert_eq!(errors[0]["locale"], "fr");
    assert_eq!(errors[0]["column"], 108);
    // Nothing of the file is shown: the French page shows the English text.
    let html = site.read(FR_HTML);
    assert!(html.contains("<p lang=\"en\">The United States remains committed"));
}

#[test]
fn deeply_nested_calls_and_layout_files_crash_no_command() {
    let site = Site::shipped();
    // Calls nest without braces: F(F(F(…))) inside one placeable.
    let calls = format!(
        "site-name = {{ {}$x{} }}\n",
        "F(".repeat(11_000),
        ")".repeat(11_000)
    );
    let site_ftl = "locales/fr/site.ftl";
    let text = site.read(site_ftl);
    site.write(site_ftl, &format!("{text}{calls}"));
    let line = line_with(&site, site_ftl, "F(F(");
    // The 101st level: the placeable (column 13) and 100 calls, whose `(` are at
    // columns 16, 18, … 16 + 2 × 99.
    let place = format!("{site_ftl}:{line}:214");
    ends_naming(&site, &["lint"], 1, &place);
    ends_naming(&site, &["build", "--strict"], 1, &place);
    ends_naming(&site, &["sync"], 1, &place);
    assert_eq!(site.read(site_ftl), format!("{text}{calls}"));
    site.run(&["status"]).no_panic();
}

#[test]
fn a_deeply_nested_reference_file_is_not_rewritten() {
    let site = Site::shipped();
    let reference = "locales/en/north-korea-human-rights.ftl";
    let text = site.read(reference);
    site.write(reference, &format!("{text}\n{}", deep_braces()));
    let line = line_with(&site, reference, "deep = ");
    let place = format!("{reference}:{line}:108");
    // extract cannot keep the page's ids from a file it cannot read: it says so and
    // writes nothing.
    ends_naming(&site, &["extract"], 2, &place);
    ends_naming(&site, &["extract", "--check"], 2, &place);
    assert!(site.read(reference).ends_with(&deep_braces()));
    ends_naming(&site, &["lint"], 1, &place);
    ends_naming(&site, &["build", "--strict"], 1, &place);
    site.run(&["sync"]).no_panic();
}

#[test]
fn escaped_braces_and_nesting_up_to_the_limit_are_read() {
    let site = Site::shipped();
    // `{"{"}` (how the writer escapes a brace) is one level; a hundred levels are fine.
    let inner = format!("{}\"x\"{}", "{ ".repeat(99), " }".repeat(99));
    edit(
        &site,
        FR_PAGE,
        "Les États-Unis restent déterminés",
        &format!("Les {{\"{{\"}}États{{\"}}\"}}-Unis {{ {inner} }} restent déterminés"),
    );
    let (_, report) = site.lint_json(&["--locale", "fr"]);
    assert!(with_code(&report, "syntax-error").is_empty(), "{report:#}");
    site.run(&["build"]).ok();
    assert!(
        site.read(FR_HTML)
            .contains("Les {États}-Unis x restent déterminés")
    );
}

/// A running `fluentpress serve --port 0`, killed when dropped.
struct Serve {
    child: std::process::Child,
    port: u16,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    fn start(site: &Site) -> Serve {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fluentpress"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&stderr);
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut url = String::new();
        out.read_line(&mut url).unwrap();
        std::thread::spawn(move || for _ in out.lines() {});
        let port = url
            .trim()
            .strip_prefix("http://127.0.0.1:")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no URL: {url:?}"));
        Serve {
            child,
            port,
            stderr,
        }
    }

    fn get(&self, path: &str) -> String {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut body = Vec::new();
        let _ = stream.read_to_end(&mut body);
        String::from_utf8_lossy(&body).into_owned()
    }

    /// Waits (20 s at most) until `done` holds for the server's stderr.
    #[track_caller]
    fn wait_stderr(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let text = self.stderr.lock().unwrap().clone();
            if done(&text) {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("serve ended ({status}) before {what}:\n{text}");
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no {what} within 20 s:\n{text}"
            );
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }
}

#[test]
fn serve_survives_a_deeply_nested_translation_saved_while_it_runs() {
    let site = Site::shipped();
    let mut server = Serve::start(&site);
    assert!(
        server
            .get("/fr/north-korea-human-rights.html")
            .contains("restent déterminés")
    );
    let text = site.read(FR_PAGE);
    site.write(FR_PAGE, &format!("{text}\n{}", deep_braces()));
    let line = line_with(&site, FR_PAGE, "deep = ");
    let place = format!("{FR_PAGE}:{line}:108");
    server.wait_stderr("the syntax error", |e| e.contains(&place));
    // Still running, and the page says why it shows the English text.
    assert!(server.child.try_wait().unwrap().is_none());
    let page = server.get("/fr/north-korea-human-rights.html");
    assert!(
        page.contains("[syntax-error]") && page.contains(&place),
        "{page}"
    );
    assert!(page.contains("<p lang=\"en\">The United States remains committed"));
}

#[test]
fn deeply_nested_markdown_in_a_translation_and_a_page_crash_nothing() {
    let site = Site::shipped();
    // Emphasis, images in alt texts and brackets tens of thousands deep in a translation.
    let deep = format!(
        "{}x{} {}x{} {}x{}",
        "*".repeat(30_000),
        "*".repeat(30_000),
        "![".repeat(10_000),
        "](a.png)".repeat(10_000),
        "[".repeat(30_000),
        "]".repeat(30_000)
    );
    edit(
        &site,
        FR_PAGE,
        "Les États-Unis restent déterminés",
        &format!("{deep} Les États-Unis restent déterminés"),
    );
    // And a page of quotations in list items in quotations …, 10,000 deep.
    let nested: String = (0..10_000)
        .map(|i| if i % 2 == 0 { "> " } else { "- " })
        .collect();
    site.write(
        "content/deep.md",
        &format!(
            "+++\ntitle = \"Deep\"\ndescription = \"D\"\n+++\n\n{nested}deep *{}x{}*\n",
            "_".repeat(20_000),
            "_".repeat(20_000)
        ),
    );
    site.run(&["extract"]).ok();
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1);
    assert_eq!(with_code(&report, "link-mismatch").len(), 1, "{report:#}");
    site.run(&["build"]).ok();
    // Containers deeper than the limit are flattened into their parent; the text stays.
    let html = site.read("dist/en/deep.html");
    assert!(html.contains("deep"));
    assert!(
        html.matches("<blockquote>").count() <= 24,
        "{}",
        html.matches("<blockquote>").count()
    );
    assert!(html.matches("<em>").count() + html.matches("<strong>").count() <= 25);
    site.run(&["status"]).ok();
}

#[test]
fn deeply_nested_front_matter_is_a_front_matter_error() {
    let site = Site::shipped();
    site.write(
        "content/yaml.md",
        &format!(
            "---\ntitle: T\ndescription: D\ntags: {}{}\n---\n\nBody.\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    );
    site.write(
        "content/toml.md",
        &format!(
            "+++\ntitle = \"T\"\ndescription = \"D\"\ntags = {}{}\n+++\n\nBody.\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    let mut files: Vec<(String, u64)> = with_code(&report, "front-matter")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ("content/toml.md".to_string(), 4),
            ("content/yaml.md".to_string(), 4)
        ],
        "{report:#}"
    );
    // YAML's scanner is quadratic in flow nesting (50,000 `[` took 8 s before its own
    // recursion limit applied): such a block is refused before it is parsed, at the
    // bracket past the limit.
    let yaml = with_code(&report, "front-matter")
        .into_iter()
        .find(|d| d["file"] == "content/yaml.md")
        .unwrap();
    assert!(
        yaml["message"]
            .as_str()
            .unwrap()
            .contains("more than 256 `[` and `{`"),
        "{yaml}"
    );
    assert_eq!(yaml["column"], 7 + 256);
    // The build stops before it starts, naming them (a page it cannot read).
    let run = site.run(&["build"]).no_panic();
    assert!(said(&run).contains("content/yaml.md:4:"), "{}", said(&run));
}

// ---- Text is text ----

/// Every character that is not text: the controls but tab and line feed, and the
/// noncharacters.
fn is_not_text(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || (c as u32) & 0xfffe == 0xfffe
}

/// Every file under `dist/` that holds a character that is not text, with the first.
fn dist_files_with_controls(site: &Site) -> Vec<(String, char)> {
    site.tree("dist")
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".txt"))
        .filter_map(|(path, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            text.chars().find(|&c| is_not_text(c)).map(|c| (path, c))
        })
        .collect()
}

/// The parse errors a WHATWG tokenizer reports for `html` (controls and noncharacters
/// in the input stream are some).
fn html_parse_errors(html: &str) -> Vec<String> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut errors = Vec::new();
    for token in Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span()) {
        if let Ok(Token::Error(e)) = token {
            errors.push(format!("{:?}", e.value));
        }
    }
    errors
}

#[test]
fn the_checker_sees_control_characters() {
    assert!(!html_parse_errors("<!DOCTYPE html><p>a\u{1b}b</p>").is_empty());
    assert!(!html_parse_errors("<!DOCTYPE html><p>a\u{fffe}b</p>").is_empty());
    assert!(html_parse_errors("<!DOCTYPE html><p>a\u{fffd}b</p>").is_empty());
}

#[test]
fn control_characters_in_a_translation_are_invalid_and_the_source_is_shown() {
    // Typed into the file, and written as Fluent escapes, which format to the same.
    for (attack, shown) in [
        ("\u{1b}]0;pwned\u{7}\u{1b}[31m", "U+001B"),
        ("{\"\\u001B\"}[2J{\"\\u0007\"}", "U+001B"),
        ("\u{0}", "U+0000"),
        ("\u{9b}31m", "U+009B"),
        ("\u{7f}", "U+007F"),
        ("\r", "U+000D"),
        ("\u{fffe}", "U+FFFE"),
        ("{\"\\U10FFFF\"}", "U+10FFFF"),
        ("\u{fdd0}", "U+FDD0"),
    ] {
        let site = Site::shipped();
        edit(
            &site,
            FR_PAGE,
            "Les États-Unis restent déterminés",
            &format!("Les États{attack}-Unis restent déterminés"),
        );
        let (code, report) = site.lint_json(&["--locale", "fr"]);
        assert_eq!(code, 1, "{attack:?}: {report:#}");
        let line = line_with(&site, FR_PAGE, &format!("Les États{attack}"));
        assert_eq!(
            findings(&report, "invalid-character"),
            [(FR_PAGE.to_string(), line, "fr".to_string())],
            "{attack:?}"
        );
        let message = with_code(&report, "invalid-character")[0]["message"]
            .as_str()
            .unwrap();
        assert!(message.contains(shown), "{message}");
        site.run(&["build"]).ok();
        assert!(
            site.read(FR_HTML)
                .contains("<p lang=\"en\">The United States remains committed")
        );
        assert_eq!(dist_files_with_controls(&site), [], "{attack:?}");
        assert_eq!(html_parse_errors(&site.read(FR_HTML)), Vec::<String>::new());
        let text = site.read("dist/fr/north-korea-human-rights.txt");
        assert!(
            text.contains("The United States remains committed"),
            "{attack:?}"
        );
    }
}

#[test]
fn control_characters_in_layout_strings_are_invalid_and_the_source_is_shown() {
    let site = Site::shipped();
    let site_ftl = "locales/fr/site.ftl";
    edit(
        &site,
        site_ftl,
        "site-tagline = La diplomatie en action",
        "site-tagline = La diplomatie\u{7}\u{1b}[5m en action",
    );
    edit(
        &site,
        site_ftl,
        "language-name = Français",
        "language-name = Fran{\"\\u001B\"}çais",
    );
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1, "{report:#}");
    let mut found = findings(&report, "invalid-character");
    found.sort();
    let tagline = line_with(&site, site_ftl, "site-tagline =");
    let name = line_with(&site, site_ftl, "language-name =");
    let mut want = vec![
        (site_ftl.to_string(), name, "fr".to_string()),
        (site_ftl.to_string(), tagline, "fr".to_string()),
    ];
    want.sort();
    assert_eq!(found, want, "{report:#}");
    site.run(&["build"]).ok();
    let html = site.read(FR_HTML);
    assert!(
        html.contains("<span lang=\"en\">Diplomacy in Action</span>"),
        "{html}"
    );
    assert!(!html.contains("diplomatie"));
    // The language's name falls back to its name in itself.
    assert!(
        html.contains(">français<") || html.contains(">Français<"),
        "{html}"
    );
    assert_eq!(dist_files_with_controls(&site), []);
}

#[test]
fn an_authors_control_characters_never_reach_a_page_raw() {
    let site = Site::shipped();
    edit(
        &site,
        PAGE_SOURCE,
        "The United States remains committed",
        "The United\u{1b}[31m States\u{7} remains &#7;&#x9B;committed\u{85}",
    );
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    assert_eq!(dist_files_with_controls(&site), []);
    let html = site.read("dist/en/north-korea-human-rights.html");
    assert!(
        html.contains(
            "The United\u{fffd}[31m States\u{fffd} remains \u{fffd}\u{fffd}committed\u{fffd}"
        ),
        "{html}"
    );
    assert_eq!(html_parse_errors(&html), Vec::<String>::new());
    let text = site.read("dist/en/north-korea-human-rights.txt");
    assert!(text.contains("States\u{fffd}"), "{text}");
}

#[test]
fn terminal_and_github_output_spell_control_characters_out() {
    let site = Site::shipped();
    // A line the Fluent parser cannot read, quoted in the snippet, and a translation
    // whose message quotes it (raw HTML).
    let text = site.read(FR_PAGE);
    site.write(
        FR_PAGE,
        &format!("{text}\nbroken \u{1b}]0;pwned\u{7} = {{\n"),
    );
    edit(
        &site,
        FR_PAGE,
        "Les États-Unis restent déterminés",
        "<b>\u{1b}[2J\u{7}</b> Les États-Unis restent déterminés",
    );
    for format in [&["lint"][..], &["lint", "--format", "github"], &["build"]] {
        let run = site.run(format).no_panic();
        let out = said(&run);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format:?}:\n{out}"
        );
        assert!(out.contains("\\u{1b}"), "{format:?}:\n{out}");
    }
    // import's report quotes what it read from the folder: a file's name here.
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("evil\u{1b}]0;pwned\u{7}.md"),
        "+++\ntitle = \"x\"\n+++\n\nHallo.\n",
    )
    .unwrap();
    let dir = folder.path().to_str().unwrap();
    let run = site
        .run(&["import", "--locale", "de", "--dry-run", dir])
        .ok();
    assert!(
        !run.stdout.contains('\u{1b}') && run.stdout.contains("evil\\u{1b}]0;pwned\\u{7}.md"),
        "{}",
        run.stdout
    );
    let github = site.run(&["lint", "--format", "github"]).stdout;
    assert!(github.lines().all(|l| l.starts_with("::")), "{github}");
    // JSON keeps the text as it is, escaped as JSON escapes it.
    let json = site.run(&["lint", "--format", "json"]).stdout;
    assert!(
        !json.contains('\u{1b}') && json.contains("\\u001b"),
        "{json}"
    );
}

// ---- Unknown functions and variables are reported ----

#[test]
fn unknown_functions_are_reported_and_the_source_is_shown() {
    let site = Site::shipped();
    let site_ftl = "locales/fr/site.ftl";
    edit(
        &site,
        site_ftl,
        "site-tagline = La diplomatie en action",
        "site-tagline = La diplomatie { EVIL() }",
    );
    edit(
        &site,
        FR_PAGE,
        "Les États-Unis restent déterminés",
        "Les États-Unis { DATETIME($d) } restent déterminés",
    );
    // A term that calls one breaks the messages that use it.
    let text = site.read(FR_PAGE);
    site.write(FR_PAGE, &format!("{text}\n-brand = {{ EVIL(\"x\") }}\n"));
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1, "{report:#}");
    let mut found = findings(&report, "unknown-function");
    found.sort();
    let mut want = vec![
        (
            site_ftl.to_string(),
            line_with(&site, site_ftl, "EVIL()"),
            "fr".to_string(),
        ),
        (
            FR_PAGE.to_string(),
            line_with(&site, FR_PAGE, "DATETIME"),
            "fr".to_string(),
        ),
        (
            FR_PAGE.to_string(),
            line_with(&site, FR_PAGE, "-brand ="),
            "fr".to_string(),
        ),
    ];
    want.sort();
    assert_eq!(found, want, "{report:#}");
    site.run(&["build"]).ok();
    let html = site.read(FR_HTML);
    assert!(
        html.contains("<span lang=\"en\">Diplomacy in Action</span>"),
        "{html}"
    );
    assert!(html.contains("<p lang=\"en\">The United States remains committed"));
}

#[test]
fn unknown_variables_in_any_site_ftl_are_reported() {
    let site = Site::shipped();
    // The source locale's own site.ftl: a variable the layout never passes.
    edit(
        &site,
        "locales/en/site.ftl",
        "site-name = U.S. Department of State",
        "site-name = U.S. Department of State { $evil }",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1, "{report:#}");
    let line = line_with(&site, "locales/en/site.ftl", "{ $evil }");
    assert_eq!(
        findings(&report, "unknown-variable"),
        [("locales/en/site.ftl".to_string(), line, "en".to_string())],
        "{report:#}"
    );
    // Without a site.ftl in the source locale, a translation's is still checked against
    // what the layout passes.
    site.remove("locales/en/site.ftl");
    edit(
        &site,
        "locales/fr/site.ftl",
        "skip-link = Aller au contenu principal",
        "skip-link = Aller au { $count } contenu",
    );
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1, "{report:#}");
    let line = line_with(&site, "locales/fr/site.ftl", "skip-link =");
    assert_eq!(
        findings(&report, "unknown-variable"),
        [("locales/fr/site.ftl".to_string(), line, "fr".to_string())],
        "{report:#}"
    );
    // The variables the layout does pass are fine.
    let (_, report) = site.lint_json(&[]);
    let fallback = line_with(&site, "locales/fr/site.ftl", "fallback-notice");
    assert!(
        !findings(&report, "unknown-variable")
            .iter()
            .any(|(_, l, _)| *l >= fallback && *l < fallback + 4),
        "{report:#}"
    );
}

// ---- Footnote ids are unique ----

/// Every `id="…"` of a page, and every `href="#…"`.
fn ids_and_local_links(html: &str) -> (Vec<String>, Vec<String>) {
    let grab = |prefix: &str| -> Vec<String> {
        html.match_indices(prefix)
            .map(|(i, _)| {
                let rest = &html[i + prefix.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    };
    (grab(" id=\""), grab("href=\"#"))
}

#[test]
fn a_footnote_referenced_twice_gives_each_reference_its_own_id() {
    let site = Site::shipped();
    site.write(
        "content/notes.md",
        "+++\ntitle = \"Notes\"\ndescription = \"D\"\n+++\n\nOnce[^1] and twice.[^1]\n\nAnother note.[^1-2]\n\n[^1]: The note.\n[^1-2]: A label that looks like a second reference.\n",
    );
    site.run(&["extract"]).ok();
    // The translation refers to the note three times.
    let reference = as_translation(&site.read("locales/en/notes.ftl"));
    site.write(
        "locales/fr/notes.ftl",
        &reference
            .replace(
                "= Once[^1] and twice.[^1]",
                "= Une fois[^1], deux[^1], trois.[^1]",
            )
            .replace("= Another note.[^1-2]", "= Une autre note.[^1-2]")
            .replace("= The note.", "= La note.")
            .replace(
                "= A label that looks like a second reference.",
                "= Une étiquette trompeuse.",
            )
            .replace("= Notes", "= Les notes")
            .replace("= D", "= Desc"),
    );
    let (_, report) = site.lint_json(&["--locale", "fr"]);
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"] != "error"),
        "{report:#}"
    );
    site.run(&["build"]).ok();
    // References: two (three) to `1` and one to `1-2`.
    for (page, refs) in [("dist/en/notes.html", 3), ("dist/fr/notes.html", 4)] {
        let html = site.read(page);
        let (ids, links) = ids_and_local_links(&html);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{page}: duplicate ids in {ids:?}");
        // Every link on the page leads to an id on it, each reference has a link back.
        for link in &links {
            assert!(ids.contains(link), "{page}: #{link} leads nowhere");
        }
        let ref_ids = ids.iter().filter(|i| i.starts_with("fnref-")).count();
        assert_eq!(ref_ids, refs, "{page}: {ids:?}");
        assert_eq!(
            html.matches("class=\"footnote-back\"").count(),
            refs,
            "{page}"
        );
        // The first reference of each note keeps its plain id.
        assert!(
            ids.contains(&"fnref-1".to_string()) && ids.contains(&"fnref-1-2".to_string()),
            "{ids:?}"
        );
    }
}

// ---- HTML nesting stays valid ----

/// Where a page's elements do not nest as written, as a browser's tree builder would
/// find: an element that closes an open `<p>` (`<div>` in `<p>`: the browser ends the
/// paragraph there and makes an empty one of its `</p>`), an end tag that is not the
/// innermost open element's, an element left open.
fn nesting_errors(html: &str) -> Vec<String> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    const CLOSES_P: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "plaintext",
        "pre",
        "search",
        "section",
        "summary",
        "table",
        "ul",
        "xmp",
    ];
    let mut open: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter) {
        match token {
            Ok(Token::StartTag(tag)) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if CLOSES_P.contains(&name.as_str()) && open.iter().any(|o| o == "p") {
                    errors.push(format!("<{name}> inside <p> (in {open:?})"));
                }
                if !VOID.contains(&name.as_str()) && !tag.self_closing {
                    open.push(name);
                }
            }
            Ok(Token::EndTag(tag)) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                match open.pop() {
                    Some(o) if o == name => {}
                    other => errors.push(format!("</{name}> closes {other:?}")),
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        errors.push(format!("left open: {open:?}"));
    }
    errors
}

#[test]
fn the_nesting_check_sees_a_block_in_a_paragraph() {
    assert_eq!(nesting_errors("<p>a<b>b</b></p>"), Vec::<String>::new());
    assert!(!nesting_errors("<p>a<div>b</div>c</p>").is_empty());
    assert!(!nesting_errors("<p>a<b>b</p></b>").is_empty());
}

#[test]
fn an_authors_block_html_in_a_paragraph_keeps_the_page_valid() {
    let site = Site::shipped();
    edit(
        &site,
        PAGE_SOURCE,
        "The United States remains committed",
        "The United States <div class=\"x\">(a note in a box)</div> remains <b>firmly</b> committed",
    );
    site.write(
        "content/blocks.md",
        "+++\ntitle = \"Blocks\"\ndescription = \"D\"\n+++\n\nText <div>inside</div> more.\n\nOnly <b>inline</b> here.\n\n- an item <div>with a block</div> in it\n\nA stray </p> end tag.\n",
    );
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    for page in [
        "dist/en/north-korea-human-rights.html",
        "dist/fr/north-korea-human-rights.html",
        "dist/en/blocks.html",
        "dist/fr/blocks.html",
    ] {
        let html = site.read(page);
        assert_eq!(nesting_errors(&html), Vec::<String>::new(), "{page}");
        assert_eq!(html_parse_errors(&html), Vec::<String>::new(), "{page}");
    }
    let html = site.read("dist/en/blocks.html");
    // The author's text stays together, in one container; a paragraph of inline HTML
    // only is still a paragraph.
    assert!(
        html.contains("<div class=\"paragraph\">Text <div>inside</div> more.</div>"),
        "{html}"
    );
    assert!(html.contains("<p>Only <b>inline</b> here.</p>"), "{html}");
    let fr = site.read("dist/fr/blocks.html");
    assert!(
        fr.contains("<div class=\"paragraph\" lang=\"en\">Text <div>inside</div> more.</div>"),
        "{fr}"
    );
}
