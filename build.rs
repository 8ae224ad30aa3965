//! Compiles the built-in data into the binary in a form that costs nothing at start-up (README
//! "Limits and errors", start-up):
//!
//! - `data/catalog.yaml` becomes Rust static data (`catalog.rs`, included by
//!   `src/catalog/builtin.rs`): all text in one string and each field a span of it by offsets,
//!   every list a span of a pool of its item type, so loading the built-in catalog parses
//!   nothing, allocates little, and its data holds no pointer to relocate when the program loads.
//! - `data/presets.yaml` becomes JSON, which is small.
//!
//! The YAML stays the source. Should it not convert (a field this script does not know, a number
//! where text belongs), the build still succeeds with a warning and the binary parses the YAML
//! at start-up instead; a test fails in that case, and another proves that the static data is
//! exactly the catalog the YAML gives when parsed and validated like any user file.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::{env, fs};

use serde_json::Value;

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=data/presets.yaml");
    let presets = read("data/presets.yaml");
    let json = serde_json::to_string(&presets).unwrap_or_else(|e| panic!("data/presets.yaml as JSON: {e}"));
    fs::write(out.join("presets.json"), json).expect("OUT_DIR is writable");

    println!("cargo::rerun-if-changed=data/catalog.yaml");
    let catalog = read("data/catalog.yaml");
    let code = match generate(&catalog) {
        Ok(code) => {
            format!("/// Whether the static data below is the catalog.\nconst GENERATED: bool = true;\n\n{code}")
        }
        Err(problem) => {
            println!("cargo::warning=data/catalog.yaml is read at start-up instead of compiled in: {problem}");
            EMPTY.to_string()
        }
    };
    fs::write(out.join("catalog.rs"), code).expect("OUT_DIR is writable");
}

/// The generated file when the catalog could not be converted: no data, and `GENERATED` false.
const EMPTY: &str = "const GENERATED: bool = false;
pub(super) static TEXT: &str = \"\";
static TEXT_LISTS: &[Text] = &[];
static FEATURE_CELLS: &[(Text, Support)] = &[];
static EXAMPLES: &[Example] = &[];
static RUBRICS: &[RubricLevel] = &[];
static EVIDENCE: &[TagEvidence] = &[];
static REVIEWED: &str = \"\";
static FACTORS: &[FactorInfo] = &[];
static FEATURES: &[Term] = &[];
static USE_CASES: &[Term] = &[];
static LANGUAGES: &[Language] = &[];
static SOURCES: &[Source] = &[];
static LEVELS: &[Term] = &[];
static PROCEDURE: &[ProcedureRule] = &[];
static FRAMEWORKS: &[Framework] = &[];
";

fn read(path: &str) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::to_value(value).unwrap_or_else(|e| panic!("{path} as JSON: {e}"))
}

