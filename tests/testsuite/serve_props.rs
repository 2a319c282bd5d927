//! `serve` as a property: after any sequence of single-file edits (a translation added,
//! completed, broken or removed; a heading renamed; a page added or removed; a
//! `site.ftl` or the configuration changed), the served output is byte for byte what a
//! fresh build of the same files writes, and the errors shown at the top of the served
//! pages are exactly `lint`'s.

use super::support::*;
use fluentpress::internals::commands::build::{BuildOptions, build};
use fluentpress::internals::commands::serve::{Notes, Session};
use fluentpress::internals::lint::Settings;
use fluentpress::internals::project::Project;
use proptest::prelude::*;
use std::collections::BTreeMap;

const OWLS: &str = "+++\ntitle = \"Owls\"\ndescription = \"All about owls.\"\n+++\n\n# Owls\n\nOwls hunt at night. There are 250 species.\n\n## Barn owls\n\nBarn owls nest in barns; see [the owl trust](https://owls.example/).\n\n## Eyes\n\nTheir eyes are fixed in place.\n";
const BIRDS: &str = "+++\ntitle = \"Birds\"\ndescription = \"Birds we know.\"\nweight = 1\n+++\n\n# Birds\n\nRead about [barn owls](owls.md#barn-owls) and [their eyes](owls.md#eyes).\n\n## Crows\n\nCrows count to 5; [back up](#crows).\n";

/// A site of two pages that link to each other's headings, in four locales.
fn bird_site() -> Site {
    let site = Site::empty();
    site.write("content/owls.md", OWLS);
    site.write("content/birds.md", BIRDS);
    site.write(
        "locales/en/site.ftl",
        "language-name = English\nsite-name = Birds\n",
    );
    site.write(
        "locales/fr/site.ftl",
        "language-name = Français\nsite-name = Oiseaux\n",
    );
    site.write("locales/de/site.ftl", "language-name = Deutsch\n");
    site.write("locales/ar/site.ftl", "language-name = العربية\n");
    site.run(&["extract"]).ok();
    site.write("locales/fr/owls.ftl", "owls = Les hiboux\n");
    site
}

/// One edit of one file, chosen by small numbers (so proptest can shrink it).
#[derive(Debug, Clone)]
enum Edit {
    /// A message of a page translated in a locale.
    Translate {
        locale: usize,
        page: usize,
        message: usize,
    },
    /// Every message of a page translated in a locale.
    Complete {
        locale: usize,
        page: usize,
    },
    /// A locale's file for a page made invalid (a syntax error, or raw HTML).
    Break {
        locale: usize,
        page: usize,
        how: usize,
    },
    /// A locale's file for a page deleted.
    Remove {
        locale: usize,
        page: usize,
    },
    /// A heading of a page renamed (its anchor changes; the reference is now stale).
    RenameHeading {
        page: usize,
        heading: usize,
    },
    AddPage {
        n: usize,
    },
    RemovePage {
        page: usize,
    },
    /// A locale's `site.ftl` changed.
    SiteFtl {
        locale: usize,
        how: usize,
    },
    Config {
        how: usize,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0..8usize, 0..8usize, 0..32usize)
            .prop_map(|(locale, page, message)| Edit::Translate { locale, page, message }),
        2 => (0..8usize, 0..8usize).prop_map(|(locale, page)| Edit::Complete { locale, page }),
        2 => (0..8usize, 0..8usize, 0..3usize)
            .prop_map(|(locale, page, how)| Edit::Break { locale, page, how }),
        1 => (0..8usize, 0..8usize).prop_map(|(locale, page)| Edit::Remove { locale, page }),
        2 => (0..8usize, 0..4usize).prop_map(|(page, heading)| Edit::RenameHeading { page, heading }),
        1 => (0..3usize).prop_map(|n| Edit::AddPage { n }),
        1 => (0..8usize).prop_map(|page| Edit::RemovePage { page }),
        1 => (0..8usize, 0..3usize).prop_map(|(locale, how)| Edit::SiteFtl { locale, how }),
        1 => (0..3usize).prop_map(|how| Edit::Config { how }),
    ]
}

/// The pages (slugs) and the translated locales (directory names) of a site on disk.
fn layout(site: &Site) -> (Vec<String>, Vec<String>, String) {
    let project = Project::load(site.path()).unwrap();
    let pages = project.pages.iter().map(|p| p.slug.clone()).collect();
    let source = project.source_locale().locale.tag.clone();
    let locales = project
        .locales
        .iter()
        .map(|l| l.locale.tag.clone())
        .filter(|t| *t != source)
        .collect();
    (pages, locales, source)
}

