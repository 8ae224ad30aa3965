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

/// Each subcommand's help opens with the line its parent's help lists it with, and offers the
/// options every subcommand takes (they are defined only when the subcommand is parsed).
#[test]
fn every_subcommand_help_opens_with_its_own_description_and_the_common_options() {
    for command in COMMANDS.iter().filter(|c| !c.is_empty()) {
        let (parent, name) = command.split_at(command.len() - 1);
        let listing = help(parent, "200");
        let listed = listing
            .lines()
            .find_map(|line| line.trim_start().strip_prefix(name[0]).filter(|rest| rest.starts_with("  ")))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{command:?} is not listed:\n{listing}"));
        let own = help(command, "200");
        let first = own.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(listed.trim_end_matches('.')),
            "{command:?} opens with '{first}', listed as '{listed}'"
        );
        for option in ["--catalog <FILE>", "--color <WHEN>", "--no-input", "--offline", "--width <N>"] {
            assert!(own.contains(option), "{command:?} help lacks {option}");
        }
    }
}

/// The common options work before and after the subcommand's name, and their values add up or
/// the later one wins.
#[test]
fn common_options_work_on_either_side_of_the_subcommand() {
    let wide = common::stdout_of(&["list", "--width", "160"]);
    assert_eq!(common::stdout_of(&["--width", "160", "list"]), wide);
    assert_eq!(common::stdout_of(&["--width", "60", "list", "--width", "160"]), wide);
    assert_ne!(common::stdout_of(&["--width", "60", "list"]), wide);
    let layered = common::stdout_of(&["--catalog", "tests/fixtures/small.yaml", "show", "alpha"]);
    assert_eq!(common::stdout_of(&["show", "alpha", "--catalog", "tests/fixtures/small.yaml"]), layered);
    let both = common::run(&["catalog", "--offline", "validate", "--no-input", "tests/fixtures/small.yaml"]);
    assert_eq!(both.code, 0, "{}", both.stderr);
}

/// `help catalog <TAB>` offers catalog's subcommands: they are defined at start (only their
/// arguments are deferred), so the help tree the completions are made from has them.
#[test]
fn completions_offer_the_catalog_subcommands_after_help_catalog() {
    let fish = common::stdout_of(&["completions", "fish"]);
    for sub in ["export", "validate", "refresh", "layers"] {
        assert!(
            fish.lines().any(|line| line.contains("using_subcommand help; and __fish_seen_subcommand_from catalog")
                && line.contains(&format!("-a \"{sub}\""))),
            "help catalog does not complete {sub}"
        );
    }
}
