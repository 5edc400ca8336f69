//! SMS gateways against a real `lapor serve` over real HTTP: the repository's Gammu SMSD
//! helper script, run as gammu-smsd runs it and under Debian's real gammu-smsd with its
//! dummy phone; Debian's real Kannel with its fake SMS centre.

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

/// An SMS in Gammu's backup format, as its dummy phone keeps an unread message: the text
/// in UTF-16BE hex, 100 characters a line.
fn gammu_backup(number: &str, text: &str) -> String {
    let hex: String = text
        .encode_utf16()
        .map(|unit| format!("{unit:04x}"))
        .collect();
    let lines: String = hex
        .as_bytes()
        .chunks(400)
        .enumerate()
        .map(|(i, chunk)| format!("Text{i:02} = {}\n", String::from_utf8_lossy(chunk)))
        .collect();
    format!(
        "\n[SMSBackup000]\nSMSC = \"+6281100000\"\nState = UnRead\nNumber = \"{number}\"\n\
         Coding = Default\nFolder = 1\nSent = 20261130T101010\n{lines}"
    )
}

/// The texts of the SMS in a Gammu backup file (`TextNN` lines, UTF-16BE hex).
fn gammu_texts(backup: &str) -> String {
    let hex: String = backup
        .lines()
        .filter(|l| l.starts_with("Text"))
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.trim().to_string()))
        .collect();
    let units: Vec<u16> = hex
        .as_bytes()
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

