//! The pipeline end to end: extract → translate → build, on fixture sites.

use super::support::*;

const PAGE: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night. There are 250 species.\n\n## Eyes\n\nTheir eyes are fixed in place; see [the owl trust](https://owls.example/).\n";

fn owl_site() -> Site {
    let site = Site::empty();
    site.write("content/owls.md", PAGE);
    site.write("locales/en/site.ftl", "site-name = Birds\n");
    site.write(
        "locales/fr/site.ftl",
        "site-name = Oiseaux\nlanguage-name = Français\n",
    );
    site
}

#[test]
fn extract_writes_the_reference_file_in_document_order() {
    let site = owl_site();
    site.run(&["extract"]).ok();
    let reference = site.read("locales/en/owls.ftl");
    let ids: Vec<&str> = reference
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "page-title",
            "page-description",
            "owls",
            "owls-owls-hunt-at-night",
            "eyes",
            "eyes-their-eyes-are-fixed"
        ]
    );
    assert!(reference.contains("eyes-their-eyes-are-fixed = Their eyes are fixed in place; see [the owl trust](https://owls.example/)."));
    site.run(&["extract", "--check"]).ok();
    // An edit makes the reference stale; --check says which file and exits 1.
    site.write("content/owls.md", &PAGE.replace("250", "about 250"));
    let run = site.run(&["extract", "--check"]).code(1);
    assert!(run.stdout.contains("locales/en/owls.ftl"), "{}", run.stdout);
}

