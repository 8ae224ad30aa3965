//! What the team told us: the answers-file format ([`AnswerSet`], one layer), and the validated
//! [`Answers`] that scoring reads, with the one defaulting rule for importances.
//!
//! [`layers`] merges flags > answers file > preset > defaults, checking every layer where it came
//! from; [`pairwise`] holds AHP comparisons as written; [`presets`] the named starting points.

pub mod check;
pub mod layers;
pub mod pairwise;
pub mod presets;
pub mod team;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Factor, Level, Vocabulary};
use crate::criteria::Criterion;
use crate::error::{Error, Origin, Problem, Result};
use crate::radar::Radar;
use crate::suggest;

pub use check::{Source, check};
pub use layers::{FileLayer, Layers, Sources, merge, parse_file};
pub use pairwise::{PairValue, Pairwise, WrittenPair};
pub use presets::{PRESETS_YAML, Preset, find_preset, presets};

/// The importance of a criterion nobody gave one for: 3, "medium".
pub const DEFAULT_IMPORTANCE: u8 = 3;

/// The importance of use-case fit when use cases are named and no importance is given for it:
/// 5, "critical". What is being built is, with the team's languages, what a team says first
/// (docs/model.md "Use-case needs").
pub const DEFAULT_FIT_IMPORTANCE: u8 = 5;

/// The importance a factor takes from the use cases when nobody gave one: the mean of their
/// `needs.importance`, rounded (halves up); `None` without use cases that state needs.
pub fn use_case_importance(use_cases: &[String], factor: Factor, vocabulary: &Vocabulary) -> Option<u8> {
    let given: Vec<u8> =
        use_cases.iter().filter_map(|u| vocabulary.needs(u)).map(|n| n.importance.get(factor)).collect();
    if given.is_empty() {
        return None;
    }
    let sum: u32 = given.iter().map(|&v| u32::from(v)).sum();
    let n = given.len() as u32;
    Some(((2 * sum + n) / (2 * n)) as u8)
}

/// The importance of team familiarity when the team names its languages and says nothing more:
/// 5, "critical". A team that names its languages expects a framework in them unless the rest of
/// its answers clearly outweigh that (docs/model.md "Team languages").
pub const DEFAULT_FAMILIARITY_IMPORTANCE: u8 = 5;

/// The importance of team familiarity for a team that says it is open to other languages
/// (`--open-to`) and gives none: 3, "medium". It still prefers what it knows, but has said that
/// is not decisive.
pub const OPEN_FAMILIARITY_IMPORTANCE: u8 = 3;

/// The importance a criterion has when nobody gave one: [`DEFAULT_FAMILIARITY_IMPORTANCE`] for
/// team familiarity, [`DEFAULT_FIT_IMPORTANCE`] for use-case fit, [`DEFAULT_IMPORTANCE`] for
/// a factor (unless the use cases set it: [`use_case_importance`]).
pub fn default_importance(criterion: Criterion) -> u8 {
    match criterion {
        Criterion::TeamFamiliarity => DEFAULT_FAMILIARITY_IMPORTANCE,
        Criterion::UseCaseFit => DEFAULT_FIT_IMPORTANCE,
        _ => DEFAULT_IMPORTANCE,
    }
}

/// The words of the importance scale, 0 to 5, as the questionnaire shows them.
pub const IMPORTANCE_WORDS: [&str; 6] = ["ignore", "minor", "low", "medium", "high", "critical"];

/// An importance as people write it: `0`-`5` or a word of the scale (`high`), in any case.
pub fn parse_importance(text: &str) -> std::result::Result<u8, String> {
    let text = text.trim().to_lowercase();
    if let Ok(value) = text.parse::<u8>() {
        return if value <= 5 { Ok(value) } else { Err(format!("importance {value} is out of range")) };
    }
    IMPORTANCE_WORDS.iter().position(|w| *w == text).map(|i| i as u8).ok_or_else(|| {
        let hint = crate::suggest::closest(&text, IMPORTANCE_WORDS.iter().copied())
            .map_or(String::new(), |best| format!("did you mean '{best}'? "));
        format!("'{text}' is not an importance; {hint}expected 0-5 or ignore, minor, low, medium, high, critical")
    })
}

