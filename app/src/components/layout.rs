//! The frame around every page: header, navigation, language switch, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{t, use_locale, Key};
use crate::paths;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let other = locale.other();
    let switch_href = move || paths::language(other.code(), &location.pathname.get());
    // A demo server (`lapor demo`) says so on every page.
    #[cfg(feature = "ssr")]
    let demo = use_context::<crate::server::state::AppState>()
        .and_then(|state| crate::server::demo::banner(&state));
    #[cfg(not(feature = "ssr"))]
    let demo: Option<crate::api::demo::DemoBanner> = None;
    // The staff's pages have a frame of their own (`pages::workspace::frame`): their
    // header, navigation and footer, never the citizens'.
    if paths::is_staff_page(&location.pathname.get_untracked()) {
        return view! {
            <a class="skip-link" href="#main" target="_self">{t(Key::SkipToContent)}</a>
            {demo.map(|banner| view! { <crate::pages::demo::DemoBannerView banner/> })}
            {children()}
        }
        .into_any();
    }
    view! {
        // `target="_self"`: the islands router leaves the link to the browser, which moves
        // the focus to the content (the router would fetch the page again instead).
        <a class="skip-link" href="#main" target="_self">{t(Key::SkipToContent)}</a>
        {demo.map(|banner| view! { <crate::pages::demo::DemoBannerView banner/> })}
        <header class="site-header">
            <a class="brand" href=paths::HOME>
                <span class="brand-mark">"LAPOR!"</span>
                <span class="brand-sub">{t(Key::BrandTagline)}</span>
            </a>
            <nav aria-label=t(Key::NavLabel)>
                <a href=paths::REPORT>{t(Key::NavReport)}</a>
                <a href=paths::TRACK>{t(Key::NavTrack)}</a>
                <a href=paths::FEED>{t(Key::NavFeed)}</a>
                <a class="lang" href=switch_href hreflang=other.code() lang=other.code()>
                    {t(Key::LanguageSwitch)}
                </a>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t(Key::FooterPromise)}</p>
            <p><a href=paths::FEED>{t(Key::NavFeed)}</a> " · " <a href=paths::STATISTICS>{t(Key::FooterStatistics)}</a> " · " <a href=paths::DATA>{t(Key::FooterOpenData)}</a></p>
            // A whole-page load (not the islands router), so the workspace script runs.
            <p><a href=paths::STAFF_SIGN_IN target="_self">{t(Key::WsStaffLink)}</a></p>
        </footer>
    }
    .into_any()
}
