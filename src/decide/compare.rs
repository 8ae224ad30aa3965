//! `compare`: two to six frameworks side by side, section by section, with the best rating of
//! each factor marked and, when scored, each framework's score explained. Pure: a catalog, the
//! wanted names and the answers in, a [`Comparison`] out; the renderers lay it out.

use serde::{Serialize, Serializer};

use crate::answers::{AnswerSet, Answers};
use crate::catalog::{Catalog, Factor, Framework};
use crate::decide::score::{self, Ranked, Weight, Weighting};
use crate::error::{Error, Origin, Problem, Result};

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
    Ranked(Box<Ranked>),
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
impl Comparison {
    /// Compare the frameworks `wanted` names (by id or name, in any case), in that order.
    pub fn new(
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
                Some(Answers::resolve(&AnswerSet::default(), &catalog.vocabulary, Origin::Defaults)?)
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
                        Some(ranked) => Standing::Ranked(Box::new(ranked.clone())),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let mut catalog = Catalog::builtin().expect("built-in");
        let layer = catalog.parse_layer(include_str!("../../tests/fixtures/small.yaml"), "small.yaml").expect("valid");
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
        let c = Comparison::new(&catalog, &names(&["GAMMA", "alpha"]), None, None).expect("compares");
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
            let error = Comparison::new(&catalog, &names(&wanted), None, None).expect_err("refused");
            assert_eq!(error.exit_code(), 2, "{error}");
        }
        let error = Comparison::new(&catalog, &names(&["alpha", "ALPHA"]), None, None).expect_err("refused");
        assert!(error.to_string().contains("already compared"), "{error}");
        let error = Comparison::new(&catalog, &names(&["alpha", "djngo"]), None, None).expect_err("refused");
        assert!(error.to_string().contains("did you mean 'django'?"), "{error}");
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn asking_for_the_score_scores_with_the_default_answers() {
        let catalog = catalog();
        let sections = [Section::Score, Section::Factors, Section::Score];
        let c = Comparison::new(&catalog, &names(&["alpha", "gamma"]), Some(&sections), None).expect("compares");
        assert_eq!(c.sections, [Section::Score, Section::Factors]);
        // Default weights: alpha 50, gamma 65 (worked out in src/decide/score.rs).
        let scores: Vec<f64> = c.entries.iter().map(|e| e.ranked().expect("ranked").score).collect();
        assert!((scores[0] - 50.0).abs() < 1e-9 && (scores[1] - 65.0).abs() < 1e-9, "{scores:?}");
        assert_eq!(c.best_score(), [1]);
    }
}
