//! Re-parsing after an edit: only the stretch of text around a change is parsed again, when
//! nothing in it can change how the rest of the file reads; otherwise the whole text is parsed.
//!
//! The stretch parsed again (the *region*) starts at a Markdown paragraph at the top level
//! before the change, or the start of the text, and ends at one after the change, or the end
//! of the text. A paragraph is at the top level when its first line follows a blank line,
//! starts at the margin with no block marker, and was (part of) a paragraph or heading in the
//! previous parse: nothing is open there (no fence, HTML block, list or quotation), so a parse
//! that starts there reads what follows as the whole file's parse does. The paragraph after the
//! change is parsed with the region and must be a paragraph there too, which shows that the
//! region closed all it opened; from it on, the previous parse holds, moved by the length the
//! edit added or took away. Lists, quotations, tables and code blocks inside the region are
//! parsed with it.
//!
//! What reads text outside the region makes the whole text parsed again: a reference or
//! footnote definition or use (`]:`, `[^`, a reference the region's own parse cannot resolve),
//! and a line that may open a metadata block (`---`, `+++`), which runs to a closing line
//! however far on. In plain text the region is the paragraphs between the blank lines around
//! the change, and the whole text is parsed when no blank line is left outside it (with none
//! at all, every line is a paragraph of its own, a property of the whole file).

use std::ops::Range;

use super::{analyse_block, markdown, mask_urls, text_blocks_with, Block, BlockKind, Document};
use super::{Format, Parsed};

/// One change between two texts, in bytes: `old[start..old_end]` became `new[start..new_end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextChange {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl TextChange {
    /// The change that turns `old` into `new`: what lies between their longest common prefix
    /// and suffix, on character boundaries. `None` when the texts are equal.
    pub fn between(old: &str, new: &str) -> Option<TextChange> {
        if old == new {
            return None;
        }
        let (o, n) = (old.as_bytes(), new.as_bytes());
        let mut start = common_prefix(o, n);
        while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
            start -= 1;
        }
        let room = o.len().min(n.len()) - start;
        let mut suffix = common_suffix(&o[o.len() - room..], &n[n.len() - room..]);
        while !(old.is_char_boundary(o.len() - suffix) && new.is_char_boundary(n.len() - suffix)) {
            suffix -= 1;
        }
        Some(TextChange {
            start,
            old_end: o.len() - suffix,
            new_end: n.len() - suffix,
        })
    }
}

/// How many bytes `a` and `b` share at their start (compared a block at a time).
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` share at their end.
pub(crate) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    let (a, b) = (&a[..n - i], &b[..n - i]);
    i + a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Whether byte `i` of `b` starts a line (lines end at `\n`, `\r\n` or a lone `\r`).
fn starts_line(b: &[u8], i: usize) -> bool {
    i == 0 || b[i - 1] == b'\n' || (b[i - 1] == b'\r' && b.get(i) != Some(&b'\n'))
}

/// The start of the line holding byte `i`.
fn line_start(b: &[u8], mut i: usize) -> usize {
    while !starts_line(b, i) {
        i -= 1;
    }
    i
}

/// The end of the line starting at `i`, after its line break.
fn line_end(b: &[u8], i: usize) -> usize {
    match b[i..].iter().position(|&c| c == b'\n' || c == b'\r') {
        None => b.len(),
        Some(p) if b[i + p] == b'\r' && b.get(i + p + 1) == Some(&b'\n') => i + p + 2,
        Some(p) => i + p + 1,
    }
}

fn blank(format: Format, line: &str) -> bool {
    match format {
        // CommonMark's blank line: nothing but spaces and tabs.
        Format::Markdown => line.bytes().all(|c| c == b' ' || c == b'\t'),
        Format::Text => line.trim().is_empty(),
    }
}

/// Whether a Markdown line may sit in a region parsed on its own: it starts at the margin and
/// opens no block that reaches past a blank line or depends on its neighbours.
fn plain_markdown_line(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return true;
    };
    if first.is_whitespace()
        || matches!(
            first,
            '>' | '-' | '+' | '*' | '_' | '=' | '`' | '~' | '<' | '|' | ':'
        )
    {
        return false;
    }
    // An ordered list item: up to nine digits, then `.` or `)`.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    !(digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')))
}

/// How far a region must reach, at most, before or after the change to find where to start
/// or stop; beyond that the whole text is parsed.
const REACH: usize = 256 * 1024;

