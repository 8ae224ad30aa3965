//! Integration tests of the reports: the HTML pages of `compare` and `recommend` parsed as XML
//! (self-contained, charts drawn from the right numbers), the decision record parsed as Markdown
//! (MADR 4.0 headings and lists), and `--output` (atomic, no overwrite without `--force`, nothing
//! half-written on a write error) for every subcommand that prints a report.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use sha2::Digest;

mod common;

/// Reports record today's date; a fixed one (2026-01-01) keeps them comparable.
const DATE: (&str, &str) = ("SOURCE_DATE_EPOCH", "1767225600");

/// Runs a report command that must succeed quietly and returns its stdout.
fn stdout_of(args: &[&str]) -> String {
    common::stdout_of_env(args, &[DATE])
}

/// Runs a report command with a fixed date.
fn run(args: &[&str]) -> common::Run {
    common::run_env(args, &[DATE])
}

fn json(args: &[&str]) -> Value {
    common::json(&stdout_of(args))
}

// ---------------------------------------------------------------------------------------------
// HTML

/// Parses a page as XML and checks it is self-contained: no external resources, nothing the
/// browser would fetch, and a policy that forbids both; scripts only inline, each allowed by the
/// policy through its SHA-256 (never `unsafe-inline`), and JSON data.
fn check_self_contained(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("the page is not well-formed: {e}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(!["link", "img", "iframe", "object", "embed", "base"].contains(&name), "<{name}> found");
        for attribute in node.attributes() {
            // A link is followed only when clicked: a web address or a place on the page.
            if name == "a" && attribute.name() == "href" {
                let href = attribute.value();
                assert!(href.starts_with("https://") || href.starts_with("http://") || href.starts_with('#'), "{href}");
                continue;
            }
            assert!(!["src", "href", "srcset"].contains(&attribute.name()), "{name} has {}", attribute.name());
            assert!(!attribute.name().starts_with("on"), "{name} has an event handler");
        }
    }
    let style: String = doc.descendants().filter(|n| n.has_tag_name("style")).filter_map(|n| n.text()).collect();
    assert!(!style.contains("url(") && !style.contains("@import"), "the style fetches something");
    let policy = doc
        .descendants()
        .find(|n| n.attribute("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|n| n.attribute("content"))
        .expect("a Content-Security-Policy");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    let script_policy = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap_or("");
    assert!(!script_policy.contains("unsafe") && !script_policy.contains(':'), "{policy}");
    for script in doc.descendants().filter(|n| n.has_tag_name("script")) {
        // The browser hashes the element's source text, CDATA markers included.
        let element = &html[script.range()];
        let text = element.split_once('>').and_then(|(_, rest)| rest.strip_suffix("</script>")).unwrap_or("");
        if script.attribute("type") == Some("application/json") {
            serde_json::from_str::<Value>(text).expect("the page's data is JSON");
            continue;
        }
        let hash = format!("'sha256-{}'", base64(&sha2::Sha256::digest(text.as_bytes())));
        assert!(script_policy.split_whitespace().any(|s| s == hash), "a script not allowed by {policy}");
    }
    doc
}

/// Standard base64, as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { char::from(ALPHABET[(bits >> (18 - 6 * i) & 63) as usize]) } else { '=' });
        }
    }
    out
}

