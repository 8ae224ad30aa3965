//! A team's answers: several people's answers files, each read and checked like a single
//! person's, with their names, roles and say in the decision; and the team file that lists them
//! (docs/team.md). Aggregation is [`crate::decide::team`]'s job.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::layers::{Layers, Sources};
use super::{Answers, OpenTo};
use crate::catalog::Vocabulary;
use crate::error::{Error, Origin, Problem, Result};
use crate::yaml::positions::Positions;

/// Where a team's answers come from, as the command line names them.
#[derive(Debug, Clone, PartialEq)]
pub enum Roster {
    /// `--answers FILE` given more than once: one member per file, each with a say of 1.
    Files(Vec<PathBuf>),
    /// `--team FILE`: a team file listing the members' answers files.
    TeamFile {
        /// The team file.
        path: PathBuf,
        /// `--allow-outside-team-folder`: members' files may be anywhere. Otherwise each must
        /// resolve (links followed) inside the team file's folder.
        anywhere: bool,
    },
}

/// Which hard constraints (`languages`, `require`) rule out a framework for the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Constraints {
    /// Every member's constraints apply: a framework any member rules out is out (the default).
    #[default]
    Every,
    /// Only constraints the members share: a framework is out only when every member rules it out.
    Shared,
}

impl Constraints {
    /// `every` or `shared`, as written in a team file and the JSON.
    pub fn id(self) -> &'static str {
        match self {
            Constraints::Every => "every",
            Constraints::Shared => "shared",
        }
    }
}

/// A team file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    /// `every` (default) or `shared`.
    #[serde(default)]
    constraints: Constraints,
    /// The members, in the order they are shown.
    members: Vec<MemberEntry>,
    /// The organisation's radar for everyone (`--radar` wins), relative to the team file.
    #[serde(default)]
    radar: Option<PathBuf>,
    /// Languages the whole team is open to adopting (`any` for every one).
    #[serde(default)]
    open_to: Vec<String>,
    /// The framework the team runs today, by id.
    #[serde(default)]
    incumbent: Option<String>,
    /// The project's name: the decision record is about it (`--title` wins over it).
    #[serde(default)]
    title: Option<String>,
    /// What the project is: the decision record's context opens with it.
    #[serde(default)]
    description: Option<String>,
    /// People kept informed of the decision (the record's `informed`).
    #[serde(default)]
    informed: Vec<String>,
}

/// One member in a team file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberEntry {
    /// The member's answers file, relative to the team file.
    answers: PathBuf,
    /// The member's say in the team's weights and constraints (default 1; 0 means consulted).
    #[serde(default = "one")]
    weight: f64,
}

fn one() -> f64 {
    1.0
}

/// One person of the team, with validated answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// `name:` from the answers file, or the file's name without its extension.
    pub name: String,
    /// `role:` from the answers file.
    pub role: Option<String>,
    /// The answers file, as given.
    pub file: String,
    /// Say in the team's weights and constraints: above 0 for a decision-maker, 0 for someone
    /// consulted (whose answers are shown but weigh nothing).
    pub weight: f64,
    /// The member's answers (the command's flags and preset layered as for one person).
    pub answers: Answers,
}

impl Member {
    /// Whether the member takes part in the decision (weight above 0) or is only consulted.
    pub fn decides(&self) -> bool {
        self.weight > 0.0
    }

    /// "Alice (tech lead)", or the name alone.
    pub fn label(&self) -> String {
        match &self.role {
            Some(role) => format!("{} ({role})", self.name),
            None => self.name.clone(),
        }
    }
}

/// The people deciding together.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// The members, in the order given.
    pub members: Vec<Member>,
    /// Which constraints rule out a framework.
    pub constraints: Constraints,
    /// The languages the team file says the whole team is open to.
    pub open_to: OpenTo,
    /// The framework the team runs today, from the team file.
    pub incumbent: Option<String>,
    /// The project's name: `--title`, else the team file's `title`, else the first member's
    /// answers that give one.
    pub title: Option<String>,
    /// What the project is: the team file's `description`, else the first member's.
    pub description: Option<String>,
    /// Who is kept informed: the team file's `informed`, else every member's, in order.
    pub informed: Vec<String>,
}

