//! `fluentpress lint`: every rule fires on its own fault with the right file, line,
//! column, locale and severity, and stays quiet on the clean site; severity controls,
//! `--explain`, the three output formats, and what `build` makes of lint's findings.
//!
//! Each rule test starts from [`clean_site`] (which asserts that the site lints clean),
//! injects one fault, and reads the `--format json` report.

use super::support::*;
use serde_json::{Value, json};

/// Every rule code, in the registry's order. Each has a `rule_*` test below;
/// `explain_lists_every_code` fails when a rule is added or removed without one.
const CODES: &[&str] = &[
    "syntax-error",
    "missing-message",
    "obsolete-message",
    "duplicate-id",
    "unknown-variable",
    "unknown-function",
    "missing-variable",
    "unknown-reference",
    "plural-categories",
    "link-mismatch",
    "markup-mismatch",
    "raw-html",
    "invalid-character",
    "number-mismatch",
    "untranslated",
    "empty-message",
    "stale-reference",
    "missing-alt",
    "heading-skip",
    "generic-link-text",
    "outdated",
    "unsafe-url",
    "broken-link",
    "missing-file",
    "invalid-locale",
    "duplicate-locale",
    "invalid-utf8",
    "io-error",
    "front-matter",
    "path-problem",
    "byte-order-mark",
    "min-coverage",
    "format-error",
];

// content/owls.md, line by line:
//  1 +++
//  2 title = "Owls"
//  3 description = "All about owls."
//  4 +++
//  5
//  6 # Owls
//  7
//  8 Owls hunt at night. There are 250 species.
//  9
// 10 ## Eyes
// 11
// 12 Their eyes are fixed in place; see [the owl trust](https://owls.example/).
// (13 is the end of the file: text appended with `append` starts on line 14.)
const PAGE: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night. There are 250 species.\n\n## Eyes\n\nTheir eyes are fixed in place; see [the owl trust](https://owls.example/).\n";

/// The source locale's layout strings (every message of `LAYOUT_MESSAGES`).
const EN_SITE: &str = "\
language-name = English
site-name = Birds
site-tagline = {\"\"}
seal-alt = Site logo
skip-link = Skip to main content
language-menu-label = Languages
language-partial = partial translation
language-chooser-heading = Choose your language
page-list-heading = Pages
text-edition-link = Plain-text edition
html-edition-link = Web edition
fallback-notice =
    { $count ->
        [one] { $count } passage on this page has not been translated yet.
       *[other] { $count } passages on this page have not been translated yet.
    }
untranslated-marker = [not yet translated]
links-heading = Links
notes-heading = Notes
image-label = Image
other-editions-heading = Other languages
footnote-backlink = Back to text
footer-text = Published with fluentpress.
image-text = [{ $label }: { $description }]
language-chooser-intro = Read this site in English
";

/// fallback-notice is on line 12, footer-text on line 24.
const FR_SITE: &str = "\
language-name = Français
site-name = Oiseaux
site-tagline = {\"\"}
seal-alt = Logo du site
skip-link = Aller au contenu principal
language-menu-label = Langues
language-partial = traduction partielle
language-chooser-heading = Choisissez votre langue
page-list-heading = Liste des pages
text-edition-link = Édition en texte brut
html-edition-link = Édition web
fallback-notice =
    { $count ->
        [one] { $count } passage de cette page n’est pas encore traduit.
        [many] { $count } de passages de cette page ne sont pas encore traduits.
       *[other] { $count } passages de cette page ne sont pas encore traduits.
    }
untranslated-marker = [pas encore traduit]
links-heading = Liens
notes-heading = Remarques
image-label = Illustration
other-editions-heading = Autres langues
footnote-backlink = Retour au texte
footer-text = Publié avec fluentpress.
image-text = [{ $label } : { $description }]
language-chooser-intro = Lire ce site en français
";

/// The complete French translation of the page, one message a line (line n = message n).
const FR_OWLS: &str = "\
page-title = Hiboux
page-description = Tout sur les hiboux.
owls = Hiboux
owls-owls-hunt-at-night = Les hiboux chassent la nuit. Il existe 250 espèces.
eyes = Yeux
eyes-their-eyes-are-fixed = Leurs yeux sont fixes ; voir [le refuge des hiboux](https://owls.example/).
";

const FR_PAGE: &str = "locales/fr/owls.ftl";
const REFERENCE: &str = "locales/en/owls.ftl";

/// One page in English, extracted, and translated completely into French; asserts that
/// it lints clean (no diagnostic at all, even with `--deny warnings`).
fn clean_site() -> Site {
    let site = Site::empty();
    site.write("content/owls.md", PAGE);
    // The images the tests link to.
    site.write("content/owl.png", "png");
    site.write("content/border.png", "png");
    site.write("locales/en/site.ftl", EN_SITE);
    site.write("locales/fr/site.ftl", FR_SITE);
    site.run(&["extract"]).ok();
    site.write(FR_PAGE, FR_OWLS);
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(
        report["diagnostics"],
        json!([]),
        "the clean site is not clean:\n{report:#}"
    );
    assert_eq!(code, 0);
    site
}

/// Replaces `from` (which must be there) by `to` in a file of the site.
#[track_caller]
fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}:\n{text}");
    site.write(rel, &text.replacen(from, to, 1));
}

fn append(site: &Site, rel: &str, more: &str) {
    let text = site.read(rel);
    site.write(rel, &format!("{text}{more}"));
}

/// The 1-based line of `file` that starts with `prefix`.
#[track_caller]
fn line_of(site: &Site, rel: &str, prefix: &str) -> u64 {
    let text = site.read(rel);
    let n = text.lines().position(|l| l.starts_with(prefix));
    n.unwrap_or_else(|| panic!("no line starting with {prefix:?} in {rel}:\n{text}")) as u64 + 1
}

/// Appends a paragraph (or any blocks) to the page, re-extracts, and checks that the
/// reference file gained exactly the message ids `ids`.
#[track_caller]
fn add_to_page(site: &Site, blocks: &str, ids: &[&str]) {
    append(site, "content/owls.md", &format!("\n{blocks}\n"));
    site.run(&["extract"]).ok();
    let reference = site.read(REFERENCE);
    for id in ids {
        assert!(
            reference.contains(&format!("\n{id} =")),
            "no `{id}` in the reference:\n{reference}"
        );
    }
}

/// The one diagnostic with `code`.
#[track_caller]
fn the_one<'a>(report: &'a Value, code: &str) -> &'a Value {
    let found = with_code(report, code);
    assert_eq!(found.len(), 1, "expected exactly one {code}:\n{report:#}");
    found[0]
}

/// `d` has each field of `expected` (a JSON object) with that value.
#[track_caller]
fn assert_fields(d: &Value, expected: Value) {
    for (key, want) in expected.as_object().unwrap() {
        assert_eq!(&d[key], want, "field `{key}` of\n{d:#}");
    }
}

/// The codes in the report are exactly `expected` (as a set).
#[track_caller]
fn assert_codes(report: &Value, expected: &[&str]) {
    let mut got: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    got.sort_unstable();
    got.dedup();
    let mut want = expected.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "codes differ:\n{report:#}");
}

fn locale_stats<'a>(report: &'a Value, tag: &str) -> &'a Value {
    report["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == tag)
        .unwrap_or_else(|| panic!("no {tag} in\n{report:#}"))
}

// ---------------------------------------------------------------------------------------
// The clean trees.

#[test]
fn the_clean_site_has_no_diagnostics() {
    let site = clean_site();
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(report["diagnostics"], json!([]));
    assert_eq!(
        report["locales"],
        json!([
            {"locale": "en", "translated": 6, "total": 6, "outdated": 0, "missing": 0, "rejected": 0, "errors": 0, "warnings": 0},
            {"locale": "fr", "translated": 6, "total": 6, "outdated": 0, "missing": 0, "rejected": 0, "errors": 0, "warnings": 0},
        ])
    );
    let run = site.run(&["lint"]).ok().no_panic();
    assert!(
        run.stdout.ends_with("0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_shipped_site_lints_clean_even_denying_warnings() {
    let site = Site::shipped();
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(report["diagnostics"], json!([]), "{report:#}");
    assert_eq!(code, 0);
    assert_eq!(report["locales"].as_array().unwrap().len(), 9);
    for l in report["locales"].as_array().unwrap() {
        assert_eq!(l["translated"], l["total"], "{l}");
    }
    site.run(&["lint", "--deny", "warnings"]).ok().no_panic();
}

// ---------------------------------------------------------------------------------------
// One test per rule.

#[test]
fn rule_syntax_error() {
    let site = clean_site();
    // Line 7; an unbalanced closing brace at column 22.
    append(&site, FR_PAGE, "hiboux-nuit = Hiboux } la nuit\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["syntax-error"]);
    let d = the_one(&report, "syntax-error");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 7, "column": 22, "message_id": null}),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("Fluent syntax error"),
        "{d}"
    );
}

