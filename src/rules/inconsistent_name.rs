//! `inconsistent-name`: one person or place spelled two ways in one draft.
//!
//! ## What it does
//! Finds name mentions (runs of capitalised words, with particles, initials and hyphenated
//! parts) and reports every occurrence of a spelling that differs from the draft's preferred
//! spelling of the same name: equal after folding case, diacritics and punctuation (Erdoğan /
//! Erdogan, Kim Jong Un / Kim Jong-un, C.C. Wei / CC Wei), a small edit in one word
//! (Zelensky / Zelenskyy, Newsom / Newsome), or listed together in the variant table
//! (Kyiv / Kiev).
//!
//! ## Why is this bad?
//! Copy desks pick one form of a name and use it consistently; two spellings in one story look
//! careless and can confuse readers about who is who.
//!
//! ## Left alone
//! A surname alone after the full name, titles, different people who share a name (Kim Jong Un
//! and Kim Yo Jong; Hans Meier and Klaus Meyer), demonyms and inflections (Russia / Russian),
//! short words (Iran / Iraq), common English words, all-caps acronyms, and the allow list.
//!
//! ## Preferred spelling
//! The house list in `copydesk.toml`, else the spelling used most often, ties going to the
//! first used.
//!
//! ## Fix
//! 1. Replace this occurrence with the preferred spelling (preferred).
//! 2. Use the preferred spelling everywhere.
//! 3. Use this spelling everywhere.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Rule, CALENDAR, STOP_WORDS};
use crate::data::word_list;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::{fold, Document, Word};

pub struct InconsistentName;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/common-words.txt")));

/// Variant families from `data/name-variants.txt`, by folded key.
static FAMILIES: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (id, line) in crate::data::entries(include_str!("data/name-variants.txt")).enumerate() {
        for form in line.split('|') {
            map.insert(key(form), id);
        }
    }
    map
});

