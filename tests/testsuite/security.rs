//! Hostile translations and bad input: nothing injected, nothing lost, no panics.

use super::support::*;
use fluentpress::internals::config::Config;
use fluentpress::internals::pipeline::{Output, Renderer};
use fluentpress::internals::project::{LAYOUT_MESSAGES, Project};
use fluentpress::internals::render;

use proptest::prelude::*;
use std::collections::BTreeSet;

const SOURCE_PAGE: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at *night*; see [the trust](https://owls.example/).\n\n- An item\n- Another item\n\n| Name | Count |\n|---|---|\n| Barn owl | 3 |\n\n![An owl on a branch](owl.png)\n\nA note.[^n]\n\n[^n]: The note.\n";

/// Tags the renderer writes (and the sanitiser lets through from authored HTML).
const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "a",
    "header",
    "img",
    "span",
    "p",
    "nav",
    "details",
    "summary",
    "ul",
    "ol",
    "li",
    "main",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "code",
    "s",
    "sup",
    "br",
    "blockquote",
    "pre",
    "div",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "section",
    "footer",
];
/// What ammonia's allow-list lets through from HTML authored in content/ (never from translations).
const AUTHORED_TAGS: &[&str] = &[
    "abbr",
    "acronym",
    "area",
    "aside",
    "b",
    "bdi",
    "bdo",
    "center",
    "cite",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "hgroup",
    "i",
    "ins",
    "kbd",
    "map",
    "mark",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "samp",
    "small",
    "strike",
    "sub",
    "summary",
    "time",
    "tt",
    "u",
    "var",
    "wbr",
];
const AUTHORED_ATTRIBUTES: &[&str] = &[
    "cite",
    "colspan",
    "rowspan",
    "headers",
    "span",
    "datetime",
    "open",
    "reversed",
    "shape",
    "coords",
    "align",
    "char",
    "charoff",
    "valign",
    "usemap",
    "summary",
    "abbr",
    "axis",
    "border",
    "cellpadding",
    "cellspacing",
    "frame",
    "rules",
    "height",
    "width",
    "color",
    "face",
    "size",
    "bgcolor",
    "nowrap",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "dir",
    "charset",
    "name",
    "content",
    "rel",
    "href",
    "hreflang",
    "type",
    "title",
    "class",
    "id",
    "tabindex",
    "role",
    "aria-label",
    "aria-current",
    "aria-labelledby",
    "aria-hidden",
    "src",
    "alt",
    "width",
    "height",
    "start",
    "scope",
    "value",
    "translate",
];

/// Attributes whose values are prose a reader sees or hears: the only places outside text
/// where a translation's words may appear.
const PROSE_ATTRIBUTES: &[&str] = &["title", "alt", "content", "aria-label"];
/// Attributes a browser reads as a URL (whether or not the allow-lists admit them).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "codebase",
    "longdesc",
    "usemap",
    "xlink:href",
];

/// What a page may hold besides its structure.
struct Policy<'a> {
    /// Absolute URLs the source links to: the only ones a page may point at.
    urls: &'a BTreeSet<String>,
    /// The source may hold HTML, which the sanitiser's allow-list governs.
    authored: bool,
    /// A word only an untrusted translation contains: it may appear in text and in
    /// `PROSE_ATTRIBUTES` values, never in a tag or attribute name or another value.
    untrusted: Option<&'a str>,
}

/// Checks the structure of rendered HTML: only the renderer's tags and attributes, no
/// script URL, every text node and attribute value with balanced bidi controls.
fn check_html(html: &str, urls: &BTreeSet<String>) -> Result<(), String> {
    check_html_with(
        html,
        &Policy {
            urls,
            authored: false,
            untrusted: None,
        },
    )
}

/// The scheme of a URL as a browser reads it (tabs and newlines removed, leading
/// spaces and controls trimmed, lowercase), if it has one.
fn url_scheme(value: &str) -> Option<String> {
    let url: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .flat_map(char::to_lowercase)
        .collect();
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_string())
}

