//! Lint: the checks that stop broken, missing or unsafe translations before they ship.
//! Static checks read the loaded model (files, messages, the source content); the
//! per-segment checks come from resolving each edition exactly as the build does
//! ([`crate::resolve`]), so lint and build never disagree.

use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::ftl::FtlFile;
use crate::locale::{Locale, LocaleId};

use crate::diagnostic::{Rule, Selector, Severity};
use crate::project::{LAYOUT_MESSAGES, Page, Project, Segment};
use fluent_syntax::ast;
use std::collections::BTreeSet;

/// Severity overrides: the configuration's, then the command line's.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    deny: Vec<Selector>,
    allow: Vec<Selector>,
    warn: Vec<Selector>,
    /// `--min-coverage`: the gate for every locale, over the configuration's.
    min_coverage: Option<u8>,
}

impl Settings {
    /// `deny`, `allow` and `warn` from the command line (rule codes or `warnings`) take
    /// precedence over the configuration; an unknown code is a usage error naming the
    /// code meant.
    pub fn new(
        config: &Config,
        deny: &[String],
        allow: &[String],
        warn: &[String],
    ) -> Result<Settings> {
        let parse = |codes: &[String]| -> Result<Vec<Selector>> {
            codes
                .iter()
                .map(|code| {
                    Selector::parse(code)
                        .ok_or_else(|| Error::Usage(crate::config::unknown_code(code)))
                })
                .collect()
        };
        let (deny, allow, warn) = (parse(deny)?, parse(allow)?, parse(warn)?);
        let merge = |cli: &[Selector], cfg: &[Selector], others: [&[Selector]; 2]| {
            let mut out: Vec<Selector> = cfg
                .iter()
                .filter(|c| !others.iter().any(|o| o.contains(c)))
                .copied()
                .collect();
            out.extend_from_slice(cli);
            out
        };
        Ok(Settings {
            deny: merge(&deny, &config.deny, [&allow, &warn]),
            allow: merge(&allow, &config.allow, [&deny, &warn]),
            warn: merge(&warn, &config.warn, [&deny, &allow]),
            min_coverage: None,
        })
    }

    /// Sets the coverage gate of every locale (`--min-coverage`).
    pub fn min_coverage(mut self, percent: Option<u8>) -> Settings {
        self.min_coverage = percent;
        self
    }

    /// `min-coverage` errors: each of `coverage`'s locales (but the source) translated
    /// below its gate — the command line's, else its own `min_coverage`, else the
    /// site's. A `work_in_progress` locale has no gate unless the command line sets one.
    pub fn coverage_gate(
        &self,
        project: &Project,
        coverage: &std::collections::BTreeMap<LocaleId, crate::resolve::Coverage>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (&l, c) in coverage {
            if l == project.source {
                continue;
            }
            let lf = project.locale(l);
            let Some(min) = self
                .min_coverage
                .or_else(|| project.config.min_coverage(&lf.locale))
            else {
                continue;
            };
            // Compared exactly: 94.9 % is below 95 %.
            if c.translated * 100 < usize::from(min) * c.total {
                out.push(
                    Diagnostic::new(
                        Rule::MinCoverage,
                        &lf.dir,
                        (1, 1),
                        format!(
                            "{} is {}% translated ({} of {} passages; {} outdated, {} missing, {} refused); the minimum is {min}%",
                            lf.locale.tag,
                            c.percent(),
                            c.translated,
                            c.total,
                            c.outdated,
                            c.missing,
                            c.rejected
                        ),
                    )
                    .locale(&lf.locale.tag)
                    .help(format!(
                        "`fluentpress status --locale {}` shows what is left, page by page",
                        lf.locale.tag
                    )),
                );
            }
        }
        out
    }