#[test]
fn translate_and_build() {
    let site = owl_site();
    site.run(&["extract"]).ok();
    site.write(
        "locales/fr/owls.ftl",
        "page-title = Hiboux\npage-description = Tout sur les hiboux.\nowls = Hiboux\nowls-owls-hunt-at-night = Les hiboux chassent la nuit. Il existe 250 espèces.\neyes = Yeux\neyes-their-eyes-are-fixed = Leurs yeux sont fixes ; voir [le refuge des hiboux](https://owls.example/).\n",
    );
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/owls.html");
    assert!(html.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(html.contains(r#"<h1 id="owls">Hiboux</h1>"#), "{html}");
    assert!(html.contains(r#"<a href="https://owls.example/">le refuge des hiboux</a>"#));
    assert!(
        !html.contains("Owls hunt"),
        "no English left in a complete translation"
    );
    let text = site.read("dist/fr/owls.txt");
    assert!(text.contains("Les hiboux chassent la nuit."));
    assert!(text.contains("[1] https://owls.example/"));
    for file in [
        "dist/index.html",
        "dist/fr/index.html",
        "dist/en/index.html",
        "dist/en/owls.html",
        "dist/en/owls.txt",
        "dist/style.css",
    ] {
        assert!(site.exists(file), "{file} missing");
    }
}

#[test]
fn a_partly_translated_locale_falls_back_with_the_source_language() {
    let site = owl_site();
    site.run(&["extract"]).ok();
    site.write(
        "locales/fr/owls.ftl",
        "page-title = Hiboux\nowls = Hiboux\n",
    );
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/owls.html");
    assert!(
        html.contains(r#"<p lang="en">Owls hunt at night. There are 250 species.</p>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<h2 id="eyes" lang="en">Eyes</h2>"#),
        "{html}"
    );
    assert!(
        html.contains("fallback-notice"),
        "the edition says passages are untranslated"
    );
    let text = site.read("dist/fr/owls.txt");
    assert!(text.contains("Owls hunt at night"), "{text}");
    // The language menu of every edition marks French as partial.
    let en = site.read("dist/en/owls.html");
    assert!(
        en.contains(r#"lang="fr" hreflang="fr" dir="ltr">Français <span class="partial""#),
        "{en}"
    );
}

#[test]
fn nested_pages_get_relative_links() {
    let site = owl_site();
    site.write("content/guides/birds/night.md", "+++\ntitle = \"Night\"\ndescription = \"Night birds.\"\n+++\n\n# Night\n\nSee [owls](../../owls.md).\n");
    site.run(&["extract"]).ok();
    assert!(site.exists("locales/en/guides/birds/night.ftl"));
    site.run(&["build"]).ok();
    let html = site.read("dist/fr/guides/birds/night.html");
    assert!(html.contains(r#"href="../../../style.css""#));
    assert!(html.contains(r#"href="../../../en/guides/birds/night.html""#));
    assert!(
        html.contains(r#"<a href="../../owls.html">owls</a>"#),
        "{html}"
    );
    let index = site.read("dist/fr/index.html");
    assert!(index.contains(r#"href="guides/birds/night.html""#));
}

#[test]
fn locale_option_builds_only_those_editions_and_keeps_the_rest() {
    let site = owl_site();
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    let en_before = site.read("dist/en/owls.html");
    site.write("locales/fr/owls.ftl", "owls = Les hiboux\n");
    site.write(
        "content/owls.md",
        &PAGE.replace("Owls hunt", "Most owls hunt"),
    );
    site.run(&["build", "--locale", "fr"]).ok();
    assert_eq!(
        site.read("dist/en/owls.html"),
        en_before,
        "the English edition was not rebuilt"
    );
    assert!(site.read("dist/fr/owls.html").contains("Les hiboux"));
    let run = site.run(&["build", "--locale", "xx"]).code(2);
    assert!(run.stderr.contains("xx"), "{}", run.stderr);
}

#[test]
fn right_to_left_locale() {
    let site = owl_site();
    site.run(&["extract"]).ok();
    site.write(
        "locales/ar/site.ftl",
        "site-name = الطيور\nlanguage-name = العربية\n",
    );
    site.write("locales/ar/owls.ftl", "owls = البوم\n");
    site.run(&["build"]).ok();
    let html = site.read("dist/ar/owls.html");
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    // English fallback inside the Arabic page carries its language and direction.
    assert!(
        html.contains(r#"<p lang="en" dir="ltr">Owls hunt at night."#),
        "{html}"
    );
    assert!(html.contains(r#"<h1 id="owls">البوم</h1>"#));
}

#[test]
fn output_is_identical_whatever_the_number_of_threads() {
    let site = Site::shipped();
    site.run(&["build", "--jobs", "1", "--out", "one"]).ok();
    site.run(&["build", "--jobs", "2", "--out", "two"]).ok();
    site.run(&["build", "--jobs", "7", "--out", "seven"]).ok();
    let one = site.tree("one");
    assert!(one.len() > 20);
    assert!(one == site.tree("two"), "--jobs 1 and 2 differ");
    assert!(one == site.tree("seven"), "--jobs 1 and 7 differ");
}

#[test]
fn a_failed_build_leaves_the_previous_output() {
    let site = owl_site();
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    let before = site.tree("dist");
    // A page that cannot be read fails the build.
    site.write_bytes(
        "content/broken.md",
        b"+++\ntitle = \"x\"\n+++\n\xff\xfe broken",
    );
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(
        run.stderr.contains("content/broken.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(
        site.tree("dist") == before,
        "dist changed after a failed build"
    );
}

#[test]
fn the_shipped_site_builds_in_nine_languages() {
    let site = Site::shipped();
    site.run(&["extract", "--check"]).ok();
    site.run(&["build"]).ok();
    for tag in ["en", "ko", "zh-Hans", "ja", "ru", "es", "fr", "ar", "th"] {
        let html = site.read(&format!("dist/{tag}/north-korea-human-rights.html"));
        assert!(html.contains(&format!(r#"<html lang="{tag}""#)));
        let text = site.read(&format!("dist/{tag}/north-korea-human-rights.txt"));
        if tag != "en" {
            // No paragraph of the English source is left in a translated edition.
            let source = site.read("content/north-korea-human-rights.md");
            for para in source
                .split("\n\n")
                .filter(|p| p.len() > 40 && !p.starts_with('+'))
            {
                let start: String = para.chars().take(40).collect();
                assert!(
                    !html.contains(&start),
                    "{tag}: English paragraph left: {start}"
                );
                assert!(
                    !text.contains(&start),
                    "{tag}: English paragraph left in text: {start}"
                );
            }
            assert!(!html.contains("fallback-notice"), "{tag} has fallbacks");
        }
    }
}

#[test]
fn configuration_errors_name_the_key_and_suggest_one() {
    let site = owl_site();
    site.write(
        "fluentpress.toml",
        "text_width = 72\nbse_url = \"https://example.org/\"\n",
    );
    let run = site.run(&["build"]).code(2).no_panic();
    assert!(
        run.stderr.contains("fluentpress.toml:2:1")
            && run.stderr.contains("did you mean `base_url`?"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("dist"));
    site.write("fluentpress.toml", "source_locale = \"english\"\n");
    let run = site.run(&["lint"]).code(2).no_panic();
    assert!(
        run.stderr.contains("fluentpress.toml:1:1") && run.stderr.contains("english"),
        "{}",
        run.stderr
    );
    // Settings take effect: the source locale and the text width.
    site.write("fluentpress.toml", "text_width = 30\n");
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    assert!(
        site.read("dist/en/owls.txt")
            .lines()
            .all(|l| l.chars().count() <= 30 || !l.contains(' '))
    );
}

/// A site of `n` pages (the fixture's, plus generated ones), references extracted.
fn many_pages(n: usize) -> Site {
    let site = Site::fixture("workflow/status");
    for i in 0..n {
        site.write(
            &format!("content/generated/page-{i:03}.md"),
            &format!(
                "+++\ntitle = \"Page {i}\"\ndescription = \"Generated page {i}.\"\n+++\n\n# Page {i}\n\nOwls hunt at night; page {i} says so.\n\n## More\n\n- one\n- two\n"
            ),
        );
    }
    site.run(&["extract"]).ok();
    site
}

/// Directories a build leaves beside its output while it works.
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dist.fluentpress-"))
        .collect()
}

#[test]
fn concurrent_builds_take_turns_and_lose_nothing() {
    let site = many_pages(128);
    site.run(&["build", "-q"]).ok();
    let expected = site.tree("dist");
    for round in 0..2 {
        let children: Vec<_> = (0..6)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_fluentpress"))
                    .args(["build", "-q"])
                    .current_dir(site.path())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(site.exists("dist/.fluentpress-output"), "round {round}");
        assert_eq!(
            site.tree("dist"),
            expected,
            "round {round}: the output changed"
        );
        assert_eq!(leftovers(&site), Vec::<String>::new(), "round {round}");
    }
    // And a build of one locale at the same time as a whole build.
    let whole = std::process::Command::new(env!("CARGO_BIN_EXE_fluentpress"))
        .args(["build", "-q"])
        .current_dir(site.path())
        .spawn()
        .unwrap();
    site.run(&["build", "-q", "--locale", "ko"]).ok();
    assert!(whole.wait_with_output().unwrap().status.success());
    assert_eq!(site.tree("dist"), expected);
    site.run(&["build"]).ok();
}

/// A site loaded from memory (the store tests and the fuzzer use) renders exactly as
/// the same files loaded from disk: outputs, findings, coverage, titles. Sites: the
/// shipped one, a fixture with partial translations and content problems, and the owl
/// site with a stale reference, a broken link and a missing image.
#[test]
fn a_site_in_memory_renders_exactly_as_on_disk() {
    use fluentpress::internals::pipeline::{Output, Renderer};
    use fluentpress::internals::project::Project;
    let owls = owl_site();
    owls.run(&["extract"]).ok();
    owls.write(
        "content/owls.md",
        &PAGE.replace(
            "250 species.",
            "250 species; see [gone](gone.md) and ![](lost.png).",
        ),
    );
    for site in [Site::shipped(), Site::fixture("a11y-partial"), owls] {
        let disk = Project::load(site.path()).unwrap();
        let files: std::collections::BTreeMap<String, Vec<u8>> = site
            .tree("")
            .into_iter()
            .filter(|(path, _)| path.starts_with("content/") || path.starts_with("locales/"))
            .collect();
        let memory = Project::from_files(disk.config.clone(), files);
        assert_eq!(disk.pages, memory.pages);
        assert_eq!(
            format!("{:?}", disk.problems),
            format!("{:?}", memory.problems)
        );
        let (disk_renderer, memory_renderer) =
            (Renderer::new(&disk, None), Renderer::new(&memory, None));
        let site_info = disk_renderer.site();
        let every: Vec<_> = disk.locale_ids().collect();
        let mut findings = 0;
        for p in disk.page_ids() {
            let a = disk_renderer.render_page(p, &every, Output::Files(&site_info));
            let b = memory_renderer.render_page(p, &every, Output::Files(&site_info));
            assert!(a.readable && b.readable);
            assert_eq!(a.coverage, b.coverage, "{}", disk.entry(p).slug);
            assert_eq!(format!("{:?}", a.findings), format!("{:?}", b.findings));
            findings += a.findings.len();
            assert_eq!(a.editions.len(), b.editions.len());
            for (x, y) in a.editions.iter().zip(&b.editions) {
                assert_eq!(format!("{x:?}"), format!("{y:?}"), "{}", disk.entry(p).slug);
            }
        }
        if site.path().join("content/owls.md").exists() {
            // The broken link, the missing image (no alt text, no file) and the stale reference.
            assert!(findings >= 4, "{findings} findings");
        }
    }
}

/// A page that vanishes between loading the site and rendering it fails the build with
/// its path named, and the previous output stays whole.
#[test]
fn a_page_removed_during_the_build_fails_it_and_keeps_the_previous_output() {
    use fluentpress::internals::commands::build::{BuildOptions, build};
    use fluentpress::internals::project::Project;
    let site = owl_site();
    site.run(&["extract"]).ok();
    site.run(&["build"]).ok();
    let before = site.tree("dist");
    let project = Project::load(site.path()).unwrap();
    site.remove("content/owls.md");
    let settings =
        fluentpress::internals::lint::Settings::new(&project.config, &[], &[], &[]).unwrap();
    let opts = BuildOptions {
        out: site.path().join("dist"),
        locales: Vec::new(),
        jobs: Some(1),
        strict: false,
        text_width: None,
        progress: false,
    };
    let error = build(&project, &opts, &settings).unwrap_err().to_string();
    assert!(error.contains("content/owls.md"), "{error}");
    assert!(error.contains("previous output was kept"), "{error}");
    assert_eq!(site.tree("dist"), before);
}
