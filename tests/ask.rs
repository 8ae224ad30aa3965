//! The questionnaire and the terminal conventions, tested on the real binary. Interactive runs
//! happen in a pseudo-terminal (rexpect) sized 100x50, with keys sent as a person types them:
//! arrows, space, Enter, Esc, Ctrl-C. Each key is sent only once the prompt it answers is drawn,
//! so no test sleeps. Also: the no-terminal paths, completions, the man page, colour, --version.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::wait::WaitStatus;
use rexpect::session::PtySession;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_backend-advisor");

/// Per-expect timeout: generous, since a loaded machine may be slow to start the binary.
const TIMEOUT_MS: u64 = 20_000;

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const ESC: &str = "\x1b";

/// The hermetic environment of every run: only `PATH`, plus what a test adds.
fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BIN);
    command.env_clear().args(args);
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command.envs(env.iter().copied());
    command
}

/// The exit code, stdout and stderr of a run without a terminal (stdin from /dev/null).
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let output = command(args, env).stdin(Stdio::null()).output().expect("the binary runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    (output.status.code().unwrap_or(-1), String::from_utf8(output.stdout).expect("UTF-8"), stderr)
}

/// The stdout of a run that must succeed.
fn stdout_of(args: &[&str], env: &[(&str, &str)]) -> String {
    let (code, stdout, stderr) = run(args, env);
    assert_eq!(code, 0, "{args:?}:\n{stderr}");
    stdout
}

/// The explained table `recommend` prints for `args`, at the width the pty runs use, as the
/// pty session reads it: each newline as CR LF, each byte as one character.
fn recommend_explained(args: &[&str]) -> String {
    let mut full = vec!["recommend", "--explain"];
    full.extend_from_slice(args);
    stdout_of(&full, &[("COLUMNS", "100")]).replace('\n', "\r\n").bytes().map(char::from).collect()
}

