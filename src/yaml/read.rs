//! The one way in for a file's bytes: every file the tool reads (catalogs, the facts overlay,
//! answers and team files, decision records, and later CSV or JSON files) passes [`text`], which
//! refuses what is too big, not a regular file, reached through a link where none is allowed, not
//! UTF-8, nested too deeply, expanded past a budget by aliases, or holding control characters,
//! before any parser sees it. Errors name the path and at most the offending character, escaped.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Origin, Problem, Result};

/// The largest catalog, presets, answers, team or record file accepted, in bytes (8 MiB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The largest facts overlay accepted, in bytes (1 MiB). `catalog refresh` writes about 30 KB
/// for the built-in catalog; a bigger file was not written by it and would slow every command.
pub const MAX_OVERLAY_BYTES: u64 = 1024 * 1024;

/// The most YAML values (scalars, lists and mappings) a file may hold. The built-in catalog holds
/// well under a tenth of that (tests/docs.rs checks it). Without a limit, 8 MiB of `[1,1,…]`
/// is four million values and takes gigabytes and tens of seconds to refuse.
pub const MAX_VALUES: usize = 250_000;

/// The deepest nesting of flow collections (`[` and `{`) accepted. Catalog and answers files need
/// at most 3; the YAML parser's time grows with the square of this depth, so a file of 100,000
/// `[` would otherwise take minutes before any error.
pub const MAX_FLOW_DEPTH: usize = 32;

/// What a file is read as: it decides the size limit, whether a symbolic link is followed, and
/// which checks run on the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A catalog (`--catalog`, `catalog validate`): YAML. Nesting is checked here; the alias
    /// budgets and refused characters in the same pass that parses it
    /// ([`crate::catalog::load::parse`]), so a valid catalog is parsed once.
    Catalog,
    /// An answers file (`--answers`, a team member's file): YAML.
    Answers,
    /// A team file (`--team`): YAML.
    Team,
    /// The facts overlay `catalog refresh` writes into the data directory: YAML of at most
    /// [`MAX_OVERLAY_BYTES`], and never read through a symbolic link (the tool's own file).
    Overlay,
    /// A decision record (`verify FILE`): Markdown. Only size, file kind and UTF-8 are checked
    /// here; the record block is checked as YAML with [`yaml`] once it is cut out.
    Record,
    /// A CSV file: no control characters other than tab, line feed and carriage return.
    Csv,
    /// A JSON file: no control characters, raw or written as `\u` escapes, and no nesting deeper
    /// than [`MAX_FLOW_DEPTH`].
    Json,
}

impl Kind {
    /// The largest file of this kind accepted, in bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            Kind::Overlay => MAX_OVERLAY_BYTES,
            _ => MAX_FILE_BYTES,
        }
    }

    /// Whether a path of this kind may be a symbolic link (files a user names may; the tool's
    /// own files may not, so a planted link cannot make it read another file).
    pub fn follows_links(self) -> bool {
        self != Kind::Overlay
    }

    /// What the file should be, for messages.
    fn expected(self) -> &'static str {
        match self {
            Kind::Catalog | Kind::Answers | Kind::Team => "a regular YAML file",
            Kind::Overlay => "the regular YAML file `catalog refresh` writes",
            Kind::Record => "a regular Markdown file",
            Kind::Csv => "a regular CSV file",
            Kind::Json => "a regular JSON file",
        }
    }
}

/// Read a whole file as `kind`, with every check: 66 (unreadable) for a missing or unreadable
/// path, a folder, a FIFO, a device or a socket, and a link where `kind` allows none; 65 (invalid
/// data) for a file over its size limit, not UTF-8, or failing the checks of its kind.
pub fn text(path: &Path, kind: Kind) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = bytes(path, kind)?;
    let text = utf8(bytes, &shown)?;
    match kind {
        // A catalog's budgets and characters are checked by the pass that parses it
        // (`catalog::load::parse`); nesting is checked first, as the parser slows with it.
        Kind::Catalog => nesting(&text, &shown, 0)?,
        Kind::Answers | Kind::Team | Kind::Overlay => yaml(&text, &shown, 0)?,
        Kind::Record => {}
        Kind::Csv => raw_characters(&text, &shown, true)?,
        Kind::Json => {
            raw_characters(&text, &shown, false)?;
            json_escapes_and_depth(&text, &shown)?;
        }
    }
    Ok(text)
}

/// [`text`] for a catalog, presets or answers file (the name every reader used before [`Kind`]).
pub fn read_text(path: &Path) -> Result<String> {
    text(path, Kind::Catalog)
}

