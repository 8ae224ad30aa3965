//! The answers given, layer by layer: flags over an answers file over a preset over the
//! defaults. Each layer is checked where it came from, so an error names the flag or the file
//! position of the bad value; [`Layers::resolve`] merges them into validated [`Answers`].

use super::check::{Source, check};
use super::pairwise::Pairwise;
use super::presets::{Preset, find_preset, presets};
use super::{AnswerSet, Answers, is_default, normalize};
use crate::catalog::Vocabulary;
use crate::criteria::Criterion;
use crate::error::{Error, Origin, Problem, Result};
use crate::yaml::positions::Positions;

/// Parse an answers file; a syntax error, type error or unknown key is a located problem.
pub fn parse_file(text: &str, path: &str) -> Result<AnswerSet> {
    // An empty file is almost always a mistake (a failed redirect, the wrong path); saying so
    // beats silently ranking with the defaults.
    // Only comments (or `~`) is empty too.
    let holds_nothing = || matches!(serde_yaml::from_str::<serde_yaml::Value>(text), Ok(serde_yaml::Value::Null));
    if text.trim().is_empty() || holds_nothing() {
        return Err(Error::InvalidData(vec![Problem {
            origin: Origin::file(path, None),
            entry: None,
            field: None,
            message: "the answers file is empty; expected keys such as `importance: {performance: 5}`".into(),
            hint: Some("the format is in docs/answers-file.md; or leave out --answers".into()),
        }]));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let mut problem = crate::yaml::problems::yaml_problem(&e, text, path);
        locate_importance(&mut problem, text, path);
        Error::InvalidData(vec![problem])
    })
}

/// The parser blames a bad importance on the `importance` mapping as a whole: point at the
/// criterion whose value it is instead (`importance.productivity`, its line and column).
fn locate_importance(problem: &mut crate::error::Problem, text: &str, path: &str) {
    if problem.field.as_deref() != Some("importance") {
        return;
    }
    // "'hgih' is not an importance…" or "importance 7 is out of range".
    let bad = match problem.message.strip_prefix('\'') {
        Some(rest) => rest.split('\'').next().map(str::to_string),
        None => problem.message.strip_prefix("importance ").and_then(|r| r.split(' ').next()).map(str::to_string),
    };
    let Some(bad) = bad else { return };
    let positions = Positions::index(text);
    let lines: Vec<&str> = text.lines().collect();
    for criterion in Criterion::ALL {
        let at = format!("importance.{}", criterion.id());
        let Some((line, column)) = positions.value(&at) else { continue };
        let written = lines.get(line.saturating_sub(1)).and_then(|l| l.get(column.saturating_sub(1)..)).unwrap_or("");
        let written = written.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']);
        if written.eq_ignore_ascii_case(bad.trim()) {
            problem.origin = Origin::file(path, Some((line, column)));
            problem.field = Some(at);
            return;
        }
    }
}

/// Merge layers, highest precedence first (flags, answers file, preset), over the defaults.
pub fn merge(layers: &[&AnswerSet]) -> AnswerSet {
    let mut merged = AnswerSet::default();
    for criterion in Criterion::ALL {
        merged.importance.set(criterion, layers.iter().find_map(|l| l.importance.get(criterion)));
    }
    merged.use_cases = layers.iter().find_map(|l| l.use_cases.clone());
    merged.team_knows = layers.iter().find_map(|l| l.team_knows.clone());
    merged.languages = layers.iter().find_map(|l| l.languages.clone());
    merged.require = layers.iter().find_map(|l| l.require.clone());
    merged.open_to = layers.iter().find_map(|l| l.open_to.clone());
    merged.exclude = layers.iter().find_map(|l| l.exclude.clone());
    merged.incumbent = layers.iter().find_map(|l| l.incumbent.clone());
    merged.pairwise = layers.iter().find_map(|l| l.pairwise.clone());
    merged.title = layers.iter().find_map(|l| l.title.clone());
    merged.description = layers.iter().find_map(|l| l.description.clone());
    merged.name = layers.iter().find_map(|l| l.name.clone());
    merged.role = layers.iter().find_map(|l| l.role.clone());
    merged.informed = layers.iter().find_map(|l| l.informed.clone());
    merged.radar = layers.iter().find_map(|l| l.radar.clone());
    merged.radar_support = layers.iter().find_map(|l| l.radar_support);
    merged
}

