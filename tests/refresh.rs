//! `catalog refresh` against a local HTTP server on 127.0.0.1 that serves each service's
//! documented response shape (tests/fixtures/refresh/, each citing its source), and every way a
//! service can fail: 500, a timeout, 404, a 403 rate limit, a malformed body, an interruption.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{command, json, run_env, text};

/// What the server does for one service.
#[derive(Debug, Clone, Copy)]
enum Behaviour {
    /// The service's fixture, 200.
    Fixture,
    /// An error status with a short body.
    Status(u16),
    /// GitHub's rate-limit answer: 403 with `x-ratelimit-remaining: 0`.
    RateLimited,
    /// 200 with a body that is not JSON.
    Malformed,
    /// Never answers (until the test process ends).
    Stall,
}

/// The requests a server saw: path and Authorization header.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A server on 127.0.0.1 and the requests it saw.
struct Server {
    base: String,
    seen: Seen,
}

fn fixture_body(service: &str) -> String {
    let path = format!("{}/tests/fixtures/refresh/{service}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
}

fn serve(behaviours: &[(&str, Behaviour)]) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let behaviours: HashMap<String, Behaviour> = behaviours.iter().map(|(s, b)| (s.to_string(), *b)).collect();
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let behaviours = behaviours.clone();
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut request_line = String::new();
                let _ = reader.read_line(&mut request_line);
                let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut auth = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("authorization")
                    {
                        auth = Some(value.trim().to_string());
                    }
                }
                log.lock().expect("log").push((path.clone(), auth));
                let service = path.trim_start_matches('/').split('/').next().unwrap_or_default().to_string();
                let behaviour = behaviours.get(&service).copied().unwrap_or(Behaviour::Fixture);
                let (status, extra, body) = match behaviour {
                    Behaviour::Fixture => ("200 OK".to_string(), "", fixture_body(&service)),
                    Behaviour::Status(code) => (format!("{code} Error"), "", "{\"message\":\"error\"}".to_string()),
                    Behaviour::RateLimited => (
                        "403 Forbidden".to_string(),
                        "x-ratelimit-limit: 60\r\nx-ratelimit-remaining: 0\r\n",
                        "{\"message\":\"API rate limit exceeded\"}".to_string(),
                    ),
                    Behaviour::Malformed => ("200 OK".to_string(), "", "<html>maintenance</html>".to_string()),
                    Behaviour::Stall => {
                        std::thread::sleep(Duration::from_secs(120));
                        return;
                    }
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    Server { base, seen }
}

/// 2026-12-03, the day of the refreshes below.
const REFRESH_DAY: &str = "1796256000";

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home { dir: tempfile::tempdir().expect("temp dir") }
    }
    fn data(&self) -> String {
        self.dir.path().display().to_string()
    }
    fn overlay(&self) -> PathBuf {
        self.dir.path().join("backend-advisor").join("facts.yaml")
    }
    fn env<'a>(&'a self, data: &'a str, server: &'a Server) -> Vec<(&'a str, &'a str)> {
        vec![
            ("XDG_DATA_HOME", data),
            ("BACKEND_ADVISOR_TEST_SERVICES", server.base.as_str()),
            ("SOURCE_DATE_EPOCH", REFRESH_DAY),
        ]
    }
}

fn refresh(home: &Home, server: &Server, extra: &[&str]) -> common::Run {
    let data = home.data();
    let args: Vec<&str> = ["catalog", "refresh"].iter().chain(extra).copied().collect();
    run_env(&args, &home.env(&data, server))
}

