//! `compare`: two to six frameworks side by side, section by section, with the best rating of
//! each factor marked and, when scored, each framework's score explained. Pure: a catalog, the
//! wanted names and the answers in, a [`Comparison`] out; the renderers lay it out.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::answers::{AnswerSet, Answers};
use crate::catalog::{Catalog, Example, Factor, Features, Framework};
use crate::error::{Error, Origin, Problem, Result};
use crate::score::{self, Ranked, Weight, Weighting};

/// The fewest frameworks a comparison holds.
pub const MIN_FRAMEWORKS: usize = 2;
/// The most frameworks a comparison holds.
pub const MAX_FRAMEWORKS: usize = 6;

/// A group of rows in a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Language, kind, licence, first release, latest version, concurrency.
    Overview,
    /// The score for the answers, with each criterion's rating and contribution.
    Score,
    /// The five factor ratings, the best of each marked.
    Factors,
    /// The support level of every vocabulary feature.
    Features,
    /// The use cases it suits.
    BestFor,
    /// Strengths.
    Pros,
    /// Weaknesses.
    Cons,
    /// Advice on when to choose it.
    UseWhen,
    /// Known production users.
    Examples,
}

impl Section {
    /// Every section, in the order shown by default.
    pub const ALL: [Section; 9] = [
        Section::Overview,
        Section::Score,
        Section::Factors,
        Section::Features,
        Section::BestFor,
        Section::Pros,
        Section::Cons,
        Section::UseWhen,
        Section::Examples,
    ];

    /// The id used by `--sections` and in JSON, YAML and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Score => "score",
            Section::Factors => "factors",
            Section::Features => "features",
            Section::BestFor => "best-for",
            Section::Pros => "pros",
            Section::Cons => "cons",
            Section::UseWhen => "use-when",
            Section::Examples => "examples",
        }
    }

    /// The heading people read.
    pub fn title(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Score => "Score",
            Section::Factors => "Factors",
            Section::Features => "Features",
            Section::BestFor => "Best for",
            Section::Pros => "Pros",
            Section::Cons => "Cons",
            Section::UseWhen => "Use when",
            Section::Examples => "Examples",
        }
    }

    /// The sections shown when none are asked for: all of them, the score only when scored.
    pub fn defaults(scored: bool) -> Vec<Section> {
        Section::ALL.into_iter().filter(|s| scored || *s != Section::Score).collect()
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// Where a compared framework stands under the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// It passes the hard filters: its score, explained.
    Ranked(Ranked),
    /// A hard filter removes it, for these reasons.
    Excluded(Vec<String>),
}

/// One compared framework with its standing when the comparison is scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The catalog entry.
    pub framework: Framework,
    /// Its score or why it is excluded; `None` when the comparison is not scored.
    pub standing: Option<Standing>,
}

/// Two to six frameworks, the sections to show, and the weights when scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The sections to show, in order, without repeats.
    pub sections: Vec<Section>,
    /// The frameworks, in the order they were asked for.
    pub entries: Vec<Entry>,
    /// The active criteria and their weights; empty when not scored.
    pub criteria: Vec<Weight>,
    /// How the weights were obtained (direct importances, or AHP).
    pub weighting: Weighting,
    /// Where the catalog came from: `built-in`, then each `--catalog` file.
    pub sources: Vec<String>,
}

/// Build a comparison of the frameworks named in `wanted` (ids or names, any case).
///
/// `sections` defaults to [`Section::defaults`]; the comparison is scored when `answers` are
/// given or the score section is asked for (then with the default answers: every factor 3).
pub fn compare(
    catalog: &Catalog,
    wanted: &[String],
    sections: Option<&[Section]>,
    answers: Option<&Answers>,
) -> Result<Comparison> {
    if !(MIN_FRAMEWORKS..=MAX_FRAMEWORKS).contains(&wanted.len()) {
        return Err(argument(format!(
            "{} framework(s) given; compare takes {MIN_FRAMEWORKS} to {MAX_FRAMEWORKS}",
            wanted.len()
        )));
    }
    let mut frameworks: Vec<&Framework> = Vec::new();
    for name in wanted {
        let framework = catalog.find(name, Origin::Flag("ID".into()))?;
        if frameworks.iter().any(|f| f.id == framework.id) {
            return Err(argument(format!(
                "'{name}' names {} ({}), which is already compared",
                framework.name, framework.id
            )));
        }
        frameworks.push(framework);
    }
    let mut chosen: Vec<Section> = Vec::new();
    for section in sections.map_or_else(|| Section::defaults(answers.is_some()), <[Section]>::to_vec) {
        if !chosen.contains(&section) {
            chosen.push(section);
        }
    }
    let defaults = match answers {
        None if chosen.contains(&Section::Score) => {
            Some(Answers::resolve(&AnswerSet::default(), &catalog.vocabulary, Origin::Flag("defaults".into()))?)
        }
        _ => None,
    };
    let (criteria, weighting, ranking) = match answers.or(defaults.as_ref()) {
        Some(answers) => {
            let ranking = score::rank(catalog, answers)?;
            (ranking.criteria.clone(), ranking.weighting.clone(), Some(ranking))
        }
        None => (Vec::new(), Weighting { method: "direct", ahp: None }, None),
    };
    let entries = frameworks
        .into_iter()
        .map(|framework| {
            let standing =
                ranking.as_ref().map(|ranking| match ranking.ranking.iter().find(|r| r.id == framework.id) {
                    Some(ranked) => Standing::Ranked(ranked.clone()),
                    None => Standing::Excluded(
                        ranking
                            .excluded
                            .iter()
                            .find(|e| e.id == framework.id)
                            .map(|e| e.reasons.clone())
                            .unwrap_or_default(),
                    ),
                });
            Entry { framework: framework.clone(), standing }
        })
        .collect();
    Ok(Comparison { sections: chosen, entries, criteria, weighting, sources: catalog.sources.clone() })
}

