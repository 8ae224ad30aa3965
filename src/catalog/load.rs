//! Loading a catalog: the built-in file, then the facts overlay of `catalog refresh` when one is
//! given, then each user file layered over it (same id replaces, new id adds, a patch changes
//! the fields it names), every layer parsed and validated the same way.

use std::path::PathBuf;

use super::patch;
use super::validate::{entries_one_by_one, sort_by_position, validate, validate_entries, vocabulary_of};
use super::{Catalog, CatalogFile, Framework, Source};
use crate::error::{Error, Origin, Problem, Result};
use crate::suggest;
use crate::yaml::positions::Positions;
use crate::yaml::{problems::yaml_problem, read};

/// The built-in catalog, compiled into the binary (schema: docs/catalog.md "Catalog format").
pub const BUILTIN_YAML: &str = include_str!("../../data/catalog.yaml");

/// When the built-in catalog was last reviewed (`YYYY-MM-DD`): its top-level `reviewed:` line,
/// read without parsing the whole file (for `--version`); a test checks it against the parsed
/// catalog.
pub fn builtin_reviewed() -> &'static str {
    BUILTIN_YAML
        .lines()
        .find_map(|line| line.strip_prefix("reviewed:"))
        .map_or("unknown", |date| date.trim().trim_matches(|c| c == '\'' || c == '"'))
}

/// The name under which the built-in catalog appears in messages and in `catalog.sources`.
pub const BUILTIN_SOURCE: &str = "built-in";

/// One user file, validated: its entries and the sources it adds.
#[derive(Debug, Clone)]
pub struct Layer {
    /// Entries that replace (same id) or add to the catalog's.
    pub frameworks: Vec<Framework>,
    /// Sources its entries may cite besides the built-in ones.
    pub sources: Vec<Source>,
}

/// One layer's name and the entry as it stood after that layer (`None`: no such entry yet).
pub type Step = (String, Option<Framework>);

/// A layer given as text rather than a path: the facts overlay `catalog refresh` writes.
#[derive(Debug, Clone)]
pub struct TextLayer {
    /// How messages and `catalog layers` name it, e.g. `facts refreshed 2026-12-03`.
    pub name: String,
    /// Its YAML.
    pub text: String,
}

impl Catalog {
    /// The sources named by `ids` as [`Vocabulary::sources_named`] finds them; a framework's id
    /// or name given instead is told where its sources are (`show ID`), not answered with a list
    /// of every source.
    pub fn sources_named(&self, ids: &[String], origin: crate::Origin) -> Result<Vec<crate::catalog::Source>> {
        for wanted in ids {
            let bare = wanted.trim();
            if let Some(framework) =
                self.frameworks.iter().find(|f| f.id.eq_ignore_ascii_case(bare) || f.name.eq_ignore_ascii_case(bare))
            {
                return Err(crate::Error::at(crate::Problem {
                    origin,
                    entry: None,
                    field: None,
                    message: format!("'{}' is a framework, not a source", framework.id),
                    hint: Some(format!(
                        "`backend-advisor show {}` prints its evidence with the sources it cites",
                        framework.id
                    )),
                }));
            }
        }
        self.vocabulary.sources_named(ids, origin)
    }

    /// The built-in catalog.
    ///
    /// Start-up takes the static data `build.rs` made of `data/catalog.yaml` and skips the
    /// checks of entries: a test proves that this is exactly the catalog
    /// [`Catalog::builtin_from_yaml`] parses and validates like any user file. Should the build
    /// not have converted it (it says why in a warning, and a test fails), the YAML is parsed,
    /// validated and indexed here, so any problem names its line.
    pub fn builtin() -> Result<Catalog> {
        match super::builtin::catalog() {
            Some((vocabulary, frameworks)) => {
                Ok(Catalog { vocabulary, frameworks, sources: vec![BUILTIN_SOURCE.to_string()] })
            }
            None => Catalog::builtin_from_yaml(),
        }
    }

