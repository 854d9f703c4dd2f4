//! What a figure is: a claim someone established by counting, measuring, estimating or polling,
//! or a fact of record. Read from the figure's shape and the words of its sentence; the word
//! lists are `data/figure-kinds.txt`.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

use super::find::{Figure, Shape};
use crate::config::{FigureMode, FigureOptions};
use crate::prose::{Block, Word};

/// The kinds of figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    // Claims: flagged when nothing attributes them.
    Casualty,
    Damage,
    Money,
    Statistic,
    Estimate,
    Poll,
    Forecast,
    Crowd,
    Measurement,
    LargeCount,
    // Facts of record: not flagged by default.
    MarketData,
    Result,
    Spec,
    Dimension,
    OwnAction,
    /// An ownership stake: "a 60% stake", "owns a 25 percent share in Aer Lingus".
    Holding,
    /// The amount of a programme, loan or bill: "a $145 billion stimulus plan".
    Programme,
    /// A rule or threshold: "a film must open in at least 1,000 theatres".
    Requirement,
    Quote,
    /// The figure before it in another currency or unit: "$57 million (US$78 million)".
    Conversion,
    /// A part of the count before it: the "15 crew" of "283 passengers and 15 crew".
    Part,
    Other,
}

impl Kind {
    /// How the hover names the kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Casualty => "casualty count (people killed, hurt, missing, displaced…)",
            Kind::Damage => "damage",
            Kind::Money => "money (a cost, loss, fine or deal value)",
            Kind::Statistic => "statistic or rate",
            Kind::Estimate => "estimate",
            Kind::Poll => "poll result",
            Kind::Forecast => "forecast",
            Kind::Crowd => "crowd size",
            Kind::Measurement => "measurement",
            Kind::LargeCount => "large count",
            Kind::MarketData => "market data",
            Kind::Result => "result the story reports",
            Kind::Spec => "seller's price or product specification",
            Kind::Dimension => "physical dimension",
            Kind::OwnAction => "the subject's own action",
            Kind::Holding => "ownership stake",
            Kind::Programme => "amount of a programme, loan or bill the story reports",
            Kind::Requirement => "requirement or threshold (a rule, not a count)",
            Kind::Quote => "figure in a direct quotation",
            Kind::Conversion => "conversion of the figure before it",
            Kind::Part => "part of the count before it, which stands for both",
            Kind::Other => "figure of record",
        }
    }

    /// Whether the kind is a claim that needs a source.
    pub fn is_claim(self) -> bool {
        matches!(
            self,
            Kind::Casualty
                | Kind::Damage
                | Kind::Money
                | Kind::Statistic
                | Kind::Estimate
                | Kind::Poll
                | Kind::Forecast
                | Kind::Crowd
                | Kind::Measurement
                | Kind::LargeCount
        )
    }

    /// Whether figures of this kind are checked under `options`.
    pub fn checked(self, options: &FigureOptions) -> bool {
        let all = options.mode == FigureMode::All;
        let switch = |s: Option<bool>| s.unwrap_or(all);
        match self {
            Kind::MarketData => switch(options.market_data),
            Kind::Result => switch(options.results),
            Kind::Spec => switch(options.specs),
            Kind::Quote => switch(options.quotes),
            Kind::Dimension
            | Kind::OwnAction
            | Kind::Holding
            | Kind::Programme
            | Kind::Requirement
            | Kind::Other => all,
            Kind::Conversion | Kind::Part => false,
            _ => true,
        }
    }
}

/// One tag's phrases (one word or several), indexed by their first and their last word so
/// that a lookup at a word costs a hash probe, not a scan of the list.
#[derive(Default)]
struct Phrases {
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>>,
    by_last: HashMap<&'static str, Vec<Vec<&'static str>>>,
}

