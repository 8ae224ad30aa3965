//! XML and HTML text escaping, shared by the HTML pages and the SVG charts inside them. The
//! output is always well-formed XML: characters XML does not allow never get through.

/// Escape text for HTML and XML content and attribute values; control characters (but tab and
/// line feed), bidi overrides and U+FFFE/U+FFFF, which validation refuses in data anyway, become
/// U+FFFD so that no text can make the page ill-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if crate::escape::is_refused(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_xml_forbids_gets_through() {
        assert_eq!(
            escape("a<b>&\"'\u{1b}\u{0}\u{ffff}\u{fffe}\tz"),
            "a&lt;b&gt;&amp;&quot;&#39;\u{fffd}\u{fffd}\u{fffd}\u{fffd}\tz"
        );
    }
}
