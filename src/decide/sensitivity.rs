//! How sure a ranking is: one-at-a-time tipping points of each criterion's weight, and
//! SMAA-style rank acceptability over Dirichlet draws of weights centred on the given ones,
//! summed up in a verdict sentence. Pure: a [`Ranking`] and [`Settings`] in, numbers out.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand_distr::{Distribution, Gamma};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use crate::decide::score::{Method, Ranking, order_key};

use crate::criteria::Criterion;
use crate::decide::topsis;

/// Weight vectors drawn when `--samples` is not given.
pub const DEFAULT_SAMPLES: usize = 10_000;
/// The seed when `--seed` is not given, so that runs reproduce.
pub const DEFAULT_SEED: u64 = 5;
/// The Dirichlet concentration k when `--concentration` is not given (α = k × w).
pub const DEFAULT_CONCENTRATION: f64 = 50.0;
/// TOPSIS tipping points are found by a scan on this many steps of [0, 1] ...
pub const SCAN_STEPS: usize = 512;
/// ... then bisection until the bracket is this narrow.
pub const BISECTION_TOLERANCE: f64 = 1e-6;

/// How the acceptability draws are made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Number of weight vectors drawn (at least 1).
    pub samples: usize,
    /// Seed of the random stream (PCG-64 MCG).
    pub seed: u64,
    /// Dirichlet concentration k > 0: higher keeps draws closer to the given weights.
    pub concentration: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, concentration: DEFAULT_CONCENTRATION }
    }
}

/// A decision problem as the analysis sees it. Alternatives are rows, in tie-break order: when
/// two score the same (to 1e-9), the earlier row ranks first.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// How scores are computed.
    pub method: Method,
    /// `ratings[i][j]`: alternative i on criterion j, 1 to 5.
    pub ratings: Vec<Vec<f64>>,
    /// One weight per criterion, non-negative, summing to 1.
    pub weights: Vec<f64>,
}

/// Scores of every alternative for any weights, with the weight-independent work done once.
#[derive(Debug, Clone)]
pub struct Model {
    criteria: usize,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// Row-major utilities 100 × (r − 1) / 4: the score is Σ_j w_j × u_ij.
    Wsm(Vec<f64>),
    Topsis(topsis::Prepared),
}

impl Model {
    /// Prepare a decision's ratings for its method.
    pub fn new(decision: &Decision) -> Model {
        let criteria = decision.weights.len();
        let kind = match decision.method {
            Method::Wsm => Kind::Wsm(decision.ratings.iter().flatten().map(|r| 100.0 * (r - 1.0) / 4.0).collect()),
            Method::Topsis => Kind::Topsis(topsis::Prepared::new(&decision.ratings)),
        };
        Model { criteria, kind }
    }

    /// Write every alternative's 0–100 score under `weights` into `scores`.
    pub fn scores(&self, weights: &[f64], scores: &mut [f64]) {
        match &self.kind {
            Kind::Wsm(utilities) => {
                for (row, score) in utilities.chunks_exact(self.criteria.max(1)).zip(scores.iter_mut()) {
                    *score = row.iter().zip(weights).map(|(u, w)| u * w).sum();
                }
            }
            Kind::Topsis(prepared) => prepared.scores(weights, scores),
        }
    }
}

/// The first alternative: the highest score to 1e-9, ties to the earlier row.
pub fn winner(scores: &[f64]) -> usize {
    let mut best = 0;
    for (i, score) in scores.iter().enumerate().skip(1) {
        if order_key(*score) > order_key(scores[best]) {
            best = i;
        }
    }
    best
}

/// The weights with criterion `j` set to `t` and the others keeping their proportions, each
/// scaled by (1 − t) / (1 − w_j). When w_j is 1 the others are all 0 and stay 0.
pub fn weights_at(weights: &[f64], j: usize, t: f64) -> Vec<f64> {
    let rest = 1.0 - weights[j];
    weights
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if k == j {
                t
            } else if rest > 0.0 {
                w * (1.0 - t) / rest
            } else {
                0.0
            }
        })
        .collect()
}

