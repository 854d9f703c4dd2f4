//! Suppression comments in Markdown: `<!-- copydesk-disable … -->` and friends.
//!
//! - `<!-- copydesk-disable RULE... -->` … `<!-- copydesk-enable RULE... -->`: a region
//!   (to the end of the file when never re-enabled);
//! - `<!-- copydesk-disable-next-line RULE... -->`: the next line, and the whole block of
//!   prose that starts on it;
//! - `<!-- copydesk-disable-file RULE... -->`: the whole file.
//!
//! No rule id means every rule. Ids are separated by spaces or commas.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::prose::Document;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^<!--\s*copydesk-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-*\s*-->",
    )
    .expect("directive pattern is valid")
});

/// One suppression comment as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The whole comment.
    pub range: Range<usize>,
    /// The rule ids named, with their ranges; empty means every rule.
    pub rules: Vec<(String, Range<usize>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// The directives among a document's HTML comments.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let mut out = Vec::new();
    for range in &doc.comments {
        let text = &doc.source[range.clone()];
        let Some(caps) = DIRECTIVE.captures(text) else {
            continue;
        };
        let kind = match &caps[1] {
            "disable" => DirectiveKind::Disable,
            "enable" => DirectiveKind::Enable,
            "disable-next-line" => DirectiveKind::DisableNextLine,
            _ => DirectiveKind::DisableFile,
        };
        let list = caps.get(2).map_or(0..0, |m| m.range());
        let mut rules = Vec::new();
        let mut at = list.start;
        for part in text[list.clone()].split(|c: char| c.is_whitespace() || c == ',') {
            if !part.is_empty() {
                let start = range.start + at;
                rules.push((part.to_string(), start..start + part.len()));
            }
            at += part.len() + 1;
        }
        out.push(Directive {
            kind,
            range: range.clone(),
            rules,
        });
    }
    out
}

/// Where diagnostics are silenced: byte regions, each for some rules or all.
#[derive(Debug, Default)]
pub struct Suppressions {
    regions: Vec<(Range<usize>, Option<Vec<String>>)>,
}

impl Suppressions {
    /// The regions a document's directives set up.
    pub fn new(doc: &Document) -> Self {
        let len = doc.source.len();
        let mut regions = Vec::new();
        // Open `disable` regions: start and rule (None = all rules).
        let mut open: Vec<(usize, Option<String>)> = Vec::new();
        for d in directives(doc) {
            let ids: Vec<Option<String>> = if d.rules.is_empty() {
                vec![None]
            } else {
                d.rules.iter().map(|(id, _)| Some(id.clone())).collect()
            };
            match d.kind {
                DirectiveKind::DisableFile => {
                    regions.push((0..len, rules_of(&d)));
                }
                DirectiveKind::DisableNextLine => {
                    let region = next_line(doc, d.range.end);
                    regions.push((region, rules_of(&d)));
                }
                DirectiveKind::Disable => {
                    for id in ids {
                        open.push((d.range.end, id));
                    }
                }
                DirectiveKind::Enable => {
                    let closes_all = d.rules.is_empty();
                    open.retain(|(start, id)| {
                        let closes = closes_all || ids.contains(id);
                        if closes {
                            regions.push((*start..d.range.start, id.clone().map(|i| vec![i])));
                        }
                        !closes
                    });
                }
            }
        }
        for (start, id) in open {
            regions.push((start..len, id.map(|i| vec![i])));
        }
        Suppressions { regions }
    }

    /// Whether `diagnostic` is silenced.
    pub fn silences(&self, diagnostic: &Diagnostic) -> bool {
        let at = diagnostic.range.start;
        self.regions.iter().any(|(r, rules)| {
            r.start <= at
                && at < r.end.max(r.start + 1)
                && rules
                    .as_ref()
                    .is_none_or(|ids| ids.iter().any(|i| i == diagnostic.rule))
        })
    }
}

fn rules_of(d: &Directive) -> Option<Vec<String>> {
    (!d.rules.is_empty()).then(|| d.rules.iter().map(|(id, _)| id.clone()).collect())
}

