use leptos::prelude::*;

use super::queue::queue_href;
use super::{page_data, WorkspaceFailed};
use crate::api::workspace::{fetch_dashboard, DashboardScreen};
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::workspace::{Queue, QueueFilter};
use crate::model::TrackingNumber;
use crate::paths;

/// `/ruang-kerja`: where a staff member's day starts. What needs action today, each a
/// link into its queue; the most urgent reports with their deadlines; for oversight,
/// the agencies with the most overdue reports. Follows the live stream like a queue.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let news = super::LiveNews::get();
    let heard = move || news.map(|n| n.count()).unwrap_or_default();
    let screen = page_data(heard, |_| fetch_dashboard());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(screen) => view! { <DashboardView screen/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DashboardView(screen: DashboardScreen) -> impl IntoView {
    let locale = use_locale();
    let DashboardScreen {
        me: _,
        tiles,
        urgent,
        lagging,
    } = screen;
    let none = QueueFilter::default();
    let tiles = tiles
        .into_iter()
        .map(|(queue, count)| {
            let warn = matches!(queue, Queue::Overdue) && count > 0;
            view! {
                <li>
                    <a class="tile" class:tile-warn=warn href=queue_href(queue, &none, 0) data-tile=queue.code()>
                        <span class="tile-count" data-testid=format!("tile-{}", queue.code())>{count}</span>
                        <span class="tile-label">{t(labels::queue(queue))}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let no_urgent = urgent.is_empty();
    let rows = urgent
        .into_iter()
        .map(|report| {
            let row = report.row;
            let number = TrackingNumber::parse(&row.tracking_number).ok();
            let href = number
                .as_ref()
                .map(|n| paths::staff_report(n.as_str()))
                .unwrap_or_default();
            let display = number.map(|n| n.display()).unwrap_or_default();
            let due = row
                .due_on
                .map(|d| labels::date(d, locale))
                .unwrap_or_default();
            let (class, badge) = if report.overdue {
                (
                    "badge badge-late",
                    fill(t(Key::WsBadgeLate), &[("date", &due)]),
                )
            } else {
                (
                    "badge badge-soon",
                    fill(t(Key::WsBadgeDue), &[("date", &due)]),
                )
            };
            view! {
                <tr data-row>
                    <td><a href=href data-testid="urgent-report">{display}</a></td>
                    <td>{row.title}</td>
                    <td>{t(labels::status(row.status))}</td>
                    <td><span class=class>{badge}</span></td>
                </tr>
            }
        })
        .collect_view();
    let lagging = lagging.map(|agencies| {
        let none = agencies.is_empty();
        let rows = agencies
            .into_iter()
            .map(|agency| {
                let filter = QueueFilter {
                    agency: Some(agency.code.clone()),
                    ..QueueFilter::default()
                };
                view! {
                    <tr>
                        <td><a href=queue_href(Queue::Overdue, &filter, 0)>{agency.name}</a></td>
                        <td class="number" data-testid="lagging-overdue">{agency.overdue}</td>
                        <td class="number">{agency.open}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="card" data-testid="lagging">
                <h2>{t(Key::WsLaggingTitle)}</h2>
                {if none {
                    view! { <p class="hint" data-testid="lagging-empty">{t(Key::WsNoLagging)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap"><table class="queue">
                            <thead><tr>
                                <th scope="col">{t(Key::WsColAgency)}</th>
                                <th scope="col" class="number">{t(Key::WsQueueOverdue)}</th>
                                <th scope="col" class="number">{t(Key::WsOpen)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table></div>
                    }.into_any()
                }}
            </section>
        }
    });
    view! {
        <h1>{t(Key::WsNavDashboard)}</h1>
        <section aria-labelledby="today">
            <h2 id="today">{t(Key::WsTodayTitle)}</h2>
            <ul class="tiles" data-testid="tiles">{tiles}</ul>
        </section>
        <section class="card">
            <h2>{t(Key::WsUrgentTitle)}</h2>
            {if no_urgent {
                view! { <p class="hint" data-testid="urgent-empty">{t(Key::WsUrgentNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="queue">
                        <thead><tr>
                            <th scope="col">{t(Key::WsColNumber)}</th><th scope="col">{t(Key::WsColTitle)}</th>
                            <th scope="col">{t(Key::WsColStatus)}</th><th scope="col">{t(Key::WsColDue)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        {lagging}
    }
}
