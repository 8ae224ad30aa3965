//! Deciding as a team (docs/team.md): the members' answers aggregated into one
//! group ranking, with the disagreement kept in view: each criterion's spread of weights, each
//! member's own winner, a consensus figure and the questions to settle first. Pure: no I/O.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::score::{self, Excluded, Ranking};
use super::sensitivity::{self, Model};
use super::{Analysis, Recommendation, ahp};
use crate::answers::team::{Constraints, Member, Team};
use crate::answers::{Answers, Known, OpenTo, Proficiency, Requirement};
use crate::catalog::{Catalog, Factor};
use crate::criteria::Criterion;
use crate::error::Result;

/// A criterion whose weights differ by less than this (0.05 = five percentage points) between
/// the members is not worth settling.
pub const SETTLE_SPREAD: f64 = 0.05;

/// What the team section of every report says (the JSON `team` object).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamReport {
    /// Every member, in the order given.
    pub members: Vec<MemberReport>,
    /// `mean` (weighted mean of normalised weights) or `geometric-mean` (of AHP judgements).
    pub aggregation: &'static str,
    /// `every` or `shared`: which members' constraints rule frameworks out.
    pub constraints: &'static str,
    /// Each group criterion's weight and the spread of the members' weights, in criterion order.
    pub criteria: Vec<Spread>,
    /// How far the members agree.
    pub consensus: Consensus,
    /// The criteria the team disagrees on most, to settle first (at most two).
    pub disagreements: Vec<Disagreement>,
    /// The team's languages: the union, with each member's level.
    pub languages: Vec<TeamLanguage>,
    /// Framework names by id, for text that names a framework a `--top` view leaves out (not
    /// serialized).
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
}

impl TeamReport {
    /// A ranked framework's name (its id if unknown).
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

/// One member's part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberReport {
    /// The member's name.
    pub name: String,
    /// Their role, when given.
    pub role: Option<String>,
    /// Their answers file.
    pub file: String,
    /// Their say in the group's weights and constraints.
    pub weight: f64,
    /// `decision-maker` (weight above 0) or `consulted`.
    pub part: &'static str,
    /// Their own normalised weights over the group's criteria.
    #[serde(serialize_with = "weights_as_map")]
    pub weights: Vec<(Criterion, f64)>,
    /// Their own winner: what their own run (`recommend --answers THEIR_FILE`) ranks first.
    pub winner: Option<String>,
    /// Where the group's winner stands when the group's candidates are weighed with their weights.
    pub group_winner_rank: Option<usize>,
    /// Who wins the group's ranking with their weights instead of the group's (what the
    /// decision page's button for them shows).
    pub winner_at_their_weights: Option<String>,
}

fn weights_as_map<S: Serializer>(weights: &[(Criterion, f64)], serializer: S) -> std::result::Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(weights.len()))?;
    for (criterion, weight) in weights {
        map.serialize_entry(criterion.id(), weight)?;
    }
    map.end()
}

/// The lowest or highest weight a criterion gets, and who gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    /// The weight.
    pub weight: f64,
    /// Every member who gives it.
    pub members: Vec<String>,
}

/// One criterion's group weight and the members' spread around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// Which criterion.
    pub id: Criterion,
    /// The group's weight.
    pub weight: f64,
    /// The lowest member weight.
    pub min: Extreme,
    /// The highest member weight.
    pub max: Extreme,
}

impl Spread {
    /// max − min.
    pub fn range(&self) -> f64 {
        self.max.weight - self.min.weight
    }
}

/// How far the members agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consensus {
    /// Kendall's coefficient of concordance W over the members' rankings of the candidates: 1
    /// when every member ranks them alike, near 0 when their rankings are unrelated; `null` with
    /// fewer than two candidates.
    pub kendall_w: Option<f64>,
    /// How many candidates the members ranked (those the team's constraints keep).
    pub candidates: usize,
    /// Share of the members whose own winner is the group's.
    pub winner_share: f64,
    /// Those members.
    pub agree: Vec<String>,
}

