//! Re-checking a document after an edit without re-running every rule on every block.
//!
//! A [`BlockCache`] keeps, for each block of the last text it saw, the findings of every
//! [`Rule::check_block`](crate::rules::Rule::check_block), stored relative to the block's
//! *span*: the whole lines the block occupies. A block whose span has the same source text and
//! the same analysis text (what the Markdown pass masked) as before, in a document of the same
//! format and line break, under the same configuration, gets the stored findings moved to
//! where the block now is; any other block is checked afresh. Rules that compare blocks
//! ([`Rule::check_document`](crate::rules::Rule::check_document)) always run.
//!
//! This is generic over the rules: it relies only on the `check_block` contract (a block's
//! findings depend on the lines it spans, the format, the line break and the configuration).
//! A finding with any range outside its block's span is never stored; that block is simply
//! checked every time. The result is the same as [`check_document`](crate::check_document)
//! gives, finding for finding and in the same order.
//!
//! Findings are held once: [`BlockCache::check_shared`] hands out the very findings the cache
//! stores (behind an [`Arc`]), so a caller that keeps the result (the server keeps its last
//! analysis) shares them with the cache instead of holding a second copy. A stored finding is
//! copied only when its block has moved, and the copy at the new place is stored instead.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHasher};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::prose::{Block, BlockKind, Document, Format};
use crate::rules::{self, Rule};
use crate::{panic_message, suppress, Outcome, RuleFailure};

/// Per-block findings of the last text checked, reused for blocks an edit did not touch.
#[derive(Debug, Default)]
pub struct BlockCache {
    /// What the stored findings were computed under: the caller's configuration key, the
    /// format and the file's line break.
    setting: Option<(u64, Format, &'static str)>,
    /// One entry per distinct block span of the last text, found by key through `index`.
    entries: Vec<Entry>,
    /// What document-wide rules derived from each entry's block
    /// ([`rules::Context::block_facts`]), beside `entries`, slot for slot.
    facts: Vec<Vec<(&'static str, rules::Facts)>>,
    index: FxHashMap<u64, usize>,
    /// What document-wide rules built from per-block facts ([`rules::Context::aggregate`]).
    documents: KeptDocuments,
    /// Blocks whose findings came from the cache in the last check, and all blocks.
    reused: usize,
    blocks: usize,
    /// Checks so far: tells which stored findings the current check has already handed out.
    checks: u64,
}

/// Document-wide values by rule, taken out by a check and put back when it is done.
#[derive(Default)]
struct KeptDocuments(Mutex<FxHashMap<&'static str, Box<dyn std::any::Any + Send>>>);

impl std::fmt::Debug for KeptDocuments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map_or(0, |m| m.len());
        write!(f, "KeptDocuments({n} kept)")
    }
}

/// Whether two rule ids are the same (the same string, almost always at the same address).
fn same_rule(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// The kept facts as one check sees them: block `i` is in the entry at `slots[i]`, or in none
/// when the entry under its key holds another text (a collision of keys), whose facts are
/// never shared. Facts derived during the check are gathered in `added` and kept afterwards.
struct FactView<'c> {
    slots: &'c [Option<usize>],
    kept: &'c [Vec<(&'static str, rules::Facts)>],
    added: Mutex<FxHashMap<(usize, &'static str), rules::Facts>>,
    documents: &'c KeptDocuments,
}

impl rules::FactStore for FactView<'_> {
    fn get(&self, rule: &'static str, index: usize) -> Option<rules::Facts> {
        let slot = (*self.slots.get(index)?)?;
        if let Some((_, facts)) = self
            .kept
            .get(slot)?
            .iter()
            .find(|(r, _)| same_rule(r, rule))
        {
            return Some(facts.clone());
        }
        self.added.lock().ok()?.get(&(slot, rule)).cloned()
    }

    fn put(&self, rule: &'static str, index: usize, facts: rules::Facts) {
        let Some(Some(slot)) = self.slots.get(index).copied() else {
            return;
        };
        if let Ok(mut added) = self.added.lock() {
            added.insert((slot, rule), facts);
        }
    }

    fn take_document(&self, rule: &'static str) -> Option<Box<dyn std::any::Any + Send>> {
        self.documents.0.lock().ok()?.remove(rule)
    }

    fn put_document(&self, rule: &'static str, value: Box<dyn std::any::Any + Send>) {
        if let Ok(mut kept) = self.documents.0.lock() {
            kept.insert(rule, value);
        }
    }
}

