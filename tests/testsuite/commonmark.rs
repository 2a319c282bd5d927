//! The CommonMark identity round trip: every example of the CommonMark 0.31.2 spec
//! (`tests/fixtures/commonmark/`) is made a page, extracted, copied unchanged into an
//! identity locale, and built. The identity edition's body must be the source edition's,
//! byte for byte (once the attributes that name the edition are removed), its plain-text
//! edition too, and lint must find no error in the identity locale.
//!
//! `FP_CM_ONLY=12,34 cargo test --test tests commonmark` runs only those examples and
//! prints both bodies of each failure.

use fluentpress::internals::commands::lint;
use fluentpress::internals::config::Config;
use fluentpress::internals::diagnostic::Severity;
use fluentpress::internals::lint::Settings;
use fluentpress::internals::locale::LocaleId;
use fluentpress::internals::pipeline::{Output, Renderer};
use fluentpress::internals::project::Project;

const SPEC: &str = include_str!("../fixtures/commonmark/spec-0.31.2.txt");
const DEFAULT_SITE: &str = include_str!("../../src/assets/default-site.ftl");
/// The identity locale: the source's language in another region, so that a copy of the
/// source text is a translation (not `untranslated`) and goes through the whole path a
/// translation takes (Fluent, the inline parse, the checks, the renderer).
const IDENTITY: &str = "en-GB";
const FRONT_MATTER: &str =
    "+++\ntitle = \"Example\"\ndescription = \"A CommonMark example.\"\n+++\n\n";

/// Examples that cannot round-trip, with the reason. Keep this as small as possible.
const ALLOWED: &[(usize, &str)] = &[];

/// (number, Markdown) of every example.
pub fn examples() -> Vec<(usize, &'static str)> {
    let fence = "````````````````````````````````";
    let mut out = Vec::new();
    let mut rest = SPEC;
    while let Some(start) = rest.find(&format!("{fence} example ")) {
        let after = &rest[start + fence.len() + " example ".len()..];
        let eol = after.find('\n').expect("a header line");
        let number: usize = after[..eol].trim().parse().expect("an example number");
        let body = &after[eol + 1..];
        let end = body.find(&format!("{fence}\n")).expect("a closing fence");
        out.push((number, &body[..end]));
        rest = &body[end + fence.len()..];
    }
    out
}

/// The body of a page (`<main>` … `</main>`) without what names the edition.
fn body(html: &str, tag: &str) -> String {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").map(|e| e + 7).unwrap_or(html.len());
    let mut body = unwrap_source_divs(&html[start..end]);
    for attr in [
        format!(" lang=\"{tag}\""),
        format!(" hreflang=\"{tag}\""),
        " lang=\"en\"".to_string(),
        " dir=\"ltr\"".to_string(),
        format!("/{tag}/"),
        format!("../{tag}/"),
    ] {
        body = body.replace(&attr, "");
    }
    body
}

/// An authored HTML block shown in another edition is wrapped in `<div lang="en">` (its
/// language): the wrapper goes, its content stays.
fn unwrap_source_divs(html: &str) -> String {
    const OPEN: &str = "<div lang=\"en\">";
    let mut out = html.to_string();
    while let Some(at) = out.find(OPEN) {
        let mut depth = 1;
        let mut i = at + OPEN.len();
        let close = loop {
            let (next_open, next_close) = (out[i..].find("<div"), out[i..].find("</div>"));
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    i += o + 4;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    if depth == 0 {
                        break Some(i + c);
                    }
                    i += c + 6;
                }
                _ => break None,
            }
        };
        let Some(close) = close else { break };
        out.replace_range(close..close + 6, "");
        out.replace_range(at..at + OPEN.len(), "");
    }
    out
}

