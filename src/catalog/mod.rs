//! The framework catalog: the validated model every command reads (frameworks, their ratings,
//! features and advice, and the vocabulary they are described in).
//!
//! A file is read in two steps: `serde_yaml` turns the text into [`CatalogFile`] (shape and
//! types, unknown keys refused), then [`validate`] checks every value against the vocabulary and
//! collects *all* problems with their positions. Only a file that passes both becomes part of a
//! [`Catalog`] ([`load`]). The built-in catalog goes through exactly the same steps.

pub mod load;
pub mod validate;

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::criteria::Factor;
use crate::suggest;
pub use load::{BUILTIN_SOURCE, BUILTIN_YAML};

/// What kind of thing a catalog entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A batteries-included framework (ORM, templates, auth, …).
    FullStack,
    /// A minimal core that is extended with packages.
    Micro,
    /// A framework made for HTTP/JSON APIs.
    Api,
    /// A runtime used directly, without a framework on top.
    Runtime,
}

impl Kind {
    /// The kind as written in YAML.
    pub fn id(self) -> &'static str {
        match self {
            Kind::FullStack => "full-stack",
            Kind::Micro => "micro",
            Kind::Api => "api",
            Kind::Runtime => "runtime",
        }
    }
}

/// How a framework supports a feature, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Part of the framework itself.
    Builtin,
    /// A first-party add-on maintained by the framework's own team.
    Official,
    /// A third-party package.
    Community,
    /// Not available.
    None,
}

impl Level {
    /// Every level, strongest first.
    pub const ALL: [Level; 4] = [Level::Builtin, Level::Official, Level::Community, Level::None];

    /// The level as written in YAML and flags.
    pub fn id(self) -> &'static str {
        match self {
            Level::Builtin => "builtin",
            Level::Official => "official",
            Level::Community => "community",
            Level::None => "none",
        }
    }

    fn strength(self) -> u8 {
        match self {
            Level::Builtin => 3,
            Level::Official => 2,
            Level::Community => 1,
            Level::None => 0,
        }
    }

    /// Whether this level is at least as strong as `required`.
    pub fn satisfies(self, required: Level) -> bool {
        self.strength() >= required.strength()
    }

    /// Parse a level id, suggesting the closest on a typo.
    pub fn parse(text: &str) -> std::result::Result<Level, String> {
        Level::ALL
            .into_iter()
            .find(|level| level.id() == text)
            .ok_or_else(|| suggest::hint(text, Level::ALL.iter().map(|l| l.id())))
    }
}

/// A rating (1–5, half steps) for each of the five factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// Performance rating.
    pub performance: f64,
    /// Scalability rating.
    pub scalability: f64,
    /// Productivity rating.
    pub productivity: f64,
    /// Integration rating.
    pub integration: f64,
    /// Community rating.
    pub community: f64,
}

impl Scores {
    /// The rating for one factor.
    pub fn get(&self, factor: Factor) -> f64 {
        match factor {
            Factor::Performance => self.performance,
            Factor::Scalability => self.scalability,
            Factor::Productivity => self.productivity,
            Factor::Integration => self.integration,
            Factor::Community => self.community,
        }
    }
}

/// For each factor, the sentence or two that justifies its rating from cited evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rationale {
    /// Why the performance rating.
    pub performance: String,
    /// Why the scalability rating.
    pub scalability: String,
    /// Why the productivity rating.
    pub productivity: String,
    /// Why the integration rating.
    pub integration: String,
    /// Why the community rating.
    pub community: String,
}

impl Rationale {
    /// The justification for one factor.
    pub fn get(&self, factor: Factor) -> &str {
        match factor {
            Factor::Performance => &self.performance,
            Factor::Scalability => &self.scalability,
            Factor::Productivity => &self.productivity,
            Factor::Integration => &self.integration,
            Factor::Community => &self.community,
        }
    }
}

/// A known production user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The organisation.
    pub name: String,
    /// What it uses the framework for.
    #[serde(rename = "use")]
    pub usage: String,
}

/// The support level of each feature, in document order (vocabulary order once validated).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features(pub Vec<(String, Level)>);

impl Features {
    /// The level of one feature (`none` if absent).
    pub fn level(&self, feature: &str) -> Level {
        self.0.iter().find(|(id, _)| id == feature).map_or(Level::None, |(_, level)| *level)
    }
}

impl Serialize for Features {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for Features {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct FeaturesVisitor;
        impl<'de> Visitor<'de> for FeaturesVisitor {
            type Value = Features;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of feature id to builtin | official | community | none")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Features, A::Error> {
                let mut out = Vec::new();
                while let Some((key, level)) = map.next_entry::<String, Level>()? {
                    out.push((key, level));
                }
                Ok(Features(out))
            }
        }
        deserializer.deserialize_map(FeaturesVisitor)
    }
}

