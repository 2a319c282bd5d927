//! fluentpress: publish one body of Markdown writing in many languages, accessibly.
//!
//! The pipeline loads a site once into a [`project::Project`] (pages parsed into
//! segments, every `.ftl` file parsed once); the HTML and text renderers, lint and the
//! translator tools all read that model.

pub mod bidi;
pub mod chars;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod frontmatter;
pub mod fsutil;
pub mod ftl;
pub mod ids;
pub mod lint;
pub mod locale;
pub mod markdown;
pub mod numbers;
pub mod numfmt;
pub mod output;
pub mod page;
pub mod pipeline;
pub mod project;
pub mod render;
pub mod resolve;
pub mod script;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod url;
pub mod workflow;
pub mod wrap;
