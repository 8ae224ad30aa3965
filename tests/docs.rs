//! Keeps the documentation true: every ```` ```console ```` block of README.md, ARCHITECTURE.md,
//! CONTRIBUTING.md and `docs/*.md` is run through the real binary and its output compared with
//! what the page shows, and the numbers the pages state (catalog size, vocabulary, questionnaire
//! steps) are checked against the binary. An illustrative block is fenced as `text` instead.
//!
//! In an expected output, a line `…` stands for any number of lines, and a line that ends with
//! `…` for any line that starts with the text before it. Commands run from `tests/fixtures/docs`
//! (where the files the examples name live), or from the folder an HTML comment
//! `<!-- docs-test: run in FOLDER -->` just before the block names, relative to the crate, with
//! `COLUMNS=100` and a fixed `SOURCE_DATE_EPOCH` (2026-11-29), so dates and widths are stable.
//!
//! After an intended change of output, `DOCS_UPDATE=always cargo test --test docs` writes what
//! the binary prints into every differing example that elides nothing (review the diff); an
//! example with `…` still fails, to be edited by hand.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{command, json, stdout_of};

/// 2026-11-29, the date the examples show.
const EPOCH: &str = "1795910400";

/// The pages users read, relative to the crate's folder.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md"), root.join("ARCHITECTURE.md"), root.join("CONTRIBUTING.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// One `$ backend-advisor …` command of a console block and the output shown under it.
struct Example {
    page: String,
    /// The folder it runs in, relative to the crate's.
    folder: String,
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

/// Splits a command line as a POSIX shell would for plain words and quotes (no expansion).
fn split(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in {line:?}");
    if in_word {
        words.push(word);
    }
    words
}

/// Every command of every console block of `page`.
fn examples(page: &Path) -> Vec<Example> {
    let text = fs::read_to_string(page).expect("the page can be read");
    let name = page.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut in_other = false;
    let mut folder = String::from("tests/fixtures/docs");
    // Whether the lines of the current block belong to a command (a block may show a session
    // without one, such as the questionnaire's).
    let mut open_example = false;
    for (index, line) in text.lines().enumerate() {
        if let Some(named) = line.trim().strip_prefix("<!-- docs-test: run in ") {
            folder = named.trim_end_matches("-->").trim().to_string();
            continue;
        }
        if in_console || in_other {
            // A fence closes on a bare ``` (an example may show a fenced block of its own).
            if line.trim() == "```" {
                in_console = false;
                in_other = false;
                folder = String::from("tests/fixtures/docs");
            } else if in_console {
                if let Some(command) = line.strip_prefix("$ ") {
                    let words = split(command);
                    assert_eq!(
                        words.first().map(String::as_str),
                        Some("backend-advisor"),
                        "{name}:{}: a console block runs backend-advisor alone (no pipes or other programs); \
                         fence an illustration as `text`",
                        index + 1
                    );
                    for word in &words {
                        assert!(
                            !matches!(word.as_str(), "|" | ">" | "<" | "&&" | ";"),
                            "{name}:{}: a console block holds one command, no shell operators; fence it as `text`",
                            index + 1
                        );
                    }
                    open_example = true;
                    examples.push(Example {
                        page: name.clone(),
                        folder: folder.clone(),
                        line: index + 1,
                        args: words[1..].to_vec(),
                        expected: Vec::new(),
                    });
                } else if let Some(example) = examples.last_mut().filter(|_| open_example) {
                    example.expected.push(line.to_string());
                }
            }
        } else if let Some(info) = line.trim_start().strip_prefix("```") {
            if info.trim() == "console" {
                in_console = true;
                open_example = false;
            } else {
                in_other = true;
            }
        }
    }
    examples
}

/// Whether `actual` shows what `expected` does, with `…` as described in the module's doc.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    let Some((first, rest)) = expected.split_first() else { return actual.is_empty() };
    if first.trim() == "…" {
        return (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]));
    }
    let Some((line, others)) = actual.split_first() else { return false };
    same_line(first.trim_end(), line.trim_end()) && matches(rest, others)
}

