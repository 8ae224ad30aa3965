//! The decision page: what makes the HTML ranking interactive. A hidden section with a slider per
//! criterion, a button per weighting to load (the report's, the group's and each member's), and a
//! live ranking; the data it needs as JSON; and the scoring script (`interactive.js`), allowed by
//! its SHA-256 in the page's Content-Security-Policy. Without JavaScript the section stays hidden
//! and the page is the static report.

use std::fmt::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::markup::escape;
use super::side_by_side;
use super::svg::CRITERION_COLOURS;
use crate::catalog::Vocabulary;
use crate::decide::Recommendation;
use crate::decide::score::Method;

/// The scoring script: the engine's WSM and TOPSIS and its tipping points, in JavaScript.
const SCRIPT: &str = include_str!("interactive.js");

/// The highest slider value: importances run from 0 to 5.
const SLIDER_MAX: f64 = 5.0;

const STYLE: &str = "
.decision .presets { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.decision button { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); cursor: pointer; }
.decision .criteria { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); gap: 4px 24px; }
.decision .criterion label { font-weight: 600; }
.decision .criterion .weight { float: right; font-variant-numeric: tabular-nums; }
.decision .slider { position: relative; padding-bottom: 8px; }
.decision input[type=range] { width: 100%; margin: 4px 0 0; }
.decision .marks { position: absolute; left: 8px; right: 8px; bottom: 0; height: 8px; }
.decision .mark { position: absolute; width: 3px; height: 10px; margin-left: -1px; background: #D55E00; border-radius: 1px; }
.decision .tips { margin: 0 0 8px; overflow-wrap: anywhere; }
.decision .bar { position: relative; display: flex; width: 100%; min-width: 60px; height: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 3px; overflow: hidden; }
.decision .bar .cost { position: absolute; top: 0; bottom: 0; background: repeating-linear-gradient(45deg, #3b3b3b 0 2px, rgba(255,255,255,.75) 2px 5px); }
.decision .bar span { display: block; height: 100%; }
.decision td.barcell { width: 45%; }
";

/// What the page's script reads: the criteria, every ranked framework's ratings and the weightings
/// it can load.
#[derive(Serialize)]
struct Data<'a> {
    method: Method,
    criteria: Vec<CriterionData>,
    frameworks: Vec<FrameworkData<'a>>,
    presets: Vec<Preset>,
    /// How many frameworks the live ranking lists.
    shown: usize,
    /// The highest slider value.
    max: f64,
    colours: &'a [&'a str],
}

#[derive(Serialize)]
struct CriterionData {
    id: &'static str,
    label: String,
}

#[derive(Serialize)]
struct FrameworkData<'a> {
    id: &'a str,
    name: &'a str,
    /// Its 1–5 rating on each criterion, in criterion order.
    ratings: Vec<f64>,
    /// The points its score pays for a change of language or framework (docs/model.md).
    cost: f64,
    /// Why it pays them, in words (empty without a cost).
    #[serde(rename = "costWhy", skip_serializing_if = "String::is_empty")]
    cost_why: String,
}

/// A weighting the page can load: slider values in criterion order.
#[derive(Serialize)]
struct Preset {
    name: String,
    values: Vec<f64>,
}

/// Slider values for weights: scaled so that the largest is the slider's end (the page divides
/// by their sum, so only their proportions matter).
fn values_of(weights: &[f64]) -> Vec<f64> {
    let largest = weights.iter().copied().fold(0.0, f64::max);
    weights.iter().map(|w| if largest > 0.0 { w / largest * SLIDER_MAX } else { 0.0 }).collect()
}

fn data<'a>(recommendation: &'a Recommendation, shown: usize, vocabulary: &Vocabulary) -> Data<'a> {
    let ranking = &recommendation.ranking;
    // Rows in the engine's tie-break order (name, then id), so that the page breaks ties alike.
    let mut rows: Vec<_> = ranking.ranking.iter().collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let given: Vec<f64> = ranking.criteria.iter().map(|w| w.weight).collect();
    // Direct importances are the sliders' own scale: the page then weighs exactly as the engine.
    let initial = if ranking.weighting.method == "direct" {
        ranking.criteria.iter().map(|w| f64::from(w.importance)).collect()
    } else {
        values_of(&given)
    };
    let mut presets = Vec::new();
    match &recommendation.team {
        Some(team) => {
            presets.push(Preset { name: "The group".into(), values: initial });
            for member in &team.members {
                let weights: Vec<f64> = ranking
                    .criteria
                    .iter()
                    .map(|w| member.weights.iter().find(|(c, _)| *c == w.id).map_or(0.0, |(_, v)| *v))
                    .collect();
                let name = match &member.role {
                    Some(role) => format!("{} ({role})", member.name),
                    None => member.name.clone(),
                };
                presets.push(Preset { name, values: values_of(&weights) });
            }
        }
        None => presets.push(Preset { name: "The report's weights".into(), values: initial }),
    }
    Data {
        method: ranking.method,
        criteria: ranking
            .criteria
            .iter()
            .map(|w| CriterionData { id: w.id.id(), label: side_by_side::criterion_label(vocabulary, w.id) })
            .collect(),
        frameworks: rows
            .iter()
            .map(|r| FrameworkData {
                id: &r.id,
                name: &r.name,
                ratings: r.criteria.iter().map(|p| p.rating).collect(),
                cost: r.costs.iter().map(|c| c.points).sum(),
                cost_why: r.costs.iter().map(|c| c.reason.as_str()).collect::<Vec<_>>().join("; "),
            })
            .collect(),
        presets,
        shown,
        max: SLIDER_MAX,
        colours: &CRITERION_COLOURS,
    }
}

