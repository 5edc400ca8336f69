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

// --- `lapor report act|show` (live updates area) ---

mod common;

/// A seeded scratch database with one report in it; returns the scratch and the number.
fn database_with_a_report(name: &str, confidential: bool) -> (common::Scratch, String) {
    let scratch = common::Scratch::new(name);
    let seeded = lapor(&["seed", "--essentials"], &scratch.url);
    assert!(seeded.status.success(), "{}", common::stderr(&seeded));
    let number = common::submit(&scratch.url, confidential);
    (scratch, number)
}

fn act(url: &str, number: &str, role: &str, action: &str, extra: &[&str]) -> Output {
    let mut args = vec!["report", "act", number, "--role", role, "--action", action];
    args.extend_from_slice(extra);
    lapor(&args, url)
}

#[test]
fn an_operator_moves_a_report_from_verification_to_a_published_follow_up() {
    let (scratch, number) = database_with_a_report("cli-act", false);
    let url = &scratch.url;
    let steps: [(&str, &str, &[&str], &str); 5] = [
        ("national_admin", "verify", &[], "submitted -> verified"),
        (
            "national_admin",
            "forward",
            &["--agency", "kementerian-kesehatan"],
            "verified -> forwarded",
        ),
        ("agency_admin", "dispose", &[], "forwarded -> disposed"),
        (
            "unit_operator",
            "draft",
            &["--text", "Lampu sudah diganti oleh petugas."],
            "disposed -> drafted",
        ),
        ("liaison", "publish", &[], "drafted -> followed_up"),
    ];
    for (role, action, extra, expected) in steps {
        let output = act(url, &number, role, action, extra);
        assert!(output.status.success(), "{}", common::stderr(&output));
        let line = common::stdout(&output);
        assert!(line.trim_end().ends_with(expected), "{line}");
        assert_eq!(line.lines().count(), 1, "{line}");
    }

    let shown = common::stdout(&lapor(&["report", "show", &number], url));
    assert!(shown.contains("status:  followed_up"), "{shown}");
    assert!(shown.contains("version: 6"), "{shown}");
    assert!(shown.contains("Kementerian Kesehatan"), "{shown}");
    assert!(shown.contains("transition:publish"), "{shown}");
    // The timeline is for operators, but identity stays out of it.
    assert!(!shown.contains("Penanda Rahasia"), "{shown}");
    assert!(!shown.contains("081234567890"), "{shown}");
}

#[test]
fn refused_steps_say_why_in_one_line_and_change_nothing() {
    let (scratch, number) = database_with_a_report("cli-refused", false);
    let url = &scratch.url;
    assert_one_line_failure(
        &act(url, &number, "agency_admin", "verify", &[]),
        "agency_admin may not verify",
    );
    assert_one_line_failure(
        &act(url, &number, "liaison", "publish", &[]),
        "cannot publish a report that is submitted",
    );
    assert_one_line_failure(
        &act(url, &number, "national_admin", "archive", &[]),
        "archive needs a reason",
    );
    assert!(act(url, &number, "national_admin", "verify", &[])
        .status
        .success());
    assert_one_line_failure(
        &act(url, &number, "national_admin", "forward", &[]),
        "forward needs the receiving agency",
    );
    assert_one_line_failure(
        &act(
            url,
            &number,
            "national_admin",
            "forward",
            &["--agency", "kementerian-tidak-ada"],
        ),
        "no agency has the code",
    );
    assert_one_line_failure(
        &act(url, "23456789A", "national_admin", "verify", &[]),
        "not a tracking number",
    );
    assert_one_line_failure(
        &act(url, &number, "reporter", "verify", &[]),
        "is not a role",
    );
    assert_one_line_failure(
        &act(url, &number, "national_admin", "fly", &[]),
        "is not an action",
    );
    let shown = common::stdout(&lapor(&["report", "show", &number], url));
    assert!(shown.contains("status:  verified"), "{shown}");
    assert!(shown.contains("version: 2"), "{shown}");
}

#[test]
fn an_unknown_report_number_is_refused_with_one_line() {
    let (scratch, number) = database_with_a_report("cli-unknown", false);
    // Well formed (right check character), but not the stored report's.
    let other = [[0u8; 8], [1u8; 8]]
        .map(|data| {
            app::model::TrackingNumber::from_random(data)
                .as_str()
                .to_string()
        })
        .into_iter()
        .find(|candidate| *candidate != number)
        .unwrap_or_default();
    assert_one_line_failure(
        &act(&scratch.url, &other, "national_admin", "verify", &[]),
        "no report has the number",
    );
    assert_one_line_failure(
        &lapor(&["report", "show", &other], &scratch.url),
        "no report has the number",
    );
}

#[test]
fn an_operator_adds_staff_accounts_and_mistakes_are_refused_in_one_line() {
    let scratch = common::Scratch::new("cli-staff");
    let url = &scratch.url;
    let seeded = lapor(&["seed", "--essentials"], url);
    assert!(seeded.status.success(), "{}", common::stderr(&seeded));

    let added = lapor(
        &[
            "staff",
            "add",
            "--email",
            "Admin@Kemkes.go.id",
            "--role",
            "agency_admin",
            "--agency",
            "kementerian-kesehatan",
        ],
        url,
    );
    assert!(added.status.success(), "{}", common::stderr(&added));
    let line = common::stdout(&added);
    let password = line
        .trim_end()
        .rsplit("password: ")
        .next()
        .expect("a generated password");
    assert!(
        line.starts_with("added admin@kemkes.go.id (agency_admin)"),
        "{line}"
    );
    assert_eq!(password.chars().count(), 20, "{line}");

    let listed = common::stdout(&lapor(&["staff", "list"], url));
    assert!(
        listed.contains("admin@kemkes.go.id\tagency_admin\t"),
        "{listed}"
    );
    assert!(
        !listed.contains(password),
        "the list never shows a password"
    );

    for (args, expected) in [
        (
            vec!["--email", "admin@kemkes.go.id", "--role", "national_admin"],
            "already has an account",
        ),
        (
            vec!["--email", "liaison@x.go.id", "--role", "liaison"],
            "give --agency",
        ),
        (
            vec![
                "--email",
                "op@x.go.id",
                "--role",
                "unit_operator",
                "--agency",
                "kementerian-kesehatan",
            ],
            "give --unit",
        ),
        (
            vec!["--email", "x@x.go.id", "--role", "reporter"],
            "is not a staff role",
        ),
        (
            vec!["--email", "bukan-email", "--role", "oversight"],
            "is not an email address",
        ),
        (
            vec![
                "--email",
                "y@x.go.id",
                "--role",
                "agency_admin",
                "--agency",
                "tidak-ada",
            ],
            "no agency has the code",
        ),
    ] {
        let mut all = vec!["staff", "add"];
        all.extend(args);
        let output = lapor(&all, url);
        assert!(!output.status.success(), "{all:?}");
        let stderr = common::stderr(&output);
        assert!(stderr.contains(expected), "{all:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}
