//! What the team told us: the answers-file format ([`AnswerSet`], one layer), and the validated
//! [`Answers`] that scoring reads, with the one defaulting rule for importances.
//!
//! [`layers`] merges flags > answers file > preset > defaults, checking every layer where it came
//! from; [`pairwise`] holds AHP comparisons as written; [`presets`] the named starting points.

pub mod check;
pub mod layers;
pub mod pairwise;
pub mod presets;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Factor, Level, Vocabulary};
use crate::criteria::Criterion;
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;

pub use check::{Source, check};
pub use layers::{FileLayer, Layers, Sources, merge, parse_file};
pub use pairwise::{PairValue, Pairwise, WrittenPair};
pub use presets::{PRESETS_YAML, Preset, find_preset, presets};

/// The importance of a criterion nobody gave one for: 3, "medium".
pub const DEFAULT_IMPORTANCE: u8 = 3;

/// Importance (0–5) of each criterion; every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Importance {
    /// Performance importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<u8>,
    /// Scalability importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scalability: Option<u8>,
    /// Productivity importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub productivity: Option<u8>,
    /// Integration importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration: Option<u8>,
    /// Community importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<u8>,
    /// Importance of fit to the requested use cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_case_fit: Option<u8>,
    /// Importance of the team already knowing the language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_familiarity: Option<u8>,
}

impl Importance {
    /// The importance given for one criterion, if any.
    pub fn get(&self, criterion: Criterion) -> Option<u8> {
        match criterion {
            Criterion::Factor(Factor::Performance) => self.performance,
            Criterion::Factor(Factor::Scalability) => self.scalability,
            Criterion::Factor(Factor::Productivity) => self.productivity,
            Criterion::Factor(Factor::Integration) => self.integration,
            Criterion::Factor(Factor::Community) => self.community,
            Criterion::UseCaseFit => self.use_case_fit,
            Criterion::TeamFamiliarity => self.team_familiarity,
        }
    }

    /// Set the importance of one criterion.
    pub fn set(&mut self, criterion: Criterion, value: Option<u8>) {
        let slot = match criterion {
            Criterion::Factor(Factor::Performance) => &mut self.performance,
            Criterion::Factor(Factor::Scalability) => &mut self.scalability,
            Criterion::Factor(Factor::Productivity) => &mut self.productivity,
            Criterion::Factor(Factor::Integration) => &mut self.integration,
            Criterion::Factor(Factor::Community) => &mut self.community,
            Criterion::UseCaseFit => &mut self.use_case_fit,
            Criterion::TeamFamiliarity => &mut self.team_familiarity,
        };
        *slot = value;
    }
}

/// One layer of answers, as written in an answers file or given by flags; every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSet {
    /// Importance per criterion.
    #[serde(default, skip_serializing_if = "is_default")]
    pub importance: Importance,
    /// What the project is: use-case ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_cases: Option<Vec<String>>,
    /// Languages the team knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_knows: Option<Vec<String>>,
    /// Consider only frameworks in these languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// Required features, `FEATURE` or `FEATURE:LEVEL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require: Option<Vec<String>>,
    /// AHP: the 10 pairwise comparisons of the five factors, `"a/b": 3` meaning a matters
    /// moderately more than b (Saaty's 1–9 scale, `"1/3"` for the reverse).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairwise: Option<BTreeMap<String, PairValue>>,
}

fn is_default(importance: &Importance) -> bool {
    importance == &Importance::default()
}

/// A feature that must be supported at least at a level (a hard filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Feature id.
    pub feature: String,
    /// Weakest acceptable level.
    pub level: Level,
}

/// Validated answers, ready for scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Importance of each factor, in [`Factor::ALL`] order.
    pub factors: [u8; 5],
    /// Importance of use-case fit; `Some` exactly when use cases were given.
    pub use_case_fit: Option<u8>,
    /// Importance of team familiarity; `Some` exactly when team languages were given.
    pub team_familiarity: Option<u8>,
    /// Requested use cases.
    pub use_cases: Vec<String>,
    /// Languages the team knows.
    pub team_knows: Vec<String>,
    /// Only these languages (empty: all).
    pub languages: Vec<String>,
    /// Feature requirements.
    pub require: Vec<Requirement>,
    /// AHP comparisons of the five factors, when given: the factors are then weighed by AHP.
    pub pairwise: Option<Pairwise>,
}

/// Parse `FEATURE[:LEVEL]`.
pub fn parse_requirement(text: &str, vocabulary: &Vocabulary) -> std::result::Result<Requirement, (String, String)> {
    let (feature, level) = match text.split_once(':') {
        Some((feature, level)) => (feature, Some(level)),
        None => (text, None),
    };
    if !vocabulary.feature_ids().any(|id| id == feature) {
        return Err((format!("unknown feature '{feature}'"), suggest::hint(feature, vocabulary.feature_ids())));
    }
    let level = match level {
        None => Level::Builtin,
        Some(level) => Level::parse(level).map_err(|hint| (format!("unknown support level '{level}'"), hint))?,
    };
    Ok(Requirement { feature: feature.to_string(), level })
}

