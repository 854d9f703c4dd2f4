//! copydesk: reviews news drafts the way a copy editor does.
//!
//! The analysis core takes text in and gives diagnostics with byte ranges and fixes out; it
//! knows nothing of editors or protocols. [`check`] is the entry point.

pub mod cli;
pub mod config;
mod data;
pub mod diagnostic;
pub mod lines;
pub mod prose;
pub mod rules;
pub mod server;
pub mod suppress;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use config::Config;
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
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
        let ctx = rules::Context {
            doc,
            config,
            severity,
        };
        let mut found = Vec::new();
        let run = catch_unwind(AssertUnwindSafe(|| {
            for block in &doc.blocks {
                rule.check_block(&ctx, block, &mut found);
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
    outcome.diagnostics.retain(|d| !suppressions.silences(d));
    outcome.diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    outcome
}

/// What the rules know about the text at byte `offset`, as Markdown paragraphs.
pub fn hover(doc: &Document, config: &Config, offset: usize) -> Option<String> {
    let parts: Vec<String> = rules::all()
        .iter()
        .filter_map(|rule| {
            let severity = config.severity(rule.id(), rule.default_severity())?;
            let ctx = rules::Context {
                doc,
                config,
                severity,
            };
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
