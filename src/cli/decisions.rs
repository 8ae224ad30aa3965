//! A folder of decision records: `recommend --format adr --output DIR/` writes the next numbered
//! record (superseding another with `--supersedes`), and `verify FILE|DIR` re-checks one record
//! or every record of a folder, one line each or JSON for CI, with the command that writes the
//! successor of a record that no longer holds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use backend_advisor::answers;
use backend_advisor::catalog::Catalog;
use backend_advisor::decide::{records, verify};
use backend_advisor::escape::one_line;
use backend_advisor::provenance::command_line;
use backend_advisor::render::Format;
use backend_advisor::yaml::read::Kind;
use serde::Serialize;

use super::request::RecordTarget;
use super::write;

/// The most Markdown files `verify DIR` and numbering look at.
const MAX_FILES: usize = 10_000;

/// How a record stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    /// Its choice still ranks first.
    Holds,
    /// Another framework now ranks first, or its choice is gone or excluded.
    NoLongerHolds,
    /// Its choice's support window ends within `--warn-eol`.
    SupportEnds,
    /// It could not be read or re-checked.
    Error,
}

/// One record re-checked: a line of the table, an object of the JSON.
#[derive(Debug, Serialize)]
struct Outcome {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    chosen: Option<String>,
    changes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    support_ends: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    successor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// A Markdown file of the folder that is not re-checked, and why.
#[derive(Debug, Serialize)]
struct Skipped {
    file: String,
    reason: String,
}

/// `verify --format json`.
#[derive(Debug, Serialize)]
struct Report {
    records: Vec<Outcome>,
    skipped: Vec<Skipped>,
    exit_code: u8,
}

/// `verify FILE|DIR`: re-check one record (its errors are the command's, as before) or every
/// record of a folder.
pub fn verify(
    path: &Path,
    catalog: &Catalog,
    catalogs: &[PathBuf],
    today: i64,
    warn_days: Option<i64>,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let check = |file: &Path, text: &str| check_one(file, text, catalog, catalogs, today, warn_days);
    let (records, skipped) = if path.is_dir() {
        let mut records = Vec::new();
        let (files, mut skipped) = markdown_files(path)?;
        for file in files {
            let shown = file.display().to_string();
            let text = match backend_advisor::yaml::read::text(&file, Kind::Record) {
                Ok(text) => text,
                Err(e) => {
                    records.push(failed(&file, &e.to_string()));
                    continue;
                }
            };
            if !records::is_record(&text) {
                skipped.push(Skipped { file: shown, reason: "not a decision record backend-advisor wrote".into() });
            } else if records::is_retired(&text) {
                let status = records::status(&text).unwrap_or_default();
                skipped.push(Skipped { file: shown, reason: format!("status: {status}") });
            } else {
                records.push(check(&file, &text).unwrap_or_else(|e| failed(&file, &e.to_string())));
            }
        }
        if records.is_empty() {
            // A mistyped path in CI must not pass green.
            return Err(backend_advisor::Error::InvalidData(vec![backend_advisor::Problem {
                origin: backend_advisor::Origin::file(&path.display().to_string(), None),
                entry: None,
                field: None,
                message: "the folder holds no decision record backend-advisor wrote".into(),
                hint: Some("write one with `recommend --format adr --output DIR/`, or name the right folder".into()),
            }])
            .into());
        }
        (records, skipped)
    } else {
        let text = backend_advisor::yaml::read::text(path, Kind::Record)?;
        (vec![check(path, &text)?], Vec::new())
    };
    let code = exit_code(&records);
    let text = match format {
        Format::Json => {
            let report = Report { records, skipped, exit_code: code };
            serde_json::to_string_pretty(&report).context("cannot write the report as JSON")? + "\n"
        }
        _ => table(&records, &skipped),
    };
    super::run::write_out(&text)?;
    Ok(ExitCode::from(code))
}

/// 3 when any record no longer holds, else 4 when a support window ends, else 65 when a record
/// could not be read, else 0.
fn exit_code(records: &[Outcome]) -> u8 {
    let any = |status: Status| records.iter().any(|r| r.status == status);
    if any(Status::NoLongerHolds) {
        3
    } else if any(Status::SupportEnds) {
        4
    } else if any(Status::Error) {
        65
    } else {
        0
    }
}

fn failed(file: &Path, message: &str) -> Outcome {
    Outcome {
        file: file.display().to_string(),
        number: records::number_of(file),
        status: Status::Error,
        chosen: None,
        changes: Vec::new(),
        support_ends: None,
        successor: None,
        error: Some(message.to_string()),
    }
}

/// Re-check one record's text; `file` names it.
fn check_one(
    file: &Path,
    text: &str,
    catalog: &Catalog,
    catalogs: &[PathBuf],
    today: i64,
    warn_days: Option<i64>,
) -> anyhow::Result<Outcome> {
    let shown = file.display().to_string();
    let mut record = verify::find(text, &shown)?;
    // A record names its radar relative to its own folder.
    if let (Some(radar), Some(folder)) = (record.answers.radar.as_mut(), file.parent()) {
        *radar = folder.join(&*radar).display().to_string();
    }
    let radar = answers::read_radar(&record.answers)?;
    let verdict = verify::check(&record, catalog, &shown, today, warn_days, radar)?;
    let status = if !verdict.still_wins {
        Status::NoLongerHolds
    } else if verdict.support_ends.is_some() {
        Status::SupportEnds
    } else {
        Status::Holds
    };
    let changes = verdict.changes;
    let successor = (status != Status::Holds).then(|| successor(file, catalogs));
    Ok(Outcome {
        file: shown,
        number: records::number_of(file),
        status,
        chosen: Some(record.chosen.id),
        changes,
        support_ends: verdict.support_ends,
        successor,
        error: None,
    })
}

/// The command that writes the successor of the record `file` from its own answers: into its
/// folder, superseding it, when the record is numbered; to standard output otherwise.
fn successor(file: &Path, catalogs: &[PathBuf]) -> String {
    // Two records of one folder may share a number (two branches each added the next one):
    // then the successor names the record by its path.
    let siblings =
        file.parent().and_then(|p| markdown_files(if p.as_os_str().is_empty() { Path::new(".") } else { p }).ok());
    let unique = |n: u32| {
        siblings
            .as_ref()
            .is_none_or(|(files, _)| files.iter().filter(|f| records::number_of(f) == Some(n)).count() == 1)
    };
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => format!("{}/", parent.display()),
        _ => "./".into(),
    };
    let mut words: Vec<String> = vec!["backend-advisor".into(), "recommend".into()];
    for catalog in catalogs {
        words.extend(["--catalog".into(), catalog.display().to_string()]);
    }
    words.extend(["--answers".into(), file.display().to_string(), "--format".into(), "adr".into()]);
    // Only a numbered record (NNNN-title.md) can be superseded by number in its folder.
    if let Some(number) = records::number_of(file) {
        let which = if unique(number) { number.to_string() } else { file.display().to_string() };
        words.extend(["--output".into(), folder, "--supersedes".into(), which]);
    }
    command_line(&words)
}

