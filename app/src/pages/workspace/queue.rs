use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{bulk, WorkspaceFailed};
use crate::api::workspace::{
    fetch_queue, queue_query_string, read_queue_query, BulkDone, DeleteView, QueueScreen, SaveView,
    TakeBulkStep, BULK_ANSWER,
};
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::workspace::{
    DeadlineFilter, Queue, QueueFilter, SavedView, PAGE_SIZE, VIEW_NAME_MAX,
};
use crate::model::{Channel, Classification, Status, TrackingNumber};
use crate::paths;

/// `/ruang-kerja/antrean`: the queues of the signed-in staff member's role with their counts,
/// one queue's reports (soonest deadline first), filters and search. Plain links and a
/// GET form: every state of the page has its own address.
///
/// `/ruang-kerja/cari` (`search`): the same, every report in scope unless a queue is
/// chosen, with the search field focused.
#[component]
pub fn QueuePage(#[prop(optional)] search: bool) -> impl IntoView {
    let query = use_query_map();
    // Fetched again when the address changes, and when the live stream says a report in
    // the reader's scope changed (the rows and counts follow; the page stays as it is
    // until the fresh one is there) — but not while reports are ticked for a bulk step:
    // the rows stay as they were chosen (a report changed meanwhile is refused by its
    // version and named in the answer), and a notice says the queue changed.
    let news = super::LiveNews::get();
    let selection = Selection {
        ticked: RwSignal::new(false),
        held_back: RwSignal::new(false),
        done: RwSignal::new(0),
    };
    let live = Memo::new(move |before: Option<&u64>| {
        let heard = news.map(|n| n.count()).unwrap_or_default();
        // Looked at again when ticks change: a news held back comes in once none is.
        selection.ticked.track();
        match before {
            Some(&before) if heard != before && any_ticked() => {
                selection.held_back.set(true);
                before
            }
            _ => heard,
        }
    });
    let read = move || {
        let heard = live.get();
        let mut q = read_queue_query(|name| query.read().get(name));
        if search && q.queue.is_none() {
            q.queue = Some(Queue::All.code().to_string());
        }
        (q, heard)
    };
    let actions = QueueActions {
        bulk: ServerAction::new(),
        save: ServerAction::new(),
        delete: ServerAction::new(),
    };
    // A plain form's answer in the address (without JavaScript; its errors the actions
    // read from the address themselves).
    let plain_bulk: Option<BulkDone> = super::answer_in_address(&query, BULK_ANSWER);
    let answers = QueueAnswers {
        bulk: StoredValue::new(plain_bulk),
    };
    // A bulk step that was taken comes with fresh rows (nothing ticked any more); one
    // refused as a whole (a missing reason) keeps the rows and what was ticked.
    Effect::new(move |_| {
        if matches!(actions.bulk.value().get(), Some(Ok(_))) {
            selection.done.update(|n| *n += 1);
            selection.ticked.set(false);
            selection.held_back.set(false);
        }
    });
    // A saved view added or deleted shows in the frame's navigation.
    Effect::new(move |_| {
        if actions.save.version().get() + actions.delete.version().get() > 0 {
            super::frame::DeskChanged::tell();
        }
    });
    let read = move || {
        let (q, heard) = read();
        let done = (
            selection.done.get(),
            actions.save.version().get(),
            actions.delete.version().get(),
        );
        (q, heard, done)
    };
    let screen = super::page_data(read, |(q, _, _)| fetch_queue(q.queue, q.filter, q.page));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(screen) => view! { <QueueView screen search actions answers selection/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The calls a queue page makes: a bulk step, saving this view, deleting it.
#[derive(Clone, Copy)]
struct QueueActions {
    bulk: ServerAction<TakeBulkStep>,
    save: ServerAction<SaveView>,
    delete: ServerAction<DeleteView>,
}

/// Whether reports are ticked for a bulk step (as the checkboxes change), whether the
/// live stream was held back meanwhile, and how many bulk steps were taken.
#[derive(Clone, Copy)]
struct Selection {
    ticked: RwSignal<bool>,
    held_back: RwSignal<bool>,
    done: RwSignal<u64>,
}

/// Whether any report of the page is ticked for a bulk step.
fn any_ticked() -> bool {
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector("input[name=\"laporan[]\"]:checked")
            .ok()
            .flatten()
            .is_some()
    }
    #[cfg(feature = "ssr")]
    {
        false
    }
}

impl Selection {
    /// Looks at the ticks after a checkbox changed (a change event from the table).
    fn recount(self) -> impl Fn(leptos::ev::Event) + Copy + 'static {
        move |_| {
            let ticked = any_ticked();
            self.ticked.set(ticked);
            if !ticked {
                self.held_back.set(false);
            }
        }
    }
}

/// What came back to the page in its address after a plain form's post.
#[derive(Clone, Copy)]
struct QueueAnswers {
    bulk: StoredValue<Option<BulkDone>>,
}

