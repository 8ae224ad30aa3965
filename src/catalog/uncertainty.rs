//! How far each rating could be from the truth: one standard deviation in rating units, derived
//! from what the catalog already says about the rating (docs/sensitivity.md "How uncertain a
//! rating is"). Pure: a framework entry in, numbers out.
//!
//! * **Measured performance** ([`rules::performance`]): TechEmpower throughput varies by about
//!   [`RUN_TO_RUN`] (25%) between runs, and a figure drifts by about [`DRIFT_PER_YEAR`] (10%) a
//!   year as the framework and its runtime change. Both are relative, so the catalog's log rule
//!   turns them into rating units: one decade of req/s is worth
//!   `4 / (log10 400,000 − log10 5,000)` = 2.10 points, and
//!   `sd = 2.10 × √(log10(1.25)² + (years × log10(1.10))²)`, with `years` the age of the figure
//!   at the entry's date ([`entry_date`]).
//! * **Measured community** ([`rules::community`]): the star count is exact but ages like a
//!   benchmark figure, `2.35 × years × log10(1.10)` (2.35 points a decade of stars); the survey
//!   adds half a point at 10% usage, and that bonus is uncertain when the share is near the
//!   threshold: with the share's relative error `s = √(ln(1 + SURVEY_NOISE)² + (years × ln 1.10)²)`
//!   and `p` the probability that the bonus would come out the other way
//!   (`Φ(−|ln(share / 10)| / s)`), it adds `0.5 × √p`. The two combine as `√(age² + survey²)`.
//! * **Judged** ratings (the rubric, or a measured factor without its facts): [`JUDGED`], half of
//!   one rubric level.
//!
//! Uncertainties of independent sources add in quadrature. A rating's draws are normal around
//! the rating itself, so the catalog's value stays the mean (see `decide::sensitivity`).

use serde::Serialize;

use super::{Factor, Framework, rules};

/// TechEmpower run-to-run variation of one result: about 25% of the throughput.
pub const RUN_TO_RUN: f64 = 0.25;
/// How much a measured figure (throughput, stars, survey share) moves in a year: about 10%.
pub const DRIFT_PER_YEAR: f64 = 0.10;
/// Relative error of a survey share (self-selected respondents, one year's sample): about 20%.
pub const SURVEY_NOISE: f64 = 0.20;
/// A judged rating's standard deviation: half a rubric level (the levels are a point apart).
pub const JUDGED: f64 = 0.5;
/// The survey bonus of the community rule, in rating points.
pub const SURVEY_BONUS: f64 = 0.5;

/// What kind of evidence a rating rests on, for the uncertainty it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Performance from the TechEmpower fortunes figure.
    MeasuredPerformance,
    /// Community from GitHub stars and survey usage.
    MeasuredCommunity,
    /// Judged by the factor's rubric.
    Judged,
}

impl Basis {
    /// `measured` or `judged`, as `show` says it.
    pub fn word(self) -> &'static str {
        match self {
            Basis::MeasuredPerformance | Basis::MeasuredCommunity => "measured",
            Basis::Judged => "judged",
        }
    }
}

/// One rating's uncertainty and the parts it is made of (each in rating units).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    /// `measured` or `judged`.
    pub basis: &'static str,
    /// One standard deviation, in rating points: √(sum of the parts squared).
    pub sd: f64,
    /// What it is made of: `run_to_run` and `age` (measured performance), `age` and `survey`
    /// (measured community), `rubric` (judged).
    #[serde(serialize_with = "parts_as_map")]
    pub parts: Vec<(&'static str, f64)>,
    /// Age in years of the measured figure at the entry's date (absent when judged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_years: Option<f64>,
    /// The kind of evidence (not serialized: `basis` says it in a word).
    #[serde(skip)]
    pub kind: Basis,
}

fn parts_as_map<S: serde::Serializer>(parts: &[(&'static str, f64)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(parts.iter().map(|(k, v)| (k, v)))
}

/// Every factor's uncertainty of one framework, serialized as a map from factor id, in factor
/// order, each number rounded to [`SHOWN_DECIMALS`] decimals (what `show --format json` adds as
/// `uncertainty`).
pub struct Ratings<'a>(pub &'a Framework);

/// Decimals `show` gives an uncertainty to: a ten-thousandth of a rating point is far finer
/// than the judgements behind it, and short decimals read back exactly from JSON and YAML.
pub const SHOWN_DECIMALS: i32 = 4;

impl Uncertainty {
    /// The same, every number rounded to [`SHOWN_DECIMALS`] decimals.
    pub fn rounded(&self) -> Uncertainty {
        let scale = 10_f64.powi(SHOWN_DECIMALS);
        let round = |v: f64| (v * scale).round() / scale;
        Uncertainty {
            sd: round(self.sd),
            parts: self.parts.iter().map(|(k, v)| (*k, round(*v))).collect(),
            age_years: self.age_years.map(round),
            ..self.clone()
        }
    }
}

impl Serialize for Ratings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(Factor::ALL.into_iter().map(|f| (f.id(), of(self.0, f).rounded())))
    }
}

/// Rating points per decade of a measured figure under a log rule spanning `(low, high)`.
pub fn points_per_decade((low, high): (f64, f64)) -> f64 {
    4.0 / (libm::log10(high) - libm::log10(low))
}

/// A date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) in years since 1970, `None` when unreadable.
fn years(date: &str) -> Option<f64> {
    let full = match date.len() {
        4 => format!("{date}-01-01"),
        _ => date.to_string(),
    };
    crate::refresh::days(&full).map(|d| d as f64 / 365.25)
}

