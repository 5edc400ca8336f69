//! Keeps an open tracking page current: when the server says the report changed
//! (`GET /lacak/{number}/langsung`, server-sent events), the page is fetched again and
//! every element marked `data-live="NAME"` (status, deadline, timeline, the reporter's
//! actions) takes the content of its namesake in the new page. A part the reader is
//! using (focus inside, or text typed into it) is left alone until the next update.
//!
//! Without JavaScript, or without `EventSource`, nothing happens and a reload shows
//! the news. Only browser APIs are used (no server-function client): the WASM of the
//! citizen pages is on a size budget.

use leptos::prelude::*;

/// The attribute naming a part of the page that is replaced on every update.
pub const LIVE_ATTRIBUTE: &str = "data-live";

/// Place once on a tracking page, outside the live parts. Renders a hidden marker.
#[island]
pub fn LiveRefresh(number: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::listen(&number));
    #[cfg(not(feature = "hydrate"))]
    let _ = &number;
    view! { <span hidden data-live-refresh=""></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, OnceCell};
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use super::LIVE_ATTRIBUTE;

    /// At most one refresh per this many milliseconds; updates in between are folded
    /// into one refresh at the end.
    const COOLDOWN_MS: i32 = 500;

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Phase {
        Idle,
        Cooling,
        /// Cooling, and another update came in meanwhile.
        CoolingDirty,
    }

    /// Listens for updates of report `number` for as long as the page is open.
    pub fn listen(number: &str) {
        let Ok(source) = web_sys::EventSource::new(&format!("/lacak/{number}/langsung")) else {
            return;
        };
        let page = format!("/lacak/{number}");
        let phase = Rc::new(Cell::new(Phase::Idle));
        // The timer's own function, so that it can set itself again.
        let end_cooldown: Rc<OnceCell<JsValue>> = Rc::new(OnceCell::new());

        let start_cooldown = {
            let end_cooldown = Rc::clone(&end_cooldown);
            move || {
                if let (Some(window), Some(callback)) = (web_sys::window(), end_cooldown.get()) {
                    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                        callback.unchecked_ref(),
                        COOLDOWN_MS,
                    );
                }
            }
        };
        let timer = {
            let (phase, page, start_cooldown) =
                (Rc::clone(&phase), page.clone(), start_cooldown.clone());
            Closure::<dyn FnMut()>::new(move || {
                if phase.get() == Phase::CoolingDirty {
                    phase.set(Phase::Cooling);
                    refresh(page.clone());
                    start_cooldown();
                } else {
                    phase.set(Phase::Idle);
                }
            })
        };
        let _ = end_cooldown.set(timer.into_js_value());

        let on_update = Closure::<dyn FnMut()>::new(move || match phase.get() {
            Phase::Idle => {
                phase.set(Phase::Cooling);
                refresh(page.clone());
                start_cooldown();
            }
            Phase::Cooling => phase.set(Phase::CoolingDirty),
            Phase::CoolingDirty => {}
        });
        let _ =
            source.add_event_listener_with_callback("update", on_update.as_ref().unchecked_ref());
        // Both live as long as the page: the browser keeps an open EventSource alive.
        on_update.forget();
    }

    /// Fetches the page again and swaps in its live parts.
    fn refresh(page: String) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = swap_live_parts(&page).await;
        });
    }

    async fn swap_live_parts(page: &str) -> Option<()> {
        let window = web_sys::window()?;
        let headers = web_sys::Headers::new().ok()?;
        headers.set("Accept", "text/html").ok()?;
        let init = web_sys::RequestInit::new();
        init.set_headers(&headers);
        let response = JsFuture::from(window.fetch_with_str_and_init(page, &init))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let html = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        let fresh = web_sys::DomParser::new()
            .ok()?
            .parse_from_string(&html, web_sys::SupportedType::TextHtml)
            .ok()?;
        let document = window.document()?;
        let parts = fresh
            .query_selector_all(&format!("[{LIVE_ATTRIBUTE}]"))
            .ok()?;
        for index in 0..parts.length() {
            let Some(part) = parts
                .item(index)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Some(name) = part.get_attribute(LIVE_ATTRIBUTE) else {
                continue;
            };
            let Ok(Some(current)) =
                document.query_selector(&format!("[{LIVE_ATTRIBUTE}=\"{name}\"]"))
            else {
                continue;
            };
            let new_html = part.inner_html();
            // Unchanged content is left alone (screen readers would announce it again),
            // and so is a part the reader is typing in.
            if current.inner_html() != new_html && !in_use(&document, &current) {
                current.set_inner_html(&new_html);
            }
        }
        Some(())
    }

    /// True when the focus is inside `part` or a text field in it holds typed text.
    fn in_use(document: &web_sys::Document, part: &web_sys::Element) -> bool {
        let focused = document
            .active_element()
            .is_some_and(|active| part.contains(Some(&active)));
        let typed = part
            .query_selector_all("textarea")
            .ok()
            .is_some_and(|fields| {
                (0..fields.length()).any(|i| {
                    fields
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                        .is_some_and(|field| !field.value().is_empty())
                })
            });
        focused || typed
    }
}
