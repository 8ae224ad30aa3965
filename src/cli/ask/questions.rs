//! Putting one question: importances, languages, use cases, features, the starting point, and
//! the pairwise comparisons with their consistency check.

use super::draft::Draft;
use super::pairs;
use super::prompt::Choice;
use super::prompt::PromptError;
use super::prompt::Question;
use super::{Flow, Step, Weighing, ids, importance_label, importance_wording, indexes, kin, language_of};
use backend_advisor::answers;
use backend_advisor::answers::{AnswerSet, OpenTo};
use backend_advisor::decide::ahp;
use backend_advisor::decide::ahp::Judgement;

impl<'a> Flow<'_, 'a> {
    /// Put one question and record its answer; `None` when the person went back.
    pub(super) fn ask(&mut self, draft: &mut Draft<'a>, step: Step, progress: &str) -> Result<Option<()>, PromptError> {
        let vocabulary = &self.catalog().vocabulary;
        let current = draft.merged();
        match step {
            Step::Start => {
                let presets = self.session.presets;
                let mut choices = vec![Choice::new(
                    "scratch",
                    "From scratch",
                    "every importance starts at 3 (medium), or what the use cases set",
                )];
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
                // Say at the question what the default means: it follows the use cases, as
                // `recommend --use-case` without importances does.
                let follows = draft.underlying(criterion).is_none()
                    && matches!(criterion, backend_advisor::criteria::Criterion::Factor(_));
                let default_value = draft.default_of(criterion);
                let choices: Vec<Choice> = (0u8..=5)
                    .map(|v| {
                        let detail = if follows && v == default_value {
                            "default: the use cases you pick may change it"
                        } else {
                            ""
                        };
                        Choice::new(v.to_string(), importance_label(v), detail)
                    })
                    .collect();
                let help = if criterion == backend_advisor::criteria::Criterion::TeamFamiliarity {
                    let why =
                        if draft.set_by_openness(criterion) { ", as the team is open to other languages" } else { "" };
                    format!("{help} The default is {}{why}.", importance_label(default_value))
                } else if follows {
                    format!(
                        "{help} Keeping the default lets the use cases you pick set it; any other value is kept (change it in the summary later too)."
                    )
                } else {
                    help
                };
                let question = Question { message: format!("{progress}{message}"), help };
                let default = usize::from(draft.importance(criterion));
                let Some(index) = self.prompter.select(&question, &choices, default)? else { return Ok(None) };
                let value = u8::try_from(index).ok();
                // An importance left at its default (nothing given under it) stays unrated, so
                // that it follows later answers as `recommend`'s defaults do: a factor the use
                // cases, team familiarity being open to other languages.
                let left_at_default =
                    draft.underlying(criterion).is_none() && value == Some(draft.default_of(criterion));
                draft.answered.importance.set(criterion, if left_at_default { None } else { value });
            }
            Step::TeamKnows => {
                // Each language twice: known well (`python`), or a little (`python:some`), as
                // `--team-knows` takes them; ticking both counts as well.
                let choices: Vec<Choice> = vocabulary
                    .languages
                    .iter()
                    .flat_map(|l| {
                        [
                            Choice::new(&l.id, &l.name, ""),
                            Choice::new(format!("{}:some", l.id), format!("{} (a little)", l.name), ""),
                        ]
                    })
                    .collect();
                let known = current.team_knows.unwrap_or_default();
                let selected = indexes(&choices, |id| known.iter().any(|k| k == id));
                let question = Question {
                    message: format!("{progress}Which languages does the team already know?"),
                    help: "Frameworks in these languages rate higher (TypeScript and JavaScript count as each other); \
                           \"(a little)\" counts for less than known well; none is fine."
                        .into(),
                };
                let Some(picked) = self.prompter.multi_select(&question, &choices, &selected)? else { return Ok(None) };
                let mut answer: Vec<String> = Vec::new();
                for id in ids(&choices, &picked) {
                    let language = language_of(&id).to_string();
                    // Known well wins over known a little when both are ticked.
                    if let Some(slot) = answer.iter_mut().find(|a| language_of(a) == language) {
                        if !id.ends_with(":some") {
                            *slot = id;
                        }
                    } else {
                        answer.push(id);
                    }
                }
                draft.answered.team_knows = Some(answer);
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
                            None => f.id.to_string(),
                        };
                        Choice::new(&f.id, label, &f.description)
                    })
                    .collect();
                let selected = indexes(&choices, |id| level_of(id).is_some());
                let question = Question {
                    message: format!(
                        "{progress}Which features must the framework's own project provide? Frameworks without them are left out."
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
            Step::OpenTo => {
                let mut choices = vec![Choice::new(OpenTo::ANY, "any language", "every language counts as open")];
                choices.extend(vocabulary.languages.iter().map(|l| Choice::new(&l.id, &l.name, "")));
                let open = current.open_to.unwrap_or_default();
                let selected = indexes(&choices, |id| open.iter().any(|o| o == id));
                let question = Question {
                    message: "Which other languages is the team open to?".into(),
                    help: "A team open to other languages weighs familiarity at 3 (medium) unless you rate it; \
                           none is fine."
                        .into(),
                };
                let Some(picked) = self.prompter.multi_select(&question, &choices, &selected)? else { return Ok(None) };
                let chosen = ids(&choices, &picked);
                draft.answered.open_to =
                    Some(if chosen.iter().any(|c| c == OpenTo::ANY) { vec![OpenTo::ANY.into()] } else { chosen });
            }
            Step::Incumbent => {
                let mut choices = vec![Choice::new("none", "none", "nothing to stay with")];
                choices.extend(self.catalog().frameworks.iter().map(|f| Choice::new(&*f.id, &*f.name, "")));
                let today = current.incumbent.unwrap_or_default();
                let default = choices.iter().position(|c| c.id == today).unwrap_or(0);
                let question = Question {
                    message: "Which framework does the team run today?".into(),
                    help: "Staying is weighed against switching, and the output says what a switch would gain.".into(),
                };
                let Some(index) = self.prompter.select(&question, &choices, default)? else { return Ok(None) };
                draft.incumbent = Some((index > 0).then(|| choices[index].id.clone()));
            }
            Step::Exclude => {
                let choices: Vec<Choice> =
                    self.catalog().frameworks.iter().map(|f| Choice::new(&*f.id, &*f.name, "")).collect();
                let excluded = current.exclude.unwrap_or_default();
                let selected = indexes(&choices, |id| excluded.iter().any(|e| e == id));
                let question = Question {
                    message: "Which frameworks should be left out?".into(),
                    help: "They are listed as excluded by you; none is fine.".into(),
                };
                let Some(picked) = self.prompter.multi_select(&question, &choices, &selected)? else { return Ok(None) };
                draft.answered.exclude = Some(ids(&choices, &picked));
            }
            Step::Project | Step::People => {
                let known = self.remembered(&current);
                let Some(told) = self.ask_project(step, known)? else { return Ok(None) };
                // An empty answer is kept as "none", over anything given up front.
                let said = |text: &Option<String>| Some(text.clone().unwrap_or_default());
                if step == Step::Project {
                    draft.answered.title = said(&told.title);
                    draft.answered.description = said(&told.description);
                } else {
                    draft.answered.name = said(&told.name);
                    draft.answered.role = said(&told.role);
                    draft.answered.informed = Some(told.informed.clone().unwrap_or_default());
                }
                self.project = told;
            }
            Step::Radar => {
                let question = Question {
                    message: "Which technology radar file applies (Build-Your-Own-Radar CSV or Backstage JSON)?".into(),
                    help: "Hold removes a framework; Adopt, Trial and Assess are shown. Empty: no radar.".into(),
                };
                let mut default = current.radar.unwrap_or_default();
                loop {
                    let Some(text) = self.prompter.text(&question, &default)? else { return Ok(None) };
                    let path = text.trim().to_string();
                    if path.is_empty() {
                        draft.radar = Some(None);
                        break;
                    }
                    let probe = AnswerSet { radar: Some(path.clone()), ..AnswerSet::default() };
                    match answers::read_radar(&probe) {
                        Ok(_) => {
                            draft.radar = Some(Some(path));
                            break;
                        }
                        Err(error) => {
                            self.prompter.say(&format!("{error}"))?;
                            default = path;
                        }
                    }
                }
            }
        }
        Ok(Some(()))
    }

    /// One comparison: which of the pair matters more, and how much; the cursor on `current`.
    pub(super) fn compare_pair(
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
    pub(super) fn consistency(&mut self, draft: &mut Draft<'a>, progress: &str) -> Result<Option<()>, PromptError> {
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
}
