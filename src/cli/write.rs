//! Files written whole or not at all (a temporary file in the target's folder, then renamed over
//! it): `--output FILE`, never over an existing file without `--force`, and the questionnaire's
//! saved answers and exported results, never over an existing file the person did not agree to.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{Context, bail};

/// Write `text` to `path` for `--output`. Without `force` an existing file is kept and the
/// write fails, also when another process creates the file between the check and the rename.
pub fn write(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    let shown = path.display();
    if path.is_dir() {
        bail!("{shown}: is a directory; --output needs a file name");
    }
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        bail!("{shown}: is not a regular file (a FIFO, device or socket); --output writes files");
    }
    // The path itself, not where a link leads: a link to nothing is there too (as with noclobber).
    if !force && path.symlink_metadata().is_ok() {
        bail!("{shown}: already exists; add --force to replace it");
    }
    match write_atomic(path, text.as_bytes(), force) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            bail!("{shown}: already exists; add --force to replace it")
        }
        Err(e) => Err(e).with_context(|| format!("{shown}: cannot write the output")),
    }
}

/// Write `bytes` to `path` whole or not at all: they go to a temporary file beside `path`, are
/// flushed to disk and the file is then renamed to `path`. A rename within one folder is
/// atomic, so a reader sees the old file or the whole new one, and a failed write leaves
/// nothing but the old file. With `replace` false an existing file is left alone and the write
/// fails with [`io::ErrorKind::AlreadyExists`], even in a race. Used by `--output` and by the
/// questionnaire's save and export.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let requested = path;
    // A symbolic link is written through: the file at the end of the chain gets the new text,
    // the links stay. Renaming over a link would silently cut it.
    let resolved = through_links(path)?;
    let path = resolved.as_path();
    // As a shell's `>` would: a link to nothing creates its target only when asked to replace.
    if !replace && path != requested && std::fs::symlink_metadata(path).is_err() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is a symbolic link to {}, which does not exist", requested.display(), path.display()),
        ));
    }
    // Only a regular file may be replaced: renaming over a FIFO, a device or a socket would
    // remove it (and a reader waiting on a FIFO would never get the text).
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file (a folder, FIFO, device or socket); write to a file", path.display()),
        ));
    }
    // The rename is atomic only within one file system, so the temporary file sits beside the target.
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".backend-advisor-").suffix(".tmp");
    // Created like any new file (0666 less the umask), not private like a temporary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder).map_err(|e| {
        io::Error::new(e.kind(), format!("cannot create a file in {}: {}", folder.display(), plain(&e)))
    })?;
    // On any error below, dropping `temporary` deletes it.
    // A replaced file keeps its permissions (a private 0600 report stays private).
    if let Ok(existing) = std::fs::metadata(path) {
        temporary.as_file().set_permissions(existing.permissions())?;
    }
    let _pending = Pending::new(temporary.path());
    temporary.write_all(bytes).map_err(too_large)?;
    temporary.as_file().sync_all().map_err(too_large)?;
    let persisted = if replace { temporary.persist(path) } else { temporary.persist_noclobber(path) };
    persisted.map(drop).map_err(|e| io::Error::new(e.error.kind(), plain(&e.error)))
}

/// The temporary file being written, if any: what an interrupting signal removes.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Marks a temporary file as in progress for as long as it lives.
struct Pending;

impl Pending {
    fn new(path: &Path) -> Pending {
        guard_signals();
        *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_path_buf());
        Pending
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// Once per process: SIGINT, SIGTERM and SIGHUP remove the temporary file being written, then
/// end the process as the signal would have (a thread waits for them, so nothing unsafe runs in
/// a handler); SIGXFSZ (over `ulimit -f`) is caught so that the write fails with EFBIG, which
/// becomes a clear error, instead of killing the process without a word.
fn guard_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(SIGXFSZ, caught);
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if let Some(path) = PENDING.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    let _ = std::fs::remove_file(path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// EFBIG (the file-size limit, `ulimit -f`) said plainly.
fn too_large(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::FileTooLarge {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            "the file would exceed the file-size limit (ulimit -f); nothing was written",
        )
    } else {
        error
    }
}

/// The path at the end of a chain of symbolic links (the path itself when it is no link); a
/// loop, or a chain of more than 40 links, is an error as the system would give it.
fn through_links(path: &Path) -> io::Result<std::path::PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                refuse_planted_link(&current, &meta)?;
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!("{}: too many levels of symbolic links (a loop?)", path.display())))
}

