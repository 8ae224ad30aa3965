//! The framework catalog: the validated model every command reads (frameworks, their ratings,
//! features and advice, and the vocabulary they are described in).
//!
//! A file is read in two steps: `serde_yaml` turns the text into [`CatalogFile`] (shape and
//! types, unknown keys refused), then [`validate`] checks every value against the vocabulary and
//! collects *all* problems with their positions. Only a file that passes both becomes part of a
//! [`Catalog`] ([`load`]). The built-in catalog is compiled in as static data ([`builtin`]); a
//! test reads its YAML through exactly the same steps and proves the two equal.

mod builtin;
pub mod facts;
pub mod layers;
pub mod load;
pub mod patch;
pub mod rules;
pub mod text;
pub mod uncertainty;
pub mod validate;

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::criteria::Factor;
use crate::suggest;
pub use facts::{Benchmark, ColdStart, EndOfLife, Facts, IdleMemory, Release, Sourced, Stars, SupportPolicy, Survey};
pub use load::{BUILTIN_SOURCE, BUILTIN_YAML};
pub use text::{List, Pooled, Text};

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
    pub performance: Text,
    /// Why the scalability rating.
    pub scalability: Text,
    /// Why the productivity rating.
    pub productivity: Text,
    /// Why the integration rating.
    pub integration: Text,
    /// Why the community rating.
    pub community: Text,
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
    pub name: Text,
    /// What it uses the framework for.
    #[serde(rename = "use")]
    pub usage: Text,
    /// The id of the source that says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// How a framework supports one feature, and what provides it (the catalog's `procedure`
/// says what earns each level; docs/catalog-procedure.md has it in full).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Support {
    /// `builtin` (in the core package), `official` (a separate package of the framework's own
    /// project), `community` (a maintained third-party package) or `none`.
    pub level: Level,
    /// What provides it: the module in core (`django.contrib.admin`) or the package to install
    /// (`spring-boot-starter-security`); required above `none` in the built-in catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provided_by: Option<Text>,
    /// The package that provides it, on its registry: for `builtin` the core package (the
    /// default when absent) or one of the entry's `project.core`; for `official` a package of the
    /// framework's own project (`project.owns`, or the core package's namespace); for
    /// `community` a package outside it. `catalog validate` checks each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    /// Whether the provider is a paid product (Laravel Nova): `--require FEATURE:free` looks at
    /// `free_level` instead.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paid: bool,
    /// For a paid provider: the level of the best free one (named in `note`); absent is `none`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_level: Option<Level>,
    /// Where its documentation is (an http(s) URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<Text>,
    /// What is partial or missing, in a few words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The id of the source that shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

impl Support {
    /// Support at `level` with nothing more said (a user file may write just the level).
    pub fn at(level: Level) -> Support {
        Support {
            level,
            provided_by: None,
            package: None,
            paid: false,
            free_level: None,
            docs: None,
            note: None,
            source: None,
        }
    }

