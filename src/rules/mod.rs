//! The rule engine: the [`Rule`] trait and the registry of every rule.

mod inconsistent_figure;
mod inconsistent_name;
mod placeholder;
mod quote_marks;
mod repeated_phrase;
mod repeated_word;
mod unattributed_figure;
mod unknown_rule_in_comment;
mod weekday_date;

use rustc_hash::FxHashSet as HashSet;
use std::any::Any;
use std::sync::{Arc, LazyLock};

use crate::config::Config;
use crate::data::word_list;
use crate::diagnostic::{Diagnostic, Severity};
use crate::prose::{Block, Document};

pub use inconsistent_figure::InconsistentFigure;
pub use inconsistent_name::{name_ledger, InconsistentName, NameEntry, NameSpelling};
pub use placeholder::Placeholder;
pub use quote_marks::QuoteMarks;
pub use repeated_phrase::RepeatedPhrase;
pub use repeated_word::RepeatedWord;
pub use unattributed_figure::UnattributedFigure;
pub use unknown_rule_in_comment::UnknownRuleInComment;
pub use weekday_date::WeekdayDate;

/// English function words (`data/stop-words.txt`), shared by the rules.
pub(crate) static STOP_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/stop-words.txt")));

/// Speech verbs (`data/speech-verbs.txt`): what makes a noun phrase an attribution.
pub(crate) static SPEECH_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/speech-verbs.txt")));

/// Month and day names (`data/calendar.txt`), shared by the rules.
pub(crate) static CALENDAR: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/calendar.txt")));

/// Where each rule's documentation page is published; the rule id and `.md` follow.
pub const DOCS_URL: &str = "https://github.com/copydesk/copydesk/blob/main/docs/rules/";

/// What a rule sees: the document, the configuration and the severity it reports at.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub config: &'a Config,
    /// The rule's severity after configuration; rules may report below it (hints inside
    /// quotations) but never above it.
    pub severity: Severity,
    /// Where facts about single blocks are kept between checks, if the caller keeps them (see
    /// [`Context::block_facts`]).
    pub facts: Option<&'a dyn FactStore>,
}

/// A test true of each block finding to drop (see [`Rule::drops_block_findings`]).
pub type Drops<'c> = Box<dyn FnMut(&Diagnostic) -> bool + 'c>;

/// What a document-wide rule derived from one block alone, kept between checks.
pub type Facts = Arc<dyn Any + Send + Sync>;

