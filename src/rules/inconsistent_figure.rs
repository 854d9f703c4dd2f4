//! `inconsistent-figure`: one fact, two numbers.
//!
//! ## What it does
//! Keeps a ledger of two kinds of fact and reports a figure that disagrees with the rest:
//! - **Ages**: "Amara Okafor, 61," … "the 62-year-old Okafor" … "Okafor, aged 61", linked by
//!   surname.
//! - **Counts of people**: "killed 12 people" … "the 13 dead"; "nine were arrested" … "the
//!   11 arrested", linked by the group's word (killed, dead, died, victims; injured, wounded,
//!   hurt; missing; arrested, detained; evacuated, displaced; rescued).
//!
//! ## Why is this bad?
//! The story that says 12 dead in the first paragraph and 13 in the fifth is wrong in one of
//! them, and the reader cannot tell which.
//!
//! ## Left alone
//! A sentence that describes a change ("rose from 12 to 15", "up from", "had stood at",
//! "initially", "revised"); different groups ("12 killed" and "12 injured"); a part of a total
//! ("including four dead"); counts of different kinds of people in one group ("12 soldiers
//! killed" and "four civilians killed"); different people who share a surname ("Amara
//! Okafor, 61" and "Chidi Okafor, 34").
//!
//! ## Severity
//! A contradiction is reported at the rule's severity. A hedged figure that the other value
//! does not contradict ("at least 12" … "13 dead") is a hint: check the figure is current.
//!
//! ## Which figure is reported
//! When one value has at least twice the occurrences of every other, each other figure is
//! reported and the fix to the majority value is preferred; otherwise each figure that
//! differs from the first one given is reported, and no fix is preferred.
//!
//! ## Fix
//! "Change to N" for each other value in the ledger. The hover shows the ledger.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule, CALENDAR, STOP_WORDS};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{fold, Block, Word};

pub struct InconsistentFigure;

/// At most this many other figures are shown as related places of one diagnostic.
const MAX_RELATED: usize = 8;
/// At most this many other values are offered as fixes.
const MAX_FIXES: usize = 4;
/// At most this many figures are listed in the hover.
const MAX_HOVER: usize = 20;

struct Lists {
    /// Group word → group id.
    groups: HashMap<&'static str, &'static str>,
    /// Hedge phrase (as words) → kind.
    hedges: Vec<(Vec<&'static str>, Hedge)>,
    filler: HashSet<&'static str>,
    toll_link: HashSet<&'static str>,
    change: Vec<Vec<&'static str>>,
    /// The first word of every change phrase.
    change_starts: HashSet<&'static str>,
    part: Vec<Vec<&'static str>>,
    not_a_count: HashSet<&'static str>,
    /// Spelled-out numbers, sorted for binary search (cheaper than hashing every word).
    numbers: Vec<(&'static str, u64)>,
    /// The first bytes of the spelled-out numbers, to pass over other words quickly.
    number_initials: [bool; 256],
    magnitudes: HashMap<&'static str, u64>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut l = Lists {
        groups: HashMap::default(),
        hedges: Vec::new(),
        filler: HashSet::default(),
        toll_link: HashSet::default(),
        change: Vec::new(),
        change_starts: HashSet::default(),
        part: Vec::new(),
        not_a_count: HashSet::default(),
        numbers: Vec::new(),
        number_initials: [false; 256],
        magnitudes: HashMap::default(),
    };
    for (kind, rest) in crate::data::tagged(include_str!("data/tolls.txt")) {
        let words = || rest.split_whitespace().collect::<Vec<_>>();
        match kind {
            "over" => l.hedges.push((words(), Hedge::Over)),
            "under" => l.hedges.push((words(), Hedge::Under)),
            "about" => l.hedges.push((words(), Hedge::About)),
            "filler" => {
                l.filler.insert(rest);
            }
            "toll-link" => {
                l.toll_link.insert(rest);
            }
            "change" => l.change.push(words()),
            "part" => l.part.push(words()),
            "not-a-count" => {
                l.not_a_count.insert(rest);
            }
            "number" | "magnitude" => {
                if let Some((word, value)) = rest.split_once(' ') {
                    if let Ok(v) = value.trim().parse() {
                        if kind == "number" {
                            l.numbers.push((word, v));
                        } else {
                            l.magnitudes.insert(word, v);
                        }
                    }
                }
            }
            group => {
                l.groups.insert(rest, group);
            }
        }
    }
    l.change_starts = l.change.iter().filter_map(|c| c.first().copied()).collect();
    l.numbers.sort_unstable();
    for (word, _) in &l.numbers {
        if let Some(&b) = word.as_bytes().first() {
            l.number_initials[usize::from(b)] = true;
        }
    }
    // Longest hedge first, so "more than" wins over a shorter match.
    l.hedges.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    l
});

