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
];

/// The words of a rendering: whitespace-separated, with table borders taken out, and split after
/// a slash (where a long word may break, as in a browser).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "│┆┌┐└┘├┤┬┴┼─╞╡╪═|+".contains(c))
        .flat_map(|w| w.split_inclusive('/'))
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

/// The words of the notes a narrow rendering adds (columns left out, an address too long), which
/// the unwrapped rendering has no reason to say.
const NOTE_WORDS: &str = "Columns left out to fit characters: --width or more shows them, as does --format markdown. \
                          (address too long for this width; `show markdown` prints it)";

#[test]
fn every_table_command_fits_every_width_without_splitting_a_word() {
    let mut failures: Vec<String> = Vec::new();
    for args in COMMANDS {
        // At 1000 columns nothing wraps: its words are the whole words.
        let mut whole: HashSet<String> = words(&output(args, 1000)).into_iter().collect();
        whole.extend(words(NOTE_WORDS));
        whole.extend(args.iter().map(|a| a.to_string()));
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
    assert!(text.contains("Columns left out to fit 60 characters:"), "{text}");
    assert!(text.contains("--format markdown"), "{text}");
    let wide = output(&["list"], 1000);
    assert!(!wide.contains("left out"), "{wide}");
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
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
