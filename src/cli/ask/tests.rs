//! The questionnaire's logic, driven by a scripted prompter: which questions are put and skipped,
//! Esc, presets, the summary, the ranking shown, and the files written from the menu.

use std::path::{Path, PathBuf};

use backend_advisor::answers::{self, AnswerSet, Answers, Importance, Preset, Sources};
use backend_advisor::catalog::{Catalog, Vocabulary};
use backend_advisor::decide::ahp::{self, Judgement};
use backend_advisor::decide::{self, Analysis, score};
use backend_advisor::provenance::Provenance;
use backend_advisor::render::{self, Context, Format, Options};

use super::script::{Key, Script};
use super::{PromptError, Session, run};

/// Rate each factor (not compare them in pairs), and Enter on the five importance questions.
const FIVE_DEFAULTS: [Key; 6] = [Key::Pick("rate"), Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Enter];

struct Fixture {
    catalog: Catalog,
    presets: Vec<Preset>,
    provenance: Provenance,
}

/// The answers `recommend` resolves from these flags, answers file and preset.
fn collect(
    vocabulary: &Vocabulary,
    flags: &AnswerSet,
    file: Option<&Path>,
    preset: Option<&str>,
) -> backend_advisor::Result<Answers> {
    let sources =
        Sources { flags: flags.clone(), file: file.map(Path::to_path_buf), preset: preset.map(str::to_string) };
    answers::Layers::read(vocabulary, &sources)?.resolve(vocabulary)
}

impl Fixture {
    fn new() -> Self {
        let catalog = Catalog::builtin().expect("the built-in catalog is valid");
        let presets = answers::presets(&catalog.vocabulary).expect("the built-in presets are valid");
        Fixture { catalog, presets, provenance: Provenance::new("backend-advisor", &[], 0, "test") }
    }

    fn session(&self, given: AnswerSet, preset: Option<&str>) -> Session<'_> {
        let preset = preset.map(|id| answers::find_preset(&self.presets, id).expect("a known preset"));
        Session {
            catalog: &self.catalog,
            presets: &self.presets,
            given,
            start_given: preset.is_some(),
            preset,
            given_pairwise: None,
            options: Options { width: Some(100), ..Options::default() },
            compare_width: 100,
            provenance: Provenance::new("backend-advisor", &[], 0, "test"),
            styled: false,
            catalogs: &[],
        }
    }

    /// Play `keys` against the questionnaire; returns the script (questions and messages), what
    /// was written to the output, and how the run ended.
    fn play(&self, session: &Session, keys: Vec<Key>) -> (Script, String, anyhow::Result<()>) {
        let mut script = Script::new(keys);
        let mut out = Vec::new();
        let result = run(session, &mut script, &mut out);
        (script, String::from_utf8(out).expect("UTF-8 output"), result)
    }

    /// What reports say besides the ranking.
    fn context<'c>(&'c self, answers: &'c Answers) -> Context<'c> {
        Context { answers, catalog: &self.catalog, provenance: &self.provenance }
    }

    /// The explained table `recommend` prints for these flags, preset and answers file.
    fn recommend(&self, flags: &AnswerSet, file: Option<&Path>, preset: Option<&str>) -> String {
        let mut answers = collect(&self.catalog.vocabulary, flags, file, preset).expect("valid answers");
        // The questionnaire writes every importance down, the use cases' defaults included, so
        // its ranking has none left to note as set by the use cases.
        answers.use_case_defaults.clear();
        let ranking = decide::rank(&self.catalog, &answers, &Analysis::default()).expect("a ranking");
        let options = Options { explain: true, top: Format::Table.default_top(), width: Some(100), color: false };
        let text = render::ranking(Format::Table, &ranking, &self.context(&answers), &options).expect("rendered");
        // The questionnaire shows a long list of exclusions as one line after the ranking.
        let count = ranking.ranking.excluded.len();
        match text.split_once("Excluded by filters (") {
            Some((before, _)) if count > 5 => format!(
                "{before}{count} frameworks excluded by your answers: \"See the {count} excluded\" below lists them.\n"
            ),
            _ => text,
        }
    }

    /// The JSON ranking `recommend --format json` prints.
    fn recommend_json(&self, flags: &AnswerSet, file: Option<&Path>, preset: Option<&str>) -> serde_json::Value {
        let mut answers = collect(&self.catalog.vocabulary, flags, file, preset).expect("valid answers");
        answers.use_case_defaults.clear();
        let ranking = decide::rank(&self.catalog, &answers, &Analysis::default()).expect("a ranking");
        let text =
            render::ranking(Format::Json, &ranking, &self.context(&answers), &Options::default()).expect("rendered");
        serde_json::from_str(&text).expect("JSON")
    }
}

fn keys(parts: impl IntoIterator<Item = Vec<Key>>) -> Vec<Key> {
    parts.into_iter().flatten().collect()
}

/// The summary line for `topic`, squeezed to single spaces.
fn summary_line(script: &Script, topic: &str) -> String {
    let summary = script.said.iter().rev().find(|s| s.contains("Your answers")).expect("a summary was shown");
    let line = summary.lines().find(|l| l.trim_start().starts_with(topic)).expect("the topic is in the summary");
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn asked_count(script: &Script, needle: &str) -> usize {
    script.asked.iter().filter(|q| q.contains(needle)).count()
}

const PERFORMANCE: &str = "raw request throughput";
const SCALABILITY: &str = "load grow";
const START: &str = "Start from a preset";
const LANGUAGES: &str = "Which languages";
const ONLY: &str = "Consider only";
const USE_CASES: &str = "What is the project";
const FEATURES: &str = "Which features";
const SUMMARY: &str = "Rank with these answers";
const MENU: &str = "What next?";

#[test]
fn enter_through_the_defaults_shows_the_ranking_recommend_explains() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), None, None)), "{out}");
    assert_eq!(summary_line(&script, "Performance"), "Performance 3 medium");
    assert_eq!(summary_line(&script, "Starting point"), "Starting point from scratch");
    // No language known: the only-those question does not apply.
    assert_eq!(asked_count(&script, ONLY), 0);
    assert_eq!(script.asked.first().map(String::as_str), Some("[1/6] Start from a preset, or from scratch?"));
    assert_eq!(script.asked.get(1).map(String::as_str), Some("[2/6] How should the five factors be weighed?"));
}

