//! The plain-text editions: golden files for the shipped page in every language and for
//! a fixture with every construct, and the line-breaking properties on every `.txt`.

use super::support::*;
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use unicode_width::UnicodeWidthStr;

const SHIPPED: &[&str] = &["en", "ko", "zh-Hans", "ja", "ru", "es", "fr", "ar", "th"];
const PAGE: &str = "north-korea-human-rights";

fn built(site: &Site) -> &Site {
    site.run(&["build", "--out", "dist"]).ok();
    site
}

#[test]
fn golden_shipped_page_in_every_language() {
    let site = Site::shipped();
    built(&site);
    for tag in SHIPPED {
        let text = site.read(&format!("dist/{tag}/{PAGE}.txt"));
        insta::assert_snapshot!(format!("text_shipped_{tag}"), text);
    }
}

#[test]
fn golden_every_construct() {
    let site = Site::fixture("text-constructs");
    built(&site);
    for tag in ["en", "ko", "th", "ar"] {
        let text = site.read(&format!("dist/{tag}/every-construct.txt"));
        insta::assert_snapshot!(format!("text_constructs_{tag}"), text);
    }
}

/// A token a line may consist of alone although it is wider than the width: no
/// break opportunity inside it (a URL, a word of a space-delimited language).
fn is_single_token(content: &str) -> bool {
    !content.trim().contains(char::is_whitespace)
}

/// The properties every `.txt` must have.
fn check_text_file(path: &str, text: &str, width: usize) {
    assert!(
        text.ends_with('\n') && !text.ends_with("\n\n"),
        "{path}: one final newline"
    );
    assert!(!text.contains('\r'), "{path}: LF only");
    for (n, line) in text.lines().enumerate() {
        assert_eq!(line, line.trim_end(), "{path}:{}: trailing space", n + 1);
        let w = line.width();
        if w > width {
            // Code blocks are never wrapped; anything else may only overflow when it
            // is one unbreakable token after its prefix.
            let code = line.starts_with("    ") && !line.trim_start().starts_with(['-', '>']);
            let content = line
                .trim_start_matches(['>', ' ', '-'])
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || c == '.' || c == '[' || c == ']'
                });
            assert!(
                code || is_single_token(content),
                "{path}:{}: {w} columns > {width}: {line:?}",
                n + 1
            );
        }
    }
}

