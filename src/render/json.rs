//! JSON: pretty-printed, unrounded, field names as in the catalog YAML and docs/output-contract.md.

use serde::Serialize;

use crate::error::{Error, Origin, Problem, Result};

/// Serialize any output value as pretty JSON with a trailing newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    // A ranking of the whole catalog is about 30 kB: room for it up front saves copying the
    // text at each doubling (start-up, docs/limits.md).
    let mut bytes = Vec::with_capacity(64 * 1024);
    serde_json::to_writer_pretty(&mut bytes, value).map_err(|e| failure(&e.to_string()))?;
    bytes.push(b'\n');
    // serde_json writes only UTF-8.
    String::from_utf8(bytes).map_err(|e| failure(&e.to_string()))
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
