//! `fluentpress import --locale TAG DIR`: turns a site's existing whole-file
//! translations (one translated Markdown file per page, as Hugo, Jekyll and Docusaurus
//! keep them) into Fluent translations, segment by segment.
//!
//! Each translated file is parsed with the same Markdown parser as the pages; its blocks
//! are aligned with the page's segments ([`align`]); the confident pairs become messages
//! with the source hash of the segment they were aligned to, written into
//! `locales/TAG/<page>.ftl` in reference order, every other message as `sync`'s
//! template — the file is exactly what `sync` would leave. An existing translation is
//! kept unless `force`. The locale is created (as `new-locale` does) when missing.
//!
//! What is not imported: a block no segment fits, or fits only doubtfully; a block that
//! translates two source paragraphs at once (a merge) unless one sentence end clearly
//! cuts it into the two translations (otherwise showing all of it in place of the first
//! paragraph would put text where it does not belong); a block the judgement of the
//! written file finds identical to its source (left in the source language). A source
//! paragraph translated as two blocks (a split) is imported as the two blocks joined.
//! Each file written is judged by the pipeline's one judgement ([`judge`]): the report's
//! findings are what `lint` says of it, and translations it refuses (a changed link, raw
//! HTML) are imported and reported — the build shows the source text in their place
//! until the translator fixes them.

pub mod align;
pub mod history;
mod judge;
mod links;
mod place;
mod report;
mod write;

use judge::judge_written;
use place::{first_words, import_page};
pub use report::Totals;
use write::write_page_file;

use self::align::Move;
use super::new_locale::{self, NewLocale};
use super::sync::page_file_text;
use crate::error::{Error, Result};
use crate::ftl::{self, FtlFile};
use crate::lint::Settings;
use crate::locale::Locale;
use crate::project::{LocaleFiles, Page, Project, SITE_FILE, Segment};
use crate::source::TextFile;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where the translated files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `DIR/<page>.md` for `content/<page>.md`.
    Mirror,
    /// `DIR/<page>.TAG.md` (Hugo's translation by file name).
    HugoSuffix,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub locale: String,
    pub dir: PathBuf,
    pub layout: Layout,
    pub force: bool,
    /// Align each file against the page as it was when the file was last committed.
    pub git_history: bool,
    /// Read files (and directories) of DIR that are symbolic links; by default they are
    /// reported and skipped, as a third-party folder's links could lead anywhere.
    pub follow_symlinks: bool,
}

/// A message imported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Imported {
    pub id: String,
    /// 1-based line of the block(s) in the translated file.
    pub line: usize,
    #[serde(rename = "move")]
    pub how: Move,
    pub text: String,
    /// It translates an older source text than today's (git history): imported, and
    /// outdated.
    pub outdated: bool,
}

/// A translated block not imported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NotPlaced {
    pub line: usize,
    pub first_words: String,
    /// The reason as a stable code, for counting and for scripts.
    pub why: LeftOut,
    pub reason: String,
}

/// Why a translated block was left out, as the report counts it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOut {
    /// No source segment fits it (a translator's note, a passage of their own).
    NoFit,
    /// A segment fits it, but not clearly enough to import it.
    Doubtful,
    /// It translates two source paragraphs at once and cannot be cut between them.
    TwoInOne,
    /// It translates a passage the English has deleted since (git history).
    DeletedSince,
    /// It is the English text itself.
    LeftInEnglish,
}

impl LeftOut {
    pub fn code(self) -> &'static str {
        match self {
            LeftOut::NoFit => "no-fit",
            LeftOut::Doubtful => "doubtful",
            LeftOut::TwoInOne => "two-in-one",
            LeftOut::DeletedSince => "deleted-since",
            LeftOut::LeftInEnglish => "left-in-english",
        }
    }
}

/// What lint says of the file import writes: each error and warning of the one
/// judgement ([`crate::pipeline::judge`]), with lint's severities.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// The message it concerns, if one.
    pub id: Option<String>,
    /// 1-based line of the message's block in the translated file (`None`: a message
    /// this import did not write, or none).
    pub line: Option<usize>,
    /// Where lint points in the written `.ftl` file.
    pub ftl_line: usize,
    pub rule: String,
    pub severity: String,
    pub message: String,
    /// This import wrote the message.
    pub imported: bool,
    /// The build shows the source text in its place ([`Rule::refuses_translation`]).
    pub refused: bool,
}

