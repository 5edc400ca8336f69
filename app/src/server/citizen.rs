//! Receiving a citizen's report from the web form.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use crate::api::ApiError;
use crate::components::choice::{Choice, FormOptions};
use crate::i18n::Locale;
use crate::model::validation::{validate, ReportForm};
use crate::pages::citizen::{FormState, LocationLists};
use crate::server::render::render_page;
use crate::server::state::AppState;
use crate::server::storage::Submission;

/// Validates and stores a report; the same path for every web submission.
pub async fn submit(state: &AppState, form: &ReportForm) -> Result<Submission, ApiError> {
    let now = state.clock.now();
    let report = validate(form, now.date_wib()).map_err(ApiError::Invalid)?;
    let submission = state.store.submit_report(&report, now).await?;
    tracing::info!(
        tracking_number = submission.tracking_number.as_str(),
        duplicate = submission.duplicate,
        "report received"
    );
    Ok(submission)
}

/// `POST /lapor`: the form as plain HTML posts it (and as the islands router
/// re-posts it with JavaScript). Success redirects to the confirmation; a problem
/// re-renders the form with every typed value kept and the errors beside their fields.
pub async fn post_report_form(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let form = match axum::body::to_bytes(body, FORM_LIMIT_BYTES).await {
        Ok(bytes) => serde_urlencoded::from_bytes::<ReportForm>(&bytes).ok(),
        Err(_) => None,
    };
    let Some(form) = form else {
        let state_for_page = FormState::failed(
            ReportForm::default(),
            ApiError::Request("unreadable form".into()),
        );
        return render_form(state, parts, state_for_page, StatusCode::BAD_REQUEST).await;
    };
    if form.refresh_location.is_some() {
        let lists = location_lists(&state, &form).await;
        let page = FormState::refreshed(form, lists);
        return render_form(state, parts, page, StatusCode::OK).await;
    }
    match submit(&state, &form).await {
        Ok(submission) => Redirect::to(&format!(
            "/lapor/terkirim/{}",
            submission.tracking_number.as_str()
        ))
        .into_response(),
        Err(ApiError::Invalid(errors)) => {
            let lists = location_lists(&state, &form).await;
            let page = FormState::with_errors(form, errors).with_locations(lists);
            render_form(state, parts, page, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => {
            let lists = location_lists(&state, &form).await;
            let page = FormState::failed(form, other).with_locations(lists);
            render_form(state, parts, page, StatusCode::SERVICE_UNAVAILABLE).await
        }
    }
}

/// The largest form body accepted (text fields only; attachments come separately).
const FORM_LIMIT_BYTES: usize = 64 * 1024;

async fn render_form(
    state: AppState,
    parts: axum::http::request::Parts,
    form_state: FormState,
    status: StatusCode,
) -> Response {
    render_page(state, &parts, "/lapor", status, move || {
        provide_context(form_state.clone())
    })
    .await
}

/// Choices for the form in `locale`, loaded once per locale.
pub async fn form_options(state: &AppState, locale: Locale) -> Result<FormOptions, ApiError> {
    let slot = &state.form_options[locale as usize];
    slot.get_or_try_init(|| load_form_options(state, locale))
        .await
        .cloned()
}

async fn load_form_options(state: &AppState, locale: Locale) -> Result<FormOptions, ApiError> {
    let categories = state.store.categories().await?;
    let parents: std::collections::HashMap<i64, String> = categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c.id, localized(locale, &c.name_id, &c.name_en)))
        .collect();
    let categories = categories
        .iter()
        .filter(|c| c.parent_id.is_some())
        .map(|c| Choice {
            value: c.id.to_string(),
            label: localized(locale, &c.name_id, &c.name_en),
            group: c.parent_id.and_then(|p| parents.get(&p).cloned()),
        })
        .collect();
    let provinces = state
        .store
        .regions_under(None)
        .await?
        .into_iter()
        .map(|p| Choice {
            value: p.code,
            label: p.name,
            group: None,
        })
        .collect();
    Ok(FormOptions {
        categories,
        provinces,
    })
}

fn localized(locale: Locale, id: &str, en: &str) -> String {
    match locale {
        Locale::Id => id.to_string(),
        Locale::En => en.to_string(),
    }
}

/// The receipt for a report: its number and when verification is due.
pub async fn receipt(
    state: &AppState,
    typed_number: &str,
) -> Result<crate::api::citizen::Receipt, ApiError> {
    use crate::model::calendar::{DeadlineKind, VERIFICATION_DAYS};
    use crate::model::privacy::DeadlineView;

    let number =
        crate::model::TrackingNumber::parse(typed_number).map_err(ApiError::BadTrackingNumber)?;
    let today = state.clock.now().date_wib();
    let public = state
        .store
        .public_report(&number, today)
        .await?
        .ok_or(ApiError::NotFound)?;
    let verify_by = match public.content.and_then(|c| c.deadline) {
        Some(deadline) if deadline.kind == DeadlineKind::Verification => deadline,
        // Confidential reports show no content publicly; the receipt still tells the
        // reporter when verification is due, counted from today.
        _ => {
            let calendar = state.store.calendar().await?;
            let due = calendar.add_working_days(today, VERIFICATION_DAYS);
            DeadlineView {
                kind: DeadlineKind::Verification,
                due,
                state: calendar.deadline_state(today, due),
            }
        }
    };
    Ok(crate::api::citizen::Receipt {
        tracking_number: number.display(),
        compact: number.as_str().to_string(),
        verify_by,
    })
}

/// Kecamatan under a kabupaten/kota code, or desa under a kecamatan code.
pub async fn regions_under(state: &AppState, parent: &str) -> Result<Vec<Choice>, ApiError> {
    use crate::model::validation::{Field, FieldError, Problem};

    let well_formed =
        matches!(parent.len(), 2 | 4 | 7) && parent.chars().all(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(ApiError::Invalid(vec![FieldError {
            field: Field::RegionCode,
            problem: Problem::Invalid,
        }]));
    }
    let regions = state.store.regions_under(Some(parent)).await?;
    Ok(regions
        .into_iter()
        .map(|r| Choice {
            value: r.code,
            label: r.name,
            group: None,
        })
        .collect())
}

/// The kabupaten/kota, kecamatan and desa lists for the regions picked in `form`
/// (for the form shown again without JavaScript).
async fn location_lists(state: &AppState, form: &ReportForm) -> LocationLists {
    let picks = [
        form.province_code.trim(),
        form.region_code.trim(),
        form.district_code.trim(),
    ];
    let mut lists: [Vec<Choice>; 3] = Default::default();
    for (level, parent) in picks.iter().enumerate() {
        let inside_previous = level == 0 || parent.starts_with(picks[level - 1]);
        if parent.is_empty() || !inside_previous {
            break;
        }
        lists[level] = regions_under(state, parent).await.unwrap_or_default();
    }
    let [regencies, districts, villages] = lists;
    LocationLists {
        regencies,
        districts,
        villages,
    }
}

/// `GET /wilayah/{code}`: the kecamatan of a kabupaten/kota or the desa of a kecamatan,
/// as JSON. Public reference data, so it may be cached.
pub async fn regions_json(
    State(state): State<AppState>,
    axum::extract::Path(parent): axum::extract::Path<String>,
) -> Response {
    match regions_under(&state, &parent).await {
        Ok(list) => (
            [(axum::http::header::CACHE_CONTROL, "public, max-age=86400")],
            axum::Json(list),
        )
            .into_response(),
        Err(ApiError::Invalid(_)) => StatusCode::BAD_REQUEST.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