#[test]
fn questions_answered_by_flags_are_skipped_and_marked_given() {
    let fixture = Fixture::new();
    let given = AnswerSet {
        importance: Importance { performance: Some(5), ..Importance::default() },
        use_cases: Some(vec!["api".into()]),
        team_knows: Some(vec!["go".into()]),
        languages: Some(vec!["go".into(), "rust".into()]),
        ..AnswerSet::default()
    };
    let session = fixture.session(given.clone(), None);
    let script = keys([
        vec![Key::Enter, Key::Pick("rate")],
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter],
        // How much familiarity counts: asked, as the languages were given but not its importance.
        vec![Key::Enter],
        vec![Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    for skipped in [PERFORMANCE, LANGUAGES, ONLY, USE_CASES] {
        assert_eq!(asked_count(&script, skipped), 0, "{skipped} was asked: {:?}", script.asked);
    }
    assert_eq!(asked_count(&script, FEATURES), 1);
    assert_eq!(summary_line(&script, "Performance"), "Performance 5 critical (given)");
    assert_eq!(summary_line(&script, "Only those"), "Only those languages yes: Go, Rust (given)");
    assert!(out.contains(&fixture.recommend(&given, None, None)), "{out}");
}

#[test]
fn esc_goes_back_one_question_and_from_the_summary_to_the_last_one() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = vec![
        Key::Esc, // at the first question: stays there
        Key::Enter,
        Key::Pick("rate"),
        Key::Pick("5"),
        Key::Esc, // at scalability: back to performance
        Key::Pick("1"),
        Key::Enter,
        Key::Enter,
        Key::Enter,
        Key::Enter,
        Key::Tick(&["python"]),
        Key::Enter, // how much familiarity counts
        Key::Esc,   // at only-those: back to how much familiarity counts
        Key::Esc,   // and back to the languages
        Key::Tick(&[]),
        Key::Enter,
        Key::Enter,
        Key::Esc, // at the summary: back to the features
        Key::Tick(&["orm"]),
        Key::Enter,
        Key::Pick("quit"),
    ];
    let (script, _, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert_eq!(asked_count(&script, START), 2);
    assert_eq!(asked_count(&script, PERFORMANCE), 2);
    assert_eq!(asked_count(&script, LANGUAGES), 2);
    assert_eq!(asked_count(&script, ONLY), 1);
    assert_eq!(asked_count(&script, FEATURES), 2);
    assert_eq!(summary_line(&script, "Performance"), "Performance 1 minor");
    assert_eq!(summary_line(&script, "Languages known"), "Languages known none");
    assert_eq!(summary_line(&script, "Must be provided"), "Must be provided orm");
}

#[test]
fn esc_from_the_summary_skips_a_question_that_no_longer_applies() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["go"]), Key::Enter, Key::Yes, Key::Enter, Key::Enter],
        // In the summary no language is known any more: "only those?" no longer applies.
        vec![Key::Pick("change:team_knows"), Key::Tick(&[])],
        vec![Key::Esc, Key::Esc, Key::Esc],
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, _, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    let after_change: Vec<&str> = script.asked.iter().skip(14).map(String::as_str).collect();
    assert_eq!(
        after_change,
        [
            "Rank with these answers, or change one?",
            "[6/6] Which features must the framework's own project provide? Frameworks without them are left out.",
            "[5/6] What is the project? Tick all that apply.",
            // Back from the use cases goes to the languages: "only those?" is skipped.
            "[4/6] Which languages does the team already know?",
            "[5/6] What is the project? Tick all that apply.",
            "[6/6] Which features must the framework's own project provide? Frameworks without them are left out.",
            "Rank with these answers, or change one?",
            "What next?",
        ],
        "{:#?}",
        script.asked
    );
}

#[test]
fn a_preset_gives_the_defaults_and_the_same_ranking_as_recommend_preset() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Pick("content-site")],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    // The preset's emphasis, on the use cases' scale (data/presets.yaml).
    assert_eq!(summary_line(&script, "Productivity"), "Productivity 3 medium");
    assert_eq!(summary_line(&script, "Use cases"), "Use cases ecommerce, cms");
    // A weaker level given by the preset is kept.
    assert_eq!(summary_line(&script, "Must be provided"), "Must be provided templating, admin:community");
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), None, Some("content-site"))), "{out}");
}

#[test]
fn choosing_another_preset_replaces_the_answers_given_after_it() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![
            Key::Pick("ai-api"),
            Key::Pick("rate"),
            Key::Pick("0"),
            Key::Esc,
            Key::Esc,
            Key::Esc,
            Key::Pick("enterprise"),
        ],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert_eq!(summary_line(&script, "Starting point"), "Starting point preset enterprise");
    assert_eq!(summary_line(&script, "Performance"), "Performance 1 minor");
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), None, Some("enterprise"))), "{out}");
}

#[test]
fn a_preset_given_by_flag_skips_only_the_first_question() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), Some("ai-api"));
    let script =
        keys([FIVE_DEFAULTS.to_vec(), vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")]]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert_eq!(asked_count(&script, START), 0);
    assert!(script.asked[0].starts_with("[1/5] "), "{:?}", script.asked);
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), None, Some("ai-api"))), "{out}");
}