/// The address of `queue` with `filter` on page `page` (from 0).
pub(super) fn queue_href(queue: Queue, filter: &QueueFilter, page: i64) -> String {
    format!(
        "{}?{}",
        paths::WORKSPACE_QUEUE,
        queue_query_string(queue, filter, page)
    )
}

#[component]
fn QueueView(
    screen: QueueScreen,
    search: bool,
    actions: QueueActions,
    answers: QueueAnswers,
    selection: Selection,
) -> impl IntoView {
    let locale = use_locale();
    let QueueScreen {
        me: _,
        queue,
        page,
        filter,
        result,
        categories,
        bulk,
        agencies,
        units,
        address,
        saved,
    } = screen;
    let selectable = !bulk.is_empty();
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
            let select = selectable
                .then(|| view! { <td class="select">{bulk::select_box(&compact, &display, row.version)}</td> });
            view! {
                <tr data-row>
                    {select}
                    <td><a href=paths::staff_report(&compact) data-testid="queue-report">{display}</a></td>
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
    let select_all =
        selectable.then(|| view! { <th scope="col" class="select">{bulk::select_all()}</th> });
    let table = view! {
        <div class="table-wrap"><table class="queue">
            <thead><tr>
                {select_all}
                <th>{t(Key::WsColNumber)}</th><th>{t(Key::WsColTitle)}</th><th>{t(Key::WsColClassification)}</th>
                <th>{t(Key::WsColStatus)}</th><th>{t(Key::WsColDue)}</th><th>{t(Key::WsColAgency)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    };
    // Rows to act on: the table inside the bulk form (none when the queue is empty).
    let table = if selectable && result.total > 0 {
        let choices = bulk::BulkChoices {
            steps: bulk,
            agencies,
            units,
        };
        view! { <bulk::BulkForm action=actions.bulk choices>{table}</bulk::BulkForm> }.into_any()
    } else if result.total > 0 {
        table.into_any()
    } else {
        ().into_any()
    };
    // The last bulk step's answer: the call's (JavaScript), or the plain form's.
    let bulk_answer = move || {
        actions
            .bulk
            .value()
            .get()
            .or_else(|| answers.bulk.get_value().map(Ok))
            .map(|answer| view! { <bulk::BulkAnswer answer/> })
    };
    view! {
        <h1>{t(Key::WsTitle)}</h1>
        <nav aria-label=t(Key::WsQueues) data-live="queues"><ul class="queues">{tabs}</ul></nav>
        <Filters queue filter=filter.clone() categories search/>
        <SaveViewForm actions address saved/>
        {bulk_answer}
        <p class="flash" role="status" hidden=move || !selection.held_back.get() data-testid="queue-held">{t(Key::WsQueueHeldBack)}</p>
        <div data-live="rows" on:change=selection.recount()>
            <p class="hint">{total_text} " · "
                <a href=format!("{}?{}", paths::WORKSPACE_EXPORT, queue_query_string(queue, &filter, 0)) download data-testid="export" title=t(Key::WsExportHint)>{t(Key::WsExport)}</a></p>
            {empty}
            {table}
            <p class="pager">{prev} " " {next}</p>
        </div>
        <p class="hint">{t(Key::WsShortcutsQueue)}</p>
    }
}

/// Save this queue with its filters under a name (it shows in the navigation), or,
/// when it is one of the reader's saved views, delete it.
#[component]
fn SaveViewForm(actions: QueueActions, address: String, saved: Option<SavedView>) -> impl IntoView {
    let locale = use_locale();
    let save_error = move || match actions.save.value().get() {
        Some(Err(error)) => {
            Some(view! { <p class="error" role="alert">{super::error_text(&error, locale)}</p> })
        }
        _ => None,
    };
    let saved_line = move || match actions.save.value().get() {
        Some(Ok(view)) => Some(view! {
            <p class="flash" role="status" data-testid="view-saved">{fill(t(Key::WsViewSaved), &[("name", &view.name)])}</p>
        }),
        _ => None,
    };
    if let Some(view) = saved {
        let label = fill(t(Key::WsDeleteView), &[("name", &view.name)]);
        return view! {
            <div class="saved-view">
                {saved_line}
                <ActionForm action=actions.delete>
                    <input type="hidden" name="id" value=view.id.to_string()/>
                    <button type="submit" class="button secondary small" data-testid="delete-view">{label}</button>
                </ActionForm>
            </div>
        }
        .into_any();
    }
    // Open when saving failed, so the reason shows (also after a plain form's post).
    let failed = move || matches!(actions.save.value().get(), Some(Err(_)));
    view! {
        <details class="saved-view" open=failed>
            <summary data-testid="open-save-view">{t(Key::WsSaveView)}</summary>
            <ActionForm action=actions.save>
                <input type="hidden" name="alamat" value=address/>
                <label for="nama-tampilan">{t(Key::WsFieldViewName)}</label>
                <input id="nama-tampilan" name="nama" maxlength=VIEW_NAME_MAX.to_string() autocomplete="off" aria-describedby="nama-tampilan-hint"/>
                <p class="hint" id="nama-tampilan-hint">{t(Key::WsSaveViewHint)}</p>
                <button type="submit" class="button secondary" data-testid="save-view">{t(Key::WsSaveView)}</button>
            </ActionForm>
            {save_error}
        </details>
    }
    .into_any()
}

#[component]
fn Filters(
    queue: Queue,
    filter: QueueFilter,
    categories: Vec<crate::components::choice::Choice>,
    search: bool,
) -> impl IntoView {
    let classifications = choices(
        &Classification::ALL,
        Classification::code,
        labels::classification,
    );
    let channels = choices(&Channel::ALL, Channel::code, labels::channel);
    let statuses = choices(&Status::ALL, Status::code, labels::status);
    let deadlines = choices(
        &DeadlineFilter::ALL,
        DeadlineFilter::code,
        labels::deadline_filter,
    );
    let categories = categories.into_iter().map(|c| (c.value, c.label)).collect();
    view! {
        // A GET to the queue's address: in the browser the router moves there (no page
        // load), without JavaScript the browser does.
        <form method="get" action=paths::WORKSPACE_QUEUE class="filters" role="search" on:submit=apply_filters()>
            <input type="hidden" name="antrean" value=queue.code()/>
            {filter.agency.clone().map(|code| view! { <input type="hidden" name="instansi" value=code/> })}
            <div class="filter filter-search">
                <label for="cari">{t(Key::WsSearch)}</label>
                <input id="cari" name="cari" type="search" value=filter.search.clone().unwrap_or_default() data-shortcut="search" autofocus=search/>
            </div>
            {filter_select("jenis", Key::WsColClassification, classifications, filter.classification.map(|c| c.code().to_string()))}
            {filter_select("kategori", Key::WsCategory, categories, filter.category_id.map(|c| c.to_string()))}
            <div class="filter">
                <label for="wilayah">{t(Key::WsRegion)}</label>
                <input id="wilayah" name="wilayah" inputmode="decimal" size="8" value=filter.region_code.clone().unwrap_or_default()/>
            </div>
            {filter_select("saluran", Key::WsChannel, channels, filter.channel.map(|c| c.code().to_string()))}
            {filter_select("status", Key::WsColStatus, statuses, filter.status.map(|s| s.code().to_string()))}
            {filter_select("tenggat", Key::WsColDue, deadlines, filter.deadline.map(|d| d.code().to_string()))}
            <div class="filter-actions">
                <button type="submit">{t(Key::WsApply)}</button>
                <a href=format!("{}?antrean={}", paths::WORKSPACE_QUEUE, queue.code())>{t(Key::WsClear)}</a>
            </div>
        </form>
    }
}

/// The filter form's submit in the browser: the queue's address with the form's fields,
/// through the workspace's router (the address is whole: the router's base is not added).
fn apply_filters() -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let navigate = leptos_router::hooks::use_navigate();
    move |event| {
        #[cfg(not(feature = "ssr"))]
        {
            use wasm_bindgen::JsCast;

            let Some(form) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
                return;
            };
            event.prevent_default();
            let options = leptos_router::NavigateOptions {
                resolve: false,
                ..Default::default()
            };
            navigate(
                &format!(
                    "{}?{}",
                    paths::WORKSPACE_QUEUE,
                    String::from(query.to_string())
                ),
                options,
            );
        }
        #[cfg(feature = "ssr")]
        let _ = (&navigate, event);
    }
}

