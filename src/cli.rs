//! The command line: clap definitions (their doc comments are the help text) and the one place
//! where argv becomes domain values. Nothing else in the program knows clap.

use std::path::PathBuf;

use backend_advisor::answers::{AnswerSet, Importance};
use backend_advisor::compare::Section;
use backend_advisor::render::Format;
use backend_advisor::score::Method;
use backend_advisor::sensitivity::{self, Settings};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  backend-advisor                      (on a terminal: the questionnaire, see `ask --help`)
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
#[command(name = "backend-advisor", version, after_long_help = EXAMPLES)]
pub struct Cli {
    /// Layer a catalog file over the built-in one: same id replaces, new id adds (repeatable).
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalogs: Vec<PathBuf>,

    /// When to colour the output: auto (only on a terminal, and not when NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,

    /// Never prompt, even on a terminal (for scripts); `ask` then exits 2.
    #[arg(long, global = true)]
    pub no_input: bool,

    /// What to do; without one, the questionnaire on a terminal and this help elsewhere.
    #[command(subcommand)]
    pub command: Option<Command>,
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
    #[command(subcommand, after_long_help = CATALOG_EXAMPLES)]
    Catalog(CatalogCommand),
    /// Answer a few questions at the terminal and get an explained ranking (the default on a terminal).
    #[command(after_long_help = ASK_EXAMPLES)]
    Ask(AskArgs),
    /// Print a shell completion script; framework ids, presets, use cases, features and languages complete.
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) covering every subcommand.
    #[command(after_long_help = MAN_EXAMPLES)]
    Man,
}

const RECOMMEND_EXAMPLES: &str = "\
Examples:
  backend-advisor recommend --preset startup-mvp
  backend-advisor recommend --performance 5 --community 2 --use-case api --team-knows python --explain
  backend-advisor recommend --language go --language rust --require openapi:community --format json
  backend-advisor recommend --answers answers.yaml --format csv > ranking.csv
  backend-advisor recommend --preset ai-api --format html --output report.html
  backend-advisor recommend --preset ai-api --format adr > docs/decisions/0001-backend-framework.md
  backend-advisor recommend --preset enterprise --sensitivity
  backend-advisor recommend --method topsis --sensitivity --samples 2000 --seed 7 --format json

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
#[derive(Debug, Default, Args)]
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

/// `--concentration`: 1 to 1,000,000. Below 1 the Gamma draws behind the Dirichlet underflow to
/// 0 for small weights and the shares stop meaning anything.
fn concentration(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(k) if (1.0..=1_000_000.0).contains(&k) => Ok(k),
        _ => Err("expected a number from 1 to 1000000".into()),
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

/// `--samples`: 1 to 1,000,000 draws (a million takes about a second; more would only look hung).
fn samples(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err("expected a whole number from 1 to 1000000".into()),
    }
}

fn importance() -> clap::builder::RangedI64ValueParser<u8> {
    clap::value_parser!(u8).range(0..=5)
}

