//! The HTML editions: the document structure every page must have, read from the built
//! files (the browser suite in tests/browser checks the same pages with axe-core, the Nu
//! Html Checker and real layout).

use super::support::*;
use fluentpress::internals::project::Project;
use fluentpress::internals::resolve::Layout;
use std::path::Path;

const SHIPPED: &[&str] = &["en", "ko", "zh-Hans", "ja", "ru", "es", "fr", "ar", "th"];
const PAGE: &str = "north-korea-human-rights";

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let j = html[i..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))
        + i;
    &html[i..j]
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn every_page_has_the_required_structure() {
    let site = Site::shipped();
    site.run(&["build"]).ok();
    let mut heading_ids: Option<Vec<String>> = None;
    for tag in SHIPPED {
        let html = site.read(&format!("dist/{tag}/{PAGE}.html"));
        let dir = if *tag == "ar" { "rtl" } else { "ltr" };
        assert!(
            html.starts_with(&format!(
                "<!DOCTYPE html><html lang=\"{tag}\" dir=\"{dir}\">"
            )),
            "{tag}"
        );
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(
            html.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            )
        );
        // <title> is "page title – site name" in the edition's language.
        let title = between(&html, "<title>", "</title>");
        let ftl = site.read(&format!("locales/{tag}/{PAGE}.ftl"));
        let page_title = ftl
            .lines()
            .find_map(|l| l.strip_prefix("page-title = "))
            .unwrap();
        let site_ftl = site.read(&format!("locales/{tag}/site.ftl"));
        let site_name = site_ftl
            .lines()
            .find_map(|l| l.strip_prefix("site-name = "))
            .unwrap();
        assert_eq!(title, format!("{page_title} – {site_name}"), "{tag}");
        assert!(
            html.contains("<meta name=\"description\" content=\""),
            "{tag}"
        );
        // The skip link is the first focusable element and targets main.
        let body = between(&html, "<body>", "</body>");
        assert!(
            body.starts_with("<a class=\"skip-link\" href=\"#main\">"),
            "{tag}"
        );
        for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer"] {
            assert!(body.contains(landmark), "{tag}: {landmark}");
        }
        assert_eq!(count(&html, "<h1"), 1, "{tag}: exactly one h1");
        // Heading ids come from the source and are the same in every edition.
        let ids: Vec<String> = html
            .match_indices("<h")
            .filter_map(|(i, _)| {
                let rest = &html[i..];
                rest[2..3].parse::<u8>().ok()?;
                rest.find(" id=\"")
                    .filter(|&p| p < rest.find('>').unwrap())
                    .map(|p| rest[p + 5..].split('"').next().unwrap().to_string())
            })
            .collect();
        assert!(ids.contains(&"us-efforts".to_string()), "{tag}: {ids:?}");
        match &heading_ids {
            None => heading_ids = Some(ids),
            Some(first) => assert_eq!(first, &ids, "{tag}: heading ids differ from en"),
        }
        // The language menu: a labelled nav, every edition in its own language with lang
        // and hreflang, the current one marked.
        let nav = between(
            &html,
            "<nav class=\"language-menu\" aria-label=\"",
            "</nav>",
        );
        assert!(!nav.starts_with('"'), "{tag}: the menu has a label");
        for other in SHIPPED {
            assert!(
                nav.contains(&format!("lang=\"{other}\" hreflang=\"{other}\"")),
                "{tag}: menu lacks {other}"
            );
        }
        // The menu is written twice (a row, and a disclosure for small screens).
        assert_eq!(count(nav, "aria-current=\"page\""), 2);
        assert!(
            nav.contains(&format!(
                "href=\"{PAGE}.html\" lang=\"{tag}\" hreflang=\"{tag}\""
            )),
            "{tag}"
        );
        assert!(
            nav.contains(">日本語<")
                && nav.contains(">한국어<")
                && nav.contains(">العربية<")
                && nav.contains(">ไทย<")
        );
        // Alternates for every edition plus x-default; the plain-text edition linked both ways.
        for other in SHIPPED {
            assert!(
                html.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"{other}\" href=\"../{other}/{PAGE}.html\">"
                )),
                "{tag}"
            );
        }
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"../en/{PAGE}.html\">"
        )));
        assert!(
            html.contains(&format!("<a href=\"{PAGE}.txt\" type=\"text/plain\">")),
            "{tag}"
        );
        let text = site.read(&format!("dist/{tag}/{PAGE}.txt"));
        assert!(
            text.contains(&format!(": {PAGE}.html")),
            "{tag}: text edition links back"
        );
        // No JavaScript, nothing fetched from elsewhere.
        assert!(!html.contains("<script"));
        assert!(!html.contains("src=\"http") && !html.contains("stylesheet\" href=\"http"));
    }
    let css = site.read("dist/style.css");
    assert!(
        !css.contains("@import") && !css.contains("url("),
        "the stylesheet fetches nothing"
    );
}

