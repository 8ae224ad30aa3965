//! How sure a ranking is: one-at-a-time tipping points of each criterion's weight, and
//! SMAA-style rank acceptability over Dirichlet draws of weights centred on the given ones and
//! normal draws of every rating within its uncertainty ([`crate::catalog::uncertainty`]), summed
//! up in a verdict sentence (docs/sensitivity.md). Pure: a [`Ranking`] and [`Settings`] in,
//! numbers out.
//!
//! The draws are split into chunks of [`CHUNK`], each with its own generator seeded from the
//! `--seed` stream, and the chunks are shared among the cores; the counts they add up are
//! integers, so a seed gives the same result on any number of threads.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Gamma, StandardNormal};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::catalog::uncertainty::{self, Basis};
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

/// Draws per chunk: each chunk has its own generator, so that chunks can run on any core and
/// still give the same result for a seed.
pub const CHUNK: usize = 1024;
/// A WSM score moves 25 points per rating point at weight 1: the utility is 100 × (r − 1) / 4.
const POINTS_PER_RATING: f64 = 25.0;

/// How the acceptability draws are made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Number of weight vectors drawn (at least 1).
    pub samples: usize,
    /// Seed of the random stream (PCG-64 MCG).
    pub seed: u64,
    /// Dirichlet concentration k > 0: higher keeps draws closer to the given weights.
    pub concentration: f64,
    /// Draw the ratings within their uncertainty too (`false`: `--weights-only`).
    pub ratings: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, concentration: DEFAULT_CONCENTRATION, ratings: true }
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
    /// `uncertainty[i][j]`: one standard deviation of `ratings[i][j]`, 0 for an exact rating;
    /// empty when every rating is exact.
    pub uncertainty: Vec<Vec<f64>>,
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
/// weight 0) and, when `settings.ratings`, every uncertain rating from a normal distribution
/// around it (not clipped to 1–5, so that the mean stays the rating), and rank the alternatives
/// under each draw. Uses every core; the result depends only on the decision and the settings.
pub fn acceptability(decision: &Decision, model: &Model, settings: &Settings) -> Shares {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    acceptability_on(decision, model, settings, cores)
}

/// [`acceptability`] on up to `threads` threads (the result does not depend on how many).
fn acceptability_on(decision: &Decision, model: &Model, settings: &Settings, threads: usize) -> Shares {
    let n = decision.ratings.len();
    let sampler = Sampler::new(decision, model, settings);
    let chunks = settings.samples.div_ceil(CHUNK);
    // Each chunk's generator is seeded from the --seed stream, in chunk order.
    let mut master = Pcg64Mcg::seed_from_u64(settings.seed);
    let seeds: Vec<u64> = (0..chunks).map(|_| master.next_u64()).collect();
    let threads = threads.clamp(1, chunks.max(1));
    let mut centre = vec![0.0; n];
    model.scores(&decision.weights, &mut centre);
    let run = |thread: usize| {
        let mut tally = Tally::new(&centre);
        let mut work = Work::new(n, decision.weights.len());
        for chunk in (thread..chunks).step_by(threads) {
            let draws = CHUNK.min(settings.samples - chunk * CHUNK);
            let mut rng = Pcg64Mcg::seed_from_u64(seeds[chunk]);
            for _ in 0..draws {
                sampler.draw(&mut rng, &mut work);
                tally.add(&work.scores);
            }
        }
        tally
    };
    let tallies: Vec<Tally> = if threads == 1 {
        vec![run(0)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|t| scope.spawn(move || run(t))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
        })
    };
    let mut total = Tally::new(&centre);
    for tally in &tallies {
        total.first.iter_mut().zip(&tally.first).for_each(|(a, b)| *a += b);
        total.rank_sums.iter_mut().zip(&tally.rank_sums).for_each(|(a, b)| *a += b);
    }
    let draws = settings.samples.max(1) as f64;
    Shares {
        first: total.first.iter().map(|&c| c as f64 / draws).collect(),
        mean_rank: total.rank_sums.iter().map(|&s| s as f64 / draws).collect(),
    }
}

/// What every draw needs, prepared once and shared by the threads.
struct Sampler<'a> {
    decision: &'a Decision,
    model: &'a Model,
    gammas: Vec<Option<Gamma<f64>>>,
    /// How the ratings are drawn.
    noise: Noise,
}

