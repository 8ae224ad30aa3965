//! The cost of `recommend --sensitivity` over the built-in catalog, without process start-up or
//! output: ranking, close call, tipping points and rank acceptability. First with the default
//! 10,000 samples (preset enterprise, both methods), then with 1,000,000 samples (default
//! answers, WSM), drawing the ratings within their uncertainty and drawing the weights only.
//! docs/sensitivity.md quotes the figures.

use backend_advisor::answers::{Answers, Layers, Sources};
use backend_advisor::catalog::Catalog;
use backend_advisor::decide::score::Method;
use backend_advisor::decide::sensitivity::Settings;
use backend_advisor::decide::{self, Analysis};
use criterion::{Criterion, criterion_group, criterion_main};

fn answers(catalog: &Catalog, preset: Option<&str>) -> Answers {
    let sources = Sources { preset: preset.map(String::from), ..Sources::default() };
    Layers::read(&catalog.vocabulary, &sources)
        .and_then(|layers| layers.resolve(&catalog.vocabulary))
        .expect("the answers are valid")
}

fn sensitivity(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the built-in catalog is valid");
    let enterprise = answers(&catalog, Some("enterprise"));
    for method in [Method::Wsm, Method::Topsis] {
        c.bench_function(&format!("recommend --preset enterprise --method {method} --sensitivity"), |b| {
            let analysis = Analysis { method, sensitivity: Some(Settings::default()) };
            b.iter(|| std::hint::black_box(decide::rank(&catalog, &enterprise, &analysis).expect("ranks")))
        });
    }
    let defaults = answers(&catalog, None);
    let mut million = c.benchmark_group("one million samples");
    million.sample_size(10);
    for (name, ratings) in [("recommend --sensitivity --samples 1000000", true), ("... --weights-only", false)] {
        million.bench_function(name, |b| {
            let settings = Settings { samples: 1_000_000, ratings, ..Settings::default() };
            let analysis = Analysis { method: Method::Wsm, sensitivity: Some(settings) };
            b.iter(|| std::hint::black_box(decide::rank(&catalog, &defaults, &analysis).expect("ranks")))
        });
    }
    million.finish();
}

criterion_group!(benches, sensitivity);
criterion_main!(benches);
