//! How organisations already decide, through the real binary: a technology radar as policy
//! (`--radar`, Build-Your-Own-Radar CSV and Backstage JSON, hostile files refused), the decision
//! written back as radar entries, and a folder of decision records re-checked and superseded.

mod common;

use common::{fails, items, json, num, run_env, stdout_of_env, text};

/// 2026-12-03.
const DAY: (&str, &str) = ("SOURCE_DATE_EPOCH", "1796256000");

const RADAR: &str = "name,ring,quadrant,isNew,description
Django,Hold,Languages & Frameworks,FALSE,<p>We are moving our services off Django</p>
FastAPI,Adopt,Languages & Frameworks,FALSE,Our default for Python services
Flask,Trial,Languages & Frameworks,TRUE,
Express.js,Assess,Languages & Frameworks,FALSE,Worth a look for small services
Kubernetes,Adopt,Platforms,FALSE,
Terraform,Trial,Tools,FALSE,
";

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn entry<'a>(ranking: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    items(&ranking["ranking"]).iter().find(|e| text(&e["id"]) == id).unwrap_or_else(|| panic!("{id} is ranked"))
}

#[test]
fn hold_removes_adopt_trial_assess_are_shown_and_other_entries_are_noted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let radar = write(&dir, "radar.csv", RADAR);
    let args = ["recommend", "--radar", &radar, "--team-knows", "python", "--use-case", "api", "--format", "json"];
    let ranking = json(&stdout_of_env(&args, &[]));
    let held = items(&ranking["excluded"]).iter().find(|e| text(&e["id"]) == "django").expect("django excluded");
    let reason = text(&held["reasons"][0]);
    for part in ["on Hold", &radar, "line 2", "moving our services off Django"] {
        assert!(reason.contains(part), "{part:?} missing from {reason}");
    }
    assert!(!reason.contains("<p>"), "HTML of the description is dropped: {reason}");
    assert_eq!(text(&entry(&ranking, "fastapi")["radar"]["ring"]), "adopt");
    assert_eq!(text(&entry(&ranking, "flask")["radar"]["ring"]), "trial");
    assert_eq!(text(&entry(&ranking, "express")["radar"]["ring"]), "assess");
    assert!(entry(&ranking, "litestar").get("radar").is_none());
    let unmatched: Vec<&str> = items(&ranking["radar"]["unmatched"]).iter().map(text).collect();
    assert_eq!(unmatched, ["Kubernetes", "Terraform"]);

    let table = stdout_of_env(&["recommend", "--radar", &radar, "--team-knows", "python", "--width", "120"], &[]);
    assert!(table.contains("Radar"), "{table}");
    assert!(table.contains("Adopt") && table.contains("Trial"), "{table}");
    assert!(table.contains("Kubernetes, Terraform"), "{table}");
    let markdown = stdout_of_env(&["recommend", "--radar", &radar, "--format", "markdown"], &[]);
    assert!(markdown.contains("| Radar |"), "{markdown}");
}

#[test]
fn adopt_counts_as_support_unless_turned_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let radar = write(&dir, "radar.csv", RADAR);
    let familiarity = |extra: &[&str]| {
        let mut args = vec!["recommend", "--radar", &radar, "--team-knows", "go", "--format", "json"];
        args.extend_from_slice(extra);
        let ranking = json(&stdout_of_env(&args, &[]));
        let fastapi = entry(&ranking, "fastapi");
        (num(&fastapi["criteria"]["team_familiarity"]["rating"]), ranking["radar"]["adopt_counts_as_support"].clone())
    };
    assert_eq!(familiarity(&[]), (3.0, serde_json::Value::Bool(true)));
    assert_eq!(familiarity(&["--no-radar-support"]), (1.0, serde_json::Value::Bool(false)));
}

