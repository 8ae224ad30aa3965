//! Whether a ranking's first place is a clear choice or a close call (docs/scoring.md "Close calls"): the
//! top two within [`CLOSE_MARGIN`] points, a different winner under the other method, a
//! different winner when one criterion's weight moves by [`CLOSE_WEIGHT`] or less, or a
//! runner-up that leads in [`CLOSE_OVERTAKE`] or more of the draws of the ratings within their
//! uncertainty (docs/sensitivity.md). Also the deciding criterion: the one that adds most to the
//! winner's lead over the runner-up.

use serde::Serialize;

use super::score::{Method, Ranking};
use super::sensitivity;
use crate::criteria::Criterion;

/// A lead of fewer points than this (of 100) is a close call.
pub const CLOSE_MARGIN: f64 = 3.0;

/// A winner that changes when one criterion's weight moves by this much (absolute, 0.05 = five
/// percentage points) or less is a close call.
pub const CLOSE_WEIGHT: f64 = 0.05;

/// A runner-up that leads in this share of the draws of the ratings or more (at the given
/// weights) makes a close call: the lead is within what the ratings' uncertainty can undo.
pub const CLOSE_OVERTAKE: f64 = 0.25;

/// How clear first place is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloseCall {
    /// Whether the first place is a close call (any reason below).
    pub close: bool,
    /// The runner-up's id, when there is one.
    pub runner_up: Option<String>,
    /// The winner's lead over the runner-up, in points.
    pub margin: Option<f64>,
    /// The winner under the other method (`topsis` for `wsm` and the reverse).
    pub other_method: OtherMethod,
    /// The smallest weight change of one criterion that changes the winner, when within reach.
    pub nearest_tip: Option<NearestTip>,
    /// The criterion that adds most to the winner's lead over the runner-up.
    pub deciding: Option<Criterion>,
    /// The share of draws of the ratings within their uncertainty, at the given weights, in
    /// which the runner-up leads (`null` without a runner-up).
    pub ratings_overtake: Option<f64>,
    /// Each reason it is close, in words (empty when it is not).
    pub reasons: Vec<String>,
}

/// The winner under the other method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherMethod {
    /// The other method.
    pub method: Method,
    /// Its winner's id (`None` when nothing is ranked).
    pub winner: Option<String>,
    /// Whether it picks the same winner.
    pub agrees: bool,
}

/// A weight change of one criterion that changes the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearestTip {
    /// The criterion.
    pub criterion: Criterion,
    /// Its weight now.
    pub weight: f64,
    /// The weight at which the winner changes.
    pub at: f64,
    /// Who wins beyond it.
    pub winner: String,
}

/// Judge a ranking with its ratings' uncertainty (`spread`, ranking order, as
/// [`sensitivity::spread`] gives it); `other` is the same answers ranked by the other method.
pub fn judge(ranking: &Ranking, other: &Ranking, spread: &[Vec<sensitivity::Spread>]) -> CloseCall {
    let winner = ranking.ranking.first();
    let second = ranking.ranking.get(1);
    let name = |id: &str| ranking.ranking.iter().find(|r| r.id == id).map_or(id.to_string(), |r| r.name.to_string());
    let margin = winner.zip(second).map(|(a, b)| a.score - b.score);
    let other_winner = other.ranking.first().map(|r| r.id.to_string());
    let agrees = other_winner.as_deref() == winner.map(|w| w.id.as_str());
    let nearest_tip = sensitivity::tipping_points(&super::switching::folded(ranking))
        .into_iter()
        .flat_map(|t| {
            let id = t.id;
            let weight = t.weight;
            [t.below, t.above].into_iter().flatten().map(move |c| NearestTip {
                criterion: id,
                weight,
                at: c.weight,
                winner: c.winner,
            })
        })
        .min_by(|a, b| (a.at - a.weight).abs().total_cmp(&(b.at - b.weight).abs()));
    let deciding = winner.zip(second).and_then(|(a, b)| {
        a.criteria
            .iter()
            .zip(&b.criteria)
            .map(|(pa, pb)| (pa.criterion, pa.contribution - pb.contribution))
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .filter(|(_, gain)| *gain > 0.0)
            .map(|(criterion, _)| criterion)
    });
    let ratings_overtake = sensitivity::overtaken(&super::switching::folded(ranking), spread);
    let mut reasons = Vec::new();
    if let (Some(w), Some(s), Some(m)) = (winner, second, margin)
        && m < CLOSE_MARGIN
    {
        reasons.push(format!("{} leads {} by only {:.2} points (under {CLOSE_MARGIN:.0})", w.name, s.name, m));
    }
    if !agrees && let (Some(w), Some(o)) = (winner, other_winner.as_deref()) {
        reasons.push(format!("{} picks {} instead of {}", other.method.id().to_uppercase(), name(o), w.name));
    }
    if let Some(tip) = nearest_tip.as_ref().filter(|t| (t.at - t.weight).abs() <= CLOSE_WEIGHT) {
        reasons.push(format!(
            "{} wins if {} weighs {:.0}% instead of {:.0}%",
            name(&tip.winner),
            tip.criterion.label().to_lowercase(),
            tip.at * 100.0,
            tip.weight * 100.0
        ));
    }
    if let (Some(w), Some(s), Some(share)) = (winner, second, ratings_overtake)
        && share >= CLOSE_OVERTAKE
    {
        reasons.push(format!(
            "{} leads {} in {} of draws of the ratings within their uncertainty",
            s.name,
            w.name,
            sensitivity::share(share)
        ));
    }
    CloseCall {
        close: !reasons.is_empty(),
        runner_up: second.map(|s| s.id.to_string()),
        margin,
        other_method: OtherMethod { method: other.method, winner: other_winner, agrees },
        nearest_tip,
        deciding,
        ratings_overtake,
        reasons,
    }
}

/// The other method than `method`.
pub fn other(method: Method) -> Method {
    match method {
        Method::Wsm => Method::Topsis,
        Method::Topsis => Method::Wsm,
    }
}
