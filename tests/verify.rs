//! `verify`: a decision record re-ranked with today's catalog, and the patches that change it.

mod common;

use common::{fixture, run_env, stdout_of_env};

/// 2026-12-03.
const DAY: (&str, &str) = ("SOURCE_DATE_EPOCH", "1796256000");

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn record(dir: &tempfile::TempDir) -> String {
    // A Python team: with no language named, ai-api is a tie of FastAPI and ASP.NET Core.
    let adr = stdout_of_env(&["recommend", "--preset", "ai-api", "--team-knows", "python", "--format", "adr"], &[DAY]);
    write(dir, "d.md", &adr)
}

#[test]
fn the_recorded_choice_still_wins_until_a_patch_lowers_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = record(&dir);
    let run = run_env(&["verify", &d], &[DAY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ok: ") && run.stdout.contains("'fastapi' still wins"), "{}", run.stdout);

    let patch = write(
        &dir,
        "patch.yaml",
        "patches:\n  - id: fastapi\n    scores: {productivity: 1, integration: 1, scalability: 1}\n",
    );
    let run = run_env(&["verify", &d, "--catalog", &patch], &[DAY]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    for why in [
        "now ranks first",
        "FastAPI productivity rating 4.5 → 1",
        "the catalog changed since 2026-12-03",
        "no longer wins",
    ] {
        assert!(run.stdout.contains(why), "missing {why:?} in:\n{}", run.stdout);
    }
}

#[test]
fn a_three_line_patch_of_one_rating_validates_and_is_shown_by_layers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let patch = write(&dir, "mine.yaml", "patches:\n  - id: django\n    scores: {scalability: 3}\n");
    assert_eq!(stdout_of_env(&["catalog", "validate", &patch], &[]), format!("valid: {patch}\n"));
    let layers = stdout_of_env(&["--catalog", &patch, "catalog", "layers", "django"], &[]);
    let owner = |field: &str| {
        layers.lines().find(|l| l.starts_with(&format!("{field} "))).map(|l| l.contains(&patch)).expect(field)
    };
    assert!(owner("scores.scalability"));
    assert!(!owner("scores.productivity"));
}

#[test]
fn patches_are_checked_with_positions_and_suggestions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let patch = write(
        &dir,
        "bad.yaml",
        "patches:\n  - id: djnago\n    scores: {scalability: 3}\n  - id: flask\n    scores: {productivity: 9}\n  - id: rails\n    scroes: {productivity: 2}\n  - id: sinatra\n    use_cases: {strong: {add: [ai_ml]}}\n",
    );
    let run = run_env(&["catalog", "validate", &patch], &[]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    for expected in [
        format!(
            "{patch}:2:9: framework 'djnago', field 'patches[0].id': no framework 'djnago' to patch (did you mean 'django'?"
        ),
        format!(
            "{patch}:5:28: framework 'flask', field 'patches[1].scores.productivity': rating 9 must be from 1 to 5"
        ),
        format!("{patch}:7:5: framework 'rails'"),
        "did you mean 'scores'?".to_string(),
        "unknown use case 'ai_ml'".to_string(),
        "did you mean 'ai-ml'?".to_string(),
    ] {
        assert!(run.stderr.contains(&expected), "missing {expected:?} in:\n{}", run.stderr);
    }

    // Problems that stop a patch from applying (a bad list edit, an unknown id, a value no
    // variant takes) do not hide the others: one run names all six, each at its path.
    let six = write(
        &dir,
        "six.yaml",
        "patches:\n  - id: django\n    scores: {scalability: 7}\n    use_cases: {strong: {add: [ai_ml]}, good: {remove: [nothing]}}\n  - id: nestjss\n    scores: {perfomance: 3}\n  - id: fastify\n    features: {orm: {level: officil}}\n",
    );
    let run = run_env(&["catalog", "validate", &six], &[]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    for expected in [
        "field 'patches[0].use_cases.good.remove'",
        "field 'patches[0].scores.scalability'",
        "field 'patches[0].use_cases.strong.add[0]'",
        "field 'patches[1].id'",
        "framework 'nestjss', field 'patches[1].scores.perfomance'",
        &format!("{six}:8:29: framework 'fastify', field 'patches[2].features.orm.level'"),
    ] {
        assert!(run.stderr.contains(expected), "missing {expected:?} in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("6 problem(s) found"), "{}", run.stderr);
    // The same bad value in two fields is named once at each.
    let twice = write(
        &dir,
        "twice.yaml",
        "patches:\n  - id: fastify\n    features: {orm: {level: officil}, auth: {level: officil}}\n",
    );
    let run = run_env(&["catalog", "validate", &twice], &[]);
    assert!(run.stderr.contains("features.orm.level") && run.stderr.contains("features.auth.level"), "{}", run.stderr);
    assert!(run.stderr.contains("2 problem(s) found"), "{}", run.stderr);
}

#[test]
fn a_support_window_ending_soon_fails_with_warn_eol() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = record(&dir);
    let patch = write(
        &dir,
        "eol.yaml",
        "patches:\n  - id: fastapi\n    facts:\n      end_of_life: {product: fastapi, cycle: '0.115', ends: '2027-02-01', source: GK, as_of: '2026-11-29'}\n",
    );
    let run = run_env(&["verify", &d, "--catalog", &patch], &[DAY]);
    assert_eq!(run.code, 0, "no --warn-eol, no check: {}", run.stdout);
    let run = run_env(&["verify", &d, "--catalog", &patch, "--warn-eol", "6m"], &[DAY]);
    assert_eq!(run.code, 4, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("support (fastapi GK) ends on 2027-02-01, within --warn-eol"), "{}", run.stdout);
    let run = run_env(&["verify", &d, "--catalog", &patch, "--warn-eol", "1m"], &[DAY]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = run_env(&["verify", &d, "--warn-eol", "soon"], &[DAY]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("e.g. 6m"), "{}", run.stderr);
}

#[test]
fn a_file_without_a_record_is_bad_data() {
    let run = run_env(&["verify", &fixture("answers.yaml")], &[]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stderr.contains("no '```yaml backend-advisor-record' block"), "{}", run.stderr);
    assert!(run.stderr.contains("recommend --format adr"), "{}", run.stderr);
    let run = run_env(&["verify", "missing.md"], &[]);
    assert_eq!(run.code, 66, "{}", run.stderr);
}

/// The record block is checked on its own, where it is in the file: prose before it that is no
/// YAML (an unclosed `[`, a tab, a colon) does not hide an escape in a field, which is refused
/// with its line and never reaches stdout; an alias bomb in the record is refused at once.
#[test]
fn escapes_and_alias_bombs_in_the_record_are_refused_whatever_the_prose_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let adr = stdout_of_env(&["recommend", "--preset", "ai-api", "--format", "adr"], &[DAY]);
    let prose = "Status: [accepted\n\tkey: value: other\n";
    let record_line = |text: &str, field: &str| {
        text.lines().position(|l| l.trim_start().starts_with(field)).expect("the field is in the record") + 1
    };
    // An escape in the chosen id: \e]8;; would open a link on a terminal.
    let escaped = format!("{prose}{}", adr.replacen("  id: fastapi", "  id: \"fastapi\\e]8;;https://x\\a\"", 1));
    let path = write(&dir, "escaped.md", &escaped);
    let run = run_env(&["verify", &path], &[DAY]);
    assert_eq!(run.code, 65, "{}{}", run.stdout, run.stderr);
    let line = record_line(&escaped, "id: \"fastapi");
    assert!(
        run.stderr.contains(&format!("escaped.md:{line}:")) && run.stderr.contains("U+001B (ESC)"),
        "{}",
        run.stderr
    );
    for output in [&run.stdout, &run.stderr] {
        assert!(!output.contains('\u{1b}') && !output.contains('\u{7}'), "raw escape: {output}");
    }
    // Billion laughs inside the record's answers.
    let laughs = (1..9).fold("  bomb0: &l0 [x, x, x, x, x, x, x, x, x, x]\n".to_string(), |text, level| {
        let refs = vec![format!("*l{}", level - 1); 10].join(", ");
        format!("{text}  bomb{level}: &l{level} [{refs}]\n")
    });
    let bomb = format!("{prose}{}", adr.replacen("answers:\n", &format!("answers:\n{laughs}"), 1));
    let path = write(&dir, "bomb.md", &bomb);
    let started = std::time::Instant::now();
    let run = run_env(&["verify", &path], &[DAY]);
    assert_eq!(run.code, 65, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("YAML values"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}
