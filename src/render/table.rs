//! Tables for the terminal (comfy-table): fitted to the width the caller decided, styled only
//! when the caller turned colour on.

use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::rows::{self, Rows};
use super::side_by_side::{self, Charset};
use super::{Options, entry, prose};
use crate::catalog::{Factor, Framework, Vocabulary};
use crate::decide::Recommendation;
use crate::decide::compare::{Comparison, Section};
use crate::decide::score::Method;

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
pub fn grid(grid: &Rows, options: &Options) -> String {
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
pub fn ranking(recommendation: &Recommendation, total: usize, vocabulary: &Vocabulary, options: &Options) -> String {
    let ranking = &recommendation.ranking;
    let skeleton = if options.explain {
        rows::ranking_explained(recommendation, vocabulary)
    } else {
        rows::ranking(recommendation, vocabulary, rows::Audience::People)
    };
    // The verdict is what people read first, so it stands above the table.
    let mut out = prose::verdict(recommendation).map(|v| format!("{v}\n\n")).unwrap_or_default();
    if let Some(close) = prose::close_call(recommendation, vocabulary) {
        out.push_str(&format!("{close}\n\n"));
    }
    if !ranking.ranking.is_empty() {
        out.push_str(&grid(&skeleton, options));
    }
    let mut notes: Vec<String> = Vec::new();
    notes.extend(prose::truncated(ranking.ranking.len(), total));
    notes.extend(recommendation.sensitivity.as_ref().map(prose::wins));
    if options.explain {
        notes.push(prose::weights(&ranking.weighting, &ranking.criteria, vocabulary));
        if ranking.method == Method::Topsis {
            notes.push(prose::topsis_cells());
        }
        notes.extend(prose::top_pick(ranking, vocabulary));
        let tipping = prose::tipping(recommendation, vocabulary);
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
    out.push_str(&super::team::text(recommendation, vocabulary, options));
    out
}

/// Everything about one framework: facts, ratings with their evidence, features and advice.
pub fn framework(f: &Framework, vocabulary: &Vocabulary, options: &Options) -> String {
    let mut out = format!(
        "{} ({})\n{}\n\nLanguages: {} · Kind: {}\nHomepage: {}\nConcurrency: {}\n",
        f.name,
        f.id,
        f.summary,
        entry::languages(f, vocabulary),
        f.kind.id(),
        f.homepage,
        f.concurrency
    );
    for line in entry::facts(f) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    let mut ratings = new_table(options);
    header(&mut ratings, &["Factor".into(), "Rating".into(), "Evidence".into()], options);
    for factor in Factor::ALL {
        let label = vocabulary.factor(factor).map_or(factor.id(), |i| i.label.as_str());
        let value = f.scores.get(factor);
        ratings.add_row(vec![
            label.to_string(),
            format!("{} {}", rows::rating(value), rows::bar((value - 1.0) * 25.0, 4)),
            format!("{}. {}", entry::basis(f, factor), f.rationale.get(factor)),
        ]);
    }
    out.push_str(&format!("{ratings}\n\n"));
    let mut features = new_table(options);
    header(&mut features, &["Feature".into(), "Support".into(), "Feature".into(), "Support".into()], options);
    let cells: Vec<(String, String)> =
        f.features.0.iter().map(|(id, support)| (id.clone(), entry::support(support))).collect();
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
    out.push_str(&format!("\nUse cases: {}\n", entry::use_cases(f)));
    out.push_str(&bullets("Use when", &f.use_when));
    if !f.examples.is_empty() {
        let examples: Vec<String> = f.examples.iter().map(|e| format!("{}: {}", e.name, e.usage)).collect();
        out.push_str(&bullets("Examples", &examples));
    }
    let sources: Vec<String> = entry::cited(f, vocabulary).into_iter().map(entry::source_line).collect();
    out.push_str(&bullets("Sources", &sources));
    out.push_str(&format!("\nReviewed: {}\n", f.reviewed));
    out
}

/// The widest label column of a comparison; longer labels wrap.
const LABEL_MAX: usize = 16;
/// The narrowest framework column before the frameworks are split over several tables.
const COLUMN_MIN: usize = 16;
/// The widest framework column: wider lines are hard to read.
const COLUMN_MAX: usize = 40;

/// How a comparison fits `width` columns: the groups of frameworks shown side by side (balanced,
/// in order), the content width of the label column and of each framework column. Each table
/// line is `1 + (label + 3) + group × (column + 3)` characters: the label column takes what the
/// framework columns leave, so a table fills the width unless its columns reach their maximum.
pub fn layout(frameworks: usize, width: usize, label: usize) -> (Vec<std::ops::Range<usize>>, usize, usize) {
    let available = width.saturating_sub(label + 4);
    let per_table = (available / (COLUMN_MIN + 3)).clamp(1, frameworks.max(1));
    let tables = frameworks.div_ceil(per_table).max(1);
    let size = frameworks.div_ceil(tables).max(1);
    let column = (available / size).saturating_sub(3).clamp(4, COLUMN_MAX);
    let label = if column < COLUMN_MAX { label + available.saturating_sub(size * (column + 3)) } else { label };
    let groups = (0..tables).map(|t| t * size..((t + 1) * size).min(frameworks)).filter(|r| !r.is_empty()).collect();
    (groups, label, column)
}

/// Greedy word wrap of `text` to `width` characters; lines after the first start with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let prefix = if lines.is_empty() { "" } else { indent };
        let current = if line.is_empty() { prefix.chars().count() } else { line.chars().count() + 1 };
        if !line.is_empty() && current + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if line.is_empty() {
            if !lines.is_empty() {
                line.push_str(indent);
            }
        } else {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A value as the terminal shows it, list items wrapped to `width` with a hanging indent.
fn comparison_cell(value: &side_by_side::Value, charset: Charset, width: Option<usize>) -> String {
    use side_by_side::Value;
    let best = |best: bool| if best { format!(" {}", charset.best()) } else { String::new() };
    match value {
        Value::Text(text) => text.clone(),
        Value::Rating { rating, best: is_best } => {
            // The rating padded to three characters keeps the bars and marks of a column aligned.
            format!("{:<3} {}{}", rows::rating(*rating), charset.bar(rating * 20.0, 5), best(*is_best))
        }
        Value::Level(level) => charset.level(*level).to_string(),
        Value::List(items) => {
            let bullet = charset.bullet();
            let lines: Vec<String> = items
                .iter()
                .flat_map(|item| {
                    let text = format!("{bullet} {item}");
                    match width {
                        Some(width) => wrap(&text, width, "  "),
                        None => vec![text],
                    }
                })
                .collect();
            lines.join("\n")
        }
        Value::Score { score, best: is_best } => {
            format!("{score:.1} {}{}", charset.bar(*score, 5), best(*is_best))
        }
        Value::Part { rating, contribution } => format!("{:<3} +{contribution:.1}", rows::rating(*rating)),
        Value::Empty => "-".to_string(),
    }
}

/// The comparison as tables, one per section, each with the section's title in its corner and
/// the same column widths, so the sections line up. When the frameworks do not fit side by side
/// in `options.width`, each section is split into several tables of balanced groups.
pub fn comparison(c: &Comparison, vocabulary: &Vocabulary, options: &Options, charset: Charset) -> String {
    let sheets = side_by_side::sheets(c, vocabulary);
    let count = c.entries.len();
    let label = sheets
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.label.chars().count()).chain([s.section.title().chars().count()]))
        .max()
        .unwrap_or(0)
        .min(LABEL_MAX);
    let (groups, label, column) = match options.width {
        Some(width) => {
            let (groups, label, column) = layout(count, usize::from(width), label);
            (groups, label, Some(column))
        }
        None => (std::iter::once(0..count).collect(), label, None),
    };
    let mut blocks: Vec<String> = Vec::new();
    for sheet in &sheets {
        let mut block = String::new();
        for group in &groups {
            let mut table = new_table(options);
            if charset == Charset::Ascii {
                table.load_style(presets::ASCII_FULL_CONDENSED);
            }
            let mut headers = vec![sheet.section.title().to_string()];
            headers.extend(c.entries[group.clone()].iter().map(|e| e.framework.name.clone()));
            header(&mut table, &headers, options);
            for row in &sheet.rows {
                let mut cells = vec![row.label.clone()];
                cells.extend(row.values[group.clone()].iter().map(|v| comparison_cell(v, charset, column)));
                table.add_row(cells);
            }
            if let Some(column) = column {
                let fixed = |content: usize| ColumnConstraint::Absolute(Width::Fixed((content + 2) as u16));
                let mut columns = table.column_iter_mut();
                if let Some(first) = columns.next() {
                    first.set_constraint(fixed(label));
                }
                for other in columns {
                    other.set_constraint(fixed(column));
                }
            }
            block.push_str(&format!("{table}\n"));
        }
        let note = match sheet.section {
            Section::Factors => {
                Some(format!("{} marks the best rating of each row; bars show the rating out of 5.", charset.best()))
            }
            Section::Features => Some(charset.legend()),
            Section::Score => Some(format!(
                "{} {} marks the best score; each criterion shows its rating and the points it adds.",
                prose::weights(&c.weighting, &c.criteria, vocabulary),
                charset.best()
            )),
            _ => None,
        };
        if let Some(note) = note {
            let lines = match options.width {
                Some(width) => wrap(&note, usize::from(width), ""),
                None => vec![note],
            };
            for line in lines {
                block.push_str(&line);
                block.push('\n');
            }
        }
        blocks.push(block);
    }
    blocks.join("\n")
}
