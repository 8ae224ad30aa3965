//! An organisation's technology radar as policy: a Build-Your-Own-Radar CSV
//! (`name,ring,quadrant,isNew,description`) or a Backstage tech-radar JSON file, read through the
//! guarded reader, its entries matched to the catalog's frameworks.
//!
//! Hold removes a framework from a ranking; Adopt, Trial and Assess are shown beside it, and Adopt
//! may count as organisational support in team familiarity (`docs/radar.md`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::Framework;
use crate::error::{Error, Origin, Problem, Result};
use crate::escape::is_refused;
use crate::suggest;

/// The most entries a radar may hold; real ones hold a few hundred.
pub const MAX_ENTRIES: usize = 10_000;

/// The longest name or description kept, in characters.
pub const MAX_FIELD_CHARS: usize = 4_000;

/// A radar ring, in the order an organisation moves a technology through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ring {
    /// Use it: the organisation's default.
    Adopt,
    /// Worth pursuing on projects that can handle the risk.
    Trial,
    /// Worth exploring to understand how it would affect the organisation.
    Assess,
    /// Do not start anything new with it.
    Hold,
}

impl Ring {
    /// Every ring, in order.
    pub const ALL: [Ring; 4] = [Ring::Adopt, Ring::Trial, Ring::Assess, Ring::Hold];

    /// The ring's id as radars write it, lower case.
    pub fn id(self) -> &'static str {
        match self {
            Ring::Adopt => "adopt",
            Ring::Trial => "trial",
            Ring::Assess => "assess",
            Ring::Hold => "hold",
        }
    }

    /// The ring's name as radars show it.
    pub fn label(self) -> &'static str {
        match self {
            Ring::Adopt => "Adopt",
            Ring::Trial => "Trial",
            Ring::Assess => "Assess",
            Ring::Hold => "Hold",
        }
    }

    /// A ring as written in a file, in any case.
    pub fn parse(text: &str) -> Option<Ring> {
        let wanted = text.trim().to_lowercase();
        Ring::ALL.into_iter().find(|r| r.id() == wanted)
    }
}

impl fmt::Display for Ring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One blip of the radar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The technology's name as the radar writes it.
    pub name: String,
    /// Its ring.
    pub ring: Ring,
    /// Its quadrant, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quadrant: Option<String>,
    /// Why it is in that ring, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The 1-based line of the file it is on.
    pub line: usize,
}

/// A radar read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Radar {
    /// The file's path as the user gave it.
    pub path: String,
    /// Its entries, in file order.
    pub entries: Vec<Entry>,
}

/// Where a framework stands on a radar: the JSON `radar` object of a ranking entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// The ring.
    pub ring: Ring,
    /// The name the radar gives it.
    pub name: String,
    /// The radar's description of it, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The radar file.
    pub radar: String,
    /// The line of the file the entry is on.
    pub line: usize,
}

impl Radar {
    /// Read a radar file through the guarded reader (as JSON when its name ends in `.json`, as CSV
    /// otherwise), then parse it: JSON when its text starts with `{`, a CSV otherwise.
    pub fn read(path: &Path) -> Result<Radar> {
        use crate::yaml::read::{self, Kind};
        let shown = path.display().to_string();
        let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let text = read::text(path, if is_json { Kind::Json } else { Kind::Csv })?;
        // JSON is parsed with the YAML reader (for positions), so it gets the YAML budgets too.
        if text.trim_start().starts_with('{') {
            read::yaml(&text, &shown, 0)?;
        }
        Radar::parse(&text, &shown)
    }

