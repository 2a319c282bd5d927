//! Fuzzes a Fluent file alone: the nesting guard, the parser, lint and the pipeline
//! with the file as a translation. See `properties::fluent_file`.
#![no_main]

#[path = "../properties.rs"]
mod properties;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    properties::fluent_file(&String::from_utf8_lossy(data));
});
