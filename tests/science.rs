//! Integration tests of the decision-science features (issue 5), running the real binary:
//! `--method topsis` against an independent TOPSIS, `--sensitivity` (JSON shape, tipping points
//! against a brute-force scan, acceptability against an independent Monte Carlo run, the verdict
//! above the table), and AHP weighting from answers files (good, missing pairs, inconsistent).

use std::fs;

use rand::SeedableRng;
use rand_distr::{Distribution, Gamma, Normal};
use serde_json::Value;

mod common;
use common::{items, json_of, keys, num, run, stdout_of, text};

/// Writes `content` to a file in a fresh temporary folder and returns the folder and path.
fn answers_file(name: &str, content: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    fs::write(&path, content).expect("the answers file is written");
    let shown = path.to_str().expect("a UTF-8 path").to_string();
    (dir, shown)
}

/// The 1-based (line, column) of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let before = &text[..offset];
    (before.matches('\n').count() + 1, offset - before.rfind('\n').map_or(0, |p| p + 1) + 1)
}

/// TOPSIS of every framework: scores, (d+, d−) and the weighted normalized matrix v.
struct Topsis {
    scores: Vec<f64>,
    distances: Vec<(f64, f64)>,
    v: Vec<Vec<f64>>,
}

/// A decision problem read back from `recommend --format json`: every ranked framework's
/// name, id and ratings, and the criteria weights.
struct Problem {
    names: Vec<String>,
    ids: Vec<String>,
    ratings: Vec<Vec<f64>>,
    weights: Vec<f64>,
    criteria: Vec<String>,
}

impl Problem {
    fn from_json(doc: &Value) -> Problem {
        let criteria: Vec<String> = items(&doc["criteria"]).iter().map(|c| text(&c["id"]).to_string()).collect();
        let ranking = items(&doc["ranking"]);
        Problem {
            names: ranking.iter().map(|r| text(&r["name"]).to_string()).collect(),
            ids: ranking.iter().map(|r| text(&r["id"]).to_string()).collect(),
            ratings: ranking
                .iter()
                .map(|r| criteria.iter().map(|c| num(&r["criteria"][c.as_str()]["rating"])).collect())
                .collect(),
            weights: items(&doc["criteria"]).iter().map(|c| num(&c["weight"])).collect(),
            criteria,
        }
    }

    /// WSM scores, written out from the README's formula.
    fn wsm(&self, weights: &[f64]) -> Vec<f64> {
        self.ratings.iter().map(|row| row.iter().zip(weights).map(|(r, w)| 100.0 * w * (r - 1.0) / 4.0).sum()).collect()
    }

    /// TOPSIS scores, written out from the steps.
    fn topsis(&self, weights: &[f64]) -> Topsis {
        let m = weights.len();
        let norms: Vec<f64> = (0..m).map(|j| self.ratings.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt()).collect();
        let v: Vec<Vec<f64>> =
            self.ratings.iter().map(|r| (0..m).map(|j| weights[j] * r[j] / norms[j]).collect()).collect();
        let best: Vec<f64> = (0..m).map(|j| v.iter().map(|r| r[j]).fold(f64::MIN, f64::max)).collect();
        let worst: Vec<f64> = (0..m).map(|j| v.iter().map(|r| r[j]).fold(f64::MAX, f64::min)).collect();
        let distances: Vec<(f64, f64)> = v
            .iter()
            .map(|r| {
                let plus: f64 = (0..m).map(|j| (r[j] - best[j]).powi(2)).sum();
                let minus: f64 = (0..m).map(|j| (r[j] - worst[j]).powi(2)).sum();
                (plus.sqrt(), minus.sqrt())
            })
            .collect();
        let scores = distances.iter().map(|(p, n)| if p + n == 0.0 { 0.0 } else { 100.0 * n / (p + n) }).collect();
        Topsis { scores, distances, v }
    }

    fn scores(&self, method: &str, weights: &[f64]) -> Vec<f64> {
        if method == "topsis" { self.topsis(weights).scores } else { self.wsm(weights) }
    }

    /// The first framework's index: highest score to 1e-9, ties to the name first in order.
    fn winner(&self, scores: &[f64]) -> usize {
        let key = |i: usize| (scores[i] * 1e9).round() as i64;
        (0..scores.len())
            .max_by(|&a, &b| key(a).cmp(&key(b)).then_with(|| self.names[b].cmp(&self.names[a])))
            .expect("at least one framework")
    }

