//! `fluentpress init [DIR]`: starts a site that builds and lints cleanly at once:
//! `content/` with one sample page, `locales/<source>/site.ftl` with every layout
//! message and a comment on what each is for, the reference file of the sample page
//! (as `extract` writes it), templates for each further locale (as `new-locale` writes
//! them), `fluentpress.toml` with the common settings commented, a `.gitignore` for
//! `dist/` and a GitHub Actions workflow. A folder that holds anything is refused
//! unless `force`; an existing file is never overwritten.

use crate::error::{Error, Result};
use crate::locale::Locale;
use crate::project::{CONTENT_DIR, LAYOUT_MESSAGES, LOCALES_DIR, Project, SITE_FILE};
use std::path::{Path, PathBuf};

/// What each layout message is for (the comment written above it in `site.ftl`).
pub const LAYOUT_MESSAGE_PURPOSES: &[(&str, &str)] = &[
    (
        "language-name",
        "The edition's language, named in itself (the language menu and the chooser).",
    ),
    (
        "site-name",
        "The site's name: the header of every page and the end of each page title.",
    ),
    (
        "site-tagline",
        "A line under the site name in the header; {\"\"} for none.",
    ),
    (
        "seal-alt",
        "Text alternative of the logo (seal.svg) in the header.",
    ),
    (
        "skip-link",
        "The first link on every page, for keyboard users: skips to the main content.",
    ),
    (
        "language-menu-label",
        "Name of the language menu (read by screen readers; the phone menu's button).",
    ),
    (
        "language-partial",
        "After a language's name in the menus: its edition is partly translated.",
    ),
    (
        "language-chooser-heading",
        "Heading of dist/index.html, where readers choose a language.",
    ),
    (
        "language-chooser-intro",
        "The chooser's instruction under its heading.",
    ),
    (
        "page-list-heading",
        "Heading of the edition's list of pages (<tag>/index.html).",
    ),
    (
        "text-edition-link",
        "Link from a web page to its plain-text edition.",
    ),
    (
        "html-edition-link",
        "Link from the list of pages to the web edition.",
    ),
    (
        "fallback-notice",
        "Top of a page with passages shown in the source language; $count is how many.",
    ),
    (
        "untranslated-marker",
        "Marks a passage shown in the source language (plain-text edition).",
    ),
    (
        "links-heading",
        "Heading of the list of link targets at the end of a plain-text page.",
    ),
    ("notes-heading", "Heading of the footnotes."),
    (
        "image-label",
        "Word for an image in the plain-text edition.",
    ),
    (
        "image-text",
        "How an image is written in the plain-text edition; $label is image-label, $description its text.",
    ),
    (
        "other-editions-heading",
        "Heading of the links to the same page in other languages.",
    ),
    (
        "footnote-backlink",
        "Link from a footnote back to where it is cited.",
    ),
    ("footer-text", "The footer of every page."),
];

/// What `init` should create.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub source_locale: String,
    pub locales: Vec<String>,
    pub force: bool,
}

/// What `init` did: paths (relative to the site) created, and those kept because they existed.
#[derive(Debug, Default)]
pub struct InitReport {
    pub created: Vec<String>,
    pub kept: Vec<String>,
}

const SAMPLE_PAGE: &str = "\
+++
title = \"Welcome\"
description = \"The first page of a new fluentpress site.\"
+++

# Welcome

This is the first page of a new site. Write pages in Markdown under `content/`;
each paragraph, heading and list item becomes one message that translators
translate in `locales/<language>/<page>.ftl`.

- Run `fluentpress build` to publish every language into `dist/`.
- Run `fluentpress status` to see what is left to translate.
";

const GITIGNORE: &str = "\
# fluentpress output (`fluentpress build`), and its staging directories.
dist/
/.dist.*
";

fn config_text(source: &Locale, locales: &[Locale]) -> String {
    let mut text = format!(
        "\
# fluentpress settings. Every key is optional; see the README for each.

# The language content/ is written in.
source_locale = \"{}\"

# The absolute URL the site is published under, ending in `/`: canonical links and sitemap.xml.
# base_url = \"https://example.org/site/\"

# Width of the plain-text editions, in display columns.
# text_width = 72

# What a page shows for a translation made from older source text: \"fallback\" (the
# current source text, marked) or \"show\" (the older translation).
# outdated = \"fallback\"

# [lint]
# deny = [\"warnings\"]       # every warning is an error
# allow = [\"untranslated\"]  # rule codes turned off (`fluentpress lint --explain` lists them)
",
        source.tag
    );
    for l in locales {
        text.push_str(&format!(
            "\n# A translation in progress: its missing translations are warnings, not errors.\n[locales.{}]\nwork_in_progress = true\n",
            l.tag
        ));
    }
    if locales.is_empty() {
        text.push_str(
            "\n# [locales.ko]\n# work_in_progress = true  # missing translations are warnings, not errors\n",
        );
    }
    text
}

const WORKFLOW: &str = "\
# Lints the translations and builds the site on every push and pull request.
name: fluentpress

on: [push, pull_request]

