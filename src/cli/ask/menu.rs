//! The ranking and the menu after it: compare the top three, show one, save the answers, export
//! the result.

use super::draft::Draft;
use super::prompt::Choice;
use super::prompt::PromptError;
use super::prompt::Question;
use super::{AfterMenu, Flow, Project, Step};
use anyhow::Context as _;
use backend_advisor::Origin;
use backend_advisor::answers;
use backend_advisor::answers::AnswerSet;
use backend_advisor::answers::Answers;
use backend_advisor::answers::Pairwise;
use backend_advisor::catalog::Catalog;
use backend_advisor::catalog::Framework;
use backend_advisor::decide;
use backend_advisor::decide::Analysis;
use backend_advisor::decide::Recommendation;
use backend_advisor::decide::compare::Comparison;
use backend_advisor::decide::score::Ranking;
use backend_advisor::render;
use backend_advisor::render::Context;
use backend_advisor::render::Format;
use backend_advisor::render::Options;
use backend_advisor::render::side_by_side::Charset;
use backend_advisor::render::table;
use std::path::Path;
use std::path::PathBuf;

/// More exclusions than this are one line after the ranking, listed from the menu.
const COLLAPSE_EXCLUDED: usize = 5;

impl<'a> Flow<'_, 'a> {
    /// Rank, show the explained ranking, then offer the menu until the person leaves it.
    pub(super) fn rank_and_menu(&mut self, draft: &Draft<'a>) -> anyhow::Result<AfterMenu> {
        let set = draft.complete();
        let located = self.session.given_pairwise.as_ref().filter(|_| draft.pairwise_is_given());
        let (answers, recommendation) = match rank(self.catalog(), &set, located) {
            Ok(ranked) => ranked,
            Err(problem) => {
                self.prompter.say(&format!("Cannot rank: {problem}"))?;
                return Ok(AfterMenu::Change);
            }
        };
        // The same warning as `recommend`'s, before the ranking it concerns.
        let ranking = &recommendation.ranking;
        if let Some(inconsistency) = ranking.weighting.inconsistency() {
            self.prompter.say(&format!("\nwarning: {inconsistency}"))?;
        }
        let options = Options { explain: true, top: Format::Table.default_top(), ..self.session.options };
        let context = self.context(&answers);
        // A long list of exclusions would push the ranking off the screen: it becomes one line,
        // and the menu offers the list.
        let excluded = render::prose::excluded(ranking);
        let collapse = excluded.len() > COLLAPSE_EXCLUDED;
        let mut shown = recommendation.clone();
        if collapse {
            shown.ranking.excluded.clear();
        }
        self.write(&format!("\n{}", render::ranking(Format::Table, &shown, &context, &options)?))?;
        if collapse {
            let count = excluded.len();
            self.write(&format!(
                "{count} frameworks excluded by your answers: \"See the {count} excluded\" below lists them.\n"
            ))?;
        }
        let top: Vec<&Framework> = ranking.ranking.iter().take(3).filter_map(|r| self.framework(&r.id)).collect();
        loop {
            let mut choices = Vec::new();
            if !top.is_empty() {
                let names: Vec<&str> = top.iter().map(|f| f.name.as_str()).collect();
                choices.push(Choice::new("compare", format!("Compare the top {}", top.len()), names.join(", ")));
                choices.push(Choice::new("show", "Show one framework", "facts, evidence, features, advice"));
            }
            if collapse {
                let label = format!("See the {} excluded", excluded.len());
                choices.push(Choice::new("excluded", label, "each framework left out, and why"));
            }
            choices.extend([
                Choice::new("save", "Save the answers", "a YAML file `recommend --answers` reads back"),
                Choice::new(
                    "export",
                    "Export the result",
                    "table, Markdown, CSV, JSON, YAML, an HTML page or a decision record",
                ),
                Choice::new("change", "Change an answer", "back to the summary (also Esc)"),
                Choice::new("restart", "Start over", "every question again"),
                Choice::new("quit", "Quit", ""),
            ]);
            let question = Question { message: "What next?".into(), help: String::new() };
            let Some(index) = self.prompter.select(&question, &choices, 0)? else { return Ok(AfterMenu::Change) };
            match choices[index].id.as_str() {
                "compare" => {
                    let text = self.compare(&top, &set)?;
                    self.write(&text)?;
                }
                "show" => self.show(ranking)?,
                "excluded" => {
                    let width = self.session.options.width;
                    let lines: Vec<String> =
                        excluded.iter().map(|line| table::paragraph(&format!("  - {line}"), width, "    ")).collect();
                    self.write(&format!("\nExcluded by your answers ({}):\n{}", excluded.len(), lines.concat()))?;
                }
                "save" => self.save(&set)?,
                "export" => self.export(&recommendation, &answers, &set)?,
                "change" => return Ok(AfterMenu::Change),
                "restart" => return Ok(AfterMenu::StartOver),
                _ => return Ok(AfterMenu::Quit),
            }
        }
    }

    /// What reports say besides the ranking.
    pub(super) fn context<'b>(&'b self, answers: &'b Answers) -> Context<'b> {
        Context { answers, catalog: self.catalog(), provenance: &self.session.provenance }
    }

    pub(super) fn framework(&self, id: &str) -> Option<&'a Framework> {
        self.catalog().frameworks.iter().find(|f| f.id == id)
    }

    /// The top frameworks side by side, scored with these answers, as `compare` shows them (a
    /// single framework left by the filters is shown in full instead).
    pub(super) fn compare(&self, frameworks: &[&Framework], set: &AnswerSet) -> anyhow::Result<String> {
        let catalog = self.catalog();
        let vocabulary = &catalog.vocabulary;
        if frameworks.len() < 2 {
            let mut text = String::new();
            for framework in frameworks {
                text.push('\n');
                text.push_str(&render::framework(Format::Table, framework, vocabulary, &self.session.options)?);
            }
            return Ok(text);
        }
        let answers = Answers::resolve(set, vocabulary, Origin::Questionnaire)?;
        let ids: Vec<String> = frameworks.iter().map(|f| f.id.to_string()).collect();
        let comparison = Comparison::new(catalog, &ids, None, Some(&answers))?;
        let options = Options { width: Some(self.session.compare_width), ..self.session.options };
        let table = render::comparison(
            Format::Table,
            &comparison,
            vocabulary,
            &options,
            Charset::Unicode,
            &self.session.provenance,
        )?;
        Ok(format!("\n{table}"))
    }

    /// Pick one ranked framework and show everything about it.
    pub(super) fn show(&mut self, ranking: &Ranking) -> anyhow::Result<()> {
        let vocabulary = &self.catalog().vocabulary;
        let choices: Vec<Choice> = ranking
            .ranking
            .iter()
            .map(|r| {
                let detail = format!("{}, {:.1}", vocabulary.language_name(&r.language), r.score);
                Choice::new(&r.id, format!("{}. {}", r.rank, r.name), detail)
            })
            .collect();
        let question = Question { message: "Which framework?".into(), help: String::new() };
        let Some(index) = self.prompter.select(&question, &choices, 0)? else { return Ok(()) };
        if let Some(framework) = self.framework(&choices[index].id) {
            let text = render::framework(Format::Table, framework, vocabulary, &self.session.options)?;
            self.write(&format!("\n{text}"))?;
        }
        Ok(())
    }

    /// Save the answers in the answers-file format.
    pub(super) fn save(&mut self, set: &AnswerSet) -> anyhow::Result<()> {
        let question = Question {
            message: "Save the answers to:".into(),
            help: "A YAML answers file; `backend-advisor recommend --answers FILE` reads it back.".into(),
        };
        let Some((path, replace)) = self.ask_path(&question, "answers.yaml")? else { return Ok(()) };
        let text = answers_file(set, &path, self.session.catalogs)?;
        if self.write_file(&path, &text, replace)? {
            let again = reproduce(&path, self.session.catalogs);
            self.prompter.say(&format!("Saved {}. The same ranking again: {again}", path.display()))?;
        }
        Ok(())
    }

    /// Write the ranking to a file in a format of the person's choice.
    pub(super) fn export(
        &mut self,
        recommendation: &Recommendation,
        answers: &Answers,
        set: &AnswerSet,
    ) -> anyhow::Result<()> {
        let formats = [
            (Format::Table, "table", "the table as shown, without colour", "ranking.txt"),
            (Format::Markdown, "markdown", "to paste into an issue or a decision record", "ranking.md"),
            (Format::Csv, "csv", "one row per framework, unrounded numbers", "ranking.csv"),
            (Format::Json, "json", "the output contract of `recommend --format json`", "ranking.json"),
            (Format::Yaml, "yaml", "the same document as JSON, in YAML", "ranking.yaml"),
            (Format::Html, "html", "a page with charts to send or open in a browser", "ranking.html"),
            (Format::Adr, "adr", "an architecture decision record (MADR) to commit", "0001-backend-framework.md"),
        ];
        let choices: Vec<Choice> = formats.iter().map(|(_, id, detail, _)| Choice::new(*id, *id, *detail)).collect();
        let question = Question { message: "Export in which format?".into(), help: String::new() };
        let Some(index) = self.prompter.select(&question, &choices, 0)? else { return Ok(()) };
        let (format, _, _, default) = formats[index];
        let record = format == Format::Adr;
        let help = if record {
            "A file name, or a folder (docs/decisions/) to number the record into as NNNN-title.md."
        } else {
            "A file name; the folder must exist."
        };
        let question = Question { message: "Export to:".into(), help: help.into() };
        let Some((mut path, replace)) = self.ask_path_or_folder(&question, default, record)? else { return Ok(()) };
        // A report for other people names the project: ask for what the flags and file did not give.
        let mut answers = answers.clone();
        let mut set = set.clone();
        if matches!(format, Format::Adr | Format::Html) {
            let Some(()) = self.project(&mut answers, &mut set, record)? else { return Ok(()) };
        }
        // A record exported into a folder takes the folder's next free number and the title.
        if record && (path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/')) {
            match numbered(&path, answers.title.as_deref()) {
                Ok(file) => path = file,
                Err(why) => {
                    self.prompter.say(&format!("Cannot write into {}: {why}", path.display()))?;
                    return Ok(());
                }
            }
        }
        // The answers are saved beside the export, so that the command the report prints
        // (`backend-advisor recommend --answers FILE …`) gives it again.
        let saved = path.with_file_name(format!(
            "{}.answers.yaml",
            path.file_stem().map_or_else(|| "export".into(), |s| s.to_string_lossy().into_owned())
        ));
        let mut words = vec!["backend-advisor".to_string(), "recommend".into()];
        for catalog in self.session.catalogs {
            words.extend(["--catalog".into(), catalog.display().to_string()]);
        }
        words.extend(["--answers".into(), saved.display().to_string(), "--explain".into()]);
        if format != Format::Table {
            words.extend(["--format".into(), format.id().to_string()]);
        }
        // The report is there by then: the command replaces it with the same text.
        words.extend(["--output".into(), path.display().to_string(), "--force".into()]);
        let mut provenance = self.session.provenance.clone();
        provenance.command = backend_advisor::provenance::command_line(&words);
        provenance.output = Some(path.display().to_string());
        // A file has no terminal: tables fit the width a pipe gets.
        let width = Some(self.session.options.width.unwrap_or(100));
        let options = Options { explain: true, top: format.default_top(), color: false, width };
        let context = Context { answers: &answers, catalog: self.catalog(), provenance: &provenance };
        let text = render::ranking(format, recommendation, &context, &options)?;
        let answers_text = answers_file(&set, &saved, self.session.catalogs)?;
        // Another export of the same name (ranking.md and ranking.html) saved its answers there:
        // replacing different answers is asked, as replacing a report is.
        let replace_saved = saved.exists();
        if replace_saved && std::fs::read_to_string(&saved).ok().as_deref() != Some(answers_text.as_str()) {
            let question = Question {
                message: format!("{} holds other answers. Replace them?", saved.display()),
                help: "The report's command reads its answers from this file.".into(),
            };
            if self.prompter.confirm(&question, false)? != Some(true) {
                self.prompter.say("Nothing was written.")?;
                return Ok(());
            }
        }
        if self.write_file(&saved, &answers_text, replace_saved)? && self.write_file(&path, &text, replace)? {
            self.prompter.say(&format!(
                "Wrote {} and the answers it was made from, {}. The same report again: {}",
                path.display(),
                saved.display(),
                provenance.command
            ))?;
        }
        Ok(())
    }

    /// The project's name and description for a report, and for a decision record also who
    /// decides and who is kept informed; offered as the flags, the answers file or the last
    /// export gave them, and kept in the answers so that they are saved too. `None` when the
    /// person went back.
    fn project(&mut self, answers: &mut Answers, set: &mut AnswerSet, record: bool) -> Result<Option<()>, PromptError> {
        let known = self.remembered(set);
        let Some(mut told) = self.ask_project(Step::Project, known)? else { return Ok(None) };
        if record {
            let Some(people) = self.ask_project(Step::People, told.clone())? else { return Ok(None) };
            told = people;
        }
        set.title.clone_from(&told.title);
        set.description.clone_from(&told.description);
        answers.title.clone_from(&told.title);
        answers.description.clone_from(&told.description);
        if record {
            set.name.clone_from(&told.name);
            set.role.clone_from(&told.role);
            set.informed = told.informed.clone().filter(|i| !i.is_empty());
            answers.decider = backend_advisor::answers::decider(set);
            answers.informed = backend_advisor::answers::names(told.informed.as_deref().unwrap_or_default());
        }
        self.project = told;
        Ok(Some(()))
    }

    /// Ask what `step` ([`Step::Project`]: title and description; [`Step::People`]: name, role
    /// and who is informed) says, offering what is `known`; the answers over `known`, an empty
    /// answer meaning none. `None` when the person went back.
    pub(super) fn ask_project(&mut self, step: Step, known: Project) -> Result<Option<Project>, PromptError> {
        let asked: Vec<(&str, &str, String)> = if step == Step::Project {
            vec![
                (
                    "What is the project called? (a report's title; Enter for none)",
                    "e.g. Checkout service",
                    known.title.clone().unwrap_or_default(),
                ),
                (
                    "Describe the project in a sentence (Enter for none):",
                    "It opens a record's context.",
                    known.description.clone().unwrap_or_default(),
                ),
            ]
        } else {
            vec![
                (
                    "Your name, for a record's decision-makers (Enter for none):",
                    "e.g. Dana Reyes",
                    known.name.clone().unwrap_or_default(),
                ),
                ("Your role (Enter for none):", "e.g. tech lead", known.role.clone().unwrap_or_default()),
                (
                    "Who should be kept informed? Names or groups, separated by commas (Enter for none):",
                    "e.g. Platform team, Head of engineering",
                    known.informed.clone().unwrap_or_default().join(", "),
                ),
            ]
        };
        let mut replies: Vec<Option<String>> = Vec::new();
        for (message, help, default) in asked {
            let question = Question { message: message.into(), help: help.into() };
            let Some(reply) = self.prompter.editable(&question, &default)? else { return Ok(None) };
            replies.push(clean(reply));
        }
        let mut told = known;
        if step == Step::Project {
            told.title = replies[0].clone();
            told.description = replies[1].clone();
        } else {
            told.name = replies[0].clone();
            told.role = replies[1].clone();
            let names = replies[2].as_deref().unwrap_or_default().split(',').filter_map(|n| clean(n.to_string()));
            told.informed = Some(names.collect());
        }
        Ok(Some(told))
    }

    /// Ask for a file to write; an existing file is replaced only when the person says so.
    /// Returns the path and whether replacing it was agreed, or `None` when they went back.
    pub(super) fn ask_path(
        &mut self,
        question: &Question,
        default: &str,
    ) -> Result<Option<(PathBuf, bool)>, PromptError> {
        self.ask_path_or_folder(question, default, false)
    }

    /// As [`ask_path`](Self::ask_path); with `folder_ok`, a folder (an existing one, or a path
    /// ending in `/`) is an answer too, returned as it is: a decision record is numbered into it.
    fn ask_path_or_folder(
        &mut self,
        question: &Question,
        default: &str,
        folder_ok: bool,
    ) -> Result<Option<(PathBuf, bool)>, PromptError> {
        let mut default = default.to_string();
        loop {
            let Some(answer) = self.prompter.text(question, &default)? else { return Ok(None) };
            let answer = answer.trim();
            if answer.is_empty() {
                self.prompter.say("Give a file name.")?;
                continue;
            }
            let path = PathBuf::from(answer);
            default = answer.to_string();
            if folder_ok && (path.is_dir() || answer.ends_with('/')) {
                return Ok(Some((path, false)));
            }
            if path.is_dir() {
                self.prompter.say(&format!("{} is a folder; give a file name.", path.display()))?;
                continue;
            }
            if !path.exists() {
                return Ok(Some((path, false)));
            }
            let replace = Question { message: format!("{} exists. Replace it?", path.display()), help: String::new() };
            if self.prompter.confirm(&replace, false)? == Some(true) {
                return Ok(Some((path, true)));
            }
        }
    }

    /// Write a file whole or not at all; a failure is told to the person, who stays in the menu.
    pub(super) fn write_file(&mut self, path: &Path, text: &str, replace: bool) -> Result<bool, PromptError> {
        match crate::cli::write::write_atomic(path, text.as_bytes(), replace) {
            Ok(()) => Ok(true),
            Err(error) => {
                self.prompter.say(&format!("Cannot write {}: {error}", path.display()))?;
                Ok(false)
            }
        }
    }

    pub(super) fn write(&mut self, text: &str) -> anyhow::Result<()> {
        self.out.write_all(text.as_bytes()).and_then(|()| self.out.flush()).context("cannot write the output")
    }
}

