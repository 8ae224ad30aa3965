//! What a change costs the team, outside the weighted criteria (docs/model.md): adopting a
//! language it does not know, and migrating away from the framework it runs today. Each cost is
//! a fixed number of points taken from a framework's 0–100 score, so it does not shrink as
//! criteria are added. Also the reports built on them: the best pick in the team's languages and
//! what an outside one would need, what a switch from the incumbent would gain, and the best pick
//! per language when no language is named. Pure: no I/O.

use std::borrow::Cow;

use serde::Serialize;

use super::score::{Ranked, Ranking};
use crate::answers::{Answers, Proficiency};
use crate::catalog::{Framework, Vocabulary};
use crate::radar::Ring;

/// Points a framework in a language nobody on the team knows pays: learning a new language,
/// its tooling and libraries, and hiring for it. Set so that a team's own language wins unless
/// the other leads by about a third of the whole scale (docs/model.md "Why 35").
pub const NEW_LANGUAGE_COST: f64 = 35.0;

/// Points for a language of the same family as one the team knows well (Java for a Kotlin or
/// Scala team, F# for a C# team): the runtime, build tools and libraries are known, the
/// language is not.
pub const RELATED_LANGUAGE_COST: f64 = 10.0;

/// Points for a language someone on the team knows a little: the team has a start, but not the
/// experience to run it in production or the people to hire from.
pub const SOME_LANGUAGE_COST: f64 = 15.0;

/// Points for a language of the family of one the team knows only a little.
pub const RELATED_TO_SOME_COST: f64 = 25.0;

/// Points every framework other than the incumbent pays: rewriting what runs today, retraining,
/// and running two stacks during the move.
pub const MIGRATION_COST: f64 = 15.0;

/// What kind of change a cost is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CostKind {
    /// Adopting a language the team does not know (well).
    Language,
    /// Moving away from the framework the team runs today.
    Migration,
}

/// Points taken from one framework's score, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    /// What the cost is for.
    pub kind: CostKind,
    /// Points taken from the 0–100 score.
    pub points: f64,
    /// Why, in words: `Go is new to the team`.
    pub reason: String,
}

/// How far a language is from what the team knows, cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Distance {
    Known,
    Related,
    Some,
    RelatedToSome,
    New,
}

impl Distance {
    /// The team-familiarity rating of a language this far away (docs/model.md "Team languages").
    pub(crate) fn familiarity(self) -> f64 {
        match self {
            Distance::Known => 5.0,
            Distance::Related => 3.5,
            Distance::Some => 3.0,
            Distance::RelatedToSome => 2.5,
            Distance::New => 1.0,
        }
    }

    fn points(self) -> f64 {
        match self {
            Distance::Known => 0.0,
            Distance::Related => RELATED_LANGUAGE_COST,
            Distance::Some => SOME_LANGUAGE_COST,
            Distance::RelatedToSome => RELATED_TO_SOME_COST,
            Distance::New => NEW_LANGUAGE_COST,
        }
    }
}

/// How far `language` is from what the team knows.
pub(crate) fn distance(language: &str, answers: &Answers, vocabulary: &Vocabulary) -> Distance {
    answers
        .team_knows
        .iter()
        .map(|known| {
            let same = vocabulary.knowing_includes(&known.language, language);
            let kin = vocabulary.family(&known.language) == vocabulary.family(language);
            match (known.level, same, kin) {
                (Proficiency::Well, true, _) => Distance::Known,
                (Proficiency::Well, false, true) => Distance::Related,
                (Proficiency::Some, true, _) => Distance::Some,
                (Proficiency::Some, false, true) => Distance::RelatedToSome,
                _ => Distance::New,
            }
        })
        .min()
        .unwrap_or(Distance::New)
}