/// What [`BlockCache::check_shared`] found: an [`Outcome`] whose findings are shared with the
/// cache.
#[derive(Debug, Default)]
pub struct SharedOutcome {
    /// Findings, sorted by position.
    pub diagnostics: Vec<Arc<Diagnostic>>,
    /// Rules that failed on this text (a bug in the rule); the others still ran.
    pub failures: Vec<RuleFailure>,
}

#[derive(Debug)]
struct Entry {
    /// The span's source and analysis text, and where the block lies inside the span.
    /// Shared by the blocks of one line (the cells of a table row), so a row of many cells
    /// holds its line once.
    source: Arc<str>,
    text: Arc<str>,
    kind: BlockKind,
    block: Range<usize>,
    /// Findings per rule, by the rule's place in [`rules::all`]; `None` until the rule ran.
    findings: Vec<Option<Stored>>,
}

#[derive(Debug)]
enum Stored {
    /// The findings as they were for the span starting at `at`; `served` is the check that
    /// last handed them out.
    Findings {
        at: usize,
        served: u64,
        findings: Vec<Arc<Diagnostic>>,
    },
    /// Some finding reached outside the span: check this block every time.
    Uncacheable,
}

impl BlockCache {
    pub fn new() -> Self {
        BlockCache::default()
    }

    /// How many blocks the last check took from the cache, out of how many.
    pub fn reuse(&self) -> (usize, usize) {
        (self.reused, self.blocks)
    }

    /// Number of distinct block spans held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Checks `doc` as [`check_document`](crate::check_document) does, reusing the findings of
    /// blocks unchanged since the last call. `config_key` names the configuration: a different
    /// key (the configuration changed) empties the cache. Afterwards the cache holds only the
    /// blocks of `doc`.
    pub fn check(&mut self, doc: &Document, config: &Config, config_key: u64) -> Outcome {
        let shared = self.check_shared(doc, config, config_key);
        Outcome {
            diagnostics: shared
                .diagnostics
                .into_iter()
                .map(Arc::unwrap_or_clone)
                .collect(),
            failures: shared.failures,
        }
    }

    /// [`check`](Self::check), with the findings shared with the cache rather than copied.
    pub fn check_shared(
        &mut self,
        doc: &Document,
        config: &Config,
        config_key: u64,
    ) -> SharedOutcome {
        self.checks += 1;
        let setting = (config_key, doc.format, suppress::line_break(doc.source));
        if self.setting != Some(setting) {
            self.entries.clear();
            self.facts.clear();
            self.index.clear();
            if let Ok(mut kept) = self.documents.0.lock() {
                kept.clear();
            }
            self.setting = Some(setting);
        }
        let (slots, spans) = self.take_in(doc);
        self.blocks = doc.blocks.len();

        let suppressions = suppress::Suppressions::new(doc);
        let mut outcome = SharedOutcome::default();
        let mut scratch = Vec::new();
        let facts = FactView {
            slots: &slots,
            kept: &self.facts,
            added: Mutex::default(),
            documents: &self.documents,
        };
        let check = self.checks;
        for (r, rule) in rules::all().iter().enumerate() {
            let Some(severity) = config.severity(rule.id(), rule.default_severity()) else {
                continue;
            };
            let ctx = rules::Context {
                doc,
                config,
                severity,
                facts: Some(&facts),
            };
            let mut found = Vec::new();
            let run = catch_unwind(AssertUnwindSafe(|| {
                for ((block, slot), span) in doc.blocks.iter().zip(&slots).zip(&spans) {
                    let entry = slot.map(|s| &mut self.entries[s]);
                    let here = Here {
                        check,
                        rule: (r, *rule),
                        block,
                        span,
                    };
                    block_findings(entry, &here, &ctx, &mut scratch, &mut found);
                }
                scratch.clear();
                if let Some(mut drop) = rule.drops_block_findings(&ctx) {
                    found.retain(|d| !drop(d));
                }
                rule.check_document(&ctx, &mut scratch);
                found.extend(scratch.drain(..).map(kept));
            }));
            scratch.clear();
            match run {
                Ok(()) => outcome.diagnostics.extend(found),
                Err(payload) => outcome.failures.push(RuleFailure {
                    rule: rule.id(),
                    message: panic_message(payload.as_ref()),
                }),
            }
        }
        crate::finish_list(&mut outcome.diagnostics, &suppressions);
        // Keep what the rules derived in this check for the entries it was derived from.
        let added = facts.added.into_inner().unwrap_or_default();
        for ((slot, rule), derived) in added {
            if let Some(kept) = self.facts.get_mut(slot) {
                match kept.iter_mut().find(|(r, _)| same_rule(r, rule)) {
                    Some((_, old)) => *old = derived,
                    None => kept.push((rule, derived)),
                }
            }
        }
        outcome
    }