jobs:
  site:
    runs-on: ubuntu-latest
    # To build the languages on several runners at once, uncomment the matrix and
    # pass `--locale ${{ matrix.locale }}` to the build step below.
    # strategy:
    #   matrix:
    #     locale: [en, ko]
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      # Install fluentpress (from crates.io, or `--git <its repository>`).
      - run: cargo install --locked fluentpress
      - run: fluentpress lint --format github
      - run: fluentpress build --strict
      # - run: fluentpress build --strict --locale ${{ matrix.locale }}
      - uses: actions/upload-artifact@v4
        with:
          name: site
          path: dist/
";

/// The source locale's `site.ftl`: every layout message, with what it is for.
pub fn site_ftl(default_site: &str, source: &Locale) -> String {
    let mut out = String::from(
        "### Layout strings of the source edition: every page's header, menus and footer.\n\
         ### Each translation has its own copy (`fluentpress new-locale TAG` starts one).\n\n",
    );
    for id in LAYOUT_MESSAGES {
        let purpose = LAYOUT_MESSAGE_PURPOSES
            .iter()
            .find(|(m, _)| m == id)
            .map_or("", |(_, p)| *p);
        out.push_str(&format!("# {purpose}\n"));
        if *id == "language-name" {
            out.push_str(&format!(
                "language-name = {}\n\n",
                source.autonym().unwrap_or(&source.tag)
            ));
            continue;
        }
        match default_message(default_site, id) {
            Some(text) => {
                out.push_str(&text);
                out.push('\n');
            }
            None => out.push_str(&format!("{id} = {id}\n\n")),
        }
    }
    out
}

/// The message `id` of a Fluent file written one message per `id = …` line plus its
/// indented continuation lines (as `default-site.ftl` is).
fn default_message(ftl: &str, id: &str) -> Option<String> {
    let mut out = String::new();
    let mut inside = false;
    for line in ftl.lines() {
        if inside {
            if line.starts_with(' ') {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            break;
        }
        if line
            .strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            inside = true;
            out.push_str(line);
            out.push('\n');
        }
    }
    inside.then_some(out)
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Writes `text` at `root/rel` unless a file (or a symbolic link) is there; never
/// through a directory that is a symbolic link.
fn create(root: &Path, rel: &str, text: &str, report: &mut InitReport) -> Result<()> {
    use std::io::Write as _;
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        crate::fsutil::create_dir_inside(root, parent)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes())
                .map_err(|e| Error::io(&path, e))?;
            report.created.push(rel.to_string());
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            report.kept.push(rel.to_string())
        }
        Err(e) => return Err(Error::io(&path, e)),
    }
    Ok(())
}

/// Creates the site (see the module documentation).
pub fn init(opts: &InitOptions) -> Result<InitReport> {
    let source = Locale::parse(opts.source_locale.trim())
        .map_err(|e| Error::Usage(format!("--source-locale: {e}")))?;
    let mut locales: Vec<Locale> = Vec::new();
    for tag in &opts.locales {
        let l = Locale::parse(tag.trim()).map_err(|e| Error::Usage(format!("--locale: {e}")))?;
        if l == source {
            return Err(Error::Usage(format!(
                "--locale {tag}: that is the source locale (--source-locale {})",
                source.tag
            )));
        }
        if !locales.contains(&l) {
            locales.push(l);
        }
    }
    let root = &opts.dir;
    if !opts.force && !is_empty_dir(root)? {
        return Err(Error::Usage(format!(
            "{} is not empty; `fluentpress init` starts a site in an empty folder (pass --force to add the missing files anyway: no existing file is ever overwritten)",
            root.display()
        )));
    }
    std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    let mut report = InitReport::default();
    create(
        root,
        &format!("{CONTENT_DIR}/welcome.md"),
        SAMPLE_PAGE,
        &mut report,
    )?;
    let site = site_ftl(crate::project::DEFAULT_SITE_FTL, &source);
    create(
        root,
        &format!("{LOCALES_DIR}/{}/{SITE_FILE}", source.tag),
        &site,
        &mut report,
    )?;
    create(
        root,
        crate::config::FILE_NAME,
        &config_text(&source, &locales),
        &mut report,
    )?;
    create(root, ".gitignore", GITIGNORE, &mut report)?;
    create(
        root,
        ".github/workflows/fluentpress.yml",
        WORKFLOW,
        &mut report,
    )?;

    // The reference files, as `extract` writes them (only files that do not exist).
    let project = Project::load(root)?;
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let plan = crate::extract::plan(&project);
    for (rel, text) in &plan.write {
        create(root, rel, text, &mut report)?;
    }
    // A template for each further locale, as `new-locale` writes them.
    for locale in &locales {
        let project = Project::load(root)?;
        if project.locale_index(&locale.tag).is_some() {
            report.kept.push(format!("{LOCALES_DIR}/{}/", locale.tag));
            continue;
        }
        let new = super::new_locale::plan(&project, &locale.tag)?;
        super::new_locale::create(&project, &new)?;
        report
            .created
            .extend(new.files.iter().map(|(p, _)| p.clone()));
    }
    Ok(report)
}
