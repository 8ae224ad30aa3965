//! The terminal [`Prompter`]: inquire prompts drawn on stderr. Esc is "back" and erases the
//! question it left; Ctrl-C is [`PromptError::Interrupted`] and erases the prompt with its key
//! hints; inquire leaves raw mode and shows the cursor again either way. While a prompt reads
//! keys, Ctrl-Z suspends the questionnaire and Ctrl-U types nothing (see [`keys`]).

use std::io::Write;

use inquire::error::InquireResult;
use inquire::ui::RenderConfig;
use inquire::{Confirm, InquireError, MultiSelect, Select, Text};

use backend_advisor::render::table::wrap;

use super::prompt::{Choice, PromptError, Prompter, Question, Reply};

/// How many options a list shows at once; longer lists scroll.
const PAGE: usize = 10;

/// Room taken before an option's text: the cursor and a checkbox (`> [x] `).
const OPTION_INDENT: usize = 6;

/// Room kept after a question's last line for the answer inquire writes there (`3 medium`).
const ANSWER_ROOM: usize = 16;

/// Prompts at the terminal with inquire.
pub struct Terminal {
    color: bool,
    width: Option<u16>,
}

/// How a line of text starts.
enum Start<'a> {
    /// Empty, with this text taken when Enter is pressed.
    Default(&'a str),
    /// Holding this text, to keep, edit or delete.
    Editable(&'a str),
}

impl Terminal {
    /// A prompter drawing on stderr, in colour when `color`, fitting list lines to `width`
    /// columns when known (both decided by the caller).
    pub fn new(color: bool, width: Option<u16>) -> Self {
        Terminal { color, width }
    }

    /// A line of text starting from `start` (a default for Enter, or text to edit), with its
    /// keys said in the help.
    fn text_line(&mut self, question: &Question, keys_help: &str, start: Start) -> Reply<String> {
        let help = self.help(question, keys_help);
        let message = self.message(question);
        let prompt = match start {
            Start::Default(text) => Text::new(&message).with_default(text),
            Start::Editable(text) => Text::new(&message).with_initial_value(text),
        };
        let prompt = prompt.with_help_message(&help).with_render_config(self.config());
        let answer = keys::during(|| prompt.prompt());
        self.reply(question, answer)
    }

    /// A list line: the label, then as much of its description as fits on one line (a wrapped
    /// option would make a long list hard to scan).
    fn line(&self, choice: &Choice) -> String {
        if choice.detail.is_empty() {
            return choice.label.clone();
        }
        let line = format!("{} - {}", choice.label, choice.detail);
        match self.width.map(|w| usize::from(w).saturating_sub(OPTION_INDENT)) {
            Some(room) if room > choice.label.len() + 4 && line.chars().count() > room => {
                let cut: String = line.chars().take(room - 1).collect();
                format!("{}…", cut.trim_end())
            }
            _ => line,
        }
    }

    /// `text` wrapped between words to the width less `taken` columns (the `? ` before a
    /// question, the brackets around a help line), by the rule every table and paragraph
    /// follows, so that the terminal never breaks a word; as it is when the width is unknown.
    fn fit(&self, text: &str, taken: usize) -> String {
        match self.width {
            Some(width) => wrap(text, usize::from(width).saturating_sub(taken).max(20), "").join("\n"),
            None => text.to_string(),
        }
    }

    /// The question as inquire draws it: wrapped, with room for the answer on its last line.
    fn message(&self, question: &Question) -> String {
        let wrapped = self.fit(&question.message, 2);
        match (self.width, wrapped.lines().last()) {
            (Some(width), Some(last)) if last.chars().count() + 2 + ANSWER_ROOM > usize::from(width) => {
                let mut lines: Vec<String> = wrapped.lines().map(String::from).collect();
                lines.pop();
                lines.extend(wrap(last, usize::from(width).saturating_sub(2 + ANSWER_ROOM).max(20), ""));
                lines.join("\n")
            }
            _ => wrapped,
        }
    }

    fn config(&self) -> RenderConfig<'static> {
        let config = if self.color { RenderConfig::default_colored() } else { RenderConfig::empty() };
        config.with_canceled_prompt_indicator(inquire::ui::Styled::new(""))
    }
}

