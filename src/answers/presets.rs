//! The built-in presets: named starting points for answers (`data/presets.yaml`).

use serde::{Deserialize, Serialize};

use super::AnswerSet;
use super::check::{Source, check};
use crate::catalog::Vocabulary;
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;

/// The built-in presets, compiled into the binary (format: docs/recommend.md "presets").
pub const PRESETS_YAML: &str = include_str!("../../data/presets.yaml");

/// The same presets as JSON, converted by `build.rs`: what start-up reads.
const PRESETS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/presets.json"));

/// A named starting point for answers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Preset id, e.g. `startup-mvp`.
    pub id: String,
    /// One line saying who it is for.
    pub description: String,
    /// The answers it sets.
    pub answers: AnswerSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetsFile {
    presets: Vec<Preset>,
}

/// The built-in presets, validated against the vocabulary.
///
/// Read from the JSON `build.rs` made; only when that fails a check (never, a test proves) is the
/// YAML parsed and indexed, so the problems name their lines.
pub fn presets(vocabulary: &Vocabulary) -> Result<Vec<Preset>> {
    if let Ok(file) = serde_json::from_str::<PresetsFile>(PRESETS_JSON) {
        let unlocated = Positions::default();
        if checked(&file, vocabulary, &unlocated).is_empty() {
            return Ok(file.presets);
        }
    }
    presets_from_yaml(vocabulary)
}

/// The built-in presets parsed from their YAML, with positions for any problem.
pub fn presets_from_yaml(vocabulary: &Vocabulary) -> Result<Vec<Preset>> {
    let file: PresetsFile = serde_yaml::from_str(PRESETS_YAML)
        .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, PRESETS_YAML, SOURCE)]))?;
    let problems = checked(&file, vocabulary, &Positions::index(PRESETS_YAML));
    if problems.is_empty() { Ok(file.presets) } else { Err(Error::InvalidData(problems)) }
}

const SOURCE: &str = "data/presets.yaml (built-in)";

fn checked(file: &PresetsFile, vocabulary: &Vocabulary, positions: &Positions) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, preset) in file.presets.iter().enumerate() {
        let prefix = format!("presets[{index}].answers");
        if let Err(Error::InvalidData(found)) =
            check(&preset.answers, vocabulary, &Source::File { path: SOURCE, positions, prefix: &prefix })
        {
            problems.extend(found);
        }
    }
    problems
}

/// Find a preset by id, suggesting the closest on a typo.
pub fn find_preset<'a>(presets: &'a [Preset], id: &str) -> Result<&'a Preset> {
    presets.iter().find(|p| p.id == id).ok_or_else(|| {
        Error::at(Problem {
            origin: Origin::Flag("--preset".into()),
            entry: None,
            field: None,
            message: format!("unknown preset '{id}'"),
            hint: Some(suggest::hint(id, presets.iter().map(|p| p.id.as_str()))),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn the_json_reading_is_the_yaml_reading() {
        let catalog = Catalog::builtin().expect("the built-in catalog is valid");
        let quick = presets(&catalog.vocabulary).expect("the built-in presets are valid");
        let reference = presets_from_yaml(&catalog.vocabulary).expect("the built-in presets are valid");
        let as_json = |p: &[Preset]| serde_json::to_value(p).expect("presets serialise");
        assert_eq!(as_json(&quick), as_json(&reference));
        assert!(!quick.is_empty());
    }
}