/// The file's bytes, at most `kind`'s limit, once it is known to be a regular file.
fn bytes(path: &Path, kind: Kind) -> Result<Vec<u8>> {
    use std::os::unix::fs::OpenOptionsExt;
    let shown = path.display().to_string();
    let unreadable = |reason: String| Error::Unreadable { path: shown.clone(), reason };
    // The type is checked before opening: opening a FIFO with no writer blocks, and a device
    // such as /dev/zero is no file of any size. A link is looked at itself, not followed.
    let link = fs::symlink_metadata(path).map_err(|e| unreadable(io_reason(&e)))?;
    if link.file_type().is_symlink() && !kind.follows_links() {
        return Err(unreadable(format!(
            "is a symbolic link, expected {}; it is not followed (remove it)",
            kind.expected()
        )));
    }
    let kind_of = fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?.file_type();
    if let Some(what) = not_a_file(&kind_of) {
        return Err(unreadable(format!("is {what}, expected {}", kind.expected())));
    }
    // Non-blocking, so that a file swapped for a FIFO after the check cannot hang the open; no
    // link followed where none is allowed, so that a link planted after the check is refused too.
    let mut flags = nix::fcntl::OFlag::O_NONBLOCK;
    if !kind.follows_links() {
        flags |= nix::fcntl::OFlag::O_NOFOLLOW;
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits())
        .open(path)
        .map_err(|e| unreadable(io_reason(&e)))?;
    // What was opened is what counts.
    let meta = file.metadata().map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable(format!("is a directory, expected {}", kind.expected())));
    }
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(unreadable(format!("is {what}, expected {}", kind.expected())));
    }
    let limit = kind.max_bytes();
    let too_big = |size: u64| {
        Error::InvalidData(vec![Problem {
            origin: Origin::file(&shown, None),
            entry: None,
            field: None,
            message: format!(
                "file is {size} bytes, over the limit of {limit} bytes ({}); refused before parsing",
                mib(limit)
            ),
            hint: None,
        }])
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    // Read at most one byte past the limit, in case the file grew.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| unreadable(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
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

/// The bytes as UTF-8 text; the error names the line and column of the first invalid byte.
pub fn utf8(bytes: Vec<u8>, shown: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
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
    })
}

/// A refused character outside YAML: where it is and which.
fn character_problem(shown: &str, line: usize, column: usize, c: char) -> Problem {
    Problem {
        origin: Origin::file(shown, Some((line, column))),
        entry: None,
        field: None,
        message: format!(
            "the file holds {}; text may hold line breaks and tabs, but no other control characters, bidirectional overrides or U+FFFE/U+FFFF",
            crate::escape::describe(c)
        ),
        hint: Some("remove it: a terminal or a page would act on it".into()),
    }
}

/// Every raw refused character of a text file (CSV may keep `\r` before a line feed).
fn raw_characters(text: &str, shown: &str, crlf: bool) -> Result<()> {
    let mut problems = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = if crlf { line.strip_suffix('\r').unwrap_or(line) } else { line };
        if let Some((column, c)) = line.chars().enumerate().find(|(_, c)| crate::escape::is_refused(*c)) {
            problems.push(character_problem(shown, index + 1, column + 1, c));
        }
        if problems.len() >= 20 {
            break;
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Error::InvalidData(problems)) }
}

/// JSON's `\uXXXX` escapes of refused characters, and nesting deeper than [`MAX_FLOW_DEPTH`].
fn json_escapes_and_depth(text: &str, shown: &str) -> Result<()> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
                if c == 'u' {
                    let hex: String = (0..4).filter_map(|_| chars.next_if(char::is_ascii_hexdigit)).collect();
                    column += hex.len();
                    if let Some(found) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        && hex.len() == 4
                        && crate::escape::is_refused(found)
                    {
                        return Err(Error::InvalidData(vec![character_problem(shown, line, column - 5, found)]));
                    }
                }
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(Error::InvalidData(vec![Problem {
                        origin: Origin::file(shown, Some((line, column))),
                        entry: None,
                        field: None,
                        message: format!(
                            "'[' or '{{' nested more than {MAX_FLOW_DEPTH} levels deep; refused before parsing"
                        ),
                        hint: None,
                    }]));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The checks on a file's bytes once read (UTF-8, then [`yaml`]), shared by [`text`] and the
/// fuzz target; `shown` names the file in errors.
pub fn decode(bytes: Vec<u8>, shown: &str) -> Result<String> {
    let text = utf8(bytes, shown)?;
    yaml(&text, shown, 0)?;
    Ok(text)
}

/// The YAML checks on `text` (a whole file, or a block cut out of one whose first line is line
/// `line_offset + 1` of the file): flow nesting, values and bytes after alias expansion, and
/// refused characters in any scalar, the last two in one pass of the parser.
pub fn yaml(text: &str, shown: &str, line_offset: usize) -> Result<()> {
    let at = |line: usize, column: usize| Origin::file(shown, Some((line + line_offset, column)));
    nesting(text, shown, line_offset)?;
    let found = scan(text);
    if let Some((line, column, excess)) = found.excess {
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
            origin: at(line, column),
            entry: None,
            field: None,
            message,
            hint: Some(hint.into()),
        }]));
    }
    let controls: Vec<Problem> = found
        .refused
        .into_iter()
        .map(|(line, column, c)| Problem {
            origin: at(line, column),
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
    Ok(())
}

/// Flow collections nested deeper than [`MAX_FLOW_DEPTH`] refused, before any parser runs.
pub fn nesting(text: &str, shown: &str, line_offset: usize) -> Result<()> {
    match too_deep(text) {
        Some((line, column)) => Err(Error::InvalidData(vec![Problem {
            origin: Origin::file(shown, Some((line + line_offset, column))),
            entry: None,
            field: None,
            message: format!("'[' or '{{' nested more than {MAX_FLOW_DEPTH} levels deep; refused before parsing"),
            hint: Some("catalog and answers files need at most 3 levels".into()),
        }])),
        None => Ok(()),
    }
}

/// What one pass of the parser over a file found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Where the file, with every alias expanded, first goes over a budget, and which.
    pub excess: Option<(usize, usize, Excess)>,
    /// Every scalar holding a refused character: line, column and the first such character.
    pub refused: Vec<(usize, usize, char)>,
}

