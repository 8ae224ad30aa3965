//! TOPSIS (Hwang and Yoon): closeness of each alternative to the ideal, on benefit criteria.
//!
//! n_ij = r_ij / √(Σ_i r_ij²); v_ij = w_j × n_ij; ideal = column maximum, anti-ideal = column
//! minimum; d± = Euclidean distances to them; closeness C = d− / (d+ + d−), 0 when both are 0.

/// One alternative's place relative to the ideal and the anti-ideal.
#[derive(Debug, Clone, PartialEq)]
pub struct Closeness {
    /// C = d− / (d+ + d−), from 0 to 1 (0 when d+ + d− = 0).
    pub closeness: f64,
    /// d+: Euclidean distance to the ideal.
    pub distance_to_ideal: f64,
    /// d−: Euclidean distance to the anti-ideal.
    pub distance_to_anti_ideal: f64,
    /// v_ij for every criterion: the weighted normalized rating.
    pub weighted: Vec<f64>,
}

/// The whole evaluation: the ideal and anti-ideal points and every alternative's closeness.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Column maxima of v (every criterion is a benefit).
    pub ideal: Vec<f64>,
    /// Column minima of v.
    pub anti_ideal: Vec<f64>,
    /// One entry per alternative, in input order.
    pub alternatives: Vec<Closeness>,
}

/// Vector normalization: each column divided by its Euclidean norm (a zero column stays zero).
/// `ratings[i][j]` is alternative i on criterion j; every row has the same length.
pub fn normalize(ratings: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let criteria = ratings.first().map_or(0, Vec::len);
    let norms: Vec<f64> =
        (0..criteria).map(|j| ratings.iter().map(|row| row[j] * row[j]).sum::<f64>().sqrt()).collect();
    ratings
        .iter()
        .map(|row| row.iter().zip(&norms).map(|(r, norm)| if *norm > 0.0 { r / norm } else { 0.0 }).collect())
        .collect()
}

/// C = d− / (d+ + d−), and 0 when the alternative is both at the ideal and the anti-ideal
/// (every alternative alike on every weighted criterion).
pub fn closeness(distance_to_ideal: f64, distance_to_anti_ideal: f64) -> f64 {
    let total = distance_to_ideal + distance_to_anti_ideal;
    if total > 0.0 { distance_to_anti_ideal / total } else { 0.0 }
}

/// Evaluate alternatives (rows of `ratings`, non-negative) on benefit criteria with `weights`
/// (one per column, non-negative, used as given).
pub fn evaluate(ratings: &[Vec<f64>], weights: &[f64]) -> Evaluation {
    let weighted: Vec<Vec<f64>> =
        normalize(ratings).into_iter().map(|row| row.iter().zip(weights).map(|(n, w)| n * w).collect()).collect();
    let column = |j: usize| weighted.iter().map(move |row: &Vec<f64>| row[j]);
    let ideal: Vec<f64> = (0..weights.len()).map(|j| column(j).fold(f64::NEG_INFINITY, f64::max)).collect();
    let anti_ideal: Vec<f64> = (0..weights.len()).map(|j| column(j).fold(f64::INFINITY, f64::min)).collect();
    let distance = |row: &[f64], point: &[f64]| row.iter().zip(point).map(|(v, p)| (v - p).powi(2)).sum::<f64>().sqrt();
    let alternatives = weighted
        .into_iter()
        .map(|row| {
            let distance_to_ideal = distance(&row, &ideal);
            let distance_to_anti_ideal = distance(&row, &anti_ideal);
            Closeness {
                closeness: closeness(distance_to_ideal, distance_to_anti_ideal),
                distance_to_ideal,
                distance_to_anti_ideal,
                weighted: row,
            }
        })
        .collect();
    Evaluation { ideal, anti_ideal, alternatives }
}

/// TOPSIS prepared for many weight vectors over the same ratings, as sensitivity analysis needs.
///
/// Normalization does not depend on the weights, and for non-negative weights the ideal of
/// column j is w_j × max_i n_ij; so d+² = Σ_j w_j² (max_j − n_ij)² and likewise for d−, with the
/// squared gaps computed once here.
#[derive(Debug, Clone)]
pub struct Prepared {
    criteria: usize,
    /// Row-major squared gaps to the column maxima of n.
    gaps_to_ideal: Vec<f64>,
    /// Row-major squared gaps to the column minima of n.
    gaps_to_anti_ideal: Vec<f64>,
}

impl Prepared {
    /// Prepare the ratings (rows: alternatives, columns: criteria).
    pub fn new(ratings: &[Vec<f64>]) -> Prepared {
        let normalized = normalize(ratings);
        let criteria = normalized.first().map_or(0, Vec::len);
        let max: Vec<f64> =
            (0..criteria).map(|j| normalized.iter().map(|r| r[j]).fold(f64::NEG_INFINITY, f64::max)).collect();
        let min: Vec<f64> =
            (0..criteria).map(|j| normalized.iter().map(|r| r[j]).fold(f64::INFINITY, f64::min)).collect();
        let mut gaps_to_ideal = Vec::with_capacity(normalized.len() * criteria);
        let mut gaps_to_anti_ideal = Vec::with_capacity(normalized.len() * criteria);
        for row in &normalized {
            for j in 0..criteria {
                gaps_to_ideal.push((max[j] - row[j]).powi(2));
                gaps_to_anti_ideal.push((row[j] - min[j]).powi(2));
            }
        }
        Prepared { criteria, gaps_to_ideal, gaps_to_anti_ideal }
    }

    /// The number of alternatives.
    pub fn alternatives(&self) -> usize {
        self.gaps_to_ideal.len().checked_div(self.criteria).unwrap_or(0)
    }

