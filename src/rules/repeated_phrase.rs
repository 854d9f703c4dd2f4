//! `repeated-phrase`: a phrase said twice in one sentence ("Last month, … said last month").
//!
//! ## What it does
//! Within one sentence, finds a phrase of two or more words that occurs twice without
//! overlapping, compared case-insensitively and ignoring punctuation between words, and a
//! time adverb (today, yesterday, tomorrow, tonight) said twice. The longest repeated phrase is
//! reported once, on its later occurrence.
//!
//! ## Why is this bad?
//! Editing leaves debris: a reporter moves "last month" to the front of a sentence and forgets
//! to delete the old one.
//!
//! A phrase said twice in a row is always reported. Otherwise only phrases of the kind editing
//! moves are — time and place adverbials and attribution ("last month", "on Tuesday", "in a
//! statement", "according to the indictment") — and only when one of the two stands where such
//! a phrase is moved to: opening the sentence, closing it, or set off by commas. A speaker
//! named twice is reported wherever it stands: a phrase of three or more words (two of them
//! content words) that is the subject of a speech verb both times ("A spokesman for the port
//! authority said …, a spokesman for the port authority added").
//!
//! ## Left alone
//! Parallel structure rather than debris: noun phrases said twice ("the iPhone … the
//! iPhone"), lists ("Tennessee in March, Eureka Springs in March"), dates ("on November 11 …
//! on November 16"), a phrase made only of stop words ("in the", "as well
//! as"), one ending in a stop word ("prices for clothing … prices for furniture"), one made only
//! of numbers, units and stop words ("per cent", "5 million"), one made only of proper-name
//! words ("North Korea … North Korea's"), and phrases the configuration ignores. Inside a
//! quotation the repeat is reported as a hint.
//!
//! ## Fix
//! 1. Delete the later occurrence (preferred), with the white space before it and without
//!    stranding a comma.
//! 2. Delete the earlier occurrence; at the start of a sentence, with its comma, capitalising the
//!    new first word.
//!
//! ## Options
//! `[repeated-phrase]` `stop-words` (more stop words) and `ignore` (phrases never reported).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule, CALENDAR, SPEECH_VERBS, STOP_WORDS};
use crate::data::word_list;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{Block, Word};

pub struct RepeatedPhrase;

static UNITS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/units.txt")));
static TIME_ADVERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/time-adverbs.txt")));
/// Words that open a movable phrase, and time words, from `data/adverbials.txt`.
static ADVERBIALS: LazyLock<(HashSet<&'static str>, HashSet<&'static str>)> = LazyLock::new(|| {
    let mut starts = HashSet::default();
    let mut times = HashSet::default();
    for (kind, word) in crate::data::tagged(include_str!("data/adverbials.txt")) {
        match kind {
            "start" => starts.insert(word),
            "time" => times.insert(word),
            _ => false,
        };
    }
    (starts, times)
});

/// No debris phrase is longer than this; the cap keeps the search linear.
const MAX_PHRASE: usize = 12;

impl Rule for RepeatedPhrase {
    fn id(&self) -> &'static str {
        "repeated-phrase"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a phrase said twice in one sentence (\"Last month, … said last month\")"
    }

