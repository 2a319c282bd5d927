//! The command line: argument parsing (clap), running the commands, and turning their
//! outcome into messages and exit codes (0 ok, 1 findings, 2 usage or I/O error). The
//! only place that prints errors; `anyhow` adds context here and nowhere else.

use crate::error::Error;
use crate::project::Project;
use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `0.1.0 (1a2b3c4d5e)`: the version and, when built from a git checkout, the commit
/// (`build.rs`), so a bug report names the exact source.
pub(crate) const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    env!("FLUENTPRESS_VERSION_SUFFIX")
);

#[derive(Parser, Debug)]
#[command(
    name = "fluentpress",
    version = VERSION,
    about = "Publish Markdown in many languages, accessibly: Fluent translations, HTML and plain-text editions, lint."
)]
pub(crate) struct Cli {
    /// The site's root directory (holding content/ and locales/). Default: the nearest of
    /// the current directory and its parents that holds fluentpress.toml, or content/ and locales/.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub root: Option<PathBuf>,
    /// Print only errors: no warnings, progress, reports or summaries (`status -q` prints
    /// nothing, as `grep -q`; JSON output and `serve`'s URL are still printed).
    #[arg(
        long,
        short,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    pub quiet: bool,
    /// Print more: the site root used.
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub verbose: bool,
    /// Colour in messages: `auto` only on a terminal and without NO_COLOR.
    #[arg(
        long,
        value_enum,
        global = true,
        default_value = "auto",
        value_name = "WHEN",
        help_heading = "Global options"
    )]
    pub color: Color,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Start a site in DIR (default: here): a sample page, site.ftl, fluentpress.toml, .gitignore and a CI workflow.
    Init(InitArgs),
    /// Render every language edition (HTML and plain text) into the output directory.
    Build(BuildArgs),
    /// Check every translation; exit 1 when there are errors.
    Lint(LintArgs),
    /// Write the reference files locales/<source>/<page>.ftl from content/.
    Extract(ExtractArgs),
    /// Per locale and page: how many passages are translated, outdated and missing.
    Status(StatusArgs),
    /// Bring each locale's files in line with the reference: templates for missing messages, obsolete ones commented out.
    Sync(SyncArgs),
    /// Start a language edition: locales/TAG/ with templates for site.ftl and every page.
    NewLocale(NewLocaleArgs),
    /// Import existing whole-file translations (one translated Markdown file per page) into locales/TAG/.
    Import(ImportArgs),
    /// Build, serve the output on 127.0.0.1, and re-render what each saved edit affects.
    Serve(ServeArgs),
}

#[derive(Args, Debug)]
pub(crate) struct BuildArgs {
    /// Output directory (default: dist/ in the site root). Only a directory fluentpress created is ever replaced.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build only this locale (repeatable); the other editions of the previous output are kept.
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    /// Worker threads (default: one per core). The output is the same whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Fail (exit 1, previous output kept) if lint finds any error.
    #[arg(long)]
    pub strict: bool,
    /// Width of the plain-text editions in display columns (default: text_width in fluentpress.toml, or 72).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub text_width: Option<u16>,
}

