use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::api::citizen::{fetch_one_time_pin, fetch_receipt};
use crate::components::copy_button::CopyButton;
use crate::components::deadline::DeadlineBadge;
use crate::components::draft::ForgetDraft;
use crate::i18n::{t, use_locale, Key};
use crate::paths;

/// `/lapor/terkirim/{number}`: the tracking number, big and copyable, and what happens next.
#[component]
pub fn SentPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let receipt = Resource::new_blocking(number, fetch_receipt);
    let pin = Resource::new_blocking(number, fetch_one_time_pin);
    view! {
        <Meta name="description" content=t(Key::MetaSent)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let pin = pin.await.ok().flatten();
                match receipt.await {
                    Ok(receipt) => view! {
                        <section class="receipt" aria-labelledby="receipt-heading">
                            <ForgetDraft/>
                            <h1 id="receipt-heading">{t(Key::SentHeading)}</h1>
                            <p>{t(Key::SentKeepNumber)}</p>
                            <p class="tracking-number" data-testid="tracking-number">{receipt.tracking_number.clone()}</p>
                            <p class="actions">
                                <CopyButton text=receipt.tracking_number.clone() locale/>
                                <a class="button secondary" href=paths::track(&receipt.compact)>
                                    {t(Key::SentTrackLink)}
                                </a>
                            </p>
                            <ReporterPin pin/>
                            <h2>{t(Key::SentNextHeading)}</h2>
                            <DeadlineBadge deadline=receipt.verify_by/>
                            <ol class="next-steps">
                                <li>{t(Key::SentNext1)}</li>
                                <li>{t(Key::SentNext2)}</li>
                                <li>{t(Key::SentNext3)}</li>
                            </ol>
                            <p><a href=paths::MY_REPORTS data-testid="my-reports-link">{t(Key::PwaMineLink)}</a></p>
                            // This phone remembers the report ("Laporan saya").
                            <span hidden id="terkirim" data-number=receipt.compact.clone()></span>
                            <script type="module" src="/js/antrean.js"></script>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! {
                        <h1>{t(Key::SentUnknownHeading)}</h1>
                        <p class="error" role="alert">{t(error.message())}</p>
                        <p><a href=paths::TRACK>{t(Key::NavTrack)}</a></p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The PIN, big, with what it is for; or a note that it was shown before.
#[component]
fn ReporterPin(pin: Option<String>) -> impl IntoView {
    match pin {
        Some(pin) => view! {
            <section class="reporter-pin" aria-labelledby="pin-heading">
                <h2 id="pin-heading">{t(Key::SentPinHeading)}</h2>
                <p class="pin" data-testid="reporter-pin">{pin}</p>
                <p class="notice" role="note">{t(Key::SentPinKeep)}</p>
            </section>
        }
        .into_any(),
        None => {
            view! { <p class="hint" data-testid="pin-shown">{t(Key::SentPinShown)}</p> }.into_any()
        }
    }
}