    fn check_block(&self, ctx: &Context, block: &Block, out: &mut Vec<Diagnostic>) {
        let options = &ctx.config.repeated_phrase;
        let extra_stop: HashSet<String> = options
            .stop_words
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let ignored: HashSet<String> = options
            .ignore
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .map(|w| key(&w.to_lowercase().replace('’', "'")).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let filter = Filter {
            extra_stop: &extra_stop,
            ignored: &ignored,
        };
        for s in 0..block.sentences.len() {
            let words = block.sentence_words(s);
            let places = Places {
                text: &ctx.doc.text,
                words,
            };
            for (i, j, len) in repeats(words, &filter, &places) {
                out.push(self.diagnostic(ctx, block, words, i, j, len));
            }
        }
    }
}

impl RepeatedPhrase {
    fn diagnostic(
        &self,
        ctx: &Context,
        block: &Block,
        words: &[Word],
        i: usize,
        j: usize,
        len: usize,
    ) -> Diagnostic {
        let src = ctx.doc.source;
        let first = words[i].range.start..words[i + len - 1].range.end;
        let later = words[j].range.start..words[j + len - 1].range.end;
        let first_text = &src[first.clone()];
        let later_text = &src[later.clone()];
        let severity = if words[j].in_quote {
            Severity::Hint
        } else {
            ctx.severity
        };
        let delete_later = Fix::new(
            format!("Delete the second '{later_text}'"),
            vec![Edit::delete(removal(
                &ctx.doc.text,
                later.clone(),
                block.range.clone(),
            ))],
        )
        .preferred();
        let delete_first = Fix::new(
            format!("Delete the first '{first_text}'"),
            delete_earlier(ctx, words, i, len, block.range.clone()),
        );
        Diagnostic::new(
            self.id(),
            severity,
            later,
            format!("'{later_text}' is repeated in this sentence"),
        )
        .with_related(first, "first written here")
        .with_fix(delete_later)
        .with_fix(delete_first)
    }
}

struct Filter<'a> {
    extra_stop: &'a HashSet<String>,
    ignored: &'a HashSet<String>,
}

impl Filter<'_> {
    fn is_stop(&self, w: &str) -> bool {
        STOP_WORDS.contains(w) || self.extra_stop.contains(w)
    }
}

/// Where a phrase stands in its sentence.
struct Places<'a> {
    text: &'a str,
    words: &'a [Word],
}

impl Places<'_> {
    /// The phrase `words[i..i + len]` opens the sentence (after "And" or "But" at most), closes
    /// it, or is set off by commas on both sides: the places a movable phrase is moved to.
    fn movable(&self, i: usize, len: usize) -> bool {
        let w = self.words;
        let opens = i == 0 || (i == 1 && matches!(w[0].lower.as_str(), "and" | "but" | "so"));
        let closes = i + len == w.len();
        let before = &self.text[..w[i].range.start].trim_end();
        let after = &self.text[w[i + len - 1].range.end..].trim_start();
        opens || closes || (i > 0 && before.ends_with(',') && after.starts_with(','))
    }

    /// A number follows the phrase ("on November 11"): a date or a measure, not a repeat.
    fn numbered(&self, i: usize, len: usize) -> bool {
        self.words.get(i + len).is_some_and(|n| n.number)
    }
}

/// The comparison key of a word: lower case, without a possessive ending.
/// `lower` is a word's lower-case form, apostrophes already straight (see [`Word::lower`]).
fn key(lower: &str) -> &str {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(lower)
}

/// Repeated phrases in one sentence's words: (earlier start, later start, length).
fn repeats(words: &[Word], filter: &Filter, places: &Places) -> Vec<(usize, usize, usize)> {
    let keys: Vec<&str> = words.iter().map(|w| key(&w.lower)).collect();
    let mut first_bigram: HashMap<(&str, &str), usize> = HashMap::default();
    let mut first_adverb: HashMap<&str, usize> = HashMap::default();
    let mut found = Vec::new();
    let mut covered_until = 0;
    for j in 0..keys.len() {
        if TIME_ADVERBS.contains(keys[j]) {
            match first_adverb.get(keys[j]) {
                Some(&i)
                    if j >= covered_until && (places.movable(i, 1) || places.movable(j, 1)) =>
                {
                    found.push((i, j, 1));
                    covered_until = j + 1;
                }
                Some(_) => {}
                None => {
                    first_adverb.insert(keys[j], j);
                }
            }
        }
        if j + 1 >= keys.len() {
            continue;
        }
        let bigram = (keys[j], keys[j + 1]);
        let Some(&i) = first_bigram.get(&bigram) else {
            first_bigram.insert(bigram, j);
            continue;
        };
        // Not overlapping, not the tail of a longer repeat, not inside one already reported.
        if i + 2 > j || (i > 0 && keys[i - 1] == keys[j - 1]) || j < covered_until {
            continue;
        }
        let mut len = 2;
        while len < MAX_PHRASE
            && i + len < j
            && j + len < keys.len()
            && keys[i + len] == keys[j + len]
        {
            len += 1;
        }
        // A phrase ending in stop words is parallel structure; what is left may still count.
        while len > 0 && filter.is_stop(keys[j + len - 1]) {
            len -= 1;
        }
        if len >= 2
            && is_debris(
                &keys[j..j + len],
                &words[i..i + len],
                &words[j..j + len],
                filter,
            )
            // A phrase said twice in a row is debris whatever it is ("the new plan the new
            // plan"); elsewhere, only a movable phrase in a place such phrases are moved to.
            && (j == i + len
                || (is_adverbial(&keys[j..j + len])
                    && (places.movable(i, len) || places.movable(j, len)))
                || attribution(words, &keys[j..j + len], i, j, filter))
            && !places.numbered(i, len)
            && !places.numbered(j, len)
        {
            found.push((i, j, len));
            covered_until = j + len;
        }
    }
    found.sort_by_key(|&(_, j, _)| j);
    found
}