#[test]
fn rule_syntax_error_that_swallows_a_message() {
    let site = clean_site();
    edit(&site, FR_PAGE, "eyes = Yeux\n", "eyes = { Yeux\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    // The junk is skipped, so `eyes` is missing too.
    assert_codes(&report, &["missing-message", "syntax-error"]);
    assert_fields(
        the_one(&report, "syntax-error"),
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 5}),
    );
    assert_fields(
        the_one(&report, "missing-message"),
        json!({"locale": "fr", "message_id": "eyes"}),
    );
}

#[test]
fn rule_missing_message() {
    let site = clean_site();
    edit(&site, FR_PAGE, "eyes = Yeux\n", "");
    let (code, report) = site.lint_json(&[]);
    // Coverage, not a fault: an author's new paragraph does not turn CI red.
    assert_eq!(code, 0);
    assert_eq!(site.lint_json(&["--deny", "warnings"]).0, 0);
    assert_codes(&report, &["missing-message"]);
    // Points at the message in the reference file; `locale` names the locale that lacks it.
    let line = line_of(&site, REFERENCE, "eyes = Eyes");
    let d = the_one(&report, "missing-message");
    assert_fields(
        d,
        json!({"severity": "note", "locale": "fr", "file": REFERENCE, "line": line, "column": 1, "message_id": "eyes"}),
    );
    assert!(d["help"].as_str().unwrap().contains(FR_PAGE), "{d}");
    assert_fields(
        locale_stats(&report, "fr"),
        json!({"translated": 5, "total": 6, "missing": 1, "errors": 0, "warnings": 0}),
    );
    // A whole-site human run counts it; a translator's run lists it.
    let run = site.run(&["lint"]).ok();
    assert!(
        !run.stdout.contains("note[missing-message]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1 passage of the pages is still to translate or update"),
        "{}",
        run.stdout
    );
    let run = site.run(&["lint", "--locale", "fr"]).ok();
    assert!(
        run.stdout.contains("note[missing-message]"),
        "{}",
        run.stdout
    );
    // The github format annotates only what a team must fix.
    let run = site.run(&["lint", "--format", "github"]).ok();
    assert!(!run.stdout.contains("missing"), "{}", run.stdout);
}

#[test]
fn rule_min_coverage() {
    let site = clean_site();
    edit(&site, FR_PAGE, "eyes = Yeux\n", "");
    // fr shows 5 of its 6 passages translated: 83 %.
    let (code, report) = site.lint_json(&["--min-coverage", "83"]);
    assert_eq!(code, 0, "{report:#}");
    let (code, report) = site.lint_json(&["--min-coverage", "84"]);
    assert_eq!(code, 1);
    assert_codes(&report, &["min-coverage", "missing-message"]);
    let d = the_one(&report, "min-coverage");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": "locales/fr", "line": 1, "column": 1}),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("fr is 83% translated (5 of 6 passages; 0 outdated, 1 missing, 0 refused); the minimum is 84%"),
        "{d}"
    );
    // From the configuration: the site's, a locale's own, a locale in progress.
    site.write("fluentpress.toml", "[lint]\nmin_coverage = 90\n");
    assert_eq!(site.lint_json(&[]).0, 1);
    site.write(
        "fluentpress.toml",
        "[lint]\nmin_coverage = 90\n[locales.fr]\nmin_coverage = 80\n",
    );
    assert_eq!(site.lint_json(&[]).0, 0);
    site.write(
        "fluentpress.toml",
        "[lint]\nmin_coverage = 90\n[locales.fr]\nwork_in_progress = true\n",
    );
    assert_eq!(site.lint_json(&[]).0, 0);
    // The command line applies to every locale.
    assert_eq!(site.lint_json(&["--min-coverage", "100"]).0, 1);
    // A refused translation does not count as translated either.
    site.write("fluentpress.toml", "");
    edit(
        &site,
        FR_PAGE,
        "chassent la nuit",
        "chassent <b>la nuit</b>",
    );
    let (_, report) = site.lint_json(&["--min-coverage", "70"]);
    assert_fields(
        locale_stats(&report, "fr"),
        json!({"translated": 4, "missing": 1, "rejected": 1}),
    );
    assert_eq!(with_code(&report, "min-coverage").len(), 1, "{report:#}");
    // The build applies the same gate: --strict fails and keeps the previous output.
    site.write("fluentpress.toml", "[lint]\nmin_coverage = 70\n");
    let run = site.run(&["build", "--strict"]).code(1);
    assert!(run.stderr.contains("--strict"), "{}", run.stderr);
    site.run(&["lint", "--min-coverage", "101"]).code(2);
}

#[test]
fn rule_missing_message_in_site_ftl() {
    let site = clean_site();
    edit(
        &site,
        "locales/fr/site.ftl",
        "footer-text = Publié avec fluentpress.\n",
        "",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    assert_codes(&report, &["missing-message"]);
    assert_fields(
        the_one(&report, "missing-message"),
        json!({"severity": "note", "locale": "fr", "file": "locales/en/site.ftl", "line": 23, "column": 1, "message_id": "footer-text"}),
    );
}

#[test]
fn rule_obsolete_message() {
    let site = clean_site();
    append(&site, FR_PAGE, "owls-old = Un vieux paragraphe.\n");
    site.write(
        "locales/fr/gone.ftl",
        "# A page that was removed.\nvieux = Vieux texte\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "obsolete-message is a warning");
    assert_codes(&report, &["obsolete-message"]);
    let found = with_code(&report, "obsolete-message");
    assert_eq!(found.len(), 2, "{report:#}");
    // Sorted by file: gone.ftl before owls.ftl.
    assert_fields(
        found[0],
        json!({"severity": "warning", "locale": "fr", "file": "locales/fr/gone.ftl", "line": 2, "column": 1, "message_id": "vieux"}),
    );
    assert_fields(
        found[1],
        json!({"severity": "warning", "locale": "fr", "file": FR_PAGE, "line": 7, "column": 1, "message_id": "owls-old"}),
    );
}

#[test]
fn rule_duplicate_id() {
    let site = clean_site();
    append(&site, FR_PAGE, "eyes = Les yeux\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["duplicate-id"]);
    let d = the_one(&report, "duplicate-id");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 7, "column": 1, "message_id": "eyes"}),
    );
    assert!(
        d["message"].as_str().unwrap().contains("line 5"),
        "names the first definition: {d}"
    );
}

#[test]
fn rule_duplicate_id_across_a_page_file_and_site_ftl() {
    let site = clean_site();
    append(&site, FR_PAGE, "site-name = Les hiboux\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    // Not a segment of the page either.
    assert_codes(&report, &["duplicate-id", "obsolete-message"]);
    let d = the_one(&report, "duplicate-id");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 7, "column": 1, "message_id": "site-name"}),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("locales/fr/site.ftl"),
        "{d}"
    );
}

#[test]
fn rule_unknown_variable() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "owls = Hiboux\n",
        "owls = Hiboux ({ $count })\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["unknown-variable"]);
    let d = the_one(&report, "unknown-variable");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 3, "column": 1, "message_id": "owls"}),
    );
    assert!(d["message"].as_str().unwrap().contains("$count"), "{d}");
}

#[test]
fn rule_missing_variable() {
    let site = clean_site();
    let notice = "fallback-notice =\n    { $count ->\n        [one] { $count } passage de cette page n’est pas encore traduit.\n        [many] { $count } de passages de cette page ne sont pas encore traduits.\n       *[other] { $count } passages de cette page ne sont pas encore traduits.\n    }\n";
    edit(
        &site,
        "locales/fr/site.ftl",
        notice,
        "fallback-notice = Des passages de cette page ne sont pas encore traduits.\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "missing-variable is a warning");
    assert_codes(&report, &["missing-variable"]);
    let d = the_one(&report, "missing-variable");
    assert_fields(
        d,
        json!({"severity": "warning", "locale": "fr", "file": "locales/fr/site.ftl", "line": 12, "column": 1, "message_id": "fallback-notice"}),
    );
    assert!(d["message"].as_str().unwrap().contains("$count"), "{d}");
}

#[test]
fn rule_unknown_reference() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "owls = Hiboux\n",
        "owls = { -marque } Hiboux\n",
    );
    edit(
        &site,
        FR_PAGE,
        "eyes = Yeux\n",
        "eyes = { yeux-du-hibou }\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["unknown-reference"]);
    let found = with_code(&report, "unknown-reference");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_fields(
        found[0],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 3, "column": 1, "message_id": "owls"}),
    );
    assert!(
        found[0]["message"].as_str().unwrap().contains("-marque"),
        "{}",
        found[0]
    );
    assert_fields(
        found[1],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 5, "column": 1, "message_id": "eyes"}),
    );
    assert!(
        found[1]["message"]
            .as_str()
            .unwrap()
            .contains("yeux-du-hibou"),
        "{}",
        found[1]
    );
}

