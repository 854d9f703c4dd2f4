//! What attributes a figure: a cue read as what it is in its sentence, the next sentence's
//! clear attribution, an earlier sentence that the text still continues, or a quotation's
//! speaker. The cue lists are `data/cues.txt`.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::super::STOP_WORDS;
use crate::prose::{Block, Word};

#[derive(Default)]
struct Cues {
    say: HashSet<&'static str>,
    find: HashSet<&'static str>,
    expect: HashSet<&'static str>,
    not_expecter: HashSet<&'static str>,
    noun: HashSet<&'static str>,
    research: HashSet<&'static str>,
    not_before_figure: HashSet<&'static str>,
    sources: Vec<Vec<String>>,
    /// The first word of every `sources` phrase: most words start none.
    source_starts: HashSet<&'static str>,
    not_cues: Vec<Vec<String>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut c = Cues::default();
    for (tag, words) in crate::data::tagged(include_str!("../data/cues.txt")) {
        match tag {
            "say" => c.say.insert(words),
            "find" => c.find.insert(words),
            "expect" => c.expect.insert(words),
            "not-expecter" => c.not_expecter.insert(words),
            "noun" => c.noun.insert(words),
            "research" => c.research.insert(words),
            "not-before-figure" => c.not_before_figure.insert(words),
            "source" => {
                c.source_starts.extend(words.split_whitespace().next());
                c.sources
                    .push(words.split_whitespace().map(str::to_string).collect());
                true
            }
            "not-cue" => {
                c.not_cues
                    .push(words.split_whitespace().map(str::to_string).collect());
                true
            }
            _ => false,
        };
    }
    c
});

/// Words before a cue that make it a noun or an adjective ("the reports", "an estimated").
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "some",
    "many",
    "several",
    "new",
    "recent",
    "latest",
    "early",
    "earlier",
    "media",
    "news",
    "press",
    "insurance",
    "such",
    "no",
    "any",
    "other",
    "initial",
    "preliminary",
    "official",
    "unconfirmed",
    "conflicting",
    "united",
    "federated",
];

/// Forms of "be": a reporting verb after one is a passive.
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "it's", "is'", "'s",
];

/// First words that continue the previous sentence's subject.
const CONTINUING: &[&str] = &[
    "it",
    "its",
    "they",
    "their",
    "them",
    "he",
    "she",
    "his",
    "her",
    "this",
    "these",
    "that",
    "those",
    "there",
    "also",
    "another",
    "both",
    "such",
    "of",
    "in",
    "and",
    "but",
    "the figure",
];

/// Nouns that, after "the", refer back to what the sentence before reported.
const REFERRING: &[&str] = &[
    "increase",
    "rise",
    "cut",
    "cuts",
    "fall",
    "drop",
    "figure",
    "figures",
    "total",
    "change",
    "move",
    "plan",
    "deal",
    "decision",
    "number",
    "numbers",
    "estimate",
    "toll",
    "amount",
    "sum",
    "report",
    "study",
    "survey",
    "statement",
    "same",
];

/// A cue found in a sentence.
#[derive(Debug, Clone)]
pub(super) struct SentenceCue {
    /// The cue with its subject or source, as the range to show.
    pub range: Range<usize>,
    /// The source is the configured placeholder ("according to TK").
    pub placeholder: bool,
    /// Every real cue of the sentence: the range to show and where the cue word starts.
    pub all: Vec<(Range<usize>, usize)>,
}

/// What attributes a figure, and where.
#[derive(Debug, Clone)]
pub(super) struct Attribution {
    pub cue: Range<usize>,
    pub place: &'static str,
    pub placeholder: bool,
}

/// Each sentence's cue in a block, with what the carrying-forward needs worked out once for
/// the block (linear in its sentences): for each sentence, the nearest earlier sentence with
/// a real cue that it goes on from, and the first sentence of its run of continuing ones.
pub(super) struct BlockCues {
    list: Vec<Option<SentenceCue>>,
    nearest: Vec<Option<usize>>,
    run_start: Vec<usize>,
    /// For each sentence with a real cue, where its clause breaks are.
    breaks: Vec<Option<Breaks>>,
    /// For each sentence followed by one with a real cue, whether that one refers back to it.
    refers_back: Vec<bool>,
    /// The block opens by going on from the paragraph before ([`opens_continuing`]).
    opens_continuing: bool,
}

