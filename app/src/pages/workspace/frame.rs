//! The staff's frame around every workspace page: their own header (the Lapor mark, who
//! is signed in, the workspace's navigation, the language, sign-out), the page, and a
//! footer that says where to get help. No citizen links: the staff's pages never wear
//! the citizens' header and footer (`components::layout` leaves them out).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::page_data;
use crate::api::workspace::{fetch_desk, read_queue_query, StaffBadge};
use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::model::oversight::may_oversee;
use crate::model::workspace::{queues_for, Queue, SavedView};
use crate::model::Role;
use crate::paths;

/// The frame of the workspace's island, around its routes: it stays while its pages
/// change (its data, who is signed in, is read once).
#[component]
pub fn StaffFrame(children: Children) -> impl IntoView {
    let changed = DeskChanged(RwSignal::new(0));
    provide_context(changed);
    let desk = page_data(move || changed.0.get(), |_| fetch_desk());
    view! {
        <Transition fallback=|| view! { <StaffHeader me=None/> }>
            {move || Suspend::new(async move {
                let (me, views) = match desk.await {
                    Ok(desk) => (Some(desk.me), desk.views),
                    Err(_) => (None, Vec::new()),
                };
                view! { <StaffHeader me views/> }
            })}
        </Transition>
        <main id="main" tabindex="-1" class="desk">{children()}</main>
        <StaffFooter/>
    }
}

/// Bumped by a page that changed what the frame shows (a saved view added or deleted):
/// the frame reads its data again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeskChanged(pub RwSignal<u64>);

impl DeskChanged {
    /// Tells the frame (when there is one: inside the island).
    pub(crate) fn tell() {
        if let Some(changed) = use_context::<Self>() {
            changed.0.update(|n| *n += 1);
        }
    }
}

/// A staff page the server renders outside the island (sign-in, import): the same
/// frame around `children`.
#[component]
pub fn StaffFrameStatic(me: Option<StaffBadge>, children: Children) -> impl IntoView {
    view! {
        <StaffHeader me/>
        <main id="main" tabindex="-1" class="desk">{children()}</main>
        <StaffFooter/>
    }
}

/// One entry of the workspace's navigation.
struct NavEntry {
    href: &'static str,
    label: Key,
    /// Left to the browser (a page outside the workspace's router).
    external: bool,
}

/// The navigation a role sees: dashboard, queues, search, statistics, oversight where
/// the role oversees, audit and import for national administrators, the account.
fn navigation(role: Role) -> Vec<NavEntry> {
    let entry = |href, label, external| NavEntry {
        href,
        label,
        external,
    };
    let mut entries = vec![
        entry(paths::WORKSPACE, Key::WsNavDashboard, false),
        entry(paths::WORKSPACE_QUEUE, Key::WsNavQueue, false),
        entry(paths::WORKSPACE_SEARCH, Key::WsNavSearch, false),
        entry(paths::STATISTICS, Key::WsNavStatistics, true),
    ];
    if queues_for(role).contains(&Queue::Mine) {
        entries.insert(2, entry(paths::WORKSPACE_MINE, Key::WsQueueMine, false));
    }
    if may_oversee(role) {
        entries.push(entry(paths::WORKSPACE_OVERSIGHT, Key::WsOversight, false));
    }
    if role == Role::NationalAdmin {
        entries.push(entry(paths::WORKSPACE_AUDIT, Key::WsNavAudit, false));
        entries.push(entry(paths::WORKSPACE_IMPORT, Key::WsImport, true));
    }
    entries.push(entry(paths::WORKSPACE_ACCOUNT, Key::WsNavAccount, false));
    entries
}

/// Whether `href` is the page at `path`; `queue` is that page's address in the form
/// the workspace writes (`QueueQuery::address`) when it is a queue. A saved view is
/// that exact queue; my work is its queue whatever the filters; the queues are the
/// others, and a report's page belongs to them.
fn is_current(href: &str, path: &str, queue: Option<&str>) -> bool {
    let path = path.trim_end_matches('/');
    let mine = queue.is_some_and(|here| {
        here == paths::WORKSPACE_MINE || here.starts_with(&format!("{}&", paths::WORKSPACE_MINE))
    });
    if href == paths::WORKSPACE_MINE {
        return mine;
    }
    if href.contains('?') {
        return queue == Some(href);
    }
    if href == paths::WORKSPACE {
        return path == paths::WORKSPACE;
    }
    if href == paths::WORKSPACE_QUEUE {
        return (path == href && !mine)
            || path.starts_with(&format!("{}/laporan/", paths::WORKSPACE));
    }
    path == href
}

