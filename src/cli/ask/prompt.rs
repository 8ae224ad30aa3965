//! What the questionnaire needs from whoever answers it: the [`Prompter`] trait, and the plain
//! data of a question. The terminal implementation and the scripted one for tests implement it.

/// One question: what is asked, and a line of help under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question itself, on one line.
    pub message: String,
    /// Help shown under it: what the answer means, which keys to use.
    pub help: String,
}

/// One option of a select or multi-select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// A stable key for the option (a preset id, an importance, a language id, a menu action).
    pub id: String,
    /// What the person reads, short: it is also what the answered prompt shows.
    pub label: String,
    /// A description shown beside the label in the list (may be empty).
    pub detail: String,
}

impl Choice {
    /// An option with a key, a label and a description.
    pub fn new(id: impl Into<String>, label: impl Into<String>, detail: impl Into<String>) -> Self {
        Choice { id: id.into(), label: label.into(), detail: detail.into() }
    }
}

/// Why a prompt gave no answer, other than the person going back.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// The person pressed Ctrl-C: stop at once, write nothing more, exit 130.
    #[error("interrupted")]
    Interrupted,
    /// The terminal failed (it went away, or input could not be read).
    #[error("cannot prompt: {0}")]
    Failed(String),
}

/// An answer, or `None` when the person went back (Esc).
pub type Reply<T> = Result<Option<T>, PromptError>;

/// Asks questions and tells the person things. Every question method returns `Ok(None)` when
/// the person goes back.
pub trait Prompter {
    /// One of `choices`, as its index; the cursor starts on `default`.
    fn select(&mut self, question: &Question, choices: &[Choice], default: usize) -> Reply<usize>;
    /// Any number of `choices`, as their indexes in order; `selected` are ticked at first.
    fn multi_select(&mut self, question: &Question, choices: &[Choice], selected: &[usize]) -> Reply<Vec<usize>>;
    /// Yes or no.
    fn confirm(&mut self, question: &Question, default: bool) -> Reply<bool>;
    /// A line of text, `default` when the person just presses Enter.
    fn text(&mut self, question: &Question, default: &str) -> Reply<String>;
    /// A line of text that starts as `initial`, to keep, edit or clear (an empty answer means
    /// none): for answers that may be taken back, such as a title.
    fn editable(&mut self, question: &Question, initial: &str) -> Reply<String> {
        self.text(question, initial)
    }
    /// Tell the person something (a summary, a warning, what was written): not part of the result.
    fn say(&mut self, text: &str) -> Result<(), PromptError>;
}