impl Phrases {
    /// Whether the one-word phrase `word` is in the list.
    fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
    }

    /// Whether one of the phrases starts at word `at`.
    fn starts_at(&self, words: &[Word], at: usize) -> bool {
        let Some(first) = words.get(at).map(|w| w.lower.as_str()) else {
            return false;
        };
        self.by_first.get(first).is_some_and(|ps| {
            ps.iter().any(|p| {
                at + p.len() <= words.len()
                    && p.iter()
                        .zip(&words[at..at + p.len()])
                        .all(|(a, w)| w.lower == *a)
            })
        })
    }
}

/// The tagged word lists.
static TAGS: LazyLock<HashMap<&'static str, Phrases>> = LazyLock::new(|| {
    let mut tags: HashMap<&'static str, Phrases> = HashMap::default();
    for (tag, phrase) in crate::data::tagged(include_str!("../data/figure-kinds.txt")) {
        let words: Vec<&'static str> = phrase.split_whitespace().collect();
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            continue;
        };
        let entry = tags.entry(tag).or_default();
        entry.by_first.entry(first).or_default().push(words.clone());
        entry.by_last.entry(last).or_default().push(words);
    }
    tags
});

static EMPTY: LazyLock<Phrases> = LazyLock::new(Phrases::default);

fn list(tag: &str) -> &'static Phrases {
    TAGS.get(tag).unwrap_or(&EMPTY)
}

/// Whether a lower-case word says what a count of people is of (`people` in the data file).
pub(super) fn is_people(word: &str) -> bool {
    list("people").has_word(word)
}

/// Whether a lower-case word is a small number written out (`number-word` in the data file).
pub(super) fn is_number_word(word: &str) -> bool {
    list("number-word").has_word(word)
}

/// Whether a lower-case word says what happened to people (`affected` in the data file).
pub(super) fn is_affected(word: &str) -> bool {
    list("affected").has_word(word)
}

/// Whether `w` names people by where they are from, in the plural: "Americans", "Iraqis",
/// "Chinese", "Britons".
pub(super) fn is_demonym(w: &Word) -> bool {
    let s = w.lower.as_str();
    w.capitalised
        && !w.all_caps
        && s.len() >= 5
        && (s.ends_with("ans")
            || s.ends_with("ese")
            || s.ends_with("is")
            || list("demonym").has_word(s))
}

/// Whether `w` is a people noun or a demonym.
pub(super) fn names_people(w: &Word) -> bool {
    is_people(&w.lower) || is_demonym(w)
}

/// Whether the sentence `words[from..to]` says what happened to people (an `affected` phrase:
/// "killed", "were injured", "detained").
pub(super) fn says_affected(words: &[Word], from: usize, to: usize) -> bool {
    any_in(words, from, to, "affected")
}

/// Whether a people noun follows word `last` in its sentence, after at most `modifiers` other
/// words that are not function words: "3 retired army generals", "25,000 workers". The scan
/// also stops at a word for which `stop` (given its index) is true.
pub(super) fn people_follow(
    words: &[Word],
    last: usize,
    modifiers: usize,
    stop: impl Fn(usize) -> bool,
) -> bool {
    let sentence = words[last].sentence;
    for (i, w) in words.iter().enumerate().skip(last + 1).take(modifiers + 1) {
        if w.sentence != sentence || stop(i) {
            return false;
        }
        if names_people(w) {
            return true;
        }
        if w.number || super::super::STOP_WORDS.contains(w.lower.as_str()) {
            return false;
        }
    }
    false
}

/// Whether a phrase of `tag` ends just before word `at` of `words` (pass the sentence's words,
/// so that no phrase reaches back into the sentence before).
fn ends_before(words: &[Word], at: usize, tag: &str) -> bool {
    let Some(last) = at.checked_sub(1).map(|i| words[i].lower.as_str()) else {
        return false;
    };
    list(tag).by_last.get(last).is_some_and(|ps| {
        ps.iter().any(|p| {
            p.len() <= at
                && p.iter()
                    .zip(&words[at - p.len()..at])
                    .all(|(a, w)| w.lower == *a)
        })
    })
}

/// Whether a phrase of `tag` starts at word `at`.
fn starts_at(words: &[Word], at: usize, tag: &str) -> bool {
    list(tag).starts_at(words, at)
}

