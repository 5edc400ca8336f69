//! A report's timeline as the public sees it.

use leptos::prelude::*;

use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::model::privacy::PublicEvent;

#[component]
pub fn Timeline(events: Vec<PublicEvent>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ol class="timeline" aria-label=t(Key::TimelineLabel)>
            {events
                .into_iter()
                .rev()
                .map(|event| {
                    view! {
                        <li>
                            <strong>{t(labels::event(event.kind))}</strong>
                            {event.agency_name.map(|name| view! { <span class="agency">" · " {name}</span> })}
                            <br/>
                            <small>{labels::timestamp(event.at, locale)}</small>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