    /// The level a team gets without buying anything: the cell's own level unless its provider
    /// is paid, then the best free provider's (`none` when there is none).
    pub fn free(&self) -> Level {
        if self.paid { self.free_level.unwrap_or(Level::None) } else { self.level }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SupportFull {
    level: Level,
    #[serde(default)]
    provided_by: Option<Text>,
    #[serde(default)]
    package: Option<Package>,
    #[serde(default)]
    paid: bool,
    #[serde(default)]
    free_level: Option<Level>,
    #[serde(default)]
    docs: Option<Text>,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    source: Option<Text>,
}

/// A feature cell as written: just the level (`official`), or a mapping with the level and what
/// provides it. A visitor rather than an untagged enum, so that a misspelt level is reported
/// where it stands, with the valid ones.
impl<'de> Deserialize<'de> for Support {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct SupportVisitor;
        impl<'de> Visitor<'de> for SupportVisitor {
            type Value = Support;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("builtin, official, community or none, or a mapping with 'level' and 'provided_by'")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<Support, E> {
                Level::ALL
                    .into_iter()
                    .find(|level| level.id() == text)
                    .map(Support::at)
                    .ok_or_else(|| E::unknown_variant(text, &["builtin", "official", "community", "none"]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Support, A::Error> {
                let f = SupportFull::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Support {
                    level: f.level,
                    provided_by: f.provided_by,
                    package: f.package,
                    paid: f.paid,
                    free_level: f.free_level,
                    docs: f.docs,
                    note: f.note,
                    source: f.source,
                })
            }
        }
        deserializer.deserialize_any(SupportVisitor)
    }
}

/// The support of each feature, in document order (vocabulary order once validated).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features(pub List<(Text, Support)>);

impl Features {
    /// The level of one feature (`none` if absent).
    pub fn level(&self, feature: &str) -> Level {
        self.get(feature).map_or(Level::None, |s| s.level)
    }

    /// The level of one feature counting only free providers (`none` if absent).
    pub fn free_level(&self, feature: &str) -> Level {
        self.get(feature).map_or(Level::None, Support::free)
    }

    /// The support of one feature, if stated.
    pub fn get(&self, feature: &str) -> Option<&Support> {
        self.0.iter().find(|(id, _)| id == feature).map(|(_, support)| support)
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
                f.write_str("a mapping of feature id to its support")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Features, A::Error> {
                let mut out = Vec::new();
                while let Some((key, support)) = map.next_entry::<Text, Support>()? {
                    out.push((key, support));
                }
                Ok(Features(out.into()))
            }
        }
        deserializer.deserialize_map(FeaturesVisitor)
    }
}

/// The use cases a framework suits: `strong` (a primary, widely recommended choice, with what
/// the use case needs built in or official) and `good` (a reasonable choice with some assembly).
/// What earns each tag is written in the vocabulary (`use_cases[].fit`); `evidence` says, for
/// each tag, what earns it here and which source shows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UseCases {
    /// Use cases it is a primary choice for.
    #[serde(default)]
    pub strong: List<Text>,
    /// Use cases it is a reasonable choice for.
    #[serde(default)]
    pub good: List<Text>,
    /// What earns each tag (one per tag of `strong` and `good`; required in the built-in catalog).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub evidence: List<TagEvidence>,
}

impl UseCases {
    /// Every tag, strong first.
    pub fn all(&self) -> impl Iterator<Item = &Text> {
        self.strong.iter().chain(&self.good)
    }

    /// What earns one tag, if stated.
    pub fn evidence_for(&self, use_case: &str) -> Option<&TagEvidence> {
        self.evidence.iter().find(|e| e.id == use_case)
    }
}

/// Why a framework carries one use-case tag: what of the tag's criterion it meets, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagEvidence {
    /// The use case (one of the entry's `strong` or `good` tags).
    pub id: Text,
    /// What of the criterion it meets, in a sentence.
    pub why: Text,
    /// The id of the source that shows it.
    pub source: Text,
}

/// The packages of a framework's own project, so that `catalog validate` can check levels:
/// `builtin` cells name the core package or one of `core`; `official` cells one of `owns` (or
/// the core package's namespace: its npm scope, Maven group, Packagist vendor or Go module owner).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Other packages that are part of core: installed with it as its dependencies and
    /// documented as its own API (`werkzeug` and `jinja2` for Flask).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub core: List<Text>,
    /// Names the project publishes, on any registry: exact names, or prefixes ending in `*`
    /// (`actix-cors`, `@fastify/*`).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub owns: List<Text>,
}

/// The package a user installs, on its registry: what `catalog refresh` looks up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// `pypi`, `npm`, `crates`, `maven`, `nuget`, `rubygems`, `packagist`, `hex`, `go`,
    /// `swiftpm`, `conan` or `none` (installed some other way).
    pub registry: Text,
    /// The package's name on that registry (Maven: `group:artifact`).
    pub name: Text,
}