/// The language cost of a framework: none when the team names no language, when it knows one
/// of the framework's languages well, or is open to one of them; otherwise the cost of its
/// nearest language.
pub fn language_cost(framework: &Framework, answers: &Answers, vocabulary: &Vocabulary) -> Option<Cost> {
    if answers.team_knows.is_empty() || framework.languages.iter().any(|l| answers.open_to.includes(l)) {
        return None;
    }
    let (language, nearest) =
        framework.languages.iter().map(|l| (l.as_str(), distance(l, answers, vocabulary))).min_by_key(|(_, d)| *d)?;
    let name = vocabulary.language_name(language);
    // A framework the organisation has adopted (its radar's Adopt ring) comes with people,
    // a platform and practice: it costs no more than a language the team knows a little.
    let adopted = answers.radar_support && super::score::radar_ring(framework, answers) == Some(Ring::Adopt);
    if adopted && nearest > Distance::Some {
        let reason = format!(
            "{name} is new to the team, but the organisation has adopted {} (Adopt on its radar)",
            framework.name
        );
        return Some(Cost { kind: CostKind::Language, points: SOME_LANGUAGE_COST, reason });
    }
    let reason = match nearest {
        Distance::Known => return None,
        Distance::Related => format!("{name} is related to a language the team knows, but new to it"),
        Distance::Some => format!("the team knows {name} only a little"),
        Distance::RelatedToSome => format!("{name} is related to a language the team knows only a little"),
        Distance::New => format!("{name} is new to the team"),
    };
    Some(Cost { kind: CostKind::Language, points: nearest.points(), reason })
}

/// The migration cost of a framework: every candidate but the incumbent pays it, when the
/// incumbent is a candidate.
pub fn migration_cost(framework: &Framework, incumbent: Option<&Framework>) -> Option<Cost> {
    let incumbent = incumbent.filter(|i| i.id != framework.id)?;
    Some(Cost {
        kind: CostKind::Migration,
        points: MIGRATION_COST,
        reason: format!("moving away from {}, which the team runs today", incumbent.name),
    })
}

/// A framework picked by a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    /// Framework id.
    pub id: String,
    /// Framework name.
    pub name: String,
    /// Its primary language.
    pub language: String,
    /// Its score, costs taken.
    pub score: f64,
}

impl Pick {
    fn of(ranked: &Ranked) -> Pick {
        Pick {
            id: ranked.id.to_string(),
            name: ranked.name.to_string(),
            language: ranked.language.to_string(),
            score: ranked.score,
        }
    }
}

/// The best framework outside the team's languages, and what it would take to switch to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outside {
    /// The framework.
    #[serde(flatten)]
    pub pick: Pick,
    /// Its score before the language cost.
    pub score_before_cost: f64,
    /// The language cost it pays.
    pub cost: f64,
    /// Why, in words: `Go is new to the team`, `the team knows Python only a little`.
    pub reason: String,
    /// Its lead over the best pick in the team's languages before the cost (negative: behind).
    pub lead_before_cost: f64,
    /// Whether its lead outweighs the cost (then it ranks first).
    pub worth_switching: bool,
    /// The lead it would need on top of the one it has to be worth switching (0 when it is).
    pub short_by: f64,
}

/// The team's languages against the rest (JSON `language_switch`), present when the team names
/// the languages it knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageSwitch {
    /// The languages the team is open to adopting (`any` for every one; empty for none).
    pub open_to: Vec<String>,
    /// The best candidate the team can use without a language cost.
    pub best_in_team_languages: Option<Pick>,
    /// The best candidate that pays a language cost, and what switching to it would take.
    pub best_outside: Option<Outside>,
}

/// What staying on the incumbent is worth against the best switch (JSON `incumbent`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incumbent {
    /// The framework the team runs today.
    #[serde(flatten)]
    pub pick: Pick,
    /// Where it ranks (`null` when a filter or exclusion removed it).
    pub rank: Option<usize>,
    /// The best other candidate: what a switch would gain before and after the migration cost.
    pub best_switch: Option<Switch>,
}

/// A switch away from the incumbent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Switch {
    /// The framework to switch to.
    #[serde(flatten)]
    pub pick: Pick,
    /// Its lead over the incumbent before the migration cost (negative: behind).
    pub gain_before_cost: f64,
    /// The migration cost.
    pub cost: f64,
    /// Whether the gain outweighs the cost.
    pub worth_switching: bool,
}

/// The points a ranked framework pays for one kind of change.
pub fn paid(ranked: &Ranked, kind: CostKind) -> f64 {
    ranked.costs.iter().filter(|c| c.kind == kind).map(|c| c.points).sum()
}

