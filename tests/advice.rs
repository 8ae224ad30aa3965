//! Advice an experienced engineer agrees with: realistic teams run through the real binary, each
//! with the winners an engineer would accept; close calls said out loud; `why-not`; inputs as
//! people type them.

mod common;

use common::{fails, items, json_of, num, stdout_of, text};
use serde_json::Value;

/// The ranking's ids, best first.
fn ranked(doc: &Value) -> Vec<&str> {
    items(&doc["ranking"]).iter().map(|r| text(&r["id"])).collect()
}

/// `recommend ARGS --format json`.
fn recommend(args: &[&str]) -> Value {
    json_of(&[&["recommend"][..], args, &["--format", "json"]].concat())
}

/// Checks that the winner is one of `acceptable`.
fn wins(args: &[&str], acceptable: &[&str]) {
    let doc = recommend(args);
    let winner = ranked(&doc).first().copied().unwrap_or("nothing");
    assert!(acceptable.contains(&winner), "{args:?}: {winner} wins; an engineer would accept {acceptable:?}");
}

#[test]
fn a_typescript_team_building_a_rest_api_gets_a_typescript_framework() {
    let doc = recommend(&["--team-knows", "typescript", "--use-case", "api"]);
    let winner = &items(&doc["ranking"])[0];
    assert!(items(&winner["languages"]).iter().any(|l| l == "typescript"), "{}", winner["id"]);
    // With the preset for microservices too: the team's language outweighs the rest.
    let doc = recommend(&["--preset", "microservices", "--team-knows", "typescript"]);
    let winner = &items(&doc["ranking"])[0];
    assert!(items(&winner["languages"]).iter().any(|l| l == "typescript"), "{}", winner["id"]);
}

#[test]
fn a_java_team_building_a_banking_system_gets_spring_boot_or_quarkus() {
    // `--require security` means from the framework's own project: Spring Security counts.
    wins(&["--team-knows", "java", "--use-case", "fintech", "--require", "security"], &["spring-boot", "quarkus"]);
    wins(
        &["--team-knows", "java", "--team-knows", "kotlin", "--use-case", "fintech", "--require", "security"],
        &["spring-boot", "quarkus"],
    );
}

#[test]
fn a_python_team_building_a_data_driven_app_with_an_admin_gets_django() {
    wins(&["--team-knows", "python", "--use-case", "data-driven", "--require", "admin"], &["django"]);
}

#[test]
fn a_ruby_team_building_a_saas_mvp_gets_rails() {
    wins(&["--team-knows", "ruby", "--use-case", "saas", "--use-case", "mvp"], &["rails"]);
}

#[test]
fn a_csharp_team_building_cloud_native_apis_gets_aspnet_core() {
    wins(&["--team-knows", "C#", "--use-case", "cloud-native", "--use-case", "api"], &["aspnet-core"]);
}

#[test]
fn a_go_team_building_an_api_gateway_gets_a_go_framework() {
    wins(&["--team-knows", "golang", "--use-case", "api-gateway"], &["gin", "echo", "fiber", "chi"]);
}

#[test]
fn an_elixir_team_building_a_real_time_product_gets_phoenix() {
    wins(&["--team-knows", "elixir", "--use-case", "real-time"], &["phoenix"]);
}

#[test]
fn a_kotlin_team_sees_ktor_and_spring_boot() {
    let doc = recommend(&["--language", "kotlin"]);
    let ids = ranked(&doc);
    assert!(ids.contains(&"ktor") && ids.contains(&"spring-boot"), "{ids:?}");
    // Kotlin and Java are one family: a Kotlin team is at home in Spring Boot.
    let doc = recommend(&["--team-knows", "kt", "--preset", "microservices"]);
    let winner = &items(&doc["ranking"])[0];
    let languages = items(&winner["languages"]);
    assert!(languages.iter().any(|l| l == "kotlin" || l == "java"), "{}", winner["id"]);
    let spring = items(&doc["ranking"]).iter().find(|r| r["id"] == "spring-boot").expect("ranked");
    assert_eq!(num(&spring["criteria"]["team_familiarity"]["rating"]), 5.0);
}

