//! backend-advisor: parse the command line, run it, map the outcome to an exit code.

mod app;
mod ask;
mod cli;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return app::clap_outcome(&error),
    };
    match app::run(cli) {
        Ok(code) => code,
        Err(error) => app::report(&error),
    }
}
