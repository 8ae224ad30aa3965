//! The architecture decision record of a ranking, in the MADR 4.0 layout (front matter with
//! status and date, then context, drivers, options, outcome with consequences, pros and cons of
//! each option, and how to reproduce it), ready to commit into `docs/decisions/`.

use std::fmt::Write;

use super::rows::rating;
use super::side_by_side::{criterion_label, level_meaning};
use crate::answers::Answers;
use crate::catalog::{Catalog, Factor, Framework, Level};
use crate::criteria::Criterion;
use crate::decide::Recommendation;
use crate::decide::score::{Part, Ranked, Ranking};
use crate::error::{Error, Origin, Problem, Result};
use crate::provenance::Provenance;

/// How a list of words reads in a sentence: "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Alternatives in a sentence: "a", "a or b", "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A criterion's name in a sentence; use-case fit names the use cases it measures.
fn criterion_name(criterion: Criterion, answers: &Answers, catalog: &Catalog) -> String {
    let label = criterion_label(&catalog.vocabulary, criterion);
    match criterion {
        Criterion::UseCaseFit => format!("{label} ({})", answers.use_cases.join(", ")),
        Criterion::TeamFamiliarity => {
            let names: Vec<String> =
                answers.team_knows.iter().map(|k| super::prose::known(k, &catalog.vocabulary)).collect();
            format!("{label} ({})", names.join(", "))
        }
        Criterion::Factor(_) => label,
    }
}

/// The parts adding the most points, best first (ties in criterion order).
fn strongest(ranked: &Ranked, n: usize) -> Vec<&Part> {
    let mut parts: Vec<&Part> = ranked.criteria.iter().filter(|p| p.possible > 0.0 && p.contribution > 0.0).collect();
    parts.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    parts.truncate(n);
    parts
}

/// How far a TOPSIS part goes from the worst option to the best on its criterion.
fn way(part: &Part) -> f64 {
    if part.possible > 0.0 { 100.0 * part.contribution / part.possible } else { 0.0 }
}

/// "rated 5/5 on Use-case fit (api, ai-ml), adding 22.7 of a possible 22.7 points" (TOPSIS:
/// "…, 100% of the way from the worst option to the best").
fn strength(part: &Part, answers: &Answers, catalog: &Catalog) -> String {
    if part.normalized.is_some() {
        return format!(
            "rated {}/5 on {}, {:.0}% of the way from the worst option to the best",
            rating(part.rating),
            criterion_name(part.criterion, answers, catalog),
            way(part)
        );
    }
    format!(
        "rated {}/5 on {}, adding {:.1} of a possible {:.1} points",
        rating(part.rating),
        criterion_name(part.criterion, answers, catalog),
        part.contribution,
        part.possible
    )
}

/// "rated 3.5/5 on Performance, giving up 5.1 of 13.6 points", when it gives up any.
fn weakness(ranked: &Ranked, answers: &Answers, catalog: &Catalog) -> Option<String> {
    let part = ranked.weakest()?;
    let lost = part.possible - part.contribution;
    (lost > 1e-9).then(|| {
        if part.normalized.is_some() {
            return format!(
                "rated {}/5 on {}, only {:.0}% of the way from the worst option to the best",
                rating(part.rating),
                criterion_name(part.criterion, answers, catalog),
                way(part)
            );
        }
        format!(
            "rated {}/5 on {}, giving up {:.1} of {:.1} points",
            rating(part.rating),
            criterion_name(part.criterion, answers, catalog),
            lost,
            part.possible
        )
    })
}

/// A rating in a word, as a person would put it: 5 excellent, 4 strong, 3 modest, 2 weak, 1 poor.
fn quality(rating: f64) -> &'static str {
    match rating {
        r if r >= 4.75 => "excellent",
        r if r >= 3.75 => "strong",
        r if r >= 2.75 => "modest",
        r if r >= 1.75 => "weak",
        _ => "poor",
    }
}

