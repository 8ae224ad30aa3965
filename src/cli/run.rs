//! Runs one [`Request`]: one function per command, loading the catalog, doing the work and
//! writing the output; the one place that turns errors into exit codes and messages.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use backend_advisor::answers::team::Team;
use backend_advisor::answers::{self, AnswerSet, Layers, Sources};
use backend_advisor::catalog::{self, Catalog, Framework};
use backend_advisor::decide::compare::Comparison;
use backend_advisor::decide::{self, Analysis, score, why_not};
use backend_advisor::provenance::Provenance;
use backend_advisor::render::{self, Context, Options};
use backend_advisor::{Error, Origin, Problem};

use super::ask;
use super::completions::{self, CatalogValues};
use super::request::{Destination, Request, Task};
use super::{args, decisions, man, refresh, write};

/// Run the request; `Ok` carries the exit code of a command that finished (0, or 65 from
/// `catalog validate` when it found problems).
pub fn run(request: Request) -> anyhow::Result<ExitCode> {
    let catalogs = &request.catalogs;
    // The overlay is read once, by the first command that needs the catalog; a broken one is
    // named in a warning and skipped, never an error.
    let overlay_cell = std::cell::OnceCell::new();
    let overlay = || {
        overlay_cell
            .get_or_init(|| match (&request.facts, request.offline) {
                (Some(path), false) => refresh::overlay(path),
                _ => None,
            })
            .as_ref()
    };
    let today = provenance(false).date;
    // The refreshed facts are applied by every command that reads the catalog, which says so once.
    let load = || match overlay() {
        Some(overlay) => {
            let _ = writeln!(std::io::stderr(), "{}", overlay.layer.name);
            overlay.catalog.clone().load_on(catalogs)
        }
        None => Catalog::load(catalogs),
    };
    // Reports and `show` say when the facts they rest on are old.
    let warn_if_old = |catalog: &Catalog| {
        let date = overlay()
            .and_then(|o| backend_advisor::refresh::refreshed_on(&o.layer.text))
            .unwrap_or_else(|| catalog.vocabulary.reviewed.to_string());
        let age = backend_advisor::refresh::days(&today).zip(backend_advisor::refresh::days(&date)).map(|(t, d)| t - d);
        if age.is_some_and(|age| age > backend_advisor::refresh::STALE_AFTER_DAYS) {
            let _ = writeln!(
                std::io::stderr(),
                "warning: the facts in use are from {date}, more than 6 months ago; `backend-advisor catalog refresh` reads today's"
            );
        }
    };
    match request.task {
        Task::Help => {
            let _ = std::io::stderr().write_all(args::help().as_bytes());
            Ok(ExitCode::from(2))
        }
        Task::Recommend { sources, team, analysis, format, options, output, record } => {
            let catalog = load()?;
            warn_if_old(&catalog);
            let (mut answers, recommendation) = match &team {
                Some(roster) => {
                    let team = Team::read(&catalog.vocabulary, roster, &sources)?;
                    decide::team::rank(&catalog, &team, &analysis)?
                }
                None => {
                    let answers = Layers::read(&catalog.vocabulary, &sources)?.resolve(&catalog.vocabulary)?;
                    let recommendation = decide::rank(&catalog, &answers, &analysis)?;
                    (answers, recommendation)
                }
            };
            if let Some(inconsistency) = recommendation.ranking.weighting.inconsistency() {
                let _ = std::io::stderr().write_all(format!("warning: {inconsistency}\n").as_bytes());
            }
            // A decision record names its radar relative to the folder it is written into, where
            // `verify` looks for it, and its command reproduces the ranking, not the writing.
            let folder = match (&record, &output.path) {
                (Some(target), _) => Some(target.folder.clone()),
                (None, Some(file)) if format == render::Format::Adr => file.parent().map(PathBuf::from),
                _ => None,
            };
            if let (Some(folder), Some(radar)) = (&folder, answers.radar.as_mut()) {
                radar.path = decisions::relative(folder, std::path::Path::new(&radar.path));
            }
            let provenance = provenance(record.is_some());
            let context = Context { answers: &answers, catalog: &catalog, provenance: &provenance };
            let text = render::ranking(format, &recommendation, &context, &options)?;
            match &record {
                Some(target) => decisions::write_record(target, &text, answers.title.as_deref()),
                None => emit(&text, &output),
            }
        }
        Task::Compare { ids, sections, sources, format, options, charset, output } => {
            let catalog = load()?;
            warn_if_old(&catalog);
            let answers = match &sources {
                Some(sources) => Some(Layers::read(&catalog.vocabulary, sources)?.resolve(&catalog.vocabulary)?),
                None => None,
            };
            let comparison = Comparison::new(&catalog, &ids, sections.as_deref(), answers.as_ref())?;
            let text =
                render::comparison(format, &comparison, &catalog.vocabulary, &options, charset, &provenance(false))?;
            emit(&text, &output)
        }
        Task::List { mut filters, order, format, options, output } => {
            let catalog = load()?;
            answers::normalize(&mut filters, &catalog.vocabulary);
            answers::check(&filters, &catalog.vocabulary, &answers::Source::Flags)?;
            let mut selected = select(&catalog, &filters)?;
            order.sort(&mut selected);
            emit(&render::frameworks(format, &selected, &catalog, &options)?, &output)
        }
        Task::Show { id, format, options, output } => {
            let catalog = load()?;
            warn_if_old(&catalog);
            let framework = catalog.find(&id, Origin::Flag("ID".into()))?;
            emit(&render::framework(format, framework, &catalog.vocabulary, &options)?, &output)
        }
        Task::WhyNot { id, sources, method, format, options, output } => {
            let catalog = load()?;
            let answers = Layers::read(&catalog.vocabulary, &sources)?.resolve(&catalog.vocabulary)?;
            let recommendation = decide::rank(&catalog, &answers, &Analysis { method, sensitivity: None })?;
            let why = why_not::explain(&recommendation, &catalog, &id)?;
            emit(&render::why_not::render(format, &why, &catalog.vocabulary, &options)?, &output)
        }
        Task::Sources { ids, format, options, output } => {
            let catalog = load()?;
            let sources = catalog.sources_named(&ids, Origin::Flag("ID".into()))?;
            emit(&render::sources(format, &sources, &options)?, &output)
        }
        Task::Presets { format, options, output } => {
            let catalog = load()?;
            let presets = answers::presets(&catalog.vocabulary)?;
            emit(&render::presets(format, &presets, &options)?, &output)
        }
        Task::ExportCatalog => write_out(catalog::BUILTIN_YAML),
        Task::ValidateCatalogs(files) => validate(&files),
        Task::Ask { sources, interactive, options, compare_width, styled } => {
            ask(catalogs, &sources, interactive, options, compare_width, styled)
        }
        Task::Completions(shell) => {
            let values = catalog_values(&load()?)?;
            write_out(&String::from_utf8_lossy(&completions::script(shell, &values)))
        }
        Task::Man => write_out(&String::from_utf8_lossy(&man::page().context("cannot render the man page")?)),
        Task::Refresh { timeout, jobs, github_token, test_services } => {
            let Some(path) = &request.facts else {
                anyhow::bail!(
                    "no data directory is known for this user (HOME is not set), so there is nowhere to keep the facts"
                );
            };
            let current = match overlay() {
                Some(overlay) => overlay.catalog.clone(),
                None => Catalog::builtin()?,
            };
            let settings = refresh::Settings { timeout, jobs, github_token, test_services };
            refresh::run(&current, path, &settings, &today)
        }
        Task::Layers(id, options) => {
            let catalog = load()?;
            let id = catalog.find(&id, Origin::Flag("ID".into()))?.id.clone();
            let (_, steps) = Catalog::history(overlay().map(|o| &o.layer), catalogs, &id)?;
            let settings = catalog::layers::attribute(&steps);
            let width = settings.iter().map(|s| s.field.chars().count()).max().unwrap_or(0);
            let layer_width = settings.iter().map(|s| s.layer.chars().count()).max().unwrap_or(0);
            let mut text = String::new();
            // Each value whole, wrapped under itself to the width (never cut); too narrow for a
            // column of 30, each value goes under its field, indented.
            let total = usize::from(options.width.unwrap_or(100));
            let column = width + 2 + layer_width + 2;
            let stacked = total.saturating_sub(column) < 30;
            let (column, room) = if stacked { (4, total.saturating_sub(4).max(20)) } else { (column, total - column) };
            text.push_str(&if stacked {
                "field  layer\n    value\n".to_string()
            } else {
                format!("{:width$}  {:layer_width$}  value\n", "field", "layer")
            });
            for s in &settings {
                let value = render::table::wrap(&s.value.replace('\n', " "), room, "")
                    .join(&format!("\n{}", " ".repeat(column)));
                if stacked {
                    text.push_str(&format!("{}  {}\n    {value}\n", s.field, s.layer));
                } else {
                    text.push_str(&format!("{:width$}  {:layer_width$}  {value}\n", s.field, s.layer));
                }
            }
            write_out(&text)
        }
        Task::Verify { file, warn_eol, format } => {
            let catalog = load()?;
            let today_days = backend_advisor::refresh::days(&today).unwrap_or(0);
            decisions::verify(&file, &catalog, catalogs, today_days, warn_eol, format)
        }
    }
}

