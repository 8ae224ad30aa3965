//! Shell completion scripts, completing the catalog's values too (framework ids, presets, use
//! cases, features, languages).

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
    /// Feature ids (`FEATURE[:LEVEL]`).
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
            "FEATURE[:LEVEL]" => Some(&self.features),
            _ => None,
        }
    }

    /// `command` with every catalog-valued argument offering its values, at every depth. Used
    /// only to generate completions: parsing keeps its own checks and "did you mean" messages.
    fn attach(&self, command: clap::Command) -> clap::Command {
        command
            .mut_args(|arg| match self.of(&arg) {
                Some(values) => {
                    let possible =
                        values.iter().map(|(value, help)| clap::builder::PossibleValue::new(value).help(help));
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
    let mut command = values.attach(Args::command());
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
        let plain = |help: &str| help.replace(['\'', '"', '\\', '$'], "");
        for sub in command.get_subcommands() {
            for values in sub.get_positionals().filter_map(|arg| values.of(arg)) {
                let words: Vec<String> = values.iter().map(|(v, help)| format!("{v}\\t'{}'", plain(help))).collect();
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