/// Whether a phrase of `tag` starts at any word of `words[from..to]`.
fn any_in(words: &[Word], from: usize, to: usize, tag: &str) -> bool {
    let phrases = list(tag);
    (from..to.min(words.len())).any(|i| phrases.starts_at(words, i))
}

/// Whether a phrase of `tag` ends just before the figure, one word of slack allowed
/// ("ordered a further 30", "will cut some 450").
fn just_before(words: &[Word], first: usize, from: usize, tag: &str, slack: usize) -> bool {
    (0..=slack).any(|s| first >= from + s && ends_before(&words[from..], first - s - from, tag))
}

/// Whether the subject changes its own figures: "reducing its liabilities from $27.5
/// billion", "will cut its workforce by 10%" — an own-change verb, "its", at most three words
/// naming what, then "from", "to" or "by" just before the figure.
fn own_change(words: &[Word], first: usize, from: usize) -> bool {
    if first < from + 3 || !matches!(words[first - 1].lower.as_str(), "from" | "to" | "by") {
        return false;
    }
    let mut i = first - 1;
    for _ in 0..3 {
        if i <= from + 1 {
            return false;
        }
        i -= 1;
        let w = &words[i];
        if w.lower == "its" {
            return list("own-change").has_word(&words[i - 1].lower);
        }
        if w.number || super::super::STOP_WORDS.contains(w.lower.as_str()) {
            return false;
        }
    }
    false
}

/// Whether an action verb governs the figure: "ordered 30", "will cut a further 450" — not a
/// noun before "is" ("the cuts are 20 percent").
fn own_action(words: &[Word], first: usize, from: usize) -> bool {
    (0..=3).any(|s| {
        first >= from + s
            && ends_before(&words[from..], first - s - from, "action")
            && words[first - s..first].iter().all(|w| {
                matches!(
                    w.lower.as_str(),
                    "a" | "an"
                        | "another"
                        | "further"
                        | "additional"
                        | "record"
                        | "its"
                        | "their"
                        | "all"
                        | "some"
                        | "up"
                        | "to"
                        | "over"
                        | "about"
                        | "around"
                        | "nearly"
                        | "almost"
                        | "more"
                        | "than"
                        | "as"
                        | "much"
                        | "many"
                )
            })
    })
}

/// Whether money is a seller's price on terms: "with a" right after it, then the terms in a
/// few words ("It will cost $250 with a two-year cell service contract").
fn price_on_terms(text: &str, words: &[Word], last: usize, to: usize) -> bool {
    let with = last + 1;
    with + 2 < to
        && words[with].lower == "with"
        && matches!(words[with + 1].lower.as_str(), "a" | "an")
        && (with + 2..(with + 7).min(to)).any(|i| {
            list("price-with").has_word(&words[i].lower)
                && !text[words[last].range.end..words[i].range.start].contains([',', ';', '('])
        })
}

/// Whether words `from..to` hold a figure with a specification unit: "a 16 GB model", "2GB".
fn spec_figure(text: &str, words: &[Word], from: usize, to: usize) -> bool {
    let is_unit = |u: &str| list("spec-unit").has_word(u);
    (from..to).any(|i| {
        let w = &words[i];
        w.number
            && (is_unit(
                w.lower
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ','),
            ) || (i + 1 < to
                && is_unit(&words[i + 1].lower)
                && text[w.range.end..words[i + 1].range.start]
                    .trim()
                    .is_empty()))
    })
}

/// Whether an action verb earlier in the figure's clause governs it: "the Federal Reserve
/// arranged to increase swap lines with the ECB from $55 billion to $110 billion".
fn clause_action(text: &str, words: &[Word], first: usize, from: usize) -> bool {
    (from..first).rev().take(40).any(|i| {
        let between = &text[words[i].range.end..words[first].range.start];
        // A verb with its actor before it: "the Federal Reserve arranged", "it opened", "will
        // cut"; not a noun ("its launch", "the purchase of").
        let actor = i > from
            && (words[i - 1].capitalised && i - 1 > from
                || list("actor").has_word(&words[i - 1].lower)
                || matches!(
                    words[i - 1].lower.as_str(),
                    "it" | "they" | "we" | "will" | "has" | "have" | "had" | "would" | "also"
                ));
        // "an order worth $15bn", "the purchase of": a noun naming a deal, not a verb.
        let noun = words
            .get(i + 1)
            .is_some_and(|w| matches!(w.lower.as_str(), "worth" | "valued"));
        actor
            && !noun
            && starts_at(words, i, "action")
            && !between.contains(';')
            && ![
                " although ",
                " while ",
                " but ",
                " whereas ",
                " after ",
                " because ",
            ]
            .iter()
            .any(|c| between.contains(c))
    })
}

