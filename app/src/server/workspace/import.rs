//! `/ruang-kerja/impor`: national administrators bring a post from social media in as a
//! report of channel `social` (the automatic doors do not read social media). The report
//! goes through `citizen::file_report`, like every door; the same post link imported
//! twice is one report.

use axum::body::Body;
use axum::extract::State;
use axum::http::{request::Parts, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use sha2::{Digest, Sha256};

use super::screens::badge;
use super::session::staff_from_headers;
use crate::api::workspace::ImportScreen;
use crate::api::ApiError;
use crate::model::social::{report_from_post, PostForm, PostProblem};
use crate::model::{Role, TrackingNumber};
use crate::paths;
use crate::server::http::{read_form, sign_in_path, DEFAULT_BODY_LIMIT};
use crate::server::render::render_page;
use crate::server::state::AppState;
use crate::server::storage::StaffAccount;

/// Why a post was not imported.
#[derive(Debug)]
pub enum ImportError {
    /// Only national administrators import.
    NotAllowed,
    Invalid(Vec<PostProblem>),
    Failed(ApiError),
}

/// Imports `form` as `staff`: the new (or already imported) report's number.
pub async fn import_post(
    state: &AppState,
    staff: &StaffAccount,
    form: &PostForm,
) -> Result<TrackingNumber, ImportError> {
    if !may_import(staff) {
        return Err(ImportError::NotAllowed);
    }
    let digest = Sha256::digest(form.tautan.trim().as_bytes());
    let key: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    let report = report_from_post(form, format!("social-{key}")).map_err(ImportError::Invalid)?;
    let submission = crate::server::citizen::file_report(state, &report, &[])
        .await
        .map_err(ImportError::Failed)?;
    Ok(submission.tracking_number)
}

/// Only national administrators bring posts in.
fn may_import(staff: &StaffAccount) -> bool {
    staff.role == Role::NationalAdmin && staff.active
}

/// `GET /ruang-kerja/impor`: the empty form.
pub async fn page(State(state): State<AppState>, request: Request<Body>) -> Response {
    let Some(staff) = staff_from_headers(&state, request.headers()).await else {
        return Redirect::to(&sign_in_path(paths::WORKSPACE_IMPORT)).into_response();
    };
    let (parts, _) = request.into_parts();
    show(
        state,
        &parts,
        &staff,
        PostForm::default(),
        Vec::new(),
        false,
    )
    .await
}

/// `POST /ruang-kerja/impor`: imports the post and opens its report, or shows the form
/// again with what to correct.
pub async fn submit(State(state): State<AppState>, request: Request<Body>) -> Response {
    let Some(staff) = staff_from_headers(&state, request.headers()).await else {
        return Redirect::to(&sign_in_path(paths::WORKSPACE_IMPORT)).into_response();
    };
    let (parts, form): (_, PostForm) = read_form(request, DEFAULT_BODY_LIMIT).await;
    match import_post(&state, &staff, &form).await {
        Ok(number) => Redirect::to(&paths::staff_report(number.as_str())).into_response(),
        Err(ImportError::NotAllowed) => show(state, &parts, &staff, form, Vec::new(), false).await,
        Err(ImportError::Invalid(problems)) => {
            show(state, &parts, &staff, form, problems, false).await
        }
        Err(ImportError::Failed(error)) => {
            tracing::error!(%error, "a post could not be imported");
            show(state, &parts, &staff, form, Vec::new(), true).await
        }
    }
}

async fn show(
    state: AppState,
    parts: &Parts,
    staff: &StaffAccount,
    form: PostForm,
    problems: Vec<PostProblem>,
    failed: bool,
) -> Response {
    let allowed = may_import(staff);
    let status = if !allowed {
        StatusCode::FORBIDDEN
    } else if failed {
        StatusCode::SERVICE_UNAVAILABLE
    } else if !problems.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let me = match badge(&state, staff).await {
        Ok(me) => me,
        Err(error) => return (error.status(), error.to_string()).into_response(),
    };
    let screen = ImportScreen {
        me,
        allowed,
        form,
        problems,
        failed,
    };
    render_page(state, parts, paths::WORKSPACE_IMPORT, status, move || {
        provide_context(screen.clone())
    })
    .await
}
