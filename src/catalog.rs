//! The framework catalog: its YAML schema, the built-in data, layering and validation.
//!
//! A file is parsed in two steps: `serde_yaml` turns the text into [`CatalogFile`] (shape and
//! types, unknown keys refused), then [`validate`] checks every value against the vocabulary and
//! collects *all* problems with their positions. Only a file that passes both becomes part of a
//! [`Catalog`]. The built-in catalog goes through exactly the same steps.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Origin, Problem, Result};
use crate::input;
use crate::locate::Positions;
use crate::suggest;

/// The built-in catalog, compiled into the binary (schema: README "Catalog format").
pub const BUILTIN_YAML: &str = include_str!("../data/catalog.yaml");

/// The name under which the built-in catalog appears in messages and in `catalog.sources`.
pub const BUILTIN_SOURCE: &str = "built-in";

/// One of the five selection factors every framework is rated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Factor {
    /// Performance and request-handling efficiency.
    Performance,
    /// Scalability and readiness for load growth.
    Scalability,
    /// Developer productivity and maintainability.
    Productivity,
    /// Integration flexibility and compatibility with other tools.
    Integration,
    /// Community support, ecosystem maturity and long-term viability.
    Community,
}

impl Factor {
    /// The five factors in their canonical order.
    pub const ALL: [Factor; 5] =
        [Factor::Performance, Factor::Scalability, Factor::Productivity, Factor::Integration, Factor::Community];

    /// The factor's id as written in YAML, JSON and flags.
    pub fn id(self) -> &'static str {
        match self {
            Factor::Performance => "performance",
            Factor::Scalability => "scalability",
            Factor::Productivity => "productivity",
            Factor::Integration => "integration",
            Factor::Community => "community",
        }
    }
}

/// What kind of thing a catalog entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A batteries-included framework (ORM, templates, auth, …).
    FullStack,
    /// A minimal core that is extended with packages.
    Micro,
    /// A framework made for HTTP/JSON APIs.
    Api,
    /// A runtime used directly, without a framework on top.
    Runtime,
}

impl Kind {
    /// The kind as written in YAML.
    pub fn id(self) -> &'static str {
        match self {
            Kind::FullStack => "full-stack",
            Kind::Micro => "micro",
            Kind::Api => "api",
            Kind::Runtime => "runtime",
        }
    }
}

/// How a framework supports a feature, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Part of the framework itself.
    Builtin,
    /// A first-party add-on maintained by the framework's own team.
    Official,
    /// A third-party package.
    Community,
    /// Not available.
    None,
}

impl Level {
    /// Every level, strongest first.
    pub const ALL: [Level; 4] = [Level::Builtin, Level::Official, Level::Community, Level::None];

    /// The level as written in YAML and flags.
    pub fn id(self) -> &'static str {
        match self {
            Level::Builtin => "builtin",
            Level::Official => "official",
            Level::Community => "community",
            Level::None => "none",
        }
    }

    fn strength(self) -> u8 {
        match self {
            Level::Builtin => 3,
            Level::Official => 2,
            Level::Community => 1,
            Level::None => 0,
        }
    }

    /// Whether this level is at least as strong as `required`.
    pub fn satisfies(self, required: Level) -> bool {
        self.strength() >= required.strength()
    }

    /// Parse a level id, suggesting the closest on a typo.
    pub fn parse(text: &str) -> std::result::Result<Level, String> {
        Level::ALL
            .into_iter()
            .find(|level| level.id() == text)
            .ok_or_else(|| suggest::hint(text, Level::ALL.iter().map(|l| l.id())))
    }
}

/// A rating (1–5, half steps) for each of the five factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// Performance rating.
    pub performance: f64,
    /// Scalability rating.
    pub scalability: f64,
    /// Productivity rating.
    pub productivity: f64,
    /// Integration rating.
    pub integration: f64,
    /// Community rating.
    pub community: f64,
}

