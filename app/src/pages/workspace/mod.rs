//! The agency workspace: sign-in (`/masuk`), the queues (`/ruang-kerja`) and a
//! report's page (`/ruang-kerja/laporan/{number}`). Rendered by the server only (no
//! island: staff pages cost the citizens' WASM nothing); `public/js/ruang-kerja.js`
//! adds keyboard shortcuts, steps without reloading and live updates.

mod audit;
mod import;
mod oversight;
mod queue;
mod report;
mod sign_in;

pub use audit::AuditPage;
pub use import::ImportPage;
pub use oversight::OversightPage;
pub use queue::QueuePage;
pub use report::ReportPage;
pub use sign_in::SignInPage;

use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::components::Outlet;

use crate::api::workspace::StaffBadge;
use crate::api::ApiError;
use crate::i18n::{t, Key};
use crate::labels;
use crate::paths;

/// What every page under `/ruang-kerja` shares: the workspace's stylesheet and script
/// (linked by these pages only: the citizen's pages never load them), then the page.
#[component]
pub fn WorkspaceLayout() -> impl IntoView {
    view! {
        <Stylesheet id="ruang-kerja" href="/css/ruang-kerja.css"/>
        <script type="module" src="/js/ruang-kerja.js"></script>
        <Outlet/>
    }
}

/// The bar above every workspace page: who is signed in, and sign-out. It names the
/// workspace's addresses for the script (`data-ws-root`, `data-ws-live`).
#[component]
fn StaffBar(me: StaffBadge) -> impl IntoView {
    let place = [me.agency_name, me.unit]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <div class="staff-bar" data-ws-root=paths::WORKSPACE data-ws-live=paths::WORKSPACE_LIVE>
            <p>
                <strong data-testid="staff-name">{me.name}</strong>
                " · " {t(labels::role(me.role))}
                {(!place.is_empty()).then(|| view! { " · " <span>{place}</span> })}
                {(me.role == crate::model::Role::NationalAdmin).then(|| view! {
                    " · " <a href=paths::WORKSPACE_IMPORT>{t(Key::WsImport)}</a>
                })}
                {crate::model::oversight::may_oversee(me.role).then(|| view! {
                    " · " <a href=paths::WORKSPACE_OVERSIGHT>{t(Key::WsOversight)}</a>
                })}
            </p>
            <form method="post" action=paths::STAFF_SIGN_OUT data-whole-page>
                <button type="submit" class="link-button">{t(Key::WsSignOut)}</button>
            </form>
        </div>
    }
}

/// A workspace page that could not be shown: sign-in needed (303 to the sign-in
/// page, which comes back here), or an error with its status. `forbidden` is what
/// this page says to a role it is not for.
#[component]
fn WorkspaceFailed(error: ApiError, #[prop(optional)] forbidden: Option<Key>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    answer_failed_page(&error);
    let message = match error {
        ApiError::NotFound => Key::WsReportNotFound,
        ApiError::Refused(crate::model::TransitionError::RoleNotAllowed) => {
            forbidden.unwrap_or(Key::HttpForbidden)
        }
        other => other.message(),
    };
    view! {
        <section class="card">
            <p class="error" role="alert">{t(message)}</p>
            <p><a href=paths::WORKSPACE>{t(Key::WsBackToQueue)}</a></p>
        </section>
    }
}

/// The status of a failed workspace page; a signed-out reader is sent to sign in.
#[cfg(feature = "ssr")]
fn answer_failed_page(error: &ApiError) {
    use http::{header, HeaderValue, StatusCode};

    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if *error != ApiError::SignInRequired {
        response.set_status(error.status());
        return;
    }
    let here = use_context::<http::request::Parts>()
        .and_then(|parts| parts.uri.path_and_query().map(|p| p.to_string()))
        .unwrap_or_else(|| crate::paths::WORKSPACE.to_string());
    let target = crate::server::http::sign_in_path(&here);
    if let Ok(location) = HeaderValue::from_str(&target) {
        response.set_status(StatusCode::SEE_OTHER);
        response.insert_header(header::LOCATION, location);
    }
}
