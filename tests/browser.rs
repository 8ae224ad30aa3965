//! The HTML reports in a real browser: when Debian's `chromium` is installed, a headless
//! screenshot of each page must be a real picture (a sizeable PNG of many colours) holding the
//! charts' colours. Without chromium the test says so and passes, except under CI, where
//! `.ci/run` installs it.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The first `name` on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// Writes a report with the real binary into `path`.
fn report(args: &[&str], path: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_backend-advisor"))
        .env_clear()
        .args(args)
        .arg("--output")
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// Starts a headless screenshot of `page` into `png`, with a fresh profile and no network
/// activity of the browser's own; bounded by `timeout` when coreutils has it.
fn screenshot(browser: &Path, page: &Path, png: &Path, profile: &Path) -> std::process::Child {
    let mut command = match on_path("timeout") {
        Some(timeout) => {
            let mut c = Command::new(timeout);
            c.args(["--kill-after=10", "120"]).arg(browser);
            c
        }
        None => Command::new(browser),
    };
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,1600",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.spawn().expect("chromium starts")
}

/// The RGB colours of a PNG's pixels.
fn pixels(png: &Path) -> Vec<[u8; 3]> {
    let decoder = png::Decoder::new(BufReader::new(File::open(png).expect("the screenshot opens")));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected colour type {other:?}"),
    };
    buffer[..info.buffer_size()].chunks_exact(channels).map(|p| [p[0], p[1], p[2]]).collect()
}

fn hex(colour: &str) -> [u8; 3] {
    let byte = |i: usize| u8::from_str_radix(&colour[i..i + 2], 16).expect("hex");
    [byte(1), byte(3), byte(5)]
}

#[test]
fn the_reports_render_with_their_charts_in_chromium() {
    let Some(browser) = on_path("chromium") else {
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium: .ci/run installs it");
        // A skipped browser test should say so where `cargo test -- --nocapture` shows it.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("chromium is not installed: the browser test is skipped");
        }
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let pages: [(&str, &[&str]); 2] = [
        ("compare", &["compare", "django", "fastapi", "flask", "--preset", "ai-api", "--format", "html"]),
        ("recommend", &["recommend", "--preset", "ai-api", "--format", "html"]),
    ];
    // Both pages at once: the browser's start-up is most of the time.
    let shots: Vec<(&str, PathBuf, std::process::Child)> = pages
        .iter()
        .map(|(name, args)| {
            let page = folder.path().join(format!("{name}.html"));
            let png = folder.path().join(format!("{name}.png"));
            report(args, &page);
            let child = screenshot(&browser, &page, &png, &folder.path().join(format!("profile-{name}")));
            (*name, png, child)
        })
        .collect();
    for (name, png, child) in shots {
        let output = child.wait_with_output().expect("chromium ends");
        assert!(
            output.status.success() && png.is_file(),
            "{name}: chromium failed ({:?}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        let size = std::fs::metadata(&png).expect("a screenshot").len();
        assert!(size > 20_000, "{name}: a {size}-byte screenshot is too small to hold the page");
        let pixels = pixels(&png);
        assert_eq!(pixels.len(), 1200 * 1600, "{name}: the window size");
        let colours: HashSet<[u8; 3]> = pixels.iter().copied().collect();
        assert!(colours.len() > 100, "{name}: only {} colours: a blank or single-colour page", colours.len());
        // The stacked bars fill whole rectangles with the criteria's colours and the radar
        // outlines frameworks in some of them: over 1500 pixels of each (a legend swatch has
        // 196) means the SVG was drawn. Blue is left out: the tables' meters use it too.
        for colour in ["#E69F00", "#009E73", "#D55E00", "#CC79A7"] {
            let wanted = hex(colour);
            let close = |p: &[u8; 3]| p.iter().zip(&wanted).all(|(a, b)| a.abs_diff(*b) <= 4);
            let count = pixels.iter().filter(|p| close(p)).count();
            assert!(count > 1500, "{name}: {colour} appears in {count} pixels; the charts did not render");
        }
    }
}
