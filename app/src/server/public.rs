//! The public face: the report feed (`GET /laporan`), Dukung (`POST
//! /laporan/{number}/dukung`) and agencies' pages (`GET /instansi/{code}`). Plain GET
//! pages rendered with what storage read (`api::public`), and a plain form post, so all
//! of it works without JavaScript and every filtered feed is a link to share.

use std::num::NonZeroU32;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, request::Parts, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::prelude::provide_context;
use sha2::{Digest, Sha256};

use crate::api::public::{AgencyScreen, FeedScreen, FilterOption, SupportNotice};
use crate::api::ApiError;
use crate::i18n::Locale;
use crate::model::public_feed::{param, FeedFilter};
use crate::model::statistics::{Statistics, StatisticsQuery};
use crate::model::TrackingNumber;
use crate::paths;
use crate::server::http::{
    client_address, cookie_value, error_response, query_pairs, request_locale, safe_return_path,
    set_cookie, wants_secure_cookies,
};
use crate::server::render::{not_found, render_page};
use crate::server::state::AppState;
use crate::server::storage::{Scope, Support};

/// The cookie a browser keeps its supporter id in (random; only its SHA-256 is stored).
const SUPPORTER_COOKIE: &str = "lapor_pendukung";
/// A year: the same browser stays the same supporter.
const SUPPORTER_MAX_AGE: i64 = 365 * 86_400;
/// Supports one address may add in a burst, then per hour: a person supporting what
/// they care about, not a script inflating a count.
const SUPPORT_BURST: u32 = 20;
const SUPPORT_PER_HOUR: u32 = 60;
/// Where a Dukung says how it went (`api::public::SupportNotice`'s codes).
const SUPPORTED_PARAM: &str = "didukung";
/// An agency's page lists this many of its latest public reports.
const AGENCY_PAGE_CARDS: usize = 10;

/// What the public face shares: Dukung's per-address limit.
#[derive(Clone)]
pub struct PublicState {
    supports: Arc<DefaultKeyedRateLimiter<String>>,
}

impl Default for PublicState {
    fn default() -> Self {
        let quota = Quota::per_hour(NonZeroU32::new(SUPPORT_PER_HOUR).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(SUPPORT_BURST).unwrap_or(NonZeroU32::MIN));
        PublicState {
            supports: Arc::new(RateLimiter::keyed(quota)),
        }
    }
}

impl PublicState {
    fn support_allowed(&self, address: &str) -> bool {
        if self.supports.len() > 100_000 {
            self.supports.retain_recent();
        }
        self.supports.check_key(&address.to_string()).is_ok()
    }
}

/// The stored form of the browser's supporter id, if it has one.
fn supporter_key(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, SUPPORTER_COOKIE).map(|id| stored_supporter(&id))
}

/// A supporter id as it is stored: its SHA-256, in hex.
fn stored_supporter(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn failure(error: ApiError, parts: &Parts) -> Response {
    error_response(error, request_locale(&parts.headers), parts.uri.path())
}

/// The feed's filter as the address gives it (and whether some of it could not be
/// read), with the address's parameters.
pub(crate) fn feed_filter(parts: &Parts) -> (FeedFilter, bool, Vec<(String, String)>) {
    let pairs = query_pairs(parts);
    let (filter, ignored) =
        FeedFilter::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    (filter, ignored, pairs)
}

/// `GET /laporan?…`: one page of the feed, filtered as the address says.
pub async fn feed(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let (filter, ignored, pairs) = feed_filter(&parts);
    let supported = pairs
        .iter()
        .find(|(name, _)| name == SUPPORTED_PARAM)
        .and_then(|(_, value)| SupportNotice::from_code(value));
    let locale = request_locale(&parts.headers);
    let screen = match feed_screen(&state, &parts.headers, filter, locale).await {
        Ok(screen) => FeedScreen {
            ignored,
            supported,
            ..screen
        },
        Err(error) => return failure(error, &parts),
    };
    let uri = parts.uri.to_string();
    render_page(state, &parts, &uri, StatusCode::OK, move || {
        provide_context(screen.clone())
    })
    .await
}

async fn feed_screen(
    state: &AppState,
    headers: &HeaderMap,
    filter: FeedFilter,
    locale: Locale,
) -> Result<FeedScreen, ApiError> {
    let store = &state.store;
    let page = store
        .public_feed(
            &filter,
            supporter_key(headers).as_deref(),
            state.clock.now(),
        )
        .await?;
    let categories = store
        .categories()
        .await?
        .into_iter()
        .map(|c| FilterOption {
            value: c.id.to_string(),
            label: match locale {
                Locale::Id => c.name_id,
                Locale::En => c.name_en,
            },
        })
        .collect();
    // The provinces, and the regencies of the chosen one.
    let mut regions: Vec<FilterOption> = store
        .regions_under(None)
        .await?
        .into_iter()
        .map(|r| FilterOption {
            value: r.code,
            label: r.name,
        })
        .collect();
    if let Some(province) = filter.region_code.as_deref().and_then(|c| c.get(..2)) {
        for regency in store.regions_under(Some(province)).await? {
            regions.push(FilterOption {
                label: format!("— {}", regency.name),
                value: regency.code,
            });
        }
        regions.sort_by(|a, b| a.value.cmp(&b.value));
    }
    let agency_name = match filter.agency.as_deref() {
        Some(code) => store.agency_profile(code).await?.map(|a| a.name),
        None => None,
    };
    Ok(FeedScreen {
        here: paths::feed_with(&filter.pairs(true)),
        filter,
        page,
        ignored: false,
        agency_name,
        categories,
        regions,
        supported: None,
    })
}

/// `POST /laporan/{number}/dukung` (`ke`: where to come back to): supports a public
/// report once per browser, then back to the page it came from, saying how it went.
pub async fn support(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request<Body>,
) -> Response {
    let (parts, form): (_, SupportForm) =
        crate::server::http::read_form(request, crate::server::http::DEFAULT_BODY_LIMIT).await;
    let Ok(number) = TrackingNumber::parse(&raw) else {
        return not_found(state, &parts).await;
    };
    let back = safe_return_path(
        form.ke
            .as_deref()
            .filter(|k| k.starts_with(paths::FEED) || k.starts_with("/instansi/")),
    );
    let address = client_address(&parts).unwrap_or_default();
    if !state.public.support_allowed(&address) {
        tracing::warn!("Dukung over the per-address limit");
        return back_with(&back, SupportNotice::Limited, &number);
    }
    let (id, new_cookie) = match cookie_value(&parts.headers, SUPPORTER_COOKIE) {
        Some(id) if id.len() >= 32 && id.chars().all(|c| c.is_ascii_hexdigit()) => (id, false),
        _ => (crate::server::uploads::random_hex(16), true),
    };
    let key = stored_supporter(&id);
    let outcome = match state
        .store
        .add_support(&number, &key, state.clock.now())
        .await
    {
        Ok(outcome) => outcome,
        Err(error) => return failure(error.into(), &parts),
    };
    let notice = match outcome {
        Support::Added => SupportNotice::Counted,
        Support::Already => SupportNotice::Already,
        Support::NotPublic => return not_found(state, &parts).await,
    };
    let mut response = back_with(&back, notice, &number);
    if new_cookie {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(
                SUPPORTER_COOKIE,
                &id,
                "/",
                SUPPORTER_MAX_AGE,
                wants_secure_cookies(&parts.headers),
            ),
        );
    }
    response
}

