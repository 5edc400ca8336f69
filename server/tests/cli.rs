//! The `lapor` binary's failures are one clear line and exit code 1, never a panic.

use std::process::{Command, Output};

fn lapor(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lapor"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .output()
        .expect("the lapor binary runs")
}

fn assert_one_line_failure(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    let line = stderr.lines().last().unwrap_or_default();
    assert!(line.starts_with("lapor: "), "stderr: {stderr}");
    assert!(line.contains(expected), "expected {expected:?} in {stderr}");
}

#[test]
fn a_malformed_database_url_is_refused_with_one_line() {
    let output = lapor(&["migrate"], "mysql//nonsense");
    assert_one_line_failure(&output, "database");
}

#[test]
fn an_unreachable_database_is_reported_with_one_line() {
    // Port 1 on loopback: nothing listens there.
    let output = lapor(&["migrate"], "postgres://postgres@127.0.0.1:1/lapor");
    assert_one_line_failure(&output, "database");
}

#[test]
fn a_port_in_use_is_reported_with_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let addr = taken.local_addr().expect("local addr").to_string();
    let dir = std::env::temp_dir().join(format!("lapor-cli-{}", std::process::id()));
    let url = format!("sqlite://{}/cli.db", dir.display());
    let output = lapor(&["serve", "--addr", &addr], &url);
    assert_one_line_failure(&output, "cannot listen on");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn migrate_and_seed_work_on_a_new_sqlite_file_and_are_repeatable() {
    let dir = std::env::temp_dir().join(format!("lapor-cli-seed-{}", std::process::id()));
    let url = format!("sqlite://{}/new/seed.db", dir.display());
    for _ in 0..2 {
        let output = lapor(&["seed", "--essentials"], &url);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(dir.join("new/seed.db").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_administrator_adds_and_removes_a_day_off_without_a_release() {
    let dir = std::env::temp_dir().join(format!("lapor-cli-calendar-{}", std::process::id()));
    let url = format!("sqlite://{}/calendar.db", dir.display());
    assert!(lapor(&["seed", "--essentials"], &url).status.success());
    let stdout = |output: Output| String::from_utf8_lossy(&output.stdout).into_owned();

    let added = lapor(
        &[
            "calendar",
            "add",
            "2030-06-03",
            "--kind",
            "cuti_bersama",
            "--name",
            "Cuti Bersama Uji",
        ],
        &url,
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(stdout(lapor(&["calendar", "list", "2030"], &url))
        .contains("2030-06-03\tcuti_bersama\tCuti Bersama Uji"));

    assert!(lapor(&["calendar", "remove", "2030-06-03"], &url)
        .status
        .success());
    assert!(!stdout(lapor(&["calendar", "list", "2030"], &url)).contains("2030-06-03"));
    assert_one_line_failure(
        &lapor(&["calendar", "remove", "2030-06-03"], &url),
        "was not a non-working day",
    );
    assert_one_line_failure(
        &lapor(&["calendar", "add", "2030-02-30", "--name", "x"], &url),
        "is not a date",
    );
    let _ = std::fs::remove_dir_all(dir);
}
