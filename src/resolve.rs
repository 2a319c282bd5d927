//! One edition (locale × page): which text each segment shows — its translation, or the
//! source text with the reason it falls back — and the layout's strings in that locale.
//! The build renders from this, and lint reports from the same decisions, so what lint
//! calls broken is exactly what the build refuses to show.

use crate::checks::translation::{self, Check};
use crate::config::OutdatedPolicy;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::ftl::FtlFile;
use crate::locale::{Locale, LocaleId};
use crate::markdown::{self, Inline};
use crate::numfmt;
use crate::page::BrokenTarget;
use crate::project::{LocaleFiles, Page, Project, Segment};
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::HashMap;

/// Why a passage shows the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// No translation.
    Missing,
    /// The translation was made from older source text.
    Outdated,
    /// The translation is identical to the source text.
    Untranslated,
    /// The translation was refused (raw HTML, other link targets, empty, does not format).
    Rejected,
}

/// What one segment shows in an edition.
#[derive(Debug, Clone)]
pub struct Shown<'p> {
    pub inlines: Cow<'p, [Inline]>,
    /// `None` when the passage is in the edition's language.
    pub fallback: Option<Fallback>,
}

/// How much of a page an edition shows in its own language: the one definition of
/// "translated" that `status`, `status.html`, lint's summary, the build's summary and the
/// language menu's "partial" mark all count. A segment is translated exactly when the
/// build renders its translation (or it has no words to translate).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    pub total: usize,
    /// Shown in the edition's language.
    pub translated: usize,
    /// Shown in the source language: the translation was made from older source text.
    pub outdated: usize,
    /// Shown in the source language: there is no translation.
    pub missing: usize,
    /// Shown in the source language although a translation exists: lint refused it (raw
    /// HTML, other link targets, empty, does not format) or it is the source text itself.
    pub rejected: usize,
}

impl Coverage {
    /// Counts what each segment shows.
    pub fn of(shown: &[Shown<'_>]) -> Coverage {
        let mut c = Coverage {
            total: shown.len(),
            ..Coverage::default()
        };
        for s in shown {
            match s.fallback {
                None => c.translated += 1,
                Some(Fallback::Outdated) => c.outdated += 1,
                Some(Fallback::Missing) => c.missing += 1,
                Some(Fallback::Rejected | Fallback::Untranslated) => c.rejected += 1,
            }
        }
        c
    }

    pub fn add(&mut self, other: Coverage) {
        self.total += other.total;
        self.translated += other.translated;
        self.outdated += other.outdated;
        self.missing += other.missing;
        self.rejected += other.rejected;
    }

    /// Some passage is shown in the source language.
    pub fn is_partial(&self) -> bool {
        self.translated < self.total
    }

    /// Whole percent translated, rounded down so 99.9 % never shows as 100 %.
    pub fn percent(&self) -> usize {
        (self.translated * 100)
            .checked_div(self.total)
            .unwrap_or(100)
    }
}

/// A layout string in an edition, or the source locale's when the edition lacks it.
#[derive(Debug, Clone)]
pub struct Localized<'p> {
    pub text: String,
    /// The language the text is really in, when it is not the edition's.
    pub fallback_lang: Option<&'p Locale>,
}

/// A locale's layout strings, formatted once per build and shared by every page of the
/// edition (and across threads: the bundles are Fluent's concurrent ones).
pub struct Layout<'p> {
    pub project: &'p Project,
    pub locale_index: LocaleId,
    pub locale: &'p Locale,
    strings: HashMap<&'static str, Localized<'p>>,
    /// This locale's, the source locale's and the built-in `site.ftl`, in fallback order.
    bundles: Vec<(ConcurrentBundle<'p>, Option<&'p Locale>)>,
}

type ConcurrentBundle<'p> = fluent_bundle::concurrent::FluentBundle<&'p FluentResource>;

fn new_concurrent_bundle<'p>(locale: &Locale, file: &'p FtlFile) -> ConcurrentBundle<'p> {
    let mut bundle =
        fluent_bundle::concurrent::FluentBundle::new_concurrent(vec![locale.langid.clone()]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(numfmt::format_number));
    let _ = bundle.add_builtins();
    let _ = bundle.add_resource(&file.resource);
    bundle
}