/// How well a team knows a language: `--team-knows kotlin` (well) or `--team-knows kotlin:some`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proficiency {
    /// The team writes it every day.
    Well,
    /// Someone on the team knows it a little.
    Some,
}

impl Proficiency {
    /// Parse the level after the colon of `LANG:LEVEL`.
    pub fn parse(text: &str) -> Option<Proficiency> {
        match text.trim().to_lowercase().as_str() {
            "well" | "expert" | "fluent" | "" => Some(Proficiency::Well),
            "some" | "little" | "basic" | "a-little" => Some(Proficiency::Some),
            _ => None,
        }
    }
}

/// One language the team knows, and how well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Known {
    /// The language id.
    pub language: String,
    /// How well.
    pub level: Proficiency,
}

/// The languages a team is open to adopting (`--open-to`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OpenTo {
    /// Only the languages it knows (the default).
    #[default]
    Known,
    /// These languages too.
    Languages(Vec<String>),
    /// Any language (`--open-to any`).
    Any,
}

impl OpenTo {
    /// The word that means every language.
    pub const ANY: &'static str = "any";

    /// Read the values as given (`any`, or language ids).
    pub fn from_values(values: &[String]) -> OpenTo {
        if values.iter().any(|v| v == Self::ANY) {
            OpenTo::Any
        } else if values.is_empty() {
            OpenTo::Known
        } else {
            OpenTo::Languages(dedup(values.to_vec()))
        }
    }

    /// Whether the team is open to adopting `language`.
    pub fn includes(&self, language: &str) -> bool {
        match self {
            OpenTo::Known => false,
            OpenTo::Languages(list) => list.iter().any(|l| l == language),
            OpenTo::Any => true,
        }
    }

    /// As written: `[]`, the ids, or `[any]`.
    pub fn values(&self) -> Vec<String> {
        match self {
            OpenTo::Known => Vec::new(),
            OpenTo::Languages(list) => list.clone(),
            OpenTo::Any => vec![Self::ANY.to_string()],
        }
    }
}

/// Split `kotlin:some` into the language and the level text (empty when none is given).
pub fn split_known(text: &str) -> (&str, &str) {
    text.split_once(':').unwrap_or((text, ""))
}

/// Rewrite what people type into the vocabulary's ids: languages by id, name or alias in any
/// case (`TypeScript`, `ts`, `golang`, `C#`), use cases and features in any case. Values it cannot
/// place are kept as given, so that the checks that follow name them with a suggestion.
pub fn normalize(set: &mut AnswerSet, vocabulary: &Vocabulary) {
    let language = |text: &str| vocabulary.find_language(text).map_or(text.to_string(), |l| l.id.to_string());
    if let Some(list) = set.languages.as_mut() {
        for value in list.iter_mut() {
            *value = language(value);
        }
    }
    if let Some(list) = set.open_to.as_mut() {
        for value in list.iter_mut() {
            if value.trim().eq_ignore_ascii_case(OpenTo::ANY) {
                *value = OpenTo::ANY.to_string();
            } else {
                *value = language(value);
            }
        }
    }
    if let Some(list) = set.team_knows.as_mut() {
        for value in list.iter_mut() {
            let (name, level) = split_known(value);
            let id = language(name);
            *value = if level.is_empty() { id } else { format!("{id}:{}", level.trim().to_lowercase()) };
        }
    }
    if let Some(list) = set.use_cases.as_mut() {
        for value in list.iter_mut() {
            let lower = value.trim().to_lowercase();
            if vocabulary.use_case_ids().any(|u| u == lower) {
                *value = lower;
            }
        }
    }
    if let Some(list) = set.require.as_mut() {
        for value in list.iter_mut() {
            let lower = value.trim().to_lowercase();
            let (feature, _) = split_known(&lower);
            if vocabulary.feature_ids().any(|f| f == feature) {
                *value = lower;
            }
        }
    }
}

