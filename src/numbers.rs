//! Numbers as each language writes them: digits of every script (Arabic-Indic,
//! Devanagari, Thai, fullwidth …), the grouping conventions (130,000 = 130.000 =
//! 130 000 = ١٣٠٬٠٠٠) and the CJK units after digits (13万 = 13만 = 130,000), read into
//! their values — what `number-mismatch` compares between a source segment and its
//! translation. A reader of text, not a check: the check is in `checks::translation`.

/// The zeros of the blocks of ten decimal digits outside ASCII, in order.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// The value of a decimal digit of any script (Arabic-Indic, Devanagari, Thai, fullwidth …).
fn digit_value(c: char) -> Option<char> {
    if c.is_ascii() {
        return c.is_ascii_digit().then_some(c);
    }
    let cp = c as u32;
    // Latin, Greek, Cyrillic, CJK, Hangul …: outside every block of digits.
    if cp < 0x0660 || (0x181A..0xFF10).contains(&cp) || cp > 0xFF19 {
        return None;
    }
    // The block of ten digits that could hold `c`: the last zero at or below it.
    let i = DIGIT_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    // Beyond the ninth digit `from_digit` gives nothing.
    char::from_digit(cp - zero, 10)
}

/// Whether `b` may begin a decimal digit: an ASCII digit, or the lead byte of U+0660..
/// U+1819 (D9..E1) or of the fullwidth digits (EF).
fn may_start_digit(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10 || b.wrapping_sub(0xD9) < 9 || b == 0xEF
}

/// Whether the character `bytes` starts with may be a digit, judged from its first two
/// bytes: the blocks of ten digits (see `digit_value`) seen in UTF-8.
fn may_be_digit(bytes: &[u8]) -> bool {
    let second = bytes.get(1).copied().unwrap_or(0);
    match bytes.first() {
        Some(b'0'..=b'9') => true,
        // U+0660, U+06F0, U+07C0
        Some(0xD9) => (0xA0..=0xA9).contains(&second),
        Some(0xDB) => (0xB0..=0xB9).contains(&second),
        Some(0xDF) => (0x80..=0x89).contains(&second),
        // U+0966 … U+0F20: Devanagari to Tibetan
        Some(0xE0) => matches!(
            second,
            0xA5 | 0xA7 | 0xA9 | 0xAB | 0xAD | 0xAF | 0xB1 | 0xB3 | 0xB5 | 0xB9 | 0xBB | 0xBC
        ),
        // U+1040 Myanmar, U+17E0 Khmer, U+1810 Mongolian
        Some(0xE1) => matches!(second, 0x81 | 0x9F | 0xA0),
        // U+FF10 fullwidth
        Some(0xEF) => second == 0xBC,
        _ => false,
    }
}

/// The first byte of `bytes` that may begin a digit. Blocks of 32 bytes are tested whole
/// (without an early exit, which lets the compiler use vector instructions) and only a
/// block with a candidate is searched byte by byte.
fn next_digit_start(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(32);
    let mut base = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |hit, &b| hit | may_start_digit(b)) {
            return block
                .iter()
                .position(|&b| may_start_digit(b))
                .map(|i| base + i);
        }
        base += 32;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| may_start_digit(b))
        .map(|i| base + i)
}

