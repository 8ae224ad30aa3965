//! backend-advisor: rank backend web frameworks for a team with an explained weighted score.
//!
//! The library's map, in the order data flows through it:
//! - [`yaml`]: a user's file read safely, with positions, and YAML errors turned into problems;
//! - [`catalog`]: the frameworks, their facts and sources, and their vocabulary: model, loading,
//!   layering and patches, validation, the rules that derive measured ratings;
//! - [`answers`]: what the team said: layers (flags > file > preset > defaults), pairwise
//!   judgements, presets, a team's members;
//! - [`criteria`]: the factors and criteria a decision weighs;
//! - [`decide`]: the one recommend pipeline: score, TOPSIS, AHP, sensitivity, close calls,
//!   why-not, comparison, verification of a recorded decision, a team's aggregation;
//! - [`render`]: one module per output format, returning text, never printing;
//! - [`refresh`]: what `catalog refresh` asks which service, how an answer becomes a fact, and
//!   the facts overlay it writes (the network is the binary's).
//! - [`escape`]: which characters text may hold, and echoed text made safe for a terminal.
//!
//! It never sees clap, never reads stdin or the environment, and never prints: the binary
//! (`src/cli/`) does that.

pub mod answers;
pub mod catalog;
pub mod criteria;
pub mod decide;
pub mod error;
pub mod escape;
pub mod provenance;
pub mod radar;
pub mod refresh;
pub mod render;
pub mod suggest;
pub mod yaml;

pub use error::{Error, Origin, Problem, Result};
