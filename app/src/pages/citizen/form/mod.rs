//! `/lapor`: the report form. Server-rendered so it works with JavaScript off (a
//! plain POST to `/lapor`); once the WASM arrives the same form validates as the
//! citizen types, and the islands router sends it without a page reload.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_meta::Meta;

mod choices;
mod fields;
mod regions;

pub(super) use fields::FieldErrorText;

use self::choices::{category_select, check_choice, classification_field};
use self::fields::{focus_summary, ErrorSummary, TextField};
use self::regions::{load_regions, region_levels, region_levels_of, RegionSelect};
use super::agency_picker::AgencyPicker;
use super::attachments::Attachments;
use super::my_location::MyLocation;
use crate::api::citizen::{fetch_form_options, FormState, SimilarReports};
use crate::components::choice::FormOptions;
use crate::components::draft;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::labels;
use crate::model::public_feed::param;
use crate::model::validation::{
    self, Field, FieldError, ReportForm as FormValues, ADDRESS_MAX, BODY_MAX, NAME_MAX, TITLE_MAX,
};
use crate::model::{Classification, Date};
use crate::pages::public::card::Card;
use crate::pages::public::PublicStyles;
use crate::paths;

/// Today's date on the server (WIB), for "the event cannot be in the future".
fn server_today() -> Date {
    #[cfg(feature = "ssr")]
    if let Ok(state) = crate::server::state::app_state() {
        return state.clock.now().date_wib();
    }
    Date::from_ymd(1970, 1, 1).unwrap_or_else(|| crate::model::Timestamp(0).date_wib())
}