impl Scores {
    /// The rating for one factor.
    pub fn get(&self, factor: Factor) -> f64 {
        match factor {
            Factor::Performance => self.performance,
            Factor::Scalability => self.scalability,
            Factor::Productivity => self.productivity,
            Factor::Integration => self.integration,
            Factor::Community => self.community,
        }
    }
}

/// For each factor, the sentence or two that justifies its rating from cited evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rationale {
    /// Why the performance rating.
    pub performance: String,
    /// Why the scalability rating.
    pub scalability: String,
    /// Why the productivity rating.
    pub productivity: String,
    /// Why the integration rating.
    pub integration: String,
    /// Why the community rating.
    pub community: String,
}

impl Rationale {
    /// The justification for one factor.
    pub fn get(&self, factor: Factor) -> &str {
        match factor {
            Factor::Performance => &self.performance,
            Factor::Scalability => &self.scalability,
            Factor::Productivity => &self.productivity,
            Factor::Integration => &self.integration,
            Factor::Community => &self.community,
        }
    }
}

/// A known production user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The organisation.
    pub name: String,
    /// What it uses the framework for.
    #[serde(rename = "use")]
    pub usage: String,
}

/// The support level of each feature, in document order (vocabulary order once validated).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features(pub Vec<(String, Level)>);

impl Features {
    /// The level of one feature (`none` if absent).
    pub fn level(&self, feature: &str) -> Level {
        self.0.iter().find(|(id, _)| id == feature).map_or(Level::None, |(_, level)| *level)
    }
}

impl Serialize for Features {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for Features {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct FeaturesVisitor;
        impl<'de> Visitor<'de> for FeaturesVisitor {
            type Value = Features;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of feature id to builtin | official | community | none")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Features, A::Error> {
                let mut out = Vec::new();
                while let Some((key, level)) = map.next_entry::<String, Level>()? {
                    out.push((key, level));
                }
                Ok(Features(out))
            }
        }
        deserializer.deserialize_map(FeaturesVisitor)
    }
}

/// One framework of the catalog. Field docs are the schema reference (README "Catalog format").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable kebab-case id, e.g. `spring-boot`.
    pub id: String,
    /// Display name, e.g. `Spring Boot`.
    pub name: String,
    /// Main language, one of the vocabulary's `languages`.
    pub language: String,
    /// `full-stack`, `micro`, `api` or `runtime`.
    pub kind: Kind,
    /// One sentence: what it is.
    pub summary: String,
    /// Project homepage URL.
    pub homepage: String,
    /// Licence, as an SPDX id.
    pub license: String,
    /// Year of the first public release.
    pub first_release: u16,
    /// Latest major version when reviewed.
    pub latest_version: String,
    /// Concurrency model in one line.
    pub concurrency: String,
    /// Rating 1–5 (half steps) per factor.
    pub scores: Scores,
    /// Evidence behind each rating, citing source ids.
    pub rationale: Rationale,
    /// Support level of every vocabulary feature.
    pub features: Features,
    /// Strengths (at least 3).
    pub pros: Vec<String>,
    /// Weaknesses (at least 2).
    pub cons: Vec<String>,
    /// Use-case ids from the vocabulary it suits.
    pub best_for: Vec<String>,
    /// Advice on when to choose it (at least 2).
    pub use_when: Vec<String>,
    /// Known production users.
    pub examples: Vec<Example>,
    /// When the entry was last checked, `YYYY-MM`.
    pub reviewed: String,
}

/// A factor's wording, used by help, prompts and reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorInfo {
    /// Which factor.
    pub id: Factor,
    /// Label for headings, e.g. `Performance`.
    pub label: String,
    /// Abbreviation of at most 5 characters for narrow table columns, e.g. `Perf`.
    pub short: String,
    /// One-line description.
    pub description: String,
    /// The question a person is asked about its importance.
    pub question: String,
}

