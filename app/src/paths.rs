//! Every address of the app, once: the router, the pages' links and forms, redirects
//! and handlers use these. Leptos' page routes in `lib.rs` are written with its
//! `path!` macro, which takes only literals: a test in `server::router` holds them to
//! these.

/// The home page.
pub const HOME: &str = "/";
/// The report form (GET) and where it is sent (POST).
pub const REPORT: &str = "/lapor";
/// The confirmation pages after sending, `/lapor/terkirim/{number}`.
pub const RECEIPTS: &str = "/lapor/terkirim";
/// Looking a report up by its number.
pub const TRACK: &str = "/lacak";
/// One file at a time, sent before the form (`POST`), and a pending one (`/{token}`).
pub const UPLOAD: &str = "/lampiran";
/// Open public reports like the one being written, as JSON (`server::citizen::similar_json`).
pub const SIMILAR: &str = "/lapor/mirip";
/// Agencies matching a search (`?q=`), as JSON.
pub const AGENCIES: &str = "/instansi";
/// Staff sign-in (GET the form, POST it).
pub const STAFF_SIGN_IN: &str = "/masuk";
/// Staff sign-out (POST).
pub const STAFF_SIGN_OUT: &str = "/keluar";
/// The workspace's dashboard (where a staff member's day starts).
pub const WORKSPACE: &str = "/ruang-kerja";
/// The workspace's queues (`?antrean=` and the filters).
pub const WORKSPACE_QUEUE: &str = "/ruang-kerja/antrean";
/// Every report in the staff member's scope, the search field first.
pub const WORKSPACE_SEARCH: &str = "/ruang-kerja/cari";
/// "My work": the queue of reports whose latest staff step was the reader's.
pub const WORKSPACE_MINE: &str = "/ruang-kerja/antrean?antrean=milik-saya";
/// The staff member's own account: password, recent sign-ins, other sessions.
pub const WORKSPACE_ACCOUNT: &str = "/ruang-kerja/akun";
/// One staff member's audit lines (`?email=`).
pub const WORKSPACE_AUDIT: &str = "/ruang-kerja/audit";
/// A queue as CSV (the queue page's parameters).
pub const WORKSPACE_EXPORT: &str = "/ruang-kerja/ekspor";
/// National administrators bring a social-media post in as a report.
pub const WORKSPACE_IMPORT: &str = "/ruang-kerja/impor";
/// The oversight dashboard.
pub const WORKSPACE_OVERSIGHT: &str = "/ruang-kerja/pengawasan";
/// The workspace's live stream (server-sent events).
pub const WORKSPACE_LIVE: &str = "/ruang-kerja/langsung";
/// Where the staff bundle's files are served (`/pkg` holds the citizens').
pub const STAFF_PKG: &str = "/pkg-staff";

