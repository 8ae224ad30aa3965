//! The parsed command line turned into a [`Request`], once: formats, `--top`, width, colour,
//! charset and answer sources decided here, so that nothing after this point reads a clap type,
//! the environment or the terminal, or applies a default.

use std::io::IsTerminal;
use std::path::PathBuf;

use backend_advisor::answers::team::Roster;
use backend_advisor::answers::{AnswerSet, Importance, Sources};
use backend_advisor::catalog::Order;
use backend_advisor::decide::Analysis;
use backend_advisor::decide::compare::Section;
use backend_advisor::decide::score::Method;
use backend_advisor::decide::sensitivity::{self, Settings};
use backend_advisor::render::side_by_side::Charset;
use backend_advisor::render::{Format, Options};

use super::args::{AnswerArgs, Args, CatalogCommand, Command, Deferred, OutputArgs, RecommendArgs};

/// The width tables are fitted to when neither `--width`, `COLUMNS` nor a terminal says: a pipe,
/// a file or a pager.
const DEFAULT_WIDTH: u16 = 100;

/// The facts overlay's file name in the data directory.
const FACTS_FILE: &str = "facts.yaml";

/// One run of the program, in domain terms.
#[derive(Debug)]
pub struct Request {
    /// The `--catalog` files layered over the built-in catalog, in order.
    pub catalogs: Vec<PathBuf>,
    /// Where `catalog refresh` writes the facts overlay (`None`: no data directory is known).
    pub facts: Option<PathBuf>,
    /// Whether to ignore that overlay (`--offline`, `BACKEND_ADVISOR_OFFLINE`).
    pub offline: bool,
    /// What to do.
    pub task: Task,
}

/// What a run does, with everything it needs decided.
#[derive(Debug)]
pub enum Task {
    /// Rank the frameworks.
    Recommend {
        /// Where the answers come from.
        sources: Sources,
        /// The team, when several people decide (`--answers` more than once, or `--team`); its
        /// members' files take the place of `sources.file`.
        team: Option<Roster>,
        /// Method and sensitivity settings.
        analysis: Analysis,
        /// The output format (`html` and `adr` included).
        format: Format,
        /// Presentation, `top` resolved for the format.
        options: Options,
        /// Where the report goes.
        output: Destination,
        /// A decision record written into a folder of records with the next free number
        /// (`--format adr --output DIR/`), superseding another one when asked.
        record: Option<RecordTarget>,
    },
    /// Compare frameworks side by side.
    Compare {
        /// The frameworks named.
        ids: Vec<String>,
        /// The sections asked for (`None`: the defaults).
        sections: Option<Vec<Section>>,
        /// The answers that score them, when any was given.
        sources: Option<Sources>,
        /// The output format.
        format: Format,
        /// Presentation; the width is always set.
        options: Options,
        /// Unicode or ASCII glyphs.
        charset: Charset,
        /// Where the report goes.
        output: Destination,
    },
    /// List the frameworks that pass the filters.
    List {
        /// The filters, as an answers layer checked by the same rules as `recommend`'s.
        filters: AnswerSet,
        /// The order of the list.
        order: Order,
        /// The output format.
        format: Format,
        /// Presentation.
        options: Options,
        /// Where the report goes.
        output: Destination,
    },
    /// Show one framework.
    Show {
        /// Its id or name.
        id: String,
        /// The output format.
        format: Format,
        /// Presentation.
        options: Options,
        /// Where the report goes.
        output: Destination,
    },
    /// Explain why a framework is not first.
    WhyNot {
        /// Its id or name.
        id: String,
        /// Where the answers come from.
        sources: Sources,
        /// The method.
        method: Method,
        /// The output format.
        format: Format,
        /// Presentation.
        options: Options,
        /// Where the report goes.
        output: Destination,
    },
    /// List the catalog's sources.
    Sources {
        /// The ids to look up; every source when empty.
        ids: Vec<String>,
        /// The output format.
        format: Format,
        /// Presentation.
        options: Options,
        /// Where the report goes.
        output: Destination,
    },
    /// List the presets.
    Presets {
        /// The output format.
        format: Format,
        /// Presentation.
        options: Options,
        /// Where the report goes.
        output: Destination,
    },
    /// Print the built-in catalog.
    ExportCatalog,
    /// Check catalog files.
    ValidateCatalogs(Vec<PathBuf>),
    /// The questionnaire.
    Ask {
        /// The answers given up front.
        sources: Sources,
        /// Whether prompts can be shown (both stdin and stderr are terminals, no `--no-input`).
        interactive: bool,
        /// How results are rendered on the output.
        options: Options,
        /// The width of the comparison it offers.
        compare_width: u16,
        /// Whether messages on the prompts' stream may be styled.
        styled: bool,
    },
    /// Print a completion script.
    Completions(clap_complete::Shell),
    /// Print the man page.
    Man,
    /// Refresh the facts from public services.
    Refresh {
        /// Seconds each request may take.
        timeout: u64,
        /// Requests in flight at once.
        jobs: usize,
        /// `GITHUB_TOKEN`, when set.
        github_token: Option<String>,
        /// `BACKEND_ADVISOR_TEST_SERVICES`: one base URL standing in for every service (tests only).
        test_services: Option<String>,
    },
    /// Which layer set each value of an entry.
    Layers(String, Options),
    /// Re-check a decision record.
    Verify {
        /// The record, or a folder of records.
        file: PathBuf,
        /// `--warn-eol`, in days.
        warn_eol: Option<i64>,
        /// `table` or `json`.
        format: Format,
    },
    /// No command where no questionnaire can run: print the help and exit 2.
    Help,
}