impl Team {
    /// Read every member's answers file (with `sources`' flags over it and its preset under it,
    /// as for one person), and the team file when there is one.
    pub fn read(vocabulary: &Vocabulary, roster: &Roster, sources: &Sources) -> Result<Team> {
        let (entries, shared, origin_of) = match roster {
            Roster::Files(files) => {
                let entries: Vec<(PathBuf, f64)> = files.iter().map(|f| (f.clone(), 1.0)).collect();
                (entries, Shared::default(), None)
            }
            Roster::TeamFile { path, anywhere } => {
                let (entries, shared, origins) = read_team_file(path, *anywhere, vocabulary)?;
                (entries, shared, Some(origins))
            }
        };
        let team_radar = shared.radar.clone();
        let mut members: Vec<Member> = Vec::new();
        for (index, (file, weight)) in entries.into_iter().enumerate() {
            let mut member_sources =
                Sources { flags: sources.flags.clone(), file: Some(file.clone()), preset: sources.preset.clone() };
            if member_sources.flags.radar.is_none() {
                member_sources.flags.radar = team_radar.clone();
            }
            let layers = Layers::read(vocabulary, &member_sources)?;
            let answers = layers.resolve(vocabulary)?;
            let written = layers.file.as_ref().map(|f| &f.answers);
            let stem =
                file.file_stem().map_or_else(|| file.display().to_string(), |s| s.to_string_lossy().into_owned());
            let name = written.and_then(|w| w.name.clone()).map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
            let name = name.unwrap_or(stem);
            let shown = file.display().to_string();
            if let Some(other) = members.iter().find(|m| m.name == name) {
                let origin = origin_of.as_ref().map_or(Origin::file(&shown, None), |o: &Vec<Origin>| o[index].clone());
                return Err(Error::at(Problem {
                    origin,
                    entry: None,
                    field: Some("name".into()),
                    message: format!("two members are called '{name}' ({} and {shown})", other.file),
                    hint: Some("give each answers file its own `name:`".into()),
                }));
            }
            let role = written.and_then(|w| w.role.clone()).map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
            members.push(Member { name, role, file: shown, weight, answers });
        }
        if !members.iter().any(Member::decides) {
            let origin = match roster {
                Roster::TeamFile { path, .. } => Origin::file(&path.display().to_string(), None),
                Roster::Files(_) => Origin::Flag("--answers".into()),
            };
            return Err(Error::at(Problem {
                origin,
                entry: None,
                field: Some("members".into()),
                message: "no member has a weight above 0, so nobody decides".into(),
                hint: Some("give at least one member a weight above 0 (the default is 1)".into()),
            }));
        }
        let given = |text: &Option<String>| text.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let title = given(&sources.flags.title)
            .or_else(|| given(&shared.title))
            .or_else(|| members.iter().filter(|m| m.decides()).find_map(|m| given(&m.answers.title)));
        let description = given(&sources.flags.description)
            .or_else(|| given(&shared.description))
            .or_else(|| members.iter().filter(|m| m.decides()).find_map(|m| given(&m.answers.description)));
        let informed = if shared.informed.is_empty() {
            let all: Vec<String> = members.iter().flat_map(|m| m.answers.informed.iter().cloned()).collect();
            super::names(&all)
        } else {
            shared.informed.clone()
        };
        Ok(Team {
            members,
            constraints: shared.constraints,
            open_to: shared.open_to,
            incumbent: shared.incumbent,
            title,
            description,
            informed,
        })
    }

    /// The members who decide (weight above 0).
    pub fn deciders(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.decides())
    }
}

/// A team file's members: each one's answers path (joined to the team file's folder) and weight.
type Entries = Vec<(PathBuf, f64)>;

/// The largest weight a member may have: a say 1,000 times another's is already all of it, and
/// the bound keeps every sum of weights finite.
pub const MAX_WEIGHT: f64 = 1000.0;

/// What a team file says for the whole team.
#[derive(Debug, Default)]
struct Shared {
    constraints: Constraints,
    open_to: OpenTo,
    incumbent: Option<String>,
    /// The radar, joined to the team file's folder.
    radar: Option<String>,
    title: Option<String>,
    description: Option<String>,
    informed: Vec<String>,
}