/// Whether one line of output shows what the page's line does, where `…` stands for any text.
fn same_line(expected: &str, actual: &str) -> bool {
    let parts: Vec<&str> = expected.split('…').collect();
    let [first, middle @ .., last] = parts.as_slice() else { return expected == actual };
    let Some(mut rest) = actual.strip_prefix(first) else { return false };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[test]
fn every_console_example_prints_what_the_docs_show() {
    let mut failures = Vec::new();
    let mut count = 0;
    let update = std::env::var("DOCS_UPDATE").is_ok_and(|v| v == "always");
    for page in pages() {
        // (first line of the expected output, its number of lines, what replaces it)
        let mut updates: Vec<(usize, usize, Vec<String>)> = Vec::new();
        for example in examples(&page) {
            count += 1;
            let args: Vec<&str> = example.args.iter().map(String::as_str).collect();
            let output = command(&args, &[("COLUMNS", "100"), ("SOURCE_DATE_EPOCH", EPOCH)])
                .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(&example.folder))
                .output()
                .expect("the binary runs");
            let text =
                format!("{}{}", String::from_utf8_lossy(&output.stderr), String::from_utf8_lossy(&output.stdout));
            assert!(!text.contains("panicked"), "{}:{} panicked:\n{text}", example.page, example.line);
            let actual: Vec<&str> = text.trim_end_matches('\n').lines().collect();
            let mut expected = example.expected.clone();
            while expected.last().is_some_and(|l| l.trim().is_empty()) {
                expected.pop();
            }
            if !matches(&expected, &actual) {
                if update && !expected.iter().any(|l| l.contains('…')) {
                    updates.push((example.line, expected.len(), actual.iter().map(|l| l.to_string()).collect()));
                    continue;
                }
                failures.push(format!(
                    "{}:{}: backend-advisor {}\n--- the page shows:\n{}\n--- the binary prints:\n{}\n",
                    example.page,
                    example.line,
                    args.join(" "),
                    expected.join("\n"),
                    actual.join("\n")
                ));
            }
        }
        if !updates.is_empty() {
            let text = fs::read_to_string(&page).expect("the page can be read");
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            for (after, count, new) in updates.into_iter().rev() {
                lines.splice(after..after + count, new);
            }
            fs::write(&page, lines.join("\n") + "\n").expect("the page can be written");
        }
    }
    assert!(count >= 20, "only {count} console examples found: the docs lost their examples");
    assert!(failures.is_empty(), "{} example(s) differ:\n\n{}", failures.len(), failures.join("\n"));
}

/// The whole text of every page, for the numbers they state.
fn all_text() -> String {
    pages().iter().map(|p| fs::read_to_string(p).expect("the page can be read")).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_stated_catalog_size_is_the_catalogs() {
    let frameworks = json(&stdout_of(&["list", "--format", "json"])).as_array().expect("an array").len();
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    assert!(
        readme.contains(&format!("the {frameworks} frameworks of its catalog")),
        "README.md must state the catalog's size, {frameworks} frameworks"
    );
    // Any "N frameworks" stated for the built-in catalog is the catalog's size.
    let text = all_text();
    for stated in ["built-in catalog (", "catalog of "] {
        for (at, _) in text.match_indices(stated) {
            let rest = &text[at + stated.len()..];
            let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if !number.is_empty() && rest[number.len()..].starts_with(" frameworks") {
                assert_eq!(number, frameworks.to_string(), "a page says {stated}{number} frameworks");
            }
        }
    }
}

#[test]
fn the_stated_vocabulary_is_the_catalogs() {
    let catalog = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/catalog.md")).expect("page");
    let help = stdout_of(&["list", "--help"]);
    for (label, heading) in [("Features: ", "Features"), ("Use cases: ", "Use cases"), ("Languages: ", "Languages")] {
        let start = catalog.find(label).unwrap_or_else(|| panic!("docs/catalog.md lists the {heading}"));
        let listed: String = catalog[start + label.len()..].split('.').next().unwrap_or_default().to_string();
        let ids: Vec<String> = listed
            .split(',')
            .map(|item| item.split_whitespace().next().unwrap_or_default().trim().to_string())
            .filter(|id| !id.is_empty())
            .collect();
        let section =
            help.split(&format!("\n{heading} (")).nth(1).unwrap_or_else(|| panic!("list --help lists {heading}"));
        let known: Vec<&str> = section
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            // Languages are listed several to a line; the others one a line, with a description.
            .flat_map(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                if heading == "Languages" { words } else { words.into_iter().take(1).collect() }
            })
            .collect();
        assert_eq!(ids.len(), known.len(), "docs/catalog.md lists {ids:?} as {heading}; list --help: {known:?}");
        for id in &ids {
            assert!(known.contains(&id.as_str()), "docs/catalog.md names {heading} '{id}', which list --help does not");
        }
    }
}