#[test]
fn rule_plural_categories() {
    let site = clean_site();
    // French needs `one` (0 and 1) and `other`; a select on the exact number 0 misses `one`.
    edit(
        &site,
        "locales/fr/site.ftl",
        "        [one] { $count } passage de cette page n’est pas encore traduit.\n        [many] { $count } de passages de cette page ne sont pas encore traduits.\n",
        "        [0] Aucun passage n’est traduit.\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "plural-categories is a warning");
    assert_codes(&report, &["plural-categories"]);
    let d = the_one(&report, "plural-categories");
    assert_fields(
        d,
        json!({"severity": "warning", "locale": "fr", "file": "locales/fr/site.ftl", "line": 12, "column": 1, "message_id": "fallback-notice"}),
    );
    assert!(d["message"].as_str().unwrap().contains("`one`"), "{d}");
}

#[test]
fn rule_link_mismatch() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "(https://owls.example/)",
        "(https://other.example/)",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["link-mismatch"]);
    let d = the_one(&report, "link-mismatch");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 6, "column": 1, "message_id": "eyes-their-eyes-are-fixed"}),
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("https://owls.example/") && message.contains("https://other.example/"),
        "{d}"
    );
    assert_fields(
        locale_stats(&report, "fr"),
        json!({"translated": 5, "total": 6}),
    );
}

#[test]
fn rule_markup_mismatch() {
    let site = clean_site();
    edit(&site, FR_PAGE, "chassent la nuit", "chassent *la nuit*");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "markup-mismatch is a warning");
    assert_codes(&report, &["markup-mismatch"]);
    assert_fields(
        the_one(&report, "markup-mismatch"),
        json!({"severity": "warning", "locale": "fr", "file": FR_PAGE, "line": 4, "column": 1, "message_id": "owls-owls-hunt-at-night"}),
    );
}

#[test]
fn rule_raw_html() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "chassent la nuit",
        "chassent <b>la nuit</b>",
    );
    // A tag in the (plain-text) title counts too, even one a paragraph may add; a
    // character reference is text.
    edit(
        &site,
        FR_PAGE,
        "page-title = Hiboux",
        "page-title = Hiboux &amp; <span lang=\"fr\">chouettes</span>",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["raw-html"]);
    let found = with_code(&report, "raw-html");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_fields(
        found[0],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 1, "column": 1, "message_id": "page-title"}),
    );
    assert_fields(
        found[1],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 4, "column": 1, "message_id": "owls-owls-hunt-at-night"}),
    );
}

#[test]
fn rule_number_mismatch() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "Il existe 250 espèces",
        "Il existe 200 espèces",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "number-mismatch is a warning");
    assert_codes(&report, &["number-mismatch"]);
    let d = the_one(&report, "number-mismatch");
    assert_fields(
        d,
        json!({"severity": "warning", "locale": "fr", "file": FR_PAGE, "line": 4, "column": 1, "message_id": "owls-owls-hunt-at-night"}),
    );
    assert!(d["message"].as_str().unwrap().contains("250"), "{d}");
    // Another grouping of the same digits is the same number.
    edit(
        &site,
        FR_PAGE,
        "Il existe 200 espèces",
        "Il existe 0250 espèces",
    );
    let (_, report) = site.lint_json(&[]);
    assert_eq!(
        with_code(&report, "number-mismatch").len(),
        1,
        "0250 is not 250 either"
    );
}

/// The shipped translations write 130,000–200,000 as their languages do (13万, 13만,
/// Thai and fullwidth digits): lint takes them for the source's numbers, and still
/// notices a number that changed.
#[test]
fn number_mismatch_reads_numbers_as_each_language_writes_them() {
    let site = Site::shipped();
    let page = |tag: &str| format!("locales/{tag}/north-korea-human-rights.ftl");
    let id = "human-rights-recent-ngo-studies-suggest";
    for (tag, written) in [
        ("ko", "13만~20만 명"),
        ("zh-Hans", "13万至20万名"),
        ("ja", "13万～20万人"),
    ] {
        assert!(site.read(&page(tag)).contains(written), "{tag}: {written}");
    }
    // Other ways of writing the same numbers.
    edit(
        &site,
        &page("th"),
        "130,000 ถึง 200,000",
        "๑๓๐,๐๐๐ ถึง ๒๐๐,๐๐๐",
    );
    edit(&site, &page("ar"), "130,000 و200,000", "١٣٠٬٠٠٠ و٢٠٠٬٠٠٠");
    edit(&site, &page("es"), "130.000 y 200.000", "130 000 y 200 000");
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(report["diagnostics"], json!([]), "{report:#}");
    assert_eq!(code, 0);
    // A changed number is still a finding, in every way of writing it.
    edit(&site, &page("ko"), "13만~20만 명", "12만~20만 명");
    edit(&site, &page("zh-Hans"), "13万至20万名", "13万至21万名");
    edit(&site, &page("ja"), "13万～20万人", "1.3万～20万人");
    edit(&site, &page("th"), "๑๓๐,๐๐๐", "๑๒๐,๐๐๐");
    let (_, report) = site.lint_json(&[]);
    let found = with_code(&report, "number-mismatch");
    let mut locales: Vec<&str> = found
        .iter()
        .map(|d| d["locale"].as_str().unwrap())
        .collect();
    locales.sort_unstable();
    assert_eq!(locales, ["ja", "ko", "th", "zh-Hans"], "{report:#}");
    for d in found {
        assert_eq!(d["message_id"], id, "{d}");
        let missing = if d["locale"] == "zh-Hans" {
            "200000"
        } else {
            "130000"
        };
        assert!(d["message"].as_str().unwrap().contains(missing), "{d}");
    }
}

#[test]
fn rule_untranslated() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "Les hiboux chassent la nuit. Il existe 250 espèces.",
        "Owls hunt at night. There are 250 species.",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "untranslated is a warning");
    assert_codes(&report, &["untranslated"]);
    assert_fields(
        the_one(&report, "untranslated"),
        json!({"severity": "warning", "locale": "fr", "file": FR_PAGE, "line": 4, "column": 1, "message_id": "owls-owls-hunt-at-night"}),
    );
    // The translator's comment says it is right as it is.
    edit(
        &site,
        FR_PAGE,
        "owls-owls-hunt-at-night =",
        "# fluentpress: allow untranslated\nowls-owls-hunt-at-night =",
    );
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(report["diagnostics"], json!([]), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn rule_empty_message() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "Les hiboux chassent la nuit. Il existe 250 espèces.",
        "{ \"\" }",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["empty-message"]);
    assert_fields(
        the_one(&report, "empty-message"),
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 4, "column": 1, "message_id": "owls-owls-hunt-at-night"}),
    );
}

#[test]
fn rule_stale_reference() {
    let site = clean_site();
    // A new paragraph, and no `extract`.
    append(&site, "content/owls.md", "\nOwls are birds.\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["missing-message", "stale-reference"]);
    assert_fields(
        the_one(&report, "stale-reference"),
        json!({"severity": "error", "locale": "en", "file": REFERENCE, "line": 1, "column": 1, "message_id": null}),
    );
    // The reference lacks the new paragraph, so its missing translation points at the page.
    let d = the_one(&report, "missing-message");
    assert_fields(
        d,
        json!({"severity": "note", "locale": "fr", "file": "content/owls.md", "line": 14, "column": 1}),
    );
    site.run(&["extract"]).ok();
    let (_, report) = site.lint_json(&[]);
    assert_codes(&report, &["missing-message"]);
    assert_fields(
        the_one(&report, "missing-message"),
        json!({"file": REFERENCE, "locale": "fr"}),
    );
}

#[test]
fn rule_stale_reference_of_a_removed_page() {
    let site = clean_site();
    site.write(
        "content/eagles.md",
        "+++\ntitle = \"Eagles\"\ndescription = \"About eagles.\"\n+++\n\n# Eagles\n",
    );
    site.run(&["extract"]).ok();
    site.remove("content/eagles.md");
    let (code, report) = site.lint_json(&["--locale", "en"]);
    assert_eq!(code, 1);
    assert_fields(
        the_one(&report, "stale-reference"),
        json!({"severity": "error", "locale": "en", "file": "locales/en/eagles.ftl", "line": 1, "column": 1}),
    );
}

#[test]
fn rule_missing_alt_in_the_source() {
    let site = clean_site();
    // Line 14: the image starts at column 9.
    add_to_page(&site, "An owl: ![](owl.png)", &["eyes-an-owl"]);
    append(
        &site,
        FR_PAGE,
        "eyes-an-owl = Un hibou : ![un hibou sur une branche](owl.png)\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["missing-alt"]);
    assert_fields(
        the_one(&report, "missing-alt"),
        json!({"severity": "error", "locale": "en", "file": "content/owls.md", "line": 14, "column": 9, "message_id": null}),
    );
}

#[test]
fn rule_missing_alt_on_a_lone_source_image() {
    let site = clean_site();
    // An image alone in its paragraph is an image block: with no alt text it has nothing
    // to translate, and it is an error.
    append(&site, "content/owls.md", "\n![](owl.png)\n");
    site.run(&["extract"]).ok();
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["missing-alt"]);
    assert_fields(
        the_one(&report, "missing-alt"),
        json!({"severity": "error", "locale": "en", "file": "content/owls.md", "line": 14, "column": 1, "message_id": null}),
    );
}

#[test]
fn a_decorative_image_needs_no_alt_text() {
    let site = clean_site();
    append(
        &site,
        "content/owls.md",
        "\n![](border.png \"decorative\")\n",
    );
    site.run(&["extract"]).ok();
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(report["diagnostics"], json!([]), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn rule_missing_alt_in_a_translation() {
    let site = clean_site();
    add_to_page(
        &site,
        "![An owl on a branch](owl.png)\n\nAn owl: ![an owl](owl.png)",
        &["eyes-image-an-owl-on-a", "eyes-an-owl-an-owl"],
    );
    // Line 7: the alt text of the image block translated as nothing; line 8: an image
    // inside a paragraph that lost its alt text.
    append(
        &site,
        FR_PAGE,
        "eyes-image-an-owl-on-a = { \"\" }\neyes-an-owl-an-owl = Un hibou : ![](owl.png)\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["missing-alt"]);
    let found = with_code(&report, "missing-alt");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_fields(
        found[0],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 7, "column": 1, "message_id": "eyes-image-an-owl-on-a"}),
    );
    assert_fields(
        found[1],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 8, "column": 1, "message_id": "eyes-an-owl-an-owl"}),
    );
}

