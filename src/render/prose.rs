//! Sentences for people, shared by the table and Markdown formats: the weights, why the top pick
//! wins, what the filters removed, and how sure the ranking is.

use crate::catalog::Vocabulary;
use crate::criteria::Criterion;
use crate::decide::Recommendation;
use crate::decide::score::{Method, Part, Ranking, Weight, Weighting};
use crate::decide::sensitivity::Sensitivity;

/// A criterion's label for people: the factor's label from the vocabulary, or the context
/// criterion's name.
pub fn criterion_label(vocabulary: &Vocabulary, criterion: Criterion) -> String {
    match criterion {
        Criterion::Factor(factor) => vocabulary.factor(factor).map_or(factor.id(), |f| f.label.as_str()).to_string(),
        other => other.label().to_string(),
    }
}

/// A language the team knows, for people: "Kotlin", or "Kotlin (a little)".
pub fn known(known: &crate::answers::Known, vocabulary: &Vocabulary) -> String {
    let name = vocabulary.language_name(&known.language);
    match known.level {
        crate::answers::Proficiency::Well => name.to_string(),
        crate::answers::Proficiency::Some => format!("{name} (a little)"),
    }
}

/// "Weights: Performance 31% (importance 5), …"; with AHP the factors' weights come from the
/// comparisons, so their importances are not shown, and the consistency ratio is.
pub fn weights(weighting: &Weighting, criteria: &[Weight], vocabulary: &Vocabulary) -> String {
    let ahp = weighting.ahp.as_ref();
    let parts: Vec<String> = criteria
        .iter()
        .map(|w| match (ahp, w.id) {
            // A team's weights are aggregated, not given as importances.
            _ if weighting.method == "team" => {
                format!("{} {:.0}%", criterion_label(vocabulary, w.id), w.weight * 100.0)
            }
            (Some(_), Criterion::Factor(_)) => {
                format!("{} {:.0}%", criterion_label(vocabulary, w.id), w.weight * 100.0)
            }
            _ => {
                format!("{} {:.0}% (importance {})", criterion_label(vocabulary, w.id), w.weight * 100.0, w.importance)
            }
        })
        .collect();
    match ahp {
        Some(ahp) => format!(
            "Weights (AHP from pairwise comparisons, consistency ratio {:.2}): {}.",
            ahp.consistency_ratio,
            parts.join(", ")
        ),
        None if weighting.method == "team" => format!("Weights (the team's, aggregated): {}.", parts.join(", ")),
        None => format!("Weights: {}.", parts.join(", ")),
    }
}

fn describe(vocabulary: &Vocabulary, part: &Part) -> String {
    format!("{} (rated {}/5)", criterion_label(vocabulary, part.criterion), super::rows::rating(part.rating))
}

/// "Close call: …", when first place is not a clear choice.
pub fn close_call(recommendation: &Recommendation, vocabulary: &Vocabulary) -> Option<String> {
    let close = &recommendation.close_call;
    if !close.close {
        return None;
    }
    let deciding = close.deciding.map_or(String::new(), |c| {
        format!(" The deciding factor is {}.", criterion_label(vocabulary, c).to_lowercase())
    });
    Some(format!("Close call: {}.{deciding}", close.reasons.join("; ")))
}

/// What `list` says when its filters leave nothing.
pub fn no_match() -> &'static str {
    "No framework matches these filters; relax --language, --use-case or --require."
}

/// The top pick's strongest and weakest criteria, one sentence each.
pub fn top_pick(ranking: &Ranking, vocabulary: &Vocabulary) -> Vec<String> {
    let Some(top) = ranking.ranking.first() else {
        return vec!["No framework passes the filters; relax --language or --require.".into()];
    };
    if ranking.method == Method::Topsis {
        return top_pick_topsis(ranking, vocabulary);
    }
    let mut lines = Vec::new();
    if let Some(best) = top.strongest() {
        lines.push(format!(
            "{} scores {:.1}/100; its strongest criterion is {}, adding {:.1} of a possible {:.1} points.",
            top.name,
            top.score,
            describe(vocabulary, best),
            best.contribution,
            best.possible
        ));
    }
    if let Some(worst) = top.weakest() {
        let lost = worst.possible - worst.contribution;
        if lost > 0.0 {
            lines.push(format!(
                "Its weakest is {}, where it gives up {:.1} of {:.1} points.",
                describe(vocabulary, worst),
                lost,
                worst.possible
            ));
        } else {
            lines.push("It has the top rating on every weighted criterion.".into());
        }
    }
    lines
}