/// The clause breaks of one sentence (see [`clause_break`]) and its cues, arranged so that
/// which cue covers a figure takes a binary search, not a scan of the text between them.
struct Breaks {
    /// Where each cue word starts, in order.
    cue_starts: Vec<usize>,
    /// The first cue that reports a whole clause ("said that, although…"), if any.
    first_reporting: Option<usize>,
    /// Breaks ordered by their end, with the greatest start among them so far.
    by_end: Vec<(usize, usize)>,
    /// Breaks ordered by their start, with the least end among them from there on.
    by_start: Vec<(usize, usize)>,
}

impl Breaks {
    fn new(text: &str, sentence: &Range<usize>, cue: &SentenceCue) -> Self {
        let cue_starts: Vec<usize> = cue.all.iter().map(|(_, start)| *start).collect();
        let first_reporting = cue_starts
            .iter()
            .position(|&b| reports_clause(&text[b..sentence.end]));
        let body = &text[sentence.clone()];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for pattern in CLAUSE_BREAKS {
            for (i, m) in body.match_indices(pattern) {
                found.push((sentence.start + i, sentence.start + i + m.len()));
            }
        }
        let mut by_end = found.clone();
        by_end.sort_by_key(|&(_, end)| end);
        let mut greatest = 0;
        for entry in &mut by_end {
            greatest = greatest.max(entry.0);
            *entry = (entry.1, greatest);
        }
        let mut by_start = found;
        by_start.sort_by_key(|&(start, _)| start);
        let mut least = usize::MAX;
        for entry in by_start.iter_mut().rev() {
            least = least.min(entry.1);
            *entry = (entry.0, least);
        }
        Breaks {
            cue_starts,
            first_reporting,
            by_end,
            by_start,
        }
    }

    /// The first cue (in sentence order) that no clause break separates from a figure at
    /// `at`: what `clause_break` decides cue by cue.
    fn first_covering(&self, at: usize) -> Option<usize> {
        let starts = &self.cue_starts;
        let before = starts.partition_point(|&b| b < at);
        // A break lies between a cue at b (before the figure) and the figure when it starts at
        // or after b and ends by `at`: the greatest start of a break ending by `at` decides.
        let ended = self.by_end.partition_point(|&(end, _)| end <= at);
        let last_break = ended.checked_sub(1).map(|i| self.by_end[i].1);
        let after_break = starts.partition_point(|&b| last_break.is_some_and(|s| b <= s));
        let left = [
            self.first_reporting.filter(|&j| j < before),
            Some(after_break).filter(|&j| j < before),
        ]
        .into_iter()
        .flatten()
        .min();
        if left.is_some() {
            return left;
        }
        // After the figure only the nearest cue can cover it: a break before it separates
        // every later one too.
        let next_break_end = self
            .by_start
            .get(self.by_start.partition_point(|&(start, _)| start < at))
            .map(|&(_, end)| end);
        starts
            .get(before)
            .filter(|&&b| next_break_end.is_none_or(|e| e > b))
            .map(|_| before)
    }
}

/// What starts a new clause with a subject of its own inside a sentence.
const CLAUSE_BREAKS: &[&str] = &[
    ";",
    ", although",
    ", though",
    ", whereas",
    ", while",
    " although ",
];

/// Whether the cue word at the start of `rest` reports a whole clause: "said that, …".
fn reports_clause(rest: &str) -> bool {
    rest.split_once(char::is_whitespace)
        .is_some_and(|(_, rest)| {
            let rest = rest.trim_start();
            rest.starts_with("that ") || rest.starts_with("that,")
        })
}

impl std::ops::Deref for BlockCues {
    type Target = [Option<SentenceCue>];

    fn deref(&self) -> &Self::Target {
        &self.list
    }
}

