//! Property tests: for any valid catalog and answers the ranking keeps its invariants, and no
//! input given to the parsers (arbitrary bytes, arbitrary YAML) makes them panic.

use backend_advisor::Origin;
use backend_advisor::answers::{self, AnswerSet, Answers, Importance};
use backend_advisor::catalog::{
    Catalog, Example, Factor, Facts, Features, Framework, Kind, Level, List, Rationale, Release, Scores, Sourced,
    Support, Text, UseCases,
};
use backend_advisor::criteria::Criterion;
use backend_advisor::decide::score;
use backend_advisor::yaml::positions::Positions;
use proptest::prelude::*;
use proptest::sample::subsequence;

/// The built-in catalog, parsed once: strategies are built for every case.
fn builtin() -> Catalog {
    static BUILTIN: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| Catalog::builtin().expect("the built-in catalog is valid")).clone()
}

/// A rating from 1 to 5 in half steps.
fn rating() -> impl Strategy<Value = f64> {
    (2u8..=10).prop_map(|half| f64::from(half) / 2.0)
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

/// A valid framework entry over the built-in vocabulary, with the given id.
fn framework(id: String) -> impl Strategy<Value = Framework> {
    let catalog = builtin();
    let vocabulary = catalog.vocabulary;
    let features: Vec<String> = vocabulary.feature_ids().map(str::to_string).collect();
    let use_cases: Vec<String> = vocabulary.use_case_ids().map(str::to_string).collect();
    let languages: Vec<String> = vocabulary.language_ids().map(str::to_string).collect();
    let feature_count = features.len();
    (
        prop::array::uniform5(rating()),
        prop::collection::vec(level(), feature_count),
        subsequence(use_cases.clone(), 1..=use_cases.len()),
        prop::sample::select(languages),
        "[A-Z][a-z]{2,8}",
    )
        .prop_map(move |(scores, levels, best_for, language, name)| Framework {
            id: id.clone().into(),
            name: name.into(),
            languages: vec![language.into()].into(),
            kind: Kind::Micro,
            summary: "Generated.".into(),
            homepage: "https://example.org".into(),
            repository: None,
            package: None,
            project: None,
            facts: Facts {
                end_of_life: None,
                license: Sourced { value: "MIT".into(), source: "T".into(), as_of: "2026".into() },
                first_release: Sourced { value: "2020".into(), source: "T".into(), as_of: "2026".into() },
                latest_release: Release {
                    version: "1".into(),
                    date: "2026".into(),
                    source: "T".into(),
                    as_of: "2026".into(),
                },
                stars: None,
                survey: None,
                benchmark: None,
                support: None,
                cold_start: None,
                idle_memory: None,
            },
            concurrency: "threads".into(),
            scores: Scores {
                performance: scores[0],
                scalability: scores[1],
                productivity: scores[2],
                integration: scores[3],
                community: scores[4],
            },
            rationale: Rationale {
                performance: "x [T]".into(),
                scalability: "x [T]".into(),
                productivity: "x [T]".into(),
                integration: "x [T]".into(),
                community: "x [T]".into(),
            },
            features: Features(
                features.iter().map(|f| f.as_str().into()).zip(levels.into_iter().map(Support::at)).collect(),
            ),
            pros: ["a", "b", "c"].map(Text::from).into_iter().collect(),
            cons: ["a", "b"].map(Text::from).into_iter().collect(),
            use_cases: UseCases {
                strong: best_for.into_iter().map(Text::from).collect(),
                good: List::default(),
                evidence: List::default(),
            },
            use_when: ["a", "b"].map(Text::from).into_iter().collect(),
            examples: List::<Example>::default(),
            reviewed: "2026-11".into(),
        })
}

fn catalog() -> impl Strategy<Value = Catalog> {
    (1usize..12).prop_flat_map(|n| {
        let entries: Vec<_> = (0..n).map(|i| framework(format!("fw-{i}"))).collect();
        entries.prop_map(|frameworks| {
            let mut catalog = builtin();
            catalog.frameworks = frameworks.into();
            catalog.sources = vec!["generated".into()];
            catalog
        })
    })
}

/// Valid answers over the built-in vocabulary (at least one importance above 0).
fn answer_set() -> impl Strategy<Value = AnswerSet> {
    let vocabulary = builtin().vocabulary;
    let use_cases: Vec<String> = vocabulary.use_case_ids().map(str::to_string).collect();
    let languages: Vec<String> = vocabulary.language_ids().map(str::to_string).collect();
    let features: Vec<String> = vocabulary.feature_ids().map(str::to_string).collect();
    let requirement =
        (prop::sample::select(features), level()).prop_map(|(feature, level)| format!("{feature}:{}", level.id()));
    (
        prop::array::uniform7(prop::option::of(0u8..=5)),
        prop::option::of(subsequence(use_cases.clone(), 0..=4)),
        prop::option::of(subsequence(languages.clone(), 0..=3)),
        prop::option::of(subsequence(languages, 0..=4)),
        prop::option::of(prop::collection::vec(requirement, 0..3)),
    )
        .prop_map(|(importance, use_cases, team_knows, languages, require)| {
            let mut set = AnswerSet { use_cases, team_knows, languages, require, ..AnswerSet::default() };
            let mut given = Importance::default();
            for (criterion, value) in Criterion::ALL.into_iter().zip(importance) {
                given.set(criterion, value);
            }
            set.importance = given;
            set
        })
}

fn resolve(catalog: &Catalog, set: &AnswerSet) -> Option<Answers> {
    answers::check(set, &catalog.vocabulary, &answers::Source::Flags).expect("generated answers are valid");
    // All-zero importances are refused by design; those draws have nothing to check.
    Answers::resolve(set, &catalog.vocabulary, Origin::Flag("test".into())).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_ranking_keeps_its_invariants(catalog in catalog(), set in answer_set()) {
        let Some(answers) = resolve(&catalog, &set) else { return Ok(()) };
        let ranking = score::rank(&catalog, &answers).expect("ranks");
        let total: f64 = ranking.criteria.iter().map(|w| w.weight).sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "weights sum to {total}");
        prop_assert_eq!(ranking.ranking.len() + ranking.excluded.len(), catalog.frameworks.len());
        for (i, entry) in ranking.ranking.iter().enumerate() {
            prop_assert_eq!(entry.rank, i + 1);
            // The score is the contributions' sum less the costs of a change (docs/model.md).
            let sum: f64 = entry.criteria.iter().map(|p| p.contribution).sum();
            let costs: f64 = entry.costs.iter().map(|c| c.points).sum();
            prop_assert!((sum - costs - entry.score).abs() < 1e-9);
            prop_assert!((0.0..=100.0 + 1e-9).contains(&(entry.score + costs)), "score {}", entry.score);
            prop_assert_eq!(entry.criteria.len(), ranking.criteria.len());
            let framework = catalog.frameworks.iter().find(|f| f.id == entry.id).expect("a catalog entry");
            // Filters are honoured: language and every requirement.
            prop_assert!(answers.languages.is_empty() || framework.languages.iter().any(|l| answers.languages.iter().any(|a| a == l)));
            for requirement in &answers.require {
                prop_assert!(framework.features.level(&requirement.feature).satisfies(requirement.level));
            }
            for factor in Factor::ALL {
                let part = entry.criteria.iter().find(|p| p.criterion == Criterion::Factor(factor)).expect("active");
                prop_assert_eq!(part.rating, framework.scores.get(factor));
            }
        }
        for pair in ranking.ranking.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.score > b.score - 1e-9, "{} ({}) before {} ({})", a.name, a.score, b.name, b.score);
            if (a.score - b.score).abs() < 1e-9 {
                prop_assert!(a.name <= b.name, "tie {} before {}", a.name, b.name);
            }
        }
        for excluded in &ranking.excluded {
            let framework = catalog.frameworks.iter().find(|f| f.id == excluded.id).expect("a catalog entry");
            prop_assert!(!excluded.reasons.is_empty());
            prop_assert_eq!(&excluded.reasons, &score::exclusion_reasons(framework, &answers));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_parsers(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let catalog = builtin();
        let _ = catalog.parse_layer(&text, "fuzz.yaml");
        let _ = answers::parse_file(&text, "fuzz.yaml");
        let _ = backend_advisor::yaml::read::too_deep(&text);
        let _ = Positions::index(&text);
    }

    #[test]
    fn arbitrary_yaml_never_panics_the_parsers(text in yaml_text()) {
        let catalog = builtin();
        let _ = catalog.parse_layer(&text, "fuzz.yaml");
        if let Ok(set) = answers::parse_file(&text, "fuzz.yaml") {
            let positions = Positions::index(&text);
            let source = answers::Source::File { path: "fuzz.yaml", positions: &positions, prefix: "" };
            let _ = answers::check(&set, &catalog.vocabulary, &source);
        }
    }
}

/// YAML documents shaped like catalogs and answers files: the schema's keys and vocabulary ids
/// (and near misses) at random places, with random scalars.
fn yaml_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "frameworks",
        "id",
        "name",
        "languages",
        "kind",
        "scores",
        "performance",
        "community",
        "features",
        "orm",
        "builtin",
        "bultin",
        "strong",
        "api",
        "ai-ml",
        "importance",
        "use_cases",
        "require",
        "orm:official",
        "team_knows",
        "python",
        "pros",
        "cons",
        "reviewed",
        "2026-11",
        "1.5",
        "7",
        "-1",
        "~",
        "null",
        "true",
        "'quoted'",
        "\"dq\"",
        "&a",
        "*a",
        "!tag",
        "? k",
        "|",
    ]);
    let leaf = words.prop_map(str::to_string);
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|items| format!("[{}]", items.join(", "))),
            prop::collection::vec((inner.clone(), inner.clone()), 0..5).prop_map(|pairs| {
                let body: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", body.join(", "))
            }),
            prop::collection::vec((inner.clone(), inner), 1..5)
                .prop_map(|pairs| { pairs.into_iter().map(|(k, v)| format!("{k}:\n  - {v}\n")).collect::<String>() }),
        ]
    })
}
