//! GitHub-flavoured Markdown: pipe tables and lists to paste into issues, docs or decision records.

use super::rows::{self, Rows};
use super::side_by_side::{self, Charset};
use super::{Options, entry, prose};
use crate::catalog::{Factor, Framework, Text, Vocabulary};
use crate::decide::Recommendation;
use crate::decide::compare::{Comparison, Section};
use crate::decide::score::Method;

/// Escape the characters that Markdown would read as markup or as a table cell break.
pub fn escape(text: &str) -> String {
    crate::escape::markdown(text).into_owned()
}

/// Render a grid as a pipe table, every header and cell escaped.
pub fn grid(grid: &Rows) -> String {
    table(grid, &|text| escape(text))
}

/// A pipe table whose headers and cells `cell` turns into Markdown.
fn table(grid: &Rows, cell: &dyn Fn(&str) -> String) -> String {
    let mut out = format!("| {} |\n", grid.headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
    let align: Vec<&str> = match grid.rows.first() {
        Some(row) => row.iter().map(|c| if c.numeric { "---:" } else { "---" }).collect(),
        None => grid.headers.iter().map(|_| "---").collect(),
    };
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for row in &grid.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c.text.trim_end())).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The ranking as a Markdown table, with the explanation as paragraphs and a list.
pub fn ranking(recommendation: &Recommendation, total: usize, vocabulary: &Vocabulary, options: &Options) -> String {
    let ranking = &recommendation.ranking;
    let mut skeleton = if options.explain {
        rows::ranking_explained(recommendation, vocabulary)
    } else {
        rows::ranking(recommendation, vocabulary, rows::Audience::People)
    };
    // Bars are for the terminal; in Markdown the score column holds the number alone, and a
    // two-line cell becomes one line.
    let score_column = skeleton.headers.iter().position(|h| h == "Score");
    for (row, entry) in skeleton.rows.iter_mut().zip(&ranking.ranking) {
        if let Some(cell) = score_column.and_then(|i| row.get_mut(i)) {
            cell.text = format!("{:.1}", entry.score);
        }
        for cell in row.iter_mut() {
            if let Some((first, second)) = cell.text.split_once('\n') {
                cell.text = format!("{first} ({second})");
            }
        }
    }
    // The verdict is what people read first, so it stands above the table.
    let mut out =
        prose::verdict(recommendation).map(|v| format!("{}\n\n", crate::escape::markdown_line(&v))).unwrap_or_default();
    if let Some(close) = prose::close_call(recommendation, vocabulary) {
        out.push_str(&format!("**{}**\n\n", escape(&close)));
    }
    if !ranking.ranking.is_empty() {
        out.push_str(&grid(&skeleton));
    }
    let mut paragraphs: Vec<String> = prose::truncated(ranking.ranking.len(), total).into_iter().collect();
    paragraphs.extend(recommendation.sensitivity.as_ref().map(|s| crate::escape::markdown_line(&prose::wins(s))));
    if options.explain || ranking.ranking.is_empty() {
        if options.explain {
            paragraphs.push(prose::weights(&ranking.weighting, &ranking.criteria, vocabulary));
            if ranking.method == Method::Topsis {
                paragraphs.push(prose::topsis_cells());
            }
        }
        paragraphs.push(crate::escape::markdown_line(&prose::top_pick(ranking, vocabulary).join(" ")));
        let tipping = prose::tipping(recommendation, vocabulary);
        if options.explain && !tipping.is_empty() {
            let list: Vec<String> = tipping.iter().map(|line| format!("- {}", escape(line))).collect();
            paragraphs.push(format!(
                "What would change the winner, one weight at a time (the others keep their proportions):\n\n{}",
                list.join("\n")
            ));
        }
    }
    paragraphs.extend(prose::radar(ranking).map(|line| crate::escape::markdown_line(&line)));
    paragraphs.extend(prose::use_case_defaults(ranking, vocabulary).map(|line| escape(&line)));
    paragraphs.extend(prose::language_switch(ranking, vocabulary, prose::Reader::Cli).iter().map(|line| escape(line)));
    paragraphs.extend(prose::incumbent(ranking).map(|line| escape(&line)));
    if let Some(best) = ranking.best_by_language.as_ref().filter(|b| !b.is_empty()) {
        let rows: Vec<String> = best
            .iter()
            .map(|b| {
                format!("| {} | {} | {:.1} |", escape(vocabulary.language_name(&b.language)), escape(&b.name), b.score)
            })
            .collect();
        paragraphs.push(format!(
            "Best per language (no language named):\n\n| Language | Best | Score |\n|---|---|---:|\n{}",
            rows.join("\n")
        ));
    }
    let excluded = prose::excluded(ranking);
    if options.explain && !excluded.is_empty() {
        let list: Vec<String> = excluded.iter().map(|line| format!("- {}", escape(line))).collect();
        paragraphs.push(format!("Excluded by filters:\n\n{}", list.join("\n")));
    } else if !excluded.is_empty() {
        paragraphs.push(format!("{} excluded by filters; `--explain` lists why.", excluded.len()));
    }
    for paragraph in paragraphs {
        out.push('\n');
        out.push_str(&paragraph);
        out.push('\n');
    }
    out.push_str(&super::team::markdown(recommendation, vocabulary));
    out
}

