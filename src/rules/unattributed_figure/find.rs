//! Finding figures: quantities in digits or spelled out, and what is not one.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::super::{Context, CALENDAR, STOP_WORDS};
use crate::prose::{Block, BlockKind, Format, Word};

#[derive(Default)]
pub(super) struct Lists {
    magnitude: HashSet<&'static str>,
    percent: HashSet<&'static str>,
    currency_before: HashSet<&'static str>,
    currency_after: HashSet<&'static str>,
    unit: HashSet<&'static str>,
    spelled: HashSet<&'static str>,
    count: HashSet<&'static str>,
    vague: HashSet<&'static str>,
    label: HashSet<&'static str>,
    street: HashSet<&'static str>,
    time: HashSet<&'static str>,
    duration: HashSet<&'static str>,
    score: HashSet<&'static str>,
    fraction: HashSet<&'static str>,
}

pub(super) static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut l = Lists::default();
    for (kind, word) in crate::data::tagged(include_str!("../data/figures.txt")) {
        let set = match kind {
            "magnitude" => &mut l.magnitude,
            "percent" => &mut l.percent,
            "currency-before" => &mut l.currency_before,
            "currency-after" => &mut l.currency_after,
            "unit" => &mut l.unit,
            "spelled" => &mut l.spelled,
            "count" => &mut l.count,
            "vague" => &mut l.vague,
            "label" => &mut l.label,
            "street" => &mut l.street,
            "time" => &mut l.time,
            "duration" => &mut l.duration,
            "score" => &mut l.score,
            "fraction" => &mut l.fraction,
            _ => continue,
        };
        set.insert(word);
    }
    l
});

pub(super) const CURRENCY_SYMBOLS: &[char] = &['$', '£', '€', '¥', '₹', '₩', '₽', '₺', '₪'];

/// A figure: its range, its sentence (within its block) and its first and last words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Figure {
    pub range: Range<usize>,
    pub sentence: usize,
    pub first: usize,
    pub last: usize,
    /// How it is written: with a currency, a percentage, a unit, a magnitude, or bare.
    pub shape: Shape,
}

/// How a figure is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Shape {
    /// A currency before or after it: "$5", "5,000 rubles".
    Money,
    /// "40%", "40 percent", "40 per cent".
    Percent,
    /// A unit of measure, glued or spaced, lower case: "10 km", "2GB".
    Unit(String),
    /// A magnitude and no currency: "1.5 million", "two billion".
    Magnitude,
    /// A number alone.
    Bare,
}

impl Shape {
    /// Whether two figures are written alike: both money, both percentages, both with a unit
    /// (of any kind: "3 lbs (1.36 kg)").
    pub fn same_kind(&self, other: &Shape) -> bool {
        match (self, other) {
            (Shape::Unit(_), Shape::Unit(_)) => true,
            (a, b) => a == b,
        }
    }
}

/// Whether a block is a headline: a heading, or in plain text one short line with no closing
/// punctuation.
pub(super) fn is_headline(ctx: &Context, block: &Block) -> bool {
    block.kind == BlockKind::Heading
        || (ctx.doc.format == Format::Text && headline(&ctx.doc.text, block))
}

/// Whether a plain-text block is a headline: one line of at most 25 words with no closing
/// punctuation. Titles run long ("China's consumer prices rise to a three-year high in June as
/// food prices soar 14.4 percent"); whether a block is one must not depend on where it stands,
/// since each block's findings are kept between checks.
fn headline(text: &str, block: &Block) -> bool {
    let s = text[block.range.clone()].trim();
    !s.contains(['\n', '\r'])
        && block.words.len() <= 25
        && !s.ends_with(['.', '!', '?', ':', '"', '”', ';', ','])
}

/// A count of people written in words after a hedge ("about a dozen officers", "nearly
/// twenty people", "some two dozen protesters"): the index of its last number word. Written
/// counts are otherwise not figures (a story's "three generals" is plain prose); a hedge
/// says someone estimated them.
fn hedged_spelled_count(words: &[Word], k: usize) -> Option<usize> {
    let l = &*LISTS;
    let w = &words[k];
    let same = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    let hedged = k.checked_sub(1).and_then(same).is_some_and(|p| {
        matches!(
            p.lower.as_str(),
            "about" | "around" | "roughly" | "approximately" | "nearly" | "almost" | "some"
        )
    });
    if !hedged {
        return None;
    }
    let dozen = |i: usize| same(i).is_some_and(|x| x.lower == "dozen");
    let last = if w.lower == "a" {
        dozen(k + 1).then_some(k + 1)?
    } else if l.spelled.contains(w.lower.as_str()) && !matches!(w.lower.as_str(), "half" | "one") {
        if dozen(k + 1) {
            k + 1
        } else {
            k
        }
    } else {
        return None;
    };
    same(last + 1)
        .is_some_and(|n| super::kind::is_people(&n.lower))
        .then_some(last)
}