/// A criterion the team should settle first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Which criterion.
    pub criterion: Criterion,
    /// Who weighs it most, and how much.
    pub high: Stance,
    /// Who weighs it least, and how much.
    pub low: Stance,
    /// The group's winner with this criterion at the high weight (the others in proportion).
    pub winner_at_high: Option<String>,
    /// The same at the low weight.
    pub winner_at_low: Option<String>,
}

impl Disagreement {
    /// Whether settling it one way or the other changes the winner.
    pub fn decides(&self) -> bool {
        self.winner_at_high != self.winner_at_low
    }
}

/// One member's weight for a criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stance {
    /// The member.
    pub member: String,
    /// Their weight.
    pub weight: f64,
}

/// A language someone on the team knows, and how well each of them knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamLanguage {
    /// The language id.
    pub language: String,
    /// The best level on the team (what familiarity is scored with).
    pub level: Proficiency,
    /// Each member who knows it, with their level.
    pub known_by: Vec<Knower>,
}

/// A member who knows a language, and how well.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Knower {
    /// The member.
    pub member: String,
    /// How well.
    pub level: Proficiency,
}

/// Rank the catalog for a team: the hard constraints of the members (docs/team.md), the group's
/// aggregated weights, the sensitivity analysis drawn over the spread of the members' weights,
/// and the team report; with the group's answers, which the reports describe.
pub fn rank(catalog: &Catalog, team: &Team, analysis: &Analysis) -> Result<(Answers, Recommendation)> {
    let deciders: Vec<&Member> = team.deciders().collect();
    let criteria: Vec<Criterion> =
        Criterion::ALL.into_iter().filter(|c| deciders.iter().any(|m| m.answers.importance(*c).is_some())).collect();
    let mut own: Vec<Vec<(Criterion, f64)>> = Vec::new();
    for member in &team.members {
        own.push(project(&score::weighting(&member.answers)?.1, &criteria));
    }
    let say: Vec<f64> = team.members.iter().map(|m| m.weight).collect();
    let total_say: f64 = say.iter().sum();
    let all_pairwise = deciders.iter().all(|m| m.answers.pairwise.is_some());
    let group = if all_pairwise { geometric(team, &own, &criteria) } else { mean(&say, &own, &criteria) };

    let (answers, languages) = group_answers(team, &criteria, &group);
    let (kept, excluded) = constrain(catalog, team);
    let mut candidates = catalog.clone();
    candidates.frameworks.to_mut().retain(|f| kept.iter().any(|k| *k == f.id));

    let mut analysis = *analysis;
    if let Some(settings) = analysis.sensitivity.as_mut() {
        settings.concentration = fitted_concentration(&say, total_say, &own, &group, settings.concentration);
    }
    let mut recommendation = super::rank(&candidates, &answers, &analysis)?;
    let ranking = &mut recommendation.ranking;
    ranking.excluded = excluded;
    ranking.catalog.frameworks = catalog.frameworks.len();
    // The radar's entries are matched against the whole catalog, not only the candidates left.
    ranking.radar = score::RadarUse::of(&answers, catalog);
    ranking.filters.languages = union(deciders.iter().flat_map(|m| m.answers.languages.iter().cloned()));
    let mut require: Vec<Requirement> = Vec::new();
    for requirement in deciders.iter().flat_map(|m| m.answers.require.iter()) {
        if !require.contains(requirement) {
            require.push(requirement.clone());
        }
    }
    ranking.filters.require = require;

    let group_winner = ranking.ranking.first().map(|r| r.id.to_string());
    let mut orders: Vec<Vec<String>> = Vec::new();
    let mut members = Vec::new();
    for (member, weights) in team.members.iter().zip(&own) {
        // Their own winner is what their own run gives (`recommend --answers THEIR_FILE`): their
        // languages, use cases and constraints, over the whole catalog.
        let own_run = score::rank_by(catalog, &member.answers, analysis.method)?;
        // Their order of the group's candidates, for the consensus: the same candidates and
        // ratings as the group, weighed with their weights (so W measures how far the weights
        // agree); its first is what the decision page's button for them shows.
        let mut at_their_weights = answers.clone();
        at_their_weights.weights = Some(weights.clone());
        let order: Vec<String> = score::rank_by(&candidates, &at_their_weights, analysis.method)?
            .ranking
            .into_iter()
            .map(|r| r.id.into_string())
            .collect();
        let winner_at_their_weights = order.first().cloned();
        members.push(MemberReport {
            name: member.name.clone(),
            role: member.role.clone(),
            file: member.file.clone(),
            weight: member.weight,
            part: if member.decides() { "decision-maker" } else { "consulted" },
            weights: weights.clone(),
            winner: own_run.ranking.first().map(|r| r.id.to_string()),
            group_winner_rank: group_winner.as_ref().and_then(|w| order.iter().position(|id| id == w)).map(|p| p + 1),
            winner_at_their_weights,
        });
        orders.push(order);
    }
    let agree: Vec<String> =
        members.iter().filter(|m| m.winner.is_some() && m.winner == group_winner).map(|m| m.name.clone()).collect();
    let consensus = Consensus {
        kendall_w: kendall_w(&orders),
        candidates: candidates.frameworks.len(),
        winner_share: agree.len() as f64 / members.len().max(1) as f64,
        agree,
    };
    let spreads: Vec<Spread> = criteria
        .iter()
        .enumerate()
        .map(|(j, &id)| {
            // The spread, and so what to settle first, is the decision-makers': a consulted
            // member's weights are shown in their own column but weigh nothing.
            let values: Vec<(String, f64)> = members
                .iter()
                .filter(|m| m.part == "decision-maker")
                .map(|m| (m.name.clone(), m.weights[j].1))
                .collect();
            Spread { id, weight: group[j].1, min: extreme(&values, f64::min), max: extreme(&values, f64::max) }
        })
        .collect();
    let disagreements = disagreements(ranking, &spreads);
    let names = catalog.frameworks.iter().map(|f| (f.id.to_string(), f.name.to_string())).collect();
    recommendation.team = Some(TeamReport {
        members,
        aggregation: if all_pairwise { "geometric-mean" } else { "mean" },
        constraints: team.constraints.id(),
        criteria: spreads,
        consensus,
        disagreements,
        languages,
        names,
    });
    Ok((answers, recommendation))
}

