//! The side-by-side skeleton of `compare`, shared by its table, Markdown, CSV and HTML formats:
//! one [`SideBySide`] per section, rows of one [`Value`] per framework, each value knowing whether it
//! is the best of its row. Each format decides how a value looks.

use super::entry;
use super::rows::{self, Cell, Rows};
use crate::catalog::{Factor, Level, Vocabulary};
use crate::criteria::Criterion;
use crate::decide::compare::{Comparison, Section, Standing};

/// One framework's value in one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Plain text.
    Text(String),
    /// A factor rating, 1–5; `best` when it is the best of the row.
    Rating {
        /// The rating.
        rating: f64,
        /// Whether it is the best of the row.
        best: bool,
    },
    /// A feature's support level.
    Level(Level, Option<String>),
    /// A list of items (pros, use cases, …).
    List(Vec<String>),
    /// A score, 0–100; `best` when it is the best of the row.
    Score {
        /// The score.
        score: f64,
        /// Whether it is the best of the row.
        best: bool,
    },
    /// A criterion's rating and the points it adds to the score.
    Part {
        /// The rating, 1–5.
        rating: f64,
        /// The points added.
        contribution: f64,
    },
    /// Nothing to show (e.g. the score of a framework a filter removed).
    Empty,
}

/// One row: what it shows, for people and for data, and a value per framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's id in CSV, e.g. `first_release`, `performance`, `dependency_injection`.
    pub field: String,
    /// The row's label for people, e.g. `First release`.
    pub label: String,
    /// One value per compared framework, in their order.
    pub values: Vec<Value>,
}

/// One section of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct SideBySide {
    /// Which section.
    pub section: Section,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// The characters the people formats draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// Box drawing, block bars, ✓ ◐ ○ ✗ and ★.
    #[default]
    Unicode,
    /// Plain ASCII only, for terminals and tools that cannot show the others.
    Ascii,
}

impl Charset {
    /// The glyph of a support level.
    pub fn level(self, level: Level) -> &'static str {
        match (self, level) {
            (Charset::Unicode, Level::Builtin) => "✓",
            (Charset::Unicode, Level::Official) => "◐",
            (Charset::Unicode, Level::Community) => "○",
            (Charset::Unicode, Level::None) => "✗",
            (Charset::Ascii, Level::Builtin) => "B",
            (Charset::Ascii, Level::Official) => "O",
            (Charset::Ascii, Level::Community) => "C",
            (Charset::Ascii, Level::None) => "-",
        }
    }

    /// The legend of the support-level glyphs.
    pub fn legend(self) -> String {
        let parts: Vec<String> =
            Level::ALL.iter().map(|&l| format!("{} {}", self.level(l), level_meaning(l))).collect();
        parts.join(", ")
    }

    /// The mark of the best value in a row.
    pub fn best(self) -> &'static str {
        match self {
            Charset::Unicode => "★",
            Charset::Ascii => "*",
        }
    }

    /// The bullet in front of a list item.
    pub fn bullet(self) -> &'static str {
        match self {
            Charset::Unicode => "•",
            Charset::Ascii => "-",
        }
    }

    /// The bar of a rating out of 5, five characters wide: the same rating draws the same bar
    /// in `show` and `compare`.
    pub fn rating(self, rating: f64) -> String {
        self.bar(rating * 20.0, 5)
    }

    /// A bar of `width` characters for a value from 0 to 100.
    pub fn bar(self, value: f64, width: usize) -> String {
        match self {
            Charset::Unicode => rows::bar(value, width),
            Charset::Ascii => {
                // Halves: '#' for a full character, '+' for at least half of one.
                let halves = ((value.clamp(0.0, 100.0) / 100.0) * (width * 2) as f64).round() as usize;
                let mut out = "#".repeat(halves / 2);
                if halves % 2 == 1 {
                    out.push('+');
                }
                let used = out.len();
                out.push_str(&" ".repeat(width.saturating_sub(used)));
                out
            }
        }
    }
}