/// A count of people written in words in a sentence about what happened to people ("killed
/// three people", "two children died", "including three retired army generals"): the index of
/// its number word. The people noun follows it, after at most three modifiers. A definite
/// group ("the three men", "all seven astronauts", "its two pilots") is one the story has
/// already counted, or common knowledge, and is not a figure. A count out of a group ("six of
/// the repair crew") runs to the group's noun: the index of its last word is returned.
fn spelled_people_count(text: &str, words: &[Word], k: usize) -> Option<usize> {
    let w = &words[k];
    if !LISTS.count.contains(w.lower.as_str()) {
        return None;
    }
    let same = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    if toll_value(words, k) {
        return Some(k);
    }
    let definite = k.checked_sub(1).and_then(same).is_some_and(|p| {
        matches!(
            p.lower.as_str(),
            "the"
                | "these"
                | "those"
                | "all"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "your"
                | "both"
                | "other"
                | "another"
                | "first"
                | "last"
                | "every"
                | "each"
        ) || p.lower.ends_with("'s")
            || p.lower.ends_with('\u{2019}')
            || p.lower.ends_with("\u{2019}s")
    });
    // "another ten injured" is a count of its own, beside what happened to them.
    let another = k
        .checked_sub(1)
        .and_then(same)
        .is_some_and(|p| p.lower == "another");
    if definite && !(another && toll_beside(text, words, k)) {
        return None;
    }
    // One noun phrase: only spaces between its words, and no second number ("twenty five").
    let split = |i: usize| {
        !text[words[i - 1].range.end..words[i].range.start]
            .bytes()
            .all(|b| b == b' ')
            || LISTS.count.contains(words[i].lower.as_str())
    };
    // "six of the repair crew": a count out of a group named after it; the figure runs to the
    // group's noun, so that what happened to them is read after it.
    let of_group = (same(k + 1).is_some_and(|x| x.lower == "of")
        && same(k + 2).is_some_and(|x| matches!(x.lower.as_str(), "the" | "their" | "its"))
        && super::kind::people_follow(words, k + 2, 3, split))
    .then(|| (k + 3..k + 7).find(|&i| same(i).is_some_and(super::kind::names_people)))
    .flatten();
    let last = match of_group {
        Some(noun) => noun,
        None if super::kind::people_follow(words, k, 3, split) || toll_beside(text, words, k) => k,
        None => return None,
    };
    let from = words.partition_point(|x| x.sentence < w.sentence);
    let to = words.partition_point(|x| x.sentence <= w.sentence);
    super::kind::says_affected(words, from, to).then_some(last)
}

/// Whether number word `k` is the value of a toll named before it in its sentence: "the death
/// toll has risen from four to eleven", "toll reaches nearly 60,000", "a toll of twelve",
/// "confirmed deaths have reached twelve" (not a toll road or a toll charge).
pub(super) fn toll_value(words: &[Word], k: usize) -> bool {
    let w = &words[k];
    let same = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    let mut p = k.checked_sub(1);
    if p.and_then(same).is_some_and(|x| {
        matches!(
            x.lower.as_str(),
            "nearly" | "about" | "around" | "almost" | "over" | "roughly" | "approximately"
        )
    }) {
        p = p.and_then(|p| p.checked_sub(1));
    }
    let linked = p.and_then(same).is_some_and(|x| {
        matches!(
            x.lower.as_str(),
            "to" | "from"
                | "at"
                | "of"
                | "reaches"
                | "reached"
                | "nears"
                | "neared"
                | "hits"
                | "hit"
                | "tops"
                | "topped"
                | "passes"
                | "passed"
                | "exceeds"
                | "exceeded"
                | "is"
                | "was"
                | "stands"
                | "stood"
        )
    });
    let toll = |i: usize| {
        same(i).is_some_and(|x| {
            matches!(
                x.lower.as_str(),
                "toll" | "deaths" | "fatalities" | "casualties"
            )
        }) && !same(i + 1).is_some_and(|n| {
            matches!(
                n.lower.trim_end_matches('s'),
                "road"
                    | "bridge"
                    | "booth"
                    | "plaza"
                    | "tunnel"
                    | "lane"
                    | "charge"
                    | "fee"
                    | "free"
                    | "collector"
                    | "gate"
                    | "rate"
            )
        })
    };
    linked && (k.saturating_sub(20)..k).any(toll)
}

