//! The questionnaire of `ask`: which questions to put and in which order, their defaults, the
//! summary, the ranking and the menu after it. It reaches the person only through a
//! [`Prompter`], so the terminal is one implementation and the tests script another.

mod pairs;
pub mod prompt;
#[cfg(test)]
mod script;
pub mod terminal;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::{Path, PathBuf};

use anstyle::Style;
use anyhow::Context as _;
use backend_advisor::Origin;
use backend_advisor::answers::{self, AnswerSet, Answers, DEFAULT_IMPORTANCE, PairValue, Pairwise, Preset};
use backend_advisor::catalog::{Catalog, Factor, Framework, Vocabulary};
use backend_advisor::criteria::Criterion;
use backend_advisor::decide::ahp::{self, FactorWeights, Judgement};
use backend_advisor::decide::compare::Comparison;
use backend_advisor::decide::score::{self, Ranking};
use backend_advisor::decide::{self, Analysis, Recommendation};
use backend_advisor::provenance::Provenance;
use backend_advisor::render::sheet::Charset;
use backend_advisor::render::{self, Context, Format, Options};

pub use prompt::{Choice, PromptError, Prompter, Question};

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
    /// Which features must be built in.
    Require,
}

/// The questions in the order they are put: the five importances or the ten comparisons,
/// whichever way of weighing was chosen. The summary may also change the importance of the
/// context criteria, which otherwise keep their default.
const QUESTIONS: [Step; 22] = [
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
    Step::OnlyKnown,
    Step::UseCases,
    Step::Require,
];

/// The answers of the summary, in order; `Compare(0)` stands for all ten comparisons.
const SUMMARY: [Step; 14] = [
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
    Step::UseCases,
    Step::Require,
];

