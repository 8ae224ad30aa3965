//! `recommend --format radar`: the decision written back as Build-Your-Own-Radar CSV, the chosen
//! framework in Adopt with a description naming the decision, so that the radar and the decision
//! stay in step. With a CSV `--radar FILE`, every row and column of it is kept as written and only
//! the chosen framework's rows change; a JSON radar's entries are written as CSV rows.

use super::csv::inert;
use crate::catalog::Framework;
use crate::error::Result;
use crate::radar::{Entry, Radar, Ring, framework_keys, name_keys};

/// The quadrant a framework is added to when the radar has no entry for it.
pub const QUADRANT: &str = "Languages & Frameworks";

/// The columns written when the radar has no header of its own (JSON, or no radar).
const COLUMNS: [&str; 5] = ["name", "ring", "quadrant", "isNew", "description"];

/// The radar `radar` (or an empty one) with `chosen` moved to Adopt, or added there. A row that
/// moves gets `description` and `isNew` TRUE; a row already in Adopt keeps its ring and `isNew`
/// and gets `description` after its own.
pub fn adopt(radar: Option<&Radar>, chosen: &Framework, description: &str) -> Result<String> {
    let keys = framework_keys(chosen);
    let is_chosen = |entry: &Entry| name_keys(&entry.name).iter().any(|k| keys.contains(k));
    let header: Vec<String> = match radar {
        Some(radar) if !radar.header.is_empty() => radar.header.clone(),
        _ => COLUMNS.map(String::from).to_vec(),
    };
    let column = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut found = false;
    for entry in radar.map(|r| r.entries.as_slice()).unwrap_or_default() {
        let mut row = if entry.cells.is_empty() { row_of(entry, &header) } else { entry.cells.clone() };
        row.resize(header.len().max(row.len()), String::new());
        if is_chosen(entry) {
            found = true;
            let set = |row: &mut Vec<String>, name: &str, value: String| {
                if let Some(at) = column(name) {
                    row[at] = value;
                }
            };
            if entry.ring == Ring::Adopt {
                let own = column("description").map(|at| row[at].trim().to_string()).unwrap_or_default();
                let text = if own.is_empty() { description.to_string() } else { format!("{own} {description}") };
                set(&mut row, "description", text);
            } else {
                let written = column("ring").map(|at| row[at].clone()).unwrap_or_default();
                set(&mut row, "ring", same_case(&written, Ring::Adopt));
                set(&mut row, "isNew", "TRUE".into());
                set(&mut row, "description", description.to_string());
            }
        }
        rows.push(row);
    }
    if !found {
        let entry = Entry {
            name: chosen.name.to_string(),
            ring: Ring::Adopt,
            quadrant: Some(QUADRANT.into()),
            description: Some(description.into()),
            line: 0,
            aliases: Vec::new(),
            cells: Vec::new(),
        };
        let mut row = row_of(&entry, &header);
        if let Some(at) = column("isNew") {
            row[at] = "TRUE".into();
        }
        rows.push(row);
    }
    let mut writer = ::csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let fail = |e: ::csv::Error| super::json::failure(&e.to_string());
    writer.write_record(header.iter().map(|h| inert(h).into_owned())).map_err(fail)?;
    for row in &rows {
        writer.write_record(row.iter().map(|cell| inert(cell).into_owned())).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| super::json::failure(&e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| super::json::failure(&e.to_string()))
}

/// An entry as a row under `header`: its name, ring, quadrant and description in their columns,
/// `isNew` FALSE, other columns empty.
fn row_of(entry: &Entry, header: &[String]) -> Vec<String> {
    header
        .iter()
        .map(|h| match h.trim().to_ascii_lowercase().as_str() {
            "name" => entry.name.clone(),
            "ring" => entry.ring.label().to_string(),
            "quadrant" => entry.quadrant.clone().unwrap_or_else(|| QUADRANT.into()),
            "isnew" => "FALSE".into(),
            "description" => entry.description.clone().unwrap_or_default(),
            _ => String::new(),
        })
        .collect()
}

/// `ring` written in the case of `written` (all lower, all upper, or capitalised).
fn same_case(written: &str, ring: Ring) -> String {
    let written = written.trim();
    if !written.is_empty() && written.chars().all(|c| c.is_lowercase()) {
        ring.id().to_string()
    } else if !written.is_empty() && written.chars().all(|c| c.is_uppercase()) {
        ring.id().to_uppercase()
    } else {
        ring.label().to_string()
    }
}