/// Numbers in a text as their digits alone: grouping and decimal separators between
/// digits are dropped, so 130,000 = 130.000 = 130 000 = ١٣٠٬٠٠٠ = ๑๓๐,๐๐๐ = １３０，０００
/// → "130000", and a CJK unit after the digits is multiplied out, so 13万 = 13만 =
/// 130,000 → "130000" (see `with_units`).
pub(crate) fn numbers(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        if current.is_empty() {
            // Outside a number only a byte that may start a digit matters: Latin,
            // Cyrillic, Han and Hangul text is skipped without decoding it. Lead bytes
            // are never inside a character, so `i` stays on a character boundary.
            match next_digit_start(&bytes[i..]) {
                Some(skip) => i += skip,
                None => break,
            }
            // Arabic and Thai letters share lead bytes with digits: the second byte
            // rules most of them out without decoding. Skipping one byte lands on a
            // continuation byte, which the next search passes over.
            if !may_be_digit(&bytes[i..]) {
                i += 1;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        if let Some(d) = digit_value(c) {
            if current.is_empty() {
                start = i;
            }
            current.push(d);
            i = next;
            continue;
        }
        if current.is_empty() {
            i = next;
            continue;
        }
        if !separator_continues(c, &text[next..]) {
            out.push(Run {
                digits: std::mem::take(&mut current),
                start,
                end: i,
            });
        }
        i = next;
    }
    if !current.is_empty() {
        out.push(Run {
            digits: current,
            start,
            end: text.len(),
        });
    }
    with_units(text, out)
}

/// Whether the non-digit `c` right after a digit, followed by `ahead`, is a separator
/// inside the number (130,000; 130 000; 1.5) rather than its end.
fn separator_continues(c: char, ahead: &str) -> bool {
    let separator = matches!(
        c,
        ',' | '.'
            | '\''
            | ' '
            | '\u{a0}'
            | '\u{202f}'
            | '\u{2009}'
            | '\u{66b}'
            | '\u{66c}'
            | '’'
            | '，'
    );
    separator && {
        let mut ahead = ahead.chars();
        let digits = ahead
            .by_ref()
            .take(3)
            .take_while(|c| digit_value(*c).is_some())
            .count();
        // A space (or the fullwidth comma, which is also the comma of Chinese
        // sentences) only groups digits when exactly three follow (130 000), not
        // between two numbers (2008 2012).
        digits >= 1
            && (!(c.is_whitespace() || c == '，')
                || digits == 3 && ahead.next().is_none_or(|c| digit_value(c).is_none()))
    }
}

/// A run of digits found by the scan: its digits alone, and the byte range of `text`
/// from its first digit to just after its last.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    digits: String,
    start: usize,
    end: usize,
}

/// The multiplier of a CJK numeral unit written after digits, as a power of ten.
/// `large` units (myriads and up) may be followed by a smaller part of the same
/// number (1億3000万, 1만 5천).
fn unit_power(c: char) -> Option<(u32, bool)> {
    Some(match c {
        // 百 and 千 (also in Japanese and Korean Han), 백 and 천 in Hangul.
        '百' | '백' => (2, false),
        '千' | '천' => (3, false),
        // The myriad: 万 (Japanese, simplified Chinese), 萬 (traditional), 만 (Korean).
        '万' | '萬' | '만' => (4, true),
        // 10^8: 億 (Japanese, traditional), 亿 (simplified), 억 (Korean).
        '億' | '亿' | '억' => (8, true),
        // 10^12: 兆 (Japanese), 조 (Korean).
        '兆' | '조' => (12, true),
        _ => return None,
    })
}

