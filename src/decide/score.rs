//! The scoring engine: catalog + answers in, an explained [`Ranking`] out. Pure: no I/O.
//!
//! The math (docs/scoring.md): weight = importance / Σ active importances
//! (or AHP, [`crate::decide::ahp`]); `wsm`: u = (rating − 1) / 4, contribution = 100 × weight × u,
//! score = Σ contributions; `topsis`: 100 × closeness ([`crate::decide::topsis`]). Hard filters remove
//! candidates first; order is score descending, then name ascending.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::answers::{Answers, Requirement};
use crate::catalog::{Catalog, Factor, Framework, Level, List, Text, Vocabulary};
use crate::criteria::Criterion;
use crate::decide::ahp;
use crate::decide::switching::{self, Cost};
use crate::decide::topsis;
use crate::error::{Origin, Result};
use crate::radar::{Placement, Radar, Ring, Suggestion};

/// How the criteria are combined into a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Weighted sum model: score = Σ 100 × w × (r − 1) / 4.
    #[default]
    Wsm,
    /// TOPSIS: score = 100 × closeness to the ideal.
    Topsis,
}

impl Method {
    /// `wsm` or `topsis`, as in `--method` and the JSON.
    pub fn id(self) -> &'static str {
        match self {
            Method::Wsm => "wsm",
            Method::Topsis => "topsis",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Method {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// An active criterion with its importance and normalized weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weight {
    /// Which criterion.
    pub id: Criterion,
    /// Importance 0–5 as given.
    pub importance: u8,
    /// importance / Σ importances.
    pub weight: f64,
}

/// How the weights were obtained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weighting {
    /// `direct`: from importances; `ahp`: the factors from pairwise comparisons; `team`: a team's
    /// aggregated weights.
    pub method: &'static str,
    /// The AHP figures, present exactly when `method` is `ahp`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub ahp: Option<AhpWeighting>,
}

/// What AHP weighting adds to `weighting` in the JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpWeighting {
    /// λmax of the factors' comparison matrix.
    pub lambda_max: f64,
    /// CI = (λmax − 5) / 4.
    pub consistency_index: f64,
    /// CR = CI / 1.12.
    pub consistency_ratio: f64,
    /// `a/b`, the comparison that most disagrees with the weights, when CR > 0.10; else null.
    pub inconsistent_pair: Option<String>,
    /// The same, with what a person needs to revise it (not serialized).
    #[serde(skip)]
    pub inconsistency: Option<Inconsistency>,
}

/// Inconsistent comparisons (CR > 0.10): the one to revise first, as the person wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Inconsistency {
    /// Where the comparison was written, when known.
    pub origin: Option<Origin>,
    /// The key as written, e.g. `scalability/performance`.
    pub key: String,
    /// The judgement given for that key.
    pub given: ahp::Judgement,
    /// The scale value for that key closest to what the derived weights imply.
    pub suggested: ahp::Judgement,
    /// CR.
    pub consistency_ratio: f64,
}

impl std::fmt::Display for Inconsistency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}: ")?;
        }
        write!(
            f,
            "the pairwise comparisons are inconsistent (consistency ratio {:.2}, above {:.2}); '{}: {}' disagrees most \
             with the weights derived from all ten, which suggest {} (revise it, or keep the weights as they are)",
            self.consistency_ratio,
            ahp::CONSISTENCY_LIMIT,
            self.key,
            self.given,
            self.suggested
        )
    }
}

impl Weighting {
    /// The inconsistency to warn about, if the AHP comparisons have one.
    pub fn inconsistency(&self) -> Option<&Inconsistency> {
        self.ahp.as_ref().and_then(|a| a.inconsistency.as_ref())
    }
}

/// One criterion's part of one framework's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Which criterion.
    pub criterion: Criterion,
    /// The 1–5 rating on it.
    pub rating: f64,
    /// What it earns on this criterion. `wsm`: points added to the score,
    /// 100 × weight × (rating − 1) / 4. `topsis`: its lead over the anti-ideal, v − v⁻
    /// (d− = √Σ contribution²).
    pub contribution: f64,
    /// The most it could earn. `wsm`: 100 × weight. `topsis`: v⁺ − v⁻, so that
    /// `possible − contribution` is its gap to the ideal (d+ = √Σ gap²).
    pub possible: f64,
    /// `topsis` only: v, the weighted normalized rating.
    pub normalized: Option<f64>,
}

