//! The command line as clap sees it: the arguments of every subcommand, their help (the doc
//! comments) and examples. [`super::request`] turns them into a [`super::Request`], once.

use std::path::PathBuf;

use backend_advisor::catalog::{Factor, Order};
use backend_advisor::decide::compare::Section;
use backend_advisor::decide::score::Method;
use backend_advisor::render::Format;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  backend-advisor          (on a terminal: the questionnaire; see `ask --help`)
  backend-advisor recommend --preset ai-api --explain
  backend-advisor recommend --language python --use-case api --use-case ai-ml \\
      --performance 5 --format json
  backend-advisor list --language go
  backend-advisor show fastapi
  backend-advisor compare django fastapi flask
  backend-advisor recommend --preset ai-api --format adr \\
      --output docs/decisions/0001-backend-framework.md
  backend-advisor catalog validate my-frameworks.yaml

Exit codes: 0 success, 1 runtime error, 2 usage error, 3 verify: the recorded
choice no longer wins, 4 verify --warn-eol: its support ends within the span,
65 invalid catalog or answers data, 66 input file missing or unreadable,
75 catalog refresh: some lookups failed, 130 interrupted.";

/// Rank backend web frameworks for your team, and explain every number.
///
/// backend-advisor weighs what matters to you (performance, scalability, productivity,
/// integration, community), what you are building and which languages you know, and ranks the
/// frameworks of its catalog with a weighted score whose every part it can show.
#[derive(Debug, Parser)]
#[command(name = "backend-advisor", version = version(), after_long_help = EXAMPLES)]
pub struct Args {
    /// The options every subcommand takes too.
    #[command(flatten)]
    pub common: Common,

    /// What to do; without one, the questionnaire on a terminal and this help elsewhere.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options the program and every subcommand take, before or after the subcommand's name.
///
/// Not clap's `global` arguments, which clap copies into every subcommand at each start; here
/// each subcommand defines them when it is parsed ([`Deferred`]), and [`Common::with`] merges
/// what the two places gave (docs/limits.md, start-up).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Common {
    /// Layer a catalog file over the built-in one: same id replaces, new id adds (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,

    /// When to colour the output: auto (the default: only on a terminal, and not when NO_COLOR
    /// is set), always, never.
    #[arg(long, value_name = "WHEN", value_parser = choices(COLORS))]
    pub color: Option<anstream::ColorChoice>,

    /// Never prompt, even on a terminal (for scripts); `ask` then exits 2.
    #[arg(long)]
    pub no_input: bool,

    /// Ignore the facts `catalog refresh` wrote (also BACKEND_ADVISOR_OFFLINE=1).
    #[arg(long)]
    pub offline: bool,
    /// Fit tables and text to N columns (default: COLUMNS, then the terminal, then 100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
}

impl Common {
    /// These options followed by `later` ones (given after a subcommand's name): files add up,
    /// switches add up, and a value given later wins.
    pub fn with(mut self, later: Common) -> Common {
        self.catalogs.extend(later.catalogs);
        self.color = later.color.or(self.color);
        self.no_input |= later.no_input;
        self.offline |= later.offline;
        self.width = later.width.or(self.width);
        self
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the frameworks for your answers.
    #[command(after_long_help = RECOMMEND_EXAMPLES)]
    Recommend(Deferred<RecommendArgs>),
    /// List the frameworks of the catalog.
    #[command(after_long_help = LIST_EXAMPLES)]
    List(Deferred<ListArgs>),
    /// Show everything about one framework: facts, ratings with evidence, features, advice.
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show(Deferred<ShowArgs>),
    /// Compare two to six frameworks side by side: overview, ratings, features, advice, scores.
    #[command(after_long_help = COMPARE_EXAMPLES)]
    Compare(Deferred<CompareArgs>),
    /// Explain why a framework is not first: the filter that removed it, or its gap to the winner
    /// criterion by criterion, and the weight at which it would win.
    #[command(name = "why-not", after_long_help = WHY_NOT_EXAMPLES)]
    WhyNot(Deferred<WhyNotArgs>),
    /// List the sources the catalog's facts and ratings cite, with their addresses and dates,
    /// or look up the ones named.
    #[command(
        after_long_help = "Examples:\n  backend-advisor sources\n  backend-advisor sources TFB_CITRINE_2023_09_19 SO_SURVEY_2024\n  backend-advisor sources --format json"
    )]
    Sources(Deferred<SourcesArgs>),
    /// List the presets (named starting points for answers).
    #[command(after_long_help = "Examples:\n  backend-advisor presets\n  backend-advisor presets --format json")]
    Presets(Deferred<PresetsArgs>),
    /// Export or validate catalog files.
    #[command(after_long_help = CATALOG_EXAMPLES)]
    Catalog(CatalogArgs),
    /// Answer a few questions at the terminal and get an explained ranking (the default on a terminal).
    #[command(after_long_help = ASK_EXAMPLES)]
    Ask(Deferred<AskArgs>),
    /// Print a shell completion script; framework ids, presets, use cases, features and languages complete.
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(Deferred<CompletionsArgs>),
    /// Print the manual page (roff) covering every subcommand.
    #[command(after_long_help = MAN_EXAMPLES)]
    Man(Deferred<NoArgs>),
    /// Re-check a decision record: rank its answers again with today's catalog.
    #[command(after_long_help = VERIFY_EXAMPLES)]
    Verify(Deferred<VerifyArgs>),
}

