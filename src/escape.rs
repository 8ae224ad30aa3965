//! Text from files and flags made safe to show: which characters a text field may not hold, how
//! the rest is made visible on a terminal, and how an over-long echoed value is cut.

use std::borrow::Cow;

/// The longest run of non-blank characters an error message echoes; longer words are cut.
pub const MAX_ECHOED_WORD: usize = 80;

/// The most characters of one part of an error message (the message, the hint, the field).
pub const MAX_ECHOED_TEXT: usize = 1000;

/// Whether a text field may not hold `c`: C0 controls other than tab and line feed (ESC, BEL,
/// CR, backspace, NUL…), DEL, C1 controls (NEL included), the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), the line and paragraph separators, and
/// the non-characters U+FFFE and U+FFFF (which XML does not allow).
pub fn is_refused(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        c if c.is_control() => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}' => true,
        _ => false,
    }
}

/// The name of a refused character for a message, such as `U+001B (ESC)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (backspace)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (ESC)",
        '\u{7f}' => " (DEL)",
        '\u{85}' => " (NEL)",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => " (a bidirectional override)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// `text` on one line with nothing a terminal would act on: line breaks and tabs become `\n`,
/// `\r`, `\t`, and every other refused character `\u{…}`. Borrowed when nothing changes.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\t' || c == '\n' || is_refused(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_refused(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` made visible on a terminal as [`one_line`] does, but keeping line feeds and tabs (for
/// multi-line output such as tables and `show`).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_refused) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars().map(|c| if is_refused(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect(),
    )
}

/// `text` with every word (run of non-blank characters) longer than `max_word` characters cut to
/// that length and marked `…`, and the whole cut to `max_total` characters. Borrowed when short.
pub fn cut(text: &str, max_word: usize, max_total: usize) -> Cow<'_, str> {
    let mut run = 0usize;
    let long = text.chars().enumerate().any(|(i, c)| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > max_word || i >= max_total
    });
    if !long {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let (mut run, mut total) = (0usize, 0usize);
    for c in text.chars() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run == max_word + 1 {
            out.push('…');
        }
        if run > max_word {
            continue;
        }
        if total == max_total {
            out.push('…');
            break;
        }
        out.push(c);
        total += 1;
    }
    Cow::Owned(out)
}

/// A value echoed in an error message: on one line, long words cut (see [`MAX_ECHOED_WORD`]).
pub fn echoed(text: &str) -> String {
    cut(&one_line(text), MAX_ECHOED_WORD, MAX_ECHOED_TEXT).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_refused_and_text_is_not() {
        for c in
            ['\0', '\u{7}', '\u{8}', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2067}', '\u{ffff}']
        {
            assert!(is_refused(c), "{c:?}");
        }
        for c in ['a', '\t', '\n', 'é', '→', '中', '\u{a0}'] {
            assert!(!is_refused(c), "{c:?}");
        }
        assert_eq!(describe('\u{1b}'), "U+001B (ESC)");
    }

    #[test]
    fn one_line_shows_what_would_act_on_a_terminal() {
        assert_eq!(one_line("a\nerror: forged\u{1b}]0;title\u{7}"), "a\\nerror: forged\\u{1b}]0;title\\u{7}");
        assert!(matches!(one_line("plain text"), Cow::Borrowed(_)));
        assert_eq!(visible("a\nb\u{202e}c"), "a\nb\\u{202e}c");
    }

    #[test]
    fn long_words_and_long_texts_are_cut() {
        let long = format!("unknown field `{}`, expected one of `id`", "k".repeat(10_000));
        let cut_text = cut(&long, 20, 1000);
        assert_eq!(cut_text, format!("unknown field `{}… expected one of `id`", "k".repeat(19)));
        assert_eq!(cut(&"a ".repeat(600), 20, 1000).chars().count(), 1001);
        assert!(matches!(cut("short words only", 20, 1000), Cow::Borrowed(_)));
    }
}

/// `text` as literal Markdown on one line: line breaks become spaces (no text can start a second
/// block, heading or front matter), every character that opens inline markup (`\ ` * < > | ~`,
/// `_` but between letters) is backslash-escaped, and so is a `]` followed by `(` or `[`, which makes a link or
/// an image of bracketed text; a citation such as `[S4]` stays as it is (it could only be a link
/// through a definition, which must start a line). So a value can make no link, no raw HTML and
/// no table cell break. Borrowed when nothing changes.
pub fn markdown(text: &str) -> Cow<'_, str> {
    const MARKUP: &str = "\\`*<>|~";
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    // `_` between two letters or digits never emphasises (`TFB_CONFIGS` stays as it is).
    let needs_escape = |prev: Option<char>, c: char, next: Option<char>| match c {
        ']' => matches!(next, Some('(' | '[')),
        '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
        c => MARKUP.contains(c),
    };
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize, c: char| (i.checked_sub(1).map(|p| chars[p]), c, chars.get(i + 1).copied());
    let changes = |(i, &c): (usize, &char)| {
        let (prev, c, next) = at(i, c);
        is_break(c) || needs_escape(prev, c, next)
    };
    if !chars.iter().enumerate().any(changes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let (prev, c, next) = at(i, c);
        if is_break(c) {
            out.push(' ');
        } else {
            if needs_escape(prev, c, next) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`markdown`] for text that starts a line: also escapes a first character that would open a
/// heading, quote, list, thematic break or link definition (`# > - + = [`, or digits then `.`
/// or `)`; `*` and `_` are escaped everywhere).
pub fn markdown_line(text: &str) -> String {
    let inline = markdown(text);
    let digits = inline.chars().take_while(char::is_ascii_digit).count();
    if inline.starts_with(['#', '>', '-', '+', '=', '[']) {
        format!("\\{inline}")
    } else if digits > 0 && inline[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &inline[..digits], &inline[digits..])
    } else {
        inline.into_owned()
    }
}

#[cfg(test)]
mod markdown_tests {
    use super::*;

    #[test]
    fn markdown_cannot_make_a_block_a_link_or_html() {
        assert_eq!(markdown("Node.js 1.0 [TFB_CONFIGS]"), "Node.js 1.0 [TFB_CONFIGS]");
        assert_eq!(markdown("_em_ a_"), "\\_em\\_ a\\_");
        assert_eq!(markdown("a\n## Decision Outcome"), "a ## Decision Outcome");
        assert_eq!(markdown("[x](javascript:alert(1)) <b>"), "[x\\](javascript:alert(1)) \\<b\\>");
        assert_eq!(markdown("![i][r] [S4]"), "![i\\][r] [S4]");
        assert_eq!(markdown_line("[r]: javascript:alert(1)"), "\\[r]: javascript:alert(1)");
        assert_eq!(markdown_line("# title"), "\\# title");
        assert_eq!(markdown_line("1. item"), "1\\. item");
        assert_eq!(markdown_line("---"), "\\---");
    }
}