/// `catalog validate`: every problem of every file, then the exit code of the worst.
fn validate(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let failures = catalog::validate::validate_files(files)?;
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

/// The questionnaire, with the answers given by flags and `--answers` checked first and their
/// questions skipped.
fn ask(
    catalogs: &[PathBuf],
    sources: &Sources,
    interactive: bool,
    options: Options,
    compare_width: u16,
    styled: bool,
) -> anyhow::Result<ExitCode> {
    let catalog = Catalog::load(catalogs)?;
    let vocabulary = &catalog.vocabulary;
    let given = Layers::read(vocabulary, sources)?;
    // Given values are checked first, so a typo is told even where no questions can be asked.
    if !interactive {
        return Err(Error::InvalidArgument(Box::new(Problem {
            origin: Origin::Command("ask".into()),
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
    let session = ask::Session {
        catalog: &catalog,
        presets: &presets,
        given: given.explicit(),
        start_given: given.preset.is_some() || given.file.is_some(),
        preset: given.preset.as_ref(),
        given_pairwise: given.located_pairwise().cloned(),
        options,
        compare_width,
        provenance: provenance(false),
        styled,
        catalogs,
    };
    let mut prompter = ask::terminal::Terminal::new(styled, session.options.width);
    ask::run(&session, &mut prompter, &mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}

/// What shells complete from the catalog: framework ids, presets, use cases, features, languages.
fn catalog_values(catalog: &Catalog) -> anyhow::Result<CatalogValues> {
    let vocabulary = &catalog.vocabulary;
    let pair = |id: &str, help: &str| (id.to_string(), help.to_string());
    Ok(CatalogValues {
        frameworks: catalog.frameworks.iter().map(|f| pair(&f.id, &f.name)).collect(),
        presets: answers::presets(vocabulary)?.iter().map(|p| pair(&p.id, &p.description)).collect(),
        use_cases: vocabulary.use_cases.iter().map(|u| pair(&u.id, &u.description)).collect(),
        features: vocabulary.features.iter().map(|f| pair(&f.id, &f.description)).collect(),
        languages: vocabulary.languages.iter().map(|l| pair(&l.id, &l.name)).collect(),
    })
}

/// The frameworks that pass `list`'s filters: language, every use case, every requirement.
fn select<'a>(catalog: &'a Catalog, filters: &AnswerSet) -> anyhow::Result<Vec<&'a Framework>> {
    let answers = answers::Answers::resolve(filters, &catalog.vocabulary, Origin::Command("list".into()))?;
    Ok(catalog
        .frameworks
        .iter()
        .filter(|f| score::exclusion_reasons(f, &answers).is_empty())
        .filter(|f| answers.use_cases.iter().all(|u| f.use_cases.all().any(|t| t == u)))
        .collect())
}

/// When and how this report is made: the command line as run and today's date, or the date of
/// `SOURCE_DATE_EPOCH` (seconds since 1970) for reproducible reports.
fn provenance(into_folder: bool) -> Provenance {
    let mut args = std::env::args_os().map(|a| a.to_string_lossy().into_owned());
    let program = args.next().unwrap_or_else(|| env!("CARGO_PKG_NAME").to_string());
    let rest: Vec<String> = args.collect();
    let rest = if into_folder { decisions::without_writing(rest) } else { rest };
    let now = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    });
    Provenance::new(&program, &rest, now, env!("CARGO_PKG_VERSION"))
}

/// Write a report where `--output` says: a file, or stdout.
fn emit(text: &str, target: &Destination) -> anyhow::Result<ExitCode> {
    match &target.path {
        Some(path) => write::write(path, text, target.force).map(|()| ExitCode::SUCCESS),
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
pub(super) fn write_out(text: &str) -> anyhow::Result<ExitCode> {
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
fn problem_lines(problems: &[Problem], prefix: &str) -> String {
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
        // Text from outside (a path, a value) is shown, never acted on by the terminal.
        _ => format!("error: {}\n", backend_advisor::escape::echoed(&format!("{error:#}"))),
    };
    let _ = std::io::stderr().write_all(message.as_bytes());
    ExitCode::from(code)
}