/// What went wrong with one example, or `None` when it round-trips.
/// A translator's copy of a reference file: each comment in a translation's own form
/// (`# fluentpress: source HASH`); a copy of the reference's comment would say that the
/// source the translation was made from is not recorded.
pub fn translators_copy(reference: &str) -> String {
    reference
        .lines()
        .map(|l| match l.strip_prefix("# fluentpress: ") {
            Some(meta) if meta.contains("source ") => {
                let hash = meta.rsplit("source ").next().unwrap();
                format!("# fluentpress: source {hash}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect()
}

pub fn round_trip(markdown: &str) -> Option<String> {
    let page = format!("{FRONT_MATTER}{markdown}");
    let pages = [("example", page.as_str())];
    let probe = Project::in_memory(Config::default(), &pages, &[("en", &[])]);
    let reference = fluentpress::internals::extract::reference_text(
        &probe,
        &probe.models().unwrap()[0],
        fluentpress::internals::extract::History::Without,
    );
    let en: Vec<(&str, &str)> = vec![("example.ftl", reference.as_str())];
    let translation = translators_copy(&reference);
    let copy: Vec<(&str, &str)> = vec![
        ("example.ftl", translation.as_str()),
        ("site.ftl", DEFAULT_SITE),
    ];
    let project = Project::in_memory(Config::default(), &pages, &[("en", &en), (IDENTITY, &copy)]);
    let renderer = Renderer::new(&project, Some(72));
    let site = renderer.site();
    let every: Vec<LocaleId> = project.locale_ids().collect();
    let rendered = renderer.render_page(
        project.page_ids().next().unwrap(),
        &every,
        Output::Files(&site),
    );
    let html = |l: LocaleId| {
        let e = rendered
            .editions
            .iter()
            .find(|e| e.locale_index == l)
            .expect("every edition is rendered");
        body(
            e.html.as_deref().unwrap_or(""),
            &project.locale(l).locale.tag,
        )
    };
    let text = |l: LocaleId| {
        let e = rendered
            .editions
            .iter()
            .find(|e| e.locale_index == l)
            .expect("every edition");
        let tag = &project.locale(l).locale.tag;
        let text = e.text.as_deref().unwrap_or("");
        // The list of other editions differs by design.
        let text = text.split("\nOther languages\n").next().unwrap_or(text);
        text.replace(&format!("/{tag}/"), "/")
    };
    let identity = project.locale_index(IDENTITY).expect("the identity locale");
    let mut problems = Vec::new();
    let (source_html, identity_html) = (html(project.source), html(identity));
    if source_html != identity_html {
        problems.push(format!(
            "the bodies differ:\n--- source\n{source_html}\n--- identity\n{identity_html}"
        ));
    }
    let (source_text, identity_text) = (text(project.source), text(identity));
    if source_text != identity_text {
        problems.push(format!(
            "the text editions differ:\n--- source\n{source_text}\n--- identity\n{identity_text}"
        ));
    }
    let settings = Settings::new(&project.config, &[], &[], &[]).expect("default settings");
    let report = lint::run(&project, &settings, &[identity]);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| d.locale.as_deref() == Some(IDENTITY))
        // The examples link to pages and anchors of sites that are not there (`/url`,
        // `#fragment`): right in the spec, broken in a one-page site.
        .filter(|d| !matches!(d.rule.code(), "broken-link" | "missing-file"))
        .map(|d| format!("{}: {}", d.rule.code(), d.message))
        .collect();
    if !errors.is_empty() {
        problems.push(format!("lint errors: {}", errors.join(" | ")));
    }
    (!problems.is_empty()).then(|| format!("{}\n--- reference\n{reference}", problems.join("\n")))
}

#[test]
fn every_commonmark_example_survives_an_identity_translation() {
    let examples = examples();
    assert_eq!(examples.len(), 652, "CommonMark 0.31.2 has 652 examples");
    let only: Option<Vec<usize>> = std::env::var("FP_CM_ONLY")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect());
    let mut failed = Vec::new();
    let mut details = String::new();
    for (number, markdown) in examples {
        if only.as_ref().is_some_and(|o| !o.contains(&number)) {
            continue;
        }
        let allowed = ALLOWED.iter().any(|(n, _)| *n == number);
        let outcome = std::panic::catch_unwind(|| round_trip(markdown))
            .unwrap_or_else(|_| Some("panicked".to_string()));
        match outcome {
            Some(problem) if !allowed => {
                failed.push(number);
                if only.is_some() || failed.len() <= 3 {
                    details.push_str(&format!(
                        "\n===== example {number}\n{markdown}\n{problem}\n"
                    ));
                }
            }
            None if allowed => panic!("example {number} round-trips now: remove it from ALLOWED"),
            _ => {}
        }
    }
    assert!(
        failed.is_empty(),
        "{} examples do not round-trip: {failed:?}\n{details}",
        failed.len()
    );
}

/// A page and one translation of it, in memory: the reference, the lint findings of the
/// `de` locale (code, message) and the `de` edition's body.
fn translated(
    markdown: &str,
    de: impl Fn(&str) -> String,
) -> (String, Vec<(String, String)>, String) {
    let edition = translated_edition(markdown, de);
    (
        edition.reference,
        edition.findings,
        body(&edition.html, "de"),
    )
}

/// What a German translation of `markdown` (the reference file rewritten by `de`) comes
/// to: the reference file, lint's findings of the translation (rule, message), and the
/// German edition's HTML page and text.
struct TranslatedEdition {
    reference: String,
    findings: Vec<(String, String)>,
    html: String,
    text: String,
}

fn translated_edition(markdown: &str, de: impl Fn(&str) -> String) -> TranslatedEdition {
    let page = format!("{FRONT_MATTER}{markdown}");
    let pages = [("example", page.as_str())];
    let probe = Project::in_memory(Config::default(), &pages, &[("en", &[])]);
    let reference = fluentpress::internals::extract::reference_text(
        &probe,
        &probe.models().unwrap()[0],
        fluentpress::internals::extract::History::Without,
    );
    let translation = de(&translators_copy(&reference));
    let en: Vec<(&str, &str)> = vec![("example.ftl", reference.as_str())];
    let files: Vec<(&str, &str)> = vec![("example.ftl", translation.as_str())];
    let project = Project::in_memory(Config::default(), &pages, &[("en", &en), ("de", &files)]);
    let de = project.locale_index("de").unwrap();
    let renderer = Renderer::new(&project, Some(72));
    let site = renderer.site();
    let rendered = renderer.render_page(
        project.page_ids().next().unwrap(),
        &[de],
        Output::Files(&site),
    );
    let edition = rendered
        .editions
        .iter()
        .find(|e| e.locale_index == de)
        .unwrap();
    let (html, text) = (edition.html.clone().unwrap(), edition.text.clone().unwrap());
    let settings = Settings::new(&project.config, &[], &[], &[]).unwrap();
    let findings = lint::run(&project, &settings, &[de])
        .diagnostics
        .into_iter()
        .filter(|d| d.file.ends_with("example.ftl"))
        .map(|d| (d.rule.code().to_string(), d.message))
        .collect();
    TranslatedEdition {
        reference,
        findings,
        html,
        text,
    }
}

fn codes(findings: &[(String, String)]) -> Vec<&str> {
    findings.iter().map(|(c, _)| c.as_str()).collect()
}

#[test]
fn extract_keeps_an_escaped_backslash() {
    let (reference, _, _) =
        translated("\\\\*emphasis* and \\[not a link](/x)\n", |r| r.to_string());
    assert!(
        reference.contains("= \\\\*emphasis* and \\[not a link](/x)\n"),
        "{reference}"
    );
}

#[test]
fn an_empty_heading_has_no_message() {
    let (reference, findings, _) = translated("#\n\nText.\n\n## \n", |r| r.to_string());
    assert!(!reference.contains("heading"), "{reference}");
    assert!(!codes(&findings).contains(&"empty-message"), "{findings:?}");
}

#[test]
fn a_translation_may_have_exactly_the_html_of_its_source() {
    let source = "Press <kbd>Ctrl</kbd>&nbsp;+&nbsp;<kbd>C</kbd> &copy; <a href=\"https://x.example/\" title=\"t\">here</a><br>\n";
    let de = |r: &str| r.replace("Press <kbd>Ctrl</kbd>", "Drücke <kbd>Ctrl</kbd>");
    let (_, findings, body) = translated(source, de);
    assert!(!codes(&findings).contains(&"raw-html"), "{findings:?}");
    assert!(body.contains("<p>Drücke <kbd>Ctrl</kbd>&nbsp;+&nbsp;<kbd>C</kbd> © <a href=\"https://x.example/\" title=\"t\" rel=\"noopener noreferrer\">here</a><br></p>"), "{body}");
    // One tag more than the source, another attribute, another tag.
    for (from, to) in [
        ("<kbd>C</kbd>", "<kbd>C</kbd><kbd>V</kbd>"),
        ("title=\"t\"", "title=\"t\" onclick=\"x()\""),
        ("<kbd>C</kbd>", "<b>C</b>"),
    ] {
        let (_, findings, body) =
            translated(source, |r| r.replace("Press", "Drücke").replace(from, to));
        assert!(codes(&findings).contains(&"raw-html"), "{to}: {findings:?}");
        assert!(!body.contains("Drücke"), "{body}");
    }
}

#[test]
fn html_in_a_translation_whose_source_has_none_is_raw_html() {
    for attack in [
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "Titel <img src=x onerror=alert(1)>",
        "<div>Block</div>",
        "<!-- c -->",
    ] {
        let (_, findings, body) = translated("# Owls\n\nText.\n", |r| {
            r.replace("owls = Owls", &format!("owls = {attack}"))
                .replace("text = Text.", &format!("text =\n    Zeile\n    {attack}"))
        });
        let raw = findings.iter().filter(|(c, _)| c == "raw-html").count();
        assert_eq!(raw, 2, "{attack}: {findings:?}");
        assert!(
            !body.contains("onerror") && !body.contains("Zeile"),
            "{body}"
        );
    }
}

/// The shapes volunteers write on real sites: accents as named and numeric references
/// (a Jekyll site's Spanish files), no-break spaces and right-to-left marks.
#[test]
fn character_references_in_a_translation_are_text_whether_or_not_the_source_has_them() {
    let source = "The report covers 2023, by the Department of State.\n";
    let es = |r: &str| {
        r.replace("page-title = Example", "page-title = Ejemplo &mdash; informe&nbsp;anual")
            .replace("= A CommonMark example.", "= Un ejemplo de CommonMark.")
            .replace(
                "= The report covers 2023, by the Department of State.",
                "= El informe abarca 2023, seg&uacute;n el Departamento de Estado&#44; &#233;l&nbsp;&rlm;dice.",
            )
    };
    let edition = translated_edition(source, es);
    assert_eq!(edition.findings, [], "no finding at all");
    assert!(
        edition
            .html
            .contains("según el Departamento de Estado, él\u{a0}\u{200f}dice.")
            || edition
                .html
                .contains("según el Departamento de Estado, él&nbsp;\u{200f}dice."),
        "{}",
        edition.html
    );
    assert!(
        edition.html.contains("<title>Ejemplo — informe\u{a0}anual"),
        "{}",
        edition.html
    );
    assert!(
        edition.text.contains("según el Departamento de Estado, él"),
        "{}",
        edition.text
    );
    assert!(!edition.text.contains("&uacute;") && !edition.html.contains("&amp;uacute;"));
    // A reference to a character that is not text is refused, as the character is.
    for (from, to) in [(", by", ",&#27; by"), ("Example", "Ejemplo&#x1b;")] {
        let edition = translated_edition(source, |r| es(&r.replace(from, to)));
        assert!(
            edition
                .findings
                .iter()
                .any(|(code, message)| code == "raw-html" && message.contains("control character")),
            "{to}: {:?}",
            edition.findings
        );
    }
}

/// An Arabic translator isolates an English term, a Korean one marks it `lang="en"`.
#[test]
fn a_translation_may_mark_the_language_and_direction_of_its_parts() {
    let source = "Read the Style Guide before you write.\n";
    let translation = "= اقرأ <span dir=\"rtl\">(Style Guide)</span> و<span lang=\"en\">Style Guide</span> <bdi>WHO</bdi> <abbr title=\"منظمة الصحة العالمية\">WHO</abbr><br>قبل<wbr>الكتابة <bdo dir=\"ltr\">ABC</bdo>.";
    let ar = |r: &str| {
        r.replace("= Read the Style Guide before you write.", translation)
            .replace("= Example", "= مثال")
            .replace("= A CommonMark example.", "= مثال على CommonMark.")
    };
    let edition = translated_edition(source, ar);
    assert_eq!(edition.findings, [], "no finding at all");
    for kept in [
        "<span dir=\"rtl\">(Style Guide)</span>",
        "<span lang=\"en\">Style Guide</span>",
        "<bdi>WHO</bdi>",
        "<abbr title=\"منظمة الصحة العالمية\">WHO</abbr><br>قبل<wbr>الكتابة",
        "<bdo dir=\"ltr\">ABC</bdo>",
    ] {
        assert!(edition.html.contains(kept), "{kept}: {}", edition.html);
    }
    // The text edition has the words, and the line break the <br> asks for.
    assert!(
        edition
            .text
            .contains("اقرأ (Style Guide) وStyle Guide WHO WHO\n"),
        "{}",
        edition.text
    );
    assert!(
        !edition.text.contains("<span") && !edition.text.contains("<wbr"),
        "{}",
        edition.text
    );

    for (attack, why) in [
        (
            "<span dir=\"rtl\">",
            "<span dir=\"rtl\" onclick=\"alert(1)\">",
        ),
        ("<span dir=\"rtl\">", "<span style=\"color:red\">"),
        ("<span lang=\"en\">", "<span lang=\"en_US\">"),
        ("<span lang=\"en\">", "<span lang=\"english\">"),
        ("<span dir=\"rtl\">", "<span dir=\"up\">"),
        ("<bdo dir=\"ltr\">", "<bdo>"),
        ("<bdi>WHO</bdi>", "<bdi>WHO"),
        ("<bdi>WHO</bdi>", "<bdi>WHO</span>"),
        ("<bdi>WHO</bdi>", "<b>WHO</b>"),
    ] {
        let edition = translated_edition(source, |r| ar(r).replacen(attack, why, 1));
        assert!(
            edition.findings.iter().any(|(code, _)| code == "raw-html"),
            "{why}: {:?}",
            edition.findings
        );
        assert!(!edition.html.contains("اقرأ"), "{why}: the source is shown");
    }
    let edition = translated_edition(source, |r| ar(r).replace("lang=\"en\"", "lang=\"pt_BR\""));
    assert!(
        edition
            .findings
            .iter()
            .any(|(_, m)| m.contains("did you mean `pt-BR`")),
        "{:?}",
        edition.findings
    );
}

#[test]
fn reference_links_and_links_in_emphasis_survive_a_translation() {
    let source = "See [the trust][t], [Trust][], [trust], *[a link](https://a.example/)* and **[Full][T]**.\n\n[t]: https://owls.example/ \"Owls\"\n[trust]: https://trust.example/\n";
    let (reference, findings, body) = translated(source, |r| {
        r.replace("See [the trust]", "Siehe [die Stiftung]")
            .replace("] and **", "] und **")
    });
    assert!(
        findings
            .iter()
            .all(|(c, _)| c != "link-mismatch" && c != "markup-mismatch"),
        "{findings:?}\n{reference}"
    );
    assert!(
        body.contains("Siehe <a href=\"https://owls.example/\" title=\"Owls\">die Stiftung</a>"),
        "{body}"
    );
}

#[test]
fn the_text_edition_shows_characters_not_references() {
    let page = format!("{FRONT_MATTER}<p>A&nbsp;B &copy; &amp;lt; &#42;</p>\n");
    let pages = [("example", page.as_str())];
    let project = Project::in_memory(Config::default(), &pages, &[("en", &[])]);
    let renderer = Renderer::new(&project, Some(72));
    let site = renderer.site();
    let rendered = renderer.render_page(
        project.page_ids().next().unwrap(),
        &[project.source],
        Output::Files(&site),
    );
    let text = rendered.editions[0].text.clone().unwrap();
    assert!(text.contains("A\u{a0}B © &lt; *"), "{text}");
    assert!(
        !text.contains("&nbsp;") && !text.contains("&amp;"),
        "{text}"
    );
}

#[test]
fn a_layout_string_in_the_source_language_is_marked_with_it() {
    // A new Hebrew edition whose site.ftl has only its name: "(partial translation)" is
    // English, and says so inside the right-to-left edition.
    let page = format!("{FRONT_MATTER}Text.\n");
    let pages = [("example", page.as_str())];
    let he: Vec<(&str, &str)> = vec![("site.ftl", "language-name = עברית\n")];
    let project = Project::in_memory(Config::default(), &pages, &[("en", &[]), ("he", &he)]);
    let renderer = Renderer::new(&project, Some(72));
    let site = renderer.site();
    let he = project.locale_index("he").unwrap();
    let rendered = renderer.render_page(
        project.page_ids().next().unwrap(),
        &[he],
        Output::Files(&site),
    );
    let html = rendered.editions[0].html.clone().unwrap();
    assert!(
        html.contains(r#"<span class="partial" lang="en" dir="ltr">(partial translation)</span>"#),
        "{html}"
    );
    assert!(!html.contains(r#"lang="he" dir="rtl">(partial"#), "{html}");
}

#[test]
fn footnote_ids_do_not_collide() {
    let page =
        format!("{FRONT_MATTER}One[^a b] and two[^a-b].\n\n[^a b]: First.\n\n[^a-b]: Second.\n");
    let pages = [("example", page.as_str())];
    let project = Project::in_memory(Config::default(), &pages, &[("en", &[])]);
    let renderer = Renderer::new(&project, Some(72));
    let site = renderer.site();
    let rendered = renderer.render_page(
        project.page_ids().next().unwrap(),
        &[project.source],
        Output::Files(&site),
    );
    let html = rendered.editions[0].html.clone().unwrap();
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|id| id.starts_with("fn"))
        .collect();
    assert_eq!(ids.len(), 4, "{html}");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4, "{html}");
}

#[test]
fn message_ids_transliterate_non_ascii_words() {
    let page = format!(
        "{FRONT_MATTER}# Über uns\n\nNon-ASCII file name.\n\n## 북한 인권\n\nТекст.\n\n## Права человека\n\nТекст.\n"
    );
    let pages = [("über-uns", page.as_str())];
    let probe = Project::in_memory(Config::default(), &pages, &[("en", &[])]);
    let reference = fluentpress::internals::extract::reference_text(
        &probe,
        &probe.models().unwrap()[0],
        fluentpress::internals::extract::History::Without,
    );
    for id in [
        "uber-uns",
        "uber-uns-non-ascii-file-name",
        "bughan-ingweon",
        "bughan-ingweon-tekst",
        "prava-cheloveka",
        "prava-cheloveka-tekst",
    ] {
        assert!(
            reference.contains(&format!("\n{id} =")),
            "no {id}:\n{reference}"
        );
    }
}

/// Our extensions and what real sites write, through the same identity round trip.
#[test]
fn extensions_survive_an_identity_translation() {
    for markdown in [
        "| a | b<br>c |\n|:--|--:|\n| `x` &amp; | ~~gone~~ |\n",
        "# Title {#top}\n\n## <span>Inline</span> heading\n\n### <div>block</div> in a heading\n",
        "Text with a note.[^1] And another.[^note]\n\n[^1]: The note, with [a link](https://x.example/).\n\n[^note]: Second *note*.\n",
        "Table: Caption with <abbr title=\"x\">X</abbr>\n\n| h |\n|---|\n| c |\n",
        "- item <kbd>Ctrl</kbd>\n  continued\n- <em>second</em>\n\n  <div>\n    indented   block\n  </div>\n",
        "> <b>quoted</b>\n> *text* &copy;\n",
        "<!-- a comment -->\n\nText <!-- inline comment --> here.\n",
        "Line one\\\nline two  \nline three\n",
        "![An <em>owl</em>](owl.png \"title\")\n",
        "Press <kbd>Ctrl</kbd>&nbsp;+&nbsp;<kbd>C</kbd> &#42; &#x2014; &AElig;\n",
    ] {
        if let Some(problem) = round_trip(markdown) {
            panic!("{markdown}\n{problem}");
        }
    }
}
