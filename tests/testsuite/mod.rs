mod support;

mod html;
mod import;
mod lint;
mod pipeline;
mod security;
mod text;
mod workflow;
