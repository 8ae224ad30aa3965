//! Source positions for YAML values, so that errors found after parsing can name a line and column.
//!
//! `serde_yaml` reports where a *syntax or type* error is, but once a document has parsed, the
//! values carry no positions. [`Positions`] walks the same text with `saphyr-parser`'s event
//! stream and records where each value starts, keyed by the path `serde_yaml` itself uses in its
//! messages (`frameworks[3].scores.performance`).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

/// The 1-based (line, column) of every value and key in one YAML document.
///
/// Stored as a tree, not as one path string per value: each node holds the one key
/// or index that leads to it and its children, so a long key is kept once, however many children it has (a 1 MiB
/// key over 1,000 children once took 2 GiB as 1,000 copied paths). Memory is linear in the file.
///
/// The index is built on the first question, not when the value is made: positions are only
/// needed for an error, and a valid file (nearly every file) never pays for them.
#[derive(Debug, Default)]
pub struct Positions<'a> {
    text: &'a str,
    index: std::cell::OnceCell<Index>,
}

/// The index itself: every value's node in one tree.
#[derive(Debug, Default)]
struct Index {
    nodes: Vec<Node>,
    /// (parent node, step) → child node.
    children: HashMap<(usize, Step), usize>,
}

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Step {
    Key(Box<str>),
    Index(usize),
}

#[derive(Debug, Default)]
struct Node {
    step: Option<Step>,
    value: Option<(usize, usize)>,
    key: Option<(usize, usize)>,
    /// The scalar's text, for a node reached by the key `id` (to name entries in errors).
    id: Option<String>,
    /// The nodes one step below.
    kids: Vec<usize>,
}

/// Nodes nested deeper than this are not indexed.
const MAX_DEPTH: usize = 32;

enum Frame {
    /// A sequence (its node) and the index of its next item.
    Sequence { node: usize, next: usize },
    /// A mapping (its node) and the key whose value comes next, if a key was just read.
    Mapping { node: usize, key: Option<Step> },
    /// A collection too deep to index.
    Skipped,
}

impl<'a> Positions<'a> {
    /// The positions in `text`, indexed when first asked. A syntax error ends the walk early;
    /// what was seen before it is kept.
    pub fn index(text: &'a str) -> Self {
        Positions { text, index: std::cell::OnceCell::new() }
    }

