//! A scripted [`Prompter`] for tests: it plays a list of key presses as answers and records
//! every question put and every message said, so the flow is tested without a terminal.

use std::collections::VecDeque;

use super::prompt::{Choice, PromptError, Prompter, Question, Reply};

/// One answer, as a person would give it.
#[derive(Debug, Clone)]
pub enum Key {
    /// Enter: accept the default (cursor position, ticked boxes, default text or yes/no).
    Enter,
    /// Pick the option with this id in a select.
    Pick(&'static str),
    /// Tick exactly these option ids in a multi-select.
    Tick(&'static [&'static str]),
    /// Answer a confirm.
    Yes,
    /// Answer a confirm.
    No,
    /// Type this text and press Enter.
    Type(String),
    /// Go back.
    Esc,
    /// Interrupt.
    CtrlC,
}

/// Plays [`Key`]s in order; running out of them is an error naming the unanswered question.
pub struct Script {
    keys: VecDeque<Key>,
    /// Every question put, in order.
    pub asked: Vec<String>,
    /// Every message said, in order.
    pub said: Vec<String>,
}

impl Script {
    /// A script of answers.
    pub fn new(keys: impl IntoIterator<Item = Key>) -> Self {
        Script { keys: keys.into_iter().collect(), asked: Vec::new(), said: Vec::new() }
    }

    /// Whether every key was used.
    pub fn is_done(&self) -> bool {
        self.keys.is_empty()
    }

    fn next(&mut self, question: &Question) -> Result<Key, PromptError> {
        self.asked.push(question.message.clone());
        match self.keys.pop_front() {
            Some(Key::CtrlC) => Err(PromptError::Interrupted),
            Some(key) => Ok(key),
            None => Err(PromptError::Failed(format!("the script has no answer to {:?}", question.message))),
        }
    }
}

fn position(choices: &[Choice], id: &str) -> usize {
    choices.iter().position(|c| c.id == id).unwrap_or_else(|| {
        let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
        panic!("no option {id:?} among {ids:?}")
    })
}

fn unexpected<T>(key: &Key, question: &Question) -> Reply<T> {
    panic!("{key:?} does not answer {:?}", question.message)
}

impl Prompter for Script {
    fn select(&mut self, question: &Question, choices: &[Choice], default: usize) -> Reply<usize> {
        match self.next(question)? {
            Key::Enter => Ok(Some(default)),
            Key::Pick(id) => Ok(Some(position(choices, id))),
            Key::Esc => Ok(None),
            key => unexpected(&key, question),
        }
    }

    fn multi_select(&mut self, question: &Question, choices: &[Choice], selected: &[usize]) -> Reply<Vec<usize>> {
        match self.next(question)? {
            Key::Enter => Ok(Some(selected.to_vec())),
            Key::Tick(ids) => {
                let mut picked: Vec<usize> = ids.iter().map(|id| position(choices, id)).collect();
                picked.sort_unstable();
                Ok(Some(picked))
            }
            Key::Esc => Ok(None),
            key => unexpected(&key, question),
        }
    }

    fn confirm(&mut self, question: &Question, default: bool) -> Reply<bool> {
        match self.next(question)? {
            Key::Enter => Ok(Some(default)),
            Key::Yes => Ok(Some(true)),
            Key::No => Ok(Some(false)),
            Key::Esc => Ok(None),
            key => unexpected(&key, question),
        }
    }

    fn text(&mut self, question: &Question, default: &str) -> Reply<String> {
        match self.next(question)? {
            Key::Enter => Ok(Some(default.to_string())),
            Key::Type(text) => Ok(Some(text)),
            Key::Esc => Ok(None),
            key => unexpected(&key, question),
        }
    }

    fn say(&mut self, text: &str) -> Result<(), PromptError> {
        self.said.push(text.to_string());
        Ok(())
    }
}
