//! The commands that drive the pipeline: `build` writes every edition, `serve` keeps
//! them current while files change, `lint` reports what the build would refuse or
//! warn about, `status` counts what the build shows. Each renders pages through
//! [`crate::pipeline::Renderer`] and nothing else.

pub mod build;
pub mod lint;
pub mod serve;
pub mod status;
