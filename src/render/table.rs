//! Tables for the terminal (comfy-table): fitted to the width the caller decided, styled only
//! when the caller turned colour on.

use comfy_table::{
    Attribute, Cell as TableCell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::rows::{self, Cell, Rows};
use super::side_by_side::{self, Charset};
use super::{Options, entry, prose};
use crate::catalog::{Factor, Framework, Text, Vocabulary};
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

/// The display width of `text`'s longest word: a column never gets narrower, so no word or
/// number is ever split across lines.
fn longest_word(text: &str) -> usize {
    text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0)
}

/// The narrowest content width of a column: its longest word, or its longest line when its
/// cells must stay whole.
fn column_minimum(grid: &Rows, column: usize) -> usize {
    let whole = grid.rows.first().and_then(|r| r.get(column)).is_some_and(|c| c.keep_whole);
    let cells = grid.rows.iter().filter_map(|r| r.get(column)).map(|c| c.text.as_str());
    std::iter::once(grid.headers[column].as_str())
        .chain(cells)
        .map(|text| if whole { text.lines().map(|l| l.chars().count()).max().unwrap_or(0) } else { longest_word(text) })
        .max()
        .unwrap_or(0)
}

/// The width of a table line whose columns have these content widths: the left border, then
/// per column two spaces of padding and a separator.
fn line_width(columns: impl Iterator<Item = usize>) -> usize {
    1 + columns.map(|c| c + 3).sum::<usize>()
}

/// Whether `grid` fits `width` columns with every column kept and no word split.
fn fits(grid: &Rows, width: Option<u16>) -> bool {
    width.is_none_or(|w| line_width((0..grid.headers.len()).map(|c| column_minimum(grid, c))) <= usize::from(w))
}

