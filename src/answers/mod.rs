//! What the team told us: the answers-file format, presets, and merging flags > file > preset >
//! defaults into one validated [`Answers`].
//!
//! Every layer is checked on its own, so an error names the flag or the file position the bad
//! value came from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Factor, Level, Vocabulary};
use crate::criteria::Criterion;
use crate::decide::ahp::{self, Judgement};
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;

/// The importance of a criterion nobody gave one for: 3, "medium".
pub const DEFAULT_IMPORTANCE: u8 = 3;

/// The built-in presets, compiled into the binary (format: README "Presets").
pub const PRESETS_YAML: &str = include_str!("../../data/presets.yaml");

/// Importance (0–5) of each criterion; every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Importance {
    /// Performance importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<u8>,
    /// Scalability importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scalability: Option<u8>,
    /// Productivity importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub productivity: Option<u8>,
    /// Integration importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration: Option<u8>,
    /// Community importance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<u8>,
    /// Importance of fit to the requested use cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_case_fit: Option<u8>,
    /// Importance of the team already knowing the language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_familiarity: Option<u8>,
}

impl Importance {
    /// The importance given for one criterion, if any.
    pub fn get(&self, criterion: Criterion) -> Option<u8> {
        match criterion {
            Criterion::Factor(Factor::Performance) => self.performance,
            Criterion::Factor(Factor::Scalability) => self.scalability,
            Criterion::Factor(Factor::Productivity) => self.productivity,
            Criterion::Factor(Factor::Integration) => self.integration,
            Criterion::Factor(Factor::Community) => self.community,
            Criterion::UseCaseFit => self.use_case_fit,
            Criterion::TeamFamiliarity => self.team_familiarity,
        }
    }

    /// Set the importance of one criterion.
    pub fn set(&mut self, criterion: Criterion, value: Option<u8>) {
        let slot = match criterion {
            Criterion::Factor(Factor::Performance) => &mut self.performance,
            Criterion::Factor(Factor::Scalability) => &mut self.scalability,
            Criterion::Factor(Factor::Productivity) => &mut self.productivity,
            Criterion::Factor(Factor::Integration) => &mut self.integration,
            Criterion::Factor(Factor::Community) => &mut self.community,
            Criterion::UseCaseFit => &mut self.use_case_fit,
            Criterion::TeamFamiliarity => &mut self.team_familiarity,
        };
        *slot = value;
    }
}

/// One layer of answers, as written in an answers file or given by flags; every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSet {
    /// Importance per criterion.
    #[serde(default, skip_serializing_if = "is_default")]
    pub importance: Importance,
    /// What the project is: use-case ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_cases: Option<Vec<String>>,
    /// Languages the team knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_knows: Option<Vec<String>>,
    /// Consider only frameworks in these languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// Required features, `FEATURE` or `FEATURE:LEVEL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require: Option<Vec<String>>,
    /// AHP: the 10 pairwise comparisons of the five factors, `"a/b": 3` meaning a matters
    /// moderately more than b (Saaty's 1–9 scale, `"1/3"` for the reverse).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairwise: Option<BTreeMap<String, PairValue>>,
}

/// A pairwise judgement as written: `3`, `"1/2"`; kept as text so that any value can be
/// reported where it stands before it is checked against Saaty's scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairValue(pub String);

impl From<Judgement> for PairValue {
    fn from(judgement: Judgement) -> PairValue {
        PairValue(judgement.to_string())
    }
}

