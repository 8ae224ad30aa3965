//! The built-in catalog keeps the promises docs/catalog-procedure.md and the README make about
//! its content (what `catalog validate` cannot check on a user's file, because it is about this
//! catalog's coverage): fresh star counts, few claims on general knowledge alone, the deployment
//! features everywhere, tags with evidence, and pros and cons that read as clauses.

use serde_yaml::Value;

fn catalog() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog.yaml")).expect("the catalog");
    serde_yaml::from_str(&text).expect("YAML")
}

fn frameworks(catalog: &Value) -> &Vec<Value> {
    catalog["frameworks"].as_sequence().expect("frameworks")
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// Days since 0000-03-01 of a `YYYY-MM-DD` date (enough to compare dates two years apart).
fn days(date: &str) -> i64 {
    let parts: Vec<i64> = date.split('-').map(|p| p.parse().expect("a date")).collect();
    let (mut y, m, d) = (parts[0], parts[1], parts[2]);
    let m = if m <= 2 {
        y -= 1;
        m + 9
    } else {
        m - 3
    };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d
}

#[test]
fn star_counts_are_at_most_two_years_older_than_the_review_for_at_least_42_frameworks() {
    let catalog = catalog();
    let reviewed = days(text(&catalog["reviewed"]));
    let fresh: Vec<&str> = frameworks(&catalog)
        .iter()
        .filter(|f| {
            let stars = &f["facts"]["stars"];
            stars["count"].as_u64().is_some() && reviewed - days(text(&stars["as_of"])) <= 2 * 366
        })
        .map(|f| text(&f["id"]))
        .collect();
    assert!(fresh.len() >= 42, "only {} frameworks have a fresh star count", fresh.len());
}

#[test]
fn at_most_ten_claims_rest_on_general_knowledge_alone() {
    let catalog = catalog();
    let mut alone: Vec<String> = Vec::new();
    for framework in frameworks(&catalog) {
        let id = text(&framework["id"]);
        for (feature, cell) in framework["features"].as_mapping().expect("features") {
            if text(&cell["source"]) == "GK" {
                alone.push(format!("{id}.features.{}", text(feature)));
            }
        }
        for (fact, value) in framework["facts"].as_mapping().expect("facts") {
            if text(&value["source"]) == "GK" {
                alone.push(format!("{id}.facts.{}", text(fact)));
            }
        }
        for (factor, why) in framework["rationale"].as_mapping().expect("rationale") {
            let cited: Vec<&str> = text(why).split('[').skip(1).filter_map(|c| c.split(']').next()).collect();
            if !cited.is_empty() && cited.iter().all(|c| *c == "GK") {
                alone.push(format!("{id}.rationale.{}", text(factor)));
            }
        }
    }
    assert!(alone.len() <= 10, "{} claims cite GK alone: {alone:?}", alone.len());
}

#[test]
fn every_framework_states_the_deployment_features_and_earns_its_tags() {
    let catalog = catalog();
    for framework in frameworks(&catalog) {
        let id = text(&framework["id"]);
        for feature in ["aot", "serverless", "edge", "graphql", "grpc"] {
            assert!(!framework["features"][feature].is_null(), "{id} says nothing of {feature}");
        }
        let tags = &framework["use_cases"];
        let tagged: Vec<&str> =
            ["strong", "good"].iter().flat_map(|s| tags[*s].as_sequence().into_iter().flatten().map(text)).collect();
        assert!(tagged.len() <= 14, "{id} is tagged for {} use cases", tagged.len());
        let evidence: Vec<&str> =
            tags["evidence"].as_sequence().expect("evidence").iter().map(|e| text(&e["id"])).collect();
        for tag in &tagged {
            assert!(evidence.contains(tag), "{id}'s tag {tag} cites no evidence");
        }
    }
}

#[test]
fn pros_and_cons_read_as_clauses_after_because() {
    let catalog = catalog();
    for framework in frameworks(&catalog) {
        let id = text(&framework["id"]);
        for list in ["pros", "cons"] {
            for item in framework[list].as_sequence().expect("a list").iter().map(text) {
                // A clause has a subject and a verb: at least three words. Brackets close, and
                // the record adds its own punctuation.
                assert!(item.split_whitespace().count() >= 3, "{id}.{list}: '{item}' is a fragment");
                assert_eq!(item.matches('(').count(), item.matches(')').count(), "{id}.{list}: '{item}'");
                assert!(!item.ends_with('.'), "{id}.{list}: '{item}' ends with a full stop");
            }
        }
    }
}
