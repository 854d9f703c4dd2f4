//! Suppression comments in Markdown: `<!-- copydesk-disable … -->` and friends.
//!
//! - `<!-- copydesk-disable RULE... -->` … `<!-- copydesk-enable RULE... -->`: a region
//!   (to the end of the file when never re-enabled);
//! - `<!-- copydesk-disable-next-line RULE... -->`: the next line, and the whole block of
//!   prose that starts on it;
//! - `<!-- copydesk-disable-file RULE... -->`: the whole file.
//!
//! No rule id means every rule. Ids are separated by spaces or commas.

use rustc_hash::FxHashMap as HashMap;
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
        // Byte positions come from the text itself: a separator may be several bytes long
        // (a no-break space is two, an ideographic space three).
        let list_text = &text[list.clone()];
        let mut part_start = None;
        for (i, c) in list_text.char_indices().chain([(list_text.len(), ' ')]) {
            let separator = c.is_whitespace() || c == ',';
            match (separator, part_start) {
                (true, Some(s)) => {
                    let start = range.start + list.start + s;
                    rules.push((list_text[s..i].to_string(), start..start + (i - s)));
                    part_start = None;
                }
                (false, None) => part_start = Some(i),
                _ => {}
            }
        }
        out.push(Directive {
            kind,
            range: range.clone(),
            rules,
        });
    }
    out
}

/// Where diagnostics are silenced: for every rule, and for each rule named, sorted byte
/// regions that do not overlap, so a diagnostic is looked up in O(log n).
#[derive(Debug, Default)]
pub struct Suppressions {
    all: Vec<Range<usize>>,
    by_rule: HashMap<String, Vec<Range<usize>>>,
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
                    regions.extend(ids.into_iter().map(|id| (0..len, id)));
                }
                DirectiveKind::DisableNextLine => {
                    let region = next_line(doc, d.range.end);
                    regions.extend(ids.into_iter().map(|id| (region.clone(), id)));
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
                            regions.push((*start..d.range.start, id.clone()));
                        }
                        !closes
                    });
                }
            }
        }
        for (start, id) in open {
            regions.push((start..len, id));
        }
        let mut all = Vec::new();
        let mut by_rule: HashMap<String, Vec<Range<usize>>> = HashMap::default();
        for (r, id) in regions {
            // An empty region still covers its own start.
            let r = r.start..r.end.max(r.start + 1);
            match id {
                None => all.push(r),
                Some(id) => by_rule.entry(id).or_default().push(r),
            }
        }
        normalise(&mut all);
        by_rule.values_mut().for_each(normalise);
        Suppressions { all, by_rule }
    }

    /// Whether `diagnostic` is silenced.
    pub fn silences(&self, diagnostic: &Diagnostic) -> bool {
        let at = diagnostic.range.start;
        covers(&self.all, at)
            || self
                .by_rule
                .get(diagnostic.rule)
                .is_some_and(|regions| covers(regions, at))
    }
}

/// Sorts `regions` and merges those that overlap or touch.
fn normalise(regions: &mut Vec<Range<usize>>) {
    regions.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    for r in regions.drain(..) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    *regions = merged;
}

/// Whether one of `regions` (sorted, disjoint) holds `at`.
fn covers(regions: &[Range<usize>], at: usize) -> bool {
    let i = regions.partition_point(|r| r.end <= at);
    regions.get(i).is_some_and(|r| r.start <= at)
}

/// The end of the line holding `from` (before its break) and the start of the next line.
/// Lines end at `\n`, `\r\n` or a lone `\r`.
fn line_end(src: &str, from: usize) -> (usize, usize) {
    let bytes = src.as_bytes();
    match bytes[from..].iter().position(|&b| b == b'\n' || b == b'\r') {
        None => (src.len(), src.len()),
        Some(i) => {
            let end = from + i;
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            (end, end + 1 + usize::from(crlf))
        }
    }
}

