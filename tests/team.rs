//! Deciding as a team, through the real binary: three members' answers files give a group
//! ranking whose weights are the mean of theirs, each member's own winner, the spread per
//! criterion and a consensus figure, checked against numbers recomputed here from the JSON's
//! ratings; the team file, its constraint rules and its errors; every format carries the section.

use serde_json::Value;

mod common;

use common::{fixture, items, num, text};

fn members() -> Vec<String> {
    ["alice", "bob", "carol"].iter().map(|m| fixture(&format!("team/{m}.yaml"))).collect()
}

/// `recommend` with `--answers` once per member, and `extra` arguments.
fn team_args(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["recommend".to_string()];
    for file in members() {
        args.push("--answers".into());
        args.push(file);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn json_of(args: &[String]) -> Value {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    common::json_of(&args)
}

fn stdout_of(args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    common::stdout_of(&args)
}

/// Each ranked framework's (id, name, ratings in criterion order), from the JSON.
fn ratings(doc: &Value) -> Vec<(String, String, Vec<f64>)> {
    let criteria: Vec<&str> = items(&doc["criteria"]).iter().map(|c| text(&c["id"])).collect();
    items(&doc["ranking"])
        .iter()
        .map(|r| {
            let values = criteria.iter().map(|c| num(&r["criteria"][c]["rating"])).collect();
            (text(&r["id"]).to_string(), text(&r["name"]).to_string(), values)
        })
        .collect()
}

/// The ids in the order the weighted sum ranks them with `weights` (ties by name).
fn order(rated: &[(String, String, Vec<f64>)], weights: &[f64]) -> Vec<String> {
    let mut scored: Vec<(f64, &str, &str)> = rated
        .iter()
        .map(|(id, name, r)| {
            (r.iter().zip(weights).map(|(r, w)| w * 100.0 * (r - 1.0) / 4.0).sum(), name.as_str(), id.as_str())
        })
        .collect();
    scored.sort_by(|a, b| ((b.0 * 1e9).round() as i64).cmp(&((a.0 * 1e9).round() as i64)).then(a.1.cmp(b.1)));
    scored.into_iter().map(|s| s.2.to_string()).collect()
}

#[test]
fn three_members_give_a_group_ranking_with_their_spread_winners_and_consensus() {
    // Open to any language, so that no language cost keeps the members from disagreeing on a
    // winner: what this test checks is how their weights are combined.
    let doc = json_of(&team_args(&["--open-to", "any", "--format", "json"]));
    let team = &doc["team"];
    assert_eq!(text(&doc["weighting"]["method"]), "team");
    assert_eq!(text(&team["aggregation"]), "mean");
    let criteria: Vec<&str> = items(&doc["criteria"]).iter().map(|c| text(&c["id"])).collect();
    let people = items(&team["members"]);
    assert_eq!(people.iter().map(|m| text(&m["name"])).collect::<Vec<_>>(), ["Alice", "Bob", "Carol"]);
    assert_eq!(text(&people[0]["role"]), "tech lead");

    // Alice's own weights: importances 5, 4, 1, 2, 1, use-case fit 5 (default), familiarity 2 → / 20.
    let alice: Vec<f64> = criteria.iter().map(|c| num(&people[0]["weights"][c])).collect();
    let expected = [5.0, 4.0, 1.0, 2.0, 1.0, 5.0, 2.0].map(|i| i / 20.0);
    assert!(alice.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-12), "{alice:?}");
    // Bob names no languages: team familiarity weighs 0 for him.
    assert_eq!(num(&people[1]["weights"]["team_familiarity"]), 0.0);

    // The group's weights are the mean of the members', and the spread names who gives each end.
    let own: Vec<Vec<f64>> = people.iter().map(|m| criteria.iter().map(|c| num(&m["weights"][c])).collect()).collect();
    let group: Vec<f64> = items(&doc["criteria"]).iter().map(|c| num(&c["weight"])).collect();
    for (j, spread) in items(&team["criteria"]).iter().enumerate() {
        let mean = own.iter().map(|w| w[j]).sum::<f64>() / 3.0;
        assert!((group[j] - mean).abs() < 1e-12, "{}: {} vs {mean}", criteria[j], group[j]);
        let (low, high) = own.iter().map(|w| w[j]).fold((1.0_f64, 0.0_f64), |(l, h), w| (l.min(w), h.max(w)));
        assert!((num(&spread["min"]["weight"]) - low).abs() < 1e-12);
        assert!((num(&spread["max"]["weight"]) - high).abs() < 1e-12);
    }
    let performance = &items(&team["criteria"])[0];
    assert_eq!(text(&items(&performance["max"]["members"])[0]), "Alice");
    assert_eq!(text(&items(&performance["min"]["members"])[0]), "Bob");

    // The group ranking is the weighted sum of the ratings with the group's weights ...
    let rated = ratings(&doc);
    let group_order = order(&rated, &group);
    let ranked: Vec<&str> = items(&doc["ranking"]).iter().map(|r| text(&r["id"])).collect();
    assert_eq!(group_order, ranked);
    // ... the first with each member's own weights on the same candidates (their own winner,
    // from their own run, is checked by each_members_own_winner_is_their_own_run) ...
    let orders: Vec<Vec<String>> = own.iter().map(|w| order(&rated, w)).collect();
    for (member, mine) in people.iter().zip(&orders) {
        assert_eq!(text(&member["winner_at_their_weights"]), mine[0], "{}", text(&member["name"]));
    }
    let winners: Vec<&str> = people.iter().map(|m| text(&m["winner_at_their_weights"])).collect();
    assert!(winners.iter().any(|w| *w != ranked[0]), "the fixture's members must not all agree: {winners:?}");
    // ... and the consensus figures follow from those rankings: Kendall's W and the winner share.
    let n = rated.len() as f64;
    let sums: Vec<f64> = ranked
        .iter()
        .map(|id| orders.iter().map(|o| (o.iter().position(|x| x == id).expect("ranked") + 1) as f64).sum())
        .collect();
    let s: f64 = sums.iter().map(|r| (r - 3.0 * (n + 1.0) / 2.0).powi(2)).sum();
    let w = 12.0 * s / (9.0 * (n * n * n - n));
    assert!((num(&team["consensus"]["kendall_w"]) - w).abs() < 1e-9);
    assert!((0.0..=1.0).contains(&w));
    // The share agreeing counts each member's own winner (their own run).
    let own_winners: Vec<&str> = people.iter().map(|m| text(&m["winner"])).collect();
    let agree = own_winners.iter().filter(|x| **x == ranked[0]).count() as f64;
    assert!((num(&team["consensus"]["winner_share"]) - agree / 3.0).abs() < 1e-12);
    assert_eq!(num(&team["consensus"]["candidates"]), n);

    // The widest disagreement that changes the winner comes first, naming both ends.
    let first = &items(&team["disagreements"])[0];
    assert_eq!(text(&first["criterion"]), "performance");
    assert_eq!(text(&first["high"]["member"]), "Alice");
    assert_ne!(first["winner_at_high"], first["winner_at_low"]);
}

#[test]
fn every_exclusion_names_whose_constraint_removed_it() {
    let doc = json_of(&team_args(&["--format", "json"]));
    let django = items(&doc["excluded"]).iter().find(|e| text(&e["id"]) == "django").expect("django is excluded");
    assert_eq!(text(&items(&django["reasons"])[0]), "openapi: community, official required (Carol)");
    assert!(items(&doc["ranking"]).iter().all(|r| text(&r["id"]) != "django"));
    // Shared constraints: only Carol requires openapi, so nothing is ruled out; Carol counts double.
    let shared = common::json_of(&["recommend", "--team", &fixture("team/team-shared.yaml"), "--format", "json"]);
    assert!(items(&shared["excluded"]).is_empty());
    assert_eq!(text(&shared["team"]["constraints"]), "shared");
    let people = items(&shared["team"]["members"]);
    let group = num(&shared["criteria"][0]["weight"]);
    let weighted = (num(&people[0]["weights"]["performance"])
        + num(&people[1]["weights"]["performance"])
        + 2.0 * num(&people[2]["weights"]["performance"]))
        / 4.0;
    assert!((group - weighted).abs() < 1e-12);
}

#[test]
fn the_team_languages_are_the_union_with_each_members_level() {
    let doc = json_of(&team_args(&["--format", "json"]));
    let languages = items(&doc["team"]["languages"]);
    let ids: Vec<&str> = languages.iter().map(|l| text(&l["language"])).collect();
    assert_eq!(ids, ["go", "rust", "python", "java"]);
    assert_eq!(text(&languages[1]["level"]), "some");
    assert_eq!(text(&languages[1]["known_by"][0]["member"]), "Alice");
    assert_eq!(text(&languages[2]["known_by"][0]["member"]), "Carol");
}

#[test]
fn a_team_file_ranks_like_the_same_files_given_one_by_one() {
    let listed = json_of(&team_args(&["--format", "json"]));
    let filed = common::json_of(&["recommend", "--team", &fixture("team/team.yaml"), "--format", "json"]);
    assert_eq!(listed["ranking"], filed["ranking"]);
    assert_eq!(listed["team"]["criteria"], filed["team"]["criteria"]);
    assert_eq!(listed["team"]["consensus"], filed["team"]["consensus"]);
}

#[test]
fn one_answers_file_has_no_team_section() {
    let alice = fixture("team/alice.yaml");
    let doc = common::json_of(&["recommend", "--answers", &alice, "--format", "json"]);
    assert!(doc.get("team").is_none());
    assert_eq!(text(&doc["weighting"]["method"]), "direct");
}

#[test]
fn the_table_shows_the_spread_each_winner_and_the_consensus() {
    let out = stdout_of(&team_args(&["--open-to", "any", "--top", "3"]));
    for expected in ["Team\n", "Own winner", "Spread", "Kendall's W", "settle this first", "Alice (tech lead)"] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(out.contains("Alice weighs performance 25%, Bob 5%: settle this first"), "{out}");
    let markdown = stdout_of(&team_args(&["--format", "markdown", "--top", "3"]));
    assert!(markdown.contains("## Team") && markdown.contains("| Own winner |"), "{markdown}");
    let html = stdout_of(&team_args(&["--format", "html"]));
    assert!(html.contains("<h2>Team</h2>") && html.contains("Kendall"), "no team section in the page");
}

#[test]
fn the_decision_record_names_the_decision_makers_and_those_consulted() {
    let adr = stdout_of(&team_args(&["--format", "adr"]));
    let front = adr.split("---\n").nth(1).expect("front matter");
    assert!(
        front.contains(r#"decision-makers: ["Alice (tech lead)", "Bob (product owner)", "Carol (platform engineer)"]"#),
        "{front}"
    );
    let consulted =
        common::stdout_of(&["recommend", "--team", &fixture("team/team-consulted.yaml"), "--format", "adr"]);
    assert!(consulted.contains("consulted: [\"Carol (platform engineer)\"]"), "{consulted}");
}

#[test]
fn sensitivity_runs_over_the_spread_of_the_teams_weights() {
    let doc = json_of(&team_args(&["--format", "json", "--sensitivity", "--samples", "2000"]));
    let k = num(&doc["sensitivity"]["concentration"]);
    // Method of moments over the members' weights: k + 1 = Σ m(1 − m) / Σ Var.
    let criteria: Vec<&str> = items(&doc["criteria"]).iter().map(|c| text(&c["id"])).collect();
    let people = items(&doc["team"]["members"]);
    let (mut room, mut spread) = (0.0, 0.0);
    for (j, c) in criteria.iter().enumerate() {
        let m = num(&doc["criteria"][j]["weight"]);
        room += m * (1.0 - m);
        spread += people.iter().map(|p| (num(&p["weights"][c]) - m).powi(2)).sum::<f64>() / 3.0;
    }
    let fitted = ((room / spread - 1.0).clamp(1.0, 50.0) * 10.0).round() / 10.0;
    assert_eq!(k, fitted);
    assert!(k < 50.0, "three members who disagree spread wider than one person's default");
}

#[test]
fn pairwise_answers_are_combined_by_the_geometric_mean_of_the_judgements() {
    let (dana, erik) = (fixture("team/dana-pairs.yaml"), fixture("team/erik-pairs.yaml"));
    let doc = common::json_of(&["recommend", "--answers", &dana, "--answers", &erik, "--format", "json"]);
    assert_eq!(text(&doc["team"]["aggregation"]), "geometric-mean");
    // The group's factor weights are the principal eigenvector of the element-wise geometric mean
    // of the two judgement matrices: A w = λ w.
    let judgement = |s: &str| match s.split_once('/') {
        Some((a, b)) => a.parse::<f64>().expect("number") / b.parse::<f64>().expect("number"),
        None => s.parse().expect("number"),
    };
    let factors = ["performance", "scalability", "productivity", "integration", "community"];
    let mut a = [[1.0_f64; 5]; 5];
    for file in [&dana, &erik] {
        let text = std::fs::read_to_string(file).expect("fixture");
        for line in text.lines().filter(|l| l.starts_with("  ")) {
            let (key, value) = line.trim().split_once(": ").expect("key: value");
            let (x, y) = key.split_once('/').expect("a/b");
            let index = |name: &str| factors.iter().position(|f| *f == name).expect("a factor");
            let (i, j) = (index(x), index(y));
            let v = judgement(value.trim_matches('"')).sqrt();
            a[i][j] *= v;
            a[j][i] /= v;
        }
    }
    // The criteria are the five factors, in this order.
    let w: Vec<f64> = (0..5).map(|j| num(&doc["criteria"][j]["weight"])).collect();
    assert_eq!(items(&doc["criteria"]).iter().map(|c| text(&c["id"])).collect::<Vec<_>>(), factors);
    let product: Vec<f64> = (0..5).map(|i| (0..5).map(|j| a[i][j] * w[j]).sum()).collect();
    let lambda: Vec<f64> = product.iter().zip(&w).map(|(p, w)| p / w).collect();
    assert!(lambda.iter().all(|l| (l - lambda[0]).abs() < 1e-6), "{lambda:?}");
}

#[test]
fn bad_team_input_is_named_where_it_is() {
    let err = common::fails(&["recommend", "--team", &fixture("team/bad-negative-weight.yaml")], 65);
    assert!(err.contains("bad-negative-weight.yaml:4:5") && err.contains("members[1].weight"), "{err}");
    let err = common::fails(&["recommend", "--team", &fixture("team/bad-unknown-key.yaml")], 65);
    assert!(err.contains("bad-unknown-key.yaml:2:1") && err.contains("did you mean 'members'?"), "{err}");
    let err = common::fails(&["recommend", "--team", &fixture("team/bad-same-name.yaml")], 65);
    assert!(err.contains("two members are called 'Alice'"), "{err}");
    let alice = fixture("team/alice.yaml");
    let err = common::fails(&["compare", "fastapi", "django", "--answers", &alice, "--answers", &alice], 2);
    assert!(err.contains("--answers") && err.contains("reads one answers file"), "{err}");
    let err = common::fails(&["recommend", "--team", &fixture("team/team.yaml"), "--answers", &alice], 2);
    assert!(err.contains("--team") || err.contains("--answers"), "{err}");
}

/// A folder holding a copy of Alice's and Bob's answers and a team file written by a test.
fn team_folder(team: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    for member in ["alice", "bob"] {
        std::fs::copy(fixture(&format!("team/{member}.yaml")), dir.path().join(format!("{member}.yaml")))
            .expect("copied");
    }
    let path = dir.path().join("team.yaml");
    std::fs::write(&path, team).expect("written");
    (dir, path.display().to_string())
}

/// Weights are finite and at most 1,000: 1e308 (whose sum overflowed, so that every score was 0
/// and the winner alphabetical) is refused where it is written; 1,000 against 1 ranks.
#[test]
fn huge_weights_are_refused_and_the_largest_allowed_still_ranks() {
    for weight in ["1e308", ".inf", "1001"] {
        let (_dir, team) = team_folder(&format!(
            "members:\n  - answers: alice.yaml\n    weight: {weight}\n  - answers: bob.yaml\n    weight: {weight}\n"
        ));
        let err = common::fails(&["recommend", "--team", &team], 65);
        assert!(err.contains("team.yaml:3:5") && err.contains("from 0 to 1000"), "{weight}: {err}");
    }
    let (_dir, team) =
        team_folder("members:\n  - answers: alice.yaml\n    weight: 1000\n  - answers: bob.yaml\n    weight: 1\n");
    let doc = common::json_of(&["recommend", "--team", &team, "--format", "json"]);
    let first = &items(&doc["ranking"])[0];
    assert!(num(&first["score"]) > 0.0, "{first}");
}

/// A member's answers file must resolve inside the team file's folder: `../`, an absolute path
/// and a link inside the folder to a file outside are refused where the team file names them,
/// without reading the file or echoing the path; `--allow-outside-team-folder` allows them, and
/// then a file that is not answers is named with at most 40 characters of its text.
#[test]
fn members_outside_the_team_folder_are_refused_unless_allowed() {
    let outside = tempfile::tempdir().expect("temp dir");
    let secret = outside.path().join("secret.yaml");
    let line = format!("SECRET{}", "x".repeat(200));
    std::fs::write(&secret, format!("{line}\n")).expect("written");
    let (dir, _) = team_folder("");
    std::os::unix::fs::symlink(&secret, dir.path().join("link.yaml")).expect("link");
    let depth = dir.path().components().count();
    let climb = format!("{}{}", "../".repeat(depth), secret.display().to_string().trim_start_matches('/'));
    for member in [climb.as_str(), &secret.display().to_string(), "link.yaml"] {
        let team = dir.path().join("team.yaml");
        std::fs::write(&team, format!("members:\n  - answers: alice.yaml\n  - answers: {member}\n")).expect("written");
        let team = team.display().to_string();
        let err = common::fails(&["recommend", "--team", &team], 65);
        assert!(err.contains("team.yaml:3:14") && err.contains("outside the team file's folder"), "{member}: {err}");
        assert!(err.contains("--allow-outside-team-folder"), "{err}");
        assert!(!err.contains("SECRET") && !err.contains("secret.yaml"), "{member}: {err}");
        let err = common::fails(&["recommend", "--team", &team, "--allow-outside-team-folder"], 65);
        assert!(err.contains("secret.yaml") || err.contains("link.yaml"), "{member}: {err}");
        assert!(!err.contains(&line[..60]), "more than 40 characters of the file were echoed: {err}");
    }
}

#[test]
fn each_members_own_winner_is_their_own_run() {
    let doc: Value = serde_json::from_str(&stdout_of(&team_args(&["--format", "json"]))).expect("JSON");
    for (member, file) in doc["team"]["members"].as_array().expect("members").iter().zip(members()) {
        let own = common::json_of(&["recommend", "--answers", &file, "--format", "json"]);
        let name = &member["name"];
        assert_eq!(member["winner"], own["ranking"][0]["id"], "{name}'s own winner is what their own run ranks first");
    }
}

#[test]
fn the_title_and_description_come_from_the_flag_the_team_file_or_a_member() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for name in ["alice", "bob"] {
        std::fs::copy(fixture(&format!("team/{name}.yaml")), folder.path().join(format!("{name}.yaml"))).expect("copy");
    }
    let team = folder.path().join("team.yaml");
    std::fs::write(
        &team,
        "title: Payments\ndescription: The payments API behind the shop.\nmembers:\n  - answers: alice.yaml\n  - answers: bob.yaml\n",
    )
    .expect("team file");
    let team = team.to_str().expect("a path");
    let record = common::stdout_of(&["recommend", "--team", team, "--format", "adr"]);
    assert!(record.contains(" as the backend framework of Payments\n"), "{record}");
    assert!(record.contains("\nThe payments API behind the shop.\n"), "{record}");
    let flagged = common::stdout_of(&["recommend", "--team", team, "--title", "Checkout", "--format", "adr"]);
    assert!(flagged.contains(" as the backend framework of Checkout\n"), "--title wins: {flagged}");
    // Without a team file, a member's own title names the project.
    std::fs::write(
        folder.path().join("bob.yaml"),
        format!("title: Ledger\n{}", std::fs::read_to_string(fixture("team/bob.yaml")).expect("bob")),
    )
    .expect("bob");
    let alice = folder.path().join("alice.yaml");
    let bob = folder.path().join("bob.yaml");
    let members = common::stdout_of(&[
        "recommend",
        "--answers",
        alice.to_str().expect("a path"),
        "--answers",
        bob.to_str().expect("a path"),
        "--format",
        "adr",
    ]);
    assert!(members.contains(" as the backend framework of Ledger\n"), "{members}");
}

#[test]
fn a_team_record_is_verified_with_the_teams_own_weights_and_constraints() {
    // Carol requires OpenAPI; the group's weights are means of normalised weights, which no set
    // of whole importances gives back. `verify` must rank exactly what the record ranked.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("0001-team.md");
    let path = path.to_str().expect("UTF-8 path");
    let args = team_args(&["--format", "adr", "--output", path]);
    let run = common::run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = std::fs::read_to_string(path).expect("the record");
    let block = record.split("```yaml backend-advisor-record\n").nth(1).expect("a record block");
    assert!(block.contains("\nweights:\n"), "{block}");
    assert!(block.contains("\n  exclude:\n"), "the constraints' exclusions are kept: {block}");
    let json = json_of(&team_args(&["--format", "json"]));
    let first = text(&json["ranking"][0]["name"]).to_string();
    let score = num(&json["ranking"][0]["score"]);
    let second = num(&json["ranking"][1]["score"]);
    let verified = common::run(&["verify", path]);
    assert_eq!(verified.code, 0, "{}{}", verified.stdout, verified.stderr);
    let expected = format!("{first} still ranks first with {score:.1}, {:.1} ahead of", score - second);
    assert!(verified.stdout.contains(&expected), "{expected:?} in {}", verified.stdout);
}

#[test]
fn a_consulted_member_is_shown_but_does_not_set_the_spread_or_what_to_settle() {
    let doc = common::json_of(&["recommend", "--team", &fixture("team/team-consulted.yaml"), "--format", "json"]);
    let team = &doc["team"];
    for spread in items(&team["criteria"]) {
        for end in ["min", "max"] {
            assert!(items(&spread[end]["members"]).iter().all(|m| text(m) != "Carol"), "{spread}");
        }
    }
    for disagreement in items(&team["disagreements"]) {
        for side in ["high", "low"] {
            assert_ne!(text(&disagreement[side]["member"]), "Carol", "{disagreement}");
        }
    }
}