/// The stretch of the new text to parse again.
struct Region {
    start: usize,
    /// Where the previous parse takes over again (the end of the text, or the anchor's start).
    end: usize,
    /// The first line of a paragraph after the change where the previous parse takes over,
    /// when there is one: it is parsed with the region, and must be a paragraph or heading
    /// there too, which shows that the region closed all it opened.
    anchor: Option<Range<usize>>,
}

/// Whether block `r` of `kind` is a paragraph or heading that takes part of `line`.
fn top_level(r: &Range<usize>, kind: BlockKind, line: &Range<usize>) -> bool {
    matches!(kind, BlockKind::Paragraph | BlockKind::Heading)
        && r.start < line.end
        && r.end > line.start
}

/// Whether the previous parse had part of `line` (in the old text's offsets) in a paragraph
/// or heading.
fn was_top_level(previous: &Parsed, line: Range<usize>) -> bool {
    let i = previous
        .blocks
        .partition_point(|bl| bl.range.end <= line.start);
    previous.blocks[i..]
        .iter()
        .take_while(|bl| bl.range.start < line.end)
        .any(|bl| top_level(&bl.range, bl.kind, &line))
}

/// The end of the line holding byte `i` (the end of the text for `i` at the end), after its
/// line break.
fn end_of_line_holding(b: &[u8], i: usize) -> usize {
    if i == b.len() {
        b.len()
    } else {
        line_end(b, line_start(b, i))
    }
}

/// The line starting at `at`, without its line break.
fn content(b: &[u8], at: usize) -> Range<usize> {
    let end = line_end(b, at);
    let mut c = end;
    while c > at && matches!(b[c - 1], b'\n' | b'\r') {
        c -= 1;
    }
    at..c
}

/// The region of a Markdown text to parse again: from a paragraph at the top level before the
/// change (or the start) to one after it (or the end).
///
/// A paragraph is at the top level when its first line follows a blank line, starts at the
/// margin with no block marker, and was (part of) a paragraph or heading in the previous
/// parse: nothing is open there (a fence, an HTML block, a list), so a parse starting there
/// reads what follows as the whole file's parse does. The one after the change must also be
/// a paragraph in the region's own parse (see [`Region::anchor`]); from there on the previous
/// parse holds.
fn markdown_region(previous: &Parsed, source: &str, change: TextChange) -> Option<Region> {
    let b = source.as_bytes();
    let delta = source.len() as isize - previous.text.len() as isize;
    let blank_line = |at: usize| blank(Format::Markdown, &source[content(b, at)]);
    // Back to a paragraph's first line whose start the change did not touch.
    let mut a = line_start(b, change.start);
    loop {
        if a == 0 {
            break;
        }
        let above = line_start(b, a - 1);
        if a < change.start && blank_line(above) {
            let line = content(b, a);
            let same = line.start..line.end.min(change.start);
            if plain_markdown_line(&source[line]) && was_top_level(previous, same) {
                break;
            }
        }
        a = above;
        if change.start - a > REACH {
            return None;
        }
    }
    // On past the change, to a blank line and a paragraph after it.
    let mut e = end_of_line_holding(b, change.new_end);
    let mut anchor = None;
    let mut after_blank = false;
    while e < b.len() {
        let line = content(b, e);
        if blank(Format::Markdown, &source[line.clone()]) {
            after_blank = true;
        } else {
            let old = line.start.wrapping_add_signed(-delta)..line.end.wrapping_add_signed(-delta);
            if after_blank
                && plain_markdown_line(&source[line.clone()])
                && was_top_level(previous, old)
            {
                anchor = Some(line);
                break;
            }
            after_blank = false;
        }
        e = line_end(b, e);
        if e - change.new_end > REACH {
            return None;
        }
    }
    Some(Region {
        start: a,
        end: e,
        anchor,
    })
}

/// The region of a plain text to parse again: the paragraphs between the blank lines around
/// the change. With no blank line left outside it, whether the file has one at all (which
/// decides whether every line is a paragraph) may have changed: then the whole text is parsed.
fn text_region(source: &str, change: TextChange) -> Option<Region> {
    let b = source.as_bytes();
    let blank_line = |at: usize| blank(Format::Text, &source[content(b, at)]);
    let mut a = line_start(b, change.start);
    if a == change.start && a > 0 && b[a - 1] == b'\r' {
        // In the old text this may have been the middle of a `\r\n`.
        return None;
    }
    while a > 0 {
        let above = line_start(b, a - 1);
        if blank_line(above) {
            break;
        }
        a = above;
    }
    let mut e = end_of_line_holding(b, change.new_end);
    while e < b.len() && !blank_line(e) {
        e = line_end(b, e);
    }
    (a > 0 || e < b.len()).then_some(Region {
        start: a,
        end: e,
        anchor: None,
    })
}

