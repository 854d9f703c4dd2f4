//! `placeholder`: copy still to come (TK) left in a draft.
//!
//! ## What it does
//! Reports the newsroom placeholder TK and its spellings (TKTK, TKTKTK, "TK TK", [TK], {TK})
//! written as a word, the placeholder configured for `unattributed-figure`'s fix, and any
//! extra strings listed in `[placeholder] words`.
//!
//! ## Why is this bad?
//! TK marks a fact, a figure or a source still to come. A draft with TK in it is not ready to
//! publish, so the rule is an error by default and `copydesk check` exits 1.
//!
//! ## Left alone
//! Words that merely contain the letters (TKO, Atkins, TK-421) and names that begin with or
//! contain them: a built-in list (`data/placeholder-names.txt`: TK Maxx, TK Elevator, …)
//! extended by `[placeholder] allow`.
//!
//! ## Fix
//! None: only the reporter knows what goes there. The hover says what the placeholder
//! stands for when the words around it tell (a figure, a source, a name).

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule};
use crate::data::{entries, tagged};
use crate::diagnostic::{Diagnostic, Severity};
use crate::prose::{Block, Word};

pub struct Placeholder;

/// Names in which the letters TK are not a placeholder.
static NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("data/placeholder-names.txt")).collect());

/// What a placeholder stands for, by the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stands {
    Source,
    Figure,
    Name,
}

impl Stands {
    fn describe(self) -> &'static str {
        match self {
            Stands::Source => "a source",
            Stands::Figure => "a figure",
            Stands::Name => "a name",
        }
    }
}

/// Context words by kind (`data/placeholder-context.txt`): kind → phrases, lower case.
static CONTEXT: LazyLock<HashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut map: HashMap<&str, Vec<Vec<&str>>> = HashMap::default();
    for (kind, words) in tagged(include_str!("data/placeholder-context.txt")) {
        map.entry(kind)
            .or_default()
            .push(words.split_whitespace().collect());
    }
    map
});

/// One placeholder found in the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    range: Range<usize>,
    /// Index of the first word of the placeholder in its block, when it is made of words.
    word: Option<usize>,
    /// Index of the last such word.
    last_word: Option<usize>,
}

impl Rule for Placeholder {
    fn id(&self) -> &'static str {
        "placeholder"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "copy still to come (TK) left in the draft"
    }

    fn check_block(&self, ctx: &Context, block: &Block, out: &mut Vec<Diagnostic>) {
        for found in find(ctx, block) {
            let shown = &ctx.doc.source[found.range.clone()];
            let message = match stands_for(ctx, block, &found) {
                Some(what) => format!(
                    "placeholder '{shown}' left in the copy: {} is still to come",
                    what.describe()
                ),
                None => format!("placeholder '{shown}' left in the copy"),
            };
            out.push(Diagnostic::new(
                self.id(),
                ctx.severity,
                found.range,
                message,
            ));
        }
    }

    fn hover(&self, ctx: &Context, offset: usize) -> Option<String> {
        let block = ctx.doc.block_at(offset)?;
        let found = find(ctx, block)
            .into_iter()
            .find(|f| f.range.start <= offset && offset < f.range.end)?;
        let shown = &ctx.doc.source[found.range.clone()];
        let what = match stands_for(ctx, block, &found) {
            Some(what) => format!("It stands for {}.", what.describe()),
            None => "The words around it do not tell what it stands for.".to_string(),
        };
        Some(format!(
            "**placeholder**: '{shown}' marks copy still to come. {what} A draft with a \
             placeholder is not ready to publish."
        ))
    }
}

/// Every placeholder in `block`, in order, not overlapping.
fn find(ctx: &Context, block: &Block) -> Vec<Found> {
    let text = &ctx.doc.text;
    let mut found = Vec::new();
    let mut i = 0;
    while i < block.words.len() {
        let w = &block.words[i];
        if !is_tk(w.text(text)) {
            i += 1;
            continue;
        }
        // "TK TK": one placeholder.
        let mut last = i;
        while let Some(next) = block.words.get(last + 1) {
            let gap = &text[block.words[last].range.end..next.range.start];
            if is_tk(next.text(text)) && !gap.is_empty() && gap.chars().all(|c| c == ' ') {
                last += 1;
            } else {
                break;
            }
        }
        let range = bracketed(text, w.range.start..block.words[last].range.end);
        if !inside_name(ctx, range.clone()) {
            found.push(Found {
                range,
                word: Some(i),
                last_word: Some(last),
            });
        }
        i = last + 1;
    }
    for extra in extra_words(ctx) {
        find_string(text, block.range.clone(), extra, &mut found);
    }
    found.sort_by_key(|f| (f.range.start, f.range.end));
    found.dedup_by(|b, a| b.range.start < a.range.end);
    found
}

/// TK, TKTK, TKTKTK…: the placeholder as a word, in capitals.
fn is_tk(word: &str) -> bool {
    !word.is_empty() && word.len() % 2 == 0 && word.as_bytes().chunks(2).all(|c| c == b"TK")
}