    /// The built-in catalog parsed from its YAML, with positions: the reference reading, and the
    /// one whose errors name lines.
    pub fn builtin_from_yaml() -> Result<Catalog> {
        let file = parse(BUILTIN_YAML, BUILTIN_SOURCE).map_err(Error::InvalidData)?;
        let positions = Positions::index(BUILTIN_YAML);
        let vocabulary = vocabulary_of(&file, BUILTIN_SOURCE, &positions).map_err(Error::InvalidData)?;
        let frameworks =
            validate(file.frameworks, &vocabulary, &[], BUILTIN_SOURCE, &positions).map_err(Error::InvalidData)?;
        Ok(Catalog { vocabulary, frameworks: frameworks.into(), sources: vec![BUILTIN_SOURCE.to_string()] })
    }

    /// The built-in catalog with each user file layered over it, in order.
    pub fn load(layers: &[PathBuf]) -> Result<Catalog> {
        Catalog::load_over(None, layers)
    }

    /// The built-in catalog, then `overlay` (the refreshed facts) when given, then each user file.
    pub fn load_over(overlay: Option<&TextLayer>, layers: &[PathBuf]) -> Result<Catalog> {
        Catalog::build(overlay, layers, &mut |_, _| {})
    }

    /// The entry `id` after each layer, named (`None` where that layer's catalog has no such
    /// entry): what `catalog layers` compares to tell which layer set each value.
    pub fn history(overlay: Option<&TextLayer>, layers: &[PathBuf], id: &str) -> Result<(Catalog, Vec<Step>)> {
        let mut steps = Vec::new();
        let catalog = Catalog::build(overlay, layers, &mut |catalog, name| {
            steps.push((name.to_string(), catalog.frameworks.iter().find(|f| f.id == id).cloned()));
        })?;
        Ok((catalog, steps))
    }

    fn build(
        overlay: Option<&TextLayer>,
        layers: &[PathBuf],
        after_each: &mut dyn FnMut(&Catalog, &str),
    ) -> Result<Catalog> {
        let mut catalog = Catalog::builtin()?;
        after_each(&catalog, BUILTIN_SOURCE);
        if let Some(overlay) = overlay {
            let layer = catalog.parse_layer(&overlay.text, &overlay.name)?;
            catalog.apply(layer, overlay.name.clone());
            after_each(&catalog, &overlay.name);
        }
        catalog.layer_files(layers, after_each)
    }

    /// This catalog (the built-in one, with the facts overlay when one applies) with each user
    /// file layered over it, in order.
    pub fn load_on(self, layers: &[PathBuf]) -> Result<Catalog> {
        self.layer_files(layers, &mut |_, _| {})
    }

    fn layer_files(mut self, layers: &[PathBuf], after_each: &mut dyn FnMut(&Catalog, &str)) -> Result<Catalog> {
        for path in layers {
            let name = path.display().to_string();
            let text = read::text(path, read::Kind::Catalog)?;
            let layer = self.parse_layer(&text, &name)?;
            self.apply(layer, name.clone());
            after_each(&self, &name);
        }
        Ok(self)
    }

