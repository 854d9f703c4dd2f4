//! `repeated-word`: the same word twice in a row ("the the").
//!
//! ## What it does
//! Flags a word written twice in a row, compared case-insensitively, with only white space
//! (line breaks included) between the two. Never across punctuation, a block boundary or
//! markup that is not prose.
//!
//! ## Why is this bad?
//! Doubled words are the commonest slip of fast typing and the hardest to see on re-reading.
//!
//! Also flags a place written twice after a comma, where the pair before it is a "City,
//! State" or "City, Country" pattern ("Springfield, Illinois, Illinois").
//!
//! ## Left alone
//! "had had"; "that that" where it is grammatical ("He said that that was wrong" — but "said
//! that that the team" is flagged); reduplicated names and words (Duran Duran, Bora Bora,
//! "bye bye", "ha ha"); a capitalised pair that is not a function word (a name); an all-caps word beside
//! the ordinary one ("the first FIRST Global"); numbers. Inside a quotation the repeat is
//! usually deliberate speech, and so is a doubled intensifier ("very very", "many many") or a
//! word said three times running ("killing killing killing"): these are reported as hints.
//!
//! ## Fix
//! Delete the second word and the white space before it (preferred).

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use super::{Context, Rule, STOP_WORDS};
use crate::data::word_list;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{Block, Word};

pub struct RepeatedWord;

static REDUPLICATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/reduplications.txt")));

/// Intensifiers people double for emphasis ("very very", "many many years").
const INTENSIFIERS: &[&str] = &[
    "very", "really", "many", "much", "so", "too", "far", "more", "long", "way", "ever", "never",
    "little", "super", "truly", "quite", "real",
];

/// Prepositions after which "that that" is a pronoun then a relative ("like that that you do").
const PREPOSITIONS: &[&str] = &[
    "like", "about", "of", "with", "for", "on", "in", "at", "to", "from", "by", "after", "before",
    "than", "as", "into", "over", "under", "without",
];

/// Words that, after "that that", show the first "that" was left over: a new clause starts.
const CLAUSE_STARTS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
    "he", "she", "it", "they", "we", "i", "you", "there", "some", "many", "most", "all", "every",
    "each", "no", "one", "two", "any", "such",
];

impl Rule for RepeatedWord {
    fn id(&self) -> &'static str {
        "repeated-word"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "the same word twice in a row (\"the the\")"
    }

    fn check_block(&self, ctx: &Context, block: &Block, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        self.place_after_comma(ctx, block, out);
        for (i, pair) in block.words.windows(2).enumerate() {
            let (first, second) = (&pair[0], &pair[1]);
            if first.lower != second.lower
                || !text[first.range.end..second.range.start]
                    .chars()
                    .all(char::is_whitespace)
                || deliberate(text, block, i, first, second)
            {
                continue;
            }
            let severity = if second.in_quote || emphatic(block, i) {
                Severity::Hint
            } else {
                ctx.severity
            };
            out.push(self.repeat(ctx, first, second, severity, ""));
        }
    }
}

impl RepeatedWord {
    /// "Springfield, Illinois, Illinois": a place written twice after a "City, State" pair,
    /// each separated only by a comma. "New York, New York" is a city and its state, and stays
    /// clean: the words either side of its comma differ.
    fn place_after_comma(&self, ctx: &Context, block: &Block, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let comma = |a: &Word, b: &Word| {
            a.sentence == b.sentence && text[a.range.end..b.range.start].trim() == ","
        };
        let name = |w: &Word| w.capitalised && !w.all_caps && !w.number;
        for (i, w) in block.words.windows(3).enumerate() {
            let (city, place, again) = (&w[0], &w[1], &w[2]);
            // The place is one word, not the start of a longer name ("Illinois, Illinois
            // State University"), and the city is not the end of one.
            let next_joins = block.words.get(i + 3).is_some_and(|n| {
                n.capitalised
                    && text[again.range.end..n.range.start]
                        .chars()
                        .all(char::is_whitespace)
            });
            if !(name(city) && name(place) && name(again))
                || place.lower != again.lower
                || city.lower == place.lower
                || !comma(city, place)
                || !comma(place, again)
                || next_joins
            {
                continue;
            }
            let severity = if again.in_quote {
                Severity::Hint
            } else {
                ctx.severity
            };
            out.push(self.repeat(ctx, place, again, severity, " after a comma"));
        }
    }

