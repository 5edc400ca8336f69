//! `/laporan-saya`: the reports this phone sent, with their latest known status, and
//! those still waiting to be sent. The list lives on the phone only (`localStorage`,
//! written by `public/js/antrean.js`), so the server renders the frame and the texts the
//! script fills it with; without JavaScript there is nothing on the phone to list.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::i18n::{t, Key};
use crate::paths;

#[component]
pub fn MyReportsPage() -> impl IntoView {
    view! {
        <Meta name="description" content=t(Key::MetaMine)/>
        <h1>{t(Key::PwaMineHeading)}</h1>
        <p>{t(Key::PwaMineIntro)}</p>
        <p id="laporan-saya-kosong" data-testid="my-reports-empty">{t(Key::PwaMineEmpty)}</p>
        <ol
            id="laporan-saya"
            class="my-reports"
            data-testid="my-reports"
            data-waiting=t(Key::PwaMineWaiting)
            data-checked=t(Key::PwaMineChecked)
            data-unknown=t(Key::PwaMineUnknown)
            data-track=paths::TRACK
        ></ol>
        <p><a href=paths::REPORT>{t(Key::NavReport)}</a></p>
        <script type="module" src="/js/antrean.js"></script>
    }
}
