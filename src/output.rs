//! `--output FILE`: a report written atomically (a temporary file in the target's folder, then
//! renamed over it), never over an existing file without `--force`, and never left half-written.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

/// Write `text` to `path`. The text goes to a temporary file beside `path`, is flushed to disk
/// and then renamed to `path`: a rename within one folder is atomic, so a reader sees the old
/// file or the whole new one, and a failed write leaves nothing but the old file. Without
/// `force` an existing file is kept and the write fails, also when another process creates the
/// file between the check and the rename.
pub fn write(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    let shown = path.display();
    if path.is_dir() {
        bail!("{shown}: is a directory; --output needs a file name");
    }
    if !force && path.exists() {
        bail!("{shown}: already exists; add --force to replace it");
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".backend-advisor-").suffix(".tmp");
    // Created like any new file (0666 less the umask), not private like a temporary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder
        .tempfile_in(folder)
        .with_context(|| format!("{shown}: cannot create a file in {}", folder.display()))?;
    // On any error below, dropping `temporary` deletes it.
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .with_context(|| format!("{shown}: cannot write the output"))?;
    let persisted = if force { temporary.persist(path) } else { temporary.persist_noclobber(path) };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{shown}: already exists; add --force to replace it")
        }
        Err(e) => Err(e.error).with_context(|| format!("{shown}: cannot write the output")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .expect("readable")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".backend-advisor-"))
            .collect()
    }

    #[test]
    fn writes_refuses_to_overwrite_and_replaces_with_force() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("report.md");
        write(&path, "first\n", false).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first\n");
        let error = write(&path, "second\n", false).expect_err("kept");
        assert!(error.to_string().contains("already exists; add --force"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first\n");
        write(&path, "second\n", true).expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second\n");
        assert!(leftovers(folder.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_report_is_readable_like_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("report.html");
        write(&path, "x", false).expect("written");
        let plain = folder.path().join("plain.html");
        std::fs::write(&plain, "x").expect("written");
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        // The same mode as a file made by a plain write under the same umask, not the 0600 of
        // a private temporary file.
        assert_eq!(mode(&path), mode(&plain));
    }

    #[test]
    fn a_missing_folder_or_a_directory_target_fails_without_leaving_files() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let error = write(&folder.path().join("missing/report.md"), "x", false).expect_err("no folder");
        assert!(error.to_string().contains("cannot create a file in"), "{error}");
        let error = write(folder.path(), "x", true).expect_err("a directory");
        assert!(error.to_string().contains("is a directory"), "{error}");
        assert!(leftovers(folder.path()).is_empty());
    }
}
