//! Numbers in each locale's own conventions (130,000 / 130 000 / 130.000 / ١٣٠٬٠٠٠),
//! formatted by ICU4X. fluent-bundle's own `NUMBER()` ignores the locale, so every
//! bundle gets [`format_number`] as its formatter; plural rules are the bundle's own.

use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use icu_decimal::DecimalFormatter;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// A locale's decimal formatter, built once per bundle by Fluent's memoizer.
pub(crate) struct NumberFormat(DecimalFormatter);

impl Memoizable for NumberFormat {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _args: ()) -> Result<Self, ()> {
        let locale: icu_locale_core::Locale = lang.to_string().parse().map_err(|_| ())?;
        DecimalFormatter::try_new((&locale).into(), Default::default())
            .map(NumberFormat)
            .map_err(|_| ())
    }
}

impl NumberFormat {
    pub(crate) fn format(&self, value: f64) -> Option<String> {
        if !value.is_finite() {
            return None;
        }
        let decimal = if value.fract() == 0.0 && value.abs() < 1e15 {
            Decimal::from(value as i64)
        } else {
            Decimal::try_from_f64(value, FloatPrecision::RoundTrip).ok()?
        };
        Some(self.0.format(&decimal).to_string())
    }
}

/// The formatter hook of every bundle: numbers in the bundle's locale, the rest as Fluent does.
pub(crate) fn format_number<M: MemoizerKind>(value: &FluentValue, memoizer: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => memoizer
            .with_try_get_threadsafe::<NumberFormat, _, _>((), |f| f.format(n.value))
            .ok()
            .flatten(),
        _ => None,
    }
}

/// Formats `value` for `locale` outside a bundle (the tests' view of a bundle's numbers).
#[cfg(test)]
fn format_for(locale: &LanguageIdentifier, value: f64) -> String {
    NumberFormat::construct(locale.clone(), ())
        .ok()
        .and_then(|f| f.format(value))
        .unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(tag: &str, n: f64) -> String {
        format_for(&tag.parse().unwrap(), n)
    }

    #[test]
    fn numbers_follow_each_locale() {
        assert_eq!(fmt("en", 130000.0), "130,000");
        assert_eq!(fmt("fr", 130000.0), "130\u{202f}000");
        assert_eq!(fmt("de", 130000.0), "130.000");
        assert_eq!(fmt("hi", 130000.0), "1,30,000");
        // CLDR: Arabic in Egypt uses Arabic-Indic digits; `ar` alone uses Western ones.
        assert_eq!(fmt("ar-EG", 3.0), "٣");
        assert_eq!(fmt("ar", 3.0), "3");
        assert_eq!(fmt("en", 1.5), "1.5");
        assert_eq!(fmt("th", 2.0), "2");
    }
}
