//! Hostile input: every file in `tests/fixtures/bad/` run through the real binary, each with the
//! exit code and the message it must produce, plus the cases no committed file can hold (a
//! folder, a missing file, a file over the size limit). Nothing may panic or hang.

use std::path::{Path, PathBuf};

mod common;

/// Runs the binary hermetically; a panic fails the test.
fn run(args: &[&str]) -> common::Run {
    common::run(args)
}

fn bad(name: &str) -> String {
    format!("tests/fixtures/bad/{name}")
}

/// One hostile file: how it is given, the exit code, and what the message must say.
struct Case {
    file: &'static str,
    code: i32,
    /// Substrings of stderr; `@` stands for the file's path.
    says: &'static [&'static str],
}

const CATALOGS: &[Case] = &[
    Case { file: "catalog-malformed.yaml", code: 65, says: &["@:43:9:", "while parsing a flow sequence"] },
    Case {
        file: "catalog-wrong-type.yaml",
        code: 65,
        says: &["@:10:30:", "'alpha'", "'facts.first_release.value'", "'soon' is not a date"],
    },
    Case {
        file: "catalog-unknown-key.yaml",
        code: 65,
        says: &["@:7:5:", "unknown field `sumary`", "did you mean 'summary'?"],
    },
    Case { file: "catalog-missing-field.yaml", code: 65, says: &["@:3:5:", "'alpha'", "missing field `summary`"] },
    Case {
        file: "catalog-missing-fields.yaml",
        code: 65,
        says: &[
            "@:3:5: framework 'alpha': missing field `name`",
            "@:3:5: framework 'alpha': missing field `summary`",
            "@:3:5: framework 'alpha': missing field `concurrency`",
            "@:3:5: framework 'alpha': missing field `reviewed`",
        ],
    },
    Case {
        file: "catalog-duplicate-id.yaml",
        code: 65,
        says: &["@:48:9:", "duplicate id 'alpha'", "first defined at line 3, column 9"],
    },
    Case {
        file: "catalog-rating-range.yaml",
        code: 65,
        says: &["@:13:27:", "'scores.performance'", "rating 6", "1 to 5"],
    },
    Case { file: "catalog-rating-step.yaml", code: 65, says: &["@:13:43:", "'scores.scalability'", "half steps"] },
    Case {
        file: "catalog-unknown-use-case.yaml",
        code: 65,
        says: &["@:44:31:", "'use_cases.strong[1]'", "did you mean 'ai-ml'?"],
    },
    Case {
        file: "catalog-unknown-feature.yaml",
        code: 65,
        says: &[
            "@:27:7:",
            "unknown feature 'cachng'",
            "did you mean 'caching'?",
            "missing the support level of: caching",
        ],
    },
    Case { file: "catalog-unknown-language.yaml", code: 65, says: &["@:5:17:", "did you mean 'go'?"] },
    Case {
        file: "catalog-unknown-level.yaml",
        code: 65,
        says: &["@:21:16:", "unknown variant `bultin`", "did you mean 'builtin'?"],
    },
    Case { file: "catalog-empty.yaml", code: 65, says: &["@:", "the file is empty"] },
    Case { file: "catalog-not-utf8.yaml", code: 65, says: &["@:2:12:", "not valid UTF-8"] },
    Case { file: "catalog-deep-nesting.yaml", code: 65, says: &["@:2:45:", "nested more than 32 levels deep"] },
    Case { file: "catalog-alias-bomb.yaml", code: 65, says: &["@:9:24:", "more than 250000 YAML values"] },
    Case {
        file: "catalog-alias-text-bomb.yaml",
        code: 65,
        says: &["@:6:894:", "aliases expand the file's text to more than 8388608 bytes"],
    },
    Case {
        file: "catalog-deep-nesting-after-cr.yaml",
        code: 65,
        says: &["@:2:45:", "nested more than 32 levels deep"],
    },
    Case {
        file: "catalog-deep-nesting-after-ls.yaml",
        code: 65,
        says: &["@:2:45:", "nested more than 32 levels deep"],
    },
    Case { file: "catalog-deep-nesting-tagged.yaml", code: 65, says: &["@:2:48:", "nested more than 32 levels deep"] },
    Case {
        file: "catalog-control-escape.yaml",
        code: 65,
        says: &["@:4:11: a text value holds U+001B (ESC)", "a terminal or a page would act on it"],
    },
    Case { file: "catalog-control-bidi.yaml", code: 65, says: &["@:7:14: a text value holds U+202E"] },
    Case {
        file: "catalog-forged-error-line.yaml",
        code: 65,
        says: &["@:3:9: framework 'alpha\\nerror: forged line', field 'id'", "is not kebab-case"],
    },
    Case { file: "catalog-long-echoed-value.yaml", code: 65, says: &["@:5:17:", "unknown language 'xxxxxxxx"] },
    Case {
        file: "catalog-nested-unknown-key.yaml",
        code: 65,
        says: &["@:13:14:", "'scores'", "unknown field `perfomance`", "did you mean 'performance'?"],
    },
    Case {
        file: "catalog-one-entry-many-problems.yaml",
        code: 65,
        says: &[
            "@:6:17: framework 'alpha', field 'languages[0]': unknown language 'pyhton'",
            "@:8:5: framework 'alpha': unknown field `sumary`",
            "@:14:27: framework 'alpha', field 'scores.performance': rating 6",
            "3 problem",
        ],
    },
    Case {
        file: "catalog-many-problems.yaml",
        code: 65,
        says: &[
            "@:7:5: framework 'alpha'",
            "@:48:5: framework 'beta': missing field `summary`",
            "@:94:17: framework 'gamma', field 'languages[0]'",
            "@:102:27: framework 'gamma', field 'scores.performance'",
            "4 problem",
        ],
    },
    Case { file: "catalog-homepage-markup.yaml", code: 65, says: &["@:8:15:", "'homepage'", "is not an http(s) URL"] },
];

