//! One labelled field of a server-rendered form: the label, an optional hint, the
//! control, and the place its error is written. The control describes itself with
//! [`described_by`], so a screen reader reads the hint and the error with it.

use leptos::prelude::*;

use crate::i18n::{t, Key};

/// The ids a field's control names in `aria-describedby`: its hint (when it has one)
/// and its error.
pub fn described_by(id: &str, hint: bool) -> String {
    if hint {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// `aria-invalid` for a control whose field has an error.
pub fn invalid<T>(error: &Option<T>) -> Option<&'static str> {
    error.is_some().then_some("true")
}

#[component]
pub fn FormField(
    /// The control's id (and name); the hint is `{id}-hint`, the error `{id}-error`.
    id: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional_no_strip)] error: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{t(hint)}</p> })}
            {children()}
            <p class="field-error" id=format!("{id}-error") role="alert">{error}</p>
        </div>
    }
}