/// What a criterion gives a project, in words: "modest raw throughput (Performance 3/5)",
/// "excellent fit for api and ai-ml (Use-case fit 5/5)".
fn in_words(part: &Part, answers: &Answers, catalog: &Catalog) -> String {
    let what = match part.criterion {
        Criterion::Factor(Factor::Performance) => "raw throughput".to_string(),
        Criterion::Factor(Factor::Scalability) => "room to scale".to_string(),
        Criterion::Factor(Factor::Productivity) => "developer productivity".to_string(),
        Criterion::Factor(Factor::Integration) => "integration with the wider ecosystem".to_string(),
        Criterion::Factor(Factor::Community) => "community and hiring pool".to_string(),
        Criterion::UseCaseFit => format!("fit for {}", and_list(&answers.use_cases)),
        Criterion::TeamFamiliarity => {
            let names: Vec<String> =
                answers.team_knows.iter().map(|k| super::prose::known(k, &catalog.vocabulary)).collect();
            format!("familiarity for a team that knows {}", and_list(&names))
        }
    };
    format!(
        "{} {what} ({} {}/5)",
        quality(part.rating),
        criterion_label(&catalog.vocabulary, part.criterion),
        rating(part.rating)
    )
}

/// The features of a framework at these levels, as "name (level)" or bare names.
fn features_at(framework: &Framework, levels: &[Level], with_level: bool) -> Vec<String> {
    framework
        .features
        .0
        .iter()
        .filter(|(_, support)| levels.contains(&support.level))
        .map(|(id, support)| {
            let name = id.replace('_', " ");
            if with_level { format!("{name} ({})", level_meaning(support.level)) } else { name }
        })
        .collect()
}

fn context(ranking: &Ranking, answers: &Answers, catalog: &Catalog) -> String {
    let vocabulary = &catalog.vocabulary;
    let mut out = String::from("## Context and Problem Statement\n\n");
    if let Some(description) = &answers.description {
        let _ = writeln!(out, "{}\n", description.trim());
    }
    let project = answers.title.as_deref().map_or("the project".to_string(), |t| t.trim().to_string());
    if answers.use_cases.is_empty() {
        let _ = write!(out, "We need to choose the backend web framework for {project}.");
    } else {
        let _ = writeln!(out, "We need to choose the backend web framework for {project}, which is:\n");
        for id in &answers.use_cases {
            let description = vocabulary.use_cases.iter().find(|u| &u.id == id).map_or("", |u| u.description.as_str());
            let _ = writeln!(out, "* {id}: {description}");
        }
    }
    let mut facts = Vec::new();
    if !answers.team_knows.is_empty() {
        let names: Vec<String> = answers.team_knows.iter().map(|k| super::prose::known(k, vocabulary)).collect();
        facts.push(format!("The team knows {}.", and_list(&names)));
    }
    if !answers.languages.is_empty() {
        let names: Vec<String> = answers.languages.iter().map(|l| vocabulary.language_name(l).to_string()).collect();
        facts.push(format!("Only frameworks in {} can be used.", or_list(&names)));
    }
    if !answers.require.is_empty() {
        let needs: Vec<String> = answers
            .require
            .iter()
            .map(|r| {
                let free = if r.free { ", from a free provider" } else { "" };
                format!("{} ({} at least{free})", r.feature.replace('_', " "), level_meaning(r.level))
            })
            .collect();
        facts.push(format!("The framework must support {}.", and_list(&needs)));
    }
    facts.push(format!(
        "Which framework fits these needs best? The candidates are the {} frameworks of backend-advisor's \
         catalog, each rated from 1 to 5 on performance, scalability, productivity, integration and community \
         with cited evidence.",
        ranking.catalog.frameworks
    ));
    out.push_str(if answers.use_cases.is_empty() { " " } else { "\n" });
    out.push_str(&facts.join(" "));
    out.push_str("\n\n");
    out
}

