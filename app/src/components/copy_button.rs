//! A button that copies a text (the tracking number) to the clipboard. Without
//! JavaScript the text is still there to select by hand.

use leptos::prelude::*;

use crate::i18n::{Key, Locale};

#[island]
pub fn CopyButton(text: String, locale: Locale) -> impl IntoView {
    let copied = RwSignal::new(false);
    // Shown only once the WASM runs: without it the button could do nothing.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    view! {
        <button type="button" class="button secondary" hidden=move || !ready.get() on:click=copy>
            {move || if copied.get() { Key::Copied.text(locale) } else { Key::CopyNumber.text(locale) }}
        </button>
    }
}
