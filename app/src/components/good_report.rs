//! "Cara melapor yang baik": the four steps of a good report, on the home page and on the
//! demo's printable guide.

use leptos::prelude::*;

use crate::i18n::{t, Key};

#[component]
pub fn GoodReportSteps() -> impl IntoView {
    view! {
        <ol>
            <li>{t(Key::HomeStep1)}</li>
            <li>{t(Key::HomeStep2)}</li>
            <li>{t(Key::HomeStep3)}</li>
            <li>{t(Key::HomeStep4)}</li>
        </ol>
    }
}