fn drivers(ranking: &Ranking, answers: &Answers, catalog: &Catalog) -> String {
    let mut out = String::from("## Decision Drivers\n\n");
    let mut weights: Vec<_> = ranking.criteria.iter().filter(|w| w.importance > 0).collect();
    // Most important first; a stable sort keeps criterion order among equals.
    weights.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    for weight in weights {
        let description = match weight.id {
            Criterion::Factor(factor) => catalog.vocabulary.factor(factor).map(|f| {
                let text = f.description.trim_end_matches('.');
                let mut chars = text.chars();
                let first = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
                format!(": {first}{}", chars.as_str())
            }),
            _ => None,
        };
        let _ = writeln!(
            out,
            "* {} (weight {:.0}%, importance {} of 5){}",
            criterion_name(weight.id, answers, catalog),
            weight.weight * 100.0,
            weight.importance,
            description.unwrap_or_default()
        );
    }
    if !answers.languages.is_empty() {
        let names: Vec<String> =
            answers.languages.iter().map(|l| catalog.vocabulary.language_name(l).to_string()).collect();
        let _ = writeln!(out, "* Hard constraint: written in {}", or_list(&names));
    }
    for requirement in &answers.require {
        let _ = writeln!(
            out,
            "* Hard constraint: {} at least {}{}",
            requirement.feature.replace('_', " "),
            level_meaning(requirement.level),
            if requirement.free { ", from a free provider" } else { "" }
        );
    }
    out.push('\n');
    out
}

/// The outcome; `considered` is how many options the record considers, so that it compares the
/// chosen one only with frameworks among them.
fn outcome(
    recommendation: &Recommendation,
    chosen: &Ranked,
    considered: usize,
    answers: &Answers,
    catalog: &Catalog,
) -> String {
    let ranking = &recommendation.ranking;
    let mut out = String::from("## Decision Outcome\n\n");
    let runner_up = ranking.ranking.get(1);
    let standing = match runner_up {
        None => "it is the only framework that passes the hard constraints".to_string(),
        Some(second) if considered < 2 => format!(
            "it comes out best of the {} frameworks ranked against the decision drivers, {:.1} points ahead of the next",
            ranking.ranking.len(),
            chosen.score - second.score
        ),
        Some(second) if (chosen.score - second.score).abs() < 1e-9 => format!(
            "it comes out best of the {} frameworks ranked against the decision drivers, tied with {} and listed first by name",
            ranking.ranking.len(),
            md(&second.name)
        ),
        Some(second) => format!(
            "it comes out best of the {} frameworks ranked against the decision drivers, {:.1} points ahead of {}",
            ranking.ranking.len(),
            chosen.score - second.score,
            md(&second.name)
        ),
    };
    let strengths: Vec<String> = strongest(chosen, 2).into_iter().map(|p| strength(p, answers, catalog)).collect();
    let close = &recommendation.close_call;
    if close.close {
        // A close call is not written as a clear choice: it says so, and names what decides it.
        let deciding = close.deciding.map_or(String::new(), |c| {
            format!(" The deciding factor is {}.", criterion_label(&catalog.vocabulary, c).to_lowercase())
        });
        let _ = write!(
            out,
            "Leading option, a close call: \"{}\" ({:.1} out of 100), because {standing}; but {}.{deciding} \
             Settle the drivers behind it before committing",
            md(&chosen.name),
            chosen.score,
            md(&close.reasons.join("; "))
        );
        if considered < 2 {
            out.push_str(" (the close contender is not among the considered options: `--top 2` or more adds it)");
        }
    } else {
        let _ = write!(
            out,
            "Chosen option: \"{}\", because {standing}, with a score of {:.1} out of 100",
            md(&chosen.name),
            chosen.score
        );
        if !strengths.is_empty() {
            let _ = write!(out, "; it is strongest where it is {}", strengths.join(", and "));
        }
    }
    out.push_str(".\n\n");
    if let Some(analysis) = &recommendation.sensitivity {
        let _ = writeln!(out, "How sure this is: {}\n", analysis.verdict);
    }
    if !ranking.excluded.is_empty() {
        let _ = writeln!(out, "The hard constraints removed {} framework(s) before scoring:\n", ranking.excluded.len());
        for excluded in &ranking.excluded {
            let _ = writeln!(out, "* {}: {}", md(&excluded.name), md(&excluded.reasons.join("; ")));
        }
        out.push('\n');
    }
    out.push_str("### Consequences\n\n");
    let gains: Vec<String> = strongest(chosen, 2).into_iter().map(|p| in_words(p, answers, catalog)).collect();
    if !gains.is_empty() {
        let _ = writeln!(out, "* Good, because we gain {}.", and_list(&gains));
    }
    if let Some(framework) = catalog.frameworks.iter().find(|f| f.id == chosen.id) {
        let builtin = features_at(framework, &[Level::Builtin], false);
        if !builtin.is_empty() {
            let _ = writeln!(out, "* Good, because we get {} built in.", and_list(&builtin));
        }
        if let Some(part) = chosen.weakest().filter(|p| p.possible - p.contribution > 1e-9) {
            if part.rating >= 3.75 {
                let _ = writeln!(
                    out,
                    "* Bad, because even its weakest point, {}, falls short of the top rating.",
                    in_words(part, answers, catalog)
                );
            } else {
                let _ = writeln!(out, "* Bad, because we accept {}.", in_words(part, answers, catalog));
            }
        }
        let gaps = features_at(framework, &[Level::Community, Level::None], true);
        if !gaps.is_empty() {
            let _ = writeln!(
                out,
                "* Bad, because we pick third-party packages or write our own code for {}.",
                and_list(&gaps)
            );
        }
    }
    out.push('\n');
    out
}

