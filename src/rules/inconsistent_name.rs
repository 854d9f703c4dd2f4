//! `inconsistent-name`: one person or place spelled two ways in one draft.
//!
//! ## What it does
//! Finds name mentions (runs of capitalised words, with particles, initials and hyphenated
//! parts) and reports every occurrence of a spelling that differs from the draft's preferred
//! spelling of the same name: equal after folding case, diacritics and punctuation (Erdoğan /
//! Erdogan, Kim Jong Un / Kim Jong-un, Park Chan-wook / Park Chanwook), a small edit in one
//! word (Zelensky / Zelenskyy), equal or a small edit apart after transliteration folding
//! (Sergei / Sergey, Aleksandr / Alexander, `data/transliteration.txt`), a surname with and
//! without a final "s" (Venners's / Venner), a multi-word name with a possessive, plural or one
//! misspelt word (New People's Party / New People Party, Untied Nations / United Nations, also
//! against `data/institutions.txt`), or listed together in the variant table (Kyiv / Kiev).
//! English words are compared when used as names: after a title or given name, or as the
//! subject of a speech verb ("…, Smith said").
//!
//! ## Why is this bad?
//! Copy desks pick one form of a name and use it consistently; two spellings in one story look
//! careless and can confuse readers about who is who.
//!
//! ## Left alone
//! A surname alone after the full name, titles, different people who share a name (Kim Jong Un
//! and Kim Yo Jong; Hans Meier and Klaus Meyer), demonyms and inflections (Russia / Russian,
//! Argentina / Argentine), short words (Iran / Iraq), common English words not used as names,
//! all-caps acronyms, a masthead followed by its own word (LA Weekly / L.A.), and the allow
//! list. Inside a quotation a variant is only a hint. Words of more than 40 letters are not
//! names, and a run of more than six capitalised words is a list, not a name.
//!
//! ## Preferred spelling
//! The house list; a well-known name; a form with diacritics (without, when `[names]
//! diacritics = "drop"`); a form with internal capitals (MacBook); the majority when at least
//! twice as common; the first use outside a headline. A spelling used only inside quotations
//! is never preferred. When nothing decides, no fix is preferred.
//!
//! ## Fix
//! 1. Replace this occurrence with the preferred spelling (preferred).
//! 2. Use the preferred spelling everywhere.
//! 3. Use this spelling everywhere.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule, CALENDAR, SPEECH_VERBS, STOP_WORDS};
use crate::config::Diacritics;
use crate::data::word_list;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{fold, BlockKind, Document, Word};

pub struct InconsistentName;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/common-words.txt")));

/// Titles written before a surname, from `data/titles.txt`.
static TITLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/titles.txt")));

/// Variant families from `data/name-variants.txt`, by folded key.
static FAMILIES: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for (id, line) in crate::data::entries(include_str!("data/name-variants.txt")).enumerate() {
        for form in line.split('|') {
            map.insert(key(form), id);
        }
    }
    map
});

/// Pairs of different names a small edit apart, from `data/distinct-names.txt`, both orders.
static DISTINCT: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
    let mut set = HashSet::default();
    for line in crate::data::entries(include_str!("data/distinct-names.txt")) {
        let names: Vec<String> = line.split('|').map(key).collect();
        for a in &names {
            for b in &names {
                if a != b {
                    set.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    set
});

/// Lower-case words that join two parts of a name ("Osama bin Laden", "Vincent van Gogh").
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "abu", "de", "van", "von", "da", "di", "du", "del", "della", "der",
    "den", "la", "le", "al", "el", "dos", "das", "do", "ter", "ten", "zu", "y",
];

/// Endings of demonyms and inflections (Russia / Russian, Israel / Israeli, Texas / Texans,
/// Germany / German), longest first.
const ENDINGS: &[&str] = &[
    "ians", "ites", "ans", "ian", "ese", "ish", "ers", "ite", "an", "ns", "es", "is", "ia", "ic",
    "er", "a", "i", "n", "s", "y",
];

/// A word without one demonym or inflection ending.
fn stems(word: &str) -> impl Iterator<Item = &str> {
    std::iter::once(word).chain(
        ENDINGS
            .iter()
            .filter_map(move |e| word.strip_suffix(e).filter(|s| s.chars().count() >= 3)),
    )
}

/// Whether one word is a demonym or inflection of the other: they share a stem.
fn inflection(a: &str, b: &str) -> bool {
    // A doubled last letter is a spelling variant (Zelensky / Zelenskyy), not an ending.
    let doubled = |s: &str, l: &str| {
        l.strip_prefix(s)
            .is_some_and(|rest| s.ends_with(rest) && rest.chars().count() == 1)
    };
    if doubled(a, b) || doubled(b, a) {
        return false;
    }
    stems(a).any(|x| stems(b).any(|y| x == y))
}

impl Rule for InconsistentName {
    fn id(&self) -> &'static str {
        "inconsistent-name"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "one person or place spelled two ways in one draft (Zelensky / Zelenskyy)"
    }

    fn check_document(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let ledger = Ledger::new(ctx);
        // Single words first, so the range is the differing word where one differs; a whole
        // mention only where no word of it is reported ("Kim Jong Un" / "Kim Jong-un").
        let mut words = Vec::new();
        self.report(ctx, &ledger.words, &[], &mut words);
        let mut taken: Vec<Range<usize>> = words.iter().map(|d| d.range.clone()).collect();
        taken.sort_by_key(|r| r.start);
        out.extend(words);
        self.report(ctx, &ledger.runs, &taken, out);
    }

    fn hover(&self, ctx: &Context, offset: usize) -> Option<String> {
        let ledger = Ledger::new(ctx);
        for level in [&ledger.runs, &ledger.words] {
            let Some(surface) = level
                .occurrences
                .iter()
                .find(|(_, rs)| rs.iter().any(|r| r.start <= offset && offset < r.end))
                .map(|(s, _)| s)
            else {
                continue;
            };
            let Some(group) = level.groups.iter().find(|g| g.surfaces.contains(surface)) else {
                if std::ptr::eq(level, &ledger.runs) {
                    continue;
                }
                let n = level.count(surface);
                return Some(format!(
                    "**Name** '{surface}': one spelling in this draft ({n} {})",
                    if n == 1 { "mention" } else { "mentions" }
                ));
            };
            let mut lines = vec![format!("**Name** '{surface}': spellings in this draft")];
            let undecided = group.reason == Reason::Undecided;
            for s in &group.surfaces {
                let n = level.count(s);
                let mark = if *s == group.preferred && !undecided {
                    format!(" — preferred ({})", group.reason.describe())
                } else {
                    String::new()
                };
                lines.push(format!("- '{s}' ×{n}{mark}"));
            }
            if undecided {
                lines.push(format!(
                    "No spelling is preferred — {}.",
                    group.reason.describe()
                ));
            } else if !group.surfaces.contains(&group.preferred) {
                lines.push(format!(
                    "- '{}' ×0 — preferred ({})",
                    group.preferred,
                    group.reason.describe()
                ));
            }
            return Some(lines.join("\n"));
        }
        None
    }
}

/// Above this many occurrences to change in one group, the document-wide fixes go on the first
/// occurrence of each spelling only, and only for the group's first `EVERYWHERE_SPELLINGS`
/// spellings, so a long book with many variants stays linear in size.
const EVERYWHERE_ON_EACH: usize = 50;

/// See [`EVERYWHERE_ON_EACH`].
const EVERYWHERE_SPELLINGS: usize = 8;

impl InconsistentName {
    /// Diagnostics for every non-preferred occurrence at one level, skipping occurrences that
    /// overlap `taken` (sorted, non-overlapping ranges).
    fn report(
        &self,
        ctx: &Context,
        level: &Level,
        taken: &[Range<usize>],
        out: &mut Vec<Diagnostic>,
    ) {
        let overlaps = |range: &Range<usize>| {
            let i = taken.partition_point(|t| t.end <= range.start);
            taken.get(i).is_some_and(|t| t.start < range.end)
        };
        for group in &level.groups {
            // A whole mention preferred although a word of it is reported as misspelt
            // ("Paraympic Games"): the word's fix makes the mentions agree.
            if level.ranges(&group.preferred).iter().any(overlaps) {
                continue;
            }
            let to_change: usize = group
                .surfaces
                .iter()
                .filter(|s| **s != group.preferred)
                .map(|s| level.count(s))
                .sum();
            let changed = group.surfaces.iter().filter(|s| **s != group.preferred);
            for (nth, surface) in changed.enumerate() {
                for (n, range) in level.ranges(surface).iter().enumerate() {
                    if overlaps(range) {
                        continue;
                    }
                    let everywhere =
                        to_change <= EVERYWHERE_ON_EACH || (n == 0 && nth < EVERYWHERE_SPELLINGS);
                    out.push(self.diagnostic(
                        ctx,
                        level,
                        group,
                        surface,
                        range.clone(),
                        everywhere,
                    ));
                }
            }
        }
    }

    fn diagnostic(
        &self,
        ctx: &Context,
        level: &Level,
        group: &Group,
        surface: &str,
        range: Range<usize>,
        everywhere_fixes: bool,
    ) -> Diagnostic {
        let preferred = &group.preferred;
        let others = level.count(preferred);
        let times = |n: usize| if n == 1 { "time" } else { "times" };
        let message = match group.reason {
            Reason::House => format!("'{surface}' is spelled '{preferred}' in the house style"),
            Reason::Known => format!("'{surface}' is usually spelled '{preferred}'"),
            Reason::Undecided => format!(
                "'{surface}' is spelled '{preferred}' {others} other {} in this draft; \
                 nothing decides which is right",
                times(others)
            ),
            _ => format!(
                "'{surface}' is spelled '{preferred}' {others} other {} in this draft",
                times(others)
            ),
        };
        // A spelling inside a quotation keeps the quoted text's spelling: a hint only.
        let severity = if quoted(ctx.doc, &range) {
            Severity::Hint
        } else {
            ctx.severity
        };
        let mut diag = Diagnostic::new(InconsistentName.id(), severity, range.clone(), message);
        if let Some(first) = level.ranges(preferred).first() {
            diag = diag.with_related(first.clone(), format!("'{preferred}' first used here"));
        }
        let everywhere = |to: &str| -> Vec<Edit> {
            group
                .surfaces
                .iter()
                .filter(|s| s.as_str() != to)
                .flat_map(|s| level.ranges(s).iter().map(|r| Edit::replace(r.clone(), to)))
                .collect()
        };
        let change = Fix::new(
            format!("Change to '{preferred}'"),
            vec![Edit::replace(range, preferred.clone())],
        );
        // When nothing decides, both directions are offered and neither is preferred.
        diag = diag.with_fix(if group.reason == Reason::Undecided {
            change
        } else {
            change.preferred()
        });
        if everywhere_fixes {
            diag = diag
                .with_fix(Fix::new(
                    format!("Use '{preferred}' everywhere"),
                    everywhere(preferred),
                ))
                .with_fix(Fix::new(
                    format!("Use '{surface}' everywhere"),
                    everywhere(surface),
                ));
        }
        diag
    }
}

