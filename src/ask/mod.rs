//! The questionnaire of `ask`: which questions to put and in which order, their defaults, the
//! summary, the ranking and the menu after it. It reaches the person only through a
//! [`Prompter`], so the terminal is one implementation and the tests script another.

pub mod prompt;
#[cfg(test)]
mod script;
pub mod terminal;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::{Path, PathBuf};

use anstyle::Style;
use anyhow::Context;
use backend_advisor::Origin;
use backend_advisor::answers::{self, AnswerSet, Answers, Pairwise, Preset};
use backend_advisor::catalog::{Catalog, Factor, Framework, Vocabulary};
use backend_advisor::compare;
use backend_advisor::render::sheet::Charset;
use backend_advisor::render::{self, Format, Options};
use backend_advisor::score::{self, Criterion, Ranking};

pub use prompt::{Choice, PromptError, Prompter, Question};

/// What an importance from 0 to 5 means, in words.
const IMPORTANCE: [&str; 6] = ["ignore", "minor", "low", "medium", "high", "critical"];

/// The importance a criterion has when nobody said otherwise.
const DEFAULT_IMPORTANCE: u8 = 3;

/// Everything the questionnaire starts from, decided by the caller.
pub struct Session<'a> {
    /// The catalog to rank: built-in plus `--catalog` layers.
    pub catalog: &'a Catalog,
    /// The presets offered as starting points.
    pub presets: &'a [Preset],
    /// Answers given up front by flags and `--answers` (already checked): their questions are skipped.
    pub given: AnswerSet,
    /// Skip the starting-point question: `--preset` or `--answers` gave one.
    pub start_given: bool,
    /// The preset given with `--preset`.
    pub preset: Option<&'a Preset>,
    /// The comparisons of `given`, located in the answers file, so that the inconsistency
    /// warning points at the comparison to revise as `recommend`'s does.
    pub given_pairwise: Option<Pairwise>,
    /// How to render results on the output (colour and width decided for it).
    pub options: Options,
    /// Whether messages to the person (on the prompts' stream) may be styled.
    pub styled: bool,
    /// The `--catalog` files, for the "reproduce with" command shown after saving.
    pub catalogs: &'a [PathBuf],
}

/// One question of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// A preset or from scratch.
    Start,
    /// The importance of a criterion.
    Importance(Criterion),
    /// Which languages the team knows.
    TeamKnows,
    /// Whether to consider only those languages.
    OnlyKnown,
    /// What the project is.
    UseCases,
    /// Which features must be built in.
    Require,
}

/// The questions in the order they are put; the summary may also change the importance of the
/// context criteria, which otherwise keep their default.
const QUESTIONS: [Step; 10] = [
    Step::Start,
    Step::Importance(Criterion::Factor(Factor::Performance)),
    Step::Importance(Criterion::Factor(Factor::Scalability)),
    Step::Importance(Criterion::Factor(Factor::Productivity)),
    Step::Importance(Criterion::Factor(Factor::Integration)),
    Step::Importance(Criterion::Factor(Factor::Community)),
    Step::TeamKnows,
    Step::OnlyKnown,
    Step::UseCases,
    Step::Require,
];

/// The answers so far, in layers: what the person chose here, over what was given up front,
/// over the chosen preset.
#[derive(Debug, Clone)]
struct Draft<'a> {
    vocabulary: &'a Vocabulary,
    given: AnswerSet,
    start_given: bool,
    preset: Option<&'a Preset>,
    answered: AnswerSet,
    only_known: Option<bool>,
}

impl<'a> Draft<'a> {
    fn start(session: &Session<'a>) -> Self {
        Draft {
            vocabulary: &session.catalog.vocabulary,
            given: session.given.clone(),
            start_given: session.start_given,
            preset: session.preset,
            answered: AnswerSet::default(),
            only_known: None,
        }
    }

    /// Nothing given, nothing answered: "start over".
    fn blank(session: &Session<'a>) -> Self {
        Draft {
            vocabulary: &session.catalog.vocabulary,
            given: AnswerSet::default(),
            start_given: false,
            preset: None,
            answered: AnswerSet::default(),
            only_known: None,
        }
    }