/// Whether what happened to the people counted by word `k` stands right beside it, with no
/// noun between: "At least seven were killed", "Two killed", "killing three;", "injuring four
/// in the crash". After the verb, the count must end its clause (punctuation, the sentence's
/// end or a preposition follows), so that "killing two birds" is no count of people.
fn toll_beside(text: &str, words: &[Word], k: usize) -> bool {
    let w = &words[k];
    let joined = |a: usize, b: usize| {
        text[words[a].range.end..words[b].range.start]
            .bytes()
            .all(|c| c == b' ')
    };
    let same = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    let affected = |i: usize| same(i).is_some_and(|x| super::kind::is_affected(&x.lower));
    // "seven were killed", "Two killed", "three have been injured" (not "three more bodies
    // were found": more of a count the story already gave).
    let mut i = k + 1;
    while same(i).is_some_and(|x| {
        matches!(
            x.lower.as_str(),
            "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "being" | "left"
        )
    }) && i < k + 3
    {
        i += 1;
    }
    if affected(i) && (k + 1..=i).all(|j| joined(j - 1, j)) {
        return true;
    }
    // "killing three;", "injuring four in the crash".
    let Some(before) = k.checked_sub(1) else {
        return false;
    };
    let ends_clause = match same(k + 1) {
        None => true,
        Some(n) => {
            !joined(k, k + 1)
                || matches!(
                    n.lower.as_str(),
                    "in" | "on" | "at" | "and" | "during" | "when" | "while" | "including"
                )
        }
    };
    affected(before) && joined(before, k) && ends_clause
}

/// Whether word `w` is a number in digits or a small number written out.
fn is_small_number(w: &Word) -> bool {
    (w.number && w.lower.len() <= 3 && w.lower.bytes().all(|b| b.is_ascii_digit()))
        || (w.lower != "a" && w.lower != "half" && LISTS.spelled.contains(w.lower.as_str()))
}

/// A share given as a ratio ("one in five adults", "3 in 10 voters", "one out of every four
/// homes"): the index of its last word. Not the end of a score ("lost 2–7 in seven ends").
fn ratio(text: &str, words: &[Word], k: usize) -> Option<usize> {
    let w = &words[k];
    let same = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    let glued = text[..w.range.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '—' | ':' | '/' | '.'));
    if !is_small_number(w) || glued {
        return None;
    }
    let mut i = k + 1;
    match same(i)?.lower.as_str() {
        "in" => {}
        "out" if same(i + 1)?.lower == "of" => i += 1,
        _ => return None,
    }
    i += 1;
    if same(i)?.lower == "every" {
        i += 1;
    }
    same(i).is_some_and(is_small_number).then_some(i)
}

/// A share given as a fraction of a group or as the size of a change ("half of all
/// households", "two-thirds of voters", "a quarter of students", "fell by a third"): where it
/// starts and the index of its fraction word. Not a part of a period or a measure ("the first
/// half of 2009", "a quarter of an hour", "half of the year"), an ordinal ("the third of five
/// children"), nor a share of someone just named ("half of them").
fn fraction_share(words: &[Word], k: usize) -> Option<(usize, usize)> {
    let l = &*LISTS;
    let w = &words[k];
    if !l.fraction.contains(w.lower.as_str()) {
        return None;
    }
    let same = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    let counted = k
        .checked_sub(1)
        .and_then(same)
        .is_some_and(|p| p.lower == "a" || p.lower == "one" || is_small_number(p));
    let start = if counted { k - 1 } else { k };
    let before = start
        .checked_sub(1)
        .and_then(same)
        .map(|p| p.lower.as_str());
    if matches!(
        before,
        Some(
            "the"
                | "first"
                | "second"
                | "last"
                | "final"
                | "latter"
                | "former"
                | "next"
                | "this"
                | "that"
                | "each"
                | "every"
        )
    ) || w.lower == "half" && counted
    {
        return None;
    }
    let whole = w.lower.contains('-') || counted || w.lower == "half";
    if before == Some("by") && whole {
        return Some((start, k));
    }
    if same(k + 1)?.lower != "of" {
        return None;
    }
    let mut of = k + 2;
    if same(of).is_some_and(|x| matches!(x.lower.as_str(), "all" | "the")) {
        of += 1;
    }
    let group = same(of)?;
    // "a fifth of 11-15 year olds": people of an age, not a number of years.
    let of_age = (of + 1..of + 5).any(|i| same(i).is_some_and(|x| x.lower.ends_with("olds")));
    let period = group.number && !of_age
        || l.duration.contains(group.lower.as_str())
        || l.time.contains(group.lower.as_str())
        || matches!(
            group.lower.as_str(),
            "a" | "an" | "them" | "it" | "us" | "you" | "him" | "her" | "season" | "term" | "way"
        );
    (whole && !period).then_some((start, k))
}