#[test]
fn backstage_json_and_an_answers_file_naming_the_radar() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir,
        "org/radar.json",
        r#"{
  "rings": [{"id": "adopt", "name": "ADOPT"}, {"id": "hold", "name": "HOLD"}],
  "quadrants": [{"id": "frameworks", "name": "Frameworks"}],
  "entries": [
    {"id": "spring", "title": "Spring Boot", "quadrant": "frameworks",
     "timeline": [{"ringId": "adopt", "date": "2021-01-01"},
                  {"ringId": "hold", "date": "2025-06-01", "description": "Replaced by Quarkus"}]},
    {"id": "quarkus", "title": "Quarkus", "quadrant": "frameworks",
     "timeline": [{"ringId": "adopt", "date": "2025-06-01"}]}
  ]
}"#,
    );
    let answers =
        write(&dir, "org/answers.yaml", "team_knows: [java]\nuse_cases: [microservices]\nradar: radar.json\n");
    let ranking = json(&stdout_of_env(&["recommend", "--answers", &answers, "--format", "json"], &[]));
    let held = items(&ranking["excluded"]).iter().find(|e| text(&e["id"]) == "spring-boot").expect("held");
    assert!(text(&held["reasons"][0]).contains("Replaced by Quarkus"), "{held}");
    assert_eq!(text(&entry(&ranking, "quarkus")["radar"]["ring"]), "adopt");
}

#[test]
fn malformed_and_hostile_radars_are_refused_with_where_and_what() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = write(&dir, "bad.csv", "name,ring,quadrant,isNew,description\nDjango,Adpot,Frameworks,FALSE,\n");
    let error = fails(&["recommend", "--radar", &bad], 65);
    for part in [&format!("{bad}:2"), "unknown ring 'Adpot'", "did you mean 'adopt'", "adopt, trial, assess and hold"] {
        assert!(error.contains(part), "{part:?} missing from {error}");
    }
    let escape = write(&dir, "escape.csv", "name,ring\n\u{1b}]8;;http://x\u{7}Django,hold\n");
    let error = fails(&["recommend", "--radar", &escape], 65);
    assert!(error.contains("U+001B") && !error.contains('\u{1b}'), "{error}");
    let headless = write(&dir, "headless.csv", "Django,hold\n");
    assert!(fails(&["recommend", "--radar", &headless], 65).contains("'name' and 'ring'"));
    let missing = dir.path().join("none.csv").display().to_string();
    assert!(fails(&["recommend", "--radar", &missing], 66).contains("none.csv"));
    let fifo = dir.path().join("fifo.csv");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
    let fifo = fifo.display().to_string();
    assert!(fails(&["recommend", "--radar", &fifo], 66).contains("named pipe"));
    let big = write(&dir, "big.csv", &format!("name,ring\n{}", "x,adopt\n".repeat(1_200_000)));
    assert!(fails(&["recommend", "--radar", &big], 65).contains("over the limit"));
    let bomb = write(
        &dir,
        "bomb.json",
        "{\"entries\": [{\"title\": \"x\", \"timeline\": [{\"ringId\": \"adopt\"}]}], \"rings\": &a [&b [&c [1,1,1,1,1,1,1,1,1], *c, *c, *c, *c, *c, *c, *c, *c], *b, *b, *b, *b, *b, *b, *b, *b]}",
    );
    let run = run_env(&["recommend", "--radar", &bomb], &[]);
    assert_ne!(run.code, 0, "{}", run.stdout);
}

#[test]
fn the_decision_is_written_back_as_radar_entries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let radar = write(&dir, "radar.csv", &format!("{RADAR}=HYPERLINK(\"http://x\"),hold,Tools,FALSE,\n"));
    let args =
        ["recommend", "--radar", &radar, "--team-knows", "python", "--use-case", "api", "--title", "Billing API"];
    let mut with_format = args.to_vec();
    with_format.extend(["--format", "radar"]);
    let csv = stdout_of_env(&with_format, &[DAY]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let fastapi = rows.iter().find(|r| &r[0] == "FastAPI").expect("FastAPI row");
    assert_eq!(&fastapi[1], "Adopt", "the ring as the radar writes it");
    assert!(fastapi[4].contains("Billing API") && fastapi[4].contains("2026-12-03"), "{csv}");
    assert!(rows.iter().any(|r| &r[0] == "Django" && &r[1] == "Hold"), "other entries are kept: {csv}");
    assert!(rows.iter().any(|r| &r[0] == "Kubernetes"), "{csv}");
    assert!(rows.iter().any(|r| r[0].starts_with("'=HYPERLINK")), "formula neutralised: {csv}");
    // Read back as a radar, the written file is valid and keeps the decision.
    let back = write(&dir, "back.csv", &csv);
    let ranking =
        json(&stdout_of_env(&["recommend", "--radar", &back, "--team-knows", "python", "--format", "json"], &[]));
    assert_eq!(text(&entry(&ranking, "fastapi")["radar"]["ring"]), "adopt");
}