    /// Write 100 × C of every alternative under `weights` into `scores`.
    pub fn scores(&self, weights: &[f64], scores: &mut [f64]) {
        let squared: Vec<f64> = weights.iter().map(|w| w * w).collect();
        let rows = self
            .gaps_to_ideal
            .chunks_exact(self.criteria.max(1))
            .zip(self.gaps_to_anti_ideal.chunks_exact(self.criteria.max(1)));
        for ((plus, minus), score) in rows.zip(scores.iter_mut()) {
            let d_plus: f64 = plus.iter().zip(&squared).map(|(g, w2)| g * w2).sum::<f64>().sqrt();
            let d_minus: f64 = minus.iter().zip(&squared).map(|(g, w2)| g * w2).sum::<f64>().sqrt();
            *score = 100.0 * closeness(d_plus, d_minus);
        }
    }
}

/// 100 × C of every alternative under `weights`, for row-major `ratings` with `criteria`
/// columns: what [`evaluate`] gives, computed without allocating for the many rating draws of a
/// sensitivity analysis. `columns` is scratch space of at least 3 × `criteria` values.
pub fn scores_of(ratings: &[f64], criteria: usize, weights: &[f64], columns: &mut [f64], scores: &mut [f64]) {
    let (norms, rest) = columns.split_at_mut(criteria);
    let (max, min) = rest.split_at_mut(criteria);
    let rows = || ratings.chunks_exact(criteria.max(1));
    norms.fill(0.0);
    for row in rows() {
        for (norm, r) in norms.iter_mut().zip(row) {
            *norm += r * r;
        }
    }
    norms.iter_mut().for_each(|n| *n = if *n > 0.0 { 1.0 / n.sqrt() } else { 0.0 });
    max[..criteria].fill(f64::NEG_INFINITY);
    min[..criteria].fill(f64::INFINITY);
    for row in rows() {
        for j in 0..criteria {
            let n = row[j] * norms[j];
            max[j] = max[j].max(n);
            min[j] = min[j].min(n);
        }
    }
    for (row, score) in rows().zip(scores.iter_mut()) {
        let (mut plus, mut minus) = (0.0, 0.0);
        for j in 0..criteria {
            let (n, w2) = (row[j] * norms[j], weights[j] * weights[j]);
            plus += w2 * (max[j] - n) * (max[j] - n);
            minus += w2 * (n - min[j]) * (n - min[j]);
        }
        *score = 100.0 * closeness(plus.sqrt(), minus.sqrt());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Papathanasiou, J. and Ploskas, N. (2018). "TOPSIS". In *Multiple Criteria Decision Aid:
    /// Methods, Examples and Python Implementations*, Springer Optimization and Its Applications
    /// 136, ch. 2 (doi:10.1007/978-3-319-91648-4_2): the facility-location example, six sites on
    /// four benefit criteria with weights 0.4, 0.3, 0.1, 0.2. The book prints the closeness
    /// coefficients to three decimals: 0.387, 0.327, 0.391, 0.615, 0.868, 0.493.
    #[test]
    fn reproduces_the_papathanasiou_ploskas_facility_location_example() {
        let ratings = vec![
            vec![8.0, 7.0, 2.0, 1.0],
            vec![5.0, 3.0, 7.0, 5.0],
            vec![7.0, 5.0, 6.0, 4.0],
            vec![9.0, 9.0, 7.0, 3.0],
            vec![11.0, 10.0, 3.0, 7.0],
            vec![6.0, 9.0, 5.0, 4.0],
        ];
        let weights = [0.4, 0.3, 0.1, 0.2];
        let printed = [0.387, 0.327, 0.391, 0.615, 0.868, 0.493];
        let evaluation = evaluate(&ratings, &weights);
        for (got, want) in evaluation.alternatives.iter().zip(printed) {
            assert!((got.closeness - want).abs() <= 0.0005, "{} is not {want} to three decimals", got.closeness);
        }
        // The prepared form used by sensitivity analysis gives the same scores.
        let mut scores = vec![0.0; ratings.len()];
        Prepared::new(&ratings).scores(&weights, &mut scores);
        for (fast, full) in scores.iter().zip(&evaluation.alternatives) {
            assert!((fast - 100.0 * full.closeness).abs() < 1e-9);
        }
        // So does the form used for each draw of the ratings.
        let flat: Vec<f64> = ratings.iter().flatten().copied().collect();
        let mut columns = vec![0.0; 12];
        scores_of(&flat, 4, &weights, &mut columns, &mut scores);
        for (fast, full) in scores.iter().zip(&evaluation.alternatives) {
            assert!((fast - 100.0 * full.closeness).abs() < 1e-9);
        }
    }

    #[test]
    fn ideal_and_anti_ideal_are_column_extremes_of_the_weighted_matrix() {
        let ratings = vec![vec![3.0, 4.0], vec![4.0, 3.0]];
        let evaluation = evaluate(&ratings, &[0.5, 0.5]);
        // Each column has norm 5: n = [[.6, .8], [.8, .6]], v = n / 2.
        assert!((evaluation.ideal[0] - 0.4).abs() < 1e-12 && (evaluation.anti_ideal[0] - 0.3).abs() < 1e-12);
        let first = &evaluation.alternatives[0];
        assert!((first.weighted[1] - 0.4).abs() < 1e-12);
        // Symmetric alternatives are equally far from both points.
        assert!((first.closeness - 0.5).abs() < 1e-12);
    }

    #[test]
    fn identical_alternatives_score_zero() {
        let ratings = vec![vec![3.0, 3.0], vec![3.0, 3.0]];
        let evaluation = evaluate(&ratings, &[0.5, 0.5]);
        assert!(evaluation.alternatives.iter().all(|a| a.closeness == 0.0 && a.distance_to_ideal == 0.0));
    }
}