#[test]
fn familiarity_gives_partial_credit_to_related_and_partly_known_languages() {
    let rating = |args: &[&str], id: &str| {
        let doc = recommend(args);
        let entry = items(&doc["ranking"]).iter().find(|r| r["id"] == id).cloned().expect("ranked");
        num(&entry["criteria"]["team_familiarity"]["rating"])
    };
    assert_eq!(rating(&["--team-knows", "java"], "ktor"), 3.5, "a related language of the same family");
    // Knowing a language a little is less than knowing a related one well (issue 20).
    assert_eq!(rating(&["--team-knows", "kotlin:some"], "ktor"), 3.0, "known a little");
    assert_eq!(rating(&["--team-knows", "java:some"], "ktor"), 2.5, "the family of one known a little");
    assert_eq!(rating(&["--team-knows", "python"], "ktor"), 1.0);
    assert_eq!(rating(&["--team-knows", "TypeScript"], "express"), 5.0, "TypeScript includes JavaScript");
    fails(&["recommend", "--team-knows", "kotlin:fluentish"], 2);
}

#[test]
fn without_team_information_the_startup_mvp_close_call_is_stated() {
    let doc = recommend(&["--preset", "startup-mvp"]);
    let close = &doc["close_call"];
    assert_eq!(close["close"], true, "{close}");
    assert!(!items(&close["reasons"]).is_empty());
    let table = stdout_of(&["recommend", "--preset", "startup-mvp"]);
    assert!(table.contains("Close call: "), "{table}");
    let markdown = stdout_of(&["recommend", "--preset", "startup-mvp", "--format", "markdown"]);
    assert!(markdown.contains("**Close call: "), "{markdown}");
    let html = stdout_of(&["recommend", "--preset", "startup-mvp", "--format", "html"]);
    assert!(html.contains("class=\"close-call\""), "the HTML report says it too");
    let adr = stdout_of(&["recommend", "--preset", "startup-mvp", "--format", "adr"]);
    assert!(!adr.contains("Chosen option"), "a close call is not presented as a clear choice");
    assert!(adr.contains("Leading option, a close call") && adr.contains("The deciding factor is"), "{adr}");
}

#[test]
fn a_clear_lead_is_not_called_close() {
    let doc = recommend(&["--team-knows", "csharp", "--use-case", "cloud-native", "--use-case", "api"]);
    assert_eq!(doc["close_call"]["close"], false, "{}", doc["close_call"]);
    let adr = stdout_of(&["recommend", "--team-knows", "csharp", "--use-case", "api", "--format", "adr"]);
    assert!(adr.contains("Chosen option: \"ASP.NET Core\""), "{adr}");
}

#[test]
fn why_not_explains_the_gap_in_a_table_and_in_json() {
    let table = stdout_of(&["why-not", "spring-boot", "--preset", "startup-mvp"]);
    assert!(table.contains("Spring Boot is ranked"), "{table}");
    assert!(table.contains("Points vs winner"), "{table}");
    let doc = json_of(&["why-not", "spring-boot", "--preset", "startup-mvp", "--format", "json"]);
    assert_eq!(doc["status"], "ranked");
    let ranking = recommend(&["--preset", "startup-mvp"]);
    assert_eq!(doc["winner"], ranking["ranking"][0]["id"]);
    let gap: f64 = items(&doc["criteria"]).iter().map(|g| num(&g["difference"])).sum();
    assert!((gap + num(&doc["winner_score"]) - num(&doc["score"])).abs() < 1e-9, "the gaps add up to the lead");
    // Where a weight would make it first, that weight really does.
    for turn in items(&doc["would_win"]) {
        let [low, high] = [num(&turn["wins_between"][0]), num(&turn["wins_between"][1])];
        assert!(low <= high && (0.0..=1.0).contains(&low) && (0.0..=1.0).contains(&high));
    }
    // Removed by a filter: the filter is named.
    let doc = json_of(&["why-not", "django", "--language", "go", "--format", "json"]);
    assert_eq!(doc["status"], "excluded");
    assert_eq!(doc["excluded_by"][0], "language: python, not one of go");
    // Rails, Laravel or Django is what an experienced engineer names for a startup MVP.
    let first = ranked(&recommend(&["--preset", "startup-mvp"]))[0].to_string();
    assert!(["rails", "laravel", "django"].contains(&first.as_str()), "startup-mvp: {first}");
    let winner = json_of(&["why-not", &first, "--preset", "startup-mvp", "--format", "json"]);
    assert_eq!(winner["status"], "winner");
    fails(&["why-not", "djngo"], 2);
}

