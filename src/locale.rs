//! Locales: BCP 47 tags as the names of `locales/` directories, their canonical form,
//! writing direction, and the few facts about languages the program needs (own names
//! for new editions, scripts written without spaces).

use std::fmt;
use unic_langid::{CharacterDirection, LanguageIdentifier};

/// One language edition's locale.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Locale {
    /// Canonical BCP 47 tag (`zh-Hans`, `en-US`), used in paths, URLs and `lang`.
    pub tag: String,
    pub langid: LanguageIdentifier,
}

/// A locale of a loaded site: its place in `Project::locales` (sorted by tag). Only the
/// project makes them, so a page's position cannot be passed for a locale's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocaleId(usize);

impl LocaleId {
    pub(crate) fn from_index(index: usize) -> LocaleId {
        LocaleId(index)
    }

    /// The position in `Project::locales`.
    pub fn index(self) -> usize {
        self.0
    }
}

/// One value for each locale of a site, in the order of `Project::locales`, indexed by
/// [`LocaleId`] only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PerLocale<T>(Vec<T>);

impl<T> PerLocale<T> {
    /// The values of `count` locales (`Project::locales.len()`), each made from its id.
    pub fn from_fn(count: usize, f: impl FnMut(LocaleId) -> T) -> PerLocale<T> {
        PerLocale((0..count).map(LocaleId).map(f).collect())
    }

    pub fn get(&self, locale: LocaleId) -> Option<&T> {
        self.0.get(locale.0)
    }

    pub fn get_mut(&mut self, locale: LocaleId) -> Option<&mut T> {
        self.0.get_mut(locale.0)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each locale's id and value, in locale order.
    pub fn iter(&self) -> impl Iterator<Item = (LocaleId, &T)> {
        self.0.iter().enumerate().map(|(i, v)| (LocaleId(i), v))
    }

    /// The values, in locale order.
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerLocale<U> {
        PerLocale(self.0.into_iter().map(f).collect())
    }
}

impl<T> std::ops::Index<LocaleId> for PerLocale<T> {
    type Output = T;

    fn index(&self, locale: LocaleId) -> &T {
        &self.0[locale.0]
    }
}

impl<T> std::ops::IndexMut<LocaleId> for PerLocale<T> {
    fn index_mut(&mut self, locale: LocaleId) -> &mut T {
        &mut self.0[locale.0]
    }
}

/// Direction of a locale's script, as HTML's `dir` attribute spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Why a string is not a usable locale tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadTag {
    pub tag: String,
    pub reason: String,
}

impl fmt::Display for BadTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a BCP 47 language tag: {}",
            self.tag, self.reason
        )
    }
}

impl Locale {
    /// Parses and canonicalises a tag (`zh-hans` → `zh-Hans`). Rejects what unic-langid
    /// accepts but no reader could use: languages that are not 2–3 letters (`english`).
    pub fn parse(tag: &str) -> Result<Locale, BadTag> {
        let bad = |reason: &str| BadTag {
            tag: tag.to_string(),
            reason: reason.to_string(),
        };
        if tag.is_empty() {
            return Err(bad("it is empty"));
        }
        if tag.contains('_') {
            return Err(match Locale::parse(&tag.replace('_', "-")) {
                Ok(l) => bad(&format!(
                    "use `-`, not `_`, between the parts: did you mean `{}`?",
                    l.tag
                )),
                Err(_) => bad("use `-`, not `_`, between the parts (e.g. `pt-BR`)"),
            });
        }
        let langid: LanguageIdentifier = tag.parse().map_err(|e| bad(&format!("{e}")))?;
        let lang = langid.language.as_str();
        if !(2..=3).contains(&lang.len()) || lang == "und" {
            return Err(bad(
                "the language subtag must be a 2- or 3-letter ISO 639 code",
            ));
        }
        Ok(Locale {
            tag: langid.to_string(),
            langid,
        })
    }

    pub fn direction(&self) -> Direction {
        match self.langid.character_direction() {
            CharacterDirection::RTL => Direction::Rtl,
            // Vertical scripts (mn-Mong) are laid out horizontally on the web by default.
            _ => Direction::Ltr,
        }
    }

    /// Korean separates words with spaces, so lines break only at spaces (CSS `word-break: keep-all`).
    pub fn keeps_words_whole(&self) -> bool {
        self.langid.language.as_str() == "ko"
    }