const ANSWERS: &[Case] = &[
    Case { file: "answers-all-zero.yaml", code: 65, says: &["@:2:1:", "every importance is 0"] },
    Case {
        file: "answers-out-of-range.yaml",
        code: 65,
        says: &["@:2:27:", "importance 9 is out of range", "0 (ignore) to 5"],
    },
    Case { file: "answers-wrong-type.yaml", code: 65, says: &["@:2:12:", "'use_cases'", "expected a sequence"] },
    Case { file: "answers-unknown-level.yaml", code: 65, says: &["@:2:11:", "did you mean 'builtin'?"] },
    Case {
        file: "answers-unknown-key.yaml",
        code: 65,
        says: &["@:2:14:", "`perfomance`", "did you mean 'performance'?"],
    },
    Case { file: "answers-unknown-use-case.yaml", code: 65, says: &["@:2:18:", "did you mean 'ai-ml'?"] },
    Case { file: "answers-malformed.yaml", code: 65, says: &["@:2:"] },
    Case { file: "answers-empty.yaml", code: 65, says: &["@:", "the answers file is empty"] },
    Case { file: "answers-control.yaml", code: 65, says: &["@:2:13: a text value holds U+001B (ESC)"] },
    Case {
        file: "answers-alias-text-bomb.yaml",
        code: 65,
        says: &["@:3:66439:", "aliases expand the file's text to more than 8388608 bytes"],
    },
    Case { file: "answers-deep-nesting.yaml", code: 65, says: &["@:2:44:", "nested more than 32 levels deep"] },
    Case {
        file: "answers-ahp-missing-pair.yaml",
        code: 65,
        says: &["@:2:1:", "missing 2 of the 10 comparisons: productivity/community, integration/community"],
    },
    Case {
        file: "answers-ahp-contradictory.yaml",
        code: 65,
        says: &["@:4:3:", "'scalability/performance' is given twice (also as 'performance/scalability')"],
    },
];

fn check(case: &Case, args: &[&str]) {
    let output = run(args);
    let stderr = &output.stderr;
    assert_eq!(output.code, case.code, "{args:?}:\n{stderr}");
    // Nothing echoed acts on a terminal, forges a line or runs on: no control character but the
    // line feeds between problems, and no line longer than a screenful or two.
    assert!(!stderr.chars().any(|c| c != '\n' && backend_advisor::escape::is_refused(c)), "{args:?}: {stderr:?}");
    assert!(stderr.lines().all(|line| line.chars().count() < 2500), "{args:?}: a line runs on");
    assert!(
        stderr.lines().all(|line| line.starts_with("error: ") || line.starts_with("  ") || line.ends_with("found"))
    );
    for said in case.says {
        let expected = said.replace('@', &bad(case.file));
        assert!(stderr.contains(&expected), "{args:?}: expected {expected:?} in:\n{stderr}");
    }
}

#[test]
fn every_bad_catalog_is_refused_with_its_position_by_validate_and_by_every_command() {
    for case in CATALOGS {
        let path = bad(case.file);
        check(case, &["catalog", "validate", &path]);
        check(case, &["--catalog", &path, "recommend", "--format", "json"]);
        check(case, &["--catalog", &path, "list"]);
    }
}

#[test]
fn every_bad_answers_file_is_refused_with_its_position() {
    for case in ANSWERS {
        let path = bad(case.file);
        check(case, &["recommend", "--answers", &path]);
        check(case, &["compare", "django", "flask", "--answers", &path]);
    }
}

#[test]
fn every_file_in_the_folder_has_a_case() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("the folder")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut cases: Vec<&str> = CATALOGS.iter().chain(ANSWERS).map(|c| c.file).collect();
    cases.sort();
    assert_eq!(files, cases);
}

#[test]
fn validate_checks_every_file_and_reports_all_their_problems() {
    let (a, b) = (bad("catalog-unknown-key.yaml"), bad("catalog-rating-step.yaml"));
    let output = run(&["catalog", "validate", &a, "tests/fixtures/small.yaml", &b]);
    let stderr = &output.stderr;
    assert_eq!(output.code, 65);
    assert!(stderr.contains(&format!("{a}:7:5:")) && stderr.contains(&format!("{b}:13:43:")), "{stderr}");
    assert!(stderr.contains("2 problem(s) found"), "{stderr}");
}