/// The report for one page.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PageReport {
    pub page: String,
    /// The translated file read (relative to the current directory as given).
    pub file: String,
    /// The translated passages the file holds: its body's blocks, and its title and
    /// description when it has them.
    pub found: usize,
    pub imported: Vec<Imported>,
    /// Ids with an existing translation that was kept (no `--force`).
    pub kept: Vec<String>,
    /// Ids of source segments left without a translation.
    pub untranslated: Vec<String>,
    pub not_placed: Vec<NotPlaced>,
    pub findings: Vec<Finding>,
    /// The translation file written (or that would be), relative to the site's root.
    pub written: Option<String>,
    /// Why the file could not be imported at all (front matter, encoding).
    pub problem: Option<String>,
    /// Why the file is no translation, so nothing of it is imported: a stub, a draft,
    /// an empty body, or a body that is the source's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_a_translation: Option<String>,
    /// With `--git-history`: the commit of the page the file was aligned against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aligned_with: Option<String>,
}

/// A file to write.
#[derive(Debug, Clone, Serialize)]
pub struct FileChange {
    pub path: String,
    pub created: bool,
    #[serde(skip)]
    pub text: String,
    /// How the existing file is written (kept on rewrite).
    #[serde(skip)]
    pub style: crate::source::TextStyle,
}

/// Everything an import would do.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub locale: String,
    pub created_locale: bool,
    pub pages: Vec<PageReport>,
    /// Pages with no translated file in DIR.
    pub pages_without_file: Vec<String>,
    /// Markdown files in DIR that belong to no page.
    pub files_without_page: Vec<String>,
    pub files: Vec<FileChange>,
    #[serde(skip)]
    new_locale: Option<NewLocale>,
}

/// What a translated file gives, once aligned.
struct PageImport {
    report: PageReport,
    /// (segment index, text, source hash it translates) to write.
    messages: Vec<(usize, String, String)>,
    /// The file's headings placed on the page's ([`links::heading_pairs`]).
    headings: links::HeadingPairs,
}

/// Each placed message of `import` as the file will hold it ([`write::as_written`]), and
/// the report's copy of it too.
fn as_written(page: &Page, import: &mut PageImport, places: &links::Places<'_>) {
    for (i, text, _) in &mut import.messages {
        let seg = &page.segments[*i];
        let written = write::as_written(page, seg, text, places);
        if written != *text {
            for imported in import.report.imported.iter_mut().filter(|m| m.id == seg.id) {
                imported.text = written.clone();
            }
            *text = written;
        }
    }
}

/// A page of the import between aligning and writing: reported already (nothing to
/// import), or aligned.
enum Step<'m> {
    Reported(PageReport),
    Aligned {
        page: &'m Page,
        import: Box<PageImport>,
        existing_file: Option<FtlFile>,
        base_text: String,
        created: bool,
    },
}

