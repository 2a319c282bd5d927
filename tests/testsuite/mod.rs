mod support;

mod architecture;
mod cli;
mod commonmark;
mod coverage;
mod html;
mod import;
mod lint;
mod pipeline;
mod policies;
mod security;
mod serve_props;
mod text;
mod workflow;