/// Whether `range` lies inside a quotation of more than the name itself: a name in quotation
/// marks alone ("the iTunes "App Store"") is the writer's own spelling.
fn quoted(doc: &Document, range: &Range<usize>) -> bool {
    let Some(block) = doc.block_at(range.start) else {
        return false;
    };
    block
        .quotes
        .iter()
        .find(|q| q.start <= range.start && range.start < q.end)
        .is_some_and(|q| {
            let inner = doc
                .source
                .get(q.clone())
                .unwrap_or_default()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches(['\'', '’']);
            Some(inner) != doc.source.get(range.clone())
        })
}

/// Whether `range` lies in a heading.
fn in_headline(doc: &Document, range: &Range<usize>) -> bool {
    doc.block_at(range.start)
        .is_some_and(|b| b.kind == BlockKind::Heading)
}

/// The comparison key of a name: folded, without spaces, hyphens, full stops or apostrophes.
fn key(name: &str) -> String {
    strip(&fold(name))
}

/// `folded` without spaces, hyphens, full stops or apostrophes.
fn strip(folded: &str) -> String {
    folded
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '-' | '‐' | '‑' | '.' | '\'' | '’' | '\n' | '\r' | '\t'
            )
        })
        .collect()
}

/// Where a transliteration fold applies in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Start,
    End,
    Any,
}

/// The folds of `data/transliteration.txt`, in order, and whether doubled letters collapse.
/// One transliteration fold: where it applies, what it replaces and with what.
type TranslitFold = (Place, String, String);

static TRANSLIT: LazyLock<(Vec<TranslitFold>, bool)> = LazyLock::new(|| {
    let mut folds = Vec::new();
    let mut doubled = false;
    for line in crate::data::entries(include_str!("data/transliteration.txt")) {
        if line == "doubled" {
            doubled = true;
            continue;
        }
        let Some((head, to)) = line.split_once('>') else {
            continue;
        };
        let mut head = head.split_whitespace();
        let (Some(place), Some(from)) = (head.next(), head.next()) else {
            continue;
        };
        let place = match place {
            "start" => Place::Start,
            "end" => Place::End,
            _ => Place::Any,
        };
        folds.push((place, from.to_string(), to.trim().to_string()));
    }
    (folds, doubled)
});

/// The transliteration key of a name: each word folded by `data/transliteration.txt`, then
/// stripped as [`key`] strips. Two romanisations of one name have equal keys or keys one edit
/// apart (Sergei / Sergey, Yelena / Elena, Mohammed / Muhammad).
fn translit(name: &str) -> String {
    let (folds, doubled) = &*TRANSLIT;
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for (n, word) in folded.split_whitespace().enumerate() {
        let mut w = word.to_string();
        for (place, from, to) in folds {
            match place {
                Place::Start => {
                    if let Some(rest) = w.strip_prefix(from.as_str()) {
                        w = format!("{to}{rest}");
                    }
                }
                Place::End => {
                    if let Some(rest) = w.strip_suffix(from.as_str()) {
                        if rest.chars().count() >= 3 {
                            w = format!("{rest}{to}");
                        }
                    }
                }
                Place::Any => {
                    if w.contains(from.as_str()) {
                        w = w.replace(from.as_str(), to);
                    }
                }
            }
        }
        if *doubled {
            let mut last = None;
            w.retain(|c| {
                let keep = Some(c) != last || !c.is_alphabetic();
                last = Some(c);
                keep
            });
        }
        if n > 0 {
            out.push(' ');
        }
        out.push_str(&w);
    }
    strip(&out)
}

/// The loose key of a multi-word name: each word without a possessive or plural ending, so
/// "New People's Party" is "New People Party" and "Apps Stores" is "App Store".
fn loose(name: &str) -> String {
    fold(name)
        .split_whitespace()
        .map(|w| {
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix('\''))
                .unwrap_or(w);
            let w = if w.chars().count() > 3 {
                w.strip_suffix('s').unwrap_or(w)
            } else {
                w
            };
            strip(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a spelling is preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    House,
    Known,
    Diacritics,
    NoDiacritics,
    InternalCapitals,
    Majority,
    FirstUse,
    Undecided,
}

impl Reason {
    fn describe(self) -> &'static str {
        match self {
            Reason::House => "house list",
            Reason::Known => "the usual spelling of a well-known name",
            Reason::Diacritics => "keeps the diacritics",
            Reason::NoDiacritics => "without diacritics, as the house style asks",
            Reason::InternalCapitals => "keeps the internal capitals",
            Reason::Majority => "used at least twice as often",
            Reason::FirstUse => "used first outside a headline",
            Reason::Undecided => {
                "nothing decides: no house-list entry, no diacritics or internal capitals to \
                 keep, no spelling used twice as often, no use outside headlines and quotations"
            }
        }
    }
}

/// Spellings that name the same thing, and which one to use.
#[derive(Debug)]
struct Group {
    surfaces: Vec<String>,
    preferred: String,
    reason: Reason,
}

/// Every spelling at one level (single words, or whole multi-word mentions) with where it
/// occurs, and the groups of variant spellings.
#[derive(Debug, Default)]
struct Level {
    occurrences: HashMap<String, Vec<Range<usize>>>,
    /// Spellings in order of first use; well-known names a spelling is compared with come
    /// after them, with no occurrences.
    order: Vec<String>,
    groups: Vec<Group>,
    /// Pairs of spellings compared while grouping (bounded: linear in the spellings).
    comparisons: usize,
}

impl Level {
    fn add(&mut self, surface: &str, range: Range<usize>) {
        // Copied only the first time it is seen: most occurrences are of a known spelling.
        if let Some(ranges) = self.occurrences.get_mut(surface) {
            ranges.push(range);
        } else {
            self.occurrences.insert(surface.to_string(), vec![range]);
            self.order.push(surface.to_string());
        }
    }

    fn ranges(&self, surface: &str) -> &[Range<usize>] {
        self.occurrences.get(surface).map_or(&[], Vec::as_slice)
    }

    fn count(&self, surface: &str) -> usize {
        self.ranges(surface).len()
    }
}

struct Ledger {
    words: Level,
    runs: Level,
    /// Companion entries kept, summed over words (bounded: linear in the name words).
    #[cfg(test)]
    companion_entries: usize,
}

/// One word of a name mention.
struct NameWord {
    range: Range<usize>,
    surface: String,
    /// `key(surface)`, computed once.
    key: String,
    /// Usable for comparison (not a particle, title-like stop word or month).
    compared: bool,
    /// After a title ("Mr Baker", "Judge Fisher").
    titled: bool,
    /// Next to a speech verb ("…, Baker said", "said Baker").
    speaking: bool,
    /// Ends in "s" and is written with a possessive "'s" ("Venners's"): a name, not a plural.
    s_possessive: bool,
    /// Can be a given name: not an acronym or a place word, and either not an English word or
    /// never written in lower case in the draft ("Peter", not "West" or "New").
    given: bool,
}

/// Words that begin place names rather than people's ("West Texas", "New Jersey").
const PLACE_WORDS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "new", "old", "great", "greater", "upper", "lower", "little", "big", "grand", "saint", "st",
    "san", "santa", "port", "fort", "mount", "lake", "cape", "united", "royal", "national",
];

/// What a comparison of two spellings knows about the draft.
struct Evidence {
    /// Other name words each word key appears beside, to tell different people apart.
    companions: HashMap<String, Companions>,
    /// Word keys used as a name somewhere: after a title or a given name, or next to a speech
    /// verb. Such a word is compared even when it is also an English word (Baker, Fisher).
    named: HashSet<String>,
    /// Word keys used after a title.
    titled: HashSet<String>,
    /// Word keys used as the subject of a speech verb.
    speaking: HashSet<String>,
    /// Word keys ending in "s" written with a possessive "'s" ("Venners's").
    s_possessive: HashSet<String>,
    /// Keys of the name words that follow each spelling inside a mention ("LA" → "weekly").
    followers: HashMap<String, HashSet<String>>,
}