#[test]
fn known_languages_only_those_and_a_change_from_the_summary() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["python", "go"]), Key::Enter, Key::Yes, Key::Tick(&["api"]), Key::Enter],
        vec![Key::Pick("change:performance"), Key::Pick("5")],
        vec![Key::Pick("change:team_familiarity"), Key::Pick("4")],
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert_eq!(summary_line(&script, "Only those"), "Only those languages yes: Python, Go");
    assert_eq!(summary_line(&script, "Performance"), "Performance 5 critical");
    // The follow-up shares the number of the languages question: the total stays 10.
    assert!(script.asked.contains(&"[4/6] Which languages does the team already know?".to_string()));
    assert!(script.asked.contains(&"[4/6] Consider only frameworks in Python, Go?".to_string()));
    assert!(
        script.asked.contains(
            &"[6/6] Which features must the framework's own project provide? Frameworks without them are left out."
                .to_string()
        )
    );
    // The factors left at their defaults follow the use case, as `recommend --use-case api`'s do,
    // and the summary says so; performance was rated.
    assert!(summary_line(&script, "Scalability").ends_with("(from the use cases)"), "{:?}", script.said);
    let flags = AnswerSet {
        importance: Importance { performance: Some(5), team_familiarity: Some(4), ..Importance::default() },
        use_cases: Some(vec!["api".into()]),
        team_knows: Some(vec!["python".into(), "go".into()]),
        languages: Some(vec!["python".into(), "go".into()]),
        ..AnswerSet::default()
    };
    assert!(out.contains(&fixture.recommend(&flags, None, None)), "{out}");
}

#[test]
fn every_importance_zero_is_told_and_leads_back_to_the_summary() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let zero = vec![Key::Pick("0"); 5];
    let script = keys([
        vec![Key::Enter, Key::Pick("rate")],
        zero,
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter],
        vec![Key::Pick("change:community"), Key::Pick("2"), Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.said.iter().any(|s| s.contains("every importance is 0")), "{:?}", script.said);
    assert_eq!(asked_count(&script, SUMMARY), 3, "rank, refused, change, rank");
    assert!(out.contains("Weights: Performance 0% (importance 0)"), "{out}");
}

/// Keys that answer every question with its default and rank.
fn defaults_then(menu: Vec<Key>) -> Vec<Key> {
    keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["python"]), Key::Enter, Key::No, Key::Enter],
        vec![Key::Enter, Key::Enter],
    ])
    .into_iter()
    .chain(menu)
    .collect()
}

#[test]
fn saved_answers_give_the_same_ranking_to_recommend_and_are_replaced_only_when_agreed() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.yaml");
    let typed = || Key::Type(path.display().to_string());
    let session = fixture.session(AnswerSet::default(), Some("real-time"));
    let script = keys([
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["typescript"]), Key::Enter, Key::Yes, Key::Enter, Key::Tick(&["realtime"]), Key::Enter],
        vec![Key::Pick("save"), typed()],
        // Again: the file exists; "no" asks for another name, Esc leaves it alone.
        vec![Key::Pick("save"), typed(), Key::No, Key::Esc],
        vec![Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert!(script.said.iter().any(|s| s.contains("Saved ") && s.contains("recommend --answers")), "{:?}", script.said);
    let saved = std::fs::read_to_string(&path).expect("the answers were saved");
    assert!(saved.starts_with("# backend-advisor answers"), "{saved}");
    let flags = AnswerSet {
        team_knows: Some(vec!["typescript".into()]),
        languages: Some(vec!["typescript".into(), "javascript".into()]),
        require: Some(vec!["realtime".into()]),
        ..AnswerSet::default()
    };
    let from_flags = fixture.recommend_json(&flags, None, Some("real-time"));
    let from_file = fixture.recommend_json(&AnswerSet::default(), Some(&path), None);
    assert_eq!(from_file, from_flags);
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), Some(&path), None)), "{out}");

    std::fs::write(&path, "old\n").expect("write");
    let script = defaults_then(vec![Key::Pick("save"), typed(), Key::Yes, Key::Pick("quit")]);
    let (_, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    assert_ne!(std::fs::read_to_string(&path).expect("read"), "old\n", "replaced after yes");
}

#[test]
fn ctrl_c_stops_at_once_and_writes_nothing() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.yaml");
    std::fs::write(&path, "old\n").expect("write");
    let script = defaults_then(vec![Key::Pick("save"), Key::Type(path.display().to_string()), Key::CtrlC]);
    let (script, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    let error = result.expect_err("interrupted");
    assert!(matches!(error.downcast_ref::<PromptError>(), Some(PromptError::Interrupted)), "{error}");
    assert!(script.asked.last().is_some_and(|q| q.contains("exists. Replace it?")), "{:?}", script.asked);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "old\n");
    let entries = std::fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(entries, 1, "no temporary file is left");

    let (_, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), vec![Key::Enter, Key::CtrlC]);
    assert!(matches!(result.expect_err("interrupted").downcast_ref::<PromptError>(), Some(PromptError::Interrupted)));
}

