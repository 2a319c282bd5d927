//! Fuzzes the whole pipeline with a (Markdown page, translation) pair: the page is the
//! source, the translation is used both as every segment's text (escaped, as a
//! translator would type it) and as a raw `.ftl` file. Nothing may panic, and no
//! `<script` or script URL may reach the HTML unless... never: the source's HTML is
//! sanitised and translations are text.
#![no_main]

use fluentpress::config::Config;
use fluentpress::project::{LAYOUT_MESSAGES, Project};
use fluentpress::pipeline::{Output, Renderer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (markdown, translation) = text.split_once('\u{0}').unwrap_or((&text, "x"));
    let page = format!("+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\n{markdown}");
    let probe = Project::in_memory(Config::default(), &[("p", &page)], &[("en", &[])]);
    let escaped = fluentpress::ftl::escape_pattern(translation);
    let mut page_ftl = String::new();
    for seg in &probe.models().expect("a page in memory")[0].segments {
        page_ftl.push_str(&format!("{} ={escaped}\n", seg.id));
    }
    let mut site_ftl = String::new();
    for id in LAYOUT_MESSAGES {
        site_ftl.push_str(&format!("{id} ={escaped}\n"));
    }
    let ar: Vec<(&str, &str)> = vec![("site.ftl", &site_ftl), ("p.ftl", &page_ftl)];
    let ko: Vec<(&str, &str)> = vec![("site.ftl", translation), ("p.ftl", translation)];
    let project = Project::in_memory(Config::default(), &[("p", &page)], &[("en", &[]), ("ar", &ar), ("ko", &ko)]);
    let renderer = Renderer::new(&project, Some(40));
    let site = renderer.site();
    let every: Vec<_> = project.locale_ids().collect();
    for p in project.page_ids() {
        for e in renderer.render_page(p, &every, Output::Files(&site)).editions {
            let html = e.html.unwrap_or_default();
            let lower = html.to_lowercase();
            assert!(!lower.contains("<script"), "script in {}", project.locale(e.locale_index).locale.tag);
            assert!(!lower.contains("href=\"javascript:") && !lower.contains("src=\"javascript:"));
            assert!(e.text.unwrap_or_default().ends_with('\n'));
        }
    }
    let _ = fluentpress::commands::lint::run(&project, &fluentpress::lint::Settings::default(), &[]);
    let _ = fluentpress::extract::plan(&project);
});
