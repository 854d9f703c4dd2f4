//! `weekday-date`: a weekday written next to a date it does not fall on.
//!
//! ## What it does
//! Finds a weekday written next to a date — "Tuesday, 16 June 2025", "Tuesday 16 June",
//! "Tue., June 16, 2025", "on Tuesday (June 16)", "Tuesday the 16th of June" — and checks that
//! the date falls on that day. The year comes from the date itself; else from the draft's front
//! matter `date:`; else from the nearest full date earlier in the draft (a dateline counts).
//! With no year to be found, it says nothing.
//!
//! ## Why is this bad?
//! A weekday that contradicts its date is a fact error a reader can check in a second, and one
//! of the two is wrong.
//!
//! ## Left alone
//! Weekdays not attached to a date, recurring days ("every Monday"), date ranges
//! ("Tuesday, June 16–18"), impossible dates (31 June), and a year-less date whose weekday
//! fits the year before or after the reference date as well (the story may cross a new year).
//!
//! ## Fix
//! Change the weekday to the one the date falls on (preferred), in the same style (full name,
//! abbreviation, capitals). The related place shows where the year came from.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Context, Rule};
use crate::data::tagged;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{Block, Format, Word};

pub struct WeekdayDate;

/// Full weekday names, from Sunday.
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Abbreviations by the style a writer uses: three letters, or the longer AP forms.
const DAYS_SHORT: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAYS_AP: [&str; 7] = ["Sun", "Mon", "Tues", "Wed", "Thurs", "Fri", "Sat"];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Names from `data/weekdays.txt`.
struct Names {
    /// Weekday spelling (lower case, no full stop) → (day number, needs a full stop).
    days: HashMap<String, (u32, bool)>,
    /// Month spelling (lower case, no full stop) → month number.
    months: HashMap<String, u32>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut names = Names {
        days: HashMap::default(),
        months: HashMap::default(),
    };
    for (kind, rest) in tagged(include_str!("data/weekdays.txt")) {
        let mut parts = rest.split_whitespace();
        let Some(n) = parts.next().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        for name in parts {
            let dotted = name.ends_with('.');
            let name = name.trim_end_matches('.').to_string();
            match kind {
                "day" => {
                    names.days.insert(name, (n, dotted));
                }
                "month" => {
                    names.months.insert(name, n);
                }
                _ => {}
            }
        }
    }
    names
});

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ymd {
    year: i64,
    month: u32,
    day: u32,
}

impl Ymd {
    fn new(year: i64, month: u32, day: u32) -> Option<Ymd> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01.
    fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// 0 = Sunday.
    fn weekday(self) -> u32 {
        (self.days() + 4).rem_euclid(7) as u32
    }

