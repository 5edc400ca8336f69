//! One i18n mechanism for every text a user sees: Bahasa Indonesia by default,
//! English on request. Texts live in `app/locales/{id,en}.toml`; the build turns
//! them into the [`Key`] enum, so a missing translation fails the build.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Id,
    En,
}

/// The cookie that remembers the reader's language.
pub const LOCALE_COOKIE: &str = "lapor_lang";

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code {
            "id" => Some(Locale::Id),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The locale named in a `Cookie` header, if any.
    pub fn from_cookie_header(header: &str) -> Option<Locale> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LOCALE_COOKIE)
            .and_then(|(_, value)| Locale::from_code(value.trim()))
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::Id => Locale::En,
            Locale::En => Locale::Id,
        }
    }
}

impl Key {
    /// This text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Id => ID[self as usize],
            Locale::En => EN[self as usize],
        }
    }
}

/// The reader's locale, from context (the server and each island provide it).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// A text in the reader's language.
pub fn t(key: Key) -> &'static str {
    key.text(use_locale())
}

/// A text with `{name}` placeholders filled in.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_is_the_default_and_english_differs() {
        assert_eq!(Locale::default(), Locale::Id);
        assert_ne!(
            Key::NavReport.text(Locale::Id),
            Key::NavReport.text(Locale::En)
        );
    }

    #[test]
    fn the_language_cookie_is_read_among_others() {
        assert_eq!(
            Locale::from_cookie_header("a=1; lapor_lang=en; b=2"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_cookie_header("lapor_lang=fr"), None);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill("{n} hari kerja lagi", &[("n", "3")]),
            "3 hari kerja lagi"
        );
    }
}
