//! The library half of `catalog refresh`: which lookups to make ([`services::plan`]), how a
//! response becomes a fact ([`services::read`]), the facts overlay written from the answers
//! (a catalog layer of patches, docs/catalog.md "Refreshed facts") and the table of what changed.
//! The network and the files are the binary's (`src/cli/refresh.rs`).

pub mod services;

use serde::Serialize;
use serde_yaml::{Mapping, Value};

use crate::catalog::{Catalog, EndOfLife, Factor, Framework, Release, Source, Stars, Text};
use services::{Fact, Found, Lookup, Service};

/// Facts older than this many days are called old by reports and `show` (about six months).
pub const STALE_AFTER_DAYS: i64 = 183;

/// One lookup and what came of it: the fact, or why there is none (named by service).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What was asked.
    pub lookup: Lookup,
    /// The fact read, or the reason it could not be.
    pub result: Result<Found, String>,
}

#[derive(Serialize)]
struct OverlayFile {
    schema: u32,
    refreshed: String,
    sources: Vec<Source>,
    patches: Vec<Value>,
}

/// The overlay's YAML: every fact read today, and every fact an earlier refresh set that could
/// not be read again (kept as it was), as patches of the entries of `current` (the catalog with
/// the previous overlay). `today` is `YYYY-MM-DD`.
pub fn overlay(current: &Catalog, outcomes: &[Outcome], today: &str) -> Result<String, String> {
    let mut cited: Vec<Service> = Vec::new();
    let mut patches = Vec::new();
    for framework in &current.frameworks {
        let found = |fact: Fact| {
            outcomes.iter().find_map(|o| {
                match (&o.result, o.lookup.framework == framework.id && o.lookup.fact == fact) {
                    (Ok(found), true) => Some((o.lookup.service, found, &o.lookup.path)),
                    _ => None,
                }
            })
        };
        let refreshed = |source: &str| source.starts_with("REFRESH_");
        let mut facts = Mapping::new();
        let mut put = |key: &str, value: Value, service: Option<Service>| {
            facts.insert(key.into(), value);
            if let Some(service) = service
                && !cited.contains(&service)
            {
                cited.push(service);
            }
        };
        let mut version = framework.facts.latest_release.version.to_string();
        match found(Fact::Release) {
            Some((service, Found::Release { version: new, date }, _)) => {
                version = new.clone();
                let release = Release {
                    version: new.clone().into(),
                    date: date.clone().into(),
                    source: id(service).into(),
                    as_of: today.into(),
                };
                put("latest_release", to_value(&release)?, Some(service));
            }
            _ if refreshed(&framework.facts.latest_release.source) => {
                put(
                    "latest_release",
                    to_value(&framework.facts.latest_release)?,
                    service_of(&framework.facts.latest_release.source),
                );
            }
            _ => {}
        }
        match (found(Fact::Stars), &framework.facts.stars, &framework.repository) {
            (Some((service, Found::Stars(count), _)), _, Some(repository)) => {
                let stars = Stars {
                    count: *count,
                    repository: repository.clone(),
                    source: id(service).into(),
                    as_of: today.into(),
                };
                put("stars", to_value(&stars)?, Some(service));
            }
            (_, Some(stars), _) if refreshed(&stars.source) => {
                put("stars", to_value(stars)?, service_of(&stars.source))
            }
            _ => {}
        }
        match (found(Fact::EndOfLife), &framework.facts.end_of_life) {
            (Some((service, Found::Cycles(cycles), path)), _) => {
                let (cycle, ends) = cycles
                    .iter()
                    .find(|(name, _)| version == *name || version.starts_with(&format!("{name}.")))
                    .or(cycles.first())
                    .cloned()
                    .unwrap_or_default();
                let eol = EndOfLife {
                    product: services::product_of(path).into(),
                    cycle: cycle.into(),
                    ends: ends.map(Text::from),
                    source: id(service).into(),
                    as_of: today.into(),
                };
                put("end_of_life", to_value(&eol)?, Some(service));
            }
            (_, Some(eol)) if refreshed(&eol.source) => put("end_of_life", to_value(eol)?, service_of(&eol.source)),
            _ => {}
        }
        if !facts.is_empty() {
            let mut patch = Mapping::new();
            patch.insert("id".into(), framework.id.as_str().into());
            patch.insert("facts".into(), Value::Mapping(facts));
            patches.push(Value::Mapping(patch));
        }
    }
    cited.sort();
    let sources = cited
        .into_iter()
        .map(|service| {
            let (id, title, publisher, url) = service.source();
            Source {
                id: id.into(),
                title: title.into(),
                publisher: publisher.into(),
                url: url.into(),
                date: today.into(),
                date_kind: "read".into(),
                measures: "facts read by `backend-advisor catalog refresh`".into(),
            }
        })
        .collect();
    let file = OverlayFile { schema: 2, refreshed: today.to_string(), sources, patches };
    let body = serde_yaml::to_string(&file).map_err(|e| e.to_string())?;
    Ok(format!("# Written by `backend-advisor catalog refresh`; replaced whole by the next refresh.\n{body}"))
}

fn id(service: Service) -> String {
    service.source().0.to_string()
}

fn service_of(source: &str) -> Option<Service> {
    Service::ALL.into_iter().find(|s| s.source().0 == source)
}