#[test]
fn the_stated_questionnaire_steps_are_the_questionnaires() {
    // The unit tests of src/cli/ask put the first question as "[1/6] Start from a preset…";
    // here the pages must number their questions out of the same count.
    let source =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/ask/tests.rs")).expect("ask tests");
    let marker = "Some(\"[1/";
    let at = source.find(marker).expect("the ask tests state the first question's number");
    let steps: String = source[at + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
    let text = all_text();
    let mut seen = 0;
    for (at, _) in text.match_indices("? [") {
        let rest = &text[at + 3..];
        let Some((step, tail)) = rest.split_once('/') else { continue };
        if !step.chars().all(|c| c.is_ascii_digit()) || step.is_empty() {
            continue;
        }
        let total: String = tail.chars().take_while(char::is_ascii_digit).collect();
        seen += 1;
        assert_eq!(total, steps, "a page numbers a question [{step}/{total}]; the questionnaire has {steps} steps");
    }
    assert!(seen > 0, "the pages show the questionnaire's questions");
    assert!(!text.contains("ten questions"), "the questionnaire has {steps} steps, not ten questions");
}

/// The number of YAML values (scalars, lists and mappings) in `value`, as the reader counts them.
fn values(value: &serde_yaml::Value) -> usize {
    1 + match value {
        serde_yaml::Value::Sequence(items) => items.iter().map(values).sum(),
        serde_yaml::Value::Mapping(map) => map.iter().map(|(k, v)| values(k) + values(v)).sum(),
        serde_yaml::Value::Tagged(tagged) => values(&tagged.value),
        _ => 0,
    }
}

#[test]
fn the_value_limit_leaves_the_room_the_docs_state() {
    let limits = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/limits.md")).expect("page");
    assert!(limits.contains("| 250,000 values |"), "docs/limits.md states the value limit");
    assert!(limits.contains("holds well under a fifth of that"), "docs/limits.md states the built-in catalog's share");
    let exported = stdout_of(&["catalog", "export"]);
    let catalog: serde_yaml::Value = serde_yaml::from_str(&exported).expect("the export is YAML");
    let count = values(&catalog);
    assert!(count * 5 < 250_000, "the built-in catalog holds {count} values, not well under a fifth of 250,000");
    assert_eq!(backend_advisor_max_values(), 250_000, "the limit the docs state is the reader's");
}

/// The reader's limit, as the library exports it.
fn backend_advisor_max_values() -> usize {
    backend_advisor::yaml::read::MAX_VALUES
}

#[test]
fn every_link_between_pages_leads_to_a_file() {
    for page in pages() {
        let text = fs::read_to_string(&page).expect("the page can be read");
        let folder = page.parent().expect("a page is in a folder");
        for (at, _) in text.match_indices("](") {
            let target: String = text[at + 2..].chars().take_while(|&c| c != ')').collect();
            let file = target.split('#').next().unwrap_or_default();
            // Addresses, and text in code that merely looks like a link, are not pages.
            if file.is_empty() || file.contains(':') || file.contains(' ') {
                continue;
            }
            assert!(folder.join(file).exists(), "{}: the link to {target} leads nowhere", page.display());
        }
    }
}

#[test]
fn the_readmes_version_line_is_what_version_prints() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let stated = readme
        .lines()
        .find_map(|line| line.strip_prefix("backend-advisor --version").and_then(|rest| rest.split_once("# ")))
        .map(|(_, said)| said.trim().to_string())
        .expect("the README shows what --version prints");
    assert_eq!(stated, stdout_of(&["--version"]).trim());
}

#[test]
fn the_readmes_patch_is_the_one_the_docs_run() {
    // The README's "your own catalog" patch is the fixture the catalog guide's examples run, so
    // it is validated whenever they are.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README");
    let block = readme.split("```yaml\n# ours.yaml\n").nth(1).and_then(|b| b.split("```").next()).expect("the patch");
    let fixture = fs::read_to_string(root.join("tests/fixtures/docs/ours.yaml")).expect("fixture");
    let body = fixture.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n") + "\n";
    assert_eq!(block, body);
    let run = common::run(&["catalog", "validate", &root.join("tests/fixtures/docs/ours.yaml").display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
