//! `/laporan`: every verified, non-confidential report, newest first, with filters that
//! are plain GET parameters (a filtered feed is a link to share) and older pages by a
//! cursor.

use leptos::prelude::*;
use leptos_meta::Meta;

use super::card::Cards;
use crate::api::public::{FeedScreen, FilterOption};
use crate::i18n::{fill, t, Key};
use crate::labels;
use crate::model::public_feed::{param, FEED_STATUSES};
use crate::model::Classification;
use crate::pages::not_found::NotFound;
use crate::paths;

#[component]
pub fn FeedPage() -> impl IntoView {
    let Some(screen) = use_context::<FeedScreen>() else {
        return NotFound().into_any();
    };
    let FeedScreen {
        filter,
        page,
        ignored,
        agency_name,
        categories,
        regions,
        supported,
        here,
    } = screen;
    let next = page.next.clone().map(|cursor| {
        let mut pairs = filter.pairs(false);
        pairs.push((param::BEFORE, cursor));
        paths::feed_with(&pairs)
    });
    let classes: Vec<FilterOption> = Classification::ALL
        .iter()
        .map(|c| FilterOption {
            value: c.code().into(),
            label: t(labels::classification(*c)).into(),
        })
        .collect();
    let statuses: Vec<FilterOption> = FEED_STATUSES
        .iter()
        .map(|s| FilterOption {
            value: s.code().into(),
            label: t(labels::status(*s)).into(),
        })
        .collect();
    let agency_chip = filter.agency.clone().map(|code| {
        let mut without = filter.clone();
        without.agency = None;
        let name = agency_name.clone().unwrap_or(code.clone());
        view! {
            <p class="chip" data-testid="agency-filter">
                <input type="hidden" name=param::AGENCY value=code/>
                {fill(t(Key::PublicFilterAgency), &[("agency", &name)])} " "
                <a href=paths::feed_with(&without.pairs(false))>{t(Key::PublicFilterRemove)}</a>
            </p>
        }
    });
    let narrowed = filter.narrows();
    view! {
        <super::PublicStyles/>
        <Meta name="description" content=t(Key::MetaFeed)/>
        <h1>{t(Key::PublicFeedHeading)}</h1>
        <p>{t(Key::PublicFeedIntro)}</p>
        {ignored.then(|| view! { <p class="error" role="alert">{t(Key::PublicFilterIgnored)}</p> })}
        <form method="get" action=paths::FEED class="card feed-filters" role="search">
            {agency_chip}
            <div class="field">
                <label for="cari">{t(Key::PublicFilterSearch)}</label>
                <input type="search" id="cari" name=param::SEARCH value=filter.search.clone() maxlength="200"/>
            </div>
            <div class="filter-grid">
                {select("jenis", Key::PublicFilterClassification, classes, filter.classification.map(|c| c.code().to_string()))}
                {select("status", Key::PublicFilterStatus, statuses, filter.status.map(|s| s.code().to_string()))}
                {select("wilayah", Key::PublicFilterRegion, regions, filter.region_code.clone())}
                {select("kategori", Key::PublicFilterCategory, categories, filter.category_id.map(|c| c.to_string()))}
                <div class="field">
                    <label for="dari">{t(Key::PublicFilterFrom)}</label>
                    <input type="date" id="dari" name=param::FROM value=filter.from.map(|d| d.to_string())/>
                </div>
                <div class="field">
                    <label for="sampai">{t(Key::PublicFilterUntil)}</label>
                    <input type="date" id="sampai" name=param::UNTIL value=filter.until.map(|d| d.to_string())/>
                </div>
            </div>
            <p class="actions">
                <button type="submit" class="button">{t(Key::PublicFilterApply)}</button>
                {narrowed.then(|| view! { " " <a href=paths::FEED>{t(Key::PublicFilterClear)}</a> })}
            </p>
        </form>
        <Cards cards=page.cards here supported/>
        {next.map(|href| view! {
            <p class="pager"><a class="button secondary" href=href rel="next" data-testid="feed-next">{t(Key::PublicFeedOlder)}</a></p>
        })}
    }
    .into_any()
}

/// A filter's select: "all" first, then the choices, the current one selected.
fn select(
    name: &'static str,
    label: Key,
    options: Vec<FilterOption>,
    current: Option<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|option| {
            let selected = current.as_deref() == Some(option.value.as_str());
            view! { <option value=option.value selected=selected>{option.label}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <select id=name name=name>
                <option value="">{t(Key::PublicFilterAll)}</option>
                {options}
            </select>
        </div>
    }
}