    fn show(self, with_year: bool) -> String {
        let month = MONTHS[(self.month - 1) as usize];
        if with_year {
            format!("{} {month} {}", self.day, self.year)
        } else {
            format!("{} {month}", self.day)
        }
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A date written in the draft, perhaps without its year.
#[derive(Debug, Clone)]
struct Written {
    range: Range<usize>,
    month: u32,
    day: u32,
    year: Option<i64>,
}

/// A weekday written next to a date.
#[derive(Debug, Clone)]
struct Pair {
    /// The weekday word, without its full stop.
    weekday: Range<usize>,
    day_number: u32,
    date: Written,
}

/// Where a year-less date takes its year from.
#[derive(Debug, Clone)]
struct Reference {
    date: Ymd,
    range: Range<usize>,
    from: &'static str,
}

/// The verdict on one pair.
#[derive(Debug, Clone)]
struct Verdict {
    pair: Pair,
    /// The date, with the year it was read in.
    date: Ymd,
    /// Where the year came from, when not from the date itself.
    reference: Option<Reference>,
    /// Whether the weekday is right (or could be, in a plausible year).
    fits: bool,
}

impl Rule for WeekdayDate {
    fn id(&self) -> &'static str {
        "weekday-date"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a weekday that contradicts its date (\"Monday, 3 March\" when 3 March is a Sunday)"
    }

    fn check_document(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for v in verdicts(ctx) {
            if v.fits {
                continue;
            }
            let src = ctx.doc.source;
            let written = &src[v.pair.weekday.clone()];
            let right = v.date.weekday();
            let replacement = restyle(written, right);
            let shown_date = v.date.show(true);
            let message = match &v.reference {
                None => format!(
                    "{shown_date} is a {}, not a {}",
                    DAYS[right as usize], DAYS[v.pair.day_number as usize]
                ),
                Some(r) => format!(
                    "{shown_date} is a {}, not a {} (the year {} comes from {})",
                    DAYS[right as usize], DAYS[v.pair.day_number as usize], v.date.year, r.from
                ),
            };
            let range = v.pair.weekday.start..v.pair.date.range.end;
            let mut diag = Diagnostic::new(self.id(), ctx.severity, range, message).with_fix(
                Fix::new(
                    format!("Change '{written}' to '{replacement}'"),
                    vec![Edit::replace(v.pair.weekday.clone(), replacement.clone())],
                )
                .preferred(),
            );
            if let Some(r) = &v.reference {
                diag = diag.with_related(
                    r.range.clone(),
                    format!("the year {} comes from here", v.date.year),
                );
            }
            out.push(diag);
        }
    }

    fn hover(&self, ctx: &Context, offset: usize) -> Option<String> {
        let v = verdicts(ctx)
            .into_iter()
            .find(|v| v.pair.weekday.start <= offset && offset < v.pair.date.range.end)?;
        let right = DAYS[v.date.weekday() as usize];
        let source = match &v.reference {
            None => "the year is written with the date".to_string(),
            Some(r) => format!("the year comes from {}", r.from),
        };
        let verdict = if v.fits {
            "the weekday matches"
        } else {
            "the weekday written does not match"
        };
        Some(format!(
            "**weekday-date**: {} is a {right} ({source}); {verdict}.",
            v.date.show(true)
        ))
    }
}

/// Every weekday–date pair in the draft, judged.
fn verdicts(ctx: &Context) -> Vec<Verdict> {
    let doc = ctx.doc;
    let front = match doc.format {
        Format::Markdown => front_matter_date(doc.source),
        Format::Text => None,
    };
    let mut last_full: Option<Reference> = None;
    let mut out = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        // The block's weekday-date pairs and dates, kept relative to the block between checks.
        let at = block.range.start;
        let dates = ctx.block_facts(
            "weekday-date",
            index,
            |_| true,
            |b| {
                dates_in(&doc.text, b)
                    .into_iter()
                    .map(|d| d.moved(&|r| r.start - at..r.end - at))
                    .collect::<Vec<Dated>>()
            },
        );
        for d in dates.iter() {
            let written = match d.moved(&|r| r.start + at..r.end + at) {
                Dated::Pair(pair) => {
                    let reference = front.clone().or_else(|| last_full.clone());
                    if let Some(v) = judge(pair.clone(), reference) {
                        out.push(v);
                    }
                    pair.date
                }
                Dated::Date(written) => written,
            };
            if let Some(date) = full(&written) {
                last_full = Some(Reference {
                    date,
                    range: written.range.clone(),
                    from: "the full date earlier in the draft",
                });
            }
        }
    }
    out
}

/// A weekday written next to a date, or a date alone, in the order the block gives them.
#[derive(Debug, Clone)]
enum Dated {
    Pair(Pair),
    Date(Written),
}

impl Dated {
    /// A copy with its ranges moved by `mv`.
    fn moved(&self, mv: &dyn Fn(&Range<usize>) -> Range<usize>) -> Dated {
        let date = |w: &Written| Written {
            range: mv(&w.range),
            ..w.clone()
        };
        match self {
            Dated::Pair(p) => Dated::Pair(Pair {
                weekday: mv(&p.weekday),
                date: date(&p.date),
                ..p.clone()
            }),
            Dated::Date(w) => Dated::Date(date(w)),
        }
    }
}

/// The pairs and dates of one block, in order.
fn dates_in(text: &str, block: &Block) -> Vec<Dated> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < block.words.len() {
        if let Some((pair, next)) = pair_at(text, block, i) {
            out.push(Dated::Pair(pair));
            i = next;
            continue;
        }
        if let Some((written, next)) = date_at(text, block, i) {
            out.push(Dated::Date(written));
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

fn full(w: &Written) -> Option<Ymd> {
    Ymd::new(w.year?, w.month, w.day)
}

/// The verdict on a pair, or `None` when the year cannot be known or the date is impossible.
fn judge(pair: Pair, reference: Option<Reference>) -> Option<Verdict> {
    if let Some(year) = pair.date.year {
        let date = Ymd::new(year, pair.date.month, pair.date.day)?;
        let fits = date.weekday() == pair.day_number;
        return Some(Verdict {
            pair,
            date,
            reference: None,
            fits,
        });
    }
    let reference = reference?;
    let r = reference.date;
    let around = reference.date.days();
    let mut candidates: Vec<Ymd> = (r.year - 1..=r.year + 1)
        .filter_map(|y| Ymd::new(y, pair.date.month, pair.date.day))
        .collect();
    candidates.sort_by_key(|c| (c.days() - around).abs());
    let date = *candidates.first()?;
    // Right in the nearest year, or in another year close enough to be the one meant.
    let fits = candidates
        .iter()
        .any(|c| c.weekday() == pair.day_number && (c.days() - around).abs() <= 270)
        || date.weekday() == pair.day_number;
    Some(Verdict {
        pair,
        date,
        reference: Some(reference),
        fits,
    })
}

/// The weekday at word `i` of `block` with the date after it, and the index after the pair.
fn pair_at(text: &str, block: &Block, i: usize) -> Option<(Pair, usize)> {
    let w = &block.words[i];
    if !w.capitalised || w.range.len() > 9 {
        return None;
    }
    let (day_number, needs_stop) = *NAMES.days.get(w.lower.as_str())?;
    let dotted = text[w.range.end..].starts_with('.');
    if needs_stop && !dotted {
        return None;
    }
    // Recurring days are not dates: "every Monday".
    if i > 0
        && matches!(block.words[i - 1].lower.as_str(), "every" | "each")
        && block.words[i - 1].sentence == w.sentence
    {
        return None;
    }
    let mut j = i + 1;
    let gap = gap(text, w, block.words.get(j)?);
    if !gap
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | '('))
    {
        return None;
    }
    if block.words[j].lower == "the" {
        j += 1;
        let next = block.words.get(j)?;
        if !gap_is(text, &block.words[j - 1], next, &[]) {
            return None;
        }
    }
    let (date, next) = date_at(text, block, j)?;
    Some((
        Pair {
            weekday: w.range.clone(),
            day_number,
            date,
        },
        next,
    ))
}

/// A date starting at word `i` — "16 June [2025]", "16th of June", "June 16[, 2025]",
/// "2025-06-16" — and the index of the word after it.
fn date_at(text: &str, block: &Block, i: usize) -> Option<(Written, usize)> {
    let words = &block.words;
    let w = words.get(i)?;
    if let Some(iso) = iso_date(w.text(text)) {
        return Some((
            Written {
                range: w.range.clone(),
                month: iso.month,
                day: iso.day,
                year: Some(iso.year),
            },
            i + 1,
        ));
    }
    // Day first: "16 June", "16th of June".
    if let Some(day) = day_number(w.text(text)) {
        let mut j = i + 1;
        if words.get(j).is_some_and(|n| n.lower == "of") && gap_is(text, w, &words[j], &[]) {
            j += 1;
        }
        let m = words.get(j)?;
        if !gap_is(text, &words[j - 1], m, &[]) {
            return None;
        }
        let month = month_number(m)?;
        let (year, end, next) = year_after(text, block, j);
        return Some((
            Written {
                range: w.range.start..end,
                month,
                day,
                year,
            },
            next,
        ));
    }
    // Month first: "June 16", "Jan. 5, 2024".
    let month = month_number(w)?;
    let d = words.get(i + 1)?;
    if !gap_is(text, w, d, &['.']) {
        return None;
    }
    let day = day_number(d.text(text))?;
    // A range ("June 16–18") is not one date.
    let after = &text[d.range.end..];
    if after.starts_with(['-', '–', '—']) {
        return None;
    }
    let (year, end, next) = year_after(text, block, i + 1);
    Some((
        Written {
            range: w.range.start..end,
            month,
            day,
            year,
        },
        next,
    ))
}

/// The year right after word `j` ("16 June 2025", "June 16, 2025"): the year, the end of the
/// date and the index after it.
fn year_after(text: &str, block: &Block, j: usize) -> (Option<i64>, usize, usize) {
    let words = &block.words;
    let last = &words[j];
    let mut end = last.range.end;
    if text[end..].starts_with('.') && last.range.len() <= 4 && month_number(last).is_some() {
        end += 1;
    }
    match words.get(j + 1) {
        Some(y) if gap_is(text, last, y, &[',', '.']) => match year_number(y.text(text)) {
            Some(year) => (Some(year), y.range.end, j + 2),
            None => (None, end, j + 1),
        },
        _ => (None, end, j + 1),
    }
}

fn gap<'t>(text: &'t str, a: &Word, b: &Word) -> &'t str {
    &text[a.range.end..b.range.start.max(a.range.end)]
}