fn argument(message: String) -> Error {
    Error::at(Problem { origin: Origin::Flag("ID".into()), entry: None, field: None, message, hint: None })
}

/// The positions of the largest values, or none when every value is the same: a mark that
/// every column carries tells nothing. Values within 1e-9 count as equal.
fn best_of(values: &[Option<f64>]) -> Vec<usize> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let Some(max) = present.iter().copied().reduce(f64::max) else { return Vec::new() };
    let at_max = |v: &f64| (max - v).abs() < 1e-9;
    if present.len() > 1 && present.iter().all(at_max) {
        return Vec::new();
    }
    values.iter().enumerate().filter(|(_, v)| v.as_ref().is_some_and(at_max)).map(|(i, _)| i).collect()
}

impl Comparison {
    /// Whether the comparison carries scores.
    pub fn scored(&self) -> bool {
        self.entries.iter().any(|e| e.standing.is_some())
    }

    /// The positions of the frameworks with the best rating on a factor (none when all tie).
    pub fn best_on(&self, factor: Factor) -> Vec<usize> {
        best_of(&self.entries.iter().map(|e| Some(e.framework.scores.get(factor))).collect::<Vec<_>>())
    }

    /// The positions of the frameworks with the best score (none when all tie or none is scored).
    pub fn best_score(&self) -> Vec<usize> {
        best_of(&self.entries.iter().map(|e| e.ranked().map(|r| r.score)).collect::<Vec<_>>())
    }

    /// The document that JSON and YAML print: only the sections asked for.
    pub fn document(&self) -> Document<'_> {
        Document { comparison: self }
    }
}

impl Entry {
    /// The score, when scored and not excluded.
    pub fn ranked(&self) -> Option<&Ranked> {
        match &self.standing {
            Some(Standing::Ranked(ranked)) => Some(ranked),
            _ => None,
        }
    }
}

/// The JSON and YAML form of a comparison (README "compare"). Field order is stable; numbers
/// are unrounded; a framework carries only the fields of the sections asked for.
pub struct Document<'a> {
    comparison: &'a Comparison,
}

#[derive(Serialize)]
struct Overview<'a> {
    language: &'a str,
    kind: &'static str,
    license: &'a str,
    first_release: u16,
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
    best_for: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pros: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cons: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    use_when: Option<&'a [String]>,
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
                        language: &f.language,
                        kind: f.kind.id(),
                        license: &f.license,
                        first_release: f.first_release,
                        latest_version: &f.latest_version,
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
                    best_for: has(Section::BestFor).then_some(f.best_for.as_slice()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let mut catalog = Catalog::builtin().expect("built-in");
        let layer = catalog.parse_layer(include_str!("../tests/fixtures/small.yaml"), "small.yaml").expect("valid");
        catalog.apply(layer, "small.yaml".into());
        catalog
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn best_marks_the_maximum_and_nothing_when_all_tie() {
        assert_eq!(best_of(&[Some(3.0), Some(4.5), Some(4.5)]), [1, 2]);
        assert_eq!(best_of(&[Some(3.0), Some(3.0)]), Vec::<usize>::new());
        assert_eq!(best_of(&[None, Some(2.0)]), [1]);
        assert_eq!(best_of(&[None, None]), Vec::<usize>::new());
    }

    #[test]
    fn names_resolve_in_any_case_and_keep_their_order() {
        let catalog = catalog();
        let c = compare(&catalog, &names(&["GAMMA", "alpha"]), None, None).expect("compares");
        let ids: Vec<&str> = c.entries.iter().map(|e| e.framework.id.as_str()).collect();
        assert_eq!(ids, ["gamma", "alpha"]);
        assert!(!c.scored());
        assert!(!c.sections.contains(&Section::Score));
        // alpha 5 vs gamma 1.5 on performance; community 1 vs 4.5.
        assert_eq!(c.best_on(Factor::Performance), [1]);
        assert_eq!(c.best_on(Factor::Community), [0]);
    }

    #[test]
    fn wrong_counts_duplicates_and_typos_are_usage_errors() {
        let catalog = catalog();
        for wanted in [vec!["alpha"], vec!["alpha", "beta", "gamma", "django", "flask", "fastapi", "axum"]] {
            let error = compare(&catalog, &names(&wanted), None, None).expect_err("refused");
            assert_eq!(error.exit_code(), 2, "{error}");
        }
        let error = compare(&catalog, &names(&["alpha", "ALPHA"]), None, None).expect_err("refused");
        assert!(error.to_string().contains("already compared"), "{error}");
        let error = compare(&catalog, &names(&["alpha", "djngo"]), None, None).expect_err("refused");
        assert!(error.to_string().contains("did you mean 'django'?"), "{error}");
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn asking_for_the_score_scores_with_the_default_answers() {
        let catalog = catalog();
        let sections = [Section::Score, Section::Factors, Section::Score];
        let c = compare(&catalog, &names(&["alpha", "gamma"]), Some(&sections), None).expect("compares");
        assert_eq!(c.sections, [Section::Score, Section::Factors]);
        // Default weights: alpha 50, gamma 65 (worked out in src/score.rs).
        let scores: Vec<f64> = c.entries.iter().map(|e| e.ranked().expect("ranked").score).collect();
        assert!((scores[0] - 50.0).abs() < 1e-9 && (scores[1] - 65.0).abs() < 1e-9, "{scores:?}");
        assert_eq!(c.best_score(), [1]);
    }
}
