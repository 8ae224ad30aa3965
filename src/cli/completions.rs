//! Shell completion scripts, completing the catalog's values too (framework ids, presets, use
//! cases, features, languages). A user catalog is untrusted, and shells evaluate parts of their
//! completion scripts, so what comes from data is reduced to characters no shell treats specially.

use clap::CommandFactory;

use super::args::Args;

/// Catalog values a shell completes, each with a one-line help: (value, help).
#[derive(Debug, Default)]
pub struct CatalogValues {
    /// Framework ids (arguments named `ID`).
    pub frameworks: Vec<(String, String)>,
    /// Preset ids (`--preset`).
    pub presets: Vec<(String, String)>,
    /// Use-case ids (`TAG`).
    pub use_cases: Vec<(String, String)>,
    /// Feature ids (`FEATURE[:LEVEL][:free]`).
    pub features: Vec<(String, String)>,
    /// Language ids (`LANG`).
    pub languages: Vec<(String, String)>,
}

impl CatalogValues {
    /// The values an argument takes, known by its value name (so a new subcommand's `ID` or `LANG`
    /// argument completes without being listed here).
    fn of(&self, arg: &clap::Arg) -> Option<&[(String, String)]> {
        if arg.get_id() == "preset" {
            return Some(&self.presets);
        }
        match arg.get_value_names()?.first()?.as_str() {
            "ID" => Some(&self.frameworks),
            "TAG" => Some(&self.use_cases),
            "LANG" => Some(&self.languages),
            "FEATURE[:LEVEL][:free]" => Some(&self.features),
            _ => None,
        }
    }

    /// `command` with every catalog-valued argument offering its values, at every depth. Used
    /// only to generate completions: parsing keeps its own checks and "did you mean" messages.
    fn attach(&self, command: clap::Command) -> clap::Command {
        command
            .mut_args(|arg| match self.of(&arg) {
                Some(values) => {
                    let possible = values
                        .iter()
                        .filter(|(value, _)| is_safe_word(value))
                        .map(|(value, help)| clap::builder::PossibleValue::new(value).help(safe_help(help)));
                    arg.value_parser(clap::builder::PossibleValuesParser::new(possible))
                }
                None => arg,
            })
            .mut_subcommands(|sub| self.attach(sub))
    }
}

/// The completion script for `shell`, completing catalog values too. Built in memory: the
/// generator panics when it writes into a closed pipe itself.
pub fn script(shell: clap_complete::Shell, values: &CatalogValues) -> Vec<u8> {
    // Built first: every subcommand's arguments are deferred until then (`args::Deferred`).
    let mut full = Args::command();
    full.build();
    let mut command = values.attach(full);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "backend-advisor", &mut script);
    if shell == clap_complete::Shell::Bash {
        // The bash generator spells a subcommand's state two ways when the program's name has a
        // hyphen, so no subcommand's words complete (clap-rs/clap#6421); use the loop's spelling.
        let fixed = String::from_utf8_lossy(&script).replace("backend__subcmd__advisor", "backend__advisor");
        return fixed.into_bytes();
    }
    if shell == clap_complete::Shell::Fish {
        // The fish generator completes option values but not positional ones (`show ID`).
        for sub in command.get_subcommands() {
            for values in sub.get_positionals().filter_map(|arg| values.of(arg)) {
                let words: Vec<String> = values
                    .iter()
                    .filter(|(value, _)| is_safe_word(value))
                    .map(|(value, help)| format!("{value}\\t'{}'", safe_help(help)))
                    .collect();
                let line = format!(
                    "complete -c backend-advisor -n \"__fish_backend_advisor_using_subcommand {}\" -f -a \"{}\"\n",
                    sub.get_name(),
                    words.join("\n")
                );
                script.extend_from_slice(line.as_bytes());
            }
        }
    }
    script
}

/// The longest help shown beside a completed value, in characters.
const MAX_HELP_CHARS: usize = 60;

/// Whether a value may be offered as a word to complete: ids are kebab-case, and anything else
/// (which validation refuses anyway) is left out rather than quoted for five different shells.
fn is_safe_word(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
}

/// A value's help with only letters, digits, blanks and `. , - _ / +` kept (every other character
/// becomes a blank), runs of blanks squeezed, and cut to [`MAX_HELP_CHARS`]. Quotes, `$`,
/// backquotes, brackets, colons, backslashes and control characters all mean something to one of
/// the shells, inside or outside quotes; none of them survives.
fn safe_help(help: &str) -> String {
    let mut out = String::new();
    for c in help.chars() {
        let kept = if c.is_alphanumeric() || matches!(c, '.' | ',' | '-' | '_' | '/' | '+') { c } else { ' ' };
        if kept == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if out.chars().count() == MAX_HELP_CHARS {
            break;
        }
        out.push(kept);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_keeps_words_and_drops_what_a_shell_reads() {
        assert_eq!(safe_help("Evil\"))$(touch x)`id`'; $HOME \\ [x]: \u{1b}]0;t\u{7}"), "Evil touch x id HOME x 0 t");
        assert_eq!(safe_help("Spring Boot, Java/Kotlin"), "Spring Boot, Java/Kotlin");
        assert_eq!(safe_help(&"a".repeat(100)).len(), MAX_HELP_CHARS);
        assert!(is_safe_word("spring-boot") && !is_safe_word("a b") && !is_safe_word("a\"") && !is_safe_word(""));
    }
}
