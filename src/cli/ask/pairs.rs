//! The words of the pairwise comparisons: Saaty's scale as the options of one select per pair,
//! from "A extremely more important (9)" through "Both equally important (1)" to "B extremely
//! more important (9)", and judgements and their consistency said in those words.

use backend_advisor::decide::ahp::{self, Disagreement, FactorWeights, Judgement};

use super::prompt::Choice;

/// The help under every comparison (the options say the rest).
pub const HELP: &str = "Saaty's scale, from 1 (equal) to 9 (extremely more important)";

/// The judgements offered for a pair `first/second`, in the order shown: the first factor
/// extremely more important down to equal, then up to the second extremely more important.
fn scale() -> impl Iterator<Item = Judgement> {
    let first = (2..=9).rev().filter_map(Judgement::favouring_first);
    let second = (2..=9).filter_map(Judgement::favouring_second);
    first.chain([Judgement::EQUAL]).chain(second)
}

/// The options of the select for one comparison; each id is the judgement as the answers file
/// writes it for `first/second` (`3`, `1`, `1/3`).
pub fn choices(question: &ahp::Question) -> Vec<Choice> {
    scale().map(|judgement| Choice::new(judgement.to_string(), words(question, judgement), "")).collect()
}

/// The judgement of the option at `index` of [`choices`].
pub fn judgement(index: usize) -> Option<Judgement> {
    scale().nth(index)
}

/// The index in [`choices`] of "Both equally important (1)", the middle of the scale.
const EQUAL_INDEX: usize = 8;

/// The index in [`choices`] of `judgement`.
pub fn index(judgement: Judgement) -> usize {
    // Every judgement is on the scale; the fallback is never taken.
    scale().position(|j| j == judgement).unwrap_or(EQUAL_INDEX)
}

/// A judgement of `first/second` in words: "Performance moderately more important (3)".
pub fn words(question: &ahp::Question, judgement: Judgement) -> String {
    let intensity = judgement.intensity();
    let meaning = ahp::SCALE.get(usize::from(intensity).saturating_sub(1)).map_or("?", |(_, meaning)| meaning);
    if judgement == Judgement::EQUAL {
        format!("Both {meaning} (1)")
    } else if judgement.value() > 1.0 {
        format!("{} {meaning} ({intensity})", question.first_label)
    } else {
        format!("{} {meaning} ({intensity})", question.second_label)
    }
}

/// The comparison that disagrees most, what was said and what the weights suggest.
pub fn disagreement(question: &ahp::Question, worst: &Disagreement) -> String {
    format!(
        "'{} or {}' disagrees most with the weights derived from all ten comparisons:\nyou said {}; the weights \
         suggest {}.",
        question.first_label,
        question.second_label,
        said(question, worst.given),
        said(question, worst.suggested),
    )
}

/// How consistent the comparisons are, for the summary.
pub fn consistency(weights: &FactorWeights) -> String {
    let limit = ahp::CONSISTENCY_LIMIT;
    if weights.is_consistent() {
        format!("consistency ratio {:.2} (consistent: {limit:.2} or less)", weights.consistency_ratio)
    } else {
        format!("consistency ratio {:.2} (inconsistent: above {limit:.2})", weights.consistency_ratio)
    }
}

/// [`words`] within a sentence: "both equally important (1)".
pub fn said(question: &ahp::Question, judgement: Judgement) -> String {
    let text = words(question, judgement);
    match text.strip_prefix("Both ") {
        Some(rest) => format!("both {rest}"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backend_advisor::catalog::Catalog;

    #[test]
    fn the_scale_runs_from_the_first_extremely_to_the_second_extremely() {
        let vocabulary = Catalog::builtin().expect("built-in").vocabulary;
        let question = &ahp::questions(&vocabulary)[0];
        let choices = choices(question);
        let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["9", "8", "7", "6", "5", "4", "3", "2", "1", "1/2", "1/3", "1/4", "1/5", "1/6", "1/7", "1/8", "1/9"]
        );
        assert_eq!(choices[0].label, "Performance extremely more important (9)");
        assert_eq!(choices[6].label, "Performance moderately more important (3)");
        assert_eq!(choices[8].label, "Both equally important (1)");
        assert_eq!(choices[16].label, "Scalability extremely more important (9)");
        for (i, choice) in choices.iter().enumerate() {
            let judgement = judgement(i).expect("on the scale");
            assert_eq!(judgement.to_string(), choice.id);
            assert_eq!(index(judgement), i);
        }
        assert_eq!(judgement(17), None);
        assert_eq!(index(Judgement::EQUAL), EQUAL_INDEX);
    }
}
