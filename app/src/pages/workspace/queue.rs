use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{StaffBar, WorkspaceFailed};
use crate::api::workspace::{fetch_queue, QueueScreen};
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::workspace::{DeadlineFilter, Queue, QueueFilter, PAGE_SIZE};
use crate::model::{Channel, Classification, Status, TrackingNumber};

/// The URL parameters of a queue page (and of its CSV export, which takes the same).
#[derive(Debug, Clone, PartialEq)]
pub struct QueueQuery {
    pub queue: Option<String>,
    pub filter: QueueFilter,
    /// From 0.
    pub page: Option<i64>,
}

/// Reads a queue address's parameters by name; unknown values are no filter.
pub fn read_queue_query(get: impl Fn(&str) -> Option<String>) -> QueueQuery {
    let text = |name: &str| get(name).filter(|v| !v.trim().is_empty());
    QueueQuery {
        queue: text("antrean"),
        filter: QueueFilter {
            classification: text("jenis").and_then(|c| Classification::from_code(&c)),
            category_id: text("kategori").and_then(|c| c.parse().ok()),
            region_code: text("wilayah"),
            channel: text("saluran").and_then(|c| Channel::from_code(&c)),
            status: text("status").and_then(|c| Status::from_code(&c)),
            deadline: text("tenggat").and_then(|c| DeadlineFilter::from_code(&c)),
            search: text("cari"),
        },
        page: text("halaman")
            .and_then(|p| p.parse::<i64>().ok())
            .map(|p| p - 1),
    }
}

/// `/ruang-kerja`: the queues of the signed-in staff member's role with their counts,
/// one queue's reports (soonest deadline first), filters and search. Plain links and a
/// GET form: every state of the page has its own address.
#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let read = move || read_queue_query(|name| query.read().get(name));
    let screen = Resource::new_blocking(read, |q| fetch_queue(q.queue, q.filter, q.page));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(screen) => view! { <QueueView screen/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The address of `queue` with `filter` on page `page` (from 0).
fn queue_href(queue: Queue, filter: &QueueFilter, page: i64) -> String {
    format!("/ruang-kerja?{}", queue_query_string(queue, filter, page))
}

fn queue_query_string(queue: Queue, filter: &QueueFilter, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("antrean", queue.code().to_string())];
    if let Some(c) = filter.classification {
        pairs.push(("jenis", c.code().into()));
    }
    if let Some(c) = filter.category_id {
        pairs.push(("kategori", c.to_string()));
    }
    if let Some(r) = &filter.region_code {
        pairs.push(("wilayah", r.clone()));
    }
    if let Some(c) = filter.channel {
        pairs.push(("saluran", c.code().into()));
    }
    if let Some(s) = filter.status {
        pairs.push(("status", s.code().into()));
    }
    if let Some(d) = filter.deadline {
        pairs.push(("tenggat", d.code().into()));
    }
    if let Some(s) = &filter.search {
        pairs.push(("cari", s.clone()));
    }
    if page > 0 {
        pairs.push(("halaman", (page + 1).to_string()));
    }
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", urlencode(&v)))
        .collect();
    query.join("&")
}