#[test]
fn inputs_are_taken_as_people_type_them() {
    let by_alias = recommend(&["--team-knows", "TS", "--use-case", "API", "--performance", "high"]);
    let by_id = recommend(&["--team-knows", "typescript", "--use-case", "api", "--performance", "4"]);
    assert_eq!(by_alias["ranking"], by_id["ranking"]);
    for alias in ["TypeScript", "Go", "C#", "js", "node", "golang"] {
        let doc = recommend(&["--team-knows", alias]);
        assert!(!items(&doc["ranking"]).is_empty(), "{alias}");
    }
    let list = json_of(&["list", "--language", "Kotlin", "--require", "ORM", "--format", "json"]);
    assert!(items(&list).iter().any(|f| f["id"] == "spring-boot"));
    let stderr = fails(&["recommend", "--performance", "hihg"], 2);
    assert!(stderr.contains("did you mean 'high'?"), "{stderr}");
}

#[test]
fn no_preset_ranks_a_single_framework() {
    let presets = json_of(&["presets", "--format", "json"]);
    for preset in items(&presets) {
        let id = text(&preset["id"]);
        let doc = recommend(&["--preset", id]);
        assert!(items(&doc["ranking"]).len() >= 3, "preset {id} ranks {:?}", ranked(&doc));
    }
}

#[test]
fn sources_are_listed_in_every_format_with_their_addresses() {
    let sources = json_of(&["sources", "--format", "json"]);
    assert!(items(&sources).len() > 100);
    for source in items(&sources) {
        let url = text(&source["url"]);
        assert!(url.starts_with("https://") || url.starts_with("http://") || source["id"] == "GK", "{source}");
    }
    // Every source `show` cites is listed.
    let shown = stdout_of(&["show", "symfony", "--format", "markdown"]);
    assert!(shown.contains("[TFB_CITRINE_2023_09_19]") && shown.contains("symfony-workerman"), "{shown}");
    let csv = stdout_of(&["sources", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), items(&sources).len());
    let markdown = stdout_of(&["sources", "--format", "markdown"]);
    assert!(markdown.contains("TFB_CITRINE_2023_09_19"));
    let why = stdout_of(&["why-not", "django", "--team-knows", "go", "--format", "csv"]);
    assert!(why.starts_with("Criterion,") || why.starts_with("criterion,"), "{why}");
}

#[test]
fn why_not_says_costs_plainly_and_fits_the_width() {
    let out = common::stdout_of(&[
        "why-not",
        "fastify",
        "--use-case",
        "api",
        "--team-knows",
        "typescript",
        "--incumbent",
        "express",
        "--width",
        "60",
    ]);
    // Both pay for leaving Express: said once, as a shared cost.
    assert!(out.contains("Like NestJS, it pays 15 points for moving away from Express"), "{out}");
    let prose = out.split("\n\n").next().expect("the sentences");
    assert!(prose.lines().all(|l| l.chars().count() <= 60), "{prose}");
}