/// A temporary folder holding one file.
fn temp_file(name: &str, bytes: u64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(bytes).expect("sparse file");
    (dir, path)
}

#[test]
fn validate_goes_on_past_an_unreadable_file() {
    let (a, b) = (bad("catalog-unknown-key.yaml"), bad("catalog-rating-step.yaml"));
    let output = run(&["catalog", "validate", &a, "tests/fixtures/bad/no-such-file.yaml", &b]);
    let stderr = &output.stderr;
    assert_eq!(output.code, 66, "an unreadable file outranks invalid data: {stderr}");
    assert!(stderr.contains(&format!("{a}:7:5:")) && stderr.contains(&format!("{b}:13:43:")), "{stderr}");
    assert!(stderr.contains("no-such-file.yaml: cannot read: no such file"), "{stderr}");
    assert!(stderr.contains("3 problem(s) found"), "{stderr}");
}

#[test]
fn a_file_over_8_mib_is_refused_before_parsing_with_its_size() {
    let (_dir, path) = temp_file("huge.yaml", 8 * 1024 * 1024 + 1);
    let path = path.to_string_lossy().into_owned();
    for args in [
        vec!["catalog", "validate", path.as_str()],
        vec!["--catalog", path.as_str(), "list"],
        vec!["recommend", "--answers", path.as_str()],
    ] {
        let output = run(&args);
        let stderr = &output.stderr;
        assert_eq!(output.code, 65, "{stderr}");
        assert!(stderr.contains("8388609 bytes") && stderr.contains("8 MiB"), "{stderr}");
    }
}

#[test]
fn a_file_of_millions_of_tiny_values_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, format!("frameworks: [{}1]\n", "1,".repeat(300_000))).expect("write");
    let path = path.to_string_lossy().into_owned();
    for args in [vec!["catalog", "validate", path.as_str()], vec!["recommend", "--answers", path.as_str()]] {
        let output = run(&args);
        let stderr = &output.stderr;
        assert_eq!(output.code, 65, "{stderr}");
        assert!(stderr.contains("more than 250000 YAML values"), "{stderr}");
        assert!(stderr.lines().count() <= 2, "one problem, not one per value: {stderr}");
    }
}

#[test]
fn a_folder_or_a_missing_file_is_unreadable() {
    for path in ["tests/fixtures/bad", "tests/fixtures/bad/no-such-file.yaml"] {
        for args in [
            vec!["catalog", "validate", path],
            vec!["--catalog", path, "recommend"],
            vec!["recommend", "--answers", path],
        ] {
            let output = run(&args);
            let stderr = &output.stderr;
            assert_eq!(output.code, 66, "{args:?}: {stderr}");
            assert!(
                stderr.contains(path) && (stderr.contains("directory") || stderr.contains("no such file")),
                "{stderr}"
            );
        }
    }
}

#[test]
fn a_closed_pipe_is_a_quiet_success_for_every_subcommand_and_format() {
    let mut commands: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "json", "yaml", "csv", "markdown", "html", "adr"] {
        commands.push(vec!["recommend", "--explain", "--format", format]);
    }
    for format in ["table", "json", "yaml", "csv", "markdown", "html"] {
        commands.push(vec!["compare", "django", "fastapi", "flask", "axum", "--format", format]);
    }
    for format in ["table", "json", "yaml", "csv", "markdown"] {
        commands.push(vec!["list", "--format", format]);
        commands.push(vec!["presets", "--format", format]);
    }
    for format in ["table", "json", "yaml", "markdown"] {
        commands.push(vec!["show", "spring-boot", "--format", format]);
    }
    commands.extend([vec!["catalog", "export"], vec!["man"], vec!["completions", "bash"], vec!["--help"]]);
    for args in commands {
        let mut child = common::command(&args, &[])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    }
}