/// One line a record, then the commands that write the successors, then the skipped files.
fn table(outcomes: &[Outcome], skipped: &[Skipped]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let file = one_line(&outcome.file);
        let chosen = outcome.chosen.as_deref().map(one_line).unwrap_or_default();
        let line = match outcome.status {
            Status::Holds => format!("ok: {file}: '{chosen}' still wins"),
            Status::NoLongerHolds => format!("FAIL: {file}: the recorded choice '{chosen}' no longer wins"),
            Status::SupportEnds => {
                format!("FAIL: {file}: {}, within --warn-eol", one_line(outcome.support_ends.as_deref().unwrap_or("")))
            }
            Status::Error => format!("ERROR: {file}: {}", one_line(outcome.error.as_deref().unwrap_or(""))),
        };
        if outcomes.len() == 1 && skipped.is_empty() {
            // One record: what changed first, then the verdict (as `verify FILE` always printed).
            for change in &outcome.changes {
                out.push_str(&format!("{}\n", one_line(change)));
            }
        }
        out.push_str(&line);
        out.push('\n');
        if outcomes.len() > 1 || !skipped.is_empty() {
            for change in outcome.changes.iter().filter(|_| outcome.status != Status::Holds) {
                out.push_str(&format!("    {}\n", one_line(change)));
            }
        }
        if let Some(command) = &outcome.successor {
            out.push_str(&format!("    to write its successor: {command}\n"));
        }
    }
    for skip in skipped {
        out.push_str(&format!("skipped: {}: {}\n", one_line(&skip.file), one_line(&skip.reason)));
    }
    out
}

