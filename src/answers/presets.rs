//! The built-in presets: named starting points for answers (`data/presets.yaml`).

use serde::{Deserialize, Serialize};

use super::AnswerSet;
use super::check::{Source, check};
use crate::catalog::Vocabulary;
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;

/// The built-in presets, compiled into the binary (format: README "Presets").
pub const PRESETS_YAML: &str = include_str!("../../data/presets.yaml");

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
pub fn presets(vocabulary: &Vocabulary) -> Result<Vec<Preset>> {
    let source = "data/presets.yaml (built-in)";
    let file: PresetsFile = serde_yaml::from_str(PRESETS_YAML)
        .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, PRESETS_YAML, source)]))?;
    let positions = Positions::index(PRESETS_YAML);
    let mut problems = Vec::new();
    for (index, preset) in file.presets.iter().enumerate() {
        let prefix = format!("presets[{index}].answers");
        if let Err(Error::InvalidData(found)) =
            check(&preset.answers, vocabulary, &Source::File { path: source, positions: &positions, prefix: &prefix })
        {
            problems.extend(found);
        }
    }
    if problems.is_empty() { Ok(file.presets) } else { Err(Error::InvalidData(problems)) }
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
