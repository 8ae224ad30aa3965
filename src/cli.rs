//! The command line: clap definitions (their doc comments are the help text) and the one place
//! where argv becomes domain values. Nothing else in the program knows clap.

use std::path::PathBuf;

use backend_advisor::answers::{AnswerSet, Importance};
use backend_advisor::compare::Section;
use backend_advisor::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  backend-advisor recommend --preset ai-api --explain
  backend-advisor recommend --language python --use-case api --use-case ai-ml --performance 5 --format json
  backend-advisor list --language go
  backend-advisor show fastapi
  backend-advisor compare django fastapi flask
  backend-advisor recommend --preset ai-api --format adr --output docs/decisions/0001-backend-framework.md
  backend-advisor catalog validate my-frameworks.yaml

Exit codes: 0 success, 1 runtime error, 2 usage error, 65 invalid catalog or answers data,
66 input file missing or unreadable, 130 interrupted.";

/// Rank backend web frameworks for your team, and explain every number.
///
/// backend-advisor weighs what matters to you (performance, scalability, productivity,
/// integration, community), what you are building and which languages you know, and ranks the
/// frameworks of its catalog with a weighted score whose every part it can show.
#[derive(Debug, Parser)]
#[command(name = "backend-advisor", version, arg_required_else_help = true, after_long_help = EXAMPLES)]
pub struct Cli {
    /// Layer a catalog file over the built-in one: same id replaces, new id adds (repeatable).
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalogs: Vec<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the frameworks for your answers.
    #[command(after_long_help = RECOMMEND_EXAMPLES)]
    Recommend(RecommendArgs),
    /// List the frameworks of the catalog.
    #[command(after_long_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Show everything about one framework: facts, ratings with evidence, features, advice.
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Compare two to six frameworks side by side: overview, ratings, features, advice, scores.
    #[command(after_long_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// List the presets (named starting points for answers).
    #[command(after_long_help = "Examples:\n  backend-advisor presets\n  backend-advisor presets --format json")]
    Presets(PresetsArgs),
    /// Export or validate catalog files.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

const RECOMMEND_EXAMPLES: &str = "\
Examples:
  backend-advisor recommend --preset startup-mvp
  backend-advisor recommend --performance 5 --community 2 --use-case api --team-knows python --explain
  backend-advisor recommend --language go --language rust --require openapi:community --format json
  backend-advisor recommend --answers answers.yaml --format csv > ranking.csv
  backend-advisor recommend --preset ai-api --format html --output report.html
  backend-advisor recommend --preset ai-api --format adr > docs/decisions/0001-backend-framework.md

Precedence: flags > --answers file > --preset > defaults (every factor 3).";

const COMPARE_EXAMPLES: &str = "\
Examples:
  backend-advisor compare django fastapi flask
  backend-advisor compare \"Spring Boot\" quarkus micronaut --sections factors,features
  backend-advisor compare express nestjs fastify --preset real-time
  backend-advisor compare gin echo fiber axum --width 120 --ascii
  backend-advisor compare django rails laravel --format html --output compare.html

Sections (--sections, comma-separated, in the order given): overview, score, factors, features,
best-for, pros, cons, use-when, examples. The default is all of them; score only when answers are
given (the same flags as recommend). Tables fit --width N, else COLUMNS, else the terminal, else
80 columns; frameworks that do not fit side by side are split over several tables.";

const LIST_EXAMPLES: &str = "\
Examples:
  backend-advisor list
  backend-advisor list --language typescript --format markdown
  backend-advisor list --use-case real-time --require realtime";

const SHOW_EXAMPLES: &str = "\
Examples:
  backend-advisor show django
  backend-advisor show \"Spring Boot\" --format markdown
  backend-advisor show axum --format json";

/// Output formats for rankings and lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for people, fitted to the terminal.
    Table,
    /// Stable JSON for scripts.
    Json,
    /// YAML mirroring the JSON.
    Yaml,
    /// CSV, one row per framework.
    Csv,
    /// A Markdown table.
    Markdown,
}

/// Output formats for one framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormatArg {
    /// Text and tables for people.
    Table,
    /// JSON: the catalog entry.
    Json,
    /// YAML: the catalog entry.
    Yaml,
    /// A Markdown section.
    Markdown,
}

/// Output formats of `recommend`: the ranking formats and the two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecommendFormatArg {
    /// A table for people, fitted to the terminal.
    Table,
    /// Stable JSON for scripts.
    Json,
    /// YAML mirroring the JSON.
    Yaml,
    /// CSV, one row per framework.
    Csv,
    /// A Markdown table.
    Markdown,
    /// A self-contained HTML page with charts (top 10 by default).
    Html,
    /// An architecture decision record in the MADR 4.0 layout (top 3 options by default).
    Adr,
}

