//! Which layer set each value of an entry: the entry after every layer (built-in, refreshed
//! facts, each `--catalog` file) compared field by field, for `catalog layers ID`.

use serde_yaml::Value;

use super::Framework;

/// One value of an entry and the layer that last set it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Setting {
    /// The field's path, e.g. `scores.performance` or `pros[2]`.
    pub field: String,
    /// Its value as YAML on one line.
    pub value: String,
    /// The layer: `built-in`, `facts refreshed …` or a file's path.
    pub layer: String,
}

/// Every value of the entry's last state with the layer that set it, in field order. `steps` is
/// the entry after each layer, as [`super::Catalog::history`] returns it.
pub fn attribute(steps: &[super::load::Step]) -> Vec<Setting> {
    let mut settings: Vec<Setting> = Vec::new();
    for (layer, entry) in steps {
        let leaves = entry.as_ref().map(leaves).unwrap_or_default();
        let mut next = Vec::with_capacity(leaves.len());
        for (field, value) in leaves {
            let kept = settings.iter().find(|s| s.field == field && s.value == value);
            next.push(kept.cloned().unwrap_or(Setting { field, value, layer: layer.clone() }));
        }
        settings = next;
    }
    settings
}

/// The entry's scalar values with their paths.
fn leaves(framework: &Framework) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(value) = serde_yaml::to_value(framework) {
        walk(&value, String::new(), &mut out);
    }
    out
}

fn walk(value: &Value, path: String, out: &mut Vec<(String, String)>) {
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                walk(child, join(&key.as_str().map_or_else(|| format!("{key:?}"), str::to_string)), out);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), out);
            }
        }
        Value::String(text) => out.push((path, text.clone())),
        other => out.push((path, serde_yaml::to_string(other).map(|t| t.trim().to_string()).unwrap_or_default())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn a_changed_value_names_the_layer_that_changed_it() {
        let catalog = Catalog::builtin().expect("built-in");
        let before = catalog.frameworks.iter().find(|f| f.id == "flask").cloned();
        let mut after = before.clone().expect("flask");
        after.scores.productivity = 2.0;
        let settings = attribute(&[("built-in".into(), before), ("mine.yaml".into(), Some(after))]);
        let layer = |field: &str| settings.iter().find(|s| s.field == field).map(|s| s.layer.as_str());
        assert_eq!(layer("scores.productivity"), Some("mine.yaml"));
        assert_eq!(layer("scores.scalability"), Some("built-in"));
    }
}