    /// The weights with criterion j at t, the others keeping their proportions.
    fn weights_at(&self, j: usize, t: f64) -> Vec<f64> {
        let rest = 1.0 - self.weights[j];
        self.weights.iter().enumerate().map(|(k, w)| if k == j { t } else { w * (1.0 - t) / rest }).collect()
    }
}

#[test]
fn topsis_ranks_by_closeness_and_reports_its_parts() {
    let doc = json_of(&["recommend", "--preset", "ai-api", "--method", "topsis", "--format", "json"]);
    assert_eq!(doc["method"], "topsis");
    assert_eq!(doc["weighting"], serde_json::json!({"method": "direct"}));
    let problem = Problem::from_json(&doc);
    let Topsis { scores, distances, v } = problem.topsis(&problem.weights);
    let ranking = items(&doc["ranking"]);
    assert_eq!(ranking.len(), 44, "TOPSIS ranks every candidate left after the filters");
    for (i, entry) in ranking.iter().enumerate() {
        assert_eq!(entry["rank"].as_u64(), Some(i as u64 + 1));
        let score = num(&entry["score"]);
        assert!((score - scores[i]).abs() < 1e-9, "{}: {score} vs {}", problem.ids[i], scores[i]);
        assert!((0.0..=100.0).contains(&score));
        assert!((num(&entry["distance_to_ideal"]) - distances[i].0).abs() < 1e-12);
        assert!((num(&entry["distance_to_anti_ideal"]) - distances[i].1).abs() < 1e-12);
        for (j, criterion) in problem.criteria.iter().enumerate() {
            let cell = &entry["criteria"][criterion.as_str()];
            assert_eq!(keys(cell), ["normalized", "rating"], "normalized replaces contribution");
            assert!((num(&cell["normalized"]) - v[i][j]).abs() < 1e-12);
        }
    }
    // Ordered by score, ties by name.
    for pair in ranking.windows(2) {
        let (a, b) = (num(&pair[0]["score"]), num(&pair[1]["score"]));
        assert!(a > b - 1e-9 && (a - b > 1e-9 || text(&pair[0]["name"]) < text(&pair[1]["name"])));
    }
    // TOPSIS ranks the same candidates as WSM after the filters.
    let filtered = json_of(&["recommend", "--method", "topsis", "--language", "go", "--format", "json"]);
    assert!(items(&filtered["ranking"]).iter().all(|r| r["language"] == "go"));
    assert_eq!(items(&filtered["excluded"]).len() + items(&filtered["ranking"]).len(), 44);
}

#[test]
fn topsis_tables_show_the_weighted_normalized_values() {
    let table = stdout_of(&["recommend", "--method", "topsis", "--explain", "--top", "2"]);
    assert!(table.contains("Each cell: the rating, then v = weight"), "{table}");
    assert!(table.contains("from the ideal framework"), "{table}");
    let plus_digit = table.as_bytes().windows(2).any(|w| w[0] == b'+' && w[1].is_ascii_digit());
    assert!(!plus_digit, "no WSM contributions (+8.5) in a TOPSIS table:\n{table}");
    let doc = json_of(&["recommend", "--method", "topsis", "--format", "json"]);
    let first = &items(&doc["ranking"])[0];
    let v = num(&first["criteria"]["performance"]["normalized"]);
    assert!(table.contains(&format!("{v:.3}")), "v of the first framework is shown:\n{table}");
    let csv = stdout_of(&["recommend", "--method", "topsis", "--format", "csv", "--top", "1"]);
    let header = csv.lines().next().expect("a header");
    assert!(header.starts_with("rank,id,name,language,score,distance_to_ideal,distance_to_anti_ideal,"), "{header}");
    assert!(header.contains("performance_normalized") && !header.contains("contribution"), "{header}");
    let markdown = stdout_of(&["recommend", "--method", "topsis", "--explain", "--format", "markdown", "--top", "1"]);
    assert!(markdown.contains(&format!("({v:.3})")), "{markdown}");
}