/// A member's weights over the group's criteria: 0 for a criterion they did not weigh,
/// renormalised to sum to 1 (a consulted member may weigh a criterion the deciders do not).
fn project(weights: &[score::Weight], criteria: &[Criterion]) -> Vec<(Criterion, f64)> {
    let raw: Vec<f64> =
        criteria.iter().map(|c| weights.iter().find(|w| w.id == *c).map_or(0.0, |w| w.weight)).collect();
    let total: f64 = raw.iter().sum();
    let n = criteria.len().max(1) as f64;
    criteria.iter().zip(raw).map(|(c, w)| (*c, if total > 0.0 { w / total } else { 1.0 / n })).collect()
}

/// The weighted mean of the members' normalised weights: Σ pᵢ wᵢⱼ / Σ pᵢ.
fn mean(say: &[f64], own: &[Vec<(Criterion, f64)>], criteria: &[Criterion]) -> Vec<(Criterion, f64)> {
    let total: f64 = say.iter().sum();
    criteria
        .iter()
        .enumerate()
        .map(|(j, &c)| (c, say.iter().zip(own).map(|(p, w)| p * w[j].1).sum::<f64>() / total))
        .collect()
}

/// When every decider compared the factors in pairs: the factors' weights by AHP on the
/// element-wise weighted geometric mean of their judgement matrices, scaled to the mean share
/// the factors have; the context criteria keep the mean of the members' weights.
fn geometric(team: &Team, own: &[Vec<(Criterion, f64)>], criteria: &[Criterion]) -> Vec<(Criterion, f64)> {
    let say: Vec<f64> = team.members.iter().map(|m| m.weight).collect();
    let averaged = mean(&say, own, criteria);
    let total: f64 = say.iter().sum();
    let mut matrix = vec![vec![0.0_f64; 5]; 5];
    for (member, p) in team.members.iter().zip(&say) {
        let Some(pairwise) = member.answers.pairwise.as_ref().filter(|_| *p > 0.0) else { continue };
        for (pair, judgement) in ahp::pairs().iter().zip(&pairwise.judgements) {
            let (i, j) = (pair.first as usize, pair.second as usize);
            matrix[i][j] += p / total * libm::log(judgement.value());
            matrix[j][i] -= p / total * libm::log(judgement.value());
        }
    }
    let matrix: Vec<Vec<f64>> = matrix.iter().map(|row| row.iter().map(|v| libm::exp(*v)).collect()).collect();
    let Some(found) = ahp::priorities(&matrix) else { return averaged };
    let share: f64 = averaged.iter().filter(|(c, _)| matches!(c, Criterion::Factor(_))).map(|(_, w)| w).sum();
    averaged
        .iter()
        .map(|&(c, w)| match c {
            Criterion::Factor(f) => (c, share * found.weights[f as usize]),
            _ => (c, w),
        })
        .collect()
}