/// `text` with every character a regular expression treats specially escaped.
fn regex_escape(text: &str) -> String {
    text.chars().fold(String::new(), |mut out, c| {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// An interactive run in a pseudo-terminal of 100 columns and 50 rows, in `dir`.
struct Pty {
    session: PtySession,
    /// Everything read so far, escape codes included.
    seen: String,
}

impl Pty {
    fn spawn(args: &[&str], env: &[(&str, &str)], dir: &Path) -> Pty {
        // A new pty has no size; stty gives it one before the binary replaces the shell.
        let mut command = Command::new("sh");
        command.env_clear().current_dir(dir);
        command.arg("-c").arg("stty cols 100 rows 50 && exec \"$0\" \"$@\"").arg(BIN).args(args);
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command.env("TERM", "xterm-256color").env("COLUMNS", "100");
        command.envs(env.iter().copied());
        let session = rexpect::session::spawn_command(command, Some(TIMEOUT_MS)).expect("spawn in a pty");
        Pty { session, seen: String::new() }
    }

    /// Wait until `needle` is shown; returns what came before it. The questionnaire wraps its
    /// questions and help between words to the width, so a space of `needle` also matches a
    /// line break.
    fn expect(&mut self, needle: &str) -> String {
        let words: Vec<String> = needle.split(' ').map(regex_escape).collect();
        match self.session.exp_regex(&words.join(r"(?: |\r?\n *)")) {
            Ok((before, found)) => {
                self.seen.push_str(&before);
                self.seen.push_str(&found);
                before
            }
            Err(error) => panic!("waiting for {needle:?}: {error}\nseen so far:\n{}", self.seen),
        }
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys");
        self.session.flush().expect("flush keys");
    }

    /// Answer the prompt showing `prompt` with `keys`.
    fn answer(&mut self, prompt: &str, keys: &str) {
        self.expect(prompt);
        self.send(keys);
    }

    fn ctrl_c(&mut self) {
        self.session.send_control('c').expect("send Ctrl-C");
    }

    /// Wait for the end of the output and the exit code.
    fn exit_code(&mut self) -> i32 {
        match self.session.exp_eof() {
            Ok(rest) => self.seen.push_str(&rest),
            Err(error) => panic!("waiting for the end: {error}\nseen so far:\n{}", self.seen),
        }
        assert!(!self.seen.contains("panicked"), "panicked:\n{}", self.seen);
        match self.session.process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!("did not exit normally: {other:?}\n{}", self.seen),
        }
    }
}

const START: &str = "Start from a preset, or from scratch?";
const WEIGHING: &str = "How should the five factors be weighed?";
const PERFORMANCE: &str = "How much does raw request throughput and latency matter for this project?";
const SCALABILITY: &str = "How much will the load grow";
const PRODUCTIVITY: &str = "How important is shipping features quickly";
const INTEGRATION: &str = "How much must the framework fit with other tools";
const COMMUNITY: &str = "How much do a large community";
const LANGUAGES: &str = "Which languages does the team already know?";
const ONLY: &str = "Consider only frameworks in Python?";
const FAMILIARITY: &str = "How much should the team already knowing the language count?";
const USE_CASES: &str = "What is the project?";
const FEATURES: &str = "Which features must the framework's own project provide?";
const SUMMARY: &str = "Rank with these answers, or change one?";
const MENU: &str = "What next?";

/// The menu's options by id, with the words of their labels; which are shown depends on the run.
const MENU_ITEMS: [(&str, &str); 8] = [
    ("compare", "Compare the top"),
    ("show", "Show one framework"),
    ("excluded", " excluded"),
    ("save", "Save the answers"),
    ("export", "Export the result"),
    ("change", "Change an answer"),
    ("restart", "Start over"),
    ("quit", "Quit"),
];

impl Pty {
    /// Choose `item` in the menu whose question was just seen: read the options as drawn (up to
    /// the last, "Quit"), find the item by its label and press the arrow that many times.
    fn choose(&mut self, item: &str) {
        let label = MENU_ITEMS.iter().find(|(id, _)| *id == item).expect("a menu item").1;
        let drawn = self.expect("Quit");
        let options: Vec<&str> = drawn.split('\n').skip(1).collect();
        let steps = match item {
            "quit" => options.len() - 1,
            _ => options.iter().position(|line| line.contains(label)).unwrap_or_else(|| panic!("{item} in {drawn:?}")),
        };
        self.send(&format!("{}{ENTER}", DOWN.repeat(steps)));
    }
}

#[test]
fn a_whole_questionnaire_with_arrows_space_and_enter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["ask"], &[("NO_COLOR", "1")], dir.path());
    // Presets in order: scratch, startup-mvp, enterprise, real-time, ai-api, …
    pty.answer(START, &format!("{}{ENTER}", DOWN.repeat(4)));
    pty.answer(WEIGHING, ENTER); // rate each factor
    pty.answer(PERFORMANCE, &format!("{}{ENTER}", DOWN.repeat(4))); // ai-api's 1, then 5
    pty.answer(SCALABILITY, ENTER);
    pty.answer(PRODUCTIVITY, ENTER);
    pty.answer(INTEGRATION, ENTER);
    pty.answer(COMMUNITY, ENTER);
    pty.answer(LANGUAGES, &format!("{SPACE}{ENTER}")); // Python is first
    pty.answer(FAMILIARITY, &format!("{UP}{UP}{ENTER}")); // from the default 5 to 3
    pty.answer(ONLY, &format!("y{ENTER}"));
    pty.answer(USE_CASES, ENTER); // ai-api's api and ai-ml stay ticked
    pty.answer(FEATURES, &format!("{DOWN}{SPACE}{ENTER}")); // orm is second
    let before = pty.expect(SUMMARY);
    let summary = before.rsplit("Your answers").next().expect("the summary is shown");
    let squeezed: Vec<String> =
        summary.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    for line in [
        "Starting point preset ai-api",
        "Performance 5 critical",
        "Scalability 1 minor",
        "Productivity 3 medium",
        "Languages known Python",
        "Only those languages yes: Python",
        "Use cases api, ai-ml",
        "Must be provided orm",
        "Use-case fit 5 critical",
        "Team familiarity 3 medium",
    ] {
        assert!(squeezed.iter().any(|l| l == line), "{line:?} not in the summary:\n{summary}");
    }
    pty.send(ENTER);
    let shown = pty.expect(MENU);
    let expected = recommend_explained(&[
        "--preset",
        "ai-api",
        "--performance",
        "5",
        "--team-knows",
        "python",
        "--team-familiarity",
        "3",
        "--language",
        "python",
        "--require",
        "orm",
    ]);
    // The long list of exclusions is one line after the ranking; the menu lists them.
    let (ranking, list) = expected.split_once("Excluded by filters (").expect("exclusions");
    assert!(shown.contains(ranking), "the ranking differs from recommend --explain:\n{shown}\nexpected:\n{ranking}");
    let count = list.split_once(')').expect("a count").0;
    let note = format!("{count} frameworks excluded by your answers: \"See the {count} excluded\" below lists them.");
    assert!(shown.contains(&note) && !shown.contains("Excluded by"), "{shown}");
    let first = list.split("  - ").nth(1).and_then(|l| l.split(" (").next()).expect("an excluded framework");
    pty.choose("excluded");
    pty.expect(&format!("Excluded by your answers ({count}):"));
    pty.expect(&format!("  - {first} ("));
    pty.expect(MENU);
    pty.choose("quit");
    assert_eq!(pty.exit_code(), 0);
    // One width rule for everything drawn: questions, help lines, menus, the ranking and the
    // notes all fit the 100 columns, so the terminal never breaks a word.
    for line in pty.seen.split(['\r', '\n']) {
        let plain = strip_escapes(line);
        assert!(plain.chars().count() <= 100, "a line wider than the terminal: {plain:?}");
    }
}

