//! The decision: answers and a catalog in, a ranking out. [`score`] weighs and ranks (WSM, or
//! [`topsis`]), [`ahp`] turns pairwise judgements into weights, [`sensitivity`] says how sure the
//! ranking is, [`close_call`] whether first place is clear, [`why_not`] why a framework is not
//! first, [`verify`] whether a recorded decision still holds, [`records`] a folder of them (numbers,
//! superseding), and [`compare`] lays frameworks side by side. Pure: no I/O.

pub mod ahp;
pub mod close_call;
pub mod compare;
pub mod records;
pub mod score;
pub mod sensitivity;
pub mod switching;
pub mod team;
pub mod topsis;
pub mod verify;
pub mod why_not;

use std::borrow::Cow;

use serde::Serialize;

use crate::answers::{Answers, Layers};
use crate::catalog::Catalog;
use crate::error::Result;
use close_call::CloseCall;
use score::{Method, Ranking};
use sensitivity::{Sensitivity, Settings};

/// A ranking and, when asked for, how sure it is: what `recommend`, `compare`, the reports and
/// the questionnaire all show. Serialized, it is the stable JSON contract of `recommend`
/// (docs/output-contract.md): the ranking's fields, then `sensitivity` when present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The ranking of the candidates.
    #[serde(flatten)]
    pub ranking: Ranking,
    /// How sure the ranking is, when asked for (`--sensitivity`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// Whether first place is a clear choice or a close call.
    pub close_call: CloseCall,
    /// When a team decides: its members, their spread and consensus ([`team`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<team::TeamReport>,
}

impl Recommendation {
    /// Only the first `n` ranked frameworks (all when `None`): itself when that is all of them,
    /// else a copy; the sensitivity analysis, made over the whole ranking, is kept.
    pub fn top(&self, n: Option<usize>) -> Cow<'_, Recommendation> {
        match n {
            Some(n) if n < self.ranking.ranking.len() => Cow::Owned(Recommendation {
                ranking: self.ranking.top(Some(n)),
                sensitivity: self.sensitivity.clone(),
                close_call: self.close_call.clone(),
                team: self.team.clone(),
            }),
            _ => Cow::Borrowed(self),
        }
    }
}

/// What to rank with: the method, and the sensitivity analysis's settings when one is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Analysis {
    /// How the criteria are combined.
    pub method: Method,
    /// Run the sensitivity analysis with these settings.
    pub sensitivity: Option<Settings>,
}

/// The one recommend pipeline: resolve the answer layers, rank, and analyse when asked.
pub fn recommend(catalog: &Catalog, layers: &Layers, analysis: &Analysis) -> Result<Recommendation> {
    let answers = layers.resolve(&catalog.vocabulary)?;
    rank(catalog, &answers, analysis)
}

/// Rank already resolved answers, and analyse when asked.
pub fn rank(catalog: &Catalog, answers: &Answers, analysis: &Analysis) -> Result<Recommendation> {
    let ranking = score::rank_by(catalog, answers, analysis.method)?;
    let spread = sensitivity::spread(catalog, &ranking);
    let sensitivity = analysis
        .sensitivity
        .as_ref()
        .and_then(|settings| sensitivity::analyse(&switching::folded(&ranking), &spread, settings));
    let other = score::rank_by(catalog, answers, close_call::other(analysis.method))?;
    let close_call = close_call::judge(&ranking, &other, &spread);
    Ok(Recommendation { ranking, sensitivity, close_call, team: None })
}