/// Works out the import without writing anything.
pub fn plan(project: &Project, options: &Options) -> Result<Plan> {
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let locale =
        Locale::parse(options.locale.trim()).map_err(|e| Error::Usage(format!("--locale: {e}")))?;
    if locale == project.config.source_locale {
        return Err(Error::Usage(format!(
            "--locale {}: that is the source locale; import translations into another locale",
            locale.tag
        )));
    }
    if !options.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a directory of translated Markdown files",
            options.dir.display()
        )));
    }
    let existing = project.locale_index(&locale.tag);
    let new_locale = match existing {
        Some(_) => None,
        None => Some(new_locale::plan(project, &locale.tag)?),
    };
    let suffixes: Vec<String> = {
        let mut s = vec![format!(".{}.md", locale.tag)];
        let given = format!(".{}.md", options.locale.trim());
        if !s.contains(&given) {
            s.push(given);
        }
        s
    };
    // A page's file, and whether it (or a directory on the way below DIR) is a link.
    let linked = |p: &Path| crate::fsutil::has_link_below(&options.dir, p);
    let file_for = |page: &Page| -> Option<(PathBuf, bool)> {
        let candidates: Vec<PathBuf> = match options.layout {
            Layout::Mirror => vec![options.dir.join(format!("{}.md", page.slug))],
            Layout::HugoSuffix => suffixes
                .iter()
                .map(|s| options.dir.join(format!("{}{s}", page.slug)))
                .collect(),
        };
        candidates
            .into_iter()
            .find(|p| {
                if options.follow_symlinks {
                    p.is_file()
                } else {
                    std::fs::symlink_metadata(p).is_ok() && (linked(p) || p.is_file())
                }
            })
            .map(|p| {
                let link = !options.follow_symlinks && linked(&p);
                (p, link)
            })
    };

    // The locale's files as the written page files will be judged with: the locale's
    // own, or those `new-locale` would create.
    let planned;
    let locale_files: &LocaleFiles = match existing {
        Some(l) => project.locale(l),
        None => {
            let new = new_locale
                .as_ref()
                .expect("planned when the locale is missing");
            let site_path = format!("{}/{SITE_FILE}", new.dir);
            let site = new
                .files
                .iter()
                .find(|(rel, _)| *rel == site_path)
                .map(|(rel, text)| {
                    FtlFile::parse(
                        PathBuf::from(rel),
                        text.clone(),
                        crate::source::TextStyle::NEW,
                    )
                });
            planned = LocaleFiles::planned(locale.clone(), site);
            &planned
        }
    };
    let settings = Settings::new(&project.config, &[], &[], &[])?;

    let mut pages = Vec::new();
    let mut pages_without_file = Vec::new();
    let mut files = Vec::new();
    let mut used: Vec<PathBuf> = Vec::new();
    let models = project.models()?;
    // Every file is aligned first; then each one's links are brought back to the
    // source's with the headings of all of them, as a link may name another page's
    // translated heading.
    let mut steps = Vec::new();
    let language = links::Language::new(&locale, project.config.base_url.as_deref());
    for page in &models {
        // Hugo keeps translations beside their page: never import a page into itself.
        if options.layout == Layout::HugoSuffix
            && suffixes
                .iter()
                .any(|s| format!("{}.md", page.slug).ends_with(s.as_str()))
        {
            continue;
        }
        let Some((path, link)) = file_for(page) else {
            pages_without_file.push(page.slug.clone());
            continue;
        };
        used.push(path.clone());
        let shown = path.display().to_string();
        if link {
            steps.push(Step::Reported(PageReport {
                page: page.slug.clone(),
                file: shown.clone(),
                problem: Some(format!(
                    "{shown} is a symbolic link (or lies in a linked directory), which is not followed: it could lead outside {}; nothing imported (`--follow-symlinks` reads it)",
                    options.dir.display()
                )),
                ..PageReport::default()
            }));
            continue;
        }
        let bytes = if options.follow_symlinks {
            std::fs::read(&path)
        } else {
            crate::source::read_no_follow(&path)
        }
        .map_err(|e| Error::io(&path, e))?;
        let existing_file: Option<FtlFile> =
            existing.and_then(|l| project.page_file(l, &page.slug).0);
        let (base_text, created) = match &existing_file {
            Some(f) => (f.source().to_string(), false),
            None => (page_file_text(page, &locale).0, true),
        };
        let import = match TextFile::decode(bytes) {
            Err(bad) => PageImport {
                report: PageReport {
                    page: page.slug.clone(),
                    file: shown.clone(),
                    problem: Some(format!(
                        "{shown}:{}:{}: the file is not valid UTF-8; nothing imported",
                        bad.line, bad.column
                    )),
                    ..PageReport::default()
                },
                messages: Vec::new(),
                headings: Vec::new(),
            },
            Ok(file) => {
                let old = if options.git_history {
                    history::source_when_translated(&project.root, &path, &page.rel_path)
                } else {
                    None
                };
                let mut done = import_page(
                    page,
                    &file.text,
                    &shown,
                    old.as_ref().map(|o| o.text.as_str()),
                    &language,
                );
                done.report.aligned_with = old.map(|o| o.commit);
                done
            }
        };
        steps.push(Step::Aligned {
            page,
            import: Box::new(import),
            existing_file,
            base_text,
            created,
        });
    }
    let mut site_headings = links::SiteHeadings::default();
    for step in &steps {
        if let Step::Aligned { import, .. } = step {
            site_headings.add(&import.headings);
        }
    }
    for step in steps {
        let (page, mut import, existing_file, base_text, created) = match step {
            Step::Reported(report) => {
                pages.push(report);
                continue;
            }
            Step::Aligned {
                page,
                import,
                existing_file,
                base_text,
                created,
            } => (page, import, existing_file, base_text, created),
        };
        let places = links::Places {
            language: &language,
            headings: &site_headings,
        };
        as_written(page, &mut import, &places);
        // Existing translations stay unless --force.
        if let Some(f) = &existing_file {
            import.messages.retain(|(i, _, _)| {
                let id = &page.segments[*i].id;
                let has = f.get(id).is_some_and(|e| e.has_value);
                if has && !options.force {
                    import.report.kept.push(id.clone());
                    false
                } else {
                    true
                }
            });
            let kept = &import.report.kept;
            import.report.imported.retain(|m| !kept.contains(&m.id));
        }
        let path_rel = locale_files.page_path(&page.slug);
        import.report.written = Some(path_rel.clone());
        let text = judge_written(
            project,
            locale_files,
            &settings,
            page,
            &path_rel,
            &base_text,
            &mut import,
        );
        if created || text != base_text {
            files.push(FileChange {
                path: path_rel,
                created,
                text,
                style: existing_file
                    .as_ref()
                    .map_or(crate::source::TextStyle::NEW, |f| f.style),
            });
        }
        pages.push(import.report);
    }
    let mut files_without_page = Vec::new();
    let mut found = Vec::new();
    collect_md(
        &options.dir,
        options.follow_symlinks,
        &mut Vec::new(),
        &mut found,
    );
    for f in found {
        if used.contains(&f) {
            continue;
        }
        let name = f.to_string_lossy();
        let relevant = match options.layout {
            Layout::Mirror => true,
            Layout::HugoSuffix => suffixes.iter().any(|s| name.ends_with(s.as_str())),
        };
        if relevant {
            files_without_page.push(f.display().to_string());
        }
    }
    files_without_page.sort();
    Ok(Plan {
        locale: locale.tag.clone(),
        created_locale: new_locale.is_some(),
        pages,
        pages_without_file,
        files_without_page,
        files,
        new_locale,
    })
}

