//! Reading a user's file: refuse what is too big, missing, a folder, not UTF-8 or nested too
//! deeply, before parsing.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Origin, Problem, Result};

/// The largest catalog, presets or answers file accepted, in bytes (8 MiB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The most YAML values (scalars, lists and mappings) a file may hold. The built-in catalog holds
/// well under a tenth of that (tests/docs.rs checks it). Without a limit, 8 MiB of `[1,1,…]`
/// is four million values and takes gigabytes and tens of seconds to refuse.
pub const MAX_VALUES: usize = 250_000;

/// The deepest nesting of flow collections (`[` and `{`) accepted. Catalog and answers files need
/// at most 3; the YAML parser's time grows with the square of this depth, so a file of 100,000
/// `[` would otherwise take minutes before any error.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Read a whole text file, with the documented errors: 66 for a missing or unreadable path,
/// 65 for a file over [`MAX_FILE_BYTES`] or not valid UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    let unreadable = |reason: String| Error::Unreadable { path: shown.clone(), reason };
    // The type is checked before opening: opening a FIFO with no writer blocks forever, and a
    // device such as /dev/zero is no file of any size.
    let kind = fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?.file_type();
    if let Some(what) = not_a_file(&kind) {
        return Err(unreadable(format!("is {what}, expected a regular YAML file")));
    }
    let file = fs::File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable("is a directory, expected a YAML file".into()));
    }
    let too_big = |size: u64| {
        Error::InvalidData(vec![Problem {
            origin: Origin::file(&shown, None),
            entry: None,
            field: None,
            message: format!(
                "file is {} bytes, over the limit of {} bytes (8 MiB); refused before parsing",
                size, MAX_FILE_BYTES
            ),
            hint: None,
        }])
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    // Read at most one byte past the limit, in case the file grew (or is a pipe).
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    decode(bytes, &shown)
}

/// What a path is when it is neither a regular file nor a folder (a folder has its own message).
fn not_a_file(kind: &fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() || kind.is_dir() {
        None
    } else if kind.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if kind.is_char_device() {
        Some("a character device")
    } else if kind.is_block_device() {
        Some("a block device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}

/// The checks on a file's bytes once read (UTF-8, nesting depth), shared by [`read_text`] and
/// the fuzz target; `shown` names the file in errors.
pub fn decode(bytes: Vec<u8>, shown: &str) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::InvalidData(vec![Problem {
            origin: Origin::file(shown, Some((line, column))),
            entry: None,
            field: None,
            message: format!("not valid UTF-8 (invalid byte at offset {at}); save the file as UTF-8"),
            hint: None,
        }])
    })?;
    if let Some((line, column)) = too_deep(&text) {
        return Err(Error::InvalidData(vec![Problem {
            origin: Origin::file(shown, Some((line, column))),
            entry: None,
            field: None,
            message: format!("'[' or '{{' nested more than {MAX_FLOW_DEPTH} levels deep; refused before parsing"),
            hint: Some("catalog and answers files need at most 3 levels".into()),
        }]));
    }
    if let Some((line, column, excess)) = too_large(&text) {
        let (message, hint) = match excess {
            Excess::Values => (
                format!(
                    "more than {MAX_VALUES} YAML values (an alias counts as every value it repeats); refused before parsing"
                ),
                "the built-in catalog holds well under a tenth of that",
            ),
            Excess::Bytes => (
                format!(
                    "aliases expand the file's text to more than {MAX_FILE_BYTES} bytes (8 MiB, the limit of a file); refused before parsing"
                ),
                "write the repeated text out, or repeat less of it",
            ),
        };
        return Err(Error::InvalidData(vec![Problem {
            origin: Origin::file(shown, Some((line, column))),
            entry: None,
            field: None,
            message,
            hint: Some(hint.into()),
        }]));
    }
    let controls: Vec<Problem> = refused_characters(&text)
        .into_iter()
        .map(|(line, column, c)| Problem {
            origin: Origin::file(shown, Some((line, column))),
            entry: None,
            field: None,
            message: format!(
                "a text value holds {}; text may hold line breaks and tabs, but no other control characters, bidirectional overrides or U+FFFE/U+FFFF",
                crate::escape::describe(c)
            ),
            hint: Some("remove it: a terminal or a page would act on it".into()),
        })
        .collect();
    if !controls.is_empty() {
        return Err(Error::InvalidData(controls));
    }
    Ok(text)
}

/// Every scalar (value or key) holding a character that [`crate::escape::is_refused`]: its 1-based
/// line and column and the first such character. Escapes (`"\e"`, `"\u202e"`) are seen as
/// the characters they stand for. Stops at a syntax error (the parser reports it properly).
pub fn refused_characters(text: &str) -> Vec<(usize, usize, char)> {
    use saphyr_parser::{Event, Parser};
    let mut found = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        if let Event::Scalar(value, ..) = event
            && let Some(c) = value.chars().find(|&c| crate::escape::is_refused(c))
        {
            found.push((span.start.line(), span.start.col() + 1, c));
        }
    }
    found
}