/// Keeps [`Facts`] per block between checks of a changing document ([`crate::BlockCache`]
/// does), so that a document-wide rule re-derives them only for the blocks an edit changed.
pub trait FactStore: Sync {
    /// What `rule` kept for block `index` of the document being checked, if it was kept for a
    /// block with the same text.
    fn get(&self, rule: &'static str, index: usize) -> Option<Facts>;
    /// Keeps `facts` for block `index` (when the store can tell the block's text).
    fn put(&self, rule: &'static str, index: usize, facts: Facts);
    /// Takes out what `rule` kept for the whole document in an earlier check (see
    /// [`Context::aggregate`]).
    fn take_document(&self, _rule: &'static str) -> Option<Box<dyn Any + Send>> {
        None
    }
    /// Keeps `value` for the whole document until the next check.
    fn put_document(&self, _rule: &'static str, _value: Box<dyn Any + Send>) {}
}

/// A document-wide value built from per-block facts, with the facts it was built from.
struct Aggregated<F, A> {
    blocks: Vec<Arc<F>>,
    value: A,
}

impl<'a> Context<'a> {
    /// A context that keeps no facts between checks.
    pub fn new(doc: &'a Document<'a>, config: &'a Config, severity: Severity) -> Self {
        Context {
            doc,
            config,
            severity,
            facts: None,
        }
    }

    /// `derive(block)` for block `index`, or what it gave for a block with the same text in an
    /// earlier check, if `still(&kept)` holds.
    ///
    /// The contract is [`Rule::check_block`]'s: what `derive` gives must depend only on the text
    /// of the lines the block spans (source and analysis copy), the format, the line break and
    /// the configuration, and hold every position relative to the block's start, so that it
    /// stays true wherever the block moves. A fact that also depends on the rest of the
    /// document records what it assumed, and `still` checks that against the document now.
    pub fn block_facts<T: Any + Send + Sync>(
        &self,
        rule: &'static str,
        index: usize,
        still: impl Fn(&T) -> bool,
        derive: impl FnOnce(&Block) -> T,
    ) -> Arc<T> {
        if let Some(kept) = self
            .facts
            .and_then(|f| f.get(rule, index))
            .and_then(|f| f.downcast::<T>().ok())
            .filter(|f| still(f))
        {
            return kept;
        }
        let derived = Arc::new(derive(&self.doc.blocks[index]));
        if let Some(store) = self.facts {
            store.put(rule, index, derived.clone());
        }
        derived
    }

    /// `read(value)`, where `value` folds every block's `facts` (in block order) with `add`
    /// into `A::default()`. When the caller keeps facts between checks, the value is kept too
    /// and brought up to date from the blocks whose facts changed since the last check: their
    /// old facts are taken out with `remove` and the new put in with `add`, so a keystroke
    /// costs a comparison of pointers per block, not a fold of the whole draft. `remove` must
    /// undo `add` exactly (counts, not sets), so the kept value always equals a fresh fold.
    pub fn aggregate<F, A, R>(
        &self,
        rule: &'static str,
        facts: Vec<Arc<F>>,
        add: impl Fn(&mut A, &F),
        remove: impl Fn(&mut A, &F),
        read: impl FnOnce(&A) -> R,
    ) -> R
    where
        F: Send + Sync + 'static,
        A: Default + Send + 'static,
    {
        let kept = self
            .facts
            .and_then(|f| f.take_document(rule))
            .and_then(|k| k.downcast::<Aggregated<F, A>>().ok());
        let mut value = match kept {
            Some(kept) => {
                let Aggregated { blocks, mut value } = *kept;
                let same = |a: &Arc<F>, b: &Arc<F>| Arc::ptr_eq(a, b);
                let prefix = blocks
                    .iter()
                    .zip(&facts)
                    .take_while(|(a, b)| same(a, b))
                    .count();
                let room = blocks.len().min(facts.len()) - prefix;
                let suffix = blocks
                    .iter()
                    .rev()
                    .zip(facts.iter().rev())
                    .take(room)
                    .take_while(|(a, b)| same(a, b))
                    .count();
                for old in &blocks[prefix..blocks.len() - suffix] {
                    remove(&mut value, old);
                }
                for new in &facts[prefix..facts.len() - suffix] {
                    add(&mut value, new);
                }
                value
            }
            None => {
                let mut value = A::default();
                for f in &facts {
                    add(&mut value, f);
                }
                value
            }
        };
        let result = read(&value);
        if let Some(store) = self.facts {
            store.put_document(
                rule,
                Box::new(Aggregated {
                    blocks: facts,
                    value: std::mem::take(&mut value),
                }),
            );
        }
        result
    }
}

/// A check. Rules are pure functions of the prose model and the configuration.
///
/// A rule whose findings stay inside one block implements [`Rule::check_block`]: its result for
/// a block depends only on the text of the lines the block spans (source and analysis copy),
/// the format, the file's line break and the configuration, so a caller may re-run it on
/// changed blocks only ([`crate::BlockCache`] does). A rule that compares blocks implements
/// [`Rule::check_document`].
pub trait Rule: Send + Sync {
    /// The rule's id, as used in configuration, suppression comments and output.
    fn id(&self) -> &'static str;
    /// The severity reported when configuration says nothing.
    fn default_severity(&self) -> Severity;
    /// One line saying what the rule flags.
    fn summary(&self) -> &'static str;
    /// Findings inside one block.
    fn check_block(&self, _ctx: &Context, _block: &Block, _out: &mut Vec<Diagnostic>) {}
    /// Findings that need the whole document. `out` may already hold this rule's
    /// [`Rule::check_block`] findings; they are not the rule's to change here.
    fn check_document(&self, _ctx: &Context, _out: &mut Vec<Diagnostic>) {}
    /// Which of this rule's [`Rule::check_block`] findings the document as a whole shows to
    /// be wrong (an interview's answers, say): a test true of each one to drop, or `None` when
    /// the document drops none. Callers apply it to the block findings, so block findings stay
    /// a function of their block, and callers that cache them stay correct.
    fn drops_block_findings<'c>(&self, _ctx: &'c Context<'c>) -> Option<Drops<'c>> {
        None
    }
    /// Markdown explaining what the rule knows about the text at `offset`, if anything.
    fn hover(&self, _ctx: &Context, _offset: usize) -> Option<String> {
        None
    }
}

/// Every rule, in the order `copydesk rules` lists them.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &RepeatedWord,
        &RepeatedPhrase,
        &UnattributedFigure,
        &InconsistentName,
        &InconsistentFigure,
        &QuoteMarks,
        &Placeholder,
        &WeekdayDate,
        &UnknownRuleInComment,
    ]
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.id() == id)
}

/// The known rule id closest to `id` (at most three edits away), for "did you mean".
pub fn closest_id(id: &str) -> Option<&'static str> {
    all()
        .iter()
        .map(|r| (inconsistent_name::distance(r.id(), id), r.id()))
        .min_by_key(|&(d, _)| d)
        .filter(|&(d, _)| d <= 3)
        .map(|(_, known)| known)
}

/// The address of a rule's documentation page.
pub fn docs_url(id: &str) -> String {
    format!("{DOCS_URL}{id}.md")
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers shared by the rules' tests.

    use crate::config::Config;
    use crate::diagnostic::Diagnostic;
    use crate::prose::Format;

    /// Diagnostics of `rule` on `text` read as `format`.
    pub fn check_as(rule: &str, text: &str, format: Format, config: &Config) -> Vec<Diagnostic> {
        crate::check(text, format, config)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// Diagnostics of `rule` on plain `text` with the default configuration.
    pub fn check(rule: &str, text: &str) -> Vec<Diagnostic> {
        check_as(rule, text, Format::Text, &Config::default())
    }

    /// The flagged texts.
    pub fn flagged(rule: &str, text: &str) -> Vec<String> {
        check(rule, text)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    /// The text after applying the fix titled `title` of the only diagnostic (or the preferred
    /// fix when `title` is empty).
    pub fn fixed(rule: &str, text: &str, title: &str) -> String {
        let diags = check(rule, text);
        assert_eq!(diags.len(), 1, "expected one diagnostic, got {diags:#?}");
        let fix = diags[0]
            .fixes
            .iter()
            .find(|f| {
                if title.is_empty() {
                    f.preferred
                } else {
                    f.title == title
                }
            })
            .unwrap_or_else(|| panic!("no fix {title:?} in {:#?}", diags[0].fixes));
        fix.apply(text).expect("fix applies")
    }
}
