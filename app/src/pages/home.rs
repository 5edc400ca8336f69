use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::good_report::GoodReportSteps;
use crate::i18n::{t, Key};
use crate::paths;

/// The landing page: two doors, report or track.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Meta name="description" content=t(Key::MetaHome)/>
        <section class="hero">
            <h1>{t(Key::HomeHeading)}</h1>
            <p class="lead">{t(Key::HomeLead)}</p>
            <p class="actions">
                <a class="button" href=paths::REPORT>{t(Key::HomeReportButton)}</a>
                <a class="button secondary" href=paths::TRACK>{t(Key::HomeTrackButton)}</a>
            </p>
        </section>
        <section class="steps">
            <h2>{t(Key::HomeHowHeading)}</h2>
            <GoodReportSteps/>
        </section>
    }
}