/// Where a spelled figure starts: at the first number of a spelled range ("between three and
/// seven percent", "two to three million", "two or three million"), else at word `k`.
fn spelled_range_start(words: &[Word], k: usize) -> usize {
    let l = &*LISTS;
    let same = |i: usize| words.get(i).filter(|x| x.sentence == words[k].sentence);
    let is_number = |x: &Word| l.spelled.contains(x.lower.as_str());
    let joined = k >= 2
        && same(k - 1).zip(same(k - 2)).is_some_and(|(joiner, other)| {
            is_number(other)
                && match joiner.lower.as_str() {
                    "to" | "or" => true,
                    "and" => k >= 3 && same(k - 3).is_some_and(|b| b.lower == "between"),
                    _ => false,
                }
        });
    if joined {
        words[k - 2].range.start
    } else {
        words[k].range.start
    }
}

/// The figures in a block.
pub(super) fn figures(ctx: &Context, block: &Block) -> Vec<Figure> {
    if is_headline(ctx, block) {
        return Vec::new();
    }
    figures_in(ctx, block)
}

/// The figures in a block, headline or not.
pub(super) fn figures_in(ctx: &Context, block: &Block) -> Vec<Figure> {
    let text = &ctx.doc.text;
    let vague = ctx.config.unattributed_figure.vague_quantities;
    let l = &*LISTS;
    let words = &block.words;
    let mut found: Vec<Figure> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = &words[k];
        let next = words.get(k + 1).filter(|n| n.sentence == w.sentence);
        let figure = if let Some(last) = ratio(text, words, k) {
            // "one in five adults", "3 in 10 voters": a share.
            Some((w.range.start..words[last].range.end, last, Shape::Percent))
        } else if w.number {
            number_figure(text, words, k)
        } else if l.spelled.contains(w.lower.as_str())
            // "one in a million" is an idiom, not a figure.
            && !(w.lower == "a"
                && k >= 2
                && words[k - 1].lower == "in"
                && words[k - 2].lower == "one"
                && words[k - 2].sentence == w.sentence)
            && next.is_some_and(|n| {
                l.magnitude.contains(n.lower.as_str()) || is_percent_word(words, k + 1)
            })
        {
            let n = next.map_or(k, |_| k + 1);
            let percent = extend_percent(words, n);
            let end = percent.unwrap_or(words[n].range.end);
            let shape = if percent.is_some() || is_percent_word(words, n) {
                Shape::Percent
            } else {
                Shape::Magnitude
            };
            let last = word_ending_at(words, end).unwrap_or(n);
            Some((spelled_range_start(words, k)..end, last, shape))
        } else if let Some(last) = hedged_spelled_count(words, k) {
            // "about a dozen officers", "nearly twenty people": an estimate of people.
            Some((w.range.start..words[last].range.end, last, Shape::Bare))
        } else if let Some(last) = spelled_people_count(text, words, k) {
            // "killed three people", "including two retired generals", "six of the crew": a
            // count of people.
            Some((w.range.start..words[last].range.end, last, Shape::Bare))
        } else if let Some((start, last)) = fraction_share(words, k) {
            // "half of all households", "a quarter of students", "fell by a third".
            Some((words[start].range.start..w.range.end, last, Shape::Percent))
        } else if l.fraction.contains(w.lower.as_str())
            && k > 0
            && words[k - 1].sentence == w.sentence
            && matches!(
                words[k - 1].lower.as_str(),
                "about" | "nearly" | "almost" | "than" | "over" | "around" | "roughly"
            )
            && !next.is_some_and(|n| matches!(n.lower.as_str(), "a" | "an" | "the"))
        {
            // "about half", "more than a third": a hedged share.
            Some((w.range.clone(), k, Shape::Percent))
        } else if vague && l.vague.contains(w.lower.as_str()) {
            Some((w.range.clone(), k, Shape::Magnitude))
        } else {
            None
        };
        match figure {
            Some((range, last, shape)) => {
                // The first word is the number, or a currency word before it ("Rs 500").
                // Words are in order and do not overlap: walk back from the number, so that
                // a long paragraph is not scanned from its start for every figure.
                let mut first = k;
                while first > 0 && words[first - 1].range.end > range.start {
                    first -= 1;
                }
                found.push(Figure {
                    range,
                    sentence: w.sentence,
                    first,
                    last,
                    shape,
                });
                k = last + 1;
            }
            None => k += 1,
        }
    }
    found
}

