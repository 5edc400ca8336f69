//! The text inside a `<textarea>`, written so that typed markup stays text.
//!
//! Leptos writes a textarea's children into the page unescaped (its renderer treats
//! `<textarea>` like `<script>`), so a story containing `</textarea>` would close the
//! element and the rest would become live HTML. Every textarea that shows a value
//! sets it through [`textarea_html`] as its `inner_html` instead of as a child.

/// `value` escaped for the inside of a `<textarea>` (an RCDATA element: `&` and `<`
/// would be read as markup; the browser turns the entities back into the text).
pub fn textarea_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::textarea_html;

    #[test]
    fn markup_typed_in_a_textarea_stays_text() {
        assert_eq!(
            textarea_html("</textarea><img src=x onerror=alert(1)> & more"),
            "&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt; &amp; more"
        );
        assert_eq!(textarea_html("jalan rusak\nparah"), "jalan rusak\nparah");
    }
}
