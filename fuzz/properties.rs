//! The properties the fuzz targets check, one function per target. `cargo test` runs a
//! bounded number of cases of each through proptest (`tests/testsuite/fuzz_props.rs`
//! includes this file); `cargo fuzz run <target>` runs them for as long as it is let.
//! Each function panics when its property fails.

// Each fuzz target uses one of the properties.
#![allow(dead_code)]

use fluent_syntax::ast;
use fluentpress::internals::config::Config;
use fluentpress::internals::ftl::{FtlFile, MAX_NESTING, nesting_depth};
use fluentpress::internals::markdown::{
    self, FragmentContext, Inline, InlineKind, MAX_INLINE_DEPTH,
};
use fluentpress::internals::pipeline::{Output, Renderer};
use fluentpress::internals::project::{LAYOUT_MESSAGES, Project};

/// A page with what a translation may refer to: a link definition and a footnote.
const PAGE: &str = "+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\n# Owls\n\nOwls hunt at *night*; see [the trust][t] and [this](https://owls.example/).[^n]\n\n- An item\n\n![An owl](owl.png)\n\n[t]: https://owls.example/trust\n[^n]: The note.\n";

/// Whether a character is one no output may hold raw (`fluentpress::internals::chars`), written
/// out again here so the property does not trust the code it checks.
fn is_not_text(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || (c as u32) & 0xfffe == 0xfffe
}

fn pattern_depth(p: &ast::Pattern<&str>) -> usize {
    p.elements
        .iter()
        .map(|e| match e {
            ast::PatternElement::Placeable { expression } => 1 + expression_depth(expression),
            ast::PatternElement::TextElement { .. } => 0,
        })
        .max()
        .unwrap_or(0)
}

fn expression_depth(e: &ast::Expression<&str>) -> usize {
    match e {
        ast::Expression::Inline(i) => inline_depth(i),
        ast::Expression::Select { selector, variants } => variants
            .iter()
            .map(|v| pattern_depth(&v.value))
            .chain([inline_depth(selector)])
            .max()
            .unwrap_or(0),
    }
}

fn inline_depth(i: &ast::InlineExpression<&str>) -> usize {
    let arguments = |a: &ast::CallArguments<&str>| {
        1 + a
            .positional
            .iter()
            .chain(a.named.iter().map(|n| &n.value))
            .map(inline_depth)
            .max()
            .unwrap_or(0)
    };
    match i {
        ast::InlineExpression::Placeable { expression } => 1 + expression_depth(expression),
        ast::InlineExpression::FunctionReference { arguments: a, .. } => arguments(a),
        ast::InlineExpression::TermReference {
            arguments: Some(a), ..
        } => arguments(a),
        _ => 0,
    }
}

