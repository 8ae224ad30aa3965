//! Output formats. Each format is one module with the same functions, returning a `String` and
//! never printing; [`grid`] is the table skeleton that table, Markdown and CSV share, so a new
//! column is added once.

pub mod adr;
pub mod csv;
pub mod grid;
pub mod html;
pub mod json;
pub mod markdown;
pub mod prose;
pub mod sheet;
pub mod svg;
pub mod table;
pub mod yaml;

use crate::answers::Preset;
use crate::catalog::{Catalog, Framework, Vocabulary};
use crate::compare::Comparison;
use crate::error::Result;
use crate::score::Ranking;

/// An output format.
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
}

impl Format {
    /// How many ranked frameworks are shown when `--top` is not given: all for data formats,
    /// ten for formats people read.
    pub fn default_top(self) -> Option<usize> {
        match self {
            Format::Table | Format::Markdown => Some(10),
            Format::Json | Format::Yaml | Format::Csv => None,
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

/// A ranking in `format`, limited to `options.top` frameworks.
pub fn ranking(format: Format, ranking: &Ranking, vocabulary: &Vocabulary, options: &Options) -> Result<String> {
    let shown = ranking.top(options.top);
    let total = ranking.ranking.len();
    Ok(match format {
        Format::Table => table::ranking(&shown, total, vocabulary, options),
        Format::Markdown => markdown::ranking(&shown, total, vocabulary, options),
        Format::Csv => csv::grid(&grid::ranking(&shown, vocabulary, grid::Audience::Data))?,
        Format::Json => json::to_string(&shown)?,
        Format::Yaml => yaml::to_string(&shown)?,
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
        Format::Table => table::grid(&grid::frameworks(frameworks, vocabulary, grid::Audience::People), options),
        Format::Markdown => markdown::grid(&grid::frameworks(frameworks, vocabulary, grid::Audience::People)),
        Format::Csv => csv::grid(&grid::frameworks(frameworks, vocabulary, grid::Audience::Data))?,
        Format::Json => json::to_string(&frameworks)?,
        Format::Yaml => yaml::to_string(&frameworks)?,
    })
}

/// Everything about one framework in `format` (CSV is not offered for a single entry).
pub fn framework(format: Format, framework: &Framework, vocabulary: &Vocabulary, options: &Options) -> Result<String> {
    Ok(match format {
        Format::Table | Format::Csv => table::framework(framework, vocabulary, options),
        Format::Markdown => markdown::framework(framework, vocabulary),
        Format::Json => json::to_string(framework)?,
        Format::Yaml => yaml::to_string(framework)?,
    })
}

/// The presets in `format`.
pub fn presets(format: Format, presets: &[Preset], options: &Options) -> Result<String> {
    Ok(match format {
        Format::Table => table::grid(&grid::presets(presets, grid::Audience::People), options),
        Format::Markdown => markdown::grid(&grid::presets(presets, grid::Audience::People)),
        Format::Csv => csv::grid(&grid::presets(presets, grid::Audience::Data))?,
        Format::Json => json::to_string(&presets)?,
        Format::Yaml => yaml::to_string(&presets)?,
    })
}

/// A comparison in `format`; `charset` picks Unicode or plain ASCII glyphs for people. HTML, a
/// page that records how it was made, is [`html::comparison`].
pub fn comparison(
    format: Format,
    comparison: &Comparison,
    vocabulary: &Vocabulary,
    options: &Options,
    charset: sheet::Charset,
) -> Result<String> {
    Ok(match format {
        Format::Table => table::comparison(comparison, vocabulary, options, charset),
        Format::Markdown => markdown::comparison(comparison, vocabulary, charset),
        Format::Csv => csv::grid(&sheet::data(comparison, &sheet::sheets(comparison, vocabulary)))?,
        Format::Json => json::to_string(&comparison.document())?,
        Format::Yaml => yaml::to_string(&comparison.document())?,
    })
}
