//! The one-row-per-item skeleton shared by the table, Markdown and CSV formats of rankings, lists
//! and presets: headers and rows of cells that carry both the text people read and the raw value
//! scripts parse.

use super::entry;
use crate::answers::Preset;
use crate::catalog::{Factor, Framework, Vocabulary};
use crate::criteria::Criterion;
use crate::decide::Recommendation;
use crate::decide::score::Method;
use crate::decide::sensitivity;

/// Who reads the grid: people get rounded numbers, bars and short headers; data gets every
/// value unrounded under a stable snake_case header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Table and Markdown; `explain` adds each criterion's contribution.
    People,
    /// CSV.
    Data,
}

/// One cell: what people see and the exact value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Rounded, decorated text.
    pub text: String,
    /// Exact value for CSV.
    pub raw: String,
    /// Whether the column holds numbers (right-aligned in tables).
    pub numeric: bool,
    /// Whether the text must never wrap (a score with its bar).
    pub keep_whole: bool,
}

impl Cell {
    /// A text cell.
    pub fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        Cell { text: value.clone(), raw: value, numeric: false, keep_whole: false }
    }

    /// A number: `text` shown, `raw` for data.
    pub fn number(text: String, raw: f64) -> Cell {
        Cell { text, raw: raw.to_string(), numeric: true, keep_whole: false }
    }

    /// The same cell, never wrapped.
    pub fn whole(mut self) -> Cell {
        self.keep_whole = true;
        self
    }
}

/// Headers plus rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells, as many as headers.
    pub rows: Vec<Vec<Cell>>,
    /// The columns a table too wide for its width drops, least important first (indices into
    /// `headers`); a column not listed is never dropped.
    pub drop_first: Vec<usize>,
}

/// A bar of `width` characters filled in eighths for a value from 0 to 100.
pub fn bar(value: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = ((value.clamp(0.0, 100.0) / 100.0) * (width * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8]);
    }
    let used = out.chars().count();
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A rating as people read it: `4.5`, `3`.
pub fn rating(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") }
}

/// A criterion's column header: the factor's short label from the vocabulary, or the context
/// criterion's abbreviation. Short headers keep tables readable in 80 columns.
fn criterion_header(vocabulary: &Vocabulary, criterion: Criterion) -> String {
    match criterion {
        Criterion::Factor(factor) => {
            vocabulary.factor(factor).map_or_else(|| factor.id().to_string(), |f| f.short.to_string())
        }
        other => other.short().to_string(),
    }
}

/// The ranking grid. People: rank, framework, language, score with a bar, the share of wins when
/// the ranking carries a sensitivity analysis, then the five factor ratings (or, explained,
/// every active criterion's rating and contribution; for TOPSIS its weighted normalized value
/// v). Data: rank, id, name, language, score, for TOPSIS `distance_to_ideal` and
/// `distance_to_anti_ideal`, with sensitivity `first` and `mean_rank`, then `<criterion>_rating`
/// and `<criterion>_contribution` (TOPSIS: `<criterion>_normalized`).
pub fn ranking(recommendation: &Recommendation, vocabulary: &Vocabulary, audience: Audience) -> Rows {
    ranking_grid(recommendation, vocabulary, audience, false)
}

/// The ranking grid for people with contributions (`--explain`).
pub fn ranking_explained(recommendation: &Recommendation, vocabulary: &Vocabulary) -> Rows {
    ranking_grid(recommendation, vocabulary, Audience::People, true)
}

