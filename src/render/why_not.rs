//! `why-not`: why a framework is not first, in every format that offers it: the sentences, then
//! the criterion-by-criterion gap to the winner as a [`Rows`] skeleton (table, Markdown, CSV), or
//! the explanation as data (JSON, YAML).

use super::prose::criterion_label;
use super::rows::{Cell, Rows, rating};
use super::{Format, Options, csv, json, markdown, not_offered, table, yaml};
use crate::catalog::Vocabulary;
use crate::decide::score::EXCLUDED_BY_YOU;
use crate::decide::switching::CostKind;
use crate::decide::why_not::WhyNot;
use crate::error::Result;

/// The explanation in `format`.
pub fn render(format: Format, why: &WhyNot, vocabulary: &Vocabulary, options: &Options) -> Result<String> {
    let skeleton = gaps(why, vocabulary);
    Ok(match format {
        Format::Json => json::to_string(why)?,
        Format::Yaml => yaml::to_string(why)?,
        Format::Csv => csv::grid(&skeleton)?,
        Format::Table => {
            let mut out: String =
                sentences(why, vocabulary).iter().map(|line| table::paragraph(line, options.width, "  ")).collect();
            if !skeleton.rows.is_empty() {
                out.push('\n');
                out.push_str(&table::grid(&skeleton, options));
            }
            out
        }
        Format::Markdown => {
            let mut out = format!("## Why not {}?\n\n", markdown::escape(&why.name));
            for line in sentences(why, vocabulary) {
                out.push_str(&markdown::escape(&line));
                out.push_str("\n\n");
            }
            if !skeleton.rows.is_empty() {
                out.push_str(&markdown::grid(&skeleton));
            }
            out
        }
        Format::Html | Format::Adr | Format::Radar => return Err(not_offered(format, "a why-not explanation")),
    })
}

/// What people read: where it stands, what removed it or what it loses on, what would change it.
pub fn sentences(why: &WhyNot, vocabulary: &Vocabulary) -> Vec<String> {
    let winner = why.winner_name.as_deref().unwrap_or("nothing");
    let mut lines = Vec::new();
    match why.status {
        "excluded" => {
            let yours = why.excluded_by.iter().any(|r| r == EXCLUDED_BY_YOU);
            let filters: Vec<&str> =
                why.excluded_by.iter().filter(|r| *r != EXCLUDED_BY_YOU).map(String::as_str).collect();
            if yours {
                lines.push(format!("{} is not ranked: {EXCLUDED_BY_YOU} (--exclude {}).", why.name, why.id));
            }
            if !filters.is_empty() {
                let also = if yours { "the filters also remove it" } else { "the filters removed it" };
                lines.push(format!("{} is not ranked: {also} ({}).", why.name, filters.join("; ")));
                lines.push("Relax those filters (--language, --require) to rank it.".into());
            }
        }
        "winner" => lines.push(format!("{} is first: nothing to explain.", why.name)),
        _ => {
            let (score, best) = (why.score.unwrap_or(0.0), why.winner_score.unwrap_or(0.0));
            lines.push(format!(
                "{} is ranked {} with {:.1}, {:.1} points behind {} ({:.1}).",
                why.name,
                why.rank.unwrap_or(0),
                score,
                best - score,
                winner,
                best
            ));
            // "pays 35 points: Go is new to the team", "pays 15 points for moving away from …".
            let paid = |cost: &crate::decide::switching::Cost| match cost.kind {
                CostKind::Language => format!("pays {:.0} points: {}", cost.points, cost.reason),
                CostKind::Migration => format!("pays {:.0} points for {}", cost.points, cost.reason),
            };
            for cost in &why.costs {
                let remedy = match cost.kind {
                    CostKind::Language => " (--open-to LANG removes a language cost)",
                    CostKind::Migration => "",
                };
                let also = if why.winner_costs.iter().any(|c| c.reason == cost.reason) {
                    format!("Like {winner}, it")
                } else {
                    "It".to_string()
                };
                lines.push(format!("{also} {}{remedy}.", paid(cost)));
            }
            for cost in why.winner_costs.iter().filter(|w| !why.costs.iter().any(|c| c.reason == w.reason)) {
                lines.push(format!("{winner} {}.", paid(cost)));
            }
            let mut losses: Vec<_> = why.criteria.iter().filter(|g| g.difference < -1e-9).collect();
            losses.sort_by(|a, b| a.difference.total_cmp(&b.difference));
            if let Some(worst) = losses.first() {
                lines.push(format!(
                    "It loses most on {}: rated {} against {}'s {}, {:.1} points.",
                    criterion_label(vocabulary, worst.criterion).to_lowercase(),
                    rating(worst.rating),
                    winner,
                    rating(worst.winner_rating),
                    worst.difference
                ));
            }
            // A range that shrinks to a point (100% to 100%) is a tie at the end of the scale, not a
            // way to win.
            let turns: Vec<_> =
                why.would_win.iter().filter(|t| t.wins_between[1] - t.wins_between[0] >= 0.005).collect();
            if turns.is_empty() {
                lines.push(
                    "No change of one criterion's weight makes it first; its ratings would have to change.".into(),
                );
            }
            for turn in turns {
                let [low, high] = turn.wins_between;
                lines.push(format!(
                    "It would be first if {} weighed {:.0}% to {:.0}% (now {:.0}%).",
                    criterion_label(vocabulary, turn.criterion).to_lowercase(),
                    low * 100.0,
                    high * 100.0,
                    turn.weight * 100.0
                ));
            }
        }
    }
    lines
}

/// Criterion by criterion against the winner.
fn gaps(why: &WhyNot, vocabulary: &Vocabulary) -> Rows {
    let headers = ["Criterion", "Weight", "Rating", "Winner's rating", "Points vs winner"].map(String::from).to_vec();
    let rows = why
        .criteria
        .iter()
        .map(|g| {
            vec![
                Cell::text(criterion_label(vocabulary, g.criterion)),
                Cell::number(format!("{:.0}%", g.weight * 100.0), g.weight),
                Cell::number(rating(g.rating), g.rating),
                Cell::number(rating(g.winner_rating), g.winner_rating),
                Cell::number(format!("{:+.1}", g.difference), g.difference),
            ]
        })
        .collect();
    Rows { headers, rows, drop_first: Vec::new() }
}
