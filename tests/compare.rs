//! Integration tests of `compare`: every format snapshotted from one fixture catalog
//! (`tests/fixtures/compare.yaml`), the table fitted to 60 and 120 columns, the data formats
//! checked against `recommend` and the catalog, and every usage error with its exit code.

use std::collections::BTreeSet;

use serde_json::Value;

mod common;
use common::{Run, fails, json, run_env, stdout_of};

const FIXTURE: &str = "tests/fixtures/compare.yaml";

/// The fixture's frameworks compared with answers, so every section (score too) is present.
fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args =
        vec!["--catalog", FIXTURE, "compare", "atlas", "bolt", "cirrus", "--use-case", "api", "--performance", "5"];
    args.extend_from_slice(extra);
    args
}

/// The lines of table borders and rows.
fn table_lines(output: &str) -> impl Iterator<Item = &str> {
    output.lines().filter(|l| l.starts_with(['┌', '│', '╞', '├', '└', '+', '|']))
}

// ---------------------------------------------------------------------------------------------
// Snapshots of every format

#[test]
fn snapshot_table_at_60_columns() {
    let output = stdout_of(&args(&["--width", "60"]));
    insta::assert_snapshot!("table_60", output);
}

#[test]
fn snapshot_table_at_120_columns() {
    let output = stdout_of(&args(&["--width", "120"]));
    insta::assert_snapshot!("table_120", output);
}

#[test]
fn snapshot_table_in_ascii() {
    let output = stdout_of(&args(&["--width", "80", "--ascii", "--sections", "factors,features,score"]));
    assert!(output.is_ascii(), "--ascii printed a non-ASCII character:\n{output}");
    insta::assert_snapshot!("table_ascii", output);
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("markdown", stdout_of(&args(&["--format", "markdown"])));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", stdout_of(&args(&["--format", "json"])));
}

#[test]
fn snapshot_yaml() {
    insta::assert_snapshot!("yaml", stdout_of(&args(&["--format", "yaml"])));
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!("csv", stdout_of(&args(&["--format", "csv"])));
}

