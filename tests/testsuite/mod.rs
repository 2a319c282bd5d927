mod support;

mod architecture;
mod ci_workflow;
mod cli;
mod commonmark;
mod coverage;
mod hostile_serve;
mod html;
mod import;
mod lint;
mod pipeline;
mod platforms;
mod policies;
mod security;
mod serve_props;
mod text;
mod workflow;