    /// Parse a radar's text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Radar> {
        let entries = if text.trim_start().starts_with('{') { parse_json(text, path)? } else { parse_csv(text, path)? };
        Ok(Radar { path: path.to_string(), entries })
    }

    /// The entry that names `framework` (by id or name, in any case, ignoring punctuation and a
    /// trailing `js`), if any; the last one wins when several do.
    pub fn entry_for(&self, framework: &Framework) -> Option<&Entry> {
        let keys = framework_keys(framework);
        self.entries.iter().rev().find(|e| name_keys(&e.name).iter().any(|k| keys.contains(k)))
    }

    /// Where `framework` stands on this radar, if it is on it.
    pub fn placement(&self, framework: &Framework) -> Option<Placement> {
        self.entry_for(framework).map(|e| Placement {
            ring: e.ring,
            name: e.name.clone(),
            description: e.description.clone(),
            radar: self.path.clone(),
            line: e.line,
        })
    }

    /// The names of entries that match none of `frameworks` (platforms, tools, languages), in file
    /// order, each once.
    pub fn unmatched<'a>(&self, frameworks: impl IntoIterator<Item = &'a Framework>) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for framework in frameworks {
            keys.extend(framework_keys(framework));
        }
        let mut names: Vec<String> = Vec::new();
        for entry in &self.entries {
            if !name_keys(&entry.name).iter().any(|k| keys.contains(k)) && !names.contains(&entry.name) {
                names.push(entry.name.clone());
            }
        }
        names
    }

    /// The reason a framework on Hold is left out, naming the radar, the ring and its description.
    pub fn hold_reason(placement: &Placement) -> String {
        let mut reason =
            format!("on Hold in the radar {} (line {}, '{}')", placement.radar, placement.line, placement.name);
        if let Some(description) = &placement.description {
            reason.push_str(": ");
            reason.push_str(&plain(description));
        }
        reason
    }
}

/// `text` with HTML tags (which radar descriptions often hold) removed and runs of white space
/// made one space: a radar description shown as a reason or a note.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case letters and digits only: `ASP.NET Core` and `aspnet-core` both become `aspnetcore`.
fn squash(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The forms a radar name is matched by: squashed, and without a trailing `js` (`Express.js`).
pub fn name_keys(name: &str) -> Vec<String> {
    let key = squash(name);
    let mut keys = vec![key.clone()];
    if let Some(stem) = key.strip_suffix("js").filter(|s| !s.is_empty()) {
        keys.push(stem.to_string());
    }
    keys
}

/// The forms a framework is matched by: its id's and its name's [`name_keys`].
pub fn framework_keys(framework: &Framework) -> Vec<String> {
    let mut keys = name_keys(&framework.id);
    keys.extend(name_keys(&framework.name));
    keys
}

fn problem(path: &str, line: Option<usize>, field: Option<String>, message: String, hint: Option<String>) -> Problem {
    Problem { origin: Origin::file(path, line.map(|l| (l, 1))), entry: None, field, message, hint }
}

/// A text field checked: no refused characters, at most [`MAX_FIELD_CHARS`]; empty becomes `None`.
fn field_text(value: &str, path: &str, line: usize, field: &str) -> std::result::Result<Option<String>, Box<Problem>> {
    if let Some(c) = value.chars().find(|&c| is_refused(c)) {
        return Err(Box::new(problem(
            path,
            Some(line),
            Some(field.into()),
            format!(
                "holds {}; radar text may hold line breaks and tabs, but no other control characters or bidirectional overrides",
                crate::escape::describe(c)
            ),
            Some("remove it: a terminal or a page would act on it".into()),
        )));
    }
    if value.chars().count() > MAX_FIELD_CHARS {
        return Err(Box::new(problem(
            path,
            Some(line),
            Some(field.into()),
            format!("is longer than {MAX_FIELD_CHARS} characters"),
            None,
        )));
    }
    let value = value.trim();
    Ok((!value.is_empty()).then(|| value.to_string()))
}

fn ring_problem(path: &str, line: Option<usize>, field: String, given: &str) -> Problem {
    let valid = Ring::ALL.map(Ring::id);
    let lower = given.trim().to_lowercase();
    let hint = suggest::closest(&lower, valid.iter().copied()).map_or_else(
        || "the rings are adopt, trial, assess and hold".to_string(),
        |best| format!("did you mean '{best}'? the rings are adopt, trial, assess and hold"),
    );
    problem(path, line, Some(field), format!("unknown ring '{given}'"), Some(hint))
}

fn too_many(path: &str, line: usize) -> Problem {
    problem(path, Some(line), None, format!("more than {MAX_ENTRIES} entries; a radar holds a few hundred"), None)
}

/// A Build-Your-Own-Radar CSV: a header row naming at least `name` and `ring` (any order, any
/// case), then one row an entry. Every problem is reported, not just the first.
fn parse_csv(text: &str, path: &str) -> Result<Vec<Entry>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::InvalidData(vec![problem(path, Some(1), None, format!("not a CSV: {e}"), None)]))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(name_at), Some(ring_at)) = (column("name"), column("ring")) else {
        return Err(Error::InvalidData(vec![problem(
            path,
            Some(1),
            None,
            "the first row must name the columns, with at least 'name' and 'ring'".into(),
            Some("a Build-Your-Own-Radar CSV starts with name,ring,quadrant,isNew,description".into()),
        )]));
    };
    let quadrant_at = column("quadrant");
    let description_at = column("description");
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(problem(path, Some(line), None, format!("not a CSV row: {e}"), None));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if entries.len() >= MAX_ENTRIES {
            problems.push(too_many(path, line));
            break;
        }
        let cell = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("");
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let checked = |at: Option<usize>, field: &str| field_text(cell(at), path, line, field);
        let (name, quadrant, description) = match (
            checked(Some(name_at), "name"),
            checked(quadrant_at, "quadrant"),
            checked(description_at, "description"),
        ) {
            (Ok(name), Ok(quadrant), Ok(description)) => (name, quadrant, description),
            (name, quadrant, description) => {
                problems.extend([name.err(), quadrant.err(), description.err()].into_iter().flatten().map(|p| *p));
                continue;
            }
        };
        let Some(name) = name else {
            problems.push(problem(path, Some(line), Some("name".into()), "the name is empty".into(), None));
            continue;
        };
        let written = cell(Some(ring_at));
        match Ring::parse(written) {
            Some(ring) => entries.push(Entry { name, ring, quadrant, description, line }),
            None => problems.push(ring_problem(path, Some(line), "ring".into(), &crate::escape::echoed(written))),
        }
    }
    if problems.is_empty() { Ok(entries) } else { Err(Error::InvalidData(problems)) }
}

