//! `unattributed-figure`: a number stated with no source ("killed at least 14 people" — says
//! who?).
//!
//! ## What it does
//! Finds figures — quantities in digits (with a currency, magnitude, percentage or unit),
//! ranges, and spelled-out numbers with a magnitude or percentage ("two million") — and flags
//! each one whose sentence carries no attribution, unless an earlier sentence of the same
//! paragraph does, or the figure is inside a quotation whose speaker the paragraph names.
//!
//! ## Why is this bad?
//! The first question a copy editor asks of any number in a news story is "says who?".
//!
//! ## Not figures
//! Dates and years, clock times, ages, ordinals, hyphenated number-unit adjectives ("a 10-year
//! plan"), numbers in names and identifiers ("Boeing 737", "Article 5", "No. 10"), street
//! addresses, phone numbers, page numbers, spelled-out numbers without a magnitude, vague
//! quantities (unless `vague-quantities` is on), and anything in a heading.
//!
//! ## Fix
//! 1. Insert ", according to TK" before the sentence's closing punctuation (preferred); the
//!    placeholder is configurable.
//! 2. In Markdown, "Mark as checked": a suppression comment for the paragraph.
//!
//! ## Options
//! `[unattributed-figure]` `placeholder`, `vague-quantities`, `cues`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule, CALENDAR, STOP_WORDS};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{Block, BlockKind, Format, Word};

pub struct UnattributedFigure;

#[derive(Default)]
struct Lists {
    magnitude: HashSet<&'static str>,
    percent: HashSet<&'static str>,
    currency_before: HashSet<&'static str>,
    currency_after: HashSet<&'static str>,
    unit: HashSet<&'static str>,
    spelled: HashSet<&'static str>,
    vague: HashSet<&'static str>,
    label: HashSet<&'static str>,
    street: HashSet<&'static str>,
    time: HashSet<&'static str>,
    duration: HashSet<&'static str>,
    score: HashSet<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut l = Lists::default();
    for (kind, word) in crate::data::tagged(include_str!("data/figures.txt")) {
        let set = match kind {
            "magnitude" => &mut l.magnitude,
            "percent" => &mut l.percent,
            "currency-before" => &mut l.currency_before,
            "currency-after" => &mut l.currency_after,
            "unit" => &mut l.unit,
            "spelled" => &mut l.spelled,
            "vague" => &mut l.vague,
            "label" => &mut l.label,
            "street" => &mut l.street,
            "time" => &mut l.time,
            "duration" => &mut l.duration,
            "score" => &mut l.score,
            _ => continue,
        };
        set.insert(word);
    }
    l
});

static CUES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    crate::data::entries(include_str!("data/cues.txt"))
        .map(|c| c.split_whitespace().map(str::to_string).collect())
        .collect()
});

const CURRENCY_SYMBOLS: &[char] = &['$', '£', '€', '¥', '₹', '₩', '₽', '₺', '₪'];

