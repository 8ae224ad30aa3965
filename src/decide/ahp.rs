//! AHP weighting (Saaty): factor weights from pairwise judgements on the 1–9 scale, with the
//! principal eigenvector by power iteration, λmax, CI = (λmax − n)/(n − 1) and CR = CI / RI.
//! Pure: the questionnaire and the answers file both call [`questions`] and [`weigh`].

use std::fmt;

use crate::catalog::{Factor, Vocabulary};

/// Saaty's random consistency index RI for a matrix of order n (index n; 0 for n ≤ 2).
pub const RANDOM_INDEX: [f64; 11] = [0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/// Judgements whose consistency ratio is above this are reported as inconsistent.
pub const CONSISTENCY_LIMIT: f64 = 0.10;

/// Power iteration stops when no weight moves by more than this.
pub const TOLERANCE: f64 = 1e-12;

/// Saaty's fundamental scale: intensity and its meaning ("a matters … than b").
pub const SCALE: [(u8, &str); 9] = [
    (1, "equally important"),
    (2, "equally to moderately more important"),
    (3, "moderately more important"),
    (4, "moderately to strongly more important"),
    (5, "strongly more important"),
    (6, "strongly to very strongly more important"),
    (7, "very strongly more important"),
    (8, "very strongly to extremely more important"),
    (9, "extremely more important"),
];

/// One judgement "a/b" on Saaty's scale: a matters `more / less` times as much as b, where one
/// of the two is 1 and the other from 1 to 9 (3 is `3`, its reciprocal `1/3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Judgement {
    more: u8,
    less: u8,
}

impl Judgement {
    /// Equal importance.
    pub const EQUAL: Judgement = Judgement { more: 1, less: 1 };

    /// The first matters `intensity` (1–9) times as much as the second.
    pub fn favouring_first(intensity: u8) -> Option<Judgement> {
        (1..=9).contains(&intensity).then_some(Judgement { more: intensity, less: 1 })
    }

    /// The second matters `intensity` (1–9) times as much as the first.
    pub fn favouring_second(intensity: u8) -> Option<Judgement> {
        Judgement::favouring_first(intensity).map(Judgement::reciprocal)
    }

    /// Parse `3`, `1/3` or `1` (surrounding spaces allowed); the reason in words on failure.
    pub fn parse(text: &str) -> Result<Judgement, String> {
        let text = text.trim();
        let bad = || format!("'{text}' is not on Saaty's scale (expected 1 to 9, or 1/2 to 1/9)");
        let number = |part: &str| part.trim().parse::<u8>().ok().filter(|n| (1..=9).contains(n));
        match text.split_once('/') {
            None => number(text).map(|n| Judgement { more: n, less: 1 }).ok_or_else(bad),
            Some((numerator, denominator)) => match (number(numerator), number(denominator)) {
                (Some(1), Some(n)) => Ok(Judgement { more: 1, less: n }),
                (Some(n), Some(1)) => Ok(Judgement { more: n, less: 1 }),
                _ => Err(bad()),
            },
        }
    }

    /// The ratio a_ab = more / less.
    pub fn value(self) -> f64 {
        f64::from(self.more) / f64::from(self.less)
    }

    /// The same judgement seen from the other side (b/a).
    pub fn reciprocal(self) -> Judgement {
        Judgement { more: self.less, less: self.more }
    }

    /// The judgement on the scale closest to `ratio` (in ratio terms, i.e. on a log scale).
    pub fn nearest(ratio: f64) -> Judgement {
        let candidates =
            (1..=9u8).map(|n| Judgement { more: n, less: 1 }).chain((2..=9u8).map(|n| Judgement { more: 1, less: n }));
        let distance = |j: &Judgement| (libm::log(j.value()) - libm::log(ratio)).abs();
        candidates.min_by(|a, b| distance(a).total_cmp(&distance(b))).unwrap_or(Judgement::EQUAL)
    }

    /// How strongly, on the 1–9 scale, whichever side is favoured.
    pub fn intensity(self) -> u8 {
        self.more.max(self.less)
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.less == 1 { write!(f, "{}", self.more) } else { write!(f, "1/{}", self.less) }
    }
}

/// Two factors compared: "how much more does `first` matter than `second`?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pair {
    /// The factor on the left of `a/b`.
    pub first: Factor,
    /// The factor on the right.
    pub second: Factor,
}

impl Pair {
    /// `first/second`, the key of the answers file's `pairwise` mapping.
    pub fn key(self) -> String {
        format!("{}/{}", self.first.id(), self.second.id())
    }
}

