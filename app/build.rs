//! Turns `locales/id.toml` and `locales/en.toml` into a typed `Key` enum with one
//! text per locale. A key missing from either file fails the build, so no page can
//! show an untranslated string.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn load(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
    table
        .into_iter()
        .map(|(key, value)| match value {
            toml::Value::String(s) => (key, s),
            other => panic!(
                "{}: `{key}` must be a string, found {other}",
                path.display()
            ),
        })
        .collect()
}

/// Keys of texts that only server-rendered pages show (never an island): the tracking
/// page, the reporter's area, the receipt, the home page, statuses, events, deadlines and
/// month names, answers of the HTTP layer, SMS and chat replies and page descriptions. Islands use the form's, the copy button's and the error texts.
/// The staff bundle (the `staff` feature) carries every text: the workspace's island
/// shows statuses, events, deadlines and its own `ws_` texts.
const SERVER_ONLY_PREFIXES: [&str; 20] = [
    "demo_",
    "pwa_",
    "stats_",
    "data_",
    "public_",
    "ws_",
    "mail_",
    "sms_",
    "chat_",
    "sim_",
    "http_",
    "meta_",
    "reporter_",
    "track_",
    "status_",
    "event_",
    "sent_",
    "home_",
    "month_",
    "deadline_",
];

fn server_only(key: &str) -> bool {
    SERVER_ONLY_PREFIXES
        .iter()
        .any(|prefix| key.starts_with(prefix))
}

fn variant(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let id = load(&dir.join("id.toml"));
    let en = load(&dir.join("en.toml"));
    let missing_en: Vec<_> = id.keys().filter(|k| !en.contains_key(*k)).collect();
    let missing_id: Vec<_> = en.keys().filter(|k| !id.contains_key(*k)).collect();
    assert!(
        missing_en.is_empty(),
        "keys missing from en.toml: {missing_en:?}"
    );
    assert!(
        missing_id.is_empty(),
        "keys missing from id.toml: {missing_id:?}"
    );

    let mut out =
        String::from("/// Every user-facing text, by key (generated from `locales/*.toml`).\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Key {\n");
    for key in id.keys() {
        writeln!(out, "    {},", variant(key)).unwrap();
    }
    out.push_str("}\n\n");
    // The WASM only renders islands; texts of server-rendered pages alone stay out of
    // it (an empty string there), which keeps the citizen pages' download small.
    for (name, table) in [("ID", &id), ("EN", &en)] {
        for (cfg, in_wasm) in [
            ("any(feature = \"ssr\", feature = \"staff\")", true),
            ("not(any(feature = \"ssr\", feature = \"staff\"))", false),
        ] {
            writeln!(
                out,
                "#[cfg({cfg})]\nstatic {name}: [&str; {}] = [",
                table.len()
            )
            .unwrap();
            for (key, value) in table.iter() {
                if in_wasm || !server_only(key) {
                    writeln!(out, "    {value:?},").unwrap();
                } else {
                    out.push_str("    \"\",\n");
                }
            }
            out.push_str("];\n\n");
        }
    }
    let out_path = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n_keys.rs");
    std::fs::write(out_path, out).expect("write generated i18n keys");
}