/// The order `list` shows frameworks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// The catalog's own order.
    #[default]
    Catalog,
    /// By name, A to Z (case ignored).
    Name,
    /// By a factor's rating, highest first; ties by name.
    Factor(Factor),
}

impl Order {
    /// Put `frameworks` in this order (a stable sort: equal ones keep the catalog's order).
    pub fn sort(self, frameworks: &mut [&Framework]) {
        let by_name = |a: &&Framework, b: &&Framework| a.name.to_lowercase().cmp(&b.name.to_lowercase());
        match self {
            Order::Catalog => {}
            Order::Name => frameworks.sort_by(by_name),
            Order::Factor(factor) => frameworks
                .sort_by(|a, b| b.scores.get(factor).total_cmp(&a.scores.get(factor)).then_with(|| by_name(a, b))),
        }
    }
}

/// One framework of the catalog. Field docs are the schema reference (docs/catalog.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable kebab-case id, e.g. `spring-boot`.
    pub id: Text,
    /// Display name, e.g. `Spring Boot`.
    pub name: Text,
    /// Every language it supports first-class, primary first (vocabulary `languages`).
    pub languages: List<Text>,
    /// `full-stack`, `micro`, `api` or `runtime`.
    pub kind: Kind,
    /// One sentence: what it is.
    pub summary: Text,
    /// Project homepage URL.
    pub homepage: Text,
    /// The main source repository on GitHub, `owner/name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<Text>,
    /// The package a user installs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    /// The packages of the framework's own project, beyond `package` (for level checks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
    /// Facts with their sources and dates: licence, releases, stars, survey usage, benchmark,
    /// support policy.
    pub facts: Facts,
    /// Concurrency model in one line.
    pub concurrency: Text,
    /// Rating 1–5 (half steps) per factor. Performance and community follow the rules of docs/ratings.md
    /// from `facts` where the facts measure them; the others are judged by the vocabulary's rubric.
    pub scores: Scores,
    /// Evidence behind each rating, citing source ids in brackets.
    pub rationale: Rationale,
    /// Support of every vocabulary feature, and what provides it.
    pub features: Features,
    /// Strengths (at least 3).
    pub pros: List<Text>,
    /// Weaknesses (at least 2).
    pub cons: List<Text>,
    /// The use cases it suits, strong and good.
    pub use_cases: UseCases,
    /// Advice on when to choose it (at least 2).
    pub use_when: List<Text>,
    /// Known production users.
    #[serde(default)]
    pub examples: List<Example>,
    /// When the entry was last checked, `YYYY-MM-DD` (or `YYYY-MM`).
    pub reviewed: Text,
}

impl Framework {
    /// The primary language.
    pub fn language(&self) -> &str {
        self.languages.first().map_or("", Text::as_str)
    }
}

/// A factor's wording, used by help, prompts and reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorInfo {
    /// Which factor.
    pub id: Factor,
    /// Label for headings, e.g. `Performance`.
    pub label: Text,
    /// Abbreviation of at most 5 characters for narrow table columns, e.g. `Perf`.
    pub short: Text,
    /// One-line description.
    pub description: Text,
    /// The question a person is asked about its importance.
    pub question: Text,
    /// For a measured factor: the rule that derives it from facts (docs/ratings.md); a rating
    /// without those facts is judged by the rubric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
    /// What earns each rating, from 5 down to 1.
    pub rubric: List<RubricLevel>,
}

/// One level of a factor's rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricLevel {
    /// The rating, 1 to 5.
    pub rating: f64,
    /// What earns it.
    pub meaning: Text,
}

/// A source of facts and ratings, shipped with the catalog so that every citation can be opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The id that entries cite, UPPER_SNAKE_CASE, e.g. `TFB_CITRINE_2023_09_19`.
    pub id: Text,
    /// Its title.
    pub title: Text,
    /// Who published it.
    pub publisher: Text,
    /// Where to open it (http(s)); empty only for `GK`, which is not a document.
    pub url: Text,
    /// When it was published, or read (`date_kind`): `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Text,
    /// `published` or `read`.
    pub date_kind: Text,
    /// What it measures or shows.
    pub measures: Text,
}

