use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::WorkspaceFailed;
use crate::api::workspace::{fetch_staff_audit, OutboxSummary, StaffAudit};
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::paths;

/// `/ruang-kerja/audit?email=…`: what one staff member did, newest first (national
/// administrators only; everyone else gets a refusal).
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let email = move || query.read().get("email").unwrap_or_default();
    let audit = super::page_data(email, fetch_staff_audit);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match audit.await {
                    Ok(audit) => view! { <AuditView audit/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error forbidden=Key::WsAuditForbidden/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditView(audit: StaffAudit) -> impl IntoView {
    let locale = use_locale();
    let StaffAudit {
        me: _,
        email,
        lines,
        outbox,
    } = audit;
    let rows = lines
        .into_iter()
        .map(|l| {
            let report = l.report.map(|n| {
                let href = paths::staff_report(&n);
                view! { " · " <a href=href>{n}</a> }
            });
            view! {
                <li>
                    <small>{labels::timestamp(l.at, locale)}</small> " · " <code>{l.action}</code>
                    {report}
                    {l.address.map(|a| view! { " · " {a} })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t(Key::WsAudit)} " · " {email.clone()}</h1>
        <form method="get" action=paths::WORKSPACE_AUDIT class="filters">
            <label for="audit-email">{t(Key::WsEmail)}</label>
            <input id="audit-email" name="email" type="email" value=email/>
            <button type="submit">{t(Key::WsApply)}</button>
        </form>
        <ol class="audit" data-testid="staff-audit">{rows}</ol>
        <OutboxPart outbox/>
    }
}

/// Messages to reporters: the counts, and those given up on (`lapor outbox retry ID`
/// puts one back).
#[component]
fn OutboxPart(outbox: OutboxSummary) -> impl IntoView {
    let counts = fill(
        t(Key::WsOutboxCounts),
        &[
            ("pending", &outbox.pending.to_string()),
            ("sent", &outbox.sent.to_string()),
            ("dead", &outbox.dead.to_string()),
            ("skipped", &outbox.skipped.to_string()),
        ],
    );
    let lines = outbox
        .undelivered
        .into_iter()
        .map(|d| {
            let href = paths::staff_report(&d.report);
            let tries = fill(t(Key::WsOutboxAttempts), &[("n", &d.attempts.to_string())]);
            view! {
                <li>
                    <code>{d.id}</code> " · " <a href=href>{d.report}</a> " · " {d.channel}
                    " · " {tries} {d.error.map(|e| view! { " · " <small>{e}</small> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{t(Key::WsOutbox)}</h2>
        <p data-testid="outbox-counts">{counts}</p>
        <p class="hint">{t(Key::WsOutboxRetryHint)}</p>
        <ol class="audit" data-testid="outbox-dead">{lines}</ol>
    }
}
