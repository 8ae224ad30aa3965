//! YAML errors turned into [`Problem`]s: file, line and column, entry and field, in words a
//! user understands ("expected a whole number", not "expected u8"), with a "did you mean".

use super::positions::Positions;
use crate::error::{Origin, Problem};
use crate::suggest;

/// Turn a `serde_yaml` error into a problem naming file, line, column, entry and field.
pub fn yaml_problem(error: &serde_yaml::Error, text: &str, source: &str) -> Problem {
    let position = error.location().map(|l| (l.line(), l.column()));
    let mut message = error.to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    // serde_yaml prefixes the path: "frameworks[3].scores: unknown field …".
    let (path, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (Some(path.to_string()), rest.to_string()),
        _ => (None, message.clone()),
    };
    let (entry, field) = split_entry_path(path.as_deref(), text);
    let hint = unknown_key_hint(&rest);
    Problem { origin: Origin::file(source, position), entry, field, message: plain_words(&rest), hint }
}

/// serde names Rust types in its messages ("expected u8", "expected struct Framework"); say
/// what the file should hold instead.
pub fn plain_words(message: &str) -> String {
    let mut text = message.replace(" as u128", "").replace(" as i128", "").replace("unit value", "an empty value");
    for (rust, words) in [
        ("expected u8", "expected a whole number from 0 to 5"),
        ("expected u16", "expected a year such as 2014"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number such as 4.5"),
    ] {
        text = text.replace(rust, words);
    }
    text = short_quotes(&text);
    while let Some(at) = text.find("expected struct ") {
        let name_end = text[at + 16..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |i| at + 16 + i);
        text.replace_range(at..name_end, "expected a mapping of keys to values");
    }
    text
}

/// The longest value a parser message quotes (`invalid type: string "…"`): the offending
/// token is named, but a whole line of a file read by mistake is not repeated.
pub const MAX_QUOTED_CHARS: usize = 40;

/// The quoted part of a parser message (from its first `"` to its last) cut to
/// [`MAX_QUOTED_CHARS`] characters.
fn short_quotes(message: &str) -> String {
    let (Some(open), Some(close)) = (message.find('"'), message.rfind('"')) else { return message.to_string() };
    let quoted = &message[open + 1..close.max(open + 1)];
    if close <= open || quoted.chars().count() <= MAX_QUOTED_CHARS {
        return message.to_string();
    }
    let kept: String = quoted.chars().take(MAX_QUOTED_CHARS).collect();
    format!("{}{kept}…{}", &message[..=open], &message[close..])
}

/// `frameworks[3].scores` → (the id of entry 3, `scores`).
fn split_entry_path(path: Option<&str>, text: &str) -> (Option<String>, Option<String>) {
    let Some(path) = path else { return (None, None) };
    let Some(after) = path.strip_prefix("frameworks[") else {
        return (None, Some(path.to_string()));
    };
    let Some((index, field)) = after.split_once(']') else { return (None, Some(path.to_string())) };
    let field = field.trim_start_matches('.');
    let entry = index.parse::<usize>().ok().and_then(|i| entry_id(text, i)).unwrap_or(format!("#{}", index));
    (Some(entry), (!field.is_empty()).then(|| field.to_string()))
}

/// The `id` of the `index`-th framework, read from the text's events (it need not deserialize).
fn entry_id(text: &str, index: usize) -> Option<String> {
    Positions::index(text).id(&format!("frameworks[{index}].id")).map(str::to_string)
}

/// "unknown field `scroes`, expected one of `id`, …" → `scores`.
pub fn likely_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (given, expected) = rest.split_once('`')?;
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    suggest::closest(given, valid.iter().copied()).map(str::to_string)
}

/// "unknown field `scroes`, expected one of `id`, …" → "did you mean 'scores'?".
pub fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))?;
    let (given, expected) = rest.split_once('`')?;
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    suggest::closest(given, valid.iter().copied()).map(|best| format!("did you mean '{best}'?"))
}