/// The Markdown files below `dir`, sorted. Symbolic links are skipped unless `follow`
/// (then each real directory is entered once: `visited`, so a link loop ends).
fn collect_md(dir: &Path, follow: bool, visited: &mut Vec<PathBuf>, out: &mut Vec<PathBuf>) {
    if follow {
        match std::fs::canonicalize(dir) {
            Ok(real) if !visited.contains(&real) => visited.push(real),
            _ => return,
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let meta = if follow {
            std::fs::metadata(&path)
        } else {
            std::fs::symlink_metadata(&path)
        };
        let Ok(meta) = meta else {
            continue;
        };
        if meta.is_dir() {
            collect_md(&path, follow, visited, out);
        } else if meta.is_file() && path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

/// Writes the plan: creates the locale first when it is new (as `new-locale` does).
pub fn apply(project: &Project, plan: &Plan) -> Result<()> {
    if let Some(new) = &plan.new_locale {
        let mut new = new.clone();
        for (rel, text) in &mut new.files {
            if let Some(f) = plan.files.iter().find(|f| f.path == *rel) {
                *text = f.text.clone();
            }
        }
        new_locale::create(project, &new)?;
        return Ok(());
    }
    for f in &plan.files {
        crate::fsutil::write_text(&project.root, &project.root.join(&f.path), &f.text, f.style)?;
    }
    Ok(())
}

/// Aligns one translated file's text (front matter and Markdown) with a page and says
/// what it would import, without looking at existing translations.
pub fn import_text(project: &Project, page: &Page, locale: &Locale, text: &str) -> PageReport {
    let language = links::Language::new(locale, project.config.base_url.as_deref());
    let mut import = import_page(page, text, "(text)", None, &language);
    let mut headings = links::SiteHeadings::default();
    headings.add(&import.headings);
    let places = links::Places {
        language: &language,
        headings: &headings,
    };
    as_written(page, &mut import, &places);
    let planned;
    let files = match project.locale_index(&locale.tag) {
        Some(l) => project.locale(l),
        None => {
            planned = LocaleFiles::planned(locale.clone(), None);
            &planned
        }
    };
    let settings = Settings::new(&project.config, &[], &[], &[]).unwrap_or_default();
    let base = page_file_text(page, locale).0;
    let path = files.page_path(&page.slug);
    judge_written(project, files, &settings, page, &path, &base, &mut import);
    import.report
}