/// Where one criterion's weight can go while the winner stays first.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// Lowest weight at which the winner is still first.
    pub low: f64,
    /// Highest weight at which the winner is still first.
    pub high: f64,
    /// Below `low`: the weight and the alternative (row) that takes first place (`None` when
    /// `low` is 0).
    pub below: Option<(f64, usize)>,
    /// Above `high`: the same (`None` when `high` is 1).
    pub above: Option<(f64, usize)>,
}

/// The tipping points of criterion `j` for the alternative `first`, which must be the winner at
/// the decision's weights: exact for WSM (scores are linear in the weight), by scan and bisection
/// to [`BISECTION_TOLERANCE`] for TOPSIS.
pub fn tipping(decision: &Decision, model: &Model, j: usize, first: usize) -> Interval {
    let given = decision.weights[j];
    if given >= 1.0 - 1e-12 {
        // Every other weight is 0: lowering this one scales all scores alike and changes no rank.
        return Interval { low: 0.0, high: 1.0, below: None, above: None };
    }
    match decision.method {
        Method::Wsm => tipping_linear(decision, j, first),
        Method::Topsis => tipping_scan(decision, model, j, first),
    }
}

/// Scores differing by less than this are ties (the 1e-9 of the ranking's order, with margin).
const TIE: f64 = 1e-9;

fn tipping_linear(decision: &Decision, j: usize, first: usize) -> Interval {
    let given = decision.weights[j];
    let utility = |r: f64| 100.0 * (r - 1.0) / 4.0;
    // s_i(t) = t × A_i + (1 − t) × B_i, with A_i the score at weight 1 and B_i at weight 0.
    let at_one: Vec<f64> = decision.ratings.iter().map(|row| utility(row[j])).collect();
    let at_zero: Vec<f64> = decision
        .ratings
        .iter()
        .map(|row| {
            let others: f64 = (0..row.len()).filter(|&k| k != j).map(|k| decision.weights[k] * utility(row[k])).sum();
            others / (1.0 - given)
        })
        .collect();
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    let mut below: Vec<(usize, f64)> = Vec::new();
    let mut above: Vec<(usize, f64)> = Vec::new();
    for i in (0..decision.ratings.len()).filter(|&i| i != first) {
        // The winner's lead over i: d(t) = β + (α − β) t.
        let (alpha, beta) = (at_one[first] - at_one[i], at_zero[first] - at_zero[i]);
        let slope = alpha - beta;
        let lead_now = beta + slope * given;
        if slope.abs() < TIE / 100.0 {
            continue;
        }
        // Where the lead is 0; a lead within the tie margin now is a tie at the given weight.
        let root = if lead_now.abs() <= TIE { given } else { -beta / slope };
        if slope > 0.0 && root > 0.0 && root <= given {
            // The lead shrinks as the weight falls: i passes the winner below `root`.
            if root > low + 1e-15 {
                low = root;
                below.clear();
            }
            if (root - low).abs() <= 1e-15 {
                below.push((i, slope));
            }
        } else if slope < 0.0 && root < 1.0 && root >= given {
            if root < high - 1e-15 {
                high = root;
                above.clear();
            }
            if (root - high).abs() <= 1e-15 {
                above.push((i, slope));
            }
        }
    }
    // Just past a tipping point the alternative whose lead grows fastest is first; its slope
    // against the winner is −slope of the winner's lead. Ties go to the earlier row.
    let pick = |candidates: &[(usize, f64)], sign: f64| {
        candidates.iter().copied().max_by(|a, b| (sign * a.1).total_cmp(&(sign * b.1)).then(b.0.cmp(&a.0))).map(|c| c.0)
    };
    Interval {
        low,
        high,
        below: pick(&below, 1.0).filter(|_| low > 0.0).map(|i| (low, i)),
        above: pick(&above, -1.0).filter(|_| high < 1.0).map(|i| (high, i)),
    }
}

