//! Helpers shared by the binary's test files: a scratch SQLite database, the `lapor`
//! command, a running `lapor serve`, and reports filed straight through the `Store`.

#![allow(dead_code)] // Each test file uses its own share of these helpers.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use app::model::validation::{validate, ReportForm};
use app::model::Timestamp;
use app::server::storage::{PinKey, Store};

/// The SMS gateways' secret every test server is started with (`LAPOR_SMS_TOKEN`).
pub const SMS_TOKEN: &str = "uji-token-gerbang-sms";
/// The Telegram webhook's secret every test server is started with.
pub const TELEGRAM_SECRET: &str = "uji-rahasia-telegram";

/// A folder of its own with a SQLite database in it, removed on drop.
pub struct Scratch {
    pub dir: PathBuf,
    pub url: String,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        // A port just handed out by the OS is as good a unique suffix as any.
        let dir = std::env::temp_dir().join(format!(
            "lapor-{name}-{}-{}",
            std::process::id(),
            rand_port()
        ));
        let url = format!("sqlite://{}/lapor.db", dir.display());
        Scratch { dir, url }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rand_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_default()
}

/// Runs `lapor args…` against `database_url` and waits for it.
pub fn lapor(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lapor"))
        .args(args)
        .env("DATABASE_URL", database_url)
        // Never the repository's data/ folder (nor server/data/, which holds source data).
        .env(
            "LAPOR_SECRET_KEY_FILE",
            std::env::temp_dir().join("lapor-test-secret.key"),
        )
        .env("RUST_LOG", "error")
        .output()
        .expect("the lapor binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A `lapor serve` on a free port, killed on drop.
pub struct Server {
    child: Child,
    pub addr: String,
    pub database_url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server on `database_url` (essential reference data) and waits
    /// until it answers pages.
    pub fn start(database_url: &str) -> Server {
        Server::start_logging(database_url, "warn", Stdio::null(), Stdio::inherit(), &[])
    }

    /// [`Server::start`] with extra environment variables (e.g. `LAPOR_SMS_SEND_URL`).
    pub fn start_with_env(database_url: &str, env: &[(&str, &str)]) -> Server {
        Server::start_logging(database_url, "warn", Stdio::null(), Stdio::inherit(), env)
    }

    /// Starts the server with `RUST_LOG=filter`, its log lines (standard output and
    /// error) written to `log`.
    pub fn start_logging_to(database_url: &str, filter: &str, log: &std::path::Path) -> Server {
        Server::start_logging_to_with_env(database_url, filter, log, &[])
    }

    /// [`Server::start_logging_to`] with extra environment variables.
    pub fn start_logging_to_with_env(
        database_url: &str,
        filter: &str,
        log: &std::path::Path,
        env: &[(&str, &str)],
    ) -> Server {
        let file = std::fs::File::create(log).expect("a log file");
        let copy = file.try_clone().expect("a log file");
        Server::start_logging(
            database_url,
            filter,
            Stdio::from(file),
            Stdio::from(copy),
            env,
        )
    }

    fn start_logging(
        database_url: &str,
        filter: &str,
        stdout: Stdio,
        stderr: Stdio,
        env: &[(&str, &str)],
    ) -> Server {
        let addr = format!("127.0.0.1:{}", rand_port());
        let args = ["serve", "--addr", &addr, "--seed", "essentials"];
        Server::spawn(
            &args,
            addr.clone(),
            database_url,
            filter,
            stdout,
            stderr,
            env,
            "/lacak",
        )
    }

    /// `lapor demo` on `database_url` (its demo database), phones told to open
    /// `public_url`; ready when the presenter's page answers.
    pub fn start_demo(database_url: &str, public_url: &str) -> Server {
        let addr = format!("127.0.0.1:{}", rand_port());
        let args = [
            "demo",
            "--addr",
            &addr,
            "--demo-database-url",
            database_url,
            "--public-url",
            public_url,
        ];
        Server::spawn(
            &args,
            addr.clone(),
            database_url,
            "warn",
            Stdio::null(),
            Stdio::inherit(),
            &[],
            "/demo",
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn spawn(
        args: &[&str],
        addr: String,
        database_url: &str,
        filter: &str,
        stdout: Stdio,
        stderr: Stdio,
        env: &[(&str, &str)],
        ready_at: &str,
    ) -> Server {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        // Attachments beside the database (never in the repository's data/ folder).
        let uploads = database_url
            .strip_prefix("sqlite://")
            .and_then(|path| PathBuf::from(path).parent().map(|dir| dir.join("uploads")))
            .unwrap_or_else(|| std::env::temp_dir().join(format!("lapor-uploads-{}", rand_port())));
        let child = Command::new(env!("CARGO_BIN_EXE_lapor"))
            .args(args)
            .current_dir(&root)
            .env("DATABASE_URL", database_url)
            .env(
                "LAPOR_SECRET_KEY_FILE",
                uploads.with_file_name("lapor-secret.key"),
            )
            .env("LAPOR_UPLOAD_DIR", uploads)
            .env("LEPTOS_OUTPUT_NAME", "lapor")
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("RUST_LOG", filter)
            .env("LAPOR_SMS_TOKEN", SMS_TOKEN)
            .env("LAPOR_TELEGRAM_SECRET", TELEGRAM_SECRET)
            .envs(env.iter().copied())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .expect("the lapor binary starts");
        let server = Server {
            child,
            addr,
            database_url: database_url.to_string(),
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            assert!(Instant::now() < deadline, "the server did not become ready");
            if server.status_of(ready_at) == 200 {
                return server;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Asks the server to stop (SIGTERM) and says whether it exited within `patience`.
    pub fn stop_within(&mut self, patience: Duration) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        if !sent.is_ok_and(|status| status.success()) {
            return false;
        }
        let deadline = Instant::now() + patience;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// The status code of a plain GET, 0 when the server does not answer.
    pub fn status_of(&self, path: &str) -> u16 {
        use std::io::{Read, Write};
        let Ok(mut stream) = TcpStream::connect(&self.addr) else {
            return 0;
        };
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return 0;
        }
        let mut head = [0u8; 12];
        if stream.read_exact(&mut head).is_err() {
            return 0;
        }
        String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0)
    }
}

/// Files a report straight through the store (the database must be migrated and
/// seeded); returns its compact tracking number.
pub fn submit(database_url: &str, confidential: bool) -> String {
    let form = ReportForm {
        classification: "pengaduan".into(),
        title: "Lampu jalan mati di jalan utama desa".into(),
        body: "Sudah tiga minggu lampu jalan di jalan utama desa mati dan jalan gelap sekali."
            .into(),
        region_code: "3517".into(),
        name: "Penanda Rahasia Zk4".into(),
        phone: "081234567890".into(),
        confidential: confidential.then(|| "on".to_string()),
        ..Default::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let store = Store::connect(database_url, PinKey::random())
            .await
            .expect("connect");
        let now = app::server::state::Clock::default().now();
        let report = validate(&form, now.date_wib()).expect("a valid report");
        let submission = store
            .submit_report(&report, Timestamp(now.0))
            .await
            .expect("stored");
        store.close().await;
        submission.tracking_number.as_str().to_string()
    })
}

/// One HTTP/1.1 request with a body of bytes; returns the status, the raw head and the
/// body (de-chunked). Status 0 when the server does not answer.
pub fn send(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return (0, String::new(), Vec::new());
    };
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    // A server may answer (413) before reading a large body, and close.
    let _ = stream.write_all(&request);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, String::from_utf8_lossy(&raw).into_owned(), Vec::new());
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk_bytes(&body);
    }
    (status, head, body)
}

fn dechunk_bytes(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let Ok(size) = usize::from_str_radix(String::from_utf8_lossy(&body[..end]).trim(), 16)
        else {
            break;
        };
        let rest = &body[end + 2..];
        if size == 0 || rest.len() < size {
            break;
        }
        out.extend_from_slice(&rest[..size]);
        body = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
    out
}

/// The values of header `name` in a raw response head.
pub fn header_values(head: &str, name: &str) -> Vec<String> {
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

/// A `multipart/form-data` body: text fields, then files (part name, file name, bytes).
/// Returns the content type (with its boundary) and the body.
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----laporTestBoundary7MA4YWxk";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// One HTTP/1.1 request with a text body (a form post is sent urlencoded, as a browser
/// without JavaScript does); returns the status, the raw head and the body.
pub fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut all = vec![("Accept", "text/html")];
    if method == "POST" {
        all.push(("Content-Type", "application/x-www-form-urlencoded"));
    }
    all.extend_from_slice(headers);
    let (status, head, body) = send(&server.addr, method, path, &all, body.as_bytes());
    (status, head, String::from_utf8_lossy(&body).into_owned())
}

/// `name=value` of the `Set-Cookie` whose name starts with `prefix`.
pub fn cookie(head: &str, prefix: &str) -> Option<String> {
    header_values(head, "set-cookie")
        .into_iter()
        .find(|c| c.starts_with(prefix))
        .and_then(|c| c.split(';').next().map(str::to_string))
}

/// Signs a demo staff member in (`lapor seed --demo`) and returns the
/// `lapor_petugas=…` cookie.
pub fn sign_in(server: &Server, email: &str) -> String {
    let password = app::server::seed::demo::DEMO_PASSWORD;
    let body = format!("email={email}&kata_sandi={password}");
    let (status, head, _) = request(server, "POST", "/masuk", &[], &body);
    assert_eq!(status, 303, "{email}: {head}");
    cookie(&head, "lapor_petugas=").expect("a session cookie")
}

/// Posts a form as a script does (JSON back), with `cookies`.
pub fn post_json(server: &Server, cookies: &str, path: &str, form: &str) -> (u16, String) {
    let headers = [
        ("Cookie", cookies),
        ("Accept", "application/json"),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let (status, _, body) = send(&server.addr, "POST", path, &headers, form.as_bytes());
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The report's version as a workspace report page shows it in its step forms.
pub fn page_version(page: &str) -> String {
    let at = page.find("name=\"versi\" value=\"").expect("a step form") + 20;
    page[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect()
}
