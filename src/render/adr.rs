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

/// Its weakest criterion in words, when it falls short of the top rating and the words would not
/// contradict the catalog's tags: "it offers only modest raw throughput (Performance 3/5)".
fn weakness(ranked: &Ranked, answers: &Answers, catalog: &Catalog) -> Option<String> {
    let part = ranked.weakest()?;
    // A criterion rated 4 or more is no weakness, whatever it gives up to the best.
    if part.possible - part.contribution <= 1e-9 || part.rating >= 3.75 {
        return None;
    }
    if part.criterion == Criterion::UseCaseFit {
        let framework = catalog.frameworks.iter().find(|f| f.id == ranked.id)?;
        return shortfalls(framework, answers);
    }
    Some(format!("it offers only {}", in_words(part, ranked, answers, catalog)))
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

/// How the catalog tags a framework for each stated use case: (strong, good, neither).
fn tags(framework: &Framework, answers: &Answers) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut strong, mut good, mut neither) = (Vec::new(), Vec::new(), Vec::new());
    for use_case in &answers.use_cases {
        if framework.use_cases.strong.iter().any(|t| t.as_ref() == use_case.as_str()) {
            strong.push(use_case.clone());
        } else if framework.use_cases.good.iter().any(|t| t.as_ref() == use_case.as_str()) {
            good.push(use_case.clone());
        } else {
            neither.push(use_case.clone());
        }
    }
    (strong, good, neither)
}

/// Use-case fit as a strength, in the catalog's own words and never against its tags: "a strong
/// fit for api and a good fit for spa-backend in the catalog's judgement (Use-case fit 3.5/5)".
/// The use cases it is not tagged for are a consequence of their own ([`shortfalls`]). `None`
/// when it is tagged for none of the stated use cases.
fn fit_in_words(part: &Part, framework: &Framework, answers: &Answers, catalog: &Catalog) -> Option<String> {
    let (strong, good, _) = tags(framework, answers);
    let mut said = Vec::new();
    if !strong.is_empty() {
        said.push(format!("a strong fit for {}", and_list(&strong)));
    }
    if !good.is_empty() {
        said.push(format!("a good fit for {}", and_list(&good)));
    }
    (!said.is_empty()).then(|| {
        format!(
            "{} in the catalog's judgement ({} {}/5)",
            and_list(&said),
            criterion_label(&catalog.vocabulary, part.criterion),
            rating(part.rating)
        )
    })
}

