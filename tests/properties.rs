//! Property tests of the decision-science library on random decision problems: tipping
//! intervals contain the given weight (and, for WSM, are exactly where the winner stays first),
//! acceptability shares sum to 1, TOPSIS scores lie in [0, 100], AHP weights are a distribution.

use backend_advisor::decide::ahp::{self, Judgement};
use backend_advisor::decide::score::Method;
use backend_advisor::decide::sensitivity::{self, Decision, Model, Settings};
use backend_advisor::decide::topsis;
use proptest::prelude::*;

/// Ratings 1 to 5 in half steps, as in the catalog.
fn rating() -> impl Strategy<Value = f64> {
    (2u8..=10).prop_map(|half| f64::from(half) / 2.0)
}

/// A decision of 1–8 alternatives on 1–6 criteria, importances 0–5 (not all 0) as weights.
fn decision() -> impl Strategy<Value = Decision> {
    (1usize..=8, 1usize..=6, any::<bool>()).prop_flat_map(|(n, m, topsis)| {
        let ratings = prop::collection::vec(prop::collection::vec(rating(), m), n);
        let importances =
            prop::collection::vec(0u8..=5, m).prop_filter("something is weighed", |i| i.iter().any(|&v| v > 0));
        // Each rating's standard deviation, as the catalog's range of them (0 for exact).
        let uncertainty = prop::collection::vec(prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..0.7], m), n);
        (ratings, importances, uncertainty).prop_map(move |(ratings, importances, uncertainty)| {
            let total: f64 = importances.iter().map(|&i| f64::from(i)).sum();
            Decision {
                method: if topsis { Method::Topsis } else { Method::Wsm },
                ratings,
                weights: importances.iter().map(|&i| f64::from(i) / total).collect(),
                uncertainty,
            }
        })
    })
}

fn first(decision: &Decision, model: &Model) -> usize {
    let mut scores = vec![0.0; decision.ratings.len()];
    model.scores(&decision.weights, &mut scores);
    sensitivity::winner(&scores)
}

proptest! {
    #[test]
    fn tipping_intervals_contain_the_given_weight(decision in decision()) {
        let model = Model::new(&decision);
        let winner = first(&decision, &model);
        for (j, &weight) in decision.weights.iter().enumerate() {
            let interval = sensitivity::tipping(&decision, &model, j, winner);
            prop_assert!(0.0 <= interval.low && interval.low <= weight, "{interval:?} for {weight}");
            prop_assert!(weight <= interval.high && interval.high <= 1.0, "{interval:?} for {weight}");
            prop_assert_eq!(interval.below.is_some(), interval.low > 0.0);
            prop_assert_eq!(interval.above.is_some(), interval.high < 1.0);
            for (at, other) in interval.below.into_iter().chain(interval.above) {
                prop_assert!(other != winner);
                prop_assert!(at == interval.low || at == interval.high);
            }
        }
    }

    #[test]
    fn wsm_intervals_are_exactly_where_the_winner_stays_first(mut decision in decision(), t in 0.0f64..=1.0) {
        decision.method = Method::Wsm;
        let model = Model::new(&decision);
        let winner = first(&decision, &model);
        let mut scores = vec![0.0; decision.ratings.len()];
        for j in 0..decision.weights.len() {
            if decision.weights[j] >= 1.0 {
                continue;
            }
            let interval = sensitivity::tipping(&decision, &model, j, winner);
            model.scores(&sensitivity::weights_at(&decision.weights, j, t), &mut scores);
            let near_an_end = (t - interval.low).abs() < 1e-7 || (t - interval.high).abs() < 1e-7;
            if !near_an_end && t > 0.0 && t < 1.0 {
                let inside = interval.low < t && t < interval.high;
                prop_assert_eq!(sensitivity::winner(&scores) == winner, inside, "t {} in {:?}", t, interval);
            }
        }
    }

    #[test]
    fn acceptability_shares_sum_to_one(
        decision in decision(),
        seed in any::<u64>(),
        k in 1.0f64..200.0,
        ratings in any::<bool>(),
    ) {
        let model = Model::new(&decision);
        let settings = Settings { samples: 200, seed, concentration: k, ratings };
        let shares = sensitivity::acceptability(&decision, &model, &settings);
        let n = decision.ratings.len() as f64;
        prop_assert!((shares.first.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(shares.first.iter().all(|s| (0.0..=1.0).contains(s)));
        prop_assert!((shares.mean_rank.iter().sum::<f64>() - n * (n + 1.0) / 2.0).abs() < 1e-6);
        prop_assert!(shares.mean_rank.iter().all(|r| (1.0..=n).contains(r)));
    }

    #[test]
    fn topsis_scores_lie_between_0_and_100(decision in decision()) {
        let evaluation = topsis::evaluate(&decision.ratings, &decision.weights);
        let mut fast = vec![0.0; decision.ratings.len()];
        topsis::Prepared::new(&decision.ratings).scores(&decision.weights, &mut fast);
        for (full, fast) in evaluation.alternatives.iter().zip(&fast) {
            prop_assert!((0.0..=1.0).contains(&full.closeness));
            prop_assert!((0.0..=100.0).contains(fast));
            prop_assert!((100.0 * full.closeness - fast).abs() < 1e-9);
        }
    }

    #[test]
    fn ahp_weights_are_a_distribution(intensities in prop::collection::vec((1u8..=9, any::<bool>()), 10)) {
        let judgements: Vec<Judgement> = intensities
            .iter()
            .map(|&(k, first)| if first { Judgement::favouring_first(k) } else { Judgement::favouring_second(k) })
            .map(|j| j.expect("1 to 9 is on the scale"))
            .collect();
        let found = ahp::weigh(&judgements.try_into().expect("ten judgements"));
        prop_assert!((found.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(found.weights.iter().all(|&w| w > 0.0));
        // λmax ≥ n for a positive reciprocal matrix, so CI and CR are never negative.
        prop_assert!(found.lambda_max >= 5.0 - 1e-9 && found.consistency_ratio >= -1e-9);
        prop_assert_eq!(found.inconsistency().is_some(), found.consistency_ratio > ahp::CONSISTENCY_LIMIT);
    }
}