/// Whether `shell` can be started (zsh and fish are optional on a developer's machine).
fn has_shell(shell: &str) -> bool {
    std::process::Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// How each shell loads a completion script (in the current folder) and completes
/// `backend-advisor show e`, printing the candidates.
const SHELLS: &[(&str, &str, &str)] = &[
    (
        "bash",
        "completion.bash",
        "source ./completion.bash; COMP_WORDS=(backend-advisor show e); COMP_CWORD=2; \
         COMP_LINE='backend-advisor show e'; COMP_POINT=${#COMP_LINE}; \
         _backend__advisor backend-advisor e show; printf '%s\\n' \"${COMPREPLY[@]}\"",
    ),
    // zsh evaluates `_arguments` specs only while completing at a real prompt: drive an
    // interactive zsh through a pseudo-terminal (zsh/zpty), press Tab twice, print the screen.
    (
        "zsh",
        "_backend-advisor",
        "zmodload zsh/zpty; zpty -b z 'zsh -f -i'; \
         zpty -w z \"PS1='> '; fpath=($PWD \\$fpath); autoload -U compinit; compinit -u -D\"; sleep 1; \
         zpty -w -n z $'backend-advisor show e\\t'; sleep 2; zpty -w -n z $'\\t'; sleep 2; \
         all=; while zpty -r -t z chunk; do all+=$chunk; done; print -r -- $all; zpty -d z",
    ),
    ("fish", "completion.fish", "source completion.fish; complete -C 'backend-advisor show e'"),
];

#[test]
fn completion_scripts_never_run_what_a_catalog_names() {
    let catalog = "tests/fixtures/hostile/completion-names.yaml";
    for &(shell, file, complete) in SHELLS {
        // bash is always there; zsh and fish are loaded where installed (`apt-get install zsh fish`).
        if shell != "bash" && !has_shell(shell) {
            continue;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let script = common::stdout_of(&["--catalog", catalog, "completions", shell]);
        std::fs::write(dir.path().join(file), script).expect("write the script");
        let flags: &[&str] = match shell {
            "bash" => &["--norc", "--noprofile", "-c"],
            "fish" => &["--no-config", "-c"],
            _ => &["-f", "-c"],
        };
        let output = std::process::Command::new(shell)
            .args(flags)
            .arg(complete)
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .output()
            .expect("the shell runs");
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(shown.contains("evil"), "{shell} did not complete the hostile id:\n{shown}");
        let planted: Vec<String> = std::fs::read_dir(dir.path())
            .expect("the folder")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("pwned"))
            .collect();
        assert!(planted.is_empty(), "{shell} ran a command from the catalog: {planted:?}\n{shown}");
    }
    // The other generators: nothing from the name but letters, digits, blanks and `.,-_/+`.
    for shell in ["powershell", "elvish"] {
        let script = common::stdout_of(&["--catalog", catalog, "completions", shell]);
        assert!(!script.contains("$(touch") && !script.contains("\") ; touch"), "{shell}:\n{script}");
    }
}

/// The most address space a run on a hostile file may take (`ulimit -v`, in KiB): 1 GiB. Before
/// the expanded size was bounded, the alias bombs below took 4 GiB or aborted the allocator.
const ADDRESS_SPACE_KIB: u64 = 1 << 20;

/// Runs the binary under `sh` with its address space limited, and how long it took.
fn run_limited(args: &[&str]) -> (common::Run, std::time::Duration) {
    let script = format!("ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\"");
    let mut command = std::process::Command::new("sh");
    command.env_clear().arg("-c").arg(script).arg(common::BIN).args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    let start = std::time::Instant::now();
    let output = command.output().expect("sh runs");
    let run = common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    common::assert_no_panic(&run.stderr, args);
    (run, start.elapsed())
}

/// Memory and time bombs end with exit 65 and their message under a 1 GiB address-space limit,
/// within 15 s (a generous bound for a debug build on a busy machine; a release build takes
/// under a second for each, where they took 5 s to minutes and up to 4 GiB before).
#[test]
fn memory_bombs_are_refused_quickly_under_an_address_space_limit() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // An anchor on a 4 MiB scalar repeated 1,000 times: 4 GiB once expanded.
    let huge = dir.path().join("alias-4mib.yaml");
    let refs = vec!["*t"; 1000].join(", ");
    std::fs::write(
        &huge,
        format!("frameworks:\n  - id: x\n    summary: &t {}\n    pros: [{refs}]\n", "x".repeat(4 << 20)),
    )
    .expect("write");
    let huge = huge.to_string_lossy().into_owned();
    // A 1 MiB mapping key over 1,000 children: the position index once copied it per child.
    let key = dir.path().join("long-key.yaml");
    let children: String = (0..1000).map(|i| format!("      c{i}: {i}\n")).collect();
    std::fs::write(&key, format!("frameworks:\n  - ? {}\n    :\n{children}", "k".repeat(1 << 20))).expect("write");
    let key = key.to_string_lossy().into_owned();
    // 20,000 entries each with one nested unknown key: once a linear search per problem.
    let nested = dir.path().join("nested-unknown.yaml");
    let entries: String = (0..20_000).map(|i| format!("  - id: f{i}\n    scores: {{perfomance: 3}}\n")).collect();
    std::fs::write(&nested, format!("frameworks:\n{entries}")).expect("write");
    let nested = nested.to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["catalog", "validate", &key], "unknown field `kkkk"),
        (vec!["catalog", "validate", &nested], "20000 problem(s) found"),
        (vec!["catalog", "validate", &huge], "aliases expand the file's text"),
        (vec!["--catalog", &huge, "recommend", "--format", "json"], "aliases expand the file's text"),
        (vec!["recommend", "--answers", &huge], "aliases expand the file's text"),
        (vec!["catalog", "validate", "tests/fixtures/bad/catalog-alias-bomb.yaml"], "more than 250000 YAML values"),
        (vec!["catalog", "validate", "tests/fixtures/bad/catalog-alias-text-bomb.yaml"], "aliases expand"),
        (vec!["recommend", "--answers", "tests/fixtures/bad/answers-alias-text-bomb.yaml"], "aliases expand"),
    ];
    for (args, says) in cases {
        let (output, took) = run_limited(&args);
        assert_eq!(output.code, 65, "{args:?}: {}", output.stderr);
        assert!(output.stderr.contains(says), "{args:?}: {}", output.stderr);
        // A guard against a hang, not a speed goal (the benches measure speed): generous for a loaded machine.
        assert!(took < std::time::Duration::from_secs(60), "{args:?} took {took:?}");
    }
}