/// A vocabulary term (feature or use case) with its description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The id used in entries, flags and answers.
    pub id: Text,
    /// One-line description.
    pub description: Text,
    /// For a use case: what earns a framework the tag (`strong`, `good`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<Text>,
    /// For a use case: what it relies on and which factors it stresses (docs/model.md); every
    /// use case of the built-in catalog has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Needs>,
}

/// What a use case relies on: the features use-case fit measures, and the importance of each
/// factor when the person gives none (docs/model.md "Use-case needs").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    /// Feature ids (vocabulary `features`) a framework serving this use case relies on; `a|b`
    /// is one need that either feature meets (a fast cold start by `aot|edge`).
    pub features: List<Text>,
    /// The importance (0-5) of each factor for this use case: the defaults when none is given.
    pub importance: Stresses,
}

/// A use case's importance (0-5) for each of the five factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stresses {
    /// Performance importance.
    pub performance: u8,
    /// Scalability importance.
    pub scalability: u8,
    /// Productivity importance.
    pub productivity: u8,
    /// Integration importance.
    pub integration: u8,
    /// Community importance.
    pub community: u8,
}

impl Stresses {
    /// The importance of one factor.
    pub fn get(&self, factor: Factor) -> u8 {
        match factor {
            Factor::Performance => self.performance,
            Factor::Scalability => self.scalability,
            Factor::Productivity => self.productivity,
            Factor::Integration => self.integration,
            Factor::Community => self.community,
        }
    }
}

/// One rule of the level procedure: how a feature cell's level is decided in a case that
/// needs a tie-break (docs/catalog-procedure.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureRule {
    /// A short kebab-case name, e.g. `generator-installed`.
    pub id: Text,
    /// The features it applies to (empty: all).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub features: List<Text>,
    /// The rule.
    pub rule: Text,
}

/// A programming language of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The id used in entries, flags and answers.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Its family (`jvm`, `dotnet`, `javascript`, …): languages of one family share runtimes
    /// and libraries, so knowing one counts partly for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<Text>,
    /// Other names people type for it (`ts`, `golang`, `c#`), matched case-insensitively.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub aliases: List<Text>,
    /// Languages that knowing it includes (TypeScript includes JavaScript, a subset of it).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub includes: List<Text>,
}