/// Whether only white space, and at most one of each `allowed` mark, separates two words;
/// the gap may not be empty.
fn gap_is(text: &str, a: &Word, b: &Word, allowed: &[char]) -> bool {
    let g = gap(text, a, b);
    !g.is_empty()
        && g.chars().all(|c| c.is_whitespace() || allowed.contains(&c))
        && allowed.iter().all(|&c| g.matches(c).count() <= 1)
        && g.chars().any(char::is_whitespace)
}

/// The month a capitalised month name stands for ("may" and "march" are also words).
fn month_number(w: &Word) -> Option<u32> {
    if !w.capitalised || w.range.len() > 9 {
        return None;
    }
    NAMES.months.get(w.lower.as_str()).copied()
}

static DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:st|nd|rd|th)?$").expect("day pattern is valid"));
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$").expect("ISO date pattern is valid")
});

fn day_number(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) || word.len() > 4 {
        return None;
    }
    let c = DAY.captures(word)?;
    let d: u32 = c.get(1)?.as_str().parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(word: &str) -> Option<i64> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse::<i64>().ok())
        .flatten()
        .filter(|y| (1583..=2999).contains(y))
}

fn iso_date(s: &str) -> Option<Ymd> {
    let s = s.trim();
    if s.len() < 10 || !s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let c = ISO.captures(s)?;
    let year = c.get(1)?.as_str().parse().ok()?;
    let month = c.get(2)?.as_str().parse().ok()?;
    let day = c.get(3)?.as_str().parse().ok()?;
    if !(1583..=2999).contains(&year) {
        return None;
    }
    Ymd::new(year, month, day)
}