impl Terminal {
    /// The answer, with the screen tidied: a question left with Esc is erased (it is asked again
    /// or the one before is), and after Ctrl-C the prompt and its key hints are erased.
    fn reply<T>(&self, question: &Question, result: InquireResult<T>) -> Reply<T> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(InquireError::OperationCanceled) => {
                // inquire drew "? question" (the indicator is empty), a line for each line of
                // the wrapped question, and moved to the next line.
                let rows = self.message(question).lines().count().max(1);
                erase(&"\x1b[1A\x1b[2K".repeat(rows));
                Ok(None)
            }
            Err(InquireError::OperationInterrupted) => {
                // The cursor is on the prompt's line: clear from there to the end of the screen.
                erase("\r\x1b[J");
                Err(PromptError::Interrupted)
            }
            Err(other) => Err(PromptError::Failed(other.to_string())),
        }
    }
}

/// Writes terminal control codes to stderr; a failure to tidy the screen is not worth an error.
fn erase(codes: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(codes.as_bytes()).and_then(|()| stderr.flush());
}

/// The help line: the question's help, then the keys (inquire puts it in brackets).
fn help(question: &Question, keys: &str) -> String {
    if question.help.is_empty() { keys.to_string() } else { format!("{} | {keys}", question.help) }
}

impl Terminal {
    /// The help line wrapped between words, inside inquire's brackets.
    fn help(&self, question: &Question, keys: &str) -> String {
        self.fit(&help(question, keys), 2)
    }
}

impl Prompter for Terminal {
    fn select(&mut self, question: &Question, choices: &[Choice], default: usize) -> Reply<usize> {
        let help = self.help(question, "↑↓ move, Enter choose, Esc back");
        let lines: Vec<String> = choices.iter().map(|c| self.line(c)).collect();
        // After answering, the prompt line shows the short label, not the description.
        let short = |option: inquire::list_option::ListOption<&String>| {
            choices.get(option.index).map_or_else(|| option.value.clone(), |c| c.label.clone())
        };
        let message = self.message(question);
        let mut select = Select::new(&message, lines)
            .with_starting_cursor(default.min(choices.len().saturating_sub(1)))
            .with_help_message(&help)
            .with_page_size(PAGE)
            .with_formatter(&short)
            .with_render_config(self.config());
        // A list that fits on screen needs no filter, and inquire's filter moves the cursor to
        // the top whenever it changes: typing "4" then Backspace would leave it on "0 ignore".
        if choices.len() <= PAGE {
            select = select.without_filtering();
        }
        let answer = keys::during(|| select.raw_prompt());
        self.reply(question, answer.map(|option| option.index))
    }

    fn multi_select(&mut self, question: &Question, choices: &[Choice], selected: &[usize]) -> Reply<Vec<usize>> {
        let help = self.help(question, "↑↓ move, space tick, → all, ← none, Enter done, Esc back");
        let lines: Vec<String> = choices.iter().map(|c| self.line(c)).collect();
        let short = |options: &[inquire::list_option::ListOption<&String>]| {
            let labels: Vec<&str> =
                options.iter().filter_map(|o| choices.get(o.index)).map(|c| c.label.as_str()).collect();
            if labels.is_empty() { "none".to_string() } else { labels.join(", ") }
        };
        let message = self.message(question);
        let prompt = MultiSelect::new(&message, lines)
            .with_default(selected)
            .with_help_message(&help)
            .with_page_size(PAGE)
            .with_formatter(&short)
            .with_render_config(self.config());
        let answer = keys::during(|| prompt.raw_prompt());
        self.reply(question, answer.map(|options| options.into_iter().map(|o| o.index).collect()))
    }

    fn confirm(&mut self, question: &Question, default: bool) -> Reply<bool> {
        let help = self.help(question, "y or n, Enter for the default, Esc back");
        let message = self.message(question);
        let prompt =
            Confirm::new(&message).with_default(default).with_help_message(&help).with_render_config(self.config());
        let answer = keys::during(|| prompt.prompt());
        self.reply(question, answer)
    }

    fn text(&mut self, question: &Question, default: &str) -> Reply<String> {
        self.text_line(question, "Enter for the default, Esc back", Start::Default(default))
    }

    fn editable(&mut self, question: &Question, initial: &str) -> Reply<String> {
        self.text_line(question, "Enter keeps the text, Backspace deletes it, Esc back", Start::Editable(initial))
    }

    fn say(&mut self, text: &str) -> Result<(), PromptError> {
        let text = match self.width {
            Some(width) => said(text, usize::from(width)),
            None => text.to_string(),
        };
        let mut stderr = std::io::stderr().lock();
        let ending = if text.ends_with('\n') { "" } else { "\n" };
        write!(stderr, "{text}{ending}").and_then(|()| stderr.flush()).map_err(|e| PromptError::Failed(e.to_string()))
    }
}