/// A framework that passed the filters, with its score explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// 1-based position.
    pub rank: usize,
    /// Framework id.
    pub id: Text,
    /// Framework name.
    pub name: Text,
    /// The framework's primary language id.
    pub language: Text,
    /// Every language it supports first-class, primary first.
    pub languages: List<Text>,
    /// 0–100.
    pub score: f64,
    /// `topsis` only: Euclidean distance to the ideal, d+.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_to_ideal: Option<f64>,
    /// `topsis` only: Euclidean distance to the anti-ideal, d−.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_to_anti_ideal: Option<f64>,
    /// Every active criterion's rating and contribution (`topsis`: normalized), in criterion order.
    #[serde(serialize_with = "parts_as_map")]
    pub criteria: Vec<Part>,
    /// Points taken from the score for a change the team would have to make: adopting a
    /// language, leaving the incumbent ([`switching`]). The score is the contributions' sum
    /// (`topsis`: 100 × closeness) minus these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<Cost>,
    /// Where the organisation's radar places it (Adopt, Trial or Assess), when a radar is given
    /// and names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radar: Option<Placement>,
    /// The language of its own the team knows better than its primary one (Kotlin for Quarkus
    /// and a Kotlin team), which tables show in place of the primary; not serialized (the
    /// contract's `language` stays the primary).
    #[serde(skip)]
    pub team_language: Option<Text>,
}

fn parts_as_map<S: Serializer>(parts: &[Part], serializer: S) -> std::result::Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Cell {
        rating: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        contribution: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        normalized: Option<f64>,
    }
    let mut map = serializer.serialize_map(Some(parts.len()))?;
    for part in parts {
        // TOPSIS reports v in place of the contribution (docs/output-contract.md).
        let contribution = part.normalized.is_none().then_some(part.contribution);
        map.serialize_entry(
            part.criterion.id(),
            &Cell { rating: part.rating, contribution, normalized: part.normalized },
        )?;
    }
    map.end()
}

impl Ranked {
    /// The language to show beside it: the one of its languages the team knows best, else its
    /// primary one.
    pub fn shown_language(&self) -> &str {
        self.team_language.as_deref().unwrap_or(&self.language)
    }

    /// The criterion adding the most points.
    pub fn strongest(&self) -> Option<&Part> {
        // `max_by` keeps the last of equals; reversing makes the first criterion win a tie.
        self.criteria.iter().rev().filter(|p| p.possible > 0.0).max_by(|a, b| a.contribution.total_cmp(&b.contribution))
    }

    /// The criterion losing the most points against a perfect rating, other than the strongest
    /// (with one weighted criterion there is no weakest).
    pub fn weakest(&self) -> Option<&Part> {
        let strongest = self.strongest().map(|p| p.criterion);
        self.criteria
            .iter()
            .rev()
            .filter(|p| p.possible > 0.0 && Some(p.criterion) != strongest)
            .max_by(|a, b| (a.possible - a.contribution).total_cmp(&(b.possible - b.contribution)))
    }
}

/// A framework removed by a hard filter, with every reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    /// Framework id.
    pub id: String,
    /// Framework name.
    pub name: String,
    /// One line per failed filter, e.g. `orm: community, builtin required`.
    pub reasons: Vec<String>,
}

/// The hard filters applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filters {
    /// Only these languages (empty: all).
    pub languages: Vec<String>,
    /// Feature requirements.
    pub require: Vec<Requirement>,
}

/// Which catalog was ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogInfo {
    /// How many frameworks it holds (before filters).
    pub frameworks: usize,
    /// `built-in`, then each layered file.
    pub sources: Vec<String>,
}

