//! `catalog refresh`: the one command that uses the network. Asks every service its lookups
//! (a bounded number at once, each with a timeout), writes the facts overlay atomically and
//! prints what changed; a service that fails is named and its facts stay as they were.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use backend_advisor::catalog::Catalog;
use backend_advisor::catalog::load::TextLayer;
use backend_advisor::refresh::services::{self, Lookup, Service};
use backend_advisor::refresh::{self, Outcome};

use super::write;

/// Exit code when some lookups failed and the rest were written.
pub const PARTIAL: u8 = 75;

/// How the requests are made.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Seconds each request may take.
    pub timeout: u64,
    /// Requests in flight at once.
    pub jobs: usize,
    /// `GITHUB_TOKEN`, when set.
    pub github_token: Option<String>,
    /// One base URL standing in for every service (`BACKEND_ADVISOR_TEST_SERVICES`, tests only).
    pub test_services: Option<String>,
}

/// Refresh the facts of `current` (the built-in catalog with the previous overlay) and write the
/// overlay to `path`; `today` is `YYYY-MM-DD`.
pub fn run(current: &Catalog, path: &Path, settings: &Settings, today: &str) -> anyhow::Result<ExitCode> {
    let lookups = services::plan(&current.frameworks);
    let mut err = std::io::stderr().lock();
    if settings.github_token.is_none() {
        let _ = writeln!(
            err,
            "note: GITHUB_TOKEN is not set, so GitHub allows 60 requests an hour from this address; \
             {} star counts are asked, and past the limit they stay as they were",
            lookups.iter().filter(|l| l.service == Service::Github).count()
        );
    }
    let outcomes = fetch_all(&lookups, settings);
    let text =
        refresh::overlay(current, &outcomes, today).map_err(|e| anyhow::anyhow!("cannot write the overlay: {e}"))?;
    // The overlay is validated as a layer before it replaces the old one.
    let mut after = Catalog::builtin()?;
    let name = format!("facts refreshed {today}");
    let layer = after.parse_layer(&text, &name).context("the refreshed facts do not validate; nothing was written")?;
    after.apply(layer, name);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).with_context(|| format!("{}: cannot create the folder", folder.display()))?;
    }
    write::write_atomic(path, text.as_bytes(), true).with_context(|| format!("{}: cannot write", path.display()))?;
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    for outcome in &failed {
        let reason = outcome.result.as_ref().err().map_or("", String::as_str);
        let _ = writeln!(
            err,
            "error: {} ({}) for {}: {reason}; its {} stays as it was",
            outcome.lookup.service.id(),
            outcome.lookup.service.base_url(),
            outcome.lookup.framework,
            outcome.lookup.fact.id()
        );
    }
    let changes = refresh::changes(current, &after);
    let summary = format!(
        "{} of {} lookups succeeded; {} fact(s) changed; written to {}\n",
        outcomes.len() - failed.len(),
        outcomes.len(),
        changes.len(),
        path.display()
    );
    let table = if changes.is_empty() { String::new() } else { refresh::change_table(&changes) };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(format!("{table}{summary}").as_bytes()).and_then(|()| out.flush());
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(PARTIAL) })
}

/// The overlay at `path` as a layer, when there is one.
pub fn overlay(path: &Path) -> anyhow::Result<Option<TextLayer>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let date = refresh::refreshed_on(&text).unwrap_or_else(|| "on an unknown date".into());
            Ok(Some(TextLayer { name: format!("facts refreshed {date}"), text }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("{}: cannot read the refreshed facts", path.display())),
    }
}

/// Every lookup, `jobs` at a time; the outcomes in the lookups' order.
fn fetch_all(lookups: &[Lookup], settings: &Settings) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(settings.timeout)))
        .http_status_as_error(false)
        .user_agent(concat!("backend-advisor/", env!("CARGO_PKG_VERSION"), " (catalog refresh)"))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; lookups.len()]);
    std::thread::scope(|scope| {
        for _ in 0..settings.jobs.min(lookups.len()).max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(lookup) = lookups.get(index) else { break };
                    let result = fetch(&agent, lookup, settings).and_then(|body| services::read(lookup.service, &body));
                    if let Ok(mut slots) = results.lock() {
                        slots[index] = Some(Outcome { lookup: lookup.clone(), result });
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

/// The body of one lookup, or why there is none, in words.
fn fetch(agent: &ureq::Agent, lookup: &Lookup, settings: &Settings) -> Result<String, String> {
    let base = match &settings.test_services {
        Some(test) => format!("{}/{}", test.trim_end_matches('/'), lookup.service.id()),
        None => lookup.service.base_url().to_string(),
    };
    let mut request = agent.get(format!("{base}{}", lookup.path)).header("Accept", "application/json");
    if lookup.service == Service::Github {
        request = request.header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28");
        if let Some(token) = &settings.github_token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
    }
    let mut response = request.call().map_err(|e| match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s (timeout)", settings.timeout),
        other => format!("request failed: {other}"),
    })?;
    let status = response.status().as_u16();
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    match status {
        200 => {}
        404 => return Err("not found (HTTP 404): the package, repository or product name may have changed".into()),
        403 | 429 if header("x-ratelimit-remaining").as_deref() == Some("0") || status == 429 => {
            let advice = if lookup.service == Service::Github && settings.github_token.is_none() {
                "; set GITHUB_TOKEN for 5,000 requests an hour"
            } else {
                "; try again later"
            };
            return Err(format!("rate limit reached (HTTP {status}){advice}"));
        }
        other => return Err(format!("HTTP {other}")),
    }
    response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().map_err(|e| match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s (timeout)", settings.timeout),
        other => format!("cannot read the body: {other}"),
    })
}