/// A source as a list item: "[ID] Title, Publisher (read 2026-08-22): <URL>".
fn source_item(s: &crate::catalog::Source) -> String {
    let title = format!("[{}] {}, {} ({} {})", s.id, s.title, s.publisher, s.date_kind, s.date);
    if s.url.is_empty() {
        escape(&title)
    } else if crate::catalog::validate::is_http_url(&s.url) {
        format!("{}: <{}>", escape(&title), s.url)
    } else {
        // Not a URL a link may be made of: shown as text.
        format!("{}: {}", escape(&title), escape(&s.url))
    }
}

/// One framework as a Markdown section.
pub fn framework(f: &Framework, vocabulary: &Vocabulary) -> String {
    let mut out = format!("## {} (`{}`)\n\n{}\n\n", escape(&f.name), f.id, crate::escape::markdown_line(&f.summary));
    out.push_str("| Languages | Kind | Licence | First release | Latest | Concurrency |\n|---|---|---|---|---|---|\n");
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} ({}) | {} |\n\nHomepage: <{}>\n\n",
        escape(&entry::languages(f, vocabulary)),
        f.kind.id(),
        escape(&f.facts.license.value),
        escape(&f.facts.first_release.value),
        escape(&f.facts.latest_release.version),
        escape(&f.facts.latest_release.date),
        escape(&f.concurrency),
        f.homepage
    ));
    for line in entry::facts(f).iter().skip(3) {
        out.push_str(&format!("- {}\n", escape(line)));
    }
    out.push_str("### Ratings\n\n| Factor | Rating | Evidence |\n|---|---:|---|\n");
    for factor in Factor::ALL {
        let label = vocabulary.factor(factor).map_or(factor.id(), |i| i.label.as_str());
        out.push_str(&format!(
            "| {label} | {} | {}. {} |\n",
            rows::rating(f.scores.get(factor)),
            entry::basis_and_spread(f, factor),
            escape(f.rationale.get(factor))
        ));
    }
    out.push_str("\n### Features\n\n| Feature | Support |\n|---|---|\n");
    for (id, support) in &f.features.0 {
        let docs = support.docs.as_ref().map_or(String::new(), |d| format!(" ([docs](<{d}>))"));
        out.push_str(&format!("| {id} | {}{docs} |\n", escape(&entry::support(support))));
    }
    // Items come escaped: some hold markup of ours (bold names, autolinks).
    let list = |title: &str, items: &[String]| {
        let mut s = format!("\n### {title}\n\n");
        for item in items {
            s.push_str(&format!("- {item}\n"));
        }
        s
    };
    let escaped = |items: &[Text]| items.iter().map(|i| escape(i)).collect::<Vec<_>>();
    out.push_str(&list("Pros", &escaped(&f.pros)));
    out.push_str(&list("Cons", &escaped(&f.cons)));
    out.push_str(&format!("\n### Use cases\n\n{}\n", escape(&entry::use_cases(f))));
    out.push_str(&list("Use when", &escaped(&f.use_when)));
    if !f.examples.is_empty() {
        let examples: Vec<String> =
            f.examples.iter().map(|e| format!("**{}**: {}", escape(&e.name), escape(&e.usage))).collect();
        out.push_str(&list("Examples", &examples));
    }
    let sources: Vec<String> = entry::cited(f, vocabulary).into_iter().map(source_item).collect();
    out.push_str(&list("Sources", &sources));
    out.push_str(&format!("\n_Reviewed {}._\n", f.reviewed));
    out
}