impl RecommendFormatArg {
    /// The ranking format, for every choice but the two reports.
    pub fn ranking_format(self) -> Option<Format> {
        match self {
            RecommendFormatArg::Table => Some(Format::Table),
            RecommendFormatArg::Json => Some(Format::Json),
            RecommendFormatArg::Yaml => Some(Format::Yaml),
            RecommendFormatArg::Csv => Some(Format::Csv),
            RecommendFormatArg::Markdown => Some(Format::Markdown),
            RecommendFormatArg::Html | RecommendFormatArg::Adr => None,
        }
    }
}

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormatArg {
    /// Tables for people, fitted to the width.
    Table,
    /// A Markdown heading and table per section.
    Markdown,
    /// JSON: the sections asked for, unrounded.
    Json,
    /// YAML mirroring the JSON.
    Yaml,
    /// CSV: one row per section field, one column per framework.
    Csv,
    /// A self-contained HTML page with a radar chart (and the scores, when scored).
    Html,
}

impl CompareFormatArg {
    /// The comparison format, for every choice but HTML.
    pub fn comparison_format(self) -> Option<Format> {
        match self {
            CompareFormatArg::Table => Some(Format::Table),
            CompareFormatArg::Markdown => Some(Format::Markdown),
            CompareFormatArg::Json => Some(Format::Json),
            CompareFormatArg::Yaml => Some(Format::Yaml),
            CompareFormatArg::Csv => Some(Format::Csv),
            CompareFormatArg::Html => None,
        }
    }
}

/// A section of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SectionArg {
    /// Language, kind, licence, first release, latest version, concurrency.
    Overview,
    /// The score for the answers and each criterion's contribution.
    Score,
    /// The five factor ratings, the best of each marked.
    Factors,
    /// Every feature's support level.
    Features,
    /// The use cases each suits.
    BestFor,
    /// Strengths.
    Pros,
    /// Weaknesses.
    Cons,
    /// When to choose each.
    UseWhen,
    /// Known production users.
    Examples,
}

impl From<SectionArg> for Section {
    fn from(arg: SectionArg) -> Section {
        match arg {
            SectionArg::Overview => Section::Overview,
            SectionArg::Score => Section::Score,
            SectionArg::Factors => Section::Factors,
            SectionArg::Features => Section::Features,
            SectionArg::BestFor => Section::BestFor,
            SectionArg::Pros => Section::Pros,
            SectionArg::Cons => Section::Cons,
            SectionArg::UseWhen => Section::UseWhen,
            SectionArg::Examples => Section::Examples,
        }
    }
}

/// Where a report goes: standard output, or a file written atomically.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write the report to FILE instead of standard output (atomically: nothing half-written).
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it already exists.
    #[arg(long, requires = "output", help_heading = "Output")]
    pub force: bool,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Yaml => Format::Yaml,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

impl From<ShowFormatArg> for Format {
    fn from(arg: ShowFormatArg) -> Format {
        match arg {
            ShowFormatArg::Table => Format::Table,
            ShowFormatArg::Json => Format::Json,
            ShowFormatArg::Yaml => Format::Yaml,
            ShowFormatArg::Markdown => Format::Markdown,
        }
    }
}

fn positive(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of 1 or more".into()),
    }
}

fn importance() -> clap::builder::RangedI64ValueParser<u8> {
    clap::value_parser!(u8).range(0..=5)
}

/// What the team cares about and what it is building.
#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Importance of performance and request-handling efficiency (0 ignore … 5 critical).
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub performance: Option<u8>,
    /// Importance of scalability and readiness for load growth.
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub scalability: Option<u8>,
    /// Importance of developer productivity and maintainability.
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub productivity: Option<u8>,
    /// Importance of integration flexibility with other tools.
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub integration: Option<u8>,
    /// Importance of community, ecosystem maturity and long-term viability.
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub community: Option<u8>,
    /// Importance of fitting the use cases given with --use-case (default 3 when any is given).
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub use_case_fit: Option<u8>,
    /// Importance of the team knowing the language (default 3 when --team-knows is given).
    #[arg(long, value_name = "N", value_parser = importance(), help_heading = "Importance (0-5)")]
    pub team_familiarity: Option<u8>,

    /// What the project is, e.g. api, ai-ml, real-time (repeatable; see `list --help`).
    #[arg(long = "use-case", value_name = "TAG", help_heading = "Context")]
    pub use_cases: Vec<String>,
    /// A language the team knows (repeatable; TypeScript and JavaScript count as each other).
    #[arg(long = "team-knows", value_name = "LANG", help_heading = "Context")]
    pub team_knows: Vec<String>,

    /// Consider only frameworks in this language (repeatable).
    #[arg(long = "language", value_name = "LANG", help_heading = "Filters")]
    pub languages: Vec<String>,
    /// Require a feature at least at a support level: builtin (default), official, community.
    #[arg(long = "require", value_name = "FEATURE[:LEVEL]", help_heading = "Filters")]
    pub require: Vec<String>,

    /// Start from a preset (see `backend-advisor presets`).
    #[arg(long, value_name = "NAME", help_heading = "Answers")]
    pub preset: Option<String>,
    /// Read answers from a YAML file (format in the README); flags override it.
    #[arg(long, value_name = "FILE", help_heading = "Answers")]
    pub answers: Option<PathBuf>,
}