fn option(ranked: &Ranked, ranked_count: usize, answers: &Answers, catalog: &Catalog) -> String {
    let mut out = format!("### {}\n\n", md(&ranked.name));
    let Some(framework) = catalog.frameworks.iter().find(|f| f.id == ranked.id) else { return out };
    let ratings: Vec<String> = Factor::ALL
        .iter()
        .map(|&f| {
            format!(
                "{} {}",
                criterion_label(&catalog.vocabulary, Criterion::Factor(f)),
                rating(framework.scores.get(f))
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "{} Languages: {}; kind: {}; score {:.1} (rank {} of {}). Ratings: {}. Homepage: <{}>\n",
        crate::escape::markdown_line(&framework.summary),
        super::entry::languages(framework, &catalog.vocabulary),
        framework.kind.id(),
        ranked.score,
        ranked.rank,
        ranked_count,
        ratings.join(", "),
        framework.homepage
    );
    for pro in &framework.pros {
        let _ = writeln!(out, "* Good, because {}", md(&mid_sentence(pro, catalog)));
    }
    if let Some(best) = strongest(ranked, 1).first() {
        let _ = writeln!(out, "* Good, because it is {}", strength(best, answers, catalog));
    }
    for con in &framework.cons {
        let _ = writeln!(out, "* Bad, because {}", md(&mid_sentence(con, catalog)));
    }
    if let Some(weak) = weakness(ranked, answers, catalog) {
        let _ = writeln!(out, "* Bad, because it is {weak}");
    }
    out.push('\n');
    out
}

fn more_information(ranking: &Ranking, shown: &[Ranked], catalog: &Catalog, provenance: &Provenance) -> String {
    let mut out = String::from("## More Information\n\n");
    let _ = writeln!(
        out,
        "This record was drafted by backend-advisor {} on {}. The same ranking comes from:\n\n```sh\n{}\n```\n",
        provenance.version, provenance.date, provenance.command
    );
    let _ = writeln!(
        out,
        "Catalog: {} ({} frameworks). Each rating cites its evidence in the catalog; `backend-advisor show ID` prints it.",
        ranking.catalog.sources.join(", "),
        ranking.catalog.frameworks
    );
    let reviewed: Vec<String> = shown
        .iter()
        .filter_map(|r| catalog.frameworks.iter().find(|f| f.id == r.id))
        .map(|f| format!("{} {}", md(&f.name), f.reviewed))
        .collect();
    let _ = writeln!(out, "The entries of the considered options were last reviewed: {}.", reviewed.join(", "));
    if let Some(radar) = super::prose::radar(ranking) {
        let _ = writeln!(out, "{}", crate::escape::markdown_line(&radar));
    }
    out.push_str(
        "Scores use the weighted sum model: each criterion adds 100 × weight × (rating − 1) / 4 points, so a \
         framework rated 5 on every criterion scores 100. Revisit this record when the drivers or their weights change.\n",
    );
    out
}

/// The decision record for a ranking: the first of `ranking` is chosen, its first `top` are the
/// considered options. `catalog` gives each option's pros, cons and summary. A ranking that no
/// framework passes has no decision to record: that is an error naming the filters.
pub fn record(
    recommendation: &Recommendation,
    top: usize,
    answers: &Answers,
    catalog: &Catalog,
    provenance: &Provenance,
) -> Result<String> {
    let ranking = &recommendation.ranking;
    let Some(chosen) = ranking.ranking.first() else {
        return Err(Error::at(Problem {
            origin: Origin::Flag("--format adr".into()),
            entry: None,
            field: None,
            message: "no framework passes the hard constraints, so there is no decision to record".into(),
            hint: Some("relax --language or --require".into()),
        }));
    };
    let shown = &ranking.ranking[..top.clamp(1, ranking.ranking.len())];
    let mut out = format!("---\nstatus: proposed\ndate: {}\n", provenance.date);
    if let Some(team) = &recommendation.team {
        out.push_str(&super::team::front_matter(team));
    }
    out.push_str("---\n\n");
    match &answers.title {
        Some(title) => {
            let _ = writeln!(out, "# Use {} as the backend framework of {}\n", md(&chosen.name), md(title.trim()));
        }
        None => {
            let _ = writeln!(out, "# Use {} as the backend framework\n", md(&chosen.name));
        }
    }
    out.push_str(&context(ranking, answers, catalog));
    out.push_str(&drivers(ranking, answers, catalog));
    out.push_str("## Considered Options\n\n");
    for ranked in shown {
        let ring = ranked.radar.as_ref().map_or(String::new(), |p| format!(", {} on the radar", p.ring.label()));
        let _ = writeln!(
            out,
            "* {} ({}), score {:.1}{ring}",
            md(&ranked.name),
            catalog.vocabulary.language_name(&ranked.language),
            ranked.score
        );
    }
    out.push('\n');
    out.push_str(&outcome(recommendation, chosen, shown.len(), answers, catalog));
    out.push_str("## Pros and Cons of the Options\n\n");
    for ranked in shown {
        out.push_str(&option(ranked, ranking.ranking.len(), answers, catalog));
    }
    out.push_str(&more_information(ranking, shown, catalog, provenance));
    out.push_str(&super::reproduce::section(recommendation, answers, catalog, provenance));
    Ok(out)
}

/// A catalog phrase continued after "because": its first letter lowercased, unless the first
/// word is a name (a framework's, a language's, or one written with capitals inside, like
/// `TypeScript`, `ORM` or `WebSockets`), or one of the product names pros and cons begin with.
fn mid_sentence(phrase: &str, catalog: &Catalog) -> String {
    const NAMES: [&str; 4] = ["Artisan", "Eloquent", "Channels", "Rack"];
    let first = phrase.split([' ', ',', '-', '.']).next().unwrap_or_default();
    let has_inner_capital = first.chars().skip(1).any(char::is_uppercase);
    let named = NAMES.contains(&first)
        || catalog.frameworks.iter().any(|f| f.name.split([' ', '.']).any(|word| word == first))
        || catalog.vocabulary.languages.iter().any(|l| l.name == first);
    let mut chars = phrase.chars();
    match chars.next() {
        Some(c) if !has_inner_capital && !named => c.to_lowercase().chain(chars).collect(),
        _ => phrase.to_string(),
    }
}

/// Catalog text as literal Markdown on one line (a name cannot start a heading or front matter).
fn md(text: &str) -> std::borrow::Cow<'_, str> {
    crate::escape::markdown(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&words(&[])), "");
        assert_eq!(and_list(&words(&["a"])), "a");
        assert_eq!(and_list(&words(&["a", "b"])), "a and b");
        assert_eq!(and_list(&words(&["a", "b", "c"])), "a, b and c");
        assert_eq!(or_list(&words(&["a", "b", "c"])), "a, b or c");
    }
}