/// How a value is written in Rust.
enum Shape {
    /// A string: `Text`.
    Text,
    /// A number: `f64`.
    Float,
    /// `true` or `false`; absent is `false` (`#[serde(default)]`).
    Bool,
    /// A whole number up to this maximum (`u64`, `u16`).
    Whole(u64),
    /// A unit variant of the named enum: its YAML ids, each the variant's name in kebab-case.
    Enum(&'static str, &'static [&'static str]),
    /// `Option`: absent or null is `None`.
    Optional(&'static Shape),
    /// `List`, required (as serde reads a `Vec` without a default).
    List(&'static Shape),
    /// `List` that may be absent (`#[serde(default)]`): absent is empty.
    ListOrEmpty(&'static Shape),
    /// A struct: its Rust name and its fields as (YAML key, Rust field, shape).
    Struct(&'static str, &'static [(&'static str, &'static str, Shape)]),
    /// A feature cell: a level alone, or a mapping with the level and what provides it.
    Support,
    /// The features of an entry, put in vocabulary order as validation does.
    Features,
}

use Shape::{Enum, Float, List, ListOrEmpty, Optional, Struct, Whole};

const U64: Shape = Whole(u64::MAX);
const U16: Shape = Whole(u16::MAX as u64);
const KIND: Shape = Enum("Kind", &["full-stack", "micro", "api", "runtime"]);
const LEVEL: Shape = Enum("Level", &["builtin", "official", "community", "none"]);
const FACTOR_ID: Shape = Enum("Factor", &["performance", "scalability", "productivity", "integration", "community"]);

const TEXT: Shape = Shape::Text;
const SOURCED: Shape =
    Struct("Sourced", &[("value", "value", TEXT), ("source", "source", TEXT), ("as_of", "as_of", TEXT)]);
const FACTS: Shape = Struct(
    "Facts",
    &[
        ("license", "license", SOURCED),
        ("first_release", "first_release", SOURCED),
        (
            "latest_release",
            "latest_release",
            Struct(
                "Release",
                &[
                    ("version", "version", TEXT),
                    ("date", "date", TEXT),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            ),
        ),
        (
            "stars",
            "stars",
            Optional(&Struct(
                "Stars",
                &[
                    ("count", "count", U64),
                    ("repository", "repository", TEXT),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            )),
        ),
        (
            "survey",
            "survey",
            Optional(&Struct(
                "Survey",
                &[
                    ("usage_percent", "usage_percent", Float),
                    ("year", "year", U16),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            )),
        ),
        (
            "benchmark",
            "benchmark",
            Optional(&Struct(
                "Benchmark",
                &[
                    ("fortunes", "fortunes", U64),
                    ("variant", "variant", TEXT),
                    ("classification", "classification", TEXT),
                    ("orm", "orm", TEXT),
                    ("database", "database", TEXT),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            )),
        ),
        (
            "support",
            "support",
            Optional(&Struct(
                "SupportPolicy",
                &[
                    ("policy", "policy", TEXT),
                    ("url", "url", TEXT),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            )),
        ),
        (
            "end_of_life",
            "end_of_life",
            Optional(&Struct(
                "EndOfLife",
                &[
                    ("product", "product", TEXT),
                    ("cycle", "cycle", TEXT),
                    ("ends", "ends", Optional(&TEXT)),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            )),
        ),
        (
            "cold_start",
            "cold_start",
            Optional(&Struct(
                "ColdStart",
                &[
                    ("ms", "ms", U64),
                    ("platform", "platform", TEXT),
                    ("setup", "setup", TEXT),
                    ("source", "source", TEXT),
                    ("as_of", "as_of", TEXT),
                ],
            )),
        ),
        (
            "idle_memory",
            "idle_memory",
            Optional(&Struct(
                "IdleMemory",
                &[("mb", "mb", Float), ("setup", "setup", TEXT), ("source", "source", TEXT), ("as_of", "as_of", TEXT)],
            )),
        ),
    ],
);
const SCORES: Shape = Struct(
    "Scores",
    &[
        ("performance", "performance", Float),
        ("scalability", "scalability", Float),
        ("productivity", "productivity", Float),
        ("integration", "integration", Float),
        ("community", "community", Float),
    ],
);
const RATIONALE: Shape = Struct(
    "Rationale",
    &[
        ("performance", "performance", TEXT),
        ("scalability", "scalability", TEXT),
        ("productivity", "productivity", TEXT),
        ("integration", "integration", TEXT),
        ("community", "community", TEXT),
    ],
);
const PACKAGE: Shape = Struct("Package", &[("registry", "registry", TEXT), ("name", "name", TEXT)]);
const FRAMEWORK: Shape = Struct(
    "Framework",
    &[
        ("id", "id", TEXT),
        ("name", "name", TEXT),
        ("languages", "languages", List(&TEXT)),
        ("kind", "kind", KIND),
        ("summary", "summary", TEXT),
        ("homepage", "homepage", TEXT),
        ("repository", "repository", Optional(&TEXT)),
        ("package", "package", Optional(&PACKAGE)),
        (
            "project",
            "project",
            Optional(&Struct("Project", &[("core", "core", ListOrEmpty(&TEXT)), ("owns", "owns", ListOrEmpty(&TEXT))])),
        ),
        ("facts", "facts", FACTS),
        ("concurrency", "concurrency", TEXT),
        ("scores", "scores", SCORES),
        ("rationale", "rationale", RATIONALE),
        ("features", "features", Shape::Features),
        ("pros", "pros", List(&TEXT)),
        ("cons", "cons", List(&TEXT)),
        (
            "use_cases",
            "use_cases",
            Struct(
                "UseCases",
                &[
                    ("strong", "strong", ListOrEmpty(&TEXT)),
                    ("good", "good", ListOrEmpty(&TEXT)),
                    (
                        "evidence",
                        "evidence",
                        ListOrEmpty(&Struct(
                            "TagEvidence",
                            &[("id", "id", TEXT), ("why", "why", TEXT), ("source", "source", TEXT)],
                        )),
                    ),
                ],
            ),
        ),
        ("use_when", "use_when", List(&TEXT)),
        (
            "examples",
            "examples",
            ListOrEmpty(&Struct(
                "Example",
                &[("name", "name", TEXT), ("use", "usage", TEXT), ("source", "source", Optional(&TEXT))],
            )),
        ),
        ("reviewed", "reviewed", TEXT),
    ],
);
const FACTOR: Shape = Struct(
    "FactorInfo",
    &[
        ("id", "id", FACTOR_ID),
        ("label", "label", TEXT),
        ("short", "short", TEXT),
        ("description", "description", TEXT),
        ("question", "question", TEXT),
        ("rule", "rule", Optional(&TEXT)),
        (
            "rubric",
            "rubric",
            List(&Struct("RubricLevel", &[("rating", "rating", Float), ("meaning", "meaning", TEXT)])),
        ),
    ],
);
const IMPORTANCE: Shape = Whole(5);
const NEEDS: Shape = Struct(
    "Needs",
    &[
        ("features", "features", List(&TEXT)),
        (
            "importance",
            "importance",
            Struct(
                "Stresses",
                &[
                    ("performance", "performance", IMPORTANCE),
                    ("scalability", "scalability", IMPORTANCE),
                    ("productivity", "productivity", IMPORTANCE),
                    ("integration", "integration", IMPORTANCE),
                    ("community", "community", IMPORTANCE),
                ],
            ),
        ),
    ],
);
const TERM: Shape = Struct(
    "Term",
    &[
        ("id", "id", TEXT),
        ("description", "description", TEXT),
        ("fit", "fit", Optional(&TEXT)),
        ("needs", "needs", Optional(&NEEDS)),
    ],
);
const LANGUAGE: Shape = Struct(
    "Language",
    &[
        ("id", "id", TEXT),
        ("name", "name", TEXT),
        ("family", "family", Optional(&TEXT)),
        ("aliases", "aliases", ListOrEmpty(&TEXT)),
        ("includes", "includes", ListOrEmpty(&TEXT)),
    ],
);
const SOURCE: Shape = Struct(
    "Source",
    &[
        ("id", "id", TEXT),
        ("title", "title", TEXT),
        ("publisher", "publisher", TEXT),
        ("url", "url", TEXT),
        ("date", "date", TEXT),
        ("date_kind", "date_kind", TEXT),
        ("measures", "measures", TEXT),
    ],
);

const PROCEDURE_RULE: Shape = Struct(
    "ProcedureRule",
    &[("id", "id", TEXT), ("features", "features", ListOrEmpty(&TEXT)), ("rule", "rule", TEXT)],
);

/// The top-level sections, each a static slice of its shape.
const SECTIONS: [(&str, &str, &str, Shape); 8] = [
    ("factors", "FACTORS", "FactorInfo", FACTOR),
    ("features", "FEATURES", "Term", TERM),
    ("use_cases", "USE_CASES", "Term", TERM),
    ("languages", "LANGUAGES", "Language", LANGUAGE),
    ("sources", "SOURCES", "Source", SOURCE),
    ("levels", "LEVELS", "Term", TERM),
    ("procedure", "PROCEDURE", "ProcedureRule", PROCEDURE_RULE),
    ("frameworks", "FRAMEWORKS", "Framework", FRAMEWORK),
];

fn generate(catalog: &Value) -> Result<String, String> {
    let top = catalog.as_object().ok_or("the file is not a mapping")?;
    let known = ["schema", "reviewed", "patches", "refreshed"];
    if let Some(key) = top.keys().find(|k| !known.contains(&k.as_str()) && !SECTIONS.iter().any(|s| s.0 == k.as_str()))
    {
        return Err(format!("unknown top-level key '{key}'"));
    }
    if top.get("patches").is_some_and(|p| p.as_array().is_none_or(|p| !p.is_empty())) {
        return Err("the built-in catalog has patches".into());
    }
    let features: Vec<&str> = top
        .get("features")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|term| term.get("id").and_then(Value::as_str)).collect())
        .unwrap_or_default();
    let generator = Generator { features, text: RefCell::default(), pools: RefCell::default() };
    let reviewed = top.get("reviewed").and_then(Value::as_str).ok_or("'reviewed' is not a string")?;
    let mut code = format!("static REVIEWED: &str = {reviewed:?};\n");
    for (key, name, rust, shape) in &SECTIONS {
        let items = top.get(*key).and_then(Value::as_array).ok_or(format!("'{key}' is not a list"))?;
        let items = items
            .iter()
            .enumerate()
            .map(|(i, item)| generator.emit(item, shape, &format!("{key}[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        code.push_str(&format!("static {name}: &[{rust}] = &[\n{}\n];\n", items.join(",\n")));
    }
    for (name, rust) in POOLS {
        let pools = generator.pools.borrow();
        let items = pools.get(name).map_or(&[][..], Vec::as_slice);
        code.push_str(&format!("static {name}: &[{rust}] = &[\n{}\n];\n", items.join(",\n")));
    }
    let text = generator.text.into_inner().text;
    if u32::try_from(text.len()).is_err() {
        return Err("the catalog's text is over 4 GiB".into());
    }
    Ok(format!(
        "/// All text of the catalog; each `Text` of it is a span.\npub(super) static TEXT: &str = {text:?};\n{code}"
    ))
}

/// The catalog's text, each distinct string once.
#[derive(Default)]
struct Strings {
    text: String,
    spans: HashMap<String, (usize, usize)>,
}

struct Generator<'a> {
    /// The vocabulary's feature ids, in order.
    features: Vec<&'a str>,
    /// The text so far.
    text: RefCell<Strings>,
    /// The items of each pool so far, as Rust ([`POOLS`]).
    pools: RefCell<HashMap<&'static str, Vec<String>>>,
}

/// The pools lists are spans of, by item type: (static, Rust type). A list of entries or of
/// vocabulary terms is never inside another item, so it is a static slice of its own.
const POOLS: [(&str, &str); 5] = [
    ("TEXT_LISTS", "Text"),
    ("FEATURE_CELLS", "(Text, Support)"),
    ("EXAMPLES", "Example"),
    ("RUBRICS", "RubricLevel"),
    ("EVIDENCE", "TagEvidence"),
];

impl Generator<'_> {
    /// `items` (Rust) added to `pool`, as the `List` that spans them.
    fn pooled(&self, pool: &'static str, items: Vec<String>) -> String {
        let mut pools = self.pools.borrow_mut();
        let list = pools.entry(pool).or_default();
        let start = list.len();
        list.extend(items);
        format!("List::builtin({start}, {})", list.len())
    }

    /// Where `text` is in the catalog's text, added at the end the first time.
    fn span(&self, text: &str) -> (usize, usize) {
        let mut strings = self.text.borrow_mut();
        if let Some(&span) = strings.spans.get(text) {
            return span;
        }
        let start = strings.text.len();
        strings.text.push_str(text);
        let span = (start, strings.text.len());
        strings.spans.insert(text.to_string(), span);
        span
    }

    fn emit(&self, value: &Value, shape: &Shape, path: &str) -> Result<String, String> {
        let wrong = |expected: &str| Err(format!("{path}: expected {expected}, found {value}"));
        match shape {
            Shape::Text => match value.as_str() {
                Some(text) => {
                    let (start, end) = self.span(text);
                    Ok(format!("Text::builtin({start}, {end})"))
                }
                None => wrong("a string (quote it)"),
            },
            Shape::Bool => match value {
                Value::Null => Ok("false".into()),
                Value::Bool(b) => Ok(b.to_string()),
                _ => wrong("true or false"),
            },
            Float => match value.as_f64() {
                Some(number) => Ok(format!("{number:?}")),
                None => wrong("a number"),
            },
            Whole(max) => match value.as_u64() {
                Some(number) if number <= *max => Ok(number.to_string()),
                _ => wrong(&format!("a whole number up to {max}")),
            },
            Enum(name, ids) => match value.as_str() {
                Some(id) if ids.contains(&id) => {
                    let variant: String = id
                        .split('-')
                        .flat_map(|word| {
                            let mut chars = word.chars();
                            chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
                        })
                        .collect();
                    Ok(format!("{name}::{variant}"))
                }
                _ => wrong(&format!("one of {}", ids.join(", "))),
            },
            Optional(inner) => match value {
                Value::Null => Ok("None".into()),
                _ => Ok(format!("Some({})", self.emit(value, inner, path)?)),
            },
            List(inner) | ListOrEmpty(inner) => {
                let pool = match inner {
                    Shape::Text => "TEXT_LISTS",
                    Struct("Example", _) => "EXAMPLES",
                    Struct("RubricLevel", _) => "RUBRICS",
                    Struct("TagEvidence", _) => "EVIDENCE",
                    _ => return Err(format!("{path}: no pool for this list's items")),
                };
                match value {
                    // Absent where serde defaults it (a struct passes an absent field as null and
                    // refuses a null written out).
                    Value::Null if matches!(shape, ListOrEmpty(_)) => Ok(self.pooled(pool, Vec::new())),
                    Value::Array(items) => {
                        let items = items
                            .iter()
                            .enumerate()
                            .map(|(i, item)| self.emit(item, inner, &format!("{path}[{i}]")))
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok(self.pooled(pool, items))
                    }
                    _ => wrong("a list"),
                }
            }
            Struct(name, fields) => {
                let Some(map) = value.as_object() else { return wrong("a mapping") };
                if let Some(key) = map.keys().find(|k| !fields.iter().any(|f| f.0 == k.as_str())) {
                    return Err(format!("{path}: unknown key '{key}'"));
                }
                let mut out = format!("{name} {{ ");
                for (key, field, shape) in fields.iter() {
                    let value = match map.get(*key) {
                        // Written out as null: serde reads it as `None` for an `Option` only.
                        Some(Value::Null) if !matches!(shape, Optional(_)) => {
                            return Err(format!("{path}: '{key}' is null"));
                        }
                        Some(value) => value,
                        None if matches!(shape, Optional(_) | ListOrEmpty(_) | Shape::Bool) => &Value::Null,
                        None => return Err(format!("{path}: '{key}' is missing")),
                    };
                    out.push_str(&format!("{field}: {}, ", self.emit(value, shape, &format!("{path}.{key}"))?));
                }
                Ok(out + "}")
            }
            Shape::Support => {
                // The short form, a level alone, is the mapping with only `level`.
                let full = match value {
                    Value::String(_) => Value::Object([("level".to_string(), value.clone())].into_iter().collect()),
                    _ => value.clone(),
                };
                let support = Struct(
                    "Support",
                    &[
                        ("level", "level", LEVEL),
                        ("provided_by", "provided_by", Optional(&TEXT)),
                        ("package", "package", Optional(&PACKAGE)),
                        ("paid", "paid", Shape::Bool),
                        ("free_level", "free_level", Optional(&LEVEL)),
                        ("docs", "docs", Optional(&TEXT)),
                        ("note", "note", Optional(&TEXT)),
                        ("source", "source", Optional(&TEXT)),
                    ],
                );
                self.emit(&full, &support, path)
            }
            Shape::Features => {
                let Some(map) = value.as_object() else { return wrong("a mapping of feature to support") };
                let mut cells: Vec<(&String, &Value)> = map.iter().collect();
                // Vocabulary order, as validation puts it; unknown ids (an error there) last.
                cells.sort_by_key(|(id, _)| self.features.iter().position(|f| f == id).unwrap_or(usize::MAX));
                let cells = cells
                    .into_iter()
                    .map(|(id, support)| {
                        let support = self.emit(support, &Shape::Support, &format!("{path}.{id}"))?;
                        let (start, end) = self.span(id);
                        Ok(format!("(Text::builtin({start}, {end}), {support})"))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                Ok(format!("Features({})", self.pooled("FEATURE_CELLS", cells)))
            }
        }
    }
}