#[test]
fn export_writes_the_chosen_format() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let json: PathBuf = dir.path().join("ranking.json");
    let markdown: PathBuf = dir.path().join("ranking.md");
    let html: PathBuf = dir.path().join("ranking.html");
    let adr: PathBuf = dir.path().join("0001-backend-framework.md");
    let script = defaults_then(vec![
        Key::Pick("export"),
        Key::Pick("json"),
        Key::Type(json.display().to_string()),
        Key::Pick("export"),
        Key::Pick("markdown"),
        Key::Type(markdown.display().to_string()),
        Key::Pick("export"),
        Key::Pick("html"),
        Key::Type(html.display().to_string()),
        Key::Type("Web shop".into()),
        Key::Enter,
        // ranking.md saved its answers as ranking.answers.yaml; the page's add a title.
        Key::Yes,
        Key::Pick("export"),
        Key::Pick("adr"),
        Key::Type(adr.display().to_string()),
        Key::Enter,
        Key::Type("The payments API behind the web shop.".into()),
        Key::Type("Dana Reyes".into()),
        Key::Type("tech lead".into()),
        Key::Type("Platform team, CTO,".into()),
        Key::Pick("quit"),
    ]);
    let (_, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    let flags = AnswerSet { team_knows: Some(vec!["python".into()]), languages: Some(vec![]), ..AnswerSet::default() };
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("exported")).expect("JSON");
    assert_eq!(exported, fixture.recommend_json(&flags, None, None));
    let table = std::fs::read_to_string(&markdown).expect("exported");
    assert!(table.starts_with("| # | Framework |"), "{table}");
    let page = std::fs::read_to_string(&html).expect("exported");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("Web shop"), "the page names the project");
    let record = std::fs::read_to_string(&adr).expect("exported");
    assert!(record.contains("## Decision Outcome"), "{record}");
    // The title given for the page is kept for the record; the description asked for it opens
    // the context.
    assert!(record.contains(" as the backend framework of Web shop\n"), "{record}");
    assert!(record.contains("\nThe payments API behind the web shop.\n"), "{record}");
    // The record asks who decides and who is informed, as an answers file's name, role and
    // informed say them.
    assert!(
        record.contains("\ndecision-makers: [\"Dana Reyes (tech lead)\"]\ninformed: [\"Platform team\", \"CTO\"]\n"),
        "{record}"
    );
    // The answers are saved beside each export, and the report names the command that gives it
    // again from them (not `backend-advisor` alone, which would reopen the questionnaire).
    let saved = dir.path().join("0001-backend-framework.answers.yaml");
    assert!(saved.exists(), "the answers are saved beside the record");
    let again = format!(
        "backend-advisor recommend --answers {} --explain --format adr --output {} --force",
        saved.display(),
        adr.display()
    );
    assert!(record.contains(&again), "{record}");
    assert!(record.contains(&format!("backend-advisor verify {} --warn-eol 6m", adr.display())), "{record}");
    let set: AnswerSet = serde_yaml::from_str(&std::fs::read_to_string(&saved).expect("saved")).expect("YAML");
    assert_eq!(set.title.as_deref(), Some("Web shop"));
    assert_eq!((set.name.as_deref(), set.role.as_deref()), (Some("Dana Reyes"), Some("tech lead")));
    assert_eq!(set.informed, Some(vec!["Platform team".to_string(), "CTO".to_string()]));
    // The saved answers give the same record again.
    let answers = collect(&fixture.catalog.vocabulary, &set, None, None).expect("valid");
    assert_eq!(answers.decider.as_deref(), Some("Dana Reyes (tech lead)"));
}

#[test]
fn a_record_exported_into_a_folder_takes_the_next_number_and_the_title() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("docs/decisions");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("0003-older.md"), "# An older decision\n").expect("older");
    let script = defaults_then(vec![
        Key::Pick("export"),
        Key::Pick("adr"),
        Key::Type(format!("{}/", folder.display())),
        Key::Type("Web shop".into()),
        Key::Enter,
        Key::Enter,
        Key::Enter,
        Key::Enter,
        Key::Pick("quit"),
    ]);
    let (_, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    let record = std::fs::read_to_string(folder.join("0004-web-shop.md")).expect("numbered after 0003");
    // Its Confirmation names the file it was written to.
    assert!(
        record.contains(&format!("backend-advisor verify {}", folder.join("0004-web-shop.md").display())),
        "{record}"
    );
    assert!(folder.join("0004-web-shop.answers.yaml").exists(), "the answers are saved beside it");
}

#[test]
fn the_summary_names_the_project_and_its_people_and_saves_them() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.yaml");
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["python"]), Key::Enter, Key::No, Key::Enter],
        vec![Key::Enter],
        vec![Key::Pick("change:project"), Key::Type("Web shop".into()), Key::Type("The payments API.".into())],
        vec![
            Key::Pick("change:people"),
            Key::Type("Dana Reyes".into()),
            Key::Type("tech lead".into()),
            Key::Type("Platform team,  CTO".into()),
        ],
        vec![Key::Enter, Key::Pick("save"), Key::Type(path.display().to_string()), Key::Pick("quit")],
    ]);
    let (script, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    // The last summary shows them.
    let summary = script.said.iter().rev().find(|s| s.contains("Your answers")).expect("a summary");
    assert!(summary.contains("Web shop: The payments API."), "{summary}");
    assert!(summary.contains("Dana Reyes (tech lead); informed: Platform team, CTO"), "{summary}");
    let set: AnswerSet = serde_yaml::from_str(&std::fs::read_to_string(&path).expect("saved")).expect("YAML");
    assert_eq!((set.title.as_deref(), set.description.as_deref()), (Some("Web shop"), Some("The payments API.")));
    assert_eq!((set.name.as_deref(), set.role.as_deref()), (Some("Dana Reyes"), Some("tech lead")));
    assert_eq!(set.informed, Some(vec!["Platform team".to_string(), "CTO".to_string()]));
}

#[test]
fn the_summary_says_why_familiarity_drops_when_the_team_is_open_to_other_languages() {
    let fixture = Fixture::new();
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["python"]), Key::Enter, Key::No, Key::Enter],
        vec![Key::Enter],
        vec![Key::Pick("change:open_to"), Key::Tick(&["go"])],
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    let summary = script.said.iter().rev().find(|s| s.contains("Your answers")).expect("a summary");
    assert!(summary.contains("3 medium (the default when open to other languages)"), "{summary}");
}

