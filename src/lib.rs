//! fluentpress: publish one body of Markdown writing in many languages, accessibly.
//!
//! The pipeline loads a site into a small index ([`internals::project`]: every page's
//! entry and anchors, every locale's `site.ftl`), and one page renderer builds each
//! page's model, judges each translation and renders each edition; the drivers — build,
//! lint, status, serve, import — are clients of it. `ARCHITECTURE.md` has the layers.
//!
//! The public surface is the command line ([`main`]) and the diagnostics it reports;
//! [`internals`] is for the project's own tests, benchmarks and fuzz targets, and
//! promises nothing.

#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod bidi;
#[doc(hidden)]
pub mod chars;
mod checks;
mod cli;
#[doc(hidden)]
pub mod commands;
#[doc(hidden)]
pub mod config;
#[doc(hidden)]
pub mod diagnostic;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod extract;
mod frontmatter;
mod fsutil;
#[doc(hidden)]
pub mod ftl;
mod ids;
#[doc(hidden)]
pub mod lint;
#[doc(hidden)]
pub mod locale;
#[doc(hidden)]
pub mod markdown;
mod numbers;
mod numfmt;
mod output;
mod page;
#[doc(hidden)]
pub mod pipeline;
#[doc(hidden)]
pub mod project;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod resolve;
mod script;
mod slug;
#[doc(hidden)]
pub mod source;
mod suggest;
mod url;
#[doc(hidden)]
pub mod workflow;
mod wrap;

/// Runs the `fluentpress` command line with the process's arguments; the exit code is
/// 0 ok, 1 findings, 2 usage or I/O error.
pub use cli::main;
pub use diagnostic::{Diagnostic, Rule, Severity};

/// The modules the tests, the benchmark generator and the fuzz targets drive directly.
/// Not a stable interface.
#[doc(hidden)]
pub mod internals {
    pub use crate::bidi;
    pub use crate::chars;
    pub use crate::commands;
    pub use crate::config;
    pub use crate::diagnostic;
    pub use crate::error;
    pub use crate::extract;
    pub use crate::ftl;
    pub use crate::lint;
    pub use crate::locale;
    pub use crate::markdown;
    pub use crate::pipeline;
    pub use crate::project;
    pub use crate::render;
    pub use crate::resolve;
    pub use crate::source;
    pub use crate::workflow;
}