/// The top pick's strongest and weakest criteria in words, without the points: for a page read
/// by people who did not run the tool (the HTML report). TOPSIS keeps [`top_pick`]'s sentences.
pub fn top_pick_in_words(ranking: &Ranking, vocabulary: &Vocabulary) -> Vec<String> {
    let Some(top) = ranking.ranking.first() else {
        return vec![
            "No framework passes the required languages and features; fewer requirements would leave some.".into(),
        ];
    };
    if ranking.method == Method::Topsis {
        return top_pick(ranking, vocabulary);
    }
    let mut lines = Vec::new();
    if let Some(best) = top.strongest() {
        lines.push(format!(
            "Its greatest strength is {}: no criterion adds more to its score.",
            describe(vocabulary, best)
        ));
    }
    if let Some(worst) = top.weakest() {
        if worst.possible - worst.contribution > 0.0 {
            lines.push(format!(
                "Its weakest is {}: the criterion where it falls furthest short of a top rating.",
                describe(vocabulary, worst)
            ));
        } else {
            lines.push("It has the top rating on every weighted criterion.".into());
        }
    }
    lines
}

/// TOPSIS: how far the top pick is from the ideal and the anti-ideal, where it leads the
/// worst the most, and where it falls furthest short of the best.
fn top_pick_topsis(ranking: &Ranking, vocabulary: &Vocabulary) -> Vec<String> {
    let Some(top) = ranking.ranking.first() else { return Vec::new() };
    let mut lines = vec![format!(
        "{} scores {:.1}/100: it is {:.3} from the ideal framework and {:.3} from the anti-ideal (score = 100 × d− / (d+ + d−)).",
        top.name,
        top.score,
        top.distance_to_ideal.unwrap_or(0.0),
        top.distance_to_anti_ideal.unwrap_or(0.0)
    )];
    if let Some(best) = top.strongest().filter(|p| p.contribution > 0.0) {
        lines.push(format!("Its biggest lead over the worst is on {}.", describe(vocabulary, best)));
    }
    match top.weakest().filter(|p| p.possible - p.contribution > 0.0) {
        Some(worst) => lines.push(format!("It falls furthest short of the best on {}.", describe(vocabulary, worst))),
        None => lines.push("It has the best rating on every weighted criterion.".into()),
    }
    lines
}

/// Under an explained TOPSIS table: what the second line of each cell is.
pub fn topsis_cells() -> String {
    "Each cell: the rating, then v = weight × rating / √(Σ ratings²) over the frameworks ranked; \
     the ideal takes the highest v on every criterion, the anti-ideal the lowest."
        .into()
}

/// The verdict of a sensitivity analysis, if the ranking has one.
pub fn verdict(recommendation: &Recommendation) -> Option<String> {
    recommendation.sensitivity.as_ref().map(|s| s.verdict.clone())
}

/// What the "Wins" column means.
pub fn wins(analysis: &Sensitivity) -> String {
    let ratings = if analysis.uncertainty.ratings_sampled {
        ", each with every rating drawn within its uncertainty (normal),"
    } else {
        ", ratings as given,"
    };
    format!(
        "Wins: share of {} weightings drawn around yours (Dirichlet, concentration {}, seed {}){ratings} in which the framework ranks first.",
        super::entry::thousands(analysis.samples as u64),
        analysis.concentration,
        analysis.seed
    )
}

/// One line per criterion: the weights between which the winner stays first, and who takes
/// over beyond them.
pub fn tipping(recommendation: &Recommendation, vocabulary: &Vocabulary) -> Vec<String> {
    let Some(analysis) = &recommendation.sensitivity else { return Vec::new() };
    let name = |id: &str| analysis.name(id).to_string();
    let winner = name(&analysis.winner);
    analysis
        .criteria
        .iter()
        .map(|c| {
            let [low, high] = c.keeps_winner;
            let mut line = format!("{} (now {:.0}%): ", criterion_label(vocabulary, c.id), c.weight * 100.0);
            let (low, high) = (low * 100.0, high * 100.0);
            line.push_str(&match (&c.below, &c.above) {
                (None, None) => format!("{winner} stays first at any weight."),
                (Some(_), None) => format!("{winner} stays first from {low:.1}% up"),
                (None, Some(_)) => format!("{winner} stays first up to {high:.1}%"),
                (Some(_), Some(_)) => format!("{winner} stays first from {low:.1}% to {high:.1}%"),
            });
            if let Some(below) = &c.below {
                line.push_str(&format!("; below, {}", name(&below.winner)));
            }
            if let Some(above) = &c.above {
                line.push_str(&format!("; above, {}", name(&above.winner)));
            }
            if c.below.is_some() || c.above.is_some() {
                line.push('.');
            }
            line
        })
        .collect()
}

/// "Excluded: Flask (orm: community, builtin required); …", one line per framework.
pub fn excluded(ranking: &Ranking) -> Vec<String> {
    ranking.excluded.iter().map(|e| format!("{} ({}): {}", e.name, e.id, e.reasons.join("; "))).collect()
}

