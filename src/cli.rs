//! The command line: clap definitions (their doc comments are the help text) and the one place
//! where argv becomes domain values. Nothing else in the program knows clap.

use std::path::PathBuf;

use backend_advisor::answers::{AnswerSet, Importance};
use backend_advisor::render::Format;
use backend_advisor::score::Method;
use backend_advisor::sensitivity::{self, Settings};
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  backend-advisor recommend --preset ai-api --explain
  backend-advisor recommend --language python --use-case api --use-case ai-ml --performance 5 --format json
  backend-advisor list --language go
  backend-advisor show fastapi
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
  backend-advisor recommend --preset enterprise --sensitivity
  backend-advisor recommend --method topsis --sensitivity --samples 2000 --seed 7 --format json

Precedence: flags > --answers file > --preset > defaults (every factor 3).";

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

fn concentration(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(k) if k.is_finite() && k > 0.0 => Ok(k),
        _ => Err("expected a number greater than 0".into()),
    }
}

/// How `recommend` combines the criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Weighted sum: every point of the score comes from one criterion.
    Wsm,
    /// TOPSIS: closeness to the ideal framework and distance from the worst.
    Topsis,
}

impl From<MethodArg> for Method {
    fn from(arg: MethodArg) -> Method {
        match arg {
            MethodArg::Wsm => Method::Wsm,
            MethodArg::Topsis => Method::Topsis,
        }
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
            pairwise: None,
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
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// How to combine the criteria into a score.
    #[arg(long, value_enum, default_value_t = MethodArg::Wsm, help_heading = "Analysis")]
    pub method: MethodArg,
    /// Show how sure the ranking is: a verdict, each framework's share of wins over plausible
    /// weightings, and the weights at which the winner changes.
    #[arg(long, help_heading = "Analysis")]
    pub sensitivity: bool,
    /// Weightings drawn for the share of wins (default 10000).
    #[arg(long, value_name = "N", value_parser = positive, requires = "sensitivity", help_heading = "Analysis")]
    pub samples: Option<usize>,
    /// Seed of the draws, so that runs reproduce (default 5).
    #[arg(long, value_name = "S", requires = "sensitivity", help_heading = "Analysis")]
    pub seed: Option<u64>,
    /// How close the drawn weightings stay to yours: Dirichlet concentration k, α = k × weight
    /// (default 50; higher is closer).
    #[arg(long, value_name = "K", value_parser = concentration, requires = "sensitivity", help_heading = "Analysis")]
    pub concentration: Option<f64>,
}

impl RecommendArgs {
    /// The sensitivity settings, when `--sensitivity` is given.
    pub fn sensitivity_settings(&self) -> Option<Settings> {
        self.sensitivity.then(|| Settings {
            samples: self.samples.unwrap_or(sensitivity::DEFAULT_SAMPLES),
            seed: self.seed.unwrap_or(sensitivity::DEFAULT_SEED),
            concentration: self.concentration.unwrap_or(sensitivity::DEFAULT_CONCENTRATION),
        })
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
}

/// `presets` arguments.
#[derive(Debug, Args)]
pub struct PresetsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
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
    fn sensitivity_settings_default_and_need_the_flag() {
        let cli = Cli::parse_from(["backend-advisor", "recommend", "--sensitivity", "--seed", "7"]);
        let Command::Recommend(args) = cli.command else { panic!("recommend expected") };
        let settings = args.sensitivity_settings().expect("asked for");
        assert_eq!((settings.samples, settings.seed, settings.concentration), (10_000, 7, 50.0));
        assert!(Cli::try_parse_from(["backend-advisor", "recommend", "--samples", "10"]).is_err());
        assert!(
            Cli::try_parse_from(["backend-advisor", "recommend", "--sensitivity", "--concentration", "0"]).is_err()
        );
    }
}
