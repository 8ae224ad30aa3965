//! Every table command fits the width it is given: no line longer than the width, no word or
//! number split across lines, at 60, 80, 100 and 160 columns; and the width comes from
//! `--width`, then `COLUMNS`, then 100 when the output is not a terminal.

mod common;

use std::collections::HashSet;

use common::{run, run_env};

const WIDTHS: [usize; 4] = [60, 80, 100, 160];

/// Every command that draws a table, with answers that make the tables as wide as they get.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--language", "python"],
    &["recommend", "--team-knows", "go", "--use-case", "api"],
    &["recommend", "--team-knows", "go", "--use-case", "api", "--explain"],
    &["recommend", "--team-knows", "go", "--use-case", "api", "--sensitivity", "--samples", "300"],
    &["recommend", "--team-knows", "go", "--use-case", "api", "--explain", "--sensitivity", "--samples", "300"],
    &["recommend", "--preset", "ai-api", "--method", "topsis", "--explain"],
    &["recommend", "--language", "python", "--require", "admin", "--explain"],
    &["show", "flask"],
    &["show", "django"],
    &["show", "spring-boot"],
    &["presets"],
    &["compare", "django", "fastapi", "flask"],
    &["compare", "django", "fastapi", "flask", "gin", "express", "spring-boot", "--preset", "ai-api"],
    &["compare", "django", "fastapi", "--ascii", "--team-knows", "python"],
    &["recommend", "--team", "tests/fixtures/team/team.yaml", "--explain"],
];

/// The words of a rendering: whitespace-separated, with table borders taken out, and split after
/// a slash (where a long word may break, as in a browser).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "│┆┌┐└┘├┤┬┴┼─╞╡╪═|+".contains(c))
        // A word too long for its column may break after a slash, dot, hyphen or underscore.
        .flat_map(|w| w.split_inclusive(['/', '.', '-', '_']))
        // ASCII borders are runs of - and =.
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '-' || c == '='))
        .map(String::from)
        .collect()
}

fn output(args: &[&str], width: usize) -> String {
    let width = width.to_string();
    let mut argv = args.to_vec();
    argv.extend(["--width", &width]);
    let run = run(&argv);
    assert_eq!(run.code, 0, "{argv:?} failed:\n{}", run.stderr);
    run.stdout
}

/// The words of the notes a narrow rendering adds (columns left out, use cases counted), which
/// the unwrapped rendering has no reason to say.
const NOTE_WORDS: &str = "Columns left out to fit characters: --width or more shows them, as does --format markdown. \
                          \"+N more\" counts those that did not fit; show ID lists them all. \
                          Languages left out to fit; --format markdown shows them.";

