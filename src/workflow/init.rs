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

/// What `work_in_progress` does, said the same way in the README, `--explain
/// min-coverage`, `new-locale`'s message and [`crate::config::LocaleSettings`].
pub const WIP_COMMENT: &str = "work_in_progress = true: a translation being started; no min_coverage gate of this file applies to it (a --min-coverage on the command line still does). Nothing else changes: missing translations are coverage in every locale, never errors or warnings.";

/// [`WIP_COMMENT`] as comment lines, a sentence part a line.
fn wip_comment() -> String {
    WIP_COMMENT.replace("; ", ";\n# ").replace(". ", ".\n# ")
}

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
    if !locales.is_empty() {
        text.push_str(&format!("\n# {}\n", wip_comment()));
    }
    for l in locales {
        text.push_str(&format!("\n[locales.{}]\nwork_in_progress = true\n", l.tag));
    }
    if locales.is_empty() {
        text.push_str(&format!(
            "\n# {}\n# [locales.ko]\n# work_in_progress = true\n",
            wip_comment()
        ));
    }
    text
}

/// The address of fluentpress's repository, from `Cargo.toml` (`repository`): the one
/// place it is written. The generated workflow downloads release binaries from it.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
/// The version the generated workflow installs: the one that generated it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The steps that put fluentpress on a runner: the cached binary of this version, else
/// the release archive for the runner (its SHA-256 checked), else a build of the tagged
/// source. The archive names are those `.github/workflows/release.yml` publishes.
const INSTALL_STEPS: &str = r#"      - uses: actions/checkout@v4
      - name: Restore fluentpress from the cache
        id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/fluentpress
          key: fluentpress-${{ runner.os }}-${{ runner.arch }}-${{ env.FLUENTPRESS_VERSION }}
      - name: Install fluentpress
        if: steps.cache.outputs.cache-hit != 'true'
        run: |
          case "$RUNNER_OS-$RUNNER_ARCH" in
            Linux-X64) target=x86_64-unknown-linux-musl ;;
            Linux-ARM64) target=aarch64-unknown-linux-musl ;;
            *) target= ;;
          esac
          name="fluentpress-v$FLUENTPRESS_VERSION-$target"
          url="$FLUENTPRESS_REPOSITORY/releases/download/v$FLUENTPRESS_VERSION"
          mkdir -p "$HOME/.cargo/bin"
          cd "$RUNNER_TEMP"
          if [ -n "$target" ] && curl -fsSLO "$url/$name.tar.gz" && curl -fsSLO "$url/$name.tar.gz.sha256"; then
            sha256sum --check "$name.tar.gz.sha256"
            tar -xzf "$name.tar.gz"
            install -m 755 "$name/fluentpress" "$HOME/.cargo/bin/fluentpress"
          else
            echo "no release archive for $RUNNER_OS $RUNNER_ARCH: building fluentpress $FLUENTPRESS_VERSION from its tagged source"
            cargo install --locked --git "$FLUENTPRESS_REPOSITORY" --tag "v$FLUENTPRESS_VERSION" fluentpress
          fi
      - run: echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"
      - run: fluentpress --version
"#;

/// `.github/workflows/fluentpress.yml`: lint with annotations; build each edition on its
/// own runner (`build --locale TAG`, one per locale of the site: `locales`, the source
/// first); merge the editions into one site, checking that the files every shard writes
/// (chooser, status page, style, files) agree byte for byte and that every locale was
/// built; publish it with GitHub Pages on a push to the default branch.
pub fn workflow_text(locales: &[&str]) -> String {
    let matrix = locales
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"# Written by `fluentpress init` (fluentpress {VERSION}). On every push and pull request:
# lint the translations (findings annotate the pull request), build each edition on its
# own runner, merge the editions into one site; on a push to the default branch, publish
# it with GitHub Pages. Once per repository: Settings > Pages > Source: "GitHub Actions".
name: fluentpress

on:
  push:
  pull_request:
  workflow_dispatch:

# The fluentpress that checks this site: its release binary (or, where there is none for
# the runner, a build of its tagged source), cached, so a run takes seconds. To upgrade,
# change the version.
env:
  FLUENTPRESS_VERSION: "{VERSION}"
  FLUENTPRESS_REPOSITORY: {REPOSITORY}

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
{INSTALL_STEPS}      - run: fluentpress lint --format github

  build:
    runs-on: ubuntu-latest
    # One runner per edition (`fluentpress build --locale TAG`); `merge` puts them together.
    # Delete the `strategy:` block to build every edition on one runner: `merge` works
    # either way. A new locale (`fluentpress new-locale TAG`) needs its tag in this list:
    # `merge` fails, naming it, until it is there.
    strategy:
      matrix:
        locale: [{matrix}]
    steps:
{INSTALL_STEPS}      - name: Build
        env:
          LOCALE: ${{{{ matrix.locale }}}}
        run: |
          if [ -n "$LOCALE" ]; then
            fluentpress build --strict --locale "$LOCALE"
          else
            fluentpress build --strict
          fi
      - uses: actions/upload-artifact@v4
        with:
          name: edition-${{{{ matrix.locale || 'all' }}}}
          path: dist/
          if-no-files-found: error
          retention-days: 1

  merge:
    needs: [lint, build]
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          pattern: edition-*
          path: editions
      # Each shard holds its own edition and the files every build writes (the language
      # chooser, status.html, style.css, files/), which must be the same in every shard.
      - name: Merge the editions into one site
        run: |
          set -euo pipefail
          mkdir -p site
          for shard in editions/*/; do
            (cd "$shard" && find . -type f | sort) | while IFS= read -r file; do
              if [ -e "site/$file" ]; then
                cmp -s "$shard/$file" "site/$file" || {{ echo "::error::the shards disagree on $file"; exit 1; }}
              else
                mkdir -p "$(dirname "site/$file")"
                cp "$shard/$file" "site/$file"
              fi
            done
          done
          for dir in locales/*/; do
            tag=$(basename "$dir")
            if ! ls site | grep -qixF -- "$tag"; then
              echo "::error::no shard built the edition $tag: add \"$tag\" to the matrix of the build job in .github/workflows/fluentpress.yml"
              exit 1
            fi
          done
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site/

  deploy:
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
    needs: merge
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - uses: actions/configure-pages@v5
      - name: Publish the site
        id: deployment
        uses: actions/deploy-pages@v4
"#
    )
}

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
    let mut editions = vec![source.tag.as_str()];
    editions.extend(locales.iter().map(|l| l.tag.as_str()));
    create(
        root,
        ".github/workflows/fluentpress.yml",
        &workflow_text(&editions),
        &mut report,
    )?;

    // The reference files, as `extract` writes them (only files that do not exist).
    let project = Project::load(root)?;
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let plan = crate::extract::plan(&project)?;
    for (rel, text, _) in &plan.write {
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
