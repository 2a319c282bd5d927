mod support;

mod pipeline;
