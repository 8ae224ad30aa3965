//! The decision page in a real browser: headless Chromium driven over the DevTools protocol
//! (through `--remote-debugging-pipe`, so no port and no extra crate) sets random weightings on
//! the page's sliders and compares the page's ranking and scores with `recommend --format json`
//! for the same importances, to 1e-9, for WSM and TOPSIS; loads each team member's weights; checks
//! the tipping points against the engine's; and checks that the page fetches nothing, logs no
//! error, has no sideways scroll at 375 and 1280 px, and shows the static report without
//! JavaScript. Without chromium the test says so and passes, except under CI.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

mod common;

use common::{QUIET_CHROMIUM, on_path, stdout_of as advisor};

fn engine(args: &[&str]) -> Value {
    serde_json::from_str(&advisor(args)).expect("JSON")
}

/// Headless Chromium with one page, driven over the DevTools protocol's pipe transport: JSON
/// messages ending in a NUL byte, commands on fd 3 and answers and events on fd 4.
struct Browser {
    child: Child,
    commands: File,
    answers: BufReader<File>,
    next: u64,
    session: String,
    /// Every event received, in order.
    events: Vec<Value>,
}

impl Browser {
    fn start(chromium: &Path, folder: &Path) -> Browser {
        let (to_browser, from_browser) = (folder.join("commands"), folder.join("answers"));
        for fifo in [&to_browser, &from_browser] {
            let made = Command::new("mkfifo").arg(fifo).status().expect("mkfifo runs");
            assert!(made.success(), "mkfifo {}", fifo.display());
        }
        // The shell hands the pipes to chromium as fds 3 and 4; `timeout` bounds a hung browser.
        let child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec timeout --kill-after=10 300 "$0" "$@" 3<"$COMMANDS" 4>"$ANSWERS""#)
            .arg(chromium)
            .args(QUIET_CHROMIUM)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", folder.join("profile").display()))
            .arg("about:blank")
            .env("COMMANDS", &to_browser)
            .env("ANSWERS", &from_browser)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        // Opened in the order the shell opens them, so that neither side waits for ever.
        let commands = OpenOptions::new().write(true).open(&to_browser).expect("the command pipe");
        let answers = BufReader::new(File::open(&from_browser).expect("the answer pipe"));
        let mut browser = Browser { child, commands, answers, next: 0, session: String::new(), events: Vec::new() };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().expect("a target").to_string();
        let attached = browser.call("Target.attachToTarget", json!({"targetId": target, "flatten": true}));
        browser.session = attached["sessionId"].as_str().expect("a session").to_string();
        for domain in ["Page", "Network", "Runtime", "Log"] {
            browser.call(&format!("{domain}.enable"), json!({}));
        }
        browser
    }

    fn read(&mut self) -> Value {
        let mut message = Vec::new();
        self.answers.read_until(0, &mut message).expect("the browser answers");
        assert_eq!(message.pop(), Some(0), "the browser closed the pipe");
        serde_json::from_slice(&message).expect("a JSON message")
    }