/// No CSV output holds a cell a spreadsheet would run: formulas from the catalog start with `'`.
#[test]
fn csv_cells_never_start_a_formula() {
    let catalog = "tests/fixtures/hostile/formula-names.yaml";
    for args in [
        vec!["--catalog", catalog, "list", "--format", "csv"],
        vec!["--catalog", catalog, "recommend", "--format", "csv", "--explain"],
        vec!["--catalog", catalog, "compare", "formula", "django", "--format", "csv"],
    ] {
        let text = common::stdout_of(&args);
        assert!(text.contains("'=HYPERLINK(") || text.contains("'@SUM(1+1)"), "{args:?}:\n{text}");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.expect("a CSV record").iter() {
                let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err();
                assert!(!risky, "{args:?}: formula cell {cell:?}");
            }
        }
    }
}

/// `--title` holding a control character, a line break or a bidirectional override is a usage
/// error that names the character without echoing it.
#[test]
fn a_title_with_control_characters_is_a_usage_error() {
    for (title, named) in
        [("Checkout\u{1b}]0;owned\u{7}", "U+001B (ESC)"), ("two\nlines", "U+000A"), ("a\u{202e}b", "U+202E")]
    {
        let out = run(&["recommend", "--format", "adr", "--title", title]);
        assert_eq!(out.code, 2, "{title:?}: {}", out.stderr);
        assert!(out.stderr.contains("--title") && out.stderr.contains(named), "{title:?}: {}", out.stderr);
        let raw = ['\u{1b}', '\u{7}', '\u{202e}'];
        assert!(!out.stderr.contains(raw) && out.stdout.is_empty(), "{title:?} echoed: {:?}", out.stderr);
    }
    assert_eq!(run(&["recommend", "--format", "adr", "--title", "Checkout service"]).code, 0);
}

/// `COLUMNS` outside the bounds of `--width` (40 to 1000) is ignored, not obeyed.
#[test]
fn columns_out_of_bounds_is_ignored() {
    let plain = common::stdout_of(&["list"]);
    for columns in ["1", "39", "1001"] {
        assert_eq!(common::stdout_of_env(&["list"], &[("COLUMNS", columns)]), plain, "COLUMNS={columns}");
    }
    assert_ne!(common::stdout_of_env(&["list"], &[("COLUMNS", "60")]), plain);
}

/// No Markdown output or decision record lets catalog text make a heading, a second front
/// matter, a link or raw HTML: every field is escaped (README "What is escaped where").
#[test]
fn markdown_and_decision_records_keep_catalog_text_literal() {
    let catalog = "tests/fixtures/hostile/markdown-names.yaml";
    let ranked = ["--language", "javascript", "--performance", "5", "--productivity", "0", "--community", "0"];
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["--catalog", catalog, "show", "markup", "--format", "markdown"],
        vec!["--catalog", catalog, "compare", "markup", "django", "--format", "markdown"],
        vec!["--catalog", catalog, "list", "--format", "markdown"],
    ];
    for format in ["markdown", "adr"] {
        let mut args = vec!["--catalog", catalog, "recommend", "--explain", "--format", format];
        args.extend(ranked);
        runs.push(args);
    }
    for args in runs {
        let text = common::stdout_of(&args);
        assert!(text.contains("Evil"), "{args:?}: the hostile entry is shown:\n{text}");
        let is_adr = args.contains(&"adr");
        assert_eq!(text.lines().filter(|l| l.trim() == "---").count(), if is_adr { 2 } else { 0 }, "{args:?}:\n{text}");
        let outcomes = text.lines().filter(|l| l.starts_with("## Decision Outcome")).count();
        assert_eq!(outcomes, usize::from(is_adr), "{args:?}:\n{text}");
        let body = if is_adr { text.splitn(3, "---\n").nth(2).unwrap_or_default() } else { &text };
        for event in pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES) {
            use pulldown_cmark::{Event, Tag};
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    assert!(dest_url.starts_with("http"), "{args:?}: link to {dest_url}")
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    assert!(html.trim() == "<br>", "{args:?}: raw HTML {html:?}")
                }
                Event::Start(Tag::Heading { .. }) | Event::Text(_) => {}
                _ => {}
            }
        }
        let headings = body.lines().filter(|l| l.starts_with('#')).filter(|l| l.contains("Heading")).count();
        assert_eq!(headings, 0, "{args:?}: a summary became a heading:\n{text}");
    }
}