/// Render a grid as a table fitted to `options.width`. Cells wrap between words only; when the
/// columns cannot all fit at their longest word, the grid's `drop_first` columns are left out in
/// that order until they do, and a line under the table names them and how to see them.
pub fn grid(grid: &Rows, options: &Options) -> String {
    let bounded = bounded_words(grid);
    let grid = bounded.as_ref();
    let minimum: Vec<usize> = (0..grid.headers.len()).map(|c| column_minimum(grid, c)).collect();
    let mut shown: Vec<usize> = (0..grid.headers.len()).collect();
    let mut hidden: Vec<usize> = Vec::new();
    if let Some(width) = options.width {
        for &column in &grid.drop_first {
            if line_width(shown.iter().map(|&c| minimum[c])) <= usize::from(width) {
                break;
            }
            shown.retain(|&c| c != column);
            hidden.push(column);
        }
    }
    if let Some(width) = options.width.filter(|&w| line_width(shown.iter().map(|&c| minimum[c])) > usize::from(w)) {
        return stacked(grid, usize::from(width));
    }
    let mut table = new_table(options);
    let headers: Vec<String> = shown.iter().map(|&c| grid.headers[c].clone()).collect();
    header(&mut table, &headers, options);
    for row in &grid.rows {
        table.add_row(shown.iter().map(|&c| TableCell::new(row.get(c).map_or("", |cell| cell.text.as_str()))));
    }
    if let Some(first) = grid.rows.first() {
        for (index, &c) in shown.iter().enumerate() {
            let (Some(column), Some(cell)) = (table.column_mut(index), first.get(c)) else { continue };
            if cell.numeric {
                column.set_cell_alignment(CellAlignment::Right);
            }
            column.set_constraint(if cell.keep_whole {
                ColumnConstraint::ContentWidth
            } else {
                ColumnConstraint::LowerBoundary(Width::Fixed((minimum[c] + 2) as u16))
            });
        }
    }
    let mut out = format!("{table}\n");
    if let (false, Some(width)) = (hidden.is_empty(), options.width) {
        hidden.sort_unstable();
        let names: Vec<&str> = hidden.iter().map(|&c| grid.headers[c].as_str()).collect();
        let all = line_width(minimum.iter().copied());
        let note = format!(
            "Columns left out to fit {width} characters: {}. --width {all} or more shows them, as does --format markdown.",
            names.join(", ")
        );
        for line in wrap(&note, usize::from(width), "") {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The widest a table gets (the bound of `--width`): a longer word is cut to it with `…` before
/// the table sees it, as comfy-table's wrapping takes time that grows with the square of a word's
/// length (an 8 MiB word took hours).
const MAX_TABLE_WORD: usize = 1000;

/// `grid` with every word longer than [`MAX_TABLE_WORD`] cut; borrowed when none is.
fn bounded_words(grid: &Rows) -> std::borrow::Cow<'_, Rows> {
    let long = |text: &str| text.split_whitespace().any(|w| w.len() > MAX_TABLE_WORD);
    if !grid.headers.iter().any(|h| long(h)) && !grid.rows.iter().flatten().any(|c| long(&c.text)) {
        return std::borrow::Cow::Borrowed(grid);
    }
    let cut = |text: &str| crate::escape::cut(text, MAX_TABLE_WORD, usize::MAX).into_owned();
    let mut bounded = grid.clone();
    bounded.headers.iter_mut().for_each(|h| *h = cut(h));
    bounded.rows.iter_mut().flatten().for_each(|c| c.text = cut(&c.text));
    std::borrow::Cow::Owned(bounded)
}

/// A grid too wide for a table even without its droppable columns: one block per row, a
/// `header: value` line per cell, wrapped to `width`.
fn stacked(grid: &Rows, width: usize) -> String {
    let blocks: Vec<String> = grid
        .rows
        .iter()
        .map(|row| {
            let mut block = String::new();
            for (header, cell) in grid.headers.iter().zip(row) {
                if cell.text.is_empty() {
                    continue;
                }
                let text = format!("{header}: {}", cell.text.replace('\n', " "));
                block.push_str(&paragraph(&text, Some(width as u16), "  "));
            }
            block
        })
        .collect();
    blocks.join("\n")
}

/// `text` wrapped to `width` when there is one, each line ended by a newline; lines after the
/// first of a paragraph start with `indent`.
/// Leading spaces of `text` stay in front of every line.
pub fn paragraph(text: &str, width: Option<u16>, indent: &str) -> String {
    let body = text.trim_start();
    let lead = &text[..text.len() - body.len()];
    let lines = match width {
        Some(width) => {
            wrap(body, usize::from(width).saturating_sub(lead.len()), indent.strip_prefix(lead).unwrap_or(indent))
        }
        None => vec![body.to_string()],
    };
    lines.into_iter().map(|l| format!("{lead}{l}\n")).collect()
}

/// The `list` table: each framework's id (what the other commands take; `--format markdown`
/// adds the names), languages, five ratings and the use cases the
/// catalog rates it a strong fit for (or, with none, a good fit), at most two lines a framework.
/// The use cases take the width the other columns leave; those that do not fit in two lines are
/// counted (`+3 more`), and the note under the table says where to read them all. Too narrow for
/// that, the languages go first, then the table becomes a stacked list.
pub fn frameworks(list: &[&Framework], vocabulary: &Vocabulary, options: &Options) -> String {
    const LINES: usize = 2;
    let names: Vec<String> = list.iter().map(|f| f.id.to_string()).collect();
    let languages: Vec<String> = list.iter().map(|f| entry::languages(f, vocabulary)).collect();
    let factors: Vec<String> = Factor::ALL
        .iter()
        .map(|&f| vocabulary.factor(f).map_or_else(|| f.id().to_string(), |v| v.short.to_string()))
        .collect();
    // The narrowest width at which every text of a column takes at most two lines.
    let fitted = |texts: &[String], header: &str| -> usize {
        let floor = texts.iter().map(|t| longest_piece(t)).chain([header.chars().count()]).max().unwrap_or(0);
        (floor..=1000).find(|&w| texts.iter().all(|t| wrap(t, w, "").len() <= LINES)).unwrap_or(floor)
    };
    // An id is typed as it is: never broken.
    let name_width = names.iter().map(|n| n.chars().count()).chain([2]).max().unwrap_or(2);
    let language_width = fitted(&languages, "Languages");
    let ratings: usize = factors.iter().map(|h| h.chars().count().max(3) + 3).sum();
    let uses: Vec<(&str, Vec<&str>)> = list
        .iter()
        .map(|f| {
            if f.use_cases.strong.is_empty() {
                ("good: ", f.use_cases.good.iter().map(|t| t.as_ref()).collect())
            } else {
                ("", f.use_cases.strong.iter().map(|t| t.as_ref()).collect())
            }
        })
        .collect();
    // The longest use case with its comma.
    let widest_use = uses.iter().flat_map(|(_, u)| u.iter().map(|t| t.chars().count() + 1)).max().unwrap_or(0);
    let most_left_out = uses.iter().map(|(_, u)| u.len()).max().unwrap_or(0);
    let header = "Strong for";
    // Room for the longest use case with the count of those left out, or after "good: ".
    let count = format!(" +{most_left_out} more").chars().count();
    let floor = header.chars().count().max("good: ".len() + widest_use).max(widest_use + count);
    let mut with_languages = true;
    let room = |with_languages: bool| -> Option<usize> {
        let width = usize::from(options.width?);
        let fixed = 1 + name_width + 3 + ratings + 3 + if with_languages { language_width + 3 } else { 0 };
        Some(width.saturating_sub(fixed))
    };
    let mut use_width = room(true).unwrap_or(usize::MAX);
    if use_width < floor {
        with_languages = false;
        use_width = room(false).unwrap_or(usize::MAX);
    }
    // Not even the id, the ratings and a use case with its count fit: every use case, and the
    // table leaves out columns (the languages, then ratings from the right) or stacks.
    let narrow = use_width < floor;
    if narrow {
        with_languages = true;
    }
    let mut cut_any = false;
    let mut headers = vec!["ID".to_string()];
    if with_languages {
        headers.push("Languages".into());
    }
    headers.extend(factors.iter().cloned());
    headers.push(header.into());
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut row = vec![Cell::text(wrap(&names[i], name_width, "").join("\n"))];
            if with_languages {
                row.push(Cell::text(wrap(&languages[i], language_width, "").join("\n")));
            }
            for factor in Factor::ALL {
                let value = f.scores.get(factor);
                row.push(Cell::number(rows::rating(value), value));
            }
            let (prefix, items) = &uses[i];
            if narrow {
                row.push(Cell::text(format!("{prefix}{}", items.join(", "))));
            } else {
                let (text, cut) = two_lines(prefix, items, use_width);
                cut_any |= cut;
                row.push(Cell::text(text));
            }
            row
        })
        .collect();
    let ratings_from_right = (2..2 + Factor::ALL.len()).rev();
    let drop_first = if narrow { std::iter::once(1).chain(ratings_from_right).collect() } else { Vec::new() };
    let table_rows = Rows { headers, rows, drop_first };
    let mut out = grid(&table_rows, options);
    let mut note = String::from(
        "Strong for: the use cases the catalog rates a strong fit (good: a reasonable fit, when none is strong).",
    );
    if cut_any {
        note.push_str(" \"+N more\" counts those that did not fit; show ID lists them all.");
    }
    if !with_languages && !narrow {
        note.push_str(" Languages left out to fit; --format markdown shows them.");
    }
    out.push_str(&paragraph(&note, options.width, ""));
    out
}