/// What a support level means, in words.
pub fn level_meaning(level: Level) -> &'static str {
    match level {
        Level::Builtin => "built in",
        Level::Official => "official add-on",
        Level::Community => "community package",
        Level::None => "none",
    }
}

pub use super::prose::criterion_label;

/// Every section of the comparison, in its order.
pub fn sheets(c: &Comparison, vocabulary: &Vocabulary) -> Vec<SideBySide> {
    c.sections.iter().map(|&section| SideBySide { section, rows: rows(c, section, vocabulary) }).collect()
}

fn row(field: &str, label: &str, values: Vec<Value>) -> Row {
    Row { field: field.to_string(), label: label.to_string(), values }
}

fn rows(c: &Comparison, section: Section, vocabulary: &Vocabulary) -> Vec<Row> {
    let frameworks = || c.entries.iter().map(|e| &e.framework);
    let text = |f: &dyn Fn(&crate::catalog::Framework) -> String| -> Vec<Value> {
        frameworks().map(|fw| Value::Text(f(fw))).collect()
    };
    let list = |f: &dyn Fn(&crate::catalog::Framework) -> Vec<String>| -> Vec<Value> {
        frameworks().map(|fw| Value::List(f(fw))).collect()
    };
    match section {
        Section::Overview => vec![
            row("languages", "Languages", text(&|f| entry::languages(f, vocabulary))),
            row("kind", "Kind", text(&|f| f.kind.id().to_string())),
            row("license", "Licence", text(&|f| f.facts.license.value.to_string())),
            row("first_release", "First release", text(&|f| f.facts.first_release.value.to_string())),
            row(
                "latest_version",
                "Latest version",
                text(&|f| format!("{} ({})", f.facts.latest_release.version, f.facts.latest_release.date)),
            ),
            row("concurrency", "Concurrency", text(&|f| f.concurrency.to_string())),
        ],
        Section::Factors => Factor::ALL
            .iter()
            .map(|&factor| {
                let best = c.best_on(factor);
                let values = frameworks()
                    .enumerate()
                    .map(|(i, f)| Value::Rating { rating: f.scores.get(factor), best: best.contains(&i) })
                    .collect();
                row(factor.id(), &criterion_label(vocabulary, Criterion::Factor(factor)), values)
            })
            .collect(),
        Section::Features => vocabulary
            .feature_ids()
            .map(|feature| {
                let values = frameworks()
                    .map(|f| {
                        let support = f.features.get(feature);
                        let by = support.and_then(entry::provider);
                        Value::Level(f.features.level(feature), by)
                    })
                    .collect();
                row(feature, &feature.replace('_', " "), values)
            })
            .collect(),
        Section::BestFor => vec![
            row("strong_for", "Strong fit", list(&|f| f.use_cases.strong.iter().map(ToString::to_string).collect())),
            row("good_for", "Good fit", list(&|f| f.use_cases.good.iter().map(ToString::to_string).collect())),
        ],
        Section::Pros => vec![row("pros", "", list(&|f| f.pros.iter().map(ToString::to_string).collect()))],
        Section::Cons => vec![row("cons", "", list(&|f| f.cons.iter().map(ToString::to_string).collect()))],
        Section::UseWhen => vec![row("use_when", "", list(&|f| f.use_when.iter().map(ToString::to_string).collect()))],
        Section::Examples => {
            vec![row(
                "examples",
                "",
                list(&|f| f.examples.iter().map(|e| format!("{}: {}", e.name, e.usage)).collect()),
            )]
        }
        Section::Score => {
            let best = c.best_score();
            let mut rows = vec![row(
                "score",
                "Score",
                c.entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| match e.ranked() {
                        Some(r) => Value::Score { score: r.score, best: best.contains(&i) },
                        None => Value::Empty,
                    })
                    .collect(),
            )];
            for weight in &c.criteria {
                let values = c
                    .entries
                    .iter()
                    .map(|e| {
                        let part = e.ranked().and_then(|r| r.criteria.iter().find(|p| p.criterion == weight.id));
                        part.map_or(Value::Empty, |p| Value::Part { rating: p.rating, contribution: p.contribution })
                    })
                    .collect();
                let label = format!("{} {:.0}%", criterion_label(vocabulary, weight.id), weight.weight * 100.0);
                rows.push(row(weight.id.id(), &label, values));
            }
            // Points taken from a score for a change of language or framework (docs/model.md).
            if c.entries.iter().any(|e| e.ranked().is_some_and(|r| !r.costs.is_empty())) {
                let values = c
                    .entries
                    .iter()
                    .map(|e| match e.ranked() {
                        Some(r) if !r.costs.is_empty() => Value::List(
                            r.costs.iter().map(|cost| format!("-{:.0}: {}", cost.points, cost.reason)).collect(),
                        ),
                        _ => Value::Empty,
                    })
                    .collect();
                rows.push(row("costs", "Costs", values));
            }
            if c.entries.iter().any(|e| matches!(e.standing, Some(Standing::Excluded(_)))) {
                let values = c
                    .entries
                    .iter()
                    .map(|e| match &e.standing {
                        Some(Standing::Excluded(reasons)) => Value::List(reasons.clone()),
                        _ => Value::Empty,
                    })
                    .collect();
                rows.push(row("excluded", "Excluded by", values));
            }
            rows
        }
    }
}

