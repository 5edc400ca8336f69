use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::lookup::LookupForm;
use super::reporter::{flash_text, ReporterPage, ReporterSignIn};
use crate::api::tracking::{fetch_track_view, TrackView, FLASH_PARAM};
use crate::api::ApiError;
use crate::components::deadline::DeadlineBadge;
use crate::components::live_refresh::LiveRefresh;
use crate::components::timeline::{lines, Timeline};
use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::model::privacy::{PublicContent, PublicReport, ReportStory};
use crate::model::{Classification, Date, Status};

/// `/lacak/{number}`: what the public may see of a report, with the reporter's PIN
/// sign-in; for the signed-in reporter, their own view and actions.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let flash = move || {
        query
            .read()
            .get(FLASH_PARAM)
            .and_then(|done| flash_text(&done))
    };
    let report = Resource::new_blocking(number, fetch_track_view);
    view! {
        <Meta name="description" content=t(Key::MetaTrack)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash().map(|key| view! {
                    <p class="flash" role="status" data-testid="flash">{t(key)}</p>
                });
                match report.await {
                    Ok(TrackView::Reporter(view)) => {
                        let compact = view.compact.clone();
                        let page = view! { <ReporterPage view=*view/> }.into_any();
                        view! { {flash} {page} <LiveRefresh number=compact/> }.into_any()
                    }
                    Ok(TrackView::Public(report)) => {
                        let compact = crate::model::TrackingNumber::parse(&report.tracking_number)
                            .map(|n| n.as_str().to_string())
                            .unwrap_or_default();
                        view! {
                            {flash}
                            <ReportView report=*report/>
                            <ReporterSignIn compact=compact.clone()/>
                            <LiveRefresh number=compact/>
                        }
                        .into_any()
                    }
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
        response.set_status(error.status());
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
            <StatusPart status/>
            {match content {
                Some(content) => view! { <ReportContent content/> }.into_any(),
                None => view! { <p class="notice" data-testid="confidential">{t(Key::TrackConfidential)}</p> }.into_any(),
            }}
        </article>
    }
}

#[component]
fn ReportContent(content: PublicContent) -> impl IntoView {
    let PublicContent { story, timeline } = content;
    view! {
        <StoryPart story/>
        <h2>{t(Key::TrackTimeline)}</h2>
        <div data-live="timeline"><Timeline events=lines(timeline)/></div>
    }
}

/// The title, the facts (replaced live, `data-live`) with the running deadline, and the
/// story: the same on the public page and on the reporter's own page.
#[component]
pub(super) fn StoryPart(story: ReportStory) -> impl IntoView {
    let ReportStory {
        title,
        body,
        classification,
        category_name,
        region_name,
        submitted_on,
        agency_name,
        agency_trail,
        deadline,
    } = story;
    view! {
        <h1>{title}</h1>
        <div data-live="facts">
            {deadline.map(|deadline| view! { <DeadlineBadge deadline/> })}
            <Facts classification submitted_on category_name region_name agency_name agency_trail/>
        </div>
        <h2>{t(Key::TrackStory)}</h2>
        <p class="story">{body}</p>
    }
}

/// The status in plain words and what it means; replaced live (`data-live`).
#[component]
pub(super) fn StatusPart(status: Status) -> impl IntoView {
    view! {
        <div data-live="status">
            <p class="status" data-testid="status">
                <span class=format!("status-badge status-{}", status.code())>{t(labels::status(status))}</span>
            </p>
            <p class="status-help">{t(labels::status_explained(status))}</p>
        </div>
    }
}

/// Kind, date, category, place and the agencies that handled the report.
#[component]
fn Facts(
    classification: Classification,
    submitted_on: Date,
    category_name: Option<String>,
    region_name: Option<String>,
    agency_name: Option<String>,
    agency_trail: Vec<String>,
) -> impl IntoView {
    let locale = use_locale();
    let trail = (!agency_trail.is_empty()).then(|| agency_trail.join(" → "));
    view! {
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
    }
}