#[test]
fn a_real_gammu_smsd_carries_an_sms_to_lapor_and_the_answer_back_to_the_phone() {
    let scratch = Scratch::new("gammu-smsd");
    let server = Server::start(&scratch.url);
    let dir = scratch.dir.join("gammu");
    for folder in [
        "dummy/sms/1",
        "dummy/sms/2",
        "inbox",
        "outbox",
        "sent",
        "error",
    ] {
        std::fs::create_dir_all(dir.join(folder)).expect("a folder");
    }
    let config = dir.join("smsdrc");
    let d = dir.display();
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/gammu-run-on-receive.sh");
    std::fs::write(
        &config,
        format!(
            "[gammu]\nmodel = dummy\nconnection = none\nport = {d}/dummy\ngammuloc = /dev/null\n\n\
             [smsd]\nservice = files\ninboxpath = {d}/inbox/\noutboxpath = {d}/outbox/\n\
             sentsmspath = {d}/sent/\nerrorsmspath = {d}/error/\nReceiveFrequency = 1\n\
             CommTimeout = 1\nSendTimeout = 5\nlogfile = {d}/smsd.log\ndebuglevel = 1\n\
             runonreceive = {}\n",
            script.display()
        ),
    )
    .expect("gammu-smsd's configuration");
    let log = std::fs::File::create(dir.join("stdout.log")).expect("a log file");
    let _smsd = Running(
        Command::new("/usr/bin/gammu-smsd")
            .arg("-c")
            .arg(&config)
            .env("LAPOR_URL", format!("http://{}", server.addr))
            .env("LAPOR_SMS_TOKEN", SMS_TOKEN)
            .env("GAMMU_SMSDRC", &config)
            .stdout(log.try_clone().expect("a log file"))
            .stderr(log)
            .spawn()
            .expect("gammu-smsd starts (scripts/setup.sh --test installs it)"),
    );
    // The phone receives an SMS to 1708.
    std::fs::write(
        dir.join("dummy/sms/1/1"),
        gammu_backup(
            "+6281234567890",
            "JOMBANGKAB jalan di desa Sumberagung rusak parah sejak musim hujan",
        ),
    )
    .expect("an SMS on the dummy phone");

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let sent = loop {
        let files: Vec<PathBuf> = std::fs::read_dir(dir.join("sent"))
            .expect("the sent folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        if let Some(file) = files.first() {
            break std::fs::read_to_string(file).expect("the sent SMS");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no answer was sent; gammu-smsd's log:\n{}",
            std::fs::read_to_string(dir.join("smsd.log")).unwrap_or_default()
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert!(sent.contains("Number = \"+6281234567890\""), "{sent}");
    let answer = gammu_texts(&sent);
    assert!(answer.starts_with("LAPOR! Laporan diterima."), "{answer}");
    assert!(answer.contains("PIN "), "{answer}");
    // The report is on the public tracking page (the number from the answer).
    let number = answer
        .split("No. ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .expect("a number in the answer")
        .replace('-', "");
    let (status, _, page) = common::request(&server, "GET", &format!("/lacak/{number}"), &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("Sumberagung"), "the report was filed");
}

/// In demo mode (the simulator on) with no SMTP relay, e-mail to reporters is written to
/// the log instead of waiting: a trainer sees what the reporter would get. The address it
/// would go to is not written.
#[test]
fn in_demo_mode_without_a_relay_an_email_notice_is_written_to_the_log_without_its_address() {
    let scratch = Scratch::new("mail-log");
    std::fs::create_dir_all(&scratch.dir).expect("the scratch folder");
    let log = scratch.dir.join("server.log");
    let server = Server::start_logging_to_with_env(
        &scratch.url,
        "info",
        &log,
        &[("LAPOR_SMS_SIMULATOR", "1")],
    );
    let form = "classification=pengaduan&title=Lampu+jalan+mati+di+depan+pasar\
        &body=Sudah+tiga+minggu+lampu+jalan+di+depan+Pasar+Legi+mati+sehingga+jalan+gelap\
        &region_code=3517&name=Sari&email=sari.penanda%40contoh.id";
    let (status, head, _) = common::request(&server, "POST", "/lapor", &[], form);
    assert_eq!(status, 303, "{head}");
    let location = common::header_values(&head, "location").join("");
    let number = location.rsplit('/').next().expect("a number").to_string();
    let acted = common::lapor(
        &[
            "report",
            "act",
            &number,
            "--role",
            "national_admin",
            "--action",
            "verify",
        ],
        &scratch.url,
    );
    assert!(acted.status.success(), "{}", common::stderr(&acted));

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let lines = loop {
        let lines = std::fs::read_to_string(&log).unwrap_or_default();
        if lines.contains("sudah diverifikasi") {
            break lines;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no e-mail in the log:\n{lines}"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert!(lines.contains("e-mail to a reporter (demo mode"), "{lines}");
    assert!(!lines.contains("sari.penanda"), "the address is not logged");
}

/// A free port on the loopback interface.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A child process killed when dropped.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(program: &str, args: &[&str], out: &std::path::Path) -> Running {
    let log = std::fs::File::create(out).expect("a log file");
    let err = log.try_clone().expect("a log file");
    Running(
        Command::new(program)
            .args(args)
            .stdout(log)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("{program} starts: {e}")),
    )
}

/// Debian's real Kannel (bearerbox + smsbox) with its fake SMS centre, as
/// `scripts/setup.sh --test` installs them (`kannel`, `kannel-extras`).
const BEARERBOX: &str = "/usr/sbin/bearerbox";
const SMSBOX: &str = "/usr/sbin/smsbox";
const FAKESMSC: &str = "/usr/lib/kannel/test/fakesmsc";

#[test]
fn an_sms_through_a_real_kannel_is_filed_and_the_reply_and_later_notices_travel_back_to_the_phone()
{
    if !std::path::Path::new(BEARERBOX).exists() || !std::path::Path::new(FAKESMSC).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Kannel is missing: scripts/setup.sh --test installs kannel and kannel-extras"
        );
        eprintln!("Kannel not installed (scripts/setup.sh --test installs it): skipped");
        return;
    }
    let scratch = Scratch::new("kannel");
    let (admin, boxes, smsc, sendsms) = (free_port(), free_port(), free_port(), free_port());
    // Notices to the reporter leave through Kannel's sendsms.
    let send_url = format!(
        "http://127.0.0.1:{sendsms}/cgi-bin/sendsms?username=lapor&password=rahasia&from=1708&to={{to}}&text={{text}}"
    );
    let server = Server::start_with_env(&scratch.url, &[("LAPOR_SMS_SEND_URL", &send_url)]);
    let dir = &scratch.dir;
    let config = dir.join("kannel.conf");
    std::fs::write(
        &config,
        format!(
            "group = core\nadmin-port = {admin}\nadmin-password = rahasia\nsmsbox-port = {boxes}\n\
             box-allow-ip = 127.0.0.1\nlog-level = 0\n\n\
             group = smsc\nsmsc = fake\nsmsc-id = FAKE\nport = {smsc}\nconnect-allow-ip = 127.0.0.1\n\n\
             group = smsbox\nbearerbox-host = 127.0.0.1\nbearerbox-port = {boxes}\nsendsms-port = {sendsms}\nlog-level = 0\n\n\
             group = sendsms-user\nusername = lapor\npassword = rahasia\n\n\
             group = sms-service\nkeyword = default\n\
             get-url = \"http://{addr}/kanal/sms/kannel?token={SMS_TOKEN}&from=%p&keyword=%k&text=%r&id=%I\"\n\
             max-messages = 1\nomit-empty = true\n",
            addr = server.addr
        ),
    )
    .expect("kannel.conf");
    let config = config.to_string_lossy().to_string();
    let _bearerbox = spawn(BEARERBOX, &["-v", "1", &config], &dir.join("bearerbox.log"));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let phone_log = dir.join("fakesmsc.log");
    let _phone = spawn(
        FAKESMSC,
        &[
            "-H",
            "127.0.0.1",
            "-r",
            &smsc.to_string(),
            "-i",
            "0.1",
            "-m",
            "1",
            "+6281234567890 1708 text JOMBANGKAB jalan di desa Sumberagung rusak parah sejak musim hujan",
        ],
        &phone_log,
    );
    let _smsbox = spawn(SMSBOX, &["-v", "1", &config], &dir.join("smsbox.log"));

    // The reply arrives at the fake SMS centre as a message to the phone.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let reply = loop {
        let log = std::fs::read_to_string(&phone_log).unwrap_or_default();
        if let Some(line) = log.lines().find(|l| l.contains("Got message 1:")) {
            break line.to_string();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no reply reached the phone; fakesmsc said:\n{log}\nbearerbox:\n{}\nsmsbox:\n{}",
            std::fs::read_to_string(dir.join("bearerbox.log")).unwrap_or_default(),
            std::fs::read_to_string(dir.join("smsbox.log")).unwrap_or_default(),
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    assert!(
        reply.contains("<1708 +6281234567890 text LAPOR! Laporan diterima."),
        "{reply}"
    );
    let number = reply
        .split("No. ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .expect("a tracking number in the reply");
    assert!(reply.contains(" PIN "), "{reply}");

    // The report is in the database, for the agency the keyword names.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = app::server::storage::Store::connect(
            &server.database_url,
            app::server::storage::PinKey::random(),
        )
        .await
        .expect("connect");
        let number = app::model::TrackingNumber::parse(number).expect("a tracking number");
        let record = store
            .report_record(&number)
            .await
            .expect("read")
            .expect("filed");
        assert_eq!(record.status, app::model::Status::Submitted);
        store.close().await;
    });

    // A national administrator verifies it; the notice reaches the phone through Kannel.
    let acted = common::lapor(
        &[
            "report",
            "act",
            number,
            "--role",
            "national_admin",
            "--action",
            "verify",
        ],
        &server.database_url,
    );
    assert!(acted.status.success(), "{}", common::stderr(&acted));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let log = std::fs::read_to_string(&phone_log).unwrap_or_default();
        if let Some(line) = log.lines().find(|l| l.contains("Got message 2:")) {
            assert!(
                line.contains(&format!(
                    "+6281234567890 text LAPOR! Laporan {number} sudah diverifikasi"
                )),
                "{line}"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no notice reached the phone; fakesmsc said:\n{log}\nsmsbox:\n{}",
            std::fs::read_to_string(dir.join("smsbox.log")).unwrap_or_default(),
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[test]
fn a_refused_gateway_request_is_logged_without_its_content() {
    let scratch = Scratch::new("refused");
    let log = scratch.dir.join("server.log");
    std::fs::create_dir_all(&scratch.dir).expect("scratch folder");
    let server = Server::start_logging_to(&scratch.url, "info,app=trace,lapor=trace", &log);
    let marker_phone = "081299990077";
    let marker_text = "Penanda Gerbang Zq4";
    let body = format!(
        "from={marker_phone}&id=z-1&text=JOMBANGKAB+{}",
        marker_text.replace(' ', "+")
    );
    let (status, _, _) = common::request(
        &server,
        "POST",
        "/kanal/sms/generic",
        &[("Authorization", "Bearer salah")],
        &body,
    );
    assert_eq!(status, 401);
    drop(server);
    let lines = std::fs::read_to_string(&log).expect("the server's log");
    assert!(
        lines.contains("not authenticated"),
        "the refusal is logged:\n{lines}"
    );
    for marker in [marker_phone, "81299990077", marker_text] {
        assert!(!lines.contains(marker), "{marker} in a log line");
    }
}
