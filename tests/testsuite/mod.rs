mod support;

mod architecture;
mod cli;
mod coverage;
mod html;
mod lint;
mod pipeline;
mod security;
mod text;
mod workflow;