/// A query-string value, percent-encoded (also used for the audit page's email links).
pub(super) fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn QueueView(screen: QueueScreen) -> impl IntoView {
    let locale = use_locale();
    let QueueScreen {
        me,
        queue,
        page,
        filter,
        result,
        categories,
    } = screen;
    let tabs = result
        .counts
        .iter()
        .map(|&(each, count)| {
            let current = (each == queue).then_some("page");
            view! {
                <li>
                    <a href=queue_href(each, &filter, 0) aria-current=current data-queue=each.code()>
                        {t(labels::queue(each))} " " <span class="count" data-testid=format!("count-{}", each.code())>{count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let pages = (result.total + PAGE_SIZE - 1) / PAGE_SIZE;
    let rows = result
        .rows
        .into_iter()
        .map(|row| {
            let compact = TrackingNumber::parse(&row.tracking_number)
                .map(|n| n.as_str().to_string())
                .unwrap_or_default();
            let display = TrackingNumber::parse(&row.tracking_number)
                .map(|n| n.display())
                .unwrap_or_default();
            let flags = [
                row.anonymous.then(|| t(Key::WsFlagAnonymous)),
                row.confidential.then(|| t(Key::WsFlagConfidential)),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            view! {
                <tr data-row>
                    <td><a href=format!("/ruang-kerja/laporan/{compact}") data-testid="queue-report">{display}</a></td>
                    <td>{row.title} <small class="hint">{flags}</small></td>
                    <td>{t(labels::classification(row.classification))}</td>
                    <td>{t(labels::status(row.status))}</td>
                    <td>{row.due_on.map(|d| labels::date(d, locale))}</td>
                    <td>{row.agency_name} {row.unit.map(|u| view! { <small class="hint">" · " {u}</small> })}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = (result.total == 0)
        .then(|| view! { <p data-testid="queue-empty">{t(Key::WsQueueEmpty)}</p> });
    let prev = (page > 0).then(|| view! { <a href=queue_href(queue, &filter, page - 1) rel="prev">{t(Key::WsPagePrev)}</a> });
    let next = (page + 1 < pages).then(|| view! { <a href=queue_href(queue, &filter, page + 1) rel="next">{t(Key::WsPageNext)}</a> });
    let total_text = fill(t(Key::WsTotal), &[("n", &result.total.to_string())]);
    view! {
        <StaffBar me/>
        <h1>{t(Key::WsTitle)}</h1>
        <nav aria-label=t(Key::WsQueues) data-live="queues"><ul class="queues">{tabs}</ul></nav>
        <Filters queue filter=filter.clone() categories/>
        <div data-live="rows">
            <p class="hint">{total_text} " · "
                <a href=format!("/ruang-kerja/ekspor?{}", queue_query_string(queue, &filter, 0)) download data-testid="export" title=t(Key::WsExportHint)>{t(Key::WsExport)}</a></p>
            {empty}
            <div class="table-wrap"><table class="queue">
                <thead><tr>
                    <th>{t(Key::WsColNumber)}</th><th>{t(Key::WsColTitle)}</th><th>{t(Key::WsColClassification)}</th>
                    <th>{t(Key::WsColStatus)}</th><th>{t(Key::WsColDue)}</th><th>{t(Key::WsColAgency)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
            <p class="pager">{prev} " " {next}</p>
        </div>
        <p class="hint">{t(Key::WsShortcutsQueue)}</p>
    }
}

#[component]
fn Filters(
    queue: Queue,
    filter: QueueFilter,
    categories: Vec<crate::components::choice::Choice>,
) -> impl IntoView {
    let selected = |value: &str, current: Option<&str>| current == Some(value);
    let classification = filter.classification.map(|c| c.code());
    let channel = filter.channel.map(|c| c.code());
    let status = filter.status.map(|s| s.code());
    let deadline = filter.deadline.map(|d| d.code());
    let category = filter.category_id.map(|c| c.to_string());
    view! {
        <form method="get" action="/ruang-kerja" class="filters" role="search">
            <input type="hidden" name="antrean" value=queue.code()/>
            <div class="filter filter-search">
                <label for="cari">{t(Key::WsSearch)}</label>
                <input id="cari" name="cari" type="search" value=filter.search.clone().unwrap_or_default() data-shortcut="search"/>
            </div>
            <div class="filter">
                <label for="jenis">{t(Key::WsColClassification)}</label>
                <select id="jenis" name="jenis">
                    <option value="">{t(Key::WsAny)}</option>
                    {Classification::ALL.into_iter().map(|c| view! {
                        <option value=c.code() selected=selected(c.code(), classification)>{t(labels::classification(c))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="kategori">{t(Key::WsCategory)}</label>
                <select id="kategori" name="kategori">
                    <option value="">{t(Key::WsAny)}</option>
                    {categories.into_iter().map(|c| {
                        let is = category.as_deref() == Some(c.value.as_str());
                        view! { <option value=c.value selected=is>{c.label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="wilayah">{t(Key::WsRegion)}</label>
                <input id="wilayah" name="wilayah" inputmode="decimal" size="8" value=filter.region_code.clone().unwrap_or_default()/>
            </div>
            <div class="filter">
                <label for="saluran">{t(Key::WsChannel)}</label>
                <select id="saluran" name="saluran">
                    <option value="">{t(Key::WsAny)}</option>
                    {Channel::ALL.into_iter().map(|c| view! {
                        <option value=c.code() selected=selected(c.code(), channel)>{t(labels::channel(c))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="status">{t(Key::WsColStatus)}</label>
                <select id="status" name="status">
                    <option value="">{t(Key::WsAny)}</option>
                    {Status::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=selected(s.code(), status)>{t(labels::status(s))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter">
                <label for="tenggat">{t(Key::WsColDue)}</label>
                <select id="tenggat" name="tenggat">
                    <option value="">{t(Key::WsAny)}</option>
                    {DeadlineFilter::ALL.into_iter().map(|d| view! {
                        <option value=d.code() selected=selected(d.code(), deadline)>{t(labels::deadline_filter(d))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit">{t(Key::WsApply)}</button>
                <a href=format!("/ruang-kerja?antrean={}", queue.code())>{t(Key::WsClear)}</a>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_carry_every_filter_and_encode_what_people_type() {
        assert_eq!(urlencode("ani+lapor@contoh.id"), "ani%2Blapor%40contoh.id");
        let filter = QueueFilter {
            deadline: Some(DeadlineFilter::Overdue),
            search: Some("jalan rusak & banjir".into()),
            ..QueueFilter::default()
        };
        let href = queue_href(Queue::All, &filter, 1);
        assert_eq!(
            href,
            "/ruang-kerja?antrean=semua&tenggat=lewat&cari=jalan%20rusak%20%26%20banjir&halaman=2"
        );
        let query = href.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_string(), v.replace("%20", " ").replace("%26", "&")))
            .collect();
        let read = read_queue_query(|name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(read.filter, filter);
        assert_eq!(read.page, Some(1));
    }
}