    /// Makes the entries those of `doc`'s blocks: an unchanged block keeps its entry (findings
    /// and facts), a new one gets an empty entry, and entries of blocks gone are dropped.
    /// Returns each block's slot (`None` when another span's entry holds its key) and span.
    fn take_in(&mut self, doc: &Document) -> (Vec<Option<usize>>, Vec<Range<usize>>) {
        let mut old_entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect();
        let mut old_facts = std::mem::take(&mut self.facts);
        let old_index = std::mem::take(&mut self.index);
        let mut slots = Vec::with_capacity(doc.blocks.len());
        let mut spans = Vec::with_capacity(doc.blocks.len());
        let mut reused = 0;
        // The blocks of one line share its span, the hash of its text, its copies and the
        // comparison with what the cache held: a line of many blocks costs its length once.
        let mut line = LineMemo::default();
        for block in &doc.blocks {
            let span = line.span_of(doc.source, &block.range);
            let key = line.key_of(doc, block, &span);
            let slot = match self.index.get(&key) {
                // Another block of this text had it first (identical paragraphs share an
                // entry); a different text under the same key is not stored.
                Some(&s) => line
                    .matches(&self.entries[s], doc, block, &span)
                    .then_some(s),
                None => {
                    let old = old_index.get(&key).and_then(|&o| {
                        let entry = old_entries[o].take()?;
                        if line.matches(&entry, doc, block, &span) {
                            Some((entry, std::mem::take(&mut old_facts[o])))
                        } else {
                            None
                        }
                    });
                    let (entry, facts) = old.unwrap_or_else(|| {
                        let (source, text) = line.copies(doc, &span);
                        let entry = Entry {
                            source,
                            text,
                            kind: block.kind,
                            block: block.range.start - span.start..block.range.end - span.start,
                            findings: Vec::new(),
                        };
                        (entry, Vec::new())
                    });
                    self.entries.push(entry);
                    self.facts.push(facts);
                    self.index.insert(key, self.entries.len() - 1);
                    Some(self.entries.len() - 1)
                }
            };
            if slot.is_some_and(|s| self.entries[s].findings.iter().any(Option::is_some)) {
                reused += 1;
            }
            slots.push(slot);
            spans.push(span);
        }
        self.reused = reused;
        (slots, spans)
    }
}

/// Where [`block_findings`] is: the check, the rule (its place in [`rules::all`] and itself),
/// the block and its span.
struct Here<'a> {
    check: u64,
    rule: (usize, &'a dyn Rule),
    block: &'a Block,
    span: &'a Range<usize>,
}