fn tipping_scan(decision: &Decision, model: &Model, j: usize, first: usize) -> Interval {
    let given = decision.weights[j];
    let mut scores = vec![0.0; decision.ratings.len()];
    let mut winner_at = |t: f64| {
        model.scores(&weights_at(&decision.weights, j, t), &mut scores);
        winner(&scores)
    };
    let mut search = |toward: f64| -> Option<(f64, usize)> {
        // Walk the grid from the given weight toward 0 or 1 until someone else is first ...
        // Grid points k / SCAN_STEPS, counted by an integer so the walk always moves on.
        let steps = SCAN_STEPS as f64;
        let (mut k, stride): (i64, i64) = if toward > given {
            ((given * steps).floor() as i64 + 1, 1)
        } else {
            ((given * steps).ceil() as i64 - 1, -1)
        };
        let mut inside = given;
        loop {
            let next = (k as f64 / steps).clamp(0.0, 1.0);
            let mut other = winner_at(next);
            // A change only at the very end (0 or 1), where the other weights vanish and
            // frameworks equal on this criterion tie, is a tie broken by name, not a tipping
            // point; the exact WSM analysis ignores it too.
            if next == toward && other != first && winner_at(toward - (toward - inside) * 1e-3) == first {
                other = first;
            }
            if other != first {
                // ... then halve the bracket [inside, next] down to the tolerance.
                let (mut keeps, mut loses, mut beyond) = (inside, next, other);
                while (loses - keeps).abs() > BISECTION_TOLERANCE {
                    let middle = (keeps + loses) / 2.0;
                    let at = winner_at(middle);
                    if at == first {
                        keeps = middle;
                    } else {
                        loses = middle;
                        beyond = at;
                    }
                }
                return Some(((keeps + loses) / 2.0, beyond));
            }
            if next == toward {
                return None;
            }
            inside = next;
            k += stride;
        }
    };
    let above = if given < 1.0 { search(1.0) } else { None };
    let below = if given > 0.0 { search(0.0) } else { None };
    Interval { low: below.map_or(0.0, |b| b.0), high: above.map_or(1.0, |a| a.0), below, above }
}

/// Share of draws in which each alternative ranks first, and its mean rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares {
    /// Per alternative: the share of draws it ranks first (the shares sum to 1).
    pub first: Vec<f64>,
    /// Per alternative: its mean rank over the draws (1 is best).
    pub mean_rank: Vec<f64>,
}

/// Draw `settings.samples` weight vectors from Dirichlet(k × w) (a criterion of weight 0 keeps
/// weight 0) and rank the alternatives under each.
pub fn acceptability(decision: &Decision, model: &Model, settings: &Settings) -> Shares {
    let n = decision.ratings.len();
    let mut rng = Pcg64Mcg::seed_from_u64(settings.seed);
    // Dirichlet(α) is the normalized vector of independent Gamma(α_j, 1) draws.
    let gammas: Vec<Option<Gamma<f64>>> = decision
        .weights
        .iter()
        .map(|w| Gamma::new(settings.concentration * w, 1.0).ok().filter(|_| *w > 0.0))
        .collect();
    let mut weights = vec![0.0; decision.weights.len()];
    let mut scores = vec![0.0; n];
    let mut order: Vec<usize> = (0..n).collect();
    let mut keys = vec![0_i64; n];
    let mut first = vec![0_usize; n];
    let mut rank_sums = vec![0_usize; n];
    for _ in 0..settings.samples {
        for (weight, gamma) in weights.iter_mut().zip(&gammas) {
            *weight = gamma.as_ref().map_or(0.0, |g| g.sample(&mut rng));
        }
        let total: f64 = weights.iter().sum();
        if total > 0.0 {
            weights.iter_mut().for_each(|w| *w /= total);
        } else {
            // Every draw underflowed (only possible with tiny α): fall back to the centre.
            weights.copy_from_slice(&decision.weights);
        }
        model.scores(&weights, &mut scores);
        for (key, score) in keys.iter_mut().zip(&scores) {
            *key = order_key(*score);
        }
        order.sort_unstable_by(|&a, &b| keys[b].cmp(&keys[a]).then(a.cmp(&b)));
        first[order[0]] += 1;
        for (position, &i) in order.iter().enumerate() {
            rank_sums[i] += position + 1;
        }
    }
    let draws = settings.samples.max(1) as f64;
    Shares {
        first: first.iter().map(|&c| c as f64 / draws).collect(),
        mean_rank: rank_sums.iter().map(|&s| s as f64 / draws).collect(),
    }
}

