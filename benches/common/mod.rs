//! What the whole-program benches share: the release binary users get, and the median of timings.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// The median of `times`.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The program as `cargo build --release --locked` makes it, in a target folder of its own (the
/// first run builds it from scratch: a few minutes). A target folder of its own, because
/// `cargo bench`'s build carries the dev-dependencies' features.
pub fn build_release() -> PathBuf {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("release-build");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "--bin", "backend-advisor", "--target-dir"])
        .arg(&target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo build --release failed");
    target.join("release").join("backend-advisor")
}