/// Which limit a file's expanded size goes over.
#[derive(Debug, PartialEq, Eq)]
pub enum Excess {
    /// More than [`MAX_VALUES`] values.
    Values,
    /// More than [`MAX_FILE_BYTES`] bytes of scalar text.
    Bytes,
}

/// Where the file, with every alias expanded as a deserializer expands it, first holds more than
/// [`MAX_VALUES`] values or more than [`MAX_FILE_BYTES`] bytes of scalar text, if it does (1-based
/// line and column, and which limit). The count runs on the parser's events without expanding
/// anything: each anchor remembers the size of its node, and an alias adds that size. So an
/// anchor on a 4 MiB scalar repeated a thousand times, or "billion laughs", is refused in one
/// linear pass with no more memory than the file. Counting stops at a syntax error (the parser
/// reports that one properly).
pub fn too_large(text: &str) -> Option<(usize, usize, Excess)> {
    use saphyr_parser::{Event, Parser};
    use std::collections::HashMap;
    // The expanded (values, bytes) of every anchored node, by anchor id.
    let mut anchored: HashMap<usize, (u64, u64)> = HashMap::new();
    // Open collections: their anchor, and the totals when they opened.
    let mut open: Vec<(usize, u64, u64)> = Vec::new();
    let (mut values, mut bytes) = (0u64, 0u64);
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { return None };
        match event {
            Event::Scalar(text, _, anchor, _) => {
                values += 1;
                bytes += text.len() as u64;
                if anchor != 0 {
                    anchored.insert(anchor, (1, text.len() as u64));
                }
            }
            Event::Alias(anchor) => {
                let (v, b) = anchored.get(&anchor).copied().unwrap_or((1, 0));
                values = values.saturating_add(v);
                bytes = bytes.saturating_add(b);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                values += 1;
                open.push((anchor, values - 1, bytes));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, v0, b0)) = open.pop()
                    && anchor != 0
                {
                    anchored.insert(anchor, (values - v0, bytes - b0));
                }
            }
            _ => {}
        }
        let at = || (span.start.line(), span.start.col() + 1);
        if values > MAX_VALUES as u64 {
            let (line, column) = at();
            return Some((line, column, Excess::Values));
        }
        if bytes > MAX_FILE_BYTES {
            let (line, column) = at();
            return Some((line, column, Excess::Bytes));
        }
    }
    None
}

/// Where flow collections first nest deeper than [`MAX_FLOW_DEPTH`], if they do (1-based line
/// and column). A scan, not a parser: YAML parsers themselves slow down with the square of
/// this depth, so the scan must be linear and must never miss real nesting.
///
/// The rules follow where YAML lets a node start: at the start of a line, after `- `, `? ` or
/// `: ` (the indicator followed by a space), after a tag or anchor (`!t `, `&a `), and anywhere
/// inside a flow collection. There a `[` or `{` opens a collection and a quote opens a quoted
/// scalar; elsewhere both are ordinary text. Comments and the lines of block scalars (`|`, `>`)
/// are skipped.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum State {
        Plain,
        Single,
        Double,
        Comment,
        /// Inside a tag or an anchor: a node starts after the next blank.
        Property,
    }
    let mut state = State::Plain;
    let mut depth = 0usize;
    // Whether the next non-blank character starts a node.
    let mut node_start = true;
    // An indicator (`-`, `?`, `:`) was the last character: a node starts only if a blank follows.
    let mut indicator = false;
    // The last character was blank, or there was none on this line (for `#`).
    let mut after_blank = true;
    let mut escaped = false;
    // The indentation of the line that opened a block scalar: deeper lines are its text.
    let mut block: Option<usize> = None;
    let mut opening_block: Option<usize> = None;
    let (mut line, mut column, mut indent, mut at_line_start) = (1usize, 0usize, 0usize, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A byte-order mark is not text to YAML: what follows it is at the start of the line.
        if c == '\u{feff}' {
            continue;
        }
        // `\r\n` is one line break; a lone `\r`, NEL, U+2028 and U+2029 are line breaks too (the
        // parser ends comments and lines at each of them, so the scan must as well).
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        column += 1;
        if is_line_break(c) {
            line += 1;
            column = 0;
            indent = 0;
            at_line_start = true;
            after_blank = true;
            indicator = false;
            if matches!(state, State::Comment | State::Property) {
                state = State::Plain;
            }
            if let Some(parent) = opening_block.take() {
                block = Some(parent);
            }
            if state == State::Plain && depth == 0 {
                node_start = true;
            }
            continue;
        }
        if at_line_start && state == State::Plain {
            if c == ' ' {
                indent += 1;
                continue;
            }
            at_line_start = false;
            match block {
                Some(parent) if indent > parent => {
                    // A line of a block scalar: text, skipped whole.
                    while chars.next_if(|&next| !is_line_break(next)).is_some() {}
                    continue;
                }
                _ => block = None,
            }
        }
        let blank = c == ' ' || c == '\t';
        let was_after_blank = after_blank;
        after_blank = blank;
        match state {
            State::Comment => continue,
            State::Single => {
                // `''` is an escaped quote inside a single-quoted scalar.
                if c == '\'' && chars.next_if_eq(&'\'').is_none() {
                    state = State::Plain;
                    node_start = false;
                }
                continue;
            }
            State::Double => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    state = State::Plain;
                    node_start = false;
                }
                continue;
            }
            State::Property => {
                if blank {
                    state = State::Plain;
                    node_start = true;
                }
                continue;
            }
            State::Plain => {}
        }
        if blank {
            if indicator {
                node_start = true;
                indicator = false;
            }
            continue;
        }
        if c == '#' && was_after_blank {
            state = State::Comment;
            continue;
        }
        let starts = node_start && !indicator;
        indicator = false;
        match c {
            '[' | '{' if starts || depth > 0 => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, column));
                }
                node_start = true;
            }
            ']' | '}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            ',' if depth > 0 => node_start = true,
            '\'' if starts => state = State::Single,
            '"' if starts => state = State::Double,
            '!' | '&' if starts => state = State::Property,
            '|' | '>' if starts && depth == 0 => {
                opening_block = Some(indent);
                node_start = false;
            }
            // `- `, `? ` and `: ` start a node; in `rock-'n` or `a:b` they are text.
            '-' | '?' | ':' => {
                indicator = true;
                node_start = false;
            }
            _ => node_start = false,
        }
    }
    None
}

