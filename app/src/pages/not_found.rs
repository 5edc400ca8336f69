use leptos::prelude::*;
use leptos_meta::Meta;

use crate::i18n::{t, Key};
use crate::paths;

/// Any unknown address.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Meta name="description" content=t(Key::MetaNotFound)/>
        <h1>{t(Key::NotFoundHeading)}</h1>
        <p>{t(Key::NotFoundText)}</p>
        <p><a href=paths::HOME>{t(Key::BackHome)}</a></p>
    }
}