static FRONT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[ \t]*date[ \t]*[:=][ \t]*["']?([^"']+?)["']?[ \t]*$"#)
        .expect("front matter date pattern is valid")
});
static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))$")
        .expect("long date pattern is valid")
});

/// The lines of `text` with their byte offsets, without their line breaks (LF, CRLF or a
/// lone CR).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let start = at;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(text.len(), |i| start + i);
        at = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        Some((start, &text[start..end]))
    })
}

/// The `date:` of a Markdown draft's front matter (YAML between `---` lines, or TOML between
/// `+++` lines).
fn front_matter_date(source: &str) -> Option<Reference> {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let offset = source.len() - body.len();
    let mut lines = lines(body);
    let (_, first) = lines.next()?;
    let fence = ["---", "+++"]
        .into_iter()
        .find(|f| first.trim_end() == *f)?;
    let mut found = None;
    for (at, line) in lines {
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            return found;
        }
        if found.is_none() {
            if let Some(value) = FRONT_DATE.captures(line).and_then(|c| c.get(1)) {
                if let Some(date) = parse_value(value.as_str()) {
                    found = Some(Reference {
                        date,
                        range: offset + at + value.start()..offset + at + value.end(),
                        from: "the front matter",
                    });
                }
            }
        }
    }
    // Never closed: not front matter.
    None
}