#[test]
fn rule_heading_skip_jump() {
    let site = clean_site();
    // Line 14: `#### Deep` after `## Eyes`; headings are reported where their `#` is.
    add_to_page(
        &site,
        "#### Deep\n\nDeep text.",
        &["deep", "deep-deep-text"],
    );
    append(
        &site,
        FR_PAGE,
        "deep = Profond\ndeep-deep-text = Texte profond.\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "heading-skip is a warning");
    assert_codes(&report, &["heading-skip"]);
    let d = the_one(&report, "heading-skip");
    assert_fields(
        d,
        json!({"severity": "warning", "locale": "en", "file": "content/owls.md", "line": 14, "column": 1, "message_id": null}),
    );
    assert!(d["message"].as_str().unwrap().contains("h2 to h4"), "{d}");
}

#[test]
fn rule_heading_skip_two_h1() {
    let site = clean_site();
    add_to_page(
        &site,
        "# Again\n\nMore text.",
        &["again", "again-more-text"],
    );
    append(
        &site,
        FR_PAGE,
        "again = Encore\nagain-more-text = Plus de texte.\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "heading-skip is a warning");
    assert_codes(&report, &["heading-skip"]);
    let d = the_one(&report, "heading-skip");
    assert_fields(
        d,
        json!({"severity": "warning", "locale": "en", "file": "content/owls.md", "line": 14, "column": 1, "message_id": null}),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("more than one level-1 heading"),
        "{d}"
    );
}

#[test]
fn rule_generic_link_text_in_the_source() {
    let site = clean_site();
    // Line 14; the link starts at column 6.
    add_to_page(
        &site,
        "Read [here](https://owls.example/more).",
        &["eyes-read-here"],
    );
    append(
        &site,
        FR_PAGE,
        "eyes-read-here = Lire [le guide des hiboux](https://owls.example/more).\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "generic-link-text is a warning");
    assert_codes(&report, &["generic-link-text"]);
    assert_fields(
        the_one(&report, "generic-link-text"),
        json!({"severity": "warning", "locale": "en", "file": "content/owls.md", "line": 14, "column": 6, "message_id": null}),
    );
}

#[test]
fn rule_generic_link_text_in_a_translation() {
    let site = clean_site();
    edit(&site, FR_PAGE, "[le refuge des hiboux]", "[ici]");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "generic-link-text is a warning");
    assert_codes(&report, &["generic-link-text"]);
    let d = the_one(&report, "generic-link-text");
    assert_fields(
        d,
        json!({"severity": "warning", "locale": "fr", "file": FR_PAGE, "line": 6, "column": 1, "message_id": "eyes-their-eyes-are-fixed"}),
    );
    assert!(d["message"].as_str().unwrap().contains("\"ici\""), "{d}");
    // Korean is recognised in any locale's file.
    edit(&site, FR_PAGE, "[ici]", "[여기]");
    let (_, report) = site.lint_json(&[]);
    assert!(
        the_one(&report, "generic-link-text")["message"]
            .as_str()
            .unwrap()
            .contains("여기")
    );
}

/// The hash in the `# fluentpress: …; source HASH` comment above `id` in the reference.
fn reference_hash(site: &Site, id: &str) -> String {
    let reference = site.read(REFERENCE);
    let lines: Vec<&str> = reference.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{id} =")))
        .unwrap();
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.split("; source ").nth(1))
        .unwrap_or_else(|| panic!("no source hash above {id}:\n{reference}"))
        .trim()
        .to_string()
}

#[test]
fn rule_outdated() {
    let site = clean_site();
    let old_hash = reference_hash(&site, "owls-owls-hunt-at-night");
    edit(
        &site,
        FR_PAGE,
        "owls-owls-hunt-at-night =",
        &format!("# fluentpress: source {old_hash}\nowls-owls-hunt-at-night ="),
    );
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(
        report["diagnostics"],
        json!([]),
        "a current hash is not outdated:\n{report:#}"
    );
    assert_eq!(code, 0);
    // The source paragraph changes after the translation was made.
    edit(
        &site,
        "content/owls.md",
        "There are 250 species.",
        "There are about 250 species.",
    );
    site.run(&["extract"]).ok();
    let new_hash = reference_hash(&site, "owls-owls-hunt-at-night");
    assert_ne!(old_hash, new_hash);
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "outdated is coverage, not a fault");
    assert_eq!(site.lint_json(&["--deny", "warnings"]).0, 0);
    assert_codes(&report, &["outdated"]);
    let d = the_one(&report, "outdated");
    // Line 4 is the comment; the message is on line 5.
    assert_fields(
        d,
        json!({"severity": "note", "locale": "fr", "file": FR_PAGE, "line": 5, "column": 1, "message_id": "owls-owls-hunt-at-night"}),
    );
    assert_eq!(
        d["notes"],
        json!([
            "old source: Owls hunt at night. There are 250 species.",
            "new source: Owls hunt at night. There are about 250 species.",
            "changed: Owls hunt at night. There are {+about+} 250 species."
        ])
    );
    let help = d["help"].as_str().unwrap();
    assert!(help.contains(&old_hash) && help.contains(&new_hash), "{d}");
    // The build shows the current source text instead (the default policy).
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/owls.html");
    assert!(
        html.contains(r#"<p lang="en">Owls hunt at night. There are about 250 species.</p>"#),
        "{html}"
    );
    assert!(!html.contains("Les hiboux chassent"), "{html}");
}

#[test]
fn an_outdated_translation_marked_current_lints_clean() {
    let site = clean_site();
    let old_hash = reference_hash(&site, "owls-owls-hunt-at-night");
    edit(
        &site,
        FR_PAGE,
        "owls-owls-hunt-at-night =",
        &format!("# fluentpress: source {old_hash}\nowls-owls-hunt-at-night ="),
    );
    edit(
        &site,
        "content/owls.md",
        "There are 250 species.",
        "There are about 250 species.",
    );
    site.run(&["extract"]).ok();
    let new_hash = reference_hash(&site, "owls-owls-hunt-at-night");
    assert_eq!(with_code(&site.lint_json(&[]).1, "outdated").len(), 1);
    // The translator does what the help says: updates the text and the hash.
    edit(
        &site,
        FR_PAGE,
        "Il existe 250 espèces",
        "Il existe environ 250 espèces",
    );
    edit(&site, FR_PAGE, &old_hash, &new_hash);
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(report["diagnostics"], json!([]), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn rule_unsafe_url() {
    let site = clean_site();
    // Line 14; the link starts at column 8.
    add_to_page(
        &site,
        "Do not [click me](javascript:alert(1)).",
        &["eyes-do-not-click-me"],
    );
    append(
        &site,
        FR_PAGE,
        "eyes-do-not-click-me = Ne [cliquez pas](javascript:alert(1)).\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["unsafe-url"]);
    let d = the_one(&report, "unsafe-url");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "en", "file": "content/owls.md", "line": 14, "column": 8, "message_id": null}),
    );
    assert!(
        d["message"].as_str().unwrap().contains("javascript:"),
        "{d}"
    );
    // Never published as a link.
    site.run(&["build"]).ok();
    for edition in ["en", "fr"] {
        let html = site.read(&format!("dist/{edition}/owls.html"));
        assert!(!html.contains("javascript:"), "{edition}: {html}");
    }
}

#[test]
fn rule_broken_link() {
    let site = clean_site();
    site.write("content/guide/intro.md", "+++\ntitle = \"Guide\"\ndescription = \"A guide.\"\n+++\n\n# Guide\n\n## Next steps\n\nBack to [the owls](../owls.md#eyes).\n");
    // Line 14: four links, the last three broken (columns 45, 70 and 95).
    add_to_page(
        &site,
        "See [the guide](guide/intro.md#next-steps), [elsewhere](nothere.md), [the root](/owls.md) and [a place](owls.md#nope).",
        &["eyes-see-the-guide-elsewhere"],
    );
    append(
        &site,
        FR_PAGE,
        "eyes-see-the-guide-elsewhere = Voir [le guide](guide/intro.md#next-steps), [ailleurs](nothere.md), [la racine](/owls.md) et [un endroit](owls.md#nope).\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    let found = with_code(&report, "broken-link");
    let at: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        vec![
            ("content/owls.md", 14, 45),
            ("content/owls.md", 14, 70),
            ("content/owls.md", 14, 95),
            (FR_PAGE, 7, 1),
            (FR_PAGE, 7, 1),
            (FR_PAGE, 7, 1),
        ],
        "{report:#}"
    );
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("nothere.md"), "{messages:?}");
    assert!(messages[1].contains("root-relative"), "{messages:?}");
    assert!(messages[2].contains("#nope"), "{messages:?}");
    assert_eq!(found[3]["locale"], "fr");
    assert_eq!(found[3]["severity"], "error");
    assert!(with_code(&report, "link-mismatch").is_empty(), "{report:#}");
}

