use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::components::field::{self, described_by, FormField};
use crate::i18n::{t, Key};
use crate::labels;
use crate::model::TrackingNumber;
use crate::paths;

/// `/lacak`: type a tracking number. A typo is caught by the check character
/// before any lookup, with a message that says what to look at.
#[component]
pub fn LookupPage() -> impl IntoView {
    let query = use_query_map();
    let typed = query.read_untracked().get("nomor");
    let outcome = typed.as_deref().map(TrackingNumber::parse);
    // A well-formed number never reaches this page: `server::tracking::lookup` redirects it.
    let error = match outcome {
        Some(Err(error)) => Some(labels::tracking_error(error)),
        _ => None,
    };
    view! {
        <Meta name="description" content=t(Key::MetaLookup)/>
        <LookupForm typed=typed.unwrap_or_default() error/>
    }
}

/// The tracking-number form, also shown on a failed lookup.
#[component]
pub fn LookupForm(typed: String, error: Option<Key>) -> impl IntoView {
    let invalid = field::invalid(&error);
    view! {
        <h1>{t(Key::TrackHeading)}</h1>
        <form method="get" action=paths::TRACK class="lookup-form">
            <FormField id="nomor" label=Key::TrackNumberLabel hint=Key::TrackNumberHint error=error.map(|key| t(key).to_string())>
                <input
                    type="text"
                    id="nomor"
                    name="nomor"
                    value=typed
                    autocapitalize="characters"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength="20"
                    aria-describedby=described_by("nomor", true)
                    aria-invalid=invalid
                />
            </FormField>
            <button type="submit" class="button">{t(Key::TrackSubmit)}</button>
        </form>
    }
}