#[test]
fn a_folder_of_records_is_rechecked_and_a_record_that_stops_holding_is_superseded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("docs/decisions");
    let out = format!("{}/", folder.display());
    let record = |extra: &[&str]| {
        let mut args = vec!["recommend", "--format", "adr", "--output", &out];
        args.extend_from_slice(extra);
        stdout_of_env(&args, &[DAY])
    };
    assert!(
        record(&["--preset", "ai-api", "--team-knows", "python", "--title", "Model API"]).contains("0001-model-api.md")
    );
    assert!(record(&["--team-knows", "go", "--use-case", "api"]).contains("0002-backend-framework.md"));
    // Each record's Confirmation names the file it was numbered into, so its command runs as shown.
    let second = std::fs::read_to_string(folder.join("0002-backend-framework.md")).expect("second");
    let command =
        format!("backend-advisor verify {} --warn-eol 6m", folder.join("0002-backend-framework.md").display());
    assert!(second.contains(&command) && !second.contains("NNNN") && !second.contains("in place of"), "{second}");
    std::fs::write(folder.join("README.md"), "# Decisions\n").expect("readme");
    let dir_arg = folder.display().to_string();
    let run = run_env(&["verify", &dir_arg], &[DAY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout.lines().filter(|l| l.starts_with("ok: ")).count(), 2, "{}", run.stdout);
    assert!(run.stdout.contains("skipped: ") && run.stdout.contains("README.md"), "{}", run.stdout);

    let patch = write(
        &dir,
        "patch.yaml",
        "patches:\n  - id: fastapi\n    scores: {productivity: 1, integration: 1, scalability: 1}\n",
    );
    let run = run_env(&["verify", &dir_arg, "--catalog", &patch, "--format", "json"], &[DAY]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let report = json(&run.stdout);
    let records = items(&report["records"]);
    assert_eq!(records.len(), 2);
    assert_eq!(text(&records[0]["status"]), "no_longer_holds");
    assert_eq!(text(&records[1]["status"]), "holds");
    assert_eq!(num(&report["exit_code"]), 3.0);
    let successor = text(&records[0]["successor"]).to_string();
    assert!(successor.contains("--supersedes 1") && successor.contains("--catalog"), "{successor}");

    // The printed command writes the successor and supersedes the old record.
    let words: Vec<&str> = successor.split(' ').skip(1).collect();
    let run = run_env(&words, &[DAY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let old = std::fs::read_to_string(folder.join("0001-model-api.md")).expect("old");
    let new = std::fs::read_to_string(folder.join("0003-model-api.md")).expect("new");
    assert!(old.contains("status: \"superseded by ADR-0003\""), "{old}");
    assert!(old.contains("[ADR-0003](0003-model-api.md)"), "{old}");
    assert!(new.contains("status: proposed") && new.contains("[ADR-0001](0001-model-api.md)"), "{new}");
    let run = run_env(&["verify", &dir_arg, "--catalog", &patch], &[DAY]);
    assert_eq!(run.code, 0, "the superseded record is skipped: {}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("superseded by ADR-0003"), "{}", run.stdout);
    let again =
        fails(&["recommend", "--preset", "ai-api", "--format", "adr", "--output", &out, "--supersedes", "1"], 2);
    assert!(again.contains("already superseded"), "{again}");
    assert!(fails(&["recommend", "--supersedes", "1"], 2).contains("--output docs/decisions/"));
}

#[test]
fn a_broken_record_in_the_folder_is_an_error_line_not_the_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let adr = stdout_of_env(&["recommend", "--preset", "ai-api", "--team-knows", "python", "--format", "adr"], &[DAY]);
    write(&dir, "0001-good.md", &adr);
    write(&dir, "0002-broken.md", &adr.replace("method: wsm", "method: [wsm"));
    let run = run_env(&["verify", &dir.path().display().to_string()], &[DAY]);
    assert_eq!(run.code, 65, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ok: ") && run.stdout.contains("ERROR: ") && run.stdout.contains("0002-broken.md"));
}

#[test]
fn a_team_file_names_the_radar_for_everyone() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir, "team/radar.csv", RADAR);
    write(&dir, "team/ana.yaml", "name: Ana\nteam_knows: [python]\nuse_cases: [api]\n");
    write(&dir, "team/ben.yaml", "name: Ben\nteam_knows: [python]\nimportance: {performance: 5}\n");
    let team =
        write(&dir, "team/team.yaml", "radar: radar.csv\nmembers:\n  - answers: ana.yaml\n  - answers: ben.yaml\n");
    let ranking = json(&stdout_of_env(&["recommend", "--team", &team, "--format", "json"], &[]));
    assert!(items(&ranking["excluded"]).iter().any(|e| text(&e["id"]) == "django"), "{}", ranking["excluded"]);
    assert_eq!(text(&entry(&ranking, "fastapi")["radar"]["ring"]), "adopt");
}

#[test]
fn names_a_radar_really_uses_match_or_get_a_did_you_mean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let radar = write(
        &dir,
        "radar.csv",
        "name,ring\r\nSpring Boot 3,Hold\r\nActix,Hold\r\nASP.NET Core,Trial\r\nKubernetes,Adopt\r\n",
    );
    let ranking = json(&stdout_of_env(&["recommend", "--radar", &radar, "--format", "json"], &[]));
    let held = items(&ranking["excluded"]).iter().find(|e| text(&e["id"]) == "spring-boot").expect("held");
    assert!(text(&held["reasons"][0]).contains("line 2"), "CRLF lines are counted right: {held}");
    assert_eq!(text(&entry(&ranking, "aspnet-core")["radar"]["ring"]), "trial");
    let suggestions = items(&ranking["radar"]["suggestions"]);
    assert_eq!(suggestions.len(), 1, "{suggestions:?}");
    assert_eq!(text(&suggestions[0]["entry"]), "Actix");
    assert_eq!(text(&suggestions[0]["did_you_mean"]), "actix-web");
    let table = stdout_of_env(&["recommend", "--radar", &radar, "--width", "100"], &[]);
    assert!(table.contains("did you mean 'actix-web'"), "{table}");

    // Backstage entries also match by their id and key.
    let json_radar = write(
        &dir,
        "radar.json",
        r#"{"entries": [{"id": "actix-web", "key": "actix", "title": "Actix", "quadrant": "q",
            "timeline": [{"ringId": "hold", "date": "2026-01-01"}]}]}"#,
    );
    let ranking = json(&stdout_of_env(&["recommend", "--radar", &json_radar, "--format", "json"], &[]));
    assert!(items(&ranking["excluded"]).iter().any(|e| text(&e["id"]) == "actix-web"), "{}", ranking["excluded"]);
}

