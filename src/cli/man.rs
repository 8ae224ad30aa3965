//! The manual page in roff, covering every subcommand.

use clap::CommandFactory;

use super::args::Args;

/// The manual page in roff: the program's own sections, then one section per subcommand (at
/// every depth) with its synopsis, description, options and examples.
pub fn page() -> std::io::Result<Vec<u8>> {
    let mut root = Args::command();
    root.build();
    let man = clap_mangen::Man::new(root.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in subcommands(&root) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name()).to_string();
        page.extend_from_slice(format!(".SS \"{}\"\n", name.replace('-', "\\-")).as_bytes());
        // The global options are described once, at the top.
        let sub = sub.clone().mut_args(|arg| if arg.is_global_set() { arg.hide(true) } else { arg });
        let man = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section)?;
        }
        if sub.get_after_long_help().is_some() {
            man.render_extra_section(&mut section)?;
        }
        page.extend_from_slice(&demote(&String::from_utf8_lossy(&section)).into_bytes());
    }
    let mut tail = Vec::new();
    man.render_extra_section(&mut tail)?;
    man.render_version_section(&mut tail)?;
    page.extend_from_slice(&String::from_utf8_lossy(&tail).replacen(".SH EXTRA", ".SH EXAMPLES", 1).into_bytes());
    Ok(tidy(&String::from_utf8_lossy(&page)).into_bytes())
}

/// Every section rendered on its own repeats the same two-line string definition: keep the
/// first. Non-ASCII characters become groff escapes, so the page reads the same without preconv.
fn tidy(roff: &str) -> String {
    let is_definition = |line: &str| line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
    let mut out = String::new();
    for (index, line) in roff.lines().enumerate() {
        if index >= 2 && is_definition(line) {
            continue;
        }
        for c in line.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
            }
        }
        out.push('\n');
    }
    out
}

/// Every subcommand below `command`, depth first, without clap's `help`.
fn subcommands(command: &clap::Command) -> Vec<&clap::Command> {
    let mut all = Vec::new();
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
        all.push(sub);
        all.extend(subcommands(sub));
    }
    all
}

/// A page's sections become labelled paragraphs inside a subcommand's `.SS` section.
fn demote(roff: &str) -> String {
    let mut out = String::new();
    for line in roff.lines() {
        match line.strip_prefix(".SH ") {
            Some("SYNOPSIS") => {}
            Some("DESCRIPTION") => out.push_str(".PP\n"),
            Some("EXTRA") => out.push_str(".PP\n"),
            Some(title) => out.push_str(&format!(".PP\n\\fB{}\\fR\n", title.trim_matches('"'))),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
