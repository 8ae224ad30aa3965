//! Sentences for people, shared by the table and Markdown formats: the weights, why the top pick
//! wins, and what the filters removed.

use crate::catalog::Vocabulary;
use crate::score::{Criterion, Part, Ranking};

fn label(vocabulary: &Vocabulary, criterion: Criterion) -> String {
    match criterion {
        Criterion::Factor(factor) => vocabulary.factor(factor).map_or(factor.id(), |f| f.label.as_str()).to_string(),
        other => other.label().to_string(),
    }
}

/// "Weights: Performance 31% (importance 5), …".
pub fn weights(ranking: &Ranking, vocabulary: &Vocabulary) -> String {
    let parts: Vec<String> = ranking
        .criteria
        .iter()
        .map(|w| format!("{} {:.0}% (importance {})", label(vocabulary, w.id), w.weight * 100.0, w.importance))
        .collect();
    format!("Weights: {}.", parts.join(", "))
}

fn describe(vocabulary: &Vocabulary, part: &Part) -> String {
    format!("{} (rated {}/5)", label(vocabulary, part.criterion), super::grid::rating(part.rating))
}

/// The top pick's strongest and weakest criteria, one sentence each.
pub fn top_pick(ranking: &Ranking, vocabulary: &Vocabulary) -> Vec<String> {
    let Some(top) = ranking.ranking.first() else {
        return vec!["No framework passes the filters; relax --language or --require.".into()];
    };
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

/// "Excluded: Flask (orm: community, builtin required); …", one line per framework.
pub fn excluded(ranking: &Ranking) -> Vec<String> {
    ranking.excluded.iter().map(|e| format!("{} ({}): {}", e.name, e.id, e.reasons.join("; "))).collect()
}

/// "Showing 10 of 24 ranked frameworks; use --top N to see more." when truncated.
pub fn truncated(shown: usize, total: usize) -> Option<String> {
    (shown < total).then(|| format!("Showing {shown} of {total} ranked frameworks; use --top N to see more."))
}
