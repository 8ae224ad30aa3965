//! Converts the built-in data (`data/catalog.yaml`, `data/presets.yaml`) to JSON at build time, so
//! that start-up deserialises it with `serde_json` instead of parsing YAML (README "Limits and
//! errors", start-up). The YAML stays the source: a test proves both readings give the same catalog.

use std::path::Path;
use std::{env, fs};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["catalog", "presets"] {
        let input = format!("data/{name}.yaml");
        println!("cargo::rerun-if-changed={input}");
        let text = fs::read_to_string(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{input}: {e}"));
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{input} as JSON: {e}"));
        fs::write(Path::new(&out).join(format!("{name}.json")), json).expect("OUT_DIR is writable");
    }
}
