//! A folder of decision records: `recommend --format adr --output DIR/` writes the next numbered
//! record (superseding another with `--supersedes`), and `verify FILE|DIR` re-checks one record
//! or every record of a folder, one line each or JSON for CI, with the command that writes the
//! successor of a record that no longer holds.

use std::io::ErrorKind;
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
        let mut skipped = Vec::new();
        for file in markdown_files(path)? {
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
            } else if records::is_superseded(&text) {
                let status = records::status(&text).unwrap_or_default();
                skipped.push(Skipped { file: shown, reason: status });
            } else {
                records.push(check(&file, &text).unwrap_or_else(|e| failed(&file, &e.to_string())));
            }
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
    let record = verify::find(text, &shown)?;
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
        words.extend(["--output".into(), folder, "--supersedes".into(), number.to_string()]);
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

/// The Markdown files of `dir` (not its sub-folders), sorted by name.
fn markdown_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let shown = dir.display();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("{shown}: cannot read the folder"))? {
        let entry = entry.with_context(|| format!("{shown}: cannot read the folder"))?;
        let path = entry.path();
        let is_markdown = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if is_markdown && entry.file_type().is_ok_and(|t| t.is_file()) {
            if files.len() == MAX_FILES {
                bail!("{shown}: holds more than {MAX_FILES} Markdown files");
            }
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Write a decision record into its folder as `NNNN-title-slug.md` with the next free number
/// (created when missing), superseding another record when asked: the new record links to the
/// old one, the old one's status becomes `superseded by ADR-NNNN` and it links back; each file
/// is written atomically, the new one first. Prints the files written.
pub fn write_record(target: &RecordTarget, text: &str, title: Option<&str>) -> anyhow::Result<ExitCode> {
    let folder = &target.folder;
    std::fs::create_dir_all(folder).with_context(|| format!("{}: cannot create the folder", folder.display()))?;
    let files = markdown_files(folder)?;
    let old = match &target.supersedes {
        Some(which) => Some(superseded(folder, &files, which)?),
        None => None,
    };
    let mut number = records::next_number(&files);
    let mut written = None;
    // Another process may take a number between the listing and the write: take the next one.
    for _ in 0..100 {
        let name = records::file_name(number, title);
        let text = match &old {
            Some((path, old_number, _)) => records::note_supersedes(text, *old_number, &link(folder, path)),
            None => text.to_string(),
        };
        match write::write_atomic(&folder.join(&name), text.as_bytes(), false) {
            Ok(()) => {
                written = Some(name);
                break;
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => number += 1,
            Err(e) => return Err(e).with_context(|| format!("{}: cannot write the record", folder.display())),
        }
    }
    let Some(name) = written else { bail!("{}: no free record number found", folder.display()) };
    let mut report = format!("wrote {}\n", one_line(&folder.join(&name).display().to_string()));
    if let Some((path, _, old_text)) = old {
        let updated = records::mark_superseded(&old_text, number, &name);
        write::write_atomic(&path, updated.as_bytes(), true)
            .with_context(|| format!("{}: cannot mark it superseded", path.display()))?;
        report.push_str(&format!(
            "{}: status superseded by {}\n",
            one_line(&path.display().to_string()),
            records::label(number)
        ));
    }
    super::run::write_out(&report)
}

/// The record `--supersedes` names: its number in `files`, or a path. Returns its path, number
/// and text.
fn superseded(folder: &Path, files: &[PathBuf], which: &str) -> anyhow::Result<(PathBuf, u32, String)> {
    let path = match which.trim().parse::<u32>() {
        Ok(n) => files.iter().find(|f| records::number_of(f) == Some(n)).cloned().ok_or_else(|| {
            usage(
                format!("no record numbered {n:04} in {}", one_line(&folder.display().to_string())),
                "give the number its file name starts with (0007-… is 7), or the record's path",
            )
        })?,
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