impl Answers {
    /// Resolve merged, already-checked answers: apply defaults and refuse all-zero importances.
    /// `blame` names where the importances came from, for the all-zero error.
    pub fn resolve(set: &AnswerSet, vocabulary: &Vocabulary, blame: Origin) -> Result<Answers> {
        let use_cases = dedup(set.use_cases.clone().unwrap_or_default());
        let team_knows = dedup(set.team_knows.clone().unwrap_or_default());
        let mut factors = [DEFAULT_IMPORTANCE; 5];
        for (slot, factor) in factors.iter_mut().zip(Factor::ALL) {
            *slot = set.importance.get(Criterion::Factor(factor)).unwrap_or(DEFAULT_IMPORTANCE);
        }
        let use_case_fit = (!use_cases.is_empty()).then(|| set.importance.use_case_fit.unwrap_or(DEFAULT_IMPORTANCE));
        let team_familiarity =
            (!team_knows.is_empty()).then(|| set.importance.team_familiarity.unwrap_or(DEFAULT_IMPORTANCE));
        let mut require = Vec::new();
        for text in set.require.iter().flatten() {
            if let Ok(requirement) = parse_requirement(text, vocabulary) {
                require.retain(|r: &Requirement| r.feature != requirement.feature);
                require.push(requirement);
            }
        }
        let answers = Answers {
            factors,
            use_case_fit,
            team_familiarity,
            use_cases,
            team_knows,
            languages: dedup(set.languages.clone().unwrap_or_default()),
            require,
            pairwise: set.pairwise.as_ref().and_then(|map| Pairwise::from_map(map, &|_| None)),
        };
        answers.check_weighable(blame)?;
        Ok(answers)
    }

    /// Refuse answers that weigh nothing: every active importance 0 and no comparisons (with
    /// comparisons the factors always have weight). `blame` names where the importances came from.
    pub fn check_weighable(&self, blame: Origin) -> Result<()> {
        let total: u32 = Criterion::ALL.into_iter().filter_map(|c| self.importance(c)).map(u32::from).sum();
        if total > 0 || self.pairwise.is_some() {
            return Ok(());
        }
        Err(Error::at(Problem {
            origin: blame,
            entry: None,
            field: Some("importance".into()),
            message: "every importance is 0, so nothing would be weighed".into(),
            hint: Some("give at least one criterion an importance from 1 to 5".into()),
        }))
    }

    /// The importance of a criterion, `None` when the criterion is not active.
    pub fn importance(&self, criterion: Criterion) -> Option<u8> {
        match criterion {
            Criterion::Factor(factor) => Some(self.factors[factor as usize]),
            Criterion::UseCaseFit => self.use_case_fit,
            Criterion::TeamFamiliarity => self.team_familiarity,
        }
    }
}

fn dedup(mut values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.clone()));
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn vocabulary() -> Vocabulary {
        Catalog::builtin().expect("built-in").vocabulary
    }

    #[test]
    fn flags_beat_the_file_which_beats_the_preset() {
        let flags =
            AnswerSet { importance: Importance { performance: Some(5), ..Default::default() }, ..Default::default() };
        let file = AnswerSet {
            importance: Importance { performance: Some(1), community: Some(2), ..Default::default() },
            use_cases: Some(vec!["api".into()]),
            ..Default::default()
        };
        let preset = AnswerSet {
            importance: Importance { community: Some(4), scalability: Some(0), ..Default::default() },
            use_cases: Some(vec!["cms".into()]),
            ..Default::default()
        };
        let merged = merge(&[&flags, &file, &preset]);
        assert_eq!(merged.importance.performance, Some(5));
        assert_eq!(merged.importance.community, Some(2));
        assert_eq!(merged.importance.scalability, Some(0));
        assert_eq!(merged.use_cases, Some(vec!["api".to_string()]));
    }

    #[test]
    fn context_criteria_are_active_only_when_asked_for() {
        let v = vocabulary();
        let answers = Answers::resolve(&AnswerSet::default(), &v, Origin::Flag("-".into())).expect("valid");
        assert_eq!(answers.factors, [3; 5]);
        assert_eq!(answers.use_case_fit, None);
        let set = AnswerSet { use_cases: Some(vec!["api".into()]), ..Default::default() };
        let answers = Answers::resolve(&set, &v, Origin::Flag("-".into())).expect("valid");
        assert_eq!(answers.use_case_fit, Some(3));
    }

    #[test]
    fn all_zero_is_refused() {
        let v = vocabulary();
        let zero = Importance {
            performance: Some(0),
            scalability: Some(0),
            productivity: Some(0),
            integration: Some(0),
            community: Some(0),
            ..Default::default()
        };
        let set = AnswerSet { importance: zero, ..Default::default() };
        let err = Answers::resolve(&set, &v, Origin::Flag("--performance".into())).expect_err("all zero");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn unknown_values_get_suggestions() {
        let v = vocabulary();
        let set = AnswerSet { use_cases: Some(vec!["ai_ml".into()]), ..Default::default() };
        let err = check(&set, &v, &Source::Flags).expect_err("unknown");
        assert!(err.to_string().contains("did you mean 'ai-ml'?"), "{err}");
    }

    #[test]
    fn requirements_default_to_builtin() {
        let v = vocabulary();
        let r = parse_requirement("orm", &v).expect("valid");
        assert_eq!(r.level, Level::Builtin);
        let r = parse_requirement("auth:official", &v).expect("valid");
        assert_eq!(r.level, Level::Official);
        assert!(parse_requirement("orm:bultin", &v).is_err());
    }

    #[test]
    fn builtin_presets_are_valid() {
        let v = vocabulary();
        let presets = presets(&v).expect("valid presets");
        for id in ["startup-mvp", "enterprise", "real-time", "ai-api", "microservices", "content-site"] {
            assert!(presets.iter().any(|p| p.id == id), "missing preset {id}");
        }
    }
}