/// The range widened to the brackets around it: [TK], {TK}.
fn bracketed(text: &str, range: Range<usize>) -> Range<usize> {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    match (before, after) {
        (Some('['), Some(']')) | (Some('{'), Some('}')) => range.start - 1..range.end + 1,
        _ => range,
    }
}

/// Whether `range` lies inside a known name that contains the placeholder's letters.
fn inside_name(ctx: &Context, range: Range<usize>) -> bool {
    let source = ctx.doc.source;
    NAMES
        .iter()
        .copied()
        .chain(
            ctx.config
                .placeholder
                .allow
                .iter()
                .map(String::as_str)
                .filter(|n| !n.is_empty()),
        )
        .any(|name| {
            // Every place `name` could start so that it covers `range`.
            let lo = range.end.saturating_sub(name.len());
            (lo..=range.start).any(|start| {
                source.get(start..start + name.len()) == Some(name)
                    && boundary(source, start..start + name.len())
            })
        })
}

/// Placeholders other than TK: the configured fix placeholder and `[placeholder] words`.
fn extra_words<'c>(ctx: &'c Context) -> impl Iterator<Item = &'c str> {
    let fix = ctx.config.unattributed_figure.placeholder.trim();
    std::iter::once(fix)
        .chain(ctx.config.placeholder.words.iter().map(|w| w.trim()))
        .filter(|w| !w.is_empty() && !is_tk(w))
}

/// Occurrences of `needle` in `text[range]` that stand as words of their own.
fn find_string(text: &str, range: Range<usize>, needle: &str, out: &mut Vec<Found>) {
    let hay = &text[range.clone()];
    for (i, _) in hay.match_indices(needle) {
        let r = range.start + i..range.start + i + needle.len();
        if boundary(text, r.clone()) {
            out.push(Found {
                range: r,
                word: None,
                last_word: None,
            });
        }
    }
}

/// Whether `text[range]` is not glued to letters or digits on either side (where its own edge
/// is a letter or digit).
fn boundary(text: &str, range: Range<usize>) -> bool {
    let inner = &text[range.clone()];
    let glued = |edge: Option<char>, outside: Option<char>| matches!((edge, outside), (Some(e), Some(o)) if e.is_alphanumeric() && (o.is_alphanumeric() || o == '-' || o == '_'));
    !glued(
        inner.chars().next(),
        text[..range.start].chars().next_back(),
    ) && !glued(inner.chars().next_back(), text[range.end..].chars().next())
}

/// What the placeholder stands for, when the words around it say.
fn stands_for(ctx: &Context, block: &Block, found: &Found) -> Option<Stands> {
    let text = &ctx.doc.text;
    let (first, last) = match (found.word, found.last_word) {
        (Some(f), Some(l)) => (f, l),
        _ => {
            let f = block
                .words
                .partition_point(|w| w.range.end <= found.range.start);
            let l = block
                .words
                .partition_point(|w| w.range.start < found.range.end);
            if l <= f {
                // A placeholder made of no word characters ("???"): look at its neighbours.
                (f, f.saturating_sub(1))
            } else {
                (f, l - 1)
            }
        }
    };
    let sentence = block
        .words
        .get(first)
        .or_else(|| block.words.get(last))
        .map(|w| w.sentence);
    let same = |w: &&Word| Some(w.sentence) == sentence;
    let before: Vec<&Word> = block.words[..first.min(block.words.len())]
        .iter()
        .rev()
        .take_while(|w| same(w))
        .take(3)
        .collect();
    let after: Vec<&Word> = block
        .words
        .get(last + 1..)
        .unwrap_or(&[])
        .iter()
        .take_while(|w| same(w))
        .take(3)
        .collect();
    let prev_char = text[..found.range.start].trim_end().chars().next_back();
    let next_char = text[found.range.end..].trim_start().chars().next();
    if matches!(prev_char, Some('$' | '£' | '€' | '¥' | '₹')) || next_char == Some('%') {
        return Some(Stands::Figure);
    }
    let ends_with = |kind: &str| {
        CONTEXT.get(kind).is_some_and(|phrases| {
            phrases.iter().any(|p| {
                p.len() <= before.len()
                    && p.iter()
                        .rev()
                        .zip(before.iter())
                        .all(|(want, got)| got.lower.trim_end_matches('.') == *want)
            })
        })
    };
    let starts_with = |kind: &str| {
        CONTEXT.get(kind).is_some_and(|phrases| {
            phrases.iter().any(|p| {
                p.len() <= after.len() && p.iter().zip(after.iter()).all(|(w, g)| g.lower == *w)
            })
        })
    };
    // Punctuation right after the placeholder ends its phrase: "TK, said" is not "TK said".
    let touching_next = next_char.is_some_and(char::is_alphanumeric);
    if ends_with("name-before") {
        Some(Stands::Name)
    } else if ends_with("source-before") || (touching_next && starts_with("source-after")) {
        Some(Stands::Source)
    } else if ends_with("figure-before")
        || (touching_next && starts_with("figure-after"))
        || (touching_next && after.first().is_some_and(|w| plural_noun(w, text)))
    {
        Some(Stands::Figure)
    } else {
        None
    }
}