/// Two JSON values with the same shape, strings and numbers to 1e-12.
fn assert_alike(a: &Value, b: &Value) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => assert!((num(a) - num(b)).abs() < 1e-12, "{x} vs {y}"),
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len());
            x.iter().zip(y).for_each(|(a, b)| assert_alike(a, b));
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(keys(a), keys(b));
            x.iter().for_each(|(k, v)| assert_alike(v, &y[k]));
        }
        _ => assert_eq!(a, b),
    }
}

/// Checks the `sensitivity` object against the contract and the ranking beside it.
fn check_sensitivity(doc: &Value, samples: u64, seed: u64, concentration: f64) {
    let s = &doc["sensitivity"];
    assert_eq!(
        keys(s),
        ["acceptability", "concentration", "criteria", "samples", "seed", "uncertainty", "verdict", "winner"]
    );
    assert_eq!(s["uncertainty"]["ratings_sampled"], true, "ratings are drawn by default");
    let ranking = items(&doc["ranking"]);
    assert_eq!(s["winner"], ranking[0]["id"]);
    assert_eq!((s["samples"].as_u64(), s["seed"].as_u64()), (Some(samples), Some(seed)));
    assert_eq!(num(&s["concentration"]), concentration);
    let criteria = items(&doc["criteria"]);
    let tipping = items(&s["criteria"]);
    assert_eq!(tipping.len(), criteria.len());
    for (t, c) in tipping.iter().zip(criteria) {
        assert_eq!(keys(t), ["above", "below", "id", "keeps_winner", "weight"]);
        assert_eq!(t["id"], c["id"]);
        assert_eq!(num(&t["weight"]), num(&c["weight"]));
        let interval = items(&t["keeps_winner"]);
        let (low, high) = (num(&interval[0]), num(&interval[1]));
        assert!(low <= num(&t["weight"]) && num(&t["weight"]) <= high, "{t}");
        for (side, end, open) in [("below", low, low > 0.0), ("above", high, high < 1.0)] {
            if open {
                assert_eq!(keys(&t[side]), ["weight", "winner"], "{t}");
                assert_eq!(num(&t[side]["weight"]), end);
                assert!(ranking.iter().any(|r| r["id"] == t[side]["winner"]) && t[side]["winner"] != s["winner"]);
            } else {
                assert!(t[side].is_null(), "{t}");
            }
        }
    }
    let acceptability = items(&s["acceptability"]);
    assert_eq!(acceptability.len(), ranking.len(), "every ranked framework");
    let mut total = 0.0;
    for (a, r) in acceptability.iter().zip(ranking) {
        assert_eq!(keys(a), ["first", "id", "mean_rank"]);
        assert_eq!(a["id"], r["id"], "in ranking order");
        let mean = num(&a["mean_rank"]);
        assert!((1.0..=ranking.len() as f64).contains(&mean));
        total += num(&a["first"]);
    }
    assert!((total - 1.0).abs() < 1e-9, "shares sum to 1, not {total}");
    let verdict = text(&s["verdict"]);
    assert!(verdict.contains(text(&ranking[0]["name"])), "{verdict}");
}

#[test]
fn sensitivity_adds_the_object_of_the_contract_for_both_methods() {
    let doc = json_of(&["recommend", "--preset", "enterprise", "--sensitivity", "--format", "json"]);
    check_sensitivity(&doc, 10_000, 5, 50.0);
    assert_eq!(doc["method"], "wsm");
    let args = [
        "recommend",
        "--preset",
        "real-time",
        "--method",
        "topsis",
        "--sensitivity",
        "--samples",
        "3000",
        "--seed",
        "42",
        "--concentration",
        "20",
        "--format",
        "json",
    ];
    let topsis = json_of(&args);
    check_sensitivity(&topsis, 3000, 42, 20.0);
    // YAML mirrors it (its floats may differ in the last digit).
    let yaml: Value =
        serde_yaml::from_str(&stdout_of(&[&args[..args.len() - 1], &["yaml"]].concat())).expect("valid YAML");
    assert_alike(&yaml["sensitivity"], &topsis["sensitivity"]);
    // Without --sensitivity, no such key (tests/cli.rs checks the rest of the contract).
    let plain = json_of(&["recommend", "--format", "json"]);
    assert!(plain.get("sensitivity").is_none());
}

