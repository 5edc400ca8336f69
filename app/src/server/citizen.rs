//! Receiving a citizen's report from the web form.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use crate::api::citizen::{FormState, LocationLists, SimilarReports};
use crate::api::ApiError;
use crate::components::choice::{Choice, FormOptions};
use crate::i18n::Locale;
use crate::model::duplicates::Draft;
use crate::model::validation::{validate, NewReport, ReportForm, BODY_MAX, TITLE_MAX};
use crate::paths;
use crate::server::http::{error_response, request_locale};
use crate::server::render::render_page;
use crate::server::state::AppState;
use crate::server::storage::Submission;
use crate::server::uploads::{read_report_post, PostError, PostedAttachments};

/// Validates and stores a report; the same path for every web submission.
pub async fn submit(state: &AppState, form: &ReportForm) -> Result<Submission, ApiError> {
    let attachments = PostedAttachments::default();
    let report = checked_report(state, form, &attachments)?;
    file_report(state, &report, &attachments.tokens()).await
}

/// The report a form describes, or every problem with it: the attachments' problems join
/// the form's.
fn checked_report(
    state: &AppState,
    form: &ReportForm,
    attachments: &PostedAttachments,
) -> Result<NewReport, ApiError> {
    let checked = validate(form, state.clock.now().date_wib());
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    errors.extend(attachments.errors());
    match checked {
        Ok(report) if errors.is_empty() => Ok(report),
        _ => Err(ApiError::Invalid(errors)),
    }
}

/// Stores a validated report, whatever door it came in by (web form, SMS, chat): every
/// channel ends here, in the same model, deadlines, routing and privacy rules.
pub async fn file_report(
    state: &AppState,
    report: &NewReport,
    attachment_tokens: &[String],
) -> Result<Submission, ApiError> {
    let submission = state
        .store
        .submit_report_with_attachments(report, attachment_tokens, state.clock.now())
        .await?;
    tracing::info!(
        tracking_number = submission.tracking_number.as_str(),
        channel = report.channel.code(),
        repeat = submission.is_repeat(),
        "report received"
    );
    Ok(submission)
}

/// `POST /lapor`: the form as plain HTML posts it (and as the islands router
/// re-posts it with JavaScript). Success redirects to the confirmation; a problem
/// re-renders the form with every typed value kept and the errors beside their fields.
pub async fn post_report_form(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let (form, attachments) = match read_report_post(&state, &parts, body).await {
        Ok(read) => read,
        Err(error) => {
            let failure = match error {
                PostError::Unreadable => ApiError::BadRequest,
                PostError::Unavailable(detail) => {
                    tracing::error!(%detail, "attachment could not be stored");
                    ApiError::Unavailable
                }
            };
            let status = failure.status();
            let state_for_page = FormState::failed(ReportForm::default(), failure);
            return render_form(state, parts, state_for_page, status).await;
        }
    };
    if form.refresh_location.is_some() || form.refresh_agency.is_some() {
        let lists = location_lists(&state, &form).await;
        let page = FormState::refreshed(form, lists).with_attachments(attachments.kept());
        return render_form(state, parts, page, StatusCode::OK).await;
    }
    let report = match checked_report(&state, &form, &attachments) {
        Ok(report) => report,
        Err(problems) => return form_failed(state, parts, form, &attachments, problems).await,
    };
    // Open public reports like this one, until the citizen has seen them.
    if form.new_report.is_none() {
        if let Some(similar) = similar_to(&state, &report).await {
            let lists = location_lists(&state, &form).await;
            let page = FormState::refreshed(form, lists).with_attachments(attachments.kept());
            return render_page(state, &parts, paths::REPORT, StatusCode::OK, move || {
                provide_context(page.clone());
                provide_context(SimilarReports(similar.clone()));
            })
            .await;
        }
    }
    match file_report(&state, &report, &attachments.tokens()).await {
        Ok(submission) => {
            let mut response =
                Redirect::to(&paths::receipt(submission.tracking_number.as_str())).into_response();
            // The reporter's session and the PIN, shown once on the confirmation page;
            // a repeated send of a stored draft carries neither.
            if let Some(secret) = &submission.secret {
                crate::server::reporter::add_submission_cookies(
                    &mut response,
                    &parts.headers,
                    &submission.tracking_number,
                    secret,
                );
            }
            response
        }
        Err(problem) => form_failed(state, parts, form, &attachments, problem).await,
    }
}