impl<'p> Layout<'p> {
    pub fn new(project: &'p Project, locale_index: LocaleId) -> Layout<'p> {
        let files = project.locale(locale_index);
        let source = project.source_locale();
        let is_source = locale_index == project.source;
        let fallback_lang = (!is_source).then_some(&source.locale);
        let mut bundles = Vec::new();
        if let Some(site) = &files.site {
            bundles.push((new_concurrent_bundle(&files.locale, site), None));
        }
        if !is_source && let Some(site) = &source.site {
            bundles.push((new_concurrent_bundle(&source.locale, site), fallback_lang));
        }
        bundles.push((
            new_concurrent_bundle(&source.locale, &project.default_site),
            fallback_lang,
        ));
        let mut layout = Layout {
            project,
            locale_index,
            locale: &files.locale,
            strings: HashMap::new(),
            bundles,
        };
        for &id in crate::project::LAYOUT_MESSAGES {
            // Messages with variables are formatted where they are used.
            if !matches!(id, "fallback-notice" | "image-text") {
                let localized = layout.format(id, None);
                layout.strings.insert(id, localized);
            }
        }
        layout
    }

    /// The first bundle that formats `id` without error.
    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Localized<'p> {
        for (bundle, fallback_lang) in &self.bundles {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            // A layout string that is not text (lint's `invalid-character`) is the next
            // bundle's, as one that does not format is.
            if errors.is_empty() && crate::chars::find_forbidden(&text).is_none() {
                return Localized {
                    text: crate::bidi::balance(&text).into_owned(),
                    fallback_lang: *fallback_lang,
                };
            }
        }
        Localized {
            text: String::new(),
            fallback_lang: None,
        }
    }

    /// A layout string (empty if even the built-in defaults lack it).
    pub fn text(&self, id: &str) -> &Localized<'p> {
        static EMPTY: Localized<'static> = Localized {
            text: String::new(),
            fallback_lang: None,
        };
        self.strings.get(id).unwrap_or(&EMPTY)
    }

    /// An image in the plain-text edition, "[Image: description]" as the locale
    /// punctuates it (`image-text`, with `image-label` as `$label`).
    pub fn image_text(&self, description: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(
            "label",
            FluentValue::from(self.text("image-label").text.as_str()),
        );
        // The description is a page's text, shown whatever it holds (the editions
        // replace what is not text): only the pattern is judged.
        let description = crate::chars::replace(description).into_owned();
        args.set("description", FluentValue::from(description));
        self.format("image-text", Some(&args)).text
    }

    /// The notice that `count` passages are shown in the source language.
    pub fn fallback_notice(&self, count: usize) -> Localized<'p> {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.format("fallback-notice", Some(&args))
    }
}

/// Everything a renderer needs of one edition of a page.
pub struct Edition<'l, 'p> {
    pub project: &'p Project,
    pub locale_index: LocaleId,
    pub locale: &'p Locale,
    pub page: &'p Page,
    /// Indexed like `page.segments`.
    pub shown: Vec<Shown<'p>>,
    pub layout: &'l Layout<'p>,
    notice: Localized<'p>,
}

impl<'l, 'p> Edition<'l, 'p> {
    /// The edition whose segments show `shown` ([`resolve_segments`] of the locale's file
    /// for the page).
    pub fn new(layout: &'l Layout<'p>, page: &'p Page, shown: Vec<Shown<'p>>) -> Self {
        let project = layout.project;
        let fallbacks = shown.iter().filter(|s| s.fallback.is_some()).count();
        Edition {
            project,
            locale_index: layout.locale_index,
            locale: layout.locale,
            page,
            shown,
            layout,
            notice: layout.fallback_notice(fallbacks),
        }
    }

    pub fn is_source(&self) -> bool {
        self.locale_index == self.project.source
    }

    pub fn source_locale(&self) -> &'p Locale {
        &self.project.source_locale().locale
    }

    pub fn fallback_count(&self) -> usize {
        self.shown.iter().filter(|s| s.fallback.is_some()).count()
    }

    pub fn coverage(&self) -> Coverage {
        Coverage::of(&self.shown)
    }

    pub fn text(&self, id: &str) -> &Localized<'p> {
        if id == "fallback-notice" {
            &self.notice
        } else {
            self.layout.text(id)
        }
    }
}

type Bundle<'p> = FluentBundle<&'p FluentResource>;