/// The result of scoring: the stable JSON contract of `recommend` (docs/output-contract.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    /// `wsm` or `topsis`.
    pub method: Method,
    /// How weights were derived.
    pub weighting: Weighting,
    /// The active criteria, in order, with weights.
    pub criteria: Vec<Weight>,
    /// The hard filters.
    pub filters: Filters,
    /// Ranked frameworks, best first.
    pub ranking: Vec<Ranked>,
    /// Frameworks removed by filters.
    pub excluded: Vec<Excluded>,
    /// The catalog used.
    pub catalog: CatalogInfo,
    /// Importances nobody gave that the use cases set, when they set any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_case_defaults: Option<UseCaseDefaults>,
    /// When the team names its languages: the best pick in them and what an outside one needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_switch: Option<switching::LanguageSwitch>,
    /// When the team names the framework it runs today: staying against the best switch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incumbent: Option<switching::Incumbent>,
    /// When no language is named: the best candidate of each language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_by_language: Option<Vec<switching::LanguageBest>>,
    /// The radar applied, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radar: Option<RadarUse>,
}

/// A radar applied to a ranking: which file, whether Adopt counted as support, its entries that
/// name no framework of the catalog (platforms, tools, languages), and those of them that look
/// like a framework's name, listed in a note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarUse {
    /// The radar file.
    pub file: String,
    /// Whether Adopt counted as organisational support in team familiarity: Adopt counts unless
    /// turned off, and only when the team named its languages (otherwise familiarity is not weighed).
    pub adopt_counts_as_support: bool,
    /// Entry names that match no framework.
    pub unmatched: Vec<String>,
    /// Unmatched entries that look like a framework's name, with the framework they probably mean.
    pub suggestions: Vec<Suggestion>,
}

impl RadarUse {
    /// How `answers`' radar applies to `catalog`, if there is one.
    pub fn of(answers: &Answers, catalog: &Catalog) -> Option<RadarUse> {
        answers.radar.as_ref().map(|radar| RadarUse {
            file: radar.path.clone(),
            adopt_counts_as_support: answers.radar_support && answers.team_familiarity.is_some(),
            unmatched: radar.unmatched(catalog.frameworks.iter()),
            suggestions: radar.suggestions(catalog.frameworks.iter()),
        })
    }
}

/// The importances the use cases set because nobody gave them (JSON `use_case_defaults`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UseCaseDefaults {
    /// The use cases whose needs set them.
    pub use_cases: Vec<String>,
    /// Each criterion they set, with its importance, in criterion order.
    #[serde(serialize_with = "importances_as_map")]
    pub importances: Vec<(Criterion, u8)>,
}

fn importances_as_map<S: Serializer>(list: &[(Criterion, u8)], serializer: S) -> std::result::Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(list.len()))?;
    for (criterion, importance) in list {
        map.serialize_entry(criterion.id(), importance)?;
    }
    map.end()
}

impl Ranking {
    /// A copy with only the first `n` ranked frameworks (all when `None`).
    pub fn top(&self, n: Option<usize>) -> Ranking {
        let mut shown = self.clone();
        if let Some(n) = n {
            shown.ranking.truncate(n);
        }
        shown
    }
}

/// Whether two languages count as the same for team familiarity (TypeScript ≡ JavaScript).
pub fn same_language(a: &str, b: &str) -> bool {
    fn family(language: &str) -> &str {
        if language == "typescript" { "javascript" } else { language }
    }
    family(a) == family(b)
}

/// The framework's language the team knows best, when it knows that one better than the
/// framework's primary language.
fn team_language(framework: &Framework, answers: &Answers, vocabulary: &Vocabulary) -> Option<Text> {
    let known = |l: &Text| switching::distance(l, answers, vocabulary).familiarity();
    let primary = framework.languages.first()?;
    let best = framework.languages.iter().max_by(|a, b| known(a).total_cmp(&known(b)))?;
    (known(best) > known(primary)).then(|| best.clone())
}

