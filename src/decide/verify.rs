//! Re-checking a recorded decision: the record an ADR carries (answers, method, catalog digest,
//! version, chosen option), read back and ranked again with today's catalog, with what changed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::score::{Method, Ranked};
use super::{Analysis, rank};
use crate::answers::{self, AnswerSet, Answers, Importance, PairValue, Proficiency};
use crate::catalog::Catalog;
use crate::criteria::Criterion;
use crate::error::{Error, Origin, Problem, Result};
use crate::refresh;

/// The info string of the fenced block that holds the record in a decision record.
pub const FENCE: &str = "yaml backend-advisor-record";

/// Everything needed to reproduce a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The version of backend-advisor that made it.
    pub version: String,
    /// The date it was made, `YYYY-MM-DD`.
    pub date: String,
    /// `wsm` or `topsis`.
    pub method: String,
    /// The catalog it was made with.
    pub catalog: RecordedCatalog,
    /// The resolved answers (every importance, use case, language and requirement). A team's
    /// record also lists, as exclusions, the frameworks the members' constraints removed.
    pub answers: AnswerSet,
    /// A team's aggregated weight of each criterion, exactly as ranked (the importances above
    /// only approximate them); absent for one person's answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<BTreeMap<String, f64>>,
    /// The chosen option.
    pub chosen: Choice,
    /// The option ranked second, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<Choice>,
}

/// The catalog a decision was made with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedCatalog {
    /// SHA-256 of the catalog's frameworks (as JSON): any change of any entry changes it.
    pub digest: String,
    /// Its layers: `built-in`, the facts overlay, each `--catalog` file.
    pub layers: Vec<String>,
}

/// One ranked option as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Framework id.
    pub id: String,
    /// Its score, 0–100.
    pub score: f64,
    /// Its rating on each active criterion.
    pub ratings: BTreeMap<String, f64>,
}

impl Choice {
    fn of(ranked: &Ranked) -> Choice {
        Choice {
            id: ranked.id.to_string(),
            score: (ranked.score * 10.0).round() / 10.0,
            ratings: ranked.criteria.iter().map(|p| (p.criterion.id().to_string(), p.rating)).collect(),
        }
    }
}