fn new_bundle<'f>(locale: &Locale, resources: &[&'f FtlFile]) -> Bundle<'f> {
    let mut bundle = FluentBundle::new(vec![locale.langid.clone()]);
    // Translated text is Markdown that the renderers escape: no bidi isolation marks in
    // it (they would reach the plain-text edition and braille displays). Numbers are
    // formatted in the locale's own digits, so they need no isolation either.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(numfmt::format_number));
    let _ = bundle.add_builtins();
    for file in resources {
        // Duplicates are reported by lint (`duplicate-id`); the first definition wins.
        let _ = bundle.add_resource(&file.resource);
    }
    bundle
}

/// Which text each segment of a page shows in a locale (`files`: its `site.ftl`, which
/// shares the page's bundle), and what lint finds on the way: the one judgement of a
/// translation, which the build, lint, status, serve and `import` all reach.
pub fn resolve_segments<'p>(
    project: &'p Project,
    files: &LocaleFiles,
    page: &'p Page,
    broken: &[BrokenTarget],
    page_file: Option<&FtlFile>,
) -> (Vec<Shown<'p>>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if files.locale == project.source_locale().locale {
        let shown = page
            .segments
            .iter()
            .map(|s| Shown {
                inlines: Cow::Borrowed(&s.inlines[..]),
                fallback: None,
            })
            .collect();
        return (shown, diagnostics);
    }
    let mut resources: Vec<&FtlFile> = files.site.iter().collect();
    resources.extend(page_file);
    let bundle = new_bundle(&files.locale, &resources);
    let policy = project.config.outdated_policy(&files.locale);
    // Segments are looked up in about the order the file has them.
    let mut next_entry = 0;
    let shown = page
        .segments
        .iter()
        .map(|seg| {
            let entry = page_file.and_then(|f| f.get_in_order(&seg.id, &mut next_entry));
            resolve_segment(
                project,
                files,
                page,
                broken,
                page_file.zip(entry.map(|(_, e)| e)),
                &bundle,
                seg,
                policy,
                &mut diagnostics,
            )
        })
        .collect();
    (shown, diagnostics)
}

