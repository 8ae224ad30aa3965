//! Validation of catalog entries against the vocabulary: every problem of a file collected with
//! its position, entry and field, and a "did you mean" where a close valid value exists.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde::Deserialize;

use super::{Catalog, CatalogFile, Factor, Framework, Level, Package, Source, Term, Vocabulary, rules};
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;
use crate::yaml::problems::{likely_key, plain_words, unknown_key_hint};
use crate::yaml::read;

/// The vocabulary of the built-in file, every section present and every use case's `needs`
/// naming known features with importances of 0 to 5.
pub(super) fn vocabulary_of(
    file: &CatalogFile,
    source: &str,
    positions: &Positions,
) -> std::result::Result<Vocabulary, Vec<Problem>> {
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
    problems.extend(needs_problems(&features, &use_cases, source, positions));
    let sources = file.sources.clone().unwrap_or_default();
    let levels = file.levels.clone().unwrap_or_default();
    if levels.iter().map(|t| t.id.as_str()).ne(Level::ALL.iter().map(|l| l.id())) {
        problems.push(missing("levels"));
    }
    let procedure = file.procedure.clone().unwrap_or_default();
    if procedure.is_empty() {
        problems.push(missing("procedure"));
    }
    let reviewed = file.reviewed.clone().unwrap_or_default();
    if sources.is_empty() {
        problems.push(missing("sources"));
    }
    if !is_date(&reviewed) {
        problems.push(missing("reviewed"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Vocabulary {
        factors: factors.into(),
        features: features.into(),
        use_cases: use_cases.into(),
        languages: languages.into(),
        sources: sources.into(),
        levels: levels.into(),
        procedure: procedure.into(),
        reviewed: reviewed.into(),
    })
}

/// What is wrong with the use cases' `needs`: missing, a feature the vocabulary does not
/// define, or an importance above 5.
fn needs_problems(features: &[Term], use_cases: &[Term], source: &str, positions: &Positions) -> Vec<Problem> {
    let mut problems = Vec::new();
    let feature_ids = || features.iter().map(|f| f.id.as_str());
    for (i, use_case) in use_cases.iter().enumerate() {
        let at = format!("use_cases[{i}]");
        let mut complain = |path: &str, message: String, hint: Option<String>| {
            problems.push(Problem {
                origin: Origin::file(source, positions.value(path).or(positions.key(path))),
                entry: Some(use_case.id.to_string()),
                field: Some(path.to_string()),
                message,
                hint,
            })
        };
        let Some(needs) = &use_case.needs else {
            complain(
                &at,
                format!("use case '{}' does not say what it needs", use_case.id),
                Some("add `needs: {features: [...], importance: {performance: N, ...}}` (docs/model.md)".into()),
            );
            continue;
        };
        if needs.features.is_empty() {
            complain(&format!("{at}.needs.features"), "names no feature".into(), None);
        }
        for (j, need) in needs.features.iter().enumerate() {
            // `aot|edge`: one need that either feature meets.
            for feature in need.split('|') {
                if !feature_ids().any(|f| f == feature) {
                    complain(
                        &format!("{at}.needs.features[{j}]"),
                        format!("unknown feature '{feature}'"),
                        Some(suggest::hint(feature, feature_ids())),
                    );
                }
            }
        }
        for factor in Factor::ALL {
            let value = needs.importance.get(factor);
            if value > 5 {
                complain(
                    &format!("{at}.needs.importance.{}", factor.id()),
                    format!("importance {value} is out of range"),
                    Some("expected 0 (ignore) to 5 (critical)".into()),
                );
            }
        }
    }
    problems
}

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Check every entry against the vocabulary; return them in vocabulary order or every problem.
pub fn validate(
    frameworks: Vec<Framework>,
    vocabulary: &Vocabulary,
    extra: &[Source],
    source: &str,
    positions: &Positions,
) -> std::result::Result<Vec<Framework>, Vec<Problem>> {
    validate_entries(frameworks.into_iter().enumerate().collect(), vocabulary, extra, source, positions)
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
    // (entry, message) already reported, looked up by hash so that validation stays linear.
    let mut seen: HashSet<(String, String)> =
        already.iter().filter_map(|p| Some((p.entry.clone()?, p.message.clone()))).collect();
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
                // serde stops at the first missing key; every other one is named too, so that one
                // run reports them all.
                let messages = match value.as_mapping().filter(|_| message.starts_with("missing field `")) {
                    Some(map) => REQUIRED_KEYS
                        .iter()
                        .filter(|key| !map.contains_key(**key))
                        .map(|key| format!("missing field `{key}`"))
                        .collect(),
                    None => vec![plain_words(&message)],
                };
                for message in messages {
                    if seen.insert((label.clone(), message.clone())) {
                        problems.push(Problem {
                            origin: Origin::file(source, position),
                            entry: Some(label.clone()),
                            field: field.clone().filter(|_| unknown),
                            message,
                            hint: hint.clone(),
                        });
                    }
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

/// The keys every framework entry must have (the fields of [`Framework`] without a serde default).
const REQUIRED_KEYS: [&str; 16] = [
    "id",
    "name",
    "languages",
    "kind",
    "summary",
    "homepage",
    "facts",
    "concurrency",
    "scores",
    "rationale",
    "features",
    "pros",
    "cons",
    "use_cases",
    "use_when",
    "reviewed",
];

pub(super) fn sort_by_position(problems: &mut [Problem]) {
    problems.sort_by_key(|p| match p.origin {
        Origin::File { line, column, .. } => (line.unwrap_or(0), column.unwrap_or(0)),
        _ => (0, 0),
    });
}

/// [`validate`] for entries that keep their index in the file (for positions). `extra` are the
/// sources the file itself adds to the vocabulary's.
pub(super) fn validate_entries(
    frameworks: Vec<(usize, Framework)>,
    vocabulary: &Vocabulary,
    extra: &[Source],
    source: &str,
    positions: &Positions,
) -> std::result::Result<Vec<Framework>, Vec<Problem>> {
    let known: HashSet<&str> = vocabulary.sources.iter().chain(extra).map(|s| s.id.as_str()).collect();
    let known_sources = || vocabulary.sources.iter().chain(extra).map(|s| s.id.as_str());
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
                entry: Some(if framework.id.is_empty() { format!("#{index}") } else { framework.id.to_string() }),
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
        } else if let Some(&first) = first_seen.get(f.id.as_str()) {
            let other = positions.value(&format!("frameworks[{first}].id"));
            let also = other.map_or(String::new(), |(l, c)| format!(" (first defined at line {l}, column {c})"));
            complain(
                "id",
                false,
                format!("duplicate id '{}'{also}", f.id),
                Some("give each framework its own id".into()),
            );
        } else {
            first_seen.insert(f.id.to_string(), index);
        }
        for (field, value) in [
            ("name", &f.name),
            ("summary", &f.summary),
            ("facts.license.value", &f.facts.license.value),
            ("facts.latest_release.version", &f.facts.latest_release.version),
            ("concurrency", &f.concurrency),
        ] {
            if value.trim().is_empty() {
                complain(field, false, "must not be empty".into(), None);
            }
        }
        if !is_http_url(&f.homepage) {
            complain("homepage", false, format!("'{}' is not an http(s) URL", f.homepage), None);
        }
        if f.languages.is_empty() {
            complain("languages", true, "needs at least one language, the primary first".into(), None);
        }
        for (i, language) in f.languages.iter().enumerate() {
            if !vocabulary.language_ids().any(|l| l == language) {
                complain(
                    &format!("languages[{i}]"),
                    false,
                    format!("unknown language '{language}'"),
                    Some(suggest::hint(language, vocabulary.language_ids())),
                );
            } else if f.languages[..i].contains(language) {
                complain(&format!("languages[{i}]"), false, format!("language '{language}' is given twice"), None);
            }
        }
        if let Some(package) = &f.package
            && !REGISTRIES.contains(&package.registry.as_str())
        {
            complain(
                "package.registry",
                false,
                format!("unknown registry '{}'", package.registry),
                Some(suggest::hint(&package.registry, REGISTRIES.iter().copied())),
            );
        }
        for (field, date) in f.facts.dates() {
            if !is_date(date) {
                complain(field, false, format!("'{date}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"), None);
            }
        }
        let mut cited: Vec<(String, &str)> =
            f.facts.citations().into_iter().map(|(field, id)| (field.to_string(), id)).collect();
        for factor in Factor::ALL {
            let rating = f.scores.get(factor);
            if !(1.0..=5.0).contains(&rating) || (rating * 2.0).fract() != 0.0 {
                complain(
                    &format!("scores.{}", factor.id()),
                    false,
                    format!("rating {rating} must be from 1 to 5 in half steps (1, 1.5, 2, … 5)"),
                    None,
                );
            } else if let Some(derived) = rules::derived(f, factor)
                && derived != rating
            {
                complain(
                    &format!("scores.{}", factor.id()),
                    false,
                    format!("rating {rating} disagrees with the rule for its facts, which gives {derived}"),
                    Some(format!(
                        "rate it {derived}, or remove the facts that measure {} to judge it instead",
                        factor.id()
                    )),
                );
            }
            let rationale = f.rationale.get(factor);
            if rationale.trim().is_empty() {
                complain(
                    &format!("rationale.{}", factor.id()),
                    false,
                    "every rating needs a rationale citing its evidence".into(),
                    None,
                );
            }
            cited.extend(citations(rationale).map(|id| (format!("rationale.{}", factor.id()), id)));
        }
        let mut seen_features: HashSet<&str> = HashSet::new();
        for (feature, support) in &f.features.0 {
            if !vocabulary.feature_ids().any(|id| id == feature) {
                complain(
                    &format!("features.{feature}"),
                    true,
                    format!("unknown feature '{feature}'"),
                    Some(suggest::hint(feature, vocabulary.feature_ids())),
                );
            } else if !seen_features.insert(feature) {
                complain(&format!("features.{feature}"), true, format!("feature '{feature}' is given twice"), None);
            }
            if let Some((field, message, hint)) = level_problem(f, support) {
                match field {
                    // Something missing: point at the cell.
                    "" => complain(&format!("features.{feature}"), true, message, hint),
                    _ => complain(&format!("features.{feature}.{field}"), false, message, hint),
                }
            }
            if let Some(docs) = &support.docs
                && !is_http_url(docs)
            {
                complain(&format!("features.{feature}.docs"), false, format!("'{docs}' is not an http(s) URL"), None);
            }
            cited.extend(support.source.as_deref().map(|id| (format!("features.{feature}.source"), id)));
        }
        let missing: Vec<&str> = vocabulary.feature_ids().filter(|id| !seen_features.contains(id)).collect();
        if !missing.is_empty() {
            complain(
                "features",
                true,
                format!("missing the support level of: {}", missing.join(", ")),
                Some("every vocabulary feature needs builtin, official, community or none".into()),
            );
        }
        for (field, list, least) in [("pros", &f.pros, 3), ("cons", &f.cons, 2), ("use_when", &f.use_when, 2)] {
            if list.len() < least {
                complain(field, true, format!("needs at least {least} item(s), found {}", list.len()), None);
            }
            if let Some(i) = list.iter().position(|item| item.trim().is_empty()) {
                complain(&format!("{field}[{i}]"), false, "must not be empty".into(), None);
            }
        }
        if f.use_cases.all().next().is_none() {
            complain("use_cases", true, "needs at least one use case, strong or good".into(), None);
        }
        for (strength, tags) in [("strong", &f.use_cases.strong), ("good", &f.use_cases.good)] {
            for (i, tag) in tags.iter().enumerate() {
                let field = format!("use_cases.{strength}[{i}]");
                if !vocabulary.use_case_ids().any(|u| u == tag) {
                    complain(
                        &field,
                        false,
                        format!("unknown use case '{tag}'"),
                        Some(suggest::hint(tag, vocabulary.use_case_ids())),
                    );
                } else if strength == "good" && f.use_cases.strong.contains(tag) {
                    complain(&field, false, format!("'{tag}' is both strong and good"), None);
                }
            }
        }
        let tags = f.use_cases.all().count();
        if tags > MAX_USE_CASES {
            complain(
                "use_cases",
                true,
                format!(
                    "tagged for {tags} use cases; at most {MAX_USE_CASES} of the {} may be",
                    vocabulary.use_cases.len()
                ),
                Some("keep the tags whose criterion (use_cases[].fit) the evidence meets best".into()),
            );
        }
        if !f.use_cases.evidence.is_empty() {
            // An unknown tag is reported as such above; only a known one needs its evidence.
            for tag in f.use_cases.all().filter(|t| vocabulary.use_case_ids().any(|u| u == t.as_str())) {
                if f.use_cases.evidence_for(tag).is_none() {
                    complain(
                        "use_cases.evidence",
                        true,
                        format!("the tag '{tag}' cites no evidence"),
                        Some(format!("add {{id: {tag}, why: ..., source: ...}} saying what of its criterion it meets")),
                    );
                }
            }
        }
        for (i, evidence) in f.use_cases.evidence.iter().enumerate() {
            let field = format!("use_cases.evidence[{i}]");
            if !f.use_cases.all().any(|t| *t == evidence.id) {
                complain(
                    &format!("{field}.id"),
                    false,
                    format!("evidence for '{}', which is not one of the entry's tags", evidence.id),
                    Some(suggest::hint(&evidence.id, f.use_cases.all().map(|t| t.as_str()).collect::<Vec<_>>())),
                );
            } else if f.use_cases.evidence[..i].iter().any(|e| e.id == evidence.id) {
                complain(&format!("{field}.id"), false, format!("evidence for '{}' is given twice", evidence.id), None);
            }
            if evidence.why.trim().is_empty() {
                complain(&format!("{field}.why"), false, "must say what of the criterion it meets".into(), None);
            }
            cited.push((format!("{field}.source"), evidence.source.as_str()));
        }
        for (i, example) in f.examples.iter().enumerate() {
            cited.extend(example.source.as_deref().map(|id| (format!("examples[{i}].source"), id)));
        }
        for (field, id) in cited {
            if !known.contains(id) {
                complain(
                    &field,
                    false,
                    format!("cites unknown source '{id}'"),
                    Some(suggest::hint(id, known_sources())),
                );
            }
        }
        if !is_date(&f.reviewed) || f.reviewed.len() < 7 {
            complain("reviewed", false, format!("'{}' is not a YYYY-MM-DD date", f.reviewed), None);
        }
        in_vocabulary_order(&mut framework, vocabulary);
        out.push(framework);
    }
    sort_by_position(&mut problems);
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// The most use cases one entry may be tagged for (strong and good together): a generalist
/// tagged for everything would fit every use case.
pub const MAX_USE_CASES: usize = 14;

/// What the level procedure's mechanical part finds wrong with a cell, as (field, message, hint):
/// `builtin` names the core package (or one of `project.core`), `official` a package of the
/// framework's own project but not core, `community` a package outside the project; `official`
/// and `community` cells that say what provides them name the package; only a paid cell has a
/// `free_level`, below its own level.
fn level_problem(f: &Framework, support: &super::Support) -> Option<(&'static str, String, Option<String>)> {
    let level = support.level;
    if support.free_level.is_some() && !support.paid {
        return Some(("free_level", "only a paid provider has a free_level".into(), Some("add paid: true".into())));
    }
    if let Some(free) = support.free_level
        && !level.satisfies(free)
    {
        return Some((
            "free_level",
            format!("the free level {} is above the cell's level {}", free.id(), level.id()),
            Some("the cell's level is the best provider's, paid or free".into()),
        ));
    }
    let Some(package) = &support.package else {
        return match level {
            Level::Official | Level::Community if support.provided_by.is_some() => Some((
                "",
                format!("a cell at '{}' needs the package that provides it", level.id()),
                Some("add package: {registry: ..., name: ...}".into()),
            )),
            _ => None,
        };
    };
    if level == Level::None {
        return Some((
            "package",
            "a 'none' cell names no package".into(),
            Some("remove package, or raise the level".into()),
        ));
    }
    if !REGISTRIES.contains(&package.registry.as_str()) {
        return Some((
            "package.registry",
            format!("unknown registry '{}'", package.registry),
            Some(suggest::hint(&package.registry, REGISTRIES.iter().copied())),
        ));
    }
    let core = is_core(f, package);
    let own = core || is_owned(f, package);
    let name = &package.name;
    match level {
        Level::Builtin if !core => Some((
            "package",
            format!("builtin means in the core package, and '{name}' is not {}", core_names(f)),
            Some(if own {
                "it is a separate package of the framework's own project: official".into()
            } else {
                "a third-party package is community; a package core depends on and re-exports goes in project.core"
                    .into()
            }),
        )),
        Level::Official if core => Some((
            "package",
            format!("'{name}' is the core package, so the cell is builtin, not official"),
            Some("level: builtin".into()),
        )),
        Level::Official if !own => Some((
            "package",
            format!(
                "official means a package of the framework's own project, and '{name}' is not one of its namespaces"
            ),
            Some(format!("mark it community, or add its name to project.owns ({})", namespaces(f).join(", "))),
        )),
        Level::Community if own => Some((
            "package",
            format!(
                "'{name}' is published by the framework's own project, so the cell is {}",
                if core { "builtin" } else { "official" }
            ),
            Some(format!("level: {}", if core { "builtin" } else { "official" })),
        )),
        _ => None,
    }
}

fn is_core(f: &Framework, package: &Package) -> bool {
    f.package.as_ref().is_some_and(|p| p.registry == package.registry && p.name == package.name)
        || f.project.as_ref().is_some_and(|p| p.core.contains(&package.name))
}

/// The core package's namespace (npm scope, Maven group, Packagist vendor, Go module owner) and
/// `project.owns`, prefixes ending in `*`.
fn namespaces(f: &Framework) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(core) = &f.package {
        let name = core.name.as_str();
        let cut = match core.registry.as_str() {
            "npm" if name.starts_with('@') => name.find('/').map(|i| i + 1),
            "maven" => name.find(':').map(|i| i + 1),
            "packagist" => name.find('/').map(|i| i + 1),
            "go" => name.match_indices('/').nth(1).map(|(i, _)| i + 1),
            _ => None,
        };
        out.extend(cut.map(|i| format!("{}*", &name[..i])));
    }
    out.extend(f.project.iter().flat_map(|p| p.owns.iter().map(ToString::to_string)));
    out
}

fn is_owned(f: &Framework, package: &Package) -> bool {
    namespaces(f).iter().any(|ns| match ns.strip_suffix('*') {
        Some(prefix) => package.name.starts_with(prefix),
        None => *ns == package.name,
    })
}

fn core_names(f: &Framework) -> String {
    let mut names: Vec<String> = f.package.iter().map(|p| format!("'{}'", p.name)).collect();
    names.extend(f.project.iter().flat_map(|p| p.core.iter().map(|c| format!("'{c}'"))));
    if names.is_empty() { "the core package".into() } else { format!("one of {}", names.join(", ")) }
}

/// Sort an entry's features in the vocabulary's order, as validation leaves them.
fn in_vocabulary_order(framework: &mut Framework, vocabulary: &Vocabulary) {
    let order: Vec<&str> = vocabulary.feature_ids().collect();
    framework.features.0.sort_by_key(|(id, _)| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
}

/// The registries a package can be on.
pub const REGISTRIES: [&str; 12] =
    ["pypi", "npm", "crates", "maven", "nuget", "rubygems", "packagist", "hex", "go", "swiftpm", "conan", "none"];

/// The source ids a text cites: the words in square brackets, e.g. `[TFB_CITRINE_2023_09_19]`.
pub fn citations(text: &str) -> impl Iterator<Item = &str> {
    text.split('[')
        .skip(1)
        .filter_map(|rest| rest.split_once(']').map(|(id, _)| id))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
}

/// Whether `text` is an http(s) URL.
///
/// Parsed as a URL (the `url` crate): scheme `http` or `https`, a host, and none of the characters
/// a URL must percent-encode and Markdown or HTML would read as markup (`< > " \` { } | \ ^`,
/// blanks, controls), so `https://x.org/>[evil](javascript:alert(1))<` is refused.
pub fn is_http_url(text: &str) -> bool {
    let unsafe_char = |c: char| c.is_whitespace() || c.is_control() || "<>\"`{}|\\^".contains(c);
    !text.contains(unsafe_char)
        && url::Url::parse(text)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty()))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a plausible year, month and day.
pub fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    let year = parts.next().filter(|y| y.len() == 4).and_then(|y| y.parse::<u16>().ok());
    let month = parts.next().map(|m| m.len() == 2 && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)));
    let day = parts.next().map(|d| d.len() == 2 && d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
    year.is_some_and(|y| (1970..=2100).contains(&y))
        && month != Some(false)
        && day != Some(false)
        && parts.next().is_none()
        && (day.is_none() || month.is_some())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The list matches the struct: removing a required key is a missing field, removing any other
    /// key of a complete entry is not.
    #[test]
    fn required_keys_are_the_fields_without_a_default() {
        let catalog = Catalog::builtin().expect("built-in catalog");
        let entry = catalog.frameworks.iter().find(|f| f.repository.is_some() && f.package.is_some()).expect("entry");
        let full = serde_yaml::to_value(entry).expect("serializes");
        let keys = full.as_mapping().expect("mapping").keys().filter_map(serde_yaml::Value::as_str);
        for key in keys {
            let mut without = full.clone();
            without.as_mapping_mut().expect("mapping").remove(key);
            let result = Framework::deserialize(without);
            if REQUIRED_KEYS.contains(&key) {
                let error = result.expect_err(key).to_string();
                assert!(error.starts_with(&format!("missing field `{key}`")), "{key}: {error}");
            } else {
                assert!(result.is_ok(), "{key} is optional");
            }
        }
        let present: Vec<&str> =
            full.as_mapping().expect("mapping").keys().filter_map(serde_yaml::Value::as_str).collect();
        assert!(REQUIRED_KEYS.iter().all(|key| present.contains(key)), "{present:?}");
    }
}