/// A page of the staff's face (the workspace and its sign-in): it loads the staff
/// bundle, never the citizens'.
pub fn is_staff_page(path: &str) -> bool {
    let under = |root: &str| {
        path.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    under(WORKSPACE) || under(STAFF_SIGN_IN)
}
/// SMS gateways deliver incoming messages here (`server::channels::gateways`): a
/// generic webhook (form or JSON, also GET), Kannel's get-url/post-url, Twilio.
pub const SMS_GENERIC: &str = "/kanal/sms/generic";
pub const SMS_KANNEL: &str = "/kanal/sms/kannel";
pub const SMS_TWILIO: &str = "/kanal/sms/twilio";
/// A place on OpenStreetMap (outside Lapor), for staff to see where a report is.
pub fn map(latitude: f64, longitude: f64) -> String {
    format!("https://www.openstreetmap.org/?mlat={latitude:.5}&mlon={longitude:.5}#map=17/{latitude:.5}/{longitude:.5}")
}

/// Responsiveness statistics and the agencies' ranking (`server::public`).
pub const STATISTICS: &str = "/statistik";

/// Open data: what can be downloaded and what its columns mean (`pages::public`).
pub const DATA: &str = "/data";
/// The public feed as CSV and JSON, with the feed's filters (`server::open_data`).
pub const DATA_FEED_CSV: &str = "/data/laporan.csv";
pub const DATA_FEED_JSON: &str = "/data/laporan.json";
/// The statistics as CSV and JSON, with `/statistik`'s parameters (`server::open_data`).
pub const DATA_STATISTICS_CSV: &str = "/data/statistik.csv";
pub const DATA_STATISTICS_JSON: &str = "/data/statistik.json";

/// The public report feed (`server::public`).
pub const FEED: &str = "/laporan";

/// The feed narrowed by `pairs` (a filter's query pairs).
pub fn feed_with(pairs: &[(&str, String)]) -> String {
    with_query(FEED, pairs)
}

/// `path` with `pairs` as its query.
pub fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", query_value(value)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// Dukung: support report `number` (POST).
pub fn support(number: &str) -> String {
    format!("{FEED}/{number}/dukung")
}

/// An agency's public page.
pub fn agency_page(code: &str) -> String {
    format!("/instansi/{}", query_value(code))
}

/// The Telegram bot's webhook (`server::channels::telegram`).
pub const TELEGRAM: &str = "/kanal/telegram";
/// The WhatsApp Cloud API's webhook (`server::channels::whatsapp`).
pub const WHATSAPP: &str = "/kanal/whatsapp";
/// The installable app (`server::pwa`): its web app manifest (per language) …
pub const MANIFEST: &str = "/manifest.webmanifest";
/// … and the reports this phone sent, kept on the phone (`public/js/antrean.js`).
pub const MY_REPORTS: &str = "/laporan-saya";

/// Socialization (demo) mode, only on a `lapor demo` server (`server::demo`): the
/// presenter's page with the QR code and the reports arriving live …
pub const DEMO: &str = "/demo";
/// … its live updates (server-sent events) …
pub const DEMO_LIVE: &str = "/demo/langsung";
/// … the QR code alone (SVG) …
pub const DEMO_QR: &str = "/demo/qr.svg";
/// … signing in as a demo role (`peran`) …
pub const DEMO_ROLE: &str = "/demo/peran";
/// … the time machine (`hari` working days) …
pub const DEMO_TIME: &str = "/demo/waktu";
/// … starting over on a fresh demo database …
pub const DEMO_RESET: &str = "/demo/atur-ulang";
/// … and the printable guide.
pub const DEMO_GUIDE: &str = "/demo/panduan";

/// A phone in the browser that talks to 1708 (on only with `LAPOR_SMS_SIMULATOR`).
pub const SMS_SIMULATOR: &str = "/simulator/sms";

/// The simulator showing the conversation of `number`.
pub fn sms_simulator(number: &str) -> String {
    format!("{SMS_SIMULATOR}?nomor={}", query_value(number))
}

/// A query-string value, percent-encoded (letters, digits and `-_.` kept): what people
/// type, in the addresses the pages and handlers write.
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What the reporter does on their report's page (`/lacak/{number}/{action}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReporterAction {
    SignIn,
    SignOut,
    Reply,
    Rate,
    Reopen,
    Live,
}

impl ReporterAction {
    /// The last part of the address.
    pub fn segment(self) -> &'static str {
        match self {
            ReporterAction::SignIn => "masuk",
            ReporterAction::SignOut => "keluar",
            ReporterAction::Reply => "balas",
            ReporterAction::Rate => "nilai",
            ReporterAction::Reopen => "buka-kembali",
            ReporterAction::Live => "langsung",
        }
    }
}

/// The confirmation page of report `number` (compact form).
pub fn receipt(number: &str) -> String {
    format!("{RECEIPTS}/{number}")
}

/// The tracking page of report `number`.
pub fn track(number: &str) -> String {
    format!("{TRACK}/{number}")
}

/// Where the reporter's `action` on report `number` is posted (or, `Live`, listened to).
pub fn reporter(number: &str, action: ReporterAction) -> String {
    format!("{TRACK}/{number}/{}", action.segment())
}

/// An attachment of report `number`, for its signed-in reporter.
pub fn report_attachment(number: &str, id: i64) -> String {
    format!("{TRACK}/{number}/lampiran/{id}")
}

/// The kecamatan or desa under region `code`, as JSON.
pub fn regions(code: &str) -> String {
    format!("/wilayah/{code}")
}