    /// The layers merged, defaults not yet applied.
    fn merged(&self) -> AnswerSet {
        let mut layers = vec![&self.answered, &self.given];
        layers.extend(self.preset.map(|p| &p.answers));
        let mut set = answers::merge(&layers);
        if let Some(only) = self.only_known {
            set.languages = Some(if only {
                kin(self.vocabulary, set.team_knows.as_deref().unwrap_or_default())
            } else {
                Vec::new()
            });
        }
        set
    }

    /// Every answer spelled out, defaults included, so that a saved file stands on its own and
    /// `recommend --answers` reads it back to the same ranking.
    fn complete(&self) -> AnswerSet {
        let mut set = self.merged();
        for factor in Factor::ALL {
            let criterion = Criterion::Factor(factor);
            set.importance.set(criterion, Some(set.importance.get(criterion).unwrap_or(DEFAULT_IMPORTANCE)));
        }
        let use_cases = set.use_cases.take().unwrap_or_default();
        let team_knows = set.team_knows.take().unwrap_or_default();
        set.importance.use_case_fit =
            (!use_cases.is_empty()).then(|| set.importance.use_case_fit.unwrap_or(DEFAULT_IMPORTANCE));
        set.importance.team_familiarity =
            (!team_knows.is_empty()).then(|| set.importance.team_familiarity.unwrap_or(DEFAULT_IMPORTANCE));
        set.use_cases = Some(use_cases);
        set.team_knows = Some(team_knows);
        set.languages = Some(set.languages.take().unwrap_or_default());
        set.require = Some(set.require.take().unwrap_or_default());
        set
    }

    /// Whether the answer to `step` was given up front (flags, `--answers`, `--preset`).
    fn is_given(&self, step: Step) -> bool {
        match step {
            Step::Start => self.start_given,
            Step::Importance(criterion) => self.given.importance.get(criterion).is_some(),
            Step::TeamKnows => self.given.team_knows.is_some(),
            Step::OnlyKnown => self.given.languages.is_some(),
            Step::UseCases => self.given.use_cases.is_some(),
            Step::Require => self.given.require.is_some(),
        }
    }

    /// Whether `step` was answered here (it then beats what was given).
    fn is_answered(&self, step: Step) -> bool {
        match step {
            Step::Start => false,
            Step::Importance(criterion) => self.answered.importance.get(criterion).is_some(),
            Step::TeamKnows => self.answered.team_knows.is_some(),
            Step::OnlyKnown => self.only_known.is_some(),
            Step::UseCases => self.answered.use_cases.is_some(),
            Step::Require => self.answered.require.is_some(),
        }
    }

    /// Whether `step` means anything with the answers so far.
    fn applies(&self, step: Step) -> bool {
        let set = self.merged();
        let any = |list: &Option<Vec<String>>| list.as_ref().is_some_and(|l| !l.is_empty());
        match step {
            Step::OnlyKnown | Step::Importance(Criterion::TeamFamiliarity) => any(&set.team_knows),
            Step::Importance(Criterion::UseCaseFit) => any(&set.use_cases),
            _ => true,
        }
    }

    /// Whether the comparisons weighed are exactly those given up front.
    fn pairwise_is_given(&self) -> bool {
        self.given.pairwise.is_some() && self.merged().pairwise == self.given.pairwise
    }

    fn importance(&self, criterion: Criterion) -> u8 {
        self.merged().importance.get(criterion).unwrap_or(DEFAULT_IMPORTANCE)
    }

    /// Choose a starting point. A different preset replaces the answers given here so far,
    /// because every later default follows from it.
    fn choose_start(&mut self, preset: Option<&'a Preset>) {
        let same = self.preset.map(|p| &p.id) == preset.map(|p| &p.id);
        if !same {
            self.preset = preset;
            self.answered = AnswerSet::default();
            self.only_known = None;
        }
        self.start_given = false;
    }
}

/// How a run through the questions ended.
enum End {
    Quit,
    StartOver,
}

/// What the menu after the ranking led to.
enum AfterMenu {
    Quit,
    StartOver,
    /// Back to the summary to change an answer.
    Change,
}