/// The group's answers: the union of the deciders' use cases and languages (each language at
/// the best level anyone knows it), importances the rounded mean (shown only), the aggregated
/// weights, and no filters (the constraints are applied before ranking, by [`constrain`]).
fn group_answers(team: &Team, criteria: &[Criterion], weights: &[(Criterion, f64)]) -> (Answers, Vec<TeamLanguage>) {
    let deciders: Vec<&Member> = team.deciders().collect();
    let importance = |c: Criterion| -> Option<u8> {
        let given: Vec<(f64, u8)> =
            deciders.iter().filter_map(|m| m.answers.importance(c).map(|i| (m.weight, i))).collect();
        let say: f64 = given.iter().map(|(p, _)| p).sum();
        (criteria.contains(&c) && say > 0.0)
            .then(|| (given.iter().map(|(p, i)| p * f64::from(*i)).sum::<f64>() / say).round() as u8)
    };
    let mut factors = [0; 5];
    for (slot, factor) in factors.iter_mut().zip(Factor::ALL) {
        *slot = importance(Criterion::Factor(factor)).unwrap_or(0);
    }
    let mut languages: Vec<TeamLanguage> = Vec::new();
    for member in &deciders {
        for known in &member.answers.team_knows {
            let position = match languages.iter().position(|l| l.language == known.language) {
                Some(position) => position,
                None => {
                    languages.push(TeamLanguage {
                        language: known.language.clone(),
                        level: known.level,
                        known_by: Vec::new(),
                    });
                    languages.len() - 1
                }
            };
            let entry = &mut languages[position];
            if known.level == Proficiency::Well {
                entry.level = Proficiency::Well;
            }
            entry.known_by.push(Knower { member: member.name.clone(), level: known.level });
        }
    }
    let answers = Answers {
        factors,
        use_case_fit: importance(Criterion::UseCaseFit),
        team_familiarity: importance(Criterion::TeamFamiliarity),
        use_cases: union(deciders.iter().flat_map(|m| m.answers.use_cases.iter().cloned())),
        team_knows: languages.iter().map(|l| Known { language: l.language.clone(), level: l.level }).collect(),
        languages: Vec::new(),
        require: Vec::new(),
        open_to: team_open_to(team),
        // Exclusions are constraints, applied before ranking by [`constrain`].
        exclude: Vec::new(),
        incumbent: team.incumbent.clone().or_else(|| deciders.iter().find_map(|m| m.answers.incumbent.clone())),
        use_case_defaults: Vec::new(),
        pairwise: None,
        weights: Some(weights.to_vec()),
        title: team.title.clone(),
        description: team.description.clone(),
        decider: None,
        informed: team.informed.clone(),
        // The organisation's radar is the same for everyone: the first member's that names one.
        radar: deciders.iter().find_map(|m| m.answers.radar.clone()),
        radar_support: deciders.iter().all(|m| m.answers.radar_support),
    };
    (answers, languages)
}