/// `line` as the terminal shows it: its bytes (the session reads each byte as one character)
/// decoded as UTF-8, without the escape sequences (`ESC [ … letter`).
fn strip_escapes(line: &str) -> String {
    let bytes: Vec<u8> = line.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    let line = String::from_utf8_lossy(&bytes);
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for next in chars.by_ref() {
                    if next.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn enter_through_the_defaults_without_a_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&[], &[("NO_COLOR", "1")], dir.path());
    for prompt in [
        START,
        WEIGHING,
        PERFORMANCE,
        SCALABILITY,
        PRODUCTIVITY,
        INTEGRATION,
        COMMUNITY,
        LANGUAGES,
        USE_CASES,
        FEATURES,
    ] {
        pty.answer(prompt, ENTER);
    }
    pty.answer(SUMMARY, ENTER);
    let shown = pty.expect(MENU);
    assert!(shown.contains(&recommend_explained(&[])), "{shown}");
    pty.choose("quit");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn esc_goes_back_and_ctrl_c_at_a_prompt_exits_130_with_the_cursor_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["ask"], &[("NO_COLOR", "1")], dir.path());
    pty.answer(START, ENTER);
    pty.answer(WEIGHING, ENTER);
    pty.answer(PERFORMANCE, ESC);
    pty.expect(WEIGHING); // asked again
    pty.send(ENTER);
    pty.answer(PERFORMANCE, &format!("{DOWN}{ENTER}"));
    pty.answer(SCALABILITY, ESC);
    pty.expect(PERFORMANCE); // asked again
    pty.ctrl_c();
    assert_eq!(pty.exit_code(), 130);
    assert!(!pty.seen.contains("<canceled>"), "Esc leaves no <canceled> line");
    // Ctrl-C erases the prompt and its key hints: clear to the end of the screen comes last.
    let cleared = pty.seen.rfind("\r\x1b[J").expect("the prompt is erased after Ctrl-C");
    assert!(!pty.seen[cleared..].contains("Esc back"), "the key hints stay on screen");
    // The prompts hide the cursor while drawing; it must be shown again after the last time.
    let last_hide = pty.seen.rfind("\x1b[?25l").expect("the prompts hide the cursor while drawing");
    assert!(pty.seen[last_hide..].contains("\x1b[?25h"), "the cursor is left hidden");
}

#[test]
fn a_digit_then_backspace_keeps_the_previous_importance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["ask"], &[("NO_COLOR", "1")], dir.path());
    pty.answer(START, ENTER);
    pty.answer(WEIGHING, ENTER);
    // Down once from the default (medium) to high, then "4" and Backspace: still high.
    pty.answer(PERFORMANCE, DOWN);
    pty.send("4\x7f");
    pty.send(ENTER);
    pty.expect(SCALABILITY);
    pty.ctrl_c();
    assert_eq!(pty.exit_code(), 130);
    // The question is wrapped at the width, and the answer is written after its last word.
    let last_word = PERFORMANCE.rsplit(' ').next().unwrap_or(PERFORMANCE);
    let answered = pty.seen.rfind(&format!("{last_word} ")).expect("the answered question");
    let next = pty.seen[answered..].find(SCALABILITY).map_or(pty.seen.len(), |i| answered + i);
    let line = &pty.seen[answered..next];
    assert!(line.contains("4 high"), "the answer kept: {line:?}");
    assert!(!line.contains("0 ignore"), "the cursor went to the top: {line:?}");
}

#[test]
fn ctrl_c_at_the_menu_and_while_saving_exits_130_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("given.yaml");
    std::fs::write(&answers, "importance: {performance: 4}\nuse_cases: [api]\nteam_knows: []\nrequire: []\n")
        .expect("write answers");
    let answers = answers.display().to_string();

    // Everything but the importances is given: only they are asked.
    let mut pty = Pty::spawn(&["ask", "--answers", &answers], &[("NO_COLOR", "1")], dir.path());
    for prompt in [WEIGHING, SCALABILITY, PRODUCTIVITY, INTEGRATION, COMMUNITY] {
        pty.answer(prompt, ENTER);
    }
    pty.answer(SUMMARY, ENTER);
    pty.expect(MENU);
    pty.ctrl_c();
    assert_eq!(pty.exit_code(), 130);

    let mut pty = Pty::spawn(&["ask", "--answers", &answers], &[("NO_COLOR", "1")], dir.path());
    for prompt in [WEIGHING, SCALABILITY, PRODUCTIVITY, INTEGRATION, COMMUNITY] {
        pty.answer(prompt, ENTER);
    }
    pty.answer(SUMMARY, ENTER);
    pty.expect(MENU);
    pty.choose("save");
    pty.answer("Save the answers to:", "partial.yaml");
    pty.expect("partial.yaml");
    pty.ctrl_c();
    assert_eq!(pty.exit_code(), 130);
    let files: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["given.yaml"], "nothing else was written");
}