/// The SHA-256 of a catalog's frameworks, hex.
pub fn digest(catalog: &Catalog) -> String {
    let json = serde_json::to_vec(&catalog.frameworks).unwrap_or_default();
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

/// The record of a ranking made with `answers` on `catalog`.
pub fn record(
    ranking: &[Ranked],
    method: Method,
    answers: &Answers,
    catalog: &Catalog,
    version: &str,
    date: &str,
) -> Option<Record> {
    let chosen = ranking.first()?;
    Some(Record {
        version: version.to_string(),
        date: date.to_string(),
        method: method.id().to_string(),
        catalog: RecordedCatalog { digest: digest(catalog), layers: catalog.sources.clone() },
        answers: answer_set(answers),
        weights: answers
            .weights
            .as_ref()
            .map(|weights| weights.iter().map(|(criterion, weight)| (criterion.id().to_string(), *weight)).collect()),
        chosen: Choice::of(chosen),
        runner_up: ranking.get(1).map(Choice::of),
    })
}

/// Resolved answers written back as one complete answers layer.
fn answer_set(answers: &Answers) -> AnswerSet {
    let [performance, scalability, productivity, integration, community] = answers.factors.map(Some);
    let list = |values: &[String]| (!values.is_empty()).then(|| values.to_vec());
    AnswerSet {
        importance: Importance {
            performance,
            scalability,
            productivity,
            integration,
            community,
            use_case_fit: answers.use_case_fit,
            team_familiarity: answers.team_familiarity,
        },
        use_cases: list(&answers.use_cases),
        team_knows: list(
            &answers
                .team_knows
                .iter()
                .map(|k| match k.level {
                    Proficiency::Well => k.language.clone(),
                    Proficiency::Some => format!("{}:some", k.language),
                })
                .collect::<Vec<_>>(),
        ),
        languages: list(&answers.languages),
        open_to: list(&answers.open_to.values()),
        exclude: list(&answers.exclude),
        incumbent: answers.incumbent.clone(),
        require: list(&answers.require.iter().map(|r| r.spec()).collect::<Vec<_>>()),
        pairwise: answers
            .pairwise
            .as_ref()
            .map(|p| p.written.iter().map(|w| (w.key.clone(), PairValue::from(w.judgement))).collect()),
        name: None,
        role: None,
        informed: None,
        // The project's name does not change the ranking, but a successor record keeps it.
        title: answers.title.clone(),
        description: None,
        radar: answers.radar.as_ref().map(|r| r.path.clone()),
        radar_support: answers.radar.as_ref().map(|_| answers.radar_support),
    }
}

/// A team record's weights as the ranking takes them: one per criterion the answers make active,
/// in criterion order. A criterion missing, unknown or not a number from 0 to 1 is an error.
fn recorded_weights(
    weights: &BTreeMap<String, f64>,
    answers: &Answers,
    origin: Origin,
) -> Result<Vec<(Criterion, f64)>> {
    let mut out = Vec::new();
    for criterion in Criterion::ALL.into_iter().filter(|c| answers.importance(*c).is_some()) {
        match weights.get(criterion.id()) {
            Some(weight) if weight.is_finite() && (0.0..=1.0).contains(weight) => out.push((criterion, *weight)),
            _ => {
                return Err(Error::at(Problem {
                    origin,
                    entry: None,
                    field: Some(format!("weights.{}", criterion.id())),
                    message: "a team record needs a weight from 0 to 1 for each active criterion".into(),
                    hint: Some("write the record again with `recommend --team … --format adr`".into()),
                }));
            }
        }
    }
    Ok(out)
}

/// The record as the fenced block a decision record carries.
pub fn block(record: &Record) -> String {
    let yaml = serde_yaml::to_string(record).unwrap_or_default();
    format!("```{FENCE}\n{yaml}```\n")
}

/// Read the record out of a decision record's text; `path` names it in errors.
pub fn find(text: &str, path: &str) -> Result<Record> {
    let problem = |line: Option<usize>, message: String| {
        Error::InvalidData(vec![Problem {
            origin: Origin::file(path, line.map(|l| (l, 1))),
            entry: None,
            field: None,
            message,
            hint: Some("write the record with `backend-advisor recommend --format adr`".into()),
        }])
    };
    let opening = format!("```{FENCE}");
    let start = text.lines().position(|l| l.trim_end() == opening).ok_or_else(|| {
        problem(None, format!("no '{opening}' block: this is not a decision record backend-advisor wrote"))
    })?;
    let body: Vec<&str> = text.lines().skip(start + 1).take_while(|l| !l.starts_with("```")).collect();
    let block = body.join("\n");
    // The block alone is checked (nesting, alias budgets, control characters) and parsed: the
    // Markdown around it is not YAML, and a check of the whole file would stop at its prose.
    crate::yaml::read::yaml(&block, path, start + 1)?;
    serde_yaml::from_str(&block).map_err(|e| {
        let mut message = e.to_string();
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        problem(
            Some(start + 2 + e.location().map_or(0, |l| l.line().saturating_sub(1))),
            format!("the record does not read: {}", crate::yaml::problems::plain_words(&message)),
        )
    })
}

/// What re-ranking a record with today's catalog found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The recorded choice still ranks first.
    pub still_wins: bool,
    /// Its support window ends within the warning span (the sentence says when).
    pub support_ends: Option<String>,
    /// What changed, one sentence each, most important first.
    pub changes: Vec<String>,
}

