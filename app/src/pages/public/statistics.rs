//! `/statistik`: how responsive the agencies are over a period, nationally or for one
//! region — the figures (status buckets, follow-up and on-time shares, median working
//! days, satisfaction, reopen rate), charts drawn on the server as SVG with their tables
//! (reports per week, the status buckets, the time to a first follow-up), the agencies
//! ranked (sortable by plain links) and the figures per province and kab/kota.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::public::StatisticsScreen;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::public_feed::param;
use crate::model::statistics::{
    follow_up_distribution, Figures, Measure, NamedFigures, Ranking, StatisticsQuery, Tier,
    WeekCount, TIER_MIN_REPORTS,
};
use crate::pages::not_found::NotFound;
use crate::paths;

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let Some(screen) = use_context::<StatisticsScreen>() else {
        return NotFound().into_any();
    };
    let StatisticsScreen {
        query,
        stats,
        ignored,
    } = screen;
    let locale = use_locale();
    let national = stats.national.clone();
    let region_name = query.region.as_ref().map(|code| {
        stats
            .provinces
            .iter()
            .chain(&stats.regencies)
            .find(|r| &r.code == code)
            .map_or_else(|| code.clone(), |r| r.name.clone())
    });
    let link = |pairs: Vec<(&str, String)>| paths::with_query(paths::STATISTICS, &pairs);
    let everywhere = {
        let mut all = query.clone();
        all.region = None;
        link(all.pairs(query.order))
    };
    let buckets: Vec<(String, i64)> = national
        .buckets
        .iter()
        .map(|&(b, n)| (t(labels::bucket(b)).to_string(), n))
        .collect();
    let distribution: Vec<(String, i64)> = follow_up_distribution(&national)
        .into_iter()
        .map(|((low, high), n)| (days_range(low, high), n))
        .collect();
    let downloads =
        |path: &str| link(query.pairs(Ranking::Tier)).replacen(paths::STATISTICS, path, 1);
    view! {
        <super::PublicStyles/>
        <Meta name="description" content=t(Key::MetaStatistics)/>
        <h1>{t(Key::StatsHeading)}</h1>
        {ignored.then(|| view! { <p class="error" role="alert">{t(Key::StatsPeriodIgnored)}</p> })}
        <form method="get" action=paths::STATISTICS class="card feed-filters">
            <div class="filter-grid">
                <div class="field">
                    <label for="dari">{t(Key::PublicFilterFrom)}</label>
                    <input type="date" id="dari" name=param::FROM value=query.from.to_string()/>
                </div>
                <div class="field">
                    <label for="sampai">{t(Key::PublicFilterUntil)}</label>
                    <input type="date" id="sampai" name=param::UNTIL value=query.until.to_string()/>
                </div>
            </div>
            {query.region.clone().map(|r| view! { <input type="hidden" name=param::REGION value=r/> })}
            <p class="actions"><button type="submit" class="button">{t(Key::StatsShow)}</button></p>
        </form>
        <p>{fill(t(Key::StatsPeriod), &[("from", &labels::date(query.from, locale)), ("until", &labels::date(query.until, locale))])}</p>
        {region_name.map(|name| view! {
            <p data-testid="region-scope">
                {fill(t(Key::StatsRegionOnly), &[("region", &name)])} " "
                <a href=everywhere>{t(Key::StatsAllRegions)}</a>
            </p>
        })}
        <FiguresSummary figures=national.clone()/>
        <h2 id="buckets-title">{t(Key::StatsBucketsHeading)}</h2>
        <BarList rows=buckets title="buckets-title" testid="buckets" head=Key::StatsStatus/>
        <h2>{t(Key::StatsByKindHeading)}</h2>
        <KindsAndDoors figures=national.clone()/>
        <h2 id="chart-title">{t(Key::StatsChartHeading)}</h2>
        <Chart weeks=stats.weeks/>
        <h2 id="distribution-title">{t(Key::StatsDistributionHeading)}</h2>
        <BarList rows=distribution title="distribution-title" testid="distribution" head=Key::StatsDaysColumn/>
        <h2>{t(Key::StatsRankingHeading)}</h2>
        <p class="hint">{fill(t(Key::StatsTierRule), &[("n", &TIER_MIN_REPORTS.to_string())])}</p>
        <Ranked query=query.clone() agencies=stats.agencies/>
        <h2>{t(Key::StatsProvincesHeading)}</h2>
        <Regions query=query.clone() regions=stats.provinces testid="provinces"/>
        <h2>{t(Key::StatsRegenciesHeading)}</h2>
        <Regions query=query.clone() regions=stats.regencies testid="regencies"/>
        <p class="actions">
            {t(Key::StatsDownload)} " "
            <a class="button secondary" href=downloads(paths::DATA_STATISTICS_CSV)>"CSV"</a>
            " "
            <a class="button secondary" href=downloads(paths::DATA_STATISTICS_JSON)>"JSON"</a>
            " "
            <a href=paths::DATA>{t(Key::StatsAboutData)}</a>
        </p>
    }
    .into_any()
}

