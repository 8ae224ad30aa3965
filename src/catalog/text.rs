//! The catalog's text and lists, borrowed or owned.
//!
//! The built-in catalog is compiled into the binary as static data (`build.rs` writes it from
//! `data/catalog.yaml`), so its text and lists are borrowed: start-up allocates nothing for them.
//! A user's file is read at run time and owns what it holds. [`Text`] and [`List`] allow both,
//! with the conveniences of `String` and `Vec` the rest of the code uses (comparison with
//! `&str`, iteration by reference, `as_str`). The built-in catalog's text is one string in the
//! binary and each [`Text`] of it a span by offsets, so that its static data holds few pointers.

use std::borrow::Borrow;
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string of the catalog: borrowed from the binary, or owned.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    /// A string literal of the program.
    Static(&'static str),
    /// A span of the built-in catalog's text ([`super::builtin`]), by offsets rather than a
    /// pointer: the static data then needs no relocation when the program loads, which would
    /// otherwise write to every page of it at each start.
    Builtin { start: u32, end: u32 },
    /// Text read at run time.
    Owned(String),
}

impl Text {
    /// Text that lives as long as the program.
    pub const fn from_static(text: &'static str) -> Text {
        Text(Repr::Static(text))
    }

    /// The built-in catalog's text from byte `start` to `end` (what `build.rs` writes).
    pub(super) const fn builtin(start: u32, end: u32) -> Text {
        Text(Repr::Builtin { start, end })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            // `build.rs` writes only spans that exist (tests would fail here); in a release an
            // empty text stands in rather than a panic.
            Repr::Builtin { start, end } => {
                let text = super::builtin::TEXT.get(*start as usize..*end as usize);
                debug_assert!(text.is_some(), "text span {start}..{end} outside the catalog's text");
                text.unwrap_or("")
            }
            Repr::Owned(text) => text,
        }
    }

    /// The text as an owned `String`.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Owned(text) => text,
            _ => self.as_str().to_string(),
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(Repr::Static(""))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Repr::Owned(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Repr::Owned(text.to_string()))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.into_string()
    }
}

impl From<&Text> for String {
    fn from(text: &Text) -> String {
        text.as_str().to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

/// An item type of [`List`]: where the built-in catalog keeps every list of that type, one after
/// another, so that a list of it is a span of that pool rather than a pointer.
pub trait Pooled: Clone + 'static {
    /// Every built-in list of this type, end to end.
    fn pool() -> &'static [Self];
}

/// A list of the catalog: borrowed from the binary, or owned (changing it makes it owned).
#[derive(Clone)]
pub struct List<T: Pooled> {
    /// The items, unless `owned` holds them.
    borrowed: Borrowed<T>,
    /// The items once read or changed at run time.
    owned: Option<Vec<T>>,
}

/// Where a borrowed list's items are.
enum Borrowed<T: 'static> {
    /// A static slice of the program.
    Static(&'static [T]),
    /// A span of the built-in catalog's pool of `T` ([`Pooled::pool`]), by offsets: like
    /// [`Text`], so that the built-in entries hold no pointer to relocate at each start.
    Builtin { start: u32, end: u32 },
}

impl<T> Clone for Borrowed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Borrowed<T> {}

impl<T: Pooled> Borrowed<T> {
    fn items(self) -> &'static [T] {
        match self {
            Borrowed::Static(items) => items,
            // As for text: a span outside the pool fails in tests, and is empty in a release.
            Borrowed::Builtin { start, end } => {
                let items = T::pool().get(start as usize..end as usize);
                debug_assert!(items.is_some(), "list span {start}..{end} outside its pool");
                items.unwrap_or(&[])
            }
        }
    }
}

impl<T: Pooled> List<T> {
    /// A list that lives as long as the program.
    pub const fn from_static(items: &'static [T]) -> List<T> {
        List { borrowed: Borrowed::Static(items), owned: None }
    }

    /// Items `start..end` of the built-in pool of `T` (what `build.rs` writes).
    pub(super) const fn builtin(start: u32, end: u32) -> List<T> {
        List { borrowed: Borrowed::Builtin { start, end }, owned: None }
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        self.owned.as_deref().unwrap_or_else(|| self.borrowed.items())
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The items as a `Vec` to change (copied first if borrowed).
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        let borrowed = self.borrowed;
        self.owned.get_or_insert_with(|| borrowed.items().to_vec())
    }

    /// The items as an owned `Vec`.
    pub fn into_vec(self) -> Vec<T> {
        let borrowed = self.borrowed;
        self.owned.unwrap_or_else(|| borrowed.items().to_vec())
    }
}

impl<T: Pooled> Default for List<T> {
    fn default() -> List<T> {
        List::from_static(&[])
    }
}

impl<T: Pooled> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Pooled> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.to_mut()
    }
}

impl<T: Pooled + fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl<T: Pooled + PartialEq> PartialEq for List<T> {
    fn eq(&self, other: &List<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Pooled> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> List<T> {
        List { borrowed: Borrowed::Static(&[]), owned: Some(items) }
    }
}

impl<T: Pooled> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> List<T> {
        List::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<'a, T: Pooled> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Pooled> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<T: Pooled + PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for List<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.as_slice() == &other[..]
    }
}

impl<T: Pooled + PartialEq<U>, U> PartialEq<Vec<U>> for List<T> {
    fn eq(&self, other: &Vec<U>) -> bool {
        self.as_slice() == &other[..]
    }
}

impl<T: Pooled + Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.as_slice())
    }
}

impl<'de, T: Pooled + Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<List<T>, D::Error> {
        Vec::<T>::deserialize(deserializer).map(List::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_and_owned_text_are_equal_and_compare_with_strings() {
        let borrowed = Text::from_static("axum");
        let owned = Text::from("axum".to_string());
        assert_eq!(borrowed, owned);
        assert_eq!(borrowed, "axum");
        assert_eq!("axum", borrowed);
        assert_eq!(borrowed, "axum".to_string());
        assert_eq!(format!("{borrowed} {borrowed:?}"), "axum \"axum\"");
    }

    #[test]
    fn changing_a_borrowed_list_copies_it() {
        static ITEMS: [Text; 2] = [Text::from_static("b"), Text::from_static("a")];
        let mut list = List::from_static(&ITEMS);
        list.sort();
        assert_eq!(list, ["a", "b"]);
        assert_eq!(ITEMS[0], "b");
        assert_eq!((&list).into_iter().count(), 2);
    }

    #[test]
    fn serde_reads_and_writes_them_as_plain_strings_and_sequences() {
        let list: List<Text> = serde_json::from_str(r#"["x","y"]"#).expect("a list");
        assert_eq!(serde_json::to_string(&list).expect("json"), r#"["x","y"]"#);
    }
}
