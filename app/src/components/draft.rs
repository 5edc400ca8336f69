//! The report draft kept on the phone while the citizen types, so a reload or a
//! lost connection loses nothing. Browser-only; a no-op on the server.

use leptos::prelude::*;

use crate::model::validation::ReportForm;

#[cfg(feature = "hydrate")]
const DRAFT_KEY: &str = "lapor.draft.v2";

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved draft, if any.
pub fn load() -> Option<ReportForm> {
    #[cfg(feature = "hydrate")]
    {
        let text = storage()?.get_item(DRAFT_KEY).ok()??;
        serde_json::from_str(&text).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Saves the draft (an empty form removes it).
pub fn save(form: &ReportForm) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let blank = ReportForm {
            idempotency_key: form.idempotency_key.clone(),
            ..Default::default()
        };
        if *form == blank {
            let _ = storage.remove_item(DRAFT_KEY);
        } else if let Ok(text) = serde_json::to_string(form) {
            let _ = storage.set_item(DRAFT_KEY, &text);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = form;
}

/// Forgets the draft once the report it held has been received.
#[island]
pub fn ForgetDraft() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = storage() {
            let _ = storage.remove_item(DRAFT_KEY);
        }
    });
}