/// How a figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    Exact,
    /// "at least", "more than".
    Over,
    /// "up to", "nearly".
    Under,
    /// "about", "some".
    About,
}

/// What a figure counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Fact {
    /// A person's age, by folded surname and, when written, folded given name.
    Age(String),
    /// A counted group of people, by group id.
    Count(&'static str),
}

/// One figure of the ledger.
#[derive(Debug, Clone)]
struct Entry {
    fact: Fact,
    value: u64,
    hedge: Hedge,
    /// The number as written: what is reported and what a fix replaces.
    number: Range<usize>,
    /// The words that make it a figure of its fact, for related places and the hover.
    phrase: Range<usize>,
    /// Given name (ages) or counted noun (counts), folded, when written.
    qualifier: Option<String>,
}

impl Entry {
    /// A copy with its ranges moved by `mv`.
    fn moved(&self, mv: impl Fn(&Range<usize>) -> Range<usize>) -> Entry {
        Entry {
            number: mv(&self.number),
            phrase: mv(&self.phrase),
            ..self.clone()
        }
    }

    /// The values this figure allows.
    fn bounds(&self) -> (u64, u64) {
        let v = self.value;
        match self.hedge {
            Hedge::Exact => (v, v),
            Hedge::Over => (v, u64::MAX),
            Hedge::Under => (0, v),
            Hedge::About => (v - v / 4, v + v / 4),
        }
    }

    fn contradicts(&self, other: &Entry) -> bool {
        let (a, b) = (self.bounds(), other.bounds());
        a.1 < b.0 || b.1 < a.0
    }
}

