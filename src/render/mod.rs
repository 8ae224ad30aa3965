//! Output formats. Each format is one module with the same functions, returning a `String` and
//! never printing: [`table`] (the terminal), [`markdown`], [`csv`], [`json`], [`yaml`], [`html`]
//! (with [`svg`] charts) and [`adr`]. Two skeletons are shared so that a new column is added once:
//! [`rows`] (one row per framework or preset: rankings, lists) and [`side_by_side`] (one column
//! per framework: `compare`). [`prose`] holds the sentences every format says alike.

pub mod adr;
pub mod csv;
pub mod document;
pub mod entry;
pub mod html;
pub mod interactive;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod prose;
pub mod radar;
pub mod reproduce;
pub mod rows;
pub mod side_by_side;
pub mod svg;
pub mod table;
pub mod team;
pub mod why_not;
pub mod yaml;

use crate::answers::{Answers, Preset};
use crate::catalog::{Catalog, Framework, Vocabulary};
use crate::decide::Recommendation;
use crate::decide::compare::Comparison;
use crate::error::{Error, Origin, Problem, Result};
use crate::provenance::Provenance;

/// An output format. Each command offers the formats that suit it (`list` has no HTML page, only
/// `recommend` writes a decision record); a function given one it does not offer says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people, fitted to the terminal.
    Table,
    /// Stable JSON for scripts (unrounded numbers).
    Json,
    /// YAML mirroring the JSON.
    Yaml,
    /// CSV, one row per framework.
    Csv,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// A self-contained HTML page with charts.
    Html,
    /// An architecture decision record in the MADR 4.0 layout.
    Adr,
    /// A technology radar (Build-Your-Own-Radar CSV) with the decision in it.
    Radar,
}

impl Format {
    /// The format's name, as flags and messages spell it.
    pub fn id(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Adr => "adr",
            Format::Radar => "radar",
        }
    }

    /// How many ranked frameworks are shown when `--top` is not given: all for data formats,
    /// ten for formats people read, three considered options for a decision record.
    pub fn default_top(self) -> Option<usize> {
        match self {
            Format::Table | Format::Markdown | Format::Html => Some(10),
            Format::Adr => Some(3),
            Format::Json | Format::Yaml | Format::Csv | Format::Radar => None,
        }
    }
}

/// Presentation choices, decided once by the caller.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Add contributions, the top pick's strongest and weakest criteria and the exclusions.
    pub explain: bool,
    /// Terminal width to fit tables to; `None` means do not wrap.
    pub width: Option<u16>,
    /// Whether to style tables (bold headers) with ANSI codes.
    pub color: bool,
    /// How many ranked frameworks to show (`None`: all).
    pub top: Option<usize>,
}

/// What a report says besides the ranking: the answers it ranked, the catalog it read, and when
/// and how it was made.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The answers ranked.
    pub answers: &'a Answers,
    /// The catalog ranked.
    pub catalog: &'a Catalog,
    /// When and how the report was made.
    pub provenance: &'a Provenance,
}

/// The error for a format a command does not offer.
fn not_offered(format: Format, what: &str) -> Error {
    Error::InvalidArgument(Box::new(Problem {
        origin: Origin::Flag("--format".into()),
        entry: None,
        field: None,
        message: format!("{what} cannot be written as {}", format.id()),
        hint: None,
    }))
}

/// A ranking in `format`, limited to `options.top` frameworks (a decision record considers
/// that many options).
pub fn ranking(
    format: Format,
    recommendation: &Recommendation,
    context: &Context,
    options: &Options,
) -> Result<String> {
    let vocabulary = &context.catalog.vocabulary;
    let shown = recommendation.top(options.top);
    let total = recommendation.ranking.ranking.len();
    Ok(match format {
        Format::Table => table::ranking(&shown, total, vocabulary, options),
        Format::Markdown => markdown::ranking(&shown, total, vocabulary, options),
        Format::Csv => csv::grid(&rows::ranking(&shown, vocabulary, rows::Audience::Data))?,
        Format::Json => json::to_string(&shown)?,
        Format::Yaml => yaml::to_string(&shown)?,
        Format::Html => interactive::page(
            &html::ranking(&shown, total, context.answers, context.catalog, context.provenance),
            recommendation,
            shown.ranking.ranking.len(),
            vocabulary,
        ),
        Format::Adr => adr::record(
            recommendation,
            options.top.unwrap_or(usize::MAX),
            context.answers,
            context.catalog,
            context.provenance,
        )?,
        Format::Radar => match recommendation.ranking.ranking.first() {
            Some(winner) => {
                let chosen = context.catalog.find(&winner.id, Origin::Command("recommend".into()))?;
                let title = context.answers.title.as_deref().unwrap_or("Backend framework");
                let description = format!(
                    "Chosen for \"{title}\" by a decision made with backend-advisor on {} ({:.1}/100, ranked first of {total}); re-check it with backend-advisor verify",
                    context.provenance.date, winner.score
                );
                radar::adopt(context.answers.radar.as_ref(), chosen, &description)?
            }
            None => return Err(not_offered(format, "a ranking with no candidate")),
        },
    })
}