#[test]
fn every_text_edition_keeps_to_the_width() {
    let site = Site::shipped();
    built(&site);
    let fixture = Site::fixture("text-constructs");
    built(&fixture);
    let mut checked = 0;
    for s in [&site, &fixture] {
        for (path, bytes) in s.tree("dist") {
            if path.ends_with(".txt") {
                let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{path}: not UTF-8"));
                check_text_file(&path, &text, 72);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 9 + 4);
}

#[test]
fn text_width_option() {
    let site = Site::shipped();
    site.run(&["build", "--out", "narrow", "--text-width", "40"])
        .ok();
    for tag in SHIPPED {
        let path = format!("narrow/{tag}/{PAGE}.txt");
        check_text_file(&path, &site.read(&path), 40);
    }
    site.run(&["build", "--text-width", "5"]).code(2);
}

/// Paragraphs of a text edition as (lines) groups: consecutive non-blank lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out = vec![Vec::new()];
    for line in text.lines() {
        if line.is_empty() {
            out.push(Vec::new());
        } else {
            out.last_mut().unwrap().push(line);
        }
    }
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

#[test]
fn the_thai_edition_breaks_only_between_words() {
    let site = Site::shipped();
    built(&site);
    let text = site.read(&format!("dist/th/{PAGE}.txt"));
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut breaks_checked = 0;
    for para in paragraphs(&text) {
        if para.len() < 2
            || !para
                .iter()
                .any(|l| l.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)))
        {
            continue;
        }
        // Re-join the lines: a break after a space was a space; any other break
        // joined two pieces with nothing between them.
        let mut joined = String::new();
        let mut break_points = Vec::new();
        for (i, line) in para.iter().enumerate() {
            if i > 0 {
                let prev_thai = joined
                    .chars()
                    .next_back()
                    .is_some_and(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
                let next_thai = line
                    .chars()
                    .next()
                    .is_some_and(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
                if prev_thai && next_thai {
                    break_points.push(joined.len());
                } else {
                    joined.push(' ');
                }
            }
            joined.push_str(line);
        }
        let boundaries: Vec<usize> = segmenter.segment_str(&joined).collect();
        for b in break_points {
            assert!(
                boundaries.contains(&b),
                "a line break inside a Thai word: …{}|{}…",
                &joined[joined.floor_char_boundary(b.saturating_sub(30))..b],
                &joined[b..joined.ceil_char_boundary((b + 30).min(joined.len()))]
            );
            breaks_checked += 1;
        }
    }
    assert!(
        breaks_checked > 10,
        "only {breaks_checked} Thai breaks were checked"
    );
}

#[test]
fn untranslated_passages_are_flagged_and_counted() {
    let site = Site::fixture("text-constructs");
    built(&site);
    let ko = site.read("dist/ko/every-construct.txt");
    let marker = "[아직 번역되지 않음]";
    assert!(ko.contains(&format!("{marker} A third item.")), "{ko}");
    assert!(
        ko.contains("번역되지 않아 영어로 표시됩니다"),
        "the notice opens the edition:\n{ko}"
    );
    // The notice comes before the body.
    assert!(ko.find("번역되지 않아").unwrap() < ko.find("모든 구성 요소\n===").unwrap());
    // A number reads the same in every language: not flagged.
    assert!(ko.contains("15,000") && !ko.contains(&format!("{marker} 15,000")));
    let en = site.read("dist/en/every-construct.txt");
    assert!(!en.contains("[not yet translated]"));
}

/// The bracketed labels and headings of the plain-text edition are the locale's
/// `site.ftl` messages, punctuation included: French writes "[Image : …]".
#[test]
fn labels_and_their_punctuation_come_from_site_ftl() {
    let site = Site::fixture("text-constructs");
    let ko = "locales/ko/site.ftl";
    let mut text = site.read(ko);
    for (from, to) in [
        (
            "image-text = [{ $label }: { $description }]",
            "image-text = [{ $label }\u{a0}: { $description }]",
        ),
        (
            "untranslated-marker = [아직 번역되지 않음]",
            "untranslated-marker = «non traduit»",
        ),
        ("links-heading = 링크", "links-heading = Liens"),
        ("notes-heading = 주석", "notes-heading = Remarques"),
    ] {
        assert!(text.contains(from), "{ko} has no {from:?}");
        text = text.replace(from, to);
    }
    site.write(ko, &text);
    built(&site);
    let out = site.read("dist/ko/every-construct.txt");
    assert!(out.contains("[이미지\u{a0}: "), "{out}");
    assert!(!out.contains("[이미지: "), "{out}");
    assert!(out.contains("«non traduit» A third item."), "{out}");
    assert!(out.contains("\nLiens\n-----\n"), "{out}");
    assert!(out.contains("\nRemarques\n---------\n"), "{out}");
    // The source edition keeps its own.
    let en = site.read("dist/en/every-construct.txt");
    assert!(
        en.contains("[Image: A seal: a white star on a dark blue disc]"),
        "{en}"
    );
}

/// The dictionary splits "สิทธิมนุษยชน" (human rights) into three words; the wrapper
/// keeps it whole at every width, so no line of the Thai edition ends inside it.
#[test]
fn the_thai_edition_never_breaks_human_rights() {
    let site = Site::shipped();
    for width in ["30", "40", "72"] {
        let out = format!("dist-{width}");
        site.run(&[
            "build",
            "--out",
            &out,
            "--locale",
            "th",
            "--text-width",
            width,
        ])
        .ok();
        let text = site.read(&format!("{out}/th/{PAGE}.txt"));
        let compound = "สิทธิมนุษยชน";
        let mut seen = 0;
        for para in paragraphs(&text) {
            seen += para
                .iter()
                .map(|l| l.matches(compound).count())
                .sum::<usize>();
            for pair in para.windows(2) {
                let joined = format!("{}{}", pair[0], pair[1]);
                for (i, _) in joined.match_indices(compound) {
                    assert!(
                        i + compound.len() <= pair[0].len() || i >= pair[0].len(),
                        "width {width}: a line ends inside {compound}:\n{}\n{}",
                        pair[0],
                        pair[1]
                    );
                }
            }
        }
        assert!(
            seen > 10,
            "width {width}: {compound} only {seen} times whole"
        );
    }
}
