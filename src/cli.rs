//! The command line: argument parsing (clap), running the commands, and turning their
//! outcome into messages and exit codes (0 ok, 1 findings, 2 usage or I/O error). The
//! only place that prints errors; `anyhow` adds context here and nowhere else.

use crate::error::Error;
use crate::project::Project;
use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "fluentpress",
    version,
    about = "Publish Markdown in many languages, accessibly: Fluent translations, HTML and plain-text editions, lint."
)]
pub struct Cli {
    /// The site's root directory (holding content/ and locales/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
pub struct BuildArgs {
    /// Output directory (default: dist/ in the site root). Only a directory fluentpress created is ever replaced.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build only this locale (repeatable); the other editions of the previous output are kept.
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    /// Worker threads (default: one per core). The output is the same whatever the number.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Fail (exit 1, previous output kept) if lint finds any error.
    #[arg(long)]
    pub strict: bool,
    /// Width of the plain-text editions in display columns (default: text_width in fluentpress.toml, or 72).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub text_width: Option<u16>,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct LintArgs {
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
    /// Colour in human output: only on a terminal by default.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Change nothing; exit 1 and name the reference files that are out of date.
    #[arg(long)]
    pub check: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    /// Only this locale (repeatable; default: every locale but the source).
    #[arg(long = "locale", value_name = "TAG")]
    pub locales: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatusFormat,
}

#[derive(Args, Debug)]
pub struct SyncArgs {
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
pub struct NewLocaleArgs {
    /// The BCP 47 tag of the new edition's language (e.g. he, zh-Hant, pt-BR).
    #[arg(value_name = "TAG")]
    pub tag: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportLayout {
    /// DIR/<page>.md for content/<page>.md (Hugo's content/TAG/ directories, Docusaurus, Jekyll).
    Mirror,
    /// DIR/<page>.TAG.md (Hugo's translation by file name).
    HugoSuffix,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The locale the files translate into (created if it does not exist).
    #[arg(long = "locale", value_name = "TAG")]
    pub locale: String,
    /// The directory holding the translated Markdown files.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
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
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatusFormat,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
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
pub enum Outcome {
    Ok,
    Findings,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            let code = e.downcast_ref::<Error>().map_or(2, Error::exit_code);
            ExitCode::from(code as u8)
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Build(args) => build(&cli.root, args),
        Command::Lint(args) => lint(&cli.root, args),
        Command::Extract(args) => extract(&cli.root, args),
        Command::Status(args) => status(&cli.root, args),
        Command::Sync(args) => sync(&cli.root, args),
        Command::NewLocale(args) => new_locale(&cli.root, args),
        Command::Import(args) => import(&cli.root, args),
        Command::Serve(args) => serve(&cli.root, args),
    }
}

fn load(root: &std::path::Path) -> anyhow::Result<Project> {
    Ok(Project::load(root)?)
}

/// For the commands that walk the site page by page (build, lint): translations are
/// read when needed, so a large site is never all in memory.
fn load_lazily(root: &std::path::Path) -> anyhow::Result<Project> {
    Ok(Project::load_lazily(root)?)
}

fn extract(root: &std::path::Path, args: ExtractArgs) -> anyhow::Result<Outcome> {
    let project = load(root)?;
    report_load_problems(&project);
    if project.failed_content > 0 {
        return Err(Error::LoadFailed {
            count: project.failed_content,
        }
        .into());
    }
    let plan = crate::extract::plan(&project);
    if args.check {
        if plan.stale_paths().is_empty() {
            eprintln!("extract --check: every reference file is up to date");
            return Ok(Outcome::Ok);
        }
        for path in plan.stale_paths() {
            println!("{path}");
        }
        eprintln!(
            "extract --check: {} reference file(s) are out of date with content/; run `fluentpress extract`",
            plan.stale_paths().len()
        );
        return Ok(Outcome::Findings);
    }
    crate::extract::apply(&project, &plan).context("writing reference files")?;
    for (path, _) in &plan.write {
        eprintln!("wrote {path}");
    }
    for path in &plan.remove {
        eprintln!("removed {path} (its page is gone)");
    }
    if plan.is_empty() {
        eprintln!("every reference file was already up to date");
    }
    Ok(Outcome::Ok)
}

/// Load problems, in short form on stderr (build and extract; lint shows them in full).
fn report_load_problems(project: &Project) {
    let mut problems = project.problems.clone();
    crate::diagnostic::sort(&mut problems);
    for d in &problems {
        eprintln!("{}", d.one_line());
    }
}

fn locale_indices(project: &Project, tags: &[String]) -> anyhow::Result<Vec<usize>> {
    Ok(project.locale_indices(tags)?)
}

fn build(root: &std::path::Path, args: BuildArgs) -> anyhow::Result<Outcome> {
    use std::io::IsTerminal;
    let project = load_lazily(root)?;
    report_load_problems(&project);
    let settings = crate::lint::Settings::new(&project.config, &[], &[], &[])?;
    let out = args.out.clone().unwrap_or_else(|| root.join("dist"));
    let terminal = std::io::stderr().is_terminal();
    let opts = crate::commands::build::BuildOptions {
        out: out.clone(),
        locales: args.locales,
        jobs: args.jobs,
        strict: args.strict,
        text_width: args.text_width.map(usize::from),
        progress: terminal && !args.quiet,
    };
    let report = crate::commands::build::build(&project, &opts, &settings)
        .with_context(|| format!("building into {}", out.display()))?;
    if !args.quiet {
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
        if report.errors + report.warnings > 0 {
            eprintln!(
                "lint found {} error(s) and {} warning(s); `fluentpress lint` shows them",
                report.errors, report.warnings
            );
        }
    }
    Ok(Outcome::Ok)
}

fn lint(root: &std::path::Path, args: LintArgs) -> anyhow::Result<Outcome> {
    use crate::diagnostic::Rule;
    use std::io::IsTerminal;
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
            rule.explanation()
        );
        return Ok(Outcome::Ok);
    }
    let project = load_lazily(root)?;
    let settings =
        crate::lint::Settings::new(&project.config, &args.deny, &args.allow, &args.warn)?
            .min_coverage(args.min_coverage);
    let locales = locale_indices(&project, &args.locales)?;
    let report = crate::commands::lint::run(&project, &settings, &locales);
    // Coverage (missing and outdated passages) is listed one by one for the locales a
    // translator asked about; a whole-site run counts it in the summary table.
    let listed: Vec<crate::diagnostic::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| !args.locales.is_empty() || d.severity != crate::diagnostic::Severity::Note)
        .cloned()
        .collect();
    let notes = report.diagnostics.len() - listed.len();
    let text = match args.format {
        Format::Json => {
            crate::diagnostic::render::json::render(&report.diagnostics, &report.locales)
        }
        Format::Github => crate::diagnostic::render::github::render(&listed),
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let source = |path: &str| project.file_text(path).map(|t| t.into_owned());
            let mut text = crate::diagnostic::render::human::render(&listed, &source, color);
            text.push_str(&crate::diagnostic::render::human::summary(
                &report.locales,
                report.errors(),
                report.warnings(),
            ));
            if notes > 0 {
                text.push_str(&format!(
                    "{notes} passage{} still to translate or update (coverage, not errors): `fluentpress lint --locale TAG` lists them, `fluentpress status` counts them per page\n",
                    if notes == 1 { " is" } else { "s are" }
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

fn status(root: &std::path::Path, args: StatusArgs) -> anyhow::Result<Outcome> {
    let project = load_lazily(root)?;
    report_load_problems(&project);
    let locales = locale_indices(&project, &args.locales)?;
    let statuses = crate::commands::status::collect(&project, &locales);
    match args.format {
        StatusFormat::Json => print!("{}", crate::commands::status::json(&statuses)),
        StatusFormat::Human => print!("{}", crate::commands::status::human(&statuses)),
    }
    Ok(Outcome::Ok)
}

fn sync(root: &std::path::Path, args: SyncArgs) -> anyhow::Result<Outcome> {
    let project = load(root)?;
    report_load_problems(&project);
    let locales = locale_indices(&project, &args.locales)?;
    let (updates, notes) = if args.mark_current.is_empty() {
        (crate::workflow::sync::plan(&project, &locales)?, Vec::new())
    } else {
        let [locale] = locales.as_slice() else {
            return Err(Error::Usage(
                "--mark-current needs exactly one --locale (the locale whose translations you updated)".into(),
            )
            .into());
        };
        crate::workflow::sync::mark_current(&project, *locale, &args.mark_current)?
    };
    if args.check {
        for u in &updates {
            println!("{}", u.path);
        }
        if updates.is_empty() {
            eprintln!("sync --check: every locale is in line with the reference");
            return Ok(Outcome::Ok);
        }
        eprintln!(
            "sync --check: {} file(s) would change; run `fluentpress sync`",
            updates.len()
        );
        return Ok(Outcome::Findings);
    }
    crate::workflow::sync::apply(&project, &updates).context("writing translation files")?;
    for note in &notes {
        eprintln!("{note}");
    }
    if args.mark_current.is_empty() {
        for u in &updates {
            eprintln!("{}", u.summary());
        }
        if updates.is_empty() {
            eprintln!("every locale was already in line with the reference");
        }
    }
    Ok(Outcome::Ok)
}

fn new_locale(root: &std::path::Path, args: NewLocaleArgs) -> anyhow::Result<Outcome> {
    let project = load(root)?;
    report_load_problems(&project);
    let new = crate::workflow::new_locale::plan(&project, &args.tag)?;
    crate::workflow::new_locale::create(&project, &new)
        .with_context(|| format!("creating {}", new.dir))?;
    for (path, _) in &new.files {
        eprintln!("created {path}");
    }
    let tag = &new.locale.tag;
    eprintln!(
        "new edition {tag} ({}): every message is a template to translate; `fluentpress status --locale {tag}` shows progress, and the next build lists the edition as partial",
        new.locale.autonym().unwrap_or(tag)
    );
    eprintln!(
        "missing translations are coverage, not errors; while it is in progress, `[locales.{tag}]` with `work_in_progress = true` in fluentpress.toml exempts it from a `min_coverage` gate"
    );
    Ok(Outcome::Ok)
}

fn import(root: &std::path::Path, args: ImportArgs) -> anyhow::Result<Outcome> {
    use crate::workflow::import;
    let project = load(root)?;
    report_load_problems(&project);
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
    };
    let plan = import::plan(&project, &options)?;
    if !args.dry_run {
        import::apply(&project, &plan).context("writing translation files")?;
    }
    match args.format {
        StatusFormat::Json => print!("{}", plan.json(args.dry_run)),
        StatusFormat::Human => print!("{}", plan.human(args.dry_run)),
    }
    Ok(Outcome::Ok)
}

fn serve(root: &std::path::Path, args: ServeArgs) -> anyhow::Result<Outcome> {
    let out = args.out.clone().unwrap_or_else(|| root.join("dist"));
    crate::commands::serve::serve(&crate::commands::serve::ServeOptions {
        root: root.to_path_buf(),
        out,
        port: args.port,
        poll: args.poll,
    })?;
    Ok(Outcome::Ok)
}