#[component]
fn StaffHeader(me: Option<StaffBadge>, #[prop(optional)] views: Vec<SavedView>) -> impl IntoView {
    let locale = use_locale();
    let other = locale.other();
    let location = use_location();
    let switch_href = move || paths::language(other.code(), &location.pathname.get());
    // The queue page the reader is on, in the form saved views keep.
    let here = Memo::new(move |_| {
        let on_queue = location
            .pathname
            .with(|p| p.trim_end_matches('/') == paths::WORKSPACE_QUEUE);
        on_queue
            .then(|| {
                location
                    .query
                    .with(|q| read_queue_query(|name| q.get(name)).address())
            })
            .flatten()
    });
    let current = move |href: &str| {
        location
            .pathname
            .with(|path| is_current(href, path, here.read().as_deref()))
            .then_some("page")
    };
    let signed_in = me.map(|me| {
        let place = [me.agency_name.clone(), me.unit.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let links = navigation(me.role)
            .into_iter()
            .map(|entry| {
                let href = entry.href;
                let current = move || current(href);
                view! {
                    <li>
                        <a href=href aria-current=current rel=entry.external.then_some("external")>
                            {t(entry.label)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        let saved = (!views.is_empty()).then(|| {
            let items = views
                .into_iter()
                .map(|view| {
                    let href = view.address;
                    let current = {
                        let href = href.clone();
                        move || current(&href)
                    };
                    view! { <li><a href=href aria-current=current data-testid="saved-view">{view.name}</a></li> }
                })
                .collect_view();
            view! {
                <nav class="staff-views" aria-label=t(Key::WsNavViews)>
                    <span class="staff-views-label" aria-hidden="true">{t(Key::WsNavViews)}</span>
                    <ul>{items}</ul>
                </nav>
            }
        });
        view! {
            <nav class="staff-nav" aria-label=t(Key::WsNavLabel)>
                <ul>{links}</ul>
            </nav>
            {saved}
            <div class="staff-who">
                <p>
                    <strong data-testid="staff-name">{me.name}</strong>
                    <span class="staff-role">{t(labels::role(me.role))}</span>
                    {(!place.is_empty()).then(|| view! { <span class="staff-place">{place}</span> })}
                </p>
                <form method="post" action=paths::STAFF_SIGN_OUT>
                    <button type="submit" class="button secondary small">{t(Key::WsSignOut)}</button>
                </form>
            </div>
        }
    });
    view! {
        <header class="staff-header">
            <div class="staff-top">
                <a class="brand" href=paths::WORKSPACE>
                    <span class="brand-mark">"LAPOR!"</span>
                    <span class="brand-sub">{t(Key::WsTitle)}</span>
                </a>
                <a class="lang" href=switch_href hreflang=other.code() lang=other.code() rel="external">
                    {t(Key::LanguageSwitch)}
                </a>
            </div>
            {signed_in}
        </header>
    }
}

#[component]
fn StaffFooter() -> impl IntoView {
    view! {
        <footer class="staff-footer">
            <p>{t(Key::WsHelp)}</p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_finds_its_pages_and_only_national_administrators_the_audit() {
        let hrefs = |role| {
            navigation(role)
                .into_iter()
                .map(|e| e.href)
                .collect::<Vec<_>>()
        };
        for role in Role::STAFF {
            let mine = hrefs(role);
            for page in [
                paths::WORKSPACE,
                paths::WORKSPACE_QUEUE,
                paths::WORKSPACE_SEARCH,
                paths::WORKSPACE_ACCOUNT,
            ] {
                assert!(mine.contains(&page), "{role:?} {page}");
            }
            assert_eq!(
                mine.contains(&paths::WORKSPACE_AUDIT),
                role == Role::NationalAdmin,
                "{role:?}"
            );
            assert_eq!(
                mine.contains(&paths::WORKSPACE_OVERSIGHT),
                may_oversee(role),
                "{role:?}"
            );
            assert_eq!(
                mine.contains(&paths::WORKSPACE_MINE),
                role != Role::Oversight,
                "{role:?}"
            );
        }
    }

    #[test]
    fn a_reports_page_belongs_to_the_queues_and_the_dashboard_is_only_itself() {
        assert!(is_current(paths::WORKSPACE, "/ruang-kerja", None));
        assert!(!is_current(paths::WORKSPACE, "/ruang-kerja/antrean", None));
        assert!(is_current(
            paths::WORKSPACE_QUEUE,
            "/ruang-kerja/laporan/ABCDEFGHJ",
            None
        ));
        assert!(is_current(
            paths::WORKSPACE_ACCOUNT,
            "/ruang-kerja/akun/",
            None
        ));
        // A saved view is its exact queue, as a form's address reads (empty fields, the
        // parameters in any order); my work is its queue with any filter.
        let queue = "/ruang-kerja/antrean";
        let view = "/ruang-kerja/antrean?antrean=semua&cari=jalan";
        let here = |query: &str| {
            let pairs: Vec<(&str, &str)> =
                query.split('&').filter_map(|p| p.split_once('=')).collect();
            read_queue_query(|name| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            })
            .address()
        };
        let form = here("cari=jalan&jenis=&antrean=semua&status=");
        assert!(is_current(view, queue, form.as_deref()));
        let other = here("antrean=semua");
        assert!(!is_current(view, queue, other.as_deref()));
        assert!(is_current(paths::WORKSPACE_QUEUE, queue, other.as_deref()));
        let mine = here("antrean=milik-saya&cari=lampu");
        assert!(is_current(paths::WORKSPACE_MINE, queue, mine.as_deref()));
        assert!(!is_current(paths::WORKSPACE_QUEUE, queue, mine.as_deref()));
        assert!(!is_current(paths::WORKSPACE_MINE, queue, other.as_deref()));
    }
}