impl Rule for UnattributedFigure {
    fn id(&self) -> &'static str {
        "unattributed-figure"
    }

    fn default_severity(&self) -> Severity {
        Severity::Information
    }

    fn summary(&self) -> &'static str {
        "a figure stated with no source (\"says who?\")"
    }

    fn check_block(&self, ctx: &Context, block: &Block, out: &mut Vec<Diagnostic>) {
        let options = &ctx.config.unattributed_figure;
        let found = figures(ctx, block);
        if found.is_empty() {
            return;
        }
        let cues = cue_list(&options.cues);
        let by_sentence = sentence_cues(ctx, block, &cues);
        for figure in found {
            if coverage(block, &figure, &by_sentence).is_some() {
                continue;
            }
            let text = &ctx.doc.source[figure.range.clone()];
            let mut diag = Diagnostic::new(
                self.id(),
                ctx.severity,
                figure.range.clone(),
                format!("'{text}' has no attribution: who says so?"),
            );
            let sentence = block.sentences[figure.sentence].clone();
            let at = insertion_point(&ctx.doc.text, &sentence);
            let placeholder = &options.placeholder;
            diag = diag.with_fix(
                Fix::new(
                    format!("Add \", according to {placeholder}\""),
                    vec![Edit::insert(at, format!(", according to {placeholder}"))],
                )
                .preferred(),
            );
            if ctx.doc.format == Format::Markdown {
                let (at, comment) = crate::suppress::disable_next_line_comment(
                    ctx.doc.source,
                    block.range.start,
                    self.id(),
                );
                diag = diag.with_fix(Fix::new("Mark as checked", vec![Edit::insert(at, comment)]));
            }
            out.push(diag);
        }
    }

    fn hover(&self, ctx: &Context, offset: usize) -> Option<String> {
        let block = ctx.doc.block_at(offset)?;
        let figure = figures(ctx, block)
            .into_iter()
            .find(|f| f.range.start <= offset && offset < f.range.end)?;
        let text = &ctx.doc.source[figure.range.clone()];
        let cues = cue_list(&ctx.config.unattributed_figure.cues);
        let by_sentence = sentence_cues(ctx, block, &cues);
        Some(match coverage(block, &figure, &by_sentence) {
            Some(c) => format!(
                "**Figure** '{text}': attributed by '{}' ({})",
                &ctx.doc.source[c.cue.clone()],
                c.place
            ),
            None => format!(
                "**Figure** '{text}': no attribution found in its sentence or earlier in the paragraph"
            ),
        })
    }
}

/// A figure and the sentence (within its block) it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Figure {
    range: Range<usize>,
    sentence: usize,
}

/// What attributes a figure: the words of the cue and where they are.
struct Coverage {
    cue: Range<usize>,
    place: &'static str,
}

/// The built-in cues and the configured ones.
fn cue_list(extra: &[String]) -> std::borrow::Cow<'static, [Vec<String>]> {
    if extra.is_empty() {
        return std::borrow::Cow::Borrowed(CUES.as_slice());
    }
    let mut cues = CUES.clone();
    cues.extend(
        extra
            .iter()
            .map(|c| {
                c.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|c| !c.is_empty()),
    );
    std::borrow::Cow::Owned(cues)
}

/// The first attribution cue in sentence `s` of `block`, as the source range to show.
fn cue_in(text: &str, block: &Block, s: usize, cues: &[Vec<String>]) -> Option<Range<usize>> {
    let words = block.sentence_words(s);
    for i in 0..words.len() {
        for cue in cues {
            let n = cue.len();
            if i + n <= words.len() && (0..n).all(|k| words[i + k].lower == cue[k]) {
                // Show the cue with its subject ("the US Geological Survey said": back to the
                // last punctuation, six words at most) or its source ("according to the
                // council").
                let range = if n == 1 {
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
                } else {
                    let last = (i + n + 2).min(words.len() - 1);
                    words[i].range.start..words[last].range.end
                };
                return Some(range);
            }
        }
    }
    None
}

/// The attribution cue of each sentence of a block, if it has one.
fn sentence_cues(ctx: &Context, block: &Block, cues: &[Vec<String>]) -> Vec<Option<Range<usize>>> {
    (0..block.sentences.len())
        .map(|s| cue_in(&ctx.doc.text, block, s, cues))
        .collect()
}

/// What attributes `figure`, given each sentence's cue.
fn coverage(block: &Block, figure: &Figure, cues: &[Option<Range<usize>>]) -> Option<Coverage> {
    let s = figure.sentence;
    if let Some(cue) = cues.get(s).cloned().flatten() {
        return Some(Coverage {
            cue,
            place: "this sentence",
        });
    }
    if let Some((earlier, cue)) = (0..s).rev().find_map(|e| cues[e].clone().map(|c| (e, c))) {
        let place = if earlier + 1 == s {
            "previous sentence"
        } else {
            "earlier in the paragraph"
        };
        return Some(Coverage { cue, place });
    }
    if block.in_quote(figure.range.start) {
        let cue = cues.iter().flatten().next()?.clone();
        return Some(Coverage {
            cue,
            place: "a quotation whose speaker is named in this paragraph",
        });
    }
    None
}

