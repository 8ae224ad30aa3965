//! What the engine weighs: the five [`Factor`]s every framework is rated on, and the
//! [`Criterion`]s of a decision (the factors plus use-case fit and team familiarity).

use serde::{Deserialize, Serialize, Serializer};

/// One of the five selection factors every framework is rated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Factor {
    /// Performance and request-handling efficiency.
    Performance,
    /// Scalability and readiness for load growth.
    Scalability,
    /// Developer productivity and maintainability.
    Productivity,
    /// Integration flexibility and compatibility with other tools.
    Integration,
    /// Community support, ecosystem maturity and long-term viability.
    Community,
}

impl Factor {
    /// The five factors in their canonical order.
    pub const ALL: [Factor; 5] =
        [Factor::Performance, Factor::Scalability, Factor::Productivity, Factor::Integration, Factor::Community];

    /// The factor's id as written in YAML, JSON and flags.
    pub fn id(self) -> &'static str {
        match self {
            Factor::Performance => "performance",
            Factor::Scalability => "scalability",
            Factor::Productivity => "productivity",
            Factor::Integration => "integration",
            Factor::Community => "community",
        }
    }
}

/// A criterion the engine weighs: one of the five factors or a context criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    /// One of the catalog's rated factors.
    Factor(Factor),
    /// How well the framework fits the requested use cases (strong 1, good 0.5, otherwise 0, averaged).
    UseCaseFit,
    /// Whether the team already knows the framework's language.
    TeamFamiliarity,
}

impl Criterion {
    /// Every criterion in output order.
    pub const ALL: [Criterion; 7] = [
        Criterion::Factor(Factor::Performance),
        Criterion::Factor(Factor::Scalability),
        Criterion::Factor(Factor::Productivity),
        Criterion::Factor(Factor::Integration),
        Criterion::Factor(Factor::Community),
        Criterion::UseCaseFit,
        Criterion::TeamFamiliarity,
    ];

    /// The id used in JSON, CSV and answers files.
    pub fn id(self) -> &'static str {
        match self {
            Criterion::Factor(factor) => factor.id(),
            Criterion::UseCaseFit => "use_case_fit",
            Criterion::TeamFamiliarity => "team_familiarity",
        }
    }

    /// The flag that sets its importance.
    pub fn flag(self) -> String {
        format!("--{}", self.id().replace('_', "-"))
    }

    /// The abbreviation used in narrow table columns; factors take theirs from the vocabulary
    /// (`short`), so for them this is only a fallback: the id.
    pub fn short(self) -> &'static str {
        match self {
            Criterion::UseCaseFit => "Fit",
            Criterion::TeamFamiliarity => "Team",
            Criterion::Factor(factor) => factor.id(),
        }
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Criterion::Factor(Factor::Performance) => "Performance",
            Criterion::Factor(Factor::Scalability) => "Scalability",
            Criterion::Factor(Factor::Productivity) => "Productivity",
            Criterion::Factor(Factor::Integration) => "Integration",
            Criterion::Factor(Factor::Community) => "Community",
            Criterion::UseCaseFit => "Use-case fit",
            Criterion::TeamFamiliarity => "Team familiarity",
        }
    }
}

impl Serialize for Criterion {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}