#[test]
fn saved_answers_are_read_back_by_recommend_to_the_same_ranking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = ["ask", "--preset", "real-time", "--team-knows", "typescript", "--performance", "5"];
    let mut pty = Pty::spawn(&args, &[("NO_COLOR", "1")], dir.path());
    for prompt in [WEIGHING, SCALABILITY, PRODUCTIVITY, INTEGRATION, COMMUNITY] {
        pty.answer(prompt, ENTER);
    }
    pty.answer(FAMILIARITY, ENTER);
    // JavaScript counts as TypeScript, as for team familiarity: only-those keeps both.
    pty.answer("Consider only frameworks in TypeScript, JavaScript?", &format!("y{ENTER}"));
    pty.answer(USE_CASES, ENTER);
    pty.answer(FEATURES, ENTER);
    pty.answer(SUMMARY, ENTER);
    pty.expect(MENU);
    pty.choose("save");
    pty.answer("Save the answers to:", &format!("mine.yaml{ENTER}"));
    pty.expect("Saved mine.yaml.");
    // Saving again asks before replacing; "no" asks for another name, Esc goes back to the menu.
    pty.expect(MENU);
    pty.choose("save");
    pty.answer("Save the answers to:", &format!("mine.yaml{ENTER}"));
    pty.answer("mine.yaml exists. Replace it?", &format!("n{ENTER}"));
    pty.answer("Save the answers to:", ESC);
    pty.expect(MENU);
    // A decision record asks what the project is, who decides and who is kept informed.
    pty.choose("export");
    pty.answer("Export in which format?", &format!("{}{ENTER}", DOWN.repeat(6)));
    pty.answer("Export to:", &format!("0001-chat.md{ENTER}"));
    pty.answer("What is the project called?", &format!("Team chat{ENTER}"));
    pty.answer("Describe the project in a sentence", ENTER);
    pty.answer("Your name, for a record's decision-makers", &format!("Dana Reyes{ENTER}"));
    pty.answer("Your role", &format!("tech lead{ENTER}"));
    pty.answer("Who should be kept informed?", &format!("Platform team, CTO{ENTER}"));
    pty.expect("Wrote 0001-chat.md");
    pty.expect(MENU);
    // The next export offers the title as text to keep or take back: deleting it leaves none.
    pty.choose("export");
    pty.answer("Export in which format?", &format!("{}{ENTER}", DOWN.repeat(5)));
    pty.answer("Export to:", &format!("chat.html{ENTER}"));
    pty.answer("What is the project called?", &format!("{}{ENTER}", "\x7f".repeat("Team chat".len())));
    pty.answer("Describe the project in a sentence", ENTER);
    pty.expect("Wrote chat.html");
    pty.expect(MENU);
    pty.choose("quit");
    assert_eq!(pty.exit_code(), 0);
    let page = std::fs::read_to_string(dir.path().join("chat.html")).expect("the page");
    assert!(!page.contains("Team chat"), "the title was taken back");
    std::fs::remove_file(dir.path().join("chat.html")).expect("remove");
    std::fs::remove_file(dir.path().join("chat.answers.yaml")).expect("remove");
    let record = std::fs::read_to_string(dir.path().join("0001-chat.md")).expect("the record");
    assert!(
        record.contains("decision-makers: [\"Dana Reyes (tech lead)\"]\ninformed: [\"Platform team\", \"CTO\"]\n"),
        "{record}"
    );
    assert!(record.contains(" as the backend framework of Team chat\n"), "{record}");
    // The command the record prints gives the same record again through `recommend`.
    let again = "backend-advisor recommend --answers 0001-chat.answers.yaml --explain --format adr --output 0001-chat.md --force";
    assert!(record.contains(again), "{record}");
    let words: Vec<&str> = again.split(' ').skip(1).collect();
    let status = command(&words, &[]).current_dir(dir.path()).stdin(Stdio::null()).status().expect("the binary runs");
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(dir.path().join("0001-chat.md")).expect("written"), record);
    std::fs::remove_file(dir.path().join("0001-chat.md")).expect("remove");
    std::fs::remove_file(dir.path().join("0001-chat.answers.yaml")).expect("remove");

    let saved = dir.path().join("mine.yaml").display().to_string();
    let from_file: Value =
        serde_json::from_str(&stdout_of(&["recommend", "--answers", &saved, "--format", "json"], &[])).expect("JSON");
    let from_flags: Value = serde_json::from_str(&stdout_of(
        &[
            "recommend",
            "--preset",
            "real-time",
            "--team-knows",
            "typescript",
            "--performance",
            "5",
            "--language",
            "typescript",
            "--language",
            "javascript",
            "--format",
            "json",
        ],
        &[],
    ))
    .expect("JSON");
    assert_eq!(from_file["ranking"], from_flags["ranking"]);
    assert_eq!(from_file, from_flags);
    let ranked: Vec<&str> =
        from_file["ranking"].as_array().expect("a list").iter().filter_map(|r| r["id"].as_str()).collect();
    // Every JavaScript or TypeScript framework of the catalog (ten since the catalog holds 44).
    assert_eq!(ranked.len(), 10, "{ranked:?}");
    for id in ["nestjs", "hono", "express", "fastify", "nodejs", "nextjs", "adonisjs", "elysia", "koa", "hapi"] {
        assert!(ranked.contains(&id), "{id} is not ranked: {ranked:?}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(leftovers.len(), 1, "only mine.yaml, no temporary file");
}

/// Runs with stdin `stdin` and fails if the binary is still running after a few seconds: these
/// paths must not wait for input.
fn exits_at_once(args: &[&str], stdin: Stdio) -> (i32, String) {
    let mut child = command(args, &[]).stdin(stdin).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("runs");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let output = child.wait_with_output().expect("output");
            return (status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} waited for input");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn without_a_terminal_it_does_not_prompt() {
    let (code, stderr) = exits_at_once(&[], Stdio::null());
    assert_eq!(code, 2);
    assert!(stderr.contains("Usage: backend-advisor [OPTIONS] [COMMAND]"), "{stderr}");
    let (code, stderr) = exits_at_once(&["ask"], Stdio::null());
    assert_eq!(code, 2);
    assert!(stderr.contains("needs a terminal") && stderr.contains("backend-advisor recommend --preset"), "{stderr}");
    let (code, _) = exits_at_once(&["ask", "--no-input"], Stdio::null());
    assert_eq!(code, 2);
}

#[test]
fn no_input_refuses_to_prompt_even_on_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["--no-input", "ask"], &[], dir.path());
    pty.expect("needs a terminal");
    assert_eq!(pty.exit_code(), 2);
    let mut pty = Pty::spawn(&["--no-input"], &[], dir.path());
    pty.expect("Usage:");
    assert_eq!(pty.exit_code(), 2);
}