/// The line after the one `offset` is on, widened to the block of prose that starts there.
fn next_line(doc: &Document, offset: usize) -> Range<usize> {
    let src = doc.source;
    let start = src[offset..]
        .find('\n')
        .map_or(src.len(), |i| offset + i + 1);
    // Skip blank lines: the directive applies to the next line with content.
    let mut line_start = start;
    loop {
        let line_end = src[line_start..]
            .find('\n')
            .map_or(src.len(), |i| line_start + i);
        if line_end >= src.len() || !src[line_start..line_end].trim().is_empty() {
            let block_end = doc
                .blocks
                .iter()
                .find(|b| b.range.start >= line_start && b.range.start <= line_end)
                .map_or(line_end, |b| b.range.end);
            return line_start..block_end.max(line_end);
        }
        line_start = line_end + 1;
    }
}

/// The file's own line break: that of its first line, else `\n`. Reads only the first line,
/// so a fix built per finding costs nothing per finding.
pub fn line_break(src: &str) -> &'static str {
    match src.find(['\n', '\r']) {
        Some(i) if src[i..].starts_with("\r\n") => "\r\n",
        Some(i) if src[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// Writes a `disable-next-line` comment for `rule` on its own line before the line holding
/// `offset`: the text to insert and where.
pub fn disable_next_line_comment(source: &str, offset: usize, rule: &str) -> (usize, String) {
    let line_start = source[..offset.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let eol = line_break(source);
    (
        line_start,
        format!("<!-- copydesk-disable-next-line {rule} -->{eol}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::prose::Format;

    fn rules_flagged(text: &str) -> Vec<(&'static str, String)> {
        crate::check(text, Format::Markdown, &Config::default())
            .diagnostics
            .into_iter()
            .map(|d| (d.rule, text[d.range].to_string()))
            .collect()
    }

    #[test]
    fn disable_and_enable_a_region() {
        let text = "One the the.\n\n<!-- copydesk-disable repeated-word -->\n\nTwo the the.\n\n<!-- copydesk-enable repeated-word -->\n\nThree the the.\n";
        let found = rules_flagged(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(text[..text.find("Two").unwrap()].contains("One"));
    }

    #[test]
    fn disable_without_enable_runs_to_the_end() {
        let text = "One the the.\n\n<!-- copydesk-disable -->\n\nTwo the the.\n";
        assert_eq!(rules_flagged(text).len(), 1);
    }

    #[test]
    fn disable_next_line_covers_the_next_paragraph_only() {
        let text = "<!-- copydesk-disable-next-line repeated-word -->\nOne the the\nstill the the.\n\nTwo the the.\n";
        let found = rules_flagged(text);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn disable_file_and_other_rules() {
        let text = "One the the.\n\n<!-- copydesk-disable-file repeated-word -->\n";
        assert!(rules_flagged(text).is_empty());
        let text = "One the the.\n\n<!-- copydesk-disable-file unknown-rule-in-comment -->\n";
        assert_eq!(rules_flagged(text).len(), 1);
    }

    #[test]
    fn unknown_rule_ids_are_reported() {
        let text = "<!-- copydesk-disable repeated-wrod, repeated-word -->\nText.\n";
        let found = rules_flagged(text);
        assert_eq!(
            found,
            [("unknown-rule-in-comment", "repeated-wrod".to_string())]
        );
    }

    #[test]
    fn directives_in_code_are_not_directives() {
        let text = "```\n<!-- copydesk-disable-file -->\n```\n\nOne the the.\n";
        assert_eq!(rules_flagged(text).len(), 1);
    }

    #[test]
    fn the_comment_ends_with_the_files_line_break() {
        assert_eq!(line_break("a\r\nb\nc"), "\r\n");
        assert_eq!(line_break("a\nb\r\nc"), "\n");
        assert_eq!(line_break("no break"), "\n");
        let (_, comment) = disable_next_line_comment("a\r\nb the the\r\n", 5, "repeated-word");
        assert!(comment.ends_with("-->\r\n"), "{comment:?}");
    }

    #[test]
    fn comment_for_the_fix() {
        let src = "a\nb the the\n";
        assert_eq!(
            disable_next_line_comment(src, 5, "repeated-word"),
            (
                2,
                "<!-- copydesk-disable-next-line repeated-word -->\n".to_string()
            )
        );
    }
}