/// One pass of the parser over `text` that counts the values and bytes every alias expands to
/// and finds refused characters in any scalar (value or key).
///
/// The count runs on the parser's events without expanding anything: each anchor remembers the
/// size of its node, and an alias adds that size. So an anchor on a 4 MiB scalar repeated a
/// thousand times, or "billion laughs", is refused in one linear pass with no more memory than
/// the file. Escapes (`"\e"`, `"\u202e"`) are seen as the characters they stand for. The pass
/// stops at a budget exceeded or a syntax error (the parser reports that one properly).
pub fn scan(text: &str) -> Scan {
    use saphyr_parser::{Event, Parser};
    use std::collections::HashMap;
    let mut found = Scan::default();
    // The expanded (values, bytes) of every anchored node, by anchor id.
    let mut anchored: HashMap<usize, (u64, u64)> = HashMap::new();
    // Open collections: their anchor, and the totals when they opened.
    let mut open: Vec<(usize, u64, u64)> = Vec::new();
    let (mut values, mut bytes) = (0u64, 0u64);
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let at = || (span.start.line(), span.start.col() + 1);
        match event {
            Event::Scalar(text, _, anchor, _) => {
                values += 1;
                bytes += text.len() as u64;
                if anchor != 0 {
                    anchored.insert(anchor, (1, text.len() as u64));
                }
                if let Some(c) = text.chars().find(|&c| crate::escape::is_refused(c)) {
                    let (line, column) = at();
                    found.refused.push((line, column, c));
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
        if values > MAX_VALUES as u64 {
            let (line, column) = at();
            found.excess = Some((line, column, Excess::Values));
            break;
        }
        if bytes > MAX_FILE_BYTES {
            let (line, column) = at();
            found.excess = Some((line, column, Excess::Bytes));
            break;
        }
    }
    found
}

/// Every scalar (value or key) holding a character that [`crate::escape::is_refused`]: its 1-based
/// line and column and the first such character ([`scan`]'s finding).
pub fn refused_characters(text: &str) -> Vec<(usize, usize, char)> {
    scan(text).refused
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
/// line and column, and which limit): [`scan`]'s finding.
pub fn too_large(text: &str) -> Option<(usize, usize, Excess)> {
    scan(text).excess
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

    /// A temporary file holding `bytes`.
    fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        (dir, path)
    }

    #[test]
    fn csv_and_json_files_are_checked_for_their_kind() {
        let (_d, csv) = file(
            "a.csv",
            b"name,score
Django,4
",
        );
        assert!(text(&csv, Kind::Csv).is_ok(), "CRLF line ends are fine in CSV");
        let (_d, csv) = file(
            "b.csv",
            b"name,score
Django[31m,4
",
        );
        let refused = text(&csv, Kind::Csv).expect_err("ESC refused").to_string();
        assert!(refused.contains("b.csv:2:7") && refused.contains("U+001B (ESC)"), "{refused}");
        let (_d, json) = file("a.json", br#"{"a": ["x", {"b": "caf\u00e9 \\u001b"}]}"#);
        assert!(text(&json, Kind::Json).is_ok(), "an escaped backslash before u is text");
        let (_d, json) = file("b.json", br#"{"a": "x\u001b[31m"}"#);
        let refused = text(&json, Kind::Json).expect_err("an escaped ESC refused").to_string();
        assert!(refused.contains("b.json:1:") && refused.contains("U+001B (ESC)"), "{refused}");
        let (_d, json) = file("c.json", format!("{}{}", "[".repeat(40), "]".repeat(40)).as_bytes());
        assert!(text(&json, Kind::Json).expect_err("too deep").to_string().contains("nested more than 32"));
    }

    #[test]
    fn the_overlay_is_never_read_through_a_link_and_is_smaller() {
        let (dir, real) = file("real.yaml", b"schema: 2\n");
        let link = dir.path().join("facts.yaml");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        assert!(text(&link, Kind::Catalog).is_ok(), "a file a user names may be a link");
        let refused = text(&link, Kind::Overlay).expect_err("the overlay may not").to_string();
        assert!(refused.contains("is a symbolic link"), "{refused}");
        let (_d, big) = file("facts.yaml", format!("# {}\n", "x".repeat(MAX_OVERLAY_BYTES as usize)).as_bytes());
        assert!(text(&big, Kind::Overlay).is_err() && text(&big, Kind::Catalog).is_ok());
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