/// How deep placeables and call arguments nest in what the parser built.
fn ast_depth(file: &FtlFile) -> usize {
    file.resource
        .entries()
        .map(|entry| {
            let (value, attributes) = match entry {
                ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
                _ => return 0,
            };
            value
                .into_iter()
                .chain(attributes.iter().map(|a| &a.value))
                .map(pattern_depth)
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// A `.ftl` file: parsing never panics; the nesting scan never finds fewer levels than
/// the parser builds, and a file it refuses is one syntax error with its text kept;
/// used as a locale's `site.ftl` and page file, the pipeline and lint never panic and
/// no page or text edition holds a character that is not text.
pub fn fluent_file(text: &str) {
    let file = FtlFile::parse(
        "x.ftl".into(),
        text.to_string(),
        fluentpress::internals::source::TextStyle::NEW,
    );
    match nesting_depth(text, MAX_NESTING) {
        Ok(depth) => {
            assert!(!file.is_refused());
            let built = ast_depth(&file);
            assert!(
                built <= depth,
                "the scan found {depth} levels, the parser built {built}: {text:?}"
            );
        }
        Err(at) => {
            assert!(file.is_refused() && file.entries.is_empty());
            assert_eq!(file.syntax_errors.len(), 1);
            assert_eq!(file.source(), text);
            assert!(
                at < text.len() && matches!(text.as_bytes()[at], b'{' | b'('),
                "{at} in {text:?}"
            );
        }
    }
    let project = Project::in_memory(
        Config::default(),
        &[("p", PAGE)],
        &[("en", &[]), ("fr", &[("site.ftl", text), ("p.ftl", text)])],
    );
    let renderer = Renderer::new(&project, Some(40));
    let site = renderer.site();
    let every: Vec<_> = project.locale_ids().collect();
    for p in project.page_ids() {
        for e in renderer
            .render_page(p, &every, Output::Files(&site))
            .editions
        {
            let (html, text) = (e.html.unwrap_or_default(), e.text.unwrap_or_default());
            assert!(!html.chars().any(is_not_text) && !text.chars().any(is_not_text));
        }
    }
    let _ = fluentpress::internals::commands::lint::run(
        &project,
        &fluentpress::internals::lint::Settings::default(),
        &[],
    );
}

fn depth(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match &i.kind {
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                1 + depth(c)
            }
            InlineKind::Link { children, .. } => 1 + depth(children),
            InlineKind::Image { alt, .. } => 1 + depth(alt),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// A translated segment parsed on its own (`markdown::parse_fragment`, with a page's
/// link definitions and footnotes): never a panic, containers nested no deeper than
/// `MAX_INLINE_DEPTH`, every span and raw HTML span inside the text on character
/// boundaries (diagnostics slice the text with them), raw HTML spans in order.
pub fn fragment(text: &str) {
    let doc = markdown::parse_page(PAGE);
    let context = FragmentContext {
        refs: &doc.refs,
        footnote_labels: &doc.footnote_labels,
    };
    let f = markdown::parse_fragment(text, context);
    assert!(depth(&f.inlines) <= MAX_INLINE_DEPTH, "{text:?}");
    let inside = |r: &std::ops::Range<usize>| r.start <= r.end && text.get(r.clone()).is_some();
    markdown::visit(&f.inlines, &mut |i| {
        assert!(
            inside(&i.span),
            "span {:?} of {:?} in {text:?}",
            i.span,
            i.kind
        );
    });
    for r in &f.raw_html {
        assert!(inside(r), "raw HTML {r:?} in {text:?}");
    }
    assert!(f.raw_html.windows(2).all(|w| w[0].start <= w[1].start));
    let _ = markdown::plain_text(&f.inlines);
    let _ = markdown::link_targets(&f.inlines);
}

/// The whole pipeline with a (Markdown page, translation) pair: the page is the
/// source, the translation every segment's and layout string's text (escaped, as a
/// translator would type it) and, raw, a second locale's files. Nothing panics; no
/// `<script` or script URL reaches the HTML; every text edition ends with a newline;
/// no output holds a character that is not text.
pub fn render(markdown: &str, translation: &str) {
    let page = format!("+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\n{markdown}");
    let probe = Project::in_memory(Config::default(), &[("p", &page)], &[("en", &[])]);
    let escaped = fluentpress::internals::ftl::escape_pattern(translation);
    let mut page_ftl = String::new();
    for seg in &probe.models().expect("a page in memory")[0].segments {
        page_ftl.push_str(&format!("{} ={escaped}\n", seg.id));
    }
    let mut site_ftl = String::new();
    for id in LAYOUT_MESSAGES {
        site_ftl.push_str(&format!("{id} ={escaped}\n"));
    }
    let ar: Vec<(&str, &str)> = vec![("site.ftl", &site_ftl), ("p.ftl", &page_ftl)];
    let ko: Vec<(&str, &str)> = vec![("site.ftl", translation), ("p.ftl", translation)];
    let project = Project::in_memory(
        Config::default(),
        &[("p", &page)],
        &[("en", &[]), ("ar", &ar), ("ko", &ko)],
    );
    let renderer = Renderer::new(&project, Some(40));
    let site = renderer.site();
    let every: Vec<_> = project.locale_ids().collect();
    for p in project.page_ids() {
        for e in renderer
            .render_page(p, &every, Output::Files(&site))
            .editions
        {
            let tag = &project.locale(e.locale_index).locale.tag;
            let html = e.html.unwrap_or_default();
            let lower = html.to_lowercase();
            assert!(!lower.contains("<script"), "script in {tag}");
            assert!(!lower.contains("href=\"javascript:") && !lower.contains("src=\"javascript:"));
            let text = e.text.unwrap_or_default();
            assert!(text.ends_with('\n'));
            assert!(!html.chars().any(is_not_text), "a control in {tag}'s page");
            assert!(
                !text.chars().any(is_not_text),
                "a control in {tag}'s text edition"
            );
        }
    }
    let _ = fluentpress::internals::commands::lint::run(
        &project,
        &fluentpress::internals::lint::Settings::default(),
        &[],
    );
    let _ = fluentpress::internals::extract::plan(&project);
}
