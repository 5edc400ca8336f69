//! Real HTTP against a real `lapor serve` on a fresh SQLite database: what a
//! citizen's browser (or anyone else) can do to the public surface.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start() -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let dir = std::env::temp_dir().join(format!("lapor-http-{}-{port}", std::process::id()));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let child = Command::new(env!("CARGO_BIN_EXE_lapor"))
        .args(["serve", "--addr", &addr, "--seed", "essentials"])
        .current_dir(&root)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/http.db", dir.display()),
        )
        .env("LEPTOS_OUTPUT_NAME", "lapor")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("the lapor binary starts");
    let server = Server { child, addr, dir };
    let deadline = Instant::now() + Duration::from_secs(90);
    while TcpStream::connect(&server.addr).is_err() {
        assert!(
            Instant::now() < deadline,
            "the server did not start listening"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Listening comes before seeding; wait until pages answer.
    while request(&server, "GET", "/lacak", &[], "").0 != 200 {
        assert!(Instant::now() < deadline, "the server did not become ready");
        std::thread::sleep(Duration::from_millis(200));
    }
    server
}

/// One HTTP/1.1 request; returns status, raw headers and the (de-chunked) body.
fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let Ok(mut stream) = TcpStream::connect(&server.addr) else {
        return (0, String::new(), String::new());
    };
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAccept: text/html\r\n",
        server.addr
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        text.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    text.push_str(body);
    if stream.write_all(text.as_bytes()).is_err() {
        return (0, String::new(), String::new());
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, head.to_string(), body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

fn location(head: &str) -> Option<String> {
    head.lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::to_string)
}

const GOOD_FORM: &str = "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
    &body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya\
    &region_code=3517&name=Penanda+Rahasia+Xq7&phone=081234567890&email=penanda.xq7%40contoh.id";

#[test]
fn a_report_sent_twice_with_the_same_draft_key_is_filed_once() {
    let server = start();
    let form = format!("{GOOD_FORM}&idempotency_key=draft-123");
    let (first, head1, _) = request(&server, "POST", "/lapor", &[], &form);
    let (second, head2, _) = request(&server, "POST", "/lapor", &[], &form);
    assert_eq!((first, second), (303, 303));
    let receipt = location(&head1).expect("a redirect to the receipt");
    assert!(receipt.starts_with("/lapor/terkirim/"), "{receipt}");
    assert_eq!(Some(receipt), location(&head2));
}

#[test]
fn mistakes_get_a_422_page_in_indonesian_that_keeps_what_was_typed() {
    let server = start();
    let (status, _, body) = request(
        &server,
        "POST",
        "/lapor",
        &[],
        "title=Pendek&name=Budi+Santoso",
    );
    assert_eq!(status, 422);
    assert!(body.contains("Ada isian yang perlu diperbaiki"));
    assert!(body.contains("minimal 10 karakter"));
    assert!(body.contains("value=\"Pendek\""));
    assert!(body.contains("value=\"Budi Santoso\""));

    let (status, _, _) = request(&server, "POST", "/lapor", &[], "%ff%fe=%zz");
    assert!(
        status == 400 || status == 422,
        "garbage gets a client error, not {status}"
    );
    let (status, _, _) = request(&server, "GET", "/lacak/ZZZZZZZZZ", &[], "");
    assert_eq!(status, 400);
}

#[test]
fn a_post_from_another_site_is_refused() {
    let server = start();
    let (status, _, body) = request(
        &server,
        "POST",
        "/lapor",
        &[("Origin", "https://evil.example")],
        GOOD_FORM,
    );
    assert_eq!(status, 403);
    assert!(body.contains("Permintaan ditolak"));
    let own_origin = format!("http://{}", server.addr);
    let (status, _, _) = request(
        &server,
        "POST",
        "/lapor",
        &[("Origin", &own_origin)],
        GOOD_FORM,
    );
    assert_eq!(status, 303);
}

#[test]
fn the_public_page_of_a_report_never_shows_who_sent_it() {
    let server = start();
    for privacy in ["", "&anonymous=on", "&confidential=on"] {
        let (status, head, _) = request(
            &server,
            "POST",
            "/lapor",
            &[],
            &format!("{GOOD_FORM}{privacy}"),
        );
        assert_eq!(status, 303);
        let number = location(&head)
            .and_then(|l| l.rsplit('/').next().map(str::to_string))
            .expect("number");
        for path in [
            format!("/lacak/{number}"),
            format!("/lapor/terkirim/{number}"),
        ] {
            let (status, _, body) = request(&server, "GET", &path, &[], "");
            assert_eq!(status, 200, "{path}");
            for marker in ["Xq7", "penanda.xq7", "81234567890"] {
                assert!(!body.contains(marker), "{marker} leaked on {path}");
            }
            let shows_content = body.contains("Jalan berlubang di depan sekolah");
            assert_eq!(
                shows_content,
                path.starts_with("/lacak") && !privacy.contains("confidential"),
                "{path}{privacy}"
            );
        }
    }
}
