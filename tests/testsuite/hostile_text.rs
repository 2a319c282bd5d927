//! Hostile text in a copy of the shipped site: translations (and authors' files) that
//! try to point readers elsewhere, crash a command with deep nesting, or smuggle
//! control characters to a page or a terminal. Each test reproduces an attack of
//! issue 26 and checks what fluentpress does instead.

use super::support::*;
use serde_json::Value;

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
    let reference = site.read("locales/en/owl.ftl");
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
