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
        // An unknown id is a problem, and the patch's own fields are still checked against the
        // closest entry (never applied), so that one run names every problem.
        let stand_in = current.is_none();
        let Some(current) = current.or_else(|| {
            problems.push(problem(
                Some(id.to_string()),
                Some("id"),
                format!("no framework '{id}' to patch"),
                Some(suggest::hint(id, frameworks.iter().map(|f| f.id.as_str()))),
            ));
            let closest = suggest::closest(id, frameworks.iter().map(|f| f.id.as_str()));
            frameworks.iter().find(|f| Some(f.id.as_str()) == closest).or(frameworks.first()).cloned()
        }) else {
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
        // A bad list edit leaves the list as it was; the rest of the patch is still checked, so
        // that one run names every problem.
        let not_applied = problems.len() > before || stand_in;
        if stand_in && let Some(map) = value.as_mapping_mut() {
            map.insert(Value::from("id"), Value::from(id));
        }
        // Every unknown key of the patch is a problem of its own, at its path in the file, and the
        // rest of the patch is still checked: each one is taken out and the entry read again.
        let merged = value.clone();
        let mut value = value;
        let mut unknown = 0;
        let mut restored: Vec<String> = Vec::new();
        let framework = loop {
            match Framework::deserialize(value.clone()) {
                Ok(framework) => break Some(framework),
                Err(e) => {
                    let message = e.to_string();
                    // A value no variant matches (`level: officil`): named at its path, put back
                    // as it was, and the rest read again.
                    let variant = message.strip_prefix("unknown variant `").and_then(|rest| rest.split('`').next());
                    if let Some(bad) = variant
                        && unknown < 64
                        && let Some(path) = path_of_value(patch, bad, "", &restored)
                        && restore_at(&mut value, &merged_before(&current), &path)
                    {
                        unknown += 1;
                        restored.push(path.clone());
                        let position = positions.value(&format!("{base}.{path}")).or(positions.value(&base));
                        problems.push(Problem {
                            origin: Origin::file(file, position),
                            entry: Some(id.to_string()),
                            field: Some(format!("{base}.{path}")),
                            message: plain_words(&message),
                            hint: unknown_key_hint(&message),
                        });
                        continue;
                    }
                    let name = message.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next());
                    let path = name.and_then(|name| path_of_new_key(patch, &merged_before(&current), name, ""));
                    match path {
                        Some(path) if unknown < 64 && remove_at(&mut value, &path) => {
                            unknown += 1;
                            let hint = unknown_key_hint(&message);
                            let position = positions
                                .key(&format!("{base}.{path}"))
                                .or_else(|| name.and_then(|name| positions.key_named_under(&format!("{base}."), name)))
                                .or(positions.value(&base));
                            problems.push(Problem {
                                origin: Origin::file(file, position),
                                entry: Some(id.to_string()),
                                field: Some(format!("{base}.{path}")),
                                message: plain_words(&message),
                                hint,
                            });
                        }
                        _ => {
                            let hint = unknown_key_hint(&message);
                            let position = name
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
                            break None;
                        }
                    }
                }
            }
        };
        let Some(mut framework) = framework else { continue };
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
            Ok(_) if not_applied => {}
            Ok(mut done) => {
                let framework = done.remove(0);
                patched.retain(|f| f.id != framework.id);
                patched.push(framework);
            }
            Err(found) => problems.extend(found.into_iter().map(|p| {
                let field = in_the_file(patch, &merged, &p.field.clone().unwrap_or_default());
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

/// The entry as it was before the patch, as YAML.
fn merged_before(current: &Framework) -> Value {
    serde_yaml::to_value(current).unwrap_or(Value::Null)
}

/// The dotted path, within the patch, of the first key called `name` that the entry did not
/// have: where an unknown field came from.
fn path_of_new_key(patch: &Value, before: &Value, name: &str, path: &str) -> Option<String> {
    let map = patch.as_mapping()?;
    for (key, child) in map {
        let key = key.as_str()?;
        let here = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
        let existing = before.as_mapping().and_then(|m| m.get(key));
        if key == name && existing.is_none() {
            return Some(here);
        }
        if let Some(found) = path_of_new_key(child, existing.unwrap_or(&Value::Null), name, &here) {
            return Some(found);
        }
    }
    None
}

/// The dotted path in `patch` of the first scalar string equal to `wanted` (a bad enum value),
/// other than the paths in `done` (already named and put back).
fn path_of_value(patch: &Value, wanted: &str, path: &str, done: &[String]) -> Option<String> {
    let map = patch.as_mapping()?;
    for (key, value) in map {
        let name = key.as_str()?;
        let here = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        match value {
            Value::String(text) if text == wanted && !done.contains(&here) => return Some(here),
            Value::Mapping(_) => {
                if let Some(found) = path_of_value(value, wanted, &here, done) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// Put back at `path` the value `before` had there (or take the key out when it had none).
fn restore_at(value: &mut Value, before: &Value, path: &str) -> bool {
    let old = path.split('.').try_fold(before, |here, key| here.as_mapping().and_then(|m| m.get(key)));
    let Some(old) = old.cloned() else { return remove_at(value, path) };
    let mut here = value;
    for key in path.split('.') {
        match here.as_mapping_mut().and_then(|m| m.get_mut(key)) {
            Some(next) => here = next,
            None => return false,
        }
    }
    *here = old;
    true
}

/// Remove the key at a dotted path; whether it was there.
fn remove_at(value: &mut Value, path: &str) -> bool {
    let mut keys: Vec<&str> = path.split('.').collect();
    let Some(last) = keys.pop() else { return false };
    let mut here = value;
    for key in keys {
        match here.as_mapping_mut().and_then(|m| m.get_mut(key)) {
            Some(next) => here = next,
            None => return false,
        }
    }
    here.as_mapping_mut().and_then(|m| m.remove(last)).is_some()
}

/// A problem's field as the patch file writes it: an item a list edit added is counted in the
/// edit's `add` list (`use_cases.strong.add[0]`), not in the merged list (`use_cases.strong[3]`).
fn in_the_file(patch: &Value, merged: &Value, field: &str) -> String {
    let Some((list, rest)) = field.split_once('[') else { return field.to_string() };
    let Some((index, tail)) = rest.split_once(']') else { return field.to_string() };
    let Ok(index) = index.parse::<usize>() else { return field.to_string() };
    let walk = |root: &Value| -> Option<Value> {
        let mut here = root;
        for key in list.split('.') {
            here = here.as_mapping()?.get(key)?;
        }
        Some(here.clone())
    };
    let (Some(edit), Some(items)) = (walk(patch), walk(merged)) else { return field.to_string() };
    let Some(item) = items.as_sequence().and_then(|s| s.get(index)) else { return field.to_string() };
    match edit.as_mapping().and_then(|m| m.get("add")).and_then(Value::as_sequence) {
        Some(added) => match added.iter().position(|a| a == item) {
            Some(at) => format!("{list}.add[{at}]{tail}"),
            None => field.to_string(),
        },
        None => field.to_string(),
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
        let f = patch("- id: flask\n  use_cases: {strong: {add: [cms]}, good: {remove: [cms]}}\n")
            .expect("valid")
            .remove(0);
        assert!(f.use_cases.strong.contains(&Text::from_static("cms")));
        assert!(!f.use_cases.good.contains(&Text::from_static("cms")));
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