/// The messages of the reference file of a page: (id, text).
fn reference(site: &Site, source: &str, slug: &str) -> Vec<(String, String)> {
    let rel = format!("locales/{source}/{slug}.ftl");
    if !site.exists(&rel) {
        return Vec::new();
    }
    site.read(&rel)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, text)| (id.to_string(), text.to_string()))
        .collect()
}

/// A translation that keeps the source's links and numbers.
fn translated(text: &str) -> String {
    format!("Übersetzt: {text}")
}

/// Applies `edit` to the files; returns the paths it changed (relative to the root).
fn apply(site: &Site, edit: &Edit) -> Vec<String> {
    let (pages, locales, source) = layout(site);
    let pick = |list: &[String], i: usize| list[i % list.len()].clone();
    match *edit {
        Edit::Translate {
            locale,
            page,
            message,
        } => {
            let (l, p) = (pick(&locales, locale), pick(&pages, page));
            let messages = reference(site, &source, &p);
            if messages.is_empty() {
                return Vec::new();
            }
            let (id, text) = &messages[message % messages.len()];
            let rel = format!("locales/{l}/{p}.ftl");
            let mut file = if site.exists(&rel) {
                site.read(&rel)
            } else {
                String::new()
            };
            if !file.is_empty() && !file.ends_with('\n') {
                file.push('\n');
            }
            file.push_str(&format!("{id} = {}\n", translated(text)));
            site.write(&rel, &file);
            vec![rel]
        }
        Edit::Complete { locale, page } => {
            let (l, p) = (pick(&locales, locale), pick(&pages, page));
            let rel = format!("locales/{l}/{p}.ftl");
            let text: String = reference(site, &source, &p)
                .iter()
                .map(|(id, text)| format!("{id} = {}\n", translated(text)))
                .collect();
            site.write(&rel, &text);
            vec![rel]
        }
        Edit::Break { locale, page, how } => {
            let (l, p) = (pick(&locales, locale), pick(&pages, page));
            let rel = format!("locales/{l}/{p}.ftl");
            let messages = reference(site, &source, &p);
            let id = messages.first().map_or("page-title", |(id, _)| id.as_str());
            let text = match how {
                0 => format!("{id} = Kaputt {{\n"),
                1 => format!("{id} = <b>fett</b> und kaputt\n"),
                _ => format!("{id} = [Ein Link](https://elsewhere.example/)\n"),
            };
            site.write(&rel, &text);
            vec![rel]
        }
        Edit::Remove { locale, page } => {
            let (l, p) = (pick(&locales, locale), pick(&pages, page));
            let rel = format!("locales/{l}/{p}.ftl");
            if !site.exists(&rel) {
                return Vec::new();
            }
            site.remove(&rel);
            vec![rel]
        }
        Edit::RenameHeading { page, heading } => {
            let p = pick(&pages, page);
            let rel = format!("content/{p}.md");
            let text = site.read(&rel);
            let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
            if headings.is_empty() {
                return Vec::new();
            }
            let old = headings[heading % headings.len()];
            let new = format!("{old} renamed");
            site.write(&rel, &text.replacen(old, &new, 1));
            vec![rel]
        }
        Edit::AddPage { n } => {
            let rel = format!("content/added-{n}.md");
            site.write(
                &rel,
                &format!("+++\ntitle = \"Added {n}\"\ndescription = \"A new page.\"\n+++\n\n# Added\n\nSee [owls](owls.md#eyes).\n"),
            );
            vec![rel]
        }
        Edit::RemovePage { page } => {
            if pages.len() < 2 {
                return Vec::new();
            }
            let rel = format!("content/{}.md", pick(&pages, page));
            site.remove(&rel);
            vec![rel]
        }
        Edit::SiteFtl { locale, how } => {
            let l = pick(&locales, locale);
            let rel = format!("locales/{l}/site.ftl");
            let old = if site.exists(&rel) {
                site.read(&rel)
            } else {
                String::new()
            };
            let text = match how {
                0 => format!("{old}site-tagline = Neu\n"),
                1 => old.replace("language-name = ", "language-name = Neu "),
                _ => format!("{old}footer-text = Ende {{\n"),
            };
            site.write(&rel, &text);
            vec![rel]
        }
        Edit::Config { how } => {
            let text = match how {
                0 => "[lint]\nmin_coverage = 50\n",
                1 => "outdated = \"show\"\n",
                _ => "text_width = 60\n",
            };
            site.write("fluentpress.toml", text);
            vec!["fluentpress.toml".to_string()]
        }
    }
}

/// Every file of an output directory: (path, bytes), sorted.
type Tree = Vec<(String, Vec<u8>)>;

/// Lint's errors by locale, as serve lists them at the top of the pages.
type Errors = BTreeMap<String, Vec<String>>;

