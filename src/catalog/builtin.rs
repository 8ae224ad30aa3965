//! The built-in catalog as static data: `build.rs` writes `data/catalog.yaml` as Rust statics,
//! its text one string and each list a span of the pool of its item type, so start-up parses
//! and copies nothing (ARCHITECTURE.md "Speed").
//!
//! Tests prove that this is exactly the catalog the YAML gives when parsed and validated like
//! any user file, and that the static data is in use (should `build.rs` not convert the YAML,
//! it says why in a build warning and the YAML is parsed at start-up instead).

// Which of these the data uses depends on the data (no entry may have an end-of-life fact yet).
#[allow(unused_imports)]
use super::facts::{
    Benchmark, ColdStart, EndOfLife, Facts, IdleMemory, Release, Sourced, Stars, SupportPolicy, Survey,
};
use super::text::Pooled;
#[allow(unused_imports)]
use super::{
    Example, Factor, FactorInfo, Features, Framework, Kind, Language, Level, List, Needs, Package, ProcedureRule,
    Project, Rationale, RubricLevel, Scores, Source, Stresses, Support, TagEvidence, Term, Text, UseCases, Vocabulary,
};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// Each item type's pool.
macro_rules! pooled {
    ($($item:ty => $pool:expr),* $(,)?) => {
        $(impl Pooled for $item {
            fn pool() -> &'static [$item] {
                $pool
            }
        })*
    };
}

// Lists of entries and of vocabulary terms are static slices (`List::from_static`), never
// spans, so their pools are empty.
pooled!(
    Text => TEXT_LISTS,
    (Text, Support) => FEATURE_CELLS,
    Example => EXAMPLES,
    RubricLevel => RUBRICS,
    TagEvidence => EVIDENCE,
    ProcedureRule => &[],
    Framework => &[],
    FactorInfo => &[],
    Term => &[],
    Language => &[],
    Source => &[],
);

/// Whether the binary holds the built-in catalog as static data.
#[cfg(test)]
pub fn compiled_in() -> bool {
    GENERATED
}

/// The vocabulary and the entries of the built-in catalog, when compiled in.
pub fn catalog() -> Option<(Vocabulary, List<Framework>)> {
    GENERATED.then(|| {
        let vocabulary = Vocabulary {
            factors: List::from_static(FACTORS),
            features: List::from_static(FEATURES),
            use_cases: List::from_static(USE_CASES),
            languages: List::from_static(LANGUAGES),
            sources: List::from_static(SOURCES),
            levels: List::from_static(LEVELS),
            procedure: List::from_static(PROCEDURE),
            reviewed: Text::from_static(REVIEWED),
        };
        (vocabulary, List::from_static(FRAMEWORKS))
    })
}