    /// Parse and validate one user file against this catalog's vocabulary.
    pub fn parse_layer(&self, text: &str, source: &str) -> Result<Layer> {
        let positions = Positions::index(text);
        let file = match parse_checked(text, source) {
            Ok(file) => file,
            // The reader's checks refused the text: nothing more is read from it.
            Err((problems, true)) => return Err(Error::InvalidData(problems)),
            Err((mut problems, false)) => {
                // The parser stops at its first error; one bad entry must not hide the others, so
                // every other entry is checked on its own.
                let (entries, more) = entries_one_by_one(text, source, &positions, &problems);
                problems.extend(more);
                // The file's own sources, when that section reads on its own, so that entries
                // citing them are not blamed for it.
                #[derive(serde::Deserialize)]
                struct OwnSources {
                    #[serde(default)]
                    sources: Vec<Source>,
                }
                let own = serde_yaml::from_str::<OwnSources>(text).map(|o| o.sources).unwrap_or_default();
                if let Err(found) = validate_entries(entries, &self.vocabulary, &own, source, &positions) {
                    problems.extend(found);
                }
                sort_by_position(&mut problems);
                return Err(Error::InvalidData(problems));
            }
        };
        let mut problems = self.check_vocabulary_sections(&file, source, &positions);
        let sources = file.sources.unwrap_or_default();
        for (index, added) in sources.iter().enumerate() {
            if !is_source_id(&added.id) {
                problems.push(Problem {
                    origin: Origin::file(source, positions.value(&format!("sources[{index}].id"))),
                    entry: None,
                    field: Some(format!("sources[{index}].id")),
                    message: format!(
                        "source id '{}' is not an identifier: 1 to {MAX_SOURCE_ID} capital letters, digits and underscores",
                        added.id
                    ),
                    hint: Some("e.g. DJANGO_DOCS; a rationale cites it as [DJANGO_DOCS]".into()),
                });
                continue;
            }
            // A source as the built-in catalog has it is welcome (an exported catalog repeats them all).
            let changed = self.vocabulary.source(&added.id).is_some_and(|known| known != added);
            if changed || sources[..index].iter().any(|s| s.id == added.id) {
                problems.push(Problem {
                    origin: Origin::file(source, positions.value(&format!("sources[{index}].id"))),
                    entry: None,
                    field: Some(format!("sources[{index}].id")),
                    message: format!("source '{}' is already defined differently", added.id),
                    hint: Some("give the source its own id; a user catalog adds sources, it cannot change one".into()),
                });
            }
        }
        let mut frameworks = match validate(file.frameworks, &self.vocabulary, &sources, source, &positions) {
            Ok(frameworks) => frameworks,
            Err(more) => {
                problems.extend(more);
                Vec::new()
            }
        };
        // Patches change the entries of the layers below and of this file's own.
        let known: Vec<Framework> = match file.patches.is_empty() {
            true => Vec::new(),
            false => frameworks.iter().chain(&self.frameworks).cloned().collect(),
        };
        match patch::apply(&file.patches, &known, &self.vocabulary, &sources, source, &positions) {
            Ok(patched) => {
                for entry in patched {
                    frameworks.retain(|f| f.id != entry.id);
                    frameworks.push(entry);
                }
            }
            Err(more) => problems.extend(more),
        }
        if problems.is_empty() { Ok(Layer { frameworks, sources }) } else { Err(Error::InvalidData(problems)) }
    }

    fn check_vocabulary_sections(&self, file: &CatalogFile, source: &str, positions: &Positions) -> Vec<Problem> {
        let v = &self.vocabulary;
        let sections: [(&str, bool); 6] = [
            ("factors", file.factors.as_ref().is_some_and(|x| x[..] != v.factors[..])),
            ("features", file.features.as_ref().is_some_and(|x| x[..] != v.features[..])),
            ("use_cases", file.use_cases.as_ref().is_some_and(|x| x[..] != v.use_cases[..])),
            ("languages", file.languages.as_ref().is_some_and(|x| x[..] != v.languages[..])),
            ("levels", file.levels.as_ref().is_some_and(|x| x[..] != v.levels[..])),
            ("procedure", file.procedure.as_ref().is_some_and(|x| x[..] != v.procedure[..])),
        ];
        sections
            .into_iter()
            .filter(|(_, differs)| *differs)
            .map(|(section, _)| Problem {
                origin: Origin::file(source, positions.key(section)),
                entry: None,
                field: Some(section.to_string()),
                message: "a user catalog cannot change the vocabulary; the built-in one applies".into(),
                hint: Some(format!("remove '{section}', or keep it exactly as 'catalog export' prints it")),
            })
            .collect()
    }