/// A list of frameworks in `format`.
pub fn frameworks(format: Format, frameworks: &[&Framework], catalog: &Catalog, options: &Options) -> Result<String> {
    let vocabulary = &catalog.vocabulary;
    // People get a sentence instead of an empty table; data formats stay parseable (`[]`, a header).
    if frameworks.is_empty() && matches!(format, Format::Table | Format::Markdown) {
        return Ok(prose::no_match().to_string() + "\n");
    }
    Ok(match format {
        Format::Table => table::frameworks(frameworks, vocabulary, options),
        Format::Markdown => markdown::grid(&rows::frameworks(frameworks, vocabulary, rows::Audience::People)),
        Format::Csv => csv::grid(&rows::frameworks(frameworks, vocabulary, rows::Audience::Data))?,
        Format::Json => json::to_string(&frameworks)?,
        Format::Yaml => yaml::to_string(&frameworks)?,
        Format::Html | Format::Adr | Format::Radar => return Err(not_offered(format, "a list of frameworks")),
    })
}

/// Everything about one framework in `format` (CSV is not offered for a single entry).
pub fn framework(format: Format, framework: &Framework, vocabulary: &Vocabulary, options: &Options) -> Result<String> {
    Ok(match format {
        Format::Table | Format::Csv => table::framework(framework, vocabulary, options),
        Format::Markdown => markdown::framework(framework, vocabulary),
        Format::Json => json::to_string(&entry::document(framework))?,
        Format::Yaml => yaml::to_string(&entry::document(framework))?,
        Format::Html | Format::Adr | Format::Radar => return Err(not_offered(format, "one framework")),
    })
}

/// The catalog's sources in `format`.
pub fn sources(format: Format, sources: &[crate::catalog::Source], options: &Options) -> Result<String> {
    Ok(match format {
        Format::Table => table::grid(&rows::sources(sources, rows::Audience::People), options),
        Format::Markdown => markdown::grid(&rows::sources(sources, rows::Audience::People)),
        Format::Csv => csv::grid(&rows::sources(sources, rows::Audience::Data))?,
        Format::Json => json::to_string(sources)?,
        Format::Yaml => yaml::to_string(sources)?,
        Format::Html | Format::Adr | Format::Radar => return Err(not_offered(format, "the sources")),
    })
}

/// The presets in `format`.
pub fn presets(format: Format, presets: &[Preset], options: &Options) -> Result<String> {
    Ok(match format {
        Format::Table => table::grid(&rows::presets(presets, rows::Audience::People), options),
        Format::Markdown => markdown::grid(&rows::presets(presets, rows::Audience::People)),
        Format::Csv => csv::grid(&rows::presets(presets, rows::Audience::Data))?,
        Format::Json => json::to_string(&presets)?,
        Format::Yaml => yaml::to_string(&presets)?,
        Format::Html | Format::Adr | Format::Radar => return Err(not_offered(format, "the presets")),
    })
}

/// A comparison in `format`; `charset` picks Unicode or plain ASCII glyphs for people; the HTML
/// page records how it was made (`provenance`).
pub fn comparison(
    format: Format,
    comparison: &Comparison,
    vocabulary: &Vocabulary,
    options: &Options,
    charset: side_by_side::Charset,
    provenance: &Provenance,
) -> Result<String> {
    Ok(match format {
        Format::Table => table::comparison(comparison, vocabulary, options, charset),
        Format::Markdown => markdown::comparison(comparison, vocabulary, charset),
        Format::Csv => csv::grid(&side_by_side::data(comparison, &side_by_side::sheets(comparison, vocabulary)))?,
        Format::Json => json::to_string(&document::comparison(comparison))?,
        Format::Yaml => yaml::to_string(&document::comparison(comparison))?,
        Format::Html => html::comparison(comparison, vocabulary, provenance),
        Format::Adr | Format::Radar => return Err(not_offered(format, "a comparison")),
    })
}
