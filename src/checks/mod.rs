//! What judges a text: the checks of a translated segment against its source (used by
//! [`crate::resolve`] to decide what the build shows, and so by lint) and the checks of
//! the source content itself (made when a page is loaded). Below resolve and lint, so
//! both share them without importing each other.

pub mod content;
pub mod links;
pub mod translation;