enum Noise {
    /// Ratings as given.
    None,
    /// WSM: a score is linear in the ratings, so the independent normal draws of one
    /// alternative's ratings add up to one normal draw of its score, with variance
    /// Σ_j w_j² × (25 σ_ij)². Row-major (25 σ_ij)².
    Wsm(Vec<f64>),
    /// TOPSIS: every uncertain rating is drawn, then scored. Row-major ratings and σ.
    Topsis { ratings: Vec<f64>, sd: Vec<f64> },
}

/// One thread's buffers.
struct Work {
    weights: Vec<f64>,
    scores: Vec<f64>,
    ratings: Vec<f64>,
    columns: Vec<f64>,
}

impl Work {
    fn new(n: usize, criteria: usize) -> Work {
        Work {
            weights: vec![0.0; criteria],
            scores: vec![0.0; n],
            ratings: vec![0.0; n * criteria],
            columns: vec![0.0; 3 * criteria],
        }
    }
}

impl<'a> Sampler<'a> {
    fn new(decision: &'a Decision, model: &'a Model, settings: &Settings) -> Sampler<'a> {
        // Dirichlet(α) is the normalized vector of independent Gamma(α_j, 1) draws.
        let gammas = decision
            .weights
            .iter()
            .map(|w| Gamma::new(settings.concentration * w, 1.0).ok().filter(|_| *w > 0.0))
            .collect();
        let uncertain = settings.ratings && decision.uncertainty.iter().flatten().any(|sd| *sd > 0.0);
        let sd = || decision.uncertainty.iter().flatten().copied();
        let noise = match decision.method {
            _ if !uncertain => Noise::None,
            Method::Wsm => Noise::Wsm(sd().map(|sd| (POINTS_PER_RATING * sd).powi(2)).collect()),
            Method::Topsis => {
                Noise::Topsis { ratings: decision.ratings.iter().flatten().copied().collect(), sd: sd().collect() }
            }
        };
        Sampler { decision, model, gammas, noise }
    }

    /// A sampler that draws only the ratings, keeping the decision's weights.
    fn fixed_weights(decision: &'a Decision, model: &'a Model, settings: &Settings) -> Sampler<'a> {
        Sampler { gammas: Vec::new(), ..Sampler::new(decision, model, settings) }
    }

    /// One draw of the weights and the ratings: the scores land in `work.scores`.
    fn draw(&self, rng: &mut Pcg64Mcg, work: &mut Work) {
        if self.gammas.is_empty() {
            work.weights.copy_from_slice(&self.decision.weights);
        } else {
            for (weight, gamma) in work.weights.iter_mut().zip(&self.gammas) {
                *weight = gamma.as_ref().map_or(0.0, |g| g.sample(rng));
            }
            let total: f64 = work.weights.iter().sum();
            if total > 0.0 {
                work.weights.iter_mut().for_each(|w| *w /= total);
            } else {
                // Every draw underflowed (only possible with tiny α): fall back to the centre.
                work.weights.copy_from_slice(&self.decision.weights);
            }
        }
        let criteria = work.weights.len().max(1);
        match &self.noise {
            Noise::None => self.model.scores(&work.weights, &mut work.scores),
            Noise::Wsm(variances) => {
                self.model.scores(&work.weights, &mut work.scores);
                for (row, score) in variances.chunks_exact(criteria).zip(work.scores.iter_mut()) {
                    let variance: f64 = row.iter().zip(&work.weights).map(|(v, w)| v * w * w).sum();
                    if variance > 0.0 {
                        let z: f64 = StandardNormal.sample(rng);
                        *score += variance.sqrt() * z;
                    }
                }
            }
            Noise::Topsis { ratings, sd } => {
                for ((drawn, rating), sd) in work.ratings.iter_mut().zip(ratings).zip(sd) {
                    *drawn = if *sd > 0.0 {
                        let z: f64 = StandardNormal.sample(rng);
                        rating + sd * z
                    } else {
                        *rating
                    };
                }
                topsis::scores_of(&work.ratings, criteria, &work.weights, &mut work.columns, &mut work.scores);
            }
        }
    }
}

/// Wins and rank sums, counted, with the buffers of the sort.
struct Tally {
    first: Vec<u64>,
    rank_sums: Vec<u64>,
    /// The draw's keys, best first: the score's order key shifted left by `bits`, then
    /// `mask − row` in the low bits, so keys are distinct (equal scores rank in row order) and
    /// carry their row without a division.
    order: Vec<i64>,
    bits: u32,
    /// Per bucket of scores: how many fall in it, then where its run starts in `order`.
    buckets: Vec<u32>,
    /// Each row's bucket in the current draw.
    bucket_of: Vec<u32>,
    /// Bucket b holds scores in (top − (b + 1) / scale, top − b / scale]; scores beyond either
    /// end go to the end bucket.
    top: f64,
    scale: f64,
}