    /// Sends a command (to the page once attached) and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut command = json!({"id": self.next, "method": method, "params": params});
        if !self.session.is_empty() {
            command["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&command).expect("JSON");
        bytes.push(0);
        self.commands.write_all(&bytes).expect("the browser listens");
        loop {
            let message = self.read();
            if message["id"] == json!(self.next) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// Evaluates an expression in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true}));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    /// Opens `page` and waits for its load event.
    fn open(&mut self, page: &Path) {
        let seen = self.events.len();
        self.call("Page.navigate", json!({"url": format!("file://{}", page.display())}));
        while !self.events[seen..].iter().any(|e| e["method"] == "Page.loadEventFired") {
            let message = self.read();
            self.events.push(message);
        }
    }

    /// Sets the viewport's width in CSS pixels.
    fn width(&mut self, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A small deterministic generator (SplitMix64), so that failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Importances 0 to 5, not all 0.
    fn importances(&mut self, count: usize) -> Vec<u8> {
        loop {
            let values: Vec<u8> = (0..count).map(|_| (self.next() % 6) as u8).collect();
            if values.iter().any(|&v| v > 0) {
                return values;
            }
        }
    }
}

/// Sets the sliders to `values` one by one, as a person would, and returns the page's ranking:
/// (id, score) best first.
fn through_page(browser: &mut Browser, values: &[f64]) -> Vec<(String, f64)> {
    let expression = format!(
        "(() => {{ const values = {}; \
         document.querySelectorAll('#decision input[type=range]').forEach((s, j) => {{ \
           s.value = String(values[j]); s.dispatchEvent(new Event('input', {{bubbles: true}})); }}); \
         return document.getElementById('decision').getAttribute('data-ranking'); }})()",
        json!(values)
    );
    ranking_of(&browser.eval(&expression))
}

fn ranking_of(attribute: &Value) -> Vec<(String, f64)> {
    let entries: Vec<Value> = serde_json::from_str(attribute.as_str().expect("the page's ranking")).expect("JSON");
    entries.iter().map(|e| (e["id"].as_str().expect("id").to_string(), e["score"].as_f64().expect("score"))).collect()
}

fn engine_ranking(json: &Value) -> Vec<(String, f64)> {
    json["ranking"]
        .as_array()
        .expect("a ranking")
        .iter()
        .map(|r| (r["id"].as_str().expect("id").to_string(), r["score"].as_f64().expect("score")))
        .collect()
}

fn assert_same(page: &[(String, f64)], engine: &[(String, f64)], what: &str) {
    assert_eq!(page.len(), engine.len(), "{what}: how many are ranked");
    for (rank, (p, e)) in page.iter().zip(engine).enumerate() {
        assert_eq!(p.0, e.0, "{what}: rank {}", rank + 1);
        assert!((p.1 - e.1).abs() <= 1e-9, "{what}: {} scores {} on the page, {} in the engine", p.0, p.1, e.1);
    }
}

/// Writes an HTML report with the real binary and returns its path.
fn page(folder: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = folder.join(format!("{name}.html"));
    std::fs::write(&path, advisor(args)).expect("the page is written");
    path
}

/// The tipping points on the sliders are the engine's (`--sensitivity`) for the same weights.
fn assert_tipping(browser: &mut Browser, analysed: &Value, what: &str) {
    let tips = browser.eval(
        "Array.from(document.querySelectorAll('#decision input[type=range]')).map(s => [Number(s.dataset.low), Number(s.dataset.high)])",
    );
    let criteria = analysed["sensitivity"]["criteria"].as_array().expect("tipping points");
    let tips = tips.as_array().expect("the sliders' tipping points");
    assert_eq!(criteria.len(), tips.len(), "{what}: a tipping point per slider");
    // Every change of first place a slider announces is within its reach: the weight it names
    // lies between the slider's weight at 0 and at its maximum, the others as they are.
    let reach = browser.eval(
        "(() => { const s = Array.from(document.querySelectorAll('#decision input[type=range]')); \
         const v = s.map(x => Number(x.value)); const total = v.reduce((a, b) => a + b, 0); \
         return s.map((x, j) => { const rest = total - v[j]; const max = Number(x.max); \
           const text = x.closest('.criterion').querySelector('.tips').textContent.split(' Out of its reach')[0]; \
           const said = (text.match(/[0-9.]+%/g) || []).map(p => parseFloat(p) / 100); \
           return [rest > 0 ? 0 : 1, max / (max + rest), said]; }); })()",
    );
    for (j, slider) in reach.as_array().expect("the sliders' reach").iter().enumerate() {
        let (low, high) = (slider[0].as_f64().expect("low"), slider[1].as_f64().expect("high"));
        for said in slider[2].as_array().expect("announced weights") {
            let said = said.as_f64().expect("a weight");
            // Announced weights are rounded to whole percent.
            assert!(
                said >= low - 0.006 && said <= high + 0.006,
                "{what}: slider {j} announces {said}, out of [{low}, {high}]"
            );
        }
    }
    for (criterion, tip) in criteria.iter().zip(tips) {
        for side in 0..2 {
            let engine = criterion["keeps_winner"][side].as_f64().expect("a weight");
            let page = tip[side].as_f64().expect("a weight");
            assert!(
                (engine - page).abs() <= 1e-9,
                "{what}: {} tips at {page} on the page, {engine} in the engine",
                criterion["id"]
            );
        }
    }
}

/// Random importances through the page against the engine for the same importances: the
/// ranking, the scores and the tipping points.
fn compare_weightings(browser: &mut Browser, base: &[&str], draws: usize, random: &mut Random) {
    let criteria: Vec<String> = serde_json::from_value(
        browser.eval("Array.from(document.querySelectorAll('#decision input[type=range]')).map(s => s.name)"),
    )
    .expect("the sliders' names");
    let given = engine(&[base, &["--format", "json"]].concat());
    let ids: Vec<&str> =
        given["criteria"].as_array().expect("criteria").iter().map(|c| c["id"].as_str().expect("id")).collect();
    assert_eq!(criteria, ids, "a slider per criterion, in the engine's order");
    for draw in 0..draws {
        let importances = random.importances(criteria.len());
        let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        args.extend(["--format".to_string(), "json".to_string()]);
        for (id, importance) in criteria.iter().zip(&importances) {
            args.push(format!("--{}", id.replace('_', "-")));
            args.push(importance.to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let values: Vec<f64> = importances.iter().map(|&i| f64::from(i)).collect();
        let on_page = through_page(browser, &values);
        let what = format!("{base:?}, draw {draw}: {importances:?}");
        let analysed = engine(&[&args[..], &["--sensitivity", "--samples", "20"]].concat());
        assert_same(&on_page, &engine_ranking(&analysed), &what);
        assert_tipping(browser, &analysed, &what);
    }
}

/// No request other than the pages themselves, and no error of any kind in the console.
fn assert_quiet(browser: &Browser) {
    let documents = browser.events.iter().filter(|e| e["method"] == "Network.requestWillBeSent").count();
    assert!(documents >= 4, "the network is watched: {documents} requests seen for the four pages opened");
    for event in &browser.events {
        let method = event["method"].as_str().unwrap_or("");
        let params = &event["params"];
        if method == "Network.requestWillBeSent" {
            let url = params["request"]["url"].as_str().unwrap_or("");
            assert!(
                url.starts_with("file://") && url.ends_with(".html") && params["type"] == "Document",
                "the page requested {url}"
            );
        }
        let error = match method {
            "Runtime.exceptionThrown" => true,
            "Runtime.consoleAPICalled" => {
                ["error", "warning", "assert"].contains(&params["type"].as_str().unwrap_or(""))
            }
            "Log.entryAdded" => ["error", "warning"].contains(&params["entry"]["level"].as_str().unwrap_or("")),
            _ => false,
        };
        assert!(!error, "the console says: {event}");
    }
}

/// Whether the page scrolls sideways at `width` CSS pixels.
fn scrolls_sideways(browser: &mut Browser, width: u32) -> bool {
    browser.width(width);
    browser.eval("document.documentElement.scrollWidth > window.innerWidth") == json!(true)
}

#[test]
fn the_decision_page_scores_as_the_engine_does_in_chromium() {
    let Some(chromium) = on_path("chromium") else {
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium: .ci/run installs it");
        #[allow(clippy::print_stderr)]
        {
            eprintln!("chromium is not installed: the decision page test is skipped");
        }
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut browser = Browser::start(&chromium, folder.path());
    let mut random = Random(15);

    // WSM: 24 random weightings.
    let wsm: &[&str] = &["recommend", "--preset", "ai-api"];
    let wsm_page = page(folder.path(), "wsm", &[wsm, &["--format", "html"]].concat());
    browser.open(&wsm_page);
    assert_eq!(browser.eval("document.getElementById('decision').hidden"), json!(false), "the script ran");
    compare_weightings(&mut browser, wsm, 24, &mut random);
    for width in [375, 1280] {
        assert!(!scrolls_sideways(&mut browser, width), "the WSM page scrolls sideways at {width} px");
    }

    // TOPSIS: 12 more.
    let topsis: &[&str] = &["recommend", "--preset", "ai-api", "--use-case", "cms", "--method", "topsis"];
    browser.open(&page(folder.path(), "topsis", &[topsis, &["--format", "html"]].concat()));
    compare_weightings(&mut browser, topsis, 12, &mut random);

    // A team: each member's button gives that member's winner; the group's gives the group ranking.
    let team: &[&str] = &["recommend", "--team", "tests/fixtures/team/team.yaml"];
    browser.open(&page(folder.path(), "team", &[team, &["--format", "html"]].concat()));
    let group = engine(&[team, &["--format", "json"]].concat());
    let members = group["team"]["members"].as_array().expect("members");
    let buttons = browser.eval("document.querySelectorAll('#decision button[data-preset]').length");
    assert_eq!(buttons, json!(members.len() + 1), "a button for the group and one per member");
    for (i, member) in members.iter().enumerate() {
        let shown = browser.eval(&format!(
            "(() => {{ document.querySelector('#decision button[data-preset=\"{}\"]').click(); \
             return document.getElementById('decision').getAttribute('data-ranking'); }})()",
            i + 1
        ));
        let winner = ranking_of(&shown).first().map(|(id, _)| id.clone());
        assert_eq!(winner.as_deref(), member["winner_at_their_weights"].as_str(), "{}'s button", member["name"]);
    }
    let shown = browser.eval(
        "(() => { document.querySelector('#decision button[data-preset=\"0\"]').click(); \
         return document.getElementById('decision').getAttribute('data-ranking'); })()",
    );
    assert_same(&ranking_of(&shown), &engine_ranking(&group), "the group's button");
    for width in [375, 1280] {
        assert!(!scrolls_sideways(&mut browser, width), "the team page scrolls sideways at {width} px");
    }

    // Without JavaScript: the static report, the decision section hidden.
    browser.call("Emulation.setScriptExecutionDisabled", json!({"value": true}));
    browser.open(&wsm_page);
    assert_eq!(browser.eval("document.getElementById('decision').hidden"), json!(true));
    assert_eq!(browser.eval("document.getElementById('decision-rows').children.length"), json!(0));
    assert_eq!(browser.eval("document.querySelectorAll('svg.chart').length"), json!(2), "the static charts");
    assert_quiet(&browser);
}
