//! `/instansi/{code}`: an agency as the public sees it: who it is, its SMS keyword, how
//! many of its public reports were followed up, and its latest ones.

use leptos::prelude::*;
use leptos_meta::Meta;

use super::card::Cards;
use super::statistics::{FiguresSummary, KindsAndDoors};
use crate::api::public::AgencyScreen;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::public_feed::param;
use crate::pages::not_found::NotFound;
use crate::paths;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let Some(screen) = use_context::<AgencyScreen>() else {
        return NotFound().into_any();
    };
    let AgencyScreen {
        profile,
        figures,
        period,
        page,
        here,
        supported,
    } = screen;
    let locale = use_locale();
    let all = paths::feed_with(&[(param::AGENCY, profile.code.clone())]);
    let followed = if profile.public_reports == 0 {
        t(Key::PublicAgencyNoReports).to_string()
    } else {
        fill(
            t(Key::PublicAgencyFollowedUp),
            &[
                ("n", &profile.followed_up.to_string()),
                ("total", &profile.public_reports.to_string()),
            ],
        )
    };
    view! {
        <super::PublicStyles/>
        <Meta name="description" content=fill(t(Key::MetaAgency), &[("agency", &profile.name)])/>
        <h1 data-testid="agency-name">{profile.name.clone()}</h1>
        <dl class="card">
            {profile.region_name.clone().map(|r| view! { <dt>{t(Key::PublicAgencyRegion)}</dt><dd>{r}</dd> })}
            {profile.sms_keyword.clone().map(|k| view! {
                <dt>{t(Key::PublicAgencySms)}</dt>
                <dd>{fill(t(Key::PublicAgencySmsHow), &[("keyword", &k)])}</dd>
            })}
            <dt>{t(Key::PublicAgencyReports)}</dt>
            <dd data-testid="agency-followed-up">{followed}</dd>
        </dl>
        <h2>{t(Key::PublicAgencyFigures)}</h2>
        <p>{fill(t(Key::StatsPeriod), &[("from", &labels::date(period.from, locale)), ("until", &labels::date(period.until, locale))])}</p>
        <FiguresSummary figures=figures.clone()/>
        <KindsAndDoors figures/>
        <h2>{t(Key::PublicAgencyLatest)}</h2>
        <Cards cards=page.cards here supported/>
        <p><a href=all>{t(Key::PublicAgencyAll)}</a></p>
    }
    .into_any()
}
