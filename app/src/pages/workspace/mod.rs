//! The agency workspace: sign-in (`/masuk`), the queues (`/ruang-kerja`), a report's
//! page (`/ruang-kerja/laporan/{number}`), the audit and oversight pages.
//!
//! The pages under `/ruang-kerja` are one island, [`WorkspaceFace`], that only the staff
//! bundle carries (the app crate's `staff` feature; `frontend-staff`): the server renders
//! it at each address, and in the browser it holds the workspace's client router, so
//! moving between its pages fetches data through the server functions, never a page.
//! Without JavaScript every link and form is an ordinary one.

mod account;
mod audit;
mod bulk;
mod dashboard;
mod frame;
mod import;
mod oversight;
mod queue;
mod report;
mod sign_in;

pub use account::AccountPage;
pub use audit::AuditPage;
pub use dashboard::DashboardPage;
pub use frame::{StaffFrame, StaffFrameStatic};
pub use import::ImportPage;
pub use oversight::OversightPage;
pub use queue::QueuePage;
pub use report::ReportPage;
pub use sign_in::SignInPage;

use leptos::prelude::*;
use leptos_meta::Stylesheet;
use leptos_router::components::Outlet;

use crate::api::ApiError;
use crate::i18n::{t, Key};
use crate::labels;
use crate::paths;

/// What every page under `/ruang-kerja` shares: the workspace's stylesheet (linked by
/// these pages only: the citizen's pages never load it), then the page.
#[component]
pub fn WorkspaceLayout() -> impl IntoView {
    view! {
        <Stylesheet id="ruang-kerja" href="/css/ruang-kerja.css"/>
        <Outlet/>
    }
}

/// The server's side of the workspace pages that run in the staff bundle: the island,
/// in the reader's language. (The citizens' bundle has no such island and never
/// renders this.)
#[component]
pub fn WorkspacePages() -> impl IntoView {
    #[cfg(any(feature = "ssr", feature = "staff"))]
    {
        view! { <WorkspaceFace locale=crate::i18n::use_locale()/> }
    }
    #[cfg(not(any(feature = "ssr", feature = "staff")))]
    {}
}

/// The workspace in the browser: its own router under `/ruang-kerja` (links elsewhere,
/// and the import page, which the server renders with what it read, are left to the
/// browser), each page's data from its server function.
#[cfg(any(feature = "ssr", feature = "staff"))]
#[island]
pub fn WorkspaceFace(locale: crate::i18n::Locale) -> impl IntoView {
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;

    provide_context(locale);
    let news = LiveNews(RwSignal::new((0, String::new())));
    provide_context(news);
    #[cfg(not(feature = "ssr"))]
    {
        browser::listen(news);
        browser::shortcuts();
    }
    view! {
        <Router base=paths::WORKSPACE>
            // The frame stays while the pages change (a nested route with an empty
            // path took the router's links without moving: the frame is outside
            // the routes instead).
            <StaffFrame>
                <Routes fallback=|| view! { <WorkspaceFailed error=ApiError::NotFound/> }>
                    <Route path=path!("") view=DashboardPage/>
                    <Route path=path!("antrean") view=|| view! { <QueuePage/> }/>
                    <Route path=path!("cari") view=|| view! { <QueuePage search=true/> }/>
                    <Route path=path!("laporan/:number") view=ReportPage/>
                    <Route path=path!("audit") view=AuditPage/>
                    <Route path=path!("pengawasan") view=OversightPage/>
                    <Route path=path!("akun") view=AccountPage/>
                </Routes>
            </StaffFrame>
        </Router>
    }
}

/// A workspace page's data, from its server function. Created as the island's data
/// (`Owner::with_hydration`): the server writes it into the page and the browser
/// hydrates from it. The island's router renders its pages after the island's body has
/// run, with hydration off: a resource made there plainly is not serialised, and the
/// browser's hydration then fails.
pub(crate) fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Owner::with_hydration(move || Resource::new_blocking(source, fetcher))
}

/// A plain form's failed call, as Leptos puts it in the address it comes back to.
pub(crate) fn error_in_address(query: &Memo<leptos_router::params::ParamsMap>) -> Option<ApiError> {
    query
        .read_untracked()
        .get("__err")
        .and_then(|e| decode_error(&e))
}

/// A plain form's answer the server put in the address it came back to (in `param`:
/// `server::http::answer_plain_form_in_address`). Read on the server only: in the
/// browser the form's call answers in place.
pub(crate) fn answer_in_address<T: serde::de::DeserializeOwned>(
    query: &Memo<leptos_router::params::ParamsMap>,
    param: &str,
) -> Option<T> {
    let encoded = query.read_untracked().get(param)?;
    #[cfg(feature = "ssr")]
    {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::URL_SAFE
            .decode(encoded)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = encoded;
        None
    }
}

#[cfg(feature = "ssr")]
fn decode_error(encoded: &str) -> Option<ApiError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(encoded)
        .ok()?;
    ApiError::decode(&bytes)
}

#[cfg(not(feature = "ssr"))]
fn decode_error(_encoded: &str) -> Option<ApiError> {
    None
}

