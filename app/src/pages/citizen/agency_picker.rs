//! The optional target agency: "not sure" by default, or one agency found by typing
//! part of its name. Without JavaScript the search button shows the form again with
//! the matches; with it, `public/js/instansi.js` (loaded on the first keystroke) shows
//! matches as the citizen types (`GET /instansi?q=`) and the button is hidden.
//! Rendered by the server only: nothing here is reactive, so it costs the WASM nothing.

use leptos::prelude::*;

use crate::components::choice::Choice;
use crate::i18n::{fill, t, Key, Locale};

#[component]
pub fn AgencyPicker(
    /// The agency picked so far ("" = not sure).
    selected: String,
    /// The picked agency first, then the matches of the last search.
    matches: Vec<Choice>,
    /// What was typed in the search box.
    query: String,
    locale: Locale,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let typed = query.trim().to_string();
    let any_besides_picked = matches.iter().any(|c| c.value != selected);
    let no_match = (typed.chars().count() >= 2 && !any_besides_picked)
        .then(|| fill(Key::AgencyNoMatch.text(locale), &[("q", &typed)]));
    let options = matches
        .into_iter()
        .map(|choice| {
            let id = format!("agency-{}", choice.value);
            let checked = choice.value == selected;
            view! {
                <div class="choice">
                    <input type="radio" name="target_agency_id" id=id.clone() value=choice.value checked=checked/>
                    <label for=id>
                        {choice.label}
                        {choice.group.map(|keyword| view! { " " <span class="hint">"SMS: " {keyword}</span> })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field agency" aria-describedby="agency-help target_agency_id-error">
            <legend>{t(Key::FieldAgency)} " " <span class="optional">{t(Key::Optional)}</span></legend>
            <p class="hint" id="agency-help">{t(Key::AgencyHelp)}</p>
            <div class="choice">
                <input type="radio" name="target_agency_id" id="target_agency_id" value="" checked=selected.is_empty()/>
                <label for="target_agency_id">{t(Key::AgencyUnsure)}</label>
            </div>
            <div class="agency-matches" id="agency-matches">{options}</div>
            <label for="agency_query">{t(Key::AgencySearch)}</label>
            <p class="hint" id="agency_query-hint">{t(Key::AgencySearchHint)}</p>
            <div class="search-row">
                <input
                    type="search"
                    id="agency_query"
                    name="agency_query"
                    maxlength="100"
                    autocomplete="off"
                    aria-describedby="agency_query-hint agency-no-match"
                    value=query
                />
                <button type="submit" class="button secondary" name="refresh_agency" value="1" formnovalidate>
                    {t(Key::AgencySearchButton)}
                </button>
            </div>
            <p class="hint" id="agency-no-match" aria-live="polite" data-no-match=Key::AgencyNoMatch.text(locale)>{no_match}</p>
            <p class="field-error" id="target_agency_id-error" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}
