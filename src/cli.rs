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
    /// Write the reference files locales/<source>/<page>.ftl from content/.
    Extract(ExtractArgs),
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Change nothing; exit 1 and name the reference files that are out of date.
    #[arg(long)]
    pub check: bool,
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
        Command::Extract(args) => extract(&cli.root, args),
    }
}

fn load(root: &std::path::Path) -> anyhow::Result<Project> {
    Ok(Project::load(root)?)
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
        if plan.is_empty() {
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

fn report_load_problems(project: &Project) {
    for d in &project.problems {
        eprintln!(
            "{}[{}]: {}:{}:{}: {}",
            d.severity, d.rule, d.file, d.line, d.column, d.message
        );
    }
}
