//! Runs one parsed command line: loads the catalog, does the work, writes the output, and is the
//! one place that turns errors into exit codes and messages.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use backend_advisor::answers::{self, AnswerSet};
use backend_advisor::catalog::{self, Catalog, Framework};
use backend_advisor::render::{self, Options};
use backend_advisor::{Error, score, sensitivity};

use crate::cli::{CatalogCommand, Cli, Command};

/// Presentation decided once from the environment: width for tables, colour or not.
fn options(explain: bool, top: Option<usize>) -> Options {
    let stdout_is_terminal = std::io::stdout().is_terminal();
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
            let mut ranking = score::rank_by(&catalog, &answers, args.method.into())?;
            if let Some(inconsistency) = ranking.weighting.inconsistency() {
                let _ = std::io::stderr().write_all(format!("warning: {inconsistency}\n").as_bytes());
            }
            if let Some(settings) = args.sensitivity_settings() {
                ranking.sensitivity = sensitivity::analyse(&ranking, &settings);
            }
            let format = render::Format::from(args.format);
            let top = args.top.or(format.default_top());
            write_out(&render::ranking(format, &ranking, &catalog.vocabulary, &options(args.explain, top))?)
        }
        Command::List(args) => {
            let catalog = load()?;
            let filters = args.filters();
            answers::check(&filters, &catalog.vocabulary, &answers::Source::Flags)?;
            let selected = select(&catalog, &filters)?;
            let format = render::Format::from(args.format);
            write_out(&render::frameworks(format, &selected, &catalog, &options(false, None))?)
        }
        Command::Show(args) => {
            let catalog = load()?;
            let framework = catalog.find(&args.id, backend_advisor::Origin::Flag("ID".into()))?;
            let format = render::Format::from(args.format);
            write_out(&render::framework(format, framework, &catalog.vocabulary, &options(false, None))?)
        }
        Command::Presets(args) => {
            let catalog = load()?;
            let presets = answers::presets(&catalog.vocabulary)?;
            write_out(&render::presets(args.format.into(), &presets, &options(false, None))?)
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