/// Order keys are kept within ±2^42 (scores within ±4,398 points, far beyond any draw) so that
/// the shifted key cannot overflow for up to 2^20 alternatives.
const KEY_LIMIT: i64 = 1 << 42;

/// [`order_key`] without a call to `round` (x86-64's baseline has no rounding instruction): the
/// same value, half away from zero, for any score within ±4,398 points (|x| < 2^52 after the
/// scaling, where `x − trunc(x)` is exact).
fn fast_order_key(score: f64) -> i64 {
    let scaled = score * 1e9;
    if scaled.is_nan() || scaled.abs() >= 4.5e12 {
        return order_key(score);
    }
    let whole = scaled as i64;
    let fraction = scaled - whole as f64;
    whole + i64::from(fraction >= 0.5) - i64::from(fraction <= -0.5)
}

impl Tally {
    /// A tally for alternatives whose scores at the given weights and ratings are `centre`:
    /// the buckets span their range and 30 points beyond each end, about twice as many buckets
    /// as alternatives, so that a draw's scores rarely share one.
    fn new(centre: &[f64]) -> Tally {
        let n = centre.len();
        let bits = usize::BITS - n.saturating_sub(1).leading_zeros();
        let finite = centre.iter().copied().filter(|s| s.is_finite());
        let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), s| (l.min(s), h.max(s)));
        let (low, high) = if low <= high { (low - 30.0, high + 30.0) } else { (-30.0, 130.0) };
        let count = (2 * n).max(64);
        Tally {
            first: vec![0; n],
            rank_sums: vec![0; n],
            order: vec![0; n],
            bits,
            buckets: vec![0; count],
            bucket_of: vec![0; n],
            top: high,
            scale: count as f64 / (high - low),
        }
    }

    fn row(&self, key: i64) -> usize {
        let mask = (1_i64 << self.bits) - 1;
        (mask - (key & mask)) as usize
    }

    /// Sort the alternatives by `scores` into `order`, best first, without comparing most
    /// pairs: a counting sort by bucket of score, then an insertion sort that only reorders
    /// scores sharing a bucket. Sorting each draw from scratch took most of the time before;
    /// this takes a few operations per alternative and almost no mispredicted branches.
    fn sort(&mut self, scores: &[f64]) {
        let mask = (1_i64 << self.bits) - 1;
        let last = self.buckets.len() - 1;
        self.buckets.fill(0);
        for (bucket, score) in self.bucket_of.iter_mut().zip(scores) {
            // `as` maps NaN to 0 and saturates; the clamp keeps the end buckets.
            let b = (((self.top - score) * self.scale) as i64).clamp(0, last as i64) as usize;
            *bucket = b as u32;
            self.buckets[b] += 1;
        }
        let mut start = 0;
        for slot in self.buckets.iter_mut() {
            let count = *slot;
            *slot = start;
            start += count;
        }
        for (row, (&bucket, score)) in self.bucket_of.iter().zip(scores).enumerate() {
            let at = &mut self.buckets[bucket as usize];
            self.order[*at as usize] =
                (fast_order_key(*score).clamp(-KEY_LIMIT, KEY_LIMIT) << self.bits) | (mask - row as i64);
            *at += 1;
        }
        for p in 1..self.order.len() {
            let moving = self.order[p];
            let mut q = p;
            while q > 0 && self.order[q - 1] < moving {
                self.order[q] = self.order[q - 1];
                q -= 1;
            }
            self.order[q] = moving;
        }
    }

    /// Count one draw: the winner, and every alternative's rank.
    fn add(&mut self, scores: &[f64]) {
        if scores.is_empty() {
            return;
        }
        self.sort(scores);
        let winner = self.row(self.order[0]);
        self.first[winner] += 1;
        for position in 0..self.order.len() {
            let row = self.row(self.order[position]);
            self.rank_sums[row] += position as u64 + 1;
        }
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

/// The JSON `sensitivity` object (docs/output-contract.md).
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
    /// How the ratings were drawn.
    pub uncertainty: Drawn,
    /// One or two sentences for people.
    pub verdict: String,
    /// Every ranked framework's name by id, so that text can name frameworks a `--top` view
    /// leaves out (not serialized).
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
}