/// A FIFO with no writer and a device are refused by their type before opening, at once.
#[test]
fn a_fifo_or_a_device_is_refused_without_opening_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let fifo = dir.path().join("catalog.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let fifo = fifo.display().to_string();
    for (path, what) in [(fifo.as_str(), "is a named pipe (FIFO)"), ("/dev/zero", "is a character device")] {
        for args in
            [vec!["--catalog", path, "list"], vec!["recommend", "--answers", path], vec!["catalog", "validate", path]]
        {
            let (output, took) = run_limited(&args);
            assert_eq!(output.code, 66, "{args:?}: {}", output.stderr);
            assert!(output.stderr.contains(&format!("{path}: cannot read: {what}")), "{args:?}: {}", output.stderr);
            assert!(took < std::time::Duration::from_secs(10), "{args:?} took {took:?}");
        }
    }
}

/// `CLICOLOR_FORCE=0` means "do not force": no colour in a pipe; `CLICOLOR_FORCE=1` forces it.
#[test]
fn clicolor_force_zero_does_not_force_colour() {
    let has_escape = |env: &[(&str, &str)]| common::stdout_of_env(&["list"], env).contains('\u{1b}');
    assert!(!has_escape(&[("CLICOLOR_FORCE", "0")]));
    assert!(!has_escape(&[]));
    assert!(has_escape(&[("CLICOLOR_FORCE", "1")]));
}

/// Over the file-size limit (`ulimit -f`) `--output` fails with a clear error and exit 1, not a
/// silent SIGXFSZ; nothing is left behind, neither the target nor a temporary file.
#[test]
fn a_file_size_limit_is_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("report.html");
    let script = "ulimit -f 4 && exec \"$0\" \"$@\"";
    let output = std::process::Command::new("sh")
        .env_clear()
        .arg("-c")
        .arg(script)
        .arg(common::BIN)
        .args(["recommend", "--format", "html", "--output"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("file-size limit (ulimit -f)"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("readable").count(), 0, "{stderr}");
}

/// SIGTERM or SIGINT at any moment of an `--output` write leaves no temporary file: the old
/// file or the new one, nothing else.
#[test]
fn an_interrupted_output_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("report.html");
    for (round, signal) in (0..24).zip(["TERM", "INT"].iter().cycle()) {
        let mut child = common::command(
            &["recommend", "--format", "html", "--sensitivity", "--force", "--output", &out.display().to_string()],
            &[],
        )
        .spawn()
        .expect("the binary starts");
        std::thread::sleep(std::time::Duration::from_millis(round * 2));
        let _ = std::process::Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status();
        let _ = child.wait();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("readable")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| n == "report.html"), "round {round}, SIG{signal}: {names:?}");
    }
}

/// A word of 1 MiB in a name and a summary reaches no table whole: every table output ends in
/// bounded time (an 80,000-character word once took 2 s to wrap, an 8 MiB one hours).
#[test]
fn a_huge_word_is_cut_before_any_table() {
    let fixture = std::fs::read_to_string("tests/fixtures/hostile/formula-names.yaml").expect("the fixture");
    let word = "w".repeat(1 << 20);
    let text = fixture
        .replace("id: formula", "id: wordy")
        .replace("name: '=HYPERLINK(\"https://evil.example\",\"click\")'", &format!("name: N{word}"))
        .replace("summary: Test framework Alpha.", &format!("summary: S{word}"));
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("wordy.yaml");
    std::fs::write(&path, text).expect("written");
    let catalog = path.display().to_string();
    for args in [
        vec!["--catalog", &catalog, "list"],
        vec!["--catalog", &catalog, "recommend", "--language", "javascript", "--explain"],
        vec!["--catalog", &catalog, "show", "wordy"],
        vec!["--catalog", &catalog, "compare", "wordy", "django"],
    ] {
        let (output, took) = run_limited(&args);
        assert_eq!(output.code, 0, "{args:?}: {}", output.stderr);
        // `list` leaves the name out to fit; `show` prints name and summary as paragraphs, whole
        // (a word is never split there); the tables of the others show it cut.
        if !args.contains(&"list") && !args.contains(&"show") {
            assert!(output.stdout.contains("w…"), "{args:?}: the word is cut");
            assert!(output.stdout.len() < 1 << 20, "{args:?}: the whole word got through");
        }
        assert!(took < std::time::Duration::from_secs(20), "{args:?} took {took:?}");
    }
}

