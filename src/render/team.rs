//! The team section every report of a team's ranking carries (docs/team.md): who
//! decided, how their answers were combined, the spread of each criterion's weight, each
//! member's own winner, the consensus and what to settle first. The sentences and the grid are
//! made once here; the table, Markdown, HTML and ADR formats only lay them out.

use std::fmt::Write as _;

use super::markup::escape;
use super::rows::{Cell, Rows};
use super::side_by_side::criterion_label;
use super::{Options, markdown, table};
use crate::catalog::Vocabulary;
use crate::decide::Recommendation;
use crate::decide::team::{Disagreement, TeamReport};

fn percent(weight: f64) -> String {
    format!("{:.0}%", weight * 100.0)
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The members' labels: "Alice (tech lead)".
fn labels(team: &TeamReport, decides: bool) -> Vec<String> {
    team.members
        .iter()
        .filter(|m| (m.part == "decision-maker") == decides)
        .map(|m| match &m.role {
            Some(role) => format!("{} ({role})", m.name),
            None => m.name.clone(),
        })
        .collect()
}

/// The names for a decision record's front matter: the decision-makers, then those consulted.
pub fn decision_makers(team: &TeamReport) -> (Vec<String>, Vec<String>) {
    (labels(team, true), labels(team, false))
}

/// MADR's `decision-makers`, `consulted` and `informed` front-matter lines (YAML, each name
/// quoted); a key nobody fills is left out.
pub fn front_matter(team: &TeamReport, informed: &[String]) -> String {
    let (deciders, consulted) = decision_makers(team);
    people_lines(&deciders, &consulted, informed)
}

/// The `decision-makers`, `consulted` and `informed` lines of MADR front matter for these names
/// (each quoted as a YAML string), each only when it names someone.
pub fn people_lines(deciders: &[String], consulted: &[String], informed: &[String]) -> String {
    let quoted = |names: &[String]| -> String {
        let list: Vec<String> = names.iter().map(|n| serde_json::to_string(n).unwrap_or_default()).collect();
        list.join(", ")
    };
    let mut out = String::new();
    if !deciders.is_empty() {
        let _ = writeln!(out, "decision-makers: [{}]", quoted(deciders));
    }
    if !consulted.is_empty() {
        let _ = writeln!(out, "consulted: [{}]", quoted(consulted));
    }
    if !informed.is_empty() {
        let _ = writeln!(out, "informed: [{}]", quoted(informed));
    }
    out
}

/// "Alice weighs performance 28%, Bob 6%: settle this first (…)".
fn settle(d: &Disagreement, order: &str, team: &TeamReport, vocabulary: &Vocabulary) -> String {
    let name = |id: &Option<String>| id.as_deref().map_or("nothing".to_string(), |id| team.name(id).to_string());
    let outcome = if d.decides() {
        format!(
            "{} wins at {}'s weight, {} at {}'s",
            name(&d.winner_at_high),
            d.high.member,
            name(&d.winner_at_low),
            d.low.member
        )
    } else {
        format!("{} wins either way", name(&d.winner_at_high))
    };
    format!(
        "{} weighs {} {}, {} {}: settle this {order} ({outcome}).",
        d.high.member,
        criterion_label(vocabulary, d.criterion).to_lowercase(),
        percent(d.high.weight),
        d.low.member,
        percent(d.low.weight)
    )
}

/// The team section's sentences, in reading order.
pub fn lines(recommendation: &Recommendation, vocabulary: &Vocabulary) -> Vec<String> {
    let Some(team) = &recommendation.team else { return Vec::new() };
    let mut out = Vec::new();
    let (deciders, consulted) = decision_makers(team);
    let how = match team.aggregation {
        "geometric-mean" => "AHP on the geometric mean of the members' pairwise judgements",
        _ => "the mean of each member's normalised weights",
    };
    let rule = match team.constraints {
        "shared" => "only constraints every member shares rule a framework out",
        _ => "every member's constraints apply",
    };
    let mut first = format!("Decided by {}: weights are {how}; {rule}.", and_list(&deciders));
    if !consulted.is_empty() {
        let _ = write!(first, " Consulted (shown, not weighed): {}.", and_list(&consulted));
    }
    out.push(first);
    let group = recommendation.ranking.ranking.first().map(|r| r.name.as_str());
    let total = team.members.len();
    let others: Vec<String> = team
        .members
        .iter()
        .filter(|m| !team.consensus.agree.contains(&m.name))
        .map(|m| format!("{}'s is {}", m.name, m.winner.as_deref().map_or("none", |w| team.name(w))))
        .collect();
    let mut consensus = match group {
        Some(group) => format!(
            "Consensus: {} of {total} members' own winner is the group's, {group}{}",
            team.consensus.agree.len(),
            if others.is_empty() { ".".to_string() } else { format!("; {}.", and_list(&others)) }
        ),
        None => "Consensus: no framework passes the team's constraints.".to_string(),
    };
    if let Some(w) = team.consensus.kendall_w {
        let _ = write!(
            consensus,
            " Their weights alone, applied to the team's {} candidates, order them alike to Kendall's W = {w:.2} (1 = the same order, 0 = unrelated); own winners above also use each member's own languages and use cases.",
            team.consensus.candidates
        );
    }
    out.push(consensus);
    for (d, order) in team.disagreements.iter().zip(["first", "next"]) {
        out.push(settle(d, order, team, vocabulary));
    }
    if team.disagreements.is_empty() {
        out.push("No criterion's weights differ by 5 points or more between the members.".into());
    }
    if let Some(analysis) = &recommendation.sensitivity {
        out.push(format!(
            "Wins are drawn over the spread of the team's weights: Dirichlet concentration {} fitted to it.",
            analysis.concentration
        ));
    }
    out
}

/// The spread grid: one row per criterion (the group's weight, each member's, the range), then
/// each member's own winner.
pub fn grid(recommendation: &Recommendation, vocabulary: &Vocabulary) -> Rows {
    let Some(team) = &recommendation.team else { return Rows::default() };
    let text = |t: String| Cell { raw: t.clone(), text: t, numeric: false, keep_whole: false };
    let number = |w: f64| Cell { text: percent(w), raw: w.to_string(), numeric: true, keep_whole: false };
    let mut headers = vec!["Criterion".to_string(), "Group".to_string()];
    headers.extend(team.members.iter().map(|m| m.name.clone()));
    headers.push("Spread".into());
    let mut rows: Vec<Vec<Cell>> = team
        .criteria
        .iter()
        .enumerate()
        .map(|(j, spread)| {
            let mut row = vec![text(criterion_label(vocabulary, spread.id)), number(spread.weight)];
            row.extend(team.members.iter().map(|m| number(m.weights[j].1)));
            row.push(text(format!("{}–{}", percent(spread.min.weight), percent(spread.max.weight))));
            row
        })
        .collect();
    let mut winners = vec![
        text("Own winner".into()),
        text(recommendation.ranking.ranking.first().map_or("none".into(), |r| r.name.to_string())),
    ];
    winners.extend(team.members.iter().map(|m| text(m.winner.as_deref().map_or("none", |w| team.name(w)).to_string())));
    winners.push(text(String::new()));
    rows.push(winners);
    Rows { headers, rows, drop_first: Vec::new() }
}

/// The section for the terminal table.
pub fn text(recommendation: &Recommendation, vocabulary: &Vocabulary, options: &Options) -> String {
    if recommendation.team.is_none() {
        return String::new();
    }
    let mut out = String::from("\nTeam\n");
    out.push_str(&table::grid(&grid(recommendation, vocabulary), options));
    for line in lines(recommendation, vocabulary) {
        out.push_str(&table::paragraph(&line, options.width, ""));
    }
    out
}

/// The section in Markdown.
pub fn markdown(recommendation: &Recommendation, vocabulary: &Vocabulary) -> String {
    if recommendation.team.is_none() {
        return String::new();
    }
    let mut out = String::from("\n## Team\n\n");
    out.push_str(&markdown::grid(&grid(recommendation, vocabulary)));
    for line in lines(recommendation, vocabulary) {
        let _ = write!(out, "\n{line}\n");
    }
    out
}

/// The section in HTML.
pub fn html(recommendation: &Recommendation, vocabulary: &Vocabulary) -> String {
    if recommendation.team.is_none() {
        return String::new();
    }
    let grid = grid(recommendation, vocabulary);
    let mut out = String::from("<section>\n<h2>Team</h2>\n");
    for line in lines(recommendation, vocabulary) {
        let _ = writeln!(out, "<p>{}</p>", escape(&line));
    }
    out.push_str("<table>\n<thead><tr>");
    for header in &grid.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &grid.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if cell.numeric { " class=\"num\"" } else { "" };
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(&cell.text));
            } else {
                let _ = write!(out, "<td{class}>{}</td>", escape(&cell.text));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}