/// What the radar did, when one was given: Hold removals, whether Adopt counted as support, the
/// entries that look like a framework's name but match none, and the entries that name none.
pub fn radar(ranking: &Ranking) -> Option<String> {
    /// The most unmatched names listed; the rest are counted.
    const LISTED: usize = 8;
    let radar = ranking.radar.as_ref()?;
    let held =
        ranking.excluded.iter().filter(|e| e.reasons.iter().any(|r| r.starts_with("on Hold in the radar"))).count();
    let mut parts = vec![match held {
        0 => "no framework is on Hold".to_string(),
        1 => "1 framework on Hold is left out".to_string(),
        n => format!("{n} frameworks on Hold are left out"),
    }];
    let adopted = ranking.ranking.iter().any(|r| r.radar.as_ref().is_some_and(|p| p.ring == crate::radar::Ring::Adopt));
    if adopted && radar.adopt_counts_as_support {
        parts.push(
            "Adopt counts as organisational support, as a language known a little (--no-radar-support or radar_support: false turns that off)"
                .into(),
        );
    }
    for suggestion in &radar.suggestions {
        parts.push(format!(
            "'{}' ({}) names no framework: did you mean '{}'? (an entry matches a framework's id or name)",
            suggestion.entry, suggestion.ring, suggestion.did_you_mean
        ));
    }
    let others: Vec<&String> =
        radar.unmatched.iter().filter(|u| !radar.suggestions.iter().any(|s| &s.entry == *u)).collect();
    if !others.is_empty() {
        let mut names: Vec<String> = others.iter().take(LISTED).map(|n| n.to_string()).collect();
        if others.len() > LISTED {
            names.push(format!("and {} more", others.len() - LISTED));
        }
        parts.push(format!(
            "{} {} no framework of the catalog and {} not used: {}",
            others.len(),
            if others.len() == 1 { "entry names" } else { "entries name" },
            if others.len() == 1 { "is" } else { "are" },
            names.join(", ")
        ));
    }
    Some(format!("Radar {}: {}.", crate::escape::one_line(&radar.file), parts.join("; ")))
}

/// How to relax the constraints when they remove most candidates: the requirement that removes
/// the most frameworks, and how many more a weaker level of it would keep ("`--require
/// admin:community` would keep 12 more"). `None` when most candidates pass. `ranked` counts
/// every ranked framework (the ranking may hold only the `--top` shown).
pub fn relax(ranking: &Ranking, ranked: usize) -> Option<String> {
    let total = ranked + ranking.excluded.len();
    if ranking.excluded.len() * 2 <= total {
        return None;
    }
    // Each reason reads "FEATURE: LEVEL, REQUIRED required" (a member's name may follow).
    let feature_of = |reason: &str| -> Option<(String, bool)> {
        let (feature, rest) = reason.split_once(": ")?;
        rest.contains(" required").then(|| (feature.to_string(), rest.starts_with("community,")))
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for excluded in &ranking.excluded {
        for (feature, _) in excluded.reasons.iter().filter_map(|r| feature_of(r)) {
            match counts.iter_mut().find(|(f, _)| *f == feature) {
                Some((_, n)) => *n += 1,
                None => counts.push((feature, 1)),
            }
        }
    }
    let (feature, removed) = counts.into_iter().max_by_key(|(_, n)| *n)?;
    // Frameworks whose only failing constraint is this feature, provided by a community package.
    let kept = ranking
        .excluded
        .iter()
        .filter(|e| e.reasons.iter().all(|r| feature_of(r).is_some_and(|(f, community)| f == feature && community)))
        .count();
    let mut text =
        format!("The constraints leave {ranked} of {total} frameworks; --require {feature} alone removes {removed}.");
    if kept > 0 {
        text.push_str(&format!(
            " --require {feature}:community (a maintained third-party package is enough) would keep {kept} more."
        ));
    } else {
        text.push_str(&format!(" Dropping --require {feature} keeps more of them."));
    }
    Some(text)
}

/// "Showing 10 of 24 ranked frameworks; use --top N to see more." when truncated.
pub fn truncated(shown: usize, total: usize) -> Option<String> {
    (shown < total).then(|| format!("Showing {shown} of {total} ranked frameworks; use --top N to see more."))
}

/// "Importances set by the use case (none given): …", when the use cases set any.
pub fn use_case_defaults(ranking: &Ranking, vocabulary: &Vocabulary) -> Option<String> {
    let defaults = ranking.use_case_defaults.as_ref()?;
    let set: Vec<String> = defaults
        .importances
        .iter()
        .map(|(c, i)| format!("{} {i}", criterion_label(vocabulary, *c).to_lowercase()))
        .collect();
    let plural = if defaults.use_cases.len() == 1 { "use case" } else { "use cases" };
    Some(format!(
        "Importances not given were set by the {plural} {}: {}.",
        defaults.use_cases.join(", "),
        set.join(", ")
    ))
}

/// Who reads a sentence: someone at the command line, who is told the flag that changes an
/// answer, or a reader of a page or record, who is told the same in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The terminal and the reports engineers paste (table, Markdown).
    Cli,
    /// A page or decision record for people who did not run the tool.
    Document,
}

