//! The optional target agency: "not sure" by default, or one agency found by typing
//! part of its name. Without JavaScript the search button shows the form again with
//! the matches; with it, matches appear as the citizen types (`GET /instansi?q=`).

use leptos::prelude::*;

use crate::components::choice::Choice;
use crate::i18n::{fill, t, Key};

/// How long typing must pause before a search is sent.
#[cfg(feature = "hydrate")]
const SEARCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

#[component]
pub fn AgencyPicker(
    /// The agency picked so far ("" = not sure).
    selected: Signal<String>,
    on_pick: Callback<String>,
    /// The picked agency first, then the matches of the last search.
    matches: Vec<Choice>,
    /// What was typed in the search box.
    query: Signal<String>,
    on_query: Callback<String>,
    /// True once the WASM runs (the search button is then not needed).
    ready: RwSignal<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let matches = RwSignal::new(matches);
    // Counts searches so that only the answer to the latest one is shown.
    let generation = StoredValue::new(0_u32);
    let on_search_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        on_query.run(typed.clone());
        generation.update_value(|n| *n += 1);
        #[cfg(feature = "hydrate")]
        {
            let this_search = generation.get_value();
            set_timeout(
                move || {
                    if generation.get_value() == this_search {
                        search(typed, selected, matches, generation, this_search);
                    }
                },
                SEARCH_PAUSE,
            );
        }
    };
    // A pick restored from the draft on the phone arrives without its name: search
    // again with the restored words so the picked agency is shown (and sent).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let picked = selected.get();
        let shown = matches.with_untracked(|list| list.iter().any(|c| c.value == picked));
        if !picked.is_empty() && !shown {
            generation.update_value(|n| *n += 1);
            search(
                query.get_untracked(),
                selected,
                matches,
                generation,
                generation.get_value(),
            );
        }
    });
    let no_match = move || {
        let typed = query.get();
        let searched = typed.trim().chars().count() >= 2;
        let any_besides_picked =
            matches.with(|list| list.iter().any(|c| c.value != selected.get()));
        (searched && !any_besides_picked)
            .then(|| fill(t(Key::AgencyNoMatch), &[("q", typed.trim())]))
    };
    view! {
        <fieldset class="field agency" aria-describedby="agency-help target_agency_id-error">
            <legend>{t(Key::FieldAgency)} " " <span class="optional">{t(Key::Optional)}</span></legend>
            <p class="hint" id="agency-help">{t(Key::AgencyHelp)}</p>
            <div class="choice">
                <input
                    type="radio"
                    name="target_agency_id"
                    id="target_agency_id"
                    value=""
                    checked=selected.with_untracked(String::is_empty)
                    prop:checked=move || selected.with(String::is_empty)
                    on:change=move |_| on_pick.run(String::new())
                />
                <label for="target_agency_id">{t(Key::AgencyUnsure)}</label>
            </div>
            <div class="agency-matches">
                {move || {
                    matches
                        .get()
                        .into_iter()
                        .map(|choice| view! { <AgencyOption choice selected on_pick/> })
                        .collect_view()
                }}
            </div>
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
                    value=query.get_untracked()
                    prop:value=move || query.get()
                    on:input=on_search_input
                    on:keydown=move |ev| {
                        // Enter searches; it must not send the whole report.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                        }
                    }
                />
                <button type="submit" class="button secondary" name="refresh_agency" value="1" formnovalidate hidden=move || ready.get()>
                    {t(Key::AgencySearchButton)}
                </button>
            </div>
            <p class="hint" id="agency-no-match" aria-live="polite">{no_match}</p>
            <p class="field-error" id="target_agency_id-error" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

#[component]
fn AgencyOption(
    choice: Choice,
    selected: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let id = format!("agency-{}", choice.value);
    let value = choice.value.clone();
    let is_picked = {
        let value = value.clone();
        move || selected.with(|s| *s == value)
    };
    view! {
        <div class="choice">
            <input
                type="radio"
                name="target_agency_id"
                id=id.clone()
                value=value.clone()
                checked=is_picked.clone()()
                prop:checked=is_picked
                on:change=move |_| on_pick.run(value.clone())
            />
            <label for=id>
                {choice.label}
                {choice.group.map(|keyword| view! { " " <span class="hint">"SMS: " {keyword}</span> })}
            </label>
        </div>
    }
}

/// Fetches the matches for `typed`, keeping the picked agency at the top.
#[cfg(feature = "hydrate")]
fn search(
    typed: String,
    selected: Signal<String>,
    matches: RwSignal<Vec<Choice>>,
    generation: StoredValue<u32>,
    this_search: u32,
) {
    leptos::task::spawn_local(async move {
        let found: Vec<Choice> = if typed.trim().chars().count() < 2 {
            Vec::new()
        } else {
            let url = format!("/instansi?q={}", percent_encode(typed.trim()));
            match crate::components::fetch::get_json(&url).await {
                Some(found) => found,
                // Offline or failing: keep what is shown.
                None => return,
            }
        };
        if generation.get_value() != this_search {
            return;
        }
        let picked = selected.get_untracked();
        let shown_pick = matches
            .get_untracked()
            .into_iter()
            .chain(found.iter().cloned())
            .find(|c| !picked.is_empty() && c.value == picked);
        let list = shown_pick
            .into_iter()
            .chain(found.into_iter().filter(|c| c.value != picked))
            .collect();
        matches.set(list);
    });
}

/// Percent-encodes a query value (what `encodeURIComponent` does).
#[cfg(feature = "hydrate")]
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}
