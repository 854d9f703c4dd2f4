//! Output formats: rustc-style snippets for people, JSON for programs.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde_json::{json, Value};

use super::{Checked, OutputFormat};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;

/// The JSON array documented in the README: one object per diagnostic.
pub fn json(out: &mut impl Write, results: &[Checked]) -> io::Result<()> {
    let items: Vec<Value> = results
        .iter()
        .flat_map(|r| {
            let index = LineIndex::new(&r.source);
            r.diagnostics
                .iter()
                .map(move |d| diagnostic_json(&r.path, &index, d))
                .collect::<Vec<_>>()
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn position(index: &LineIndex, offset: usize) -> Value {
    let (line, column) = index.line_col(offset);
    json!({ "line": line, "column": column })
}

fn diagnostic_json(path: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    json!({
        "path": path,
        "rule": d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "start": position(index, d.range.start),
        "end": position(index, d.range.end),
        "related": d.related.iter().map(|r| json!({
            "start": position(index, r.range.start),
            "end": position(index, r.range.end),
            "message": r.message,
        })).collect::<Vec<_>>(),
        "fixes": d.fixes.iter().map(|f| json!({
            "title": f.title,
            "preferred": f.preferred,
            "edits": f.edits.iter().map(|e| json!({
                "start": position(index, e.range.start),
                "end": position(index, e.range.end),
                "new_text": e.new_text,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Snippets with a caret under each finding, then a one-line summary.
pub fn human(out: &mut impl Write, results: &[Checked], color: bool) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut counts = [0usize; 4];
    for r in results {
        let index = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            counts[d.severity as usize] += 1;
            writeln!(
                out,
                "{}\n",
                render(&renderer, &r.path, &r.source, &index, d)
            )?;
        }
    }
    let total: usize = counts.iter().sum();
    let files = results.len();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if total == 0 {
        writeln!(
            out,
            "No problems found in {}.",
            plural(files, "file", "files")
        )
    } else {
        let parts: Vec<String> = [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Information, "information", "information"),
            (Severity::Hint, "hint", "hints"),
        ]
        .iter()
        .filter(|(s, _, _)| counts[*s as usize] > 0)
        .map(|(s, one, many)| plural(counts[*s as usize], one, many))
        .collect();
        writeln!(
            out,
            "Found {} ({}) in {}.",
            plural(total, "problem", "problems"),
            parts.join(", "),
            plural(files, "file", "files")
        )
    }
}

fn render(
    renderer: &Renderer,
    path: &str,
    source: &str,
    index: &LineIndex,
    d: &Diagnostic,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO.with_name("info"),
        Severity::Hint => Level::NOTE.with_name("hint"),
    };
    // Show only the lines the diagnostic and its related places are on.
    let mut first = d.range.start;
    let mut last = d.range.end;
    for r in &d.related {
        first = first.min(r.range.start);
        last = last.max(r.range.end);
    }
    let start = index.line_range(first).start;
    let end = index.line_range(last).end.max(last);
    let line_start = index.line_col(start).0;
    let local = |r: &std::ops::Range<usize>| (r.start - start)..(r.end.max(r.start) - start);
    let mut snippet = Snippet::source(&source[start..end])
        .line_start(line_start)
        .path(path)
        .annotation(AnnotationKind::Primary.span(local(&d.range)));
    for r in &d.related {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(local(&r.range))
                .label(r.message.as_str()),
        );
    }
    let mut title = level
        .clone()
        .primary_title(d.message.as_str())
        .id(d.rule)
        .element(snippet);
    if let Some(fix) = d.preferred_fix().or(d.fixes.first()) {
        title = title.element(Level::HELP.message(format!("fix: {}", fix.title)));
    }
    renderer.render(&[title])
}

/// The rule list.
pub fn rules(format: OutputFormat) {
    let rules = crate::rules::all();
    match format {
        OutputFormat::Json => {
            let items: Vec<Value> = rules
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id(),
                        "severity": r.default_severity().as_str(),
                        "summary": r.summary(),
                        "docs": crate::rules::docs_url(r.id()),
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&items).unwrap_or_default()
            );
        }
        OutputFormat::Human => {
            let width = rules.iter().map(|r| r.id().len()).max().unwrap_or(0);
            for r in rules {
                println!(
                    "{:width$}  {:11}  {}",
                    r.id(),
                    r.default_severity().as_str(),
                    r.summary()
                );
            }
        }
    }
}
