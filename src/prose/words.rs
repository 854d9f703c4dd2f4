//! Words: tokens with byte spans, case-folded forms and flags.

use std::ops::Range;

use compact_str::CompactString;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One word of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// Lower-cased, with typographic apostrophes made straight. Held inline: most words are
    /// short, and a heap string per word was a good part of the cost of reading a draft.
    pub lower: CompactString,
    /// The first letter is upper case.
    pub capitalised: bool,
    /// At least two letters, all upper case.
    pub all_caps: bool,
    /// Starts with a digit.
    pub number: bool,
    /// Index of the word's sentence within its block.
    pub sentence: usize,
    /// The word starts inside a quotation.
    pub in_quote: bool,
}

impl Word {
    /// The word as written in `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range.clone()]
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Splits `text[range]` into words.
///
/// A word is a run of letters, digits and combining marks, joined across an apostrophe
/// between letters (Korea’s, O'Brien), a hyphen between letters or digits (Jong-un, COVID-19),
/// a full stop between letters or digits (U.S, 2.2, ID.3) and a comma inside a number (12,000).
/// Initials keep their final full stop (U.S., J.D., p.m.).
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text[range.clone()]
        .char_indices()
        .map(|(i, c)| (range.start + i, c))
        .collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        loop {
            while j < chars.len() && is_word_char(chars[j].1) {
                j += 1;
            }
            if j + 1 < chars.len() && joins(&chars, j) {
                j += 1;
                continue;
            }
            break;
        }
        let begin = chars[start].0;
        let mut end = chars.get(j).map_or(range.end, |&(o, _)| o);
        if j < chars.len() && chars[j].1 == '.' && is_initials(&text[begin..end]) {
            end += 1;
        }
        words.push(make_word(&text[begin..end], begin..end));
        i = j;
    }
    words
}

/// Whether the joiner at `chars[j]` continues the word.
fn joins(chars: &[(usize, char)], j: usize) -> bool {
    let (prev, c, next) = (chars[j - 1].1, chars[j].1, chars[j + 1].1);
    if !is_word_char(next) {
        return false;
    }
    if is_apostrophe(c) {
        return prev.is_alphabetic() && next.is_alphabetic();
    }
    if is_hyphen(c) || c == '.' {
        return true;
    }
    if c == ',' {
        // A thousands separator: a digit before, exactly three digits after.
        let digits = chars[j + 1..]
            .iter()
            .take_while(|(_, d)| d.is_ascii_digit())
            .count();
        let after = chars.get(j + 1 + digits).map(|&(_, d)| d);
        // "12,000", "50,000th"; not "1,2345" or a list "1,2,3".
        return prev.is_ascii_digit()
            && digits == 3
            && !matches!(after, Some(d) if d.is_ascii_digit());
    }
    false
}

/// "U.S", "J.D", "p.m", "e.g": letters, one or two at a time, separated by full stops.
fn is_initials(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
}

fn make_word(text: &str, range: Range<usize>) -> Word {
    let first = text.chars().next().unwrap_or(' ');
    let (upper, total, lower) = if text.is_ascii() {
        let bytes = text.as_bytes();
        (
            bytes.iter().filter(|b| b.is_ascii_uppercase()).count(),
            bytes.iter().filter(|b| b.is_ascii_alphabetic()).count(),
            {
                let mut lower = CompactString::from(text);
                lower.make_ascii_lowercase();
                lower
            },
        )
    } else {
        let letters = text.chars().filter(|c| c.is_alphabetic());
        let upper = letters.clone().filter(|c| c.is_uppercase()).count();
        let lower = text.to_lowercase();
        let lower = if lower.contains('’') {
            lower.replace('’', "'")
        } else {
            lower
        };
        (upper, letters.count(), CompactString::from(lower))
    };
    Word {
        range,
        lower,
        capitalised: first.is_uppercase(),
        all_caps: total >= 2 && upper == total,
        number: first.is_ascii_digit(),
        sentence: 0,
        in_quote: false,
    }
}

/// Folds a word for comparison: lower case, no diacritics, and letters such as ł, ø and ß
/// written as their plain Latin forms.
pub fn fold(word: &str) -> String {
    // Plain ASCII has no marks to drop and no letters to spell out.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            '’' | '‘' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len())
            .iter()
            .map(|w| &s[w.range.clone()])
            .collect()
    }

    #[test]
    fn joins_names_numbers_and_initials() {
        assert_eq!(
            words("Korea’s O'Brien Kim Jong-un COVID-19 12,000 2.2% U.S. J.D. Vance"),
            [
                "Korea’s",
                "O'Brien",
                "Kim",
                "Jong-un",
                "COVID-19",
                "12,000",
                "2.2",
                "U.S.",
                "J.D.",
                "Vance"
            ]
        );
    }

    #[test]
    fn separators_that_do_not_join() {
        assert_eq!(
            words("1,2 and 10,0000, end. 'quoted' well-"),
            ["1", "2", "and", "10", "0000", "end", "quoted", "well"]
        );
        assert_eq!(words("at 4 p.m. today"), ["at", "4", "p.m.", "today"]);
    }

    #[test]
    fn flags() {
        let s = "The NATO said 12";
        let w = tokenize(s, 0..s.len());
        assert!(w[0].capitalised && !w[0].all_caps);
        assert!(w[1].all_caps);
        assert!(w[3].number);
        assert_eq!(w[0].lower, "the");
    }

    #[test]
    fn combining_accents_stay_in_the_word() {
        let s = "Sa\u{301}nchez said";
        assert_eq!(words(s), ["Sa\u{301}nchez", "said"]);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Sa\u{301}nchez"), "sanchez");
    }

    proptest::proptest! {
        /// A word's lower-case form and flags, read byte by byte for ASCII, are those worked
        /// out letter by letter.
        #[test]
        fn the_ascii_reading_is_the_general_one(s in "[a-zA-Z0-9’'.,-]{1,12}|[a-zA-ZéÉßΣ’'-]{1,12}") {
            for w in tokenize(&s, 0..s.len()) {
                let text = w.text(&s);
                let letters = text.chars().filter(|c| c.is_alphabetic());
                let upper = letters.clone().filter(|c| c.is_uppercase()).count();
                let total = letters.count();
                proptest::prop_assert_eq!(w.lower.as_str(), text.to_lowercase().replace('’', "'"));
                proptest::prop_assert_eq!(w.all_caps, total >= 2 && upper == total);
                proptest::prop_assert_eq!(w.capitalised, text.starts_with(char::is_uppercase));
            }
        }
    }
}
