//! SMS gateways against a real `lapor serve` over real HTTP: the repository's Gammu SMSD
//! helper script, run as gammu-smsd runs it.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

mod common;

use common::{Scratch, Server, SMS_TOKEN};

/// Runs `scripts/gammu-run-on-receive.sh` with the environment gammu-smsd gives it, a
/// stand-in `gammu-smsd-inject` on the PATH that writes down what it was asked to send,
/// and returns that (or the script's failure).
fn run_on_receive(
    server: &Server,
    scratch: &Scratch,
    id: &str,
    number: &str,
    text: &str,
) -> String {
    let bin = scratch.dir.join("bin");
    std::fs::create_dir_all(&bin).expect("a bin folder");
    let sent = scratch.dir.join("sent.txt");
    let inject = bin.join("gammu-smsd-inject");
    std::fs::write(
        &inject,
        format!("#!/bin/sh\nprintf '%s|' \"$@\" > '{}'\n", sent.display()),
    )
    .expect("the stand-in");
    std::fs::set_permissions(&inject, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let _ = std::fs::remove_file(&sent);
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/gammu-run-on-receive.sh");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg(&script)
        .arg(id)
        .env("PATH", path)
        .env("LAPOR_URL", format!("http://{}", server.addr))
        .env("LAPOR_SMS_TOKEN", SMS_TOKEN)
        .env("SMS_MESSAGES", "1")
        .env("SMS_1_NUMBER", number)
        .env("SMS_1_TEXT", "(the first part only)")
        .env("DECODED_PARTS", "1")
        .env("DECODED_1_TEXT", text)
        .output()
        .expect("the script runs");
    assert!(
        output.status.success(),
        "the script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(&sent).unwrap_or_default()
}

#[test]
fn gammus_run_on_receive_helper_files_the_sms_and_sends_the_reply_back() {
    let scratch = Scratch::new("gammu");
    let server = Server::start(&scratch.url);
    let long = "JOMBANGKAB jalan di desa Sumberagung rusak parah sejak musim hujan, \
                sudah tiga motor jatuh di lubang yang sama minggu ini dan belum ada perbaikan";
    let sent = run_on_receive(
        &server,
        &scratch,
        "IN20261130_080000_00_+6281234567890_00.txt",
        "+6281234567890",
        long,
    );
    let parts: Vec<&str> = sent.split('|').collect();
    assert_eq!(parts[..3], ["TEXT", "+6281234567890", "-text"], "{sent}");
    assert!(parts[3].starts_with("LAPOR! Laporan diterima."), "{sent}");
    assert!(parts[3].contains("PIN "), "{sent}");

    // Gammu running the helper again for the same message files nothing new.
    let again = run_on_receive(
        &server,
        &scratch,
        "IN20261130_080000_00_+6281234567890_00.txt",
        "+6281234567890",
        long,
    );
    assert!(again.contains("sudah tercatat"), "{again}");
    assert!(!again.contains("PIN"), "{again}");
}