/// The 10 comparisons of the five factors, in the order they are asked and reported:
/// each factor against every later one, in [`Factor::ALL`] order.
pub fn pairs() -> [Pair; 10] {
    let f = Factor::ALL;
    let mut out = [Pair { first: f[0], second: f[0] }; 10];
    let mut k = 0;
    for i in 0..f.len() {
        for j in i + 1..f.len() {
            out[k] = Pair { first: f[i], second: f[j] };
            k += 1;
        }
    }
    out
}

/// The position of a pair in [`pairs`], and whether it is written the other way round (b/a).
pub fn position(first: Factor, second: Factor) -> Option<(usize, bool)> {
    pairs().iter().enumerate().find_map(|(k, p)| {
        if (p.first, p.second) == (first, second) {
            Some((k, false))
        } else if (p.first, p.second) == (second, first) {
            Some((k, true))
        } else {
            None
        }
    })
}

/// One comparison as a person is asked it, worded from the catalog's vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The two factors.
    pub pair: Pair,
    /// `first/second`.
    pub key: String,
    /// Label of the first factor, e.g. `Performance`.
    pub first_label: String,
    /// Label of the second factor.
    pub second_label: String,
    /// "Which matters more for this project: Performance or Scalability? And how much more?"
    pub text: String,
}

/// The 10 comparisons in [`pairs`] order, worded with the vocabulary's factor labels; answer
/// each with a [`Judgement`] (on the [`SCALE`], `favouring_first` or `favouring_second`).
pub fn questions(vocabulary: &Vocabulary) -> Vec<Question> {
    let label = |factor: Factor| vocabulary.factor(factor).map_or(factor.id().to_string(), |f| f.label.to_string());
    pairs()
        .into_iter()
        .map(|pair| {
            let (first_label, second_label) = (label(pair.first), label(pair.second));
            Question {
                pair,
                key: pair.key(),
                text: format!(
                    "Which matters more for this project: {first_label} or {second_label}? And how much more?"
                ),
                first_label,
                second_label,
            }
        })
        .collect()
}

/// Priorities derived from a positive reciprocal comparison matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Priorities {
    /// The principal eigenvector, normalized to sum 1.
    pub weights: Vec<f64>,
    /// The principal eigenvalue λmax (n for perfectly consistent judgements).
    pub lambda_max: f64,
    /// CI = (λmax − n) / (n − 1); 0 for n ≤ 2.
    pub consistency_index: f64,
    /// CR = CI / RI; 0 for n ≤ 2, where RI is 0.
    pub consistency_ratio: f64,
    /// The entry (i, j), i < j, that most disagrees with the weights: the largest
    /// |ln(a_ij × w_j / w_i)|. `None` for n < 2.
    pub most_inconsistent: Option<(usize, usize)>,
}

/// Priorities of an n × n positive reciprocal matrix (a_ji = 1 / a_ij, a_ii = 1), 1 ≤ n ≤ 10,
/// by power iteration to [`TOLERANCE`]. `None` when the matrix is not square, is empty, is
/// larger than Saaty's RI table, or has an entry that is not positive and finite.
pub fn priorities(matrix: &[Vec<f64>]) -> Option<Priorities> {
    let n = matrix.len();
    let valid = |row: &Vec<f64>| row.len() == n && row.iter().all(|a| a.is_finite() && *a > 0.0);
    if n == 0 || n >= RANDOM_INDEX.len() || !matrix.iter().all(valid) {
        return None;
    }
    let multiply =
        |x: &[f64]| -> Vec<f64> { matrix.iter().map(|row| row.iter().zip(x).map(|(a, b)| a * b).sum()).collect() };
    let mut weights = vec![1.0 / n as f64; n];
    // A positive matrix has a simple dominant eigenvalue (Perron), so this converges; the cap
    // only guards against a pathological input.
    for _ in 0..100_000 {
        let product = multiply(&weights);
        let total: f64 = product.iter().sum();
        let next: Vec<f64> = product.iter().map(|v| v / total).collect();
        let moved = next.iter().zip(&weights).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        weights = next;
        if moved < TOLERANCE {
            break;
        }
    }
    // With Σw = 1, Aw = λw gives λ = Σ(Aw).
    let lambda_max: f64 = multiply(&weights).iter().sum();
    let consistency_index = if n > 2 { (lambda_max - n as f64) / (n as f64 - 1.0) } else { 0.0 };
    let consistency_ratio = if n > 2 { consistency_index / RANDOM_INDEX[n] } else { 0.0 };
    let mut most_inconsistent = None;
    let mut worst = -1.0;
    for i in 0..n {
        for j in i + 1..n {
            let error = libm::log(matrix[i][j] * weights[j] / weights[i]).abs();
            if error > worst {
                worst = error;
                most_inconsistent = Some((i, j));
            }
        }
    }
    Some(Priorities { weights, lambda_max, consistency_index, consistency_ratio, most_inconsistent })
}