/// Backstage tech-radar JSON, as its `TechRadarApi` loads it.
#[derive(Deserialize)]
struct BackstageRadar {
    #[serde(default)]
    rings: Vec<BackstageRing>,
    #[serde(default)]
    quadrants: Vec<BackstageQuadrant>,
    entries: Vec<BackstageEntry>,
}

#[derive(Deserialize)]
struct BackstageRing {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct BackstageQuadrant {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct BackstageEntry {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    quadrant: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    timeline: Vec<BackstageMove>,
}

#[derive(Deserialize)]
struct BackstageMove {
    #[serde(rename = "ringId")]
    ring_id: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

/// Backstage tech-radar JSON: `entries[]` with a `title` and a `timeline` of ring moves; the
/// newest move (by date; the first when undated) gives the ring, a ring id is looked up in
/// `rings[]` for its name. Parsed with the YAML reader, which reads JSON and knows positions.
fn parse_json(text: &str, path: &str) -> Result<Vec<Entry>> {
    let radar: BackstageRadar = serde_yaml::from_str(text)
        .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, text, path)]))?;
    let positions = crate::yaml::positions::Positions::index(text);
    let line_of = |field: &str| positions.value(field).map(|(line, _)| line);
    let ring_names: BTreeMap<&str, &str> =
        radar.rings.iter().map(|r| (r.id.as_str(), r.name.as_deref().unwrap_or(&r.id))).collect();
    let quadrant_names: BTreeMap<&str, &str> =
        radar.quadrants.iter().map(|q| (q.id.as_str(), q.name.as_deref().unwrap_or(&q.id))).collect();
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (i, entry) in radar.entries.iter().enumerate() {
        let at = format!("entries[{i}]");
        let line = line_of(&at).unwrap_or(0);
        if entries.len() >= MAX_ENTRIES {
            problems.push(too_many(path, line));
            break;
        }
        let Some(name) = entry.title.as_deref().or(entry.id.as_deref()) else {
            problems.push(problem(path, Some(line), Some(at), "an entry has neither a title nor an id".into(), None));
            continue;
        };
        let latest = entry.timeline.iter().enumerate().max_by(|(i, a), (j, b)| a.date.cmp(&b.date).then(j.cmp(i)));
        let Some((moved, latest)) = latest else {
            problems.push(problem(
                path,
                Some(line),
                Some(format!("{at}.timeline")),
                "the entry has no timeline, so no ring".into(),
                Some("add {\"ringId\": \"adopt\", \"date\": \"2026-01-01\"} to its timeline".into()),
            ));
            continue;
        };
        let ring_field = format!("{at}.timeline[{moved}].ringId");
        let ring_line = line_of(&ring_field).or(Some(line));
        let written = ring_names.get(latest.ring_id.as_str()).copied().unwrap_or(&latest.ring_id);
        let Some(ring) = Ring::parse(written).or_else(|| Ring::parse(&latest.ring_id)) else {
            problems.push(ring_problem(path, ring_line, ring_field, &crate::escape::echoed(written)));
            continue;
        };
        let quadrant = entry.quadrant.as_deref().map(|q| quadrant_names.get(q).copied().unwrap_or(q));
        let description = latest.description.as_deref().or(entry.description.as_deref());
        let checked = (
            field_text(name, path, line, &format!("{at}.title")),
            field_text(quadrant.unwrap_or(""), path, line, &format!("{at}.quadrant")),
            field_text(description.unwrap_or(""), path, line, &format!("{at}.description")),
        );
        match checked {
            (Ok(Some(name)), Ok(quadrant), Ok(description)) => {
                entries.push(Entry { name, ring, quadrant, description, line });
            }
            (Ok(None), ..) => {
                problems.push(problem(
                    path,
                    Some(line),
                    Some(format!("{at}.title")),
                    "the title is empty".into(),
                    None,
                ));
            }
            (name, quadrant, description) => {
                problems.extend([name.err(), quadrant.err(), description.err()].into_iter().flatten().map(|p| *p));
            }
        }
    }
    if problems.is_empty() { Ok(entries) } else { Err(Error::InvalidData(problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rings_quadrants_and_unknown_ring() {
        let text = "name,ring,quadrant,isNew,description\nDjango,Adopt,Frameworks,FALSE,Our default\nRails,hold,Frameworks,TRUE,<p>Moving off</p>\nKubernetes,trial,Platforms,FALSE,\n";
        let radar = Radar::parse(text, "radar.csv").expect("parses");
        assert_eq!(radar.entries.len(), 3);
        assert_eq!(radar.entries[1].ring, Ring::Hold);
        assert_eq!(radar.entries[1].line, 3);
        assert_eq!(radar.entries[2].description, None);
        let bad = "name,ring\nDjango,adopted\n";
        let error = Radar::parse(bad, "radar.csv").expect_err("unknown ring").to_string();
        assert!(error.contains("radar.csv:2"), "{error}");
        assert!(error.contains("unknown ring 'adopted'"), "{error}");
        assert!(error.contains("did you mean 'adopt'"), "{error}");
    }

    #[test]
    fn csv_refuses_escapes_and_needs_headers() {
        let error = Radar::parse("name,ring\nDjango\u{1b}[2J,adopt\n", "r.csv").expect_err("escape").to_string();
        assert!(error.contains("U+001B"), "{error}");
        assert!(!error.contains('\u{1b}'), "{error}");
        let error = Radar::parse("Django,adopt\n", "r.csv").expect_err("no header").to_string();
        assert!(error.contains("'name' and 'ring'"), "{error}");
    }

    #[test]
    fn backstage_json_takes_the_newest_move() {
        let text = r#"{
  "rings": [{"id": "adopt", "name": "ADOPT"}, {"id": "hold", "name": "HOLD"}],
  "quadrants": [{"id": "fw", "name": "Frameworks"}],
  "entries": [
    {"id": "spring", "title": "Spring Boot", "quadrant": "fw",
     "timeline": [{"ringId": "adopt", "date": "2020-01-01"}, {"ringId": "hold", "date": "2025-03-01", "description": "Replaced by Quarkus"}]}
  ]
}"#;
        let radar = Radar::parse(text, "radar.json").expect("parses");
        assert_eq!(radar.entries[0].ring, Ring::Hold);
        assert_eq!(radar.entries[0].quadrant.as_deref(), Some("Frameworks"));
        assert_eq!(radar.entries[0].description.as_deref(), Some("Replaced by Quarkus"));
        let bad = text.replace("\"hold\", \"date\"", "\"frozen\", \"date\"");
        let error = Radar::parse(&bad, "radar.json").expect_err("unknown ring").to_string();
        assert!(error.contains("radar.json:6"), "{error}");
        assert!(error.contains("unknown ring 'frozen'"), "{error}");
    }

    #[test]
    fn names_match_ignoring_case_punctuation_and_js() {
        for (radar, key) in [("ASP.NET Core", "aspnetcore"), ("Express.js", "express"), ("vert.x", "vertx")] {
            assert!(name_keys(radar).iter().any(|k| k == key), "{radar}");
        }
        assert_eq!(plain("<p>Use <b>it</b></p>"), "Use it");
    }
}
