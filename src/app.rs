//! Runs one parsed command line: loads the catalog, does the work, writes the output, and is the
//! one place that turns errors into exit codes and messages.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use backend_advisor::answers::{self, AnswerSet};
use backend_advisor::catalog::{self, Catalog, Framework};
use backend_advisor::compare::{self, Section};
use backend_advisor::provenance::Provenance;
use backend_advisor::render::{self, Options, sheet::Charset};
use backend_advisor::{Error, score};

use crate::cli::{CatalogCommand, Cli, Command, CompareArgs, OutputArgs};
use crate::output;

/// Presentation decided once from the environment: width for tables, colour or not. A report
/// written to a file gets neither the terminal's width nor colour.
fn options(explain: bool, top: Option<usize>, target: &OutputArgs) -> Options {
    let stdout_is_terminal = target.output.is_none() && std::io::stdout().is_terminal();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|&w| w > 0)
        // comfy-table asks the terminal only when stdout is one.
        .or_else(|| if stdout_is_terminal { comfy_table::Table::new().width() } else { None });
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = stdout_is_terminal && !no_color && std::env::var("TERM").map_or(true, |t| t != "dumb");
    Options { explain, width, color, top }
}

/// Run the command; `Ok` carries the exit code of a command that finished (0, or 65 from
/// `catalog validate` when it found problems).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let load = || Catalog::load(&cli.catalogs);
    match cli.command {
        Command::Recommend(args) => {
            let catalog = load()?;
            let answers = answers::collect(
                &catalog.vocabulary,
                &args.answers.answer_set(),
                args.answers.answers.as_deref(),
                args.answers.preset.as_deref(),
            )?;
            let ranking = score::rank(&catalog, &answers)?;
            let text = match args.format.ranking_format() {
                Some(format) => {
                    let top = args.top.or(format.default_top());
                    render::ranking(format, &ranking, &catalog.vocabulary, &options(args.explain, top, &args.output))?
                }
                None if args.format == crate::cli::RecommendFormatArg::Adr => {
                    render::adr::record(&ranking, args.top.unwrap_or(3), &answers, &catalog, &provenance())?
                }
                None => {
                    let shown = ranking.top(Some(args.top.unwrap_or(10)));
                    let total = ranking.ranking.len();
                    render::html::ranking(&shown, total, &answers, &catalog.vocabulary, &provenance())
                }
            };
            emit(&text, &args.output)
        }
        Command::Compare(args) => {
            let catalog = load()?;
            let text = compare(&catalog, &args)?;
            emit(&text, &args.output)
        }
        Command::List(args) => {
            let catalog = load()?;
            let filters = args.filters();
            answers::check(&filters, &catalog.vocabulary, &answers::Source::Flags)?;
            let selected = select(&catalog, &filters)?;
            let format = render::Format::from(args.format);
            emit(&render::frameworks(format, &selected, &catalog, &options(false, None, &args.output))?, &args.output)
        }
        Command::Show(args) => {
            let catalog = load()?;
            let framework = catalog.find(&args.id, backend_advisor::Origin::Flag("ID".into()))?;
            let format = render::Format::from(args.format);
            let options = options(false, None, &args.output);
            emit(&render::framework(format, framework, &catalog.vocabulary, &options)?, &args.output)
        }
        Command::Presets(args) => {
            let catalog = load()?;
            let presets = answers::presets(&catalog.vocabulary)?;
            emit(&render::presets(args.format.into(), &presets, &options(false, None, &args.output))?, &args.output)
        }
        Command::Catalog(CatalogCommand::Export) => write_out(catalog::BUILTIN_YAML),
        Command::Catalog(CatalogCommand::Validate { files }) => {
            let problems = catalog::validate_files(&files)?;
            if problems.is_empty() {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                return write_out(&format!("valid: {}\n", names.join(", ")));
            }
            let mut report = String::new();
            for problem in &problems {
                report.push_str(&format!("error: {problem}\n"));
            }
            report.push_str(&format!("{} problem(s) found\n", problems.len()));
            let _ = std::io::stderr().write_all(report.as_bytes());
            Ok(ExitCode::from(65))
        }
    }
}

/// The frameworks that pass `list`'s filters: language, every use case, every requirement.
fn select<'a>(catalog: &'a Catalog, filters: &AnswerSet) -> anyhow::Result<Vec<&'a Framework>> {
    let answers =
        answers::Answers::resolve(filters, &catalog.vocabulary, backend_advisor::Origin::Flag("list".into()))?;
    Ok(catalog
        .frameworks
        .iter()
        .filter(|f| score::exclusion_reasons(f, &answers).is_empty())
        .filter(|f| answers.use_cases.iter().all(|u| f.best_for.contains(u)))
        .collect())
}

/// Compare the frameworks `compare` names, scored when answers are given or the score section
/// is asked for.
fn compare(catalog: &Catalog, args: &CompareArgs) -> anyhow::Result<String> {
    let vocabulary = &catalog.vocabulary;
    let given = if args.has_answers() {
        Some(answers::collect(
            vocabulary,
            &args.answers.answer_set(),
            args.answers.answers.as_deref(),
            args.answers.preset.as_deref(),
        )?)
    } else {
        None
    };
    let sections: Vec<Section> = args.sections.iter().map(|&s| s.into()).collect();
    let sections = (!sections.is_empty()).then_some(sections.as_slice());
    let comparison = compare::compare(catalog, &args.ids, sections, given.as_ref())?;
    let mut options = options(false, None, &args.output);
    // --width beats COLUMNS and the terminal; without any, 80 columns keep the text readable.
    options.width = args.width.or(options.width).or(Some(80));
    let charset = if args.ascii { Charset::Ascii } else { Charset::Unicode };
    Ok(match args.format.comparison_format() {
        Some(format) => render::comparison(format, &comparison, vocabulary, &options, charset)?,
        None => render::html::comparison(&comparison, vocabulary, &provenance()),
    })
}

/// When and how this report is made: the command line as run and today's date, or the date of
/// `SOURCE_DATE_EPOCH` (seconds since 1970) for reproducible reports.
fn provenance() -> Provenance {
    let mut args = std::env::args_os().map(|a| a.to_string_lossy().into_owned());
    let program = args.next().unwrap_or_else(|| env!("CARGO_PKG_NAME").to_string());
    let rest: Vec<String> = args.collect();
    let now = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    });
    Provenance::new(&program, &rest, now, env!("CARGO_PKG_VERSION"))
}

/// Write a report where `--output` says: a file, or stdout.
fn emit(text: &str, target: &OutputArgs) -> anyhow::Result<ExitCode> {
    match &target.output {
        Some(path) => output::write(path, text, target.force).map(|()| ExitCode::SUCCESS),
        None => write_out(text),
    }
}

/// Write to stdout; a closed pipe is a quiet success.
fn write_out(text: &str) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write the output"),
    }
}

/// Print an error to stderr and return its documented exit code.
pub fn report(error: &anyhow::Error) -> ExitCode {
    let code = error.downcast_ref::<Error>().map_or(1, Error::exit_code);
    let message = match error.downcast_ref::<Error>() {
        Some(Error::InvalidData(problems)) if problems.len() > 1 => {
            let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            format!("error: {} problems in the input data:\n{}\n", problems.len(), lines.join("\n"))
        }
        _ => format!("error: {error:#}\n"),
    };
    let _ = std::io::stderr().write_all(message.as_bytes());
    ExitCode::from(code)
}
