//! A streaming serde deserializer over `saphyr-parser`'s events: the fast way to read a valid
//! file. `serde_yaml` first collects every event of a document into memory (about ten times the
//! file) and then deserializes; this one deserializes as the parser goes, with nothing kept but
//! the value being built.
//!
//! The same pass does the reader's checks that need a parser ([`read::scan`]'s budgets and
//! refused characters), so a valid catalog is parsed once.
//!
//! It reads exactly what `serde_yaml` reads the same way (scalars resolved by the same YAML 1.2
//! core-schema rules, strings taken as written), and gives up on anything else: an anchor, an
//! alias, a tag, a second document, nesting deeper than `serde_yaml` allows, or any error. The
//! caller then parses the text again with `serde_yaml`, whose message names the line, column
//! and field ([`crate::catalog::load::parse`]). So a valid file is parsed once, and an invalid
//! one gets the same message as before.

use std::borrow::Cow;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, StrInput};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use super::read;

/// Why the fast path gave up; the caller falls back to `serde_yaml` for the message.
#[derive(Debug)]
pub struct GaveUp(String);

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(message: T) -> Self {
        GaveUp(message.to_string())
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

fn gave_up<T>(why: &str) -> Result<T> {
    Err(GaveUp(why.to_string()))
}

/// The nesting `serde_yaml` allows before its recursion limit.
const MAX_DEPTH: usize = 128;

/// Deserialize one YAML document from `text`, or give up (see the module's documentation).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut events = Events { parser: Parser::new_from_str(text), peeked: None, depth: 0, values: 0, bytes: 0 };
    match events.next()? {
        Event::StreamStart => {}
        _ => return gave_up("no stream"),
    }
    match events.next()? {
        Event::DocumentStart(_) => {}
        _ => return gave_up("no document"),
    }
    let value = T::deserialize(&mut events)?;
    match events.next()? {
        Event::DocumentEnd => {}
        _ => return gave_up("more after the document's value"),
    }
    match events.next()? {
        Event::StreamEnd => Ok(value),
        _ => gave_up("more than one document"),
    }
}

struct Events<'a> {
    parser: Parser<'a, StrInput<'a>>,
    peeked: Option<Event<'a>>,
    depth: usize,
    /// Values and bytes of scalar text seen: without aliases (which make this pass give up),
    /// the expanded size the reader's budgets bound.
    values: u64,
    bytes: u64,
}

impl<'a> Events<'a> {
    /// The next event; anchors, aliases and tags make the fast path give up.
    fn next(&mut self) -> Result<Event<'a>> {
        if let Some(event) = self.peeked.take() {
            return Ok(event);
        }
        loop {
            let (event, _): (Event<'a>, Span) = match self.parser.next() {
                Some(Ok(next)) => next,
                Some(Err(_)) => return gave_up("a syntax error"),
                None => return gave_up("the end of the input"),
            };
            match &event {
                Event::Nothing => continue,
                Event::Alias(_) => return gave_up("an alias"),
                Event::Scalar(_, _, anchor, tag) if *anchor != 0 || tag.is_some() => {
                    return gave_up("an anchor or a tag");
                }
                Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                    if *anchor != 0 || tag.is_some() =>
                {
                    return gave_up("an anchor or a tag");
                }
                _ => {}
            }
            // The reader's checks, on the way: the budgets and refused characters
            // (`read::scan` does the same for files that take the slow path).
            match &event {
                Event::Scalar(text, ..) => {
                    self.values += 1;
                    self.bytes += text.len() as u64;
                    if text.chars().any(crate::escape::is_refused) {
                        return gave_up("a refused character");
                    }
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => self.values += 1,
                _ => {}
            }
            if self.values > read::MAX_VALUES as u64 || self.bytes > read::MAX_FILE_BYTES {
                return gave_up("over a budget");
            }
            return Ok(event);
        }
    }

    fn peek(&mut self) -> Result<&Event<'a>> {
        if self.peeked.is_none() {
            self.peeked = Some(self.next()?);
        }
        match &self.peeked {
            Some(event) => Ok(event),
            None => gave_up("nothing to peek"),
        }
    }

    /// A scalar's text and style, or give up.
    fn scalar(&mut self) -> Result<(Cow<'a, str>, ScalarStyle)> {
        match self.next()? {
            Event::Scalar(text, style, ..) => Ok((text, style)),
            _ => gave_up("expected a scalar"),
        }
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return gave_up("nested too deeply");
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Skip one whole node.
    fn skip(&mut self) -> Result<()> {
        let mut open = 0usize;
        loop {
            match self.next()? {
                Event::SequenceStart(..) | Event::MappingStart(..) => open += 1,
                Event::SequenceEnd | Event::MappingEnd => open = open.saturating_sub(1),
                Event::Scalar(..) => {}
                _ => return gave_up("an unexpected event"),
            }
            if open == 0 {
                return Ok(());
            }
        }
    }
}

