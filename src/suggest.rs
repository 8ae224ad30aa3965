//! "Did you mean …?": the closest valid value to a mistyped one.

/// The longest given value (in bytes) compared with the valid ones.
const MAX_COMPARED: usize = 200;

/// The valid value closest to `given`, if one is close enough to be a plausible typo.
pub fn closest<'a, I>(given: &str, valid: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // No valid value is long: a long word is no typo of one, and comparing it would take time.
    if given.len() > MAX_COMPARED {
        return None;
    }
    let given = given.to_lowercase();
    // Every name "contains" the empty string: nothing is close to nothing.
    if given.trim().is_empty() {
        return None;
    }
    valid
        .into_iter()
        .map(|candidate| {
            let lower = candidate.to_lowercase();
            let similarity = strsim::jaro_winkler(&given, &lower);
            let contains = lower.contains(&given) || given.contains(&lower);
            (candidate, if contains { similarity.max(0.85) } else { similarity })
        })
        .filter(|(_, similarity)| *similarity >= 0.7)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(candidate, _)| candidate)
}

/// The most valid values a hint lists; past that it counts the rest.
pub const MAX_LISTED: usize = 24;

/// A hint naming the closest value and listing the valid ones (the first [`MAX_LISTED`]).
pub fn hint<'a, I>(given: &str, valid: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let all: Vec<&str> = valid.clone().into_iter().collect();
    let mut listed = all.iter().take(MAX_LISTED).copied().collect::<Vec<_>>().join(", ");
    if all.len() > MAX_LISTED {
        listed.push_str(&format!(", … and {} more", all.len() - MAX_LISTED));
    }
    match closest(given, valid) {
        Some(best) => format!("did you mean '{best}'? valid values: {listed}"),
        None => format!("valid values: {listed}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_typo() {
        assert_eq!(closest("ai_ml", ["api", "ai-ml", "cms"]), Some("ai-ml"));
        assert_eq!(closest("djngo", ["django", "flask"]), Some("django"));
        assert_eq!(closest("perfomance", ["performance", "community"]), Some("performance"));
    }

    #[test]
    fn ignores_unrelated_values() {
        assert_eq!(closest("zzzz", ["api", "cms"]), None);
        assert_eq!(closest("", ["api", "cms"]), None);
    }

    #[test]
    fn hint_lists_every_value() {
        assert_eq!(hint("pythn", ["python", "go"]), "did you mean 'python'? valid values: python, go");
    }
}
