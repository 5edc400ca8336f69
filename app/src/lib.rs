//! Lapor: the shared crate. The report model, the pages and the server functions,
//! compiled for the server (`ssr`) and for the browser (`hydrate`).
//!
//! This file is the app shell: the HTML document, the router and the routes.

pub mod api;
pub mod components;
pub mod i18n;
pub mod labels;
pub mod model;
pub mod pages;
pub mod paths;

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::Layout;
use crate::i18n::{t, Key, Locale};
use crate::pages::{
    citizen, demo, home::HomePage, not_found::NotFound, public, simulator, tracking, workspace,
};

/// The whole HTML document the server sends.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::components::scripts::IslandScripts;
    use leptos_meta::{HashedStylesheet, MetaTags};

    let locale = request_locale();
    provide_context(locale);
    // The staff's pages load the staff bundle (and no islands router: the workspace's
    // island routes by itself); every other page the citizens' bundle.
    let staff = use_context::<http::request::Parts>()
        .is_some_and(|parts| paths::is_staff_page(parts.uri.path()));
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b91c1c"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href=paths::MANIFEST/>
                <link rel="apple-touch-icon" href="/ikon/lapor-192.png"/>
                <IslandScripts options staff/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The reader's language: the `lapor_lang` cookie, else Indonesian.
pub(crate) fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| crate::server::http::request_locale(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        use_context::<Locale>().unwrap_or_default()
    }
}

/// The routes of every face of the app.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    if use_context::<Locale>().is_none() {
        provide_context(request_locale());
    }
    view! {
        <Title text=t(Key::AppTitle)/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("lapor") view=citizen::ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("lapor/terkirim/:number") view=citizen::SentPage ssr=SsrMode::Async/>
                    <Route path=path!("laporan-saya") view=citizen::MyReportsPage/>
                    <Route path=path!("lacak") view=tracking::LookupPage ssr=SsrMode::Async/>
                    <Route path=path!("lacak/:number") view=tracking::TrackPage ssr=SsrMode::Async/>
                    <Route path=path!("masuk") view=workspace::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("simulator/sms") view=simulator::SmsSimulatorPage ssr=SsrMode::Async/>
                    <Route path=path!("laporan") view=public::FeedPage ssr=SsrMode::Async/>
                    <Route path=path!("instansi/:code") view=public::AgencyPage ssr=SsrMode::Async/>
                    <Route path=path!("data") view=public::DataPage/>
                    <Route path=path!("statistik") view=public::StatisticsPage ssr=SsrMode::Async/>
                    <Route path=path!("demo") view=demo::PresenterPage ssr=SsrMode::Async/>
                    <Route path=path!("demo/panduan") view=demo::GuidePage ssr=SsrMode::Async/>
                    // The workspace's own router (in its island) shows these pages.
                    <ParentRoute path=path!("ruang-kerja") view=workspace::WorkspaceLayout ssr=SsrMode::Async>
                        <Route path=path!("") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                        <Route path=path!("antrean") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                        <Route path=path!("cari") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                        <Route path=path!("akun") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                        <Route path=path!("laporan/:number") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                        <Route path=path!("audit") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                        <Route path=path!("impor") view=workspace::ImportPage ssr=SsrMode::Async/>
                        <Route path=path!("pengawasan") view=workspace::WorkspacePages ssr=SsrMode::Async/>
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
