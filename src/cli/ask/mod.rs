//! The questionnaire of `ask`: which questions to put and in which order, their defaults, the
//! summary, the ranking and the menu after it. It reaches the person only through a
//! [`Prompter`], so the terminal is one implementation and the tests script another.

mod draft;
mod menu;
mod pairs;
pub mod prompt;
mod questions;
#[cfg(test)]
mod script;
mod summary;
pub mod terminal;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::PathBuf;

use backend_advisor::answers::{AnswerSet, Pairwise, Preset};
use backend_advisor::catalog::{Catalog, Factor, Vocabulary};
use backend_advisor::criteria::Criterion;
use backend_advisor::decide::score;
use backend_advisor::provenance::Provenance;
use backend_advisor::render::Options;

use draft::Draft;
pub use prompt::{Choice, PromptError, Prompter};

/// What an importance from 0 to 5 means, in words.
const IMPORTANCE: [&str; 6] = ["ignore", "minor", "low", "medium", "high", "critical"];

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
    /// The width of the comparison of the top frameworks.
    pub compare_width: u16,
    /// How reports exported from the questionnaire say they were made.
    pub provenance: Provenance,
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
    /// How to weigh the five factors: rate each, or compare them in pairs.
    Weighing,
    /// The importance of a criterion.
    Importance(Criterion),
    /// One of the ten pairwise comparisons, by its index in [`ahp::pairs`].
    Compare(usize),
    /// The comparisons are inconsistent: revise the one that disagrees most, or keep them.
    Consistency,
    /// Which languages the team knows.
    TeamKnows,
    /// Whether to consider only those languages.
    OnlyKnown,
    /// What the project is.
    UseCases,
    /// Which features the framework's own project must provide (builtin or official).
    Require,
    /// Other languages the team is open to (`--open-to`); changed from the summary.
    OpenTo,
    /// The framework the team runs today (`--incumbent`); changed from the summary.
    Incumbent,
    /// Frameworks to leave out (`--exclude`); changed from the summary.
    Exclude,
    /// The organisation's technology radar file (`--radar`); changed from the summary.
    Radar,
    /// The project's title and description (`--title`, `title`, `description`); asked at an
    /// export for other people, changed from the summary.
    Project,
    /// Who decides and who is informed (`name`, `role`, `informed`): the decision record's
    /// people; asked at a record's export, changed from the summary.
    People,
}

/// The questions in the order they are put: the five importances or the ten comparisons,
/// whichever way of weighing was chosen. The summary may also change the importance of the
/// context criteria, which otherwise keep their default.
const QUESTIONS: [Step; 23] = [
    Step::Start,
    Step::Weighing,
    Step::Importance(Criterion::Factor(Factor::Performance)),
    Step::Importance(Criterion::Factor(Factor::Scalability)),
    Step::Importance(Criterion::Factor(Factor::Productivity)),
    Step::Importance(Criterion::Factor(Factor::Integration)),
    Step::Importance(Criterion::Factor(Factor::Community)),
    Step::Compare(0),
    Step::Compare(1),
    Step::Compare(2),
    Step::Compare(3),
    Step::Compare(4),
    Step::Compare(5),
    Step::Compare(6),
    Step::Compare(7),
    Step::Compare(8),
    Step::Compare(9),
    Step::Consistency,
    Step::TeamKnows,
    Step::Importance(Criterion::TeamFamiliarity),
    Step::OnlyKnown,
    Step::UseCases,
    Step::Require,
];

/// The answers of the summary, in order; `Compare(0)` stands for all ten comparisons.
const SUMMARY: [Step; 20] = [
    Step::Start,
    Step::Weighing,
    Step::Importance(Criterion::Factor(Factor::Performance)),
    Step::Importance(Criterion::Factor(Factor::Scalability)),
    Step::Importance(Criterion::Factor(Factor::Productivity)),
    Step::Importance(Criterion::Factor(Factor::Integration)),
    Step::Importance(Criterion::Factor(Factor::Community)),
    Step::Compare(0),
    Step::Importance(Criterion::UseCaseFit),
    Step::Importance(Criterion::TeamFamiliarity),
    Step::TeamKnows,
    Step::OnlyKnown,
    Step::OpenTo,
    Step::Incumbent,
    Step::UseCases,
    Step::Require,
    Step::Exclude,
    Step::Radar,
    Step::Project,
    Step::People,
];

/// How the five factors are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weighing {
    /// An importance from 0 to 5 for each.
    Rate,
    /// AHP from the ten pairwise comparisons.
    Pairs,
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
    let mut flow = Flow { session, prompter, out, project: Project::default() };
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
    /// What the last export was told about the project and its people, offered again.
    project: Project,
}

