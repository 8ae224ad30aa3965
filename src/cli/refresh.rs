//! `catalog refresh`: the one command that uses the network. Asks every service its lookups
//! (a bounded number at once, each with a timeout), writes the facts overlay atomically and
//! prints what changed; a service that fails is named and its facts stay as they were.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

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

/// One line on stderr per failed lookup: the service, its address, the framework, why (escaped)
/// and the fact that stays as it was.
fn report_failures(err: &mut impl std::io::Write, failed: &[&Outcome]) {
    for outcome in failed {
        let reason = outcome.result.as_ref().err().map_or(String::new(), |r| backend_advisor::escape::echoed(r));
        let _ = writeln!(
            err,
            "error: {} ({}) for {}: {reason}; its {} stays as it was",
            outcome.lookup.service.id(),
            outcome.lookup.service.base_url(),
            outcome.lookup.framework,
            outcome.lookup.fact.id()
        );
    }
}

/// Refresh the facts of `current` (the built-in catalog with the previous overlay, or alone when
/// that overlay is broken, so that a refresh rebuilds it) and write the overlay to `path`;
/// `today` is `YYYY-MM-DD`.
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
    let mut outcomes = fetch_all(&lookups, settings);
    // Nothing read: the facts are as they were, and a new overlay would only say they were
    // refreshed today.
    if !outcomes.is_empty() && outcomes.iter().all(|o| o.result.is_err()) {
        report_failures(&mut err, &outcomes.iter().collect::<Vec<_>>());
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "0 of {} lookups succeeded; nothing was written, so the facts stay as they were",
            outcomes.len()
        );
        return Ok(ExitCode::from(PARTIAL));
    }
    // The overlay is validated as a layer before it replaces the old one. Values are checked as
    // they are read, so this should pass; should an entry still not validate, its lookups fail
    // and the overlay is made again without them, so one bad value never costs the others.
    let name = format!("facts refreshed {today}");
    let mut attempts = 0;
    let (text, after) = loop {
        let text =
            refresh::overlay(current, &outcomes, today).map_err(|e| anyhow::anyhow!("cannot make the overlay: {e}"))?;
        let mut after = Catalog::builtin()?;
        match after.parse_layer(&text, &name) {
            Ok(layer) => {
                after.apply(layer, name.clone());
                break (text, after);
            }
            Err(backend_advisor::Error::InvalidData(problems)) if attempts == 0 => {
                attempts += 1;
                for problem in &problems {
                    let Some(entry) = &problem.entry else { continue };
                    for outcome in outcomes.iter_mut().filter(|o| &o.lookup.framework == entry && o.result.is_ok()) {
                        outcome.result = Err(format!("the value read does not validate: {}", problem.message));
                    }
                }
            }
            Err(e) => {
                return Err(anyhow::Error::new(e)
                    .context("the refreshed facts do not validate; nothing was written, the old facts stay"));
            }
        }
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).with_context(|| format!("{}: cannot create the folder", folder.display()))?;
    }
    write::write_atomic(path, text.as_bytes(), true).with_context(|| format!("{}: cannot write", path.display()))?;
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    report_failures(&mut err, &failed);
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

/// The facts overlay, read and checked.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// The overlay as a layer (its name says when it was refreshed).
    pub layer: TextLayer,
    /// The built-in catalog with the overlay applied.
    pub catalog: Catalog,
}

/// The overlay at `path`, read through the guarded reader and validated over the built-in
/// catalog, when there is one that can be used. A broken overlay never stops a command: one
/// warning names the file and what is wrong with it, and the built-in facts apply (the next
/// `catalog refresh` replaces the file; `--offline` skips it).
pub fn overlay(path: &Path) -> Option<Overlay> {
    use backend_advisor::yaml::read::{self, Kind};
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return None;
    }
    let shown = path.display().to_string();
    let checked = read::text(path, Kind::Overlay).and_then(|text| {
        let mut catalog = Catalog::builtin()?;
        // Problems name the file; the layer is named by its date once it is in use.
        let layer = catalog.parse_layer(&text, &shown)?;
        let date = refresh::refreshed_on(&text).unwrap_or_else(|| format!("from {shown} (no date in it)"));
        let name = format!("facts refreshed {date}");
        catalog.apply(layer, name.clone());
        Ok(Overlay { layer: TextLayer { name, text }, catalog })
    });
    match checked {
        Ok(overlay) => Some(overlay),
        Err(error) => {
            let first = error.to_string();
            let first = first.lines().next().unwrap_or_default();
            let more = match &error {
                backend_advisor::Error::InvalidData(problems) if problems.len() > 1 => {
                    format!(" (and {} more problems)", problems.len() - 1)
                }
                _ => String::new(),
            };
            let _ = writeln!(
                std::io::stderr(),
                "warning: {first}{more}; the refreshed facts are not used, the built-in ones apply \
                 (`backend-advisor catalog refresh` writes the file again; --offline skips it)"
            );
            None
        }
    }
}

/// The largest response body read, after decompression (8 MiB); a bigger one fails its lookup.
pub const MAX_BODY_BYTES: u64 = 8 * 1024 * 1024;

/// How many bodies are read and parsed at once, whatever `--jobs` is: requests go out `--jobs`
/// at a time, but each answer is handed to one of this many reader threads. With
/// [`MAX_BODY_BYTES`] this bounds the memory the answers take (and, as only these threads
/// allocate for bodies, the allocator keeps no more than their arenas).
pub const BODY_SLOTS: usize = 2;

/// The whole refresh ends after this many `--timeout`s; lookups not answered by then fail.
pub const DEADLINE_TIMEOUTS: u64 = 3;

/// The most redirects followed for one lookup, each within the same service (scheme, host, port).
pub const MAX_REDIRECTS: usize = 3;