/// The comparison that most disagrees with the weights, and what the weights imply instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Its position in [`pairs`].
    pub index: usize,
    /// The two factors.
    pub pair: Pair,
    /// The judgement given.
    pub given: Judgement,
    /// w_first / w_second: the ratio the derived weights imply.
    pub implied: f64,
    /// The scale value nearest to `implied`.
    pub suggested: Judgement,
}

/// The five factors' AHP weights and how consistent the judgements behind them are.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorWeights {
    /// Weights in [`Factor::ALL`] order, summing to 1.
    pub weights: [f64; 5],
    /// λmax.
    pub lambda_max: f64,
    /// CI.
    pub consistency_index: f64,
    /// CR (RI = 1.12 for five factors).
    pub consistency_ratio: f64,
    /// The comparison that most disagrees with the weights (always named; it matters when
    /// [`FactorWeights::is_consistent`] is false).
    pub most_inconsistent: Disagreement,
}

impl FactorWeights {
    /// CR ≤ 0.10.
    pub fn is_consistent(&self) -> bool {
        self.consistency_ratio <= CONSISTENCY_LIMIT
    }

    /// The disagreement to report: `Some` exactly when the judgements are inconsistent.
    pub fn inconsistency(&self) -> Option<&Disagreement> {
        (!self.is_consistent()).then_some(&self.most_inconsistent)
    }

    /// The weight of one factor.
    pub fn weight(&self, factor: Factor) -> f64 {
        self.weights[factor as usize]
    }
}