#[test]
fn show_prints_a_whole_framework_and_compare_the_top_three_side_by_side() {
    let fixture = Fixture::new();
    let script = defaults_then(vec![Key::Pick("show"), Key::Pick("django"), Key::Pick("compare"), Key::Pick("quit")]);
    let (script, out, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    assert!(script.is_done());
    assert!(out.contains("Django (django)\n"), "{out}");
    let flags = AnswerSet { team_knows: Some(vec!["python".into()]), ..AnswerSet::default() };
    let answers = collect(&fixture.catalog.vocabulary, &flags, None, None).expect("valid");
    let ranking = score::rank(&fixture.catalog, &answers).expect("ranking");
    // The comparison comes after the shown framework: the top 3 side by side, with their scores.
    let (_, comparison) = out.rsplit_once("Reviewed: ").expect("show printed a whole framework");
    for ranked in ranking.ranking.iter().take(3) {
        assert!(comparison.contains(ranked.name.as_str()), "{} not compared:\n{comparison}", ranked.name);
        assert!(comparison.contains(&format!("{:.1}", ranked.score)), "{} score missing", ranked.name);
    }
}

#[test]
fn start_over_asks_every_question_even_those_given() {
    let fixture = Fixture::new();
    let given =
        AnswerSet { importance: Importance { performance: Some(5), ..Importance::default() }, ..AnswerSet::default() };
    let session = fixture.session(given, None);
    let script = keys([
        vec![Key::Enter, Key::Pick("rate")],
        vec![Key::Enter; 4],
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("restart")],
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, _, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert_eq!(asked_count(&script, PERFORMANCE), 1);
    assert_eq!(asked_count(&script, SCALABILITY), 2);
    assert_eq!(asked_count(&script, MENU), 2);
    assert_eq!(summary_line(&script, "Performance"), "Performance 3 medium");
}

/// Ten comparisons that contradict each other (the fixture says how).
const INCONSISTENT: &str = include_str!("../../../tests/fixtures/pairwise-inconsistent.yaml");

impl Fixture {
    /// A session over what `ask` was given, gathered as the binary gathers it.
    fn session_given<'f>(&'f self, layers: &'f answers::Layers) -> Session<'f> {
        Session {
            catalog: &self.catalog,
            presets: &self.presets,
            given: layers.explicit(),
            start_given: layers.preset.is_some() || layers.file.is_some(),
            preset: layers.preset.as_ref(),
            given_pairwise: layers.located_pairwise().cloned(),
            options: Options { width: Some(100), ..Options::default() },
            compare_width: 100,
            provenance: Provenance::new("backend-advisor", &[], 0, "test"),
            styled: false,
            catalogs: &[],
        }
    }
}

#[test]
fn inconsistent_comparisons_from_the_answers_file_are_warned_about_where_they_stand() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("given.yaml");
    let text = format!(
        "{INCONSISTENT}importance: {{performance: 3, scalability: 3, productivity: 3, integration: 3, community: 3}}\n\
         team_knows: []\nuse_cases: []\nrequire: []\n"
    );
    std::fs::write(&path, &text).expect("write");
    let vocabulary = &fixture.catalog.vocabulary;
    let layers =
        answers::Layers::read(vocabulary, &Sources { file: Some(path.clone()), ..Sources::default() }).expect("valid");
    let session = fixture.session_given(&layers);
    let (script, out, result) = fixture.play(&session, vec![Key::Enter, Key::Pick("quit")]);
    result.expect("finished");
    assert!(script.is_done(), "only the summary and the menu: {:?}", script.asked);
    // recommend's warning, word for word, pointing at the comparison in the file.
    let answers = collect(vocabulary, &AnswerSet::default(), Some(&path), None).expect("valid");
    let ranking = score::rank(&fixture.catalog, &answers).expect("a ranking");
    let expected = ranking.weighting.inconsistency().expect("inconsistent").to_string();
    let line = text.lines().position(|l| l.contains("performance/community")).expect("in the file") + 1;
    assert!(expected.starts_with(&format!("{}:{line}:3: the pairwise comparisons are inconsistent", path.display())));
    assert!(script.said.iter().any(|s| s.trim() == format!("warning: {expected}")), "{:?}", script.said);
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), Some(&path), None)), "{out}");
}

#[test]
fn only_those_languages_counts_typescript_and_javascript_as_each_other() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["javascript"]), Key::Enter, Key::Yes, Key::Enter, Key::Enter],
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert!(script.asked.iter().any(|q| q.ends_with("Consider only frameworks in JavaScript, TypeScript?")));
    assert_eq!(summary_line(&script, "Only those"), "Only those languages yes: JavaScript, TypeScript");
    // NestJS and Hono (TypeScript) stay, as they would with `--language javascript --language typescript`.
    let flags = AnswerSet {
        team_knows: Some(vec!["javascript".into()]),
        languages: Some(vec!["javascript".into(), "typescript".into()]),
        ..AnswerSet::default()
    };
    assert!(out.contains(&fixture.recommend(&flags, None, None)), "{out}");
    let ranking = fixture.recommend_json(&flags, None, None);
    let mut ranked: Vec<&str> =
        ranking["ranking"].as_array().expect("a list").iter().filter_map(|r| r["id"].as_str()).collect();
    ranked.sort_unstable();
    let mut expected: Vec<&str> = fixture
        .catalog
        .frameworks
        .iter()
        .filter(|f| f.languages.iter().any(|l| l == "javascript" || l == "typescript"))
        .map(|f| f.id.as_str())
        .collect();
    expected.sort_unstable();
    assert!(expected.contains(&"nestjs") && expected.contains(&"hono") && expected.contains(&"adonisjs"));
    assert_eq!(ranked, expected);
}

const WEIGHING: &str = "How should the five factors be weighed?";

/// Judgements that follow from the weights 8 : 4 : 2 : 1 : 1 exactly (consistency ratio 0), as
/// the scripted picks for the ten comparisons in order and as an answers file's `pairwise`.
const CONSISTENT: [&str; 10] = ["2", "4", "8", "8", "2", "4", "4", "2", "2", "1"];

