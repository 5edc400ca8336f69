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
    for (name, table) in [("ID", &id), ("EN", &en)] {
        writeln!(out, "static {name}: [&str; {}] = [", table.len()).unwrap();
        for value in table.values() {
            writeln!(out, "    {value:?},").unwrap();
        }
        out.push_str("];\n\n");
    }
    let out_path = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n_keys.rs");
    std::fs::write(out_path, out).expect("write generated i18n keys");
}
