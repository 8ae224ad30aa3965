//! Validation of catalog entries against the vocabulary: every problem of a file collected with
//! its position, entry and field, and a "did you mean" where a close valid value exists.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Deserialize;

use super::{Catalog, CatalogFile, Factor, Framework, Level, Vocabulary};
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;
use crate::yaml::problems::{likely_key, plain_words, unknown_key_hint};
use crate::yaml::read;

pub(super) fn vocabulary_of(file: &CatalogFile, source: &str) -> std::result::Result<Vocabulary, Vec<Problem>> {
    let missing = |section: &str| Problem {
        origin: Origin::file(source, None),
        entry: None,
        field: Some(section.to_string()),
        message: format!("the built-in catalog must define '{section}'"),
        hint: None,
    };
    let mut problems = Vec::new();
    let factors = file.factors.clone().unwrap_or_default();
    if factors.iter().map(|f| f.id).collect::<Vec<_>>() != Factor::ALL {
        problems.push(missing("factors"));
    }
    let sections = [("features", file.features.clone()), ("use_cases", file.use_cases.clone())];
    let mut terms = sections.map(|(name, list)| {
        let list = list.unwrap_or_default();
        if list.is_empty() {
            problems.push(missing(name));
        }
        list
    });
    let languages = file.languages.clone().unwrap_or_default();
    if languages.is_empty() {
        problems.push(missing("languages"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let [features, use_cases] = std::mem::take(&mut terms);
    Ok(Vocabulary { factors, features, use_cases, languages })
}

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

pub(super) fn is_year_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
        && matches!(text[5..].parse::<u8>(), Ok(1..=12))
}

/// Check every entry against the vocabulary; return them in vocabulary order or every problem.
pub fn validate(
    frameworks: Vec<Framework>,
    vocabulary: &Vocabulary,
    source: &str,
    positions: &Positions,
) -> std::result::Result<Vec<Framework>, Vec<Problem>> {
    validate_entries(frameworks.into_iter().enumerate().collect(), vocabulary, source, positions)
}

/// The entries of a file that does not deserialize as a whole, each deserialized on its own,
/// with a problem for every one that fails (except the entry `already` reported).
pub(super) fn entries_one_by_one(
    text: &str,
    source: &str,
    positions: &Positions,
    already: &[Problem],
) -> (Vec<(usize, Framework)>, Vec<Problem>) {
    #[derive(Deserialize)]
    struct Loose {
        #[serde(default)]
        frameworks: Vec<serde_yaml::Value>,
    }
    let Ok(loose) = serde_yaml::from_str::<Loose>(text) else { return (Vec::new(), Vec::new()) };
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (index, mut value) in loose.frameworks.into_iter().enumerate() {
        let label = value.get("id").and_then(serde_yaml::Value::as_str).map_or(format!("#{index}"), str::to_string);
        loop {
            let error = match Framework::deserialize(value.clone()) {
                Ok(framework) => {
                    entries.push((index, framework));
                    break;
                }
                Err(error) => error,
            };
            {
                let message = error.to_string();
                let base = format!("frameworks[{index}]");
                // "unknown field `x`" and "missing field `x`" name the field when it is one of the
                // entry's own (the message lists them); a key deeper down (`scores`, `examples`)
                // is not named by serde here, so those errors point at the entry.
                let top_level = message.contains("`use_when`");
                let field = ["unknown field `", "missing field `"]
                    .iter()
                    .find_map(|prefix| message.strip_prefix(prefix))
                    .and_then(|rest| rest.split('`').next())
                    .map(str::to_string)
                    .filter(|_| top_level || message.starts_with("missing"));
                let nested_unknown = message
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split('`').next())
                    .filter(|_| !top_level)
                    .and_then(|name| positions.key_named_under(&format!("{base}."), name));
                let position = match &field {
                    Some(field) if message.starts_with("unknown") => positions.key(&format!("{base}.{field}")),
                    _ => nested_unknown.or(positions.value(&base)),
                };
                let hint = unknown_key_hint(&message);
                let unknown = message.starts_with("unknown field") && top_level;
                let meant = likely_key(&message);
                let message = plain_words(&message);
                let reported = already
                    .iter()
                    .chain(&problems)
                    .any(|p| p.entry.as_deref() == Some(label.as_str()) && p.message == message);
                if !reported {
                    problems.push(Problem {
                        origin: Origin::file(source, position),
                        entry: Some(label.clone()),
                        field: field.clone().filter(|_| unknown),
                        message,
                        hint,
                    });
                }
                // An unknown key is read as the key it most likely meant (or set aside), so that the
                // rest of the entry is still checked and a typo does not also count as a missing key.
                let removed = match (unknown, field, value.as_mapping_mut()) {
                    (true, Some(field), Some(map)) => match map.remove(field.as_str()) {
                        Some(moved) => {
                            if let Some(meant) = meant.filter(|m| !map.contains_key(m.as_str())) {
                                map.insert(meant.into(), moved);
                            }
                            true
                        }
                        None => false,
                    },
                    _ => false,
                };
                if !removed {
                    break;
                }
            }
        }
    }
    (entries, problems)
}

pub(super) fn sort_by_position(problems: &mut [Problem]) {
    problems.sort_by_key(|p| match p.origin {
        Origin::File { line, column, .. } => (line.unwrap_or(0), column.unwrap_or(0)),
        _ => (0, 0),
    });
}

/// [`validate`] for entries that keep their index in the file (for positions).
pub(super) fn validate_entries(
    frameworks: Vec<(usize, Framework)>,
    vocabulary: &Vocabulary,
    source: &str,
    positions: &Positions,
) -> std::result::Result<Vec<Framework>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(frameworks.len());
    for (index, mut framework) in frameworks {
        let base = format!("frameworks[{index}]");
        let mut complain = |field: &str, at_key: bool, message: String, hint: Option<String>| {
            let path = format!("{base}.{field}");
            let position = if at_key { positions.key(&path) } else { positions.value(&path).or(positions.key(&path)) };
            problems.push(Problem {
                origin: Origin::file(source, position),
                entry: Some(if framework.id.is_empty() { format!("#{index}") } else { framework.id.clone() }),
                field: Some(field.to_string()),
                message,
                hint,
            });
        };
        let f = &framework;
        if !is_kebab(&f.id) {
            complain(
                "id",
                false,
                format!("id '{}' is not kebab-case (lowercase letters, digits and single hyphens)", f.id),
                None,
            );
        } else if let Some(&first) = first_seen.get(&f.id) {
            let other = positions.value(&format!("frameworks[{first}].id"));
            let also = other.map_or(String::new(), |(l, c)| format!(" (first defined at line {l}, column {c})"));
            complain(
                "id",
                false,
                format!("duplicate id '{}'{also}", f.id),
                Some("give each framework its own id".into()),
            );
        } else {
            first_seen.insert(f.id.clone(), index);
        }
        for (field, value) in [
            ("name", &f.name),
            ("summary", &f.summary),
            ("license", &f.license),
            ("latest_version", &f.latest_version),
            ("concurrency", &f.concurrency),
        ] {
            if value.trim().is_empty() {
                complain(field, false, "must not be empty".into(), None);
            }
        }
        if !(f.homepage.starts_with("https://") || f.homepage.starts_with("http://")) {
            complain("homepage", false, format!("'{}' is not an http(s) URL", f.homepage), None);
        }
        if !vocabulary.language_ids().any(|l| l == f.language) {
            complain(
                "language",
                false,
                format!("unknown language '{}'", f.language),
                Some(suggest::hint(&f.language, vocabulary.language_ids())),
            );
        }
        if !(1970..=2100).contains(&f.first_release) {
            complain(
                "first_release",
                false,
                format!("{} is not a plausible year (expected 1970-2100)", f.first_release),
                None,
            );
        }
        for factor in Factor::ALL {
            let rating = f.scores.get(factor);
            if !(1.0..=5.0).contains(&rating) || (rating * 2.0).fract() != 0.0 {
                complain(
                    &format!("scores.{}", factor.id()),
                    false,
                    format!("rating {rating} must be from 1 to 5 in half steps (1, 1.5, 2, … 5)"),
                    None,
                );
            }
            if f.rationale.get(factor).trim().is_empty() {
                complain(
                    &format!("rationale.{}", factor.id()),
                    false,
                    "every rating needs a rationale citing its evidence".into(),
                    None,
                );
            }
        }
        let mut levels: BTreeMap<&str, Level> = BTreeMap::new();
        for (feature, level) in &f.features.0 {
            if !vocabulary.feature_ids().any(|id| id == feature) {
                complain(
                    &format!("features.{feature}"),
                    true,
                    format!("unknown feature '{feature}'"),
                    Some(suggest::hint(feature, vocabulary.feature_ids())),
                );
            } else if levels.insert(feature, *level).is_some() {
                complain(&format!("features.{feature}"), true, format!("feature '{feature}' is given twice"), None);
            }
        }
        let missing: Vec<&str> = vocabulary.feature_ids().filter(|id| !levels.contains_key(id)).collect();
        if !missing.is_empty() {
            complain(
                "features",
                true,
                format!("missing the support level of: {}", missing.join(", ")),
                Some("every vocabulary feature needs builtin, official, community or none".into()),
            );
        }
        for (field, list, least) in
            [("pros", &f.pros, 3), ("cons", &f.cons, 2), ("use_when", &f.use_when, 2), ("best_for", &f.best_for, 1)]
        {
            if list.len() < least {
                complain(field, true, format!("needs at least {least} item(s), found {}", list.len()), None);
            }
            if let Some(i) = list.iter().position(|item| item.trim().is_empty()) {
                complain(&format!("{field}[{i}]"), false, "must not be empty".into(), None);
            }
        }
        for (i, tag) in f.best_for.iter().enumerate() {
            if !vocabulary.use_case_ids().any(|u| u == tag) {
                complain(
                    &format!("best_for[{i}]"),
                    false,
                    format!("unknown use case '{tag}'"),
                    Some(suggest::hint(tag, vocabulary.use_case_ids())),
                );
            }
        }
        if !is_year_month(&f.reviewed) {
            complain("reviewed", false, format!("'{}' is not a YYYY-MM month", f.reviewed), None);
        }
        let order: Vec<&str> = vocabulary.feature_ids().collect();
        framework.features.0.sort_by_key(|(id, _)| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
        out.push(framework);
    }
    sort_by_position(&mut problems);
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Check files as catalog layers and return what is wrong with each (empty when all are valid):
/// invalid data with every problem, or an unreadable file.
/// Every file is checked even when an earlier one is unreadable, so that one run reports all.
pub fn validate_files(paths: &[PathBuf]) -> Result<Vec<Error>> {
    let catalog = Catalog::builtin()?;
    Ok(paths
        .iter()
        .filter_map(|path| {
            read::read_text(path).and_then(|text| catalog.parse_layer(&text, &path.display().to_string())).err()
        })
        .collect())
}
