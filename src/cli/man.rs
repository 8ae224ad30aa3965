//! The manual page in roff, covering every subcommand.

use clap::CommandFactory;

use super::args::{Args, Common};

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
    let common: Vec<clap::Id> = <Common as clap::Args>::augment_args(clap::Command::new("common"))
        .get_arguments()
        .map(|arg| arg.get_id().clone())
        .collect();
    for sub in subcommands(&root) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name()).to_string();
        page.extend_from_slice(format!(".SS \"{}\"\n", name.replace('-', "\\-")).as_bytes());
        // The options every subcommand takes are described once, at the top.
        let sub = sub.clone().mut_args(|arg| if common.contains(arg.get_id()) { arg.hide(true) } else { arg });
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
    page.extend_from_slice(&String::from_utf8_lossy(&tail).replacen(".SH EXTRA", ".SH EXAMPLES", 1).into_bytes());
    page.extend_from_slice(REFERENCE.as_bytes());
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    page.extend_from_slice(&version);
    Ok(tidy(&String::from_utf8_lossy(&page)).into_bytes())
}

/// The sections clap does not write: exit status, environment and files.
const REFERENCE: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success (a closed pipe counts as success).
.TP
\fB1\fR
A runtime error, such as an output file that cannot be written.
.TP
\fB2\fR
A usage error: an unknown flag or value, or \fBask\fR without a terminal.
.TP
\fB65\fR
Invalid catalog or answers data (\fBcatalog validate\fR found a problem).
.TP
\fB66\fR
An input file is missing or unreadable.
.TP
\fB130\fR
Interrupted (Ctrl\-C at a prompt).
.SH ENVIRONMENT
.TP
\fBCOLUMNS\fR
The width tables and text are fitted to when \fB\-\-width\fR is not given; then the terminal's, then 100.
.TP
\fBNO_COLOR\fR
When set, \fB\-\-color auto\fR never colours.
.TP
\fBCLICOLOR_FORCE\fR
When 1, \fB\-\-color auto\fR colours even into a pipe.
.TP
\fBSOURCE_DATE_EPOCH\fR
Seconds since 1970: the date reports carry instead of today's, for reproducible files.
.SH FILES
The catalog is compiled into the binary; \fBcatalog export\fR prints it. Nothing is read
from the home directory. The files read are the ones named: \fB\-\-catalog\fR \fIFILE\fR
(catalog layers), \fB\-\-answers\fR \fIFILE\fR (answers), \fBcatalog validate\fR \fIFILE\fR;
the files written are the ones named by \fB\-\-output\fR \fIFILE\fR and the questionnaire's
save and export, each written whole or not at all.
"#;

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