    /// Layer validated entries over this catalog: same id replaces, new id appends.
    pub fn apply(&mut self, layer: Layer, source: String) {
        for added in layer.sources {
            if self.vocabulary.source(&added.id).is_none() {
                self.vocabulary.sources.to_mut().push(added);
            }
        }
        // Borrowed from the binary until a layer has entries; by hash, so that layering many
        // large catalogs stays linear.
        if !layer.frameworks.is_empty() {
            let mut at: std::collections::HashMap<String, usize> =
                self.frameworks.iter().enumerate().map(|(i, f)| (f.id.to_string(), i)).collect();
            let frameworks = self.frameworks.to_mut();
            for framework in layer.frameworks {
                match at.get(framework.id.as_str()) {
                    Some(&i) => frameworks[i] = framework,
                    None => {
                        at.insert(framework.id.to_string(), frameworks.len());
                        frameworks.push(framework);
                    }
                }
            }
        }
        self.sources.push(source);
    }

    /// Find a framework by id or name, case-insensitively; the error suggests the closest id.
    pub fn find(&self, wanted: &str, origin: Origin) -> Result<&Framework> {
        let lower = wanted.to_lowercase();
        self.frameworks.iter().find(|f| f.id == lower || f.name.to_lowercase() == lower).ok_or_else(|| {
            Error::at(Problem {
                origin,
                entry: None,
                field: None,
                message: format!("unknown framework '{wanted}'"),
                hint: Some(suggest::hint(wanted, self.frameworks.iter().map(|f| f.id.as_str()))),
            })
        })
    }
}

/// The longest source id accepted.
pub const MAX_SOURCE_ID: usize = 64;