/// JSON safe inside a `<script>` element of a page that is also well-formed XML: `<`, `>` and `&`
/// as JSON escapes.
fn embeddable(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The inline script's text: the scoring code in a CDATA section (a comment to JavaScript), so
/// that the page stays well-formed XML.
fn script_text() -> String {
    format!("//<![CDATA[\n{SCRIPT}//]]>\n")
}

/// Standard base64 with padding, as a CSP hash source is written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The CSP source that allows exactly the page's script: `'sha256-…'` of its text.
pub fn script_hash() -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(script_text().as_bytes())))
}

/// The section, its data and its script, to put before the page's footer. `shown` is how many
/// frameworks the live ranking lists; `recommendation` holds every ranked framework.
pub fn section(recommendation: &Recommendation, shown: usize, vocabulary: &Vocabulary) -> String {
    let ranking = &recommendation.ranking;
    if ranking.ranking.is_empty() || ranking.criteria.is_empty() {
        return String::new();
    }
    let data = data(recommendation, shown.max(1), vocabulary);
    let mut out = format!(
        "<section id=\"decision\" class=\"decision\" hidden=\"hidden\">\n<style>{STYLE}</style>\n<h2>Try other weights</h2>\n\
         <p class=\"note\">Move a slider to change how much a criterion counts: the ranking below follows, scored as \
         the engine scores ({}). The marks on a slider are where first place changes hands, the others staying as they are.</p>\n\
         <div class=\"presets\">",
        ranking.method.id().to_uppercase()
    );
    for (i, preset) in data.presets.iter().enumerate() {
        let _ = write!(out, "<button type=\"button\" data-preset=\"{i}\">{}</button>", escape(&preset.name));
    }
    out.push_str("</div>\n<div class=\"criteria\">\n");
    let initial = &data.presets[0].values;
    for (criterion, value) in data.criteria.iter().zip(initial) {
        let _ = writeln!(
            out,
            "<div class=\"criterion\"><label for=\"weight-{id}\">{label}</label> <span class=\"weight\"></span>\
             <div class=\"slider\"><input type=\"range\" id=\"weight-{id}\" name=\"{id}\" min=\"0\" max=\"{SLIDER_MAX}\" step=\"any\" value=\"{value}\"/>\
             <div class=\"marks\" aria-hidden=\"true\"></div></div><p class=\"tips note\"></p></div>",
            id = criterion.id,
            label = escape(&criterion.label),
        );
    }
    out.push_str(
        "</div>\n<p class=\"headline\" id=\"decision-winner\" aria-live=\"polite\"></p>\n<div class=\"table-wrap\">\n<table class=\"live\">\
         <thead><tr><th scope=\"col\">#</th><th scope=\"col\">Framework</th><th scope=\"col\">Score</th><th scope=\"col\">Points by criterion</th></tr></thead>\
         <tbody id=\"decision-rows\"></tbody></table>\n</div>\n</section>\n",
    );
    // serde_json cannot fail on these plain structures; an empty object keeps the page valid.
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
    let _ = writeln!(out, "<script type=\"application/json\" id=\"decision-data\">{}</script>", embeddable(&json));
    let _ = writeln!(out, "<script>{}</script>", script_text());
    out
}

/// The static ranking page made interactive: the section put before its footer, and the policy
/// extended to allow the section's script by its hash. A page without either place (a changed
/// layout) is returned as it is, static.
pub fn page(html: &str, recommendation: &Recommendation, shown: usize, vocabulary: &Vocabulary) -> String {
    let policy = format!("content=\"{}\"", super::html::POLICY);
    let section = section(recommendation, shown, vocabulary);
    let (Some(footer), true) = (html.rfind("<footer>"), html.contains(&policy)) else { return html.to_string() };
    if section.is_empty() {
        return html.to_string();
    }
    // After the decision, before the evidence, where the report marks it; else before the footer.
    let at = html.find(super::html::INTERACTIVE_MARK).unwrap_or(footer);
    let mut out = String::with_capacity(html.len() + section.len());
    out.push_str(&html[..at]);
    out.push_str(&section);
    out.push_str(&html[at..]);
    out.replacen(&policy, &format!("content=\"{}; script-src {}\"", super::html::POLICY, script_hash()), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_section_goes_before_the_footer_and_its_hash_into_the_policy() {
        let catalog = crate::catalog::Catalog::builtin().expect("built-in");
        let answers = crate::answers::Answers::resolve(
            &crate::answers::AnswerSet::default(),
            &catalog.vocabulary,
            crate::error::Origin::Flag("test".into()),
        )
        .expect("valid answers");
        let recommendation = crate::decide::rank(&catalog, &answers, &Default::default()).expect("ranks");
        let policy =
            format!(r#"<meta http-equiv="Content-Security-Policy" content="{}"/>"#, super::super::html::POLICY);
        let html = format!("<head>{policy}</head><body><p>report</p><footer>f</footer></body>");
        let page = page(&html, &recommendation, 10, &catalog.vocabulary);
        assert!(page.contains(&format!("; script-src {}\"", script_hash())));
        let (section, footer) =
            (page.find("id=\"decision\"").expect("the section"), page.find("<footer>").expect("footer"));
        assert!(page.find("report").expect("the report") < section && section < footer);
        // A page whose policy is not the expected one stays static rather than running a script
        // its policy would block.
        let other = html.replace("style-src", "img-src");
        assert_eq!(super::page(&other, &recommendation, 10, &catalog.vocabulary), other);
    }

    #[test]
    fn the_script_keeps_the_page_well_formed() {
        assert!(!SCRIPT.contains("]]>") && !SCRIPT.contains("</script"));
        assert_eq!(embeddable(r#"{"a":"</script>&"}"#), r#"{"a":"\u003c/script\u003e\u0026"}"#);
    }
}