/// The languages the team is open to: the team file's `open_to`, and those every decider is
/// open to (one member's openness does not open the door for the others).
fn team_open_to(team: &Team) -> OpenTo {
    let deciders: Vec<&Member> = team.deciders().collect();
    if team.open_to == OpenTo::Any || deciders.iter().all(|m| m.answers.open_to == OpenTo::Any) {
        return OpenTo::Any;
    }
    let mut languages: Vec<String> = team.open_to.values();
    if let Some(first) = deciders.first() {
        for language in first.answers.open_to.values() {
            let everyone = deciders.iter().all(|m| m.answers.open_to.includes(&language));
            if everyone && language != OpenTo::ANY && !languages.contains(&language) {
                languages.push(language);
            }
        }
    }
    OpenTo::from_values(&languages)
}

fn union(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// The frameworks the team's constraints keep, and those they rule out, each reason naming whose
/// constraint it is: with `every`, a framework any decider rules out; with `shared`, one every
/// decider rules out.
fn constrain(catalog: &Catalog, team: &Team) -> (Vec<String>, Vec<Excluded>) {
    let deciders: Vec<&Member> = team.deciders().collect();
    let mut kept = Vec::new();
    let mut excluded = Vec::new();
    for framework in &catalog.frameworks {
        let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
        let mut ruling_out = 0;
        for member in &deciders {
            let found = score::exclusion_reasons(framework, &member.answers);
            if !found.is_empty() {
                ruling_out += 1;
            }
            for reason in found {
                match reasons.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, who)) => who.push(member.name.clone()),
                    None => reasons.push((reason, vec![member.name.clone()])),
                }
            }
        }
        let out = match team.constraints {
            Constraints::Every => ruling_out > 0,
            Constraints::Shared => ruling_out == deciders.len() && ruling_out > 0,
        };
        if out {
            excluded.push(Excluded {
                id: framework.id.to_string(),
                name: framework.name.to_string(),
                reasons: reasons.into_iter().map(|(r, who)| format!("{r} ({})", who.join(", "))).collect(),
            });
        } else {
            kept.push(framework.id.to_string());
        }
    }
    (kept, excluded)
}

/// The Dirichlet concentration whose spread matches the deciders' weights (method of moments:
/// Var wⱼ = mⱼ(1 − mⱼ) / (k + 1), pooled over the criteria), between 1 and `at_most` (the
/// concentration asked for, which stays the spread of a team that agrees), to one decimal.
fn fitted_concentration(
    say: &[f64],
    total_say: f64,
    own: &[Vec<(Criterion, f64)>],
    group: &[(Criterion, f64)],
    at_most: f64,
) -> f64 {
    let mut spread = 0.0;
    let mut room = 0.0;
    for (j, &(_, m)) in group.iter().enumerate() {
        spread += say.iter().zip(own).map(|(p, w)| p * (w[j].1 - m).powi(2)).sum::<f64>() / total_say;
        room += m * (1.0 - m);
    }
    if spread <= 1e-12 {
        return at_most;
    }
    ((room / spread - 1.0).clamp(1.0, at_most) * 10.0).round() / 10.0
}