/// The rule's findings in the block, from the block's `entry` when stored, else computed (and
/// stored when they stay inside the span). `scratch` is room for the rule to write to.
fn block_findings(
    entry: Option<&mut Entry>,
    here: &Here,
    ctx: &rules::Context,
    scratch: &mut Vec<Diagnostic>,
    out: &mut Vec<Arc<Diagnostic>>,
) {
    let (r, rule) = here.rule;
    let span = here.span;
    let fresh = |scratch: &mut Vec<Diagnostic>| {
        scratch.clear();
        rule.check_block(ctx, here.block, scratch);
        scratch.drain(..).map(kept).collect::<Vec<_>>()
    };
    // No entry: the one under the block's key holds another span.
    let Some(entry) = entry else {
        out.extend(fresh(scratch));
        return;
    };
    if entry.findings.len() <= r {
        entry.findings.resize_with(r + 1, || None);
    }
    match &mut entry.findings[r] {
        Some(Stored::Findings {
            at,
            served,
            findings,
        }) => {
            if *at != span.start {
                let moved: Vec<Arc<Diagnostic>> = findings
                    .iter()
                    .map(|d| kept(shifted(d, *at, span.start)))
                    .collect();
                // Another block with the same text may already have had these in this
                // check (identical paragraphs share an entry): it keeps them.
                if *served == here.check {
                    out.extend(moved);
                    return;
                }
                *at = span.start;
                *findings = moved;
            }
            *served = here.check;
            out.extend(findings.iter().cloned());
        }
        Some(Stored::Uncacheable) => out.extend(fresh(scratch)),
        stored @ None => {
            let found = fresh(scratch);
            *stored = Some(if found.iter().all(|d| within(d, span)) {
                Stored::Findings {
                    at: span.start,
                    served: here.check,
                    findings: found.clone(),
                }
            } else {
                Stored::Uncacheable
            });
            out.extend(found);
        }
    }
}

/// A finding as the cache and its callers keep it: shared, without spare room.
fn kept(mut d: Diagnostic) -> Arc<Diagnostic> {
    d.shrink_to_fit();
    Arc::new(d)
}