/// A decision record written into a folder: `DIR/NNNN-title-slug.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordTarget {
    /// The folder of records.
    pub folder: PathBuf,
    /// `--supersedes`: a record's number in the folder, or its path.
    pub supersedes: Option<String>,
}

/// Where a report goes: standard output, or a file written atomically.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Destination {
    /// The file, or `None` for standard output.
    pub path: Option<PathBuf>,
    /// Replace the file when it exists.
    pub force: bool,
}

impl Request {
    /// Decide everything the run needs from the parsed arguments and the environment. Colour is
    /// decided here for the whole process (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, the terminal).
    pub fn from_args(args: Args) -> anyhow::Result<Request> {
        let common = match &args.command {
            Some(command) => args.common.with(command.common()),
            None => args.common,
        };
        anstream::ColorChoice::write_global(color_choice(common.color.unwrap_or(anstream::ColorChoice::Auto)));
        let interactive = !common.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let width = common.width;
        let task = match args.command {
            None if interactive => ask(&AnswerArgs::default(), true, width)?,
            None => Task::Help,
            Some(Command::Recommend(Deferred { args, .. })) => recommend(args, width)?,
            Some(Command::Compare(Deferred { args, .. })) => {
                let output = destination(&args.output);
                let options = options(false, None, width, &output);
                let sources = sources(&args.answers, "compare")?;
                Task::Compare {
                    ids: args.ids,
                    sections: (!args.sections.is_empty()).then_some(args.sections),
                    sources: sources.any().then_some(sources),
                    format: args.format,
                    options,
                    charset: if args.ascii { Charset::Ascii } else { Charset::Unicode },
                    output,
                }
            }
            Some(Command::List(Deferred { args, .. })) => {
                let list = |values: Vec<String>| (!values.is_empty()).then_some(values);
                let output = destination(&args.output);
                Task::List {
                    filters: AnswerSet {
                        languages: list(args.languages),
                        use_cases: list(args.use_cases),
                        require: list(args.require),
                        ..AnswerSet::default()
                    },
                    order: args.sort.unwrap_or_default(),
                    format: args.format,
                    options: options(false, None, width, &output),
                    output,
                }
            }
            Some(Command::Show(Deferred { args, .. })) => {
                let output = destination(&args.output);
                Task::Show { id: args.id, format: args.format, options: options(false, None, width, &output), output }
            }
            Some(Command::WhyNot(Deferred { args, .. })) => {
                let output = destination(&args.output);
                Task::WhyNot {
                    id: args.id,
                    sources: sources(&args.answers, "why-not")?,
                    method: args.method,
                    format: args.format,
                    options: options(false, None, width, &output),
                    output,
                }
            }
            Some(Command::Sources(Deferred { args, .. })) => {
                let output = destination(&args.output);
                Task::Sources {
                    ids: args.ids,
                    format: args.format,
                    options: options(false, None, width, &output),
                    output,
                }
            }
            Some(Command::Presets(Deferred { args, .. })) => {
                let output = destination(&args.output);
                Task::Presets { format: args.format, options: options(false, None, width, &output), output }
            }
            Some(Command::Catalog(catalog)) => match catalog.command {
                CatalogCommand::Export(_) => Task::ExportCatalog,
                CatalogCommand::Validate(Deferred { args, .. }) => Task::ValidateCatalogs(args.files),
                CatalogCommand::Refresh(Deferred { args, .. }) => Task::Refresh {
                    timeout: args.timeout,
                    jobs: usize::try_from(args.jobs).unwrap_or(1),
                    github_token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.trim().is_empty()),
                    test_services: std::env::var("BACKEND_ADVISOR_TEST_SERVICES").ok().filter(|u| !u.is_empty()),
                },
                CatalogCommand::Layers(Deferred { args, .. }) => {
                    Task::Layers(args.id, options(false, None, width, &Destination::default()))
                }
            },
            Some(Command::Verify(Deferred { args, .. })) => {
                Task::Verify { file: args.file, warn_eol: args.warn_eol, format: args.format }
            }
            Some(Command::Ask(Deferred { args, .. })) => ask(&args.answers, interactive, width)?,
            Some(Command::Completions(Deferred { args, .. })) => Task::Completions(args.shell),
            Some(Command::Man(_)) => Task::Man,
        };
        let offline =
            common.offline || std::env::var_os("BACKEND_ADVISOR_OFFLINE").is_some_and(|v| !v.is_empty() && v != "0");
        let facts = directories::ProjectDirs::from("", "", "backend-advisor").map(|d| d.data_dir().join(FACTS_FILE));
        Ok(Request { catalogs: common.catalogs, facts, offline, task })
    }
}