/// The JSON `sensitivity.uncertainty`: whether the ratings were drawn, how, and how wide the
/// draws of each kind of rating were (docs/sensitivity.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drawn {
    /// Whether the ratings were drawn as well as the weights (`false` with `--weights-only`).
    pub ratings_sampled: bool,
    /// The distribution of each drawn rating: `normal`, centred on the rating, independent,
    /// not clipped to 1–5.
    pub distribution: &'static str,
    /// The weights' distribution: `dirichlet`, α = concentration × weight.
    pub weights: &'static str,
    /// Per kind of rating present among the ranked frameworks' active criteria: how many
    /// ratings and their standard deviations.
    pub kinds: Vec<Width>,
}

/// The standard deviations of one kind of rating, in rating points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Width {
    /// `measured-performance`, `measured-community`, `judged`, or `from-answers` (use-case
    /// fit and team familiarity, which are not drawn).
    pub kind: &'static str,
    /// How many ratings of the ranking are of this kind.
    pub ratings: usize,
    /// The smallest standard deviation.
    pub sd_min: f64,
    /// The mean standard deviation.
    pub sd_mean: f64,
    /// The largest standard deviation.
    pub sd_max: f64,
}

/// Where a rating's uncertainty comes from: a catalog rating's kind of evidence, or the
/// answers (use-case fit and team familiarity, which are not drawn).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spread {
    /// A catalog rating with its standard deviation.
    Rating(Basis, f64),
    /// Derived from the answers and the catalog's tags: not drawn.
    Answers,
}

impl Spread {
    /// The standard deviation drawn with (0 for what is not drawn).
    pub fn sd(self) -> f64 {
        match self {
            Spread::Rating(_, sd) => sd,
            Spread::Answers => 0.0,
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Spread::Rating(Basis::MeasuredPerformance, _) => "measured-performance",
            Spread::Rating(Basis::MeasuredCommunity, _) => "measured-community",
            Spread::Rating(Basis::Judged, _) => "judged",
            Spread::Answers => "from-answers",
        }
    }
}

/// Every ranked framework's rating uncertainty on every active criterion, in ranking order:
/// the factors' from [`uncertainty::of`], the context criteria's [`Spread::Answers`]. A
/// framework the catalog does not hold (never, for a ranking of that catalog) counts as exact.
pub fn spread(catalog: &Catalog, ranking: &Ranking) -> Vec<Vec<Spread>> {
    ranking
        .ranking
        .iter()
        .map(|ranked| {
            let framework = catalog.frameworks.iter().find(|f| f.id == ranked.id);
            ranking
                .criteria
                .iter()
                .map(|w| match (w.id, framework) {
                    (Criterion::Factor(factor), Some(f)) => {
                        let u = uncertainty::of(f, factor);
                        Spread::Rating(u.kind, u.sd)
                    }
                    _ => Spread::Answers,
                })
                .collect()
        })
        .collect()
}

impl Drawn {
    /// Describe the draws over `spread` (ranking order, as [`spread`] gives it).
    pub fn new(spread: &[Vec<Spread>], settings: &Settings) -> Drawn {
        let mut kinds: Vec<Width> = Vec::new();
        for cell in spread.iter().flatten() {
            let sd = cell.sd();
            match kinds.iter_mut().find(|k| k.kind == cell.kind()) {
                Some(width) => {
                    width.sd_min = width.sd_min.min(sd);
                    width.sd_max = width.sd_max.max(sd);
                    width.sd_mean += sd;
                    width.ratings += 1;
                }
                None => kinds.push(Width { kind: cell.kind(), ratings: 1, sd_min: sd, sd_mean: sd, sd_max: sd }),
            }
        }
        kinds.iter_mut().for_each(|k| k.sd_mean /= k.ratings as f64);
        kinds.sort_by_key(|k| {
            ["measured-performance", "measured-community", "judged", "from-answers"].iter().position(|id| *id == k.kind)
        });
        Drawn { ratings_sampled: settings.ratings, distribution: "normal", weights: "dirichlet", kinds }
    }
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
        uncertainty: Vec::new(),
    };
    let first = rows.iter().position(|&r| r == 0).unwrap_or(0);
    (decision, rows, first)
}

/// [`decision_of`] with each rating's standard deviation from `spread` (ranking order).
pub(crate) fn uncertain_decision_of(ranking: &Ranking, spread: &[Vec<Spread>]) -> (Decision, Vec<usize>, usize) {
    let (mut decision, rows, first) = decision_of(ranking);
    let exact = vec![0.0; decision.weights.len()];
    decision.uncertainty = rows
        .iter()
        .map(|&r| spread.get(r).map_or_else(|| exact.clone(), |row| row.iter().map(|s| s.sd()).collect()))
        .collect();
    (decision, rows, first)
}