/// An answer waiting for a reader: the lookup's index and the response.
type Answer = (usize, ureq::http::Response<ureq::Body>);

/// Every lookup, `jobs` at a time, all within [`DEADLINE_TIMEOUTS`] × `--timeout`; the
/// outcomes in the lookups' order.
fn fetch_all(lookups: &[Lookup], settings: &Settings) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(settings.timeout)))
        .http_status_as_error(false)
        // Redirects are followed by hand, only within the service (see `request`).
        .max_redirects(0)
        .user_agent(concat!("backend-advisor/", env!("CARGO_PKG_VERSION"), " (catalog refresh)"))
        .build()
        .into();
    let deadline = Instant::now() + Duration::from_secs(settings.timeout.saturating_mul(DEADLINE_TIMEOUTS));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<services::Found, String>>>> = Mutex::new(vec![None; lookups.len()]);
    let store = |index: usize, result| {
        if let Ok(mut slots) = results.lock() {
            slots[index] = Some(result);
        }
    };
    let (hand, answers) = std::sync::mpsc::sync_channel::<Answer>(0);
    let answers = Mutex::new(answers);
    std::thread::scope(|scope| {
        for _ in 0..BODY_SLOTS {
            scope.spawn(|| {
                loop {
                    let answer = match answers.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => break,
                    };
                    let Ok((index, response)) = answer else { break };
                    let result = if Instant::now() >= deadline {
                        Err(late(settings))
                    } else {
                        read_body(response, lookups[index].service, settings)
                    };
                    store(index, result);
                }
            });
        }
        let workers: Vec<_> = (0..settings.jobs.min(lookups.len()).max(1))
            .map(|_| {
                let hand = hand.clone();
                scope.spawn(|| {
                    let hand = hand;
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(lookup) = lookups.get(index) else { break };
                        let answered = if Instant::now() >= deadline {
                            Err(late(settings))
                        } else {
                            request(&agent, lookup, settings, deadline)
                        };
                        match answered {
                            Ok(response) => {
                                if hand.send((index, response)).is_err() {
                                    store(index, Err(late(settings)));
                                }
                            }
                            Err(reason) => store(index, Err(reason)),
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            let _ = worker.join();
        }
        drop(hand);
    });
    let results = results.into_inner().unwrap_or_default();
    lookups
        .iter()
        .zip(results)
        .map(|(lookup, result)| Outcome {
            lookup: lookup.clone(),
            result: result.unwrap_or_else(|| Err(late(settings))),
        })
        .collect()
}

fn late(settings: &Settings) -> String {
    format!(
        "not answered within the refresh's deadline of {} s ({DEADLINE_TIMEOUTS} × --timeout)",
        settings.timeout.saturating_mul(DEADLINE_TIMEOUTS)
    )
}

/// The answer to one lookup with status 200, or why there is none, in words; redirects are
/// followed within the service only.
fn request(
    agent: &ureq::Agent,
    lookup: &Lookup,
    settings: &Settings,
    deadline: Instant,
) -> Result<ureq::http::Response<ureq::Body>, String> {
    let base = match &settings.test_services {
        Some(test) => format!("{}/{}", test.trim_end_matches('/'), lookup.service.id()),
        None => lookup.service.base_url().to_string(),
    };
    let origin = url::Url::parse(&base).map_err(|e| format!("bad service address: {e}"))?;
    let mut address = format!("{base}{}", lookup.path);
    let mut redirects = 0;
    let response = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(late(settings));
        }
        let mut request = agent
            .get(&address)
            .config()
            .timeout_global(Some(left.min(Duration::from_secs(settings.timeout))))
            .build()
            .header("Accept", "application/json");
        if lookup.service == Service::Github {
            request =
                request.header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28");
            // The token goes to GitHub's own address only: redirects never leave it (below).
            if let Some(token) = &settings.github_token {
                request = request.header("Authorization", format!("Bearer {token}"));
            }
        }
        let response = request.call().map_err(|e| match e {
            ureq::Error::Timeout(_) => format!("no answer within {} s (timeout)", settings.timeout),
            other => format!("request failed: {other}"),
        })?;
        if !response.status().is_redirection() {
            break response;
        }
        let location = response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
        let current = url::Url::parse(&address).map_err(|e| format!("bad address: {e}"))?;
        let target = current.join(location).map_err(|_| "a redirect to an address that does not parse".to_string())?;
        let same = target.scheme() == origin.scheme()
            && target.host_str() == origin.host_str()
            && target.port_or_known_default() == origin.port_or_known_default();
        if !same {
            return Err(format!(
                "redirected to another host ({}); only redirects within the service are followed",
                backend_advisor::escape::one_line(target.host_str().unwrap_or("none"))
            ));
        }
        redirects += 1;
        if redirects > MAX_REDIRECTS {
            return Err(format!("more than {MAX_REDIRECTS} redirects"));
        }
        address = target.to_string();
    };
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
    Ok(response)
}

/// The fact in a 200 answer's body, read up to [`MAX_BODY_BYTES`] after decompression.
fn read_body(
    mut response: ureq::http::Response<ureq::Body>,
    service: Service,
    settings: &Settings,
) -> Result<services::Found, String> {
    let body = response.body_mut().with_config().limit(MAX_BODY_BYTES).read_to_vec().map_err(|e| match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s (timeout)", settings.timeout),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("the answer is over {} MiB once decompressed; not read", MAX_BODY_BYTES / (1024 * 1024))
        }
        other => format!("cannot read the body: {other}"),
    })?;
    let text = String::from_utf8(body).map_err(|_| "the body is not UTF-8".to_string())?;
    services::read(service, &text)
}