/// Weigh the five factors from the 10 judgements in [`pairs`] order.
pub fn weigh(judgements: &[Judgement; 10]) -> FactorWeights {
    let mut matrix = vec![vec![1.0; 5]; 5];
    for (pair, judgement) in pairs().iter().zip(judgements) {
        let (i, j) = (pair.first as usize, pair.second as usize);
        matrix[i][j] = judgement.value();
        matrix[j][i] = judgement.reciprocal().value();
    }
    // A 5 × 5 matrix of scale values is always valid input.
    let found = priorities(&matrix).unwrap_or_else(|| unreachable!("scale values are positive and finite"));
    let mut weights = [0.0; 5];
    weights.copy_from_slice(&found.weights);
    let (i, j) = found.most_inconsistent.unwrap_or((0, 1));
    let (index, _) = position(Factor::ALL[i], Factor::ALL[j]).unwrap_or((0, false));
    let implied = weights[i] / weights[j];
    FactorWeights {
        weights,
        lambda_max: found.lambda_max,
        consistency_index: found.consistency_index,
        consistency_ratio: found.consistency_ratio,
        most_inconsistent: Disagreement {
            index,
            pair: pairs()[index],
            given: judgements[index],
            implied,
            suggested: Judgement::nearest(implied),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// Saaty, T. L. (1990). "How to make a decision: The Analytic Hierarchy Process". European
    /// Journal of Operational Research 48, 9–26, the house example (section 3, Table 2): eight
    /// criteria (size of house, transportation, neighborhood, age, yard space, modern
    /// facilities, general condition, financing). Printed: priorities .173 .054 .188 .018
    /// .031 .036 .167 .333, λmax = 9.669, C.I. = 0.238, C.R. = 0.169.
    #[test]
    fn reproduces_saatys_house_example() {
        let r = |a: f64, b: f64| a / b;
        let matrix = vec![
            vec![1.0, 5.0, 3.0, 7.0, 6.0, 6.0, r(1.0, 3.0), r(1.0, 4.0)],
            vec![r(1.0, 5.0), 1.0, r(1.0, 3.0), 5.0, 3.0, 3.0, r(1.0, 5.0), r(1.0, 7.0)],
            vec![r(1.0, 3.0), 3.0, 1.0, 6.0, 3.0, 4.0, 6.0, r(1.0, 5.0)],
            vec![r(1.0, 7.0), r(1.0, 5.0), r(1.0, 6.0), 1.0, r(1.0, 3.0), r(1.0, 4.0), r(1.0, 7.0), r(1.0, 8.0)],
            vec![r(1.0, 6.0), r(1.0, 3.0), r(1.0, 3.0), 3.0, 1.0, r(1.0, 2.0), r(1.0, 5.0), r(1.0, 6.0)],
            vec![r(1.0, 6.0), r(1.0, 3.0), r(1.0, 4.0), 4.0, 2.0, 1.0, r(1.0, 5.0), r(1.0, 6.0)],
            vec![3.0, 5.0, r(1.0, 6.0), 7.0, 5.0, 5.0, 1.0, r(1.0, 2.0)],
            vec![4.0, 7.0, 5.0, 8.0, 6.0, 6.0, 2.0, 1.0],
        ];
        let found = priorities(&matrix).expect("a valid matrix");
        let printed = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];
        for (got, want) in found.weights.iter().zip(printed) {
            assert!(close(*got, want, 0.0005), "weight {got} is not {want}");
        }
        assert!(close(found.lambda_max, 9.669, 0.0005), "λmax {}", found.lambda_max);
        assert!(close(found.consistency_index, 0.238, 0.0005), "CI {}", found.consistency_index);
        assert!(close(found.consistency_ratio, 0.169, 0.0005), "CR {}", found.consistency_ratio);
    }

    #[test]
    fn consistent_judgements_recover_the_weights_exactly() {
        // Weights 8:4:2:1:1 → every ratio is a scale value or its reciprocal.
        let w = [8.0, 4.0, 2.0, 1.0, 1.0];
        let judgements: Vec<Judgement> =
            pairs().iter().map(|p| Judgement::nearest(w[p.first as usize] / w[p.second as usize])).collect();
        let judgements: [Judgement; 10] = judgements.try_into().expect("ten");
        let found = weigh(&judgements);
        for (got, want) in found.weights.iter().zip(w.map(|x| x / 16.0)) {
            assert!(close(*got, want, 1e-12), "{got} vs {want}");
        }
        assert!(close(found.lambda_max, 5.0, 1e-9));
        assert!(found.consistency_ratio.abs() < 1e-9 && found.is_consistent());
        assert!(found.inconsistency().is_none());
    }

    #[test]
    fn a_reversed_judgement_is_named_as_the_most_inconsistent() {
        // Performance > scalability > productivity > integration > community, each step 2×,
        // except performance/community, written the wrong way round.
        let w = [16.0, 8.0, 4.0, 2.0, 1.0];
        let mut judgements: Vec<Judgement> =
            pairs().iter().map(|p| Judgement::nearest(w[p.first as usize] / w[p.second as usize])).collect();
        let (index, _) = position(Factor::Performance, Factor::Community).expect("a pair");
        judgements[index] = Judgement::favouring_second(9).expect("on the scale");
        let found = weigh(&judgements.try_into().expect("ten"));
        assert!(!found.is_consistent(), "CR {}", found.consistency_ratio);
        let worst = found.inconsistency().expect("inconsistent");
        assert_eq!(worst.pair.key(), "performance/community");
        assert_eq!(worst.given.to_string(), "1/9");
        // The other nine judgements pull the implied ratio far above the 1/9 given.
        assert!(worst.implied > 4.0 * worst.given.value(), "implied {}", worst.implied);
    }

    #[test]
    fn judgements_parse_and_print_on_the_scale() {
        assert_eq!(Judgement::parse("3"), Ok(Judgement::favouring_first(3).expect("valid")));
        assert_eq!(Judgement::parse(" 1/2 ").map(|j| j.to_string()), Ok("1/2".into()));
        assert_eq!(Judgement::parse("9/1").map(|j| j.value()), Ok(9.0));
        for bad in ["0", "10", "2/3", "1/10", "0.5", "", "x"] {
            assert!(Judgement::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(Judgement::nearest(0.26).to_string(), "1/4");
        assert_eq!(Judgement::nearest(100.0).to_string(), "9");
    }

    #[test]
    fn pairs_cover_every_factor_pair_once_in_order() {
        let keys: Vec<String> = pairs().iter().map(|p| p.key()).collect();
        assert_eq!(keys[0], "performance/scalability");
        assert_eq!(keys[9], "integration/community");
        assert_eq!(position(Factor::Community, Factor::Performance), Some((3, true)));
        assert_eq!(position(Factor::Community, Factor::Community), None);
    }
}