/// Where ", according to TK" goes: before the sentence's closing punctuation.
fn insertion_point(text: &str, sentence: &Range<usize>) -> usize {
    let s = &text[sentence.clone()];
    let body = s.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let body = body.trim_end_matches(['.', '!', '?', '…']);
    // '…"very real".' keeps its closing quote before the insertion.
    sentence.start + body.len()
}

/// Whether a plain-text block is a headline: one short line with no closing punctuation.
fn headline(text: &str, block: &Block) -> bool {
    let s = text[block.range.clone()].trim();
    !s.contains(['\n', '\r'])
        && block.words.len() <= 15
        && !s.ends_with(['.', '!', '?', ':', '"', '”', ';', ','])
}

/// The figures in a block.
fn figures(ctx: &Context, block: &Block) -> Vec<Figure> {
    let text = &ctx.doc.text;
    if block.kind == BlockKind::Heading || (ctx.doc.format == Format::Text && headline(text, block))
    {
        return Vec::new();
    }
    let vague = ctx.config.unattributed_figure.vague_quantities;
    let l = &*LISTS;
    let words = &block.words;
    let mut found: Vec<Figure> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = &words[k];
        let next = words.get(k + 1).filter(|n| n.sentence == w.sentence);
        let figure = if w.number {
            number_figure(text, words, k)
        } else if l.spelled.contains(w.lower.as_str())
            && next.is_some_and(|n| {
                l.magnitude.contains(n.lower.as_str()) || is_percent_word(words, k + 1)
            })
        {
            let n = next.map_or(k, |_| k + 1);
            let end = extend_percent(words, n).unwrap_or(words[n].range.end);
            Some((w.range.start..end, n))
        } else if vague && l.vague.contains(w.lower.as_str()) {
            Some((w.range.clone(), k))
        } else {
            None
        };
        match figure {
            Some((range, last)) => {
                found.push(Figure {
                    range,
                    sentence: w.sentence,
                });
                k = last + 1;
            }
            None => k += 1,
        }
    }
    found
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

