//! The library's error type: every failure names where it happened and maps to one exit code.
//!
//! A [`Problem`] is one located complaint about input data; an [`Error`] is what a library call
//! returns. The binary turns [`Error::exit_code`] into the process exit status.

use std::fmt;

use crate::escape::{echoed, one_line};

/// Where a value came from, so that a message can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag or argument such as `--use-case` or `ID`.
    Flag(String),
    /// A preset named by `--preset`, by its id.
    Preset(String),
    /// The defaults, when nothing set the value.
    Defaults,
    /// The answers given in the questionnaire.
    Questionnaire,
    /// A command as a whole, such as `ask` or `list`.
    Command(String),
    /// A file, with the 1-based line and column of the value where known.
    File {
        /// The file's path as the user gave it (or `built-in`).
        path: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
    },
}

impl Origin {
    /// A position in a file.
    pub fn file(path: &str, position: Option<(usize, usize)>) -> Self {
        Origin::File { path: path.to_string(), line: position.map(|p| p.0), column: position.map(|p| p.1) }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) | Origin::Command(flag) => write!(f, "{flag}"),
            Origin::Preset(id) => write!(f, "--preset {id}"),
            Origin::Defaults => write!(f, "defaults"),
            Origin::Questionnaire => write!(f, "your answers"),
            Origin::File { path, line: Some(line), column: Some(column) } => {
                write!(f, "{}:{line}:{column}", one_line(path))
            }
            Origin::File { path, line: Some(line), column: None } => write!(f, "{}:{line}", one_line(path)),
            Origin::File { path, .. } => write!(f, "{}", one_line(path)),
        }
    }
}

/// One complaint about one value, with everything a person needs to find and fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the offending value is.
    pub origin: Origin,
    /// The framework entry the value belongs to, if any.
    pub entry: Option<String>,
    /// The field path inside the entry or file, e.g. `scores.performance`.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// A suggestion such as "did you mean `ai-ml`?".
    pub hint: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Everything echoed is shown on one line with control characters escaped and long words
        // cut: a value from a file must not forge an `error:` line or fill the screen.
        write!(f, "{}: ", self.origin)?;
        // A flag already names the field; a file position needs the entry and field beside it.
        let field = if matches!(self.origin, Origin::Flag(_)) { &None } else { &self.field };
        match (self.entry.as_deref().map(echoed), field.as_deref().map(echoed)) {
            (Some(entry), Some(field)) => write!(f, "framework '{entry}', field '{field}': ")?,
            (Some(entry), None) => write!(f, "framework '{entry}': ")?,
            (None, Some(field)) => write!(f, "field '{field}': ")?,
            (None, None) => {}
        }
        f.write_str(&echoed(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, " ({})", echoed(hint))?;
        }
        Ok(())
    }
}

/// What can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A catalog, presets or answers file is not valid; every problem found is listed.
    #[error("{}", list(.0))]
    InvalidData(Vec<Problem>),
    /// A value given on the command line is not valid.
    #[error("{0}")]
    InvalidArgument(Box<Problem>),
    /// A named input file is missing or cannot be read.
    #[error("{}: cannot read: {reason}", one_line(path))]
    Unreadable {
        /// The path as given.
        path: String,
        /// Why, in words.
        reason: String,
    },
}

fn list(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("\n")
}

impl Error {
    /// The documented exit code: 65 invalid data, 66 unreadable input, 2 bad argument.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::InvalidData(_) => 65,
            Error::Unreadable { .. } => 66,
            Error::InvalidArgument(_) => 2,
        }
    }

    /// A complaint about a value, raised as a data error when it came from a file and as a usage
    /// error otherwise (a flag, a preset, the defaults or the questionnaire's answers).
    pub fn at(problem: Problem) -> Self {
        match problem.origin {
            Origin::File { .. } => Error::InvalidData(vec![problem]),
            _ => Error::InvalidArgument(Box::new(problem)),
        }
    }
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
