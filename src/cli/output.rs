//! Output formats. Each format is a [`Report`] that is given one checked file at a time, in
//! order, and writes it out at once: nothing is held back but the running counts.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;
use serde_json::{json, Value};

use super::{Checked, OutputFormat, RulesFormat};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;

/// The project's home page, named in SARIF output.
const HOME_URL: &str = "https://github.com/copydesk/copydesk";

/// What a whole run found, for the closing summary.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files (or named paths) that could not be checked, with why.
    pub unchecked: Vec<String>,
    /// Findings by severity (indexed by `Severity as usize`).
    pub counts: [usize; 4],
}

impl Summary {
    pub fn add(&mut self, file: &Checked) {
        self.files += 1;
        for d in &file.diagnostics {
            self.counts[d.severity as usize] += 1;
        }
    }
}

/// An output format.
pub trait Report {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()>;
    fn end(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The report for `format`.
pub fn report(format: OutputFormat, color: bool) -> Box<dyn Report> {
    match format {
        OutputFormat::Human => Box::new(Human {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
        }),
        OutputFormat::Json => Box::new(Json {
            first: true,
            buf: Vec::new(),
        }),
        OutputFormat::Compact => Box::new(Compact),
        OutputFormat::Github => Box::new(Github),
        OutputFormat::Sarif => Box::new(Sarif { first: true }),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------
// JSON

/// The JSON array documented in the README: one object per diagnostic, written as found.
struct Json {
    first: bool,
    /// One diagnostic's JSON, before it is indented into the array.
    buf: Vec<u8>,
}

impl Report for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let index = LineIndex::new(&file.source);
        for d in &file.diagnostics {
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
            self.first = false;
            self.buf.clear();
            serde_json::to_writer_pretty(
                &mut self.buf,
                &JsonDiagnostic::new(&file.path, &index, d),
            )?;
            // As one element of a pretty-printed array: every line indented once more. JSON
            // strings hold no raw line breaks, so every one here is between tokens.
            for (i, line) in self.buf.split(|&b| b == b'\n').enumerate() {
                out.write_all(if i == 0 { b"  " } else { b"\n  " })?;
                out.write_all(line)?;
            }
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _: &Summary) -> io::Result<()> {
        out.write_all(if self.first { b"]\n" } else { b"\n]\n" })
    }
}

/// A line and a column, both from 1, the column in characters.
#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
}

impl JsonPosition {
    fn new(index: &LineIndex, offset: usize) -> Self {
        let (line, column) = index.line_col(offset);
        JsonPosition { line, column }
    }
}

/// One diagnostic as the README documents it, borrowing its text; the fields in this order.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    start: JsonPosition,
    end: JsonPosition,
    related: Vec<JsonRelated<'a>>,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    start: JsonPosition,
    end: JsonPosition,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    preferred: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: JsonPosition,
    end: JsonPosition,
    new_text: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(path: &'a str, index: &LineIndex, d: &'a Diagnostic) -> Self {
        let at = |offset: usize| JsonPosition::new(index, offset);
        JsonDiagnostic {
            path,
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            start: at(d.range.start),
            end: at(d.range.end),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    start: at(r.range.start),
                    end: at(r.range.end),
                    message: &r.message,
                })
                .collect(),
            fixes: d
                .fixes
                .iter()
                .map(|f| JsonFix {
                    title: &f.title,
                    preferred: f.preferred,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            start: at(e.range.start),
                            end: at(e.range.end),
                            new_text: &e.new_text,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Human

/// Snippets with a caret under each finding, then a one-line summary.
struct Human {
    renderer: Renderer,
}

impl Report for Human {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let index = LineIndex::new(&file.source);
        for d in &file.diagnostics {
            let shown = render(&self.renderer, &file.path, &file.source, &index, d);
            writeln!(out, "{shown}\n")?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let counts = &summary.counts;
        let total: usize = counts.iter().sum();
        let files = plural(summary.files, "file", "files");
        let unchecked = match summary.unchecked.len() {
            0 => String::new(),
            n => format!("; {n} could not be checked"),
        };
        if total == 0 {
            writeln!(out, "No problems found in {files}{unchecked}.")
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
                "Found {} ({}) in {files}{unchecked}.",
                plural(total, "problem", "problems"),
                parts.join(", "),
            )
        }
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
    let line_start = index.line_col(first).0;
    let mut start = index.line_range(line_start).start;
    let mut end = index.line_range(index.line_col(last).0).end.max(last);
    // A long line (a pasted table, a file with no line breaks) is shown only around the
    // finding, so each finding costs the same however long its line.
    let windowed = end - start > LONG_SNIPPET;
    if windowed {
        let line = index.line_range(index.line_col(d.range.start).0);
        start = chars_before(source, d.range.start, CONTEXT_CHARS).max(line.start);
        end = chars_after(source, d.range.end, CONTEXT_CHARS).min(line.end.max(d.range.end));
    }
    let inside = |r: &std::ops::Range<usize>| start <= r.start && r.end <= end;
    let local = |r: &std::ops::Range<usize>| (r.start - start)..(r.end.max(r.start) - start);
    let mut snippet = Snippet::source(&source[start..end])
        .line_start(index.line_col(start).0)
        .annotation(AnnotationKind::Primary.span(local(&d.range)));
    if !windowed {
        snippet = snippet.path(path);
    }
    for r in d.related.iter().filter(|r| inside(&r.range)) {
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
    if windowed {
        let (line, column) = index.line_col(d.range.start);
        title = title.element(Level::NOTE.message(format!(
            "at {path}:{line}:{column} (a long line, shown in part)"
        )));
    }
    if let Some(fix) = d.preferred_fix().or(d.fixes.first()) {
        title = title.element(Level::HELP.message(format!("fix: {}", fix.title)));
    }
    renderer.render(&[title])
}

/// Snippets longer than this many bytes are shown only around the finding.
const LONG_SNIPPET: usize = 2_000;
/// Characters shown either side of a finding on a long line.
const CONTEXT_CHARS: usize = 60;

/// The offset `n` characters before `at` (or the start of the text).
fn chars_before(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `n` characters after `at` (or the end of the text).
fn chars_after(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

// ---------------------------------------------------------------------------------------------
// Compact

/// `path:line:col: severity [rule] message`, one finding per line.
struct Compact;

impl Report for Compact {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let index = LineIndex::new(&file.source);
        for d in &file.diagnostics {
            let (line, col) = index.line_col(d.range.start);
            writeln!(
                out,
                "{}:{line}:{col}: {} [{}] {}",
                file.path,
                d.severity,
                d.rule,
                one_line(&d.message)
            )?;
        }
        Ok(())
    }
}

/// A message on one line: line breaks become spaces.
fn one_line(message: &str) -> String {
    message.replace(['\r', '\n'], " ")
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

/// Workflow commands that annotate the pull request's diff.
struct Github;

impl Report for Github {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let index = LineIndex::new(&file.source);
        for d in &file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Information | Severity::Hint => "notice",
            };
            let (line, col) = index.line_col(d.range.start);
            let (end_line, end_col) = index.line_col(d.range.end);
            writeln!(
                out,
                "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                github_property(&file.path),
                github_property(&format!("copydesk {}", d.rule)),
                github_data(&d.message),
            )?;
        }
        Ok(())
    }
}

/// A workflow command's message: `%`, CR and LF escaped.
pub fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,` too.
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// SARIF 2.1.0: one run, the rules' metadata, then each result as it comes.
struct Sarif {
    first: bool,
}

impl Report for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = crate::rules::all()
            .iter()
            .map(|r| {
                json!({
                    "id": r.id(),
                    "name": r.id(),
                    "shortDescription": { "text": r.summary() },
                    "helpUri": crate::rules::docs_url(r.id()),
                    "defaultConfiguration": { "level": sarif_level(r.default_severity()) },
                })
            })
            .collect();
        let driver = json!({
            "name": "copydesk",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": HOME_URL,
            "rules": rules,
        });
        write!(
            out,
            "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\
             \"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
        )
    }

    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let index = LineIndex::new(&file.source);
        let uri = uri_reference(&file.path);
        let region = |r: &std::ops::Range<usize>| {
            let (start_line, start_column) = index.line_col(r.start);
            let (end_line, end_column) = index.line_col(r.end);
            json!({
                "startLine": start_line, "startColumn": start_column,
                "endLine": end_line, "endColumn": end_column,
            })
        };
        let location = |r: &std::ops::Range<usize>| {
            json!({ "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(r),
            }})
        };
        for d in &file.diagnostics {
            let rule_index = crate::rules::all().iter().position(|r| r.id() == d.rule);
            let mut result = json!({
                "ruleId": d.rule,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [location(&d.range)],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut l = location(&r.range);
                        l["id"] = json!(i);
                        l["message"] = json!({ "text": r.message });
                        l
                    })
                    .collect();
            }
            if !d.fixes.is_empty() {
                result["fixes"] = d
                    .fixes
                    .iter()
                    .map(|f| {
                        json!({
                            "description": { "text": f.title },
                            "artifactChanges": [{
                                "artifactLocation": { "uri": uri },
                                "replacements": f.edits.iter().map(|e| json!({
                                    "deletedRegion": region(&e.range),
                                    "insertedContent": { "text": e.new_text },
                                })).collect::<Vec<_>>(),
                            }],
                        })
                    })
                    .collect();
            }
            if !self.first {
                out.write_all(b",")?;
            }
            self.first = false;
            serde_json::to_writer(&mut *out, &result)?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let notifications: Vec<Value> = summary
            .unchecked
            .iter()
            .map(|m| json!({ "level": "error", "message": { "text": m } }))
            .collect();
        let invocation = json!({
            "executionSuccessful": summary.unchecked.is_empty(),
            "toolExecutionNotifications": notifications,
        });
        writeln!(out, "],\"invocations\":[{invocation}]}}]}}")
    }
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// A file path as a relative URI reference: `/` separators, anything outside the unreserved
/// and path characters percent-encoded.
pub fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rules

/// The rule list.
pub fn rules(out: &mut dyn Write, format: RulesFormat) -> io::Result<()> {
    let rules = crate::rules::all();
    match format {
        RulesFormat::Json => {
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
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)
        }
        RulesFormat::Human => {
            let width = rules.iter().map(|r| r.id().len()).max().unwrap_or(0);
            for r in rules {
                writeln!(
                    out,
                    "{:width$}  {:11}  {}",
                    r.id(),
                    r.default_severity().as_str(),
                    r.summary()
                )?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(github_data("50% of\r\nit: a, b"), "50%25 of%0D%0Ait: a, b");
        assert_eq!(github_property("a%b:c,d\ne"), "a%25b%3Ac%2Cd%0Ae");
        // Escaping `%` first: an existing escape is not mistaken for one.
        assert_eq!(github_data("%0A"), "%250A");
    }

    #[test]
    fn a_finding_on_a_long_line_is_shown_around_it() {
        let source = format!(
            "{}the the{}\nnext line\n",
            "é".repeat(5000),
            "x".repeat(5000)
        );
        let at = source.find("the the").unwrap() + 4;
        let d = Diagnostic::new(
            "repeated-word",
            Severity::Warning,
            at..at + 3,
            "'the' is repeated",
        );
        let index = LineIndex::new(&source);
        let shown = render(&Renderer::plain(), "long.txt", &source, &index, &d);
        assert!(shown.len() < 1000, "{} bytes", shown.len());
        assert!(shown.contains("the the"), "{shown}");
        assert!(
            shown.contains("at long.txt:1:5005 (a long line, shown in part)"),
            "{shown}"
        );
        // A short line is shown whole, with its path and column in the header.
        let short = "It reached the the coast.";
        let d = Diagnostic::new(
            "repeated-word",
            Severity::Warning,
            15..18,
            "'the' is repeated",
        );
        let shown = render(
            &Renderer::plain(),
            "a.txt",
            short,
            &LineIndex::new(short),
            &d,
        );
        assert!(
            shown.contains("a.txt:1:16") && shown.contains(short),
            "{shown}"
        );
    }

    #[test]
    fn uri_references_encode_what_a_uri_cannot_hold() {
        assert_eq!(uri_reference("drafts/a b#1.md"), "drafts/a%20b%231.md");
        assert_eq!(uri_reference("dir\\é.md"), "dir/%C3%A9.md");
        assert_eq!(uri_reference("./x_y-z~.md"), "./x_y-z~.md");
    }
}
