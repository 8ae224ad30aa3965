//! Why a framework is not first: the filter that removed it, or its gap to the winner criterion by
//! criterion, and the weight at which it would win, if any (from the tipping-point scan).

use serde::Serialize;

use super::Recommendation;
use super::sensitivity;
use super::switching::Cost;
use crate::catalog::Catalog;
use crate::criteria::Criterion;
use crate::error::{Error, Origin, Problem, Result};

/// The explanation for one framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyNot {
    /// The framework asked about.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The winner's id (`None` when nothing passes the filters).
    pub winner: Option<String>,
    /// The winner's name.
    pub winner_name: Option<String>,
    /// `winner`, `ranked` or `excluded`.
    pub status: &'static str,
    /// Its rank, when ranked.
    pub rank: Option<usize>,
    /// Its score and the winner's, when ranked.
    pub score: Option<f64>,
    /// The winner's score.
    pub winner_score: Option<f64>,
    /// Why the filters removed it, when excluded.
    pub excluded_by: Vec<String>,
    /// Criterion by criterion: its rating and points against the winner's.
    pub criteria: Vec<Gap>,
    /// For each criterion, the weights at which it would be first, when any.
    pub would_win: Vec<Turn>,
    /// The points its score pays for a change the team would make (a language, a migration).
    pub costs: Vec<Cost>,
    /// The points the winner's score pays.
    pub winner_costs: Vec<Cost>,
}

/// One criterion's comparison with the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The criterion.
    pub criterion: Criterion,
    /// Its weight.
    pub weight: f64,
    /// The framework's rating.
    pub rating: f64,
    /// The winner's rating.
    pub winner_rating: f64,
    /// The framework's points on it minus the winner's (negative where it loses ground).
    pub difference: f64,
}

/// A weight at which the framework would be first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    /// The criterion whose weight moves (the others keep their proportions).
    pub criterion: Criterion,
    /// Its weight now.
    pub weight: f64,
    /// `[low, high]`: the weights at which the framework would be first, nearest the weight now.
    pub wins_between: [f64; 2],
}

/// Explain why `wanted` (an id or name, any case) is not first in this recommendation.
pub fn explain(recommendation: &Recommendation, catalog: &Catalog, wanted: &str) -> Result<WhyNot> {
    let framework = catalog.find(wanted, Origin::Flag("ID".into()))?;
    let ranking = &recommendation.ranking;
    let winner = ranking.ranking.first();
    let mut why = WhyNot {
        id: framework.id.to_string(),
        name: framework.name.to_string(),
        winner: winner.map(|w| w.id.to_string()),
        winner_name: winner.map(|w| w.name.to_string()),
        status: "excluded",
        rank: None,
        score: None,
        winner_score: winner.map(|w| w.score),
        excluded_by: Vec::new(),
        criteria: Vec::new(),
        would_win: Vec::new(),
        costs: Vec::new(),
        winner_costs: winner.map(|w| w.costs.clone()).unwrap_or_default(),
    };
    if let Some(excluded) = ranking.excluded.iter().find(|e| e.id == framework.id) {
        why.excluded_by = excluded.reasons.clone();
        return Ok(why);
    }
    let (Some(ranked), Some(winner)) = (ranking.ranking.iter().find(|r| r.id == framework.id), winner) else {
        // Every framework of the catalog is either ranked or excluded by a filter.
        return Err(Error::at(Problem {
            origin: Origin::Flag("ID".into()),
            entry: None,
            field: None,
            message: format!("{} is not in this ranking", framework.name),
            hint: None,
        }));
    };
    why.status = if ranked.rank == 1 { "winner" } else { "ranked" };
    why.rank = Some(ranked.rank);
    why.score = Some(ranked.score);
    why.costs = ranked.costs.clone();
    why.criteria = ranked
        .criteria
        .iter()
        .zip(&winner.criteria)
        .zip(&ranking.criteria)
        .map(|((own, best), weight)| Gap {
            criterion: own.criterion,
            weight: weight.weight,
            rating: own.rating,
            winner_rating: best.rating,
            difference: own.contribution - best.contribution,
        })
        .collect();
    if ranked.rank > 1 {
        why.would_win = sensitivity::winning_weights(&super::switching::folded(ranking), &framework.id)
            .into_iter()
            .filter_map(|(criterion, weight, interval)| {
                interval.map(|wins_between| Turn { criterion, weight, wins_between })
            })
            .collect();
    }
    Ok(why)
}