/// The language report over a ranking, best first; `None` when the team names no language.
pub fn language_switch(ranking: &[Ranked], answers: &Answers) -> Option<LanguageSwitch> {
    if answers.team_knows.is_empty() {
        return None;
    }
    let inside = ranking.iter().find(|r| paid(r, CostKind::Language) == 0.0);
    let outside = ranking.iter().find(|r| paid(r, CostKind::Language) > 0.0);
    let best_outside = outside.map(|o| {
        let cost = paid(o, CostKind::Language);
        let before = o.score + cost;
        let lead = inside.map_or(before, |i| before - i.score);
        Outside {
            pick: Pick::of(o),
            score_before_cost: before,
            cost,
            reason: o
                .costs
                .iter()
                .find(|c| c.kind == CostKind::Language)
                .map_or_else(String::new, |c| c.reason.clone()),
            lead_before_cost: lead,
            worth_switching: inside.is_none_or(|i| o.score > i.score),
            short_by: (cost - lead).max(0.0),
        }
    });
    Some(LanguageSwitch {
        open_to: answers.open_to.values(),
        best_in_team_languages: inside.map(Pick::of),
        best_outside,
    })
}

/// The incumbent report; `None` without an incumbent. `found` is the incumbent's entry when it
/// is in the catalog.
pub fn incumbent(ranking: &[Ranked], found: Option<&Framework>) -> Option<Incumbent> {
    let framework = found?;
    let own = ranking.iter().find(|r| r.id == framework.id);
    let best = ranking.iter().find(|r| r.id != framework.id);
    let best_switch = own.zip(best).map(|(own, best)| {
        let cost = paid(best, CostKind::Migration);
        Switch {
            pick: Pick::of(best),
            gain_before_cost: best.score + cost - own.score,
            cost,
            worth_switching: best.score > own.score,
        }
    });
    Some(Incumbent {
        pick: own.map(Pick::of).unwrap_or_else(|| Pick {
            id: framework.id.to_string(),
            name: framework.name.to_string(),
            language: framework.language().to_string(),
            score: 0.0,
        }),
        rank: own.map(|r| r.rank),
        best_switch,
    })
}

/// One language's best candidate (JSON `best_by_language`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageBest {
    /// The language id.
    pub language: String,
    /// The best candidate that supports it first-class.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its score.
    pub score: f64,
}

/// The best candidate of every language with one, best score first (then language order),
/// when no language is named (no `--team-knows`, no `--language`).
pub fn best_by_language(ranking: &[Ranked], answers: &Answers, vocabulary: &Vocabulary) -> Option<Vec<LanguageBest>> {
    if !answers.team_knows.is_empty() || !answers.languages.is_empty() {
        return None;
    }
    let mut best: Vec<LanguageBest> = vocabulary
        .language_ids()
        .filter_map(|language| {
            let top = ranking.iter().find(|r| r.languages.iter().any(|l| l == language))?;
            Some(LanguageBest {
                language: language.to_string(),
                id: top.id.to_string(),
                name: top.name.to_string(),
                score: top.score,
            })
        })
        .collect();
    // Stable: equal scores keep the vocabulary's order.
    best.sort_by_key(|b| std::cmp::Reverse(super::score::order_key(b.score)));
    Some(best)
}

/// The ranking as the weight analyses ([`super::sensitivity`], close calls, `why-not`, team
/// disagreements) must see it: each framework's costs folded into its ratings, every rating
/// lowered by 4 × cost / 100. Under WSM a score is Σ w × 100 × (r − 1) / 4 with Σ w = 1, so this
/// lowers the score by exactly the cost for any weights; under TOPSIS it is an approximation.
/// Borrowed when nothing pays a cost.
pub fn folded(ranking: &Ranking) -> Cow<'_, Ranking> {
    if ranking.ranking.iter().all(|r| r.costs.is_empty()) {
        return Cow::Borrowed(ranking);
    }
    let mut folded = ranking.clone();
    for entry in &mut folded.ranking {
        let cost: f64 = entry.costs.iter().map(|c| c.points).sum();
        if cost > 0.0 {
            for part in &mut entry.criteria {
                part.rating -= 4.0 * cost / 100.0;
            }
        }
    }
    Cow::Owned(folded)
}