    fn severity(&self, d: &Diagnostic) -> Option<Severity> {
        let rule = Selector::Rule(d.rule);
        // The default, or what the check chose (a layout message missing from the source
        // locale's own site.ftl is the author's warning, not coverage).
        let mut severity = d.severity;
        if self.allow.contains(&rule) {
            return None;
        }
        if self.warn.contains(&rule) {
            severity = Severity::Warning;
        }
        if self.deny.contains(&rule)
            || (severity == Severity::Warning && self.deny.contains(&Selector::Warnings))
        {
            severity = Severity::Error;
        }
        Some(severity)
    }

    /// Sets every diagnostic's severity, drops the allowed ones, sorts.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|d| match self.severity(d) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        });
        diagnostic::sort(diagnostics);
    }
}

pub use crate::diagnostic::LocaleStats;

fn path_of(file: &FtlFile) -> String {
    file.rel_path.to_string_lossy().replace('\\', "/")
}

/// A diagnostic at `offset` of a Fluent file, underlining the identifier there.
fn at_entry(rule: Rule, file: &FtlFile, offset: usize, message: String) -> Diagnostic {
    let id_len = file.source()[offset.min(file.source().len())..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(0);
    let d = Diagnostic::new(rule, path_of(file), file.line_col(offset), message);
    if id_len > 0 {
        d.span(offset..offset + id_len)
    } else {
        d
    }
}

/// The checks of everything but the locales' page files: load problems, the reference
/// files' freshness, the source content's own accessibility and safety, every
/// `site.ftl`, and files that belong to no page.
pub fn project_checks(project: &Project) -> Vec<Diagnostic> {
    let mut out = project.problems.clone();
    let source = project.source_locale();

    // Reference files of pages that are gone (whether each page's own is up to date
    // with it is the page renderer's finding, made when it builds the page).
    for path in project.orphan_paths(project.source) {
        out.push(
            Diagnostic::new(
                Rule::StaleReference,
                &path,
                (1, 1),
                format!("`{path}` is out of date with content/"),
            )
            .locale(&source.locale.tag)
            .help("run `fluentpress extract` and commit the result"),
        );
    }

    let source_site = source.site.as_ref();
    for l in project.locale_ids() {
        let lf = project.locale(l);
        let tag = &lf.locale.tag;
        let is_source = l == project.source;
        // Layout strings.
        match (&lf.site, is_source) {
            (Some(site), true) => {
                for id in LAYOUT_MESSAGES {
                    if site.get(id).is_none() {
                        out.push(
                            Diagnostic::new(Rule::MissingMessage, path_of(site), (1, 1), format!("the layout message `{id}` is missing; a built-in English default is shown"))
                                .locale(tag)
                                .id(*id)
                                .severity(Severity::Warning),
                        );
                    }
                }
            }
            (None, true) => out.push(
                Diagnostic::new(
                    Rule::MissingMessage,
                    lf.site_path(),
                    (1, 1),
                    "the source locale has no site.ftl; built-in English layout strings are shown",
                )
                .locale(tag)
                .severity(Severity::Warning)
                .help(format!(
                    "create it with the layout messages ({}; the README's \"Layout messages\" says what each is for, and `fluentpress init` in an empty folder writes one)",
                    crate::project::LAYOUT_MESSAGES.join(", ")
                )),
            ),
            _ => {}
        }
        if let Some(site) = &lf.site {
            let source_vars = match (is_source, source_site) {
                (false, Some(reference)) => SourceVars::Of(reference),
                _ => SourceVars::None,
            };
            file_checks(&mut out, lf, site, source_vars, None, true);
        }
        if !is_source && let Some(reference) = source_site {
            compare_messages(
                &mut out,
                Expected::Site(reference),
                lf.site.as_ref(),
                &lf.site_path(),
                tag,
            );
        }
        // Files that belong to no page.
        let (orphans, read) = project.orphan_files(l);
        out.extend(read);
        for file in &orphans {
            file_checks(
                &mut out,
                lf,
                file,
                SourceVars::None,
                lf.site.as_ref(),
                false,
            );
            for entry in file.entries.iter().filter(|e| !e.is_term) {
                out.push(
                    at_entry(Rule::ObsoleteMessage, file, entry.offset, format!("`{}` is in a file that belongs to no page in content/", entry.id))
                        .locale(tag)
                        .id(&entry.id)
                        .help("the page was removed or renamed; move the translations to the page's new file or delete them"),
                );
            }
        }
    }

    out
}

/// The checks of one locale's file for one page: its Fluent syntax and structure, and
/// in a translation its completeness and variables against the reference.
pub fn page_checks(
    project: &Project,
    lf: &crate::project::LocaleFiles,
    page: &Page,
    file: Option<&FtlFile>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let is_source = lf.locale == project.source_locale().locale;
    if let Some(file) = file {
        // The reference's messages are the source's text, which passes no variables.
        let source_vars = if is_source {
            SourceVars::None
        } else {
            SourceVars::Empty
        };
        file_checks(&mut out, lf, file, source_vars, lf.site.as_ref(), false);
    }
    if !is_source {
        let reference_path = project.source_locale().page_path(&page.slug);
        compare_messages(
            &mut out,
            Expected::Page {
                page,
                reference_path,
            },
            file,
            &lf.page_path(&page.slug),
            &lf.locale.tag,
        );
    }
    out
}

/// Syntax errors, duplicate ids (within the file, and with `site`, whose messages share
/// the bundle), references and plural categories of a file's messages, and, when the
/// file translates `reference`, its variables against the reference's.
/// The variables a translation's messages may use: those of the same message in a
/// reference file, none at all, or not checked (the file is not a translation).
enum SourceVars<'a> {
    None,
    Empty,
    Of(&'a FtlFile),
}

fn file_checks(
    out: &mut Vec<Diagnostic>,
    lf: &crate::project::LocaleFiles,
    file: &FtlFile,
    source_vars: SourceVars<'_>,
    site: Option<&FtlFile>,
    // The file is a `site.ftl`, whose messages the layout shows as they are (a page's
    // translations are judged as formatted, by `checks::translation`).
    layout: bool,
) {
    let tag = &lf.locale.tag;
    let site = site.filter(|s| !std::ptr::eq(*s, file));
    // A file too deeply nested to parse was reported when it was read.
    for e in file.syntax_errors.iter().filter(|_| !file.is_refused()) {
        let end = (e.offset + 1).min(file.source().len()).max(e.offset);
        out.push(
            at_entry(Rule::SyntaxError, file, e.offset, format!("Fluent syntax error: {}", e.message))
                .locale(tag)
                .span(e.offset..end)
                .help("the text from the start of this entry to the next entry is skipped; a continuation line must not start with `[`, `*` or `.`, and `{` needs a matching `}`"),
        );
    }
    for entry in &file.entries {
        if entry.duplicate
            && let Some(first) = file.get(&entry.id).map(|e| e.offset)
        {
            let (line, _) = file.line_col(first);
            out.push(
                at_entry(Rule::DuplicateId, file, entry.offset, format!("`{}` is defined twice in this file (first on line {line}); only the first is used", entry.id))
                    .locale(tag)
                    .id(&entry.id),
            );
        } else if let Some(site) = site
            && site.get(&entry.id).is_some()
        {
            out.push(
                at_entry(Rule::DuplicateId, file, entry.offset, format!("`{}` is also defined in {}; a page's messages share a bundle with site.ftl", entry.id, path_of(site)))
                    .locale(tag)
                    .id(&entry.id),
            );
        }
    }
    // Probing the plural rules costs a thousand selections: only for files with a select.
    let categories = std::cell::OnceCell::new();
    // A term that calls a function the build lacks breaks every message using it.
    for entry in file.entries.iter().filter(|e| e.is_term) {
        if let Some(ast::Entry::Term(term)) = file.resource.get_entry(entry.index) {
            let mut refs = References::default();
            refs.pattern(&term.value);
            for attr in &term.attributes {
                refs.pattern(&attr.value);
            }
            unknown_functions(out, file, entry, &refs, tag);
        }
    }
    for entry in file.entries.iter().filter(|e| !e.is_term) {
        let Some(message) = file.message(entry) else {
            continue;
        };
        let mut refs = References::default();
        if let Some(value) = &message.value {
            refs.pattern(value);
        }
        for attr in &message.attributes {
            refs.pattern(&attr.value);
        }
        unknown_functions(out, file, entry, &refs, tag);
        if layout && let Some(c) = refs.forbidden {
            out.push(
                at_entry(
                    Rule::InvalidCharacter,
                    file,
                    entry.offset,
                    format!(
                        "`{}` holds the control or noncharacter {}; the layout shows the source locale's text instead",
                        entry.id,
                        crate::chars::describe(c)
                    ),
                )
                .locale(tag)
                .id(&entry.id)
                .help("delete the character: a layout string is text, with tabs and line breaks at most"),
            );
        }
        for (id, is_term) in &refs.entries {
            let key = if *is_term {
                format!("-{id}")
            } else {
                id.to_string()
            };
            let defined = file.get(&key).is_some() || site.is_some_and(|s| s.get(&key).is_some());
            if !defined {
                out.push(
                    at_entry(
                        Rule::UnknownReference,
                        file,
                        entry.offset,
                        format!(
                            "`{}` refers to `{key}`, which this locale does not define",
                            entry.id
                        ),
                    )
                    .locale(tag)
                    .id(&entry.id),
                );
            }
        }
        for (selector, keys) in &refs.numeric_selects {
            let categories = categories.get_or_init(|| plural_categories(&lf.locale));
            let missing: Vec<&&str> = categories.iter().filter(|c| !keys.contains(**c)).collect();
            if !missing.is_empty() {
                out.push(
                    at_entry(
                        Rule::PluralCategories,
                        file,
                        entry.offset,
                        format!(
                            "the select on `${selector}` in `{}` has no variant for the plural categor{} {} that {} needs",
                            entry.id,
                            if missing.len() == 1 { "y" } else { "ies" },
                            missing.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "),
                            tag
                        ),
                    )
                    .locale(tag)
                    .id(&entry.id)
                    .help(format!("{tag} uses the categories {}", categories.join(", "))),
                );
            }
        }
        // Variables: a layout message gets exactly what the layout passes it (in every
        // locale, the source's own site.ftl included: a variable nobody passes makes
        // the string fail to format, and the layout then shows another's); any other
        // translated message, what its source message has.
        let source_message_vars: Option<BTreeSet<String>> = match &source_vars {
            SourceVars::None => None,
            SourceVars::Empty => Some(BTreeSet::new()),
            SourceVars::Of(reference) => Some(
                reference
                    .get(&entry.id)
                    .and_then(|e| reference.message(e))
                    .map(|m| {
                        let mut r = References::default();
                        if let Some(v) = &m.value {
                            r.pattern(v);
                        }
                        r.variables.iter().map(|s| s.to_string()).collect()
                    })
                    .unwrap_or_default(),
            ),
        };
        let layout_vars = (layout && LAYOUT_MESSAGES.contains(&entry.id.as_str()))
            .then(|| crate::project::layout_variables(&entry.id));
        let (allowed, by_layout): (BTreeSet<String>, bool) =
            match (layout_vars, &source_message_vars) {
                (Some(vars), _) => (vars.iter().map(|v| v.to_string()).collect(), true),
                (None, Some(vars)) => (vars.clone(), false),
                (None, None) => continue,
            };
        let listed = allowed
            .iter()
            .map(|v| format!("${v}"))
            .collect::<Vec<_>>()
            .join(", ");
        for var in refs.variables.iter().filter(|v| !allowed.contains(**v)) {
            let (message, help) = if by_layout {
                (
                    format!(
                        "`{}` uses `${var}`, which the layout does not pass to it: it cannot be shown",
                        entry.id
                    ),
                    if allowed.is_empty() {
                        "the layout passes no variables to this message".to_string()
                    } else {
                        format!("the layout passes {listed} to this message")
                    },
                )
            } else {
                (
                    format!(
                        "`{}` uses `${var}`, which the source message does not have",
                        entry.id
                    ),
                    if allowed.is_empty() {
                        "the source passes no variables to this message".to_string()
                    } else {
                        format!("the source's variables are {listed}")
                    },
                )
            };
            out.push(
                at_entry(Rule::UnknownVariable, file, entry.offset, message)
                    .locale(tag)
                    .id(&entry.id)
                    .help(help),
            );
        }
        let Some(source_message_vars) = source_message_vars else {
            continue;
        };
        for var in source_message_vars
            .iter()
            .filter(|v| allowed.contains(*v) && !refs.variables.contains(v.as_str()))
        {
            out.push(
                at_entry(
                    Rule::MissingVariable,
                    file,
                    entry.offset,
                    format!(
                        "`{}` does not use `${var}`, which the source message uses",
                        entry.id
                    ),
                )
                .locale(tag)
                .id(&entry.id),
            );
        }
    }
}

/// The functions a message may call: those the build registers (fluent-bundle's
/// built-ins; `resolve` adds no others).
pub const KNOWN_FUNCTIONS: &[&str] = &["NUMBER"];

/// `unknown-function` for each function `refs` calls that the build does not have.
fn unknown_functions(
    out: &mut Vec<Diagnostic>,
    file: &FtlFile,
    entry: &crate::ftl::FtlEntry,
    refs: &References<'_>,
    tag: &str,
) {
    for name in refs
        .functions
        .iter()
        .filter(|f| !KNOWN_FUNCTIONS.contains(f))
    {
        out.push(
            at_entry(
                Rule::UnknownFunction,
                file,
                entry.offset,
                format!(
                    "`{}` calls `{name}()`, which does not exist: the message cannot be shown",
                    entry.id
                ),
            )
            .locale(tag)
            .id(&entry.id)
            .help(format!(
                "the functions are {}; write the text without a call",
                KNOWN_FUNCTIONS.join(", ")
            )),
        );
    }
}

/// What a translation file is compared with: the source locale's `site.ftl`, or a page
/// (its segments, and where the reference file had them when the project was loaded).
enum Expected<'a> {
    Site(&'a FtlFile),
    Page {
        page: &'a Page,
        reference_path: String,
    },
}

/// `missing-message` and `obsolete-message` for one file against what it translates.
fn compare_messages(
    out: &mut Vec<Diagnostic>,
    expected: Expected<'_>,
    translation: Option<&FtlFile>,
    expected_path: &str,
    tag: &str,
) {
    /// Where a missing message is pointed at: built only for a finding, since nearly
    /// every expected message is present.
    enum Source<'a> {
        Segment {
            seg: &'a Segment,
            page: &'a Page,
            reference_path: &'a str,
        },
        Entry {
            reference: &'a FtlFile,
            offset: usize,
        },
    }
    impl Source<'_> {
        fn missing(&self, message: String) -> Diagnostic {
            match *self {
                Source::Segment {
                    seg,
                    page,
                    reference_path,
                } => match &seg.reference {
                    Some(r) => Diagnostic::new(Rule::MissingMessage, reference_path, r.at, message)
                        .span(r.offset..r.offset + seg.id.len()),
                    None => Diagnostic::new(Rule::MissingMessage, &page.rel_path, seg.at, message),
                },
                Source::Entry { reference, offset } => {
                    at_entry(Rule::MissingMessage, reference, offset, message)
                }
            }
        }
    }
    // (id, attributes, whether the source has a value, whether a translation is
    // expected, where it is in the source), in the order a translation has them.
    let ids: Vec<(&str, &[String], bool, bool, Source<'_>)> = match &expected {
        // A page's messages are its segments (the reference file may be stale).
        Expected::Page {
            page,
            reference_path,
        } => page
            .reference_order()
            .map(|i| &page.segments[i])
            .map(|seg| {
                let source = Source::Segment {
                    seg,
                    page,
                    reference_path,
                };
                (
                    seg.id.as_str(),
                    &[][..],
                    true,
                    seg.needs_translation,
                    source,
                )
            })
            .collect(),
        Expected::Site(reference) => reference
            .entries
            .iter()
            .filter(|e| !e.is_term)
            .map(|e| {
                let source = Source::Entry {
                    reference,
                    offset: e.offset,
                };
                (e.id.as_str(), &e.attributes[..], e.has_value, true, source)
            })
            .collect(),
    };
    // Entries of the translation that something in the source asked for.
    let mut asked_for = vec![false; translation.map_or(0, |t| t.entries.len())];
    let mut next = 0;
    for (id, attributes, has_value, expected_here, source) in &ids {
        let found = translation.and_then(|t| t.get_in_order(id, &mut next));
        if let Some((i, _)) = found {
            asked_for[i] = true;
        }
        if !expected_here {
            continue;
        }
        let here = |message: String| {
            source
                .missing(message)
                .locale(tag)
                .id(*id)
                .help(format!("translate it in {expected_path}"))
        };
        match found {
            None => out.push(here(format!("`{id}` has no {tag} translation"))),
            Some((_, entry)) => {
                if !entry.has_value && *has_value {
                    out.push(here(format!("`{id}` has no value in {tag}")));
                }
                for attr in attributes.iter().filter(|a| !entry.attributes.contains(a)) {
                    out.push(here(format!(
                        "the attribute `{id}.{attr}` has no {tag} translation"
                    )));
                }
            }
        }
    }
    if let Some(t) = translation {
        // What was not asked for may still be a second definition of an id that was.
        let known = |id: &str| match &expected {
            Expected::Page { page, .. } => page.segment_by_id(id).is_some(),
            Expected::Site(reference) => crate::project::belongs_in_site_ftl(Some(reference), id),
        };
        for (entry, _) in t
            .entries
            .iter()
            .zip(&asked_for)
            .filter(|(e, asked)| !e.is_term && !**asked)
        {
            if !known(&entry.id) {
                out.push(
                    at_entry(Rule::ObsoleteMessage, t, entry.offset, format!("`{}` is not in the reference any more", entry.id))
                        .locale(tag)
                        .id(&entry.id)
                        .help("the source text was removed or its id changed; `fluentpress sync` comments it out"),
                );
            }
        }
    }
}