#[test]
fn snapshot_html() {
    let run = run_env(&args(&["--format", "html"]), &[("SOURCE_DATE_EPOCH", "1767225600")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<time datetime=\"2026-01-01\">"), "SOURCE_DATE_EPOCH sets the date");
    insta::assert_snapshot!("html", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// Fitting the terminal

#[test]
fn tables_never_exceed_the_width_and_keep_every_framework() {
    let names = ["Atlas", "Bolt", "Cirrus"];
    for width in [40, 50, 60, 70, 80, 100, 120, 160] {
        let output = stdout_of(&args(&["--width", &width.to_string()]));
        for line in table_lines(&output) {
            assert!(line.chars().count() <= width, "width {width}: line too wide:\n{line}");
        }
        for line in output.lines().filter(|l| !l.starts_with(['┌', '│', '╞', '├', '└'])) {
            assert!(line.chars().count() <= width, "width {width}: note too wide:\n{line}");
        }
        // Every framework appears in the header of each section's tables.
        let headers: Vec<&str> = output.lines().filter(|l| l.starts_with("│ Factors ")).collect();
        for name in names {
            assert!(headers.iter().any(|h| h.contains(name)), "width {width}: {name} missing from\n{output}");
        }
    }
}

#[test]
fn narrow_widths_split_the_frameworks_over_several_tables() {
    let factor_headers = |width: &str| -> Vec<String> {
        stdout_of(&args(&["--width", width, "--sections", "factors"]))
            .lines()
            .filter(|l| l.starts_with("│ Factors "))
            .map(String::from)
            .collect()
    };
    // 120 columns: one table; 60: two tables of two and one; 40: one framework per table.
    assert_eq!(factor_headers("120").len(), 1);
    let at_60 = factor_headers("60");
    assert_eq!(at_60.len(), 2, "{at_60:?}");
    assert!(at_60[0].contains("Atlas") && at_60[0].contains("Bolt") && at_60[1].contains("Cirrus"));
    assert_eq!(factor_headers("40").len(), 3);
}

#[test]
fn width_comes_from_the_flag_then_columns_then_100() {
    let widest = |run: Run| table_lines(&run.stdout).map(|l| l.chars().count()).max().expect("a table");
    let base = args(&["--sections", "overview"]);
    assert_eq!(widest(run_env(&base, &[])), 100, "100 columns without a terminal or COLUMNS");
    assert_eq!(widest(run_env(&base, &[("COLUMNS", "90")])), 90);
    let flagged = [&base[..], &["--width", "70"]].concat();
    assert_eq!(widest(run_env(&flagged, &[("COLUMNS", "100")])), 70, "--width beats COLUMNS");
}

#[test]
fn the_acceptance_comparison_reads_in_80_columns() {
    let output = stdout_of(&["compare", "django", "fastapi", "flask", "--width", "80"]);
    for line in output.lines() {
        assert!(line.chars().count() <= 80, "wider than 80:\n{line}");
    }
    // FastAPI's `fastapi.templating.Jinja2Templates` needs a 34-character column, never split:
    // two frameworks side by side, then the third, in the same order in every section.
    let headers: Vec<&str> = output.lines().filter(|l| l.starts_with("│ Factors ")).collect();
    assert_eq!(headers.len(), 2, "{output}");
    assert!(headers[0].contains("Django") && headers[0].contains("FastAPI") && headers[1].contains("Flask"));
    assert!(output.contains("✓ built in, ◐ official add-on, ○ community package, ✗ none"));
    assert!(!output.contains("Score"), "no score without answers");
}

// ---------------------------------------------------------------------------------------------
// Data formats against the catalog and recommend

#[test]
fn json_scores_match_recommend_and_ratings_match_the_catalog() {
    let doc = json(&stdout_of(&args(&["--format", "json"])));
    let ranking = json(&stdout_of(&[
        "--catalog",
        FIXTURE,
        "recommend",
        "--use-case",
        "api",
        "--performance",
        "5",
        "--format",
        "json",
    ]));
    assert_eq!(doc["criteria"], ranking["criteria"]);
    let catalog = json(&stdout_of(&["--catalog", FIXTURE, "list", "--format", "json"]));
    for entry in doc["frameworks"].as_array().expect("frameworks") {
        let id = entry["id"].as_str().expect("id");
        let ranked = ranking["ranking"].as_array().expect("ranking").iter().find(|r| r["id"] == id).expect("ranked");
        assert_eq!(entry["score"]["score"], ranked["score"], "{id}");
        assert_eq!(entry["score"]["criteria"], ranked["criteria"], "{id}");
        let listed = catalog.as_array().expect("list").iter().find(|f| f["id"] == id).expect("listed");
        assert_eq!(entry["factors"], listed["scores"], "{id}");
        assert_eq!(entry["features"], listed["features"], "{id}");
        assert_eq!(entry["pros"], listed["pros"], "{id}");
    }
    // Atlas rates performance 2, Bolt 4.5, Cirrus 3.5: Bolt is best; community 5, 3.5, 4: Atlas.
    assert_eq!(doc["best"]["performance"], serde_json::json!(["bolt"]));
    assert_eq!(doc["best"]["community"], serde_json::json!(["atlas"]));
    assert_eq!(doc["sources"], serde_json::json!(["built-in", FIXTURE]));
}

#[test]
fn yaml_mirrors_json() {
    let from_json = json(&stdout_of(&args(&["--format", "json"])));
    let from_yaml: Value = serde_yaml::from_str(&stdout_of(&args(&["--format", "yaml"]))).expect("valid YAML");
    assert_eq!(from_json, from_yaml);
}

#[test]
fn csv_has_a_row_per_field_and_a_column_per_framework() {
    let text = stdout_of(&args(&["--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().expect("headers").iter().map(String::from).collect();
    assert_eq!(headers, ["section", "field", "atlas", "bolt", "cirrus"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    let find = |section: &str, field: &str| {
        rows.iter().find(|r| &r[0] == section && &r[1] == field).unwrap_or_else(|| panic!("{section}/{field}"))
    };
    assert_eq!(find("factors", "performance").iter().skip(2).collect::<Vec<_>>(), ["2", "4.5", "3.5"]);
    assert_eq!(find("features", "orm").iter().skip(2).collect::<Vec<_>>(), ["builtin", "none", "official"]);
    assert_eq!(find("overview", "first_release").iter().skip(2).collect::<Vec<_>>(), ["2008", "2016", "2019"]);
    // Lists keep one item per line inside the cell.
    assert_eq!(find("pros", "pros")[3].lines().count(), 3);
    let total: f64 = ["performance", "scalability", "productivity", "integration", "community", "use_case_fit"]
        .iter()
        .map(|c| find("score", &format!("{c}_contribution"))[2].parse::<f64>().expect("a number"))
        .sum();
    let score: f64 = find("score", "score")[2].parse().expect("a number");
    assert!((total - score).abs() < 1e-9, "contributions {total} add up to the score {score}");
}

#[test]
fn sections_pick_and_order_what_is_shown() {
    let doc = json(&stdout_of(&[
        "--catalog",
        FIXTURE,
        "compare",
        "cirrus",
        "atlas",
        "--sections",
        "pros,factors",
        "--format",
        "json",
    ]));
    assert_eq!(doc["sections"], serde_json::json!(["pros", "factors"]));
    let entry = &doc["frameworks"][0];
    let keys: BTreeSet<&str> = entry.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["id", "name", "factors", "pros"]), "only the sections asked for");
    assert!(doc.get("criteria").is_none(), "no score section, no criteria");
    let table = stdout_of(&["--catalog", FIXTURE, "compare", "cirrus", "atlas", "--sections", "pros,factors"]);
    let pros = table.find("│ Pros ").expect("pros shown");
    let factors = table.find("│ Factors ").expect("factors shown");
    assert!(pros < factors, "sections in the order given");
    assert!(!table.contains("│ Overview ") && !table.contains("│ Features "));
}

#[test]
fn answers_add_the_score_section_and_hard_filters_name_the_excluded() {
    let table =
        stdout_of(&["--catalog", FIXTURE, "compare", "atlas", "bolt", "--language", "python", "--width", "100"]);
    assert!(table.contains("│ Score "), "{table}");
    assert!(table.contains("language: go, not one of python"), "{table}");
    let doc = json(&stdout_of(&[
        "--catalog",
        FIXTURE,
        "compare",
        "atlas",
        "bolt",
        "--language",
        "python",
        "--format",
        "json",
    ]));
    assert!(doc["frameworks"][0]["score"]["score"].is_number());
    assert!(doc["frameworks"][1].get("score").is_none());
    assert_eq!(doc["frameworks"][1]["excluded"], serde_json::json!(["language: go, not one of python"]));
    // Asking for the score without answers scores with the default weights.
    let defaults = json(&stdout_of(&[
        "--catalog",
        FIXTURE,
        "compare",
        "atlas",
        "bolt",
        "--sections",
        "score",
        "--format",
        "json",
    ]));
    assert_eq!(defaults["criteria"].as_array().expect("criteria").len(), 5);
}

#[test]
fn names_resolve_in_any_case() {
    let doc = json(&stdout_of(&["compare", "SPRING BOOT", "Django", "--format", "json", "--sections", "overview"]));
    let ids: Vec<&str> =
        doc["frameworks"].as_array().expect("frameworks").iter().map(|f| f["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["spring-boot", "django"]);
}

// ---------------------------------------------------------------------------------------------
// Usage errors (exit 2)

#[test]
fn a_typo_suggests_the_closest_framework() {
    let stderr = fails(&["compare", "djngo", "flask"], 2);
    assert!(stderr.contains("unknown framework 'djngo'") && stderr.contains("did you mean 'django'?"), "{stderr}");
}

#[test]
fn two_to_six_distinct_frameworks() {
    fails(&["compare", "django"], 2);
    fails(&["compare", "django", "flask", "fastapi", "rails", "laravel", "gin", "echo"], 2);
    let stderr = fails(&["compare", "django", "DJANGO"], 2);
    assert!(stderr.contains("already compared"), "{stderr}");
    stdout_of(&["compare", "django", "flask", "fastapi", "rails", "laravel", "gin", "--sections", "factors"]);
}

#[test]
fn bad_sections_widths_and_answers_are_usage_errors() {
    let stderr = fails(&["compare", "django", "flask", "--sections", "factor"], 2);
    assert!(stderr.contains("factors"), "the valid sections are named:\n{stderr}");
    fails(&["compare", "django", "flask", "--width", "5"], 2);
    let stderr = fails(&["compare", "django", "flask", "--use-case", "ai_ml"], 2);
    assert!(stderr.contains("did you mean 'ai-ml'?"), "{stderr}");
    let stderr = fails(&["compare", "django", "flask", "--preset", "ai"], 2);
    assert!(stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn every_section_id_is_accepted_and_shown() {
    let ids = ["overview", "score", "factors", "features", "best-for", "pros", "cons", "use-when", "examples"];
    let doc = json(&stdout_of(&["compare", "django", "flask", "--sections", &ids.join(","), "--format", "json"]));
    let shown: BTreeSet<&str> =
        doc["sections"].as_array().expect("sections").iter().map(|s| s.as_str().expect("id")).collect();
    assert_eq!(shown, ids.into_iter().collect());
}