/// Tokenizes `html` as a browser does (html5gum: the WHATWG tokenizer, switching to
/// RCDATA in `<title>` as the tree builder would) and checks every token. The output
/// must tokenize without a single parse error: maud and ammonia write well-formed HTML,
/// so an error means something reached the page unescaped.
fn check_html_with(html: &str, policy: &Policy) -> Result<(), String> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let string = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let context = |at: usize| {
        let mut start = at.saturating_sub(60);
        while !html.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 60).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        format!("{:?}", &html[start..end])
    };
    let untrusted_in = |s: &str| policy.untrusted.is_some_and(|u| s.contains(u));

    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let token = token.map_err(|e| format!("tokenizer failed: {e:?}"))?;
        match token {
            Token::Error(e) => {
                return Err(format!(
                    "HTML parse error {:?} at {}",
                    e.value,
                    context(e.span.start)
                ));
            }
            Token::Comment(c) => return Err(format!("a comment {:?}", string(&c.value))),
            Token::Doctype(d) => {
                if d.name != b"html"
                    || d.public_identifier.is_some()
                    || d.system_identifier.is_some()
                {
                    return Err(format!("unexpected doctype {d:?}"));
                }
            }
            Token::String(text) => {
                // The source text: every `<` escaped (maud and ammonia escape it), so no
                // text could become a tag in any tokenizer state, RCDATA included.
                let raw = &html[text.span.start..text.span.end];
                if raw.contains('<') {
                    return Err(format!("unescaped `<` in text {raw:?}"));
                }
                // The decoded text: what a reader's browser shows.
                let text = string(&text.value);
                if !fluentpress::internals::bidi::is_balanced(&text) {
                    return Err(format!("unbalanced bidi in text {text:?}"));
                }
            }
            Token::EndTag(tag) => {
                let name = string(&tag.name);
                if !(TAGS.contains(&name.as_str())
                    || policy.authored && AUTHORED_TAGS.contains(&name.as_str()))
                {
                    return Err(format!("unexpected end tag </{name}>"));
                }
            }
            Token::StartTag(tag) => {
                let name = string(&tag.name);
                let raw = &html[tag.span.start..tag.span.end];
                if !(TAGS.contains(&name.as_str())
                    || policy.authored && AUTHORED_TAGS.contains(&name.as_str()))
                {
                    return Err(format!("unexpected tag {raw}"));
                }
                if untrusted_in(&name) {
                    return Err(format!("translated text in a tag name: {raw}"));
                }
                for (attr, value) in &tag.attributes {
                    let attr = string(attr);
                    let value = string(&value.value);
                    if attr.starts_with("on") {
                        return Err(format!("event handler {attr:?} in {raw}"));
                    }
                    if !(ATTRIBUTES.contains(&attr.as_str())
                        || policy.authored && AUTHORED_ATTRIBUTES.contains(&attr.as_str()))
                    {
                        return Err(format!("unexpected attribute {attr:?} in {raw}"));
                    }
                    if untrusted_in(&attr) {
                        return Err(format!("translated text in an attribute name: {raw}"));
                    }
                    if untrusted_in(&value) && !PROSE_ATTRIBUTES.contains(&attr.as_str()) {
                        return Err(format!("translated text in {attr}={value:?}: {raw}"));
                    }
                    if !fluentpress::internals::bidi::is_balanced(&value) {
                        return Err(format!("unbalanced bidi in {attr}={value:?}"));
                    }
                    if URL_ATTRIBUTES.contains(&attr.as_str()) {
                        let lower = value.to_lowercase();
                        let scheme = url_scheme(&value);
                        if lower.contains("javascript:")
                            || lower.contains("vbscript:")
                            || lower.starts_with("data:")
                            || matches!(scheme.as_deref(), Some("javascript" | "vbscript" | "data"))
                        {
                            return Err(format!("script URL {attr}={value:?}"));
                        }
                        // Anything that leaves the site (`https:`, `mailto:`, `//host`) is
                        // a URL the source wrote.
                        let trimmed = value.trim_start_matches(|c: char| c <= ' ');
                        let external = scheme.is_some()
                            || trimmed.starts_with("//")
                            || trimmed.starts_with("\\\\")
                            || trimmed.starts_with("/\\")
                            || trimmed.starts_with("\\/");
                        if external && !policy.urls.contains(&value) {
                            return Err(format!("{attr}={value:?} is not a URL of the source"));
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn render_all(project: &Project) -> Vec<(String, String, String)> {
    let renderer = Renderer::new(project, Some(40));
    let site = renderer.site();
    let every: Vec<_> = project.locale_ids().collect();
    let mut out = Vec::new();
    for p in project.page_ids() {
        for e in renderer
            .render_page(p, &every, Output::Files(&site))
            .editions
        {
            out.push((
                project.locale(e.locale_index).locale.tag.clone(),
                e.html.unwrap(),
                e.text.unwrap(),
            ));
        }
    }
    for (l, layout) in renderer.layouts.iter() {
        let listed = vec![];
        out.push((
            project.locale(l).locale.tag.clone(),
            render::html::edition_index(layout, &site, &listed),
            String::new(),
        ));
    }
    out
}

fn hostile_site(translation: &str, raw_ftl: Option<&str>) -> Project {
    let source = Project::in_memory(Config::default(), &[("owls", SOURCE_PAGE)], &[("en", &[])]);
    let models = source.models().unwrap();
    let page = &models[0];
    let escaped = fluentpress::internals::ftl::escape_pattern(translation);
    let mut page_ftl = String::new();
    for seg in &page.segments {
        page_ftl.push_str(&format!("{} ={escaped}\n", seg.id));
    }
    let mut site_ftl = String::new();
    for id in LAYOUT_MESSAGES {
        site_ftl.push_str(&format!("{id} ={escaped}\n"));
    }
    let page_file = raw_ftl.map(String::from).unwrap_or(page_ftl);
    let ar: Vec<(&str, &str)> = vec![
        ("site.ftl", site_ftl.as_str()),
        ("owls.ftl", page_file.as_str()),
    ];
    let ko: Vec<(&str, &str)> = vec![("site.ftl", raw_ftl.unwrap_or(&site_ftl))];
    Project::in_memory(
        Config::default(),
        &[("owls", SOURCE_PAGE)],
        &[("en", &[]), ("ar", &ar), ("ko", &ko)],
    )
}

fn source_urls() -> BTreeSet<String> {
    ["https://owls.example/".to_string()].into()
}

/// A word that is in no source, layout or attack text.
const UNTRUSTED: &str = "qzxjvw";

fn attack() -> impl Strategy<Value = String> {
    prop_oneof![
        "[<>&\"'a-z \\[\\]()*_`!:/{}$#=;.\u{202E}\u{2066}\u{2069}\u{202C}é한ب\n]{0,60}",
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("[click](javascript:alert(1))".to_string()),
        Just("![x](data:text/html,<script>alert(1)</script>)".to_string()),
        Just("\"><svg onload=alert(1)>".to_string()),
        Just("[the trust](https://evil.example/)".to_string()),
        Just("&lt;b&gt; &#x3C;script&#x3E;".to_string()),
        Just("<a href=\"https://owls.example/\" onclick=\"x()\">t</a>".to_string()),
        Just("\u{202E}nimda\u{2066}".to_string()),
        Just("{ $count } { -brand } { NUMBER($x) }".to_string()),
        Just("[ref]: javascript:alert(1)\n[x][ref]".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_translations_never_become_markup(attack in attack(), marked in any::<bool>()) {
        // Half the cases end the attack with a word no source or layout has, to see
        // where a translation's text lands.
        let translation = if marked { format!("{attack} {UNTRUSTED}") } else { attack };
        let project = hostile_site(&translation, None);
        let urls = source_urls();
        let policy = Policy { urls: &urls, authored: false, untrusted: marked.then_some(UNTRUSTED) };
        let rendered = render_all(&project);
        for (tag, html, text) in &rendered {
            if let Err(e) = check_html_with(html, &policy) {
                return Err(TestCaseError::fail(format!("{tag}: {e}\ntranslation: {translation:?}\n{html}")));
            }
            for line in text.lines() {
                prop_assert!(fluentpress::internals::bidi::is_balanced(line), "{}: unbalanced bidi in text line {:?}", tag, line);
            }
        }
        // The layout shows every translation it is given, so the check above saw it.
        if marked {
            prop_assert!(rendered.iter().any(|(_, html, _)| html.contains(UNTRUSTED)), "{:?} shown nowhere", translation);
        }
    }

    #[test]
    fn arbitrary_fluent_files_never_panic(raw in "[a-z{}$\\-=*\\[\\]. #\n\"\\\\]{0,120}") {
        let project = hostile_site("x", Some(&raw));
        for (tag, html, _) in render_all(&project) {
            if let Err(e) = check_html(&html, &source_urls()) {
                return Err(TestCaseError::fail(format!("{tag}: {e}\nftl: {raw:?}")));
            }
        }
        let settings = fluentpress::internals::lint::Settings::default();
        let _ = fluentpress::internals::commands::lint::run(&project, &settings, &[]);
    }

    #[test]
    fn arbitrary_markdown_never_panics_or_injects(md in "[a-z#>*_`\\-+!\\[\\]()<>/:|\n ]{0,200}") {
        let page = format!("+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\n{md}");
        let project = Project::in_memory(Config::default(), &[("p", &page)], &[("en", &[]), ("ko", &[])]);
        for (tag, html, _) in render_all(&project) {
            // The source may link anywhere it likes, but never to script.
            let mut urls = BTreeSet::new();
            for seg in &project.models().unwrap()[0].segments {
                for t in fluentpress::internals::markdown::link_targets(&seg.inlines) {
                    urls.insert(t.to_string());
                }
            }
            if let Err(e) = check_html_with(&html, &Policy { urls: &urls, authored: true, untrusted: None }) {
                return Err(TestCaseError::fail(format!("{tag}: {e}\nmarkdown: {md:?}")));
            }
            prop_assert!(!html.to_lowercase().contains("<script"));
        }
    }
}

#[test]
fn the_checker_catches_injections() {
    // The structural check must be able to fail.
    let urls = source_urls();
    assert!(check_html("<p>ok</p>", &urls).is_ok());
    assert!(check_html("<p onclick=\"x\">", &urls).is_err());
    assert!(check_html("<script>", &urls).is_err());
    assert!(check_html("<a href=\"javascript:x\">", &urls).is_err());
    assert!(check_html("<a href=\"https://evil.example/\">", &urls).is_err());
    assert!(check_html("<p>\u{202E}x</p>", &urls).is_err());
    // What the tokenizer sees that a search for `<` and `>` did not.
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body>{body}</body></html>"
        )
    };
    assert!(check_html(&page("<p title=\"a &amp; b\">1 &lt; 2</p>"), &urls).is_ok());
    assert!(check_html("<p title=\"a\" title=\"b\">", &urls).is_err()); // duplicate attribute
    assert!(check_html("<p>1 < 2</p>", &urls).is_err()); // a raw `<` in text
    assert!(check_html("<title>x<script>alert(1)</script></title>", &urls).is_err()); // in RCDATA
    assert!(check_html("<p>a<!-- x --></p>", &urls).is_err());
    assert!(check_html("<!DOCTYPE svg>", &urls).is_err());
    assert!(check_html("<p class=x onclick=alert(1)>", &urls).is_err()); // unquoted
    assert!(check_html("<p/onclick=\"x\">", &urls).is_err());
    assert!(check_html("<svg/onload=alert(1)>", &urls).is_err());
    assert!(check_html("<p>x</script>", &urls).is_err());
    assert!(check_html("<p>&#x202E;x</p>", &urls).is_err()); // bidi control as a reference
    assert!(check_html("<img alt=\"&#x202E;x\">", &urls).is_err());
    assert!(check_html("<a href=\"&#106;avascript:x\">", &urls).is_err());
    assert!(check_html("<a href=\" java\tscript:x\">", &urls).is_err());
    assert!(check_html("<a href=\"DATA:text/html,x\">", &urls).is_err());
    assert!(check_html("<a href=\"//evil.example/\">", &urls).is_err());
    assert!(check_html("<a href=\"mailto:a@evil.example\">", &urls).is_err());
    assert!(check_html("<a href=\"https://owls.example/\">", &urls).is_ok());
    assert!(check_html("<a href=\"#fn-1\">", &urls).is_ok());
    // A translation's words: in text and prose attributes, nowhere else.
    let marked = Policy {
        urls: &urls,
        authored: false,
        untrusted: Some(UNTRUSTED),
    };
    let ok = [
        format!("<p>{UNTRUSTED}</p>"),
        format!("<img alt=\"{UNTRUSTED}\" title=\"{UNTRUSTED}\">"),
        format!("<meta name=\"description\" content=\"{UNTRUSTED}\">"),
        format!("<nav aria-label=\"{UNTRUSTED}\">"),
    ];
    for html in ok {
        assert!(check_html_with(&html, &marked).is_ok(), "{html}");
    }
    let bad = [
        format!("<a href=\"{UNTRUSTED}.html\">"),
        format!("<img src=\"{UNTRUSTED}.png\">"),
        format!("<p class=\"{UNTRUSTED}\">"),
        format!("<h2 id=\"{UNTRUSTED}\">"),
        format!("<span lang=\"{UNTRUSTED}\">"),
    ];
    for html in bad {
        assert!(check_html_with(&html, &marked).is_err(), "{html}");
        assert!(check_html(&html, &urls).is_ok(), "{html}");
    }
}

#[test]
fn a_rejected_translation_shows_the_source() {
    let project = hostile_site("<img src=x onerror=alert(1)>", None);
    let rendered = render_all(&project);
    let (_, html, _) = rendered
        .iter()
        .find(|(t, h, _)| t == "ar" && h.contains("<article"))
        .unwrap();
    assert!(
        html.contains("lang=\"en\" dir=\"ltr\">Owls hunt at <em>night</em>"),
        "{html}"
    );
    // The layout strings show it as visible text, escaped; it is never a tag.
    assert!(
        !html.contains("<img src=x") && html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    check_html(html, &source_urls()).unwrap();
}

#[test]
fn authored_html_is_sanitised() {
    let site = Site::empty();
    site.write(
        "content/p.md",
        "+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\n<div onclick=\"steal()\"><script>alert(1)</script><abbr title=\"Democratic People's Republic of Korea\" lang=\"en\">DPRK</abbr><a href=\"javascript:alert(1)\">x</a></div>\n\nText with <b onmouseover=\"x()\">inline</b> HTML and <iframe src=\"https://evil.example\"></iframe>.\n",
    );
    site.write("locales/en/site.ftl", "site-name = S\n");
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    let html = site.read("dist/en/p.html");
    assert!(
        !html.contains("<script") && !html.contains("onclick") && !html.contains("onmouseover"),
        "{html}"
    );
    assert!(
        !html.contains("javascript:") && !html.contains("<iframe"),
        "{html}"
    );
    assert!(
        html.contains(
            "<abbr title=\"Democratic People's Republic of Korea\" lang=\"en\">DPRK</abbr>"
        ),
        "{html}"
    );
    assert!(html.contains("<b>inline</b>"), "{html}");
}

#[test]
fn unsafe_urls_in_content_are_refused_with_a_lint_error() {
    let site = Site::empty();
    site.write("content/p.md", "+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\nA [bad link](javascript:alert(1)) and ![pic](data:text/html;base64,PHNjcmlwdD4=).\n");
    site.write("locales/en/site.ftl", "site-name = S\n");
    site.run(&["extract"]).ok();
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(with_code(&report, "unsafe-url").len(), 2, "{report:#}");
    site.run(&["build"]).ok();
    let html = site.read("dist/en/p.html");
    assert!(
        !html.contains("javascript:") && !html.contains("data:text"),
        "{html}"
    );
    assert!(html.contains("A bad link and pic."), "{html}");
}

// ---- Nothing lost ----

#[test]
fn out_refuses_directories_fluentpress_did_not_create() {
    let site = Site::shipped();
    site.write("precious/notes.txt", "my notes");
    let run = site.run(&["build", "--out", "precious"]).code(2).no_panic();
    assert!(
        run.stderr.contains("precious") && run.stderr.contains("not written by fluentpress"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("precious/notes.txt"), "my notes");
    let run = site.run(&["build", "--out", "/"]).code(2).no_panic();
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    // The site root itself (it holds content/) is refused too.
    site.run(&["build", "--out", "."]).code(2).no_panic();
    assert!(site.exists("content/north-korea-human-rights.md"));
    // Its own output is replaced without complaint.
    site.run(&["build", "--out", "fresh"]).ok();
    site.run(&["build", "--out", "fresh"]).ok();
}

#[test]
fn a_killed_build_leaves_the_previous_output_and_the_next_cleans_up() {
    let site = Site::empty();
    site.write("locales/en/site.ftl", "site-name = S\n");
    // Enough pages that a build takes a while.
    let para =
        "A paragraph that is long enough to make the build do some work on every page. ".repeat(20);
    for i in 0..400 {
        site.write(
            &format!("content/p{i:03}.md"),
            &format!(
                "+++\ntitle = \"Page {i}\"\ndescription = \"D\"\n+++\n\n# Page {i}\n\n{para}\n"
            ),
        );
    }
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    let before = site.tree("dist");
    site.write(
        "content/p000.md",
        "+++\ntitle = \"Changed\"\ndescription = \"D\"\n+++\n\nChanged.\n",
    );
    for delay_ms in [5u64, 30, 80] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fluentpress"))
            .args(["build", "--jobs", "1"])
            .current_dir(site.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let after = site.tree("dist");
        if !finished {
            // Either the build was killed before the swap (old output) or just after (new, complete).
            let changed = after.iter().any(|(p, b)| {
                p == "en/p000.html" && String::from_utf8_lossy(b).contains("Changed")
            });
            if !changed {
                assert!(
                    after == before,
                    "a killed build changed dist/ (killed after {delay_ms} ms)"
                );
            }
        }
    }
    // The next build succeeds and leaves no staging directory behind.
    site.run(&["build"]).ok();
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("fluentpress-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(site.read("dist/en/p000.html").contains("Changed"));
}

// ---- No panics, clear errors ----

fn small_site() -> Site {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndescription = \"D\"\n+++\n\n# A\n\nText.\n",
    );
    site.write("locales/en/site.ftl", "site-name = S\n");
    site.write("locales/ko/site.ftl", "site-name = 에스\n");
    site
}

#[test]
fn invalid_utf8_in_markdown_and_fluent() {
    let site = small_site();
    site.write_bytes("locales/ko/a.ftl", b"a = ok\nb = bad \xff byte\n");
    let (_, report) = site.lint_json(&[]);
    let d = with_code(&report, "invalid-utf8");
    assert_eq!(d.len(), 1, "{report:#}");
    assert_eq!(
        (
            d[0]["file"].as_str(),
            d[0]["line"].as_u64(),
            d[0]["column"].as_u64(),
            d[0]["locale"].as_str()
        ),
        (Some("locales/ko/a.ftl"), Some(2), Some(9), Some("ko"))
    );
    // The other locales and pages are still checked and built.
    site.run(&["build"]).ok();
    site.write_bytes("content/b.md", b"+++\ntitle = \"B\"\n+++\n\xc3\x28");
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(
        run.stderr.contains("content/b.md:4:1") && run.stderr.contains("not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn unreadable_files_are_named() {
    let site = small_site();
    // A dangling symbolic link (never followed, so not even tried: a `path-problem`).
    std::os::unix::fs::symlink(
        site.path().join("nowhere.ftl"),
        site.path().join("locales/ko/a.ftl"),
    )
    .unwrap();
    let (_, report) = site.lint_json(&[]);
    let d = with_code(&report, "path-problem");
    assert_eq!(d.len(), 1, "{report:#}");
    assert_eq!(d[0]["file"], "locales/ko/a.ftl");
}

#[test]
fn missing_content_or_locales_and_empty_content() {
    let site = Site::empty();
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(run.stderr.contains("`fluentpress init`"), "{}", run.stderr);
    site.write("locales/en/site.ftl", "site-name = S\n");
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(run.stderr.contains("no Markdown pages"), "{}", run.stderr);
    let run = site.run(&["lint"]).code(2).no_panic();
    assert!(run.stderr.contains("no Markdown pages"), "{}", run.stderr);
}

#[test]
fn bad_locale_directories() {
    let site = small_site();
    site.write("locales/english/site.ftl", "site-name = x\n");
    site.write("locales/zh-hans/site.ftl", "site-name = 甲\n");
    site.write("locales/zh-Hans/site.ftl", "site-name = 乙\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        with_code(&report, "invalid-locale")[0]["file"],
        "locales/english"
    );
    let dup = with_code(&report, "duplicate-locale");
    assert_eq!(dup.len(), 1, "{report:#}");
    assert_eq!(dup[0]["file"], "locales/zh-hans");
    site.run(&["build"]).ok();
    assert!(site.exists("dist/zh-Hans/a.html") && !site.exists("dist/english"));
}

#[test]
fn page_paths_that_escape_or_collide() {
    let site = small_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\ntitle = \"x\"\ndescription = \"y\"\n+++\nsecret\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.path().join("content/link.md"),
    )
    .unwrap();
    site.write(
        "content/About.md",
        "+++\ntitle = \"x\"\ndescription = \"y\"\n+++\nx\n",
    );
    site.write(
        "content/about.md",
        "+++\ntitle = \"x\"\ndescription = \"y\"\n+++\ny\n",
    );
    let (_, report) = site.lint_json(&[]);
    let problems = with_code(&report, "path-problem");
    let files: BTreeSet<&str> = problems
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["content/about.md", "content/link.md"].into(),
        "{report:#}"
    );
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(run.stderr.contains("content/link.md"), "{}", run.stderr);
    assert!(!site.exists("dist"));
}

#[test]
fn byte_order_marks_and_crlf_are_accepted() {
    let site = small_site();
    site.write_bytes("content/a.md", b"\xef\xbb\xbf+++\r\ntitle = \"A\"\r\ndescription = \"D\"\r\n+++\r\n\r\n# A\r\n\r\nText\r\nwith CRLF.\r\n");
    site.write_bytes(
        "locales/ko/site.ftl",
        b"\xef\xbb\xbfsite-name = \xec\x97\x90\xec\x8a\xa4\r\n",
    );
    site.run(&["extract"]).ok();
    let (_, report) = site.lint_json(&[]);
    assert_eq!(with_code(&report, "byte-order-mark").len(), 2, "{report:#}");
    assert!(with_code(&report, "front-matter").is_empty(), "{report:#}");
    site.run(&["build"]).ok();
    let html = site.read("dist/en/a.html");
    assert!(
        html.contains("Text\nwith CRLF.") && !html.contains('\r'),
        "{html}"
    );
    assert!(site.read("dist/ko/a.html").contains("에스"));
}

#[test]
fn huge_and_deeply_nested_input() {
    let site = small_site();
    let huge = "word ".repeat(10_000_000); // a 50 MB paragraph
    site.write(
        "content/huge.md",
        &format!("+++\ntitle = \"H\"\ndescription = \"D\"\n+++\n\n{huge}\n"),
    );
    site.write(
        "content/quotes.md",
        &format!(
            "+++\ntitle = \"Q\"\ndescription = \"D\"\n+++\n\n{}deep\n",
            "> ".repeat(10_000)
        ),
    );
    let mut lists = String::new();
    for i in 0..10_000 {
        lists.push_str(&"  ".repeat(i));
        lists.push_str("- item\n");
    }
    site.write(
        "content/lists.md",
        &format!("+++\ntitle = \"L\"\ndescription = \"D\"\n+++\n\n{lists}"),
    );
    let mut messages = String::new();
    for i in 0..100_000 {
        messages.push_str(&format!("message-{i} = Text {i}\n"));
    }
    site.write("locales/ko/many.ftl", &messages);
    site.run(&["extract"]).ok().no_panic();
    site.run(&["build"]).ok().no_panic();
    assert!(site.read("dist/en/quotes.html").contains("deep"));
    let text = site.read("dist/en/huge.txt");
    assert!(text.lines().all(|l| l.len() <= 72));
    let (_, report) = site.lint_json(&[]);
    assert_eq!(with_code(&report, "obsolete-message").len(), 100_000);
}