/// A vocabulary term (feature or use case) with its description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The id used in entries, flags and answers.
    pub id: String,
    /// One-line description.
    pub description: String,
}

/// A programming language of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The id used in entries, flags and answers.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The words a catalog may use: factors, features, use cases and languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vocabulary {
    /// The five factors, in order.
    pub factors: Vec<FactorInfo>,
    /// Features whose support level every entry states.
    pub features: Vec<Term>,
    /// Use-case tags for `best_for`, `--use-case`.
    pub use_cases: Vec<Term>,
    /// Languages for `language`, `--language`, `--team-knows`.
    pub languages: Vec<Language>,
}

impl Vocabulary {
    /// Feature ids in vocabulary order.
    pub fn feature_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.features.iter().map(|t| t.id.as_str())
    }

    /// Use-case ids in vocabulary order.
    pub fn use_case_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.use_cases.iter().map(|t| t.id.as_str())
    }

    /// Language ids in vocabulary order.
    pub fn language_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.languages.iter().map(|l| l.id.as_str())
    }

    /// The wording of one factor.
    pub fn factor(&self, factor: Factor) -> Option<&FactorInfo> {
        self.factors.iter().find(|f| f.id == factor)
    }

    /// A language's display name (its id if unknown).
    pub fn language_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.languages.iter().find(|l| l.id == id).map_or(id, |l| l.name.as_str())
    }
}

/// What a catalog file may contain. The built-in file has every section; a user's file only
/// needs `frameworks` (vocabulary sections, if present, must equal the built-in ones).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// Schema version (1).
    pub schema: Option<u32>,
    /// Factor wording.
    pub factors: Option<Vec<FactorInfo>>,
    /// Feature vocabulary.
    pub features: Option<Vec<Term>>,
    /// Use-case vocabulary.
    pub use_cases: Option<Vec<Term>>,
    /// Language vocabulary.
    pub languages: Option<Vec<Language>>,
    /// The entries.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
}

/// A validated catalog: the vocabulary plus every framework from all layers.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The vocabulary (always the built-in one).
    pub vocabulary: Vocabulary,
    /// The frameworks, built-in first, user layers replacing or adding by id.
    pub frameworks: Vec<Framework>,
    /// Where the entries came from: `built-in`, then each `--catalog` file.
    pub sources: Vec<String>,
}

impl Catalog {
    /// The built-in catalog, validated like any user file.
    pub fn builtin() -> Result<Catalog> {
        let file = parse(BUILTIN_YAML, BUILTIN_SOURCE).map_err(Error::InvalidData)?;
        let vocabulary = vocabulary_of(&file, BUILTIN_SOURCE).map_err(Error::InvalidData)?;
        let positions = Positions::index(BUILTIN_YAML);
        let frameworks =
            validate(file.frameworks, &vocabulary, BUILTIN_SOURCE, &positions).map_err(Error::InvalidData)?;
        Ok(Catalog { vocabulary, frameworks, sources: vec![BUILTIN_SOURCE.to_string()] })
    }

    /// The built-in catalog with each user file layered over it, in order.
    pub fn load(layers: &[PathBuf]) -> Result<Catalog> {
        let mut catalog = Catalog::builtin()?;
        for path in layers {
            let text = input::read_text(path)?;
            let layer = catalog.parse_layer(&text, &path.display().to_string())?;
            catalog.apply(layer, path.display().to_string());
        }
        Ok(catalog)
    }

