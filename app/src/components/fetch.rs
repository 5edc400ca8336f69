//! GET a JSON document with the browser's own `fetch`: lighter in the WASM than a
//! server-function client, and the answers (regions, agencies) are cacheable public data.

/// The parsed answer, or `None` on any failure (offline, a non-2xx status, bad JSON):
/// callers keep what they show and the form still works without it.
#[cfg(feature = "hydrate")]
pub async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Option<T> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}