/// One row per value, for CSV: `section`, `field`, then one column per framework id, with
/// unrounded numbers, level ids and one list item per line. A criterion's row becomes two,
/// `<criterion>_rating` and `<criterion>_contribution`.
pub fn data(c: &Comparison, sheets: &[SideBySide]) -> Rows {
    let mut headers = vec!["section".to_string(), "field".to_string()];
    headers.extend(c.entries.iter().map(|e| e.framework.id.to_string()));
    let mut rows = Vec::new();
    let cell = |raw: String| Cell { text: raw.clone(), raw, numeric: false, keep_whole: false };
    type Extract = fn(&Value) -> String;
    for sheet in sheets {
        for r in &sheet.rows {
            let is_part = r.values.iter().any(|v| matches!(v, Value::Part { .. }));
            let variants: Vec<(String, Extract)> = if is_part {
                vec![
                    (format!("{}_rating", r.field), |v| match v {
                        Value::Part { rating, .. } => rating.to_string(),
                        _ => String::new(),
                    }),
                    (format!("{}_contribution", r.field), |v| match v {
                        Value::Part { contribution, .. } => contribution.to_string(),
                        _ => String::new(),
                    }),
                ]
            } else {
                vec![(r.field.clone(), raw)]
            };
            for (field, value) in variants {
                let mut cells = vec![cell(sheet.section.id().to_string()), cell(field)];
                cells.extend(r.values.iter().map(|v| cell(value(v))));
                rows.push(cells);
            }
        }
    }
    Rows { headers, rows, drop_first: Vec::new() }
}

/// The exact value behind a cell, as CSV holds it.
fn raw(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Rating { rating, .. } => rating.to_string(),
        Value::Level(level, by) => match by {
            Some(by) => format!("{} ({by})", level.id()),
            None => level.id().to_string(),
        },
        Value::List(items) => items.join("\n"),
        Value::Score { score, .. } => score.to_string(),
        Value::Part { contribution, .. } => contribution.to_string(),
        Value::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_bars_fill_in_halves() {
        assert_eq!(Charset::Ascii.bar(0.0, 5), "     ");
        assert_eq!(Charset::Ascii.bar(70.0, 5), "###+ ");
        assert_eq!(Charset::Ascii.bar(100.0, 5), "#####");
    }

    #[test]
    fn every_level_has_a_distinct_glyph_in_both_charsets() {
        for charset in [Charset::Unicode, Charset::Ascii] {
            let glyphs: std::collections::HashSet<&str> = Level::ALL.iter().map(|&l| charset.level(l)).collect();
            assert_eq!(glyphs.len(), 4);
        }
        assert!(Charset::Ascii.legend().is_ascii());
        assert_eq!(Charset::Unicode.legend(), "✓ built in, ◐ official add-on, ○ community package, ✗ none");
    }
}
