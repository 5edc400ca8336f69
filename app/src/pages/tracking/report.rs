use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::lookup::LookupForm;
use crate::api::tracking::fetch_public_report;
use crate::api::ApiError;
use crate::components::deadline::DeadlineBadge;
use crate::components::timeline::Timeline;
use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::model::privacy::{PublicContent, PublicReport};

/// `/lacak/{number}`: what the public may see of a report.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let report = Resource::new_blocking(number, fetch_public_report);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <ReportView report/> }.into_any(),
                    Err(error) => view! { <LookupFailed typed=number() error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LookupFailed(typed: String, error: ApiError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = match error {
            ApiError::NotFound => http::StatusCode::NOT_FOUND,
            ApiError::BadTrackingNumber(_) => http::StatusCode::BAD_REQUEST,
            _ => http::StatusCode::SERVICE_UNAVAILABLE,
        };
        response.set_status(status);
    }
    view! { <LookupForm typed error=Some(error.message())/> }
}

#[component]
fn ReportView(report: PublicReport) -> impl IntoView {
    let PublicReport {
        tracking_number,
        status,
        content,
    } = report;
    view! {
        <article class="report">
            <p class="eyebrow">{t(Key::TrackReportNumber)} " " <span data-testid="tracking-number">{tracking_number}</span></p>
            <p class="status" data-testid="status">
                <span class=format!("status-badge status-{}", status.code())>{t(labels::status(status))}</span>
            </p>
            <p class="status-help">{t(labels::status_explained(status))}</p>
            {match content {
                Some(content) => view! { <ReportContent content/> }.into_any(),
                None => view! { <p class="notice" data-testid="confidential">{t(Key::TrackConfidential)}</p> }.into_any(),
            }}
        </article>
    }
}

#[component]
fn ReportContent(content: PublicContent) -> impl IntoView {
    let locale = use_locale();
    let PublicContent {
        title,
        body,
        classification,
        category_name,
        region_name,
        submitted_on,
        agency_name,
        agency_trail,
        timeline,
        deadline,
    } = content;
    let trail = (!agency_trail.is_empty()).then(|| agency_trail.join(" → "));
    view! {
        <h1>{title}</h1>
        {deadline.map(|deadline| view! { <DeadlineBadge deadline/> })}
        <dl class="facts">
            <dt>{t(Key::FieldClassification)}</dt>
            <dd>{t(labels::classification(classification))}</dd>
            <dt>{t(Key::TrackSubmittedOn)}</dt>
            <dd>{labels::date(submitted_on, locale)}</dd>
            {category_name.map(|name| view! { <dt>{t(Key::FieldCategory)}</dt><dd>{name}</dd> })}
            {region_name.map(|name| view! { <dt>{t(Key::FieldRegion)}</dt><dd>{name}</dd> })}
            <dt>{t(Key::TrackAgency)}</dt>
            <dd data-testid="agency">{agency_name.unwrap_or_else(|| t(Key::TrackAgencyPending).to_string())}</dd>
            {trail.map(|trail| view! { <dt>{t(Key::TrackAgencyTrail)}</dt><dd>{trail}</dd> })}
        </dl>
        <h2>{t(Key::TrackStory)}</h2>
        <p class="story">{body}</p>
        <h2>{t(Key::TrackTimeline)}</h2>
        <Timeline events=timeline/>
    }
}
