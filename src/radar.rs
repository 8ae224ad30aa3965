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

/// The longest name or description accepted, in characters: radar descriptions are often whole
/// HTML paragraphs, and the file's own size limit bounds the rest.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// The most characters of a description a reason or note quotes; the rest is cut with `…`.
pub const QUOTED_CHARS: usize = 200;

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
    /// Other names it is matched by: a Backstage entry's `id` and `key`.
    #[serde(skip)]
    pub aliases: Vec<String>,
    /// The CSV row as written (every column), so that writing the radar back keeps it.
    #[serde(skip)]
    pub cells: Vec<String>,
}

/// A radar read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Radar {
    /// The file's path as the user gave it.
    pub path: String,
    /// Its entries, in file order.
    pub entries: Vec<Entry>,
    /// A CSV radar's header row as written (empty for JSON).
    pub header: Vec<String>,
}

/// An entry that names no framework but looks like one: a misspelling or a variant of a
/// framework's name the matching rules do not cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The entry's name.
    pub entry: String,
    /// Its ring.
    pub ring: Ring,
    /// The framework it probably means, by id.
    pub did_you_mean: String,
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

    /// Parse a radar's text; `path` names it in errors. A byte-order mark is ignored and CRLF
    /// line ends (spreadsheet exports) read as LF.
    pub fn parse(text: &str, path: &str) -> Result<Radar> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = text.replace("\r\n", "\n");
        let first = text.trim_start().chars().next();
        if matches!(first, Some('{' | '[')) {
            Ok(Radar { path: path.to_string(), entries: parse_json(&text, path)?, header: Vec::new() })
        } else {
            let (header, entries) = parse_csv(&text, path)?;
            Ok(Radar { path: path.to_string(), entries, header })
        }
    }

    /// The entry that names `framework` (by id or name, in any case, ignoring punctuation, a
    /// trailing `js` and a trailing version), if any; the last one wins when several do.
    pub fn entry_for(&self, framework: &Framework) -> Option<&Entry> {
        let keys = framework_keys(framework);
        self.entries.iter().rev().find(|e| e.names(&keys))
    }

    /// Entries that match no framework but look like one of `frameworks` (the name contains a
    /// framework's name or is contained in it, such as `Actix` for Actix Web), each with the
    /// framework it probably means.
    pub fn suggestions<'a>(&self, frameworks: impl IntoIterator<Item = &'a Framework> + Clone) -> Vec<Suggestion> {
        let unmatched = self.unmatched(frameworks.clone());
        let mut found = Vec::new();
        for entry in self.entries.iter().filter(|e| unmatched.contains(&e.name)) {
            let wanted = squash(&strip_version(&entry.name));
            if wanted.len() < 3 {
                continue;
            }
            let close: Vec<&Framework> = frameworks
                .clone()
                .into_iter()
                .filter(|f| {
                    framework_keys(f)
                        .iter()
                        .any(|k| k.len() >= 3 && (k.contains(&wanted) || wanted.contains(k.as_str())))
                })
                .collect();
            if let [framework] = close.as_slice()
                && !found.iter().any(|s: &Suggestion| s.entry == entry.name)
            {
                found.push(Suggestion {
                    entry: entry.name.clone(),
                    ring: entry.ring,
                    did_you_mean: framework.id.to_string(),
                });
            }
        }
        found
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
            if !entry.names(&keys) && !names.contains(&entry.name) {
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
            let text = plain(description);
            reason.push_str(": ");
            reason.extend(text.chars().take(QUOTED_CHARS));
            if text.chars().count() > QUOTED_CHARS {
                reason.push('…');
            }
        }
        reason
    }
}

impl Entry {
    /// Whether this entry names the framework whose [`framework_keys`] are `keys`.
    fn names(&self, keys: &[String]) -> bool {
        std::iter::once(&self.name).chain(&self.aliases).any(|n| name_keys(n).iter().any(|k| keys.contains(k)))
    }
}