impl Serialize for PairValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        // Whole numbers as numbers, reciprocals as strings: `3`, `"1/3"`.
        match self.0.parse::<u8>() {
            Ok(n) => serializer.serialize_u8(n),
            Err(_) => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for PairValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<PairValue, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PairValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a judgement on Saaty's scale: 1 to 9, or \"1/2\" to \"1/9\"")
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<PairValue, E> {
                Ok(PairValue(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<PairValue, E> {
                Ok(PairValue(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<PairValue, E> {
                Ok(PairValue(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<PairValue, E> {
                Ok(PairValue(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The validated pairwise comparisons: one judgement per pair of [`ahp::pairs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairwise {
    /// Judgements in [`ahp::pairs`] order, each read as `first/second`.
    pub judgements: [Judgement; 10],
    /// How each was written, in the same order, for messages about it.
    pub written: Vec<WrittenPair>,
}

/// One comparison as the person wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPair {
    /// The key as written, e.g. `scalability/performance`.
    pub key: String,
    /// The judgement for that key, e.g. `1/2`.
    pub judgement: Judgement,
    /// Where it was written, when it came from a file.
    pub origin: Option<Origin>,
}

impl Pairwise {
    /// Read a complete, checked `pairwise` mapping; `None` if a pair is missing or invalid
    /// (which [`check`] reports). `locate` gives the origin of a key.
    pub fn from_map(map: &BTreeMap<String, PairValue>, locate: &dyn Fn(&str) -> Option<Origin>) -> Option<Pairwise> {
        let mut judgements: [Option<Judgement>; 10] = [None; 10];
        let mut written: Vec<Option<WrittenPair>> = vec![None; 10];
        for (key, value) in map {
            let (first, second) = parse_pair(key).ok()?;
            let (index, reversed) = ahp::position(first, second)?;
            let judgement = Judgement::parse(&value.0).ok()?;
            judgements[index] = Some(if reversed { judgement.reciprocal() } else { judgement });
            written[index] = Some(WrittenPair { key: key.clone(), judgement, origin: locate(key) });
        }
        let mut all = [Judgement::EQUAL; 10];
        for (slot, judgement) in all.iter_mut().zip(judgements) {
            *slot = judgement?;
        }
        Some(Pairwise { judgements: all, written: written.into_iter().collect::<Option<Vec<_>>>()? })
    }
}

/// Split `a/b` into two factors; the reason in words, with a suggestion, on failure.
fn parse_pair(key: &str) -> std::result::Result<(Factor, Factor), (String, String)> {
    let factor_ids = || Factor::ALL.iter().map(|f| f.id());
    let Some((a, b)) = key.split_once('/') else {
        return Err((
            format!("'{key}' is not a pair of factors"),
            "write it as factor/factor, e.g. performance/scalability".into(),
        ));
    };
    let factor = |name: &str| {
        Factor::ALL.into_iter().find(|f| f.id() == name.trim()).ok_or_else(|| {
            let hint = if Criterion::ALL.iter().any(|c| c.id() == name.trim()) {
                format!(
                    "pairwise compares the five factors; {} keeps its importance (importance.{})",
                    name.trim(),
                    name.trim()
                )
            } else {
                suggest::hint(name.trim(), factor_ids())
            };
            (format!("unknown factor '{}' in '{key}'", name.trim()), hint)
        })
    };
    let (a, b) = (factor(a)?, factor(b)?);
    if a == b {
        return Err((format!("'{key}' compares {} with itself", a.id()), "compare two different factors".into()));
    }
    Ok((a, b))
}

fn is_default(importance: &Importance) -> bool {
    importance == &Importance::default()
}

/// A feature that must be supported at least at a level (a hard filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Feature id.
    pub feature: String,
    /// Weakest acceptable level.
    pub level: Level,
}

/// Validated answers, ready for scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Importance of each factor, in [`Factor::ALL`] order.
    pub factors: [u8; 5],
    /// Importance of use-case fit; `Some` exactly when use cases were given.
    pub use_case_fit: Option<u8>,
    /// Importance of team familiarity; `Some` exactly when team languages were given.
    pub team_familiarity: Option<u8>,
    /// Requested use cases.
    pub use_cases: Vec<String>,
    /// Languages the team knows.
    pub team_knows: Vec<String>,
    /// Only these languages (empty: all).
    pub languages: Vec<String>,
    /// Feature requirements.
    pub require: Vec<Requirement>,
    /// AHP comparisons of the five factors, when given: the factors are then weighed by AHP.
    pub pairwise: Option<Pairwise>,
}

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

/// Where a layer's values came from, so that a problem can point at them.
pub enum Source<'a> {
    /// Command-line flags.
    Flags,
    /// An answers file: its path, text and value positions.
    File {
        /// Path as shown to the user.
        path: &'a str,
        /// Positions of its values.
        positions: &'a Positions,
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
            hint: Some("see README \"Answers file\", or leave out --answers".into()),
        }]));
    }
    serde_yaml::from_str(text)
        .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, text, path)]))
}

/// Parse `FEATURE[:LEVEL]`.
pub fn parse_requirement(text: &str, vocabulary: &Vocabulary) -> std::result::Result<Requirement, (String, String)> {
    let (feature, level) = match text.split_once(':') {
        Some((feature, level)) => (feature, Some(level)),
        None => (text, None),
    };
    if !vocabulary.feature_ids().any(|id| id == feature) {
        return Err((format!("unknown feature '{feature}'"), suggest::hint(feature, vocabulary.feature_ids())));
    }
    let level = match level {
        None => Level::Builtin,
        Some(level) => Level::parse(level).map_err(|hint| (format!("unknown support level '{level}'"), hint))?,
    };
    Ok(Requirement { feature: feature.to_string(), level })
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
    let lists: [Check; 3] = [
        ("use_cases", "--use-case", &set.use_cases, vocabulary.use_case_ids().collect(), "use case"),
        ("team_knows", "--team-knows", &set.team_knows, vocabulary.language_ids().collect(), "language"),
        ("languages", "--language", &set.languages, vocabulary.language_ids().collect(), "language"),
    ];
    for (key, flag, values, valid, what) in lists {
        for (i, value) in values.iter().flatten().enumerate() {
            if !valid.contains(&value.as_str()) {
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
    merged.pairwise = layers.iter().find_map(|l| l.pairwise.clone());
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
        let flags = &sources.flags;
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
        // Comparisons from the answers file keep their positions for the inconsistency warning.
        if let Some(located) = self.located_pairwise() {
            answers.pairwise = Some(located.clone());
        }
        Ok(answers)
    }
}

/// Read, parse and check an answers file.
fn read_file(path: &std::path::Path, vocabulary: &Vocabulary) -> Result<FileLayer> {
    let shown = path.display().to_string();
    let text = crate::yaml::read::read_text(path)?;
    let set = parse_file(&text, &shown)?;
    let positions = Positions::index(&text);
    check(&set, vocabulary, &Source::File { path: &shown, positions: &positions, prefix: "" })?;
    let locate = |key: &str| Some(Origin::file(&shown, positions.key(&format!("pairwise.{key}"))));
    let pairwise = set.pairwise.as_ref().and_then(|map| Pairwise::from_map(map, &locate));
    Ok(FileLayer { answers: set, importance_origin: Origin::file(&shown, positions.key("importance")), pairwise })
}

impl Answers {
    /// Resolve merged, already-checked answers: apply defaults and refuse all-zero importances.
    /// `blame` names where the importances came from, for the all-zero error.
    pub fn resolve(set: &AnswerSet, vocabulary: &Vocabulary, blame: Origin) -> Result<Answers> {
        let use_cases = dedup(set.use_cases.clone().unwrap_or_default());
        let team_knows = dedup(set.team_knows.clone().unwrap_or_default());
        let mut factors = [DEFAULT_IMPORTANCE; 5];
        for (slot, factor) in factors.iter_mut().zip(Factor::ALL) {
            *slot = set.importance.get(Criterion::Factor(factor)).unwrap_or(DEFAULT_IMPORTANCE);
        }
        let use_case_fit = (!use_cases.is_empty()).then(|| set.importance.use_case_fit.unwrap_or(DEFAULT_IMPORTANCE));
        let team_familiarity =
            (!team_knows.is_empty()).then(|| set.importance.team_familiarity.unwrap_or(DEFAULT_IMPORTANCE));
        let mut require = Vec::new();
        for text in set.require.iter().flatten() {
            if let Ok(requirement) = parse_requirement(text, vocabulary) {
                require.retain(|r: &Requirement| r.feature != requirement.feature);
                require.push(requirement);
            }
        }
        let answers = Answers {
            factors,
            use_case_fit,
            team_familiarity,
            use_cases,
            team_knows,
            languages: dedup(set.languages.clone().unwrap_or_default()),
            require,
            pairwise: set.pairwise.as_ref().and_then(|map| Pairwise::from_map(map, &|_| None)),
        };
        answers.check_weighable(blame)?;
        Ok(answers)
    }

    /// Refuse answers that weigh nothing: every active importance 0 and no comparisons (with
    /// comparisons the factors always have weight). `blame` names where the importances came from.
    pub fn check_weighable(&self, blame: Origin) -> Result<()> {
        let total: u32 = Criterion::ALL.into_iter().filter_map(|c| self.importance(c)).map(u32::from).sum();
        if total > 0 || self.pairwise.is_some() {
            return Ok(());
        }
        Err(Error::at(Problem {
            origin: blame,
            entry: None,
            field: Some("importance".into()),
            message: "every importance is 0, so nothing would be weighed".into(),
            hint: Some("give at least one criterion an importance from 1 to 5".into()),
        }))
    }

    /// The importance of a criterion, `None` when the criterion is not active.
    pub fn importance(&self, criterion: Criterion) -> Option<u8> {
        match criterion {
            Criterion::Factor(factor) => Some(self.factors[factor as usize]),
            Criterion::UseCaseFit => self.use_case_fit,
            Criterion::TeamFamiliarity => self.team_familiarity,
        }
    }
}

fn dedup(mut values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.clone()));
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn vocabulary() -> Vocabulary {
        Catalog::builtin().expect("built-in").vocabulary
    }

    #[test]
    fn flags_beat_the_file_which_beats_the_preset() {
        let flags =
            AnswerSet { importance: Importance { performance: Some(5), ..Default::default() }, ..Default::default() };
        let file = AnswerSet {
            importance: Importance { performance: Some(1), community: Some(2), ..Default::default() },
            use_cases: Some(vec!["api".into()]),
            ..Default::default()
        };
        let preset = AnswerSet {
            importance: Importance { community: Some(4), scalability: Some(0), ..Default::default() },
            use_cases: Some(vec!["cms".into()]),
            ..Default::default()
        };
        let merged = merge(&[&flags, &file, &preset]);
        assert_eq!(merged.importance.performance, Some(5));
        assert_eq!(merged.importance.community, Some(2));
        assert_eq!(merged.importance.scalability, Some(0));
        assert_eq!(merged.use_cases, Some(vec!["api".to_string()]));
    }

    #[test]
    fn context_criteria_are_active_only_when_asked_for() {
        let v = vocabulary();
        let answers = Answers::resolve(&AnswerSet::default(), &v, Origin::Flag("-".into())).expect("valid");
        assert_eq!(answers.factors, [3; 5]);
        assert_eq!(answers.use_case_fit, None);
        let set = AnswerSet { use_cases: Some(vec!["api".into()]), ..Default::default() };
        let answers = Answers::resolve(&set, &v, Origin::Flag("-".into())).expect("valid");
        assert_eq!(answers.use_case_fit, Some(3));
    }

    #[test]
    fn all_zero_is_refused() {
        let v = vocabulary();
        let zero = Importance {
            performance: Some(0),
            scalability: Some(0),
            productivity: Some(0),
            integration: Some(0),
            community: Some(0),
            ..Default::default()
        };
        let set = AnswerSet { importance: zero, ..Default::default() };
        let err = Answers::resolve(&set, &v, Origin::Flag("--performance".into())).expect_err("all zero");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn unknown_values_get_suggestions() {
        let v = vocabulary();
        let set = AnswerSet { use_cases: Some(vec!["ai_ml".into()]), ..Default::default() };
        let err = check(&set, &v, &Source::Flags).expect_err("unknown");
        assert!(err.to_string().contains("did you mean 'ai-ml'?"), "{err}");
    }

    #[test]
    fn requirements_default_to_builtin() {
        let v = vocabulary();
        let r = parse_requirement("orm", &v).expect("valid");
        assert_eq!(r.level, Level::Builtin);
        let r = parse_requirement("auth:official", &v).expect("valid");
        assert_eq!(r.level, Level::Official);
        assert!(parse_requirement("orm:bultin", &v).is_err());
    }

    #[test]
    fn builtin_presets_are_valid() {
        let v = vocabulary();
        let presets = presets(&v).expect("valid presets");
        for id in ["startup-mvp", "enterprise", "real-time", "ai-api", "microservices", "content-site"] {
            assert!(presets.iter().any(|p| p.id == id), "missing preset {id}");
        }
    }
}
