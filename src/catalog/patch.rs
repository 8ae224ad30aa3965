//! Patches: a layer that changes an existing entry by id, giving only the fields that change.
//!
//! A patch is merged into the entry as written (mappings merge key by key, a scalar or a list
//! replaces, `null` removes an optional field, `{add: [...], remove: [...]}` edits a list), and
//! the result is validated exactly like a whole entry, its problems pointing into the patch.
//! Ratings the rules derive from facts follow the patched facts unless the patch sets them.

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::validate::validate;
use super::{Factor, Framework, Source, Vocabulary, rules};
use crate::error::{Origin, Problem};
use crate::suggest;
use crate::yaml::positions::Positions;
use crate::yaml::problems::{plain_words, unknown_key_hint};

/// The two keys of a list edit: `{add: [...], remove: [...]}`.
const LIST_EDIT: [&str; 2] = ["add", "remove"];

/// Apply the patches of one file (`patches[i]`) to `frameworks`, returning the patched entries
/// (validated) or every problem, each placed in the patch file. `sources` are the ones the file
/// adds; `file` names it in messages.
pub fn apply(
    patches: &[Value],
    frameworks: &[Framework],
    vocabulary: &Vocabulary,
    sources: &[Source],
    file: &str,
    positions: &Positions,
) -> Result<Vec<Framework>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut patched: Vec<Framework> = Vec::new();
    for (index, patch) in patches.iter().enumerate() {
        let base = format!("patches[{index}]");
        let at = |field: &str| {
            let path = format!("{base}.{field}");
            positions.value(&path).or(positions.key(&path)).or(positions.value(&base))
        };
        let problem = |entry: Option<String>, field: Option<&str>, message: String, hint: Option<String>| Problem {
            origin: Origin::file(file, field.map_or(positions.value(&base), at)),
            entry,
            field: field.map(|f| format!("{base}.{f}")),
            message,
            hint,
        };
        let Some(map) = patch.as_mapping() else {
            problems.push(problem(
                None,
                None,
                "a patch is a mapping with 'id' and the fields that change".into(),
                None,
            ));
            continue;
        };
        let Some(id) = map.get("id").and_then(Value::as_str) else {
            problems.push(problem(None, None, "a patch needs the 'id' of the entry it changes".into(), None));
            continue;
        };
        // A second patch of the same id in one file builds on the first.
        let current = patched.iter().chain(frameworks).find(|f| f.id == id).cloned();
        let Some(current) = current else {
            problems.push(problem(
                Some(id.to_string()),
                Some("id"),
                format!("no framework '{id}' to patch"),
                Some(suggest::hint(id, frameworks.iter().map(|f| f.id.as_str()))),
            ));
            continue;
        };
        let mut value = match serde_yaml::to_value(&current) {
            Ok(value) => value,
            Err(e) => {
                problems.push(problem(Some(id.to_string()), None, e.to_string(), None));
                continue;
            }
        };
        let before = problems.len();
        merge(&mut value, patch, "", &mut |field, message, hint| {
            problems.push(problem(Some(id.to_string()), Some(field), message, hint));
        });
        if problems.len() > before {
            continue;
        }
        let mut framework = match Framework::deserialize(value) {
            Ok(framework) => framework,
            Err(e) => {
                let message = e.to_string();
                let hint = unknown_key_hint(&message);
                let position = message
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split('`').next())
                    .and_then(|name| {
                        positions
                            .key_named_under(&format!("{base}."), name)
                            .or(positions.key(&format!("{base}.{name}")))
                    })
                    .or(positions.value(&base));
                problems.push(Problem {
                    origin: Origin::file(file, position),
                    entry: Some(id.to_string()),
                    field: None,
                    message: plain_words(&message),
                    hint,
                });
                continue;
            }
        };
        let sets =
            |factor: Factor| map.get("scores").and_then(Value::as_mapping).is_some_and(|s| s.contains_key(factor.id()));
        for factor in Factor::ALL {
            if let Some(derived) = rules::derived(&framework, factor)
                && !sets(factor)
            {
                match factor {
                    Factor::Performance => framework.scores.performance = derived,
                    Factor::Community => framework.scores.community = derived,
                    _ => {}
                }
            }
        }
        match validate(vec![framework], vocabulary, sources, file, &Positions::default()) {
            Ok(mut done) => {
                let framework = done.remove(0);
                patched.retain(|f| f.id != framework.id);
                patched.push(framework);
            }
            Err(found) => problems.extend(found.into_iter().map(|p| {
                let field = p.field.clone().unwrap_or_default();
                problem(p.entry, Some(&field), p.message, p.hint)
            })),
        }
    }
    if problems.is_empty() { Ok(patched) } else { Err(problems) }
}

