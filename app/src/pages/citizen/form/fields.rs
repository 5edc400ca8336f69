//! The form's text fields, the message under each, and the summary of problems on top.

use leptos::prelude::*;

use crate::components::text_area::textarea_html;
use crate::i18n::{fill, t, Key, Locale};
use crate::labels;
use crate::model::validation::{Field, FieldError};

/// Moves focus to the summary of problems (after a refused send).
pub(super) fn focus_summary() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let summary = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("error-summary"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(summary) = summary {
            let _ = summary.focus();
        }
    }
}

/// The list of problems at the top of the form, each linking to its field.
#[component]
pub(super) fn ErrorSummary(errors: Signal<Vec<FieldError>>, locale: Locale) -> impl IntoView {
    view! {
        <div
            id="error-summary"
            class="error-summary"
            tabindex="-1"
            role="alert"
            hidden=move || errors.with(Vec::is_empty)
        >
            <h2>{Key::ErrFormSummary.text(locale)}</h2>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li>
                                    <a href=format!("#{}", e.field.name())>{labels::problem(e.field, e.problem, locale)}</a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// The message under a field, announced to screen readers.
#[component]
pub fn FieldErrorText(field: Field, message: Signal<Option<String>>) -> impl IntoView {
    let id = format!("{}-error", field.name());
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || message.get()}
        </p>
    }
}

/// A labelled text input or textarea with its hint, counter and error.
#[component]
pub(super) fn TextField(
    field: Field,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    max: usize,
    #[prop(optional)] multiline: bool,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    on_blur: Callback<()>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let name = field.name();
    let described_by = format!("{name}-hint {name}-count {name}-error");
    let invalid = move || error.with(Option::is_some).then_some("true");
    let counter = move || {
        let count = value.with(|v| v.chars().count());
        fill(
            t(Key::CharacterCount),
            &[("n", &count.to_string()), ("max", &max.to_string())],
        )
    };
    let input = if multiline {
        view! {
            <textarea
                id=name
                name=name
                rows="8"
                maxlength=max
                aria-describedby=described_by.clone()
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
                inner_html=textarea_html(&value.get_untracked())
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type=input_type
                id=name
                name=name
                maxlength=max
                autocomplete=autocomplete
                aria-describedby=described_by.clone()
                aria-invalid=invalid
                value=value.get_untracked()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <p class="hint" id=format!("{name}-hint")>{hint.map(t)}</p>
            {input}
            <p class="counter" id=format!("{name}-count") aria-live="off">{counter}</p>
            <FieldErrorText field message=error/>
        </div>
    }
}