#[derive(Args, Debug)]
pub(crate) struct InitArgs {
    /// The folder to start the site in (created if missing; default: the current directory).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The language content/ is written in.
    #[arg(long, value_name = "TAG", default_value = "en")]
    pub source_locale: String,
    /// Also start this translation (repeatable), with templates as `new-locale` writes them.
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    /// Add the missing files to a folder that is not empty (an existing file is never overwritten).
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub(crate) struct LintArgs {
    /// Output format: `human` (for people), `json` (for programs), `github` (annotations in GitHub Actions).
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Check only this locale (repeatable).
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    /// Treat this rule (or `warnings`: every warning) as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Turn this rule off (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Make this rule a warning (repeatable).
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<String>,
    /// Fail (exit 1) when a locale has fewer than PERCENT of its passages translated;
    /// missing and outdated translations are otherwise coverage, never errors.
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_coverage: Option<u8>,
    /// Explain a rule (or list every rule when no code is given) and exit.
    #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct ExtractArgs {
    /// Change nothing; exit 1 and name the reference files that are out of date.
    #[arg(long)]
    pub check: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatusFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub(crate) struct StatusArgs {
    /// Only this locale (repeatable; default: every locale but the source).
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    /// Output format: `human` (a table) or `json` (for programs).
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatusFormat,
    /// Under each page, name the message ids that are missing, outdated or rejected.
    #[arg(long)]
    pub list: bool,
}

#[derive(Args, Debug)]
pub(crate) struct SyncArgs {
    /// Only this locale (repeatable; default: every locale but the source).
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    /// Only mark this translated message as current: record the source text's present hash
    /// (repeatable; PAGE:ID where several pages have the id; needs exactly one --locale).
    #[arg(long = "mark-current", value_name = "ID")]
    pub mark_current: Vec<String>,
    /// Change nothing; exit 1 and name the files that sync would change.
    #[arg(long)]
    pub check: bool,
}

#[derive(Args, Debug)]
pub(crate) struct NewLocaleArgs {
    /// The BCP 47 tag of the new edition's language (e.g. he, zh-Hant, pt-BR).
    #[arg(value_name = "TAG")]
    pub tag: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ImportLayout {
    // DIR/<page>.md for content/<page>.md (Hugo's content/TAG/ directories, Docusaurus, Jekyll).
    Mirror,
    // DIR/<page>.TAG.md (Hugo's translation by file name).
    HugoSuffix,
}

#[derive(Args, Debug)]
pub(crate) struct ImportArgs {
    /// The locale the files translate into (created if it does not exist).
    #[arg(long = "locale", value_name = "TAG")]
    pub locale: String,
    /// The directory holding the translated Markdown files.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where the translated files are: `mirror`, DIR/<page>.md for content/<page>.md (Hugo's
    /// content/TAG/, Docusaurus, Jekyll); `hugo-suffix`, <page>.TAG.md files.
    #[arg(long, value_enum, default_value = "mirror")]
    pub layout: ImportLayout,
    /// Replace existing translations (by default they are kept).
    #[arg(long)]
    pub force: bool,
    /// Change nothing; show what would be imported and written.
    #[arg(long)]
    pub dry_run: bool,
    /// Where the site and DIR are git repositories: align each file against the page as it was when the file was last committed, and mark passages changed since as outdated.
    #[arg(long)]
    pub git_history: bool,
    /// Also read files and directories of DIR that are symbolic links (by default they are skipped and reported: a third-party folder's links could lead anywhere).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Output format of the report: `human` (for people) or `json` (for programs).
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatusFormat,
}

#[derive(Args, Debug)]
pub(crate) struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port). The URL is printed as the first line.
    #[arg(long, default_value_t = 8000, value_name = "N")]
    pub port: u16,
    /// Output directory (default: dist/ in the site root). Only a directory fluentpress created is ever replaced.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Look at the files every 200 ms instead of asking the system to report changes
    /// (for network and container file systems, where change reports often do not arrive).
    #[arg(long)]
    pub poll: bool,
}

/// Outcome of a command that ran: success, or findings (exit 1).
pub(crate) enum Outcome {
    Ok,
    Findings,
}

/// The global output settings, passed to each command.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ui {
    pub quiet: bool,
    pub verbose: bool,
    pub color: Color,
}

impl Ui {
    /// Whether to colour what goes to stdout (`stdout`) or stderr.
    pub(crate) fn color_on(&self, stdout: bool) -> bool {
        use std::io::IsTerminal;
        match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::env::var_os("NO_COLOR").is_none()
                    && if stdout {
                        std::io::stdout().is_terminal()
                    } else {
                        std::io::stderr().is_terminal()
                    }
            }
        }
    }
}

/// `1 error`, `2 errors`: `n` and the noun, in the singular for one.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: cli.color,
    };
    match run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            if ui.color_on(false) {
                eprintln!("\x1b[1;31merror\x1b[0m: {e:#}");
            } else {
                eprintln!("error: {e:#}");
            }
            let code = e.downcast_ref::<Error>().map_or(2, Error::exit_code);
            ExitCode::from(code as u8)
        }
    }
}

