//! The answers so far (a draft over what was given up front): what is answered, what applies,
//! and the complete answers the questionnaire ranks.

use super::{Session, Step, Weighing, kin};
use backend_advisor::answers;
use backend_advisor::answers::AnswerSet;
use backend_advisor::answers::PairValue;
use backend_advisor::answers::Pairwise;
use backend_advisor::answers::Preset;
use backend_advisor::answers::{OPEN_FAMILIARITY_IMPORTANCE, default_importance, use_case_importance};
use backend_advisor::catalog::Factor;
use backend_advisor::catalog::Vocabulary;
use backend_advisor::criteria::Criterion;
use backend_advisor::decide::ahp;
use backend_advisor::decide::ahp::FactorWeights;
use backend_advisor::decide::ahp::Judgement;

/// The answers so far, in layers: what the person chose here, over what was given up front,
/// over the chosen preset.
#[derive(Debug, Clone)]
pub(super) struct Draft<'a> {
    pub(super) vocabulary: &'a Vocabulary,
    pub(super) given: AnswerSet,
    pub(super) start_given: bool,
    pub(super) preset: Option<&'a Preset>,
    pub(super) answered: AnswerSet,
    pub(super) only_known: Option<bool>,
    /// The way of weighing chosen here.
    pub(super) weighing: Option<Weighing>,
    /// The comparisons answered here, in [`ahp::pairs`] order.
    pub(super) comparisons: [Option<Judgement>; 10],
    /// The framework run today as answered here; `Some(None)`: none, over one given.
    pub(super) incumbent: Option<Option<String>>,
    /// The radar file as answered here; `Some(None)`: none, over one given.
    pub(super) radar: Option<Option<String>>,
}

impl<'a> Draft<'a> {
    pub(super) fn start(session: &Session<'a>) -> Self {
        Draft {
            vocabulary: &session.catalog.vocabulary,
            given: session.given.clone(),
            start_given: session.start_given,
            preset: session.preset,
            answered: AnswerSet::default(),
            only_known: None,
            weighing: None,
            comparisons: [None; 10],
            incumbent: None,
            radar: None,
        }
    }

    /// Nothing given, nothing answered: "start over".
    pub(super) fn blank(session: &Session<'a>) -> Self {
        Draft {
            vocabulary: &session.catalog.vocabulary,
            given: AnswerSet::default(),
            start_given: false,
            preset: None,
            answered: AnswerSet::default(),
            only_known: None,
            weighing: None,
            comparisons: [None; 10],
            incumbent: None,
            radar: None,
        }
    }

    /// The layers merged, defaults not yet applied.
    pub(super) fn merged(&self) -> AnswerSet {
        let mut layers = vec![&self.answered, &self.given];
        layers.extend(self.preset.map(|p| &p.answers));
        let mut set = answers::merge(&layers);
        if let Some(incumbent) = &self.incumbent {
            set.incumbent.clone_from(incumbent);
        }
        if let Some(radar) = &self.radar {
            set.radar.clone_from(radar);
        }
        // An empty answer here said "none" over what was given: none is left out.
        for text in [&mut set.title, &mut set.description, &mut set.name, &mut set.role] {
            if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                *text = None;
            }
        }
        if set.informed.as_ref().is_some_and(Vec::is_empty) {
            set.informed = None;
        }
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
    pub(super) fn given_comparisons(&self) -> Option<[Judgement; 10]> {
        let mut layers = vec![&self.given];
        layers.extend(self.preset.map(|p| &p.answers));
        let map = answers::merge(&layers).pairwise?;
        Pairwise::from_map(&map, &|_| None).map(|pairwise| pairwise.judgements)
    }

    /// Whether the factors are weighed by comparing them in pairs.
    pub(super) fn uses_pairs(&self) -> bool {
        match self.weighing {
            Some(weighing) => weighing == Weighing::Pairs,
            None => self.given_comparisons().is_some(),
        }
    }

    /// The judgement of one comparison: answered here, else given.
    pub(super) fn judgement(&self, index: usize) -> Option<Judgement> {
        self.comparisons[index].or_else(|| self.given_comparisons().map(|all| all[index]))
    }

    /// All ten judgements, once every comparison has one.
    pub(super) fn judgements(&self) -> Option<[Judgement; 10]> {
        let mut all = [Judgement::EQUAL; 10];
        for (index, slot) in all.iter_mut().enumerate() {
            *slot = self.judgement(index)?;
        }
        Some(all)
    }

    /// The AHP weights of the factors, when they are weighed in pairs and every comparison has
    /// an answer.
    pub(super) fn ahp(&self) -> Option<FactorWeights> {
        if self.uses_pairs() { self.judgements().map(|all| ahp::weigh(&all)) } else { None }
    }

    /// Every answer spelled out, defaults included, so that a saved file stands on its own and
    /// `recommend --answers` reads it back to the same ranking.
    pub(super) fn complete(&self) -> AnswerSet {
        let mut set = self.merged();
        for factor in Factor::ALL {
            let criterion = Criterion::Factor(factor);
            let value = set.importance.get(criterion).unwrap_or_else(|| self.fallback(&set, criterion));
            set.importance.set(criterion, Some(value));
        }
        let use_cases = set.use_cases.take().unwrap_or_default();
        let team_knows = set.team_knows.take().unwrap_or_default();
        set.importance.use_case_fit = (!use_cases.is_empty())
            .then(|| set.importance.use_case_fit.unwrap_or(default_importance(Criterion::UseCaseFit)));
        let familiarity = self.fallback(&set, Criterion::TeamFamiliarity);
        set.importance.team_familiarity =
            (!team_knows.is_empty()).then(|| set.importance.team_familiarity.unwrap_or(familiarity));
        set.use_cases = Some(use_cases);
        set.team_knows = Some(team_knows);
        set.languages = Some(set.languages.take().unwrap_or_default());
        set.require = Some(set.require.take().unwrap_or_default());
        set
    }