#[test]
fn fallback_passages_carry_the_source_language() {
    let site = Site::fixture("text-constructs");
    site.run(&["build"]).ok();
    let ko = site.read("dist/ko/every-construct.html");
    assert!(ko.contains("<li>첫 번째 항목.</li>"), "{ko}");
    assert!(
        ko.contains("<li><span lang=\"en\">A third item.</span></li>"),
        "{ko}"
    );
    assert!(ko.contains("<h2 id=\"images-and-links\">이미지와 링크</h2>"));
    assert!(ko.contains("<td lang=\"en\">Camp 15</td>"), "{ko}");
    assert!(ko.contains("<caption>시설별 수감자</caption>"), "{ko}");
    assert!(
        ko.contains("<p lang=\"en\">Its second paragraph.</p>"),
        "{ko}"
    );
    // In Arabic the English passages also carry their direction.
    let ar = site.read("dist/ar/every-construct.html");
    assert!(
        ar.contains(
            "<h2 id=\"quotation-and-code\" lang=\"en\" dir=\"ltr\">Quotation and code</h2>"
        ),
        "{ar}"
    );
    // Translated alt text, decorative images stay alt="", tables have header cells with scope.
    assert!(ko.contains("alt=\"문장: 짙은 파란색 원반 위의 흰 별\""));
    assert!(
        ko.contains("<img src=\"../files/border.svg\" alt=\"\">"),
        "{ko}"
    );
    assert!(ko.contains("<th scope=\"col\">시설</th>"));
    assert!(
        ko.contains("<th scope=\"col\" class=\"align-end\">수감자</th>"),
        "{ko}"
    );
    // The notice opens main.
    assert!(
        between(&ko, "<main id=\"main\" tabindex=\"-1\">", "</main>")
            .starts_with("<p class=\"fallback-notice\" role=\"note\">")
    );
    // The language menu says in words that ko is partial.
    let en = site.read("dist/en/every-construct.html");
    assert!(
        en.contains(
            "한국어 <span class=\"partial\" lang=\"en\" dir=\"ltr\">(partial translation)</span>"
        ),
        "{en}"
    );
    // The files of content/ are published.
    assert!(site.exists("dist/files/seal.svg"));
}

#[test]
fn the_fallback_notice_is_plural_correct() {
    let project = Project::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let notice = |tag: &str, n: usize| {
        let i = project.locale_index(tag).unwrap();
        Layout::new(&project, i).fallback_notice(n).text
    };
    assert!(notice("en", 1).starts_with("1 passage on this page has"));
    assert!(notice("en", 2).starts_with("2 passages on this page have"));
    assert!(notice("en", 1000).starts_with("1,000 passages"));
    assert!(notice("ru", 1).starts_with("1 фрагмент "));
    assert!(notice("ru", 3).starts_with("3 фрагмента "));
    assert!(notice("ru", 5).starts_with("5 фрагментов "));
    assert!(notice("ru", 21).starts_with("21 фрагмент "));
    assert!(
        notice("ru", 1000).starts_with("1\u{a0}000 фрагментов "),
        "{}",
        notice("ru", 1000)
    );
    assert!(notice("ar", 0).starts_with("لا توجد"));
    assert!(notice("ar", 1).starts_with("مقطع واحد"));
    assert!(notice("ar", 2).starts_with("مقطعان"));
    assert!(notice("ar", 3).starts_with("3 مقاطع"));
    assert!(notice("ar", 11).starts_with("11 مقطعًا"));
    assert!(notice("ar", 100).starts_with("100 مقطع "));
    assert!(notice("fr", 1).starts_with("1 passage "));
    assert!(notice("fr", 2).starts_with("2 passages "));
    assert!(
        notice("fr", 1000).starts_with("1\u{202f}000 passages "),
        "{}",
        notice("fr", 1000)
    );
    assert!(
        notice("es", 1000).starts_with("1000 pasajes ")
            || notice("es", 1000).starts_with("1.000 pasajes "),
        "{}",
        notice("es", 1000)
    );
    for tag in ["ko", "ja", "zh-Hans", "th"] {
        assert!(notice(tag, 7).contains('7'), "{tag}: {}", notice(tag, 7));
    }
}

#[test]
fn a_base_url_gives_absolute_alternates_a_canonical_link_and_a_sitemap() {
    let site = Site::shipped();
    site.write(
        "fluentpress.toml",
        "base_url = \"https://example.org/nk\"\n",
    );
    site.run(&["build"]).ok();
    let html = site.read(&format!("dist/ko/{PAGE}.html"));
    assert!(
        html.contains(&format!(
            "<link rel=\"canonical\" href=\"https://example.org/nk/ko/{PAGE}.html\">"
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/nk/ar/{PAGE}.html\">"
    )));
    assert!(html.contains(&format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/nk/en/{PAGE}.html\">")));
    let sitemap = site.read("dist/sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"));
    assert_eq!(count(&sitemap, "<url>"), 9);
    assert_eq!(count(&sitemap, "<xhtml:link rel=\"alternate\""), 9 * 10);
    assert!(sitemap.contains(&format!("<loc>https://example.org/nk/th/{PAGE}.html</loc>")));
    // Without a base URL there is no sitemap (it needs absolute URLs).
    let plain = Site::shipped();
    plain.run(&["build"]).ok();
    assert!(!plain.exists("dist/sitemap.xml"));
}

#[test]
fn the_language_chooser_names_every_edition_in_its_own_language() {
    let site = Site::shipped();
    site.run(&["build"]).ok();
    let index = site.read("dist/index.html");
    for (tag, name) in [
        ("en", "English"),
        ("ko", "한국어"),
        ("zh-Hans", "简体中文"),
        ("ja", "日本語"),
        ("ru", "Русский"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ar", "العربية"),
        ("th", "ไทย"),
    ] {
        let dir = if tag == "ar" { "rtl" } else { "ltr" };
        assert!(index.contains(&format!("<li lang=\"{tag}\" dir=\"{dir}\"><a href=\"{tag}/index.html\" hreflang=\"{tag}\">{name}</a>")), "{tag}\n{index}");
    }
    let ko = site.read("dist/ko/index.html");
    assert!(
        ko.contains(&format!("<a href=\"{PAGE}.html\">북한 인권</a>")),
        "{ko}"
    );
}
