//! Where a report came from: the command line, the date and the version, handed to the library
//! as plain data by the binary and printed in the HTML report and the decision record.

/// When and how a report was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The command line that produced the report, quoted so that a shell runs it as given.
    pub command: String,
    /// The date the report was made, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// The version of backend-advisor that made it.
    pub version: String,
    /// The file the report was written to (`--output FILE`), when there is one: the decision
    /// record names it in the command that re-checks it.
    pub output: Option<String>,
}

impl Provenance {
    /// A provenance from the program name, its arguments and the time in seconds since the Unix
    /// epoch. Only the file name of the program is kept, so the command reads the same whichever
    /// directory the binary was run from.
    pub fn new(program: &str, args: &[String], unix_seconds: i64, version: &str) -> Provenance {
        let program = std::path::Path::new(program)
            .file_name()
            .map_or_else(|| program.to_string(), |name| name.to_string_lossy().into_owned());
        let mut words = vec![program];
        words.extend(args.iter().cloned());
        let output = args.iter().enumerate().find_map(|(i, arg)| match arg.as_str() {
            "--output" | "-o" => args.get(i + 1).cloned(),
            other => other.strip_prefix("--output=").map(String::from),
        });
        Provenance { command: command_line(&words), date: date(unix_seconds), version: version.to_string(), output }
    }
}

/// The words of a command joined into one line a POSIX shell splits back into the same words:
/// a word with anything but safe characters is put in single quotes.
pub fn command_line(words: &[String]) -> String {
    words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" ")
}

fn quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The UTC calendar date `YYYY-MM-DD` of a time in seconds since the Unix epoch.
pub fn date(unix_seconds: i64) -> String {
    let (year, month, day) = civil(unix_seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`:
/// 400-year eras of 146 097 days, years starting in March so that the leap day comes last).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_known_instants() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(86_399), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(951_868_800), "2000-03-01");
        assert_eq!(date(1_700_000_000), "2023-11-14");
        assert_eq!(date(4_102_444_800), "2100-01-01");
        assert_eq!(date(-86_400), "1969-12-31");
    }

    #[test]
    fn every_day_of_four_centuries_follows_the_previous_one() {
        let mut previous = civil(-1);
        for day in 0..146_097 {
            let next = civil(day);
            let (y, m, d) = previous;
            let expected_next_day = (y, m, d + 1);
            let expected_next_month = (y, m + 1, 1);
            let expected_next_year = (y + 1, 1, 1);
            assert!(
                next == expected_next_day || next == expected_next_month || next == expected_next_year,
                "{previous:?} then {next:?}"
            );
            previous = next;
        }
        assert_eq!(previous, (2369, 12, 31));
    }

    #[test]
    fn words_are_quoted_only_when_needed() {
        let words: Vec<String> =
            ["backend-advisor", "show", "spring boot", "it's", "", "--top=3"].map(String::from).to_vec();
        assert_eq!(command_line(&words), r"backend-advisor show 'spring boot' 'it'\''s' '' --top=3");
    }

    #[test]
    fn only_the_program_file_name_is_kept() {
        let provenance = Provenance::new("/tmp/x/target/debug/backend-advisor", &["compare".into()], 0, "0.1.0");
        assert_eq!(provenance.command, "backend-advisor compare");
        assert_eq!(provenance.date, "1970-01-01");
    }
}