/// How familiar a team is with a framework (docs/model.md "Team languages"): over the
/// framework's first-class languages, the best of 5 for a language the team knows well (or one
/// that language includes: TypeScript includes JavaScript), 3.5 for one of the same family as a
/// language it knows well (Java and Kotlin, C# and F#, JavaScript and TypeScript), 3 for one it
/// knows a little, 2.5 for the family of a language it knows a little; 1 otherwise.
pub fn familiarity(framework: &Framework, answers: &Answers, vocabulary: &Vocabulary) -> f64 {
    let known = framework
        .languages
        .iter()
        .map(|l| switching::distance(l, answers, vocabulary).familiarity())
        .fold(1.0, f64::max);
    if answers.radar_support && radar_ring(framework, answers) == Some(Ring::Adopt) {
        known.max(ADOPT_SUPPORT)
    } else {
        known
    }
}

/// The familiarity a framework the organisation's radar puts in Adopt has at least, when Adopt
/// counts as support (the default): as if the team knew its language a little, since the
/// organisation already runs it, has people who know it and a platform for it (`docs/radar.md`).
pub const ADOPT_SUPPORT: f64 = 3.0;

/// The ring the answers' radar puts a framework in, if any.
pub fn radar_ring(framework: &Framework, answers: &Answers) -> Option<Ring> {
    answers.radar.as_ref().and_then(|r| r.entry_for(framework)).map(|e| e.ring)
}

/// The 1–5 rating of a framework on a criterion.
pub fn rating(framework: &Framework, criterion: Criterion, answers: &Answers, vocabulary: &Vocabulary) -> f64 {
    match criterion {
        Criterion::Factor(factor) => framework.scores.get(factor),
        Criterion::UseCaseFit => {
            if answers.use_cases.is_empty() {
                return 1.0;
            }
            // Summed smallest first, so that the order the use cases were given in cannot change
            // the last digit (a saved answers file reads back to the same ranking).
            let mut credits: Vec<f64> =
                answers.use_cases.iter().map(|u| fit_credit(framework, u, vocabulary)).collect();
            credits.sort_by(f64::total_cmp);
            let credit: f64 = credits.iter().sum();
            1.0 + 4.0 * credit / answers.use_cases.len() as f64
        }
        Criterion::TeamFamiliarity => familiarity(framework, answers, vocabulary),
    }
}

/// The share of use-case fit that the evidence-based tags (`use_cases.strong` / `good`) carry;
/// the rest is how well the framework's features cover what the use case needs.
pub const TAG_SHARE: f64 = 0.4;

/// What a feature level is worth to a use case that needs the feature: builtin 1, official
/// 0.85 (one more package, the framework's own), community 0.4 (a third party to choose, vet and
/// keep up), none 0.
pub fn feature_credit(level: Level) -> f64 {
    match level {
        Level::Builtin => 1.0,
        Level::Official => 0.85,
        Level::Community => 0.4,
        Level::None => 0.0,
    }
}

/// How well a framework covers a use case's needed features, 0 to 1: half the mean credit of
/// the needs, half the weakest one (a CMS without an admin is not most of a CMS); a need written
/// `a|b` is met by either feature and takes the better credit. `None` when the use case states
/// no needs.
pub fn coverage(framework: &Framework, use_case: &str, vocabulary: &Vocabulary) -> Option<f64> {
    let needs = vocabulary.needs(use_case).filter(|n| !n.features.is_empty())?;
    // `aot|edge` is one need met either way: the better of the two counts.
    let credits: Vec<f64> = needs
        .features
        .iter()
        .map(|need| need.split('|').map(|f| feature_credit(framework.features.level(f))).fold(0.0, f64::max))
        .collect();
    let mean = credits.iter().sum::<f64>() / credits.len() as f64;
    let weakest = credits.iter().copied().fold(1.0, f64::min);
    Some(0.5 * mean + 0.5 * weakest)
}

/// The evidence-based tag's credit: 1 for `strong`, 0.5 for `good`, 0 otherwise.
pub fn tag_credit(framework: &Framework, use_case: &str) -> f64 {
    if framework.use_cases.strong.iter().any(|u| u == use_case) {
        1.0
    } else if framework.use_cases.good.iter().any(|u| u == use_case) {
        0.5
    } else {
        0.0
    }
}