/// An importance in a file: a whole number (checked against 0-5 later, where it stands) or a
/// word of the scale.
fn importance_value<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<u8>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Number(u8),
        Word(String),
    }
    match Option::<Written>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Written::Number(value)) => Ok(Some(value)),
        Some(Written::Word(word)) => parse_importance(&word).map(Some).map_err(serde::de::Error::custom),
    }
}

/// Importance (0–5, or a word of the scale) of each criterion; every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Importance {
    /// Performance importance.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
    pub performance: Option<u8>,
    /// Scalability importance.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
    pub scalability: Option<u8>,
    /// Productivity importance.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
    pub productivity: Option<u8>,
    /// Integration importance.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
    pub integration: Option<u8>,
    /// Community importance.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
    pub community: Option<u8>,
    /// Importance of fit to the requested use cases.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
    pub use_case_fit: Option<u8>,
    /// Importance of the team already knowing the language.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "importance_value")]
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
    /// Languages the team is open to adopting (`any` for every one): a framework in them pays
    /// no language switching cost (docs/model.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_to: Option<Vec<String>>,
    /// Frameworks the team rules out by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<String>>,
    /// The framework the team runs today, by id: every other one pays a migration cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incumbent: Option<String>,
    /// AHP: the 10 pairwise comparisons of the five factors, `"a/b": 3` meaning a matters
    /// moderately more than b (Saaty's 1–9 scale, `"1/3"` for the reverse).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairwise: Option<BTreeMap<String, PairValue>>,
    /// Who gave these answers: a member's name when several people decide together
    /// (`recommend --answers` more than once, or `--team`); for one person, the decision
    /// record's `decision-makers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// That person's role, e.g. `tech lead`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// People kept informed of the decision (MADR's `informed`), e.g. `Platform team`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub informed: Option<Vec<String>>,
    /// The project's name, e.g. `Checkout service`: the decision record is about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the project is, in a sentence or a few: the decision record's context opens with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The organisation's technology radar: a Build-Your-Own-Radar CSV or Backstage tech-radar
    /// JSON file (`docs/radar.md`). In an answers or team file, relative to that file's folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radar: Option<String>,
    /// Whether a framework the radar puts in Adopt counts as organisational support in team
    /// familiarity (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radar_support: Option<bool>,
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
    /// Whether only free providers count (`FEATURE:free`, `FEATURE:LEVEL:free`): a paid product
    /// such as Laravel Nova does not satisfy it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub free: bool,
}

impl Requirement {
    /// As written on the command line: `orm:official`, `admin:community:free`.
    pub fn spec(&self) -> String {
        format!("{}:{}{}", self.feature, self.level.id(), if self.free { ":free" } else { "" })
    }

    /// The level a framework's support of the feature has for this requirement (free providers
    /// only when `free`).
    pub fn level_of(&self, features: &crate::catalog::Features) -> Level {
        if self.free { features.free_level(&self.feature) } else { features.level(&self.feature) }
    }
}