impl Rule for InconsistentFigure {
    fn id(&self) -> &'static str {
        "inconsistent-figure"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "one fact given two numbers (\"12 dead\" … \"the 13 dead\"; two ages for one person)"
    }

    fn check_document(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let source = ctx.doc.source;
        for entries in ledgers(ctx) {
            // Each value once, in order of first appearance: (value, count, first entry).
            let mut values: Vec<(u64, usize, usize)> = Vec::new();
            let mut index: HashMap<u64, usize> = HashMap::default();
            for (i, e) in entries.iter().enumerate() {
                let slot = *index.entry(e.value).or_insert_with(|| {
                    values.push((e.value, 0, i));
                    values.len() - 1
                });
                values[slot].1 += 1;
            }
            if values.len() < 2 {
                continue;
            }
            let mut by_count: Vec<usize> = values.iter().map(|v| v.1).collect();
            by_count.sort_unstable_by(|a, b| b.cmp(a));
            let majority = (by_count[0] >= 2 * by_count[1])
                .then(|| values.iter().find(|v| v.1 == by_count[0]).map(|v| v.0))
                .flatten();
            let reference = majority.unwrap_or(entries[0].value);
            let Some(anchor) = entries.iter().find(|e| e.value == reference) else {
                continue;
            };
            // The values a fix may offer: the majority first, then in order of appearance.
            let mut offers: Vec<&(u64, usize, usize)> = values.iter().collect();
            offers.sort_by_key(|v| Some(v.0) != majority);
            let what = describe(&anchor.fact, source, anchor);
            for e in entries.iter().filter(|e| e.value != reference) {
                let contradiction = e.contradicts(anchor);
                let (severity, message) = if contradiction {
                    (
                        ctx.severity,
                        format!(
                            "{what} given as {} here but {} elsewhere in the draft",
                            written(source, e),
                            written(source, anchor)
                        ),
                    )
                } else {
                    (
                        Severity::Hint.min(ctx.severity),
                        format!(
                            "{what} given as {} here and {} elsewhere: check the figure is current",
                            written(source, e),
                            written(source, anchor)
                        ),
                    )
                };
                let mut diag = Diagnostic::new(self.id(), severity, e.number.clone(), message);
                for other in entries
                    .iter()
                    .filter(|o| o.number != e.number)
                    .take(MAX_RELATED)
                {
                    diag = diag.with_related(
                        other.phrase.clone(),
                        format!("'{}' here", &source[other.phrase.clone()]),
                    );
                }
                for &&(v, _, first) in offers.iter().filter(|o| o.0 != e.value).take(MAX_FIXES) {
                    let as_written = &source[entries[first].number.clone()];
                    let new_text = match_case(&source[e.number.clone()], as_written);
                    let mut fix = Fix::new(
                        format!("Change to {new_text}"),
                        vec![Edit::replace(e.number.clone(), new_text.clone())],
                    );
                    if majority == Some(v) {
                        fix = fix.preferred();
                    }
                    diag = diag.with_fix(fix);
                }
                out.push(diag);
            }
        }
    }

    fn hover(&self, ctx: &Context, offset: usize) -> Option<String> {
        let source = ctx.doc.source;
        let entries = ledgers(ctx).into_iter().find(|es| {
            es.iter()
                .any(|e| e.phrase.start <= offset && offset < e.phrase.end.max(e.number.end))
        })?;
        let first = entries.first()?;
        let mut out = format!(
            "**Figure ledger**: {}\n",
            describe(&first.fact, source, first)
        );
        for e in entries.iter().take(MAX_HOVER) {
            out.push_str(&format!(
                "\n- {} — “{}”",
                written(source, e),
                &source[e.phrase.clone()]
            ));
        }
        if entries.len() > MAX_HOVER {
            out.push_str(&format!("\n- … and {} more", entries.len() - MAX_HOVER));
        }
        Some(out)
    }
}

/// The fact a ledger is about, for messages: "Condori's age", "the number killed".
fn describe(fact: &Fact, source: &str, e: &Entry) -> String {
    match fact {
        Fact::Age(_) => {
            let name = source[e.phrase.clone()]
                .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
                .rfind(|w| w.starts_with(char::is_uppercase))
                .unwrap_or("this person");
            format!("{name}'s age")
        }
        Fact::Count(group) => format!("the number {group}"),
    }
}

/// A figure as written, with its hedge: "at least 12".
fn written(source: &str, e: &Entry) -> String {
    let number = &source[e.number.clone()];
    let hedge = match e.hedge {
        Hedge::Exact => "",
        Hedge::Over => "at least ",
        Hedge::Under => "at most ",
        Hedge::About => "about ",
    };
    format!("'{hedge}{number}'")
}

/// `new` with its first letter upper case when `old` starts with one ("Nine were held").
fn match_case(old: &str, new: &str) -> String {
    let mut chars = new.chars();
    match chars.next() {
        Some(c) if old.starts_with(char::is_uppercase) && c.is_lowercase() => {
            c.to_uppercase().chain(chars).collect()
        }
        _ => new.to_string(),
    }
}

