//! `/statistik`: how responsive the agencies are over a period — the national figures, a
//! chart of reports per week (server-drawn SVG with its table), and the agencies ranked by
//! the share of reports followed up within the legal deadline, with their tier.

use leptos::prelude::*;
use leptos_meta::{Meta, Stylesheet};

use crate::api::public::StatisticsScreen;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::public_feed::param;
use crate::model::statistics::{Figures, Tier, WeekCount, TIER_MIN_REPORTS};
use crate::pages::not_found::NotFound;
use crate::paths;

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let Some(screen) = use_context::<StatisticsScreen>() else {
        return NotFound().into_any();
    };
    let StatisticsScreen {
        from,
        until,
        stats,
        ignored,
    } = screen;
    let locale = use_locale();
    let national = stats.national.clone();
    let rows = stats
        .agencies
        .into_iter()
        .map(|agency| {
            let f = agency.figures;
            view! {
                <tr>
                    <th scope="row"><a href=paths::agency_page(&agency.code)>{agency.name}</a></th>
                    <td>{f.received}</td>
                    <td>{f.forwarded}</td>
                    <td>{format!("{} %", f.followed_up_percent())}</td>
                    <td>{format!("{} %", f.on_time_percent())}</td>
                    <td>{tier_text(&f)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Stylesheet id="laporan" href="/css/laporan.css"/>
        <Meta name="description" content=t(Key::MetaStatistics)/>
        <h1>{t(Key::StatsHeading)}</h1>
        {ignored.then(|| view! { <p class="error" role="alert">{t(Key::StatsPeriodIgnored)}</p> })}
        <form method="get" action=paths::STATISTICS class="card feed-filters">
            <div class="filter-grid">
                <div class="field">
                    <label for="dari">{t(Key::PublicFilterFrom)}</label>
                    <input type="date" id="dari" name=param::FROM value=from.to_string()/>
                </div>
                <div class="field">
                    <label for="sampai">{t(Key::PublicFilterUntil)}</label>
                    <input type="date" id="sampai" name=param::UNTIL value=until.to_string()/>
                </div>
            </div>
            <p class="actions"><button type="submit" class="button">{t(Key::StatsShow)}</button></p>
        </form>
        <p>{fill(t(Key::StatsPeriod), &[("from", &labels::date(from, locale)), ("until", &labels::date(until, locale))])}</p>
        <dl class="card stats" data-testid="national">
            <dt>{t(Key::StatsReceived)}</dt><dd>{national.received}</dd>
            <dt>{t(Key::StatsForwarded)}</dt><dd>{national.forwarded}</dd>
            <dt>{t(Key::StatsFollowedUp)}</dt><dd>{format!("{} %", national.followed_up_percent())}</dd>
            <dt>{t(Key::StatsOnTime)}</dt><dd>{format!("{} %", national.on_time_percent())}</dd>
        </dl>
        <h2>{t(Key::StatsByKindHeading)}</h2>
        <div class="table-wrap"><table data-testid="by-kind">
            <thead><tr><th scope="col">{t(Key::StatsKind)}</th><th scope="col">{t(Key::StatsReceived)}</th></tr></thead>
            <tbody>
                {stats.by_classification.iter().map(|&(c, n)| view! {
                    <tr><th scope="row">{t(labels::classification(c))}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table></div>
        <div class="table-wrap"><table data-testid="by-channel">
            <thead><tr><th scope="col">{t(Key::StatsChannel)}</th><th scope="col">{t(Key::StatsReceived)}</th></tr></thead>
            <tbody>
                {stats.by_channel.iter().map(|&(c, n)| view! {
                    <tr><th scope="row">{t(labels::channel(c))}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table></div>
        <h2 id="chart-title">{t(Key::StatsChartHeading)}</h2>
        <Chart weeks=stats.weeks/>
        <h2>{t(Key::StatsRankingHeading)}</h2>
        <p class="hint">{fill(t(Key::StatsTierRule), &[("n", &TIER_MIN_REPORTS.to_string())])}</p>
        <div class="table-wrap"><table data-testid="ranking">
            <thead><tr>
                <th scope="col">{t(Key::StatsAgency)}</th>
                <th scope="col">{t(Key::StatsReceived)}</th>
                <th scope="col">{t(Key::StatsForwarded)}</th>
                <th scope="col">{t(Key::StatsFollowedUp)}</th>
                <th scope="col">{t(Key::StatsOnTime)}</th>
                <th scope="col">{t(Key::StatsTier)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

fn tier_text(figures: &Figures) -> &'static str {
    t(match figures.tier() {
        Some(Tier::VeryResponsive) => Key::StatsTierVery,
        Some(Tier::Responsive) => Key::StatsTierResponsive,
        Some(Tier::FairlyResponsive) => Key::StatsTierFair,
        Some(Tier::NotResponsive) => Key::StatsTierNot,
        None => Key::StatsTierTooFew,
    })
}

/// Reports per week as bars (SVG drawn on the server: no chart library in the WASM),
/// with the same numbers as a table for screen readers and for reading exactly.
#[component]
fn Chart(weeks: Vec<WeekCount>) -> impl IntoView {
    let locale = use_locale();
    if weeks.is_empty() {
        return view! { <p>{t(Key::StatsNoReports)}</p> }.into_any();
    }
    const HEIGHT: i64 = 100;
    const BAR: usize = 12;
    const GAP: usize = 4;
    let most = weeks.iter().map(|w| w.received).max().unwrap_or(1).max(1);
    let width = weeks.len() * (BAR + GAP);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let h = week.received * HEIGHT / most;
            view! {
                <rect x=(i * (BAR + GAP)).to_string() y=(HEIGHT - h).to_string()
                    width=BAR.to_string() height=h.to_string() class="bar">
                    <title>{format!("{}: {}", labels::date(week.monday, locale), week.received)}</title>
                </rect>
            }
        })
        .collect_view();
    let rows = weeks
        .iter()
        .map(|week| view! { <tr><td>{labels::date(week.monday, locale)}</td><td>{week.received}</td></tr> })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {HEIGHT}") preserveAspectRatio="none"
            role="img" aria-labelledby="chart-title" data-testid="chart">
            {bars}
        </svg>
        <details>
            <summary>{t(Key::StatsChartTable)}</summary>
            <table data-testid="chart-table">
                <thead><tr><th scope="col">{t(Key::StatsWeek)}</th><th scope="col">{t(Key::StatsReceived)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
    .into_any()
}