fn to_value<T: Serialize>(value: &T) -> Result<Value, String> {
    serde_yaml::to_value(value).map_err(|e| e.to_string())
}

/// The date an overlay says it was written (`refreshed:`), when it says one.
pub fn refreshed_on(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        refreshed: Option<String>,
    }
    serde_yaml::from_str::<Head>(text).ok()?.refreshed
}

/// One changed fact: framework, fact, old and new value, and the ratings that moved with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The framework's id.
    pub framework: String,
    /// The fact, e.g. `stars`.
    pub fact: String,
    /// Its value before.
    pub old: String,
    /// Its value now.
    pub new: String,
    /// Derived ratings that moved, e.g. `community 4 → 4.5` (empty when none did).
    pub ratings: String,
}

/// Every fact that differs between `before` and `after`, with the derived ratings that moved.
pub fn changes(before: &Catalog, after: &Catalog) -> Vec<Change> {
    let mut out = Vec::new();
    for new in &after.frameworks {
        let Some(old) = before.frameworks.iter().find(|f| f.id == new.id) else { continue };
        let moved: Vec<String> = [Factor::Performance, Factor::Community]
            .into_iter()
            .filter(|factor| old.scores.get(*factor) != new.scores.get(*factor))
            .map(|factor| format!("{} {} → {}", factor.id(), old.scores.get(factor), new.scores.get(factor)))
            .collect();
        let mut first = true;
        for (fact, was, is) in [
            ("latest_release", release(old), release(new)),
            ("stars", stars(old), stars(new)),
            ("end_of_life", end_of_life(old), end_of_life(new)),
        ] {
            if was != is {
                out.push(Change {
                    framework: new.id.to_string(),
                    fact: fact.into(),
                    old: was,
                    new: is,
                    ratings: if first { moved.join(", ") } else { String::new() },
                });
                first = false;
            }
        }
    }
    out
}

fn release(f: &Framework) -> String {
    format!("{} ({})", f.facts.latest_release.version, f.facts.latest_release.date)
}

fn stars(f: &Framework) -> String {
    f.facts.stars.as_ref().map_or("-".into(), |s| s.count.to_string())
}

fn end_of_life(f: &Framework) -> String {
    f.facts.end_of_life.as_ref().map_or("-".into(), |e| match &e.ends {
        Some(ends) => format!("{} until {ends}", e.cycle),
        None => format!("{} (no end announced)", e.cycle),
    })
}

/// The change table as text: framework, fact, old, new, ratings moved.
pub fn change_table(changes: &[Change]) -> String {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED).force_no_tty();
    table.set_header(["Framework", "Fact", "Old", "New", "Ratings moved"]);
    for c in changes {
        table.add_row([&c.framework, &c.fact, &c.old, &c.new, &c.ratings]);
    }
    format!("{table}\n")
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` or `YYYY-MM` (its first day) date.
pub fn days(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (year, month) = (parts.next()??, parts.next()??);
    let day = parts.next().unwrap_or(Some(1))?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // H. Hinnant's days_from_civil, the inverse of `provenance::date`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// A span such as `6m`, `2w`, `30d` or `1y` in days (a month is 30.4375 days, so `6m` is 183).
pub fn span_days(text: &str) -> Option<i64> {
    let unit = text.chars().last()?;
    let count: f64 = text[..text.len() - unit.len_utf8()].parse().ok().filter(|n: &f64| *n >= 0.0)?;
    let per = match unit {
        'd' => 1.0,
        'w' => 7.0,
        'm' => 30.4375,
        'y' => 365.25,
        _ => return None,
    };
    Some((count * per).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_invert_the_provenance_date() {
        for seconds in [0_i64, 951_782_400, 1_700_000_000, 4_102_444_800] {
            let date = crate::provenance::date(seconds);
            assert_eq!(days(&date), Some(seconds / 86_400), "{date}");
        }
        assert_eq!(days("2026-11"), days("2026-11-01"));
        assert_eq!(days("soon"), None);
    }

    #[test]
    fn spans() {
        assert_eq!(span_days("6m"), Some(183));
        assert_eq!(span_days("2w"), Some(14));
        assert_eq!(span_days("1y"), Some(365));
        assert_eq!(span_days("6"), None);
        assert_eq!(span_days("-1d"), None);
    }

    #[test]
    fn the_overlay_is_a_valid_layer_and_derived_ratings_follow_it() {
        let catalog = Catalog::builtin().expect("built-in");
        let lookup = |fact, service| Lookup { framework: "fastapi".into(), fact, service, path: String::new() };
        let outcomes = [
            Outcome { lookup: lookup(Fact::Stars, Service::Github), result: Ok(Found::Stars(1_000)) },
            Outcome { lookup: lookup(Fact::Release, Service::Pypi), result: Err("timed out".into()) },
        ];
        let text = overlay(&catalog, &outcomes, "2026-12-03").expect("overlay");
        let mut after = catalog.clone();
        let layer = after.parse_layer(&text, "overlay").expect("valid layer");
        after.apply(layer, "overlay".into());
        let rows = changes(&catalog, &after);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].fact, "stars");
        assert!(rows[0].ratings.starts_with("community"), "{rows:?}");
        assert_eq!(refreshed_on(&text).as_deref(), Some("2026-12-03"));
    }
}