/// Two keys the kernel keeps handling while inquire reads raw keys, since inquire would type them
/// as letters: Ctrl-Z stops the process (SIGTSTP; the shell's `fg` resumes it and the raw mode is
/// set again) and Ctrl-U becomes a caught SIGQUIT, so it types nothing. Ctrl-C stays a key, so
/// that inquire reports it and the screen is tidied before exit 130.
#[cfg(unix)]
mod keys {
    use std::os::fd::AsFd;
    use std::sync::{Mutex, Once};

    use nix::sys::termios::{self, LocalFlags, SetArg, SpecialCharacterIndices, Termios};
    use signal_hook::consts::{SIGCONT, SIGQUIT};

    /// The terminal mode of the prompt being shown, set again after a suspended run continues.
    static ACTIVE: Mutex<Option<Termios>> = Mutex::new(None);

    /// A control character that no key produces (`_POSIX_VDISABLE`).
    const DISABLED: u8 = if cfg!(any(target_os = "linux", target_os = "android")) { 0 } else { 0xff };

    /// Run `prompt` with the raw mode entered here first (inquire's own call then leaves it as
    /// it is) and the two keys turned back into signals; inquire restores the terminal after.
    pub(super) fn during<T>(prompt: impl FnOnce() -> T) -> T {
        watch();
        if crossterm::terminal::enable_raw_mode().is_ok() {
            let stdin = std::io::stdin();
            if let Ok(mut mode) = termios::tcgetattr(stdin.as_fd()) {
                mode.local_flags |= LocalFlags::ISIG;
                mode.control_chars[SpecialCharacterIndices::VINTR as usize] = DISABLED;
                mode.control_chars[SpecialCharacterIndices::VQUIT as usize] = 0x15; // Ctrl-U
                mode.control_chars[SpecialCharacterIndices::VSUSP as usize] = 0x1a; // Ctrl-Z
                if termios::tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &mode).is_ok() {
                    *ACTIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(mode);
                }
            }
        }
        let result = prompt();
        *ACTIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        // Already done by inquire when it ends; this covers a prompt that failed to start.
        let _ = crossterm::terminal::disable_raw_mode();
        result
    }

    /// Once: a thread that takes SIGQUIT (Ctrl-U: nothing to do) and, on SIGCONT after a
    /// suspension, sets the prompt's terminal mode again (the shell may have reset it).
    fn watch() {
        static WATCH: Once = Once::new();
        WATCH.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGQUIT, SIGCONT]) else { return };
            std::thread::spawn(move || {
                for signal in signals.forever() {
                    let active = ACTIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    if let (SIGCONT, Some(mode)) = (signal, active.as_ref()) {
                        let _ = termios::tcsetattr(std::io::stdin().as_fd(), SetArg::TCSANOW, mode);
                    }
                }
            });
        });
    }
}

/// Elsewhere the keys are inquire's.
#[cfg(not(unix))]
mod keys {
    pub(super) fn during<T>(prompt: impl FnOnce() -> T) -> T {
        prompt()
    }
}

/// A message to the person fitted to `width`: each line longer than that is wrapped between
/// words, its continuation indented two more than the line (a long command breaks between its
/// arguments, never inside a word). Lines that fit, such as the summary's rows, stay as they are.
fn said(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        // Styles (bold, dim) take no columns.
        let visible = anstream::adapter::strip_str(line).to_string();
        if visible.chars().count() <= width {
            out.push(line.to_string());
            continue;
        }
        let lead = visible.len() - visible.trim_start().len();
        let indent = " ".repeat(lead);
        let wrapped = wrap(visible.trim_start(), width.saturating_sub(lead).max(20), "  ");
        out.extend(wrapped.into_iter().map(|piece| format!("{indent}{piece}")));
    }
    out.join("\n")
}

#[cfg(test)]
mod said_tests {
    use super::said;

    #[test]
    fn long_lines_wrap_between_words_and_short_ones_stay() {
        let command = "Wrote ranking.md and the answers it was made from, ranking.answers.yaml. The same report again: backend-advisor recommend --answers ranking.answers.yaml --explain --format markdown --output ranking.md --force";
        let text = format!("  Performance   3 medium\n{command}");
        let fitted = said(&text, 60);
        let lines: Vec<&str> = fitted.lines().collect();
        assert_eq!(lines[0], "  Performance   3 medium");
        assert!(lines.iter().all(|l| l.chars().count() <= 60), "{fitted}");
        assert!(lines.len() > 3, "{fitted}");
        // Every word is whole: joining the lines gives the words back.
        let words: Vec<&str> = fitted.split_whitespace().collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }
}