/// Whether the figure is the subject of a passive own action: "About 9,000 production jobs
/// will be cut", "400 jobs are to be axed".
fn passive_action(words: &[Word], last: usize, to: usize) -> bool {
    let after = |i: usize| words.get(i).filter(|_| i < to).map(|w| w.lower.as_str());
    // Up to two words of what is counted ("production jobs"), then "will be" or "are to be".
    (last + 1..=last + 3).any(|b| {
        let (Some(first), Some(second)) = (after(b), after(b + 1)) else {
            return false;
        };
        let verb_at = match (first, second) {
            ("will" | "would" | "could" | "shall", "be") => b + 2,
            ("are" | "is", "to") if after(b + 2) == Some("be") => b + 3,
            _ => return false,
        };
        verb_at < to && starts_at(words, verb_at, "passive-action")
    })
}

/// Whether a relative clause after the figure names its actor's own action: "1.13 trillion
/// rubles (US$44.6 billion) that it offered yesterday".
fn relative_action(words: &[Word], last: usize, to: usize) -> bool {
    (last + 1..(last + 6).min(to)).any(|i| {
        matches!(words[i].lower.as_str(), "that" | "which")
            && words
                .get(i + 1)
                .is_some_and(|w| matches!(w.lower.as_str(), "it" | "they" | "we" | "he" | "she"))
            && i + 2 < to
            && starts_at(words, i + 2, "action")
    })
}

/// Whether `w` is a year ("2008").
pub(super) fn is_year(w: &Word) -> bool {
    w.lower.len() == 4
        && w.lower
            .parse::<u32>()
            .is_ok_and(|y| (1000..=2100).contains(&y))
}

/// Whether a modal of the future governs the figure: before it in its clause, ten words at
/// most ("will have $55 billion in annual revenue and nearly 3,500 retail stores").
fn to_come(text: &str, words: &[Word], first: usize, from: usize) -> bool {
    let start = first.saturating_sub(10).max(from);
    (start..first).rev().any(|i| {
        let w = &words[i];
        !w.capitalised
            && matches!(w.lower.as_str(), "will" | "would" | "could" | "might")
            && !text[w.range.end..words[first].range.start].contains([',', ';', ':'])
            // "will beat last year's profit of $11 billion": the figure is past.
            && !words[i + 1..first].iter().any(|w| {
                matches!(w.lower.as_str(), "last" | "previous" | "earlier" | "ago" | "year's")
            })
    })
}

/// Whether what the figure counts is people, then what happened to them, with nothing but
/// more counts of people between: "The 155 passengers and seven crew died", "12 miners and
/// two rescuers are missing", "All 239 passengers and crew are believed to be dead".
fn people_then_affected(text: &str, words: &[Word], last: usize, to: usize) -> bool {
    let mut people = false;
    for i in last + 1..to.min(last + 9) {
        if people && starts_at(words, i, "affected") {
            // One clause: no comma, colon or bracket between.
            let between = &text[words[last].range.end..words[i].range.start];
            return !between.contains([',', ';', ':', '(']);
        }
        let w = words[i].lower.as_str();
        if starts_at(words, i, "people") {
            people = true;
        } else if !(words[i].number
            || is_number_word(w)
            || matches!(
                w,
                "and"
                    | "or"
                    | "were"
                    | "was"
                    | "are"
                    | "is"
                    | "had"
                    | "have"
                    | "been"
                    | "all"
                    // "are believed to be dead", "were feared killed", "are still missing".
                    | "believed"
                    | "thought"
                    | "feared"
                    | "presumed"
                    | "reported"
                    | "confirmed"
                    | "to"
                    | "be"
                    | "still"
                    | "now"
            ))
        {
            return false;
        }
    }
    false
}