#[test]
fn acceptability_reproduces_with_a_seed() {
    let args = ["recommend", "--preset", "startup-mvp", "--sensitivity", "--samples", "2000", "--format", "json"];
    let first = json_of(&args);
    assert_eq!(first, json_of(&args), "the default seed reproduces");
    let seeded = |seed: &str| json_of(&[&args[..], &["--seed", seed]].concat())["sensitivity"]["acceptability"].clone();
    assert_eq!(seeded("5"), first["sensitivity"]["acceptability"], "5 is the default seed");
    assert_ne!(seeded("6"), seeded("7"), "other seeds, other draws");
}

/// Rank acceptability computed independently: another generator (PCG-32, not the binary's
/// PCG-64), Dirichlet through Gamma draws, and the scores and order written out above; with
/// `sd` (one standard deviation per rating), every rating drawn from its own normal
/// distribution (the binary adds one normal draw per WSM score instead, the sum of these).
fn independent_shares(
    problem: &Problem,
    method: &str,
    samples: usize,
    concentration: f64,
    sd: Option<&[Vec<f64>]>,
) -> Vec<f64> {
    let mut rng = rand_pcg::Pcg32::seed_from_u64(20_240_605);
    let gammas: Vec<Option<Gamma<f64>>> = problem
        .weights
        .iter()
        .map(|&w| (w > 0.0).then(|| Gamma::new(concentration * w, 1.0).expect("α > 0")))
        .collect();
    let mut wins = vec![0usize; problem.ids.len()];
    let mut drawn = Problem {
        names: problem.names.clone(),
        ids: problem.ids.clone(),
        ratings: problem.ratings.clone(),
        weights: problem.weights.clone(),
        criteria: problem.criteria.clone(),
    };
    for _ in 0..samples {
        let draws: Vec<f64> = gammas.iter().map(|g| g.as_ref().map_or(0.0, |g| g.sample(&mut rng))).collect();
        let total: f64 = draws.iter().sum();
        let weights: Vec<f64> = draws.iter().map(|d| d / total).collect();
        if let Some(sd) = sd {
            for ((row, given), sd) in drawn.ratings.iter_mut().zip(&problem.ratings).zip(sd) {
                for ((r, g), s) in row.iter_mut().zip(given).zip(sd) {
                    *r = if *s > 0.0 { Normal::new(*g, *s).expect("σ > 0").sample(&mut rng) } else { *g };
                }
            }
        }
        wins[drawn.winner(&drawn.scores(method, &weights))] += 1;
    }
    wins.iter().map(|&w| w as f64 / samples as f64).collect()
}

/// Every ranked framework's standard deviation on each criterion, read from `show --format
/// json` (criteria from the answers are exact).
fn uncertainties(problem: &Problem) -> Vec<Vec<f64>> {
    problem
        .ids
        .iter()
        .map(|id| {
            let shown = json_of(&["show", id, "--format", "json"]);
            problem
                .criteria
                .iter()
                .map(|c| shown["uncertainty"].get(c.as_str()).map_or(0.0, |u| num(&u["sd"])))
                .collect()
        })
        .collect()
}

#[test]
fn acceptability_agrees_with_an_independent_monte_carlo_run() {
    for (preset, method) in [("ai-api", "wsm"), ("startup-mvp", "topsis")] {
        let args = ["recommend", "--preset", preset, "--method", method, "--sensitivity", "--format", "json"];
        let weights_only = json_of(&[&args[..], &["--weights-only"]].concat());
        let drawn = json_of(&args);
        let problem = Problem::from_json(&drawn);
        let sd = uncertainties(&problem);
        assert!(sd.iter().flatten().any(|s| *s > 0.0));
        for (doc, sd) in [(&weights_only, None), (&drawn, Some(&sd[..]))] {
            let ours: Vec<f64> = items(&doc["sensitivity"]["acceptability"]).iter().map(|a| num(&a["first"])).collect();
            let independent = independent_shares(&problem, method, 10_000, 50.0, sd);
            for (i, (a, b)) in ours.iter().zip(&independent).enumerate() {
                // Two independent estimates of one share p from 10,000 draws each differ by at
                // most ~5 standard errors of their difference (and a little more at p ≈ 0).
                let p = (a + b) / 2.0;
                let error = (p * (1.0 - p) * 2.0 / 10_000.0).sqrt();
                let drawing = if sd.is_some() { "weights and ratings" } else { "weights only" };
                assert!(
                    (a - b).abs() <= 5.0 * error + 1e-3,
                    "{preset}/{method}, {drawing}, {}: {a} vs {b}",
                    problem.ids[i]
                );
            }
        }
    }
}