/// The `points` of the radar's polygons, grid rings first.
fn radar_polygons(doc: &roxmltree::Document) -> Vec<Vec<(f64, f64)>> {
    let radar = doc
        .descendants()
        .find(|n| n.has_tag_name("svg") && n.attribute("class").is_some_and(|c| c.contains("radar")))
        .expect("a radar chart");
    radar
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .map(|n| {
            n.attribute("points")
                .expect("points")
                .split(' ')
                .map(|pair| {
                    let (x, y) = pair.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect()
        })
        .collect()
}

/// The rating a radar corner stands for: its distance from the centre (270, 210) over the
/// radius (150), times 5.
fn rating_at((x, y): (f64, f64)) -> f64 {
    (x - 270.0).hypot(y - 210.0) / 150.0 * 5.0
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

#[test]
fn compare_html_is_self_contained_and_its_radar_matches_the_ratings() {
    let html = stdout_of(&["compare", "django", "fastapi", "flask", "--format", "html"]);
    let doc = check_self_contained(&html);
    let title = doc.descendants().find(|n| n.has_tag_name("title")).map(text_of).expect("a title");
    assert_eq!(title, "Django vs FastAPI vs Flask");
    assert!(html.contains("<time datetime=\"2026-01-01\">"));
    assert_eq!(command_of(&doc), "backend-advisor compare django fastapi flask --format html", "the command line");
    let polygons = radar_polygons(&doc);
    assert_eq!(polygons.len(), 5 + 3, "five rings and one polygon per framework");
    for (id, polygon) in ["django", "fastapi", "flask"].iter().zip(&polygons[5..]) {
        let entry = json(&["show", id, "--format", "json"]);
        let expected: Vec<f64> = ["performance", "scalability", "productivity", "integration", "community"]
            .iter()
            .map(|f| entry["scores"][f].as_f64().expect("a rating"))
            .collect();
        let drawn: Vec<f64> = polygon.iter().map(|&p| rating_at(p)).collect();
        for (e, d) in expected.iter().zip(&drawn) {
            assert!((e - d).abs() < 0.01, "{id}: drawn {drawn:?}, rated {expected:?}");
        }
    }
    // The legend names every framework; the tables carry the numbers without the chart.
    let legend = doc.descendants().find(|n| n.attribute("class") == Some("legend")).map(text_of).expect("a legend");
    assert!(legend.contains("Django") && legend.contains("FastAPI") && legend.contains("Flask"));
    let headings: Vec<String> = doc.descendants().filter(|n| n.has_tag_name("h2")).map(text_of).collect();
    assert_eq!(
        headings,
        ["At a glance", "Overview", "Factors", "Features", "Best for", "Pros", "Cons", "Use when", "Examples"]
    );
    assert!(!html.contains("Scores by criterion"), "no score chart without answers");
}

#[test]
fn recommend_html_has_stacked_scores_and_the_radar_of_the_top_three() {
    let args = ["recommend", "--preset", "ai-api", "--top", "5"];
    let html = stdout_of(&[&args[..], &["--format", "html"]].concat());
    let doc = check_self_contained(&html);
    let ranking = json(&[&args[..], &["--format", "json"]].concat());
    let ranked = ranking["ranking"].as_array().expect("ranking");
    let criteria = ranking["criteria"].as_array().expect("criteria").len();
    let bars = doc
        .descendants()
        .find(|n| n.has_tag_name("svg") && n.attribute("class").is_some_and(|c| c.contains("bars")))
        .expect("a bar chart");
    let groups: Vec<roxmltree::Node> = bars.descendants().filter(|n| n.attribute("class") == Some("bar")).collect();
    assert_eq!(groups.len(), 5, "one bar per shown framework");
    for (group, entry) in groups.iter().zip(ranked) {
        let rects: Vec<roxmltree::Node> = group.children().filter(|n| n.has_tag_name("rect")).collect();
        assert_eq!(rects.len(), criteria, "one segment per criterion");
        // 4.5 units a point: the segments add up to the score.
        let width: f64 =
            rects.iter().map(|r| r.attribute("width").expect("width").parse::<f64>().expect("a number")).sum();
        let score = entry["score"].as_f64().expect("a score");
        assert!((width / 4.5 - score).abs() < 0.01, "{}: bar {width} for score {score}", entry["name"]);
        assert!(text_of(*group).contains(entry["name"].as_str().expect("name")));
    }
    let polygons = radar_polygons(&doc);
    assert_eq!(polygons.len(), 5 + 3, "the radar shows the top three");
    for (entry, polygon) in ranked.iter().zip(&polygons[5..]) {
        let rated = entry["criteria"]["performance"]["rating"].as_f64().expect("rating");
        assert!((rating_at(polygon[0]) - rated).abs() < 0.01, "{}", entry["name"]);
    }
    // The decision section's live table is filled by its script: only its header is in the file.
    let live = |n: &roxmltree::Node| n.ancestors().any(|a| a.attribute("id") == Some("decision"));
    let table_rows = doc.descendants().filter(|n| n.has_tag_name("tr") && !live(n)).count();
    assert_eq!(table_rows, 1 + 5, "the ranking table: a header and the shown frameworks");
    // The default shows ten.
    let html = stdout_of(&["recommend", "--format", "html"]);
    let doc = check_self_contained(&html);
    assert_eq!(doc.descendants().filter(|n| n.attribute("class") == Some("bar")).count(), 10);
}

#[test]
fn recommend_html_names_what_the_filters_removed() {
    let html = stdout_of(&["recommend", "--language", "rust", "--format", "html"]);
    let doc = check_self_contained(&html);
    let excluded =
        json(&["recommend", "--language", "rust", "--format", "json"])["excluded"].as_array().expect("excluded").len();
    let heading = doc
        .descendants()
        .find(|n| n.has_tag_name("h2") && text_of(*n).starts_with("Removed by hard filters"))
        .map(text_of)
        .expect("a section of exclusions");
    assert_eq!(heading, format!("Removed by hard filters ({excluded})"));
    assert!(html.contains("Django (django): language: python, not one of rust"));
}

// ---------------------------------------------------------------------------------------------
// The decision record

/// A heading's level and text, or a list with the texts of its items, in document order.
#[derive(Debug, PartialEq)]
enum Block {
    Heading(HeadingLevel, String),
    List(Vec<String>),
    Paragraph(String),
    Code(String),
    Metadata(String),
}

/// The top-level blocks of a Markdown document (nested lists are flattened into their item).
fn blocks(markdown: &str) -> Vec<Block> {
    let parser = Parser::new_ext(markdown, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut out = Vec::new();
    let mut text = String::new();
    let mut items: Vec<String> = Vec::new();
    let mut depth = 0;
    for event in parser {
        match event {
            Event::Start(Tag::List(_)) => {
                depth += 1;
                if depth == 1 {
                    items.clear();
                }
            }
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    out.push(Block::List(std::mem::take(&mut items)));
                }
            }
            Event::Start(Tag::Item) if depth == 1 => text.clear(),
            Event::End(TagEnd::Item) if depth == 1 => items.push(std::mem::take(&mut text)),
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_) | Tag::MetadataBlock(_))
                if depth == 0 =>
            {
                text.clear()
            }
            Event::End(TagEnd::Heading(level)) => out.push(Block::Heading(level, std::mem::take(&mut text))),
            Event::End(TagEnd::Paragraph) if depth == 0 => out.push(Block::Paragraph(std::mem::take(&mut text))),
            Event::End(TagEnd::CodeBlock) => out.push(Block::Code(std::mem::take(&mut text))),
            Event::End(TagEnd::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                out.push(Block::Metadata(std::mem::take(&mut text)))
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    out
}

fn headings(blocks: &[Block]) -> Vec<(usize, &str)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, text) => Some((*level as usize, text.as_str())),
            _ => None,
        })
        .collect()
}

