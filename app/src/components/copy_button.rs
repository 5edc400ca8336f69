//! Buttons that keep the tracking number: copy it to the clipboard and, where the phone
//! can, share it (to WhatsApp, notes, email…) with its tracking link. Without
//! JavaScript the number is still there to select by hand.

use leptos::prelude::*;

use crate::i18n::{Key, Locale};

#[island]
pub fn CopyButton(text: String, locale: Locale) -> impl IntoView {
    let copied = RwSignal::new(false);
    // Shown only once the WASM runs: without it the button could do nothing.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let can_share = RwSignal::new(false);
    Effect::new(move |_| can_share.set(share_available()));
    let copy = {
        let text = text.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                if let Some(window) = web_sys::window() {
                    let _ = window.navigator().clipboard().write_text(&text);
                    copied.set(true);
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = &text;
        }
    };
    let share = move |_| share_number(&text, locale);
    view! {
        <button type="button" class="button secondary" hidden=move || !ready.get() on:click=copy>
            {move || if copied.get() { Key::Copied.text(locale) } else { Key::CopyNumber.text(locale) }}
        </button>
        <button type="button" class="button secondary" hidden=move || !can_share.get() on:click=share>
            {Key::ShareNumber.text(locale)}
        </button>
    }
}

/// Whether this browser has the share sheet (most phones; few desktops).
fn share_available() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().is_some_and(|window| {
            wasm_bindgen_futures::js_sys::Reflect::has(&window.navigator(), &"share".into())
                .unwrap_or(false)
        })
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Opens the phone's share sheet with the number and its tracking link.
fn share_number(number: &str, locale: Locale) {
    #[cfg(feature = "hydrate")]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        let origin = window.location().origin().unwrap_or_default();
        let compact: String = number.chars().filter(|c| *c != '-').collect();
        let data = web_sys::ShareData::new();
        data.set_title(Key::ShareTitle.text(locale));
        data.set_text(&crate::i18n::fill(
            Key::ShareText.text(locale),
            &[("number", number)],
        ));
        data.set_url(&format!("{origin}/lacak/{compact}"));
        // The promise rejects when the citizen closes the sheet: nothing to do then.
        let _ = window.navigator().share_with_data(&data);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (number, locale);
}