impl Command {
    /// The [`Common`] options given after the subcommand's name (and after `catalog`'s own).
    pub fn common(&self) -> Common {
        match self {
            Command::Recommend(d) => d.common.clone(),
            Command::List(d) => d.common.clone(),
            Command::Show(d) => d.common.clone(),
            Command::Compare(d) => d.common.clone(),
            Command::WhyNot(d) => d.common.clone(),
            Command::Sources(d) => d.common.clone(),
            Command::Presets(d) => d.common.clone(),
            Command::Catalog(catalog) => catalog.common.clone().with(catalog.command.common()),
            Command::Ask(d) => d.common.clone(),
            Command::Completions(d) => d.common.clone(),
            Command::Man(d) => d.common.clone(),
            Command::Verify(d) => d.common.clone(),
        }
    }
}

/// A subcommand without arguments of its own.
#[derive(Debug, clap::Args)]
pub struct NoArgs {}

const VERIFY_EXAMPLES: &str = "\
Examples:
  backend-advisor recommend --preset ai-api --format adr \\
      > docs/decisions/0007-backend.md
  backend-advisor verify docs/decisions/0007-backend.md
  backend-advisor verify docs/decisions/0007-backend.md --warn-eol 6m
  backend-advisor verify docs/decisions/0007-backend.md --catalog patch.yaml
  backend-advisor verify docs/decisions --format json

Exit 0 when the recorded choice still ranks first, 3 when another framework now does (or the
choice is gone or excluded), 4 when its support window ends within --warn-eol (65/66 when the
file is not a record or cannot be read). For a folder: 3 when any record no longer holds, else 4
when any support window ends, else 65 when a record cannot be read; superseded records and
Markdown files that are not records are listed and skipped.";

/// `verify` arguments.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The decision record, written by `recommend --format adr`, or a folder of them
    /// (`docs/decisions`): every record in it is re-checked, other Markdown files are skipped.
    #[arg(value_name = "FILE|DIR")]
    pub file: PathBuf,
    /// Output format: one line a record for people, or JSON for CI.
    #[arg(long, value_parser = choices(VERIFY_FORMATS), default_value = "table")]
    pub format: Format,
    /// Fail (exit 4) when the chosen framework's support ends within this span: Nd, Nw, Nm or Ny.
    #[arg(long, value_name = "SPAN", value_parser = span)]
    pub warn_eol: Option<i64>,
}

/// `--warn-eol`: `6m` and the like, in days.
fn span(text: &str) -> Result<i64, String> {
    backend_advisor::refresh::span_days(text).ok_or_else(|| "expected a number and d, w, m or y, e.g. 6m".into())
}

const RECOMMEND_EXAMPLES: &str = "\
Examples:
  backend-advisor recommend --preset startup-mvp
  backend-advisor recommend --performance 5 --community 2 --use-case api \\
      --team-knows python --explain
  backend-advisor recommend --language go --language rust \\
      --require openapi:community --format json
  backend-advisor recommend --answers answers.yaml --format csv > ranking.csv
  backend-advisor recommend --preset ai-api --format html --output report.html
  backend-advisor recommend --preset ai-api --format adr \\
      > docs/decisions/0001-backend-framework.md
  backend-advisor recommend --preset enterprise --sensitivity
  backend-advisor recommend --method topsis --sensitivity --samples 2000 \\
      --seed 7 --format json

Precedence: flags > --answers file > --preset > defaults (every factor 3).";

const COMPARE_EXAMPLES: &str = "\
Examples:
  backend-advisor compare django fastapi flask
  backend-advisor compare \"Spring Boot\" quarkus micronaut \\
      --sections factors,features
  backend-advisor compare express nestjs fastify --preset real-time
  backend-advisor compare gin echo fiber axum --width 120 --ascii
  backend-advisor compare django rails laravel --format html -o compare.html