pub(crate) fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: cli.color,
    };
    if let Command::Init(args) = cli.command {
        return init(cli.root.as_deref(), args, ui);
    }
    let explain = matches!(&cli.command, Command::Lint(a) if a.explain.is_some());
    let root = match cli.root {
        Some(root) => root,
        // `lint --explain` needs no site.
        None if explain => PathBuf::from("."),
        None => {
            let cwd = std::env::current_dir().context("reading the current directory")?;
            find_root(&cwd)?
        }
    };
    if ui.verbose {
        eprintln!("site root: {}", root.display());
    }
    let here = locale_dir_here(&root);
    let root = &root;
    match cli.command {
        Command::Init(_) => unreachable!("handled above"),
        Command::Build(args) => build(root, args, ui),
        Command::Lint(mut args) => {
            args.locales = infer_locale(root, args.locales, here.as_deref(), "lint", ui);
            lint(root, args, ui)
        }
        Command::Extract(args) => extract(root, args, ui),
        Command::Status(mut args) => {
            args.locales = infer_locale(root, args.locales, here.as_deref(), "status", ui);
            status(root, args, ui)
        }
        Command::Sync(mut args) => {
            args.locales = infer_locale(root, args.locales, here.as_deref(), "sync", ui);
            sync(root, args, ui)
        }
        Command::NewLocale(args) => new_locale(root, args, ui),
        Command::Import(args) => import(root, args, ui),
        Command::Serve(args) => serve(root, args, ui),
    }
}

/// The folder name `TAG` when the current directory is `ROOT/locales/TAG/` or inside it.
fn locale_dir_here(root: &std::path::Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    let locales = root.join(crate::project::LOCALES_DIR).canonicalize().ok()?;
    let rel = cwd.strip_prefix(&locales).ok()?;
    Some(rel.components().next()?.as_os_str().to_str()?.to_string())
}

/// `--locale` for `lint`, `status` and `sync` run without one inside `locales/TAG/`: that
/// translation (never the source locale; an unknown folder infers nothing, the command
/// then reports it as it would anyway).
fn infer_locale(
    root: &std::path::Path,
    given: Vec<String>,
    here: Option<&str>,
    command: &str,
    ui: Ui,
) -> Vec<String> {
    let Some(tag) = here.filter(|_| given.is_empty()) else {
        return given;
    };
    let source = crate::config::Config::load(root)
        .map(|c| c.source_locale.tag.clone())
        .unwrap_or_else(|_| "en".into());
    let Ok(locale) = crate::locale::Locale::parse(tag) else {
        return given;
    };
    if locale.tag == source {
        return given;
    }
    if !ui.quiet {
        eprintln!(
            "{command} --locale {} (the current directory is in locales/{tag}/)",
            locale.tag
        );
    }
    vec![locale.tag]
}

/// Whether `dir` is a site's root: it holds `fluentpress.toml`, or `content/` and `locales/`.
pub(crate) fn is_site_root(dir: &std::path::Path) -> bool {
    dir.join(crate::config::FILE_NAME).is_file()
        || (dir.join(crate::project::CONTENT_DIR).is_dir()
            && dir.join(crate::project::LOCALES_DIR).is_dir())
}

/// The site root for a command run in `cwd`: the nearest of `cwd` and its parents that
/// is a site's root (as cargo finds `Cargo.toml`). `.` when it is `cwd` itself, so
/// paths in messages stay short.
pub(crate) fn find_root(cwd: &std::path::Path) -> anyhow::Result<PathBuf> {
    if is_site_root(cwd) {
        return Ok(PathBuf::from("."));
    }
    for dir in cwd.ancestors().skip(1) {
        if is_site_root(dir) {
            return Ok(dir.to_path_buf());
        }
    }
    Err(Error::Usage(format!(
        "no fluentpress site here: neither {} nor a folder above it holds fluentpress.toml, or content/ and locales/; \
         `fluentpress init` starts a site here (or pass --root DIR)",
        cwd.display()
    ))
    .into())
}