#[test]
fn writing_the_radar_back_keeps_every_row_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let radar = write(
        &dir,
        "radar.csv",
        "name,ring,quadrant,isNew,status,description\nKtor,Trial,Frameworks,TRUE,new,Trying it\nFastAPI,Assess,Frameworks,FALSE,,First look\nfastapi,assess,Frameworks,FALSE,,Duplicate\nSpring Boot,Adopt,Frameworks,FALSE,,Platform default\n",
    );
    let csv = stdout_of_env(
        &["recommend", "--radar", &radar, "--team-knows", "python", "--use-case", "api", "--format", "radar"],
        &[DAY],
    );
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("name,ring,quadrant,isNew,status,description"));
    assert_eq!(lines.next(), Some("Ktor,Trial,Frameworks,TRUE,new,Trying it"), "{csv}");
    let fastapi = lines.next().expect("FastAPI row");
    assert!(fastapi.starts_with("FastAPI,Adopt,Frameworks,TRUE,,"), "{fastapi}");
    assert!(lines.next().expect("duplicate kept").starts_with("fastapi,adopt,"), "{csv}");
    assert_eq!(lines.next(), Some("Spring Boot,Adopt,Frameworks,FALSE,,Platform default"), "{csv}");
}

#[test]
fn records_named_by_their_folder_verified_from_anywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir, "policy/radar.csv", RADAR);
    let out = dir.path().join("docs/decisions/").display().to_string() + "/";
    let radar = dir.path().join("policy/radar.csv").display().to_string();
    let args = ["recommend", "--radar", &radar, "--team-knows", "python", "--format", "adr", "--output", &out];
    stdout_of_env(&args, &[DAY]);
    let record = std::fs::read_to_string(dir.path().join("docs/decisions/0001-backend-framework.md")).expect("record");
    assert!(record.contains("radar: ../../policy/radar.csv"), "{record}");
    assert!(!record.contains("--output"), "the record's command reproduces the ranking, not the write");
    let run =
        common::command(&["verify", "decisions"], &[DAY]).current_dir(dir.path().join("docs")).output().expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));

    // Rejected and deprecated records are skipped; an empty folder is an error, not a pass.
    let rejected = record.replacen("status: proposed", "status: rejected", 1);
    std::fs::write(dir.path().join("docs/decisions/0002-rejected.md"), rejected).expect("write");
    let run = run_env(&["verify", &out], &[DAY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0002-rejected.md: status: rejected"), "{}", run.stdout);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("folder");
    assert!(fails(&["verify", &empty.display().to_string()], 65).contains("holds no decision record"));
    assert!(fails(&["recommend", "--format", "html", "--output", &out], 2).contains("needs a file name"));
}

#[test]
fn a_number_two_records_share_is_refused_by_number_and_named_by_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let adr = stdout_of_env(&["recommend", "--preset", "ai-api", "--team-knows", "python", "--format", "adr"], &[DAY]);
    write(&dir, "d/0001-a.md", &adr);
    write(&dir, "d/0001-b.md", &adr);
    let out = dir.path().join("d").display().to_string() + "/";
    let error =
        fails(&["recommend", "--preset", "ai-api", "--format", "adr", "--output", &out, "--supersedes", "1"], 2);
    assert!(error.contains("2 records are numbered 0001"), "{error}");
    let patch = write(
        &dir,
        "p.yaml",
        "patches:\n  - id: fastapi\n    scores: {productivity: 1, integration: 1, scalability: 1}\n",
    );
    let report = json(&run_env(&["verify", &out, "--catalog", &patch, "--format", "json"], &[DAY]).stdout);
    let successor = text(&items(&report["records"])[0]["successor"]).to_string();
    assert!(successor.contains("--supersedes") && successor.ends_with("0001-a.md"), "{successor}");
    let written = stdout_of_env(&["recommend", "--preset", "ai-api", "--format", "adr", "--output", &out], &[DAY]);
    assert!(written.contains("0002-backend-framework.md"), "{written}");
    assert!(
        !std::fs::read_dir(dir.path().join("d"))
            .expect("d")
            .any(|e| { e.map(|e| e.file_name().to_string_lossy().ends_with(".reserved")).unwrap_or(false) })
    );
}

#[test]
fn a_long_html_description_is_quoted_short() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = format!("<p>{}</p>", "We are moving off it. ".repeat(300));
    let radar = write(&dir, "radar.csv", &format!("name,ring,description\nDjango,Hold,\"{long}\"\n"));
    let ranking = json(&stdout_of_env(&["recommend", "--radar", &radar, "--format", "json"], &[]));
    let held = items(&ranking["excluded"]).iter().find(|e| text(&e["id"]) == "django").expect("held");
    let reason = text(&held["reasons"][0]);
    assert!(reason.ends_with('…') && reason.chars().count() < 400, "{reason}");
}