/// Numbers written with CJK units after their digits (13万 = 130000, 13만~20만,
/// 1.5万 = 15000, 5천만 = 50000000, 1億3000万 = 130000000) replaced by their values;
/// every other run is kept as its digits.
fn with_units(text: &str, runs: Vec<Run>) -> Vec<String> {
    // Most texts have no unit after any number: nothing to do.
    if !runs
        .iter()
        .any(|r| text[r.end..].chars().next().and_then(unit_power).is_some())
    {
        return runs.into_iter().map(|r| r.digits).collect();
    }
    let mut out: Vec<String> = Vec::with_capacity(runs.len());
    // A number being built that ends with a large unit: its value so far, the power of
    // its last large unit, and the byte after it.
    let mut open: Option<(u128, u32, usize)> = None;
    for run in runs {
        let unit = units_after(text, &run);
        let value = unit.and_then(|u| scaled(text, &run, u.power));
        if let Some((before, smallest, end)) = open {
            // The next part of the same number follows the unit at once (or after one
            // space, as Korean writes 1억 3000만) and is smaller than it.
            let between = &text[end..run.start];
            let adjacent = between.is_empty() || (between == " " && unit.is_some());
            let part = match unit {
                Some(_) => value,
                None if run.digits.len() < 30 => run.digits.parse::<u128>().ok(),
                None => None,
            };
            if adjacent
                && unit.map_or(0, |u| u.power) < smallest
                && let Some(total) = part.and_then(|p| before.checked_add(p))
            {
                match unit {
                    Some(u) if u.large => open = Some((total, u.power, u.end)),
                    _ => {
                        out.push(total.to_string());
                        open = None;
                    }
                }
                continue;
            }
            out.push(before.to_string());
            open = None;
        }
        match (value, unit) {
            (Some(v), Some(u)) if u.large => open = Some((v, u.power, u.end)),
            (Some(v), _) => out.push(v.to_string()),
            _ => out.push(run.digits),
        }
    }
    if let Some((before, _, _)) = open {
        out.push(before.to_string());
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    /// The power of ten of all the units after the digits (千万 = 7).
    power: u32,
    /// Whether the last of them is a myriad or larger.
    large: bool,
    /// The byte after the last unit.
    end: usize,
}

/// The units right after `run` (one small unit, then at most one large one: 千, 万,
/// 千万, 천만), if any.
fn units_after(text: &str, run: &Run) -> Option<Unit> {
    let mut chars = text[run.end..].char_indices();
    let (_, first) = chars.next()?;
    let (mut power, mut large) = unit_power(first)?;
    let mut end = run.end + first.len_utf8();
    if !large
        && let Some((i, c)) = chars.next()
        && let Some((p, true)) = unit_power(c)
    {
        power += p;
        large = true;
        end = run.end + i + c.len_utf8();
    }
    Some(Unit { power, large, end })
}

/// The value of `run` times 10^`power`, reading a final separator followed by one or
/// two digits as a decimal point (1.5万, 2,5万); `None` when that is not a whole number
/// or too large to compute.
fn scaled(text: &str, run: &Run, power: u32) -> Option<u128> {
    let written = &text[run.start..run.end];
    let fraction = written
        .char_indices()
        .rfind(|(_, c)| digit_value(*c).is_none())
        .map(|(i, c)| {
            written[i + c.len_utf8()..]
                .chars()
                .filter(|c| digit_value(*c).is_some())
                .count()
        })
        .filter(|&n| n < 3)
        .unwrap_or(0) as u32;
    if fraction > power || run.digits.len() > 24 {
        return None;
    }
    let digits: u128 = run.digits.parse().ok()?;
    digits.checked_mul(10u128.checked_pow(power - fraction)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ignore_grouping_conventions() {
        assert_eq!(
            numbers("between 130,000-200,000 North Koreans"),
            vec!["130000", "200000"]
        );
        assert_eq!(
            numbers("entre 130\u{202f}000 et 200\u{a0}000"),
            vec!["130000", "200000"]
        );
        assert_eq!(numbers("entre 130.000 y 200.000"), vec!["130000", "200000"]);
        assert_eq!(numbers("١٣٠٬٠٠٠"), vec!["130000"]);
        assert_eq!(numbers("in 2008 and 2012"), vec!["2008", "2012"]);
        assert_eq!(numbers("2008 2012"), vec!["2008", "2012"]);
        assert_eq!(numbers("70%와 3등급"), vec!["70", "3"]);
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        let en = numbers("between 130,000-200,000 North Koreans");
        for text in [
            "13만~20만 명",
            "13万至20万名",
            "13万～20万人",
            "13萬至20萬名",
            "130,000 ถึง 200,000 คน",
            "๑๓๐,๐๐๐ ถึง ๒๐๐,๐๐๐ คน",
            "١٣٠٬٠٠٠ و٢٠٠٬٠٠٠",
            "۱۳۰٬۰۰۰ تا ۲۰۰٬۰۰۰",
            "１３万～２０万人",
            "１３０，０００～２００，０００人",
            "130 000 à 200\u{a0}000",
            "130\u{202f}000 et 200 000",
            "130.000 y 200.000",
            "13.0万至20万",
        ] {
            assert_eq!(numbers(text), en, "{text}");
        }
        assert_eq!(numbers("70퍼센트"), vec!["70"]);
        assert_eq!(numbers("1.5万人"), vec!["15000"]);
        assert_eq!(numbers("2,5만"), vec!["25000"]);
        assert_eq!(numbers("1,000万"), vec!["10000000"]);
        assert_eq!(numbers("3千人"), vec!["3000"]);
        assert_eq!(numbers("5천만 명"), vec!["50000000"]);
        assert_eq!(numbers("5千万"), vec!["50000000"]);
        assert_eq!(numbers("3백만"), vec!["3000000"]);
        assert_eq!(numbers("1億3000万円"), vec!["130000000"]);
        assert_eq!(numbers("1억 3000만 원"), vec!["130000000"]);
        assert_eq!(numbers("1亿3千万"), vec!["130000000"]);
        assert_eq!(numbers("1万5000人"), vec!["15000"]);
        assert_eq!(numbers("2조"), vec!["2000000000000"]);
        // Years, ordinals and other numbers next to Han and Hangul stay as written.
        assert_eq!(numbers("2004年と2008年"), vec!["2004", "2008"]);
        assert_eq!(numbers("3등급 국가"), vec!["3"]);
        assert_eq!(numbers("第3级"), vec!["3"]);
        // A fullwidth comma between numbers is the sentence's comma.
        assert_eq!(numbers("2008，2012"), vec!["2008", "2012"]);
    }

    #[test]
    fn numbers_still_catch_a_changed_number() {
        let en = numbers("between 130,000-200,000 North Koreans");
        for text in [
            "12万至20万名",
            "13万至21万名",
            "13천~20만 명",
            "13~20만 명",
            "1.3万至20万",
            "130万至200万",
            "13億",
            "๑๒๐,๐๐๐ ถึง ๒๐๐,๐๐๐ คน",
            "١٢٠٬٠٠٠ و٢٠٠٬٠٠٠",
            "１３，０００～２００，０００人",
        ] {
            assert_ne!(numbers(text), en, "{text}");
        }
        assert_eq!(
            numbers("13 万"),
            vec!["13"],
            "a unit follows its digits at once"
        );
        assert_eq!(numbers("1억 2억"), vec!["100000000", "200000000"]);
        assert_eq!(numbers("1万 5000"), vec!["10000", "5000"]);
    }

    /// The character-by-character scan `numbers` replaced, as the reference it must agree
    /// with.
    fn numbers_by_char(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if let Some(d) = digit_value(c) {
                if current.is_empty() {
                    start = i;
                }
                current.push(d);
                continue;
            }
            if current.is_empty() {
                continue;
            }
            if !separator_continues(c, &text[i + c.len_utf8()..]) {
                out.push(Run {
                    digits: std::mem::take(&mut current),
                    start,
                    end: i,
                });
            }
        }
        if !current.is_empty() {
            out.push(Run {
                digits: current,
                start,
                end: text.len(),
            });
        }
        with_units(text, out)
    }

    #[test]
    fn numbers_agree_with_the_char_scan_for_every_character() {
        // Every Basic Multilingual Plane character alone, and between two ASCII digits
        // (where it may join or split a number).
        for c in ('\0'..='\u{FFFF}').chain('\u{10000}'..='\u{10FFF}') {
            let alone = c.to_string();
            assert_eq!(numbers(&alone), numbers_by_char(&alone), "{c:?}");
            let between = format!("1{c}234");
            assert_eq!(numbers(&between), numbers_by_char(&between), "{c:?}");
        }
        // Every digit of every block is one.
        for &zero in DIGIT_ZEROS {
            for d in 0..10 {
                let c = char::from_u32(zero + d).unwrap();
                assert_eq!(numbers(&format!("x{c}x")), vec![d.to_string()], "{c:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]

        /// Digits of every script, separators, and letters whose UTF-8 lead bytes are
        /// next to the digits' (Arabic, Thai, Myanmar, Khmer, fullwidth forms).
        #[test]
        fn numbers_agree_with_the_char_scan(text in "[0-9,.' \\u{a0}\\u{202f}\\u{66b}\\u{66c}’a-zé한中كلمڀ-ڿ٠-٩۰-۹߀-߉ހ-ޥ०-९অ-হ০-৯๐-๙ก-ฮເ-ໄ໐-໙༠-༩၀-၉က-အ០-៩ក-អ᠐-᠙ᠠ-ᡂ０-９Ａ-Ｚ]{0,100}") {
            proptest::prop_assert_eq!(numbers(&text), numbers_by_char(&text));
        }
    }
}
