//! Sentence splitting that knows abbreviations, initials and decimals.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::data::word_list;

static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/abbreviations.txt")));
static STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/sentence-starters.txt")));

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

/// Splits `text[range]` into sentences, each trimmed of surrounding white space.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
/// followed by white space and a capital letter, digit or opening quote — unless the full stop
/// closes an abbreviation ("Mr.", "Jan.", "No.", "e.g.") or initials ("J.D. Vance"; "U.S."
/// ends a sentence only when a typical sentence opener follows).
pub fn split(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let block = &text[range.clone()];
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && is_terminator(chars[j].1) {
            j += 1;
        }
        while j < chars.len() && is_closer(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(block.len(), |&(o, _)| o);
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        let mut n = k;
        while n < chars.len() && is_opener(chars[n].1) {
            n += 1;
        }
        let next = chars.get(n).map_or(' ', |&(_, c)| c);
        let ends = !next.is_lowercase()
            && (c != '.' || full_stop_ends(block, at, &block[chars[n.min(chars.len() - 1)].0..]));
        if ends {
            push_trimmed(&mut sentences, block, range.start, start..end);
            start = chars[k].0;
        }
        i = k;
    }
    push_trimmed(&mut sentences, block, range.start, start..block.len());
    if sentences.is_empty() {
        sentences.push(range);
    }
    sentences
}

/// Whether the full stop at `at` ends the sentence, given the text that follows it.
fn full_stop_ends(block: &str, at: usize, following: &str) -> bool {
    let before = &block[..at];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(at, |(i, _)| i);
    let word = before[word_start..].trim_matches('.').to_lowercase();
    if word.is_empty() {
        return true;
    }
    if ABBREVIATIONS.contains(word.as_str()) {
        return false;
    }
    let initials = word
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if initials {
        let next_word: String = following
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        return STARTERS.contains(next_word.as_str());
    }
    true
}

fn push_trimmed(out: &mut Vec<Range<usize>>, block: &str, base: usize, r: Range<usize>) {
    let s = &block[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let start = base + r.start + lead;
        out.push(start..start + trimmed.len());
    }
}