/// A group's figures as a definition list: what came in, where it stands, how fast and
/// how well it was handled.
#[component]
pub fn FiguresSummary(figures: Figures) -> impl IntoView {
    let f = figures;
    let decimal = if use_locale() == crate::i18n::Locale::En {
        "."
    } else {
        ","
    };
    let days = |measure: Measure| match f.median_days(measure) {
        Some(n) => fill(t(Key::StatsDays), &[("n", &n.to_string())]),
        None => t(Key::StatsNotYet).to_string(),
    };
    let rating = match f.mean_rating_tenths() {
        Some(tenths) => fill(
            t(Key::StatsRatingValue),
            &[
                ("mean", &format!("{}{decimal}{}", tenths / 10, tenths % 10)),
                ("n", &f.rated.to_string()),
            ],
        ),
        None => t(Key::StatsNoRating).to_string(),
    };
    view! {
        <dl class="card stats" data-testid="national">
            <dt>{t(Key::StatsReceived)}</dt><dd>{f.received}</dd>
            <dt>{t(Key::StatsForwarded)}</dt><dd>{f.forwarded}</dd>
            <dt>{t(Key::StatsFollowedUp)}</dt><dd>{format!("{} %", f.followed_up_percent())}</dd>
            <dt>{t(Key::StatsOnTime)}</dt><dd>{format!("{} %", f.on_time_percent())}</dd>
            <dt>{t(Key::StatsFinished)}</dt><dd>{format!("{} %", f.finished_percent())}</dd>
            <dt>{t(Key::StatsMedianVerify)}</dt><dd data-testid="median-verify">{days(Measure::Verify)}</dd>
            <dt>{t(Key::StatsMedianFollowUp)}</dt><dd data-testid="median-follow-up">{days(Measure::FollowUp)}</dd>
            <dt>{t(Key::StatsMedianFinish)}</dt><dd data-testid="median-finish">{days(Measure::Finish)}</dd>
            <dt>{t(Key::StatsRating)}</dt><dd data-testid="rating">{rating}</dd>
            <dt>{t(Key::StatsReopened)}</dt><dd>{format!("{} %", f.reopen_percent())}</dd>
        </dl>
    }
}