    /// Whether the answer to `step` was given up front (flags, `--answers`, `--preset`).
    pub(super) fn is_given(&self, step: Step) -> bool {
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
            Step::OpenTo => self.given.open_to.is_some(),
            Step::Incumbent => self.given.incumbent.is_some(),
            Step::Exclude => self.given.exclude.is_some(),
            Step::Radar => self.given.radar.is_some(),
            Step::Project => self.given.title.is_some() || self.given.description.is_some(),
            Step::People => self.given.name.is_some() || self.given.role.is_some() || self.given.informed.is_some(),
        }
    }

    /// Whether `step` was answered here (it then beats what was given).
    pub(super) fn is_answered(&self, step: Step) -> bool {
        match step {
            Step::Start | Step::Consistency => false,
            Step::Weighing => self.weighing.is_some(),
            Step::Importance(criterion) => self.answered.importance.get(criterion).is_some(),
            Step::Compare(_) => self.comparisons.iter().any(Option::is_some),
            Step::TeamKnows => self.answered.team_knows.is_some(),
            Step::OnlyKnown => self.only_known.is_some(),
            Step::UseCases => self.answered.use_cases.is_some(),
            Step::Require => self.answered.require.is_some(),
            Step::OpenTo => self.answered.open_to.is_some(),
            Step::Incumbent => self.incumbent.is_some(),
            Step::Exclude => self.answered.exclude.is_some(),
            Step::Radar => self.radar.is_some(),
            Step::Project => self.answered.title.is_some() || self.answered.description.is_some(),
            Step::People => {
                self.answered.name.is_some() || self.answered.role.is_some() || self.answered.informed.is_some()
            }
        }
    }

    /// Whether `step` means anything with the answers so far.
    pub(super) fn applies(&self, step: Step) -> bool {
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
    pub(super) fn pairwise_is_given(&self) -> bool {
        self.given.pairwise.is_some() && self.merged().pairwise == self.given.pairwise
    }

    pub(super) fn importance(&self, criterion: Criterion) -> u8 {
        let set = self.merged();
        set.importance.get(criterion).unwrap_or_else(|| self.fallback(&set, criterion))
    }

    /// The importance a criterion has from the layers under this questionnaire's own answers
    /// (flags, answers file, preset), if any.
    pub(super) fn underlying(&self, criterion: Criterion) -> Option<u8> {
        let mut layers = vec![&self.given];
        layers.extend(self.preset.map(|p| &p.answers));
        answers::merge(&layers).importance.get(criterion)
    }

    /// Whether a factor's importance is nobody's answer and comes from the use cases chosen
    /// (as `recommend --use-case` sets it).
    pub(super) fn set_by_use_cases(&self, criterion: Criterion) -> bool {
        let Criterion::Factor(factor) = criterion else { return false };
        let set = self.merged();
        set.importance.get(criterion).is_none()
            && set.pairwise.is_none()
            && use_case_importance(set.use_cases.as_deref().unwrap_or_default(), factor, self.vocabulary).is_some()
    }

    /// Whether team familiarity, which nobody rated, takes the lower default of a team open to
    /// other languages.
    pub(super) fn set_by_openness(&self, criterion: Criterion) -> bool {
        let set = self.merged();
        criterion == Criterion::TeamFamiliarity
            && set.importance.get(criterion).is_none()
            && set.open_to.as_ref().is_some_and(|o| !o.is_empty())
    }

    /// The importance a criterion nobody rated has now: what its question offers first.
    pub(super) fn default_of(&self, criterion: Criterion) -> u8 {
        self.fallback(&self.merged(), criterion)
    }

    /// The importance `recommend` would give a criterion nobody rated, with these answers: a
    /// factor takes the use cases' when they are known and the factors are not compared in
    /// pairs, familiarity is medium for a team open to other languages (`answers::resolve`).
    fn fallback(&self, set: &AnswerSet, criterion: Criterion) -> u8 {
        match criterion {
            Criterion::Factor(factor) if set.pairwise.is_none() => {
                let use_cases = set.use_cases.as_deref().unwrap_or_default();
                use_case_importance(use_cases, factor, self.vocabulary).unwrap_or(default_importance(criterion))
            }
            Criterion::TeamFamiliarity if set.open_to.as_ref().is_some_and(|o| !o.is_empty()) => {
                OPEN_FAMILIARITY_IMPORTANCE
            }
            _ => default_importance(criterion),
        }
    }

    /// Choose a starting point. A different preset replaces the answers given here so far,
    /// because every later default follows from it.
    pub(super) fn choose_start(&mut self, preset: Option<&'a Preset>) {
        let same = self.preset.map(|p| &p.id) == preset.map(|p| &p.id);
        if !same {
            self.preset = preset;
            self.answered = AnswerSet::default();
            self.only_known = None;
            self.weighing = None;
            self.comparisons = [None; 10];
            self.incumbent = None;
            self.radar = None;
        }
        self.start_given = false;
    }
}