impl Ledger {
    fn new(ctx: &Context) -> Self {
        let doc = ctx.doc;
        let options = &ctx.config.names;
        let allow: HashSet<String> = options.allow.iter().map(|a| key(a)).collect();
        let mentions = mentions(ctx);
        let mut words = Level::default();
        let mut runs = Level::default();
        let mut ev = Evidence {
            companions: HashMap::default(),
            named: HashSet::default(),
            titled: HashSet::default(),
            speaking: HashSet::default(),
            s_possessive: HashSet::default(),
            followers: HashMap::default(),
        };
        // Each block's mentions as kept, with ranges relative to the block at `at`.
        let each = mentions
            .iter()
            .flat_map(|(at, kept)| kept.runs.iter().map(move |m| (*at, m)));
        for (at, m) in each {
            let compared: Vec<&NameWord> = m
                .iter()
                .filter(|w| w.compared && !allow.contains(&w.key))
                .collect();
            for (i, w) in compared.iter().enumerate() {
                words.add(&w.surface, w.range.start + at..w.range.end + at);
                // Keys are copied only the first time each is seen.
                if !ev.companions.contains_key(&w.key) {
                    ev.companions.insert(w.key.clone(), Companions::default());
                }
                let Some(set) = ev.companions.get_mut(&w.key) else {
                    continue;
                };
                // Only the neighbours a name can have: a list of names run together is not one
                // name, and every word of it would otherwise be every other word's companion.
                let near = i.saturating_sub(NAME_WORDS - 1)..(i + NAME_WORDS).min(compared.len());
                for other in &compared[near] {
                    let k = &other.key;
                    if *k != w.key
                        && !COMMON.contains(k.as_str())
                        && !STOP_WORDS.contains(k.as_str())
                    {
                        set.insert(k);
                    }
                }
                // After a given name: the word before it in the mention is a name word that
                // is not an English word or an acronym ("Maxine Waters", not "West Texas").
                let given = i > 0 && compared[i - 1].given;
                let note = |set: &mut HashSet<String>| {
                    if !set.contains(&w.key) {
                        set.insert(w.key.clone());
                    }
                };
                if w.titled {
                    note(&mut ev.titled);
                }
                // The subject of a speech verb alone ("…, Water said"), not the end of a longer
                // name ("General Motors said").
                let speaking = w.speaking && compared.len() == 1;
                if speaking {
                    note(&mut ev.speaking);
                }
                if w.s_possessive {
                    note(&mut ev.s_possessive);
                }
                if w.titled || given || speaking {
                    note(&mut ev.named);
                }
                if !ev.followers.contains_key(&w.surface) {
                    ev.followers.insert(w.surface.clone(), HashSet::default());
                }
                if let (Some(next), Some(follows)) =
                    (compared.get(i + 1), ev.followers.get_mut(&w.surface))
                {
                    if !follows.contains(&next.key) {
                        follows.insert(next.key.clone());
                    }
                }
            }
            // A whole mention of two to six words, every one compared or capitalised ("Moon
            // Jae In"), as written: inner possessives stay ("New People's Party").
            let capitalised = |w: &NameWord| w.surface.starts_with(char::is_uppercase);
            // A title is not part of the name ("Officer Daniel Marsh" is "Daniel Marsh").
            let titles = m
                .iter()
                .take_while(|w| TITLES.contains(w.key.as_str()))
                .count();
            let m = &m[titles.min(m.len().saturating_sub(1))..];
            if (2..=NAME_WORDS).contains(&m.len())
                && !compared.is_empty()
                && m.iter()
                    .all(|w| (w.compared && !allow.contains(&w.key)) || capitalised(w))
            {
                let range = m[0].range.start + at..m[m.len() - 1].range.end + at;
                // One spelling whatever the spacing and the apostrophe's style; copied only
                // when it needs changing.
                let raw = &doc.source[range.clone()];
                let plain = !raw.contains("  ")
                    && !raw.contains('’')
                    && raw.chars().all(|c| c == ' ' || !c.is_whitespace());
                if plain {
                    runs.add(raw, range);
                } else {
                    let surface = raw
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('’', "'");
                    runs.add(&surface, range);
                }
            }
        }
        // Well-known names a draft's name misspells in one word join the run level with no
        // occurrences, so that the misspelling is grouped with them.
        // Not one the draft already writes: it is in the level with its occurrences.
        let written: HashSet<String> = runs.order.iter().map(|s| key(s)).collect();
        let mut known = Vec::new();
        for s in &runs.order {
            for k in wildcards(s) {
                for &i in INSTITUTIONS.wildcards.get(&k).into_iter().flatten() {
                    let form = &INSTITUTIONS.names[i];
                    if !written.contains(&key(form))
                        && one_word_typo(form, s)
                        && american(s) != american(form)
                        && !known.contains(form)
                    {
                        known.push(form.clone());
                    }
                }
            }
        }
        runs.order.extend(known);
        let house: Vec<(String, Vec<String>)> = options
            .prefer
            .iter()
            .map(|(p, vs)| {
                (
                    p.clone(),
                    vs.iter().map(|v| key(v)).chain([key(p)]).collect(),
                )
            })
            .collect();
        let choose = |level: &Level, names: &[String]| -> (String, Reason) {
            prefer(ctx, level, names, &house)
        };
        group(
            &mut words,
            &house,
            true,
            |a, b| related(a, b, &ev, true),
            &choose,
        );
        group(
            &mut runs,
            &house,
            false,
            |a, b| related(a, b, &ev, false),
            &choose,
        );
        Ledger {
            words,
            runs,
            #[cfg(test)]
            companion_entries: ev.companions.values().map(|c| c.all.len()).sum(),
        }
    }
}

/// Well-known multi-word names (`data/institutions.txt`), and each by its wildcard keys.
struct Institutions {
    names: Vec<String>,
    wildcards: HashMap<String, Vec<usize>>,
}

static INSTITUTIONS: LazyLock<Institutions> = LazyLock::new(|| {
    let names: Vec<String> = crate::data::entries(include_str!("data/institutions.txt"))
        .map(str::to_string)
        .collect();
    let mut wildcards: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, n) in names.iter().enumerate() {
        for k in wildcards_of(n) {
            wildcards.entry(k).or_default().push(i);
        }
    }
    Institutions { names, wildcards }
});

/// A multi-word name's keys with one word left out in turn ("united *", "* nations").
fn wildcards_of(name: &str) -> Vec<String> {
    let words: Vec<String> = name.split_whitespace().map(key).collect();
    if words.len() < 2 || words.len() > NAME_WORDS {
        return Vec::new();
    }
    (0..words.len())
        .map(|i| {
            let mut w = words.clone();
            w[i] = "*".to_string();
            w.join(" ")
        })
        .collect()
}

/// [`wildcards_of`], for a run's surface.
fn wildcards(name: &str) -> Vec<String> {
    wildcards_of(name)
}

/// Whether two multi-word names have the same words but one, and that one is a small edit
/// apart, even when it is an English word ("Untied Nations" / "United Nations").
fn one_word_typo(a: &str, b: &str) -> bool {
    let wa: Vec<String> = a.split_whitespace().map(key).collect();
    let wb: Vec<String> = b.split_whitespace().map(key).collect();
    if wa.len() != wb.len() || wa.len() < 2 {
        return false;
    }
    let differing: Vec<usize> = (0..wa.len()).filter(|&i| wa[i] != wb[i]).collect();
    let [i] = differing[..] else {
        return false;
    };
    let (x, y) = (&wa[i], &wb[i]);
    let n = x.chars().count().min(y.chars().count());
    let limit = if n >= 9 { 2 } else { 1 };
    n >= 5
        && x.chars().all(char::is_alphabetic)
        && y.chars().all(char::is_alphabetic)
        && !inflection(x, y)
        && !DISTINCT.contains(&(x.clone(), y.clone()))
        && x.chars().count().abs_diff(y.chars().count()) <= limit
        && distance(x, y) <= limit
}

/// A name with British spellings made American ("Organisation" → "organization", "Defence"
/// → "defense"): a well-known name written in the other spelling is not misspelt.
fn american(name: &str) -> String {
    let mut k = fold(name);
    for (british, american) in [
        ("isation", "ization"),
        ("ise", "ize"),
        ("our", "or"),
        ("ence", "ense"),
        ("tre", "ter"),
    ] {
        k = k.replace(british, american);
    }
    k
}

/// Whether `s` has letters with diacritics.
fn has_diacritics(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_alphabetic() && !c.is_ascii() && fold(&c.to_string()) != c.to_lowercase().to_string()
    })
}

/// Whether a word of `s` has a capital after a lower-case letter (MacBook, iPhone, McDonald).
fn has_internal_capitals(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let cs: Vec<char> = w.chars().collect();
        cs.windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
    })
}

/// The preferred spelling of a group of variant spellings, and why. In order: the house list;
/// a well-known name; a form with diacritics (or without, when the house style drops them); a
/// form with internal capitals; the majority, when at least twice as common; the first use
/// outside a headline. A spelling used only inside quotations is never preferred.
fn prefer(
    ctx: &Context,
    level: &Level,
    names: &[String],
    house: &[(String, Vec<String>)],
) -> (String, Reason) {
    let keys: Vec<String> = names.iter().map(|s| key(s)).collect();
    if let Some((p, _)) = house
        .iter()
        .find(|(_, ks)| keys.iter().any(|k| ks.contains(k)))
    {
        return (p.clone(), Reason::House);
    }
    // A well-known name wins over a misspelling of it however often each is written: the
    // one the draft never writes (added to be compared), or one it writes as the list does.
    if let Some(k) = names
        .iter()
        .find(|s| level.count(s) == 0 || INSTITUTIONS.names.iter().any(|n| n == *s))
    {
        return (k.clone(), Reason::Known);
    }
    let doc = ctx.doc;
    let outside = |s: &String| {
        level
            .ranges(s)
            .iter()
            .filter(|r| !quoted(doc, r) && !in_headline(doc, r))
            .count()
    };
    let unquoted = |s: &String| level.ranges(s).iter().any(|r| !quoted(doc, r));
    let mut candidates: Vec<&String> = names.iter().filter(|s| unquoted(s)).collect();
    if candidates.is_empty() {
        candidates = names.iter().collect();
    }
    let mut narrow = |keep: &dyn Fn(&str) -> bool, reason: Reason| -> Option<(String, Reason)> {
        let kept: Vec<&String> = candidates.iter().copied().filter(|s| keep(s)).collect();
        if kept.len() == 1 {
            return Some((kept[0].clone(), reason));
        }
        if !kept.is_empty() {
            candidates = kept;
        }
        None
    };
    let decided = if ctx.config.names.diacritics == Diacritics::Drop {
        narrow(&|s| !has_diacritics(s), Reason::NoDiacritics)
    } else {
        narrow(&has_diacritics, Reason::Diacritics)
    };
    if let Some(d) = decided.or_else(|| narrow(&has_internal_capitals, Reason::InternalCapitals)) {
        return d;
    }
    // The spelling used most outside headlines and quotations; failing that, most outside
    // headlines, quotations included (the reporter wrote those too): "Palestinian" four times,
    // three of them quoted, over "Palestinean" once.
    let unheaded = |s: &String| {
        level
            .ranges(s)
            .iter()
            .filter(|r| !in_headline(doc, r))
            .count()
    };
    for count in [&outside as &dyn Fn(&String) -> usize, &unheaded] {
        let mut counts: Vec<(usize, &String)> = candidates.iter().map(|s| (count(s), *s)).collect();
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        if let [(top, best), (second, _), ..] = counts[..] {
            if top > 0 && top >= 2 * second {
                return (best.clone(), Reason::Majority);
            }
        }
    }
    // The first use outside a headline and a quotation.
    let first = candidates
        .iter()
        .filter_map(|s| {
            level
                .ranges(s)
                .iter()
                .find(|r| !in_headline(doc, r) && !quoted(doc, r))
                .map(|r| (r.start, *s))
        })
        .min();
    match first {
        Some((_, s)) => (s.clone(), Reason::FirstUse),
        None => (candidates[0].clone(), Reason::Undecided),
    }
}

/// The most words one name has ("Maria de los Ángeles García Fernández" has seven, two of them
/// particles). A longer run of capitalised words is a list of names: its words are still
/// compared, each with its neighbours as companions, but the run is not one mention.
const NAME_WORDS: usize = 6;