/// `--output` opens its path as a shell redirect would: without `--force` a link to nothing
/// creates nothing; a link planted by another user in a sticky world-writable folder is not
/// followed, even with `--force` (the kernel's protected-symlinks rule).
#[cfg(unix)]
#[test]
fn output_does_not_follow_planted_or_dangling_links() {
    use std::os::unix::fs::{PermissionsExt, lchown, symlink};
    let dir = tempfile::tempdir().expect("a temp dir");
    let target = dir.path().join("victim.txt");
    let dangling = dir.path().join("dangling.md");
    symlink(&target, &dangling).expect("a link");
    let output = run(&["list", "--output", &dangling.display().to_string()]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(output.stderr.contains("already exists; add --force"), "{}", output.stderr);
    assert!(!target.exists(), "a file was created through a dangling link");

    // Planting a link owned by someone else takes root.
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    if !root {
        return;
    }
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("a folder");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).expect("sticky");
    std::fs::write(&target, "kept\n").expect("the victim");
    let planted = shared.join("report.txt");
    symlink(&target, &planted).expect("a link");
    lchown(&planted, Some(65534), Some(65534)).expect("owned by nobody");
    let output = run(&["list", "--force", "--output", &planted.display().to_string()]);
    assert_eq!(output.code, 1, "{}", output.stderr);
    assert!(output.stderr.contains("owned by another user in the shared folder"), "{}", output.stderr);
    assert_eq!(std::fs::read_to_string(&target).expect("readable"), "kept\n");
}

/// A data folder holding a facts overlay (`backend-advisor/facts.yaml`), for the overlay cases.
struct DataHome {
    dir: tempfile::TempDir,
}

impl DataHome {
    fn new() -> DataHome {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir_all(dir.path().join("backend-advisor")).expect("the data folder");
        DataHome { dir }
    }
    fn overlay(&self) -> PathBuf {
        self.dir.path().join("backend-advisor").join("facts.yaml")
    }
    /// Runs the binary with this data folder, under the address-space limit, and how long it took.
    fn run(&self, args: &[&str]) -> (common::Run, std::time::Duration) {
        let data = self.dir.path().display().to_string();
        let script = format!("ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\"");
        let mut command = std::process::Command::new("sh");
        command.env_clear().env("XDG_DATA_HOME", &data).env("SOURCE_DATE_EPOCH", "1796256000");
        command.arg("-c").arg(script).arg(common::BIN).args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
        command.stdin(std::process::Stdio::null());
        let start = std::time::Instant::now();
        let output = command.output().expect("sh runs");
        let run = common::Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        common::assert_no_panic(&run.stderr, args);
        (run, start.elapsed())
    }
}

/// Every way the facts overlay can be broken: each is named in one warning (the file and
/// `--offline`), the built-in facts apply, every command goes on with exit 0 and the output it
/// gives with `--offline`, within 10 s and 1 GiB, and nothing of the file reaches stdout or stderr.
#[test]
fn a_broken_overlay_is_named_once_and_never_stops_a_command() {
    let secret = tempfile::NamedTempFile::new().expect("a file");
    std::fs::write(secret.path(), "root:SECRET-FIRST-LINE:0:0\n").expect("written");
    let laughs = (1..9).fold("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n".to_string(), |text, level| {
        let refs = vec![format!("*l{}", level - 1); 10].join(", ");
        format!("{text}l{level}: &l{level} [{refs}]\n")
    });
    let patch = |summary: &str| {
        format!("schema: 2\nrefreshed: '2026-12-01'\npatches:\n- id: django\n  summary: \"{summary}\"\n")
    };
    type Plant<'a> = Box<dyn Fn(&Path) + 'a>;
    let write = |bytes: Vec<u8>| -> Plant<'static> {
        Box::new(move |path: &Path| std::fs::write(path, &bytes).expect("written"))
    };
    let cases: Vec<(&str, Plant<'_>, &str)> = vec![
        ("garbage", write(b"schema: [2,\nSECRET: {SECRET\n".to_vec()), "facts.yaml:1:9: field 'schema'"),
        ("empty", write(Vec::new()), "the file is empty"),
        ("not UTF-8", write(b"a: \xff\xfe\n".to_vec()), "not valid UTF-8"),
        ("a folder", Box::new(|p: &Path| std::fs::create_dir(p).expect("folder")), "is a directory"),
        (
            "a FIFO",
            Box::new(|p: &Path| {
                assert!(std::process::Command::new("mkfifo").arg(p).status().expect("mkfifo").success());
            }),
            "is a named pipe (FIFO)",
        ),
        (
            "a link to another file",
            Box::new(|p: &Path| std::os::unix::fs::symlink(secret.path(), p).expect("link")),
            "is a symbolic link",
        ),
        ("ESC and OSC", write(patch("\\e]8;;https://x\\a\\e[31mred").into_bytes()), "U+001B (ESC)"),
        ("U+202E", write(patch("\\u202egnp.exe").into_bytes()), "bidirectional override"),
        ("40,000 brackets", write(format!("a: {}{}\n", "[".repeat(40_000), "]".repeat(40_000)).into_bytes()), "nested"),
        ("an alias bomb", write(laughs.into_bytes()), "YAML values"),
        ("2 MiB", write(format!("# {}\n", "x".repeat(2 << 20)).into_bytes()), "over the limit of 1048576 bytes"),
    ];
    let home = DataHome::new();
    let commands: [&[&str]; 4] = [
        &["show", "django"],
        &["list"],
        &["recommend", "--use-case", "api", "--format", "json"],
        &["catalog", "export"],
    ];
    let offline: Vec<String> = commands
        .iter()
        .map(|args| {
            let with: Vec<&str> = std::iter::once("--offline").chain(args.iter().copied()).collect();
            home.run(&with).0.stdout
        })
        .collect();
    let shown = home.overlay().display().to_string();
    for (name, plant, says) in &cases {
        plant(&home.overlay());
        for (args, expected) in commands.iter().zip(&offline) {
            let (run, took) = home.run(args);
            assert_eq!(run.code, 0, "{name}: {args:?}: {}", run.stderr);
            assert_eq!(&run.stdout, expected, "{name}: {args:?}: the built-in facts apply");
            assert!(took < std::time::Duration::from_secs(10), "{name}: {args:?} took {took:?}");
            let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning:")).collect();
            let about: Vec<&&str> = warnings.iter().filter(|l| l.contains("refreshed facts")).collect();
            // `catalog export` prints the built-in catalog and never reads the overlay.
            if args[0] == "catalog" {
                assert!(about.is_empty(), "{name}: {}", run.stderr);
                continue;
            }
            assert_eq!(about.len(), 1, "{name}: {args:?}: one warning:\n{}", run.stderr);
            let warning = about[0];
            assert!(warning.contains(&shown) && warning.contains("--offline"), "{name}: {warning}");
            assert!(warning.contains(says), "{name}: {warning}");
            assert!(!warning.contains("unknown date"), "{name}: {warning}");
            for output in [&run.stdout, &run.stderr] {
                assert!(!output.contains('\u{1b}') && !output.contains('\u{202e}'), "{name}: raw escape: {output}");
                assert!(!output.contains("SECRET"), "{name}: the file's text was echoed: {output}");
            }
        }
        let path = home.overlay();
        if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir(&path).expect("removed");
        } else {
            std::fs::remove_file(&path).expect("removed");
        }
    }
}