/// Whether a speculation word ("thought", "expected") governs the figure: before it in the
/// same sentence with no comma between.
fn speculated(text: &str, words: &[Word], first: usize, from: usize) -> bool {
    (from..first).rev().take(12).any(|i| {
        starts_at(words, i, "speculation")
            && !text[words[i].range.end..words[first].range.start].contains(", ")
    })
}

/// What the sentences of one block hold, worked out when first asked: whether a sentence has
/// a phrase of a tag, or a figure with a specification unit.
#[derive(Default)]
pub(super) struct SentenceMemo {
    answers: RefCell<HashMap<(usize, &'static str), bool>>,
}

impl SentenceMemo {
    fn get(&self, sentence: usize, question: &'static str, answer: impl FnOnce() -> bool) -> bool {
        if let Some(&known) = self.answers.borrow().get(&(sentence, question)) {
            return known;
        }
        let value = answer();
        self.answers
            .borrow_mut()
            .insert((sentence, question), value);
        value
    }
}

/// Whether the figure at words `first..=last` counts the people a craft was carrying: "a plane
/// carrying 24 people", "a boat carrying 40 migrants" (not what it can carry: "capable of
/// carrying 300 passengers", "designed for carrying"; nor a clause after a comma: "it left
/// late, carrying 150 passengers").
fn people_carried(text: &str, words: &[Word], first: usize, last: usize, from: usize) -> bool {
    if first < from + 2 || words[first - 1].lower != "carrying" {
        return false;
    }
    let before = words[first - 2].lower.as_str();
    // Straight after the craft: "…departure, carrying 150 passengers" says how full it was.
    let joined = text[words[first - 2].range.end..words[first - 1].range.start]
        .bytes()
        .all(|b| b == b' ');
    joined
        && !super::super::STOP_WORDS.contains(before)
        && !matches!(
            before,
            "capable" | "able" | "designed" | "built" | "certified"
        )
        && people_follow(words, last, 2, |_| false)
}

/// Whether the figure at words `first..=last` is a count of people in words ("six journalists
/// from the network"), which in a sentence about what happened to people is a casualty count;
/// not the second part of one count ("three Americans and two Britons").
fn spelled_people(words: &[Word], first: usize, last: usize, from: usize) -> bool {
    let second_part =
        first >= from + 2 && words[first - 1].lower == "and" && names_people(&words[first - 2]);
    !words[first].number && !second_part && people_follow(words, last, 3, |_| false)
}

/// Whether money at words `first..=last` is a penalty or award in the passive with its agent
/// named after it: "was fined US$500,000 on Tuesday by the United States Department of
/// Transportation", "were ordered to pay $2 million by the court".
fn imposed_by(words: &[Word], first: usize, last: usize, from: usize, to: usize) -> bool {
    let passive = (first.saturating_sub(4).max(from)..first).any(|i| {
        list("imposed").has_word(&words[i].lower)
            && i > from
            && matches!(
                words[i - 1].lower.as_str(),
                "was" | "were" | "been" | "is" | "are" | "be"
            )
    });
    passive
        && (last + 1..to.min(last + 8)).any(|i| {
            words[i].lower == "by"
                && words.get(i + 1).is_some_and(|n| {
                    n.capitalised
                        || (n.lower == "the"
                            && words
                                .get(i + 2)
                                .is_some_and(|m| m.capitalised || m.lower == "court"))
                })
        })
}

/// Decides the kind of `figure` in `block` from its shape and its sentence. The first test
/// that fits decides, in this order: people affected; market data (a market subject and a move
/// in the sentence, or a bare price move); poll; result; a stated goal; damage; crowd;
/// dimension; speculation with no one behind it; price or specification; the subject's own
/// action; hedge; forecast; money; statistic; measurement; large count; anything else.
pub(super) fn kind(text: &str, block: &Block, figure: &Figure, memo: &SentenceMemo) -> Kind {
    let words = &block.words;
    let from = words.partition_point(|w| w.sentence < figure.sentence);
    let to = words.partition_point(|w| w.sentence <= figure.sentence);
    let (first, last) = (figure.first, figure.last);
    let near_after = |tag: &str, n: usize| any_in(words, last + 1, (last + 1 + n).min(to), tag);
    let near_before =
        |tag: &str, n: usize| any_in(words, first.saturating_sub(n).max(from), first, tag);
    // Whole-sentence questions are answered once per sentence, however many figures it holds.
    let in_sentence =
        |tag: &'static str| memo.get(figure.sentence, tag, || any_in(words, from, to, tag));
    let spec_figure = |text: &str, words: &[Word], from: usize, to: usize| {
        memo.get(figure.sentence, "\0spec-figure", || {
            spec_figure(text, words, from, to)
        })
    };
    let shape = &figure.shape;
    let unit = match shape {
        Shape::Unit(u) => Some(u.as_str()),
        _ => None,
    };
    // "2GB", or "500 songs"-like units after a bare number ("GB£20.1 billion" is no unit).
    let spec_unit = unit.is_some_and(|u| list("spec-unit").has_word(u))
        || (*shape == Shape::Bare
            && words.get(last + 1).is_some_and(|w| {
                w.sentence == figure.sentence && list("spec-unit").has_word(&w.lower)
            }));

    if near_after("affected", 4)
        || near_before("affected", 3)
        || people_then_affected(text, words, last, to)
        || super::find::toll_value(words, first)
        || people_carried(text, words, first, last, from)
        || (spelled_people(words, first, last, from) && in_sentence("affected"))
    {
        return Kind::Casualty;
    }
    let money = *shape == Shape::Money;
    let hedged = just_before(words, first, from, "hedge", 0);
    // Market quotes are exact: "losing around $9 billion" is an estimate (a hedged amount of
    // money), but a hedged price on a path is still a quote ("shares plummeted from about $42
    // to four cents").
    let on_path = first >= from + 2 && matches!(words[first - 2].lower.as_str(), "from" | "to");
    // A price to the cent is a quote, not an estimate: "just over US$89.00" (not "$7.25
    // billion").
    let to_the_cent = text[figure.range.clone()]
        .split_once('.')
        .is_some_and(|(_, cents)| {
            cents.len() >= 2
                && cents.bytes().take(2).all(|b| b.is_ascii_digit())
                && !cents.chars().any(char::is_alphabetic)
        });
    if in_sentence("market-subject")
        && in_sentence("market-move")
        && (!money || !hedged || on_path || to_the_cent)
    {
        return Kind::MarketData;
    }
    // A move with no measured quantity named is a price move: "Barclays dropped 13.1%".
    let points = words
        .get(last + 1)
        .is_some_and(|w| w.sentence == figure.sentence && w.lower.starts_with("point"));
    // "Up to 90% of pubs": a hedge, not a move up.
    let up_to =
        first >= from + 2 && words[first - 1].lower == "to" && words[first - 2].lower == "up";
    let moved = (!up_to && just_before(words, first, from, "move", 1))
        || words
            .get(last + 1)
            .is_some_and(|w| w.sentence == figure.sentence && starts_at(words, last + 1, "move"));
    if (*shape == Shape::Percent || points) && moved && !in_sentence("measure-noun") {
        return Kind::MarketData;
    }
    let proportion = matches!(shape, Shape::Percent | Shape::Magnitude);
    if proportion && in_sentence("poll") {
        return Kind::Poll;
    }
    // "The overall annual revenue of the company made up $7.1 billion". Results still to come
    // are a forecast: "the new company will have $55 billion in annual revenue".
    let result_reach = if money { 6 } else { 4 };
    let result = near_after("result", 4) || near_before("result", result_reach);
    // A company's results for a period: "lost $1.5 billion in the fourth quarter".
    let period_result = !matches!(shape, Shape::Bare)
        && in_sentence("period")
        && in_sentence("company-result")
        && !in_sentence("macro");
    if result || period_result {
        return if to_come(text, words, first, from) {
            Kind::Forecast
        } else {
            Kind::Result
        };
    }
    // A sports record: "Finland last with 4 losses".
    if *shape == Shape::Bare
        && words.get(last + 1).is_some_and(|w| {
            w.sentence == figure.sentence && starts_at(words, last + 1, "record-count")
        })
    {
        return Kind::Result;
    }
    // Stakes are percentages: "a 60% stake", "owned 55 percent by the union", "begin with a 20
    // percent share" (not "a 20 percent share of the market").
    let share_held = words.get(last + 1).is_some_and(|w| {
        w.sentence == figure.sentence && matches!(w.lower.as_str(), "share" | "shares")
    }) && !words
        .get(last + 2)
        .is_some_and(|w| w.sentence == figure.sentence && w.lower == "of");
    if *shape == Shape::Percent
        && (share_held || near_after("holding", 4) || near_before("holding", 3))
    {
        return Kind::Holding;
    }
    // "a $145 billion stimulus plan", "$13.4 billion in federal loans", "$2.3 billion of aid".
    let linked = words
        .get(last + 1)
        .is_some_and(|w| w.sentence == figure.sentence && matches!(w.lower.as_str(), "in" | "of"));
    // "The bill also includes US$100 billion for…": what a bill or budget, the sentence's
    // subject, provides (not "Earmarks added into the bill included $192 million…").
    let provided = first >= from + 2
        && list("provides").has_word(&words[first - 1].lower)
        && words[from..(from + 2).min(first - 1)]
            .iter()
            .any(|w| list("bill").has_word(&w.lower));
    if money
        && (provided
            || any_in(words, last + 1, (last + 3).min(to), "programme")
            || linked && any_in(words, last + 2, (last + 5).min(to), "programme"))
    {
        return Kind::Programme;
    }
    // "was fined US$500,000 on Tuesday by the Department of Transportation": the penalty is
    // the named agent's own action, on record.
    if money && imposed_by(words, first, last, from, to) {
        return Kind::OwnAction;
    }
    if near_before("requirement", 8) || near_before("limit", 2) {
        return Kind::Requirement;
    }
    if in_sentence("target") {
        return Kind::OwnAction;
    }
    if near_before("damage", 3) || near_after("damage", 4) {
        return Kind::Damage;
    }
    if near_before("capacity", 3) {
        return Kind::Spec;
    }
    if near_after("crowd", 3) || near_before("crowd", 3) {
        return Kind::Crowd;
    }
    if near_before("measured", 3) || near_after("measured", 2) {
        // "after the 9.0 magnitude earthquake", "the devastating magnitude 9.0 earthquake":
        // a quake the story names as known, not a new measurement.
        let definite = (first.saturating_sub(3).max(from)..first)
            .any(|i| matches!(words[i].lower.as_str(), "the" | "that" | "last" | "month's"));
        let event = (last + 1..(last + 4).min(to))
            .any(|i| matches!(words[i].lower.as_str(), "earthquake" | "quake" | "tremor"));
        if definite && event {
            return Kind::Other;
        }
        return Kind::Measurement;
    }
    // "120 km/h", "60 miles per hour" are speeds, not sizes.
    let speed = words.get(last + 1).is_some_and(|w| {
        w.sentence == figure.sentence && matches!(w.lower.as_str(), "h" | "hr" | "per" | "an")
    });
    let dimension_unit = !speed && unit.is_some_and(|u| list("dimension-unit").has_word(u));
    // "The river rose 3 metres overnight": a change someone measured, not a size.
    if dimension_unit && just_before(words, first, from, "move", 0) {
        return Kind::Measurement;
    }
    if dimension_unit || near_after("dimension-word", 3) {
        return Kind::Dimension;
    }
    if speculated(text, words, first, from) {
        return Kind::Estimate;
    }
    // "$1.99 per episode" is a unit price; "$100 million per day" a rate.
    let per_time = words.get(last + 1).is_some_and(|w| w.lower == "per")
        && words.get(last + 2).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "day" | "diem" | "week" | "month" | "year" | "annum" | "hour" | "quarter"
            )
        });
    let unit_price = !per_time
        && words.get(last + 1).is_some_and(|w| {
            w.sentence == figure.sentence && starts_at(words, last + 1, "price-after")
        });
    if spec_unit
        || (money && just_before(words, first, from, "price", 1))
        || (money && (in_sentence("price-word") || unit_price))
        || (money && price_on_terms(text, words, last, to))
        || (money
            && (spec_figure(text, words, from, to) || in_sentence("spec-word"))
            && near_before("product-price", 3))
        || (*shape == Shape::Percent && spec_figure(text, words, from, to))
    {
        return Kind::Spec;
    }
    let countable = !matches!(shape, Shape::Money | Shape::Percent);
    // What a count of people do after it makes no specification ("1000 Romanians holding
    // banners"); what carries them may ("flying up to 840 people"), and passengers and crew
    // may be one ("with 301 passengers").
    let people_counted = words.get(last + 1).is_some_and(|w| {
        w.sentence == figure.sentence && names_people(w) && !list("spec-word").has_word(&w.lower)
    });
    if countable && (near_before("spec-word", 3) || (!people_counted && near_after("spec-word", 2)))
    {
        return Kind::Spec;
    }
    // "an order from Qatar Airways for up to 60 of its new A350 jets".
    let ordered = matches!(shape, Shape::Bare | Shape::Magnitude)
        && in_sentence("order")
        && near_after("ordered-item", 6);
    // A subject that is itself a count is no actor whose action is on record: "12,000 donors
    // have donated over $1.2 million".
    let counted_subject = from < first && words[from].number && !is_year(&words[from]);
    if ordered
        || (!counted_subject
            && (own_action(words, first, from)
                || own_change(words, first, from)
                || clause_action(text, words, first, from)
                || passive_action(words, last, to)
                || relative_action(words, last, to)))
    {
        return Kind::OwnAction;
    }
    if hedged {
        return Kind::Estimate;
    }
    let measured = matches!(shape, Shape::Money | Shape::Percent | Shape::Magnitude);
    if measured && in_sentence("forecast") {
        return Kind::Forecast;
    }
    if money {
        return Kind::Money;
    }
    if *shape == Shape::Percent
        || near_after("statistic", 4)
        || near_before("statistic", 3)
        || near_after("tally", 2)
    {
        return Kind::Statistic;
    }
    if unit.is_some() {
        return Kind::Measurement; // "winds of 70 mph", "1.5C warmer"
    }
    if *shape == Shape::Magnitude {
        return Kind::LargeCount;
    }
    Kind::Other
}