fn plain(style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain
}

fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Leading zeros followed by digits: a string in YAML 1.2.
fn digits_but_not_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    text.len() > 1 && text.starts_with('0') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A whole number as `serde_yaml` reads one: decimal only here (hexadecimal, octal and binary
/// make the fast path give up), no leading zeros, an optional `+` or `-`.
fn parse_int(text: &str) -> Option<i128> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits_but_not_number(text) {
        return None;
    }
    text.strip_prefix('+').unwrap_or(text).parse().ok()
}

/// A float as `serde_yaml` reads one.
fn parse_f64(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match text {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Whether a plain scalar is a number in another base, which `serde_yaml` reads and this
/// deserializer leaves to it.
fn other_base(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    ["0x", "0o", "0b"].iter().any(|p| unsigned.starts_with(p))
}

fn visit_int<'de, V: Visitor<'de>>(visitor: V, int: i128) -> Result<V::Value> {
    if let Ok(unsigned) = u64::try_from(int) {
        visitor.visit_u64(unsigned)
    } else if let Ok(signed) = i64::try_from(int) {
        visitor.visit_i64(signed)
    } else if int >= 0 {
        visitor.visit_u128(int as u128)
    } else {
        visitor.visit_i128(int)
    }
}

impl<'de> de::Deserializer<'de> for &mut Events<'_> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            Event::SequenceStart(..) => self.deserialize_seq(visitor),
            Event::MappingStart(..) => self.deserialize_map(visitor),
            Event::Scalar(..) => {
                let (text, style) = self.scalar()?;
                if !plain(style) {
                    return visitor.visit_str(&text);
                }
                if text.is_empty() || is_null(&text) {
                    return visitor.visit_unit();
                }
                if let Some(boolean) = parse_bool(&text) {
                    return visitor.visit_bool(boolean);
                }
                if other_base(&text) {
                    return gave_up("a number in another base");
                }
                if let Some(int) = parse_int(&text) {
                    return visit_int(visitor, int);
                }
                if !digits_but_not_number(&text)
                    && let Some(float) = parse_f64(&text)
                {
                    return visitor.visit_f64(float);
                }
                visitor.visit_str(&text)
            }
            _ => gave_up("expected a value"),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            (text, style) if plain(style) => match parse_bool(&text) {
                Some(boolean) => visitor.visit_bool(boolean),
                None => gave_up("not a boolean"),
            },
            _ => gave_up("not a boolean"),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            (text, style) if plain(style) && !other_base(&text) => {
                match parse_int(&text).and_then(|i| i64::try_from(i).ok()) {
                    Some(int) => visitor.visit_i64(int),
                    None => gave_up("not a whole number"),
                }
            }
            _ => gave_up("not a whole number"),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            // `serde_yaml` refuses a sign on an unsigned number.
            (text, style) if plain(style) && !other_base(&text) && !text.starts_with(['-', '+']) => {
                match parse_int(&text).and_then(|i| u64::try_from(i).ok()) {
                    Some(int) => visitor.visit_u64(int),
                    None => gave_up("not a whole number"),
                }
            }
            _ => gave_up("not a whole number"),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            (text, style) if plain(style) && !other_base(&text) => match parse_f64(&text) {
                Some(float) => visitor.visit_f64(float),
                None => gave_up("not a number"),
            },
            _ => gave_up("not a number"),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Any scalar, as written: `serde_yaml` does not resolve a scalar read as text.
        let (text, _) = self.scalar()?;
        visitor.visit_str(&text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        gave_up("bytes")
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        gave_up("bytes")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let none = match self.peek()? {
            Event::Scalar(text, style, ..) => plain(*style) && (text.is_empty() || is_null(text)),
            Event::SequenceStart(..) | Event::MappingStart(..) => false,
            _ => return gave_up("expected a value"),
        };
        if none {
            self.next()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            (text, style) if plain(style) && (text.is_empty() || is_null(&text)) => visitor.visit_unit(),
            _ => gave_up("not null"),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.nested(|events| visitor.visit_newtype_struct(events))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next()? {
            Event::SequenceStart(..) => {}
            _ => return gave_up("expected a sequence"),
        }
        let value = self.nested(|events| visitor.visit_seq(Items { events }))?;
        match self.next()? {
            Event::SequenceEnd => Ok(value),
            _ => gave_up("a sequence not read to its end"),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next()? {
            Event::MappingStart(..) => {}
            _ => return gave_up("expected a mapping"),
        }
        let value = self.nested(|events| visitor.visit_map(Entries { events }))?;
        match self.next()? {
            Event::MappingEnd => Ok(value),
            _ => gave_up("a mapping not read to its end"),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // Unit variants written as a scalar; anything else is left to `serde_yaml`.
        match self.scalar()? {
            (text, _) if !text.is_empty() => visitor.visit_enum(text.into_owned().into_deserializer()),
            _ => gave_up("an enum that is not a word"),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// A sequence's items.
struct Items<'e, 'a> {
    events: &'e mut Events<'a>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if matches!(self.events.peek()?, Event::SequenceEnd) {
            return Ok(None);
        }
        seed.deserialize(&mut *self.events).map(Some)
    }
}

/// A mapping's keys and values.
struct Entries<'e, 'a> {
    events: &'e mut Events<'a>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.events.peek()? {
            Event::MappingEnd => Ok(None),
            Event::Scalar(..) => seed.deserialize(&mut *self.events).map(Some),
            // A key that is a collection is left to `serde_yaml`.
            _ => gave_up("a complex key"),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        name: String,
        count: u8,
        share: f64,
        when: Option<String>,
        flags: Vec<bool>,
        more: BTreeMap<String, serde_yaml::Value>,
    }

    /// The same text read by this deserializer and by `serde_yaml`: equal when both read it.
    fn same(text: &str) {
        let fast: Result<Sample> = from_str(text);
        let reference: std::result::Result<Sample, _> = serde_yaml::from_str(text);
        match (fast, reference) {
            (Ok(fast), Ok(reference)) => assert_eq!(fast, reference, "{text}"),
            (Ok(fast), Err(e)) => panic!("read {fast:?} where serde_yaml refuses ({e}): {text}"),
            (Err(_), _) => {}
        }
    }

    #[test]
    fn reads_what_serde_yaml_reads_and_gives_up_on_the_rest() {
        let base = "name: 2026\ncount: 5\nshare: 4.5\nwhen: ~\nflags: [true, False]\nmore: {a: 1, b: -2, c: 1.5e3, d: '7', e: null, f: 007, g: .inf, h: x y, i: [1, {j: k}], k: +3}\n";
        same(base);
        let parsed: Sample = from_str(base).expect("read");
        assert_eq!(parsed.name, "2026");
        for text in [
            "name: a\ncount: 300\nshare: 1\nwhen: x\nflags: []\nmore: {}\n",
            "name: a\ncount: -1\nshare: 1\nwhen: ''\nflags: []\nmore: {}\n",
            "name: a\ncount: +1\nshare: '1'\nwhen:\nflags: []\nmore: {}\n",
            "name: a\ncount: 0x1\nshare: 1\nwhen: x\nflags: []\nmore: {}\n",
            "name: &x a\ncount: 1\nshare: 1\nwhen: *x\nflags: []\nmore: {}\n",
            "name: !!str a\ncount: 1\nshare: 1\nwhen: x\nflags: []\nmore: {}\n",
            "name: a\ncount: 1\nshare: 1\nwhen: x\nflags: [yes]\nmore: {}\n",
            "name: a\ncount: 1\nshare: 1\nwhen: x\nflags: []\nmore: {}\nextra: 1\n",
            "name: a\ncount: 1\nshare: 1\nwhen: x\nflags: []\nmore: {a: 1, a: 2}\n",
            "name: a\ncount: 1\nshare: .nan\nwhen: x\nflags: []\nmore: {}\n---\nname: b\n",
            "name: [a\n",
            "name: a\ncount: 1\nshare: 1\nwhen: x\nflags: []\nmore: {l: 18446744073709551616}\n",
        ] {
            same(text);
        }
    }

    #[test]
    fn refused_characters_and_budgets_make_it_give_up() {
        assert!(from_str::<serde_yaml::Value>("a: \"\\e[31m\"\n").is_err());
        assert!(from_str::<serde_yaml::Value>("a: \"\\u202e\"\n").is_err());
        let many = format!("[{}]", "1,".repeat(read::MAX_VALUES + 1));
        assert!(from_str::<serde_yaml::Value>(&many).is_err());
        assert!(from_str::<serde_yaml::Value>("a: [1, 2]\n").is_ok());
    }

    #[test]
    fn anchors_tags_and_deep_nesting_are_left_to_serde_yaml() {
        assert!(from_str::<serde_yaml::Value>("a: &x 1\nb: *x\n").is_err());
        assert!(from_str::<serde_yaml::Value>("a: !t 1\n").is_err());
        let deep = format!("{}x{}", "[".repeat(200), "]".repeat(200));
        assert!(from_str::<serde_yaml::Value>(&deep).is_err());
    }
}