    /// The finding on `second`, a repeat of `first`, with the fix that deletes it and what
    /// stands between the two.
    fn repeat(
        &self,
        ctx: &Context,
        first: &Word,
        second: &Word,
        severity: Severity,
        how: &str,
    ) -> Diagnostic {
        let shown = &ctx.doc.source[second.range.clone()];
        Diagnostic::new(
            self.id(),
            severity,
            second.range.clone(),
            format!("'{shown}' is repeated{how}"),
        )
        .with_related(first.range.clone(), "first written here")
        .with_fix(
            Fix::new(
                format!("Delete the second '{shown}'"),
                vec![Edit::delete(first.range.end..second.range.end)],
            )
            .preferred(),
        )
    }
}

/// Whether a doubled word is written on purpose.
fn deliberate(text: &str, block: &Block, i: usize, first: &Word, second: &Word) -> bool {
    if first.number || second.number || first.all_caps != second.all_caps {
        return true;
    }
    let word = first.lower.as_str();
    if word == "had" || REDUPLICATIONS.contains(format!("{word} {word}").as_str()) {
        return true;
    }
    if word == "that" {
        if i > 0 && PREPOSITIONS.contains(&block.words[i - 1].lower.as_str()) {
            return true;
        }
        let next = block.words.get(i + 2).filter(|n| {
            n.sentence == second.sentence
                && text[second.range.end..n.range.start]
                    .chars()
                    .all(char::is_whitespace)
        });
        return !next.is_some_and(|n| CLAUSE_STARTS.contains(&n.lower.as_str()));
    }
    // Two capitals make a name (Sirhan Sirhan), unless the word is a plain function word in a
    // title-case heading ("The The Budget").
    first.capitalised && second.capitalised && !STOP_WORDS.contains(word)
}

