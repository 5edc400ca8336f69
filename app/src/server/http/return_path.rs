//! Return addresses taken from a request (`?ke=/lacak/…`): only a path on this
//! site, written as a valid URL, ever reaches a `Location` header.

use axum::http::uri::PathAndQuery;

use crate::paths;

/// Longest return address kept; longer ones are not ours.
const MAX_LEN: usize = 2048;

/// `candidate` when it is a path on this site, else `/` (the home page): never an
/// error, never another site. Control characters, spaces, non-ASCII (a browser
/// percent-encodes these), `//host`, backslashes and schemes all fall back.
pub fn safe_return_path(candidate: Option<&str>) -> String {
    candidate
        .filter(|path| is_local_path(path))
        .map(str::to_string)
        .unwrap_or_else(|| "/".to_string())
}

/// Where the staff sign-in page sends a staff member back to: a workspace path
/// from `candidate`, else the workspace's home.
pub fn workspace_return_path(candidate: Option<&str>) -> String {
    let path = safe_return_path(candidate);
    let within = path
        .strip_prefix(paths::WORKSPACE)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']));
    if within {
        path
    } else {
        paths::WORKSPACE.to_string()
    }
}

/// A plain form's answer (a post without JavaScript, which Leptos sends back to its
/// page): back to the workspace page the form was on (its `Referer`), with `answer` as
/// JSON, base64url, in the parameter `param` (replacing any earlier one). The app's own
/// client reads the answer from the response instead: nothing is done for it.
pub fn answer_plain_form_in_address(param: &str, answer: &impl serde::Serialize) {
    use base64::Engine as _;
    use leptos::prelude::use_context;

    let Some(parts) = use_context::<http::request::Parts>() else {
        return;
    };
    let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
    if !header(http::header::ACCEPT).is_some_and(|accept| accept.contains("text/html")) {
        return;
    }
    let Some(page) = header(http::header::REFERER)
        .and_then(|referer| referer.parse::<http::Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|pq| pq.to_string()))
    else {
        return;
    };
    let page = workspace_return_path(Some(&page));
    let (path, query) = page.split_once('?').unwrap_or((&page, ""));
    let Ok(json) = serde_json::to_vec(answer) else {
        return;
    };
    let encoded = base64::engine::general_purpose::URL_SAFE.encode(json);
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if name != param && name != "__err" {
            kept.append_pair(&name, &value);
        }
    }
    kept.append_pair(param, &encoded);
    leptos_axum::redirect(&format!("{path}?{}", kept.finish()));
}

/// The sign-in page, asked to come back to `return_to` (a path and query of this site).
pub fn sign_in_path(return_to: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(return_to.as_bytes()).collect();
    format!("{}?ke={encoded}", paths::STAFF_SIGN_IN)
}

fn is_local_path(path: &str) -> bool {
    path.len() <= MAX_LEN
        && path.starts_with('/')
        && !path.starts_with("//")
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && !path.contains("://")
        && path.parse::<PathAndQuery>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::{safe_return_path, sign_in_path, workspace_return_path};

    #[test]
    fn sign_in_comes_back_to_the_workspace_page_asked_for() {
        assert_eq!(
            sign_in_path("/ruang-kerja?antrean=semua&halaman=2"),
            "/masuk?ke=%2Fruang-kerja%3Fantrean%3Dsemua%26halaman%3D2"
        );
        for path in [
            "/ruang-kerja",
            "/ruang-kerja/laporan/ABC",
            "/ruang-kerja?q=a",
        ] {
            assert_eq!(workspace_return_path(Some(path)), path);
        }
        for path in ["/lacak/ABC", "//evil.example", "/ruang-kerjaX", "/\r\n"] {
            assert_eq!(workspace_return_path(Some(path)), "/ruang-kerja");
        }
        assert_eq!(workspace_return_path(None), "/ruang-kerja");
    }

    #[test]
    fn a_path_on_this_site_is_kept() {
        for path in ["/", "/lacak/ABC", "/ruang-kerja?antrean=semua&halaman=2"] {
            assert_eq!(safe_return_path(Some(path)), path);
        }
    }

    #[test]
    fn anything_else_goes_home() {
        for path in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\r\n",
            "/\t",
            "/\r\nSet-Cookie: x=1",
            "/ spasi",
            "/kabupaten-été",
            "evil.example",
            "",
            "/x?next=https://evil.example",
        ] {
            assert_eq!(safe_return_path(Some(path)), "/", "{path:?}");
        }
        assert_eq!(safe_return_path(None), "/");
        assert_eq!(
            safe_return_path(Some(&format!("/{}", "a".repeat(5000)))),
            "/"
        );
    }
}