    fn get(&self) -> &Index {
        self.index.get_or_init(|| Index::build(self.text))
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<(usize, usize)> {
        self.get().value(path)
    }

    /// The first key named `name` nested at least two levels under `prefix` (for an error that
    /// names a key deeper down but not where it is). `prefix` ends with `.` (or is empty).
    pub fn key_named_under(&self, prefix: &str, name: &str) -> Option<(usize, usize)> {
        self.get().key_named_under(prefix, name)
    }

    /// The text of the scalar at `path`, when the path ends in `.id`.
    pub fn id(&self, path: &str) -> Option<&str> {
        self.get().id(path)
    }

    /// Where the key that names `path` starts (falls back to the value, then to the parent).
    pub fn key(&self, path: &str) -> Option<(usize, usize)> {
        self.get().key(path)
    }
}

impl Index {
    fn build(text: &str) -> Self {
        let mut positions = Index { nodes: vec![Node::default()], children: HashMap::new() };
        let mut stack: Vec<Frame> = Vec::new();
        let mut root_seen = false;
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let at = (span.start.line(), span.start.col() + 1);
            let opens = match &event {
                Event::Scalar(..) | Event::Alias(_) => None,
                Event::SequenceStart(..) => Some(true),
                Event::MappingStart(..) => Some(false),
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                    continue;
                }
                _ => continue,
            };
            // Catalog and answers files are a few levels deep; deeper nodes are not indexed.
            if stack.len() >= MAX_DEPTH || matches!(stack.last(), Some(Frame::Skipped)) {
                if opens.is_some() {
                    stack.push(Frame::Skipped);
                }
                continue;
            }
            let node = match stack.last_mut() {
                None if root_seen => break,
                None => {
                    root_seen = true;
                    0
                }
                Some(Frame::Skipped) => continue,
                Some(Frame::Sequence { node, next }) => {
                    *next += 1;
                    let (parent, step) = (*node, Step::Index(*next - 1));
                    positions.child(parent, step)
                }
                Some(Frame::Mapping { node, key }) => match key.take() {
                    Some(step) => {
                        let parent = *node;
                        positions.child(parent, step)
                    }
                    None => {
                        // This node is a key. Scalars name the value that follows; a complex
                        // key is recorded under `?`.
                        let name: Box<str> = match &event {
                            Event::Scalar(value, ..) => value.as_ref().into(),
                            _ => "?".into(),
                        };
                        let parent = *node;
                        *key = Some(Step::Key(name.clone()));
                        let child = positions.child(parent, Step::Key(name));
                        positions.nodes[child].key.get_or_insert(at);
                        match opens {
                            Some(_) => child,
                            None => continue,
                        }
                    }
                },
            };
            if let Event::Scalar(text, ..) = &event
                && matches!(&positions.nodes[node].step, Some(Step::Key(k)) if &**k == "id")
            {
                positions.nodes[node].id.get_or_insert_with(|| text.to_string());
            }
            positions.nodes[node].value.get_or_insert(at);
            match opens {
                Some(true) => stack.push(Frame::Sequence { node, next: 0 }),
                Some(false) => stack.push(Frame::Mapping { node, key: None }),
                None => {}
            }
        }
        positions
    }

    /// The node reached from `parent` by `step`, made if new.
    fn child(&mut self, parent: usize, step: Step) -> usize {
        let next = self.nodes.len();
        let child = *self.children.entry((parent, step.clone())).or_insert(next);
        if child == next {
            self.nodes.push(Node { step: Some(step), ..Node::default() });
            self.nodes[parent].kids.push(child);
        }
        child
    }

    /// The node at `path` (`frameworks[3].scores.performance`), if indexed.
    fn find(&self, path: &str) -> Option<usize> {
        let mut node = 0;
        for step in steps(path)? {
            node = *self.children.get(&(node, step))?;
        }
        Some(node)
    }

    /// Where the value at `path` starts.
    fn value(&self, path: &str) -> Option<(usize, usize)> {
        self.nodes[self.find(path)?].value
    }

    /// The first key named `name` nested at least two levels under `prefix` (for an error that
    /// names a key deeper down but not where it is). `prefix` ends with `.` (or is empty).
    fn key_named_under(&self, prefix: &str, name: &str) -> Option<(usize, usize)> {
        let under = match prefix.strip_suffix('.') {
            Some(path) => self.find(path)?,
            None if prefix.is_empty() => 0,
            None => return None,
        };
        // A walk of that entry's subtree only: one lookup per entry keeps validation linear.
        let mut best: Option<(usize, usize)> = None;
        let mut todo: Vec<(usize, usize)> = self.nodes[under].kids.iter().map(|&kid| (kid, 1)).collect();
        while let Some((node, depth)) = todo.pop() {
            let node_ref = &self.nodes[node];
            if let (true, Some(Step::Key(k)), Some(at)) = (depth >= 2, &node_ref.step, node_ref.key)
                && &**k == name
            {
                best = Some(best.map_or(at, |b| b.min(at)));
            }
            todo.extend(node_ref.kids.iter().map(|&kid| (kid, depth + 1)));
        }
        best
    }

    /// The text of the scalar at `path`, when the path ends in `.id`.
    fn id(&self, path: &str) -> Option<&str> {
        self.nodes[self.find(path)?].id.as_deref()
    }

    /// Where the key that names `path` starts (falls back to the value, then to the parent).
    fn key(&self, path: &str) -> Option<(usize, usize)> {
        let own = self.find(path).and_then(|node| self.nodes[node].key.or(self.nodes[node].value));
        own.or_else(|| {
            let parent = path.rsplit_once(['.', '['])?.0;
            self.value(parent)
        })
    }
}

/// `frameworks[3].scores` → [Key(frameworks), Index(3), Key(scores)]; `None` when malformed.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut indices) = match part.split_once('[') {
            Some((key, rest)) => (key, Some(rest)),
            None => (part, None),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.into()));
        }
        while let Some(rest) = indices {
            let (index, after) = rest.split_once(']')?;
            steps.push(Step::Index(index.parse().ok()?));
            indices = after.strip_prefix('[');
        }
    }
    Some(steps)
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
    fn a_long_key_is_stored_once_however_many_children_it_has() {
        let key = "k".repeat(1 << 20);
        let children: String = (0..1000).map(|i| format!("  c{i}: {i}\n")).collect();
        let text = format!("? {key}\n:\n{children}");
        let p = Positions::index(&text);
        assert_eq!(p.value(&format!("{key}.c999")), Some((1002, 9)));
        let long_keys = p.get().nodes.iter().filter(|n| matches!(&n.step, Some(Step::Key(k)) if k.len() > 10)).count();
        assert_eq!(long_keys, 1);
    }

    #[test]
    fn finds_keys_deeper_down() {
        let p = Positions::index(DOC);
        assert_eq!(p.key_named_under("frameworks[0].", "community"), Some((3, 30)));
        assert_eq!(p.key_named_under("frameworks[0].", "id"), None);
    }

    #[test]
    fn survives_broken_yaml() {
        let p = Positions::index("a: [1, 2\nb: {");
        assert_eq!(p.value("a[0]"), Some((1, 5)));
    }
}