/// The characters that end a line, for YAML's parser: LF, CR, NEL, LINE SEPARATOR and
/// PARAGRAPH SEPARATOR.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_values_are_found_and_the_builtin_catalog_is_far_below() {
        let many = format!("frameworks: [{}]", "1,".repeat(MAX_VALUES + 10));
        assert_eq!(too_large(&many).map(|t| t.2), Some(Excess::Values));
        assert_eq!(too_large(crate::catalog::BUILTIN_YAML), None);
    }

    #[test]
    fn aliases_count_as_what_they_repeat() {
        let big = "x".repeat(1 << 20);
        let repeated = format!("a: &big {big}\nb: [{}]\n", "*big, ".repeat(8));
        assert_eq!(too_large(&repeated), Some((2, 5 + 6 * 6, Excess::Bytes)));
        let nested = "a: &a [&b [1, 2], *b]\nc: [*a, *a]\n";
        assert_eq!(too_large(nested), None);
        let laughs = (1..10).fold("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n".to_string(), |text, level| {
            let refs = vec![format!("*l{}", level - 1); 10].join(", ");
            format!("{text}l{level}: &l{level} [{refs}]\n")
        });
        assert_eq!(too_large(&laughs).map(|t| t.2), Some(Excess::Values));
    }

    #[test]
    fn control_characters_in_any_scalar_are_found_where_they_are() {
        let text =
            "a: plain\nb: \"esc \\e[31m\"\nc: [ok, \"\\u202e\"]\n\"bel\\a\": 1\nd: |\n  two\n  lines\tand a tab\n";
        assert_eq!(refused_characters(text), vec![(2, 4, '\u{1b}'), (3, 9, '\u{202e}'), (4, 1, '\u{7}')]);
        assert!(refused_characters(crate::catalog::BUILTIN_YAML).is_empty());
    }

    #[test]
    fn deep_flow_nesting_is_found() {
        let deep = format!("frameworks: {}{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(too_deep(&deep), Some((1, 13 + MAX_FLOW_DEPTH)));
        let nested_maps = format!("a: {}", "{b: ".repeat(40));
        assert!(too_deep(&nested_maps).is_some());
    }

    #[test]
    fn tags_anchors_and_stray_quotes_do_not_hide_nesting() {
        let deep = "[".repeat(40);
        for text in [
            format!("frameworks: !t {deep}"),
            format!("frameworks: &x {deep}"),
            format!("note: rock-'n\nframeworks: {deep}"),
            format!("note: a:\"b\nframeworks: {deep}"),
            format!("- - {deep}"),
            format!("--- {deep}"),
            format!("\u{feff}{deep}"),
            format!("key: !t\r\n{deep}"),
            format!("# comment\r{deep}"),
            format!("# comment\u{85}{deep}"),
            format!("# comment\u{2028}{deep}"),
            format!("# comment\u{2029}{deep}"),
            format!("text: |\n  a\rb: {deep}"),
        ] {
            assert!(too_deep(&text).is_some(), "missed: {text}");
        }
    }

    #[test]
    fn brackets_in_text_block_scalars_and_keys_are_not_nesting() {
        let many = "[".repeat(40);
        for text in [
            format!("summary: sad:{many}\n"),
            format!("summary: Press C-{many}\n"),
            format!("list: a,{many}\n"),
            format!("text: |\n  {many}\n  [x, y)\nnext: 1\n"),
            format!("text: >-\n    {many}\nnext: [1]\n"),
        ] {
            assert_eq!(too_deep(&text), None, "refused: {text}");
        }
    }

    #[test]
    fn ordinary_text_is_not_nesting() {
        let text = "summary: uses [brackets and {braces\nname: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n\
                    note: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\" # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n\
                    language: C#[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n";
        assert_eq!(too_deep(text), None);
        assert_eq!(too_deep(crate::catalog::BUILTIN_YAML), None);
    }
}
