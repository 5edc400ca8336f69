use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{StaffBar, WorkspaceFailed};
use crate::api::workspace::{fetch_staff_audit, StaffAudit};
use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::paths;

/// `/ruang-kerja/audit?email=…`: what one staff member did, newest first (national
/// administrators only; everyone else gets a refusal).
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let email = move || query.read().get("email").unwrap_or_default();
    let audit = Resource::new_blocking(email, fetch_staff_audit);
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
    let StaffAudit { me, email, lines } = audit;
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
        <StaffBar me/>
        <p><a href=paths::WORKSPACE data-shortcut="back">{t(Key::WsBackToQueue)}</a></p>
        <h1>{t(Key::WsAudit)} " · " {email.clone()}</h1>
        <form method="get" action=paths::WORKSPACE_AUDIT class="filters">
            <label for="audit-email">{t(Key::WsEmail)}</label>
            <input id="audit-email" name="email" type="email" value=email/>
            <button type="submit">{t(Key::WsApply)}</button>
        </form>
        <ol class="audit" data-testid="staff-audit">{rows}</ol>
    }
}