Sections (--sections, comma-separated, in the order given): overview, score, factors, features,
best-for, pros, cons, use-when, examples. The default is all of them; score only when answers are
given (the same flags as recommend). Tables fit --width N, else COLUMNS, else the terminal, else
80 columns; frameworks that do not fit side by side are split over several tables.";

const LIST_EXAMPLES: &str = "\
Examples:
  backend-advisor list
  backend-advisor list --language typescript --format markdown
  backend-advisor list --use-case real-time --require realtime
  backend-advisor list --language go --sort performance";

const SHOW_EXAMPLES: &str = "\
Examples:
  backend-advisor show django
  backend-advisor show \"Spring Boot\" --format markdown
  backend-advisor show axum --format json";

/// Where a report goes: standard output, or a file written atomically.
#[derive(Debug, Default, clap::Args)]
pub struct OutputArgs {
    /// Write the report to FILE instead of standard output (atomically: nothing half-written).
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it already exists.
    #[arg(long, requires = "output", help_heading = "Output")]
    pub force: bool,
}

fn positive(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of 1 or more".into()),
    }
}

/// `--concentration`: 1 to 1,000,000. Below 1 the Gamma draws behind the Dirichlet underflow to
/// 0 for small weights and the shares stop meaning anything.
fn concentration(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(k) if (1.0..=1_000_000.0).contains(&k) => Ok(k),
        _ => Err("expected a number from 1 to 1000000".into()),
    }
}

/// `--samples`: 1 to 1,000,000 draws (a million takes about a second; more would only look hung).
fn samples(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err("expected a whole number from 1 to 1000000".into()),
    }
}

/// An importance flag: 0-5 or a word of the scale (ignore, minor, low, medium, high, critical).
fn importance(text: &str) -> Result<u8, String> {
    backend_advisor::answers::parse_importance(text)
}

/// What the team cares about and what it is building.
#[derive(Debug, Default, clap::Args)]
pub struct AnswerArgs {
    /// Importance of performance and request-handling efficiency (0 ignore … 5 critical).
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub performance: Option<u8>,
    /// Importance of scalability and readiness for load growth.
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub scalability: Option<u8>,
    /// Importance of developer productivity and maintainability.
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub productivity: Option<u8>,
    /// Importance of integration flexibility with other tools.
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub integration: Option<u8>,
    /// Importance of community, ecosystem maturity and long-term viability.
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub community: Option<u8>,
    /// Importance of fitting the use cases given with --use-case (default 5, critical, when any is
    /// given).
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub use_case_fit: Option<u8>,
    /// Importance of the team knowing the language (default 5, critical, when --team-knows is given).
    #[arg(long, value_name = "N", value_parser = importance, allow_negative_numbers = true, help_heading = "Importance (0-5 or ignore, minor, low, medium, high, critical)")]
    pub team_familiarity: Option<u8>,

    /// What the project is, e.g. api, ai-ml, real-time (repeatable; `list --help` lists them).
    #[arg(long = "use-case", value_name = "TAG", help_heading = "Context")]
    pub use_cases: Vec<String>,
    /// A language the team knows, LANG or LANG:some (known a little); repeatable. Ids, names and
    /// aliases in any case (ts, js, golang, c#, kt); a language of the same family counts partly.
    #[arg(long = "team-knows", value_name = "LANG", help_heading = "Context")]
    pub team_knows: Vec<String>,
    /// A language the team is open to adopting (repeatable), or `any`: frameworks in it pay no
    /// language switching cost. Without it, a framework in a language the team does not know
    /// must lead by more than the cost of adopting that language (docs/model.md).
    #[arg(long = "open-to", value_name = "LANG", help_heading = "Context")]
    pub open_to: Vec<String>,
    /// The framework the team runs today, by id: staying is weighed against a migration cost
    /// every other framework pays, and the output says what a switch would gain.
    #[arg(long, value_name = "ID", help_heading = "Context")]
    pub incumbent: Option<String>,