/// One framework of the catalog. Field docs are the schema reference (README "Catalog format").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable kebab-case id, e.g. `spring-boot`.
    pub id: String,
    /// Display name, e.g. `Spring Boot`.
    pub name: String,
    /// Main language, one of the vocabulary's `languages`.
    pub language: String,
    /// `full-stack`, `micro`, `api` or `runtime`.
    pub kind: Kind,
    /// One sentence: what it is.
    pub summary: String,
    /// Project homepage URL.
    pub homepage: String,
    /// Licence, as an SPDX id.
    pub license: String,
    /// Year of the first public release.
    pub first_release: u16,
    /// Latest major version when reviewed.
    pub latest_version: String,
    /// Concurrency model in one line.
    pub concurrency: String,
    /// Rating 1–5 (half steps) per factor.
    pub scores: Scores,
    /// Evidence behind each rating, citing source ids.
    pub rationale: Rationale,
    /// Support level of every vocabulary feature.
    pub features: Features,
    /// Strengths (at least 3).
    pub pros: Vec<String>,
    /// Weaknesses (at least 2).
    pub cons: Vec<String>,
    /// Use-case ids from the vocabulary it suits.
    pub best_for: Vec<String>,
    /// Advice on when to choose it (at least 2).
    pub use_when: Vec<String>,
    /// Known production users.
    pub examples: Vec<Example>,
    /// When the entry was last checked, `YYYY-MM`.
    pub reviewed: String,
}

/// A factor's wording, used by help, prompts and reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorInfo {
    /// Which factor.
    pub id: Factor,
    /// Label for headings, e.g. `Performance`.
    pub label: String,
    /// Abbreviation of at most 5 characters for narrow table columns, e.g. `Perf`.
    pub short: String,
    /// One-line description.
    pub description: String,
    /// The question a person is asked about its importance.
    pub question: String,
}

/// A vocabulary term (feature or use case) with its description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The id used in entries, flags and answers.
    pub id: String,
    /// One-line description.
    pub description: String,
}

/// A programming language of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The id used in entries, flags and answers.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The words a catalog may use: factors, features, use cases and languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vocabulary {
    /// The five factors, in order.
    pub factors: Vec<FactorInfo>,
    /// Features whose support level every entry states.
    pub features: Vec<Term>,
    /// Use-case tags for `best_for`, `--use-case`.
    pub use_cases: Vec<Term>,
    /// Languages for `language`, `--language`, `--team-knows`.
    pub languages: Vec<Language>,
}

impl Vocabulary {
    /// Feature ids in vocabulary order.
    pub fn feature_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.features.iter().map(|t| t.id.as_str())
    }

    /// Use-case ids in vocabulary order.
    pub fn use_case_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.use_cases.iter().map(|t| t.id.as_str())
    }

    /// Language ids in vocabulary order.
    pub fn language_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.languages.iter().map(|l| l.id.as_str())
    }

    /// The wording of one factor.
    pub fn factor(&self, factor: Factor) -> Option<&FactorInfo> {
        self.factors.iter().find(|f| f.id == factor)
    }

    /// A language's display name (its id if unknown).
    pub fn language_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.languages.iter().find(|l| l.id == id).map_or(id, |l| l.name.as_str())
    }
}

/// What a catalog file may contain. The built-in file has every section; a user's file only
/// needs `frameworks` (vocabulary sections, if present, must equal the built-in ones).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// Schema version (1).
    pub schema: Option<u32>,
    /// Factor wording.
    pub factors: Option<Vec<FactorInfo>>,
    /// Feature vocabulary.
    pub features: Option<Vec<Term>>,
    /// Use-case vocabulary.
    pub use_cases: Option<Vec<Term>>,
    /// Language vocabulary.
    pub languages: Option<Vec<Language>>,
    /// The entries.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
}

