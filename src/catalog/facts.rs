//! A framework's facts, each with the id of the source it was read from and the date it was true
//! (`as_of`): licence, first and latest release, GitHub stars, survey usage, the TechEmpower
//! figure behind the performance rating, the support policy, and measured cold start and idle
//! memory.

use serde::{Deserialize, Serialize};

use super::Text;

/// A value with its source and date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// The id of the source (vocabulary `sources`).
    pub source: Text,
    /// When it was true: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub as_of: Text,
}

/// The latest stable release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Its full version, e.g. `5.2.8`.
    pub version: Text,
    /// When it was released: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Text,
    /// The id of the source.
    pub source: Text,
    /// When it was the latest.
    pub as_of: Text,
}

/// Stars of the main repository.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stars {
    /// How many.
    pub count: u64,
    /// The repository counted, `owner/name`.
    pub repository: Text,
    /// The id of the source.
    pub source: Text,
    /// The date of the count.
    pub as_of: Text,
}

/// Usage in a developer survey (share of all respondents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// Percent of respondents who used it.
    pub usage_percent: f64,
    /// The survey's year.
    pub year: u16,
    /// The id of the source.
    pub source: Text,
    /// When the figure was published or read.
    pub as_of: Text,
}

/// The TechEmpower figure behind a measured performance rating: the best realistic fortunes
/// result of one of the framework's own variants (never a bare-platform entry for a framework
/// that is not a runtime).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// Best requests per second over the concurrency levels in the `fortunes` test.
    pub fortunes: u64,
    /// The exact TechEmpower variant (test) name, e.g. `django-postgresql`.
    pub variant: Text,
    /// The variant's classification in its `benchmark_config.json`: `Fullstack`, `Micro` or
    /// `Platform`.
    pub classification: Text,
    /// Its database access: `Full` (ORM), `Micro` (micro-ORM) or `Raw`.
    pub orm: Text,
    /// Its database, e.g. `postgres`.
    pub database: Text,
    /// The id of the source (the run's results).
    pub source: Text,
    /// The date of the run.
    pub as_of: Text,
}

/// A published support policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportPolicy {
    /// The policy in a sentence.
    pub policy: Text,
    /// Where it is published.
    pub url: Text,
    /// The id of the source.
    pub source: Text,
    /// When it was read.
    pub as_of: Text,
}

/// Where a release cycle's support ends, as endoflife.date tracks it (`catalog refresh` fills
/// it in; `verify --warn-eol` reads it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndOfLife {
    /// The endoflife.date product, e.g. `django`.
    pub product: Text,
    /// The release cycle of the latest release, e.g. `5.2`.
    pub cycle: Text,
    /// The date its support ends (`YYYY-MM-DD`), or `None` when no end is announced.
    #[serde(default)]
    pub ends: Option<Text>,
    /// The id of the source.
    pub source: Text,
    /// When it was read.
    pub as_of: Text,
}

/// A measured cold start on a serverless platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColdStart {
    /// Milliseconds from invocation to the first response.
    pub ms: u64,
    /// Where, e.g. `AWS Lambda`.
    pub platform: Text,
    /// How the application was built and sized, e.g. `native image, 256 MB`.
    pub setup: Text,
    /// The id of the source.
    pub source: Text,
    /// When it was measured.
    pub as_of: Text,
}

/// A measured memory footprint of an idle application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdleMemory {
    /// Resident memory in megabytes.
    pub mb: f64,
    /// What was measured, e.g. `hello-world, JVM, RSS after start`.
    pub setup: Text,
    /// The id of the source.
    pub source: Text,
    /// When it was measured.
    pub as_of: Text,
}

/// Everything a framework entry states as fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The licence, as an SPDX expression.
    pub license: Sourced<Text>,
    /// The first public release (one definition for all: the first public release, not 1.0).
    pub first_release: Sourced<Text>,
    /// The latest stable release.
    pub latest_release: Release,
    /// GitHub stars of the main repository, when measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars: Option<Stars>,
    /// Survey usage, when measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<Survey>,
    /// The benchmark figure behind the performance rating, when measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<Benchmark>,
    /// The support policy, where one is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<SupportPolicy>,
    /// Where the support of the latest release's cycle ends, when endoflife.date tracks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_of_life: Option<EndOfLife>,
    /// A measured serverless cold start, where a public document measures one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cold_start: Option<ColdStart>,
    /// A measured idle memory footprint, where a public document measures one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_memory: Option<IdleMemory>,
}

impl Facts {
    /// Every source id the facts cite, with the field that cites it.
    pub fn citations(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("facts.license.source", self.license.source.as_str()),
            ("facts.first_release.source", self.first_release.source.as_str()),
            ("facts.latest_release.source", self.latest_release.source.as_str()),
        ];
        out.extend(self.stars.as_ref().map(|s| ("facts.stars.source", s.source.as_str())));
        out.extend(self.survey.as_ref().map(|s| ("facts.survey.source", s.source.as_str())));
        out.extend(self.benchmark.as_ref().map(|s| ("facts.benchmark.source", s.source.as_str())));
        out.extend(self.support.as_ref().map(|s| ("facts.support.source", s.source.as_str())));
        out.extend(self.end_of_life.as_ref().map(|s| ("facts.end_of_life.source", s.source.as_str())));
        out.extend(self.cold_start.as_ref().map(|s| ("facts.cold_start.source", s.source.as_str())));
        out.extend(self.idle_memory.as_ref().map(|s| ("facts.idle_memory.source", s.source.as_str())));
        out
    }

    /// Every date the facts hold, with its field.
    pub fn dates(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("facts.license.as_of", self.license.as_of.as_str()),
            ("facts.first_release.value", self.first_release.value.as_str()),
            ("facts.first_release.as_of", self.first_release.as_of.as_str()),
            ("facts.latest_release.date", self.latest_release.date.as_str()),
            ("facts.latest_release.as_of", self.latest_release.as_of.as_str()),
        ];
        out.extend(self.stars.as_ref().map(|s| ("facts.stars.as_of", s.as_of.as_str())));
        out.extend(self.survey.as_ref().map(|s| ("facts.survey.as_of", s.as_of.as_str())));
        out.extend(self.benchmark.as_ref().map(|s| ("facts.benchmark.as_of", s.as_of.as_str())));
        out.extend(self.support.as_ref().map(|s| ("facts.support.as_of", s.as_of.as_str())));
        out.extend(self.end_of_life.as_ref().map(|s| ("facts.end_of_life.as_of", s.as_of.as_str())));
        out.extend(self.end_of_life.as_ref().and_then(|s| s.ends.as_deref()).map(|d| ("facts.end_of_life.ends", d)));
        out.extend(self.cold_start.as_ref().map(|s| ("facts.cold_start.as_of", s.as_of.as_str())));
        out.extend(self.idle_memory.as_ref().map(|s| ("facts.idle_memory.as_of", s.as_of.as_str())));
        out
    }

    /// The year of the first public release, when the date starts with one.
    pub fn first_year(&self) -> Option<u16> {
        self.first_release.value.get(..4)?.parse().ok()
    }
}