    /// The language's own name from the built-in table, used when a new edition is created.
    pub fn autonym(&self) -> Option<&'static str> {
        let lang = self.langid.language.as_str();
        let script = self.langid.script.map(|s| s.as_str().to_string());
        let region = self.langid.region.map(|r| r.as_str().to_string());
        if lang == "zh" {
            let traditional = script.as_deref() == Some("Hant")
                || (script.is_none() && matches!(region.as_deref(), Some("TW" | "HK" | "MO")));
            return Some(if traditional {
                "繁體中文"
            } else {
                "简体中文"
            });
        }
        AUTONYMS
            .iter()
            .find(|(code, _)| *code == lang)
            .map(|(_, name)| *name)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

/// Languages' names in themselves (CLDR), for `new-locale` templates. Each edition's
/// `site.ftl` has the final say through its `language-name` message.
const AUTONYMS: &[(&str, &str)] = &[
    ("af", "Afrikaans"),
    ("am", "አማርኛ"),
    ("ar", "العربية"),
    ("az", "azərbaycan"),
    ("be", "беларуская"),
    ("bg", "български"),
    ("bn", "বাংলা"),
    ("bo", "བོད་སྐད་"),
    ("bs", "bosanski"),
    ("ca", "català"),
    ("cs", "čeština"),
    ("cy", "Cymraeg"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("eo", "esperanto"),
    ("es", "Español"),
    ("et", "eesti"),
    ("eu", "euskara"),
    ("fa", "فارسی"),
    ("fi", "suomi"),
    ("fil", "Filipino"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("gl", "galego"),
    ("gu", "ગુજરાતી"),
    ("ha", "Hausa"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hr", "hrvatski"),
    ("hu", "magyar"),
    ("hy", "հայերեն"),
    ("id", "Bahasa Indonesia"),
    ("ig", "Igbo"),
    ("is", "íslenska"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ka", "ქართული"),
    ("kk", "қазақ тілі"),
    ("km", "ខ្មែរ"),
    ("kn", "ಕನ್ನಡ"),
    ("ko", "한국어"),
    ("ku", "kurdî"),
    ("ky", "кыргызча"),
    ("lo", "ລາວ"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("mk", "македонски"),
    ("ml", "മലയാളം"),
    ("mn", "монгол"),
    ("mr", "मराठी"),
    ("ms", "Bahasa Melayu"),
    ("my", "မြန်မာ"),
    ("ne", "नेपाली"),
    ("nl", "Nederlands"),
    ("no", "norsk"),
    ("nb", "norsk bokmål"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pl", "polski"),
    ("ps", "پښتو"),
    ("pt", "Português"),
    ("ro", "română"),
    ("ru", "Русский"),
    ("rw", "Kinyarwanda"),
    ("si", "සිංහල"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("so", "Soomaali"),
    ("sq", "shqip"),
    ("sr", "српски"),
    ("sv", "svenska"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("te", "తెలుగు"),
    ("tg", "тоҷикӣ"),
    ("th", "ไทย"),
    ("ti", "ትግርኛ"),
    ("tk", "türkmen dili"),
    ("tr", "Türkçe"),
    ("ug", "ئۇيغۇرچە"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("uz", "oʻzbek"),
    ("vi", "Tiếng Việt"),
    ("yo", "Èdè Yorùbá"),
    ("yue", "粵語"),
    ("zu", "isiZulu"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalises_tags() {
        assert_eq!(Locale::parse("zh-hans").unwrap().tag, "zh-Hans");
        assert_eq!(Locale::parse("EN-us").unwrap().tag, "en-US");
    }

    #[test]
    fn rejects_nonsense_and_underscores() {
        assert!(Locale::parse("english").is_err());
        assert!(Locale::parse("pt_BR").is_err());
        assert!(Locale::parse("").is_err());
        assert!(Locale::parse("x").is_err());
    }

    #[test]
    fn directions() {
        assert_eq!(Locale::parse("ar").unwrap().direction(), Direction::Rtl);
        assert_eq!(Locale::parse("he").unwrap().direction(), Direction::Rtl);
        assert_eq!(Locale::parse("ko").unwrap().direction(), Direction::Ltr);
        assert_eq!(
            Locale::parse("mn-Mong").unwrap().direction(),
            Direction::Ltr
        );
    }

    #[test]
    fn autonyms() {
        assert_eq!(Locale::parse("ko").unwrap().autonym(), Some("한국어"));
        assert_eq!(
            Locale::parse("zh-Hant").unwrap().autonym(),
            Some("繁體中文")
        );
        assert_eq!(
            Locale::parse("zh-Hans").unwrap().autonym(),
            Some("简体中文")
        );
        assert_eq!(Locale::parse("ar-EG").unwrap().autonym(), Some("العربية"));
    }
}
