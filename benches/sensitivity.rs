//! The cost of `recommend --sensitivity` with the default 10,000 samples over the built-in
//! catalog, for both methods, without process start-up or output: ranking, tipping points and
//! rank acceptability. The README quotes the figure; the goal is under 50 ms on one core.

use backend_advisor::answers::{self, AnswerSet};
use backend_advisor::catalog::Catalog;
use backend_advisor::score::{self, Method};
use backend_advisor::sensitivity::{self, Settings};
use criterion::{Criterion, criterion_group, criterion_main};

fn sensitivity(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("the built-in catalog is valid");
    let answers = answers::collect(&catalog.vocabulary, &AnswerSet::default(), None, Some("enterprise"))
        .expect("the enterprise preset is valid");
    let settings = Settings::default();
    for method in [Method::Wsm, Method::Topsis] {
        c.bench_function(&format!("recommend --preset enterprise --method {method} --sensitivity"), |b| {
            b.iter(|| {
                let mut ranking = score::rank_by(&catalog, &answers, method).expect("ranks");
                ranking.sensitivity = sensitivity::analyse(&ranking, &settings);
                std::hint::black_box(ranking)
            })
        });
    }
}

criterion_group!(benches, sensitivity);
criterion_main!(benches);