#[test]
fn given_values_are_checked_by_the_same_rules_before_any_question() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["ask", "--use-case", "ai-mll"], &[], dir.path());
    pty.expect("--use-case: unknown use case 'ai-mll' (did you mean 'ai-ml'?");
    assert_eq!(pty.exit_code(), 2);
    let mut pty = Pty::spawn(&["ask", "--preset", "startup"], &[], dir.path());
    pty.expect("unknown preset 'startup'");
    assert_eq!(pty.exit_code(), 2);
    std::fs::write(dir.path().join("bad.yaml"), "importance: {performance: 9}\n").expect("write");
    let mut pty = Pty::spawn(&["ask", "--answers", "bad.yaml"], &[], dir.path());
    pty.expect("bad.yaml:1:27: field 'importance.performance': importance 9 is out of range");
    assert_eq!(pty.exit_code(), 65);
    let mut pty = Pty::spawn(&["ask", "--answers", "missing.yaml"], &[], dir.path());
    pty.expect("missing.yaml");
    assert_eq!(pty.exit_code(), 66);
}

#[test]
fn bash_loads_the_completions_and_completes_catalog_values() {
    let bin_dir = Path::new(BIN).parent().expect("the binary's folder").display().to_string();
    let script = r#"
        set -e
        source <(backend-advisor completions bash)
        complete -p backend-advisor
        complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
            _backend__advisor backend-advisor "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            echo "${COMPREPLY[*]}"; }
        complete_words backend-advisor show fa
        complete_words backend-advisor recommend --use-case ai
        complete_words backend-advisor ask --preset ent
        complete_words backend-advisor list --require op
        complete_words backend-advisor recommend --team-knows ty
        complete_words backend-advisor comp
        complete_words backend-advisor compare django fla
    "#;
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("PATH", format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default()))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "complete -o bashdefault -o default -o nosort -F _backend__advisor backend-advisor",
            "fastapi fastify",
            "ai-ml",
            "enterprise",
            "openapi",
            "typescript",
            "compare completions",
            "flask",
        ]
    );
}

