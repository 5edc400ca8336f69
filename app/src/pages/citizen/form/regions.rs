//! The region lists (province, kabupaten/kota, kecamatan, desa): each pick loads the
//! list below it.

use leptos::prelude::*;

use crate::components::choice::Choice;
use crate::i18n::{t, Key};
use crate::model::validation::ReportForm as FormValues;

/// The four region picks of a form, coarse to fine.
pub(super) fn region_levels(form: &mut FormValues) -> [&mut String; 4] {
    [
        &mut form.province_code,
        &mut form.region_code,
        &mut form.district_code,
        &mut form.village_code,
    ]
}

pub(super) fn region_levels_of(form: &FormValues) -> [&String; 4] {
    [
        &form.province_code,
        &form.region_code,
        &form.district_code,
        &form.village_code,
    ]
}

/// One labelled region list (province, kabupaten/kota, kecamatan or desa).
#[component]
pub(super) fn RegionSelect(
    name: &'static str,
    label: Key,
    placeholder: Key,
    choices: RwSignal<Vec<Choice>>,
    selected: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label for=name>{t(label)}</label>
        <select
            id=name
            name=name
            aria-describedby="region_code-error"
            on:change=move |ev| on_pick.run(event_target_value(&ev))
        >
            <option value="">{t(placeholder)}</option>
            <RegionOptions choices selected/>
        </select>
    }
}

/// Fetches the regions under `parent` into `into` (an empty parent empties the list).
pub(super) fn load_regions(parent: String, into: RwSignal<Vec<Choice>>) {
    into.set(Vec::new());
    #[cfg(feature = "hydrate")]
    if !parent.is_empty() {
        leptos::task::spawn_local(async move {
            let url = crate::paths::regions(&parent);
            into.set(
                crate::components::fetch::get_json(&url)
                    .await
                    .unwrap_or_default(),
            );
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = parent;
}

/// The options of a kecamatan or desa list.
#[component]
fn RegionOptions(choices: RwSignal<Vec<Choice>>, selected: Signal<String>) -> impl IntoView {
    move || {
        choices
            .get()
            .into_iter()
            .map(|choice| {
                let code = choice.value.clone();
                let is_selected = selected.with_untracked(|s| *s == code);
                view! {
                    <option value=choice.value selected=is_selected prop:selected=move || selected.with(|s| *s == code)>
                        {choice.label}
                    </option>
                }
            })
            .collect_view()
    }
}