    /// Consider only frameworks in this language (repeatable; `list --help` lists them).
    #[arg(long = "language", value_name = "LANG", help_heading = "Filters")]
    pub languages: Vec<String>,
    /// Require a feature: FEATURE means from the framework's own project (builtin or official);
    /// FEATURE:builtin, FEATURE:official or FEATURE:community set the weakest level accepted;
    /// a trailing :free (admin:free, admin:community:free) counts only free providers, not paid
    /// products such as Laravel Nova (repeatable; `list --help` lists the features).
    #[arg(long = "require", value_name = "FEATURE[:LEVEL][:free]", help_heading = "Filters")]
    pub require: Vec<String>,
    /// Leave out a framework by id (repeatable); it is listed as excluded by you.
    #[arg(long = "exclude", value_name = "ID", help_heading = "Filters")]
    pub exclude: Vec<String>,

    /// The organisation's technology radar, a Build-Your-Own-Radar CSV or a Backstage tech-radar
    /// JSON file: Hold leaves a framework out, Adopt, Trial and Assess are shown beside it, and
    /// Adopt counts as organisational support in team familiarity (docs/radar.md).
    #[arg(long, value_name = "FILE", help_heading = "Filters")]
    pub radar: Option<PathBuf>,
    /// Do not count Adopt on the radar as organisational support in team familiarity.
    #[arg(long, help_heading = "Filters")]
    pub no_radar_support: bool,

    /// Start from a preset (see `backend-advisor presets`).
    #[arg(long, value_name = "NAME", help_heading = "Answers")]
    pub preset: Option<String>,
    /// Read answers from a YAML file (format in docs/answers-file.md); flags override it. `recommend`
    /// takes it once per person to rank for a team.
    #[arg(long, value_name = "FILE", help_heading = "Answers")]
    pub answers: Vec<PathBuf>,
    /// The project's name, e.g. "Checkout service": the decision record is about it (overrides
    /// the answers' `title`).
    #[arg(long, value_name = "TEXT", help_heading = "Answers")]
    pub title: Option<String>,
}

/// `recommend` arguments.
#[derive(Debug, clap::Args)]
pub struct RecommendArgs {
    /// The answers.
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// With `--format adr --output DIR/`: the new record supersedes record N of DIR (or the record
    /// FILE), whose status becomes `superseded by ADR-NNNN`; both link to each other.
    #[arg(long, value_name = "N|FILE", help_heading = "Output")]
    pub supersedes: Option<String>,
    /// Rank for a team: a team file listing the members' answers files (docs/team.md).
    #[arg(long, value_name = "FILE", conflicts_with = "answers", help_heading = "Answers")]
    pub team: Option<PathBuf>,
    /// Let the team file name answers files outside its own folder (by default a member's file
    /// must be in the team file's folder or below it, so a team file cannot make the tool read
    /// any other file).
    #[arg(long, requires = "team", help_heading = "Answers")]
    pub allow_outside_team_folder: bool,
    /// Show only the first N frameworks (default: 10 for table and markdown, all otherwise).
    #[arg(long, value_name = "N", value_parser = positive, allow_negative_numbers = true)]
    pub top: Option<usize>,
    /// Show each criterion's contribution, why the top pick wins and what was excluded.
    #[arg(long)]
    pub explain: bool,
    /// Output format.
    #[arg(long, value_parser = choices(RECOMMEND_FORMATS), default_value = "table")]
    pub format: Format,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
    /// How to combine the criteria into a score.
    #[arg(long, value_parser = choices(METHODS), default_value = "wsm", help_heading = "Analysis")]
    pub method: Method,
    /// Show how sure the ranking is: a verdict, each framework's share of wins over plausible
    /// weightings and ratings (each rating drawn within its uncertainty), and the weights at
    /// which the winner changes.
    #[arg(long, help_heading = "Analysis")]
    pub sensitivity: bool,
    /// Weightings drawn for the share of wins (default 10000, at most 1000000).
    #[arg(long, value_name = "N", value_parser = samples, requires = "sensitivity", help_heading = "Analysis")]
    pub samples: Option<usize>,
    /// Seed of the draws, so that runs reproduce (default 5).
    #[arg(long, value_name = "S", requires = "sensitivity", help_heading = "Analysis")]
    pub seed: Option<u64>,
    /// How close the drawn weightings stay to yours: Dirichlet concentration k, α = k × weight
    /// (default 50; higher is closer).
    #[arg(long, value_name = "K", value_parser = concentration, requires = "sensitivity", help_heading = "Analysis")]
    pub concentration: Option<f64>,
    /// Draw only the weightings and keep every rating as the catalog gives it, to compare with
    /// the default draws of weights and ratings.
    #[arg(long, requires = "sensitivity", help_heading = "Analysis")]
    pub weights_only: bool,
}

