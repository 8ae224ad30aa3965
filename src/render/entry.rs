//! What a framework entry says in words, shared by every format that shows one: its languages,
//! its facts with their dates, what each rating rests on (measured, with the figure, or judged),
//! what provides each feature, the use cases it suits, and the sources it cites.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::catalog::{Factor, Framework, Level, Source, Support, Vocabulary, rules, uncertainty, validate};

/// The JSON and YAML document of `show`: the entry as the catalog holds it, then `uncertainty`,
/// each rating's standard deviation and what it is made of (docs/sensitivity.md).
#[derive(Serialize)]
pub struct Document<'a> {
    /// The entry.
    #[serde(flatten)]
    pub framework: &'a Framework,
    /// Each factor's uncertainty, by factor id.
    pub uncertainty: uncertainty::Ratings<'a>,
}

/// The document `show` prints as JSON or YAML.
pub fn document(framework: &Framework) -> Document<'_> {
    Document { framework, uncertainty: uncertainty::Ratings(framework) }
}

/// "Java, Kotlin": the languages by name, primary first.
pub fn languages(f: &Framework, vocabulary: &Vocabulary) -> String {
    f.languages.iter().map(|l| vocabulary.language_name(l)).collect::<Vec<_>>().join(", ")
}

/// The facts line: licence, first release, latest release with its date, stars, support.
pub fn facts(f: &Framework) -> Vec<String> {
    let facts = &f.facts;
    let mut lines = vec![
        format!("Licence: {} [{}]", facts.license.value, facts.license.source),
        format!("First public release: {} [{}]", facts.first_release.value, facts.first_release.source),
        format!(
            "Latest release: {} ({}) [{}]",
            facts.latest_release.version, facts.latest_release.date, facts.latest_release.source
        ),
    ];
    if let Some(stars) = &facts.stars {
        lines.push(format!(
            "GitHub stars: {} on {} as of {} [{}]",
            thousands(stars.count),
            stars.repository,
            stars.as_of,
            stars.source
        ));
    }
    if let Some(survey) = &facts.survey {
        lines.push(format!(
            "Survey usage: {}% of respondents in {} [{}]",
            survey.usage_percent, survey.year, survey.source
        ));
    }
    if let Some(support) = &facts.support {
        lines.push(format!("Support: {} ({}) [{}]", support.policy, support.url, support.source));
    }
    lines
}

/// What a rating rests on: `Measured` (derived by the rule of docs/ratings.md from facts the rationale
/// names) or `Judged` (by the vocabulary's rubric).
pub fn basis(f: &Framework, factor: Factor) -> &'static str {
    if rules::derived(f, factor).is_some() { "Measured" } else { "Judged" }
}

/// "Measured, ± 0.34": what a rating rests on and one standard deviation of it.
pub fn basis_and_spread(f: &Framework, factor: Factor) -> String {
    format!("{}, ± {:.2}", basis(f, factor), uncertainty::of(f, factor).sd)
}

/// "official: channels (Django Channels)": a feature's level and what provides it; a paid
/// provider says so, with the level of the best free one ("official (paid; free: community)").
pub fn support(s: &Support) -> String {
    let level = match (s.paid, s.free()) {
        (true, free) => format!("{} (paid; free: {})", s.level.id(), free.id()),
        (false, _) => s.level.id().to_string(),
    };
    match (&s.provided_by, s.level) {
        (_, Level::None) => "none".to_string(),
        (Some(by), _) => format!("{level}: {by}"),
        (None, _) => level,
    }
}

/// What provides a feature, in short for side-by-side cells: `provided_by` up to its first
/// parenthesis, semicolon or comma (`channels (Django Channels, a Django project)` → `channels`).
/// Its words are whole: a table wraps a long one after a dot or slash rather than cut it.
pub fn provider(s: &Support) -> Option<String> {
    if s.level == Level::None {
        return None;
    }
    let by = s.provided_by.as_deref()?;
    let phrase = by.split(['(', ';', ',']).next().unwrap_or(by).trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// "strong: api, mvp; good: saas".
pub fn use_cases(f: &Framework) -> String {
    let mut parts = Vec::new();
    if !f.use_cases.strong.is_empty() {
        parts.push(format!("strong: {}", f.use_cases.strong.join(", ")));
    }
    if !f.use_cases.good.is_empty() {
        parts.push(format!("good: {}", f.use_cases.good.join(", ")));
    }
    parts.join("; ")
}

/// Every source the entry cites, in id order, as the vocabulary describes it.
pub fn cited<'v>(f: &Framework, vocabulary: &'v Vocabulary) -> Vec<&'v Source> {
    let mut ids: BTreeSet<&str> = f.facts.citations().into_iter().map(|(_, id)| id).collect();
    for factor in Factor::ALL {
        ids.extend(validate::citations(f.rationale.get(factor)));
    }
    ids.extend(f.features.0.iter().filter_map(|(_, s)| s.source.as_deref()));
    ids.extend(f.examples.iter().filter_map(|e| e.source.as_deref()));
    ids.into_iter().filter_map(|id| vocabulary.source(id)).collect()
}

/// "[ID] Title, Publisher (date): URL".
pub fn source_line(s: &Source) -> String {
    let url = if s.url.is_empty() { String::new() } else { format!(": {}", s.url) };
    format!("[{}] {}, {} ({} {}){url}", s.id, s.title, s.publisher, s.date_kind, s.date)
}

/// 12345 → "12,345".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