/// How the five factors are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weighing {
    /// An importance from 0 to 5 for each.
    Rate,
    /// AHP from the ten pairwise comparisons.
    Pairs,
}

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
    /// The way of weighing chosen here.
    weighing: Option<Weighing>,
    /// The comparisons answered here, in [`ahp::pairs`] order.
    comparisons: [Option<Judgement>; 10],
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
            weighing: None,
            comparisons: [None; 10],
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
            weighing: None,
            comparisons: [None; 10],
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
        set.pairwise = if !self.uses_pairs() {
            None
        } else if self.comparisons.iter().all(Option::is_none) {
            // As given: the keys as written, so that a warning quotes them.
            set.pairwise
        } else {
            self.judgements().map(|all| {
                ahp::pairs().iter().zip(all).map(|(pair, judgement)| (pair.key(), PairValue::from(judgement))).collect()
            })
        };
        set
    }

    /// The comparisons given up front or by the preset, in [`ahp::pairs`] order.
    fn given_comparisons(&self) -> Option<[Judgement; 10]> {
        let mut layers = vec![&self.given];
        layers.extend(self.preset.map(|p| &p.answers));
        let map = answers::merge(&layers).pairwise?;
        Pairwise::from_map(&map, &|_| None).map(|pairwise| pairwise.judgements)
    }

    /// Whether the factors are weighed by comparing them in pairs.
    fn uses_pairs(&self) -> bool {
        match self.weighing {
            Some(weighing) => weighing == Weighing::Pairs,
            None => self.given_comparisons().is_some(),
        }
    }

    /// The judgement of one comparison: answered here, else given.
    fn judgement(&self, index: usize) -> Option<Judgement> {
        self.comparisons[index].or_else(|| self.given_comparisons().map(|all| all[index]))
    }

    /// All ten judgements, once every comparison has one.
    fn judgements(&self) -> Option<[Judgement; 10]> {
        let mut all = [Judgement::EQUAL; 10];
        for (index, slot) in all.iter_mut().enumerate() {
            *slot = self.judgement(index)?;
        }
        Some(all)
    }

    /// The AHP weights of the factors, when they are weighed in pairs and every comparison has
    /// an answer.
    fn ahp(&self) -> Option<FactorWeights> {
        if self.uses_pairs() { self.judgements().map(|all| ahp::weigh(&all)) } else { None }
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
        let rated = Factor::ALL.iter().all(|&f| self.given.importance.get(Criterion::Factor(f)).is_some());
        match step {
            Step::Start => self.start_given,
            // Comparisons given decide the way of weighing; so do five importances given.
            Step::Weighing => self.given.pairwise.is_some() || rated,
            Step::Compare(_) | Step::Consistency => self.given.pairwise.is_some(),
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
            Step::Start | Step::Consistency => false,
            Step::Weighing => self.weighing.is_some(),
            Step::Importance(criterion) => self.answered.importance.get(criterion).is_some(),
            Step::Compare(_) => self.comparisons.iter().any(Option::is_some),
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
            Step::Importance(Criterion::Factor(_)) => !self.uses_pairs(),
            Step::Compare(_) => self.uses_pairs(),
            Step::Consistency => self.ahp().is_some_and(|weights| !weights.is_consistent()),
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
            self.weighing = None;
            self.comparisons = [None; 10];
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
                // so the total does not change when it starts to apply; so do the comparisons
                // after the first and the consistency check.
                let follow_up = |s: Step| match s {
                    Step::OnlyKnown => questions.contains(&Step::TeamKnows),
                    Step::Compare(index) => index > 0,
                    Step::Consistency => true,
                    _ => false,
                };
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
            Step::Weighing => {
                let choices = [
                    Choice::new("rate", "Rate each factor 0-5", "five questions: how much each factor matters"),
                    Choice::new(
                        "pairs",
                        "Weigh the factors by comparing them in pairs",
                        "ten questions: which of two matters more, and how much (AHP)",
                    ),
                ];
                let question = Question {
                    message: format!("{progress}How should the five factors be weighed?"),
                    help: "In pairs, the weights are derived from your judgements (AHP) and checked for consistency."
                        .into(),
                };
                let default = usize::from(draft.uses_pairs());
                let Some(index) = self.prompter.select(&question, &choices, default)? else { return Ok(None) };
                draft.weighing = Some(if index == 1 { Weighing::Pairs } else { Weighing::Rate });
            }
            Step::Compare(index) => {
                let current = draft.judgement(index).unwrap_or(Judgement::EQUAL);
                let Some(judgement) = self.compare_pair(index, progress, current, pairs::HELP)? else {
                    return Ok(None);
                };
                draft.comparisons[index] = Some(judgement);
            }
            Step::Consistency => return self.consistency(draft, progress),
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

    /// One comparison: which of the pair matters more, and how much; the cursor on `current`.
    fn compare_pair(
        &mut self,
        index: usize,
        progress: &str,
        current: Judgement,
        help: &str,
    ) -> Result<Option<Judgement>, PromptError> {
        let questions = ahp::questions(&self.catalog().vocabulary);
        let Some(pair) = questions.get(index) else { return Ok(None) };
        let question = Question {
            message: format!(
                "{progress}Comparison {} of {}: which matters more, {} or {}, and how much?",
                index + 1,
                questions.len(),
                pair.first_label,
                pair.second_label
            ),
            help: help.to_string(),
        };
        let choices = pairs::choices(pair);
        let picked = self.prompter.select(&question, &choices, pairs::index(current))?;
        Ok(picked.and_then(pairs::judgement))
    }

    /// Inconsistent comparisons (CR > 0.10): name the one that disagrees most with the weights
    /// and what they suggest, and let the person revise it (as often as it takes) or keep them.
    fn consistency(&mut self, draft: &mut Draft<'a>, progress: &str) -> Result<Option<()>, PromptError> {
        let questions = ahp::questions(&self.catalog().vocabulary);
        let mut revised = false;
        // Told on the way in and after each revision, not again after Esc from a revision.
        let mut tell = true;
        loop {
            let Some(weights) = draft.ahp() else { return Ok(Some(())) };
            let Some(worst) = weights.inconsistency() else {
                if revised {
                    let ratio = weights.consistency_ratio;
                    self.prompter.say(&format!("The comparisons are consistent now: consistency ratio {ratio:.2}."))?;
                }
                return Ok(Some(()));
            };
            let Some(pair) = questions.get(worst.index) else { return Ok(Some(())) };
            if tell {
                self.prompter.say(&format!(
                    "\nThe comparisons are inconsistent: consistency ratio {:.2}, above {:.2}.\n{}",
                    weights.consistency_ratio,
                    ahp::CONSISTENCY_LIMIT,
                    pairs::disagreement(pair, worst)
                ))?;
                tell = false;
            }
            let suggested = pairs::said(pair, worst.suggested);
            let choices = [
                Choice::new("revise", "Revise it", format!("the weights suggest {suggested}")),
                Choice::new("keep", "Keep the comparisons as they are", "the weights stand, with a warning"),
            ];
            let question = Question {
                message: format!("{progress}Revise the comparison that disagrees most, or keep them?"),
                help: "Esc goes back to the last comparison.".into(),
            };
            match self.prompter.select(&question, &choices, 0)? {
                None => return Ok(None),
                Some(1) => return Ok(Some(())),
                Some(_) => {
                    // The cursor starts on the suggestion; Esc returns to the choice above.
                    let help = format!("You said {}", pairs::said(pair, worst.given));
                    if let Some(judgement) = self.compare_pair(worst.index, "", worst.suggested, &help)? {
                        draft.comparisons[worst.index] = Some(judgement);
                        revised = true;
                        tell = true;
                    }
                }
            }
        }
    }

    /// Show every answer and ask whether to rank or change one. `Some(None)`: rank;
    /// `Some(Some(step))`: change that answer; `None`: back.
    fn summary(&mut self, draft: &Draft<'a>) -> Result<Option<Option<Step>>, PromptError> {
        // Each row: what, the answer, and the step that changes it (none for the AHP weights,
        // which follow from the comparisons).
        let mut rows: Vec<(String, String, Option<Step>)> = Vec::new();
        for step in SUMMARY.into_iter().filter(|&step| draft.applies(step)) {
            rows.push((self.topic(step), self.answer_text(draft, step), Some(step)));
            if let (Step::Compare(_), Some(weights)) = (step, draft.ahp()) {
                for factor in Factor::ALL {
                    let weight = format!("weight {:.0}% (AHP)", 100.0 * weights.weight(factor));
                    rows.push((self.topic(Step::Importance(Criterion::Factor(factor))), weight, None));
                }
            }
        }
        let bold = if self.session.styled { Style::new().bold() } else { Style::new() };
        let dim = if self.session.styled { Style::new().dimmed() } else { Style::new() };
        let mut text = format!("\n{bold}Your answers{bold:#}\n");
        let width = rows.iter().map(|(topic, ..)| topic.chars().count()).max().unwrap_or(0);
        for (topic, answer, step) in &rows {
            let given = step.is_some_and(|step| draft.is_given(step) && !draft.is_answered(step));
            let mark = if given { format!("  {dim}(given){dim:#}") } else { String::new() };
            text.push_str(&format!("  {topic:<width$}  {answer}{mark}\n"));
        }
        self.prompter.say(&text)?;
        let editable: Vec<(&str, &str, Step)> = rows
            .iter()
            .filter_map(|(topic, answer, step)| step.map(|step| (topic.as_str(), answer.as_str(), step)))
            .collect();
        let mut choices = vec![Choice::new("rank", "Rank the frameworks with these answers", "")];
        choices.extend(editable.iter().map(|(topic, answer, step)| {
            Choice::new(format!("change:{}", step_id(*step)), format!("Change {topic}"), format!("now {answer}"))
        }));
        let question = Question {
            message: "Rank with these answers, or change one?".into(),
            help: "Esc goes back to the last question.".into(),
        };
        Ok(self.prompter.select(&question, &choices, 0)?.map(|index| index.checked_sub(1).map(|i| editable[i].2)))
    }

    /// The name of what a step asks, for the summary.
    fn topic(&self, step: Step) -> String {
        match step {
            Step::Start => "Starting point".into(),
            Step::Weighing => "Weighing".into(),
            Step::Compare(_) | Step::Consistency => "Comparisons".into(),
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
            Step::Weighing if draft.uses_pairs() => "compare the factors in pairs (AHP)".into(),
            Step::Weighing => "rate each factor 0-5".into(),
            Step::Compare(_) | Step::Consistency => {
                draft.ahp().map_or_else(|| "not all answered".into(), |weights| pairs::consistency(&weights))
            }
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
        self.write(&format!("\n{}", render::ranking(Format::Table, &recommendation, &context, &options)?))?;
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
                "show" => self.show(ranking)?,
                "save" => self.save(&set)?,
                "export" => self.export(&recommendation, &answers)?,
                "change" => return Ok(AfterMenu::Change),
                "restart" => return Ok(AfterMenu::StartOver),
                _ => return Ok(AfterMenu::Quit),
            }
        }
    }

    /// What reports say besides the ranking.
    fn context<'b>(&'b self, answers: &'b Answers) -> Context<'b> {
        Context { answers, catalog: self.catalog(), provenance: &self.session.provenance }
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
        let answers = Answers::resolve(set, vocabulary, Origin::Questionnaire)?;
        let ids: Vec<String> = frameworks.iter().map(|f| f.id.clone()).collect();
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
    fn export(&mut self, recommendation: &Recommendation, answers: &Answers) -> anyhow::Result<()> {
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
        let text = render::ranking(format, recommendation, &self.context(answers), &options)?;
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
        match crate::cli::write::write_atomic(path, text.as_bytes(), replace) {
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
fn rank(
    catalog: &Catalog,
    set: &AnswerSet,
    located: Option<&Pairwise>,
) -> backend_advisor::Result<(Answers, Recommendation)> {
    answers::check(set, &catalog.vocabulary, &answers::Source::Flags)?;
    let mut resolved = Answers::resolve(set, &catalog.vocabulary, Origin::Questionnaire)?;
    if let Some(located) = located {
        resolved.pairwise = Some(located.clone());
    }
    let recommendation = decide::rank(catalog, &resolved, &Analysis::default())?;
    Ok((resolved, recommendation))
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
        Step::Weighing => "weighing",
        Step::Compare(_) | Step::Consistency => "pairwise",
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
