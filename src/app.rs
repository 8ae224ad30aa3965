//! Runs one parsed command line: loads the catalog, does the work, writes the output, and is the
//! one place that turns errors into exit codes and messages.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use backend_advisor::answers::{self, AnswerSet};
use backend_advisor::catalog::{self, Catalog, Framework};
use backend_advisor::compare::{self, Section};
use backend_advisor::provenance::Provenance;
use backend_advisor::render::{self, Options, sheet::Charset};
use backend_advisor::{Error, score, sensitivity};

use crate::ask;
use crate::cli::{self, AnswerArgs, AskArgs, CatalogCommand, Cli, Command, CompareArgs, OutputArgs};
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
    // --color, NO_COLOR, CLICOLOR_FORCE, TERM and the terminal, as anstream weighs them.
    let color =
        target.output.is_none() && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    Options { explain, width, color, top }
}

/// Run the command; `Ok` carries the exit code of a command that finished (0, or 65 from
/// `catalog validate` when it found problems).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    anstream::ColorChoice::write_global(cli.color.into());
    let interactive = can_prompt(cli.no_input);
    let load = || Catalog::load(&cli.catalogs);
    let command = match cli.command {
        Some(command) => command,
        None if interactive => Command::Ask(AskArgs::default()),
        None => {
            let _ = std::io::stderr().write_all(cli::help().as_bytes());
            return Ok(ExitCode::from(2));
        }
    };
    match command {
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
            let failures = catalog::validate_files(&files)?;
            if failures.is_empty() {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                return write_out(&format!("valid: {}\n", names.join(", ")));
            }
            let mut report = String::new();
            let mut count = 0;
            for failure in &failures {
                match failure {
                    Error::InvalidData(problems) => {
                        report.push_str(&problem_lines(problems, "error: "));
                        count += problems.len();
                    }
                    other => {
                        report.push_str(&format!("error: {other}\n"));
                        count += 1;
                    }
                }
            }
            report.push_str(&format!("{count} problem(s) found\n"));
            let _ = std::io::stderr().write_all(report.as_bytes());
            // An unreadable file (66) outranks invalid data (65): the check could not be done.
            Ok(ExitCode::from(failures.iter().map(Error::exit_code).max().unwrap_or(65)))
        }
        Command::Ask(args) => ask(&cli.catalogs, &args.answers, interactive),
        Command::Completions(args) => {
            let values = catalog_values(&load()?)?;
            write_out(&String::from_utf8_lossy(&cli::completion_script(args.shell, &values)))
        }
        Command::Man => write_out(&String::from_utf8_lossy(&cli::man_page().context("cannot render the man page")?)),
    }
}

/// Whether to prompt: decided here and nowhere else. Prompts are drawn on stderr and keys are
/// read from the terminal even when stdin is a pipe, so both must be terminals.
fn can_prompt(no_input: bool) -> bool {
    !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The questionnaire, with the answers given by flags and `--answers` checked first and their
/// questions skipped.
fn ask(catalogs: &[PathBuf], args: &AnswerArgs, interactive: bool) -> anyhow::Result<ExitCode> {
    let catalog = Catalog::load(catalogs)?;
    let vocabulary = &catalog.vocabulary;
    let given =
        answers::Layers::gather(vocabulary, &args.answer_set(), args.answers.as_deref(), args.preset.as_deref())?;
    // Given values are checked first, so a typo is told even where no questions can be asked.
    if !interactive {
        return Err(Error::InvalidArgument(Box::new(backend_advisor::Problem {
            origin: backend_advisor::Origin::Flag("ask".into()),
            entry: None,
            field: None,
            message: "the questionnaire needs a terminal on stdin and stderr (and no --no-input)".into(),
            hint: Some(
                "give the answers as flags instead: `backend-advisor recommend --preset NAME --explain`, \
                 `recommend --answers FILE`, or `recommend --performance N --use-case TAG --team-knows LANG ...`"
                    .into(),
            ),
        }))
        .into());
    }
    let presets = answers::presets(vocabulary)?;
    let styled = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let session = ask::Session {
        catalog: &catalog,
        presets: &presets,
        given: given.explicit(),
        start_given: given.preset.is_some() || given.file.is_some(),
        preset: given.preset.as_ref(),
        given_pairwise: given.located_pairwise().cloned(),
        options: options(true, None, &OutputArgs::default()),
        styled,
        catalogs,
    };
    let mut prompter = ask::terminal::Terminal::new(styled, session.options.width);
    ask::run(&session, &mut prompter, &mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}

/// What shells complete from the catalog: framework ids, presets, use cases, features, languages.
fn catalog_values(catalog: &Catalog) -> anyhow::Result<cli::CatalogValues> {
    let vocabulary = &catalog.vocabulary;
    let pair = |id: &str, help: &str| (id.to_string(), help.to_string());
    Ok(cli::CatalogValues {
        frameworks: catalog.frameworks.iter().map(|f| pair(&f.id, &f.name)).collect(),
        presets: answers::presets(vocabulary)?.iter().map(|p| pair(&p.id, &p.description)).collect(),
        use_cases: vocabulary.use_cases.iter().map(|u| pair(&u.id, &u.description)).collect(),
        features: vocabulary.features.iter().map(|f| pair(&f.id, &f.description)).collect(),
        languages: vocabulary.languages.iter().map(|l| pair(&l.id, &l.name)).collect(),
    })
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

/// What clap stopped for: `--help` and `--version` are written like any output (so a full disk
/// is an error and a closed pipe a success); usage errors go to stderr with clap's exit code, 2.
pub fn clap_outcome(error: &clap::Error) -> ExitCode {
    if error.use_stderr() {
        let _ = error.print();
        return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    }
    let mut stdout = anstream::stdout();
    let written = write!(stdout, "{}", error.render().ansi()).and_then(|()| stdout.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            report(&anyhow::Error::from(e).context("cannot write the output"))
        }
        _ => ExitCode::SUCCESS,
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

/// The most problems of one file printed; past that the rest are counted, not listed (a file of
/// 200,000 broken entries would otherwise print 200,000 lines).
const MAX_PROBLEMS_SHOWN: usize = 50;

/// One line per problem, `prefix` first, the first [`MAX_PROBLEMS_SHOWN`] of them.
fn problem_lines(problems: &[backend_advisor::Problem], prefix: &str) -> String {
    let mut text: String = problems.iter().take(MAX_PROBLEMS_SHOWN).map(|p| format!("{prefix}{p}\n")).collect();
    if problems.len() > MAX_PROBLEMS_SHOWN {
        text.push_str(&format!("{prefix}… and {} more in the same file\n", problems.len() - MAX_PROBLEMS_SHOWN));
    }
    text
}

/// Print an error to stderr and return its documented exit code.
pub fn report(error: &anyhow::Error) -> ExitCode {
    // Ctrl-C at a prompt: the person knows; say nothing more.
    if matches!(error.downcast_ref::<ask::PromptError>(), Some(ask::PromptError::Interrupted)) {
        return ExitCode::from(130);
    }
    let code = error.downcast_ref::<Error>().map_or(1, Error::exit_code);
    let message = match error.downcast_ref::<Error>() {
        Some(Error::InvalidData(problems)) if problems.len() > 1 => {
            format!("error: {} problems in the input data:\n{}", problems.len(), problem_lines(problems, "  "))
        }
        _ => format!("error: {error:#}\n"),
    };
    let _ = std::io::stderr().write_all(message.as_bytes());
    ExitCode::from(code)
}