/// A word too long to be a name: longer words are not name words. The longest name words in
/// use have about 35 letters ("Wolfeschlegelsteinhausenbergerdorff"); a longer run of letters
/// is a hash, a pasted token or a German compound, and comparing it costs the square of its
/// length in deletion keys.
const NAME_LETTERS: usize = 40;

/// Companions compared by edit distance with another word's companions; all of them are
/// compared exactly. A word seen beside hundreds of names (a title, a list) is matched on its
/// first companions only, so one comparison stays bounded.
const FUZZY_COMPANIONS: usize = 16;

/// The other name words one word appears beside: every one, and the first in order of use.
#[derive(Debug, Default)]
struct Companions {
    all: HashSet<String>,
    first: Vec<String>,
}

impl Companions {
    fn insert(&mut self, k: &str) {
        if !self.all.contains(k) {
            self.all.insert(k.to_string());
            if self.first.len() < FUZZY_COMPANIONS {
                self.first.push(k.to_string());
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Whether the two share a companion, exactly or a small edit apart.
    fn meet(&self, other: &Companions) -> bool {
        let (small, large) = if self.all.len() <= other.all.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.all.iter().any(|x| large.all.contains(x))
            || small
                .first
                .iter()
                .any(|x| large.first.iter().any(|y| similar(x, y)))
    }
}

/// A spelling with what comparing it needs, computed once.
struct Spelling<'a> {
    surface: &'a str,
    folded: String,
    key: String,
    translit: String,
    caps: bool,
}

impl<'a> Spelling<'a> {
    fn new(surface: &'a str) -> Self {
        let folded = fold(surface);
        Spelling {
            surface,
            key: strip(&folded),
            translit: translit(surface),
            caps: surface.split_whitespace().any(is_caps),
            folded,
        }
    }
}

/// Whether two spellings are labels of different classes that differ in one part of a single
/// letter: "E-type" and "M-type" asteroids, "T-cells" and "B-cells", "A-list" and "B-list".
fn single_letter_classes(a: &str, b: &str) -> bool {
    let (pa, pb): (Vec<&str>, Vec<&str>) = (a.split('-').collect(), b.split('-').collect());
    if pa.len() < 2 || pa.len() != pb.len() {
        return false;
    }
    let differing: Vec<(&str, &str)> = pa
        .iter()
        .zip(&pb)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    matches!(differing[..], [(x, y)] if x.chars().count() == 1 && y.chars().count() == 1)
}

/// Whether two spellings are variants of one name.
fn related(x: &Spelling, y: &Spelling, ev: &Evidence, words: bool) -> bool {
    // An acronym and a word spelled like it are not one name in two spellings ("DAX" / "Dax",
    // "German DAX" / "German Dax"); initials are capitals either way ("J.D." / "JD").
    if x.caps != y.caps {
        return false;
    }
    let (a, b) = (x.surface, y.surface);
    let (ka, kb) = (&x.key, &y.key);
    if single_letter_classes(a, b) {
        return false;
    }
    if ka == kb {
        // Spellings that differ in their full stops or spaces ("L.A." / "LA"): a masthead or
        // brand when one is followed by a name word the other never is ("LA Weekly").
        let punctuation = x.folded != y.folded;
        if words && punctuation {
            let empty = HashSet::default();
            let fa = ev.followers.get(a).unwrap_or(&empty);
            let fb = ev.followers.get(b).unwrap_or(&empty);
            return fa.is_subset(fb) && fb.is_subset(fa);
        }
        return true;
    }
    let listed = FAMILIES
        .get(ka)
        .is_some_and(|f| FAMILIES.get(kb) == Some(f));
    let edited = if words {
        variant(x, y, ev)
    } else {
        // Not a plain plural of the whole name ("World Cup" / "the worst World Cups").
        let plural = a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a);
        (loose(a) == loose(b) && !plural) || one_word_typo(a, b)
    };
    if !(listed || edited) {
        return false;
    }
    // Different people: each is seen with other name words, and none of them match.
    let (ca, cb) = (ev.companions.get(ka), ev.companions.get(kb));
    match (ca, cb) {
        (Some(ca), Some(cb)) if !ca.is_empty() && !cb.is_empty() => ca.meet(cb),
        _ => true,
    }
}

/// Whether two single-word keys are spellings of one name: a small edit apart, as the
/// transliteration table folds them, or a person's surname with and without a final "s".
fn variant(x: &Spelling, y: &Spelling, ev: &Evidence) -> bool {
    let (ka, kb) = (x.key.as_str(), y.key.as_str());
    let plain = |k: &str| COMMON.contains(k) && !ev.named.contains(k);
    if plain(ka)
        || plain(kb)
        || !ka.chars().all(char::is_alphabetic)
        || !kb.chars().all(char::is_alphabetic)
        || DISTINCT.contains(&(ka.to_string(), kb.to_string()))
    {
        return false;
    }
    let shortest = ka.chars().count().min(kb.chars().count());
    if close(ka, kb) {
        return true;
    }
    let (ta, tb) = (&x.translit, &y.translit);
    if shortest >= 4 && ta == tb {
        return true;
    }
    // "Venners's" / "Venner", "Waters" / "Water said": a surname, not a plural, when either is
    // used after a title, the longer is written with a possessive "'s", or both are used as
    // names and one is the subject of a speech verb.
    let s_ending = ka.strip_suffix('s') == Some(kb) || kb.strip_suffix('s') == Some(ka);
    let either = |set: &HashSet<String>| set.contains(ka) || set.contains(kb);
    let surname = either(&ev.titled)
        || either(&ev.s_possessive)
        || (ev.named.contains(ka) && ev.named.contains(kb) && either(&ev.speaking));
    if s_ending && shortest >= 4 && surname {
        return true;
    }
    !inflection(ka, kb) && close(ta, tb)
}

/// A small edit apart, as the rule defines it: Damerau–Levenshtein distance 1 when the shorter
/// has at least 5 letters, 2 when it has at least 9; never inflections or listed pairs.
fn close(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let n = short.chars().count();
    if n < 5 || inflection(short, long) || DISTINCT.contains(&(short.to_string(), long.to_string()))
    {
        return false;
    }
    let limit = if n >= 9 { 2 } else { 1 };
    long.chars().count() - n <= limit && distance(short, long) <= limit
}

/// [`close`], for two words that are not common English words.
fn similar(a: &str, b: &str) -> bool {
    a.chars().all(char::is_alphabetic)
        && b.chars().all(char::is_alphabetic)
        && !COMMON.contains(a)
        && !COMMON.contains(b)
        && close(a, b)
}

/// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions).
pub(super) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Keys within one deletion (two for long words) of `k`: words a small edit apart share one.
fn deletions(k: &str) -> Vec<String> {
    /// `s` with each of its characters left out in turn.
    fn each_deletion(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        (0..chars.len())
            .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
            .collect()
    }
    let one = each_deletion(k);
    let mut out = vec![k.to_string()];
    if one.len() >= 9 {
        for d in &one {
            out.extend(each_deletion(d));
        }
    }
    out.extend(one);
    out
}

/// Picks a group's preferred spelling, and why.
type Choose<'a> = dyn Fn(&Level, &[String]) -> (String, Reason) + 'a;

/// The most spellings in one candidate bucket each new spelling is compared with.
const REPRESENTATIVES: usize = 16;

/// Groups a level's spellings into variant groups and picks each group's preferred spelling
/// with `choose`. `edits`: pair single words a small edit apart; otherwise (multi-word names)
/// pair names whose words differ in a possessive or plural ending, or in one misspelt word.
fn group(
    level: &mut Level,
    house: &[(String, Vec<String>)],
    edits: bool,
    related: impl Fn(&Spelling, &Spelling) -> bool,
    choose: &Choose,
) {
    let surfaces = &level.order;
    let spellings: Vec<Spelling> = surfaces.iter().map(|s| Spelling::new(s)).collect();
    let n = surfaces.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while p[r] != r {
            r = p[r];
        }
        let mut i = i;
        while p[i] != r {
            let next = p[i];
            p[i] = r;
            i = next;
        }
        r
    }
    // Candidate pairs: same key, same family, or sharing a deletion key (of the key or of its
    // transliteration key); for multi-word names, the same loose key or wildcard key.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, sp) in spellings.iter().enumerate() {
        let (s, k) = (sp.surface, &sp.key);
        if let Some(f) = FAMILIES.get(k) {
            buckets.entry(format!("family:{f}")).or_default().push(i);
        }
        for (h, (_, keys)) in house.iter().enumerate() {
            if keys.contains(k) {
                buckets.entry(format!("house:{h}")).or_default().push(i);
            }
        }
        let mut dels = if edits && k.chars().count() >= 5 {
            deletions(k)
        } else {
            vec![k.clone()]
        };
        if edits {
            let t = &sp.translit;
            if t != k && t.chars().count() >= 5 {
                dels.extend(deletions(t).into_iter().map(|d| format!("t:{d}")));
            }
            dels.push(format!("t:{t}"));
        } else {
            dels.push(format!("loose:{}", loose(s)));
            dels.extend(wildcards(s).into_iter().map(|w| format!("w:{w}")));
        }
        dels.sort_unstable();
        dels.dedup();
        for d in dels {
            buckets.entry(d).or_default().push(i);
        }
    }
    // Each spelling in a bucket is compared with the bucket's representatives: the first
    // spelling of each group found in it so far, at most `REPRESENTATIVES` of them. Spellings
    // that share a key are near each other, so a bucket of many unrelated spellings is a
    // contrived draft; this keeps the comparisons linear in the number of spellings.
    let mut comparisons = 0;
    // Spellings that share several keys are compared once.
    let mut compared: HashSet<(usize, usize)> = HashSet::default();
    // A bucket of one spelling compares nothing: only the others are visited, in key order.
    let mut keys: Vec<&String> = buckets
        .iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(key, _)| key)
        .collect();
    keys.sort_unstable();
    for name in keys {
        let members = &buckets[name];
        let house_bucket = name.starts_with("house:");
        let mut representatives: Vec<usize> = Vec::new();
        for &a in members {
            let mut joined = false;
            for &r in &representatives {
                if find(&mut parent, a) == find(&mut parent, r) {
                    joined = true;
                    break;
                }
                if !house_bucket && !compared.insert((a.min(r), a.max(r))) {
                    continue;
                }
                comparisons += 1;
                if house_bucket || related(&spellings[a], &spellings[r]) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, r));
                    parent[ra.max(rb)] = ra.min(rb);
                    joined = true;
                    break;
                }
            }
            if !joined && representatives.len() < REPRESENTATIVES {
                representatives.push(a);
            }
        }
    }
    level.comparisons += comparisons;
    let mut members: HashMap<usize, Vec<usize>> = HashMap::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        let idx = &members[&root];
        let names: Vec<String> = idx.iter().map(|&i| level.order[i].clone()).collect();
        // A well-known name alone, with no spelling of the draft's beside it.
        if names.iter().all(|s| level.count(s) == 0) {
            continue;
        }
        let (preferred, reason) = choose(level, &names);
        // Inflections of the preferred spelling are the same name, not variants of it
        // ("Paralympic", "Paralympics", "Paralympian"): a misspelling can join them in one
        // group ("Paraympic" is an edit from two of them), and only the misspelling is then
        // reported, as the form it is nearest to.
        let family = inflected_family(idx, &spellings, &preferred, &related);
        if family.len() > 1 {
            let mut nearest: Vec<(usize, Vec<String>)> = Vec::new();
            for &i in idx {
                if family.contains(&i) || level.count(&level.order[i]) == 0 {
                    continue;
                }
                let Some(&to) = family
                    .iter()
                    .min_by_key(|&&f| distance(&spellings[i].key, &spellings[f].key))
                else {
                    continue;
                };
                match nearest.iter_mut().find(|(f, _)| *f == to) {
                    Some((_, typos)) => typos.push(level.order[i].clone()),
                    None => nearest.push((to, vec![level.order[i].clone()])),
                }
            }
            for (to, typos) in nearest {
                let preferred = level.order[to].clone();
                let mut surfaces = vec![preferred.clone()];
                surfaces.extend(typos);
                level.groups.push(Group {
                    surfaces,
                    preferred,
                    reason,
                });
            }
            continue;
        }
        // Well-known names the draft does not use are not its spellings.
        let names: Vec<String> = names.into_iter().filter(|s| level.count(s) > 0).collect();
        let needs_report = names.len() > 1 || names.iter().any(|s| *s != preferred);
        if needs_report {
            level.groups.push(Group {
                surfaces: names,
                preferred,
                reason,
            });
        }
    }
}