/// What a criterion gives a project, in words: "modest raw throughput (Performance 3/5)",
/// "a strong fit for api and ai-ml in the catalog's judgement (Use-case fit 5/5)".
fn in_words(part: &Part, ranked: &Ranked, answers: &Answers, catalog: &Catalog) -> String {
    let framework = catalog.frameworks.iter().find(|f| f.id == ranked.id);
    if let (Criterion::UseCaseFit, Some(framework)) = (part.criterion, framework)
        && let Some(said) = fit_in_words(part, framework, answers, catalog)
    {
        return said;
    }
    let what = match part.criterion {
        Criterion::Factor(Factor::Performance) => "raw throughput".to_string(),
        Criterion::Factor(Factor::Scalability) => "room to scale".to_string(),
        Criterion::Factor(Factor::Productivity) => "developer productivity".to_string(),
        Criterion::Factor(Factor::Integration) => "integration with the wider ecosystem".to_string(),
        Criterion::Factor(Factor::Community) => "community and hiring pool".to_string(),
        Criterion::UseCaseFit => format!("fit for {}", and_list(&answers.use_cases)),
        Criterion::TeamFamiliarity => {
            // The languages that give it: those of the team's that the framework is written in
            // (or of the same family), else all of them.
            let languages: Vec<&str> =
                framework.map(|f| f.languages.iter().map(|l| l.as_ref()).collect()).unwrap_or_default();
            let giving: Vec<String> = answers
                .team_knows
                .iter()
                .filter(|k| {
                    languages.iter().any(|l| *l == k.language || crate::decide::score::same_language(l, &k.language))
                })
                .map(|k| super::prose::known(k, &catalog.vocabulary))
                .collect();
            let names: Vec<String> = if giving.is_empty() {
                answers.team_knows.iter().map(|k| super::prose::known(k, &catalog.vocabulary)).collect()
            } else {
                giving
            };
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

/// The features of a framework at these levels: each id with its name as shown, "name (level)"
/// or the bare name.
fn features_of(framework: &Framework, levels: &[Level], with_level: bool) -> Vec<(String, String)> {
    framework
        .features
        .0
        .iter()
        .filter(|(_, support)| levels.contains(&support.level))
        .map(|(id, support)| {
            let name = id.replace('_', " ");
            let shown = if with_level { format!("{name} ({})", level_meaning(support.level)) } else { name };
            (id.to_string(), shown)
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
    if let Some(defaults) = super::prose::use_case_defaults(ranking, &catalog.vocabulary) {
        let _ = writeln!(out, "{}\n", md(&defaults));
    }
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
    let strengths: Vec<String> =
        strongest(chosen, 2).into_iter().map(|p| in_words(p, chosen, answers, catalog)).collect();
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
            let _ = write!(out, "; it stands out for {}", and_list(&strengths));
        }
    }
    out.push_str(".\n\n");
    if let Some(analysis) = &recommendation.sensitivity {
        let _ = writeln!(out, "How sure this is: {}\n", analysis.verdict);
    }
    if !ranking.excluded.is_empty() {
        let count = ranking.excluded.len();
        let noun = if count == 1 { "framework" } else { "frameworks" };
        let _ = writeln!(out, "The hard constraints removed {count} {noun} before scoring:\n");
        for excluded in &ranking.excluded {
            let _ = writeln!(out, "* {}: {}", md(&excluded.name), md(&excluded.reasons.join("; ")));
        }
        out.push('\n');
    }
    out.push_str("### Consequences\n\n");
    out.push_str(&consequences(chosen, answers, catalog));
    out.push('\n');
    out
}

/// The features the stated use cases rely on (their `needs`) and the required ones; every
/// feature when no use case is stated and nothing is required.
fn needed(answers: &Answers, catalog: &Catalog) -> Option<Vec<String>> {
    let mut needed: Vec<String> = answers
        .use_cases
        .iter()
        .filter_map(|u| catalog.vocabulary.needs(u))
        .flat_map(|n| n.features.iter().map(|f| f.to_string()))
        .chain(answers.require.iter().map(|r| r.feature.to_string()))
        .collect();
    needed.sort();
    needed.dedup();
    (!needed.is_empty()).then_some(needed)
}

/// Words by which a catalog's pro or con names a feature of the vocabulary (lowercase).
const FEATURE_WORDS: [(&str, &[&str]); 18] = [
    ("orm", &["orm", "database", "migration", "query builder", "persistence", "data layer"]),
    ("auth", &["auth", "login", "signup"]),
    ("templating", &["templat", "server-rendered", "views"]),
    ("security", &["csrf", "security header", "secure header", "xss"]),
    ("caching", &["cach"]),
    ("admin", &["admin"]),
    ("realtime", &["websocket", "realtime", "real-time"]),
    ("openapi", &["openapi", "swagger"]),
    ("validation", &["validat"]),
    ("dependency_injection", &["dependency injection", "di"]),
    ("background_jobs", &["job", "queue"]),
    ("scaffolding", &["generator", "scaffold"]),
    ("api_versioning", &["versioning"]),
    ("graphql", &["graphql"]),
    ("grpc", &["grpc"]),
    ("serverless", &["serverless", "lambda"]),
    ("edge", &["edge runtime", "workers"]),
    ("aot", &["native image", "ahead-of-time"]),
];

/// Words by which a con says something is missing or must come from elsewhere.
const MISSING_WORDS: [&str; 9] =
    ["no ", "need", "rely on", "third-party", "lack", "not ", "without", "extra package", "must be added"];

/// Whether a con concerns this project: it does unless it only says that features the stated use
/// cases and requirements do not need are missing or third-party (templating for an API behind a
/// single-page app). With no stated needs, every con counts.
fn about_needs(con: &str, needed: Option<&[String]>) -> bool {
    let Some(needed) = needed else { return true };
    // Words are matched from their start ("orm" is not in "performance").
    let words: Vec<String> = con
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let text = format!(" {} ", words.join(" "));
    let says = |w: &str| text.contains(&format!(" {}", w.trim()));
    if !MISSING_WORDS.iter().any(|w| says(w)) {
        return true;
    }
    let named: Vec<&str> =
        FEATURE_WORDS.iter().filter(|(_, words)| words.iter().any(|w| says(w))).map(|(id, _)| *id).collect();
    named.is_empty() || named.iter().any(|id| needed.iter().any(|n| n == id))
}

/// The chosen option's consequences, in words drawn from the catalog: what the team gains (its
/// strongest criteria, the needed features it gets built in), what it accepts (its weakest
/// criterion, said as the catalog's tags say it) and what it must add (needed features only
/// third-party packages provide). Nothing the stated use cases do not need is held against it.
fn consequences(chosen: &Ranked, answers: &Answers, catalog: &Catalog) -> String {
    let mut out = String::new();
    let gains: Vec<String> = strongest(chosen, 2).into_iter().map(|p| in_words(p, chosen, answers, catalog)).collect();
    if !gains.is_empty() {
        let _ = writeln!(out, "* Good, because we gain {}.", and_list(&gains));
    }
    let Some(framework) = catalog.frameworks.iter().find(|f| f.id == chosen.id) else { return out };
    let needed = needed(answers, catalog);
    let relevant = |names: Vec<(String, String)>| -> Vec<String> {
        names
            .into_iter()
            .filter(|(id, _)| needed.as_ref().is_none_or(|n| n.contains(id)))
            .map(|(_, shown)| shown)
            .collect()
    };
    let builtin = relevant(features_of(framework, &[Level::Builtin], false));
    if !builtin.is_empty() {
        let what = if needed.is_some() { "what the project relies on" } else { "features" };
        let _ = writeln!(out, "* Good, because we get {what} built in: {}.", and_list(&builtin));
    }
    if let Some(shortfall) = shortfalls(framework, answers) {
        let _ = writeln!(out, "* Bad, because {shortfall}.");
    }
    // The weakest rating is a cost only when it is modest or worse; use-case fit is said above.
    // When the criterion that loses most points is rated well, the lowest-rated weighted one is
    // still a trade-off worth naming.
    let modest = |p: &&crate::decide::score::Part| p.criterion != Criterion::UseCaseFit && p.rating < 3.75;
    // Only a criterion weighed at least as much as the average one: a cost in a criterion the
    // team hardly weighs is not one it would name.
    let average = chosen.criteria.iter().map(|p| p.possible).sum::<f64>() / chosen.criteria.len().max(1) as f64;
    let weak = chosen.weakest().filter(modest).or_else(|| {
        chosen
            .criteria
            .iter()
            .filter(|p| p.possible >= average - 1e-9)
            .filter(modest)
            .min_by(|a, b| a.rating.total_cmp(&b.rating))
    });
    let mut costs = 0;
    if let Some(part) = weak {
        let _ = writeln!(out, "* Bad, because we accept {}.", in_words(part, chosen, answers, catalog));
        costs += 1;
    }
    let gaps = relevant(features_of(framework, &[Level::Community, Level::None], true));
    if !gaps.is_empty() {
        let _ =
            writeln!(out, "* Bad, because we pick third-party packages or write our own code for {}.", and_list(&gaps));
        costs += 1;
    }
    // Every choice has a cost: without one above, the catalog's first con of the framework.
    if costs == 0
        && !out.contains("* Bad, because")
        && let Some(con) =
            framework.cons.iter().find(|c| about_needs(c, needed.as_deref())).or_else(|| framework.cons.first())
    {
        let _ = writeln!(out, "* Bad, because {}.", md(&mid_sentence(con, catalog)));
    }
    out
}

/// The stated use cases a framework is not tagged a strong fit for, as the catalog says it:
/// "the catalog rates it only a good fit for saas and does not recommend it for ai-ml".
fn shortfalls(framework: &Framework, answers: &Answers) -> Option<String> {
    let (_, good, neither) = tags(framework, answers);
    let mut said = Vec::new();
    if !good.is_empty() {
        said.push(format!("the catalog rates it only a good fit for {}", and_list(&good)));
    }
    if !neither.is_empty() {
        said.push(format!("the catalog does not recommend it for {}", and_list(&neither)));
    }
    (!said.is_empty()).then(|| and_list(&said))
}

/// Where the Confirmation's command says the record is while nobody has said where it is saved.
const UNSAVED: &str = "docs/decisions/NNNN-backend-framework.md";

/// The Confirmation's request to put the real path in, while it is not known.
const FILL_IN: &str = " Write the path this record is saved under in place of the one above.";

/// A record rendered before its file name was known (`--output DIR/` numbers it when written),
/// with the Confirmation's command naming the file it is saved as.
pub fn saved_as(record: &str, path: &str) -> String {
    let unsaved = crate::provenance::command_line(&["backend-advisor".into(), "verify".into(), UNSAVED.into()]);
    let saved = crate::provenance::command_line(&["backend-advisor".into(), "verify".into(), path.into()]);
    record.replacen(&format!("{unsaved} --warn-eol"), &format!("{saved} --warn-eol"), 1).replacen(FILL_IN, "", 1)
}

/// MADR's Confirmation: how the team checks that the decision still holds.
fn confirmation(chosen: &Ranked, provenance: &Provenance) -> String {
    let path = provenance.output.as_deref().unwrap_or(UNSAVED);
    let command = crate::provenance::command_line(&["backend-advisor".into(), "verify".into(), path.into()]);
    let mut out = String::from("### Confirmation\n\n");
    let _ = writeln!(
        out,
        "This decision holds while {} still ranks first for these answers on the current catalog. \
         After `backend-advisor catalog refresh` (or in a scheduled CI job), run:\n\n```sh\n{command} --warn-eol 6m\n```\n\n\
         It exits 0 while the choice holds, 3 when another framework now ranks first (and prints what changed), \
         and 4 when the chosen framework's support window ends within six months.{}\n",
        md(&chosen.name),
        if provenance.output.is_none() { FILL_IN } else { "" }
    );
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
        let _ = writeln!(out, "* Good, because it offers {}", in_words(best, ranked, answers, catalog));
    }
    let needed = needed(answers, catalog);
    for con in framework.cons.iter().filter(|con| about_needs(con, needed.as_deref())) {
        let _ = writeln!(out, "* Bad, because {}", md(&mid_sentence(con, catalog)));
    }
    if let Some(weak) = weakness(ranked, answers, catalog) {
        let _ = writeln!(out, "* Bad, because {weak}");
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
    out.push_str(match ranking.method {
        crate::decide::score::Method::Wsm => {
            "Scores use the weighted sum model: each criterion adds 100 × weight × (rating − 1) / 4 points, so a \
             framework rated 5 on every criterion scores 100. Revisit this record when the drivers or their weights change.\n"
        }
        crate::decide::score::Method::Topsis => {
            "Scores use TOPSIS: how close each framework comes to an ideal one (the best rating of any option on \
             every criterion, weighted) rather than to the worst, from 0 to 100. Revisit this record when the drivers or \
             their weights change.\n"
        }
    });
    // Beyond the considered options: the team's languages, the incumbent, the best of each language.
    let switching: Vec<String> =
        super::prose::language_switch(ranking, &catalog.vocabulary, super::prose::Reader::Document)
            .into_iter()
            .chain(super::prose::incumbent(ranking))
            .collect();
    if !switching.is_empty() {
        let _ = writeln!(out, "\n{}", md(&switching.join(" ")));
    }
    let best = super::prose::best_by_language(ranking, &catalog.vocabulary);
    if !best.is_empty() {
        let _ = writeln!(out, "\nNo language was named; the best option of each language:\n");
        for line in best {
            let _ = writeln!(out, "* {}", md(&line));
        }
    }
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
    // MADR 4.0's people: a team's members, or the one person the answers name, and whoever
    // the answers or team file say is kept informed.
    match (&recommendation.team, &answers.decider) {
        (Some(team), _) => out.push_str(&super::team::front_matter(team, &answers.informed)),
        (None, Some(decider)) => {
            out.push_str(&super::team::people_lines(std::slice::from_ref(decider), &[], &answers.informed));
        }
        (None, None) => out.push_str(&super::team::people_lines(&[], &[], &answers.informed)),
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
            catalog.vocabulary.language_name(ranked.shown_language()),
            ranked.score
        );
    }
    out.push('\n');
    out.push_str(&outcome(recommendation, chosen, shown.len(), answers, catalog));
    out.push_str(&confirmation(chosen, provenance));
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
    // A possessive is still the name: "Python's data libraries".
    let first = phrase.split([' ', ',', '-', '.']).next().unwrap_or_default();
    let first = first.strip_suffix("'s").or_else(|| first.strip_suffix("\u{2019}s")).unwrap_or(first);
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

    #[test]
    fn a_con_about_features_the_project_does_not_need_is_left_out() {
        let api: Vec<String> = ["routing", "validation", "openapi", "middleware"].map(String::from).to_vec();
        let unneeded = "security headers, CSRF and templating rely on adapter-specific third-party packages";
        assert!(!about_needs(unneeded, Some(&api)));
        assert!(about_needs(unneeded, None), "without stated needs every con counts");
        assert!(about_needs("there is no admin panel, WebSocket or OpenAPI package of its own", Some(&api)));
        // A con that says nothing is missing stays, whatever feature it names.
        assert!(about_needs("decorator and DI concepts take time to learn", Some(&api)));
        assert!(about_needs("Rust takes time to learn and compiles slowly", Some(&api)));
        // A feature's word counts from a word's start: "performance" does not name the ORM.
        assert!(!about_needs("there is no admin or templating, and performance needs tuning", Some(&api)));
        let saas: Vec<String> = ["auth", "orm", "background_jobs"].map(String::from).to_vec();
        assert!(about_needs("there is no persistence layer of its own", Some(&saas)));
        assert!(!about_needs("it offers no DI container", Some(&saas)));
    }

    #[test]
    fn a_phrase_after_because_keeps_the_capital_of_a_name_and_its_possessive() {
        let catalog = Catalog::builtin().expect("the built-in catalog");
        assert_eq!(mid_sentence("Python's data libraries are close", &catalog), "Python's data libraries are close");
        assert_eq!(mid_sentence("Rails conventions remove setup", &catalog), "Rails conventions remove setup");
        assert_eq!(mid_sentence("TypeScript types come first", &catalog), "TypeScript types come first");
        assert_eq!(mid_sentence("Its core is small", &catalog), "its core is small");
    }
}
