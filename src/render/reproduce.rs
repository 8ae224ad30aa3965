//! The decision record's last paragraph (under "More Information"): the record `backend-advisor verify` reads back (resolved
//! answers, method, catalog digest and layers, version, chosen option) in a fenced block.

use crate::answers::Answers;
use crate::catalog::Catalog;
use crate::decide::Recommendation;
use crate::decide::verify;
use crate::provenance::Provenance;

/// The paragraph and block that let the decision be re-checked, or nothing when there is no choice to record.
pub fn section(
    recommendation: &Recommendation,
    answers: &Answers,
    catalog: &Catalog,
    provenance: &Provenance,
) -> String {
    let ranking = &recommendation.ranking;
    let Some(mut record) =
        verify::record(&ranking.ranking, ranking.method, answers, catalog, &provenance.version, &provenance.date)
    else {
        return String::new();
    };
    // A team's constraints are its members' (every or shared), which one set of answers cannot
    // say: the record keeps what they removed as exclusions, so that `verify` ranks the same
    // candidates.
    if recommendation.team.is_some() && !ranking.excluded.is_empty() {
        record.answers.exclude = Some(ranking.excluded.iter().map(|e| e.id.clone()).collect());
    }
    format!(
        "\nTo re-check this decision, `backend-advisor verify THIS-FILE` ranks these answers again with the catalog \
         of the day (refreshed facts included) and fails when {} no longer wins; add `--warn-eol 6m` to fail too when \
         its support window ends within six months.\n\n{}",
        record.chosen.id,
        verify::block(&record)
    )
}