/// Validated answers, ready for scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// Importance of each factor, in [`Factor::ALL`] order.
    pub factors: [u8; 5],
    /// Importance of use-case fit; `Some` exactly when use cases were given.
    pub use_case_fit: Option<u8>,
    /// Importance of team familiarity; `Some` exactly when team languages were given.
    pub team_familiarity: Option<u8>,
    /// Requested use cases.
    pub use_cases: Vec<String>,
    /// Languages the team knows, and how well.
    pub team_knows: Vec<Known>,
    /// Only these languages (empty: all).
    pub languages: Vec<String>,
    /// Feature requirements.
    pub require: Vec<Requirement>,
    /// Languages the team is open to adopting: no switching cost for them.
    pub open_to: OpenTo,
    /// Frameworks the team rules out by id.
    pub exclude: Vec<String>,
    /// The framework the team runs today, by id.
    pub incumbent: Option<String>,
    /// The criteria whose importance nobody gave and the use cases set instead, in criterion
    /// order (empty when none did).
    pub use_case_defaults: Vec<Criterion>,
    /// AHP comparisons of the five factors, when given: the factors are then weighed by AHP.
    pub pairwise: Option<Pairwise>,
    /// Weights decided elsewhere, one per active criterion in criterion order, summing to 1: a
    /// team's aggregated weights ([`team`]). When set they are used as they are.
    pub weights: Option<Vec<(Criterion, f64)>>,
    /// The project's name, when given (`--title` or the answers' `title`).
    pub title: Option<String>,
    /// What the project is, when the answers say (`description`).
    pub description: Option<String>,
    /// The one person deciding, from the answers' `name` and `role`: `Alice (tech lead)`; `None`
    /// when no name is given, and for a team (its members are named in its report).
    pub decider: Option<String>,
    /// Who is kept informed of the decision (the answers' or team file's `informed`), trimmed,
    /// blank names left out.
    pub informed: Vec<String>,
    /// The organisation's radar, when one is given ([`read_radar`] reads it).
    pub radar: Option<Radar>,
    /// Whether Adopt on the radar counts as organisational support in team familiarity.
    pub radar_support: bool,
}

/// Names as given, trimmed, without blanks or repeats.
pub fn names(given: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in given.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// "Name (role)" from an answer set's `name` and `role`, trimmed; `None` without a name.
pub fn decider(set: &AnswerSet) -> Option<String> {
    let name = set.name.as_deref().map(str::trim).filter(|n| !n.is_empty())?;
    Some(match set.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(role) => format!("{name} ({role})"),
        None => name.to_string(),
    })
}

/// Read the radar an answer set names, if any, through the guarded reader.
pub fn read_radar(set: &AnswerSet) -> Result<Option<Radar>> {
    set.radar.as_deref().map(|path| Radar::read(std::path::Path::new(path))).transpose()
}