fn ranking_grid(recommendation: &Recommendation, vocabulary: &Vocabulary, audience: Audience, explain: bool) -> Rows {
    let ranking = &recommendation.ranking;
    // Explained rows are two lines high (rating, then contribution), so the language moves under
    // the framework's name and the table keeps a column for each criterion in 80 columns.
    let topsis = ranking.method == Method::Topsis;
    let analysis = recommendation.sensitivity.as_ref();
    let mut headers: Vec<String> = match audience {
        Audience::People if explain => ["#", "Framework", "Score"].map(String::from).to_vec(),
        Audience::People => ["#", "Framework", "Language", "Score"].map(String::from).to_vec(),
        Audience::Data => ["rank", "id", "name", "language", "score"].map(String::from).to_vec(),
    };
    match audience {
        Audience::People => headers.extend(analysis.map(|_| "Wins".to_string())),
        Audience::Data => {
            if topsis {
                headers.extend(["distance_to_ideal", "distance_to_anti_ideal"].map(String::from));
            }
            if analysis.is_some() {
                headers.extend(["first", "mean_rank"].map(String::from));
            }
        }
    }
    // With a radar, its ring stands beside each framework (Hold ones are excluded).
    // For data the ring comes last, so that the columns before it keep their places.
    let radar = ranking.radar.is_some();
    if radar && audience == Audience::People {
        headers.push("Radar".into());
    }
    let costs = ranking.ranking.iter().any(|e| !e.costs.is_empty());
    let second = if topsis { "normalized" } else { "contribution" };
    // Every criterion that carries weight, so that the score can be traced: the factors, then
    // use-case fit and team familiarity when active; a factor of weight 0 still shows its rating.
    let criteria: Vec<Criterion> = match (audience, explain) {
        (Audience::People, false) => Factor::ALL
            .map(Criterion::Factor)
            .into_iter()
            .chain(ranking.criteria.iter().map(|w| w.id).filter(|c| !matches!(c, Criterion::Factor(_))))
            .collect(),
        _ => ranking.criteria.iter().map(|w| w.id).collect(),
    };
    for criterion in &criteria {
        match audience {
            Audience::People => headers.push(criterion_header(vocabulary, *criterion)),
            Audience::Data => {
                headers.push(format!("{}_rating", criterion.id()));
                headers.push(format!("{}_{second}", criterion.id()));
            }
        }
    }
    let rows = ranking
        .ranking
        .iter()
        .map(|entry| {
            let mut row = match audience {
                Audience::People => {
                    let language = vocabulary.language_name(entry.shown_language());
                    let mut cells = vec![Cell::number(entry.rank.to_string(), entry.rank as f64)];
                    if explain {
                        cells.push(Cell::text(format!("{}\n{language}", entry.name)));
                    } else {
                        cells.extend([Cell::text(entry.name.clone()), Cell::text(language)]);
                    }
                    cells
                        .push(Cell::number(format!("{:.1} {}", entry.score, bar(entry.score, 6)), entry.score).whole());
                    cells
                }
                Audience::Data => vec![
                    Cell::text(entry.rank.to_string()),
                    Cell::text(entry.id.clone()),
                    Cell::text(entry.name.clone()),
                    Cell::text(entry.language.clone()),
                    Cell::number(String::new(), entry.score),
                ],
            };
            let accepted = analysis.and_then(|a| a.of(&entry.id));
            match audience {
                Audience::People => {
                    row.extend(accepted.map(|a| Cell::number(sensitivity::share(a.first), a.first)));
                }
                Audience::Data => {
                    if topsis {
                        for distance in [entry.distance_to_ideal, entry.distance_to_anti_ideal] {
                            row.push(distance.map_or_else(|| Cell::text(""), |d| Cell::number(String::new(), d)));
                        }
                    }
                    if let Some(a) = accepted {
                        row.extend([a.first, a.mean_rank].map(|v| Cell::number(String::new(), v)));
                    }
                }
            }
            let ring = entry.radar.as_ref().map(|p| p.ring);
            if radar && audience == Audience::People {
                row.push(Cell::text(ring.map_or("-", |r| r.label())));
            }
            for criterion in &criteria {
                let part = entry.criteria.iter().find(|p| p.criterion == *criterion);
                match (audience, part) {
                    (Audience::Data, Some(part)) => {
                        row.push(Cell::number(String::new(), part.rating));
                        row.push(Cell::number(String::new(), part.normalized.unwrap_or(part.contribution)));
                    }
                    (Audience::People, Some(part)) if explain => row.push(match part.normalized {
                        // TOPSIS: v is small (a weight times a share of a unit vector).
                        Some(v) => Cell::number(format!("{}\n{v:.3}", rating(part.rating)), v),
                        None => Cell::number(
                            format!("{}\n+{:.1}", rating(part.rating), part.contribution),
                            part.contribution,
                        ),
                    }),
                    (Audience::People, Some(part)) => row.push(Cell::number(rating(part.rating), part.rating)),
                    // Factors are always active, so this only guards against a missing part.
                    (Audience::People, None) => row.push(Cell::text("-")),
                    (Audience::Data, None) => {
                        row.push(Cell::text(""));
                        row.push(Cell::text(""));
                    }
                }
            }
            if radar && audience == Audience::Data {
                row.push(Cell::text(ring.map_or("", |r| r.id())));
            }
            if costs && audience == Audience::People {
                let points: f64 = entry.costs.iter().map(|c| c.points).sum();
                row.push(if points > 0.0 {
                    Cell::number(format!("-{points:.1}"), -points)
                } else {
                    Cell::number("-".into(), 0.0)
                });
            }
            row
        })
        .collect();
    // A language or migration cost is taken off the criteria's points: its column makes the
    // score add up (docs/model.md).
    if costs && audience == Audience::People {
        headers.push("Cost".into());
    }
    if radar && audience == Audience::Data {
        headers.push("radar_ring".into());
    }
    // Least important first: criteria by ascending weight (rightmost first among equals), then
    // the share of wins, then the language. Rank, name and score always stay.
    let mut drop_first: Vec<usize> = Vec::new();
    if audience == Audience::People {
        let first_criterion = headers.len() - criteria.len() - usize::from(costs);
        let weight = |c: &Criterion| ranking.criteria.iter().find(|w| w.id == *c).map_or(0.0, |w| w.weight);
        let mut by_weight: Vec<usize> = (0..criteria.len()).rev().collect();
        by_weight.sort_by(|&a, &b| weight(&criteria[a]).total_cmp(&weight(&criteria[b])));
        drop_first.extend(by_weight.into_iter().map(|i| first_criterion + i));
        drop_first.extend(headers.iter().position(|h| h == "Wins"));
        drop_first.extend(headers.iter().position(|h| h == "Radar"));
        drop_first.extend(headers.iter().position(|h| h == "Language"));
    }
    Rows { headers, rows, drop_first }
}