/// Whether Markdown text may hold something read together with text outside it: a definition
/// of a reference or footnote (read from anywhere in the file; a footnote is one only where it
/// is defined), or a line that may open a metadata block (`---` or `+++`), which runs to a
/// closing line however far on.
fn reaches_out(text: &str) -> bool {
    text.contains("]:")
        || text.contains("[^")
        || text.split(['\n', '\r']).any(|line| {
            let line = line.trim_end();
            line.ends_with("---") || line.ends_with("+++")
        })
}

/// Re-parses `source`, which is the text `previous` was parsed from with `change` applied
/// (`removed` being the text the change took out), the way [`Document::parse`] would parse it.
pub(super) fn reparse<'a>(
    previous: Parsed,
    source: &'a str,
    change: TextChange,
    removed: &str,
) -> Document<'a> {
    match local(previous, source, change, removed) {
        Ok(doc) => doc,
        Err(previous) => Document::parse(source, previous.format),
    }
}

/// The re-parse of the region around `change`, or `previous` back when the region cannot be
/// parsed on its own.
pub(super) fn local<'a>(
    previous: Parsed,
    source: &'a str,
    change: TextChange,
    removed: &str,
) -> Result<Document<'a>, Parsed> {
    let format = previous.format;
    let (old_len, new_len) = (previous.text.len(), source.len());
    let TextChange {
        start,
        old_end,
        new_end,
    } = change;
    let consistent = start <= old_end
        && start <= new_end
        && old_end <= old_len
        && new_end <= new_len
        && old_len - old_end == new_len - new_end
        && removed.len() == old_end - start
        && source.is_char_boundary(start)
        && source.is_char_boundary(new_end);
    if !consistent {
        return Err(previous);
    }
    let region = match format {
        Format::Markdown => markdown_region(&previous, source, change),
        Format::Text => text_region(source, change),
    };
    let Some(Region {
        start: a,
        end: e,
        anchor,
    }) = region
    else {
        return Err(previous);
    };
    // `e` is at or after the change, so this is its place in the old text.
    let old_e = e - new_end + old_end;
    let region = &source[a..e];
    // What is parsed: the region and the anchor's line.
    let parsed_end = anchor.as_ref().map_or(e, |line| line.end);
    let old_region = [&source[a..start], removed, &source[new_end..e]].concat();
    if format == Format::Markdown && (reaches_out(region) || reaches_out(&old_region)) {
        return Err(previous);
    }
    let inside =
        |r: &Range<usize>| r.end <= a || r.start >= old_e || (r.start >= a && r.end <= old_e);
    if !previous.blocks.iter().map(|bl| &bl.range).all(inside)
        || !previous.comments.iter().all(inside)
    {
        return Err(previous);
    }

    // The region on its own.
    let (mut bytes, mut ranges, mut comments) = match format {
        Format::Markdown => {
            let m = markdown::mask(&source[a..parsed_end]);
            if m.broken_references {
                return Err(previous);
            }
            (m.bytes, m.blocks, m.comments)
        }
        Format::Text => (
            region.as_bytes().to_vec(),
            text_blocks_with(region, false),
            Vec::new(),
        ),
    };
    // The region must leave the reader at the top level where the previous parse takes over:
    // the anchor is a paragraph here too. What the anchor's line gave is the previous parse's.
    if let Some(anchor) = anchor {
        let line = anchor.start - a..anchor.end - a;
        if !ranges.iter().any(|(r, kind)| top_level(r, *kind, &line)) {
            return Err(previous);
        }
        ranges.retain(|(r, _)| r.start < line.start);
        comments.retain(|r| r.start < line.start);
        if ranges.iter().any(|(r, _)| r.end > line.start)
            || comments.iter().any(|r| r.end > line.start)
        {
            return Err(previous);
        }
        bytes.truncate(line.start);
    }
    mask_urls(&mut bytes);
    let Ok(region_text) = String::from_utf8(bytes) else {
        return Err(previous);
    };

    let Parsed {
        mut text,
        format,
        mut blocks,
        comments: mut old_comments,
    } = previous;
    let delta = new_len as isize - old_len as isize;
    text.replace_range(a..old_e, &region_text);
    let first = blocks.partition_point(|bl| bl.range.start < a);
    let after = blocks.partition_point(|bl| bl.range.start < old_e);
    for bl in &mut blocks[after..] {
        shift_block(bl, delta);
    }
    let fresh: Vec<Block> = ranges
        .into_iter()
        .map(|(r, kind)| analyse_block(&text, r.start + a..r.end + a, kind))
        .collect();
    blocks.splice(first..after, fresh);

    let first = old_comments.partition_point(|r| r.start < a);
    let after = old_comments.partition_point(|r| r.start < old_e);
    for r in &mut old_comments[after..] {
        *r = shift(r, delta);
    }
    old_comments.splice(
        first..after,
        comments.into_iter().map(|r| r.start + a..r.end + a),
    );

    Ok(Document {
        source,
        text,
        format,
        blocks,
        comments: old_comments,
    })
}

