//! backend-advisor: argv → `Request` → run → exit code (all in `src/cli/`; the library in
//! `src/lib.rs` never sees argv, the environment or the terminal).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
