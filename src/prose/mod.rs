//! The prose model: the text rules see, split into blocks, sentences, words and quotations.
//!
//! Every range is a byte range into the original source. Non-prose content is masked in an
//! analysis copy of the same length, so offsets never need translating.

mod markdown;
mod reparse;
mod sentences;
mod words;

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

pub use reparse::TextChange;
pub(crate) use reparse::{common_prefix, common_suffix};
pub use words::{fold, Word};

/// The byte that stands in for masked, non-prose content in the analysis copy.
pub const MASK: u8 = 0x1A;

/// How a file's text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    /// Markdown for `.md` and `.markdown`, plain text for anything else.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Text,
        }
    }
}

/// The kind of block a stretch of prose sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// One block of prose: nothing a rule finds spans two blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// Sentences in order, covering the block's prose.
    pub sentences: Vec<Range<usize>>,
    /// Words in order; each knows its sentence.
    pub words: Vec<Word>,
    /// Spans of direct speech, quotation marks included.
    pub quotes: Vec<Range<usize>>,
}

impl Block {
    /// The words of sentence `index`.
    pub fn sentence_words(&self, index: usize) -> &[Word] {
        let start = self.words.partition_point(|w| w.sentence < index);
        let end = self.words.partition_point(|w| w.sentence <= index);
        &self.words[start..end]
    }

    /// Whether `offset` lies inside a quotation.
    pub fn in_quote(&self, offset: usize) -> bool {
        self.quotes
            .iter()
            .any(|q| q.start <= offset && offset < q.end)
    }
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    pub source: &'a str,
    /// The analysis copy: as long as `source`, with non-prose replaced by spaces or [`MASK`].
    pub text: String,
    pub format: Format,
    pub blocks: Vec<Block>,
    /// HTML comments (Markdown only), for suppression comments.
    pub comments: Vec<Range<usize>>,
}

/// Bare URLs and e-mail addresses. No word-boundary assertions, so the fast engines apply.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:https?://|ftp://|www\.)[^\s<>"]*[^\s<>".,;:!?'’)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#,
    )
    .expect("URL pattern is valid")
});

impl<'a> Document<'a> {
    /// Parses `source` as `format`.
    pub fn parse(source: &'a str, format: Format) -> Self {
        let (mut bytes, block_ranges, comments) = match format {
            Format::Markdown => {
                let m = markdown::mask(source);
                (m.bytes, m.blocks, m.comments)
            }
            Format::Text => (source.as_bytes().to_vec(), text_blocks(source), Vec::new()),
        };
        mask_urls(&mut bytes);
        // Every byte written is either copied from valid UTF-8 on char boundaries or ASCII.
        let text = String::from_utf8(bytes).unwrap_or_else(|e| {
            String::from_utf8_lossy(e.as_bytes())
                .chars()
                .map(|c| if c.is_ascii() { c } else { ' ' })
                .collect()
        });
        let blocks = block_ranges
            .into_iter()
            .map(|(range, kind)| analyse_block(&text, range, kind))
            .collect();
        Document {
            source,
            text,
            format,
            blocks,
            comments,
        }
    }

    /// Parses `source`, the text `previous` was parsed from with `change` applied (`removed`
    /// being the text the change took out), as [`parse`](Self::parse) would, but parsing again
    /// only the paragraphs around the change when nothing in them can change how the rest of
    /// the file reads.
    pub fn reparse(previous: Parsed, source: &'a str, change: TextChange, removed: &str) -> Self {
        reparse::reparse(previous, source, change, removed)
    }

    /// The parse without its source, to be kept for [`reparse`](Self::reparse).
    pub fn into_parsed(self) -> Parsed {
        Parsed {
            text: self.text,
            format: self.format,
            blocks: self.blocks,
            comments: self.comments,
        }
    }

    /// The block containing `offset`, if any.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.end <= offset);
        self.blocks
            .get(i)
            .filter(|b| b.range.start <= offset && offset < b.range.end)
    }

    /// All words of the document, in order.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.blocks.iter().flat_map(|b| b.words.iter())
    }
}

/// A parse without its source text, kept to re-parse the next version of the same text.
#[derive(Debug, Clone)]
pub struct Parsed {
    text: String,
    format: Format,
    blocks: Vec<Block>,
    comments: Vec<Range<usize>>,
}

