//! The binary: everything that knows argv, the environment, the terminal and stdout. The
//! command line is parsed ([`args`]), turned into a [`Request`] once ([`request`]) and run
//! ([`run`]), which is the one place errors become exit codes. The questionnaire ([`ask`]),
//! completions, the man page and atomic `--output` writes ([`write`]) live here too.

mod args;
mod ask;
mod completions;
mod decisions;
mod man;
mod refresh;
mod request;
mod run;
mod write;

use std::process::ExitCode;

pub use request::Request;

/// argv → [`Request`] → [`run::run`] → exit code.
pub fn main() -> ExitCode {
    let args = match args::parse() {
        Ok(args) => args,
        Err(error) => return run::clap_outcome(&error),
    };
    match Request::from_args(args).and_then(run::run) {
        Ok(code) => code,
        Err(error) => run::report(&error),
    }
}