fn picks(judgements: &[&'static str; 10]) -> Vec<Key> {
    judgements.iter().map(|&j| Key::Pick(j)).collect()
}

/// An answers file's `pairwise` mapping for the ten judgements in `ahp::pairs` order.
fn pairwise_yaml(judgements: &[&str; 10]) -> String {
    let mut text = String::from("pairwise:\n");
    for (pair, judgement) in backend_advisor::decide::ahp::pairs().iter().zip(judgements) {
        text.push_str(&format!("  {}: {judgement}\n", pair.key()));
    }
    text
}

#[test]
fn weighing_in_pairs_asks_ten_comparisons_and_saves_them_for_recommend() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.yaml");
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter, Key::Pick("pairs")],
        picks(&CONSISTENT),
        vec![Key::Tick(&["go"]), Key::Enter, Key::No, Key::Tick(&["api"]), Key::Enter],
        vec![Key::Enter, Key::Pick("save"), Key::Type(path.display().to_string()), Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert_eq!(asked_count(&script, PERFORMANCE), 0, "no importance is asked: {:?}", script.asked);
    // The comparisons share one number, as the five importances do: six questions in all either
    // way, so the total does not change when "in pairs" is chosen.
    assert_eq!(script.asked[1], format!("[2/6] {WEIGHING}"));
    assert_eq!(
        script.asked[2],
        "[3/6] Comparison 1 of 10: which matters more, Performance or Scalability, and how much?"
    );
    assert!(
        script.asked[11].starts_with("[3/6] Comparison 10 of 10: ")
            && script.asked[11].contains("Integration or Community,")
    );
    assert_eq!(script.asked[12], "[4/6] Which languages does the team already know?");
    assert_eq!(summary_line(&script, "Weighing"), "Weighing compare the factors in pairs (AHP)");
    assert_eq!(summary_line(&script, "Comparisons"), "Comparisons consistency ratio 0.00 (consistent: 0.10 or less)");
    // The weight the ranking uses, use-case fit (5, its default since issue 20) and familiarity
    // having taken their share, 15 / (15 + 5 + 5), then the AHP's.
    assert_eq!(summary_line(&script, "Performance"), "Performance weight 30% (50% of the five factors by AHP)");
    assert_eq!(summary_line(&script, "Scalability"), "Scalability weight 15% (25% of the five factors by AHP)");
    assert_eq!(summary_line(&script, "Use-case fit"), "Use-case fit 5 critical");

    // Saved with `pairwise:`, the answers give recommend the ranking shown, weighed by AHP.
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert!(saved.contains("pairwise:\n"), "{saved}");
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), Some(&path), None)), "{out}");
    let from_saved = fixture.recommend_json(&AnswerSet::default(), Some(&path), None);
    assert_eq!(from_saved["weighting"]["method"], "ahp");
    let written = dir.path().join("written.yaml");
    let text = format!("{}use_cases: [api]\nteam_knows: [go]\n", pairwise_yaml(&CONSISTENT));
    std::fs::write(&written, text).expect("write");
    assert_eq!(from_saved, fixture.recommend_json(&AnswerSet::default(), Some(&written), None));
}

#[test]
fn esc_goes_back_one_comparison_and_from_the_first_to_the_way_of_weighing() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter, Key::Pick("pairs"), Key::Pick("3"), Key::Pick("5"), Key::Esc],
        // Back at comparison 2, then 1, then the way of weighing: rate after all.
        vec![Key::Esc, Key::Esc, Key::Pick("rate")],
        FIVE_DEFAULTS[1..].to_vec(),
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    let comparisons: Vec<String> = script
        .asked
        .iter()
        .filter_map(|q| q.split_once("Comparison ").map(|(_, rest)| rest.split(':').next().unwrap_or("").to_string()))
        .collect();
    assert_eq!(comparisons, ["1 of 10", "2 of 10", "3 of 10", "2 of 10", "1 of 10"]);
    assert_eq!(asked_count(&script, WEIGHING), 2);
    assert_eq!(summary_line(&script, "Weighing"), "Weighing rate each factor 0-5");
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), None, None)), "{out}");
}

/// The picks of the file `INCONSISTENT` above, in order.
const CONTRADICTING: [&str; 10] = ["9", "9", "9", "1/9", "1", "1", "1", "1", "1", "1"];

#[test]
fn inconsistent_comparisons_name_the_one_that_disagrees_most_and_it_can_be_revised() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter, Key::Pick("pairs")],
        picks(&CONTRADICTING),
        // Revise it, Esc at the comparison (back to the choice), revise it with the suggestion.
        vec![Key::Pick("revise"), Key::Esc, Key::Pick("revise"), Key::Enter],
        // Still inconsistent, with a new suggestion for the same comparison: take it too.
        vec![Key::Pick("revise"), Key::Enter],
        vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done(), "{:?}", script.asked);
    let mut judgements: [Judgement; 10] = CONTRADICTING.map(|j| Judgement::parse(j).expect("on the scale"));
    let told: Vec<&String> = script.said.iter().filter(|s| s.contains("are inconsistent")).collect();
    assert_eq!(told.len(), 2, "{:?}", script.said);
    // Each time: the consistency ratio, the comparison and the value the weights suggest.
    for (told, (said, suggested)) in told.iter().zip([
        ("Community extremely more important (9)", "both equally important (1)"),
        ("both equally important (1)", "Performance moderately more important (3)"),
    ]) {
        let weights = ahp::weigh(&judgements);
        let worst = weights.inconsistency().expect("inconsistent");
        assert_eq!(worst.pair.key(), "performance/community");
        assert!(told.contains(&format!("consistency ratio {:.2}, above 0.10", weights.consistency_ratio)), "{told}");
        assert!(told.contains("'Performance or Community' disagrees most"), "{told}");
        assert!(told.contains(&format!("you said {said}; the weights suggest {suggested}.")), "{told}");
        judgements[3] = worst.suggested;
    }
    assert_eq!(script.asked.iter().filter(|q| q.contains("Comparison 4 of 10")).count(), 4);
    let after = ahp::weigh(&judgements);
    assert!(after.is_consistent(), "CR {}", after.consistency_ratio);
    let consistent = format!("The comparisons are consistent now: consistency ratio {:.2}.", after.consistency_ratio);
    assert!(script.said.contains(&consistent), "{:?}", script.said);
    assert!(!script.said.iter().any(|s| s.contains("warning:")), "{:?}", script.said);
    // The ranking is weighed with the revised comparisons.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("revised.yaml");
    let revised = judgements.map(|j| j.to_string());
    let revised: [&str; 10] = std::array::from_fn(|i| revised[i].as_str());
    std::fs::write(&path, format!("{}team_knows: []\nuse_cases: []\n", pairwise_yaml(&revised))).expect("write");
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), Some(&path), None)), "{out}");
}