/// What would give first place to another framework: its weight and its id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The weight of the criterion at the tipping point.
    pub weight: f64,
    /// The framework first beyond it.
    pub winner: String,
}

/// One criterion's tipping points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tipping {
    /// Which criterion.
    pub id: Criterion,
    /// Its given weight.
    pub weight: f64,
    /// `[low, high]`: the weights for which the winner stays first.
    pub keeps_winner: [f64; 2],
    /// Who takes first place below `low` (`null` when `low` is 0).
    pub below: Option<Change>,
    /// Who takes first place above `high` (`null` when `high` is 1).
    pub above: Option<Change>,
}

/// One framework's rank acceptability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acceptability {
    /// Framework id.
    pub id: String,
    /// Share of the draws in which it ranks first.
    pub first: f64,
    /// Its mean rank over the draws.
    pub mean_rank: f64,
}

/// The JSON `sensitivity` object (README "Output contract").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The framework first with the given weights.
    pub winner: String,
    /// Tipping points of every active criterion, in criterion order.
    pub criteria: Vec<Tipping>,
    /// Every ranked framework, in ranking order.
    pub acceptability: Vec<Acceptability>,
    /// Weight vectors drawn.
    pub samples: usize,
    /// Seed of the draws.
    pub seed: u64,
    /// Dirichlet concentration k.
    pub concentration: f64,
    /// One or two sentences for people.
    pub verdict: String,
    /// Every ranked framework's name by id, so that text can name frameworks a `--top` view
    /// leaves out (not serialized).
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
}

impl Sensitivity {
    /// The acceptability of one framework.
    pub fn of(&self, id: &str) -> Option<&Acceptability> {
        self.acceptability.iter().find(|a| a.id == id)
    }

    /// A ranked framework's name (its id if unknown).
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

/// The decision behind a ranking, its rows in tie-break order (the ranking's own: name, then id),
/// and the row of the winner.
pub(crate) fn decision_of(ranking: &Ranking) -> (Decision, Vec<usize>, usize) {
    let mut rows: Vec<usize> = (0..ranking.ranking.len()).collect();
    rows.sort_by(|&a, &b| {
        let (a, b) = (&ranking.ranking[a], &ranking.ranking[b]);
        a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id))
    });
    let decision = Decision {
        method: ranking.method,
        ratings: rows.iter().map(|&r| ranking.ranking[r].criteria.iter().map(|p| p.rating).collect()).collect(),
        weights: ranking.criteria.iter().map(|w| w.weight).collect(),
    };
    let first = rows.iter().position(|&r| r == 0).unwrap_or(0);
    (decision, rows, first)
}

/// Each criterion's tipping points: the weights between which the winner stays first, and who
/// takes over beyond them. Empty when no framework is ranked.
pub fn tipping_points(ranking: &Ranking) -> Vec<Tipping> {
    if ranking.ranking.is_empty() {
        return Vec::new();
    }
    let (decision, rows, first) = decision_of(ranking);
    let model = Model::new(&decision);
    tippings(ranking, &decision, &model, &rows, first)
}

fn tippings(ranking: &Ranking, decision: &Decision, model: &Model, rows: &[usize], first: usize) -> Vec<Tipping> {
    let entry = |row: usize| &ranking.ranking[rows[row]];
    ranking
        .criteria
        .iter()
        .enumerate()
        .map(|(j, w)| {
            let interval = tipping(decision, model, j, first);
            let change = |side: Option<(f64, usize)>| {
                side.map(|(weight, row)| Change { weight, winner: entry(row).id.to_string() })
            };
            Tipping {
                id: w.id,
                weight: w.weight,
                keeps_winner: [interval.low, interval.high],
                below: change(interval.below),
                above: change(interval.above),
            }
        })
        .collect()
}