/// What the team cares about and what it is building.
#[derive(Debug, Default, Args)]
pub struct AnswerArgs {
    /// Importance of performance and request-handling efficiency (0 ignore … 5 critical).
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
    pub performance: Option<u8>,
    /// Importance of scalability and readiness for load growth.
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
    pub scalability: Option<u8>,
    /// Importance of developer productivity and maintainability.
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
    pub productivity: Option<u8>,
    /// Importance of integration flexibility with other tools.
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
    pub integration: Option<u8>,
    /// Importance of community, ecosystem maturity and long-term viability.
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
    pub community: Option<u8>,
    /// Importance of fitting the use cases given with --use-case (default 3 when any is given).
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
    pub use_case_fit: Option<u8>,
    /// Importance of the team knowing the language (default 3 when --team-knows is given).
    #[arg(long, value_name = "N", value_parser = importance(), allow_negative_numbers = true, help_heading = "Importance (0-5)")]
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
    #[arg(long, value_name = "N", value_parser = positive, allow_negative_numbers = true)]
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
    /// How to combine the criteria into a score.
    #[arg(long, value_enum, default_value_t = MethodArg::Wsm, help_heading = "Analysis")]
    pub method: MethodArg,
    /// Show how sure the ranking is: a verdict, each framework's share of wins over plausible
    /// weightings, and the weights at which the winner changes.
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

/// `compare` arguments.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two to six frameworks, by id or name in any case, e.g. django fastapi "Spring Boot".
    #[arg(value_name = "ID", num_args = 1.., required = true)]
    pub ids: Vec<String>,
    /// Sections to show, comma-separated, in this order (default: all; score only with answers).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SECTION,...")]
    pub sections: Vec<SectionArg>,
    /// Plain ASCII glyphs, bars and borders instead of Unicode.
    #[arg(long)]
    pub ascii: bool,
    /// Fit the tables to N columns (default: COLUMNS, then the terminal, then 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..=1000))]
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
Keys: arrows move, space ticks a box, Enter answers, type to filter, Esc goes back one question,
Ctrl-C quits (exit 130) without writing anything.
The questionnaire needs a terminal on stdin and stderr; in scripts use `recommend` with the same
flags (`recommend --preset NAME --explain`, `recommend --answers FILE`).";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  source <(backend-advisor completions bash)                       (bash, this shell)
  backend-advisor completions bash > ~/.local/share/bash-completion/completions/backend-advisor
  backend-advisor completions zsh > ~/.zfunc/_backend-advisor      (with fpath+=~/.zfunc)
  backend-advisor completions fish > ~/.config/fish/completions/backend-advisor.fish
  backend-advisor --catalog mine.yaml completions bash   (your own framework ids complete too)";

const MAN_EXAMPLES: &str = "\
Examples:
  backend-advisor man | man -l -
  backend-advisor man > ~/.local/share/man/man1/backend-advisor.1";

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

impl From<ColorArg> for anstream::ColorChoice {
    fn from(arg: ColorArg) -> anstream::ColorChoice {
        match arg {
            ColorArg::Auto => anstream::ColorChoice::Auto,
            ColorArg::Always => anstream::ColorChoice::Always,
            ColorArg::Never => anstream::ColorChoice::Never,
        }
    }
}

/// `ask` arguments: the same answers as `recommend`; the questions they answer are skipped.
#[derive(Debug, Default, Args)]
pub struct AskArgs {
    /// The answers given up front.
    #[command(flatten)]
    pub answers: AnswerArgs,
}

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// The short help, for `backend-advisor` run with no subcommand where it cannot ask.
pub fn help() -> String {
    Cli::command().render_help().to_string()
}

/// Catalog values a shell completes, each with a one-line help: (value, help).
#[derive(Debug, Default)]
pub struct CatalogValues {
    /// Framework ids (arguments named `ID`).
    pub frameworks: Vec<(String, String)>,
    /// Preset ids (`--preset`).
    pub presets: Vec<(String, String)>,
    /// Use-case ids (`TAG`).
    pub use_cases: Vec<(String, String)>,
    /// Feature ids (`FEATURE[:LEVEL]`).
    pub features: Vec<(String, String)>,
    /// Language ids (`LANG`).
    pub languages: Vec<(String, String)>,
}

impl CatalogValues {
    /// The values an argument takes, known by its value name (so a new subcommand's `ID` or `LANG`
    /// argument completes without being listed here).
    fn of(&self, arg: &clap::Arg) -> Option<&[(String, String)]> {
        if arg.get_id() == "preset" {
            return Some(&self.presets);
        }
        match arg.get_value_names()?.first()?.as_str() {
            "ID" => Some(&self.frameworks),
            "TAG" => Some(&self.use_cases),
            "LANG" => Some(&self.languages),
            "FEATURE[:LEVEL]" => Some(&self.features),
            _ => None,
        }
    }

    /// `command` with every catalog-valued argument offering its values, at every depth. Used
    /// only to generate completions: parsing keeps its own checks and "did you mean" messages.
    fn attach(&self, command: clap::Command) -> clap::Command {
        command
            .mut_args(|arg| match self.of(&arg) {
                Some(values) => {
                    let possible =
                        values.iter().map(|(value, help)| clap::builder::PossibleValue::new(value).help(help));
                    arg.value_parser(clap::builder::PossibleValuesParser::new(possible))
                }
                None => arg,
            })
            .mut_subcommands(|sub| self.attach(sub))
    }
}

/// The completion script for `shell`, completing catalog values too. Built in memory: the
/// generator panics when it writes into a closed pipe itself.
pub fn completion_script(shell: clap_complete::Shell, values: &CatalogValues) -> Vec<u8> {
    let mut command = values.attach(Cli::command());
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "backend-advisor", &mut script);
    if shell == clap_complete::Shell::Bash {
        // The bash generator spells a subcommand's state two ways when the program's name has a
        // hyphen, so no subcommand's words complete (clap-rs/clap#6421); use the loop's spelling.
        let fixed = String::from_utf8_lossy(&script).replace("backend__subcmd__advisor", "backend__advisor");
        return fixed.into_bytes();
    }
    if shell == clap_complete::Shell::Fish {
        // The fish generator completes option values but not positional ones (`show ID`).
        let plain = |help: &str| help.replace(['\'', '"', '\\', '$'], "");
        for sub in command.get_subcommands() {
            for values in sub.get_positionals().filter_map(|arg| values.of(arg)) {
                let words: Vec<String> = values.iter().map(|(v, help)| format!("{v}\\t'{}'", plain(help))).collect();
                let line = format!(
                    "complete -c backend-advisor -n \"__fish_backend_advisor_using_subcommand {}\" -f -a \"{}\"\n",
                    sub.get_name(),
                    words.join("\n")
                );
                script.extend_from_slice(line.as_bytes());
            }
        }
    }
    script
}