#[allow(clippy::too_many_arguments)]
fn resolve_segment<'p>(
    project: &'p Project,
    files: &LocaleFiles,
    page: &'p Page,
    // The page's targets that lead nowhere.
    broken: &[BrokenTarget],
    // The page's file and the segment's entry in it.
    translation: Option<(&FtlFile, &crate::ftl::FtlEntry)>,
    bundle: &Bundle<'_>,
    seg: &'p Segment,
    policy: OutdatedPolicy,
    diagnostics: &mut Vec<Diagnostic>,
) -> Shown<'p> {
    let source = || Cow::Borrowed(&seg.inlines[..]);
    let fall_back = |why| Shown {
        inlines: source(),
        fallback: Some(why),
    };
    let missing = || Shown {
        inlines: source(),
        // Text without words (a number) is right in every language as it is.
        fallback: seg.needs_translation.then_some(Fallback::Missing),
    };
    let Some((file, entry)) = translation else {
        return missing();
    };
    if !entry.has_value {
        return missing();
    }
    let locale = &files.locale;
    // The position is computed only for a finding: it needs the file's line index,
    // which a clean file never has to build.
    let diag = |rule: Rule, message: String| {
        Diagnostic::new(
            rule,
            file.rel_path.to_string_lossy().replace('\\', "/"),
            file.line_col(entry.offset),
            message,
        )
        .locale(&locale.tag)
        .id(&seg.id)
        .span(entry.offset..entry.offset + seg.id.len())
    };

    // Pontoon writes a locale's file from the reference file, each message with the
    // reference's comment: a comment naming a segment kind (`paragraph; source …`) is
    // that copy, and its hash (the source's when the file was written) says nothing of
    // the text the translation was made from. Never current: outdated, and lint says why.
    if entry.meta.kind.is_some() {
        diagnostics.push(
            diag(
                Rule::Outdated,
                format!(
                    "which source text the translation of `{}` was made from is not recorded: the comment above it is the reference file's (a translation platform such as Pontoon writes the reference's comments over translations)",
                    seg.id
                ),
            )
            .help(format!(
                "check the translation against the current source, then run `fluentpress sync --locale {} --mark-current {}`: it writes `# fluentpress: source {}` in place of the copied comment",
                locale.tag, seg.id, seg.hash
            ))
            .note(format!(
                "current source: {}",
                crate::markdown::one_line(&seg.text)
            )),
        );
        if policy == OutdatedPolicy::Fallback {
            return fall_back(Fallback::Outdated);
        }
    } else if let Some(hash) = &entry.meta.source_hash
        && *hash != seg.hash
    {
        let old_text = seg
            .reference
            .as_ref()
            .and_then(|r| r.history.iter().find(|(h, _)| h == hash))
            .map(|(_, text)| text.clone());
        let mut d = diag(
            Rule::Outdated,
            format!("the translation of `{}` was made from older source text", seg.id),
        )
        .help(format!(
            "update the translation, then change `source {hash}` to `source {}` in the comment above it",
            seg.hash
        ));
        d = match &old_text {
            Some(old) => d.note(format!("old source: {old}")),
            None => d.note(format!("old source: (not recorded; source hash {hash})")),
        };
        let new_text = crate::markdown::one_line(&seg.text);
        d = d.note(format!("new source: {new_text}"));
        if let Some(old) = &old_text {
            d = d.note(format!(
                "changed: {}",
                crate::diagnostic::word_diff(old, &new_text)
            ));
        }
        diagnostics.push(d);
        if policy == OutdatedPolicy::Fallback {
            return fall_back(Fallback::Outdated);
        }
    }

    let Some(pattern) = bundle.get_message(&seg.id).and_then(|m| m.value()) else {
        return fall_back(Fallback::Missing);
    };
    let mut errors = Vec::new();
    let formatted = bundle.format_pattern(pattern, None, &mut errors);
    // Translations are untrusted: bidi controls they open are closed within them.
    let text = crate::bidi::balance(&formatted);
    let runtime_errors: Vec<String> = errors
        .iter()
        .filter(|e| {
            !matches!(
                e,
                FluentError::ResolverError(fluent_bundle::resolver::ResolverError::Reference(_))
            )
        })
        .map(|e| e.to_string())
        .collect();
    if !runtime_errors.is_empty() {
        diagnostics.push(diag(
            Rule::FormatError,
            format!(
                "`{}` does not format: {}",
                seg.id,
                runtime_errors.join("; ")
            ),
        ));
    }
    if !errors.is_empty() {
        // Unknown references and variables are reported by the static checks.
        return fall_back(Fallback::Rejected);
    }
    if text.trim().is_empty() {
        let rule = if seg.kind == markdown::SegmentKind::ImageAlt {
            Rule::MissingAlt
        } else {
            Rule::EmptyMessage
        };
        diagnostics.push(
            diag(rule, format!("the translation of `{}` is empty", seg.id))
                .help("translate the text, or delete the message to show the source text"),
        );
        return fall_back(Fallback::Rejected);
    }

    let fragment = if seg.kind.is_plain_text() {
        markdown::parse_plain_text(&text)
    } else {
        markdown::parse_fragment(&text, page.context())
    };
    let allow_untranslated = entry.meta.allow_untranslated;
    let mut rejected = false;
    let mut untranslated = false;
    for Check {
        rule,
        message,
        help,
    } in translation::check_translation(
        seg,
        &text,
        &fragment,
        page.context(),
        locale,
        &project.source_locale().locale,
        allow_untranslated,
        &project.config.localizable_links,
    ) {
        if rule.refuses_translation() {
            rejected = true;
        } else if rule == Rule::Untranslated {
            untranslated = true;
        }
        let mut d = diag(rule, message);
        if let Some(help) = help {
            d = d.help(help);
        }
        diagnostics.push(d);
    }
    // A broken link of the source is broken in every translation that carries it.
    let mut broken = broken
        .iter()
        .filter(|b| b.segment.as_deref() == Some(seg.id.as_str()))
        .peekable();
    if broken.peek().is_some() {
        let targets = markdown::link_targets(&fragment.inlines);
        for b in broken.filter(|b| targets.contains(&b.dest.as_str())) {
            diagnostics.push(diag(b.rule, b.message.clone()).help(b.help));
        }
    }
    if rejected {
        return fall_back(Fallback::Rejected);
    }
    if untranslated {
        return fall_back(Fallback::Untranslated);
    }
    Shown {
        inlines: Cow::Owned(fragment.inlines),
        // An outdated translation reaches this point only when the policy is to show it.
        fallback: None,
    }
}