impl BlockCues {
    pub(super) fn new(text: &str, block: &Block, list: Vec<Option<SentenceCue>>) -> Self {
        let n = block.sentences.len().max(list.len());
        let breaks = list
            .iter()
            .enumerate()
            .map(|(s, c)| {
                let c = c.as_ref().filter(|c| !c.placeholder)?;
                Some(Breaks::new(text, block.sentences.get(s)?, c))
            })
            .collect();
        let mut nearest = vec![None; n];
        let mut run_start = vec![0; n];
        let real = |i: usize| {
            list.get(i)
                .is_some_and(|c| c.as_ref().is_some_and(|c| !c.placeholder))
        };
        for s in 1..n {
            if continues(block, s) {
                run_start[s] = run_start[s - 1];
                nearest[s] = if real(s - 1) {
                    Some(s - 1)
                } else {
                    nearest[s - 1]
                };
            } else {
                run_start[s] = s;
            }
        }
        let refers = (0..n)
            .map(|s| real(s + 1) && refers_back(text, block, s))
            .collect();
        BlockCues {
            list,
            nearest,
            run_start,
            breaks,
            refers_back: refers,
            opens_continuing: opens_continuing(block),
        }
    }

    /// Whether a figure in sentence `s` that nothing in its block attributes may take its
    /// source from the paragraph before: the block opens by going on from it, and sentence `s`
    /// goes on from the block's first.
    pub(super) fn may_inherit(&self, s: usize) -> bool {
        self.opens_continuing && self.reaches_opening(s)
    }

    /// Whether sentence `s` goes on, sentence by sentence, from the first sentence of its
    /// block.
    pub(super) fn reaches_opening(&self, s: usize) -> bool {
        self.run_start.get(s).is_none_or(|&start| start == 0)
    }
}

