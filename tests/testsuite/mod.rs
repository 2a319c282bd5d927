mod support;

mod html;
mod lint;
mod pipeline;
mod security;
mod text;
mod workflow;