/// The whole lines `block` spans: from the start of its first line to the end of its last
/// (line break excluded). Lines end at `\n` or `\r`.
fn span(source: &str, block: &Range<usize>) -> Range<usize> {
    let bytes = source.as_bytes();
    let start = bytes[..block.start]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    let end = bytes[block.end..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(source.len(), |i| block.end + i);
    start..end.max(block.end)
}

/// What the blocks of the line being read share: its span, the hash of its source, its copies,
/// and which stored copies were found equal to it.
#[derive(Default)]
struct LineMemo {
    /// The span of the last block, when that block lay on one line, and where it ended.
    line: Option<(Range<usize>, usize)>,
    hashed: Option<(Range<usize>, FxHasher)>,
    copies: Option<(Range<usize>, Arc<str>, Arc<str>)>,
    /// Stored copies (by address) found equal to the source and analysis text of a span.
    equal: Option<(Range<usize>, *const u8, *const u8)>,
}

impl LineMemo {
    /// The block's span; for a block on the same line as the one before, that line's span,
    /// found by reading only the gap between them.
    fn span_of(&mut self, source: &str, block: &Range<usize>) -> Range<usize> {
        let breaks = |r: Range<usize>| {
            source
                .as_bytes()
                .get(r)
                .is_none_or(|b| b.iter().any(|&c| c == b'\n' || c == b'\r'))
        };
        let one_line = !breaks(block.clone());
        if let Some((line, prev_end)) = &self.line {
            if one_line
                && *prev_end <= block.start
                && block.end <= line.end
                && !breaks(*prev_end..block.start)
            {
                let line = line.clone();
                self.line = Some((line.clone(), block.end));
                return line;
            }
        }
        let span = span(source, block);
        self.line = one_line.then(|| (span.clone(), block.end));
        span
    }

    fn key_of(&mut self, doc: &Document, block: &Block, span: &Range<usize>) -> u64 {
        if self.hashed.as_ref().is_some_and(|(r, _)| r != span) {
            self.hashed = None;
        }
        let (_, line) = self.hashed.get_or_insert_with(|| {
            let mut h = FxHasher::default();
            doc.source[span.clone()].hash(&mut h);
            (span.clone(), h)
        });
        let mut h = line.clone();
        (block.range.start - span.start, block.range.len()).hash(&mut h);
        h.finish()
    }

    fn copies(&mut self, doc: &Document, span: &Range<usize>) -> (Arc<str>, Arc<str>) {
        if self.copies.as_ref().is_some_and(|(r, _, _)| r != span) {
            self.copies = None;
        }
        let (_, source, text) = self.copies.get_or_insert_with(|| {
            (
                span.clone(),
                doc.source[span.clone()].into(),
                doc.text[span.clone()].into(),
            )
        });
        (source.clone(), text.clone())
    }

    fn matches(&mut self, e: &Entry, doc: &Document, block: &Block, span: &Range<usize>) -> bool {
        if e.kind != block.kind
            || e.block != (block.range.start - span.start..block.range.end - span.start)
        {
            return false;
        }
        let addresses = (e.source.as_ptr(), e.text.as_ptr());
        if self
            .equal
            .as_ref()
            .is_some_and(|(r, s, t)| r == span && (*s, *t) == addresses)
        {
            return true;
        }
        let equal = *e.source == doc.source[span.clone()] && *e.text == doc.text[span.clone()];
        if equal {
            self.equal = Some((span.clone(), addresses.0, addresses.1));
        }
        equal
    }
}

fn inside(r: &Range<usize>, span: &Range<usize>) -> bool {
    span.start <= r.start && r.end <= span.end
}

/// Whether every range of `d` lies inside `span`.
fn within(d: &Diagnostic, span: &Range<usize>) -> bool {
    inside(&d.range, span)
        && d.related.iter().all(|r| inside(&r.range, span))
        && d.fixes
            .iter()
            .all(|f| f.edits.iter().all(|e| inside(&e.range, span)))
}

/// `d`, found in a span starting at `from`, with every range moved to a span starting at `to`.
/// Every range of `d` lies inside that span (see [`within`]), so none starts before `from`.
fn shifted(d: &Diagnostic, from: usize, to: usize) -> Diagnostic {
    d.moved(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cells_of_a_table_row_share_one_copy_of_their_line() {
        let row = (0..200)
            .map(|i| format!("the the {i}"))
            .collect::<Vec<_>>()
            .join(" | ");
        let text = format!("| {row} |\n|{}|\n| {row} |\n", "---|".repeat(200));
        let mut cache = BlockCache::new();
        let first = check_both(&text, Format::Markdown, &mut cache);
        assert!(first.len() >= 400);
        let lines: std::collections::HashSet<*const u8> =
            cache.entries.iter().map(|e| e.source.as_ptr()).collect();
        // One copy per line that holds blocks, not one per cell.
        assert!(
            lines.len() <= 3,
            "{} copies for {} entries",
            lines.len(),
            cache.len()
        );
        // And the rows are still read as a full check reads them after an edit in one cell.
        let edited = text.replacen("the the 7 ", "the the seven ", 1);
        check_both(&edited, Format::Markdown, &mut cache);
    }

    fn check_both(text: &str, format: Format, cache: &mut BlockCache) -> Vec<Diagnostic> {
        let config = Config::default();
        let full = crate::check(text, format, &config).diagnostics;
        let doc = Document::parse(text, format);
        let cached = cache.check(&doc, &config, 0).diagnostics;
        assert_eq!(cached, full, "cached and full analysis differ on {text:?}");
        cached
    }

    #[test]
    fn block_findings_a_document_rule_drops_stay_dropped() {
        // Plain text, one paragraph per line: the middle line is inside a quotation whose
        // marks were lost, so `unattributed-figure` drops its block finding for the whole
        // document, and must be able to on every check, the first and any later one.
        let text = "The spokeswoman commented on the falls.\n\
                    \"One of the things the President can do is to remind them of the package.\n\
                    The legislation allowed a temporary increase from $100,000 to $250,000.\n\
                    That is an important message,\" she said.\n";
        let mut cache = BlockCache::new();
        let first = check_both(text, Format::Text, &mut cache);
        assert!(
            first.iter().all(|d| d.rule != "unattributed-figure"),
            "{first:?}"
        );
        let edited = text.replace("falls", "fall");
        check_both(&edited, Format::Text, &mut cache);
        // A block finding that is not dropped is still shared, and still reported.
        let kept = "Rents rose 30% last year, the agency said.\n\nThe flood killed 40 people.\n";
        let found = check_both(kept, Format::Text, &mut cache);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn unchanged_blocks_are_reused_and_moved() {
        let mut cache = BlockCache::new();
        let one = "The the start.\n\nFifty people died, he wrote.\n\nThe end end.\n";
        check_both(one, Format::Markdown, &mut cache);
        assert_eq!(cache.reuse(), (0, 3));
        // An edit in the first paragraph moves the others.
        let two = "The the very start.\n\nFifty people died, he wrote.\n\nThe end end.\n";
        let found = check_both(two, Format::Markdown, &mut cache);
        assert_eq!(cache.reuse(), (2, 3));
        let flagged: Vec<&str> = found.iter().map(|d| &two[d.range.clone()]).collect();
        assert!(flagged.contains(&"end"), "{flagged:?}");
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn masking_and_setting_changes_are_not_reused() {
        let mut cache = BlockCache::new();
        check_both(
            "Text the the.\n\nMore more.\n",
            Format::Markdown,
            &mut cache,
        );
        // The same paragraph inside a code fence is not prose any more.
        check_both(
            "```\nText the the.\n\nMore more.\n",
            Format::Markdown,
            &mut cache,
        );
        // Another line break: the suppression fixes end differently.
        check_both(
            "Text the the.\r\n\r\nMore more.\r\n",
            Format::Markdown,
            &mut cache,
        );
        assert_eq!(cache.reuse().0, 0);
        let config = Config::default();
        let doc = Document::parse("Text the the.\r\n\r\nMore more.\r\n", Format::Markdown);
        cache.check(&doc, &config, 0);
        assert_eq!(cache.reuse(), (2, 2));
        cache.check(&doc, &config, 1);
        assert_eq!(
            cache.reuse(),
            (0, 2),
            "a new configuration key starts afresh"
        );
    }

    #[test]
    fn identical_paragraphs_share_an_entry() {
        let mut cache = BlockCache::new();
        let text = "Ten people said so so.\n\n".repeat(4);
        check_both(&text, Format::Markdown, &mut cache);
        assert_eq!(cache.len(), 1);
        check_both(&text, Format::Text, &mut cache);
    }

    #[test]
    fn findings_are_shared_with_the_cache() {
        let config = Config::default();
        let mut cache = BlockCache::new();
        let one = "The the start.\n\nThe end end.\n";
        let first = cache.check_shared(&Document::parse(one, Format::Markdown), &config, 0);
        let again = cache.check_shared(&Document::parse(one, Format::Markdown), &config, 0);
        assert_eq!(first.diagnostics.len(), 2);
        for (a, b) in first.diagnostics.iter().zip(&again.diagnostics) {
            assert!(
                Arc::ptr_eq(a, b),
                "an unchanged block's finding is not copied"
            );
        }
        // The second paragraph moves: its finding is copied to the new place once, then shared.
        let two = "The the very start.\n\nThe end end.\n";
        let moved = cache.check_shared(&Document::parse(two, Format::Markdown), &config, 0);
        let full = crate::check(two, Format::Markdown, &config).diagnostics;
        let moved_owned: Vec<Diagnostic> =
            moved.diagnostics.iter().map(|d| (**d).clone()).collect();
        assert_eq!(moved_owned, full);
        assert!(!Arc::ptr_eq(&moved.diagnostics[1], &first.diagnostics[1]));
        let still = cache.check_shared(&Document::parse(two, Format::Markdown), &config, 0);
        assert!(Arc::ptr_eq(&moved.diagnostics[1], &still.diagnostics[1]));
        // Identical paragraphs share an entry; each gets its own findings in place.
        let text = "Ten people said so so.\n\n".repeat(3);
        for _ in 0..2 {
            let doc = Document::parse(&text, Format::Markdown);
            let found: Vec<Diagnostic> = cache
                .check_shared(&doc, &config, 0)
                .diagnostics
                .iter()
                .map(|d| (**d).clone())
                .collect();
            assert_eq!(
                found,
                crate::check(&text, Format::Markdown, &config).diagnostics
            );
        }
    }

    #[test]
    fn span_is_whole_lines() {
        let s = "a\n- item here\r\nnext";
        assert_eq!(span(s, &(4..13)), 2..13);
        assert_eq!(span(s, &(15..19)), 15..19);
        assert_eq!(span("", &(0..0)), 0..0);
    }
}
