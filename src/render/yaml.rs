//! YAML: the same document as the JSON output, for people and tools that prefer YAML.

use serde::Serialize;

use crate::error::Result;

/// Serialize any output value as YAML.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_yaml::to_string(value).map_err(|e| super::json::failure(&e.to_string()))
}
