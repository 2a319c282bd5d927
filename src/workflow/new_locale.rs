//! `fluentpress new-locale TAG`: starts a language edition. The tag is checked and
//! canonicalised (`zh-hant` → `zh-Hant`); `locales/TAG/` gets `site.ftl` with
//! `language-name` filled in with the language's name in itself and every other message
//! as a template, and a file of templates for every page. The next build lists the
//! edition, named in its own language and marked partial.

use super::sync::{page_file_text, site_file_text};
use crate::error::{Error, Result};
use crate::locale::Locale;
use crate::project::{LOCALES_DIR, Project, SITE_FILE};

/// The edition to create: its canonical locale and its files (path relative to the
/// site root, text).
#[derive(Debug, Clone)]
pub struct NewLocale {
    pub locale: Locale,
    pub dir: String,
    pub files: Vec<(String, String)>,
}

/// Checks `tag` and prepares the files, or says why not (a usage error: exit 2).
pub fn plan(project: &Project, tag: &str) -> Result<NewLocale> {
    let locale = Locale::parse(tag.trim()).map_err(|e| Error::Usage(e.to_string()))?;
    let canonical = &locale.tag;
    if locale == project.config.source_locale {
        return Err(Error::Usage(format!(
            "`{canonical}` is the source locale; its files are written by `fluentpress extract`"
        )));
    }
    let dir = format!("{LOCALES_DIR}/{canonical}");
    // A symbolic link counts, even one that leads nowhere.
    if std::fs::symlink_metadata(project.root.join(&dir)).is_ok() {
        return Err(Error::Usage(format!("{dir} already exists")));
    }
    let locales_dir = project.root.join(LOCALES_DIR);
    let entries = std::fs::read_dir(&locales_dir).map_err(|e| Error::io(&locales_dir, e))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if Locale::parse(&name).is_ok_and(|l| l.tag == *canonical) {
            return Err(Error::Usage(format!(
                "{LOCALES_DIR}/{name} is already the locale {canonical}; translate there"
            )));
        }
    }
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        });
    }
    let reference = project
        .source_locale()
        .site
        .as_ref()
        .unwrap_or(&project.default_site);
    let mut files = vec![(
        format!("{dir}/{SITE_FILE}"),
        site_file_text(reference, &locale, true),
    )];
    for page in &project.models()? {
        files.push((
            format!("{dir}/{}.ftl", page.slug),
            page_file_text(page, &locale).0,
        ));
    }
    Ok(NewLocale { locale, dir, files })
}

/// Creates the directory and writes the files. The directory is created first and
/// must not exist, so two runs at once cannot both succeed; `locales/` must be the
/// site's own directory, not a symbolic link.
pub fn create(project: &Project, new: &NewLocale) -> Result<()> {
    crate::fsutil::create_dir_inside(&project.root, &project.root.join(LOCALES_DIR))?;
    let dir = project.root.join(&new.dir);
    std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    for (rel, text) in &new.files {
        crate::fsutil::write_text(
            &project.root,
            &project.root.join(rel),
            text,
            crate::source::TextStyle::NEW,
        )?;
    }
    Ok(())
}