/// The blocks between a heading and the next heading.
fn under<'a>(blocks: &'a [Block], heading: &str) -> &'a [Block] {
    let start = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(_, t) if t == heading))
        .unwrap_or_else(|| panic!("no heading {heading:?}"))
        + 1;
    let end = blocks[start..].iter().position(|b| matches!(b, Block::Heading(..))).map_or(blocks.len(), |e| start + e);
    &blocks[start..end]
}

fn list_under<'a>(blocks: &'a [Block], heading: &str) -> &'a [String] {
    under(blocks, heading)
        .iter()
        .find_map(|b| match b {
            Block::List(items) => Some(items.as_slice()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no list under {heading:?}"))
}

#[test]
fn the_decision_record_has_the_madr_layout() {
    let args = ["recommend", "--preset", "ai-api"];
    let record = stdout_of(&[&args[..], &["--format", "adr"]].concat());
    let ranking = json(&[&args[..], &["--format", "json"]].concat());
    let ranked = ranking["ranking"].as_array().expect("ranking");
    let names: Vec<&str> = ranked.iter().take(3).map(|r| r["name"].as_str().expect("name")).collect();
    let blocks = blocks(&record);

    assert_eq!(blocks[0], Block::Metadata("status: proposed\ndate: 2026-01-01\n".into()));
    let chosen = names[0];
    let expected: Vec<(usize, String)> = [
        (1, format!("Use {chosen} as the backend framework")),
        (2, "Context and Problem Statement".into()),
        (2, "Decision Drivers".into()),
        (2, "Considered Options".into()),
        (2, "Decision Outcome".into()),
        (3, "Consequences".into()),
        (3, "Confirmation".into()),
        (2, "Pros and Cons of the Options".into()),
    ]
    .into_iter()
    .chain(names.iter().map(|n| (3, n.to_string())))
    .chain([(2, "More Information".to_string())])
    .collect();
    let found: Vec<(usize, String)> = headings(&blocks).into_iter().map(|(l, t)| (l, t.to_string())).collect();
    assert_eq!(found, expected);

    // The context names the use cases of the preset.
    let context = list_under(&blocks, "Context and Problem Statement");
    assert!(context.iter().any(|i| i.starts_with("api:")) && context.iter().any(|i| i.starts_with("ai-ml:")));
    // One driver per weighted criterion, with its weight.
    let drivers = list_under(&blocks, "Decision Drivers");
    assert_eq!(drivers.len(), ranking["criteria"].as_array().expect("criteria").len());
    assert!(drivers.iter().all(|d| d.contains("weight ") && d.contains('%')), "{drivers:?}");
    // The top three are the options, with their scores.
    let options = list_under(&blocks, "Considered Options");
    assert_eq!(options.len(), 3);
    for (option, entry) in options.iter().zip(ranked) {
        assert!(option.starts_with(entry["name"].as_str().expect("name")), "{option}");
        assert!(option.contains(&format!("{:.1}", entry["score"].as_f64().expect("score"))), "{option}");
    }
    let outcome = under(&blocks, "Decision Outcome");
    let Block::Paragraph(first) = &outcome[0] else { panic!("the outcome opens with a paragraph: {outcome:?}") };
    // A close call (the JSON's `close_call.close`) is not presented as a clear choice.
    if ranking["close_call"]["close"] == true {
        assert!(first.starts_with(&format!("Leading option, a close call: \"{chosen}\"")), "{first}");
        assert!(!first.contains("Chosen option") && first.contains("The deciding factor is"), "{first}");
    } else {
        assert!(first.starts_with(&format!("Chosen option: \"{chosen}\", because ")), "{first}");
    }
    assert!(first.contains(&format!("{:.1} out of 100", ranked[0]["score"].as_f64().expect("score"))), "{first}");
    let consequences = list_under(&blocks, "Consequences");
    assert!(consequences.iter().any(|c| c.starts_with("Good, because ")));
    assert!(consequences.iter().any(|c| c.starts_with("Bad, because ")));
    assert!(consequences.iter().all(|c| c.starts_with("Good, because ") || c.starts_with("Bad, because ")));
    for name in &names {
        let items = list_under(&blocks, name);
        let good = items.iter().filter(|i| i.starts_with("Good, because ")).count();
        let bad = items.iter().filter(|i| i.starts_with("Bad, because ")).count();
        assert!(good >= 3 && bad >= 2 && good + bad == items.len(), "{name}: {items:?}");
    }
    // MADR 4.0's Confirmation: the exact command that re-checks the record.
    let confirmation = under(&blocks, "Confirmation");
    assert!(
        confirmation.iter().any(|b| matches!(b, Block::Code(c) if c.starts_with("backend-advisor verify "))),
        "{confirmation:?}"
    );
    let more = under(&blocks, "More Information");
    assert!(more.contains(&Block::Code("backend-advisor recommend --preset ai-api --format adr\n".into())), "{more:?}");
    assert!(more.iter().any(|b| matches!(b, Block::Paragraph(p) if p.contains("Catalog: built-in"))));
}

#[test]
fn the_decision_record_takes_top_and_names_the_hard_constraints() {
    let record = stdout_of(&[
        "recommend",
        "--language",
        "python",
        "--require",
        "scaffolding:community",
        "--top",
        "2",
        "--format",
        "adr",
    ]);
    let blocks = blocks(&record);
    assert_eq!(list_under(&blocks, "Considered Options").len(), 2);
    let drivers = list_under(&blocks, "Decision Drivers");
    assert!(drivers.iter().any(|d| d == "Hard constraint: written in Python"), "{drivers:?}");
    assert!(drivers.iter().any(|d| d == "Hard constraint: scaffolding at least community package"), "{drivers:?}");
    let outcome = under(&blocks, "Decision Outcome");
    let removed = outcome
        .iter()
        .find_map(|b| match b {
            Block::List(items) => Some(items),
            _ => None,
        })
        .expect("the removed options are listed");
    assert!(removed.iter().any(|r| r == "Sanic: scaffolding: none, community required"), "{removed:?}");
    assert!(removed.iter().any(|r| r.starts_with("Gin: language: go, not one of python")), "{removed:?}");
}

#[test]
fn a_record_without_any_option_is_refused() {
    let run = run(&["recommend", "--language", "rust", "--require", "admin", "--format", "adr"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no decision to record"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// --output

/// Every subcommand that prints a report, in a format whose output is deterministic.
const REPORTS: [&[&str]; 6] = [
    &["recommend", "--preset", "ai-api"],
    &["recommend", "--preset", "ai-api", "--format", "adr"],
    &["compare", "django", "flask", "--format", "html"],
    &["list", "--format", "csv"],
    &["show", "django", "--format", "markdown"],
    &["presets", "--format", "json"],
];

fn temporary_leftovers(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".backend-advisor-"))
        .collect()
}

#[test]
fn output_writes_the_report_and_refuses_to_overwrite_without_force() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (i, args) in REPORTS.iter().enumerate() {
        let expected = stdout_of(args);
        let path = folder.path().join(format!("report-{i}.out"));
        let path = path.to_str().expect("UTF-8");
        let quiet = stdout_of(&[args, &["--output", path][..]].concat());
        assert!(quiet.is_empty(), "{args:?}: nothing on stdout with --output");
        let written = fs::read_to_string(path).expect("written");
        if args.contains(&"html") {
            // The report records its own command line, which now has --output in it.
            let doc = check_self_contained(&written);
            assert!(command_of(&doc).contains(&format!("--output {path}")), "{args:?}");
        } else if args.contains(&"adr") {
            assert!(written.contains(&format!("--output {path}")), "{args:?}");
        } else {
            assert_eq!(written, expected, "{args:?}: the file holds what stdout would");
        }
        let again = run(&[args, &["--output", path][..]].concat());
        assert_eq!(again.code, 1, "{args:?}: {}", again.stderr);
        assert!(again.stderr.contains("already exists; add --force to replace it"), "{}", again.stderr);
        assert!(again.stdout.is_empty());
        assert_eq!(fs::read_to_string(path).expect("kept"), written, "{args:?}: the file is untouched");
        fs::write(path, "old").expect("write");
        stdout_of(&[args, &["--output", path, "--force"][..]].concat());
        assert_ne!(fs::read_to_string(path).expect("replaced"), "old", "{args:?}: --force replaces");
    }
    assert!(temporary_leftovers(folder.path()).is_empty());
}

#[test]
fn force_without_output_and_bad_targets_are_refused() {
    let run_force = run(&["list", "--force"]);
    assert_eq!(run_force.code, 2, "--force needs --output: {}", run_force.stderr);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let missing = folder.path().join("no/such/folder/report.md");
    let failed = run(&["list", "--output", missing.to_str().expect("UTF-8")]);
    assert_eq!(failed.code, 1);
    assert!(failed.stderr.contains("cannot create a file in"), "{}", failed.stderr);
    let directory = run(&["list", "--output", folder.path().to_str().expect("UTF-8"), "--force"]);
    assert_eq!(directory.code, 1);
    assert!(directory.stderr.contains("is a directory"), "{}", directory.stderr);
    assert!(fs::read_dir(folder.path()).expect("readable").next().is_none(), "nothing was left behind");
}

#[cfg(unix)]
#[test]
fn a_write_error_leaves_no_partial_file_and_keeps_the_old_one() {
    // The file-size limit (in 512-byte blocks for the POSIX sh ulimit; 1024 in some shells)
    // makes the write fail part-way; SIGXFSZ is ignored so the write returns an error instead of
    // killing the process.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let target = folder.path().join("report.html");
    let target_str = target.to_str().expect("UTF-8");
    fs::write(&target, "the old report\n").expect("write");
    let script = r#"trap '' XFSZ; ulimit -f 4 || exit 99; exec "$@""#;
    let output = Command::new("sh")
        .args(["-c", script, "sh", env!("CARGO_BIN_EXE_backend-advisor")])
        .args(["recommend", "--format", "html", "--output", target_str, "--force"])
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
    assert_eq!(fs::read_to_string(&target).expect("kept"), "the old report\n", "the old file is intact");
    assert!(temporary_leftovers(folder.path()).is_empty(), "the partial temporary file is removed");
}

#[test]
fn the_html_report_leads_with_the_recommendation() {
    let html = stdout_of(&["recommend", "--preset", "ai-api", "--format", "html"]);
    check_self_contained(&html);
    let doc: Value =
        serde_json::from_str(&stdout_of(&["recommend", "--preset", "ai-api", "--format", "json"])).expect("JSON");
    let winner = doc["ranking"][0]["name"].as_str().expect("a winner");
    let body = &html[html.find("</header>").expect("a header")..];
    let headline = body.find("Recommended: <strong>").expect("a headline");
    assert!(body[headline..].starts_with(&format!("Recommended: <strong>{winner}</strong>")), "{body}");
    // Before any chart or table.
    assert!(headline < body.find("<svg").expect("a chart"), "the headline comes before the charts");
    assert!(headline < body.find("<table").expect("a table"), "the headline comes before the table");
    // The lead says why in words; the points are in the tables.
    let lead = &body[..body.find("</section>").expect("the lead section")];
    assert!(lead.contains("Its greatest strength is"), "{lead}");
    assert!(!lead.contains("of a possible") && !lead.contains("gives up"), "{lead}");
}

#[test]
fn a_record_holds_against_an_option_only_what_the_project_needs() {
    // An API behind a single-page app needs no server-side templates: NestJS's con about
    // templating packages is left out, while one about a needed feature (validation, OpenAPI) or
    // about the framework in general stays.
    let record = stdout_of(&["recommend", "--use-case", "api", "--team-knows", "typescript", "--format", "adr"]);
    let against: Vec<&str> = record.lines().filter(|l| l.starts_with("* Bad, because")).collect();
    assert!(!against.is_empty(), "{record}");
    assert!(against.iter().all(|l| !l.contains("templating")), "{against:#?}");
    let everything = stdout_of(&["recommend", "--team-knows", "typescript", "--format", "adr"]);
    assert!(everything.contains("templating"), "without stated needs, every con is there:\n{everything}");
}

#[test]
fn an_explained_rankings_points_and_cost_add_up_to_its_score() {
    let table = stdout_of(&[
        "recommend",
        "--preset",
        "ai-api",
        "--team-knows",
        "python",
        "--top",
        "8",
        "--format",
        "markdown",
        "--explain",
    ]);
    let mut costly = 0;
    for row in table.lines().skip(2).take_while(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let score: f64 = cells[2].parse().expect("a score");
        let points: f64 = cells[3..cells.len() - 1]
            .iter()
            .map(|c| c.split("(+").nth(1).and_then(|p| p.trim_end_matches(')').parse::<f64>().ok()).expect("points"))
            .sum();
        let cost: f64 = cells[cells.len() - 1].parse().unwrap_or(0.0);
        costly += usize::from(cost < 0.0);
        // Each figure is rounded to 0.1, so the sum may be off by a little.
        assert!((points + cost - score).abs() < 0.5, "{row}: {points} + {cost} is not {score}");
    }
    assert!(costly > 0, "some of the top eight pay a language cost:\n{table}");
}

/// The text a reader of a page sees, outside the command line that made it (where flags belong).
fn page_words(doc: &roxmltree::Document) -> String {
    let inside = |node: roxmltree::Node| {
        node.ancestors().any(|a| {
            matches!(a.tag_name().name(), "script" | "style" | "pre" | "code")
                || a.attribute("class").is_some_and(|c| c.split(' ').any(|c| c == "command"))
        })
    };
    doc.descendants().filter(|n| n.is_text() && !inside(*n)).filter_map(|n| n.text()).collect::<Vec<_>>().join(" ")
}

#[test]
fn pages_speak_to_readers_without_flags_and_draw_costs_as_the_score_counts_them() {
    let cases: [&[&str]; 3] = [
        // A language new to the team costs points, and the best outside pick is named.
        &["recommend", "--preset", "ai-api", "--team-knows", "python", "--format", "html"],
        &["recommend", "--use-case", "api", "--incumbent", "django", "--team-knows", "python", "--format", "html"],
        // Nothing passes: the page says so in words.
        &["recommend", "--language", "ruby", "--require", "grpc", "--require", "admin:builtin", "--format", "html"],
    ];
    for args in cases {
        let html = stdout_of(args);
        let doc = check_self_contained(&html);
        let words = page_words(&doc);
        let flag = words.split_whitespace().find(|w| w.starts_with("--") && w.len() > 2);
        assert!(flag.is_none(), "{args:?}: a page for readers says {flag:?}:\n{words}");
    }
    // Each framework that pays a cost has a hatched end in the chart, and the number at the bar's
    // end is its score.
    let html = stdout_of(cases[0]);
    let ranking = json(&["recommend", "--preset", "ai-api", "--team-knows", "python", "--format", "json"]);
    let costly: Vec<&Value> = ranking["ranking"]
        .as_array()
        .expect("a ranking")
        .iter()
        .take(10)
        .filter(|r| r["costs"].as_array().is_some_and(|c| !c.is_empty()))
        .collect();
    assert!(!costly.is_empty(), "some of the top ten are in a language new to the team");
    assert_eq!(html.matches(r#"<rect class="cost""#).count(), costly.len(), "one hatched end per cost");
    for r in costly {
        let score = format!(">{:.1}</text>", r["score"].as_f64().expect("a score"));
        assert!(html.contains(&score), "{} is labelled with its score {score}", r["name"]);
    }
}

#[test]
fn the_html_report_shows_the_top_three_with_pros_cons_and_linked_evidence() {
    let html = stdout_of(&["recommend", "--preset", "ai-api", "--format", "html"]);
    let doc = check_self_contained(&html);
    let ranking = json(&["recommend", "--preset", "ai-api", "--format", "json"]);
    let sources = json(&["sources", "--format", "json"]);
    let url_of = |id: &str| {
        sources.as_array().expect("sources").iter().find(|s| s["id"] == id).expect("a cited source")["url"]
            .as_str()
            .expect("a url")
            .to_string()
    };
    let picks: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("pick")).collect();
    assert_eq!(picks.len(), 3, "the top three up close");
    let text =
        |n: roxmltree::Node| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>();
    for (i, pick) in picks.iter().enumerate() {
        let id = ranking["ranking"][i]["id"].as_str().expect("an id");
        assert_eq!(pick.attribute("id"), Some(format!("pick-{id}").as_str()), "in ranking order");
        let entry = json(&["show", id, "--format", "json"]);
        let lists: Vec<Vec<String>> = pick
            .descendants()
            .filter(|n| n.has_tag_name("ul"))
            .map(|ul| ul.children().filter(|li| li.has_tag_name("li")).map(text).collect())
            .collect();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array().expect("a list").iter().map(|s| s.as_str().expect("text").to_string()).collect()
        };
        assert_eq!(lists, [strings(&entry["pros"]), strings(&entry["cons"])], "{id}: pros then cons");
        let evidence: Vec<String> = pick.descendants().filter(|n| n.has_tag_name("dd")).map(text).collect();
        for (factor, said) in
            ["performance", "scalability", "productivity", "integration", "community"].iter().zip(&evidence)
        {
            assert_eq!(said, entry["rationale"][factor].as_str().expect("a rationale"), "{id}: {factor}");
        }
        // Every citation links to a listed source, and every listed source links to its address.
        let listed: Vec<roxmltree::Node> =
            pick.descendants().filter(|n| n.has_tag_name("li") && n.attribute("id").is_some()).collect();
        let citations: Vec<&str> = pick
            .descendants()
            .filter(|n| n.has_tag_name("a"))
            .filter_map(|a| a.attribute("href"))
            .filter(|h| h.starts_with('#'))
            .collect();
        assert!(!citations.is_empty(), "{id}: the evidence cites its sources");
        for citation in citations {
            assert!(listed.iter().any(|li| li.attribute("id") == Some(&citation[1..])), "{id}: {citation} is listed");
        }
        for li in listed {
            let source = li.attribute("id").expect("an id").trim_start_matches(&format!("src-{id}-")).to_string();
            let url = url_of(&source);
            let href = li.descendants().find(|n| n.has_tag_name("a")).and_then(|a| a.attribute("href"));
            if url.is_empty() {
                assert_eq!(href, None, "{id}: {source} has no address");
            } else {
                assert_eq!(href, Some(url.as_str()), "{id}: {source} links to its address");
            }
        }
    }
}

#[test]
fn the_decision_record_speaks_about_the_project_and_its_options() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("answers.yaml");
    fs::write(
        &file,
        "title: Web shop\ndescription: A payments API for the web shop, with an admin for support.\nuse_cases: [api]\n",
    )
    .expect("answers");
    let answers = file.to_str().expect("a path");
    // The answers' own title, or --title over it.
    let record = stdout_of(&["recommend", "--answers", answers, "--format", "adr"]);
    let chosen = json(&["recommend", "--answers", answers, "--format", "json"]);
    let (first, second) = (
        chosen["ranking"][0]["name"].as_str().expect("a winner"),
        chosen["ranking"][1]["name"].as_str().expect("a runner-up"),
    );
    assert!(record.contains(&format!("# Use {first} as the backend framework of Web shop\n")), "{record}");
    let parsed = blocks(&record);
    let context = under(&parsed, "Context and Problem Statement");
    assert_eq!(
        context.first(),
        Some(&Block::Paragraph("A payments API for the web shop, with an admin for support.".into())),
        "the description opens the context"
    );
    let consequences = list_under(&parsed, "Consequences");
    assert!(consequences.iter().any(|c| c.starts_with("Good, because we gain ")), "{consequences:?}");
    assert!(consequences.iter().all(|c| !c.contains("points")), "in words, not points: {consequences:?}");
    let titled = stdout_of(&["recommend", "--answers", answers, "--title", "Checkout", "--format", "adr"]);
    assert!(titled.contains(" as the backend framework of Checkout\n"), "{titled}");
    // With one considered option the outcome compares with no framework outside the options.
    let alone = stdout_of(&["recommend", "--answers", answers, "--top", "1", "--format", "adr"]);
    let alone = blocks(&alone);
    assert_eq!(list_under(&alone, "Considered Options").len(), 1);
    let outcome = format!("{:?}", under(&alone, "Decision Outcome"));
    assert!(!outcome.contains(second), "{second} is not an option: {outcome}");
}

#[test]
fn the_record_reasons_in_words_that_agree_with_the_catalog() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("0001-backend.md");
    let path = path.to_str().expect("a path");
    // A REST API behind a single-page application, for a TypeScript team.
    let args = ["recommend", "--use-case", "api", "--use-case", "spa-backend", "--team-knows", "typescript"];
    let run = common::run(&[&args[..], &["--format", "adr", "--output", path]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = fs::read_to_string(path).expect("the record");
    let parsed = blocks(&record);
    // The Confirmation names this very file.
    let confirmation = under(&parsed, "Confirmation");
    let command = format!("backend-advisor verify {path} --warn-eol 6m\n");
    assert!(confirmation.contains(&Block::Code(command.clone())), "{confirmation:?}");
    // No arithmetic as a reason, anywhere a reason is given.
    let outcome = format!("{:?}", under(&parsed, "Decision Outcome"));
    assert!(!outcome.contains("of a possible") && !outcome.contains("giving up"), "{outcome}");
    let ranking = json(&[&args[..], &["--format", "json"]].concat());
    let chosen = ranking["ranking"][0]["id"].as_str().expect("a winner");
    let entry = json(&["show", chosen, "--format", "json"]);
    let tagged = |kind: &str, use_case: &str| {
        entry["use_cases"][kind].as_array().is_some_and(|l| l.iter().any(|t| t == use_case))
    };
    let consequences = list_under(&parsed, "Consequences");
    for use_case in ["api", "spa-backend"] {
        // Never a shortfall for a use case the catalog tags strong.
        if tagged("strong", use_case) {
            assert!(
                !consequences.iter().any(|c| c.starts_with("Bad, because") && c.contains(use_case)),
                "{chosen} is strong for {use_case}: {consequences:?}"
            );
        }
    }
    // Cons only for what the use cases need: an API behind an SPA does not need templating or
    // an admin, so neither is held against the choice.
    for unneeded in ["templating", "admin"] {
        assert!(
            !consequences.iter().any(|c| c.starts_with("Bad, because") && c.contains(unneeded)),
            "{unneeded} is not needed: {consequences:?}"
        );
    }
    // verify still reads the record written with the new sections.
    let verified = common::run(&["verify", path]);
    assert_eq!(verified.code, 0, "{}{}", verified.stdout, verified.stderr);
}

#[test]
fn informed_people_come_from_the_answers_or_the_team_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("dana.yaml");
    fs::write(
        &answers,
        "name: Dana Reyes\nuse_cases: [api]\ninformed: [\"Platform team\", \"  \", \"CTO\", \"CTO\"]\n",
    )
    .expect("write");
    let record = stdout_of(&["recommend", "--answers", &answers.display().to_string(), "--format", "adr"]);
    let blocks = blocks(&record);
    // Blank and repeated names are dropped; the list is YAML a MADR tool reads.
    assert_eq!(
        blocks[0],
        Block::Metadata(
            "status: proposed\ndate: 2026-01-01\ndecision-makers: [\"Dana Reyes\"]\ninformed: [\"Platform team\", \"CTO\"]\n"
                .into()
        )
    );
    // A team file's list wins over its members'.
    fs::write(dir.path().join("sam.yaml"), "name: Sam\nuse_cases: [api]\ninformed: [Sales]\n").expect("write");
    let team = dir.path().join("team.yaml");
    fs::write(&team, "informed: [Security team]\nmembers:\n  - answers: dana.yaml\n  - answers: sam.yaml\n")
        .expect("write");
    let record = stdout_of(&["recommend", "--team", &team.display().to_string(), "--format", "adr"]);
    assert!(record.contains("\ninformed: [\"Security team\"]\n"), "{record}");
    // Without one, every member's, in order.
    fs::write(&team, "members:\n  - answers: dana.yaml\n  - answers: sam.yaml\n").expect("write");
    let record = stdout_of(&["recommend", "--team", &team.display().to_string(), "--format", "adr"]);
    assert!(record.contains("\ninformed: [\"Platform team\", \"CTO\", \"Sales\"]\n"), "{record}");
}

/// The command line an HTML report shows, as text (each argument is a span of its own, so that
/// a narrow screen wraps only between arguments).
fn command_of(doc: &roxmltree::Document) -> String {
    let command = doc.descendants().find(|n| n.attribute("class") == Some("command")).expect("the command line");
    command.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

#[test]
fn a_named_person_is_the_records_decision_maker_and_empty_keys_are_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers.yaml");
    fs::write(&answers, "name: Dana Reyes\nrole: tech lead\nuse_cases: [api]\nteam_knows: [python]\n").expect("write");
    let record = stdout_of(&["recommend", "--answers", &answers.display().to_string(), "--format", "adr"]);
    let blocks = blocks(&record);
    assert_eq!(
        blocks[0],
        Block::Metadata("status: proposed\ndate: 2026-01-01\ndecision-makers: [\"Dana Reyes (tech lead)\"]\n".into())
    );
    // Nobody to consult or inform is named, so neither key is written; without a name, no
    // decision-makers either.
    assert!(!record.contains("consulted:") && !record.contains("informed:"), "{record}");
    let anonymous = stdout_of(&["recommend", "--use-case", "api", "--format", "adr"]);
    assert!(!anonymous.contains("decision-makers:"), "{anonymous}");

    // verify still reads the record.
    let path = dir.path().join("0001-backend.md");
    fs::write(&path, &record).expect("write the record");
    let run = run(&["verify", &path.display().to_string()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