/// The framework list grid.
pub fn frameworks(frameworks: &[&Framework], vocabulary: &Vocabulary, audience: Audience) -> Rows {
    let mut headers: Vec<String> = match audience {
        Audience::People => ["ID", "Framework", "Languages", "Kind"].map(String::from).to_vec(),
        Audience::Data => {
            ["id", "name", "languages", "kind", "license", "first_release", "latest_version"].map(String::from).to_vec()
        }
    };
    for factor in Factor::ALL {
        headers.push(match audience {
            Audience::People => criterion_header(vocabulary, Criterion::Factor(factor)),
            Audience::Data => factor.id().to_string(),
        });
    }
    headers.extend(match audience {
        Audience::People => vec!["Use cases".into()],
        Audience::Data => vec!["strong_for".into(), "good_for".into()],
    });
    let rows = frameworks
        .iter()
        .map(|f| {
            let mut row = vec![Cell::text(f.id.clone()), Cell::text(f.name.clone())];
            match audience {
                Audience::People => {
                    row.push(Cell::text(entry::languages(f, vocabulary)));
                    row.push(Cell::text(f.kind.id()));
                }
                Audience::Data => {
                    row.extend(
                        [
                            f.languages.join(";"),
                            f.kind.id().to_string(),
                            f.facts.license.value.to_string(),
                            f.facts.first_release.value.to_string(),
                            f.facts.latest_release.version.to_string(),
                        ]
                        .map(Cell::text),
                    );
                }
            }
            for factor in Factor::ALL {
                let value = f.scores.get(factor);
                row.push(Cell::number(rating(value), value));
            }
            match audience {
                Audience::People => row.push(Cell::text(entry::use_cases(f))),
                Audience::Data => {
                    row.push(Cell::text(f.use_cases.strong.join(";")));
                    row.push(Cell::text(f.use_cases.good.join(";")));
                }
            }
            row
        })
        .collect();
    // Least important first: kind, the name (the id stays), the ratings from the right, the use
    // cases, the languages.
    let factors = 4..4 + Factor::ALL.len();
    let mut drop_first = vec![3, 1];
    drop_first.extend(factors.clone().rev());
    drop_first.extend([factors.end, 2]);
    if audience == Audience::Data {
        drop_first.clear();
    }
    Rows { headers, rows, drop_first }
}