/// Whether `id` can name a source: what a rationale can cite as `[ID]` (capital letters, digits
/// and underscores), at most [`MAX_SOURCE_ID`] long. Checked when a catalog loads, so that no id
/// carries markup into a page, a table or an anchor.
pub fn is_source_id(id: &str) -> bool {
    (1..=MAX_SOURCE_ID).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Parse catalog text into its raw shape; a syntax or type error becomes one located problem.
/// The reader's alias budgets and refused characters are checked here, in the same pass, so
/// every caller of [`Catalog::parse_layer`] has them whatever read the text.
pub fn parse(text: &str, source: &str) -> std::result::Result<CatalogFile, Vec<Problem>> {
    parse_checked(text, source).map_err(|(problems, _)| problems)
}

/// [`parse`], and whether the problems are the reader's checks (then nothing else is tried on
/// the text: it may be a bomb).
fn parse_checked(text: &str, source: &str) -> std::result::Result<CatalogFile, (Vec<Problem>, bool)> {
    if text.trim().is_empty() {
        return Err((
            vec![Problem {
                origin: Origin::file(source, None),
                entry: None,
                field: None,
                message: "the file is empty; expected a mapping with a 'frameworks:' list".into(),
                hint: None,
            }],
            false,
        ));
    }
    // One streaming pass for a valid file, with the reader's budgets and characters checked on
    // the way. Anything else takes the slow path: the reader's separate checks (for their
    // located messages), then `serde_yaml` (for its).
    if let Ok(file) = crate::yaml::de::from_str::<CatalogFile>(text) {
        return Ok(file);
    }
    if let Err(error) = read::yaml(text, source, 0) {
        let problems = match error {
            Error::InvalidData(problems) => problems,
            other => vec![Problem {
                origin: Origin::file(source, None),
                entry: None,
                field: None,
                message: other.to_string(),
                hint: None,
            }],
        };
        return Err((problems, true));
    }
    serde_yaml::from_str::<CatalogFile>(text).map_err(|e| (vec![yaml_problem(&e, text, source)], false))
}

#[cfg(test)]
mod reviewed_tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_is_read_in_one_streaming_pass_like_serde_yaml_reads_it() {
        let fast: CatalogFile = crate::yaml::de::from_str(BUILTIN_YAML).expect("no fallback needed");
        let reference: CatalogFile = serde_yaml::from_str(BUILTIN_YAML).expect("valid");
        assert_eq!(format!("{fast:?}"), format!("{reference:?}"));
    }

    #[test]
    fn every_fixture_reads_the_same_by_both_parsers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for folder in [root.clone(), root.join("bad")] {
            for entry in std::fs::read_dir(&folder).expect("fixtures").flatten() {
                // As the program reads them: what the reader refuses never reaches a parser.
                let Ok(text) = read::text(&entry.path(), read::Kind::Catalog) else { continue };
                let fast = crate::yaml::de::from_str::<CatalogFile>(&text);
                let reference = serde_yaml::from_str::<CatalogFile>(&text);
                match (fast, reference) {
                    (Ok(fast), Ok(reference)) => {
                        assert_eq!(format!("{fast:?}"), format!("{reference:?}"), "{}", entry.path().display());
                        checked += 1;
                    }
                    (Ok(_), Err(e)) => panic!("{}: read where serde_yaml refuses: {e}", entry.path().display()),
                    (Err(_), _) => {}
                }
            }
        }
        assert!(checked >= 5, "{checked} fixtures read by both");
    }

    #[test]
    fn every_builtin_source_id_is_an_identifier() {
        let catalog = Catalog::builtin().expect("the built-in catalog is valid");
        assert!(catalog.vocabulary.sources.iter().all(|s| is_source_id(&s.id)));
        assert!(!is_source_id("A\"B") && !is_source_id("") && !is_source_id(&"A".repeat(65)));
    }

    #[test]
    fn the_quick_review_date_is_the_parsed_one() {
        let catalog = Catalog::builtin().expect("the built-in catalog is valid");
        assert_eq!(builtin_reviewed(), catalog.vocabulary.reviewed);
    }

    #[test]
    fn the_static_data_is_in_use_and_is_the_yaml_reading() {
        assert!(super::super::builtin::compiled_in(), "build.rs did not compile the catalog in: see its warning");
        let quick = Catalog::builtin().expect("the built-in catalog is valid");
        let reference = Catalog::builtin_from_yaml().expect("the built-in catalog is valid");
        assert_eq!(quick.vocabulary, reference.vocabulary);
        assert_eq!(quick.frameworks, reference.frameworks);
        assert_eq!(quick.sources, reference.sources);
    }

    #[test]
    fn a_use_case_needing_an_unknown_feature_is_refused_where_it_is_written() {
        let needs = "- id: cms\n  needs: {features: [";
        assert!(BUILTIN_YAML.contains(needs), "cms states its needs on the line after its id");
        let broken = BUILTIN_YAML.replacen(needs, "- id: cms\n  needs: {features: [admn, ", 1);
        let file = parse(&broken, "catalog.yaml").expect("still YAML");
        let problems = vocabulary_of(&file, "catalog.yaml", &Positions::index(&broken)).expect_err("refused");
        let text = problems.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join("\n");
        assert!(text.contains("unknown feature 'admn'") && text.contains("did you mean 'admin'?"), "{text}");
        let line = broken.lines().position(|l| l.contains("[admn, ")).expect("written") + 1;
        assert!(problems.iter().any(|p| format!("{:?}", p.origin).contains(&line.to_string())), "{text}");
        // Each feature of an alternative is checked.
        let either = BUILTIN_YAML.replacen(needs, "- id: cms\n  needs: {features: [admin|admn, ", 1);
        let file = parse(&either, "catalog.yaml").expect("still YAML");
        let problems = vocabulary_of(&file, "catalog.yaml", &Positions::index(&either)).expect_err("refused");
        assert!(problems.iter().any(|p| p.message == "unknown feature 'admn'"), "{problems:?}");
        // A use case without needs is refused too.
        let cms = BUILTIN_YAML.find(needs).expect("written") + "- id: cms\n".len();
        let end = cms + BUILTIN_YAML[cms..].find('\n').expect("a line");
        let without = format!("{}{}", &BUILTIN_YAML[..cms], &BUILTIN_YAML[end + 1..]);
        let file = parse(&without, "catalog.yaml").expect("still YAML");
        let problems = vocabulary_of(&file, "catalog.yaml", &Positions::index(&without)).expect_err("refused");
        assert!(problems.iter().any(|p| p.message.contains("does not say what it needs")), "{problems:?}");
    }
}
