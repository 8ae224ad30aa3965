//! JSON: pretty-printed, unrounded, field names as in the catalog YAML and the README contract.

use serde::Serialize;

use crate::error::{Error, Origin, Problem, Result};

/// Serialize any output value as pretty JSON with a trailing newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| failure(&e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// An internal serialization failure (a value JSON cannot hold, such as NaN, would land here).
pub(crate) fn failure(reason: &str) -> Error {
    Error::InvalidData(vec![Problem {
        origin: Origin::file("output", None),
        entry: None,
        field: None,
        message: format!("cannot serialize the result: {reason}"),
        hint: None,
    }])
}