/// The manual page in roff: the program's own sections, then one section per subcommand (at
/// every depth) with its synopsis, description, options and examples.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut root = Cli::command();
    root.build();
    let man = clap_mangen::Man::new(root.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in subcommands(&root) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name()).to_string();
        page.extend_from_slice(format!(".SS \"{}\"\n", name.replace('-', "\\-")).as_bytes());
        // The global options are described once, at the top.
        let sub = sub.clone().mut_args(|arg| if arg.is_global_set() { arg.hide(true) } else { arg });
        let man = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section)?;
        }
        if sub.get_after_long_help().is_some() {
            man.render_extra_section(&mut section)?;
        }
        page.extend_from_slice(&demote(&String::from_utf8_lossy(&section)).into_bytes());
    }
    let mut tail = Vec::new();
    man.render_extra_section(&mut tail)?;
    man.render_version_section(&mut tail)?;
    page.extend_from_slice(&String::from_utf8_lossy(&tail).replacen(".SH EXTRA", ".SH EXAMPLES", 1).into_bytes());
    Ok(tidy(&String::from_utf8_lossy(&page)).into_bytes())
}

/// Every section rendered on its own repeats the same two-line string definition: keep the
/// first. Non-ASCII characters become groff escapes, so the page reads the same without preconv.
fn tidy(roff: &str) -> String {
    let is_definition = |line: &str| line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
    let mut out = String::new();
    for (index, line) in roff.lines().enumerate() {
        if index >= 2 && is_definition(line) {
            continue;
        }
        for c in line.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
            }
        }
        out.push('\n');
    }
    out
}

/// Every subcommand below `command`, depth first, without clap's `help`.
fn subcommands(command: &clap::Command) -> Vec<&clap::Command> {
    let mut all = Vec::new();
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
        all.push(sub);
        all.extend(subcommands(sub));
    }
    all
}

/// A page's sections become labelled paragraphs inside a subcommand's `.SS` section.
fn demote(roff: &str) -> String {
    let mut out = String::new();
    for line in roff.lines() {
        match line.strip_prefix(".SH ") {
            Some("SYNOPSIS") => {}
            Some("DESCRIPTION") => out.push_str(".PP\n"),
            Some("EXTRA") => out.push_str(".PP\n"),
            Some(title) => out.push_str(&format!(".PP\n\\fB{}\\fR\n", title.trim_matches('"'))),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
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
        let Some(Command::Recommend(args)) = cli.command else { panic!("recommend expected") };
        let set = args.answers.answer_set();
        assert_eq!(set.importance.performance, Some(5));
        assert_eq!(set.importance.community, None);
        assert_eq!(set.use_cases, Some(vec!["api".to_string()]));
        assert_eq!(set.languages, None);
    }

    #[test]
    fn sensitivity_settings_default_and_need_the_flag() {
        let cli = Cli::parse_from(["backend-advisor", "recommend", "--sensitivity", "--seed", "7"]);
        let Some(Command::Recommend(args)) = cli.command else { panic!("recommend expected") };
        let settings = args.sensitivity_settings().expect("asked for");
        assert_eq!((settings.samples, settings.seed, settings.concentration), (10_000, 7, 50.0));
        assert!(Cli::try_parse_from(["backend-advisor", "recommend", "--samples", "10"]).is_err());
        assert!(
            Cli::try_parse_from(["backend-advisor", "recommend", "--sensitivity", "--concentration", "0"]).is_err()
        );
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
        let Some(Command::Compare(args)) = cli.command else { panic!("compare expected") };
        assert_eq!(args.ids, ["django", "flask"]);
        assert_eq!(args.sections, [SectionArg::Score, SectionArg::BestFor]);
        assert!(args.has_answers());
        assert_eq!(args.format.comparison_format(), None);
        assert_eq!(args.output.output, Some(PathBuf::from("report.html")));
        let plain = Cli::parse_from(["backend-advisor", "compare", "django", "flask"]);
        let Some(Command::Compare(plain)) = plain.command else { panic!("compare expected") };
        assert!(!plain.has_answers());
        // How many frameworks is checked by the library, with a message naming the range.
        assert!(Cli::try_parse_from(["backend-advisor", "compare"]).is_err());
    }
}