/// `items` after `prefix`, joined with commas into at most two lines of `width`; when they do
/// not all fit, the last line ends with how many were left out. Returns the text and whether any
/// item was left out.
fn two_lines(prefix: &str, items: &[&str], width: usize) -> (String, bool) {
    let join = |shown: &[&str], left: usize| {
        let mut text = format!("{prefix}{}", shown.join(", "));
        if left > 0 {
            text.push_str(&format!(" +{left} more"));
        }
        text
    };
    for shown in (0..=items.len()).rev() {
        let text = join(&items[..shown], items.len() - shown);
        let lines = wrap(&text, width, "");
        if lines.len() <= 2 {
            return (lines.join("\n"), shown < items.len());
        }
    }
    (join(&[], items.len()), !items.is_empty())
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
    let mut out = prose::verdict(recommendation).map(|v| paragraph(&v, options.width, "") + "\n").unwrap_or_default();
    if let Some(close) = prose::close_call(recommendation, vocabulary) {
        out.push_str(&(paragraph(&close, options.width, "") + "\n"));
    }
    if !ranking.ranking.is_empty() {
        out.push_str(&grid(&skeleton, options));
    }
    let mut notes: Vec<String> = Vec::new();
    notes.extend(prose::truncated(ranking.ranking.len(), total));
    notes.extend(prose::model_notes(ranking, vocabulary));
    notes.extend(recommendation.sensitivity.as_ref().map(prose::wins));
    notes.extend(prose::radar(ranking));
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
    notes.extend(prose::relax(ranking, total));
    for note in notes {
        let indent = if note.starts_with("  - ") { "    " } else { "" };
        out.push_str(&paragraph(&note, options.width, indent));
    }
    out.push_str(&super::team::text(recommendation, vocabulary, options));
    out
}