fn recommend(mut args: RecommendArgs, width: Option<u16>) -> anyhow::Result<Task> {
    let mut output = destination(&args.output);
    // `--output DIR/` (a trailing slash, or a folder that exists) with a decision record: the
    // record gets the folder's next number.
    let folder = output.path.as_ref().filter(|p| p.as_os_str().to_string_lossy().ends_with('/') || p.is_dir());
    let record = match (args.format, folder) {
        (Format::Adr, Some(folder)) => {
            Some(RecordTarget { folder: folder.clone(), supersedes: args.supersedes.clone() })
        }
        _ => None,
    };
    if record.is_some() {
        output.path = None;
    } else if folder.is_some() {
        return Err(backend_advisor::Error::InvalidArgument(Box::new(backend_advisor::Problem {
            origin: backend_advisor::Origin::Flag("--output".into()),
            entry: None,
            field: None,
            message: format!(
                "names a folder, where only a decision record is numbered; a {} report needs a file name",
                args.format.id()
            ),
            hint: Some("give a file, e.g. --output report.html, or write a record with --format adr".into()),
        }))
        .into());
    } else if args.supersedes.is_some() {
        return Err(backend_advisor::Error::InvalidArgument(Box::new(backend_advisor::Problem {
            origin: backend_advisor::Origin::Flag("--supersedes".into()),
            entry: None,
            field: None,
            message: "a record supersedes another only when it is written into their folder".into(),
            hint: Some("add --format adr --output docs/decisions/".into()),
        }))
        .into());
    }
    let top = args.top.or(args.format.default_top());
    let team = match (&args.team, args.answers.answers.len()) {
        (Some(file), _) => Some(Roster::TeamFile { path: file.clone(), anywhere: args.allow_outside_team_folder }),
        (None, 2..) => Some(Roster::Files(args.answers.answers.clone())),
        (None, _) => None,
    };
    if team.is_some() {
        // The members' files are the team's; the flags and preset still apply to each of them.
        args.answers.answers.clear();
    }
    Ok(Task::Recommend {
        sources: sources(&args.answers, "recommend")?,
        team,
        analysis: Analysis {
            method: args.method,
            sensitivity: args.sensitivity.then(|| Settings {
                samples: args.samples.unwrap_or(sensitivity::DEFAULT_SAMPLES),
                seed: args.seed.unwrap_or(sensitivity::DEFAULT_SEED),
                concentration: args.concentration.unwrap_or(sensitivity::DEFAULT_CONCENTRATION),
                ratings: !args.weights_only,
            }),
        },
        format: args.format,
        options: options(args.explain, top, width, &output),
        output,
        record,
    })
}