/// What a fresh build writes, and lint's errors as serve lists them; `None` when the
/// site does not build at all (serve then keeps the last good output and says why).
fn fresh(site: &Site) -> Option<(Tree, Errors)> {
    let project = Project::load(site.path()).ok()?;
    if project.failed_content > 0 {
        return None;
    }
    let settings = Settings::new(&project.config, &[], &[], &[]).ok()?;
    let out = site.path().join("fresh");
    let _ = std::fs::remove_dir_all(&out);
    let opts = BuildOptions {
        out,
        locales: Vec::new(),
        jobs: None,
        strict: false,
        text_width: None,
        progress: false,
    };
    build(&project, &opts, &settings).ok()?;
    let lint = fluentpress::internals::commands::lint::run(&project, &settings, &[]);
    let mut errors: Errors = BTreeMap::new();
    for d in &lint.diagnostics {
        if d.severity == fluentpress::internals::diagnostic::Severity::Error
            && d.rule != fluentpress::internals::diagnostic::Rule::MissingMessage
        {
            errors
                .entry(d.locale.clone().unwrap_or_default())
                .or_default()
                .push(Notes::line(d));
        }
    }
    Some((site.tree("fresh"), errors))
}

fn check_edits(site: Site, edits: &[Edit]) -> Result<(), TestCaseError> {
    let out = site.path().join("dist");
    let mut session = Session::new(site.path(), &out);
    session.apply(None);
    for (i, edit) in edits.iter().enumerate() {
        let changed = apply(&site, edit);
        session.apply(Some(&changed));
        let notes = session.notes();
        match fresh(&site) {
            Some((tree, errors)) => {
                prop_assert!(
                    notes.fatal.is_none(),
                    "after {:?}: {:?}",
                    &edits[..=i],
                    notes.fatal
                );
                let served = site.tree("dist");
                let names =
                    |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
                prop_assert_eq!(names(&served), names(&tree), "after {:?}", &edits[..=i]);
                for ((name, a), (_, b)) in served.iter().zip(&tree) {
                    prop_assert!(
                        a == b,
                        "after {:?}: {} differs from a fresh build's:\n--- served\n{}\n--- fresh\n{}",
                        &edits[..=i],
                        name,
                        String::from_utf8_lossy(a),
                        String::from_utf8_lossy(b)
                    );
                }
                prop_assert_eq!(&notes.errors, &errors, "after {:?}", &edits[..=i]);
            }
            None => prop_assert!(notes.fatal.is_some(), "after {:?}", &edits[..=i]),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn served_output_is_a_fresh_build_after_any_edits(edits in prop::collection::vec(edit(), 1..6)) {
        check_edits(bird_site(), &edits)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn served_shipped_site_is_a_fresh_build_after_any_edits(edits in prop::collection::vec(edit(), 1..4)) {
        check_edits(Site::shipped(), &edits)?;
    }
}

/// The defects this property was written for, each as a fixed sequence.
#[test]
fn a_completed_translation_updates_every_edition_of_the_page() {
    // fr/owls becomes complete: every edition's language menu on that page drops
    // "(partial translation)" after Français, not only fr/owls.html.
    check_edits(bird_site(), &[Edit::Complete { locale: 2, page: 1 }]).unwrap();
    let site = bird_site();
    let mut session = Session::new(site.path(), &site.path().join("dist"));
    session.apply(None);
    let menu_mark = |rel: &str| site.read(rel).matches("partial").count();
    let before = menu_mark("dist/de/owls.html");
    let changed = apply(&site, &Edit::Complete { locale: 2, page: 1 });
    assert_eq!(changed, ["locales/fr/owls.ftl"]);
    session.apply(Some(&changed));
    assert!(
        menu_mark("dist/de/owls.html") < before,
        "the German page still marks French as partial"
    );
}

#[test]
fn a_renamed_heading_breaks_links_to_it_in_the_served_alerts() {
    let site = bird_site();
    let mut session = Session::new(site.path(), &site.path().join("dist"));
    session.apply(None);
    assert!(!format!("{:?}", session.notes().errors).contains("broken-link"));
    site.write(
        "content/owls.md",
        &OWLS.replace("## Barn owls", "## Barn owls of Europe"),
    );
    session.apply(Some(&["content/owls.md".to_string()]));
    let errors = format!("{:?}", session.notes().errors);
    assert!(
        errors.contains("content/birds.md") && errors.contains("[broken-link]"),
        "{errors}"
    );
}

#[test]
fn the_served_alerts_apply_the_coverage_gate() {
    let site = bird_site();
    site.write("fluentpress.toml", "[lint]\nmin_coverage = 90\n");
    let mut session = Session::new(site.path(), &site.path().join("dist"));
    session.apply(None);
    let errors = format!("{:?}", session.notes().errors);
    assert!(errors.contains("[min-coverage]"), "{errors}");
}