/// The sources grid: id, title, publisher, date, address, what it measures.
pub fn sources(sources: &[crate::catalog::Source], audience: Audience) -> Rows {
    let headers = match audience {
        Audience::People => ["ID", "Title", "Publisher", "Date", "Address"].map(String::from).to_vec(),
        Audience::Data => {
            ["id", "title", "publisher", "date", "date_kind", "url", "measures"].map(String::from).to_vec()
        }
    };
    let rows = sources
        .iter()
        .map(|s| match audience {
            Audience::People => vec![
                Cell::text(s.id.clone()),
                Cell::text(s.title.clone()),
                Cell::text(s.publisher.clone()),
                Cell::text(format!("{} {}", s.date_kind, s.date)),
                Cell::text(s.url.clone()),
            ],
            Audience::Data => [&s.id, &s.title, &s.publisher, &s.date, &s.date_kind, &s.url, &s.measures]
                .map(|v| Cell::text(v.clone()))
                .to_vec(),
        })
        .collect();
    Rows { headers, rows, drop_first: Vec::new() }
}

/// The presets grid.
pub fn presets(presets: &[Preset], audience: Audience) -> Rows {
    let mut headers: Vec<String> = match audience {
        Audience::People => ["Preset", "Description", "Importance", "Use cases", "Requires"].map(String::from).to_vec(),
        Audience::Data => ["id", "description"].map(String::from).to_vec(),
    };
    if audience == Audience::Data {
        headers.extend(Criterion::ALL.map(|c| c.id().to_string()));
        headers.extend(["use_cases", "team_knows", "languages", "require"].map(String::from));
    }
    let rows = presets
        .iter()
        .map(|p| {
            let a = &p.answers;
            let list = |v: &Option<Vec<String>>, sep: &str| v.as_ref().map(|v| v.join(sep)).unwrap_or_default();
            match audience {
                Audience::People => {
                    let importance: Vec<String> = Criterion::ALL
                        .iter()
                        .filter_map(|c| a.importance.get(*c).map(|v| format!("{} {v}", c.id())))
                        .collect();
                    vec![
                        Cell::text(p.id.clone()),
                        Cell::text(p.description.clone()),
                        Cell::text(importance.join(", ")),
                        Cell::text(list(&a.use_cases, ", ")),
                        Cell::text(list(&a.require, ", ")),
                    ]
                }
                Audience::Data => {
                    let mut row = vec![Cell::text(p.id.clone()), Cell::text(p.description.clone())];
                    row.extend(
                        Criterion::ALL
                            .map(|c| Cell::text(a.importance.get(c).map(|v| v.to_string()).unwrap_or_default())),
                    );
                    row.extend(
                        [&a.use_cases, &a.team_knows, &a.languages, &a.require].map(|v| Cell::text(list(v, ";"))),
                    );
                    row
                }
            }
        })
        .collect();
    let drop_first = if audience == Audience::People { vec![4, 3, 2] } else { Vec::new() };
    Rows { headers, rows, drop_first }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(0.0, 4), "    ");
        assert_eq!(bar(100.0, 4), "████");
        assert_eq!(bar(50.0, 4), "██  ");
        assert_eq!(bar(12.5, 2), "▎ ");
        assert_eq!(bar(150.0, 2), "██");
    }

    #[test]
    fn ratings_drop_a_zero_fraction() {
        assert_eq!(rating(4.0), "4");
        assert_eq!(rating(4.5), "4.5");
    }
}
