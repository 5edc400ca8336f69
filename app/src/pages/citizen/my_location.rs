//! "Use my location": with JavaScript and the citizen's permission, the phone's position
//! goes into two hidden fields. Nothing is read until the button is pressed
//! (`public/js/lokasi.js`, loaded on the first press), and the point can be removed
//! again. Without JavaScript (or without geolocation) the buttons stay hidden.
//! Rendered by the server only: nothing here is reactive, so it costs the WASM nothing.

use leptos::prelude::*;

use crate::i18n::{t, Key, Locale};

#[component]
pub fn MyLocation(
    latitude: String,
    longitude: String,
    locale: Locale,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let has_point = !latitude.is_empty() && !longitude.is_empty();
    view! {
        <div class="my-location">
            <input type="hidden" name="latitude" id="latitude" value=latitude/>
            <input type="hidden" name="longitude" id="longitude" value=longitude/>
            <p class="hint" id="location-help" hidden data-needs-geolocation="">{t(Key::LocationHelp)}</p>
            <p class="location-buttons" hidden data-needs-geolocation="">
                <button
                    type="button"
                    class="button secondary"
                    id="location-use"
                    aria-describedby="location-help"
                    data-locating=Key::LocationLocating.text(locale)
                    data-set=Key::LocationSet.text(locale)
                    data-denied=Key::LocationDenied.text(locale)
                >
                    {t(Key::LocationUse)}
                </button>
                <button type="button" class="button link" id="location-clear" hidden=!has_point>
                    {t(Key::LocationClear)}
                </button>
            </p>
            <p class="hint" id="location-status" aria-live="polite"></p>
            <p class="field-error" id="latitude-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
