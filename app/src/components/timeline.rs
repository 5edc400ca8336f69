//! A report's timeline as a citizen reads it: the public one, or the reporter's own
//! (which also shows who wrote what and the texts meant for them). One list, written once.

use leptos::prelude::*;

use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::model::privacy::{PublicEvent, ReporterEvent};
use crate::model::{EventKind, Timestamp};

/// One line of a citizen's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineLine {
    pub at: Timestamp,
    pub kind: EventKind,
    pub agency_name: Option<String>,
    /// Written by the reporter reading it ("you").
    pub by_reporter: bool,
    /// The text meant for the reader, if any.
    pub body: Option<String>,
}

impl From<PublicEvent> for TimelineLine {
    fn from(event: PublicEvent) -> Self {
        TimelineLine {
            at: event.at,
            kind: event.kind,
            agency_name: event.agency_name,
            by_reporter: false,
            body: None,
        }
    }
}

impl From<ReporterEvent> for TimelineLine {
    fn from(event: ReporterEvent) -> Self {
        TimelineLine {
            at: event.at,
            kind: event.kind,
            agency_name: event.agency_name,
            by_reporter: event.by_reporter,
            body: event.body,
        }
    }
}

/// The timeline, newest first.
#[component]
pub fn Timeline(events: Vec<TimelineLine>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ol class="timeline" aria-label=t(Key::TimelineLabel)>
            {events
                .into_iter()
                .rev()
                .map(|event| {
                    view! {
                        <li class:by-reporter=event.by_reporter>
                            <strong>{t(labels::event(event.kind))}</strong>
                            {event.by_reporter.then(|| view! { <span class="agency">" · " {t(Key::ReporterYou)}</span> })}
                            {event.agency_name.map(|name| view! { <span class="agency">" · " {name}</span> })}
                            <br/>
                            <small>{labels::timestamp(event.at, locale)}</small>
                            {event.body.map(|text| view! { <p class="event-body">{text}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// Any list of events as timeline lines.
pub fn lines<E: Into<TimelineLine>>(events: Vec<E>) -> Vec<TimelineLine> {
    events.into_iter().map(Into::into).collect()
}
