mod support;

mod pipeline;
mod text;