/// Checks every tipping point of a `--sensitivity` document against a brute-force scan of the
/// criterion's weight on a 1/2000 grid.
fn check_tipping_by_scan(doc: &Value, method: &str) {
    let problem = Problem::from_json(doc);
    let winner = problem.winner(&problem.scores(method, &problem.weights));
    assert_eq!(problem.ids[winner], text(&doc["sensitivity"]["winner"]));
    for (j, tipping) in items(&doc["sensitivity"]["criteria"]).iter().enumerate() {
        let [low, high] = [0, 1].map(|k| num(&tipping["keeps_winner"][k]));
        let first_at = |t: f64| problem.winner(&problem.scores(method, &problem.weights_at(j, t)));
        let margin = 2e-6;
        for k in 0..=2000 {
            let t = f64::from(k) / 2000.0;
            let inside = t > low + margin && t < high - margin;
            let outside = t < low - margin || t > high + margin;
            if inside {
                assert_eq!(
                    first_at(t),
                    winner,
                    "{method}, {}, weight {t}: inside [{low}, {high}]",
                    problem.criteria[j]
                );
            } else if outside && method == "wsm" {
                // WSM scores are linear in the weight, so the winner's region is one interval.
                assert_ne!(first_at(t), winner, "wsm, {}, weight {t}: outside [{low}, {high}]", problem.criteria[j]);
            }
        }
        for (side, t) in [("below", low - margin), ("above", high + margin)] {
            if let Some(change) = tipping[side].as_object() {
                let beyond = &problem.ids[first_at(t)];
                assert_eq!(beyond, text(&change["winner"]), "{method}, {}: {side} {t}", problem.criteria[j]);
            }
        }
    }
}

#[test]
fn tipping_points_match_a_brute_force_scan() {
    for preset in ["enterprise", "ai-api", "real-time"] {
        for method in ["wsm", "topsis"] {
            let doc = json_of(&[
                "recommend",
                "--preset",
                preset,
                "--method",
                method,
                "--sensitivity",
                "--samples",
                "1",
                "--format",
                "json",
            ]);
            check_tipping_by_scan(&doc, method);
        }
    }
}

#[test]
fn the_verdict_stands_above_the_table_with_a_wins_column() {
    let table = stdout_of(&["recommend", "--preset", "enterprise", "--sensitivity"]);
    let doc = json_of(&["recommend", "--preset", "enterprise", "--sensitivity", "--format", "json"]);
    let verdict = text(&doc["sensitivity"]["verdict"]);
    // The verdict is wrapped to the width (100 in a pipe): its first paragraph.
    let first_paragraph = table.split("\n\n").next().expect("output").replace('\n', " ");
    assert_eq!(first_paragraph, verdict, "the verdict is the first thing printed");
    assert!(verdict.contains("ASP.NET Core wins in") && verdict.contains("% of plausible weightings"), "{verdict}");
    assert!(verdict.contains("takes first place if"), "{verdict}");
    let header = table.lines().find(|l| l.contains("Framework")).expect("a header row");
    assert!(header.contains("Wins"), "{header}");
    let share = num(&doc["sensitivity"]["acceptability"][0]["first"]);
    let row = table.lines().find(|l| l.contains("ASP.NET Core ")).expect("the winner's row");
    assert!(row.contains(&format!("{:.0}%", share * 100.0)), "{row}");
    assert!(table.contains("Wins: share of 10,000 weightings"), "{table}");
    assert!(table.contains("within its uncertainty (normal)"), "{table}");
    // Explained, it lists what would change the winner, one criterion per line.
    let explained = stdout_of(&["recommend", "--preset", "enterprise", "--sensitivity", "--explain"]);
    assert!(explained.contains("What would change the winner"), "{explained}");
    assert!(explained.contains("  - Performance (now 6%): ASP.NET Core stays first from"), "{explained}");
    // Markdown: the verdict is the first paragraph; CSV: share and mean rank columns.
    let markdown = stdout_of(&["recommend", "--preset", "enterprise", "--sensitivity", "--format", "markdown"]);
    // (A close call, when there is one, stands between the verdict and the table.)
    assert!(markdown.starts_with(&format!("{verdict}\n\n")) && markdown.contains("\n\n| # |"), "{markdown}");
    let csv = stdout_of(&["recommend", "--preset", "enterprise", "--sensitivity", "--format", "csv"]);
    assert!(csv.starts_with("rank,id,name,language,score,first,mean_rank,performance_rating"), "{csv}");
}