/// The configured cues, lower-cased into words.
pub(super) fn configured(extra: &[String]) -> Vec<Vec<String>> {
    extra
        .iter()
        .map(|c| {
            c.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// The cue of each sentence of `block`: a real one if there is one, else a placeholder one.
pub(super) fn sentence_cues(
    text: &str,
    block: &Block,
    extra: &[Vec<String>],
    placeholder: &str,
) -> Vec<Option<SentenceCue>> {
    (0..block.sentences.len())
        .map(|s| cue_in(text, block.sentence_words(s), extra, placeholder))
        .collect()
}

fn phrase_at(words: &[Word], i: usize, phrase: &[String]) -> bool {
    i + phrase.len() <= words.len()
        && phrase
            .iter()
            .zip(&words[i..i + phrase.len()])
            .all(|(p, w)| w.lower == *p)
}

fn cue_in(
    text: &str,
    words: &[Word],
    extra: &[Vec<String>],
    placeholder: &str,
) -> Option<SentenceCue> {
    let c = &*CUES;
    let mut held: Option<SentenceCue> = None;
    let mut all: Vec<(Range<usize>, usize)> = Vec::new();
    for i in 0..words.len() {
        let may_start = !extra.is_empty() || c.source_starts.contains(words[i].lower.as_str());
        if let Some(p) = c
            .sources
            .iter()
            .chain(extra)
            .filter(|_| may_start)
            .find(|p| phrase_at(words, i, p))
        {
            let n = p.len();
            let after = text[words[i + n - 1].range.end..].trim_start();
            let is_placeholder = !placeholder.is_empty()
                && after.starts_with(placeholder)
                && !after[placeholder.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let last = (i + n + 2).min(words.len() - 1);
            let range = words[i].range.start..words[last].range.end;
            if is_placeholder {
                held.get_or_insert(SentenceCue {
                    range,
                    placeholder: true,
                    all: Vec::new(),
                });
            } else {
                all.push((range, words[i].range.start));
            }
            continue;
        }
        if reporting_verb(text, words, i) {
            all.push((with_subject(text, words, i), words[i].range.start));
        } else if let Some(end) = named_study(words, i) {
            all.push((
                words[i].range.start..words[end].range.end,
                words[i].range.start,
            ));
        }
    }
    match all.first() {
        Some((range, _)) => Some(SentenceCue {
            range: range.clone(),
            placeholder: false,
            all,
        }),
        None => held,
    }
}

/// A poll, survey or study named by who ran it, which is the source of its figures: "a Gallup
/// poll", "the Newsmax / Zogby poll", "a survey conducted for the BBC World Service", "a poll
/// by Reuters". The index of the last word of the phrase.
fn named_study(words: &[Word], i: usize) -> Option<usize> {
    let key = words[i].lower.as_str();
    // Capitalised, it is part of a name: "the US Geological Survey said".
    if words[i].capitalised || !matches!(key, "poll" | "polls" | "survey" | "surveys" | "study") {
        return None;
    }
    // A capitalised word just before, not opening the sentence: "a Gallup poll".
    if i >= 2 && words[i - 1].capitalised {
        return Some(i);
    }
    let at = |j: usize| words.get(j).map(|w| w.lower.as_str());
    let mut j = i + 1;
    if matches!(
        at(j),
        Some("conducted" | "commissioned" | "carried" | "run" | "published" | "released")
    ) {
        j += 1;
        if at(j) == Some("out") {
            j += 1;
        }
    }
    if !matches!(at(j), Some("by" | "for")) {
        return None;
    }
    // "by Reuters", "for the BBC World Service".
    let name = if at(j + 1) == Some("the") {
        j + 2
    } else {
        j + 1
    };
    words
        .get(name)
        .is_some_and(|w| w.capitalised)
        .then_some(name)
}

/// Whether `words[i]` is a reporting or finding verb as used in its sentence.
fn reporting_verb(text: &str, words: &[Word], i: usize) -> bool {
    let c = &*CUES;
    let w = &words[i];
    let key = w.lower.as_str();
    let say = c.say.contains(key);
    let find = c.find.contains(key);
    let expect = c.expect.contains(key);
    if !say && !find && !expect {
        return false;
    }
    // Inside a name: "the United States", "Federated States".
    if w.capitalised && i > 0 {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| words[p].lower.as_str());
    let next = words.get(i + 1);
    if let Some(p) = prev.filter(|p| DETERMINERS.contains(p)) {
        // "the reports", "an estimated", "official estimates" are nouns and adjectives; "said"
        // or "told" never is ("an official said"), nor is a verb after "the official".
        let verb_only = !c.noun.contains(key) && !key.ends_with("ed");
        let official_subject = p == "official"
            && i >= 2
            && matches!(
                words[i - 2].lower.as_str(),
                "a" | "an" | "the" | "one" | "another"
            );
        if !(verb_only || official_subject) {
            return false;
        }
    }
    // A gerund after a preposition is no report: "fined €800 after posting a photograph". A
    // participle after "of" or a number describes the noun that follows: "the number
    // of confirmed deaths", "260 confirmed cases".
    if let Some(p) = prev.filter(|_| next.is_some()) {
        let preposition = matches!(
            p,
            "after" | "before" | "for" | "without" | "while" | "by" | "from" | "since" | "of"
        );
        let adjective = (matches!(p, "of" | "among") || words[i - 1].number) && key.ends_with("ed");
        if (preposition && key.ends_with("ing")) || adjective {
            return false;
        }
    }
    // A participle after a noun and before a time ("complaints recorded so far this month",
    // "cases reported to date", "deaths registered this year") describes the noun: a passive
    // with no agent.
    if key.ends_with("ed") && i > 0 && !words[i - 1].capitalised && !words[i - 1].number {
        let after = |j: usize| words.get(i + j).map(|x| x.lower.as_str());
        let time = match after(1) {
            Some("so") => after(2) == Some("far"),
            Some("to") => after(2) == Some("date"),
            Some("this" | "last" | "since" | "thus") => true,
            _ => false,
        };
        let noun = !STOP_WORDS.contains(words[i - 1].lower.as_str());
        if time && noun {
            return false;
        }
    }
    // A reporting verb in a relative clause about the people just counted is what they did,
    // not a source: "six journalists who reported on the protest".
    if i >= 2
        && words[i - 1].lower == "who"
        && words[i.saturating_sub(4)..i - 1]
            .iter()
            .any(|w| w.number || super::kind::is_number_word(&w.lower))
    {
        return false;
    }
    // A participle before what happened to people describes them, with no one behind it:
    // "60,000 people reported dead", "two workers confirmed missing".
    if key.ends_with("ed")
        && i > 0
        && next.is_some_and(|n| super::kind::is_affected(&n.lower))
        && (words[i - 1].number || super::kind::names_people(&words[i - 1]))
    {
        return false;
    }
    // "Estimates suggest…", "reports of…", "12 reports": nouns.
    if c.noun.contains(key)
        && (i == 0 || next.is_some_and(|n| n.lower == "of") || words[i - 1].number)
    {
        return false;
    }
    // "Earmarks added into the bill", "has added opposition": another verb.
    let in_phrase = |p: &Vec<String>| {
        phrase_at(words, i, p) || (i + 1 >= p.len() && phrase_at(words, i + 1 - p.len(), p))
    };
    let clause_follows = next.is_some_and(|n| n.lower == "that");
    if !clause_follows
        && c.not_cues
            .iter()
            .any(|p| p.iter().any(|x| *x == w.lower) && in_phrase(p))
    {
        return false;
    }
    // "the index added 50 points": a figure at once makes it something else.
    if c.not_before_figure.contains(key) && next.is_some_and(|n| n.number) {
        return false;
    }
    // An expectation is a source only with its holder just before it ("Wall Street expected
    // 77 cents"): not "than expected", nor one cut off by punctuation (", expected to reach").
    if expect {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        let joined = text[words[p].range.end..w.range.start]
            .chars()
            .all(char::is_whitespace);
        if !joined || c.not_expecter.contains(words[p].lower.as_str()) {
            return false;
        }
    }
    // A passive with no agent is no source: "is estimated to cost", "were reported killed";
    // "are predicting" is no passive.
    let progressive = key.ends_with("ing");
    let mut b = i;
    let mut skipped = 0;
    while b > 0 && skipped < 3 {
        b -= 1;
        let p = words[b].lower.as_str();
        if BE.contains(&p) && !progressive {
            let agent = words[i + 1..].iter().take(4).any(|x| x.lower == "by");
            if !agent {
                return false;
            }
            break;
        }
        if !(p.ends_with("ly")
            || matches!(
                p,
                "also" | "now" | "already" | "not" | "been" | "first" | "still" | "once" | "just"
            ))
        {
            break;
        }
        skipped += 1;
    }
    // A participle before "to have" or "to be" is a passive too, whose agent would come before
    // "to" ("reported by the ministry to have…"): "nearly 1,000 people reported to have been
    // killed", "said to be worth".
    let participle = key.ends_with("ed")
        || matches!(key, "said" | "told" | "thought" | "shown" | "known" | "put");
    let infinitive = participle
        && next.is_some_and(|n| n.lower == "to")
        && words
            .get(i + 2)
            .is_some_and(|x| matches!(x.lower.as_str(), "have" | "be"));
    if infinitive {
        return false;
    }
    if find {
        // A finding needs something that finds: "a survey found", "found that"; not
        // "estimates suggest 8,000".
        let object = next.is_some_and(|n| n.lower == "that");
        let subject = words[i.saturating_sub(6)..i]
            .iter()
            .any(|x| c.research.contains(x.lower.as_str()));
        return object || subject;
    }
    true
}

/// The cue with its subject ("the US Geological Survey said"): back to the last punctuation,
/// six words at most.
fn with_subject(text: &str, words: &[Word], i: usize) -> Range<usize> {
    let mut from = i;
    while from > 0
        && i - from < 6
        && text[words[from - 1].range.end..words[from].range.start]
            .chars()
            .all(char::is_whitespace)
    {
        from -= 1;
    }
    words[from].range.start..words[i].range.end
}

/// The content words that open a sentence (its subject, roughly): up to three words that are
/// not function words, among its first five; names only if `names`. A name is no sign of a
/// continued subject: a story about New Zealand names it in every sentence.
fn opening_words(words: &[Word], names: bool) -> impl Iterator<Item = &Word> {
    words
        .iter()
        .take(5)
        .enumerate()
        .filter(move |(i, w)| {
            let key = w.lower.as_str();
            // Cue words are no subject: "…, according to TK" continues nothing.
            let cue = CUES.say.contains(key) || CUES.find.contains(key) || key == "according";
            !w.number && !cue && !STOP_WORDS.contains(key) && (names || *i == 0 || !w.capitalised)
        })
        .map(|(_, w)| w)
        .take(3)
}

/// Whether `word` appears in `words`, allowing for a plural or possessive ending.
fn mentioned<'w>(word: &str, words: impl IntoIterator<Item = &'w Word>) -> bool {
    // `trim_end_matches("'s")`, without building a string searcher for every word.
    let trim = |mut s: &'_ str| -> usize {
        while let Some(rest) = s.strip_suffix("'s") {
            s = rest;
        }
        s.trim_end_matches('\'').len()
    };
    // Folded, so "Erdogan" is "Erdoğan".
    let stem = |s: &str| -> String {
        let s = crate::prose::fold(&s[..trim(s)]);
        s.chars()
            .take(5.max(s.chars().count().saturating_sub(1)))
            .collect()
    };
    let key = stem(word);
    if key.chars().count() < 3 {
        return false;
    }
    words.into_iter().any(|w| {
        let lower = w.lower.as_str();
        if lower.is_ascii() {
            // Lower-case ASCII folds to itself: its stem is a prefix of it, with no copy.
            let s = &lower[..trim(lower)];
            let n = 5.max(s.len().saturating_sub(1)).min(s.len());
            s[..n] == key
        } else {
            stem(lower) == key
        }
    })
}

/// Whether sentence `s` continues the subject of sentence `s - 1`.
fn continues(block: &Block, s: usize) -> bool {
    let words = block.sentence_words(s);
    let Some(first) = words.first() else {
        return false;
    };
    if CONTINUING.contains(&first.lower.as_str()) {
        return true;
    }
    // "The increase will add…": a noun that refers back to what was just reported; "The
    // remaining five percent…", "A further 20…": the rest of it.
    let second = words.get(1).map(|w| w.lower.as_str());
    if first.lower == "the"
        && second.is_some_and(|w| {
            REFERRING.contains(&w) || matches!(w, "remaining" | "rest" | "additional")
        })
        || (first.lower == "a" && second == Some("further"))
    {
        return true;
    }
    // "The major factor contributing to this figure was…": a pointer back to what was just
    // reported, among the first words.
    let pointer = words.windows(2).take(6).any(|p| {
        matches!(p[0].lower.as_str(), "this" | "that" | "these" | "those")
            && REFERRING.contains(&p[1].lower.as_str())
    });
    if pointer {
        return true;
    }
    let earlier = block.sentence_words(s - 1);
    // What happened to people is no subject: "…, officials said that 75 people had been killed.
    // Two Americans were killed by a roadside bomb…" is a new toll.
    opening_words(words, false)
        .filter(|w| !super::kind::is_affected(&w.lower))
        .any(|w| mentioned(&w.lower, earlier))
        || {
            let before: Vec<&Word> = measured_of(earlier).collect();
            !before.is_empty()
                && measured_of(words).any(|w| mentioned(&w.lower, before.iter().copied()))
        }
}

/// What the figures of a sentence measure: the noun of the "of" after each number ("42% of
/// all spam", "8% of the world's spam", "a fifth of its workforce"). A sentence that gives
/// more of the same measure goes on from the one before ("…over 42% of all spam. Trailing are
/// South Korea with 13% and China with 8% of the world's spam.").
fn measured_of(words: &[Word]) -> impl Iterator<Item = &Word> {
    words.iter().enumerate().filter_map(|(i, w)| {
        if !w.number || super::kind::is_year(w) {
            return None;
        }
        let of = (i + 1..(i + 3).min(words.len())).find(|&j| words[j].lower == "of")?;
        words[of + 1..(of + 5).min(words.len())].iter().find(|x| {
            !x.number
                && !x.capitalised
                // Apostrophes in `lower` are straight.
                && !x.lower.ends_with('\'')
                && !x.lower.ends_with("'s")
                && !STOP_WORDS.contains(x.lower.as_str())
        })
    })
}

/// Whether `block` opens by plainly going on from the paragraph before: a pronoun ("It also
/// destroyed…", "They…"), "a further", "the additional", "the figure", or "these"/"those" among
/// its first words ("About half of those cuts…"). Only then can the paragraph before attribute
/// its figures.
pub(super) fn opens_continuing(block: &Block) -> bool {
    let words = block.sentence_words(0);
    let w = |i: usize| words.get(i).map(|w| w.lower.as_str());
    let Some(first) = w(0) else {
        return false;
    };
    matches!(
        first,
        "it" | "its"
            | "they"
            | "their"
            | "he"
            | "she"
            | "his"
            | "her"
            | "this"
            | "these"
            | "those"
            | "also"
            | "another"
            | "such"
    ) || matches!(
        (first, w(1)),
        ("a", Some("further")) | ("the", Some("additional" | "remaining" | "rest"))
    ) || (first == "the" && w(1).is_some_and(|x| REFERRING.contains(&x)))
        || words
            .iter()
            .take(4)
            .any(|x| matches!(x.lower.as_str(), "these" | "those"))
}

/// What attributes the close of `block`: a real cue in its last sentence or in one that the
/// last sentence goes on from.
pub(super) fn attribution_at_end(block: &Block, cues: &BlockCues) -> Option<Attribution> {
    let s = block.sentences.len().checked_sub(1)?;
    let at = block.sentences[s].end;
    attribution(s, at, cues)
        .filter(|a| !a.placeholder)
        .map(|a| Attribution {
            place: "the paragraph before",
            ..a
        })
}

/// Whether sentence `s + 1` clearly attributes sentence `s`: it refers back to it ("That is
/// according to the curator", "The Polaroids were donated…, according to…"). A quotation that
/// opens the next sentence is its speaker's own statement ("\"These are anchor projects,\" said
/// Wagner."), and "According to a report, conditions are poor." attributes its own clause: the
/// source phrase refers back only when it is the whole sentence or the clause after it does.
fn refers_back(text: &str, block: &Block, s: usize) -> bool {
    let words = block.sentence_words(s + 1);
    let Some(first) = words.first() else {
        return false;
    };
    if first.in_quote {
        return false;
    }
    let pointing = |w: &str| {
        matches!(
            w,
            "that" | "this" | "these" | "those" | "it" | "they" | "such"
        )
    };
    if first.lower == "according" {
        let Some(sentence) = block.sentences.get(s + 1) else {
            return false;
        };
        let comma = text
            .get(first.range.end..sentence.end)
            .and_then(|rest| rest.find(','))
            .map(|i| first.range.end + i);
        return match comma {
            None => true,
            Some(at) => words
                .iter()
                .find(|w| w.range.start > at)
                .is_none_or(|w| pointing(&w.lower)),
        };
    }
    if pointing(&first.lower) {
        return true;
    }
    // A sentence with a figure of its own gives its own figure, not a source for this one.
    if words.iter().any(|w| w.number && !super::kind::is_year(w)) {
        return false;
    }
    let figure_sentence = block.sentence_words(s);
    opening_words(words, true).any(|w| mentioned(&w.lower, figure_sentence))
}

/// Whether a new clause with a subject of its own stands between a figure at `a` and a cue at
/// `b` of the same sentence: "…at a cost of $26 million, although a poll found…". A cue before
/// the figure that reports a clause ("said that, although…") covers all of it.
/// This is the definition, cue by cue; [`Breaks::first_covering`] finds the same cue by binary
/// search and is tested against it.
#[cfg(test)]
fn clause_break(text: &str, a: usize, b: usize) -> bool {
    let between = &text[a.min(b)..a.max(b)];
    if b < a && reports_clause(between) {
        return false;
    }
    CLAUSE_BREAKS.iter().any(|c| between.contains(c))
}

/// What attributes a figure at byte `at` in sentence `s` of a block, given the block's cues.
pub(super) fn attribution(s: usize, at: usize, cues: &BlockCues) -> Option<Attribution> {
    // Borrowed, not cloned: a sentence's cue lists all its cues.
    let real = |i: usize| {
        cues.get(i)
            .and_then(Option::as_ref)
            .filter(|c| !c.placeholder)
    };
    // Every sentence with a real cue has its breaks worked out.
    let own = real(s).and_then(|c| {
        let j = cues.breaks.get(s)?.as_ref()?.first_covering(at)?;
        c.all.get(j).map(|(range, _)| range.clone())
    });
    if let Some(cue) = own {
        return Some(Attribution {
            cue,
            place: "this sentence",
            placeholder: false,
        });
    }
    if let Some(c) = real(s + 1).filter(|_| cues.refers_back.get(s).copied().unwrap_or(false)) {
        return Some(Attribution {
            cue: c.range.clone(),
            place: "next sentence",
            placeholder: false,
        });
    }
    // The nearest earlier sentence with a source that the text goes on from (worked out for
    // the whole block at once).
    if let Some(u) = cues.nearest.get(s).copied().flatten() {
        if let Some(c) = real(u) {
            let place = if u + 1 == s {
                "previous sentence"
            } else {
                "earlier in the paragraph"
            };
            return Some(Attribution {
                cue: c.range.clone(),
                place,
                placeholder: false,
            });
        }
    }
    // Only the placeholder itself: a real cue that does not reach the figure (another clause)
    // is no attribution at all, not a placeholder one.
    cues.get(s)
        .and_then(Option::as_ref)
        .filter(|c| c.placeholder)
        .map(|c| Attribution {
            cue: c.range.clone(),
            place: "this sentence",
            placeholder: true,
        })
}

/// The speaker that covers a figure at `offset` inside a quotation: a cue anywhere in the
/// paragraph, or, for a quotation that runs on into another paragraph (left open at the end,
/// or opened at the start with no speaker here), the quotation itself.
pub(super) fn quote_speaker(
    text: &str,
    block: &Block,
    offset: usize,
    cues: &[Option<SentenceCue>],
) -> Option<Attribution> {
    let quote = block
        .quotes
        .iter()
        .find(|q| q.start <= offset && offset < q.end)?;
    if let Some(c) = cues.iter().flatten().find(|c| !c.placeholder) {
        return Some(Attribution {
            cue: c.range.clone(),
            place: "the speaker of this quotation",
            placeholder: false,
        });
    }
    // Introduced after a colon, a quotation is someone's words: "Mende made the statement on
    // Thursday: \"We confirm the death of 251…\"".
    let introduced = text[..quote.start]
        .trim_end_matches(['"', '“'])
        .trim_end()
        .ends_with(':');
    let closed = text[..quote.end].ends_with(['"', '”']) && quote.end > quote.start + 1;
    if introduced {
        return Some(Attribution {
            cue: quote.clone(),
            place: "a quotation introduced by the words before it",
            placeholder: false,
        });
    }
    if !closed {
        return Some(Attribution {
            cue: quote.clone(),
            place: "a quotation that runs over several paragraphs",
            placeholder: false,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::{Document, Format};
    use proptest::prelude::*;

    /// Sentence pieces that hold cues, clause breaks and figures, in any order.
    const PIECES: &[&str] = &[
        "he said",
        "officials said that,",
        "she said that",
        "according to the council",
        ", although",
        ", though",
        ", while",
        " although ",
        "; ",
        "it cost $5 million",
        "about 40 people",
        "and",
        "the figure was 12%",
        "which",
    ];

    #[test]
    fn mentioned_allows_plurals_possessives_and_marks() {
        let doc = Document::parse(
            "The storms hit Erdoğan's town and the council's staff.",
            Format::Text,
        );
        let words = &doc.blocks[0].words;
        for word in [
            "storm", "storms", "erdogan", "Erdoğan", "council", "staff", "town",
        ] {
            assert!(mentioned(word, words), "{word}");
        }
        for word in ["sto", "counter", "hi", "toward", "stiff"] {
            assert!(!mentioned(word, words), "{word}");
        }
    }

    proptest! {
        /// A word's stem read in place is the stem worked out by folding a copy.
        #[test]
        fn mentioned_in_place_is_the_folded_stem(a in "[a-z']{0,9}", b in "[a-zé']{0,9}") {
            let slow = |word: &str, other: &str| {
                let stem = |s: &str| -> String {
                    let s = crate::prose::fold(s.trim_end_matches("'s").trim_end_matches('\''));
                    s.chars().take(5.max(s.chars().count().saturating_sub(1))).collect()
                };
                let key = stem(word);
                key.chars().count() >= 3 && stem(other) == key
            };
            let word = Word {
                range: 0..0,
                lower: b.as_str().into(),
                capitalised: false,
                all_caps: false,
                number: false,
                sentence: 0,
                in_quote: false,
            };
            prop_assert_eq!(mentioned(&a, [&word]), slow(&a, &b));
        }

        /// The cue that covers each figure, found by binary search over the sentence's
        /// breaks, is the one `clause_break` finds cue by cue.
        #[test]
        fn first_covering_is_the_scan(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..40)) {
            let text = format!("{}.", pieces.join(" "));
            let doc = Document::parse(&text, Format::Text);
            for block in &doc.blocks {
                let list = sentence_cues(&doc.text, block, &[], "TK");
                let cues = BlockCues::new(&doc.text, block, list);
                for (s, cue) in cues.list.iter().enumerate() {
                    let (Some(cue), Some(breaks)) = (cue, cues.breaks[s].as_ref()) else {
                        continue;
                    };
                    for w in block.sentence_words(s).iter().filter(|w| w.number) {
                        let at = w.range.start;
                        let scan = cue
                            .all
                            .iter()
                            .position(|(_, word)| !clause_break(&doc.text, at, *word));
                        prop_assert_eq!(breaks.first_covering(at), scan, "{} at {}", text, at);
                    }
                }
            }
        }
    }
}