/// `compare` arguments.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Two to six frameworks, by id or name in any case, e.g. django fastapi "Spring Boot".
    #[arg(value_name = "ID", num_args = 1.., required = true)]
    pub ids: Vec<String>,
    /// Sections to show, comma-separated, in this order (default: all; score only with answers).
    #[arg(long, value_parser = choices(SECTIONS), value_delimiter = ',', value_name = "SECTION,...")]
    pub sections: Vec<Section>,
    /// Plain ASCII glyphs, bars and borders instead of Unicode.
    #[arg(long)]
    pub ascii: bool,
    /// Output format.
    #[arg(long, value_parser = choices(COMPARE_FORMATS), default_value = "table")]
    pub format: Format,
    /// The answers that score the frameworks (the score section appears when any is given).
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `list` arguments.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only frameworks in this language (repeatable).
    #[arg(long = "language", value_name = "LANG")]
    pub languages: Vec<String>,
    /// Only frameworks suited to this use case (repeatable: all must match).
    #[arg(long = "use-case", value_name = "TAG")]
    pub use_cases: Vec<String>,
    /// Only frameworks with this feature at least at this level; a trailing :free counts only
    /// free providers (repeatable).
    #[arg(long = "require", value_name = "FEATURE[:LEVEL][:free]")]
    pub require: Vec<String>,
    /// Order: by a factor's rating (highest first) or by name; default the catalog's order.
    #[arg(long, value_name = "FACTOR", value_parser = choices(ORDERS))]
    pub sort: Option<Order>,
    /// Output format.
    #[arg(long, value_parser = choices(LIST_FORMATS), default_value = "table")]
    pub format: Format,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `show` arguments.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Framework id or name, e.g. fastapi or "Spring Boot".
    #[arg(value_name = "ID")]
    pub id: String,
    /// Output format.
    #[arg(long, value_parser = choices(SHOW_FORMATS), default_value = "table")]
    pub format: Format,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

const WHY_NOT_EXAMPLES: &str = "\
Examples:
  backend-advisor why-not spring-boot --preset startup-mvp
  backend-advisor why-not django --team-knows go --use-case api --format json";

/// `why-not` arguments.
#[derive(Debug, clap::Args)]
pub struct WhyNotArgs {
    /// Framework id or name, e.g. spring-boot or "Spring Boot".
    #[arg(value_name = "ID")]
    pub id: String,
    /// The answers to rank with (the same flags as recommend).
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// How to combine the criteria into a score.
    #[arg(long, value_parser = choices(METHODS), default_value = "wsm")]
    pub method: Method,
    /// Output format.
    #[arg(long, value_parser = choices(LIST_FORMATS), default_value = "table")]
    pub format: Format,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `sources` arguments.
#[derive(Debug, clap::Args)]
pub struct SourcesArgs {
    /// Source ids to look up (any case), as entries cite them: `[SO_SURVEY_2024]`; all when none.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Output format: a table, one row per source; JSON, YAML, CSV or Markdown.
    #[arg(long, value_parser = sources_formats(), default_value = "table")]
    pub format: Format,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `presets` arguments.
#[derive(Debug, clap::Args)]
pub struct PresetsArgs {
    /// Output format.
    #[arg(long, value_parser = choices(LIST_FORMATS), default_value = "table")]
    pub format: Format,
    /// Where the report goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `catalog`: the common options and its subcommand. Defined at start, not deferred, so that
/// `help catalog` and its completions know the subcommands; their arguments are deferred.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// The common options given after `catalog`.
    #[command(flatten)]
    pub common: Common,
    /// What to do with catalogs.
    #[command(subcommand)]
    pub command: CatalogCommand,
}

/// `catalog` subcommands.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Print the built-in catalog as YAML: the starting point for your own file.
    #[command(after_long_help = "Examples:\n  backend-advisor catalog export > my-catalog.yaml")]
    Export(Deferred<NoArgs>),
    /// Check catalog files and print every problem with file, line, column, entry and field.
    #[command(
        after_long_help = "Examples:\n  backend-advisor catalog validate my-catalog.yaml team.yaml\n\nExit 0 when every file is valid, 65 when any has a problem, 66 when one cannot be read."
    )]
    Validate(Deferred<ValidateArgs>),
    /// Read today's facts from public services (registries, GitHub, endoflife.date) into the
    /// facts overlay that every later command applies.
    #[command(after_long_help = REFRESH_EXAMPLES)]
    Refresh(Deferred<RefreshArgs>),
    /// Show which layer (built-in, refreshed facts, each --catalog file) set each value of an entry.
    #[command(
        after_long_help = "Examples:\n  backend-advisor catalog layers fastapi\n  backend-advisor --catalog ours.yaml catalog layers django"
    )]
    Layers(Deferred<LayersArgs>),
}