impl AnswerArgs {
    /// The answers given by flags, as one layer (unset flags stay unset).
    pub fn answer_set(&self) -> AnswerSet {
        let list = |values: &Vec<String>| (!values.is_empty()).then(|| values.clone());
        AnswerSet {
            importance: Importance {
                performance: self.performance,
                scalability: self.scalability,
                productivity: self.productivity,
                integration: self.integration,
                community: self.community,
                use_case_fit: self.use_case_fit,
                team_familiarity: self.team_familiarity,
            },
            use_cases: list(&self.use_cases),
            team_knows: list(&self.team_knows),
            languages: list(&self.languages),
            require: list(&self.require),
        }
    }
}

/// `recommend` arguments.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The answers.
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// Show only the first N frameworks (default: 10 for table and markdown, all otherwise).
    #[arg(long, value_name = "N", value_parser = positive)]
    pub top: Option<usize>,
    /// Show each criterion's contribution, why the top pick wins and what was excluded.
    #[arg(long)]
    pub explain: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RecommendFormatArg::Table)]
    pub format: RecommendFormatArg,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `compare` arguments.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two to six frameworks, by id or name in any case, e.g. django fastapi "Spring Boot".
    #[arg(value_name = "ID", num_args = 2..=6, required = true)]
    pub ids: Vec<String>,
    /// Sections to show, comma-separated, in this order (default: all; score only with answers).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SECTION,...")]
    pub sections: Vec<SectionArg>,
    /// Plain ASCII glyphs, bars and borders instead of Unicode.
    #[arg(long)]
    pub ascii: bool,
    /// Fit the tables to N columns (default: COLUMNS, then the terminal, then 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormatArg::Table)]
    pub format: CompareFormatArg,
    /// The answers that score the frameworks (the score section appears when any is given).
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

impl CompareArgs {
    /// Whether any answer was given: a flag, an answers file or a preset.
    pub fn has_answers(&self) -> bool {
        self.answers.answers.is_some()
            || self.answers.preset.is_some()
            || self.answers.answer_set() != AnswerSet::default()
    }
}

/// `list` arguments.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only frameworks in this language (repeatable).
    #[arg(long = "language", value_name = "LANG")]
    pub languages: Vec<String>,
    /// Only frameworks suited to this use case (repeatable: all must match).
    #[arg(long = "use-case", value_name = "TAG")]
    pub use_cases: Vec<String>,
    /// Only frameworks with this feature at least at this level (repeatable).
    #[arg(long = "require", value_name = "FEATURE[:LEVEL]")]
    pub require: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

impl ListArgs {
    /// The filters as an answers layer, so they are checked by the same rules as `recommend`.
    pub fn filters(&self) -> AnswerSet {
        let list = |values: &Vec<String>| (!values.is_empty()).then(|| values.clone());
        AnswerSet {
            languages: list(&self.languages),
            use_cases: list(&self.use_cases),
            require: list(&self.require),
            ..AnswerSet::default()
        }
    }
}

/// `show` arguments.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Framework id or name, e.g. fastapi or "Spring Boot".
    #[arg(value_name = "ID")]
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormatArg::Table)]
    pub format: ShowFormatArg,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `presets` arguments.
#[derive(Debug, Args)]
pub struct PresetsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `catalog` subcommands.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Print the built-in catalog as YAML: the starting point for your own file.
    #[command(after_long_help = "Examples:\n  backend-advisor catalog export > my-catalog.yaml")]
    Export,
    /// Check catalog files and print every problem with file, line, column, entry and field.
    #[command(
        after_long_help = "Examples:\n  backend-advisor catalog validate my-catalog.yaml team.yaml\n\nExit 0 when every file is valid, 65 when any has a problem, 66 when one cannot be read."
    )]
    Validate {
        /// The files to check.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_become_one_answer_layer() {
        let cli = Cli::parse_from(["backend-advisor", "recommend", "--performance", "5", "--use-case", "api"]);
        let Command::Recommend(args) = cli.command else { panic!("recommend expected") };
        let set = args.answers.answer_set();
        assert_eq!(set.importance.performance, Some(5));
        assert_eq!(set.importance.community, None);
        assert_eq!(set.use_cases, Some(vec!["api".to_string()]));
        assert_eq!(set.languages, None);
    }

    #[test]
    fn compare_takes_the_answer_flags_sections_and_output() {
        let cli = Cli::parse_from([
            "backend-advisor",
            "compare",
            "django",
            "flask",
            "--sections",
            "score,best-for",
            "--preset",
            "ai-api",
            "--format",
            "html",
            "-o",
            "report.html",
        ]);
        let Command::Compare(args) = cli.command else { panic!("compare expected") };
        assert_eq!(args.ids, ["django", "flask"]);
        assert_eq!(args.sections, [SectionArg::Score, SectionArg::BestFor]);
        assert!(args.has_answers());
        assert_eq!(args.format.comparison_format(), None);
        assert_eq!(args.output.output, Some(PathBuf::from("report.html")));
        let plain = Cli::parse_from(["backend-advisor", "compare", "django", "flask"]);
        let Command::Compare(plain) = plain.command else { panic!("compare expected") };
        assert!(!plain.has_answers());
        assert!(Cli::try_parse_from(["backend-advisor", "compare", "django"]).is_err());
    }
}
