mod support;

mod architecture;
mod cli;
mod commonmark;
mod coverage;
mod fuzz_props;
mod hostile_text;
mod html;
mod import;
mod lint;
mod pipeline;
mod security;
mod text;
mod workflow;