impl CatalogCommand {
    /// The [`Common`] options given after this subcommand's name.
    fn common(&self) -> Common {
        match self {
            CatalogCommand::Export(d) => d.common.clone(),
            CatalogCommand::Validate(d) => d.common.clone(),
            CatalogCommand::Refresh(d) => d.common.clone(),
            CatalogCommand::Layers(d) => d.common.clone(),
        }
    }
}

/// `catalog validate` arguments.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The files to check.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// `catalog refresh` arguments.
#[derive(Debug, clap::Args)]
pub struct RefreshArgs {
    /// Seconds each request may take.
    #[arg(long, value_name = "SECONDS", default_value = "20", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Requests in flight at once.
    #[arg(long, value_name = "N", default_value = "8", value_parser = clap::value_parser!(u64).range(1..=32))]
    pub jobs: u64,
}

/// `catalog layers` arguments.
#[derive(Debug, clap::Args)]
pub struct LayersArgs {
    /// Framework id or name.
    #[arg(value_name = "ID")]
    pub id: String,
}

const REFRESH_EXAMPLES: &str = "\
Examples:
  backend-advisor catalog refresh
  GITHUB_TOKEN=ghp_... backend-advisor catalog refresh --jobs 4

The only command that uses the network. It asks PyPI, npm, crates.io, Maven Central, NuGet or
the .NET release index, RubyGems, Packagist, Hex and the Go module proxy for each framework's
latest stable release, GitHub for its stars (with GITHUB_TOKEN when set; without it GitHub allows
60 requests an hour from one address) and endoflife.date for its support window. The facts go
to facts.yaml in the data directory ($XDG_DATA_HOME/backend-advisor on Linux); --offline or
BACKEND_ADVISOR_OFFLINE=1 ignores them.

Exit 0 when every lookup succeeded, 75 when some failed (each named; their facts stay as they
were and the rest are written).";

const CATALOG_EXAMPLES: &str = "\
Examples:
  backend-advisor catalog export > my-catalog.yaml
  backend-advisor catalog validate my-catalog.yaml
  backend-advisor --catalog my-catalog.yaml recommend --explain";

const ASK_EXAMPLES: &str = "\
Examples:
  backend-advisor
  backend-advisor ask --preset startup-mvp
  backend-advisor ask --team-knows python --language python --performance 5
  backend-advisor ask --answers answers.yaml

On a terminal, `backend-advisor` alone runs `ask`. Flags and --answers answer their questions,
which are then skipped. --preset and --answers also skip the first question (the starting
point); a preset gives the remaining questions its values as defaults.
Keys: arrows move, space ticks a box, Enter answers, type to filter, Esc (or Ctrl-D) goes back
one question, Ctrl-Z suspends, Ctrl-C quits (exit 130) without writing anything.
The questionnaire needs a terminal on stdin and stderr; in scripts use `recommend` with the same
flags (`recommend --preset NAME --explain`, `recommend --answers FILE`).";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  source <(backend-advisor completions bash)          (bash, this shell)
  backend-advisor completions bash \\
      > ~/.local/share/bash-completion/completions/backend-advisor
  backend-advisor completions zsh > ~/.zfunc/_backend-advisor (fpath+=~/.zfunc)
  backend-advisor completions fish \\
      > ~/.config/fish/completions/backend-advisor.fish
  backend-advisor --catalog mine.yaml completions bash  (your ids complete too)";

const MAN_EXAMPLES: &str = "\
Examples:
  backend-advisor man | man -l -
  backend-advisor man > ~/.local/share/man/man1/backend-advisor.1";

/// `ask` arguments: the same answers as `recommend`; the questions they answer are skipped.
#[derive(Debug, Default, clap::Args)]
pub struct AskArgs {
    /// The answers given up front.
    #[command(flatten)]
    pub answers: AnswerArgs,
}

/// `completions` arguments.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// The version, with the date of the built-in catalog's last review: what the ratings are as of.
fn version() -> String {
    format!("{} (catalog reviewed {})", env!("CARGO_PKG_VERSION"), backend_advisor::catalog::load::builtin_reviewed())
}

/// The short help, for `backend-advisor` run with no subcommand where it cannot ask.
pub fn help() -> String {
    Args::command().render_help().to_string()
}

/// One choice of a value-taking flag: the word typed, the library value it stands for, the help.
type Choice<T> = (&'static str, T, &'static str);