/// Whether `words` (a headline's) announce a report of results: "Ford's US auto sales spike",
/// "GM posts first annual loss since 1992"; not "Dow falls amid retail sales news".
pub(super) fn results_headline(words: &[Word]) -> bool {
    any_in(words, 0, words.len(), "results-headline") && !any_in(words, 0, words.len(), "macro")
}

/// Whether `figure`, of kind `kind`, is one of a company's results in a story that reports
/// them: a statistic, an amount or a count in a sentence about sales, profit or losses, and
/// not about the economy or a whole industry or market ("Sales to retail consumers increased
/// only 28%", not "Industry-wide US car sales dropped 18%").
pub(super) fn company_result(
    block: &Block,
    figure: &Figure,
    kind: Kind,
    memo: &SentenceMemo,
) -> bool {
    let words = &block.words;
    let from = words.partition_point(|w| w.sentence < figure.sentence);
    let to = words.partition_point(|w| w.sentence <= figure.sentence);
    let in_sentence =
        |tag: &'static str| memo.get(figure.sentence, tag, || any_in(words, from, to, tag));
    matches!(kind, Kind::Statistic | Kind::Money | Kind::LargeCount)
        && in_sentence("company-result")
        && !in_sentence("macro")
        && !in_sentence("whole-market")
}