#[test]
fn every_shell_gets_a_script_and_a_closed_pipe_is_success() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell], &[]);
        assert!(script.contains("backend-advisor") && script.contains("--use-case"), "{shell}:\n{script}");
        // The other generators complete subcommands and flags only (see the README).
        if ["bash", "zsh", "fish"].contains(&shell) {
            for value in ["spring-boot", "startup-mvp", "ai-ml", "api_versioning", "csharp"] {
                assert!(script.contains(value), "{shell} does not complete {value}");
            }
        }
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let output =
            command(&["completions", shell], &[]).stdout(writer).stderr(Stdio::piped()).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{shell} into a closed pipe:\n{stderr}");
        assert!(stderr.is_empty(), "{shell} into a closed pipe is not quiet:\n{stderr}");
    }
}

#[test]
fn the_man_page_covers_every_subcommand() {
    let page = stdout_of(&["man"], &[]);
    assert!(page.contains(".TH backend-advisor 1"), "{page}");
    for sub in [
        "recommend",
        "list",
        "show",
        "presets",
        "catalog",
        "catalog export",
        "catalog validate",
        "ask",
        "completions",
        "man",
    ] {
        let heading = format!(".SS \"backend\\-advisor {}\"", sub.replace('-', "\\-"));
        assert!(page.contains(&heading), "no section {heading}");
    }
    for option in ["\\-\\-use\\-case", "\\-\\-color", "\\-\\-no\\-input", "\\-\\-answers"] {
        assert!(page.contains(option), "{option} is not documented");
    }
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES"] {
        assert!(page.contains(section), "no {section}");
    }
    for variable in ["COLUMNS", "NO_COLOR", "CLICOLOR_FORCE", "SOURCE_DATE_EPOCH"] {
        assert!(page.contains(variable), "{variable} is not documented");
    }
    assert!(page.is_ascii(), "non-ASCII characters need groff escapes");
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let esc = '\u{1b}';
    let args = ["list", "--language", "go"];
    let coloured = |extra: &[&str], env: &[(&str, &str)]| {
        let mut all: Vec<&str> = extra.to_vec();
        all.extend_from_slice(&args);
        stdout_of(&all, env).contains(esc)
    };
    assert!(coloured(&["--color", "always"], &[]));
    assert!(coloured(&["--color", "always"], &[("NO_COLOR", "1")]), "the flag beats the environment");
    assert!(!coloured(&[], &[]), "no colour into a pipe");
    assert!(!coloured(&[], &[("NO_COLOR", "1")]));
    assert!(coloured(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(!coloured(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));

    // On a terminal: colour by default, none with NO_COLOR.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&args, &[], dir.path());
    let header = pty.expect("Languages");
    assert!(header.contains("\x1b[1m"), "bold headers on a terminal: {header:?}");
    assert_eq!(pty.exit_code(), 0);
    let mut pty = Pty::spawn(&args, &[("NO_COLOR", "1")], dir.path());
    let header = pty.expect("Languages");
    assert!(!header.contains(esc), "no colour with NO_COLOR: {header:?}");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn help_has_examples_everywhere_and_version_works() {
    let (code, stdout, _) = run(&["--version"], &[]);
    assert_eq!(code, 0);
    // The version says how old the ratings are: the built-in catalog's review date.
    let reviewed = stdout_of(&["catalog", "export"], &[])
        .lines()
        .find_map(|l| l.strip_prefix("reviewed: ").map(|d| d.trim_matches('\'').to_string()))
        .expect("the catalog has a review date");
    assert_eq!(stdout, format!("backend-advisor {} (catalog reviewed {reviewed})\n", env!("CARGO_PKG_VERSION")));
    for sub in [
        &[][..],
        &["recommend"],
        &["list"],
        &["show"],
        &["presets"],
        &["catalog"],
        &["catalog", "export"],
        &["catalog", "validate"],
        &["ask"],
        &["completions"],
        &["man"],
    ] {
        let mut args = sub.to_vec();
        args.push("--help");
        let help = stdout_of(&args, &[]);
        let examples = help.split("Examples:\n").nth(1).unwrap_or_else(|| panic!("{args:?} has no examples:\n{help}"));
        assert!(examples.lines().take_while(|l| l.starts_with("  ")).any(|l| l.contains("backend-advisor")), "{help}");
    }
}

/// The summary shown before `SUMMARY`, one line per answer with single spaces.
fn summary_lines(before: &str) -> Vec<String> {
    let summary = before.rsplit("Your answers").next().expect("the summary is shown");
    summary.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect()
}

#[test]
fn weighing_in_pairs_revising_the_inconsistent_comparison_and_saving_for_recommend() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["ask"], &[("NO_COLOR", "1")], dir.path());
    pty.answer(START, ENTER);
    pty.answer(WEIGHING, &format!("{DOWN}{ENTER}"));
    // Each comparison starts on "equal", in the middle of the scale: up towards the first
    // factor, down towards the second. Performance beats three factors extremely, but
    // community beats performance extremely; the rest are equal.
    let to_first_9 = format!("{}{ENTER}", UP.repeat(8));
    let to_second_9 = format!("{}{ENTER}", DOWN.repeat(8));
    for (n, keys) in [(1, &to_first_9), (2, &to_first_9), (3, &to_first_9), (4, &to_second_9)] {
        pty.answer(&format!("Comparison {n} of 10: "), keys);
    }
    for n in 5..=10 {
        pty.answer(&format!("Comparison {n} of 10: "), ENTER);
    }
    pty.expect("The comparisons are inconsistent: consistency ratio 0.75, above 0.10.");
    pty.expect("'Performance or Community' disagrees most");
    pty.expect("you said Community extremely more important (9); the weights suggest both equally important (1).");
    // Revise it: the cursor starts on the value the weights suggest.
    pty.answer("Revise the comparison that disagrees most, or keep them?", ENTER);
    pty.answer("Comparison 4 of 10: ", ENTER);
    pty.expect("consistency ratio 0.15, above 0.10.");
    pty.answer("Revise the comparison that disagrees most, or keep them?", ENTER);
    pty.answer("Comparison 4 of 10: ", ENTER);
    pty.expect("The comparisons are consistent now: consistency ratio 0.03.");
    for prompt in [LANGUAGES, USE_CASES, FEATURES] {
        pty.answer(prompt, ENTER);
    }
    let summary = summary_lines(&pty.expect(SUMMARY));
    for line in [
        "Weighing compare the factors in pairs (AHP)",
        "Comparisons consistency ratio 0.03 (consistent: 0.10 or less)",
        "Performance weight 63% (63% of the five factors by AHP)",
        "Community weight 11% (11% of the five factors by AHP)",
    ] {
        assert!(summary.iter().any(|l| l == line), "{line:?} not in the summary: {summary:#?}");
    }
    pty.send(ENTER);
    let shown = pty.expect(MENU);
    pty.choose("save");
    pty.answer("Save the answers to:", &format!("pairs.yaml{ENTER}"));
    pty.expect("Saved pairs.yaml.");
    pty.expect(MENU);
    pty.choose("quit");
    assert_eq!(pty.exit_code(), 0);

    let saved = std::fs::read_to_string(dir.path().join("pairs.yaml")).expect("saved");
    assert!(saved.contains("pairwise:\n") && saved.contains("performance/community: 3\n"), "{saved}");
    let saved = dir.path().join("pairs.yaml").display().to_string();
    let expected = recommend_explained(&["--answers", &saved]);
    assert!(
        expected.contains("Weights (AHP from pairwise comparisons, consistency ratio 0.03): Performance 63%"),
        "{expected}"
    );
    assert!(shown.contains(&expected), "the ranking differs from recommend --answers:\n{shown}\nexpected:\n{expected}");
}