/// The members of a group (indices into `spellings`) reached from the preferred spelling by
/// inflection alone: different keys sharing a stem that the group's comparison does not call
/// variants (so a surname with and without a final "s", which it does, stays a variant). The
/// preferred spelling is first; empty when it is not one of the group's spellings.
fn inflected_family(
    idx: &[usize],
    spellings: &[Spelling],
    preferred: &str,
    related: &impl Fn(&Spelling, &Spelling) -> bool,
) -> Vec<usize> {
    let Some(start) = idx
        .iter()
        .copied()
        .find(|&i| spellings[i].surface == preferred)
    else {
        return Vec::new();
    };
    let inflected = |a: &Spelling, b: &Spelling| {
        a.key != b.key && a.translit != b.translit && inflection(&a.key, &b.key) && !related(a, b)
    };
    let mut family = vec![start];
    let mut next = 0;
    while next < family.len() {
        let at = family[next];
        next += 1;
        for &i in idx {
            if !family.contains(&i) && inflected(&spellings[at], &spellings[i]) {
                family.push(i);
            }
        }
    }
    family
}

/// Name mentions: runs of capitalised words within a sentence. Every block's, each with the
/// block's start: their ranges are relative to it.
fn mentions(ctx: &Context) -> Vec<(usize, std::sync::Arc<BlockMentions>)> {
    let doc = ctx.doc;
    if ctx.facts.is_none() {
        // Checked once: the set of the draft's lower-case words, read straight off the words.
        let lower: HashSet<&str> = doc
            .words()
            .filter(|w| !w.capitalised && !w.number)
            .map(|w| w.lower.as_str())
            .collect();
        return mentions_with(ctx, &|w| lower.contains(w));
    }
    // Checked again and again (an editor): each block's lower-case words are kept with the
    // block, and the draft's count of each is brought up to date from the blocks that changed.
    let blocks: Vec<std::sync::Arc<Vec<compact_str::CompactString>>> = (0..doc.blocks.len())
        .map(|i| {
            ctx.block_facts(
                "inconsistent-name/lower-case",
                i,
                |_| true,
                |b| {
                    let mut own: Vec<compact_str::CompactString> = b
                        .words
                        .iter()
                        .filter(|w| !w.capitalised && !w.number)
                        .map(|w| w.lower.clone())
                        .collect();
                    own.sort_unstable();
                    own.dedup();
                    own.shrink_to_fit();
                    own
                },
            )
        })
        .collect();
    ctx.aggregate(
        "inconsistent-name/lower-case",
        blocks,
        |counts: &mut HashMap<compact_str::CompactString, u32>, words| {
            for w in words.iter() {
                *counts.entry(w.clone()).or_default() += 1;
            }
        },
        |counts, words| {
            for w in words.iter() {
                if let Some(n) = counts.get_mut(w.as_str()) {
                    *n -= 1;
                    if *n == 0 {
                        counts.remove(w.as_str());
                    }
                }
            }
        },
        |counts| mentions_with(ctx, &|w| counts.contains_key(w)),
    )
}

/// [`mentions`], with `lower_case(word)` telling whether a word is written in lower case
/// somewhere in the draft.
fn mentions_with(
    ctx: &Context,
    lower_case: &dyn Fn(&str) -> bool,
) -> Vec<(usize, std::sync::Arc<BlockMentions>)> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        // Each block's mentions, kept relative to the block between checks with the words
        // they asked about: whether each is written in lower case somewhere in the draft.
        let at = block.range.start;
        let kept = ctx.block_facts(
            "inconsistent-name",
            index,
            |m: &BlockMentions| {
                m.asked
                    .iter()
                    .all(|(w, was)| lower_case(w.as_str()) == *was)
            },
            |b| {
                let asking = Asking {
                    words: lower_case,
                    asked: std::cell::RefCell::default(),
                };
                let mut runs = block_mentions(doc, b, &asking);
                for w in runs.iter_mut().flatten() {
                    w.range = w.range.start - at..w.range.end - at;
                }
                BlockMentions {
                    runs,
                    asked: asking.asked.into_inner(),
                }
            },
        );
        out.push((at, kept));
    }
    out
}

/// The mentions of one block, relative to its start, and the words whose lower-case use in
/// the draft they depend on, with what it was.
struct BlockMentions {
    runs: Vec<Vec<NameWord>>,
    asked: Vec<(String, bool)>,
}

/// Whether a word is written in lower case somewhere in the draft, noting each word asked.
struct Asking<'a> {
    words: &'a dyn Fn(&str) -> bool,
    asked: std::cell::RefCell<Vec<(String, bool)>>,
}

impl Asking<'_> {
    fn contains(&self, word: &str) -> bool {
        let was = (self.words)(word);
        self.asked.borrow_mut().push((word.to_string(), was));
        was
    }
}

/// The name mentions of one block.
fn block_mentions(
    doc: &Document,
    block: &crate::prose::Block,
    lower_case_words: &Asking,
) -> Vec<Vec<NameWord>> {
    let text = &doc.text;
    let mut out = Vec::new();
    for s in 0..block.sentences.len() {
        let words = block.sentence_words(s);
        let mut i = 0;
        while i < words.len() {
            let mut run: Vec<NameWord> = Vec::new();
            let mut j = i;
            while j < words.len() {
                let w = &words[j];
                // "Farmers' Union": a plural possessive inside a name, the apostrophe
                // outside the word, before an ordinary noun.
                let plural_possessive = || {
                    let prev = &words[j - 1];
                    let gap = &text[prev.range.end..w.range.start];
                    prev.lower.ends_with('s')
                        && gap
                            .strip_prefix(['\'', '’'])
                            .is_some_and(|rest| rest.chars().all(char::is_whitespace))
                        && w.capitalised
                        && COMMON.contains(w.lower.as_str())
                };
                let joined =
                    run.is_empty() || touching(text, &words[j - 1], w) || plural_possessive();
                if !joined {
                    break;
                }
                if let Some(part) = name_part(doc, words, j, run.is_empty(), lower_case_words) {
                    let possessive = part.1;
                    run.push(part.0);
                    j += 1;
                    // A possessive ends the name ("Putin's Russia"), except inside a name
                    // whose next word is an ordinary noun ("New People's Party").
                    let inside = possessive
                        && run.len() >= 2
                        && words.get(j).is_some_and(|n| {
                            touching(text, &words[j - 1], n)
                                && n.capitalised
                                && !n.all_caps
                                && COMMON.contains(n.lower.as_str())
                        });
                    if possessive && !inside {
                        break;
                    }
                    continue;
                }
                // A particle between two name words.
                let particle = !run.is_empty()
                    && PARTICLES.contains(&w.lower.as_str())
                    && words
                        .get(j + 1)
                        .is_some_and(|n| touching(text, w, n) && n.capitalised);
                if particle {
                    let surface = &doc.source[w.range.clone()];
                    run.push(NameWord {
                        range: w.range.clone(),
                        surface: surface.to_string(),
                        key: key(surface),
                        compared: false,
                        titled: false,
                        speaking: false,
                        given: false,
                        s_possessive: false,
                    });
                    j += 1;
                    continue;
                }
                break;
            }
            if run.iter().any(|w| w.compared) {
                // Short all-caps words count only beside an ordinary name word.
                let ordinary = run.iter().any(|w| w.compared && !is_caps(&w.surface));
                if ordinary {
                    out.push(run);
                }
            }
            i = j.max(i + 1);
        }
    }
    out
}

fn is_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether only white space separates two words.
fn touching(text: &str, a: &Word, b: &Word) -> bool {
    text[a.range.end..b.range.start]
        .chars()
        .all(char::is_whitespace)
}

