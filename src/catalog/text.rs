//! The catalog's text and lists, borrowed or owned.
//!
//! The built-in catalog is compiled into the binary as static data (`build.rs` writes it from
//! `data/catalog.yaml`), so its text and lists are borrowed: start-up allocates nothing for them.
//! A user's file is read at run time and owns what it holds. [`Text`] and [`List`] allow both,
//! with the conveniences of `String` and `Vec` the rest of the code uses (comparison with
//! `&str`, iteration by reference, `as_str`). The built-in catalog's text is one string in the
//! binary and each [`Text`] of it a span by offsets, so that its static data holds few pointers.

use std::borrow::{Borrow, Cow};
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
            // `build.rs` writes only spans that exist; an empty text stands in rather than a panic.
            Repr::Builtin { start, end } => super::builtin::TEXT.get(*start as usize..*end as usize).unwrap_or(""),
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

/// A list of the catalog: borrowed from the binary, or owned (changing it makes it owned).
///
/// The field is open to the catalog module because the static data of the built-in catalog
/// writes `List(Cow::Borrowed(&[...]))`: only a constructor extends the borrowed array to the
/// static's lifetime, a `const fn` argument does not.
#[derive(Clone, PartialEq)]
pub struct List<T: Clone + 'static>(pub(super) Cow<'static, [T]>);

impl<T: Clone + 'static> List<T> {
    /// A list that lives as long as the program (the built-in catalog's).
    pub const fn from_static(items: &'static [T]) -> List<T> {
        List(Cow::Borrowed(items))
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The items as a `Vec` to change (copied first if borrowed).
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        self.0.to_mut()
    }

    /// The items as an owned `Vec`.
    pub fn into_vec(self) -> Vec<T> {
        self.0.into_owned()
    }
}

impl<T: Clone + 'static> Default for List<T> {
    fn default() -> List<T> {
        List(Cow::Owned(Vec::new()))
    }
}

impl<T: Clone + 'static> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T: Clone + 'static> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.to_mut()
    }
}

impl<T: Clone + fmt::Debug + 'static> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl<T: Clone + 'static> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> List<T> {
        List(Cow::Owned(items))
    }
}

impl<T: Clone + 'static> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> List<T> {
        List(Cow::Owned(iter.into_iter().collect()))
    }
}

impl<'a, T: Clone + 'static> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Clone + 'static> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_owned().into_iter()
    }
}

impl<T: Clone + PartialEq<U> + 'static, U, const N: usize> PartialEq<[U; N]> for List<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.0[..] == other[..]
    }
}

impl<T: Clone + PartialEq<U> + 'static, U> PartialEq<Vec<U>> for List<T> {
    fn eq(&self, other: &Vec<U>) -> bool {
        self.0[..] == other[..]
    }
}

impl<T: Clone + Serialize + 'static> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

impl<'de, T: Clone + Deserialize<'de> + 'static> Deserialize<'de> for List<T> {
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