/// How well a framework fits one use case, 0 to 1 (docs/model.md "Use-case fit"): the
/// coverage of its needed features, with the tag as a [`TAG_SHARE`] secondary input (the tag
/// alone when the use case states no needs).
pub fn fit_credit(framework: &Framework, use_case: &str, vocabulary: &Vocabulary) -> f64 {
    let tag = tag_credit(framework, use_case);
    match coverage(framework, use_case, vocabulary) {
        Some(coverage) => (1.0 - TAG_SHARE) * coverage + TAG_SHARE * tag,
        None => tag,
    }
}

/// The reason given for a framework the person left out with `--exclude`.
pub const EXCLUDED_BY_YOU: &str = "excluded by you";

/// Why the filters remove a framework (empty when it passes).
pub fn exclusion_reasons(framework: &Framework, answers: &Answers) -> Vec<String> {
    let mut reasons = Vec::new();
    if excluded_by_you(framework, answers) {
        reasons.push(EXCLUDED_BY_YOU.to_string());
    }
    if !answers.languages.is_empty() && !framework.languages.iter().any(|l| answers.languages.iter().any(|a| a == l)) {
        reasons.push(format!(
            "language: {}, not one of {}",
            framework.languages.join(", "),
            answers.languages.join(", ")
        ));
    }
    for requirement in &answers.require {
        let level = requirement.level_of(&framework.features);
        if !level.satisfies(requirement.level) {
            let paid = requirement.free && framework.features.level(&requirement.feature) != level;
            reasons.push(format!(
                "{}: {}{}, {}{} required",
                requirement.feature,
                level.id(),
                if paid { " free (a paid product is better)" } else { "" },
                if requirement.free { "free " } else { "" },
                requirement.level.id()
            ));
        }
    }
    if let Some(placement) =
        answers.radar.as_ref().and_then(|r| r.placement(framework)).filter(|p| p.ring == Ring::Hold)
    {
        reasons.push(Radar::hold_reason(&placement));
    }
    reasons
}

/// How the weights are obtained, and the active criteria with their weights: direct from the
/// importances, or, with pairwise comparisons, AHP for the factors scaled to the factors'
/// share Σ factor importances / Σ all importances (1 without context criteria; factor
/// importances all 0 count as 3 each), the context criteria keeping importance / Σ all importances.
pub fn weighting(answers: &Answers) -> Result<(Weighting, Vec<Weight>)> {
    let active: Vec<(Criterion, u8)> =
        Criterion::ALL.into_iter().filter_map(|c| answers.importance(c).map(|i| (c, i))).collect();
    let total: u32 = active.iter().map(|(_, i)| u32::from(*i)).sum();
    if let Some(fixed) = &answers.weights {
        // A team's aggregated weights (docs/team.md): used as they are.
        let importance = |id: Criterion| answers.importance(id).unwrap_or(0);
        let weights = fixed.iter().map(|&(id, weight)| Weight { id, importance: importance(id), weight }).collect();
        return Ok((Weighting { method: "team", ahp: None }, weights));
    }
    if let Some(pairwise) = &answers.pairwise {
        let found = ahp::weigh(&pairwise.judgements);
        let factors: u32 = answers.factors.iter().map(|&i| u32::from(i)).sum();
        let context = total - factors;
        // With comparisons the factors always weigh something: if their importances are all 0,
        // they count as the default 3 each when their share is set against the context criteria.
        let factors = if factors == 0 { 3 * Factor::ALL.len() as u32 } else { factors };
        let share = f64::from(factors) / f64::from(factors + context);
        let weights = active
            .iter()
            .map(|&(id, importance)| {
                let weight = match id {
                    Criterion::Factor(factor) => found.weight(factor) * share,
                    _ => f64::from(importance) / f64::from(factors + context),
                };
                Weight { id, importance, weight }
            })
            .collect();
        let inconsistency = found.inconsistency().map(|worst| {
            let written = pairwise.written.get(worst.index);
            let reversed = written.is_some_and(|w| w.key != worst.pair.key());
            Inconsistency {
                origin: written.and_then(|w| w.origin.clone()),
                key: written.map_or_else(|| worst.pair.key(), |w| w.key.clone()),
                given: written.map_or(worst.given, |w| w.judgement),
                suggested: if reversed { worst.suggested.reciprocal() } else { worst.suggested },
                consistency_ratio: found.consistency_ratio,
            }
        });
        let ahp = AhpWeighting {
            lambda_max: found.lambda_max,
            consistency_index: found.consistency_index,
            consistency_ratio: found.consistency_ratio,
            inconsistent_pair: found.inconsistency().map(|worst| worst.pair.key()),
            inconsistency,
        };
        return Ok((Weighting { method: "ahp", ahp: Some(ahp) }, weights));
    }
    answers.check_weighable(Origin::Flag("importance".into()))?;
    let weights = active
        .into_iter()
        .map(|(id, importance)| Weight { id, importance, weight: f64::from(importance) / f64::from(total) })
        .collect();
    Ok((Weighting { method: "direct", ahp: None }, weights))
}

