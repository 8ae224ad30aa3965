//! `recommend --format radar`: the decision written back as Build-Your-Own-Radar CSV rows, the
//! chosen framework in Adopt with a description naming the decision record, so that the radar
//! and the decision stay in step. With `--radar FILE`, every other entry of that radar is kept.

use super::csv::inert;
use crate::catalog::Framework;
use crate::error::Result;
use crate::radar::{Radar, Ring, framework_keys, name_keys};

/// The quadrant a framework is added to when the radar has no entry for it.
pub const QUADRANT: &str = "Languages & Frameworks";

/// The radar `radar` (or an empty one) with `chosen` moved to Adopt, or added there, its
/// description replaced by `description`; one header row, then one row an entry, in file order.
pub fn adopt(radar: Option<&Radar>, chosen: &Framework, description: &str) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| super::json::failure(&e.to_string());
    writer.write_record(["name", "ring", "quadrant", "isNew", "description"]).map_err(fail)?;
    let keys = framework_keys(chosen);
    let mut written = false;
    for entry in radar.map(|r| r.entries.as_slice()).unwrap_or_default() {
        let is_chosen = name_keys(&entry.name).iter().any(|k| keys.contains(k));
        if is_chosen && written {
            continue;
        }
        let quadrant = entry.quadrant.as_deref().unwrap_or(QUADRANT);
        let row = if is_chosen {
            written = true;
            let is_new = if entry.ring == Ring::Adopt { "FALSE" } else { "TRUE" };
            [inert(&entry.name), inert(Ring::Adopt.id()), inert(quadrant), inert(is_new), inert(description)]
        } else {
            let text = entry.description.as_deref().unwrap_or("");
            [inert(&entry.name), inert(entry.ring.id()), inert(quadrant), inert("FALSE"), inert(text)]
        };
        writer.write_record(row.iter().map(|c| c.as_ref())).map_err(fail)?;
    }
    if !written {
        let row = [inert(&chosen.name), inert(Ring::Adopt.id()), inert(QUADRANT), inert("TRUE"), inert(description)];
        writer.write_record(row.iter().map(|c| c.as_ref())).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| super::json::failure(&e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| super::json::failure(&e.to_string()))
}