fn ask(args: &AnswerArgs, interactive: bool, width: Option<u16>) -> anyhow::Result<Task> {
    let options = options(true, None, width, &Destination::default());
    Ok(Task::Ask {
        sources: sources(args, "ask")?,
        interactive,
        options,
        compare_width: options.width.unwrap_or(DEFAULT_WIDTH),
        styled: anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never,
    })
}

/// `--title`: one line without control characters, as a catalog's text (it heads a document).
/// Checked here rather than by clap, whose message would echo the characters themselves.
fn title(text: &str) -> anyhow::Result<String> {
    match text.chars().find(|&c| c == '\n' || c == '\t' || backend_advisor::escape::is_refused(c)) {
        Some(c) => Err(backend_advisor::Error::InvalidArgument(Box::new(backend_advisor::Problem {
            origin: backend_advisor::Origin::Flag("--title".into()),
            entry: None,
            field: None,
            message: format!("it holds {}", backend_advisor::escape::describe(c)),
            hint: Some("a title is one line without control characters".into()),
        }))
        .into()),
        None => Ok(text.to_string()),
    }
}

/// The answer sources of the answer flags: the flags as one layer (unset flags stay unset),
/// `--answers` and `--preset`. Only `recommend` ranks for a team: another `command` given
/// `--answers` twice is a usage error.
fn sources(args: &AnswerArgs, command: &str) -> anyhow::Result<Sources> {
    if args.answers.len() > 1 {
        return Err(backend_advisor::Error::InvalidArgument(Box::new(backend_advisor::Problem {
            origin: backend_advisor::Origin::Flag("--answers".into()),
            entry: None,
            field: None,
            message: format!("`{command}` reads one answers file, not {}", args.answers.len()),
            hint: Some("give --answers once, or rank for the team with `recommend --answers A --answers B`".into()),
        }))
        .into());
    }
    let list = |values: &Vec<String>| (!values.is_empty()).then(|| values.clone());
    Ok(Sources {
        flags: AnswerSet {
            importance: Importance {
                performance: args.performance,
                scalability: args.scalability,
                productivity: args.productivity,
                integration: args.integration,
                community: args.community,
                use_case_fit: args.use_case_fit,
                team_familiarity: args.team_familiarity,
            },
            use_cases: list(&args.use_cases),
            team_knows: list(&args.team_knows),
            languages: list(&args.languages),
            require: list(&args.require),
            open_to: list(&args.open_to),
            exclude: list(&args.exclude),
            incumbent: args.incumbent.clone(),
            pairwise: None,
            name: None,
            role: None,
            informed: None,
            title: args.title.as_deref().map(title).transpose()?,
            description: None,
            radar: args.radar.as_ref().map(|p| p.display().to_string()),
            radar_support: args.no_radar_support.then_some(false),
        },
        file: args.answers.first().cloned(),
        preset: args.preset.clone(),
    })
}

fn destination(args: &OutputArgs) -> Destination {
    Destination { path: args.output.clone(), force: args.force }
}