/// The score as compared for ordering: rounded to 1e-9, so that mathematically equal scores
/// (e.g. 275/4 reached through different sums, 68.75 and 68.74999999999999) tie and fall to the
/// name order. Distinct scores differ by far more: weights are multiples of 1/35 at worst and
/// ratings of 1/8 at worst, so two different scores are at least ~1e-3 apart.
pub(crate) fn order_key(score: f64) -> i64 {
    (score * 1e9).round() as i64
}

/// Rank the catalog's frameworks for these answers with the weighted sum model.
pub fn rank(catalog: &Catalog, answers: &Answers) -> Result<Ranking> {
    rank_by(catalog, answers, Method::Wsm)
}

/// Rank the catalog's frameworks for these answers with `method`, over the candidates left
/// after the hard filters.
pub fn rank_by(catalog: &Catalog, answers: &Answers, method: Method) -> Result<Ranking> {
    let (weighting, criteria) = weighting(answers)?;
    for id in &answers.exclude {
        known_framework(catalog, id, "--exclude")?;
    }
    let incumbent = answers.incumbent.as_deref().map(|id| known_framework(catalog, id, "--incumbent")).transpose()?;
    let candidate_incumbent = incumbent.filter(|i| exclusion_reasons(i, answers).is_empty());
    let mut ranking = Vec::new();
    let mut excluded = Vec::new();
    for framework in &catalog.frameworks {
        let reasons = exclusion_reasons(framework, answers);
        if !reasons.is_empty() {
            excluded.push(Excluded { id: framework.id.to_string(), name: framework.name.to_string(), reasons });
            continue;
        }
        let parts: Vec<Part> = criteria
            .iter()
            .map(|w| {
                let rating = rating(framework, w.id, answers, &catalog.vocabulary);
                let possible = 100.0 * w.weight;
                let contribution = possible * (rating - 1.0) / 4.0;
                Part { criterion: w.id, rating, contribution, possible, normalized: None }
            })
            .collect();
        let costs: Vec<Cost> = [
            switching::language_cost(framework, answers, &catalog.vocabulary),
            switching::migration_cost(framework, candidate_incumbent),
        ]
        .into_iter()
        .flatten()
        .collect();
        ranking.push(Ranked {
            rank: 0,
            id: framework.id.clone(),
            name: framework.name.clone(),
            language: framework.languages.first().cloned().unwrap_or_default(),
            languages: framework.languages.clone(),
            score: parts.iter().map(|p| p.contribution).sum(),
            distance_to_ideal: None,
            distance_to_anti_ideal: None,
            criteria: parts,
            radar: answers.radar.as_ref().and_then(|r| r.placement(framework)),
            costs,
            team_language: team_language(framework, answers, &catalog.vocabulary),
        });
    }
    if method == Method::Topsis {
        apply_topsis(&mut ranking, &criteria);
    }
    for entry in &mut ranking {
        entry.score -= entry.costs.iter().map(|c| c.points).sum::<f64>();
    }
    ranking.sort_by(|a, b| {
        order_key(b.score).cmp(&order_key(a.score)).then_with(|| a.name.cmp(&b.name)).then_with(|| a.id.cmp(&b.id))
    });
    for (i, entry) in ranking.iter_mut().enumerate() {
        entry.rank = i + 1;
    }
    let use_case_defaults = (!answers.use_case_defaults.is_empty()).then(|| UseCaseDefaults {
        use_cases: answers.use_cases.clone(),
        importances: answers.use_case_defaults.iter().filter_map(|&c| answers.importance(c).map(|i| (c, i))).collect(),
    });
    Ok(Ranking {
        method,
        weighting,
        criteria,
        filters: Filters { languages: answers.languages.clone(), require: answers.require.clone() },
        language_switch: switching::language_switch(&ranking, answers),
        incumbent: switching::incumbent(&ranking, incumbent),
        best_by_language: switching::best_by_language(&ranking, answers, &catalog.vocabulary),
        use_case_defaults,
        ranking,
        excluded,
        catalog: CatalogInfo { frameworks: catalog.frameworks.len(), sources: catalog.sources.clone() },
        radar: RadarUse::of(answers, catalog),
    })
}