/// Run the questionnaire until the person quits. Results go to `out`; questions and messages go
/// through `prompter`. Ctrl-C surfaces as [`PromptError::Interrupted`] and nothing more is written.
pub fn run(session: &Session, prompter: &mut dyn Prompter, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut flow = Flow { session, prompter, out };
    let mut draft = Draft::start(session);
    loop {
        match flow.questionnaire(&mut draft)? {
            End::Quit => return Ok(()),
            End::StartOver => draft = Draft::blank(session),
        }
    }
}

/// One pass of the questionnaire, with what it needs at hand.
struct Flow<'s, 'a> {
    session: &'s Session<'a>,
    prompter: &'s mut dyn Prompter,
    out: &'s mut dyn Write,
}

impl<'a> Flow<'_, 'a> {
    fn catalog(&self) -> &'a Catalog {
        self.session.catalog
    }

    /// The questions not given up front, then the summary, then the ranking and the menu. Esc
    /// goes back one question; from the summary, to the last question asked.
    fn questionnaire(&mut self, draft: &mut Draft<'a>) -> anyhow::Result<End> {
        let questions: Vec<Step> = QUESTIONS.into_iter().filter(|&step| !draft.is_given(step)).collect();
        let mut asked: Vec<usize> = Vec::new();
        let mut next = 0;
        loop {
            if let Some(&step) = questions.get(next) {
                if !draft.applies(step) {
                    next += 1;
                    continue;
                }
                // "Only those languages?" follows up the languages question and shares its number,
                // so the total does not change when it starts to apply.
                let follow_up = |s: Step| s == Step::OnlyKnown && questions.contains(&Step::TeamKnows);
                let numbered: Vec<usize> =
                    (0..questions.len()).filter(|&i| draft.applies(questions[i]) && !follow_up(questions[i])).collect();
                let position = numbered.iter().filter(|&&i| i <= next).count();
                let progress = format!("[{position}/{}] ", numbered.len());
                match self.ask(draft, step, &progress)? {
                    Some(()) => {
                        asked.push(next);
                        next += 1;
                    }
                    None => next = back(&mut asked, &questions, draft).unwrap_or(next),
                }
                continue;
            }
            match self.summary(draft)? {
                Some(None) => match self.rank_and_menu(draft)? {
                    AfterMenu::Quit => return Ok(End::Quit),
                    AfterMenu::StartOver => return Ok(End::StartOver),
                    AfterMenu::Change => {}
                },
                Some(Some(step)) => {
                    // Esc while changing one answer returns to the summary, which comes next anyway.
                    self.ask(draft, step, "")?;
                }
                None => {
                    if let Some(previous) = back(&mut asked, &questions, draft) {
                        next = previous;
                    }
                }
            }
        }
    }

    /// Put one question and record its answer; `None` when the person went back.
    fn ask(&mut self, draft: &mut Draft<'a>, step: Step, progress: &str) -> Result<Option<()>, PromptError> {
        let vocabulary = &self.catalog().vocabulary;
        let current = draft.merged();
        match step {
            Step::Start => {
                let presets = self.session.presets;
                let mut choices = vec![Choice::new("scratch", "From scratch", "every importance starts at 3 (medium)")];
                choices.extend(presets.iter().map(|p| Choice::new(&p.id, &p.id, &p.description)));
                let default = draft.preset.and_then(|d| presets.iter().position(|p| p.id == d.id)).map_or(0, |i| i + 1);
                let question = Question {
                    message: format!("{progress}Start from a preset, or from scratch?"),
                    help: "A preset sets the defaults of the next questions.".into(),
                };
                let Some(index) = self.prompter.select(&question, &choices, default)? else { return Ok(None) };
                draft.choose_start(index.checked_sub(1).and_then(|i| presets.get(i)));
            }
            Step::Importance(criterion) => {
                let (message, help) = importance_wording(self.catalog(), criterion);
                let choices: Vec<Choice> =
                    (0u8..=5).map(|v| Choice::new(v.to_string(), importance_label(v), "")).collect();
                let question = Question { message: format!("{progress}{message}"), help };
                let default = usize::from(draft.importance(criterion));
                let Some(index) = self.prompter.select(&question, &choices, default)? else { return Ok(None) };
                draft.answered.importance.set(criterion, u8::try_from(index).ok());
            }
            Step::TeamKnows => {
                let choices: Vec<Choice> =
                    vocabulary.languages.iter().map(|l| Choice::new(&l.id, &l.name, "")).collect();
                let known = current.team_knows.unwrap_or_default();
                let selected = indexes(&choices, |id| known.iter().any(|k| k == id));
                let question = Question {
                    message: format!("{progress}Which languages does the team already know?"),
                    help: "Frameworks in these languages rate higher (TypeScript and JavaScript count as each other); none is fine.".into(),
                };
                let Some(picked) = self.prompter.multi_select(&question, &choices, &selected)? else { return Ok(None) };
                draft.answered.team_knows = Some(ids(&choices, &picked));
            }
            Step::OnlyKnown => {
                let known = kin(vocabulary, current.team_knows.as_deref().unwrap_or_default());
                let names: Vec<&str> = known.iter().map(|id| vocabulary.language_name(id)).collect();
                let only = current.languages.as_ref().is_some_and(|l| !l.is_empty());
                let question = Question {
                    message: format!("{progress}Consider only frameworks in {}?", names.join(", ")),
                    help: "Yes removes every other language (TypeScript and JavaScript count as each other); no keeps \
                           them, only rated lower."
                        .into(),
                };
                let Some(answer) = self.prompter.confirm(&question, only)? else { return Ok(None) };
                draft.only_known = Some(answer);
            }
            Step::UseCases => {
                let choices: Vec<Choice> =
                    vocabulary.use_cases.iter().map(|u| Choice::new(&u.id, &u.id, &u.description)).collect();
                let wanted = current.use_cases.unwrap_or_default();
                let selected = indexes(&choices, |id| wanted.iter().any(|w| w == id));
                let question = Question {
                    message: format!("{progress}What is the project? Tick all that apply."),
                    help: "Frameworks known to suit more of them rate higher; none is fine.".into(),
                };
                let Some(picked) = self.prompter.multi_select(&question, &choices, &selected)? else { return Ok(None) };
                draft.answered.use_cases = Some(ids(&choices, &picked));
            }
            Step::Require => {
                let require = current.require.unwrap_or_default();
                // A requirement given with a weaker level (`admin:official`) keeps it.
                let level_of =
                    |feature: &str| require.iter().find(|r| r.split(':').next() == Some(feature)).map(String::as_str);
                let choices: Vec<Choice> = vocabulary
                    .features
                    .iter()
                    .map(|f| {
                        let label = match level_of(&f.id).and_then(|r| r.split_once(':')) {
                            Some((_, level)) => format!("{} ({level} or better)", f.id),
                            None => f.id.clone(),
                        };
                        Choice::new(&f.id, label, &f.description)
                    })
                    .collect();
                let selected = indexes(&choices, |id| level_of(id).is_some());
                let question = Question {
                    message: format!(
                        "{progress}Which features must be built in? Frameworks without them are left out."
                    ),
                    help: "None is fine: nothing is left out.".into(),
                };
                let Some(picked) = self.prompter.multi_select(&question, &choices, &selected)? else { return Ok(None) };
                let chosen = picked
                    .iter()
                    .filter_map(|&i| choices.get(i))
                    .map(|c| level_of(&c.id).map_or_else(|| c.id.clone(), str::to_string))
                    .collect();
                draft.answered.require = Some(chosen);
            }
        }
        Ok(Some(()))
    }

    /// Show every answer and ask whether to rank or change one. `Some(None)`: rank;
    /// `Some(Some(step))`: change that answer; `None`: back.
    fn summary(&mut self, draft: &Draft<'a>) -> Result<Option<Option<Step>>, PromptError> {
        // The context importances sit with the others, after the five factors.
        let (importances, context) = QUESTIONS.split_at(6);
        let editable: Vec<Step> = importances
            .iter()
            .copied()
            .chain([Criterion::UseCaseFit, Criterion::TeamFamiliarity].map(Step::Importance))
            .chain(context.iter().copied())
            .filter(|&step| draft.applies(step))
            .collect();
        let bold = if self.session.styled { Style::new().bold() } else { Style::new() };
        let dim = if self.session.styled { Style::new().dimmed() } else { Style::new() };
        let mut text = format!("\n{bold}Your answers{bold:#}\n");
        let rows: Vec<(String, String, Step)> =
            editable.iter().map(|&step| (self.topic(step), self.answer_text(draft, step), step)).collect();
        let width = rows.iter().map(|(topic, ..)| topic.chars().count()).max().unwrap_or(0);
        for (topic, answer, step) in &rows {
            let given = draft.is_given(*step) && !draft.is_answered(*step);
            let mark = if given { format!("  {dim}(given){dim:#}") } else { String::new() };
            text.push_str(&format!("  {topic:<width$}  {answer}{mark}\n"));
        }
        self.prompter.say(&text)?;
        let mut choices = vec![Choice::new("rank", "Rank the frameworks with these answers", "")];
        choices.extend(rows.iter().map(|(topic, answer, step)| {
            Choice::new(format!("change:{}", step_id(*step)), format!("Change {topic}"), format!("now {answer}"))
        }));
        let question = Question {
            message: "Rank with these answers, or change one?".into(),
            help: "Esc goes back to the last question.".into(),
        };
        Ok(self.prompter.select(&question, &choices, 0)?.map(|index| index.checked_sub(1).map(|i| rows[i].2)))
    }

    /// The name of what a step asks, for the summary.
    fn topic(&self, step: Step) -> String {
        match step {
            Step::Start => "Starting point".into(),
            Step::Importance(Criterion::Factor(factor)) => self
                .catalog()
                .vocabulary
                .factor(factor)
                .map_or_else(|| factor.id().to_string(), |info| info.label.clone()),
            Step::Importance(criterion) => criterion.label().into(),
            Step::TeamKnows => "Languages known".into(),
            Step::OnlyKnown => "Only those languages".into(),
            Step::UseCases => "Use cases".into(),
            Step::Require => "Must be built in".into(),
        }
    }

    /// The answer to a step, in words.
    fn answer_text(&self, draft: &Draft<'a>, step: Step) -> String {
        let set = draft.complete();
        let vocabulary = &self.catalog().vocabulary;
        let list = |values: &Option<Vec<String>>| match values.as_deref() {
            Some(values) if !values.is_empty() => values.join(", "),
            _ => "none".into(),
        };
        match step {
            Step::Start => match (draft.preset, draft.start_given && draft.given != AnswerSet::default()) {
                (Some(preset), _) => format!("preset {}", preset.id),
                (None, true) => "the answers given".into(),
                (None, false) => "from scratch".into(),
            },
            Step::Importance(criterion) => importance_label(draft.importance(criterion)),
            Step::TeamKnows => match set.team_knows.as_deref() {
                Some(known) if !known.is_empty() => {
                    known.iter().map(|id| vocabulary.language_name(id)).collect::<Vec<_>>().join(", ")
                }
                _ => "none".into(),
            },
            Step::OnlyKnown => match set.languages.as_deref() {
                Some(only) if !only.is_empty() => {
                    let names: Vec<&str> = only.iter().map(|id| vocabulary.language_name(id)).collect();
                    format!("yes: {}", names.join(", "))
                }
                _ => "no".into(),
            },
            Step::UseCases => list(&set.use_cases),
            Step::Require => list(&set.require),
        }
    }

    /// Rank, show the explained ranking, then offer the menu until the person leaves it.
    fn rank_and_menu(&mut self, draft: &Draft<'a>) -> anyhow::Result<AfterMenu> {
        let set = draft.complete();
        let located = self.session.given_pairwise.as_ref().filter(|_| draft.pairwise_is_given());
        let ranking = match rank(self.catalog(), &set, located) {
            Ok(ranking) => ranking,
            Err(problem) => {
                self.prompter.say(&format!("Cannot rank: {problem}"))?;
                return Ok(AfterMenu::Change);
            }
        };
        // The same warning as `recommend`'s, before the ranking it concerns.
        if let Some(inconsistency) = ranking.weighting.inconsistency() {
            self.prompter.say(&format!("\nwarning: {inconsistency}"))?;
        }
        let vocabulary = &self.catalog().vocabulary;
        let options = Options { explain: true, top: Format::Table.default_top(), ..self.session.options };
        self.write(&format!("\n{}", render::ranking(Format::Table, &ranking, vocabulary, &options)?))?;
        let top: Vec<&Framework> = ranking.ranking.iter().take(3).filter_map(|r| self.framework(&r.id)).collect();
        loop {
            let mut choices = Vec::new();
            if !top.is_empty() {
                let names: Vec<&str> = top.iter().map(|f| f.name.as_str()).collect();
                choices.push(Choice::new("compare", format!("Compare the top {}", top.len()), names.join(", ")));
                choices.push(Choice::new("show", "Show one framework", "facts, evidence, features, advice"));
            }
            choices.extend([
                Choice::new("save", "Save the answers", "a YAML file `recommend --answers` reads back"),
                Choice::new("export", "Export the result", "table, Markdown, CSV, JSON or YAML file"),
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
                "show" => self.show(&ranking)?,
                "save" => self.save(&set)?,
                "export" => self.export(&ranking)?,
                "change" => return Ok(AfterMenu::Change),
                "restart" => return Ok(AfterMenu::StartOver),
                _ => return Ok(AfterMenu::Quit),
            }
        }
    }

    fn framework(&self, id: &str) -> Option<&'a Framework> {
        self.catalog().frameworks.iter().find(|f| f.id == id)
    }

    /// The top frameworks side by side, scored with these answers, as `compare` shows them (a
    /// single framework left by the filters is shown in full instead).
    fn compare(&self, frameworks: &[&Framework], set: &AnswerSet) -> anyhow::Result<String> {
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
        let answers = Answers::resolve(set, vocabulary, Origin::Flag("your answers".into()))?;
        let ids: Vec<String> = frameworks.iter().map(|f| f.id.clone()).collect();
        let comparison = compare::compare(catalog, &ids, None, Some(&answers))?;
        let mut options = self.session.options;
        options.width = options.width.or(Some(80));
        let table = render::comparison(Format::Table, &comparison, vocabulary, &options, Charset::Unicode)?;
        Ok(format!("\n{table}"))
    }

    /// Pick one ranked framework and show everything about it.
    fn show(&mut self, ranking: &Ranking) -> anyhow::Result<()> {
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
    fn save(&mut self, set: &AnswerSet) -> anyhow::Result<()> {
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
    fn export(&mut self, ranking: &Ranking) -> anyhow::Result<()> {
        let formats = [
            (Format::Table, "table", "the table as shown, without colour", "ranking.txt"),
            (Format::Markdown, "markdown", "to paste into an issue or a decision record", "ranking.md"),
            (Format::Csv, "csv", "one row per framework, unrounded numbers", "ranking.csv"),
            (Format::Json, "json", "the output contract of `recommend --format json`", "ranking.json"),
            (Format::Yaml, "yaml", "the same document as JSON, in YAML", "ranking.yaml"),
        ];
        let choices: Vec<Choice> = formats.iter().map(|(_, id, detail, _)| Choice::new(*id, *id, *detail)).collect();
        let question = Question { message: "Export in which format?".into(), help: String::new() };
        let Some(index) = self.prompter.select(&question, &choices, 0)? else { return Ok(()) };
        let (format, _, _, default) = formats[index];
        let question = Question { message: "Export to:".into(), help: "A file name; the folder must exist.".into() };
        let Some((path, replace)) = self.ask_path(&question, default)? else { return Ok(()) };
        let options = Options { explain: true, top: format.default_top(), color: false, width: None };
        let text = render::ranking(format, ranking, &self.catalog().vocabulary, &options)?;
        if self.write_file(&path, &text, replace)? {
            self.prompter.say(&format!("Wrote {}.", path.display()))?;
        }
        Ok(())
    }

    /// Ask for a file to write; an existing file is replaced only when the person says so.
    /// Returns the path and whether replacing it was agreed, or `None` when they went back.
    fn ask_path(&mut self, question: &Question, default: &str) -> Result<Option<(PathBuf, bool)>, PromptError> {
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
    fn write_file(&mut self, path: &Path, text: &str, replace: bool) -> Result<bool, PromptError> {
        match crate::output::write_atomic(path, text.as_bytes(), replace) {
            Ok(()) => Ok(true),
            Err(error) => {
                self.prompter.say(&format!("Cannot write {}: {error}", path.display()))?;
                Ok(false)
            }
        }
    }

    fn write(&mut self, text: &str) -> anyhow::Result<()> {
        self.out.write_all(text.as_bytes()).and_then(|()| self.out.flush()).context("cannot write the output")
    }
}

/// The last question asked that still applies (a change in the summary may have made one moot),
/// taken off the trail; `None` at the first question.
fn back(asked: &mut Vec<usize>, questions: &[Step], draft: &Draft) -> Option<usize> {
    while let Some(previous) = asked.pop() {
        if draft.applies(questions[previous]) {
            return Some(previous);
        }
    }
    None
}

/// Resolve and rank complete answers, as `recommend` does; `located` are the same comparisons
/// as the answers' `pairwise`, with their place in the answers file.
fn rank(catalog: &Catalog, set: &AnswerSet, located: Option<&Pairwise>) -> backend_advisor::Result<Ranking> {
    answers::check(set, &catalog.vocabulary, &answers::Source::Flags)?;
    let mut resolved = Answers::resolve(set, &catalog.vocabulary, Origin::Flag("your answers".into()))?;
    if let Some(located) = located {
        resolved.pairwise = Some(located.clone());
    }
    score::rank(catalog, &resolved)
}

/// The question and help for an importance: the catalog's wording for a factor.
fn importance_wording(catalog: &Catalog, criterion: Criterion) -> (String, String) {
    match criterion {
        Criterion::Factor(factor) => match catalog.vocabulary.factor(factor) {
            Some(info) => (info.question.clone(), info.description.clone()),
            None => (format!("How important is {}?", factor.id()), String::new()),
        },
        Criterion::UseCaseFit => (
            "How much should suiting your use cases count?".into(),
            "Use-case fit: a framework rates 1 + 4 x (your use cases it is best for) / (your use cases).".into(),
        ),
        Criterion::TeamFamiliarity => (
            "How much should the team already knowing the language count?".into(),
            "Team familiarity: a framework in a language the team knows rates 5, any other 1.".into(),
        ),
    }
}

/// "3 medium".
fn importance_label(value: u8) -> String {
    format!("{value} {}", IMPORTANCE.get(usize::from(value)).copied().unwrap_or("?"))
}

/// A stable name of a step, used as a choice id in the summary.
fn step_id(step: Step) -> &'static str {
    match step {
        Step::Start => "start",
        Step::Importance(criterion) => criterion.id(),
        Step::TeamKnows => "team_knows",
        Step::OnlyKnown => "languages",
        Step::UseCases => "use_cases",
        Step::Require => "require",
    }
}

/// The languages known and those that count as the same (TypeScript for JavaScript and the
/// reverse, as for team familiarity), in that order: "consider only those languages" must not
/// drop a TypeScript framework for a team that knows JavaScript.
fn kin(vocabulary: &Vocabulary, known: &[String]) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    for language in known {
        let same = vocabulary.language_ids().filter(|&id| id == language || score::same_language(id, language));
        for id in std::iter::once(language.as_str()).chain(same) {
            if !languages.iter().any(|l| l == id) {
                languages.push(id.to_string());
            }
        }
    }
    languages
}

fn indexes(choices: &[Choice], chosen: impl Fn(&str) -> bool) -> Vec<usize> {
    choices.iter().enumerate().filter(|(_, c)| chosen(&c.id)).map(|(i, _)| i).collect()
}

fn ids(choices: &[Choice], picked: &[usize]) -> Vec<String> {
    picked.iter().filter_map(|&i| choices.get(i)).map(|c| c.id.clone()).collect()
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
    let yaml = serde_yaml::to_string(set).context("cannot write the answers as YAML")?;
    Ok(format!(
        "# backend-advisor answers (format: README \"Answers file\"), saved by `backend-advisor ask`.\n# Rank them again: {}\n{yaml}",
        reproduce(path, catalogs)
    ))
}