/// Every value of a model enum as (code, label in the reader's language).
fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> Key,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&v| (code(v).to_string(), t(label(v)).to_string()))
        .collect()
}

/// One filter of the queue form: a labelled select whose first choice is "any";
/// `options` are (value, label) pairs, `current` the value chosen now.
fn filter_select(
    name: &'static str,
    label: Key,
    options: Vec<(String, String)>,
    current: Option<String>,
) -> impl IntoView {
    view! {
        <div class="filter">
            <label for=name>{t(label)}</label>
            <select id=name name=name>
                <option value="">{t(Key::WsAny)}</option>
                {options.into_iter().map(|(value, text)| {
                    let chosen = current.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_carry_every_filter_and_encode_what_people_type() {
        assert_eq!(
            paths::query_value("ani+lapor@contoh.id"),
            "ani%2Blapor%40contoh.id"
        );
        let filter = QueueFilter {
            deadline: Some(DeadlineFilter::Overdue),
            search: Some("jalan rusak & banjir".into()),
            ..QueueFilter::default()
        };
        let href = queue_href(Queue::All, &filter, 1);
        assert_eq!(
            href,
            "/ruang-kerja/antrean?antrean=semua&tenggat=lewat&cari=jalan%20rusak%20%26%20banjir&halaman=2"
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