/// The catalog's framework with this id or name (any case), or an error naming the flag and the
/// closest id.
fn known_framework<'a>(catalog: &'a Catalog, id: &str, flag: &str) -> Result<&'a Framework> {
    catalog.find(id.trim(), Origin::Flag(flag.to_string()))
}

/// Whether the person excluded this framework (by id or name, any case).
fn excluded_by_you(framework: &Framework, answers: &Answers) -> bool {
    answers.exclude.iter().any(|x| {
        let x = x.trim();
        x.eq_ignore_ascii_case(&framework.id) || x.eq_ignore_ascii_case(&framework.name)
    })
}

/// Replace the WSM scores of the candidates by TOPSIS on the same ratings and weights.
fn apply_topsis(ranking: &mut [Ranked], criteria: &[Weight]) {
    let ratings: Vec<Vec<f64>> = ranking.iter().map(|r| r.criteria.iter().map(|p| p.rating).collect()).collect();
    let weights: Vec<f64> = criteria.iter().map(|w| w.weight).collect();
    let evaluation = topsis::evaluate(&ratings, &weights);
    for (entry, found) in ranking.iter_mut().zip(&evaluation.alternatives) {
        entry.score = 100.0 * found.closeness;
        entry.distance_to_ideal = Some(found.distance_to_ideal);
        entry.distance_to_anti_ideal = Some(found.distance_to_anti_ideal);
        for (j, part) in entry.criteria.iter_mut().enumerate() {
            let v = found.weighted[j];
            part.normalized = Some(v);
            part.contribution = v - evaluation.anti_ideal[j];
            part.possible = evaluation.ideal[j] - evaluation.anti_ideal[j];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{AnswerSet, Importance};
    use crate::catalog::{Catalog, Level};

    /// A three-framework fixture whose scores are worked out by hand below.
    fn fixture() -> Catalog {
        let mut catalog = Catalog::builtin().expect("built-in");
        let text = include_str!("../../tests/fixtures/small.yaml");
        let layer = catalog.parse_layer(text, "small.yaml").expect("fixture is valid");
        catalog.frameworks = layer.frameworks.into();
        catalog.sources = vec!["small.yaml".into()];
        catalog
    }

    fn answers(set: AnswerSet) -> Answers {
        let catalog = Catalog::builtin().expect("built-in");
        Answers::resolve(&set, &catalog.vocabulary, Origin::Flag("test".into())).expect("valid answers")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn default_weights_are_equal() {
        // alpha: ratings 5, 4, 3, 2, 1 → u = 1, .75, .5, .25, 0 → mean .5 → 50.
        // beta: 3, 3, 3, 3, 3 → u = .5 each → 50; gamma: 1.5, 2, 5, 5, 4.5 → u = .125, .25, 1, 1, .875 → 65.
        let ranking = rank(&fixture(), &answers(AnswerSet::default())).expect("ranks");
        let scores: Vec<(&str, f64)> = ranking.ranking.iter().map(|r| (r.id.as_str(), r.score)).collect();
        assert_eq!(scores[0].0, "gamma");
        assert!(close(scores[0].1, 65.0));
        // alpha and beta tie at 50: ordered by name.
        assert_eq!(scores[1].0, "alpha");
        assert_eq!(scores[2].0, "beta");
        assert!(close(scores[1].1, 50.0) && close(scores[2].1, 50.0));
        assert!(ranking.criteria.iter().all(|w| close(w.weight, 0.2)));
    }

    #[test]
    fn importances_and_context_criteria() {
        // performance 5, others 0, use cases [api, cms] importance 5, team knows typescript importance 0.
        // Weights: performance 5/10, use_case_fit 5/10, team_familiarity 0.
        let set = AnswerSet {
            importance: Importance {
                performance: Some(5),
                scalability: Some(0),
                productivity: Some(0),
                integration: Some(0),
                community: Some(0),
                use_case_fit: Some(5),
                team_familiarity: Some(0),
            },
            use_cases: Some(vec!["api".into(), "cms".into()]),
            team_knows: Some(vec!["typescript".into()]),
            ..Default::default()
        };
        let ranking = rank(&fixture(), &answers(set)).expect("ranks");
        let alpha = ranking.ranking.iter().find(|r| r.id == "alpha").expect("alpha");
        // alpha: performance 5 → u 1 → 50. Fit, with the built-in needs of api (routing, validation,
        // openapi, middleware: all builtin → coverage 1) and cms (admin, templating, orm, auth,
        // caching: 1, 1, 0, 0.4, 1 → mean .68, weakest 0 → coverage .34): api .6 × 1 + .4 × 1
        // (strong) = 1, cms .6 × .34 + .4 × 0 = .204; mean .602 → u .602 → 30.1. Total 80.1.
        assert!(close(alpha.score, 80.1), "{}", alpha.score);
        assert!(alpha.costs.is_empty(), "javascript is known: no language cost");
        let familiarity = alpha.criteria.iter().find(|p| p.criterion == Criterion::TeamFamiliarity).expect("active");
        // alpha is javascript; the team knows typescript, which includes it.
        assert!(close(familiarity.rating, 5.0));
        assert!(close(familiarity.contribution, 0.0));
        let gamma = ranking.ranking.iter().find(|r| r.id == "gamma").expect("gamma");
        // gamma: performance 1.5 → u .125 → 6.25; every need builtin and strong for both → 50;
        // 56.25, less the 35 points of Python, new to a TypeScript team: 21.25.
        assert!(close(gamma.score, 56.25 - switching::NEW_LANGUAGE_COST), "{}", gamma.score);
        assert_eq!(ranking.ranking[0].id, "alpha");
    }

    #[test]
    fn filters_report_every_reason() {
        let set = AnswerSet {
            languages: Some(vec!["python".into()]),
            require: Some(vec!["orm".into(), "auth:official".into()]),
            ..Default::default()
        };
        let ranking = rank(&fixture(), &answers(set)).expect("ranks");
        assert_eq!(ranking.ranking.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["gamma"]);
        let alpha = ranking.excluded.iter().find(|e| e.id == "alpha").expect("alpha excluded");
        assert_eq!(
            alpha.reasons,
            [
                "language: javascript, not one of python",
                "orm: none, official required",
                "auth: community, official required"
            ]
        );
        assert_eq!(ranking.filters.require[1].level, Level::Official);
    }

    #[test]
    fn contributions_sum_to_the_score_and_weights_to_one() {
        let catalog = Catalog::builtin().expect("built-in");
        let set = AnswerSet {
            importance: Importance { performance: Some(5), community: Some(1), ..Default::default() },
            use_cases: Some(vec!["api".into(), "ai-ml".into()]),
            team_knows: Some(vec!["python".into()]),
            ..Default::default()
        };
        let ranking = rank(&catalog, &answers(set)).expect("ranks");
        assert!(close(ranking.criteria.iter().map(|w| w.weight).sum(), 1.0));
        for r in &ranking.ranking {
            let costs: f64 = r.costs.iter().map(|c| c.points).sum();
            assert!(close(r.criteria.iter().map(|p| p.contribution).sum::<f64>() - costs, r.score));
            assert!((0.0..=100.0).contains(&(r.score + costs)));
        }
        assert!(ranking.ranking.windows(2).all(|w| w[0].score > w[1].score - 1e-9));
    }
}
