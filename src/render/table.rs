//! Tables for the terminal (comfy-table): fitted to the width the caller decided, styled only
//! when the caller turned colour on.

use comfy_table::{Attribute, Cell as TableCell, CellAlignment, ColumnConstraint, ContentArrangement, Table, presets};

use super::grid::{self, Grid};
use super::{Options, prose};
use crate::catalog::{Factor, Framework, Vocabulary};
use crate::score::{Method, Ranking};

fn new_table(options: &Options) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).force_no_tty();
    match options.width {
        Some(width) => {
            table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if options.color {
        table.enforce_styling();
    }
    table
}

fn header(table: &mut Table, headers: &[String], options: &Options) {
    table.set_header(headers.iter().map(|h| {
        let cell = TableCell::new(h);
        if options.color { cell.add_attribute(Attribute::Bold) } else { cell }
    }));
}

/// Render a grid as a table.
pub fn grid(grid: &Grid, options: &Options) -> String {
    let mut table = new_table(options);
    header(&mut table, &grid.headers, options);
    for row in &grid.rows {
        table.add_row(row.iter().map(|cell| TableCell::new(&cell.text)));
    }
    if let Some(first) = grid.rows.first() {
        for (index, cell) in first.iter().enumerate() {
            if let Some(column) = table.column_mut(index) {
                if cell.numeric {
                    column.set_cell_alignment(CellAlignment::Right);
                }
                if cell.keep_whole {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
    }
    format!("{table}\n")
}

/// The ranking table, with the explanation under it when asked for.
pub fn ranking(ranking: &Ranking, total: usize, vocabulary: &Vocabulary, options: &Options) -> String {
    let skeleton = if options.explain {
        grid::ranking_explained(ranking, vocabulary)
    } else {
        grid::ranking(ranking, vocabulary, grid::Audience::People)
    };
    // The verdict is what people read first, so it stands above the table.
    let mut out = prose::verdict(ranking).map(|v| format!("{v}\n\n")).unwrap_or_default();
    if !ranking.ranking.is_empty() {
        out.push_str(&grid(&skeleton, options));
    }
    let mut notes: Vec<String> = Vec::new();
    notes.extend(prose::truncated(ranking.ranking.len(), total));
    notes.extend(ranking.sensitivity.as_ref().map(prose::wins));
    if options.explain {
        notes.push(prose::weights(ranking, vocabulary));
        if ranking.method == Method::Topsis {
            notes.push(prose::topsis_cells());
        }
        notes.extend(prose::top_pick(ranking, vocabulary));
        let tipping = prose::tipping(ranking, vocabulary);
        if !tipping.is_empty() {
            notes
                .push("What would change the winner, one weight at a time (the others keep their proportions):".into());
            notes.extend(tipping.into_iter().map(|line| format!("  - {line}")));
        }
        let excluded = prose::excluded(ranking);
        if !excluded.is_empty() {
            notes.push(format!("Excluded by filters ({}):", excluded.len()));
            notes.extend(excluded.into_iter().map(|line| format!("  - {line}")));
        }
    } else {
        if ranking.ranking.is_empty() {
            notes.extend(prose::top_pick(ranking, vocabulary));
        }
        if !ranking.excluded.is_empty() {
            notes.push(format!("{} excluded by filters; --explain lists why.", ranking.excluded.len()));
        }
    }
    for note in notes {
        out.push_str(&note);
        out.push('\n');
    }
    out
}

/// Everything about one framework: facts, ratings with their evidence, features and advice.
pub fn framework(f: &Framework, vocabulary: &Vocabulary, options: &Options) -> String {
    let mut out = format!(
        "{} ({})\n{}\n\nLanguage: {} · Kind: {} · Licence: {} · First release: {} · Latest: {}\nHomepage: {}\nConcurrency: {}\n\n",
        f.name,
        f.id,
        f.summary,
        vocabulary.language_name(&f.language),
        f.kind.id(),
        f.license,
        f.first_release,
        f.latest_version,
        f.homepage,
        f.concurrency
    );
    let mut ratings = new_table(options);
    header(&mut ratings, &["Factor".into(), "Rating".into(), "Evidence".into()], options);
    for factor in Factor::ALL {
        let label = vocabulary.factor(factor).map_or(factor.id(), |i| i.label.as_str());
        let value = f.scores.get(factor);
        ratings.add_row(vec![
            label.to_string(),
            format!("{} {}", grid::rating(value), grid::bar((value - 1.0) * 25.0, 4)),
            f.rationale.get(factor).to_string(),
        ]);
    }
    out.push_str(&format!("{ratings}\n\n"));
    let mut features = new_table(options);
    header(&mut features, &["Feature".into(), "Support".into(), "Feature".into(), "Support".into()], options);
    let cells: Vec<(String, String)> =
        f.features.0.iter().map(|(id, level)| (id.clone(), level.id().to_string())).collect();
    for pair in cells.chunks(2) {
        let mut row = vec![pair[0].0.clone(), pair[0].1.clone()];
        if let Some(second) = pair.get(1) {
            row.extend([second.0.clone(), second.1.clone()]);
        }
        features.add_row(row);
    }
    out.push_str(&format!("{features}\n"));
    let bullets = |title: &str, items: &[String]| {
        let mut s = format!("\n{title}:\n");
        for item in items {
            s.push_str(&format!("  - {item}\n"));
        }
        s
    };
    out.push_str(&bullets("Pros", &f.pros));
    out.push_str(&bullets("Cons", &f.cons));
    out.push_str(&format!("\nBest for: {}\n", f.best_for.join(", ")));
    out.push_str(&bullets("Use when", &f.use_when));
    if !f.examples.is_empty() {
        let examples: Vec<String> = f.examples.iter().map(|e| format!("{}: {}", e.name, e.usage)).collect();
        out.push_str(&bullets("Examples", &examples));
    }
    out.push_str(&format!("\nReviewed: {}\n", f.reviewed));
    out
}
