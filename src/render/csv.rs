//! CSV: one header row, then one row per item, with unrounded numbers (the grid's raw values).

use super::rows::Rows;
use crate::error::Result;

/// Write a grid's raw values as CSV.
pub fn grid(grid: &Rows) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| super::json::failure(&e.to_string());
    writer.write_record(&grid.headers).map_err(fail)?;
    for row in &grid.rows {
        writer.write_record(row.iter().map(|cell| cell.raw.as_str())).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| super::json::failure(&e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| super::json::failure(&e.to_string()))
}