/// Every fact's figures, in draft order, split where they cannot be one fact.
fn ledgers(ctx: &Context) -> Vec<Vec<Entry>> {
    // Each block's figures, kept relative to the block (at its start) between checks.
    let kept: Vec<(usize, std::sync::Arc<Vec<Entry>>)> = ctx
        .doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let at = block.range.start;
            let entries = ctx.block_facts(
                "inconsistent-figure",
                i,
                |_| true,
                |b| {
                    entries(&ctx.doc.text, b)
                        .into_iter()
                        .map(|e| e.moved(|r| r.start - at..r.end - at))
                        .collect::<Vec<Entry>>()
                },
            );
            (at, entries)
        })
        .collect();
    let mut by_fact: BTreeMap<&Fact, Vec<(usize, &Entry)>> = BTreeMap::new();
    for (at, entries) in &kept {
        for e in entries.iter() {
            by_fact.entry(&e.fact).or_default().push((*at, e));
        }
    }
    let mut out: Vec<Vec<(usize, &Entry)>> = Vec::new();
    for (fact, entries) in by_fact {
        if entries.len() < 2 {
            continue;
        }
        let qualifiers: HashSet<&str> = entries
            .iter()
            .filter_map(|(_, e)| e.qualifier.as_deref())
            .collect();
        match fact {
            // Different given names: different people; a bare surname could be either.
            Fact::Age(_) if qualifiers.len() > 1 => {
                let mut people: BTreeMap<&str, Vec<(usize, &Entry)>> = BTreeMap::new();
                for (at, e) in entries {
                    if let Some(q) = e.qualifier.as_deref() {
                        people.entry(q).or_default().push((at, e));
                    }
                }
                out.extend(people.into_values());
            }
            // Different kinds of people counted: not one toll.
            Fact::Count(_) if qualifiers.len() > 1 => {}
            _ => out.push(entries),
        }
    }
    // Only ledgers with something to compare are copied out, at their places in the document.
    out.into_iter()
        .filter(|es| es.len() > 1)
        .map(|es| {
            es.into_iter()
                .map(|(at, e)| e.moved(|r| r.start + at..r.end + at))
                .collect()
        })
        .collect()
}

/// The value of a number word: "12", "1,200", "nine", "twenty-one".
fn value(word: &Word, text: &str) -> Option<u64> {
    let t = word.text(text);
    if word.number {
        if !t.chars().all(|c| c.is_ascii_digit() || c == ',') {
            return None;
        }
        return t.replace(',', "").parse().ok();
    }
    let l = &*LISTS;
    if !word
        .lower
        .as_bytes()
        .first()
        .is_some_and(|&b| l.number_initials[usize::from(b)])
    {
        return None;
    }
    let spelled = |w: &str| {
        l.numbers
            .binary_search_by(|(n, _)| (*n).cmp(w))
            .ok()
            .map(|i| l.numbers[i].1)
    };
    if let Some(v) = spelled(&word.lower) {
        return Some(v);
    }
    let (tens, ones) = word.lower.split_once('-')?;
    let (t, o) = (spelled(tens)?, spelled(ones)?);
    (t >= 20 && t % 10 == 0 && o < 10).then_some(t + o)
}

/// Whether the words ending just before `i` in its sentence match `phrase`.
fn preceded_by(words: &[Word], i: usize, phrase: &[&str]) -> bool {
    let n = phrase.len();
    i >= n
        && (0..n).all(|k| {
            let w = &words[i - n + k];
            w.sentence == words[i].sentence && w.lower == phrase[k]
        })
}

/// Whether a sentence describes a change of figure, or another time ("in 2019", "the
/// 1990s", "two years ago").
fn describes_change(text: &str, words: &[Word]) -> bool {
    let year = |w: &Word| {
        w.number
            && w.text(text).len() == 4
            && w.text(text)
                .parse::<u64>()
                .is_ok_and(|y| (1800..=2100).contains(&y))
    };
    // "the '90s", "the 1990s".
    let decade = |w: &Word| {
        w.lower.strip_suffix('s').is_some_and(|d| {
            matches!(d.len(), 2 | 4) && d.ends_with('0') && d.chars().all(|c| c.is_ascii_digit())
        })
    };
    let another_time = words.iter().any(decade)
        || words
            .windows(2)
            .any(|p| matches!(p[0].lower.as_str(), "in" | "since") && year(&p[1]));
    another_time
        || (0..words.len()).any(|i| {
            LISTS.change_starts.contains(words[i].lower.as_str())
                && LISTS.change.iter().any(|c| {
                    i + c.len() <= words.len()
                        && c.iter().enumerate().all(|(k, w)| words[i + k].lower == *w)
                })
        })
}

