//! The cost of `recommend --sensitivity` with the default 10,000 samples over the built-in
//! catalog, for both methods, without process start-up or output: ranking, tipping points and
//! rank acceptability. The README quotes the figure; the goal is under 50 ms on one core.

use backend_advisor::answers::{Layers, Sources};
use backend_advisor::catalog::Catalog;
use backend_advisor::decide::score::Method;
use backend_advisor::decide::sensitivity::Settings;
use backend_advisor::decide::{self, Analysis};
use criterion::{Criterion, criterion_group, criterion_main};

fn sensitivity(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the built-in catalog is valid");
    let sources = Sources { preset: Some("enterprise".into()), ..Sources::default() };
    let answers = Layers::read(&catalog.vocabulary, &sources)
        .and_then(|layers| layers.resolve(&catalog.vocabulary))
        .expect("the enterprise preset is valid");
    for method in [Method::Wsm, Method::Topsis] {
        c.bench_function(&format!("recommend --preset enterprise --method {method} --sensitivity"), |b| {
            let analysis = Analysis { method, sensitivity: Some(Settings::default()) };
            b.iter(|| std::hint::black_box(decide::rank(&catalog, &answers, &analysis).expect("ranks")))
        });
    }
}

criterion_group!(benches, sensitivity);
criterion_main!(benches);