fn init(root: Option<&std::path::Path>, args: InitArgs, ui: Ui) -> anyhow::Result<Outcome> {
    let dir = match root {
        Some(root) if args.dir == std::path::Path::new(".") => root.to_path_buf(),
        _ => args.dir.clone(),
    };
    let report = crate::workflow::init::init(&crate::workflow::init::InitOptions {
        dir: dir.clone(),
        source_locale: args.source_locale,
        locales: args.locales,
        force: args.force,
    })?;
    if !ui.quiet {
        for path in &report.created {
            eprintln!("created {path}");
        }
        for path in &report.kept {
            eprintln!("kept {path} (it exists; nothing is overwritten)");
        }
        let cd = if dir == std::path::Path::new(".") {
            String::new()
        } else {
            format!("`cd {}`, then ", dir.display())
        };
        eprintln!(
            "a new site in {}: {cd}`fluentpress build` publishes it into dist/, `fluentpress serve` shows it at http://127.0.0.1:8000/ while you edit content/welcome.md",
            dir.display()
        );
    }
    Ok(Outcome::Ok)
}

/// The site's index: every file is read when a command needs it, so a large site is
/// never all in memory.
fn load(root: &std::path::Path) -> anyhow::Result<Project> {
    Ok(Project::load(root)?)
}

fn extract(root: &std::path::Path, args: ExtractArgs, ui: Ui) -> anyhow::Result<Outcome> {
    let project = load(root)?;
    report_load_problems(&project, ui);
    if project.failed_content > 0 {
        return Err(Error::Usage(format!(
            "{} could not be loaded (see the messages above); no reference file was written",
            count(project.failed_content, "file", "files")
        ))
        .into());
    }
    // A reference file that cannot be parsed gives its page no ids to keep: writing it
    // afresh could give a reworded paragraph another id, and orphan its translations.
    let (refused, unread) = project.unusable_files(&[project.source]);
    // The translations' files are read for the hashes they were made from; one that
    // cannot be read is named (it keeps no old source text in the reference).
    let (_, unread_translations) = project.unusable_files(&project.translated_locales(&[]));
    for d in unread.iter().chain(&unread_translations) {
        if !ui.quiet || d.severity == crate::diagnostic::Severity::Error {
            eprintln!("{}", d.one_line());
        }
    }
    if !refused.is_empty() {
        return Err(Error::Usage(format!(
            "{} could not be read (see the messages above); no reference file was written (fix it, or delete it to have its ids assigned afresh)",
            refused.join(", ")
        ))
        .into());
    }
    let plan = crate::extract::plan(&project)?;
    // Always said, even with -q: the run fails because of it.
    let say_refused = || {
        for (path, page) in &plan.refused {
            eprintln!(
                "not written: {path}: the front matter of {page} has an error (see above), so its title and description are stand-ins; the file is kept as it is, so that no translation loses its messages; fix the front matter and run `fluentpress extract` again"
            );
        }
    };
    if args.check {
        if plan.stale_paths().is_empty() {
            if !ui.quiet {
                eprintln!("extract --check: every reference file is up to date");
            }
            return Ok(Outcome::Ok);
        }
        for path in plan.stale_paths() {
            println!("{path}");
        }
        say_refused();
        eprintln!(
            "extract --check: {} out of date with content/; run `fluentpress extract`",
            match plan.stale_paths().len() {
                1 => "1 reference file is".to_string(),
                n => format!("{n} reference files are"),
            }
        );
        return Ok(Outcome::Findings);
    }
    crate::extract::apply(&project, &plan).context("writing reference files")?;
    say_refused();
    let outcome = if plan.refused.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Findings
    };
    if ui.quiet {
        return Ok(outcome);
    }
    for (path, _, _) in &plan.write {
        eprintln!("wrote {path}");
    }
    for path in &plan.remove {
        eprintln!("removed {path} (its page is gone)");
    }
    if plan.is_empty() && plan.refused.is_empty() {
        eprintln!("every reference file was already up to date");
    }
    Ok(outcome)
}

