//! Fuzz target: any bytes, read as a user's catalog file and as an answers file, the way the
//! binary reads them (UTF-8 and nesting checks, parse, validate, layer, rank). Nothing may panic,
//! hang or grow without bound.

#![no_main]

use std::sync::OnceLock;

use backend_advisor::answers::{self, AnswerSet, Answers};
use backend_advisor::catalog::Catalog;
use backend_advisor::yaml::positions::Positions;
use backend_advisor::decide::score;
use backend_advisor::yaml::read as input;
use backend_advisor::Origin;
use libfuzzer_sys::fuzz_target;

fn builtin() -> &'static Catalog {
    static BUILTIN: OnceLock<Catalog> = OnceLock::new();
    BUILTIN.get_or_init(|| Catalog::builtin().expect("the built-in catalog is valid"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::decode(data.to_vec(), "fuzz.yaml") else { return };
    let catalog = builtin();
    if let Ok(layer) = catalog.parse_layer(&text, "fuzz.yaml") {
        let mut layered = catalog.clone();
        layered.apply(layer, "fuzz.yaml".into());
        let defaults = Answers::resolve(&AnswerSet::default(), &layered.vocabulary, Origin::Flag("fuzz".into()))
            .expect("the defaults are valid");
        let _ = score::rank(&layered, &defaults);
    }
    if let Ok(set) = answers::parse_file(&text, "fuzz.yaml") {
        let positions = Positions::index(&text);
        let source = answers::Source::File { path: "fuzz.yaml", positions: &positions, prefix: "" };
        if answers::check(&set, &catalog.vocabulary, &source).is_ok()
            && let Ok(resolved) = Answers::resolve(&set, &catalog.vocabulary, Origin::Flag("fuzz".into()))
        {
            let _ = score::rank(catalog, &resolved);
        }
    }
});