    /// Parse and validate one user file against this catalog's vocabulary.
    pub fn parse_layer(&self, text: &str, source: &str) -> Result<Vec<Framework>> {
        let positions = Positions::index(text);
        let file = match parse(text, source) {
            Ok(file) => file,
            Err(mut problems) => {
                // The parser stops at its first error; one bad entry must not hide the others, so
                // every other entry is checked on its own.
                let (entries, more) = entries_one_by_one(text, source, &positions, &problems);
                problems.extend(more);
                if let Err(found) = validate_entries(entries, &self.vocabulary, source, &positions) {
                    problems.extend(found);
                }
                sort_by_position(&mut problems);
                return Err(Error::InvalidData(problems));
            }
        };
        let mut problems = self.check_vocabulary_sections(&file, source, &positions);
        match validate(file.frameworks, &self.vocabulary, source, &positions) {
            Ok(frameworks) if problems.is_empty() => Ok(frameworks),
            Ok(_) => Err(Error::InvalidData(problems)),
            Err(more) => {
                problems.extend(more);
                Err(Error::InvalidData(problems))
            }
        }
    }

    fn check_vocabulary_sections(&self, file: &CatalogFile, source: &str, positions: &Positions) -> Vec<Problem> {
        let v = &self.vocabulary;
        let sections: [(&str, bool); 4] = [
            ("factors", file.factors.as_ref().is_some_and(|x| x != &v.factors)),
            ("features", file.features.as_ref().is_some_and(|x| x != &v.features)),
            ("use_cases", file.use_cases.as_ref().is_some_and(|x| x != &v.use_cases)),
            ("languages", file.languages.as_ref().is_some_and(|x| x != &v.languages)),
        ];
        sections
            .into_iter()
            .filter(|(_, differs)| *differs)
            .map(|(section, _)| Problem {
                origin: Origin::file(source, positions.key(section)),
                entry: None,
                field: Some(section.to_string()),
                message: "a user catalog cannot change the vocabulary; the built-in one applies".into(),
                hint: Some(format!("remove '{section}', or keep it exactly as 'catalog export' prints it")),
            })
            .collect()
    }

    /// Layer validated entries over this catalog: same id replaces, new id appends.
    pub fn apply(&mut self, layer: Vec<Framework>, source: String) {
        for framework in layer {
            match self.frameworks.iter_mut().find(|f| f.id == framework.id) {
                Some(existing) => *existing = framework,
                None => self.frameworks.push(framework),
            }
        }
        self.sources.push(source);
    }

    /// Find a framework by id or name, case-insensitively; the error suggests the closest id.
    pub fn find(&self, wanted: &str, origin: Origin) -> Result<&Framework> {
        let lower = wanted.to_lowercase();
        self.frameworks.iter().find(|f| f.id == lower || f.name.to_lowercase() == lower).ok_or_else(|| {
            Error::at(Problem {
                origin,
                entry: None,
                field: None,
                message: format!("unknown framework '{wanted}'"),
                hint: Some(suggest::hint(wanted, self.frameworks.iter().map(|f| f.id.as_str()))),
            })
        })
    }
}

/// Parse catalog text into its raw shape; a syntax or type error becomes one located problem.
pub fn parse(text: &str, source: &str) -> std::result::Result<CatalogFile, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(vec![Problem {
            origin: Origin::file(source, None),
            entry: None,
            field: None,
            message: "the file is empty; expected a mapping with a 'frameworks:' list".into(),
            hint: None,
        }]);
    }
    serde_yaml::from_str::<CatalogFile>(text).map_err(|e| vec![yaml_problem(&e, text, source)])
}

/// Turn a `serde_yaml` error into a problem naming file, line, column, entry and field.
pub fn yaml_problem(error: &serde_yaml::Error, text: &str, source: &str) -> Problem {
    let position = error.location().map(|l| (l.line(), l.column()));
    let mut message = error.to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    // serde_yaml prefixes the path: "frameworks[3].scores: unknown field …".
    let (path, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (Some(path.to_string()), rest.to_string()),
        _ => (None, message.clone()),
    };
    let (entry, field) = split_entry_path(path.as_deref(), text);
    let hint = unknown_key_hint(&rest);
    Problem { origin: Origin::file(source, position), entry, field, message: plain_words(&rest), hint }
}

