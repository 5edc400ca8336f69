//! `/ruang-kerja/pengawasan`: where reports are late or about to be, per agency and per
//! province, with links down to the queue (national administrators and oversight).

use leptos::prelude::*;

use super::WorkspaceFailed;
use crate::api::workspace::{fetch_oversight, OversightScreen};
use crate::i18n::{fill, t, Key};
use crate::paths;

#[component]
pub fn OversightPage() -> impl IntoView {
    let screen = super::page_data(|| (), |_| fetch_oversight());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(screen) => view! { <OversightView screen/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error forbidden=Key::WsOversightForbidden/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The queue of late (`terlambat`) or due-soon (`segera`) reports narrowed by `filter`.
fn queue(queue: &str, filter: &str) -> String {
    format!("{}?antrean={queue}&{filter}", paths::WORKSPACE_QUEUE)
}

#[component]
fn OversightView(screen: OversightScreen) -> impl IntoView {
    let OversightScreen { me: _, view } = screen;
    let agencies = view
        .agencies
        .into_iter()
        .map(|a| {
            let by = format!("instansi={}", paths::query_value(&a.code));
            view! {
                <tr>
                    <th scope="row">{a.name}</th>
                    <td>{a.open}</td>
                    <td><a href=queue("terlambat", &by)>{a.overdue}</a></td>
                    <td><a href=queue("segera", &by)>{a.at_risk}</a></td>
                </tr>
            }
        })
        .collect_view();
    let regions = view
        .regions
        .into_iter()
        .map(|r| {
            let by = format!("wilayah={}", paths::query_value(&r.code));
            view! {
                <tr>
                    <th scope="row">{r.name}</th>
                    <td><a href=queue("terlambat", &by)>{r.overdue}</a></td>
                    <td><a href=queue("segera", &by)>{r.at_risk}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{t(Key::WsOversight)}</h1>
        <ul class="card">
            <li data-testid="unverified-late">
                <a href=queue("terlambat", "status=submitted")>
                    {fill(t(Key::WsOversightUnverified), &[("n", &view.unverified_late.to_string())])}
                </a>
            </li>
            <li data-testid="reopened">{fill(t(Key::WsOversightReopened), &[("n", &view.reopened.to_string())])}</li>
        </ul>
        <h2>{t(Key::WsOversightAgencies)}</h2>
        <div class="table-wrap"><table data-testid="oversight-agencies">
            <thead><tr>
                <th scope="col">{t(Key::WsColAgency)}</th>
                <th scope="col">{t(Key::WsOversightOpen)}</th>
                <th scope="col">{t(Key::WsOversightOverdue)}</th>
                <th scope="col">{t(Key::WsOversightAtRisk)}</th>
            </tr></thead>
            <tbody>{agencies}</tbody>
        </table></div>
        <h2>{t(Key::WsOversightRegions)}</h2>
        <div class="table-wrap"><table data-testid="oversight-regions">
            <thead><tr>
                <th scope="col">{t(Key::WsRegion)}</th>
                <th scope="col">{t(Key::WsOversightOverdue)}</th>
                <th scope="col">{t(Key::WsOversightAtRisk)}</th>
            </tr></thead>
            <tbody>{regions}</tbody>
        </table></div>
    }
}