/// The kernel's protected-symlinks rule, which following a link ourselves would bypass: a link in
/// a sticky, world-writable folder (such as /tmp) is followed only when its owner is the folder's
/// owner or the person running the tool; another user may have planted it to make us overwrite
/// their target.
#[cfg(unix)]
fn refuse_planted_link(link: &Path, meta: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let folder = match link.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(folder_meta) = std::fs::metadata(folder) else { return Ok(()) };
    let sticky_shared = folder_meta.mode() & 0o1002 == 0o1002;
    let me = nix::unistd::geteuid().as_raw();
    if sticky_shared && meta.uid() != folder_meta.uid() && meta.uid() != me {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is a symbolic link owned by another user in the shared folder {}; not followed (write to another path)",
                link.display(),
                folder.display()
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_planted_link(_: &Path, _: &std::fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// An I/O error's reason without the temporary file's name that `tempfile` appends (`… at path
/// ".backend-advisor-x1y2.tmp"`): the person never named that file.
fn plain(error: &io::Error) -> String {
    let text = error.to_string();
    match text.find(" at path ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
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
        assert!(format!("{error:#}").contains("cannot create a file in"), "{error:#}");
        let error = write(folder.path(), "x", true).expect_err("a directory");
        assert!(error.to_string().contains("is a directory"), "{error}");
        assert!(leftovers(folder.path()).is_empty());
    }

    #[test]
    fn an_atomic_write_replaces_only_when_told_and_says_why_it_refused() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("answers.yaml");
        write_atomic(&path, b"first\n", false).expect("a new file");
        let error = write_atomic(&path, b"second\n", false).expect_err("an existing file is not replaced unasked");
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first\n");
        write_atomic(&path, b"second\n", true).expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second\n");
        let error = write_atomic(&folder.path().join("missing/answers.yaml"), b"x", true).expect_err("no folder");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(error.to_string().starts_with("cannot create a file in "), "{error}");
        assert!(leftovers(folder.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_a_fifo_is_refused() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let real = folder.path().join("real.md");
        std::fs::write(&real, "old\n").expect("written");
        let link = folder.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).expect("a link");
        write(&link, "new\n", true).expect("written through the link");
        assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink(), "the link stays");
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new\n");
        let fifo = folder.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let error = write(&fifo, "x", true).expect_err("a FIFO is not replaced");
        assert!(format!("{error:#}").contains("is not a regular file"), "{error:#}");
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(
            &std::fs::symlink_metadata(&fifo).expect("still there").file_type()
        ));
        assert!(leftovers(folder.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_chain_of_links_is_followed_a_loop_refused_and_permissions_kept() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let folder = tempfile::tempdir().expect("a temporary folder");
        let real = folder.path().join("real.md");
        std::fs::write(&real, "old\n").expect("written");
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        symlink("real.md", folder.path().join("l2")).expect("link");
        symlink("l2", folder.path().join("l1")).expect("link");
        write(&folder.path().join("l1"), "new\n", true).expect("written through two links");
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new\n");
        assert!(std::fs::symlink_metadata(folder.path().join("l2")).expect("l2").file_type().is_symlink());
        let mode = std::fs::metadata(&real).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a private file stays private");
        let looped = folder.path().join("loop");
        symlink("loop", &looped).expect("a looping link");
        let error = write(&looped, "x", true).expect_err("a loop");
        assert!(format!("{error:#}").contains("too many levels of symbolic links"), "{error:#}");
        assert!(std::fs::symlink_metadata(&looped).expect("still a link").file_type().is_symlink());
    }
}
