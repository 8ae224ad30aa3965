//! Long help read at an 80-column terminal: every example command stays on one line (so it can
//! be copied), and `list --help` names the use cases, features and languages the flags take.

mod common;

/// Every subcommand, as typed before `--help`.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["recommend"],
    &["list"],
    &["show"],
    &["compare"],
    &["why-not"],
    &["sources"],
    &["presets"],
    &["catalog"],
    &["catalog", "export"],
    &["catalog", "validate"],
    &["catalog", "refresh"],
    &["catalog", "layers"],
    &["ask"],
    &["completions"],
    &["man"],
    &["verify"],
];

fn help(command: &[&str], columns: &str) -> String {
    let mut args = command.to_vec();
    args.push("--help");
    common::stdout_of_env(&args, &[("COLUMNS", columns)])
}

/// The example lines: the commands of the "Examples:" block, up to its first blank line.
fn examples(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|line| line.trim() != "Examples:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .filter(|line| line.contains("backend-advisor"))
        .collect()
}

#[test]
fn every_example_line_is_whole_at_80_columns() {
    for command in COMMANDS {
        let wide = help(command, "1000");
        let narrow = help(command, "80");
        let expected = examples(&wide);
        assert!(!expected.is_empty() || command.len() == 2, "{command:?}: no examples in\n{wide}");
        for line in &expected {
            assert!(line.len() <= 78, "{command:?}: example over 80 columns: {line}");
            assert!(narrow.lines().any(|l| l.trim() == *line), "{command:?}: {line:?} is wrapped in\n{narrow}");
        }
    }
}

#[test]
fn list_help_names_the_use_cases_features_and_languages() {
    let text = help(&["list"], "80");
    for word in
        ["Use cases (--use-case)", "api", "real-time", "Features (--require FEATURE", "openapi", "Languages", "python"]
    {
        assert!(text.contains(word), "{word} missing from\n{text}");
    }
    let recommend = help(&["recommend"], "1000");
    assert!(recommend.matches("`list --help`").count() >= 3, "{recommend}");
}
