//! "Use my location": with JavaScript and the citizen's permission, the phone's position
//! goes into two hidden fields. Nothing is read until the button is pressed, and the
//! point can be removed again. Without JavaScript the button is not shown.

use leptos::prelude::*;

use crate::i18n::{fill, t, Key};

/// What the button has done so far.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Locating {
    Idle,
    Busy,
    /// Set, with the accuracy the phone reported in metres (unknown after a reload).
    Set(Option<f64>),
    Failed,
}

#[component]
pub fn MyLocation(
    latitude: Signal<String>,
    longitude: Signal<String>,
    /// Called with (latitude, longitude); two empty strings remove the point.
    on_set: Callback<(String, String)>,
    ready: RwSignal<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let has_point = move || latitude.with(|l| !l.is_empty()) && longitude.with(|l| !l.is_empty());
    let state = RwSignal::new(if has_point() {
        Locating::Set(None)
    } else {
        Locating::Idle
    });
    let status = move || match state.get() {
        Locating::Idle => None,
        Locating::Busy => Some(t(Key::LocationLocating).to_string()),
        Locating::Failed => Some(t(Key::LocationDenied).to_string()),
        Locating::Set(accuracy) if has_point() => Some(fill(
            t(Key::LocationSet),
            &[
                ("lat", &latitude.get()),
                ("lon", &longitude.get()),
                (
                    "m",
                    &accuracy
                        .map(|m| (m.round() as i64).to_string())
                        .unwrap_or_else(|| "?".into()),
                ),
            ],
        )),
        Locating::Set(_) => None,
    };
    let locate = move |_| {
        state.set(Locating::Busy);
        request_position(on_set, state);
    };
    let clear = move |_| {
        on_set.run((String::new(), String::new()));
        state.set(Locating::Idle);
    };
    view! {
        <div class="my-location">
            <input type="hidden" name="latitude" value=latitude.get_untracked() prop:value=move || latitude.get()/>
            <input type="hidden" name="longitude" value=longitude.get_untracked() prop:value=move || longitude.get()/>
            <p class="hint" id="location-help" hidden=move || !ready.get()>{t(Key::LocationHelp)}</p>
            <p class="location-buttons" hidden=move || !ready.get()>
                <button
                    type="button"
                    class="button secondary"
                    aria-describedby="location-help"
                    disabled=move || state.get() == Locating::Busy
                    on:click=locate
                >
                    {t(Key::LocationUse)}
                </button>
                <button type="button" class="button link" hidden=move || !has_point() on:click=clear>
                    {t(Key::LocationClear)}
                </button>
            </p>
            <p class="hint" id="location-status" aria-live="polite">{status}</p>
            <p class="field-error" id="latitude-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// Asks the phone once; the answer (or the refusal) arrives in a callback.
fn request_position(on_set: Callback<(String, String)>, state: RwSignal<Locating>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::prelude::*;
        use wasm_bindgen::JsCast;

        let geolocation = web_sys::window().and_then(|w| w.navigator().geolocation().ok());
        let Some(geolocation) = geolocation else {
            state.set(Locating::Failed);
            return;
        };
        let found = Closure::once_into_js(move |position: JsValue| {
            // The stable binding's class is named `Position`; browsers call it
            // `GeolocationPosition`, so no checked cast.
            let coords = position.unchecked_into::<web_sys::Position>().coords();
            on_set.run((
                six_decimals(coords.latitude()),
                six_decimals(coords.longitude()),
            ));
            state.set(Locating::Set(Some(coords.accuracy())));
        });
        let failed = Closure::once_into_js(move |_: JsValue| state.set(Locating::Failed));
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(20_000);
        options.set_maximum_age(60_000);
        let asked = geolocation.get_current_position_with_error_callback_and_options(
            found.unchecked_ref(),
            Some(failed.unchecked_ref()),
            &options,
        );
        if asked.is_err() {
            state.set(Locating::Failed);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = on_set;
        state.set(Locating::Failed);
    }
}

/// `-7.545612` for -7.5456123: six decimals (a tenth of a metre), written without the
/// standard float formatter, which costs the browser's download several kilobytes.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn six_decimals(value: f64) -> String {
    let micro = (value * 1e6).round() as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let micro = micro.unsigned_abs();
    format!("{sign}{}.{:06}", micro / 1_000_000, micro % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::six_decimals;

    #[test]
    fn coordinates_are_written_with_six_decimals() {
        assert_eq!(six_decimals(-7.5456123), "-7.545612");
        assert_eq!(six_decimals(112.2336), "112.233600");
        assert_eq!(six_decimals(-0.5), "-0.500000");
        assert_eq!(six_decimals(0.0), "0.000000");
    }
}