/// A parser for a flag whose values are a library enum: clap checks the word and lists the
/// choices in help; the library's own enum is the result (no mirror enum here).
fn choices<T: Copy + Send + Sync + 'static>(list: &'static [Choice<T>]) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(list.iter().map(|&(word, _, help)| PossibleValue::new(word).help(help)))
        .map(move |word| list.iter().find(|&&(w, ..)| w == word).map_or(list[0].1, |&(_, value, _)| value))
}

const TABLE: Choice<Format> = ("table", Format::Table, "A table for people, fitted to the terminal");
const JSON: Choice<Format> = ("json", Format::Json, "Stable JSON for scripts");
const YAML: Choice<Format> = ("yaml", Format::Yaml, "YAML mirroring the JSON");
const CSV: Choice<Format> = ("csv", Format::Csv, "CSV, one row per framework");
const MARKDOWN: Choice<Format> = ("markdown", Format::Markdown, "A Markdown table");

/// The formats of `sources`: those of `list`, with a CSV row per source.
fn sources_formats() -> impl TypedValueParser<Value = Format> {
    choices(SOURCES_FORMATS)
}

const SOURCES_FORMATS: &[Choice<Format>] =
    &[TABLE, JSON, YAML, ("csv", Format::Csv, "CSV, one row per source"), MARKDOWN];

/// The formats of `list` and `presets`.
const LIST_FORMATS: &[Choice<Format>] = &[TABLE, JSON, YAML, CSV, MARKDOWN];

/// The formats of `show`.
const SHOW_FORMATS: &[Choice<Format>] = &[
    ("table", Format::Table, "Text and tables for people"),
    ("json", Format::Json, "JSON: the catalog entry"),
    ("yaml", Format::Yaml, "YAML: the catalog entry"),
    ("markdown", Format::Markdown, "A Markdown section"),
];

/// The formats of `recommend`: the ranking formats and the two reports.
const RECOMMEND_FORMATS: &[Choice<Format>] = &[
    TABLE,
    JSON,
    YAML,
    CSV,
    MARKDOWN,
    ("html", Format::Html, "A self-contained HTML page with charts (top 10 by default)"),
    ("adr", Format::Adr, "An architecture decision record in the MADR 4.0 layout (top 3 options by default)"),
    (
        "radar",
        Format::Radar,
        "The decision as Build-Your-Own-Radar CSV: the --radar file's entries with the winner in Adopt",
    ),
];

/// The formats of `verify`.
const VERIFY_FORMATS: &[Choice<Format>] = &[
    ("table", Format::Table, "One line a record, then what changed"),
    ("json", Format::Json, "JSON for CI: every record's status, changes and successor command"),
];

/// The formats of `compare`.
const COMPARE_FORMATS: &[Choice<Format>] = &[
    ("table", Format::Table, "Tables for people, fitted to the width"),
    ("markdown", Format::Markdown, "A Markdown heading and table per section"),
    ("json", Format::Json, "JSON: the sections asked for, unrounded"),
    ("yaml", Format::Yaml, "YAML mirroring the JSON"),
    ("csv", Format::Csv, "CSV: one row per section field, one column per framework"),
    ("html", Format::Html, "A self-contained HTML page with a radar chart (and the scores, when scored)"),
];

/// The sections of `compare`.
const SECTIONS: &[Choice<Section>] = &[
    ("overview", Section::Overview, "Language, kind, licence, first release, latest version, concurrency"),
    ("score", Section::Score, "The score for the answers and each criterion's contribution"),
    ("factors", Section::Factors, "The five factor ratings, the best of each marked"),
    ("features", Section::Features, "Every feature's support level"),
    ("best-for", Section::BestFor, "The use cases each suits"),
    ("pros", Section::Pros, "Strengths"),
    ("cons", Section::Cons, "Weaknesses"),
    ("use-when", Section::UseWhen, "When to choose each"),
    ("examples", Section::Examples, "Known production users"),
];

/// How `recommend` combines the criteria.
/// The orders of `list --sort`.
const ORDERS: &[Choice<Order>] = &[
    ("performance", Order::Factor(Factor::Performance), "Highest performance rating first"),
    ("scalability", Order::Factor(Factor::Scalability), "Highest scalability rating first"),
    ("productivity", Order::Factor(Factor::Productivity), "Highest productivity rating first"),
    ("integration", Order::Factor(Factor::Integration), "Highest integration rating first"),
    ("community", Order::Factor(Factor::Community), "Highest community rating first"),
    ("name", Order::Name, "By name, A to Z"),
];