/// `text` with HTML tags (which radar descriptions often hold) removed, the common entities
/// decoded and runs of white space made one space: a radar description shown as a reason or note.
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
    decode_entities(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML character references decoded: the named ones radar descriptions use, and numeric ones
/// (a decoded character the text may not hold, such as ESC, becomes U+FFFD).
fn decode_entities(text: &str) -> String {
    const NAMED: [(&str, char); 10] = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", ' '),
        ("mdash", '—'),
        ("ndash", '–'),
        ("hellip", '…'),
        ("rsquo", '’'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[..e];
            let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
            let c = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
                Some(decimal) => number(decimal, 10),
                None => NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c),
            }?;
            Some((if is_refused(c) { '\u{fffd}' } else { c }, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name without a trailing version (`Spring Boot 3`, `Symfony 7.1`, `Rails v8`).
fn strip_version(name: &str) -> String {
    let trimmed = name.trim();
    match trimmed.rsplit_once(' ') {
        Some((stem, last))
            if !stem.trim().is_empty()
                && last.trim_start_matches(['v', 'V']).chars().all(|c| c.is_ascii_digit() || c == '.')
                && last.chars().any(|c| c.is_ascii_digit()) =>
        {
            stem.trim().to_string()
        }
        _ => trimmed.to_string(),
    }
}

/// Lower-case letters and digits only: `ASP.NET Core` and `aspnet-core` both become `aspnetcore`.
fn squash(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The forms a radar name is matched by: squashed, without a trailing version (`Spring Boot 3`),
/// and without a trailing `js` (`Express.js`).
pub fn name_keys(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for key in [squash(name), squash(&strip_version(name))] {
        if let Some(stem) = key.strip_suffix("js").filter(|s| !s.is_empty()) {
            keys.push(stem.to_string());
        }
        if !key.is_empty() {
            keys.push(key);
        }
    }
    keys.dedup();
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

/// The 1-based line of a byte offset of `text`.
fn line_at(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A Build-Your-Own-Radar CSV: a header row naming at least `name` and `ring` (any order, any
/// case), then one row an entry. Every problem is reported, not just the first. Returns the
/// header as written and the entries.
fn parse_csv(text: &str, path: &str) -> Result<(Vec<String>, Vec<Entry>)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::InvalidData(vec![problem(path, Some(1), None, format!("not a CSV: {e}"), None)]))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(name_at), Some(ring_at)) = (column("name"), column("ring")) else {
        let separator = if headers.len() == 1 && headers.iter().any(|h| h.contains(';')) {
            " (the columns seem separated by ';': save it with commas)"
        } else {
            ""
        };
        return Err(Error::InvalidData(vec![problem(
            path,
            Some(1),
            None,
            format!("the first row must name the columns, with at least 'name' and 'ring'{separator}"),
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
                let line = e.position().map_or(0, |p| line_at(text, p.byte() as usize));
                problems.push(problem(path, Some(line), None, format!("not a CSV row: {e}"), None));
                break;
            }
        };
        let line = record.position().map_or(0, |p| line_at(text, p.byte() as usize));
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
            Some(ring) => entries.push(Entry {
                name,
                ring,
                quadrant,
                description,
                line,
                aliases: Vec::new(),
                cells: record.iter().map(String::from).collect(),
            }),
            None => problems.push(ring_problem(path, Some(line), "ring".into(), &crate::escape::echoed(written))),
        }
    }
    let header = headers.iter().map(String::from).collect();
    if problems.is_empty() { Ok((header, entries)) } else { Err(Error::InvalidData(problems)) }
}

/// Backstage tech-radar JSON, as its `TechRadarApi` loads it, or its `entries` list alone.
#[derive(Deserialize)]
#[serde(untagged)]
enum BackstageFile {
    Radar(BackstageRadar),
    Entries(Vec<BackstageEntry>),
}

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
    key: Option<String>,
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

/// Whether `text` is a calendar date `YYYY-MM-DD` (a time may follow, as ISO 8601 writes it).
fn is_date(text: &str) -> bool {
    let date = text.get(..10).unwrap_or("");
    let rest = text.get(10..).unwrap_or("");
    let b = date.as_bytes();
    date.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        && (rest.is_empty() || rest.starts_with('T'))
}

/// Backstage tech-radar JSON: `entries[]` (or a bare list of entries) with a `title` and a
/// `timeline` of ring moves; the newest move (by date; the first when undated) gives the ring, a
/// ring id is looked up in `rings[]` for its name, and the entry's `id` and `key` also name it.
/// Parsed with the YAML reader, which reads JSON and knows positions.
fn parse_json(text: &str, path: &str) -> Result<Vec<Entry>> {
    let file: BackstageFile = serde_yaml::from_str(text)
        .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, text, path)]))?;
    let (radar, prefix) = match file {
        BackstageFile::Radar(radar) => (radar, "entries"),
        BackstageFile::Entries(entries) => (BackstageRadar { rings: Vec::new(), quadrants: Vec::new(), entries }, ""),
    };
    let positions = crate::yaml::positions::Positions::index(text);
    let line_of = |field: &str| positions.value(field).map(|(line, _)| line);
    let ring_names: BTreeMap<&str, &str> =
        radar.rings.iter().map(|r| (r.id.as_str(), r.name.as_deref().unwrap_or(&r.id))).collect();
    let quadrant_names: BTreeMap<&str, &str> =
        radar.quadrants.iter().map(|q| (q.id.as_str(), q.name.as_deref().unwrap_or(&q.id))).collect();
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (i, entry) in radar.entries.iter().enumerate() {
        let at = format!("{prefix}[{i}]");
        let line = line_of(&at).unwrap_or(0);
        if entries.len() >= MAX_ENTRIES {
            problems.push(too_many(path, line));
            break;
        }
        let Some(name) = entry.title.as_deref().or(entry.id.as_deref()) else {
            problems.push(problem(path, Some(line), Some(at), "an entry has neither a title nor an id".into(), None));
            continue;
        };
        if let Some((m, bad)) =
            entry.timeline.iter().enumerate().find(|(_, m)| m.date.as_deref().is_some_and(|d| !is_date(d)))
        {
            let field = format!("{at}.timeline[{m}].date");
            problems.push(problem(
                path,
                line_of(&field).or(Some(line)),
                Some(field),
                format!("'{}' is not a date", crate::escape::echoed(bad.date.as_deref().unwrap_or(""))),
                Some("write it YYYY-MM-DD, e.g. 2026-01-31".into()),
            ));
            continue;
        }
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
        let mut aliases = Vec::new();
        for (alias, field) in [(&entry.id, "id"), (&entry.key, "key")] {
            match alias.as_deref().map(|a| field_text(a, path, line, &format!("{at}.{field}"))) {
                Some(Ok(Some(alias))) => aliases.push(alias),
                Some(Err(p)) => problems.push(*p),
                _ => {}
            }
        }
        match checked {
            (Ok(Some(name)), Ok(quadrant), Ok(description)) => {
                entries.push(Entry { name, ring, quadrant, description, line, aliases, cells: Vec::new() });
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
    fn crlf_bom_entities_versions_and_bare_lists() {
        let text = "\u{feff}name,ring,description\r\nDjango,hold,\"Tom &amp; Jerry&#39;s &mdash; \r\nnext\"\r\nRails,Adpot,\r\n";
        let error = Radar::parse(text, "r.csv").expect_err("bad ring").to_string();
        assert!(error.contains("r.csv:4"), "{error}");
        let radar = Radar::parse(&text.replace("Adpot", "adopt"), "r.csv").expect("parses");
        assert_eq!(radar.entries[1].line, 4);
        assert_eq!(plain(radar.entries[0].description.as_deref().unwrap_or("")), "Tom & Jerry's — next");
        assert!(name_keys("Spring Boot 3").contains(&"springboot".to_string()));
        let list =
            r#"[{"id": "spring-boot", "title": "Spring", "timeline": [{"ringId": "hold", "date": "2025-01-01"}]}]"#;
        let radar = Radar::parse(list, "r.json").expect("a bare list");
        assert_eq!(radar.entries[0].aliases, ["spring-boot"]);
        let bad = list.replace("2025-01-01", "not a date");
        assert!(Radar::parse(&bad, "r.json").expect_err("date").to_string().contains("is not a date"));
    }

    #[test]
    fn names_match_ignoring_case_punctuation_and_js() {
        for (radar, key) in [("ASP.NET Core", "aspnetcore"), ("Express.js", "express"), ("vert.x", "vertx")] {
            assert!(name_keys(radar).iter().any(|k| k == key), "{radar}");
        }
        assert_eq!(plain("<p>Use <b>it</b></p>"), "Use it");
    }
}