/// serde names Rust types in its messages ("expected u8", "expected struct Framework"); say
/// what the file should hold instead.
pub fn plain_words(message: &str) -> String {
    let mut text = message.replace(" as u128", "").replace(" as i128", "").replace("unit value", "an empty value");
    for (rust, words) in [
        ("expected u8", "expected a whole number from 0 to 5"),
        ("expected u16", "expected a year such as 2014"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number such as 4.5"),
    ] {
        text = text.replace(rust, words);
    }
    while let Some(at) = text.find("expected struct ") {
        let name_end = text[at + 16..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |i| at + 16 + i);
        text.replace_range(at..name_end, "expected a mapping of keys to values");
    }
    text
}

/// `frameworks[3].scores` → (the id of entry 3, `scores`).
fn split_entry_path(path: Option<&str>, text: &str) -> (Option<String>, Option<String>) {
    let Some(path) = path else { return (None, None) };
    let Some(after) = path.strip_prefix("frameworks[") else {
        return (None, Some(path.to_string()));
    };
    let Some((index, field)) = after.split_once(']') else { return (None, Some(path.to_string())) };
    let field = field.trim_start_matches('.');
    let entry = index.parse::<usize>().ok().and_then(|i| entry_id(text, i)).unwrap_or(format!("#{}", index));
    (Some(entry), (!field.is_empty()).then(|| field.to_string()))
}

/// The `id` of the `index`-th framework, read from the text's events (it need not deserialize).
fn entry_id(text: &str, index: usize) -> Option<String> {
    Positions::index(text).id(&format!("frameworks[{index}].id")).map(str::to_string)
}

/// "unknown field `scroes`, expected one of `id`, …" → `scores`.
fn likely_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (given, expected) = rest.split_once('`')?;
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    suggest::closest(given, valid.iter().copied()).map(str::to_string)
}

/// "unknown field `scroes`, expected one of `id`, …" → "did you mean 'scores'?".
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))?;
    let (given, expected) = rest.split_once('`')?;
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    suggest::closest(given, valid.iter().copied()).map(|best| format!("did you mean '{best}'?"))
}