#[test]
fn kept_inconsistent_comparisons_rank_with_recommends_warning_and_can_be_changed_in_the_summary() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter, Key::Pick("pairs")],
        picks(&CONTRADICTING),
        vec![Key::Pick("keep"), Key::Enter, Key::Enter, Key::Enter],
        // Rank, back to the summary, change the comparisons: Esc at the first goes back to the
        // summary as it was.
        vec![Key::Enter, Key::Pick("change"), Key::Pick("change:pairwise"), Key::Esc],
        // Again, changing performance/community only, then Enter through the rest: consistent.
        vec![Key::Pick("change:pairwise"), Key::Enter, Key::Enter, Key::Enter, Key::Pick("9")],
        vec![Key::Enter; 6],
        vec![Key::Enter, Key::Pick("change"), Key::Pick("change:weighing"), Key::Pick("rate")],
        FIVE_DEFAULTS[1..].to_vec(),
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done(), "{:?}", script.asked);
    let summaries: Vec<&String> = script.said.iter().filter(|s| s.contains("Your answers")).collect();
    assert_eq!(summaries.len(), 6, "{summaries:?}");
    for summary in &summaries[..3] {
        assert!(summary.contains("(inconsistent: above 0.10)"), "{summary}");
    }
    assert!(summaries[3].contains("(consistent: 0.10 or less)"), "{}", summaries[3]);
    assert!(summaries[3].contains("Performance       weight 69% (69% of the five factors by AHP)"), "{}", summaries[3]);
    assert!(summaries[5].contains("rate each factor 0-5") && !summaries[5].contains("AHP"), "{}", summaries[5]);
    // Kept inconsistent: recommend's warning, without a file position, before the first ranking only.
    let warnings: Vec<&String> = script.said.iter().filter(|s| s.contains("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].trim().starts_with("warning: the pairwise comparisons are inconsistent"), "{}", warnings[0]);
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), None, None)), "rated at the end:\n{out}");
}

#[test]
fn comparisons_given_in_the_answers_file_skip_the_whole_choice() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pairs.yaml");
    std::fs::write(&path, pairwise_yaml(&CONSISTENT)).expect("write");
    let vocabulary = &fixture.catalog.vocabulary;
    let layers =
        answers::Layers::read(vocabulary, &Sources { file: Some(path.clone()), ..Sources::default() }).expect("valid");
    let session = fixture.session_given(&layers);
    let (script, out, result) =
        fixture.play(&session, vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")]);
    result.expect("finished");
    assert!(script.is_done());
    assert_eq!(script.asked[0], "[1/3] Which languages does the team already know?", "{:?}", script.asked);
    assert_eq!(
        asked_count(&script, WEIGHING) + asked_count(&script, "Comparison ") + asked_count(&script, PERFORMANCE),
        0
    );
    assert_eq!(summary_line(&script, "Weighing"), "Weighing compare the factors in pairs (AHP) (given)");
    assert_eq!(
        summary_line(&script, "Comparisons"),
        "Comparisons consistency ratio 0.00 (consistent: 0.10 or less) (given)"
    );
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), Some(&path), None)), "{out}");

    // Five importances given decide the way of weighing too.
    let given = AnswerSet {
        importance: Importance {
            performance: Some(5),
            scalability: Some(4),
            productivity: Some(3),
            integration: Some(2),
            community: Some(1),
            ..Importance::default()
        },
        ..AnswerSet::default()
    };
    let session = fixture.session(given.clone(), None);
    let script = vec![Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Enter, Key::Pick("quit")];
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert_eq!(asked_count(&script, WEIGHING), 0, "{:?}", script.asked);
    assert_eq!(summary_line(&script, "Weighing"), "Weighing rate each factor 0-5 (given)");
    assert!(out.contains(&fixture.recommend(&given, None, None)), "{out}");
}

#[test]
fn the_summary_switches_to_pairs_and_choosing_the_same_way_asks_nothing_more() {
    let fixture = Fixture::new();
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Enter, Key::Enter, Key::Enter],
        // The same way again: back to the summary at once.
        vec![Key::Pick("change:weighing"), Key::Pick("rate")],
        // In pairs: the ten comparisons (Esc at the fourth goes back to the third), then rank.
        vec![Key::Pick("change:weighing"), Key::Pick("pairs")],
        picks(&CONSISTENT)[..3].to_vec(),
        vec![Key::Esc, Key::Enter],
        picks(&CONSISTENT)[3..].to_vec(),
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done(), "{:?}", script.asked);
    assert_eq!(asked_count(&script, PERFORMANCE), 1);
    assert_eq!(asked_count(&script, "Comparison 3 of 10"), 2);
    assert_eq!(summary_line(&script, "Performance"), "Performance weight 50% (50% of the five factors by AHP)");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pairs.yaml");
    std::fs::write(&path, pairwise_yaml(&CONSISTENT)).expect("write");
    assert!(out.contains(&fixture.recommend(&AnswerSet::default(), Some(&path), None)), "{out}");
}

