//! The installable app: the web app manifest, in the reader's language. The service
//! worker (`public/sw.js`) and the phone's own list of reports and send queue
//! (`public/js/antrean.js`) are plain files: the browser requires a script for the one,
//! and the other runs where the WASM is not loaded (see the README, "Installable app").

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};

use crate::i18n::Key;
use crate::paths;
use crate::server::http::request_locale;

/// The brand's red, the header's colour.
const THEME: &str = "#b91c1c";

/// `GET /manifest.webmanifest`: name, icons, colours; opens on the report form, standalone.
pub async fn manifest(headers: HeaderMap) -> Response {
    let locale = request_locale(&headers);
    let icon = |src: &str, sizes: &str, purpose: &str| serde_json::json!({ "src": src, "sizes": sizes, "type": "image/png", "purpose": purpose });
    let manifest = serde_json::json!({
        "name": Key::AppTitle.text(locale),
        "short_name": "LAPOR!",
        "description": Key::PwaDescription.text(locale),
        "lang": locale.code(),
        "start_url": paths::REPORT,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": "#ffffff",
        "icons": [
            icon("/ikon/lapor-192.png", "192x192", "any"),
            icon("/ikon/lapor-512.png", "512x512", "any"),
            icon("/ikon/lapor-512-maskable.png", "512x512", "maskable"),
        ],
        "shortcuts": [
            { "name": Key::NavTrack.text(locale), "url": paths::TRACK },
            { "name": Key::PwaMineHeading.text(locale), "url": paths::MY_REPORTS },
        ],
    });
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::VARY, "cookie"),
        ],
        manifest.to_string(),
    )
        .into_response()
}