/// Switches the language to `code` and goes back to `back`.
pub fn language(code: &str, back: &str) -> String {
    format!("/bahasa/{code}?ke={back}")
}

/// Report `number` in the workspace.
pub fn staff_report(number: &str) -> String {
    format!("{WORKSPACE}/laporan/{number}")
}

/// An attachment of report `number`, for staff who may read it.
pub fn staff_attachment(number: &str, id: i64) -> String {
    format!("{WORKSPACE}/laporan/{number}/lampiran/{id}")
}

/// Route patterns for the router (axum's `{name}` syntax), built from the same parts.
pub mod route {
    pub const RECEIPT: &str = "/lapor/terkirim/{number}";
    pub const TRACK_REPORT: &str = "/lacak/{number}";
    pub const SUPPORT: &str = "/laporan/{number}/dukung";
    pub const AGENCY_PAGE: &str = "/instansi/{code}";
    pub const REPORTER_SIGN_IN: &str = "/lacak/{number}/masuk";
    pub const REPORTER_SIGN_OUT: &str = "/lacak/{number}/keluar";
    pub const REPORTER_REPLY: &str = "/lacak/{number}/balas";
    pub const REPORTER_RATE: &str = "/lacak/{number}/nilai";
    pub const REPORTER_REOPEN: &str = "/lacak/{number}/buka-kembali";
    pub const REPORTER_LIVE: &str = "/lacak/{number}/langsung";
    pub const REPORT_ATTACHMENT: &str = "/lacak/{number}/lampiran/{id}";
    pub const PENDING_UPLOAD: &str = "/lampiran/{token}";
    pub const REGIONS: &str = "/wilayah/{code}";
    pub const LANGUAGE: &str = "/bahasa/{code}";
    pub const STAFF_REPORT: &str = "/ruang-kerja/laporan/{number}";
    pub const STAFF_ATTACHMENT: &str = "/ruang-kerja/laporan/{number}/lampiran/{id}";
    pub const SERVER_FNS: &str = "/api/{*name}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staff_pages_are_the_workspace_and_its_sign_in_only() {
        for path in [
            "/ruang-kerja",
            "/ruang-kerja/laporan/ABCDEFGHJ",
            "/masuk",
            "/ruang-kerja/audit",
        ] {
            assert!(is_staff_page(path), "{path}");
        }
        for path in [
            "/",
            "/lapor",
            "/lacak/ABC",
            "/ruang-kerjaan",
            "/masukan",
            "/laporan",
        ] {
            assert!(!is_staff_page(path), "{path}");
        }
    }

    /// A pattern with `{…}` filled in by `fill`, as the builders write addresses.
    fn filled(pattern: &str) -> String {
        pattern
            .replace("{number}", "K7QM3XPAR")
            .replace("{id}", "7")
            .replace("{code}", "3517")
    }

    #[test]
    fn the_builders_write_what_the_router_answers() {
        let n = "K7QM3XPAR";
        assert_eq!(receipt(n), filled(route::RECEIPT));
        assert_eq!(track(n), filled(route::TRACK_REPORT));
        assert_eq!(support(n), filled(route::SUPPORT));
        assert_eq!(agency_page("3517"), filled(route::AGENCY_PAGE));
        for (action, route) in [
            (ReporterAction::SignIn, route::REPORTER_SIGN_IN),
            (ReporterAction::SignOut, route::REPORTER_SIGN_OUT),
            (ReporterAction::Reply, route::REPORTER_REPLY),
            (ReporterAction::Rate, route::REPORTER_RATE),
            (ReporterAction::Reopen, route::REPORTER_REOPEN),
            (ReporterAction::Live, route::REPORTER_LIVE),
        ] {
            assert_eq!(reporter(n, action), filled(route), "{action:?}");
        }
        assert_eq!(report_attachment(n, 7), filled(route::REPORT_ATTACHMENT));
        assert_eq!(regions("3517"), filled(route::REGIONS));
        assert_eq!(staff_report(n), filled(route::STAFF_REPORT));
        assert_eq!(staff_attachment(n, 7), filled(route::STAFF_ATTACHMENT));
        assert!(language("3517", "/").starts_with(&filled(route::LANGUAGE)));
    }
}