#[test]
fn inconsistent_comparisons_given_in_the_answers_file_are_warned_about_as_recommend_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = format!(
        "use_cases: [api]\nteam_knows: []\nrequire: []\n{}",
        include_str!("fixtures/pairwise-inconsistent.yaml")
    );
    std::fs::write(dir.path().join("given.yaml"), text).expect("write");
    let (code, _, recommend) =
        run(&["recommend", "--answers", &dir.path().join("given.yaml").display().to_string()], &[]);
    assert_eq!(code, 0, "{recommend}");
    let warning = recommend.lines().next().expect("a warning").replace(&format!("{}/", dir.path().display()), "");
    assert!(warning.starts_with("warning: given.yaml:8:3: the pairwise comparisons are inconsistent"), "{warning}");

    // Everything is given: no question, the summary, then the same warning before the ranking.
    let mut pty = Pty::spawn(&["ask", "--answers", "given.yaml"], &[("NO_COLOR", "1")], dir.path());
    let summary = summary_lines(&pty.expect(SUMMARY));
    for line in [
        "Weighing compare the factors in pairs (AHP) (given)",
        "Comparisons consistency ratio 0.75 (inconsistent: above 0.10) (given)",
    ] {
        assert!(summary.iter().any(|l| l == line), "{line:?} not in the summary: {summary:#?}");
    }
    assert!(!pty.seen.contains(WEIGHING) && !pty.seen.contains("Comparison 1 of 10"), "{}", pty.seen);
    pty.send(ENTER);
    pty.expect(&warning);
    pty.expect(MENU);
    pty.choose("quit");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn ctrl_d_ctrl_z_and_ctrl_u_do_not_type_letters_or_loop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pty = Pty::spawn(&["ask"], &[("NO_COLOR", "1")], dir.path());
    // Ctrl-D at the first question is Esc: nowhere to go back to, so the question stays, once.
    pty.expect(START);
    pty.session.send_control('d').expect("send Ctrl-D");
    pty.answer(START, ENTER);
    pty.answer(WEIGHING, ENTER);
    for prompt in [PERFORMANCE, SCALABILITY, PRODUCTIVITY, INTEGRATION, COMMUNITY] {
        pty.answer(prompt, ENTER);
    }
    // The languages list filters as one types; Ctrl-Z and Ctrl-U must not add "z" or "u".
    pty.expect(LANGUAGES);
    pty.session.send_control('z').expect("send Ctrl-Z");
    pty.session.send_control('u').expect("send Ctrl-U");
    pty.send("p");
    pty.expect("know? p");
    pty.expect("PHP");
    pty.ctrl_c();
    assert_eq!(pty.exit_code(), 130);
    let typed = |letter: &str| pty.seen.contains(&format!("know? {letter}"));
    assert!(!typed("z") && !typed("u"), "a control key typed a letter:\n{}", pty.seen);
    assert!(!pty.seen.contains("canceled"), "{}", pty.seen);
    // Drawn, drawn again after Ctrl-D, then shown with its answer: three times, not a loop.
    assert_eq!(pty.seen.matches(START).count(), 3, "Ctrl-D asked the first question again once:\n{}", pty.seen);
}