/// Merge `patch` into `base` at `path` (dotted, for messages); `complain(field, message, hint)`.
fn merge(base: &mut Value, patch: &Value, path: &str, complain: &mut dyn FnMut(&str, String, Option<String>)) {
    let child = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match (base, patch) {
        (Value::Sequence(items), Value::Mapping(edit)) => {
            if let Some(key) = edit.keys().filter_map(Value::as_str).find(|k| !LIST_EDIT.contains(k)) {
                complain(
                    &child(key),
                    format!("a list is edited with 'add' and 'remove', not '{key}'"),
                    Some(suggest::hint(key, LIST_EDIT.iter().copied())),
                );
                return;
            }
            let list = |key: &str| edit.get(key).and_then(Value::as_sequence).cloned().unwrap_or_default();
            for gone in list("remove") {
                match items.iter().position(|item| item == &gone) {
                    Some(at) => {
                        items.remove(at);
                    }
                    None => complain(
                        &child("remove"),
                        format!("{} is not in the list, so it cannot be removed", shown(&gone)),
                        Some(format!("the list holds: {}", items.iter().map(shown).collect::<Vec<_>>().join(", "))),
                    ),
                }
            }
            for added in list("add") {
                if !items.contains(&added) {
                    items.push(added);
                }
            }
        }
        (Value::Mapping(target), Value::Mapping(changes)) => {
            for (key, change) in changes {
                let name = key.as_str().unwrap_or_default();
                if path.is_empty() && name == "id" {
                    continue;
                }
                match (target.get_mut(key), change) {
                    (Some(_), Value::Null) => {
                        target.remove(key);
                    }
                    (Some(existing), _) => merge(existing, change, &child(name), complain),
                    (None, Value::Null) => {}
                    (None, _) => {
                        target.insert(key.clone(), strip_edits(change));
                    }
                }
            }
        }
        (slot, change) => *slot = strip_edits(change),
    }
}

/// A value added where nothing was: a list edit there can only add.
fn strip_edits(value: &Value) -> Value {
    match value.as_mapping() {
        Some(map) if !map.is_empty() && map.keys().all(|k| k.as_str().is_some_and(|k| LIST_EDIT.contains(&k))) => {
            map.get("add").cloned().unwrap_or(Value::Sequence(Vec::new()))
        }
        Some(map) => Value::Mapping(map.iter().map(|(k, v)| (k.clone(), strip_edits(v))).collect::<Mapping>()),
        None => value.clone(),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("'{text}'"),
        other => serde_yaml::to_string(other).map_or_else(|_| "?".into(), |t| t.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Text};

    fn patch(text: &str) -> Result<Vec<Framework>, Vec<Problem>> {
        let catalog = Catalog::builtin().expect("built-in");
        let text = format!("patches:\n{text}");
        let file: crate::catalog::CatalogFile = serde_yaml::from_str(&text).expect("yaml");
        let patches = file.patches;
        let positions = Positions::index(&text);
        apply(&patches, &catalog.frameworks, &catalog.vocabulary, &[], "p.yaml", &positions)
    }

    #[test]
    fn one_rating_changes_and_nothing_else() {
        let catalog = Catalog::builtin().expect("built-in");
        let before = catalog.frameworks.iter().find(|f| f.id == "fastapi").expect("fastapi");
        let after = patch("- id: fastapi\n  scores: {productivity: 2}\n").expect("valid").remove(0);
        assert_eq!(after.scores.productivity, 2.0);
        let mut same = after.clone();
        same.scores.productivity = before.scores.productivity;
        assert_eq!(&same, before);
    }

    #[test]
    fn lists_are_replaced_or_edited() {
        let f = patch("- id: flask\n  use_cases: {strong: {add: [ai-ml]}, good: {remove: [ai-ml]}}\n")
            .expect("valid")
            .remove(0);
        assert!(f.use_cases.strong.contains(&Text::from_static("ai-ml")));
        let f = patch("- id: flask\n  pros: [a, b, c]\n").expect("valid").remove(0);
        assert_eq!(f.pros, ["a", "b", "c"]);
        let problems = patch("- id: flask\n  pros: {remove: [nothing]}\n").expect_err("not in the list");
        assert!(problems[0].message.contains("not in the list"), "{problems:?}");
    }

    #[test]
    fn problems_point_into_the_patch_with_suggestions() {
        let problems = patch("- id: fastapi\n  scores: {productivity: 7}\n").expect_err("out of range");
        assert_eq!(problems[0].origin, Origin::file("p.yaml", Some((3, 26))));
        let problems = patch("- id: fastapy\n  scores: {productivity: 2}\n").expect_err("unknown id");
        assert!(problems[0].hint.as_deref().is_some_and(|h| h.contains("fastapi")), "{problems:?}");
        let problems = patch("- id: fastapi\n  scroes: {productivity: 2}\n").expect_err("typo");
        assert!(problems[0].hint.as_deref().is_some_and(|h| h.contains("scores")), "{problems:?}");
        assert_eq!(problems[0].origin, Origin::file("p.yaml", Some((3, 3))));
    }

    #[test]
    fn derived_ratings_follow_patched_facts() {
        let f = patch("- id: fastapi\n  facts: {stars: {count: 1000}}\n").expect("valid").remove(0);
        assert_eq!(f.scores.community, rules::community(&f.facts).expect("measured"));
        assert!(f.scores.community < 3.0);
    }
}