/// Whether a repeated phrase is an attribution said twice: at least three words, two of them
/// content words, and each occurrence the subject of a speech verb ("a spokesman for the port
/// authority said …, a spokesman for the port authority added"), whatever its length.
fn attribution(words: &[Word], keys: &[&str], i: usize, j: usize, filter: &Filter) -> bool {
    let len = keys.len();
    let content = keys.iter().filter(|k| !filter.is_stop(k)).count();
    let speaks = |at: usize| {
        words
            .get(at + len)
            .is_some_and(|w| SPEECH_VERBS.contains(w.lower.as_str()))
            || at
                .checked_sub(1)
                .is_some_and(|b| SPEECH_VERBS.contains(words[b].lower.as_str()))
    };
    len >= 3 && content >= 2 && speaks(i) && speaks(j)
}

/// Whether a phrase is the kind editing moves: a time or place adverbial, or attribution.
fn is_adverbial(keys: &[&str]) -> bool {
    let (starts, times) = &*ADVERBIALS;
    starts.contains(keys[0])
        || keys.iter().any(|&k| {
            let singular = k.strip_suffix('s').unwrap_or(k);
            times.contains(k)
                || times.contains(singular)
                || CALENDAR.contains(k)
                || TIME_ADVERBS.contains(k)
        })
}

/// Whether a repeated phrase reads as editing debris rather than structure or a name.
fn is_debris(keys: &[&str], first: &[Word], later: &[Word], filter: &Filter) -> bool {
    let content: Vec<usize> = (0..keys.len())
        .filter(|&k| !filter.is_stop(keys[k]))
        .collect();
    if content.is_empty() || filter.ignored.contains(&keys.join(" ")) {
        return false;
    }
    let measure = content
        .iter()
        .all(|&k| later[k].number || UNITS.contains(keys[k]));
    // A name is capitalised in both places (the earlier may open the sentence, so either
    // occurrence being capitalised counts only if the later one is too).
    let name = content
        .iter()
        .all(|&k| later[k].capitalised && first[k].capitalised && !CALENDAR.contains(keys[k]));
    !measure && !name
}

/// The bytes to delete to remove `phrase` from the middle or end of a sentence: the white space
/// before it, and a pair of commas around it ("the agency, last month, said").
fn removal(text: &str, phrase: Range<usize>, block: Range<usize>) -> Range<usize> {
    let before = text[block.start..phrase.start].trim_end_matches([' ', '\t', '\n', '\r']);
    let start = block.start + before.len();
    let after = &text[phrase.end..block.end];
    if before.ends_with(',') && after.starts_with(',') {
        return start - 1..phrase.end + 1;
    }
    start..phrase.end
}

