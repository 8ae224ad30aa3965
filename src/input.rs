//! Reading a user's file: refuse what is too big, missing, a folder or not UTF-8, before parsing.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Origin, Problem, Result};

/// The largest catalog, presets or answers file accepted, in bytes (8 MiB).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Read a whole text file, with the documented errors: 66 for a missing or unreadable path,
/// 65 for a file over [`MAX_FILE_BYTES`] or not valid UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    let unreadable = |reason: String| Error::Unreadable { path: shown.clone(), reason };
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
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = at - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::InvalidData(vec![Problem {
            origin: Origin::file(&shown, Some((line, column))),
            entry: None,
            field: None,
            message: format!("not valid UTF-8 (invalid byte at offset {at}); save the file as UTF-8"),
            hint: None,
        }])
    })
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}
