//! Fuzzes the parser of translated fragments alone (`markdown::parse_fragment`). See
//! `properties::fragment`.
#![no_main]

#[path = "../properties.rs"]
mod properties;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    properties::fragment(&String::from_utf8_lossy(data));
});