/// The name word at `words[j]`, and whether it is possessive (which ends the mention).
fn name_part(
    doc: &Document,
    words: &[Word],
    j: usize,
    first: bool,
    lower_case_words: &Asking,
) -> Option<(NameWord, bool)> {
    let w = &words[j];
    let written = &doc.source[w.range.clone()];
    if w.number {
        return None;
    }
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    if letters > NAME_LETTERS {
        return None;
    }
    let initials = written.contains('.') && w.all_caps;
    let prefixed = ["al-", "el-", "ad-", "as-", "ash-", "bin-"]
        .iter()
        .any(|p| w.lower.starts_with(p) && written[p.len()..].starts_with(char::is_uppercase));
    let short_caps = w.all_caps && letters <= 3;
    let regular = w.capitalised && !w.all_caps;
    if !(regular || initials || short_caps || prefixed) {
        return None;
    }
    // Strip a possessive ending: the name is the name itself.
    let (surface, possessive) = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| written.strip_suffix(p).map(|s| (s, true)))
        .unwrap_or((written, false));
    let lower = surface.to_lowercase();
    // "I'm", "I’ll": the pronoun, not a name.
    if lower.starts_with("i'") || lower.starts_with("i’") {
        return None;
    }
    // At the start of a sentence, a common word is just a capitalised word.
    let sentence_start = j == 0 && first;
    let common = COMMON.contains(lower.as_str()) || STOP_WORDS.contains(lower.as_str());
    // A given name that is also an English word opens a name ("Peter Venner said") when it is
    // never written in lower case in the draft and the next word is a name that is not one.
    let given_name = || {
        !STOP_WORDS.contains(lower.as_str())
            && !lower_case_words.contains(lower.as_str())
            && words.get(j + 1).is_some_and(|n| {
                touching(&doc.text, w, n)
                    && n.capitalised
                    && !n.all_caps
                    && !COMMON.contains(n.lower.as_str())
                    && !STOP_WORDS.contains(n.lower.as_str())
                    && !CALENDAR.contains(n.lower.as_str())
            })
    };
    if sentence_start
        && regular
        && (common || lower_case_words.contains(lower.as_str()))
        && !given_name()
    {
        return None;
    }
    let compared =
        !STOP_WORDS.contains(lower.as_str()) && !CALENDAR.contains(lower.trim_end_matches('.'));
    if !compared && first {
        return None;
    }
    let start = w.range.start;
    let text = &doc.text;
    let before = j.checked_sub(1).map(|i| &words[i]);
    let titled = before
        .is_some_and(|b| touching(text, b, w) && TITLES.contains(b.lower.trim_end_matches('.')));
    let speaking = words
        .get(j + 1)
        .is_some_and(|n| touching(text, w, n) && SPEECH_VERBS.contains(n.lower.as_str()))
        || before.is_some_and(|b| touching(text, b, w) && SPEECH_VERBS.contains(b.lower.as_str()));
    Some((
        NameWord {
            range: start..start + surface.len(),
            surface: surface.to_string(),
            key: key(surface),
            compared,
            titled,
            speaking,
            s_possessive: possessive
                && surface.ends_with('s')
                && (written.ends_with("'s") || written.ends_with("’s")),
            given: regular
                && !PLACE_WORDS.contains(&lower.as_str())
                && !(common && lower_case_words.contains(lower.as_str())),
        },
        possessive,
    ))
}

/// One spelling of a name in a draft: the text, how often it is used, and the byte offset of
/// its first use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpelling {
    pub text: String,
    pub count: usize,
    pub first: usize,
}

/// A name in a draft's ledger: its spellings in order of first use, the preferred spelling
/// (none when nothing decides) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry {
    pub spellings: Vec<NameSpelling>,
    pub preferred: Option<String>,
    pub reason: String,
}

