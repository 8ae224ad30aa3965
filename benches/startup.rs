//! Start-up: `recommend --format json` on the built-in catalog, whole process, run side by side
//! with a hello-world binary built here with the same compiler; prints both medians and their
//! ratio (the README quotes it; the goal is 2× or less). Run with `cargo bench --bench startup`.
//!
//! The binary measured is built here with `cargo build --release`, as users get it, not the one
//! `cargo bench` made: that one carries the dev-dependencies' features too (proptest and
//! criterion turn on num-traits' `std`, which links the platform's `libm.so`, 0.08 ms more).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{build_release, median};

/// Runs of each program; they alternate, so a busy machine slows both alike.
const ROUNDS: usize = 300;

#[allow(clippy::print_stdout)] // A benchmark reports on stdout.
fn main() {
    let advisor = build_release();
    let hello = build_hello();
    let home = std::env::temp_dir().join(format!("backend-advisor-startup-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a temporary HOME");
    let recommend = |program: &Path, args: &[&str]| {
        let mut command = Command::new(program);
        // Hermetic: no facts overlay, no colour, no terminal.
        command.args(args).env_clear().env("HOME", &home).env("PATH", "/usr/bin:/bin");
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        command
    };
    let mut times = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    for round in 0..ROUNDS + 20 {
        let a = time(recommend(&hello, &[]));
        let b = time(recommend(&advisor, &["recommend", "--format", "json"]));
        // The first runs warm the page cache.
        if round >= 20 {
            times.0.push(a);
            times.1.push(b);
        }
    }
    let (hello_median, advisor_median) = (median(times.0), median(times.1));
    println!("hello world                          {:>8.2} ms", hello_median.as_secs_f64() * 1e3);
    println!("recommend --format json (built-in)   {:>8.2} ms", advisor_median.as_secs_f64() * 1e3);
    println!(
        "ratio                                {:>8.2}× (median of {ROUNDS} alternating runs; goal 2× or less)",
        advisor_median.as_secs_f64() / hello_median.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&home);
}

fn time(mut command: Command) -> Duration {
    let start = Instant::now();
    let status = command.status().expect("the program runs");
    assert!(status.success(), "{command:?} failed: {status}");
    start.elapsed()
}

/// A hello-world binary compiled with the same `rustc`, optimised, into the target directory.
fn build_hello() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let source = dir.join("hello.rs");
    std::fs::write(&source, "fn main() { println!(\"Hello, world!\"); }\n").expect("CARGO_TARGET_TMPDIR is writable");
    let binary = dir.join("hello");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let status = Command::new(rustc)
        .args(["-C", "opt-level=3", "--edition", "2024", "-o"])
        .arg(&binary)
        .arg(&source)
        .status()
        .expect("rustc runs");
    assert!(status.success(), "rustc could not build hello world");
    binary
}
