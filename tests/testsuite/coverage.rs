//! One definition of "translated": `status --format json`, `lint --format json`, the
//! build's per-locale summary, `dist/status.html` and the language chooser's
//! "partial" mark agree on every fixture, including translations the build refuses
//! (raw HTML, a changed link), outdated ones, missing ones and ones identical to the
//! source.

use super::support::*;
use std::collections::BTreeMap;

/// (translated, total) per locale, as each command reports it.
type Counts = BTreeMap<String, (u64, u64)>;

fn from_status(site: &Site) -> Counts {
    let run = site.run(&["status", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let n = |k: &str| l[k].as_u64().unwrap();
            // The parts add up to the total.
            assert_eq!(
                n("translated") + n("outdated") + n("missing") + n("rejected"),
                n("total"),
                "{l}"
            );
            (
                l["locale"].as_str().unwrap().to_string(),
                (n("translated"), n("total")),
            )
        })
        .collect()
}

fn from_lint(site: &Site, source: &str) -> Counts {
    let (_, json) = site.lint_json(&[]);
    json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["locale"] != source)
        .map(|l| {
            (
                l["locale"].as_str().unwrap().to_string(),
                (
                    l["translated"].as_u64().unwrap(),
                    l["total"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

/// The build's summary lines: `ko  1 page, 3 files, 14 of 15 passages translated, …`.
fn from_build(site: &Site, source: &str) -> Counts {
    let run = site.run(&["build"]).ok();
    let mut out = Counts::new();
    for line in run.stderr.lines() {
        let Some((tag, rest)) = line.split_once(' ') else {
            continue;
        };
        let Some((figures, _)) = rest.split_once(" translated") else {
            continue;
        };
        let words: Vec<&str> = figures.split_whitespace().collect();
        let [.., translated, "of", total, _passages] = words.as_slice() else {
            continue;
        };
        if tag != source {
            out.insert(
                tag.to_string(),
                (translated.parse().unwrap(), total.parse().unwrap()),
            );
        }
    }
    out
}

/// The chooser marks exactly the editions that are not fully translated as partial.
fn check_chooser(site: &Site, counts: &Counts) {
    let chooser = site.read("dist/index.html");
    for (tag, (translated, total)) in counts {
        let item = chooser
            .split("<li ")
            .skip(1)
            .find(|li| li.contains(&format!("<a href=\"{tag}/index.html\"")))
            .unwrap_or_else(|| panic!("{tag} is not in the chooser:\n{chooser}"));
        let item = &item[..item.find("</li>").unwrap_or(item.len())];
        assert_eq!(
            item.contains("class=\"partial\""),
            translated < total,
            "{tag}: {translated} of {total} translated, chooser item: {item}"
        );
    }
}

/// The status page's first table: the Translated and Total cells of each edition.
fn check_status_page(site: &Site, counts: &Counts) {
    let page = site.read("dist/status.html");
    for (tag, (translated, total)) in counts {
        let row_start = page
            .find(&format!("<a href=\"{tag}/index.html\""))
            .unwrap_or_else(|| panic!("{tag} not on the status page"));
        let row = &page[row_start..];
        let row = &row[..row.find("</tr>").unwrap()];
        let cells: Vec<&str> = row
            .split("<td class=\"align-end\">")
            .skip(1)
            .map(|c| &c[..c.find("</td>").unwrap()])
            .collect();
        assert_eq!(
            cells.first(),
            Some(&translated.to_string().as_str()),
            "{tag}: {row}"
        );
        assert_eq!(
            cells.get(4),
            Some(&total.to_string().as_str()),
            "{tag}: {row}"
        );
    }
}

#[track_caller]
fn all_agree(site: &Site) -> Counts {
    let source = "en";
    let status = from_status(site);
    let lint = from_lint(site, source);
    let build = from_build(site, source);
    assert!(!status.is_empty());
    assert_eq!(status, lint, "status and lint disagree");
    assert_eq!(status, build, "status and the build disagree");
    check_chooser(site, &status);
    check_status_page(site, &status);
    status
}

#[test]
fn every_fixture_agrees() {
    for name in ["workflow/status", "a11y-partial", "text-constructs"] {
        all_agree(&Site::fixture(name));
    }
    let shipped = all_agree(&Site::shipped());
    assert!(shipped.values().all(|(t, n)| t == n), "{shipped:?}");
}

/// A locale whose every kind of translation the build refuses or falls back on.
#[test]
fn refused_outdated_missing_and_identical_translations_are_not_translated() {
    let site = Site::fixture("workflow/status");
    site.write(
        "locales/de/owls.ftl",
        concat!(
            // Raw HTML: the build shows the source.
            "page-title = Eulen <b>x</b>\n",
            // Identical to the source.
            "page-description = All about owls.\n",
            // Made from older source text.
            "# fluentpress: source 00000000\n",
            "owls = Eulen\n",
            // Translated.
            "owls-owls-hunt-at-night = Eulen jagen nachts. Es gibt 250 Arten.\n",
            // A changed link target.
            "eyes-their-eyes-are-fixed = Ihre Augen sind fest; siehe [die Eulenstiftung](https://evil.example/).\n",
            // `eyes` is missing.
        ),
    );
    site.write("locales/de/site.ftl", "language-name = Deutsch\n");
    let counts = all_agree(&site);
    assert_eq!(counts["de"].1, 16, "{counts:?}");
    // The one good paragraph of owls, and of the other page only the two table cells
    // without words ("250", "97"), which read the same in every language.
    assert_eq!(counts["de"].0, 3, "{counts:?}");
    let run = site
        .run(&["status", "--format", "json", "--locale", "de"])
        .ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let owls = json["locales"][0]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["page"] == "owls")
        .unwrap()
        .clone();
    assert_eq!(owls["translated"], 1, "{owls}");
    assert_eq!(owls["rejected"], 3, "{owls}");
    assert_eq!(owls["outdated"], 1, "{owls}");
    assert_eq!(owls["missing"], 1, "{owls}");
}
