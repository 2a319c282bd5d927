//! Policies with one owner, seen from the commands that share them: a rewritten file
//! keeps its line ends and byte-order mark whichever command rewrites it, and `lint`
//! and `sync` agree on what a translation's `site.ftl` may hold.

use super::support::*;

const OWLS: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night.\n\n## Eyes\n\nTheir eyes are fixed in place.\n";

fn owl_site() -> Site {
    let site = Site::empty();
    site.write("content/owls.md", OWLS);
    site.write(
        "locales/en/site.ftl",
        "language-name = English\nsite-name = Birds\n",
    );
    site.write("locales/fr/site.ftl", "language-name = Français\n");
    site.run(&["extract"]).ok();
    site
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// Every line of `bytes` ends with CRLF (and there is no bare LF).
#[track_caller]
fn assert_all_crlf(rel: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bare = text
        .match_indices('\n')
        .filter(|(i, _)| !text[..*i].ends_with('\r'));
    assert_eq!(bare.count(), 0, "{rel} has LF line ends:\n{text:?}");
}

#[test]
fn sync_keeps_crlf_line_ends_and_the_byte_order_mark() {
    let site = owl_site();
    // A translator on Windows: CRLF, a byte-order mark, one message translated.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(crlf("owls = Les hiboux\n").as_bytes());
    site.write_bytes("locales/fr/owls.ftl", &bytes);
    site.run(&["sync", "--locale", "fr"]).ok();
    let after = std::fs::read(site.path().join("locales/fr/owls.ftl")).unwrap();
    assert!(after.starts_with("\u{feff}".as_bytes()), "the BOM is kept");
    assert_all_crlf("locales/fr/owls.ftl", &after);
    let text = String::from_utf8(after).unwrap();
    assert!(text.contains("owls = Les hiboux\r\n"), "{text:?}");
    assert!(
        text.contains("# fluentpress: missing"),
        "templates were added: {text:?}"
    );
    // A second run changes nothing.
    site.run(&["sync", "--locale", "fr", "--check"]).ok();
}

#[test]
fn mark_current_and_extract_keep_crlf_line_ends() {
    let site = owl_site();
    site.run(&["sync", "--locale", "fr"]).ok();
    let fr = site
        .read("locales/fr/owls.ftl")
        .replace("# owls = Owls", "owls = Les hiboux");
    site.write("locales/fr/owls.ftl", &crlf(&fr));
    // The reference file is CRLF too (checked out with core.autocrlf), and the source
    // changes: extract rewrites it, and the translation is marked current.
    let reference = site.read("locales/en/owls.ftl");
    site.write("locales/en/owls.ftl", &crlf(&reference));
    site.write("content/owls.md", &OWLS.replace("# Owls", "# The owls"));
    site.run(&["extract"]).ok();
    let reference = std::fs::read(site.path().join("locales/en/owls.ftl")).unwrap();
    assert_all_crlf("locales/en/owls.ftl", &reference);
    assert!(String::from_utf8_lossy(&reference).contains("owls = The owls\r\n"));
    site.run(&["sync", "--locale", "fr", "--mark-current", "owls"])
        .ok();
    let fr = std::fs::read(site.path().join("locales/fr/owls.ftl")).unwrap();
    assert_all_crlf("locales/fr/owls.ftl", &fr);
}

#[test]
fn import_keeps_crlf_line_ends_of_the_file_it_updates() {
    let site = owl_site();
    site.run(&["sync", "--locale", "fr"]).ok();
    let fr = site.read("locales/fr/owls.ftl");
    site.write("locales/fr/owls.ftl", &crlf(&fr));
    site.write(
        "tr/owls.md",
        "+++\ntitle = \"Hiboux\"\ndescription = \"Tout sur les hiboux.\"\n+++\n\n# Hiboux\n\nLes hiboux chassent la nuit.\n\n## Yeux\n\nLeurs yeux sont fixes.\n",
    );
    site.run(&["import", "--locale", "fr", "tr"]).ok();
    let after = std::fs::read(site.path().join("locales/fr/owls.ftl")).unwrap();
    assert_all_crlf("locales/fr/owls.ftl", &after);
    assert!(String::from_utf8_lossy(&after).contains("Les hiboux chassent la nuit."));
}

#[test]
fn lint_and_sync_agree_on_layout_messages_the_source_site_ftl_lacks() {
    let site = owl_site();
    // The source's site.ftl lacks `site-tagline` (the built-in default is shown); the
    // French one translates it. That is not obsolete: the French edition shows it.
    site.write(
        "locales/fr/site.ftl",
        "language-name = Français\nsite-tagline = Des oiseaux\n",
    );
    let (_, report) = site.lint_json(&["--locale", "fr"]);
    assert!(
        with_code(&report, "obsolete-message").is_empty(),
        "{report:#}"
    );
    site.run(&["sync", "--locale", "fr"]).ok();
    assert!(
        site.read("locales/fr/site.ftl")
            .contains("\nsite-tagline = Des oiseaux\n"),
        "sync keeps it"
    );
    site.run(&["build"]).ok();
    assert!(site.read("dist/fr/owls.html").contains("Des oiseaux"));
    // A message that is neither a layout message nor in the source's site.ftl is
    // obsolete for both.
    site.write(
        "locales/fr/site.ftl",
        "language-name = Français\nold-slogan = Vieux\n",
    );
    let (_, report) = site.lint_json(&["--locale", "fr"]);
    assert_eq!(
        with_code(&report, "obsolete-message").len(),
        1,
        "{report:#}"
    );
    site.run(&["sync", "--locale", "fr"]).ok();
    assert!(
        site.read("locales/fr/site.ftl")
            .contains("# old-slogan = Vieux"),
        "{}",
        site.read("locales/fr/site.ftl")
    );
}