/// Where answers come from, before anything is read: the flags as one layer, the answers file
/// and the preset they name. Built once by the binary from the command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sources {
    /// The answers given by flags (unset flags stay unset).
    pub flags: AnswerSet,
    /// `--answers FILE`.
    pub file: Option<std::path::PathBuf>,
    /// `--preset NAME`.
    pub preset: Option<String>,
}

impl Sources {
    /// Whether any answer was given: a flag, an answers file or a preset.
    pub fn any(&self) -> bool {
        self.file.is_some() || self.preset.is_some() || self.flags != AnswerSet::default()
    }
}

/// The answers given up front, layer by layer, each checked where it came from: what
/// `recommend` resolves at once and the questionnaire asks the rest of.
#[derive(Debug, Clone)]
pub struct Layers {
    /// The flags.
    pub flags: AnswerSet,
    /// The answers file, when one was given.
    pub file: Option<FileLayer>,
    /// The preset named by `--preset`.
    pub preset: Option<Preset>,
}

/// An answers file's layer, with the positions that messages about it need.
#[derive(Debug, Clone)]
pub struct FileLayer {
    /// What the file says.
    pub answers: AnswerSet,
    /// Where its importances are, to blame them when every importance ends up 0.
    pub importance_origin: Origin,
    /// Its pairwise comparisons (when complete), located in the file so that an inconsistency
    /// warning can point at the comparison to revise.
    pub pairwise: Option<Pairwise>,
}

impl Layers {
    /// Check the flags, read and check the answers file, find the preset; the first problem
    /// found is the error, in that order.
    pub fn read(vocabulary: &Vocabulary, sources: &Sources) -> Result<Layers> {
        let mut flags = sources.flags.clone();
        normalize(&mut flags, vocabulary);
        let flags = &flags;
        check(flags, vocabulary, &Source::Flags)?;
        let file = sources.file.as_deref().map(|path| read_file(path, vocabulary)).transpose()?;
        let preset = match sources.preset.as_deref() {
            Some(id) => {
                let all = presets(vocabulary)?;
                Some(find_preset(&all, id)?.clone())
            }
            None => None,
        };
        Ok(Layers { flags: flags.clone(), file, preset })
    }

    /// The flags over the answers file: what was said explicitly, the preset left out.
    pub fn explicit(&self) -> AnswerSet {
        let mut layers = vec![&self.flags];
        layers.extend(self.file.as_ref().map(|file| &file.answers));
        merge(&layers)
    }

    /// The comparisons given, located in the answers file; `None` when they come from
    /// elsewhere or are not given.
    pub fn located_pairwise(&self) -> Option<&Pairwise> {
        match &self.file {
            Some(file) if self.flags.pairwise.is_none() => file.pairwise.as_ref(),
            _ => None,
        }
    }