/// A validated catalog: the vocabulary plus every framework from all layers.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The vocabulary (always the built-in one).
    pub vocabulary: Vocabulary,
    /// The frameworks, built-in first, user layers replacing or adding by id.
    pub frameworks: Vec<Framework>,
    /// Where the entries came from: `built-in`, then each `--catalog` file.
    pub sources: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::validate::{is_kebab, is_year_month};
    use crate::yaml::problems::plain_words;

    #[test]
    fn the_builtin_catalog_is_valid() {
        let catalog = Catalog::builtin().expect("built-in catalog must validate");
        assert!(catalog.frameworks.len() >= 24);
    }

    #[test]
    fn the_builtin_catalog_holds_the_issue_frameworks() {
        let catalog = Catalog::builtin().expect("built-in");
        let ids = [
            "django",
            "nodejs",
            "laravel",
            "rails",
            "express",
            "spring-boot",
            "flask",
            "aspnet-core",
            "grape",
            "fastapi",
            "nestjs",
            "phoenix",
            "fastify",
            "hono",
            "sinatra",
            "symfony",
            "quarkus",
            "micronaut",
            "ktor",
            "gin",
            "echo",
            "fiber",
            "actix-web",
            "axum",
        ];
        for id in ids {
            assert!(catalog.frameworks.iter().any(|f| f.id == id), "{id} missing");
        }
    }

    /// Every rating's rationale cites at least one source, and only sources of the evidence file
    /// (README "Where the ratings come from").
    #[test]
    fn every_rating_cites_known_evidence() {
        const SOURCES: [&str; 18] = [
            "TFBVIS",
            "R22_ELYSIA",
            "R22_RUNID",
            "R23_GO_NODE",
            "R23_DROGON",
            "R23_DEVTO",
            "TFB_REPO",
            "TFB_SUNSET",
            "TFB_R23_ANN",
            "STARS",
            "STARS_OLD",
            "GIT_TAGS",
            "SO_CJ",
            "SO_PLAN",
            "SO_RAILS",
            "SO_2025",
            "BRIEF",
            "GK",
        ];
        let catalog = Catalog::builtin().expect("built-in");
        for framework in &catalog.frameworks {
            for factor in Factor::ALL {
                let text = framework.rationale.get(factor);
                let cited: Vec<&str> = text
                    .split('[')
                    .skip(1)
                    .filter_map(|rest| rest.split_once(']').map(|(id, _)| id))
                    .filter(|id| {
                        !id.is_empty() && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                    })
                    .collect();
                assert!(!cited.is_empty(), "{} {}: no source cited in {text:?}", framework.id, factor.id());
                for id in cited {
                    assert!(SOURCES.contains(&id), "{} {}: unknown source [{id}]", framework.id, factor.id());
                }
            }
        }
    }

    /// "A framework with clearly higher throughput does not get a lower performance rating":
    /// the best TechEmpower fortunes figure of the continuous run [TFBVIS] for each framework
    /// that has one, in thousands of requests per second (from the evidence file). A framework
    /// with more than twice another's figure must not be rated lower.
    #[test]
    fn performance_ratings_follow_the_benchmarks() {
        const FORTUNES_K: [(&str, f64); 23] = [
            ("django", 14.6),
            ("nodejs", 64.3),
            ("express", 33.7),
            ("nestjs", 60.8),
            ("fastify", 72.0),
            ("laravel", 14.7),
            ("rails", 9.5),
            ("sinatra", 27.4),
            ("spring-boot", 23.8),
            ("quarkus", 216.9),
            ("micronaut", 178.6),
            ("flask", 12.5),
            ("fastapi", 46.6),
            ("aspnet-core", 362.0),
            ("phoenix", 69.1),
            ("gin", 94.3),
            ("echo", 62.7),
            ("fiber", 329.2),
            ("actix-web", 400.1),
            ("axum", 435.5),
            ("ktor", 80.8),
            ("symfony", 8.7),
            ("grape", 0.0),
        ];
        let catalog = Catalog::builtin().expect("built-in");
        let rating = |id: &str| catalog.frameworks.iter().find(|f| f.id == id).map(|f| f.scores.performance);
        for (a, fa) in FORTUNES_K {
            for (b, fb) in FORTUNES_K {
                if fa > 2.0 * fb && fb > 0.0 {
                    let (ra, rb) = (rating(a).expect("a"), rating(b).expect("b"));
                    assert!(ra >= rb, "{a} ({fa}k fortunes) is rated {ra}, below {b} ({fb}k) at {rb}");
                }
            }
        }
    }

    #[test]
    fn messages_name_no_rust_types() {
        assert_eq!(
            plain_words("invalid type: integer `-3`, expected u8"),
            "invalid type: integer `-3`, expected a whole number from 0 to 5"
        );
        assert_eq!(
            plain_words("invalid type: sequence, expected struct Scores"),
            "invalid type: sequence, expected a mapping of keys to values"
        );
        assert_eq!(
            plain_words("invalid value: integer `99999999999` as u128, expected u16"),
            "invalid value: integer `99999999999`, expected a year such as 2014"
        );
    }

    #[test]
    fn year_month() {
        assert!(is_year_month("2026-11"));
        assert!(!is_year_month("2026-13"));
        assert!(!is_year_month("26-11"));
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("spring-boot"));
        assert!(!is_kebab("Spring_Boot"));
        assert!(!is_kebab("a--b"));
    }

    #[test]
    fn levels_compare_by_strength() {
        assert!(Level::Builtin.satisfies(Level::Official));
        assert!(!Level::Community.satisfies(Level::Official));
        assert!(Level::None.satisfies(Level::None));
    }
}