/// The words a catalog may use: factors, features, use cases and languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vocabulary {
    /// The five factors, in order.
    pub factors: List<FactorInfo>,
    /// Features whose support level every entry states.
    pub features: List<Term>,
    /// Use-case tags for `use_cases`, `--use-case`.
    pub use_cases: List<Term>,
    /// Languages for `languages`, `--language`, `--team-knows`.
    pub languages: List<Language>,
    /// The sources entries cite.
    pub sources: List<Source>,
    /// What earns each feature level (`builtin`, `official`, `community`, `none`), as terms.
    pub levels: List<Term>,
    /// The tie-breaks of the level procedure.
    pub procedure: List<ProcedureRule>,
    /// When the built-in catalog was last reviewed, `YYYY-MM-DD`.
    pub reviewed: Text,
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

    /// The language a person means by `text`: its id, name or an alias, in any case.
    pub fn find_language(&self, text: &str) -> Option<&Language> {
        let wanted = text.trim().to_lowercase();
        self.languages.iter().find(|l| {
            l.id == wanted || l.name.to_lowercase() == wanted || l.aliases.iter().any(|a| a.to_lowercase() == wanted)
        })
    }

    /// Whether knowing `known` means knowing `language` too: the same language, or one it includes.
    pub fn knowing_includes(&self, known: &str, language: &str) -> bool {
        known == language || self.languages.iter().any(|l| l.id == known && l.includes.iter().any(|i| i == language))
    }

    /// The family of a language (its own id when it has none).
    pub fn family<'a>(&'a self, id: &'a str) -> &'a str {
        self.languages.iter().find(|l| l.id == id).and_then(|l| l.family.as_deref()).unwrap_or(id)
    }

    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources named by `ids` (any case, brackets allowed: `[so_survey_2024]`), in the
    /// order given; every source when `ids` is empty. An unknown id is an error with the closest.
    pub fn sources_named(&self, ids: &[String], origin: crate::Origin) -> crate::Result<Vec<Source>> {
        if ids.is_empty() {
            return Ok(self.sources.iter().cloned().collect());
        }
        ids.iter()
            .map(|wanted| {
                let bare = wanted.trim().trim_start_matches('[').trim_end_matches(']').to_uppercase();
                self.sources.iter().find(|s| s.id.to_uppercase() == bare).cloned().ok_or_else(|| {
                    crate::Error::at(crate::Problem {
                        origin: origin.clone(),
                        entry: None,
                        field: None,
                        message: format!("unknown source '{wanted}'"),
                        hint: Some(crate::suggest::hint(&bare, self.sources.iter().map(|s| s.id.as_str()))),
                    })
                })
            })
            .collect()
    }

    /// A use case's needs, if it is known and states them.
    pub fn needs(&self, use_case: &str) -> Option<&Needs> {
        self.use_cases.iter().find(|u| u.id == use_case).and_then(|u| u.needs.as_ref())
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
    /// Schema version (2).
    pub schema: Option<u32>,
    /// When the built-in catalog was reviewed (`YYYY-MM-DD`); the built-in file only.
    pub reviewed: Option<String>,
    /// Sources that entries cite; a user file may add its own (new ids only).
    pub sources: Option<Vec<Source>>,
    /// Factor wording.
    pub factors: Option<Vec<FactorInfo>>,
    /// Feature vocabulary.
    pub features: Option<Vec<Term>>,
    /// Use-case vocabulary.
    pub use_cases: Option<Vec<Term>>,
    /// Language vocabulary.
    pub languages: Option<Vec<Language>>,
    /// What earns each feature level.
    pub levels: Option<Vec<Term>>,
    /// The tie-breaks of the level procedure.
    pub procedure: Option<Vec<ProcedureRule>>,
    /// When `catalog refresh` wrote this file (`YYYY-MM-DD`); its facts overlay only.
    pub refreshed: Option<String>,
    /// The entries.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    /// Changes to existing entries: each names an `id` and gives only the fields that change
    /// (docs/catalog.md "Patching an entry"). They apply to the catalog of the layers before this file.
    #[serde(default)]
    pub patches: Vec<serde_yaml::Value>,
}