fn show_json(home: &Home, id: &str, extra_env: &[(&str, &str)]) -> (serde_json::Value, String) {
    let data = home.data();
    let mut env = vec![("XDG_DATA_HOME", data.as_str()), ("SOURCE_DATE_EPOCH", REFRESH_DAY)];
    env.extend_from_slice(extra_env);
    let run = run_env(&["show", id, "--format", "json"], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (json(&run.stdout), run.stderr)
}

#[test]
fn refresh_updates_facts_prints_the_change_table_and_later_commands_use_them() {
    let server = serve(&[]);
    let home = Home::new();
    let (before, quiet) = show_json(&home, "fastapi", &[]);
    assert!(quiet.is_empty(), "no overlay, nothing said: {quiet}");
    let run = refresh(&home, &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for header in ["Framework", "Fact", "Old", "New", "Ratings moved"] {
        assert!(run.stdout.contains(header), "{}", run.stdout);
    }
    assert!(run.stdout.contains("fastapi") && run.stdout.contains("0.122.0 (2025-11-24)"), "{}", run.stdout);
    assert!(run.stdout.contains("lookups succeeded"), "{}", run.stdout);
    assert!(
        run.stderr.contains("GITHUB_TOKEN is not set") && run.stderr.contains("60 requests an hour"),
        "{}",
        run.stderr
    );
    assert!(home.overlay().is_file());

    let (after, said) = show_json(&home, "fastapi", &[]);
    assert_eq!(said, "facts refreshed 2026-12-03\n", "one quiet line");
    let release = &after["facts"]["latest_release"];
    assert_eq!(text(&release["version"]), "0.122.0");
    assert_eq!(text(&release["source"]), "REFRESH_PYPI");
    assert_eq!(after["facts"]["stars"]["count"], 93_000);
    // Community is derived from stars, so it follows them; productivity is judged and stays.
    assert_eq!(after["scores"]["productivity"], before["scores"]["productivity"]);
    let django = show_json(&home, "django", &[]).0;
    assert_eq!(text(&django["facts"]["end_of_life"]["product"]), "django");

    // --offline and the environment variable ignore the overlay, silently.
    for (args, env) in [(vec!["--offline"], vec![]), (vec![], vec![("BACKEND_ADVISOR_OFFLINE", "1")])] {
        let data = home.data();
        let mut full_env = vec![("XDG_DATA_HOME", data.as_str())];
        full_env.extend(env);
        let all: Vec<&str> = args.iter().copied().chain(["show", "fastapi", "--format", "json"]).collect();
        let run = run_env(&all, &full_env);
        assert_eq!(run.code, 0);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        assert_eq!(json(&run.stdout)["facts"], before["facts"]);
    }
}

#[test]
fn a_500_and_a_timeout_are_named_and_the_rest_still_refresh() {
    let server = serve(&[("pypi", Behaviour::Status(500)), ("github", Behaviour::Stall)]);
    let home = Home::new();
    let started = std::time::Instant::now();
    let run = refresh(&home, &server, &["--timeout", "1", "--jobs", "16"]);
    assert!(started.elapsed() < Duration::from_secs(60), "bounded by the timeout");
    assert_eq!(run.code, 75, "some failed: {}", run.stderr);
    assert!(run.stderr.contains("error: pypi") && run.stderr.contains("HTTP 500"), "{}", run.stderr);
    assert!(run.stderr.contains("error: github") && run.stderr.contains("timeout"), "{}", run.stderr);
    // The rest were written: npm answered.
    let express = show_json(&home, "express", &[]).0;
    assert_eq!(text(&express["facts"]["latest_release"]["version"]), "5.1.0");
    // What failed is as it was.
    let builtin = show_json(&home, "fastapi", &[("BACKEND_ADVISOR_OFFLINE", "1")]).0;
    let fastapi = show_json(&home, "fastapi", &[]).0;
    assert_eq!(fastapi["facts"]["latest_release"], builtin["facts"]["latest_release"]);
    assert_eq!(fastapi["facts"]["stars"], builtin["facts"]["stars"]);
}

#[test]
fn a_404_a_rate_limit_and_a_malformed_body_keep_the_facts_an_earlier_refresh_read() {
    let home = Home::new();
    let good = serve(&[]);
    assert_eq!(refresh(&home, &good, &[]).code, 0);
    let bad =
        serve(&[("npm", Behaviour::Status(404)), ("github", Behaviour::RateLimited), ("crates", Behaviour::Malformed)]);
    let run = refresh(&home, &bad, &[]);
    assert_eq!(run.code, 75);
    assert!(run.stderr.contains("error: npm") && run.stderr.contains("not found (HTTP 404)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("error: github") && run.stderr.contains("rate limit reached (HTTP 403); set GITHUB_TOKEN"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error: crates") && run.stderr.contains("not the documented JSON"), "{}", run.stderr);
    let express = show_json(&home, "express", &[]).0;
    assert_eq!(text(&express["facts"]["latest_release"]["version"]), "5.1.0", "kept from the first refresh");
    assert_eq!(show_json(&home, "fastapi", &[]).0["facts"]["stars"]["count"], 93_000);
    assert_eq!(text(&show_json(&home, "axum", &[]).0["facts"]["latest_release"]["version"]), "0.8.7");
}

#[test]
fn the_github_token_is_sent_when_set() {
    let server = serve(&[]);
    let home = Home::new();
    let data = home.data();
    let mut env = home.env(&data, &server);
    env.push(("GITHUB_TOKEN", "test-token"));
    let run = run_env(&["catalog", "refresh"], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("GITHUB_TOKEN is not set"));
    let seen = server.seen.lock().expect("log");
    let github: Vec<_> = seen.iter().filter(|(path, _)| path.starts_with("/github/repos/")).collect();
    assert!(!github.is_empty());
    assert!(github.iter().all(|(_, auth)| auth.as_deref() == Some("Bearer test-token")));
    assert!(
        seen.iter().filter(|(path, _)| !path.starts_with("/github/")).all(|(_, auth)| auth.is_none()),
        "only GitHub gets it"
    );
}

#[test]
fn an_interrupted_refresh_leaves_the_previous_facts_whole() {
    let home = Home::new();
    let good = serve(&[]);
    assert_eq!(refresh(&home, &good, &[]).code, 0);
    let before = std::fs::read(home.overlay()).expect("overlay");
    let stalled = serve(&[("github", Behaviour::Stall)]);
    let data = home.data();
    let mut child = command(&["catalog", "refresh", "--timeout", "60"], &home.env(&data, &stalled))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1500));
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGINT)
        .expect("interrupt");
    let status = child.wait().expect("wait");
    assert!(!status.success());
    assert_eq!(std::fs::read(home.overlay()).expect("overlay"), before, "the old facts, byte for byte");
    let left: Vec<String> = std::fs::read_dir(home.overlay().parent().expect("folder"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["facts.yaml"], "no temporary file left behind");
}

#[test]
fn old_facts_are_called_old_and_layers_name_the_refresh() {
    let home = Home::new();
    let server = serve(&[]);
    assert_eq!(refresh(&home, &server, &[]).code, 0);
    let data = home.data();
    // 2027-07-01: the refresh of 2026-12-03 is more than six months old.
    let run = run_env(&["show", "fastapi"], &[("XDG_DATA_HOME", &data), ("SOURCE_DATE_EPOCH", "1814400000")]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("facts in use are from 2026-12-03")
            && run.stderr.contains("backend-advisor catalog refresh"),
        "{}",
        run.stderr
    );
    let run = run_env(&["catalog", "layers", "fastapi"], &[("XDG_DATA_HOME", &data)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = |field: &str| run.stdout.lines().find(|l| l.starts_with(&format!("{field} "))).map(str::to_string);
    assert!(line("facts.stars.count").is_some_and(|l| l.contains("facts refreshed 2026-12-03")), "{}", run.stdout);
    assert!(line("scores.productivity").is_some_and(|l| l.contains("built-in")), "{}", run.stdout);
}