/// Back to `back` (a feed or agency page), saying how the Dukung went, at its card.
fn back_with(back: &str, notice: SupportNotice, number: &TrackingNumber) -> Response {
    // The notice replaces an earlier one in the address.
    let (path, query) = back.split_once('?').unwrap_or((back, ""));
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .filter(|(name, _)| name != SUPPORTED_PARAM)
        .collect();
    pairs.push((SUPPORTED_PARAM.into(), notice.code().into()));
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    Redirect::to(&format!("{path}?{query}#laporan-{}", number.as_str())).into_response()
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SupportForm {
    #[serde(default)]
    ke: Option<String>,
}

/// `GET /instansi/{code}`: the agency, its SMS keyword, its public reports counted, and
/// its latest ones.
pub async fn agency(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request<Body>,
) -> Response {
    let (parts, _) = request.into_parts();
    let profile = match state.store.agency_profile(&code.to_lowercase()).await {
        Ok(Some(profile)) => profile,
        Ok(None) => return failure(ApiError::NotFound, &parts),
        Err(error) => return failure(error.into(), &parts),
    };
    let (filter, _) = FeedFilter::from_pairs([(param::AGENCY, profile.code.as_str())]);
    let mut page = match state
        .store
        .public_feed(
            &filter,
            supporter_key(&parts.headers).as_deref(),
            state.clock.now(),
        )
        .await
    {
        Ok(page) => page,
        Err(error) => return failure(error.into(), &parts),
    };
    page.cards.truncate(AGENCY_PAGE_CARDS);
    let period = StatisticsQuery::default_on(state.clock.now().date_wib());
    let figures = match state
        .store
        .statistics_of(Scope::Agency(&profile.code), period.from, period.until)
        .await
    {
        Ok(stats) => stats.national,
        Err(error) => return failure(error.into(), &parts),
    };
    let supported = query_pairs(&parts)
        .into_iter()
        .find(|(name, _)| name == SUPPORTED_PARAM)
        .and_then(|(_, code)| SupportNotice::from_code(&code));
    let screen = AgencyScreen {
        here: paths::agency_page(&profile.code),
        figures,
        period,
        profile,
        page,
        supported,
    };
    let uri = parts.uri.to_string();
    render_page(state, &parts, &uri, StatusCode::OK, move || {
        provide_context(screen.clone())
    })
    .await
}

/// The statistics an address asks for (`/statistik` and its open data), and whether a
/// part of the address could not be read.
pub(crate) async fn statistics_for(
    state: &AppState,
    parts: &Parts,
) -> Result<(StatisticsQuery, Statistics, bool), ApiError> {
    let pairs = query_pairs(parts);
    let today = state.clock.now().date_wib();
    let (query, ignored) =
        StatisticsQuery::from_pairs(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())), today);
    let scope = match &query.region {
        Some(region) => Scope::Region(region),
        None => Scope::All,
    };
    let mut stats = state
        .store
        .statistics_of(scope, query.from, query.until)
        .await?;
    query.order.sort(&mut stats.agencies);
    Ok((query, stats, ignored))
}

/// `GET /statistik?dari=…&sampai=…&wilayah=…&urut=…`: the period's statistics and ranking.
pub async fn statistics(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let (query, stats, ignored) = match statistics_for(&state, &parts).await {
        Ok(found) => found,
        Err(error) => return failure(error, &parts),
    };
    let screen = crate::api::public::StatisticsScreen {
        query,
        stats,
        ignored,
    };
    let uri = parts.uri.to_string();
    render_page(state, &parts, &uri, StatusCode::OK, move || {
        provide_context(screen.clone())
    })
    .await
}
