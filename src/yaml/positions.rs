//! Source positions for YAML values, so that errors found after parsing can name a line and column.
//!
//! `serde_yaml` reports where a *syntax or type* error is, but once a document has parsed, the
//! values carry no positions. [`Positions`] walks the same text with `saphyr-parser`'s event
//! stream and records where each value starts, keyed by the path `serde_yaml` itself uses in its
//! messages (`frameworks[3].scores.performance`).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

/// The 1-based (line, column) of every value and key in one YAML document.
#[derive(Debug, Default)]
pub struct Positions {
    values: HashMap<String, (usize, usize)>,
    keys: HashMap<String, (usize, usize)>,
    /// The text of every scalar under a key named `id`, to name entries in errors.
    ids: HashMap<String, String>,
}

/// Nodes nested deeper than this are not indexed.
const MAX_DEPTH: usize = 32;

enum Frame {
    Sequence { path: String, next: usize },
    Mapping { path: String, key: Option<String> },
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

impl Positions {
    /// Index `text`. A syntax error ends the walk early; what was seen before it is kept.
    pub fn index(text: &str) -> Self {
        let mut positions = Positions::default();
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let at = (span.start.line(), span.start.col() + 1);
            let (is_node, opens) = match &event {
                Event::Scalar(..) | Event::Alias(_) => (true, None),
                Event::SequenceStart(..) => (true, Some(true)),
                Event::MappingStart(..) => (true, Some(false)),
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                    (false, None)
                }
                _ => (false, None),
            };
            if !is_node {
                continue;
            }
            // Catalog and answers files are a few levels deep; deeper nodes are not indexed, so
            // a hostile file cannot make the paths (and memory) grow with the square of its depth.
            if stack.len() >= MAX_DEPTH {
                match opens {
                    Some(true) => stack.push(Frame::Sequence { path: String::new(), next: 0 }),
                    Some(false) => stack.push(Frame::Mapping { path: String::new(), key: None }),
                    None => {}
                }
                continue;
            }
            let path = match stack.last_mut() {
                None => String::new(),
                Some(Frame::Sequence { path, next }) => {
                    *next += 1;
                    format!("{path}[{}]", *next - 1)
                }
                Some(Frame::Mapping { path, key }) => match key.take() {
                    Some(key) => join(path, &key),
                    None => {
                        // This node is a key. Scalars name the value that follows; a complex
                        // key is recorded under `?`.
                        let name = match &event {
                            Event::Scalar(value, ..) => value.to_string(),
                            _ => "?".to_string(),
                        };
                        let key_path = join(path, &name);
                        positions.keys.entry(key_path).or_insert(at);
                        *key = Some(name);
                        match opens {
                            Some(_) => format!("{path}.?"),
                            None => continue,
                        }
                    }
                },
            };
            if let (Event::Scalar(text, ..), true) = (&event, path.ends_with(".id")) {
                positions.ids.entry(path.clone()).or_insert_with(|| text.to_string());
            }
            positions.values.entry(path.clone()).or_insert(at);
            match opens {
                Some(true) => stack.push(Frame::Sequence { path, next: 0 }),
                Some(false) => stack.push(Frame::Mapping { path, key: None }),
                None => {}
            }
        }
        positions
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<(usize, usize)> {
        self.values.get(path).copied()
    }

    /// The first key named `name` nested at least two levels under `prefix` (for an error that
    /// names a key deeper down but not where it is).
    pub fn key_named_under(&self, prefix: &str, name: &str) -> Option<(usize, usize)> {
        let suffix = format!(".{name}");
        self.keys
            .iter()
            .filter(|(path, _)| {
                path.strip_prefix(prefix).is_some_and(|rest| rest.contains(['.', '['])) && path.ends_with(&suffix)
            })
            .map(|(_, at)| *at)
            .min()
    }

    /// The text of the scalar at `path`, when the path ends in `.id`.
    pub fn id(&self, path: &str) -> Option<&str> {
        self.ids.get(path).map(String::as_str)
    }

    /// Where the key that names `path` starts (falls back to the value, then to the parent).
    pub fn key(&self, path: &str) -> Option<(usize, usize)> {
        self.keys.get(path).copied().or_else(|| self.value(path)).or_else(|| {
            let parent = path.rsplit_once(['.', '['])?.0;
            self.value(parent)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "frameworks:\n  - id: a\n    scores: {performance: 3, community: 4}\n    best_for:\n      - api\n      - cms\n";

    #[test]
    fn finds_block_and_flow_values() {
        let p = Positions::index(DOC);
        assert_eq!(p.value("frameworks[0].id"), Some((2, 9)));
        assert_eq!(p.id("frameworks[0].id"), Some("a"));
        assert_eq!(p.value("frameworks[0].scores.community"), Some((3, 41)));
        assert_eq!(p.value("frameworks[0].best_for[1]"), Some((6, 9)));
        assert_eq!(p.key("frameworks[0].best_for"), Some((4, 5)));
    }

    #[test]
    fn a_missing_key_points_at_its_parent() {
        let p = Positions::index(DOC);
        assert_eq!(p.key("frameworks[0].summary"), Some((2, 5)));
    }

    #[test]
    fn survives_broken_yaml() {
        let p = Positions::index("a: [1, 2\nb: {");
        assert_eq!(p.value("a[0]"), Some((1, 5)));
    }
}