const METHODS: &[Choice<Method>] = &[
    ("wsm", Method::Wsm, "Weighted sum: every point of the score comes from one criterion"),
    ("topsis", Method::Topsis, "TOPSIS: closeness to the ideal framework and distance from the worst"),
];

/// When to colour the output.
const COLORS: &[Choice<anstream::ColorChoice>] = &[
    ("auto", anstream::ColorChoice::Auto, "Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)"),
    ("always", anstream::ColorChoice::Always, "Always colour, even into a pipe or a file"),
    ("never", anstream::ColorChoice::Never, "Never colour"),
];

/// A subcommand's arguments and the [`Common`] options, defined when that subcommand is parsed
/// or its help, completions or man page are made: clap then defines one subcommand's arguments
/// rather than all of them, which is a third of the cost of parsing (start-up, docs/limits.md).
#[derive(Debug)]
pub struct Deferred<T> {
    /// The subcommand's own arguments.
    pub args: T,
    /// The common options given after its name.
    pub common: Common,
}

impl<T: clap::Args> clap::Args for Deferred<T> {
    fn augment_args(command: clap::Command) -> clap::Command {
        command.defer(|command| keeping_about(command, |c| Common::augment_args(T::augment_args(c))))
    }
    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        command
            .defer(|command| keeping_about(command, |c| Common::augment_args_for_update(T::augment_args_for_update(c))))
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// `define` applied to `command`, keeping the description the subcommand's doc comment gave it:
/// an arguments struct's own doc comment would otherwise replace it, as the deferred definition
/// runs last.
fn keeping_about(command: clap::Command, define: fn(clap::Command) -> clap::Command) -> clap::Command {
    let about = command.get_about().cloned();
    let long_about = command.get_long_about().cloned();
    let command = match about {
        Some(about) => define(command).about(about),
        None => define(command).about(None::<&str>),
    };
    match long_about {
        Some(long_about) => command.long_about(long_about),
        None => command.long_about(None::<&str>),
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        Ok(Deferred { args: T::from_arg_matches(matches)?, common: Common::from_arg_matches(matches)? })
    }
    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        Ok(Deferred { args: T::from_arg_matches_mut(matches)?, common: Common::from_arg_matches_mut(matches)? })
    }
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.args.update_from_arg_matches(matches)?;
        self.common.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(&mut self, matches: &mut clap::ArgMatches) -> Result<(), clap::Error> {
        self.args.update_from_arg_matches_mut(matches)?;
        self.common.update_from_arg_matches_mut(matches)
    }
}

/// Parse the process's arguments; `Err` is what clap stopped for (help, version, a usage error).
pub fn parse() -> Result<Args, clap::Error> {
    // The vocabulary is read only when help may be shown, so that other runs do not pay for it.
    let helping = std::env::args_os().skip(1).any(|arg| arg == "--help" || arg == "help");
    let command = if helping { with_vocabulary(Args::command()) } else { Args::command() };
    Args::from_arg_matches(&command.try_get_matches()?)
}

/// `list --help` ends with the use cases, features and languages the flags take (those of the
/// built-in catalog), one per line.
fn with_vocabulary(command: clap::Command) -> clap::Command {
    let Ok(catalog) = backend_advisor::catalog::Catalog::builtin() else { return command };
    let vocabulary = &catalog.vocabulary;
    let terms = |title: &str, terms: &[backend_advisor::catalog::Term]| {
        let width = terms.iter().map(|t| t.id.len()).max().unwrap_or(0);
        let lines: Vec<String> =
            terms.iter().map(|t| format!("  {:width$}  {}", t.id, short(&t.description, 76 - width))).collect();
        format!("{title}:\n{}", lines.join("\n"))
    };
    let mut languages = String::from("Languages (--language, --team-knows; names and aliases work too):");
    let mut line = String::from(" ");
    for language in &vocabulary.languages {
        if line.len() + language.id.len() + 2 > 78 {
            languages.push_str(&format!("\n{line}"));
            line = String::from(" ");
        }
        line.push_str(&format!(" {}", language.id));
    }
    languages.push_str(&format!("\n{line}"));
    let text = format!(
        "{LIST_EXAMPLES}\n\n{}\n\n{}\n\n{languages}",
        terms("Use cases (--use-case)", &vocabulary.use_cases),
        terms(
            "Features (--require FEATURE[:LEVEL][:free], LEVEL builtin, official or community)",
            &vocabulary.features
        ),
    );
    command.mut_subcommand("list", |list| list.after_long_help(text))
}

/// `text` cut at a word to at most `max` characters, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', '.', ';', ':']).to_string() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_is_well_formed() {
        Args::command().debug_assert();
    }
}
