//! AHP comparisons of the five factors as written in an answers file (`performance/community: 3`),
//! kept with their place in the file so that an inconsistency warning can point at one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Factor;
use crate::criteria::Criterion;
use crate::decide::ahp::{self, Judgement};
use crate::error::Origin;
use crate::suggest;

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
pub(super) fn parse_pair(key: &str) -> std::result::Result<(Factor, Factor), (String, String)> {
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