/// The index of the word that ends at byte `end`, found by binary search (words are in order
/// and do not overlap).
fn word_ending_at(words: &[Word], end: usize) -> Option<usize> {
    let i = words.partition_point(|w| w.range.end < end);
    words.get(i).filter(|w| w.range.end == end).map(|_| i)
}

fn is_percent_word(words: &[Word], i: usize) -> bool {
    words.get(i).is_some_and(|w| {
        LISTS.percent.contains(w.lower.as_str())
            || (w.lower == "per" && words.get(i + 1).is_some_and(|c| c.lower == "cent"))
    })
}

/// The end of a percentage word after `words[i]` ("40 percent", "40 per cent").
fn extend_percent(words: &[Word], i: usize) -> Option<usize> {
    let next = words.get(i + 1)?;
    if LISTS.percent.contains(next.lower.as_str()) {
        let after = words
            .get(i + 2)
            .filter(|p| p.lower == "points" || p.lower == "point");
        return Some(after.map_or(next.range.end, |p| p.range.end));
    }
    if next.lower == "per" {
        return words
            .get(i + 2)
            .filter(|c| c.lower == "cent")
            .map(|c| c.range.end);
    }
    None
}

/// Splits a number token into its numeric part and what is glued after it.
fn split_number(token: &str) -> (&str, &str) {
    let n = token
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(token.len(), |(i, _)| i);
    (&token[..n], &token[n..])
}

fn is_plain_gap(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
}

