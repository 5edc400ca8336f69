//! One report on the feed (and on an agency's page): what it is about, where, who
//! handles it, where it stands against its deadline, and Dukung. Never who sent it.

use leptos::prelude::*;

use crate::api::public::SupportNotice;
use crate::components::deadline::DeadlineBadge;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::public_feed::FeedCard;
use crate::paths;

/// The feed's cards, or a sentence when there are none.
#[component]
pub fn Cards(
    cards: Vec<FeedCard>,
    /// The page the cards are on, for Dukung to come back to.
    here: String,
    supported: Option<SupportNotice>,
) -> impl IntoView {
    if cards.is_empty() {
        return view! { <p class="empty" data-testid="feed-empty">{t(Key::PublicFeedEmpty)}</p> }
            .into_any();
    }
    let notice = supported.map(|notice| {
        let key = match notice {
            SupportNotice::Counted => Key::PublicSupportCounted,
            SupportNotice::Already => Key::PublicSupportAlready,
            SupportNotice::Limited => Key::PublicSupportLimited,
        };
        view! { <p class="flash" role="status" data-testid="support-notice">{t(key)}</p> }
    });
    // Keyed by report: when the islands router swaps in another page of the feed (a
    // filter, the next page), it matches cards by these keys. A plain list has no
    // markers, and the router's walk left the previous cards standing when the count
    // changed.
    view! {
        {notice}
        <ol class="feed" data-testid="feed">
            <For each=move || cards.clone() key=|card| card.compact.clone() let:card>
                <Card card here=here.clone()/>
            </For>
        </ol>
    }
    .into_any()
}

#[component]
pub fn Card(card: FeedCard, here: String) -> impl IntoView {
    let locale = use_locale();
    let FeedCard {
        tracking_number,
        compact,
        title,
        excerpt,
        classification,
        category_name,
        region_code: _,
        region_name,
        agency_name,
        agency_code,
        status,
        submitted_on,
        deadline,
        supporters,
        supported,
    } = card;
    let agency = agency_name.map(|name| match agency_code {
        Some(code) => view! { <a href=paths::agency_page(&code)>{name}</a> }.into_any(),
        None => view! { <span>{name}</span> }.into_any(),
    });
    let count = fill(t(Key::PublicSupporters), &[("n", &supporters.to_string())]);
    let support = if supported {
        view! { <p class="support done">{t(Key::PublicSupportedByYou)} " · " {count}</p> }
            .into_any()
    } else {
        view! {
            <form method="post" action=paths::support(&compact) class="support">
                <input type="hidden" name="ke" value=here/>
                <button type="submit" class="button secondary">{t(Key::PublicSupport)}</button>
                " " <span>{count}</span>
            </form>
        }
        .into_any()
    };
    view! {
        <li class="card feed-card" id=format!("laporan-{compact}") data-testid="feed-card">
            <p class="hint">
                {t(labels::classification(classification))} " · " {tracking_number} " · "
                <time datetime=submitted_on.to_string()>{labels::date(submitted_on, locale)}</time>
            </p>
            <h2><a href=paths::track(&compact)>{title}</a></h2>
            <p>{excerpt}</p>
            <p class="meta">
                <strong>{t(labels::status(status))}</strong>
                {agency.map(|a| view! { " · " {a} })}
                {region_name.map(|r| view! { " · " {r} })}
                {category_name.map(|c| view! { " · " {c} })}
            </p>
            {deadline.map(|deadline| view! { <DeadlineBadge deadline/> })}
            {support}
        </li>
    }
}