/// The figure that starts at number word `words[k]`, with the index of its last word, or
/// `None` when the number is not a figure.
fn number_figure(text: &str, words: &[Word], k: usize) -> Option<(Range<usize>, usize)> {
    let l = &*LISTS;
    let w = &words[k];
    let token = w.text(text);
    let (digits, glued) = split_number(token);
    let glued_lower = glued.to_lowercase();
    let same_sentence = |i: usize| words.get(i).filter(|x| x.sentence == w.sentence);
    let prev = k.checked_sub(1).and_then(same_sentence);
    let next = same_sentence(k + 1);
    let gap_before = prev.map_or("", |p| &text[p.range.end..w.range.start]);
    let gap_after = next.map_or("", |n| &text[w.range.end..n.range.start]);
    let char_before = text[..w.range.start].chars().next_back();
    let char_after = text[w.range.end..].chars().next();
    let second_after = text[w.range.end..].chars().nth(1);

    // What is glued to the number.
    let mut measured = false;
    let mut last = k;
    let mut end = w.range.end;
    if !glued.is_empty() {
        if let Some(rest) = glued.strip_prefix(['-', '‐', '‑']) {
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
        } else if l.magnitude.contains(glued_lower.as_str())
            || l.unit.contains(glued_lower.as_str())
        {
            measured = true;
        } else {
            return None; // "1st", "1990s", "10pm", "4G"
        }
    }

    // A list marker ("1) sacrifice breadth") or a year written with a leading zero ("in 08").
    if (char_after == Some(')') && char_before != Some('('))
        || (digits.starts_with('0') && digits.len() > 1 && !digits.starts_with("0."))
    {
        return None;
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
        || text[w.range.end..]
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
        if l.time.contains(n.lower.as_str()) {
            return None; // "2 p.m.", "10 GMT"
        }
        if l.duration.contains(n.lower.as_str()) && is_plain_gap(gap_after) && glued.is_empty() {
            return None; // "for 15 years"
        }
        // "10 Downing Street": capitalised words, then a street word.
        if n.capitalised && is_plain_gap(gap_after) {
            let street = words[k + 1..]
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
    } else if let Some(p) = prev.filter(|p| {
        l.currency_before.contains(p.lower.trim_end_matches('.')) && is_plain_gap(gap_before)
    }) {
        start = p.range.start;
        measured = true;
    }

    // What follows: a percent sign, a magnitude, a percentage, a unit or a currency.
    if char_after == Some('%') {
        end += 1;
        measured = true;
    } else if let Some(n) = next.filter(|_| is_plain_gap(gap_after) && glued.is_empty()) {
        let key = n.lower.as_str();
        if l.magnitude.contains(key) && key.len() > 1 || (key == "m" && currency_symbol) {
            end = n.range.end;
            last = k + 1;
            measured = true;
            if let Some(c) =
                same_sentence(k + 2).filter(|c| l.currency_after.contains(c.lower.as_str()))
            {
                end = c.range.end;
                last = k + 2;
            }
        } else if let Some(e) = extend_percent(words, k) {
            end = e;
            last = words
                .iter()
                .rposition(|x| x.range.end == e)
                .unwrap_or(k + 1);
            measured = true;
        } else if l.unit.contains(key) || l.currency_after.contains(key) {
            end = n.range.end;
            last = k + 1;
            measured = true;
        }
    }

    // A year on its own is a date, not a quantity.
    if !measured && digits.len() == 4 && !digits.contains(['.', ',']) {
        if let Ok(y) = digits.parse::<u32>() {
            if (1000..=2100).contains(&y) {
                return None;
            }
        }
    }

    // Ranges: "between 10,000 and 12,000", "15 or 20", "10–12".
    let between = prev.is_some_and(|p| p.lower == "between");
    if let (Some(joiner), Some(other)) = (same_sentence(last + 1), same_sentence(last + 2)) {
        let joined = (between && joiner.lower == "and") || (joiner.lower == "or" && last == k);
        if joined && other.number {
            if let Some((r, l2)) = number_figure(text, words, last + 2) {
                return Some((start..r.end, l2));
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
            return Some((start..n.range.end + usize::from(percent), last + 1));
        }
    }
    Some((start..end, last))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, check_as, fixed, flagged};
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::prose::{Document, Format};

    const RULE: &str = "unattributed-figure";

    fn md(text: &str) -> Vec<String> {
        check_as(RULE, text, Format::Markdown, &Config::default())
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_each_kind_of_figure_whole() {
        let text = "The flood killed at least 14 people. Damage reached $1.2 billion. It hit 1.5 million homes. \
                    The bill was £288,000. Turnout was 29%. Prices rose 40 percent. Costs rose 40 per cent. \
                    The town lost £200m. It was 1.5C warmer. Winds hit 70 mph. The road is 10 km long. \
                    It burned 4,000 acres. Sales hit NT$759.7 billion. Aid was US$ 20,000. Fines were Rs 500. \
                    It cost 5,000 rubles. The fund holds two million. Rates fell ten percent. \
                    Between 10,000 and 12,000 fled. Some 10-12 died. Some 10–12 boats sank. It took 10–12 days.";
        assert_eq!(
            flagged(RULE, text),
            [
                "14",
                "$1.2 billion",
                "1.5 million",
                "£288,000",
                "29%",
                "40 percent",
                "40 per cent",
                "£200m",
                "1.5C",
                "70 mph",
                "10 km",
                "4,000 acres",
                "NT$759.7 billion",
                "US$ 20,000",
                "Rs 500",
                "5,000 rubles",
                "two million",
                "ten percent",
                "10,000 and 12,000",
                "10-12",
                "10–12"
            ]
        );
    }

    #[test]
    fn message_names_the_figure_and_severity_is_information() {
        let d = &check(RULE, "Damage reached $1.2 billion.")[0];
        assert_eq!(d.message, "'$1.2 billion' has no attribution: who says so?");
        assert_eq!(d.severity, Severity::Information);
    }

    #[test]
    fn leaves_dates_times_ages_and_ordinals_alone() {
        for text in [
            "It happened on March 3 and again on 3 March.",
            "It was signed on 3/4/2024 in 2023.",
            "The talks began in August 2023 and ran into 2023-24, as in the 1990s.",
            "They met at 4:15 a.m. and again at 10pm and at 2 p.m. on 30 October.",
            "Mehmet Yilmaz, 62, was there. A man aged 45 and a 71-year-old came.",
            "It was the 1st, the 21st and the 15th month.",
            "It makes 4-nanometre chips under a 10-year plan over a three-day visit.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn leaves_names_and_identifiers_alone() {
        for text in [
            "Under Article 5 the allies act. COVID-19 spread. The G7 met. An F-16 flew.",
            "A Boeing 737 landed. The ID.3 sold. The A61 closed. Vision 2030 began. It runs iOS 4 now.",
            "Flight MH17 was lost. Section 230 applies. He went to No. 10 today.",
            "They live at 10 Downing Street and 1 Millennium Square.",
            "Call +44 20 7946 0958 now. See page 12 and chapter 3.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
    }

    #[test]
    fn either_or_is_one_figure() {
        assert_eq!(flagged(RULE, "We list 15 or 20 ideas."), ["15 or 20"]);
    }

    #[test]
    fn leaves_list_markers_old_years_and_ages_alone() {
        for text in [
            "You either 1) sacrifice breadth or 2) sacrifice quality.",
            "Bush won in 00 and Romney lost in 08.",
            "At the age of 40 he was famous. It published its 50,000th article.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn leaves_scores_and_durations_alone() {
        for text in [
            "Sweden defeated South Korea 1 – 0 and the match ended 1 – 1.",
            "England won 2-1 at home.",
            "It has been waging the war for almost 15 years, and 73 seconds after liftoff it exploded.",
            "A survey of schoolchildren aged 8–10 years ran.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
    }

    #[test]
    fn leaves_spelled_numbers_and_vague_quantities_alone_by_default() {
        let text = "Two countries signed. It took seven years. Dozens fled, hundreds stayed, and thousands of people watched.";
        assert!(flagged(RULE, text).is_empty());
        let config =
            Config::from_toml("[unattributed-figure]\nvague-quantities = true\n", None).unwrap();
        let found: Vec<String> = check_as(RULE, text, Format::Text, &config)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect();
        assert_eq!(found, ["Dozens", "hundreds", "thousands"]);
    }

    #[test]
    fn leaves_headings_code_and_urls_alone() {
        assert!(md("# Floods kill 95 people\n\nText.\n").is_empty());
        assert!(md("Run `rm -rf 500` and see https://example.com/2000000.\n").is_empty());
    }

    #[test]
    fn plain_text_headline_is_left_alone() {
        assert!(flagged(
            RULE,
            "Airbus to cut 10,000 jobs\n\nThe company confirmed it."
        )
        .is_empty());
    }

    #[test]
    fn attribution_in_the_sentence() {
        for text in [
            "At least 95 people died, officials said.",
            "The agency says 300 homes were destroyed.",
            "According to the council, 58% agreed.",
            "A survey found that 58% agreed.",
            "Data from the ministry show 12,000 jobs went.",
            "Insurers estimate the damage at €3.5 billion.",
            "TSMC reported a 54% rise.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn attribution_carries_forward_within_a_paragraph_only() {
        let text = "The ministry said 300 homes were destroyed. It struck at a depth of 10 km.\n\nIt was 7% contained.";
        assert_eq!(flagged(RULE, text), ["7%"]);
        // Not backwards: a later sentence does not cover an earlier one.
        assert_eq!(
            flagged(
                RULE,
                "Losses reached $12 billion in 2021. Newsom said help would come."
            ),
            ["$12 billion"]
        );
    }

    #[test]
    fn attributed_and_unattributed_across_a_paragraph_break() {
        let text = "Officials said 400 homes burned.\n\nWinds reached 70 mph.";
        assert_eq!(flagged(RULE, text), ["70 mph"]);
    }

    #[test]
    fn quotations_with_a_named_speaker() {
        let text = "\"We lost 300 homes. Another 20 are damaged,\" the mayor said.";
        assert!(flagged(RULE, text).is_empty());
        let text = "\"We lost 300 homes.\"";
        assert_eq!(flagged(RULE, text), ["300"]);
    }

    #[test]
    fn configured_cues() {
        let text = "Per the filing, debts reached $5 million.";
        assert_eq!(flagged(RULE, text), ["$5 million"]);
        let config =
            Config::from_toml("[unattributed-figure]\ncues = [\"per the filing\"]\n", None)
                .unwrap();
        assert!(check_as(RULE, text, Format::Text, &config).is_empty());
    }

    #[test]
    fn fix_inserts_according_to_before_the_full_stop() {
        assert_eq!(
            fixed(RULE, "Winds gusting up to 70 mph pushed the flames.", ""),
            "Winds gusting up to 70 mph pushed the flames, according to TK."
        );
        assert_eq!(
            fixed(RULE, "TSMC makes about 90% of \"advanced chips\".", ""),
            "TSMC makes about 90% of \"advanced chips\", according to TK."
        );
        assert_eq!(super::insertion_point("It cost $5", &(0..10)), 10);
        assert_eq!(super::insertion_point("x. It cost $5!\")", &(3..16)), 13);
        let config =
            Config::from_toml("[unattributed-figure]\nplaceholder = \"XX\"\n", None).unwrap();
        let text = "It cost $5.";
        let d = &check_as(RULE, text, Format::Text, &config)[0];
        assert_eq!(
            d.fixes[0].apply(text).unwrap(),
            "It cost $5, according to XX."
        );
    }

    #[test]
    fn mark_as_checked_in_markdown() {
        let text = "# T\n\nIt cost $5.\n";
        let d = &check_as(RULE, text, Format::Markdown, &Config::default())[0];
        let fix = d
            .fixes
            .iter()
            .find(|f| f.title == "Mark as checked")
            .unwrap();
        let after = fix.apply(text).unwrap();
        assert_eq!(
            after,
            "# T\n\n<!-- copydesk-disable-next-line unattributed-figure -->\nIt cost $5.\n"
        );
        assert!(check_as(RULE, &after, Format::Markdown, &Config::default()).is_empty());
    }

    #[test]
    fn hover_says_what_covers_a_figure() {
        let text = "The US Geological Survey said it struck at 7 a.m. It had a magnitude of 6.1 on the scale.\n\nIt cost $5.";
        let doc = Document::parse(text, Format::Text);
        let config = Config::default();
        let at = text.find("6.1").unwrap();
        let hover = crate::hover(&doc, &config, at).unwrap();
        assert!(
            hover.contains("attributed by 'The US Geological Survey said' (previous sentence)"),
            "{hover}"
        );
        let text2 = "Council tax will rise by 4.99%, the council said in a statement.";
        let doc2 = Document::parse(text2, Format::Text);
        let hover2 = crate::hover(&doc2, &config, text2.find("4.99").unwrap()).unwrap();
        assert!(
            hover2.contains("attributed by 'the council said' (this sentence)"),
            "{hover2}"
        );
        let hover = crate::hover(&doc, &config, text.find("$5").unwrap()).unwrap();
        assert!(hover.contains("no attribution found"), "{hover}");
        assert!(crate::hover(&doc, &config, 0).is_none());
    }
}
