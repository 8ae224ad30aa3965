//! Ratings carry their uncertainty (issue 20, docs/sensitivity.md), through the real binary:
//! `show --format json` gives each rating's standard deviation by the documented formula,
//! `recommend --sensitivity` draws the ratings within it (JSON `sensitivity.uncertainty`), the
//! draws change acceptability and the close call on a designed catalog, and a seed reproduces.

use serde_json::Value;

mod common;
use common::{items, json_of, keys, num, run, text};

const FIXTURE: &str = "tests/fixtures/uncertain.yaml";

/// `recommend` over the fixture's two entries only (no built-in entry has these three
/// features built in).
fn fixture_recommend(extra: &[&str]) -> Value {
    let base = [
        "--catalog",
        FIXTURE,
        "recommend",
        "--require",
        "admin:builtin",
        "--require",
        "realtime:builtin",
        "--require",
        "api_versioning:builtin",
        "--format",
        "json",
    ];
    let doc = json_of(&[&base[..], extra].concat());
    let ids: Vec<&str> = items(&doc["ranking"]).iter().map(|r| text(&r["id"])).collect();
    assert_eq!(ids, ["steady", "close"], "only the fixture's entries are ranked");
    doc
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the civil-from-days inverse, written out).
fn days(date: &str) -> f64 {
    let parts: Vec<i64> = date.split('-').map(|p| p.parse().expect("a number")).collect();
    let (y, m, d) = (parts[0], parts[1], parts[2]);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as f64
}

