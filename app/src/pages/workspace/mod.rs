//! The agency workspace: sign-in (`/masuk`), the queues (`/ruang-kerja`) and a
//! report's page (`/ruang-kerja/laporan/{number}`). Rendered by the server only (no
//! island: staff pages cost the citizens' WASM nothing); `public/js/ruang-kerja.js`
//! adds keyboard shortcuts, steps without reloading and live updates.

mod audit;
pub mod queue;
mod report;
mod sign_in;

pub use audit::AuditPage;
pub use queue::QueuePage;
pub use report::ReportPage;
pub use sign_in::{SignInNotice, SignInPage};

use leptos::prelude::*;
use leptos_meta::Stylesheet;

use crate::api::workspace::StaffBadge;
use crate::api::ApiError;
use crate::i18n::{t, Key};
use crate::labels;

/// The bar above every workspace page: who is signed in, and sign-out.
#[component]
fn StaffBar(me: StaffBadge) -> impl IntoView {
    let place = [me.agency_name, me.unit]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <div class="staff-bar">
            <p>
                <strong data-testid="staff-name">{me.name}</strong>
                " · " {t(labels::role(me.role))}
                {(!place.is_empty()).then(|| view! { " · " <span>{place}</span> })}
            </p>
            <form method="post" action="/keluar">
                <button type="submit" class="link-button">{t(Key::WsSignOut)}</button>
            </form>
        </div>
        <Stylesheet id="ruang-kerja" href="/css/ruang-kerja.css"/>
        <script type="module" src="/js/ruang-kerja.js"></script>
    }
}

/// A workspace page that could not be shown: sign-in needed (with a redirect), or an error.
#[component]
fn WorkspaceFailed(error: ApiError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if error == ApiError::SignInRequired {
            leptos_axum::redirect("/masuk");
        } else if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.page_status());
        }
    }
    let message = match error {
        ApiError::NotFound => Key::WsReportNotFound,
        other => other.message(),
    };
    view! {
        <section class="card">
            <p class="error" role="alert">{t(message)}</p>
            <p><a href="/ruang-kerja">{t(Key::WsBackToQueue)}</a></p>
        </section>
    }
}