/// For each criterion, the weights at which framework `id` would be first when that criterion's
/// weight moves alone (the others keeping their proportions): the interval nearest its weight
/// now, found on a scan of [`SCAN_STEPS`] steps; `None` when no weight makes it first.
pub fn winning_weights(ranking: &Ranking, id: &str) -> Vec<(Criterion, f64, Option<[f64; 2]>)> {
    let Some(target) = ranking.ranking.iter().position(|r| r.id == id) else { return Vec::new() };
    let (decision, rows, _) = decision_of(ranking);
    let Some(row) = rows.iter().position(|&r| r == target) else { return Vec::new() };
    let model = Model::new(&decision);
    let mut scores = vec![0.0; rows.len()];
    ranking
        .criteria
        .iter()
        .enumerate()
        .map(|(j, w)| {
            let wins: Vec<f64> = (0..=SCAN_STEPS)
                .map(|k| k as f64 / SCAN_STEPS as f64)
                .filter(|&t| {
                    model.scores(&weights_at(&decision.weights, j, t), &mut scores);
                    winner(&scores) == row
                })
                .collect();
            // The run of winning steps nearest the weight now.
            let step = 1.0 / SCAN_STEPS as f64;
            let nearest = wins.iter().copied().min_by(|a, b| (a - w.weight).abs().total_cmp(&(b - w.weight).abs()));
            let interval = nearest.map(|t| {
                let mut low = t;
                while wins.iter().any(|&x| (x - (low - step)).abs() < step / 2.0) {
                    low -= step;
                }
                let mut high = t;
                while wins.iter().any(|&x| (x - (high + step)).abs() < step / 2.0) {
                    high += step;
                }
                [low.max(0.0), high.min(1.0)]
            });
            (w.id, w.weight, interval)
        })
        .collect()
}

/// Analyse a ranking (all of it, before any `--top`); `None` when no framework is ranked.
pub fn analyse(ranking: &Ranking, settings: &Settings) -> Option<Sensitivity> {
    let leader = ranking.ranking.first()?;
    let (decision, rows, first) = decision_of(ranking);
    let model = Model::new(&decision);
    let criteria = tippings(ranking, &decision, &model, &rows, first);
    let shares = acceptability(&decision, &model, settings);
    let mut row_of = vec![0; rows.len()];
    for (row, &index) in rows.iter().enumerate() {
        row_of[index] = row;
    }
    let acceptability: Vec<Acceptability> = ranking
        .ranking
        .iter()
        .zip(&row_of)
        .map(|(r, &row)| Acceptability {
            id: r.id.to_string(),
            first: shares.first[row],
            mean_rank: shares.mean_rank[row],
        })
        .collect();
    let names: BTreeMap<String, String> =
        ranking.ranking.iter().map(|r| (r.id.to_string(), r.name.to_string())).collect();
    let name = |id: &str| names.get(id).map_or(id.to_string(), String::clone);
    let mut verdict = verdict(&leader.name, &criteria, &acceptability, &name);
    // Equal scores at the top: first place is only the alphabetical tie-break, and the shares
    // above inherit it; say so before anything else.
    let tied: Vec<&str> = ranking
        .ranking
        .iter()
        .skip(1)
        .take_while(|r| (r.score - leader.score).abs() < 1e-9)
        .map(|r| r.name.as_str())
        .collect();
    if !tied.is_empty() {
        verdict = format!(
            "{} ties with {} at {:.1}; it is first only by name, and its share of wins is theirs too. {verdict}",
            leader.name,
            tied.join(", "),
            leader.score
        );
    }
    Some(Sensitivity {
        winner: leader.id.to_string(),
        criteria,
        acceptability,
        samples: settings.samples,
        seed: settings.seed,
        concentration: settings.concentration,
        verdict,
        names,
    })
}

/// A share as people read it: `71%`, `<1%` for a small non-zero share, `>99%` short of all.
pub fn share(value: f64) -> String {
    let percent = value * 100.0;
    if value > 0.0 && percent < 0.5 {
        "<1%".into()
    } else if value < 1.0 && percent >= 99.5 {
        ">99%".into()
    } else {
        format!("{percent:.0}%")
    }
}

/// A tipping weight next to the current one: whole percent, or one decimal when whole
/// percents would not tell them apart.
fn weight_pair(at: f64, now: f64) -> (String, String) {
    let whole = |v: f64| format!("{:.0}%", v * 100.0);
    if whole(at) == whole(now) || (at > 0.0 && (at * 100.0).round() == 0.0) {
        (format!("{:.1}%", at * 100.0), format!("{:.1}%", now * 100.0))
    } else {
        (whole(at), whole(now))
    }
}