#[test]
fn rule_missing_file() {
    let site = clean_site();
    // Line 14: an image and a file that are not in content/; line 16: an image block;
    // line 18: a footnote with an image, checked like the rest.
    add_to_page(
        &site,
        "An owl: ![an owl](owl.png), a map: ![a map](map.png), [the report](files/report.pdf).\n\n![A nest](nest.jpg)\n\nNote.[^n]\n\n[^n]: An egg: ![](egg.png)",
        &["eyes-an-owl-an-owl"],
    );
    append(
        &site,
        FR_PAGE,
        "eyes-an-owl-an-owl = Un hibou : ![un hibou](owl.png), une carte : ![une carte](map.png), [le rapport](files/report.pdf).\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    let found = with_code(&report, "missing-file");
    let at: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        vec![
            ("content/owls.md", 14, 36),
            ("content/owls.md", 14, 55),
            ("content/owls.md", 16, 1),
            ("content/owls.md", 20, 15),
            (FR_PAGE, 7, 1),
            (FR_PAGE, 7, 1),
        ],
        "{report:#}"
    );
    // The footnote's image without alt text is found too.
    let alt = with_code(&report, "missing-alt");
    assert!(alt.iter().any(|d| d["line"] == 20), "{report:#}");
}

#[test]
fn rule_invalid_locale() {
    let site = clean_site();
    site.write("locales/fr_CA/site.ftl", FR_SITE);
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["invalid-locale"]);
    let d = the_one(&report, "invalid-locale");
    assert_fields(
        d,
        json!({"severity": "error", "locale": null, "file": "locales/fr_CA", "line": 1, "column": 1, "message_id": null}),
    );
    assert!(d["message"].as_str().unwrap().contains("fr_CA"), "{d}");
    assert_eq!(
        report["locales"].as_array().unwrap().len(),
        2,
        "the directory is skipped"
    );
}

#[test]
fn rule_duplicate_locale() {
    let site = clean_site();
    for dir in ["locales/zh-Hans", "locales/zh-hans"] {
        site.write(&format!("{dir}/site.ftl"), FR_SITE);
        site.write(&format!("{dir}/owls.ftl"), FR_OWLS);
    }
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["duplicate-locale"]);
    let d = the_one(&report, "duplicate-locale");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "zh-Hans", "file": "locales/zh-hans", "line": 1, "column": 1, "message_id": null}),
    );
    assert!(
        d["message"].as_str().unwrap().contains("locales/zh-Hans"),
        "names the directory used: {d}"
    );
    let tags: Vec<&str> = report["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["locale"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["en", "fr", "zh-Hans"]);
}

/// The French page file with one byte that is not UTF-8, at line 3, column 11 (the byte
/// after "owls = Hib").
fn write_fr_page_with_an_invalid_byte(site: &Site) {
    let bytes: Vec<u8> = FR_OWLS
        .replace("owls = Hiboux", "owls = Hib#oux")
        .bytes()
        .map(|b| if b == b'#' { 0xff } else { b })
        .collect();
    site.write_bytes(FR_PAGE, &bytes);
}

#[test]
fn rule_invalid_utf8_in_a_translation() {
    let site = clean_site();
    // Line 3, column 11: the byte after "owls = Hib".
    write_fr_page_with_an_invalid_byte(&site);
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    // The file is not loaded, so each of its messages is missing.
    assert_codes(&report, &["invalid-utf8", "missing-message"]);
    assert_fields(
        the_one(&report, "invalid-utf8"),
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 3, "column": 11, "message_id": null}),
    );
    assert_eq!(with_code(&report, "missing-message").len(), 6);
}

#[test]
fn rule_invalid_utf8_in_a_page() {
    let site = clean_site();
    site.write_bytes(
        "content/broken.md",
        b"+++\ntitle = \"Broken\"\ndescription = \"x\"\n+++\n\nab\xfe cd\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["invalid-utf8"]);
    assert_fields(
        the_one(&report, "invalid-utf8"),
        json!({"severity": "error", "file": "content/broken.md", "line": 6, "column": 3, "message_id": null}),
    );
}

#[test]
fn rule_io_error() {
    let site = clean_site();
    // A FIFO named like a Fluent file cannot be read as one, even by root (a symbolic
    // link is never read at all: `path-problem`).
    let made = std::process::Command::new("mkfifo")
        .arg(site.path().join("locales/fr/x.ftl"))
        .status()
        .unwrap();
    assert!(made.success());
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["io-error"]);
    let d = the_one(&report, "io-error");
    assert_fields(
        d,
        json!({"severity": "error", "locale": "fr", "file": "locales/fr/x.ftl", "line": 1, "column": 1, "message_id": null}),
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot read the file"),
        "{d}"
    );
}

#[test]
fn rule_io_error_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let site = clean_site();
    site.write("locales/fr/notes.ftl", "note = Une note\n");
    let path = site.path().join("locales/fr/notes.ftl");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root (or with CAP_DAC_OVERRIDE): permissions do not stop reading,
        // so there is no error to see. `rule_io_error` covers the rule with a dangling link.
        eprintln!("rule_io_error_unreadable_file: permissions are not enforced here; skipped");
        return;
    }
    let (code, report) = site.lint_json(&[]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(code, 1);
    assert_codes(&report, &["io-error"]);
    assert_fields(
        the_one(&report, "io-error"),
        json!({"severity": "error", "locale": "fr", "file": "locales/fr/notes.ftl", "line": 1, "column": 1}),
    );
}