/// Rank the record's answers with `catalog` and compare with what it recorded. `today` and
/// `warn_days` are days since 1970 and a span in days (`--warn-eol`); `radar` is the radar the
/// record names, read by the caller ([`answers::read_radar`]).
pub fn check(
    record: &Record,
    catalog: &Catalog,
    path: &str,
    today: i64,
    warn_days: Option<i64>,
    radar: Option<crate::radar::Radar>,
) -> Result<Verdict> {
    let origin = Origin::file(path, None);
    let method = match record.method.as_str() {
        "wsm" => Method::Wsm,
        "topsis" => Method::Topsis,
        other => {
            return Err(Error::at(Problem {
                origin,
                entry: None,
                field: Some("method".into()),
                message: format!("unknown method '{other}'"),
                hint: Some("wsm or topsis".into()),
            }));
        }
    };
    answers::check(&record.answers, &catalog.vocabulary, &answers::Source::Flags)?;
    let mut answers = Answers::resolve(&record.answers, &catalog.vocabulary, origin.clone())?;
    answers.radar = radar;
    if let Some(weights) = &record.weights {
        answers.weights = Some(recorded_weights(weights, &answers, origin)?);
    }
    let ranking = rank(catalog, &answers, &Analysis { method, sensitivity: None })?.ranking;
    let chosen = &record.chosen;
    let name = |id: &str| catalog.frameworks.iter().find(|f| f.id == id).map_or(id.to_string(), |f| f.name.to_string());
    let mut changes = Vec::new();
    let now = ranking.ranking.iter().find(|r| r.id == chosen.id);
    let winner = ranking.ranking.first();
    let still_wins = winner.is_some_and(|w| w.id == chosen.id);
    match (now, winner) {
        (None, _) => {
            let excluded = ranking.excluded.iter().find(|e| e.id == chosen.id);
            changes.push(match excluded {
                Some(e) => format!("{} is now excluded: {}", name(&chosen.id), e.reasons.join("; ")),
                None => format!("{} is no longer in the catalog", chosen.id),
            });
        }
        (Some(now), Some(winner)) if !still_wins => changes.push(format!(
            "{} now ranks first with {:.1}; {} ranks {} with {:.1} (recorded: first with {:.1})",
            winner.name, winner.score, now.name, now.rank, now.score, chosen.score
        )),
        (Some(now), _) => {
            let lead = ranking
                .ranking
                .get(1)
                .map_or(String::new(), |second| format!(", {:.1} ahead of {}", now.score - second.score, second.name));
            changes.push(format!(
                "{} still ranks first with {:.1}{lead} (recorded: {:.1})",
                now.name, now.score, chosen.score
            ));
        }
    }
    if let Some(now) = now {
        for part in &now.criteria {
            let id = part.criterion.id();
            if let Some(was) = chosen.ratings.get(id).filter(|was| **was != part.rating) {
                changes.push(format!("{} {id} rating {was} → {}", now.name, part.rating));
            }
        }
    }
    let digest = digest(catalog);
    if digest != record.catalog.digest {
        changes.push(format!(
            "the catalog changed since {} (layers then: {}; now: {})",
            record.date,
            record.catalog.layers.join(", "),
            catalog.sources.join(", ")
        ));
    }
    let framework = catalog.frameworks.iter().find(|f| f.id == chosen.id);
    let support_ends = match (warn_days, framework.and_then(|f| f.facts.end_of_life.as_ref())) {
        (Some(warn), Some(eol)) => eol.ends.as_deref().and_then(|ends| {
            let left = refresh::days(ends)? - today;
            (left <= warn).then(|| {
                let when = if left < 0 { "ended" } else { "ends" };
                format!("{} {} support ({} {}) {when} on {ends}", name(&chosen.id), eol.cycle, eol.product, eol.source)
            })
        }),
        (Some(_), None) => {
            changes.push(format!(
                "no support end is known for {}; `backend-advisor catalog refresh` reads endoflife.date where it tracks the framework",
                name(&chosen.id)
            ));
            None
        }
        _ => None,
    };
    Ok(Verdict { still_wins, support_ends, changes })
}
