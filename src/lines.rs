//! Line and column numbers for byte offsets, as the command line reports them.

use std::ops::Range;

/// Bytes between two stored character counts.
const STRIDE: usize = 64;

/// Maps byte offsets to 1-based lines and columns counted in Unicode characters.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in the Language Server Protocol. Each lookup
/// costs a binary search over the line starts and a scan of at most [`STRIDE`] bytes, however
/// long the line: the index stores how many characters precede every `STRIDE`-th byte.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// `chars_before[k]`: the number of characters in `text[..k * STRIDE]`.
    chars_before: Vec<usize>,
    /// Bytes examined by column lookups (tests check the bound above).
    #[cfg(test)]
    scanned: std::cell::Cell<usize>,
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut chars_before = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i % STRIDE == 0 {
                chars_before.push(chars);
            }
            chars += usize::from(starts_char(b));
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        if bytes.len() % STRIDE == 0 {
            chars_before.push(chars);
        }
        LineIndex {
            text,
            starts,
            chars_before,
            #[cfg(test)]
            scanned: std::cell::Cell::new(0),
        }
    }

    /// The number of characters before byte `offset` (a character boundary).
    fn chars_to(&self, offset: usize) -> usize {
        let k = offset / STRIDE;
        let from = k * STRIDE;
        let tail = &self.text.as_bytes()[from..offset];
        #[cfg(test)]
        self.scanned.set(self.scanned.get() + tail.len());
        self.chars_before[k] + tail.iter().filter(|&&b| starts_char(b)).count()
    }

    /// 1-based line and character column of `offset` (clamped to the text, and moved back to
    /// a character boundary).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let col = self.chars_to(offset) - self.chars_to(self.starts[line]);
        (line + 1, col + 1)
    }

    /// The byte range of 1-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = start
            + self.text[start..end.max(start)]
                .trim_end_matches(['\n', '\r'])
                .len();
        start..end
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: usize) -> &'a str {
        &self.text[self.line_range(line)]
    }
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, STRIDE};

    /// The column as the definition says: characters from the line's start.
    fn reference(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line_start = before
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .map(|(i, _)| i + 1)
            .next_back()
            .unwrap_or(0);
        let line = 1 + text[..line_start]
            .char_indices()
            .filter(|&(i, c)| c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')))
            .count();
        (line, text[line_start..offset].chars().count() + 1)
    }

    #[test]
    fn columns_count_characters() {
        let text = "é😀 the\r\nnext\rlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(text.find("the").unwrap()), (1, 4));
        assert_eq!(idx.line_col(text.find("next").unwrap()), (2, 1));
        assert_eq!(idx.line_col(text.find("last").unwrap()), (3, 1));
        assert_eq!(idx.line_col(text.len()), (3, 5));
        assert_eq!(idx.line(1), "é😀 the");
        assert_eq!(idx.line(0), "");
        assert_eq!(idx.line(9), "");
        let the = text.find("the").unwrap();
        assert_eq!(&text[idx.line_range(idx.line_col(the).0)], "é😀 the");
        assert_eq!(
            &text[idx.line_range(idx.line_col(text.find("next").unwrap() + 2).0)],
            "next"
        );
        assert_eq!(&text[idx.line_range(idx.line_col(text.len()).0)], "last");
    }

    #[test]
    fn every_offset_matches_the_definition() {
        let text = "ab\u{301}c 東京 😀\r\n\r\rx\ny é".repeat(20);
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(idx.line_col(offset), reference(&text, offset), "{offset}");
        }
        // Inside a character: its start.
        let inside = text.find('😀').unwrap() + 2;
        assert_eq!(idx.line_col(inside), reference(&text, inside - 2));
    }

    #[test]
    fn a_column_on_a_long_line_costs_a_bounded_scan() {
        // One line of 1 MB with a finding every few words: each column lookup must scan a
        // bounded number of bytes, not the line from its start.
        let text = "Théy said the the word. ".repeat(40_000);
        let idx = LineIndex::new(&text);
        let offsets: Vec<usize> = text.match_indices("the the").map(|(i, _)| i).collect();
        for &o in &offsets {
            idx.line_col(o);
        }
        assert!(
            idx.scanned.get() <= offsets.len() * 2 * STRIDE,
            "{} bytes scanned for {} lookups",
            idx.scanned.get(),
            offsets.len()
        );
        let last = *offsets.last().unwrap();
        assert_eq!(idx.line_col(last), reference(&text, last));
    }
}