/// Variables, references and numeric selects found in a pattern.
#[derive(Default)]
struct References<'a> {
    variables: BTreeSet<&'a str>,
    /// (id, is a term)
    entries: BTreeSet<(&'a str, bool)>,
    /// Selector variable → the variant keys of a select that looks numeric.
    numeric_selects: Vec<(&'a str, BTreeSet<&'a str>)>,
    /// The first control or noncharacter in the text or a string literal.
    forbidden: Option<char>,
    /// The functions called.
    functions: BTreeSet<&'a str>,
}

impl<'a> References<'a> {
    fn pattern(&mut self, pattern: &'a ast::Pattern<&'a str>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::Placeable { expression } => self.expression(expression),
                ast::PatternElement::TextElement { value } => self.text(value),
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.forbidden.is_none() {
            self.forbidden = crate::chars::find_forbidden(text).map(|(_, c)| c);
        }
    }

    fn expression(&mut self, expression: &'a ast::Expression<&'a str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                let keys: BTreeSet<&str> = variants
                    .iter()
                    .map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => *name,
                        ast::VariantKey::NumberLiteral { value } => *value,
                    })
                    .collect();
                let numeric = variants.iter().any(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => {
                        PLURAL_NAMES.contains(name) && *name != "other"
                    }
                    ast::VariantKey::NumberLiteral { .. } => true,
                });
                let variable = match selector {
                    ast::InlineExpression::VariableReference { id } => Some(id.name),
                    ast::InlineExpression::FunctionReference { id, arguments }
                        if id.name == "NUMBER" =>
                    {
                        arguments.positional.iter().find_map(|a| match a {
                            ast::InlineExpression::VariableReference { id } => Some(id.name),
                            _ => None,
                        })
                    }
                    _ => None,
                };
                if numeric && let Some(variable) = variable {
                    self.numeric_selects.push((variable, keys));
                }
                for v in variants {
                    self.pattern(&v.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &'a ast::InlineExpression<&'a str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name);
            }
            ast::InlineExpression::MessageReference { id, .. } => {
                self.entries.insert((id.name, false));
            }
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                self.entries.insert((id.name, true));
                if let Some(args) = arguments {
                    self.arguments(args);
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                self.functions.insert(id.name);
                self.arguments(arguments)
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::StringLiteral { value } => {
                self.text(&fluent_syntax::unicode::unescape_unicode_to_string(value))
            }
            _ => {}
        }
    }

    fn arguments(&mut self, args: &'a ast::CallArguments<&'a str>) {
        for a in &args.positional {
            self.inline(a);
        }
        for a in &args.named {
            self.inline(&a.value);
        }
    }
}