#[test]
fn rule_front_matter_missing_description() {
    let site = clean_site();
    edit(
        &site,
        "content/owls.md",
        "description = \"All about owls.\"\n",
        "",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    let d = the_one(&report, "front-matter");
    assert_fields(
        d,
        json!({"severity": "error", "file": "content/owls.md", "line": 1, "column": 1, "message_id": null}),
    );
    assert!(
        d["message"].as_str().unwrap().contains("`description`"),
        "{d}"
    );
}

#[test]
fn rule_front_matter_other_generators_keys_are_ignored() {
    let site = clean_site();
    // What Hugo, Jekyll and Docusaurus pages carry.
    edit(
        &site,
        "content/owls.md",
        "+++\n\n",
        "author = \"Jo\"\nlayout = \"page\"\nlang = \"en\"\nclass = \"wide\"\norder = 2\nimage = \"owl.png\"\nrelated = [\"a\"]\ntags = [\"birds\"]\ndate = 2024-01-02\naliases = [\"/old/\"]\n+++\n\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["diagnostics"], json!([]));
}

#[test]
fn rule_front_matter_misspelt_key() {
    let site = clean_site();
    // Line 4: `titel`, probably `title`: a warning, and the key is ignored.
    edit(
        &site,
        "content/owls.md",
        "+++\n\n",
        "titel = \"Owls!\"\n+++\n\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    assert_codes(&report, &["front-matter"]);
    let d = the_one(&report, "front-matter");
    assert_fields(
        d,
        json!({"severity": "warning", "file": "content/owls.md", "line": 4, "column": 1}),
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `title`?"),
        "{d}"
    );
}

#[test]
fn yaml_front_matter_as_jekyll_and_hugo_write_it() {
    let site = clean_site();
    let page = site.read("content/owls.md").replace(
        "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n",
        "---\ntitle: Owls\ndescription: \"All about owls.\"\nlayout: post\ntags: [birds, night]\ndate: 2024-01-02\nweight: 2\n---\n",
    );
    assert!(page.starts_with("---\n"), "{page}");
    site.write("content/owls.md", &page);
    // The same page, so the same reference file: nothing stale, nothing to translate anew.
    let (code, report) = site.lint_json(&[]);
    assert_eq!(report["diagnostics"], json!([]), "{report:#}");
    assert_eq!(code, 0);
    site.run(&["extract", "--check"]).ok();
    site.run(&["build"]).ok();
    let html = site.read("dist/en/owls.html");
    assert!(html.contains("<title>Owls – "), "{html}");
    assert!(
        !html.contains("layout: post") && !html.contains("<hr"),
        "{html}"
    );
    // The title does not take the first heading's id.
    assert!(html.contains(r#"<h1 id="owls">Owls</h1>"#), "{html}");
    // Bad YAML is an error at its line.
    site.write(
        "content/owls.md",
        &page.replace("layout: post", "layout: [post"),
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    let d = the_one(&report, "front-matter");
    assert!(
        d["message"].as_str().unwrap().contains("not valid YAML"),
        "{d}"
    );
    assert!(d["line"].as_u64().unwrap() >= 4, "{d}");
}

#[test]
fn draft_pages_are_not_published() {
    let site = clean_site();
    site.write(
        "content/soon.md",
        "---\ntitle: Soon\ndraft: true\n---\n\n# Soon\n\nNot yet.\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["diagnostics"], json!([]));
    site.run(&["extract"]).ok();
    assert!(!site.exists("locales/en/soon.ftl"));
    site.run(&["build"]).ok();
    assert!(!site.exists("dist/en/soon.html"));
    // Published once it is no longer a draft (TOML says it the same way).
    site.write(
        "content/soon.md",
        "+++\ntitle = \"Soon\"\ndescription = \"Soon.\"\ndraft = false\n+++\n\n# Soon\n\nNow.\n",
    );
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    assert!(site.exists("dist/en/soon.html"));
}

#[test]
fn rule_path_problem_symlinked_page() {
    let site = clean_site();
    std::os::unix::fs::symlink("owls.md", site.path().join("content/link.md")).unwrap();
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["path-problem"]);
    assert_fields(
        the_one(&report, "path-problem"),
        json!({"severity": "error", "locale": "en", "file": "content/link.md", "line": 1, "column": 1, "message_id": null}),
    );
}

#[test]
fn rule_path_problem_pages_differing_only_in_case() {
    let site = clean_site();
    site.write("content/OWLS.md", PAGE);
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    let d = the_one(&report, "path-problem");
    // One of the two is refused, and the message names both.
    let file = d["file"].as_str().unwrap();
    assert!(
        file == "content/owls.md" || file == "content/OWLS.md",
        "{d}"
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("content/owls.md") && message.contains("content/OWLS.md"),
        "{d}"
    );
    assert_fields(d, json!({"severity": "error", "line": 1, "column": 1}));
}

#[test]
fn rule_path_problem_reserved_name() {
    let site = clean_site();
    site.write(
        "content/index.md",
        "+++\ntitle = \"Index\"\ndescription = \"x\"\n+++\n\nText.\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["path-problem"]);
    assert_fields(
        the_one(&report, "path-problem"),
        json!({"severity": "error", "file": "content/index.md", "line": 1, "column": 1}),
    );
}

#[test]
fn rule_byte_order_mark() {
    let site = clean_site();
    site.write(FR_PAGE, &format!("\u{feff}{FR_OWLS}"));
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "byte-order-mark is a warning");
    assert_codes(&report, &["byte-order-mark"]);
    assert_fields(
        the_one(&report, "byte-order-mark"),
        json!({"severity": "warning", "locale": "fr", "file": FR_PAGE, "line": 1, "column": 1, "message_id": null}),
    );
    // The same in a page.
    site.write("content/owls.md", &format!("\u{feff}{PAGE}"));
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    let found = with_code(&report, "byte-order-mark");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_fields(
        found[0],
        json!({"severity": "warning", "file": "content/owls.md", "line": 1, "column": 1}),
    );
}

#[test]
fn rule_format_error() {
    let site = clean_site();
    // Two segments of the page that refer to each other.
    edit(&site, FR_PAGE, "owls = Hiboux\n", "owls = { eyes }\n");
    edit(&site, FR_PAGE, "eyes = Yeux\n", "eyes = { owls }\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["format-error"]);
    let found = with_code(&report, "format-error");
    assert_eq!(found.len(), 2, "{report:#}");
    assert_fields(
        found[0],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 3, "column": 1, "message_id": "owls"}),
    );
    assert_fields(
        found[1],
        json!({"severity": "error", "locale": "fr", "file": FR_PAGE, "line": 5, "column": 1, "message_id": "eyes"}),
    );
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("cycl"),
        "{}",
        found[0]
    );
}

// ---------------------------------------------------------------------------------------
// Lint and the build.

#[test]
fn strict_build_with_a_lint_error_keeps_the_previous_output() {
    let site = clean_site();
    site.run(&["build"]).ok();
    let before = site.tree("dist");
    edit(
        &site,
        FR_PAGE,
        "chassent la nuit",
        "chassent <b>la nuit</b>",
    );
    let run = site.run(&["build", "--strict"]).code(1).no_panic();
    assert!(run.stderr.contains("--strict"), "{}", run.stderr);
    assert!(
        site.tree("dist") == before,
        "dist changed after a failed strict build"
    );
    // Without --strict the build publishes.
    site.run(&["build"]).ok();
    assert!(
        site.tree("dist") != before,
        "a plain build publishes despite lint errors"
    );
}

#[test]
fn strict_build_without_errors_publishes() {
    let site = clean_site();
    // A warning does not stop a strict build.
    edit(
        &site,
        FR_PAGE,
        "Il existe 250 espèces",
        "Il existe 200 espèces",
    );
    site.run(&["build", "--strict"]).ok();
    assert!(
        site.read("dist/fr/owls.html")
            .contains("Il existe 200 espèces")
    );
}

#[test]
fn a_translation_with_raw_html_is_shown_as_the_source_text() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "chassent la nuit",
        "chassent <b>la nuit</b>",
    );
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/owls.html");
    assert!(!html.contains("Les hiboux chassent"), "{html}");
    assert!(!html.contains("<b>la nuit</b>"), "{html}");
    assert!(
        html.contains(r#"<p lang="en">Owls hunt at night. There are 250 species.</p>"#),
        "{html}"
    );
    // The rest of the translation is shown.
    assert!(html.contains("Leurs yeux sont fixes"), "{html}");
    let text = site.read("dist/fr/owls.txt");
    assert!(
        !text.contains("Les hiboux chassent") && !text.contains("<b>"),
        "{text}"
    );
    assert!(text.contains("Owls hunt at night."), "{text}");
}

#[test]
fn a_translation_with_other_links_is_shown_as_the_source_text() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "(https://owls.example/)",
        "(https://other.example/)",
    );
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/owls.html");
    assert!(
        !html.contains("Leurs yeux") && !html.contains("other.example"),
        "{html}"
    );
    assert!(
        html.contains(r#"<p lang="en">Their eyes are fixed in place; see <a href="https://owls.example/">the owl trust</a>.</p>"#),
        "{html}"
    );
    assert!(html.contains("Les hiboux chassent la nuit."), "{html}");
}

// ---------------------------------------------------------------------------------------
// Severity controls.

/// The clean site with one warning (untranslated) and one note (missing-message).
fn site_with_a_warning_and_an_error() -> Site {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "Les hiboux chassent la nuit. Il existe 250 espèces.",
        "Owls hunt at night. There are 250 species.",
    );
    edit(&site, FR_PAGE, "eyes = Yeux\n", "");
    site
}

fn severities(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn default_severities() {
    let site = site_with_a_warning_and_an_error();
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    // Sorted by file: the reference (missing-message) before the translation.
    assert_eq!(
        severities(&report),
        pairs(&[("missing-message", "note"), ("untranslated", "warning")])
    );
    // --deny warnings raises warnings, not coverage notes.
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(code, 1);
    assert_eq!(
        severities(&report),
        pairs(&[("missing-message", "note"), ("untranslated", "error")])
    );
}

#[test]
fn deny_makes_a_warning_an_error() {
    let site = clean_site();
    edit(
        &site,
        FR_PAGE,
        "Les hiboux chassent la nuit. Il existe 250 espèces.",
        "Owls hunt at night. There are 250 species.",
    );
    assert_eq!(site.lint_json(&[]).0, 0);
    let (code, report) = site.lint_json(&["--deny", "untranslated"]);
    assert_eq!(code, 1);
    assert_eq!(severities(&report), pairs(&[("untranslated", "error")]));
    assert_fields(
        locale_stats(&report, "fr"),
        json!({"errors": 1, "warnings": 0}),
    );
    let (code, report) = site.lint_json(&["--deny", "warnings"]);
    assert_eq!(code, 1);
    assert_eq!(severities(&report), pairs(&[("untranslated", "error")]));
    // Another rule denied leaves this warning alone.
    let (code, report) = site.lint_json(&["--deny", "number-mismatch"]);
    assert_eq!(code, 0);
    assert_eq!(severities(&report), pairs(&[("untranslated", "warning")]));
}

#[test]
fn allow_removes_a_rule() {
    let site = site_with_a_warning_and_an_error();
    let (code, report) = site.lint_json(&["--allow", "missing-message"]);
    assert_eq!(code, 0);
    assert_eq!(severities(&report), pairs(&[("untranslated", "warning")]));
    let (code, report) = site.lint_json(&["--allow", "missing-message", "--allow", "untranslated"]);
    assert_eq!(code, 0);
    assert_eq!(report["diagnostics"], json!([]));
}

#[test]
fn warn_makes_an_error_a_warning() {
    let site = site_with_a_warning_and_an_error();
    let (code, report) = site.lint_json(&["--warn", "missing-message"]);
    assert_eq!(code, 0);
    assert_eq!(
        severities(&report),
        pairs(&[("missing-message", "warning"), ("untranslated", "warning")])
    );
    // --deny warnings still applies to it.
    let (code, report) = site.lint_json(&["--warn", "missing-message", "--deny", "warnings"]);
    assert_eq!(code, 1);
    assert_eq!(
        severities(&report),
        pairs(&[("missing-message", "error"), ("untranslated", "error")])
    );
}

#[test]
fn lint_settings_from_the_configuration() {
    let site = site_with_a_warning_and_an_error();
    site.write("fluentpress.toml", "[lint]\ndeny = [\"untranslated\"]\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        severities(&report),
        pairs(&[("missing-message", "note"), ("untranslated", "error")])
    );
    site.write(
        "fluentpress.toml",
        "[lint]\nallow = [\"missing-message\"]\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(severities(&report), pairs(&[("untranslated", "warning")]));
    site.write(
        "fluentpress.toml",
        "[lint]\nallow = [\"missing-message\"]\ndeny = [\"warnings\"]\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(severities(&report), pairs(&[("untranslated", "error")]));
    site.write("fluentpress.toml", "[lint]\nwarn = [\"missing-message\"]\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        severities(&report),
        pairs(&[("missing-message", "warning"), ("untranslated", "warning")])
    );
}

#[test]
fn the_command_line_overrides_the_configuration() {
    let site = site_with_a_warning_and_an_error();
    site.write(
        "fluentpress.toml",
        "[lint]\ndeny = [\"untranslated\"]\nallow = [\"missing-message\"]\n",
    );
    let (code, report) = site.lint_json(&["--allow", "untranslated", "--deny", "missing-message"]);
    assert_eq!(code, 1);
    assert_eq!(severities(&report), pairs(&[("missing-message", "error")]));
    let (code, report) = site.lint_json(&["--warn", "untranslated"]);
    assert_eq!(code, 0);
    assert_eq!(severities(&report), pairs(&[("untranslated", "warning")]));
}

#[test]
fn missing_messages_are_coverage_in_every_locale() {
    let site = clean_site();
    edit(&site, FR_PAGE, "eyes = Yeux\n", "");
    // A second locale with nothing translated yet.
    site.write(
        "locales/de/site.ftl",
        &FR_SITE.replace("language-name = Français", "language-name = Deutsch"),
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    let missing = with_code(&report, "missing-message");
    assert_eq!(
        missing.iter().filter(|d| d["locale"] == "fr").count(),
        1,
        "{report:#}"
    );
    assert_eq!(
        missing.iter().filter(|d| d["locale"] == "de").count(),
        6,
        "{report:#}"
    );
    assert!(
        missing.iter().all(|d| d["severity"] == "note"),
        "{report:#}"
    );
    assert_fields(
        locale_stats(&report, "de"),
        json!({"translated": 0, "missing": 6, "errors": 0, "warnings": 0}),
    );
    // Errors stay errors: a translation with HTML in it.
    edit(
        &site,
        FR_PAGE,
        "chassent la nuit",
        "chassent <b>la nuit</b>",
    );
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 1);
    assert_eq!(the_one(&report, "raw-html")["severity"], "error");
    // A gate for the site, with the locale in progress exempt from it.
    edit(
        &site,
        FR_PAGE,
        "chassent <b>la nuit</b>",
        "chassent la nuit",
    );
    site.write(
        "fluentpress.toml",
        "[lint]\nmin_coverage = 50\n[locales.de]\nwork_in_progress = true\n",
    );
    assert_eq!(site.lint_json(&[]).0, 0);
    site.write("fluentpress.toml", "[lint]\nmin_coverage = 50\n");
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(the_one(&report, "min-coverage")["locale"], "de");
}

#[test]
fn unknown_codes_are_usage_errors_with_a_suggestion() {
    let site = clean_site();
    for option in ["--deny", "--allow", "--warn"] {
        let run = site
            .run(&["lint", option, "missing-mesage"])
            .code(2)
            .no_panic();
        assert!(
            run.stderr.contains("did you mean `missing-message`?"),
            "{option}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    let run = site.run(&["lint", "--deny", "warning"]).code(2);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    site.write("fluentpress.toml", "[lint]\ndeny = [\"untranslatd\"]\n");
    let run = site.run(&["lint"]).code(2).no_panic();
    assert!(
        run.stderr.contains("fluentpress.toml:2:")
            && run.stderr.contains("did you mean `untranslated`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn locale_option_limits_the_report() {
    let site = clean_site();
    edit(&site, FR_PAGE, "eyes = Yeux\n", "");
    site.write(
        "locales/de/site.ftl",
        &FR_SITE.replace("language-name = Français", "language-name = Deutsch"),
    );
    site.write(
        "content/notes.md",
        "+++\ntitle = \"Notes\"\n+++\n\n# Notes\n",
    );
    let (code, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(code, 0);
    for d in report["diagnostics"].as_array().unwrap() {
        assert!(d["locale"] == "fr" || d["locale"].is_null(), "{d}");
    }
    assert!(
        with_code(&report, "missing-message")
            .iter()
            .any(|d| d["message_id"] == "eyes")
    );
    // Problems of the source content belong to the source locale (en), not to fr.
    assert!(with_code(&report, "front-matter").is_empty(), "{report:#}");
    let (_, en) = site.lint_json(&["--locale", "en"]);
    assert_eq!(with_code(&en, "front-matter").len(), 1, "{en:#}");
    let tags: Vec<&str> = report["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["locale"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["fr"]);
    let run = site.run(&["lint", "--locale", "xx"]).code(2).no_panic();
    assert!(run.stderr.contains("xx"), "{}", run.stderr);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let empty = Site::empty();
    let run = empty.run(&["lint"]).code(2).no_panic();
    assert!(run.stderr.contains("content"), "{}", run.stderr);
    let site = clean_site();
    site.run(&["lint", "--format", "xml"]).code(2).no_panic();
    site.write("fluentpress.toml", "[lint]\ndeny = \"warnings\"\n");
    site.run(&["lint"]).code(2).no_panic();
}

// ---------------------------------------------------------------------------------------
// --explain.

#[test]
fn explain_a_code() {
    let site = Site::empty();
    let run = site
        .run(&["lint", "--explain", "missing-message"])
        .ok()
        .no_panic();
    assert!(
        run.stdout
            .starts_with("missing-message (note by default)\n\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("min-coverage"), "{}", run.stdout);
    let run = site.run(&["lint", "--explain", "outdated"]).ok();
    assert!(
        run.stdout.starts_with("outdated (note by default)"),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_an_unknown_code() {
    let site = Site::empty();
    let run = site.run(&["lint", "--explain", "nope"]).code(2).no_panic();
    assert!(
        run.stderr.contains("unknown lint rule `nope`"),
        "{}",
        run.stderr
    );
    let run = site.run(&["lint", "--explain", "outdatd"]).code(2);
    assert!(
        run.stderr.contains("did you mean `outdated`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_lists_every_code() {
    let site = Site::empty();
    let run = site.run(&["lint", "--explain"]).ok().no_panic();
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(listed, CODES, "{}", run.stdout);
    for line in run.stdout.lines() {
        let severity = line.split_whitespace().nth(1).unwrap_or("");
        assert!(
            severity == "error" || severity == "warning" || severity == "note",
            "{line}"
        );
        assert!(line.ends_with('.'), "{line}");
    }
}

// ---------------------------------------------------------------------------------------
// The output formats.

/// A site with a handful of different findings in three files: an error with help, a
/// warning with notes and help, a content warning, a translation warning.
fn formats_site() -> Site {
    let site = clean_site();
    add_to_page(
        &site,
        "Read [here](https://owls.example/more).",
        &["eyes-read-here"],
    );
    append(
        &site,
        FR_PAGE,
        "eyes-read-here = Lire [ici](https://owls.example/more).\n",
    );
    edit(&site, FR_PAGE, "eyes = Yeux\n", "");
    edit(
        &site,
        FR_PAGE,
        "Il existe 250 espèces",
        "Il existe 200 espèces",
    );
    edit(
        &site,
        FR_PAGE,
        "owls = Hiboux\n",
        "owls = Hiboux ({ $n })\n",
    );
    edit(
        &site,
        FR_PAGE,
        "eyes-their-eyes-are-fixed =",
        "# fluentpress: source 0badc0de\neyes-their-eyes-are-fixed =",
    );
    site
}

#[test]
fn human_format() {
    let site = formats_site();
    let run = site.run(&["lint"]).code(1).no_panic();
    assert!(!run.stdout.contains('\u{1b}'), "no colour with NO_COLOR");
    assert!(
        !run.stdout.contains(site.path().to_str().unwrap()),
        "paths are relative"
    );
    insta::assert_snapshot!("lint_human", run.stdout);
}

#[test]
fn json_format() {
    let site = formats_site();
    let run = site.run(&["lint", "--format", "json"]).code(1).no_panic();
    assert!(
        !run.stdout.contains(site.path().to_str().unwrap()),
        "paths are relative"
    );
    insta::assert_snapshot!("lint_json", run.stdout);
}

#[test]
fn github_format() {
    let site = formats_site();
    let run = site.run(&["lint", "--format", "github"]).code(1).no_panic();
    assert!(
        !run.stdout.contains(site.path().to_str().unwrap()),
        "paths are relative"
    );
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
    }
    insta::assert_snapshot!("lint_github", run.stdout);
}

/// A site whose findings sit on long lines (the span near the line's start, in its
/// middle among wide, zero-width and tab characters, at its end), on late lines of long
/// files, and in a file that cannot be read: the human format shows each the same way.
fn long_lines_site() -> Site {
    let site = clean_site();
    let mut paragraph = String::from("Start [first](#nope-start) of a long paragraph.");
    for i in 0..200 {
        paragraph.push_str(&format!(
            " Part {i} is plain words, 한국어 넓은 글자, e\u{301}\u{301} marks,\ttabs\tand more text"
        ));
        if i % 13 == 6 {
            paragraph.push_str(&format!(" [link {i}](#nope-{i})"));
        }
    }
    paragraph.push_str(" and the [last](#nope-end)");
    let mut page =
        String::from("+++\ntitle = \"Long\"\ndescription = \"Long lines.\"\n+++\n\n# Long\n\n");
    for i in 0..300 {
        page.push_str(&format!("Line {i} is short.\n\n"));
    }
    page.push_str(&paragraph);
    page.push_str("\n\nAfter it, a [short one](#nope-short).\n");
    site.write("content/long.md", &page);
    site.run(&["extract"]).ok();
    // Its French translation, one long line whose link target changed.
    let reference = site.read("locales/en/long.ftl");
    let long = reference.lines().find(|l| l.contains("#nope-end")).unwrap();
    assert!(long.len() > 4 * 4096, "{}", long.len());
    site.write(
        "locales/fr/long.ftl",
        &format!("{}\n", long.replace("#nope-end", "#autre")),
    );
    // A directory that is not a locale: its finding names no readable file.
    site.write("locales/not_a_tag/x.ftl", "x = y\n");
    site
}

#[test]
fn human_format_of_long_lines_and_long_files() {
    let site = long_lines_site();
    let run = site.run(&["lint"]).code(1).no_panic();
    insta::assert_snapshot!("lint_human_long_lines", run.stdout);
    let run = site.run(&["lint", "--color", "always"]).code(1).no_panic();
    assert!(run.stdout.contains('\u{1b}'));
    insta::assert_snapshot!("lint_human_long_lines_color", run.stdout);
}

#[test]
fn json_is_one_object_sorted_by_file_line_column_code() {
    let site = formats_site();
    // More findings in more files, found by different checks.
    edit(&site, "content/owls.md", "# Owls\n", "### Owls\n");
    site.write("locales/fr/gone.ftl", "a = A\nb = B\n");
    append(&site, "locales/fr/site.ftl", "footer-text = Encore\n");
    site.write("locales/fr_CA/site.ftl", FR_SITE);
    let run = site.run(&["lint", "--format", "json"]).code(1).no_panic();
    assert!(
        run.stdout.starts_with('{') && run.stdout.ends_with("}\n"),
        "{}",
        run.stdout
    );
    let values: Vec<Value> = serde_json::Deserializer::from_str(&run.stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(values.len(), 1, "exactly one JSON value on stdout");
    let report = &values[0];
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["diagnostics", "locales"]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() >= 10, "{report:#}");
    let files: std::collections::BTreeSet<&str> = diagnostics
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(files.len() >= 5, "{files:?}");
    let key = |d: &Value| {
        (
            d["file"].as_str().unwrap().to_string(),
            d["line"].as_u64().unwrap(),
            d["column"].as_u64().unwrap(),
            d["code"].as_str().unwrap().to_string(),
        )
    };
    for pair in diagnostics.windows(2) {
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "not sorted:\n{:#}\n{:#}",
            pair[0],
            pair[1]
        );
    }
    for d in diagnostics {
        for field in [
            "code",
            "severity",
            "locale",
            "file",
            "line",
            "column",
            "message_id",
            "message",
        ] {
            assert!(d.get(field).is_some(), "no `{field}` in {d}");
        }
        assert!(
            d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1,
            "{d}"
        );
        assert!(CODES.contains(&d["code"].as_str().unwrap()), "{d}");
    }
    // The same order whatever the run.
    let again = site.run(&["lint", "--format", "json"]).stdout;
    assert_eq!(again, run.stdout);
}

#[test]
fn localizable_links_may_point_elsewhere_within_their_pattern() {
    let site = clean_site();
    // The French page points at the French part of the owl trust's site.
    edit(
        &site,
        FR_PAGE,
        "(https://owls.example/)",
        "(https://fr.owls.example/hiboux)",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 1);
    assert_codes(&report, &["link-mismatch"]);
    site.write(
        "fluentpress.toml",
        "[links]\nlocalizable = [\"https://owls.example/\", \"https://*.owls.example/\"]\n",
    );
    let (code, report) = site.lint_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["diagnostics"], json!([]));
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/owls.html");
    assert!(
        html.contains(r#"href="https://fr.owls.example/hiboux""#),
        "{html}"
    );
    // Any other target is still a mismatch, and a dropped link too.
    edit(
        &site,
        FR_PAGE,
        "(https://fr.owls.example/hiboux)",
        "(https://evil.example/)",
    );
    assert_codes(&site.lint_json(&[]).1, &["link-mismatch"]);
    // A pattern that names no site is refused, with its line.
    site.write(
        "fluentpress.toml",
        "[links]\nlocalizable = [\"https://*/\"]\n",
    );
    let run = site.run(&["lint"]).code(2);
    assert!(run.stderr.contains("fluentpress.toml:2"), "{}", run.stderr);
}

#[test]
fn the_build_log_shows_each_error_in_full_and_counts_warnings() {
    let site = clean_site();
    // One invalid byte in the French page file (line 3, column 11) …
    write_fr_page_with_an_invalid_byte(&site);
    // … and a warning elsewhere (an untranslated paragraph would be one, but the file is
    // gone; a generic link text in the source content is).
    append(
        &site,
        "content/owls.md",
        "\nRead [here](https://owls.example/more).\n",
    );
    site.run(&["extract"]).ok();
    let run = site.run(&["build"]).ok();
    assert!(
        run.stderr
            .contains("error[invalid-utf8]: the file is not valid UTF-8 [fr]")
            && run.stderr.contains(&format!("--> {FR_PAGE}:3:11")),
        "{}",
        run.stderr
    );
    // Warnings are counted, not shown.
    assert!(
        !run.stderr.contains("warning[generic-link-text]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);
    // -q: the errors and nothing else.
    let quiet = site.run(&["build", "-q"]).ok();
    assert!(
        quiet.stderr.contains(&format!("--> {FR_PAGE}:3:11")),
        "{}",
        quiet.stderr
    );
    assert!(!quiet.stderr.contains("warning"), "{}", quiet.stderr);
    assert!(!quiet.stderr.contains("built "), "{}", quiet.stderr);
    // --strict: the same errors, then the failure; the previous output stays.
    let before = site.read("dist/fr/owls.html");
    let strict = site.run(&["build", "--strict"]).code(1);
    assert!(
        strict.stderr.contains(&format!("--> {FR_PAGE}:3:11")),
        "{}",
        strict.stderr
    );
    assert!(strict.stderr.contains("--strict"), "{}", strict.stderr);
    assert_eq!(site.read("dist/fr/owls.html"), before);
}