/// The form page. `public/js/formulir.js` wires the form's JavaScript extras, each
/// loaded from `public/js/` only when first used: attachments sent one by one with
/// progress (`lampiran.js`), agency matches as one types (`instansi.js`), the phone's
/// position (`lokasi.js`). Plain JavaScript, outside the WASM: the WASM holds what the
/// form needs at once (validation, counters, the draft); these are needed only by some
/// citizens, and the first load of this page has a size budget. Without JavaScript none
/// of this runs and the form still works.
#[component]
pub fn ReportPage() -> impl IntoView {
    let locale = use_locale();
    let state = use_context::<FormState>().unwrap_or_else(FormState::fresh);
    let today = server_today();
    let options = Resource::new_blocking(move || locale, fetch_form_options);
    view! {
        <Meta name="description" content=t(Key::MetaReport)/>
        <h1>{t(Key::FormHeading)}</h1>
        <p class="lead">{t(Key::FormIntro)}</p>
        // Shown by `antrean.js` when a report written offline is kept on the phone.
        <section id="antrean" class="card" hidden role="status" data-testid="offline-queued">
            <h2>{t(Key::PwaWaitingHeading)}</h2>
            <p>{t(Key::PwaWaitingText)}</p>
            <p><a href=paths::MY_REPORTS>{t(Key::PwaMineLink)}</a> " · " <a href=paths::REPORT target="_self">{t(Key::PwaWriteAnother)}</a></p>
        </section>
        {match use_context::<SimilarReports>() {
            Some(similar) => view! { <Similar similar/> }.into_any(),
            None => view! { <SimilarLive/> }.into_any(),
        }}
        <Suspense fallback=|| ()>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    match options.await {
                        Ok(options) => view! {
                            <ReportForm state options locale today/>
                            <script type="module" src="/js/formulir.js" data-upload=paths::UPLOAD data-search=paths::AGENCIES></script>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="error" role="alert">{t(error.message())}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The form element's id (the similar-reports panel's inputs belong to it).
const FORM_ID: &str = "laporan-form";

/// "Is this the same problem?": open public reports like the one being sent, each with
/// Dukung (support it instead), and the way on: send this report anyway (the form,
/// every value kept, goes with `new_report` set).
#[component]
fn Similar(similar: SimilarReports) -> impl IntoView {
    let cards = similar
        .0
        .into_iter()
        .map(|card| {
            let here = paths::feed_with(&[(param::SEARCH, card.compact.clone())]);
            view! { <Card card here/> }
        })
        .collect_view();
    view! {
        <PublicStyles/>
        <section class="card similar" aria-labelledby="similar-title" data-testid="similar">
            <h2 id="similar-title">{t(Key::PublicSimilarHeading)}</h2>
            <p>{t(Key::PublicSimilarIntro)}</p>
            <ul class="feed">{cards}</ul>
            <input type="hidden" name="new_report" value="1" form=FORM_ID/>
            <p class="actions">
                <button type="submit" form=FORM_ID class="button secondary" data-testid="send-anyway">
                    {t(Key::PublicSimilarSendAnyway)}
                </button>
            </p>
        </section>
    }
}

/// Where `public/js/mirip.js` shows open public reports like the one being written, as
/// the citizen types (with JavaScript; without it the server offers them once when the
/// report is sent). Its texts travel in data attributes, already in the reader's language.
#[component]
fn SimilarLive() -> impl IntoView {
    view! {
        <section id="mirip" class="card similar" aria-live="polite" hidden
            data-address=paths::SIMILAR
            data-heading=t(Key::PublicSimilarHeading)
            data-intro=t(Key::PublicSimilarLiveIntro)
            data-support=t(Key::PublicSupport)
            data-supporters=t(Key::PublicSupporters)></section>
    }
}

/// The interactive form. Every input keeps its `name`, so the browser can post it
/// whether or not this island ever runs.
#[island]
pub fn ReportForm(
    state: FormState,
    options: FormOptions,
    locale: Locale,
    today: Date,
) -> impl IntoView {
    provide_context(locale);
    let had_server_errors = !state.errors.is_empty();
    let values = RwSignal::new(state.form);
    let regencies = RwSignal::new(state.locations.regencies);
    let districts = RwSignal::new(state.locations.districts);
    let villages = RwSignal::new(state.locations.villages);
    let agency_matches = state.locations.agencies;
    let server_errors = RwSignal::new(state.errors);
    let touched = RwSignal::new(HashSet::<Field>::new());
    let show_all = RwSignal::new(had_server_errors);
    // True once the WASM runs; hides what only makes sense with JavaScript.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    // The draft on the phone: restored once (unless the server just answered with
    // this form's own values), then saved after every change.
    let fresh_form =
        values.with_untracked(|f| f.title.is_empty() && f.body.is_empty()) && !had_server_errors;
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        let current = values.get();
        if !restored.get_value() {
            restored.set_value(true);
            if let Some(draft) = fresh_form.then(draft::load).flatten() {
                values.set(draft);
                return;
            }
        }
        draft::save(&current);
    });

    let client_errors = Memo::new(move |_| {
        values.with(|form| validation::validate(form, today).err().unwrap_or_default())
    });
    let error_for = move |field: Field| -> Option<String> {
        let server = server_errors.with(|errs| errs.iter().find(|e| e.field == field).copied());
        let visible = show_all.get() || touched.with(|t| t.contains(&field));
        let client = visible
            .then(|| client_errors.with(|errs| errs.iter().find(|e| e.field == field).copied()))
            .flatten();
        server
            .or(client)
            .map(|e| labels::problem(e.field, e.problem, locale))
    };
    let summary = move || {
        let mut fields: Vec<FieldError> = server_errors.get();
        if show_all.get() {
            for error in client_errors.get() {
                if !fields.iter().any(|e| e.field == error.field) {
                    fields.push(error);
                }
            }
        }
        fields
    };
    let edit = move |field: Field, apply: Box<dyn Fn(&mut FormValues)>| {
        values.update(|form| apply(form));
        server_errors.update(|errs| errs.retain(|e| e.field != field));
    };
    let touch = move |field: Field| {
        touched.update(|t| {
            t.insert(field);
        })
    };
    let kept_attachments = state.attachments;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if !client_errors.get_untracked().is_empty() {
            ev.prevent_default();
            show_all.set(true);
            focus_summary();
        }
    };
    let is_complaint =
        move || values.with(|f| f.classification == Classification::Complaint.code());
    let anonymous = move || values.with(|f| f.anonymous.is_some());
    let failure = state.failure.map(|f| f.message());
    let FormOptions {
        categories,
        provinces,
    } = options;
    let provinces = RwSignal::new(provinces);
    // Picking a region at `level` (0 province … 3 desa) clears the finer picks and
    // loads the list of the level below it.
    let pick = move |level: usize, code: String| {
        let below = [regencies, districts, villages];
        for list in below.iter().skip(level) {
            list.set(Vec::new());
        }
        if let Some(list) = below.get(level) {
            load_regions(code.clone(), *list);
        }
        edit(
            Field::RegionCode,
            Box::new(move |f| {
                let mut levels = region_levels(f);
                *levels[level] = code.clone();
                for finer in levels.iter_mut().skip(level + 1) {
                    finer.clear();
                }
            }),
        );
    };
    let picked = move |level: usize| {
        Signal::derive(move || values.with(|f| region_levels_of(f)[level].clone()))
    };

    view! {
        <form method="post" action=paths::REPORT enctype="multipart/form-data" class="report-form" id=FORM_ID novalidate on:submit=on_submit>
            {failure.map(|key| view! { <div class="notice error" role="alert">{key.text(locale)}</div> })}
            <ErrorSummary errors=Signal::derive(summary) locale/>
            <input
                type="hidden"
                name="idempotency_key"
                value=values.with_untracked(|f| f.idempotency_key.clone())
                prop:value=move || values.with(|f| f.idempotency_key.clone())
            />

            {classification_field(
                move |code| values.with(|f| f.classification == code),
                move |code| {
                    edit(Field::Classification, Box::new(move |f| f.classification = code.to_string()));
                    touch(Field::Classification);
                },
                Signal::derive(move || error_for(Field::Classification)),
            )}
            <div class="field" hidden=move || ready.get() && !is_complaint()>
                {check_choice(
                    "needs_inspection",
                    t(Key::FieldInspection),
                    Key::FieldInspectionHelp,
                    move || values.with(|f| f.needs_inspection.is_some()),
                    move |on| edit(Field::Classification, Box::new(move |f| f.needs_inspection = on.then(|| "on".into()))),
                )}
            </div>

            <TextField
                field=Field::Title
                label=Key::FieldTitle
                hint=Key::FieldTitleHelp
                max=TITLE_MAX
                value=Signal::derive(move || values.with(|f| f.title.clone()))
                on_input=Callback::new(move |v: String| edit(Field::Title, Box::new(move |f| f.title = v.clone())))
                on_blur=Callback::new(move |_| touch(Field::Title))
                error=Signal::derive(move || error_for(Field::Title))
            />
            <TextField
                field=Field::Body
                label=Key::FieldBody
                hint=Key::FieldBodyHelp
                max=BODY_MAX
                multiline=true
                value=Signal::derive(move || values.with(|f| f.body.clone()))
                on_input=Callback::new(move |v: String| edit(Field::Body, Box::new(move |f| f.body = v.clone())))
                on_blur=Callback::new(move |_| touch(Field::Body))
                error=Signal::derive(move || error_for(Field::Body))
            />

            <div class="field">
                <label for="event_date">{t(Key::FieldEventDate)} " " <span class="optional">{t(Key::Optional)}</span></label>
                <input
                    type="date"
                    id="event_date"
                    name="event_date"
                    max=today.to_string()
                    value=values.with_untracked(|f| f.event_date.clone())
                    prop:value=move || values.with(|f| f.event_date.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        edit(Field::EventDate, Box::new(move |f| f.event_date = v.clone()));
                    }
                    on:blur=move |_| touch(Field::EventDate)
                    aria-describedby="event_date-error"
                />
                <FieldErrorText field=Field::EventDate message=Signal::derive(move || error_for(Field::EventDate))/>
            </div>

            <fieldset class="field">
                <legend>{t(Key::FieldRegion)} " " <span class="optional">{t(Key::Optional)}</span></legend>
                <RegionSelect name="province_code" label=Key::FieldProvince placeholder=Key::ChooseProvince
                    choices=provinces selected=picked(0) on_pick=Callback::new(move |code| pick(0, code))/>
                <RegionSelect name="region_code" label=Key::FieldRegency placeholder=Key::ChooseRegency
                    choices=regencies selected=picked(1) on_pick=Callback::new(move |code| pick(1, code))/>
                <RegionSelect name="district_code" label=Key::FieldDistrict placeholder=Key::ChooseDistrict
                    choices=districts selected=picked(2) on_pick=Callback::new(move |code| pick(2, code))/>
                <RegionSelect name="village_code" label=Key::FieldVillage placeholder=Key::ChooseVillage
                    choices=villages selected=picked(3) on_pick=Callback::new(move |code| pick(3, code))/>
                <p class="hint" hidden=move || ready.get()>
                    <button type="submit" class="button secondary" name="refresh_location" value="1" formnovalidate>
                        {t(Key::RefreshLocation)}
                    </button>
                </p>
                <FieldErrorText field=Field::RegionCode message=Signal::derive(move || error_for(Field::RegionCode))/>
                <label for="address">{t(Key::FieldAddress)}</label>
                <input
                    type="text"
                    id="address"
                    name="address"
                    maxlength=ADDRESS_MAX
                    autocomplete="street-address"
                    value=values.with_untracked(|f| f.address.clone())
                    prop:value=move || values.with(|f| f.address.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        edit(Field::Address, Box::new(move |f| f.address = v.clone()));
                    }
                />
                <FieldErrorText field=Field::Address message=Signal::derive(move || error_for(Field::Address))/>
                <MyLocation
                    latitude=values.with_untracked(|f| f.latitude.clone())
                    longitude=values.with_untracked(|f| f.longitude.clone())
                    locale
                    error=Signal::derive(move || error_for(Field::Coordinates))
                />
            </fieldset>

            {category_select(
                categories,
                move |id| values.with(|f| f.category_id == id),
                move |v| edit(Field::Category, Box::new(move |f| f.category_id = v.clone())),
                Signal::derive(move || error_for(Field::Category)),
            )}

            <AgencyPicker
                selected=values.with_untracked(|f| f.target_agency_id.clone())
                matches=agency_matches
                query=values.with_untracked(|f| f.agency_query.clone())
                locale
                error=Signal::derive(move || error_for(Field::TargetAgency))
            />

            <fieldset class="field privacy">
                <legend>{t(Key::PrivacyHeading)}</legend>
                {check_choice(
                    "anonymous",
                    view! { <strong>{t(Key::PrivacyAnonymous)}</strong> },
                    Key::PrivacyAnonymousHelp,
                    anonymous,
                    move |on| edit(Field::Name, Box::new(move |f| f.anonymous = on.then(|| "on".into()))),
                )}
                {check_choice(
                    "confidential",
                    view! { <strong>{t(Key::PrivacyConfidential)}</strong> },
                    Key::PrivacyConfidentialHelp,
                    move || values.with(|f| f.confidential.is_some()),
                    move |on| edit(Field::Body, Box::new(move |f| f.confidential = on.then(|| "on".into()))),
                )}
            </fieldset>

            <fieldset class="field contact">
                <legend>{t(Key::ContactHeading)}</legend>
                <p class="hint">
                    {move || if anonymous() { t(Key::ContactHelpAnonymous) } else { t(Key::ContactHelp) }}
                </p>
                <TextField
                    field=Field::Name
                    label=Key::FieldName
                    max=NAME_MAX
                    autocomplete="name"
                    value=Signal::derive(move || values.with(|f| f.name.clone()))
                    on_input=Callback::new(move |v: String| edit(Field::Name, Box::new(move |f| f.name = v.clone())))
                    on_blur=Callback::new(move |_| touch(Field::Name))
                    error=Signal::derive(move || error_for(Field::Name))
                />
                <TextField
                    field=Field::Phone
                    label=Key::FieldPhone
                    hint=Key::FieldPhoneHelp
                    max=20
                    input_type="tel"
                    autocomplete="tel"
                    value=Signal::derive(move || values.with(|f| f.phone.clone()))
                    on_input=Callback::new(move |v: String| {
                        edit(Field::Phone, Box::new(move |f| f.phone = v.clone()));
                        server_errors.update(|errs| errs.retain(|e| e.field != Field::Contact));
                    })
                    on_blur=Callback::new(move |_| touch(Field::Phone))
                    error=Signal::derive(move || error_for(Field::Phone).or_else(|| error_for(Field::Contact)))
                />
                <TextField
                    field=Field::Email
                    label=Key::FieldEmail
                    max=254
                    input_type="email"
                    autocomplete="email"
                    value=Signal::derive(move || values.with(|f| f.email.clone()))
                    on_input=Callback::new(move |v: String| {
                        edit(Field::Email, Box::new(move |f| f.email = v.clone()));
                        server_errors.update(|errs| errs.retain(|e| e.field != Field::Contact));
                    })
                    on_blur=Callback::new(move |_| touch(Field::Email))
                    error=Signal::derive(move || error_for(Field::Email))
                />
            </fieldset>

            <Attachments kept=kept_attachments locale error=Signal::derive(move || error_for(Field::Attachments))/>

            <p class="actions">
                <button type="submit" class="button">{t(Key::FormSubmit)}</button>
            </p>
        </form>
    }
}