/// Draws of the ratings made to tell, under TOPSIS, how often the runner-up would lead.
pub const OVERTAKE_DRAWS: usize = 4_000;

/// The share of draws of the ratings within their uncertainty, at the given weights, in which
/// the runner-up scores above the winner; `None` without a runner-up. WSM: exactly
/// Φ(−lead / σ), σ² = Σ_j (25 w_j)² (σ_1j² + σ_2j²), since a score is linear in the ratings;
/// TOPSIS: counted over [`OVERTAKE_DRAWS`] draws from the default seed.
pub fn overtaken(ranking: &Ranking, spread: &[Vec<Spread>]) -> Option<f64> {
    let (winner, second) = (ranking.ranking.first()?, ranking.ranking.get(1)?);
    let lead = winner.score - second.score;
    match ranking.method {
        Method::Wsm => {
            let sd = |row: usize, j: usize| spread.get(row).and_then(|r| r.get(j)).map_or(0.0, |s| s.sd());
            let variance: f64 = ranking
                .criteria
                .iter()
                .enumerate()
                .map(|(j, w)| (POINTS_PER_RATING * w.weight).powi(2) * (sd(0, j).powi(2) + sd(1, j).powi(2)))
                .sum();
            Some(if variance > 0.0 { 0.5 * libm::erfc(lead / (2.0 * variance).sqrt()) } else { 0.0 })
        }
        Method::Topsis => {
            let (decision, rows, first) = uncertain_decision_of(ranking, spread);
            let runner = rows.iter().position(|&r| r == 1)?;
            let model = Model::new(&decision);
            let settings = Settings { samples: 1, ..Settings::default() };
            let sampler = Sampler::fixed_weights(&decision, &model, &settings);
            let mut work = Work::new(rows.len(), decision.weights.len());
            let mut rng = Pcg64Mcg::seed_from_u64(DEFAULT_SEED);
            let mut ahead = 0;
            for _ in 0..OVERTAKE_DRAWS {
                sampler.draw(&mut rng, &mut work);
                ahead += usize::from(order_key(work.scores[runner]) > order_key(work.scores[first]));
            }
            Some(ahead as f64 / OVERTAKE_DRAWS as f64)
        }
    }
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

/// Analyse a ranking (all of it, before any `--top`) with its ratings' `spread` (ranking order,
/// as [`spread`] gives it); `None` when no framework is ranked.
pub fn analyse(ranking: &Ranking, spread: &[Vec<Spread>], settings: &Settings) -> Option<Sensitivity> {
    let leader = ranking.ranking.first()?;
    let (decision, rows, first) = uncertain_decision_of(ranking, spread);
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
    let drawn = Drawn::new(spread, settings);
    let over = if drawn.ratings_sampled { "plausible weightings and ratings" } else { "plausible weightings" };
    let mut verdict = verdict(&leader.name, &criteria, &acceptability, &name, over);
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
        uncertainty: drawn,
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
    over: &str,
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
            "{leader} is first with these weights, but {} wins in more {over} ({} against {}).",
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
            Some(r) => format!("{leader} wins in {} of {over}, {} in {}.", share(given), name(&r.id), share(r.first)),
            None if over == "plausible weightings" => format!("{leader} wins in every plausible weighting drawn."),
            None => format!("{leader} wins in every draw of {over}."),
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
        Decision {
            method,
            ratings: vec![vec![5.0, 1.0], vec![1.0, 5.0], vec![3.0, 3.5]],
            weights: vec![0.7, 0.3],
            uncertainty: Vec::new(),
        }
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
        let settings = Settings { samples: 2_000, seed: 9, concentration: 50.0, ratings: true };
        let a = acceptability(&p, &model, &settings);
        assert_eq!(a, acceptability(&p, &model, &settings));
        assert!((a.first.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((a.mean_rank.iter().sum::<f64>() - 6.0).abs() < 1e-9, "ranks 1 + 2 + 3 on average");
        let other = acceptability(&p, &model, &Settings { seed: 10, ..settings });
        assert_ne!(a, other, "another seed, other draws");
    }

    #[test]
    fn acceptability_does_not_depend_on_the_number_of_threads() {
        for method in [Method::Wsm, Method::Topsis] {
            let mut p = decision(method);
            p.uncertainty = vec![vec![0.5, 0.3], vec![0.0, 0.5], vec![0.5, 0.5]];
            let model = Model::new(&p);
            let settings = Settings { samples: 5 * CHUNK + 17, seed: 3, concentration: 20.0, ratings: true };
            let one = acceptability_on(&p, &model, &settings, 1);
            for threads in [2, 3, 8] {
                assert_eq!(acceptability_on(&p, &model, &settings, threads), one, "{method} on {threads} threads");
            }
            let fixed = acceptability_on(&p, &model, &Settings { ratings: false, ..settings }, 2);
            assert_ne!(fixed, one, "{method}: drawing the ratings changes the shares");
        }
    }

    #[test]
    fn the_fast_order_key_is_the_order_key() {
        let mut rng = Pcg64Mcg::seed_from_u64(1);
        for _ in 0..100_000 {
            let score = (rng.next_u64() as f64 / u64::MAX as f64 - 0.5) * 400.0;
            assert_eq!(fast_order_key(score), order_key(score), "{score}");
        }
        for score in [0.0, -0.0, 68.75, 68.74999999999999, 0.5e-9, -0.5e-9, 1.5e-9, -2.5e-9, 1e300, f64::NAN] {
            assert_eq!(fast_order_key(score), order_key(score), "{score}");
        }
    }

    #[test]
    fn the_sort_orders_any_scores() {
        let mut rng = Pcg64Mcg::seed_from_u64(2);
        let mut uniform = || rng.next_u64() as f64 / u64::MAX as f64;
        for n in [1, 2, 5, 44, 200] {
            let centre: Vec<f64> = (0..n).map(|_| uniform() * 100.0).collect();
            let mut tally = Tally::new(&centre);
            for spread in [0.0, 1.0, 30.0, 2_000.0] {
                // Some scores repeat, some are far outside the buckets' span.
                let scores: Vec<f64> = centre
                    .iter()
                    .map(|c| if uniform() < 0.2 { 50.0 } else { c + (uniform() - 0.5) * spread })
                    .collect();
                tally.sort(&scores);
                let rows: Vec<usize> = tally.order.iter().map(|&k| tally.row(k)).collect();
                let mut expected: Vec<usize> = (0..n).collect();
                expected.sort_by(|&a, &b| order_key(scores[b]).cmp(&order_key(scores[a])).then(a.cmp(&b)));
                assert_eq!(rows, expected, "n {n}, spread {spread}");
            }
        }
    }

    #[test]
    fn ranks_of_equal_scores_follow_the_rows() {
        let mut tally = Tally::new(&[1.0, 2.0, 3.0]);
        tally.add(&[50.0, 70.0, 50.0]);
        tally.add(&[80.0, 80.0, 10.0]);
        assert_eq!(tally.first, [1, 1, 0]);
        assert_eq!(tally.rank_sums, [2 + 1, 1 + 2, 3 + 3]);
    }

    #[test]
    fn a_zero_weight_stays_zero() {
        // Criterion 1 has weight 0, so only criterion 0 counts in every draw and A always wins.
        let p = Decision {
            method: Method::Wsm,
            ratings: vec![vec![5.0, 1.0], vec![4.0, 5.0]],
            weights: vec![1.0, 0.0],
            uncertainty: Vec::new(),
        };
        let model = Model::new(&p);
        let a = acceptability(&p, &model, &Settings { samples: 500, seed: 1, concentration: 5.0, ratings: true });
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
            verdict("A", &criteria, &shares, &upper, "plausible weightings"),
            "A wins in 71% of plausible weightings, B in 20%. C takes first place if use-case fit weighs more than 25% (now 20%)."
        );
        // When another framework wins more draws than the one first with the given weights.
        let shares = [accepted("a", 0.4), accepted("b", 0.6)];
        assert!(
            verdict("A", &criteria, &shares, &upper, "plausible weightings").starts_with(
                "A is first with these weights, but B wins in more plausible weightings (60% against 40%)."
            )
        );
        // No tipping point at all; nobody else ever first.
        let steady = [tipping_of(Criterion::Factor(Factor::Community), 1.0, None, None)];
        assert_eq!(
            verdict(
                "A",
                &steady,
                &[accepted("a", 1.0), accepted("b", 0.0)],
                &upper,
                "plausible weightings and ratings"
            ),
            "A wins in every draw of plausible weightings and ratings. No change to a single weight gives first place to another framework."
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