/// A comparison value as Markdown cell text: lists as `<br>`-separated items.
fn comparison_cell(value: &side_by_side::Value, charset: Charset) -> String {
    use side_by_side::Value;
    let best = |best: bool| if best { format!(" {}", charset.best()) } else { String::new() };
    match value {
        Value::Text(text) => escape(text),
        Value::Rating { rating, best: is_best } => format!("{}{}", rows::rating(*rating), best(*is_best)),
        Value::Level(level, by) => match by {
            Some(by) => format!("{} {by}", charset.level(*level)),
            None => charset.level(*level).to_string(),
        },
        Value::List(items) => {
            // Raw HTML in a cell is HTML to GitHub: each item is escaped before the breaks join them.
            let items: Vec<String> = items.iter().map(|i| format!("{} {}", charset.bullet(), escape(i))).collect();
            items.join("<br>")
        }
        Value::Score { score, best: is_best } => format!("{score:.1}{}", best(*is_best)),
        Value::Part { rating, contribution } => format!("{} (+{contribution:.1})", rows::rating(*rating)),
        Value::Empty => "-".to_string(),
    }
}

/// The comparison as Markdown: a heading, then a heading and a pipe table per section.
pub fn comparison(c: &Comparison, vocabulary: &Vocabulary, charset: Charset) -> String {
    let names: Vec<String> = c.entries.iter().map(|e| escape(&e.framework.name)).collect();
    let mut out = format!("## {}\n", names.join(" vs "));
    for sheet in side_by_side::sheets(c, vocabulary) {
        let mut headers = vec![String::new()];
        headers.extend(names.iter().cloned());
        let rows = sheet
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![rows::Cell {
                    text: escape(&row.label),
                    raw: row.field.clone(),
                    numeric: false,
                    keep_whole: false,
                }];
                cells.extend(row.values.iter().map(|v| {
                    let text = comparison_cell(v, charset);
                    rows::Cell { raw: text.clone(), text, numeric: false, keep_whole: false }
                }));
                cells
            })
            .collect();
        out.push_str(&format!(
            "\n### {}\n\n{}",
            sheet.section.title(),
            // Every header and cell is escaped already (lists keep their `<br>`).
            table(&Rows { headers, rows, drop_first: Vec::new() }, &|text| text.to_string())
        ));
        let note = match sheet.section {
            Section::Factors => Some(format!("{} marks the best rating of each row (1 to 5).", charset.best())),
            Section::Features => Some(charset.legend()),
            Section::Score => Some(format!(
                "{} {} marks the best score.",
                prose::weights(&c.weighting, &c.criteria, vocabulary),
                charset.best()
            )),
            _ => None,
        };
        if let Some(note) = note {
            out.push_str(&format!("\n{note}\n"));
        }
    }
    // The sources the compared entries cite, each once, with their addresses.
    let mut cited: Vec<&crate::catalog::Source> =
        c.entries.iter().flat_map(|e| entry::cited(&e.framework, vocabulary)).collect();
    cited.sort_by(|a, b| a.id.cmp(&b.id));
    cited.dedup_by(|a, b| a.id == b.id);
    if !cited.is_empty() {
        out.push_str("\n### Sources\n\n");
        for source in cited {
            out.push_str(&format!("- {}\n", source_item(source)));
        }
    }
    out
}
