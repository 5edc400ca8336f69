//! `/simulator/sms`: a basic phone in the browser that sends SMS to 1708 and shows the
//! answers, for development, demos and trainers on a projector. On only when the server
//! is configured for it (`LAPOR_SMS_SIMULATOR`); otherwise the address does not exist.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::simulator::{SimulatedSms, SimulatorScreen};
use crate::components::field::{self, described_by, FormField};
use crate::i18n::{fill, t, Key};
use crate::model::sms::SMS_SEPTETS;
use crate::pages::not_found::NotFound;
use crate::paths;

#[component]
pub fn SmsSimulatorPage() -> impl IntoView {
    let Some(screen) = use_context::<SimulatorScreen>() else {
        return NotFound().into_any();
    };
    let empty = screen.messages.is_empty();
    let messages = screen.messages;
    let invalid = field::invalid(&screen.error);
    view! {
        <Meta name="description" content=t(Key::MetaSimulator)/>
        <h1>{t(Key::SimHeading)}</h1>
        <p>{t(Key::SimIntro)}</p>
        <div class="phone">
            // The islands router (JavaScript on) diffs the page it fetched node by node: a
            // keyed <For> is how it learns of added messages, and the hint stays in the
            // page, hidden, instead of appearing and disappearing.
            <p class="phone-empty" hidden=!empty>{t(Key::SimEmpty)}</p>
            <ol class="phone-screen" aria-live="polite" aria-label=t(Key::SimConversation)>
                <For
                    each=move || messages.clone().into_iter().enumerate()
                    key=|(at, _)| *at
                    children=|(_, sms)| bubble(sms)
                />
            </ol>
            <form method="post" action=paths::SMS_SIMULATOR class="phone-keys">
                <FormField id="nomor" label=Key::SimNumber error=screen.error.map(|key| t(key).to_string())>
                    <input
                        type="tel"
                        id="nomor"
                        name="nomor"
                        value=screen.number
                        autocomplete="off"
                        inputmode="tel"
                        maxlength="20"
                        aria-describedby=described_by("nomor", false)
                        aria-invalid=invalid
                    />
                </FormField>
                <FormField id="pesan" label=Key::SimMessage hint=Key::SimMessageHint>
                    <textarea
                        id="pesan"
                        name="pesan"
                        rows="3"
                        maxlength="5000"
                        aria-describedby=described_by("pesan", true)
                        inner_html=crate::components::text_area::textarea_html(&screen.draft)
                    ></textarea>
                </FormField>
                <button type="submit" class="button">{t(Key::SimSend)}</button>
            </form>
        </div>
    }
    .into_any()
}

fn bubble(sms: SimulatedSms) -> impl IntoView {
    let (class, who) = if sms.from_phone {
        ("sms sms-sent", t(Key::SimFromPhone))
    } else {
        ("sms sms-received", t(Key::SimFrom1708))
    };
    let size = match sms.septets {
        Some(n) => fill(
            t(Key::SimSize),
            &[("n", &n.to_string()), ("max", &SMS_SEPTETS.to_string())],
        ),
        None => t(Key::SimUnicode).to_string(),
    };
    view! {
        <li class=class>
            <span class="sms-who">{who}</span>
            <span class="sms-text">{sms.text}</span>
            <span class="sms-size">{size}</span>
        </li>
    }
}
