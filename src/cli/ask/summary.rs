//! The summary of every answer, where any one can be changed before ranking.

use super::draft::Draft;
use super::pairs;
use super::prompt::Choice;
use super::prompt::PromptError;
use super::prompt::Question;
use super::{Flow, SUMMARY, Step, importance_label, step_id};
use anstyle::Style;
use backend_advisor::answers::{AnswerSet, Answers, OpenTo};
use backend_advisor::catalog::Factor;
use backend_advisor::criteria::Criterion;
use backend_advisor::decide::score;
use backend_advisor::error::Origin;

impl<'a> Flow<'_, 'a> {
    /// Show every answer and ask whether to rank or change one. `Some(None)`: rank;
    /// `Some(Some(step))`: change that answer; `None`: back.
    pub(super) fn summary(&mut self, draft: &Draft<'a>) -> Result<Option<Option<Step>>, PromptError> {
        // Each row: what, the answer, and the step that changes it (none for the AHP weights,
        // which follow from the comparisons).
        let mut rows: Vec<(String, String, Option<Step>)> = Vec::new();
        // The weights the ranking will use: the AHP's share of the five factors is scaled down
        // by the room use-case fit and team familiarity take.
        let overall = Answers::resolve(&draft.complete(), &self.catalog().vocabulary, Origin::Questionnaire)
            .ok()
            .and_then(|answers| score::weighting(&answers).ok())
            .map(|(_, weights)| weights);
        for step in SUMMARY.into_iter().filter(|&step| draft.applies(step)) {
            rows.push((self.topic(step), self.answer_text(draft, step), Some(step)));
            if let (Step::Compare(_), Some(weights)) = (step, draft.ahp()) {
                for factor in Factor::ALL {
                    let criterion = Criterion::Factor(factor);
                    let among = 100.0 * weights.weight(factor);
                    let weight = match overall.as_ref().and_then(|all| all.iter().find(|w| w.id == criterion)) {
                        Some(used) => {
                            format!("weight {:.0}% ({among:.0}% of the five factors by AHP)", 100.0 * used.weight)
                        }
                        None => format!("weight {among:.0}% of the five factors (AHP)"),
                    };
                    rows.push((self.topic(Step::Importance(criterion)), weight, None));
                }
            }
        }
        let bold = if self.session.styled { Style::new().bold() } else { Style::new() };
        let dim = if self.session.styled { Style::new().dimmed() } else { Style::new() };
        let mut text = format!("\n{bold}Your answers{bold:#}\n");
        let width = rows.iter().map(|(topic, ..)| topic.chars().count()).max().unwrap_or(0);
        // A long answer wraps under itself, so the two columns stay aligned.
        let column = 2 + width + 2;
        let room = self.session.options.width.map(|w| usize::from(w).saturating_sub(column).max(20));
        for (topic, answer, step) in &rows {
            let given = step.is_some_and(|step| draft.is_given(step) && !draft.is_answered(step));
            let mark = if given { format!("  {dim}(given){dim:#}") } else { String::new() };
            let answer = match room {
                Some(room) => {
                    backend_advisor::render::table::wrap(answer, room, "").join(&format!("\n{}", " ".repeat(column)))
                }
                None => answer.clone(),
            };
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

    /// The project and its people as the last export was told them, else as the answers say.
    pub(super) fn remembered(&self, set: &AnswerSet) -> super::Project {
        let given = |text: &Option<String>| text.clone().filter(|t| !t.trim().is_empty());
        let last = &self.project;
        super::Project {
            title: last.title.clone().or_else(|| given(&set.title)),
            description: last.description.clone().or_else(|| given(&set.description)),
            name: last.name.clone().or_else(|| given(&set.name)),
            role: last.role.clone().or_else(|| given(&set.role)),
            informed: last.informed.clone().or_else(|| set.informed.clone()),
        }
    }

    /// The name of what a step asks, for the summary.
    pub(super) fn topic(&self, step: Step) -> String {
        match step {
            Step::Start => "Starting point".into(),
            Step::Weighing => "Weighing".into(),
            Step::Compare(_) | Step::Consistency => "Comparisons".into(),
            Step::Importance(Criterion::Factor(factor)) => self
                .catalog()
                .vocabulary
                .factor(factor)
                .map_or_else(|| factor.id().to_string(), |info| info.label.to_string()),
            Step::Importance(criterion) => criterion.label().into(),
            Step::TeamKnows => "Languages known".into(),
            Step::OnlyKnown => "Only those languages".into(),
            Step::UseCases => "Use cases".into(),
            Step::Require => "Must be provided".into(),
            Step::OpenTo => "Open to".into(),
            Step::Incumbent => "Runs today".into(),
            Step::Exclude => "Left out".into(),
            Step::Radar => "Radar".into(),
            Step::Project => "Project".into(),
            Step::People => "Decided by".into(),
        }
    }

    /// The answer to a step, in words.
    pub(super) fn answer_text(&self, draft: &Draft<'a>, step: Step) -> String {
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
            Step::Importance(criterion) if draft.set_by_use_cases(criterion) => {
                format!("{} (from the use cases)", importance_label(draft.importance(criterion)))
            }
            Step::Importance(criterion) if draft.set_by_openness(criterion) => {
                format!("{} (the default when open to other languages)", importance_label(draft.importance(criterion)))
            }
            Step::Importance(criterion) => importance_label(draft.importance(criterion)),
            Step::TeamKnows => match set.team_knows.as_deref() {
                Some(known) if !known.is_empty() => known
                    .iter()
                    .map(|k| match k.split_once(':') {
                        Some((id, _)) => format!("{} (a little)", vocabulary.language_name(id)),
                        None => vocabulary.language_name(k).to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
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
            Step::OpenTo => match set.open_to.as_deref() {
                Some(open) if open.iter().any(|o| o == OpenTo::ANY) => "any language".into(),
                Some(open) if !open.is_empty() => {
                    open.iter().map(|id| vocabulary.language_name(id)).collect::<Vec<_>>().join(", ")
                }
                _ => "none".into(),
            },
            Step::Incumbent => set.incumbent.map_or_else(
                || "none".into(),
                |id| self.catalog().frameworks.iter().find(|f| f.id == id).map_or(id.clone(), |f| f.name.to_string()),
            ),
            Step::Exclude => match set.exclude.as_deref() {
                Some(ids) if !ids.is_empty() => ids
                    .iter()
                    .map(|id| {
                        self.catalog()
                            .frameworks
                            .iter()
                            .find(|f| f.id == *id)
                            .map_or(id.clone(), |f| f.name.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => "none".into(),
            },
            Step::Radar => set.radar.clone().unwrap_or_else(|| "none".into()),
            Step::Project => {
                let project = self.remembered(&set);
                match (project.title, project.description) {
                    (Some(title), Some(description)) => format!("{title}: {description}"),
                    (Some(title), None) => title,
                    (None, Some(description)) => format!("untitled: {description}"),
                    (None, None) => "not named (asked when exporting a page or record)".into(),
                }
            }
            Step::People => {
                let project = self.remembered(&set);
                let decider = project.name.map(|name| match project.role {
                    Some(role) => format!("{name} ({role})"),
                    None => name,
                });
                let informed =
                    project.informed.filter(|i| !i.is_empty()).map(|i| format!("informed: {}", i.join(", ")));
                match (decider, informed) {
                    (Some(d), Some(i)) => format!("{d}; {i}"),
                    (Some(d), None) => d,
                    (None, Some(i)) => format!("nobody named; {i}"),
                    (None, None) => "nobody named (asked when exporting a record)".into(),
                }
            }
        }
    }
}
