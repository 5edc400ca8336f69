//! The form's choices: the kind of report, the yes/no boxes (field inspection,
//! anonymous, confidential) and the category list.

use leptos::prelude::*;

use super::fields::FieldErrorText;
use crate::components::choice::Choice;
use crate::i18n::{t, Key};
use crate::labels;
use crate::model::validation::Field;
use crate::model::Classification;

/// Complaint, aspiration or information request, each with what it means. A plain
/// function, not a component: inside the island, closures cost less WASM than props.
pub(super) fn classification_field(
    chosen: impl Fn(&str) -> bool + Copy + Send + Sync + 'static,
    on_pick: impl Fn(&'static str) + Copy + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let options = Classification::ALL
        .into_iter()
        .map(|class| {
            let code = class.code();
            let id = format!("classification-{code}");
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        name="classification"
                        id=id.clone()
                        value=code
                        checked=untrack(move || chosen(code))
                        prop:checked=move || chosen(code)
                        on:change=move |_| on_pick(code)
                    />
                    <label for=id>
                        <strong>{t(labels::classification(class))}</strong>
                        <span class="hint">{t(labels::classification_help(class))}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" aria-describedby="classification-error">
            <legend>{t(Key::FieldClassification)}</legend>
            {options}
            <FieldErrorText field=Field::Classification message=error/>
        </fieldset>
    }
}

/// A checkbox posted as `name=on`, its label and a hint.
pub(super) fn check_choice(
    name: &'static str,
    label: impl IntoView,
    help: Key,
    checked: impl Fn() -> bool + Copy + Send + Sync + 'static,
    on_change: impl Fn(bool) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="choice">
            <input
                type="checkbox"
                id=name
                name=name
                checked=untrack(checked)
                prop:checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))
            />
            <label for=name>
                {label}
                <span class="hint">{t(help)}</span>
            </label>
        </div>
    }
}

/// The category list, grouped under the top-level categories.
pub(super) fn category_select(
    categories: Vec<Choice>,
    chosen: impl Fn(&str) -> bool + Copy + Send + Sync + 'static,
    on_pick: impl Fn(String) + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let groups = grouped(categories)
        .into_iter()
        .map(|(group, choices)| {
            let options = choices
                .into_iter()
                .map(|c| {
                    let id = c.value.clone();
                    let selected = untrack(|| chosen(&id));
                    view! {
                        <option value=c.value selected=selected prop:selected=move || chosen(&id)>{c.label}</option>
                    }
                })
                .collect_view();
            view! { <optgroup label=group>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="category_id">{t(Key::FieldCategory)} " " <span class="optional">{t(Key::Optional)}</span></label>
            <select id="category_id" name="category_id" on:change=move |ev| on_pick(event_target_value(&ev))>
                <option value="">{t(Key::ChooseCategory)}</option>
                {groups}
            </select>
            <FieldErrorText field=Field::Category message=error/>
        </div>
    }
}

/// Categories grouped under their parent's name, in order of first appearance.
fn grouped(choices: Vec<Choice>) -> Vec<(String, Vec<Choice>)> {
    let mut groups: Vec<(String, Vec<Choice>)> = Vec::new();
    for choice in choices {
        let group = choice.group.clone().unwrap_or_default();
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, members)) => members.push(choice),
            None => groups.push((group, vec![choice])),
        }
    }
    groups
}