/// The form shown again with every value and attachment kept: beside its fields what
/// was wrong with them (422), or why it could not be sent.
async fn form_failed(
    state: AppState,
    parts: axum::http::request::Parts,
    form: ReportForm,
    attachments: &PostedAttachments,
    problem: ApiError,
) -> Response {
    let lists = location_lists(&state, &form).await;
    let (page, status) = match problem {
        ApiError::Invalid(errors) => (
            FormState::with_errors(form, errors),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        other => {
            let status = other.status();
            (FormState::failed(form, other), status)
        }
    };
    let page = page
        .with_locations(lists)
        .with_attachments(attachments.kept());
    render_form(state, parts, page, status).await
}

/// Open public reports like `report`, shown before it is filed. A failure to look is
/// logged and never keeps a report from being sent.
async fn similar_to(
    state: &AppState,
    report: &NewReport,
) -> Option<Vec<crate::model::public_feed::FeedCard>> {
    match state
        .store
        .similar_reports(&report.into(), state.clock.now())
        .await
    {
        Ok(similar) if !similar.is_empty() => Some(similar),
        Ok(_) => None,
        Err(error) => {
            tracing::warn!(%error, "similar reports could not be read");
            None
        }
    }
}

async fn render_form(
    state: AppState,
    parts: axum::http::request::Parts,
    form_state: FormState,
    status: StatusCode,
) -> Response {
    render_page(state, &parts, paths::REPORT, status, move || {
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
    let verify_by = match public.content.and_then(|c| c.story.deadline) {
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
        agencies: agency_choices(state, form).await,
    }
}

/// The most agencies one search shows: enough to pick from on a phone screen.
const AGENCY_MATCHES: i64 = 8;

/// Agencies whose name or SMS keyword contains `query` (at least 2 characters).
pub async fn search_agencies(state: &AppState, query: &str) -> Result<Vec<Choice>, ApiError> {
    let query = query.trim();
    if query.chars().count() < 2 || query.len() > 100 {
        return Ok(Vec::new());
    }
    let agencies = state.store.search_agencies(query, AGENCY_MATCHES).await?;
    Ok(agencies.into_iter().map(agency_choice).collect())
}

fn agency_choice(agency: crate::model::agency::Agency) -> Choice {
    Choice {
        value: agency.id.to_string(),
        label: agency.name,
        group: agency.sms_keyword,
    }
}

/// The agency already picked (first) and the matches of the typed search, for the form
/// shown again without JavaScript.
async fn agency_choices(state: &AppState, form: &ReportForm) -> Vec<Choice> {
    let mut choices = Vec::new();
    if let Ok(id) = form.target_agency_id.trim().parse::<i64>() {
        if let Ok(Some(agency)) = state.store.agency(id).await {
            choices.push(agency_choice(agency));
        }
    }
    for choice in search_agencies(state, &form.agency_query)
        .await
        .unwrap_or_default()
    {
        if !choices.iter().any(|c| c.value == choice.value) {
            choices.push(choice);
        }
    }
    choices
}

/// `GET /instansi?q=…`: agencies matching a search, as JSON, for the form's picker.
pub async fn agencies_json(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    axum::extract::Query(query): axum::extract::Query<AgencyQuery>,
) -> Response {
    match search_agencies(&state, &query.q).await {
        Ok(list) => (
            [(axum::http::header::CACHE_CONTROL, "public, max-age=3600")],
            axum::Json(list),
        )
            .into_response(),
        Err(error) => error_response(error, request_locale(&headers), paths::AGENCIES),
    }
}

/// `GET /lapor/mirip?judul=…&isi=…&wilayah=…&kategori=…&lat=…&lon=…`: open public
/// reports like the one being written (`model::duplicates`), for the form's suggestions
/// as the citizen types: `[{nomor, kode, judul, ringkasan, wilayah, status, pendukung}]`,
/// labels in the reader's language. A value that cannot be read is a 400.
pub async fn similar_json(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let locale = request_locale(&parts.headers);
    let Some(draft) = similar_draft(&parts) else {
        return error_response(ApiError::BadRequest, locale, paths::SIMILAR);
    };
    let cards = match state.store.similar_reports(&draft, state.clock.now()).await {
        Ok(cards) => cards,
        Err(error) => return error_response(error.into(), locale, paths::SIMILAR),
    };
    let list: Vec<serde_json::Value> = cards
        .into_iter()
        .map(|card| {
            serde_json::json!({
                "nomor": card.tracking_number,
                "kode": card.compact,
                "judul": card.title,
                "ringkasan": card.excerpt,
                "wilayah": card.region_name,
                "status": crate::labels::status(card.status).text(locale),
                "pendukung": card.supporters,
            })
        })
        .collect();
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(list),
    )
        .into_response()
}

/// The draft a suggestions address describes; `None` when a part cannot be read.
fn similar_draft(parts: &axum::http::request::Parts) -> Option<Draft> {
    let mut draft = Draft::default();
    let (mut latitude, mut longitude) = (None, None);
    for (name, value) in form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        // Longer texts than the form takes say nothing more.
        let capped = |max: usize| value.chars().take(max).collect::<String>();
        match &*name {
            "judul" => draft.title = capped(TITLE_MAX),
            "isi" => draft.body = capped(BODY_MAX),
            "wilayah" => {
                let code_like =
                    (2..=10).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
                if !code_like {
                    return None;
                }
                draft.region_code = Some(value.to_string());
            }
            "kategori" => draft.category_id = Some(value.parse().ok()?),
            "lat" => {
                latitude = Some(
                    value
                        .parse::<f64>()
                        .ok()
                        .filter(|v| (-90.0..=90.0).contains(v))?,
                )
            }
            "lon" => {
                longitude = Some(
                    value
                        .parse::<f64>()
                        .ok()
                        .filter(|v| (-180.0..=180.0).contains(v))?,
                )
            }
            _ => {}
        }
    }
    draft.coordinates = latitude.zip(longitude);
    Some(draft)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AgencyQuery {
    #[serde(default)]
    q: String,
}

/// `GET /wilayah/{code}`: the kecamatan of a kabupaten/kota or the desa of a kecamatan,
/// as JSON. Public reference data, so it may be cached.
pub async fn regions_json(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    axum::extract::Path(parent): axum::extract::Path<String>,
) -> Response {
    match regions_under(&state, &parent).await {
        Ok(list) => (
            [(axum::http::header::CACHE_CONTROL, "public, max-age=86400")],
            axum::Json(list),
        )
            .into_response(),
        Err(error) => error_response(error, request_locale(&headers), paths::route::REGIONS),
    }
}