/// Read a team file: its members, what it says for the whole team, and where each member's
/// entry is written.
/// Each member's path (and the radar's) is relative to the team file's folder and, unless
/// `anywhere`, must resolve (links followed) inside it.
fn read_team_file(path: &Path, anywhere: bool, vocabulary: &Vocabulary) -> Result<(Entries, Shared, Vec<Origin>)> {
    let shown = path.display().to_string();
    let text = crate::yaml::read::text(path, crate::yaml::read::Kind::Team)?;
    let file: TeamFile = serde_yaml::from_str(&text)
        .map_err(|e| Error::InvalidData(vec![crate::yaml::problems::yaml_problem(&e, &text, &shown)]))?;
    let positions = Positions::index(&text);
    if file.members.is_empty() {
        return Err(Error::InvalidData(vec![Problem {
            origin: Origin::file(&shown, positions.key("members")),
            entry: None,
            field: Some("members".into()),
            message: "the team has no members".into(),
            hint: Some("list each member as `- answers: alice.yaml`".into()),
        }]));
    }
    let base = path.parent().unwrap_or(Path::new(""));
    let mut entries = Vec::new();
    let mut origins = Vec::new();
    for (index, member) in file.members.iter().enumerate() {
        let at = format!("members[{index}]");
        if !member.weight.is_finite() || !(0.0..=MAX_WEIGHT).contains(&member.weight) {
            return Err(Error::InvalidData(vec![Problem {
                origin: Origin::file(&shown, positions.key(&format!("{at}.weight"))),
                entry: None,
                field: Some(format!("{at}.weight")),
                message: format!("weight {} is not a number from 0 to {MAX_WEIGHT}", member.weight),
                hint: Some("1 is an equal say, 2 double, 0 consulted only".into()),
            }]));
        }
        let file = base.join(&member.answers);
        if !anywhere {
            inside(base, &file).map_err(|why| {
                Error::InvalidData(vec![Problem {
                    origin: Origin::file(&shown, positions.value(&format!("{at}.answers"))),
                    entry: None,
                    field: Some(format!("{at}.answers")),
                    message: why,
                    hint: Some(
                        "keep members' answers files in the team file's folder, or pass --allow-outside-team-folder"
                            .into(),
                    ),
                }])
            })?;
        }
        entries.push((file, member.weight));
        origins.push(Origin::file(&shown, positions.key(&format!("{at}.answers"))));
    }
    let radar = file.radar.as_ref().map(|radar| base.join(radar));
    if let (Some(radar), false) = (&radar, anywhere) {
        inside(base, radar).map_err(|why| {
            Error::InvalidData(vec![Problem {
                origin: Origin::file(&shown, positions.value("radar")),
                entry: None,
                field: Some("radar".into()),
                message: why.replace("member's answers file", "radar"),
                hint: Some("keep the radar in the team file's folder, or pass --allow-outside-team-folder".into()),
            }])
        })?;
    }
    let mut open_to = Vec::new();
    for (index, text) in file.open_to.iter().enumerate() {
        if text.trim().eq_ignore_ascii_case(OpenTo::ANY) {
            open_to.push(OpenTo::ANY.to_string());
            continue;
        }
        match vocabulary.find_language(text) {
            Some(language) => open_to.push(language.id.to_string()),
            None => {
                let at = format!("open_to[{index}]");
                return Err(Error::InvalidData(vec![Problem {
                    origin: Origin::file(&shown, positions.value(&at).or(positions.key(&at))),
                    entry: None,
                    field: Some(at),
                    message: format!("unknown language '{text}'"),
                    hint: Some(crate::suggest::hint(text, vocabulary.language_ids().chain([OpenTo::ANY]))),
                }]));
            }
        }
    }
    let shared = Shared {
        constraints: file.constraints,
        open_to: OpenTo::from_values(&open_to),
        incumbent: file.incumbent.map(|i| i.trim().to_string()).filter(|i| !i.is_empty()),
        radar: radar.map(|r| r.display().to_string()),
        title: file.title,
        description: file.description,
        informed: super::names(&file.informed),
    };
    Ok((entries, shared, origins))
}

/// Whether `file` resolves (links followed) inside the folder `base`; why not, in words. The
/// path itself is not echoed: it was written by whoever wrote the team file.
fn inside(base: &Path, file: &Path) -> std::result::Result<(), String> {
    let folder = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    let folder = folder.canonicalize().map_err(|_| "the team file's folder cannot be resolved".to_string())?;
    match file.canonicalize() {
        Ok(real) if real.starts_with(&folder) => Ok(()),
        Ok(_) => Err("the member's answers file is outside the team file's folder".into()),
        // A missing file is reported as such when it is read, if its path stays inside.
        Err(_) if lexically_inside(file.strip_prefix(base).unwrap_or(file)) => Ok(()),
        Err(_) => Err("the member's answers file is outside the team file's folder".into()),
    }
}

/// Whether a relative path stays below its start without resolving anything (no `..` above it,
/// not absolute).
fn lexically_inside(path: &Path) -> bool {
    use std::path::Component;
    let mut depth = 0i32;
    for part in path.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}