/// Why a call was refused, in words (each field's problem for invalid input).
pub(crate) fn error_text(error: &ApiError, locale: crate::i18n::Locale) -> String {
    match error {
        ApiError::Invalid(fields) => fields
            .iter()
            .map(|f| labels::problem(f.field, f.problem, locale))
            .collect::<Vec<_>>()
            .join(" "),
        other => t(other.message()).to_string(),
    }
}

/// What the workspace's live stream said last: how many reports changed since the page
/// opened, and the number of the latest (compact). Pages follow it: a queue fetches its
/// rows again, a report page its parts when it is the one that changed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LiveNews(pub RwSignal<(u64, String)>);

impl LiveNews {
    /// The page's news, or none (outside the island).
    pub(crate) fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// How many changes were heard (tracked).
    pub(crate) fn count(self) -> u64 {
        self.0.with(|(count, _)| *count)
    }
}

/// What the island does in the browser besides rendering: the live stream and the
/// keyboard (the staff bundle only).
#[cfg(all(feature = "staff", not(feature = "ssr")))]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::LiveNews;
    use crate::paths;

    /// The workspace's stream (server-sent events through `gloo-net`): each `report`
    /// event names a report that changed in the reader's scope.
    pub(super) fn listen(news: LiveNews) {
        use futures::StreamExt;

        let Ok(mut source) =
            gloo_net::eventsource::futures::EventSource::new(paths::WORKSPACE_LIVE)
        else {
            return;
        };
        let Ok(mut reports) = source.subscribe("report") else {
            return;
        };
        leptos::task::spawn_local(async move {
            // The source lives as long as the page: dropping it would close the stream.
            let _source = source;
            while let Some(Ok((_, message))) = reports.next().await {
                let number = message.data().as_string().unwrap_or_default();
                news.0.update(|(count, last)| {
                    *count += 1;
                    *last = number;
                });
            }
        });
    }

    /// On a queue, `/` search, `j`/`k` move between reports (Enter opens), `x` ticks
    /// the report for a bulk step; on a report,
    /// `u` back to the queue, `n` writes a note, `1`–`9` go to a step.
    pub(super) fn shortcuts() {
        let handle = window_event_listener(leptos::ev::keydown, |event| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() || typing(&event) {
                return;
            }
            let key = event.key();
            let target = match key.as_str() {
                "/" => first("[data-shortcut=\"search\"]"),
                "j" | "k" => next_row(key == "j"),
                "x" => {
                    toggle_row();
                    return;
                }
                "n" => open_step(first("details[data-step=\"note\"]")),
                "u" => {
                    if let Some(back) = first("[data-shortcut=\"back\"]") {
                        back.click();
                    }
                    return;
                }
                digit if digit.len() == 1 && ("1"..="9").contains(&digit) => {
                    let index = digit.parse::<usize>().unwrap_or(1) - 1;
                    open_step(all("details[data-step]").into_iter().nth(index))
                }
                _ => None,
            };
            if let Some(element) = target {
                event.prevent_default();
                let _ = element.focus();
            }
        });
        // The island lives as long as the page.
        std::mem::forget(handle);
    }

    fn typing(event: &web_sys::KeyboardEvent) -> bool {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| {
                e.closest("input, textarea, select, [contenteditable]")
                    .ok()
                    .flatten()
            })
            .is_some()
    }

    fn first(selector: &str) -> Option<web_sys::HtmlElement> {
        document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into().ok())
    }

    fn all(selector: &str) -> Vec<web_sys::HtmlElement> {
        let Ok(list) = document().query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into().ok())
            .collect()
    }

    fn next_row(down: bool) -> Option<web_sys::HtmlElement> {
        let links = all("tr[data-row] a");
        if links.is_empty() {
            return None;
        }
        let active = document().active_element();
        let at = links.iter().position(|l| {
            active
                .as_ref()
                .is_some_and(|a| a == l.as_ref() as &web_sys::Element)
        });
        let next = match (at, down) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(links.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        links.into_iter().nth(next)
    }

    /// Ticks (or clears) the bulk checkbox of the queue row that has the focus.
    fn toggle_row() {
        let checkbox = document()
            .active_element()
            .and_then(|e| e.closest("tr[data-row]").ok().flatten())
            .and_then(|row| row.query_selector("input[type=checkbox]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(checkbox) = checkbox {
            checkbox.click();
        }
    }

    /// Opens a step of the action panel (closing the others) and gives its first
    /// field, or its confirm button, the focus.
    fn open_step(step: Option<web_sys::HtmlElement>) -> Option<web_sys::HtmlElement> {
        let details: web_sys::HtmlDetailsElement = step?.dyn_into().ok()?;
        details.set_open(true);
        details
            .query_selector(
                "form input:not([type=hidden]), form select, form textarea, form button",
            )
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into().ok())
    }
}

/// A workspace page that could not be shown: sign-in needed (303 to the sign-in
/// page, which comes back here), or an error with its status. `forbidden` is what
/// this page says to a role it is not for.
#[component]
fn WorkspaceFailed(error: ApiError, #[prop(optional)] forbidden: Option<Key>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    answer_failed_page(&error);
    // In the browser, a session that ended: the address again, as a whole page, which
    // the server answers with the sign-in page (and back here after it).
    #[cfg(not(feature = "ssr"))]
    if error == ApiError::SignInRequired {
        let _ = window().location().reload();
    }
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
            <p><a href=paths::WORKSPACE_QUEUE>{t(Key::WsBackToQueue)}</a></p>
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
