//! HTML reports: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with
//! the charts, the tables that carry every number without them, a legend, and when and how the
//! report was made. The markup is well-formed XML, so it can be checked by any XML parser.

use std::fmt::Write;

use super::markup::escape;
use super::side_by_side::{self, Charset, Value};
use super::svg::{self, Bar, Series};
use super::{entry, prose, rows};
use crate::answers::Answers;
use crate::catalog::{Catalog, Factor, Framework, Vocabulary};
use crate::criteria::Criterion;
use crate::decide::Recommendation;
use crate::decide::compare::{Comparison, Section, Standing};
use crate::decide::score::{Method, Ranked};
use crate::decide::sensitivity;
use crate::provenance::Provenance;

const STYLE: &str = "
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --best: #fff1b8; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
p { margin: 6px 0; }
.meta { color: var(--muted); }
p.command { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; font-family: ui-monospace, monospace; }
p.command .arg { display: inline-block; max-width: 100%; overflow-wrap: anywhere; }
.summary { font-size: 17px; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 13px; }
svg.chart { max-width: 100%; height: auto; }
.chart text { font: 13px system-ui, sans-serif; fill: var(--ink); }
.chart .grid polygon, .chart .grid line { fill: none; stroke: var(--line); stroke-width: 1; }
.chart .ring, .chart .tick { font-size: 11px; fill: var(--muted); }
.chart .total { font-weight: 600; }
ul.legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.swatch.cost { border: 1px solid #3b3b3b; background: repeating-linear-gradient(45deg, #3b3b3b 0 2px, #fff 2px 5px); }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
tbody th { font-weight: 600; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.best { background: var(--best); font-weight: 600; }
td ul { margin: 0; padding-left: 18px; }
.level { font-size: 16px; margin-right: 4px; }
.level.builtin { color: #1a7f37; } .level.official { color: #0969da; } .level.community { color: #9a6700; } .level.none { color: #cf222e; }
table.side { table-layout: fixed; }
table.side th:first-child { width: 13.5em; }
.meter { display: inline-block; width: 60px; height: 8px; margin-left: 6px; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; vertical-align: middle; }
.meter span { display: block; height: 100%; background: #0072B2; border-radius: 3px; }
.note { color: var(--muted); font-size: 13px; }
.headline { font-size: 24px; margin: 12px 0 8px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
td, dd, li, p { overflow-wrap: break-word; } ol.sources, .pick a { overflow-wrap: anywhere; }
.radars { display: flex; flex-wrap: wrap; gap: 4px 16px; }
figure.small svg.chart { width: 360px; }
.pick h3 { font-size: 18px; margin: 22px 0 4px; }
.pick h3 small { font-weight: normal; color: var(--muted); }
.pick h4 { font-size: 15px; margin: 12px 0 4px; }
.procon { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
.procon ul, ol.sources { margin: 0; padding-left: 20px; }
dl.evidence { margin: 0; } dl.evidence dt { font-weight: 600; margin-top: 6px; } dl.evidence dd { margin: 0 0 0 18px; }
table.ranking { font-size: 14px; } table.ranking th, table.ranking td { padding: 5px 6px; }
@media (max-width: 640px) { table.ranking thead { display: none; } table.ranking, table.ranking tbody, table.ranking tr { display: block; width: 100%; } table.ranking tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 4px 0; } table.ranking td, table.ranking tbody th { display: block; border: 0; padding: 2px 8px; text-align: left; white-space: normal; } table.ranking td[data-label]::before { content: attr(data-label) \": \"; color: var(--muted); } }
@media (max-width: 640px) { body { padding: 12px 12px 32px; } th, td { padding: 4px 5px; } table { font-size: 13px; } tbody th { white-space: normal; } .procon { grid-template-columns: 1fr; } table.side th:first-child { width: 7em; } }
@media print { @page { margin: 14mm; } body { max-width: none; padding: 0; font-size: 10.5pt; } h2 { break-after: avoid; } figure, tr, .pick dt, .pick dd { break-inside: avoid; } .table-wrap { overflow: visible; } table { font-size: 9pt; } .meter { display: none; } ol.sources a::after { content: \" (\" attr(href) \")\"; color: var(--muted); } }
footer { margin-top: 36px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 8px; }
";

/// The page's Content-Security-Policy: nothing from outside the file, no script (the decision
/// page adds its own script's hash, [`super::interactive`]).
pub const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The page around a report's body: head with the inline style and a policy that forbids
/// scripts and fetches, the title, the date and the command line, and the catalog sources.
fn page(title: &str, provenance: &Provenance, body: &str, sources: &[String]) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta http-equiv="Content-Security-Policy" content="{POLICY}"/>
<meta name="generator" content="backend-advisor {version}"/>
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">Made on <time datetime="{date}">{date}</time> by backend-advisor {version} with:</p>
<p class="command"><code>{command}</code></p>
</header>
{body}<footer>
<p>Catalog: {sources}. Every rating in it cites its evidence. With the weighted sum (the default method), a score adds, for each criterion, its weight &#215; (rating &#8722; 1) / 4 &#215; 100 points, so a framework rated 5 on every criterion scores 100; ratings run from 1 to 5.</p>
</footer>
</body>
</html>
"#,
        title = escape(title),
        version = escape(&provenance.version),
        date = escape(&provenance.date),
        command = command_html(&provenance.command),
        sources = escape(&sources.join(", ")),
    )
}

/// A command line that wraps only between its arguments: each argument (a quoted one whole) in
/// a span that does not break, separated by spaces.
fn command_html(command: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                word.push(c);
            }
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.iter().map(|w| format!("<span class=\"arg\">{}</span>", escape(w))).collect::<Vec<_>>().join(" ")
}

fn factor_labels(vocabulary: &Vocabulary) -> Vec<String> {
    Factor::ALL.iter().map(|&f| side_by_side::criterion_label(vocabulary, Criterion::Factor(f))).collect()
}

/// The legend of the radar: each framework's colour and dash, as drawn.
fn series_legend(names: &[String]) -> String {
    let mut out = String::from(r#"<ul class="legend">"#);
    for (i, name) in names.iter().enumerate() {
        let colour = svg::SERIES_COLOURS[i % svg::SERIES_COLOURS.len()];
        let dash = svg::SERIES_DASHES[i % svg::SERIES_DASHES.len()];
        let _ = write!(
            out,
            r#"<li><svg xmlns="http://www.w3.org/2000/svg" width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6" stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/></svg>{}</li>"#,
            escape(name)
        );
    }
    out.push_str("</ul>");
    out
}

/// The legend of the stacked bars: each criterion's colour, label and weight.
fn criteria_legend(criteria: &[crate::decide::score::Weight], vocabulary: &Vocabulary) -> String {
    let mut out = String::from(r#"<ul class="legend">"#);
    for (i, weight) in criteria.iter().enumerate() {
        let colour = svg::CRITERION_COLOURS[i % svg::CRITERION_COLOURS.len()];
        let _ = write!(
            out,
            r#"<li><span class="swatch" style="background: {colour}"></span>{} ({:.0}%)</li>"#,
            escape(&side_by_side::criterion_label(vocabulary, weight.id)),
            weight.weight * 100.0
        );
    }
    out.push_str("</ul>");
    out
}

/// Up to three frameworks share one radar; more get one small radar each (small multiples), so
/// that six or more outlines never pile up on the same five axes.
fn radar_figure(series: Vec<Series>, vocabulary: &Vocabulary, caption: &str) -> String {
    let labels = factor_labels(vocabulary);
    if series.len() > 3 {
        let mut out = String::from("<figure class=\"multiples\">\n<div class=\"radars\">\n");
        for (i, s) in series.iter().enumerate() {
            let title = format!("{}: factor ratings, 1 to 5", s.name);
            let _ = writeln!(
                out,
                "<figure class=\"small\">{}<figcaption>{}</figcaption></figure>",
                svg::small_radar(&labels, s, i, &i.to_string(), &title),
                escape(&s.name)
            );
        }
        let _ = write!(
            out,
            "</div>\n<figcaption>{} One small radar per framework.</figcaption></figure>\n",
            escape(caption)
        );
        return out;
    }
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    format!(
        "<figure>{}<figcaption>{}</figcaption>{}</figure>\n",
        svg::radar(&labels, &series, "Factor ratings, 1 (centre side) to 5 (outer ring)"),
        escape(caption),
        series_legend(&names)
    )
}

fn bars_figure(ranked: &[&Ranked], criteria: &[crate::decide::score::Weight], vocabulary: &Vocabulary) -> String {
    let bars: Vec<Bar> = ranked
        .iter()
        .map(|r| Bar {
            label: r.name.to_string(),
            parts: r
                .criteria
                .iter()
                .map(|p| (side_by_side::criterion_label(vocabulary, p.criterion), p.contribution))
                .collect(),
            cost: (!r.costs.is_empty()).then(|| {
                let reasons: Vec<&str> = r.costs.iter().map(|c| c.reason.as_str()).collect();
                (r.costs.iter().map(|c| c.points).sum(), reasons.join("; "))
            }),
        })
        .collect();
    let costs = bars.iter().any(|b| b.cost.is_some());
    let mut legend = criteria_legend(criteria, vocabulary);
    if costs {
        legend.truncate(legend.len() - "</ul>".len());
        legend.push_str(r#"<li><span class="swatch cost"></span>Cost of a new language or of leaving today's framework (taken off the score)</li></ul>"#);
    }
    let caption = if costs {
        "Score out of 100, split into the points each criterion adds (its weight in brackets); a hatched end is a cost taken off, and the number is what is left."
    } else {
        "Score out of 100, split into the points each criterion adds (its weight in brackets)."
    };
    format!(
        "<figure>{}<figcaption>{caption}</figcaption>{legend}</figure>\n",
        svg::stacked_bars(&bars, "Scores by criterion contribution")
    )
}

fn meter(fraction: f64) -> String {
    format!(
        r#"<span class="meter" aria-hidden="true"><span style="width: {:.0}%"></span></span>"#,
        fraction.clamp(0.0, 1.0) * 100.0
    )
}

/// One cell of a comparison table.
fn cell(value: &Value) -> String {
    let star = |best: bool| if best { format!(" {}", Charset::Unicode.best()) } else { String::new() };
    match value {
        Value::Text(text) => format!("<td>{}</td>", escape(text)),
        Value::Rating { rating, best } => format!(
            r#"<td class="num{}">{}{}{}</td>"#,
            if *best { " best" } else { "" },
            rows::rating(*rating),
            star(*best),
            meter(rating / 5.0)
        ),
        Value::Level(level, by) => format!(
            r#"<td><span class="level {}" aria-hidden="true">{}</span>{}{}</td>"#,
            level.id(),
            Charset::Unicode.level(*level),
            side_by_side::level_meaning(*level),
            by.as_ref().map_or(String::new(), |b| format!(" <small>{}</small>", escape(b)))
        ),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| format!("<li>{}</li>", escape(i))).collect();
            format!("<td><ul>{}</ul></td>", items.concat())
        }
        Value::Score { score, best } => format!(
            r#"<td class="num{}">{score:.1}{}{}</td>"#,
            if *best { " best" } else { "" },
            star(*best),
            meter(score / 100.0)
        ),
        Value::Part { rating, contribution } => {
            format!(r#"<td class="num">{} <small>+{contribution:.1}</small></td>"#, rows::rating(*rating))
        }
        Value::Empty => "<td>–</td>".to_string(),
    }
}

/// The comparison as an HTML page: the radar of the factor ratings, the stacked scores when
/// scored, then a table per section.
pub fn comparison(c: &Comparison, vocabulary: &Vocabulary, provenance: &Provenance) -> String {
    let names: Vec<String> = c.entries.iter().map(|e| e.framework.name.to_string()).collect();
    let title = names.join(" vs ");
    let mut body = String::new();
    let has = |s: Section| c.sections.contains(&s);
    if has(Section::Factors) || has(Section::Score) {
        body.push_str("<section>\n<h2>At a glance</h2>\n<div class=\"charts\">\n");
        if has(Section::Factors) {
            let series = c
                .entries
                .iter()
                .map(|e| Series {
                    name: e.framework.name.to_string(),
                    values: Factor::ALL.iter().map(|&f| e.framework.scores.get(f)).collect(),
                })
                .collect();
            body.push_str(&radar_figure(series, vocabulary, "Factor ratings from the catalog, 1 to 5."));
        }
        if has(Section::Score) {
            let ranked: Vec<&Ranked> = c.entries.iter().filter_map(|e| e.ranked()).collect();
            body.push_str(&bars_figure(&ranked, &c.criteria, vocabulary));
        }
        body.push_str("</div>\n</section>\n");
    }
    for sheet in side_by_side::sheets(c, vocabulary) {
        let _ = write!(
            body,
            "<section>\n<h2>{}</h2>\n<div class=\"table-wrap\">\n<table class=\"side\">\n<thead><tr><th scope=\"col\"></th>",
            sheet.section.title()
        );
        for name in &names {
            let _ = write!(body, "<th scope=\"col\">{}</th>", escape(name));
        }
        body.push_str("</tr></thead>\n<tbody>\n");
        for row in &sheet.rows {
            let label = if row.label.is_empty() { sheet.section.title() } else { row.label.as_str() };
            let _ = write!(body, "<tr><th scope=\"row\">{}</th>", escape(label));
            for value in &row.values {
                body.push_str(&cell(value));
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</tbody>\n</table>\n</div>\n");
        let note = match sheet.section {
            Section::Factors => Some("★ and a highlight mark the best rating of each row.".to_string()),
            Section::Features => Some(format!("Legend: {}.", Charset::Unicode.legend())),
            Section::Score => Some(format!(
                "{} ★ marks the best score.",
                super::prose::weights(&c.weighting, &c.criteria, vocabulary)
            )),
            _ => None,
        };
        if let Some(note) = note {
            let _ = writeln!(body, "<p class=\"note\">{}</p>", escape(&note));
        }
        if sheet.section == Section::Score {
            for entry in &c.entries {
                if let Some(Standing::Excluded(reasons)) = &entry.standing {
                    let _ = writeln!(
                        body,
                        "<p class=\"note\">{} is removed by a hard filter: {}.</p>",
                        escape(&entry.framework.name),
                        escape(&reasons.join("; "))
                    );
                }
            }
        }
        body.push_str("</section>\n");
    }
    page(&title, provenance, &body, &c.sources)
}

/// What was asked, in words: use cases, team languages and hard filters.
fn asked(answers: &Answers, vocabulary: &Vocabulary) -> Vec<String> {
    let mut lines = Vec::new();
    if !answers.use_cases.is_empty() {
        lines.push(format!("Building: {}.", answers.use_cases.join(", ")));
    }
    if !answers.team_knows.is_empty() {
        let names: Vec<String> = answers.team_knows.iter().map(|k| super::prose::known(k, vocabulary)).collect();
        lines.push(format!("The team knows: {}.", names.join(", ")));
    }
    if !answers.languages.is_empty() {
        let names: Vec<&str> = answers.languages.iter().map(|l| vocabulary.language_name(l)).collect();
        lines.push(format!("Only frameworks in: {}.", names.join(", ")));
    }
    for requirement in &answers.require {
        lines.push(format!(
            "Requires {} at least {}{}.",
            requirement.feature,
            side_by_side::level_meaning(requirement.level),
            if requirement.free { ", from a free provider" } else { "" }
        ));
    }
    lines
}

/// The ranking as an HTML page: the top pick in words, the stacked scores of the shown
/// frameworks, the radar of the top three, the ranking table, the top three up close (pros,
/// cons, the evidence behind each rating and its sources) and what the filters removed.
/// `ranking` holds the frameworks to show; `total` counts every ranked framework.
pub fn ranking(
    recommendation: &Recommendation,
    total: usize,
    answers: &Answers,
    catalog: &Catalog,
    provenance: &Provenance,
) -> String {
    let vocabulary = &catalog.vocabulary;
    let ranking = &recommendation.ranking;
    let mut body = String::from("<section class=\"lead\">\n");
    if let Some(description) = answers.description.as_deref() {
        let _ = writeln!(body, "<p class=\"summary\">{}</p>", escape(description));
    }
    // The answer comes first: the recommendation as a headline, then how sure it is.
    if let Some(winner) = ranking.ranking.first() {
        let _ = writeln!(
            body,
            "<p class=\"headline\">Recommended: <strong>{}</strong> ({}, {:.1} of 100)</p>",
            escape(&winner.name),
            escape(vocabulary.language_name(winner.shown_language())),
            winner.score
        );
    }
    if let Some(verdict) = prose::verdict(recommendation) {
        let _ = writeln!(body, "<p class=\"summary\">{}</p>", escape(&verdict));
    }
    // In words: the points behind these sentences are in the tables below.
    for line in prose::top_pick_in_words(ranking, vocabulary) {
        let _ = writeln!(body, "<p class=\"summary\">{}</p>", escape(&line));
    }
    if let Some(close) = prose::close_call(recommendation, vocabulary) {
        let _ = writeln!(body, "<p class=\"close-call\"><strong>{}</strong></p>", escape(&close));
    }
    for line in asked(answers, vocabulary) {
        let _ = writeln!(body, "<p>{}</p>", escape(&line));
    }
    let _ =
        writeln!(body, "<p>{}</p>", escape(&super::prose::weights(&ranking.weighting, &ranking.criteria, vocabulary)));
    if ranking.ranking.len() < total {
        let _ = writeln!(
            body,
            "<p class=\"note\">The tables show the top {} of the {total} frameworks ranked.</p>",
            ranking.ranking.len()
        );
    }
    body.push_str(&model_notes(ranking, vocabulary));
    body.push_str("</section>\n");
    // The decision page puts its weights to play with here, before the evidence.
    body.push_str(INTERACTIVE_MARK);
    if !ranking.ranking.is_empty() {
        body.push_str("<section>\n<h2>At a glance</h2>\n<div class=\"charts\">\n");
        let shown: Vec<&Ranked> = ranking.ranking.iter().collect();
        // Only WSM scores are sums of per-criterion points that can be stacked.
        if ranking.method == Method::Wsm {
            body.push_str(&bars_figure(&shown, &ranking.criteria, vocabulary));
        }
        let series = ranking
            .ranking
            .iter()
            .take(3)
            .map(|r| Series {
                name: r.name.to_string(),
                values: Factor::ALL
                    .iter()
                    .map(|&f| r.criteria.iter().find(|p| p.criterion == Criterion::Factor(f)).map_or(1.0, |p| p.rating))
                    .collect(),
            })
            .collect();
        body.push_str(&radar_figure(series, vocabulary, "Factor ratings of the top three, 1 to 5."));
        body.push_str("</div>\n</section>\n");
        body.push_str(&ranking_table(recommendation, vocabulary));
        body.push_str(&top_three(&ranking.ranking, catalog));
    }
    body.push_str(&super::team::html(recommendation, vocabulary));
    if !ranking.excluded.is_empty() {
        let _ = write!(body, "<section>\n<h2>Removed by hard filters ({})</h2>\n<ul>\n", ranking.excluded.len());
        for line in prose::excluded(ranking) {
            let _ = writeln!(body, "<li>{}</li>", escape(&line));
        }
        body.push_str("</ul>\n</section>\n");
    }
    let title = match answers.title.as_deref() {
        Some(project) => format!("Backend framework for {project}"),
        None => "Backend framework recommendation".to_string(),
    };
    page(&title, provenance, &body, &ranking.catalog.sources)
}

/// Where the decision page's interactive section goes in a ranking page: after the decision,
/// before the evidence.
pub const INTERACTIVE_MARK: &str = "<!-- weights to try -->\n";

/// The use cases' defaults, the language switch and the incumbent as paragraphs, and the best
/// pick per language as a short list.
fn model_notes(ranking: &crate::decide::score::Ranking, vocabulary: &Vocabulary) -> String {
    let mut out = String::new();
    let lines = prose::use_case_defaults(ranking, vocabulary)
        .into_iter()
        .chain(prose::language_switch(ranking, vocabulary, prose::Reader::Document))
        .chain(prose::incumbent(ranking));
    for line in lines {
        let _ = writeln!(out, "<p class=\"model-note\">{}</p>", escape(&line));
    }
    let best = prose::best_by_language(ranking, vocabulary);
    if !best.is_empty() {
        out.push_str("<p>Best per language (no language named):</p>\n<ul class=\"best-by-language\">\n");
        for line in best {
            let _ = writeln!(out, "<li>{}</li>", escape(&line));
        }
        out.push_str("</ul>\n");
    }
    out
}

fn ranking_table(recommendation: &Recommendation, vocabulary: &Vocabulary) -> String {
    let ranking = &recommendation.ranking;
    let mut out = String::from(
        "<section>\n<h2>Ranking</h2>\n<div class=\"table-wrap\">\n<table class=\"ranking\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Framework</th><th scope=\"col\">Language</th><th scope=\"col\">Score</th>",
    );
    let analysis = recommendation.sensitivity.as_ref();
    if analysis.is_some() {
        out.push_str("<th scope=\"col\">Wins</th>");
    }
    // Short headers keep the table within a laptop's width; the full name is the tooltip and
    // what a narrow screen shows beside each stacked cell.
    let labels: Vec<(String, String)> = ranking
        .criteria
        .iter()
        .map(|w| {
            let full = side_by_side::criterion_label(vocabulary, w.id);
            let short = match w.id {
                Criterion::Factor(f) => vocabulary.factor(f).map_or_else(|| full.clone(), |v| v.short.to_string()),
                other => other.short().to_string(),
            };
            (format!("{short} {:.0}%", w.weight * 100.0), format!("{full} ({:.0}%)", w.weight * 100.0))
        })
        .collect();
    for (short, full) in &labels {
        let _ = write!(out, "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>", escape(full), escape(short));
    }
    // A language or migration cost is taken off the criteria's points: its column makes the
    // score add up.
    let costs = ranking.ranking.iter().any(|r| !r.costs.is_empty());
    if costs {
        out.push_str(
            "<th scope=\"col\"><abbr title=\"Cost of a new language or of leaving today's framework\">Cost</abbr></th>",
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &ranking.ranking {
        let _ = write!(
            out,
            "<tr><td class=\"num\">{}</td><th scope=\"row\">{}{}</th><td data-label=\"Language\">{}</td><td class=\"num\" data-label=\"Score\">{:.1}{}</td>",
            r.rank,
            escape(&r.name),
            r.radar.as_ref().map_or(String::new(), |p| format!(" <small>(radar: {})</small>", p.ring.label())),
            escape(vocabulary.language_name(r.shown_language())),
            r.score,
            meter(r.score / 100.0)
        );
        if let Some(accepted) = analysis.and_then(|a| a.of(&r.id)) {
            let _ = write!(
                out,
                "<td class=\"num\" data-label=\"Wins\">{}</td>",
                escape(&sensitivity::share(accepted.first))
            );
        }
        for (part, (_, full)) in r.criteria.iter().zip(&labels) {
            let cell = match part.normalized {
                Some(v) => format!(r#"<td class="num">{} <small>{v:.3}</small></td>"#, rows::rating(part.rating)),
                None => cell(&Value::Part { rating: part.rating, contribution: part.contribution }),
            };
            out.push_str(&cell.replacen("<td", &format!("<td data-label=\"{}\"", escape(full)), 1));
        }
        if costs {
            let points: f64 = r.costs.iter().map(|c| c.points).sum();
            let why: Vec<&str> = r.costs.iter().map(|c| c.reason.as_str()).collect();
            let shown = if points > 0.0 { format!("-{points:.1}") } else { "-".into() };
            let _ =
                write!(out, "<td class=\"num\" data-label=\"Cost\" title=\"{}\">{shown}</td>", escape(&why.join("; ")));
        }
        out.push_str("</tr>\n");
    }
    let note = match ranking.method {
        Method::Wsm => {
            "Each criterion shows the framework's rating (1 to 5) and the points it adds to the score; a cost (a language new to the team, or leaving the framework it runs today) is taken off.".to_string()
        }
        Method::Topsis => format!(
            "Scored with TOPSIS: each criterion shows the framework's rating (1 to 5) and its weighted normalized value v. {}",
            prose::topsis_cells()
        ),
    };
    let _ = write!(out, "</tbody>\n</table>\n</div>\n<p class=\"note\">{}</p>\n", escape(&note));
    if let Some(analysis) = analysis {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&prose::wins(analysis)));
    }
    if let Some(radar) = prose::radar(ranking) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&radar));
    }
    out.push_str("</section>\n");
    out
}

/// The first three ranked frameworks up close: what each is, its pros and cons, the evidence
/// behind each factor rating with its citations linked to the sources listed under it.
fn top_three(ranked: &[Ranked], catalog: &Catalog) -> String {
    let vocabulary = &catalog.vocabulary;
    let picks: Vec<(&Ranked, &Framework)> = ranked
        .iter()
        .take(3)
        .filter_map(|r| catalog.frameworks.iter().find(|f| f.id == r.id).map(|f| (r, f)))
        .collect();
    if picks.is_empty() {
        return String::new();
    }
    let heading = if picks.len() == 1 { "The top pick up close" } else { "The top three up close" };
    let mut out = format!("<section class=\"picks\">\n<h2>{heading}</h2>\n");
    for (r, f) in picks {
        let _ = writeln!(
            out,
            "<article class=\"pick\" id=\"pick-{id}\">\n<h3>{}. {} <small>{}, {:.1} of 100</small></h3>\n<p>{}</p>",
            r.rank,
            escape(&f.name),
            escape(&entry::languages(f, vocabulary)),
            r.score,
            escape(&f.summary),
            id = escape(&f.id),
        );
        out.push_str("<div class=\"procon\">\n");
        for (title, items) in [("Pros", &f.pros), ("Cons", &f.cons)] {
            let _ = write!(out, "<div><h4>{title}</h4><ul>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul></div>\n");
        }
        out.push_str("</div>\n<h4>Evidence</h4>\n<dl class=\"evidence\">\n");
        let sources = entry::cited(f, vocabulary);
        for factor in Factor::ALL {
            let _ = writeln!(
                out,
                "<dt>{} {} <small>({})</small></dt><dd>{}</dd>",
                escape(&side_by_side::criterion_label(vocabulary, Criterion::Factor(factor))),
                rows::rating(f.scores.get(factor)),
                entry::basis(f, factor).to_lowercase(),
                cite_links(&escape(f.rationale.get(factor)), &f.id, &sources)
            );
        }
        out.push_str("</dl>\n");
        if !sources.is_empty() {
            out.push_str("<h4>Sources</h4>\n<ol class=\"sources\">\n");
            for source in &sources {
                let _ = writeln!(out, "<li id=\"{}\">{}</li>", anchor(&f.id, &source.id), source_item(source));
            }
            out.push_str("</ol>\n");
        }
        if is_web(&f.homepage) {
            let _ =
                writeln!(out, "<p class=\"note\">Homepage: <a href=\"{url}\">{url}</a></p>", url = escape(&f.homepage));
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
    out
}

/// Only web addresses become links: a catalog cannot smuggle in `javascript:` or a file path.
fn is_web(url: &str) -> bool {
    crate::catalog::validate::is_http_url(url)
}

fn anchor(framework: &str, source: &str) -> String {
    escape(&format!("src-{framework}-{source}"))
}

/// One source: its title linked to its address, the publisher and the date.
fn source_item(source: &crate::catalog::Source) -> String {
    let title = if is_web(&source.url) {
        format!("<a href=\"{}\">{}</a>", escape(&source.url), escape(&source.title))
    } else {
        escape(&source.title)
    };
    format!(
        "<code>[{}]</code> {title}, {} ({} {})",
        escape(&source.id),
        escape(&source.publisher),
        escape(&source.date_kind),
        escape(&source.date)
    )
}

/// An escaped rationale with each cited `[ID]` linked to its entry in the sources list, built
/// in one pass over the text's tokens: a link written is never searched again, so no id can
/// match inside an earlier link's attribute.
fn cite_links(escaped: &str, framework: &str, sources: &[&crate::catalog::Source]) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // The token is `[` up to the first `]`, unless another `[` comes first.
        let close = after.find(']').filter(|&close| !after[..close].contains('['));
        let cited = close.and_then(|close| {
            let id = &after[..close];
            sources.iter().find(|s| escape(&s.id) == id).map(|source| (close, source))
        });
        match cited {
            Some((close, source)) => {
                let _ = write!(out, "<a href=\"#{}\">[{}]</a>", anchor(framework, &source.id), escape(&source.id));
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod citation_tests {
    use super::*;

    fn source(id: &str) -> crate::catalog::Source {
        crate::catalog::Source {
            id: id.into(),
            title: "t".into(),
            publisher: "p".into(),
            url: "https://example.org".into(),
            date: "2026".into(),
            date_kind: "read".into(),
            measures: "m".into(),
        }
    }

    /// Every `<a ` the linker writes has one attribute, `href="#…"`, and holds no other tag.
    fn only_plain_links(html: &str) {
        for (at, _) in html.match_indices("<a ") {
            let tag = &html[at..at + html[at..].find('>').expect("the tag ends")];
            assert!(tag.starts_with("<a href=\"#"), "{tag}");
            assert_eq!(tag.matches('"').count(), 2, "one attribute: {tag}");
            let inner = &html[at + tag.len() + 1..];
            let end = inner.find("</a>").expect("the link ends");
            assert!(!inner[..end].contains('<'), "nothing nested: {}", &inner[..end]);
        }
    }

    #[test]
    fn a_link_written_is_never_searched_again() {
        // Ids that do not load (they are not identifiers), given here straight to the linker:
        // once, replacing `[B…]` inside A's link put B's link into A's href.
        let b = source("B onmouseover=alert(1) x");
        let a = source("A\"[B onmouseover=alert(1) x]");
        let text = "see [A\"[B onmouseover=alert(1) x]] and [B onmouseover=alert(1) x]";
        let html = cite_links(&escape(text), "fw", &[&a, &b]);
        only_plain_links(&html);
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
    }

    #[test]
    fn citations_link_once_and_brackets_stay_text() {
        let one = source("ONE");
        let two = source("TWO");
        let html = cite_links(&escape("[ONE], [[TWO]], [ONE\"], [TWO, [] [ONE][TWO]"), "fw", &[&one, &two]);
        only_plain_links(&html);
        assert_eq!(
            html,
            "<a href=\"#src-fw-ONE\">[ONE]</a>, [<a href=\"#src-fw-TWO\">[TWO]</a>], [ONE&quot;], [TWO, [] \
             <a href=\"#src-fw-ONE\">[ONE]</a><a href=\"#src-fw-TWO\">[TWO]</a>"
        );
    }
}
