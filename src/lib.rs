//! copydesk: reviews news drafts the way a copy editor does.
//!
//! The analysis core takes text in and gives diagnostics with byte ranges and fixes out; it
//! knows nothing of editors or protocols. [`check`] is the entry point.

pub mod cli;
pub mod config;
mod data;
pub mod diagnostic;
pub mod incremental;
pub mod lines;
pub mod prose;
pub mod rules;
pub mod server;
pub mod suppress;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use config::Config;
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use incremental::{BlockCache, SharedOutcome};
pub use prose::{Document, Format};

/// The result of checking a document.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Rules that failed on this text (a bug in the rule); the others still ran.
    pub failures: Vec<RuleFailure>,
}

/// A rule that panicked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFailure {
    pub rule: &'static str,
    pub message: String,
}

/// Checks `source`, read as `format`, with every rule `config` leaves on.
///
/// ```
/// use copydesk::{check, Config, Format};
///
/// let text = "Winds pushed the flames towards the the coast.";
/// let outcome = check(text, Format::Text, &Config::default());
/// let d = &outcome.diagnostics[0];
/// assert_eq!(d.rule, "repeated-word");
/// assert_eq!(&text[d.range.clone()], "the");
/// let fixed = d.preferred_fix().and_then(|f| f.apply(text));
/// assert_eq!(fixed.as_deref(), Some("Winds pushed the flames towards the coast."));
/// ```
pub fn check(source: &str, format: Format, config: &Config) -> Outcome {
    let doc = Document::parse(source, format);
    check_document(&doc, config)
}

/// Checks a parsed document.
pub fn check_document(doc: &Document, config: &Config) -> Outcome {
    let suppressions = suppress::Suppressions::new(doc);
    let mut outcome = Outcome::default();
    for rule in rules::all() {
        let Some(severity) = config.severity(rule.id(), rule.default_severity()) else {
            continue;
        };
        let ctx = rules::Context::new(doc, config, severity);
        match run_rule(*rule, &ctx) {
            Ok(found) => outcome.diagnostics.extend(found),
            Err(failure) => outcome.failures.push(failure),
        }
    }
    finish(&mut outcome, &suppressions);
    outcome
}

/// Drops suppressed findings and sorts the rest by position.
fn finish(outcome: &mut Outcome, suppressions: &suppress::Suppressions) {
    finish_list(&mut outcome.diagnostics, suppressions);
}

/// [`finish`] for findings held in any way (owned, or shared with a cache).
fn finish_list<D: std::borrow::Borrow<Diagnostic>>(
    diagnostics: &mut Vec<D>,
    suppressions: &suppress::Suppressions,
) {
    diagnostics.retain(|d| !suppressions.silences(d.borrow()));
    diagnostics.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
}

/// One rule over the whole document; a panic becomes a [`RuleFailure`].
fn run_rule(rule: &dyn rules::Rule, ctx: &rules::Context) -> Result<Vec<Diagnostic>, RuleFailure> {
    let mut found = Vec::new();
    catch_unwind(AssertUnwindSafe(|| {
        for block in &ctx.doc.blocks {
            rule.check_block(ctx, block, &mut found);
        }
        if let Some(mut drop) = rule.drops_block_findings(ctx) {
            found.retain(|d| !drop(d));
        }
        rule.check_document(ctx, &mut found);
    }))
    .map(|()| found)
    .map_err(|payload| RuleFailure {
        rule: rule.id(),
        message: panic_message(payload.as_ref()),
    })
}

/// What the rules know about the text at byte `offset`, as Markdown paragraphs.
///
/// ```
/// use copydesk::{hover, Config, Document, Format};
///
/// let text = "Officials said 95 people died. It was the worst flood in decades, and damage reached $3 billion.";
/// let doc = Document::parse(text, Format::Text);
/// let about = hover(&doc, &Config::default(), text.find("$3").unwrap()).unwrap();
/// assert!(about.contains("attributed by 'Officials said' (previous sentence)"));
/// ```
pub fn hover(doc: &Document, config: &Config, offset: usize) -> Option<String> {
    let parts: Vec<String> = rules::all()
        .iter()
        .filter_map(|rule| {
            let severity = config.severity(rule.id(), rule.default_severity())?;
            let ctx = rules::Context::new(doc, config, severity);
            catch_unwind(AssertUnwindSafe(|| rule.hover(&ctx, offset))).ok()?
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n---\n\n"))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule with a bug.
    struct Broken;

    impl rules::Rule for Broken {
        fn id(&self) -> &'static str {
            "broken"
        }
        fn default_severity(&self) -> Severity {
            Severity::Warning
        }
        fn summary(&self) -> &'static str {
            "panics"
        }
        fn check_block(&self, _: &rules::Context, block: &prose::Block, _: &mut Vec<Diagnostic>) {
            let words: Vec<usize> = Vec::new();
            let _ = words[block.range.start];
        }
    }

    #[test]
    fn a_panicking_rule_is_caught_and_named() {
        let doc = Document::parse("Some text.", Format::Text);
        let config = Config::default();
        let ctx = rules::Context::new(&doc, &config, Severity::Warning);
        let failure = run_rule(&Broken, &ctx).unwrap_err();
        assert_eq!(failure.rule, "broken");
        assert!(
            failure.message.contains("index out of bounds"),
            "{}",
            failure.message
        );
        assert!(run_rule(rules::by_id("repeated-word").unwrap(), &ctx).is_ok());
    }
}
