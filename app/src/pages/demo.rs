//! Socialization mode's pages (`server::demo`): the presenter's screen at `/demo` (the
//! QR code, the reports arriving live, the role switcher, the time machine, the reset)
//! and the printable one-page guide at `/demo/panduan`. Large type for the back of a
//! hall; the guide prints on one A4 page in black and white. Plain forms, no island.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::demo::{ArrivalView, DemoBanner, DemoScreen, GuideScreen};
use crate::components::good_report::GoodReportSteps;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::demo::{ProjectorLine, WALK_THROUGH};
use crate::pages::not_found::NotFound;
use crate::paths;

/// Working days the time machine's buttons move the clock.
const TIME_STEPS: [u32; 4] = [1, 2, 5, 10];

/// The demo pages' stylesheet, in the body for the islands router (see `PublicStyles`).
#[component]
fn DemoStyles() -> impl IntoView {
    view! { <link rel="stylesheet" href="/css/demo.css"/> }
}

/// The DEMO banner every page of a demo server shows, with the demo clock's day.
#[component]
pub fn DemoBannerView(banner: DemoBanner) -> impl IntoView {
    let locale = use_locale();
    let date = labels::date(banner.today, locale);
    let ahead = (banner.days_ahead != 0).then(|| {
        format!(
            " {}",
            fill(
                t(Key::DemoBannerAhead),
                &[("n", &banner.days_ahead.to_string())]
            )
        )
    });
    view! {
        <p class="demo-banner" role="note" data-testid="demo-banner">
            {fill(t(Key::DemoBanner), &[("date", &date)])}
            {ahead}
        </p>
    }
}

#[component]
pub fn PresenterPage() -> impl IntoView {
    let Some(screen) = use_context::<DemoScreen>() else {
        return NotFound().into_any();
    };
    let DemoScreen {
        join_url,
        qr_svg,
        count,
        arrivals,
        notice,
    } = screen;
    let empty = arrivals.is_empty();
    view! {
        <DemoStyles/>
        <Meta name="description" content=t(Key::MetaDemo)/>
        <h1>{t(Key::DemoHeading)}</h1>
        {notice.map(|key| view! { <p class="notice" role="status">{t(key)}</p> })}
        <p>{t(Key::DemoIntro)}</p>
        <div class="demo-stage">
            <section class="demo-join">
                <div class="demo-qr" role="img" aria-label=t(Key::DemoQrLabel) inner_html=qr_svg></div>
                <p>{t(Key::DemoScan)}</p>
                <p class="demo-url" data-testid="demo-join-url">{join_url}</p>
            </section>
            <section class="demo-live" aria-labelledby="demo-arrived">
                <h2 id="demo-arrived">{t(Key::DemoArrivedHeading)}</h2>
                <div data-live="arrivals" aria-live="polite">
                    <p class="demo-count">
                        <span class="demo-number" data-testid="demo-count">{count}</span>
                        " "
                        {t(Key::DemoCount)}
                    </p>
                    {empty.then(|| view! { <p>{t(Key::DemoNoneYet)}</p> })}
                    <ol class="demo-arrivals">
                        {arrivals.into_iter().map(arrival).collect_view()}
                    </ol>
                </div>
            </section>
        </div>
        <section class="card">
            <h2>{t(Key::DemoRolesHeading)}</h2>
            <p>{t(Key::DemoRolesIntro)}</p>
            <div class="demo-buttons">
                {WALK_THROUGH
                    .into_iter()
                    .map(|role| view! {
                        // A whole page (`langsung.js`): the workspace's script must run.
                        <form method="post" action=paths::DEMO_ROLE data-whole-page>
                            <input type="hidden" name="peran" value=role.code()/>
                            <button type="submit" class="button">{t(labels::role(role))}</button>
                        </form>
                    })
                    .collect_view()}
            </div>
        </section>
        <section class="card">
            <h2>{t(Key::DemoTimeHeading)}</h2>
            <p>{t(Key::DemoTimeIntro)}</p>
            <div class="demo-buttons">
                {TIME_STEPS
                    .into_iter()
                    .map(|n| view! {
                        <form method="post" action=paths::DEMO_TIME>
                            <input type="hidden" name="hari" value=n.to_string()/>
                            <button type="submit" class="button">
                                {fill(t(Key::DemoTimeButton), &[("n", &n.to_string())])}
                            </button>
                        </form>
                    })
                    .collect_view()}
            </div>
        </section>
        <section class="card">
            <h2>{t(Key::DemoResetHeading)}</h2>
            <p>{t(Key::DemoResetIntro)}</p>
            <form method="post" action=paths::DEMO_RESET>
                <button type="submit" class="button">{t(Key::DemoResetButton)}</button>
            </form>
        </section>
        <section>
            <h2>{t(Key::DemoToolsHeading)}</h2>
            <ul>
                <li><a href=paths::DEMO_GUIDE>{t(Key::DemoGuideLink)}</a></li>
                <li><a href=paths::SMS_SIMULATOR>{t(Key::SimHeading)}</a></li>
                <li><a href=paths::STATISTICS>{t(Key::FooterStatistics)}</a></li>
                <li><a href=paths::WORKSPACE target="_self">{t(Key::WsStaffLink)}</a></li>
            </ul>
        </section>
        // The projector keeps itself current with the tracking page's script.
        <span hidden data-live-page=paths::DEMO data-live-stream=paths::DEMO_LIVE></span>
        <script type="module" src="/js/langsung.js"></script>
    }
    .into_any()
}

fn arrival(arrival: ArrivalView) -> impl IntoView {
    let text = match arrival.line {
        ProjectorLine::Titled(title) => title,
        ProjectorLine::Confidential => t(Key::DemoConfidential).to_string(),
    };
    view! {
        <li>
            <span class="demo-time">{arrival.time}</span>
            " "
            <span class="demo-title">{text}</span>
        </li>
    }
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let Some(screen) = use_context::<GuideScreen>() else {
        return NotFound().into_any();
    };
    let GuideScreen {
        join_url,
        qr_svg,
        keyword,
    } = screen;
    let site = join_url
        .strip_suffix(paths::REPORT)
        .unwrap_or(&join_url)
        .to_string();
    let track_url = format!("{site}{}", paths::TRACK);
    view! {
        <DemoStyles/>
        <Meta name="description" content=t(Key::MetaDemoGuide)/>
        <article class="demo-guide">
            <h1>"LAPOR! — " {t(Key::HomeHowHeading)}</h1>
            <p>{t(Key::DemoGuideIntro)}</p>
            <div class="demo-guide-columns">
                <section>
                    <h2>{t(Key::DemoGuideChannels)}</h2>
                    <ul>
                        <li>{fill(t(Key::DemoGuideWeb), &[("url", &join_url)])}</li>
                        <li>
                            <strong>{fill(t(Key::DemoGuideSms), &[("keyword", &keyword)])}</strong>
                            <br/>
                            {fill(t(Key::DemoGuideSmsExample), &[("keyword", &keyword)])}
                            <br/>
                            {t(Key::DemoGuideSmsMore)}
                        </li>
                    </ul>
                </section>
                <div class="demo-qr demo-qr-small" role="img" aria-label=t(Key::DemoQrLabel) inner_html=qr_svg></div>
            </div>
            <h2>{t(Key::HomeHowHeading)}</h2>
            <GoodReportSteps/>
            <p>{fill(t(Key::DemoGuideTrack), &[("url", &track_url)])}</p>
            <h2>{t(Key::DemoGuidePrivacyHeading)}</h2>
            <p>{t(Key::FooterPromise)}</p>
        </article>
    }
    .into_any()
}