/// The date the entry is known at, in years since 1970: its `reviewed` date, or a fact's date
/// when one was read later (`catalog refresh` updates facts without reviewing the entry).
pub fn entry_date(framework: &Framework) -> Option<f64> {
    let facts = &framework.facts;
    let read = [
        Some(facts.license.as_of.as_str()),
        Some(facts.latest_release.as_of.as_str()),
        facts.stars.as_ref().map(|s| s.as_of.as_str()),
        facts.survey.as_ref().map(|s| s.as_of.as_str()),
        facts.benchmark.as_ref().map(|b| b.as_of.as_str()),
    ];
    std::iter::once(framework.reviewed.as_str()).chain(read.into_iter().flatten()).filter_map(years).reduce(f64::max)
}

/// Years from `date` to the entry's date (0 when unknown or later).
fn age(framework: &Framework, date: &str) -> f64 {
    match (entry_date(framework), years(date)) {
        (Some(now), Some(then)) => (now - then).max(0.0),
        _ => 0.0,
    }
}

/// The standard normal distribution function Φ.
fn phi(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// The uncertainty of a framework's rating on `factor`.
pub fn of(framework: &Framework, factor: Factor) -> Uncertainty {
    let drift = libm::log10(1.0 + DRIFT_PER_YEAR);
    let facts = &framework.facts;
    // The same facts that let `rules::derived` measure the rating.
    match (factor, &facts.benchmark, &facts.stars) {
        (Factor::Performance, Some(benchmark), _) => {
            let per_decade = points_per_decade(rules::PERFORMANCE_SPAN);
            let years = age(framework, &benchmark.as_of);
            let parts =
                vec![("run_to_run", per_decade * libm::log10(1.0 + RUN_TO_RUN)), ("age", per_decade * years * drift)];
            combine(parts, Some(years), Basis::MeasuredPerformance)
        }
        (Factor::Community, _, Some(stars)) => {
            let years = age(framework, &stars.as_of);
            let mut parts = vec![("age", points_per_decade(rules::STARS_SPAN) * years * drift)];
            if let Some(survey) = &facts.survey {
                let survey_years = age(framework, &survey.as_of);
                let spread = libm::log(1.0 + SURVEY_NOISE).hypot(survey_years * libm::log(1.0 + DRIFT_PER_YEAR));
                let distance = libm::log(survey.usage_percent.max(1e-9) / rules::SURVEY_BONUS_FROM).abs();
                let flips = phi(-distance / spread);
                parts.push(("survey", SURVEY_BONUS * flips.sqrt()));
            }
            combine(parts, Some(years), Basis::MeasuredCommunity)
        }
        _ => combine(vec![("rubric", JUDGED)], None, Basis::Judged),
    }
}

fn combine(parts: Vec<(&'static str, f64)>, age_years: Option<f64>, kind: Basis) -> Uncertainty {
    let sd = parts.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
    Uncertainty { basis: kind.word(), sd, parts, age_years, kind }
}

/// Every factor's uncertainty, in factor order.
pub fn all(framework: &Framework) -> Vec<(Factor, Uncertainty)> {
    Factor::ALL.into_iter().map(|f| (f, of(framework, f))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn entry(id: &str) -> Framework {
        let catalog = Catalog::builtin().expect("built-in");
        catalog.frameworks.iter().find(|f| f.id == id).expect("in the catalog").clone()
    }

    #[test]
    fn measured_performance_widens_with_age() {
        let mut django = entry("django");
        let fresh = {
            django.reviewed = "2023-09-19".into();
            django.facts.license.as_of = "2023-09-19".into();
            django.facts.latest_release.as_of = "2023-09-19".into();
            django.facts.stars = None;
            django.facts.survey = None;
            of(&django, Factor::Performance)
        };
        // Run-to-run noise alone: 25% of throughput at 2.10 points a decade.
        assert!((fresh.sd - 4.0 * 1.25_f64.log10() / 80.0_f64.log10()).abs() < 1e-12, "{fresh:?}");
        assert_eq!(fresh.age_years, Some(0.0));
        django.reviewed = "2026-09-19".into();
        let older = of(&django, Factor::Performance);
        assert!(older.sd > fresh.sd);
        let years = older.age_years.expect("measured");
        assert!((years - 3.0).abs() < 0.01, "{years}");
    }

    #[test]
    fn judged_ratings_carry_half_a_level() {
        let django = entry("django");
        let u = of(&django, Factor::Productivity);
        assert_eq!((u.basis, u.sd, u.age_years), ("judged", JUDGED, None));
    }

    #[test]
    fn a_survey_share_near_the_threshold_is_less_certain() {
        let mut django = entry("django");
        let mut sd_at = |share: f64| {
            django.facts.survey.as_mut().expect("surveyed").usage_percent = share;
            of(&django, Factor::Community).sd
        };
        let (near, far, very_far) = (sd_at(10.5), sd_at(30.0), sd_at(0.5));
        assert!(near > far && far > very_far, "{near} {far} {very_far}");
        // At the threshold the bonus is a coin toss: 0.5 × √0.5.
        let at = sd_at(10.0);
        assert!(at >= SURVEY_BONUS * 0.5_f64.sqrt() - 1e-12, "{at}");
    }

    #[test]
    fn every_builtin_rating_has_a_finite_positive_uncertainty() {
        for f in Catalog::builtin().expect("built-in").frameworks.iter() {
            for (factor, u) in all(f) {
                assert!(u.sd.is_finite() && u.sd > 0.0 && u.sd < 1.0, "{} {}: {u:?}", f.id, factor.id());
                assert_eq!(u.basis == "measured", rules::derived(f, factor).is_some());
            }
        }
    }
}