/// Edits deleting the earlier occurrence.
fn delete_earlier(
    ctx: &Context,
    words: &[Word],
    i: usize,
    len: usize,
    block: Range<usize>,
) -> Vec<Edit> {
    let text = &ctx.doc.text;
    let phrase = words[i].range.start..words[i + len - 1].range.end;
    if i > 0 {
        return vec![Edit::delete(removal(text, phrase, block))];
    }
    // At the start of the sentence: take a following comma and space too, and capitalise the
    // word that now opens the sentence.
    let after = &text[phrase.end..block.end];
    let rest = after.strip_prefix(',').unwrap_or(after);
    let skip = after.len() - rest.trim_start().len();
    let mut edits = vec![Edit::delete(phrase.start..phrase.end + skip)];
    if let Some(next) = words.get(i + len) {
        let word = &ctx.doc.source[next.range.clone()];
        if let Some(c) = word.chars().next().filter(|c| c.is_lowercase()) {
            let upper: String = c.to_uppercase().collect();
            edits.push(Edit::replace(
                next.range.start..next.range.start + c.len_utf8(),
                upper,
            ));
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, check_as, fixed, flagged};
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::prose::Format;

    const RULE: &str = "repeated-phrase";
    const SEED: &str = "Last month, South Korea’s spy agency said last month that North Korea had sent more than 13,000 containers of artillery.";

    #[test]
    fn flags_the_seed_sentence() {
        assert_eq!(flagged(RULE, SEED), ["last month"]);
        let d = &check(RULE, SEED)[0];
        assert_eq!(&SEED[d.related[0].range.clone()], "Last month");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.message, "'last month' is repeated in this sentence");
    }

    #[test]
    fn preferred_fix_deletes_the_later_occurrence() {
        assert_eq!(
            fixed(RULE, SEED, ""),
            "Last month, South Korea’s spy agency said that North Korea had sent more than 13,000 containers of artillery."
        );
    }

    #[test]
    fn second_fix_deletes_the_opening_phrase_and_capitalises() {
        assert_eq!(
            fixed(RULE, SEED, "Delete the first 'Last month'"),
            "South Korea’s spy agency said last month that North Korea had sent more than 13,000 containers of artillery."
        );
    }

    #[test]
    fn in_a_statement() {
        let text = "In a statement, the Treasury said in a statement that rates would rise.";
        assert_eq!(flagged(RULE, text), ["in a statement"]);
        assert_eq!(
            fixed(RULE, text, ""),
            "In a statement, the Treasury said that rates would rise."
        );
        assert_eq!(
            fixed(RULE, text, "Delete the first 'In a statement'"),
            "The Treasury said in a statement that rates would rise."
        );
    }

    #[test]
    fn according_to_the_indictment() {
        let text = "According to the indictment, the men, according to the indictment, laundered $3 million.";
        assert_eq!(flagged(RULE, text), ["according to the indictment"]);
        assert_eq!(
            fixed(RULE, text, ""),
            "According to the indictment, the men laundered $3 million."
        );
    }

    #[test]
    fn mid_sentence_earlier_occurrence() {
        let text = "The agency said on Tuesday that it had acted on Tuesday.";
        assert_eq!(flagged(RULE, text), ["on Tuesday"]);
        assert_eq!(
            fixed(RULE, text, "Delete the first 'on Tuesday'"),
            "The agency said that it had acted on Tuesday."
        );
    }

    #[test]
    fn time_adverbs_alone() {
        let text = "Today, the minister said today that the deal was done.";
        assert_eq!(flagged(RULE, text), ["today"]);
        assert_eq!(
            fixed(RULE, text, ""),
            "Today, the minister said that the deal was done."
        );
        assert_eq!(
            fixed(RULE, text, "Delete the first 'Today'"),
            "The minister said today that the deal was done."
        );
    }

    #[test]
    fn leaves_parallel_structure_alone() {
        for text in [
            "Prices for clothing rose 0.8% and prices for furniture rose 1.1%.",
            "It is in the house and in the garden.",
            "He was as well as ever and as well as can be.",
            "Output rose 5 per cent in May and 3 per cent in June.",
            "Sales hit 5 million in 2020 and 5 million in 2021.",
            "North Korea said North Korea's missiles were ready.",
            "The more you pay, the more you get.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn leaves_noun_phrases_and_lists_alone() {
        for text in [
            "The iPhone costs less than the iPhone 3G did.",
            "The national flag was raised beside the national flag of Spain.",
            "He toured Tennessee in March, Eureka Springs in March and Ohio in April.",
            "The first stop, on November 11, may give way to a visit on November 16.",
            "It is important in mathematics and people fail in mathematics for that reason.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn flags_a_phrase_said_twice_in_a_row() {
        let text = "The council approved the new budget plan the new budget plan on Monday.";
        assert_eq!(flagged(RULE, text), ["the new budget plan"]);
        assert_eq!(
            fixed(RULE, text, ""),
            "The council approved the new budget plan on Monday."
        );
    }

    #[test]
    fn flags_a_phrase_moved_to_the_end() {
        let text = "The agency last week said it would sell the unit last week.";
        assert_eq!(flagged(RULE, text), ["last week"]);
        assert_eq!(
            fixed(RULE, text, ""),
            "The agency last week said it would sell the unit."
        );
    }

    #[test]
    fn never_across_sentences_or_blocks() {
        assert!(flagged(RULE, "Last month it rained. Last month it snowed.").is_empty());
        assert!(flagged(RULE, "Last month it rained\n\nlast month it snowed.").is_empty());
    }

    #[test]
    fn an_attribution_said_twice_whatever_its_length() {
        let text = "A spokesman for the port authority said the cranes were idle, a spokesman \
                    for the port authority added.";
        assert_eq!(flagged(RULE, text), ["a spokesman for the port authority"]);
        let text = "The chief executive of Harlow Mining told reporters the mine was safe, and \
                    the chief executive of Harlow Mining said no one was hurt.";
        assert_eq!(
            flagged(RULE, text),
            ["the chief executive of Harlow Mining"]
        );
        let text = "Officials said the road was shut, said a senior police officer in the \
                    county, and a senior police officer in the county warned of delays.";
        assert_eq!(
            flagged(RULE, text),
            ["a senior police officer in the county"]
        );
    }

    #[test]
    fn a_short_or_unattributed_repeat_is_parallel_structure() {
        for text in [
            // Two words, one of them a content word: parallel, not debris.
            "The minister said the plan would fail and the minister said he would resign.",
            // Not the subject of a speech verb both times.
            "A spokesman for the port authority said the cranes were idle, and hired a \
             spokesman for the port authority last year.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn longest_phrase_once() {
        let text = "The agency said last month that it would act, the agency said last month.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&text[d[0].range.clone()], "the agency said last month");
    }

    #[test]
    fn quoted_speech_is_a_hint() {
        let d = check(
            RULE,
            "\"Last week we met, and last week we agreed,\" she said.",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Hint);
    }

    #[test]
    fn configuration() {
        let text = "The board met on Tuesday and voted on Tuesday.";
        assert_eq!(flagged(RULE, text).len(), 1);
        let config =
            Config::from_toml("[repeated-phrase]\nignore = [\"On Tuesday\"]\n", None).unwrap();
        assert!(check_as(RULE, text, Format::Text, &config).is_empty());
        let config =
            Config::from_toml("[repeated-phrase]\nstop-words = [\"tuesday\"]\n", None).unwrap();
        assert!(check_as(RULE, text, Format::Text, &config).is_empty());
        let config = Config::from_toml("[rules]\nrepeated-phrase = \"off\"\n", None).unwrap();
        assert!(check_as(RULE, text, Format::Text, &config).is_empty());
    }

    #[test]
    fn long_unpunctuated_input_is_handled() {
        let text = "a b ".repeat(50_000);
        // Nothing to report (stop-like single letters are not stop words, so the phrase "a b"
        // repeats); what matters is that it finishes and reports each later repeat once.
        let d = check(RULE, &text);
        assert!(d.len() < 50_000);
    }
}