/// Pairs of different names a small edit apart, from `data/distinct-names.txt`, both orders.
static DISTINCT: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
    let mut set = HashSet::new();
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
                let n = level.occurrences[surface].len();
                return Some(format!(
                    "**Name** '{surface}': one spelling in this draft ({n} {})",
                    if n == 1 { "mention" } else { "mentions" }
                ));
            };
            let mut lines = vec![format!("**Name** '{surface}': spellings in this draft")];
            for s in &group.surfaces {
                let n = level.occurrences.get(s).map_or(0, Vec::len);
                let mark = if *s == group.preferred {
                    format!(" — preferred ({})", group.reason.describe())
                } else {
                    String::new()
                };
                lines.push(format!("- '{s}' ×{n}{mark}"));
            }
            if !group.surfaces.contains(&group.preferred) {
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
        for group in &level.groups {
            let to_change: usize = group
                .surfaces
                .iter()
                .filter(|s| **s != group.preferred)
                .map(|s| level.occurrences[s].len())
                .sum();
            let changed = group.surfaces.iter().filter(|s| **s != group.preferred);
            for (nth, surface) in changed.enumerate() {
                for (n, range) in level.occurrences[surface].iter().enumerate() {
                    let i = taken.partition_point(|t| t.end <= range.start);
                    if taken.get(i).is_some_and(|t| t.start < range.end) {
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
        let others = level.occurrences.get(preferred).map_or(0, Vec::len);
        let message = match group.reason {
            Reason::House => format!("'{surface}' is spelled '{preferred}' in the house style"),
            _ => format!(
                "'{surface}' is spelled '{preferred}' {others} other {} in this draft",
                if others == 1 { "time" } else { "times" }
            ),
        };
        let mut diag = Diagnostic::new(InconsistentName.id(), ctx.severity, range.clone(), message);
        if let Some(first) = level.occurrences.get(preferred).and_then(|v| v.first()) {
            diag = diag.with_related(first.clone(), format!("'{preferred}' first used here"));
        }
        let everywhere = |to: &str| -> Vec<Edit> {
            group
                .surfaces
                .iter()
                .filter(|s| s.as_str() != to)
                .flat_map(|s| {
                    level.occurrences[s]
                        .iter()
                        .map(|r| Edit::replace(r.clone(), to))
                })
                .collect()
        };
        diag = diag.with_fix(
            Fix::new(
                format!("Change to '{preferred}'"),
                vec![Edit::replace(range, preferred.clone())],
            )
            .preferred(),
        );
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

/// The comparison key of a name: folded, without spaces, hyphens, full stops or apostrophes.
fn key(name: &str) -> String {
    fold(name)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '-' | '‐' | '‑' | '.' | '\'' | '’' | '\n' | '\r' | '\t'
            )
        })
        .collect()
}

/// Why a spelling is preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    House,
    Majority,
    FirstUse,
}

impl Reason {
    fn describe(self) -> &'static str {
        match self {
            Reason::House => "house list",
            Reason::Majority => "used most often",
            Reason::FirstUse => "used first",
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
    /// Spellings in order of first use.
    order: Vec<String>,
    groups: Vec<Group>,
    /// Pairs of spellings compared while grouping (bounded: linear in the spellings).
    comparisons: usize,
}

impl Level {
    fn add(&mut self, surface: String, range: Range<usize>) {
        let entry = self.occurrences.entry(surface.clone()).or_default();
        if entry.is_empty() {
            self.order.push(surface);
        }
        entry.push(range);
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
}

impl Ledger {
    fn new(ctx: &Context) -> Self {
        let doc = ctx.doc;
        let options = &ctx.config.names;
        let allow: HashSet<String> = options.allow.iter().map(|a| key(a)).collect();
        let mentions = mentions(doc);
        let mut words = Level::default();
        let mut runs = Level::default();
        // Other name words each word appears with, to tell different people apart.
        let mut companions: HashMap<String, Companions> = HashMap::new();
        for m in &mentions {
            let compared: Vec<&NameWord> = m
                .iter()
                .filter(|w| w.compared && !allow.contains(&w.key))
                .collect();
            for (i, w) in compared.iter().enumerate() {
                words.add(w.surface.clone(), w.range.clone());
                let set = companions.entry(w.key.clone()).or_default();
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
            }
            if (2..=NAME_WORDS).contains(&compared.len()) && m.len() == compared.len() {
                let surface = m
                    .iter()
                    .map(|w| w.surface.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                runs.add(surface, m[0].range.start..m[m.len() - 1].range.end);
            }
        }
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
        group(&mut words, &house, true, |a, b| {
            related(a, b, &companions, true)
        });
        group(&mut runs, &house, false, |a, b| {
            related(a, b, &companions, false)
        });
        Ledger {
            words,
            runs,
            #[cfg(test)]
            companion_entries: companions.values().map(|c| c.all.len()).sum(),
        }
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

/// Whether two spellings are variants of one name.
fn related(a: &str, b: &str, companions: &HashMap<String, Companions>, words: bool) -> bool {
    // An acronym and a word spelled like it are not one name in two spellings ("DAX" / "Dax",
    // "German DAX" / "German Dax"); initials are capitals either way ("J.D." / "JD").
    let caps = |s: &str| s.split_whitespace().any(is_caps);
    if caps(a) != caps(b) {
        return false;
    }
    let (ka, kb) = (key(a), key(b));
    if ka == kb {
        return true;
    }
    let listed = FAMILIES
        .get(&ka)
        .is_some_and(|f| FAMILIES.get(&kb) == Some(f));
    let edited = words && similar(&ka, &kb);
    if !(listed || edited) {
        return false;
    }
    // Different people: each is seen with other name words, and none of them match.
    let (ca, cb) = (companions.get(&ka), companions.get(&kb));
    match (ca, cb) {
        (Some(ca), Some(cb)) if !ca.is_empty() && !cb.is_empty() => ca.meet(cb),
        _ => true,
    }
}

/// A small edit apart, as the rule defines it: Damerau–Levenshtein distance 1 when the shorter
/// has at least 5 letters, 2 when it has at least 9; never common words or inflections.
fn similar(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let n = short.chars().count();
    if n < 5
        || !a.chars().all(char::is_alphabetic)
        || !b.chars().all(char::is_alphabetic)
        || COMMON.contains(a)
        || COMMON.contains(b)
    {
        return false;
    }
    if inflection(short, long) || DISTINCT.contains(&(short.to_string(), long.to_string())) {
        return false;
    }
    let limit = if n >= 9 { 2 } else { 1 };
    long.chars().count() - n <= limit && distance(short, long) <= limit
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

/// The most spellings in one candidate bucket each new spelling is compared with.
const REPRESENTATIVES: usize = 16;

/// Groups a level's spellings into variant groups and picks each group's preferred spelling.
/// `edits`: also pair spellings a small edit apart (single words only).
fn group(
    level: &mut Level,
    house: &[(String, Vec<String>)],
    edits: bool,
    related: impl Fn(&str, &str) -> bool,
) {
    let surfaces = &level.order;
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
    // Candidate pairs: same key, same family, or sharing a deletion key.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in surfaces.iter().enumerate() {
        let k = key(s);
        if let Some(f) = FAMILIES.get(&k) {
            buckets.entry(format!("family:{f}")).or_default().push(i);
        }
        for (h, (_, keys)) in house.iter().enumerate() {
            if keys.contains(&k) {
                buckets.entry(format!("house:{h}")).or_default().push(i);
            }
        }
        let dels = if edits && k.chars().count() >= 5 {
            deletions(&k)
        } else {
            vec![k.clone()]
        };
        for d in dels {
            buckets.entry(d).or_default().push(i);
        }
    }
    // Each spelling in a bucket is compared with the bucket's representatives: the first
    // spelling of each group found in it so far, at most `REPRESENTATIVES` of them. Spellings
    // that share a key are near each other, so a bucket of many unrelated spellings is a
    // contrived draft; this keeps the comparisons linear in the number of spellings.
    let mut comparisons = 0;
    let mut keys: Vec<&String> = buckets.keys().collect();
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
                comparisons += 1;
                if house_bucket || related(&surfaces[a], &surfaces[r]) {
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
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        let idx = &members[&root];
        let names: Vec<String> = idx.iter().map(|&i| surfaces[i].clone()).collect();
        let keys: Vec<String> = names.iter().map(|s| key(s)).collect();
        let house_form = house
            .iter()
            .find(|(_, ks)| keys.iter().any(|k| ks.contains(k)));
        let (preferred, reason) = if let Some((p, _)) = house_form {
            (p.clone(), Reason::House)
        } else {
            let count = |s: &String| level.occurrences[s].len();
            let max = names.iter().map(count).max().unwrap_or(0);
            let best = names
                .iter()
                .find(|s| count(s) == max)
                .cloned()
                .unwrap_or_default();
            let tie = names.iter().filter(|s| count(s) == max).count() > 1;
            (
                best,
                if tie {
                    Reason::FirstUse
                } else {
                    Reason::Majority
                },
            )
        };
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

/// Name mentions: runs of capitalised words within a sentence.
fn mentions(doc: &Document) -> Vec<Vec<NameWord>> {
    let text = &doc.text;
    let lower_case_words: HashSet<&str> = doc
        .words()
        .filter(|w| !w.capitalised && !w.number)
        .map(|w| w.lower.as_str())
        .collect();
    let mut out = Vec::new();
    for block in &doc.blocks {
        for s in 0..block.sentences.len() {
            let words = block.sentence_words(s);
            let mut i = 0;
            while i < words.len() {
                let mut run: Vec<NameWord> = Vec::new();
                let mut j = i;
                while j < words.len() {
                    let w = &words[j];
                    let joined = run.is_empty() || touching(text, &words[j - 1], w);
                    if !joined {
                        break;
                    }
                    if let Some(part) = name_part(doc, words, j, run.is_empty(), &lower_case_words)
                    {
                        let possessive = part.1;
                        run.push(part.0);
                        j += 1;
                        if possessive {
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
    lower_case_words: &HashSet<&str>,
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
    if sentence_start && regular && (common || lower_case_words.contains(lower.as_str())) {
        return None;
    }
    let compared =
        !STOP_WORDS.contains(lower.as_str()) && !CALENDAR.contains(lower.trim_end_matches('.'));
    if !compared && first {
        return None;
    }
    let start = w.range.start;
    Some((
        NameWord {
            range: start..start + surface.len(),
            surface: surface.to_string(),
            key: key(surface),
            compared,
        },
        possessive,
    ))
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
            hover.contains("'Erdoğan' ×2 — preferred (used most often)"),
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
        let mut seen = std::collections::HashSet::new();
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
        let ctx = super::Context {
            doc: &doc,
            config: &config,
            severity: crate::diagnostic::Severity::Warning,
        };
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