/// A lower-case word ending in s that is not a common function word: "miners", "homes".
fn plural_noun(word: &Word, text: &str) -> bool {
    const NOT: &[&str] = &[
        "is", "was", "has", "as", "this", "his", "its", "us", "does", "yes",
    ];
    let w = word.text(text);
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && w.chars().all(|c| c.is_lowercase())
        && !NOT.contains(&w)
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::prose::Format;
    use crate::rules::test_support::{check, check_as, flagged};
    use crate::Severity;

    #[test]
    fn tk_and_its_spellings() {
        assert_eq!(
            flagged(
                "placeholder",
                "The cooperative employs TK miners at the site."
            ),
            ["TK"]
        );
        assert_eq!(
            flagged(
                "placeholder",
                "Losses reached TKTK. The fund holds TKTKTK. It was TK TK in all."
            ),
            ["TKTK", "TKTKTK", "TK TK"]
        );
        assert_eq!(
            flagged("placeholder", "The mayor [TK] and the clerk {TK} agreed."),
            ["[TK]", "{TK}"]
        );
    }

    #[test]
    fn an_error_by_default() {
        let d = check("placeholder", "Officials said TK homes were lost.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].fixes.is_empty());
    }

    #[test]
    fn words_that_contain_the_letters_are_left_alone() {
        for text in [
            "He won by TKO in the third round.",
            "Atkins said the TKs were fine.",
            "The stormtrooper TK-421 left his post.",
            "tk is lower case and no placeholder.",
            "Lowercase tktk too.",
        ] {
            assert!(flagged("placeholder", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn names_with_the_letters_are_left_alone() {
        assert!(flagged(
            "placeholder",
            "TK Maxx opened a store. TK Elevator cut jobs. Shares of TK Holdings fell."
        )
        .is_empty());
        // The name list does not hide a real placeholder beside it.
        assert_eq!(
            flagged("placeholder", "TK Maxx will hire TK staff."),
            ["TK"]
        );
        let config = Config::from_toml("[placeholder]\nallow = [\"Team TK\"]\n", None).unwrap();
        let d = check_as(
            "placeholder",
            "Team TK won. The prize was TK.",
            Format::Text,
            &config,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].range.start, "Team TK won. The prize was ".len());
    }

    #[test]
    fn configured_words_and_the_fix_placeholder() {
        let config = Config::from_toml(
            "[placeholder]\nwords = [\"XX\", \"FIXME\", \"[tbc]\"]\n[unattributed-figure]\nplaceholder = \"NNN\"\n",
            None,
        )
        .unwrap();
        let text = "XX people died, FIXME. Damage was [tbc]. Sources: NNN. XXL and FIXMES stay.";
        let d = check_as("placeholder", text, Format::Text, &config);
        let got: Vec<&str> = d.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(got, ["XX", "FIXME", "[tbc]", "NNN"]);
        // TK is still a placeholder when another is configured.
        assert_eq!(
            check_as("placeholder", "It cost TK.", Format::Text, &config).len(),
            1
        );
    }

    #[test]
    fn what_it_stands_for() {
        let msg = |text: &str| check("placeholder", text)[0].message.clone();
        assert!(msg("The cooperative employs TK miners.").contains("a figure"));
        assert!(msg("Repairs will cost $TK million.").contains("a figure"));
        assert!(msg("Turnout was TK%.").contains("a figure"));
        assert!(msg("At least TK people died.").contains("a figure"));
        assert!(msg("Damage was put at $5 million, according to TK.").contains("a source"));
        assert!(msg("The figure was confirmed, TK said.").contains("a source"));
        assert!(msg("The council leader, Mr TK, declined.").contains("a name"));
        assert_eq!(
            msg("The vote is on TK."),
            "placeholder 'TK' left in the copy"
        );
    }

    #[test]
    fn masked_content_is_not_copy() {
        let text = "Code `TK` and\n\n```\nTK\n```\n\n<!-- TK -->\n\nBut TK here.\n";
        let d = check_as("placeholder", text, Format::Markdown, &Config::default());
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].range.clone()], "TK");
        assert_eq!(d[0].range.start, text.find("But TK").unwrap() + 4);
    }

    #[test]
    fn hover_says_what_is_missing() {
        let text = "The cooperative employs TK miners.";
        let doc = crate::Document::parse(text, Format::Text);
        let about = crate::hover(&doc, &Config::default(), text.find("TK").unwrap()).unwrap();
        assert!(about.contains("stands for a figure"), "{about}");
    }

    #[test]
    fn the_fix_of_unattributed_figure_leaves_an_error_behind() {
        // A draft "fixed" by inserting the placeholder still fails the check.
        let text = "The storm killed 14 people.";
        let diags = check("unattributed-figure", text);
        let fix = diags[0].preferred_fix().expect("a preferred fix");
        let fixed = fix.apply(text).unwrap();
        let d = check("placeholder", &fixed);
        assert_eq!(d.len(), 1, "{fixed}");
        assert!(d[0].message.contains("a source"), "{}", d[0].message);
    }
}
