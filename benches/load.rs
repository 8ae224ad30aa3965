//! Loading a large user catalog: 800 entries (the built-in 44, repeated under new ids, about
//! 5 MB), the size the README's "Limits" names. Prints the median time of each phase of
//! `Catalog::parse_layer` in this process, then the time and peak memory of the whole program
//! validating the file (`catalog validate`, the release binary built as `benches/startup.rs`
//! builds it, benches/common). Run with `cargo bench --bench load`; docs/input-safety.md quotes the figures.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{build_release, median};

use backend_advisor::catalog::{BUILTIN_YAML, Catalog};
use backend_advisor::yaml::{positions::Positions, read};

/// Entries in the generated catalog.
const ENTRIES: usize = 800;

/// Runs of each in-process phase, and of the whole program.
const ROUNDS: usize = 15;

#[allow(clippy::print_stdout)] // A benchmark reports on stdout.
fn main() {
    if let Ok(binary) = std::env::var(MEASURE) {
        return measure_once(&binary);
    }
    let text = big_catalog(ENTRIES);
    let builtin = Catalog::builtin().expect("the built-in catalog is valid");
    println!("catalog of {ENTRIES} entries, {} bytes", text.len());
    let phases: [(&str, &dyn Fn()); 4] = [
        ("separate checks (only on the slow path)", &|| read::yaml(&text, "big.yaml", 0).expect("checks pass")),
        ("positions index (only on an error)", &|| {
            assert!(Positions::index(&text).value("frameworks[799].id").is_some());
        }),
        ("parse_layer (checks, parse, validate)", &|| {
            builtin.parse_layer(&text, "big.yaml").expect("valid");
        }),
        ("nesting + parse_layer (a load)", &|| {
            read::nesting(&text, "big.yaml", 0).expect("checks pass");
            builtin.parse_layer(&text, "big.yaml").expect("valid");
        }),
    ];
    for (name, phase) in phases {
        let times: Vec<Duration> = (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                phase();
                start.elapsed()
            })
            .collect();
        println!("{name:<40} {:>8.1} ms", median(times).as_secs_f64() * 1e3);
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("big-catalog.yaml");
    std::fs::write(&file, &text).expect("CARGO_TARGET_TMPDIR is writable");
    let binary = build_release();
    let (time, peak) = whole_program(&binary, &file);
    println!("catalog validate (whole program)        {:>8.1} ms, peak {peak} KiB", time.as_secs_f64() * 1e3);
}

/// The built-in catalog's entries repeated under new ids (`django-copy3`) and names until there
/// are `entries`; a file `catalog validate` accepts.
pub fn big_catalog(entries: usize) -> String {
    let body = &BUILTIN_YAML[BUILTIN_YAML.find("\nframeworks:\n").expect("a frameworks list") + 13..];
    let originals: Vec<&str> =
        body.split("\n- id: ").map(|e| e.strip_prefix("- id: ").unwrap_or(e)).filter(|e| !e.is_empty()).collect();
    let mut out = String::from("schema: 2\nframeworks:\n");
    for n in 0..entries {
        let entry = originals[n % originals.len()].trim_end_matches('\n');
        let copy = n / originals.len();
        let (id, rest) = entry.split_once('\n').expect("an entry has fields");
        let rest = match rest.strip_prefix("  name: ") {
            Some(after) => {
                let (name, tail) = after.split_once('\n').unwrap_or((after, ""));
                format!("  name: {name} copy {copy}\n{tail}")
            }
            None => rest.to_string(),
        };
        out.push_str(&format!("- id: {id}-copy{copy}\n{}\n", rest.trim_end_matches('\n')));
    }
    out
}

/// The median time and the peak resident memory (KiB) of `catalog validate FILE`. Each run is
/// made by a fresh copy of this benchmark, whose only child it is, so that the peak its
/// `getrusage` reports is that run's alone.
fn whole_program(binary: &Path, file: &Path) -> (Duration, i64) {
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..ROUNDS {
        let output = Command::new(std::env::current_exe().expect("this benchmark"))
            .env(MEASURE, binary)
            .arg(file)
            .stderr(Stdio::inherit())
            .output()
            .expect("the benchmark runs");
        let text = String::from_utf8_lossy(&output.stdout);
        let (micros, peak) = text.trim().split_once(' ').expect("two figures");
        times.push(Duration::from_micros(micros.parse().expect("a time")));
        peaks.push(peak.parse::<i64>().expect("a peak"));
    }
    peaks.sort();
    (median(times), peaks[peaks.len() / 2])
}

/// Set to the program to run: this process then runs it once on the file in its arguments and
/// prints the time in microseconds and its peak memory in KiB.
const MEASURE: &str = "BACKEND_ADVISOR_BENCH_MEASURE";

#[allow(clippy::print_stdout)] // Read by the parent benchmark.
fn measure_once(binary: &str) {
    let file = std::env::args().nth(1).expect("a file");
    let mut command = Command::new(binary);
    command.args(["catalog", "validate", &file]).env_clear().env("HOME", env!("CARGO_TARGET_TMPDIR"));
    command.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().expect("the program runs");
    let took = start.elapsed();
    assert!(status.success(), "catalog validate failed: {status}");
    let peak =
        nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).expect("getrusage").max_rss();
    println!("{} {peak}", took.as_micros());
}