const PLURAL_NAMES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// The plural categories the build's own plural rules (those of fluent-bundle) use for a locale.
pub fn plural_categories(locale: &Locale) -> Vec<&'static str> {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let Ok(rules) = PluralRules::create(locale.langid.clone(), PluralRuleType::CARDINAL) else {
        return vec!["other"];
    };
    let name = |c: &PluralCategory| match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    };
    let mut found = BTreeSet::new();
    let integers = (0u64..=1000).chain([10_000, 100_000, 1_000_000, 10_000_000]);
    for n in integers {
        if let Ok(c) = rules.select(n) {
            found.insert(name(&c));
        }
    }
    for s in [
        "0.5", "1.5", "2.5", "0.1", "1.1", "2.1", "3.5", "0.0", "1.0",
    ] {
        if let Ok(c) = rules.select(s) {
            found.insert(name(&c));
        }
    }
    PLURAL_NAMES
        .iter()
        .copied()
        .filter(|n| found.contains(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_layout_strings_use_the_variables_the_layout_passes() {
        let file = FtlFile::parse(
            "site.ftl".into(),
            crate::project::DEFAULT_SITE_FTL.to_string(),
            crate::source::TextStyle::NEW,
        );
        for id in LAYOUT_MESSAGES {
            let message = file.get(id).and_then(|e| file.message(e)).unwrap();
            let mut refs = References::default();
            refs.pattern(message.value.as_ref().unwrap());
            let used: Vec<&str> = refs.variables.iter().copied().collect();
            let mut passed = crate::project::layout_variables(id).to_vec();
            passed.sort_unstable();
            assert_eq!(used, passed, "{id}");
            assert!(
                refs.functions.iter().all(|f| KNOWN_FUNCTIONS.contains(f)),
                "{id}"
            );
        }
    }

    #[test]
    fn plural_categories_match_the_runtime_rules() {
        let cats = |t: &str| plural_categories(&Locale::parse(t).unwrap());
        assert_eq!(cats("en"), vec!["one", "other"]);
        assert_eq!(cats("ru"), vec!["one", "few", "many", "other"]);
        assert_eq!(
            cats("ar"),
            vec!["zero", "one", "two", "few", "many", "other"]
        );
        assert_eq!(cats("ko"), vec!["other"]);
        assert_eq!(cats("th"), vec!["other"]);
    }
}