/// Everything about one framework: facts, ratings with their evidence, features and advice,
/// every paragraph wrapped to `options.width`. The features sit two to a row when that fits the
/// width, one to a row when not.
pub fn framework(f: &Framework, vocabulary: &Vocabulary, options: &Options) -> String {
    let width = options.width;
    let mut out = format!("{} ({})\n", f.name, f.id);
    out.push_str(&paragraph(&f.summary, width, ""));
    out.push('\n');
    let mut lines = vec![
        format!("Languages: {} · Kind: {}", entry::languages(f, vocabulary), f.kind.id()),
        format!("Homepage: {}", f.homepage),
        format!("Concurrency: {}", f.concurrency),
    ];
    lines.extend(entry::facts(f));
    for line in lines {
        out.push_str(&paragraph(&line, width, "  "));
    }
    out.push('\n');
    let mut ratings = Rows { headers: ["Factor", "Rating", "Evidence"].map(String::from).to_vec(), ..Rows::default() };
    for factor in Factor::ALL {
        let label = vocabulary.factor(factor).map_or(factor.id(), |i| i.label.as_str());
        let value = f.scores.get(factor);
        ratings.rows.push(vec![
            Cell::text(label),
            Cell::text(format!("{:<3} {}", rows::rating(value), Charset::Unicode.rating(value))).whole(),
            Cell::text(format!("{}. {}", entry::basis_and_spread(f, factor), f.rationale.get(factor))),
        ]);
    }
    out.push_str(&grid(&ratings, options));
    out.push('\n');
    let cells: Vec<(String, String)> =
        f.features.0.iter().map(|(id, support)| (id.to_string(), entry::support(support))).collect();
    let features = |per_row: usize| {
        let mut headers = Vec::new();
        for _ in 0..per_row {
            headers.extend(["Feature".to_string(), "Support".to_string()]);
        }
        let rows = cells
            .chunks(per_row)
            .map(|chunk| {
                let mut row: Vec<Cell> = chunk.iter().flat_map(|(id, s)| [Cell::text(id), Cell::text(s)]).collect();
                row.resize_with(per_row * 2, || Cell::text(""));
                row
            })
            .collect();
        Rows { headers, rows, drop_first: Vec::new() }
    };
    let paired = features(2);
    let features = if fits(&paired, width) { paired } else { features(1) };
    out.push_str(&grid(&features, options));
    let bullets = |title: &str, items: &[Text]| {
        let mut s = format!("\n{title}:\n");
        for item in items {
            s.push_str(&paragraph(&format!("  - {item}"), width, "    "));
        }
        s
    };
    out.push_str(&bullets("Pros", &f.pros));
    out.push_str(&bullets("Cons", &f.cons));
    out.push('\n');
    out.push_str(&paragraph(&format!("Use cases: {}", entry::use_cases(f)), width, "  "));
    out.push_str(&bullets("Use when", &f.use_when));
    if !f.examples.is_empty() {
        let examples: Vec<Text> = f.examples.iter().map(|e| format!("{}: {}", e.name, e.usage).into()).collect();
        out.push_str(&bullets("Examples", &examples));
    }
    // An address is never broken (it could not be opened) nor hidden: one longer than the width
    // overflows its own line, which terminals and pagers still let a reader select.
    out.push_str("\nSources:\n");
    for source in entry::cited(f, vocabulary) {
        let mut plain = source.clone();
        plain.url = Text::default();
        out.push_str(&paragraph(&format!("  - {}", entry::source_line(&plain)), width, "    "));
        if !source.url.is_empty() {
            out.push_str(&format!("    {}\n", source.url));
        }
    }
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
/// A framework column is never narrower than `word`, the longest word of its values, so no word
/// is split.
pub fn layout(
    frameworks: usize,
    width: usize,
    label: usize,
    word: usize,
) -> (Vec<std::ops::Range<usize>>, usize, usize) {
    let available = width.saturating_sub(label + 4);
    let narrowest = COLUMN_MIN.max(word);
    let per_table = (available / (narrowest + 3)).clamp(1, frameworks.max(1));
    let tables = frameworks.div_ceil(per_table).max(1);
    let size = frameworks.div_ceil(tables).max(1);
    let column = (available / size).saturating_sub(3).clamp(4, COLUMN_MAX.max(word)).max(word);
    let label = if column < COLUMN_MAX { label + available.saturating_sub(size * (column + 3)) } else { label };
    let groups = (0..tables).map(|t| t * size..((t + 1) * size).min(frameworks)).filter(|r| !r.is_empty()).collect();
    (groups, label, column)
}

/// Where a word too long for its line may break: after a slash, dot, hyphen or underscore
/// (`fastapi.templating.` then `Jinja2Templates`), as browsers break addresses.
fn breaks_after(c: char) -> bool {
    matches!(c, '/' | '.' | '-' | '_')
}

/// Greedy word wrap of `text` to `width` characters; lines after the first start with `indent`.
/// Words are never split, except that a word too long for a line breaks after a slash, dot,
/// hyphen or underscore ([`breaks_after`]), so a long name wraps instead of being cut. An address
/// (`https://…`) stays whole on a line of its own and may overflow it, so that it can be copied.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.chars().count());
    let address = |word: &str| word.starts_with("https://") || word.starts_with("http://");
    // (piece, whether it continues the previous piece without a space)
    let pieces = text.split_whitespace().flat_map(|word| {
        let parts: Vec<&str> = if word.chars().count() > room && !address(word) {
            word.split_inclusive(breaks_after).collect()
        } else {
            vec![word]
        };
        parts.into_iter().enumerate().map(|(i, part)| (part, i > 0)).collect::<Vec<_>>()
    });
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (word, glued) in pieces {
        let prefix = if lines.is_empty() { "" } else { indent };
        let space = usize::from(!glued);
        let current = if line.is_empty() { prefix.chars().count() } else { line.chars().count() + space };
        if !line.is_empty() && current + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if line.is_empty() {
            if !lines.is_empty() {
                line.push_str(indent);
            }
        } else if !glued {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The longest run of `text` that [`wrap`] never breaks: a word, or the part of one up to and
/// including a [`breaks_after`] character.
fn longest_piece(text: &str) -> usize {
    text.split_whitespace().flat_map(|w| w.split_inclusive(breaks_after)).map(|p| p.chars().count()).max().unwrap_or(0)
}

/// A value as the terminal shows it, list items wrapped to `width` with a hanging indent.
fn comparison_cell(value: &side_by_side::Value, charset: Charset, width: Option<usize>) -> String {
    use side_by_side::Value;
    let best = |best: bool| if best { format!(" {}", charset.best()) } else { String::new() };
    match value {
        Value::Text(text) => match width {
            Some(width) => wrap(text, width, "").join("\n"),
            None => text.clone(),
        },
        Value::Rating { rating, best: is_best } => {
            // The rating padded to three characters keeps the bars and marks of a column aligned.
            format!("{:<3} {}{}", rows::rating(*rating), charset.bar(rating * 20.0, 5), best(*is_best))
        }
        Value::Level(level, by) => match (by, width) {
            (Some(by), Some(width)) => wrap(&format!("{} {by}", charset.level(*level)), width, "").join("\n"),
            (Some(by), None) => format!("{} {by}", charset.level(*level)),
            (None, _) => charset.level(*level).to_string(),
        },
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
            // The longest word of any value; a list item's words wrap under its bullet.
            let word = sheets
                .iter()
                .flat_map(|s| s.rows.iter().flat_map(|r| r.values.iter()))
                .map(|value| match value {
                    side_by_side::Value::Text(text) => longest_piece(text),
                    side_by_side::Value::List(items) => items.iter().map(|i| longest_piece(i) + 2).max().unwrap_or(0),
                    // The glyph and the provider's longest word; the provider wraps.
                    side_by_side::Value::Level(_, Some(by)) => longest_piece(by) + 2,
                    other => comparison_cell(other, charset, None).chars().count(),
                })
                .max()
                .unwrap_or(0);
            let (groups, label, column) = layout(count, usize::from(width), label, word);
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
            let cut = |text: &str| crate::escape::cut(text, MAX_TABLE_WORD, usize::MAX).into_owned();
            headers.extend(c.entries[group.clone()].iter().map(|e| cut(&e.framework.name)));
            header(&mut table, &headers, options);
            for row in &sheet.rows {
                let mut cells = vec![row.label.clone()];
                cells.extend(row.values[group.clone()].iter().map(|v| cut(&comparison_cell(v, charset, column))));
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

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn an_address_is_never_split_while_a_long_name_wraps_after_a_slash() {
        let url = "https://github.com/TechEmpower/FrameworkBenchmarks/tree/b53c0737edb30d492d34770f07fa4c76fea54543/frameworks";
        let lines = wrap(&format!("Address: {url}"), 60, "  ");
        assert_eq!(lines, ["Address:".to_string(), format!("  {url}")]);
        let lines = wrap("a/very/long/path/name/that/does/not/fit/in/twenty", 20, "");
        assert!(lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
    }
}
