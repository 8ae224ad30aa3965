//! CSV: one header row, then one row per item, with unrounded numbers (the grid's raw values).
//! A text cell that a spreadsheet would run as a formula is neutralised (OWASP "CSV injection").

use std::borrow::Cow;

use super::rows::Rows;
use crate::error::Result;

/// Write a grid's raw values as CSV.
pub fn grid(grid: &Rows) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| super::json::failure(&e.to_string());
    writer.write_record(grid.headers.iter().map(|h| inert(h).into_owned())).map_err(fail)?;
    for row in &grid.rows {
        writer.write_record(row.iter().map(|cell| inert(&cell.raw).into_owned())).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| super::json::failure(&e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| super::json::failure(&e.to_string()))
}

/// A cell a spreadsheet reads as text: one that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, as OWASP recommends, unless it is a plain number (`-0.5`
/// stays a number).
pub(crate) fn inert(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(formula), format!("'{formula}"));
        }
        for plain in ["-0.5", "+3", "81.2", "FastAPI", "a=b", ""] {
            assert_eq!(inert(plain), plain);
        }
    }
}
