//! One layer of answers checked against the vocabulary, with the same rules whatever its
//! source (flags, an answers file, a preset), every problem located where the value came from.

use super::pairwise::parse_pair;
use super::{AnswerSet, Proficiency, parse_requirement, split_known};
use crate::catalog::Vocabulary;
use crate::criteria::Criterion;
use crate::decide::ahp::{self, Judgement};
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;

/// Where a layer's values came from, so that a problem can point at them.
pub enum Source<'a> {
    /// Command-line flags.
    Flags,
    /// An answers file: its path, text and value positions.
    File {
        /// Path as shown to the user.
        path: &'a str,
        /// Positions of its values.
        positions: &'a Positions<'a>,
        /// Path of the answers inside the document (empty for an answers file).
        prefix: &'a str,
    },
    /// A preset (the built-in presets file).
    Preset(&'a str),
}

impl Source<'_> {
    fn origin(&self, path: &str, flag: &str) -> Origin {
        match self {
            Source::Flags => Origin::Flag(flag.to_string()),
            Source::File { path: file, positions, prefix } => {
                let path = if prefix.is_empty() { path.to_string() } else { format!("{prefix}.{path}") };
                Origin::file(file, positions.value(&path).or(positions.key(&path)))
            }
            Source::Preset(id) => Origin::file(&format!("preset '{id}'"), None),
        }
    }

    /// Like `origin`, but pointing at the key rather than its value (for a bad key).
    fn key_origin(&self, path: &str, flag: &str) -> Origin {
        match self {
            Source::File { path: file, positions, prefix } => {
                let path = if prefix.is_empty() { path.to_string() } else { format!("{prefix}.{path}") };
                Origin::file(file, positions.key(&path))
            }
            _ => self.origin(path, flag),
        }
    }
}

/// Check one layer's values with the same rules whatever their source; every problem is kept.
pub fn check(set: &AnswerSet, vocabulary: &Vocabulary, source: &Source) -> Result<()> {
    let mut problems = Vec::new();
    let mut complain = |path: &str, flag: &str, message: String, hint: Option<String>| {
        problems.push(Problem {
            origin: source.origin(path, flag),
            entry: None,
            field: Some(path.to_string()),
            message,
            hint,
        });
    };
    for criterion in Criterion::ALL {
        if let Some(value) = set.importance.get(criterion).filter(|&v| v > 5) {
            let path = format!("importance.{}", criterion.id());
            complain(
                &path,
                &criterion.flag(),
                format!("importance {value} is out of range"),
                Some("expected 0 (ignore) to 5 (critical)".into()),
            );
        }
    }
    // (answers key, flag, given values, valid values, what they are)
    type Check<'v> = (&'v str, &'v str, &'v Option<Vec<String>>, Vec<&'v str>, &'v str);
    let open_to: Vec<&str> = vocabulary.language_ids().chain([super::OpenTo::ANY]).collect();
    let lists: [Check; 4] = [
        ("use_cases", "--use-case", &set.use_cases, vocabulary.use_case_ids().collect(), "use case"),
        ("team_knows", "--team-knows", &set.team_knows, vocabulary.language_ids().collect(), "language"),
        ("languages", "--language", &set.languages, vocabulary.language_ids().collect(), "language"),
        ("open_to", "--open-to", &set.open_to, open_to, "language (or 'any')"),
    ];
    for (key, flag, values, valid, what) in lists {
        for (i, value) in values.iter().flatten().enumerate() {
            // `--team-knows LANG:LEVEL` says how well: well (the default) or some.
            let value = if key == "team_knows" {
                let (language, level) = split_known(value);
                if Proficiency::parse(level).is_none() {
                    complain(
                        &format!("{key}[{i}]"),
                        flag,
                        format!("unknown proficiency '{level}' for {language}"),
                        Some("write LANG (known well) or LANG:some (known a little)".into()),
                    );
                }
                language
            } else {
                value.as_str()
            };
            if !valid.contains(&value) {
                complain(
                    &format!("{key}[{i}]"),
                    flag,
                    format!("unknown {what} '{value}'"),
                    Some(suggest::hint(value, valid.iter().copied())),
                );
            }
        }
    }
    for (i, text) in set.require.iter().flatten().enumerate() {
        if let Err((message, hint)) = parse_requirement(text, vocabulary) {
            complain(&format!("require[{i}]"), "--require", message, Some(hint));
        }
    }
    // Problems with a pair's key point at the key, not at its value.
    let mut at_keys: Vec<Problem> = Vec::new();
    if let Some(map) = &set.pairwise {
        let mut seen: [Option<&str>; 10] = [None; 10];
        for (key, value) in map {
            let path = format!("pairwise.{key}");
            let mut complain_at_key = |message: String, hint: &str| {
                at_keys.push(Problem {
                    origin: source.key_origin(&path, "pairwise"),
                    entry: None,
                    field: Some(path.clone()),
                    message,
                    hint: Some(hint.to_string()),
                });
            };
            match parse_pair(key) {
                Err((message, hint)) => complain_at_key(message, &hint),
                Ok((first, second)) => {
                    if let Some((index, _)) = ahp::position(first, second) {
                        match seen[index] {
                            Some(other) => complain_at_key(
                                format!("the comparison '{key}' is given twice (also as '{other}')"),
                                "keep one of them",
                            ),
                            None => seen[index] = Some(key),
                        }
                    }
                }
            }
            if let Err(reason) = Judgement::parse(&value.0) {
                complain(&path, "pairwise", reason, Some("1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 1/3 etc. for the reverse".into()));
            }
        }
        let missing: Vec<String> =
            ahp::pairs().iter().zip(seen).filter(|(_, s)| s.is_none()).map(|(p, _)| p.key()).collect();
        if !missing.is_empty() {
            at_keys.push(Problem {
                origin: source.key_origin("pairwise", "pairwise"),
                entry: None,
                field: Some("pairwise".into()),
                message: format!("missing {} of the 10 comparisons: {}", missing.len(), missing.join(", ")),
                hint: Some("AHP needs every pair of the five factors, as a/b or b/a".into()),
            });
        }
    }
    problems.extend(at_keys);
    match (problems.is_empty(), source) {
        (true, _) => Ok(()),
        (false, Source::Flags) => Err(Error::at(problems.remove(0))),
        (false, _) => Err(Error::InvalidData(problems)),
    }
}