#[test]
fn a_file_that_cannot_be_written_is_told_and_the_menu_stays() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no-such-folder").join("answers.yaml");
    let script = defaults_then(vec![Key::Pick("save"), Key::Type(path.display().to_string()), Key::Pick("quit")]);
    let (script, _, result) = fixture.play(&fixture.session(AnswerSet::default(), None), script);
    result.expect("finished");
    assert!(script.is_done());
    let told = script.said.iter().find(|s| s.starts_with("Cannot write ")).expect("the failure is told");
    assert!(told.starts_with(&format!("Cannot write {}: cannot create a file in ", path.display())), "{told}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0, "nothing is left behind");
}

#[test]
fn a_language_known_a_little_is_asked_shown_and_kept() {
    let fixture = Fixture::new();
    // Ticked as "TypeScript" and "Python (a little)": the ranking is recommend's with
    // --team-knows typescript --team-knows python:some.
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["typescript", "python:some"]), Key::Enter, Key::No, Key::Tick(&["api"]), Key::Enter],
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done());
    assert_eq!(summary_line(&script, "Languages known"), "Languages known Python (a little), TypeScript");
    // The factors left at their defaults take the use case's, as `recommend --use-case api` does.
    let flags = AnswerSet {
        importance: Importance {
            use_case_fit: Some(answers::default_importance(backend_advisor::criteria::Criterion::UseCaseFit)),
            team_familiarity: Some(answers::default_importance(backend_advisor::criteria::Criterion::TeamFamiliarity)),
            ..Importance::default()
        },
        use_cases: Some(vec!["api".into()]),
        team_knows: Some(vec!["python:some".into(), "typescript".into()]),
        ..AnswerSet::default()
    };
    assert!(out.contains(&fixture.recommend(&flags, None, None)), "{out}");

    // Reopened with `python:some` given in a file, changing the languages from the summary
    // shows "Python (a little)" ticked, and Enter keeps it.
    let given = AnswerSet { team_knows: Some(vec!["python:some".into()]), ..AnswerSet::default() };
    let session = fixture.session(given, None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Enter, Key::No, Key::Tick(&["api"]), Key::Enter],
        vec![Key::Pick("change:team_knows"), Key::Enter, Key::Enter, Key::Enter],
        vec![Key::Enter, Key::Pick("quit")],
    ]);
    let (script, _, result) = fixture.play(&session, script);
    result.expect("finished");
    assert_eq!(summary_line(&script, "Languages known"), "Languages known Python (a little)");
}

#[test]
fn open_to_incumbent_exclusions_and_radar_are_changed_in_the_summary_saved_and_reproduced() {
    let fixture = Fixture::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let radar = dir.path().join("radar.csv");
    std::fs::write(
        &radar,
        "name,ring,quadrant,isNew,description\nDjango,hold,frameworks,FALSE,Being retired\nNestJS,adopt,frameworks,FALSE,Our standard\n",
    )
    .expect("write the radar");
    let saved = dir.path().join("answers.yaml");
    let session = fixture.session(AnswerSet::default(), None);
    let script = keys([
        vec![Key::Enter],
        FIVE_DEFAULTS.to_vec(),
        vec![Key::Tick(&["typescript"]), Key::Enter, Key::No, Key::Tick(&["saas"]), Key::Enter],
        vec![Key::Pick("change:open_to"), Key::Tick(&["python", "go"])],
        vec![Key::Pick("change:incumbent"), Key::Pick("express")],
        vec![Key::Pick("change:exclude"), Key::Tick(&["fastify", "hono"])],
        // A file that is no radar is told, and asked again.
        vec![Key::Pick("change:radar"), Key::Type(dir.path().join("missing.csv").display().to_string())],
        vec![Key::Type(radar.display().to_string())],
        vec![Key::Enter, Key::Pick("save"), Key::Type(saved.display().to_string()), Key::Pick("quit")],
    ]);
    let (script, out, result) = fixture.play(&session, script);
    result.expect("finished");
    assert!(script.is_done(), "{:?}", script.asked);
    assert_eq!(asked_count(&script, "Which technology radar"), 2);
    assert!(script.said.iter().any(|s| s.contains("missing.csv")), "{:?}", script.said);
    assert_eq!(summary_line(&script, "Open to"), "Open to Python, Go");
    assert_eq!(summary_line(&script, "Runs today"), "Runs today Express");
    assert_eq!(summary_line(&script, "Left out"), "Left out Fastify, Hono");
    assert!(summary_line(&script, "Radar").ends_with("radar.csv"));
    let text = std::fs::read_to_string(&saved).expect("the answers were saved");
    assert!(text.contains("incumbent: express") && text.contains("radar: radar.csv"), "{text}");
    // The same ranking as the flags give, and the saved file gives it back.
    let flags = AnswerSet {
        use_cases: Some(vec!["saas".into()]),
        team_knows: Some(vec!["typescript".into()]),
        open_to: Some(vec!["python".into(), "go".into()]),
        incumbent: Some("express".into()),
        exclude: Some(vec!["fastify".into(), "hono".into()]),
        radar: Some(radar.display().to_string()),
        ..AnswerSet::default()
    };
    let from_flags = fixture.recommend_json(&flags, None, None);
    let excluded = from_flags["excluded"].to_string();
    assert!(excluded.contains("django") && excluded.contains("hono"), "{excluded}");
    let from_file = fixture.recommend_json(&AnswerSet::default(), Some(&saved), None);
    for key in from_flags.as_object().expect("an object").keys() {
        assert_eq!(from_file[key], from_flags[key], "{key}");
    }
    assert_eq!(from_file, from_flags);
    assert!(out.contains(&fixture.recommend(&flags, None, None)), "{out}");
}
