//! The JSON and YAML document of a comparison (docs/compare.md): field order stable, numbers
//! unrounded, each framework carrying only the fields of the sections asked for.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::catalog::{Example, Factor, Features, Text};
use crate::decide::compare::{Comparison, Section, Standing};
use crate::decide::score::Ranked;

/// The JSON and YAML form of a comparison (docs/compare.md). Field order is stable; numbers
/// are unrounded; a framework carries only the fields of the sections asked for.
pub struct Document<'a> {
    comparison: &'a Comparison,
}

/// The document that JSON and YAML print for a comparison: only the sections asked for.
pub fn comparison(comparison: &Comparison) -> Document<'_> {
    Document { comparison }
}

#[derive(Serialize)]
struct Overview<'a> {
    languages: &'a [Text],
    kind: &'static str,
    license: &'a str,
    first_release: &'a str,
    latest_version: &'a str,
    concurrency: &'a str,
}

#[derive(Serialize)]
struct Contribution {
    rating: f64,
    contribution: f64,
}

struct Criteria<'a>(&'a Ranked);

impl Serialize for Criteria<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.criteria.len()))?;
        for part in &self.0.criteria {
            map.serialize_entry(
                part.criterion.id(),
                &Contribution { rating: part.rating, contribution: part.contribution },
            )?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct ScoreOf<'a> {
    score: f64,
    criteria: Criteria<'a>,
}

#[derive(Serialize)]
struct EntryDocument<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    overview: Option<Overview<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<ScoreOf<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excluded: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    factors: Option<&'a crate::catalog::Scores>,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<&'a Features>,
    #[serde(skip_serializing_if = "Option::is_none")]
    use_cases: Option<&'a crate::catalog::UseCases>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pros: Option<&'a [Text]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cons: Option<&'a [Text]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    use_when: Option<&'a [Text]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    examples: Option<&'a [Example]>,
}

/// `best`: for each factor (and `score`), the ids of the frameworks holding the best value.
struct Best<'a>(&'a Comparison);

impl Serialize for Best<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let c = self.0;
        let ids = |positions: Vec<usize>| -> Vec<&str> {
            positions.into_iter().map(|i| c.entries[i].framework.id.as_str()).collect()
        };
        let mut map = serializer.serialize_map(None)?;
        if c.sections.contains(&Section::Score) {
            map.serialize_entry("score", &ids(c.best_score()))?;
        }
        if c.sections.contains(&Section::Factors) {
            for factor in Factor::ALL {
                map.serialize_entry(factor.id(), &ids(c.best_on(factor)))?;
            }
        }
        map.end()
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let c = self.comparison;
        let has = |section: Section| c.sections.contains(&section);
        let entries: Vec<EntryDocument> = c
            .entries
            .iter()
            .map(|entry| {
                let f = &entry.framework;
                EntryDocument {
                    id: &f.id,
                    name: &f.name,
                    overview: has(Section::Overview).then(|| Overview {
                        languages: &f.languages,
                        kind: f.kind.id(),
                        license: &f.facts.license.value,
                        first_release: &f.facts.first_release.value,
                        latest_version: &f.facts.latest_release.version,
                        concurrency: &f.concurrency,
                    }),
                    score: entry
                        .ranked()
                        .filter(|_| has(Section::Score))
                        .map(|r| ScoreOf { score: r.score, criteria: Criteria(r) }),
                    excluded: match &entry.standing {
                        Some(Standing::Excluded(reasons)) if has(Section::Score) => Some(reasons),
                        _ => None,
                    },
                    factors: has(Section::Factors).then_some(&f.scores),
                    features: has(Section::Features).then_some(&f.features),
                    use_cases: has(Section::BestFor).then_some(&f.use_cases),
                    pros: has(Section::Pros).then_some(f.pros.as_slice()),
                    cons: has(Section::Cons).then_some(f.cons.as_slice()),
                    use_when: has(Section::UseWhen).then_some(f.use_when.as_slice()),
                    examples: has(Section::Examples).then_some(f.examples.as_slice()),
                }
            })
            .collect();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("sections", &c.sections)?;
        if has(Section::Score) {
            map.serialize_entry("criteria", &c.criteria)?;
        }
        map.serialize_entry("frameworks", &entries)?;
        map.serialize_entry("best", &Best(c))?;
        map.serialize_entry("sources", &c.sources)?;
        map.end()
    }
}