/// A date written out in full: ISO, "5 November 2024" or "November 5, 2024".
fn parse_value(s: &str) -> Option<Ymd> {
    if let Some(d) = iso_date(s) {
        return Some(d);
    }
    let c = LONG_DATE.captures(s.trim())?;
    let (day, month, year) = match (c.get(1), c.get(4)) {
        (Some(d), _) => (d.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()),
        (None, Some(m)) => (c.get(5)?.as_str(), m.as_str(), c.get(6)?.as_str()),
        _ => return None,
    };
    let month = *NAMES.months.get(&month.to_lowercase())?;
    Ymd::new(year.parse().ok()?, month, day.parse().ok()?)
}

/// `day` written in the style of `written`: full name or abbreviation, and its capitals.
fn restyle(written: &str, day: u32) -> String {
    let letters = written.chars().count();
    let idx = day as usize;
    let base = if letters >= 6 {
        DAYS[idx]
    } else if letters >= 4 {
        DAYS_AP[idx]
    } else {
        DAYS_SHORT[idx]
    };
    if written
        .chars()
        .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && letters > 1
    {
        base.to_uppercase()
    } else if written.chars().next().is_some_and(char::is_lowercase) {
        base.to_lowercase()
    } else {
        base.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::rules::test_support::{check, check_as, fixed, flagged};

    #[test]
    fn calendar_arithmetic() {
        // 1 January 1970 was a Thursday, 16 June 2025 a Monday, 29 February 2024 a Thursday.
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().weekday(), 4);
        assert_eq!(Ymd::new(2025, 6, 16).unwrap().weekday(), 1);
        assert_eq!(Ymd::new(2024, 2, 29).unwrap().weekday(), 4);
        assert_eq!(Ymd::new(2000, 3, 1).unwrap().weekday(), 3);
        assert_eq!(Ymd::new(1900, 1, 1).unwrap().weekday(), 1);
        assert!(Ymd::new(2023, 2, 29).is_none());
        assert!(Ymd::new(2025, 6, 31).is_none());
    }

    #[test]
    fn every_written_form() {
        for text in [
            "The vote was held on Tuesday, 16 June 2025.",
            "The vote was held on Tuesday 16 June 2025.",
            "The vote was held on Tue., June 16, 2025.",
            "The vote was held on Tues. June 16, 2025.",
            "The vote was held on Tuesday (June 16, 2025).",
            "The vote was held on Tuesday, June 16th, 2025.",
            "The vote was held on Tuesday the 16th of June 2025.",
            "The vote was held on Tuesday, 2025-06-16.",
            "THE VOTE WAS HELD ON TUESDAY, JUNE 16, 2025.",
        ] {
            let d = check("weekday-date", text);
            assert_eq!(d.len(), 1, "{text}");
            assert!(
                d[0].message
                    .starts_with("16 June 2025 is a Monday, not a Tuesday"),
                "{text}: {}",
                d[0].message
            );
        }
    }

    #[test]
    fn the_range_runs_from_weekday_to_date() {
        assert_eq!(
            flagged(
                "weekday-date",
                "The minister visited on Thursday, 8 November 2024, officials said."
            ),
            ["Thursday, 8 November 2024"]
        );
    }

    #[test]
    fn right_weekdays_are_left_alone() {
        for text in [
            "The vote was held on Monday, 16 June 2025.",
            "Friday, July 21, 2017\n\nThe team arrived.",
            "It opened on Wed., Jan. 1, 2025.",
            "The deadline is Monday 29 February 2016.",
        ] {
            assert!(flagged("weekday-date", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn weekdays_without_a_date_and_recurring_days() {
        for text in [
            "On Tuesday, the council met. On 16 June it voted.",
            "The market opens every Monday, 16 June 2025 included.",
            "Mondays, 16 stalls open.",
            "The Sun, 5 June 2024, carried the story.",
            "He sat. 5 June 2024 was the day.",
            "On Tuesday, June 16–18 2025 was set aside.",
            "Tuesday, 31 June 2025 does not exist.",
        ] {
            assert!(flagged("weekday-date", text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_year_comes_from_an_earlier_full_date() {
        let text = "A tunnel collapsed on Tuesday, 5 November 2024.\n\nThe minister visited on Thursday, 8 November.";
        let d = check("weekday-date", text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].range.clone()], "Thursday, 8 November");
        assert!(
            d[0].message.contains("8 November 2024 is a Friday"),
            "{}",
            d[0].message
        );
        assert_eq!(&text[d[0].related[0].range.clone()], "5 November 2024");
        assert_eq!(
            fixed("weekday-date", text, ""),
            text.replace("Thursday, 8", "Friday, 8")
        );
    }

    #[test]
    fn no_year_means_no_verdict() {
        assert!(flagged(
            "weekday-date",
            "The minister visited on Thursday, 8 November."
        )
        .is_empty());
    }

    #[test]
    fn the_year_comes_from_the_front_matter() {
        let text = "---\ntitle: Mine\ndate: 2024-11-05\n---\n\nThe minister visited on Thursday, 8 November.\n";
        let d = check_as(
            "weekday-date",
            text,
            crate::Format::Markdown,
            &Config::default(),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("front matter"), "{}", d[0].message);
        assert_eq!(&text[d[0].related[0].range.clone()], "2024-11-05");
        let text =
            "---\ndate: \"November 7, 2024\"\n---\n\nOn Friday, 8 November the mine reopened.\n";
        assert!(check_as(
            "weekday-date",
            text,
            crate::Format::Markdown,
            &Config::default()
        )
        .is_empty());
    }

    #[test]
    fn a_story_that_crosses_the_new_year() {
        // 6 January 2025 is a Monday; the nearest year to the dateline is the next one.
        let text = "December 28, 2024\n\nTalks resume on Monday, 6 January.";
        assert!(flagged("weekday-date", text).is_empty());
        let text = "December 28, 2024\n\nTalks resume on Tuesday, 6 January.";
        let d = check("weekday-date", text);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("6 January 2025 is a Monday"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn the_fix_keeps_the_writers_style() {
        assert_eq!(restyle("Tuesday", 1), "Monday");
        assert_eq!(restyle("Tue", 4), "Thu");
        assert_eq!(restyle("Tues", 4), "Thurs");
        assert_eq!(restyle("TUESDAY", 0), "SUNDAY");
        assert_eq!(
            fixed("weekday-date", "It fell on Tue., June 16, 2025.", ""),
            "It fell on Mon., June 16, 2025."
        );
    }

    #[test]
    fn dates_inside_quotations_are_checked() {
        let text = "\"We met on Monday, 3 March 2024,\" she said.";
        assert_eq!(flagged("weekday-date", text), ["Monday, 3 March 2024"]);
    }

    #[test]
    fn hover_names_the_day() {
        let text = "It opened on Monday, 16 June 2025.";
        let doc = crate::Document::parse(text, crate::Format::Text);
        let about = crate::hover(&doc, &Config::default(), text.find("Monday").unwrap()).unwrap();
        assert!(about.contains("16 June 2025 is a Monday"), "{about}");
        assert!(about.contains("matches"), "{about}");
    }
}
