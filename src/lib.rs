//! backend-advisor: rank backend web frameworks for a team with an explained weighted score.
//!
//! The library holds the catalog ([`catalog`]), the team's answers ([`answers`]), the pure
//! scoring engine ([`score`], with [`topsis`] and [`ahp`]), the analysis of how sure a ranking
//! is ([`sensitivity`]) and the output formats ([`render`]). It never sees clap, never
//! reads stdin and never prints: the binary does that.

pub mod ahp;
pub mod answers;
pub mod catalog;
pub mod compare;
pub mod error;
pub mod input;
pub mod locate;
pub mod provenance;
pub mod render;
pub mod score;
pub mod sensitivity;
pub mod suggest;
pub mod topsis;

pub use error::{Error, Origin, Problem, Result};