impl Parsed {
    /// The format the text was read as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The length of the text it was parsed from.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The document again, for `source`, which must be the text it was parsed from.
    pub fn document(self, source: &str) -> Document<'_> {
        if source.len() != self.text.len() {
            return Document::parse(source, self.format);
        }
        Document {
            source,
            text: self.text,
            format: self.format,
            blocks: self.blocks,
            comments: self.comments,
        }
    }
}

/// Masks bare URLs and e-mail addresses, which are not prose in either format.
fn mask_urls(bytes: &mut [u8]) {
    let urls: Vec<Range<usize>> = {
        let view = String::from_utf8_lossy(bytes);
        URL.find_iter(&view).map(|m| m.range()).collect()
    };
    for r in urls {
        markdown::fill(bytes, r, MASK);
    }
}

fn analyse_block(text: &str, range: Range<usize>, kind: BlockKind) -> Block {
    let quotes = quotations(text, range.clone());
    let sentences = sentences::split(text, range.clone());
    let mut words = words::tokenize(text, range.clone());
    let mut s = 0;
    for w in &mut words {
        while s + 1 < sentences.len() && sentences[s].end <= w.range.start {
            s += 1;
        }
        w.sentence = s;
        w.in_quote = quotes
            .iter()
            .any(|q| q.start <= w.range.start && w.range.start < q.end);
    }
    Block {
        range,
        kind,
        sentences,
        words,
        quotes,
    }
}

/// Lines longer than this are not hard-wrapped text.
const WRAP_WIDTH: usize = 80;

/// Whether a line is a paragraph of its own in plain text without blank lines between
/// paragraphs: it ends a sentence and is longer than a wrapped line.
fn paragraph_line(line: &str) -> bool {
    let line = line.trim_end();
    let body = line.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    body.ends_with(['.', '!', '?', '…']) && line.chars().count() > WRAP_WIDTH
}

/// Plain-text blocks: paragraphs end at a blank line; with no blank line at all, every line
/// is a paragraph; a long line that ends a sentence is a paragraph of its own (text exported
/// with one paragraph per line).
fn text_blocks(source: &str) -> Vec<(Range<usize>, BlockKind)> {
    let lines = text_lines(source);
    let per_line = !lines.iter().any(|r| source[r.clone()].trim().is_empty());
    text_blocks_of(source, lines, per_line)
}

/// [`text_blocks`] for a stretch of a file, whether the file has any blank line being known.
fn text_blocks_with(source: &str, per_line: bool) -> Vec<(Range<usize>, BlockKind)> {
    text_blocks_of(source, text_lines(source), per_line)
}

/// The lines of plain text, line breaks included.
fn text_lines(source: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = source.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // Lines end at `\n`, `\r\n` or a lone `\r`.
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < source.len() {
        lines.push(start..source.len());
    }
    lines
}

fn text_blocks_of(
    source: &str,
    lines: Vec<Range<usize>>,
    per_line: bool,
) -> Vec<(Range<usize>, BlockKind)> {
    let blank = |r: &Range<usize>| source[r.clone()].trim().is_empty();
    let mut blocks = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        if blank(&line) {
            blocks.extend(current.take());
            continue;
        }
        let content = trim_range(source, line);
        if per_line {
            blocks.push(content);
        } else if paragraph_line(&source[content.clone()]) {
            blocks.extend(current.take());
            blocks.push(content);
        } else {
            current = Some(match current {
                Some(c) => c.start..content.end,
                None => content,
            });
        }
    }
    blocks.extend(current);
    blocks
        .into_iter()
        .map(|r| (r, BlockKind::Paragraph))
        .collect()
}

fn trim_range(source: &str, r: Range<usize>) -> Range<usize> {
    let s = &source[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

/// Spans of direct speech in straight or curly double quotes within `range`.
///
/// A quotation left open at the end of the block runs to the block's end, as a quote that
/// continues into the next paragraph does.
fn quotations(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let block = &text[range.clone()];
    for (i, c) in block.char_indices() {
        let at = range.start + i;
        match (c, open) {
            ('“', None) => open = Some(at),
            ('"', None) => open = Some(at),
            ('”' | '"', Some(start)) => {
                spans.push(start..at + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        spans.push(start..range.end);
    }
    spans
}

#[cfg(test)]
mod tests;