/// Kendall's W = 12 S / (m² (n³ − n)) for m rankings of the same n items, S the sum of squared
/// deviations of the items' rank sums from their mean m (n + 1) / 2. `None` when n < 2.
pub fn kendall_w(orders: &[Vec<String>]) -> Option<f64> {
    let m = orders.len() as f64;
    let first = orders.first()?;
    let n = first.len();
    if n < 2 || m == 0.0 {
        return None;
    }
    let mut sums: BTreeMap<&str, f64> = BTreeMap::new();
    for order in orders {
        for (position, id) in order.iter().enumerate() {
            *sums.entry(id.as_str()).or_default() += (position + 1) as f64;
        }
    }
    let n = n as f64;
    let centre = m * (n + 1.0) / 2.0;
    let s: f64 = sums.values().map(|r| (r - centre).powi(2)).sum();
    Some(12.0 * s / (m * m * (n * n * n - n)))
}

fn extreme(values: &[(String, f64)], pick: fn(f64, f64) -> f64) -> Extreme {
    let weight = values.iter().map(|v| v.1).fold(values.first().map_or(0.0, |v| v.1), pick);
    let members = values.iter().filter(|v| (v.1 - weight).abs() < 1e-9).map(|v| v.0.clone()).collect();
    Extreme { weight, members }
}

/// The (at most two) criteria to settle first: those the members weigh at least
/// [`SETTLE_SPREAD`] apart, the ones whose settling changes the winner before the others, then
/// by the widest spread.
fn disagreements(ranking: &Ranking, spreads: &[Spread]) -> Vec<Disagreement> {
    if ranking.ranking.is_empty() {
        return Vec::new();
    }
    let (decision, rows, _) = sensitivity::decision_of(&super::switching::folded(ranking));
    let model = Model::new(&decision);
    let mut scores = vec![0.0; rows.len()];
    let mut winner_at = |j: usize, t: f64| {
        model.scores(&sensitivity::weights_at(&decision.weights, j, t), &mut scores);
        ranking.ranking[rows[sensitivity::winner(&scores)]].id.to_string()
    };
    let mut found: Vec<(f64, Disagreement)> = spreads
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range() >= SETTLE_SPREAD)
        .map(|(j, s)| {
            let (high, low) = (&s.max, &s.min);
            let disagreement = Disagreement {
                criterion: s.id,
                high: Stance { member: high.members[0].clone(), weight: high.weight },
                low: Stance { member: low.members[0].clone(), weight: low.weight },
                winner_at_high: Some(winner_at(j, high.weight)),
                winner_at_low: Some(winner_at(j, low.weight)),
            };
            (s.range(), disagreement)
        })
        .collect();
    found.sort_by(|a, b| b.1.decides().cmp(&a.1.decides()).then(b.0.total_cmp(&a.0)));
    found.into_iter().take(2).map(|(_, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn kendall_w_is_one_for_identical_rankings_and_zero_for_opposite_pairs() {
        let same = vec![ids(&["a", "b", "c"]), ids(&["a", "b", "c"])];
        assert!((kendall_w(&same).expect("defined") - 1.0).abs() < 1e-12);
        let opposite = vec![ids(&["a", "b", "c"]), ids(&["c", "b", "a"])];
        assert!(kendall_w(&opposite).expect("defined").abs() < 1e-12);
        // Three raters, four items: rank sums 4, 6, 9, 11 → mean 7.5, S = 12.25 + 2.25 + 2.25 + 12.25 = 29,
        // W = 12 × 29 / (9 × 60) = 0.6444.
        let three = vec![ids(&["a", "b", "c", "d"]), ids(&["a", "c", "b", "d"]), ids(&["b", "a", "d", "c"])];
        let w = kendall_w(&three).expect("defined");
        assert!((w - 348.0 / 540.0).abs() < 1e-12, "{w}");
        assert_eq!(kendall_w(&[ids(&["a"])]), None);
    }
}