/// The draft's name ledger, as `inconsistent-name` sees it, in order of first use: every
/// multi-word name, and every single-word name used outside them, with its variant spellings.
pub fn name_ledger(doc: &Document, config: &crate::config::Config) -> Vec<NameEntry> {
    let ctx = Context::new(doc, config, Severity::Warning);
    let ledger = Ledger::new(&ctx);
    let spelling = |level: &Level, s: &String| NameSpelling {
        text: s.clone(),
        count: level.count(s),
        first: level.ranges(s).first().map_or(0, |r| r.start),
    };
    let mut entries: Vec<NameEntry> = Vec::new();
    let mut run_ranges: Vec<Range<usize>> = Vec::new();
    for level in [&ledger.runs, &ledger.words] {
        let words = std::ptr::eq(level, &ledger.words);
        run_ranges.sort_by_key(|r| r.start);
        let inside_run = |r: &Range<usize>| {
            let i = run_ranges.partition_point(|x| x.start <= r.start);
            i > 0 && run_ranges[i - 1].end >= r.end
        };
        let mut grouped: HashSet<&String> = HashSet::default();
        for g in &level.groups {
            grouped.extend(&g.surfaces);
            let mut spellings: Vec<NameSpelling> =
                g.surfaces.iter().map(|s| spelling(level, s)).collect();
            spellings.sort_by_key(|s| s.first);
            entries.push(NameEntry {
                spellings,
                preferred: (g.reason != Reason::Undecided).then(|| g.preferred.clone()),
                reason: g.reason.describe().to_string(),
            });
        }
        let mut ranges = Vec::new();
        for s in &level.order {
            let used = level.ranges(s);
            if used.is_empty() {
                continue;
            }
            if !words {
                ranges.extend(used.iter().cloned());
            }
            if grouped.contains(s) || (words && used.iter().all(inside_run)) {
                continue;
            }
            entries.push(NameEntry {
                spellings: vec![spelling(level, s)],
                preferred: Some(s.clone()),
                reason: "one spelling".to_string(),
            });
        }
        run_ranges.extend(ranges);
    }
    entries.sort_by_key(|e| e.spellings.iter().map(|s| s.first).min().unwrap_or(0));
    entries
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, check_as, fixed, flagged};
    use crate::config::Config;
    use crate::prose::{Document, Format};

    const RULE: &str = "inconsistent-name";

    #[test]
    fn diacritics_and_case() {
        let text = "Recep Tayyip Erdoğan spoke. Erdoğan left. Later Erdogan returned.";
        assert_eq!(flagged(RULE, text), ["Erdogan"]);
        let d = &check(RULE, text)[0];
        assert_eq!(
            d.message,
            "'Erdogan' is spelled 'Erdoğan' 2 other times in this draft"
        );
        assert_eq!(&text[d.related[0].range.clone()], "Erdoğan");
        assert_eq!(
            flagged(RULE, "Workers met in Łódź. Others went to Lodz."),
            ["Lodz"]
        );
        assert_eq!(
            flagged(RULE, "Viktor Orbán won. Critics of Orban wept."),
            ["Orban"]
        );
    }

    #[test]
    fn a_well_known_name_is_preferred_to_its_misspelling_and_reported_once() {
        for text in [
            "The Untied Nations met on Monday. The United Nations said so.",
            "The Untied Nations met. The Untied Nations said so. The United Nations left.",
            "The Untied Nations met. The United Nations said so. The United Nations left.",
        ] {
            let found = check(RULE, text);
            let at: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
            assert!(at.iter().all(|s| *s == "Untied Nations"), "{text}: {at:?}");
            assert_eq!(found.len(), text.matches("Untied").count(), "{text}");
            assert!(
                found.iter().all(|d| d.message.contains("'United Nations'")
                    && d.fixes[0]
                        .edits
                        .iter()
                        .all(|e| e.new_text == "United Nations")),
                "{text}"
            );
        }
    }

    #[test]
    fn a_misspelling_between_inflections_is_reported_against_the_nearest_alone() {
        let text = "The Paralympics opened. She is a Paralympian. He won at the 2006 Winter \
                    Paralympics. The team has Paralympic veterans. It missed two Paraympic Games. \
                    Other Paralympic sports differ. The Paralympics end in March. Paralympic \
                    Games are held every four years.";
        let found = check(RULE, text);
        let at: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(at, ["Paraympic"], "{:?}", found);
        assert!(
            found[0].message.contains("'Paralympic'"),
            "{}",
            found[0].message
        );
        // Inflections alone are one name.
        let text = "The Olympics opened. She is an Olympian. Olympic teams met. The Olympics end.";
        assert!(flagged(RULE, text).is_empty(), "{:?}", flagged(RULE, text));
    }

    #[test]
    fn spacing_and_apostrophes_are_no_spelling() {
        for text in [
            "Kim Jong Un spoke. Then Kim Jong\u{a0}Un left. Kim  Jong Un slept.",
            "Kim Jong Un spoke. Then Kim\nJong Un left. Kim Jong Un slept.",
            "The New People's Party won. The New People’s Party gained. New People's Party MPs met.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
    }

    #[test]
    fn hyphens_spaces_and_full_stops() {
        assert_eq!(
            flagged(
                RULE,
                "Kim Jong Un spoke. Then Kim Jong-un left. Kim Jong Un slept."
            ),
            ["Kim Jong-un"]
        );
        assert_eq!(
            flagged(
                RULE,
                "J.D. Vance spoke. Later JD Vance left. J.D. Vance slept."
            ),
            ["JD"]
        );
        assert_eq!(
            flagged(
                RULE,
                "C.C. Wei told analysts. CC Wei said more. C.C. Wei left."
            ),
            ["CC"]
        );
    }

    #[test]
    fn small_edits() {
        assert_eq!(
            flagged(
                RULE,
                "Volodymyr Zelenskyy spoke. Zelenskyy left. Then Zelensky returned."
            ),
            ["Zelensky"]
        );
        assert_eq!(
            flagged(RULE, "Muammar Gaddafi ruled. Gaddafi fell. Qaddafi died."),
            ["Qaddafi"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Governor Gavin Newsom spoke. Newsome said more. Newsom left."
            ),
            ["Newsome"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Sales at Volkswagen rose. Volkswagen hired. Volkswagon fired."
            ),
            ["Volkswagon"]
        );
        assert_eq!(
            flagged(RULE, "Judge Meier ruled. Meier left. Meyer returned."),
            ["Meyer"]
        );
    }

    #[test]
    fn variant_table() {
        assert_eq!(
            flagged(RULE, "Troops left Kyiv. Kyiv held. Shells hit Kiev."),
            ["Kiev"]
        );
        assert_eq!(
            flagged(
                RULE,
                "Mao Zedong ruled. Mao Zedong died. Mao Tse-tung was buried."
            ),
            ["Mao Tse-tung"]
        );
    }

    #[test]
    fn possessives_are_the_name() {
        assert_eq!(
            flagged(
                RULE,
                "Erdoğan's party won. Erdoğan spoke. Erdogan's rivals lost."
            ),
            ["Erdogan"]
        );
        let text = "Erdoğan's party won. Erdoğan spoke. Erdogan's rivals lost.";
        assert_eq!(
            fixed(RULE, text, ""),
            "Erdoğan's party won. Erdoğan spoke. Erdoğan's rivals lost."
        );
    }

    #[test]
    fn leaves_surnames_titles_and_family_names_alone() {
        for text in [
            "NATO's Secretary General Mark Rutte spoke. Rutte left. Mr Rutte returned.",
            "Mr Cho met Prof Banach. Cho and Banach agreed.",
            "Kim Jong Un spoke. Kim left. Kim Yo Jong stayed.",
            "J.D. Vance spoke. Usha Vance smiled. Vance left.",
            "Hans Meier met Klaus Meyer. Meier and Meyer agreed.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn leaves_demonyms_and_short_words_alone() {
        for text in [
            "Russia sent troops. Russian troops crossed. Korea and Korean firms. Ukraine and Ukrainian soldiers.",
            "Iran and Iraq talked. Austria and Australia played. Israel and Israeli leaders.",
            "Apple and Google. NATO and NASA. The Council met. Council members voted.",
        ] {
            assert!(flagged(RULE, text).is_empty(), "{text}: {:?}", flagged(RULE, text));
        }
    }

    #[test]
    fn acronyms_and_pronouns_are_not_name_variants() {
        for text in [
            "The German DAX fell. The Dax rose. Shares on the DAX closed. The German Dax rose.",
            "I'm here, he said. I’m not, she said. I’m sure.",
        ] {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let text = "Last week Mr Smith spoke. Lost in the crowd, Mr Smith left. He was last seen.";
        assert!(flagged(RULE, text).is_empty());
    }

    #[test]
    fn allow_list() {
        let text = "Zelenskyy spoke. Zelenskyy left. Zelensky returned.";
        let config = Config::from_toml("[names]\nallow = [\"Zelensky\"]\n", None).unwrap();
        assert!(check_as(RULE, text, Format::Text, &config).is_empty());
    }

    #[test]
    fn preferred_spelling_order() {
        // Majority.
        assert_eq!(
            flagged(RULE, "Zelensky spoke. Zelenskyy left. Zelenskyy returned."),
            ["Zelensky"]
        );
        // Tie: first use wins.
        assert_eq!(
            flagged(RULE, "Zelensky spoke. Zelenskyy left."),
            ["Zelenskyy"]
        );
        // House list beats both, even when it is the only spelling used.
        let config = Config::from_toml(
            "[names.prefer]\nZelenskyy = [\"Zelensky\", \"Zelenskiy\"]\n",
            None,
        )
        .unwrap();
        let text = "Zelensky spoke. Zelensky left. Zelenskyy returned.";
        let found: Vec<String> = check_as(RULE, text, Format::Text, &config)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect();
        assert_eq!(found, ["Zelensky", "Zelensky"]);
        let d = &check_as(RULE, "Zelensky spoke.", Format::Text, &config)[0];
        assert_eq!(
            d.message,
            "'Zelensky' is spelled 'Zelenskyy' in the house style"
        );
    }

    #[test]
    fn fixes() {
        let text = "Pedro Sánchez spoke. Sanchez left. Sánchez returned.";
        assert_eq!(
            fixed(RULE, text, ""),
            "Pedro Sánchez spoke. Sánchez left. Sánchez returned."
        );
        assert_eq!(
            fixed(RULE, text, "Use 'Sánchez' everywhere"),
            "Pedro Sánchez spoke. Sánchez left. Sánchez returned."
        );
        assert_eq!(
            fixed(RULE, text, "Use 'Sanchez' everywhere"),
            "Pedro Sanchez spoke. Sanchez left. Sanchez returned."
        );
    }

    #[test]
    fn many_variants_keep_document_wide_fixes_on_the_first_occurrence() {
        let text = "Pedro Sánchez spoke. ".repeat(70) + &"Sanchez left. ".repeat(60);
        let d = check(RULE, &text);
        assert_eq!(d.len(), 60);
        assert_eq!(d[0].fixes.len(), 3);
        assert!(d[1..].iter().all(|d| d.fixes.len() == 1));
        assert_eq!(d[0].fixes[1].edits.len(), 60);
        let few = "Pedro Sánchez spoke. ".repeat(3) + &"Sanchez left. ".repeat(2);
        assert!(check(RULE, &few).iter().all(|d| d.fixes.len() == 3));
    }

    #[test]
    fn hover_shows_the_ledger() {
        let text =
            "Recep Tayyip Erdoğan spoke. Erdoğan left. Later Erdogan returned. Rutte smiled.";
        let doc = Document::parse(text, Format::Text);
        let config = Config::default();
        let hover = crate::hover(&doc, &config, text.find("Erdogan").unwrap()).unwrap();
        assert!(
            hover.contains("'Erdoğan' ×2 — preferred (keeps the diacritics)"),
            "{hover}"
        );
        assert!(hover.contains("'Erdogan' ×1"), "{hover}");
        let hover = crate::hover(&doc, &config, text.find("Rutte").unwrap()).unwrap();
        assert!(
            hover.contains("one spelling in this draft (1 mention)"),
            "{hover}"
        );
    }

    /// `n` different made-up two-word names, the same for the same `n`.
    fn made_up_names(n: usize) -> Vec<String> {
        let (c, v) = (b"bcdfghjklmnprstvwz", b"aeiou");
        let mut seed = n as u64 * 2_654_435_761 + 1;
        let mut next = |m: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % m
        };
        let mut seen = rustc_hash::FxHashSet::default();
        let mut out = Vec::new();
        while out.len() < n {
            let mut word = || {
                let len = 5 + next(5);
                let mut w: String = (0..len)
                    .map(|i| {
                        if i % 2 == 0 {
                            c[next(c.len())] as char
                        } else {
                            v[next(v.len())] as char
                        }
                    })
                    .collect();
                w[..1].make_ascii_uppercase();
                w
            };
            let name = format!("{} {}", word(), word());
            if seen.insert(name.clone()) {
                out.push(name);
            }
        }
        out
    }

    fn ledger(text: &str) -> super::Ledger {
        let doc = Document::parse(text, Format::Markdown);
        let config = Config::default();
        let ctx = super::Context::new(&doc, &config, crate::diagnostic::Severity::Warning);
        super::Ledger::new(&ctx)
    }

    #[test]
    fn a_word_too_long_to_be_a_name_is_not_one() {
        let long = format!("A{} said it.", "b".repeat(599));
        let l = ledger(&long);
        assert!(l.words.order.is_empty(), "{:?}", l.words.order);
        assert_eq!(l.words.comparisons, 0);
        // The longest real name words are still names.
        let text = "Hubert Wolfeschlegelsteinhausenbergerdorff spoke. \
                    Wolfeschlegelsteinhausenbergerdorf left.";
        assert_eq!(flagged(RULE, text), ["Wolfeschlegelsteinhausenbergerdorf"]);
    }

    #[test]
    fn a_list_of_names_keeps_the_ledger_linear() {
        for n in [500, 1000, 2000] {
            let names = made_up_names(n);
            for text in [
                format!("Victims:\n{}\n", names.join("\n")),
                format!("Today {} met.", names.join(" ")),
            ] {
                let l = ledger(&text);
                let words = 2 * n;
                // Each word keeps at most its neighbours within one name as companions.
                assert!(
                    l.companion_entries <= 2 * (super::NAME_WORDS - 1) * words,
                    "{n}: {} companion entries",
                    l.companion_entries
                );
                // A list of names is not one name.
                assert!(l.runs.order.len() <= 1, "{:?}", l.runs.order.len());
                assert!(
                    l.words.comparisons <= super::REPRESENTATIVES * 100 * words,
                    "{n}: {} comparisons",
                    l.words.comparisons
                );
            }
        }
    }

    #[test]
    fn many_near_duplicates_keep_comparisons_and_fixes_linear() {
        // Twelve-letter names two edits apart: every pair shares a deletion key.
        let base: Vec<char> = "kowalczykiew".chars().collect();
        let letters: Vec<char> = ('a'..='z').collect();
        let mut names = Vec::new();
        for i in 0..base.len() {
            for j in i + 1..base.len() {
                for (x, &l) in letters.iter().enumerate().take(12) {
                    let mut w = base.clone();
                    w[i] = l;
                    w[j] = letters[(x * 7 + 3) % 26];
                    w[0] = w[0].to_ascii_uppercase();
                    names.push(w.into_iter().collect::<String>());
                }
            }
        }
        names.sort();
        names.dedup();
        let text: String = names
            .iter()
            .map(|n| format!("Officer {n} said it. "))
            .collect();
        let l = ledger(&text);
        let keys_per_word = 1 + 12 + 12 * 11;
        assert!(
            l.words.comparisons <= super::REPRESENTATIVES * keys_per_word * names.len(),
            "{} comparisons for {} names",
            l.words.comparisons,
            names.len()
        );
        let found = check(RULE, &text);
        let edits: usize = found
            .iter()
            .flat_map(|d| &d.fixes)
            .map(|f| f.edits.len())
            .sum();
        assert!(
            edits <= (2 * super::EVERYWHERE_SPELLINGS + 1) * names.len(),
            "{edits} edits in the fixes of {} names",
            names.len()
        );
    }

    /// Asserts that each draft is reported on exactly `expected`.
    fn catches(cases: &[(&str, &[&str])]) {
        for (text, expected) in cases {
            assert_eq!(flagged(RULE, text), *expected, "{text}");
        }
    }

    fn leaves_alone(texts: &[&str]) {
        for text in texts {
            assert!(
                flagged(RULE, text).is_empty(),
                "{text}: {:?}",
                flagged(RULE, text)
            );
        }
    }

    #[test]
    fn transliterations_are_one_name() {
        catches(&[
            (
                "Sergei Ivanov spoke. Sergei Ivanov left. Sergey Ivanov returned.",
                &["Sergey"],
            ),
            (
                "Andrei Kozlov spoke. Andrei Kozlov left. Andrey Kozlov returned.",
                &["Andrey"],
            ),
            (
                "Yuri Dud spoke. Yuri Dud left. Yury Dud returned.",
                &["Yury"],
            ),
            (
                "Dmitriy Peskov spoke. Dmitri Peskov left. Dmitri Peskov returned.",
                &["Dmitriy"],
            ),
            (
                "Aleksandr Dugin spoke. Alexander Dugin left. Aleksandr Dugin returned.",
                &["Alexander"],
            ),
            (
                "Yelena Isinbayeva won. Yelena Isinbayeva left. Elena Isinbayeva returned.",
                &["Elena"],
            ),
            (
                "Yevgeny Prigozhin spoke. Evgeny Prigozhin left. Yevgeny Prigozhin returned.",
                &["Evgeny"],
            ),
            (
                "Mikhail Mishustin spoke. Mihail Mishustin left. Mikhail Mishustin returned.",
                &["Mihail"],
            ),
            (
                "Ahmed Hassan spoke. Ahmad Hassan left. Ahmed Hassan returned.",
                &["Ahmad"],
            ),
            (
                "Abdel Rahman spoke. Abdul Rahman left. Abdel Rahman returned.",
                &["Abdul"],
            ),
            (
                "Youssef Chahed spoke. Yusef Chahed left. Youssef Chahed returned.",
                &["Yusef"],
            ),
            (
                "Oleksandr Syrskyi spoke. Syrskyi left. Syrsky returned.",
                &["Syrsky"],
            ),
            (
                "Anastasiya Kuzmina won. Anastasiya Kuzmina left. Anastasia Kuzmina ran.",
                &["Anastasia"],
            ),
            (
                "Alexei Navalny spoke. Aleksey Navalny left. Alexei Navalny ran.",
                &["Aleksey"],
            ),
            (
                "Abdel Fattah el-Sisi spoke. Then al-Sisi left. el-Sisi returned.",
                &["al-Sisi"],
            ),
        ]);
        // Different names whose last letters differ are still different names.
        leaves_alone(&[
            "Maria Lopez met Mario Lopez.",
            "Russia and Russian troops. Kenya and Kenyan runners. Italy and Italian food.",
            "The Philippines sent Filipino nurses. Argentina and Argentine beef.",
        ]);
    }

    #[test]
    fn given_names_spaced_hyphenated_or_joined() {
        catches(&[
            (
                "Park Chan-wook directed. Park Chan-wook spoke. Later Park Chan Wook left.",
                &["Park Chan Wook"],
            ),
            (
                "Bong Joon-ho won. Bong Joon-ho spoke. Then Bong Joonho left.",
                &["Joonho"],
            ),
            (
                "Wang Xiao-ming spoke. Wang Xiao-ming left. Wang Xiaoming returned.",
                &["Xiaoming"],
            ),
            (
                "Moon Jae-in met Yoon. Moon Jae-in left. Moon Jae In returned.",
                &["Moon Jae In"],
            ),
        ]);
    }

    #[test]
    fn surnames_that_are_english_words_when_used_as_names() {
        catches(&[
            (
                "Judge Sarah Smyth ruled. Later, Smith said the case was closed.",
                &["Smith"],
            ),
            (
                "Ms Browne spoke first. The plan would work, Brown said.",
                &["Brown"],
            ),
            (
                "Rep. Maxine Waters spoke. The bill is dead, Water said.",
                &["Water"],
            ),
            (
                "Det. Hanna Fischer arrived. Nothing was taken, Fisher said.",
                &["Fisher"],
            ),
            (
                "Coach Dale Hunter resigned. The season was over, said Hunt.",
                &[],
            ),
        ]);
        // English words that are not used as names stay out of the comparison.
        leaves_alone(&[
            "Officials in Green Bay voted. Greene County objected.",
            "The Fisher Price toys sold. Fischer Group bought them.",
            "Water levels rose. Waters receded by Tuesday.",
        ]);
    }

    #[test]
    fn possessives_and_plurals_inside_names() {
        catches(&[
            (
                "Peter Venner spoke. Venner left. Venners's office closed.",
                &["Venners"],
            ),
            (
                "Carla Hobb spoke. Hobbs's staff left. Ms Hobb returned.",
                &["Hobbs"],
            ),
        ]);
        let text = "The New People's Party won. Leaders of the New People's Party met. \
                    The New People Party lost.";
        assert_eq!(flagged(RULE, text), ["New People Party"]);
        let text = "Apple runs the App Store. The App Store grew. Apps Stores shrank.";
        assert_eq!(flagged(RULE, text), ["Apps Stores"]);
        let text = "The Free Farmers' Union met. The Free Farmers’ Union voted. \
                    The Free Farmers' Union spoke. The Free Farmers Union left.";
        assert_eq!(flagged(RULE, text), ["Free Farmers Union"]);
        // A possessive still ends a name before another name.
        leaves_alone(&["Putin's Russia invaded. Russia lost. Vladimir Putin spoke."]);
    }

    #[test]
    fn a_misspelt_word_inside_a_well_known_name() {
        catches(&[
            (
                "The United Nations met. The Untied Nations voted.",
                &["Untied Nations"],
            ),
            // Against the built-in list when the draft has no correct form.
            (
                "Delegates at the Untied Nations voted.",
                &["Untied Nations"],
            ),
            (
                "Experts at the World Heath Organization spoke.",
                &["World Heath Organization"],
            ),
            ("The Eurpean Union fined the firm.", &["Eurpean Union"]),
            (
                "Lawyers at Harlow Mining Group spoke. Harlow Minning Group lost.",
                &["Minning"],
            ),
        ]);
        let d = &check(RULE, "Delegates at the Untied Nations voted.")[0];
        assert_eq!(
            d.message,
            "'Untied Nations' is usually spelled 'United Nations'"
        );
        assert_eq!(
            fixed(RULE, "Delegates at the Untied Nations voted.", ""),
            "Delegates at the United Nations voted."
        );
        leaves_alone(&[
            "North Carolina and South Carolina voted. The United Nations met.",
            "The Labour Party won in Britain. The Labor Party won in Australia.",
            "United Airlines flew. The United Nations met. United States troops left.",
            "The Prime Minister spoke. Prime Ministers met.",
        ]);
    }

    #[test]
    fn countries_demonyms_and_near_places_are_not_variants() {
        leaves_alone(&[
            "Argentina won. The Argentine team left. Argentinian fans sang.",
            "Belarus voted. Belarusian troops left.",
            "The Philippines voted. Filipino workers left. A Filipina nurse spoke.",
            "Austria and Australia played. Austrian and Australian fans sang.",
            "Sharia courts ruled. Nawaz Sharif spoke. Sharif left.",
            "Nigeria and Niger met. Nigerian and Nigerien troops left.",
            "Portugal and Iceland drew. Ireland won. Ireland's fans sang. Iceland left.",
            "French Guiana is a territory of France. Guyana joined. Guyana voted.",
            "It cannot be an E-type asteroid. M-type asteroids are dense. M-type ones are rare.",
        ]);
        // One letter that is not a class of its own is still a variant.
        assert_eq!(
            flagged(
                RULE,
                "Kim Jong-un spoke. Kim Jong-un left. Kim Jong-in ate."
            ),
            ["Jong-in"]
        );
    }

    #[test]
    fn a_quoted_spelling_is_a_hint_and_never_preferred() {
        let text = "The statement read: \"We thank President Zelensky and Zelensky's \
                    government.\" Zelenskyy said he was grateful.";
        let found = check(RULE, text);
        assert_eq!(found.len(), 2, "{found:#?}");
        for d in &found {
            assert_eq!(&text[d.range.clone()], "Zelensky");
            assert_eq!(d.severity, crate::diagnostic::Severity::Hint);
            assert!(d.message.contains("spelled 'Zelenskyy'"), "{}", d.message);
        }
    }

    #[test]
    fn a_masthead_written_its_own_way_is_a_different_name() {
        leaves_alone(&[
            "He wrote for LA Weekly. Police in East L.A. arrested him.",
            "She reads the NY Post. Albany, N.Y. Mayor Kathy Sheehan spoke.",
        ]);
        // Without the following word, the two are one name.
        catches(&[(
            "J.D. Vance spoke. Later JD Vance left. J.D. Vance slept.",
            &["JD"],
        )]);
    }

    #[test]
    fn the_right_spelling() {
        // Internal capitals beat a more frequent flattened form.
        let text = "Apple sold the MacBook. The Macbook Air and Macbook Pro sold. \
                    The Macbook grew. Macbook sales rose.";
        assert_eq!(flagged(RULE, text), ["Macbook"; 4]);
        // Diacritics beat a more frequent plain form.
        let text = "Pedro Sanchez spoke. Sanchez left. Sanchez returned. Sánchez slept.";
        assert_eq!(flagged(RULE, text), ["Sanchez"; 3]);
        // ... unless the house style drops them.
        let config = Config::from_toml("[names]\ndiacritics = \"drop\"\n", None).unwrap();
        let found: Vec<String> = check_as(RULE, text, Format::Text, &config)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect();
        assert_eq!(found, ["Sánchez"]);
        // The majority only when at least twice as common; else the first use.
        assert_eq!(
            flagged(
                RULE,
                "Meier spoke. Meyer left. Meyer ate. Meier ran. Meyer sang."
            ),
            ["Meyer"; 3]
        );
        assert_eq!(
            flagged(RULE, "Meier spoke. Meyer left. Meyer ate. Meyer sang."),
            ["Meier"]
        );
        // Counted with quotations when the counts outside them do not decide.
        assert_eq!(
            flagged(
                RULE,
                "He backed the Palestinean cause. The council wrote: \"the Palestinian people \
                 suffer, the Palestinian people wait, the Palestinian people hope.\" The \
                 Palestinian envoy thanked them."
            ),
            ["Palestinean"]
        );
        // The first use outside a headline.
        let text = "# Zelensky in Kyiv\n\nPresident Zelenskyy spoke. Zelensky left.\n";
        let found: Vec<String> = check_as(RULE, text, Format::Markdown, &Config::default())
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect();
        assert_eq!(found, ["Zelensky", "Zelensky"]);
    }

    #[test]
    fn when_nothing_decides_neither_spelling_is_preferred() {
        let text = "# Zelenskyy in Kyiv\n\n## Zelensky in Lviv\n";
        let found = check_as(RULE, text, Format::Markdown, &Config::default());
        assert_eq!(found.len(), 1);
        assert!(found[0].fixes.iter().all(|f| !f.preferred), "{found:#?}");
        assert!(
            found[0].message.contains("nothing decides"),
            "{}",
            found[0].message
        );
        let doc = Document::parse(text, Format::Markdown);
        let hover = crate::hover(&doc, &Config::default(), text.find("Zelensky ").unwrap());
        let hover = hover.unwrap_or_default();
        assert!(hover.contains("No spelling is preferred"), "{hover}");
        assert!(!hover.contains("— preferred"), "{hover}");
    }

    #[test]
    fn distance_function() {
        assert_eq!(super::distance("meier", "meyer"), 1);
        assert_eq!(super::distance("ab", "ba"), 1);
        assert!(super::similar("zelensky", "zelenskyy"));
        assert!(!super::similar("russia", "russian"));
        assert!(!super::similar("texas", "texans"));
        assert!(!super::similar("germany", "german"));
        assert!(!super::similar("wikimedia", "wikipedia"));
        assert!(super::similar("newsom", "newsome"));
        assert!(!super::similar("iran", "iraq"));
    }
}