/// The team's languages against the rest: the best pick in them, and what the best outside one
/// would need to be worth switching.
pub fn language_switch(ranking: &Ranking, vocabulary: &Vocabulary, reader: Reader) -> Vec<String> {
    let Some(switch) = &ranking.language_switch else { return Vec::new() };
    let mut lines = Vec::new();
    match &switch.best_in_team_languages {
        Some(best) => lines.push(format!(
            "Best in your languages: {} ({}, {:.1}).",
            best.name,
            vocabulary.language_name(&best.language),
            best.score
        )),
        // With nothing ranked at all, the filters are the story, not the languages.
        None if ranking.ranking.is_empty() => {}
        None => lines.push("No candidate is in your languages.".into()),
    }
    if let Some(outside) = &switch.best_outside {
        let language = vocabulary.language_name(&outside.pick.language);
        let verdict = if outside.worth_switching {
            "worth switching".to_string()
        } else if reader == Reader::Cli {
            format!(
                "{:.1} points short of worth switching; --open-to {} drops the cost",
                outside.short_by, outside.pick.language
            )
        } else {
            format!(
                "{:.1} points short of worth switching, unless the team is open to adopting {language}, which drops the cost",
                outside.short_by
            )
        };
        // Known a little is not "outside" in the team's eyes: say what the cost is for.
        // The reason switching.rs gives a language the team knows a little (not one related to it).
        let a_little = outside.reason.starts_with("the team knows ");
        let cost = if a_little {
            format!("the {:.0}-point cost of a language the team knows only a little", outside.cost)
        } else {
            format!("the {:.0}-point cost of adopting {language}", outside.cost)
        };
        let lead = match &switch.best_in_team_languages {
            Some(best) => format!(
                "{} {} by {:.1} points before {cost}",
                if outside.lead_before_cost >= 0.0 { "leads" } else { "trails" },
                best.name,
                outside.lead_before_cost.abs()
            ),
            None => format!("is the best candidate left, before {cost}"),
        };
        lines.push(format!(
            "Best {}: {} ({language}) {lead}; {verdict}.",
            if a_little { "in a language known only a little" } else { "outside them" },
            outside.pick.name
        ));
    }
    lines
}

/// What staying on the incumbent is worth against the best switch.
pub fn incumbent(ranking: &Ranking) -> Option<String> {
    let incumbent = ranking.incumbent.as_ref()?;
    let name = &incumbent.pick.name;
    let Some(rank) = incumbent.rank else {
        return Some(format!(
            "You run {name} today; the filters or your exclusions removed it, so no migration cost applies."
        ));
    };
    let mut line = format!("You run {name} today (rank {rank}, {:.1}).", incumbent.pick.score);
    if let Some(switch) = &incumbent.best_switch {
        let verdict = if switch.worth_switching {
            "more than the cost, so worth switching"
        } else {
            "not enough to be worth switching"
        };
        line.push_str(&format!(
            " Switching to {} would {} {:.1} points before the {:.0}-point migration cost; {verdict}.",
            switch.pick.name,
            if switch.gain_before_cost >= 0.0 { "gain" } else { "lose" },
            switch.gain_before_cost.abs(),
            switch.cost
        ));
    }
    Some(line)
}

/// "Python: FastAPI (83.3)", one per language, best first; empty when a language was named.
pub fn best_by_language(ranking: &Ranking, vocabulary: &Vocabulary) -> Vec<String> {
    ranking
        .best_by_language
        .iter()
        .flatten()
        .map(|b| format!("{}: {} ({:.1})", vocabulary.language_name(&b.language), b.name, b.score))
        .collect()
}

/// Everything the model says about the answers around the ranking, for people: the use cases'
/// defaults, the language switch, the incumbent, and the best pick per language (a heading and
/// one `  - ` line each).
pub fn model_notes(ranking: &Ranking, vocabulary: &Vocabulary) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    notes.extend(use_case_defaults(ranking, vocabulary));
    notes.extend(language_switch(ranking, vocabulary, Reader::Cli));
    notes.extend(incumbent(ranking));
    let best = best_by_language(ranking, vocabulary);
    if !best.is_empty() {
        notes.push("Best per language (no language named; --team-knows LANG weighs your own):".into());
        notes.extend(best.into_iter().map(|line| format!("  - {line}")));
    }
    notes
}
