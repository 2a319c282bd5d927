//! The fuzz targets' properties (`fuzz/properties.rs`), a bounded number of cases each,
//! so `cargo test` checks what `cargo fuzz run` checks at length: a Fluent file alone,
//! a translated fragment alone, and a (page, translation) pair through the pipeline.

#[path = "../../fuzz/properties.rs"]
mod properties;

use proptest::prelude::*;

/// Fluent as a hostile translator writes it: messages whose placeables nest, with
/// calls, string literals (braces in them), selects and comments.
fn fluent_file() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("$x".to_string()),
        Just("\"{\"".to_string()),
        Just("\"}\\\"{\"".to_string()),
        Just("-term".to_string()),
        Just("other-message".to_string()),
        Just("42".to_string()),
    ];
    let expression = leaf.prop_recursive(6, 48, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| format!("{{ {e} }}")),
            proptest::collection::vec(inner.clone(), 1..3)
                .prop_map(|args| format!("NUMBER({})", args.join(", "))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!(
                "$n ->\n    [one] a {{ {a} }}\n   *[other] b {{ {b} }}\n"
            )),
            inner.prop_map(|e| format!("-t(x: 1, {e})")),
        ]
    });
    let message = (expression, "[a-z ]{0,6}", any::<bool>()).prop_map(|(e, text, comment)| {
        let comment = if comment { "# a { comment ( \" \n" } else { "" };
        format!("{comment}msg = {text}{{ {e} }}\n")
    });
    let noise = "[a-z{}()\"\\\\$\\-> \\[\\]*.#=:,\n]{0,80}";
    prop_oneof![
        proptest::collection::vec(message, 1..4).prop_map(|m| m.concat()),
        noise.prop_map(String::from),
        // Deep, shallow and at the limit, with the rest of the file after it.
        (1usize..140, "[{(\"$a \n]{0,6}")
            .prop_map(|(n, tail)| format!("a = {}{tail}\nb = x\n", "{ ".repeat(n))),
        (1usize..140).prop_map(|n| format!("a = {{ {}$x{} }}\n", "F(".repeat(n), ")".repeat(n))),
    ]
}

/// Translated text: inline Markdown, the page's references and footnotes, HTML, block
/// starts, and deep nesting.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z*_`~!\\[\\]()<>/:#&;\\-+ \n\\\\^0-9é한]{0,120}",
        (1usize..60).prop_map(|n| format!("{}x{}", "*".repeat(n), "*".repeat(n))),
        (1usize..40).prop_map(|n| format!("{}x{}", "![".repeat(n), "](a.png)".repeat(n))),
        Just("<div>\n  1. x\n# y\n    z\n> q\n[t]: https://evil.example\n[^n]".to_string()),
        Just("x\n<!-- y -->\n<div>z</div> [the trust][t][^n]".to_string()),
    ]
}

/// Text with what is not text in it.
fn with_controls() -> impl Strategy<Value = String> {
    "[a-z *\\[\\]()!#>\\-\n\u{0}\u{7}\u{1b}\u{7f}\u{85}\u{9b}\u{fdd0}\u{fffe}\u{10ffff}\r&#;0-9]{0,80}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fluent_files(text in fluent_file()) {
        properties::fluent_file(&text);
    }

    #[test]
    fn fragments(text in fragment()) {
        properties::fragment(&text);
    }

    #[test]
    fn pages_and_translations(markdown in with_controls(), translation in with_controls()) {
        properties::render(&markdown, &translation);
    }
}

#[test]
fn files_at_and_past_the_nesting_limit() {
    // Refused just past the limit, read at it, and a string's braces are no levels.
    properties::fluent_file(&format!("a = {}\n", "{".repeat(101)));
    properties::fluent_file(&format!("a = {}$x{}\n", "{".repeat(100), "}".repeat(100)));
    properties::fluent_file(&format!("a = {{\"{}\"}}\n", "{".repeat(500)));
}