fn vocabulary_of(file: &CatalogFile, source: &str) -> std::result::Result<Vocabulary, Vec<Problem>> {
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

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn is_year_month(text: &str) -> bool {
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
fn entries_one_by_one(
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

fn sort_by_position(problems: &mut [Problem]) {
    problems.sort_by_key(|p| match p.origin {
        Origin::File { line, column, .. } => (line.unwrap_or(0), column.unwrap_or(0)),
        Origin::Flag(_) => (0, 0),
    });
}

/// [`validate`] for entries that keep their index in the file (for positions).
fn validate_entries(
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
            input::read_text(path).and_then(|text| catalog.parse_layer(&text, &path.display().to_string())).err()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_is_valid() {
        let catalog = Catalog::builtin().expect("built-in catalog must validate");
        assert!(catalog.frameworks.len() >= 24);
    }

    #[test]
    fn the_builtin_catalog_holds_the_issue_frameworks() {
        let catalog = Catalog::builtin().expect("built-in");
        let ids = [
            "django",
            "nodejs",
            "laravel",
            "rails",
            "express",
            "spring-boot",
            "flask",
            "aspnet-core",
            "grape",
            "fastapi",
            "nestjs",
            "phoenix",
            "fastify",
            "hono",
            "sinatra",
            "symfony",
            "quarkus",
            "micronaut",
            "ktor",
            "gin",
            "echo",
            "fiber",
            "actix-web",
            "axum",
        ];
        for id in ids {
            assert!(catalog.frameworks.iter().any(|f| f.id == id), "{id} missing");
        }
    }

    /// Every rating's rationale cites at least one source, and only sources of the evidence file
    /// (README "Where the ratings come from").
    #[test]
    fn every_rating_cites_known_evidence() {
        const SOURCES: [&str; 18] = [
            "TFBVIS",
            "R22_ELYSIA",
            "R22_RUNID",
            "R23_GO_NODE",
            "R23_DROGON",
            "R23_DEVTO",
            "TFB_REPO",
            "TFB_SUNSET",
            "TFB_R23_ANN",
            "STARS",
            "STARS_OLD",
            "GIT_TAGS",
            "SO_CJ",
            "SO_PLAN",
            "SO_RAILS",
            "SO_2025",
            "BRIEF",
            "GK",
        ];
        let catalog = Catalog::builtin().expect("built-in");
        for framework in &catalog.frameworks {
            for factor in Factor::ALL {
                let text = framework.rationale.get(factor);
                let cited: Vec<&str> = text
                    .split('[')
                    .skip(1)
                    .filter_map(|rest| rest.split_once(']').map(|(id, _)| id))
                    .filter(|id| {
                        !id.is_empty() && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                    })
                    .collect();
                assert!(!cited.is_empty(), "{} {}: no source cited in {text:?}", framework.id, factor.id());
                for id in cited {
                    assert!(SOURCES.contains(&id), "{} {}: unknown source [{id}]", framework.id, factor.id());
                }
            }
        }
    }

    /// "A framework with clearly higher throughput does not get a lower performance rating":
    /// the best TechEmpower fortunes figure of the continuous run [TFBVIS] for each framework
    /// that has one, in thousands of requests per second (from the evidence file). A framework
    /// with more than twice another's figure must not be rated lower.
    #[test]
    fn performance_ratings_follow_the_benchmarks() {
        const FORTUNES_K: [(&str, f64); 23] = [
            ("django", 14.6),
            ("nodejs", 64.3),
            ("express", 33.7),
            ("nestjs", 60.8),
            ("fastify", 72.0),
            ("laravel", 14.7),
            ("rails", 9.5),
            ("sinatra", 27.4),
            ("spring-boot", 23.8),
            ("quarkus", 216.9),
            ("micronaut", 178.6),
            ("flask", 12.5),
            ("fastapi", 46.6),
            ("aspnet-core", 362.0),
            ("phoenix", 69.1),
            ("gin", 94.3),
            ("echo", 62.7),
            ("fiber", 329.2),
            ("actix-web", 400.1),
            ("axum", 435.5),
            ("ktor", 80.8),
            ("symfony", 8.7),
            ("grape", 0.0),
        ];
        let catalog = Catalog::builtin().expect("built-in");
        let rating = |id: &str| catalog.frameworks.iter().find(|f| f.id == id).map(|f| f.scores.performance);
        for (a, fa) in FORTUNES_K {
            for (b, fb) in FORTUNES_K {
                if fa > 2.0 * fb && fb > 0.0 {
                    let (ra, rb) = (rating(a).expect("a"), rating(b).expect("b"));
                    assert!(ra >= rb, "{a} ({fa}k fortunes) is rated {ra}, below {b} ({fb}k) at {rb}");
                }
            }
        }
    }

    #[test]
    fn messages_name_no_rust_types() {
        assert_eq!(
            plain_words("invalid type: integer `-3`, expected u8"),
            "invalid type: integer `-3`, expected a whole number from 0 to 5"
        );
        assert_eq!(
            plain_words("invalid type: sequence, expected struct Scores"),
            "invalid type: sequence, expected a mapping of keys to values"
        );
        assert_eq!(
            plain_words("invalid value: integer `99999999999` as u128, expected u16"),
            "invalid value: integer `99999999999`, expected a year such as 2014"
        );
    }

    #[test]
    fn year_month() {
        assert!(is_year_month("2026-11"));
        assert!(!is_year_month("2026-13"));
        assert!(!is_year_month("26-11"));
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("spring-boot"));
        assert!(!is_kebab("Spring_Boot"));
        assert!(!is_kebab("a--b"));
    }

    #[test]
    fn levels_compare_by_strength() {
        assert!(Level::Builtin.satisfies(Level::Official));
        assert!(!Level::Community.satisfies(Level::Official));
        assert!(Level::None.satisfies(Level::None));
    }
}
