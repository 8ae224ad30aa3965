//! Writing a file the person named, whole or not at all: a temporary file in the same folder,
//! flushed to disk, then renamed over the target.

use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to `path` atomically. With `replace` false an existing file is left alone and
/// the write fails, so a file that appeared since the person was asked is never lost.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    // The rename is atomic only within one file system, so the temporary file sits beside the target.
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".backend-advisor-").suffix(".tmp");
    // A saved file is an ordinary file (0666 less the umask), not the private 0600 of a temporary one.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    let persisted = if replace { file.persist(path) } else { file.persist_noclobber(path) };
    persisted.map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_replaces_only_when_told() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("answers.yaml");
        write_atomic(&path, b"first\n", false).expect("new file");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first\n");
        assert!(write_atomic(&path, b"second\n", false).is_err(), "an existing file is not replaced unasked");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first\n");
        write_atomic(&path, b"second\n", true).expect("replace");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("no-such-folder").join("answers.yaml");
        assert!(write_atomic(&path, b"x", false).is_err());
        assert!(!path.exists());
    }
}