/// django-override.yaml with `rationale` and `sources` replaced, in a temporary file.
fn catalog_with(rationale: &str, sources: &str) -> (tempfile::TempDir, String) {
    let base = std::fs::read_to_string(bad("../django-override.yaml")).expect("the fixture");
    let mut text = base.replace("Fixture rating [TEST].", rationale);
    text.truncate(text.find("sources:").expect("sources"));
    text.push_str(sources);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("catalog.yaml");
    std::fs::write(&path, text).expect("written");
    (dir, path.display().to_string())
}

/// A source id must be an identifier (what `[ID]` can cite): one holding a quote and an
/// attribute is refused where it is written, before any page is made.
#[test]
fn a_source_id_that_is_not_an_identifier_is_refused() {
    let source = |id: &str| {
        format!(
            "sources:\n  - {{id: TEST, title: T, publisher: P, url: \"https://example.org/t\", date: \"2026\", date_kind: read, measures: m}}\n  - {{id: '{id}', title: T, publisher: P, url: \"https://example.org/t\", date: \"2026\", date_kind: read, measures: m}}\n"
        )
    };
    for id in ["TEST\" onmouseover=\"alert(1)", "x y", "lower", &"A".repeat(65)] {
        let (_dir, catalog) = catalog_with("Fixture rating [TEST].", &source(id));
        let run = run(&["--catalog", &catalog, "recommend", "--format", "html"]);
        assert_eq!(run.code, 65, "{id}: {}", run.stderr);
        assert!(run.stderr.contains("sources[1].id") && run.stderr.contains("not an identifier"), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

/// Citations in a page are links written once over the escaped text: brackets around, inside and
/// after them stay text, and every link the rationale makes is `<a href="#…">[ID]</a>` alone.
#[test]
fn citation_links_carry_one_attribute_and_nothing_nested() {
    let sources = "sources:\n  - {id: TEST, title: T, publisher: P, url: \"https://example.org/t\", date: \"2026\", date_kind: read, measures: m}\n  - {id: TEST_TWO, title: T2, publisher: P, url: \"https://example.org/t2\", date: \"2026\", date_kind: read, measures: m}\n";
    let (_dir, catalog) =
        catalog_with("'[TEST] [[TEST_TWO]] [TEST\"] \"><img src=x onerror=alert(1)> [TEST_TWO'", sources);
    let run = run(&["--catalog", &catalog, "recommend", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = &run.stdout;
    assert!(!page.contains("<img"), "markup in a rationale reached the page");
    let mut citations = 0;
    for (at, _) in page.match_indices("<a ") {
        let tag = &page[at..at + page[at..].find('>').expect("the tag ends") + 1];
        assert!(tag.starts_with("<a href=\""), "{tag}");
        assert_eq!(tag.matches('"').count(), 2, "one attribute: {tag}");
        let rest = &page[at + tag.len()..];
        let inner = &rest[..rest.find("</a>").expect("the link ends")];
        assert!(!inner.contains('<'), "nothing nested: {inner}");
        if tag.starts_with("<a href=\"#src-django-") {
            assert!(inner == "[TEST]" || inner == "[TEST_TWO]", "{inner}");
            citations += 1;
        }
    }
    // Five factors, each citing [TEST] and [[TEST_TWO]] once.
    assert_eq!(citations, 10, "{page}");
}
