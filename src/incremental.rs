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

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

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
    entries: HashMap<u64, Entry>,
    /// Blocks whose findings came from the cache in the last check, and all blocks.
    reused: usize,
    blocks: usize,
}

#[derive(Debug)]
struct Entry {
    /// The span's source and analysis text, and where the block lies inside the span.
    source: Box<str>,
    text: Box<str>,
    kind: BlockKind,
    block: Range<usize>,
    /// Findings per rule id, with ranges relative to the span's start.
    findings: Vec<(&'static str, Stored)>,
}

#[derive(Debug)]
enum Stored {
    Findings(Vec<Diagnostic>),
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
        let setting = (config_key, doc.format, suppress::line_break(doc.source));
        if self.setting != Some(setting) {
            self.entries.clear();
            self.setting = Some(setting);
        }
        let mut old = std::mem::take(&mut self.entries);
        let mut keys = Vec::with_capacity(doc.blocks.len());
        let mut reused = 0;
        for block in &doc.blocks {
            let span = span(doc.source, &block.range);
            let key = key_of(doc, block, &span);
            let fits = |e: &Entry| matches(e, doc, block, &span);
            if !self.entries.get(&key).is_some_and(fits) {
                let entry = match old.remove(&key) {
                    Some(e) if fits(&e) => e,
                    _ => Entry {
                        source: doc.source[span.clone()].into(),
                        text: doc.text[span.clone()].into(),
                        kind: block.kind,
                        block: block.range.start - span.start..block.range.end - span.start,
                        findings: Vec::new(),
                    },
                };
                // A collision of two different spans on one key: the later one is not stored.
                self.entries.entry(key).or_insert(entry);
            }
            if self
                .entries
                .get(&key)
                .is_some_and(|e| !e.findings.is_empty())
            {
                reused += 1;
            }
            keys.push((key, span));
        }
        self.reused = reused;
        self.blocks = doc.blocks.len();

        let suppressions = suppress::Suppressions::new(doc);
        let mut outcome = Outcome::default();
        for rule in rules::all() {
            let Some(severity) = config.severity(rule.id(), rule.default_severity()) else {
                continue;
            };
            let ctx = rules::Context {
                doc,
                config,
                severity,
            };
            let mut found = Vec::new();
            let run = catch_unwind(AssertUnwindSafe(|| {
                for (block, (key, span)) in doc.blocks.iter().zip(&keys) {
                    self.block_findings(*rule, &ctx, block, *key, span, &mut found);
                }
                rule.check_document(&ctx, &mut found);
            }));
            match run {
                Ok(()) => outcome.diagnostics.extend(found),
                Err(payload) => outcome.failures.push(RuleFailure {
                    rule: rule.id(),
                    message: panic_message(payload.as_ref()),
                }),
            }
        }
        crate::finish(&mut outcome, &suppressions);
        outcome
    }

    /// `rule`'s findings in `block`, from the cache when stored, else computed (and stored
    /// when they stay inside the span).
    fn block_findings(
        &mut self,
        rule: &dyn Rule,
        ctx: &rules::Context,
        block: &Block,
        key: u64,
        span: &Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let entry = self
            .entries
            .get_mut(&key)
            .filter(|e| matches(e, ctx.doc, block, span));
        let Some(entry) = entry else {
            rule.check_block(ctx, block, out);
            return;
        };
        match entry.findings.iter().find(|(id, _)| *id == rule.id()) {
            Some((_, Stored::Findings(stored))) => {
                out.extend(stored.iter().map(|d| shifted(d, span.start, true)));
            }
            Some((_, Stored::Uncacheable)) => rule.check_block(ctx, block, out),
            None => {
                let from = out.len();
                rule.check_block(ctx, block, out);
                let fresh = &out[from..];
                let stored = if fresh.iter().all(|d| within(d, span)) {
                    Stored::Findings(
                        fresh
                            .iter()
                            .map(|d| shifted(d, span.start, false))
                            .collect(),
                    )
                } else {
                    Stored::Uncacheable
                };
                entry.findings.push((rule.id(), stored));
            }
        }
    }
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

fn key_of(doc: &Document, block: &Block, span: &Range<usize>) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    doc.source[span.clone()].hash(&mut h);
    (block.range.start - span.start, block.range.len()).hash(&mut h);
    h.finish()
}

fn matches(e: &Entry, doc: &Document, block: &Block, span: &Range<usize>) -> bool {
    e.kind == block.kind
        && e.block == (block.range.start - span.start..block.range.end - span.start)
        && *e.source == doc.source[span.clone()]
        && *e.text == doc.text[span.clone()]
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

/// `d` with every range moved by `by`: forward when `forward`, else back.
fn shifted(d: &Diagnostic, by: usize, forward: bool) -> Diagnostic {
    let mv = |r: &Range<usize>| {
        if forward {
            r.start + by..r.end + by
        } else {
            r.start - by..r.end - by
        }
    };
    let mut d = d.clone();
    d.range = mv(&d.range);
    for r in &mut d.related {
        r.range = mv(&r.range);
    }
    for f in &mut d.fixes {
        for e in &mut f.edits {
            e.range = mv(&e.range);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_both(text: &str, format: Format, cache: &mut BlockCache) -> Vec<Diagnostic> {
        let config = Config::default();
        let full = crate::check(text, format, &config).diagnostics;
        let doc = Document::parse(text, format);
        let cached = cache.check(&doc, &config, 0).diagnostics;
        assert_eq!(cached, full, "cached and full analysis differ on {text:?}");
        cached
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
    fn span_is_whole_lines() {
        let s = "a\n- item here\r\nnext";
        assert_eq!(span(s, &(4..13)), 2..13);
        assert_eq!(span(s, &(15..19)), 15..19);
        assert_eq!(span("", &(0..0)), 0..0);
    }
}
