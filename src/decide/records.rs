//! A folder of decision records (`docs/decisions`): which Markdown files in it are records
//! backend-advisor wrote, their numbers (`NNNN-title-slug.md`), the next free number, and one
//! record superseding another (MADR 4.0 `status: superseded by ADR-NNNN`, linked both ways).
//!
//! Only names and text: listing the folder, reading and writing are the binary's.

use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

use crate::answers::layers::RECORD_FENCE;

/// The file name's stem when the decision has no title.
pub const DEFAULT_SLUG: &str = "backend-framework";

/// The number a record's file name starts with (`0007-backend.md` is 7), if any.
pub fn number_of(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    // Exactly four digits, as MADR numbers records: `20240115-use-postgres.md` is a date, not a number.
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4 && name[digits.len()..].starts_with('-')).then(|| digits.parse().ok()).flatten()
}

/// The number after the highest in `files` (1 for none).
pub fn next_number<P: AsRef<Path>>(files: &[P]) -> u32 {
    files.iter().filter_map(|f| number_of(f.as_ref())).max().map_or(1, |n| n.saturating_add(1))
}

/// A title as a file name: lower-case letters and digits (any script) joined by single hyphens,
/// at most 60 characters; [`DEFAULT_SLUG`] when nothing is left.
pub fn slug(title: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let room = MAX.saturating_sub(out.chars().count() + usize::from(!out.is_empty()));
        if room == 0 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.to_lowercase().chars().take(room));
    }
    if out.is_empty() { DEFAULT_SLUG.to_string() } else { out }
}

/// `NNNN-slug.md` for a record numbered `number` about `title`.
pub fn file_name(number: u32, title: Option<&str>) -> String {
    format!("{number:04}-{}.md", title.map_or_else(|| DEFAULT_SLUG.to_string(), slug))
}

/// How MADR names a record: `ADR-0007`.
pub fn label(number: u32) -> String {
    format!("ADR-{number:04}")
}

/// Whether `text` is a decision record backend-advisor wrote (it carries the record block).
pub fn is_record(text: &str) -> bool {
    let opening = format!("```{RECORD_FENCE}");
    text.lines().any(|l| l.trim_end() == opening)
}

/// The `status:` of a record's front matter, when it has one.
pub fn status(text: &str) -> Option<String> {
    front_matter(text)?
        .lines()
        .find_map(|l| l.strip_prefix("status:"))
        .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
}

/// Whether a record's status says another record superseded it.
pub fn is_superseded(text: &str) -> bool {
    status(text).is_some_and(|s| s.to_lowercase().starts_with("superseded"))
}

/// Whether a record no longer stands by its own status (superseded, rejected or deprecated in
/// MADR's words), so that re-checking it means nothing.
pub fn is_retired(text: &str) -> bool {
    status(text).is_some_and(|s| {
        let s = s.to_lowercase();
        ["superseded", "rejected", "deprecated"].iter().any(|w| s.starts_with(w))
    })
}

/// The front matter between the opening `---` line and the next one, without them.
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n").or_else(|| rest.strip_suffix("\n---").map(str::len))?;
    Some(&rest[..end])
}

/// `text` with its front matter's status set to `status` (a front matter is added when there
/// is none).
fn with_status(text: &str, status: &str) -> String {
    let line = format!("status: \"{status}\"");
    match front_matter(text) {
        Some(matter) => {
            let mut lines: Vec<String> = matter.lines().map(String::from).collect();
            match lines.iter().position(|l| l.starts_with("status:")) {
                Some(at) => lines[at] = line,
                None => lines.insert(0, line),
            }
            let body = &text["---\n".len() + matter.len()..];
            format!("---\n{}{body}", lines.join("\n"))
        }
        None => format!("---\n{line}\n---\n\n{text}"),
    }
}

/// `text` with `note` as a paragraph right after its first `# ` heading (or at the top).
fn with_note_after_heading(text: &str, note: &str) -> String {
    let mut out = String::with_capacity(text.len() + note.len() + 4);
    let mut placed = false;
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        if !placed && line.starts_with("# ") {
            if !line.ends_with('\n') {
                out.push('\n');
            }
            out.push('\n');
            out.push_str(note);
            out.push('\n');
            placed = true;
        }
    }
    if placed { out } else { format!("{note}\n\n{text}") }
}

/// The old record's text once `new_number` (in file `new_file`, a name in the same folder)
/// supersedes it: status `superseded by ADR-NNNN` and a link to its successor.
pub fn mark_superseded(old: &str, new_number: u32, new_file: &str) -> String {
    let status = format!("superseded by {}", label(new_number));
    let note = format!("> Superseded by [{}]({new_file}).", label(new_number));
    with_note_after_heading(&with_status(old, &status), &note)
}

/// The new record's text, linking to the record `old_number` (file `old_file`) it supersedes.
pub fn note_supersedes(new: &str, old_number: u32, old_file: &str) -> String {
    with_note_after_heading(new, &format!("> Supersedes [{}]({old_file}).", label(old_number)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "---\nstatus: proposed\ndate: 2026-12-04\n---\n\n# Use FastAPI\n\nBody\n\n```yaml backend-advisor-record\nversion: 0.1.0\n```\n";

    #[test]
    fn numbers_slugs_and_names() {
        let files: Vec<PathBuf> = ["0001-a.md", "0007-b.md", "notes.md", "12-x.md"].map(PathBuf::from).to_vec();
        assert_eq!(number_of(Path::new("0007-b.md")), Some(7));
        assert_eq!(number_of(Path::new("12-x.md")), None);
        assert_eq!(next_number(&files), 8);
        assert_eq!(next_number::<PathBuf>(&[]), 1);
        assert_eq!(slug("Billing API (v2)!"), "billing-api-v2");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("€€€"), DEFAULT_SLUG);
        assert_eq!(slug("Zahlungen für Überweisungen"), "zahlungen-für-überweisungen");
        assert_eq!(slug(&"x".repeat(300)).len(), 60);
        assert_eq!(number_of(Path::new("20240115-use-postgres.md")), None);
        assert_eq!(file_name(8, Some("Billing API")), "0008-billing-api.md");
    }

    #[test]
    fn superseding_sets_the_status_and_links_both_ways() {
        assert!(is_record(RECORD));
        assert_eq!(status(RECORD).as_deref(), Some("proposed"));
        let old = mark_superseded(RECORD, 9, "0009-billing.md");
        assert_eq!(status(&old).as_deref(), Some("superseded by ADR-0009"));
        assert!(is_superseded(&old));
        assert!(old.contains("# Use FastAPI\n\n> Superseded by [ADR-0009](0009-billing.md).\n"), "{old}");
        assert!(old.contains("date: 2026-12-04"));
        let new = note_supersedes(RECORD, 3, "0003-api.md");
        assert!(new.contains("# Use FastAPI\n\n> Supersedes [ADR-0003](0003-api.md).\n"), "{new}");
        assert!(!is_superseded(&new));
        let bare = mark_superseded("# Title\n", 2, "0002-x.md");
        assert!(bare.starts_with("---\nstatus: \"superseded by ADR-0002\"\n---\n"), "{bare}");
    }
}
