//! The whole app in process: the library's router (every face, every layer) on a test
//! store, asked with `tower::ServiceExt::oneshot`. The same requests a browser sends,
//! without a socket; tests that need one (cookies across a real connection, streams,
//! the command line) run the `lapor` binary in `server/tests`.

use std::net::SocketAddr;

use app::server::channels::ChannelSettings;
use app::server::router::router;
use app::server::state::{AppState, Clock};
use app::server::storage::Store;
use app::server::uploads::LocalDirStore;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Request};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

/// The host every request names (the cross-site check compares origins with it).
pub const HOST: &str = "lapor.test";
/// The SMS gateways' secrets the app under test is configured with.
pub const SMS_TOKEN: &str = "uji-token-gerbang-sms";
pub const TWILIO_TOKEN: &str = "uji-token-twilio";
/// The address Twilio is told to call (it signs it).
pub const PUBLIC_URL: &str = "https://lapor.test";
/// The chat services' secrets the app under test is configured with.
pub const TELEGRAM_SECRET: &str = "uji-rahasia-telegram";
pub const TELEGRAM_BOT_TOKEN: &str = "123456:uji-token-bot";
pub const WHATSAPP_APP_SECRET: &str = "uji-rahasia-aplikasi-whatsapp";
pub const WHATSAPP_VERIFY_TOKEN: &str = "uji-token-verifikasi";
pub const WHATSAPP_ACCESS_TOKEN: &str = "uji-token-akses-whatsapp";
pub const WHATSAPP_PHONE_ID: &str = "106540352242922";

/// The app's router over `store`, its attachments in a folder of their own.
pub struct InProcess {
    router: Router,
    /// The app's state, to look inside (the page cache, the store).
    pub state: AppState,
    uploads: std::path::PathBuf,
}

/// What came back: the status, the headers and the body as text.
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The `name=value` part of the `Set-Cookie` header that sets `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| pair.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }

    /// The `Location` header, if any.
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    /// The report number a sent form was redirected with (`/lapor/terkirim/{number}`).
    pub fn receipt_number(&self) -> String {
        self.location()
            .and_then(|l| l.rsplit('/').next())
            .expect("a redirect to the receipt")
            .to_string()
    }
}

/// The channels' settings of the app under test: every gateway and chat door open with
/// the test secrets, the SMS simulator off (as in production).
pub fn channel_settings() -> ChannelSettings {
    ChannelSettings {
        sms_token: Some(SMS_TOKEN.into()),
        twilio_auth_token: Some(TWILIO_TOKEN.into()),
        public_url: Some(PUBLIC_URL.into()),
        sms_send_url: None,
        smtp_relay: None,
        mail_from: None,
        simulator: false,
        telegram_secret: Some(TELEGRAM_SECRET.into()),
        telegram_bot_token: Some(TELEGRAM_BOT_TOKEN.into()),
        // Nothing answers here unless a test starts a stand-in for the service.
        telegram_api_url: "http://127.0.0.1:9".into(),
        whatsapp_app_secret: Some(WHATSAPP_APP_SECRET.into()),
        whatsapp_verify_token: Some(WHATSAPP_VERIFY_TOKEN.into()),
        whatsapp_access_token: Some(WHATSAPP_ACCESS_TOKEN.into()),
        whatsapp_phone_id: Some(WHATSAPP_PHONE_ID.into()),
        whatsapp_api_url: "http://127.0.0.1:9".into(),
    }
}

impl InProcess {
    pub fn new(store: Store) -> InProcess {
        InProcess::with_channels(store, channel_settings())
    }

    /// The app with its channels configured by `settings`.
    pub fn with_channels(store: Store, settings: ChannelSettings) -> InProcess {
        InProcess::adjusted(store, settings, |state| state)
    }

    /// The app as a demo server (`lapor demo`) whose phones open `public_url`.
    pub fn demo(store: Store, public_url: &str) -> InProcess {
        let demo = app::server::demo::DemoMode {
            public_url: public_url.to_string(),
            started: Clock::default().now(),
            reset: std::sync::Arc::default(),
        };
        InProcess::adjusted(store, channel_settings(), move |state| {
            state.with_demo(demo)
        })
    }

    fn adjusted(
        store: Store,
        settings: ChannelSettings,
        adjust: impl FnOnce(AppState) -> AppState,
    ) -> InProcess {
        let options = LeptosOptions::builder()
            .output_name("lapor")
            .site_root("target/site")
            .site_pkg_dir("pkg")
            .build();
        let uploads = std::env::temp_dir().join(format!(
            "lapor-test-uploads-{}-{:08x}",
            std::process::id(),
            rand::random::<u32>()
        ));
        let state = AppState::new(store, options, Clock::default())
            .with_blobs(std::sync::Arc::new(LocalDirStore::new(&uploads)))
            .with_channels(settings);
        let state = adjust(state);
        // Rate limits are per client address, which a socket would give.
        let router = router(state.clone(), "target/site")
            .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        InProcess {
            router,
            state,
            uploads,
        }
    }

    /// One request; `headers` are added to `Host` (and a form body's content type).
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", HOST);
        let typed = headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        if !body.is_empty() && !typed {
            request = request.header("content-type", "application/x-www-form-urlencoded");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Body::from(body.to_string()))
            .expect("a well-formed request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router always answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a whole body")
            .to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], "").await
    }

    /// A GET carrying `cookie` (e.g. `lapor_pelapor_K7QM3XPAR=…`).
    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> Answer {
        self.request("GET", path, &[("cookie", cookie)], "").await
    }

    pub async fn post_form(&self, path: &str, body: &str) -> Answer {
        self.request("POST", path, &[], body).await
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.uploads);
    }
}
