//! The rules that turn facts into the measured ratings (docs/ratings.md):
//! performance from the TechEmpower fortunes figure, community from GitHub stars, survey usage
//! and age. A rating these rules can derive must equal the derived value; the other ratings are
//! judged by the vocabulary's rubric.

use super::{Factor, Facts, Framework};

/// Fortunes requests/s that rate 1 (and below) and 5 (and above); in between, the rating grows
/// with the logarithm of the figure, so each doubling is worth the same.
pub const PERFORMANCE_SPAN: (f64, f64) = (5_000.0, 400_000.0);

/// Stars that rate 1 (and below) and 5 (and above), on the same logarithmic scale.
pub const STARS_SPAN: (f64, f64) = (2_000.0, 100_000.0);

/// Survey usage (percent of all respondents) that adds half a point to community.
pub const SURVEY_BONUS_FROM: f64 = 10.0;

/// A project younger than this many years (at the date of its star count) loses half a point:
/// its ecosystem has not had time to mature.
pub const YOUNG_YEARS: u16 = 3;

/// Round to the nearest half step and keep within 1–5.
pub fn half_step(value: f64) -> f64 {
    ((value * 2.0).round() / 2.0).clamp(1.0, 5.0)
}

/// 1 + 4 × where `value` sits between `low` and `high` on a log scale (unclamped).
fn log_scale(value: f64, (low, high): (f64, f64)) -> f64 {
    1.0 + 4.0 * (libm::log10(value.max(1.0)) - libm::log10(low)) / (libm::log10(high) - libm::log10(low))
}

/// The performance rating of a fortunes figure.
pub fn performance(fortunes: u64) -> f64 {
    half_step(log_scale(fortunes as f64, PERFORMANCE_SPAN))
}

/// The community rating of facts that hold a star count; `None` without one.
pub fn community(facts: &Facts) -> Option<f64> {
    let stars = facts.stars.as_ref()?;
    let mut value = log_scale(stars.count as f64, STARS_SPAN);
    if facts.survey.as_ref().is_some_and(|s| s.usage_percent >= SURVEY_BONUS_FROM) {
        value += 0.5;
    }
    let counted = stars.as_of.get(..4).and_then(|y| y.parse::<u16>().ok());
    if let (Some(first), Some(counted)) = (facts.first_year(), counted)
        && counted.saturating_sub(first) < YOUNG_YEARS
    {
        value -= 0.5;
    }
    Some(half_step(value))
}

/// The rating the rules derive for a factor from the framework's facts, or `None` when the factor
/// is judged (no rule, or the facts that would measure it are missing).
pub fn derived(framework: &Framework, factor: Factor) -> Option<f64> {
    match factor {
        Factor::Performance => framework.facts.benchmark.as_ref().map(|b| performance(b.fortunes)),
        Factor::Community => community(&framework.facts),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn performance_grows_with_the_log_of_throughput_and_never_falls() {
        assert_eq!(performance(4_000), 1.0);
        assert_eq!(performance(14_551), 2.0);
        assert_eq!(performance(46_931), 3.0);
        assert_eq!(performance(400_000), 5.0);
        assert_eq!(performance(2_000_000), 5.0);
        let mut last = 0.0;
        for fortunes in (1_000..1_000_000).step_by(997) {
            let rating = performance(fortunes);
            assert!(rating >= last, "{fortunes}");
            last = rating;
        }
    }

    #[test]
    fn half_steps_stay_in_range() {
        assert_eq!(half_step(0.2), 1.0);
        assert_eq!(half_step(3.74), 3.5);
        assert_eq!(half_step(3.76), 4.0);
        assert_eq!(half_step(9.0), 5.0);
    }
}
