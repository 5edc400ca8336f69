//! Live tracking pages: a step taken by ANOTHER process (the `lapor report act`
//! command) reaches an open `/lacak/{number}/langsung` stream within seconds, and the
//! stream never carries a report's content.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{lapor, stderr, Scratch, Server};

/// An open server-sent-events response, read as raw text.
struct Stream {
    socket: TcpStream,
    head: String,
    received: String,
}

impl Stream {
    fn open(server: &Server, number: &str) -> Stream {
        let mut socket = TcpStream::connect(&server.addr).expect("connect");
        let request = format!(
            "GET /lacak/{number}/langsung HTTP/1.1\r\nHost: {}\r\n\
             Accept: text/event-stream\r\nAccept-Encoding: br, gzip\r\n\r\n",
            server.addr
        );
        socket.write_all(request.as_bytes()).expect("send");
        let mut stream = Stream {
            socket,
            head: String::new(),
            received: String::new(),
        };
        assert!(
            stream.wait_for("\r\n\r\n", Duration::from_secs(5)),
            "no response head: {:?}",
            stream.received
        );
        let (head, rest) = stream
            .received
            .split_once("\r\n\r\n")
            .map(|(h, r)| (h.to_string(), r.to_string()))
            .unwrap_or_default();
        stream.head = head.to_ascii_lowercase();
        stream.received = rest;
        stream
    }

    /// Reads until `needle` was received or `timeout` passed.
    fn wait_for(&mut self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut buffer = [0u8; 4096];
        while !self.received.contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            let _ = self.socket.set_read_timeout(Some(left));
            match self.socket.read(&mut buffer) {
                Ok(0) | Err(_) => return self.received.contains(needle),
                Ok(n) => self
                    .received
                    .push_str(&String::from_utf8_lossy(&buffer[..n])),
            }
        }
        true
    }

    /// The `data:` lines received so far.
    fn data_lines(&self) -> Vec<String> {
        self.received
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .map(|data| data.trim().to_string())
            .collect()
    }
}

fn act(url: &str, number: &str, action: &str) {
    let output = lapor(
        &[
            "report",
            "act",
            number,
            "--role",
            "national_admin",
            "--action",
            action,
            "--text",
            "Mohon lengkapi lokasi persisnya.",
        ],
        url,
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_step_taken_by_another_process_reaches_an_open_tracking_page() {
    let scratch = Scratch::new("live");
    let mut server = Server::start(&scratch.url);
    let watched = common::submit(&scratch.url, false);
    let other = common::submit(&scratch.url, false);
    // Let the feed publish the two submissions before listening (it reads every
    // 500 ms): the test is about the steps that follow.
    std::thread::sleep(Duration::from_millis(1200));

    let mut stream = Stream::open(&server, &watched);
    assert!(stream.head.starts_with("http/1.1 200"), "{}", stream.head);
    assert!(
        stream.head.contains("content-type: text/event-stream"),
        "{}",
        stream.head
    );
    // Compressed event streams sit in the compressor's buffer: they must go out plain.
    assert!(!stream.head.contains("content-encoding"), "{}", stream.head);

    // Another report's step is not this page's business.
    act(&scratch.url, &other, "verify");
    assert!(!stream.wait_for("event: update", Duration::from_millis(1500)));

    act(&scratch.url, &watched, "verify");
    assert!(
        stream.wait_for("event: update", Duration::from_secs(5)),
        "no update within 5 s: {:?}",
        stream.received
    );

    // An open stream does not hold up a graceful shutdown.
    assert!(server.stop_within(Duration::from_secs(5)));
}

#[test]
fn a_confidential_report_stream_says_only_update_and_unknown_numbers_are_404() {
    let scratch = Scratch::new("live-confidential");
    let server = Server::start(&scratch.url);
    let number = common::submit(&scratch.url, true);

    let mut stream = Stream::open(&server, &number);
    act(&scratch.url, &number, "return");
    assert!(
        stream.wait_for("event: update", Duration::from_secs(5)),
        "no update within 5 s: {:?}",
        stream.received
    );
    let data = stream.data_lines();
    assert!(!data.is_empty());
    for line in &data {
        assert!(line.chars().all(|c| c.is_ascii_digit()), "{line:?}");
    }
    for secret in ["Lampu jalan", "Mohon lengkapi", "Penanda Rahasia", "0812"] {
        assert!(!stream.received.contains(secret), "{}", stream.received);
    }

    let unknown = [[0u8; 8], [1u8; 8]]
        .map(|data| {
            app::model::TrackingNumber::from_random(data)
                .as_str()
                .to_string()
        })
        .into_iter()
        .find(|candidate| *candidate != number)
        .unwrap_or_default();
    assert_eq!(server.status_of(&format!("/lacak/{unknown}/langsung")), 404);
    assert_eq!(server.status_of("/lacak/BUKAN-NOMOR/langsung"), 404);
}
