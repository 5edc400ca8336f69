//! The scripts that wake the islands, fetched only by browsers that run JavaScript.
//!
//! Leptos' `HydrationScripts` announces the JS glue and the WASM with
//! `<link rel="modulepreload">` and `<link rel="preload" as="fetch">`. A browser with
//! JavaScript off still downloads preloads: 134 KB of WASM it can never run, 91 % of
//! its first load. Here the same links are written by a one-line inline script in the
//! `<head>`, which runs while the head is parsed: a browser with JavaScript starts both
//! downloads as early as before, one without it never does.

use leptos::prelude::*;
use leptos::tachys::html::InertElement;

/// Leptos' island scripts, with their preload hints added by script (or written out,
/// for a page the islands router fetches: JavaScript runs there by definition).
/// `staff`: the staff bundle's ([`staff_bundle`]), without the islands router.
#[component]
pub fn IslandScripts(options: LeptosOptions, #[prop(optional)] staff: bool) -> impl IntoView {
    let html = if staff {
        let options = staff_bundle(&options);
        view! { <HydrationScripts options islands=true/> }.to_html()
    } else {
        view! { <HydrationScripts options islands=true islands_router=true/> }.to_html()
    };
    let (hints, scripts) = split_links(&html);
    let loader = format!(
        "document.currentScript.insertAdjacentHTML('afterend',{})",
        js_string(&hints)
    );
    // The islands router moves between pages by diffing the whole document, node by
    // node: a page it fetches must hold the links the loader already added to this one.
    let navigating = use_context::<IslandsRouterNavigation>().is_some();
    let hints = if navigating { hints } else { String::new() };
    view! {
        <script inner_html=loader></script>
        {InertElement::new(hints)}
        {InertElement::new(scripts)}
    }
}

/// Where the staff bundle is: the second cargo-leptos project (`lapor-staff`, built with
/// `--frontend-only`) writes `lapor-staff.*` under `{site root}-staff/pkg-staff` and its
/// names' hashes to `hash-staff.txt` beside the server.
pub fn staff_bundle(options: &LeptosOptions) -> LeptosOptions {
    let mut staff = options.clone();
    staff.output_name = "lapor-staff".into();
    staff.site_pkg_dir = crate::paths::STAFF_PKG.trim_start_matches('/').into();
    staff.hash_file = "hash-staff.txt".into();
    staff
}

/// The `<link …>` elements of `html`, and the rest.
fn split_links(html: &str) -> (String, String) {
    let mut links = String::new();
    let mut rest = String::new();
    let mut remaining = html;
    while let Some(start) = remaining.find("<link") {
        rest.push_str(&remaining[..start]);
        let end = remaining[start..]
            .find('>')
            .map_or(remaining.len(), |at| start + at + 1);
        links.push_str(&remaining[start..end]);
        remaining = &remaining[end..];
    }
    rest.push_str(remaining);
    (links, rest)
}

/// `text` as a JavaScript string literal that cannot end the `<script>` it sits in.
fn js_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".to_string())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::{js_string, split_links};

    #[test]
    fn preload_links_are_taken_apart_from_the_scripts() {
        let html = r#"<link rel="modulepreload" href="/pkg/a.js"><link rel="preload" href="/pkg/a.wasm" as="fetch"><script type="module">go()</script>"#;
        let (links, rest) = split_links(html);
        assert_eq!(
            links,
            r#"<link rel="modulepreload" href="/pkg/a.js"><link rel="preload" href="/pkg/a.wasm" as="fetch">"#
        );
        assert_eq!(rest, r#"<script type="module">go()</script>"#);
    }

    #[test]
    fn the_loader_string_cannot_close_its_script() {
        assert_eq!(
            js_string(r#"<link href="x">"#),
            r#""\u003clink href=\"x\">""#
        );
        assert!(!js_string("</script>").contains("</"));
    }
}