    /// Merge the layers over the defaults into validated [`Answers`].
    pub fn resolve(&self, vocabulary: &Vocabulary) -> Result<Answers> {
        let mut layers = vec![&self.flags];
        layers.extend(self.file.as_ref().map(|file| &file.answers));
        layers.extend(self.preset.as_ref().map(|p| &p.answers));
        let merged = merge(&layers);
        // An importance for a context criterion that is not active would be silently ignored.
        for (criterion, needs, key, given) in [
            (
                Criterion::UseCaseFit,
                "--use-case",
                "use_cases",
                merged.use_cases.as_ref().is_some_and(|v| !v.is_empty()),
            ),
            (
                Criterion::TeamFamiliarity,
                "--team-knows",
                "team_knows",
                merged.team_knows.as_ref().is_some_and(|v| !v.is_empty()),
            ),
        ] {
            // 0 ("ignore") for a criterion that is not active says nothing wrong.
            if given || merged.importance.get(criterion).is_none_or(|v| v == 0) {
                continue;
            }
            // Blame the layer the importance came from: flags, then the file, then the preset.
            let origin = if self.flags.importance.get(criterion).is_some() {
                Origin::Flag(criterion.flag())
            } else {
                match self.file.as_ref().filter(|file| file.answers.importance.get(criterion).is_some()) {
                    Some(file) => file.importance_origin.clone(),
                    None => {
                        self.preset.as_ref().map_or(Origin::Flag("--preset".into()), |p| Origin::Preset(p.id.clone()))
                    }
                }
            };
            return Err(Error::at(Problem {
                origin,
                entry: None,
                field: Some(format!("importance.{}", criterion.id())),
                message: format!("an importance for {} has no effect without {needs}", criterion.id()),
                hint: Some(format!("add {needs} (or `{key}` in an answers file), or leave the importance out")),
            }));
        }
        let sets_importance = |set: &AnswerSet| !is_default(&set.importance);
        let blame = if sets_importance(&self.flags) {
            Origin::Flag("importance flags".into())
        } else if let Some(file) = self.file.as_ref().filter(|file| sets_importance(&file.answers)) {
            file.importance_origin.clone()
        } else {
            self.preset.as_ref().map_or(Origin::Defaults, |p| Origin::Preset(p.id.clone()))
        };
        let mut answers = Answers::resolve(&merged, vocabulary, blame)?;
        answers.radar = super::read_radar(&merged)?;
        // Comparisons from the answers file keep their positions for the inconsistency warning.
        if let Some(located) = self.located_pairwise() {
            answers.pairwise = Some(located.clone());
        }
        Ok(answers)
    }
}

/// The info string of the fenced block that holds the record in a decision record
/// (`recommend --format adr`).
pub const RECORD_FENCE: &str = "yaml backend-advisor-record";

/// A decision record's text with every line outside its record block blanked, so that the block
/// parses as YAML with its lines where they are in the file; `None` when it holds no record.
pub fn record_yaml(text: &str) -> Option<String> {
    let opening = format!("```{RECORD_FENCE}");
    let start = text.lines().position(|l| l.trim_end() == opening)?;
    let mut inside = false;
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i == start {
            inside = true;
        } else if inside && line.starts_with("```") {
            inside = false;
        } else if inside {
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}

/// The part of a decision record `--answers` reads: the answers it was made with.
#[derive(serde::Deserialize)]
struct RecordedAnswers {
    answers: AnswerSet,
}

/// Read, parse and check an answers file, or the answers of a decision record (a Markdown file
/// `recommend --format adr` wrote), so that a record's successor starts from its answers.
fn read_file(path: &std::path::Path, vocabulary: &Vocabulary) -> Result<FileLayer> {
    let shown = path.display().to_string();
    // A decision record is Markdown: only its record block is YAML, checked as such once cut out.
    let raw = crate::yaml::read::text(path, crate::yaml::read::Kind::Record)?;
    let (text, prefix) = match record_yaml(&raw) {
        Some(yaml) => (yaml, "answers"),
        None => (raw, ""),
    };
    crate::yaml::read::yaml(&text, &shown, 0)?;
    let mut set = if prefix.is_empty() {
        parse_file(&text, &shown)?
    } else {
        serde_yaml::from_str::<RecordedAnswers>(&text)
            .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, &text, &shown)]))?
            .answers
    };
    normalize(&mut set, vocabulary);
    // A radar named in an answers file or a decision record is found next to it, wherever the
    // command runs.
    if let (Some(radar), Some(folder)) = (set.radar.as_mut(), path.parent()) {
        *radar = folder.join(&*radar).display().to_string();
    }
    let positions = Positions::index(&text);
    check(&set, vocabulary, &Source::File { path: &shown, positions: &positions, prefix })?;
    let at = |key: &str| if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
    let locate = |key: &str| Some(Origin::file(&shown, positions.key(&at(&format!("pairwise.{key}")))));
    let pairwise = set.pairwise.as_ref().and_then(|map| Pairwise::from_map(map, &locate));
    Ok(FileLayer { answers: set, importance_origin: Origin::file(&shown, positions.key(&at("importance"))), pairwise })
}