#[test]
fn the_summary_changes_what_the_team_runs_today_and_what_to_leave_out_and_saves_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = ["ask", "--use-case", "saas", "--team-knows", "typescript", "--exclude", "hono"];
    let mut pty = Pty::spawn(&args, &[("NO_COLOR", "1")], dir.path());
    pty.answer(START, ENTER);
    pty.answer(WEIGHING, ENTER);
    for prompt in [PERFORMANCE, SCALABILITY, PRODUCTIVITY, INTEGRATION, COMMUNITY] {
        pty.answer(prompt, ENTER);
    }
    pty.answer(FAMILIARITY, ENTER);
    pty.answer("Consider only frameworks in TypeScript, JavaScript?", ENTER);
    pty.answer(FEATURES, ENTER);
    // The summary lists more answers than fit a page: typing filters them.
    pty.expect(SUMMARY);
    pty.send("Runs today");
    pty.expect("Change Runs today");
    pty.send(ENTER);
    pty.answer("Which framework does the team run today?", "Express");
    pty.expect("Express");
    pty.send(ENTER);
    pty.expect(SUMMARY);
    pty.send("Left out");
    pty.expect("Change Left out");
    pty.send(ENTER);
    // Hono, given by flag, is ticked; Fastify is added.
    pty.answer("Which frameworks should be left out?", "Fastify");
    pty.expect("Fastify");
    pty.send(&format!("{SPACE}{ENTER}"));
    let summary = pty.expect(SUMMARY);
    let lines = summary_lines(&summary);
    assert!(lines.iter().any(|l| l.ends_with("Runs today Express")), "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with("Left out Fastify, Hono")), "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with("Performance 0 ignore (from the use cases)")), "{lines:?}");
    pty.send(ENTER);
    pty.expect(MENU);
    pty.choose("save");
    pty.answer("Save the answers to:", &format!("mine.yaml{ENTER}"));
    pty.expect("Saved mine.yaml.");
    pty.expect(MENU);
    pty.choose("quit");
    assert_eq!(pty.exit_code(), 0);

    let saved = dir.path().join("mine.yaml").display().to_string();
    let from_file: Value =
        serde_json::from_str(&stdout_of(&["recommend", "--answers", &saved, "--format", "json"], &[])).expect("JSON");
    let from_flags: Value = serde_json::from_str(&stdout_of(
        &[
            "recommend",
            "--use-case",
            "saas",
            "--team-knows",
            "typescript",
            "--incumbent",
            "express",
            "--exclude",
            "fastify",
            "--exclude",
            "hono",
            "--format",
            "json",
        ],
        &[],
    ))
    .expect("JSON");
    assert_eq!(from_file["ranking"], from_flags["ranking"]);
    assert_eq!(from_file["incumbent"], from_flags["incumbent"]);
    assert_eq!(from_file["excluded"], from_flags["excluded"]);
}