/// Resolve and rank complete answers, as `recommend` does; `located` are the same comparisons
/// as the answers' `pairwise`, with their place in the answers file.
fn rank(
    catalog: &Catalog,
    set: &AnswerSet,
    located: Option<&Pairwise>,
) -> backend_advisor::Result<(Answers, Recommendation)> {
    answers::check(set, &catalog.vocabulary, &answers::Source::Flags)?;
    let mut resolved = Answers::resolve(set, &catalog.vocabulary, Origin::Questionnaire)?;
    // The radar given (by flag, answers file or the summary) removes its Hold frameworks here as
    // it does for `recommend`.
    resolved.radar = answers::read_radar(set)?;
    if let Some(located) = located {
        resolved.pairwise = Some(located.clone());
    }
    let recommendation = decide::rank(catalog, &resolved, &Analysis::default())?;
    Ok((resolved, recommendation))
}

/// A word a shell reads back unchanged.
fn quoted(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "._-/+=:,@".contains(c)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The command that ranks saved answers again.
fn reproduce(path: &Path, catalogs: &[PathBuf]) -> String {
    let mut command = String::from("backend-advisor recommend");
    for catalog in catalogs {
        command.push_str(&format!(" --catalog {}", quoted(&catalog.display().to_string())));
    }
    command.push_str(&format!(" --answers {} --explain", quoted(&path.display().to_string())));
    command
}

/// The saved answers: a comment saying how to use them, then the answers-file YAML.
fn answers_file(set: &AnswerSet, path: &Path, catalogs: &[PathBuf]) -> anyhow::Result<String> {
    // An answers file names its radar relative to its own folder.
    let mut set = set.clone();
    if let (Some(radar), Some(folder)) = (set.radar.as_mut(), path.parent()) {
        *radar = crate::cli::decisions::relative(folder, Path::new(&*radar));
    }
    let yaml = serde_yaml::to_string(&set).context("cannot write the answers as YAML")?;
    Ok(format!(
        "# backend-advisor answers (format: docs/answers-file.md), saved by `backend-advisor ask`.\n# Rank them again: {}\n{yaml}",
        reproduce(path, catalogs)
    ))
}

/// One line without control characters or characters a report refuses, as `--title` takes it;
/// `None` when nothing is left.
pub(super) fn clean(text: String) -> Option<String> {
    let text: String =
        text.chars().filter(|&c| !c.is_control() && !backend_advisor::escape::is_refused(c)).collect::<String>();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The next free record file in `folder` (created when missing): `NNNN-title-slug.md`, one above
/// the highest number of the Markdown files there.
fn numbered(folder: &Path, title: Option<&str>) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let number = backend_advisor::decide::records::next_number(&files);
    Ok(folder.join(backend_advisor::decide::records::file_name(number, title)))
}