/// What a report for other people says about the project and who decides: asked at the first
/// export of a page or record, offered again at the next, and saved in the answers file.
#[derive(Debug, Clone, Default)]
struct Project {
    title: Option<String>,
    description: Option<String>,
    /// The person answering, for a record's `decision-makers`.
    name: Option<String>,
    role: Option<String>,
    /// MADR's `informed`.
    informed: Option<Vec<String>>,
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
                // so the total does not change when it starts to apply; so do the comparisons
                // after the first and the consistency check. The five factors' importances share
                // one number too, as the comparisons do, so that choosing how to weigh them does
                // not change the total.
                let follow_up = |s: Step| match s {
                    Step::OnlyKnown | Step::Importance(Criterion::TeamFamiliarity) => {
                        questions.contains(&Step::TeamKnows)
                    }
                    Step::Importance(Criterion::Factor(_)) => questions
                        .iter()
                        .take_while(|&&q| q != s)
                        .any(|q| matches!(q, Step::Importance(Criterion::Factor(_)))),
                    Step::Compare(index) => index > 0,
                    Step::Consistency => true,
                    _ => false,
                };
                let numbered: Vec<usize> =
                    (0..questions.len()).filter(|&i| draft.applies(questions[i]) && !follow_up(questions[i])).collect();
                let position = numbered.iter().filter(|&&i| i <= next).count();
                let mut progress = format!("[{position}/{}] ", numbered.len());
                if let Step::Importance(Criterion::Factor(factor)) = step {
                    let index = Factor::ALL.iter().position(|&f| f == factor).unwrap_or(0);
                    progress.push_str(&format!("({}/{}) ", index + 1, Factor::ALL.len()));
                }
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
                Some(Some(step)) => self.change(draft, step)?,
                None => {
                    if let Some(previous) = back(&mut asked, &questions, draft) {
                        next = previous;
                    }
                }
            }
        }
    }

    /// Change an answer from the summary: the question, and those that follow from it (how the
    /// factors are weighed brings the importances or the comparisons when it changes; the
    /// comparisons bring the consistency check). Esc goes back one question, and from the
    /// first back to the summary with the answers as they were.
    fn change(&mut self, draft: &mut Draft<'a>, step: Step) -> Result<(), PromptError> {
        let weighing =
            |s: &Step| matches!(s, Step::Importance(Criterion::Factor(_)) | Step::Compare(_) | Step::Consistency);
        let steps: Vec<Step> = match step {
            Step::Weighing => std::iter::once(step).chain(QUESTIONS.into_iter().filter(weighing)).collect(),
            Step::Compare(_) => {
                QUESTIONS.into_iter().filter(|s| matches!(s, Step::Compare(_) | Step::Consistency)).collect()
            }
            _ => vec![step],
        };
        // Choosing the way of weighing it already had asks nothing more.
        let was_pairs = draft.uses_pairs();
        let wanted = |draft: &Draft, s: Step| step != Step::Weighing || s == step || draft.uses_pairs() != was_pairs;
        let before = draft.clone();
        let mut asked: Vec<usize> = Vec::new();
        let mut next = 0;
        while let Some(&current) = steps.get(next) {
            if !draft.applies(current) || !wanted(draft, current) {
                next += 1;
                continue;
            }
            if self.ask(draft, current, "")?.is_some() {
                asked.push(next);
                next += 1;
            } else if let Some(previous) = back(&mut asked, &steps, draft) {
                next = previous;
            } else {
                *draft = before;
                return Ok(());
            }
        }
        Ok(())
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

/// The question and help for an importance: the catalog's wording for a factor.
fn importance_wording(catalog: &Catalog, criterion: Criterion) -> (String, String) {
    match criterion {
        Criterion::Factor(factor) => match catalog.vocabulary.factor(factor) {
            Some(info) => (info.question.to_string(), info.description.to_string()),
            None => (format!("How important is {}?", factor.id()), String::new()),
        },
        Criterion::UseCaseFit => (
            "How much should suiting your use cases count?".into(),
            "Use-case fit: 1 + 4 x the mean fit to your use cases (a strong fit counts 1, a good fit 0.5).".into(),
        ),
        Criterion::TeamFamiliarity => (
            "How much should the team already knowing the language count?".into(),
            "Team familiarity: 5 for a language the team knows well, 3.5 for a related one (Java and \
             Kotlin, C# and F#), 3 for one it knows a little, 1 otherwise."
                .into(),
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
        Step::Weighing => "weighing",
        Step::Compare(_) | Step::Consistency => "pairwise",
        Step::Importance(criterion) => criterion.id(),
        Step::TeamKnows => "team_knows",
        Step::OnlyKnown => "languages",
        Step::UseCases => "use_cases",
        Step::Require => "require",
        Step::OpenTo => "open_to",
        Step::Incumbent => "incumbent",
        Step::Exclude => "exclude",
        Step::Radar => "radar",
        Step::Project => "project",
        Step::People => "people",
    }
}

/// The languages known and those that count as the same (TypeScript for JavaScript and the
/// reverse, as for team familiarity), in that order: "consider only those languages" must not
/// drop a TypeScript framework for a team that knows JavaScript.
fn kin(vocabulary: &Vocabulary, known: &[String]) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    for language in known.iter().map(|k| language_of(k)) {
        let same = vocabulary.language_ids().filter(|&id| id == language || score::same_language(id, language));
        for id in std::iter::once(language).chain(same) {
            if !languages.iter().any(|l| l == id) {
                languages.push(id.to_string());
            }
        }
    }
    languages
}

/// The language of a `--team-knows` answer: `python` of `python:some`.
fn language_of(known: &str) -> &str {
    known.split_once(':').map_or(known, |(language, _)| language)
}

fn indexes(choices: &[Choice], chosen: impl Fn(&str) -> bool) -> Vec<usize> {
    choices.iter().enumerate().filter(|(_, c)| chosen(&c.id)).map(|(i, _)| i).collect()
}

fn ids(choices: &[Choice], picked: &[usize]) -> Vec<String> {
    picked.iter().filter_map(|&i| choices.get(i)).map(|c| c.id.clone()).collect()
}
