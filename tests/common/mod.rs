//! The hermetic way every integration test runs the real binary: an empty environment except
//! `PATH` (and what a test passes), stdin from `/dev/null`, the crate's folder as the working
//! directory, and no panic ever let through.

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

use std::process::{Command, Stdio};

use serde_json::Value;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_backend-advisor");

/// The exit code, stdout and stderr of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when ended by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// A command for the real binary with `args`, an empty environment except `PATH` and `env`,
/// stdin from `/dev/null`, run from the crate's folder.
pub fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BIN);
    command.env_clear().args(args).stdin(Stdio::null()).current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Fails the test when stderr shows a panic or a backtrace hint.
pub fn assert_no_panic(stderr: &str, args: &[&str]) {
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{args:?} printed a backtrace hint:\n{stderr}");
}

/// Runs the binary with extra environment variables.
pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = command(args, env).output().expect("the binary can be started");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert_no_panic(&run.stderr, args);
    run
}

/// Runs the binary (only `PATH` set).
pub fn run(args: &[&str]) -> Run {
    run_env(args, &[])
}

/// Runs a command that must succeed quietly, with extra environment variables; returns stdout.
pub fn stdout_of_env(args: &[&str], env: &[(&str, &str)]) -> String {
    let run = run_env(args, env);
    assert_eq!(run.code, 0, "{args:?} failed:\n{}", run.stderr);
    assert!(run.stderr.is_empty(), "{args:?} wrote to stderr:\n{}", run.stderr);
    run.stdout
}

/// Runs a command that must succeed quietly and returns its stdout.
pub fn stdout_of(args: &[&str]) -> String {
    stdout_of_env(args, &[])
}

/// Parses text as JSON, showing it when it is not.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{text}"))
}

/// Runs a command that must succeed and parses its stdout as JSON.
pub fn json_of(args: &[&str]) -> Value {
    json(&stdout_of(args))
}

/// Runs a command that must fail with `code` and print nothing on stdout; returns its stderr.
pub fn fails(args: &[&str], code: i32) -> String {
    let run = run(args);
    assert_eq!(run.code, code, "{args:?}: wrong exit code; stderr:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "{args:?} failed but printed on stdout:\n{}", run.stdout);
    assert!(!run.stderr.trim().is_empty(), "{args:?} failed without a message");
    run.stderr
}

/// The absolute path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A JSON number as f64.
pub fn num(value: &Value) -> f64 {
    value.as_f64().unwrap_or_else(|| panic!("expected a number, found {value}"))
}

/// A JSON string.
pub fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_else(|| panic!("expected a string, found {value}"))
}

/// A JSON array.
pub fn items(value: &Value) -> &[Value] {
    value.as_array().map(Vec::as_slice).unwrap_or_else(|| panic!("expected an array, found {value}"))
}

/// The sorted keys of a JSON object.
pub fn keys(value: &Value) -> Vec<&str> {
    let object = value.as_object().unwrap_or_else(|| panic!("expected an object, found {value}"));
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

/// The first `name` on `PATH`.
pub fn on_path(name: &str) -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// Headless Chromium with a fresh profile doing nothing of its own on the network (this machine's
/// closed network refuses its background connections): the flags every browser test starts with.
pub const QUIET_CHROMIUM: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];