/// Φ, the standard normal distribution function, by a series that needs no library:
/// Φ(x) = ½ + φ(x) (x + x³/3 + x⁵/(3·5) + …).
fn phi(x: f64) -> f64 {
    let (mut term, mut sum) = (x, x);
    for k in 1..200 {
        term *= x * x / f64::from(2 * k + 1);
        sum += term;
    }
    0.5 + sum * (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

#[test]
fn show_gives_each_rating_its_uncertainty_by_the_documented_formula() {
    let steady = json_of(&["--catalog", FIXTURE, "show", "steady", "--format", "json"]);
    let u = &steady["uncertainty"];
    assert_eq!(keys(u), ["community", "integration", "performance", "productivity", "scalability"]);
    // Measured performance: 2.10 points a decade of req/s (the rule's log span 5,000 to
    // 400,000), run-to-run noise of 25% and a drift of 10% a year since the run (2023-09-19)
    // to the entry's review (2026-11-29).
    let performance = &u["performance"];
    assert_eq!(performance["basis"], "measured");
    let per_decade = 4.0 / (400_000f64.log10() - 5_000f64.log10());
    let years = (days("2026-11-29") - days("2023-09-19")) / 365.25;
    let noise = per_decade * 1.25f64.log10();
    let age = per_decade * years * 1.1f64.log10();
    // Shown to four decimals.
    let shown = |v: f64| (v * 1e4).round() / 1e4;
    assert_eq!(num(&performance["age_years"]), shown(years));
    assert_eq!(num(&performance["parts"]["run_to_run"]), shown(noise));
    assert_eq!(num(&performance["parts"]["age"]), shown(age));
    assert_eq!(num(&performance["sd"]), shown((noise * noise + age * age).sqrt()), "{performance}");
    // Judged: half a rubric level; community has no star count here, so it is judged too.
    for factor in ["scalability", "productivity", "integration", "community"] {
        assert_eq!(u[factor], serde_json::json!({"basis": "judged", "sd": 0.5, "parts": {"rubric": 0.5}}), "{factor}");
    }
    // The entry itself is unchanged beside it, and YAML carries the same.
    assert_eq!(num(&steady["scores"]["performance"]), 4.0);
    let yaml: Value =
        serde_yaml::from_str(&common::stdout_of(&["--catalog", FIXTURE, "show", "steady", "--format", "yaml"]))
            .expect("YAML");
    assert_eq!(yaml["uncertainty"]["scalability"]["sd"], 0.5);
    // The table mentions it beside the evidence.
    let table = common::stdout_of(&["--catalog", FIXTURE, "show", "steady", "--width", "200"]);
    assert!(table.contains(&format!("Measured, ± {:.2}. Fixture rating", num(&performance["sd"]))), "{table}");
    assert!(table.contains("Judged, ± 0.50. Fixture rating"), "{table}");
}

#[test]
fn a_built_in_measured_community_rating_follows_the_formula() {
    let django = json_of(&["show", "django", "--format", "json"]);
    let facts = &django["facts"];
    let community = &django["uncertainty"]["community"];
    assert_eq!(community["basis"], "measured");
    // The entry's date: its review, or a later fact.
    let now = days(text(&django["reviewed"]));
    let stars_years = (now - days(text(&facts["stars"]["as_of"]))) / 365.25;
    let age = 4.0 / (100_000f64.log10() - 2_000f64.log10()) * stars_years * 1.1f64.log10();
    let survey_years = (now - days(text(&facts["survey"]["as_of"]))) / 365.25;
    let spread = (1.2f64.ln().powi(2) + (survey_years * 1.1f64.ln()).powi(2)).sqrt();
    let flips = phi(-(num(&facts["survey"]["usage_percent"]) / 10.0).ln().abs() / spread);
    let survey = 0.5 * flips.sqrt();
    let shown = |v: f64| (v * 1e4).round() / 1e4;
    assert_eq!(num(&community["parts"]["age"]), shown(age), "{community}");
    assert_eq!(num(&community["parts"]["survey"]), shown(survey), "{community}");
    assert_eq!(num(&community["sd"]), shown(age.hypot(survey)), "{community}");
}

#[test]
fn sensitivity_says_how_the_ratings_were_drawn() {
    let doc = fixture_recommend(&["--sensitivity", "--samples", "4000"]);
    let s = &doc["sensitivity"];
    assert_eq!(
        keys(s),
        ["acceptability", "concentration", "criteria", "samples", "seed", "uncertainty", "verdict", "winner"]
    );
    let u = &s["uncertainty"];
    assert_eq!(keys(u), ["distribution", "kinds", "ratings_sampled", "weights"]);
    assert_eq!(
        (u["ratings_sampled"].as_bool(), text(&u["distribution"]), text(&u["weights"])),
        (Some(true), "normal", "dirichlet")
    );
    let kinds = items(&u["kinds"]);
    let kind = |id: &str| kinds.iter().find(|k| k["kind"] == id).unwrap_or_else(|| panic!("{id} in {u}"));
    // Two entries on five factors: Steady's performance is measured, the nine others judged.
    assert_eq!(kinds.len(), 2, "{u}");
    let measured = kind("measured-performance");
    assert_eq!(measured["ratings"].as_u64(), Some(1));
    let shown = json_of(&["--catalog", FIXTURE, "show", "steady", "--format", "json"]);
    assert!((num(&measured["sd_max"]) - num(&shown["uncertainty"]["performance"]["sd"])).abs() <= 5e-5);
    let judged = kind("judged");
    assert_eq!(judged["ratings"].as_u64(), Some(9));
    assert_eq!((num(&judged["sd_min"]), num(&judged["sd_mean"]), num(&judged["sd_max"])), (0.5, 0.5, 0.5));
    assert!(text(&s["verdict"]).contains("of plausible weightings and ratings"), "{}", s["verdict"]);
    // With a use case, use-case fit is a criterion whose rating comes from the answers: not drawn.
    let with_fit = fixture_recommend(&["--use-case", "api", "--sensitivity", "--samples", "10"]);
    let answers = items(&with_fit["sensitivity"]["uncertainty"]["kinds"])
        .iter()
        .find(|k| k["kind"] == "from-answers")
        .cloned()
        .expect("from-answers");
    assert_eq!((answers["ratings"].as_u64(), num(&answers["sd_max"])), (Some(2), 0.0));
    // --weights-only keeps the ratings as they are, and says so.
    let fixed = fixture_recommend(&["--sensitivity", "--samples", "4000", "--weights-only"]);
    assert_eq!(fixed["sensitivity"]["uncertainty"]["ratings_sampled"], false);
    assert!(text(&fixed["sensitivity"]["verdict"]).starts_with("Steady wins in every plausible weighting drawn."));
    // It needs --sensitivity, like the other analysis flags.
    assert_eq!(run(&["recommend", "--weights-only"]).code, 2);
}

#[test]
fn drawing_the_ratings_changes_acceptability_and_the_close_call() {
    // Steady is at least as good as Close on every factor, so it wins under every weighting;
    // within the ratings' uncertainty, Close leads in about a quarter of the draws.
    let first = |doc: &Value, id: &str| {
        let a = items(&doc["sensitivity"]["acceptability"]);
        num(&a.iter().find(|a| a["id"] == id).expect("ranked")["first"])
    };
    let fixed = fixture_recommend(&["--sensitivity", "--samples", "20000", "--weights-only"]);
    assert_eq!((first(&fixed, "steady"), first(&fixed, "close")), (1.0, 0.0));
    let drawn = fixture_recommend(&["--sensitivity", "--samples", "20000"]);
    let close = first(&drawn, "close");
    // At the given (equal) weights the share is Φ(−lead / σ) exactly; the weights' draws move
    // it a little.
    let sd = |v: f64| v * v;
    let performance = num(
        &json_of(&["--catalog", FIXTURE, "show", "steady", "--format", "json"])["uncertainty"]["performance"]["sd"],
    );
    let variance = 25.0f64.powi(2) * 0.2f64.powi(2) * (sd(performance) + 9.0 * sd(0.5));
    let expected = phi(-5.0 / variance.sqrt());
    assert!((close - expected).abs() < 0.03, "Close first in {close}, expected about {expected}");
    // (`show` rounds the performance sd to 1e-4, which moves the share by far less than 1e-5.)
    assert!((first(&drawn, "steady") + close - 1.0).abs() < 1e-12);
    // The close call: only the ratings make it close (5 points ahead, no tipping point, TOPSIS
    // agrees), with the exact share at the given weights.
    let call = &drawn["close_call"];
    assert!((num(&call["ratings_overtake"]) - expected).abs() < 1e-5, "{call}");
    assert_eq!(call["close"], true);
    let reasons = items(&call["reasons"]);
    assert_eq!(reasons.len(), 1, "{call}");
    assert_eq!(
        text(&reasons[0]),
        format!("Close leads Steady in {:.0}% of draws of the ratings within their uncertainty", expected * 100.0)
    );
    // The table says so too.
    let table = common::stdout_of(&[
        "--catalog",
        FIXTURE,
        "recommend",
        "--require",
        "admin:builtin",
        "--require",
        "realtime:builtin",
        "--require",
        "api_versioning:builtin",
    ]);
    assert!(table.contains("within their uncertainty"), "{table}");
}

#[test]
fn a_seed_reproduces_the_draws_of_weights_and_ratings() {
    let args = ["--sensitivity", "--samples", "5000", "--seed", "11"];
    let once = fixture_recommend(&args);
    assert_eq!(once, fixture_recommend(&args), "the same seed, the same result");
    let other = fixture_recommend(&["--sensitivity", "--samples", "5000", "--seed", "12"]);
    assert_ne!(once["sensitivity"]["acceptability"], other["sensitivity"]["acceptability"]);
    // Over the built-in catalog, with both methods, and with more draws than one chunk.
    for method in ["wsm", "topsis"] {
        let args =
            ["recommend", "--method", method, "--sensitivity", "--samples", "3000", "--seed", "3", "--format", "json"];
        assert_eq!(json_of(&args), json_of(&args), "{method}");
    }
}