/// The figures of one block.
fn entries(text: &str, block: &Block) -> Vec<Entry> {
    let l = &*LISTS;
    let words = &block.words;
    let mut out = Vec::new();
    let mut changing: Option<(usize, bool)> = None;
    for i in 0..words.len() {
        let w = &words[i];
        // Only numbers start a figure; most words are not.
        let parsed = value(w, text);
        if parsed.is_none() && !w.number {
            continue;
        }
        let in_change = match changing {
            Some((s, c)) if s == w.sentence => c,
            _ => {
                let c = describes_change(text, block.sentence_words(w.sentence));
                changing = Some((w.sentence, c));
                c
            }
        };
        if let Some(e) = age(text, words, i) {
            out.push(e);
            continue;
        }
        if in_change {
            continue;
        }
        let Some(mut v) = parsed else {
            continue;
        };
        if w.number && (1800..=2100).contains(&v) && !w.text(text).contains(',') {
            continue; // a year
        }
        let mut end_word = i;
        if let Some(m) = words
            .get(i + 1)
            .filter(|n| n.sentence == w.sentence)
            .and_then(|n| l.magnitudes.get(n.lower.as_str()))
        {
            v = v.saturating_mul(*m);
            end_word = i + 1;
        }
        if text[w.range.end..].starts_with('%') {
            continue;
        }
        if l.part.iter().any(|p| preceded_by(words, i, p)) || in_range(text, words, i, end_word) {
            continue;
        }
        // The hedge before the number.
        let mut start = i;
        let mut hedge = Hedge::Exact;
        if let Some((h, kind)) = l.hedges.iter().find(|(h, _)| preceded_by(words, i, h)) {
            start = i - h.len();
            hedge = *kind;
        }
        let same = |k: usize| words.get(k).filter(|x| x.sentence == w.sentence);
        // A group word before: "killing nine miners", "a death toll of 12".
        let mut found: Option<(&'static str, usize, usize)> = None;
        let touching = start.checked_sub(1).and_then(same).filter(|b| {
            text[b.range.end..words[start].range.start]
                .chars()
                .all(char::is_whitespace)
        });
        if let Some(before) = touching {
            if let Some(&g) = l.groups.get(before.lower.as_str()) {
                if before.lower != "dead" && before.lower != "missing" {
                    found = Some((g, start - 1, end_word));
                }
            } else if l.toll_link.contains(before.lower.as_str()) {
                let toll = (1..=3)
                    .filter_map(|k| start.checked_sub(k + 1).and_then(same))
                    .take_while(|x| x.lower == "toll" || l.toll_link.contains(x.lower.as_str()))
                    .any(|x| x.lower == "toll");
                if toll {
                    found = Some(("killed", start - 1, end_word));
                }
            }
        }
        let mut noun: Option<String> = None;
        if let Some((_, _, last)) = found.as_mut() {
            if let Some(n) = same(end_word + 1) {
                if !l.not_a_count.contains(n.lower.as_str()) && is_noun(n) {
                    noun = Some(fold(&n.lower));
                    *last = end_word + 1;
                } else if l.not_a_count.contains(n.lower.as_str()) {
                    found = None;
                }
            }
        } else {
            // A group word after: "12 people were killed", "the 13 dead".
            let mut k = end_word + 1;
            let mut nouns = 0;
            while let Some(x) = same(k) {
                if k > end_word + 4 {
                    break;
                }
                if let Some(&g) = l.groups.get(x.lower.as_str()) {
                    found = Some((g, start, k));
                    break;
                }
                if l.filler.contains(x.lower.as_str()) {
                    k += 1;
                    continue;
                }
                if nouns == 0
                    && k == end_word + 1
                    && is_noun(x)
                    && !l.not_a_count.contains(x.lower.as_str())
                {
                    nouns += 1;
                    noun = Some(fold(&x.lower));
                    k += 1;
                    continue;
                }
                break;
            }
            // Nothing but space or a hyphen between the words ("12 dead", "nine were held").
            if let Some((_, a, b)) = found {
                let gaps_plain = (a..b).all(|j| {
                    text[words[j].range.end..words[j + 1].range.start]
                        .chars()
                        .all(|c| c.is_whitespace())
                });
                if !gaps_plain {
                    found = None;
                }
            }
        }
        let Some((group, first, last)) = found else {
            continue;
        };
        if noun.as_deref().is_some_and(|n| l.filler.contains(n)) {
            noun = None;
        }
        out.push(Entry {
            fact: Fact::Count(group),
            value: v,
            hedge,
            number: w.range.clone(),
            phrase: words[first.min(i)].range.start..words[last.max(end_word)].range.end,
            qualifier: noun,
        });
    }
    out
}

/// Whether the number at `words[i..=end]` is an end of a range ("10,000 and as many as
/// 300,000", "between 12 and 15", "12 to 15", "12 or 13").
fn in_range(text: &str, words: &[Word], i: usize, end: usize) -> bool {
    let joins = |w: &Word| matches!(w.lower.as_str(), "and" | "to" | "or");
    let numeric = |k: usize| words.get(k).is_some_and(|w| value(w, text).is_some());
    let s = words[i].sentence;
    let hedges = |k: usize| {
        LISTS
            .hedges
            .iter()
            .find(|(h, _)| preceded_by(words, k, h))
            .map_or(0, |(h, _)| h.len())
    };
    // Looking back: [number] [and|to|or] [hedge] this.
    let back = i - hedges(i);
    if back >= 2 && words[back - 1].sentence == s && joins(&words[back - 1]) && numeric(back - 2) {
        return true;
    }
    // Looking forward: this [and|to|or] [hedge] number.
    if words
        .get(end + 1)
        .is_some_and(|w| w.sentence == s && joins(w))
    {
        let mut k = end + 2;
        while k < words.len() && k < end + 6 && !numeric(k) {
            k += 1;
        }
        return numeric(k) && words[k].sentence == s && hedges(k) == k - end - 2;
    }
    false
}

/// A lower-case content word that may name what is counted ("miners", "people").
fn is_noun(w: &Word) -> bool {
    !w.capitalised
        && !w.number
        && w.lower.chars().all(char::is_alphabetic)
        && !STOP_WORDS.contains(w.lower.as_str())
}

/// A surname (and given name) candidate: a capitalised word that is not a function word or
/// a month or day.
fn is_name(w: &Word) -> bool {
    w.capitalised
        && !w.number
        && !STOP_WORDS.contains(w.lower.as_str())
        && !CALENDAR.contains(w.lower.as_str())
}

/// An age figure at word `i`: "Okafor, 61,", "Okafor (61)", "the 62-year-old Okafor",
/// "Okafor, aged 61".
fn age(text: &str, words: &[Word], i: usize) -> Option<Entry> {
    let w = &words[i];
    let same = |k: usize| words.get(k).filter(|x| x.sentence == w.sentence);
    let plain = |a: &Word, b: &Word| {
        text[a.range.end..b.range.start]
            .chars()
            .all(char::is_whitespace)
    };
    let person = |k: usize| -> Option<(String, Option<String>, usize)> {
        let s = same(k).filter(|s| is_name(s))?;
        let given = k
            .checked_sub(1)
            .and_then(same)
            .filter(|g| is_name(g) && plain(g, s))
            .map(|g| fold(&g.lower));
        let from = if given.is_some() { k - 1 } else { k };
        Some((fold(&s.lower), given, from))
    };
    let small = |v: u64| (1..=120).contains(&v);
    // "the 62-year-old Okafor", "the 62-year-old Amara Okafor".
    if let Some(digits) = w.lower.strip_suffix("-year-old") {
        let v: u64 = digits.parse().ok().filter(|&v| small(v))?;
        let mut k = i + 1;
        while same(k).is_some_and(|x| is_name(x) && plain(&words[k - 1], x)) {
            k += 1;
        }
        let last = k.checked_sub(1).filter(|&k| k > i)?;
        let (surname, given, _) = person(last)?;
        let given = if last > i + 1 { given } else { None };
        return Some(Entry {
            fact: Fact::Age(surname),
            value: v,
            hedge: Hedge::Exact,
            number: w.range.start..w.range.start + digits.len(),
            phrase: w.range.start..words[last].range.end,
            qualifier: given,
        });
    }
    if !w.number {
        return None;
    }
    let v: u64 = w.text(text).parse().ok().filter(|&v| small(v))?;
    let prev = i.checked_sub(1).and_then(same)?;
    let gap = text[prev.range.end..w.range.start].trim();
    let after = text[w.range.end..].chars().next();
    let (name_at, gap_ok) = if prev.lower == "aged" {
        let before = i.checked_sub(2).and_then(same)?;
        let g = text[before.range.end..prev.range.start].trim();
        (i - 2, (g.is_empty() || g == ",") && gap.is_empty())
    } else {
        (
            i - 1,
            (gap == "," && matches!(after, Some(',' | ';' | '.') | None))
                || (gap == "(" && after == Some(')')),
        )
    };
    if !gap_ok {
        return None;
    }
    let (surname, given, from) = person(name_at)?;
    Some(Entry {
        fact: Fact::Age(surname),
        value: v,
        hedge: Hedge::Exact,
        number: w.range.clone(),
        phrase: words[from].range.start..w.range.end,
        qualifier: given,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::prose::{Document, Format};
    use crate::rules::test_support::{check, fixed, flagged};

    const RULE: &str = "inconsistent-figure";

    #[test]
    fn two_ages_for_one_person() {
        let text =
            "Amara Okafor, 61, runs the clinic. Staff said the 62-year-old Okafor works nights.";
        assert_eq!(flagged(RULE, text), ["62"]);
        let d = &check(RULE, text)[0];
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("Okafor's age"), "{}", d.message);
        assert_eq!(&text[d.related[0].range.clone()], "Amara Okafor, 61");
        assert_eq!(
            fixed(RULE, text, "Change to 61"),
            "Amara Okafor, 61, runs the clinic. Staff said the 61-year-old Okafor works nights."
        );
        let text = "Amara Okafor, 61, runs the clinic. Okafor, aged 63, said so. Okafor (61) left.";
        assert_eq!(flagged(RULE, text), ["63"]);
        // Two against one: the fix to the majority is preferred.
        assert_eq!(
            fixed(RULE, text, ""),
            "Amara Okafor, 61, runs the clinic. Okafor, aged 61, said so. Okafor (61) left."
        );
    }

    #[test]
    fn same_age_twice_and_different_people_are_left_alone() {
        for text in [
            "Amara Okafor, 61, runs the clinic. The 61-year-old Okafor works nights.",
            "Amara Okafor, 61, runs the clinic with her son Chidi Okafor, 34.",
            "Amara Okafor, 61, met Chidi Okafor, 34. The 34-year-old Chidi Okafor left.",
            "On June 5, 2024, Paris, 12, was quiet.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn two_tolls_for_one_group() {
        let text = "The blast killed 12 people.\n\nRelatives of the 13 dead gathered.";
        assert_eq!(flagged(RULE, text), ["13"]);
        let d = &check(RULE, text)[0];
        assert!(d.message.contains("number killed"), "{}", d.message);
        assert!(
            d.fixes.iter().all(|f| !f.preferred),
            "one each: no preference"
        );
        assert_eq!(
            fixed(RULE, text, "Change to 12"),
            "The blast killed 12 people.\n\nRelatives of the 12 dead gathered."
        );
        let text = "Nine were arrested on Monday. Police said the 11 arrested were students.";
        assert_eq!(flagged(RULE, text), ["11"]);
        assert_eq!(
            fixed(
                RULE,
                "Police arrested 11 protesters. Nine were detained overnight.",
                "Change to 11"
            ),
            "Police arrested 11 protesters. 11 were detained overnight."
        );
        let text = "The collapse killed nine miners. Families of the ten dead met.";
        assert_eq!(
            fixed(RULE, text, "Change to nine"),
            "The collapse killed nine miners. Families of the nine dead met."
        );
        let text = "Twelve were injured. Doctors treated the 14 injured and 20 wounded people.";
        assert_eq!(flagged(RULE, text), ["14", "20"]);
    }

    #[test]
    fn hedged_figure_not_contradicted_is_a_hint() {
        let text = "The storm killed at least 12 people. Later the 13 dead were named.";
        let d = check(RULE, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Hint);
        assert!(d[0].message.contains("current"), "{}", d[0].message);
        let text = "The storm killed at least 12 people. Later the 9 dead were named.";
        assert_eq!(check(RULE, text)[0].severity, Severity::Warning);
    }

    #[test]
    fn changes_groups_parts_and_ranges_are_left_alone() {
        for text in [
            "The toll rose from 12 to 15. The 15 dead were named.",
            "The blast killed 15 people, up from 12 reported on Monday. The 15 dead were named.",
            "The toll had stood at 12. Officials initially said 10 were killed. The blast killed 15 people.",
            "The blast killed 12 people and injured 30. The 30 injured were taken to hospital.",
            "The blast left 12 dead, including four dead children. The 12 dead were named.",
            "The blast killed 12 soldiers. It also killed four civilians.",
            "Between 12 and 15 people were killed. The 15 dead were named.",
            "In the past, 10,000 and as many as 300,000 people were killed. The 100 dead were named.",
            "The 12 killed were named. The toll is 40 percent higher than in 2019 when 300 were killed.",
            "The 12 killed were named. In the '90s a blast there killed 30 people.",
            "The 12 killed were named. Two years ago a blast there killed 30 people.",
            "The crash killed 12 and injured 30. Of the 30 injured, 12 were children.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
    }

    #[test]
    fn hover_shows_the_ledger() {
        let text = "The blast killed 12 people. At least 13 were injured.\n\nRelatives of the 13 dead gathered.";
        let doc = Document::parse(text, Format::Text);
        let config = Config::default();
        let ctx = Context::new(&doc, &config, Severity::Warning);
        let hover = InconsistentFigure
            .hover(&ctx, text.find("13 dead").unwrap())
            .unwrap();
        assert!(
            hover.contains("**Figure ledger**: the number killed"),
            "{hover}"
        );
        assert!(hover.contains("'12' — “killed 12 people”"), "{hover}");
        assert!(hover.contains("'13' — “13 dead”"), "{hover}");
        assert!(!hover.contains("injured"), "{hover}");
        assert!(InconsistentFigure.hover(&ctx, 1).is_none());
    }

    #[test]
    fn never_panics_on_awkward_text() {
        for text in [
            "",
            "12",
            "killed",
            "the 0-year-old X",
            "Okafor, 999999999999999999999999, said. The 18446744073709551616 dead.",
            "killed 99999999999999999999 people. 1 dead.",
            "\r\nkilled 12\r\r13 dead 😀\n",
            "😀, 12, 😀 the 13-year-old 😀",
        ] {
            for d in check(RULE, text) {
                assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
                for f in &d.fixes {
                    assert!(f.apply(text).is_some());
                }
            }
        }
    }
}