/// Whether the repeat at `words[i + 1]` reads as spoken emphasis: an intensifier ("very very")
/// or a word said three times running ("killing killing killing").
fn emphatic(block: &Block, i: usize) -> bool {
    let w = &block.words;
    let same = |j: usize| w.get(j).is_some_and(|x| x.lower == w[i].lower);
    INTENSIFIERS.contains(&w[i].lower.as_str()) || (i > 0 && same(i - 1)) || same(i + 2)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, check_as, fixed, flagged};
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::prose::Format;

    const RULE: &str = "repeated-word";

    #[test]
    fn a_place_repeated_after_a_comma() {
        assert_eq!(
            flagged(RULE, "The plant in Springfield, Illinois, Illinois closed."),
            ["Illinois"]
        );
        assert_eq!(
            flagged(RULE, "Crews reached Dayton, Ohio, Ohio on Monday."),
            ["Ohio"]
        );
        assert_eq!(
            flagged(RULE, "She flew from Lyon, France, France to Quebec."),
            ["France"]
        );
        let d = &check(RULE, "It was in Springfield, Illinois, Illinois.")[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            fixed(RULE, "It was in Springfield, Illinois, Illinois.", ""),
            "It was in Springfield, Illinois."
        );
    }

    #[test]
    fn a_city_named_like_its_state_is_not_a_repeat() {
        for text in [
            "She moved to New York, New York in May.",
            "He lives in Buffalo, New York, New York State's second city.",
            "Washington, Washington and Oregon voted.",
            "Springfield, Illinois, Illinois State University said.",
            "Teams from Paris, Lyon, Marseille and Nice met.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn flags_a_doubled_word() {
        assert_eq!(
            flagged(RULE, "Pushed the flames towards the the coast."),
            ["the"]
        );
    }

    #[test]
    fn compares_case_insensitively() {
        assert_eq!(flagged(RULE, "The the fire spread."), ["the"]);
    }

    #[test]
    fn flags_across_a_line_break() {
        assert_eq!(flagged(RULE, "towards the\nthe coast.\n\nNext."), ["the"]);
    }

    #[test]
    fn range_covers_the_second_and_related_the_first() {
        let text = "shelters on on Tuesday";
        let d = &check(RULE, text)[0];
        assert_eq!(d.range, 12..14);
        assert_eq!(d.related[0].range, 9..11);
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn fix_deletes_the_second_word_and_its_space() {
        assert_eq!(
            fixed(RULE, "opened 12 shelters on on Tuesday.", ""),
            "opened 12 shelters on Tuesday."
        );
        assert_eq!(
            fixed(RULE, "towards the\nthe coast.\n\nNext.", ""),
            "towards the coast.\n\nNext."
        );
    }

    #[test]
    fn leaves_punctuation_between_alone() {
        assert!(flagged(RULE, "Bye, bye now.").is_empty());
        assert!(flagged(RULE, "It ended. Ended for good.").is_empty());
    }

    #[test]
    fn leaves_block_boundaries_alone() {
        assert!(flagged(RULE, "Interview\n\nInterview with the mayor.").is_empty());
        let md = "# Interview\n\nInterview with the mayor.\n\n- the\n- the\n";
        assert!(check_as(RULE, md, Format::Markdown, &Config::default()).is_empty());
    }

    #[test]
    fn leaves_code_between_alone() {
        let md = "Run the `x` the command.\n\nThe `the` the end.\n";
        assert!(check_as(RULE, md, Format::Markdown, &Config::default()).is_empty());
    }

    #[test]
    fn emphasis_is_prose() {
        let md = "Towards the *the* coast.\n";
        assert_eq!(
            check_as(RULE, md, Format::Markdown, &Config::default()).len(),
            1
        );
    }

    #[test]
    fn had_had_is_grammatical() {
        assert!(flagged(RULE, "She had had enough.").is_empty());
    }

    #[test]
    fn that_that_depends_on_what_follows() {
        assert!(flagged(RULE, "He said that that was wrong.").is_empty());
        assert!(flagged(RULE, "We know that that was an electronic trade.").is_empty());
        assert_eq!(
            flagged(RULE, "Angers said that that the team formed."),
            ["that"]
        );
    }

    #[test]
    fn leaves_reduplications_alone() {
        for text in [
            "The band Duran Duran played.",
            "They flew to Bora Bora last week.",
            "They met in Baden-Baden.",
            "He said bye bye and left.",
            "Ha ha, he wrote.",
            "It was ha ha ha all night.",
            "Sirhan Sirhan was convicted.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn flags_title_case_function_words() {
        assert_eq!(flagged(RULE, "Budget Cuts For The The Council"), ["The"]);
    }

    #[test]
    fn leaves_an_acronym_beside_the_word_alone() {
        assert!(flagged(RULE, "It was the first FIRST Global competition.").is_empty());
    }

    #[test]
    fn leaves_numbers_alone() {
        assert!(flagged(RULE, "The score was 10 10 at half time.").is_empty());
    }

    #[test]
    fn quoted_repeats_are_hints() {
        let d = check(RULE, "\"It was very very cold,\" she said.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Hint);
        let d = check(RULE, "“It was very very cold,” she said.");
        assert_eq!(d[0].severity, Severity::Hint);
    }

    #[test]
    fn that_that_after_a_preposition_is_grammatical() {
        assert!(flagged(RULE, "bookkeeping and things like that that you have to do").is_empty());
    }

    #[test]
    fn spoken_emphasis_is_a_hint() {
        for text in [
            "It was a captive audience for many many years.",
            "What are they killing killing killing over?",
            "It has very very short sentences.",
        ] {
            let d = check(RULE, text);
            assert!(!d.is_empty(), "{text}");
            assert!(d.iter().all(|d| d.severity == Severity::Hint), "{text}");
        }
    }

    #[test]
    fn non_ascii_neighbours() {
        assert_eq!(flagged(RULE, "Café 😀 the the end."), ["the"]);
        assert_eq!(flagged(RULE, "東京 über über alles"), ["über"]);
    }
}
