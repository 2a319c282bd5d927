//! Fuzzes the whole pipeline with a (Markdown page, translation) pair, split at the
//! first NUL: see `properties::render`.
#![no_main]

#[path = "../properties.rs"]
mod properties;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (markdown, translation) = text.split_once('\u{0}').unwrap_or((&text, "x"));
    properties::render(markdown, translation);
});