/// Presentation decided once from the flags and the environment: colour or not, and the one
/// width every table and paragraph is fitted to: `--width`, then `COLUMNS`, then the terminal
/// (when the report goes to one), then [`DEFAULT_WIDTH`]. A report written to a file gets no
/// colour.
/// `--color` as anstream should apply it. anstream takes any `CLICOLOR_FORCE` as forcing colour,
/// but `CLICOLOR_FORCE=0` means "do not force": then colour is for a terminal, unless `NO_COLOR`.
fn color_choice(flag: anstream::ColorChoice) -> anstream::ColorChoice {
    let unforced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v.is_empty() || v == "0");
    if flag != anstream::ColorChoice::Auto || !unforced {
        return flag;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    if !no_color && !dumb && std::io::stdout().is_terminal() && std::io::stderr().is_terminal() {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    }
}

fn options(explain: bool, top: Option<usize>, width: Option<u16>, output: &Destination) -> Options {
    let stdout_is_terminal = output.path.is_none() && std::io::stdout().is_terminal();
    let width = width
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()))
        // The bounds of --width: a COLUMNS outside them is ignored, as if it were not set.
        .filter(|w| (40..=1000).contains(w))
        // comfy-table asks the terminal only when stdout is one.
        .or_else(|| if stdout_is_terminal { comfy_table::Table::new().width() } else { None })
        .or(Some(DEFAULT_WIDTH));
    // --color, NO_COLOR, CLICOLOR_FORCE, TERM and the terminal, as anstream weighs them.
    let color =
        output.path.is_none() && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    Options { explain, width, color, top }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn request(argv: &[&str]) -> Request {
        Request::from_args(Args::parse_from(argv)).expect("a request")
    }

    #[test]
    fn flags_become_one_answer_layer() {
        let Task::Recommend { sources, .. } =
            request(&["backend-advisor", "recommend", "--performance", "5", "--use-case", "api"]).task
        else {
            panic!("recommend expected")
        };
        let set = sources.flags;
        assert_eq!(set.importance.performance, Some(5));
        assert_eq!(set.importance.community, None);
        assert_eq!(set.use_cases, Some(vec!["api".to_string()]));
        assert_eq!(set.languages, None);
    }

    #[test]
    fn sensitivity_settings_default_and_need_the_flag() {
        let Task::Recommend { analysis, .. } =
            request(&["backend-advisor", "recommend", "--sensitivity", "--seed", "7"]).task
        else {
            panic!("recommend expected")
        };
        let settings = analysis.sensitivity.expect("asked for");
        assert_eq!((settings.samples, settings.seed, settings.concentration), (10_000, 7, 50.0));
        assert!(Args::try_parse_from(["backend-advisor", "recommend", "--samples", "10"]).is_err());
        assert!(
            Args::try_parse_from(["backend-advisor", "recommend", "--sensitivity", "--concentration", "0"]).is_err()
        );
    }

    #[test]
    fn top_is_defaulted_once_by_format() {
        let top = |format: &str| match request(&["backend-advisor", "recommend", "--format", format]).task {
            Task::Recommend { options, .. } => options.top,
            _ => panic!("recommend expected"),
        };
        assert_eq!(top("table"), Some(10));
        assert_eq!(top("html"), Some(10));
        assert_eq!(top("adr"), Some(3));
        assert_eq!(top("json"), None);
    }

    #[test]
    fn compare_takes_the_answer_flags_sections_and_output() {
        let Task::Compare { ids, sections, sources, format, output, .. } = request(&[
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
        ])
        .task
        else {
            panic!("compare expected")
        };
        assert_eq!(ids, ["django", "flask"]);
        assert_eq!(sections, Some(vec![Section::Score, Section::BestFor]));
        assert!(sources.is_some());
        assert_eq!(format, Format::Html);
        assert_eq!(output.path, Some(PathBuf::from("report.html")));
        let Task::Compare { sources: plain, .. } = request(&["backend-advisor", "compare", "django", "flask"]).task
        else {
            panic!("compare expected")
        };
        assert!(plain.is_none());
        // How many frameworks is checked by the library, with a message naming the range.
        assert!(Args::try_parse_from(["backend-advisor", "compare"]).is_err());
    }
}