/// A validated catalog: the vocabulary plus every framework from all layers.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The vocabulary (always the built-in one).
    pub vocabulary: Vocabulary,
    /// The frameworks, built-in first, user layers replacing or adding by id (borrowed from the
    /// binary until something changes them).
    pub frameworks: List<Framework>,
    /// Where the entries came from: `built-in`, then each `--catalog` file.
    pub sources: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::validate::{self, is_kebab};
    use crate::yaml::problems::plain_words;

    #[test]
    fn the_builtin_catalog_is_valid() {
        // The static data is not validated at start-up: this reads the YAML as a user file.
        let catalog = Catalog::builtin_from_yaml().expect("built-in catalog must validate");
        assert!(catalog.frameworks.len() >= 24);
    }

    /// Every rating's rationale cites at least one source, and only sources of the evidence file
    /// (docs/ratings.md).
    #[test]
    fn every_citation_resolves_to_a_shipped_source_with_an_address() {
        let catalog = Catalog::builtin().expect("built-in");
        assert!(catalog.frameworks.len() >= 44, "{} frameworks", catalog.frameworks.len());
        for source in &catalog.vocabulary.sources {
            assert!(
                source.id == "GK" || validate::is_http_url(&source.url),
                "source {} has no address: '{}'",
                source.id,
                source.url
            );
            assert!(validate::is_date(&source.date), "source {} date '{}'", source.id, source.date);
            assert!(matches!(source.date_kind.as_str(), "published" | "read"), "source {}", source.id);
        }
        for f in &catalog.frameworks {
            // Every fact has a source and a date (validation checks both are known and well formed).
            assert!(!f.facts.citations().is_empty() && !f.facts.dates().is_empty());
            for factor in Factor::ALL {
                assert!(
                    validate::citations(f.rationale.get(factor)).next().is_some(),
                    "{} {} cites no source",
                    f.id,
                    factor.id()
                );
            }
            for (feature, support) in &f.features.0 {
                if support.level != Level::None {
                    assert!(
                        support.provided_by.as_deref().is_some_and(|p| !p.trim().is_empty()),
                        "{} {feature}: a cell above none must name what provides it",
                        f.id
                    );
                }
            }
            assert!(f.repository.is_some() && f.package.is_some(), "{}: repository and package", f.id);
            // Every use-case tag cites what earns it (validation checks each id and source).
            for tag in f.use_cases.all() {
                assert!(f.use_cases.evidence_for(tag).is_some(), "{} {tag}: no evidence", f.id);
            }
            assert!(f.use_cases.all().count() <= validate::MAX_USE_CASES, "{}", f.id);
        }
    }

    #[test]
    fn measured_ratings_follow_the_rules_and_throughput_order() {
        let catalog = Catalog::builtin().expect("built-in");
        let mut measured = 0;
        for f in &catalog.frameworks {
            for factor in [Factor::Performance, Factor::Community] {
                if let Some(derived) = rules::derived(f, factor) {
                    assert_eq!(f.scores.get(factor), derived, "{} {}", f.id, factor.id());
                    measured += 1;
                }
            }
            if let Some(benchmark) = &f.facts.benchmark {
                assert!(benchmark.classification != "Platform" || f.kind == Kind::Runtime, "{}", f.id);
            }
        }
        assert!(measured >= 60, "only {measured} measured ratings");
        let with_figures: Vec<(&Framework, u64)> =
            catalog.frameworks.iter().filter_map(|f| f.facts.benchmark.as_ref().map(|b| (f, b.fortunes))).collect();
        for (a, fa) in &with_figures {
            for (b, fb) in &with_figures {
                if fa > fb {
                    assert!(
                        a.scores.performance >= b.scores.performance,
                        "{} ({fa}) is rated below {} ({fb})",
                        a.id,
                        b.id
                    );
                }
            }
        }
    }

    #[test]
    fn the_issue_examples_rest_on_the_frameworks_own_variants() {
        let catalog = Catalog::builtin().expect("built-in");
        let variant = |id: &str| {
            let f = catalog.frameworks.iter().find(|f| f.id == id).expect(id);
            f.facts.benchmark.as_ref().map(|b| b.variant.clone()).expect("measured")
        };
        assert_eq!(variant("actix-web"), "actix-web-diesel");
        assert_eq!(variant("symfony"), "symfony-workerman");
        assert!(variant("fastapi").starts_with("fastapi"));
        let rating = |id: &str| catalog.frameworks.iter().find(|f| f.id == id).expect(id).scores.performance;
        assert!(rating("symfony") >= rating("laravel"));
        let spring = catalog.frameworks.iter().find(|f| f.id == "spring-boot").expect("spring-boot");
        assert!(spring.languages.contains(&Text::from_static("kotlin")));
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
    fn dates() {
        assert!(validate::is_date("2026-11"));
        assert!(validate::is_date("2026-11-29"));
        assert!(validate::is_date("2026"));
        assert!(!validate::is_date("2026-13"));
        assert!(!validate::is_date("26-11"));
        assert!(!validate::is_date("2026--29"));
        assert!(!validate::is_date("soon"));
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