/// Text for stdout, each line wrapped to the terminal's width (80 columns when stdout
/// is not a terminal; `COLUMNS` wins when set), indentation kept.
fn wrap_to_terminal(text: &str) -> String {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(80)
        .clamp(20, 100);
    let mut out = Vec::new();
    for line in text.lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        if crate::wrap::display_width(line) <= width {
            out.push(line.to_string());
            continue;
        }
        out.extend(crate::wrap::wrap(
            line.trim_start(),
            &[],
            &crate::wrap::WrapOptions {
                width,
                first_prefix: indent,
                rest_prefix: indent,
                keep_all: false,
            },
        ));
    }
    out.join("\n")
}

/// Load problems, in short form on stderr (build and extract; lint shows them in full).
fn report_load_problems(project: &Project, ui: Ui) {
    report_load_problems_of(project, ui, None);
}

/// Load problems of the locales `only` (all when `None`; problems of no locale always).
fn report_load_problems_of(project: &Project, ui: Ui, only: Option<&[String]>) {
    let mut problems = project.problems.clone();
    crate::diagnostic::sort(&mut problems);
    for d in &problems {
        if let (Some(only), Some(locale)) = (only, &d.locale)
            && !only.contains(locale)
        {
            continue;
        }
        if ui.quiet && d.severity != crate::diagnostic::Severity::Error {
            continue;
        }
        eprintln!("{}", d.one_line());
    }
}

fn locale_indices(
    project: &Project,
    tags: &[String],
) -> anyhow::Result<Vec<crate::locale::LocaleId>> {
    Ok(project.locale_indices(tags)?)
}