/// The Markdown files of `dir` (not its sub-folders), sorted by name, links followed; what is
/// named `*.md` but is no regular file (a folder, a FIFO, a dangling link) comes back as skipped.
fn markdown_files(dir: &Path) -> anyhow::Result<(Vec<PathBuf>, Vec<Skipped>)> {
    let shown = dir.display();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("{shown}: cannot read the folder"))? {
        let entry = entry.with_context(|| format!("{shown}: cannot read the folder"))?;
        let path = entry.path();
        if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            continue;
        }
        if files.len() + skipped.len() == MAX_FILES {
            bail!("{shown}: holds more than {MAX_FILES} Markdown files");
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(meta) => skipped.push(Skipped {
                file: path.display().to_string(),
                reason: if meta.is_dir() { "a folder" } else { "not a regular file" }.into(),
            }),
            Err(_) => skipped.push(Skipped { file: path.display().to_string(), reason: "a link to nothing".into() }),
        }
    }
    files.sort();
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((files, skipped))
}

/// Write a decision record into its folder as `NNNN-title-slug.md` with the next free number
/// (created when missing), superseding another record when asked: the new record links to the
/// old one, the old one's status becomes `superseded by ADR-NNNN` and it links back; each file
/// is written atomically, the new one first. Prints the files written.
pub fn write_record(target: &RecordTarget, text: &str, title: Option<&str>) -> anyhow::Result<ExitCode> {
    let folder = &target.folder;
    std::fs::create_dir_all(folder).with_context(|| format!("{}: cannot create the folder", folder.display()))?;
    let (files, _) = markdown_files(folder)?;
    let old = match &target.supersedes {
        Some(which) => Some(superseded(folder, &files, which)?),
        None => None,
    };
    let (number, name) = reserve(folder, records::next_number(&files), title)?;
    let path = folder.join(&name);
    // The record was rendered before its number was known: its Confirmation names it now.
    let text = backend_advisor::render::adr::saved_as(text, &path.display().to_string());
    let text = match &old {
        Some((old_path, old_number, _)) => records::note_supersedes(&text, *old_number, &link(folder, old_path)),
        None => text,
    };
    let written = write::write_atomic(&path, text.as_bytes(), false);
    release(folder, number);
    written.with_context(|| format!("{}: cannot write the record", path.display()))?;
    let mut report = format!("wrote {}\n", one_line(&path.display().to_string()));
    if let Some((old_path, _, old_text)) = old {
        let updated = records::mark_superseded(&old_text, number, &name);
        if let Err(e) = write::write_atomic(&old_path, updated.as_bytes(), true) {
            // Half a superseding is worse than none: take the new record back.
            let removed = std::fs::remove_file(&path).is_ok();
            let left = if removed { "the new record was removed again" } else { "the new record is left in place" };
            return Err(e).with_context(|| {
                format!("{}: cannot mark it superseded ({left}: {})", old_path.display(), path.display())
            });
        }
        report.push_str(&format!(
            "{}: status superseded by {}\n",
            one_line(&old_path.display().to_string()),
            records::label(number)
        ));
    }
    super::run::write_out(&report)
}

/// The reservation of a record number while its file is written: a hidden file created only if
/// absent, so that two runs writing into one folder at once never take the same number.
fn reservation(folder: &Path, number: u32) -> PathBuf {
    folder.join(format!(".backend-advisor-{number:04}.reserved"))
}

/// Take the first number from `from` on that no record and no other run holds, and the record's
/// file name.
fn reserve(folder: &Path, from: u32, title: Option<&str>) -> anyhow::Result<(u32, String)> {
    for number in from..from.saturating_add(1000) {
        let taken = std::fs::OpenOptions::new().write(true).create_new(true).open(reservation(folder, number)).is_err();
        if taken {
            continue;
        }
        // A run that finished after this one listed the folder may have written this number.
        let (files, _) = markdown_files(folder)?;
        if files.iter().any(|f| records::number_of(f) == Some(number)) {
            release(folder, number);
            continue;
        }
        return Ok((number, records::file_name(number, title)));
    }
    bail!("{}: no free record number found", folder.display())
}