#[test]
fn sensitivity_flags_are_checked() {
    for args in [
        &["recommend", "--samples", "10"][..],
        &["recommend", "--seed", "1"],
        &["recommend", "--sensitivity", "--samples", "0"],
        &["recommend", "--sensitivity", "--concentration", "-1"],
        &["recommend", "--method", "ahp"],
    ] {
        let run = run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // A single candidate wins under any weights.
    let doc = json_of(&["recommend", "--language", "elixir", "--sensitivity", "--format", "json"]);
    assert_eq!(num(&doc["sensitivity"]["acceptability"][0]["first"]), 1.0);
    assert!(text(&doc["sensitivity"]["verdict"]).contains("only framework left"));
    // No candidate: nothing to analyse.
    let none =
        json_of(&["recommend", "--language", "elixir", "--require", "admin", "--sensitivity", "--format", "json"]);
    assert!(items(&none["ranking"]).is_empty() && none.get("sensitivity").is_none());
}

/// Consistent comparisons for factor weights 4 : 2 : 2 : 1 : 1, written in several forms.
const CONSISTENT: &str = "\
use_cases: [api]
pairwise:
  performance/scalability: 2
  performance/productivity: \"2\"
  performance/integration: 4
  community/performance: 1/4
  scalability/productivity: 1
  integration/scalability: \"1/2\"
  scalability/community: 2
  productivity/integration: 2
  productivity/community: 2
  integration/community: 1
";

#[test]
fn ahp_weights_come_from_the_pairwise_comparisons() {
    let (_dir, path) = answers_file("ahp.yaml", CONSISTENT);
    let doc = json_of(&["recommend", "--answers", &path, "--format", "json"]);
    let weighting = &doc["weighting"];
    assert_eq!(
        keys(weighting),
        ["consistency_index", "consistency_ratio", "inconsistent_pair", "lambda_max", "method"]
    );
    assert_eq!(weighting["method"], "ahp");
    assert!((num(&weighting["lambda_max"]) - 5.0).abs() < 1e-9, "consistent judgements: λmax = n");
    assert!(num(&weighting["consistency_ratio"]).abs() < 1e-9);
    assert!(weighting["inconsistent_pair"].is_null());
    // The context criterion keeps its default importance 5 of 3 × 5 + 5 = 20 (with comparisons
    // the factors' importances stay 3 each, not the use case's); the factors share 15/20.
    let expected =
        [("performance", 0.4), ("scalability", 0.2), ("productivity", 0.2), ("integration", 0.1), ("community", 0.1)];
    let criteria = items(&doc["criteria"]);
    for (id, weight) in expected {
        let found = criteria.iter().find(|c| c["id"] == id).expect("every factor");
        assert!((num(&found["weight"]) - weight * 15.0 / 20.0).abs() < 1e-9, "{id}: {found}");
    }
    let fit = criteria.iter().find(|c| c["id"] == "use_case_fit").expect("use-case fit is active");
    assert!((num(&fit["weight"]) - 5.0 / 20.0).abs() < 1e-12);
    // The scores use those weights, and the explanation says where they came from.
    let problem = Problem::from_json(&doc);
    let wsm = problem.wsm(&problem.weights);
    assert!((num(&items(&doc["ranking"])[0]["score"]) - wsm[0]).abs() < 1e-9);
    let table = stdout_of(&["recommend", "--answers", &path, "--explain"]);
    assert!(
        table.contains("Weights (AHP from pairwise comparisons, consistency ratio 0.00): Performance 30%"),
        "{table}"
    );
    // AHP works with TOPSIS and sensitivity too.
    let both = json_of(&["recommend", "--answers", &path, "--method", "topsis", "--sensitivity", "--format", "json"]);
    check_sensitivity(&both, 10_000, 5, 50.0);
}

#[test]
fn missing_pairs_are_named_with_their_position() {
    let content = "pairwise:\n  performance/scalability: 3\n  productivity/integration: 1/2\n";
    let (_dir, path) = answers_file("partial.yaml", content);
    let run = run(&["recommend", "--answers", &path]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let (line, column) = position(content, "pairwise");
    assert!(run.stderr.contains(&format!("{path}:{line}:{column}: field 'pairwise': missing 8 of the 10 comparisons: performance/productivity, performance/integration,")), "{}", run.stderr);
    assert!(!run.stderr.contains("performance/scalability,"), "given pairs are not missing:\n{}", run.stderr);
}

#[test]
fn unknown_factors_and_off_scale_values_are_located_with_a_suggestion() {
    let content = CONSISTENT
        .replace("performance/integration: 4", "perfomance/integration: 4")
        .replace("productivity/community: 2", "productivity/community: 10");
    let (_dir, path) = answers_file("typo.yaml", &content);
    let run = run(&["recommend", "--answers", &path]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    let (line, column) = position(&content, "perfomance/integration");
    assert!(
        run.stderr.contains(&format!(
            "{path}:{line}:{column}: field 'pairwise.perfomance/integration': unknown factor 'perfomance'"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean 'performance'?"), "{}", run.stderr);
    let (line, column) = position(&content, "10\n");
    assert!(
        run.stderr.contains(&format!(
            "{path}:{line}:{column}: field 'pairwise.productivity/community': '10' is not on Saaty's scale"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("missing 1 of the 10 comparisons: performance/integration"), "{}", run.stderr);
    // A context criterion is not compared in pairs, and a pair given twice is refused.
    let content = format!("{CONSISTENT}  use_case_fit/performance: 3\n  scalability/performance: 1/2\n");
    let (_dir, path) = answers_file("extra.yaml", &content);
    let run = self::run(&["recommend", "--answers", &path]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stderr.contains("use_case_fit keeps its importance"), "{}", run.stderr);
    assert!(run.stderr.contains("is given twice"), "{}", run.stderr);
}

#[test]
fn inconsistent_comparisons_are_a_warning_naming_the_pair() {
    let content = include_str!("fixtures/pairwise-inconsistent.yaml");
    let (_dir, path) = answers_file("inconsistent.yaml", content);
    let run = run(&["recommend", "--answers", &path, "--format", "json"]);
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(doc["weighting"]["inconsistent_pair"], "performance/community");
    let ratio = num(&doc["weighting"]["consistency_ratio"]);
    assert!(ratio > 0.10, "{ratio}");
    let (line, column) = position(content, "performance/community");
    let warning = format!(
        "warning: {path}:{line}:{column}: the pairwise comparisons are inconsistent (consistency ratio {ratio:.2}, above 0.10); 'performance/community: 1/9' disagrees most"
    );
    assert!(run.stderr.starts_with(&warning), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one warning:\n{}", run.stderr);
}

#[test]
fn reports_carry_the_method_and_the_verdict() {
    let args = ["recommend", "--preset", "ai-api", "--method", "topsis", "--sensitivity", "--concentration", "20"];
    let doc = json_of(&[&args[..], &["--format", "json"]].concat());
    let verdict = text(&doc["sensitivity"]["verdict"]);
    // HTML: well-formed (a share below 1% is escaped), the verdict first, a Wins column, v in
    // the cells and no stacked WSM points.
    let html = stdout_of(&[&args[..], &["--format", "html", "--top", "60"]].concat());
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let parsed = roxmltree::Document::parse_with_options(&html, options)
        .unwrap_or_else(|e| panic!("not well-formed ({e}):\n{html}"));
    let summary: Vec<&str> = parsed
        .descendants()
        .filter(|n| n.has_tag_name("p") && n.attribute("class") == Some("summary"))
        .map(|n| n.text().unwrap_or_default())
        .collect();
    assert_eq!(summary.first().copied(), Some(verdict), "the verdict opens the summary: {summary:?}");
    assert!(parsed.descendants().any(|n| n.has_tag_name("th") && n.text() == Some("Wins")));
    assert!(html.contains("&lt;1%"), "a small share is escaped");
    assert!(html.contains("Scored with TOPSIS") && !html.contains("Scores by criterion contribution"));
    // ADR: the verdict under the outcome, strengths in TOPSIS terms.
    let adr = stdout_of(&[&args[..], &["--format", "adr"]].concat());
    assert!(adr.contains(&format!("How sure this is: {verdict}")), "{adr}");
    // The reasons are words, not arithmetic; the method is named.
    assert!(adr.contains("Scores use TOPSIS") && !adr.contains("of a possible"), "{adr}");
}