#[test]
fn every_table_command_fits_every_width_without_splitting_a_word() {
    let mut failures: Vec<String> = Vec::new();
    for args in COMMANDS {
        // At 1000 columns nothing wraps: its words are the whole words.
        let mut whole: HashSet<String> = words(&output(args, 1000)).into_iter().collect();
        whole.extend(words(NOTE_WORDS));
        whole.extend(args.iter().map(|a| a.to_string()));
        // `list` shows as many use cases as fit, so one may end a line at one width (no comma)
        // and not at another: every use case id is a whole word.
        whole.extend(words(&output(&["list", "--help"], 1000)));
        for width in WIDTHS {
            let text = output(args, width);
            for line in text.lines() {
                let length = line.chars().count();
                // An address is never broken: alone on its line, it may be longer than the width.
                let address = line.split_whitespace().count() == 1 && line.contains("://");
                if length > width && !address {
                    failures.push(format!("{args:?} at {width}: a line of {length} characters: {line}"));
                }
            }
            for word in words(&text) {
                // A piece of a word: not a word of the unwrapped rendering, but its start or end.
                // The width a note names is a number of the narrow rendering only.
                let number = word.chars().all(|c| c.is_ascii_digit());
                let piece = !whole.contains(&word)
                    && !number
                    && whole.iter().any(|w| w.len() > word.len() && (w.starts_with(&word) || w.ends_with(&word)));
                if piece {
                    failures.push(format!("{args:?} at {width}: '{word}' is a piece of a split word"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_table_too_wide_says_which_columns_it_left_out() {
    let text = output(&["list"], 60);
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains("Columns left out to fit 60 characters:"), "{text}");
    assert!(flowing.contains("--format markdown"), "{text}");
    let wide = output(&["list"], 1000);
    assert!(!wide.contains("left out"), "{wide}");
}

/// The longest line, an address alone on its line aside (it is never broken, so it may be wider).
fn widest(text: &str) -> usize {
    let address = |l: &str| l.split_whitespace().count() == 1 && l.contains("://");
    text.lines().filter(|l| !address(l)).map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_width_comes_from_the_flag_then_columns_then_100() {
    for args in [&["show", "flask"][..], &["list"], &["presets"], &["compare", "django", "flask", "fastapi", "gin"]] {
        // Not a terminal, no COLUMNS: 100, and the tables use it.
        let piped = run(args);
        assert_eq!(piped.code, 0, "{args:?}: {}", piped.stderr);
        assert!(widest(&piped.stdout) <= 100, "{args:?} piped is {} wide", widest(&piped.stdout));
        assert!(widest(&piped.stdout) > 80, "{args:?} piped does not use the 100 columns");
        let columns = run_env(args, &[("COLUMNS", "70")]);
        assert!(widest(&columns.stdout) <= 70, "{args:?} with COLUMNS=70 is {} wide", widest(&columns.stdout));
        let mut flagged = args.to_vec();
        flagged.extend(["--width", "64"]);
        let flag = run_env(&flagged, &[("COLUMNS", "150")]);
        assert!(widest(&flag.stdout) <= 64, "{args:?} --width 64 is {} wide", widest(&flag.stdout));
    }
}

#[test]
fn the_same_rating_draws_the_same_bar_in_show_and_compare() {
    // Flask's performance is rated 2 in the built-in catalog.
    let show = output(&["show", "flask"], 100);
    let compare = output(&["compare", "flask", "django", "--sections", "factors"], 100);
    let bar = |text: &str, label: &str| {
        let line = text.lines().find(|l| l.contains(label)).unwrap_or_default().to_string();
        let start = line.find("2 ").map(|i| i + 2).unwrap_or(0);
        line[start..].chars().skip_while(|c| *c == ' ').take_while(|c| "█▉▊▋▌▍▎▏".contains(*c)).collect::<String>()
    };
    let in_show = bar(&show, "Performance");
    let in_compare = bar(&compare, "Performance");
    assert_eq!(in_show, "██", "show:\n{show}");
    assert_eq!(in_show, in_compare, "compare:\n{compare}");
}

/// The frameworks `list --format json` names, in order.
fn catalog_ids() -> Vec<String> {
    let listed: serde_json::Value = serde_json::from_str(&output(&["list", "--format", "json"], 100)).expect("JSON");
    listed.as_array().expect("an array").iter().map(|f| f["id"].as_str().expect("an id").to_string()).collect()
}

/// The body rows of a table: each row's lines, a row starting where its first cell is not blank.
fn table_rows(table: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_body = false;
    for line in table.lines() {
        if line.starts_with('╞') {
            in_body = true;
            continue;
        }
        if !in_body || !line.starts_with('│') {
            continue;
        }
        let first = line.trim_start_matches('│').split('┆').next().unwrap_or_default();
        if first.trim().is_empty() {
            if let Some(row) = rows.last_mut() {
                row.push(line.to_string());
            }
        } else {
            rows.push(vec![line.to_string()]);
        }
    }
    rows
}

#[test]
fn list_takes_at_most_two_lines_a_framework_at_80_and_100_columns() {
    let ids = catalog_ids();
    for width in [80, 100] {
        let table = output(&["list"], width);
        let rows = table_rows(&table);
        assert_eq!(rows.len(), ids.len(), "one row per framework at {width}:\n{table}");
        for (row, id) in rows.iter().zip(&ids) {
            assert!(row[0].contains(&format!(" {id} ")), "rows in catalog order: {id} at {width}:\n{}", row.join("\n"));
            assert!(row.len() <= 2, "{id} takes {} lines at {width}:\n{}", row.len(), row.join("\n"));
        }
        assert!(table.lines().all(|l| l.chars().count() <= width), "list overflows {width}:\n{table}");
    }
    // At 100 columns nothing is left out but the use cases counted in "+N more".
    let table = output(&["list"], 100);
    assert!(table.contains("Languages") && table.contains("Comm") && table.contains("Strong for"), "{table}");
}

#[test]
fn list_sorts_by_a_factor_highest_first_then_by_name() {
    let listed: serde_json::Value =
        serde_json::from_str(&output(&["list", "--sort", "performance", "--format", "json"], 100)).expect("JSON");
    let entries = listed.as_array().expect("an array");
    assert_eq!(entries.len(), catalog_ids().len());
    for pair in entries.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (ra, rb) = (a["scores"]["performance"].as_f64(), b["scores"]["performance"].as_f64());
        let name = |e: &serde_json::Value| e["name"].as_str().unwrap_or_default().to_lowercase();
        assert!(ra > rb || (ra == rb && name(a) <= name(b)), "{} before {}", a["id"], b["id"]);
    }
    let table = output(&["list", "--sort", "community", "--language", "go"], 100);
    let rows = table_rows(&table);
    let first = rows.first().expect("a row");
    assert!(first[0].contains(" gin "), "Gin has Go's best community rating:\n{table}");
    let refused = run(&["list", "--sort", "perf"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("'performance'"), "{}", refused.stderr);
}

#[test]
fn compare_of_three_fits_one_table_per_section_and_never_cuts_a_name() {
    for width in [100, 120] {
        let text = output(&["compare", "django", "fastapi", "flask"], width);
        let lines: Vec<&str> = text.lines().collect();
        let headers: Vec<&str> = lines.windows(2).filter(|w| w[0].starts_with('┌')).map(|w| w[1]).collect();
        let sections = ["Overview", "Factors", "Features", "Best for", "Pros", "Cons", "Use when", "Examples"];
        assert_eq!(headers.len(), sections.len(), "one table per section at {width}:\n{text}");
        for line in headers {
            assert!(
                line.contains("Django") && line.contains("FastAPI") && line.contains("Flask"),
                "three side by side at {width}: {line}"
            );
        }
        assert!(!text.contains('…'), "nothing is cut at {width}:\n{text}");
        // The longest provider name wraps after a dot instead of being cut.
        let cells: String = text.lines().map(|l| l.split('┆').nth(2).unwrap_or_default().trim().to_string()).collect();
        assert!(cells.contains("fastapi.templating.Jinja2Templates"), "whole at {width}:\n{text}");
    }
}

#[test]
fn the_default_ranking_shows_fit_and_team_when_they_carry_weight() {
    let table = output(&["recommend", "--use-case", "saas", "--team-knows", "typescript", "--top", "3"], 100);
    let header = table.lines().find(|l| l.contains("Framework")).expect("a header");
    assert!(header.contains("Fit") && header.contains("Team"), "{header}");
    let plain = output(&["recommend", "--top", "3"], 100);
    let header = plain.lines().find(|l| l.contains("Framework")).expect("a header");
    assert!(!header.contains("Fit") && !header.contains("Team"), "no use case or language given: {header}");
}

#[test]
fn show_prints_every_source_address_even_one_wider_than_the_width() {
    let listed: serde_json::Value = serde_json::from_str(&output(&["sources", "--format", "json"], 100)).expect("JSON");
    let urls: Vec<&str> = listed.as_array().expect("an array").iter().filter_map(|s| s["url"].as_str()).collect();
    for width in [60, 100] {
        let text = output(&["show", "nestjs"], width);
        let cited = text.split("\nSources:\n").nth(1).expect("a sources list");
        let shown: Vec<&str> = cited.lines().map(str::trim).filter(|l| l.starts_with("https://")).collect();
        let ids = cited.lines().filter(|l| l.starts_with("  - [")).count();
        // Every cited source with an address shows it whole, on its own line.
        let with_address =
            cited.lines().filter(|l| l.starts_with("  - [")).count() - usize::from(cited.contains("[GK]"));
        assert_eq!(shown.len(), with_address, "{ids} sources at {width}:\n{cited}");
        for url in shown {
            assert!(urls.contains(&url), "{url} is a source's whole address");
        }
        assert!(!text.contains("address too long"), "{text}");
    }
}