fn shift(r: &Range<usize>, delta: isize) -> Range<usize> {
    r.start.wrapping_add_signed(delta)..r.end.wrapping_add_signed(delta)
}

fn shift_block(block: &mut Block, delta: isize) {
    block.range = shift(&block.range, delta);
    for s in &mut block.sentences {
        *s = shift(s, delta);
    }
    for q in &mut block.quotes {
        *q = shift(q, delta);
    }
    for w in &mut block.words {
        w.range = shift(&w.range, delta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `change` (replacing `old[start..old_end]` by `with`) and re-parses locally if it
    /// can; checks the result against a full parse either way. Whether it was local.
    fn edit(old: &str, format: Format, start: usize, old_end: usize, with: &str) -> bool {
        let new = [&old[..start], with, &old[old_end..]].concat();
        let change = TextChange {
            start,
            old_end,
            new_end: start + with.len(),
        };
        let parsed = Document::parse(old, format).into_parsed();
        let fresh = Document::parse(&new, format);
        match local(parsed, &new, change, &old[start..old_end]) {
            Ok(doc) => {
                assert_eq!(doc, fresh, "local re-parse of {new:?}");
                true
            }
            Err(_) => false,
        }
    }

    const MD: &str = "# Floods\n\nOfficials said 95 people died. About 3,000 homes were lost.\n\n- a list\n- of items\n\n```\ncode\n\nmore code\n```\n\nThe council met on Tuesday.\nIt will meet again.\n\n> quoted\n";

    #[test]
    fn typing_anywhere_between_paragraphs_is_local() {
        let at = MD.find("95").unwrap();
        assert!(edit(MD, Format::Markdown, at, at, "1"));
        assert!(edit(MD, Format::Markdown, at, at + 2, ""));
        let at = MD.find("It will").unwrap();
        assert!(edit(MD, Format::Markdown, at, at, "Then "));
        // A heading, and a new paragraph split off.
        let at = MD.find("Floods").unwrap();
        assert!(edit(MD, Format::Markdown, at, at, "Flash "));
        let at = MD.find(" About").unwrap();
        assert!(edit(MD, Format::Markdown, at, at + 1, "\n\n"));
        let at = MD.find("met on").unwrap();
        assert!(edit(MD, Format::Markdown, at, at, "\u{e9}"));
        // In a list item and in a fenced code block: the region takes in the whole list or
        // block, up to the paragraph after it.
        let at = MD.find("of items").unwrap();
        assert!(edit(MD, Format::Markdown, at, at, "x"));
        let at = MD.find("more code").unwrap();
        assert!(edit(MD, Format::Markdown, at, at, "x"));
        // Joining a paragraph to the list after it, and opening a fence that runs to the end.
        let at = MD.find("lost.").unwrap() + 5;
        assert!(edit(MD, Format::Markdown, at, at + 2, " "));
        let at = MD.find("The council").unwrap();
        for with in ["```\n", "- ", "> ", "1. ", "    ", "<div>\n", "===\n"] {
            assert!(edit(MD, Format::Markdown, at, at, with), "{with:?}");
        }
    }

    #[test]
    fn what_reaches_past_the_region_is_parsed_whole() {
        let md = "Para one.\n\nPara two.\n\nPara three.\n\nFour [x].\n\n[x]: http://a.b\n";
        let at = md.find("two").unwrap();
        assert!(edit(md, Format::Markdown, at, at, "2 "));
        // A fence opened before a paragraph: the paragraph after it is code now.
        assert!(!edit(md, Format::Markdown, at - 5, at - 5, "```\n"));
        // A reference: its definition is outside the region.
        assert!(!edit(md, Format::Markdown, at, at, "[x] "));
        // A definition, which references anywhere may use.
        let at = md.find("http").unwrap();
        assert!(!edit(md, Format::Markdown, at, at, "s"));
        // A change in a blank line: the region runs from the paragraph before it.
        let md = "Para.\n\n\n\nPara.\n";
        assert!(edit(md, Format::Markdown, 7, 7, "  "));
    }

    #[test]
    fn plain_text_is_local_while_a_blank_line_stays() {
        let text =
            "Officials said 95 people died.\nAbout 3,000 homes were lost.\n\nThe council met.\n";
        let at = text.find("95").unwrap();
        assert!(edit(text, Format::Text, at, at, "1"));
        // Removing the only blank line makes every line a paragraph of its own.
        let at = text.find("\n\n").unwrap();
        assert!(!edit(text, Format::Text, at, at + 1, ""));
        let one = "Officials said 95 people died.\nAbout 3,000 homes were lost.\n";
        assert!(!edit(one, Format::Text, 3, 3, "x"));
    }

    #[test]
    fn line_endings_are_kept_apart() {
        let crlf = MD.replace('\n', "\r\n");
        let at = crlf.find("95").unwrap();
        assert!(edit(&crlf, Format::Markdown, at, at, "1"));
        // Typing between `\r` and `\n`.
        let at = crlf.find("lost.\r\n").unwrap() + 6;
        edit(&crlf, Format::Markdown, at, at, "x");
        let cr = MD.replace('\n', "\r");
        let at = cr.find("95").unwrap();
        assert!(edit(&cr, Format::Markdown, at, at, "1"));
    }

    #[test]
    fn the_change_between_two_texts() {
        assert_eq!(TextChange::between("abc", "abc"), None);
        let c = TextChange::between("the cat", "the hat").unwrap();
        assert_eq!((c.start, c.old_end, c.new_end), (4, 5, 5));
        // Repeated text: the prefix is taken first, and the suffix never overlaps it.
        let c = TextChange::between("aaa", "aaaa").unwrap();
        assert_eq!((c.start, c.old_end, c.new_end), (3, 3, 4));
        // On character boundaries: é and è share their first byte.
        let c = TextChange::between("café", "cafè").unwrap();
        assert_eq!((c.start, c.old_end, c.new_end), (3, 5, 5));
        let c = TextChange::between("x😀y", "x😁y").unwrap();
        assert_eq!((c.start, c.old_end, c.new_end), (1, 5, 5));
    }

    /// Random drafts, mostly prose, and random edits: every local re-parse equals a full
    /// parse, and most edits are local.
    #[test]
    fn random_local_reparses_equal_full_parses() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let piece = prop::sample::select(vec![
            "Officials said 95 people died. ",
            "About 3,000 homes were lost. ",
            "“We will rebuild,” she said. ",
            "Visit https://example.com now. ",
            "A <!-- note --> comment. ",
            "`code` ",
            "word ",
            "é",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "# Heading ",
            "- item ",
            "> quote ",
            "```\n",
            "<div>\n",
            "  ",
            "[x] ",
            "\n[x]: http://a.b\n",
        ]);
        let draft = prop::collection::vec(piece.clone(), 0..40).prop_map(|v| v.concat());
        let change = (0.0..1.0f64, 0.0..0.1f64, piece);
        let case = (draft, prop::collection::vec(change, 1..10), any::<bool>());
        let mut runner = TestRunner::new(Config {
            cases: 400,
            ..Config::default()
        });
        let (local_edits, all) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
        let boundary = |t: &str, f: f64| {
            let mut at = ((t.len() as f64) * f) as usize;
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        runner
            .run(&case, |(mut text, edits, markdown)| {
                let format = if markdown {
                    Format::Markdown
                } else {
                    Format::Text
                };
                for (at, len, with) in edits {
                    let start = boundary(&text, at);
                    let end = boundary(&text, (at + len).min(1.0)).max(start);
                    all.set(all.get() + 1);
                    if edit(&text, format, start, end, with) {
                        local_edits.set(local_edits.get() + 1);
                    }
                    text.replace_range(start..end, with);
                }
                Ok(())
            })
            .unwrap();
        let (local_edits, all) = (local_edits.get(), all.get());
        assert!(
            local_edits * 4 >= all,
            "only {local_edits} of {all} edits were local"
        );
    }
}