/// The sentence about acceptability, then the one about the nearest tipping point.
fn verdict(
    leader: &str,
    criteria: &[Tipping],
    acceptability: &[Acceptability],
    name: &dyn Fn(&str) -> String,
) -> String {
    if acceptability.len() == 1 {
        return format!("{leader} is the only framework left after the filters, so it wins under any weights.");
    }
    let given = acceptability.first().map_or(0.0, |a| a.first);
    // The most frequent winner; on equal shares the better-ranked one.
    let most = acceptability.iter().fold(&acceptability[0], |best, a| if a.first > best.first { a } else { best });
    let mut sentences = Vec::new();
    if most.first > given {
        sentences.push(format!(
            "{leader} is first with these weights, but {} wins in more plausible weightings ({} against {}).",
            name(&most.id),
            share(most.first),
            share(given)
        ));
    } else {
        let runner =
            acceptability.iter().skip(1).filter(|a| a.first > 0.0).fold(None::<&Acceptability>, |best, a| match best {
                Some(b) if b.first >= a.first => Some(b),
                _ => Some(a),
            });
        sentences.push(match runner {
            Some(r) => format!(
                "{leader} wins in {} of plausible weightings, {} in {}.",
                share(given),
                name(&r.id),
                share(r.first)
            ),
            None => format!("{leader} wins in every plausible weighting drawn."),
        });
    }
    // The tipping point nearest to the given weights.
    let nearest = criteria
        .iter()
        .flat_map(|c| {
            let below = c.below.as_ref().map(|b| (c, b, false));
            let above = c.above.as_ref().map(|a| (c, a, true));
            below.into_iter().chain(above)
        })
        .min_by(|a, b| (a.1.weight - a.0.weight).abs().total_cmp(&(b.1.weight - b.0.weight).abs()));
    sentences.push(match nearest {
        Some((criterion, change, up)) => {
            let (at, now) = weight_pair(change.weight, criterion.weight);
            format!(
                "{} takes first place if {} weighs {} than {at} (now {now}).",
                name(&change.winner),
                criterion.id.label().to_lowercase(),
                if up { "more" } else { "less" }
            )
        }
        None => "No change to a single weight gives first place to another framework.".into(),
    });
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three alternatives on two criteria, made so that the winner changes at known weights.
    fn decision(method: Method) -> Decision {
        Decision { method, ratings: vec![vec![5.0, 1.0], vec![1.0, 5.0], vec![3.0, 3.5]], weights: vec![0.7, 0.3] }
    }

    #[test]
    fn weights_keep_their_proportions() {
        let w = weights_at(&[0.5, 0.3, 0.2], 0, 0.8);
        assert!((w[1] - 0.12).abs() < 1e-12 && (w[2] - 0.08).abs() < 1e-12);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn wsm_tipping_points_are_exact() {
        // Utilities: A (100, 0), B (0, 100), C (50, 62.5). With w on criterion 0:
        // A = 100w, B = 100(1 − w), C = 50w + 62.5(1 − w). A is first while 100w > 62.5 − 12.5w,
        // i.e. w > 62.5 / 112.5 = 5/9; below that C leads until C = B: 62.5 − 12.5w = 100 − 100w.
        let p = decision(Method::Wsm);
        let model = Model::new(&p);
        let interval = tipping(&p, &model, 0, 0);
        assert!((interval.low - 5.0 / 9.0).abs() < 1e-12, "{interval:?}");
        assert_eq!(interval.high, 1.0);
        assert_eq!(interval.below.map(|b| b.1), Some(2));
        assert_eq!(interval.above, None);
    }

    #[test]
    fn topsis_tipping_points_match_a_fine_scan() {
        let p = decision(Method::Topsis);
        let model = Model::new(&p);
        let mut scores = vec![0.0; 3];
        model.scores(&p.weights, &mut scores);
        let first = winner(&scores);
        let interval = tipping(&p, &model, 0, first);
        let (low, _) = interval.below.expect("a tipping point below");
        for k in 0..=10_000 {
            let t = f64::from(k) / 10_000.0;
            model.scores(&weights_at(&p.weights, 0, t), &mut scores);
            if (t - low).abs() > 2e-6 && t <= interval.high {
                assert_eq!(winner(&scores) == first, t > low, "at {t}");
            }
        }
    }

    #[test]
    fn acceptability_reproduces_with_a_seed_and_sums_to_one() {
        let p = decision(Method::Wsm);
        let model = Model::new(&p);
        let settings = Settings { samples: 2_000, seed: 9, concentration: 50.0 };
        let a = acceptability(&p, &model, &settings);
        assert_eq!(a, acceptability(&p, &model, &settings));
        assert!((a.first.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((a.mean_rank.iter().sum::<f64>() - 6.0).abs() < 1e-9, "ranks 1 + 2 + 3 on average");
        let other = acceptability(&p, &model, &Settings { seed: 10, ..settings });
        assert_ne!(a, other, "another seed, other draws");
    }

    #[test]
    fn a_zero_weight_stays_zero() {
        // Criterion 1 has weight 0, so only criterion 0 counts in every draw and A always wins.
        let p =
            Decision { method: Method::Wsm, ratings: vec![vec![5.0, 1.0], vec![4.0, 5.0]], weights: vec![1.0, 0.0] };
        let model = Model::new(&p);
        let a = acceptability(&p, &model, &Settings { samples: 500, seed: 1, concentration: 5.0 });
        assert_eq!(a.first, vec![1.0, 0.0]);
        let interval = tipping(&p, &model, 0, 0);
        assert_eq!((interval.low, interval.high, interval.below, interval.above), (0.0, 1.0, None, None));
    }

    fn accepted(id: &str, first: f64) -> Acceptability {
        Acceptability { id: id.into(), first, mean_rank: 1.0 }
    }

    fn tipping_of(id: Criterion, weight: f64, below: Option<(f64, &str)>, above: Option<(f64, &str)>) -> Tipping {
        let change = |c: Option<(f64, &str)>| c.map(|(weight, winner)| Change { weight, winner: winner.into() });
        Tipping {
            id,
            weight,
            keeps_winner: [below.map_or(0.0, |b| b.0), above.map_or(1.0, |a| a.0)],
            below: change(below),
            above: change(above),
        }
    }

    fn upper(id: &str) -> String {
        id.to_uppercase()
    }

    #[test]
    fn the_verdict_names_the_shares_and_the_nearest_tipping_point() {
        use crate::catalog::Factor;
        let criteria = [
            tipping_of(Criterion::Factor(Factor::Performance), 0.3, Some((0.1, "b")), None),
            tipping_of(Criterion::UseCaseFit, 0.2, None, Some((0.25, "c"))),
        ];
        let shares = [accepted("a", 0.71), accepted("b", 0.2), accepted("c", 0.09)];
        assert_eq!(
            verdict("A", &criteria, &shares, &upper),
            "A wins in 71% of plausible weightings, B in 20%. C takes first place if use-case fit weighs more than 25% (now 20%)."
        );
        // When another framework wins more draws than the one first with the given weights.
        let shares = [accepted("a", 0.4), accepted("b", 0.6)];
        assert!(
            verdict("A", &criteria, &shares, &upper).starts_with(
                "A is first with these weights, but B wins in more plausible weightings (60% against 40%)."
            )
        );
        // No tipping point at all; nobody else ever first.
        let steady = [tipping_of(Criterion::Factor(Factor::Community), 1.0, None, None)];
        assert_eq!(
            verdict("A", &steady, &[accepted("a", 1.0), accepted("b", 0.0)], &upper),
            "A wins in every plausible weighting drawn. No change to a single weight gives first place to another framework."
        );
    }

    #[test]
    fn shares_read_well() {
        assert_eq!(share(0.714), "71%");
        assert_eq!(share(0.001), "<1%");
        assert_eq!(share(0.998), ">99%");
        assert_eq!(share(1.0), "100%");
        assert_eq!(share(0.0), "0%");
    }
}