/// Reports received by kind and by door, as two small tables.
#[component]
pub fn KindsAndDoors(figures: Figures) -> impl IntoView {
    view! {
        <div class="table-wrap"><table data-testid="by-kind">
            <thead><tr><th scope="col">{t(Key::StatsKind)}</th><th scope="col">{t(Key::StatsReceived)}</th></tr></thead>
            <tbody>
                {figures.by_classification.iter().map(|&(c, n)| view! {
                    <tr><th scope="row">{t(labels::classification(c))}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table></div>
        <div class="table-wrap"><table data-testid="by-channel">
            <thead><tr><th scope="col">{t(Key::StatsChannel)}</th><th scope="col">{t(Key::StatsReceived)}</th></tr></thead>
            <tbody>
                {figures.by_channel.iter().map(|&(c, n)| view! {
                    <tr><th scope="row">{t(labels::channel(c))}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
}

/// "0–3 hari kerja", "31+ hari kerja".
fn days_range(low: i64, high: Option<i64>) -> String {
    match high {
        Some(high) => fill(
            t(Key::StatsDaysRange),
            &[("low", &low.to_string()), ("high", &high.to_string())],
        ),
        None => fill(t(Key::StatsDaysOver), &[("low", &low.to_string())]),
    }
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

fn median_cell(figures: &Figures) -> String {
    figures
        .median_days(Measure::FollowUp)
        .map_or_else(|| "–".to_string(), |n| n.to_string())
}

/// The agencies ranked, each column header a link that orders by it.
#[component]
fn Ranked(query: StatisticsQuery, agencies: Vec<NamedFigures>) -> impl IntoView {
    let header = move |order: Ranking, key: Key| {
        let href = paths::with_query(paths::STATISTICS, &query.pairs(order));
        let current = (query.order == order).then_some("true");
        view! {
            <th scope="col">
                <a href=href aria-current=current>{t(key)}</a>
            </th>
        }
    };
    let rows = agencies
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
                    <td>{median_cell(&f)}</td>
                    <td>{tier_text(&f)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table data-testid="ranking">
            <thead><tr>
                {header(Ranking::Name, Key::StatsAgency)}
                {header(Ranking::Received, Key::StatsReceived)}
                <th scope="col">{t(Key::StatsForwarded)}</th>
                {header(Ranking::FollowedUp, Key::StatsFollowedUp)}
                {header(Ranking::Tier, Key::StatsOnTime)}
                {header(Ranking::Speed, Key::StatsMedianShort)}
                <th scope="col">{t(Key::StatsTier)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

/// Provinces or kab/kota with their figures; each name narrows the page to it.
#[component]
fn Regions(
    query: StatisticsQuery,
    regions: Vec<NamedFigures>,
    testid: &'static str,
) -> impl IntoView {
    if regions.is_empty() {
        return view! { <p>{t(Key::StatsNoReports)}</p> }.into_any();
    }
    let rows = regions
        .into_iter()
        .map(|region| {
            let mut narrowed = query.clone();
            narrowed.region = Some(region.code.clone());
            let href = paths::with_query(paths::STATISTICS, &narrowed.pairs(query.order));
            let f = region.figures;
            view! {
                <tr>
                    <th scope="row"><a href=href>{region.name}</a></th>
                    <td>{f.received}</td>
                    <td>{format!("{} %", f.followed_up_percent())}</td>
                    <td>{format!("{} %", f.on_time_percent())}</td>
                    <td>{format!("{} %", f.finished_percent())}</td>
                    <td>{median_cell(&f)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table data-testid=testid>
            <thead><tr>
                <th scope="col">{t(Key::StatsRegion)}</th>
                <th scope="col">{t(Key::StatsReceived)}</th>
                <th scope="col">{t(Key::StatsFollowedUp)}</th>
                <th scope="col">{t(Key::StatsOnTime)}</th>
                <th scope="col">{t(Key::StatsFinished)}</th>
                <th scope="col">{t(Key::StatsMedianShort)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

/// Labelled horizontal bars (SVG drawn on the server, text labels inside it, scaled as a
/// whole so it reads on a phone), with the same numbers as a table.
#[component]
fn BarList(
    rows: Vec<(String, i64)>,
    title: &'static str,
    testid: &'static str,
    head: Key,
) -> impl IntoView {
    const ROW: usize = 22;
    const LABEL: i64 = 170;
    const BARS: i64 = 110;
    let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = rows.len() * ROW;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let y = i * ROW;
            let w = n * BARS / most;
            view! {
                <text x="0" y=(y + 15).to_string() class="label">{label.clone()}</text>
                <rect x=LABEL.to_string() y=(y + 4).to_string() width=w.to_string() height="14" class="bar"/>
                <text x=(LABEL + w + 4).to_string() y=(y + 15).to_string() class="value">{n.to_string()}</text>
            }
        })
        .collect_view();
    let table = rows
        .into_iter()
        .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{n}</td></tr> })
        .collect_view();
    view! {
        <svg class="bars" viewBox=format!("0 0 320 {height}") role="img" aria-labelledby=title
            data-testid=testid>
            {bars}
        </svg>
        <details>
            <summary>{t(Key::StatsChartTable)}</summary>
            <table data-testid=format!("{testid}-table")>
                <thead><tr><th scope="col">{t(head)}</th><th scope="col">{t(Key::StatsReports)}</th></tr></thead>
                <tbody>{table}</tbody>
            </table>
        </details>
    }
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