fn build(root: &std::path::Path, args: BuildArgs, ui: Ui) -> anyhow::Result<Outcome> {
    use std::io::IsTerminal;
    let project = load(root)?;
    // A build of some locales speaks only of them.
    let only: Option<Vec<String>> = if args.locales.is_empty() {
        None
    } else {
        let indices = locale_indices(&project, &args.locales)?;
        Some(
            indices
                .iter()
                .map(|&l| project.locale(l).locale.tag.clone())
                .collect(),
        )
    };
    // A content file that cannot be read stops the build before it starts: say why.
    if project.failed_content > 0 {
        report_load_problems_of(&project, ui, only.as_deref());
    }
    let settings = crate::lint::Settings::new(&project.config, &[], &[], &[])?;
    let out = args.out.clone().unwrap_or_else(|| root.join("dist"));
    let terminal = std::io::stderr().is_terminal();
    let opts = crate::commands::build::BuildOptions {
        out: out.clone(),
        locales: args.locales,
        jobs: args.jobs,
        strict: args.strict,
        text_width: args.text_width.map(usize::from),
        progress: terminal && !ui.quiet,
    };
    let report = crate::commands::build::build(&project, &opts, &settings)
        .with_context(|| format!("building into {}", out.display()))?;
    // Each error in full, as lint shows it (warnings are counted below): a build that
    // refuses a translation says which file, line and column, and why.
    let errors: Vec<crate::diagnostic::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .filter(|d| match (&only, &d.locale) {
            (Some(only), Some(locale)) => only.contains(locale),
            _ => true,
        })
        .cloned()
        .collect();
    if !errors.is_empty() {
        let sources = project.source_files(&errors);
        eprint!(
            "{}",
            crate::diagnostic::render::human::render(&errors, &sources, ui.color_on(false))
        );
    }
    if !report.published {
        return Err(Error::Strict {
            errors: report.errors,
        })
        .with_context(|| format!("building into {}", out.display()));
    }
    if !ui.quiet {
        let source = &project.source_locale().locale;
        let s = |n: usize| if n == 1 { "" } else { "s" };
        for l in &report.locales {
            eprintln!(
                "{:<8} {} page{}, {} files, {} of {} passage{} translated, {} shown in {}; lint: {} error{}, {} warning{}",
                l.tag,
                l.pages,
                s(l.pages),
                l.files,
                l.translated,
                l.total,
                s(l.total),
                l.fallbacks,
                source.tag,
                l.errors,
                s(l.errors),
                l.warnings,
                s(l.warnings),
            );
        }
        eprintln!(
            "built {} edition{} of {} page{}: {} files in {:.2} s into {}",
            report.locales.len(),
            s(report.locales.len()),
            project.pages.len(),
            s(project.pages.len()),
            report.files,
            report.seconds,
            out.display()
        );
        let (errors, warnings) = if only.is_some() {
            report
                .locales
                .iter()
                .fold((0, 0), |(e, w), l| (e + l.errors, w + l.warnings))
        } else {
            (report.errors, report.warnings)
        };
        if errors + warnings > 0 {
            let lint = match &only {
                Some(tags) => format!(
                    "fluentpress lint {}",
                    tags.iter()
                        .map(|t| format!("--locale {t}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                None => "fluentpress lint".to_string(),
            };
            eprintln!(
                "lint found {} and {}; `{lint}` shows them",
                count(errors, "error", "errors"),
                count(warnings, "warning", "warnings")
            );
        }
    }
    Ok(Outcome::Ok)
}

fn lint(root: &std::path::Path, args: LintArgs, ui: Ui) -> anyhow::Result<Outcome> {
    use crate::diagnostic::Rule;
    if let Some(code) = &args.explain {
        if code.is_empty() {
            for rule in Rule::ALL {
                println!(
                    "{:<20} {:<8} {}",
                    rule.code(),
                    rule.default_severity(),
                    rule.summary()
                );
            }
            return Ok(Outcome::Ok);
        }
        let rule =
            Rule::from_code(code).ok_or_else(|| Error::Usage(crate::config::unknown_code(code)))?;
        println!(
            "{} ({} by default)\n\n{}",
            rule.code(),
            rule.default_severity(),
            wrap_to_terminal(rule.explanation())
        );
        return Ok(Outcome::Ok);
    }
    let project = load(root)?;
    let settings =
        crate::lint::Settings::new(&project.config, &args.deny, &args.allow, &args.warn)?
            .min_coverage(args.min_coverage);
    let locales = locale_indices(&project, &args.locales)?;
    let report = crate::commands::lint::run(&project, &settings, &locales);
    // Coverage (missing and outdated passages) is listed one by one for the locales a
    // translator asked about; a whole-site run counts it in the summary table.
    // `-q`: errors only, and no summary (JSON, which programs read, is whole).
    let listed: Vec<crate::diagnostic::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| !args.locales.is_empty() || d.severity != crate::diagnostic::Severity::Note)
        .filter(|d| !ui.quiet || d.severity == crate::diagnostic::Severity::Error)
        .cloned()
        .collect();
    let notes = report.diagnostics.len() - listed.len();
    // Of those, the missing layout strings (pointed at the source's site.ftl).
    let layout_notes = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == crate::diagnostic::Severity::Note
                && d.rule == crate::diagnostic::Rule::MissingMessage
                && d.file.ends_with(crate::project::SITE_FILE)
        })
        .count();
    let text = match args.format {
        Format::Json => {
            crate::diagnostic::render::json::render(&report.diagnostics, &report.locales)
        }
        Format::Github => crate::diagnostic::render::github::render(&listed),
        Format::Human => {
            let color = ui.color_on(true);
            let sources = project.source_files(&listed);
            let mut text = crate::diagnostic::render::human::render(&listed, &sources, color);
            if ui.quiet {
                print!("{text}");
                return Ok(if report.errors() > 0 {
                    Outcome::Findings
                } else {
                    Outcome::Ok
                });
            }
            text.push_str(&crate::diagnostic::render::human::summary(
                &report.locales,
                report.errors(),
                report.warnings(),
            ));
            // The table counts the pages' passages; site.ftl's strings get their own line.
            let selected: Vec<crate::locale::LocaleId> = if locales.is_empty() {
                project.locale_ids().collect()
            } else {
                locales.clone()
            };
            let layout: Vec<(String, usize)> = selected
                .iter()
                .filter(|&&l| l != project.source)
                .map(|&l| {
                    let (translated, total) = crate::commands::status::layout_strings(&project, l);
                    (project.locale(l).locale.tag.clone(), total - translated)
                })
                .filter(|(_, missing)| *missing > 0)
                .collect();
            let layout_missing: usize = layout.iter().map(|(_, n)| n).sum();
            let passages = notes.saturating_sub(layout_notes);
            if passages > 0 {
                text.push_str(&format!(
                    "{passages} passage{} of the pages {} still to translate or update (the table's outdated and missing; coverage, not errors): `fluentpress lint --locale TAG` lists them, `fluentpress status` counts them per page\n",
                    if passages == 1 { "" } else { "s" },
                    if passages == 1 { "is" } else { "are" }
                ));
            }
            if layout_missing > 0 {
                text.push_str(&format!(
                    "{layout_missing} layout string{} of site.ftl {} still to translate ({}; not in the table): `fluentpress lint --locale TAG` lists them\n",
                    if layout_missing == 1 { "" } else { "s" },
                    if layout_missing == 1 { "is" } else { "are" },
                    layout
                        .iter()
                        .map(|(t, n)| format!("{t} {n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            text
        }
    };
    print!("{text}");
    Ok(if report.errors() > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

fn status(root: &std::path::Path, args: StatusArgs, ui: Ui) -> anyhow::Result<Outcome> {
    if args.list && args.format == StatusFormat::Json {
        return Err(Error::Usage("--list is for the human format; the JSON format gives counts only (`fluentpress lint --format json` names each message)".into()).into());
    }
    let project = load(root)?;
    report_load_problems(&project, ui);
    let locales = locale_indices(&project, &args.locales)?;
    let (statuses, unread) = crate::commands::status::collect(&project, &locales);
    // What could not be read counts as missing: say where it is.
    for d in &unread {
        eprintln!("{}", d.one_line());
    }
    // `-q`: errors only, as `grep -q`; the JSON, which programs read, is still written.
    if ui.quiet && args.format == StatusFormat::Human {
        return Ok(if unread.is_empty() {
            Outcome::Ok
        } else {
            Outcome::Findings
        });
    }
    match args.format {
        StatusFormat::Json => print!("{}", crate::commands::status::json(&statuses)),
        StatusFormat::Human => {
            let layout: Vec<(usize, usize)> = statuses
                .iter()
                .map(|s| crate::commands::status::layout_strings(&project, s.locale_index))
                .collect();
            print!("{}", crate::commands::status::human(&statuses, &layout))
        }
    }
    if args.list {
        print!("{}", crate::commands::status::list(&project, &locales));
    }
    Ok(if unread.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

fn sync(root: &std::path::Path, args: SyncArgs, ui: Ui) -> anyhow::Result<Outcome> {
    let project = load(root)?;
    report_load_problems(&project, ui);
    let locales = locale_indices(&project, &args.locales)?;
    let (updates, notes, skipped) = if args.mark_current.is_empty() {
        let (updates, skipped) = crate::workflow::sync::plan(&project, &locales)?;
        (updates, Vec::new(), skipped)
    } else {
        let [locale] = locales.as_slice() else {
            return Err(Error::Usage(
                "--mark-current needs exactly one --locale (the locale whose translations you updated)".into(),
            )
            .into());
        };
        let (updates, notes) =
            crate::workflow::sync::mark_current(&project, *locale, &args.mark_current)?;
        (updates, notes, Vec::new())
    };
    if !ui.quiet {
        for note in &skipped {
            eprintln!("{note}");
        }
    }
    // A file too deeply nested to parse is left as it is (its messages are not missing,
    // they are unread), and the run says it could not bring it in line.
    let (refused, unread) = project.unusable_files(&project.translated_locales(&locales));
    for d in &unread {
        eprintln!("{}", d.one_line());
    }
    let outcome = if refused.is_empty() {
        Outcome::Ok
    } else {
        eprintln!(
            "left {} as {} (see the messages above): fix it and run sync again",
            refused.join(", "),
            if refused.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        );
        Outcome::Findings
    };
    if args.check {
        for u in &updates {
            println!("{}", u.path);
        }
        // A page left alone is not known to be in line.
        if !skipped.is_empty() && updates.is_empty() {
            eprintln!(
                "sync --check: {} not checked (see above)",
                count(skipped.len(), "page was", "pages were")
            );
            return Ok(Outcome::Findings);
        }
        if updates.is_empty() {
            if !ui.quiet && refused.is_empty() {
                eprintln!("sync --check: every locale is in line with the reference");
            }
            return Ok(outcome);
        }
        eprintln!(
            "sync --check: {} would change; run `fluentpress sync`",
            count(updates.len(), "file", "files")
        );
        return Ok(Outcome::Findings);
    }
    crate::workflow::sync::apply(&project, &updates).context("writing translation files")?;
    if ui.quiet {
        return Ok(outcome);
    }
    for note in &notes {
        eprintln!("{note}");
    }
    if args.mark_current.is_empty() {
        for u in &updates {
            eprintln!("{}", u.summary());
        }
        if updates.is_empty() && skipped.is_empty() && refused.is_empty() {
            eprintln!("every locale was already in line with the reference");
        }
    }
    Ok(outcome)
}

fn new_locale(root: &std::path::Path, args: NewLocaleArgs, ui: Ui) -> anyhow::Result<Outcome> {
    let project = load(root)?;
    report_load_problems(&project, ui);
    let new = crate::workflow::new_locale::plan(&project, &args.tag)?;
    crate::workflow::new_locale::create(&project, &new)
        .with_context(|| format!("creating {}", new.dir))?;
    if ui.quiet {
        return Ok(Outcome::Ok);
    }
    for (path, _) in &new.files {
        eprintln!("created {path}");
    }
    let tag = &new.locale.tag;
    eprintln!(
        "new edition {tag} ({}): every message is a template to translate; `fluentpress status --locale {tag}` shows progress, and the next build lists the edition as partial",
        new.locale.autonym().unwrap_or(tag)
    );
    eprintln!(
        "missing translations are coverage, never errors or warnings; while it is being started, `[locales.{tag}]` `work_in_progress = true` in fluentpress.toml exempts it from the min_coverage gates of that file (not from `lint --min-coverage`); if the CI workflow builds one runner per edition, add \"{tag}\" to its matrix"
    );
    Ok(Outcome::Ok)
}

fn import(root: &std::path::Path, args: ImportArgs, ui: Ui) -> anyhow::Result<Outcome> {
    use crate::workflow::import;
    let project = load(root)?;
    report_load_problems(&project, ui);
    // DIR as given on the command line: relative to the current directory.
    let options = import::Options {
        locale: args.locale,
        dir: args.dir,
        layout: match args.layout {
            ImportLayout::Mirror => import::Layout::Mirror,
            ImportLayout::HugoSuffix => import::Layout::HugoSuffix,
        },
        force: args.force,
        git_history: args.git_history,
        follow_symlinks: args.follow_symlinks,
    };
    let plan = import::plan(&project, &options)?;
    if !args.dry_run {
        import::apply(&project, &plan).context("writing translation files")?;
    }
    match args.format {
        StatusFormat::Json => print!("{}", plan.json(args.dry_run)),
        // `-q`: errors only; the report is not one.
        StatusFormat::Human if ui.quiet => {}
        // The report quotes the imported files' words: nothing in them reaches the
        // terminal raw.
        StatusFormat::Human => print!(
            "{}",
            crate::diagnostic::for_terminal(&plan.human(args.dry_run))
        ),
    }
    Ok(Outcome::Ok)
}

fn serve(root: &std::path::Path, args: ServeArgs, ui: Ui) -> anyhow::Result<Outcome> {
    let out = args.out.clone().unwrap_or_else(|| root.join("dist"));
    crate::commands::serve::serve(&crate::commands::serve::ServeOptions {
        root: root.to_path_buf(),
        out,
        port: args.port,
        poll: args.poll,
        quiet: ui.quiet,
    })?;
    Ok(Outcome::Ok)
}