fn release(folder: &Path, number: u32) {
    let _ = std::fs::remove_file(reservation(folder, number));
}

/// The record `--supersedes` names: its number in `files`, or a path. Returns its path, number
/// and text.
fn superseded(folder: &Path, files: &[PathBuf], which: &str) -> anyhow::Result<(PathBuf, u32, String)> {
    let path = match which.trim().parse::<u32>() {
        Ok(n) => {
            let found: Vec<&PathBuf> = files.iter().filter(|f| records::number_of(f) == Some(n)).collect();
            match found.as_slice() {
                [one] => (*one).clone(),
                [] => {
                    return Err(usage(
                        format!("no record numbered {n:04} in {}", one_line(&folder.display().to_string())),
                        "give the number its file name starts with (0007-… is 7), or the record's path",
                    ));
                }
                several => {
                    let names: Vec<String> =
                        several.iter().map(|f| one_line(&f.display().to_string()).into_owned()).collect();
                    return Err(usage(
                        format!("{} records are numbered {n:04}: {}", several.len(), names.join(", ")),
                        "name the one to supersede by its path",
                    ));
                }
            }
        }
        Err(_) => PathBuf::from(which),
    };
    let text = backend_advisor::yaml::read::text(&path, Kind::Record)?;
    let shown = path.display().to_string();
    if !records::is_record(&text) {
        return Err(usage(
            format!("{} is not a decision record backend-advisor wrote", one_line(&shown)),
            "name a record written by `recommend --format adr`",
        ));
    }
    if records::is_superseded(&text) {
        return Err(usage(
            format!("{} is already {}", one_line(&shown), one_line(&records::status(&text).unwrap_or_default())),
            "supersede its successor instead",
        ));
    }
    let number = records::number_of(&path).ok_or_else(|| {
        usage(
            format!("{}'s file name does not start with its number, so it cannot be named ADR-NNNN", one_line(&shown)),
            "rename it NNNN-title.md first",
        )
    })?;
    Ok((path, number, text))
}

/// A usage error about `--supersedes` (exit 2).
fn usage(message: String, hint: &str) -> anyhow::Error {
    backend_advisor::Error::InvalidArgument(Box::new(backend_advisor::Problem {
        origin: backend_advisor::Origin::Flag("--supersedes".into()),
        entry: None,
        field: None,
        message,
        hint: Some(hint.into()),
    }))
    .into()
}

/// How the new record in `folder` links to `path`: its file name when they share the folder.
fn link(folder: &Path, path: &Path) -> String {
    let same = path.parent().is_some_and(|p| p == folder || (p.as_os_str().is_empty() && folder == Path::new(".")));
    match (same, path.file_name()) {
        (true, Some(name)) => name.to_string_lossy().into_owned(),
        _ => path.display().to_string(),
    }
}

/// `target` as a path relative to `folder` (`../policy/radar.csv`), for a record written into
/// `folder`; `target` as given when either cannot be resolved.
pub fn relative(folder: &Path, target: &Path) -> String {
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let _ = std::fs::create_dir_all(folder);
    let (Ok(from), Ok(to)) = (folder.canonicalize(), target.canonicalize()) else {
        return target.display().to_string();
    };
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to[common..] {
        path.push(part);
    }
    path.display().to_string()
}

/// The arguments of a record written into a folder without the flags that wrote it there
/// (`--output DIR/`, `--supersedes N`, `--force`): its command reproduces the ranking, and run
/// again it would write yet another record or fail.
pub fn without_writing(args: Vec<String>) -> Vec<String> {
    let mut kept = Vec::new();
    let mut skip_next = false;
    for word in args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        match word.as_str() {
            "--output" | "-o" | "--supersedes" => skip_next = true,
            "--force" => {}
            w if w.starts_with("--output=")
                || w.starts_with("--supersedes=")
                || (w.starts_with("-o") && w.len() > 2) => {}
            _ => kept.push(word),
        }
    }
    kept
}
