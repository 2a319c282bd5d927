//! Output formats of diagnostics, one module each: `human` (rustc-style snippets),
//! `json` (one object for tools) and `github` (GitHub Actions workflow commands).

pub mod github;
pub mod human;
pub mod json;