/// Parse `FEATURE[:LEVEL][:free]`.
pub fn parse_requirement(text: &str, vocabulary: &Vocabulary) -> std::result::Result<Requirement, (String, String)> {
    let (text, free) = match text.strip_suffix(":free") {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let (feature, level) = match text.split_once(':') {
        Some((feature, level)) => (feature, Some(level)),
        None => (text, None),
    };
    if !vocabulary.feature_ids().any(|id| id == feature) {
        return Err((format!("unknown feature '{feature}'"), suggest::hint(feature, vocabulary.feature_ids())));
    }
    // A bare feature means "from the framework's own project": in core or an official package.
    let level = match level {
        None => Level::Official,
        Some(level) => Level::parse(level).map_err(|hint| {
            let valid = Level::ALL.iter().map(|l| l.id()).chain(["free"]).collect::<Vec<_>>();
            let hint = if level.contains(':') { hint } else { suggest::hint(level, valid.iter().copied()) };
            (format!("unknown support level '{level}'"), hint)
        })?,
    };
    Ok(Requirement { feature: feature.to_string(), level, free })
}

impl Answers {
    /// Resolve merged, already-checked answers: apply defaults and refuse all-zero importances.
    /// `blame` names where the importances came from, for the all-zero error.
    pub fn resolve(set: &AnswerSet, vocabulary: &Vocabulary, blame: Origin) -> Result<Answers> {
        let use_cases = dedup(set.use_cases.clone().unwrap_or_default());
        let mut team_knows: Vec<Known> = Vec::new();
        for text in set.team_knows.iter().flatten() {
            let (language, level) = split_known(text);
            if team_knows.iter().any(|k| k.language == language) {
                continue;
            }
            let level = Proficiency::parse(level).unwrap_or(Proficiency::Well);
            team_knows.push(Known { language: language.to_string(), level });
        }
        let mut factors = [DEFAULT_IMPORTANCE; 5];
        let mut use_case_defaults = Vec::new();
        for (slot, factor) in factors.iter_mut().zip(Factor::ALL) {
            let criterion = Criterion::Factor(factor);
            *slot = match (set.importance.get(criterion), use_case_importance(&use_cases, factor, vocabulary)) {
                (Some(given), _) => given,
                (None, Some(from_use_case)) if set.pairwise.is_none() => {
                    use_case_defaults.push(criterion);
                    from_use_case
                }
                (None, _) => DEFAULT_IMPORTANCE,
            };
        }
        let use_case_fit = (!use_cases.is_empty()).then(|| {
            set.importance.use_case_fit.unwrap_or_else(|| {
                use_case_defaults.push(Criterion::UseCaseFit);
                DEFAULT_FIT_IMPORTANCE
            })
        });
        let open = set.open_to.as_ref().is_some_and(|v| !v.is_empty());
        let familiarity_default =
            if open { OPEN_FAMILIARITY_IMPORTANCE } else { default_importance(Criterion::TeamFamiliarity) };
        let team_familiarity =
            (!team_knows.is_empty()).then(|| set.importance.team_familiarity.unwrap_or(familiarity_default));
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
            open_to: OpenTo::from_values(set.open_to.as_deref().unwrap_or_default()),
            exclude: dedup(set.exclude.clone().unwrap_or_default()),
            incumbent: set.incumbent.clone().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()),
            use_case_defaults,
            pairwise: set.pairwise.as_ref().and_then(|map| Pairwise::from_map(map, &|_| None)),
            weights: None,
            title: set.title.clone().filter(|t| !t.trim().is_empty()),
            description: set.description.clone().filter(|d| !d.trim().is_empty()),
            decider: decider(set),
            informed: names(set.informed.as_deref().unwrap_or_default()),
            radar: None,
            radar_support: set.radar_support.unwrap_or(true),
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
        assert_eq!(answers.use_case_fit, Some(DEFAULT_FIT_IMPORTANCE));
        // The use case set the factors nobody gave, and that is recorded.
        let api = v.needs("api").expect("api states its needs").importance;
        assert_eq!(answers.factors, Factor::ALL.map(|f| api.get(f)));
        assert_eq!(answers.use_case_defaults.len(), 6);
        // A factor given keeps its importance; two use cases average theirs, halves rounding up.
        let set = AnswerSet {
            importance: Importance { performance: Some(0), ..Default::default() },
            use_cases: Some(vec!["cms".into(), "api-gateway".into()]),
            ..Default::default()
        };
        let answers = Answers::resolve(&set, &v, Origin::Flag("-".into())).expect("valid");
        assert_eq!(answers.factors[0], 0);
        let (cms, gateway) = (v.needs("cms").expect("cms").importance, v.needs("api-gateway").expect("gw").importance);
        let mean = (u32::from(cms.scalability) + u32::from(gateway.scalability)) as f64 / 2.0;
        assert_eq!(f64::from(answers.factors[1]), (mean + 0.5).floor());
        assert!(!answers.use_case_defaults.contains(&Criterion::Factor(Factor::Performance)));
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
    fn requirements_default_to_the_frameworks_own_project() {
        let v = vocabulary();
        let r = parse_requirement("orm", &v).expect("valid");
        assert_eq!(r.level, Level::Official);
        let r = parse_requirement("orm:builtin", &v).expect("valid");
        assert_eq!(r.level, Level::Builtin);
        let r = parse_requirement("auth:official", &v).expect("valid");
        assert_eq!(r.level, Level::Official);
        assert!(parse_requirement("orm:bultin", &v).is_err());
        let r = parse_requirement("admin:free", &v).expect("valid");
        assert_eq!((r.level, r.free), (Level::Official, true));
        let r = parse_requirement("admin:community:free", &v).expect("valid");
        assert_eq!((r.level, r.free, r.spec().as_str()), (Level::Community, true, "admin:community:free"));
        let (_, hint) = parse_requirement("admin:fre", &v).expect_err("typo");
        assert!(hint.contains("free"), "{hint}");
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