/// The start of the line holding `offset`.
fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The line after the one `offset` is on, widened to the block of prose that starts there.
fn next_line(doc: &Document, offset: usize) -> Range<usize> {
    let src = doc.source;
    let (_, mut line_start) = line_end(src, offset);
    // Skip blank lines: the directive applies to the next line with content.
    loop {
        let (line_end, next) = line_end(src, line_start);
        if line_end >= src.len() || !src[line_start..line_end].trim().is_empty() {
            let i = doc.blocks.partition_point(|b| b.range.start < line_start);
            let block_end = doc
                .blocks
                .get(i)
                .filter(|b| b.range.start <= line_end)
                .map_or(line_end, |b| b.range.end);
            return line_start..block_end.max(line_end);
        }
        line_start = next;
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
/// `offset`: the text to insert and where. The comment ends with the file's own line break,
/// and never goes before a byte-order mark.
pub fn disable_next_line_comment(source: &str, offset: usize, rule: &str) -> (usize, String) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut at = line_start(source, offset);
    if at == 0 && source.starts_with('\u{feff}') {
        at = '\u{feff}'.len_utf8();
    }
    let eol = line_break(source);
    (
        at,
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
    fn comment_takes_the_line_ending_of_its_place() {
        // The ending comes from the line before the insertion, or from the line itself at the
        // top; a different ending far away in the draft does not matter.
        let src = "a\r\nb the the\r\nc\nd\n";
        assert!(disable_next_line_comment(src, 4, "r")
            .1
            .ends_with("-->\r\n"));
        let src = "a the the\r\nb\n";
        assert!(disable_next_line_comment(src, 3, "r")
            .1
            .ends_with("-->\r\n"));
        let src = "a\nb the the\nc\r\n";
        assert!(disable_next_line_comment(src, 3, "r").1.ends_with("-->\n"));
        let src = "one line, no ending";
        assert!(disable_next_line_comment(src, 4, "r").1.ends_with("-->\n"));
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

    #[test]
    fn ids_separated_by_unicode_spaces_keep_their_ranges() {
        for space in ['\u{a0}', '\u{3000}', '\u{2009}'] {
            let text = format!(
                "<!-- copydesk-disable{space}repeated-wrod{space}repeated-word -->\nText.\n"
            );
            let doc = Document::parse(&text, Format::Markdown);
            let d = &directives(&doc)[0];
            for (id, range) in &d.rules {
                assert_eq!(&text[range.clone()], id, "{space:?}");
            }
            let found = crate::check(&text, Format::Markdown, &Config::default()).diagnostics;
            let fixed = found[0].preferred_fix().and_then(|f| f.apply(&text));
            assert_eq!(
                fixed,
                Some(text.replace("repeated-wrod", "repeated-word")),
                "{space:?}"
            );
        }
    }

    #[test]
    fn lone_cr_lines_scope_like_lf_lines() {
        let lf =
            "<!-- copydesk-disable-next-line repeated-word -->\nOne the the.\n\nTwo the the.\n";
        let cr = lf.replace('\n', "\r");
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(rules_flagged(lf).len(), 1);
        assert_eq!(rules_flagged(&cr).len(), 1, "lone CR");
        assert_eq!(rules_flagged(&crlf).len(), 1, "CRLF");
    }

    #[test]
    fn the_comment_uses_the_files_line_break_and_follows_a_bom() {
        let cr = "Intro.\r\rSaid the the.\r";
        let at = cr.find("Said").unwrap();
        let (pos, comment) = disable_next_line_comment(cr, at + 3, "repeated-word");
        assert_eq!(pos, at);
        assert!(
            comment.ends_with("-->\r") && !comment.contains('\n'),
            "{comment:?}"
        );
        // The comment silences that paragraph and nothing after it.
        let mut fixed = cr.to_string();
        fixed.insert_str(pos, &comment);
        fixed.push_str("\rLater the the.\r");
        assert_eq!(rules_flagged(&fixed).len(), 1, "{fixed:?}");

        let bom = "\u{feff}Said the the.\n";
        assert_eq!(disable_next_line_comment(bom, 5, "repeated-word").0, 3);
        assert_eq!(line_break("a\r\nb\nc"), "\r\n");
        assert_eq!(line_break("no break"), "\n");
    }

    #[test]
    fn many_regions_and_rules() {
        let mut text = String::new();
        for i in 0..50 {
            let rule = if i % 2 == 0 {
                "repeated-word"
            } else {
                "repeated-phrase"
            };
            text.push_str(&format!(
                "<!-- copydesk-disable-next-line {rule} -->\nP{i} the the.\n\n"
            ));
        }
        // Odd paragraphs silence another rule, so their repeated word stands.
        assert_eq!(rules_flagged(&text).len(), 25);
    }
}
