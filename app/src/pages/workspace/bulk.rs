//! Bulk steps on a queue: the reports ticked in its table, one step for all of them
//! (verify and forward to one agency, dispose to one unit, archive with one reason),
//! and the answer report by report. One form: the table's checkboxes and the steps'
//! fields; each step's button names it (`langkah`). Without JavaScript it is a plain
//! post that comes back to the queue with the answer in the address.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::error_text;
use crate::api::workspace::{BulkDone, TakeBulkStep};
use crate::api::ApiError;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::workspace::{BulkStep, BULK_MAX};
use crate::model::TrackingNumber;
use crate::paths;

/// What the bulk panel needs from its queue.
pub(super) struct BulkChoices {
    pub steps: Vec<BulkStep>,
    pub agencies: Vec<String>,
    pub units: Vec<String>,
}

/// The queue's table (`table`, whose rows carry `laporan[]` checkboxes) inside the bulk
/// form, with the steps under it.
#[component]
pub(super) fn BulkForm(
    action: ServerAction<TakeBulkStep>,
    choices: BulkChoices,
    children: Children,
) -> impl IntoView {
    let busy = action.pending();
    let steps = choices
        .steps
        .iter()
        .map(|&step| bulk_step(step, &choices, busy))
        .collect_view();
    view! {
        <ActionForm action>
            {children()}
            <fieldset class="bulk card" data-testid="bulk">
                <legend>{t(Key::WsBulkTitle)}</legend>
                <p class="hint">{fill(t(Key::WsBulkHint), &[("n", &BULK_MAX.to_string())])}</p>
                <div class="bulk-steps">{steps}</div>
            </fieldset>
        </ActionForm>
    }
}

fn bulk_step(step: BulkStep, choices: &BulkChoices, busy: Memo<bool>) -> impl IntoView {
    let code = step.code();
    let agency = step.needs_agency().then(|| {
        let id = format!("massal-{code}-instansi");
        let list = format!("massal-{code}-daftar");
        view! {
            <label for=id.clone()>{t(Key::WsTargetAgency)}</label>
            <input id=id name="instansi" list=list.clone() autocomplete="off"/>
            <datalist id=list>
                {choices.agencies.iter().map(|name| view! { <option value=name.clone()></option> }).collect_view()}
            </datalist>
        }
    });
    let unit = step.needs_unit().then(|| {
        let id = format!("massal-{code}-unit");
        view! {
            <label for=id.clone()>{t(Key::WsFieldUnit)}</label>
            <select id=id name="unit">
                <option value="">{t(Key::WsChooseUnit)}</option>
                {choices.units.iter().map(|u| view! { <option value=u.clone()>{u.clone()}</option> }).collect_view()}
            </select>
        }
    });
    let reason = step.needs_reason().then(|| {
        let id = format!("massal-{code}-teks");
        view! {
            <label for=id.clone()>{t(Key::WsReason)}</label>
            <textarea id=id name="teks" rows="2" maxlength="5000"></textarea>
        }
    });
    let look = if step.needs_reason() {
        "button danger"
    } else {
        "button primary"
    };
    view! {
        // Closed steps' fields are sent too: the server reads only the chosen step's.
        // No `required` here: a hidden required field would block the other steps.
        <details name="massal" class="step" data-bulk=code>
            <summary class="step-choice" data-testid=format!("bulk-open-{code}")>{t(labels::bulk_step(step))}</summary>
            <div class="stack">
                {agency}
                {unit}
                {reason}
                <p class="hint consequence">{t(labels::bulk_consequence(step))}</p>
                <button type="submit" name="langkah" value=code class=look disabled=busy data-testid=format!("bulk-{code}")>
                    {move || if busy.get() { t(Key::WsSaving) } else { t(Key::WsBulkConfirm) }}
                </button>
            </div>
        </details>
    }
}

/// The checkbox of one row.
pub(super) fn select_box(compact: &str, display: &str, version: i64) -> impl IntoView {
    view! {
        <input type="checkbox" name="laporan[]" value=format!("{compact}:{version}")
            aria-label=fill(t(Key::WsBulkSelectOne), &[("number", display)]) data-testid="select-report"/>
    }
}

/// The header's checkbox: ticks or clears every row on the page (with JavaScript).
pub(super) fn select_all() -> impl IntoView {
    let toggle = move |event: leptos::ev::Event| {
        #[cfg(not(feature = "ssr"))]
        {
            use wasm_bindgen::JsCast;

            let checked = event_target_checked(&event);
            let Ok(boxes) = document().query_selector_all("input[name=\"laporan[]\"]") else {
                return;
            };
            for i in 0..boxes.length() {
                if let Some(input) = boxes
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.set_checked(checked);
                }
            }
        }
        #[cfg(feature = "ssr")]
        let _ = event;
    };
    view! {
        <input type="checkbox" aria-label=t(Key::WsBulkSelectAll) on:change=toggle data-testid="select-all"/>
    }
}

/// What the last bulk step came to: how many were done, and each refused report with
/// the reason, linked to its page.
#[component]
pub(super) fn BulkAnswer(answer: Result<BulkDone, ApiError>) -> impl IntoView {
    let locale = use_locale();
    let done = match answer {
        Ok(done) => done,
        Err(error) => {
            return view! { <p class="error" role="alert" data-testid="bulk-error">{error_text(&error, locale)}</p> }
                .into_any();
        }
    };
    let done_line = (!done.done.is_empty()).then(|| {
        view! {
            <p class="flash" data-testid="bulk-done">
                {fill(t(Key::WsBulkDone), &[("n", &done.done.len().to_string())])}
            </p>
        }
    });
    let refused = (!done.refused.is_empty()).then(|| {
        let items = done
            .refused
            .iter()
            .map(|refusal| {
                let display = TrackingNumber::parse(&refusal.number)
                    .map(|n| n.display())
                    .unwrap_or_else(|_| refusal.number.clone());
                view! {
                    <li>
                        <a href=paths::staff_report(&refusal.number)>{display}</a>
                        ": " {error_text(&refusal.error, locale)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="error" data-testid="bulk-refused">
                <p>{fill(t(Key::WsBulkRefused), &[("n", &done.refused.len().to_string())])}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    view! { <div role="status" class="bulk-answer">{done_line}{refused}</div> }.into_any()
}