/// The figure that starts at number word `words[k]`, with the index of its last word and its
/// shape, or `None` when the number is not a figure.
fn number_figure(text: &str, words: &[Word], k: usize) -> Option<(Range<usize>, usize, Shape)> {
    let l = &*LISTS;
    let w = &words[k];
    let same_sentence = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    // A decimal comma ("8,26%") splits the number into two words: read them as one.
    let decimal_comma = same_sentence(k + 1).is_some_and(|n| {
        n.number
            && &text[w.range.end..n.range.start] == ","
            && split_number(w.text(text)).1.is_empty()
            && !text[n.range.end..].starts_with(',')
            && !text[..w.range.start].ends_with(',')
    });
    // Thousands set off by spaces ("15 000", "1 200 000"): groups of three digits after one to
    // three, ending the run of numbers (not "555 123 4567", a phone number).
    let group = |i: usize| {
        same_sentence(i).filter(|g| {
            matches!(
                &text[words[i - 1].range.end..g.range.start],
                " " | "\u{a0}" | "\u{202f}"
            ) && g.range.len() == 3
                && text[g.range.clone()].bytes().all(|b| b.is_ascii_digit())
        })
    };
    let lead = &text[w.range.clone()];
    let mut spaced = k;
    if !decimal_comma
        && (1..=3).contains(&lead.len())
        && lead.bytes().all(|b| b.is_ascii_digit())
        && !lead.starts_with('0')
        && !k
            .checked_sub(1)
            .and_then(same_sentence)
            .is_some_and(|p| p.number && is_plain_gap(&text[p.range.end..w.range.start]))
    {
        while group(spaced + 1).is_some() {
            spaced += 1;
        }
        let run_goes_on = same_sentence(spaced + 1).is_some_and(|n| {
            n.number && is_plain_gap(&text[words[spaced].range.end..n.range.start])
        });
        if run_goes_on {
            spaced = k;
        }
    }
    let joined: String;
    let wk = if decimal_comma { k + 1 } else { spaced };
    let w_end = words[wk].range.end;
    let mut token = &text[w.range.start..w_end];
    if spaced > k {
        joined = token.replace([' ', '\u{a0}', '\u{202f}'], "");
        token = &joined;
    }
    let (digits, glued) = split_number(token);
    let glued_lower = glued.to_lowercase();
    let prev = k.checked_sub(1).and_then(same_sentence);
    let next = same_sentence(wk + 1);
    let gap_before = prev.map_or("", |p| &text[p.range.end..w.range.start]);
    let gap_after = next.map_or("", |n| &text[w_end..n.range.start]);
    let char_before = text[..w.range.start].chars().next_back();
    let char_after = text[w_end..].chars().next();
    let second_after = text[w_end..].chars().nth(1);

    // What is glued to the number.
    let mut measured = false;
    let mut shape = Shape::Bare;
    let mut last = wk;
    let mut end = w_end;
    // "10-12": a range glued into one token takes what follows it ("10-12 million").
    let mut glued_range = false;
    if !glued.is_empty() {
        if glued_lower.strip_prefix(['-', '‐', '‑']) == Some("fold") {
            // "an 18-fold increase": a ratio.
            return Some((w.range.start..w_end, wk, Shape::Percent));
        }
        if let Some(rest) = glued.strip_prefix(['-', '‐', '‑']) {
            // "a 10-percent unemployment rate": a percentage, hyphenated as an adjective.
            if l.percent.contains(rest.to_lowercase().as_str()) {
                return Some((w.range.start..w_end, wk, Shape::Percent));
            }
            // "12-to-15 billion rupees": a range written with hyphens.
            let rest = rest
                .strip_prefix("to")
                .and_then(|r| r.strip_prefix(['-', '‐', '‑']))
                .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                .unwrap_or(rest);
            let range_of_numbers = !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            if !range_of_numbers || (digits.len() == 4 && !digits.contains(',')) {
                return None; // "a 10-year plan", "COVID-19"-like labels, "2023-24"
            }
            if next.is_some_and(|n| l.duration.contains(n.lower.as_str())) {
                return None; // "10-12 days"
            }
            glued_range = true;
        } else if l.magnitude.contains(glued_lower.as_str()) {
            measured = true;
            shape = Shape::Magnitude;
        } else if l.unit.contains(glued_lower.as_str()) {
            measured = true;
            shape = Shape::Unit(glued_lower.clone());
        } else {
            return None; // "1st", "1990s", "10pm", "4G"
        }
    }

    // A list marker ("1) sacrifice breadth") or a year written with a leading zero ("in 08").
    if (char_after == Some(')') && (char_before != Some('(') || digits.len() <= 2))
        || (digits.starts_with('0') && digits.len() > 1 && !digits.starts_with("0."))
        || matches!(char_before, Some('\'' | '’'))
    {
        return None; // also "(1)", and a year such as "'82"
    }
    // An age: "at the age of 40".
    if k >= 2 && words[k - 1].lower == "of" && l.label.contains(words[k - 2].lower.as_str()) {
        return None;
    }

    // Dates, clock times, fractions, phone numbers and labels around the number.
    if matches!(char_before, Some('/' | ':' | '+' | '#' | '.'))
        || (matches!(char_after, Some('/' | ':'))
            && second_after.is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let mut possessive_name = false;
    if let Some(p) = prev {
        let p_key = p.lower.trim_end_matches('.');
        let label_gap = is_plain_gap(gap_before) || gap_before.trim() == ".";
        if label_gap && (l.label.contains(p_key) || CALENDAR.contains(p_key)) {
            return None;
        }
        let sentence_initial = k < 2 || words[k - 2].sentence != w.sentence;
        let possessive = p.lower.ends_with("'s") || p.lower.ends_with('\'');
        // A capital anywhere marks a name: "Boeing", "iOS".
        let named = p.text(text).chars().any(char::is_uppercase);
        possessive_name = named && possessive && is_plain_gap(gap_before);
        if named
            && !l.currency_before.contains(p_key)
            && !sentence_initial
            && !possessive
            && !STOP_WORDS.contains(p.lower.as_str())
            && is_plain_gap(gap_before)
            && !char_before.is_some_and(|c| CURRENCY_SYMBOLS.contains(&c))
        {
            return None; // "Boeing 737", "Vision 2030", "Section 230"
        }
        // An age after a name: "Mehmet Yilmaz, 62," or "(62)".
        let after_name = p.capitalised && (gap_before.trim() == "," || gap_before.trim() == "(");
        if after_name && matches!(char_after, Some(',' | ')') | None) && glued.is_empty() {
            return None;
        }
    }
    // The second number of a range or score: the first decides for both.
    let before_dash = text[..w.range.start].trim_end_matches(' ');
    if let Some(rest) = before_dash.strip_suffix(['–', '—', '-']) {
        if rest
            .trim_end_matches(' ')
            .ends_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
    }
    // A score: a pair of numbers after a word such as "won" or "ended" ("won 3-1").
    let scored = words[k.saturating_sub(3)..k]
        .iter()
        .any(|x| x.sentence == w.sentence && l.score.contains(x.lower.as_str()));
    let dashed_pair = glued.starts_with(['-', '‐', '‑'])
        || text[w_end..]
            .trim_start_matches(' ')
            .starts_with(['–', '—', '-']);
    if scored && dashed_pair {
        return None;
    }
    // Numbers in a row are a phone number or a code: "+44 20 7946 0958".
    if prev.is_some_and(|p| p.number && is_plain_gap(gap_before))
        || next.is_some_and(|n| n.number && is_plain_gap(gap_after))
    {
        return None;
    }
    if let Some(n) = next {
        if CALENDAR.contains(n.lower.trim_end_matches('.')) && is_plain_gap(gap_after) {
            return None; // "3 March"
        }
        if matches!(n.text(text), "BC" | "BCE" | "AD" | "CE" | "B.C" | "A.D")
            && is_plain_gap(gap_after)
        {
            return None; // "about 300 BC": a year
        }
        if l.time.contains(n.lower.as_str()) {
            return None; // "2 p.m.", "10 GMT"
        }
        if l.duration.contains(n.lower.as_str()) && is_plain_gap(gap_after) && glued.is_empty() {
            // "Life expectancy … has risen from 71 years": a measured statistic, not a span.
            let expectancy = words[k.saturating_sub(10)..k]
                .iter()
                .any(|x| x.sentence == w.sentence && x.lower == "expectancy");
            if !expectancy {
                return None; // "for 15 years"
            }
            return Some((
                w.range.start..n.range.end,
                wk + 1,
                Shape::Unit(n.lower.to_string()),
            ));
        }
        // "10 Downing Street": capitalised words, then a street word.
        if n.capitalised && is_plain_gap(gap_after) {
            let street = words[wk + 1..]
                .iter()
                .take(4)
                .take_while(|x| x.capitalised && x.sentence == w.sentence)
                .any(|x| l.street.contains(x.lower.trim_end_matches('.')));
            if street {
                return None;
            }
        }
    }

    // Currency before the number.
    let mut start = w.range.start;
    let before = &text[..start];
    let before_trim = before.trim_end_matches(' ');
    let currency_symbol =
        before_trim.ends_with(CURRENCY_SYMBOLS) && before.len() - before_trim.len() <= 1;
    if currency_symbol {
        start = before_trim.len() - before_trim.chars().next_back().map_or(0, char::len_utf8);
        // Letters glued before the symbol: "US$", "NT$", "A$".
        let letters = text[..start]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        if letters <= 3 {
            start -= letters;
        }
        measured = true;
        shape = Shape::Money;
    } else if let Some(p) = prev.filter(|p| {
        l.currency_before.contains(p.lower.trim_end_matches('.')) && is_plain_gap(gap_before)
    }) {
        start = p.range.start;
        measured = true;
        shape = Shape::Money;
    }

    // What follows: a percent sign, a magnitude, a percentage, a unit or a currency.
    if char_after == Some('%') {
        end += 1;
        measured = true;
        shape = Shape::Percent;
    } else if let Some(n) =
        next.filter(|_| is_plain_gap(gap_after) && (glued.is_empty() || glued_range))
    {
        let key = n.lower.as_str();
        if l.magnitude.contains(key) && key.len() > 1 || (key == "m" && currency_symbol) {
            end = n.range.end;
            last = wk + 1;
            measured = true;
            if shape != Shape::Money {
                shape = Shape::Magnitude;
            }
            if let Some(c) =
                same_sentence(wk + 2).filter(|c| l.currency_after.contains(c.lower.as_str()))
            {
                end = c.range.end;
                last = wk + 2;
                shape = Shape::Money;
            }
        } else if let Some(e) = extend_percent(words, wk) {
            end = e;
            last = word_ending_at(words, e).unwrap_or(wk + 1);
            measured = true;
            shape = Shape::Percent;
        } else if l.currency_after.contains(key) {
            end = n.range.end;
            last = wk + 1;
            measured = true;
            shape = Shape::Money;
        } else if l.unit.contains(key) {
            end = n.range.end;
            last = wk + 1;
            measured = true;
            shape = Shape::Unit(key.to_string());
        }
    }

    // A bare number after a possessive name is part of a name ("Boeing's 747", "Standard &
    // Poor's 500"); a bare two-digit number after "in" or "since", or in a list of them, is a
    // year ("Reagan in 80 and 84").
    if !measured && possessive_name {
        return None;
    }
    let two_digit_year = !measured
        && glued.is_empty()
        && digits.len() == 2
        && digits.chars().all(|c| c.is_ascii_digit())
        && prev.is_some_and(|p| {
            matches!(p.lower.as_str(), "in" | "since" | "until")
                || (matches!(p.lower.as_str(), "and" | "or")
                    && k >= 2
                    && words[k - 2].number
                    && words[k - 2].range.len() == 2)
        })
        && next
            .is_none_or(|n| matches!(n.lower.as_str(), "and" | "or") || !is_plain_gap(gap_after));
    if two_digit_year {
        return None;
    }

    // A year on its own is a date, not a quantity; not a count of people ("1000 Romanians",
    // "1500 workers") nor one after a comparison only a count takes ("more than 1000"; "until
    // at least 2014" is a year).
    let counted = next.is_some_and(|n| is_plain_gap(gap_after) && super::kind::names_people(n))
        || (k >= 2
            && matches!(
                (words[k - 2].lower.as_str(), words[k - 1].lower.as_str()),
                ("more" | "fewer" | "less", "than")
            ));
    if !measured && spaced == k && !counted && digits.len() == 4 && !digits.contains(['.', ',']) {
        if let Ok(y) = digits.parse::<u32>() {
            if (1000..=2100).contains(&y) {
                return None;
            }
        }
    }

    // A list of three or more bare numbers that share what follows ("daily totals of 37, 16,
    // 13, and 3 complaints"): one figure, read with the word after its last number.
    if shape == Shape::Bare && glued.is_empty() && spaced == k && !decimal_comma {
        let plain = |x: &Word| {
            x.number
                && text[x.range.clone()]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        };
        let mut j = wk;
        let mut items = 1;
        while let Some(n) = same_sentence(j + 1) {
            let gap = &text[words[j].range.end..n.range.start];
            if plain(n) && gap == ", " {
                j += 1;
                items += 1;
            } else if matches!(n.lower.as_str(), "and" | "or")
                && matches!(gap, " " | ", ")
                && same_sentence(j + 2)
                    .is_some_and(|m| plain(m) && &text[n.range.end..m.range.start] == " ")
            {
                j += 2;
                items += 1;
                break;
            } else {
                break;
            }
        }
        if items >= 3 && !same_sentence(j + 1).is_some_and(|n| n.number) {
            return Some((start..words[j].range.end, j, Shape::Bare));
        }
    }
    // Ranges: "between 10,000 and 12,000", "15 or 20", "20 to 25 percent", "10–12".
    let between = prev.is_some_and(|p| p.lower == "between");
    if let (Some(joiner), Some(other)) = (same_sentence(last + 1), same_sentence(last + 2)) {
        let joined = (between && joiner.lower == "and")
            || (joiner.lower == "or" && last == wk)
            || (joiner.lower == "to" && (last == wk || shape == Shape::Money));
        if joined && other.number {
            if let Some((r, l2, s2)) = number_figure(text, words, last + 2) {
                // "20 to 25 percent", "1,500 to 2,000", "US$300 to 350 million" are one
                // figure; "rose 42 points to 3,212" never gets here.
                let to_joins = match (&shape, &s2) {
                    (Shape::Bare, _) => true,
                    (Shape::Money, Shape::Magnitude | Shape::Bare) => last == wk,
                    _ => false,
                };
                if joiner.lower != "to" || to_joins {
                    let shape = if shape == Shape::Bare { s2 } else { shape };
                    return Some((start..r.end, l2, shape));
                }
            }
        }
    }
    let after_end = &text[end..];
    let dash = after_end.trim_start_matches(' ');
    if let Some(rest) = dash.strip_prefix(['–', '—']) {
        let rest = rest.trim_start_matches(' ');
        let second = same_sentence(last + 1).filter(|n| {
            n.number && text[n.range.start..].starts_with(rest.get(..1).unwrap_or("#"))
        });
        if let Some(n) = second {
            if same_sentence(last + 2).is_some_and(|d| l.duration.contains(d.lower.as_str())) {
                return None; // "10–12 days"
            }
            let percent = text[n.range.end..].starts_with('%');
            if percent {
                shape = Shape::Percent;
                return Some((start..n.range.end + 1, last + 1, shape));
            }
            // "20–25 percent", "10–12 million": the word after the second number.
            let after =
                same_sentence(last + 2).filter(|a| is_plain_gap(&text[n.range.end..a.range.start]));
            if let Some(e) = extend_percent(words, last + 1) {
                let l2 = word_ending_at(words, e).unwrap_or(last + 2);
                return Some((start..e, l2, Shape::Percent));
            }
            if let Some(a) = after.filter(|a| l.magnitude.contains(a.lower.as_str())) {
                if shape != Shape::Money {
                    shape = Shape::Magnitude;
                }
                return Some((start..a.range.end, last + 2, shape));
            }
            return Some((start..n.range.end, last + 1, shape));
        }
    }
    Some((start..end, last, shape))
}
